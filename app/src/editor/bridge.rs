//! The JavaScript boundary of the code editor, and the only code of the app that touches
//! `JsValue` for it. It loads the CodeMirror bundle (`editor.js`, built from
//! `app/js/src/editor.js` into `app/js/dist/editor.js` and copied beside index.html) with a dynamic
//! `import()` on the editor's first use ([`load`]; the file's name lives here, in the wasm, so the
//! first load never names nor fetches it), creates and destroys the view, sets its text when the
//! text changes from outside, receives the user's edits, pushes diagnostics, and answers the
//! editor's hover and completion requests synchronously from Rust. Offsets cross the boundary in
//! UTF-16 code units (what JavaScript strings count); everything on the Rust side is a byte
//! offset, converted with [`LineIndex`].

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Array;
use podplay_core::analyze::{analyze, Analysis};
use podplay_core::diag::Lang;
use podplay_core::span::{LineIndex, Span};
use wasm_bindgen::prelude::*;

use crate::browser::bundle::{self, describe};

/// The bundle's file, beside index.html (static/index.html copies it there).
const BUNDLE: &str = "editor.js";

thread_local! {
    /// The bundle's module object, once imported.
    static MODULE: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

/// With the `bundled-editor` feature (the browser tests, which serve no site), the bundle is a
/// static import of the wasm-bindgen glue instead: its two functions make the module object.
#[cfg(feature = "bundled-editor")]
#[wasm_bindgen(module = "/js/dist/editor.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = create)]
    static BUNDLED_CREATE: JsValue;
    #[wasm_bindgen(thread_local_v2, js_name = find)]
    static BUNDLED_FIND: JsValue;
}

#[cfg(feature = "bundled-editor")]
async fn import() -> Result<JsValue, String> {
    let module = js_sys::Object::new();
    for (name, f) in [("create", &BUNDLED_CREATE), ("find", &BUNDLED_FIND)] {
        js_sys::Reflect::set(&module, &name.into(), &f.with(JsValue::clone))
            .map_err(|e| describe(&e))?;
    }
    Ok(module.into())
}

#[cfg(not(feature = "bundled-editor"))]
async fn import() -> Result<JsValue, String> {
    bundle::import(BUNDLE).await
}

/// The loaded bundle.
#[derive(Clone)]
pub struct Bundle(JsValue);

impl Bundle {
    /// The bundle if it has been loaded.
    pub fn loaded() -> Option<Bundle> {
        MODULE.with(|m| m.borrow().clone()).map(Bundle)
    }

    fn function(&self, name: &str) -> Result<js_sys::Function, String> {
        bundle::function(&self.0, BUNDLE, name)
    }
}

/// Loads the bundle (once: later calls return at once); a failure is the error's text, and a
/// later call tries again.
pub async fn load() -> Result<Bundle, String> {
    if let Some(b) = Bundle::loaded() {
        return Ok(b);
    }
    let module = import().await?;
    MODULE.with(|m| *m.borrow_mut() = Some(module.clone()));
    Ok(Bundle(module))
}

#[wasm_bindgen]
extern "C" {
    /// An editor of app/js/src/editor.js (what its `create` returns).
    type JsEditor;

    #[wasm_bindgen(method, js_name = setText)]
    fn set_text(this: &JsEditor, text: &str) -> bool;

    #[wasm_bindgen(method, js_name = setDiagnostics)]
    fn set_diagnostics(this: &JsEditor, flat: Vec<u32>);

    #[wasm_bindgen(method)]
    fn select(this: &JsEditor, from: u32, to: u32, focus: bool);

    #[wasm_bindgen(method)]
    fn input(this: &JsEditor, from: u32, to: u32, insert: &str);

    #[wasm_bindgen(method, js_name = setLang)]
    fn set_lang(this: &JsEditor, label: &str, phrases: Vec<String>);

    #[wasm_bindgen(method)]
    fn text(this: &JsEditor) -> String;

    #[wasm_bindgen(method)]
    fn selection(this: &JsEditor) -> Vec<u32>;

    #[wasm_bindgen(method, js_name = setCursor)]
    fn set_cursor(this: &JsEditor, pos: u32);

    #[wasm_bindgen(method)]
    fn focus(this: &JsEditor);

    #[wasm_bindgen(method)]
    fn resume(this: &JsEditor, top: f64, left: f64, x: f64, y: f64);

    #[wasm_bindgen(method)]
    fn replay(this: &JsEditor, flat: Vec<String>);

    #[wasm_bindgen(method)]
    fn destroy(this: &JsEditor);
}

/// What the hover and completion callbacks read: the editor's current text and an analysis of it.
struct Shared {
    /// The editor's text as last read (it can be ahead of the app's state while edits are being
    /// coalesced); stale when `dirty`.
    text: Rc<str>,
    /// The user changed the text since it was last read from the editor.
    dirty: bool,
    /// The analysis given by the app, and the text it is of.
    analysis: Option<(Rc<str>, Rc<Analysis>)>,
    lang: Lang,
}

