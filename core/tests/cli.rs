//! The `podplay` command line, run as a process: its output, its JSON shape and its exit codes
//! (0 valid / played, 1 invalid / refused, 2 usage error or unreadable file).
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failing test

mod cli_support;

use cli_support::{podplay, stdout};

use serde_json::Value;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seeds");

fn seed(name: &str) -> String {
    format!("{SEEDS}/{name}.yaml")
}

#[test]
fn validate_exit_codes() {
    assert_eq!(
        podplay(&["validate", &seed("hello-pod")], None)
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        podplay(&["validate", &seed("example-pod")], None)
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        podplay(
            &["validate", &seed("hello-pod"), &seed("example-pod")],
            None
        )
        .status
        .code(),
        Some(1)
    );
    assert_eq!(
        podplay(&["validate", "/no/such/file.yaml"], None)
            .status
            .code(),
        Some(2)
    );
    assert_eq!(podplay(&["validate"], None).status.code(), Some(2));
    assert_eq!(
        podplay(&["validate", "--bogus", &seed("hello-pod")], None)
            .status
            .code(),
        Some(2)
    );
    assert_eq!(podplay(&["frobnicate"], None).status.code(), Some(2));
}

#[test]
fn validate_prints_kubectls_message_with_file_line_and_column() {
    let o = podplay(&["validate", &seed("example-pod")], None);
    let out = stdout(&o);
    let file = seed("example-pod");
    assert!(
        out.contains(&format!("{file}:5:11: The Pod \"example_pod\" is invalid: metadata.name: Invalid value: \"example_pod\": a lowercase RFC 1123 subdomain")),
        "{out}"
    );
    assert!(out.contains(&format!("{file}:11:13: The Pod \"example_pod\" is invalid: spec.containers[0].name: Invalid value: \"example_app_container\"")), "{out}");
    assert!(out.contains("    why: "), "{out}");
    assert!(out.contains("    fix: "), "{out}");
    assert!(
        out.contains("document 0 (Pod \"example_pod\"): 2 error(s)"),
        "{out}"
    );
}

#[test]
fn validate_reads_stdin() {
    let o = podplay(
        &["validate", "-"],
        Some(include_str!("fixtures/seeds/hello-pod.yaml")),
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("STDIN: document 0 (Pod \"hello-pod\"): valid"));
}

#[test]
fn validate_json_has_the_documented_shape() {
    let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  name: x\nspec:\n  containers:\n  - name: Web\n    image: nginx\n    imagee: nginx\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: y\n spec: 1\n";
    let o = podplay(&["validate", "--json", "-"], Some(text));
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let file = &v["files"][0];
    assert_eq!(file["file"], "STDIN");
    let docs = file["documents"].as_array().expect("documents");
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["index"], 0);
    assert_eq!(docs[0]["kind"], "Pod");
    assert_eq!(docs[0]["name"], "x");
    let errors = docs[0]["errors"].as_array().expect("errors");
    let by_type = |t: &str| {
        errors
            .iter()
            .find(|e| e["type"] == t)
            .unwrap_or_else(|| panic!("no {t} in {errors:?}"))
    };
    let invalid = by_type("Invalid value");
    assert_eq!(invalid["field"], "spec.containers[0].name");
    assert_eq!(invalid["value"], "Web");
    assert_eq!(
        (invalid["line"].as_u64(), invalid["column"].as_u64()),
        (Some(8), Some(11))
    );
    assert_eq!(
        (invalid["end_line"].as_u64(), invalid["end_column"].as_u64()),
        (Some(8), Some(14))
    );
    assert!(invalid["message"].as_str().unwrap().starts_with("The Pod \"x\" is invalid: spec.containers[0].name: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of"));
    assert!(!invalid["detail"].as_str().unwrap().is_empty());
    let unknown = by_type("Unknown field");
    assert_eq!(unknown["field"], "spec.containers[0].imagee");
    assert!(unknown["message"]
        .as_str()
        .unwrap()
        .contains("strict decoding error: unknown field \"spec.containers[0].imagee\""));
    let duplicate = by_type("Duplicate field");
    assert_eq!(duplicate["field"], "metadata.name");
    assert!(docs[0]["warnings"].is_array());
    let syntax = &docs[1]["errors"][0];
    assert_eq!(syntax["type"], "Syntax");
    assert_eq!(syntax["field"], "");
    assert_eq!(syntax["line"], 16);
    assert!(syntax["message"]
        .as_str()
        .unwrap()
        .starts_with("error converting YAML to JSON: yaml: line"));
}

#[test]
fn explain_prints_kubectls_layout() {
    let o = podplay(&["explain", "pod.spec.restartPolicy"], None);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.starts_with("KIND:       Pod\nVERSION:    v1\n\nFIELD: restartPolicy <string>\n"),
        "{out}"
    );
    assert!(
        out.contains("ENUM:\n    Always\n    Never\n    OnFailure\n"),
        "{out}"
    );
    let rec = stdout(&podplay(
        &[
            "explain",
            "--recursive",
            "pod.spec.containers.livenessProbe",
        ],
        None,
    ));
    assert!(
        rec.contains("FIELDS:\n  exec\t<ExecAction>\n    command\t<[]string>\n"),
        "{rec}"
    );
    let bad = podplay(&["explain", "pod.spec.nosuchfield"], None);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("nosuchfield"));
}

