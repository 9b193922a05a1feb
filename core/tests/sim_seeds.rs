//! Every seed manifest that is a whole, valid Pod, played by the simulation, with its timings
//! derived from the rules and asserted. Programs come from the product's library
//! (`crate::programs`: busybox pulls in 0.6 s, nginx in 3.9 s, an unknown image in 3 s).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failing test

mod common;
mod sim_support;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use podplay_core::sim::{printer, simulate, CState, Options, Run, SimTime};
use sim_support::world;

fn seed(name: &str) -> String {
    common::FIXTURES
        .iter()
        .find(|(n, _, _)| *n == format!("seeds/{name}"))
        .map(|(_, i, _)| i.to_string())
        .expect("seed")
}

fn play(src: &str, opts: Options) -> Run {
    simulate(&world(src), &opts)
}

fn secs(s: f64) -> SimTime {
    SimTime((s * 1000.0).round() as u64)
}

/// (time, reason, message) of the events with this reason.
fn events<'a>(run: &'a Run, reason: &str) -> Vec<(f64, &'a str)> {
    run.events()
        .iter()
        .filter(|e| e.reason == reason)
        .map(|e| (e.t.as_secs_f64(), e.message.as_str()))
        .collect()
}

#[test]
fn liveness_exec_restarts_after_its_third_failed_probe_past_30s() {
    let run = play(&seed("liveness-exec"), Options::default());
    // The kubelet sees the pod at 0.06 s; the prober worker ticks every 5 s from then
    // (0.06, 5.06, …). The container starts at 1.12 s (volumes and sandbox 0.36 s, pull 0.6 s,
    // create 40 ms, start 60 ms), removes /tmp/healthy 30 s later (31.12 s): the ticks at
    // 35.06, 40.06 and 45.06 fail, the third reaches failureThreshold 3.
    let started = run.state_at(secs(10.0));
    assert!(
        matches!(started.containers[0].state, Some(CState::Running { started_at }) if *started_at == secs(1.12))
    );
    let unhealthy = events(&run, "Unhealthy");
    let times: Vec<f64> = unhealthy.iter().take(3).map(|e| e.0).collect();
    assert_eq!(times, vec![35.06, 40.06, 45.06]);
    assert_eq!(
        unhealthy[0].1,
        "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory"
    );
    let killing = events(&run, "Killing");
    assert_eq!(
        killing[0],
        (
            45.06,
            "Container liveness failed liveness probe, will be restarted"
        )
    );
    // sh as PID 1 ignores SIGTERM: SIGKILL after the 30 s grace period, then at once a restart
    // (the first restart is immediate).
    let c = run.container_index("liveness").unwrap();
    let at = run.state_at(secs(75.0));
    assert_eq!(at.containers[c].restart_count, 0);
    assert!(at.containers[c].state.unwrap().is_running());
    let at = run.state_at(secs(80.0));
    assert_eq!(at.containers[c].restart_count, 1);
    let last = at.containers[c].last_state.unwrap();
    assert_eq!((last.reason, last.exit_code), ("Error", 137));
    assert_eq!(last.finished_at, secs(75.06));
    // finishedAt is a metav1.Time (whole seconds): 75 s, so kubectl prints 5s at 80 s
    assert_eq!(at.restarts, "1 (5s ago)");
    assert_eq!(
        at.get_line("liveness-exec"),
        "liveness-exec 1/1 Running 1 (5s ago) 80s"
    );
    // The second kill (120.06) restarts at once too: the sync that kills also restarts, and its
    // back-off check looks at the run before (finished at 75.06, older than the first 10 s
    // back-off). Restarts wait only once the back-off (10, 20, 40, 80 s) outgrows the 75 s cycle.
    assert_eq!(run.state_at(secs(155.0)).status, "Running");
    assert_eq!(run.state_at(secs(155.0)).containers[c].restart_count, 2);
    assert!(events(&run, "BackOff").is_empty());
}

