//! The workbench in a real browser: share links (round trip, damaged, oversized and binary
//! payloads), the examples dialog and restoring the replaced text, files, the explain tree, the
//! stored-object view, the language and theme switches, and the crash guard.
//!
//! These tests read the text from local storage (where the app saves it before checking it),
//! not from the editor widget, so they hold whatever editor the page uses.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use podplay_app::browser::streams;
use podplay_core::share;
use podplay_core::examples;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{
    DataTransfer, Element, Event, EventInit, HtmlElement, HtmlInputElement, KeyboardEvent,
    KeyboardEventInit,
};
use yew::AppHandle;

mod support;
use support::until;

wasm_bindgen_test_configure!(run_in_browser);

const TEXT_KEY: &str = "podplay.text.v1";
const PREVIOUS_KEY: &str = "podplay.previous.v1";

fn window() -> web_sys::Window {
    web_sys::window().unwrap()
}

fn document() -> web_sys::Document {
    window().document().unwrap()
}

fn storage() -> web_sys::Storage {
    window().local_storage().unwrap().unwrap()
}

fn saved(key: &str) -> Option<String> {
    storage().get_item(key).unwrap()
}

/// Puts `fragment` in the address (no reload, no `hashchange`), as opening such a URL would.
fn set_fragment(fragment: &str) {
    let loc = window().location();
    let url = format!("{}{}", loc.pathname().unwrap(), fragment);
    window()
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        .unwrap();
}

struct Mounted {
    root: Element,
    handle: Option<AppHandle<podplay_app::app::App>>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        if let Some(h) = self.handle.take() {
            h.destroy();
        }
        self.root.remove();
        // A dialog left open would make the rest of the page inert.
        let _ = document()
            .document_element()
            .unwrap()
            .remove_attribute("data-theme");
    }
}

/// Mounts the app into a fresh `#app` with local storage holding exactly `stored`.
async fn mount_with(stored: &[(&str, &str)]) -> Mounted {
    storage().clear().unwrap();
    for (k, v) in stored {
        storage().set_item(k, v).unwrap();
    }
    if let Some(old) = document().get_element_by_id("app") {
        old.remove();
    }
    let root = document().create_element("div").unwrap();
    root.set_id("app");
    document().body().unwrap().append_child(&root).unwrap();
    let handle = yew::Renderer::<podplay_app::app::App>::with_root(root.clone()).render();
    settle().await;
    Mounted {
        root,
        handle: Some(handle),
    }
}

async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(30)).await;
}

fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).unwrap()
}

