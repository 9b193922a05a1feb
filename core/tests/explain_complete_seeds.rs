//! Completion and hover at cursor positions in the seed manifests (text-only completion needs
//! no parsed tree, so these run before the YAML reader lands).
use podplay_core::explain::{complete, CompletionKind};

const HELLO: &str = include_str!("fixtures/seeds/hello-pod.yaml");
const SVC: &str = include_str!("fixtures/seeds/k8sbook-service.yaml");
const INDENT: &str = include_str!("fixtures/seeds/javaweb-2-indent.yaml");
const FRAGMENT: &str = include_str!("fixtures/seeds/nodeselector-fragment.yaml");

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

fn labels_at(src: &str, offset: usize) -> Vec<String> {
    complete(src, None, offset as u32)
        .items
        .into_iter()
        .map(|i| i.label)
        .collect()
}

#[test]
fn positions_in_hello_pod() {
    // End of `    - containerPort: 8080` line → nothing (a value of an int field).
    let at = HELLO.find("8080").unwrap() + 4;
    assert!(labels_at(HELLO, at).is_empty());
    // Start of the `  containers:` line, before `c`: PodSpec fields except containers.
    let at = HELLO.find("  containers:").unwrap() + 2;
    let l = labels_at(HELLO, at);
    assert!(l.contains(&"restartPolicy".to_string()), "{l:?}");
    // After `    image: nigelpoulton/k8sbook:1.0` + newline + 4 spaces: Container fields.
    let mut src = HELLO.to_string();
    let at = src.find("    ports:").unwrap();
    src.insert_str(at, "    \n");
    let l = labels_at(&src, at + 4);
    assert!(l.contains(&"livenessProbe".to_string()));
    assert!(!l.contains(&"image".to_string()) && !l.contains(&"ports".to_string()));
    // Inside metadata: ObjectMeta fields, labels/name already present.
    let at = HELLO.find("  labels:").unwrap() + 2;
    let l = labels_at(HELLO, at);
    assert!(l.contains(&"namespace".to_string()) && !l.contains(&"name".to_string()));
}

#[test]
fn service_type_values() {
    let at = SVC.find("type: ").unwrap() + "type: ".len();
    let c = complete(SVC, None, at as u32);
    let l: Vec<&str> = c.items.iter().map(|i| i.label.as_str()).collect();
    // The cursor sits right after `type: `: nothing typed yet, every ServiceType is offered.
    assert_eq!(
        l,
        vec!["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]
    );
    assert!(c.items.iter().all(|i| i.kind == CompletionKind::Value));
    let start = at as u32;
    assert_eq!(c.span.start, start);
}

#[test]
fn misindented_ports_complete_as_volume_mount_fields() {
    // `      ports:` sits at the volumeMount's key column, so the editor offers VolumeMount
    // fields there — which is why `ports` is an unknown field.
    let at = INDENT.find("      ports:").unwrap() + 6;
    let l = labels_at(INDENT, at);
    assert!(l.contains(&"subPath".to_string()));
    assert!(!l.contains(&"mountPath".to_string()));
}

#[test]
fn fragment_without_kind_completes_as_a_pod() {
    let at = FRAGMENT.find("disktype").unwrap() + 2;
    // `  disktype` is at PodSpec's key column: PodSpec fields starting with `disktype` — none.
    assert!(labels_at(FRAGMENT, at + 6).is_empty());
    let l = labels_at(FRAGMENT, at);
    assert!(l.is_empty() || l.iter().all(|x| x.starts_with("di")));
    assert!(labels_at(FRAGMENT, 0).contains(&"apiVersion".to_string()));
}
