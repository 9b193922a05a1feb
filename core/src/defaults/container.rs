//! `SetDefaults_Container`: pull policy, termination message, ports, env `fieldRef`, probes,
//! lifecycle hooks and resource lists.

use super::*;
use crate::quantity::{self, Quantity};

pub(super) fn set_defaults_container(c: &mut Node) {
    if c.as_map().is_none() {
        return;
    }
    let image = c.str("image").unwrap_or("").to_string();
    default_str(c, "imagePullPolicy", image_pull_policy(&image));
    default_str(c, "terminationMessagePath", "/dev/termination-log");
    default_str(c, "terminationMessagePolicy", "File");
    if let Some(ports) = c.get_mut("ports").and_then(Node::as_seq_mut) {
        for p in ports.iter_mut() {
            if p.as_map().is_some() {
                default_str(p, "protocol", "TCP");
            }
        }
    }
    if let Some(env) = c.get_mut("env").and_then(Node::as_seq_mut) {
        for e in env.iter_mut() {
            if let Some(fr) = e
                .get_mut("valueFrom")
                .and_then(|v| v.get_mut("fieldRef"))
                .filter(|f| f.as_map().is_some())
            {
                default_str(fr, "apiVersion", "v1");
            }
        }
    }
    for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
        if let Some(p) = c.get_mut(probe).filter(|p| p.as_map().is_some()) {
            set_defaults_probe(p);
        }
    }
    if let Some(lc) = c.get_mut("lifecycle").filter(|l| l.as_map().is_some()) {
        for hook in ["postStart", "preStop"] {
            if let Some(h) = lc
                .get_mut(hook)
                .and_then(|h| h.get_mut("httpGet"))
                .filter(|h| h.as_map().is_some())
            {
                set_defaults_http_get(h);
            }
        }
    }
    if let Some(res) = c.get_mut("resources").filter(|r| r.as_map().is_some()) {
        for list in ["limits", "requests"] {
            if let Some(l) = res.get_mut(list) {
                set_defaults_resource_list(l);
            }
        }
    }
    // ResourceRequirements is a struct, not a pointer: an empty one prints as `resources: {}`.
    let near = c.span;
    if is_absent(c.get("resources")) {
        put(c, "resources", d(Value::Map(vec![]), near));
    }
}

/// `SetDefaults_ResourceList`: every quantity is rounded up to the milli-unit (`100u` of cpu
/// becomes `1m`). Only values that change are replaced (by a defaulted node with the canonical
/// text); the rest are kept as written.
fn set_defaults_resource_list(list: &mut Node) {
    let Some(entries) = list.as_map_mut() else {
        return;
    };
    for e in entries.iter_mut() {
        let Some(Ok(q)) = quantity::parse_node(&e.value) else {
            continue;
        };
        if q.nanos() % 1_000_000 != 0 {
            let millis = i64::try_from(q.milli_value()).unwrap_or(i64::MAX);
            let rounded = Quantity::from_millis(millis).canonical();
            e.value = dstr(&rounded, e.value.span);
        }
    }
}

fn set_defaults_probe(p: &mut Node) {
    default_int(p, "timeoutSeconds", 1);
    default_int(p, "periodSeconds", 10);
    default_int(p, "successThreshold", 1);
    default_int(p, "failureThreshold", 3);
    if let Some(h) = p.get_mut("httpGet").filter(|h| h.as_map().is_some()) {
        set_defaults_http_get(h);
    }
    if let Some(g) = p.get_mut("grpc").filter(|g| g.as_map().is_some()) {
        // GRPCAction.Service is `+default=""`.
        default_ptr(g, "service", Value::str(""));
    }
}

fn set_defaults_http_get(h: &mut Node) {
    default_str(h, "path", "/");
    default_str(h, "scheme", "HTTP");
}

/// `SetDefaults_Container`'s pull policy: `Always` when the image's tag is `latest` (an image
/// with neither tag nor digest counts as `latest`), `IfNotPresent` otherwise, including for a
/// reference that does not parse.
pub fn image_pull_policy(image: &str) -> &'static str {
    match crate::image::parse_image_name(image) {
        Some(r) if r.tag == "latest" => "Always",
        _ => "IfNotPresent",
    }
}

/// `SetDefaults_Volume`'s pull policy for an image volume: the same rule.
pub(super) fn image_volume_pull_policy(reference: &str) -> &'static str {
    image_pull_policy(reference)
}
