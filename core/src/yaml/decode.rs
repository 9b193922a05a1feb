//! The node arena → `tree::Node`, doing what go-yaml v2's decoder does into an `interface{}`
//! and then what sigs.k8s.io/yaml's `convertToJSONableObject` and `json.Marshal` do:
//! - scalars are resolved (`resolve.go`); a tag that does not fit fails ("cannot decode !!str
//!   `foo` as a !!int"); `!!binary` is base64-decoded; timestamps stay strings;
//! - aliases are expanded into copies (the copy's root span is the alias's span), with go-yaml's
//!   alias-ratio check ("document contains excessive aliasing") and its recursion check
//!   ("anchor 'x' value contains itself");
//! - merge keys `<<` merge a mapping or a sequence of mappings, earlier ones winning, and (a
//!   go-yaml v2 quirk) overwriting keys written before the `<<`; a key written after a merge
//!   replaces the merged one. Keys written twice are all kept (the decode stage reports them);
//! - keys become strings as sigs.k8s.io/yaml does (`1` → "1", `true` → "true", floats with
//!   `FormatFloat(f, 'g', -1, 32)`), a null or uint64 key fails ("unsupported map key of type:
//!   …"), a collection key fails in go-yaml ("invalid map key: …");
//! - NaN and ±Inf values fail in `json.Marshal` ("json: unsupported value: NaN").
//!
//! go-yaml stops at the first of these errors; here every one is reported and decoding goes on.

use super::compose::{Composed, RawKind, RawNode, NONE};
use super::resolve::{self, Resolved, TagKind, MERGE_TAG};
use super::{ErrorSource, Span, SyntaxError, MAX_ALIAS_NODES, MAX_DEPTH};
use crate::gofmt::format_float_g as go_format_g;
use crate::tree::{Entry, Node, Value};

pub(crate) struct Decoded {
    pub root: Option<Node>,
    /// In the order kubectl would meet them: go-yaml's, then the JSON conversion's, then
    /// `json.Marshal`'s.
    pub errors: Vec<SyntaxError>,
}

pub(crate) fn decode(c: &Composed<'_>, src: &str) -> Decoded {
    let mut d = Decoder {
        c,
        src,
        go_errors: Vec::new(),
        conv_errors: Vec::new(),
        json_errors: Vec::new(),
        decode_count: 0,
        alias_count: 0,
        alias_depth: 0,
        alias_nodes: 0,
        expanding: Vec::new(),
        stopped_aliases: false,
        depth_reported: false,
        key_mode: false,
    };
    let root = c.root.map(|r| d.unmarshal(r, 1));
    let mut errors = d.go_errors;
    errors.append(&mut d.conv_errors);
    errors.append(&mut d.json_errors);
    Decoded { root, errors }
}

struct Decoder<'c, 'a> {
    c: &'c Composed<'a>,
    src: &'c str,
    go_errors: Vec<SyntaxError>,
    conv_errors: Vec<SyntaxError>,
    json_errors: Vec<SyntaxError>,
    decode_count: u64,
    alias_count: u64,
    alias_depth: u32,
    alias_nodes: u64,
    /// Alias nodes being expanded (go-yaml's `d.aliases`).
    expanding: Vec<u32>,
    stopped_aliases: bool,
    depth_reported: bool,
    key_mode: bool,
}

fn err(message: impl Into<String>, span: Span, source: ErrorSource) -> SyntaxError {
    SyntaxError {
        message: message.into(),
        span,
        kubectl_line: 0,
        noticed: None,
        source,
    }
}

/// decode.go `allowedAliasRatio`.
fn allowed_alias_ratio(decode_count: u64) -> f64 {
    const LOW: u64 = 400_000;
    const HIGH: u64 = 4_000_000;
    if decode_count <= LOW {
        0.99
    } else if decode_count >= HIGH {
        0.10
    } else {
        0.99 - 0.89 * ((decode_count - LOW) as f64 / (HIGH - LOW) as f64)
    }
}

