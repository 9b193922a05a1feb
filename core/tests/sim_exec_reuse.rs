//! A session plays a pod again from its creation with every `kubectl exec` typed so far; an exec
//! that changed nothing but notes and files is taken as it ran (`ExecCmd::known`: its result,
//! notes and the changes of the file systems it wrote to) instead of being interpreted again.
//! Found by the `session` fuzz target (issue 16): six busy execs on one pod took 15 s, each new
//! exec replaying every earlier busy loop (a million steps each); six that also wrote a file
//! took 95 s.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failing test

mod sim_support;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use podplay_core::sim::{printer, simulate, ExecCmd, Options, SimTime};
use sim_support::world;

const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: busybox\n    command: [\"sleep\", \"3600\"]\n";

fn exec(at: u64, script: &str) -> ExecCmd {
    ExecCmd {
        at: SimTime::from_secs(at),
        container: 0,
        argv: ["sh", "-c", script].map(str::to_string).to_vec(),
        known: None,
    }
}

#[test]
fn execs_that_change_nothing_are_reused_and_play_the_same() {
    let w = world(POD);
    let execs = vec![
        exec(5, "while true; do :; done"),
        exec(6, "echo hi > /tmp/f"),
        exec(7, "cat /etc/hostname"),
        exec(8, "cat /tmp/f"),
    ];
    let fresh = Options {
        until: SimTime::from_secs(20),
        execs: execs.clone(),
        ..Options::default()
    };
    let first = simulate(&w, &fresh);
    // the busy loop and the read changed nothing (the busy loop added its notes); the write
    // changed one file system, the container's root
    let busy = first.exec_known(0).expect("a busy loop changes nothing");
    assert!(!busy.notes.is_empty(), "the busy loop's notes are kept");
    assert!(busy.files.is_empty());
    let write = first.exec_known(1).expect("a write is kept with its changes");
    assert_eq!(write.files.len(), 1);
    assert!(first.exec_known(2).is_some());
    assert_eq!(first.exec_results()[3].output, "hi\n");

    // played again with what the first play knew: the same results, notes and trace
    let mut again = fresh.clone();
    for (j, e) in again.execs.iter_mut().enumerate() {
        e.known = first.exec_known(j).cloned();
    }
    assert!(again.execs.iter().all(|e| e.known.is_some()));
    let second = simulate(&w, &again);
    assert_eq!(second.exec_results(), first.exec_results());
    assert_eq!(second.notes(), first.notes());
    assert_eq!(printer::trace(&second), printer::trace(&first));
}

/// Plays `execs` on `pod`, then again with what the first play knew (as a session does), and
/// checks both plays agree; returns the first play's results.
fn play_twice_the_same(pod: &str, execs: Vec<ExecCmd>) -> podplay_core::sim::Run {
    let w = world(pod);
    let fresh = Options {
        until: SimTime::from_secs(30),
        execs,
        ..Options::default()
    };
    let first = simulate(&w, &fresh);
    let mut again = fresh.clone();
    for (j, e) in again.execs.iter_mut().enumerate() {
        e.known = first.exec_known(j).cloned();
    }
    let second = simulate(&w, &again);
    assert_eq!(second.exec_results(), first.exec_results());
    assert_eq!(second.notes(), first.notes());
    assert_eq!(printer::trace(&second), printer::trace(&first));
    first
}

#[test]
fn execs_that_write_files_are_replayed_by_their_changes() {
    // a busy loop appending to a file, a removal, a new directory: each later exec reads them
    let first = play_twice_the_same(
        POD,
        vec![
            exec(5, "i=0; while true; do echo x >> /tmp/f; i=$((i+1)); done"),
            exec(6, "wc -l /tmp/f; rm /etc/hostname; mkdir -p /work/a; echo w > /work/a/b"),
            exec(7, "wc -l /tmp/f; cat /etc/hostname; cat /work/a/b"),
        ],
    );
    assert!(first.exec_known(0).is_some_and(|k| k.files.len() == 1));
    let out = &first.exec_results()[2].output;
    assert!(out.contains("No such file") && out.ends_with("w\n"), "{out}");
    // the known changes alone (the busy loop not interpreted) give the file its lines
    assert_eq!(first.exec_results()[1].output.lines().next(), out.lines().next());
}

#[test]
fn a_write_to_a_shared_volume_is_seen_by_the_other_container_on_replay() {
    const SHARED: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  volumes:\n  - name: data\n    emptyDir: {}\n  containers:\n  - name: a\n    image: busybox\n    command: [\"sleep\", \"3600\"]\n    volumeMounts:\n    - name: data\n      mountPath: /data\n  - name: b\n    image: busybox\n    command: [\"sleep\", \"3600\"]\n    volumeMounts:\n    - name: data\n      mountPath: /shared\n";
    let mut read = exec(7, "cat /shared/m");
    read.container = 1;
    let first = play_twice_the_same(SHARED, vec![exec(5, "echo from a > /data/m"), read]);
    assert_eq!(first.exec_known(0).map(|k| k.files.len()), Some(1));
    assert_eq!(first.exec_results()[1].output, "from a\n");
}

#[test]
fn an_exec_that_acts_beyond_files_is_interpreted_again() {
    let first = play_twice_the_same(POD, vec![exec(5, "echo a > /tmp/a; nslookup kubernetes.default")]);
    assert!(first.exec_known(0).is_none(), "a lookup is not a file change");
}
