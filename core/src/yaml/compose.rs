//! Events → a flat node arena, as go-yaml v2's `parser.parse()` builds its `node` tree
//! (decode.go): one document, anchors registered when their node starts (so `&a [*a]` refers
//! to itself), an alias to an anchor not yet seen fails with "unknown anchor 'x' referenced".
//!
//! Unlike go-yaml, composition goes on after an error: an unknown alias becomes a null and a
//! syntax error closes every open collection, so the UI keeps the tree built so far.

use super::parser::{EventKind, Parser};
use super::scanner::ScalarStyle;
use super::{ErrorSource, Span, SyntaxError, MAX_DEPTH};
use crate::vecmap::VecMap;
use std::borrow::Cow;

pub(crate) const NONE: u32 = u32::MAX;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RawKind {
    Scalar,
    Seq,
    Map,
    Alias,
}

#[derive(Clone, Debug)]
pub(crate) struct RawNode<'a> {
    pub kind: RawKind,
    pub span: Span,
    pub tag: Option<Cow<'a, str>>,
    /// The scalar's value, or the alias's anchor name.
    pub value: Cow<'a, str>,
    /// Plain and untagged (or tagged `!`): resolved by content.
    pub implicit: bool,
    pub first: u32,
    pub len: u32,
    /// For an alias: the anchored node, or `NONE` when the anchor is unknown.
    pub target: u32,
}

pub(crate) struct Composed<'a> {
    pub nodes: Vec<RawNode<'a>>,
    pub children: Vec<u32>,
    pub root: Option<u32>,
    pub errors: Vec<SyntaxError>,
    /// Byte offset where go-yaml noticed the first syntax error (to order reader errors).
    pub error_pos: Option<u32>,
}

impl<'a> Composed<'a> {
    pub fn node(&self, id: u32) -> Option<&RawNode<'a>> {
        self.nodes.get(id as usize)
    }

    pub fn kids(&self, n: &RawNode<'a>) -> &[u32] {
        let a = n.first as usize;
        self.children.get(a..a + n.len as usize).unwrap_or(&[])
    }
}

struct Frame {
    node: u32,
    base: usize,
    flow_end: Option<u32>,
}