impl<'c, 'a> Decoder<'c, 'a> {
    fn count(&mut self, span: Span) {
        self.decode_count += 1;
        if self.alias_depth > 0 {
            self.alias_count += 1;
            self.alias_nodes += 1;
        }
        if self.stopped_aliases {
            return;
        }
        if self.alias_count > 100
            && self.decode_count > 1000
            && self.alias_count as f64 / self.decode_count as f64
                > allowed_alias_ratio(self.decode_count)
        {
            self.stopped_aliases = true;
            self.go_errors.push(err(
                "document contains excessive aliasing",
                span,
                ErrorSource::GoYaml,
            ));
        } else if self.alias_nodes > MAX_ALIAS_NODES {
            self.stopped_aliases = true;
            self.go_errors.push(err(
                format!(
                    "aliases expand to more than {MAX_ALIAS_NODES} nodes: the playground stops expanding them here"
                ),
                span,
                ErrorSource::Limit,
            ));
        }
    }

    fn unmarshal(&mut self, id: u32, depth: usize) -> Node {
        let c = self.c;
        let Some(n) = c.node(id) else {
            return Node::new(Value::Null, Span::default());
        };
        self.count(n.span);
        if depth > MAX_DEPTH {
            if !self.depth_reported {
                self.depth_reported = true;
                self.go_errors.push(err(
                    super::compose::depth_message(),
                    n.span,
                    ErrorSource::Limit,
                ));
            }
            return Node::new(Value::Null, n.span);
        }
        match n.kind {
            RawKind::Alias => self.alias(id, n, depth),
            RawKind::Scalar => self.scalar(n),
            RawKind::Seq => {
                let items = c
                    .kids(n)
                    .iter()
                    .map(|k| self.unmarshal(*k, depth + 1))
                    .collect();
                Node::new(Value::Seq(items), n.span)
            }
            RawKind::Map => self.mapping(n, depth),
        }
    }

    fn alias(&mut self, id: u32, n: &RawNode<'a>, depth: usize) -> Node {
        if n.target == NONE || self.stopped_aliases {
            return Node::new(Value::Null, n.span);
        }
        if self.expanding.contains(&id) {
            self.go_errors.push(err(
                format!("anchor '{}' value contains itself", n.value),
                n.span,
                ErrorSource::GoYaml,
            ));
            return Node::new(Value::Null, n.span);
        }
        self.expanding.push(id);
        self.alias_depth += 1;
        let mut node = self.unmarshal(n.target, depth);
        self.alias_depth -= 1;
        self.expanding.pop();
        node.span = n.span;
        node
    }

    fn scalar(&mut self, n: &RawNode<'a>) -> Node {
        let (r, problem) = scalar_value(n);
        if let Some(p) = problem {
            self.go_errors.push(err(p, n.span, ErrorSource::GoYaml));
        }
        let value = match r {
            Resolved::Null => Value::Null,
            Resolved::Bool(b) => Value::Bool(b),
            Resolved::Int(i) => Value::Int(i),
            Resolved::Uint(u) => Value::Uint(u),
            Resolved::Float(f) => {
                if !f.is_finite() && !self.key_mode {
                    self.json_errors.push(err(
                        format!("json: unsupported value: {}", go_format_g(f, false)),
                        n.span,
                        ErrorSource::JsonMarshal,
                    ));
                }
                Value::Float(f)
            }
            Resolved::Str(s) => Value::Str(s.into_owned()),
        };
        Node::new(value, n.span)
    }

    fn is_merge(&self, id: u32) -> bool {
        self.c.node(id).is_some_and(|n| {
            n.kind == RawKind::Scalar
                && n.value == "<<"
                && (n.implicit || n.tag.as_deref() == Some(MERGE_TAG))
        })
    }

