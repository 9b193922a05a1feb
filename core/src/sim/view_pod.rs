//! What the pod views (creation flow, namespaces, network) need from a run beyond [`Run`] and
//! [`Snapshot`](super::Snapshot): the creation flow merged with the failures the kubelet and the
//! scheduler report as events, which steps are failures, the binds that failed, and where the API
//! path rejects a manifest that never becomes a Pod.

use crate::sim::process::SimTime;
use crate::sim::rules::{Cause, Rule};
use crate::sim::run::{
    CState, Component, ContainerView, Event, EventType, NsSet, Run, Snapshot, StepKind,
};
use crate::sim::view_input::RefusedBy;
use crate::sim::view_timeline::Pick;

/// One step of the flow as the flow view draws it: a [`FlowStep`](super::FlowStep), or a warning
/// event (a failed pull, a back-off, a failed mount retry) placed on the component that reports it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FlowItem<'a> {
    pub t: SimTime,
    pub component: Component,
    pub container: Option<usize>,
    /// The component's own words (`POST /api/v1/namespaces/default/pods`, an event's message),
    /// in English; [`FlowItem::text_in`] gives them in the UI's language.
    pub text: &'a str,
    /// The same in Chinese (Kubernetes' own words, an event's message, stay as they are).
    pub text_zh: &'a str,
    /// The event's reason (`FailedMount`, `BackOff`) when the item is an event.
    pub reason: Option<&'static str>,
    pub cause: &'a Cause,
    /// A failure path: the pod does not get further this way (FailedScheduling, FailedMount,
    /// ErrImagePull, a failed bind, a non-zero exit, …).
    pub failed: bool,
    /// What kind of step it is (for the sentence that teaches it).
    pub kind: StepKind,
    /// What the "why" panel explains when the step is chosen (the flow step or the event).
    pub pick: Pick,
}

impl FlowItem<'_> {
    /// The item's words in `lang`.
    pub fn text_in(&self, lang: crate::diag::Lang) -> &str {
        match lang {
            crate::diag::Lang::En => self.text,
            crate::diag::Lang::Zh => self.text_zh,
        }
    }
}

/// True for the rules that stop or undo progress.
fn is_failure(rule: &Rule) -> bool {
    matches!(
        rule,
        Rule::Unschedulable { .. }
            | Rule::NoSuchNode { .. }
            | Rule::SchedulingGated
            | Rule::OtherScheduler { .. }
            | Rule::KubeletRejected { .. }
            | Rule::VolumeSourceMissing { .. }
            | Rule::MountTimeout
            | Rule::PullFailed
            | Rule::PullBackOff { .. }
            | Rule::NeverPull
            | Rule::InvalidImage
            | Rule::ConfigError
            | Rule::HookFailed { .. }
            | Rule::OomKilled { .. }
            | Rule::KilledByProbe { .. }
            | Rule::PortInUse { .. }
            | Rule::DeadlineExceeded { .. }
            | Rule::Budget { .. }
    ) || matches!(rule, Rule::ProgramExited { code } if *code != 0)
}

/// True when a cause contains a failure.
pub fn cause_failed(cause: &Cause) -> bool {
    cause.0.iter().any(is_failure)
}

