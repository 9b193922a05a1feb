//! The Pod object as the API server returns it at a time of its run (`kubectl get pod -o
//! yaml|json|jsonpath`): the stored object with what the scheduler and the kubelet wrote since,
//! `metadata.creationTimestamp` and `uid`, `spec.nodeName`, and the live `status`.
//!
//! Sources: pkg/kubelet/kubelet_pods.go (generateAPIPodStatus, convertToAPIContainerStatuses:
//! the default waiting reasons, `lastState`, app statuses sorted by name, init statuses in spec
//! order, `volumeMounts` under RecursiveReadOnlyMounts, `resources` of running containers under
//! InPlacePodVerticalScaling), pkg/kubelet/status (startTime, hostIP(s), podIP(s)), KEP-5067
//! (generation / observedGeneration on the status and its conditions, GA in 1.35).
//!
//! Simplifications, stated where the fields would be: no `metadata.resourceVersion` (etcd's
//! revision is not modelled), no `containerStatuses[].user` (the runtime reads it from the
//! image's /etc/passwd and /etc/group, which the images here do not model in full), and
//! `status.resources` repeats the spec's quantities (a real runtime reports what it set).

use super::run::{CState, ContainerKind, Run, Terminated};
use crate::os::SimTime;
use crate::tree::{Entry, Node, Value};

/// The object `kubectl get pod -o yaml` prints at run time `t`: `stored` is the object as the
/// API server stored it on create (defaulted, with its initial status).
pub fn pod_object(run: &Run, stored: &Node, t: SimTime) -> Node {
    let mut obj = stored.clone();
    let span = obj.span;
    let snap = run.state_at(t);
    let time = |at: SimTime| str_node(&rfc3339(run.on_clock(at)));
    let generation = stored
        .get("metadata")
        .and_then(|m| m.get("generation"))
        .and_then(|g| g.as_i64())
        .unwrap_or(1);
    if let Some(meta) = obj.get_mut("metadata") {
        meta.set("creationTimestamp", time(run.created));
        meta.set("uid", str_node(run.uid()));
        if let Some(d) = snap.deletion {
            let grace = run.grace_seconds.max(0);
            meta.set("deletionGracePeriodSeconds", Node::new(Value::Int(grace), span));
            meta.set("deletionTimestamp", time(d.saturating_add(grace as u64 * 1000)));
        }
    }
    if let (Some(node), Some(spec)) = (snap.node, obj.get_mut("spec")) {
        spec.set("nodeName", str_node(node));
    }
    let mut status: Vec<Entry> = Vec::new();
    let mut put = |k: &str, v: Node| status.push(entry(k, v));
    if !snap.conditions.is_empty() {
        let conds = snap
            .conditions
            .iter()
            .map(|c| {
                let mut m = vec![
                    entry("lastProbeTime", Node::new(Value::Null, span)),
                    entry("lastTransitionTime", time(c.last_transition)),
                    entry("observedGeneration", int(generation)),
                    entry("status", str_node(if c.status { "True" } else { "False" })),
                    entry("type", str_node(c.type_name)),
                ];
                if !c.reason.is_empty() {
                    m.push(entry("reason", str_node(c.reason)));
                }
                if !c.message.is_empty() {
                    m.push(entry("message", str_node(c.message)));
                }
                map(m)
            })
            .collect();
        put("conditions", Node::new(Value::Seq(conds), span));
    }
    let started = run.start_time().filter(|s| *s <= t);
    if started.is_some() {
        let spec = stored.get("spec");
        let has_init = snap.containers.iter().any(|c| c.info.kind != ContainerKind::App);
        let mut app = Vec::new();
        let mut init = Vec::new();
        for c in &snap.containers {
            let list = if c.info.kind == ContainerKind::App { "containers" } else { "initContainers" };
            let spec_c = spec.and_then(|s| s.seq(list).iter().find(|x| x.str("name") == Some(c.info.name.as_str())));
            let created = c.created();
            let mut m = vec![entry("name", str_node(&c.info.name))];
            if created {
                m.push(entry("containerID", str_node(&c.container_id(run.uid(), c.restart_count))));
                let (resolved, image_id) = c.resolved_image();
                m.push(entry("image", str_node(&resolved)));
                m.push(entry("imageID", str_node(&image_id)));
            } else {
                m.push(entry("image", str_node(&c.info.image)));
                m.push(entry("imageID", str_node("")));
            }
            m.push(entry("ready", Node::new(Value::Bool(c.ready), span)));
            m.push(entry("restartCount", int(i64::from(c.restart_count))));
            m.push(entry("started", Node::new(Value::Bool(c.started), span)));
            let default_reason = if has_init { "PodInitializing" } else { "ContainerCreating" };
            let state = match c.state {
                Some(s) => state_node(run, s, created.then(|| c.container_id(run.uid(), c.restart_count))),
                None => map(vec![entry("waiting", map(vec![entry("reason", str_node(default_reason))]))]),
            };
            m.push(entry("state", state));
            let last = match c.last_state {
                // convertToAPIContainerStatuses: waiting to restart, the state is the latest
                // container's, moved to lastState (the same ID); running again, lastState is
                // the instance before (restart count one lower)
                Some(l) => {
                    let waiting = matches!(c.state, Some(CState::Waiting { .. }));
                    let k = if waiting { c.restart_count } else { c.restart_count.saturating_sub(1) };
                    map(vec![entry("terminated", terminated_node(run, l, Some(c.container_id(run.uid(), k))))])
                }
                None => map(Vec::new()),
            };
            m.push(entry("lastState", last));
            if let Some(sc) = spec_c {
                if matches!(c.state, Some(CState::Running { .. })) {
                    let (res, allocated) = resources(sc.get("resources"));
                    m.push(entry("resources", res));
                    if let Some(a) = allocated {
                        m.push(entry("allocatedResources", a));
                    }
                }
                let mounts: Vec<Node> = sc
                    .seq("volumeMounts")
                    .iter()
                    .map(|vm| {
                        let mut e = vec![
                            entry("mountPath", str_node(vm.str("mountPath").unwrap_or(""))),
                            entry("name", str_node(vm.str("name").unwrap_or(""))),
                        ];
                        if vm.get("readOnly").and_then(|r| r.as_bool()) == Some(true) {
                            e.push(entry("readOnly", Node::new(Value::Bool(true), span)));
                            e.push(entry("recursiveReadOnly", str_node("Disabled")));
                        }
                        map(e)
                    })
                    .collect();
                if !mounts.is_empty() {
                    m.push(entry("volumeMounts", Node::new(Value::Seq(mounts), span)));
                }
            }
            if c.info.kind == ContainerKind::App {
                app.push((c.info.name.clone(), map(m)));
            } else {
                init.push(map(m));
            }
        }
        // kubetypes.SortedContainerStatuses: by name; init containers keep the spec's order
        crate::sort::sort_by(&mut app, |a, b| a.0.cmp(&b.0));
        put("containerStatuses", Node::new(Value::Seq(app.into_iter().map(|(_, n)| n).collect()), span));
        if !init.is_empty() {
            put("initContainerStatuses", Node::new(Value::Seq(init), span));
        }
        if let Some(ip) = run.host_ip() {
            put("hostIP", str_node(ip));
            put("hostIPs", ips(ip));
        }
        put("observedGeneration", int(generation));
        if let Some(s) = started {
            put("startTime", time(s));
        }
    }
    put("phase", str_node(snap.phase.as_str()));
    if let Some(ip) = snap.pod_ip {
        put("podIP", str_node(ip));
        put("podIPs", ips(ip));
    }
    put("qosClass", str_node(run.qos_class().as_str()));
    if let Some((reason, message)) = snap.reason {
        put("reason", str_node(reason));
        if !message.is_empty() {
            put("message", str_node(message));
        }
    }
    obj.set("status", map(status));
    obj
}

