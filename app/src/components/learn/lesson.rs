//! A lesson page: the lesson's text for one step (fetched through the lessons client), its "look
//! here" callouts, its tasks, and the way between steps and lessons.

use std::rc::Rc;

use podplay_core::diag::Lang;
use podplay_core::lessons::{self, content, Cluster};
use podplay_core::sim::{printer, SimTime};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::client::{self, LoadError};
use super::progress::Progress;
use super::prose::blocks_html;
use super::route::{fragment, Route};
use super::task::TaskCard;
use super::text::{learn_text, open_view};
use crate::components::rich::with_code;

#[derive(Properties, PartialEq)]
pub struct LessonPageProps {
    pub lesson: &'static str,
    /// 1-based.
    pub step: usize,
    pub lang: Lang,
    /// The editor's text.
    pub text: Rc<str>,
    pub progress: Progress,
    /// The learner came here by a link or button of the page (not by opening an address): load the
    /// step's manifest into the editor.
    pub autoload: bool,
    pub onroute: Callback<Route>,
    /// Load this manifest (a task or example id) into the editor.
    pub onload: Callback<&'static str>,
    /// Open this play view at this time.
    pub onlook: Callback<(content::View, SimTime)>,
    pub onpassed: Callback<&'static str>,
    /// This step is on screen.
    pub onseen: Callback<(&'static str, usize)>,
    /// The task whose cluster and play options the play area should use.
    pub onplaytask: Callback<Option<&'static str>>,
}

/// The `&'static` id of a manifest named in a lesson file, if the course knows it.
fn static_manifest(id: &str) -> Option<&'static str> {
    if let Some(t) = lessons::task(id) {
        return Some(t.id);
    }
    podplay_core::examples::by_id(id).map(|e| e.id)
}

