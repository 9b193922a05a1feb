//! The simulation's speed budgets (issue #4): one hour of a pod with 10 containers probed every
//! second ≤ 5 ms natively; a state lookup at any time ≤ 10 µs.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failing test

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

#[path = "../tests/sim_support/mod.rs"]
mod sim_support;

use podplay_core::os::*;
use podplay_core::sim::{
    simulate_with, DefaultRuntime, ImageInfo, Launch, Options, Runtime, SimTime,
};

/// Ten containers, each a small web server on its own port (`PORT`), each with an httpGet
/// liveness probe and a tcpSocket readiness probe every second: 72 000 probe runs in the hour.
fn ten_containers() -> String {
    let mut s =
        String::from("apiVersion: v1\nkind: Pod\nmetadata:\n  name: busy\nspec:\n  containers:\n");
    for i in 0..10 {
        let port = 8000 + i;
        s.push_str(&format!("  - name: web{i}\n    image: bench/server:1\n    env:\n    - name: PORT\n      value: \"{port}\"\n"));
        s.push_str(&format!("    livenessProbe:\n      httpGet:\n        path: /healthz\n        port: {port}\n      periodSeconds: 1\n"));
        s.push_str(&format!(
            "    readinessProbe:\n      tcpSocket:\n        port: {port}\n      periodSeconds: 1\n"
        ));
    }
    s
}

/// The bench's program library: `bench/server` listens on `$PORT` and answers 200.
struct BenchRuntime;

struct Server {
    started: bool,
}

impl Program for Server {
    fn poll(&mut self, sys: &mut dyn Sys) -> Poll {
        if !self.started {
            self.started = true;
            let port = sys.env("PORT").and_then(|p| p.parse().ok()).unwrap_or(80);
            sys.set_memory(4 << 20);
            if sys.listen(port, Proto::Tcp).is_err() {
                return Poll::Exit(1);
            }
        }
        Poll::Idle
    }

    fn serve(&mut self, _req: &HttpRequest, _sys: &mut dyn Sys) -> HttpResponse {
        HttpResponse::new(200, "")
    }

    fn processes(&self) -> Vec<ProcInfo> {
        vec![ProcInfo {
            command: "/server".into(),
            user: "root".into(),
        }]
    }
}

impl Runtime for BenchRuntime {
    fn image(&self, image: &str) -> ImageInfo {
        let mut i = DefaultRuntime.image(image);
        i.known = true;
        i.size_bytes = 10_000_000;
        i
    }
    fn entrypoint(&self, _launch: &Launch) -> Box<dyn Program> {
        Box::new(Server { started: false })
    }
    fn exec(&self, image: &str, argv: &[String]) -> Box<dyn Program> {
        DefaultRuntime.exec(image, argv)
    }
}

fn bench(c: &mut Criterion) {
    let w = sim_support::world(&ten_containers());
    let opts = Options {
        until: SimTime::from_secs(3600),
        ..Options::default()
    };
    let run = simulate_with(&w, &opts, &BenchRuntime);
    let end = run.state_at(run.end());
    assert_eq!(
        end.ready, "10/10",
        "every container is ready for the whole hour"
    );
    let ticks: usize = (0..10)
        .map(|i| {
            run.timeline(i)
                .map_or(0, |t| t.probes.iter().map(|p| p.len()).sum())
        })
        .sum();
    assert!(ticks > 70_000, "{ticks} probe runs");

    // CPU time per run, read from /proc (criterion's wall-clock figures include the time the
    // process waits for a core on a shared machine).
    if let Some(before) = cpu_ms() {
        let n = 40;
        for _ in 0..n {
            black_box(simulate_with(&w, &opts, &BenchRuntime));
        }
        if let Some(after) = cpu_ms() {
            eprintln!(
                "CPU time per simulated hour: {:.2} ms ({n} runs)",
                (after - before) / n as f64
            );
        }
    }
    c.bench_function(
        "simulate 1 h, 10 containers, 2 probes each every 1 s",
        |b| b.iter(|| simulate_with(black_box(&w), black_box(&opts), &BenchRuntime)),
    );
    let mut t = 0u64;
    c.bench_function("state_at(t) on that run", |b| {
        b.iter(|| {
            // A deterministic walk over the hour.
            t = (t + 7_919_993) % 3_600_000;
            black_box(run.state_at(SimTime(t)).ready.len())
        })
    });
}

/// The same pod played with the real program library: unknown images run until stopped and
/// answer on their declared ports (`programs`), so the probes go through the real HTTP path.
fn ten_declared_ports() -> String {
    ten_containers()
        .replace(
            "    env:\n    - name: PORT\n      value: \"",
            "    ports:\n    - containerPort: ",
        )
        .replace("\"\n    livenessProbe", "\n    livenessProbe")
}

fn bench_real_programs(c: &mut Criterion) {
    let w = sim_support::world(&ten_declared_ports());
    let opts = Options {
        until: SimTime::from_secs(3600),
        ..Options::default()
    };
    let run = simulate_with(&w, &opts, &DefaultRuntime);
    assert_eq!(
        run.state_at(run.end()).ready,
        "10/10",
        "every container is ready for the whole hour"
    );
    c.bench_function(
        "simulate 1 h, 10 containers, 2 probes each every 1 s (real programs)",
        |b| b.iter(|| simulate_with(black_box(&w), black_box(&opts), &DefaultRuntime)),
    );
}

/// User + system CPU time of this process in ms (Linux `/proc/self/stat`, 100 ticks per second).
fn cpu_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) * 10.0)
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).warm_up_time(std::time::Duration::from_secs(1)).measurement_time(std::time::Duration::from_secs(4));
    targets = bench, bench_real_programs
}
criterion_main!(benches);
