//! The playhead bar: play/pause, step to the previous or next event, speed, and the scrubbable
//! time axis with a mark for every event.

use podplay_core::diag::Lang;
use podplay_core::sim::view_timeline::Pick;
use podplay_core::sim::{printer, EventType, SimTime};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::text::text;
use super::SimRef;
use crate::state::{PlayAction, Speed};

#[derive(Properties, PartialEq)]
pub struct PlayBarProps {
    pub sim: SimRef,
    pub t: SimTime,
    pub playing: bool,
    pub speed: Speed,
    pub reduced: bool,
    /// What the play button does now (see [`super::toggle`]).
    pub toggle: PlayAction,
    pub lang: Lang,
    pub onaction: Callback<PlayAction>,
}

#[function_component]
pub fn PlayBar(props: &PlayBarProps) -> Html {
    let tx = text(props.lang);
    let sim = &props.sim;
    let (t, end) = (props.t, sim.run.end());
    let act = |a: PlayAction| {
        let onaction = props.onaction.clone();
        Callback::from(move |_: MouseEvent| onaction.emit(a))
    };
    let prev = sim.marks.prev(t);
    let next = sim.marks.next(t);
    let oninput = {
        let onaction = props.onaction.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(v) = input.value().parse::<f64>() {
                if v.is_finite() {
                    onaction.emit(PlayAction::Seek(SimTime(v.max(0.0) as u64)))
                }
            }
        })
    };
    let play_label = if props.playing { tx.pause } else { tx.play };
    let time = format!("{} / {}", printer::seconds(t), printer::seconds(end));
    html! {
        <div class="playbar">
            <div class="pb-controls">
                <button type="button" class="pb-btn" aria-label={tx.prev} title={tx.prev}
                    disabled={prev.is_none()} onclick={act(PlayAction::Seek(prev.unwrap_or(SimTime::ZERO)))}>
                    {icon("M3 2h2v12H3zM14 2v12L6 8z")}
                </button>
                <button type="button" class="pb-btn pb-play" aria-label={play_label} title={play_label}
                    onclick={act(props.toggle)}>
                    { if props.playing { icon("M4 2h3v12H4zM9 2h3v12H9z") } else { icon("M4 2l10 6-10 6z") } }
                </button>
                <button type="button" class="pb-btn" aria-label={tx.next} title={tx.next}
                    disabled={next.is_none()} onclick={act(PlayAction::Seek(next.unwrap_or(end)))}>
                    {icon("M11 2h2v12h-2zM2 2v12l8-6z")}
                </button>
                <div class="pb-speed" role="group" aria-label={tx.speed}>
                    { for Speed::ALL.iter().map(|s| html! {
                        <button type="button" class="pb-speed-btn" aria-pressed={(*s == props.speed).to_string()}
                            onclick={act(PlayAction::SetSpeed(*s))}>{s.label()}</button>
                    }) }
                </div>
                <output class="pb-time" aria-live="off">{time.clone()}</output>
            </div>
            <div class="pb-scrub">
                <input type="range" class="pb-range" min="0" max={end.0.to_string()} step="1"
                    value={t.0.to_string()} aria-label={tx.time} aria-valuetext={time} {oninput} />
                <Marks sim={sim.clone()} onaction={props.onaction.clone()} />
            </div>
            <p class="pb-keys">{tx.keys}{ if props.reduced { format!(" · {}", tx.reduced) } else { String::new() } }</p>
        </div>
    }
}

/// A 16×16 icon drawn from one SVG path (the fonts of many systems lack the media symbols).
fn icon(d: &'static str) -> Html {
    html! {
        <svg class="pb-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
            <path d={d} fill="currentColor" />
        </svg>
    }
}

#[derive(Properties, PartialEq)]
struct MarksProps {
    sim: SimRef,
    onaction: Callback<PlayAction>,
}

/// A mark on the time axis for each event (warnings stand out); clicking one explains it. Drawn
/// once per run. Keyboard users step between events with the arrow keys instead.
#[function_component]
fn Marks(props: &MarksProps) -> Html {
    let run = &props.sim.run;
    let end = run.end().0.max(1) as f64;
    // One mark per position (in thousandths of the axis) and type, the latest event there.
    let mut marks: Vec<(u32, bool, usize)> = Vec::new();
    for (i, e) in run.events().iter().enumerate() {
        let at = ((e.t.0 as f64 / end) * 1000.0).round().min(1000.0) as u32;
        let warning = e.event_type == EventType::Warning;
        match marks.iter_mut().find(|m| m.0 == at && m.1 == warning) {
            Some(m) => m.2 = i,
            None => marks.push((at, warning, i)),
        }
    }
    html! {
        <div class="pb-marks" aria-hidden="true">
            { for marks.into_iter().map(|(at, warning, i)| {
                let onaction = props.onaction.clone();
                let t = run.events().get(i).map_or(SimTime::ZERO, |e| e.t);
                let onclick = Callback::from(move |_: MouseEvent| onaction.emit(PlayAction::Select {
                    pick: Some(Pick::Event(i)),
                    seek: Some(t),
                }));
                html! {
                    <span class={classes!("pb-mark", warning.then_some("warn"))}
                        style={format!("left:{}%", at as f64 / 10.0)} {onclick}></span>
                }
            }) }
        </div>
    }
}
