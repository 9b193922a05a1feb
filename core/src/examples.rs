//! The example manifests the playground offers (the gallery), each with a one-line description in
//! both languages, where it comes from, and what state it is in.
//!
//! - Every manifest of the study notes is here byte for byte, taken from the seed fixtures
//!   (`tests/fixtures/seeds/`, see `SOURCES.md` there), mistakes included: the validator explains
//!   them, and the description says they are there.
//! - Where a note's manifest is a fragment or has mistakes, a completed or fixed version written
//!   for the playground follows it ([`Origin::Completed`]), naming the seed it completes.
//! - Concept examples ([`Origin::Concept`]) each show one behaviour of a Pod.
//!
//! Our own manifests live in `examples/*.yaml` beside this file.

use crate::diag::Lang;

/// A sentence in English and Simplified Chinese, as static data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Words {
    pub en: &'static str,
    pub zh: &'static str,
}

impl Words {
    pub const fn new(en: &'static str, zh: &'static str) -> Words {
        Words { en, zh }
    }

    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }
}

/// The gallery's sections, in display order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    /// A first Pod: one container, labels, ports, env, resources.
    FirstPods,
    /// Several containers in one Pod: init containers, sidecars, shared volumes and namespaces.
    MultiContainer,
    /// Pod fields: scheduling, hosts, lifecycle hooks, projected and downward API volumes.
    PodFields,
    /// Liveness probes and what they restart.
    Health,
    /// One concept each, written for the playground.
    Concepts,
}

impl Group {
    pub const ALL: [Group; 5] = [
        Group::FirstPods,
        Group::MultiContainer,
        Group::PodFields,
        Group::Health,
        Group::Concepts,
    ];

    /// A stable id (for tests and element ids).
    pub fn id(self) -> &'static str {
        match self {
            Group::FirstPods => "first-pods",
            Group::MultiContainer => "multi-container",
            Group::PodFields => "pod-fields",
            Group::Health => "health",
            Group::Concepts => "concepts",
        }
    }

    pub fn title(self) -> Words {
        match self {
            Group::FirstPods => Words::new("First Pods", "第一个 Pod"),
            Group::MultiContainer => {
                Words::new("Several containers in one Pod", "一个 Pod 里的多个容器")
            }
            Group::PodFields => Words::new(
                "Pod fields: scheduling, hooks, volumes",
                "Pod 字段：调度、钩子、卷",
            ),
            Group::Health => Words::new("Health checks", "健康检查"),
            Group::Concepts => Words::new("One concept each", "每例一个概念"),
        }
    }
}

/// Where an example comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A manifest of the study notes, byte for byte. `note` is the note's file under the
    /// project's seeds, `fixture` the copy in `tests/fixtures/seeds/`.
    Seed {
        note: &'static str,
        fixture: &'static str,
    },
    /// Written for the playground to complete or fix the note's manifest in `fixture` (`None`
    /// when what the note shows is not a manifest, e.g. `docker run` commands).
    Completed {
        note: &'static str,
        fixture: Option<&'static str>,
    },
    /// Written for the playground to show one concept.
    Concept,
}

impl Origin {
    /// The study note the example comes from, if any.
    pub fn note(self) -> Option<&'static str> {
        match self {
            Origin::Seed { note, .. } | Origin::Completed { note, .. } => Some(note),
            Origin::Concept => None,
        }
    }
}

/// What the API server makes of an example.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Every object of the stream is accepted.
    Valid,
    /// Kept as the note wrote it, with its mistakes: the playground reports them.
    Mistakes,
    /// A piece of a manifest (no `apiVersion`/`kind`), as the note shows it.
    Fragment,
}

pub struct Example {
    /// Stable id (used in URLs, tests and element ids).
    pub id: &'static str,
    pub title: Words,
    /// One line, in English and Chinese.
    pub description: Words,
    pub source: &'static str,
    pub origin: Origin,
    pub group: Group,
    pub status: Status,
}

impl Example {
    /// The study note (file under the project's seeds) the manifest comes from, if any.
    pub fn seed(&self) -> Option<&'static str> {
        self.origin.note()
    }
}

const NOTE0: &str = "000_a73532b916798c3c.txt";
const NOTE1: &str = "001_0154c1548a304480.txt";
const NOTE2: &str = "002_4466730929822216.txt";
const NOTE3: &str = "003_b4324fe0a5d78212.txt";
const NOTE4: &str = "004_e91bdb508baf7a21.txt";

