//! The manifest editor: CodeMirror 6 (through [`crate::editor::bridge`]) with YAML highlighting,
//! diagnostics underlined where core found them, hover cards and completions from the schema.
//!
//! CodeMirror's bundle loads on the editor's first use (issue 15): until then the editor area
//! shows a static replica of the view ([`crate::editor::replica`]). A press, a touch, the focus, a
//! key or the mouse over the replica, or an app action that needs the view (a text from outside:
//! an example, a lesson, a quick fix, a restore, `kubectl edit`; a jump to a problem) loads the
//! bundle; the view is then created in place with the same text, scroll position and (for a
//! press) the caret where the pointer pressed, takes the focus if the replica still has it,
//! and replays the keys typed meanwhile; the pending action follows. A failed download says so
//! with a retry; the replica and the text stay.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use podplay_core::analyze::Analysis;
use podplay_core::diag::Lang;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::editor::bridge::{self, Editor, Typed};
use crate::editor::replica::{Replica, Use};
use crate::state::Reveal;

/// Edits reach the app once typing pauses for this long (the latest text wins), so that checking
/// the text never delays the next keystroke.
pub const COALESCE_MS: u32 = 40;

#[derive(Properties)]
pub struct CodeEditorProps {
    pub text: Rc<str>,
    /// The analysis of `text`.
    pub analysis: Rc<Analysis>,
    pub lang: Lang,
    /// The editor's accessible name.
    pub label: AttrValue,
    pub hint: AttrValue,
    pub onedit: Callback<String>,
    #[prop_or_default]
    pub reveal: Option<Reveal>,
}

impl PartialEq for CodeEditorProps {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
            && Rc::ptr_eq(&self.analysis, &other.analysis)
            && self.lang == other.lang
            && self.label == other.label
            && self.hint == other.hint
            && self.onedit == other.onedit
            && self.reveal == other.reveal
    }
}

type Slot<T> = Rc<RefCell<T>>;

/// Where the real view is.
#[derive(Clone, Debug, PartialEq)]
enum Load {
    /// Not asked for: the replica shows.
    Idle,
    Loading,
    /// The bundle could not be loaded (the error's text); the replica shows.
    Failed(String),
    Live,
}

/// What the replica saw before the view existed, for the view to take over.
#[derive(Default)]
struct Before {
    /// Where the pointer pressed, in client coordinates.
    press: Option<(f64, f64)>,
    typed: Vec<Typed>,
}

