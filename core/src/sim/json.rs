//! The run as JSON for `podplay simulate --json` (behind the `cli` feature). Times are seconds
//! since `kubectl create`; reasons and status shapes are Kubernetes' own.

use serde_json::{json, Map, Value};

use crate::sim::process::SimTime;
use crate::sim::run::*;

fn secs(t: SimTime) -> Value {
    json!(t.as_secs_f64())
}

fn terminated(t: &Terminated) -> Value {
    let mut m = Map::new();
    m.insert("reason".into(), json!(t.reason));
    m.insert("exitCode".into(), json!(t.exit_code));
    if !t.message.is_empty() {
        m.insert("message".into(), json!(t.message));
    }
    m.insert("startedAt".into(), secs(t.started_at));
    m.insert("finishedAt".into(), secs(t.finished_at));
    Value::Object(m)
}

fn state(s: Option<&CState>) -> Value {
    match s {
        None => json!({}),
        Some(CState::Waiting { reason, message }) => {
            let mut w = Map::new();
            w.insert("reason".into(), json!(reason));
            if !message.is_empty() {
                w.insert("message".into(), json!(message));
            }
            json!({ "waiting": Value::Object(w) })
        }
        Some(CState::Running { started_at }) => {
            json!({ "running": { "startedAt": secs(*started_at) } })
        }
        Some(CState::Terminated(t)) => json!({ "terminated": terminated(t) }),
    }
}

fn ns(n: &NsSet) -> Value {
    let mut m = Map::new();
    for (k, v) in n.entries() {
        m.insert(k.into(), json!(v));
    }
    Value::Object(m)
}

/// The run at its end (and every event), in the shape `podplay simulate --json` prints.
pub fn to_json(run: &Run) -> Value {
    let end = run.state_at(run.end());
    let events: Vec<Value> = run
        .events()
        .iter()
        .map(|e| {
            json!({
                "t": secs(e.t),
                "type": e.event_type.as_str(),
                "reason": e.reason,
                "from": e.from,
                "container": e.container.and_then(|c| run.containers().get(c)).map(|c| c.name.clone()),
                "message": e.message,
            })
        })
        .collect();
    let conditions: Vec<Value> = end
        .conditions
        .iter()
        .map(|c| {
            let mut m = Map::new();
            m.insert("type".into(), json!(c.type_name));
            m.insert(
                "status".into(),
                json!(if c.status { "True" } else { "False" }),
            );
            if !c.reason.is_empty() {
                m.insert("reason".into(), json!(c.reason));
            }
            if !c.message.is_empty() {
                m.insert("message".into(), json!(c.message));
            }
            m.insert("lastTransitionTime".into(), secs(c.last_transition));
            Value::Object(m)
        })
        .collect();
    let status_of = |c: &ContainerView<'_>| {
        json!({
            "name": c.info.name,
            "image": c.info.image,
            "ready": c.ready,
            "started": c.started,
            "restartCount": c.restart_count,
            "state": state(c.state),
            "lastState": c.last_state.map_or(json!({}), |t| json!({ "terminated": terminated(t) })),
        })
    };
    let init: Vec<Value> = end
        .containers
        .iter()
        .filter(|c| c.info.kind != ContainerKind::App)
        .map(status_of)
        .collect();
    let apps: Vec<Value> = end
        .containers
        .iter()
        .filter(|c| c.info.kind == ContainerKind::App)
        .map(status_of)
        .collect();
    let mut namespaces = Map::new();
    if let Some(p) = end.pause_namespaces {
        namespaces.insert("pause".into(), ns(p));
    }
    let mut processes = Map::new();
    for c in &end.containers {
        if let Some(n) = c.namespaces {
            namespaces.insert(c.info.name.clone(), ns(n));
        }
        let ps: Vec<Value> = c
            .processes
            .iter()
            .map(|p| json!({ "pid": p.pid, "user": p.user, "command": p.command }))
            .collect();
        processes.insert(c.info.name.clone(), Value::Array(ps));
    }
    let notes: Vec<Value> = run
        .notes()
        .iter()
        .map(|n| {
            json!({
                "t": secs(n.t),
                "container": n.container.and_then(|c| run.containers().get(c)).map(|c| c.name.clone()),
                "kind": match n.kind {
                    NoteKind::Assumption => "assumption",
                    NoteKind::Budget => "budget",
                    NoteKind::Simplification => "simplification",
                    NoteKind::KubeletLog => "kubelet-log",
                },
                "text": n.text.en,
            })
        })
        .collect();
    let mut endv = Map::new();
    endv.insert("t".into(), secs(run.end()));
    endv.insert("exists".into(), json!(end.exists));
    endv.insert("phase".into(), json!(end.phase.as_str()));
    endv.insert("status".into(), json!(end.status));
    endv.insert("ready".into(), json!(end.ready));
    endv.insert("restarts".into(), json!(end.restarts));
    if let Some((r, m)) = end.reason {
        endv.insert("reason".into(), json!(r));
        endv.insert("message".into(), json!(m));
    }
    endv.insert("conditions".into(), Value::Array(conditions));
    endv.insert("initContainerStatuses".into(), Value::Array(init));
    endv.insert("containerStatuses".into(), Value::Array(apps));
    json!({
        "pod": run.pod_name(),
        "namespace": run.namespace(),
        "node": run.node_name(),
        "hostIP": run.host_ip(),
        "podIP": run.pod_ip_ever(),
        "qosClass": run.qos_class().as_str(),
        "events": events,
        "end": Value::Object(endv),
        "namespaces": Value::Object(namespaces),
        "processes": Value::Object(processes),
        "notes": notes,
    })
}
