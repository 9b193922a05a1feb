//! Every seed manifest (`tests/fixtures/seeds/`) decodes with exactly the decode-stage errors the
//! real API server / kubectl report. Explicit assertions, one test per seed family.
//! The seeds with YAML syntax errors (`myweb-env-fragment`, `myweb-joined`, `projected-volume`'s
//! trailing shell lines) are the YAML reader's to report (see `yaml_fixtures.rs`).
mod common;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use podplay_core::decode::{decode, kubectl_message, rules, Decoded};
use podplay_core::diag::{ErrorType, Stage};
use podplay_core::schema::Kind;

fn seed(name: &str) -> String {
    common::fixture(&format!("seeds/{}", name.trim_end_matches(".yaml"))).to_string()
}

fn decode_all(name: &str) -> Vec<Decoded> {
    common::roots(&seed(name))
        .into_iter()
        .map(|d| decode(&d.unwrap_or_else(|| panic!("{name}: empty document"))))
        .collect()
}

fn errors(d: &Decoded) -> Vec<String> {
    d.diagnostics
        .iter()
        .filter(|x| x.stage != Stage::Note)
        .map(|x| x.field_error())
        .collect()
}

#[test]
fn clean_seeds_decode_without_errors() {
    for name in [
        "hello-pod.yaml",
        "initpod.yaml",
        "k8sbook-service.yaml",
        "git-sync.yaml",
        "myweb.yaml",
        "downwardapi-volume.yaml",
        "liveness-exec.yaml",
        "liveness-http.yaml",
        "example-pod.yaml",
        "nginx-shareprocessnamespace.yaml",
    ] {
        for d in decode_all(name) {
            assert!(d.kind.is_some(), "{name}: {:?}", d.diagnostics);
            assert_eq!(errors(&d), Vec::<String>::new(), "{name}");
            assert!(d.object.is_some(), "{name}");
        }
    }
    // git-sync.yaml holds a Pod then a Service.
    let kinds: Vec<_> = decode_all("git-sync.yaml").iter().map(|d| d.kind).collect();
    assert_eq!(kinds, vec![Some(Kind::Pod), Some(Kind::Service)]);
}

#[test]
fn javaweb_hostpost_is_an_unknown_field_with_a_suggestion() {
    // `hostPost: 8001` under ports[0]: the notes' typo of hostPort.
    let d = decode_all("javaweb-2-hostpost.yaml").remove(0);
    assert_eq!(d.diagnostics.len(), 1);
    let u = &d.diagnostics[0];
    assert_eq!(u.kind, ErrorType::UnknownField);
    assert_eq!(u.field, "spec.containers[0].ports[0].hostPost");
    assert_eq!(u.detail, "did you mean \"hostPort\"?");
    assert_eq!(
        u.replacement.as_ref().map(|r| r.text.as_str()),
        Some("hostPort")
    );
    assert_eq!(
        kubectl_message(&d, "javaweb-2.yaml").unwrap(),
        "Error from server (BadRequest): error when creating \"javaweb-2.yaml\": Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: unknown field \"spec.containers[0].ports[0].hostPost\""
    );
}

#[test]
fn javaweb_indent_puts_ports_inside_volume_mounts() {
    // `ports:` is indented under volumeMounts[0], so it is a VolumeMount field, and the port
    // item `- containerPort: 8080 / hostPort: 8001` became volumeMounts[1].
    let d = decode_all("javaweb-2-indent.yaml").remove(0);
    let fields: Vec<&str> = d.diagnostics.iter().map(|x| x.field.as_str()).collect();
    // In the order the API server meets them (keys sorted).
    assert_eq!(
        fields,
        vec![
            "spec.containers[0].volumeMounts[0].ports",
            "spec.containers[0].volumeMounts[1].containerPort",
            "spec.containers[0].volumeMounts[1].hostPort",
        ]
    );
    assert!(d
        .diagnostics
        .iter()
        .all(|x| x.kind == ErrorType::UnknownField));
    // `ports` is a Container field one level up: the help says to fix the indentation.
    assert!(d.diagnostics[0].explanation.en.contains("one level up"));
    assert_eq!(
        kubectl_message(&d, "javaweb-2.yaml").unwrap(),
        "Error from server (BadRequest): error when creating \"javaweb-2.yaml\": Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: unknown field \"spec.containers[0].volumeMounts[0].ports\", unknown field \"spec.containers[0].volumeMounts[1].containerPort\", unknown field \"spec.containers[0].volumeMounts[1].hostPort\""
    );
}

#[test]
fn fragments_have_no_api_version_or_kind() {
    for name in [
        "nodeselector-fragment.yaml",
        "lifecycle-fragment.yaml",
        "hostaliases-fragment.yaml",
        "mysql-resources-fragment.yaml",
    ] {
        let d = decode_all(name).remove(0);
        let rules_fired: Vec<podplay_core::rules::RuleId> =
            d.diagnostics.iter().map(|x| x.rule).collect();
        assert_eq!(
            rules_fired,
            vec![rules::API_VERSION_NOT_SET, rules::KIND_NOT_SET],
            "{name}"
        );
        assert_eq!(
            kubectl_message(&d, name).unwrap(),
            format!("error: error validating \"{name}\": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false")
        );
        assert!(d.object.is_none());
    }
}

#[test]
fn nodeselector_fragment_misindents_disktype() {
    // `nodeSelector:` is empty (null) and `disktype: ssd` sits beside it in spec: kubectl stops
    // at the missing apiVersion/kind first; the tree shows why disktype would be unknown next.
    let docs = common::roots(&seed("nodeselector-fragment.yaml"));
    let doc = docs[0].as_ref().unwrap();
    let spec = doc.get("spec").unwrap();
    assert!(spec.entry("nodeSelector").unwrap().value.is_null());
    assert_eq!(spec.str("disktype"), Some("ssd"));
}