fn text_of(root: &Element, selector: &str) -> String {
    find(root, selector)
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

fn click(root: &Element, selector: &str) {
    find(root, selector)
        .unwrap_or_else(|| panic!("no {selector}"))
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
}

fn key(el: &Element, key: &str) {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let ev = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    el.dispatch_event(&ev).unwrap();
}

async fn link_for(text: &str) -> String {
    streams::link_fragment(text).await.unwrap()
}

#[wasm_bindgen_test]
async fn a_share_link_round_trips_the_text_exactly() {
    let text = "apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: café-ünïcode\r\n  annotations:\r\n    note: \"名字 🚀 <b>not html</b>\"\r\nspec:\r\n  containers:\r\n  - name: a\r\n    image: nginx\r\n";
    let fragment = link_for(text).await;
    assert!(fragment.starts_with("#s="), "{fragment}");
    assert_eq!(
        share::open_payload(&fragment[3..]).as_deref(),
        Ok(text)
    );
    set_fragment(&fragment);
    let app = mount_with(&[(TEXT_KEY, "my own work")]).await;
    until("the link's text is loaded", || {
        saved(TEXT_KEY).as_deref() == Some(text)
    })
    .await;
    // The user's text is kept, and can be restored.
    assert_eq!(saved(PREVIOUS_KEY).as_deref(), Some("my own work"));
    let notice = text_of(&app.root, ".notice");
    assert!(
        notice.contains("Opened the manifest from the link"),
        "{notice}"
    );
    assert_eq!(
        window().location().hash().unwrap(),
        "",
        "the fragment is removed once read"
    );
    // The Unicode annotation is text on the page, never markup.
    assert!(find(&app.root, ".summary b").is_none());
    click(&app.root, ".notice button:not(.icon-button)");
    settle().await;
    assert_eq!(saved(TEXT_KEY).as_deref(), Some("my own work"));
}

#[wasm_bindgen_test]
async fn the_share_button_makes_a_link_holding_the_text() {
    let app = mount_with(&[(TEXT_KEY, "kind: Pod\nmetadata:\n  name: shared\n")]).await;
    click(&app.root, ".toolbar button[title^=\"Put the manifest\"]");
    until("the link is shown", || {
        find(&app.root, ".share-url").is_some()
    })
    .await;
    let url = find(&app.root, ".share-url")
        .unwrap()
        .dyn_into::<HtmlInputElement>()
        .unwrap()
        .value();
    let (_, fragment) = url.split_once('#').unwrap();
    assert_eq!(
        share::open_payload(fragment.strip_prefix("s=").unwrap()).as_deref(),
        Ok("kind: Pod\nmetadata:\n  name: shared\n")
    );
    assert_eq!(window().location().hash().unwrap(), format!("#{fragment}"));
    set_fragment("");
}

async fn refused_link(fragment: &str, expect: &str) {
    set_fragment(fragment);
    let app = mount_with(&[(TEXT_KEY, "keep me")]).await;
    until("a message", || {
        find(&app.root, ".notice[role=alert]").is_some()
    })
    .await;
    let notice = text_of(&app.root, ".notice");
    assert!(notice.contains(expect), "{notice}");
    assert!(notice.contains("Your text was left as it was"), "{notice}");
    assert_eq!(saved(TEXT_KEY).as_deref(), Some("keep me"));
    assert_eq!(saved(PREVIOUS_KEY), None);
    assert_eq!(window().location().hash().unwrap(), "");
}

#[wasm_bindgen_test]
async fn corrupt_truncated_oversized_and_binary_links_leave_the_text_intact() {
    refused_link(
        "#s=%3Cscript%3Ealert(1)%3C/script%3E",
        "damaged or cut short",
    )
    .await;
    refused_link("#s=not*base64!", "damaged or cut short").await;
    // A real link cut in half.
    let good = link_for(&"apiVersion: v1\nkind: Pod\n".repeat(200)).await;
    refused_link(&good[..good.len() / 2], "damaged or cut short").await;
    // Valid base64 that is not deflate data.
    refused_link(
        &format!("#s={}", share::base64url_encode(&[0xff; 64])),
        "damaged or cut short",
    )
    .await;
    // A decompression bomb: 8 MiB of one letter compresses to a few KiB.
    let bomb = link_for(&"a".repeat(8 * 1024 * 1024)).await;
    assert!(bomb.len() < 20_000, "{}", bomb.len());
    refused_link(&bomb, "more than 3 MiB").await;
    // NUL bytes are not text.
    refused_link(&link_for("kind: Pod\0\0").await, "does not hold text").await;
}

#[wasm_bindgen_test]
async fn loading_an_example_keeps_the_text_and_restores_it() {
    let app = mount_with(&[(TEXT_KEY, "my manifest")]).await;
    click(&app.root, "#open-examples");
    let dialog = find(&app.root, "dialog.gallery").unwrap();
    until("the dialog opens", || dialog.has_attribute("open")).await;
    // Every example is offered, with its description and source.
    let buttons = dialog.query_selector_all(".example").unwrap();
    assert_eq!(buttons.length() as usize, examples::ALL.len());
    let oom = text_of(&dialog, "[data-example=oom-killed]");
    assert!(oom.contains("OOMKilled") && oom.contains("137"), "{oom}");
    let seed = text_of(&dialog, "[data-example=myweb-joined]");
    assert!(seed.contains("has mistakes"), "{seed}");
    // Notes are named by their title, with the section the example comes from (issue 12 item
    // 13), and every example says what to look at (item 9).
    assert!(
        seed.contains("From the note “理解Pod (Understanding Pods)”, section “Pause容器”."),
        "{seed}"
    );
    assert!(!seed.contains(".txt"), "{seed}");
    assert!(
        seed.contains("What to look at: Problems: one YAML error"),
        "{seed}"
    );
    let completed = text_of(&dialog, "[data-example=mysql-pod]");
    assert!(
        completed.contains("completing the manifest of the note “理解Pod (Understanding Pods)”, section “资源限制”."),
        "{completed}"
    );
    // Arrow keys move between examples.
    let first: HtmlElement = dialog
        .query_selector(".example")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    first.focus().unwrap();
    key(&first, "ArrowDown");
    let active = document().active_element().unwrap();
    assert_eq!(
        active.get_attribute("data-example").as_deref(),
        Some(examples::ALL[1].id)
    );

    click(&dialog, "[data-example=oom-killed]");
    settle().await;
    let oom_src = examples::by_id("oom-killed").unwrap().source;
    assert_eq!(saved(TEXT_KEY).as_deref(), Some(oom_src));
    assert!(!dialog.has_attribute("open"), "loading closes the dialog");
    assert_eq!(
        document().active_element().map(|e| e.id()).as_deref(),
        Some("open-examples"),
        "focus returns to the button that opened the dialog"
    );
    assert!(text_of(&app.root, ".notice")
        .contains("Loaded the example “OOMKilled”. Your previous text is kept."));
    assert!(text_of(&app.root, ".summary").contains("memory-demo-2"));
    let look = text_of(&app.root, ".look");
    assert!(
        look.starts_with("What to look at · OOMKilled") && look.contains("memory climbs past"),
        "{look}"
    );
    // One restore button at a time: the notice's; the toolbar offers it once the notice is gone.
    let restores = |root: &Element| {
        let list = root.query_selector_all("button").unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter(|b| b.text_content().unwrap_or_default().starts_with("Restore"))
            .count()
    };
    assert_eq!(restores(&app.root), 1);
    assert!(find(&app.root, ".toolbar .restore").is_none());
    click(&app.root, ".notice .icon-button");
    settle().await;
    assert_eq!(restores(&app.root), 1);
    click(&app.root, ".toolbar .restore");
    settle().await;
    assert_eq!(saved(TEXT_KEY).as_deref(), Some("my manifest"));
    assert!(find(&app.root, ".toolbar .restore").is_none());
    assert_eq!(restores(&app.root), 0);

    // The close button closes it too, and nothing is loaded.
    click(&app.root, "#open-examples");
    settle().await;
    click(&dialog, ".gallery-head .icon-button");
    settle().await;
    assert!(!dialog.has_attribute("open"));
    assert_eq!(saved(TEXT_KEY).as_deref(), Some("my manifest"));
}

fn choose_file(root: &Element, file: &web_sys::File) {
    let input: HtmlInputElement = find(root, ".toolbar input[type=file]")
        .unwrap()
        .dyn_into()
        .unwrap();
    let dt = DataTransfer::new().unwrap();
    dt.items().add_with_file(file).unwrap();
    input.set_files(dt.files().as_ref());
    let init = EventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&Event::new_with_event_init_dict("change", &init).unwrap())
        .unwrap();
}

