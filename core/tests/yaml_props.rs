#![cfg(not(target_arch = "wasm32"))]
//! Property tests of the YAML reader: it never panics and always returns, on arbitrary text,
//! on mutations of the seed manifests and on a corpus of nasty inputs; generated trees written
//! as block YAML read back as themselves; and on inputs where YAML 1.1 and 1.2 agree, the
//! result matches serde_yaml's.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failing test

mod common;

use podplay_core::tree::{Node, Value};
use podplay_core::yaml::parse_stream;
use proptest::prelude::*;
use std::collections::BTreeMap;

/// A value both readers see alike; `Num` keeps integers apart from floats.
#[derive(Clone, Debug, PartialEq)]
enum V {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<V>),
    Map(Vec<(String, V)>),
}

fn from_node(n: &Node) -> V {
    match &n.value {
        Value::Null => V::Null,
        Value::Bool(b) => V::Bool(*b),
        Value::Int(i) => V::Int(*i),
        Value::Uint(u) => V::Float(*u as f64),
        Value::Float(f) => V::Float(*f),
        Value::Str(s) => V::Str(s.clone()),
        Value::Seq(items) => V::Seq(items.iter().map(from_node).collect()),
        Value::Map(entries) => V::Map(
            entries
                .iter()
                .map(|e| (e.key.clone(), from_node(&e.value)))
                .collect(),
        ),
    }
}

fn from_serde(v: &serde_yaml::Value) -> V {
    use serde_yaml::Value as S;
    match v {
        S::Null => V::Null,
        S::Bool(b) => V::Bool(*b),
        S::Number(n) => match n.as_i64() {
            Some(i) => V::Int(i),
            None => V::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        S::String(s) => V::Str(s.clone()),
        S::Sequence(items) => V::Seq(items.iter().map(from_serde).collect()),
        S::Mapping(m) => V::Map(
            m.iter()
                .map(|(k, v)| {
                    let key = match k {
                        S::String(s) => s.clone(),
                        other => format!("{other:?}"),
                    };
                    (key, from_serde(v))
                })
                .collect(),
        ),
        S::Tagged(t) => from_serde(&t.value),
    }
}

/// Words that YAML 1.1 (go-yaml v2) and 1.2 (serde_yaml) would both read as plain strings.
fn word() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9_]{0,7}".prop_filter("a YAML 1.1 or 1.2 keyword", |w| {
        !matches!(
            w.as_str(),
            "y" | "n" | "yes" | "no" | "on" | "off" | "true" | "false" | "null"
        )
    })
}

fn scalar() -> impl Strategy<Value = V> {
    prop_oneof![
        Just(V::Null),
        any::<bool>().prop_map(V::Bool),
        any::<i64>().prop_map(V::Int),
        (-1000i32..1000, 1u32..100).prop_map(|(a, b)| V::Float(a as f64 + b as f64 / 128.0)),
        word().prop_map(V::Str),
        "[ -~]{0,12}".prop_map(V::Str),
    ]
}

fn tree() -> impl Strategy<Value = V> {
    scalar().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(V::Seq),
            prop::collection::btree_map(word(), inner, 0..5)
                .prop_map(|m: BTreeMap<String, V>| V::Map(m.into_iter().collect())),
        ]
    })
}

fn root_tree() -> impl Strategy<Value = V> {
    prop_oneof![
        prop::collection::btree_map(word(), tree(), 1..6)
            .prop_map(|m: BTreeMap<String, V>| V::Map(m.into_iter().collect())),
        prop::collection::vec(tree(), 1..6).prop_map(V::Seq),
    ]
}

fn scalar_text(v: &V) -> String {
    match v {
        V::Null => "null".into(),
        V::Bool(b) => b.to_string(),
        V::Int(i) => i.to_string(),
        V::Float(f) => format!("{f:?}"),
        // A word is written plain (unless YAML 1.1 would read it as a boolean or null, like
        // `n`); anything else double-quoted with JSON escapes.
        V::Str(s)
            if s.bytes()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_')
                && s.bytes().next().is_some_and(|c| c.is_ascii_lowercase())
                && !matches!(
                    s.as_str(),
                    "y" | "n" | "yes" | "no" | "on" | "off" | "true" | "false" | "null"
                ) =>
        {
            s.clone()
        }
        V::Str(s) => podplay_core::diag::json_quote(s),
        V::Seq(_) => "[]".into(),
        V::Map(_) => "{}".into(),
    }
}

fn is_block(v: &V) -> bool {
    matches!(v, V::Seq(s) if !s.is_empty()) || matches!(v, V::Map(m) if !m.is_empty())
}

