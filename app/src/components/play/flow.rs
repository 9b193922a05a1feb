//! The creation flow: kubectl → API server → etcd → scheduler → kubelet → volumes / CRI / CNI →
//! the pause container (the sandbox) and then the app containers, drawn as boxes with a token that
//! moves to the component acting at the playhead; what that component does there, in a sentence
//! (core's [`StepKind::teaching`]); and the steps so far with each component's own words and the
//! rule behind them. "Step through the creation" plays from the start and pauses at every step.
//!
//! Two drawings of the same diagram: four columns wide, three columns on a narrow view (a phone),
//! so that its text keeps a readable size.

use std::rc::Rc;

use podplay_core::diag::Lang;
use podplay_core::sim::view_input::RefusedBy;
use podplay_core::sim::view_pod::{flow_items, items_until, refusal_status, FlowItem};
use podplay_core::sim::view_timeline::Pick;
use podplay_core::sim::{Component, Run, SimTime, StepKind};
use yew::prelude::*;

use super::view::{arrow_defs, secs, state_word, svg_box, svg_rect, tr};
use crate::state::PlayAction;

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
    /// Draw the narrow diagram.
    #[prop_or_default]
    pub compact: bool,
    /// Stepping through the creation (the play area pauses at each step).
    #[prop_or_default]
    pub stepping: bool,
    /// What "Next step" does (play to the next step), while stepping.
    #[prop_or_default]
    pub next: Option<PlayAction>,
    /// What the "why" panel explains (a step chosen here is marked).
    #[prop_or_default]
    pub selected: Option<Pick>,
    #[prop_or_default]
    pub onaction: Callback<PlayAction>,
}

impl PartialEq for FlowProps {
    fn eq(&self, o: &Self) -> bool {
        let same_run = match (&self.run, &o.run) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        same_run
            && self.rejection == o.rejection
            && self.t == o.t
            && self.lang == o.lang
            && self.compact == o.compact
            && self.stepping == o.stepping
            && self.next == o.next
            && self.selected == o.selected
            && self.onaction == o.onaction
    }
}

/// Where the diagram's boxes go: columns and rows (top-left corners), the boxes' size, and where
/// each component sits.
struct Geo {
    cols: &'static [i32],
    rows: &'static [i32],
    w: i32,
    /// The viewBox's width.
    width: i32,
    /// Control plane and node zones (x, y, w, h), with their labels at (x + 8, y + 13).
    control: (i32, i32, i32, i32),
    node_top: i32,
    /// (column, row) of the CNI box, the one box the two layouts put in different places.
    cni: (usize, usize),
    /// Containers go on the rows from this one.
    ctr_row: usize,
    /// Boxes per row of containers (the pause container first).
    per_row: usize,
}

const H: i32 = 38;

const WIDE: Geo = Geo {
    cols: &[10, 185, 360, 535],
    rows: &[24, 92, 172, 246],
    w: 140,
    width: 685,
    control: (178, 4, 330, 136),
    node_top: 152,
    cni: (3, 2),
    ctr_row: 3,
    per_row: 5,
};

const COMPACT: Geo = Geo {
    cols: &[4, 124, 244],
    rows: &[24, 84, 164, 224, 284],
    w: 112,
    width: 360,
    control: (118, 4, 240, 124),
    node_top: 144,
    cni: (1, 3),
    ctr_row: 4,
    per_row: 3,
};