impl Shared {
    /// Takes the editor's current text, as given by a hover or completion request.
    fn sync(&mut self, text: String) {
        if self.dirty || *self.text != *text {
            self.text = text.into();
        }
        self.dirty = false;
    }

    /// The app's analysis, if it is of the editor's current text.
    fn current_analysis(&self) -> Option<Rc<Analysis>> {
        let (text, a) = self.analysis.as_ref()?;
        (*text == self.text).then(|| a.clone())
    }

    /// The analysis of the editor's current text: the app's when it is up to date, else a fresh
    /// one (kept until the app's catches up).
    fn analysis(&mut self) -> Rc<Analysis> {
        if let Some((text, a)) = &self.analysis {
            if *text == self.text {
                return a.clone();
            }
        }
        let a = Rc::new(analyze(&self.text));
        self.analysis = Some((self.text.clone(), a.clone()));
        a
    }
}

/// A live editor in a DOM element. Dropping it destroys the view.
pub struct Editor {
    js: JsEditor,
    shared: Rc<RefCell<Shared>>,
    _on_change: Closure<dyn FnMut()>,
    _hover: Closure<dyn FnMut(u32, String) -> JsValue>,
    _complete: Closure<dyn FnMut(u32, bool, String) -> JsValue>,
}

fn phrases(lang: Lang) -> Vec<String> {
    super::text(lang)
        .phrases
        .iter()
        .flat_map(|(en, tr)| [en.to_string(), tr.to_string()])
        .collect()
}

fn utf16(text: &str, index: &LineIndex, span: Span) -> (u32, u32) {
    (
        index.utf16_offset(text, span.start),
        index.utf16_offset(text, span.end),
    )
}

impl Editor {
    /// Creates an editor showing `text` inside `parent`; `on_change` is called after every edit
    /// made in the editor (not after [`Editor::set_text`]); [`Editor::text`] reads the new text.
    pub fn new(
        bundle: &Bundle,
        parent: &web_sys::Element,
        text: &str,
        label: &str,
        lang: Lang,
        on_change: impl Fn() + 'static,
    ) -> Result<Editor, String> {
        let shared = Rc::new(RefCell::new(Shared {
            text: text.into(),
            dirty: false,
            analysis: None,
            lang,
        }));
        let on_change = {
            let shared = shared.clone();
            Closure::<dyn FnMut()>::new(move || {
                shared.borrow_mut().dirty = true;
                on_change();
            })
        };
        let hover = {
            let shared = shared.clone();
            Closure::<dyn FnMut(u32, String) -> JsValue>::new(move |pos: u32, text: String| {
                let mut s = shared.borrow_mut();
                s.sync(text);
                let analysis = s.analysis();
                let text = &*s.text;
                let at = LineIndex::from_utf16_offset(text, pos);
                let Some(card) = super::hover(text, &analysis, at, s.lang) else {
                    return JsValue::NULL;
                };
                let (from, to) = utf16(text, &analysis.line_index, card.span);
                let out = Array::new();
                out.push(&from.into());
                out.push(&to.into());
                for (class, body) in card.blocks {
                    out.push(&class.into());
                    out.push(&body.into());
                }
                out.into()
            })
        };
        let complete = {
            let shared = shared.clone();
            Closure::<dyn FnMut(u32, bool, String) -> JsValue>::new(
                move |pos: u32, explicit: bool, text: String| {
                    let mut s = shared.borrow_mut();
                    s.sync(text);
                    // While typing the app's analysis lags behind: complete from the text alone
                    // rather than analysing it again on every key.
                    let analysis = s.current_analysis();
                    let text = &*s.text;
                    let at = LineIndex::from_utf16_offset(text, pos);
                    let Some((span, items)) =
                        super::completions(text, analysis.as_deref(), at, explicit)
                    else {
                        return JsValue::NULL;
                    };
                    let (from, to) = utf16(text, &LineIndex::new(text), span);
                    let out = Array::new();
                    out.push(&from.into());
                    out.push(&to.into());
                    for i in items {
                        out.push(&i.label.into());
                        out.push(&i.insert.into());
                        out.push(&i.detail.into());
                        out.push(&i.doc.into());
                        out.push(&i.kind.into());
                    }
                    out.into()
                },
            )
        };
        let args = Array::new();
        args.push(parent);
        args.push(&text.into());
        args.push(&label.into());
        args.push(
            &phrases(lang)
                .into_iter()
                .map(JsValue::from)
                .collect::<Array>(),
        );
        args.push(on_change.as_ref());
        args.push(hover.as_ref());
        args.push(complete.as_ref());
        let js = bundle
            .function("create")?
            .apply(&JsValue::NULL, &args)
            .map_err(|e| describe(&e))?
            .unchecked_into::<JsEditor>();
        Ok(Editor {
            js,
            shared,
            _on_change: on_change,
            _hover: hover,
            _complete: complete,
        })
    }

