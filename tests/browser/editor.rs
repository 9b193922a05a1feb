//! The code editor in a real page: typing produces the right diagnostic at the right line
//! (underlined in the editor, listed in the problems panel, counted in the header), hovering a key
//! shows its `kubectl explain` documentation (Ctrl-I shows it from the keyboard) and hovering an error kubectl's message, completion
//! offers `restartPolicy`'s values, choosing a problem selects its range, quick fixes apply, and
//! the language switch changes the problems panel's text.
#![cfg(target_arch = "wasm32")]

mod support;

use podplay_core::span::Span;
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{KeyboardEvent, KeyboardEventInit, MouseEvent, MouseEventInit};

wasm_bindgen_test_configure!(run_in_browser);

const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  restartPolicy: Always\n  containers:\n  - name: web\n    image: nginx\n    imagee: nginx\n";

/// The text of each rendered line of the editor, and whether it holds an error underline.
fn lines(root: &web_sys::Element) -> Vec<(String, bool)> {
    all(root, "#editor .cm-line")
        .iter()
        .map(|l| {
            let underlined = l.query_selector(".cm-diag-error").unwrap().is_some();
            (l.text_content().unwrap_or_default(), underlined)
        })
        .collect()
}

/// Rests the mouse on the middle of `el` as a user would, and waits for CodeMirror's hover delay.
async fn hover(el: &web_sys::Element) {
    let rect = el.get_bounding_client_rect();
    let init = MouseEventInit::new();
    init.set_bubbles(true);
    init.set_client_x((rect.left() + rect.width() / 2.0) as i32);
    init.set_client_y((rect.top() + rect.height() / 2.0) as i32);
    let ev = MouseEvent::new_with_mouse_event_init_dict("mousemove", &init).unwrap();
    el.dispatch_event(&ev).unwrap();
    sleep(600).await;
}

/// Focuses the editor's content and presses `key` there (with Ctrl when `ctrl`).
fn press(root: &web_sys::Element, key: &str, code: &str, ctrl: bool) {
    let content = root.query_selector("#editor .cm-content").unwrap().unwrap();
    content
        .dyn_ref::<web_sys::HtmlElement>()
        .unwrap()
        .focus()
        .unwrap();
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_code(code);
    init.set_ctrl_key(ctrl);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let ev = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    content.dispatch_event(&ev).unwrap();
}

/// Rests the mouse on the YAML key `key`.
async fn hover_key(root: &web_sys::Element, key: &str) {
    hover(&element_with_text(root, "#editor .tok-atom", key)).await;
}

/// Rests the mouse on the first underlined error.
async fn hover_first_error(root: &web_sys::Element) {
    hover(
        &root
            .query_selector("#editor .cm-diag-error")
            .unwrap()
            .unwrap(),
    )
    .await;
}

fn element_with_text(root: &web_sys::Element, selector: &str, text: &str) -> web_sys::Element {
    all(root, selector)
        .into_iter()
        .find(|e| e.text_content().as_deref() == Some(text))
        .unwrap_or_else(|| panic!("no {selector} reading {text:?}"))
}

#[wasm_bindgen_test]
async fn typing_an_unknown_field_underlines_its_line_and_lists_it() {
    let root = mount_fresh().await;
    assert!(text_of(&root, ".status").contains("valid"));
    type_text(&root, POD).await;
    let shown = lines(&root);
    let underlined: Vec<usize> = (0..shown.len()).filter(|i| shown[*i].1).collect();
    assert_eq!(underlined, [9], "only line 10 is underlined: {shown:?}");
    assert_eq!(
        text_of(&root, "#editor .cm-diag-error"),
        "imagee",
        "the underline covers the key"
    );
    assert_eq!(all(&root, "#editor .cm-diag-marker-error").len(), 1);

    let items = all(&root, ".problem-list .problem");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].get_attribute("data-line").as_deref(), Some("10"));
    let item = items[0].text_content().unwrap_or_default();
    assert!(item.contains("10:5"), "{item}");
    assert!(
        item.contains("strict decoding error: unknown field \"spec.containers[0].imagee\""),
        "{item}"
    );
    assert!(text_of(&root, ".status").contains("1 problem"));

    // Deleting the misspelt line by typing clears everything.
    let e = editor(&root);
    let at = POD.find("    imagee").unwrap() as u32;
    e.input(Span::new(at, POD.len() as u32), "");
    settle().await;
    assert!(all(&root, "#editor .cm-diag").is_empty());
    assert!(all(&root, ".problem").is_empty());
    assert!(text_of(&root, ".status").contains("valid"));
}

