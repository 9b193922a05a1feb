//! Defaulting fixtures: `tests/fixtures/defaults/<name>.yaml` → every object of the stream as
//! the API server stores it (`kubectl get -o yaml` style), each added line marked `# defaulted`.
mod common;
mod validate_support;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use podplay_core::defaults::to_yaml_annotated;

#[test]
fn defaults_fixtures() {
    common::check_area("defaults", |_name, input| {
        validate_support::defaulted_objects(input)
            .iter()
            .map(to_yaml_annotated)
            .collect::<Vec<_>>()
            .join("---\n")
    });
}
