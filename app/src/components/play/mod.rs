//! The play area: the pod's simulated life, every view drawn from the state at one playhead time.
//!
//! The area shows the playhead bar on top, then the `kubectl get pod` line, the timeline, the
//! "why" panel and the events table, then the views of the pod (creation flow, pause container and
//! namespaces, networking). Every view takes the run as a [`SimRef`] and the playhead time `t`
//! (already clamped to the run) and asks core for what to draw (`run.state_at(t)`, the
//! `podplay_core::sim::view_*` functions); a view that lets the user choose something emits a
//! [`PlayAction`].
//!
//! The run is derived from the analysis (see [`PlayData::new`]) and replaced on every edit; the
//! playhead lives in the app's state and keeps its time.

pub mod bar;
pub mod events;
pub mod flow;
pub mod namespaces;
pub mod network;
pub mod text;
pub mod timeline;
pub mod view;
pub mod why;

use std::ops::Deref;
use std::rc::Rc;

use podplay_core::analyze::Analysis;
use podplay_core::diag::Lang;
use podplay_core::sim::view_input::{play_input, LeftOut, PlayInput, RefusedBy, Rejection};
use podplay_core::sim::view_pod::{flow_items, item_times};
use podplay_core::sim::view_timeline::{memory_limits, EventGroups, Marks};
use podplay_core::sim::{printer, simulate, NoteKind, Options, Run, SimTime, World, WorldError};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::browser::play as browser;
use crate::state::{PlayAction, Playhead, Speed};

use self::bar::PlayBar;
use self::events::EventsTable;
use self::flow::FlowView;
use self::text::text;
use self::timeline::Timeline;
use self::view::PodViews;
use self::why::WhyPanel;

/// A simulated run and what the views derive from it once.
pub struct Sim {
    pub world: Rc<World>,
    pub run: Rc<Run>,
    /// The instants the playhead steps between.
    pub marks: Marks,
    /// The events grouped as `kubectl describe` counts them.
    pub events: EventGroups,
    /// Each container's memory limit, in the run's container order.
    pub limits: Vec<Option<u64>>,
    /// Objects of the text that were not created.
    pub left_out: Vec<LeftOut>,
    /// The instants of the flow's steps, where stepping through the creation pauses.
    pub steps: Vec<SimTime>,
}

/// A shared [`Sim`], equal only to itself (props compare by pointer, never by content).
#[derive(Clone)]
pub struct SimRef(pub Rc<Sim>);

impl PartialEq for SimRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for SimRef {
    type Target = Sim;
    fn deref(&self) -> &Sim {
        &self.0
    }
}

/// What the play area plays.
pub enum Played {
    Run(SimRef),
    /// kubectl or the API server refused the Pod: nothing runs.
    Rejected(Rejection),
    Nothing(WorldError),
}

/// The play area's input, equal only to itself.
#[derive(Clone)]
pub struct PlayData(pub Rc<Played>);

impl PartialEq for PlayData {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl PlayData {
    /// Plays what `kubectl create -f` of the analysed text would create, for 300 simulated
    /// seconds.
    pub fn new(analysis: &Analysis) -> PlayData {
        PlayData::for_task(analysis, None)
    }

