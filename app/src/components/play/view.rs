//! What the pod views (flow, namespaces, network) share: their props and small formatting helpers.

use std::rc::Rc;

use podplay_core::diag::Lang;
use podplay_core::sim::view_timeline::{self, Pick, StateKind};
use podplay_core::sim::{CState, Run, SimTime, World};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::flow::FlowView;
use super::namespaces::NamespacesView;
use super::network::NetworkView;
use crate::components::tabs::Tabs;
use crate::state::{PlayAction, PodView};

/// A run, the world it was simulated from, and the playhead time. Props compare the run and world
/// by pointer (they change only when the manifest does), so a new time redraws without comparing
/// whole runs.
#[derive(Properties, Clone)]
pub struct PodViewProps {
    pub run: Rc<Run>,
    pub world: Rc<World>,
    pub t: SimTime,
    pub lang: Lang,
    /// Draw for a narrow view (a phone): fewer columns, so that text keeps a readable size.
    #[prop_or_default]
    pub compact: bool,
}

impl PartialEq for PodViewProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.run, &o.run)
            && Rc::ptr_eq(&self.world, &o.world)
            && self.t == o.t
            && self.lang == o.lang
            && self.compact == o.compact
    }
}

/// Below this width (CSS pixels) the views draw their narrow diagrams.
pub const COMPACT_BELOW: f64 = 560.0;

/// `4.870s`, without float formatting.
pub fn secs(t: SimTime) -> String {
    format!("{}.{:03}s", t.0 / 1000, t.0 % 1000)
}

/// English or Chinese.
pub fn tr(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// A container's state in a word (`Running`, `CrashLoopBackOff`, `Completed`), and the CSS class
/// of its colour (`run`, `wait`, `done`, `fail`), as core classifies it.
pub fn state_word(state: Option<&CState>) -> (&'static str, &'static str) {
    let Some(s) = state else {
        return ("-", "none");
    };
    let class = match StateKind::of(s) {
        StateKind::Waiting => "wait",
        StateKind::Running => "run",
        StateKind::Completed => "done",
        StateKind::WaitingError | StateKind::BackOff | StateKind::Failed => "fail",
    };
    (view_timeline::state_word(s), class)
}

/// A box of a diagram: a rounded rectangle with its title and, below, an optional second line.
/// One function for every box of the three views keeps the generated code small.
pub fn svg_box(
    class: Classes,
    component: Option<&'static str>,
    container: Option<AttrValue>,
    (x, y, w, h): (i32, i32, i32, i32),
    title: AttrValue,
    sub: Option<AttrValue>,
) -> Html {
    let cx = (x + w / 2).to_string();
    let ty = if sub.is_some() {
        y + h / 2 - 4
    } else {
        y + h / 2 + 4
    };
    html! {
        <g {class} data-component={component} data-container={container}>
            <rect x={x.to_string()} y={y.to_string()} width={w.to_string()} height={h.to_string()} rx="6" />
            <text x={cx.clone()} y={ty.to_string()}>{title}</text>
            if let Some(sub) = sub {
                <text class="sub" x={cx} y={(y + h / 2 + 11).to_string()}>{sub}</text>
            }
        </g>
    }
}

/// A plain rectangle (zones, the pod, the network stack).
pub fn svg_rect(class: &'static str, (x, y, w, h): (i32, i32, i32, i32)) -> Html {
    html! {
        <rect {class} x={x.to_string()} y={y.to_string()} width={w.to_string()} height={h.to_string()} rx="8" />
    }
}

/// The arrow head the views' lines end with (`marker-end="url(#ID)"`).
pub fn arrow_defs(id: &'static str) -> Html {
    html! {
        <defs>
            <marker {id} viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse"
                markerWidth="8" markerHeight="8" orient="auto-start-reverse">
                <path d="M0,0L10,5L0,10z" />
            </marker>
        </defs>
    }
}

#[derive(Properties, Clone)]
pub struct PodViewsProps {
    pub run: Rc<Run>,
    pub world: Rc<World>,
    pub t: SimTime,
    pub lang: Lang,
    /// The view shown.
    pub view: PodView,
    /// Stepping through the creation, and what "Next step" does (see [`super::flow`]).
    pub stepping: bool,
    pub next: Option<PlayAction>,
    /// What the "why" panel explains.
    pub selected: Option<Pick>,
    pub onaction: Callback<PlayAction>,
}

impl PartialEq for PodViewsProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.run, &o.run)
            && Rc::ptr_eq(&self.world, &o.world)
            && self.t == o.t
            && self.lang == o.lang
            && self.view == o.view
            && self.stepping == o.stepping
            && self.next == o.next
            && self.selected == o.selected
            && self.onaction == o.onaction
    }
}

fn view_label(v: PodView, lang: Lang) -> &'static str {
    match v {
        PodView::Flow => tr(lang, "Creation flow", "创建流程"),
        PodView::Namespaces => tr(lang, "Pause & namespaces", "pause 与命名空间"),
        PodView::Network => tr(lang, "Network", "网络"),
    }
}

/// The three pod views under one tab list (one drawn at a time: the play area stays short and a
/// new playhead time redraws one view). Arrow keys on the tabs move between tabs, not the playhead.
#[function_component]
pub fn PodViews(props: &PodViewsProps) -> Html {
    let lang = props.lang;
    // The width of the views decides between the wide and the narrow diagrams.
    let host = use_node_ref();
    let compact = use_state_eq(|| false);
    {
        let (host, compact) = (host.clone(), compact.clone());
        use_effect_with((), move |_| {
            let measure = move || {
                if let Some(el) = host.cast::<web_sys::Element>() {
                    let narrow = crate::browser::play::width_of(&el) < COMPACT_BELOW;
                    if narrow != *compact {
                        compact.set(narrow);
                    }
                }
            };
            measure();
            let resize = crate::browser::play::on_resize(measure);
            move || drop(resize)
        });
    }
    let tabs: Vec<(AttrValue, AttrValue)> = PodView::ALL
        .iter()
        .map(|v| (v.key().into(), view_label(*v, lang).into()))
        .collect();
    let onselect = props
        .onaction
        .reform(|key: AttrValue| PlayAction::ShowView(PodView::from_key(&key).unwrap_or_default()));
    let onkeydown = Callback::from(|e: KeyboardEvent| {
        let on_tab = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| el.get_attribute("role").as_deref() == Some("tab"));
        if on_tab {
            e.stop_propagation();
        }
    });
    let p = PodViewProps {
        run: props.run.clone(),
        world: props.world.clone(),
        t: props.t,
        lang,
        compact: *compact,
    };
    let view = match props.view {
        PodView::Flow => html! {
            <FlowView run={Some(p.run)} t={p.t} {lang} compact={p.compact} stepping={props.stepping}
                next={props.next} selected={props.selected} onaction={props.onaction.clone()} />
        },
        PodView::Namespaces => html! { <NamespacesView ..p /> },
        PodView::Network => html! { <NetworkView ..p /> },
    };
    html! {
        <div class="podviews" ref={host} {onkeydown}>
            <Tabs id="podview" label={tr(lang, "Views of the pod", "Pod 的视图")} {tabs}
                selected={props.view.key()} {onselect}>
                { view }
            </Tabs>
        </div>
    }
}