#[test]
fn simulate_json_has_the_documented_shape() {
    let o = podplay(
        &[
            "simulate",
            "--json",
            "--until",
            "120",
            &seed("liveness-exec"),
        ],
        None,
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["pod"], "liveness-exec");
    assert!(v["node"].as_str().unwrap().starts_with("worker-"));
    assert!(v["podIP"].as_str().unwrap().starts_with("10.244."));
    assert_eq!(v["qosClass"], "BestEffort");
    let events = v["events"].as_array().expect("events");
    let unhealthy = events
        .iter()
        .find(|e| e["reason"] == "Unhealthy")
        .expect("an Unhealthy event");
    assert_eq!(unhealthy["type"], "Warning");
    assert_eq!(unhealthy["from"], "kubelet");
    assert_eq!(unhealthy["container"], "liveness");
    assert!(unhealthy["message"]
        .as_str()
        .unwrap()
        .starts_with("Liveness probe failed: cat: can't open '/tmp/healthy'"));
    assert!(unhealthy["t"].as_f64().unwrap() > 30.0);
    let end = &v["end"];
    assert_eq!(end["t"], 120.0);
    assert_eq!(end["phase"], "Running");
    assert!(end["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["type"] == "Ready" && c["lastTransitionTime"].is_number()));
    let c = &end["containerStatuses"][0];
    assert_eq!(c["name"], "liveness");
    // Killed after the third failed probe (~45 s); `sleep 600` as PID 1 ignores SIGTERM, so the
    // kubelet waits the 30 s grace period before SIGKILL and the restart.
    assert_eq!(c["restartCount"], 1);
    assert_eq!(c["lastState"]["terminated"]["exitCode"], 137);
    assert!(v["namespaces"]["pause"]["net"].as_u64().unwrap() > 4_026_531_000);
    assert_eq!(
        v["namespaces"]["pause"]["net"],
        v["namespaces"]["liveness"]["net"]
    );
    assert_ne!(
        v["namespaces"]["pause"]["pid"],
        v["namespaces"]["liveness"]["pid"]
    );
    assert!(v["processes"]["liveness"].is_array());
}

#[test]
fn simulate_plays_termination_and_follows_kubectl_on_refusal() {
    let o = podplay(
        &[
            "simulate",
            "--until",
            "90",
            "--delete-at",
            "40",
            &seed("hello-pod"),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("Killing"), "{out}");
    let refused = podplay(&["simulate", &seed("example-pod")], None);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("The Pod \"example_pod\" is invalid"));
    assert_eq!(
        podplay(&["simulate", "--until", "soon", &seed("hello-pod")], None)
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        podplay(&["simulate", &seed("k8sbook-service")], None)
            .status
            .code(),
        Some(2)
    );
}

/// Bytes that are not UTF-8 are not an unreadable file: kubectl reads them and go-yaml's reader
/// refuses them (reader.go yaml_parser_update_buffer), located at the bad byte; exit 1.
#[test]
fn validate_reports_invalid_utf8_and_binary_files_as_kubectl_does() {
    let dir = std::env::temp_dir().join(format!("podplay-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let latin1 = dir.join("latin1.yaml");
    std::fs::write(
        &latin1,
        b"apiVersion: v1\nkind: Pod\nmetadata:\n  name: caf\xe9\nspec:\n  containers: []\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: ok\nspec:\n  containers:\n  - name: a\n    image: nginx\n",
    )
    .expect("write");
    let latin1 = latin1.to_string_lossy().into_owned();
    let o = podplay(&["validate", &latin1], None);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    // 0xE9 leads a 3-byte sequence; the line break after it is not a trailing octet: go-yaml
    // reports the offset of that octet (parser.offset+k).
    assert!(
        text.contains(":4:12: error converting YAML to JSON: yaml: invalid trailing UTF-8 octet"),
        "{text}"
    );
    // The second document is checked as usual (valid).
    assert!(text.contains("document 1 (Pod \"ok\"): valid"), "{text}");
    let o = podplay(&["validate", "--json", &latin1], None);
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    let e = &v["files"][0]["documents"][0]["errors"][0];
    assert_eq!(e["line"], 4);
    assert_eq!(e["type"], "Syntax");
    assert!(e["message"]
        .as_str()
        .is_some_and(|m| m.starts_with("error converting YAML to JSON: yaml: ")));

    let binary = dir.join("binary.yaml");
    std::fs::write(&binary, b"\x7fELF\x02\x01\x01\x00\x00\x00\xff\xfe").expect("write");
    let binary = binary.to_string_lossy().into_owned();
    let o = podplay(&["validate", &binary], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains(
            ":1:1: error converting YAML to JSON: yaml: control characters are not allowed"
        ),
        "{}",
        stdout(&o)
    );
    let lead = dir.join("lead.yaml");
    std::fs::write(&lead, b"kind: Pod\nx: \x80\n").expect("write");
    let o = podplay(&["validate", &lead.to_string_lossy()], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o)
            .contains(":2:4: error converting YAML to JSON: yaml: invalid leading UTF-8 octet"),
        "{}",
        stdout(&o)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
