//! `podplay session [--json] SCRIPT`: the transcript, the JSON steps, files read from the
//! script's folder, exit 0 whatever the commands returned, 2 for a usage error.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failing test

use std::process::Command;

use serde_json::Value;

fn podplay(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_podplay"))
        .args(args)
        .output()
        .expect("run podplay")
}

/// A folder with a manifest and a script that applies it, waits, asks and fails once.
fn folder(tag: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("podplay-session-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("pod.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("demo.sh"),
        "kubectl apply -f pod.yaml\nsleep 10\nkubectl get pods\nkubectl get pod nope\n",
    )
    .unwrap();
    dir
}

#[test]
fn the_transcript_reads_files_from_the_scripts_folder() {
    let dir = folder("text");
    let o = podplay(&["session", dir.join("demo.sh").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "exit 0 although a command failed");
    let text = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        text,
        // AGE 10s: the API server stored the pod 15 ms after the command, but creationTimestamp
        // keeps whole seconds, and kubectl counts from it (translateTimestampSince)
        "$ kubectl apply -f pod.yaml\npod/web created\n$ sleep 10\n$ kubectl get pods\nNAME   READY   STATUS    RESTARTS   AGE\nweb    1/1     Running   0          10s\n$ kubectl get pod nope\nError from server (NotFound): pods \"nope\" not found\n"
    );
}

#[test]
fn json_has_one_step_per_command() {
    let dir = folder("json");
    let o = podplay(&["session", "--json", dir.join("demo.sh").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let steps = v["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 4);
    assert_eq!(steps[0]["command"], "kubectl apply -f pod.yaml");
    assert_eq!(steps[0]["exit"], 0);
    assert_eq!(steps[0]["t"], 0.0);
    assert_eq!(steps[2]["t"], 10.0, "sleep 10 let 10 s pass");
    assert_eq!(steps[3]["exit"], 1);
    assert_eq!(
        steps[3]["output"],
        "Error from server (NotFound): pods \"nope\" not found\n"
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(podplay(&["session"]).status.code(), Some(2));
    assert_eq!(podplay(&["session", "--bogus", "x"]).status.code(), Some(2));
    assert_eq!(
        podplay(&["session", "/nonexistent/podplay/script.sh"]).status.code(),
        Some(2)
    );
}

#[test]
fn kubectl_edit_runs_kube_editor_on_the_scripts_files_and_says_when_there_is_none() {
    let dir = folder("edit");
    std::fs::write(
        dir.join("edit.sh"),
        "kubectl apply -f pod.yaml\nKUBE_EDITOR=\"sed -i s/nginx/nginx:1.27/\" kubectl edit pod web\nkubectl get pod web -o jsonpath='{.spec.containers[0].image}'\nkubectl edit pod web\necho $?\n",
    )
    .unwrap();
    let o = podplay(&["session", dir.join("edit.sh").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("kubectl edit pod web\npod/web edited\n"), "{text}");
    assert!(text.contains("\nnginx:1.27\n$ kubectl edit pod web\n"), "{text}");
    // without an editor variable the script's edit is closed unchanged, with the playground's note
    assert!(
        text.ends_with("$ kubectl edit pod web\n[podplay] kubectl edit: a script has no editor to open; set KUBE_EDITOR (for example KUBE_EDITOR=\"sed -i s/1.25/1.26/\" kubectl edit pod NAME). The file was closed unchanged, as vi does when its input is not a terminal.\nEdit cancelled, no changes made.\n$ echo $?\n0\n"),
        "{text}"
    );
}
