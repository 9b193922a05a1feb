//! What the API server adds to an object before it validates and stores it. (The renderer that
//! prints a tree the way `kubectl get -o yaml` does is [`crate::yaml::emit`].)
//!
//! [`default_pod`] applies, in the API server's order:
//! 1. the generated defaulters (`pkg/apis/core/v1/zz_generated.defaults.go`, `SetObjectDefaults_Pod`):
//!    `SetDefaults_Pod` (limits copied into requests, pod-level resources, `enableServiceLinks`,
//!    hostNetwork ports), `SetDefaults_PodSpec`, every volume source, every container
//!    (`SetDefaults_Container`, port protocol, env `fieldRef.apiVersion`, probes, lifecycle hooks);
//! 2. the mutating admission plugins enabled by default that touch a Pod: `ServiceAccount`
//!    (`serviceAccountName: default` and the projected `kube-api-access-xxxxx` volume mounted in
//!    every container), `Priority` (`priority: 0`, `preemptionPolicy`), `DefaultTolerationSeconds`;
//! 3. the v1 conversion (`serviceAccount` mirrors `serviceAccountName`);
//! 4. the registry strategy's `PrepareForCreate` (`metadata.generation: 1`, `status.phase: Pending`,
//!    `status.qosClass`, the `SchedulingGated` condition).
//!
//! Every inserted node is marked [`Node::defaulted`] and carries the span of the object it was
//! added to; nodes the user wrote are never changed, except where Go overwrites a zero value
//! (`imagePullPolicy: ""`, `timeoutSeconds: 0`): then the value node is replaced by a defaulted
//! one under the user's key.
//!
//! Simplifications, each said where it happens: values the real server picks at random (the
//! token volume's suffix, a Service's cluster IP and node ports) are derived from the object's
//! name instead; `uid`, `creationTimestamp`, `resourceVersion` and `managedFields` are not added
//! (no clock, no randomness); quantities are kept as written (the server rounds them up to the
//! milli-unit and prints them canonically).

//!
//! One file per object or step: [`pod`] (`SetDefaults_Pod`, `SetDefaults_PodSpec`, pod-level
//! resources), `container` (`SetDefaults_Container`, probes, resource lists, pull policy),
//! `volume` (`SetDefaults_Volume`), `admission` (the mutating admission plugins), `status`
//! (`PrepareForCreate`'s status and the QoS class), [`service`], `config` (Secret, ConfigMap) and
//! `node`. The tree helpers every one of them uses are below.

mod admission;
mod config;
mod container;
mod node;
pub mod pod;
pub mod service;
mod status;
mod volume;

/// The `kubectl get -o yaml` renderer lives with the YAML reader.
pub use crate::yaml::emit::{go_yaml_key_cmp, to_yaml, to_yaml_annotated};
pub use admission::{kube_api_access_volume_name, SERVICE_ACCOUNT_MOUNT_PATH};
pub use config::{default_config_map, default_secret};
pub use container::image_pull_policy;
pub use node::default_node;
pub use pod::default_pod;
pub use service::default_service;
pub use status::qos_class;

use crate::derived;
use crate::span::Span;
use crate::tree::{Entry, Node, Value};

/// Defaults an object by its `kind` (Pod, Service, Secret, ConfigMap, Node); other kinds are
/// returned unchanged.
pub fn default_object(obj: &Node) -> Node {
    match obj.str("kind") {
        Some("Pod") => default_pod(obj),
        Some("Service") => default_service(obj),
        Some("Secret") => default_secret(obj),
        Some("ConfigMap") => default_config_map(obj),
        Some("Node") => default_node(obj),
        _ => obj.clone(),
    }
}

pub(super) fn d(value: Value, near: Span) -> Node {
    Node::defaulted(value, near)
}

pub(super) fn dstr(s: &str, near: Span) -> Node {
    d(Value::str(s), near)
}

pub(super) fn dseq(items: Vec<Node>, near: Span) -> Node {
    d(Value::Seq(items), near)
}

pub(super) fn dmap(entries: Vec<(&str, Node)>, near: Span) -> Node {
    d(
        Value::Map(
            entries
                .into_iter()
                .map(|(k, v)| Entry {
                    key: k.to_string(),
                    key_span: near,
                    value: v,
                })
                .collect(),
        ),
        near,
    )
}