/// Keyboard users leave the editor with Escape then Tab (Tab alone indents).
#[function_component]
pub fn CodeEditor(props: &CodeEditorProps) -> Html {
    let host = use_node_ref();
    let editor: Slot<Option<Editor>> = use_mut_ref(|| None);
    let replica: Slot<Option<Replica>> = use_mut_ref(|| None);
    let before: Slot<Before> = use_mut_ref(Before::default);
    let onedit: Slot<Callback<String>> = use_mut_ref(|| props.onedit.clone());
    *onedit.borrow_mut() = props.onedit.clone();
    let pending: Slot<Option<Timeout>> = use_mut_ref(|| None);
    // The text the app last received from the editor or gave it: a `text` prop equal to it is
    // not news (the editor may already be further ahead), anything else came from outside.
    let known: Slot<Rc<str>> = use_mut_ref(|| props.text.clone());
    // The view is created with the replica's first text (a later text from outside is then set
    // in it, undoably, as before), the latest name and language.
    let base: Slot<Rc<str>> = use_mut_ref(|| props.text.clone());
    let latest: Slot<(AttrValue, Lang)> = use_mut_ref(|| (props.label.clone(), props.lang));
    *latest.borrow_mut() = (props.label.clone(), props.lang);
    let shown: Slot<Option<Rc<Analysis>>> = use_mut_ref(|| None);
    let applied: Slot<Option<Reveal>> = use_mut_ref(|| None);
    let load = use_state(|| Load::Idle);
    // Incremented to load the bundle: by the first use, then by Retry.
    let attempt = use_state(|| 0u32);
    let live = *load == Load::Live;
    // Asks for the view (the first time only; Retry asks again).
    let want: Rc<dyn Fn()> = {
        let (attempt, asked) = (attempt.setter(), use_mut_ref(|| false));
        Rc::new(move || {
            if !std::mem::replace(&mut *asked.borrow_mut(), true) {
                attempt.set(1);
            }
        })
    };

    // What a use of the replica does: remember what the view must take over, and ask for it.
    let on_use: Rc<dyn Fn(Use)> = {
        let (before, want) = (before.clone(), want.clone());
        Rc::new(move |u: Use| {
            {
                let mut b = before.borrow_mut();
                match u {
                    Use::Press(x, y) => b.press = Some((x, y)),
                    Use::Typed(t) => b.typed.push(t),
                    Use::Focus | Use::Hover => {}
                }
            }
            want();
        })
    };
    {
        // The replica, until the view is there.
        let (host, replica, want, on_use) =
            (host.clone(), replica.clone(), want.clone(), on_use.clone());
        let (text, label) = (props.text.clone(), props.label.clone());
        let (pending, editor) = (pending.clone(), editor.clone());
        use_effect_with((), move |_| {
            if let Some(el) = host.cast::<web_sys::Element>() {
                *replica.borrow_mut() = Replica::show(&el, &text, &label, move |u| on_use(u));
                // Once the bundle is loaded (the editor was used, then unmounted), the view
                // comes back at once.
                if bridge::Bundle::loaded().is_some() {
                    want();
                }
            }
            move || {
                pending.borrow_mut().take();
                editor.borrow_mut().take();
                replica.borrow_mut().take();
            }
        });
    }
    {
        // Load the bundle and create the view in the replica's place (again on Retry).
        let (host, editor, replica, before, pending) = (
            host.clone(),
            editor.clone(),
            replica.clone(),
            before.clone(),
            pending.clone(),
        );
        let (onedit, known, base, latest, load) = (
            onedit.clone(),
            known.clone(),
            base.clone(),
            latest.clone(),
            load.clone(),
        );
        use_effect_with(*attempt, move |attempt| {
            if *attempt > 0 {
                load.set(Load::Loading);
                spawn_local(async move {
                    let created = match bridge::load().await {
                        Ok(bundle) => create(
                            &bundle, &host, &editor, &pending, &onedit, &known, &base, &latest,
                        ),
                        Err(e) => Err(e),
                    };
                    match created {
                        Ok(()) => {
                            take_over(&editor, &replica, &before, &known);
                            load.set(Load::Live);
                        }
                        Err(e) => load.set(Load::Failed(e)),
                    }
                });
            }
        });
    }
    {
        let (editor, replica, pending, known, want) = (
            editor.clone(),
            replica.clone(),
            pending.clone(),
            known.clone(),
            want.clone(),
        );
        let (host, label) = (host.clone(), props.label.clone());
        use_effect_with(props.text.clone(), move |text| {
            if *known.borrow() != *text {
                // From outside (an example, a shared link, a quick fix): it wins over unsent typing.
                pending.borrow_mut().take();
                *known.borrow_mut() = text.clone();
                if let Some(e) = editor.borrow().as_ref() {
                    e.set_text(text);
                } else {
                    // The replica shows it until the view is there, which then sets it.
                    let mut r = replica.borrow_mut();
                    if let (Some(old), Some(el)) = (r.take(), host.cast::<web_sys::Element>()) {
                        let focused = old.has_focus();
                        drop(old);
                        *r = Replica::show(&el, text, &label, move |u| on_use(u));
                        if focused {
                            if let Some(new) = r.as_ref() {
                                new.focus();
                            }
                        }
                    }
                    want();
                }
            }
        });
    }
    {
        let editor = editor.clone();
        let (text, analysis) = (props.text.clone(), props.analysis.clone());
        use_effect(move || {
            let fresh = !shown
                .borrow()
                .as_ref()
                .is_some_and(|a| Rc::ptr_eq(a, &analysis));
            if let Some(e) = editor.borrow().as_ref().filter(|_| fresh) {
                e.set_analysis(&text, &analysis);
                *shown.borrow_mut() = Some(analysis);
            }
        });
    }
    {
        let (editor, replica) = (editor.clone(), replica.clone());
        use_effect_with((props.lang, props.label.clone()), move |(lang, label)| {
            if let Some(e) = editor.borrow().as_ref() {
                e.set_lang(*lang, label);
            } else if let Some(r) = replica.borrow().as_ref() {
                r.set_label(label);
            }
        });
    }
    {
        let editor = editor.clone();
        use_effect_with((props.reveal, live), move |(reveal, _)| {
            let Some(r) = *reveal else {
                return;
            };
            if *applied.borrow() == Some(r) {
                return;
            }
            match editor.borrow().as_ref() {
                Some(e) => {
                    e.select(r.span, r.focus);
                    *applied.borrow_mut() = Some(r);
                }
                // A jump to a problem or a quick fix: once the view is there.
                None => want(),
            }
        });
    }
    let w = crate::editor::text(props.lang);
    let status = match &*load {
        Load::Loading => html! { <p class="editor-status" role="status">{w.loading}</p> },
        Load::Failed(why) => {
            let attempt = attempt.clone();
            let retry = Callback::from(move |_: MouseEvent| attempt.set(*attempt + 1));
            html! {
                <div class="site-notice" id="editor-notice" role="alert">
                    <span>{format!("{} ({why})", w.load_failed)}</span>
                    <button type="button" onclick={retry}>{w.retry}</button>
                </div>
            }
        }
        Load::Idle | Load::Live => Html::default(),
    };
    html! {
        <div class="code-editor-wrap">
            <h2 class="pane-title" id="editor-title">{&props.label}</h2>
            // Where a keyboard user meets the Tab trap: shown while the editor has the focus (a
            // screen reader hears the same from the hint below, the content's description).
            <p class="tab-note" aria-hidden="true">{w.tab_note}</p>
            {status}
            <div id="editor" class="code-editor" ref={host} />
            <p id="source-hint" class="hint">{&props.hint}{" "}{w.keys}</p>
        </div>
    }
}

