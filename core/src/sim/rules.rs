//! Why a transition happened: the rules of Kubernetes the simulation applied, as data that the UI
//! renders in English or Chinese ("3 consecutive liveness failures (failureThreshold 3) → container
//! killed → restartPolicy Always → restarted at once").

use crate::diag::Lang;
use crate::sim::process::SimTime;

/// Which probe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ProbeKind {
    Startup,
    Liveness,
    Readiness,
}

impl ProbeKind {
    pub const ALL: [ProbeKind; 3] = [
        ProbeKind::Startup,
        ProbeKind::Liveness,
        ProbeKind::Readiness,
    ];

    /// As the kubelet names it in events (`Liveness probe failed: …`).
    pub fn title(self) -> &'static str {
        match self {
            ProbeKind::Startup => "Startup",
            ProbeKind::Liveness => "Liveness",
            ProbeKind::Readiness => "Readiness",
        }
    }

    pub fn lower(self) -> &'static str {
        match self {
            ProbeKind::Startup => "startup",
            ProbeKind::Liveness => "liveness",
            ProbeKind::Readiness => "readiness",
        }
    }

    /// The probe's name as a timeline lane says it (`liveness`, `存活探针`).
    pub fn lane(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.lower(),
            Lang::Zh => self.zh(),
        }
    }

    fn zh(self) -> &'static str {
        match self {
            ProbeKind::Startup => "启动探针",
            ProbeKind::Liveness => "存活探针",
            ProbeKind::Readiness => "就绪探针",
        }
    }

    pub(crate) fn index(self) -> usize {
        match self {
            ProbeKind::Startup => 0,
            ProbeKind::Liveness => 1,
            ProbeKind::Readiness => 2,
        }
    }
}

