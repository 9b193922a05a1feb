//! One fixture per container rule: `tests/fixtures/validate/container/<rule>.yaml` → the
//! container diagnostics of each Pod in it (`L:C-L:C field: body`, then the English help, then
//! the quick fix when there is one). `BLESS=1` rewrites the `.out` files.
mod common;
mod validate_container_support;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

#[test]
fn container_validation_fixtures() {
    common::check_area("validate/container", |_name, input| {
        validate_container_support::render(input)
    });
}
