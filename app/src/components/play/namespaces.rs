//! The pod as a sandbox: the pause container holds the net, ipc and uts namespaces, each container
//! joins them when it starts (and the pid namespace too with `shareProcessNamespace`), every
//! container keeps its own mount namespace while volumes are shared, and `hostNetwork` /
//! `hostPID` / `hostIPC` put the node's namespaces in their place. Below: `ls -l /proc/PID/ns/` for
//! every container with equal inode numbers highlighted, and `ps aux` as each container sees it.

use podplay_core::diag::Lang;
use podplay_core::sim::view_pod::{live_namespaces, ns_holding, pause_ns_holding, NsHolding};
use podplay_core::sim::{CState, ContainerKind, NsSet, PsEntry, Snapshot, PAUSE_IMAGE};
use yew::prelude::*;

use super::view::{state_word, tr, PodViewProps};

/// A container is drawn as joining for this long after the runtime created it.
const JOIN_MS: u64 = 1_500;

/// The namespaces drawn on the boxes, in the order the lesson tells them.
const KINDS: [&str; 5] = ["net", "ipc", "uts", "pid", "mnt"];

fn inode(ns: &NsSet, kind: &str) -> u64 {
    ns.inode(kind).unwrap_or_default()
}

/// How a container holds one namespace (core decides), as the CSS class of its chip.
fn holding(kind: &str, ns: &NsSet, pause: Option<&NsSet>) -> &'static str {
    class_of(ns_holding(kind, ns, pause))
}

fn class_of(h: NsHolding) -> &'static str {
    match h {
        NsHolding::Host => "host",
        NsHolding::Pause => "pause",
        NsHolding::Shared => "shared",
        NsHolding::Own => "own",
    }
}

fn chip(kind: &'static str, v: u64, class: &'static str, lang: Lang) -> Html {
    let how = match class {
        "host" => tr(lang, "the node's", "节点的"),
        "shared" => tr(lang, "joined from pause", "加入 pause 的"),
        "pause" => tr(lang, "held by pause", "由 pause 持有"),
        _ => tr(lang, "its own", "自己的"),
    };
    html! {
        <li class={classes!("nschip", kind, class)} title={how}>
            <span class="k">{kind}</span><span class="v">{format!(":[{v}]")}</span>
            <span class="how">{how}</span>
        </li>
    }
}

/// The PID of a container's main process (or of pause, for None) as the container sees it.
fn main_pid(procs: &[PsEntry], container: Option<usize>) -> Option<u32> {
    procs
        .iter()
        .find(|p| p.container == container && (container.is_some() || p.command == "/pause"))
        .map(|p| p.pid)
}

