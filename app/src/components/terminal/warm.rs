//! Playing the session's history in slices between frames (issue 14 item 6, issue 15 item 4):
//! after a reload the session is replayed from its record, and the first command after it would
//! play every pod's history in one task (95–200 ms at 10 pods and an hour), as would a recorded
//! command late in the record. Here the record's commands are run one per slice, and the
//! history each would play (and, at the end, the history up to now) is played ahead in slices
//! of at most [`SLICE_MS`], one per turn of the event loop ([`Cluster::step`], with core's
//! `Session::warm_step`: byte for byte the same session as played in one go). A command typed
//! before it ends waits for the rest, in slices.

use std::cell::RefCell;
use std::rc::Rc;

use super::record::Cluster;

/// Engine steps per call of `warm_step`: small enough that a call stays far under a
/// millisecond or two (the bench `session: one warm_step slice`), so a slice overshoots
/// [`SLICE_MS`] by little.
pub const STEPS: u64 = 16;
/// How long one slice may play before the page gets the thread back (a frame is 16.7 ms).
pub const SLICE_MS: f64 = 6.0;
/// The performance measure of each slice (the terminal's browser bench reads them).
pub const MEASURE: &str = "podplay:warm";

fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Plays one slice; true when nothing is left to play (the record replayed, the pods played to
/// now).
pub fn slice(cell: &RefCell<Cluster>) -> bool {
    crate::browser::timed(MEASURE, || {
        let start = now_ms();
        loop {
            if cell.borrow_mut().step(STEPS) {
                return true;
            }
            if now_ms() - start >= SLICE_MS {
                return false;
            }
        }
    })
}

/// Plays slices, one per turn of the event loop (frames, typing and scrubbing go between them),
/// until the session is ready ([`Cluster::is_ready`]). Several callers may wait at once: they share the slices' work.
pub async fn until_warm(cell: Rc<RefCell<Cluster>>) {
    if cell.borrow().is_ready() {
        return;
    }
    while !slice(&cell) {
        next_turn().await;
    }
}

/// Resolves on a later turn of the event loop (a zero-delay timer).
async fn next_turn() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
