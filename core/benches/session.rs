//! The cluster session's speed (issue 14, item 6): a cluster of 10 pods with an hour of
//! history; a read-only command (`kubectl get pods`, `describe`, `logs`) must answer within one
//! frame, a command that changes the world (`exec`, `create secret`, `delete`) within 50 ms.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failing test

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use std::hint::black_box;

use podplay_core::os::SimTime;
use podplay_core::session::Session;

const HOUR: SimTime = SimTime::from_secs(3600);

/// Ten nginx pods, each with an httpGet liveness and readiness probe every 10 s, created at 0 s,
/// and an hour passed (not yet played: what a page has after replaying a session's record).
fn cold() -> Session {
    let mut s = Session::new(&[]);
    for i in 0..10 {
        let pod = format!(
            "kubectl apply -f - <<EOF\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web-{i}\n  labels:\n    app: web\nspec:\n  containers:\n  - name: nginx\n    image: nginx\n    livenessProbe:\n      httpGet:\n        path: /\n        port: 80\n    readinessProbe:\n      httpGet:\n        path: /\n        port: 80\nEOF"
        );
        s.run(&pod, SimTime::ZERO);
    }
    s.run("sleep 3600", SimTime::ZERO);
    s
}

/// The cluster with the pods played once up to the hour (what the first command after the sleep
/// pays).
fn cluster() -> Session {
    let mut s = cold();
    s.run("kubectl get pods", HOUR);
    s
}

/// Engine steps per slice of `Session::warm_step` in the bench (the app's slices are bounded by
/// time and call it with this many steps at a time: app/src/components/terminal/record.rs).
const WARM_STEPS: u64 = 16;

fn args(line: &str) -> Vec<String> {
    line.split_whitespace().map(str::to_string).collect()
}

fn bench(c: &mut Criterion) {
    // the first command after a reload: the 10 pods' hour in one go, or ahead in slices
    c.bench_function("session: first kubectl get pods after a replay (plays the 10 pods' hour in one go)", |b| {
        b.iter_batched(cold, |mut s| s.run(black_box("kubectl get pods"), HOUR), BatchSize::PerIteration)
    });
    c.bench_function("session: the 10 pods' hour played ahead in slices of 16 steps (all slices)", |b| {
        b.iter_batched(
            cold,
            |mut s| {
                while !s.warm_step(black_box(WARM_STEPS)) {}
                s
            },
            BatchSize::PerIteration,
        )
    });
    // one slice: the mean over the slices of whole warm-ups (a new cold cluster when one is warm),
    // and the longest seen, printed
    let mut times: Vec<std::time::Duration> = Vec::new();
    c.bench_function("session: one warm_step slice of 16 steps (mean over the 10 pods' hour)", |b| {
        b.iter_custom(|iters| {
            let mut s = cold();
            let mut total = std::time::Duration::ZERO;
            for _ in 0..iters {
                let start = std::time::Instant::now();
                let done = s.warm_step(black_box(WARM_STEPS));
                let took = start.elapsed();
                total += took;
                times.push(took);
                if done {
                    s = cold();
                }
            }
            total
        })
    });
    times.sort();
    let at = |q: f64| times.get(((times.len() as f64 - 1.0) * q) as usize).copied().unwrap_or_default();
    println!(
        "warm_step({WARM_STEPS}) over {} slices: median {:?}, p99 {:?}, p99.9 {:?}, longest {:?}",
        times.len(),
        at(0.5),
        at(0.99),
        at(0.999),
        at(1.0)
    );
    let s = cluster();
    let get = args("get pods");
    c.bench_function("session: kubectl get pods, 10 pods at 1 h", |b| {
        b.iter(|| s.query(black_box(&get), HOUR))
    });
    let describe = args("describe pod web-7");
    c.bench_function("session: kubectl describe pod at 1 h", |b| {
        b.iter(|| s.query(black_box(&describe), HOUR))
    });
    let logs = args("logs web-7 --tail 5");
    c.bench_function("session: kubectl logs at 1 h", |b| {
        b.iter(|| s.query(black_box(&logs), HOUR))
    });
    c.bench_function("session: kubectl exec (replays that pod's hour)", |b| {
        b.iter_batched(
            cluster,
            |mut s| s.run(black_box("kubectl exec web-3 -- ls /usr/share/nginx/html"), HOUR),
            BatchSize::PerIteration,
        )
    });
    // traffic: the asking pod is played twice (before and after the answer) and the pod that
    // serves it once more with the request in its input
    let (wide, _) = s.query(&args("get pod web-4 -o wide"), HOUR);
    let ip = wide.lines().nth(1).and_then(|l| l.split_whitespace().nth(5)).unwrap().to_string();
    let wget = format!("kubectl exec web-3 -- curl -s http://{ip}");
    c.bench_function("session: kubectl exec curl to another pod (replays both pods' hour)", |b| {
        b.iter_batched(cluster, |mut s| s.run(black_box(&wget), HOUR), BatchSize::PerIteration)
    });
    c.bench_function(
        "session: kubectl create secret that no pod reads, then get pods",
        |b| {
            b.iter_batched(
                cluster,
                |mut s| {
                    s.run(black_box("kubectl create secret generic s --from-literal=a=b"), HOUR);
                    s.run("kubectl get pods", HOUR)
                },
                BatchSize::PerIteration,
            )
        },
    );
    c.bench_function("session: kubectl delete pod (plays the grace period)", |b| {
        b.iter_batched(
            cluster,
            |mut s| s.run(black_box("kubectl delete pod web-5"), HOUR),
            BatchSize::PerIteration,
        )
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).warm_up_time(std::time::Duration::from_secs(1)).measurement_time(std::time::Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
