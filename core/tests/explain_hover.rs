//! Hover over keys and values of a seed manifest.
mod common;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use podplay_core::explain::hover;
use podplay_core::schema::Kind;

const HELLO: &str = include_str!("fixtures/seeds/hello-pod.yaml");

#[test]
fn hover_over_keys_and_values() {
    let root = common::roots(HELLO).remove(0).unwrap();
    let at = HELLO.find("image:").unwrap() as u32 + 2;
    let h = hover(&root, Kind::Pod, at).unwrap();
    assert_eq!(h.field_path, "spec.containers[0].image");
    assert_eq!(h.explain_path, "pod.spec.containers.image");
    assert_eq!(h.type_name, "<string>");
    assert!(h.description.starts_with("Container image name."));
    assert!(!h.required);
    assert_eq!(h.span.text(HELLO), "image");
    // On the value: same field, the value's span.
    let at = HELLO.find("nigelpoulton").unwrap() as u32 + 3;
    let h = hover(&root, Kind::Pod, at).unwrap();
    assert_eq!(h.field_path, "spec.containers[0].image");
    assert_eq!(h.span.text(HELLO), "nigelpoulton/k8sbook:1.0");
    let at = HELLO.find("containerPort").unwrap() as u32;
    let h = hover(&root, Kind::Pod, at).unwrap();
    assert_eq!(h.field_path, "spec.containers[0].ports[0].containerPort");
    assert!(h.required);
    assert_eq!(h.type_name, "<integer>");
}

#[test]
fn hover_shows_enum_values() {
    let src = "apiVersion: v1\nkind: Pod\nspec:\n  restartPolicy: Never\n";
    let root = common::roots(src).remove(0).unwrap();
    let at = src.find("restartPolicy").unwrap() as u32;
    let h = hover(&root, Kind::Pod, at).unwrap();
    assert_eq!(h.enum_values, Some(&["Always", "Never", "OnFailure"][..]));
}