fn file(name: &str, bytes: &[u8]) -> web_sys::File {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    web_sys::File::new_with_u8_array_sequence(&parts, name).unwrap()
}

#[wasm_bindgen_test]
async fn files_open_and_junk_is_refused() {
    let app = mount_with(&[(TEXT_KEY, "mine")]).await;
    choose_file(&app.root, &file("junk.yaml", b"kind: Pod\0\x01\x02"));
    until("a message", || {
        find(&app.root, ".notice[role=alert]").is_some()
    })
    .await;
    assert!(text_of(&app.root, ".notice").contains("junk.yaml is not a text file"));
    choose_file(&app.root, &file("latin1.yaml", b"name: caf\xe9\n"));
    until("a message", || {
        text_of(&app.root, ".notice").contains("latin1.yaml")
    })
    .await;
    choose_file(&app.root, &file("notes.txt", b"kind: Pod\n"));
    until("a message", || {
        text_of(&app.root, ".notice").contains("notes.txt is not a .yaml")
    })
    .await;
    choose_file(
        &app.root,
        &file("big.yaml", &vec![b'#'; share::MAX_TEXT_BYTES + 1]),
    );
    until("a message", || {
        text_of(&app.root, ".notice").contains("big.yaml is larger than 3 MiB")
    })
    .await;
    assert_eq!(saved(TEXT_KEY).as_deref(), Some("mine"));

    choose_file(
        &app.root,
        &file(
            "web.yml",
            b"apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: from-file\r\n",
        ),
    );
    until("the file is opened", || {
        saved(TEXT_KEY).as_deref()
            == Some("apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: from-file\r\n")
    })
    .await;
    assert!(text_of(&app.root, ".notice").contains("Opened web.yml."));
    assert_eq!(saved(PREVIOUS_KEY).as_deref(), Some("mine"));
    assert!(podplay_app::browser::files::download(
        "from-file.yaml",
        "a: 1\n"
    ));
}

