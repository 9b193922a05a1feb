//! `podplay lesson`, run as a process: the course list, a task's starting manifest, and checks
//! with their exit codes (0 passed, 1 not passed, 2 unknown task or unreadable file) and JSON shape.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failing test

mod cli_support;

use cli_support::{podplay, stdout};

use serde_json::Value;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/lessons");

fn fixture(path: &str) -> String {
    format!("{FIXTURES}/{path}.yaml")
}

#[test]
fn list_names_every_lesson_and_task() {
    let o = podplay(&["lesson", "list"], None);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    for l in podplay_core::lessons::lessons() {
        assert!(text.contains(l.id), "{}", l.id);
        for t in l.tasks {
            assert!(text.contains(t), "{t}");
        }
    }
    let o = podplay(&["lesson", "list", "--json"], None);
    assert_eq!(o.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    let lessons = v["lessons"].as_array().expect("lessons");
    assert_eq!(lessons.len(), podplay_core::lessons::lessons().len());
    assert_eq!(lessons[2]["id"], "pause");
    let ids: Vec<&str> = lessons[2]["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .filter_map(|t| t["id"].as_str())
        .collect();
    assert!(ids.contains(&"share-pid"), "{ids:?}");
    assert_eq!(lessons[2]["tasks"][0]["kind"], "predict");
    assert!(lessons[0]["title"]["zh"].as_str().is_some());
}

#[test]
fn check_exit_codes() {
    let code = |args: &[&str]| podplay(args, None).status.code();
    assert_eq!(
        code(&[
            "lesson",
            "check",
            "share-pid",
            &fixture("share-pid/pass-block")
        ]),
        Some(0)
    );
    assert_eq!(
        code(&[
            "lesson",
            "check",
            "share-pid",
            &fixture("share-pid/fail-hostpid")
        ]),
        Some(1)
    );
    assert_eq!(
        code(&[
            "lesson",
            "check",
            "no-such-task",
            &fixture("share-pid/pass-block")
        ]),
        Some(2)
    );
    assert_eq!(
        code(&["lesson", "check", "share-pid", "/no/such/file.yaml"]),
        Some(2)
    );
    assert_eq!(code(&["lesson", "check", "share-pid"]), Some(2));
    assert_eq!(
        code(&["lesson", "check", "--hint", "4", "share-pid", "x"]),
        Some(2)
    );
    assert_eq!(code(&["lesson", "frobnicate"]), Some(2));
    assert_eq!(code(&["lesson"]), Some(2));
}

#[test]
fn check_json_has_the_promised_shape() {
    let o = podplay(
        &[
            "lesson",
            "check",
            "--json",
            "fix-javaweb",
            &fixture("fix-javaweb/fail-hostpost"),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    let keys: Vec<&String> = v.as_object().expect("object").keys().collect();
    assert_eq!(keys, ["challenge", "checks", "hint", "passed"]);
    assert_eq!(v["challenge"], "fix-javaweb");
    assert_eq!(v["passed"], false);
    let checks = v["checks"].as_array().expect("checks");
    assert!(checks.len() >= 5);
    for c in checks {
        let keys: Vec<&String> = c.as_object().expect("check").keys().collect();
        assert_eq!(keys, ["detail", "name", "passed"]);
        assert!(c["passed"].is_boolean());
    }
    assert_eq!(checks[0]["name"], "api-accepts");
    assert_eq!(checks[0]["passed"], false);
    // Not passed: the hint is the API server's error, in both languages.
    let en = v["hint"]["en"].as_str().expect("hint.en");
    let zh = v["hint"]["zh"].as_str().expect("hint.zh");
    assert!(
        en.contains("unknown field \"spec.containers[0].ports[0].hostPost\""),
        "{en}"
    );
    assert!(!zh.is_empty());

    let o = podplay(
        &[
            "lesson",
            "check",
            "--json",
            "fix-javaweb",
            &fixture("fix-javaweb/pass-json"),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["passed"], true);
    assert!(v["hint"].is_null());
    assert!(v["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .all(|c| c["passed"] == true));
}

#[test]
fn the_hint_ladder_and_stdin() {
    let start = podplay(&["lesson", "start", "share-pid"], None);
    assert_eq!(start.status.code(), Some(0));
    let text = stdout(&start);
    assert!(text.contains("name: shell"));
    let rung = |n: &str| {
        let o = podplay(
            &["lesson", "check", "--json", "--hint", n, "share-pid", "-"],
            Some(&text),
        );
        assert_eq!(o.status.code(), Some(1));
        let v: Value = serde_json::from_slice(&o.stdout).expect("json");
        v["hint"]["en"].as_str().expect("hint").to_string()
    };
    let (one, three) = (rung("1"), rung("3"));
    assert_ne!(one, three);
    assert!(three.contains("shareProcessNamespace: true"), "{three}");
    // Human output, in Chinese.
    let o = podplay(
        &["lesson", "check", "--lang", "zh", "share-pid", "-"],
        Some(&text),
    );
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("未通过") && out.contains("提示 1/3"), "{out}");
    // A predict task reads the answer.
    let o = podplay(
        &["lesson", "check", "crashloop-phase", "-"],
        Some("Running\n"),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = podplay(
        &["lesson", "check", "crashloop-phase", "-"],
        Some("Failed\n"),
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        podplay(&["lesson", "start", "nope"], None).status.code(),
        Some(2)
    );
}

#[test]
fn bytes_that_are_not_text_are_a_failed_check() {
    let o = podplay(
        &["lesson", "check", "--json", "hostaliases", "-"],
        Some("\u{0}\u{1}\u{fffd}garbage: [\n"),
    );
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert!(!v["hint"]["en"].as_str().unwrap_or("").is_empty());
}
