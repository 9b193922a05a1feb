//! The whole check of a text (`analyze`: parse, decode, default, validate) on every seed manifest
//! and on a realistic 200-line Pod. Targets (issue #3): each seed ≤ 50 µs natively; the 200-line
//! manifest well inside the 2 ms per-keystroke budget of the browser (measured there by
//! `tests/benches/browser.rs`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failing test
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

const SEEDS: &[(&str, &str)] = &[
    (
        "hello-pod",
        include_str!("../tests/fixtures/seeds/hello-pod.yaml"),
    ),
    (
        "initpod",
        include_str!("../tests/fixtures/seeds/initpod.yaml"),
    ),
    (
        "k8sbook-service",
        include_str!("../tests/fixtures/seeds/k8sbook-service.yaml"),
    ),
    (
        "git-sync",
        include_str!("../tests/fixtures/seeds/git-sync.yaml"),
    ),
    ("myweb", include_str!("../tests/fixtures/seeds/myweb.yaml")),
    (
        "myweb-joined",
        include_str!("../tests/fixtures/seeds/myweb-joined.yaml"),
    ),
    (
        "myweb-env-fragment",
        include_str!("../tests/fixtures/seeds/myweb-env-fragment.yaml"),
    ),
    (
        "mysql-resources-fragment",
        include_str!("../tests/fixtures/seeds/mysql-resources-fragment.yaml"),
    ),
    (
        "javaweb-2-hostpost",
        include_str!("../tests/fixtures/seeds/javaweb-2-hostpost.yaml"),
    ),
    (
        "nodeselector-fragment",
        include_str!("../tests/fixtures/seeds/nodeselector-fragment.yaml"),
    ),
    (
        "hostaliases-fragment",
        include_str!("../tests/fixtures/seeds/hostaliases-fragment.yaml"),
    ),
    (
        "lifecycle-fragment",
        include_str!("../tests/fixtures/seeds/lifecycle-fragment.yaml"),
    ),
    (
        "projected-volume",
        include_str!("../tests/fixtures/seeds/projected-volume.yaml"),
    ),
    (
        "downwardapi-volume",
        include_str!("../tests/fixtures/seeds/downwardapi-volume.yaml"),
    ),
    (
        "liveness-exec",
        include_str!("../tests/fixtures/seeds/liveness-exec.yaml"),
    ),
    (
        "liveness-http",
        include_str!("../tests/fixtures/seeds/liveness-http.yaml"),
    ),
    (
        "example-pod",
        include_str!("../tests/fixtures/seeds/example-pod.yaml"),
    ),
    (
        "javaweb-2-indent",
        include_str!("../tests/fixtures/seeds/javaweb-2-indent.yaml"),
    ),
    (
        "nginx-shareprocessnamespace",
        include_str!("../tests/fixtures/seeds/nginx-shareprocessnamespace.yaml"),
    ),
];

const POD_200: &str = include_str!("data/pod-200-lines.yaml");

fn analyze(c: &mut Criterion) {
    let mut g = c.benchmark_group("analyze");
    for (name, src) in SEEDS {
        g.bench_function(*name, |b| {
            b.iter(|| podplay_core::analyze::analyze(black_box(src)))
        });
    }
    g.bench_function("pod-200-lines", |b| {
        b.iter(|| podplay_core::analyze::analyze(black_box(POD_200)))
    });
    g.finish();
}

criterion_group!(benches, analyze, stages);
criterion_main!(benches);

/// Each stage alone, to see where the time goes.
fn stages(c: &mut Criterion) {
    use podplay_core::{decode, defaults, validate, yaml};
    for (name, src) in [("hello-pod", SEEDS[0].1), ("pod-200-lines", POD_200)] {
        let mut g = c.benchmark_group(format!("stages/{name}"));
        let root = yaml::parse_stream(src).remove(0).root.expect("a document");
        let object = decode::decode(&root).object.expect("decoded");
        let defaulted = defaults::default_object(&object);
        g.bench_function("parse", |b| b.iter(|| yaml::parse_stream(black_box(src))));
        g.bench_function("decode", |b| b.iter(|| decode::decode(black_box(&root))));
        g.bench_function("default", |b| {
            b.iter(|| defaults::default_object(black_box(&object)))
        });
        g.bench_function("validate", |b| {
            b.iter(|| validate::validate_pod(black_box(&defaulted)))
        });
        g.finish();
    }
}
