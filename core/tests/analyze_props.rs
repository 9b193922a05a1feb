//! The whole check (`analyze`: parse → decode → default → validate) never panics and always
//! returns, whatever the text: mutations of every seed manifest and example (characters deleted,
//! duplicated, replaced; lines moved, re-indented, doubled), arbitrary YAML-ish text, the nasty
//! corpus of the YAML reader, and the limits (10 MB, 10 000-deep nesting, alias bombs).
//! Failing inputs proptest finds are kept in `analyze_props.proptest-regressions`.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failing test

mod common;

use podplay_core::analyze::analyze;
use podplay_core::diag::{ErrorType, Severity};
use proptest::prelude::*;

fn corpus() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = common::FIXTURES
        .iter()
        .filter(|(n, _, _)| {
            n.starts_with("seeds/") || n.starts_with("validate/") || n.starts_with("decode/")
        })
        .map(|(_, i, _)| *i)
        .collect();
    v.extend(podplay_core::examples::ALL.iter().map(|e| e.source));
    v
}

/// A mutation applied to a text: an operation and two positions (taken modulo the length).
#[derive(Clone, Debug)]
enum Mutation {
    Delete(usize, usize),
    Duplicate(usize, usize),
    Insert(usize, String),
    SwapLines(usize, usize),
    Indent(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let snippet = prop_oneof![
        Just(": ".to_string()),
        Just("\n- ".to_string()),
        Just("\t".to_string()),
        Just("\"".to_string()),
        Just("[".to_string()),
        Just("{".to_string()),
        Just("&a ".to_string()),
        Just("*a".to_string()),
        Just("<<: ".to_string()),
        Just("null".to_string()),
        Just("-1".to_string()),
        Just("1e400".to_string()),
        Just("0644".to_string()),
        Just("yes".to_string()),
        Just("\u{0}".to_string()),
        Just("名字".to_string()),
        "[ -~]{0,8}".prop_map(|s| s),
    ];
    prop_oneof![
        (any::<usize>(), 0usize..40).prop_map(|(a, n)| Mutation::Delete(a, n)),
        (any::<usize>(), 0usize..80).prop_map(|(a, n)| Mutation::Duplicate(a, n)),
        (any::<usize>(), snippet).prop_map(|(a, s)| Mutation::Insert(a, s)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (any::<usize>(), 0usize..6).prop_map(|(a, n)| Mutation::Indent(a, n)),
    ]
}

fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &str, m: &Mutation) -> String {
    let len = text.len().max(1);
    match m {
        Mutation::Delete(a, n) => {
            let a = floor(text, a % len);
            let b = floor(text, a + n);
            format!("{}{}", &text[..a], &text[b..])
        }
        Mutation::Duplicate(a, n) => {
            let a = floor(text, a % len);
            let b = floor(text, a + n);
            format!("{}{}{}", &text[..b], &text[a..b], &text[b..])
        }
        Mutation::Insert(a, s) => {
            let a = floor(text, a % len);
            format!("{}{s}{}", &text[..a], &text[a..])
        }
        Mutation::SwapLines(a, b) => {
            let mut lines: Vec<&str> = text.lines().collect();
            if !lines.is_empty() {
                let (a, b) = (a % lines.len(), b % lines.len());
                lines.swap(a, b);
            }
            lines.join("\n")
        }
        Mutation::Indent(a, n) => {
            let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
            if !lines.is_empty() {
                let i = a % lines.len();
                lines[i] = format!("{}{}", " ".repeat(*n), lines[i]);
            }
            lines.join("\n")
        }
    }
}

/// Every diagnostic's span lies within the text and on character boundaries, and every error has
/// help in both languages (what the editor underlines and shows).
fn check(text: &str) {
    let a = analyze(text);
    for doc in &a.documents {
        for d in &doc.diagnostics {
            assert!(
                d.span.start <= d.span.end && d.span.end as usize <= text.len(),
                "span {:?} out of the text",
                d.span
            );
            assert!(
                text.is_char_boundary(d.span.start as usize)
                    && text.is_char_boundary(d.span.end as usize)
            );
            if d.severity == Severity::Error && d.kind != ErrorType::Syntax {
                assert!(
                    !d.explanation.en.is_empty() && !d.explanation.zh.is_empty(),
                    "no help for {} ({})",
                    d.field,
                    d.rule
                );
            }
            let _ = doc.kubectl_message(d);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn mutated_manifests_never_panic(i in any::<usize>(), ms in prop::collection::vec(mutation(), 1..6)) {
        let corpus = corpus();
        let mut text = corpus[i % corpus.len()].to_string();
        for m in &ms {
            text = apply(&text, m);
        }
        check(&text);
    }

    #[test]
    fn yaml_ish_text_never_panics(text in "([a-zA-Z]{1,6}: ?|- |  |\n|\\[|\\]|\\{|\\}|,|\"|'|#|[0-9]{1,3}|&x|\\*x|<<: |---\n){0,60}") {
        check(&text);
    }
}

#[test]
fn the_limits_end_quickly_with_a_clear_error() {
    // 10 MB: over the API server's 3 MiB request limit.
    let big = "a: b\n".repeat(2 * 1024 * 1024);
    let a = analyze(&big);
    let d = &a.documents[0].diagnostics[0];
    assert_eq!(d.kind, ErrorType::Syntax);
    assert!(
        d.detail.contains("3 MiB") || d.detail.contains("3145728"),
        "{}",
        d.detail
    );
    // 10 000-deep nesting, flow and block.
    for deep in [
        "[".repeat(10_000),
        "- ".repeat(10_000) + "x",
        (0..10_000)
            .map(|i| format!("{}k:\n", " ".repeat(i % 200)))
            .collect(),
    ] {
        check(&deep);
    }
    // Alias bombs.
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        bomb.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n",
            p = i - 1
        ));
    }
    let a = analyze(&bomb);
    assert!(a.documents[0]
        .diagnostics
        .iter()
        .any(|d| d.detail.contains("excessive aliasing")));
}

#[test]
fn the_nasty_corpus_is_checked_whole() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/yaml/nasty");
    for entry in std::fs::read_dir(dir).expect("nasty corpus") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("text");
        check(&text);
    }
}