#[function_component]
pub fn NamespacesView(props: &PodViewProps) -> Html {
    let lang = props.lang;
    let snap = props.run.state_at(props.t);
    let pod = &props.world.pod;
    let pause = snap.pause_namespaces;

    let pause_box = match pause {
        None => html! {
            <article class="nsbox pause absent">
                <h4>{"pause"}</h4>
                <p class="muted small">{ if snap.deletion.is_some() {
                    tr(lang, "The pod was deleted: its sandbox and namespaces are gone.", "Pod 已被删除：它的沙箱和命名空间都不在了。")
                } else {
                    tr(lang, "No sandbox yet: the runtime creates it once the pod is on a node and its volumes are mounted.",
                        "还没有沙箱：Pod 被分配到节点并挂载好卷之后，运行时才会创建它。")
                } }</p>
            </article>
        },
        Some(p) => html! {
            <article class="nsbox pause">
                <h4>{"pause"}<span class="muted small">{format!(" {PAUSE_IMAGE}")}</span></h4>
                <ul class="nschips">
                    { for KINDS.iter().filter(|k| **k != "mnt").map(|&k| {
                        let class = class_of(pause_ns_holding(k, p, &snap.containers));
                        chip(k, inode(p, k), class, lang)
                    }) }
                </ul>
            </article>
        },
    };
    let boxes = snap.containers.iter().map(|c| {
        let (word, class) = state_word(c.state);
        let kind = match c.info.kind {
            ContainerKind::Init => Some(tr(lang, "init", "init 容器")),
            ContainerKind::Sidecar => Some(tr(lang, "sidecar", "边车")),
            ContainerKind::App => None,
        };
        // Just created by the runtime: it is joining the pod's namespaces now.
        let joining = snap
            .events
            .iter()
            .rev()
            .take_while(|e| props.t.0.saturating_sub(e.t.0) < JOIN_MS)
            .any(|e| e.reason == "Created" && e.container == Some(c.index));
        let chips = match live_namespaces(c) {
            Some(ns) => KINDS
                .iter()
                .map(|&k| chip(k, inode(ns, k), holding(k, ns, pause), lang))
                .collect::<Html>(),
            None => {
                let why = if c.last_state.is_some() || matches!(c.state, Some(CState::Terminated(_))) {
                    tr(lang, "not running: its process is gone, so it holds no namespace", "未运行：进程已经退出，不再持有任何命名空间")
                } else {
                    tr(lang, "no process: nothing has joined yet", "没有进程：还没有加入任何命名空间")
                };
                html! { <li class="muted small">{why}</li> }
            }
        };
        html! {
            <article class={classes!("nsbox", "ctr", if live_namespaces(c).is_some() { "joined" } else { "absent" }, joining.then_some("joining"))}
                data-container={c.info.name.clone()}>
                <h4>{&c.info.name}
                    if let Some(k) = kind { <span class="badge">{k}</span> }
                    <span class={classes!("state", class)}>{word}</span></h4>
                <ul class="nschips">{chips}</ul>
            </article>
        }
    });
    let host_note = [
        (
            pod.host_network,
            "hostNetwork: the node's network namespace (its IP and ports) replaces the pod's.",
            "hostNetwork：使用节点的网络命名空间（节点的 IP 和端口）代替 Pod 自己的。",
        ),
        (
            pod.host_pid,
            "hostPID: the node's PID namespace: the containers see every process of the node.",
            "hostPID：使用节点的 PID 命名空间，容器能看到节点上的所有进程。",
        ),
        (
            pod.host_ipc,
            "hostIPC: the node's IPC namespace (shared memory with the node's processes).",
            "hostIPC：使用节点的 IPC 命名空间（与节点上的进程共享内存）。",
        ),
    ];
    let pid_note = if pod.share_process_namespace {
        tr(lang, "shareProcessNamespace: true: one PID namespace for the whole pod; pause is PID 1 and every container sees the others' processes.",
            "shareProcessNamespace: true：整个 Pod 共用一个 PID 命名空间，pause 是 1 号进程，每个容器都能看到其他容器的进程。")
    } else {
        tr(lang, "Each container has its own PID namespace (its main process is PID 1); set shareProcessNamespace: true to share one.",
            "每个容器都有自己的 PID 命名空间（主进程是 1 号进程）；设置 shareProcessNamespace: true 可以共用一个。")
    };
    html! {
        <section class="podview nsview" aria-label={tr(lang, "Pause container and namespaces", "pause 容器与命名空间")}>
            <div class="sandbox" role="group" aria-label={tr(lang, "The pod's sandbox", "Pod 的沙箱")}>
                <p class="sandbox-title">{format!("Pod {} · {}", props.run.pod_name(), snap.node.unwrap_or("-"))}</p>
                <div class="nsrow">{pause_box}{ for boxes }</div>
                { volumes(props, &snap) }
                <ul class="nsnotes small">
                    <li>{tr(lang, "net, ipc, uts: created with the pause container; every container joins them, so they share one IP, localhost and hostname.",
                        "net、ipc、uts：随 pause 容器创建；每个容器都加入它们，所以共用一个 IP、localhost 和主机名。")}</li>
                    <li>{pid_note}</li>
                    <li>{tr(lang, "mnt: every container has its own root file system; only volumes are shared.",
                        "mnt：每个容器都有自己的根文件系统，只有卷是共享的。")}</li>
                    { for host_note.iter().filter(|h| h.0).map(|h| html! { <li class="hostns">{tr(lang, h.1, h.2)}</li> }) }
                </ul>
            </div>
            { ns_table(&snap, pod.host_pid, lang) }
            <div class="pslist">
                { for snap.containers.iter().map(|c| {
                    let cmd = format!("kubectl exec {} -c {} -- ps aux", props.run.pod_name(), c.info.name);
                    html! {
                        <figure class="ps" data-container={c.info.name.clone()}>
                            <figcaption><code>{cmd}</code></figcaption>
                            if live_namespaces(c).is_none() {
                                <p class="muted small">{tr(lang, "not running", "未运行")}</p>
                            } else {
                                <table>
                                    <thead><tr><th>{"USER"}</th><th>{"PID"}</th><th>{"COMMAND"}</th></tr></thead>
                                    <tbody>{ for c.processes.iter().map(|p| {
                                        let other = p.container != Some(c.index);
                                        let owner = match p.container {
                                            None => "pause".to_string(),
                                            Some(i) => props.run.containers().get(i).map(|x| x.name.clone()).unwrap_or_default(),
                                        };
                                        html! {
                                            <tr class={classes!(other.then_some("other"))}>
                                                <td>{&p.user}</td><td>{p.pid}</td>
                                                <td>{&p.command}if other { <span class="owner">{owner}</span> }</td>
                                            </tr>
                                        }
                                    }) }</tbody>
                                </table>
                            }
                        </figure>
                    }
                }) }
            </div>
        </section>
    }
}