    fn mapping(&mut self, n: &RawNode<'a>, depth: usize) -> Node {
        let c = self.c;
        let kids = c.kids(n);
        let mut m = MapBuilder::default();
        for pair in kids.chunks(2) {
            let Some(&k) = pair.first() else { continue };
            let v = pair.get(1).copied().unwrap_or(NONE);
            if self.is_merge(k) {
                self.merge(v, &mut m, depth);
                continue;
            }
            let saved = self.key_mode;
            self.key_mode = true;
            let mut key_node = self.unmarshal(k, depth + 1);
            self.key_mode = saved;
            let value = self.unmarshal(v, depth + 1);
            // A key that resolved to a string (the usual case) is that string: key_string would
            // resolve the same scalar again to the same text.
            let key = match &mut key_node.value {
                Value::Str(s) => std::mem::take(s),
                _ => self.key_string(k, &key_node, &value),
            };
            m.explicit(Entry {
                key,
                key_span: key_node.span,
                value,
            });
        }
        Node::new(Value::Map(m.entries), n.span)
    }

    /// sigs.k8s.io/yaml's key conversion (and go-yaml's check that a key is not a collection).
    fn key_string(&mut self, k: u32, key_node: &Node, value: &Node) -> String {
        let span = key_node.span;
        let text = |c: &Composed<'_>| c.node(k).map(|n| n.value.to_string()).unwrap_or_default();
        if matches!(key_node.value, Value::Seq(_) | Value::Map(_)) {
            self.go_errors.push(err(
                format!("invalid map key: {}", go_sharp_v(key_node, true)),
                span,
                ErrorSource::GoYaml,
            ));
            return key_node.span.text(self.src).to_string();
        }
        // Follow an alias to its scalar (anchors sit on non-alias nodes: one hop).
        let mut raw = self.c.node(k);
        if let Some(n) = raw.filter(|n| n.kind == RawKind::Alias) {
            raw = self.c.node(n.target);
        }
        let resolved = raw
            .filter(|n| n.kind == RawKind::Scalar)
            .map(|n| scalar_value(n).0);
        match resolved {
            Some(Resolved::Str(s)) => s.into_owned(),
            Some(Resolved::Int(i)) => i.to_string(),
            Some(Resolved::Bool(b)) => b.to_string(),
            Some(Resolved::Float(f)) => {
                if f.is_nan() {
                    ".nan".into()
                } else if f == f64::INFINITY {
                    ".inf".into()
                } else if f == f64::NEG_INFINITY {
                    "-.inf".into()
                } else {
                    go_format_g(f, true)
                }
            }
            Some(Resolved::Null) => {
                self.conv_errors.push(err(
                    format!(
                        "unsupported map key of type: %!s(<nil>), key: <nil>, value: {}",
                        go_sharp_v(value, true)
                    ),
                    span,
                    ErrorSource::JsonConversion,
                ));
                text(self.c)
            }
            Some(Resolved::Uint(u)) => {
                self.conv_errors.push(err(
                    format!(
                        "unsupported map key of type: uint64, key: 0x{u:x}, value: {}",
                        go_sharp_v(value, true)
                    ),
                    span,
                    ErrorSource::JsonConversion,
                ));
                u.to_string()
            }
            None => text(self.c),
        }
    }

    fn merge(&mut self, v: u32, m: &mut MapBuilder, depth: usize) {
        let c = self.c;
        let Some(vn) = c.node(v) else {
            return;
        };
        let want_map = |s: &mut Self, span: Span| {
            s.go_errors.push(err(
                "map merge requires map or sequence of maps as the value",
                span,
                ErrorSource::GoYaml,
            ));
        };
        let is_map_alias = |n: &RawNode<'_>| {
            n.target == NONE || c.node(n.target).is_some_and(|t| t.kind == RawKind::Map)
        };
        match vn.kind {
            RawKind::Map => {
                let node = self.unmarshal(v, depth + 1);
                m.merge(node);
            }
            RawKind::Alias => {
                if !is_map_alias(vn) {
                    want_map(self, vn.span);
                    return;
                }
                let node = self.unmarshal(v, depth + 1);
                m.merge(node);
            }
            RawKind::Seq => {
                // Step backwards as earlier nodes take precedence (decode.go).
                for &item in c.kids(vn).iter().rev() {
                    let Some(inode) = c.node(item) else { continue };
                    let ok = match inode.kind {
                        RawKind::Alias => is_map_alias(inode),
                        RawKind::Map => true,
                        _ => false,
                    };
                    if !ok {
                        want_map(self, inode.span);
                        continue;
                    }
                    let node = self.unmarshal(item, depth + 2);
                    m.merge(node);
                }
            }
            RawKind::Scalar => want_map(self, vn.span),
        }
    }
}

