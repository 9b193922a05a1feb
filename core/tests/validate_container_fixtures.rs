//! One fixture per container rule: `tests/fixtures/validate/container/<rule>.yaml` → the
//! container diagnostics of each Pod in it (`L:C-L:C field: body`, then the English help, then
//! the quick fix when there is one). `BLESS=1` rewrites the `.out` files.
mod common;
mod validate_support;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

#[test]
fn container_validation_fixtures() {
    common::check_area("validate/container", |_name, input| {
        validate_support::render_containers(input)
    });
}

/// Every quick fix offered in a fixture, applied to the source, makes its own diagnostic go
/// away (and the edited manifest still reads as YAML).
#[test]
fn quick_fixes_resolve_their_diagnostic() {
    let inputs = common::FIXTURES
        .iter()
        .filter(|(n, _, _)| n.starts_with("validate/container/"))
        .map(|(n, i, _)| (*n, *i));
    let checked = validate_support::check_quick_fixes(
        inputs,
        |src| {
            validate_support::defaulted_objects(src)
                .iter()
                .flat_map(validate_support::container_diagnostics)
                .collect()
        },
        |x, d| x.field == d.field && x.rule == d.rule,
    );
    assert!(checked >= 10, "only {checked} quick fixes were exercised");
}

/// `validate::validate_pod` (the whole `ValidatePodCreate`) reports exactly the container
/// diagnostics these fixtures expect for the regular and init containers: the pod-level code
/// calls the container entry points at the right place.
#[test]
fn validate_pod_reports_the_same_container_errors() {
    for (name, input, _) in common::FIXTURES
        .iter()
        .filter(|(n, _, _)| n.starts_with("validate/container/"))
    {
        for obj in validate_support::defaulted_objects(input) {
            if obj.str("kind") != Some("Pod")
                || obj
                    .path("spec")
                    .is_some_and(|s| s.get("ephemeralContainers").is_some())
            {
                continue;
            }
            let in_containers =
                |f: &str| f.starts_with("spec.containers") || f.starts_with("spec.initContainers");
            let mine: Vec<String> = validate_support::container_diagnostics(&obj)
                .iter()
                .filter(|d| in_containers(&d.field))
                .map(|d| d.field_error())
                .collect();
            let all: Vec<String> = podplay_core::validate::validate_pod(&obj)
                .iter()
                .filter(|d| in_containers(&d.field))
                .map(|d| d.field_error())
                .collect();
            assert_eq!(all, mine, "{name}");
        }
    }
}

/// A mount without a volume name: the not-found help names the manifest's own volumes, never
/// the ServiceAccount token volume admission added (`kube-api-access-…`), and no empty name.
#[test]
fn a_mount_without_a_name_is_helped_with_the_manifests_own_volumes() {
    let input = common::fixture("validate/container/volume-mount-name-empty");
    let objs = validate_support::defaulted_objects(input);
    let diags: Vec<_> = objs
        .iter()
        .flat_map(validate_support::container_diagnostics)
        .filter(|d| d.field == "spec.containers[0].volumeMounts[0].name")
        .collect();
    assert_eq!(diags.len(), 2, "required and not found: {diags:?}");
    for d in &diags {
        for text in [&d.explanation.en, &d.explanation.zh, &d.fix.en, &d.fix.zh] {
            assert!(!text.contains("kube-api-access"), "{text}");
            assert!(!text.contains("``") && !text.contains("\"\""), "{text}");
        }
    }
    let not_found = diags.iter().find(|d| d.kind.as_str() == "Not found");
    let fix = &not_found.expect("a Not found error").fix.en;
    assert!(fix.contains("(data)"), "{fix}");
}
