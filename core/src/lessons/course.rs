//! The course as data: the lessons in order and their tasks (ids, kinds, starting manifests,
//! criteria or questions, and the hints a task gives in place of a criterion's own).
//!
//! Starting manifests are the gallery's examples (every manifest of the study notes, mistakes
//! included) or ours in `starts/` (variants the tasks need, e.g. the notes' nginx + shell Pod
//! without `shareProcessNamespace`). The lesson texts are not here: they are data files
//! (`static/lessons/<id>.lesson`, see [`super::content`]) loaded when a lesson is opened.

use crate::examples::Words;
use crate::model::{NodeInfo, QosClass};
use crate::sim::ProbeKind;
use crate::sim::{Component, Phase};

use super::criteria::{Criterion as C, Role};
use super::predict::{Answers, Measure, Question};
use super::{Check, Goal};

/// A lesson of the course.
#[derive(Debug)]
pub struct Lesson {
    /// Stable id (deep links `#learn/<id>/<step>`, progress, the text file's name).
    pub id: &'static str,
    pub title: Words,
    /// One line for the course map.
    pub summary: Words,
    /// The manifest the lesson opens with (a task or a gallery example, see
    /// [`super::manifest`]).
    pub start: &'static str,
    /// The lesson's tasks, in the order the text asks them.
    pub tasks: &'static [&'static str],
}

/// What a task asks the learner to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskKind {
    /// Edit the manifest until a condition holds in the simulation.
    MakeItSo,
    /// Symptoms only: find the cause and fix it.
    FixIt,
    /// Answer before playing; the answer is compared with the simulation.
    Predict,
    // A "do it" kind (run the command that shows something) comes with the terminal (issue 14).
}

impl TaskKind {
    pub fn id(self) -> &'static str {
        match self {
            TaskKind::MakeItSo => "make-it-so",
            TaskKind::FixIt => "fix-it",
            TaskKind::Predict => "predict",
        }
    }

    pub fn title(self) -> Words {
        match self {
            TaskKind::MakeItSo => Words::new("Make it so", "动手实现"),
            TaskKind::FixIt => Words::new("Fix it", "找错修复"),
            TaskKind::Predict => Words::new("Predict", "预测"),
        }
    }
}

/// The cluster a task plays on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cluster {
    /// The playground's default cluster (a control plane and three workers, no custom labels).
    Default,
    /// A control plane and two workers: `node-a` labelled `disktype=hdd`, `node-b` `disktype=ssd`.
    DiskTypes,
}

/// A task: a challenge is a task whose id the course promises to keep (the CLI's
/// `podplay lesson check <id>`).
#[derive(Debug)]
pub struct Task {
    pub id: &'static str,
    pub lesson: &'static str,
    pub kind: TaskKind,
    pub title: Words,
    /// The starting manifest.
    pub start: Start,
    pub goal: Goal,
    pub cluster: Cluster,
    /// How long the checks play the Pod.
    pub until_secs: u64,
    /// `kubectl delete pod` at this time in the checks' run.
    pub delete_at_secs: Option<u64>,
}