    /// The editor's current text (read from the editor once after each change).
    pub fn text(&self) -> Rc<str> {
        let mut s = self.shared.borrow_mut();
        if s.dirty {
            s.text = self.js.text().into();
            s.dirty = false;
        }
        s.text.clone()
    }

    /// Shows `text` if the editor holds something else (an example loaded, a shared link opened,
    /// a quick fix applied), changing only the part that differs so the cursor stays put; the
    /// change can be undone in the editor. Returns whether the text changed.
    pub fn set_text(&self, text: &Rc<str>) -> bool {
        if *self.text() == **text {
            return false;
        }
        self.shared.borrow_mut().text = text.clone();
        self.js.set_text(text)
    }

    /// Gives the analysis of `text` (for hovers and completions) and underlines its diagnostics
    /// if `text` is what the editor holds.
    pub fn set_analysis(&self, text: &Rc<str>, analysis: &Rc<Analysis>) {
        self.shared.borrow_mut().analysis = Some((text.clone(), analysis.clone()));
        if *self.text() != **text {
            return;
        }
        let mut flat = Vec::new();
        for p in super::problems(text, analysis) {
            let (from, to) = utf16(text, &analysis.line_index, p.span);
            flat.extend([from, to, u32::from(p.is_warning())]);
        }
        self.js.set_diagnostics(flat);
    }

    /// Switches the editor's label and its own UI strings (search panel, announcements) and the
    /// language of hover cards.
    pub fn set_lang(&self, lang: Lang, label: &str) {
        self.shared.borrow_mut().lang = lang;
        self.js.set_lang(label, phrases(lang));
    }

    /// Selects the byte range `span` of the current text and scrolls to it; with `focus`, moves
    /// the keyboard focus into the editor.
    pub fn select(&self, span: Span, focus: bool) {
        let text = self.text();
        let index = LineIndex::new(&text);
        let (from, to) = utf16(&text, &index, span);
        self.js.select(from, to, focus);
    }

    pub fn focus(&self) {
        self.js.focus();
    }

    /// Takes over from the replica shown before the view existed: its scroll offsets, and the
    /// caret where the pointer pressed (client coordinates), if it did.
    pub fn resume(&self, scroll: (f64, f64), point: Option<(f64, f64)>) {
        let (x, y) = point.unwrap_or((f64::NAN, f64::NAN));
        self.js.resume(scroll.0, scroll.1, x, y);
    }

    /// Replays keys typed on the replica while the bundle loaded ([`Typed`]).
    pub fn replay(&self, typed: &[Typed]) {
        if typed.is_empty() {
            return;
        }
        let flat = typed
            .iter()
            .flat_map(|t| [t.modifiers.clone(), t.key.clone()])
            .collect();
        self.js.replay(flat);
    }
}

/// A key pressed (or text pasted) on the replica before the view existed.
#[derive(Clone, Debug, PartialEq)]
pub struct Typed {
    /// The letters c s a m for Ctrl, Shift, Alt and Meta, or "p" for pasted text.
    pub modifiers: String,
    /// The key's name (`KeyboardEvent.key`), or the pasted text.
    pub key: String,
}

impl Drop for Editor {
    fn drop(&mut self) {
        self.js.destroy();
    }
}

/// A view onto the editor inside a DOM element, for tests and automation: read its text and
/// selection, and edit it as if the user typed.
pub struct Probe(JsEditor);

impl Probe {
    /// The editor inside `parent`, if there is one (none before the bundle is loaded).
    pub fn find(parent: &web_sys::Element) -> Option<Probe> {
        let found = Bundle::loaded()?
            .function("find")
            .ok()?
            .call1(&JsValue::NULL, parent)
            .ok()?;
        (!found.is_undefined() && !found.is_null()).then(|| Probe(found.unchecked_into()))
    }

    pub fn text(&self) -> String {
        self.0.text()
    }

    /// The main selection as a byte range of the text (anchor first).
    pub fn selection(&self) -> (u32, u32) {
        let text = self.0.text();
        let sel = self.0.selection();
        let at = |i: usize| LineIndex::from_utf16_offset(&text, sel.get(i).copied().unwrap_or(0));
        (at(0), at(1))
    }

    /// Puts the cursor at byte offset `at`.
    pub fn set_cursor(&self, at: u32) {
        let text = self.0.text();
        self.0
            .set_cursor(LineIndex::new(&text).utf16_offset(&text, at));
    }

    /// Selects the byte range `span` and focuses the editor.
    pub fn select(&self, span: Span) {
        let text = self.0.text();
        let (from, to) = utf16(&text, &LineIndex::new(&text), span);
        self.0.select(from, to, true);
    }

    /// Replaces the byte range `span` with `insert` as a user edit (undoable, reported to the app
    /// like typing).
    pub fn input(&self, span: Span, insert: &str) {
        let text = self.0.text();
        let index = LineIndex::new(&text);
        let (from, to) = utf16(&text, &index, span);
        self.0.input(from, to, insert);
    }
}