macro_rules! seed {
    ($file:literal) => {
        include_str!(concat!("../tests/fixtures/seeds/", $file))
    };
}

macro_rules! ours {
    ($file:literal) => {
        include_str!(concat!("examples/", $file))
    };
}

/// The example loaded on a first visit: the first manifest of the first study note.
pub static DEFAULT: Example = HELLO_POD;

const HELLO_POD: Example = Example {
    id: "hello-pod",
    title: Words::new("hello-pod", "hello-pod"),
    description: Words::new(
        "The smallest useful Pod: one container listening on port 8080, with labels.",
        "最小的实用 Pod：一个监听 8080 端口的容器，带有标签。",
    ),
    source: seed!("hello-pod.yaml"),
    origin: Origin::Seed {
        note: NOTE0,
        fixture: "hello-pod.yaml",
    },
    group: Group::FirstPods,
    status: Status::Valid,
};

/// The initpod Pod and the k8sbook Service it waits for, as one stream (both byte for byte).
const INITPOD_WITH_SERVICE: &str = concat!(
    seed!("initpod.yaml"),
    "---\n",
    seed!("k8sbook-service.yaml")
);

/// Every example, grouped ([`Group`] order) and in the notes' order within a group.
pub static ALL: &[Example] = &[
    // ---- First Pods
    HELLO_POD,
    Example {
        id: "myweb",
        title: Words::new("myweb", "myweb"),
        description: Words::new(
            "Tomcat web app, as the note's first block shows it: the env list stops after the first name (the rest is a separate block).",
            "Tomcat Web 应用，和笔记第一段一样：env 列表在第一个 name 之后就断了（其余部分在另一段里）。",
        ),
        source: seed!("myweb.yaml"),
        origin: Origin::Seed { note: NOTE1, fixture: "myweb.yaml" },
        group: Group::FirstPods,
        status: Status::Valid,
    },
    Example {
        id: "myweb-env-fragment",
        title: Words::new("myweb: the env fragment", "myweb：env 片段"),
        description: Words::new(
            "The note's second block on its own: the rest of the env list, lost its indentation — not valid YAML.",
            "笔记的第二段单独成文：env 列表的剩余部分，缩进丢了——不是合法的 YAML。",
        ),
        source: seed!("myweb-env-fragment.yaml"),
        origin: Origin::Seed { note: NOTE1, fixture: "myweb-env-fragment.yaml" },
        group: Group::FirstPods,
        status: Status::Fragment,
    },
    Example {
        id: "myweb-joined",
        title: Words::new("myweb: both blocks pasted together", "myweb：两段拼在一起"),
        description: Words::new(
            "The note's two blocks pasted as one, mistakes kept: the env entries start at column 0, which YAML cannot read.",
            "把笔记的两段原样拼在一起（保留错误）：env 条目从第 0 列开始，YAML 无法解析。",
        ),
        source: seed!("myweb-joined.yaml"),
        origin: Origin::Seed { note: NOTE1, fixture: "myweb-joined.yaml" },
        group: Group::FirstPods,
        status: Status::Mistakes,
    },
    Example {
        id: "myweb-complete",
        title: Words::new("myweb, completed", "myweb（补全版）"),
        description: Words::new(
            "myweb with both env vars (MYSQL_SERVICE_HOST and MYSQL_SERVICE_PORT) correctly indented.",
            "补全的 myweb：两个环境变量（MYSQL_SERVICE_HOST 和 MYSQL_SERVICE_PORT）缩进正确。",
        ),
        source: ours!("myweb-complete.yaml"),
        origin: Origin::Completed { note: NOTE1, fixture: Some("myweb-joined.yaml") },
        group: Group::FirstPods,
        status: Status::Valid,
    },
    Example {
        id: "mysql-resources-fragment",
        title: Words::new("mysql: resources fragment", "mysql：resources 片段"),
        description: Words::new(
            "Requests and limits for a mysql container, as the note shows them: only `spec`, no apiVersion, kind or name.",
            "mysql 容器的 requests 和 limits，和笔记一样只有 `spec`：没有 apiVersion、kind 和名称。",
        ),
        source: seed!("mysql-resources-fragment.yaml"),
        origin: Origin::Seed { note: NOTE1, fixture: "mysql-resources-fragment.yaml" },
        group: Group::FirstPods,
        status: Status::Fragment,
    },
    Example {
        id: "mysql-pod",
        title: Words::new("mysql Pod with resources", "带 resources 的 mysql Pod"),
        description: Words::new(
            "The resources fragment as a whole Pod. The mysql image will not start without MYSQL_ROOT_PASSWORD (or another MYSQL_* password variable), so the Pod sets it.",
            "把 resources 片段补成完整的 Pod。mysql 镜像没有 MYSQL_ROOT_PASSWORD（或其他 MYSQL_* 密码变量）就不会启动，所以这里设置了它。",
        ),
        source: ours!("mysql-pod.yaml"),
        origin: Origin::Completed { note: NOTE1, fixture: Some("mysql-resources-fragment.yaml") },
        group: Group::FirstPods,
        status: Status::Valid,
    },
    Example {
        id: "example-pod",
        title: Words::new("example_pod", "example_pod"),
        description: Words::new(
            "As written in the note, mistakes kept: underscores in the Pod and container names, and `sh c` where `sh -c` was meant.",
            "笔记原文（保留错误）：Pod 名和容器名里有下划线，而且把 `sh -c` 写成了 `sh c`。",
        ),
        source: seed!("example-pod.yaml"),
        origin: Origin::Seed { note: NOTE3, fixture: "example-pod.yaml" },
        group: Group::FirstPods,
        status: Status::Mistakes,
    },
    // ---- Several containers in one Pod
    Example {
        id: "initpod",
        title: Words::new("initpod", "initpod"),
        description: Words::new(
            "An init container that waits until the k8sbook Service resolves, then the web container starts. Alone, it waits forever.",
            "Init 容器一直等到 k8sbook Service 能被解析，然后 Web 容器才启动。单独运行时它会永远等下去。",
        ),
        source: seed!("initpod.yaml"),
        origin: Origin::Seed { note: NOTE0, fixture: "initpod.yaml" },
        group: Group::MultiContainer,
        status: Status::Valid,
    },
    Example {
        id: "k8sbook-service",
        title: Words::new("k8sbook Service", "k8sbook Service"),
        description: Words::new(
            "The ClusterIP Service initpod waits for: it selects Pods labelled app=initializer.",
            "initpod 等待的 ClusterIP Service：选择带有 app=initializer 标签的 Pod。",
        ),
        source: seed!("k8sbook-service.yaml"),
        origin: Origin::Seed { note: NOTE0, fixture: "k8sbook-service.yaml" },
        group: Group::MultiContainer,
        status: Status::Valid,
    },
    Example {
        id: "initpod-with-service",
        title: Words::new("initpod + k8sbook Service", "initpod + k8sbook Service"),
        description: Words::new(
            "The note's two manifests in one stream: the Service exists, so the init container finds it and the Pod starts.",
            "把笔记里的两个清单放进同一个流：Service 存在，Init 容器找得到它，Pod 就能启动。",
        ),
        source: INITPOD_WITH_SERVICE,
        origin: Origin::Completed { note: NOTE0, fixture: Some("initpod.yaml") },
        group: Group::MultiContainer,
        status: Status::Valid,
    },
    Example {
        id: "git-sync",
        title: Words::new("git-sync sidecar + Service", "git-sync 边车 + Service"),
        description: Words::new(
            "nginx serves what a git-sync sidecar pulls into a shared emptyDir volume; a LoadBalancer Service in front.",
            "nginx 提供 git-sync 边车拉取到共享 emptyDir 卷里的内容；前面有一个 LoadBalancer Service。",
        ),
        source: seed!("git-sync.yaml"),
        origin: Origin::Seed { note: NOTE0, fixture: "git-sync.yaml" },
        group: Group::MultiContainer,
        status: Status::Valid,
    },
    Example {
        id: "pause-demo",
        title: Words::new("Two nginx and the pause container", "两个 nginx 与 pause 容器"),
        description: Words::new(
            "The note's docker pause demo as a Pod: a proxy nginx on port 80 passes to a second nginx on 8000 over localhost; configs from a ConfigMap; a client curls localhost:80.",
            "把笔记里用 docker 演示 pause 容器的例子改写成 Pod：80 端口的代理 nginx 通过 localhost 转发给 8000 端口的另一个 nginx；配置来自 ConfigMap；客户端容器不断 curl localhost:80。",
        ),
        source: ours!("pause-demo.yaml"),
        origin: Origin::Completed { note: NOTE1, fixture: None },
        group: Group::MultiContainer,
        status: Status::Valid,
    },
    Example {
        id: "javaweb-2-hostpost",
        title: Words::new("javaweb-2 (hostPost)", "javaweb-2（hostPost）"),
        description: Words::new(
            "An init container copies a WAR into an emptyDir that Tomcat serves. Mistake kept: `hostPost` instead of `hostPort`.",
            "Init 容器把 WAR 包复制到 emptyDir，由 Tomcat 提供服务。保留了错误：把 `hostPort` 写成了 `hostPost`。",
        ),
        source: seed!("javaweb-2-hostpost.yaml"),
        origin: Origin::Seed { note: NOTE2, fixture: "javaweb-2-hostpost.yaml" },
        group: Group::MultiContainer,
        status: Status::Mistakes,
    },
    Example {
        id: "javaweb-2-indent",
        title: Words::new("javaweb-2 (indentation)", "javaweb-2（缩进错误）"),
        description: Words::new(
            "The same Pod from another note. Mistake kept: `ports:` is indented into the volume mount, so the port becomes a second, empty mount.",
            "另一篇笔记里的同一个 Pod。保留了错误：`ports:` 缩进到了卷挂载里，端口变成了第二个空的挂载。",
        ),
        source: seed!("javaweb-2-indent.yaml"),
        origin: Origin::Seed { note: NOTE4, fixture: "javaweb-2-indent.yaml" },
        group: Group::MultiContainer,
        status: Status::Mistakes,
    },
    Example {
        id: "javaweb-2-fixed",
        title: Words::new("javaweb-2, fixed", "javaweb-2（修正版）"),
        description: Words::new(
            "javaweb-2 with `ports` back under the container and `hostPort` spelled right.",
            "修正后的 javaweb-2：`ports` 回到容器下面，`hostPort` 拼写正确。",
        ),
        source: ours!("javaweb-2-fixed.yaml"),
        origin: Origin::Completed { note: NOTE4, fixture: Some("javaweb-2-indent.yaml") },
        group: Group::MultiContainer,
        status: Status::Valid,
    },
    Example {
        id: "nginx-shareprocessnamespace",
        title: Words::new("shareProcessNamespace", "shareProcessNamespace"),
        description: Words::new(
            "nginx and a busybox shell in one PID namespace: `ps` in the shell shows nginx's processes.",
            "nginx 和 busybox shell 共享一个 PID 命名空间：在 shell 里 `ps` 能看到 nginx 的进程。",
        ),
        source: seed!("nginx-shareprocessnamespace.yaml"),
        origin: Origin::Seed { note: NOTE4, fixture: "nginx-shareprocessnamespace.yaml" },
        group: Group::MultiContainer,
        status: Status::Valid,
    },
    // ---- Pod fields
    Example {
        id: "nodeselector-fragment",
        title: Words::new("nodeSelector: fragment", "nodeSelector：片段"),
        description: Words::new(
            "As the note shows it, mistake kept: `disktype: ssd` is not indented under `nodeSelector`, so it lands in `spec`.",
            "笔记原文（保留错误）：`disktype: ssd` 没有缩进到 `nodeSelector` 下面，于是落在了 `spec` 里。",
        ),
        source: seed!("nodeselector-fragment.yaml"),
        origin: Origin::Seed { note: NOTE2, fixture: "nodeselector-fragment.yaml" },
        group: Group::PodFields,
        status: Status::Fragment,
    },
    Example {
        id: "nodeselector-pod",
        title: Words::new("nodeSelector Pod", "nodeSelector Pod"),
        description: Words::new(
            "A whole Pod that asks for a node labelled disktype=ssd. It will not schedule: no node has that label, so it stays Pending.",
            "一个要求节点带有 disktype=ssd 标签的完整 Pod。它无法被调度：没有节点有这个标签，所以一直是 Pending。",
        ),
        source: ours!("nodeselector-pod.yaml"),
        origin: Origin::Completed { note: NOTE2, fixture: Some("nodeselector-fragment.yaml") },
        group: Group::PodFields,
        status: Status::Valid,
    },
    Example {
        id: "hostaliases-fragment",
        title: Words::new("hostAliases: fragment", "hostAliases：片段"),
        description: Words::new(
            "As the note shows it, mistake kept: the field is `hostnames`, not `hostNames`.",
            "笔记原文（保留错误）：字段名是 `hostnames`，不是 `hostNames`。",
        ),
        source: seed!("hostaliases-fragment.yaml"),
        origin: Origin::Seed { note: NOTE2, fixture: "hostaliases-fragment.yaml" },
        group: Group::PodFields,
        status: Status::Fragment,
    },
    Example {
        id: "hostaliases-pod",
        title: Words::new("hostAliases Pod", "hostAliases Pod"),
        description: Words::new(
            "A whole Pod whose /etc/hosts gets extra entries from hostAliases; the container prints the file.",
            "一个完整的 Pod：hostAliases 往 /etc/hosts 里加条目，容器把这个文件打印出来。",
        ),
        source: ours!("hostaliases-pod.yaml"),
        origin: Origin::Completed { note: NOTE2, fixture: Some("hostaliases-fragment.yaml") },
        group: Group::PodFields,
        status: Status::Valid,
    },
    Example {
        id: "lifecycle-fragment",
        title: Words::new("Lifecycle hooks: fragment", "生命周期钩子：片段"),
        description: Words::new(
            "postStart and preStop hooks on an nginx container, as the note shows them: only `spec`.",
            "nginx 容器上的 postStart 和 preStop 钩子，和笔记一样只有 `spec`。",
        ),
        source: seed!("lifecycle-fragment.yaml"),
        origin: Origin::Seed { note: NOTE2, fixture: "lifecycle-fragment.yaml" },
        group: Group::PodFields,
        status: Status::Fragment,
    },
    Example {
        id: "lifecycle-pod",
        title: Words::new("Lifecycle hooks Pod", "生命周期钩子 Pod"),
        description: Words::new(
            "The hooks in a whole Pod: postStart writes a file right after the container starts; preStop quits nginx gracefully.",
            "完整 Pod 里的钩子：postStart 在容器启动后立刻写一个文件；preStop 让 nginx 优雅退出。",
        ),
        source: ours!("lifecycle-pod.yaml"),
        origin: Origin::Completed { note: NOTE2, fixture: Some("lifecycle-fragment.yaml") },
        group: Group::PodFields,
        status: Status::Valid,
    },
    Example {
        id: "projected-volume",
        title: Words::new("Projected volume", "投射卷"),
        description: Words::new(
            "Two Secrets projected into one directory. As in the note, followed by two `kubectl create secret` shell lines, which are not YAML.",
            "把两个 Secret 投射到同一个目录。和笔记一样，后面跟着两行 `kubectl create secret` 命令，它们不是 YAML。",
        ),
        source: seed!("projected-volume.yaml"),
        origin: Origin::Seed { note: NOTE2, fixture: "projected-volume.yaml" },
        group: Group::PodFields,
        status: Status::Mistakes,
    },
    Example {
        id: "projected-volume-secrets",
        title: Words::new("Projected volume + its Secrets", "投射卷 + 它的 Secret"),
        description: Words::new(
            "The Pod with the Secrets `user` and `pass` as objects in the same stream, instead of the kubectl commands.",
            "Pod 和它用到的 Secret `user`、`pass` 放在同一个流里，代替 kubectl 命令。",
        ),
        source: ours!("projected-volume-secrets.yaml"),
        origin: Origin::Completed { note: NOTE2, fixture: Some("projected-volume.yaml") },
        group: Group::PodFields,
        status: Status::Valid,
    },
    Example {
        id: "downwardapi-volume",
        title: Words::new("Downward API volume", "Downward API 卷"),
        description: Words::new(
            "The Pod's own labels and annotations as files; the container prints them every 5 seconds.",
            "把 Pod 自己的标签和注解变成文件；容器每 5 秒打印一次。",
        ),
        source: seed!("downwardapi-volume.yaml"),
        origin: Origin::Seed { note: NOTE2, fixture: "downwardapi-volume.yaml" },
        group: Group::PodFields,
        status: Status::Valid,
    },
    // ---- Health checks
    Example {
        id: "liveness-exec",
        title: Words::new("Liveness probe (exec)", "存活探针（exec）"),
        description: Words::new(
            "The probe reads /tmp/healthy; the file is removed after 30 s, the probe fails three times, and the kubelet restarts the container.",
            "探针读取 /tmp/healthy；30 秒后文件被删除，探针连续失败三次，kubelet 重启容器。",
        ),
        source: seed!("liveness-exec.yaml"),
        origin: Origin::Seed { note: NOTE2, fixture: "liveness-exec.yaml" },
        group: Group::Health,
        status: Status::Valid,
    },
    Example {
        id: "liveness-http",
        title: Words::new("Liveness probe (HTTP)", "存活探针（HTTP）"),
        description: Words::new(
            "The test server answers /healthz with 200 for 10 seconds, then 500: the probe fails and the container is restarted.",
            "测试服务器的 /healthz 前 10 秒返回 200，之后返回 500：探针失败，容器被重启。",
        ),
        source: seed!("liveness-http.yaml"),
        origin: Origin::Seed { note: NOTE2, fixture: "liveness-http.yaml" },
        group: Group::Health,
        status: Status::Valid,
    },
    // ---- Concepts
    Example {
        id: "port-clash",
        title: Words::new("Port clash in one Pod", "同一 Pod 内端口冲突"),
        description: Words::new(
            "Two nginx both on port 80. The API server accepts it, but containers share the Pod's network: the second cannot bind and crash-loops.",
            "两个 nginx 都用 80 端口。API Server 接受它，但容器共享 Pod 的网络：第二个绑定失败，反复崩溃。",
        ),
        source: ours!("port-clash.yaml"),
        origin: Origin::Concept,
        group: Group::Concepts,
        status: Status::Valid,
    },
    Example {
        id: "oom-killed",
        title: Words::new("OOMKilled", "OOMKilled"),
        description: Words::new(
            "stress allocates 250M under a 100Mi memory limit (from the Kubernetes docs): killed with exit code 137, reason OOMKilled.",
            "stress 在 100Mi 内存上限下申请 250M（来自 Kubernetes 文档）：被杀死，退出码 137，原因 OOMKilled。",
        ),
        source: ours!("oom-killed.yaml"),
        origin: Origin::Concept,
        group: Group::Concepts,
        status: Status::Valid,
    },
    Example {
        id: "crashloop",
        title: Words::new("CrashLoopBackOff", "CrashLoopBackOff"),
        description: Words::new(
            "A container that exits with code 1: restarted at once the first time, then after 10 s, 20 s, 40 s, … up to 5 minutes.",
            "一个以退出码 1 退出的容器：第一次立即重启，之后分别等待 10 秒、20 秒、40 秒……再重启，最长间隔 5 分钟。",
        ),
        source: ours!("crashloop.yaml"),
        origin: Origin::Concept,
        group: Group::Concepts,
        status: Status::Valid,
    },
    Example {
        id: "readiness-failing",
        title: Words::new("Readiness probe failing", "就绪探针失败"),
        description: Words::new(
            "The readiness probe asks a port nginx does not listen on: the container runs, is never Ready, and is never restarted.",
            "就绪探针访问 nginx 没有监听的端口：容器在运行，但永远不会 Ready，也不会被重启。",
        ),
        source: ours!("readiness-failing.yaml"),
        origin: Origin::Concept,
        group: Group::Concepts,
        status: Status::Valid,
    },
    Example {
        id: "native-sidecar",
        title: Words::new("Native sidecar", "原生边车容器"),
        description: Words::new(
            "An init container with restartPolicy: Always starts first and keeps running beside the app, following its log.",
            "restartPolicy: Always 的 Init 容器先启动，并和应用一起持续运行，跟踪它的日志。",
        ),
        source: ours!("native-sidecar.yaml"),
        origin: Origin::Concept,
        group: Group::Concepts,
        status: Status::Valid,
    },
    Example {
        id: "startup-probe",
        title: Words::new("Startup probe", "启动探针"),
        description: Words::new(
            "A slow app (20 s to start): the startup probe holds the liveness probe back until the app is up, so it is not killed.",
            "一个启动很慢的应用（20 秒）：启动探针成功之前不运行存活探针，所以它不会被杀掉。",
        ),
        source: ours!("startup-probe.yaml"),
        origin: Origin::Concept,
        group: Group::Concepts,
        status: Status::Valid,
    },
];

/// The example with this id.
pub fn by_id(id: &str) -> Option<&'static Example> {
    ALL.iter().find(|e| e.id == id)
}

/// The examples of one group, in order.
pub fn in_group(group: Group) -> impl Iterator<Item = &'static Example> {
    ALL.iter().filter(move |e| e.group == group)
}
