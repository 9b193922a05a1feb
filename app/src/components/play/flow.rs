//! The creation flow: kubectl → API server → etcd → scheduler → kubelet → volumes / CRI / CNI →
//! containers, drawn as boxes with a token that moves to the component acting at the playhead,
//! and the steps so far with each component's own words and the rule behind them.

use std::rc::Rc;

use podplay_core::diag::Lang;
use podplay_core::sim::view_input::RefusedBy;
use podplay_core::sim::view_pod::{flow_items, items_until, refusal_status, FlowItem};
use podplay_core::sim::{Component, Run, SimTime};
use yew::prelude::*;

use super::view::{arrow_defs, secs, state_word, svg_box, svg_rect, tr};

#[derive(Properties, Clone)]
pub struct FlowProps {
    /// The run; None when the manifest was rejected (see `rejection`) or there is no Pod.
    #[prop_or_default]
    pub run: Option<Rc<Run>>,
    /// Who refused the manifest, when it never became a Pod.
    #[prop_or_default]
    pub rejection: Option<RefusedBy>,
    pub t: SimTime,
    pub lang: Lang,
}

impl PartialEq for FlowProps {
    fn eq(&self, o: &Self) -> bool {
        let same_run = match (&self.run, &o.run) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        same_run && self.rejection == o.rejection && self.t == o.t && self.lang == o.lang
    }
}

const W: i32 = 140;
const H: i32 = 38;
const COLS: [i32; 4] = [10, 185, 360, 535];
const ROWS: [i32; 4] = [24, 92, 172, 246];

/// Where each component's box is (top-left corner).
fn place(c: Component) -> (i32, i32) {
    let (col, row) = match c {
        Component::Kubectl => (0, 0),
        Component::ApiServer => (1, 0),
        Component::Etcd => (2, 0),
        Component::Scheduler => (2, 1),
        Component::Volumes => (0, 2),
        Component::Kubelet => (1, 2),
        Component::Cri => (2, 2),
        Component::Cni => (3, 2),
        Component::Container => (1, 3),
    };
    (COLS[col], ROWS[row])
}

const BOXES: [Component; 8] = [
    Component::Kubectl,
    Component::ApiServer,
    Component::Etcd,
    Component::Scheduler,
    Component::Volumes,
    Component::Kubelet,
    Component::Cri,
    Component::Cni,
];

/// Arrows between components: (from, to, dashed).
const EDGES: [(Component, Component, bool); 7] = [
    (Component::Kubectl, Component::ApiServer, false),
    (Component::ApiServer, Component::Etcd, false),
    (Component::ApiServer, Component::Scheduler, true),
    (Component::ApiServer, Component::Kubelet, true),
    (Component::Kubelet, Component::Volumes, false),
    (Component::Kubelet, Component::Cri, false),
    (Component::Cri, Component::Cni, false),
];

/// A stable key for tests and styles.
fn key(c: Component) -> &'static str {
    match c {
        Component::Kubectl => "kubectl",
        Component::ApiServer => "apiserver",
        Component::Etcd => "etcd",
        Component::Scheduler => "scheduler",
        Component::Kubelet => "kubelet",
        Component::Cri => "cri",
        Component::Cni => "cni",
        Component::Volumes => "volumes",
        Component::Container => "container",
    }
}

fn name(c: Component, lang: Lang) -> &'static str {
    match (c, lang) {
        (Component::ApiServer, _) => "kube-apiserver",
        (Component::Scheduler, Lang::Zh) => "调度器 scheduler",
        (Component::Cri, _) => "CRI · containerd",
        (Component::Cni, Lang::Zh) => "CNI 网络插件",
        (Component::Volumes, Lang::Zh) => "卷 volumes",
        (Component::Container, Lang::Zh) => "容器",
        (Component::Container, Lang::En) => "containers",
        _ => c.as_str(),
    }
}

