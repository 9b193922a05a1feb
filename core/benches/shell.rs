//! The cost of a busy loop (issue 16's finding): a script that never sleeps is interpreted for
//! its whole budget (`STEPS_PER_POLL` steps a slice, `MAX_BUSY_POLLS` slices in a container),
//! so the interpreter's cost per step decides how long the spinner fixture, an endless
//! `kubectl exec` and the fuzzers' busy inputs take.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failing test

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

#[path = "../tests/sim_support/mod.rs"]
mod sim_support;
#[path = "../tests/testsys/mod.rs"]
mod testsys;

use podplay_core::session::{transcript, Session};
use podplay_core::shell::{Config, Shell, STEPS_PER_POLL};
use podplay_core::sim::{simulate, Options, SimTime};

/// `sh -c script` on the tests' in-memory system for 200 simulated ms (ten busy slices).
fn ten_slices(script: &str) -> testsys::End {
    let mut sys = testsys::MemSys::new();
    let mut p = Shell::script(Config::default(), script, "sh", &[]);
    testsys::run(&mut p, &mut sys, 200)
}

const SPINNER: &str = include_str!("../tests/fixtures/sim/busy-loop.yaml");
const ENDLESS_EXEC: &str = include_str!("../tests/fixtures/session/endless-exec.session");
const WRITE_EXECS: &str =
    include_str!("../tests/fuzz_regressions/session/busy-write-execs.session");

fn bench(c: &mut Criterion) {
    let steps = 10 * STEPS_PER_POLL;
    for (name, script) in [
        ("while true; do :; done", "while true; do :; done"),
        ("i=$((i+1)) counter", "i=0; while true; do i=$((i+1)); done"),
        (
            "[ test ] and echo to /dev/null",
            "while [ 1 -eq 1 ]; do echo x >/dev/null; done",
        ),
        (
            "a missing command (2>/dev/null)",
            "while true; do 3leep 1 2>/dev/null; done",
        ),
    ] {
        c.bench_function(
            &format!("shell: {name}, 10 busy slices ({steps} steps)"),
            |b| b.iter(|| ten_slices(black_box(script))),
        );
    }
    let w = sim_support::world(SPINNER);
    let opts = Options {
        until: SimTime::from_secs(30),
        ..Options::default()
    };
    c.bench_function("simulate: spinner fixture (busy loop, 30 s)", |b| {
        b.iter(|| simulate(black_box(&w), black_box(&opts)))
    });
    c.bench_function("session: endless-exec fixture", |b| {
        b.iter(|| transcript(Session::from_script(black_box(ENDLESS_EXEC), &[]).steps()))
    });
    c.bench_function("session: three busy execs that write a file, then wc", |b| {
        b.iter(|| transcript(Session::from_script(black_box(WRITE_EXECS), &[]).steps()))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).warm_up_time(std::time::Duration::from_secs(1)).measurement_time(std::time::Duration::from_secs(4));
    targets = bench
}
criterion_main!(benches);
