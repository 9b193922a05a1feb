//! The root component: owns the state, derives the analysis, and lays out the panes.

use std::rc::Rc;

use podplay_core::analyze::{self, Analysis};
use podplay_core::diag::Replacement;
use podplay_core::examples;
use podplay_core::stored;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::browser::{self, files, page, streams};
use crate::components::code_editor::CodeEditor;
use crate::components::explain_tree::ExplainTree;
use crate::components::gallery::Gallery;
use crate::components::header::Header;
use crate::components::look::Look;
use crate::components::learn::progress::Progress;
use crate::components::learn::route::{self, Route};
use crate::components::learn::text::learn_text;
use crate::components::learn::{CourseMap, LessonPage};
use crate::components::notice::NoticeBar;
use crate::components::play::text::text as play_text;
use crate::components::play::{PlayArea, PlayData, Played};
use crate::components::problems::{ProblemStatus, Problems};
use crate::components::stored_view::StoredView;
use crate::components::summary::Summary;
use crate::components::tabs::Tabs;
use crate::components::terminal::record::{self, Cluster};
use crate::components::terminal::text::text as term_text;
use crate::components::terminal::{warm, ClusterRef, EditBar, PodPicker, Terminal, Typed, TERMINAL};
use crate::components::toolbar::{Toolbar, EXAMPLES_BUTTON};
use crate::i18n::ui;
use podplay_core::share;
use crate::state::{Action, LoadSource, Notice, Pane, PlayAction, Reveal, SideTab, State};

/// The id of the right-hand pane (Check or Play).
pub const SIDE_PANE: &str = "side-pane";

/// How long typing must pause before the play area plays the new text.
const SIMULATE_AFTER_MS: u32 = 300;

fn initial_state() -> State {
    let lang = browser::initial_lang();
    let saved = browser::saved_text();
    let mut state = if page::was_checking() {
        // The last session stopped while checking its text: do not check it again (it would
        // stop this one too); offer it for download instead, and start from the first example.
        page::clear_fragment();
        let mut s = State::new(examples::DEFAULT.source, lang);
        s.notice = Some(Notice::Recovered {
            text: saved.unwrap_or_default().into(),
        });
        s
    } else {
        State::new(
            saved.unwrap_or_else(|| examples::DEFAULT.source.to_string()),
            lang,
        )
    };
    state.previous = page::saved_previous().map(Into::into);
    state.theme = page::saved_theme();
    // The Learn section's place (a deep link `#learn/<lesson>/<step>` survives a reload), and the
    // course progress; a record that cannot be read is ignored, with a notice.
    state.learn = route::parse(&page::fragment());
    if let Some(record) = browser::saved_progress() {
        match Progress::parse(&record) {
            Some(p) => state.progress = p,
            None => {
                if state.notice.is_none() {
                    state.notice = Some(Notice::ProgressIgnored);
                }
            }
        }
    }
    page::apply_theme(state.theme);
    state
}

/// The first render's state and the analysis of its text, made by [`prepare`] in the task
/// before the first render.
struct Prepared {
    state: Option<State>,
    analysis: Option<(Rc<str>, Rc<Analysis>)>,
}

thread_local! {
    static PREPARED: std::cell::RefCell<Prepared> =
        const { std::cell::RefCell::new(Prepared { state: None, analysis: None }) };
}

/// Makes the first state and analyses its text ahead of the first render, in a task of its own
/// (`browser::mount_prepared`): the first analysis is the longest piece of the start (V8
/// compiles the check's code at its first call: 57–104 ms at 4× CPU, 1 ms once compiled), and in
/// the same task as the first render the two made one long task. Under the crash guard, as the
/// render's own analysis is.
pub fn prepare() {
    let state = initial_state();
    page::set_checking(true);
    let text = state.text.clone();
    let analysis = Rc::new(browser::timed("podplay:analyze", || analyze::analyze(&text)));
    PREPARED.with(|p| {
        *p.borrow_mut() = Prepared {
            state: Some(state),
            analysis: Some((text, analysis)),
        }
    });
}