/// The centre of the box of a component (a container's own box for container steps).
fn centre(c: Component, container: Option<usize>, n: usize) -> (i32, i32) {
    if c == Component::Container {
        let (x, y, w) = container_box(container.unwrap_or(0), n);
        return (x + w / 2, y + H / 2);
    }
    let (x, y) = place(c);
    (x + W / 2, y + H / 2)
}

/// The containers share the bottom row under the CRI, from the kubelet's column to the right edge.
fn container_box(i: usize, n: usize) -> (i32, i32, i32) {
    let n = n.clamp(1, 8) as i32;
    let i = (i as i32).min(n - 1);
    let span = COLS[3] + W - COLS[1];
    let w = (span - 8 * (n - 1)) / n;
    (COLS[1] + i * (w + 8), ROWS[3], w)
}

fn edge(from: Component, to: Component, dashed: bool, lit: bool) -> Html {
    let (a, b) = (centre(from, None, 1), centre(to, None, 1));
    // From the side of the box facing the other one.
    let (x1, y1, x2, y2) = if a.1 == b.1 {
        let s = if b.0 > a.0 { 1 } else { -1 };
        (a.0 + s * W / 2, a.1, b.0 - s * W / 2, b.1)
    } else {
        (a.0, a.1 + H / 2, b.0, b.1 - H / 2)
    };
    let class = classes!("edge", dashed.then_some("dashed"), lit.then_some("lit"));
    html! {
        <line {class} x1={x1.to_string()} y1={y1.to_string()} x2={x2.to_string()} y2={y2.to_string()}
            marker-end="url(#flow-arrow)" />
    }
}

#[function_component]
pub fn FlowView(props: &FlowProps) -> Html {
    let lang = props.lang;
    if let Some(by) = props.rejection {
        return rejected(by, lang);
    }
    let Some(run) = &props.run else {
        return html! {};
    };
    let items = flow_items(run);
    let n = items_until(&items, props.t);
    let shown = items.get(..n).unwrap_or(&[]);
    let current = shown.last();
    let snap = run.state_at(props.t);
    let ncontainers = run.containers().len();

    // The token travels from the previous item's component to the current one.
    let prev = n
        .checked_sub(2)
        .and_then(|i| items.get(i))
        .map(|p| p.component);
    let box_class = |c: Component| {
        let last = shown.iter().rev().find(|i| i.component == c);
        let active = current.is_some_and(|i| i.component == c);
        classes!(
            "fbox",
            last.is_some().then_some("done"),
            active.then_some("active"),
            last.is_some_and(|i| i.failed).then_some("failed")
        )
    };
    let boxes = BOXES.iter().map(|&c| {
        let (x, y) = place(c);
        svg_box(
            box_class(c),
            Some(key(c)),
            None,
            (x, y, W, H),
            name(c, lang).into(),
            None,
        )
    });
    let edges = EDGES.iter().map(|&(a, b, dashed)| {
        let lit = current.is_some_and(|i| i.component == b) && prev == Some(a);
        edge(a, b, dashed, lit)
    });
    let containers = snap.containers.iter().map(|c| {
        let (x, y, w) = container_box(c.index, ncontainers);
        let (word, class) = state_word(c.state);
        let active = current
            .is_some_and(|i| i.component == Component::Container && i.container == Some(c.index));
        let name = AttrValue::from(c.info.name.clone());
        svg_box(
            classes!("fctr", class, active.then_some("active")),
            None,
            Some(name.clone()),
            (x, y, w, H),
            name,
            Some(word.into()),
        )
    });
    let token = current.map(|i| {
        let (x, y) = centre(i.component, i.container, ncontainers);
        let style = format!("transform:translate({}px,{}px)", x - 8, y - H / 2 - 8);
        html! { <circle class={classes!("token", i.failed.then_some("failed"))} cx="8" cy="8" r="7" {style} /> }
    });
    let node_label = snap
        .node
        .unwrap_or(tr(lang, "node (not chosen yet)", "节点（尚未选定）"));
    let label = current.map_or_else(
        || tr(lang, "Nothing has happened yet.", "还什么都没有发生。").to_string(),
        |i| format!("{} {}: {}", secs(i.t), name(i.component, lang), i.text),
    );
    let first = n.saturating_sub(8);
    let list = shown
        .get(first..)
        .unwrap_or(&[])
        .iter()
        .enumerate()
        .map(|(k, i)| step(i, first + k + 1 == n, run, lang));
    html! {
        <section class="podview flow" aria-label={tr(lang, "Creation flow", "创建流程")}>
            <svg class="flow-svg" viewBox="0 0 685 292" role="img" aria-label={label}>
                { arrow_defs("flow-arrow") }
                { svg_rect("zone", (178, 4, 330, 136)) }
                <text class="zone-label" x="186" y="17">{tr(lang, "control plane", "控制平面")}</text>
                { svg_rect("zone", (4, 152, 677, 136)) }
                <text class="zone-label" x="12" y="165">{node_label}</text>
                { for edges }
                <line class="edge" x1={(COLS[2] + W / 2).to_string()} y1={(ROWS[2] + H).to_string()}
                    x2={(COLS[2] + W / 2).to_string()} y2={ROWS[3].to_string()} marker-end="url(#flow-arrow)" />
                { for boxes }
                { for containers }
                { for token }
            </svg>
            <ol class="flow-steps" start={(first + 1).to_string()} aria-label={tr(lang, "Steps so far", "到目前为止的步骤")}>
                { for list }
            </ol>
            if n < items.len() {
                <p class="muted small">{format!("{} {}", items.len() - n, tr(lang, "more steps later in the run", "个步骤在之后发生"))}</p>
            }
        </section>
    }
}

