//! Tokens → events: a port of go-yaml v2's `parserc.go` (libyaml's LL(1) parser), with its
//! messages ("did not find expected key", "did not find expected node content", …) and marks.
//! go-yaml v2 accepts only `%YAML 1.1` ("found incompatible YAML document" otherwise).

use super::scanner::{ErrorKind, Mark, ScalarStyle, Scanner, Token, TokenKind, YamlError};
use super::Span;
use std::borrow::Cow;

#[derive(Clone, Debug)]
pub(crate) enum EventKind<'a> {
    StreamStart,
    StreamEnd,
    DocumentStart,
    DocumentEnd,
    Alias(&'a str),
    Scalar {
        anchor: Option<&'a str>,
        /// The full tag (`tag:yaml.org,2002:str`, `!foo`, `!`), None when untagged.
        tag: Option<Cow<'a, str>>,
        value: Cow<'a, str>,
        /// Plain and untagged, or tagged `!`: the value is resolved.
        plain_implicit: bool,
        style: ScalarStyle,
    },
    SequenceStart {
        anchor: Option<&'a str>,
        flow: bool,
    },
    SequenceEnd,
    MappingStart {
        anchor: Option<&'a str>,
        flow: bool,
    },
    MappingEnd,
}

#[derive(Clone, Debug)]
pub(crate) struct Event<'a> {
    pub kind: EventKind<'a>,
    /// For scalars and aliases: the text (quotes included; the properties when the scalar is
    /// empty). For collection starts: the collection's own first token. For flow collection
    /// ends: the closing bracket.
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    StreamStart,
    ImplicitDocumentStart,
    DocumentStart,
    DocumentContent,
    DocumentEnd,
    BlockNode,
    BlockSequenceFirstEntry,
    BlockSequenceEntry,
    IndentlessSequenceEntry,
    BlockMappingFirstKey,
    BlockMappingKey,
    BlockMappingValue,
    FlowSequenceFirstEntry,
    FlowSequenceEntry,
    FlowSequenceEntryMappingKey,
    FlowSequenceEntryMappingValue,
    FlowSequenceEntryMappingEnd,
    FlowMappingFirstKey,
    FlowMappingKey,
    FlowMappingValue,
    FlowMappingEmptyValue,
    End,
}

/// The kind of the next token without its data (so that peeking does not borrow the parser).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum T {
    StreamStart,
    StreamEnd,
    VersionDirective,
    TagDirective,
    DocumentStart,
    DocumentEnd,
    BlockSequenceStart,
    BlockMappingStart,
    BlockEnd,
    FlowSequenceStart,
    FlowSequenceEnd,
    FlowMappingStart,
    FlowMappingEnd,
    BlockEntry,
    FlowEntry,
    Key,
    Value,
    Alias,
    Anchor,
    Tag,
    Scalar,
}

fn kind_of(k: &TokenKind<'_>) -> T {
    match k {
        TokenKind::StreamStart => T::StreamStart,
        TokenKind::StreamEnd => T::StreamEnd,
        TokenKind::VersionDirective(..) => T::VersionDirective,
        TokenKind::TagDirective(..) => T::TagDirective,
        TokenKind::DocumentStart => T::DocumentStart,
        TokenKind::DocumentEnd => T::DocumentEnd,
        TokenKind::BlockSequenceStart => T::BlockSequenceStart,
        TokenKind::BlockMappingStart => T::BlockMappingStart,
        TokenKind::BlockEnd => T::BlockEnd,
        TokenKind::FlowSequenceStart => T::FlowSequenceStart,
        TokenKind::FlowSequenceEnd => T::FlowSequenceEnd,
        TokenKind::FlowMappingStart => T::FlowMappingStart,
        TokenKind::FlowMappingEnd => T::FlowMappingEnd,
        TokenKind::BlockEntry => T::BlockEntry,
        TokenKind::FlowEntry => T::FlowEntry,
        TokenKind::Key => T::Key,
        TokenKind::Value => T::Value,
        TokenKind::Alias(_) => T::Alias,
        TokenKind::Anchor(_) => T::Anchor,
        TokenKind::Tag(..) => T::Tag,
        TokenKind::Scalar(..) => T::Scalar,
    }
}

