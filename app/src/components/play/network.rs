//! Networking: the pod's one network stack (eth0 with the pod IP, lo) shared by its containers,
//! the ports each container listens on, the connections between containers over localhost as they
//! happen, a port clash from the moment the second bind fails for as long as the port stays
//! taken (on the port that is held and on the container that failed), hostPorts on the node's IP, and the
//! pod among the cluster's nodes on the flat pod network.

use podplay_core::sim::process::Proto;
use podplay_core::sim::view_pod::{clash_at, failed_binds};
use podplay_core::sim::{ConnResult, Connection, SimTime};
use yew::prelude::*;

use super::view::{arrow_defs, secs, state_word, svg_box, svg_rect, tr, PodViewProps};

/// A connection is drawn lit for this long after it happened, then faded until `SHOWN_MS`.
const LIT_MS: u64 = 1_000;
const SHOWN_MS: u64 = 6_000;

const CH: i32 = 44;
/// A listening socket's tag: wide enough for `:65535/SCTP` at 11 px.
const TAG_W: i32 = 76;
/// A tag's distance from the left edge of its container's column (and of the stack).
const TAG_INSET: i32 = 6;

/// Where things go: the wide drawing, or the narrow one of a phone (everything shifted down by
/// the lines of hostPorts above the pod, nodes two to a row, long sentences under the drawing).
struct Geo {
    width: i32,
    /// The pod's box: left and width.
    px: i32,
    pw: i32,
    /// Top of the pod's box.
    pod_y: i32,
    compact: bool,
}

impl Geo {
    fn new(compact: bool, host_ports: usize) -> Geo {
        if compact {
            Geo {
                width: 360,
                px: 6,
                pw: 348,
                pod_y: 40 + 22 * host_ports.min(8) as i32,
                compact,
            }
        } else {
            Geo {
                width: 685,
                px: 20,
                pw: 645,
                // The first hostPort shares the node's line; more go below it.
                pod_y: 32 + 22 * host_ports.clamp(1, 8) as i32 - 22,
                compact,
            }
        }
    }

    /// The middle of the network stack's band.
    fn stack_y(&self) -> i32 {
        self.pod_y + 46
    }

    /// The containers' boxes' top.
    fn cy(&self) -> i32 {
        self.pod_y + 118
    }

    fn pod_bottom(&self) -> i32 {
        self.pod_y + 170
    }

    /// The nodes' row(s) top.
    fn nodes_y(&self) -> i32 {
        self.pod_bottom() + if self.compact { 14 } else { 30 }
    }

    fn node_cols(&self, n: usize) -> usize {
        if self.compact {
            2
        } else {
            n.clamp(1, 8)
        }
    }

    fn height(&self, nodes: usize) -> i32 {
        let cols = self.node_cols(nodes);
        let rows = nodes.clamp(1, 8).div_ceil(cols) as i32;
        self.nodes_y() + rows * 52 + 2
    }

    fn ctr_x(&self, i: usize, n: usize) -> (i32, i32) {
        let n = n.clamp(1, 8) as i32;
        let i = (i as i32).min(n - 1);
        let w = (self.pw - 20 - 10 * (n - 1)) / n;
        (self.px + 10 + i * (w + 10), w)
    }
}

/// A connection label's width in the drawing's units (11 px monospace: 0.6 em a character).
fn label_w(s: &str) -> i32 {
    (s.chars().count() as f64 * 6.6).ceil() as i32
}

