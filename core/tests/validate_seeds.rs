//! The study notes' manifests (`tests/fixtures/seeds/`) through the whole validation (ObjectMeta,
//! pod spec, containers, volumes; Services), with what each one must give and why.
mod validate_support;

use podplay_core::diag::ErrorType;
use podplay_core::validate;
use validate_support::{defaulted_objects, diagnostics};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const EXAMPLE_POD: &str = include_str!("fixtures/seeds/example-pod.yaml");

/// Every seed that is a complete object: (fixture, the kinds it holds).
const COMPLETE_SEEDS: &[(&str, &str, &[&str])] = &[
    (
        "hello-pod",
        include_str!("fixtures/seeds/hello-pod.yaml"),
        &["Pod"],
    ),
    (
        "initpod",
        include_str!("fixtures/seeds/initpod.yaml"),
        &["Pod"],
    ),
    (
        "k8sbook-service",
        include_str!("fixtures/seeds/k8sbook-service.yaml"),
        &["Service"],
    ),
    (
        "git-sync",
        include_str!("fixtures/seeds/git-sync.yaml"),
        &["Pod", "Service"],
    ),
    ("myweb", include_str!("fixtures/seeds/myweb.yaml"), &["Pod"]),
    (
        "myweb-joined",
        include_str!("fixtures/seeds/myweb-joined.yaml"),
        &["Pod"],
    ),
    (
        "javaweb-2-hostpost",
        include_str!("fixtures/seeds/javaweb-2-hostpost.yaml"),
        &["Pod"],
    ),
    (
        "projected-volume",
        include_str!("fixtures/seeds/projected-volume.yaml"),
        &["Pod"],
    ),
    (
        "downwardapi-volume",
        include_str!("fixtures/seeds/downwardapi-volume.yaml"),
        &["Pod"],
    ),
    (
        "liveness-exec",
        include_str!("fixtures/seeds/liveness-exec.yaml"),
        &["Pod"],
    ),
    (
        "liveness-http",
        include_str!("fixtures/seeds/liveness-http.yaml"),
        &["Pod"],
    ),
    (
        "nginx-shareprocessnamespace",
        include_str!("fixtures/seeds/nginx-shareprocessnamespace.yaml"),
        &["Pod"],
    ),
];

#[test]
fn example_pod_gives_exactly_the_api_servers_two_errors() {
    // `kubectl apply -f example-pod.yaml` against a 1.37 API server answers:
    //   The Pod "example_pod" is invalid:
    //   * metadata.name: Invalid value: "example_pod": a lowercase RFC 1123 subdomain …
    //   * spec.containers[0].name: Invalid value: "example_app_container": a lowercase RFC 1123 label …
    // Pod names are DNS subdomains and container names DNS labels; '_' is allowed in neither.
    // The label `app: example_app` is fine: label values may contain '_'.
    let diags = diagnostics(EXAMPLE_POD);
    let lines: Vec<String> = diags.iter().map(|d| d.field_error()).collect();
    assert_eq!(
        lines,
        vec![
            "metadata.name: Invalid value: \"example_pod\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')".to_string(),
            "spec.containers[0].name: Invalid value: \"example_app_container\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')".to_string(),
        ]
    );
    assert!(diags.iter().all(|d| d.kind == ErrorType::Invalid));
    // The first points at the value on line 5 and offers the mechanical fix.
    let name = &diags[0];
    assert_eq!(&EXAMPLE_POD[name.span.range()], "example_pod");
    assert_eq!(name.rule, podplay_core::rules::META_NAME_DNS_SUBDOMAIN);
    assert_eq!(
        name.replacement.as_ref().map(|r| r.text.as_str()),
        Some("example-pod")
    );
    assert!(!name.explanation.zh.is_empty() && !name.fix.en.is_empty() && !name.fix.zh.is_empty());
    // kubectl's wording for the whole answer names the Pod by its (invalid) name.
    assert!(validate::names::is_dns1123_subdomain("example-pod").is_empty());
}

#[test]
fn every_complete_seed_is_valid() {
    // These manifests are what the notes run successfully: a 1.37 API server accepts them all.
    for (name, src, kinds) in COMPLETE_SEEDS {
        let objs = defaulted_objects(src);
        let found: Vec<&str> = objs.iter().filter_map(|o| o.str("kind")).collect();
        assert_eq!(&found, kinds, "{name}: kinds");
        let diags = diagnostics(src);
        assert!(
            diags.is_empty(),
            "{name}: {:#?}",
            diags.iter().map(|d| d.field_error()).collect::<Vec<_>>()
        );
    }
}

#[test]
fn javaweb_indent_mistake_only_breaks_the_volume_mount() {
    // In javaweb-2-indent the `ports:` block is indented under the second volumeMounts item, so
    // that item has no name and no mountPath (decoding reports the unknown fields). Validation
    // adds exactly the three container errors about that mount; nothing pod-level is wrong.
    let src = include_str!("fixtures/seeds/javaweb-2-indent.yaml");
    let lines: Vec<String> = diagnostics(src).iter().map(|d| d.field_error()).collect();
    assert_eq!(
        lines,
        vec![
            "spec.containers[0].volumeMounts[1].name: Required value",
            "spec.containers[0].volumeMounts[1].name: Not found: \"\"",
            "spec.containers[0].volumeMounts[1].mountPath: Required value",
        ]
    );
}