#[derive(Clone, Copy)]
struct Peeked {
    t: T,
    start: Mark,
    end: Mark,
    span: Span,
}

pub(crate) struct Parser<'a> {
    pub scanner: Scanner<'a>,
    state: State,
    states: Vec<State>,
    marks: Vec<Mark>,
    tag_directives: Vec<(Cow<'a, str>, Cow<'a, str>)>,
    pub error: Option<YamlError>,
}

type R<T> = Result<T, ()>;

impl<'a> Parser<'a> {
    pub fn new(scanner: Scanner<'a>) -> Parser<'a> {
        Parser {
            scanner,
            state: State::StreamStart,
            states: Vec::new(),
            marks: Vec::new(),
            tag_directives: Vec::new(),
            error: None,
        }
    }

    /// The first error, from the scanner or the parser.
    pub fn take_error(&mut self) -> Option<YamlError> {
        self.scanner.error.take().or_else(|| self.error.take())
    }

    fn peek(&mut self) -> R<Peeked> {
        let t = self.scanner.peek()?;
        Ok(Peeked {
            t: kind_of(&t.kind),
            start: t.start,
            end: t.end,
            span: t.span(),
        })
    }

    fn take(&mut self) -> Token<'a> {
        self.scanner.take().unwrap_or(Token {
            kind: TokenKind::StreamEnd,
            start: self.scanner.mark,
            end: self.scanner.mark,
            text_end: self.scanner.mark.pos,
        })
    }

    fn pop_state(&mut self) {
        self.state = self.states.pop().unwrap_or(State::End);
    }

    fn fail<X>(&mut self, problem: &'static str, tok: Peeked) -> R<X> {
        self.fail_ctx(Mark::default(), problem, tok)
    }

    fn fail_ctx<X>(&mut self, context_mark: Mark, problem: &'static str, tok: Peeked) -> R<X> {
        let span = self.token_span(tok);
        if self.error.is_none() {
            self.error = Some(YamlError {
                kind: ErrorKind::Parser,
                problem,
                problem_mark: tok.start,
                context_mark,
                span,
            });
        }
        Err(())
    }

    /// What to underline for a token: itself, or for an empty one (a key, block start or end),
    /// the next token at the same place, or the character there.
    fn token_span(&self, tok: Peeked) -> Span {
        if !tok.span.is_empty() {
            return tok.span;
        }
        self.scanner
            .tokens
            .iter()
            .find(|t| t.start.pos == tok.start.pos && !t.span().is_empty())
            .map(|t| t.span())
            .unwrap_or_else(|| self.scanner.char_span(tok.start))
    }