#[function_component]
pub fn LessonPage(props: &LessonPageProps) -> Html {
    let tx = learn_text(props.lang);
    let lang = props.lang;
    let loaded = use_state(|| client::cached(props.lesson).map(Ok));
    let attempt = use_state(|| 0u32);
    {
        let loaded = loaded.clone();
        use_effect_with((props.lesson, *attempt), move |(id, _)| {
            let id = *id;
            match client::cached(id) {
                Some(t) => loaded.set(Some(Ok(t))),
                None => {
                    loaded.set(None);
                    spawn_local(async move { loaded.set(Some(client::lesson_text(id).await)) });
                }
            }
        });
    }
    let text: Option<Rc<content::LessonText>> = match &*loaded {
        Some(Ok(t)) if t.id == props.lesson => Some(t.clone()),
        _ => None,
    };
    let Some(lesson) = lessons::lesson(props.lesson) else {
        return Html::default();
    };
    let steps = text.as_ref().map_or(0, |t| t.steps.len());
    let step = props.step.clamp(1, steps.max(1));
    let manifest: Option<&'static str> = text
        .as_ref()
        .and_then(|t| static_manifest(t.manifest_of(step - 1, lesson.start)));
    let play_task = manifest.and_then(lessons::task).map(|t| t.id);

    // The step is on screen: remember it, set the play area up for it, and (when the learner
    // navigated here) load its manifest — the replaced text stays restorable.
    let loaded_for = use_mut_ref(|| None::<(&'static str, usize)>);
    {
        let onseen = props.onseen.clone();
        let onplaytask = props.onplaytask.clone();
        let onload = props.onload.clone();
        let current = props.text.clone();
        let autoload = props.autoload;
        let ready = text.is_some();
        let id = props.lesson;
        use_effect_with(
            (id, step, ready, manifest),
            move |(id, step, ready, manifest)| {
                if *ready {
                    onseen.emit((*id, *step));
                    onplaytask.emit(play_task);
                    let key = Some((*id, *step));
                    if autoload && *loaded_for.borrow() != key {
                        *loaded_for.borrow_mut() = key;
                        if let Some(m) = manifest {
                            if lessons::manifest(m).is_some_and(|src| *src != *current) {
                                onload.emit(m);
                            }
                        }
                    }
                }
            },
        );
    }

    let go = |route: Route| {
        let onroute = props.onroute.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            onroute.emit(route)
        })
    };
    let number = lessons::lessons()
        .iter()
        .position(|l| l.id == lesson.id)
        .unwrap_or(0);
    let heading = match lang {
        Lang::En => format!("{} {}", tx.lesson_n, number + 1),
        Lang::Zh => format!("{} {} 课", tx.lesson_n, number + 1),
    };

    let body = match (&*loaded, &text) {
        (_, Some(t)) => {
            let s = t.steps.get(step - 1);
            let in_editor = manifest
                .and_then(lessons::manifest)
                .is_some_and(|m| *m == *props.text);
            let manifest_bar = match manifest {
                Some(_) if in_editor => {
                    html! { <p class="manifest-bar muted">{tx.manifest_here}</p> }
                }
                Some(m) => {
                    let onload = props.onload.clone();
                    html! {
                        <p class="manifest-bar">
                            <button type="button" class="button" onclick={Callback::from(move |_| onload.emit(m))}>
                                {tx.load_manifest}</button>
                            {" "}<code>{m}</code>
                        </p>
                    }
                }
                None => Html::default(),
            };
            let setup = play_task.and_then(lessons::task);
            let cluster_note = setup
                .filter(|t| t.cluster != Cluster::Default)
                .map(|_| html! { <p class="lesson-note">{tx.cluster_note}</p> });
            let delete_note = setup.and_then(|t| t.delete_at_secs).map(|s| {
                html! {
                    <p class="lesson-note">{with_code(tx.delete_note)}{format!(" {s} s.")}</p>
                }
            });
            let items = s.map(|s| s.items.as_slice()).unwrap_or(&[]);
            html! {
                <>
                    <h3 class="step-title">{s.map(|s| s.title.get(lang).to_string()).unwrap_or_default()}</h3>
                    {manifest_bar}
                    {cluster_note.unwrap_or_default()}
                    {delete_note.unwrap_or_default()}
                    { for items.iter().map(|item| match item {
                        content::Item::Prose(b) => html! { <div class="prose">{blocks_html(b.get(lang))}</div> },
                        content::Item::Look { view, at, text } => {
                            let onlook = props.onlook.clone();
                            let (view, at) = (*view, *at);
                            html! {
                                <aside class="callout">
                                    <span class="callout-label">{tx.look_here}</span>
                                    {blocks_html(text.get(lang))}
                                    <button type="button" class="button" data-view={view.key()}
                                        onclick={Callback::from(move |_| onlook.emit((view, at)))}>
                                        {open_view(view, &printer::seconds(at), lang)}
                                    </button>
                                </aside>
                            }
                        }
                        content::Item::Task { id, text } => match lessons::task(id) {
                            Some(task) => html! {
                                <TaskCard id={task.id} statement={text.clone()} text={props.text.clone()} {lang}
                                    passed={props.progress.is_passed(task.id)} onstart={props.onload.clone()}
                                    onpassed={props.onpassed.clone()} />
                            },
                            None => Html::default(),
                        },
                    }) }
                </>
            }
        }
        (Some(Err(e)), None) => {
            let retry = {
                let attempt = attempt.clone();
                Callback::from(move |_| attempt.set(*attempt + 1))
            };
            let detail = match e {
                LoadError::Fetch(0) => String::new(),
                LoadError::Fetch(code) => format!(" (HTTP {code})"),
                LoadError::Parse(why) => format!(" ({why})"),
            };
            html! {
                <div class="lesson-error" role="alert">
                    <p>{tx.load_failed}{detail}</p>
                    <button type="button" class="button" onclick={retry}>{tx.retry}</button>
                </div>
            }
        }
        _ => html! { <p class="muted" role="status">{tx.loading}</p> },
    };

    let next = if step < steps {
        Some((
            Route::Lesson {
                lesson: lesson.id,
                step: step + 1,
            },
            tx.next.to_string(),
        ))
    } else if steps > 0 {
        match lessons::lessons().get(number + 1) {
            Some(l) => Some((
                Route::Lesson {
                    lesson: l.id,
                    step: 1,
                },
                format!("{} {}", tx.next_lesson, l.title.get(lang)),
            )),
            None => Some((Route::Map, tx.course_done.to_string())),
        }
    } else {
        None
    };
    html! {
        <article class="lesson" aria-labelledby="lesson-title" data-lesson={lesson.id} data-step={step.to_string()}>
            <nav class="lesson-top">
                <a href="#learn" class="back" onclick={go(Route::Map)}>{format!("← {}", tx.all_lessons)}</a>
                if steps > 0 {
                    <ol class="step-dots" aria-label={tx.steps_label}>
                        { for (1..=steps).map(|n| {
                            let route = Route::Lesson { lesson: lesson.id, step: n };
                            let current = n == step;
                            html! {
                                <li>
                                    <a href={fragment(route)} onclick={go(route)}
                                        aria-current={current.then_some("step")}
                                        class={classes!(current.then_some("current"))}
                                        aria-label={format!("{} {n} {} {steps}", tx.step_word, tx.step_of)}>{n}</a>
                                </li>
                            }
                        }) }
                    </ol>
                }
            </nav>
            <header>
                <p class="lesson-number">{heading}
                    if steps > 0 { {format!(" · {} {step} {} {steps}", tx.step_word, tx.step_of)} }
                </p>
                <h2 id="lesson-title">{lesson.title.get(lang)}</h2>
            </header>
            {body}
            <nav class="lesson-bottom">
                if step > 1 {
                    <a href={fragment(Route::Lesson { lesson: lesson.id, step: step - 1 })} class="button"
                        onclick={go(Route::Lesson { lesson: lesson.id, step: step - 1 })}>{format!("← {}", tx.previous)}</a>
                }
                if let Some((route, label)) = next {
                    <a href={fragment(route)} class="button primary" onclick={go(route)}>{format!("{label} →")}</a>
                }
            </nav>
        </article>
    }
}
