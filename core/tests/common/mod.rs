//! The data-driven fixture harness shared by `tests/*_fixtures.rs`.
//!
//! A fixture is `tests/fixtures/<area>/<name>.yaml` with its expected output in `<name>.out`
//! beside it. Each area's test renders every input of its area and compares with the expected
//! text. Natively, `BLESS=1 cargo test -p podplay-core` rewrites the `.out` files with today's
//! output (review the diff!). Compiled to wasm32 the fixtures are embedded by `build.rs`, so the
//! same comparisons run in the JavaScript engine too.
#![allow(dead_code)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failing test

include!(concat!(env!("OUT_DIR"), "/fixtures.rs"));

/// Renders every fixture under `area/` (e.g. `"validate"`, `"seeds"`) and compares it with its
/// `.out` file. Panics listing every mismatch at once.
pub fn check_area(area: &str, render: fn(name: &str, input: &str) -> String) {
    let prefix = format!("{area}/");
    let mut failures = Vec::new();
    let mut count = 0;
    for (name, input, expected) in FIXTURES.iter().filter(|(n, _, _)| n.starts_with(&prefix)) {
        count += 1;
        let actual = render(name, input);
        if bless() {
            write_expected(name, &actual);
            continue;
        }
        match expected {
            Some(exp) if normalize(exp) == normalize(&actual) => {}
            Some(exp) => failures.push(format!(
                "--- {name}.out (expected)\n{exp}\n+++ actual\n{actual}"
            )),
            None => failures.push(format!(
                "{name}: no .out file; run with BLESS=1 to create it. Actual:\n{actual}"
            )),
        }
    }
    assert!(count > 0, "no fixtures found under tests/fixtures/{area}");
    assert!(
        failures.is_empty(),
        "{} of {count} fixtures differ:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

fn normalize(s: &str) -> String {
    s.replace("\r\n", "\n").trim_end().to_string()
}

#[cfg(not(target_arch = "wasm32"))]
fn bless() -> bool {
    std::env::var_os("BLESS").is_some()
}

#[cfg(target_arch = "wasm32")]
fn bless() -> bool {
    false
}

#[cfg(not(target_arch = "wasm32"))]
fn write_expected(name: &str, actual: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(format!("{name}.out"));
    let mut text = actual.trim_end().to_string();
    text.push('\n');
    std::fs::write(path, text).expect("write .out file");
}

#[cfg(target_arch = "wasm32")]
fn write_expected(_: &str, _: &str) {}

/// The root of each document of `src` as the YAML reader builds it (partial when the document
/// has a syntax error; `None` for an empty document).
pub fn roots(src: &str) -> Vec<Option<podplay_core::tree::Node>> {
    podplay_core::yaml::parse_stream(src)
        .into_iter()
        .map(|d| d.root)
        .collect()
}

/// A fixture's input text by its name (`"seeds/hello-pod"`).
pub fn fixture(name: &str) -> &'static str {
    FIXTURES
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, i, _)| *i)
        .unwrap_or_else(|| panic!("no fixture {name}"))
}
