//! One fixture per session of issue 14 (and per kubectl command family):
//! `tests/fixtures/session/<name>.session` is typed at the prompt command by command and the
//! transcript (`$ command`, then what it printed) is compared byte for byte with `<name>.out`.
//! `BLESS=1` rewrites the expected transcripts.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failing test

mod common;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use podplay_core::session::{transcript, Session};

fn render(_name: &str, src: &str) -> String {
    transcript(Session::from_script(src, &[]).steps())
}

#[test]
fn session_fixtures() {
    common::check_area("session", render);
}
