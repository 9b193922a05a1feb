//! `kubectl explain` fixtures: each `tests/fixtures/explain/<name>.yaml` holds the argument
//! (`pod.spec.restartPolicy`, optionally followed by `--recursive`), the `.out` what kubectl
//! 1.37 prints (an error as kubectl words it).
mod common;

fn render(_name: &str, input: &str) -> String {
    let arg = input.trim();
    let (path, recursive) = match arg.strip_suffix("--recursive") {
        Some(p) => (p.trim(), true),
        None => (arg, false),
    };
    match podplay_core::explain::explain(path, recursive) {
        Ok(text) => text,
        Err(e) => e.to_string(),
    }
}

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

#[test]
fn explain_fixtures() {
    common::check_area("explain", render);
}
