//! The examples dialog: every example of `podplay_core::examples`, grouped, with its description
//! in the current language and where it comes from. A native modal `<dialog>`: the rest of the
//! page is inert while it is open (focus stays inside), Escape closes it, and focus returns to
//! the button that opened it.

use podplay_core::diag::Lang;
use podplay_core::examples::{self, Example, Group, Note, Origin, Status};
use wasm_bindgen::JsCast;
use web_sys::{HtmlDialogElement, HtmlElement};
use yew::prelude::*;

use crate::components::rich::with_code;

struct Words {
    title: &'static str,
    close: &'static str,
    intro: &'static str,
    valid: &'static str,
    mistakes: &'static str,
    fragment: &'static str,
    /// "From the note {title}, section {section}." and the other origins, as functions of the
    /// note's title and section (already quoted).
    from_note: fn(&str, &str) -> String,
    completes: fn(&str, &str) -> String,
    rewrites: fn(&str, &str) -> String,
    concept: &'static str,
    current: &'static str,
    look: &'static str,
}

static EN: Words = Words {
    title: "Examples",
    close: "Close",
    intro: "Every manifest of the study notes, exactly as written (mistakes included: the playground explains them), completed versions, and one example per concept. Loading one replaces your text; yours is kept and can be restored.",
    valid: "valid",
    mistakes: "has mistakes",
    fragment: "fragment",
    from_note: |note, section| format!("From the note {note}, section {section}."),
    completes: |note, section| {
        format!("Written for the playground, completing the manifest of the note {note}, section {section}.")
    },
    rewrites: |note, section| {
        format!("Written for the playground from the docker commands of the note {note}, section {section}.")
    },
    concept: "Written for the playground.",
    current: "in the editor",
    look: "What to look at:",
};

static ZH: Words = Words {
    title: "示例",
    close: "关闭",
    intro: "学习笔记里的每一个清单都原样收录（包括其中的错误：游乐场会解释它们），另有补全版本，以及每例演示一个概念的示例。载入示例会替换你的文本；你的文本会被保留，可以恢复。",
    valid: "有效",
    mistakes: "含错误",
    fragment: "片段",
    from_note: |note, section| format!("出自笔记{note}的{section}一节。"),
    completes: |note, section| format!("为游乐场编写，补全了笔记{note}中{section}一节的清单。"),
    rewrites: |note, section| format!("为游乐场编写，改写自笔记{note}中{section}一节的 docker 命令。"),
    concept: "为游乐场编写。",
    current: "已在编辑器中",
    look: "看点：",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}

#[derive(Properties, PartialEq)]
pub struct GalleryProps {
    pub lang: Lang,
    pub open: bool,
    /// The text in the editor (to mark the example it is, if any).
    pub current: AttrValue,
    /// The id of the example to load.
    pub onload: Callback<&'static str>,
    pub onclose: Callback<()>,
    /// The element to give focus back to once closed.
    pub return_focus: AttrValue,
}