#[wasm_bindgen_test]
async fn the_explain_tree_shows_restart_policy_with_its_values() {
    let app = mount_with(&[]).await;
    click(&app.root, "#side-tab-explain");
    settle().await;
    let spec = find(&app.root, "[id='xr-Pod-spec']").unwrap();
    assert_eq!(
        spec.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert_eq!(spec.get_attribute("role").as_deref(), Some("treeitem"));
    // Keyboard: focus the tree's first row, move down to spec, open it with →.
    let first: HtmlElement = find(&app.root, "[role=tree] [role=treeitem]")
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(first.get_attribute("tabindex").as_deref(), Some("0"));
    first.focus().unwrap();
    for _ in 0..3 {
        key(&document().active_element().unwrap(), "ArrowDown");
        settle().await;
    }
    let active = document().active_element().unwrap();
    assert_eq!(active.id(), "xr-Pod-spec");
    assert_eq!(
        active.get_attribute("aria-selected").as_deref(),
        Some("true")
    );
    key(&active, "ArrowRight");
    settle().await;
    let rp = find(&app.root, "[id='xr-Pod-spec.restartPolicy']").expect("spec opened");
    let row = rp.text_content().unwrap();
    assert!(
        row.contains("restartPolicy")
            && row.contains("<string>")
            && row.contains("Always | Never | OnFailure"),
        "{row}"
    );
    assert_eq!(rp.get_attribute("aria-level").as_deref(), Some("2"));
    // Selecting it shows its documentation and, on request, kubectl explain's text.
    rp.dyn_ref::<HtmlElement>().unwrap().click();
    settle().await;
    let details = text_of(&app.root, ".field-details");
    assert!(
        details.contains("pod.spec.restartPolicy")
            && details.contains("Restart policy for all containers"),
        "{details}"
    );
    click(&app.root, ".show-text");
    settle().await;
    let text = text_of(&app.root, ".explain-text");
    assert!(
        text.contains("FIELD: restartPolicy <string>")
            && text.contains("ENUM:\n    Always\n    Never\n    OnFailure"),
        "{text}"
    );
    // ← goes back to the parent, ← again closes it.
    let rp = find(&app.root, "[id='xr-Pod-spec.restartPolicy']").unwrap();
    key(&rp, "ArrowLeft");
    settle().await;
    let spec = document().active_element().unwrap();
    assert_eq!(spec.id(), "xr-Pod-spec");
    key(&spec, "ArrowLeft");
    settle().await;
    assert!(find(&app.root, "[id='xr-Pod-spec.restartPolicy']").is_none());
    // The filter finds fields at any depth.
    let filter: HtmlInputElement = find(&app.root, ".filter input")
        .unwrap()
        .dyn_into()
        .unwrap();
    filter.set_value("imagepull");
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    filter
        .dispatch_event(&web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
    settle().await;
    assert!(find(&app.root, "[id='xr-Pod-spec.containers.imagePullPolicy']").is_some());
    assert!(find(&app.root, "[id='xr-Pod-spec.imagePullSecrets']").is_some());
    assert!(find(&app.root, "[id='xr-Pod-spec.restartPolicy']").is_none());
    // Other kinds (the filter stays: a Service has no such field).
    click(&app.root, ".segmented button:nth-child(2)");
    settle().await;
    assert!(text_of(&app.root, ".explain").contains("No field name contains “imagepull”."));
    filter.set_value("");
    filter
        .dispatch_event(&web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
    settle().await;
    assert!(find(&app.root, "[role=tree]")
        .unwrap()
        .get_attribute("aria-label")
        .unwrap()
        .ends_with("Service"));
    assert!(find(&app.root, "[id='xr-Service-spec']").is_some());
}

#[wasm_bindgen_test]
async fn the_stored_view_marks_defaulted_fields() {
    let app = mount_with(&[]).await;
    click(&app.root, "#side-tab-stored");
    settle().await;
    let lines = app.root.query_selector_all(".stored-yaml .line").unwrap();
    let mut pull = None;
    let mut image = None;
    for i in 0..lines.length() {
        let el: Element = lines.item(i).unwrap().dyn_into().unwrap();
        let t = el.text_content().unwrap();
        if t.contains("imagePullPolicy: IfNotPresent") {
            pull = Some(el.clone());
        }
        if t.contains("image: nigelpoulton/k8sbook:1.0") {
            image = Some(el);
        }
    }
    let pull = pull.expect("imagePullPolicy is shown");
    assert!(pull.class_list().contains("added"), "{}", pull.class_name());
    assert!(
        pull.text_content().unwrap().contains("added: "),
        "screen readers hear it"
    );
    assert!(!image
        .expect("image is shown")
        .class_list()
        .contains("added"));
    assert!(text_of(&app.root, ".legend").contains("added by the API server"));
    assert!(text_of(&app.root, ".stored").contains("Pod hello-pod"));
}

#[wasm_bindgen_test]
async fn language_and_theme_switch_and_are_remembered() {
    let app = mount_with(&[]).await;
    click(&app.root, "button[lang=zh-CN]");
    settle().await;
    assert!(text_of(&app.root, ".toolbar").contains("示例…"));
    assert_eq!(
        document()
            .document_element()
            .unwrap()
            .get_attribute("lang")
            .as_deref(),
        Some("zh-CN")
    );
    click(&app.root, "#side-tab-stored");
    settle().await;
    assert!(text_of(&app.root, ".stored").contains("由 API Server 添加"));
    assert_eq!(saved("podplay.lang.v1").as_deref(), Some("zh"));

    let html = document().document_element().unwrap();
    click(&app.root, "[data-theme-choice=dark]");
    settle().await;
    assert_eq!(html.get_attribute("data-theme").as_deref(), Some("dark"));
    assert_eq!(saved("podplay.theme.v1").as_deref(), Some("dark"));
    assert_eq!(
        find(&app.root, "[data-theme-choice=dark]")
            .unwrap()
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );
    click(&app.root, "[data-theme-choice=light]");
    settle().await;
    assert_eq!(html.get_attribute("data-theme").as_deref(), Some("light"));
    click(&app.root, "[data-theme-choice=system]");
    settle().await;
    assert_eq!(html.get_attribute("data-theme"), None);
    drop(app);
    // A remembered theme applies at start-up.
    let app = mount_with(&[("podplay.theme.v1", "dark")]).await;
    assert_eq!(html.get_attribute("data-theme").as_deref(), Some("dark"));
    drop(app);
}

#[wasm_bindgen_test]
async fn a_session_that_stopped_while_checking_does_not_check_that_text_again() {
    let app = mount_with(&[
        (TEXT_KEY, "text that stopped the page"),
        ("podplay.checking.v1", "1"),
    ])
    .await;
    assert_eq!(saved(TEXT_KEY).as_deref(), Some(examples::DEFAULT.source));
    let notice = text_of(&app.root, ".notice");
    assert!(
        notice.contains("The last session stopped while checking its text"),
        "{notice}"
    );
    assert!(text_of(&app.root, ".notice button").contains("Download that text"));
    // Once the page has rendered, the guard is down.
    assert_eq!(saved("podplay.checking.v1"), None);
}

/// Issue 12 item 6: the filter's own example, `restartPolicy`, finds the Pod's restartPolicy
/// first (an exact, shallow match) and selects it, not the deep `resizePolicy.restartPolicy`.
#[wasm_bindgen_test]
async fn the_explain_filter_ranks_exact_and_shallow_matches_first() {
    let app = mount_with(&[]).await;
    click(&app.root, "#side-tab-explain");
    settle().await;
    let filter: HtmlInputElement = find(&app.root, ".filter input")
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(filter.placeholder(), "e.g. restartPolicy");
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    let type_filter = |v: &str| {
        filter.set_value(v);
        filter
            .dispatch_event(&web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap())
            .unwrap();
    };
    type_filter("restartPolicy");
    settle().await;
    let matched: Vec<String> = {
        let list = app.root.query_selector_all(".tree .row.matched").unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
            .map(|e| e.id())
            .collect()
    };
    assert_eq!(
        matched.first().map(String::as_str),
        Some("xr-Pod-spec.restartPolicy"),
        "{matched:?}"
    );
    assert!(matched.contains(&"xr-Pod-spec.containers.resizePolicy.restartPolicy".to_string()));
    // The best match is chosen: its documentation is shown and Tab reaches it first.
    let details = text_of(&app.root, ".field-details");
    assert!(details.contains("pod.spec.restartPolicy"), "{details}");
    assert!(!details.contains("resizePolicy"), "{details}");
    let tab = find(&app.root, ".tree [tabindex='0']").unwrap();
    assert_eq!(tab.id(), "xr-Pod-spec.restartPolicy");
    // A prefix of a name ranks before a name that only contains it, shallow before deep.
    type_filter("port");
    settle().await;
    let first = find(&app.root, ".tree .row.matched").unwrap();
    assert_eq!(first.id(), "xr-Pod-spec.containers.ports");
}
