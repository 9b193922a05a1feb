//! The default scheduler's filters and its FailedScheduling message
//! (`pkg/scheduler/framework/types.go` FitError.Error, the filter plugins' reason strings, and the
//! DefaultPreemption post-filter's per-node statuses).

use crate::model::{lookup, NodeInfo, NodeSelectorTerm, Pod, Requirement};

pub(crate) enum Outcome {
    Bound { node: usize, feasible: usize },
    Failed { message: String },
}

/// Whether preemption could help on a node (the filter status code).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Code {
    Unschedulable,
    UnresolvableUnschedulable,
}

fn requirement_matches(r: &Requirement, labels: &[(String, String)]) -> bool {
    let v = lookup(labels, &r.key);
    match r.operator.as_str() {
        "In" => v.is_some_and(|v| r.values.iter().any(|x| x == v)),
        "NotIn" => !v.is_some_and(|v| r.values.iter().any(|x| x == v)),
        "Exists" => v.is_some(),
        "DoesNotExist" => v.is_none(),
        "Gt" | "Lt" => {
            let (Some(v), Some(want)) = (v, r.values.first()) else {
                return false;
            };
            match (v.parse::<i64>(), want.parse::<i64>()) {
                (Ok(a), Ok(b)) => {
                    if r.operator == "Gt" {
                        a > b
                    } else {
                        a < b
                    }
                }
                _ => false,
            }
        }
        _ => false,
    }
}

fn term_matches(t: &NodeSelectorTerm, node: &NodeInfo) -> bool {
    // An empty term matches nothing (NodeSelectorRequirementsAsSelector of no requirements).
    if t.match_expressions.is_empty() && t.match_fields.is_empty() {
        return false;
    }
    let fields = [("metadata.name".to_string(), node.name.clone())];
    t.match_expressions
        .iter()
        .all(|r| requirement_matches(r, &node.labels))
        && t.match_fields
            .iter()
            .all(|r| requirement_matches(r, &fields))
}

/// `nodeSelector` and required node affinity (NodeAffinity filter).
pub(crate) fn matches_affinity(pod: &Pod, node: &NodeInfo) -> bool {
    let selector_ok = pod
        .node_selector
        .iter()
        .all(|(k, v)| lookup(&node.labels, k) == Some(v.as_str()));
    let affinity_ok = match &pod.node_affinity.required {
        None => true,
        Some(terms) => terms.iter().any(|t| term_matches(t, node)),
    };
    selector_ok && affinity_ok
}

/// The reasons one node rejects the pod, with whether preemption could help.
fn filter(pod: &Pod, node: &NodeInfo, req: (i64, i64)) -> Option<(Vec<String>, Code)> {
    // NodeUnschedulable.
    if node.unschedulable
        && !pod.tolerations.iter().any(|t| {
            t.tolerates(&crate::model::Taint {
                key: "node.kubernetes.io/unschedulable".into(),
                value: String::new(),
                effect: "NoSchedule".into(),
            })
        })
    {
        return Some((
            vec!["node(s) were unschedulable".into()],
            Code::UnresolvableUnschedulable,
        ));
    }
    // TaintToleration: a NoSchedule/NoExecute taint not tolerated. Since 1.35 (cherry-picked to
    // 1.34) the reason no longer names the taint: `ErrReasonNotMatch = "node(s) had untolerated
    // taint(s)"` (pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go).
    for taint in &node.taints {
        if taint.effect != "NoSchedule" && taint.effect != "NoExecute" {
            continue;
        }
        if !pod.tolerations.iter().any(|t| t.tolerates(taint)) {
            return Some((
                vec!["node(s) had untolerated taint(s)".into()],
                Code::UnresolvableUnschedulable,
            ));
        }
    }
    // NodeAffinity.
    if !matches_affinity(pod, node) {
        return Some((
            vec!["node(s) didn't match Pod's node affinity/selector".into()],
            Code::UnresolvableUnschedulable,
        ));
    }
    // NodeResourcesFit.
    let mut reasons = Vec::new();
    let mut code = Code::Unschedulable;
    if node.pod_count + 1 > node.allocatable_pods {
        reasons.push("Too many pods".to_string());
    }
    let (cpu, mem) = req;
    if cpu > 0 && cpu > node.allocatable_cpu_milli - node.requested_cpu_milli {
        reasons.push("Insufficient cpu".to_string());
        if cpu > node.allocatable_cpu_milli {
            code = Code::UnresolvableUnschedulable;
        }
    }
    if mem > 0 && mem > node.allocatable_memory - node.requested_memory {
        reasons.push("Insufficient memory".to_string());
        if mem > node.allocatable_memory {
            code = Code::UnresolvableUnschedulable;
        }
    }
    if reasons.is_empty() {
        None
    } else {
        Some((reasons, code))
    }
}

