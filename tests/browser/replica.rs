//! The code editor before its first use (issue 15): a replica of the view, drawn from the text
//! (numbered lines, focusable, named, described), that gives way to the real view on first use:
//! the same text, the focus inside, and the keys typed on the replica replayed in the view.
//! Its own test binary, so that the editor bundle is not loaded yet when it starts.
#![cfg(target_arch = "wasm32")]

mod support;

use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{KeyboardEvent, KeyboardEventInit};

wasm_bindgen_test_configure!(run_in_browser);

const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n\nspec:\n  containers:\n  - name: web\n    image: nginx\n";

fn key(target: &web_sys::Element, key: &str) {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let ev = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&ev).unwrap();
}

#[wasm_bindgen_test]
async fn the_replica_shows_the_text_and_gives_way_to_the_view_on_first_use() {
    storage().clear().unwrap();
    storage().set_item("podplay.text.v1", POD).unwrap();
    let root = mount_replica().await;
    let replica = root
        .query_selector("#editor .cm-editor[data-replica]")
        .unwrap()
        .expect("the replica");
    let lines: Vec<String> = all(&root, "#editor .cm-line")
        .iter()
        .map(|l| l.text_content().unwrap_or_default())
        .collect();
    assert_eq!(lines.join("\n"), POD, "every line, the empty ones too");
    let numbers: Vec<String> = all(&root, "#editor .cm-lineNumbers .cm-gutterElement")
        .iter()
        .map(|l| l.text_content().unwrap_or_default())
        .collect();
    assert_eq!(
        numbers.first().map(String::as_str),
        Some("99"),
        "CodeMirror's hidden spacer"
    );
    assert_eq!(numbers.len(), 1 + POD.split('\n').count());
    assert_eq!(
        all(&root, "#editor .cm-indent-guide").len(),
        4,
        "guides on the indented lines"
    );
    let content = replica.query_selector(".cm-content").unwrap().unwrap();
    for (name, value) in [
        ("tabindex", "0"),
        ("role", "textbox"),
        ("aria-multiline", "true"),
        ("aria-describedby", "source-hint"),
    ] {
        assert_eq!(
            content.get_attribute(name).as_deref(),
            Some(value),
            "{name}"
        );
    }
    assert_eq!(
        content.get_attribute("aria-label").as_deref(),
        Some(text_of(&root, "#editor-title").as_str())
    );
    assert!(
        content.get_attribute("contenteditable").is_none(),
        "the replica is not the view"
    );

    // A keyboard user tabs in and types at once: the view comes with the focus and the keys.
    content
        .dyn_ref::<web_sys::HtmlElement>()
        .unwrap()
        .focus()
        .unwrap();
    key(&content, "#");
    key(&content, "!");
    settle().await;
    settle().await;
    assert!(
        root.query_selector("#editor .cm-editor[data-replica]")
            .unwrap()
            .is_none(),
        "the replica is gone"
    );
    let view = root
        .query_selector("#editor .cm-content[contenteditable=true]")
        .unwrap()
        .expect("the view");
    assert_eq!(all(&root, "#editor .cm-editor").len(), 1, "one editor");
    let active = document().active_element().unwrap();
    assert!(view.contains(Some(&active)), "the focus is in the view");
    assert_eq!(
        editor(&root).text(),
        format!("#!{POD}"),
        "what was typed is kept, at the caret"
    );
    settle().await;
    assert_eq!(
        storage().get_item("podplay.text.v1").unwrap().as_deref(),
        Some(format!("#!{POD}").as_str()),
        "and reaches the app"
    );
}
