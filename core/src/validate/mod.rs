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
//! - `container` (+ `container_env`, `container_mounts`, `container_ports`, `container_probes`,
//!   `container_resources`, `container_security`): containers, init containers, ephemeral
//!   containers and everything in them; `pod` calls them with a [`container::PodContext`]
//! - `other`: Service, ConfigMap, Secret, Node
//!
//! Every diagnostic carries a rule id and bilingual help: most rules attach it where they fire
//! (`help`, `check_name` for the name formats), a few rare ones share a table (`fill_help`).
//! The public entry points below run the kind's whole validation and then fill in shared help.
//!
//! Map iteration: Go iterates maps (labels, annotations, data keys) in random order; we report in
//! source order, which is one of the orders the API server can produce.

pub mod affinity;
pub mod config;
pub mod container;
mod container_env;
mod container_mounts;
mod container_ports;
mod container_probes;
mod container_resources;
mod container_security;
mod field_selectors;
pub mod meta;
pub mod names;
pub mod node;
pub mod pod;
pub mod security;
pub mod service;
pub mod volumes;

use crate::diag::{BadValue, Diagnostic, FieldPath, Text};
use crate::rules::{self, RuleId};
use crate::span::Span;
use crate::tree::{Node, Value};

/// `ValidatePodCreate`: the errors `kubectl apply` of this Pod would get from the API server.
pub fn validate_pod(pod: &Node) -> Vec<Diagnostic> {
    let mut errs = pod::validate_pod_create(pod);
    fill_help(&mut errs);
    errs
}

/// `ValidateService` (create): ObjectMeta, ports, selector, type and the type-specific rules.
pub fn validate_service(obj: &Node) -> Vec<Diagnostic> {
    let mut errs = service::validate_service(obj);
    fill_help(&mut errs);
    errs
}

/// `ValidateConfigMap`: keys, data/binaryData overlap, total size.
pub fn validate_config_map(obj: &Node) -> Vec<Diagnostic> {
    let mut errs = config::validate_config_map(obj);
    fill_help(&mut errs);
    errs
}

/// `ValidateSecret`: keys, total size, the keys each secret type requires.
pub fn validate_secret(obj: &Node) -> Vec<Diagnostic> {
    let mut errs = config::validate_secret(obj);
    fill_help(&mut errs);
    errs
}

/// `ValidateNode`: name, taints, podCIDRs.
pub fn validate_node(obj: &Node) -> Vec<Diagnostic> {
    let mut errs = node::validate_node(obj);
    fill_help(&mut errs);
    errs
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
    rule: RuleId,
    en: impl Into<String>,
    zh: impl Into<String>,
    fix_en: impl Into<String>,
    fix_zh: impl Into<String>,
) -> Diagnostic {
    d.with_rule(rule)
        .with_help(Text::new(en, zh), Text::new(fix_en, fix_zh))
}

/// An empty map at `near`'s place: what an absent object (a missing `spec`) is read as.
pub(crate) fn empty_map(near: &Node) -> Node {
    Node::new(Value::Map(Vec::new()), near.span)
}

