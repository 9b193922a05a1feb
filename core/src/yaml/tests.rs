//! Unit tests of the YAML reader, one group per feature.
use super::*;
use crate::tree::Value;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

#[test]
fn smoke() {
    let docs = parse_stream("a: 1\n");
    assert_eq!(docs.len(), 1);
    assert!(matches!(
        docs[0].root.as_ref().unwrap().value,
        Value::Map(_)
    ));
}
