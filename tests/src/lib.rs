//! Browser tests live in `tests/*.rs` of this crate and run with `wasm-bindgen-test` in headless Chromium (see the README).
