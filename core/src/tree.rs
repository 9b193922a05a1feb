//! The document tree every later stage reads: a JSON-like value (what kubectl sends to the API
//! server after converting YAML to JSON) where every node and every key keeps its source span.
//!
//! The YAML reader builds it; strict decoding checks it against the schema; validation walks it;
//! defaulting produces a new tree whose inserted nodes are marked [`Node::defaulted`].

use crate::span::Span;

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    /// Where the node's text is. For a node inserted by defaulting, the span of the closest
    /// source node it was derived from (its parent object), so that it can still be pointed at.
    pub span: Span,
    /// True when the API server's defaulting added this node; false for text the user wrote.
    pub defaulted: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    /// An integer in 2^63..2^64-1: go-yaml resolves it to `uint64` and the JSON sent to the API
    /// server carries its exact digits (too large for any int64 field).
    Uint(u64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

/// One `key: value` pair of a mapping. Keys are strings, as JSON requires: the YAML reader
/// converts a scalar key the way sigs.k8s.io/yaml does (`1: x` has key `"1"`).
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_span: Span,
    pub value: Node,
}

/// The JSON type of a value, named as Go's encoding/json names them in its errors
/// (`cannot unmarshal string into ...`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonType {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

impl JsonType {
    pub fn go_name(self) -> &'static str {
        match self {
            JsonType::Null => "null",
            JsonType::Bool => "bool",
            JsonType::Number => "number",
            JsonType::String => "string",
            JsonType::Array => "array",
            JsonType::Object => "object",
        }
    }
}

impl Node {
    pub fn new(value: Value, span: Span) -> Node {
        Node {
            value,
            span,
            defaulted: false,
        }
    }

    /// A node added by defaulting, pointing at `near` (the object it was added to).
    pub fn defaulted(value: Value, near: Span) -> Node {
        Node {
            value,
            span: near,
            defaulted: true,
        }
    }

    pub fn json_type(&self) -> JsonType {
        match self.value {
            Value::Null => JsonType::Null,
            Value::Bool(_) => JsonType::Bool,
            Value::Int(_) | Value::Uint(_) | Value::Float(_) => JsonType::Number,
            Value::Str(_) => JsonType::String,
            Value::Seq(_) => JsonType::Array,
            Value::Map(_) => JsonType::Object,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self.value {
            Value::Int(i) => Some(i),
            Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.2e18 => Some(f as i64),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self.value {
            Value::Int(i) => Some(i as f64),
            Value::Uint(u) => Some(u as f64),
            Value::Float(f) => Some(f),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.value {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&[Entry]> {
        match &self.value {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn as_map_mut(&mut self) -> Option<&mut Vec<Entry>> {
        match &mut self.value {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn as_seq_mut(&mut self) -> Option<&mut Vec<Node>> {
        match &mut self.value {
            Value::Seq(items) => Some(items),
            _ => None,
        }
    }

    /// The entry for `key` in a mapping (the first one, if the key is duplicated).
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.as_map()?.iter().find(|e| e.key == key)
    }

    /// The value for `key` in a mapping. `null` values count as absent, as they do for Go's
    /// decoder into pointer and omitempty fields.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value).filter(|n| !n.is_null())
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Node> {
        self.as_map_mut()?
            .iter_mut()
            .find(|e| e.key == key)
            .map(|e| &mut e.value)
    }

    /// `get(key)` as a string.
    pub fn str(&self, key: &str) -> Option<&str> {
        self.get(key)?.as_str()
    }

    /// `get(key)` as a sequence; absent or not a sequence gives an empty slice.
    pub fn seq(&self, key: &str) -> &[Node] {
        self.get(key).and_then(Node::as_seq).unwrap_or(&[])
    }

    /// `get(key)` as a mapping; absent or not a mapping gives an empty slice.
    pub fn map(&self, key: &str) -> &[Entry] {
        self.get(key).and_then(Node::as_map).unwrap_or(&[])
    }

    /// Follows a dotted path of keys (`"spec.securityContext.runAsUser"`); no indexing.
    pub fn path(&self, dotted: &str) -> Option<&Node> {
        dotted.split('.').try_fold(self, |n, k| n.get(k))
    }

    /// Inserts or replaces `key`, keeping the order of existing keys.
    pub fn set(&mut self, key: &str, value: Node) {
        if let Some(entries) = self.as_map_mut() {
            if let Some(e) = entries.iter_mut().find(|e| e.key == key) {
                e.value = value;
            } else {
                let key_span = value.span;
                entries.push(Entry {
                    key: key.to_string(),
                    key_span,
                    value,
                });
            }
        }
    }

    /// The innermost node whose span contains `offset`, with the chain of keys/indices leading to it.
    /// Used to answer "what field is under the cursor".
    pub fn locate(&self, offset: u32) -> Vec<Step<'_>> {
        let mut steps = Vec::new();
        let mut cur = self;
        'walk: loop {
            match &cur.value {
                Value::Map(entries) => {
                    for e in entries {
                        if e.key_span.touches(offset) {
                            steps.push(Step::Key(e));
                            return steps;
                        }
                        if e.value.span.touches(offset) && !e.value.defaulted {
                            steps.push(Step::Key(e));
                            cur = &e.value;
                            continue 'walk;
                        }
                    }
                    return steps;
                }
                Value::Seq(items) => {
                    for (i, item) in items.iter().enumerate() {
                        if item.span.touches(offset) && !item.defaulted {
                            steps.push(Step::Index(i, item));
                            cur = item;
                            continue 'walk;
                        }
                    }
                    return steps;
                }
                _ => return steps,
            }
        }
    }
}

/// One step of a path through the tree, as found by [`Node::locate`].
#[derive(Clone, Copy, Debug)]
pub enum Step<'a> {
    Key(&'a Entry),
    Index(usize, &'a Node),
}

impl Value {
    pub fn str(s: impl Into<String>) -> Value {
        Value::Str(s.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn n(v: Value, s: u32, e: u32) -> Node {
        Node::new(v, Span::new(s, e))
    }

    #[test]
    fn get_treats_null_as_absent_and_locate_finds_keys() {
        // a: {b: x, c: null}
        let inner = n(
            Value::Map(vec![
                Entry {
                    key: "b".into(),
                    key_span: Span::new(4, 5),
                    value: n(Value::str("x"), 7, 8),
                },
                Entry {
                    key: "c".into(),
                    key_span: Span::new(10, 11),
                    value: n(Value::Null, 13, 17),
                },
            ]),
            3,
            18,
        );
        let root = n(
            Value::Map(vec![Entry {
                key: "a".into(),
                key_span: Span::new(0, 1),
                value: inner,
            }]),
            0,
            18,
        );
        assert_eq!(root.path("a.b").and_then(Node::as_str), Some("x"));
        assert!(root.path("a.c").is_none());
        assert!(root.path("a").unwrap().entry("c").is_some());
        let steps = root.locate(7);
        assert_eq!(steps.len(), 2);
        assert!(matches!(steps[1], Step::Key(e) if e.key == "b"));
    }
}
