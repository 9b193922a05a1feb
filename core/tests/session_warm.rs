//! Playing a session's history ahead in slices (issue 14 item 6, issue 15 item 4): after a page
//! reload the session is replayed from its commands, and the pods' history up to now is played
//! between frames (`Session::warm_step`) instead of in one long task by the first command. These
//! tests prove the slices change nothing: the engine paused between any two events gives the run
//! `simulate` gives, and a warmed session answers every later command, byte for byte, as the one
//! that played in one go, whatever the slice size and whichever command comes first.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failing test

mod common;
mod sim_support;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use podplay_core::session::{split_commands, Session};
use podplay_core::sim::{simulate, Options, SimTime, Slices};

#[test]
fn an_engine_played_in_slices_gives_the_run_simulate_gives() {
    let (mut played, mut steps) = (0, 0);
    for (name, input, _) in common::FIXTURES.iter().filter(|(n, _, _)| n.starts_with("sim/")) {
        let Some(world) = sim_support::try_world(input) else {
            continue;
        };
        let opts = Options {
            until: SimTime::from_secs(120),
            ..Options::default()
        };
        let whole = format!("{:?}", simulate(&world, &opts));
        for budget in [1, 3, 250] {
            let mut play = Slices::new(world.clone(), opts.clone());
            let mut slices = 1;
            let run = loop {
                if let Some(run) = play.step(budget) {
                    break run;
                }
                slices += 1;
            };
            assert_eq!(format!("{run:?}"), whole, "{name} in slices of {budget}");
            assert!(play.step(budget).is_none(), "an ended play gives its run once");
            if budget == 1 {
                steps += slices;
            }
        }
        played += 1;
    }
    assert!(played >= 20, "only {played} fixtures played");
    assert!(steps > 20 * played, "{steps} steps in {played} plays: the plays were cut in many places");
}

/// A cluster with history worth warming: nginx pods with probes, a Service over them, a client
/// polling the Service every 5 s (traffic between pods: answers, deliveries, several rounds), a
/// pod that crash-loops, a secret, an exec that writes, and an hour passed.
const SCRIPT: &str = r#"
kubectl run web-0 --image=nginx --labels=app=web
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: web-1
  labels:
    app: web
spec:
  containers:
  - name: nginx
    image: nginx
    livenessProbe:
      httpGet:
        path: /
        port: 80
    readinessProbe:
      httpGet:
        path: /
        port: 80
EOF
kubectl apply -f - <<EOF
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
EOF
kubectl create secret generic token --from-literal=t=abc
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: poller
spec:
  containers:
  - name: c
    image: busybox
    command: ["sh", "-c", "while true; do wget -qO- http://web >/dev/null; sleep 5; done"]
    env:
    - name: T
      valueFrom:
        secretKeyRef:
          name: token
          key: t
EOF
kubectl run crash --image=busybox -- sh -c 'echo up; sleep 30; exit 3'
sleep 20
kubectl exec web-1 -- sh -c 'echo changed > /usr/share/nginx/html/index.html'
sleep 1500
"#;

/// What later commands print and what the views see, after `session` was (or was not) warmed.
fn answers(mut s: Session, first: &str, whole_runs: bool) -> Vec<String> {
    let now = s.now();
    let mut out = Vec::new();
    for cmd in [first, "kubectl get pods -o wide", "kubectl describe pod web-1", "kubectl logs web-0 --tail 4",
        "kubectl logs crash --previous", "kubectl exec poller -- wget -qO- http://web", "kubectl get pods"]
    {
        let step = s.run(cmd, now);
        out.push(format!("$ {cmd} [{}]\n{}", step.exit, step.output));
    }
    for p in s.pods(s.now()) {
        let (run, world, created) = s.pod_play(&p.name, s.now()).unwrap();
        let local = SimTime(s.now().0 - created.0);
        // what the views show at now (how far past now a pod was played ahead depends on
        // which command asked first; so does the whole run past now)
        let events: Vec<_> = run.events().iter().filter(|e| e.t <= local).collect();
        out.push(format!("{} {created:?}\n{:?}\n{events:?}\n{world:?}", p.name, run.state_at(local)));
        if whole_runs {
            out.push(format!("{run:?}"));
        }
    }
    out
}

/// Where two texts first differ, with some text around it.
fn difference(a: &str, b: &str) -> String {
    let at = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let around = |s: &str| s.get(at.saturating_sub(200)..(at + 200).min(s.len())).unwrap_or("").to_string();
    format!("at byte {at} of {}:\n--- warmed\n{}\n--- in one go\n{}", a.lines().next().unwrap_or(""), around(a), around(b))
}

fn replayed() -> Session {
    let mut s = Session::new(&[]);
    for cmd in split_commands(SCRIPT) {
        let at = s.now();
        s.run(&cmd, at);
    }
    s
}

#[test]
fn a_session_warmed_in_slices_answers_as_the_one_played_in_one_go() {
    for first in ["kubectl get pods", "kubectl describe pod poller", "echo hi"] {
        // the warm plays what `kubectl get pods` would: after it, even the runs past now are the same
        let runs = first == "kubectl get pods";
        let whole = answers(replayed(), first, runs);
        assert!(whole.iter().any(|a| a.contains("Welcome") || a.contains("changed")), "the exec's wget got a page");
        for budget in [1, 40, 5_000] {
            let mut s = replayed();
            let mut slices = 0;
            while !s.warm_step(budget) {
                slices += 1;
                assert!(slices < 10_000_000, "warming ends");
            }
            assert!(s.warm_step(budget), "once warm, nothing is left");
            if budget == 40 {
                // the pods' own histories, in many slices (the plays that serve the poller's
                // connections are done within the slice that ends its round)
                assert!(slices > 15, "{slices} slices of 40 steps");
            }
            let warmed = answers(s, first, runs);
            assert_eq!(warmed.len(), whole.len());
            for (a, b) in warmed.iter().zip(&whole) {
                assert!(a == b, "first {first:?}, slices of {budget}: {}", difference(a, b));
            }
        }
    }
}

#[test]
fn a_command_between_two_slices_drops_the_warming_and_gives_the_same_session() {
    let whole = answers(replayed(), "kubectl get pods", true);
    let mut s = replayed();
    for _ in 0..300 {
        s.warm_step(50);
    }
    // cut short: the command plays the rest in one go
    assert_eq!(answers(s, "kubectl get pods", true), whole);
}

#[test]
fn a_warm_session_has_nothing_to_play_and_a_long_sleep_warms_again() {
    let mut s = Session::new(&[]);
    assert!(s.warm_step(10) && s.is_warm(), "an empty cluster is warm");
    s.run("kubectl run web --image=nginx", SimTime::ZERO);
    s.run("kubectl get pods", SimTime::ZERO);
    assert!(s.warm_step(10), "the pod was played to now by get");
    s.run("sleep 1800", SimTime::ZERO);
    assert!(!s.is_warm());
    assert!(!s.warm_step(10), "half an hour later the pod's run does not reach now");
    assert!(!s.is_warm(), "a slice is under way");
    while !s.warm_step(1_000) {}
    assert!(s.is_warm());
    let (run, _, _) = s.pod_play("web", s.now()).unwrap();
    assert!(run.end() >= SimTime::from_secs(1800));
}