#[function_component]
pub fn Gallery(props: &GalleryProps) -> Html {
    let w = words(props.lang);
    let dialog = use_node_ref();
    {
        let dialog = dialog.clone();
        let return_focus = props.return_focus.clone();
        use_effect_with(props.open, move |open| {
            if let Some(d) = dialog.cast::<HtmlDialogElement>() {
                if *open && !d.open() {
                    let _ = d.show_modal();
                    // Focus the example in the editor, else the first one.
                    let target = d
                        .query_selector(".example[aria-current=\"true\"]")
                        .ok()
                        .flatten()
                        .or_else(|| d.query_selector(".example").ok().flatten());
                    if let Some(el) = target.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
                        let _ = el.focus();
                    }
                } else if !*open && d.open() {
                    d.close();
                    crate::browser::page::focus(&return_focus);
                }
            }
        });
    }
    // Escape (the dialog's `cancel`) and any other way of closing report back.
    let onclose = {
        let cb = props.onclose.clone();
        let return_focus = props.return_focus.clone();
        Callback::from(move |_: Event| {
            cb.emit(());
            crate::browser::page::focus(&return_focus);
        })
    };
    // A click on the backdrop (the dialog element itself, outside its content) closes.
    let onclick = {
        let cb = props.onclose.clone();
        Callback::from(move |e: MouseEvent| {
            let on_dialog = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlDialogElement>().ok())
                .is_some();
            if on_dialog {
                cb.emit(());
            }
        })
    };
    // Up and down arrows move between the examples.
    let onkeydown = {
        let dialog = dialog.clone();
        Callback::from(move |e: KeyboardEvent| {
            let step: i32 = match e.key().as_str() {
                "ArrowDown" => 1,
                "ArrowUp" => -1,
                _ => return,
            };
            let Some(d) = dialog.cast::<HtmlDialogElement>() else {
                return;
            };
            let Ok(list) = d.query_selector_all(".example") else {
                return;
            };
            let active = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|doc| doc.active_element());
            let n = list.length();
            let mut current = None;
            for i in 0..n {
                if let (Some(node), Some(a)) = (list.item(i), active.as_ref()) {
                    if node.is_same_node(Some(a)) {
                        current = Some(i);
                    }
                }
            }
            let Some(i) = current else { return };
            let next = (i as i64 + i64::from(step)).clamp(0, i64::from(n) - 1) as u32;
            if let Some(el) = list
                .item(next)
                .and_then(|n| n.dyn_into::<HtmlElement>().ok())
            {
                e.prevent_default();
                let _ = el.focus();
            }
        })
    };
    let close = {
        let cb = props.onclose.clone();
        Callback::from(move |_| cb.emit(()))
    };
    html! {
        <dialog ref={dialog} class="gallery" aria-labelledby="gallery-title"
            aria-describedby="gallery-intro" {onclose} {onclick}>
            if props.open {
                <div class="gallery-inner" {onkeydown}>
                    <div class="gallery-head">
                        <h2 id="gallery-title">{w.title}</h2>
                        <button type="button" class="icon-button" aria-label={w.close} title={w.close}
                            onclick={close}>{"×"}</button>
                    </div>
                    <p id="gallery-intro" class="muted small">{w.intro}</p>
                    { for Group::ALL.iter().map(|g| group(*g, props)) }
                </div>
            }
        </dialog>
    }
}

fn group(g: Group, props: &GalleryProps) -> Html {
    let heading = format!("gallery-{}", g.id());
    html! {
        <section class="gallery-group" aria-labelledby={heading.clone()}>
            <h3 id={heading}>{g.title().get(props.lang)}</h3>
            <ul class="examples">
                { for examples::in_group(g).map(|e| item(e, props)) }
            </ul>
        </section>
    }
}

fn item(e: &'static Example, props: &GalleryProps) -> Html {
    let w = words(props.lang);
    let (badge, class) = match e.status {
        Status::Valid => (w.valid, "ok"),
        Status::Mistakes => (w.mistakes, "bad"),
        Status::Fragment => (w.fragment, "part"),
    };
    let quoted = |note: Note, section: &str| match props.lang {
        Lang::En => (
            format!("“{}”", note.title(Lang::En)),
            format!("“{section}”"),
        ),
        Lang::Zh => (format!("《{}》", note.title), format!("“{section}”")),
    };
    let source = match e.origin {
        Origin::Seed { note, section, .. } => {
            let (n, s) = quoted(note, section);
            (w.from_note)(&n, &s)
        }
        Origin::Completed {
            note,
            section,
            fixture: Some(_),
        } => {
            let (n, s) = quoted(note, section);
            (w.completes)(&n, &s)
        }
        Origin::Completed {
            note,
            section,
            fixture: None,
        } => {
            let (n, s) = quoted(note, section);
            (w.rewrites)(&n, &s)
        }
        Origin::Concept => w.concept.to_string(),
    };
    let is_current = *props.current == *e.source;
    let onload = props.onload.clone();
    let id = e.id;
    html! {
        <li>
            <button type="button" class="example" data-example={id}
                aria-current={if is_current { "true" } else { "false" }}
                onclick={Callback::from(move |_| onload.emit(id))}>
                <span class="ex-head">
                    <span class="ex-title">{e.title.get(props.lang)}</span>
                    <span class={classes!("status-badge", class)}>{badge}</span>
                    if is_current { <span class="status-badge">{w.current}</span> }
                </span>
                <span class="ex-desc">{with_code(e.description.get(props.lang))}</span>
                <span class="ex-look"><strong>{w.look}</strong>{" "}{with_code(e.look.get(props.lang))}</span>
                <span class="ex-source">{source}</span>
            </button>
        </li>
    }
}
