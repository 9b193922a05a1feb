//! The `session` target: see `session` in core/tests/fuzz_support/mod.rs.
#![no_main]

#[path = "../../core/tests/fuzz_support/mod.rs"]
mod fuzz_support;

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_support::session(data));
