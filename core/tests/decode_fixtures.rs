//! Decode fixtures: `tests/fixtures/decode/<name>.yaml` → one diagnostic per line
//! (`L:C-L:C field: body`, sorted by position, warnings marked), then what kubectl prints.
mod common;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use podplay_core::decode::{decode, kubectl_message};
use podplay_core::diag::Severity;
use podplay_core::span::LineIndex;

fn render(name: &str, input: &str) -> String {
    let idx = LineIndex::new(input);
    let file = format!("{}.yaml", name.rsplit('/').next().unwrap_or(name));
    let mut out = String::new();
    for doc in common::roots(input) {
        let Some(doc) = doc else {
            out.push_str("(empty document)\n");
            continue;
        };
        let d = decode(&doc);
        let mut diags: Vec<_> = d.diagnostics.iter().collect();
        diags.sort_by_key(|x| (x.span.start, x.span.end));
        for x in diags {
            let a = idx.line_col(input, x.span.start);
            let b = idx.line_col(input, x.span.end);
            let warn = if x.severity == Severity::Warning {
                " (warning)"
            } else {
                ""
            };
            let field = if x.field.is_empty() {
                "<root>"
            } else {
                x.field.as_str()
            };
            out.push_str(&format!(
                "{}:{}-{}:{} {field}: {}{warn}\n",
                a.line,
                a.column,
                b.line,
                b.column,
                x.body()
            ));
        }
        match kubectl_message(&d, &file) {
            Some(m) => out.push_str(&format!("kubectl: {m}\n")),
            None => out.push_str("kubectl: (accepted by decoding)\n"),
        }
    }
    out
}

#[test]
fn decode_fixtures() {
    common::check_area("decode", render);
}