#[wasm_bindgen_test]
async fn hovering_a_key_shows_its_explain_doc() {
    let root = mount_fresh().await;
    type_text(&root, POD).await;
    hover_key(&root, "restartPolicy").await;
    let card = text_of(&root, ".cm-tooltip-hover");
    assert!(card.contains("spec.restartPolicy <string>"), "{card}");
    assert!(
        card.contains("Restart policy for all containers within the pod"),
        "{card}"
    );
    assert!(
        card.contains("Allowed values: Always, Never, OnFailure"),
        "{card}"
    );
    assert!(
        card.contains("kubectl explain pod.spec.restartPolicy"),
        "{card}"
    );
}

#[wasm_bindgen_test]
async fn ctrl_i_shows_the_same_card_from_the_keyboard_and_reads_it_out() {
    let root = mount_fresh().await;
    type_text(&root, POD).await;
    let e = editor(&root);
    // The mouse rests on the key first: its card gives way to the keyboard's, one card at a time.
    hover_key(&root, "restartPolicy").await;
    assert_eq!(all(&root, ".cm-tooltip .cm-pp-hover").len(), 1);
    e.set_cursor(POD.find("startPolicy").unwrap() as u32);
    press(&root, "i", "KeyI", true);
    sleep(500).await;
    assert_eq!(all(&root, ".cm-tooltip .cm-pp-hover").len(), 1);
    let card = text_of(&root, ".cm-tooltip .cm-pp-hover");
    let shown = root
        .query_selector(".cm-tooltip .cm-pp-hover")
        .unwrap()
        .unwrap();
    let rect = shown.get_bounding_client_rect();
    assert!(
        rect.top() >= 0.0 && rect.height() > 20.0,
        "on screen: {} {}",
        rect.top(),
        rect.height()
    );
    assert!(card.contains("spec.restartPolicy <string>"), "{card}");
    let said = text_of(&root, "#editor .cm-pp-live");
    assert!(
        said.contains("Restart policy for all containers within the pod"),
        "{said}"
    );
    // While it is open, the mouse resting on a key does not add a second card.
    hover_key(&root, "restartPolicy").await;
    assert_eq!(all(&root, ".cm-tooltip .cm-pp-hover").len(), 1);
    press(&root, "Escape", "Escape", false);
    sleep(100).await;
    assert!(
        all(&root, ".cm-tooltip .cm-pp-hover").is_empty(),
        "Escape closes it"
    );

    // On the misspelt key, kubectl's message.
    e.set_cursor(POD.find("imagee").unwrap() as u32 + 2);
    press(&root, "i", "KeyI", true);
    sleep(100).await;
    assert!(text_of(&root, ".cm-tooltip .hover-kubectl").contains("imagee"));
    e.set_cursor(POD.find("metadata:").unwrap() as u32 - 1);
    assert!(
        all(&root, ".cm-tooltip .cm-pp-hover").is_empty(),
        "moving the cursor closes it"
    );
}

#[wasm_bindgen_test]
async fn hovering_an_error_shows_kubectls_message_and_the_fix() {
    let root = mount_fresh().await;
    type_text(&root, POD).await;
    hover_first_error(&root).await;
    let kubectl = text_of(&root, ".cm-tooltip-hover .hover-kubectl");
    assert!(
        kubectl.starts_with("Error from server (BadRequest)")
            && kubectl.contains("unknown field \"spec.containers[0].imagee\""),
        "{kubectl}"
    );
    assert!(text_of(&root, ".cm-tooltip-hover .hover-fix").starts_with("Fix: "));
    // Rendered as text: nothing of the message became markup.
    assert!(all(&root, ".cm-tooltip-hover .hover-kubectl *").is_empty());
}