/// `"count reason"` strings sorted as Go's sort.Strings sorts them.
fn histogram(reasons: &[String]) -> String {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for r in reasons {
        match counts.iter_mut().find(|(k, _)| k == r) {
            Some((_, n)) => *n += 1,
            None => counts.push((r.clone(), 1)),
        }
    }
    let mut s: Vec<String> = counts.iter().map(|(k, n)| format!("{n} {k}")).collect();
    crate::sort::sort(&mut s);
    s.join(", ")
}

/// Runs one scheduling cycle. `prefilter` is a PreFilter failure (a missing PVC) that rejects every
/// node before the filters run.
pub(crate) fn schedule(pod: &Pod, nodes: &[NodeInfo], prefilter: Option<String>) -> Outcome {
    let total = nodes.len();
    if let Some(msg) = prefilter {
        return Outcome::Failed {
            message: format!(
                "0/{total} nodes are available: {msg}. preemption: 0/{total} nodes are available: {total} Preemption is not helpful for scheduling."
            ),
        };
    }
    let req = pod.effective_requests();
    let mut reasons: Vec<String> = Vec::new();
    let mut preemption: Vec<String> = Vec::new();
    let mut feasible: Vec<usize> = Vec::new();
    for (i, n) in nodes.iter().enumerate() {
        match filter(pod, n, req) {
            None => feasible.push(i),
            Some((rs, code)) => {
                reasons.extend(rs);
                preemption.push(match code {
                    Code::UnresolvableUnschedulable => {
                        "Preemption is not helpful for scheduling".to_string()
                    }
                    // Every pod already on the nodes is a system pod with a higher priority than
                    // the user's pod: there is nothing to preempt.
                    Code::Unschedulable => {
                        "No preemption victims found for incoming pod".to_string()
                    }
                });
            }
        }
    }
    if feasible.is_empty() {
        let msg = if total == 0 {
            "no nodes available to schedule pods".to_string()
        } else {
            format!(
                "0/{total} nodes are available: {}. preemption: 0/{total} nodes are available: {}.",
                histogram(&reasons),
                histogram(&preemption)
            )
        };
        return Outcome::Failed { message: msg };
    }
    // Scoring (the default profile's score plugins with their weights), then selectHost: the
    // highest total wins; ties go to the first node in name order (the real scheduler picks
    // among tied nodes at random).
    let scores = score(pod, nodes, &feasible);
    let mut best: Option<(i64, &str, usize)> = None;
    for (&i, &total_score) in feasible.iter().zip(&scores) {
        let Some(n) = nodes.get(i) else { continue };
        let better = match best {
            None => true,
            Some((s, name, _)) => total_score > s || (total_score == s && n.name.as_str() < name),
        };
        if better {
            best = Some((total_score, n.name.as_str(), i));
        }
    }
    match best {
        Some((_, _, node)) => Outcome::Bound {
            node,
            feasible: feasible.len(),
        },
        None => Outcome::Failed {
            message: format!("0/{total} nodes are available"),
        },
    }
}

/// `framework.MaxNodeScore`.
const MAX_SCORE: i64 = 100;

/// The pod's requests as the scheduler's scoring counts them (pod_resources.go
/// `DefaultMilliCPURequest` 100m and `DefaultMemoryRequest` 200Mi for a container that requests
/// no cpu or no memory: resourcehelper.PodRequests with NonMissingContainerRequests).
pub(crate) fn nonzero_requests(pod: &Pod) -> (i64, i64) {
    let (cpu, mem) = pod.aggregate(|c| {
        let r = &c.resources.requests;
        (r.cpu_milli.unwrap_or(100), r.memory.unwrap_or(200 * 1024 * 1024))
    });
    let pod_level = pod.resources.as_ref().map(|r| &r.requests);
    (
        pod_level.and_then(|l| l.cpu_milli).unwrap_or(cpu),
        pod_level.and_then(|l| l.memory).unwrap_or(mem),
    )
}

/// framework's `DefaultNormalizeScore`: scores scaled so that the highest is 100 (reversed:
/// 100 minus that); all zero stays zero, or 100 each when reversed.
fn normalize(scores: &mut [i64], reverse: bool) {
    let max = scores.iter().copied().max().unwrap_or(0);
    for s in scores.iter_mut() {
        *s = match (max, reverse) {
            (0, true) => MAX_SCORE,
            (0, false) => 0,
            (m, r) => {
                let v = MAX_SCORE * *s / m;
                if r { MAX_SCORE - v } else { v }
            }
        };
    }
}