impl Geo {
    fn of(compact: bool) -> &'static Geo {
        if compact {
            &COMPACT
        } else {
            &WIDE
        }
    }

    /// (column, row) of each component: the control plane on the first rows, the node's
    /// components on the third, the containers from `ctr_row`.
    fn place(&self, c: Component) -> (usize, usize) {
        match c {
            Component::Kubectl => (0, 0),
            Component::ApiServer => (1, 0),
            Component::Etcd => (2, 0),
            Component::Scheduler => (2, 1),
            Component::Volumes => (0, 2),
            Component::Kubelet => (1, 2),
            Component::Cri => (2, 2),
            Component::Cni => self.cni,
            Component::Container => (0, self.ctr_row),
        }
    }

    /// The top-left corner of a component's box.
    fn at(&self, c: Component) -> (i32, i32) {
        let (col, row) = self.place(c);
        (
            self.cols.get(col).copied().unwrap_or(0),
            self.rows.get(row).copied().unwrap_or(0),
        )
    }

    /// The box of slot `i` of the containers' rows (slot 0 is the pause container, slot k + 1
    /// the run's container k): (x, y, w).
    fn slot(&self, i: usize, n: usize) -> (i32, i32, i32) {
        let slots = (n + 1).clamp(1, 24);
        let i = i.min(slots - 1);
        let per_row = self.per_row.min(slots).max(1);
        let (row, col) = (i / per_row, i % per_row);
        let first = self.cols.first().copied().unwrap_or(0);
        let span = self.width - 2 * first;
        let w = (span - 8 * (per_row as i32 - 1)) / per_row as i32;
        let y0 = self.rows.get(self.ctr_row).copied().unwrap_or(0);
        (first + col as i32 * (w + 8), y0 + row as i32 * (H + 8), w)
    }

    /// The viewBox's height for `n` containers.
    fn height(&self, n: usize) -> i32 {
        let (_, y, _) = self.slot(n, n);
        y + H + 10
    }

    /// The centre of the box of a step's component (a container's own box for its steps).
    fn centre(&self, c: Component, container: Option<usize>, n: usize) -> (i32, i32) {
        if c == Component::Container {
            let (x, y, w) = self.slot(container.map_or(0, |i| i + 1), n);
            return (x + w / 2, y + H / 2);
        }
        let (x, y) = self.at(c);
        (x + self.w / 2, y + H / 2)
    }
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

/// `name` cut to about what fits in a box `w` wide (12 px text), with an ellipsis.
fn fit(name: &str, w: i32) -> String {
    let room = ((w - 10) / 7).max(4) as usize;
    if name.chars().count() <= room {
        name.to_string()
    } else {
        name.chars()
            .take(room.saturating_sub(1))
            .chain(['…'])
            .collect()
    }
}

