//! The `Events:` table of `kubectl describe pod` at the playhead: the rows that exist at that time,
//! counted and aged as kubectl prints them. Choosing a row explains its event.

use podplay_core::diag::Lang;
use podplay_core::sim::printer::events_age;
use podplay_core::sim::view_timeline::{event_message, Pick};
use podplay_core::sim::{EventType, SimTime};
use yew::prelude::*;

use super::text::text;
use super::SimRef;
use crate::state::PlayAction;

#[derive(Properties, PartialEq)]
pub struct EventsProps {
    pub sim: SimRef,
    pub t: SimTime,
    pub selected: Option<Pick>,
    pub lang: Lang,
    pub onaction: Callback<PlayAction>,
}

#[function_component]
pub fn EventsTable(props: &EventsProps) -> Html {
    let tx = text(props.lang);
    let run = &props.sim.run;
    let rows = props.sim.events.rows_at(run, props.t);
    let newest = rows.iter().map(|r| r.last).max();
    let body = if rows.is_empty() {
        html! { <tr><td colspan="5" class="muted">{"<none>"}</td></tr> }
    } else {
        rows.iter()
            .filter_map(|r| {
                let e = run.events().get(r.index)?;
                let pick = Pick::Event(r.index);
                let chosen = props.selected == Some(pick);
                let onaction = props.onaction.clone();
                let onclick = Callback::from(move |_: MouseEvent| {
                    onaction.emit(PlayAction::Select {
                        pick: Some(pick),
                        seek: None,
                    })
                });
                let class = classes!(
                    "ev-row",
                    (e.event_type == EventType::Warning).then_some("warn"),
                    chosen.then_some("chosen"),
                    (Some(r.last) == newest).then_some("newest"),
                );
                Some(html! {
                    <tr key={r.index} {class}>
                        <td>{e.event_type.as_str()}</td>
                        <td><button type="button" class="ev-pick" aria-pressed={chosen.to_string()}
                            {onclick}>{e.reason}</button></td>
                        <td>{events_age(run, e, r.first, r.last, r.count, props.t)}</td>
                        <td>{e.from}</td>
                        <td class="ev-msg">{event_message(run, e)}</td>
                    </tr>
                })
            })
            .collect::<Html>()
    };
    html! {
        <section class="play-card events" aria-label={tx.events}>
            <h3>{tx.events}</h3>
            <div class="ev-scroll">
                <table class="ev-table">
                    <thead><tr><th>{"Type"}</th><th>{"Reason"}</th><th>{"Age"}</th><th>{"From"}</th><th>{"Message"}</th></tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </section>
    }
}