/// The weighted sum of the default profile's scores of each feasible node
/// (pkg/scheduler/apis/config/v1/default_plugins.go): TaintToleration ×3, NodeAffinity ×2,
/// NodeResourcesFit (LeastAllocated over cpu and memory, least_allocated.go) ×1,
/// NodeResourcesBalancedAllocation ×1 (balanced_allocation.go; skipped for a pod that requests
/// nothing). PodTopologySpread and InterPodAffinity (×2) give every node the same score here (no
/// Deployments, ReplicaSets or pod affinity are modelled), and so does ImageLocality (×1: the
/// nodes hold only the sandbox image, which it does not count).
fn score(pod: &Pod, nodes: &[NodeInfo], feasible: &[usize]) -> Vec<i64> {
    let feasible: Vec<&NodeInfo> = feasible.iter().filter_map(|&i| nodes.get(i)).collect();
    // TaintToleration: the PreferNoSchedule taints the pod does not tolerate, fewer is better
    let mut taints: Vec<i64> = feasible
        .iter()
        .map(|n| {
            n.taints
                .iter()
                .filter(|t| t.effect == "PreferNoSchedule" && !pod.tolerations.iter().any(|tol| tol.tolerates(t)))
                .count() as i64
        })
        .collect();
    normalize(&mut taints, true);
    // NodeAffinity: the weights of the preferred terms the node matches
    let mut affinity: Vec<i64> = feasible
        .iter()
        .map(|n| pod.node_affinity.preferred.iter().filter(|(_, t)| term_matches(t, n)).map(|(w, _)| *w).sum())
        .collect();
    normalize(&mut affinity, false);
    let (cpu0, mem0) = nonzero_requests(pod);
    let (cpu, mem) = pod.effective_requests();
    feasible
        .iter()
        .zip(taints.iter().zip(&affinity))
        .map(|(n, (t, a))| {
            // leastRequestedScore of each resource, averaged (weights 1 and 1)
            let least = |alloc: i64, requested: i64| {
                if alloc <= 0 || requested > alloc {
                    0
                } else {
                    (alloc - requested) * MAX_SCORE / alloc
                }
            };
            let fit = (least(n.allocatable_cpu_milli, n.nonzero_cpu_milli.saturating_add(cpu0))
                + least(n.allocatable_memory, n.nonzero_memory.saturating_add(mem0)))
                / 2;
            // balancedResourceScorer: (1 - |cpu fraction - memory fraction| / 2) × 100 over the
            // requests as they are (useRequested)
            let balanced = if cpu == 0 && mem == 0 {
                0
            } else {
                let fraction = |used: i64, alloc: i64| (used as f64 / alloc as f64).min(1.0);
                let mut f = Vec::new();
                if n.allocatable_cpu_milli > 0 {
                    f.push(fraction(n.requested_cpu_milli.saturating_add(cpu), n.allocatable_cpu_milli));
                }
                if n.allocatable_memory > 0 {
                    f.push(fraction(n.requested_memory.saturating_add(mem), n.allocatable_memory));
                }
                let std = match f.as_slice() {
                    [a, b] => ((a - b) / 2.0).abs(),
                    _ => 0.0,
                };
                ((1.0 - std) * MAX_SCORE as f64) as i64
            };
            3 * t + 2 * a + fit + balanced
        })
        .collect()
}

/// The scheduler's PreFilter failure for `pod`: a PersistentVolumeClaim volume whose claim is
/// not in the input fails VolumeBinding's PreFilter.
pub(crate) fn prefilter(pod: &Pod) -> Option<String> {
    for v in &pod.volumes {
        if let crate::model::VolumeSource::PersistentVolumeClaim { claim_name } = &v.source {
            return Some(format!("persistentvolumeclaim \"{claim_name}\" not found"));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Container, Pod};
    use crate::sim::world::default_cluster;
    use crate::span::Span;
    use crate::tree::{Node, Value};
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn pod() -> Pod {
        let mut p = Pod::from_tree(&Node::new(Value::Map(vec![]), Span::default()));
        p.containers = vec![Container::from_tree(&Node::new(
            Value::Map(vec![]),
            Span::default(),
        ))];
        p
    }

    #[test]
    fn node_selector_without_match_gives_the_real_message() {
        let mut p = pod();
        p.node_selector = vec![("disktype".into(), "ssd".into())];
        let Outcome::Failed { message } = schedule(&p, &default_cluster(), None) else {
            panic!("scheduled")
        };
        assert_eq!(
            message,
            "0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling."
        );
    }

    #[test]
    fn insufficient_cpu_distinguishes_preemption_outcomes() {
        let mut p = pod();
        p.containers[0].resources.requests.cpu_milli = Some(3950);
        let Outcome::Failed { message } = schedule(&p, &default_cluster(), None) else {
            panic!("scheduled")
        };
        assert_eq!(
            message,
            "0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod."
        );
        p.containers[0].resources.requests.cpu_milli = Some(8000);
        let Outcome::Failed { message } = schedule(&p, &default_cluster(), None) else {
            panic!("scheduled")
        };
        assert!(message.ends_with(
            "preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling."
        ));
    }

    #[test]
    fn a_fitting_pod_goes_to_the_first_worker() {
        match schedule(&pod(), &default_cluster(), None) {
            Outcome::Bound { node, feasible } => {
                assert_eq!((node, feasible), (1, 3));
            }
            Outcome::Failed { message } => panic!("{message}"),
        }
    }
}
