//! The result of a simulation: events, flow steps, notes, and for every entity a list of changes in
//! time order, so that "the state at time t" is a binary search per entity (no snapshot per event).

use crate::model::QosClass;
use crate::sim::printer;
use crate::sim::process::{Proto, SimTime};
use crate::sim::rules::{Cause, ProbeKind};

/// `pod.status.phase`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Pending,
    Running,
    Succeeded,
    Failed,
    Unknown,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Pending => "Pending",
            Phase::Running => "Running",
            Phase::Succeeded => "Succeeded",
            Phase::Failed => "Failed",
            Phase::Unknown => "Unknown",
        }
    }

    pub fn is_terminal(self) -> bool {
        matches!(self, Phase::Succeeded | Phase::Failed)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContainerKind {
    /// A regular init container.
    Init,
    /// An init container with `restartPolicy: Always` (a native sidecar).
    Sidecar,
    App,
}

/// What does not change about a container during the run.
#[derive(Clone, Debug, PartialEq)]
pub struct ContainerInfo {
    pub name: String,
    pub kind: ContainerKind,
    pub image: String,
}

impl ContainerInfo {
    pub fn is_init_list(&self) -> bool {
        self.kind != ContainerKind::App
    }

    /// The event's `involvedObject.fieldPath` (`spec.containers{web}`).
    pub fn field_path(&self) -> String {
        if self.is_init_list() {
            format!("spec.initContainers{{{}}}", self.name)
        } else {
            format!("spec.containers{{{}}}", self.name)
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Terminated {
    pub exit_code: i32,
    /// `Completed`, `Error`, `OOMKilled`, `ContainerCannotRun`, …
    pub reason: &'static str,
    pub message: String,
    pub started_at: SimTime,
    pub finished_at: SimTime,
}

/// `containerStatuses[].state`.
#[derive(Clone, Debug, PartialEq)]
pub enum CState {
    Waiting {
        reason: &'static str,
        message: String,
    },
    Running {
        started_at: SimTime,
    },
    Terminated(Terminated),
}

impl CState {
    pub fn waiting(reason: &'static str) -> CState {
        CState::Waiting {
            reason,
            message: String::new(),
        }
    }

    pub fn is_running(&self) -> bool {
        matches!(self, CState::Running { .. })
    }

    /// The word kubectl describe prints (`Waiting`, `Running`, `Terminated`).
    pub fn word(&self) -> &'static str {
        match self {
            CState::Waiting { .. } => "Waiting",
            CState::Running { .. } => "Running",
            CState::Terminated(_) => "Terminated",
        }
    }

    pub fn reason(&self) -> Option<&'static str> {
        match self {
            CState::Waiting { reason, .. } => Some(reason),
            CState::Running { .. } => None,
            CState::Terminated(t) => Some(t.reason),
        }
    }
}

/// A list of changes to one value, in time order. `at(t)` is the last value set at or before `t`.
#[derive(Clone, Debug)]
pub struct Track<T> {
    times: Vec<SimTime>,
    values: Vec<T>,
}

impl<T> Default for Track<T> {
    fn default() -> Self {
        Track {
            times: Vec::new(),
            values: Vec::new(),
        }
    }
}

impl<T: PartialEq> Track<T> {
    /// Records a change (ignored when the value is the same as the last one).
    pub(crate) fn set(&mut self, t: SimTime, v: T) -> bool {
        if self.values.last() == Some(&v) {
            return false;
        }
        self.times.push(t);
        self.values.push(v);
        true
    }
}

impl<T> Track<T> {
    pub fn at(&self, t: SimTime) -> Option<&T> {
        let i = self.times.partition_point(|x| *x <= t);
        if i == 0 {
            None
        } else {
            self.values.get(i - 1)
        }
    }

    /// The value at `t` and the time it was set.
    pub fn entry_at(&self, t: SimTime) -> Option<(SimTime, &T)> {
        let i = self.times.partition_point(|x| *x <= t);
        if i == 0 {
            None
        } else {
            Some((*self.times.get(i - 1)?, self.values.get(i - 1)?))
        }
    }

    pub fn last(&self) -> Option<&T> {
        self.values.last()
    }

    /// The index of the entry in force at `t`.
    pub fn index_at(&self, t: SimTime) -> Option<usize> {
        self.times.partition_point(|x| *x <= t).checked_sub(1)
    }

    pub fn get(&self, i: usize) -> Option<(SimTime, &T)> {
        Some((*self.times.get(i)?, self.values.get(i)?))
    }

    pub fn len(&self) -> usize {
        self.times.len()
    }

    pub fn is_empty(&self) -> bool {
        self.times.is_empty()
    }

    /// Every change, in order.
    pub fn iter(&self) -> impl Iterator<Item = (SimTime, &T)> + '_ {
        self.times.iter().copied().zip(self.values.iter())
    }
}

/// One probe run as the prober worker saw it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProbeTick {
    pub t: SimTime,
    pub kind: ProbeKind,
    pub ok: bool,
    /// Consecutive results equal to this one (the worker's `resultRun`).
    pub consecutive: u32,
    /// The threshold this run is counted against (failureThreshold or successThreshold).
    pub threshold: u32,
    /// True when this run changed the probe's result (threshold reached).
    pub changed: bool,
    pub instance: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HookKind {
    PostStart,
    PreStop,
}

impl HookKind {
    pub fn as_str(self) -> &'static str {
        match self {
            HookKind::PostStart => "PostStart",
            HookKind::PreStop => "PreStop",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct HookRun {
    pub kind: HookKind,
    pub instance: u32,
    pub start: SimTime,
    pub end: Option<SimTime>,
    pub ok: Option<bool>,
}

/// Text a container printed (`kubectl logs`).
#[derive(Clone, Debug, PartialEq)]
pub struct LogChunk {
    pub t: SimTime,
    /// Which run of the container (0 = the first; `restartCount` at the time it ran).
    pub instance: u32,
    pub stderr: bool,
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CpuSample {
    pub demand_milli: u64,
    pub limit_milli: Option<u64>,
}

impl CpuSample {
    /// CFS throttling: demand above the limit is cut, never killed.
    pub fn throttled_milli(&self) -> u64 {
        match self.limit_milli {
            Some(l) if self.demand_milli > l => self.demand_milli - l,
            _ => 0,
        }
    }
}

/// The inode numbers of a process's namespaces (`ls -l /proc/PID/ns`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NsSet {
    pub net: u64,
    pub ipc: u64,
    pub uts: u64,
    pub pid: u64,
    pub mnt: u64,
    pub user: u64,
    pub cgroup: u64,
}

impl NsSet {
    /// The node's own (initial) namespaces, with the inode numbers Linux gives them.
    pub const HOST: NsSet = NsSet {
        net: 4026531840,
        ipc: 4026531839,
        uts: 4026531838,
        pid: 4026531836,
        mnt: 4026531841,
        user: 4026531837,
        cgroup: 4026531835,
    };

    /// The inode of the namespace `kind` (`net`, `ipc`, `uts`, `pid`, `mnt`, `user`, `cgroup`).
    pub fn inode(&self, kind: &str) -> Option<u64> {
        self.entries()
            .into_iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, v)| v)
    }

    /// `(name, inode)` in the order `ls /proc/PID/ns` lists them.
    pub fn entries(&self) -> [(&'static str, u64); 7] {
        [
            ("cgroup", self.cgroup),
            ("ipc", self.ipc),
            ("mnt", self.mnt),
            ("net", self.net),
            ("pid", self.pid),
            ("user", self.user),
            ("uts", self.uts),
        ]
    }
}

/// One line of `ps` as seen from inside a PID namespace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PsEntry {
    pub pid: u32,
    pub user: String,
    pub command: String,
    /// The container the process belongs to (None for pause and for the node's own processes).
    pub container: Option<usize>,
}

/// A listening socket in the pod's (or, with hostNetwork, the node's) network namespace.
#[derive(Clone, Debug, PartialEq)]
pub struct Socket {
    pub port: u16,
    pub proto: Proto,
    pub container: usize,
    pub instance: u32,
    pub pid: u32,
    pub opened: SimTime,
    pub closed: Option<SimTime>,
    /// The node port that forwards to it (`hostPort`).
    pub host_port: Option<u16>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConnResult {
    /// An HTTP exchange with this status.
    Http(u16),
    /// A TCP connection was accepted.
    Connected,
    Refused,
    Timeout,
    /// The name did not resolve.
    Unresolved,
    AddrInUse,
}

impl ConnResult {
    pub fn text(&self) -> String {
        match self {
            ConnResult::Http(s) => format!("HTTP {s}"),
            ConnResult::Connected => "connected".into(),
            ConnResult::Refused => "connection refused".into(),
            ConnResult::Timeout => "timed out".into(),
            ConnResult::Unresolved => "bad address".into(),
            ConnResult::AddrInUse => "address already in use".into(),
        }
    }
}

/// A connection a container made (probes are the kubelet's and are listed as probe ticks instead).
#[derive(Clone, Debug, PartialEq)]
pub struct Connection {
    pub t: SimTime,
    pub from: usize,
    /// What the program asked for (`localhost`, `k8sbook`, `10.96.0.1`).
    pub host: String,
    /// Where it went (an IP), when the name resolved.
    pub ip: Option<String>,
    pub port: u16,
    /// Who answered: a container of the pod, or nothing.
    pub to_container: Option<usize>,
    pub result: ConnResult,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteKind {
    /// Something a program or the engine assumed because the playground does not model it.
    Assumption,
    /// A budget was hit; the run is cut or a program was stopped.
    Budget,
    /// A known simplification of Kubernetes' behaviour that shows in this run.
    Simplification,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    pub t: SimTime,
    pub container: Option<usize>,
    pub kind: NoteKind,
    pub text: String,
}

/// The component that acts in a step of the creation flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Component {
    Kubectl,
    ApiServer,
    Etcd,
    Scheduler,
    Kubelet,
    Cri,
    Cni,
    Volumes,
    Container,
}

impl Component {
    pub fn as_str(self) -> &'static str {
        match self {
            Component::Kubectl => "kubectl",
            Component::ApiServer => "kube-apiserver",
            Component::Etcd => "etcd",
            Component::Scheduler => "kube-scheduler",
            Component::Kubelet => "kubelet",
            Component::Cri => "CRI (containerd)",
            Component::Cni => "CNI",
            Component::Volumes => "volumes",
            Component::Container => "container",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct FlowStep {
    pub t: SimTime,
    pub component: Component,
    pub container: Option<usize>,
    /// What happened, in the words of the component (`POST /api/v1/namespaces/default/pods`).
    pub action: String,
    pub cause: Cause,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventType {
    Normal,
    Warning,
}

impl EventType {
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Normal => "Normal",
            EventType::Warning => "Warning",
        }
    }
}

/// A Kubernetes event (`kubectl describe pod` / `kubectl events`).
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub t: SimTime,
    pub event_type: EventType,
    pub reason: &'static str,
    /// `default-scheduler` or `kubelet`.
    pub from: &'static str,
    pub container: Option<usize>,
    pub message: String,
    pub cause: Cause,
}

/// `pod.status.conditions[]` types, in the order the kubelet lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConditionType {
    PodReadyToStartContainers,
    Initialized,
    Ready,
    ContainersReady,
    PodScheduled,
}

impl ConditionType {
    /// In the order pods report them (`kubectl describe` "Conditions:").
    pub const ALL: [ConditionType; 5] = [
        ConditionType::PodReadyToStartContainers,
        ConditionType::Initialized,
        ConditionType::Ready,
        ConditionType::ContainersReady,
        ConditionType::PodScheduled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ConditionType::PodReadyToStartContainers => "PodReadyToStartContainers",
            ConditionType::Initialized => "Initialized",
            ConditionType::Ready => "Ready",
            ConditionType::ContainersReady => "ContainersReady",
            ConditionType::PodScheduled => "PodScheduled",
        }
    }

    /// This condition's entry of a per-condition array (in `ConditionType::ALL`'s order).
    fn pick<T>(
        self,
        [ready_to_start, initialized, ready, containers_ready, scheduled]: [T; 5],
    ) -> T {
        match self {
            ConditionType::PodReadyToStartContainers => ready_to_start,
            ConditionType::Initialized => initialized,
            ConditionType::Ready => ready,
            ConditionType::ContainersReady => containers_ready,
            ConditionType::PodScheduled => scheduled,
        }
    }

    pub(crate) fn index(self) -> usize {
        match self {
            ConditionType::PodReadyToStartContainers => 0,
            ConditionType::Initialized => 1,
            ConditionType::Ready => 2,
            ConditionType::ContainersReady => 3,
            ConditionType::PodScheduled => 4,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    pub status: bool,
    pub reason: &'static str,
    pub message: String,
}

/// Per-container tracks.
#[derive(Clone, Debug, Default)]
pub struct ContainerTracks {
    pub(crate) state: Track<CState>,
    pub(crate) last_state: Track<Option<Terminated>>,
    pub(crate) ready: Track<bool>,
    pub(crate) started: Track<bool>,
    pub(crate) restarts: Track<u32>,
    /// Probe runs per kind (startup, liveness, readiness), in time order.
    pub(crate) probes: [Vec<ProbeTick>; 3],
    pub(crate) hooks: Vec<HookRun>,
    pub(crate) memory: Track<u64>,
    pub(crate) cpu: Track<CpuSample>,
    pub(crate) logs: Vec<LogChunk>,
    pub(crate) ns: Track<Option<NsSet>>,
    pub(crate) log_bytes: usize,
}

/// The whole run. See the module documentation of [`crate::sim`].
#[derive(Clone, Debug)]
pub struct Run {
    pub(crate) pod_name: String,
    pub(crate) namespace: String,
    pub(crate) uid: String,
    pub(crate) qos: QosClass,
    pub(crate) containers: Vec<ContainerInfo>,
    pub(crate) end: SimTime,
    pub(crate) created: SimTime,
    pub(crate) removed: Option<SimTime>,
    pub(crate) deletion: Option<SimTime>,
    pub(crate) grace_seconds: i64,
    pub(crate) events: Vec<Event>,
    pub(crate) flow: Vec<FlowStep>,
    pub(crate) notes: Vec<Note>,
    pub(crate) phase: Track<Phase>,
    /// `status.reason` / `status.message` (OutOfcpu, DeadlineExceeded…).
    pub(crate) reason: Track<Option<(&'static str, String)>>,
    pub(crate) conditions: [Track<Condition>; 5],
    pub(crate) gates: Vec<String>,
    pub(crate) node: Track<Option<String>>,
    pub(crate) host_ip: Option<String>,
    pub(crate) pod_ip: Track<Option<String>>,
    pub(crate) pause_ns: Track<Option<NsSet>>,
    pub(crate) ctr: Vec<ContainerTracks>,
    /// `ps` per PID namespace inode.
    pub(crate) ps: Vec<(u64, Track<Vec<PsEntry>>)>,
    pub(crate) sockets: Vec<Socket>,
    pub(crate) connections: Vec<Connection>,
}

/// One container at a time `t`.
#[derive(Clone, Debug)]
pub struct ContainerView<'a> {
    pub index: usize,
    pub info: &'a ContainerInfo,
    /// None before the kubelet reports the container.
    pub state: Option<&'a CState>,
    pub last_state: Option<&'a Terminated>,
    pub ready: bool,
    pub started: bool,
    pub restart_count: u32,
    /// The last probe run of each kind (startup, liveness, readiness) at or before t.
    pub probes: [Option<&'a ProbeTick>; 3],
    pub namespaces: Option<&'a NsSet>,
    /// `ps` as this container sees it.
    pub processes: &'a [PsEntry],
    pub memory: u64,
    pub cpu: Option<&'a CpuSample>,
}

#[derive(Clone, Debug)]
pub struct ConditionView<'a> {
    pub type_name: &'a str,
    pub status: bool,
    pub reason: &'a str,
    pub message: &'a str,
    pub last_transition: SimTime,
}

/// The pod at time `t`.
#[derive(Clone, Debug)]
pub struct Snapshot<'a> {
    pub t: SimTime,
    /// False before the API server stored the pod and after it was removed.
    pub exists: bool,
    pub phase: Phase,
    pub reason: Option<(&'a str, &'a str)>,
    /// kubectl's STATUS column (`Init:0/1`, `CrashLoopBackOff`, `Terminating`, …).
    pub status: String,
    /// kubectl's READY column (`1/2`).
    pub ready: String,
    /// kubectl's RESTARTS column (`3 (12s ago)`).
    pub restarts: String,
    /// kubectl's AGE column.
    pub age: String,
    pub node: Option<&'a str>,
    pub pod_ip: Option<&'a str>,
    pub qos: QosClass,
    pub deletion: Option<SimTime>,
    pub conditions: Vec<ConditionView<'a>>,
    pub containers: Vec<ContainerView<'a>>,
    pub pause_namespaces: Option<&'a NsSet>,
    pub sockets: Vec<&'a Socket>,
    pub connections: &'a [Connection],
    pub events: &'a [Event],
}

impl Snapshot<'_> {
    /// `kubectl get pod` as one line: `NAME READY STATUS RESTARTS AGE`.
    pub fn get_line(&self, name: &str) -> String {
        format!(
            "{name} {} {} {} {}",
            self.ready, self.status, self.restarts, self.age
        )
    }
}

