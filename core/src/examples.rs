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

/// One of the study notes (the project's seeds).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Note {
    /// The note's file under the project's seeds.
    pub file: &'static str,
    /// The note's title as written: its first heading, or for a note without one its first line.
    pub title: &'static str,
    /// The title in English (the same when the note's title is English).
    pub title_en: &'static str,
}

impl Note {
    /// The title for a reader of `lang`: as written, with the English in parentheses for an
    /// English reader when the note's title is Chinese.
    pub fn title(&self, lang: Lang) -> String {
        match lang {
            Lang::En if self.title_en != self.title => {
                format!("{} ({})", self.title, self.title_en)
            }
            _ => self.title.to_string(),
        }
    }
}

/// Where an example comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A manifest of the study notes, byte for byte: in `note`, under the heading `section` (as
    /// written), copied to `tests/fixtures/seeds/fixture`.
    Seed {
        note: Note,
        section: &'static str,
        fixture: &'static str,
    },
    /// Written for the playground to complete or fix the manifest of the note's `section` in
    /// `fixture` (`None` when what the note shows is not a manifest, e.g. `docker run` commands).
    Completed {
        note: Note,
        section: &'static str,
        fixture: Option<&'static str>,
    },
    /// Written for the playground to show one concept.
    Concept,
}

impl Origin {
    /// The study note the example comes from, if any.
    pub fn note(self) -> Option<Note> {
        match self {
            Origin::Seed { note, .. } | Origin::Completed { note, .. } => Some(note),
            Origin::Concept => None,
        }
    }

    /// The section (heading, as written) of the note the example comes from, if any.
    pub fn section(self) -> Option<&'static str> {
        match self {
            Origin::Seed { section, .. } | Origin::Completed { section, .. } => Some(section),
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
    /// What to look at: where in the playground (which view, which moment) the example shows
    /// what it is named for; one or two sentences.
    pub look: Words,
    pub source: &'static str,
    pub origin: Origin,
    pub group: Group,
    pub status: Status,
}

impl Example {
    /// The study note (file under the project's seeds) the manifest comes from, if any.
    pub fn seed(&self) -> Option<&'static str> {
        self.origin.note().map(|n| n.file)
    }
}

