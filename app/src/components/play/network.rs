//! Networking: the pod's one network stack (eth0 with the pod IP, lo) shared by its containers,
//! the ports each container listens on, the connections between containers over localhost as they
//! happen, a port clash at the moment the second bind fails, hostPorts on the node's IP, and the
//! pod among the cluster's nodes on the flat pod network.

use podplay_core::sim::process::Proto;
use podplay_core::sim::view_pod::failed_binds;
use podplay_core::sim::{ConnResult, Connection, SimTime};
use yew::prelude::*;

use super::view::{arrow_defs, secs, state_word, svg_box, svg_rect, tr, PodViewProps};

/// A connection is drawn lit for this long after it happened, then faded until `SHOWN_MS`.
const LIT_MS: u64 = 1_000;
const SHOWN_MS: u64 = 6_000;
/// A failed bind is shown this long after it happened.
const CLASH_MS: u64 = 1_500;

const PX: i32 = 20;
const PW: i32 = 645;
const STACK_Y: i32 = 78;
const CY: i32 = 150;
const CH: i32 = 44;
const TAG_W: i32 = 62;

fn ctr_x(i: usize, n: usize) -> (i32, i32) {
    let n = n.clamp(1, 8) as i32;
    let i = (i as i32).min(n - 1);
    let w = (PW - 20 - 10 * (n - 1)) / n;
    (PX + 10 + i * (w + 10), w)
}

fn ok(r: &ConnResult) -> bool {
    matches!(r, ConnResult::Http(s) if *s < 400) || *r == ConnResult::Connected
}