impl Run {
    pub fn pod_name(&self) -> &str {
        &self.pod_name
    }

    pub fn namespace(&self) -> &str {
        &self.namespace
    }

    /// The pod's UID (deterministic, derived from its namespace and name).
    pub fn uid(&self) -> &str {
        &self.uid
    }

    pub fn qos_class(&self) -> QosClass {
        self.qos
    }

    pub fn containers(&self) -> &[ContainerInfo] {
        &self.containers
    }

    /// The index of a container by name (init containers first, then app containers).
    pub fn container_index(&self, name: &str) -> Option<usize> {
        self.containers.iter().position(|c| c.name == name)
    }

    /// Every event, in time order.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// The events that happened at or before `t`.
    pub fn events_until(&self, t: SimTime) -> &[Event] {
        let n = self.events.partition_point(|e| e.t <= t);
        self.events.get(..n).unwrap_or(&[])
    }

    /// The creation flow (kubectl → API server → etcd → scheduler → kubelet → CRI → CNI → volumes
    /// → containers), and the termination flow when the pod is deleted.
    pub fn flow(&self) -> &[FlowStep] {
        &self.flow
    }

    /// Assumptions and budgets hit, for the UI to show.
    pub fn notes(&self) -> &[Note] {
        &self.notes
    }

    /// The time the run ends (the `until` option, or earlier when a budget was hit).
    pub fn end(&self) -> SimTime {
        self.end
    }

