//! The terminal: a prompt typing at core's cluster session (`podplay_core::session`), drawn by
//! xterm.js, which is loaded on demand the first time the terminal opens ([`bridge`]).
//!
//! Data flow: xterm hands over what is typed → [`line::LineEditor`] edits the line → a complete
//! command runs in the [`record::Cluster`] at the playhead's time ([`TerminalProps::now`]) →
//! its output goes back to xterm (control characters neutralised) → `onran` tells the app the
//! time the command ended, and the app stores the record, moves the playhead there and lets the
//! play views follow the cluster (the pod picker). The session lives in the app ([`ClusterRef`]),
//! so commands typed before the screen has loaded (the editor's Apply) are kept and shown in
//! the transcript when it opens.

pub mod bridge;
pub mod edit_bar;
pub mod line;
pub mod picker;
pub mod record;
pub mod text;
pub mod warm;

use std::cell::RefCell;
use std::rc::Rc;

use podplay_core::diag::Lang;
use podplay_core::sim::SimTime;
use wasm_bindgen::prelude::*;
use yew::platform::spawn_local;
use yew::prelude::*;

pub use self::edit_bar::EditBar;
pub use self::picker::PodPicker;

use self::line::{LineEditor, Prompt};
use self::record::Cluster;
use self::text::text;

/// The app's cluster session, shared with the terminal; equal while `version` is (every command
/// run makes a new version).
#[derive(Clone)]
pub struct ClusterRef {
    pub cell: Rc<RefCell<Cluster>>,
    pub version: u32,
}

impl PartialEq for ClusterRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.cell, &other.cell) && self.version == other.version
    }
}

/// The session as the line editor sees it: completion, whether a command is whole, and running
/// a command at the playhead.
struct SessionPrompt<'a> {
    cluster: &'a RefCell<Cluster>,
    at: SimTime,
    ran: bool,
}

impl Prompt for SessionPrompt<'_> {
    fn complete(&self, line: &str, cursor: usize) -> Vec<String> {
        self.cluster.borrow().session.complete(line, cursor)
    }
    fn is_complete(&self, text: &str) -> bool {
        podplay_core::session::is_complete(text)
    }
    fn run(&mut self, command: &str) -> String {
        self.ran = true;
        self.cluster.borrow_mut().run(command, self.at).output
    }
    fn prompt(&self) -> String {
        self.cluster.borrow().session.prompt()
    }
    fn waiting(&self) -> bool {
        self.cluster.borrow().pending_edit().is_some()
    }
}

/// What lives as long as the terminal: the screen, its line editor and the latest props.
struct Live {
    screen: Option<bridge::Screen>,
    editor: LineEditor,
    on_data: Option<Closure<dyn FnMut(String)>>,
    cluster: Rc<RefCell<Cluster>>,
    now: SimTime,
    onran: Callback<()>,
    /// The last [`Typed::seq`] typed.
    handled: u32,
    /// Of a command waiting for the app's editor (`kubectl edit`): the bytes of its output shown.
    shown: usize,
    /// What was typed while the session catches up with its history ([`warm`]): typed at the
    /// prompt once it has.
    waiting: String,
    /// Shows "catching up…" while `waiting` waits.
    catching_up: UseStateHandle<bool>,
}

impl Live {
    /// Types `data` at the prompt; writes what the editor answers. An Enter typed before the
    /// session has played its history up to now waits, with what follows it, until the rest is
    /// played in slices ([`warm::until_warm`]): never in one long task. Each Enter is a piece of
    /// its own, so commands pasted together each wait for the history the one before left.
    fn feed(live: &Rc<RefCell<Live>>, data: &str) {
        let mut rest = data;
        while !rest.is_empty() {
            // up to and including the next Enter (a pasted "\r\n" is one)
            let cut = rest.find(['\r', '\n']).map_or(rest.len(), |i| {
                if rest.get(i..i + 2) == Some("\r\n") { i + 2 } else { i + 1 }
            });
            let (piece, after) = rest.split_at(cut);
            {
                let mut l = live.borrow_mut();
                let enter = piece.ends_with(['\r', '\n']);
                if !l.waiting.is_empty() || (enter && !l.cluster.borrow().is_ready()) {
                    let first = l.waiting.is_empty();
                    l.waiting.push_str(rest);
                    if first {
                        Live::catch_up(live, &mut l);
                    }
                    return;
                }
            }
            Live::type_now(live, piece);
            rest = after;
        }
    }

    /// Plays the rest of the history in slices, then types what waited.
    fn catch_up(live: &Rc<RefCell<Live>>, l: &mut Live) {
        l.catching_up.set(true);
        let (live, cluster) = (live.clone(), l.cluster.clone());
        spawn_local(async move {
            warm::until_warm(cluster).await;
            let data = {
                let mut l = live.borrow_mut();
                l.catching_up.set(false);
                std::mem::take(&mut l.waiting)
            };
            Live::feed(&live, &data);
        });
    }