fn state_node(run: &Run, s: &CState, id: Option<String>) -> Node {
    match s {
        CState::Waiting { reason, message } => {
            let mut w = Vec::new();
            if !reason.is_empty() {
                w.push(entry("reason", str_node(reason)));
            }
            if !message.is_empty() {
                w.push(entry("message", str_node(message)));
            }
            map(vec![entry("waiting", map(w))])
        }
        CState::Running { started_at } => map(vec![entry(
            "running",
            map(vec![entry("startedAt", str_node(&rfc3339(run.on_clock(*started_at))))]),
        )]),
        CState::Terminated(t) => map(vec![entry("terminated", terminated_node(run, t, id))]),
    }
}

fn terminated_node(run: &Run, t: &Terminated, id: Option<String>) -> Node {
    let mut m = vec![
        entry("exitCode", int(i64::from(t.exit_code))),
        entry("finishedAt", str_node(&rfc3339(run.on_clock(t.finished_at)))),
        entry("reason", str_node(t.reason)),
        entry("startedAt", str_node(&rfc3339(run.on_clock(t.started_at)))),
    ];
    if let Some(id) = id {
        m.push(entry("containerID", str_node(&id)));
    }
    if !t.message.is_empty() {
        m.push(entry("message", str_node(&t.message)));
    }
    map(m)
}

/// `status.resources` (limits and requests of cpu, memory and ephemeral-storage) and
/// `allocatedResources` (the requests) of a running container.
fn resources(spec: Option<&Node>) -> (Node, Option<Node>) {
    let pick = |key: &str| -> Option<Node> {
        let list = spec?.get(key)?.as_map()?;
        let kept: Vec<Entry> = list
            .iter()
            .filter(|e| matches!(e.key.as_str(), "cpu" | "memory" | "ephemeral-storage"))
            .cloned()
            .collect();
        (!kept.is_empty()).then(|| map(kept))
    };
    let limits = pick("limits");
    let requests = pick("requests");
    let mut r = Vec::new();
    if let Some(l) = limits {
        r.push(entry("limits", l));
    }
    if let Some(q) = &requests {
        r.push(entry("requests", q.clone()));
    }
    (map(r), requests)
}

fn ips(ip: &str) -> Node {
    Node::new(Value::Seq(vec![map(vec![entry("ip", str_node(ip))])]), crate::span::Span::default())
}

fn entry(key: &str, value: Node) -> Entry {
    Entry {
        key: key.to_string(),
        key_span: value.span,
        value,
    }
}

fn map(entries: Vec<Entry>) -> Node {
    Node::new(Value::Map(entries), crate::span::Span::default())
}

fn str_node(s: &str) -> Node {
    Node::new(Value::Str(s.to_string()), crate::span::Span::default())
}

fn int(i: i64) -> Node {
    Node::new(Value::Int(i), crate::span::Span::default())
}

/// `metav1.Time` as JSON: RFC 3339 in UTC, whole seconds, on the playground's calendar.
pub fn rfc3339(t: SimTime) -> String {
    let (y, m, d, h, mi, s) = crate::os::clock::civil(crate::os::clock::wall_secs(t));
    format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}