#[test]
fn liveness_http_fails_after_10s_of_the_server() {
    let run = play(&seed("liveness-http"), Options::default());
    let unhealthy = events(&run, "Unhealthy");
    // The server starts at 2.02 s and answers 500 from 12.02 s; probes tick at 0.06 + 3k.
    assert_eq!(
        unhealthy[0],
        (
            12.06,
            "Liveness probe failed: HTTP probe failed with statuscode: 500"
        )
    );
    assert_eq!(events(&run, "Killing")[0].0, 18.06);
    // The server exits on SIGTERM: restarted at once.
    let at = run.state_at(secs(20.0));
    assert_eq!(at.containers[0].restart_count, 1);
    // Second kill at 36.06: the run before ended at 18.06, before any back-off: restarted at once
    // (back-off 10 s from now on); third at 54.06: 18 s > 10 s, at once again (20 s); fourth at
    // 72.06: 18 s < 20 s → CrashLoopBackOff until 92.06.
    assert_eq!(run.state_at(secs(40.0)).status, "Running");
    let backoff = events(&run, "BackOff");
    assert_eq!(backoff[0].0, 72.06);
    assert_eq!(run.state_at(secs(80.0)).status, "CrashLoopBackOff");
}

#[test]
fn initpod_waits_for_its_service() {
    let run = play(&seed("initpod"), Options::default());
    let end = run.state_at(run.end());
    assert_eq!(end.status, "Init:0/1");
    assert_eq!(end.phase.as_str(), "Pending");
    let logs = run.logs(0, run.end(), false).unwrap();
    assert!(logs.contains("waiting for k8sbook service"));
    assert!(!logs.contains("Service found!"));
    let init = end
        .conditions
        .iter()
        .find(|c| c.type_name == "Initialized")
        .unwrap();
    assert_eq!(
        init.message,
        "containers with incomplete status: [init-ctr]"
    );

    // With the Service in the same stream, nslookup succeeds at once.
    let both = format!("{}\n---\n{}", seed("initpod"), seed("k8sbook-service"));
    let run = play(&both, Options::default());
    let end = run.state_at(run.end());
    assert_eq!(
        (end.phase.as_str(), end.status.as_str(), end.ready.as_str()),
        ("Running", "Running", "1/1")
    );
    assert!(run
        .logs(0, run.end(), false)
        .unwrap()
        .contains("Service found!"));
    // init-ctr exits 0 at 1.12 s; PLEG notices at 2.06 s; web-ctr is pulled (2 s), created, started.
    let web = run.container_index("web-ctr").unwrap();
    let s = run.state_at(secs(7.0));
    assert!(
        matches!(s.containers[web].state, Some(CState::Running { started_at }) if *started_at == secs(4.16))
    );
    assert_eq!(run.state_at(secs(3.0)).status, "PodInitializing");
    // Service links: K8SBOOK_SERVICE_HOST is in web-ctr's environment.
    assert!(run.containers()[web].name == "web-ctr");
}

#[test]
fn git_sync_shares_the_html_volume() {
    let run = play(&seed("git-sync"), Options::default());
    let end = run.state_at(run.end());
    assert_eq!(end.ready, "2/2");
    let sync = run.container_index("ctr-sync").unwrap();
    let web = run.container_index("ctr-web").unwrap();
    let logs = run.logs(sync, run.end(), false).unwrap();
    assert!(logs.contains("\"msg\"=\"syncing git\""), "{logs}");
    let a = end.containers[web].namespaces.unwrap();
    let b = end.containers[sync].namespaces.unwrap();
    let pause = end.pause_namespaces.unwrap();
    // net/ipc/uts through pause; mnt, pid and cgroup their own; user the node's.
    assert_eq!((a.net, a.ipc, a.uts), (pause.net, pause.ipc, pause.uts));
    assert_eq!((b.net, b.ipc, b.uts), (pause.net, pause.ipc, pause.uts));
    assert_ne!(a.mnt, b.mnt);
    assert_ne!(a.pid, b.pid);
    assert_ne!(a.pid, pause.pid);
    assert_eq!(a.user, 4026531837);
    // nginx listens on 80 in the pod's network namespace.
    assert_eq!(end.sockets.len(), 1);
    assert_eq!((end.sockets[0].port, end.sockets[0].container), (80, web));
    assert_eq!(end.pod_ip, Some("10.244.1.5"));
}

