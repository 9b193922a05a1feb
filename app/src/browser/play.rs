//! The browser APIs the play area needs: the animation-frame loop of playback, the user's motion
//! and colour preferences, the size of an element, CSS custom properties (the timeline's colours
//! follow the theme), the canvas, and the performance marks of the redraw benchmark. Every call is
//! fallible and failures degrade (no animation frames → playback does not advance), never panic.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

type FrameFn = Closure<dyn FnMut(f64)>;

/// A running `requestAnimationFrame` loop; dropping it stops the loop.
pub struct Frames {
    id: Rc<Cell<i32>>,
    closure: Rc<RefCell<Option<FrameFn>>>,
}

/// Calls `f` once per animation frame with the real milliseconds elapsed since the previous frame
/// (0 for the first one), until the returned handle is dropped.
pub fn frames(mut f: impl FnMut(f64) + 'static) -> Option<Frames> {
    let window = web_sys::window()?;
    let closure: Rc<RefCell<Option<FrameFn>>> = Rc::new(RefCell::new(None));
    let id = Rc::new(Cell::new(0));
    let last: Cell<Option<f64>> = Cell::new(None);
    let (again, next_id) = (Rc::downgrade(&closure), id.clone());
    let body = Closure::new(move |now: f64| {
        let elapsed = last.get().map_or(0.0, |l| (now - l).max(0.0));
        last.set(Some(now));
        f(elapsed);
        // Ask for the next frame unless the loop was stopped meanwhile.
        if let (Some(slot), Some(w)) = (again.upgrade(), web_sys::window()) {
            if let Some(c) = slot.borrow().as_ref() {
                if let Ok(i) = w.request_animation_frame(c.as_ref().unchecked_ref()) {
                    next_id.set(i);
                }
            }
        }
    });
    let first = window
        .request_animation_frame(body.as_ref().unchecked_ref())
        .ok()?;
    id.set(first);
    *closure.borrow_mut() = Some(body);
    Some(Frames { id, closure })
}

impl Drop for Frames {
    fn drop(&mut self) {
        if let Some(w) = web_sys::window() {
            let _ = w.cancel_animation_frame(self.id.get());
        }
        self.closure.borrow_mut().take();
    }
}

fn media(query: &str) -> Option<web_sys::MediaQueryList> {
    web_sys::window()?.match_media(query).ok().flatten()
}

const REDUCED_MOTION: &str = "(prefers-reduced-motion: reduce)";

/// The user asked the system for less motion.
pub fn reduced_motion() -> bool {
    media(REDUCED_MOTION).is_some_and(|m| m.matches())
}

/// Calls `f` with the new preference whenever the user's motion preference changes.
pub fn on_reduced_motion(f: impl Fn(bool) + 'static) -> Option<EventListener> {
    let m = media(REDUCED_MOTION)?;
    let target = m.clone();
    Some(EventListener::new(&m, "change", move |_| {
        f(target.matches())
    }))
}

/// Watches what decides the page's colours: the system's light/dark preference and the theme the
/// user picked (`data-theme` on `<html>`). Dropping it stops watching.
pub struct ThemeWatch {
    _media: Option<EventListener>,
    observer: Option<web_sys::MutationObserver>,
    _callback: Option<Closure<dyn FnMut()>>,
}

impl Drop for ThemeWatch {
    fn drop(&mut self) {
        if let Some(o) = &self.observer {
            o.disconnect();
        }
    }
}

/// Calls `f` whenever the page's colours may have changed.
pub fn watch_theme(f: impl Fn() + 'static) -> ThemeWatch {
    let f = Rc::new(f);
    let on_media = f.clone();
    let media = media("(prefers-color-scheme: dark)")
        .map(|m| EventListener::new(&m, "change", move |_| on_media()));
    let callback: Closure<dyn FnMut()> = Closure::new(move || f());
    let observer = (|| {
        let root = web_sys::window()?.document()?.document_element()?;
        let o = web_sys::MutationObserver::new(callback.as_ref().unchecked_ref()).ok()?;
        let init = web_sys::MutationObserverInit::new();
        init.set_attributes(true);
        init.set_attribute_filter(&js_sys::Array::of1(&"data-theme".into()));
        o.observe_with_options(&root, &init).ok()?;
        Some(o)
    })();
    ThemeWatch {
        _media: media,
        observer,
        _callback: Some(callback),
    }
}

/// Calls `f` when the window is resized.
pub fn on_resize(f: impl Fn() + 'static) -> Option<EventListener> {
    let w = web_sys::window()?;
    Some(EventListener::new(&w, "resize", move |_| f()))
}

/// The value of a CSS custom property (`--fg`) as it applies to `el`, trimmed.
pub fn css_var(el: &web_sys::Element, name: &str) -> Option<String> {
    let style = web_sys::window()?.get_computed_style(el).ok()??;
    let v = style.get_property_value(name).ok()?;
    let v = v.trim();
    (!v.is_empty()).then(|| v.to_string())
}

/// Device pixels per CSS pixel (at least 1).
pub fn pixel_ratio() -> f64 {
    web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .filter(|r| r.is_finite() && *r >= 1.0)
        .unwrap_or(1.0)
}

/// The width of an element's content box in CSS pixels.
pub fn width_of(el: &web_sys::Element) -> f64 {
    el.client_width().max(0) as f64
}

/// Sizes a canvas for sharp drawing: `css_w × css_h` CSS pixels backed by as many device pixels.
pub fn size_canvas(canvas: &web_sys::HtmlCanvasElement, css_w: f64, css_h: f64, ratio: f64) {
    let (w, h) = ((css_w * ratio).round(), (css_h * ratio).round());
    canvas.set_width(w.clamp(1.0, 16_384.0) as u32);
    canvas.set_height(h.clamp(1.0, 16_384.0) as u32);
    let _ = canvas.set_attribute("style", &format!("width:{css_w}px;height:{css_h}px"));
}

/// The performance measure of one playhead redraw (the redraw benchmark reads it).
pub const REDRAW_MEASURE: &str = "podplay:playhead";
const REDRAW_START: &str = "podplay:playhead:start";

fn performance() -> Option<web_sys::Performance> {
    web_sys::window()?.performance()
}

/// The playhead is about to move: starts the redraw measure.
pub fn redraw_start() {
    if let Some(p) = performance() {
        let _ = p.mark(REDRAW_START);
    }
}

/// Every view has been drawn for the new playhead time: records the measure `podplay:playhead`
/// since the last [`redraw_start`] (only the latest is kept in the timeline; the benchmark
/// observes them as they come).
pub fn redraw_end() {
    let Some(p) = performance() else { return };
    if p.get_entries_by_name(REDRAW_START).length() == 0 {
        return;
    }
    p.clear_measures_with_measure_name(REDRAW_MEASURE);
    let _ = p.measure_with_start_mark(REDRAW_MEASURE, REDRAW_START);
    p.clear_marks_with_mark_name(REDRAW_START);
}