/// Where a task's starting manifest comes from.
#[derive(Clone, Copy, Debug)]
pub enum Start {
    /// A gallery example, by id (see [`crate::examples`]).
    Example(&'static str),
    /// Ours, from `starts/`.
    Text(&'static str),
}

macro_rules! start {
    ($file:literal) => {
        Start::Text(include_str!(concat!("starts/", $file)))
    };
}

const fn check(criterion: C) -> Check {
    Check {
        criterion,
        hint: None,
    }
}

const fn hinted(criterion: C, hint: &'static [Words; 3]) -> Check {
    Check {
        criterion,
        hint: Some(hint),
    }
}

const ACCEPTED: Check = check(C::Accepted);

/// The container `name` is still there, in its role, with its command.
const fn kept(name: &'static str, role: Role) -> Check {
    check(C::Kept {
        name,
        role,
        command: true,
    })
}

/// The ten challenges: tasks whose ids and pass criteria are promised (issue 13, item 6).
pub const CHALLENGES: &[&str] = &[
    "fix-javaweb",
    "share-pid",
    "liveness-fast",
    "slow-start",
    "readiness-path",
    "oom-fix",
    "guaranteed",
    "init-service",
    "schedule-ssd",
    "hostaliases",
];

/// The lessons, in order.
pub static LESSONS: &[Lesson] = &[
    Lesson {
        id: "pod",
        title: Words::new("What a Pod is, and why", "Pod 是什么，为什么要有 Pod"),
        summary: Words::new(
            "hello-pod, one or more containers sharing one environment, kubectl explain",
            "hello-pod、共享同一环境的一个或多个容器、kubectl explain",
        ),
        start: "hello-pod",
        tasks: &["explain-restart-policy", "hello-two-containers"],
    },
    Lesson {
        id: "manifests",
        title: Words::new("Reading and fixing manifests", "读懂并修正清单"),
        summary: Words::new(
            "Every mistake of the notes: example_pod, myweb's env, hostPost, mis-indented ports",
            "笔记里的每个错误：example_pod、myweb 的 env、hostPost、缩进错的 ports",
        ),
        start: "example-pod",
        tasks: &[
            "fix-example-pod",
            "fix-myweb",
            "fix-javaweb",
            "fix-javaweb-indent",
        ],
    },
    Lesson {
        id: "pause",
        title: Words::new(
            "The pause container and its namespaces",
            "pause 容器和它持有的命名空间",
        ),
        summary: Words::new(
            "net, ipc and uts shared; pid only with shareProcessNamespace; mnt per container",
            "共享 net、ipc、uts；pid 仅在 shareProcessNamespace 时共享；mnt 每个容器一份",
        ),
        start: "share-pid",
        tasks: &["pause-first", "pause-not-shared", "share-pid"],
    },
    Lesson {
        id: "network",
        title: Words::new("The pod network", "Pod 网络"),
        summary: Words::new(
            "One IP, localhost between containers, the nginx proxy, port clashes, hostPort, pod to pod",
            "一个 IP、容器之间走 localhost、nginx 代理、端口冲突、hostPort、Pod 之间",
        ),
        start: "pause-demo",
        tasks: &[
            "network-proxy",
            "network-port-clash",
            "network-pod-ip",
            "network-hostport",
        ],
    },
    Lesson {
        id: "volumes",
        title: Words::new("Volumes", "卷"),
        summary: Words::new(
            "emptyDir sharing, projected Secret/ConfigMap/downward API, the service-account token",
            "共享 emptyDir、投射的 Secret/ConfigMap/Downward API、服务账号令牌",
        ),
        start: "volumes-share",
        tasks: &["volumes-share", "volumes-projected", "volumes-token"],
    },
    Lesson {
        id: "init",
        title: Words::new(
            "Init containers and native sidecars",
            "Init 容器与原生边车容器",
        ),
        summary: Words::new(
            "The war/tomcat pattern, waiting for a Service, sidecars with restartPolicy: Always",
            "war/tomcat 模式、等待 Service、restartPolicy: Always 的边车",
        ),
        start: "javaweb-2-fixed",
        tasks: &["init-order", "init-service", "sidecar-native"],
    },
    Lesson {
        id: "probes",
        title: Words::new("Probes", "探针"),
        summary: Words::new(
            "Liveness (exec, HTTP), readiness, startup",
            "存活探针（exec、HTTP）、就绪探针、启动探针",
        ),
        start: "liveness-exec",
        tasks: &[
            "liveness-failures",
            "liveness-fast",
            "readiness-path",
            "slow-start",
        ],
    },
    Lesson {
        id: "restarts",
        title: Words::new(
            "Restart policy and CrashLoopBackOff",
            "重启策略与 CrashLoopBackOff",
        ),
        summary: Words::new(
            "Always, OnFailure, Never; the back-off of 10 s, 20 s, 40 s … 5 min",
            "Always、OnFailure、Never；10 秒、20 秒、40 秒……5 分钟的退避",
        ),
        start: "crashloop",
        tasks: &["crashloop-phase", "crashloop-restarts", "restart-never"],
    },
    Lesson {
        id: "hooks",
        title: Words::new(
            "Lifecycle hooks and termination",
            "生命周期钩子与终止",
        ),
        summary: Words::new(
            "postStart, preStop, SIGTERM, the grace period, SIGKILL",
            "postStart、preStop、SIGTERM、宽限期、SIGKILL",
        ),
        start: "lifecycle-fragment",
        tasks: &["hooks-complete", "termination-grace"],
    },
    Lesson {
        id: "resources",
        title: Words::new("Resources, QoS and OOM kills", "资源、QoS 与 OOM"),
        summary: Words::new(
            "requests and limits, cpu in millicores, QoS classes, OOMKilled",
            "requests 与 limits、以毫核计的 cpu、QoS 类别、OOMKilled",
        ),
        start: "mysql-pod",
        tasks: &["qos-mysql", "oom-fix", "guaranteed"],
    },
    Lesson {
        id: "scheduling",
        title: Words::new("Scheduling and hosts", "调度与 hosts"),
        summary: Words::new(
            "nodeSelector, nodeName, node affinity, hostAliases",
            "nodeSelector、nodeName、节点亲和性、hostAliases",
        ),
        start: "schedule-ssd",
        tasks: &["schedule-pending", "schedule-ssd", "hostaliases"],
    },
    Lesson {
        id: "flow",
        title: Words::new(
            "From kubectl to a running container",
            "从 kubectl 到运行中的容器",
        ),
        summary: Words::new(
            "kubectl → API server → etcd → scheduler → kubelet → CRI / CNI / CSI",
            "kubectl → API Server → etcd → 调度器 → kubelet → CRI / CNI / CSI",
        ),
        start: "hello-pod",
        tasks: &["flow-after-etcd", "flow-ip"],
    },
    Lesson {
        id: "status",
        title: Words::new(
            "Phase, conditions and events",
            "阶段、状况与事件",
        ),
        summary: Words::new(
            "Pending, Running, Succeeded, Failed; the five conditions; reading events",
            "Pending、Running、Succeeded、Failed；五个状况；读懂事件",
        ),
        start: "initpod",
        tasks: &[
            "status-initpod",
            "status-conditions",
            "status-first-warning",
        ],
    },
];

// ---- hints a task gives instead of a criterion's own

static H_EXAMPLE_LOG: [Words; 3] = [
    Words::new(
        "The container starts, but it never prints the greeting.",
        "容器启动了，但从来没有输出问候语。",
    ),
    Words::new(
        "Look at the command: `['sh','c','echo Hello K8s!']`. Without the dash, sh takes `c` as the name of a script file to run, finds none, and exits with an error.",
        "看看命令：`['sh','c','echo Hello K8s!']`。少了短横线，sh 会把 `c` 当成要运行的脚本文件名，找不到就报错退出。",
    ),
    Words::new(
        "Write `command: ['sh', '-c', 'echo Hello K8s!']`: `-c` tells sh that the next argument is the script itself.",
        "写成 `command: ['sh', '-c', 'echo Hello K8s!']`：`-c` 告诉 sh 下一个参数就是脚本本身。",
    ),
];

static H_TWO_READY: [Words; 3] = [
    Words::new(
        "The Pod is not Ready: one of its containers does not keep running.",
        "Pod 没有 Ready：有一个容器没能一直运行。",
    ),
    Words::new(
        "A container lives as long as its main program. busybox's default program is `sh`, which exits at once when there is no terminal: the kubelet restarts it again and again (CrashLoopBackOff).",
        "容器的寿命就是它主程序的寿命。busybox 默认的程序是 `sh`，没有终端时会立即退出：kubelet 一次又一次地重启它（CrashLoopBackOff）。",
    ),
    Words::new(
        "Give the second container a program that keeps running, e.g. `command: [\"sleep\", \"3600\"]`.",
        "给第二个容器一个会一直运行的程序，例如 `command: [\"sleep\", \"3600\"]`。",
    ),
];

static H_LIVENESS_FAST: [Words; 3] = [
    Words::new(
        "The file is removed 30 s after the start, but the kubelet needs more than 10 s to notice.",
        "文件在启动 30 秒后被删除，但 kubelet 要超过 10 秒才发现。",
    ),
    Words::new(
        "The probe runs every periodSeconds (5 here) and kills after failureThreshold failures in a row (3 by default): up to 15 s after the file is gone.",
        "探针每 periodSeconds（这里是 5）运行一次，连续失败 failureThreshold 次（默认 3）才杀掉容器：文件消失后最多要 15 秒。",
    ),
    Words::new(
        "Set `periodSeconds: 2` and `failureThreshold: 2` on the liveness probe: the container is killed at most 4 s after the file disappears.",
        "在存活探针上设置 `periodSeconds: 2` 和 `failureThreshold: 2`：文件消失后最多 4 秒容器就会被杀掉。",
    ),
];

static H_SLOW_START: [Words; 3] = [
    Words::new(
        "nginx only listens after 40 s, and a probe kills the container before that.",
        "nginx 要 40 秒后才开始监听，探针在那之前就杀掉了容器。",
    ),
    Words::new(
        "The liveness probe starts at once and gives up after 3 × 5 s = 15 s. Changing it would weaken it for the whole life of the app; a startupProbe instead holds liveness (and readiness) back until the app has started once.",
        "存活探针立即开始，3 × 5 秒 = 15 秒后就放弃了。修改它会削弱应用整个生命周期里的检查；而启动探针会在应用第一次启动成功之前，暂停存活探针（和就绪探针）。",
    ),
    Words::new(
        "Add beside the liveness probe:\nstartupProbe:\n  httpGet:\n    path: /\n    port: 80\n  periodSeconds: 5\n  failureThreshold: 12\n(up to 60 s to start).",
        "在存活探针旁边加上：\nstartupProbe:\n  httpGet:\n    path: /\n    port: 80\n  periodSeconds: 5\n  failureThreshold: 12\n（最多给 60 秒启动时间）。",
    ),
];

static H_READINESS_PATH: [Words; 3] = [
    Words::new(
        "nginx runs, but the readiness probe never succeeds.",
        "nginx 在运行，但就绪探针从来没有成功过。",
    ),
    Words::new(
        "An httpGet probe succeeds on a status from 200 to 399. nginx serves `/` (200) but has no `/healthz`: every probe gets 404 Not Found, so the Pod is never Ready.",
        "httpGet 探针在状态码为 200 到 399 时成功。nginx 提供 `/`（200），但没有 `/healthz`：每次探测都得到 404 Not Found，所以 Pod 永远不会 Ready。",
    ),
    Words::new(
        "Point the probe at a path nginx serves: `path: /`.",
        "让探针访问 nginx 提供的路径：`path: /`。",
    ),
];

static H_OOM: [Words; 3] = [
    Words::new(
        "The container is OOMKilled: stress allocates 250M, more than its memory limit.",
        "容器被 OOMKilled：stress 分配 250M，超过了它的内存上限。",
    ),
    Words::new(
        "The limit is a hard ceiling the kernel enforces. 250M is 250 000 000 bytes, about 238.4Mi (1Mi = 1 048 576 bytes), and the process needs a little more than what it allocates. The program's need does not change, so the limit must.",
        "上限是内核强制执行的硬上限。250M 是 250 000 000 字节，约 238.4Mi（1Mi = 1 048 576 字节），而且进程需要的比它分配的还要多一点。程序的需求不会变，所以要改的是上限。",
    ),
    Words::new(
        "Raise `limits.memory` to `300Mi` (and keep the request at or below it).",
        "把 `limits.memory` 提高到 `300Mi`（requests 保持不超过它）。",
    ),
];

static H_GUARANTEED: [Words; 3] = [
    Words::new(
        "The Pod is Burstable: not every container has equal requests and limits.",
        "Pod 是 Burstable：不是每个容器的 requests 都等于 limits。",
    ),
    Words::new(
        "Guaranteed counts every container, init containers included: each needs cpu and memory limits, and requests equal to them. `app` has no cpu limit and requests less memory than its limit; `setup` has no resources at all.",
        "Guaranteed 会检查每个容器，包括 Init 容器：每个都要有 cpu 和 memory 的 limits，并且 requests 与之相等。`app` 没有 cpu 上限，memory 的 requests 又小于上限；`setup` 根本没有设置资源。",
    ),
    Words::new(
        "Give both `setup` and `app`:\nresources:\n  limits:\n    cpu: 250m\n    memory: 128Mi\n(with no requests, they default to the limits).",
        "给 `setup` 和 `app` 都加上：\nresources:\n  limits:\n    cpu: 250m\n    memory: 128Mi\n（不写 requests 时，它们默认等于 limits）。",
    ),
];

static H_INIT_SERVICE: [Words; 3] = [
    Words::new(
        "The init container loops on `nslookup k8sbook` and never finds it.",
        "Init 容器不停地执行 `nslookup k8sbook`，却一直找不到它。",
    ),
    Words::new(
        "`k8sbook` is the name of a Service: cluster DNS answers it only when a Service of that name exists in the Pod's namespace. Until then the init container waits, and the web container never starts (Init:0/1).",
        "`k8sbook` 是一个 Service 的名字：只有 Pod 所在命名空间里存在这个 Service，集群 DNS 才会解析它。在那之前 Init 容器一直等待，Web 容器永远不会启动（Init:0/1）。",
    ),
    Words::new(
        "Do what the notes do: after the Pod, add a line `---` and the k8sbook Service (apiVersion v1, kind Service, selector app: initializer, port 80 → targetPort 8080).",
        "照笔记那样做：在 Pod 后面加一行 `---`，再写 k8sbook Service（apiVersion v1、kind Service、selector app: initializer、端口 80 → targetPort 8080）。",
    ),
];

static H_SIDECAR: [Words; 3] = [
    Words::new(
        "`logshipper` never ends, so `myapp` never starts.",
        "`logshipper` 永远不会结束，所以 `myapp` 永远不会启动。",
    ),
    Words::new(
        "Regular init containers must each exit before the next container starts. `tail -F` follows the file forever. An init container with `restartPolicy: Always` is a native sidecar: it starts first, then the kubelet goes on while it keeps running.",
        "普通 Init 容器必须逐个退出，下一个容器才会启动。`tail -F` 会永远跟随文件。带 `restartPolicy: Always` 的 Init 容器是原生边车：它先启动，然后 kubelet 继续启动后面的容器，而它一直运行。",
    ),
    Words::new(
        "Add `restartPolicy: Always` to `logshipper` (keep it under initContainers).",
        "给 `logshipper` 加上 `restartPolicy: Always`（仍放在 initContainers 下面）。",
    ),
];

static H_SHARE_FILES: [Words; 3] = [
    Words::new(
        "The reader never sees what the writer writes.",
        "reader 从来看不到 writer 写的内容。",
    ),
    Words::new(
        "Each container has its own mount namespace and root file system: /data of one is not /data of the other. A volume mounted in both is the same directory for both.",
        "每个容器都有自己的 mnt 命名空间和根文件系统：一个容器的 /data 不是另一个的 /data。两个容器都挂载的卷，对两者来说是同一个目录。",
    ),
    Words::new(
        "Add `volumes: [{name: shared, emptyDir: {}}]` to the spec and `volumeMounts: [{name: shared, mountPath: /data}]` to both containers.",
        "在 spec 里加上 `volumes: [{name: shared, emptyDir: {}}]`，并在两个容器里都加上 `volumeMounts: [{name: shared, mountPath: /data}]`。",
    ),
];

static H_PROJECTED: [Words; 3] = [
    Words::new(
        "The Pod never becomes Ready: its volume cannot be mounted.",
        "Pod 一直没有 Ready：它的卷挂载不上。",
    ),
    Words::new(
        "A projected volume reads the Secrets `user` and `pass`; the kubelet waits (FailedMount) until they exist. The note creates them with `kubectl create secret`, which is a shell command, not YAML.",
        "投射卷读取 Secret `user` 和 `pass`；在它们存在之前 kubelet 会一直等待（FailedMount）。笔记用 `kubectl create secret` 创建它们，那是 shell 命令，不是 YAML。",
    ),
    Words::new(
        "Remove the two `$kubectl …` lines and add, after `---` lines, two Secrets:\napiVersion: v1\nkind: Secret\nmetadata:\n  name: user\nstringData:\n  username.txt: admin\n(and the same for `pass` with password.txt).",
        "删掉两行 `$kubectl …`，在 `---` 之后加上两个 Secret：\napiVersion: v1\nkind: Secret\nmetadata:\n  name: user\nstringData:\n  username.txt: admin\n（`pass` 同理，键为 password.txt）。",
    ),
];

static H_RESTART_NEVER: [Words; 3] = [
    Words::new(
        "The Pod never ends: its container is restarted after each failure.",
        "Pod 永远不会结束：容器每次失败后都会被重启。",
    ),
    Words::new(
        "restartPolicy (Always by default) applies to every container of the Pod. With Always or OnFailure, a container that exits with code 1 is restarted; with Never, it stays terminated and the Pod's phase becomes Failed.",
        "restartPolicy（默认 Always）作用于 Pod 的每个容器。Always 或 OnFailure 下，以退出码 1 退出的容器会被重启；Never 下，它保持终止状态，Pod 的阶段变为 Failed。",
    ),
    Words::new(
        "Add `restartPolicy: Never` to the Pod's spec, beside `containers`: it applies to every container of the Pod. (Since Kubernetes 1.35 one container may also override it with a `restartPolicy` of its own.)",
        "在 Pod 的 spec 里（和 `containers` 同级）加上 `restartPolicy: Never`：它作用于 Pod 的每个容器。（从 Kubernetes 1.35 起，单个容器也可以用自己的 `restartPolicy` 覆盖它。）",
    ),
];

static H_HOOKS_RUN: [Words; 3] = [
    Words::new(
        "There is no Pod yet: the note shows only the Pod's `spec`.",
        "还没有 Pod：笔记只给出了 Pod 的 `spec`。",
    ),
    Words::new(
        "The note shows only `spec`. A Pod needs `apiVersion: v1`, `kind: Pod` and `metadata.name` above it; the hooks stay under the container's `lifecycle`.",
        "笔记只给出了 `spec`。一个 Pod 在它上面还需要 `apiVersion: v1`、`kind: Pod` 和 `metadata.name`；钩子留在容器的 `lifecycle` 下面。",
    ),
    Words::new(
        "Put `apiVersion: v1`, `kind: Pod` and `metadata:\\n  name: lifecycle-demo` above the note's `spec:`.",
        "在笔记的 `spec:` 上面加上 `apiVersion: v1`、`kind: Pod` 和 `metadata:\\n  name: lifecycle-demo`。",
    ),
];

static H_HOSTPORT: [Words; 3] = [
    Words::new(
        "hello-ctr does not declare the node port the task asks for.",
        "hello-ctr 没有声明任务要求的节点端口。",
    ),
    Words::new(
        "`hostPort` asks the node to forward one of its own ports to the container's port, so clients outside the cluster network can reach it at the node's IP. It sits in the same `ports` item as `containerPort`.",
        "`hostPort` 让节点把自己的一个端口转发到容器的端口，这样集群网络之外的客户端可以通过节点 IP 访问它。它和 `containerPort` 写在 `ports` 的同一项里。",
    ),
    Words::new(
        "Write:\nports:\n- containerPort: 8080\n  hostPort: 8081",
        "写成：\nports:\n- containerPort: 8080\n  hostPort: 8081",
    ),
];

static H_SSD: [Words; 3] = [
    Words::new(
        "The Pod does not end up on the node with the SSD.",
        "Pod 没有被放到带 SSD 的节点上。",
    ),
    Words::new(
        "node-a is labelled disktype=hdd and node-b disktype=ssd. Without a constraint the scheduler may pick either; `nodeSelector` makes it pick only nodes that have every label listed. Mind the indentation: in the notes `disktype: ssd` sits beside `nodeSelector:`, so it is a field of the spec, which the API server refuses.",
        "node-a 带有 disktype=hdd 标签，node-b 带有 disktype=ssd。没有约束时调度器可能挑任何一个；`nodeSelector` 让它只挑带有所列全部标签的节点。注意缩进：笔记里 `disktype: ssd` 和 `nodeSelector:` 对齐，于是成了 spec 的字段，API Server 会拒绝它。",
    ),
    Words::new(
        "Under spec:\nnodeSelector:\n  disktype: ssd\n(`nodeName: node-b` or a required node affinity on disktype In [ssd] also work).",
        "在 spec 下面：\nnodeSelector:\n  disktype: ssd\n（`nodeName: node-b` 或针对 disktype In [ssd] 的必需节点亲和性也可以）。",
    ),
];

static H_HOSTALIASES: [Words; 3] = [
    Words::new(
        "/etc/hosts in the container does not map foo.remote and bar.remote to 10.1.2.3.",
        "容器里的 /etc/hosts 没有把 foo.remote 和 bar.remote 映射到 10.1.2.3。",
    ),
    Words::new(
        "The kubelet writes /etc/hosts for every container; the Pod adds lines with `spec.hostAliases`: a list of `ip` and `hostnames`. The notes write `hostNames`, which the API server does not know (field names are case-sensitive).",
        "kubelet 为每个容器写 /etc/hosts；Pod 用 `spec.hostAliases` 往里加行：一个 `ip` 和 `hostnames` 的列表。笔记写成了 `hostNames`，API Server 不认识它（字段名区分大小写）。",
    ),
    Words::new(
        "Under spec:\nhostAliases:\n- ip: \"10.1.2.3\"\n  hostnames:\n  - \"foo.remote\"\n  - \"bar.remote\"",
        "在 spec 下面：\nhostAliases:\n- ip: \"10.1.2.3\"\n  hostnames:\n  - \"foo.remote\"\n  - \"bar.remote\"",
    ),
];

// ---- predict questions

static Q_RESTART_POLICY: Question = Question {
    measure: Measure::Stored {
        path: "spec.restartPolicy",
    },
    answers: Answers::Choices(&["Always", "OnFailure", "Never"]),
    hint: [
        Words::new(
            "hello-pod does not set restartPolicy, so the API server fills in its default.",
            "hello-pod 没有设置 restartPolicy，所以 API Server 会填上默认值。",
        ),
        Words::new(
            "`kubectl explain pod.spec.restartPolicy` says it: \"One of Always, OnFailure, Never. Default to Always.\"",
            "`kubectl explain pod.spec.restartPolicy` 写着：“One of Always, OnFailure, Never. Default to Always.”",
        ),
        Words::new(
            "The API server stores {answer}: a Pod's containers are restarted whenever they stop, unless the Pod says otherwise.",
            "API Server 存下的是 {answer}：除非 Pod 另有说明，容器一停止就会被重启。",
        ),
    ],
};

static Q_PAUSE_FIRST: Question = Question {
    measure: Measure::FirstStarted { sandbox: true },
    answers: Answers::Choices(&["pause", "nginx", "shell"]),
    hint: [
        Words::new(
            "Before any container of the Pod can join the Pod's network, that network must exist.",
            "Pod 里的任何容器要加入 Pod 的网络之前，这个网络必须先存在。",
        ),
        Words::new(
            "The kubelet first asks the runtime (CRI) for a sandbox: a tiny container that holds the net, ipc and uts namespaces; CNI then gives it the Pod's IP. The app containers join it afterwards.",
            "kubelet 先通过 CRI 向运行时要一个沙箱：一个持有 net、ipc 和 uts 命名空间的极小容器；然后 CNI 给它分配 Pod 的 IP。应用容器之后才加入进来。",
        ),
        Words::new(
            "{answer} starts first: the Infra container is always created first, the notes say, and the others join its namespaces.",
            "最先启动的是 {answer}：笔记里说 Infra 容器永远第一个被创建，其他容器加入它的命名空间。",
        ),
    ],
};

static Q_NOT_SHARED: Question = Question {
    measure: Measure::NotShared {
        a: "nginx",
        b: "shell",
        secs: 30,
    },
    answers: Answers::Choices(&["net", "ipc", "uts", "mnt"]),
    hint: [
        Words::new(
            "Think of what each container must keep to itself to run its own image.",
            "想一想，为了运行自己的镜像，每个容器必须独自保留什么。",
        ),
        Words::new(
            "net, ipc and uts are the pause container's, joined by every container. But nginx and busybox have different root file systems: each needs its own view of the mounts.",
            "net、ipc 和 uts 属于 pause 容器，每个容器都加入它们。但 nginx 和 busybox 的根文件系统不同：每个容器都需要自己的挂载视图。",
        ),
        Words::new(
            "The answer is {answer}: one per container (its image's files plus the volumes it mounts). Open the namespaces view and compare the inode numbers.",
            "答案是 {answer}：每个容器一份（镜像的文件加上它挂载的卷）。打开命名空间视图，比较 inode 编号。",
        ),
    ],
};

static Q_PROXY: Question = Question {
    measure: Measure::FirstConnection { from: "client" },
    answers: Answers::Choices(&["HTTP 200", "HTTP 502", "connection refused", "timed out"]),
    hint: [
        Words::new(
            "client, nginx-proxy and nginx are three containers of one Pod.",
            "client、nginx-proxy 和 nginx 是同一个 Pod 里的三个容器。",
        ),
        Words::new(
            "They share the pause container's network namespace: `localhost:80` in client is the proxy's port 80, and the proxy's `127.0.0.1:8000` is the second nginx. Nothing leaves the Pod.",
            "它们共享 pause 容器的网络命名空间：client 里的 `localhost:80` 就是代理的 80 端口，代理的 `127.0.0.1:8000` 就是第二个 nginx。流量不出 Pod。",
        ),
        Words::new(
            "The client gets {answer}: \"pause test\", served by the second nginx through the proxy, all over localhost.",
            "client 得到 {answer}：“pause test”，由第二个 nginx 经代理返回，全程走 localhost。",
        ),
    ],
};

static Q_PORT_CLASH: Question = Question {
    measure: Measure::WhoRestarts { secs: 60 },
    answers: Answers::Choices(&["web-a", "web-b", "both", "neither"]),
    hint: [
        Words::new(
            "Both containers run nginx, which listens on port 80.",
            "两个容器都运行 nginx，都监听 80 端口。",
        ),
        Words::new(
            "The containers share one network namespace, so one set of ports. The API server accepts two containerPort 80 (it only rejects duplicate hostPorts), but only one bind() to port 80 can succeed.",
            "两个容器共享一个网络命名空间，也就是同一组端口。API Server 接受两个 containerPort 80（它只拒绝重复的 hostPort），但只有一次对 80 端口的 bind() 能成功。",
        ),
        Words::new(
            "{answer}: the container that binds second fails with \"Address already in use\" and is restarted again and again.",
            "{answer}：第二个绑定的容器会因 “Address already in use” 失败，一次又一次被重启。",
        ),
    ],
};

static Q_TOKEN: Question = Question {
    measure: Measure::Stored {
        path: "spec.containers[0].volumeMounts[0].mountPath",
    },
    answers: Answers::Choices(&[
        "/var/run/secrets/kubernetes.io/serviceaccount",
        "/etc/kubernetes/pki",
        "/run/secrets",
    ]),
    hint: [
        Words::new(
            "The Pod asks for no volume, yet the API server adds one to every container.",
            "Pod 没有要求任何卷，但 API Server 会给每个容器加一个。",
        ),
        Words::new(
            "Admission (the ServiceAccount plugin) adds a projected volume `kube-api-access-…` with a token, the cluster's CA and the namespace, and mounts it read-only in each container. Look at the stored object.",
            "准入（ServiceAccount 插件）会添加一个投射卷 `kube-api-access-…`，里面有令牌、集群 CA 和命名空间，并只读挂载到每个容器。看看存储的对象。",
        ),
        Words::new(
            "It is mounted at {answer}, the directory the notes name: a program reads the token there to call the Kubernetes API.",
            "它挂载在 {answer}，也就是笔记里提到的目录：程序在那里读取令牌来调用 Kubernetes API。",
        ),
    ],
};

static Q_INIT_ORDER: Question = Question {
    measure: Measure::FirstStarted { sandbox: false },
    answers: Answers::Choices(&["war", "tomcat"]),
    hint: [
        Words::new(
            "war is listed under initContainers, tomcat under containers.",
            "war 列在 initContainers 下，tomcat 列在 containers 下。",
        ),
        Words::new(
            "Init containers run first, one at a time, and each must finish before the next starts; app containers start only when all of them have succeeded.",
            "Init 容器先运行，一次一个，每个都必须结束，下一个才会开始；所有 Init 容器都成功后，应用容器才会启动。",
        ),
        Words::new(
            "{answer} starts first: it copies sample.war into the shared volume, exits, and only then does tomcat start and find the file.",
            "{answer} 最先启动：它把 sample.war 复制到共享卷里并退出，之后 tomcat 才启动并找到这个文件。",
        ),
    ],
};

static Q_FAILURES: Question = Question {
    measure: Measure::FailuresBeforeKill {
        container: "liveness",
    },
    answers: Answers::Number { tolerance: 0.0 },
    hint: [
        Words::new(
            "The probe does not give up at the first failure.",
            "探针不会在第一次失败时就放弃。",
        ),
        Words::new(
            "The liveness probe sets no failureThreshold, so the API server stores the default.",
            "存活探针没有设置 failureThreshold，所以 API Server 存下了默认值。",
        ),
        Words::new(
            "{answer} failures in a row (failureThreshold defaults to 3), then the kubelet kills the container and restarts it.",
            "连续 {answer} 次失败（failureThreshold 默认为 3），然后 kubelet 杀掉容器并重启它。",
        ),
    ],
};

static Q_CRASH_PHASE: Question = Question {
    measure: Measure::Phase { secs: 12 },
    answers: Answers::Choices(&["Pending", "Running", "Succeeded", "Failed"]),
    hint: [
        Words::new(
            "At 12 s the container has already exited once with code 1.",
            "到第 12 秒时，容器已经以退出码 1 退出过一次。",
        ),
        Words::new(
            "The phase does not follow one container's crash: with restartPolicy Always, a container that exits will be restarted, so the Pod is not finished.",
            "阶段并不跟随某个容器的崩溃：restartPolicy 为 Always 时，退出的容器会被重启，所以 Pod 没有结束。",
        ),
        Words::new(
            "The phase is {answer}: CrashLoopBackOff is what kubectl's STATUS column says, not a phase.",
            "阶段是 {answer}：CrashLoopBackOff 是 kubectl 的 STATUS 列显示的内容，不是阶段。",
        ),
    ],
};

static Q_CRASH_RESTARTS: Question = Question {
    measure: Measure::Restarts {
        container: "app",
        secs: 90,
    },
    answers: Answers::Number { tolerance: 0.0 },
    hint: [
        Words::new(
            "Each run lasts about 3 s; count the waits between the runs.",
            "每次运行大约 3 秒；数一数两次运行之间的等待。",
        ),
        Words::new(
            "The first crash is restarted at once; after that the kubelet waits 10 s, then 20 s, then 40 s, … (doubling, up to 5 minutes) before each restart.",
            "第一次崩溃会立即重启；之后 kubelet 每次重启前先等 10 秒，再 20 秒，再 40 秒……（翻倍，最多 5 分钟）。",
        ),
        Words::new(
            "RESTARTS is {answer} at 90 s. Play it and watch the gaps between the Started events grow.",
            "第 90 秒时 RESTARTS 是 {answer}。运行它，看 Started 事件之间的间隔越来越长。",
        ),
    ],
};

static Q_GRACE: Question = Question {
    measure: Measure::SecondsToRemoval,
    answers: Answers::Number { tolerance: 1.0 },
    hint: [
        Words::new(
            "SIGTERM asks the program to stop; this one does not listen.",
            "SIGTERM 请求程序停止；这个程序不理会它。",
        ),
        Words::new(
            "On delete, the kubelet sends SIGTERM and waits terminationGracePeriodSeconds (30 by default) before SIGKILL. sleep is PID 1 with no SIGTERM handler, so the signal is ignored.",
            "删除时，kubelet 先发 SIGTERM，等待 terminationGracePeriodSeconds（默认 30 秒）后再发 SIGKILL。sleep 是 1 号进程，没有 SIGTERM 处理函数，所以这个信号被忽略。",
        ),
        Words::new(
            "About {answer} s: the whole grace period, then SIGKILL, then the sandbox is removed and the Pod object is deleted.",
            "大约 {answer} 秒：整个宽限期，然后 SIGKILL，再移除沙箱，删除 Pod 对象。",
        ),
    ],
};

static Q_QOS_MYSQL: Question = Question {
    measure: Measure::Qos,
    answers: Answers::Choices(&["Guaranteed", "Burstable", "BestEffort"]),
    hint: [
        Words::new(
            "The mysql container sets requests and limits, but they are not equal.",
            "mysql 容器设置了 requests 和 limits，但两者不相等。",
        ),
        Words::new(
            "Guaranteed needs requests equal to limits for cpu and memory in every container; BestEffort means none at all; anything in between is Burstable.",
            "Guaranteed 要求每个容器的 cpu 和 memory 的 requests 都等于 limits；BestEffort 表示完全没有设置；介于两者之间就是 Burstable。",
        ),
        Words::new(
            "{answer}: it asks for 250m and 64Mi and may burst up to 500m and 128Mi.",
            "{answer}：它申请 250m 和 64Mi，可以突增到 500m 和 128Mi。",
        ),
    ],
};

static Q_PENDING: Question = Question {
    measure: Measure::Phase { secs: 60 },
    answers: Answers::Choices(&["Pending", "Running", "Failed"]),
    hint: [
        Words::new(
            "The Pod asks for a node labelled disktype=ssd.",
            "Pod 要求节点带有 disktype=ssd 标签。",
        ),
        Words::new(
            "The playground's default cluster has no node with that label. The scheduler finds no node that fits (FailedScheduling) and the Pod waits.",
            "游乐场的默认集群里没有带这个标签的节点。调度器找不到合适的节点（FailedScheduling），Pod 只能等待。",
        ),
        Words::new(
            "{answer}: a Pod that is not scheduled stays Pending, with PodScheduled False, until a node fits.",
            "{answer}：没有被调度的 Pod 会一直是 Pending，PodScheduled 为 False，直到有节点合适。",
        ),
    ],
};

static Q_AFTER_ETCD: Question = Question {
    measure: Measure::NextComponent {
        after: Component::Etcd,
    },
    answers: Answers::Choices(&["kube-scheduler", "kubelet", "CRI (containerd)", "CNI"]),
    hint: [
        Words::new(
            "Once stored, the Pod has no node yet.",
            "存下来之后，Pod 还没有节点。",
        ),
        Words::new(
            "Components do not call each other: each watches the API server. A Pod with an empty nodeName is work for one component in particular.",
            "组件之间不直接调用：每个组件都在监视 API Server。nodeName 为空的 Pod 是某个特定组件的工作。",
        ),
        Words::new(
            "{answer}: it sees the unscheduled Pod, picks a node and writes the binding; only then does that node's kubelet act.",
            "{answer}：它看到未调度的 Pod，挑选节点并写入绑定；之后那个节点的 kubelet 才行动。",
        ),
    ],
};

static Q_IP: Question = Question {
    measure: Measure::IpComponent,
    answers: Answers::Choices(&["kube-scheduler", "kubelet", "CRI (containerd)", "CNI"]),
    hint: [
        Words::new(
            "The pause container is created with no network but loopback.",
            "pause 容器创建时只有回环网卡，没有其他网络。",
        ),
        Words::new(
            "The notes explain it: the sandbox is created without a network stack, then a network plugin sets it up — a veth pair, eth0 in the Pod, an IP from the node's range. Today the container runtime calls that plugin while it creates the sandbox.",
            "笔记解释过：沙箱创建时不初始化网络栈，然后由网络插件来配置——一对 veth，Pod 里的 eth0，从节点网段分配的 IP。如今是容器运行时在创建沙箱时调用这个插件。",
        ),
        Words::new(
            "{answer} gives the Pod its IP (CNI ADD), after the sandbox exists and before any app container starts.",
            "由 {answer} 给 Pod 分配 IP（CNI ADD），发生在沙箱创建之后、任何应用容器启动之前。",
        ),
    ],
};

static Q_INITPOD_STATUS: Question = Question {
    measure: Measure::Status { secs: 60 },
    answers: Answers::Choices(&["Pending", "Init:0/1", "PodInitializing", "Running"]),
    hint: [
        Words::new(
            "Alone, initpod's init container waits for a Service that does not exist.",
            "单独运行时，initpod 的 Init 容器在等一个不存在的 Service。",
        ),
        Words::new(
            "kubectl's STATUS column is not the phase: while init containers run, it shows how many of them have completed, out of how many.",
            "kubectl 的 STATUS 列不是阶段：Init 容器运行期间，它显示已完成的个数和总数。",
        ),
        Words::new(
            "STATUS is {answer} (the phase is Pending): 0 of 1 init containers done.",
            "STATUS 是 {answer}（阶段是 Pending）：1 个 Init 容器里完成了 0 个。",
        ),
    ],
};

static Q_FIRST_WARNING: Question = Question {
    measure: Measure::FirstWarning,
    answers: Answers::Choices(&["Unhealthy", "BackOff", "Failed", "Killing"]),
    hint: [
        Words::new(
            "The test server answers /healthz with 200 for 10 s, then 500.",
            "测试服务器的 /healthz 前 10 秒返回 200，之后返回 500。",
        ),
        Words::new(
            "Every failed probe is reported as a Warning event; the kill that follows is a Normal event (Killing) and a restart later may back off.",
            "每次探测失败都会产生一个 Warning 事件；随后的杀死是 Normal 事件（Killing），之后的重启可能会退避。",
        ),
        Words::new(
            "The first Warning is {answer}: \"Liveness probe failed: HTTP probe failed with statuscode: 500\".",
            "第一个 Warning 是 {answer}：“Liveness probe failed: HTTP probe failed with statuscode: 500”。",
        ),
    ],
};

static Q_POD_IP: Question = Question {
    measure: Measure::PodIp,
    answers: Answers::Choices(&["10.244.1.5", "172.18.0.3", "127.0.0.1"]),
    hint: [
        Words::new(
            "127.0.0.1 is each Pod's own loopback; the node and the Pod have different addresses.",
            "127.0.0.1 是每个 Pod 自己的回环地址；节点和 Pod 的地址并不相同。",
        ),
        Words::new(
            "The node (worker-1) is 172.18.0.3 on the machines' network. CNI gives each Pod an address from its node's Pod range (10.244.1.0/24 on worker-1), and the cluster network routes every Pod IP to its Pod, from any node, without NAT.",
            "节点（worker-1）在机器网络上的地址是 172.18.0.3。CNI 从节点的 Pod 网段（worker-1 上是 10.244.1.0/24）给每个 Pod 分配地址，集群网络把每个 Pod IP 路由到对应的 Pod，任何节点都能直达，不做 NAT。",
        ),
        Words::new(
            "Other Pods connect to {answer}, the Pod's own IP (plus the container's port: 8080).",
            "其他 Pod 连接的是 {answer}，也就是 Pod 自己的 IP（加上容器端口 8080）。",
        ),
    ],
};

static Q_FIRST_FALSE: Question = Question {
    measure: Measure::FirstFalseCondition { secs: 60 },
    answers: Answers::Choices(&[
        "PodScheduled",
        "PodReadyToStartContainers",
        "Initialized",
        "ContainersReady",
    ]),
    hint: [
        Words::new(
            "Walk the conditions in order: which step has initpod really completed?",
            "按顺序看这些状况：initpod 真正完成了哪几步？",
        ),
        Words::new(
            "It is bound to a node (PodScheduled) and its sandbox has an IP (PodReadyToStartContainers), but its init container is still waiting for the k8sbook Service.",
            "它已经绑定到节点（PodScheduled），沙箱也有了 IP（PodReadyToStartContainers），但它的 Init 容器还在等 k8sbook Service。",
        ),
        Words::new(
            "{answer} is the first False: not all init containers have completed, so ContainersReady and Ready are False too.",
            "第一个为 False 的是 {answer}：并非所有 Init 容器都已完成，所以 ContainersReady 和 Ready 也是 False。",
        ),
    ],
};

/// The notes' webapps path and the one the other note uses (the notes disagree: 002 mounts
/// `/root/apache-tomcat-7.0.42/webapps`, 004 `/root/apache-tomcat-7.0.42-v2/webapps`).
const WEBAPPS: &[&str] = &[
    "/root/apache-tomcat-7.0.42/webapps",
    "/root/apache-tomcat-7.0.42-v2/webapps",
];

/// What both javaweb-2 tasks ask of tomcat: the war's volume at the webapps path, and port 8080
/// on the node's port 8001.
const TOMCAT_WEBAPPS: Check = check(C::Mounted {
    container: "tomcat",
    volume: "app-volume",
    paths: WEBAPPS,
});
const TOMCAT_PORT: Check = check(C::Port {
    container: "tomcat",
    container_port: 8080,
    host_port: Some(8001),
});

/// Every task, grouped by lesson.
pub static TASKS: &[Task] = &[
    // ---- pod
    Task {
        id: "explain-restart-policy",
        lesson: "pod",
        kind: TaskKind::Predict,
        title: Words::new(
            "What does the API server store as restartPolicy?",
            "API Server 存下的 restartPolicy 是什么？",
        ),
        start: Start::Example("hello-pod"),
        goal: Goal::Predict(&Q_RESTART_POLICY),
        cluster: Cluster::Default,
        until_secs: 60,
        delete_at_secs: None,
    },
    Task {
        id: "hello-two-containers",
        lesson: "pod",
        kind: TaskKind::MakeItSo,
        title: Words::new(
            "Two containers in hello-pod, both running",
            "hello-pod 里两个容器都在运行",
        ),
        start: Start::Example("hello-pod"),
        goal: Goal::Criteria(&[
            ACCEPTED,
            kept("hello-ctr", Role::App),
            check(C::AppContainers { at_least: 2 }),
            hinted(C::ReadyBy { secs: 60 }, &H_TWO_READY),
        ]),
        cluster: Cluster::Default,
        until_secs: 60,
        delete_at_secs: None,
    },
    // ---- manifests
    Task {
        id: "fix-example-pod",
        lesson: "manifests",
        kind: TaskKind::FixIt,
        title: Words::new(
            "example_pod is refused and never says hello",
            "example_pod 被拒绝，也从不打招呼",
        ),
        start: Start::Example("example-pod"),
        goal: Goal::Criteria(&[
            ACCEPTED,
            hinted(
                C::LogContains {
                    container: None,
                    text: "Hello K8s!",
                    secs: 60,
                },
                &H_EXAMPLE_LOG,
            ),
        ]),
        cluster: Cluster::Default,
        until_secs: 60,
        delete_at_secs: None,
    },
    Task {
        id: "fix-myweb",
        lesson: "manifests",
        kind: TaskKind::FixIt,
        title: Words::new(
            "myweb's two blocks, pasted together, do not parse",
            "myweb 的两段拼在一起后无法解析",
        ),
        start: Start::Example("myweb-joined"),
        goal: Goal::Criteria(&[
            ACCEPTED,
            kept("myweb", Role::App),
            check(C::Env {
                container: "myweb",
                name: "MYSQL_SERVICE_HOST",
                value: "mysql",
            }),
            check(C::Env {
                container: "myweb",
                name: "MYSQL_SERVICE_PORT",
                value: "3306",
            }),
        ]),
        cluster: Cluster::Default,
        until_secs: 30,
        delete_at_secs: None,
    },
    Task {
        id: "fix-javaweb",
        lesson: "manifests",
        kind: TaskKind::FixIt,
        title: Words::new(
            "javaweb-2 is refused by the API server",
            "javaweb-2 被 API Server 拒绝",
        ),
        start: Start::Example("javaweb-2-hostpost"),
        goal: Goal::Criteria(&[
            ACCEPTED,
            kept("war", Role::Init),
            check(C::Mounted {
                container: "war",
                volume: "app-volume",
                paths: &["/app"],
            }),
            kept("tomcat", Role::App),
            TOMCAT_WEBAPPS,
            check(C::EmptyDir {
                volume: "app-volume",
            }),
            TOMCAT_PORT,
        ]),
        cluster: Cluster::Default,
        until_secs: 30,
        delete_at_secs: None,
    },
    Task {
        id: "fix-javaweb-indent",
        lesson: "manifests",
        kind: TaskKind::FixIt,
        title: Words::new(
            "The other javaweb-2: a port that became a mount",
            "另一个 javaweb-2：端口变成了挂载",
        ),
        start: Start::Example("javaweb-2-indent"),
        goal: Goal::Criteria(&[
            ACCEPTED,
            kept("tomcat", Role::App),
            TOMCAT_WEBAPPS,
            TOMCAT_PORT,
        ]),
        cluster: Cluster::Default,
        until_secs: 30,
        delete_at_secs: None,
    },
    // ---- pause
    Task {
        id: "pause-first",
        lesson: "pause",
        kind: TaskKind::Predict,
        title: Words::new("Which container starts first?", "哪个容器最先启动？"),
        start: start!("share-pid.yaml"),
        goal: Goal::Predict(&Q_PAUSE_FIRST),
        cluster: Cluster::Default,
        until_secs: 30,
        delete_at_secs: None,
    },
    Task {
        id: "pause-not-shared",
        lesson: "pause",
        kind: TaskKind::Predict,
        title: Words::new("Which namespace is never shared?", "哪个命名空间从不共享？"),
        start: Start::Example("nginx-shareprocessnamespace"),
        goal: Goal::Predict(&Q_NOT_SHARED),
        cluster: Cluster::Default,
        until_secs: 30,
        delete_at_secs: None,
    },
    Task {
        id: "share-pid",
        lesson: "pause",
        kind: TaskKind::MakeItSo,
        title: Words::new(
            "Let the shell see nginx's processes",
            "让 shell 看到 nginx 的进程",
        ),
        start: start!("share-pid.yaml"),
        goal: Goal::Criteria(&[
            ACCEPTED,
            check(C::Kept {
                name: "nginx",
                role: Role::App,
                command: false,
            }),
            check(C::Kept {
                name: "shell",
                role: Role::App,
                command: false,
            }),
            check(C::SeesProcesses {
                viewer: "shell",
                target: "nginx",
            }),
            check(C::NoHostPid),
        ]),
        cluster: Cluster::Default,
        until_secs: 30,
        delete_at_secs: None,
    },
    // ---- network
    Task {
        id: "network-proxy",
        lesson: "network",
        kind: TaskKind::Predict,
        title: Words::new(
            "What does the client get from localhost:80?",
            "client 从 localhost:80 得到什么？",
        ),
        start: Start::Example("pause-demo"),
        goal: Goal::Predict(&Q_PROXY),
        cluster: Cluster::Default,
        until_secs: 30,
        delete_at_secs: None,
    },
    Task {
        id: "network-port-clash",
        lesson: "network",
        kind: TaskKind::Predict,
        title: Words::new(
            "Two nginx on port 80: which one restarts?",
            "两个 nginx 都用 80 端口：哪个会重启？",
        ),
        start: Start::Example("port-clash"),
        goal: Goal::Predict(&Q_PORT_CLASH),
        cluster: Cluster::Default,
        until_secs: 60,
        delete_at_secs: None,
    },
    Task {
        id: "network-pod-ip",
        lesson: "network",
        kind: TaskKind::Predict,
        title: Words::new(
            "Which address do other Pods use to reach hello-pod?",
            "其他 Pod 用哪个地址访问 hello-pod？",
        ),
        start: Start::Example("hello-pod"),
        goal: Goal::Predict(&Q_POD_IP),
        cluster: Cluster::Default,
        until_secs: 30,
        delete_at_secs: None,
    },
    Task {
        id: "network-hostport",
        lesson: "network",
        kind: TaskKind::MakeItSo,
        title: Words::new(
            "Expose hello-pod on the node's port 8081",
            "把 hello-pod 暴露在节点的 8081 端口",
        ),
        start: Start::Example("hello-pod"),
        goal: Goal::Criteria(&[
            ACCEPTED,
            kept("hello-ctr", Role::App),
            hinted(
                C::Port {
                    container: "hello-ctr",
                    container_port: 8080,
                    host_port: Some(8081),
                },
                &H_HOSTPORT,
            ),
            check(C::ReadyBy { secs: 60 }),
        ]),
        cluster: Cluster::Default,
        until_secs: 60,
        delete_at_secs: None,
    },
    // ---- volumes
    Task {
        id: "volumes-share",
        lesson: "volumes",
        kind: TaskKind::MakeItSo,
        title: Words::new(
            "Let the reader read what the writer writes",
            "让 reader 读到 writer 写的内容",
        ),
        start: start!("share-files.yaml"),
        goal: Goal::Criteria(&[
            ACCEPTED,
            kept("writer", Role::App),
            kept("reader", Role::App),
            hinted(
                C::SharedEmptyDir {
                    a: "writer",
                    b: "reader",
                },
                &H_SHARE_FILES,
            ),
            hinted(
                C::LogContains {
                    container: Some("reader"),
                    text: "hello from writer",
                    secs: 60,
                },
                &H_SHARE_FILES,
            ),
        ]),
        cluster: Cluster::Default,
        until_secs: 60,
        delete_at_secs: None,
    },
    Task {
        id: "volumes-projected",
        lesson: "volumes",
        kind: TaskKind::FixIt,
        title: Words::new(
            "The projected volume of the notes never mounts",
            "笔记里的投射卷一直挂载不上",
        ),
        start: Start::Example("projected-volume"),
        goal: Goal::Criteria(&[
            ACCEPTED,
            kept("test-secret-volume", Role::App),
            check(C::Mounted {
                container: "test-secret-volume",
                volume: "mysql-cred",
                paths: &["/projected-volume"],
            }),
            hinted(
                C::Created {
                    kind: "Secret",
                    name: "user",
                },
                &H_PROJECTED,
            ),
            hinted(
                C::Created {
                    kind: "Secret",
                    name: "pass",
                },
                &H_PROJECTED,
            ),
            hinted(C::ReadyBy { secs: 60 }, &H_PROJECTED),
        ]),
        cluster: Cluster::Default,
        until_secs: 60,
        delete_at_secs: None,
    },
    Task {
        id: "volumes-token",
        lesson: "volumes",
        kind: TaskKind::Predict,
        title: Words::new(
            "Where is the service-account token mounted?",
            "服务账号令牌挂载在哪里？",
        ),
        start: Start::Example("hello-pod"),
        goal: Goal::Predict(&Q_TOKEN),
        cluster: Cluster::Default,
        until_secs: 30,
        delete_at_secs: None,
    },
    // ---- init
    Task {
        id: "init-order",
        lesson: "init",
        kind: TaskKind::Predict,
        title: Words::new(
            "war or tomcat: which starts first?",
            "war 还是 tomcat：哪个先启动？",
        ),
        start: Start::Example("javaweb-2-fixed"),
        goal: Goal::Predict(&Q_INIT_ORDER),
        cluster: Cluster::Default,
        until_secs: 60,
        delete_at_secs: None,
    },
    Task {
        id: "init-service",
        lesson: "init",
        kind: TaskKind::FixIt,
        title: Words::new("initpod waits forever", "initpod 永远在等待"),
        start: Start::Example("initpod"),
        goal: Goal::Criteria(&[
            ACCEPTED,
            kept("init-ctr", Role::Init),
            hinted(
                C::Created {
                    kind: "Service",
                    name: "k8sbook",
                },
                &H_INIT_SERVICE,
            ),
            hinted(
                C::RunningAfterInit {
                    init: "init-ctr",
                    secs: 120,
                },
                &H_INIT_SERVICE,
            ),
        ]),
        cluster: Cluster::Default,
        until_secs: 120,
        delete_at_secs: None,
    },
    Task {
        id: "sidecar-native",
        lesson: "init",
        kind: TaskKind::FixIt,
        title: Words::new(
            "The app never starts behind its log shipper",
            "应用被日志收集器挡住，永远启动不了",
        ),
        start: start!("sidecar-blocking.yaml"),
        goal: Goal::Criteria(&[
            ACCEPTED,
            kept("logshipper", Role::Init),
            kept("myapp", Role::App),
            hinted(C::NativeSidecar { name: "logshipper" }, &H_SIDECAR),
            hinted(
                C::RunningTogether {
                    a: "logshipper",
                    b: "myapp",
                    secs: 30,
                },
                &H_SIDECAR,
            ),
        ]),
        cluster: Cluster::Default,
        until_secs: 30,
        delete_at_secs: None,
    },
    // ---- probes
    Task {
        id: "liveness-failures",
        lesson: "probes",
        kind: TaskKind::Predict,
        title: Words::new(
            "How many failed probes before the kill?",
            "被杀之前失败了几次探测？",
        ),
        start: Start::Example("liveness-exec"),
        goal: Goal::Predict(&Q_FAILURES),
        cluster: Cluster::Default,
        until_secs: 90,
        delete_at_secs: None,
    },
    Task {
        id: "liveness-fast",
        lesson: "probes",
        kind: TaskKind::MakeItSo,
        title: Words::new(
            "Notice the missing file within 10 s",
            "在 10 秒内发现文件不见了",
        ),
        start: Start::Example("liveness-exec"),
        goal: Goal::Criteria(&[
            ACCEPTED,
            kept("liveness", Role::App),
            check(C::HasProbe {
                container: "liveness",
                kind: ProbeKind::Liveness,
            }),
            check(C::NotKilledBefore {
                container: "liveness",
                secs: 30,
            }),
            hinted(
                C::LivenessKillBy {
                    container: "liveness",
                    secs: 40,
                },
                &H_LIVENESS_FAST,
            ),
        ]),
        cluster: Cluster::Default,
        until_secs: 90,
        delete_at_secs: None,
    },
    Task {
        id: "readiness-path",
        lesson: "probes",
        kind: TaskKind::FixIt,
        title: Words::new(
            "nginx runs but is never Ready",
            "nginx 在运行，却永远不 Ready",
        ),
        start: start!("readiness-path.yaml"),
        goal: Goal::Criteria(&[
            ACCEPTED,
            kept("web", Role::App),
            check(C::HasProbe {
                container: "web",
                kind: ProbeKind::Readiness,
            }),
            hinted(C::ReadyBy { secs: 60 }, &H_READINESS_PATH),
        ]),
        cluster: Cluster::Default,
        until_secs: 60,
        delete_at_secs: None,
    },
    Task {
        id: "slow-start",
        lesson: "probes",
        kind: TaskKind::FixIt,
        title: Words::new(
            "A slow app killed before it starts",
            "启动慢的应用还没启动就被杀掉",
        ),
        start: start!("slow-start.yaml"),
        goal: Goal::Criteria(&[
            ACCEPTED,
            kept("app", Role::App),
            check(C::ProbeKept {
                container: "app",
                kind: ProbeKind::Liveness,
            }),
            hinted(C::NoRestarts { secs: 300 }, &H_SLOW_START),
            hinted(C::ReadyAtEnd, &H_SLOW_START),
        ]),
        cluster: Cluster::Default,
        until_secs: 300,
        delete_at_secs: None,
    },
    // ---- restarts
    Task {
        id: "crashloop-phase",
        lesson: "restarts",
        kind: TaskKind::Predict,
        title: Words::new("Which phase at 12 s?", "第 12 秒时是哪个阶段？"),
        start: Start::Example("crashloop"),
        goal: Goal::Predict(&Q_CRASH_PHASE),
        cluster: Cluster::Default,
        until_secs: 30,
        delete_at_secs: None,
    },
    Task {
        id: "crashloop-restarts",
        lesson: "restarts",
        kind: TaskKind::Predict,
        title: Words::new(
            "What will RESTARTS be at 90 s?",
            "第 90 秒时 RESTARTS 是多少？",
        ),
        start: Start::Example("crashloop"),
        goal: Goal::Predict(&Q_CRASH_RESTARTS),
        cluster: Cluster::Default,
        until_secs: 90,
        delete_at_secs: None,
    },
    Task {
        id: "restart-never",
        lesson: "restarts",
        kind: TaskKind::MakeItSo,
        title: Words::new(
            "Stop for good after the first failure",
            "第一次失败后就彻底停下",
        ),
        start: Start::Example("crashloop"),
        goal: Goal::Criteria(&[
            ACCEPTED,
            kept("app", Role::App),
            hinted(
                C::PhaseBy {
                    phase: Phase::Failed,
                    secs: 30,
                },
                &H_RESTART_NEVER,
            ),
            hinted(C::NoRestarts { secs: 120 }, &H_RESTART_NEVER),
        ]),
        cluster: Cluster::Default,
        until_secs: 120,
        delete_at_secs: None,
    },
    // ---- hooks
    Task {
        id: "hooks-complete",
        lesson: "hooks",
        kind: TaskKind::FixIt,
        title: Words::new(
            "Run the notes' hooks in a whole Pod",
            "让笔记里的钩子在完整的 Pod 里运行",
        ),
        start: Start::Example("lifecycle-fragment"),
        goal: Goal::Criteria(&[
            hinted(C::Accepted, &H_HOOKS_RUN),
            kept("lifecycle-demo-container", Role::App),
            check(C::HooksKept {
                container: "lifecycle-demo-container",
            }),
            check(C::PostStartOk {
                container: "lifecycle-demo-container",
                secs: 30,
            }),
            check(C::ReadyBy { secs: 30 }),
        ]),
        cluster: Cluster::Default,
        until_secs: 30,
        delete_at_secs: None,
    },
    Task {
        id: "termination-grace",
        lesson: "hooks",
        kind: TaskKind::Predict,
        title: Words::new(
            "Deleted at 60 s: how long until it is gone?",
            "第 60 秒删除：多久之后才消失？",
        ),
        start: start!("termination.yaml"),
        goal: Goal::Predict(&Q_GRACE),
        cluster: Cluster::Default,
        until_secs: 120,
        delete_at_secs: Some(60),
    },
    // ---- resources
    Task {
        id: "qos-mysql",
        lesson: "resources",
        kind: TaskKind::Predict,
        title: Words::new(
            "Which QoS class does the mysql Pod get?",
            "mysql Pod 属于哪个 QoS 类别？",
        ),
        start: Start::Example("mysql-pod"),
        goal: Goal::Predict(&Q_QOS_MYSQL),
        cluster: Cluster::Default,
        until_secs: 30,
        delete_at_secs: None,
    },
    Task {
        id: "oom-fix",
        lesson: "resources",
        kind: TaskKind::FixIt,
        title: Words::new("stress keeps being OOMKilled", "stress 不断被 OOMKilled"),
        start: Start::Example("oom-killed"),
        goal: Goal::Criteria(&[
            ACCEPTED,
            kept("memory-demo-2-ctr", Role::App),
            check(C::MemoryLimit {
                container: "memory-demo-2-ctr",
            }),
            hinted(C::NoOom { secs: 120 }, &H_OOM),
            hinted(C::NoRestarts { secs: 120 }, &H_OOM),
        ]),
        cluster: Cluster::Default,
        until_secs: 120,
        delete_at_secs: None,
    },
    Task {
        id: "guaranteed",
        lesson: "resources",
        kind: TaskKind::MakeItSo,
        title: Words::new("Make qos-demo Guaranteed", "让 qos-demo 成为 Guaranteed"),
        start: start!("guaranteed.yaml"),
        goal: Goal::Criteria(&[
            ACCEPTED,
            kept("setup", Role::Init),
            kept("app", Role::App),
            hinted(C::Qos(QosClass::Guaranteed), &H_GUARANTEED),
        ]),
        cluster: Cluster::Default,
        until_secs: 30,
        delete_at_secs: None,
    },
    // ---- scheduling
    Task {
        id: "schedule-pending",
        lesson: "scheduling",
        kind: TaskKind::Predict,
        title: Words::new(
            "A Pod that wants an SSD, in a cluster without one",
            "想要 SSD 的 Pod，在一个没有 SSD 的集群里",
        ),
        start: Start::Example("nodeselector-pod"),
        goal: Goal::Predict(&Q_PENDING),
        cluster: Cluster::Default,
        until_secs: 60,
        delete_at_secs: None,
    },
    Task {
        id: "schedule-ssd",
        lesson: "scheduling",
        kind: TaskKind::MakeItSo,
        title: Words::new(
            "Run fast-web on the node with the SSD",
            "让 fast-web 运行在带 SSD 的节点上",
        ),
        start: start!("schedule-ssd.yaml"),
        goal: Goal::Criteria(&[
            ACCEPTED,
            kept("web", Role::App),
            hinted(C::OnNode { node: "node-b" }, &H_SSD),
        ]),
        cluster: Cluster::DiskTypes,
        until_secs: 60,
        delete_at_secs: None,
    },
    Task {
        id: "hostaliases",
        lesson: "scheduling",
        kind: TaskKind::MakeItSo,
        title: Words::new(
            "foo.remote and bar.remote in /etc/hosts",
            "让 /etc/hosts 里有 foo.remote 和 bar.remote",
        ),
        start: start!("hostaliases.yaml"),
        goal: Goal::Criteria(&[
            ACCEPTED,
            kept("app", Role::App),
            hinted(
                C::HostsMap {
                    names: &["foo.remote", "bar.remote"],
                    ip: "10.1.2.3",
                },
                &H_HOSTALIASES,
            ),
        ]),
        cluster: Cluster::Default,
        until_secs: 30,
        delete_at_secs: None,
    },
    // ---- flow
    Task {
        id: "flow-after-etcd",
        lesson: "flow",
        kind: TaskKind::Predict,
        title: Words::new("After etcd, who acts next?", "etcd 之后，谁接着行动？"),
        start: Start::Example("hello-pod"),
        goal: Goal::Predict(&Q_AFTER_ETCD),
        cluster: Cluster::Default,
        until_secs: 30,
        delete_at_secs: None,
    },
    Task {
        id: "flow-ip",
        lesson: "flow",
        kind: TaskKind::Predict,
        title: Words::new("Who gives the Pod its IP?", "谁给 Pod 分配 IP？"),
        start: Start::Example("hello-pod"),
        goal: Goal::Predict(&Q_IP),
        cluster: Cluster::Default,
        until_secs: 30,
        delete_at_secs: None,
    },
    // ---- status
    Task {
        id: "status-initpod",
        lesson: "status",
        kind: TaskKind::Predict,
        title: Words::new(
            "initpod alone: what does STATUS say at 60 s?",
            "单独的 initpod：第 60 秒时 STATUS 显示什么？",
        ),
        start: Start::Example("initpod"),
        goal: Goal::Predict(&Q_INITPOD_STATUS),
        cluster: Cluster::Default,
        until_secs: 60,
        delete_at_secs: None,
    },
    Task {
        id: "status-conditions",
        lesson: "status",
        kind: TaskKind::Predict,
        title: Words::new(
            "initpod alone: the first condition that is False",
            "单独的 initpod：第一个为 False 的状况",
        ),
        start: Start::Example("initpod"),
        goal: Goal::Predict(&Q_FIRST_FALSE),
        cluster: Cluster::Default,
        until_secs: 60,
        delete_at_secs: None,
    },
    Task {
        id: "status-first-warning",
        lesson: "status",
        kind: TaskKind::Predict,
        title: Words::new(
            "liveness-http: the first Warning event",
            "liveness-http：第一个 Warning 事件",
        ),
        start: Start::Example("liveness-http"),
        goal: Goal::Predict(&Q_FIRST_WARNING),
        cluster: Cluster::Default,
        until_secs: 60,
        delete_at_secs: None,
    },
];

/// The lessons in order.
pub fn lessons() -> &'static [Lesson] {
    LESSONS
}

pub fn lesson(id: &str) -> Option<&'static Lesson> {
    LESSONS.iter().find(|l| l.id == id)
}

