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

    /// `/proc/PID/ns` in `ls` order: each entry's name and link target (`net:[4026532201]`),
    /// `pid_for_children` and the time namespace (containers share the node's: runc does not
    /// unshare it; its inode on a Linux 5.6+ node) included.
    pub fn links(&self) -> Vec<(&'static str, String)> {
        const HOST_TIME_NS: u64 = 4026531834;
        let mut out = Vec::new();
        for (k, inode) in self.entries() {
            out.push((k, format!("{k}:[{inode}]")));
            if k == "pid" {
                out.push(("pid_for_children", format!("pid:[{inode}]")));
                out.push(("time", format!("time:[{HOST_TIME_NS}]")));
                out.push(("time_for_children", format!("time:[{HOST_TIME_NS}]")));
            }
        }
        out
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
    /// A DNS query (`nslookup`) found the name.
    Resolved,
    /// A DNS query found no such name.
    NxDomain,
}

impl ConnResult {
    /// The attempt got what it asked for (an HTTP status below 400, a connection, a name).
    pub fn is_ok(&self) -> bool {
        matches!(self, ConnResult::Http(s) if *s < 400)
            || matches!(self, ConnResult::Connected | ConnResult::Resolved)
    }

    /// The result in the UI's language: the playground's own words (`connected`, `DNS: found`)
    /// translated, what the kernel or the program says (`connection refused`, `HTTP 200`) as
    /// they print it.
    pub fn text_in(&self, lang: crate::diag::Lang) -> String {
        match (self, lang) {
            (ConnResult::Connected, crate::diag::Lang::Zh) => "已连接".into(),
            (ConnResult::Resolved, crate::diag::Lang::Zh) => "DNS：已解析".into(),
            _ => self.text(),
        }
    }