fn edge(g: &Geo, from: Component, to: Component, dashed: bool, lit: bool) -> Html {
    let (a, b) = (g.centre(from, None, 1), g.centre(to, None, 1));
    // From the side of the box facing the other one.
    let (x1, y1, x2, y2) = if a.1 == b.1 {
        let s = if b.0 > a.0 { 1 } else { -1 };
        (a.0 + s * g.w / 2, a.1, b.0 - s * g.w / 2, b.1)
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
    let g = Geo::of(props.compact);
    if let Some(by) = props.rejection {
        return rejected(by, lang, g);
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
    // A box that has acted is a button: it explains its latest step so far.
    let boxes = BOXES.iter().map(|&c| {
        let (x, y) = g.at(c);
        let drawn = svg_box(
            box_class(c),
            Some(key(c)),
            None,
            (x, y, g.w, H),
            name(c, lang).into(),
            None,
        );
        match shown.iter().rev().find(|i| i.component == c) {
            Some(i) => choosable(drawn, i.pick, props, &why_label(i, run, lang)),
            None => drawn,
        }
    });
    let edges = EDGES.iter().map(|&(a, b, dashed)| {
        let lit = current.is_some_and(|i| i.component == b) && prev == Some(a);
        edge(g, a, b, dashed, lit)
    });
    // The sandbox first: the pause container appears when the runtime creates it, before any of
    // the pod's own containers; each of those appears when the runtime creates it.
    let sandbox = snap.pause_namespaces.is_some();
    let pause = {
        let (x, y, w) = g.slot(0, ncontainers);
        let active = current.is_some_and(|i| i.kind == StepKind::Sandbox);
        svg_box(
            classes!(
                "fctr",
                "pause",
                if sandbox { "run" } else { "absent" },
                active.then_some("active")
            ),
            Some("pause"),
            None,
            (x, y, w, H),
            "pause".into(),
            Some(
                if sandbox {
                    tr(lang, "sandbox", "沙箱")
                } else {
                    tr(lang, "no sandbox yet", "尚无沙箱")
                }
                .into(),
            ),
        )
    };
    let containers = snap.containers.iter().map(|c| {
        let (x, y, w) = g.slot(c.index + 1, ncontainers);
        let created = shown
            .iter()
            .any(|i| i.kind == StepKind::Create && i.container == Some(c.index));
        let (word, class) = if created {
            state_word(c.state)
        } else {
            (tr(lang, "not created", "未创建"), "absent")
        };
        let active = current
            .is_some_and(|i| i.component == Component::Container && i.container == Some(c.index));
        let name = AttrValue::from(c.info.name.clone());
        svg_box(
            classes!("fctr", class, active.then_some("active")),
            None,
            Some(name.clone()),
            (x, y, w, H),
            fit(&c.info.name, w).into(),
            Some(word.into()),
        )
    });
    let token = current.map(|i| {
        let on_sandbox = i.kind == StepKind::Sandbox;
        let (x, y) = if on_sandbox {
            let (x, y, w) = g.slot(0, ncontainers);
            (x + w / 2, y + H / 2)
        } else {
            g.centre(i.component, i.container, ncontainers)
        };
        // Just above the box, clear of its title.
        let style = format!("transform:translate({}px,{}px)", x - 8, y - H / 2 - 11);
        html! { <circle class={classes!("token", i.failed.then_some("failed"))} cx="8" cy="8" r="7" {style} /> }
    });
    let node_label = snap
        .node
        .unwrap_or(tr(lang, "node (not chosen yet)", "节点（尚未选定）"));
    let label = current.map_or_else(
        || tr(lang, "Nothing has happened yet.", "还什么都没有发生。").to_string(),
        |i| format!("{} {}: {}", secs(i.t), name(i.component, lang), i.text_in(lang)),
    );
    let first = n.saturating_sub(8);
    let list = shown
        .get(first..)
        .unwrap_or(&[])
        .iter()
        .enumerate()
        .map(|(k, i)| step(i, first + k + 1 == n, run, props));
    let (cx, cy, cw, ch) = g.control;
    let node_h = g.height(ncontainers) - g.node_top - 4;
    let (cri_x, cri_y) = g.at(Component::Cri);
    let (_, ctr_y, _) = g.slot(0, ncontainers);
    html! {
        <section class="podview flow" aria-label={tr(lang, "Creation flow", "创建流程")}>
            { controls(props) }
            <svg class="flow-svg" viewBox={format!("0 0 {} {}", g.width, g.height(ncontainers))}
                data-compact={props.compact.then_some("true")} role="img" aria-label={label}>
                { arrow_defs("flow-arrow") }
                { svg_rect("zone", (cx, cy, cw, ch)) }
                <text class="zone-label" x={(cx + 8).to_string()} y={(cy + 13).to_string()}>{tr(lang, "control plane", "控制平面")}</text>
                { svg_rect("zone", (2, g.node_top, g.width - 4, node_h)) }
                <text class="zone-label" x="10" y={(g.node_top + 13).to_string()}>{node_label}</text>
                { for edges }
                <line class="edge" x1={(cri_x + g.w / 2).to_string()} y1={(cri_y + H).to_string()}
                    x2={(cri_x + g.w / 2).to_string()} y2={ctr_y.to_string()} marker-end="url(#flow-arrow)" />
                { for boxes }
                { pause }
                { for containers }
                { for token }
            </svg>
            { now(shown, run, lang) }
            <ol class="flow-steps" start={(first + 1).to_string()} aria-label={tr(lang, "Steps so far", "到目前为止的步骤")}>
                { for list }
            </ol>
            if n < items.len() {
                <p class="muted small">{format!("{} {}", items.len() - n, tr(lang, "more steps later in the run", "个步骤在之后发生"))}</p>
            }
        </section>
    }
}

/// "Step through the creation", and while stepping "Next step" with how it works.
fn controls(props: &FlowProps) -> Html {
    let lang = props.lang;
    let on = props.stepping;
    let toggle = {
        let onaction = props.onaction.clone();
        Callback::from(move |_: MouseEvent| onaction.emit(PlayAction::StepThrough(!on)))
    };
    let next = props.next.map(|a| {
        let onaction = props.onaction.clone();
        Callback::from(move |_: MouseEvent| onaction.emit(a))
    });
    html! {
        <div class="flow-controls">
            <button type="button" class="flow-step-btn" aria-pressed={on.to_string()} onclick={toggle}>
                {tr(lang, "Step through the creation", "逐步观看创建过程")}
            </button>
            if on {
                if let Some(onclick) = next {
                    <button type="button" class="flow-next" {onclick}>{tr(lang, "Next step →", "下一步 →")}</button>
                }
                <span class="muted small">{tr(lang,
                    "Paused at each step: read what the component does, then go on with Next step (or Space).",
                    "每一步都会暂停：读一读这个组件做了什么，再点“下一步”（或按空格）继续。")}</span>
            }
        </div>
    }
}

/// What the components acting at the playhead's instant do, in a sentence each.
fn now(shown: &[FlowItem<'_>], run: &Run, lang: Lang) -> Html {
    let Some(last) = shown.last() else {
        return html! {
            <div class="flow-now" aria-live="polite">
                <p class="muted">{tr(lang,
                    "Nothing has happened yet: press Play, step to the next event, or step through the creation.",
                    "还什么都没有发生：按“播放”、跳到下一个事件，或逐步观看创建过程。")}</p>
            </div>
        };
    };
    let at_once: Vec<&FlowItem<'_>> = shown.iter().rev().take_while(|i| i.t == last.t).collect();
    // One sentence per kind of step at this instant (three mounts say it once), oldest first.
    let mut kinds: Vec<(StepKind, &FlowItem<'_>)> = Vec::new();
    for i in at_once.iter().rev() {
        if !kinds.iter().any(|(k, _)| *k == i.kind) {
            kinds.push((i.kind, i));
        }
    }
    html! {
        <div class="flow-now" aria-live="polite">
            { for kinds.iter().map(|(kind, i)| {
                let who = match i.container.and_then(|c| run.containers().get(c)) {
                    Some(c) if i.kind != StepKind::Sandbox => format!("{} · {}", name(i.component, lang), c.name),
                    _ => name(i.component, lang).to_string(),
                };
                html! {
                    <p class={classes!("flow-now-item", i.failed.then_some("failed"))} data-kind={format!("{kind:?}")}>
                        <span class="ftime">{secs(i.t)}</span>{" "}
                        <strong>{who}</strong>{" "}
                        {kind.teaching(lang)}
                    </p>
                }
            }) }
        </div>
    }
}

fn who(i: &FlowItem<'_>, run: &Run, lang: Lang) -> String {
    match i.container.and_then(|c| run.containers().get(c)) {
        Some(c) => format!("{} · {}", name(i.component, lang), c.name),
        None => name(i.component, lang).to_string(),
    }
}

/// "Why: 0.2s kube-apiserver" (what a step's button says to a screen reader).
fn why_label(i: &FlowItem<'_>, run: &Run, lang: Lang) -> String {
    format!(
        "{} {} {}",
        tr(lang, "Why:", "为什么："),
        secs(i.t),
        who(i, run, lang)
    )
}

fn choose(props: &FlowProps, pick: Pick) -> Callback<MouseEvent> {
    let onaction = props.onaction.clone();
    Callback::from(move |_: MouseEvent| {
        onaction.emit(PlayAction::Select {
            pick: Some(pick),
            seek: None,
        })
    })
}

/// A component's box as a button (SVG has none: role, focus and Enter/Space by hand).
fn choosable(drawn: Html, pick: Pick, props: &FlowProps, label: &str) -> Html {
    let onclick = choose(props, pick);
    let onkeydown = {
        let onaction = props.onaction.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                e.stop_propagation();
                onaction.emit(PlayAction::Select {
                    pick: Some(pick),
                    seek: None,
                });
            }
        })
    };
    let chosen = props.selected == Some(pick);
    html! {
        <g class={classes!("fpick", chosen.then_some("chosen"))} role="button" tabindex="0"
            aria-label={label.to_string()} aria-pressed={chosen.to_string()} {onclick} {onkeydown}>
            { drawn }
        </g>
    }
}

fn step(i: &FlowItem<'_>, current: bool, run: &Run, props: &FlowProps) -> Html {
    let lang = props.lang;
    let chosen = props.selected == Some(i.pick);
    let class = classes!(
        "fstep",
        current.then_some("current"),
        i.failed.then_some("failed"),
        chosen.then_some("chosen")
    );
    html! {
        <li {class} aria-current={current.then_some("step")}>
            <button type="button" class="fstep-pick" aria-pressed={chosen.to_string()}
                title={tr(lang, "Why did this happen?", "为什么会这样？")} onclick={choose(props, i.pick)}>
                <span class="ftime">{secs(i.t)}</span>
                <span class="fwho">{who(i, run, lang)}</span>
                if let Some(r) = i.reason { <span class="freason">{r}</span> }
                <code class="ftext">{i.text_in(lang).to_string()}</code>
                <span class="fwhy">{i.cause.text(lang)}</span>
            </button>
        </li>
    }
}

/// The manifest never became a Pod: kubectl could not send it, or the API server refused it (the
/// play area prints why and kubectl's message beside it).
fn rejected(by: RefusedBy, lang: Lang, g: &Geo) -> Html {
    let stop = match by {
        RefusedBy::Kubectl => Component::Kubectl,
        RefusedBy::Decoding | RefusedBy::Validation => Component::ApiServer,
    };
    let (x, y) = g.at(stop);
    let style = format!("transform:translate({}px,{}px)", x + g.w / 2 - 8, y - 8);
    let status = refusal_status(by);
    let label = match status {
        Some(s) => format!("kubectl → kube-apiserver: {s}"),
        None => tr(lang, "kubectl: nothing sent", "kubectl：什么也没有发送").to_string(),
    };
    html! {
        <section class="podview flow rejected" aria-label={tr(lang, "Creation flow", "创建流程")}>
            <svg class="flow-svg" viewBox={format!("0 10 {} 58", g.width)} role="img" aria-label={label}>
                { arrow_defs("flow-arrow") }
                { edge(g, Component::Kubectl, Component::ApiServer, false, status.is_some()) }
                { edge(g, Component::ApiServer, Component::Etcd, false, false) }
                { for [Component::Kubectl, Component::ApiServer, Component::Etcd].iter().map(|&c| {
                    let class = classes!("fbox", (c == stop).then_some("failed"), (c == Component::Kubectl || c == stop).then_some("done"));
                    let (x, y) = g.at(c);
                    svg_box(class, Some(key(c)), None, (x, y, g.w, H), name(c, lang).into(), None)
                }) }
                <circle class="token failed" cx="8" cy="8" r="7" {style} />
            </svg>
            if let Some(s) = status { <p class="freason">{format!("HTTP {s}")}</p> }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn boxes_stay_inside_the_drawing_and_do_not_overlap() {
        for g in [&WIDE, &COMPACT] {
            for n in [1usize, 3, 8] {
                let mut rects: Vec<(i32, i32, i32)> =
                    BOXES.iter().map(|&c| (g.at(c).0, g.at(c).1, g.w)).collect();
                rects.extend((0..=n).map(|i| g.slot(i, n)));
                for (k, (x, y, w)) in rects.iter().enumerate() {
                    assert!(*x >= 0 && x + w <= g.width, "box {k} of {n}: x {x} w {w}");
                    assert!(*y >= 0 && y + H <= g.height(n), "box {k} of {n}");
                    for (x2, y2, w2) in rects.iter().skip(k + 1) {
                        let apart = x + w <= *x2 || x2 + w2 <= *x || y + H <= *y2 || y2 + H <= *y;
                        assert!(apart, "{n} containers: ({x},{y}) and ({x2},{y2}) overlap");
                    }
                }
            }
        }
        assert_eq!(fit("nginx", 112), "nginx");
        assert_eq!(fit("memory-demo-2-ctr", 112), "memory-demo-2…");
    }
}
