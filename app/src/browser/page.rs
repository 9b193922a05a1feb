//! The page around the app: the theme attribute, the URL fragment (share links), what is kept
//! in local storage besides the text (the replaced text, the crash guard), and the message shown
//! if the app ever stops.

use wasm_bindgen::JsCast;

use super::storage;
use crate::state::Theme;

const THEME_KEY: &str = "podplay.theme.v1";
const PREVIOUS_KEY: &str = "podplay.previous.v1";
const CHECKING_KEY: &str = "podplay.checking.v1";

fn root() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.document_element()
}

/// The theme chosen before (`System` when none).
pub fn saved_theme() -> Theme {
    storage()
        .and_then(|s| s.get_item(THEME_KEY).ok().flatten())
        .and_then(|k| Theme::from_key(&k))
        .unwrap_or(Theme::System)
}

/// Remembers the theme and applies it: `data-theme` on `<html>` (absent for the system's).
pub fn apply_theme(theme: Theme) {
    if let Some(s) = storage() {
        let _ = s.set_item(THEME_KEY, theme.key());
    }
    if let Some(root) = root() {
        let _ = match theme {
            Theme::System => root.remove_attribute("data-theme"),
            Theme::Light | Theme::Dark => root.set_attribute("data-theme", theme.key()),
        };
    }
}

/// Whether the page is drawn dark: the chosen theme, else the system's.
pub fn is_dark(theme: Theme) -> bool {
    match theme {
        Theme::Dark => true,
        Theme::Light => false,
        Theme::System => web_sys::window()
            .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
            .is_some_and(|m| m.matches()),
    }
}

/// Whether the page is dark now: the theme the user picked (`data-theme` on `<html>`), else the
/// system's (which may change while the page is open).
pub fn is_dark_now() -> bool {
    match root().and_then(|r| r.get_attribute("data-theme")).as_deref() {
        Some("dark") => true,
        Some("light") => false,
        _ => is_dark(Theme::System),
    }
}

/// The URL fragment (with its `#`), empty when there is none.
pub fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Removes the fragment from the address without reloading or adding a history entry.
pub fn clear_fragment() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let path = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
    }
}

/// Puts `fragment` in the address bar (replacing the history entry, not adding one).
pub fn set_fragment(fragment: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(history) = window.history() {
        let url = url_with_fragment(fragment);
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// This page's address with `fragment` instead of its own.
pub fn url_with_fragment(fragment: &str) -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return fragment.to_string();
    };
    format!(
        "{}{}{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default(),
        fragment
    )
}

/// The text a load replaced, kept so that it can be restored (even after a reload).
pub fn saved_previous() -> Option<String> {
    storage()?.get_item(PREVIOUS_KEY).ok().flatten()
}

pub fn save_previous(text: Option<&str>) {
    if let Some(s) = storage() {
        let _ = match text {
            Some(t) => s.set_item(PREVIOUS_KEY, t),
            None => s.remove_item(PREVIOUS_KEY),
        };
    }
}

/// The crash guard: set while a new text is being checked, cleared once the page has rendered
/// the result. Found set at start-up, it means the last session stopped while checking its
/// text, which must then not be checked again automatically.
pub fn set_checking(on: bool) {
    if let Some(s) = storage() {
        let _ = if on {
            s.set_item(CHECKING_KEY, "1")
        } else {
            s.remove_item(CHECKING_KEY)
        };
    }
}

pub fn was_checking() -> bool {
    storage()
        .and_then(|s| s.get_item(CHECKING_KEY).ok().flatten())
        .is_some()
}

/// Shows, above everything, that the app stopped (called from the panic hook: no Yew, no
/// allocation-heavy work). The text is already saved, so a reload is safe.
pub fn show_stopped() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else {
        return;
    };
    let Ok(div) = document.create_element("div") else {
        return;
    };
    div.set_class_name("stopped");
    let _ = div.set_attribute("role", "alert");
    let zh = root()
        .and_then(|r| r.get_attribute("lang"))
        .is_some_and(|l| l.starts_with("zh"));
    div.set_text_content(Some(if zh {
        "Pod 游乐场内部出错，已经停止运行。你的文本已保存在本浏览器中：请刷新页面继续。"
    } else {
        "Something went wrong inside Pod Playground and it stopped. Your text is saved in this browser: reload the page to continue."
    }));
    let _ = body.insert_before(&div, body.first_child().as_ref());
}

/// Brings the element with this id to the top of the window if the page has to scroll to show it
/// (the stacked layout of narrow screens: what was just opened comes into view). In the
/// one-screen layout it is already in view and nothing moves.
pub fn bring_into_view(id: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(el) = window.document().and_then(|d| d.get_element_by_id(id)) else {
        return;
    };
    let height = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let top = el.get_bounding_client_rect().top();
    if top < 0.0 || top > height * 0.25 {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Start);
        options.set_behavior(if super::play::reduced_motion() {
            web_sys::ScrollBehavior::Instant
        } else {
            web_sys::ScrollBehavior::Smooth
        });
        el.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// Focuses the element with this id, if there is one.
pub fn focus(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}
