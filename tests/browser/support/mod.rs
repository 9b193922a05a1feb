//! What the browser tests share: mounting the whole app into a fresh page root, waiting for it to
//! settle, reading the DOM, and driving the code editor like a user.
#![allow(dead_code)]

use std::time::Duration;

use podplay_app::editor::bridge::Probe;
use podplay_core::span::Span;
use wasm_bindgen::JsCast;

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

pub fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// Mounts the app into a fresh `#app` element (as the page does) after clearing saved state.
pub async fn mount_fresh() -> web_sys::Element {
    storage().clear().unwrap();
    mount_app().await
}

/// Mounts the app into a fresh `#app` element (as the page does), with what is saved as it is,
/// and uses the editor (the mouse passes over it) so that its view is there.
pub async fn mount_app() -> web_sys::Element {
    let root = mount_replica().await;
    hover_editor(&root).await;
    root
}

/// The mouse passes over the editor: its first use, when it still shows the replica, which then
/// gives way to the view.
pub async fn hover_editor(root: &web_sys::Element) {
    if let Some(e) = root.query_selector("#editor .cm-editor").unwrap() {
        let init = web_sys::PointerEventInit::new();
        init.set_bubbles(true);
        init.set_pointer_type("mouse");
        let over = web_sys::PointerEvent::new_with_event_init_dict("pointerover", &init).unwrap();
        e.dispatch_event(&over).unwrap();
    }
    settle().await;
    until("the editor's view replaces its replica", || {
        root.query_selector("#editor")
            .unwrap()
            .is_some_and(|e| Probe::find(&e).is_some())
    })
    .await;
}

/// Mounts the app as [`mount_app`] does, without using the editor: it shows its replica.
pub async fn mount_replica() -> web_sys::Element {
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

/// Lets Yew render and the editor's coalesced edits reach the app.
pub async fn settle() {
    sleep(120).await;
}

/// Waits until `cond` holds, polling every 20 ms: what a loaded machine makes slower (a render
/// after a simulation, the editor's creation) is waited for, not assumed done after a fixed
/// pause. Gives up after 15 s.
pub async fn until(what: &str, cond: impl Fn() -> bool) {
    for _ in 0..750 {
        if cond() {
            return;
        }
        sleep(20).await;
    }
    panic!("timed out waiting for: {what}");
}

pub async fn sleep(ms: u64) {
    yew::platform::time::sleep(Duration::from_millis(ms)).await;
}

pub fn editor(root: &web_sys::Element) -> Probe {
    Probe::find(&root.query_selector("#editor").unwrap().expect("#editor"))
        .expect("a CodeMirror view")
}

/// Replaces the editor's whole text as the user would (an undoable edit reported to the app).
pub async fn type_text(root: &web_sys::Element, text: &str) {
    let e = editor(root);
    e.input(Span::new(0, e.text().len() as u32), text);
    settle().await;
}

pub fn text_of(root: &web_sys::Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .map(|e| e.text_content().unwrap_or_default())
        .unwrap_or_default()
}

pub fn all(root: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into().ok())
        .collect()
}

pub fn click(root: &web_sys::Element, selector: &str) {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap()
        .click();
}
