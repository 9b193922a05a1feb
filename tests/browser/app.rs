//! The whole app mounted in a real browser page: the default example renders, typing broken YAML
//! shows the located syntax error, and the text is kept in local storage.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlTextAreaElement, InputEvent, InputEventInit};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts the app into a fresh `#app` element (as the page does) after clearing saved state.
async fn mount_fresh() -> web_sys::Element {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    if let Some(old) = document().get_element_by_id("app") {
        old.remove();
    }
    let root = document().create_element("div").unwrap();
    root.set_id("app");
    document().body().unwrap().append_child(&root).unwrap();
    podplay_app::browser::mount::<podplay_app::app::App>();
    settle().await;
    root
}

async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(30)).await;
}

async fn type_text(text: &str) {
    let area: HtmlTextAreaElement = document()
        .get_element_by_id("source")
        .unwrap()
        .dyn_into()
        .unwrap();
    area.set_value(text);
    let init = InputEventInit::new();
    init.set_bubbles(true);
    let ev = InputEvent::new_with_event_init_dict("input", &init).unwrap();
    area.dispatch_event(&ev).unwrap();
    settle().await;
}

fn text_of(root: &web_sys::Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .map(|e| e.text_content().unwrap_or_default())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn default_example_is_parsed_and_listed() {
    let root = mount_fresh().await;
    let summary = text_of(&root, ".summary");
    assert!(summary.contains("Pod hello-pod"), "{summary}");
    assert!(summary.contains("hello-ctr"), "{summary}");
    assert!(root.query_selector(".error").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn typing_broken_yaml_shows_the_located_error_and_is_saved() {
    let root = mount_fresh().await;
    let broken = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: a\n    image: [nginx\n";
    type_text(broken).await;
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
    let saved = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item("podplay.text.v1")
        .unwrap();
    assert_eq!(saved.as_deref(), Some(broken));

    type_text("apiVersion: v1\nkind: Pod\nmetadata:\n  name: fixed\n").await;
    assert!(root.query_selector(".error").unwrap().is_none());
    assert!(text_of(&root, ".summary").contains("Pod fixed"));
}
