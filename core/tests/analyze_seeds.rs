//! Every seed manifest through the whole check (`analyze`: YAML → strict decoding → defaulting →
//! validation), as the API server would answer `kubectl create -f <seed> --validate=strict`.
//! The expected output sits beside each seed (`tests/fixtures/seeds/<name>.out`): per document its
//! kind and name, then one line per problem (`L:C-L:C field: body`) with kubectl's full message.
mod common;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use podplay_core::analyze::analyze_file;
use podplay_core::diag::Severity;

fn render(name: &str, input: &str) -> String {
    let file = format!("{}.yaml", name.rsplit('/').next().unwrap_or(name));
    let a = analyze_file(input, &file);
    let mut out = String::new();
    for doc in a.documents.iter().filter(|d| !d.empty) {
        let kind = doc.kind.as_deref().unwrap_or("(no kind)");
        let name = doc.name.as_deref().unwrap_or("(no name)");
        out.push_str(&format!("# document {}: {kind} {name}\n", doc.index));
        if doc.diagnostics.is_empty() {
            out.push_str("valid\n");
        }
        let mut diags: Vec<_> = doc.diagnostics.iter().collect();
        diags.sort_by_key(|d| (d.span.start, d.span.end));
        for d in diags {
            let s = a.line_index.line_col(input, d.span.start);
            let e = a.line_index.line_col(input, d.span.end);
            let warn = if d.severity == Severity::Warning {
                " (warning)"
            } else {
                ""
            };
            let body = if d.field.is_empty() {
                d.body()
            } else {
                d.field_error()
            };
            out.push_str(&format!(
                "{}:{}-{}:{} {body}{warn}\n",
                s.line, s.column, e.line, e.column
            ));
            out.push_str(&format!("    kubectl: {}\n", doc.kubectl_message(d)));
        }
    }
    out
}

#[test]
fn every_seed_gets_what_the_api_server_would_say() {
    common::check_area("seeds", render);
}