/// The flow steps and the warning events, in time order and, within an instant, in the order of
/// cause and effect (the order of recording, [`Event::seq`]). An event that repeats a flow step (same
/// time and text, as the first `FailedScheduling` or `FailedMount` does) is not listed twice.
/// Warning events go to the component that reports them: the scheduler's to the scheduler,
/// `FailedMount` to the volumes, the rest (pulls, back-off, probes, hooks) to the kubelet.
pub fn flow_items(run: &Run) -> Vec<FlowItem<'_>> {
    let flow = run.flow();
    let mut out = Vec::with_capacity(flow.len() + 8);
    let mut events = run
        .events()
        .iter()
        .enumerate()
        .filter(|(_, e)| e.event_type == EventType::Warning)
        .peekable();
    for (index, step) in flow.iter().enumerate() {
        while let Some((i, e)) = events.next_if(|(_, e)| (e.t, e.seq) < (step.t, step.seq)) {
            out.push(event_item(e, i));
        }
        out.push(FlowItem {
            t: step.t,
            component: step.component,
            container: step.container,
            text: &step.action.en,
            text_zh: &step.action.zh,
            reason: None,
            cause: &step.cause,
            failed: cause_failed(&step.cause),
            kind: step.kind(),
            pick: Pick::Flow(index),
        });
    }
    for (i, e) in events {
        out.push(event_item(e, i));
    }
    // Drop events that say what a flow step at the same time says.
    let mut kept: Vec<FlowItem<'_>> = Vec::with_capacity(out.len());
    // `out` is in time order: the items of an instant are one run of it.
    for item in &out {
        let from = out.partition_point(|k| k.t < item.t);
        let dup = item.reason.is_some()
            && out
                .iter()
                .skip(from)
                .take_while(|k| k.t == item.t)
                .any(|k| k.reason.is_none() && k.text == item.text);
        if !dup {
            kept.push(*item);
        }
    }
    crate::sort::sort_by_key(&mut kept, |i| i.t);
    kept
}

fn event_item(e: &Event, index: usize) -> FlowItem<'_> {
    let (component, kind) = if e.from == "default-scheduler" {
        (Component::Scheduler, StepKind::Schedule)
    } else if e.reason == "FailedMount" {
        (Component::Volumes, StepKind::Mount)
    } else {
        (Component::Kubelet, event_kind(e))
    };
    FlowItem {
        t: e.t,
        component,
        container: e.container,
        text: &e.message,
        text_zh: &e.message,
        reason: Some(e.reason),
        cause: &e.cause,
        failed: true,
        kind,
        pick: Pick::Event(index),
    }
}

/// The kind of a kubelet's warning event, from the rules that caused it.
fn event_kind(e: &Event) -> StepKind {
    let pull = e.cause.0.iter().any(|r| {
        matches!(
            r,
            Rule::PullFailed | Rule::PullBackOff { .. } | Rule::NeverPull | Rule::InvalidImage
        )
    });
    let probe = e.cause.0.iter().any(|r| {
        matches!(
            r,
            Rule::ProbeFailed { .. } | Rule::ProbeThreshold { .. } | Rule::KilledByProbe { .. }
        )
    });
    if pull {
        StepKind::Pull
    } else if probe {
        StepKind::Probe
    } else {
        StepKind::Process
    }
}

/// The instants of the flow's items, in order, without repeats: where stepping through the
/// creation stops.
pub fn item_times(items: &[FlowItem<'_>]) -> Vec<SimTime> {
    let mut times: Vec<SimTime> = items.iter().map(|i| i.t).collect();
    times.dedup();
    times
}

/// The number of items at or before `t` (items are in time order).
pub fn items_until(items: &[FlowItem<'_>], t: SimTime) -> usize {
    items.partition_point(|i| i.t <= t)
}

/// A bind that failed because another container of the pod holds the port.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FailedBind {
    pub t: SimTime,
    pub container: usize,
    pub port: u16,
}

/// Every failed bind, in time order (the runtime reports them as flow steps of the container).
pub fn failed_binds(run: &Run) -> Vec<FailedBind> {
    run.flow()
        .iter()
        .filter_map(|s| {
            let port = s.cause.0.iter().find_map(|r| match r {
                Rule::PortInUse { port } => Some(*port),
                _ => None,
            })?;
            Some(FailedBind {
                t: s.t,
                container: s.container?,
                port,
            })
        })
        .collect()
}

/// The port clash at the snapshot's time: the latest bind that failed at or before it, for as long
/// as another container of the pod still listens on that port (the clash lasts while the holder
/// holds it: the one that failed keeps failing at each restart). None before the first failed
/// bind and once the port is free or held by the container that had failed.
pub fn clash_at(binds: &[FailedBind], snap: &Snapshot<'_>) -> Option<FailedBind> {
    let b = binds.iter().rev().find(|b| b.t <= snap.t)?;
    snap.sockets
        .iter()
        .any(|s| s.port == b.port && s.container != b.container)
        .then_some(*b)
}

/// The namespaces a container's processes are in at the snapshot's time: None before the runtime
/// created it and after its process exited (a container waiting to restart, or terminated, has no
/// process left, so nothing holds its pid and mnt namespaces and it is in none of the pod's).
/// Simplified: the few milliseconds between CreateContainer and StartContainer of a restart count
/// as not running (the view shows the new namespaces once the container starts).
pub fn live_namespaces<'a>(c: &ContainerView<'a>) -> Option<&'a NsSet> {
    let exited = match c.state {
        Some(CState::Terminated(_)) => true,
        Some(CState::Waiting { .. }) => c.last_state.is_some(),
        _ => false,
    };
    c.namespaces.filter(|_| !exited)
}

