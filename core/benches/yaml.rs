//! How long the YAML reader takes on each seed manifest and on a 200-line manifest (it runs on
//! every keystroke in the browser).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failing test
use criterion::{criterion_group, criterion_main, Criterion};
use podplay_core::yaml::parse_stream;
use std::hint::black_box;

fn seeds() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("seeds")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .map(|p| {
            let name = p
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read_to_string(&p).expect("seed text"))
        })
        .collect();
    out.sort();
    out
}

/// A realistic 200-line Pod: containers with env, ports, probes, mounts, a script.
fn manifest_200_lines() -> String {
    let mut s = String::from(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\n    tier: frontend\nspec:\n  containers:\n",
    );
    let mut i = 0;
    while s.lines().count() < 190 {
        s.push_str(&format!(
            "  - name: c{i}\n    image: \"nginx:1.{i}\"\n    ports:\n    - containerPort: {}\n      protocol: TCP\n    env:\n    - name: MODE\n      value: 'production'\n    - name: PORT\n      value: \"80\"\n    resources:\n      limits: {{cpu: 500m, memory: 128Mi}}\n    livenessProbe:\n      httpGet:\n        path: /healthz\n        port: 8080\n      initialDelaySeconds: 3\n    command: [\"sh\", \"-c\", \"echo hello; sleep 3600\"]  # keep running\n",
            8080 + i
        ));
        i += 1;
    }
    s.push_str("  volumes:\n  - name: data\n    emptyDir: {}\n  restartPolicy: Always\n");
    s
}

fn bench(c: &mut Criterion) {
    for (name, src) in seeds() {
        c.bench_function(&format!("parse_stream/{name}"), |b| {
            b.iter(|| parse_stream(black_box(&src)))
        });
    }
    let big = manifest_200_lines();
    assert!(big.lines().count() >= 195);
    assert!(parse_stream(&big).iter().all(|d| d.errors.is_empty()));
    c.bench_function("parse_stream/manifest-200-lines", |b| {
        b.iter(|| parse_stream(black_box(&big)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
