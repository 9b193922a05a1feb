//! Semantic validation at API-server fidelity: `pkg/apis/core/validation/validation.go`, rule by rule.
//!
//! Input is a decoded, defaulted object tree (see `crate::decode`, `crate::defaults`): fields have
//! the right JSON types, unknown fields are gone, defaults are filled in. Output is the API
//! server's error list, in the order validation.go produces it, each with a span and bilingual help.
//!
//! Layout (one file per part of validation.go):
//! - `names`: the string validators of apimachinery (`IsDNS1123Label`, `IsQualifiedName`, …)
//! - `meta`: ObjectMeta (`ValidateObjectMeta`: name, generateName, namespace, labels, annotations)
//! - `pod`: `ValidatePodCreate` / `ValidatePodSpec` and everything pod-level
//! - `volumes`: `ValidateVolumes` and every volume source
//! - `container`: containers, init containers, ephemeral containers and everything in them
//! - `other`: Service, ConfigMap, Secret, Node

pub mod container;
pub mod meta;
pub mod names;
pub mod other;
pub mod pod;
pub mod volumes;

use crate::span::Span;
use crate::tree::Node;

/// Where to point for a field that is missing from `parent`: the parent's first key (so that the
/// underline sits on the first line of the object, e.g. the `- name:` line of a container), or
/// the parent node itself when it has no keys.
pub(crate) fn missing(parent: &Node) -> Span {
    match parent.as_map().and_then(|m| m.first()) {
        Some(first) => first.key_span,
        None => parent.span,
    }
}

/// The span of `key`'s key text in `parent`, or [`missing`] when it is absent.
pub(crate) fn key_span(parent: &Node, key: &str) -> Span {
    parent
        .entry(key)
        .map(|e| e.key_span)
        .unwrap_or_else(|| missing(parent))
}

/// The span of `key`'s value in `parent`, or [`missing`] when it is absent.
pub(crate) fn value_span(parent: &Node, key: &str) -> Span {
    parent
        .entry(key)
        .map(|e| e.value.span)
        .unwrap_or_else(|| missing(parent))
}