#[test]
fn share_process_namespace_puts_every_process_in_one_table() {
    let run = play(&seed("nginx-shareprocessnamespace"), Options::default());
    let end = run.state_at(run.end());
    let pause = end.pause_namespaces.unwrap();
    for c in &end.containers {
        assert_eq!(c.namespaces.unwrap().pid, pause.pid);
    }
    let shell = run.container_index("shell").unwrap();
    let ps: Vec<(u32, &str)> = end.containers[shell]
        .processes
        .iter()
        .map(|p| (p.pid, p.command.as_str()))
        .collect();
    assert_eq!(
        ps,
        vec![
            (1, "/pause"),
            (2, "nginx: master process nginx -g daemon off;"),
            (3, "nginx: worker process"),
            (4, "nginx: worker process"),
            (5, "sh"),
        ]
    );
    assert_eq!(end.status, "Running");
}

#[test]
fn downward_api_volume_shows_the_labels_in_the_logs() {
    let run = play(&seed("downwardapi-volume"), Options::default());
    let logs = run.logs(0, secs(3.0), false).unwrap();
    assert_eq!(
        logs,
        "\n\ncluster=\"test-cluster1\"\nrack=\"rack-22\"\nzone=\"us-est-coast\"\n\nbuild=\"two\"\nbuilder=\"john-doe\"\nkubernetes.io/config.source=\"api\""
    );
    // The loop prints every 5 s.
    let chunks = run.log_chunks(0, secs(12.0));
    let times: Vec<f64> = chunks.iter().map(|c| c.t.as_secs_f64()).collect();
    assert_eq!(times, vec![1.13, 6.13, 11.13]);
}

#[test]
fn example_pod_crash_loops_with_its_real_error() {
    // Its name is invalid for the API server, but the simulation can still play it.
    let run = play(&seed("example-pod"), Options::default());
    let c = 0;
    assert_eq!(
        run.logs(c, run.end(), false).unwrap(),
        "sh: can't open 'c': No such file or directory\n"
    );
    let end = run.state_at(run.end());
    assert_eq!(end.status, "CrashLoopBackOff");
    let last = end.containers[c].last_state.unwrap();
    assert_eq!((last.reason, last.exit_code), ("Error", 2));
    // First exit at 3.52 s → restarted at once (PLEG at 4.06 s); then back-off 10 s, 20 s, 40 s, 80 s
    // after each exit.
    let created: Vec<f64> = events(&run, "Created").iter().map(|e| e.0).collect();
    assert_eq!(created, vec![3.46, 4.45, 14.9, 35.35, 75.8, 156.25]);
    let msgs: Vec<String> = run
        .events()
        .iter()
        .filter(|e| e.reason == "BackOff")
        .map(|e| e.cause.text(podplay_core::diag::Lang::En))
        .collect();
    assert_eq!(
        msgs[0],
        "the container's main process exited with 2 → restartPolicy Always → restart → restart after 10s back-off → the phase stays Running: a container that will be restarted does not finish the pod, so a crash loop shows in the container's state (CrashLoopBackOff) and in RESTARTS, not in the phase"
    );
    assert!(msgs[3].contains("restart after 1m20s back-off → the phase stays Running"));
    // --previous shows the run before.
    assert_eq!(
        run.logs(c, run.end(), true).unwrap(),
        "sh: can't open 'c': No such file or directory\n"
    );
}

#[test]
fn projected_volume_without_its_secrets_stays_container_creating() {
    let run = play(&seed("projected-volume"), Options::default());
    let end = run.state_at(run.end());
    assert_eq!(end.status, "ContainerCreating");
    let mounts = events(&run, "FailedMount");
    assert_eq!(
        mounts[0],
        (
            0.06,
            "MountVolume.SetUp failed for volume \"mysql-cred\" : secret \"user\" not found"
        )
    );
    // The volume manager retries after 0.5 s doubling to 2m2s.
    let times: Vec<f64> = mounts.iter().map(|e| e.0).take(5).collect();
    assert_eq!(times, vec![0.06, 0.56, 1.56, 3.56, 7.56]);
    let ready = end
        .conditions
        .iter()
        .find(|c| c.type_name == "PodReadyToStartContainers")
        .unwrap();
    assert!(!ready.status);
}