/// The state [`prepare`] made, else a new one.
fn first_state() -> State {
    PREPARED
        .with(|p| p.borrow_mut().state.take())
        .unwrap_or_else(initial_state)
}

/// The analysis of `text`: [`prepare`]'s when it was of this text, else made now.
fn analysis_of(text: &Rc<str>) -> Rc<Analysis> {
    let prepared = PREPARED.with(|p| p.borrow_mut().analysis.take());
    match prepared {
        Some((t, a)) if t == *text => a,
        _ => Rc::new(browser::timed("podplay:analyze", || analyze::analyze(text))),
    }
}

/// Opens the share link in the address bar, if there is one: its text replaces the current one
/// (which is kept), or a message says why it cannot be opened (and the text stays). The fragment
/// is removed first, so that a reload never opens the link over later edits.
fn open_link(dispatch: UseReducerDispatcher<State>) {
    let fragment = page::fragment();
    let Some(payload) = share::payload_of(&fragment) else {
        return;
    };
    page::clear_fragment();
    // Decoding is plain Rust in core (bounded: see `share::open_payload`), so it is synchronous.
    let action = match payload.and_then(share::open_payload) {
        Ok(text) => Action::Load {
            text: text.into(),
            source: LoadSource::Link,
        },
        Err(why) => Action::Notify(Notice::LinkRefused(why)),
    };
    dispatch.dispatch(action);
}