/// One rule the simulation applied. A [`Cause`] chains several.
#[derive(Clone, Debug, PartialEq)]
pub enum Rule {
    /// `kubectl create` sent the object to the API server.
    Submitted,
    /// Authentication, authorization, admission (ServiceAccount, DefaultTolerationSeconds, …),
    /// defaulting and validation passed.
    Admitted,
    /// The object was written to etcd; the pod exists, Pending, with no node.
    Persisted,
    /// The scheduler filtered the nodes and picked one.
    Scheduled {
        node: String,
        feasible: usize,
        total: usize,
    },
    /// No node passed the filters.
    Unschedulable {
        total: usize,
    },
    /// The scheduler retries an unschedulable pod after this long without cluster changes.
    SchedulerRetry {
        after: SimTime,
    },
    /// The scheduler's choice is written through the API server as a binding (`spec.nodeName`).
    Bound {
        node: String,
    },
    /// `spec.nodeName` is set: the scheduler is bypassed.
    NodeNameSet {
        node: String,
    },
    /// `spec.nodeName` names a node that does not exist: nobody runs the pod.
    NoSuchNode {
        node: String,
    },
    /// `schedulingGates` hold the pod back from the scheduler.
    SchedulingGated,
    /// Another scheduler is named; none runs in the playground.
    OtherScheduler {
        name: String,
    },
    /// The kubelet's admission rejected the pod (not enough resources on the node).
    KubeletRejected {
        resource: String,
    },
    /// The kubelet saw the pod bound to its node.
    KubeletSawPod,
    VolumeMounted {
        volume: String,
    },
    /// A ConfigMap/Secret the volume needs is not in the input.
    VolumeSourceMissing {
        volume: String,
        what: String,
    },
    /// The volume manager retries a failed mount after this delay (0.5 s doubling to 2m2s).
    MountRetry {
        after: SimTime,
    },
    /// WaitForAttachAndMount gave up after 2m3s; the pod worker retries.
    MountTimeout,
    SandboxCreated,
    CniAdded {
        ip: String,
    },
    HostNetwork,
    ImagePresent,
    ImagePulled {
        policy: &'static str,
    },
    PullFailed,
    /// The image pull back-off (10 s doubling to 300 s) has not expired.
    PullBackOff {
        delay: SimTime,
    },
    NeverPull,
    InvalidImage,
    /// The image is not in the playground's image library: its pull and what it runs are assumed.
    UnknownImage {
        image: String,
    },
    ConfigError,
    /// Init containers run one at a time, in order.
    InitOrder {
        index: usize,
        total: usize,
    },
    /// A native sidecar is created in its turn among the init containers; the next container
    /// waits for it to start, not to finish.
    SidecarInOrder {
        index: usize,
        total: usize,
    },
    /// The app containers are created once every init container has completed (and every native
    /// sidecar has started), in the manifest's order, without waiting for each other.
    AppContainers {
        inits: usize,
        sidecars: usize,
    },
    /// The runtime started the container's main process: it runs until it exits or is stopped.
    ProcessStarted,
    /// What a container waiting for this reason waits for (`ContainerCreating`,
    /// `PodInitializing`, …), when nothing else happened at the instant it was reported.
    Waiting {
        reason: &'static str,
    },
    /// While the container ran, its program's attempts to reach something failed (each
    /// `nslookup`, connection or request), the last one described.
    FailedAttempts {
        failed: usize,
        last: String,
    },
    /// The last line a container that failed wrote (`kubectl logs`): its own error.
    LastOutput {
        line: String,
    },
    /// busybox `sh FILE` could not open FILE: `sh c` was meant as `sh -c`.
    ShScriptMissing {
        file: String,
    },
    /// What a condition of the pod means when it changed (the kubelet's status sync).
    ConditionNow {
        condition: &'static str,
        status: bool,
    },
    /// A container crash-loops while the phase stays Running: the pod is not finished while a
    /// container will be restarted.
    PhaseStaysRunning,
    InitSucceeded,
    /// A native sidecar (init container with restartPolicy Always) must be started before the next
    /// container starts.
    SidecarStarted,
    /// postStart runs after the container is created; it is not Running until the hook returns.
    PostStartBlocks,
    HookFailed {
        hook: &'static str,
    },
    ProgramExited {
        code: i32,
    },
    OomKilled {
        limit: u64,
    },
    CpuThrottled {
        limit_milli: u64,
    },
    /// A probe result that does not reach its threshold yet.
    ProbeFailed {
        kind: ProbeKind,
        consecutive: u32,
        threshold: u32,
    },
    /// The threshold was reached: the result changes.
    ProbeThreshold {
        kind: ProbeKind,
        success: bool,
        consecutive: u32,
        threshold: u32,
    },
    /// A startupProbe holds liveness and readiness probes back until it succeeds.
    StartupGate,
    /// `initialDelaySeconds` not elapsed since the container started.
    InitialDelay {
        kind: ProbeKind,
        seconds: i64,
    },
    /// The kubelet kills a container whose liveness/startup probe failed.
    KilledByProbe {
        kind: ProbeKind,
    },
    /// The restart policy decides whether an exited container is restarted.
    RestartPolicy {
        policy: &'static str,
        restart: bool,
    },
    /// The first crash is restarted at once (the kubelet's back-off entry is created then).
    RestartNow,
    /// Crash loop back-off: 10 s doubling to 300 s.
    BackOff {
        delay: SimTime,
    },
    /// The back-off entry expired (the container ran 10 minutes since its last start).
    BackOffReset,
    /// The container is ready (its readiness probe succeeded, or it has none and started).
    ContainerReady,
    ContainerNotReady,
    /// A readiness gate whose condition nobody sets stays False.
    ReadinessGateMissing {
        gate: String,
    },
    /// The second bind of a port in the pod's network namespace fails.
    PortInUse {
        port: u16,
    },
    /// `kubectl apply` changed the container's image: the kubelet sees a new spec hash.
    ImageChanged {
        image: String,
    },
    /// `kubectl delete`: deletionTimestamp set with this grace period.
    Deleted {
        grace_seconds: i64,
    },
    PreStop,
    SigTerm,
    /// The grace period ran out: SIGKILL.
    SigKill {
        grace_seconds: i64,
    },
    /// preStop used up the grace period: the kubelet grants 2 s more.
    GraceExtension,
    /// Sidecars stop after the app containers, in reverse order.
    SidecarOrder,
    SandboxRemoved,
    /// The kubelet confirmed the deletion (grace period 0): the API server removes the Pod.
    PodRemoved,
    /// All containers terminated and none will restart.
    PodTerminal {
        succeeded: bool,
    },
    /// activeDeadlineSeconds elapsed.
    DeadlineExceeded {
        seconds: i64,
    },
    /// An override given in the simulation options.
    Override {
        what: String,
    },
    /// A budget of the simulation was hit.
    Budget {
        what: String,
    },
}