fn ok(r: &ConnResult) -> bool {
    r.is_ok()
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
    let host_ports = snap
        .sockets
        .iter()
        .filter_map(|s| s.host_port.map(|h| (h, s.port)))
        .collect::<Vec<_>>();
    let g = Geo::new(props.compact, host_ports.len());
    let (stack_y, cy) = (g.stack_y(), g.cy());

    // A port clash: the latest bind that failed, while another container still holds its port.
    let clash = clash_at(&failed_binds(run), &snap);
    // Listening sockets, per container, in the shared stack.
    let mut slots = vec![0i32; n];
    let mut port_x: Vec<(usize, u16, i32)> = Vec::new();
    let sockets = snap.sockets.iter().map(|s| {
        let (x, w) = g.ctr_x(s.container, n);
        let k = slots.get(s.container).copied().unwrap_or(0);
        if let Some(slot) = slots.get_mut(s.container) {
            *slot += 1;
        }
        // Side by side while they fit over the container, then a row lower.
        // Inset from the stack's left edge, so that no tag sits squeezed against it.
        let per_row = ((w - TAG_INSET + 4) / (TAG_W + 4)).max(1);
        let (col, row) = (k % per_row, k / per_row);
        let tx = x + TAG_INSET + col * (TAG_W + 4);
        let ty = stack_y - 8 + row.min(2) * 24;
        port_x.push((s.container, s.port, tx + TAG_W / 2));
        let proto = match s.proto {
            Proto::Tcp => "TCP",
            Proto::Udp => "UDP",
            Proto::Sctp => "SCTP",
        };
        // The held port of a clash is marked on the port itself.
        let held = clash.is_some_and(|b| b.port == s.port && b.container != s.container);
        html! {
            <g class={classes!("sock", held.then_some("held"))} data-port={s.port.to_string()}>
                <rect x={tx.to_string()} y={ty.to_string()} width={TAG_W.to_string()} height="20" rx="4" />
                <text x={(tx + TAG_W / 2).to_string()} y={(ty + 14).to_string()}>{format!(":{}/{proto}", s.port)}</text>
                <line x1={(tx + TAG_W / 2).to_string()} y1={(ty + 20).to_string()} x2={(tx + TAG_W / 2).to_string()} y2={cy.to_string()} />
            </g>
        }
    }).collect::<Html>();

    // The bind that failed, drawn on the container that tried.
    let clash_tag = clash.map(|b| {
        let (x, w) = g.ctr_x(b.container, n);
        let tx = x + w - TAG_W;
        // A line to the socket that holds the port.
        let holder = port_x.iter().find(|p| p.1 == b.port).map(|p| p.2);
        html! {
            <g class="sock clash" data-port={b.port.to_string()}>
                if let Some(hx) = holder {
                    <line x1={(tx + TAG_W / 2).to_string()} y1={(stack_y + 16).to_string()} x2={hx.to_string()} y2={(stack_y + 12).to_string()} />
                }
                <rect x={tx.to_string()} y={(stack_y + 16).to_string()} width={TAG_W.to_string()} height="20" rx="4" />
                <text x={(tx + TAG_W / 2).to_string()} y={(stack_y + 30).to_string()}>{format!("✗ :{}", b.port)}</text>
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
        let (fx, fw) = g.ctr_x(c.from, n);
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
        let top = stack_y + 14;
        let d = format!("M{x1},{cy} C{x1},{} {x2},{} {x2},{top}", cy - 34, top + 30);
        // The label sits beside the arc's start, on the side the arc does not bend to, so the
        // arc never crosses it (anchored by a class: the view's CSS centres its texts, and CSS
        // wins over the text-anchor attribute). Where the full label does not fit on that side
        // inside the drawing (a phone), it says the result only: the port is the socket's.
        let ly = cy - 6 - 13 * (k as i32 % 3);
        let full = format!(":{} {}", c.port, c.result.text_in(lang));
        let room = if x2 >= x1 { x1 - 5 - 4 } else { g.width - 4 - (x1 + 5) };
        let label = if label_w(&full) <= room { full } else { c.result.text_in(lang).to_string() };
        let (lx, anchor) = if x2 >= x1 {
            (x1 - 5, "end")
        } else {
            (x1 + 5, "start")
        };
        let class = classes!(
            "conn",
            if age(c.t) < LIT_MS { "lit" } else { "faded" },
            (!ok(&c.result)).then_some("bad")
        );
        html! {
            <g {class}>
                <path {d} marker-end="url(#net-arrow)" />
                <text class={anchor} x={lx.to_string()} y={ly.to_string()} text-anchor={anchor}>{label}</text>
            </g>
        }
    });

    let ctrs = snap.containers.iter().map(|c| {
        let (x, w) = g.ctr_x(c.index, n);
        let (word, class) = state_word(c.state);
        let clashing = clash.is_some_and(|b| b.container == c.index);
        let name = AttrValue::from(c.info.name.clone());
        svg_box(
            classes!("nctr", class, clashing.then_some("clash")),
            None,
            Some(name.clone()),
            (x, cy, w, CH),
            name,
            Some(word.into()),
        )
    });

    let node = snap
        .node
        .and_then(|name| props.world.nodes.iter().find(|x| x.name == name));
    let host_ip = node.map_or("-", |x| x.internal_ip.as_str());
    let pod_ip = snap.pod_ip.unwrap_or("-");
    // The stack's addresses, and what the stack is (beside them when there is room).
    let (stack_short, stack_what) = if snap.pause_namespaces.is_none() {
        (
            tr(
                lang,
                "no network namespace yet: the sandbox is not created",
                "还没有网络命名空间：沙箱尚未创建",
            )
            .to_string(),
            None,
        )
    } else if pod.host_network {
        (
            format!("{host_ip} · lo 127.0.0.1"),
            Some(tr(
                lang,
                "hostNetwork: the node's own stack",
                "hostNetwork：节点自己的网络栈",
            )),
        )
    } else {
        (
            format!("eth0 {pod_ip} · lo 127.0.0.1"),
            Some(tr(
                lang,
                "one stack for all containers (held by pause)",
                "所有容器共用一个网络栈（由 pause 持有）",
            )),
        )
    };
    let stack_label = match stack_what {
        Some(what) if !g.compact => format!("{stack_short} · {what}"),
        _ => stack_short.clone(),
    };
    let stack_full = match stack_what {
        Some(what) => format!("{stack_short} · {what}"),
        None => stack_short.clone(),
    };
    let node_lines: Vec<String> = match node {
        Some(x) => {
            let ip = format!("{} {}", tr(lang, "node IP", "节点 IP"), x.internal_ip);
            let cidr = format!("{} {}", tr(lang, "pod CIDR", "Pod 网段"), x.pod_cidr);
            if g.compact {
                vec![format!("{} · {ip}", x.name), cidr]
            } else {
                vec![format!("{} · {ip} · {cidr}", x.name)]
            }
        }
        None => vec![tr(lang, "no node yet", "尚未分配节点").to_string()],
    };
    let flat = tr(
        lang,
        "pod network 10.244.0.0/16: every pod reaches every other pod by its IP, across nodes, without NAT",
        "Pod 网络 10.244.0.0/16：任何 Pod 都能跨节点直接用 IP 访问其他 Pod，没有 NAT",
    );
    let nodes = &props.world.nodes;
    let cols = g.node_cols(nodes.len());
    let nw = ((g.width - 8) - 8 * (cols as i32 - 1)) / cols as i32;
    let nodes_y = g.nodes_y();
    let others = nodes.iter().take(8).enumerate().map(|(i, x)| {
        let bx = 4 + (i % cols) as i32 * (nw + 8);
        let by = nodes_y + (i / cols) as i32 * 52;
        let here = snap.node == Some(x.name.as_str());
        let sub = match snap.pod_ip.filter(|_| here && !pod.host_network) {
            Some(ip) => format!("{} · {ip}", x.pod_cidr),
            None => x.pod_cidr.clone(),
        };
        svg_box(
            classes!("nnode", here.then_some("here")),
            None,
            None,
            (bx, by, nw, 46),
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
    let mut summary = format!("{stack_full}. {}:", tr(lang, "Listening", "监听"));
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
            <svg class="net-svg" viewBox={format!("0 0 {} {}", g.width, g.height(nodes.len()))}
                data-compact={g.compact.then_some("true")} role="img" aria-label={summary}>
                { arrow_defs("net-arrow") }
                { svg_rect("zone", (4, 4, g.width - 8, g.pod_bottom() + 4)) }
                { for node_lines.iter().enumerate().map(|(i, l)| html! {
                    <text class="zone-label" x="12" y={(20 + 13 * i as i32).to_string()}>{l.clone()}</text>
                }) }
                { for host_ports.iter().take(8).enumerate().map(|(i, (h, p))| {
                    let (x, y) = if g.compact { (12, 32 + 22 * i as i32) } else { (g.width - 8 - 292, 8 + 22 * i as i32) };
                    html! {
                        <g class="hostport">
                            <rect x={x.to_string()} y={y.to_string()} width="292" height="18" rx="4" />
                            <text x={(x + 6).to_string()} y={(y + 13).to_string()}>{format!("hostPort {host_ip}:{h} → {pod_ip}:{p}")}</text>
                        </g>
                    }
                }) }
                { svg_rect("podbox", (g.px, g.pod_y, g.pw, 170)) }
                <text class="zone-label" x={(g.px + 10).to_string()} y={(g.pod_y + 16).to_string()}>{format!("Pod {}", run.pod_name())}</text>
                { svg_rect("stack", (g.px + 10, stack_y - 12, g.pw - 20, 28)) }
                <text class="stack-label" x={(g.px + g.pw - 16).to_string()} y={(stack_y - 16).to_string()}>{stack_label.clone()}</text>
                { sockets }
                { for clash_tag }
                { for ctrs }
                { for arrows }
                if !g.compact {
                    <text class="zone-label" x="8" y={(g.pod_bottom() + 24).to_string()}>{flat}</text>
                }
                { for others }
            </svg>
            if g.compact {
                <ul class="muted small net-notes">
                    if stack_what.is_some() && !pod.host_network {
                        <li>{tr(lang, "The pod has one network stack, held by pause: every container shares its IP and ports.",
                            "Pod 只有一个网络栈，由 pause 持有：每个容器都共用它的 IP 和端口。")}</li>
                    }
                    if pod.host_network {
                        <li>{tr(lang, "hostNetwork: the containers use the node's own network stack.",
                            "hostNetwork：容器使用节点自己的网络栈。")}</li>
                    }
                    <li>{tr(lang, "The pod network 10.244.0.0/16: every pod reaches every other pod by its IP, across nodes, without NAT.",
                        "Pod 网络 10.244.0.0/16：任何 Pod 都能跨节点直接用 IP 访问其他 Pod，没有 NAT。")}</li>
                </ul>
            }
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
                                {c.result.text_in(lang)}
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
                                    {format!(" {} → {} {}:{} · {}", name(c.from), c.host, c.ip.as_deref().unwrap_or("?"), c.port, c.result.text_in(lang))}
                                </li>
                            }) }
                        </ul>
                    </figure>
                }
            </div>
        </section>
    }
}
