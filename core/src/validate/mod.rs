//! Semantic validation at API-server fidelity: `pkg/apis/core/validation/validation.go`, rule by rule.
//!
//! Input is a decoded, defaulted object tree (see `crate::decode`, `crate::defaults`): fields have
//! the right JSON types, unknown fields are gone, defaults are filled in. Output is the API
//! server's error list, in the order validation.go produces it, each with a span and bilingual help.
//! Where a value has the wrong JSON type anyway (decoding reported it), the rule that needs it is
//! skipped rather than guessed at.
//!
//! Layout (one file per part of validation.go):
//! - `names`: the string validators of apimachinery (`IsDNS1123Label`, `IsQualifiedName`, …)
//! - `meta`: ObjectMeta (`ValidateObjectMeta`: name, generateName, namespace, labels, annotations,
//!   ownerReferences, finalizers) and the label/selector helpers of `meta/v1/validation`
//! - `pod`: `ValidatePodCreate` / `ValidatePodSpec` and everything pod-level (restartPolicy, DNS,
//!   tolerations, hostAliases, topology spread, OS, scheduling gates, annotations that pods check)
//! - `security`: `validatePodSpecSecurityContext` (ids, sysctls, seccomp, AppArmor, Windows options)
//! - `affinity`: `validateAffinity` (node affinity, pod affinity and anti-affinity)
//! - `volumes`: `ValidateVolumes` and every volume source
//! - `container`: containers, init containers, ephemeral containers and everything in them
//!   (owned by the container engineer; `pod` calls it with a [`container::PodContext`])
//! - `other`: Service, ConfigMap, Secret, Node
//!
//! Map iteration: Go iterates maps (labels, annotations, data keys) in random order; we report in
//! source order, which is one of the orders the API server can produce.

pub mod affinity;
pub mod container;
mod container_env;
mod container_mounts;
mod container_ports;
mod container_probes;
mod container_resources;
mod container_security;
pub mod meta;
pub mod names;
pub mod other;
pub mod pod;
pub mod security;
pub mod volumes;

use crate::diag::{BadValue, Diagnostic, FieldPath, Text};
use crate::span::Span;
use crate::tree::{Node, Value};

/// `ValidatePodCreate`: the errors `kubectl apply` of this Pod would get from the API server.
pub fn validate_pod(pod: &Node) -> Vec<Diagnostic> {
    pod::validate_pod_create(pod)
}

/// `ValidateService` (create): ObjectMeta, ports, selector, type and the type-specific rules.
pub fn validate_service(obj: &Node) -> Vec<Diagnostic> {
    other::validate_service(obj)
}

/// `ValidateConfigMap`: keys, data/binaryData overlap, total size.
pub fn validate_config_map(obj: &Node) -> Vec<Diagnostic> {
    other::validate_config_map(obj)
}

/// `ValidateSecret`: keys, total size, the keys each secret type requires.
pub fn validate_secret(obj: &Node) -> Vec<Diagnostic> {
    other::validate_secret(obj)
}

/// `ValidateNode`: name, taints, podCIDRs.
pub fn validate_node(obj: &Node) -> Vec<Diagnostic> {
    other::validate_node(obj)
}

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

/// Attaches the rule id and the bilingual help (explanation, then fix) to a diagnostic.
pub(crate) fn help(
    d: Diagnostic,
    rule: &'static str,
    en: &str,
    zh: &str,
    fix_en: &str,
    fix_zh: &str,
) -> Diagnostic {
    d.with_rule(rule)
        .with_help(Text::new(en, zh), Text::new(fix_en, fix_zh))
}

/// A string field of `node` (absent, null or not a string → "").
pub(crate) fn str_of<'a>(node: &'a Node, key: &str) -> &'a str {
    node.str(key).unwrap_or("")
}

/// An integer field of `node`.
pub(crate) fn int_of(node: &Node, key: &str) -> Option<i64> {
    node.get(key).and_then(Node::as_i64)
}

/// A boolean field of `node` (absent → false, as Go's zero value).
pub(crate) fn bool_of(node: &Node, key: &str) -> bool {
    node.get(key).and_then(Node::as_bool).unwrap_or(false)
}