#[wasm_bindgen_test]
async fn completion_offers_restart_policy_values() {
    let root = mount_fresh().await;
    let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  restartPolicy: \n";
    type_text(&root, text).await;
    let e = editor(&root);
    e.set_cursor(text.find(": \n").unwrap() as u32 + 2);
    press(&root, " ", "Space", true);
    sleep(300).await;
    let labels: Vec<String> = all(&root, ".cm-tooltip-autocomplete .cm-completionLabel")
        .iter()
        .map(|l| l.text_content().unwrap_or_default())
        .collect();
    assert_eq!(labels, ["Always", "Never", "OnFailure"]);
}

#[wasm_bindgen_test]
async fn choosing_a_problem_selects_its_range_and_quick_fixes_apply() {
    let root = mount_fresh().await;
    type_text(&root, POD).await;
    click(&root, ".problem-jump");
    settle().await;
    let e = editor(&root);
    let (anchor, head) = e.selection();
    assert_eq!(Span::new(anchor, head).text(POD), "imagee");
    let focused = document().active_element().unwrap();
    assert!(
        focused.closest(".cm-editor").unwrap().is_some(),
        "the editor has the focus"
    );

    let wrong = POD
        .replace("    imagee: nginx\n", "")
        .replace("Always", "always");
    type_text(&root, &wrong).await;
    let item = text_of(&root, ".problem");
    assert!(
        item.contains("spec.restartPolicy: Unsupported value: \"always\""),
        "{item}"
    );
    click(&root, ".quick-fix");
    settle().await;
    let fixed = wrong.replace("always", "Always");
    assert_eq!(e.text(), fixed);
    let (anchor, head) = e.selection();
    assert_eq!(Span::new(anchor, head).text(&fixed), "Always");
    assert!(all(&root, ".problem").is_empty());
    assert_eq!(
        storage().get_item("podplay.text.v1").unwrap().as_deref(),
        Some(fixed.as_str()),
        "the fixed text reached the app"
    );
    assert_eq!(
        document().active_element().unwrap().id(),
        "problems",
        "the focus stays in the problems panel"
    );
}

#[wasm_bindgen_test]
async fn the_language_switch_changes_the_problems_panel() {
    let root = mount_fresh().await;
    type_text(&root, POD).await;
    let en = text_of(&root, ".problem");
    assert!(
        en.contains("error") && en.contains("is not a field of"),
        "{en}"
    );
    click(&root, "button[lang=\"zh-CN\"]");
    settle().await;
    let zh = text_of(&root, ".problem");
    assert!(zh.contains("错误") && zh.contains("不是"), "{zh}");
    assert!(
        zh.contains("unknown field \"spec.containers[0].imagee\""),
        "kubectl's message stays as kubectl prints it: {zh}"
    );
    assert!(text_of(&root, ".status").contains("1 个问题"));
    let label = root
        .query_selector("#editor .cm-content")
        .unwrap()
        .unwrap()
        .get_attribute("aria-label");
    assert_eq!(label.as_deref(), Some("Pod 清单（YAML）"));
}

#[wasm_bindgen_test]
async fn yaml_is_highlighted_by_kind_of_token() {
    let root = mount_fresh().await;
    let text = "kind: Pod # note\nspec:\n  containers:\n  - image: nginx:1.27\n    env:\n    - value: yes\n    ports:\n    - containerPort: 8080\n";
    type_text(&root, text).await;
    element_with_text(&root, "#editor .tok-atom", "containerPort");
    element_with_text(&root, "#editor .tok-string", "nginx:1.27");
    element_with_text(&root, "#editor .tok-keyword", "yes");
    element_with_text(&root, "#editor .tok-number", "8080");
    element_with_text(&root, "#editor .tok-comment", "# note");
    assert_eq!(
        all(&root, "#editor .cm-indent-guide").len(),
        6,
        "every indented line has its guide"
    );
}