fn bytes(n: u64) -> String {
    crate::quantity::memory_text(n)
}

fn secs(t: SimTime) -> String {
    crate::gofmt::go_duration(t.0)
}

impl Rule {
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.en(),
            Lang::Zh => self.zh(),
        }
    }

    pub fn en(&self) -> String {
        use Rule::*;
        match self {
            Submitted => "kubectl sends the Pod to the API server".into(),
            Admitted => "authentication, admission, defaulting and validation pass".into(),
            Persisted => "the API server stores the Pod in etcd (Pending, no node yet)".into(),
            Scheduled { node, feasible, total } => format!(
                "the scheduler filters {total} nodes; {feasible} fit; it scores them as the default profile does (free and balanced cpu and memory, counting the pods already there; taints; preferred node affinity) and picks {node} (the playground gives a tie to the first node by name; a real scheduler picks one of the tied nodes at random)"
            ),
            Unschedulable { total } => {
                format!("none of the {total} nodes passes the scheduler's filters")
            }
            SchedulerRetry { after } => format!(
                "the scheduler retries an unschedulable pod after {} without cluster changes",
                secs(*after)
            ),
            Bound { node } => format!(
                "the scheduler's choice is written through the API server as a binding: spec.nodeName is {node}"
            ),
            NodeNameSet { node } => {
                format!("spec.nodeName is {node}: the scheduler is skipped")
            }
            NoSuchNode { node } => format!(
                "spec.nodeName names {node}, which is not a node of the cluster: nothing runs the pod"
            ),
            SchedulingGated => "schedulingGates keep the pod away from the scheduler".into(),
            OtherScheduler { name } => {
                format!("schedulerName {name}: no such scheduler runs, the pod stays Pending")
            }
            KubeletRejected { resource } => {
                format!("the kubelet's admission finds too little {resource} on the node")
            }
            KubeletSawPod => "the kubelet on the node sees the pod".into(),
            VolumeMounted { volume } => format!("volume {volume} is mounted"),
            VolumeSourceMissing { volume, what } => {
                format!("volume {volume} needs {what}, which does not exist")
            }
            MountRetry { after } => {
                format!("the volume manager retries the mount in {}", secs(*after))
            }
            MountTimeout => {
                "the kubelet stops waiting for volumes after 2m3s and tries again; a timeout records no event, only a line in the kubelet's log".into()
            }
            SandboxCreated => {
                "the runtime creates the pause container (the sandbox) with only loopback".into()
            }
            CniAdded { ip } => format!("CNI adds eth0 with the pod IP {ip}"),
            HostNetwork => "hostNetwork: the pod uses the node's network namespace".into(),
            ImagePresent => "the image is already on the node and the policy allows it".into(),
            ImagePulled { policy } => format!("imagePullPolicy {policy}: the image is pulled"),
            PullFailed => "the image pull fails".into(),
            PullBackOff { delay } => {
                format!("image pull back-off: next try after {}", secs(*delay))
            }
            NeverPull => "imagePullPolicy Never and the image is not on the node".into(),
            InvalidImage => "the image name is not a valid reference".into(),
            UnknownImage { image } => format!("the playground does not know the image {image}: it assumes the pull succeeds and that its process runs until stopped, listening on the declared ports (a real registry may have no such image: ErrImagePull)"),
            ConfigError => "the container's configuration refers to something missing".into(),
            InitOrder { index, total } => {
                format!("init container {}/{} runs alone, in order", index + 1, total)
            }
            SidecarInOrder { index, total } => format!(
                "init container {}/{} is a native sidecar (restartPolicy Always): it is started in its turn, and the next container waits only for it to start, not to finish",
                index + 1,
                total
            ),
            AppContainers { inits, sidecars } => match (inits, sidecars) {
                (0, 0) => "the sandbox is ready and there are no init containers: the app containers are created in the manifest's order, without waiting for each other".into(),
                (_, 0) => "every init container has completed: the app containers are created in the manifest's order, without waiting for each other".into(),
                (0, _) => "every native sidecar has started (they keep running beside the app): the app containers are created in the manifest's order".into(),
                _ => "every init container has completed and every native sidecar has started: the app containers are created in the manifest's order".into(),
            },
            Waiting { reason } => match *reason {
                "ContainerCreating" => "the kubelet reports the container as waiting (ContainerCreating) while the sandbox, the volumes and the image are prepared and the runtime creates it".into(),
                "PodInitializing" => "an app container waits (PodInitializing) until every init container has completed (and every native sidecar has started)".into(),
                r => format!("the container waits ({r}) until the kubelet can start it again"),
            },
            LastOutput { line } => format!("its last output (kubectl logs): {line}"),
            ShScriptMissing { file } => format!("sh reads its first argument as the name of a script file, so `sh {file}` looks for a file called {file}; to run a command line, write `sh -c \"…\"`"),
            FailedAttempts { failed, last } => format!(
                "while it runs, its program keeps trying and failing: {failed} failed attempt{} (the last: {last}); nothing stops it, so it keeps running",
                if *failed == 1 { "" } else { "s" }
            ),
            ConditionNow { condition, status } => match (*condition, *status) {
                ("Ready", true) => "the kubelet's status sync: every container is ready (and every readiness gate is True), so the pod is Ready and a Service sends it traffic".into(),
                ("ContainersReady", true) => "the kubelet's status sync: every container is ready (started and, with a readiness probe, its probe succeeded)".into(),
                ("Ready" | "ContainersReady", false) => "the kubelet's status sync: a container is not ready (not started yet, not running, or its readiness probe failed)".into(),
                ("Initialized", true) => "the kubelet's status sync: every init container has completed (native sidecars: started)".into(),
                ("Initialized", false) => "the kubelet's status sync: an init container has not completed yet".into(),
                ("PodReadyToStartContainers", s) => if s { "the kubelet's status sync: the sandbox exists and has its network: containers can start".into() } else { "the kubelet's status sync: the pod has no sandbox with a network (yet, or any more)".into() },
                (c, s) => format!("the kubelet's status sync sets {c} to {}", if s { "True" } else { "False" }),
            },
            ProcessStarted => "the runtime starts the container's main process: the container is Running from now on, until its process exits or something stops it".into(),
            PhaseStaysRunning => "the phase stays Running: a container that will be restarted does not finish the pod, so a crash loop shows in the container's state (CrashLoopBackOff) and in RESTARTS, not in the phase".into(),
            InitSucceeded => "the init container completed: the next init container, or the app containers, can start".into(),
            SidecarStarted => {
                "a sidecar must be started before the next container starts".into()
            }
            PostStartBlocks => {
                "postStart runs after create; the container is not Running until it returns"
                    .into()
            }
            HookFailed { hook } => format!("the {hook} hook failed; its event says only that, on purpose (the kubelet keeps a hook's output out of events so that secrets it prints do not leak): the output is in the kubelet's log (the notes below){}", if *hook == "postStart" { " and in the container's waiting message (PostStartHookError)" } else { "" }),
            ProgramExited { code } => format!("the container's main process exited with {code}"),
            OomKilled { limit } => format!(
                "memory use passed the limit ({}): the kernel's OOM killer ends it (137)",
                bytes(*limit)
            ),
            CpuThrottled { limit_milli } => {
                format!("CPU demand above the limit {limit_milli}m is throttled, not killed")
            }
            ProbeFailed {
                kind,
                consecutive,
                threshold,
            } => format!(
                "{} probe failure {consecutive} of failureThreshold {threshold}",
                kind.lower()
            ),
            ProbeThreshold {
                kind,
                success,
                consecutive,
                threshold,
            } => {
                if *success {
                    format!(
                        "{consecutive} consecutive {} successes (successThreshold {threshold})",
                        kind.lower()
                    )
                } else {
                    format!(
                        "{consecutive} consecutive {} failures (failureThreshold {threshold})",
                        kind.lower()
                    )
                }
            }
            StartupGate => {
                "the startupProbe holds liveness and readiness back until it succeeds".into()
            }
            InitialDelay { kind, seconds } => format!(
                "{} probe waits initialDelaySeconds {seconds} after the container starts",
                kind.lower()
            ),
            KilledByProbe { kind } => format!("container killed for its {} probe", kind.lower()),
            RestartPolicy { policy, restart } => {
                if *restart {
                    format!("restartPolicy {policy} → restart")
                } else {
                    format!("restartPolicy {policy} → no restart")
                }
            }
            RestartNow => "first restart: at once".into(),
            BackOff { delay } => format!("restart after {} back-off", secs(*delay)),
            BackOffReset => "the container ran 10 minutes: back-off reset to 10s".into(),
            ContainerReady => "the container is ready".into(),
            ContainerNotReady => "the container is not ready".into(),
            ReadinessGateMissing { gate } => format!(
                "readiness gate {gate}: no controller sets this condition, so it stays False"
            ),
            PortInUse { port } => format!(
                "port {port} is already bound in the pod's network namespace (shared by all containers)"
            ),
            Deleted { grace_seconds } => format!(
                "kubectl delete: deletionTimestamp set, grace period {grace_seconds}s"
            ),
            ImageChanged { image } => format!(
                "kubectl apply changed the image to {image}: the container's spec hash changed, so the kubelet kills it and starts it again with the new image, whatever the restart policy"
            ),
            PreStop => "the preStop hook runs before SIGTERM".into(),
            SigTerm => "SIGTERM to the container's PID 1".into(),
            SigKill { grace_seconds } => {
                format!("still running after the {grace_seconds}s grace period: SIGKILL")
            }
            GraceExtension => {
                "preStop was still running when the grace period ended: 2s more".into()
            }
            SidecarOrder => "sidecars are told to stop with everything else (Killing, preStop at once); only their SIGTERM waits until the app containers and the sidecars declared after them have exited, so they stop in reverse order".into(),
            SandboxRemoved => "the sandbox (pause) is removed; the pod IP is released".into(),
            PodRemoved => "every container has stopped: the kubelet confirms the deletion (grace period 0) and the API server removes the Pod from etcd".into(),
            PodTerminal { succeeded } => {
                if *succeeded {
                    "all containers exited 0 and none will restart: Succeeded".into()
                } else {
                    "all containers stopped, one failed, none will restart: Failed".into()
                }
            }
            DeadlineExceeded { seconds } => {
                format!("activeDeadlineSeconds {seconds} elapsed: the pod is failed")
            }
            Override { what } => format!("lesson override: {what}"),
            Budget { what } => format!("simulation budget: {what}"),
        }
    }

    pub fn zh(&self) -> String {
        use Rule::*;
        match self {
            Submitted => "kubectl 把 Pod 发给 API Server".into(),
            Admitted => "认证、准入、默认值填充和校验都通过".into(),
            Persisted => "API Server 把 Pod 存入 etcd（Pending，尚未分配节点）".into(),
            Scheduled {
                node,
                feasible,
                total,
            } => {
                format!("调度器筛选 {total} 个节点，{feasible} 个满足条件；按默认配置打分（空闲且均衡的 CPU 与内存，计入节点上已有的 Pod；污点；首选节点亲和性），选中 {node}（得分相同时，模拟器选名称最靠前的节点；真实的调度器在得分相同的节点中随机选一个）")
            }
            Unschedulable { total } => format!("{total} 个节点都没有通过调度器的筛选"),
            SchedulerRetry { after } => {
                format!(
                    "集群没有变化时，调度器在 {} 后重试无法调度的 Pod",
                    secs(*after)
                )
            }
            Bound { node } => format!(
                "调度器的选择通过 API Server 以 binding 的形式写回：spec.nodeName 为 {node}"
            ),
            NodeNameSet { node } => format!("spec.nodeName 为 {node}：跳过调度器"),
            NoSuchNode { node } => {
                format!("spec.nodeName 指向不存在的节点 {node}：没有人运行这个 Pod")
            }
            SchedulingGated => "schedulingGates 让 Pod 暂不进入调度".into(),
            OtherScheduler { name } => {
                format!("schedulerName 为 {name}：没有这个调度器，Pod 一直 Pending")
            }
            KubeletRejected { resource } => format!("kubelet 准入时发现节点上的 {resource} 不够"),
            KubeletSawPod => "节点上的 kubelet 看到了这个 Pod".into(),
            VolumeMounted { volume } => format!("卷 {volume} 已挂载"),
            VolumeSourceMissing { volume, what } => {
                format!("卷 {volume} 需要 {what}，但它不存在")
            }
            MountRetry { after } => format!("卷管理器在 {} 后重试挂载", secs(*after)),
            MountTimeout => "kubelet 等待卷 2m3s 后放弃，稍后重试；超时不记录事件，只在 kubelet 日志里写一行".into(),
            SandboxCreated => "容器运行时创建 pause 容器（沙箱），此时只有回环网卡".into(),
            CniAdded { ip } => format!("CNI 添加 eth0，Pod IP 为 {ip}"),
            HostNetwork => "hostNetwork：Pod 使用节点的网络命名空间".into(),
            ImagePresent => "镜像已在节点上，拉取策略允许直接使用".into(),
            ImagePulled { policy } => format!("imagePullPolicy {policy}：拉取镜像"),
            PullFailed => "镜像拉取失败".into(),
            PullBackOff { delay } => format!("镜像拉取退避：{} 后再试", secs(*delay)),
            NeverPull => "imagePullPolicy 为 Never，而节点上没有这个镜像".into(),
            InvalidImage => "镜像名不是合法的镜像引用".into(),
            UnknownImage { image } => format!("模拟器不认识镜像 {image}：它假设拉取成功，进程一直运行直到被停止，并监听声明的端口（真实的镜像仓库可能没有这个镜像：ErrImagePull）"),
            ConfigError => "容器配置引用了不存在的对象".into(),
            InitOrder { index, total } => {
                format!("第 {}/{} 个 Init 容器按顺序单独运行", index + 1, total)
            }
            SidecarInOrder { index, total } => format!(
                "第 {}/{} 个 Init 容器是原生 Sidecar（restartPolicy Always）：它按顺序启动，下一个容器只等它启动，不等它结束",
                index + 1,
                total
            ),
            AppContainers { inits, sidecars } => match (inits, sidecars) {
                (0, 0) => "沙箱已就绪，且没有 Init 容器：应用容器按清单顺序创建，彼此不等待".into(),
                (_, 0) => "所有 Init 容器都已完成：应用容器按清单顺序创建，彼此不等待".into(),
                (0, _) => "所有原生 Sidecar 都已启动（它们与应用一起持续运行）：应用容器按清单顺序创建".into(),
                _ => "所有 Init 容器都已完成，所有原生 Sidecar 都已启动：应用容器按清单顺序创建".into(),
            },
            Waiting { reason } => match *reason {
                "ContainerCreating" => "沙箱、卷和镜像准备好、运行时创建容器之前，kubelet 把容器报告为等待（ContainerCreating）".into(),
                "PodInitializing" => "应用容器等待（PodInitializing），直到所有 Init 容器都完成（原生 Sidecar：已启动）".into(),
                r => format!("容器等待（{r}），直到 kubelet 能再次启动它"),
            },
            LastOutput { line } => format!("它最后的输出（kubectl logs）：{line}"),
            ShScriptMissing { file } => format!("sh 把第一个参数当作脚本文件名，所以 `sh {file}` 会去找名为 {file} 的文件；要运行一行命令，请写 `sh -c \"…\"`"),
            FailedAttempts { failed, last } => format!(
                "运行期间，它的程序不断尝试又不断失败：已失败 {failed} 次（最近一次：{last}）；没有什么让它停下，所以它一直在运行"
            ),
            ConditionNow { condition, status } => match (*condition, *status) {
                ("Ready", true) => "kubelet 同步状态：所有容器都已就绪（所有就绪门控也为 True），所以 Pod Ready，Service 会把流量发给它".into(),
                ("ContainersReady", true) => "kubelet 同步状态：所有容器都已就绪（已启动；有就绪探针的，探针已成功）".into(),
                ("Ready" | "ContainersReady", false) => "kubelet 同步状态：有容器未就绪（还没启动、没有运行，或就绪探针失败）".into(),
                ("Initialized", true) => "kubelet 同步状态：所有 Init 容器都已完成（原生 Sidecar：已启动）".into(),
                ("Initialized", false) => "kubelet 同步状态：还有 Init 容器没有完成".into(),
                ("PodReadyToStartContainers", s) => if s { "kubelet 同步状态：沙箱已存在并有网络，容器可以启动".into() } else { "kubelet 同步状态：Pod 还没有（或已不再有）带网络的沙箱".into() },
                (c, s) => format!("kubelet 同步状态，把 {c} 设为 {}", if s { "True" } else { "False" }),
            },
            ProcessStarted => "容器运行时启动容器的主进程：从此容器处于 Running，直到进程退出或被停止".into(),
            PhaseStaysRunning => "阶段仍是 Running：会被重启的容器不会让 Pod 结束，所以崩溃循环体现在容器状态（CrashLoopBackOff）和 RESTARTS 上，而不是阶段上".into(),
            InitSucceeded => "Init 容器已完成：下一个 Init 容器或应用容器可以启动了".into(),
            SidecarStarted => "Sidecar 启动之后，下一个容器才会启动".into(),
            PostStartBlocks => "postStart 在容器创建后运行；它返回前容器不算 Running".into(),
            HookFailed { hook } => format!("{hook} 钩子失败；事件里只写这一句，这是有意的（kubelet 不把钩子的输出写进事件，以免其中打印的密钥泄露）：输出在 kubelet 的日志里（见下方的说明）{}", if *hook == "postStart" { "，也在容器的等待消息（PostStartHookError）里" } else { "" }),
            ProgramExited { code } => format!("容器主进程以 {code} 退出"),
            OomKilled { limit } => {
                format!(
                    "内存用量超过限制（{}）：内核 OOM killer 杀死进程（137）",
                    bytes(*limit)
                )
            }
            CpuThrottled { limit_milli } => {
                format!("CPU 需求超过限制 {limit_milli}m 时被限流，不会被杀死")
            }
            ProbeFailed {
                kind,
                consecutive,
                threshold,
            } => format!(
                "{}第 {consecutive} 次失败（failureThreshold {threshold}）",
                kind.zh()
            ),
            ProbeThreshold {
                kind,
                success,
                consecutive,
                threshold,
            } => {
                if *success {
                    format!(
                        "{}连续成功 {consecutive} 次（successThreshold {threshold}）",
                        kind.zh()
                    )
                } else {
                    format!(
                        "{}连续失败 {consecutive} 次（failureThreshold {threshold}）",
                        kind.zh()
                    )
                }
            }
            StartupGate => "启动探针成功之前，存活和就绪探针都不执行".into(),
            InitialDelay { kind, seconds } => {
                format!(
                    "{}在容器启动后等待 initialDelaySeconds {seconds}",
                    kind.zh()
                )
            }
            KilledByProbe { kind } => format!("{}失败，容器被杀死", kind.zh()),
            RestartPolicy { policy, restart } => {
                if *restart {
                    format!("restartPolicy {policy} → 重启")
                } else {
                    format!("restartPolicy {policy} → 不重启")
                }
            }
            RestartNow => "第一次重启：立即进行".into(),
            BackOff { delay } => format!("退避 {} 后重启", secs(*delay)),
            BackOffReset => "容器已运行 10 分钟：退避时间重置为 10s".into(),
            ContainerReady => "容器已就绪".into(),
            ContainerNotReady => "容器未就绪".into(),
            ReadinessGateMissing { gate } => {
                format!("就绪门控 {gate}：没有控制器设置这个条件，所以一直是 False")
            }
            PortInUse { port } => {
                format!("端口 {port} 已在 Pod 的网络命名空间中被占用（所有容器共享）")
            }
            Deleted { grace_seconds } => {
                format!("kubectl delete：设置 deletionTimestamp，宽限期 {grace_seconds}s")
            }
            ImageChanged { image } => format!(
                "kubectl apply 把镜像改成了 {image}：容器定义的哈希变了，kubelet 杀掉它并用新镜像重新启动，与重启策略无关"
            ),
            PreStop => "发送 SIGTERM 之前先运行 preStop 钩子".into(),
            SigTerm => "向容器的 1 号进程发送 SIGTERM".into(),
            SigKill { grace_seconds } => {
                format!("{grace_seconds}s 宽限期结束仍在运行：发送 SIGKILL")
            }
            GraceExtension => "宽限期结束时 preStop 仍在运行：再给 2s".into(),
            SidecarOrder => "Sidecar 与其他容器同时收到停止指令（Killing 事件和 preStop 同时开始）；只有它们的 SIGTERM 要等应用容器以及在它之后声明的 Sidecar 退出后才发送，所以按相反顺序停止".into(),
            SandboxRemoved => "删除沙箱（pause），释放 Pod IP".into(),
            PodRemoved => "所有容器都已停止：kubelet 以宽限期 0 确认删除，API Server 从 etcd 中删除 Pod".into(),
            PodTerminal { succeeded } => {
                if *succeeded {
                    "所有容器都以 0 退出且不会重启：Succeeded".into()
                } else {
                    "所有容器都已停止，其中有失败的，且不会重启：Failed".into()
                }
            }
            DeadlineExceeded { seconds } => {
                format!("activeDeadlineSeconds {seconds} 已到：Pod 失败")
            }
            Override { what } => format!("课程设定：{what}"),
            Budget { what } => format!("模拟预算：{what}"),
        }
    }
}