    pub fn text(&self) -> String {
        match self {
            ConnResult::Http(s) => format!("HTTP {s}"),
            ConnResult::Connected => "connected".into(),
            ConnResult::Refused => "connection refused".into(),
            ConnResult::Timeout => "timed out".into(),
            ConnResult::Unresolved => "bad address".into(),
            ConnResult::AddrInUse => "address already in use".into(),
            ConnResult::Resolved => "DNS: found".into(),
            ConnResult::NxDomain => "DNS: NXDOMAIN".into(),
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
    /// A line the kubelet writes to its own log (`journalctl -u kubelet`), for what it keeps out of
    /// events on purpose (a failed hook's output).
    KubeletLog,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub t: SimTime,
    pub container: Option<usize>,
    pub kind: NoteKind,
    /// In both languages; a kubelet log line is the same in both (as the kubelet prints it).
    pub text: crate::diag::Text,
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
    /// The order in which the simulation recorded events and flow steps (one sequence for
    /// both): at one instant, a cause comes before its effects.
    pub seq: u32,
    pub component: Component,
    pub container: Option<usize>,
    /// What happened, in the words of the component (`POST /api/v1/namespaces/default/pods`),
    /// with what the playground adds to them in English and Chinese (the component's own words,
    /// a path or a CRI call, stay the same in both).
    pub action: crate::diag::Text,
    pub cause: Cause,
}

/// What a step of the creation (or termination) flow is, so that it can be taught: each kind has
/// a sentence on what the component does there ([`StepKind::teaching`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepKind {
    /// kubectl sends the object to the API server.
    Submit,
    /// The API server authenticates, admits, defaults and validates it.
    Admit,
    /// etcd stores it.
    Store,
    /// The scheduler picks a node (or finds none).
    Schedule,
    /// The API server records the scheduler's choice (`spec.nodeName`).
    Bind,
    /// The node's kubelet takes the pod and starts its pod worker.
    Kubelet,
    /// The volume manager prepares a volume.
    Mount,
    /// The runtime creates the sandbox: the pause container.
    Sandbox,
    /// CNI gives the sandbox its network interface and the pod IP.
    Network,
    /// The kubelet makes sure an image is on the node.
    Pull,
    /// The runtime creates a container in the sandbox.
    Create,
    /// The runtime starts a container's process.
    Start,
    /// The kubelet's prober runs a probe.
    Probe,
    /// What a container's process did (exited, failed to bind, was killed) and what the kubelet
    /// does about it (restart, back-off).
    Process,
    /// Deletion and termination: hooks, signals, the sandbox removed.
    Stop,
}

impl FlowStep {
    /// The kind of the step, from the component and the rule that caused it (the CRI call's name
    /// for the runtime's steps, which carry no rule of their own).
    pub fn kind(&self) -> StepKind {
        use crate::sim::rules::Rule;
        let has = |f: fn(&Rule) -> bool| self.cause.0.iter().any(f);
        let stopping = has(|r| {
            matches!(
                r,
                Rule::Deleted { .. }
                    | Rule::PreStop
                    | Rule::SigTerm
                    | Rule::SigKill { .. }
                    | Rule::GraceExtension
                    | Rule::SidecarOrder
                    | Rule::SandboxRemoved
            )
        });
        let action = self.action.en.as_str();
        match self.component {
            _ if stopping => StepKind::Stop,
            Component::Kubectl if action.starts_with("DELETE") => StepKind::Stop,
            Component::Kubectl => StepKind::Submit,
            Component::ApiServer if has(|r| matches!(r, Rule::Admitted)) => StepKind::Admit,
            Component::ApiServer if action.contains("/binding") => StepKind::Bind,
            Component::ApiServer => StepKind::Stop,
            Component::Etcd => StepKind::Store,
            Component::Scheduler => StepKind::Schedule,
            Component::Kubelet if action.starts_with("PullImage") => StepKind::Pull,
            Component::Kubelet
                if has(|r| {
                    matches!(
                        r,
                        Rule::ImagePulled { .. }
                            | Rule::ImagePresent
                            | Rule::PullFailed
                            | Rule::PullBackOff { .. }
                            | Rule::NeverPull
                            | Rule::InvalidImage
                    )
                }) =>
            {
                StepKind::Pull
            }
            Component::Kubelet if has(|r| matches!(r, Rule::KubeletSawPod)) => StepKind::Kubelet,
            Component::Kubelet
                if has(|r| {
                    matches!(
                        r,
                        Rule::ProbeFailed { .. }
                            | Rule::ProbeThreshold { .. }
                            | Rule::KilledByProbe { .. }
                    )
                }) =>
            {
                StepKind::Probe
            }
            Component::Kubelet if self.container.is_none() => StepKind::Kubelet,
            Component::Kubelet => StepKind::Process,
            Component::Volumes => StepKind::Mount,
            Component::Cri if action.starts_with("RunPodSandbox") => StepKind::Sandbox,
            Component::Cri if action.starts_with("CreateContainer") => StepKind::Create,
            Component::Cri if action.starts_with("Stop") || action.starts_with("Remove") => {
                StepKind::Stop
            }
            Component::Cri => StepKind::Process,
            Component::Cni => StepKind::Network,
            Component::Container if action.starts_with("StartContainer") => StepKind::Start,
            Component::Container => StepKind::Process,
        }
    }
}

impl StepKind {
    /// What the component does at this kind of step, for a learner watching the flow.
    pub fn teaching(self, lang: crate::diag::Lang) -> &'static str {
        let (en, zh) = match self {
            StepKind::Submit => (
                "kubectl reads the manifest, turns the YAML into JSON and sends it to the API server with an HTTP POST. Nothing runs yet: this only asks for a Pod.",
                "kubectl 读取清单，把 YAML 转成 JSON，用 HTTP POST 发给 API Server。此时还什么都没有运行：这只是请求创建一个 Pod。",
            ),
            StepKind::Admit => (
                "The API server checks who is asking (authentication, authorization), lets admission plugins add to the Pod (the ServiceAccount token volume, default tolerations), fills in defaults and validates every field. An error here is what kubectl prints, and nothing is stored.",
                "API Server 检查是谁在请求（认证、鉴权），让准入插件补充 Pod（ServiceAccount 令牌卷、默认容忍度），填入默认值并校验每个字段。这里出错时，kubectl 打印的就是这些错误，什么也不会被存储。",
            ),
            StepKind::Store => (
                "The Pod is written to etcd, the cluster's database. From now on it exists: Pending, on no node yet. The scheduler and the kubelets learn about it by watching the API server.",
                "Pod 被写入集群的数据库 etcd。从这时起它就存在了：Pending，还不在任何节点上。调度器和各个 kubelet 通过 watch API Server 得知它。",
            ),
            StepKind::Schedule => (
                "The scheduler sees a Pod with no node. It filters out the nodes that cannot run it (too little free CPU or memory for its requests, a nodeSelector that does not match, a taint it does not tolerate) and scores the rest; the best one wins.",
                "调度器看到一个还没有节点的 Pod。它先过滤掉不能运行它的节点（剩余 CPU 或内存不够它的 requests、nodeSelector 不匹配、有它不能容忍的污点），再给其余节点打分，得分最高的胜出。",
            ),
            StepKind::Bind => (
                "The scheduler's choice is written through the API server as a binding: spec.nodeName is set. The scheduler never talks to the node itself.",
                "调度器的选择通过 API Server 以 binding 的形式写回：设置 spec.nodeName。调度器从不直接和节点通信。",
            ),
            StepKind::Kubelet => (
                "The kubelet, the agent on every node, watches for Pods bound to its node. It admits this one and starts its pod worker, which mounts the volumes, creates the sandbox, pulls the images and starts the containers, in that order.",
                "kubelet 是每个节点上的代理，它 watch 绑定到本节点的 Pod。它接纳这个 Pod 并启动它的 pod worker，由后者依次挂载卷、创建沙箱、拉取镜像、启动容器。",
            ),
            StepKind::Mount => (
                "Before any container runs, the kubelet's volume manager prepares every volume the Pod declares (emptyDir directories, ConfigMap and Secret files, the ServiceAccount token). Each container mounts them later at its own paths.",
                "在任何容器运行之前，kubelet 的卷管理器先准备好 Pod 声明的每个卷（emptyDir 目录、ConfigMap 和 Secret 文件、ServiceAccount 令牌）。之后每个容器再把它们挂载到自己的路径上。",
            ),
            StepKind::Sandbox => (
                "The kubelet asks the container runtime (over the CRI) for the Pod's sandbox: the pause container. It only sleeps, and holds the Pod's network, IPC and UTS namespaces so that every container can join them. It starts before any of the Pod's own containers.",
                "kubelet 通过 CRI 请求容器运行时创建 Pod 的沙箱：pause 容器。它只是休眠，持有 Pod 的网络、IPC 和 UTS 命名空间，让每个容器都能加入。它在 Pod 自己的任何容器之前启动。",
            ),
            StepKind::Network => (
                "The CNI plugin gives the sandbox's network namespace an interface (eth0) and the Pod's IP address. Every container of the Pod will share this one IP and its ports.",
                "CNI 插件给沙箱的网络命名空间加上网卡（eth0）和 Pod 的 IP 地址。Pod 里的每个容器都共用这一个 IP 和它的端口。",
            ),
            StepKind::Pull => (
                "The kubelet makes sure the container's image is on the node, and pulls it from its registry when imagePullPolicy asks for it (Always for :latest or no tag).",
                "kubelet 确保容器的镜像在节点上；当 imagePullPolicy 要求时（:latest 或不写标签时为 Always），从镜像仓库拉取。",
            ),
            StepKind::Create => (
                "The runtime creates the container inside the sandbox: its own root file system and mount namespace, joined to the pause container's network, IPC and UTS namespaces, with the volumes mounted at their paths.",
                "运行时在沙箱里创建容器：它有自己的根文件系统和挂载命名空间，加入 pause 容器的网络、IPC 和 UTS 命名空间，卷挂载在各自的路径上。",
            ),
            StepKind::Start => (
                "The runtime starts the container's process: the image's entrypoint, or the command and args of the manifest. Init containers go first, one at a time: a regular one must run to completion, a native sidecar (restartPolicy: Always) only has to start; then the app containers start.",
                "运行时启动容器的进程：镜像的入口点，或清单里的 command 和 args。Init 容器先启动，一次一个：普通的 Init 容器必须运行完成，原生边车（restartPolicy: Always）只需启动；之后应用容器才启动。",
            ),
            StepKind::Probe => (
                "The kubelet's prober runs the container's probe every periodSeconds. Only failureThreshold failures in a row change the result: a failed liveness or startup probe gets the container killed and restarted, a failed readiness probe only marks it not ready.",
                "kubelet 的探测器每隔 periodSeconds 运行一次容器的探针。只有连续 failureThreshold 次失败才会改变结果：存活探针或启动探针失败，容器会被杀死并重启；就绪探针失败，只会把它标记为未就绪。",
            ),
            StepKind::Process => (
                "The container's process runs on its own; the runtime reports what happens to it (it exits, fails, is killed), and the kubelet applies the Pod's restartPolicy, with a growing back-off between restarts.",
                "容器的进程独立运行；运行时报告它发生了什么（退出、失败、被杀死），kubelet 按 Pod 的 restartPolicy 处理，两次重启之间的退避时间越来越长。",
            ),
            StepKind::Stop => (
                "The Pod is being stopped: the kubelet runs preStop hooks, sends SIGTERM, waits up to terminationGracePeriodSeconds, then sends SIGKILL; at the end the sandbox and its namespaces are removed.",
                "Pod 正在停止：kubelet 执行 preStop 钩子，发送 SIGTERM，最多等待 terminationGracePeriodSeconds，然后发送 SIGKILL；最后沙箱和它的命名空间被删除。",
            ),
        };
        match lang {
            crate::diag::Lang::En => en,
            crate::diag::Lang::Zh => zh,
        }
    }
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
    /// The order of recording, shared with [`FlowStep::seq`]: at one instant, a cause comes
    /// before its effects.
    pub seq: u32,
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
    /// The results of [`crate::sim::Options::execs`], in the same order.
    pub(crate) execs: Vec<ExecResult>,
    /// A session pod's connections to other addresses the session has not answered yet.
    pub(crate) remote_asks: Vec<crate::sim::Remote>,
    /// The results of [`crate::sim::Options::inbound`], in the same order.
    pub(crate) inbound: Vec<crate::sim::RemoteResult>,
    /// The execs that changed nothing but the run's notes, by index (see [`ExecKnown`]).
    pub(crate) exec_known: Vec<(usize, ExecKnown)>,
    /// [`crate::sim::Options::clock_base`].
    pub(crate) clock_base: SimTime,
}