    /// The same, on a lesson task's cluster and with its play options (a `kubectl delete` time)
    /// when a task is given (see `podplay_core::lessons::play_input_for`).
    pub fn for_task(analysis: &Analysis, task: Option<&podplay_core::lessons::Task>) -> PlayData {
        let (input, options) = match task {
            Some(t) => (
                podplay_core::lessons::play_input_for(t, analysis),
                podplay_core::lessons::play_options_for(t),
            ),
            None => (play_input(analysis), Options::default()),
        };
        PlayData(Rc::new(match input {
            PlayInput::Play { world, left_out } => {
                let run = simulate(&world, &options);
                Played::Run(SimRef(Rc::new(Sim::of(*world, run, left_out))))
            }
            PlayInput::Rejected(r) => Played::Rejected(r),
            PlayInput::Nothing(e) => Played::Nothing(e),
        }))
    }
}

impl Sim {
    /// What the views derive once from a run of `world`.
    pub fn of(world: World, run: Run, left_out: Vec<LeftOut>) -> Sim {
        Sim {
            steps: item_times(&flow_items(&run)),
            marks: Marks::of(&run),
            events: EventGroups::of(&run),
            limits: memory_limits(&world),
            world: Rc::new(world),
            run: Rc::new(run),
            left_out,
        }
    }
}

impl PlayData {
    /// A pod of the terminal's cluster, played by the session (`Session::pod_play`).
    pub fn of_pod(world: World, run: Run) -> PlayData {
        PlayData(Rc::new(Played::Run(SimRef(Rc::new(Sim::of(world, run, Vec::new()))))))
    }
}

/// The time the views show: the playhead clamped to the run; while playing with reduced motion,
/// the latest instant reached (the views change at once from one event to the next instead of
/// moving continuously).
pub fn view_time(sim: &Sim, playhead: &Playhead, reduced: bool) -> SimTime {
    let t = playhead.time().min(sim.run.end());
    if reduced && playhead.playing {
        sim.marks
            .prev(SimTime(t.0.saturating_add(1)))
            .unwrap_or(SimTime::ZERO)
    } else {
        t
    }
}

/// Play or pause; while stepping through the creation, playing stops at the next step.
pub fn toggle(sim: &Sim, playhead: &Playhead) -> PlayAction {
    let t = playhead.time().min(sim.run.end());
    let stop = playhead
        .stepping
        .then(|| {
            let i = sim.steps.partition_point(|s| *s <= t);
            sim.steps.get(i).copied()
        })
        .flatten();
    PlayAction::Toggle {
        end: sim.run.end(),
        stop,
    }
}

/// What a key pressed in the play area does, if anything. `on_button` is true when the key went to
/// a button (Space and Enter then belong to the button).
pub fn key_action(
    sim: &Sim,
    playhead: &Playhead,
    key: &str,
    shift: bool,
    on_button: bool,
) -> Option<PlayAction> {
    let t = playhead.time().min(sim.run.end());
    let end = sim.run.end();
    Some(match key {
        " " | "k" | "K" if !on_button => toggle(sim, playhead),
        "ArrowLeft" if shift => PlayAction::Seek(SimTime(t.0.saturating_sub(1000))),
        "ArrowRight" if shift => PlayAction::Seek(SimTime(t.0.saturating_add(1000).min(end.0))),
        "ArrowLeft" => PlayAction::Seek(sim.marks.prev(t).unwrap_or(SimTime::ZERO)),
        "ArrowRight" => PlayAction::Seek(sim.marks.next(t).unwrap_or(end)),
        "Home" => PlayAction::Seek(SimTime::ZERO),
        "End" => PlayAction::Seek(end),
        "1" => PlayAction::SetSpeed(Speed::X0_1),
        "2" => PlayAction::SetSpeed(Speed::X0_25),
        "3" => PlayAction::SetSpeed(Speed::X1),
        "4" => PlayAction::SetSpeed(Speed::X5),
        "5" => PlayAction::SetSpeed(Speed::X20),
        "6" => PlayAction::SetSpeed(Speed::X60),
        _ => return None,
    })
}

#[derive(Properties, PartialEq)]
pub struct PlayAreaProps {
    pub data: PlayData,
    pub playhead: Playhead,
    pub lang: Lang,
    pub onaction: Callback<PlayAction>,
}

/// The play area (see the module documentation).
#[function_component]
pub fn PlayArea(props: &PlayAreaProps) -> Html {
    let tx = text(props.lang);
    match &*props.data.0 {
        Played::Run(sim) => html! {
            <Dashboard sim={sim.clone()} playhead={props.playhead} lang={props.lang}
                onaction={props.onaction.clone()} />
        },
        Played::Rejected(r) => {
            let why = match r.by {
                RefusedBy::Kubectl => tx.refused_kubectl,
                RefusedBy::Decoding | RefusedBy::Validation => tx.refused_api,
            };
            html! {
                <section class="play" aria-label={tx.region}>
                    <FlowView rejection={Some(r.by)} t={SimTime::ZERO} lang={props.lang} />
                    <div class="play-refused" role="status">
                        <p>{why}</p>
                        <pre class="terminal"><code>{format!("$ kubectl create -f -\n{}", r.message)}</code></pre>
                    </div>
                </section>
            }
        }
        Played::Nothing(e) => {
            let message = match e {
                WorldError::NoPod => html! { <p>{tx.no_pod}</p> },
                WorldError::SeveralPods(names) => html! {
                    <p>{tx.several_pods}{" "}{ for names.iter().map(|n| html! { <code>{n.clone()}</code> }) }</p>
                },
            };
            html! {
                <section class="play" aria-label={tx.region}>
                    <div class="play-refused" role="status">{message}</div>
                </section>
            }
        }
    }
}

#[derive(Properties, PartialEq)]
struct DashboardProps {
    sim: SimRef,
    playhead: Playhead,
    lang: Lang,
    onaction: Callback<PlayAction>,
}

#[function_component]
fn Dashboard(props: &DashboardProps) -> Html {
    let tx = text(props.lang);
    let sim = &props.sim;
    let reduced = use_state(browser::reduced_motion);
    {
        let reduced = reduced.clone();
        use_effect_with((), move |_| {
            let listener = browser::on_reduced_motion(move |r| reduced.set(r));
            move || drop(listener)
        });
    }
    let end = sim.run.end();
    let playing = props.playhead.playing;
    // The play loop: one tick per animation frame while playing.
    {
        let onaction = props.onaction.clone();
        use_effect_with((playing, end), move |(playing, end)| {
            let end = *end;
            let frames = playing
                .then(|| {
                    browser::frames(move |elapsed_ms| {
                        onaction.emit(PlayAction::Tick { elapsed_ms, end })
                    })
                })
                .flatten();
            move || drop(frames)
        });
    }
    let t = view_time(sim, &props.playhead, *reduced);
    // Every view has been drawn for `t` (effects run after the views' own): end the measure.
    use_effect_with(t, |_| browser::redraw_end());

    let onkeydown = {
        let sim = sim.clone();
        let playhead = props.playhead;
        let onaction = props.onaction.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.alt_key() || e.ctrl_key() || e.meta_key() {
                return;
            }
            let tag = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .map(|el| el.tag_name())
                .unwrap_or_default();
            let on_button = tag.eq_ignore_ascii_case("button");
            if let Some(a) = key_action(&sim, &playhead, &e.key(), e.shift_key(), on_button) {
                e.prevent_default();
                onaction.emit(a);
            }
        })
    };
    let snap = sim.run.state_at(t);
    let get = if snap.exists {
        printer::get_table(&sim.run, &snap)
    } else {
        format!(
            "Error from server (NotFound): pods \"{}\" not found\n",
            sim.run.pod_name()
        )
    };
    let notes = sim.run.notes();
    html! {
        // Focusable: the keys (Space, arrows, Home/End, 1–6) work when the play area itself has the
        // focus, as well as from any of its controls.
        <section class="play" aria-label={tx.region} tabindex="0" aria-keyshortcuts="Space ArrowLeft ArrowRight Home End"
            {onkeydown}>
            <PlayBar sim={sim.clone()} {t} playing={playing} speed={props.playhead.speed}
                toggle={toggle(sim, &props.playhead)}
                reduced={*reduced} lang={props.lang} onaction={props.onaction.clone()} />
            <pre class="terminal getpod" aria-label={tx.get_label} aria-live="off"><code>
                {format!("$ kubectl get pod {}\n{get}", sim.run.pod_name())}
            </code></pre>
            <Timeline sim={sim.clone()} {t} selected={props.playhead.selected} window={props.playhead.window} lang={props.lang}
                onaction={props.onaction.clone()} />
            <PodViews run={sim.run.clone()} world={sim.world.clone()} {t} lang={props.lang}
                view={props.playhead.view} stepping={props.playhead.stepping}
                next={props.playhead.stepping.then(|| toggle(sim, &props.playhead))}
                selected={props.playhead.selected} onaction={props.onaction.clone()} />
            <WhyPanel sim={sim.clone()} {t} selected={props.playhead.selected} lang={props.lang}
                onaction={props.onaction.clone()} />
            <EventsTable sim={sim.clone()} {t} selected={props.playhead.selected} lang={props.lang}
                onaction={props.onaction.clone()} />
            if !sim.left_out.is_empty() {
                <details class="play-notes">
                    <summary>{format!("{} ({})", tx.left_out, sim.left_out.len())}</summary>
                    <ul>{ for sim.left_out.iter().map(|l| html! {
                        <li><code>{format!("{} {}", l.kind, l.name)}</code>{": "}{l.message.get(props.lang).to_string()}</li>
                    }) }</ul>
                </details>
            }
            if !notes.is_empty() {
                <details class="play-notes">
                    <summary>{format!("{} ({})", tx.notes, notes.len())}</summary>
                    <ul>{ for notes.iter().map(|n| html! {
                        <li><span class="muted">{printer::seconds(n.t)}</span>{" "}
                            if n.kind == NoteKind::KubeletLog {
                                <span class="muted">{tx.kubelet_log}</span>{" "}<code>{n.text.get(props.lang).to_string()}</code>
                            } else {
                                {n.text.get(props.lang).to_string()}
                            }
                        </li>
                    }) }</ul>
                </details>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use podplay_core::analyze::analyze;

    const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: crash\nspec:\n  containers:\n  - name: app\n    image: busybox:1.36\n    command: [\"sh\", \"-c\", \"sleep 3; exit 1\"]\n";

    fn sim() -> SimRef {
        match &*PlayData::new(&analyze(POD)).0 {
            Played::Run(s) => s.clone(),
            _ => panic!("plays"),
        }
    }

    #[test]
    fn keys_step_between_instants_and_clamp_to_the_run() {
        let s = sim();
        let ph = Playhead::default();
        let end = s.run.end();
        let next = s.marks.next(SimTime::ZERO).unwrap();
        assert_eq!(
            key_action(&s, &ph, "ArrowRight", false, false),
            Some(PlayAction::Seek(next))
        );
        assert_eq!(
            key_action(&s, &ph, "ArrowLeft", false, false),
            Some(PlayAction::Seek(SimTime::ZERO))
        );
        assert_eq!(
            key_action(&s, &ph, "ArrowRight", true, false),
            Some(PlayAction::Seek(SimTime(1000)))
        );
        assert_eq!(
            key_action(&s, &ph, "End", false, false),
            Some(PlayAction::Seek(end))
        );
        assert_eq!(
            key_action(&s, &ph, " ", false, false),
            Some(PlayAction::Toggle { end, stop: None })
        );
        assert_eq!(
            key_action(&s, &ph, " ", false, true),
            None,
            "Space belongs to buttons"
        );
        assert_eq!(
            key_action(&s, &ph, "6", false, false),
            Some(PlayAction::SetSpeed(Speed::X60))
        );
        assert_eq!(
            key_action(&s, &ph, "1", false, false),
            Some(PlayAction::SetSpeed(Speed::X0_1))
        );
        // Stepping through the creation: Space plays to the next step of the flow.
        let stepping = Playhead {
            stepping: true,
            ..Playhead::default()
        };
        assert_eq!(
            key_action(&s, &stepping, " ", false, false),
            Some(PlayAction::Toggle {
                end,
                stop: s.steps.get(1).copied()
            })
        );
        assert_eq!(s.steps.first(), Some(&SimTime::ZERO));
        assert_eq!(key_action(&s, &ph, "x", false, false), None);
        let far = Playhead {
            pos: 1e12,
            ..Playhead::default()
        };
        assert_eq!(
            key_action(&s, &far, "ArrowRight", true, false),
            Some(PlayAction::Seek(end)),
            "a playhead beyond a shorter run is clamped"
        );
    }

    #[test]
    fn reduced_motion_shows_the_latest_instant_while_playing() {
        let s = sim();
        let mut ph = Playhead {
            pos: 2_000.5,
            ..Playhead::default()
        };
        assert_eq!(view_time(&s, &ph, true), SimTime(2_000));
        ph.playing = true;
        assert_eq!(view_time(&s, &ph, false), SimTime(2_000));
        let shown = view_time(&s, &ph, true);
        assert!(s.marks.times().contains(&shown));
        assert!(shown <= SimTime(2_000));
        assert_eq!(s.marks.next(shown).map(|n| n > SimTime(2_000)), Some(true));
    }

    #[test]
    fn refused_and_empty_texts_do_not_play() {
        let bad = POD.replace("name: app", "name: App");
        assert!(matches!(
            &*PlayData::new(&analyze(&bad)).0,
            Played::Rejected(Rejection {
                by: RefusedBy::Validation,
                ..
            })
        ));
        assert!(matches!(
            &*PlayData::new(&analyze("")).0,
            Played::Nothing(WorldError::NoPod)
        ));
    }
}