/// A copy of `n` with every node marked defaulted and pointing at `near`.
pub(super) fn mark_all(mut n: Node, near: Span) -> Node {
    fn walk(n: &mut Node, near: Span, depth: usize) {
        n.defaulted = true;
        n.span = near;
        if depth > 64 {
            return;
        }
        match &mut n.value {
            Value::Seq(items) => items.iter_mut().for_each(|i| walk(i, near, depth + 1)),
            Value::Map(entries) => entries.iter_mut().for_each(|e| {
                e.key_span = near;
                walk(&mut e.value, near, depth + 1)
            }),
            _ => {}
        }
    }
    walk(&mut n, near, 0);
    n
}

pub(super) fn is_absent(n: Option<&Node>) -> bool {
    n.is_none()
}

/// Sets `key` to `value`: replaces the value of an existing entry (keeping the user's key and
/// its span) or appends a new entry whose key points at the parent object.
pub(super) fn put(parent: &mut Node, key: &str, value: Node) {
    let near = parent.span;
    if let Some(entries) = parent.as_map_mut() {
        if let Some(e) = entries.iter_mut().find(|e| e.key == key) {
            e.value = value;
        } else {
            entries.push(Entry {
                key: key.to_string(),
                key_span: near,
                value,
            });
        }
    }
}

/// Appends `item` to the list `key` (creating the list when absent or null).
pub(super) fn push_item(parent: &mut Node, key: &str, item: Node) {
    let near = parent.span;
    if parent.get(key).is_none() {
        put(parent, key, dseq(vec![], near));
    }
    if let Some(list) = parent.get_mut(key).and_then(Node::as_seq_mut) {
        list.push(item);
    }
}

/// Go's `if obj.X == "" { obj.X = v }` for a string field: absent, null or "" is replaced.
pub(super) fn default_str(obj: &mut Node, key: &str, v: &str) {
    let zero = match obj.entry(key).map(|e| &e.value.value) {
        None | Some(Value::Null) => true,
        Some(Value::Str(s)) => s.is_empty(),
        _ => false,
    };
    if zero {
        let near = obj.span;
        put(obj, key, dstr(v, near));
    }
}

/// Go's `if obj.X == 0 { obj.X = v }` for an integer field.
pub(super) fn default_int(obj: &mut Node, key: &str, v: i64) {
    let zero = match obj.entry(key).map(|e| &e.value.value) {
        None | Some(Value::Null) => true,
        Some(Value::Int(0)) => true,
        Some(Value::Float(f)) => *f == 0.0,
        _ => false,
    };
    if zero {
        let near = obj.span;
        put(obj, key, d(Value::Int(v), near));
    }
}

/// Go's `if obj.X == nil { obj.X = &v }` for a pointer field: only absent or null is replaced.
pub(super) fn default_ptr(obj: &mut Node, key: &str, v: Value) {
    if obj.get(key).is_none() {
        let near = obj.span;
        put(obj, key, d(v, near));
    }
}

pub(super) fn default_bool(obj: &mut Node, key: &str, v: bool) {
    default_ptr(obj, key, Value::Bool(v));
}

/// The name the API server makes from `generateName` (`names.SimpleNameGenerator`): the prefix
/// cut to 58 bytes, then 5 random characters — here derived from the prefix, so that the same
/// manifest always gets the same name.
pub fn generated_name(generate_name: &str) -> String {
    let mut base = generate_name.to_string();
    let mut cut = base.len().min(58);
    while !base.is_char_boundary(cut) {
        cut -= 1;
    }
    base.truncate(cut);
    format!("{base}{}", derived::rand_string5(generate_name))
}

pub(super) fn namespace_default(obj: &mut Node) {
    let near = obj.span;
    if obj.get("metadata").is_none() {
        put(obj, "metadata", d(Value::Map(vec![]), near));
    }
    if let Some(meta) = obj.get_mut("metadata").filter(|m| m.as_map().is_some()) {
        // BeforeCreate: a `generateName` without a `name` gets a name: the prefix (cut to 58
        // bytes) and 5 random characters. The playground derives them from the prefix.
        let generate = meta.str("generateName").unwrap_or("").to_string();
        if !generate.is_empty() && meta.str("name").unwrap_or("").is_empty() {
            default_str(meta, "name", &generated_name(&generate));
        }
        // kubectl sends the object to the current namespace, `default` in a new cluster.
        default_str(meta, "namespace", "default");
    }
}

pub(super) fn pod_name(pod: &Node) -> String {
    let meta = pod.get("metadata");
    meta.and_then(|m| m.str("name"))
        .filter(|s| !s.is_empty())
        .or_else(|| meta.and_then(|m| m.str("generateName")))
        .unwrap_or("")
        .to_string()
}

pub(super) fn ensure_map(parent: &mut Node, key: &str, near: Span) {
    if is_absent(parent.get(key)) {
        put(parent, key, d(Value::Map(vec![]), near));
    }
}

#[cfg(test)]
mod tests;
