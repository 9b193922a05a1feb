//! The Pod as defaulting leaves it: the order of `SetObjectDefaults_Pod`, admission and
//! `PrepareForCreate` ([`default_pod`]), `SetDefaults_Pod`, `SetDefaults_PodSpec` and the pod-level
//! resources (PodLevelResources, on by default since 1.34).

use super::admission::{
    admit_default_toleration_seconds, admit_priority, admit_service_account,
    convert_deprecated_service_account,
};
use super::container::set_defaults_container;
use super::status::prepare_for_create_status;
use super::volume::set_defaults_volume;
use super::*;
use crate::quantity::{self, Quantity};

/// A Pod as the API server stores it after defaulting, admission and `PrepareForCreate`.
pub fn default_pod(pod: &Node) -> Node {
    let mut out = pod.clone();
    if out.as_map().is_none() {
        return out;
    }
    let root_span = out.span;
    let name = pod_name(pod);
    if let Some(spec) = out.get_mut("spec").filter(|s| s.as_map().is_some()) {
        set_defaults_pod(spec);
        set_defaults_pod_spec(spec);
        if let Some(vols) = spec.get_mut("volumes").and_then(Node::as_seq_mut) {
            for v in vols.iter_mut() {
                set_defaults_volume(v);
            }
        }
        for list in ["initContainers", "containers", "ephemeralContainers"] {
            if let Some(cs) = spec.get_mut(list).and_then(Node::as_seq_mut) {
                for c in cs.iter_mut() {
                    set_defaults_container(c);
                }
            }
        }
        admit_service_account(spec, &name);
        admit_priority(spec);
        admit_default_toleration_seconds(spec);
        convert_deprecated_service_account(spec);
    }
    namespace_default(&mut out);
    if let Some(meta) = out.get_mut("metadata").filter(|m| m.as_map().is_some()) {
        // PrepareForCreate: `pod.Generation = 1`.
        let near = meta.span;
        put(meta, "generation", d(Value::Int(1), near));
    }
    let status = prepare_for_create_status(&out, root_span);
    put(&mut out, "status", status);
    out
}

fn set_defaults_pod(spec: &mut Node) {
    // "If limits are specified, but requests are not, default requests to limits", per resource,
    // for containers and init containers (not ephemeral containers).
    for list in ["containers", "initContainers"] {
        if let Some(cs) = spec.get_mut(list).and_then(Node::as_seq_mut) {
            for c in cs.iter_mut() {
                if let Some(res) = c.get_mut("resources").filter(|r| r.as_map().is_some()) {
                    copy_limits_to_requests(res);
                }
            }
        }
    }
    default_pod_level_resources(spec);
    default_bool(spec, "enableServiceLinks", true);
    if spec.get("hostNetwork").and_then(Node::as_bool) == Some(true) {
        // defaultHostNetworkPorts: with host networking every containerPort is a hostPort.
        for list in ["containers", "initContainers"] {
            if let Some(cs) = spec.get_mut(list).and_then(Node::as_seq_mut) {
                for c in cs.iter_mut() {
                    if let Some(ports) = c.get_mut("ports").and_then(Node::as_seq_mut) {
                        for p in ports.iter_mut() {
                            if let Some(cp) = p.get("containerPort").and_then(Node::as_i64) {
                                default_int(p, "hostPort", cp);
                            }
                        }
                    }
                }
            }
        }
    }
}

fn copy_limits_to_requests(res: &mut Node) {
    let near = res.span;
    let limits: Vec<Entry> = match res.get("limits").and_then(Node::as_map) {
        Some(l) => l.to_vec(),
        None => return,
    };
    if limits.is_empty() {
        // An empty map stays empty; Go's `omitempty` prints neither.
        return;
    }
    if is_absent(res.get("requests")) {
        put(res, "requests", d(Value::Map(vec![]), near));
    }
    let Some(reqs) = res.get_mut("requests").filter(|r| r.as_map().is_some()) else {
        return;
    };
    let near = reqs.span;
    for e in limits {
        if reqs.entry(&e.key).is_none() {
            let copy = Node::defaulted(e.value.value.clone(), near);
            put(reqs, &e.key, copy);
        }
    }
}

fn set_defaults_pod_spec(spec: &mut Node) {
    default_str(spec, "dnsPolicy", "ClusterFirst");
    default_str(spec, "restartPolicy", "Always");
    let near = spec.span;
    if is_absent(spec.get("securityContext")) {
        put(spec, "securityContext", d(Value::Map(vec![]), near));
    }
    default_ptr(spec, "terminationGracePeriodSeconds", Value::Int(30));
    default_str(spec, "schedulerName", "default-scheduler");
}

// ---------------------------------------------------------------------------------------------
// Pod-level resources (PodLevelResources, on by default since 1.34): defaultHugePagePodLimits,
// defaultPodRequests, defaultPodLimits. Only when `spec.resources` is present.