/// Block-style YAML, with sequences under a key at the key's indentation as manifests write
/// them.
fn emit(v: &V, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match v {
        V::Map(entries) => {
            for (k, val) in entries {
                out.push_str(&format!("{pad}{k}:"));
                match val {
                    V::Seq(items) if !items.is_empty() => {
                        out.push('\n');
                        emit(val, indent, out);
                    }
                    _ if is_block(val) => {
                        out.push('\n');
                        emit(val, indent + 2, out);
                    }
                    _ => out.push_str(&format!(" {}\n", scalar_text(val))),
                }
            }
        }
        V::Seq(items) => {
            for item in items {
                out.push_str(&format!("{pad}-"));
                if is_block(item) {
                    out.push('\n');
                    emit(item, indent + 2, out);
                } else {
                    out.push_str(&format!(" {}\n", scalar_text(item)));
                }
            }
        }
        other => out.push_str(&format!("{pad}{}\n", scalar_text(other))),
    }
}

fn seeds() -> Vec<&'static str> {
    common::FIXTURES
        .iter()
        .filter(|(n, _, _)| n.starts_with("seeds/"))
        .map(|(_, i, _)| *i)
        .collect()
}

const NASTY_CHARS: &[char] = &[
    ' ', '\t', '\n', '\r', '-', ':', '?', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>',
    '\'', '"', '%', '@', '`', '\\', '.', '0', 'a', '\u{feff}', '\u{85}', '\u{2028}', '\0',
];

fn mutate(src: &str, edits: &[(prop::sample::Index, u8, prop::sample::Index)]) -> String {
    let mut s: Vec<char> = src.chars().collect();
    for (at, op, what) in edits {
        let i = if s.is_empty() {
            0
        } else {
            at.index(s.len() + 1)
        };
        match op % 4 {
            0 => s.insert(i.min(s.len()), *what.get(NASTY_CHARS)),
            1 if i < s.len() => {
                s.remove(i);
            }
            2 => {
                // duplicate the line around i
                let start = s[..i.min(s.len())]
                    .iter()
                    .rposition(|c| *c == '\n')
                    .map_or(0, |p| p + 1);
                let end = s[i.min(s.len())..]
                    .iter()
                    .position(|c| *c == '\n')
                    .map_or(s.len(), |p| i + p + 1);
                let line: Vec<char> = s[start..end].to_vec();
                for (k, c) in line.into_iter().enumerate() {
                    s.insert(start + k, c);
                }
            }
            _ => {
                // indent or dedent the line by a space
                let start = s[..i.min(s.len())]
                    .iter()
                    .rposition(|c| *c == '\n')
                    .map_or(0, |p| p + 1);
                if s.get(start) == Some(&' ') {
                    s.remove(start);
                } else {
                    s.insert(start, ' ');
                }
            }
        }
    }
    s.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(s in any::<String>()) {
        let _ = parse_stream(&s);
    }

    #[test]
    fn yaml_like_text_never_panics(s in "([-:?,\\[\\]{}#&*!|>'\"%@` \\t\\n.0-9a-z\\\\]|\r\n|---|\\.\\.\\.){0,120}") {
        let docs = parse_stream(&s);
        for d in &docs {
            // Spans stay inside the text.
            for e in &d.errors {
                prop_assert!(e.span.end as usize <= s.len());
            }
        }
    }

    #[test]
    fn seed_mutations_never_panic(
        seed in any::<prop::sample::Index>(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), any::<prop::sample::Index>()), 1..8),
    ) {
        let all = seeds();
        let src = mutate(all[seed.index(all.len())], &edits);
        let docs = parse_stream(&src);
        prop_assert!(!docs.is_empty() || src.trim().is_empty() || src.lines().all(|l| l.starts_with("---")));
    }

    #[test]
    fn block_yaml_round_trips(t in root_tree()) {
        let mut text = String::new();
        emit(&t, 0, &mut text);
        let docs = parse_stream(&text);
        prop_assert_eq!(docs.len(), 1);
        prop_assert!(docs[0].errors.is_empty(), "{:?}\n{}", docs[0].errors, text);
        let got = docs[0].root.as_ref().map(from_node);
        prop_assert_eq!(got, Some(t), "{}", text);
    }

    #[test]
    fn agrees_with_serde_yaml_where_yaml_1_1_and_1_2_agree(t in root_tree()) {
        let mut text = String::new();
        emit(&t, 0, &mut text);
        let ours = parse_stream(&text);
        let theirs: serde_yaml::Value = serde_yaml::from_str(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(ours[0].root.as_ref().map(from_node), Some(from_serde(&theirs)), "{}", text);
    }
}

/// The corpus of nasty inputs (deep nesting, alias bombs, odd breaks, controls…): each returns
/// quickly with at least one document.
#[test]
fn nasty_corpus_returns() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/yaml/nasty");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).expect("nasty corpus") {
        let path = entry.expect("entry").path();
        let src = std::fs::read_to_string(&path).expect("utf-8 text");
        let docs = parse_stream(&src);
        assert!(!docs.is_empty(), "{}", path.display());
        n += 1;
    }
    assert!(n >= 10);
}