/// Every task, in course order.
pub fn tasks() -> impl Iterator<Item = &'static Task> {
    LESSONS
        .iter()
        .flat_map(|l| l.tasks.iter())
        .filter_map(|id| task(id))
}

pub fn task(id: &str) -> Option<&'static Task> {
    TASKS.iter().find(|t| t.id == id)
}

impl Task {
    /// The text the task starts from.
    pub fn start_text(&self) -> &'static str {
        match self.start {
            Start::Text(text) => text,
            Start::Example(id) => crate::examples::by_id(id).map(|e| e.source).unwrap_or(""),
        }
    }
}

/// The cluster of [`Cluster::DiskTypes`]: the default control plane and two of its workers,
/// renamed `node-a` (label `disktype=hdd`) and `node-b` (`disktype=ssd`).
pub fn disktype_cluster() -> Vec<NodeInfo> {
    let mut nodes = crate::sim::default_cluster();
    nodes.truncate(3);
    for (n, (name, disk)) in nodes
        .iter_mut()
        .skip(1)
        .zip([("node-a", "hdd"), ("node-b", "ssd")])
    {
        n.name = name.to_string();
        for (k, v) in n.labels.iter_mut() {
            if k == "kubernetes.io/hostname" {
                *v = name.to_string();
            }
        }
        n.labels.push(("disktype".to_string(), disk.to_string()));
        crate::sort::sort(&mut n.labels);
    }
    nodes
}