/// The name of the first Pod of the stream (else of the first named object), for a file name.
fn object_name(a: &Analysis) -> Option<&str> {
    let docs = &a.documents;
    docs.iter()
        .find(|d| d.kind.as_deref() == Some("Pod") && d.name.is_some())
        .or_else(|| docs.iter().find(|d| d.name.is_some()))
        .and_then(|d| d.name.as_deref())
}

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(first_state);
    // The terminal's cluster session, restored from its record (replayed) when there is one.
    let session_ignored = use_mut_ref(|| false);
    let cluster_cell = {
        let text = state.text.clone();
        let ignored = session_ignored.clone();
        use_mut_ref(move || {
            let restored = browser::saved_session().map(|r| Cluster::restore(&r, &text));
            if matches!(restored, Some(None)) {
                *ignored.borrow_mut() = true;
                browser::save_session(None);
            }
            Rc::new(std::cell::RefCell::new(
                restored.flatten().unwrap_or_else(|| Cluster::new(&text)),
            ))
        })
    };
    let cluster_version = use_state(|| 0u32);
    let cluster = ClusterRef {
        cell: cluster_cell.borrow().clone(),
        version: *cluster_version,
    };
    {
        // A restored session plays its pods' history up to now between frames, not in the first
        // command (`terminal/warm.rs`); the views that list its pods are drawn again after.
        let (cell, version) = (cluster.cell.clone(), cluster_version.clone());
        use_effect_with((), move |_| {
            if !cell.borrow().is_ready() {
                spawn_local(async move {
                    warm::until_warm(cell).await;
                    version.set(version.wrapping_add(1));
                });
            }
        });
    }
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            if *session_ignored.borrow() {
                dispatch.dispatch(Action::Notify(Notice::SessionIgnored));
            }
        });
    }
    // pod.yaml in the session's home is the editor's text.
    {
        let cell = cluster.cell.clone();
        use_effect_with(state.text.clone(), move |text| cell.borrow_mut().sync_file(text));
    }
    // Save the text (and the text a load replaced) *before* checking it, and raise the crash
    // guard until the result is on screen: a bug in the check can never lose the text, nor stop
    // every later session.
    let saved = use_memo(
        (state.text.clone(), state.previous.clone()),
        |(text, previous)| {
            page::set_checking(true);
            page::save_previous(previous.as_deref());
            browser::save_text(text)
        },
    );
    let analysis = use_memo(state.text.clone(), analysis_of);
    use_effect_with((state.text.clone(), state.previous.clone()), |_| {
        page::set_checking(false)
    });
    let show_stored = state.side == SideTab::Stored;
    let stored_objects = {
        let analysis = analysis.clone();
        use_memo((state.text.clone(), show_stored), move |(_, show)| {
            Rc::new(if *show {
                stored::stored_objects(&analysis)
            } else {
                Vec::new()
            })
        })
    };
    use_effect_with(state.lang, |lang| browser::save_lang(*lang));
    use_effect_with(state.theme, |theme| page::apply_theme(*theme));
    use_effect_with((), |_| browser::mark("podplay:first-render"));
    // The simulation of the text, only while the play area is shown. While the user types, the
    // last run stays on screen and the text is played once typing pauses (SIMULATE_AFTER_MS):
    // simulating takes tens of milliseconds and must not hold up the keystrokes. Opening the play
    // area plays the current text at once.
    let show_play = state.pane == Pane::Play;
    let sim_text = use_state(|| state.text.clone());
    {
        let sim_text = sim_text.clone();
        use_effect_with((state.text.clone(), show_play), move |(text, show)| {
            let text = text.clone();
            let timeout = if *sim_text == text {
                None
            } else if !*show {
                // Hidden: keep up, so that opening the play area plays the current text.
                sim_text.set(text);
                None
            } else {
                Some(gloo::timers::callback::Timeout::new(
                    SIMULATE_AFTER_MS,
                    move || sim_text.set(text),
                ))
            };
            move || drop(timeout)
        });
    }
    let played = {
        let (analysis, current) = (analysis.clone(), state.text.clone());
        let cell = cluster.cell.clone();
        use_memo(
            // The cluster's version matters only while one of its pods is shown: a command does
            // not play the editor's text again.
            (
                (*sim_text).clone(),
                show_play,
                state.play_task,
                state.pod.clone(),
                state.pod.as_ref().map(|_| cluster.clone()),
            ),
            move |(text, show, task, pod, _)| {
                // A pod of the terminal's cluster, as the session played it.
                if let (true, Some((name, _))) = (*show, pod) {
                    let c = cell.borrow();
                    let now = c.session.now();
                    if let Some((run, world, _)) = c.session.pod_play(name, now) {
                        return Some(PlayData::of_pod(world, run));
                    }
                }
                // An open lesson step may play on its own cluster, with its own delete time.
                let task = task.and_then(podplay_core::lessons::task);
                show.then(|| {
                    // Like the check, the simulation runs under the crash guard.
                    page::set_checking(true);
                    browser::timed("podplay:simulate", || {
                        if **text == *current {
                            PlayData::for_task(&analysis, task)
                        } else {
                            PlayData::for_task(&analyze::analyze(text), task)
                        }
                    })
                })
            },
        )
    };
    use_effect_with(((*sim_text).clone(), show_play), |_| {
        page::set_checking(false)
    });
    {
        // A share link in the address at start-up, or pasted into it later.
        let dispatch = state.dispatcher();
        let recovered = matches!(state.notice, Some(Notice::Recovered { .. }));
        use_effect_with((), move |_| {
            if !recovered {
                open_link(dispatch.clone());
            }
            let listener = web_sys::window().map(|w| {
                gloo::events::EventListener::new(&w, "hashchange", move |_| {
                    open_link(dispatch.clone())
                })
            });
            move || drop(listener)
        });
    }
    let sharing = use_state(|| false);
    // The Learn section: its place is in the address (replacing the history entry), and the
    // progress in local storage.
    use_effect_with(state.learn, |learn| match learn {
        Some(r) => {
            let f = route::fragment(*r);
            if page::fragment() != f {
                page::set_fragment(&f);
            }
        }
        None => {
            if route::parse(&page::fragment()).is_some() {
                page::clear_fragment();
            }
        }
    });
    use_effect_with(state.progress.clone(), |p| {
        if *p != Progress::default() {
            browser::save_progress(&p.to_text())
        }
    });
    {
        // A Learn address opened later (typed, or a link followed within the page).
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                gloo::events::EventListener::new(&w, "hashchange", move |_| {
                    if let Some(r) = route::parse(&page::fragment()) {
                        dispatch.dispatch(Action::Learn {
                            route: Some(r),
                            navigated: false,
                        })
                    }
                })
            });
            move || drop(listener)
        });
    }

    let t = ui(state.lang);
    let dispatch = |f: fn() -> Action| {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(f()))
    };
    let onedit = {
        let state = state.clone();
        Callback::from(move |text: String| {
            // The address no longer holds this text.
            if share::payload_of(&page::fragment()).is_some() {
                page::clear_fragment();
            }
            state.dispatch(Action::Edit(text.into()))
        })
    };
    let onlang = {
        let state = state.clone();
        Callback::from(move |lang| state.dispatch(Action::SetLang(lang)))
    };
    let ontheme = {
        let state = state.clone();
        Callback::from(move |theme| state.dispatch(Action::SetTheme(theme)))
    };
    let onreveal = {
        let state = state.clone();
        Callback::from(move |span| state.dispatch(Action::Reveal(span)))
    };
    let onfix = {
        let state = state.clone();
        Callback::from(move |fix| state.dispatch(Action::ApplyFix(fix)))
    };
    let onstatus = Callback::from(|()| browser::focus("problems"));
    let onside = {
        let state = state.clone();
        Callback::from(move |key: AttrValue| {
            if let Some(tab) = SideTab::from_key(&key) {
                state.dispatch(Action::ShowSide(tab))
            }
        })
    };
    // What the user opens (Check or Play) must be in view once drawn: on narrow screens the panes
    // stack and it would open out of sight. The effect runs after the new pane is in the page.
    let opened = use_mut_ref(|| false);
    {
        let opened = opened.clone();
        use_effect_with(state.pane, move |_| {
            if opened.replace(false) {
                page::bring_into_view(SIDE_PANE);
            }
        });
    }
    let onpane = {
        let state = state.clone();
        Callback::from(move |key: AttrValue| {
            if let Some(pane) = Pane::from_key(&key) {
                if pane == state.pane {
                    // Already drawn: bring it into view now.
                    page::bring_into_view(SIDE_PANE);
                } else {
                    *opened.borrow_mut() = true;
                    state.dispatch(Action::ShowPane(pane));
                }
            }
        })
    };
    let onplay = {
        let state = state.clone();
        Callback::from(move |a: PlayAction| {
            browser::play::redraw_start();
            state.dispatch(Action::Play(a))
        })
    };
    let pt = play_text(state.lang);
    let panes: Vec<(AttrValue, AttrValue)> = vec![
        (Pane::Check.key().into(), pt.tab_check.into()),
        (Pane::Play.key().into(), pt.tab_play.into()),
    ];
    let onload_example = {
        let state = state.clone();
        Callback::from(move |id: &'static str| {
            if let Some(e) = examples::by_id(id) {
                state.dispatch(Action::Load {
                    text: e.source.into(),
                    source: LoadSource::Example(e.id),
                });
            }
        })
    };
    let onshare = {
        let state = state.clone();
        let sharing = sharing.clone();
        Callback::from(move |()| {
            let text = state.text.clone();
            let dispatch = state.dispatcher();
            let sharing = sharing.clone();
            sharing.set(true);
            spawn_local(async move {
                let notice = match streams::link_fragment(&text).await {
                    Ok(fragment) => {
                        let url = page::url_with_fragment(&fragment);
                        if url.len() > share::MAX_PAYLOAD_CHARS {
                            Notice::LinkTooLong
                        } else {
                            page::set_fragment(&fragment);
                            let copied = files::copy(&url).await;
                            Notice::LinkReady {
                                url: url.into(),
                                copied,
                            }
                        }
                    }
                    Err(why) => Notice::LinkRefused(why),
                };
                dispatch.dispatch(Action::Notify(notice));
                sharing.set(false);
            });
        })
    };
    let download = {
        let state = state.clone();
        Callback::from(move |(name, text): (String, Rc<str>)| {
            if !files::download(&name, &text) {
                state.dispatch(Action::Notify(Notice::DownloadFailed));
            }
        })
    };
    let ondownload = {
        let state = state.clone();
        let analysis = analysis.clone();
        let download = download.clone();
        Callback::from(move |()| {
            let name = share::download_name(object_name(&analysis));
            download.emit((name, state.text.clone()));
        })
    };
    let ondownload_text = {
        let download = download.clone();
        Callback::from(move |text: AttrValue| {
            download.emit((share::download_name(None), Rc::from(text.as_str())));
        })
    };
    let onupload = {
        let state = state.clone();
        Callback::from(move |file: web_sys::File| {
            let dispatch = state.dispatcher();
            spawn_local(async move {
                let name: Rc<str> = file.name().into();
                let action = match files::read_text(&file).await {
                    Ok(text) => Action::Load {
                        text: text.into(),
                        source: LoadSource::File(name),
                    },
                    Err(why) => Action::Notify(Notice::FileRefused { name, why }),
                };
                dispatch.dispatch(action);
            });
        })
    };
    let onexplain = {
        let state = state.clone();
        Callback::from(move |a| state.dispatch(Action::Explain(a)))
    };

    let lt = learn_text(state.lang);
    let onroute = {
        let state = state.clone();
        Callback::from(move |r: Route| {
            state.dispatch(Action::Learn {
                route: Some(r),
                navigated: true,
            });
            browser::scroll_into_view(".page");
        })
    };
    let onlearn = {
        let onroute = onroute.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            onroute.emit(Route::Map)
        })
    };
    let oneditor = {
        let state = state.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            state.dispatch(Action::Learn {
                route: None,
                navigated: true,
            })
        })
    };
    let onlesson_load = {
        let state = state.clone();
        Callback::from(move |id: &'static str| {
            if let Some(text) = podplay_core::lessons::manifest(id) {
                state.dispatch(Action::Load {
                    text: text.into(),
                    source: LoadSource::Lesson(id),
                });
            }
        })
    };
    let onlook = {
        let state = state.clone();
        Callback::from(
            move |(view, t): (
                podplay_core::lessons::content::View,
                podplay_core::sim::SimTime,
            )| {
                use podplay_core::lessons::content::View;
                state.dispatch(Action::Look(view, t));
                // Bring the view into sight once the play area has drawn it.
                let selector = match view {
                    View::Timeline => ".play .timeline",
                    View::Events => ".play .events",
                    View::Flow | View::Namespaces | View::Network => ".play .podview",
                };
                gloo::timers::callback::Timeout::new(60, move || {
                    browser::scroll_into_view(selector)
                })
                .forget();
            },
        )
    };
    let onpassed = {
        let state = state.clone();
        Callback::from(move |id| state.dispatch(Action::TaskPassed(id)))
    };
    let onseen = {
        let state = state.clone();
        Callback::from(move |(lesson, step)| state.dispatch(Action::LessonSeen(lesson, step)))
    };
    let onplaytask = {
        let state = state.clone();
        Callback::from(move |task| state.dispatch(Action::PlayTask(task)))
    };
    // A command ran in the terminal: store the record, then let the views follow the cluster (a
    // pod the command created is shown; a pod that is gone no longer is) at the time it ended.
    let known_pods = use_mut_ref(Vec::<(String, podplay_core::sim::SimTime)>::new);
    let onran = {
        let (state, cell, version) = (state.clone(), cluster.cell.clone(), cluster_version.clone());
        Callback::from(move |()| {
            let stored = browser::save_session(Some(&cell.borrow().record()));
            if !stored {
                state.dispatch(Action::Notify(Notice::SessionNotSaved));
            }
            // After a long `sleep` the pods' history up to now is played in slices first.
            let (state, cell, version, known_pods) = (state.clone(), cell.clone(), version.clone(), known_pods.clone());
            spawn_local(async move {
                warm::until_warm(cell.clone()).await;
                let c = cell.borrow();
                let now = c.session.now();
                let pods: Vec<(String, podplay_core::sim::SimTime)> =
                    c.session.pods(now).into_iter().map(|p| (p.name, p.created)).collect();
                let mut known = known_pods.borrow_mut();
                let created = pods.iter().rev().find(|p| !known.contains(p)).cloned();
                *known = pods.clone();
                let shown = created
                    .or_else(|| state.pod.as_ref().and_then(|(n, t)| pods.iter().find(|p| *p.0 == **n && p.1 == *t).cloned()));
                state.dispatch(Action::Follow {
                    pod: shown.map(|(n, t)| (n.into(), t)),
                    now,
                });
                version.set(version.wrapping_add(1));
            });
        })
    };
    // `kubectl edit` in the terminal opens the object in the code editor (the user's own text is
    // left alone in the state and comes back when the edit is over).
    let editing = cluster.cell.borrow().pending_edit();
    let edit_text = use_mut_ref(|| None::<(String, Rc<str>)>);
    let edit_shown: Option<Rc<str>> = editing.as_ref().map(|req| {
        let mut slot = edit_text.borrow_mut();
        if slot.as_ref().is_none_or(|(path, _)| *path != req.path) {
            *slot = Some((req.path.clone(), req.text.as_str().into()));
        }
        slot.as_ref().map_or_else(|| req.text.as_str().into(), |(_, t)| t.clone())
    });
    let edit_version = use_state(|| 0u32);
    let edit_analysis = {
        let shown = edit_shown.clone();
        use_memo((shown.clone(), *edit_version), move |_| {
            Rc::new(analyze::analyze(shown.as_deref().unwrap_or("")))
        })
    };
    let onedit_buffer = {
        let (slot, version) = (edit_text.clone(), edit_version.clone());
        Callback::from(move |text: String| {
            if let Some((_, t)) = slot.borrow_mut().as_mut() {
                *t = text.into();
            }
            version.set(version.wrapping_add(1));
        })
    };
    // The Problems panel speaks of the text in the editor: while an edit waits, the object's.
    // Jumping to a problem and quick fixes then act on that buffer, never on the user's text.
    let edit_reveal = use_state(|| None::<Reveal>);
    let onreveal_edit = {
        let edit_reveal = edit_reveal.clone();
        Callback::from(move |span| edit_reveal.set(Some(Reveal::next(*edit_reveal, span, true))))
    };
    let onfix_edit = {
        let (slot, version, edit_reveal) = (edit_text.clone(), edit_version.clone(), edit_reveal.clone());
        Callback::from(move |fix: Replacement| {
            let mut slot = slot.borrow_mut();
            let Some((_, t)) = slot.as_mut() else { return };
            if let Some(text) = crate::state::apply(t, &fix) {
                *t = text.into();
                edit_reveal.set(Some(Reveal::next(*edit_reveal, crate::state::inserted(&fix), false)));
                version.set(version.wrapping_add(1));
            }
        })
    };
    // Save or Cancel: the waiting command goes on (the code editor's last keystrokes are sent
    // after COALESCE_MS, so the answer waits for them).
    let onedit_done = {
        let (cell, slot, onran) = (cluster.cell.clone(), edit_text.clone(), onran.clone());
        Callback::from(move |save: bool| {
            let (cell, slot, onran) = (cell.clone(), slot.clone(), onran.clone());
            gloo::timers::callback::Timeout::new(crate::components::code_editor::COALESCE_MS + 10, move || {
                let text = slot.borrow_mut().take().map(|(_, t)| t);
                if save && text.is_none() {
                    // a second Save before the first was answered
                    return;
                }
                let answer = if save { text.as_deref().map(str::to_string) } else { None };
                if cell.borrow_mut().finish_edit(answer.as_deref()).is_some() {
                    onran.emit(());
                }
            })
            .forget();
        })
    };
    let onreset = {
        let (state, holder, version) = (state.clone(), cluster_cell.clone(), cluster_version.clone());
        Callback::from(move |()| {
            *holder.borrow_mut() = Rc::new(std::cell::RefCell::new(Cluster::new(&state.text)));
            browser::save_session(None);
            state.dispatch(Action::Follow { pod: None, now: podplay_core::sim::SimTime::ZERO });
            version.set(version.wrapping_add(1));
        })
    };
    let typed = use_state(|| None::<Typed>);
    let onapply = {
        let (state, typed) = (state.clone(), typed.clone());
        Callback::from(move |()| {
            let seq = typed.as_ref().map_or(1, |t| t.seq + 1);
            typed.set(Some(Typed {
                seq,
                command: format!("kubectl apply -f {}", record::FILE).into(),
            }));
            state.dispatch(Action::Terminal(true));
            gloo::timers::callback::Timeout::new(30, || page::bring_into_view(TERMINAL)).forget();
        })
    };
    let onterminal = {
        let state = state.clone();
        Callback::from(move |open: bool| {
            state.dispatch(Action::Terminal(open));
            if open {
                gloo::timers::callback::Timeout::new(30, || page::bring_into_view(TERMINAL)).forget();
            }
        })
    };
    let onpod = {
        let state = state.clone();
        Callback::from(move |pod| state.dispatch(Action::ShowPod(pod)))
    };
    let terminal_open = state.terminal;
    let terminal_mounted = use_state(|| false);
    if terminal_open && !*terminal_mounted {
        terminal_mounted.set(true);
    }
    let tt = term_text(state.lang);
    let learning = state.learn.is_some();
    let nav = html! {
        <nav class="sections" aria-label={lt.nav_label}>
            <a href="#learn" class={classes!("section-link", learning.then_some("current"))}
                aria-current={learning.then_some("page")} onclick={onlearn}>{lt.nav_learn}</a>
            <a href="#" class={classes!("section-link", (!learning).then_some("current"))}
                aria-current={(!learning).then_some("page")} onclick={oneditor}>{lt.nav_editor}</a>
        </nav>
    };

    let side_tabs: Vec<(AttrValue, AttrValue)> = SideTab::ALL
        .iter()
        .map(|tab| {
            (
                AttrValue::from(tab.key()),
                AttrValue::from(t.side_tab(*tab)),
            )
        })
        .collect();
    let side_view = match state.side {
        SideTab::Summary => html! {
            <Summary analysis={(*analysis).clone()} text={state.text.clone()} lang={state.lang} />
        },
        SideTab::Explain => html! {
            <ExplainTree lang={state.lang} view={state.explain.clone()} onaction={onexplain} />
        },
        SideTab::Stored => html! {
            <StoredView lang={state.lang} objects={(*stored_objects).clone()} />
        },
    };
    let current = AttrValue::from(state.text.to_string());
    // The play area takes the focus itself when it plays a run (its keys work there).
    let plays_run = matches!((*played).as_ref().map(|d| &*d.0), Some(Played::Run(_)));
    let lesson_pane = match state.learn {
        Some(Route::Lesson { lesson, step }) => html! {
            <aside class="lesson-pane">
                <LessonPage {lesson} {step} lang={state.lang} text={state.text.clone()}
                    progress={state.progress.clone()} autoload={state.learn_navigated}
                    onroute={onroute.clone()} onload={onlesson_load} {onlook} {onpassed} {onseen} {onplaytask} />
            </aside>
        },
        _ => Html::default(),
    };
    let (editor_text, editor_analysis, editor_onedit, editor_reveal) = match edit_shown.clone() {
        Some(shown) => (shown, (*edit_analysis).clone(), onedit_buffer.clone(), *edit_reveal),
        None => (state.text.clone(), (*analysis).clone(), onedit.clone(), state.reveal),
    };
    let (problems_onreveal, problems_onfix) = match editing {
        Some(_) => (onreveal_edit, onfix_edit),
        None => (onreveal, onfix),
    };
    let workbench = html! {
            <main class={classes!("panes", show_play.then_some("playing"), learning.then_some("learning"))}>
                {lesson_pane}
                <section class="editor-pane">
                    <Toolbar lang={state.lang} has_previous={state.toolbar_offers_restore()} sharing={*sharing}
                        onexamples={dispatch(|| Action::Gallery(true))} {onshare} {ondownload} {onupload}
                        onrestore={dispatch(|| Action::Restore)}>
                        <button type="button" class="apply" title={tt.apply_hint}
                            onclick={onapply.reform(|_| ())}>{tt.apply}</button>
                        <button type="button" class="open-terminal" title={tt.open_hint}
                            aria-pressed={state.terminal.to_string()}
                            // only while the panel exists: an id that names nothing is invalid ARIA
                            aria-controls={terminal_open.then_some(TERMINAL)}
                            onclick={onterminal.reform(move |_| !terminal_open)}>{tt.open}</button>
                    </Toolbar>
                    // One code editor (its undo history stays): while `kubectl edit` waits it
                    // shows the object, under the bar, and the user's text is left alone.
                    {editing.as_ref().map(|req| html! {
                        <EditBar object={req.object.clone()} path={req.path.clone()} lang={state.lang}
                            ondone={onedit_done.clone()} />
                    }).unwrap_or_default()}
                    <CodeEditor text={editor_text.clone()} analysis={editor_analysis.clone()} lang={state.lang}
                        label={t.editor_label} hint={t.editor_hint} onedit={editor_onedit} reveal={editor_reveal} />
                    <Problems text={editor_text} analysis={editor_analysis} lang={state.lang}
                        onreveal={problems_onreveal} onfix={problems_onfix} />
                </section>
                <section class="side-pane" id={SIDE_PANE}>
                    <Look lang={state.lang} text={current.clone()} />
                    <Tabs id="mode" label={pt.mode_label} tabs={panes} selected={state.pane.key()} onselect={onpane}
                        focusable_panel={!plays_run}>
                        if let Some(data) = (*played).clone() {
                            <PodPicker cluster={cluster.clone()} shown={state.pod.clone()} lang={state.lang} onpick={onpod} />
                            <PlayArea {data} playhead={state.playhead} lang={state.lang} onaction={onplay} />
                        } else {
                            <Tabs id="side" label={t.side_label} tabs={side_tabs} selected={state.side.key()} onselect={onside}>
                                { side_view }
                            </Tabs>
                        }
                    </Tabs>
                </section>
            </main>
    };
    html! {
        <div class="page">
            <Header lang={state.lang} {onlang} theme={state.theme} {ontheme} {nav}>
                <ProblemStatus analysis={(*analysis).clone()} lang={state.lang} onclick={onstatus} />
            </Header>
            <NoticeBar lang={state.lang} notice={state.notice.clone()} can_restore={state.previous.is_some()}
                onrestore={dispatch(|| Action::Restore)} ondismiss={dispatch(|| Action::Dismiss)}
                ondownload={ondownload_text} />
            if state.learn == Some(Route::Map) {
                <main class="learn-map">
                    <CourseMap lang={state.lang} progress={state.progress.clone()} onopen={onroute} />
                </main>
            }
            // Kept mounted (hidden) under the course map: the editor keeps its state and history.
            <div class={classes!("workbench", state.terminal.then_some("with-terminal"))} hidden={state.learn == Some(Route::Map)}>
                {workbench}
                // Mounted at the first opening (that loads xterm.js), then only hidden: the screen
                // and what it shows stay.
                if *terminal_mounted {
                    <div class="terminal-dock" hidden={!state.terminal}>
                        <Terminal cluster={cluster.clone()} now={state.session_time()} lang={state.lang}
                            dark={page::is_dark(state.theme)} typed={(*typed).clone()} {onran} {onreset}
                            onclose={onterminal.reform(|_| false)} />
                    </div>
                }
            </div>
            if !*saved { <p class="warning" role="status">{t.saved_failed}</p> }
            <Gallery lang={state.lang} open={state.gallery} {current} onload={onload_example}
                onclose={dispatch(|| Action::Gallery(false))} return_focus={EXAMPLES_BUTTON} />
        </div>
    }
}
