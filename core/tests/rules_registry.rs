//! The rule registry (`podplay_core::rules`) against the fixtures: every registered rule fires in
//! at least one fixture (so anyone can go from an error's rule id to an example of it), every
//! rule that fires is registered, and ids keep the one naming style.
mod common;
mod validate_support;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use std::collections::BTreeSet;

use podplay_core::rules::{self, RuleId};

/// The rules every fixture's analysis reports (errors and warnings of every document), and the
/// container rules the container fixtures exercise through the container entry points
/// (ephemeral containers are refused on create before their own rules are reported).
fn fired() -> BTreeSet<RuleId> {
    let mut out = BTreeSet::new();
    for (name, input, _) in common::FIXTURES.iter() {
        for doc in podplay_core::analyze::analyze(input).documents {
            out.extend(doc.diagnostics.iter().map(|d| d.rule));
        }
        if name.starts_with("validate/container/") {
            for obj in validate_support::defaulted_objects(input) {
                out.extend(
                    validate_support::container_diagnostics(&obj)
                        .iter()
                        .map(|d| d.rule),
                );
            }
        }
    }
    out
}

/// Rules ported from the API server that no manifest can reach in the playground's pipeline,
/// and why. Each is checked not to fire, so that the list cannot hide a rule that does.
const UNREACHABLE: &[(RuleId, &str)] = &[
    (rules::DECODE_TOO_DEEP, "a safety bound: the schemas of the five kinds nest less than 64 levels, and free-form JSON (fieldsV1) is not walked"),
    (rules::FIELD_REF_API_VERSION, "defaulting sets fieldRef.apiVersion to v1 first"),
    (rules::HTTP_GET_PATH_REQUIRED, "defaulting sets httpGet.path to / first"),
    (rules::IMAGE_PULL_POLICY_REQUIRED, "defaulting sets imagePullPolicy first"),
    (rules::PORT_PROTOCOL_REQUIRED, "defaulting sets a port's protocol to TCP first"),
    (rules::TERMINATION_MESSAGE_POLICY_REQUIRED, "defaulting sets terminationMessagePolicy to File first"),
    (rules::VOLUME_SOURCE_NONE, "defaulting makes a volume without a source an emptyDir first"),
    (rules::META_NAME_DNS_LABEL, "none of the five kinds takes a DNS-label name (Namespaces would)"),
];

#[test]
fn every_registered_rule_has_a_fixture() {
    let fired = fired();
    let missing: Vec<&str> = rules::ALL
        .iter()
        .filter(|r| !fired.contains(r) && !UNREACHABLE.iter().any(|(u, _)| u == *r))
        .map(|r| r.as_str())
        .collect();
    assert!(missing.is_empty(), "rules without a fixture: {missing:?}");
    for (r, why) in UNREACHABLE {
        assert!(
            !fired.contains(r),
            "{r} fires, but is listed as unreachable ({why})"
        );
    }
}

#[test]
fn every_rule_that_fires_is_registered() {
    for r in fired() {
        assert!(
            r.is_none() || rules::ALL.contains(&r),
            "{r} fires but is not registered"
        );
    }
}

#[test]
fn rule_ids_are_unique_lowercase_words_joined_by_dashes() {
    let mut seen = BTreeSet::new();
    for r in rules::ALL {
        let id = r.as_str();
        assert!(seen.insert(id), "{id} is registered twice");
        let ok = !id.is_empty()
            && id.split('-').all(|w| {
                !w.is_empty()
                    && w.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            });
        assert!(ok, "{id} does not follow the naming style");
    }
}