    /// The next event, `Ok(None)` after the stream end, `Err` on a syntax error (see `error`).
    pub fn next_event(&mut self) -> R<Option<Event<'a>>> {
        if self.error.is_some() || self.scanner.error.is_some() || self.state == State::End {
            return Ok(None);
        }
        self.state_machine().map(Some)
    }

    fn state_machine(&mut self) -> R<Event<'a>> {
        match self.state {
            State::StreamStart => self.parse_stream_start(),
            State::ImplicitDocumentStart => self.parse_document_start(true),
            State::DocumentStart => self.parse_document_start(false),
            State::DocumentContent => self.parse_document_content(),
            State::DocumentEnd => self.parse_document_end(),
            State::BlockNode => self.parse_node(true, false),
            State::BlockSequenceFirstEntry => self.parse_block_sequence_entry(true),
            State::BlockSequenceEntry => self.parse_block_sequence_entry(false),
            State::IndentlessSequenceEntry => self.parse_indentless_sequence_entry(),
            State::BlockMappingFirstKey => self.parse_block_mapping_key(true),
            State::BlockMappingKey => self.parse_block_mapping_key(false),
            State::BlockMappingValue => self.parse_block_mapping_value(),
            State::FlowSequenceFirstEntry => self.parse_flow_sequence_entry(true),
            State::FlowSequenceEntry => self.parse_flow_sequence_entry(false),
            State::FlowSequenceEntryMappingKey => self.parse_flow_sequence_entry_mapping_key(),
            State::FlowSequenceEntryMappingValue => self.parse_flow_sequence_entry_mapping_value(),
            State::FlowSequenceEntryMappingEnd => self.parse_flow_sequence_entry_mapping_end(),
            State::FlowMappingFirstKey => self.parse_flow_mapping_key(true),
            State::FlowMappingKey => self.parse_flow_mapping_key(false),
            State::FlowMappingValue => self.parse_flow_mapping_value(false),
            State::FlowMappingEmptyValue => self.parse_flow_mapping_value(true),
            State::End => Err(()),
        }
    }

    fn ev(kind: EventKind<'a>, span: Span) -> Event<'a> {
        Event { kind, span }
    }

    /// The first entry of a collection: its start token is taken, and its position kept for
    /// the error message of an unclosed collection.
    fn open_collection(&mut self) -> R<()> {
        let tok = self.peek()?;
        self.marks.push(tok.start);
        self.take();
        Ok(())
    }

    /// The `BlockEnd` token `tok` closes the current block collection with `end`.
    fn close_block(&mut self, end: EventKind<'a>, tok: Peeked) -> Event<'a> {
        self.pop_state();
        self.marks.pop();
        self.take();
        Self::ev(end, Span::at(tok.start.pos))
    }

    /// Between flow entries: the `,` is taken and the next token peeked; anything else is the
    /// error `msg` (with the collection's start as context).
    fn flow_entry(&mut self, tok: Peeked, msg: &'static str) -> R<Peeked> {
        if tok.t == T::FlowEntry {
            self.take();
            return self.peek();
        }
        let context = self.marks.pop().unwrap_or_default();
        self.fail_ctx(context, msg, tok)
    }

    fn empty_scalar(mark: Mark) -> Event<'a> {
        Event {
            kind: EventKind::Scalar {
                anchor: None,
                tag: None,
                value: Cow::Borrowed(""),
                plain_implicit: true,
                style: ScalarStyle::Plain,
            },
            span: Span::at(mark.pos),
        }
    }

    fn parse_stream_start(&mut self) -> R<Event<'a>> {
        let tok = self.peek()?;
        if tok.t != T::StreamStart {
            return self.fail("did not find expected <stream-start>", tok);
        }
        self.state = State::ImplicitDocumentStart;
        self.take();
        Ok(Self::ev(EventKind::StreamStart, Span::at(tok.start.pos)))
    }

    fn parse_document_start(&mut self, implicit: bool) -> R<Event<'a>> {
        let mut tok = self.peek()?;
        if !implicit {
            while tok.t == T::DocumentEnd {
                self.take();
                tok = self.peek()?;
            }
        }
        if implicit
            && !matches!(
                tok.t,
                T::VersionDirective | T::TagDirective | T::DocumentStart | T::StreamEnd
            )
        {
            self.process_directives()?;
            self.states.push(State::DocumentEnd);
            self.state = State::BlockNode;
            Ok(Self::ev(EventKind::DocumentStart, Span::at(tok.start.pos)))
        } else if tok.t != T::StreamEnd {
            self.process_directives()?;
            let tok = self.peek()?;
            if tok.t != T::DocumentStart {
                return self.fail("did not find expected <document start>", tok);
            }
            self.states.push(State::DocumentEnd);
            self.state = State::DocumentContent;
            self.take();
            Ok(Self::ev(EventKind::DocumentStart, tok.span))
        } else {
            self.state = State::End;
            self.take();
            Ok(Self::ev(EventKind::StreamEnd, Span::at(tok.start.pos)))
        }
    }

    fn parse_document_content(&mut self) -> R<Event<'a>> {
        let tok = self.peek()?;
        if matches!(
            tok.t,
            T::VersionDirective
                | T::TagDirective
                | T::DocumentStart
                | T::DocumentEnd
                | T::StreamEnd
        ) {
            self.pop_state();
            return Ok(Self::empty_scalar(tok.start));
        }
        self.parse_node(true, false)
    }

    fn parse_document_end(&mut self) -> R<Event<'a>> {
        let tok = self.peek()?;
        if tok.t == T::DocumentEnd {
            self.take();
        }
        self.tag_directives.clear();
        self.state = State::DocumentStart;
        Ok(Self::ev(EventKind::DocumentEnd, Span::at(tok.start.pos)))
    }

    fn parse_node(&mut self, block: bool, indentless_sequence: bool) -> R<Event<'a>> {
        let mut tok = self.peek()?;
        if tok.t == T::Alias {
            self.pop_state();
            let t = self.take();
            let name = match t.kind {
                TokenKind::Alias(n) => n,
                _ => "",
            };
            return Ok(Self::ev(EventKind::Alias(name), tok.span));
        }
        let start_mark = tok.start;
        let mut end_mark = tok.start;
        let mut anchor: Option<&'a str> = None;
        let mut tag_parts: Option<(&'a str, Cow<'a, str>)> = None;
        let mut tag_mark = tok.start;
        let took_tag = |this: &mut Self| -> Option<(&'a str, Cow<'a, str>)> {
            match this.take().kind {
                TokenKind::Tag(h, s) => Some((h, s)),
                _ => None,
            }
        };
        if tok.t == T::Anchor {
            if let TokenKind::Anchor(a) = self.take().kind {
                anchor = Some(a);
            }
            end_mark = tok.end;
            tok = self.peek()?;
            if tok.t == T::Tag {
                tag_mark = tok.start;
                end_mark = tok.end;
                tag_parts = took_tag(self);
                tok = self.peek()?;
            }
        } else if tok.t == T::Tag {
            tag_mark = tok.start;
            end_mark = tok.end;
            tag_parts = took_tag(self);
            tok = self.peek()?;
            if tok.t == T::Anchor {
                if let TokenKind::Anchor(a) = self.take().kind {
                    anchor = Some(a);
                }
                end_mark = tok.end;
                tok = self.peek()?;
            }
        }
        let mut tag: Option<Cow<'a, str>> = None;
        if let Some((handle, suffix)) = tag_parts {
            if handle.is_empty() {
                tag = Some(suffix);
            } else {
                let prefix = self
                    .tag_directives
                    .iter()
                    .find(|(h, _)| h == handle)
                    .map(|(_, p)| p.clone());
                match prefix {
                    Some(p) => tag = Some(Cow::Owned(format!("{p}{suffix}"))),
                    None => {
                        let at = Peeked {
                            t: T::Tag,
                            start: tag_mark,
                            end: tag_mark,
                            span: Span::new(tag_mark.pos, end_mark.pos),
                        };
                        return self.fail_ctx(start_mark, "found undefined tag handle", at);
                    }
                }
            }
        }
        let props_span = Span::new(start_mark.pos, end_mark.pos.max(start_mark.pos));
        if tag.as_deref() == Some("") {
            tag = None;
        }
        if indentless_sequence && tok.t == T::BlockEntry {
            self.state = State::IndentlessSequenceEntry;
            return Ok(Self::ev(
                EventKind::SequenceStart {
                    anchor,
                    flow: false,
                },
                Span::at(tok.start.pos),
            ));
        }
        if tok.t == T::Scalar {
            let t = self.take();
            let (value, style) = match t.kind {
                TokenKind::Scalar(v, s) => (v, s),
                _ => (Cow::Borrowed(""), ScalarStyle::Plain),
            };
            let plain_implicit =
                (tag.is_none() && style == ScalarStyle::Plain) || tag.as_deref() == Some("!");
            self.pop_state();
            return Ok(Self::ev(
                EventKind::Scalar {
                    anchor,
                    tag,
                    value,
                    plain_implicit,
                    style,
                },
                tok.span,
            ));
        }
        let collection = match tok.t {
            T::FlowSequenceStart => Some((State::FlowSequenceFirstEntry, true, true)),
            T::FlowMappingStart => Some((State::FlowMappingFirstKey, false, true)),
            T::BlockSequenceStart if block => Some((State::BlockSequenceFirstEntry, true, false)),
            T::BlockMappingStart if block => Some((State::BlockMappingFirstKey, false, false)),
            _ => None,
        };
        if let Some((state, seq, flow)) = collection {
            self.state = state;
            let span = Span::at(tok.start.pos);
            let kind = if seq {
                EventKind::SequenceStart { anchor, flow }
            } else {
                EventKind::MappingStart { anchor, flow }
            };
            return Ok(Self::ev(kind, span));
        }
        if anchor.is_some() || tag.is_some() {
            self.pop_state();
            // parserc.go: `implicit := len(tag) == 0` (a lone `!` is not implicit here).
            let plain_implicit = tag.is_none();
            return Ok(Self::ev(
                EventKind::Scalar {
                    anchor,
                    tag,
                    value: Cow::Borrowed(""),
                    plain_implicit,
                    style: ScalarStyle::Plain,
                },
                props_span,
            ));
        }
        let _ = block;
        self.fail_ctx(start_mark, "did not find expected node content", tok)
    }

    fn parse_block_sequence_entry(&mut self, first: bool) -> R<Event<'a>> {
        if first {
            self.open_collection()?;
        }
        let tok = self.peek()?;
        if tok.t == T::BlockEntry {
            let mark = tok.end;
            self.take();
            let tok = self.peek()?;
            if tok.t != T::BlockEntry && tok.t != T::BlockEnd {
                self.states.push(State::BlockSequenceEntry);
                return self.parse_node(true, false);
            }
            self.state = State::BlockSequenceEntry;
            return Ok(Self::empty_scalar(mark));
        }
        if tok.t == T::BlockEnd {
            return Ok(self.close_block(EventKind::SequenceEnd, tok));
        }
        let context = self.marks.pop().unwrap_or_default();
        self.fail_ctx(context, "did not find expected '-' indicator", tok)
    }

    fn parse_indentless_sequence_entry(&mut self) -> R<Event<'a>> {
        let tok = self.peek()?;
        if tok.t == T::BlockEntry {
            let mark = tok.end;
            self.take();
            let tok = self.peek()?;
            if !matches!(tok.t, T::BlockEntry | T::Key | T::Value | T::BlockEnd) {
                self.states.push(State::IndentlessSequenceEntry);
                return self.parse_node(true, false);
            }
            self.state = State::IndentlessSequenceEntry;
            return Ok(Self::empty_scalar(mark));
        }
        self.pop_state();
        Ok(Self::ev(EventKind::SequenceEnd, Span::at(tok.start.pos)))
    }

    fn parse_block_mapping_key(&mut self, first: bool) -> R<Event<'a>> {
        if first {
            self.open_collection()?;
        }
        let tok = self.peek()?;
        if tok.t == T::Key {
            let mark = tok.end;
            self.take();
            let tok = self.peek()?;
            if !matches!(tok.t, T::Key | T::Value | T::BlockEnd) {
                self.states.push(State::BlockMappingValue);
                return self.parse_node(true, true);
            }
            self.state = State::BlockMappingValue;
            return Ok(Self::empty_scalar(mark));
        }
        if tok.t == T::BlockEnd {
            return Ok(self.close_block(EventKind::MappingEnd, tok));
        }
        let context = self.marks.pop().unwrap_or_default();
        self.fail_ctx(context, "did not find expected key", tok)
    }

    fn parse_block_mapping_value(&mut self) -> R<Event<'a>> {
        let tok = self.peek()?;
        if tok.t == T::Value {
            let mark = tok.end;
            self.take();
            let tok = self.peek()?;
            if !matches!(tok.t, T::Key | T::Value | T::BlockEnd) {
                self.states.push(State::BlockMappingKey);
                return self.parse_node(true, true);
            }
            self.state = State::BlockMappingKey;
            return Ok(Self::empty_scalar(mark));
        }
        self.state = State::BlockMappingKey;
        Ok(Self::empty_scalar(tok.start))
    }

    fn parse_flow_sequence_entry(&mut self, first: bool) -> R<Event<'a>> {
        if first {
            self.open_collection()?;
        }
        let mut tok = self.peek()?;
        if tok.t != T::FlowSequenceEnd {
            if !first {
                tok = self.flow_entry(tok, "did not find expected ',' or ']'")?;
            }
            if tok.t == T::Key {
                self.state = State::FlowSequenceEntryMappingKey;
                self.take();
                return Ok(Self::ev(
                    EventKind::MappingStart {
                        anchor: None,
                        flow: true,
                    },
                    Span::at(tok.start.pos),
                ));
            } else if tok.t != T::FlowSequenceEnd {
                self.states.push(State::FlowSequenceEntry);
                return self.parse_node(false, false);
            }
        }
        self.pop_state();
        self.marks.pop();
        self.take();
        Ok(Self::ev(EventKind::SequenceEnd, tok.span))
    }

    fn parse_flow_sequence_entry_mapping_key(&mut self) -> R<Event<'a>> {
        let tok = self.peek()?;
        if !matches!(tok.t, T::Value | T::FlowEntry | T::FlowSequenceEnd) {
            self.states.push(State::FlowSequenceEntryMappingValue);
            return self.parse_node(false, false);
        }
        let mark = tok.end;
        self.take();
        self.state = State::FlowSequenceEntryMappingValue;
        Ok(Self::empty_scalar(mark))
    }

    fn parse_flow_sequence_entry_mapping_value(&mut self) -> R<Event<'a>> {
        let mut tok = self.peek()?;
        if tok.t == T::Value {
            self.take();
            tok = self.peek()?;
            if !matches!(tok.t, T::FlowEntry | T::FlowSequenceEnd) {
                self.states.push(State::FlowSequenceEntryMappingEnd);
                return self.parse_node(false, false);
            }
        }
        self.state = State::FlowSequenceEntryMappingEnd;
        Ok(Self::empty_scalar(tok.start))
    }

    fn parse_flow_sequence_entry_mapping_end(&mut self) -> R<Event<'a>> {
        let tok = self.peek()?;
        self.state = State::FlowSequenceEntry;
        Ok(Self::ev(EventKind::MappingEnd, Span::at(tok.start.pos)))
    }

    fn parse_flow_mapping_key(&mut self, first: bool) -> R<Event<'a>> {
        if first {
            self.open_collection()?;
        }
        let mut tok = self.peek()?;
        if tok.t != T::FlowMappingEnd {
            if !first {
                tok = self.flow_entry(tok, "did not find expected ',' or '}'")?;
            }
            if tok.t == T::Key {
                self.take();
                tok = self.peek()?;
                if !matches!(tok.t, T::Value | T::FlowEntry | T::FlowMappingEnd) {
                    self.states.push(State::FlowMappingValue);
                    return self.parse_node(false, false);
                }
                self.state = State::FlowMappingValue;
                return Ok(Self::empty_scalar(tok.start));
            } else if tok.t != T::FlowMappingEnd {
                self.states.push(State::FlowMappingEmptyValue);
                return self.parse_node(false, false);
            }
        }
        self.pop_state();
        self.marks.pop();
        self.take();
        Ok(Self::ev(EventKind::MappingEnd, tok.span))
    }

    fn parse_flow_mapping_value(&mut self, empty: bool) -> R<Event<'a>> {
        let mut tok = self.peek()?;
        if empty {
            self.state = State::FlowMappingKey;
            return Ok(Self::empty_scalar(tok.start));
        }
        if tok.t == T::Value {
            self.take();
            tok = self.peek()?;
            if !matches!(tok.t, T::FlowEntry | T::FlowMappingEnd) {
                self.states.push(State::FlowMappingKey);
                return self.parse_node(false, false);
            }
        }
        self.state = State::FlowMappingKey;
        Ok(Self::empty_scalar(tok.start))
    }

    fn process_directives(&mut self) -> R<()> {
        let mut seen_version = false;
        let mut tok = self.peek()?;
        while matches!(tok.t, T::VersionDirective | T::TagDirective) {
            let t = self.take();
            match t.kind {
                TokenKind::VersionDirective(major, minor) => {
                    if seen_version {
                        return self.fail("found duplicate %YAML directive", tok);
                    }
                    if major != 1 || minor != 1 {
                        return self.fail("found incompatible YAML document", tok);
                    }
                    seen_version = true;
                }
                TokenKind::TagDirective(handle, prefix) => {
                    if self.tag_directives.iter().any(|(h, _)| *h == handle) {
                        return self.fail("found duplicate %TAG directive", tok);
                    }
                    self.tag_directives.push((handle, prefix));
                }
                _ => {}
            }
            tok = self.peek()?;
        }
        for (h, p) in [("!", "!"), ("!!", "tag:yaml.org,2002:")] {
            if !self.tag_directives.iter().any(|(x, _)| x == h) {
                self.tag_directives
                    .push((Cow::Borrowed(h), Cow::Borrowed(p)));
            }
        }
        Ok(())
    }
}
