//! The study notes' manifests (`tests/fixtures/seeds/`) through container validation and
//! defaulting, with what each one must give and why.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failing test
mod validate_support;

use podplay_core::defaults::default_pod;
use podplay_core::diag::ErrorType;
use podplay_core::tree::Node;
use validate_support::{container_diagnostics, defaulted_objects};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const EXAMPLE_POD: &str = include_str!("fixtures/seeds/example-pod.yaml");
const LIVENESS_EXEC: &str = include_str!("fixtures/seeds/liveness-exec.yaml");
const LIVENESS_HTTP: &str = include_str!("fixtures/seeds/liveness-http.yaml");

/// The seeds that are complete, valid Pods (as far as containers go).
const VALID_PODS: &[(&str, &str)] = &[
    ("hello-pod", include_str!("fixtures/seeds/hello-pod.yaml")),
    ("initpod", include_str!("fixtures/seeds/initpod.yaml")),
    ("git-sync", include_str!("fixtures/seeds/git-sync.yaml")),
    ("myweb", include_str!("fixtures/seeds/myweb.yaml")),
    (
        "javaweb-2-hostpost",
        include_str!("fixtures/seeds/javaweb-2-hostpost.yaml"),
    ),
    (
        "projected-volume",
        include_str!("fixtures/seeds/projected-volume.yaml"),
    ),
    (
        "downwardapi-volume",
        include_str!("fixtures/seeds/downwardapi-volume.yaml"),
    ),
    ("liveness-exec", LIVENESS_EXEC),
    ("liveness-http", LIVENESS_HTTP),
    (
        "nginx-shareprocessnamespace",
        include_str!("fixtures/seeds/nginx-shareprocessnamespace.yaml"),
    ),
];

fn only_pod(src: &str) -> Node {
    let pods: Vec<Node> = defaulted_objects(src)
        .into_iter()
        .filter(|o| o.str("kind") == Some("Pod"))
        .collect();
    assert_eq!(pods.len(), 1, "expected exactly one Pod");
    pods.into_iter().next().unwrap()
}

#[test]
fn example_pod_container_name_has_underscores() {
    // The notes name the container `example_app_container`: '_' is not allowed in a DNS-1123
    // label, so the API server answers with exactly this error (and nothing else about
    // containers: the image and command are fine).
    let diags = container_diagnostics(&only_pod(EXAMPLE_POD));
    assert_eq!(diags.len(), 1, "{diags:#?}");
    let d = &diags[0];
    assert_eq!(
        d.field_error(),
        "spec.containers[0].name: Invalid value: \"example_app_container\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
    );
    assert_eq!(d.kind, ErrorType::Invalid);
    assert_eq!(d.rule, podplay_core::rules::CONTAINER_NAME_DNS_LABEL);
    // It points at the value on line 11, and offers the mechanical fix.
    assert_eq!(&EXAMPLE_POD[d.span.range()], "example_app_container");
    assert_eq!(
        d.replacement.as_ref().map(|r| r.text.as_str()),
        Some("example-app-container")
    );
    assert!(!d.explanation.zh.is_empty() && !d.fix.en.is_empty() && !d.fix.zh.is_empty());
}

#[test]
fn valid_seed_pods_have_no_container_errors() {
    for (name, src) in VALID_PODS {
        let diags = container_diagnostics(&only_pod(src));
        assert!(
            diags.is_empty(),
            "{name}: {:#?}",
            diags.iter().map(|d| d.field_error()).collect::<Vec<_>>()
        );
    }
}

#[test]
fn javaweb_indent_mistake_leaves_an_empty_volume_mount() {
    // In javaweb-2-indent.yaml `ports:` is indented into the volume mount, so the port entry
    // becomes a second volumeMounts item. Its fields are unknown there (strict decoding reports
    // them and drops them), which leaves an empty mount: no name, no such volume, no path.
    let src = include_str!("fixtures/seeds/javaweb-2-indent.yaml");
    let errs: Vec<String> = container_diagnostics(&only_pod(src))
        .iter()
        .map(|d| d.field_error())
        .collect();
    assert_eq!(
        errs,
        [
            "spec.containers[0].volumeMounts[1].name: Required value",
            "spec.containers[0].volumeMounts[1].name: Not found: \"\"",
            "spec.containers[0].volumeMounts[1].mountPath: Required value",
        ]
    );
}

fn probe(pod: &Node) -> &Node {
    pod.get("spec").unwrap().seq("containers")[0]
        .get("livenessProbe")
        .unwrap()
}

fn int(n: &Node, k: &str) -> Option<i64> {
    n.get(k).and_then(Node::as_i64)
}

#[test]
fn liveness_exec_probe_defaults() {
    let pod = only_pod(LIVENESS_EXEC);
    let p = probe(&pod);
    // Written in the notes:
    assert_eq!(int(p, "initialDelaySeconds"), Some(5));
    assert_eq!(int(p, "periodSeconds"), Some(5));
    assert!(!p.get("periodSeconds").unwrap().defaulted);
    // Added by SetDefaults_Probe:
    for (k, v) in [
        ("timeoutSeconds", 1),
        ("successThreshold", 1),
        ("failureThreshold", 3),
    ] {
        assert_eq!(int(p, k), Some(v), "{k}");
        assert!(
            p.get(k).unwrap().defaulted,
            "{k} should be marked defaulted"
        );
    }
    // An exec probe has no httpGet to default.
    assert!(p.get("httpGet").is_none());
    // `k8s.gcr.io/busybox` has no tag, so it counts as `:latest` and is always pulled.
    let c = &pod.get("spec").unwrap().seq("containers")[0];
    assert_eq!(c.str("imagePullPolicy"), Some("Always"));
}

#[test]
fn liveness_http_probe_defaults() {
    let pod = only_pod(LIVENESS_HTTP);
    let p = probe(&pod);
    assert_eq!(int(p, "periodSeconds"), Some(3));
    assert_eq!(int(p, "timeoutSeconds"), Some(1));
    assert_eq!(int(p, "failureThreshold"), Some(3));
    let h = p.get("httpGet").unwrap();
    // The path was written; the scheme is defaulted to HTTP; the port stays the number 8080.
    assert_eq!(h.str("path"), Some("/healthz"));
    assert!(!h.get("path").unwrap().defaulted);
    assert_eq!(h.str("scheme"), Some("HTTP"));
    assert!(h.get("scheme").unwrap().defaulted);
    assert_eq!(int(h, "port"), Some(8080));
}

#[test]
fn defaulting_is_idempotent_on_seed_pods() {
    // Defaulting a stored Pod again adds nothing (every default is already there).
    for (name, src) in VALID_PODS {
        let once = only_pod(src);
        let twice = default_pod(&once);
        assert_eq!(
            podplay_core::defaults::to_yaml(&once),
            podplay_core::defaults::to_yaml(&twice),
            "{name}"
        );
    }
}

#[test]
fn example_pod_through_validate_pod() {
    // The whole ValidatePodCreate also reports the Pod's own name (`example_pod`, '_' again);
    // the container error is among its results, unchanged.
    let pod = only_pod(EXAMPLE_POD);
    let all: Vec<String> = podplay_core::validate::validate_pod(&pod)
        .iter()
        .map(|d| d.field_error())
        .collect();
    let mine = container_diagnostics(&pod)[0].field_error();
    assert!(all.contains(&mine), "{all:#?}");
    assert!(
        all.iter()
            .any(|e| e.starts_with("metadata.name: Invalid value: \"example_pod\"")),
        "{all:#?}"
    );
}