/// The study notes. Note 002 has no title: it is named by its first line.
pub const NOTES: [Note; 5] = [NOTE0, NOTE1, NOTE2, NOTE3, NOTE4];
const NOTE0: Note = Note {
    file: "000_a73532b916798c3c.txt",
    title: "Working with Pods",
    title_en: "Working with Pods",
};
const NOTE1: Note = Note {
    file: "001_0154c1548a304480.txt",
    title: "理解Pod",
    title_en: "Understanding Pods",
};
const NOTE2: Note = Note {
    file: "002_4466730929822216.txt",
    title: "Docker本质是进程，K8S就是操作系统，POD是虚拟机",
    title_en: "Docker is processes, Kubernetes the operating system, a Pod the virtual machine",
};
const NOTE3: Note = Note {
    file: "003_b4324fe0a5d78212.txt",
    title: "Pods",
    title_en: "Pods",
};
const NOTE4: Note = Note {
    file: "004_e91bdb508baf7a21.txt",
    title: "为什么我们需要Pod？",
    title_en: "Why do we need Pods?",
};

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
    look: Words::new(
        "Press Play and watch the creation flow: kubectl, the API server, etcd and the scheduler, then on worker-1 the pause container (0.3 s) before hello-ctr is pulled and starts (2.5 s). Network then shows the pod's one IP with hello-ctr listening on 8080.",
        "按“播放”看创建流程：kubectl、API Server、etcd、调度器，然后在 worker-1 上先创建 pause 容器（0.3 秒），再拉取并启动 hello-ctr（2.5 秒）。之后在“网络”里可以看到 Pod 唯一的 IP，hello-ctr 在 8080 端口监听。",
    ),
    source: seed!("hello-pod.yaml"),
    origin: Origin::Seed {
        note: NOTE0,
        section: "5. Pod Yaml & Commands",
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
        look: Words::new(
            "Check → Summary: the block is valid on its own, with one env var (MYSQL_SERVICE_HOST). In Play the tomcat image takes about 6 s to pull before myweb starts (timeline, first 10 s).",
            "“检查 → 概要”：这一段本身是合法的，只有一个环境变量（MYSQL_SERVICE_HOST）。在“运行”里，tomcat 镜像要拉取约 6 秒，myweb 才启动（时间线，前 10 秒）。",
        ),
        source: seed!("myweb.yaml"),
        origin: Origin::Seed { note: NOTE1, section: "Pause容器", fixture: "myweb.yaml" },
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
        look: Words::new(
            "Problems: kubectl cannot read this block as YAML (line 2), so it sends nothing; Play shows the request stopping at kubectl. See “myweb, completed” for the whole Pod.",
            "“问题”面板：kubectl 无法把这一段读成 YAML（第 2 行），所以什么也不发送；“运行”里可以看到请求停在 kubectl。完整的 Pod 见“myweb（补全版）”。",
        ),
        source: seed!("myweb-env-fragment.yaml"),
        origin: Origin::Seed { note: NOTE1, section: "Pause容器", fixture: "myweb-env-fragment.yaml" },
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
        look: Words::new(
            "Problems: one YAML error, marked on line 16 where the env entries fall back to column 0 (kubectl says line 15, and the note explains why). kubectl stops there, so Play shows nothing sent.",
            "“问题”面板：只有一个 YAML 错误，标在第 16 行，env 条目在那里退回了第 0 列（kubectl 说的是第 15 行，说明里解释了原因）。kubectl 在这里就停下了，所以“运行”里什么也没有发送。",
        ),
        source: seed!("myweb-joined.yaml"),
        origin: Origin::Seed { note: NOTE1, section: "Pause容器", fixture: "myweb-joined.yaml" },
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
        look: Words::new(
            "Check → Summary lists both env vars. In Play, Pause & namespaces after ~7 s: myweb has joined the pause container's net, ipc and uts namespaces.",
            "“检查 → 概要”列出了两个环境变量。在“运行”里约 7 秒之后看“pause 与命名空间”：myweb 已经加入 pause 容器的 net、ipc、uts 命名空间。",
        ),
        source: ours!("myweb-complete.yaml"),
        origin: Origin::Completed { note: NOTE1, section: "Pause容器", fixture: Some("myweb-joined.yaml") },
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
        look: Words::new(
            "Problems: a fragment has no apiVersion or kind, so kubectl refuses it and Play has no Pod to run. “mysql Pod with resources” plays it as a whole Pod.",
            "“问题”面板：片段没有 apiVersion 和 kind，kubectl 会拒绝它，“运行”里也没有可运行的 Pod。“带 resources 的 mysql Pod”把它补成了完整的 Pod。",
        ),
        source: seed!("mysql-resources-fragment.yaml"),
        origin: Origin::Seed { note: NOTE1, section: "资源限制", fixture: "mysql-resources-fragment.yaml" },
        group: Group::FirstPods,
        status: Status::Fragment,
    },
    Example {
        id: "mysql-pod",
        title: Words::new("mysql Pod with resources", "带 resources 的 mysql Pod"),
        description: Words::new(
            "The resources fragment as a whole Pod (mysql will not start without MYSQL_ROOT_PASSWORD, so it is set). With the note's 128Mi memory limit, mysql is OOMKilled again and again.",
            "把 resources 片段补成完整的 Pod（mysql 没有 MYSQL_ROOT_PASSWORD 就不会启动，所以设置了它）。在笔记里 128Mi 的内存上限下，mysql 一次又一次被 OOMKilled。",
        ),
        look: Words::new(
            "Timeline, memory chart: mysql needs about 350 MiB but its limit is 128Mi, so it is OOMKilled (exit 137) as soon as it starts, then again after each back-off. Click an OOMKilled span to see why.",
            "时间线的内存图：mysql 需要约 350 MiB，而上限是 128Mi，所以它一启动就被 OOMKilled（退出码 137），每次退避之后又一次。点击一个 OOMKilled 段查看原因。",
        ),
        source: ours!("mysql-pod.yaml"),
        origin: Origin::Completed { note: NOTE1, section: "资源限制", fixture: Some("mysql-resources-fragment.yaml") },
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
        look: Words::new(
            "Problems: the API server refuses the underscores in the Pod's and the container's names (each problem offers a fixed name). Play shows the API server answering 422: nothing is stored or run. Apply both fixes and Play again: the container's exit shows sh's own error (sh: can't open 'c') and the Why says `sh -c` was meant.",
            "“问题”面板：API Server 拒绝 Pod 名和容器名里的下划线（每个问题都给出了修正后的名字）。“运行”里可以看到 API Server 回答 422：什么都不会被存储或运行。应用这两个修正后再运行：容器退出时能看到 sh 自己的错误（sh: can't open 'c'），“为什么”会说明本意是 `sh -c`。",
        ),
        source: seed!("example-pod.yaml"),
        origin: Origin::Seed { note: NOTE3, section: "Pod模板又是啥", fixture: "example-pod.yaml" },
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
        look: Words::new(
            "Play, then look at the kubectl get pod line: Init:0/1 for the whole run. The timeline shows init-ctr running (nslookup k8sbook never succeeds: there is no such Service) while web-ctr is never created.",
            "播放后看 kubectl get pod 这一行：整个过程都是 Init:0/1。时间线上 init-ctr 一直在运行（nslookup k8sbook 永远不会成功：没有这个 Service），web-ctr 始终没有被创建。",
        ),
        source: seed!("initpod.yaml"),
        origin: Origin::Seed { note: NOTE0, section: "5.2 Muti-Containers with init container", fixture: "initpod.yaml" },
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
        look: Words::new(
            "Not a Pod: Check → Stored object shows the Service as the API server keeps it, with the defaults it adds (protocol TCP, sessionAffinity None, …). It is what initpod waits for; Play has no Pod to run.",
            "这不是 Pod：“检查 → 存储的对象”显示 API Server 保存的这个 Service，以及它补上的默认值（protocol TCP、sessionAffinity None……）。initpod 等的就是它；“运行”里没有 Pod 可以运行。",
        ),
        source: seed!("k8sbook-service.yaml"),
        origin: Origin::Seed { note: NOTE0, section: "5.2 Muti-Containers with init container", fixture: "k8sbook-service.yaml" },
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
        look: Words::new(
            "Timeline, first 10 s: init-ctr finds the Service and completes at ~2 s, then web-ctr is pulled and starts at ~4 s. Network lists the Service and its ClusterIP under Beyond the pod.",
            "时间线，前 10 秒：init-ctr 找到了 Service，约 2 秒时完成，然后 web-ctr 被拉取，约 4 秒启动。“网络”在“Pod 之外”里列出了这个 Service 和它的 ClusterIP。",
        ),
        source: INITPOD_WITH_SERVICE,
        origin: Origin::Completed { note: NOTE0, section: "5.2 Muti-Containers with init container", fixture: Some("initpod.yaml") },
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
        look: Words::new(
            "Pause & namespaces after ~7 s: ctr-web and ctr-sync share pause's net, ipc and uts namespaces, and both mount the html emptyDir volume, one at /usr/share/nginx/, the other at /tmp/git.",
            "约 7 秒之后看“pause 与命名空间”：ctr-web 和 ctr-sync 共用 pause 的 net、ipc、uts 命名空间，并且都挂载了 html 这个 emptyDir 卷，一个挂在 /usr/share/nginx/，另一个挂在 /tmp/git。",
        ),
        source: seed!("git-sync.yaml"),
        origin: Origin::Seed { note: NOTE0, section: "5.3 Muti-Containers with sidecar container", fixture: "git-sync.yaml" },
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
        look: Words::new(
            "Network from ~6 s: client curls localhost:80, nginx-proxy answers and passes the request to nginx on 8000, all on the pod's one IP. Pause & namespaces: the three containers show the same net, ipc and uts inode numbers as pause.",
            "约 6 秒之后看“网络”：client 访问 localhost:80，nginx-proxy 应答并把请求转给 8000 端口上的 nginx，全都在 Pod 唯一的 IP 上。“pause 与命名空间”：三个容器的 net、ipc、uts inode 号和 pause 的相同。",
        ),
        source: ours!("pause-demo.yaml"),
        origin: Origin::Completed { note: NOTE1, section: "Pause容器", fixture: None },
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
        look: Words::new(
            "Problems: strict decoding refuses the unknown field hostPost (did you mean hostPort?). Play shows the API server answering 400: the Pod is never stored.",
            "“问题”面板：严格解码拒绝了未知字段 hostPost（是不是想写 hostPort？）。“运行”里可以看到 API Server 回答 400：这个 Pod 永远不会被存储。",
        ),
        source: seed!("javaweb-2-hostpost.yaml"),
        origin: Origin::Seed { note: NOTE2, section: "pod：容器设计模式，它只是一个逻辑概念", fixture: "javaweb-2-hostpost.yaml" },
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
        look: Words::new(
            "Problems: `ports:` indented into the volume mount makes unknown fields and a second, empty mount. Play shows the API server answering 400; “javaweb-2, fixed” runs.",
            "“问题”面板：`ports:` 缩进到了卷挂载里面，于是出现了未知字段和第二个空的挂载。“运行”里 API Server 回答 400；“javaweb-2（修正版）”可以运行。",
        ),
        source: seed!("javaweb-2-indent.yaml"),
        origin: Origin::Seed { note: NOTE4, section: "第一个最典型的例子是：WAR 包与 Web 服务器。", fixture: "javaweb-2-indent.yaml" },
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
        look: Words::new(
            "Timeline, first minute: the war init container copies sample.war and completes at ~1 s; only then is tomcat pulled and started (~11 s). Pause & namespaces: both mount the app-volume emptyDir.",
            "时间线，前 1 分钟：Init 容器 war 复制 sample.war，约 1 秒时完成；之后 tomcat 才被拉取并启动（约 11 秒）。“pause 与命名空间”：两个容器都挂载了 app-volume 这个 emptyDir。",
        ),
        source: ours!("javaweb-2-fixed.yaml"),
        origin: Origin::Completed { note: NOTE4, section: "第一个最典型的例子是：WAR 包与 Web 服务器。", fixture: Some("javaweb-2-indent.yaml") },
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
        look: Words::new(
            "Pause & namespaces after ~6 s: one PID namespace for the whole pod. In the ps aux of shell, pause is PID 1 and nginx's processes are listed too, marked with their container.",
            "约 6 秒之后看“pause 与命名空间”：整个 Pod 只有一个 PID 命名空间。在 shell 的 ps aux 里，pause 是 1 号进程，nginx 的进程也列在里面，并标出了所属容器。",
        ),
        source: seed!("nginx-shareprocessnamespace.yaml"),
        origin: Origin::Seed { note: NOTE4, section: "四、思考题", fixture: "nginx-shareprocessnamespace.yaml" },
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
        look: Words::new(
            "Problems: besides the missing apiVersion and kind, the note below the errors reads the fragment as a Pod: `disktype: ssd` lands in spec, an unknown field. “nodeSelector Pod” plays the intended Pod.",
            "“问题”面板：除了缺少 apiVersion 和 kind，下面的提示把片段当作 Pod 来读：`disktype: ssd` 落在了 spec 里，是未知字段。“nodeSelector Pod”运行的是原本想写的 Pod。",
        ),
        source: seed!("nodeselector-fragment.yaml"),
        origin: Origin::Seed { note: NOTE2, section: "POD主要字段", fixture: "nodeselector-fragment.yaml" },
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
        look: Words::new(
            "Creation flow: it stops at the scheduler: no node has the label disktype=ssd (FailedScheduling, retried later), so the pod stays Pending on no node for the whole run. Why explains the filter.",
            "创建流程：停在了调度器：没有节点带 disktype=ssd 标签（FailedScheduling，稍后重试），所以整个过程中 Pod 一直是 Pending，没有节点。“为什么？”解释了过滤规则。",
        ),
        source: ours!("nodeselector-pod.yaml"),
        origin: Origin::Completed { note: NOTE2, section: "POD主要字段", fixture: Some("nodeselector-fragment.yaml") },
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
        look: Words::new(
            "Problems: besides the missing apiVersion and kind, the note below the errors reads the fragment as a Pod: the field is hostnames, not hostNames.",
            "“问题”面板：除了缺少 apiVersion 和 kind，下面的提示把片段当作 Pod 来读：字段名是 hostnames，不是 hostNames。",
        ),
        source: seed!("hostaliases-fragment.yaml"),
        origin: Origin::Seed { note: NOTE2, section: "POD主要字段", fixture: "hostaliases-fragment.yaml" },
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
        look: Words::new(
            "kubectl get pod at ~2 s: Completed. cat-hosts prints /etc/hosts (with the hostAliases entries) and exits 0, and restartPolicy Never leaves it terminated: phase Succeeded on the timeline.",
            "约 2 秒时的 kubectl get pod：Completed。cat-hosts 打印 /etc/hosts（包含 hostAliases 的条目）后以 0 退出，restartPolicy Never 让它保持终止状态：时间线上的阶段是 Succeeded。",
        ),
        source: ours!("hostaliases-pod.yaml"),
        origin: Origin::Completed { note: NOTE2, section: "POD主要字段", fixture: Some("hostaliases-fragment.yaml") },
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
        look: Words::new(
            "Problems: a fragment has no apiVersion or kind, so kubectl refuses it. “Lifecycle hooks Pod” plays the hooks.",
            "“问题”面板：片段没有 apiVersion 和 kind，kubectl 会拒绝它。“生命周期钩子 Pod”运行了这些钩子。",
        ),
        source: seed!("lifecycle-fragment.yaml"),
        origin: Origin::Seed { note: NOTE2, section: "POD主要字段", fixture: "lifecycle-fragment.yaml" },
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
        look: Words::new(
            "Timeline, first 10 s: the bar over the container's lane at ~4.4 s is the postStart hook running; the container counts as Running only once it returns. Click the lane there to see why.",
            "时间线，前 10 秒：约 4.4 秒时容器泳道上方的那条横条，就是正在运行的 postStart 钩子；它返回之后容器才算 Running。点击那里的泳道查看原因。",
        ),
        source: ours!("lifecycle-pod.yaml"),
        origin: Origin::Completed { note: NOTE2, section: "POD主要字段", fixture: Some("lifecycle-fragment.yaml") },
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
        look: Words::new(
            "Problems: the two `$kubectl create secret` lines at the end are not YAML; kubectl stops at line 25 (it says line 26) and sends nothing. “Projected volume + its Secrets” plays it.",
            "“问题”面板：末尾两行 `$kubectl create secret` 不是 YAML；kubectl 在第 25 行停下（它说的是第 26 行），什么也不发送。“投射卷 + 它的 Secret”可以运行。",
        ),
        source: seed!("projected-volume.yaml"),
        origin: Origin::Seed { note: NOTE2, section: "projected-volume", fixture: "projected-volume.yaml" },
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
        look: Words::new(
            "Pause & namespaces after ~2 s: the mysql-cred volume, mounted at /projected-volume, holds the files of both Secrets, user and pass. Check → Stored object shows the Secrets as the API server keeps them.",
            "约 2 秒之后看“pause 与命名空间”：mysql-cred 卷挂载在 /projected-volume，里面有 user 和 pass 两个 Secret 的文件。“检查 → 存储的对象”显示 API Server 保存的 Secret。",
        ),
        source: ours!("projected-volume-secrets.yaml"),
        origin: Origin::Completed { note: NOTE2, section: "projected-volume", fixture: Some("projected-volume.yaml") },
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
        look: Words::new(
            "Pause & namespaces after ~2 s: the podinfo volume, mounted at /etc/podinfo, holds the pod's own labels and annotations as files; Check → Stored object shows where they come from.",
            "约 2 秒之后看“pause 与命名空间”：podinfo 卷挂载在 /etc/podinfo，里面是 Pod 自己的标签和注解文件；“检查 → 存储的对象”显示它们来自哪里。",
        ),
        source: seed!("downwardapi-volume.yaml"),
        origin: Origin::Seed { note: NOTE2, section: "projected-volume", fixture: "downwardapi-volume.yaml" },
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
        look: Words::new(
            "Timeline, first minute: the probe marks turn to ✗ once /tmp/healthy is removed at 30 s; the third failure in a row (~45 s) gets the container killed, and after the 30 s grace period it restarts (~75 s). Click the ✗ marked 3/3 for Why.",
            "时间线，前 1 分钟：30 秒时 /tmp/healthy 被删除，探针标记变成 ✗；连续第三次失败（约 45 秒）时容器被杀死，经过 30 秒的宽限期后重启（约 75 秒）。点击标着 3/3 的 ✗ 查看原因。",
        ),
        source: seed!("liveness-exec.yaml"),
        origin: Origin::Seed { note: NOTE2, section: "容器健康检查和恢复机制", fixture: "liveness-exec.yaml" },
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
        look: Words::new(
            "Timeline, first minute: /healthz answers 200 for 10 s, then 500; three failures in a row (one every 3 s) and the kubelet restarts the container (~18 s). Every run repeats it, with a longer back-off each time.",
            "时间线，前 1 分钟：/healthz 前 10 秒返回 200，之后返回 500；连续三次失败（每 3 秒一次）后 kubelet 重启容器（约 18 秒）。每次重启都会重复，退避时间一次比一次长。",
        ),
        source: seed!("liveness-http.yaml"),
        origin: Origin::Seed { note: NOTE2, section: "容器健康检查和恢复机制", fixture: "liveness-http.yaml" },
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
        look: Words::new(
            "Network at ~5 s: web-a listens on :80, and web-b's bind(:80) fails in the same network namespace. Then the timeline: web-b crash-loops, while web-a keeps running and the pod says 1/2.",
            "约 5 秒时看“网络”：web-a 在 :80 监听，web-b 在同一个网络命名空间里 bind(:80) 失败。然后看时间线：web-b 反复崩溃，web-a 一直运行，Pod 显示 1/2。",
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
        look: Words::new(
            "Timeline, first 10 s: memory climbs past the dashed 100Mi limit and the container is OOMKilled (exit 137) at ~1.2 s; then whole run: restartCount grows, with a longer back-off each time.",
            "时间线，前 10 秒：内存越过 100Mi 的虚线上限，约 1.2 秒时容器被 OOMKilled（退出码 137）；再看整个过程：restartCount 不断增加，退避时间一次比一次长。",
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
        look: Words::new(
            "Timeline, whole run: each Error (1) span is followed by a longer back-off (10 s, 20 s, 40 s, …). kubectl get pod says CrashLoopBackOff while the phase lane stays Running: phase is not the STATUS column.",
            "时间线，整个过程：每个 Error (1) 段之后的退避都更长（10 秒、20 秒、40 秒……）。kubectl get pod 显示 CrashLoopBackOff，而阶段泳道一直是 Running：阶段不是 STATUS 列。",
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
        look: Words::new(
            "Timeline, first minute: the readiness probe fails every 5 s from ~5 s on, yet nothing restarts: READY stays 0/1, the Ready condition stays False and restartCount stays 0.",
            "时间线，前 1 分钟：从约 5 秒起就绪探针每 5 秒失败一次，但没有任何重启：READY 一直是 0/1，Ready 条件一直是 False，restartCount 一直是 0。",
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
        look: Words::new(
            "Timeline, first 10 s: logshipper, an init container with restartPolicy Always, starts first and keeps running; myapp starts at ~2 s, once the sidecar has started, and both run side by side.",
            "时间线，前 10 秒：logshipper 是 restartPolicy 为 Always 的 Init 容器，它最先启动并一直运行；边车启动后，myapp 约在 2 秒时启动，两者并排运行。",
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
        look: Words::new(
            "Timeline, first minute: the startup probe fails while the app takes 20 s to start, and the liveness probe does not run until the startup probe succeeds; the container is never killed.",
            "时间线，前 1 分钟：应用启动要 20 秒，在此期间启动探针一直失败，存活探针要等启动探针成功后才开始运行；容器始终没有被杀死。",
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
