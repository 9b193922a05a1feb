//! The numbers of `pod-semantics.md`, one by one, through whole runs.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failing test

mod sim_support;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use podplay_core::model::QosClass;
use podplay_core::sim::{simulate, CState, Options, Run, SimTime};
use sim_support::world;

fn pod(spec: &str) -> String {
    format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n{spec}")
}

fn run(spec: &str, opts: Options) -> Run {
    simulate(&world(&pod(spec)), &opts)
}

fn until(s: u64) -> Options {
    Options {
        until: SimTime::from_secs(s),
        ..Options::default()
    }
}

/// Whole seconds between each exit of container 0 and the creation of its next run.
fn restart_delays(r: &Run) -> Vec<u64> {
    let tl = r.timeline(0).unwrap();
    let exits: Vec<SimTime> = tl
        .states
        .iter()
        .filter_map(|(_, s)| match s {
            CState::Terminated(term) => Some(term.finished_at),
            _ => None,
        })
        .collect();
    let created: Vec<SimTime> = r
        .events()
        .iter()
        .filter(|e| e.reason == "Created")
        .map(|e| e.t)
        .collect();
    exits
        .iter()
        .zip(created.iter().skip(1))
        .map(|(e, c)| (c.0 - e.0) / 1000)
        .collect()
}

#[test]
fn crash_loop_back_off_doubles_from_10s_to_300s() {
    let r = run(
        "  containers:\n  - name: c\n    image: busybox:1.36\n    command: [\"sh\", \"-c\", \"exit 1\"]\n",
        until(2000),
    );
    // First restart at once (the next PLEG relist, < 1 s), then 10, 20, 40, 80, 160, 300, 300 s.
    assert_eq!(
        restart_delays(&r),
        vec![0, 10, 20, 40, 80, 160, 300, 300, 300, 300, 300]
    );
    let waiting = r
        .timeline(0)
        .unwrap()
        .states
        .iter()
        .find_map(|(_, s)| match s {
            CState::Waiting {
                reason: "CrashLoopBackOff",
                message,
            } => Some(message.clone()),
            _ => None,
        })
        .unwrap();
    assert!(
        waiting.starts_with("back-off 10s restarting failed container=c pod=p_default("),
        "{waiting}"
    );
}

#[test]
fn back_off_resets_after_10_minutes_of_running() {
    let r = run(
        "  containers:\n  - name: c\n    image: busybox:1.36\n    command: [\"sh\", \"-c\", \"sleep 601; exit 1\"]\n",
        until(2000),
    );
    // Each run lasted more than 10 minutes: every restart is immediate (next PLEG relist).
    assert_eq!(restart_delays(&r), vec![0, 0, 0]);
    let r = run(
        "  containers:\n  - name: c\n    image: busybox:1.36\n    command: [\"sh\", \"-c\", \"sleep 30; exit 1\"]\n",
        until(400),
    );
    assert_eq!(restart_delays(&r)[..4], [0, 10, 20, 40]);
}

#[test]
fn grace_period_default_30s_and_prestop_extension_2s() {
    let spec =
        "  containers:\n  - name: c\n    image: busybox:1.36\n    command: [\"sleep\", \"3600\"]\n";
    let r = run(
        spec,
        Options {
            delete_at: Some(SimTime::from_secs(10)),
            ..until(100)
        },
    );
    let term = |r: &Run| match r.state_at(r.end()).containers[0].state {
        Some(CState::Terminated(t)) => (t.finished_at, t.exit_code),
        _ => panic!("not terminated"),
    };
    // The kubelet sees the deletion 15 ms later; sleep as PID 1 ignores SIGTERM.
    assert_eq!(term(&r), (SimTime(40_015), 137));
    let spec = "  terminationGracePeriodSeconds: 5\n  containers:\n  - name: c\n    image: busybox:1.36\n    command: [\"sleep\", \"3600\"]\n    lifecycle:\n      preStop:\n        exec:\n          command: [\"sleep\", \"60\"]\n";
    let r = run(
        spec,
        Options {
            delete_at: Some(SimTime::from_secs(10)),
            ..until(100)
        },
    );
    assert_eq!(term(&r), (SimTime(17_015), 137));
    assert!(r.removed_at().is_some());
}

#[test]
fn oom_kill_is_exit_137() {
    let r = run(
        "  restartPolicy: Never\n  containers:\n  - name: c\n    image: polinux/stress\n    command: [\"stress\"]\n    args: [\"--vm\", \"1\", \"--vm-bytes\", \"250M\", \"--vm-hang\", \"1\"]\n    resources:\n      limits:\n        memory: 100Mi\n",
        until(30),
    );
    let end = r.state_at(r.end());
    match end.containers[0].state {
        Some(CState::Terminated(t)) => assert_eq!((t.reason, t.exit_code), ("OOMKilled", 137)),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        (end.phase.as_str(), end.status.as_str()),
        ("Failed", "OOMKilled")
    );
}

