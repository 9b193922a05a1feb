//! The whole check (`analyze`) per keystroke, in headless Chromium (issue #3: ≤ 2 ms for a
//! 200-line manifest). Run with `scripts/bench-browser` (criterion's port in wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use std::hint::black_box;
use std::time::Duration;

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const POD_200: &str = include_str!("../../core/benches/data/pod-200-lines.yaml");
const HELLO: &str = include_str!("../../core/tests/fixtures/seeds/hello-pod.yaml");
const GIT_SYNC: &str = include_str!("../../core/tests/fixtures/seeds/git-sync.yaml");

// One function per bench, each kept short (the runner's WebDriver calls time out after 20 s while
// a synchronous benchmark holds the page), with fewer bootstrap resamples than criterion's
// default 100 000, which alone take seconds in wasm.
fn short() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .sample_size(50)
        .nresamples(2_000)
}

#[wasm_bindgen_bench]
fn analyze_pod_200_lines(_: &mut Criterion) {
    short().bench_function("analyze pod-200-lines", |b| {
        b.iter(|| podplay_core::analyze::analyze(black_box(POD_200)))
    });
}

#[wasm_bindgen_bench]
fn analyze_hello_pod(_: &mut Criterion) {
    short().bench_function("analyze hello-pod", |b| {
        b.iter(|| podplay_core::analyze::analyze(black_box(HELLO)))
    });
}

#[wasm_bindgen_bench]
fn analyze_git_sync(_: &mut Criterion) {
    short().bench_function("analyze git-sync", |b| {
        b.iter(|| podplay_core::analyze::analyze(black_box(GIT_SYNC)))
    });
}
