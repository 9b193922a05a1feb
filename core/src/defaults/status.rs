//! `PrepareForCreate`: the status a new Pod is stored with, and its QoS class.

use super::pod::add_list;
use super::*;
use crate::model::QosClass;
use crate::quantity::{self, Quantity};

pub(super) fn prepare_for_create_status(pod: &Node, near: Span) -> Node {
    let mut entries = vec![
        ("phase", dstr("Pending", near)),
        ("qosClass", dstr(qos_class(pod).as_str(), near)),
    ];
    let gated = pod
        .path("spec")
        .is_some_and(|s| !s.seq("schedulingGates").is_empty());
    if gated {
        // applySchedulingGatedCondition
        let cond = dmap(
            vec![
                ("lastProbeTime", d(Value::Null, near)),
                ("lastTransitionTime", d(Value::Null, near)),
                (
                    "message",
                    dstr(
                        "Scheduling is blocked due to non-empty scheduling gates",
                        near,
                    ),
                ),
                ("reason", dstr("SchedulingGated", near)),
                ("status", dstr("False", near)),
                ("type", dstr("PodScheduled", near)),
            ],
            near,
        );
        entries.insert(0, ("conditions", dseq(vec![cond], near)));
    }
    dmap(entries, near)
}

/// `qos.ComputePodQOS` on a defaulted pod: `BestEffort` with no cpu/memory requests or limits
/// anywhere, `Guaranteed` when every container (init included) has cpu and memory limits and
/// the summed requests equal the summed limits, `Burstable` otherwise. Pod-level resources,
/// when set, decide instead of the containers.
pub fn qos_class(pod: &Node) -> QosClass {
    let mut requests: Vec<(String, Quantity)> = Vec::new();
    let mut limits: Vec<(String, Quantity)> = Vec::new();
    let mut guaranteed = true;
    let spec = pod.get("spec");
    let mut account = |res: Option<&Node>, guaranteed: &mut bool| {
        for (name, q) in positive_compute(res.and_then(|r| r.get("requests"))) {
            add_list(&mut requests, &[(name, q)]);
        }
        let lim = positive_compute(res.and_then(|r| r.get("limits")));
        let has = |n: &str| lim.iter().any(|(k, _)| k == n);
        if !(has("cpu") && has("memory")) {
            *guaranteed = false;
        }
        add_list(&mut limits, &lim);
    };
    let pod_res = spec.and_then(|s| s.get("resources"));
    if let Some(pr) = pod_res.filter(|r| r.as_map().is_some()) {
        let reqs = positive_compute(pr.get("requests"));
        add_list(&mut requests, &reqs);
        if pr
            .get("limits")
            .and_then(Node::as_map)
            .is_some_and(|l| !l.is_empty())
        {
            let lim = positive_compute(pr.get("limits"));
            let has = |n: &str| lim.iter().any(|(k, _)| k == n);
            if !(has("cpu") && has("memory")) {
                guaranteed = false;
            }
            add_list(&mut limits, &lim);
        }
    } else if let Some(spec) = spec {
        for list in ["containers", "initContainers"] {
            for c in spec.seq(list) {
                account(c.get("resources"), &mut guaranteed);
            }
        }
    }
    if requests.is_empty() && limits.is_empty() {
        return QosClass::BestEffort;
    }
    if guaranteed {
        for (name, req) in &requests {
            match limits.iter().find(|(k, _)| k == name) {
                Some((_, lim)) if lim.cmp_value(req) == std::cmp::Ordering::Equal => {}
                _ => {
                    guaranteed = false;
                    break;
                }
            }
        }
    }
    if guaranteed && requests.len() == limits.len() {
        QosClass::Guaranteed
    } else {
        QosClass::Burstable
    }
}

/// The cpu and memory entries of a resource list with a value > 0.
fn positive_compute(list: Option<&Node>) -> Vec<(String, Quantity)> {
    let Some(entries) = list.and_then(Node::as_map) else {
        return Vec::new();
    };
    entries
        .iter()
        .filter(|e| e.key == "cpu" || e.key == "memory")
        .filter_map(|e| Some((e.key.clone(), quantity::parse_node(&e.value)?.ok()?)))
        .filter(|(_, q)| q.sign() > 0)
        .collect()
}