/// The error for two addresses (`what`: "IP" or "CIDR") of the same IP family where a dual-stack
/// list allows one of each: at the second item, with the whole list as the value.
pub(crate) fn one_per_family(
    path: &FieldPath,
    second: Span,
    list: &[&str],
    what: &str,
    rule: RuleId,
) -> Diagnostic {
    Diagnostic::invalid(
        path,
        second,
        go_string_slice(list),
        format!("may specify no more than one {what} for each IP family"),
    )
    .with_rule(rule)
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
    rule: RuleId,
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
            format!(
                "{} is {}, but it must be {fmt_en}.",
                upper_first(what.0),
                crate::diag::go_quote(value)
            ),
            format!(
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

/// Help for the rules that share one explanation and are attached by id (rare Service, Node and
/// volume rules); [`fill_help`] adds it to every diagnostic that has none yet.
fn shared_help(rule: RuleId) -> Option<[&'static str; 4]> {
    Some(match rule {
        rules::POD_RESOURCE_CLAIMS_DUPLICATE => [
            "Two resource claims of the Pod have the same name; containers refer to claims by name, so names must be unique.",
            "Pod 的两个资源声明同名；容器按名字引用声明，所以名字必须唯一。",
            "Rename one of the claims.",
            "给其中一个声明改名。",
        ],
        rules::POD_RESOURCES_CLAIMS => [
            "Dynamic resource claims are given per container (resources.claims), not in the Pod-level resources.",
            "动态资源声明要写在各个容器的 resources.claims 里，不能写在 Pod 级 resources 里。",
            "Move the claims to the containers that use them.",
            "把 claims 移到使用它们的容器里。",
        ],
        rules::SERVICE_SESSION_AFFINITY_CONFIG => [
            "sessionAffinityConfig only applies with sessionAffinity: ClientIP, and its timeout is between 1 and 86400 seconds.",
            "sessionAffinityConfig 只在 sessionAffinity: ClientIP 时有效，超时时间在 1 到 86400 秒之间。",
            "Set `sessionAffinity: ClientIP`, or remove sessionAffinityConfig.",
            "设置 `sessionAffinity: ClientIP`，或者删掉 sessionAffinityConfig。",
        ],
        rules::SERVICE_NODE_PORT_DUPLICATE => [
            "Two ports of the Service ask for the same node port and protocol; each node port can serve only one Service port.",
            "Service 的两个端口要求了相同的节点端口和协议；一个节点端口只能服务一个 Service 端口。",
            "Use a different nodePort, or leave nodePort out to get one allocated.",
            "换一个 nodePort，或者不写 nodePort 让系统分配。",
        ],
        rules::SERVICE_LOAD_BALANCER_CLASS => [
            "loadBalancerClass names the load-balancer implementation, as a qualified name like example.com/internal-vip.",
            "loadBalancerClass 是负载均衡实现的名字，要写成限定名，例如 example.com/internal-vip。",
            "Use a qualified name, or remove the field to use the cloud's default.",
            "使用限定名，或者删掉该字段使用云平台默认的实现。",
        ],
        rules::SERVICE_HEALTH_CHECK_NODE_PORT => [
            "healthCheckNodePort is only used by LoadBalancer Services with externalTrafficPolicy: Local, and it must be a valid port number.",
            "healthCheckNodePort 只用于 externalTrafficPolicy: Local 的 LoadBalancer 类型 Service，且必须是合法端口号。",
            "Remove healthCheckNodePort (it is allocated automatically when needed).",
            "删掉 healthCheckNodePort（需要时会自动分配）。",
        ],
        rules::SERVICE_TRAFFIC_DISTRIBUTION => [
            "trafficDistribution tells kube-proxy which endpoints to prefer: PreferClose, PreferSameZone or PreferSameNode.",
            "trafficDistribution 告诉 kube-proxy 优先用哪些端点：PreferClose、PreferSameZone 或 PreferSameNode。",
            "Use one of the supported values.",
            "使用支持的值之一。",
        ],
        rules::SERVICE_PORTS_NAME_DUPLICATE => [
            "Two ports of the Service have the same name; port names must be unique because Endpoints and Ingresses refer to them.",
            "Service 的两个端口同名；端口名必须唯一，因为 Endpoints 和 Ingress 会引用它们。",
            "Rename one of the ports.",
            "给其中一个端口改名。",
        ],
        rules::SERVICE_PORTS_PROTOCOL => [
            "Every Service port has a protocol: TCP (the default), UDP or SCTP.",
            "每个 Service 端口都有协议：TCP（默认）、UDP 或 SCTP。",
            "Set `protocol: TCP` or remove the empty value.",
            "设置 `protocol: TCP`，或者删掉这个空值。",
        ],
        rules::SERVICE_PORTS_APP_PROTOCOL => [
            "appProtocol hints the application protocol (http, https, kubernetes.io/h2c, …) as a qualified name.",
            "appProtocol 用限定名提示应用层协议（http、https、kubernetes.io/h2c……）。",
            "Use a value like `http` or `kubernetes.io/h2c`.",
            "使用类似 `http` 或 `kubernetes.io/h2c` 的值。",
        ],
        rules::SERVICE_CLUSTER_IPS_MATCH | rules::SERVICE_CLUSTER_IPS_NONE | rules::SERVICE_CLUSTER_IPS_COUNT
        | rules::SERVICE_CLUSTER_IPS_DUAL_STACK | rules::SERVICE_CLUSTER_IPS_FAMILY => [
            "clusterIPs lists the Service's virtual IPs: at most one per IP family (IPv4, IPv6), the first equal to clusterIP, or just `None` for a headless Service.",
            "clusterIPs 列出 Service 的虚拟 IP：每个 IP 协议族（IPv4、IPv6）最多一个，第一个要与 clusterIP 相同，或者只写 `None` 表示 headless。",
            "Usually leave clusterIP and clusterIPs out and let Kubernetes allocate them.",
            "通常不写 clusterIP 和 clusterIPs，让 Kubernetes 自动分配。",
        ],
        rules::SERVICE_IP_FAMILIES | rules::SERVICE_IP_FAMILY_POLICY => [
            "ipFamilies lists IPv4 and/or IPv6 (each once); ipFamilyPolicy is SingleStack, PreferDualStack or RequireDualStack.",
            "ipFamilies 列出 IPv4 和/或 IPv6（各最多一次）；ipFamilyPolicy 是 SingleStack、PreferDualStack 或 RequireDualStack。",
            "Use the supported values, or leave these fields out.",
            "使用支持的值，或者不写这些字段。",
        ],
        rules::NODE_TAINTS_VALUE => [
            "A taint's value is matched by tolerations with operator Equal, so it must be a valid label value (or empty).",
            "污点的值会被运算符为 Equal 的容忍度匹配，所以必须是合法的标签值（或者为空）。",
            "Use letters, digits, '-', '_' and '.', at most 63 characters.",
            "只用字母、数字、'-'、'_' 和 '.'，最多 63 个字符。",
        ],
        rules::NODE_TAINTS_DUPLICATE => [
            "A node can have only one taint per key and effect.",
            "一个节点上同一个键和效果的组合只能有一个污点。",
            "Remove or merge the duplicate taint.",
            "删掉或合并重复的污点。",
        ],
        rules::NODE_POD_CIDRS => [
            "podCIDRs are the address ranges of the node's Pods: valid CIDRs, at most one IPv4 and one IPv6, without duplicates.",
            "podCIDRs 是节点上 Pod 的地址段：必须是合法 CIDR，最多一个 IPv4 和一个 IPv6，不能重复。",
            "Usually leave podCIDRs to the controller manager.",
            "通常把 podCIDRs 留给 controller manager 分配。",
        ],
        rules::FIELD_REF_FIELD_PATH_SUBSCRIPT => [
            "Only metadata.labels and metadata.annotations can be indexed with ['key'].",
            "只有 metadata.labels 和 metadata.annotations 可以用 ['key'] 下标。",
            "Remove the subscript.",
            "删掉下标。",
        ],
        rules::VOLUME_PROJECTED_DUPLICATE_PATH => [
            "All sources of a projected volume write into the same directory, so two of them cannot write the same file path.",
            "projected 卷的所有来源都写进同一个目录，所以不能有两个来源写同一个文件路径。",
            "Give each projected file its own path.",
            "给每个投射文件一个不同的 path。",
        ],
        _ => return None,
    })
}

/// Adds the shared help to every diagnostic that has a rule id but no explanation yet.
pub(crate) fn fill_help(errs: &mut [Diagnostic]) {
    for d in errs.iter_mut() {
        if d.explanation.is_empty() {
            if let Some([en, zh, fen, fzh]) = shared_help(d.rule) {
                d.explanation = Text::new(en, zh);
                d.fix = Text::new(fen, fzh);
            }
        }
    }
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
