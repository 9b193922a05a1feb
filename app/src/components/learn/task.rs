//! A task of a lesson: what it asks (from the lesson's text), a button to start from its
//! manifest, and its check — run again whenever the editor's text changes (make it so, fix it) or
//! when the learner answers (predict) — with each criterion, and the hint ladder for the first
//! that fails.

use std::cell::RefCell;
use std::rc::Rc;

use podplay_core::diag::Lang;
use podplay_core::lessons::{self, content::Both, Answers, Goal, Report, TaskKind};
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::client;
use super::prose::{blocks_html, inline_html, sentence_html};
use super::text::learn_text;
use podplay_core::lessons::content::inlines;

/// How long typing must pause before the task is checked again.
const CHECK_AFTER_MS: u32 = 350;

#[derive(Properties, PartialEq)]
pub struct TaskCardProps {
    pub id: &'static str,
    /// What the lesson's text says the task asks.
    pub statement: Both,
    /// The editor's text.
    pub text: Rc<str>,
    pub lang: Lang,
    /// Passed in this or an earlier session.
    pub passed: bool,
    pub onstart: Callback<&'static str>,
    pub onpassed: Callback<&'static str>,
}

#[function_component]
pub fn TaskCard(props: &TaskCardProps) -> Html {
    let tx = learn_text(props.lang);
    let lang = props.lang;
    let report = use_state(|| None::<Rc<Report>>);
    let checking = use_state(|| false);
    let rung = use_state(|| 0usize);
    let answer = use_state(String::new);
    let asked = use_state(|| false);
    // The failing criterion the shown hints are about: hints start over when it changes.
    let hinted_for = use_mut_ref(|| None::<String>);
    // The latest text, so that a check that finishes late does not show a stale result.
    let latest: Rc<RefCell<Rc<str>>> = use_mut_ref(|| props.text.clone());
    *latest.borrow_mut() = props.text.clone();

    let predict = lessons::task(props.id).is_some_and(|t| matches!(t.goal, Goal::Predict(_)));

    let run_check = {
        let report = report.clone();
        let checking = checking.clone();
        let rung = rung.clone();
        let hinted_for = hinted_for.clone();
        let onpassed = props.onpassed.clone();
        let latest = latest.clone();
        let id = props.id;
        Rc::new(move |input: Rc<str>, for_text: Option<Rc<str>>| {
            let report = report.clone();
            let checking = checking.clone();
            let rung = rung.clone();
            let hinted_for = hinted_for.clone();
            let onpassed = onpassed.clone();
            let latest = latest.clone();
            checking.set(true);
            spawn_local(async move {
                let r = client::check(id, input).await;
                if let Some(t) = for_text {
                    if *latest.borrow() != t {
                        return;
                    }
                }
                checking.set(false);
                let Some(r) = r else { return };
                let failing = r.checks.iter().find(|c| !c.passed).map(|c| c.name.clone());
                if *hinted_for.borrow() != failing {
                    *hinted_for.borrow_mut() = failing;
                    rung.set(0);
                }
                if r.passed {
                    onpassed.emit(id);
                }
                report.set(Some(Rc::new(r)));
            });
        })
    };

    // Make it so / fix it: check the editor's text once typing pauses.
    {
        let run_check = run_check.clone();
        use_effect_with((props.text.clone(), predict), move |(text, predict)| {
            let timeout = (!*predict).then(|| {
                let text = text.clone();
                gloo::timers::callback::Timeout::new(CHECK_AFTER_MS, move || {
                    run_check(text.clone(), Some(text))
                })
            });
            move || drop(timeout)
        });
    }

    let Some(task) = lessons::task(props.id) else {
        return Html::default();
    };
    let onstart = {
        let onstart = props.onstart.clone();
        let id = props.id;
        Callback::from(move |_| onstart.emit(id))
    };
    let passed_now = report.as_ref().is_some_and(|r| r.passed);
    let passed = props.passed || passed_now;
    let kind = task.kind.title().get(lang);
    let kind_class = task.kind.id();

    let results = match report.as_ref() {
        Some(r) if !predict || *asked => html! {
            <ul class="criteria" aria-label={tx.criteria}>
                { for r.checks.iter().map(|c| html! {
                    <li class={if c.passed { "ok" } else { "fail" }}>
                        <span class="mark" aria-hidden="true">{if c.passed { "✓" } else { "✗" }}</span>
                        <span class="visually-hidden">{if c.passed { tx.ok } else { tx.failed }}{": "}</span>
                        <span class="criterion">{inline_html(&inlines(c.title.get(lang)))}</span>
                        <span class="detail">{inline_html(&inlines(c.detail.get(lang)))}</span>
                    </li>
                }) }
            </ul>
        },
        _ => Html::default(),
    };

    let hints = match report.as_ref().and_then(|r| r.hint.as_ref()) {
        Some(ladder) if !passed_now => {
            let shown = *rung;
            let next_label = match shown {
                0 => Some(tx.hint),
                1 => Some(tx.more),
                2 => Some(tx.solution),
                _ => None,
            };
            let onmore = {
                let rung = rung.clone();
                Callback::from(move |_| rung.set((*rung + 1).min(3)))
            };
            html! {
                <div class="hints">
                    { for (1..=shown).map(|n| html! {
                        <div class={classes!("hint", format!("rung-{n}"))}>
                            <span class="hint-label">{tx.rungs.get(n - 1).copied().unwrap_or("")}</span>
                            {sentence_html(ladder.rung(n).get(lang))}
                        </div>
                    }) }
                    if let Some(label) = next_label {
                        <button type="button" class="hint-button" onclick={onmore}>{label}</button>
                    }
                </div>
            }
        }
        _ => Html::default(),
    };

    let predict_form = match task.goal {
        Goal::Predict(q) => {
            let name = format!("answer-{}", props.id);
            let inputs = match q.answers {
                Answers::Choices(choices) => html! {
                    <div class="choices">
                        { for choices.iter().map(|c| {
                            let answer = answer.clone();
                            let value = c.to_string();
                            let checked = *answer == value;
                            let onchange = Callback::from(move |_| answer.set(value.clone()));
                            html! {
                                <label class="choice">
                                    <input type="radio" name={name.clone()} value={c.to_string()} {checked} {onchange} />
                                    <code>{c.to_string()}</code>
                                </label>
                            }
                        }) }
                    </div>
                },
                Answers::Number { .. } => {
                    let oninput = {
                        let answer = answer.clone();
                        Callback::from(move |e: InputEvent| {
                            let input: HtmlInputElement = e.target_unchecked_into();
                            answer.set(input.value());
                        })
                    };
                    html! {
                        <input type="text" inputmode="decimal" class="number-answer" aria-label={tx.prediction}
                            placeholder={tx.number_placeholder} value={(*answer).clone()} {oninput} />
                    }
                }
            };
            let onsubmit = {
                let run_check = run_check.clone();
                let answer = answer.clone();
                let asked = asked.clone();
                Callback::from(move |e: SubmitEvent| {
                    e.prevent_default();
                    asked.set(true);
                    run_check(Rc::from(answer.as_str()), None);
                })
            };
            html! {
                <form class="predict" {onsubmit}>
                    <fieldset>
                        <legend>{tx.prediction}</legend>
                        {inputs}
                    </fieldset>
                    <button type="submit" class="button">{tx.check_answer}</button>
                    if *asked && answer.trim().is_empty() {
                        <p class="muted">{tx.choose_first}</p>
                    }
                </form>
            }
        }
        Goal::Criteria(_) => Html::default(),
    };

    let verdict = if *checking && !predict {
        tx.checking
    } else if passed {
        tx.passed
    } else {
        tx.not_yet
    };
    html! {
        <article class={classes!("task-card", passed.then_some("passed"))} id={format!("task-{}", props.id)}
            data-task={props.id}>
            <header class="task-head">
                <span class={classes!("task-kind", kind_class)}>{kind}</span>
                <h4>{task.title.get(lang)}</h4>
                <span class={classes!("task-verdict", passed.then_some("passed"))} role="status" aria-live="polite">
                    if passed { <span aria-hidden="true">{"✓ "}</span> }
                    {verdict}
                </span>
            </header>
            <div class="task-statement">{blocks_html(props.statement.get(lang))}</div>
            if task.kind == TaskKind::Predict {
                <p class="muted">{tx.predict_note}</p>
                {predict_form}
            } else {
                <div class="task-actions">
                    <button type="button" class="button" onclick={onstart}>{tx.start_task}</button>
                </div>
                <p class="muted">{tx.checked_against}</p>
            }
            {results}
            {hints}
        </article>
    }
}