fn step(i: &FlowItem<'_>, current: bool, run: &Run, lang: Lang) -> Html {
    let who = match i.container.and_then(|c| run.containers().get(c)) {
        Some(c) => format!("{} · {}", name(i.component, lang), c.name),
        None => name(i.component, lang).to_string(),
    };
    let class = classes!(
        "fstep",
        current.then_some("current"),
        i.failed.then_some("failed")
    );
    html! {
        <li {class} aria-current={current.then_some("step")}>
            <span class="ftime">{secs(i.t)}</span>
            <span class="fwho">{who}</span>
            if let Some(r) = i.reason { <span class="freason">{r}</span> }
            <code class="ftext">{i.text}</code>
            if !i.cause.is_empty() { <span class="fwhy">{i.cause.text(lang)}</span> }
        </li>
    }
}

/// The manifest never became a Pod: kubectl could not send it, or the API server refused it (the
/// play area prints why and kubectl's message beside it).
fn rejected(by: RefusedBy, lang: Lang) -> Html {
    let stop = match by {
        RefusedBy::Kubectl => Component::Kubectl,
        RefusedBy::Decoding | RefusedBy::Validation => Component::ApiServer,
    };
    let (x, y) = place(stop);
    let style = format!("transform:translate({}px,{}px)", x + W / 2 - 8, y - 8);
    let status = refusal_status(by);
    let label = match status {
        Some(s) => format!("kubectl → kube-apiserver: {s}"),
        None => tr(lang, "kubectl: nothing sent", "kubectl：什么也没有发送").to_string(),
    };
    html! {
        <section class="podview flow rejected" aria-label={tr(lang, "Creation flow", "创建流程")}>
            <svg class="flow-svg" viewBox="0 10 685 58" role="img" aria-label={label}>
                { arrow_defs("flow-arrow") }
                { edge(Component::Kubectl, Component::ApiServer, false, status.is_some()) }
                { edge(Component::ApiServer, Component::Etcd, false, false) }
                { for [Component::Kubectl, Component::ApiServer, Component::Etcd].iter().map(|&c| {
                    let class = classes!("fbox", (c == stop).then_some("failed"), (c == Component::Kubectl || c == stop).then_some("done"));
                    svg_box(class, Some(key(c)), None, (place(c).0, place(c).1, W, H), name(c, lang).into(), None)
                }) }
                <circle class="token failed" cx="8" cy="8" r="7" {style} />
            </svg>
            if let Some(s) = status { <p class="freason">{format!("HTTP {s}")}</p> }
        </section>
    }
}
