//! The lessons client: the one place the app asks for a lesson's text or a task's check. Both are
//! async, so that the work can later move to a web worker (issue 15) without touching the
//! components.
//!
//! Lesson texts are files next to the page (`lessons/<id>.lesson`, copied by Trunk from
//! `static/lessons/`), fetched the first time a lesson is opened and kept for the session; the
//! page's own code does not grow with the course.

use std::cell::RefCell;
use std::rc::Rc;

use podplay_core::lessons::{self, content, Report};
use podplay_core::vecmap::VecMap;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why a lesson's text is not available.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// The file could not be fetched (offline, not found): the HTTP status, 0 for none.
    Fetch(u16),
    /// The file is not a valid lesson text (a bug: every file is checked by core's tests).
    Parse(String),
}

thread_local! {
    static TEXTS: RefCell<VecMap<&'static str, Rc<content::LessonText>>> =
        const { RefCell::new(VecMap::new()) };
}

/// Puts a lesson's text in the cache, as if it had been fetched (tests, and a future bundle).
pub fn preload(id: &'static str, text: &str) -> Result<(), LoadError> {
    let parsed = content::parse(text).map_err(|e| LoadError::Parse(e.to_string()))?;
    TEXTS.with(|t| t.borrow_mut().insert(id, Rc::new(parsed)));
    Ok(())
}

/// The lesson's text if it was already fetched.
pub fn cached(id: &str) -> Option<Rc<content::LessonText>> {
    TEXTS.with(|t| t.borrow().get(id).cloned())
}

/// The text of lesson `id`: from the cache, else fetched and parsed.
pub async fn lesson_text(id: &'static str) -> Result<Rc<content::LessonText>, LoadError> {
    if let Some(t) = cached(id) {
        return Ok(t);
    }
    let body = fetch_text(&format!("lessons/{id}.lesson")).await?;
    preload(id, &body)?;
    cached(id).ok_or(LoadError::Fetch(0))
}

async fn fetch_text(url: &str) -> Result<String, LoadError> {
    let window = web_sys::window().ok_or(LoadError::Fetch(0))?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| LoadError::Fetch(0))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| LoadError::Fetch(0))?;
    if !response.ok() {
        return Err(LoadError::Fetch(response.status()));
    }
    let text = response.text().map_err(|_| LoadError::Fetch(0))?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|v| v.as_string())
        .ok_or(LoadError::Fetch(0))
}

/// Checks `input` (a manifest, or the answer to a predict task) against task `id`. `None` for an
/// unknown task.
pub async fn check(id: &str, input: Rc<str>) -> Option<Report> {
    lessons::check(id, &input)
}
