//! A Service: `SetDefaults_Service` and what the Service REST storage allocates on create.

use super::*;
use crate::derived;

/// A Service after `SetDefaults_Service` and what the Service REST storage fills in on create
/// (IP families, a cluster IP, node ports, `status.loadBalancer`).
pub fn default_service(svc: &Node) -> Node {
    let mut out = svc.clone();
    if out.as_map().is_none() {
        return out;
    }
    let name = svc
        .path("metadata.name")
        .and_then(Node::as_str)
        .unwrap_or("")
        .to_string();
    namespace_default(&mut out);
    if let Some(spec) = out.get_mut("spec").filter(|s| s.as_map().is_some()) {
        set_defaults_service(spec, &name);
    }
    // ServiceStatus is a struct: an empty one prints as `status: {loadBalancer: {}}`.
    let near = out.span;
    if is_absent(out.get("status")) {
        let lb = d(Value::Map(vec![]), near);
        put(&mut out, "status", dmap(vec![("loadBalancer", lb)], near));
    }
    out
}

fn set_defaults_service(spec: &mut Node, name: &str) {
    default_str(spec, "sessionAffinity", "None");
    let near = spec.span;
    match spec.str("sessionAffinity") {
        Some("None") => {
            // "if None, SessionAffinityConfig = nil": a config the user wrote is dropped.
            if let Some(m) = spec.as_map_mut() {
                m.retain(|e| e.key != "sessionAffinityConfig");
            }
        }
        Some("ClientIP") => {
            let has_timeout = spec
                .path("sessionAffinityConfig.clientIP.timeoutSeconds")
                .is_some();
            if !has_timeout {
                let cfg = dmap(
                    vec![(
                        "clientIP",
                        dmap(vec![("timeoutSeconds", d(Value::Int(10800), near))], near),
                    )],
                    near,
                );
                put(spec, "sessionAffinityConfig", cfg);
            }
        }
        _ => {}
    }
    default_str(spec, "type", "ClusterIP");
    if let Some(ports) = spec.get_mut("ports").and_then(Node::as_seq_mut) {
        for p in ports.iter_mut().filter(|p| p.as_map().is_some()) {
            default_str(p, "protocol", "TCP");
            let port = p.get("port").and_then(Node::as_i64);
            let unset = match p.get("targetPort").map(|t| &t.value) {
                None => true,
                Some(Value::Int(0)) => true,
                Some(Value::Str(s)) => s.is_empty(),
                _ => false,
            };
            if let (true, Some(port)) = (unset, port) {
                let near = p.span;
                put(p, "targetPort", d(Value::Int(port), near));
            }
        }
    }
    let ty = spec.str("type").unwrap_or("").to_string();
    let externally = ty == "LoadBalancer"
        || ty == "NodePort"
        || (ty == "ClusterIP" && !spec.seq("externalIPs").is_empty());
    if externally {
        default_str(spec, "externalTrafficPolicy", "Cluster");
    }
    if matches!(ty.as_str(), "NodePort" | "LoadBalancer" | "ClusterIP") {
        default_ptr(spec, "internalTrafficPolicy", Value::str("Cluster"));
    }
    if ty == "LoadBalancer" {
        default_ptr(spec, "allocateLoadBalancerNodePorts", Value::Bool(true));
    }
    allocate_service(spec, &ty, name);
}

/// What the Service REST storage allocates on create, for a single-stack IPv4 cluster with the
/// default `10.96.0.0/12` service range and `30000-32767` node ports. The real allocator picks
/// free values at random; the playground derives them from the Service's name.
fn allocate_service(spec: &mut Node, ty: &str, name: &str) {
    if ty == "ExternalName" {
        return;
    }
    let near = spec.span;
    let headless = spec.str("clusterIP") == Some("None");
    if !headless && spec.str("clusterIP").unwrap_or("").is_empty() {
        let ip = derived::service_cluster_ip(name);
        put(spec, "clusterIP", dstr(&ip, near));
    }
    if is_absent(spec.get("clusterIPs")) {
        if let Some(ip) = spec.str("clusterIP").map(str::to_string) {
            put(spec, "clusterIPs", dseq(vec![dstr(&ip, near)], near));
        }
    }
    if is_absent(spec.get("ipFamilies")) {
        put(spec, "ipFamilies", dseq(vec![dstr("IPv4", near)], near));
    }
    // Headless Services without a selector default to RequireDualStack; others to SingleStack.
    let policy = if headless
        && spec
            .get("selector")
            .and_then(Node::as_map)
            .is_none_or(<[Entry]>::is_empty)
    {
        "RequireDualStack"
    } else {
        "SingleStack"
    };
    default_ptr(spec, "ipFamilyPolicy", Value::str(policy));
    let wants_node_ports = ty == "NodePort"
        || (ty == "LoadBalancer"
            && spec
                .get("allocateLoadBalancerNodePorts")
                .and_then(Node::as_bool)
                != Some(false));
    if wants_node_ports {
        let mut used: Vec<i64> = spec
            .seq("ports")
            .iter()
            .filter_map(|p| p.get("nodePort")?.as_i64())
            .collect();
        let base = derived::fnv(name.as_bytes());
        if let Some(ports) = spec.get_mut("ports").and_then(Node::as_seq_mut) {
            for (i, p) in ports
                .iter_mut()
                .enumerate()
                .filter(|(_, p)| p.as_map().is_some())
            {
                if p.get("nodePort").and_then(Node::as_i64).unwrap_or(0) != 0 {
                    continue;
                }
                let mut np = 30000 + ((base.wrapping_add(i as u64 * 7919)) % 2768) as i64;
                let mut tries = 0;
                while used.contains(&np) && tries < 2768 {
                    np = if np >= 32767 { 30000 } else { np + 1 };
                    tries += 1;
                }
                used.push(np);
                let near = p.span;
                put(p, "nodePort", d(Value::Int(np), near));
            }
        }
    }
}
