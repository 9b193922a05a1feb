//! The only place that touches browser APIs besides rendering: local storage, the page's language
//! and mounting. Every call is fallible and failures degrade (no storage → nothing remembered),
//! never panic.

use podplay_core::diag::Lang;
use wasm_bindgen::JsCast;
use yew::BaseComponent;

pub mod bundle;
pub mod files;
pub mod page;
pub mod play;
pub mod streams;

const TEXT_KEY: &str = "podplay.text.v1";
const PROGRESS_KEY: &str = "podplay.progress.v1";
const SESSION_KEY: &str = "podplay.session.v1";
const LANG_KEY: &str = "podplay.lang.v1";

pub(crate) fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The text saved by the last session, if any.
pub fn saved_text() -> Option<String> {
    storage()?.get_item(TEXT_KEY).ok().flatten()
}

/// Saves the text; returns false when the browser refused (quota, private mode).
pub fn save_text(text: &str) -> bool {
    storage().is_some_and(|s| s.set_item(TEXT_KEY, text).is_ok())
}

/// The course progress saved by earlier sessions (the raw record; `components::learn::progress`
/// reads it).
pub fn saved_progress() -> Option<String> {
    storage()?.get_item(PROGRESS_KEY).ok().flatten()
}

/// The terminal's session saved by earlier visits (the raw record;
/// `components::terminal::record` reads it).
pub fn saved_session() -> Option<String> {
    storage()?.get_item(SESSION_KEY).ok().flatten()
}

/// Saves the terminal's session (None: forget it); false when the browser refused.
pub fn save_session(record: Option<&str>) -> bool {
    storage().is_some_and(|s| match record {
        Some(r) => s.set_item(SESSION_KEY, r).is_ok(),
        None => s.remove_item(SESSION_KEY).is_ok(),
    })
}

pub fn save_progress(record: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(PROGRESS_KEY, record);
    }
}

/// Scrolls the first element matching `selector` into view, if there is one.
pub fn scroll_into_view(selector: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
    {
        el.scroll_into_view();
    }
}

/// The language the user chose before, else the browser's preferred language.
pub fn initial_lang() -> Lang {
    if let Some(saved) = storage().and_then(|s| s.get_item(LANG_KEY).ok().flatten()) {
        return if saved == "zh" { Lang::Zh } else { Lang::En };
    }
    let preferred = web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_default();
    if preferred.to_ascii_lowercase().starts_with("zh") {
        Lang::Zh
    } else {
        Lang::En
    }
}

pub fn save_lang(lang: Lang) {
    if let Some(s) = storage() {
        let _ = s.set_item(LANG_KEY, if lang == Lang::Zh { "zh" } else { "en" });
    }
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", if lang == Lang::Zh { "zh-CN" } else { "en" });
    }
}

/// Moves the keyboard focus to the element with this id (see [`page::focus`]).
pub use page::focus;

/// Records a named instant in the page's performance timeline (`performance.mark`), read by the
/// end-to-end check (e.g. `podplay:first-render`).
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Runs `f` and records how long it took as the performance measure `name` (only the latest is
/// kept in the timeline; the end-to-end check observes them as they come).
pub fn timed<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let Some(p) = web_sys::window().and_then(|w| w.performance()) else {
        return f();
    };
    let start = format!("{name}:start");
    let _ = p.mark(&start);
    let out = f();
    p.clear_measures_with_measure_name(name);
    let _ = p.measure_with_start_mark(name, &start);
    p.clear_marks_with_mark_name(&start);
    out
}

/// Renders component `C` into `#app`, replacing the loading message or the prerendered first screen
/// (inert markup written at build time by `app/js/postbuild.mjs`: the same markup the first render
/// draws, so nothing moves when it is replaced).
pub fn mount<C: BaseComponent<Properties = ()>>() {
    mount_prepared::<C>(|| {});
}

/// [`mount`], with `prepare` run first: over the prerendered screen, in a task of its own after
/// that screen's first frame, and the first render in the next task, so that the two never make
/// one long task (the page can paint and take input between them).
pub fn mount_prepared<C: BaseComponent<Properties = ()>>(prepare: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        prepare();
        return;
    };
    let Some(root) = window.document().and_then(|d| d.get_element_by_id("app")) else {
        return;
    };
    let prerendered = root.has_attribute("data-prerendered");
    let take_over = move || {
        if prerendered {
            crate::editor::replica::keep_prerendered(&root);
        }
        root.set_inner_html("");
        let _ = root.remove_attribute("aria-busy");
        let _ = root.remove_attribute("inert");
        let _ = root.remove_attribute("data-prerendered");
        yew::Renderer::<C>::with_root(root).render();
    };
    if !prerendered {
        prepare();
        return take_over();
    }
    // The prerendered screen is painted before the app replaces it (the next frame, then a task),
    // even when the wasm arrived before the first paint: the first paint is never held back by
    // the app's start.
    let after_frame = wasm_bindgen::closure::Closure::once_into_js(move || {
        gloo::timers::callback::Timeout::new(0, move || {
            prepare();
            gloo::timers::callback::Timeout::new(0, take_over).forget();
        })
        .forget()
    });
    if window
        .request_animation_frame(after_frame.unchecked_ref())
        .is_err()
    {
        // No frames (a hidden document in some browsers): nothing to wait for.
        if let Some(f) = after_frame.dyn_ref::<js_sys::Function>() {
            let _ = f.call0(&wasm_bindgen::JsValue::NULL);
        }
    }
}
