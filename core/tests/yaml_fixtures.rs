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