/// The string items of a list field (non-strings are skipped: decoding reported them).
pub(crate) fn strings_of<'a>(node: &'a Node, key: &str) -> Vec<(&'a str, Span)> {
    node.seq(key)
        .iter()
        .filter_map(|n| n.as_str().map(|s| (s, n.span)))
        .collect()
}

/// A Go `%#v` rendering of a `[]string` (how `field.Invalid(path, []string{…}, …)` prints).
pub(crate) fn go_string_slice(items: &[&str]) -> BadValue {
    let quoted: Vec<String> = items.iter().map(|s| crate::diag::go_quote(s)).collect();
    BadValue::Raw(format!("[]string{{{}}}", quoted.join(", ")))
}

/// Which apimachinery name format a value must have (for [`check_name`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NameFormat {
    /// `IsDNS1123Label` (volume names, namespaces, hostnames, port names of Services, …).
    Dns1123Label,
    /// `IsDNS1123Subdomain` (most object names, host aliases, node names, …).
    Dns1123Subdomain,
    /// `IsDNS1035Label` (Service names).
    Dns1035Label,
    /// `IsDNS1123SubdomainWithUnderscore` (DNS search domains).
    Dns1123SubdomainWithUnderscore,
}

impl NameFormat {
    pub(crate) fn messages(self, value: &str) -> Vec<String> {
        match self {
            NameFormat::Dns1123Label => names::is_dns1123_label(value),
            NameFormat::Dns1123Subdomain => names::is_dns1123_subdomain(value),
            NameFormat::Dns1035Label => names::is_dns1035_label(value),
            NameFormat::Dns1123SubdomainWithUnderscore => {
                names::is_dns1123_subdomain_with_underscore(value)
            }
        }
    }

    /// What the format is, in plain words (English, Chinese).
    fn describe(self) -> (&'static str, &'static str) {
        match self {
            NameFormat::Dns1123Label => (
                "a lowercase RFC 1123 label: at most 63 characters, only a-z, 0-9 and '-', starting and ending with a letter or digit (no dots, no underscores, no capitals)",
                "小写的 RFC 1123 标签：最多 63 个字符，只能用 a-z、0-9 和 '-'，并以字母或数字开头和结尾（不能有点、下划线或大写字母）",
            ),
            NameFormat::Dns1123Subdomain => (
                "a lowercase RFC 1123 subdomain: at most 253 characters, only a-z, 0-9, '-' and '.', starting and ending with a letter or digit (no underscores, no capitals)",
                "小写的 RFC 1123 子域名：最多 253 个字符，只能用 a-z、0-9、'-' 和 '.'，并以字母或数字开头和结尾（不能有下划线或大写字母）",
            ),
            NameFormat::Dns1035Label => (
                "a DNS-1035 label: at most 63 characters, only a-z, 0-9 and '-', starting with a letter and ending with a letter or digit",
                "DNS-1035 标签：最多 63 个字符，只能用 a-z、0-9 和 '-'，必须以字母开头、以字母或数字结尾",
            ),
            NameFormat::Dns1123SubdomainWithUnderscore => (
                "a DNS domain: lowercase labels of a-z, 0-9, '-' and '_' separated by dots, each starting and ending with a letter or digit (a label may start with '_')",
                "一个 DNS 域名：由点分隔的小写标签，每段只能用 a-z、0-9、'-' 和 '_'，以字母或数字开头和结尾（可以以 '_' 开头）",
            ),
        }
    }