    /// When the pod object was removed from the API server (after deletion).
    pub fn removed_at(&self) -> Option<SimTime> {
        self.removed
    }

    pub fn node_name(&self) -> Option<&str> {
        self.node.last().and_then(|n| n.as_deref())
    }

    /// The pod IP it had (the last one given, even after the sandbox was removed).
    pub fn pod_ip_ever(&self) -> Option<&str> {
        self.pod_ip
            .iter()
            .filter_map(|(_, ip)| ip.as_deref())
            .last()
    }

    /// `status.startTime`: when the kubelet first acknowledged the pod.
    pub fn start_time(&self) -> Option<SimTime> {
        self.conditions
            .get(ConditionType::Initialized.index())
            .and_then(|t| t.iter().next())
            .map(|(t, _)| t)
    }

    pub fn host_ip(&self) -> Option<&str> {
        self.host_ip.as_deref()
    }

    /// The per-container change lists, for the timeline view.
    pub fn timeline(&self, container: usize) -> Option<Timeline<'_>> {
        let c = self.ctr.get(container)?;
        Some(Timeline {
            info: self.containers.get(container)?,
            states: &c.state,
            ready: &c.ready,
            started: &c.started,
            restarts: &c.restarts,
            probes: [&c.probes[0], &c.probes[1], &c.probes[2]],
            hooks: &c.hooks,
            memory: &c.memory,
            cpu: &c.cpu,
        })
    }

    /// Pod-level change lists (phase and conditions) for the timeline view.
    pub fn phase_track(&self) -> &Track<Phase> {
        &self.phase
    }

    pub fn condition_track(&self, c: ConditionType) -> &Track<Condition> {
        c.pick(self.conditions.each_ref())
    }

    pub(crate) fn condition_track_mut(&mut self, c: ConditionType) -> &mut Track<Condition> {
        c.pick(self.conditions.each_mut())
    }

    /// `kubectl logs [-c container] [--previous]` at time `t`: the current run's output, or the
    /// previous run's with `previous`. None when there is no such run.
    pub fn logs(&self, container: usize, t: SimTime, previous: bool) -> Option<String> {
        let c = self.ctr.get(container)?;
        let restarts = c.restarts.at(t).copied().unwrap_or(0);
        // The instance running or last run at t.
        let has_run = c
            .state
            .at(t)
            .is_some_and(|s| !matches!(s, CState::Waiting { .. }))
            || c.last_state.at(t).is_some_and(|l| l.is_some());
        if !has_run {
            return None;
        }
        // Run k of a container carries restartCount k; while it waits to restart, the current
        // run is still the last one that ran.
        let current = restarts;
        let instance = if previous {
            current.checked_sub(1)?
        } else {
            current
        };
        let n = c.logs.partition_point(|l| l.t <= t);
        let mut out = String::new();
        for chunk in c.logs.get(..n).unwrap_or(&[]) {
            if chunk.instance == instance {
                out.push_str(&chunk.text);
            }
        }
        Some(out)
    }

    /// Every log chunk of a container up to `t` (all runs).
    pub fn log_chunks(&self, container: usize, t: SimTime) -> &[LogChunk] {
        match self.ctr.get(container) {
            Some(c) => {
                let n = c.logs.partition_point(|l| l.t <= t);
                c.logs.get(..n).unwrap_or(&[])
            }
            None => &[],
        }
    }

    /// The pod as it is at time `t`. Costs one binary search per tracked value.
    pub fn state_at(&self, t: SimTime) -> Snapshot<'_> {
        let exists = t >= self.created && self.removed.is_none_or(|r| t < r);
        let phase = self.phase.at(t).copied().unwrap_or(Phase::Pending);
        let reason = self
            .reason
            .at(t)
            .and_then(|r| r.as_ref())
            .map(|(a, b)| (*a, b.as_str()));
        let mut containers = Vec::with_capacity(self.containers.len());
        for (i, info) in self.containers.iter().enumerate() {
            let Some(c) = self.ctr.get(i) else { continue };
            let probes = {
                let mut last: [Option<&ProbeTick>; 3] = [None, None, None];
                for (slot, ticks) in last.iter_mut().zip(c.probes.iter()) {
                    let n = ticks.partition_point(|p| p.t <= t);
                    *slot = n.checked_sub(1).and_then(|k| ticks.get(k));
                }
                last
            };
            let ns = c.ns.at(t).and_then(|n| n.as_ref());
            let processes = ns.and_then(|n| self.ps_of(n.pid, t)).unwrap_or(&[]);
            containers.push(ContainerView {
                index: i,
                info,
                state: c.state.at(t),
                last_state: c.last_state.at(t).and_then(|l| l.as_ref()),
                ready: c.ready.at(t).copied().unwrap_or(false),
                started: c.started.at(t).copied().unwrap_or(false),
                restart_count: c.restarts.at(t).copied().unwrap_or(0),
                probes,
                namespaces: ns,
                processes,
                memory: c.memory.at(t).copied().unwrap_or(0),
                cpu: c.cpu.at(t),
            });
        }
        let mut conditions = Vec::with_capacity(5);
        for ct in ConditionType::ALL {
            if let Some((since, c)) = self.condition_since(ct, t) {
                conditions.push(ConditionView {
                    type_name: ct.as_str(),
                    status: c.status,
                    reason: c.reason,
                    message: &c.message,
                    last_transition: since,
                });
            }
        }
        let deletion = self.deletion.filter(|d| *d <= t);
        let initialized = self
            .conditions
            .get(ConditionType::Initialized.index())
            .and_then(|c| c.at(t))
            .is_some_and(|c| c.status);
        let pod_ready = self
            .conditions
            .get(ConditionType::Ready.index())
            .and_then(|c| c.at(t))
            .is_some_and(|c| c.status);
        let row = printer::print_pod(&printer::PodRow {
            phase,
            reason: reason.map(|r| r.0),
            deleting: deletion.is_some(),
            initialized,
            ready_condition: pod_ready,
            containers: &containers,
            now: t,
        });
        let sockets = self
            .sockets
            .iter()
            .filter(|s| s.opened <= t && s.closed.is_none_or(|c| c > t))
            .collect();
        let nconn = self.connections.partition_point(|c| c.t <= t);
        Snapshot {
            t,
            exists,
            phase,
            reason,
            status: row.status,
            ready: row.ready,
            restarts: row.restarts,
            age: printer::human_duration(t.0.saturating_sub(self.created.0)),
            node: self.node.at(t).and_then(|n| n.as_deref()),
            pod_ip: self.pod_ip.at(t).and_then(|n| n.as_deref()),
            qos: self.qos,
            deletion,
            conditions,
            containers,
            pause_namespaces: self.pause_ns.at(t).and_then(|n| n.as_ref()),
            sockets,
            connections: self.connections.get(..nconn).unwrap_or(&[]),
            events: self.events_until(t),
        }
    }

    fn ps_of(&self, pid_ns: u64, t: SimTime) -> Option<&[PsEntry]> {
        self.ps
            .iter()
            .find(|(ns, _)| *ns == pid_ns)
            .and_then(|(_, tr)| tr.at(t))
            .map(|v| v.as_slice())
    }

    /// The condition at `t` and when its status last changed (its `lastTransitionTime`).
    pub fn condition_since(&self, c: ConditionType, t: SimTime) -> Option<(SimTime, &Condition)> {
        let tr = self.conditions.get(c.index())?;
        let i = tr.index_at(t)?;
        let (_, cur) = tr.get(i)?;
        let mut first = i;
        while first > 0 {
            match tr.get(first - 1) {
                Some((_, prev)) if prev.status == cur.status => first -= 1,
                _ => break,
            }
        }
        Some((tr.get(first)?.0, cur))
    }

    /// Readiness gates named by the pod (their conditions are never set in the playground).
    pub fn readiness_gates(&self) -> &[String] {
        &self.gates
    }
}

/// A container's change lists, for the plotters timeline.
#[derive(Clone, Copy, Debug)]
pub struct Timeline<'a> {
    pub info: &'a ContainerInfo,
    pub states: &'a Track<CState>,
    pub ready: &'a Track<bool>,
    pub started: &'a Track<bool>,
    pub restarts: &'a Track<u32>,
    /// Probe runs per kind (startup, liveness, readiness).
    pub probes: [&'a [ProbeTick]; 3],
    pub hooks: &'a [HookRun],
    pub memory: &'a Track<u64>,
    pub cpu: &'a Track<CpuSample>,
}

impl<'a> Timeline<'a> {
    /// Spans `(from, to, state)`: each state lasts until the next change (the last until `end`).
    pub fn spans(&self, end: SimTime) -> Vec<(SimTime, SimTime, &'a CState)> {
        let mut out: Vec<(SimTime, SimTime, &'a CState)> = Vec::with_capacity(self.states.len());
        let items: Vec<(SimTime, &'a CState)> = self.states.iter().collect();
        for (i, (t, s)) in items.iter().enumerate() {
            let to = items.get(i + 1).map(|x| x.0).unwrap_or(end);
            out.push((*t, to.max(*t), s));
        }
        out
    }
}