fn default_pod_level_resources(spec: &mut Node) {
    if spec.get("resources").and_then(Node::as_map).is_none() {
        return;
    }
    let agg_limits = aggregate_container(spec, "limits");
    let agg_requests = aggregate_container(spec, "requests");
    let all_have_limit = |key: &str, spec: &Node| {
        ["initContainers", "containers"].iter().all(|list| {
            spec.seq(list).iter().all(|c| {
                c.path("resources.limits")
                    .and_then(|l| l.get(key))
                    .is_some()
            })
        })
    };
    let all_have: Vec<bool> = agg_limits
        .iter()
        .map(|(k, _)| all_have_limit(k, spec))
        .collect();
    let Some(res) = spec.get_mut("resources") else {
        return;
    };
    let near = res.span;
    let map_len = |n: &Node, k: &str| n.get(k).and_then(Node::as_map).map_or(0, <[Entry]>::len);

    // defaultHugePagePodLimits
    if map_len(res, "limits") > 0 || map_len(res, "requests") > 0 {
        for (key, q) in &agg_limits {
            if !is_huge_page(key) || res.path("requests").and_then(|r| r.get(key)).is_some() {
                continue;
            }
            if res.path("limits").and_then(|l| l.get(key)).is_none() {
                ensure_map(res, "limits", near);
                if let Some(l) = res.get_mut("limits") {
                    put(l, key, dstr(&q.canonical(), near));
                }
            }
        }
    }
    // defaultPodRequests
    if map_len(res, "limits") > 0 {
        let mut adds: Vec<(String, String)> = Vec::new();
        let has_req = |res: &Node, k: &str, adds: &[(String, String)]| {
            res.path("requests").and_then(|r| r.get(k)).is_some()
                || adds.iter().any(|(a, _)| a == k)
        };
        for (key, q) in &agg_requests {
            if !has_req(res, key, &adds) && is_supported_pod_level(key) && overcommit_allowed(key) {
                adds.push((key.clone(), q.canonical()));
            }
        }
        let limits: Vec<Entry> = res.map("limits").to_vec();
        for e in &limits {
            if !has_req(res, &e.key, &adds) && is_supported_pod_level(&e.key) {
                if let Some(s) = quantity::node_text(&e.value) {
                    adds.push((e.key.clone(), s));
                }
            }
        }
        if !adds.is_empty() {
            ensure_map(res, "requests", near);
            if let Some(r) = res.get_mut("requests") {
                for (k, v) in adds {
                    put(r, &k, dstr(&v, near));
                }
            }
        }
    }
    // defaultPodLimits: only when pod-level requests are set and limits are not.
    if map_len(res, "limits") == 0 && map_len(res, "requests") > 0 {
        let mut adds = Vec::new();
        for ((key, q), all) in agg_limits.iter().zip(all_have) {
            if is_supported_pod_level(key) && overcommit_allowed(key) && all {
                adds.push((key.clone(), q.canonical()));
            }
        }
        if !adds.is_empty() {
            ensure_map(res, "limits", near);
            if let Some(l) = res.get_mut("limits") {
                for (k, v) in adds {
                    put(l, &k, dstr(&v, near));
                }
            }
        }
    }
}

/// `resourcehelper.AggregateContainerRequests/Limits`: the sum over app containers and
/// restartable init containers (sidecars), then the max with each regular init container plus
/// the sidecars started before it. Keys in order of first appearance.
fn aggregate_container(spec: &Node, which: &str) -> Vec<(String, Quantity)> {
    let mut total: Vec<(String, Quantity)> = Vec::new();
    for c in spec.seq("containers") {
        add_list(&mut total, &resource_list(c, which));
    }
    let mut sidecars: Vec<(String, Quantity)> = Vec::new();
    let mut init_max: Vec<(String, Quantity)> = Vec::new();
    for c in spec.seq("initContainers") {
        let own = resource_list(c, which);
        let effective = if c.str("restartPolicy") == Some("Always") {
            add_list(&mut total, &own);
            add_list(&mut sidecars, &own);
            sidecars.clone()
        } else {
            let mut tmp = own;
            add_list(&mut tmp, &sidecars);
            tmp
        };
        max_list(&mut init_max, &effective);
    }
    max_list(&mut total, &init_max);
    total
}

fn resource_list(c: &Node, which: &str) -> Vec<(String, Quantity)> {
    let Some(list) = c
        .get("resources")
        .and_then(|r| r.get(which))
        .and_then(Node::as_map)
    else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|e| Some((e.key.clone(), quantity::parse_node(&e.value)?.ok()?)))
        .collect()
}

pub(super) fn add_list(into: &mut Vec<(String, Quantity)>, add: &[(String, Quantity)]) {
    for (k, q) in add {
        match into.iter_mut().find(|(n, _)| n == k) {
            Some((_, cur)) => *cur = cur.add(q),
            None => into.push((k.clone(), *q)),
        }
    }
}

fn max_list(into: &mut Vec<(String, Quantity)>, other: &[(String, Quantity)]) {
    for (k, q) in other {
        match into.iter_mut().find(|(n, _)| n == k) {
            Some((_, cur)) => {
                if q.cmp_value(cur) == std::cmp::Ordering::Greater {
                    *cur = *q;
                }
            }
            None => into.push((k.clone(), *q)),
        }
    }
}

fn is_huge_page(name: &str) -> bool {
    name.starts_with("hugepages-")
}

fn is_supported_pod_level(name: &str) -> bool {
    name == "cpu" || name == "memory" || is_huge_page(name)
}

/// `IsOvercommitAllowed`: native resources except huge pages.
fn overcommit_allowed(name: &str) -> bool {
    let native = !name.contains('/') || name.contains("kubernetes.io/");
    native && !is_huge_page(name)
}