    /// Types `data` at the prompt now.
    fn type_now(live: &Rc<RefCell<Live>>, data: &str) {
        let (ran, onran) = {
            let mut l = live.borrow_mut();
            let cluster = l.cluster.clone();
            let mut prompt = SessionPrompt { cluster: &cluster, at: l.now, ran: false };
            if let Some(cols) = l.screen.as_ref().map(|s| s.cols()) {
                l.editor.set_cols(cols as usize);
            }
            let out = l.editor.feed(data, &mut prompt);
            if let Some(s) = &l.screen {
                s.write(&out);
            }
            if prompt.ran && l.editor.held() {
                l.shown = cluster.borrow().current.as_ref().map_or(0, |st| st.output.len());
            }
            (prompt.ran, l.onran.clone())
        };
        if ran {
            onran.emit(());
        }
    }
}

/// A command typed for the learner (the editor's Apply); `seq` grows with every request.
#[derive(Clone, Debug, PartialEq)]
pub struct Typed {
    pub seq: u32,
    pub command: Rc<str>,
}

#[derive(Properties, PartialEq)]
pub struct TerminalProps {
    pub cluster: ClusterRef,
    /// The session's time at the playhead: commands run then.
    pub now: SimTime,
    pub lang: Lang,
    pub dark: bool,
    /// A command to type (the editor's Apply).
    pub typed: Option<Typed>,
    /// A command ran (the app stores the record and moves the playhead to its end).
    pub onran: Callback<()>,
    /// Start a new, empty session.
    pub onreset: Callback<()>,
    pub onclose: Callback<()>,
}

#[derive(Clone, PartialEq)]
enum Load {
    Loading,
    Ready,
    Failed(String),
}

/// The id of the terminal's section.
pub const TERMINAL: &str = "terminal";

