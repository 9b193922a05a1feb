//! A session plays a pod again from its creation with every `kubectl exec` typed so far; an exec
//! that changed nothing but notes is taken as it ran (`ExecCmd::known`) instead of being
//! interpreted again. Found by the `session` fuzz target (issue 16): six busy execs on one pod
//! took 15 s, each new exec replaying every earlier busy loop (a million steps each).
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
    // the busy loop and the read changed nothing (the busy loop added its notes); the write did
    let busy = first.exec_known(0).expect("a busy loop changes nothing");
    assert!(!busy.notes.is_empty(), "the busy loop's notes are kept");
    assert!(first.exec_known(1).is_none(), "a write changes the container");
    assert!(first.exec_known(2).is_some());
    assert_eq!(first.exec_results()[3].output, "hi\n");

    // played again with what the first play knew: the same results, notes and trace
    let mut again = fresh.clone();
    for (j, e) in again.execs.iter_mut().enumerate() {
        e.known = first.exec_known(j).cloned();
    }
    assert!(again.execs[0].known.is_some() && again.execs[1].known.is_none());
    let second = simulate(&w, &again);
    assert_eq!(second.exec_results(), first.exec_results());
    assert_eq!(second.notes(), first.notes());
    assert_eq!(printer::trace(&second), printer::trace(&first));
}
