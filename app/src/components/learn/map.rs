//! The course map: every lesson in order with where the learner stands (done, in progress, not
//! started) and a way to continue.

use podplay_core::diag::Lang;
use podplay_core::lessons;
use yew::prelude::*;

use super::progress::{Progress, Status};
use super::route::Route;
use super::text::learn_text;
use crate::components::rich::with_code;

#[derive(Properties, PartialEq)]
pub struct CourseMapProps {
    pub lang: Lang,
    pub progress: Progress,
    pub onopen: Callback<Route>,
}

#[function_component]
pub fn CourseMap(props: &CourseMapProps) -> Html {
    let tx = learn_text(props.lang);
    let lang = props.lang;
    let open = |lesson: &'static str, step: usize| {
        let onopen = props.onopen.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            onopen.emit(Route::Lesson { lesson, step })
        })
    };
    let next = props.progress.next_lesson();
    let started = lessons::lessons()
        .iter()
        .any(|l| props.progress.status(l) != Status::NotStarted);
    let cta = match next {
        Some(l) => {
            let label = if started {
                format!("{} {}", tx.continue_with, l.title.get(lang))
            } else {
                tx.start_course.to_string()
            };
            html! {
                <a class="button primary learn-continue" href={super::route::fragment(Route::Lesson { lesson: l.id, step: props.progress.resume_step(l.id) })}
                    onclick={open(l.id, props.progress.resume_step(l.id))}>{label}</a>
            }
        }
        None => html! { <p class="learn-all-done">{tx.all_done}</p> },
    };
    html! {
        <section class="course-map" aria-labelledby="course-heading">
            <header class="course-head">
                <h2 id="course-heading">{tx.map_heading}</h2>
                <p>{tx.map_intro}</p>
                <p class="muted">{with_code(tx.map_kinds)}</p>
                {cta}
            </header>
            <ol class="lesson-list" aria-label={tx.map_label}>
                { for lessons::lessons().iter().enumerate().map(|(i, l)| {
                    let status = props.progress.status(l);
                    let (class, label, mark) = match status {
                        Status::Done => ("done", tx.done, "✓"),
                        Status::InProgress => ("progress", tx.in_progress, "◐"),
                        Status::NotStarted => ("todo", tx.not_started, "○"),
                    };
                    let step = props.progress.resume_step(l.id);
                    let number = match lang {
                        Lang::En => format!("{} {}", tx.lesson_n, i + 1),
                        Lang::Zh => format!("{} {} 课", tx.lesson_n, i + 1),
                    };
                    html! {
                        <li class={classes!("lesson-card", class)} data-lesson={l.id}>
                            <a href={super::route::fragment(Route::Lesson { lesson: l.id, step })} onclick={open(l.id, step)}>
                                <span class="lesson-number">{number}</span>
                                <span class="lesson-title">{l.title.get(lang)}</span>
                                <span class="lesson-summary">{l.summary.get(lang)}</span>
                                <span class="lesson-status">
                                    <span class="status-mark" aria-hidden="true">{mark}</span>
                                    <span class="status-word">{label}</span>
                                    <span class="muted">{format!(" · {}/{} {}", props.progress.passed_in(l), l.tasks.len(), tx.tasks_passed)}</span>
                                </span>
                            </a>
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}