/// The volumes of the pod and which containers mount them, where.
fn volumes(props: &PodViewProps, snap: &Snapshot<'_>) -> Html {
    let pod = &props.world.pod;
    if pod.volumes.is_empty() {
        return html! {};
    }
    let lang = props.lang;
    let all = pod.init_containers.iter().chain(pod.containers.iter());
    let mounts: Vec<_> = all
        .flat_map(|c| c.volume_mounts.iter().map(move |m| (c, m)))
        .collect();
    html! {
        <ul class="vols" aria-label={tr(lang, "Volumes, shared by the containers that mount them", "卷：挂载它的容器共享")}>
            { for pod.volumes.iter().map(|v| html! {
                <li class="vol">
                    <span class="vname">{&v.name}</span>
                    <span class="muted small">{format!(" {}", v.source.type_name())}</span>
                    <ul class="vmounts">
                        { for mounts.iter().filter(|(_, m)| m.name == v.name).map(|(c, m)| {
                            let up = snap.containers.iter().any(|x| x.info.name == c.name && live_namespaces(x).is_some());
                            html! {
                                <li class={classes!(up.then_some("up"))}>
                                    <b>{&c.name}</b>{" "}<code>{&m.mount_path}</code>
                                    if let Some(p) = &m.sub_path { <span class="muted small">{format!(" subPath {p}")}</span> }
                                    if m.read_only { <span class="muted small">{" ro"}</span> }
                                </li>
                            }
                        }) }
                    </ul>
                </li>
            }) }
        </ul>
    }
}

/// `ls -l /proc/PID/ns/` of the pause container and of each running container: one row per
/// namespace, equal inode numbers highlighted, the node's own marked.
fn ns_table(snap: &Snapshot<'_>, host_pid: bool, lang: Lang) -> Html {
    let Some(pause) = snap.pause_namespaces else {
        return html! {};
    };
    let mut cols: Vec<(String, Option<u32>, &NsSet)> = vec![(
        "pause".into(),
        snap.containers
            .iter()
            .find_map(|c| main_pid(c.processes, None))
            // In its own PID namespace pause is PID 1; in the node's its PID is not modelled.
            .or((!host_pid).then_some(1)),
        pause,
    )];
    for c in &snap.containers {
        if let Some(ns) = live_namespaces(c) {
            cols.push((
                c.info.name.clone(),
                main_pid(c.processes, Some(c.index)),
                ns,
            ));
        }
    }
    let rows = NsSet::HOST.entries().map(|(kind, host)| {
        let values: Vec<u64> = cols.iter().map(|c| inode(c.2, kind)).collect();
        html! {
            <tr>
                <th scope="row">{kind}</th>
                { for values.iter().map(|v| {
                    let eq = values.iter().filter(|x| *x == v).count() > 1;
                    let class = classes!(eq.then_some("eq"), (*v == host).then_some("host"), eq.then_some(kind));
                    html! {
                        <td {class}>{format!("{kind}:[{v}]")}
                            if *v == host { <span class="nodemark">{tr(lang, "node", "节点")}</span> }
                        </td>
                    }
                }) }
            </tr>
        }
    });
    html! {
        <table class="nstable">
            <caption>
                <code>{"ls -l /proc/PID/ns/"}</code>
                <span class="muted small">{tr(lang, " — equal numbers are the same namespace; “node” marks the node's own.",
                    " —— 编号相同就是同一个命名空间；标“节点”的是节点自己的。")}</span>
            </caption>
            <thead><tr>
                <th scope="col">{tr(lang, "namespace", "命名空间")}</th>
                { for cols.iter().map(|(name, pid, _)| html! {
                    <th scope="col">{name}<br/><code class="small">{match pid { Some(p) => format!("/proc/{p}/ns"), None => "/proc/PID/ns".into() }}</code></th>
                }) }
            </tr></thead>
            <tbody>{ for rows }</tbody>
        </table>
    }
}