/// A scalar as go-yaml's `d.scalar` sees it: untagged quoted text is a string, otherwise
/// `resolve`, then base64 for `!!binary`. Returns the value and the error go-yaml would raise.
fn scalar_value<'n>(n: &'n RawNode<'_>) -> (Resolved<'n>, Option<String>) {
    let value: &'n str = &n.value;
    let tag: &str = n.tag.as_deref().unwrap_or("");
    if tag.is_empty() && !n.implicit {
        return (Resolved::Str(value.into()), None);
    }
    match resolve::resolve(tag, value) {
        Ok((rtag, r)) => {
            if rtag == TagKind::Binary {
                return match crate::base64::decode(value).ok() {
                    Some(bytes) => (
                        Resolved::Str(String::from_utf8_lossy(&bytes).into_owned().into()),
                        None,
                    ),
                    None => (
                        Resolved::Str(value.into()),
                        Some("!!binary value contains invalid base64 data".into()),
                    ),
                };
            }
            (r, None)
        }
        Err(msg) => (Resolved::Str(value.into()), Some(msg)),
    }
}

/// Builds a mapping the way go-yaml fills a Go map, but keeping keys written twice.
#[derive(Default)]
struct MapBuilder {
    entries: Vec<Entry>,
    /// Which entries came from a merge (a later explicit key replaces them).
    merged: Vec<bool>,
    any_merged: bool,
}

impl MapBuilder {
    fn explicit(&mut self, e: Entry) {
        if self.any_merged {
            if let Some(i) = self.entries.iter().rposition(|x| x.key == e.key) {
                if self.merged.get(i) == Some(&true) {
                    if let (Some(slot), Some(flag)) =
                        (self.entries.get_mut(i), self.merged.get_mut(i))
                    {
                        *slot = e;
                        *flag = false;
                        return;
                    }
                }
            }
        }
        self.entries.push(e);
        self.merged.push(false);
    }

    fn merge(&mut self, node: Node) {
        let Value::Map(src) = node.value else {
            return;
        };
        for e in src {
            self.any_merged = true;
            if let Some(slot) = self.entries.iter_mut().rev().find(|x| x.key == e.key) {
                slot.value = e.value;
            } else {
                self.entries.push(e);
                self.merged.push(true);
            }
        }
    }
}

/// Go's `%#v` of the decoded value (simplified: map keys print as strings, sorted, since the
/// tree keeps only their string form).
pub(crate) fn go_sharp_v(n: &Node, top: bool) -> String {
    match &n.value {
        Value::Null if top => "<nil>".into(),
        Value::Null => "interface {}(nil)".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Uint(u) => u.to_string(),
        Value::Float(f) => go_format_g(*f, false),
        Value::Str(s) => crate::diag::go_quote(s),
        Value::Seq(items) => {
            let inner: Vec<String> = items.iter().map(|i| go_sharp_v(i, false)).collect();
            format!("[]interface {{}}{{{}}}", inner.join(", "))
        }
        Value::Map(entries) => {
            let mut last: crate::vecmap::VecMap<&str, &Node> = Default::default();
            for e in entries {
                last.insert(&e.key, &e.value);
            }
            let inner: Vec<String> = last
                .iter()
                .map(|(k, v)| format!("{}:{}", crate::diag::go_quote(k), go_sharp_v(v, false)))
                .collect();
            format!("map[interface {{}}]interface {{}}{{{}}}", inner.join(", "))
        }
    }
}
