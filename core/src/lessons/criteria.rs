//! The criteria a manifest is checked against: each a small predicate over the analysis, the Pod
//! kubectl would create and the simulated run, and each with the hint ladder for the mistake it
//! found (a task may give its own ladder for a criterion instead).
//!
//! Facts are read from core's models, never from the text's shape: a container is found by name
//! whatever the key order, block or flow style or JSON; images are compared as the runtime
//! resolves them (`nginx` = `docker.io/library/nginx:latest`); probes and hooks are compared after
//! the API server's defaulting.

use crate::analyze::Analysis;
use crate::diag::{with_article, Severity, Text};
use crate::model::{Container, Pod, QosClass, VolumeSource};
use crate::sim::hosts;
use crate::sim::view_input::{PlayInput, RefusedBy};
use crate::sim::{CState, ConditionType, Phase, Run, SimTime, WorldError};
use crate::sim::{ProbeKind, Rule};

use super::{play, Check, CheckResult, Ladder, Played, Report, Task};

/// Which list a container is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// `spec.initContainers`.
    Init,
    /// `spec.containers`.
    App,
}

/// One thing a task asks of the learner's manifest. Times are seconds since `kubectl create`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Criterion {
    /// kubectl can read the text and the API server accepts its Pod (which kubectl then creates).
    Accepted,
    /// A container of this name is still in the list, with the starting manifest's image and,
    /// when `command` is set, its command and args.
    Kept {
        name: &'static str,
        role: Role,
        command: bool,
    },
    /// The container mounts `volume` at one of `paths`.
    Mounted {
        container: &'static str,
        volume: &'static str,
        paths: &'static [&'static str],
    },
    /// The volume is an `emptyDir`.
    EmptyDir { volume: &'static str },
    /// Two containers mount the same `emptyDir` volume.
    SharedEmptyDir { a: &'static str, b: &'static str },
    /// The container declares `containerPort` (with this `hostPort` when given).
    Port {
        container: &'static str,
        container_port: i64,
        host_port: Option<i64>,
    },
    /// The container has the environment variable `name` with the literal `value`.
    Env {
        container: &'static str,
        name: &'static str,
        value: &'static str,
    },
    /// The container's probe of this kind is the starting manifest's (after defaulting).
    ProbeKept {
        container: &'static str,
        kind: ProbeKind,
    },
    /// The container has a probe of this kind.
    HasProbe {
        container: &'static str,
        kind: ProbeKind,
    },
    /// The container's postStart and preStop hooks are the starting manifest's.
    HooksKept { container: &'static str },
    /// The container sets a memory limit.
    MemoryLimit { container: &'static str },
    /// The Pod has at least this many app containers.
    AppContainers { at_least: usize },
    /// The init container has `restartPolicy: Always` (a native sidecar).
    NativeSidecar { name: &'static str },
    /// An object of this kind and name is created with the Pod (in its namespace).
    Created {
        kind: &'static str,
        name: &'static str,
    },
    /// The Pod does not use the node's PID namespace.
    NoHostPid,
    /// The QoS class Kubernetes gives the Pod.
    Qos(QosClass),
    /// In the run, `ps` in `viewer` lists processes of `target` (one PID namespace).
    SeesProcesses {
        viewer: &'static str,
        target: &'static str,
    },
    /// The container is not killed by its liveness probe in the first `secs` after it first
    /// started.
    NotKilledBefore { container: &'static str, secs: u64 },
    /// The container's liveness probe kills it at most `secs` after it first started.
    LivenessKillBy { container: &'static str, secs: u64 },
    /// No container restarts until `secs`.
    NoRestarts { secs: u64 },
    /// No container is OOMKilled until `secs`.
    NoOom { secs: u64 },
    /// The Pod's Ready condition is True at or before `secs`.
    ReadyBy { secs: u64 },
    /// The Pod is Ready when the run ends.
    ReadyAtEnd,
    /// The phase is `phase` at or before `secs`.
    PhaseBy { phase: Phase, secs: u64 },
    /// At or before `secs`, the phase is Running while the init container has Completed.
    RunningAfterInit { init: &'static str, secs: u64 },
    /// Both containers are running at `secs`.
    RunningTogether {
        a: &'static str,
        b: &'static str,
        secs: u64,
    },
    /// The container's postStart hook succeeds at or before `secs`.
    PostStartOk { container: &'static str, secs: u64 },
    /// The Pod is bound to this node and runs there.
    OnNode { node: &'static str },
    /// In the container's kubelet-managed `/etc/hosts`, every name maps to `ip`.
    HostsMap {
        names: &'static [&'static str],
        ip: &'static str,
    },
    /// A container's log (`None`: any container's) contains `text` at or before `secs`.
    LogContains {
        container: Option<&'static str>,
        text: &'static str,
        secs: u64,
    },
}

/// The outcome of one criterion.
struct Verdict {
    passed: bool,
    detail: Text,
    /// The ladder for the mistake seen (when the task gives none).
    ladder: Ladder,
    /// The mistake is specific (e.g. hostPID): its own ladder wins over the task's.
    specific: bool,
}

impl Verdict {
    fn pass(detail: Text) -> Verdict {
        Verdict {
            passed: true,
            detail,
            ladder: Ladder::new([Text::default(), Text::default(), Text::default()]),
            specific: false,
        }
    }

    fn fail(detail: Text, ladder: [Text; 3]) -> Verdict {
        Verdict {
            passed: false,
            detail,
            ladder: Ladder::new(ladder),
            specific: false,
        }
    }

    fn specific(mut self) -> Verdict {
        self.specific = true;
        self
    }
}

fn t(en: impl Into<String>, zh: impl Into<String>) -> Text {
    Text::new(en, zh)
}

fn secs_text(t: SimTime) -> String {
    crate::sim::printer::seconds(t)
}

/// What the criteria look at.
struct Ctx<'a> {
    played: &'a Played,
    /// The Pod kubectl creates; when it is refused, the Pod document as decoded (so that the
    /// other criteria still say something useful).
    pod: Option<Pod>,
    /// The task's starting Pod.
    start: Option<Pod>,
}

impl Ctx<'_> {
    fn run(&self) -> Option<&Run> {
        self.played.run.as_ref()
    }
}

/// The first Pod document's model: the defaulted object when there is one, else the decoded one.
fn pod_of(a: &Analysis) -> Option<Pod> {
    let d = a
        .documents
        .iter()
        .find(|d| d.kind.as_deref() == Some("Pod"))?;
    d.defaulted
        .as_ref()
        .or(d.object.as_ref())
        .map(Pod::from_tree)
}

/// The task's starting Pod: its Pod document, or a fragment of the notes (only `spec`) read as
/// a Pod.
fn start_pod(a: &Analysis) -> Option<Pod> {
    pod_of(a).or_else(|| {
        a.documents
            .iter()
            .find(|d| !d.empty)
            .and_then(|d| d.root.as_ref())
            .map(Pod::from_tree)
    })
}

pub(super) fn check(task: &'static Task, checks: &[Check], input: &str) -> Report {
    let played = play(task, input);
    let pod = match &played.input {
        PlayInput::Play { world, .. } => Some(world.pod.clone()),
        _ => pod_of(&played.analysis),
    };
    let start = start_pod(&crate::analyze::analyze(task.start_text()));
    let ctx = Ctx {
        played: &played,
        pod,
        start,
    };
    let mut results = Vec::with_capacity(checks.len());
    let mut hint = None;
    for c in checks {
        let v = evaluate(&c.criterion, &ctx);
        if !v.passed && hint.is_none() {
            hint = Some(match (c.hint, v.specific) {
                (Some(words), false) => Ladder::from_words(words),
                _ => v.ladder.clone(),
            });
        }
        results.push(CheckResult {
            name: name(&c.criterion),
            title: title(&c.criterion),
            passed: v.passed,
            detail: v.detail,
        });
    }
    let passed = results.iter().all(|r| r.passed);
    Report {
        task: task.id,
        passed,
        checks: results,
        hint: if passed { None } else { hint },
    }
}

/// A stable id for the criterion (the `name` of the CLI's JSON).
pub(super) fn name(c: &Criterion) -> String {
    use Criterion::*;
    match c {
        Accepted => "api-accepts".into(),
        Kept { name, .. } => format!("kept-{name}"),
        Mounted {
            container, volume, ..
        } => format!("mount-{volume}-in-{container}"),
        EmptyDir { volume } => format!("emptydir-{volume}"),
        SharedEmptyDir { a, b } => format!("shared-emptydir-{a}-{b}"),
        Port { container, .. } => format!("port-{container}"),
        Env { name, .. } => format!("env-{name}"),
        ProbeKept { container, kind } => format!("{}-probe-unchanged-{container}", kind.lower()),
        HasProbe { container, kind } => format!("{}-probe-{container}", kind.lower()),
        HooksKept { container } => format!("hooks-kept-{container}"),
        MemoryLimit { container } => format!("memory-limit-{container}"),
        AppContainers { .. } => "app-containers".into(),
        NativeSidecar { name } => format!("native-sidecar-{name}"),
        Created { kind, name } => format!("created-{}-{name}", kind.to_ascii_lowercase()),
        NoHostPid => "no-host-pid".into(),
        Qos(_) => "qos-class".into(),
        SeesProcesses { .. } => "sees-processes".into(),
        NotKilledBefore { .. } => "not-killed-early".into(),
        LivenessKillBy { .. } => "liveness-kills-in-time".into(),
        NoRestarts { .. } => "no-restarts".into(),
        NoOom { .. } => "no-oomkilled".into(),
        ReadyBy { .. } => "ready-in-time".into(),
        ReadyAtEnd => "ready-at-end".into(),
        PhaseBy { phase, .. } => format!("phase-{}", phase.as_str().to_ascii_lowercase()),
        RunningAfterInit { .. } => "running-after-init".into(),
        RunningTogether { .. } => "running-together".into(),
        PostStartOk { .. } => "poststart-ok".into(),
        OnNode { .. } => "on-node".into(),
        HostsMap { .. } => "etc-hosts".into(),
        LogContains { .. } => "log-contains".into(),
    }
}

/// What the criterion asks, in both languages.
pub(super) fn title(c: &Criterion) -> Text {
    use Criterion::*;
    match c {
        Accepted => t("The API server accepts the Pod", "API Server 接受这个 Pod"),
        Kept {
            name,
            role,
            command,
            ..
        } => {
            let list = match role {
                Role::Init => ("init container", "Init 容器"),
                Role::App => ("container", "容器"),
            };
            if *command {
                t(
                    format!(
                        "The {} `{name}` is kept, with its image and command",
                        list.0
                    ),
                    format!("保留{} `{name}`，镜像和命令不变", list.1),
                )
            } else {
                t(
                    format!("The {} `{name}` is kept, with its image", list.0),
                    format!("保留{} `{name}`，镜像不变", list.1),
                )
            }
        }
        Mounted {
            container,
            volume,
            paths,
        } => {
            let p = paths.first().copied().unwrap_or("");
            t(
                format!("`{container}` mounts `{volume}` at {p}"),
                format!("`{container}` 把 `{volume}` 挂载在 {p}"),
            )
        }
        EmptyDir { volume } => t(
            format!("`{volume}` is an emptyDir volume"),
            format!("`{volume}` 是 emptyDir 卷"),
        ),
        SharedEmptyDir { a, b } => t(
            format!("`{a}` and `{b}` mount the same emptyDir volume"),
            format!("`{a}` 和 `{b}` 挂载同一个 emptyDir 卷"),
        ),
        Port {
            container,
            container_port,
            host_port,
        } => match host_port {
            Some(h) => t(
                format!("`{container}` exposes containerPort {container_port} on hostPort {h}"),
                format!("`{container}` 暴露 containerPort {container_port}，hostPort 为 {h}"),
            ),
            None => t(
                format!("`{container}` declares containerPort {container_port}"),
                format!("`{container}` 声明 containerPort {container_port}"),
            ),
        },
        Env {
            container,
            name,
            value,
        } => t(
            format!("`{container}` has {name}={value}"),
            format!("`{container}` 有环境变量 {name}={value}"),
        ),
        ProbeKept { container, kind } => t(
            format!("The {} probe of `{container}` is unchanged", kind.lower()),
            format!("`{container}` 的{}保持不变", probe_zh(*kind)),
        ),
        HasProbe { container, kind } => t(
            format!("`{container}` still has a {} probe", kind.lower()),
            format!("`{container}` 仍然有{}", probe_zh(*kind)),
        ),
        HooksKept { container } => t(
            format!("The postStart and preStop hooks of `{container}` are kept"),
            format!("保留 `{container}` 的 postStart 和 preStop 钩子"),
        ),
        MemoryLimit { container } => t(
            format!("`{container}` still has a memory limit"),
            format!("`{container}` 仍然设置了内存上限"),
        ),
        AppContainers { at_least } => t(
            format!("The Pod has at least {at_least} containers"),
            format!("Pod 至少有 {at_least} 个容器"),
        ),
        NativeSidecar { name } => t(
            format!("`{name}` is a native sidecar (restartPolicy: Always)"),
            format!("`{name}` 是原生边车容器（restartPolicy: Always）"),
        ),
        Created { kind, name } => t(
            format!("A {kind} named `{name}` is created with the Pod"),
            format!("和 Pod 一起创建名为 `{name}` 的 {kind}"),
        ),
        NoHostPid => t(
            "The Pod does not use the node's PID namespace",
            "Pod 不使用节点的 PID 命名空间",
        ),
        Qos(q) => t(
            format!("The Pod's QoS class is {}", q.as_str()),
            format!("Pod 的 QoS 类别是 {}", q.as_str()),
        ),
        SeesProcesses { viewer, target } => t(
            format!("`ps` in `{viewer}` shows the processes of `{target}`"),
            format!("在 `{viewer}` 里 `ps` 能看到 `{target}` 的进程"),
        ),
        NotKilledBefore { container, secs } => t(
            format!("`{container}` is not killed in its first {secs} s (the file is still there)"),
            format!("`{container}` 在启动后的前 {secs} 秒内没有被杀掉（文件还在）"),
        ),
        LivenessKillBy { container, secs } => t(
            format!("The liveness probe kills `{container}` at most {secs} s after it started"),
            format!("存活探针最迟在 `{container}` 启动后 {secs} 秒杀掉它"),
        ),
        NoRestarts { secs } => t(
            format!("No container restarts in the first {secs} s"),
            format!("前 {secs} 秒内没有容器重启"),
        ),
        NoOom { secs } => t(
            format!("No container is OOMKilled in the first {secs} s"),
            format!("前 {secs} 秒内没有容器被 OOMKilled"),
        ),
        ReadyBy { secs } => t(
            format!("The Pod is Ready within {secs} s"),
            format!("Pod 在 {secs} 秒内变为 Ready"),
        ),
        ReadyAtEnd => t(
            "The Pod is Ready at the end of the run",
            "运行结束时 Pod 是 Ready",
        ),
        PhaseBy { phase, secs } => t(
            format!("The Pod's phase is {} within {secs} s", phase.as_str()),
            format!("Pod 的阶段在 {secs} 秒内变为 {}", phase.as_str()),
        ),
        RunningAfterInit { init, secs } => t(
            format!("Within {secs} s the Pod is Running with `{init}` Completed"),
            format!("{secs} 秒内 Pod 进入 Running，且 `{init}` 已 Completed"),
        ),
        RunningTogether { a, b, secs } => t(
            format!("`{a}` and `{b}` both run at {secs} s"),
            format!("第 {secs} 秒时 `{a}` 和 `{b}` 都在运行"),
        ),
        PostStartOk { container, secs } => t(
            format!("The postStart hook of `{container}` succeeds within {secs} s"),
            format!("`{container}` 的 postStart 钩子在 {secs} 秒内成功"),
        ),
        OnNode { node } => t(
            format!("The Pod runs on `{node}`"),
            format!("Pod 运行在 `{node}` 上"),
        ),
        HostsMap { names, ip } => t(
            format!("/etc/hosts maps {} to {ip}", names.join(" and ")),
            format!("/etc/hosts 把 {} 映射到 {ip}", names.join(" 和 ")),
        ),
        LogContains {
            container,
            text,
            secs,
        } => match container {
            Some(c) => t(
                format!("`{c}` prints \"{text}\" within {secs} s"),
                format!("`{c}` 在 {secs} 秒内输出 \"{text}\""),
            ),
            None => t(
                format!("A container prints \"{text}\" within {secs} s"),
                format!("有容器在 {secs} 秒内输出 \"{text}\""),
            ),
        },
    }
}

fn probe_zh(kind: ProbeKind) -> &'static str {
    match kind {
        ProbeKind::Startup => "启动探针",
        ProbeKind::Liveness => "存活探针",
        ProbeKind::Readiness => "就绪探针",
    }
}

fn evaluate(c: &Criterion, ctx: &Ctx<'_>) -> Verdict {
    use Criterion::*;
    match *c {
        Accepted => accepted(ctx.played),
        Kept {
            name,
            role,
            command,
        } => kept(ctx, name, role, command),
        Mounted {
            container,
            volume,
            paths,
        } => with_container(ctx, container, |c, _| mounted(c, volume, paths)),
        EmptyDir { volume } => with_pod(ctx, |pod| empty_dir(pod, volume)),
        SharedEmptyDir { a, b } => with_pod(ctx, |pod| shared_empty_dir(pod, a, b)),
        Port {
            container,
            container_port,
            host_port,
        } => with_container(ctx, container, |c, _| port(c, container_port, host_port)),
        Env {
            container,
            name,
            value,
        } => with_container(ctx, container, |c, _| env(c, name, value)),
        ProbeKept { container, kind } => with_container(ctx, container, |c, start| {
            let start = start.and_then(|s| find(s, container));
            probe_kept(c, start, kind)
        }),
        HasProbe { container, kind } => with_container(ctx, container, |c, _| has_probe(c, kind)),
        HooksKept { container } => with_container(ctx, container, |c, start| {
            let start = start.and_then(|s| find(s, container));
            hooks_kept(c, start)
        }),
        MemoryLimit { container } => with_container(ctx, container, |c, _| memory_limit(c)),
        AppContainers { at_least } => with_pod(ctx, |pod| app_containers(pod, at_least)),
        NativeSidecar { name } => with_pod(ctx, |pod| native_sidecar(pod, name)),
        Created { kind, name } => created(ctx, kind, name),
        NoHostPid => with_pod(ctx, no_host_pid),
        Qos(q) => with_pod(ctx, |pod| qos(pod, q)),
        SeesProcesses { viewer, target } => with_run(ctx, |run| {
            sees_processes(run, ctx.pod.as_ref(), viewer, target)
        }),
        NotKilledBefore { container, secs } => {
            with_run(ctx, |run| not_killed_before(run, container, secs))
        }
        LivenessKillBy { container, secs } => {
            with_run(ctx, |run| liveness_kill_by(run, container, secs))
        }
        NoRestarts { secs } => with_run(ctx, |run| no_restarts(run, secs)),
        NoOom { secs } => with_run(ctx, |run| no_oom(run, secs)),
        ReadyBy { secs } => with_run(ctx, |run| ready_by(run, Some(secs))),
        ReadyAtEnd => with_run(ctx, |run| ready_by(run, None)),
        PhaseBy { phase, secs } => with_run(ctx, |run| phase_by(run, phase, secs)),
        RunningAfterInit { init, secs } => with_run(ctx, |run| running_after_init(run, init, secs)),
        RunningTogether { a, b, secs } => with_run(ctx, |run| running_together(run, a, b, secs)),
        PostStartOk { container, secs } => with_run(ctx, |run| post_start_ok(run, container, secs)),
        OnNode { node } => with_run(ctx, |run| on_node(run, node)),
        HostsMap { names, ip } => with_run(ctx, |run| hosts_map(run, ctx.pod.as_ref(), names, ip)),
        LogContains {
            container,
            text,
            secs,
        } => with_run(ctx, |run| log_contains(run, container, text, secs)),
    }
}

// ---- the API server

fn accepted(played: &Played) -> Verdict {
    match &played.input {
        PlayInput::Play { world, left_out } => {
            let mut en = format!("Pod \"{}\" created", world.pod.meta.name);
            let mut zh = format!("已创建 Pod \"{}\"", world.pod.meta.name);
            for o in left_out {
                en.push_str(&format!("; {} \"{}\" refused: {}", o.kind, o.name, o.message.en));
                zh.push_str(&format!("；{} \"{}\" 被拒绝：{}", o.kind, o.name, o.message.zh));
            }
            Verdict::pass(t(en, zh))
        }
        PlayInput::Rejected(r) => {
            let who = match r.by {
                RefusedBy::Kubectl => (
                    "kubectl cannot read the YAML, so nothing is sent to the API server",
                    "kubectl 读不懂这段 YAML，什么也没有发给 API Server",
                ),
                RefusedBy::Decoding => (
                    "the API server cannot decode the Pod",
                    "API Server 无法解码这个 Pod",
                ),
                RefusedBy::Validation => (
                    "the API server's validation refuses the Pod",
                    "API Server 的校验拒绝了这个 Pod",
                ),
            };
            let first = played
                .analysis
                .documents
                .get(r.document)
                .and_then(|d| d.diagnostics.iter().find(|x| x.severity == Severity::Error));
            let (why, fix) = match first {
                Some(d) if !d.explanation.is_empty() => (d.explanation.clone(), d.fix.clone()),
                _ => (
                    t(
                        "Read the error: it names the field (its path from the top of the object) and what is wrong with it.",
                        "读一读这条错误：它给出了字段（从对象顶层开始的路径）以及问题所在。",
                    ),
                    t(
                        "Fix the field the error names, then check again.",
                        "修改错误里指出的字段，然后再检查一次。",
                    ),
                ),
            };
            Verdict::fail(
                t(r.message.clone(), r.message.clone()),
                [
                    t(
                        format!("Not created: {}. It says:\n{}", who.0, r.message),
                        format!("没有创建成功：{}。错误是：\n{}", who.1, r.message),
                    ),
                    why,
                    fix,
                ],
            )
            // The API server's own error wins over a task's hints.
            .specific()
        }
        PlayInput::Nothing(WorldError::NoPod) => Verdict::fail(
            t("the text has no Pod", "文本里没有 Pod"),
            [
                t(
                    "There is no Pod in this text: the task checks a Pod.",
                    "这段文本里没有 Pod：这个任务检查的是 Pod。",
                ),
                t(
                    "An object is a Pod when it says `apiVersion: v1` and `kind: Pod` at its top level.",
                    "一个对象顶层写着 `apiVersion: v1` 和 `kind: Pod`，它才是 Pod。",
                ),
                t(
                    "Start again from the task's manifest (the Start button) and change only what the task asks.",
                    "从任务给出的清单重新开始（“开始”按钮），只改任务要求的部分。",
                ),
            ],
        ),
        PlayInput::Nothing(WorldError::SeveralPods(names)) => {
            let list = names.join(", ");
            Verdict::fail(
                t(
                    format!("the text has {} Pods: {list}", names.len()),
                    format!("文本里有 {} 个 Pod：{list}", names.len()),
                ),
                [
                    t(
                        format!("This text creates several Pods ({list}); the task is about one."),
                        format!("这段文本会创建多个 Pod（{list}）；任务只针对一个。"),
                    ),
                    t(
                        "Documents are separated by `---` lines; each `kind: Pod` document is one more Pod.",
                        "文档之间用 `---` 行分隔；每个 `kind: Pod` 的文档就是又一个 Pod。",
                    ),
                    t(
                        "Keep one Pod (other kinds, like a Service, may stay) and check again.",
                        "只保留一个 Pod（Service 等其他类型可以保留），再检查一次。",
                    ),
                ],
            )
            .specific()
        }
    }
}

fn not_created() -> Verdict {
    Verdict::fail(
        t(
            "no Pod to look at: it is not created",
            "没有可检查的 Pod：它没有被创建",
        ),
        [
            t(
                "The Pod is not created, so there is nothing to check yet.",
                "Pod 没有被创建，所以还无从检查。",
            ),
            t(
                "Look at the first problem in the problems panel.",
                "看看问题面板里的第一个问题。",
            ),
            t(
                "Fix every error the API server reports, then check again.",
                "修好 API Server 报告的每个错误，再检查一次。",
            ),
        ],
    )
}

fn not_played() -> Verdict {
    Verdict::fail(
        t(
            "not played: the Pod is not created",
            "无法运行：Pod 没有被创建",
        ),
        [
            t(
                "The Pod is not created, so the simulation cannot play it.",
                "Pod 没有被创建，所以模拟无法运行它。",
            ),
            t(
                "kubectl and the API server must accept the Pod first: look at the first error.",
                "kubectl 和 API Server 必须先接受这个 Pod：看第一个错误。",
            ),
            t(
                "Fix every error the API server reports, then check again.",
                "修好 API Server 报告的每个错误，再检查一次。",
            ),
        ],
    )
}

fn with_pod(ctx: &Ctx<'_>, f: impl FnOnce(&Pod) -> Verdict) -> Verdict {
    match &ctx.pod {
        Some(pod) => f(pod),
        None => not_created(),
    }
}

fn with_run(ctx: &Ctx<'_>, f: impl FnOnce(&Run) -> Verdict) -> Verdict {
    match ctx.run() {
        Some(run) => f(run),
        None => not_played(),
    }
}

fn find<'p>(pod: &'p Pod, name: &str) -> Option<&'p Container> {
    pod.init_containers
        .iter()
        .chain(pod.containers.iter())
        .find(|c| c.name == name)
}

fn missing_container(name: &str) -> Verdict {
    Verdict::fail(
        t(
            format!("no container named `{name}`"),
            format!("没有名为 `{name}` 的容器"),
        ),
        [
            t(
                format!("The task needs the container `{name}`, and this Pod has none by that name."),
                format!("任务需要容器 `{name}`，但这个 Pod 里没有叫这个名字的容器。"),
            ),
            t(
                "Containers are found by their `name`; renaming or removing one makes it a different container.",
                "容器是按 `name` 找的；改名或删除后就是另一个容器了。",
            ),
            t(
                format!("Keep the container `{name}` from the task's manifest (the Start button shows it again)."),
                format!("保留任务清单里的容器 `{name}`（“开始”按钮可以重新显示它）。"),
            ),
        ],
    )
}

fn with_container(
    ctx: &Ctx<'_>,
    name: &str,
    f: impl FnOnce(&Container, Option<&Pod>) -> Verdict,
) -> Verdict {
    with_pod(ctx, |pod| match find(pod, name) {
        Some(c) => f(c, ctx.start.as_ref()),
        None => missing_container(name),
    })
}

fn kept(ctx: &Ctx<'_>, name: &str, role: Role, command: bool) -> Verdict {
    with_pod(ctx, |pod| {
        let list = match role {
            Role::Init => &pod.init_containers,
            Role::App => &pod.containers,
        };
        let Some(c) = list.iter().find(|c| c.name == name) else {
            if find(pod, name).is_some() {
                let (en, zh) = match role {
                    Role::Init => ("initContainers", "initContainers"),
                    Role::App => ("containers", "containers"),
                };
                return Verdict::fail(
                    t(
                        format!("`{name}` is not in spec.{en}"),
                        format!("`{name}` 不在 spec.{zh} 里"),
                    ),
                    [
                        t(
                            format!("`{name}` moved to the other list of containers."),
                            format!("`{name}` 被移到了另一个容器列表里。"),
                        ),
                        t(
                            "Init containers run one by one before the app containers start; app containers run side by side. The list a container is in decides which it is.",
                            "Init 容器在应用容器启动之前逐个运行；应用容器彼此并排运行。容器在哪个列表里决定了它是哪一种。",
                        ),
                        t(
                            format!("Put `{name}` back under spec.{en}."),
                            format!("把 `{name}` 放回 spec.{zh} 下面。"),
                        ),
                    ],
                );
            }
            return missing_container(name);
        };
        let Some(s) = ctx.start.as_ref().and_then(|s| find(s, name)) else {
            return Verdict::pass(t(format!("`{name}` is there"), format!("`{name}` 还在")));
        };
        if crate::image::split(&c.image).normalized() != crate::image::split(&s.image).normalized() {
            return Verdict::fail(
                t(
                    format!("`{name}` runs image \"{}\", not \"{}\"", c.image, s.image),
                    format!("`{name}` 使用镜像 \"{}\"，而不是 \"{}\"", c.image, s.image),
                ),
                [
                    t(
                        format!("The image of `{name}` changed."),
                        format!("`{name}` 的镜像变了。"),
                    ),
                    t(
                        "The task is about the Pod around the program, not the program: keep the image and change the Pod's fields.",
                        "这个任务关心的是程序外面的 Pod，而不是程序本身：保留镜像，修改 Pod 的字段。",
                    ),
                    t(
                        format!("Set `image: {}` again on `{name}`.", s.image),
                        format!("把 `{name}` 的镜像改回 `image: {}`。", s.image),
                    ),
                ],
            );
        }
        if command && (c.command != s.command || c.args != s.args) {
            let show = |c: &Container| {
                let mut v = c.command.clone();
                v.extend(c.args.iter().cloned());
                format!("{v:?}")
            };
            return Verdict::fail(
                t(
                    format!("`{name}` now runs {} instead of {}", show(c), show(s)),
                    format!("`{name}` 现在运行 {}，而不是 {}", show(c), show(s)),
                ),
                [
                    t(
                        format!("The command (or args) of `{name}` changed."),
                        format!("`{name}` 的 command（或 args）变了。"),
                    ),
                    t(
                        "The program is given: the task asks you to change how the Pod runs it, not what it does.",
                        "程序是给定的：任务要你改变 Pod 运行它的方式，而不是它做的事。",
                    ),
                    {
                        let mut en = Vec::new();
                        let mut zh = Vec::new();
                        if !s.command.is_empty() {
                            en.push(format!("command: {:?}", s.command));
                            zh.push(format!("command: {:?}", s.command));
                        }
                        if !s.args.is_empty() {
                            en.push(format!("args: {:?}", s.args));
                            zh.push(format!("args: {:?}", s.args));
                        }
                        if en.is_empty() {
                            en.push("no command and no args (the image's own)".into());
                            zh.push("不写 command 和 args（使用镜像自带的）".into());
                        }
                        t(
                            format!("Put back on `{name}`: {}.", en.join(", ")),
                            format!("把 `{name}` 改回：{}。", zh.join("，")),
                        )
                    },
                ],
            );
        }
        Verdict::pass(t(
            format!("`{name}` runs \"{}\" as before", c.image),
            format!("`{name}` 和之前一样运行 \"{}\"", c.image),
        ))
    })
}

fn norm_path(p: &str) -> &str {
    let trimmed = p.trim_end_matches('/');
    if trimmed.is_empty() {
        "/"
    } else {
        trimmed
    }
}

fn mounted(c: &Container, volume: &str, paths: &[&str]) -> Verdict {
    let want = paths.first().copied().unwrap_or("");
    let found: Vec<&str> = c
        .volume_mounts
        .iter()
        .filter(|m| m.name == volume)
        .map(|m| m.mount_path.as_str())
        .collect();
    if found
        .iter()
        .any(|p| paths.iter().any(|w| norm_path(w) == norm_path(p)))
    {
        return Verdict::pass(t(
            format!("`{volume}` is mounted at {want}"),
            format!("`{volume}` 挂载在 {want}"),
        ));
    }
    let detail = if found.is_empty() {
        t(
            format!("`{}` does not mount `{volume}`", c.name),
            format!("`{}` 没有挂载 `{volume}`", c.name),
        )
    } else {
        t(
            format!("`{volume}` is mounted at {}", found.join(", ")),
            format!("`{volume}` 挂载在 {}", found.join("、")),
        )
    };
    Verdict::fail(
        detail,
        [
            t(
                format!("`{}` must see `{volume}` at {want}.", c.name),
                format!("`{}` 必须在 {want} 看到 `{volume}`。", c.name),
            ),
            t(
                "A volume is defined once for the Pod (spec.volumes) and each container that wants it lists it under volumeMounts, with the path where it appears.",
                "卷在 Pod 上定义一次（spec.volumes），每个要用它的容器都在 volumeMounts 里列出它，并写明它出现的路径。",
            ),
            t(
                format!("Under `{}`, add:\nvolumeMounts:\n- name: {volume}\n  mountPath: {want}", c.name),
                format!("在 `{}` 下面加上：\nvolumeMounts:\n- name: {volume}\n  mountPath: {want}", c.name),
            ),
        ],
    )
}

fn empty_dir(pod: &Pod, volume: &str) -> Verdict {
    match pod.volume(volume) {
        Some(v) if v.source == VolumeSource::EmptyDir => Verdict::pass(t(
            format!("`{volume}` is an emptyDir"),
            format!("`{volume}` 是 emptyDir"),
        )),
        other => {
            let detail = match other {
                Some(v) => t(
                    format!("`{volume}` is {} volume", with_article(v.source.type_name())),
                    format!("`{volume}` 是 {} 卷", v.source.type_name()),
                ),
                None => t(
                    format!("the Pod has no volume `{volume}`"),
                    format!("Pod 没有名为 `{volume}` 的卷"),
                ),
            };
            Verdict::fail(
                detail,
                [
                    t(
                        format!("`{volume}` should be an emptyDir, as in the notes."),
                        format!("`{volume}` 应该和笔记里一样是 emptyDir。"),
                    ),
                    t(
                        "An emptyDir is created empty when the Pod starts on its node and lives as long as the Pod: every container that mounts it sees the same files.",
                        "emptyDir 在 Pod 于节点上启动时被创建为空目录，和 Pod 同生共死：挂载它的每个容器看到同样的文件。",
                    ),
                    t(
                        format!("Under spec.volumes:\n- name: {volume}\n  emptyDir: {{}}"),
                        format!("在 spec.volumes 下：\n- name: {volume}\n  emptyDir: {{}}"),
                    ),
                ],
            )
        }
    }
}

fn shared_empty_dir(pod: &Pod, a: &str, b: &str) -> Verdict {
    let (Some(ca), Some(cb)) = (find(pod, a), find(pod, b)) else {
        return missing_container(if find(pod, a).is_none() { a } else { b });
    };
    let shared = ca.volume_mounts.iter().find(|m| {
        cb.volume_mounts.iter().any(|n| n.name == m.name)
            && pod
                .volume(&m.name)
                .is_some_and(|v| v.source == VolumeSource::EmptyDir)
    });
    match shared {
        Some(m) => Verdict::pass(t(
            format!("both mount the emptyDir `{}`", m.name),
            format!("两者都挂载了 emptyDir `{}`", m.name),
        )),
        None => Verdict::fail(
            t(
                format!("`{a}` and `{b}` share no emptyDir volume"),
                format!("`{a}` 和 `{b}` 没有共享的 emptyDir 卷"),
            ),
            [
                t(
                    format!("`{a}` and `{b}` each have their own file system: what one writes, the other cannot see."),
                    format!("`{a}` 和 `{b}` 各有自己的文件系统：一个写的文件，另一个看不到。"),
                ),
                t(
                    "Containers of a Pod share files through a volume: declare it once in spec.volumes, then mount it in both containers.",
                    "Pod 里的容器通过卷共享文件：在 spec.volumes 里声明一次，然后在两个容器里都挂载它。",
                ),
                t(
                    "Add `volumes: [{name: shared, emptyDir: {}}]` to the spec and, in both containers, `volumeMounts: [{name: shared, mountPath: /data}]`.",
                    "在 spec 里加上 `volumes: [{name: shared, emptyDir: {}}]`，并在两个容器里都加上 `volumeMounts: [{name: shared, mountPath: /data}]`。",
                ),
            ],
        ),
    }
}

fn port(c: &Container, container_port: i64, host_port: Option<i64>) -> Verdict {
    let p = c.ports.iter().find(|p| p.container_port == container_port);
    let ok = p.is_some_and(|p| host_port.is_none() || p.host_port == host_port);
    if ok {
        return Verdict::pass(match host_port {
            Some(h) => t(
                format!("containerPort {container_port}, hostPort {h}"),
                format!("containerPort {container_port}，hostPort {h}"),
            ),
            None => t(
                format!("containerPort {container_port}"),
                format!("containerPort {container_port}"),
            ),
        });
    }
    let declared: Vec<String> = c
        .ports
        .iter()
        .map(|p| match p.host_port {
            Some(h) => format!("{} (hostPort {h})", p.container_port),
            None => p.container_port.to_string(),
        })
        .collect();
    let detail = if declared.is_empty() {
        t(
            format!("`{}` declares no ports", c.name),
            format!("`{}` 没有声明端口", c.name),
        )
    } else {
        t(
            format!("`{}` declares {}", c.name, declared.join(", ")),
            format!("`{}` 声明了 {}", c.name, declared.join("、")),
        )
    };
    let host = host_port.unwrap_or(0);
    let (more, solution) = match host_port {
        Some(_) => (
            t(
                "`hostPort` belongs in the same item of `ports` as `containerPort`: the node forwards its own port to the container's port.",
                "`hostPort` 要写在 `ports` 的同一项里，和 `containerPort` 在一起：节点把自己的端口转发到容器的端口。",
            ),
            t(
                format!("Under `{}`:\nports:\n- containerPort: {container_port}\n  hostPort: {host}", c.name),
                format!("在 `{}` 下面：\nports:\n- containerPort: {container_port}\n  hostPort: {host}", c.name),
            ),
        ),
        None => (
            t(
                "`ports` is a list under the container; each item has a `containerPort`.",
                "`ports` 是容器下面的一个列表；每一项都有 `containerPort`。",
            ),
            t(
                format!("Under `{}`:\nports:\n- containerPort: {container_port}", c.name),
                format!("在 `{}` 下面：\nports:\n- containerPort: {container_port}", c.name),
            ),
        ),
    };
    Verdict::fail(
        detail,
        [
            t(
                format!("The port of `{}` is not declared as the task asks.", c.name),
                format!("`{}` 的端口没有按任务要求声明。", c.name),
            ),
            more,
            solution,
        ],
    )
}

fn env(c: &Container, name: &str, value: &str) -> Verdict {
    let found = c.env.iter().find(|e| e.name == name);
    let literal = found.and_then(|e| match &e.source {
        crate::model::EnvSource::Value(v) => Some(v.as_str()),
        _ => None,
    });
    if literal == Some(value) {
        return Verdict::pass(t(format!("{name}={value}"), format!("{name}={value}")));
    }
    let detail = match (found, literal) {
        (None, _) => t(
            format!("`{}` has no variable {name}", c.name),
            format!("`{}` 没有变量 {name}", c.name),
        ),
        (Some(_), Some(v)) => t(format!("{name}={v:?}"), format!("{name}={v:?}")),
        (Some(_), None) => t(
            format!("{name} is not a literal value"),
            format!("{name} 不是字面值"),
        ),
    };
    Verdict::fail(
        detail,
        [
            t(
                format!("`{}` should get {name}={value}.", c.name),
                format!("`{}` 应该得到 {name}={value}。", c.name),
            ),
            t(
                "`env` is a list under the container: each item has a `name` and a `value`, both indented under the item's `-`.",
                "`env` 是容器下面的列表：每一项有 `name` 和 `value`，二者都缩进在该项的 `-` 下面。",
            ),
            t(
                format!("Under `{}`:\nenv:\n- name: {name}\n  value: \"{value}\"", c.name),
                format!("在 `{}` 下面：\nenv:\n- name: {name}\n  value: \"{value}\"", c.name),
            ),
        ],
    )
}

fn probe_of(c: &Container, kind: ProbeKind) -> Option<&crate::model::Probe> {
    match kind {
        ProbeKind::Startup => c.startup_probe.as_ref(),
        ProbeKind::Liveness => c.liveness_probe.as_ref(),
        ProbeKind::Readiness => c.readiness_probe.as_ref(),
    }
}

fn probe_kept(c: &Container, start: Option<&Container>, kind: ProbeKind) -> Verdict {
    let now = probe_of(c, kind);
    let before = start.and_then(|s| probe_of(s, kind));
    if now == before {
        return Verdict::pass(t(
            format!("the {} probe is as given", kind.lower()),
            format!("{}和给定的一样", probe_zh(kind)),
        ));
    }
    let detail = match (now, before) {
        (None, Some(_)) => t(
            format!("`{}` has no {} probe any more", c.name, kind.lower()),
            format!("`{}` 不再有{}", c.name, probe_zh(kind)),
        ),
        _ => t(
            format!("the {} probe of `{}` changed", kind.lower(), c.name),
            format!("`{}` 的{}变了", c.name, probe_zh(kind)),
        ),
    };
    Verdict::fail(
        detail,
        [
            t(
                format!("The {} probe must stay as it is.", kind.lower()),
                format!("{}必须保持原样。", probe_zh(kind)),
            ),
            t(
                "The probe is right for the app once it runs: the task is to make the Pod cope with the app, not to weaken the check.",
                "应用运行起来以后，这个探针是合适的：任务是让 Pod 适应应用，而不是削弱检查。",
            ),
            t(
                format!("Restore the {} probe from the task's manifest and solve it another way.", kind.lower()),
                format!("把{}恢复成任务清单里的样子，换一种办法解决。", probe_zh(kind)),
            ),
        ],
    )
}

fn has_probe(c: &Container, kind: ProbeKind) -> Verdict {
    if probe_of(c, kind).is_some() {
        return Verdict::pass(t(
            format!("`{}` has a {} probe", c.name, kind.lower()),
            format!("`{}` 有{}", c.name, probe_zh(kind)),
        ));
    }
    Verdict::fail(
        t(
            format!("`{}` has no {} probe", c.name, kind.lower()),
            format!("`{}` 没有{}", c.name, probe_zh(kind)),
        ),
        [
            t(
                format!("Removing the {} probe is not the fix.", kind.lower()),
                format!("删掉{}不是解决办法。", probe_zh(kind)),
            ),
            t(
                "Without a readiness probe, a container counts as ready as soon as it starts, even when it cannot serve yet: Services would send it traffic too early.",
                "没有就绪探针时，容器一启动就算就绪，即使它还不能提供服务：Service 会过早地把流量发给它。",
            ),
            t(
                format!("Put the {} probe back and make it ask something that answers with success.", kind.lower()),
                format!("把{}加回来，让它检查一个会返回成功的地方。", probe_zh(kind)),
            ),
        ],
    )
}

fn hooks_kept(c: &Container, start: Option<&Container>) -> Verdict {
    let before = start.map(|s| &s.lifecycle);
    if Some(&c.lifecycle) == before {
        return Verdict::pass(t("both hooks as given", "两个钩子和给定的一样"));
    }
    Verdict::fail(
        t(
            format!("the lifecycle hooks of `{}` changed", c.name),
            format!("`{}` 的生命周期钩子变了", c.name),
        ),
        [
            t(
                "Keep the postStart and preStop hooks as the notes write them.",
                "保持笔记里写的 postStart 和 preStop 钩子不变。",
            ),
            t(
                "`lifecycle` sits under the container, at the same level as `image`; `postStart` and `preStop` sit under `lifecycle`.",
                "`lifecycle` 在容器下面，和 `image` 同级；`postStart` 和 `preStop` 在 `lifecycle` 下面。",
            ),
            t(
                "Copy the `lifecycle` block of the task's manifest back under the container, unchanged.",
                "把任务清单里的 `lifecycle` 整块原样放回容器下面。",
            ),
        ],
    )
}

fn memory_limit(c: &Container) -> Verdict {
    match c.resources.limits.memory {
        Some(m) if m > 0 => Verdict::pass(t(
            format!("limits.memory = {m} bytes"),
            format!("limits.memory = {m} 字节"),
        )),
        _ => Verdict::fail(
            t(
                format!("`{}` has no memory limit", c.name),
                format!("`{}` 没有内存上限", c.name),
            ),
            [
                t(
                    "Removing the memory limit is not the fix.",
                    "删掉内存上限不是解决办法。",
                ),
                t(
                    "Without a limit, a container can use all the node's memory and hurt every other Pod there. Keep one, and make it big enough for what the program really uses.",
                    "没有上限，容器可以用光节点的内存，伤害节点上的其他 Pod。保留上限，并让它足够容纳程序真正用到的内存。",
                ),
                t(
                    "Put `resources.limits.memory` back, above what the program allocates.",
                    "把 `resources.limits.memory` 加回来，设得比程序分配的内存大。",
                ),
            ],
        ),
    }
}

fn app_containers(pod: &Pod, at_least: usize) -> Verdict {
    let n = pod.containers.len();
    if n >= at_least {
        return Verdict::pass(t(format!("{n} containers"), format!("{n} 个容器")));
    }
    Verdict::fail(
        t(format!("{n} container(s)"), format!("{n} 个容器")),
        [
            t(
                format!("The Pod needs at least {at_least} containers."),
                format!("Pod 至少需要 {at_least} 个容器。"),
            ),
            t(
                "`containers` is a list: each `- name: …` item at the same indentation is one more container in the same Pod.",
                "`containers` 是一个列表：同一缩进的每个 `- name: …` 项都是同一个 Pod 里的又一个容器。",
            ),
            t(
                "Add an item under `containers`:\n- name: sidecar\n  image: busybox:1.36\n  command: [\"sleep\", \"3600\"]",
                "在 `containers` 下面加一项：\n- name: sidecar\n  image: busybox:1.36\n  command: [\"sleep\", \"3600\"]",
            ),
        ],
    )
}

fn native_sidecar(pod: &Pod, name: &str) -> Verdict {
    match pod.init_containers.iter().find(|c| c.name == name) {
        Some(c) if c.restart_policy_always => Verdict::pass(t(
            format!("`{name}` is an init container with restartPolicy: Always"),
            format!("`{name}` 是 restartPolicy: Always 的 Init 容器"),
        )),
        found => Verdict::fail(
            match found {
                Some(_) => t(
                    format!("`{name}` is a regular init container"),
                    format!("`{name}` 是普通的 Init 容器"),
                ),
                None => t(
                    format!("no init container `{name}`"),
                    format!("没有名为 `{name}` 的 Init 容器"),
                ),
            },
            [
                t(
                    format!("`{name}` never exits, and a regular init container must exit before the next container starts."),
                    format!("`{name}` 永远不会退出，而普通 Init 容器必须退出，下一个容器才会启动。"),
                ),
                t(
                    "An init container with `restartPolicy: Always` is a native sidecar: the kubelet starts it, then goes on with the next container while it keeps running.",
                    "带 `restartPolicy: Always` 的 Init 容器就是原生边车：kubelet 启动它之后就继续启动下一个容器，而它一直运行。",
                ),
                t(
                    format!("Keep `{name}` under initContainers and add `restartPolicy: Always` to it."),
                    format!("让 `{name}` 留在 initContainers 下，并给它加上 `restartPolicy: Always`。"),
                ),
            ],
        ),
    }
}

fn created(ctx: &Ctx<'_>, kind: &str, name: &str) -> Verdict {
    let PlayInput::Play { world, left_out } = &ctx.played.input else {
        return not_created();
    };
    let ns = &world.pod.meta.namespace;
    let found = match kind {
        "Service" => world
            .services
            .iter()
            .any(|s| s.meta.name == name && s.meta.namespace == *ns),
        "Secret" => world.secret(name).is_some(),
        "ConfigMap" => world.config_map(name).is_some(),
        _ => false,
    };
    if found {
        return Verdict::pass(t(
            format!("{kind} \"{name}\" created"),
            format!("已创建 {kind} \"{name}\""),
        ));
    }
    if let Some(o) = left_out.iter().find(|o| o.kind == kind && o.name == name) {
        return Verdict::fail(
            t(
                format!("{kind} \"{name}\" is refused: {}", o.message.en),
                format!("{kind} \"{name}\" 被拒绝：{}", o.message.zh),
            ),
            [
                t(
                    format!("The {kind} `{name}` is in the text, but it is not created."),
                    format!("文本里有 {kind} `{name}`，但它没有被创建。"),
                ),
                t(
                    format!("The API server says: {}", o.message.en),
                    format!("API Server 说：{}", o.message.zh),
                ),
                t(
                    "Fix that document (its problems are listed in the problems panel) and check again.",
                    "修好那个文档（它的问题列在问题面板里），再检查一次。",
                ),
            ],
        );
    }
    Verdict::fail(
        t(
            format!("no {kind} \"{name}\" in the Pod's namespace"),
            format!("Pod 所在的命名空间里没有 {kind} \"{name}\""),
        ),
        [
            t(
                format!("The Pod needs a {kind} named `{name}`, and nothing creates it."),
                format!("Pod 需要名为 `{name}` 的 {kind}，但没有东西创建它。"),
            ),
            t(
                format!("Objects can travel together: put the {kind} in the same text, after a line `---`, in the Pod's namespace."),
                format!("对象可以放在一起：把 {kind} 写进同一段文本，用一行 `---` 隔开，放在 Pod 的命名空间里。"),
            ),
            t(
                format!("Add `---` and a document with `apiVersion: v1`, `kind: {kind}` and `metadata.name: {name}`."),
                format!("加上 `---` 和一个文档：`apiVersion: v1`、`kind: {kind}`、`metadata.name: {name}`。"),
            ),
        ],
    )
}

fn no_host_pid(pod: &Pod) -> Verdict {
    if !pod.host_pid {
        return Verdict::pass(t("hostPID is not set", "没有设置 hostPID"));
    }
    Verdict::fail(
        t("hostPID: true", "hostPID: true"),
        [
            t(
                "hostPID: true does not share the Pod's processes: it puts the containers in the node's PID namespace.",
                "hostPID: true 并不是共享 Pod 内的进程：它把容器放进了节点的 PID 命名空间。",
            ),
            t(
                "In the node's PID namespace a container sees every process of the node — the kubelet, the container runtime, other Pods' programs — and could signal them. That is a hole in the Pod's isolation, not what a Pod shares.",
                "在节点的 PID 命名空间里，容器能看到节点上的所有进程——kubelet、容器运行时、其他 Pod 的程序——还能给它们发信号。这是 Pod 隔离上的漏洞，而不是 Pod 内的共享。",
            ),
            t(
                "Remove hostPID and set `shareProcessNamespace: true` in the Pod's spec: one PID namespace for this Pod's containers only, with pause as PID 1.",
                "去掉 hostPID，在 Pod 的 spec 里设置 `shareProcessNamespace: true`：只有本 Pod 的容器共用一个 PID 命名空间，pause 是 1 号进程。",
            ),
        ],
    )
    .specific()
}

fn qos(pod: &Pod, want: QosClass) -> Verdict {
    let got = pod.qos_class();
    if got == want {
        return Verdict::pass(t(
            format!("QoS class {}", got.as_str()),
            format!("QoS 类别 {}", got.as_str()),
        ));
    }
    // The containers that keep the Pod from Guaranteed.
    let short: Vec<String> = pod
        .init_containers
        .iter()
        .chain(pod.containers.iter())
        .filter(|c| {
            let r = &c.resources;
            let full = |l: Option<i64>, q: Option<i64>| l.is_some_and(|l| l > 0) && q == l;
            !(full(r.limits.cpu_milli, r.requests.cpu_milli)
                && full(r.limits.memory, r.requests.memory))
        })
        .map(|c| format!("`{}`", c.name))
        .collect();
    let which = if short.is_empty() {
        String::new()
    } else {
        short.join(", ")
    };
    Verdict::fail(
        t(
            format!("QoS class {} (not equal requests and limits: {which})", got.as_str()),
            format!("QoS 类别 {}（requests 与 limits 不相等：{which}）", got.as_str()),
        ),
        [
            t(
                format!("The Pod is {}, not {}.", got.as_str(), want.as_str()),
                format!("Pod 是 {}，不是 {}。", got.as_str(), want.as_str()),
            ),
            t(
                format!("Guaranteed needs every container — init containers too — to have cpu and memory limits, with requests equal to them. Not yet: {which}."),
                format!("Guaranteed 要求每个容器——包括 Init 容器——都设置 cpu 和 memory 的 limits，并且 requests 与之相等。还不满足的：{which}。"),
            ),
            t(
                "Give each of them `resources.limits` with both `cpu` and `memory`, and either no requests (they default to the limits) or requests equal to the limits.",
                "给它们每一个都设置包含 `cpu` 和 `memory` 的 `resources.limits`，requests 要么不写（默认等于 limits），要么与 limits 相等。",
            ),
        ],
    )
}

// ---- the run

fn container_or_fail(run: &Run, name: &str) -> Result<usize, Box<Verdict>> {
    run.container_index(name)
        .ok_or_else(|| Box::new(missing_container(name)))
}

/// When the container first ran.
fn first_start(run: &Run, i: usize) -> Option<SimTime> {
    run.timeline(i)?.states.iter().find_map(|(_, s)| match s {
        CState::Running { started_at } => Some(*started_at),
        _ => None,
    })
}

/// The container, when it first ran and the end of the `secs` after that; or the verdict that
/// it is missing or never ran.
fn started_for(
    run: &Run,
    container: &str,
    secs: u64,
) -> Result<(usize, SimTime, SimTime), Box<Verdict>> {
    let i = container_or_fail(run, container)?;
    let start = first_start(run, i).ok_or_else(|| Box::new(never_ran(container)))?;
    Ok((i, start, start.saturating_add(secs * 1000)))
}

fn sees_processes(run: &Run, pod: Option<&Pod>, viewer: &str, target: &str) -> Verdict {
    let (v, g) = match (
        container_or_fail(run, viewer),
        container_or_fail(run, target),
    ) {
        (Ok(v), Ok(g)) => (v, g),
        (Err(e), _) | (_, Err(e)) => return *e,
    };
    // Every time either container changed, and the end of the run.
    let mut times: Vec<SimTime> = Vec::new();
    for i in [v, g] {
        if let Some(tl) = run.timeline(i) {
            times.extend(tl.states.iter().map(|(t, _)| t));
        }
    }
    times.push(run.end());
    crate::sort::sort(&mut times);
    times.dedup();
    for at in times {
        let snap = run.state_at(at);
        let Some(view) = snap.containers.get(v) else {
            continue;
        };
        let seen: Vec<&str> = view
            .processes
            .iter()
            .filter(|p| p.container == Some(g))
            .map(|p| p.command.as_str())
            .collect();
        if let Some(first) = seen.first() {
            return Verdict::pass(t(
                format!(
                    "at {} `ps` in `{viewer}` lists \"{first}\" of `{target}`",
                    secs_text(at)
                ),
                format!(
                    "{} 时在 `{viewer}` 里 `ps` 列出了 `{target}` 的 \"{first}\"",
                    secs_text(at)
                ),
            ));
        }
    }
    let _ = pod;
    Verdict::fail(
        t(
            format!("`ps` in `{viewer}` never lists a process of `{target}`"),
            format!("在 `{viewer}` 里 `ps` 从来看不到 `{target}` 的进程"),
        ),
        [
            t(
                format!("Each container still has its own PID namespace: `{viewer}` sees only its own processes."),
                format!("每个容器仍然有自己的 PID 命名空间：`{viewer}` 只看得到自己的进程。"),
            ),
            t(
                "The pause container holds the Pod's net, ipc and uts namespaces for everyone; the PID namespace is shared only when the Pod asks for it.",
                "pause 容器为所有容器持有 Pod 的 net、ipc 和 uts 命名空间；PID 命名空间只有在 Pod 要求时才共享。",
            ),
            t(
                "Add `shareProcessNamespace: true` to the Pod's spec (beside `containers`).",
                "在 Pod 的 spec 里（和 `containers` 同级）加上 `shareProcessNamespace: true`。",
            ),
        ],
    )
}

/// Liveness `Killing` events of container `i`, in time order.
fn liveness_kills(run: &Run, i: usize) -> impl Iterator<Item = SimTime> + '_ {
    run.events()
        .iter()
        .filter(move |e| {
            e.reason == "Killing"
                && e.container == Some(i)
                && e.cause.0.iter().any(|r| {
                    matches!(
                        r,
                        Rule::KilledByProbe {
                            kind: ProbeKind::Liveness
                        }
                    )
                })
        })
        .map(|e| e.t)
}

fn not_killed_before(run: &Run, container: &str, secs: u64) -> Verdict {
    let (i, start, limit) = match started_for(run, container, secs) {
        Ok(x) => x,
        Err(e) => return *e,
    };
    match liveness_kills(run, i).next() {
        Some(k) if k < limit => Verdict::fail(
            t(
                format!("killed at {}, {} after it started", secs_text(k), secs_text(SimTime(k.0 - start.0))),
                format!("在 {} 被杀掉，距启动 {}", secs_text(k), secs_text(SimTime(k.0 - start.0))),
            ),
            [
                t(
                    "The probe kills a container that is still healthy.",
                    "探针杀掉了一个仍然健康的容器。",
                ),
                t(
                    format!("For its first {secs} s the program works: a liveness probe that fails then checks the wrong thing or gives up too early."),
                    format!("在前 {secs} 秒里程序是正常的：这时失败的存活探针要么检查错了东西，要么放弃得太早。"),
                ),
                t(
                    "Keep the probe checking what it checked; make it react faster only once the program is really unhealthy (a shorter periodSeconds and a smaller failureThreshold).",
                    "让探针继续检查原来检查的东西；只在程序真的不健康之后更快地反应（更短的 periodSeconds 和更小的 failureThreshold）。",
                ),
            ],
        ),
        _ => Verdict::pass(t(
            format!("not killed before {}", secs_text(limit)),
            format!("{} 之前没有被杀掉", secs_text(limit)),
        )),
    }
}

fn never_ran(container: &str) -> Verdict {
    Verdict::fail(
        t(
            format!("`{container}` never started"),
            format!("`{container}` 从未启动"),
        ),
        [
            t(
                format!("`{container}` never runs in the simulation."),
                format!("在模拟中 `{container}` 从未运行。"),
            ),
            t(
                "Play the Pod and look at the events: they say what the kubelet is waiting for.",
                "运行 Pod 并查看事件：它们会说明 kubelet 在等什么。",
            ),
            t(
                "Fix what keeps the container from starting (an image, a volume, an init container that never ends), then check again.",
                "修好阻止容器启动的问题（镜像、卷、永不结束的 Init 容器），再检查一次。",
            ),
        ],
    )
}

fn liveness_kill_by(run: &Run, container: &str, secs: u64) -> Verdict {
    let (i, start, limit) = match started_for(run, container, secs) {
        Ok(x) => x,
        Err(e) => return *e,
    };
    let first = liveness_kills(run, i).next();
    match first {
        Some(k) if k <= limit => Verdict::pass(t(
            format!("first liveness kill at {} ({} after it started)", secs_text(k), secs_text(SimTime(k.0 - start.0))),
            format!("第一次因存活探针被杀是在 {}（启动后 {}）", secs_text(k), secs_text(SimTime(k.0 - start.0))),
        )),
        other => Verdict::fail(
            match other {
                Some(k) => t(
                    format!("first liveness kill at {}, {} after it started", secs_text(k), secs_text(SimTime(k.0 - start.0))),
                    format!("第一次因存活探针被杀是在 {}，启动后 {}", secs_text(k), secs_text(SimTime(k.0 - start.0))),
                ),
                None => t(
                    "the liveness probe never kills it",
                    "存活探针从未杀掉它",
                ),
            },
            [
                t(
                    "The kubelet notices the failure too late.",
                    "kubelet 发现故障太晚了。",
                ),
                t(
                    "Once the program is unhealthy, the kubelet kills the container only after failureThreshold probes in a row have failed, one every periodSeconds: up to periodSeconds × failureThreshold.",
                    "程序不健康之后，要连续 failureThreshold 次探测失败（每 periodSeconds 一次），kubelet 才会杀掉容器：最长 periodSeconds × failureThreshold。",
                ),
                t(
                    "Probe more often and give up sooner: lower periodSeconds and failureThreshold until periodSeconds × failureThreshold fits in the time allowed.",
                    "探测得更频繁、放弃得更早：降低 periodSeconds 和 failureThreshold，直到 periodSeconds × failureThreshold 在允许的时间之内。",
                ),
            ],
        ),
    }
}

fn no_restarts(run: &Run, secs: u64) -> Verdict {
    let at = SimTime::from_secs(secs).min(run.end());
    let snap = run.state_at(at);
    let restarted: Vec<String> = snap
        .containers
        .iter()
        .filter(|c| c.restart_count > 0)
        .map(|c| format!("`{}` ({})", c.info.name, c.restart_count))
        .collect();
    if restarted.is_empty() {
        return Verdict::pass(t(
            format!("no restarts by {}", secs_text(at)),
            format!("到 {} 为止没有重启", secs_text(at)),
        ));
    }
    let list = restarted.join(", ");
    Verdict::fail(
        t(
            format!("restarted by {}: {list}", secs_text(at)),
            format!("到 {} 为止重启过：{list}", secs_text(at)),
        ),
        [
            t(
                format!("A container is restarted: {list}."),
                format!("有容器被重启了：{list}。"),
            ),
            t(
                "Play the Pod and look at the events before each restart: a probe that kills it (Killing), or the program exiting (look at Last State and its reason).",
                "运行 Pod，看每次重启之前的事件：是探针杀掉了它（Killing），还是程序自己退出了（看 Last State 和原因）。",
            ),
            t(
                "Remove the cause the events show, without changing what the task says to keep.",
                "消除事件显示的原因，同时不要改动任务要求保留的内容。",
            ),
        ],
    )
}

fn no_oom(run: &Run, secs: u64) -> Verdict {
    let limit = SimTime::from_secs(secs);
    for (i, info) in run.containers().iter().enumerate() {
        let Some(tl) = run.timeline(i) else { continue };
        let oom = tl.states.iter().find(|(at, s)| {
            *at <= limit && matches!(s, CState::Terminated(x) if x.reason == "OOMKilled")
        });
        if let Some((at, _)) = oom {
            return Verdict::fail(
                t(
                    format!("`{}` OOMKilled at {}", info.name, secs_text(at)),
                    format!("`{}` 在 {} 被 OOMKilled", info.name, secs_text(at)),
                ),
                [
                    t(
                        format!("`{}` uses more memory than its limit allows.", info.name),
                        format!("`{}` 用的内存超过了上限。", info.name),
                    ),
                    t(
                        "A container that goes over its memory limit is killed by the kernel's OOM killer (exit code 137, reason OOMKilled) and then restarted. The program's need does not change: the limit must fit it.",
                        "容器超过内存上限时，会被内核的 OOM killer 杀掉（退出码 137，原因 OOMKilled），然后被重启。程序需要的内存不会变：上限必须容得下它。",
                    ),
                    t(
                        "Raise `resources.limits.memory` above what the program allocates plus a little for the process itself (e.g. 300Mi for 250M).",
                        "把 `resources.limits.memory` 提高到程序分配的内存再加上一点进程本身的开销之上（例如 250M 用 300Mi）。",
                    ),
                ],
            );
        }
    }
    Verdict::pass(t(
        format!("no OOMKilled by {}", secs_text(limit.min(run.end()))),
        format!("到 {} 为止没有 OOMKilled", secs_text(limit.min(run.end()))),
    ))
}

/// Why the Pod is not Ready at `at`: each container's state in a few words.
fn not_ready_detail(run: &Run, at: SimTime) -> String {
    let snap = run.state_at(at);
    let parts: Vec<String> = snap
        .containers
        .iter()
        .filter(|c| c.info.kind != crate::sim::ContainerKind::Init || !c.ready)
        .map(|c| {
            let state = c
                .state
                .map(|s| s.reason().unwrap_or(s.word()))
                .unwrap_or("not created");
            let ready = if c.ready { "ready" } else { "not ready" };
            format!("{}: {state}, {ready}", c.info.name)
        })
        .collect();
    format!("{} ({})", snap.status, parts.join("; "))
}

fn ready_by(run: &Run, secs: Option<u64>) -> Verdict {
    let tr = run.condition_track(ConditionType::Ready);
    match secs {
        Some(s) => {
            let limit = SimTime::from_secs(s);
            let first = tr.iter().find(|(_, c)| c.status).map(|(at, _)| at);
            match first {
                Some(at) if at <= limit => Verdict::pass(t(
                    format!("Ready at {}", secs_text(at)),
                    format!("{} 时 Ready", secs_text(at)),
                )),
                other => {
                    let detail = not_ready_detail(run, limit.min(run.end()));
                    let when = match other {
                        Some(at) => format!(" (Ready only at {})", secs_text(at)),
                        None => String::new(),
                    };
                    not_ready(
                        t(
                            format!("not Ready at {}: {detail}{when}", secs_text(limit)),
                            format!("{} 时未 Ready：{detail}{when}", secs_text(limit)),
                        ),
                        &detail,
                    )
                }
            }
        }
        None => {
            let end = run.end();
            if tr.at(end).is_some_and(|c| c.status) {
                return Verdict::pass(t(
                    format!("Ready at {}", secs_text(end)),
                    format!("{} 时 Ready", secs_text(end)),
                ));
            }
            let detail = not_ready_detail(run, end);
            not_ready(
                t(
                    format!("not Ready at {}: {detail}", secs_text(end)),
                    format!("{} 时未 Ready：{detail}", secs_text(end)),
                ),
                &detail,
            )
        }
    }
}

fn not_ready(detail: Text, state: &str) -> Verdict {
    Verdict::fail(
        detail,
        [
            t(
                format!("The Pod is not Ready in time: {state}."),
                format!("Pod 没有及时 Ready：{state}。"),
            ),
            t(
                "A Pod is Ready when every container is running and each readiness probe (if any) has succeeded. Play it and look at the events: Unhealthy means a probe fails; BackOff means a container keeps exiting.",
                "当每个容器都在运行，且各自的就绪探针（如果有）已经成功时，Pod 才是 Ready。运行它并查看事件：Unhealthy 表示探针失败；BackOff 表示容器不断退出。",
            ),
            t(
                "Fix what the first Warning event names, then check again.",
                "修好第一个 Warning 事件指出的问题，再检查一次。",
            ),
        ],
    )
}

fn phase_by(run: &Run, phase: Phase, secs: u64) -> Verdict {
    let limit = SimTime::from_secs(secs);
    if let Some((at, _)) = run
        .phase_track()
        .iter()
        .find(|(at, p)| *at <= limit && **p == phase)
    {
        return Verdict::pass(t(
            format!("{} at {}", phase.as_str(), secs_text(at)),
            format!("{} 时为 {}", secs_text(at), phase.as_str()),
        ));
    }
    let snap = run.state_at(limit.min(run.end()));
    Verdict::fail(
        t(
            format!("at {} the phase is {} ({})", secs_text(limit), snap.phase.as_str(), snap.status),
            format!("{} 时阶段是 {}（{}）", secs_text(limit), snap.phase.as_str(), snap.status),
        ),
        [
            t(
                format!("The Pod does not reach {} in time.", phase.as_str()),
                format!("Pod 没有及时进入 {}。", phase.as_str()),
            ),
            t(
                "The phase sums up the containers: Running while any runs or will be restarted; Succeeded or Failed only when all have stopped and none will be restarted — which the restart policy decides.",
                "阶段是对容器的总结：只要有容器在运行或会被重启，就是 Running；只有全部停止且不会再重启时，才是 Succeeded 或 Failed——这由重启策略决定。",
            ),
            t(
                "Look at restartPolicy: with Always (the default) a container that exits is restarted, so the Pod never finishes; Never lets it end.",
                "看看 restartPolicy：Always（默认）会重启退出的容器，Pod 永远不会结束；Never 才让它结束。",
            ),
        ],
    )
}

fn running_after_init(run: &Run, init: &str, secs: u64) -> Verdict {
    let i = match container_or_fail(run, init) {
        Ok(i) => i,
        Err(e) => return *e,
    };
    let limit = SimTime::from_secs(secs);
    let mut times: Vec<SimTime> = run.phase_track().iter().map(|(t, _)| t).collect();
    if let Some(tl) = run.timeline(i) {
        times.extend(tl.states.iter().map(|(t, _)| t));
    }
    times.retain(|t| *t <= limit);
    crate::sort::sort(&mut times);
    for at in times {
        let snap = run.state_at(at);
        let done = snap.containers.get(i).and_then(|c| c.state).is_some_and(
            |s| matches!(s, CState::Terminated(x) if x.reason == "Completed" && x.exit_code == 0),
        );
        if snap.phase == Phase::Running && done {
            return Verdict::pass(t(
                format!("Running at {} with `{init}` Completed", secs_text(at)),
                format!("{} 时 Running，`{init}` 已 Completed", secs_text(at)),
            ));
        }
    }
    let snap = run.state_at(limit.min(run.end()));
    Verdict::fail(
        t(
            format!("at {}: {} ({})", secs_text(limit), snap.status, snap.phase.as_str()),
            format!("{} 时：{}（{}）", secs_text(limit), snap.status, snap.phase.as_str()),
        ),
        [
            t(
                format!("The init container `{init}` does not complete in time, so the app containers never start."),
                format!("Init 容器 `{init}` 没有及时完成，所以应用容器永远不会启动。"),
            ),
            t(
                "Init containers run one at a time and each must exit 0 before the next starts. Play the Pod and read the init container's log: it says what it waits for.",
                "Init 容器逐个运行，每个都必须以 0 退出，下一个才会启动。运行 Pod 并读一读 Init 容器的日志：它会说明自己在等什么。",
            ),
            t(
                "Give the init container what it waits for, without changing its command, then check again.",
                "在不改动它的命令的前提下，给 Init 容器它在等的东西，再检查一次。",
            ),
        ],
    )
}

fn running_together(run: &Run, a: &str, b: &str, secs: u64) -> Verdict {
    let (ia, ib) = match (container_or_fail(run, a), container_or_fail(run, b)) {
        (Ok(x), Ok(y)) => (x, y),
        (Err(e), _) | (_, Err(e)) => return *e,
    };
    let at = SimTime::from_secs(secs).min(run.end());
    let snap = run.state_at(at);
    let word = |i: usize| {
        snap.containers
            .get(i)
            .and_then(|c| c.state)
            .map(|s| s.reason().unwrap_or(s.word()))
            .unwrap_or("not created")
    };
    let running = |i: usize| {
        snap.containers
            .get(i)
            .and_then(|c| c.state)
            .is_some_and(CState::is_running)
    };
    if running(ia) && running(ib) {
        return Verdict::pass(t(
            format!("both running at {}", secs_text(at)),
            format!("{} 时两者都在运行", secs_text(at)),
        ));
    }
    Verdict::fail(
        t(
            format!("at {}: `{a}` {}, `{b}` {}", secs_text(at), word(ia), word(ib)),
            format!("{} 时：`{a}` {}，`{b}` {}", secs_text(at), word(ia), word(ib)),
        ),
        [
            t(
                format!("`{a}` and `{b}` are not running side by side."),
                format!("`{a}` 和 `{b}` 没有同时运行。"),
            ),
            t(
                "Play the Pod and look at both containers at that time: the STATUS column and the events say what holds one of them back.",
                "运行 Pod，看看那个时刻的两个容器：STATUS 列和事件会说明是什么拖住了其中一个。",
            ),
            t(
                "Remove what keeps one of them from running (an init container that never ends holds every later container back), then check again.",
                "消除让其中一个无法运行的原因（永不结束的 Init 容器会拖住后面所有容器），再检查一次。",
            ),
        ],
    )
}

fn post_start_ok(run: &Run, container: &str, secs: u64) -> Verdict {
    let i = match container_or_fail(run, container) {
        Ok(i) => i,
        Err(e) => return *e,
    };
    let limit = SimTime::from_secs(secs);
    let hooks = run.timeline(i).map(|tl| tl.hooks).unwrap_or(&[]);
    let post: Vec<_> = hooks
        .iter()
        .filter(|h| h.kind == crate::sim::HookKind::PostStart && h.start <= limit)
        .collect();
    if let Some(h) = post.iter().find(|h| h.ok == Some(true)) {
        return Verdict::pass(t(
            format!("postStart ran at {} and succeeded", secs_text(h.start)),
            format!("postStart 在 {} 运行并成功", secs_text(h.start)),
        ));
    }
    let detail = if post.iter().any(|h| h.ok == Some(false)) {
        t("the postStart hook fails", "postStart 钩子失败了")
    } else {
        t(
            format!("no postStart hook ran by {}", secs_text(limit)),
            format!("到 {} 为止没有运行 postStart 钩子", secs_text(limit)),
        )
    };
    Verdict::fail(
        detail,
        [
            t(
                "The postStart hook does not succeed.",
                "postStart 钩子没有成功。",
            ),
            t(
                "postStart runs in the container right after it is created; until it returns, the container is not Running, and if it fails the kubelet kills the container (FailedPostStartHook).",
                "postStart 在容器创建后立即在容器里运行；它返回之前容器不是 Running，如果它失败，kubelet 会杀掉容器（FailedPostStartHook）。",
            ),
            t(
                "Keep the hook as the notes write it and make sure the container it runs in exists and starts.",
                "保持笔记里写的钩子，并确保它所在的容器存在且能启动。",
            ),
        ],
    )
}

fn on_node(run: &Run, node: &str) -> Verdict {
    let bound = run.node_name();
    let ran = run.phase_track().iter().any(|(_, p)| *p == Phase::Running);
    if bound == Some(node) && ran {
        return Verdict::pass(t(format!("running on {node}"), format!("运行在 {node} 上")));
    }
    let detail = match bound {
        Some(n) if n != node => t(
            format!("the scheduler put it on {n}"),
            format!("调度器把它放在了 {n} 上"),
        ),
        Some(n) => t(
            format!("bound to {n} but never Running"),
            format!("绑定到了 {n}，但从未 Running"),
        ),
        None => {
            let snap = run.state_at(run.end());
            t(
                format!("never scheduled: {}", snap.status),
                format!("从未被调度：{}", snap.status),
            )
        }
    };
    Verdict::fail(
        detail,
        [
            t(
                format!("The Pod does not run on {node}."),
                format!("Pod 没有运行在 {node} 上。"),
            ),
            t(
                "The scheduler picks any node that fits unless the Pod says which: `nodeSelector` (labels the node must have), node affinity (rules on labels), or `nodeName` (skip the scheduler). The nodes of this lesson are labelled disktype=hdd and disktype=ssd.",
                "除非 Pod 指明，调度器会挑任何合适的节点：`nodeSelector`（节点必须有的标签）、节点亲和性（基于标签的规则），或 `nodeName`（跳过调度器）。本课的节点分别带有 disktype=hdd 和 disktype=ssd 标签。",
            ),
            t(
                "Under spec, with the label indented under the key:\nnodeSelector:\n  disktype: ssd",
                "在 spec 下面写（标签要缩进在键下面）：\nnodeSelector:\n  disktype: ssd",
            ),
        ],
    )
}

fn hosts_map(run: &Run, pod: Option<&Pod>, names: &[&str], ip: &str) -> Verdict {
    let Some(pod) = pod else {
        return not_played();
    };
    let Some(first) = pod.containers.first() else {
        return never_ran("?");
    };
    let Some(i) = run.container_index(&first.name) else {
        return never_ran(&first.name);
    };
    if first_start(run, i).is_none() {
        return never_ran(&first.name);
    }
    let pod_ip = run.pod_ip_ever().unwrap_or("");
    let node = run.node_name().unwrap_or("");
    let hosts = hosts::etc_hosts(pod, pod_ip, node);
    let wrong: Vec<String> = names
        .iter()
        .filter_map(|n| match hosts::lookup_hosts(&hosts, n) {
            Some(got) if got == ip => None,
            Some(got) => Some(format!("{n} → {got}")),
            None => Some(format!("{n} → (not found)")),
        })
        .collect();
    if wrong.is_empty() {
        return Verdict::pass(t(
            format!(
                "/etc/hosts of `{}` maps {} to {ip}",
                first.name,
                names.join(", ")
            ),
            format!(
                "`{}` 的 /etc/hosts 把 {} 映射到 {ip}",
                first.name,
                names.join("、")
            ),
        ));
    }
    let list = wrong.join(", ");
    Verdict::fail(
        t(
            format!("/etc/hosts of `{}`: {list}", first.name),
            format!("`{}` 的 /etc/hosts：{list}", first.name),
        ),
        [
            t(
                format!("The container's /etc/hosts does not map every name to {ip}: {list}."),
                format!("容器的 /etc/hosts 没有把每个名字都映射到 {ip}：{list}。"),
            ),
            t(
                "The kubelet writes each container's /etc/hosts itself (edits inside the container are lost on restart); the Pod adds lines to it with `hostAliases`, a list of `ip` with its `hostnames`.",
                "每个容器的 /etc/hosts 都由 kubelet 自己写（在容器里改会在重启时丢失）；Pod 用 `hostAliases` 往里加行：一个列表，每项是一个 `ip` 和它的 `hostnames`。",
            ),
            t(
                format!("Under spec:\nhostAliases:\n- ip: \"{ip}\"\n  hostnames:\n  - \"{}\"", names.join("\"\n  - \"")),
                format!("在 spec 下面：\nhostAliases:\n- ip: \"{ip}\"\n  hostnames:\n  - \"{}\"", names.join("\"\n  - \"")),
            ),
        ],
    )
}

fn log_contains(run: &Run, container: Option<&str>, text: &str, secs: u64) -> Verdict {
    let limit = SimTime::from_secs(secs);
    let indices: Vec<usize> = match container {
        Some(name) => match container_or_fail(run, name) {
            Ok(i) => vec![i],
            Err(e) => return *e,
        },
        None => (0..run.containers().len()).collect(),
    };
    for i in &indices {
        let mut log = String::new();
        for chunk in run.log_chunks(*i, limit) {
            log.push_str(&chunk.text);
        }
        if log.contains(text) {
            let name = run
                .containers()
                .get(*i)
                .map(|c| c.name.as_str())
                .unwrap_or("");
            return Verdict::pass(t(
                format!("`{name}` printed \"{text}\""),
                format!("`{name}` 输出了 \"{text}\""),
            ));
        }
    }
    // What was printed instead (the last line of the first container that printed anything).
    let mut last = String::new();
    for i in &indices {
        let mut log = String::new();
        for chunk in run.log_chunks(*i, limit) {
            log.push_str(&chunk.text);
        }
        if let Some(l) = log.lines().rev().find(|l| !l.trim().is_empty()) {
            last = l.chars().take(120).collect();
            break;
        }
    }
    let detail = if last.is_empty() {
        t(
            format!("nothing printed by {}", secs_text(limit)),
            format!("到 {} 为止没有任何输出", secs_text(limit)),
        )
    } else {
        t(
            format!("the log says \"{last}\""),
            format!("日志内容是 \"{last}\""),
        )
    };
    Verdict::fail(
        detail,
        [
            t(
                format!("\"{text}\" never appears in the log."),
                format!("日志里从来没有出现 \"{text}\"。"),
            ),
            t(
                "The log is what the container's program prints. Play the Pod and read the container's log and its Last State: they show what the program really ran.",
                "日志就是容器里程序的输出。运行 Pod，读一读容器的日志和 Last State：它们显示程序实际运行了什么。",
            ),
            t(
                "Look at command and args: they decide what the program runs and so what it prints.",
                "看看 command 和 args：它们决定程序运行什么，也就决定了它输出什么。",
            ),
        ],
    )
}