/// Creates the view in `host` (beside the replica, which [`take_over`] then removes).
#[allow(clippy::too_many_arguments)]
fn create(
    bundle: &bridge::Bundle,
    host: &NodeRef,
    editor: &Slot<Option<Editor>>,
    pending: &Slot<Option<Timeout>>,
    onedit: &Slot<Callback<String>>,
    known: &Slot<Rc<str>>,
    base: &Slot<Rc<str>>,
    latest: &Slot<(AttrValue, Lang)>,
) -> Result<(), String> {
    if editor.borrow().is_some() {
        return Ok(());
    }
    let el = host
        .cast::<web_sys::Element>()
        .ok_or_else(|| "no editor element".to_string())?;
    let (slot, source) = (pending.clone(), editor.clone());
    let (onedit, known) = (onedit.clone(), known.clone());
    let on_change = move || {
        let (onedit, known, source) = (onedit.clone(), known.clone(), source.clone());
        let timer = Timeout::new(COALESCE_MS, move || {
            let Some(text) = source.borrow().as_ref().map(|e| e.text()) else {
                return;
            };
            *known.borrow_mut() = text.clone();
            let onedit = onedit.borrow().clone();
            onedit.emit(text.to_string());
        });
        // Replacing the timer cancels the previous one: only the latest text is sent.
        *slot.borrow_mut() = Some(timer);
    };
    let (label, lang) = latest.borrow().clone();
    let text = base.borrow().clone();
    let created = crate::browser::timed("podplay:editor-create", || {
        Editor::new(bundle, &el, &text, &label, lang, on_change)
    })?;
    *editor.borrow_mut() = Some(created);
    Ok(())
}

/// The view takes the replica's place: the text set from outside meanwhile, the replica's scroll
/// position, the caret where the pointer pressed, the focus if the replica still has it, then
/// the keys typed while the bundle loaded.
fn take_over(
    editor: &Slot<Option<Editor>>,
    replica: &Slot<Option<Replica>>,
    before: &Slot<Before>,
    known: &Slot<Rc<str>>,
) {
    let Some(replica) = replica.borrow_mut().take() else {
        return;
    };
    let (scroll, focused) = (replica.scroll(), replica.has_focus());
    drop(replica);
    let e = editor.borrow();
    let Some(e) = e.as_ref() else {
        return;
    };
    let text = known.borrow().clone();
    e.set_text(&text);
    let b = std::mem::take(&mut *before.borrow_mut());
    e.resume(scroll, b.press);
    // Where the replica was being used (pressed, focused, typed into) and the learner has not
    // left it since (Escape then Tab, a click elsewhere).
    if focused {
        e.focus();
    }
    e.replay(&b.typed);
}