#[wasm_bindgen_test]
async fn ranges_stay_exact_after_chinese_text_and_emoji() {
    // JavaScript counts UTF-16 units (😀 is two), Rust bytes (名 is three): the bridge converts.
    let root = mount_fresh().await;
    let text = "# 名字 😀 Pod\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  annotations:\n    note: \"网站😀😀\"\nspec:\n  containers:\n  - name: web\n    image: nginx\n    imagee: nginx\n";
    type_text(&root, text).await;
    assert_eq!(text_of(&root, "#editor .cm-diag-error"), "imagee");
    hover_first_error(&root).await;
    assert!(text_of(&root, ".cm-tooltip-hover .hover-kubectl").contains("imagee"));
    click(&root, ".problem-jump");
    settle().await;
    let (anchor, head) = editor(&root).selection();
    assert_eq!(Span::new(anchor, head).text(text), "imagee");
    assert!(text_of(&root, ".problem").contains("12:5"));
}

#[wasm_bindgen_test]
async fn text_set_from_outside_keeps_the_cursor_and_is_not_echoed() {
    use podplay_app::editor::bridge::{Editor, Probe};
    use podplay_core::diag::Lang;
    use std::cell::Cell;
    use std::rc::Rc;

    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let changes = Rc::new(Cell::new(0));
    let counter = changes.clone();
    let bundle = podplay_app::editor::bridge::load().await.expect("the editor bundle");
    let editor = Editor::new(
        &bundle,
        &host,
        "kind: Pod\nname: web\n",
        "manifest",
        Lang::En,
        move || counter.set(counter.get() + 1),
    )
    .expect("a view");
    let probe = Probe::find(&host).unwrap();
    probe.set_cursor(18);
    assert!(editor.set_text(&Rc::from("kind: Pod # a pod\nname: web\n")));
    assert_eq!(probe.text(), "kind: Pod # a pod\nname: web\n");
    assert_eq!(
        probe.selection(),
        (26, 26),
        "the cursor moved with the text after it"
    );
    assert!(!editor.set_text(&Rc::from("kind: Pod # a pod\nname: web\n")));
    assert_eq!(
        changes.get(),
        0,
        "changes from outside are not reported back"
    );
    probe.input(Span::at(0), "# ");
    assert_eq!(changes.get(), 1, "the user's are");
    assert_eq!(&*editor.text(), "# kind: Pod # a pod\nname: web\n");
    drop(editor);
    assert!(
        host.query_selector(".cm-editor").unwrap().is_none(),
        "dropping the editor destroys the view"
    );
    host.remove();
}

/// Issue 12 item 5: the note on kubectl's line number says why it is not the marked line (here
/// go-yaml's numbering, not documents: the file has one), and kubectl's YAML error is the only
/// problem listed (it stops there, so the stray `value:` keys are never decoded).
#[wasm_bindgen_test]
async fn a_yaml_error_explains_its_line_and_hides_what_kubectl_never_reaches() {
    let root = mount_fresh().await;
    let src = podplay_core::examples::by_id("myweb-joined")
        .unwrap()
        .source;
    type_text(&root, src).await;
    let problems = all(&root, ".problem");
    let texts: Vec<String> = problems
        .iter()
        .map(|p| p.text_content().unwrap_or_default())
        .collect();
    assert_eq!(problems.len(), 1, "{texts:#?}");
    assert_eq!(
        problems[0].get_attribute("data-line").as_deref(),
        Some("16")
    );
    let p = &texts[0];
    assert!(
        p.contains("yaml: line 15: did not find expected key"),
        "{p}"
    );
    assert!(
        p.contains("kubectl says line 15, the playground marks line 16"),
        "{p}"
    );
    // The editor underlines line 16, where the error is.
    let underlined: Vec<usize> = lines(&root)
        .iter()
        .enumerate()
        .filter(|(_, (_, u))| *u)
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(underlined, [16]);
    // The summary says the same, without blaming documents in a one-document file.
    let summary = text_of(&root, ".summary");
    assert!(summary.contains("line 16"), "{summary}");
    assert!(!summary.contains("each document"), "{summary}");
    assert!(summary.contains("\"line 15\" means line 16"), "{summary}");
}
