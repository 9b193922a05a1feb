//! Characters → tokens: a port of go-yaml v2's `scannerc.go` (itself libyaml's scanner), kept
//! close to the original so that the same input fails at the same place with the same message.
//!
//! Differences from the Go code are in representation only: the input is one `&str` (no
//! reader buffer), positions are byte offsets into the whole file, scalar values borrow from the
//! source when they can. go-yaml v2 quirks that are kept on purpose:
//! - a `:` ends a plain scalar only when a blank follows, in flow context too (`{a:b}` is the
//!   key `a:b`), and `,?[]{}` end it in flow context;
//! - simple keys are checked lazily through `simple_keys_by_tok` (v2.3+), including its
//!   bookkeeping slips (`[]: x` fails with "did not find expected <document start>");
//! - flow level and indentation depth are limited to 10000 ("exceeded max depth of 10000").

use super::Span;
use std::borrow::Cow;
use std::collections::VecDeque;

/// A position as go-yaml counts it: `line` and `col` from 0, `col` in characters, `line` counting
/// `\r\n`, `\r`, `\n`, NEL, LS and PS as breaks; `index` counts characters (for the 1024 rule).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Mark {
    /// Byte offset in the file.
    pub pos: u32,
    pub line: u32,
    pub col: u32,
    pub index: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ScalarStyle {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum TokenKind<'a> {
    StreamStart,
    StreamEnd,
    VersionDirective(u8, u8),
    TagDirective(Cow<'a, str>, Cow<'a, str>),
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
    Alias(&'a str),
    Anchor(&'a str),
    /// handle (`!`, `!!`, `!e!`, or empty for `!<verbatim>` and the lone `!`), suffix
    Tag(&'a str, Cow<'a, str>),
    Scalar(Cow<'a, str>, ScalarStyle),
}

#[derive(Clone, Debug)]
pub(crate) struct Token<'a> {
    pub kind: TokenKind<'a>,
    pub start: Mark,
    pub end: Mark,
    /// Where the token's text ends (for block scalars: the end of the last content line, while
    /// `end` follows go-yaml).
    pub text_end: u32,
}

impl Token<'_> {
    pub fn span(&self) -> Span {
        Span::new(self.start.pos, self.text_end.max(self.start.pos))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ErrorKind {
    Scanner,
    Parser,
}

/// A scanner or parser error as go-yaml records it, plus the span the editor underlines.
#[derive(Clone, Debug)]
pub(crate) struct YamlError {
    pub kind: ErrorKind,
    pub problem: &'static str,
    pub problem_mark: Mark,
    pub context_mark: Mark,
    pub span: Span,
}

impl YamlError {
    /// The line go-yaml v2's `parser.fail()` prints: the 0-based problem line (+1 for scanner
    /// errors), else the context line, else none (0).
    pub fn kubectl_line(&self) -> u32 {
        if self.problem_mark.line != 0 {
            self.problem_mark.line + u32::from(self.kind == ErrorKind::Scanner)
        } else {
            self.context_mark.line
        }
    }

    /// The mark whose line [`kubectl_line`](Self::kubectl_line) prints, if it prints one.
    pub fn line_mark(&self) -> Option<Mark> {
        if self.problem_mark.line != 0 {
            Some(self.problem_mark)
        } else if self.context_mark.line != 0 {
            Some(self.context_mark)
        } else {
            None
        }
    }
}

#[derive(Clone, Copy, Debug, Default)]
struct SimpleKey {
    possible: bool,
    required: bool,
    token_number: usize,
    mark: Mark,
}

const MAX_FLOW_LEVEL: usize = 10000;
const MAX_INDENTS: usize = 10000;

pub(crate) struct Scanner<'a> {
    src: &'a str,
    b: &'a [u8],
    /// End of the document's text (exclusive).
    end: usize,
    /// End including the line break kubectl's line reader adds to a last line without one.
    limit: usize,
    pos: usize,
    pub mark: Mark,
    pub tokens: VecDeque<Token<'a>>,
    pub tokens_parsed: usize,
    token_available: bool,
    stream_start_produced: bool,
    stream_end_fetched: bool,
    indent: i64,
    indents: Vec<i64>,
    simple_key_allowed: bool,
    simple_keys: Vec<SimpleKey>,
    /// go-yaml's `simple_keys_by_tok` map (token number → simple key index).
    keys_by_tok: Vec<(usize, usize)>,
    flow_level: usize,
    pub error: Option<YamlError>,
}

type R<T> = Result<T, ()>;

#[inline(always)]
fn width(b: u8) -> usize {
    match b {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    }
}

/// Line folding in a flow scalar (YAML 1.2 §6.5): a line break becomes a space, or, with empty
/// lines after it, those lines' breaks; a leading break that is not `\n` is kept too (as
/// yaml.v3 does). Both buffers are emptied.
fn fold_breaks(s: &mut String, leading_break: &mut String, trailing_breaks: &mut String) {
    if leading_break.starts_with('\n') {
        if trailing_breaks.is_empty() {
            s.push(' ');
        } else {
            s.push_str(trailing_breaks);
        }
    } else {
        s.push_str(leading_break);
        s.push_str(trailing_breaks);
    }
    trailing_breaks.clear();
    leading_break.clear();
}

fn is_alpha_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'-'
}

impl<'a> Scanner<'a> {
    /// Scans `src[start..end]` as kubectl hands one document to go-yaml: a final line break is
    /// assumed when the text lacks one, and a leading BOM is dropped without counting a column.
    pub fn new(src: &'a str, start: usize, end: usize) -> Scanner<'a> {
        let b = src.as_bytes();
        let end = end.min(b.len());
        let start = start.min(end);
        let needs_nl = end > start && b.get(end - 1) != Some(&b'\n');
        let mut pos = start;
        if b.get(start..start + 3) == Some(&[0xEF, 0xBB, 0xBF][..]) && start + 3 <= end {
            pos = start + 3;
        }
        Scanner {
            src,
            b,
            end,
            limit: end + usize::from(needs_nl),
            pos,
            mark: Mark {
                pos: pos as u32,
                line: 0,
                col: 0,
                index: 0,
            },
            tokens: VecDeque::new(),
            tokens_parsed: 0,
            token_available: false,
            stream_start_produced: false,
            stream_end_fetched: false,
            indent: -1,
            indents: Vec::new(),
            simple_key_allowed: false,
            simple_keys: Vec::new(),
            keys_by_tok: Vec::new(),
            flow_level: 0,
            error: None,
        }
    }

    /// The whole file's text.
    pub fn src(&self) -> &'a str {
        self.src
    }

    // ----- character access -----

    #[inline(always)]
    fn at(&self, i: usize) -> u8 {
        if i < self.end {
            self.b.get(i).copied().unwrap_or(0)
        } else if i < self.limit {
            b'\n'
        } else {
            0
        }
    }

    #[inline(always)]
    fn c(&self, k: usize) -> u8 {
        self.at(self.pos + k)
    }

    #[inline(always)]
    fn is_z(&self, k: usize) -> bool {
        self.pos + k >= self.limit
    }

    #[inline(always)]
    fn is_blank(&self, k: usize) -> bool {
        matches!(self.c(k), b' ' | b'\t')
    }

    #[inline(always)]
    fn is_break(&self, k: usize) -> bool {
        match self.c(k) {
            b'\r' | b'\n' => true,
            0xC2 => self.c(k + 1) == 0x85,
            0xE2 => self.c(k + 1) == 0x80 && matches!(self.c(k + 2), 0xA8 | 0xA9),
            _ => false,
        }
    }

    #[inline(always)]
    fn is_breakz(&self, k: usize) -> bool {
        self.is_break(k) || self.is_z(k)
    }

    #[inline(always)]
    fn is_blankz(&self, k: usize) -> bool {
        self.is_blank(k) || self.is_breakz(k)
    }

    #[inline(always)]
    fn is_alpha(&self, k: usize) -> bool {
        !self.is_z(k) && is_alpha_byte(self.c(k))
    }

    #[inline(always)]
    fn is_bom(&self) -> bool {
        self.c(0) == 0xEF && self.c(1) == 0xBB && self.c(2) == 0xBF
    }

    fn slice(&self, a: usize, b: usize) -> &'a str {
        let src: &'a str = self.src;
        src.get(a.min(self.end)..b.min(self.end)).unwrap_or("")
    }

    #[inline(always)]
    fn sync(&mut self) {
        self.mark.pos = self.pos.min(self.end) as u32;
    }

    #[inline(always)]
    fn skip(&mut self) {
        self.pos += width(self.c(0));
        self.mark.index += 1;
        self.mark.col += 1;
        self.sync();
    }

    /// Skips the bytes before `stop` (all on the current line, none a break) in one step,
    /// counting characters for the column.
    #[inline(always)]
    fn skip_to(&mut self, stop: usize) {
        let stop = stop.min(self.end);
        if stop <= self.pos {
            return;
        }
        let chars = self
            .b
            .get(self.pos..stop)
            .map_or(0, |r| r.iter().filter(|c| (**c & 0xC0) != 0x80).count())
            as u32;
        self.pos = stop;
        self.mark.col += chars;
        self.mark.index += chars;
        self.sync();
    }

    /// The end of the run of plain-scalar characters that need no check: printable ASCII
    /// other than `:` (and `,?[]{}` in flow context).
    #[inline(always)]
    fn plain_run_end(&self) -> usize {
        let flow = self.flow_level > 0;
        let tail = self.b.get(self.pos..self.end).unwrap_or(&[]);
        let n = tail
            .iter()
            .position(|&c| {
                !(0x21..=0x7E).contains(&c)
                    || c == b':'
                    || (flow && matches!(c, b',' | b'?' | b'[' | b']' | b'{' | b'}'))
            })
            .unwrap_or(tail.len());
        self.pos + n
    }

    fn skip_line(&mut self) {
        if self.c(0) == b'\r' && self.c(1) == b'\n' {
            self.pos += 2;
            self.mark.index += 2;
            self.mark.col = 0;
            self.mark.line += 1;
            self.sync();
        } else if self.is_break(0) {
            self.pos += width(self.c(0));
            self.mark.index += 1;
            self.mark.col = 0;
            self.mark.line += 1;
            self.sync();
        }
    }

    /// Copies the current character to `s` and advances.
    fn read(&mut self, s: &mut String) {
        let start = self.pos;
        self.skip();
        s.push_str(self.slice(start, self.pos));
    }

    /// Copies a line break to `s` (CR LF, CR, LF and NEL become `\n`; LS and PS are kept).
    fn read_line(&mut self, s: &mut String) {
        let c0 = self.c(0);
        if c0 == b'\r' && self.c(1) == b'\n' {
            s.push('\n');
            self.pos += 2;
            self.mark.index += 1;
        } else if c0 == b'\r' || c0 == b'\n' {
            s.push('\n');
            self.pos += 1;
        } else if c0 == 0xC2 && self.c(1) == 0x85 {
            s.push('\n');
            self.pos += 2;
        } else if c0 == 0xE2 && self.c(1) == 0x80 && matches!(self.c(2), 0xA8 | 0xA9) {
            s.push_str(self.slice(self.pos, self.pos + 3));
            self.pos += 3;
        } else {
            return;
        }
        self.mark.index += 1;
        self.mark.col = 0;
        self.mark.line += 1;
        self.sync();
    }

    // ----- errors -----

    fn fail<T>(&mut self, context_mark: Mark, problem: &'static str) -> R<T> {
        let span = self.char_span(self.mark);
        self.fail_at(context_mark, problem, span)
    }

    fn fail_at<T>(&mut self, context_mark: Mark, problem: &'static str, span: Span) -> R<T> {
        if self.error.is_none() {
            self.error = Some(YamlError {
                kind: ErrorKind::Scanner,
                problem,
                problem_mark: self.mark,
                context_mark,
                span,
            });
        }
        Err(())
    }

    /// The character at `m` (empty at a line break or the end).
    pub fn char_span(&self, m: Mark) -> Span {
        let p = m.pos as usize;
        if p >= self.end {
            return Span::at(self.end as u32);
        }
        let c = self.at(p);
        if matches!(c, b'\r' | b'\n') {
            return Span::at(p as u32);
        }
        Span::new(p as u32, (p + width(c)).min(self.end) as u32)
    }

    // ----- the token queue -----

    /// Makes sure a token is available (go-yaml `peek_token`); `Err` when scanning failed.
    pub fn peek(&mut self) -> R<&Token<'a>> {
        if !self.token_available {
            self.fetch_more_tokens()?;
        }
        self.tokens.front().ok_or(())
    }

    /// Removes the token returned by the last `peek` (go-yaml `skip_token`).
    pub fn take(&mut self) -> Option<Token<'a>> {
        self.token_available = false;
        self.tokens_parsed += 1;
        self.tokens.pop_front()
    }

    fn insert_token(&mut self, pos: i64, token: Token<'a>) {
        if pos < 0 {
            self.tokens.push_back(token);
        } else {
            let p = (pos as usize).min(self.tokens.len());
            self.tokens.insert(p, token);
        }
    }

    /// The token made of the one character at the cursor (`[`, `,`, `-`, `?`, `:`, …).
    fn push_one_char_token(&mut self, kind: TokenKind<'a>) -> R<()> {
        let start = self.mark;
        self.skip();
        let end = self.mark;
        self.push_token(kind, start, end);
        Ok(())
    }

    /// After a directive or a block scalar's header: blanks, a comment, then the line break
    /// (or the end), which is skipped. Anything else is an error in the construct from `start`.
    fn skip_to_next_line(&mut self, start: Mark) -> R<()> {
        while self.is_blank(0) {
            self.skip();
        }
        if self.c(0) == b'#' {
            while !self.is_breakz(0) {
                self.skip();
            }
        }
        if !self.is_breakz(0) {
            return self.fail(start, "did not find expected comment or line break");
        }
        if self.is_break(0) {
            self.skip_line();
        }
        Ok(())
    }

    fn push_token(&mut self, kind: TokenKind<'a>, start: Mark, end: Mark) {
        self.tokens.push_back(Token {
            kind,
            start,
            end,
            text_end: end.pos,
        });
    }

    fn key_by_tok(&self, n: usize) -> Option<usize> {
        self.keys_by_tok
            .iter()
            .find(|(t, _)| *t == n)
            .map(|(_, i)| *i)
    }

    fn set_key_by_tok(&mut self, n: usize, idx: usize) {
        // Entries for tokens already handed to the parser can never be looked up again.
        let parsed = self.tokens_parsed;
        self.keys_by_tok.retain(|(t, _)| *t != n && *t >= parsed);
        self.keys_by_tok.push((n, idx));
    }

    fn del_key_by_tok(&mut self, n: usize) {
        self.keys_by_tok.retain(|(t, _)| *t != n);
    }

    fn fetch_more_tokens(&mut self) -> R<()> {
        loop {
            if !self.tokens.is_empty() {
                if self.stream_end_fetched {
                    break;
                }
                match self.key_by_tok(self.tokens_parsed) {
                    None => break,
                    Some(idx) => {
                        if !self.simple_key_is_valid(idx)? {
                            break;
                        }
                    }
                }
            }
            self.fetch_next_token()?;
        }
        self.token_available = true;
        Ok(())
    }

    fn simple_key_is_valid(&mut self, idx: usize) -> R<bool> {
        let mark = self.mark;
        let Some(key) = self.simple_keys.get(idx).copied() else {
            return Ok(false);
        };
        if !key.possible {
            return Ok(false);
        }
        if key.mark.line < mark.line || key.mark.index as u64 + 1024 < mark.index as u64 {
            if key.required {
                let span = self.key_span(&key);
                return self.fail_at(key.mark, "could not find expected ':'", span);
            }
            if let Some(k) = self.simple_keys.get_mut(idx) {
                k.possible = false;
            }
            return Ok(false);
        }
        Ok(true)
    }

    /// The span of the token a simple key stands for (what is missing its `:`).
    fn key_span(&self, key: &SimpleKey) -> Span {
        let rel = key.token_number.wrapping_sub(self.tokens_parsed);
        match self.tokens.get(rel) {
            Some(t) if t.start.pos == key.mark.pos => t.span(),
            _ => self.char_span(key.mark),
        }
    }

    fn save_simple_key(&mut self) -> R<()> {
        let required = self.flow_level == 0 && self.indent == self.mark.col as i64;
        if self.simple_key_allowed {
            let key = SimpleKey {
                possible: true,
                required,
                token_number: self.tokens_parsed + self.tokens.len(),
                mark: self.mark,
            };
            self.remove_simple_key()?;
            let last = self.simple_keys.len().saturating_sub(1);
            if let Some(k) = self.simple_keys.get_mut(last) {
                *k = key;
            }
            self.set_key_by_tok(key.token_number, last);
        }
        Ok(())
    }

    fn remove_simple_key(&mut self) -> R<()> {
        let Some(key) = self.simple_keys.last().copied() else {
            return Ok(());
        };
        if key.possible {
            if key.required {
                let span = self.key_span(&key);
                return self.fail_at(key.mark, "could not find expected ':'", span);
            }
            if let Some(k) = self.simple_keys.last_mut() {
                k.possible = false;
            }
            self.del_key_by_tok(key.token_number);
        }
        Ok(())
    }

    fn increase_flow_level(&mut self) -> R<()> {
        self.simple_keys.push(SimpleKey {
            possible: false,
            required: false,
            token_number: self.tokens_parsed + self.tokens.len(),
            mark: self.mark,
        });
        self.flow_level += 1;
        if self.flow_level > MAX_FLOW_LEVEL {
            let m = self.simple_keys.last().map(|k| k.mark).unwrap_or(self.mark);
            return self.fail(m, "exceeded max depth of 10000");
        }
        Ok(())
    }

    fn decrease_flow_level(&mut self) {
        if self.flow_level > 0 {
            self.flow_level -= 1;
            if let Some(last) = self.simple_keys.pop() {
                self.del_key_by_tok(last.token_number);
            }
        }
    }

    fn roll_indent(&mut self, column: i64, number: i64, kind: TokenKind<'a>, mark: Mark) -> R<()> {
        if self.flow_level > 0 {
            return Ok(());
        }
        if self.indent < column {
            self.indents.push(self.indent);
            self.indent = column;
            if self.indents.len() > MAX_INDENTS {
                let m = self.simple_keys.last().map(|k| k.mark).unwrap_or(self.mark);
                return self.fail(m, "exceeded max depth of 10000");
            }
            let token = Token {
                kind,
                start: mark,
                end: mark,
                text_end: mark.pos,
            };
            let pos = if number > -1 {
                number - self.tokens_parsed as i64
            } else {
                number
            };
            self.insert_token(pos, token);
        }
        Ok(())
    }

    fn unroll_indent(&mut self, column: i64) {
        if self.flow_level > 0 {
            return;
        }
        while self.indent > column {
            let m = self.mark;
            self.push_token(TokenKind::BlockEnd, m, m);
            self.indent = self.indents.pop().unwrap_or(-1);
        }
    }

    // ----- the dispatcher -----

    fn fetch_next_token(&mut self) -> R<()> {
        if !self.stream_start_produced {
            self.indent = -1;
            self.simple_keys.push(SimpleKey::default());
            self.simple_key_allowed = true;
            self.stream_start_produced = true;
            let m = self.mark;
            self.push_token(TokenKind::StreamStart, m, m);
            return Ok(());
        }
        self.scan_to_next_token();
        self.unroll_indent(self.mark.col as i64);

        if self.is_z(0) {
            return self.fetch_stream_end();
        }
        let c = self.c(0);
        let col0 = self.mark.col == 0;
        if col0 && c == b'%' {
            return self.fetch_directive();
        }
        if col0 && c == b'-' && self.c(1) == b'-' && self.c(2) == b'-' && self.is_blankz(3) {
            return self.fetch_document_indicator(TokenKind::DocumentStart);
        }
        if col0 && c == b'.' && self.c(1) == b'.' && self.c(2) == b'.' && self.is_blankz(3) {
            return self.fetch_document_indicator(TokenKind::DocumentEnd);
        }
        match c {
            b'[' => return self.fetch_flow_collection_start(TokenKind::FlowSequenceStart),
            b'{' => return self.fetch_flow_collection_start(TokenKind::FlowMappingStart),
            b']' => return self.fetch_flow_collection_end(TokenKind::FlowSequenceEnd),
            b'}' => return self.fetch_flow_collection_end(TokenKind::FlowMappingEnd),
            b',' => return self.fetch_flow_entry(),
            _ => {}
        }
        if c == b'-' && self.is_blankz(1) {
            return self.fetch_block_entry();
        }
        if c == b'?' && (self.flow_level > 0 || self.is_blankz(1)) {
            return self.fetch_key();
        }
        if c == b':' && (self.flow_level > 0 || self.is_blankz(1)) {
            return self.fetch_value();
        }
        match c {
            b'*' => return self.fetch_anchor(true),
            b'&' => return self.fetch_anchor(false),
            b'!' => return self.fetch_tag(),
            b'|' if self.flow_level == 0 => return self.fetch_block_scalar(true),
            b'>' if self.flow_level == 0 => return self.fetch_block_scalar(false),
            b'\'' => return self.fetch_flow_scalar(true),
            b'"' => return self.fetch_flow_scalar(false),
            _ => {}
        }
        let indicator = self.is_blankz(0)
            || matches!(
                c,
                b'-' | b'?'
                    | b':'
                    | b','
                    | b'['
                    | b']'
                    | b'{'
                    | b'}'
                    | b'#'
                    | b'&'
                    | b'*'
                    | b'!'
                    | b'|'
                    | b'>'
                    | b'\''
                    | b'"'
                    | b'%'
                    | b'@'
                    | b'`'
            );
        if !indicator
            || (c == b'-' && !self.is_blank(1))
            || (self.flow_level == 0 && (c == b'?' || c == b':') && !self.is_blankz(1))
        {
            return self.fetch_plain_scalar();
        }
        let m = self.mark;
        self.fail(m, "found character that cannot start any token")
    }

    fn scan_to_next_token(&mut self) {
        loop {
            if self.mark.col == 0 && self.is_bom() {
                self.skip();
            }
            while self.c(0) == b' '
                || ((self.flow_level > 0 || !self.simple_key_allowed) && self.c(0) == b'\t')
            {
                self.skip();
            }
            if self.c(0) == b'#' {
                // Comments: jump to the next CR or LF (NEL, LS and PS also end a line).
                let tail = self.b.get(self.pos..self.end).unwrap_or(&[]);
                let n = tail
                    .iter()
                    .position(|&c| matches!(c, b'\n' | b'\r' | 0xC2 | 0xE2))
                    .unwrap_or(tail.len());
                self.skip_to(self.pos + n);
                while !self.is_breakz(0) {
                    self.skip();
                }
            }
            if self.is_break(0) {
                self.skip_line();
                if self.flow_level == 0 {
                    self.simple_key_allowed = true;
                }
            } else {
                break;
            }
        }
    }

    fn fetch_stream_end(&mut self) -> R<()> {
        if self.mark.col != 0 {
            self.mark.col = 0;
            self.mark.line += 1;
        }
        self.unroll_indent(-1);
        self.remove_simple_key()?;
        self.simple_key_allowed = false;
        self.stream_end_fetched = true;
        let m = self.mark;
        self.push_token(TokenKind::StreamEnd, m, m);
        Ok(())
    }

    fn fetch_directive(&mut self) -> R<()> {
        self.unroll_indent(-1);
        self.remove_simple_key()?;
        self.simple_key_allowed = false;
        let token = self.scan_directive()?;
        self.tokens.push_back(token);
        Ok(())
    }

    fn fetch_document_indicator(&mut self, kind: TokenKind<'a>) -> R<()> {
        self.unroll_indent(-1);
        self.remove_simple_key()?;
        self.simple_key_allowed = false;
        let start = self.mark;
        self.skip();
        self.skip();
        self.skip();
        let end = self.mark;
        self.push_token(kind, start, end);
        Ok(())
    }

    fn fetch_flow_collection_start(&mut self, kind: TokenKind<'a>) -> R<()> {
        self.save_simple_key()?;
        self.increase_flow_level()?;
        self.simple_key_allowed = true;
        self.push_one_char_token(kind)
    }

    fn fetch_flow_collection_end(&mut self, kind: TokenKind<'a>) -> R<()> {
        self.remove_simple_key()?;
        self.decrease_flow_level();
        self.simple_key_allowed = false;
        self.push_one_char_token(kind)
    }

    fn fetch_flow_entry(&mut self) -> R<()> {
        self.remove_simple_key()?;
        self.simple_key_allowed = true;
        self.push_one_char_token(TokenKind::FlowEntry)
    }

    fn fetch_block_entry(&mut self) -> R<()> {
        if self.flow_level == 0 {
            if !self.simple_key_allowed {
                let m = self.mark;
                return self.fail(m, "block sequence entries are not allowed in this context");
            }
            let m = self.mark;
            self.roll_indent(m.col as i64, -1, TokenKind::BlockSequenceStart, m)?;
        }
        self.remove_simple_key()?;
        self.simple_key_allowed = true;
        self.push_one_char_token(TokenKind::BlockEntry)
    }

    fn fetch_key(&mut self) -> R<()> {
        if self.flow_level == 0 {
            if !self.simple_key_allowed {
                let m = self.mark;
                return self.fail(m, "mapping keys are not allowed in this context");
            }
            let m = self.mark;
            self.roll_indent(m.col as i64, -1, TokenKind::BlockMappingStart, m)?;
        }
        self.remove_simple_key()?;
        self.simple_key_allowed = self.flow_level == 0;
        self.push_one_char_token(TokenKind::Key)
    }

    fn fetch_value(&mut self) -> R<()> {
        let last = self.simple_keys.len().saturating_sub(1);
        if self.simple_key_is_valid(last)? {
            let Some(key) = self.simple_keys.get(last).copied() else {
                return Err(());
            };
            let pos = key.token_number as i64 - self.tokens_parsed as i64;
            self.insert_token(
                pos,
                Token {
                    kind: TokenKind::Key,
                    start: key.mark,
                    end: key.mark,
                    text_end: key.mark.pos,
                },
            );
            self.roll_indent(
                key.mark.col as i64,
                key.token_number as i64,
                TokenKind::BlockMappingStart,
                key.mark,
            )?;
            if let Some(k) = self.simple_keys.get_mut(last) {
                k.possible = false;
            }
            self.del_key_by_tok(key.token_number);
            self.simple_key_allowed = false;
        } else {
            if self.flow_level == 0 {
                if !self.simple_key_allowed {
                    let m = self.mark;
                    return self.fail(m, "mapping values are not allowed in this context");
                }
                let m = self.mark;
                self.roll_indent(m.col as i64, -1, TokenKind::BlockMappingStart, m)?;
            }
            self.simple_key_allowed = self.flow_level == 0;
        }
        self.push_one_char_token(TokenKind::Value)
    }

    fn fetch_anchor(&mut self, alias: bool) -> R<()> {
        self.save_simple_key()?;
        self.simple_key_allowed = false;
        let start = self.mark;
        self.skip();
        let name_start = self.pos;
        while self.is_alpha(0) {
            self.skip();
        }
        let end = self.mark;
        let name = self.slice(name_start, self.pos);
        let ok_next = self.is_blankz(0)
            || matches!(
                self.c(0),
                b'?' | b':' | b',' | b']' | b'}' | b'%' | b'@' | b'`'
            );
        if name.is_empty() || !ok_next {
            return self.fail(
                start,
                "did not find expected alphabetic or numeric character",
            );
        }
        let kind = if alias {
            TokenKind::Alias(name)
        } else {
            TokenKind::Anchor(name)
        };
        self.push_token(kind, start, end);
        Ok(())
    }

    fn fetch_tag(&mut self) -> R<()> {
        self.save_simple_key()?;
        self.simple_key_allowed = false;
        let start = self.mark;
        let (handle, suffix) = if self.c(1) == b'<' {
            self.skip();
            self.skip();
            let suffix = self.scan_tag_uri(false, None, start)?;
            if self.c(0) != b'>' {
                return self.fail(start, "did not find the expected '>'");
            }
            self.skip();
            ("", suffix)
        } else {
            let handle = self.scan_tag_handle(false, start)?;
            if handle.len() > 1 && handle.starts_with('!') && handle.ends_with('!') {
                let suffix = self.scan_tag_uri(false, None, start)?;
                (handle, suffix)
            } else {
                let suffix = self.scan_tag_uri(false, Some(handle), start)?;
                if suffix.is_empty() {
                    ("", Cow::Borrowed("!"))
                } else {
                    ("!", suffix)
                }
            }
        };
        if !self.is_blankz(0) {
            return self.fail(start, "did not find expected whitespace or line break");
        }
        let end = self.mark;
        self.push_token(TokenKind::Tag(handle, suffix), start, end);
        Ok(())
    }

    fn fetch_block_scalar(&mut self, literal: bool) -> R<()> {
        self.remove_simple_key()?;
        self.simple_key_allowed = true;
        let token = self.scan_block_scalar(literal)?;
        self.tokens.push_back(token);
        Ok(())
    }

    fn fetch_flow_scalar(&mut self, single: bool) -> R<()> {
        self.save_simple_key()?;
        self.simple_key_allowed = false;
        let token = self.scan_flow_scalar(single)?;
        self.tokens.push_back(token);
        Ok(())
    }

    fn fetch_plain_scalar(&mut self) -> R<()> {
        self.save_simple_key()?;
        self.simple_key_allowed = false;
        let token = self.scan_plain_scalar()?;
        self.tokens.push_back(token);
        Ok(())
    }

    // ----- directives -----

    fn scan_directive(&mut self) -> R<Token<'a>> {
        let start = self.mark;
        self.skip();
        let name_start = self.pos;
        while self.is_alpha(0) {
            self.skip();
        }
        let name = self.slice(name_start, self.pos);
        if name.is_empty() {
            return self.fail(start, "could not find expected directive name");
        }
        if !self.is_blankz(0) {
            return self.fail(start, "found unexpected non-alphabetical character");
        }
        let kind = if name == "YAML" {
            while self.is_blank(0) {
                self.skip();
            }
            let major = self.scan_version_number(start)?;
            if self.c(0) != b'.' {
                return self.fail(start, "did not find expected digit or '.' character");
            }
            self.skip();
            let minor = self.scan_version_number(start)?;
            TokenKind::VersionDirective(major, minor)
        } else if name == "TAG" {
            while self.is_blank(0) {
                self.skip();
            }
            let handle = self.scan_tag_handle(true, start)?;
            if !self.is_blank(0) {
                return self.fail(start, "did not find expected whitespace");
            }
            while self.is_blank(0) {
                self.skip();
            }
            let prefix = self.scan_tag_uri(true, None, start)?;
            if !self.is_blankz(0) {
                return self.fail(start, "did not find expected whitespace or line break");
            }
            TokenKind::TagDirective(Cow::Borrowed(handle), prefix)
        } else {
            return self.fail(start, "found unknown directive name");
        };
        let end = self.mark;
        self.skip_to_next_line(start)?;
        Ok(Token {
            kind,
            start,
            end,
            text_end: end.pos,
        })
    }

    fn scan_version_number(&mut self, start: Mark) -> R<u8> {
        let mut value: u8 = 0;
        let mut length = 0;
        while self.c(0).is_ascii_digit() && !self.is_z(0) {
            length += 1;
            if length > 2 {
                return self.fail(start, "found extremely long version number");
            }
            value = value * 10 + (self.c(0) - b'0');
            self.skip();
        }
        if length == 0 {
            return self.fail(start, "did not find expected version number");
        }
        Ok(value)
    }

    fn scan_tag_handle(&mut self, directive: bool, start: Mark) -> R<&'a str> {
        if self.c(0) != b'!' || self.is_z(0) {
            return self.fail(start, "did not find expected '!'");
        }
        let h_start = self.pos;
        self.skip();
        while self.is_alpha(0) {
            self.skip();
        }
        if self.c(0) == b'!' && !self.is_z(0) {
            self.skip();
        } else if directive && self.pos - h_start != 1 {
            return self.fail(start, "did not find expected '!'");
        }
        Ok(self.slice(h_start, self.pos))
    }

    fn scan_tag_uri(
        &mut self,
        _directive: bool,
        head: Option<&str>,
        start: Mark,
    ) -> R<Cow<'a, str>> {
        let mut s = String::new();
        let mut has_tag = head.is_some_and(|h| !h.is_empty());
        if let Some(h) = head {
            if let Some(rest) = h.get(1..) {
                s.push_str(rest);
            }
        }
        loop {
            let c = self.c(0);
            let uri = self.is_alpha(0)
                || (!self.is_z(0)
                    && matches!(
                        c,
                        b';' | b'/'
                            | b'?'
                            | b':'
                            | b'@'
                            | b'&'
                            | b'='
                            | b'+'
                            | b'$'
                            | b','
                            | b'.'
                            | b'!'
                            | b'~'
                            | b'*'
                            | b'\''
                            | b'('
                            | b')'
                            | b'['
                            | b']'
                            | b'%'
                    ));
            if !uri {
                break;
            }
            if c == b'%' {
                self.scan_uri_escapes(start, &mut s)?;
            } else {
                self.read(&mut s);
            }
            has_tag = true;
        }
        if !has_tag {
            return self.fail(start, "did not find expected tag URI");
        }
        Ok(Cow::Owned(s))
    }

    fn scan_uri_escapes(&mut self, start: Mark, s: &mut String) -> R<()> {
        let mut bytes = Vec::new();
        let mut w: usize = 1024;
        while w > 0 {
            let hex = |c: u8| (c as char).to_digit(16);
            let (h1, h2) = (hex(self.c(1)), hex(self.c(2)));
            let (Some(h1), Some(h2), b'%') = (h1, h2, self.c(0)) else {
                return self.fail(start, "did not find URI escaped octet");
            };
            let octet = (h1 * 16 + h2) as u8;
            if w == 1024 {
                w = match octet {
                    0x00..=0x7F => 1,
                    0xC0..=0xDF => 2,
                    0xE0..=0xEF => 3,
                    0xF0..=0xF7 => 4,
                    _ => 0,
                };
                if w == 0 {
                    return self.fail(start, "found an incorrect leading UTF-8 octet");
                }
            } else if octet & 0xC0 != 0x80 {
                return self.fail(start, "found an incorrect trailing UTF-8 octet");
            }
            bytes.push(octet);
            self.skip();
            self.skip();
            self.skip();
            w -= 1;
        }
        s.push_str(&String::from_utf8_lossy(&bytes));
        Ok(())
    }

    // ----- scalars -----

    fn scan_block_scalar(&mut self, literal: bool) -> R<Token<'a>> {
        let start = self.mark;
        self.skip();
        let mut chomping = 0i32;
        let mut increment = 0i64;
        if matches!(self.c(0), b'+' | b'-') {
            chomping = if self.c(0) == b'+' { 1 } else { -1 };
            self.skip();
            if self.c(0).is_ascii_digit() && !self.is_z(0) {
                if self.c(0) == b'0' {
                    return self.fail(start, "found an indentation indicator equal to 0");
                }
                increment = (self.c(0) - b'0') as i64;
                self.skip();
            }
        } else if self.c(0).is_ascii_digit() && !self.is_z(0) {
            if self.c(0) == b'0' {
                return self.fail(start, "found an indentation indicator equal to 0");
            }
            increment = (self.c(0) - b'0') as i64;
            self.skip();
            if matches!(self.c(0), b'+' | b'-') {
                chomping = if self.c(0) == b'+' { 1 } else { -1 };
                self.skip();
            }
        }
        let mut text_end = self.mark.pos;
        self.skip_to_next_line(start)?;
        let mut end = self.mark;
        let mut indent: i64 = 0;
        if increment > 0 {
            indent = if self.indent >= 0 {
                self.indent + increment
            } else {
                increment
            };
        }
        let mut s = String::new();
        let mut leading_break = String::new();
        let mut trailing_breaks = String::new();
        self.scan_block_scalar_breaks(&mut indent, &mut trailing_breaks, start, &mut end)?;
        let mut leading_blank = false;
        while self.mark.col as i64 == indent && !self.is_z(0) {
            let trailing_blank = self.is_blank(0);
            if !literal && !leading_blank && !trailing_blank && leading_break.starts_with('\n') {
                if trailing_breaks.is_empty() {
                    s.push(' ');
                }
            } else {
                s.push_str(&leading_break);
            }
            leading_break.clear();
            s.push_str(&trailing_breaks);
            trailing_breaks.clear();
            leading_blank = self.is_blank(0);
            let line_start = self.pos;
            while !self.is_breakz(0) {
                self.skip();
            }
            s.push_str(self.slice(line_start, self.pos));
            text_end = self.mark.pos;
            self.read_line(&mut leading_break);
            self.scan_block_scalar_breaks(&mut indent, &mut trailing_breaks, start, &mut end)?;
        }
        if chomping != -1 {
            s.push_str(&leading_break);
        }
        if chomping == 1 {
            s.push_str(&trailing_breaks);
        }
        let style = if literal {
            ScalarStyle::Literal
        } else {
            ScalarStyle::Folded
        };
        Ok(Token {
            kind: TokenKind::Scalar(Cow::Owned(s), style),
            start,
            end,
            text_end,
        })
    }

    fn scan_block_scalar_breaks(
        &mut self,
        indent: &mut i64,
        breaks: &mut String,
        start: Mark,
        end: &mut Mark,
    ) -> R<()> {
        *end = self.mark;
        let mut max_indent: i64 = 0;
        loop {
            while (*indent == 0 || (self.mark.col as i64) < *indent) && self.c(0) == b' ' {
                self.skip();
            }
            if self.mark.col as i64 > max_indent {
                max_indent = self.mark.col as i64;
            }
            if (*indent == 0 || (self.mark.col as i64) < *indent) && self.c(0) == b'\t' {
                let m = self.mark;
                let span = self.char_span(m);
                return self.fail_at(
                    start,
                    "found a tab character where an indentation space is expected",
                    span,
                );
            }
            if !self.is_break(0) {
                break;
            }
            self.read_line(breaks);
            *end = self.mark;
        }
        if *indent == 0 {
            *indent = max_indent.max(self.indent + 1).max(1);
        }
        Ok(())
    }

    fn scan_flow_scalar(&mut self, single: bool) -> R<Token<'a>> {
        let start = self.mark;
        let quote = if single { b'\'' } else { b'"' };
        // Fast path: one line, no escapes: borrow the text.
        {
            let mut i = self.pos + 1;
            let mut ok = false;
            while i < self.end {
                let c = self.at(i);
                if c == quote {
                    ok = !(single && self.at(i + 1) == b'\'');
                    break;
                }
                if c == b'\\' && !single || c == b'\n' || c == b'\r' || c == 0xC2 || c == 0xE2 {
                    break;
                }
                i += 1;
            }
            if ok {
                let text = self.slice(self.pos + 1, i);
                let n = text.chars().count() as u32 + 2;
                self.pos = i + 1;
                self.mark.col += n;
                self.mark.index += n;
                self.sync();
                let end = self.mark;
                let style = if single {
                    ScalarStyle::SingleQuoted
                } else {
                    ScalarStyle::DoubleQuoted
                };
                return Ok(Token {
                    kind: TokenKind::Scalar(Cow::Borrowed(text), style),
                    start,
                    end,
                    text_end: end.pos,
                });
            }
        }
        self.skip();
        let mut s = String::new();
        let mut leading_break = String::new();
        let mut trailing_breaks = String::new();
        let mut whitespaces = String::new();
        let quote_span = self.char_span(start);
        loop {
            if self.mark.col == 0
                && ((self.c(0) == b'-' && self.c(1) == b'-' && self.c(2) == b'-')
                    || (self.c(0) == b'.' && self.c(1) == b'.' && self.c(2) == b'.'))
                && self.is_blankz(3)
            {
                return self.fail_at(start, "found unexpected document indicator", quote_span);
            }
            if self.is_z(0) {
                return self.fail_at(start, "found unexpected end of stream", quote_span);
            }
            let mut leading_blanks = false;
            while !self.is_blankz(0) {
                let c = self.c(0);
                if single && c == b'\'' && self.c(1) == b'\'' {
                    s.push('\'');
                    self.skip();
                    self.skip();
                } else if c == quote {
                    break;
                } else if !single && c == b'\\' && self.is_break(1) {
                    self.skip();
                    self.skip_line();
                    leading_blanks = true;
                    break;
                } else if !single && c == b'\\' {
                    let mut code_length = 0usize;
                    match self.c(1) {
                        b'0' => s.push('\0'),
                        b'a' => s.push('\x07'),
                        b'b' => s.push('\x08'),
                        b't' | b'\t' => s.push('\t'),
                        b'n' => s.push('\n'),
                        b'v' => s.push('\x0B'),
                        b'f' => s.push('\x0C'),
                        b'r' => s.push('\r'),
                        b'e' => s.push('\x1B'),
                        b' ' => s.push(' '),
                        b'"' => s.push('"'),
                        b'\'' => s.push('\''),
                        b'\\' => s.push('\\'),
                        b'N' => s.push('\u{85}'),
                        b'_' => s.push('\u{A0}'),
                        b'L' => s.push('\u{2028}'),
                        b'P' => s.push('\u{2029}'),
                        b'x' => code_length = 2,
                        b'u' => code_length = 4,
                        b'U' => code_length = 8,
                        _ => return self.fail(start, "found unknown escape character"),
                    }
                    self.skip();
                    self.skip();
                    if code_length > 0 {
                        let mut value: u32 = 0;
                        for k in 0..code_length {
                            let Some(d) =
                                (self.c(k) as char).to_digit(16).filter(|_| !self.is_z(k))
                            else {
                                return self.fail(start, "did not find expected hexdecimal number");
                            };
                            value = (value << 4) + d;
                        }
                        let Some(ch) = char::from_u32(value) else {
                            return self.fail(start, "found invalid Unicode character escape code");
                        };
                        s.push(ch);
                        for _ in 0..code_length {
                            self.skip();
                        }
                    }
                } else {
                    self.read(&mut s);
                }
            }
            if self.c(0) == quote && !self.is_z(0) {
                break;
            }
            while self.is_blank(0) || self.is_break(0) {
                if self.is_blank(0) {
                    if !leading_blanks {
                        self.read(&mut whitespaces);
                    } else {
                        self.skip();
                    }
                } else if !leading_blanks {
                    whitespaces.clear();
                    self.read_line(&mut leading_break);
                    leading_blanks = true;
                } else {
                    self.read_line(&mut trailing_breaks);
                }
            }
            if leading_blanks {
                fold_breaks(&mut s, &mut leading_break, &mut trailing_breaks);
            } else {
                s.push_str(&whitespaces);
                whitespaces.clear();
            }
        }
        self.skip();
        let end = self.mark;
        let style = if single {
            ScalarStyle::SingleQuoted
        } else {
            ScalarStyle::DoubleQuoted
        };
        Ok(Token {
            kind: TokenKind::Scalar(Cow::Owned(s), style),
            start,
            end,
            text_end: end.pos,
        })
    }

    fn scan_plain_scalar(&mut self) -> R<Token<'a>> {
        let indent = self.indent + 1;
        let start = self.mark;
        let mut end = self.mark;
        // None while the value is still one contiguous run of the source.
        let mut owned: Option<String> = None;
        let mut leading_blanks = false;
        let mut leading_break = String::new();
        let mut trailing_breaks = String::new();
        let mut ws = (0usize, 0usize);
        loop {
            if self.mark.col == 0
                && ((self.c(0) == b'-' && self.c(1) == b'-' && self.c(2) == b'-')
                    || (self.c(0) == b'.' && self.c(1) == b'.' && self.c(2) == b'.'))
                && self.is_blankz(3)
            {
                break;
            }
            if self.c(0) == b'#' {
                break;
            }
            while !self.is_blankz(0) {
                let c = self.c(0);
                if (c == b':' && self.is_blankz(1))
                    || (self.flow_level > 0 && matches!(c, b',' | b'?' | b'[' | b']' | b'{' | b'}'))
                {
                    break;
                }
                if leading_blanks || ws.1 > ws.0 {
                    if leading_blanks {
                        let s = owned.get_or_insert_with(|| {
                            self.src
                                .get(start.pos as usize..end.pos as usize)
                                .unwrap_or("")
                                .to_string()
                        });
                        fold_breaks(s, &mut leading_break, &mut trailing_breaks);
                        leading_blanks = false;
                    } else {
                        if let Some(s) = owned.as_mut() {
                            s.push_str(self.slice(ws.0, ws.1));
                        }
                        ws = (0, 0);
                    }
                }
                let ch = self.pos;
                self.skip();
                let run = self.plain_run_end();
                self.skip_to(run);
                if let Some(s) = owned.as_mut() {
                    s.push_str(self.slice(ch, self.pos));
                }
                end = self.mark;
            }
            if !(self.is_blank(0) || self.is_break(0)) {
                break;
            }
            while self.is_blank(0) || self.is_break(0) {
                if self.is_blank(0) {
                    if leading_blanks && (self.mark.col as i64) < indent && self.c(0) == b'\t' {
                        let m = self.mark;
                        let span = self.char_span(m);
                        return self.fail_at(
                            start,
                            "found a tab character that violates indentation",
                            span,
                        );
                    }
                    if !leading_blanks {
                        if ws.1 <= ws.0 {
                            ws.0 = self.pos;
                        }
                        self.skip();
                        ws.1 = self.pos;
                    } else {
                        self.skip();
                    }
                } else if !leading_blanks {
                    ws = (0, 0);
                    self.read_line(&mut leading_break);
                    leading_blanks = true;
                } else {
                    self.read_line(&mut trailing_breaks);
                }
            }
            if self.flow_level == 0 && (self.mark.col as i64) < indent {
                break;
            }
        }
        let value = match owned {
            Some(s) => Cow::Owned(s),
            None => Cow::Borrowed(self.slice(start.pos as usize, end.pos as usize)),
        };
        if leading_blanks {
            self.simple_key_allowed = true;
        }
        Ok(Token {
            kind: TokenKind::Scalar(value, ScalarStyle::Plain),
            start,
            end,
            text_end: end.pos,
        })
    }
}