pub(crate) fn compose<'a>(mut parser: Parser<'a>) -> Composed<'a> {
    let mut c = Composed {
        nodes: Vec::new(),
        children: Vec::new(),
        root: None,
        errors: Vec::new(),
        error_pos: None,
    };
    let mut stack: Vec<Frame> = Vec::new();
    let mut pending: Vec<u32> = Vec::new();
    let mut anchors: VecMap<&'a str, u32> = VecMap::new();
    let mut in_document = false;
    // Every event consumes input or closes something opened before: bounded by the input.
    loop {
        let ev = match parser.next_event() {
            Ok(Some(ev)) => ev,
            Ok(None) => break,
            Err(()) => {
                if let Some(e) = parser.take_error() {
                    c.error_pos = Some(e.problem_mark.pos);
                    c.errors.push(SyntaxError {
                        message: e.problem.to_string(),
                        span: e.span,
                        kubectl_line: e.kubectl_line(),
                        noticed: e.line_mark().map(|m| m.pos),
                        source: ErrorSource::GoYaml,
                    });
                }
                break;
            }
        };
        let new = |c: &mut Composed<'a>, kind, span, tag, value, implicit, target| {
            c.nodes.push(RawNode {
                kind,
                span,
                tag,
                value,
                implicit,
                first: 0,
                len: 0,
                target,
            });
            (c.nodes.len() - 1) as u32
        };
        match ev.kind {
            EventKind::StreamStart => {}
            EventKind::DocumentStart => {
                if in_document {
                    break;
                }
                in_document = true;
            }
            // yaml.Unmarshal reads the first document only; what follows `...` is never parsed.
            EventKind::DocumentEnd | EventKind::StreamEnd => break,
            EventKind::Scalar {
                anchor,
                tag,
                value,
                plain_implicit,
                style,
            } => {
                let mut span = ev.span;
                // An absent mapping value (`? a` with no `:`) is placed by go-yaml at the next
                // token, maybe lines below: keep its span at the end of its key instead.
                if span.is_empty() && value.is_empty() && style == ScalarStyle::Plain {
                    if let Some(f) = stack.last() {
                        let is_map = c.node(f.node).is_some_and(|n| n.kind == RawKind::Map);
                        let key_end = pending
                            .last()
                            .filter(|_| is_map && (pending.len() - f.base) % 2 == 1)
                            .and_then(|id| c.node(*id))
                            .map(|n| n.span.end);
                        if let Some(k) = key_end {
                            let gap = parser.scanner.src().get(k as usize..span.start as usize);
                            if span.start > k && gap.is_some_and(|g| g.contains('\n')) {
                                span = Span::at(k);
                            }
                        }
                    }
                }
                let id = new(
                    &mut c,
                    RawKind::Scalar,
                    span,
                    tag,
                    value,
                    plain_implicit,
                    NONE,
                );
                if let Some(a) = anchor {
                    anchors.insert(a, id);
                }
                pending.push(id);
                if stack.is_empty() {
                    c.root = Some(id);
                }
            }
            EventKind::Alias(name) => {
                let target = anchors.get(name).copied().unwrap_or(NONE);
                if target == NONE {
                    c.errors.push(SyntaxError {
                        message: format!("unknown anchor '{name}' referenced"),
                        span: ev.span,
                        kubectl_line: 0,
                        noticed: None,
                        source: ErrorSource::GoYaml,
                    });
                }
                let id = new(
                    &mut c,
                    RawKind::Alias,
                    ev.span,
                    None,
                    Cow::Borrowed(name),
                    false,
                    target,
                );
                pending.push(id);
                if stack.is_empty() {
                    c.root = Some(id);
                }
            }
            EventKind::SequenceStart { anchor, flow }
            | EventKind::MappingStart { anchor, flow } => {
                let kind = if matches!(ev.kind, EventKind::SequenceStart { .. }) {
                    RawKind::Seq
                } else {
                    RawKind::Map
                };
                if stack.len() >= MAX_DEPTH {
                    c.error_pos = Some(ev.span.start);
                    c.errors.push(SyntaxError {
                        message: depth_message(),
                        span: char_at(&parser, ev.span),
                        kubectl_line: 0,
                        noticed: None,
                        source: ErrorSource::Limit,
                    });
                    break;
                }
                let id = new(&mut c, kind, ev.span, None, Cow::Borrowed(""), false, NONE);
                if let Some(a) = anchor {
                    anchors.insert(a, id);
                }
                pending.push(id);
                if stack.is_empty() {
                    c.root = Some(id);
                }
                let _ = flow;
                stack.push(Frame {
                    node: id,
                    base: pending.len(),
                    flow_end: None,
                });
            }
            EventKind::SequenceEnd | EventKind::MappingEnd => {
                if let Some(mut f) = stack.pop() {
                    if !ev.span.is_empty() {
                        f.flow_end = Some(ev.span.end);
                    }
                    close(&mut c, &mut pending, f);
                }
            }
        }
    }
    while let Some(f) = stack.pop() {
        close(&mut c, &mut pending, f);
    }
    c
}

fn char_at(parser: &Parser<'_>, span: Span) -> Span {
    let m = super::scanner::Mark {
        pos: span.start,
        ..Default::default()
    };
    parser.scanner.char_span(m)
}

pub(crate) fn depth_message() -> String {
    format!(
        "exceeded max depth of {MAX_DEPTH} (the playground's limit on nesting; kubectl's YAML reader stops at 10000)"
    )
}

/// Ends a collection: moves its children to the arena and sets its span's end (the closing
/// bracket of a flow collection, else the end of the last child). A mapping cut short by an
/// error gets a null value for its last key.
fn close(c: &mut Composed<'_>, pending: &mut Vec<u32>, f: Frame) {
    let base = f.base.min(pending.len());
    let is_map = c.node(f.node).is_some_and(|n| n.kind == RawKind::Map);
    if is_map && (pending.len() - base) % 2 == 1 {
        let at = pending
            .last()
            .and_then(|id| c.node(*id))
            .map(|n| n.span.end)
            .unwrap_or(0);
        c.nodes.push(RawNode {
            kind: RawKind::Scalar,
            span: Span::at(at),
            tag: None,
            value: Cow::Borrowed(""),
            implicit: true,
            first: 0,
            len: 0,
            target: NONE,
        });
        pending.push((c.nodes.len() - 1) as u32);
    }
    let first = c.children.len() as u32;
    let len = (pending.len() - base) as u32;
    let last_end = pending
        .last()
        .and_then(|id| c.node(*id))
        .map(|n| n.span.end);
    c.children.extend(pending.drain(base..));
    if let Some(n) = c.nodes.get_mut(f.node as usize) {
        n.first = first;
        n.len = len;
        let end = match (f.flow_end, last_end) {
            (Some(e), _) => e,
            (None, Some(e)) if len > 0 => e,
            _ => n.span.end,
        };
        n.span.end = end.max(n.span.start);
    }
}
