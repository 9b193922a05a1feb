//! The manifest editor: CodeMirror 6 (through [`crate::editor::bridge`]) with YAML highlighting,
//! diagnostics underlined where core found them, hover cards and completions from the schema.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use podplay_core::analyze::Analysis;
use podplay_core::diag::Lang;
use yew::prelude::*;

use crate::editor::bridge::Editor;
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

/// Keyboard users leave the editor with Escape then Tab (Tab alone indents).
#[function_component]
pub fn CodeEditor(props: &CodeEditorProps) -> Html {
    let host = use_node_ref();
    let editor: Slot<Option<Editor>> = use_mut_ref(|| None);
    let onedit: Slot<Callback<String>> = use_mut_ref(|| props.onedit.clone());
    *onedit.borrow_mut() = props.onedit.clone();
    let pending: Slot<Option<Timeout>> = use_mut_ref(|| None);
    // The text the app last received from the editor or gave it: a `text` prop equal to it is
    // not news (the editor may already be further ahead), anything else came from outside.
    let known: Slot<Rc<str>> = use_mut_ref(|| props.text.clone());
    let shown: Slot<Option<Rc<Analysis>>> = use_mut_ref(|| None);

    {
        let (host, editor, pending) = (host.clone(), editor.clone(), pending.clone());
        let (onedit, known) = (onedit.clone(), known.clone());
        let (text, label, lang) = (props.text.clone(), props.label.clone(), props.lang);
        use_effect_with((), move |_| {
            if let Some(el) = host.cast::<web_sys::Element>() {
                let (slot, source) = (pending.clone(), editor.clone());
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
                let created = crate::browser::timed("podplay:editor-create", || {
                    Editor::new(&el, &text, &label, lang, on_change)
                });
                *editor.borrow_mut() = Some(created);
            }
            move || {
                pending.borrow_mut().take();
                editor.borrow_mut().take();
            }
        });
    }
    {
        let (editor, pending, known) = (editor.clone(), pending.clone(), known.clone());
        use_effect_with(props.text.clone(), move |text| {
            if *known.borrow() != *text {
                // From outside (an example, a shared link, a quick fix): it wins over unsent typing.
                pending.borrow_mut().take();
                *known.borrow_mut() = text.clone();
                if let Some(e) = editor.borrow().as_ref() {
                    e.set_text(text);
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
        let editor = editor.clone();
        use_effect_with((props.lang, props.label.clone()), move |(lang, label)| {
            if let Some(e) = editor.borrow().as_ref() {
                e.set_lang(*lang, label);
            }
        });
    }
    {
        let editor = editor.clone();
        use_effect_with(props.reveal, move |reveal| {
            if let (Some(e), Some(r)) = (editor.borrow().as_ref(), reveal) {
                e.select(r.span, r.focus);
            }
        });
    }
    html! {
        <div class="code-editor-wrap">
            <h2 class="pane-title" id="editor-title">{&props.label}</h2>
            // Where a keyboard user meets the Tab trap: shown while the editor has the focus (a
            // screen reader hears the same from the hint below, the content's description).
            <p class="tab-note" aria-hidden="true">{crate::editor::text(props.lang).tab_note}</p>
            <div id="editor" class="code-editor" ref={host} />
            <p id="source-hint" class="hint">{&props.hint}{" "}{crate::editor::text(props.lang).keys}</p>
        </div>
    }
}