/// A chain of rules, read left to right ("A → B → C").
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cause(pub Vec<Rule>);

impl Cause {
    pub fn new(rule: Rule) -> Cause {
        Cause(vec![rule])
    }

    pub fn none() -> Cause {
        Cause(Vec::new())
    }

    pub fn then(mut self, rule: Rule) -> Cause {
        self.0.push(rule);
        self
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn text(&self, lang: Lang) -> String {
        self.0
            .iter()
            .map(|r| r.text(lang))
            .collect::<Vec<_>>()
            .join(" → ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn causes_render_in_both_languages() {
        let c = Cause::new(Rule::ProbeThreshold {
            kind: ProbeKind::Liveness,
            success: false,
            consecutive: 3,
            threshold: 3,
        })
        .then(Rule::KilledByProbe {
            kind: ProbeKind::Liveness,
        })
        .then(Rule::RestartPolicy {
            policy: "Always",
            restart: true,
        })
        .then(Rule::BackOff {
            delay: SimTime::from_secs(10),
        });
        assert_eq!(
            c.text(Lang::En),
            "3 consecutive liveness failures (failureThreshold 3) → container killed for its liveness probe → restartPolicy Always → restart → restart after 10s back-off"
        );
        assert_eq!(
            c.text(Lang::Zh),
            "存活探针连续失败 3 次（failureThreshold 3） → 存活探针失败，容器被杀死 → restartPolicy Always → 重启 → 退避 10s 后重启"
        );
    }

    #[test]
    fn a_memory_limit_reads_as_the_manifest_writes_it() {
        let oom = |limit| Rule::OomKilled { limit }.text(Lang::En);
        assert_eq!(
            oom(104_857_600),
            "memory use passed the limit (100Mi): the kernel's OOM killer ends it (137)"
        );
        assert!(oom(100_000_000).contains("(100M)"));
        assert!(Rule::OomKilled { limit: 134_217_728 }
            .text(Lang::Zh)
            .contains("（128Mi）"));
    }
}