#[function_component]
pub fn NetworkView(props: &PodViewProps) -> Html {
    let lang = props.lang;
    let t = props.t;
    let run = &props.run;
    let pod = &props.world.pod;
    let snap = run.state_at(t);
    let n = run.containers().len();
    let age = |at: SimTime| t.0.saturating_sub(at.0);

    // Listening sockets, per container, in the shared stack.
    let mut slots = vec![0i32; n];
    let mut port_x: Vec<(usize, u16, i32)> = Vec::new();
    let sockets = snap.sockets.iter().map(|s| {
        let (x, w) = ctr_x(s.container, n);
        let k = slots.get(s.container).copied().unwrap_or(0);
        if let Some(slot) = slots.get_mut(s.container) {
            *slot += 1;
        }
        let tx = (x + k * (TAG_W + 4)).min(x + w - TAG_W);
        port_x.push((s.container, s.port, tx + TAG_W / 2));
        let proto = match s.proto {
            Proto::Tcp => "TCP",
            Proto::Udp => "UDP",
            Proto::Sctp => "SCTP",
        };
        html! {
            <g class="sock" data-port={s.port.to_string()}>
                <rect x={tx.to_string()} y={(STACK_Y - 8).to_string()} width={TAG_W.to_string()} height="20" rx="4" />
                <text x={(tx + TAG_W / 2).to_string()} y={(STACK_Y + 6).to_string()}>{format!(":{}/{proto}", s.port)}</text>
                <line x1={(tx + TAG_W / 2).to_string()} y1={(STACK_Y + 12).to_string()} x2={(tx + TAG_W / 2).to_string()} y2={CY.to_string()} />
            </g>
        }
    }).collect::<Html>();

    // A bind that failed just now, drawn on the container that tried.
    let binds = failed_binds(run);
    let clash = binds
        .iter()
        .rev()
        .find(|b| b.t <= t && age(b.t) < CLASH_MS)
        .copied();
    let clash_tag = clash.map(|b| {
        let (x, w) = ctr_x(b.container, n);
        let tx = x + w - TAG_W;
        // A line to the socket that holds the port.
        let holder = port_x.iter().find(|p| p.1 == b.port).map(|p| p.2);
        html! {
            <g class="sock clash" data-port={b.port.to_string()}>
                if let Some(hx) = holder {
                    <line x1={(tx + TAG_W / 2).to_string()} y1={(STACK_Y + 16).to_string()} x2={hx.to_string()} y2={(STACK_Y + 12).to_string()} />
                }
                <rect x={tx.to_string()} y={(STACK_Y + 16).to_string()} width={TAG_W.to_string()} height="20" rx="4" />
                <text x={(tx + TAG_W / 2).to_string()} y={(STACK_Y + 30).to_string()}>{format!("✗ :{}", b.port)}</text>
            </g>
        }
    });

    // Connections made lately, the newest of each (from, to, port), newest last.
    let recent: Vec<&Connection> = {
        let mut v: Vec<&Connection> = Vec::new();
        for c in snap.connections.iter().rev() {
            if age(c.t) >= SHOWN_MS {
                break;
            }
            if !v
                .iter()
                .any(|o| o.from == c.from && o.to_container == c.to_container && o.port == c.port)
            {
                v.push(c);
            }
        }
        v.reverse();
        v
    };
    // From the top of the calling container, through the lane under the stack, up to the socket
    // that answered (or to the stack itself when nothing did).
    let arrows = recent.iter().enumerate().map(|(k, c)| {
        let (fx, fw) = ctr_x(c.from, n);
        let x1 = fx + fw / 2 + 10;
        let x2 = c
            .to_container
            .and_then(|to| {
                port_x
                    .iter()
                    .find(|p| p.0 == to && p.1 == c.port)
                    .map(|p| p.2)
            })
            .unwrap_or(x1 + 30);
        let top = STACK_Y + 14;
        let d = format!("M{x1},{CY} C{x1},{} {x2},{} {x2},{top}", CY - 34, top + 30);
        let ly = CY - 12 - 13 * (k as i32 % 3);
        let class = classes!(
            "conn",
            if age(c.t) < LIT_MS { "lit" } else { "faded" },
            (!ok(&c.result)).then_some("bad")
        );
        let label = format!(":{} {}", c.port, c.result.text());
        html! {
            <g {class}>
                <path {d} marker-end="url(#net-arrow)" />
                <text x={((x1 + x2) / 2).to_string()} y={ly.to_string()}>{label}</text>
            </g>
        }
    });

    let ctrs = snap.containers.iter().map(|c| {
        let (x, w) = ctr_x(c.index, n);
        let (word, class) = state_word(c.state);
        let clashing = clash.is_some_and(|b| b.container == c.index);
        let name = AttrValue::from(c.info.name.clone());
        svg_box(
            classes!("nctr", class, clashing.then_some("clash")),
            None,
            Some(name.clone()),
            (x, CY, w, CH),
            name,
            Some(word.into()),
        )
    });

    let node = snap
        .node
        .and_then(|name| props.world.nodes.iter().find(|x| x.name == name));
    let host_ip = node.map_or("-", |x| x.internal_ip.as_str());
    let pod_ip = snap.pod_ip.unwrap_or("-");
    let stack_label = if snap.pause_namespaces.is_none() {
        tr(
            lang,
            "no network namespace yet: the sandbox is not created",
            "还没有网络命名空间：沙箱尚未创建",
        )
        .to_string()
    } else if pod.host_network {
        format!(
            "{} {host_ip} · lo 127.0.0.1",
            tr(
                lang,
                "hostNetwork: the node's own stack",
                "hostNetwork：节点自己的网络栈"
            )
        )
    } else {
        format!(
            "eth0 {pod_ip} · lo 127.0.0.1 · {}",
            tr(
                lang,
                "one stack for all containers (held by pause)",
                "所有容器共用一个网络栈（由 pause 持有）"
            )
        )
    };
    let host_ports = snap
        .sockets
        .iter()
        .filter_map(|s| s.host_port.map(|h| (h, s.port)))
        .collect::<Vec<_>>();
    let node_label = match node {
        Some(x) => format!(
            "{} · {} {} · {} {}",
            x.name,
            tr(lang, "node IP", "节点 IP"),
            x.internal_ip,
            tr(lang, "pod CIDR", "Pod 网段"),
            x.pod_cidr
        ),
        None => tr(lang, "no node yet", "尚未分配节点").to_string(),
    };
    let nodes = &props.world.nodes;
    let nw = ((PW + 2 * PX - 8) - 8 * (nodes.len().clamp(1, 8) as i32 - 1))
        / nodes.len().clamp(1, 8) as i32;
    let others = nodes.iter().take(8).enumerate().map(|(i, x)| {
        let bx = 4 + i as i32 * (nw + 8);
        let here = snap.node == Some(x.name.as_str());
        let sub = match snap.pod_ip.filter(|_| here && !pod.host_network) {
            Some(ip) => format!("{} · {ip}", x.pod_cidr),
            None => x.pod_cidr.clone(),
        };
        svg_box(
            classes!("nnode", here.then_some("here")),
            None,
            None,
            (bx, 232, nw, 46),
            x.name.clone().into(),
            Some(sub.into()),
        )
    });
    let outside: Vec<&Connection> = snap
        .connections
        .iter()
        .rev()
        .filter(|c| !c.ip.as_deref().is_some_and(|ip| ip.starts_with("127.")))
        .take(4)
        .collect();
    let log: Vec<&Connection> = snap.connections.iter().rev().take(6).collect();
    let name = |i: usize| run.containers().get(i).map_or("?", |c| c.name.as_str());
    let mut summary = format!("{stack_label}. {}:", tr(lang, "Listening", "监听"));
    for s in &snap.sockets {
        summary.push_str(&format!(" {} :{}", name(s.container), s.port));
        if let Some(h) = s.host_port {
            summary.push_str(&format!(" (hostPort {host_ip}:{h})"));
        }
        summary.push(';');
    }
    if let Some(b) = clash {
        summary.push_str(&format!(" {} bind(:{}) ✗.", name(b.container), b.port));
    }
    html! {
        <section class="podview netview" aria-label={tr(lang, "Networking", "网络")}>
            <svg class="net-svg" viewBox="0 0 685 282" role="img" aria-label={summary}>
                { arrow_defs("net-arrow") }
                { svg_rect("zone", (4, 4, 677, 206)) }
                <text class="zone-label" x="12" y="20">{node_label}</text>
                { for host_ports.iter().enumerate().map(|(i, (h, p))| {
                    let x = 420 - i as i32 * 130;
                    html! {
                        <g class="hostport">
                            <rect x={x.to_string()} y="8" width="255" height="18" rx="4" />
                            <text x={(x + 6).to_string()} y="21">{format!("hostPort {host_ip}:{h} → {pod_ip}:{p}")}</text>
                        </g>
                    }
                }) }
                { svg_rect("podbox", (PX, 32, PW, 170)) }
                <text class="zone-label" x={(PX + 10).to_string()} y="48">{format!("Pod {}", run.pod_name())}</text>
                { svg_rect("stack", (PX + 10, STACK_Y - 12, PW - 20, 28)) }
                <text class="stack-label" x={(PX + PW - 16).to_string()} y={(STACK_Y - 16).to_string()}>{stack_label.clone()}</text>
                { sockets }
                { for clash_tag }
                { for ctrs }
                { for arrows }
                <text class="zone-label" x="8" y="226">{tr(lang, "pod network 10.244.0.0/16: every pod reaches every other pod by its IP, across nodes, without NAT",
                    "Pod 网络 10.244.0.0/16：任何 Pod 都能跨节点直接用 IP 访问其他 Pod，没有 NAT")}</text>
                { for others }
            </svg>
            if let Some(b) = clash {
                <p class="clash-note" role="status">
                    {format!("{} {}: bind(:{}) — address already in use. ", secs(b.t), name(b.container), b.port)}
                    {tr(lang, "The port is taken in the pod's one network namespace, by another container.",
                        "这个端口在 Pod 唯一的网络命名空间里已被另一个容器占用。")}
                </p>
            }
            <div class="netlists">
                <figure>
                    <figcaption>{tr(lang, "Connections so far (newest first)", "到目前为止的连接（最新的在前）")}</figcaption>
                    if log.is_empty() {
                        <p class="muted small">{tr(lang, "No container has connected anywhere yet.", "还没有容器发起连接。")}</p>
                    }
                    <ul class="connlog">
                        { for log.iter().map(|c| html! {
                            <li class={classes!((!ok(&c.result)).then_some("bad"))}>
                                <span class="ftime">{secs(c.t)}</span>
                                {format!(" {} → {}:{}", name(c.from), c.host, c.port)}
                                if let Some(ip) = c.ip.as_deref().filter(|ip| *ip != c.host) { <span class="muted">{format!(" ({ip})")}</span> }
                                {" · "}
                                {match c.to_container { Some(to) => format!("{} · ", name(to)), None => String::new() }}
                                {c.result.text()}
                            </li>
                        }) }
                    </ul>
                </figure>
                if !outside.is_empty() || !props.world.services.is_empty() {
                    <figure>
                        <figcaption>{tr(lang, "Beyond the pod", "Pod 之外")}</figcaption>
                        <ul class="connlog">
                            { for props.world.service_ips().iter().map(|(s, ip)| html! {
                                <li>{format!("Service {} · ClusterIP {}", s.meta.name, ip.as_deref().unwrap_or("None"))}</li>
                            }) }
                            { for outside.iter().map(|c| html! {
                                <li class={classes!((!ok(&c.result)).then_some("bad"))}>
                                    <span class="ftime">{secs(c.t)}</span>
                                    {format!(" {} → {} {}:{} · {}", name(c.from), c.host, c.ip.as_deref().unwrap_or("?"), c.port, c.result.text())}
                                </li>
                            }) }
                        </ul>
                    </figure>
                }
            </div>
        </section>
    }
}