/// How a process holds one of its namespaces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NsHolding {
    /// The node's own (`hostNetwork`, `hostPID`, `hostIPC`).
    Host,
    /// The pause container holds it for the pod.
    Pause,
    /// The pod's, joined from the pause container.
    Shared,
    /// Its own.
    Own,
}

/// How a container whose processes are in `ns` holds namespace `kind`: the node's, the pause
/// container's (`pause`, joined), or its own.
pub fn ns_holding(kind: &str, ns: &NsSet, pause: Option<&NsSet>) -> NsHolding {
    let v = ns.inode(kind);
    if v == NsSet::HOST.inode(kind) {
        NsHolding::Host
    } else if pause.is_some_and(|p| p.inode(kind) == v) {
        NsHolding::Shared
    } else {
        NsHolding::Own
    }
}

/// How the pause container holds namespace `kind`: the node's with the host's namespaces; its
/// pid namespace is its own unless a running container shares it (`shareProcessNamespace`); every
/// other it holds for the pod.
pub fn pause_ns_holding(kind: &str, pause: &NsSet, containers: &[ContainerView<'_>]) -> NsHolding {
    if ns_holding(kind, pause, None) == NsHolding::Host {
        NsHolding::Host
    } else if kind == "pid"
        && !containers
            .iter()
            .any(|c| live_namespaces(c).is_some_and(|n| n.pid == pause.pid))
    {
        NsHolding::Own
    } else {
        NsHolding::Pause
    }
}

/// The HTTP status the API server answers a refused object with: `400 Bad Request` when it cannot
/// decode it (strict decoding, wrong types), `422 Unprocessable Entity` when validation refuses it;
/// None when kubectl sent nothing.
pub fn refusal_status(by: RefusedBy) -> Option<&'static str> {
    match by {
        RefusedBy::Kubectl => None,
        RefusedBy::Decoding => Some("400 Bad Request"),
        RefusedBy::Validation => Some("422 Unprocessable Entity"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use crate::sim::{simulate, Options, World};

    fn run(src: &str) -> Run {
        let a = crate::analyze::analyze(src);
        let objs: Vec<_> = a
            .documents
            .iter()
            .filter_map(|d| d.defaulted.clone())
            .collect();
        let w = World::from_trees(objs.iter()).expect("a pod");
        simulate(&w, &Options::default())
    }

    const CLASH: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: clash\nspec:\n  containers:\n  - name: a\n    image: nginx\n  - name: b\n    image: nginx\n";

    #[test]
    fn a_port_clash_lasts_while_the_other_container_holds_the_port() {
        let r = run(CLASH);
        let binds = failed_binds(&r);
        let first = *binds.first().expect("a failed bind");
        let before = SimTime(first.t.0.saturating_sub(1));
        assert_eq!(clash_at(&binds, &r.state_at(before)), None);
        assert_eq!(clash_at(&binds, &r.state_at(first.t)), Some(first));
        // Through the back-off and to the end of the run: container a still holds :80.
        let end = clash_at(&binds, &r.state_at(r.end())).expect("still clashing at the end");
        assert_eq!((end.container, end.port), (1, 80));
        // Deleted: once a stops listening, the clash is over.
        let deleted = simulate(
            &World::from_trees(
                crate::analyze::analyze(CLASH)
                    .documents
                    .iter()
                    .filter_map(|d| d.defaulted.clone())
                    .collect::<Vec<_>>()
                    .iter(),
            )
            .expect("a pod"),
            &Options {
                delete_at: Some(SimTime::from_secs(60)),
                ..Options::default()
            },
        );
        let binds = failed_binds(&deleted);
        let late = deleted.removed_at().expect("removed");
        assert_eq!(clash_at(&binds, &deleted.state_at(late)), None);
    }

    #[test]
    fn a_port_clash_is_a_failed_bind_of_the_second_container() {
        let r = run(CLASH);
        let binds = failed_binds(&r);
        let first = binds.first().expect("a failed bind");
        assert_eq!((first.container, first.port), (1, 80));
        let items = flow_items(&r);
        let at = items
            .iter()
            .find(|i| i.t == first.t && i.failed)
            .expect("the bind failure");
        assert_eq!(at.component, Component::Container);
        assert!(at.text.contains("bind(:80) fails"), "{}", at.text);
        // The crash back-off is a warning event on the kubelet, after the first exit.
        let backoff = items
            .iter()
            .find(|i| i.reason == Some("BackOff"))
            .expect("BackOff");
        assert_eq!(backoff.component, Component::Kubelet);
        assert!(backoff.t > first.t);
        assert!(items.windows(2).all(|w| w[0].t <= w[1].t));
        // The creation steps before the first container starts are no failures.
        assert!(items
            .iter()
            .take_while(|i| i.component != Component::Container)
            .all(|i| !i.failed));
        assert_eq!(items_until(&items, SimTime::ZERO), 1);
    }

    #[test]
    fn the_creation_steps_have_their_kinds_in_order() {
        let r = run(CLASH);
        let items = flow_items(&r);
        let kinds: Vec<StepKind> = items
            .iter()
            .take_while(|i| i.kind != StepKind::Start)
            .map(|i| i.kind)
            .collect();
        use StepKind::*;
        assert_eq!(
            kinds,
            [
                Submit, Admit, Store, Schedule, Bind, Kubelet, Mount, Sandbox, Network, Pull,
                Create
            ],
            "{:?}",
            items.iter().map(|i| i.text).collect::<Vec<_>>()
        );
        // The sandbox is created before any container, and every kind has a sentence in both
        // languages.
        let sandbox = items.iter().position(|i| i.kind == Sandbox).unwrap();
        let create = items.iter().position(|i| i.kind == Create).unwrap();
        assert!(sandbox < create);
        for i in &items {
            let (en, zh) = (
                i.kind.teaching(crate::diag::Lang::En),
                i.kind.teaching(crate::diag::Lang::Zh),
            );
            assert!(en.len() > 40 && zh.len() > 40 && en != zh, "{:?}", i.kind);
        }
        assert!(items.iter().any(|i| i.kind == Start));
        // The failed bind and the crash loop are the process's; the back-off is the kubelet's.
        assert!(items
            .iter()
            .filter(|i| i.reason == Some("BackOff"))
            .all(|i| i.kind == Process));
        let times = item_times(&items);
        assert!(times.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(times.len(), {
            let mut t: Vec<SimTime> = items.iter().map(|i| i.t).collect();
            t.dedup();
            t.len()
        });
    }

    #[test]
    fn probes_pulls_and_deletion_have_their_kinds() {
        let r = run("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: nginx\n    livenessProbe:\n      httpGet:\n        path: /nope\n        port: 8080\n");
        let items = flow_items(&r);
        assert!(
            items
                .iter()
                .any(|i| i.kind == StepKind::Probe && i.reason == Some("Unhealthy")),
            "{:?}",
            items.iter().map(|i| (i.kind, i.reason)).collect::<Vec<_>>()
        );
        let opts = crate::sim::Options {
            delete_at: Some(SimTime(30_000)),
            ..crate::sim::Options::default()
        };
        let a = crate::analyze::analyze(CLASH);
        let objs: Vec<_> = a
            .documents
            .iter()
            .filter_map(|d| d.defaulted.clone())
            .collect();
        let w = crate::sim::World::from_trees(objs.iter()).unwrap();
        let r = simulate(&w, &opts);
        let items = flow_items(&r);
        let after: Vec<StepKind> = items
            .iter()
            .filter(|i| i.t >= SimTime(30_000) && i.reason.is_none())
            .map(|i| i.kind)
            .collect();
        assert!(after.first() == Some(&StepKind::Stop), "{after:?}");
        assert!(after.contains(&StepKind::Stop));
        let missing = run("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: nginx:1.27\n    imagePullPolicy: Never\n");
        assert!(flow_items(&missing)
            .iter()
            .any(|i| i.kind == StepKind::Pull && i.failed));
    }

    #[test]
    fn a_missing_config_map_fails_on_the_volumes_once_per_retry() {
        let r = run("apiVersion: v1\nkind: Pod\nmetadata:\n  name: m\nspec:\n  containers:\n  - name: a\n    image: nginx\n    volumeMounts:\n    - name: c\n      mountPath: /c\n  volumes:\n  - name: c\n    configMap:\n      name: nope\n");
        let items = flow_items(&r);
        let mounts: Vec<_> = items
            .iter()
            .filter(|i| i.component == Component::Volumes && i.failed)
            .collect();
        assert!(mounts.len() > 3, "{mounts:?}");
        // The first failure is the flow step; its event is not listed twice.
        let first_t = mounts[0].t;
        assert_eq!(mounts.iter().filter(|i| i.t == first_t).count(), 1);
        assert!(mounts[0].text.contains("configmap \"nope\" not found"));
    }

    #[test]
    fn unschedulable_pods_fail_at_the_scheduler() {
        let r = run("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  nodeSelector:\n    disktype: ssd\n  containers:\n  - name: a\n    image: nginx\n");
        let items = flow_items(&r);
        let last = items.last().expect("items");
        assert_eq!(last.component, Component::Scheduler);
        assert!(last.failed);
        assert!(
            last.text.starts_with("0/4 nodes are available"),
            "{}",
            last.text
        );
    }

    #[test]
    fn an_exited_container_is_in_no_namespace() {
        let r = run(CLASH);
        let crash = r
            .events()
            .iter()
            .find(|e| e.reason == "BackOff")
            .expect("BackOff")
            .t;
        let snap = r.state_at(crash);
        let (a, b) = (&snap.containers[0], &snap.containers[1]);
        assert!(live_namespaces(a).is_some(), "web-a runs");
        assert!(
            b.namespaces.is_some(),
            "the run keeps the last namespaces it had"
        );
        assert_eq!(
            live_namespaces(b),
            None,
            "web-b waits to restart: no process"
        );
        let before = r.state_at(SimTime(100));
        assert!(before
            .containers
            .iter()
            .all(|c| live_namespaces(c).is_none()));
    }

    #[test]
    fn refusals_answer_with_the_api_servers_status() {
        assert_eq!(refusal_status(RefusedBy::Kubectl), None);
        assert_eq!(refusal_status(RefusedBy::Decoding), Some("400 Bad Request"));
        assert_eq!(
            refusal_status(RefusedBy::Validation),
            Some("422 Unprocessable Entity")
        );
    }

    #[test]
    fn namespaces_are_classified_by_who_holds_them() {
        let shared_pid = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: sh\nspec:\n  shareProcessNamespace: true\n  containers:\n  - name: a\n    image: nginx\n";
        for (src, pid_holder) in [(CLASH, NsHolding::Own), (shared_pid, NsHolding::Pause)] {
            let r = run(src);
            let snap = r.state_at(SimTime::from_secs(60));
            let pause = snap.pause_namespaces.expect("a sandbox");
            assert_eq!(
                pause_ns_holding("net", pause, &snap.containers),
                NsHolding::Pause
            );
            assert_eq!(pause_ns_holding("pid", pause, &snap.containers), pid_holder);
            let c = snap.containers.first().expect("a container");
            let ns = live_namespaces(c).expect("running");
            assert_eq!(ns_holding("net", ns, Some(pause)), NsHolding::Shared);
            assert_eq!(ns_holding("mnt", ns, Some(pause)), NsHolding::Own);
        }
        assert_eq!(ns_holding("net", &NsSet::HOST, None), NsHolding::Host);
        assert_eq!(pause_ns_holding("ipc", &NsSet::HOST, &[]), NsHolding::Host);
    }
}