#[test]
fn qos_classes() {
    let c = |res: &str| {
        format!("  containers:\n  - name: c\n    image: busybox:1.36\n    command: [\"sleep\", \"60\"]\n{res}")
    };
    let q = |spec: String| run(&spec, until(1)).qos_class();
    assert_eq!(q(c("")), QosClass::BestEffort);
    assert_eq!(
        q(c("    resources:\n      requests:\n        cpu: 100m\n")),
        QosClass::Burstable
    );
    assert_eq!(
        q(c(
            "    resources:\n      limits:\n        cpu: 100m\n        memory: 64Mi\n"
        )),
        QosClass::Guaranteed
    );
}

#[test]
fn effective_init_request_is_the_max_of_init_containers() {
    // The app containers ask for little; one init container asks for more than any worker has
    // free: the scheduler uses max(init) against sum(app).
    let spec = "  initContainers:\n  - name: i\n    image: busybox:1.36\n    command: [\"true\"]\n    resources:\n      requests:\n        cpu: 3950m\n  containers:\n  - name: c\n    image: busybox:1.36\n    command: [\"sleep\", \"60\"]\n    resources:\n      requests:\n        cpu: 100m\n";
    let r = run(spec, until(10));
    let e = r
        .events()
        .iter()
        .find(|e| e.reason == "FailedScheduling")
        .unwrap();
    assert!(e.message.contains("3 Insufficient cpu"), "{}", e.message);
}

#[test]
fn probe_defaults_period_10s_failure_threshold_3() {
    let spec = "  containers:\n  - name: c\n    image: busybox:1.36\n    command: [\"sleep\", \"3600\"]\n    livenessProbe:\n      exec:\n        command: [\"cat\", \"/nope\"]\n";
    let r = run(spec, until(60));
    let times: Vec<u64> = r
        .events()
        .iter()
        .filter(|e| e.reason == "Unhealthy")
        .map(|e| e.t.0)
        .collect();
    // Ticks every 10 s from 0.06 s; the container runs from 1.12 s: the first probe runs at 10.06.
    assert_eq!(times[..3], [10_060, 20_060, 30_060]);
    let kill = r.events().iter().find(|e| e.reason == "Killing").unwrap();
    assert_eq!(kill.t.0, 30_060);
    let tl = r.timeline(0).unwrap();
    let third = tl.probes[1][2];
    assert_eq!(
        (third.consecutive, third.threshold, third.changed),
        (3, 3, true)
    );
}

#[test]
fn readiness_failure_never_restarts() {
    let spec = "  containers:\n  - name: c\n    image: busybox:1.36\n    command: [\"sleep\", \"3600\"]\n    readinessProbe:\n      exec:\n        command: [\"false\"]\n      periodSeconds: 1\n";
    let r = run(spec, until(60));
    let end = r.state_at(r.end());
    assert_eq!(
        (end.ready.as_str(), end.containers[0].restart_count),
        ("0/1", 0)
    );
    let ready = end
        .conditions
        .iter()
        .find(|c| c.type_name == "ContainersReady")
        .unwrap();
    assert_eq!(ready.message, "containers with unready status: [c]");
}

#[test]
fn state_lookups_are_consistent_with_the_event_list() {
    let r = run(
        "  containers:\n  - name: c\n    image: busybox:1.36\n    command: [\"sh\", \"-c\", \"exit 1\"]\n",
        until(100),
    );
    for e in r.events() {
        let s = r.state_at(e.t);
        assert!(s.events.last().is_some_and(|x| x.t == e.t));
    }
    assert!(!r.state_at(SimTime(10)).exists);
    assert!(r.state_at(SimTime(15)).exists);
}

#[test]
fn a_running_sidecar_keeps_the_pod_out_of_a_terminal_phase() {
    // getPhase counts a running sidecar as running; mergePodStatus delays a terminal phase while
    // containers may still run. The app finishes at ~7 s; the sidecar is stopped at the next
    // sync and killed after the 3 s grace period.
    let r = run(
        "  restartPolicy: Never\n  terminationGracePeriodSeconds: 3\n  initContainers:\n  - name: logger\n    image: busybox:1.36\n    restartPolicy: Always\n    command: [\"sh\", \"-c\", \"while true; do sleep 1; done\"]\n  containers:\n  - name: task\n    image: busybox:1.36\n    command: [\"sh\", \"-c\", \"sleep 5\"]\n",
        until(40),
    );
    assert_eq!(r.state_at(SimTime::from_secs(9)).phase.as_str(), "Running");
    assert_eq!(
        r.state_at(SimTime::from_secs(20)).phase.as_str(),
        "Succeeded"
    );
    let killing: Vec<_> = r
        .events()
        .iter()
        .filter(|e| e.reason == "Killing")
        .collect();
    assert_eq!(killing.len(), 1);
    assert_eq!(killing[0].message, "Stopping container logger");
}