#[test]
fn hello_pod_and_myweb_run() {
    for (s, name) in [("hello-pod", "hello-pod"), ("myweb", "myweb")] {
        let run = play(&seed(s), Options::default());
        let end = run.state_at(run.end());
        assert_eq!(
            (end.phase.as_str(), end.status.as_str()),
            ("Running", "Running"),
            "{name}"
        );
        assert_eq!(end.qos.as_str(), "BestEffort");
    }
}

#[test]
fn every_seed_pod_plays_without_panicking() {
    for (name, input, _) in common::FIXTURES
        .iter()
        .filter(|(n, _, _)| n.starts_with("seeds/"))
    {
        if let Some(w) = sim_support::try_world(input) {
            let run = simulate(&w, &Options::default());
            let text = printer::trace(&run);
            assert!(text.contains("end t="), "{name}");
            let _ = printer::describe(&run, &w, run.end());
        }
    }
}

#[test]
fn describe_renders_like_kubectl() {
    let w = world(&seed("liveness-exec"));
    let run = simulate(&w, &Options::default());
    let text = printer::describe(&run, &w, SimTime::from_secs(100));
    for line in [
        "Node:             worker-1/172.18.0.3",
        "Start Time:       Thu, 01 Jan 2026 00:00:00 +0000",
        "    Last State:     Terminated",
        "      Exit Code:    137",
        "    Restart Count:  1",
        "    Liveness:       exec [cat /tmp/healthy] delay=5s timeout=1s period=5s #success=1 #failure=3",
        "      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-f7fdf (ro)",
        "QoS Class:                   BestEffort",
        "  Warning  Unhealthy  55s (x3 over 65s)   kubelet            spec.containers{liveness}: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory",
        "  Normal   Killing    55s                 kubelet            spec.containers{liveness}: Container liveness failed liveness probe, will be restarted",
    ] {
        assert!(text.lines().any(|l| l == line), "missing {line:?} in\n{text}");
    }
    let get = printer::get_table(&run, &run.state_at(SimTime::from_secs(100)));
    assert_eq!(
        get,
        "NAME            READY   STATUS    RESTARTS      AGE\nliveness-exec   1/1     Running   1 (25s ago)   100s\n"
    );
}

#[cfg(feature = "cli")]
#[test]
fn json_has_the_documented_shape() {
    let run = play(&seed("liveness-exec"), Options::default());
    let v = podplay_core::sim::to_json(&run);
    assert_eq!(v["pod"], "liveness-exec");
    assert_eq!(v["node"], "worker-1");
    assert_eq!(v["podIP"], "10.244.1.5");
    assert_eq!(v["qosClass"], "BestEffort");
    let unhealthy = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["reason"] == "Unhealthy")
        .unwrap();
    assert_eq!(unhealthy["t"], 35.06);
    assert_eq!(unhealthy["type"], "Warning");
    assert_eq!(unhealthy["from"], "kubelet");
    assert_eq!(unhealthy["container"], "liveness");
    let end = &v["end"];
    assert_eq!(end["t"], 300.0);
    assert_eq!(end["phase"], "Running");
    let cs = &end["containerStatuses"][0];
    assert_eq!(cs["name"], "liveness");
    assert_eq!(cs["restartCount"], 3);
    assert_eq!(cs["lastState"]["terminated"]["exitCode"], 137);
    assert_eq!(cs["lastState"]["terminated"]["reason"], "Error");
    let ready = end["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["type"] == "Ready")
        .unwrap();
    assert_eq!(ready["status"], "True");
    assert!(v["namespaces"]["pause"]["net"].as_u64().unwrap() > 4026532000);
    assert_eq!(
        v["namespaces"]["pause"]["net"],
        v["namespaces"]["liveness"]["net"]
    );
    // `sh -c "…; sleep 600"` execs its last command: PID 1 is now sleep.
    assert_eq!(v["processes"]["liveness"][0]["pid"], 1);
    assert_eq!(v["processes"]["liveness"][0]["command"], "sleep 600");
}
