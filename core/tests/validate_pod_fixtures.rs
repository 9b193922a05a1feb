//! One fixture per pod-level rule (`tests/fixtures/validate/pod/<rule>.yaml`) and per rule of the
//! other kinds (`tests/fixtures/validate/other/<rule>.yaml`): every object of the input through
//! YAML → decode → defaults → validation, rendered `L:C-L:C field: body` with the English help
//! and the quick fix under each line. `BLESS=1` rewrites the `.out` files.
mod common;
mod validate_support;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

#[test]
fn pod_validation_fixtures() {
    common::check_area("validate/pod", |_name, input| {
        validate_support::render_objects(input)
    });
}

#[test]
fn other_kind_validation_fixtures() {
    common::check_area("validate/other", |_name, input| {
        validate_support::render_objects(input)
    });
}

/// Every quick fix offered in a fixture, applied to the source, makes its own diagnostic go away.
#[test]
fn quick_fixes_resolve_their_diagnostic() {
    let inputs = common::FIXTURES
        .iter()
        .filter(|(n, _, _)| n.starts_with("validate/pod/") || n.starts_with("validate/other/"))
        .map(|(n, i, _)| (*n, *i));
    let checked =
        validate_support::check_quick_fixes(inputs, validate_support::diagnostics, |x, d| {
            x.field == d.field && x.rule == d.rule && x.value == d.value
        });
    assert!(checked >= 5, "only {checked} quick fixes were exercised");
}

/// Every diagnostic the fixtures produce carries a rule id and help in both languages.
#[test]
fn every_diagnostic_has_bilingual_help() {
    let mut seen = 0;
    for (name, input, _) in common::FIXTURES
        .iter()
        .filter(|(n, _, _)| n.starts_with("validate/pod/") || n.starts_with("validate/other/"))
    {
        for d in validate_support::diagnostics(input) {
            seen += 1;
            let ok = !d.rule.is_none()
                && !d.explanation.en.is_empty()
                && !d.explanation.zh.is_empty()
                && !d.fix.en.is_empty()
                && !d.fix.zh.is_empty();
            assert!(ok, "{name}: `{}` ({}) lacks help", d.field_error(), d.rule);
        }
    }
    assert!(seen > 100, "only {seen} diagnostics in the fixtures");
}