#[function_component]
pub fn Terminal(props: &TerminalProps) -> Html {
    let w = text(props.lang);
    let screen_ref = use_node_ref();
    let load = use_state(|| Load::Loading);
    let attempt = use_state(|| 0u32);
    let catching_up = use_state(|| false);
    let live = use_mut_ref(|| Live {
        screen: None,
        editor: LineEditor::new(80),
        on_data: None,
        cluster: props.cluster.cell.clone(),
        now: props.now,
        onran: props.onran.clone(),
        handled: 0,
        shown: 0,
        waiting: String::new(),
        catching_up: catching_up.clone(),
    });
    {
        let mut l = live.borrow_mut();
        l.now = props.now;
        l.onran = props.onran.clone();
        if !Rc::ptr_eq(&l.cluster, &props.cluster.cell) {
            // A new session: the screen starts over.
            l.cluster = props.cluster.cell.clone();
            l.editor = LineEditor::new(80);
            if let Some(s) = &l.screen {
                s.write(&format!("\x1bc{}", line::PROMPT));
            }
        }
    }
    {
        // Load the bundle and open the screen (again on Retry).
        let (live, load, screen_ref) = (live.clone(), load.clone(), screen_ref.clone());
        let (dark, label) = (props.dark, w.screen_label);
        use_effect_with(*attempt, move |_| {
            load.set(Load::Loading);
            spawn_local(async move {
                let opened = match bridge::load().await {
                    Ok(open) => match screen_ref.cast::<web_sys::Element>() {
                        Some(parent) => {
                            let feed_live = live.clone();
                            let on_data = Closure::<dyn FnMut(String)>::new(move |d: String| {
                                Live::feed(&feed_live, &d)
                            });
                            let r = bridge::open(&open, &parent, on_data.as_ref().unchecked_ref(), dark, label);
                            r.map(|screen| (screen, on_data))
                        }
                        None => Err("no element".to_string()),
                    },
                    Err(e) => Err(e),
                };
                if opened.is_ok() {
                    // A restored session's transcript is whole once its record is replayed.
                    let cluster = live.borrow().cluster.clone();
                    warm::until_warm(cluster).await;
                }
                match opened {
                    Ok((screen, on_data)) => {
                        {
                            let mut l = live.borrow_mut();
                            // What was typed before (a restored session, Apply while loading).
                            let cluster = l.cluster.clone();
                            let c = cluster.borrow();
                            for st in c.session.steps() {
                                l.editor.remember(&st.command);
                            }
                            screen.write(&line::screen_text(&c.transcript()));
                            let prompt = c.session.prompt();
                            l.editor.set_prompt(&prompt);
                            match (c.pending_edit(), &c.current) {
                                // a `kubectl edit` waits for the app's editor (restored, or
                                // typed before the screen loaded)
                                (Some(_), Some(st)) => {
                                    let typed = format!("{prompt}{}\n{}", st.command.replace('\n', "\n> "), st.output);
                                    screen.write(&line::screen_text(&typed));
                                    l.editor.remember(&st.command);
                                    l.editor.hold();
                                    l.shown = st.output.len();
                                }
                                _ => screen.write(&prompt),
                            }
                            screen.focus();
                            l.screen = Some(screen);
                            l.on_data = Some(on_data);
                        }
                        load.set(Load::Ready);
                    }
                    Err(e) => load.set(Load::Failed(e)),
                }
            });
            || ()
        });
    }
    {
        // The screen goes with the component.
        let live = live.clone();
        use_effect_with((), move |_| {
            move || {
                let mut l = live.borrow_mut();
                if let Some(s) = l.screen.take() {
                    s.dispose();
                }
                l.on_data = None;
            }
        });
    }
    {
        // A command waiting for the app's editor goes on when the editor is saved or closed:
        // what it printed since, and the prompt once it is over.
        let live = live.clone();
        use_effect_with(props.cluster.clone(), move |cluster| {
            let mut l = live.borrow_mut();
            if l.editor.held() {
                let c = cluster.cell.borrow();
                let output = c.current.as_ref().map_or("", |st| st.output.as_str());
                let more = output.get(l.shown..).unwrap_or("").to_string();
                let done = c.pending_edit().is_none();
                let shown = output.len();
                let next = c.session.prompt();
                drop(c);
                let out = l.editor.resume(&more, done, &next);
                l.shown = shown;
                if let Some(s) = &l.screen {
                    s.write(&out);
                }
            }
        });
    }
    {
        // The system's colour scheme can change while the page is open (theme = system): the
        // screen follows it as the page's colours do.
        let live = live.clone();
        use_effect_with((), move |_| {
            let watch = crate::browser::play::watch_theme(move || {
                if let Some(s) = &live.borrow().screen {
                    s.set_dark(crate::browser::page::is_dark_now());
                }
            });
            move || drop(watch)
        });
    }
    {
        let live = live.clone();
        use_effect_with(props.dark, move |dark| {
            if let Some(s) = &live.borrow().screen {
                s.set_dark(*dark);
            }
        });
    }
    {
        let live = live.clone();
        let label = w.screen_label;
        use_effect_with(props.lang, move |_| {
            if let Some(s) = &live.borrow().screen {
                s.set_label(label);
            }
        });
    }
    {
        // A command typed for the learner: at the prompt when the screen is there (echoed, in
        // the history), else straight into the session (the transcript shows it on opening).
        let live = live.clone();
        let ready = *load == Load::Ready;
        use_effect_with(props.typed.clone(), move |typed| {
            let fresh = typed.as_ref().filter(|t| t.seq > live.borrow().handled);
            if let Some(t) = fresh {
                live.borrow_mut().handled = t.seq;
                if ready {
                    let clean = {
                        let l = live.borrow();
                        l.editor.line().is_empty() && l.editor.at_first_line()
                    };
                    // A half-typed line is given up as Ctrl-C would.
                    let data = format!("{}{}\r", if clean { "" } else { "\x03" }, t.command);
                    Live::feed(&live, &data);
                    if let Some(s) = &live.borrow().screen {
                        s.focus();
                    }
                } else {
                    let (cluster, now, onran) = {
                        let l = live.borrow();
                        (l.cluster.clone(), l.now, l.onran.clone())
                    };
                    let command = t.command.clone();
                    spawn_local(async move {
                        warm::until_warm(cluster.clone()).await;
                        cluster.borrow_mut().run(&command, now);
                        onran.emit(());
                    });
                }
            }
        });
    }
    let retry = {
        let attempt = attempt.clone();
        Callback::from(move |_| attempt.set(*attempt + 1))
    };
    let status = match &*load {
        Load::Loading => html! { <p class="terminal-status" role="status">{w.loading}</p> },
        Load::Ready if *catching_up => html! {
            <p class="terminal-status catching-up" role="status">{w.catching_up}</p>
        },
        Load::Ready => Html::default(),
        Load::Failed(why) => html! {
            <p class="terminal-status failed" role="alert">
                {format!("{} ({why}) ", w.failed)}
                <button type="button" onclick={retry}>{w.retry}</button>
            </p>
        },
    };
    let click = |cb: &Callback<()>| {
        let cb = cb.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    html! {
        <section class="term-panel" id={TERMINAL} aria-label={w.title}>
            <div class="terminal-bar">
                <h2>{w.title}</h2>
                <span class="terminal-file" title={w.file_hint}>{w.file}</span>
                <span class="terminal-now">{format!("{} {}", w.now, clock(props.now))}</span>
                <button type="button" title={w.reset_hint} onclick={click(&props.onreset)}>{w.reset}</button>
                <button type="button" onclick={click(&props.onclose)}>{w.close}</button>
            </div>
            {status}
            <div class="terminal-screen" ref={screen_ref}></div>
        </section>
    }
}

/// The session clock as `m:ss` (`h:mm:ss` from an hour).
pub fn clock(t: SimTime) -> String {
    let s = t.0 / 1000;
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}
