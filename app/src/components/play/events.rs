//! The `Events:` table of `kubectl describe pod` at the playhead: the rows that exist at that time,
//! counted and aged as kubectl prints them. Choosing a row explains its event.

use podplay_core::diag::Lang;
use podplay_core::sim::printer::human_duration;
use podplay_core::sim::view_timeline::{event_message, EventRow, Pick};
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

/// kubectl's AGE column for a row: `12s`, or `5s (x3 over 40s)` for a counted row.
pub fn age(row: &EventRow, now: SimTime) -> String {
    let first = human_duration(now.0.saturating_sub(row.first.0));
    if row.count > 1 {
        format!(
            "{} (x{} over {first})",
            human_duration(now.0.saturating_sub(row.last.0)),
            row.count
        )
    } else {
        first
    }
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
                        <td>{age(r, props.t)}</td>
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

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn ages_read_like_kubectl() {
        let one = EventRow {
            index: 0,
            first: SimTime(1_000),
            last: SimTime(1_000),
            count: 1,
        };
        assert_eq!(age(&one, SimTime(13_500)), "12s");
        let many = EventRow {
            index: 4,
            first: SimTime(3_000),
            last: SimTime(33_000),
            count: 3,
        };
        assert_eq!(age(&many, SimTime(43_000)), "10s (x3 over 40s)");
    }
}
