//! Node defaulting and the `TaintNodesByCondition` admission plugin.

use super::*;

/// `SetDefaults_NodeStatus` (allocatable = capacity when unset) and the `TaintNodesByCondition`
/// admission plugin (a new Node gets the `node.kubernetes.io/not-ready:NoSchedule` taint).
pub fn default_node(node: &Node) -> Node {
    let mut out = node.clone();
    if out.as_map().is_none() {
        return out;
    }
    if let Some(status) = out.get_mut("status").filter(|s| s.as_map().is_some()) {
        let near = status.span;
        if is_absent(status.get("allocatable")) {
            if let Some(cap) = status.get("capacity").filter(|c| c.as_map().is_some()) {
                let copy = mark_all(cap.clone(), near);
                put(status, "allocatable", copy);
            }
        }
    }
    let near = out.span;
    if is_absent(out.get("spec")) {
        put(&mut out, "spec", d(Value::Map(vec![]), near));
    }
    if let Some(spec) = out.get_mut("spec").filter(|s| s.as_map().is_some()) {
        let near = spec.span;
        let has = spec.seq("taints").iter().any(|t| {
            t.str("key") == Some("node.kubernetes.io/not-ready")
                && t.str("effect") == Some("NoSchedule")
        });
        if !has {
            let taint = dmap(
                vec![
                    ("effect", dstr("NoSchedule", near)),
                    ("key", dstr("node.kubernetes.io/not-ready", near)),
                ],
                near,
            );
            push_item(spec, "taints", taint);
        }
    }
    out
}
