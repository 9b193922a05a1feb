#![cfg(not(target_arch = "wasm32"))]
//! Share links on real encoder output: every fixture and example, compressed by miniz_oxide at
//! every level (what any deflate-raw encoder may produce), opens back to exactly its text; a
//! decompression bomb stops at the limit; and on arbitrary bytes core's inflater never accepts
//! what the reference inflater reads differently.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failing test

mod common;

use miniz_oxide::deflate::compress_to_vec;
use miniz_oxide::inflate::decompress_to_vec_with_limit;
use podplay_core::share::{base64url_encode, inflate, open_payload, Refusal, MAX_TEXT_BYTES};
use proptest::prelude::*;

#[test]
fn every_fixture_at_every_level_opens_back() {
    let texts = common::FIXTURES
        .iter()
        .map(|(_, i, _)| *i)
        .chain(podplay_core::examples::ALL.iter().map(|e| e.source));
    let mut n = 0;
    for text in texts.filter(|t| !t.contains('\0')) {
        for level in [0, 1, 6, 10] {
            let link = base64url_encode(&compress_to_vec(text.as_bytes(), level));
            assert_eq!(open_payload(&link).as_deref(), Ok(text), "level {level}");
            n += 1;
        }
    }
    assert!(n > 400, "{n}");
}

#[test]
fn a_decompression_bomb_stops_at_the_limit() {
    let bomb = compress_to_vec(&vec![b'a'; MAX_TEXT_BYTES + 1], 1);
    assert!(bomb.len() < 40_000, "{}", bomb.len());
    assert_eq!(
        open_payload(&base64url_encode(&bomb)),
        Err(Refusal::TooLarge)
    );
    let fits = compress_to_vec(&vec![b'a'; MAX_TEXT_BYTES], 1);
    assert_eq!(
        open_payload(&base64url_encode(&fits)).map(|t| t.len()),
        Ok(MAX_TEXT_BYTES)
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn arbitrary_bytes_are_read_as_the_reference_reads_them(data in prop::collection::vec(any::<u8>(), 0..64)) {
        if let Ok(out) = inflate(&data, 1 << 16) {
            prop_assert_eq!(decompress_to_vec_with_limit(&data, 1 << 16).ok(), Some(out));
        }
    }

    #[test]
    fn any_bytes_round_trip(data in prop::collection::vec(any::<u8>(), 0..2000), level in 0u8..=10) {
        let packed = compress_to_vec(&data, level);
        prop_assert_eq!(inflate(&packed, 1 << 16), Ok(data));
    }
}
