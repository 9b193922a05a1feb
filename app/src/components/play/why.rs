//! The "why" panel: the rule that caused the chosen event, step or transition, in plain words, and
//! what led there. With nothing chosen it explains the latest step at the playhead (the one the
//! creation flow shows as current).

use podplay_core::diag::Lang;
use podplay_core::sim::printer;
use podplay_core::sim::view_timeline::{latest_pick, why, Pick};
use podplay_core::sim::SimTime;
use yew::prelude::*;

use super::text::text;
use super::SimRef;
use crate::state::PlayAction;

#[derive(Properties, PartialEq)]
pub struct WhyProps {
    pub sim: SimRef,
    pub t: SimTime,
    pub selected: Option<Pick>,
    pub lang: Lang,
    pub onaction: Callback<PlayAction>,
}

#[function_component]
pub fn WhyPanel(props: &WhyProps) -> Html {
    let tx = text(props.lang);
    let run = &props.sim.run;
    let (pick, chosen) = match props.selected {
        Some(p) => (Some(p), true),
        None => (latest_pick(run, props.t), false),
    };
    // The latest step changes only at steps: the explanation is computed once per pick.
    let answer = use_memo(
        (props.sim.clone(), pick, props.lang),
        |(sim, pick, lang)| pick.and_then(|p| why(&sim.run, p, *lang)),
    );
    let follow = {
        let onaction = props.onaction.clone();
        Callback::from(move |_: MouseEvent| {
            onaction.emit(PlayAction::Select {
                pick: None,
                seek: None,
            })
        })
    };
    let body = match &*answer {
        None => {
            html! { <p class="muted">{ if chosen { tx.why_hint } else { tx.nothing_yet } }</p> }
        }
        Some(w) => {
            let who = w
                .container
                .and_then(|c| run.containers().get(c))
                .map(|c| c.name.clone());
            html! {
                <>
                    <p class="why-what">
                        <span class="why-badge">{ if chosen { tx.chosen } else { tx.latest } }</span>
                        <span class="why-time">{printer::seconds(w.t)}</span>
                        if let Some(who) = who { <code class="why-who">{who}</code> }
                        <span class="why-text">{w.what.clone()}</span>
                    </p>
                    // Core gives every step at least one rule (tests/sim_why.rs).
                    <p class="why-because">
                        <strong>{tx.because}{": "}</strong>
                        <span class="why-rules">{w.rules.join(" → ")}</span>
                    </p>
                    if !w.steps.is_empty() {
                        <details class="why-steps" open=true>
                            <summary>{tx.leading}</summary>
                            <ol>{ for w.steps.iter().map(|s| html! {
                                <li>
                                    <span class="why-time">{printer::seconds(s.t)}</span>
                                    {" "}<span>{s.why.clone()}</span>
                                    <span class="muted small">{" — "}{s.what.clone()}</span>
                                </li>
                            }) }</ol>
                        </details>
                    }
                </>
            }
        }
    };
    html! {
        <section class="play-card why" aria-label={tx.why} aria-live={if chosen { "polite" } else { "off" }}>
            <h3>
                {tx.why}
                if chosen {
                    <button type="button" class="why-follow" onclick={follow}>{tx.follow_latest}</button>
                }
            </h3>
            {body}
            if !chosen { <p class="muted small">{tx.why_hint}</p> }
        </section>
    }
}
