//! The YAML reader's fixtures: every `tests/fixtures/yaml/*.yaml` rendered as its documents
//! (tree with `@line:col` spans, then errors), and the seed manifests' exact syntax errors.
mod common;

use podplay_core::span::LineIndex;
use podplay_core::tree::{Node, Value};
use podplay_core::yaml::{parse_stream, Document, ErrorSource, Span};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

fn pos(idx: &LineIndex, src: &str, s: Span) -> String {
    let a = idx.line_col(src, s.start);
    let b = idx.line_col(src, s.end);
    format!("{}:{}-{}:{}", a.line, a.column, b.line, b.column)
}

fn json_str(s: &str) -> String {
    podplay_core::diag::json_quote(s)
}

fn scalar(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Uint(u) => format!("{u} (uint64)"),
        Value::Float(f) if f.is_nan() => "NaN".into(),
        Value::Float(f) if f.is_infinite() => {
            if *f > 0.0 {
                "+Inf".into()
            } else {
                "-Inf".into()
            }
        }
        Value::Float(f) => format!("{f:?}"),
        Value::Str(s) => json_str(s),
        Value::Seq(_) | Value::Map(_) => String::new(),
    }
}

fn node(out: &mut String, idx: &LineIndex, src: &str, n: &Node, indent: usize) {
    let pad = "  ".repeat(indent);
    match &n.value {
        Value::Map(entries) => {
            out.push_str(&format!("{{ @{}\n", pos(idx, src, n.span)));
            for e in entries {
                out.push_str(&format!(
                    "{pad}  {}@{}: ",
                    json_str(&e.key),
                    pos(idx, src, e.key_span)
                ));
                node(out, idx, src, &e.value, indent + 1);
            }
            out.push_str(&format!("{pad}}}\n"));
        }
        Value::Seq(items) => {
            out.push_str(&format!("[ @{}\n", pos(idx, src, n.span)));
            for i in items {
                out.push_str(&format!("{pad}  "));
                node(out, idx, src, i, indent + 1);
            }
            out.push_str(&format!("{pad}]\n"));
        }
        v => out.push_str(&format!("{} @{}\n", scalar(v), pos(idx, src, n.span))),
    }
}

fn render_docs(src: &str, docs: &[Document]) -> String {
    let idx = LineIndex::new(src);
    let mut out = String::new();
    for d in docs {
        out.push_str(&format!("doc {} ({})\n", d.index, pos(&idx, src, d.span)));
        match &d.root {
            Some(r) => node(&mut out, &idx, src, r, 0),
            None => out.push_str("(empty)\n"),
        }
        for e in &d.errors {
            let line = if e.kubectl_line > 0 {
                format!("kubectl line {}", e.kubectl_line)
            } else {
                "kubectl prints no line".to_string()
            };
            let src_kind = match e.source {
                ErrorSource::GoYaml => "syntax",
                ErrorSource::JsonConversion => "conversion",
                ErrorSource::JsonMarshal => "json",
                ErrorSource::DocumentSeparator => "separator",
                ErrorSource::Limit => "limit",
            };
            out.push_str(&format!(
                "{} {src_kind}: {} ({line})\n",
                pos(&idx, src, e.span),
                e.message
            ));
        }
    }
    out
}

fn render(_name: &str, input: &str) -> String {
    render_docs(input, &parse_stream(input))
}

#[test]
fn yaml_fixtures() {
    common::check_area("yaml", render);
}

/// Every seed manifest, with the exact errors go-yaml v2 gives kubectl for it. Each expectation
/// below was derived by following go-yaml v2's scanner and parser on the file.
#[test]
fn seed_manifests_fail_exactly_where_kubectl_fails() {
    /// (message, kubectl line, file line:col where the editor underlines)
    type Expected<'a> = &'a [(&'a str, u32, &'a str)];
    // (seed name, [(message, kubectl line, file line:col where the editor underlines)])
    let expected: &[(&str, Expected)] = &[
        // The notes' own fragment: after `value: 'mysql'` the root mapping wants another key but
        // finds `-` on line 2. A parser error: go-yaml prints the 0-based line of the `-`, 1.
        (
            "myweb-env-fragment",
            &[("did not find expected key", 1, "2:1")],
        ),
        // The same fragment pasted under myweb.yaml: `value:` at column 0 closes every open
        // collection and becomes a key of the root mapping; the `-` on line 16 then fails the
        // same way (0-based line 15).
        ("myweb-joined", &[("did not find expected key", 15, "16:1")]),
        // The two shell commands after the manifest: the first (line 25) is a plain scalar at
        // the root mapping's indentation, so it must be a key; when the scanner reaches the
        // second line without finding its `:` it fails. A scanner error: 0-based line 25, +1.
        (
            "projected-volume",
            &[("could not find expected ':'", 26, "25:1")],
        ),
    ];
    let mut seen = 0;
    for (name, input, _) in common::FIXTURES
        .iter()
        .filter(|(n, _, _)| n.starts_with("seeds/"))
    {
        let short = name.trim_start_matches("seeds/");
        let docs = parse_stream(input);
        assert!(!docs.is_empty(), "{short}: no document");
        let idx = LineIndex::new(input);
        let got: Vec<(String, u32, String)> = docs
            .iter()
            .flat_map(|d| d.errors.iter())
            .map(|e| {
                let lc = idx.line_col(input, e.span.start);
                (
                    e.message.clone(),
                    e.kubectl_line,
                    format!("{}:{}", lc.line, lc.column),
                )
            })
            .collect();
        let want: Vec<(String, u32, String)> = expected
            .iter()
            .find(|(n, _)| *n == short)
            .map(|(_, errs)| {
                seen += 1;
                errs.iter()
                    .map(|(m, l, at)| (m.to_string(), *l, at.to_string()))
                    .collect()
            })
            // Every other seed is valid YAML (its mistakes are for later stages).
            .unwrap_or_default();
        assert_eq!(got, want, "{short}");
        // Every document keeps a tree, even the failing ones.
        assert!(
            docs.iter().all(|d| d.root.is_some()),
            "{short}: a document lost its tree"
        );
    }
    assert_eq!(seen, expected.len(), "a seed named above is missing");
}

/// git-sync.yaml is two documents: a Pod and a Service.
#[test]
fn seed_git_sync_is_two_documents() {
    let input = common::FIXTURES
        .iter()
        .find(|(n, _, _)| *n == "seeds/git-sync")
        .map(|(_, i, _)| *i)
        .unwrap_or("");
    let docs = parse_stream(input);
    assert_eq!(docs.len(), 2);
    let kinds: Vec<_> = docs
        .iter()
        .map(|d| d.root.as_ref().and_then(|r| r.str("kind")))
        .collect();
    assert_eq!(kinds, [Some("Pod"), Some("Service")]);
}