    /// A mechanical fix for a bad value, if one is obvious (lowercase, '_' → '-', trim).
    pub(crate) fn suggest(self, value: &str) -> Option<String> {
        let max = match self {
            NameFormat::Dns1123Label | NameFormat::Dns1035Label => 63,
            _ => 253,
        };
        let keep_dots = self == NameFormat::Dns1123Subdomain;
        let lower = matches!(
            self,
            NameFormat::Dns1123Label | NameFormat::Dns1123Subdomain | NameFormat::Dns1035Label
        );
        if !matches!(
            self,
            NameFormat::Dns1123Label | NameFormat::Dns1123Subdomain | NameFormat::Dns1035Label
        ) {
            return None;
        }
        let mut s = String::with_capacity(value.len());
        for c in value.chars() {
            let c = if lower { c.to_ascii_lowercase() } else { c };
            if c.is_ascii_alphanumeric() || (c == '.' && keep_dots) {
                s.push(c);
            } else if c == '-' || c == '_' || c == ' ' || c == '.' {
                if !s.ends_with('-') {
                    s.push('-');
                }
            } else {
                return None;
            }
        }
        let s = s
            .trim_matches(|c: char| !c.is_ascii_alphanumeric())
            .to_string();
        if s.is_empty() || s.len() > max || s == value || !self.messages(&s).is_empty() {
            return None;
        }
        // The suggestion replaces a YAML scalar: only offer it when it stays a plain string.
        let starts_with_letter = s.starts_with(|c: char| c.is_ascii_alphabetic());
        let yaml_word = matches!(
            s.as_str(),
            "y" | "n" | "yes" | "no" | "on" | "off" | "true" | "false" | "null"
        );
        if !starts_with_letter || yaml_word {
            return None;
        }
        Some(s)
    }
}

/// Reports every message of `format` for `value` as `field.Invalid(path, value, msg)`, with help
/// that names `what` (e.g. `("the Pod's name", "Pod 的名字")`) and a quick fix when mechanical.
pub(crate) fn check_name(
    format: NameFormat,
    value: &str,
    path: &FieldPath,
    span: Span,
    what: (&str, &str),
    rule: &'static str,
    errs: &mut Vec<Diagnostic>,
) {
    let msgs = format.messages(value);
    if msgs.is_empty() {
        return;
    }
    let (fmt_en, fmt_zh) = format.describe();
    let suggestion = format.suggest(value);
    for msg in msgs {
        let (fix_en, fix_zh) = match &suggestion {
            Some(s) => (
                format!("Change it to a valid value, for example `{s}`."),
                format!("把它改成合法的值，例如 `{s}`。"),
            ),
            None => (
                format!("Change {} so that it is {fmt_en}.", what.0),
                format!("修改{}，使它符合：{fmt_zh}。", what.1),
            ),
        };
        let mut d = help(
            Diagnostic::invalid(path, span, value, msg),
            rule,
            &format!(
                "{} is {}, but it must be {fmt_en}.",
                upper_first(what.0),
                crate::diag::go_quote(value)
            ),
            &format!(
                "{}是 {}，但它必须是{fmt_zh}。",
                what.1,
                crate::diag::go_quote(value)
            ),
            &fix_en,
            &fix_zh,
        );
        if let Some(s) = &suggestion {
            d = d.with_replacement(span, s.clone());
        }
        errs.push(d);
    }
}

pub(crate) fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// The items of a mapping of strings (`labels`, `nodeSelector`, `data`), as (key, key span,
/// value, value span); non-string values are skipped (decoding reported them).
pub(crate) fn string_map(node: Option<&Node>) -> Vec<(&str, Span, &str, Span)> {
    let Some(Value::Map(entries)) = node.map(|n| &n.value) else {
        return Vec::new();
    };
    entries
        .iter()
        .filter_map(|e| {
            let v = match &e.value.value {
                Value::Str(s) => s.as_str(),
                Value::Null => "",
                _ => return None,
            };
            Some((e.key.as_str(), e.key_span, v, e.value.span))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn suggestions_are_valid_and_plain() {
        assert_eq!(
            NameFormat::Dns1123Subdomain
                .suggest("example_pod")
                .as_deref(),
            Some("example-pod")
        );
        assert_eq!(
            NameFormat::Dns1123Label.suggest("Web").as_deref(),
            Some("web")
        );
        assert_eq!(
            NameFormat::Dns1123Label.suggest("a.b").as_deref(),
            Some("a-b")
        );
        assert_eq!(NameFormat::Dns1123Label.suggest("名字"), None);
        assert_eq!(NameFormat::Dns1123Label.suggest("_123"), None);
        assert_eq!(NameFormat::Dns1123Label.suggest("No"), None);
        assert_eq!(
            NameFormat::Dns1123SubdomainWithUnderscore.suggest("a b"),
            None
        );
    }
}
