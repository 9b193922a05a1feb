//! The whole app mounted in a real browser page: the default example renders, typing broken YAML
//! shows the located syntax error, and the text is kept in local storage.
#![cfg(target_arch = "wasm32")]

mod support;

use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn default_example_is_parsed_and_listed() {
    let root = mount_fresh().await;
    let summary = text_of(&root, ".summary");
    assert!(summary.contains("Pod hello-pod"), "{summary}");
    assert!(summary.contains("hello-ctr"), "{summary}");
    assert!(root.query_selector(".error").unwrap().is_none());
    assert_eq!(editor(&root).text(), podplay_core::examples::DEFAULT.source);
}

#[wasm_bindgen_test]
async fn typing_broken_yaml_shows_the_located_error_and_is_saved() {
    let root = mount_fresh().await;
    let broken = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: a\n    image: [nginx\n";
    type_text(&root, broken).await;
    let error = text_of(&root, ".error");
    assert!(error.contains("YAML syntax error"), "{error}");
    assert!(
        error.contains("line 9"),
        "the error points at the end of the unclosed flow sequence: {error}"
    );
    assert!(
        error.contains("error converting YAML to JSON: yaml: line"),
        "{error}"
    );
    let saved = storage().get_item("podplay.text.v1").unwrap();
    assert_eq!(saved.as_deref(), Some(broken));

    type_text(
        &root,
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: fixed\n",
    )
    .await;
    assert!(root.query_selector(".error").unwrap().is_none());
    assert!(text_of(&root, ".summary").contains("Pod fixed"));
}