/// An exec that changed nothing in the pod but the run's notes and files, as it ran: its result,
/// the notes it added (a busy loop's, say) and the changes of each file system it wrote to
/// (`None` the container's root, `Some(v)` volume v).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExecKnown {
    pub result: ExecResult,
    pub notes: Vec<Note>,
    pub files: Vec<(Option<usize>, crate::sim::fs::FsDiff)>,
}

/// What a `kubectl exec` printed and returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExecResult {
    /// stdout and stderr as the terminal shows them.
    pub output: String,
    /// Exit code (`None`: the playground stopped it, see `stopped`).
    pub exit: i32,
    /// Simulated time the command took (its sleeps).
    pub elapsed_ms: u64,
    /// Why the playground stopped it (it ran too long or waits forever), or refused it.
    pub stopped: Option<String>,
    /// What the playground assumed while it ran (a command the image has but the playground
    /// does not model, say), in English: the terminal prints each as a `[podplay]` line.
    pub assumed: Vec<String>,
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

impl ContainerView<'_> {
    /// Whether the runtime has created this container (a status then carries its container
    /// ID and image ID; before, they are empty).
    pub fn created(&self) -> bool {
        self.restart_count > 0
            || self.last_state.is_some()
            || matches!(self.state, Some(CState::Running { .. } | CState::Terminated(_)))
    }

    /// The runtime's ID of instance `restart` of this container in pod `uid`.
    pub fn container_id(&self, uid: &str, restart: u32) -> String {
        crate::sim::world::container_id(uid, &self.info.name, restart)
    }

    /// The image as the runtime resolved it (`docker.io/library/nginx:latest`) and its ID.
    pub fn resolved_image(&self) -> (String, String) {
        let resolved = crate::image::split(&self.info.image).normalized();
        let id = crate::sim::world::image_id(&resolved);
        (resolved, id)
    }
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
    /// The results of the session's `kubectl exec` commands ([`crate::sim::Options::execs`]).
    pub fn exec_results(&self) -> &[ExecResult] {
        &self.execs
    }

    /// Time `t` of this run on the cluster's clock (what wall-clock times are printed from).
    pub fn on_clock(&self, t: SimTime) -> SimTime {
        t.saturating_add(self.clock_base.0)
    }

    /// A session pod's connections to other addresses that still need the session's answer.
    pub fn remote_asks(&self) -> &[crate::sim::Remote] {
        &self.remote_asks
    }

    /// The results of [`crate::sim::Options::inbound`], in the same order.
    pub fn inbound_results(&self) -> &[crate::sim::RemoteResult] {
        &self.inbound
    }

    /// Exec `i` of [`crate::sim::Options::execs`] when it changed nothing in the pod but the
    /// run's notes (no file, socket, signal, request or lookup): what a later play of the same
    /// pod may take instead of running it again ([`crate::sim::ExecCmd::known`]).
    pub fn exec_known(&self, i: usize) -> Option<&ExecKnown> {
        self.exec_known.iter().find(|(j, _)| *j == i).map(|(_, k)| k)
    }

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

    /// Every connection a container made, in time order.
    pub fn connections(&self) -> &[Connection] {
        &self.connections
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
            clock_base: self.clock_base,
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
            age: printer::timestamp_age(self.on_clock(t), self.on_clock(self.created)),
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
