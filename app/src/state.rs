//! The app's one reducer: every user intent is an [`Action`]; [`State`] is plain data, tested on
//! the host without a browser.

use std::rc::Rc;

use podplay_core::diag::{Lang, Replacement};
use podplay_core::schema::Kind;
use podplay_core::sim::view_timeline::Pick;
use podplay_core::sim::SimTime;
use podplay_core::span::Span;
use podplay_core::vecmap::VecSet;
use yew::Reducible;

use crate::components::learn::progress::Progress;
use crate::components::learn::route::Route;
use podplay_core::share::Refusal;
use podplay_core::lessons::content::View;

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// The manifest being edited (what the user typed; never rewritten behind their back).
    pub text: Rc<str>,
    pub lang: Lang,
    /// Which view the side pane shows.
    pub side: SideTab,
    pub theme: Theme,
    /// The text the last load (example, link, file) replaced, kept until the user restores it.
    pub previous: Option<Rc<str>>,
    /// The text of the last load, to tell whether the user has edited it since.
    pub loaded: Option<Rc<str>>,
    /// The message shown above the panes (one at a time).
    pub notice: Option<Notice>,
    /// The examples dialog is open.
    pub gallery: bool,
    /// The explain panel's tree.
    pub explain: ExplainView,
    /// The range of `text` the editor should select (a problem jumped to, a quick fix applied).
    pub reveal: Option<Reveal>,
    /// What the right-hand pane shows: the check of the text, or the pod's life.
    pub pane: Pane,
    /// The one playhead of every view of the play area.
    pub playhead: Playhead,
    /// Where the Learn section is (None: not open; the editor and its panes fill the page).
    pub learn: Option<Route>,
    /// The learner reached `learn` with the page's own links (not by opening an address).
    pub learn_navigated: bool,
    /// The course progress (tasks passed, lesson steps seen), kept in local storage.
    pub progress: Progress,
    /// The task whose cluster and play options the play area uses (the open lesson step's).
    pub play_task: Option<&'static str>,
    /// The terminal is open (it stays loaded once opened).
    pub terminal: bool,
    /// The terminal's cluster pod the play views show, with its creation time on the session's
    /// clock (the playhead is then that pod's clock); None: the editor's text, as without a
    /// terminal.
    pub pod: Option<(Rc<str>, SimTime)>,
}

/// The right-hand pane's two modes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    /// The side views of the check (summary, …).
    Check,
    /// The play area: the playhead bar and every view of the simulated pod.
    Play,
}

impl Pane {
    pub const ALL: [Pane; 2] = [Pane::Check, Pane::Play];

    pub fn key(self) -> &'static str {
        match self {
            Pane::Check => "check",
            Pane::Play => "play",
        }
    }

    pub fn from_key(key: &str) -> Option<Pane> {
        Pane::ALL.into_iter().find(|p| p.key() == key)
    }
}

/// Playback speeds: simulated seconds per real second. The slow ones let a person follow the
/// creation, whose first steps are milliseconds apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Speed {
    X0_1,
    X0_25,
    X1,
    X5,
    X20,
    X60,
}

impl Speed {
    pub const ALL: [Speed; 6] = [
        Speed::X0_1,
        Speed::X0_25,
        Speed::X1,
        Speed::X5,
        Speed::X20,
        Speed::X60,
    ];

    pub fn factor(self) -> f64 {
        match self {
            Speed::X0_1 => 0.1,
            Speed::X0_25 => 0.25,
            Speed::X1 => 1.0,
            Speed::X5 => 5.0,
            Speed::X20 => 20.0,
            Speed::X60 => 60.0,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Speed::X0_1 => "0.1×",
            Speed::X0_25 => "0.25×",
            Speed::X1 => "1×",
            Speed::X5 => "5×",
            Speed::X20 => "20×",
            Speed::X60 => "60×",
        }
    }
}

/// The pod views of the play area, one shown at a time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PodView {
    /// kubectl → API server → etcd → scheduler → kubelet → CRI / CNI / volumes → containers.
    #[default]
    Flow,
    /// The pause container, the namespaces, `ls -l /proc/PID/ns/`, `ps aux`.
    Namespaces,
    /// The pod's network stack, ports, localhost traffic, the flat pod network.
    Network,
}

impl PodView {
    pub const ALL: [PodView; 3] = [PodView::Flow, PodView::Namespaces, PodView::Network];

    pub fn key(self) -> &'static str {
        match self {
            PodView::Flow => "flow",
            PodView::Namespaces => "namespaces",
            PodView::Network => "network",
        }
    }

    pub fn from_key(key: &str) -> Option<PodView> {
        PodView::ALL.into_iter().find(|v| v.key() == key)
    }
}

/// How much of the run the timeline shows (from the start): the first seconds show the creation
/// flow and init containers, the whole run shows restarts and back-off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Window {
    First10s,
    First60s,
    Whole,
}

impl Window {
    pub const ALL: [Window; 3] = [Window::First10s, Window::First60s, Window::Whole];

    /// The end of the window for a run ending at `end`.
    pub fn end(self, end: SimTime) -> SimTime {
        match self {
            Window::First10s => end.min(SimTime::from_secs(10)),
            Window::First60s => end.min(SimTime::from_secs(60)),
            Window::Whole => end,
        }
    }
}

/// Where the play area is in the simulated time, and what is chosen on it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Playhead {
    /// Simulated milliseconds (fractional while playing, so that slow speeds do not drift).
    pub pos: f64,
    pub playing: bool,
    pub speed: Speed,
    /// What the "why" panel explains; None: the latest event at the playhead.
    pub selected: Option<Pick>,
    /// Which pod view is shown.
    pub view: PodView,
    /// The timeline's time window.
    pub window: Window,
    /// Stepping through the creation: playing stops at the next step of the flow.
    pub stepping: bool,
    /// Where playing stops (the next step while stepping).
    pub stop: Option<SimTime>,
}

impl Default for Playhead {
    fn default() -> Self {
        Playhead {
            pos: 0.0,
            playing: false,
            speed: Speed::X5,
            selected: None,
            view: PodView::Flow,
            window: Window::Whole,
            stepping: false,
            stop: None,
        }
    }
}

impl Playhead {
    /// The simulated time at the playhead. Views clamp it to the end of their run (an edit can
    /// make the run shorter).
    pub fn time(&self) -> SimTime {
        SimTime(self.pos.max(0.0) as u64)
    }

    fn apply(&mut self, action: PlayAction) {
        match action {
            PlayAction::Toggle { end, stop } => {
                if self.playing {
                    self.playing = false;
                } else {
                    // Playing from the end starts over.
                    if self.pos >= end.0 as f64 {
                        self.pos = 0.0;
                    }
                    self.playing = true;
                    self.stop = stop.filter(|s| s.0 as f64 > self.pos);
                }
            }
            PlayAction::Pause => self.playing = false,
            PlayAction::Seek(t) => self.pos = t.0 as f64,
            PlayAction::Tick { elapsed_ms, end } => {
                if !self.playing {
                    return;
                }
                let step = elapsed_ms.clamp(0.0, 250.0) * self.speed.factor();
                let limit = self.stop.map_or(end, |s| s.min(end)).0 as f64;
                self.pos = (self.pos + step).min(limit);
                if self.pos >= limit {
                    self.playing = false;
                    self.stop = None;
                }
            }
            PlayAction::SetSpeed(speed) => self.speed = speed,
            PlayAction::StepThrough(on) => {
                self.stepping = on;
                self.playing = false;
                self.stop = None;
                if on {
                    // From the start, on the creation flow: the first step (kubectl's request)
                    // is at 0.
                    self.pos = 0.0;
                    self.view = PodView::Flow;
                }
            }
            PlayAction::ShowView(view) => self.view = view,
            PlayAction::SetWindow(w) => self.window = w,
            PlayAction::Select { pick, seek } => {
                self.selected = pick;
                if let Some(t) = seek {
                    self.pos = t.0 as f64;
                    self.playing = false;
                }
            }
        }
    }
}

/// What the user does with the playhead.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PlayAction {
    /// Play or pause (playing from the end of the run starts over); playing stops at `stop`, if
    /// given (the next step while stepping through the creation).
    Toggle {
        end: SimTime,
        stop: Option<SimTime>,
    },
    Pause,
    /// Move the playhead (scrubbing, stepping to an event); playing goes on from there.
    Seek(SimTime),
    /// A frame of playback: this much real time passed. Stops at `end`.
    Tick {
        elapsed_ms: f64,
        end: SimTime,
    },
    SetSpeed(Speed),
    /// Step through the creation (true: from the start, pausing at each step of the flow) or not.
    StepThrough(bool),
    /// Show this pod view (creation flow, namespaces, network).
    ShowView(PodView),
    SetWindow(Window),
    /// Explain this (None: follow the latest event); with `seek`, also move there and pause.
    Select {
        pick: Option<Pick>,
        seek: Option<SimTime>,
    },
}

/// A request to select a byte range of the text in the editor. `seq` grows with every request, so
/// asking twice for the same range selects it again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reveal {
    pub span: Span,
    pub seq: u32,
    /// Move the keyboard focus into the editor (jumping to a problem) or leave it where it is
    /// (applying a quick fix from the problems panel).
    pub focus: bool,
}

impl Reveal {
    /// The reveal after `last`: a new sequence number, so the editor acts on it even when the
    /// span is the same as before.
    pub fn next(last: Option<Reveal>, span: Span, focus: bool) -> Reveal {
        let seq = last.map_or(0, |r| r.seq.wrapping_add(1));
        Reveal { span, seq, focus }
    }
}

/// Light or dark, or whatever the system prefers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    pub fn key(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn from_key(key: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.key() == key)
    }
}

/// Where a loaded text came from.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadSource {
    /// An example of the gallery (its id).
    Example(&'static str),
    /// A share link.
    Link,
    /// A file the user picked (its name).
    File(Rc<str>),
    /// A lesson's manifest (a task or gallery example id).
    Lesson(&'static str),
}

/// A message for the user, with what they can do about it.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// A text was loaded; the replaced one can be restored if `State::previous` is set.
    Loaded(LoadSource),
    /// The previous text is back.
    Restored,
    /// A share link was made (and put in the address bar); `copied` when it is on the clipboard.
    LinkReady { url: Rc<str>, copied: bool },
    /// The text is too long for a link.
    LinkTooLong,
    /// A share link could not be opened; the text was left as it was.
    LinkRefused(Refusal),
    /// A file could not be opened; the text was left as it was.
    FileRefused { name: Rc<str>, why: Refusal },
    /// The browser did not start the download.
    DownloadFailed,
    /// The last session stopped while checking `text`; it was not opened again.
    Recovered { text: Rc<str> },
    /// The saved course progress could not be read; it was ignored.
    ProgressIgnored,
    /// The saved terminal session could not be read; a new one was started.
    SessionIgnored,
    /// The browser refused to store the terminal's session (it is lost on reload).
    SessionNotSaved,
}

/// The state of the explain panel's tree.
#[derive(Clone, Debug, PartialEq)]
pub struct ExplainView {
    pub kind: Kind,
    /// Paths (`spec.containers`) whose children are shown.
    pub expanded: VecSet<String>,
    pub selected: Option<String>,
    pub filter: String,
    /// Show the selected field as `kubectl explain` prints it.
    pub show_text: bool,
}

impl Default for ExplainView {
    fn default() -> Self {
        ExplainView {
            kind: Kind::Pod,
            expanded: VecSet::new(),
            selected: None,
            filter: String::new(),
            show_text: false,
        }
    }
}

/// What the user does in the explain panel.
#[derive(Clone, Debug, PartialEq)]
pub enum ExplainAction {
    SetKind(Kind),
    /// Open (true) or close a path.
    Expand(String, bool),
    Select(String),
    Filter(String),
    ShowText(bool),
}

impl ExplainView {
    fn apply(&mut self, action: ExplainAction) {
        match action {
            ExplainAction::SetKind(kind) => {
                if kind != self.kind {
                    *self = ExplainView {
                        kind,
                        filter: std::mem::take(&mut self.filter),
                        show_text: self.show_text,
                        ..ExplainView::default()
                    };
                }
            }
            ExplainAction::Expand(path, true) => {
                // Opening a path opens its ancestors, so that it is visible.
                let mut p = path.as_str();
                while let Some((parent, _)) = p.rsplit_once('.') {
                    self.expanded.insert(parent.to_string());
                    p = parent;
                }
                self.expanded.insert(path);
            }
            ExplainAction::Expand(path, false) => {
                let below = format!("{path}.");
                self.expanded
                    .retain(|p| *p != path && !p.starts_with(&below));
            }
            ExplainAction::Select(path) => self.selected = Some(path),
            ExplainAction::Filter(f) => {
                // The best match is chosen, so that its documentation shows and Tab reaches it.
                if let Some(best) = podplay_core::outline::best_match(self.kind, &f) {
                    self.selected = Some(best);
                }
                self.filter = f;
            }
            ExplainAction::ShowText(on) => self.show_text = on,
        }
    }
}

/// The views of the side pane, beside the editor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SideTab {
    /// What core understood: documents, kinds, names, containers.
    Summary,
    /// The schema as a tree, with `kubectl explain` for each field.
    Explain,
    /// What the API server stores: the defaulted objects.
    Stored,
}

impl SideTab {
    pub const ALL: &'static [SideTab] = &[SideTab::Summary, SideTab::Stored, SideTab::Explain];

    pub fn key(self) -> &'static str {
        match self {
            SideTab::Summary => "summary",
            SideTab::Explain => "explain",
            SideTab::Stored => "stored",
        }
    }

    pub fn from_key(key: &str) -> Option<SideTab> {
        SideTab::ALL.iter().copied().find(|t| t.key() == key)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The user edited the text.
    Edit(Rc<str>),
    SetLang(Lang),
    ShowSide(SideTab),
    SetTheme(Theme),
    /// Replace the text with an example, a shared link's or a file's; the replaced text is kept.
    Load {
        text: Rc<str>,
        source: LoadSource,
    },
    /// Swap back to the text the last load replaced.
    Restore,
    Notify(Notice),
    Dismiss,
    /// Open (true) or close the examples dialog.
    Gallery(bool),
    Explain(ExplainAction),
    /// Select this byte range of the text in the editor and focus it (a problem was chosen).
    Reveal(Span),
    /// Apply a diagnostic's quick fix to the text; the replaced text is then selected.
    ApplyFix(Replacement),
    ShowPane(Pane),
    Play(PlayAction),
    /// Open the Learn section here (None: close it); `navigated` when a link of the page led
    /// there.
    Learn {
        route: Option<Route>,
        navigated: bool,
    },
    /// A lesson step (1-based) was shown.
    LessonSeen(&'static str, usize),
    /// A task was passed.
    TaskPassed(&'static str),
    /// Play the text with this task's cluster and options (None: the default cluster).
    PlayTask(Option<&'static str>),
    /// Open a play view at a playhead time (a lesson's "look here").
    Look(View, SimTime),
    /// Open (true) or close the terminal.
    Terminal(bool),
    /// Show this cluster pod in the play views (None: the editor's text), at the same session
    /// time.
    ShowPod(Option<(Rc<str>, SimTime)>),
    /// A command ran in the terminal: the views show `pod` and the playhead moves to `now` on the
    /// session's clock.
    Follow {
        pod: Option<(Rc<str>, SimTime)>,
        now: SimTime,
    },
}

impl State {
    pub fn new(text: impl Into<Rc<str>>, lang: Lang) -> State {
        State {
            text: text.into(),
            lang,
            side: SideTab::Summary,
            theme: Theme::System,
            previous: None,
            loaded: None,
            notice: None,
            gallery: false,
            explain: ExplainView::default(),
            reveal: None,
            pane: Pane::Check,
            playhead: Playhead::default(),
            learn: None,
            learn_navigated: false,
            progress: Progress::default(),
            play_task: None,
            terminal: false,
            pod: None,
        }
    }

    /// The session's time at the playhead (the playhead runs on the shown pod's clock).
    pub fn session_time(&self) -> SimTime {
        let created = self.pod.as_ref().map_or(SimTime::ZERO, |p| p.1);
        SimTime(self.playhead.time().0.saturating_add(created.0))
    }

    /// The notice shown offers to restore the replaced text (so the toolbar does not offer it a
    /// second time).
    pub fn notice_offers_restore(&self) -> bool {
        self.previous.is_some() && matches!(self.notice, Some(Notice::Loaded(_) | Notice::Restored))
    }

    /// The toolbar offers to restore the replaced text: there is one, and the notice does not
    /// already offer it. One restore button at a time.
    pub fn toolbar_offers_restore(&self) -> bool {
        self.previous.is_some() && !self.notice_offers_restore()
    }

    fn reveal(&mut self, span: Span, focus: bool) {
        self.reveal = Some(Reveal::next(self.reveal, span, focus));
    }

    /// Whether `text` holds work of the user's: not blank, not an example as offered, not the
    /// last loaded text left unedited. Only such a text is worth keeping when another replaces it.
    fn is_work(&self, text: &Rc<str>) -> bool {
        !text.trim().is_empty()
            && self.loaded.as_ref() != Some(text)
            && !podplay_core::examples::ALL
                .iter()
                .any(|e| e.source == &**text)
            && !podplay_core::lessons::tasks().any(|t| t.start_text() == &**text)
    }
}

/// Where a quick fix's text lands once applied (the editor selects it).
pub(crate) fn inserted(r: &Replacement) -> Span {
    Span::new(r.span.start, r.span.start.saturating_add(r.text.len() as u32))
}

/// `text` with `r` applied, or None when its range does not fit the text (a fix computed for an
/// older text).
pub(crate) fn apply(text: &str, r: &Replacement) -> Option<String> {
    let range = r.span.range();
    let (before, after) = (text.get(..range.start)?, text.get(range.end..)?);
    Some([before, &r.text, after].concat())
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Edit(text) => next.text = text,
            Action::SetLang(lang) => next.lang = lang,
            Action::ShowSide(side) => next.side = side,
            Action::SetTheme(theme) => next.theme = theme,
            Action::Load { text, source } => {
                if text != self.text && self.is_work(&self.text) {
                    next.previous = Some(self.text.clone());
                }
                next.loaded = Some(text.clone());
                next.text = text;
                next.notice = Some(Notice::Loaded(source));
                next.gallery = false;
            }
            Action::Restore => {
                if let Some(previous) = next.previous.take() {
                    if self.is_work(&self.text) && self.text != previous {
                        next.previous = Some(self.text.clone());
                    }
                    next.text = previous;
                    next.loaded = None;
                    next.notice = Some(Notice::Restored);
                }
            }
            Action::Notify(notice) => next.notice = Some(notice),
            Action::Dismiss => next.notice = None,
            Action::Gallery(open) => next.gallery = open,
            Action::Explain(a) => next.explain.apply(a),
            Action::Reveal(span) => next.reveal(span, true),
            Action::ShowPane(pane) => {
                next.pane = pane;
                if pane != Pane::Play {
                    next.playhead.playing = false;
                }
            }
            Action::Play(a) => next.playhead.apply(a),
            Action::Learn { route, navigated } => {
                next.learn = route;
                next.learn_navigated = navigated;
                if !matches!(route, Some(Route::Lesson { .. })) {
                    next.play_task = None;
                }
            }
            Action::LessonSeen(lesson, step) => {
                if let Some(seen) = next
                    .progress
                    .seen
                    .get_or_insert_with(lesson.to_string(), VecSet::new)
                {
                    seen.insert(step);
                }
            }
            Action::TaskPassed(id) => {
                next.progress.passed.insert(id.to_string());
            }
            Action::PlayTask(task) => next.play_task = task,
            Action::Terminal(open) => next.terminal = open,
            Action::ShowPod(pod) => {
                let t = self.session_time();
                next.playhead.playing = false;
                next.playhead.selected = None;
                next.playhead.pos = t.0.saturating_sub(pod.as_ref().map_or(0, |p| p.1 .0)) as f64;
                next.pod = pod;
            }
            Action::Follow { pod, now } => {
                next.playhead.selected = None;
                next.playhead.pos = now.0.saturating_sub(pod.as_ref().map_or(0, |p| p.1 .0)) as f64;
                next.pod = pod;
            }
            Action::Look(view, t) => {
                next.pane = Pane::Play;
                next.playhead.playing = false;
                next.playhead.selected = None;
                next.playhead.pos = t.0 as f64;
                match view {
                    View::Flow => next.playhead.view = PodView::Flow,
                    View::Namespaces => next.playhead.view = PodView::Namespaces,
                    View::Network => next.playhead.view = PodView::Network,
                    View::Timeline | View::Events => {}
                }
            }
            Action::ApplyFix(r) => {
                if let Some(text) = apply(&next.text, &r) {
                    next.text = text.into();
                    next.reveal(inserted(&r), false);
                }
            }
        }
        // A new text is a new run: a choice made on the old run means nothing now. The playhead
        // keeps its time.
        if next.text != self.text {
            next.playhead.selected = None;
        }
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn edits_and_language_changes_apply_and_no_ops_keep_the_same_state() {
        let s = Rc::new(State::new("a: 1", Lang::En));
        let same = s.clone().reduce(Action::Edit("a: 1".into()));
        assert!(Rc::ptr_eq(&s, &same));
        let edited = s.clone().reduce(Action::Edit("a: 2".into()));
        assert_eq!(&*edited.text, "a: 2");
        let zh = edited.reduce(Action::SetLang(Lang::Zh));
        assert_eq!(zh.lang, Lang::Zh);
        assert_eq!(&*zh.text, "a: 2");
        assert_eq!(zh.clone().reduce(Action::ShowSide(SideTab::Summary)), zh);
    }

    #[test]
    fn learning_routes_progress_and_looks() {
        let s = Rc::new(State::new("a: 1", Lang::En));
        let route = Route::Lesson {
            lesson: "pause",
            step: 2,
        };
        let s = s.reduce(Action::Learn {
            route: Some(route),
            navigated: true,
        });
        assert_eq!(s.learn, Some(route));
        assert!(s.learn_navigated);
        let s = s.reduce(Action::PlayTask(Some("schedule-ssd")));
        let s = s.reduce(Action::LessonSeen("pause", 2));
        let s = s.reduce(Action::TaskPassed("share-pid"));
        assert!(s.progress.is_passed("share-pid"));
        assert_eq!(s.progress.resume_step("pause"), 2);
        let s = s.reduce(Action::Look(View::Namespaces, SimTime::from_secs(10)));
        assert_eq!(s.pane, Pane::Play);
        assert_eq!(s.playhead.view, PodView::Namespaces);
        assert_eq!(s.playhead.time(), SimTime::from_secs(10));
        // Leaving a lesson plays on the default cluster again.
        let s = s.reduce(Action::Learn {
            route: Some(Route::Map),
            navigated: true,
        });
        assert_eq!(s.play_task, None);
        // A task's starting manifest, loaded and not edited, is not work worth keeping.
        let start = podplay_core::lessons::task("share-pid")
            .unwrap()
            .start_text();
        let s = s.reduce(Action::Load {
            text: start.into(),
            source: LoadSource::Lesson("share-pid"),
        });
        let s = s.reduce(Action::Load {
            text: "b: 2".into(),
            source: LoadSource::Link,
        });
        assert_eq!(s.previous.as_deref(), Some("a: 1"));
    }

    fn play(s: &Rc<State>, a: PlayAction) -> Rc<State> {
        s.clone().reduce(Action::Play(a))
    }

    #[test]
    fn playback_advances_by_speed_and_stops_at_the_end() {
        let end = SimTime(10_000);
        let s = Rc::new(State::new("a: 1", Lang::En));
        assert_eq!(s.playhead.speed, Speed::X5);
        // Ticks while paused change nothing.
        let paused = play(
            &s,
            PlayAction::Tick {
                elapsed_ms: 16.0,
                end,
            },
        );
        assert!(Rc::ptr_eq(&s, &paused));
        let s = play(&s, PlayAction::Toggle { end, stop: None });
        assert!(s.playhead.playing);
        let s = play(
            &s,
            PlayAction::Tick {
                elapsed_ms: 100.0,
                end,
            },
        );
        assert_eq!(s.playhead.pos, 500.0);
        let s = play(&s, PlayAction::SetSpeed(Speed::X1));
        let s = play(
            &s,
            PlayAction::Tick {
                elapsed_ms: 16.5,
                end,
            },
        );
        let s = play(
            &s,
            PlayAction::Tick {
                elapsed_ms: 16.5,
                end,
            },
        );
        assert_eq!(s.playhead.pos, 533.0, "fractions are kept");
        assert_eq!(s.playhead.time(), SimTime(533));
        // A long frame (a background tab) is capped.
        let s = play(
            &s,
            PlayAction::Tick {
                elapsed_ms: 60_000.0,
                end,
            },
        );
        assert_eq!(s.playhead.pos, 783.0);
        let s = play(&s, PlayAction::SetSpeed(Speed::X60));
        let s = play(
            &s,
            PlayAction::Tick {
                elapsed_ms: 250.0,
                end,
            },
        );
        let s = play(
            &s,
            PlayAction::Tick {
                elapsed_ms: 250.0,
                end,
            },
        );
        assert_eq!(s.playhead.time(), end);
        assert!(!s.playhead.playing, "stops at the end");
        // Play from the end starts over.
        let s = play(&s, PlayAction::Toggle { end, stop: None });
        assert!(s.playhead.playing);
        assert_eq!(s.playhead.pos, 0.0);
        let s = play(&s, PlayAction::Toggle { end, stop: None });
        assert!(!s.playhead.playing);
    }

    #[test]
    fn stepping_through_the_creation_pauses_at_each_step() {
        let end = SimTime(300_000);
        let s = Rc::new(State::new("a: 1", Lang::En));
        let s = play(&s, PlayAction::ShowView(PodView::Network));
        let s = play(&s, PlayAction::Seek(SimTime(9_000)));
        let s = play(&s, PlayAction::StepThrough(true));
        assert!(s.playhead.stepping && !s.playhead.playing);
        assert_eq!(s.playhead.time(), SimTime::ZERO, "from the start");
        assert_eq!(s.playhead.view, PodView::Flow, "on the creation flow");
        let s = play(&s, PlayAction::SetSpeed(Speed::X0_25));
        // Playing goes to the next step and pauses there.
        let s = play(
            &s,
            PlayAction::Toggle {
                end,
                stop: Some(SimTime(15)),
            },
        );
        assert!(s.playhead.playing);
        let s = play(
            &s,
            PlayAction::Tick {
                elapsed_ms: 40.0,
                end,
            },
        );
        assert_eq!(s.playhead.pos, 10.0, "0.25× of 40 ms");
        let s = play(
            &s,
            PlayAction::Tick {
                elapsed_ms: 40.0,
                end,
            },
        );
        assert_eq!(s.playhead.time(), SimTime(15), "stopped at the step");
        assert!(!s.playhead.playing);
        assert_eq!(s.playhead.stop, None);
        // A stop behind the playhead is ignored.
        let s = play(
            &s,
            PlayAction::Toggle {
                end,
                stop: Some(SimTime(15)),
            },
        );
        assert_eq!(s.playhead.stop, None);
        let s = play(&s, PlayAction::StepThrough(false));
        assert!(!s.playhead.stepping && !s.playhead.playing);
        assert_eq!(Speed::X0_1.factor(), 0.1);
        assert_eq!(Speed::ALL.map(Speed::label)[..2], ["0.1×", "0.25×"]);
    }

    #[test]
    fn seeking_selecting_and_editing() {
        let end = SimTime(300_000);
        let s = Rc::new(State::new("a: 1", Lang::En));
        let s = play(&s, PlayAction::Toggle { end, stop: None });
        let s = play(&s, PlayAction::Seek(SimTime(42_000)));
        assert_eq!(s.playhead.time(), SimTime(42_000));
        assert!(
            s.playhead.playing,
            "scrubbing while playing goes on playing"
        );
        let s = play(
            &s,
            PlayAction::Select {
                pick: Some(Pick::Event(3)),
                seek: None,
            },
        );
        assert_eq!(s.playhead.selected, Some(Pick::Event(3)));
        assert!(s.playhead.playing);
        let s = play(
            &s,
            PlayAction::Select {
                pick: Some(Pick::Phase(1)),
                seek: Some(SimTime(7)),
            },
        );
        assert_eq!((s.playhead.time(), s.playhead.playing), (SimTime(7), false));
        // Editing keeps the time but forgets the choice (it was made on the old run).
        let same = s.clone().reduce(Action::Edit("a: 1".into()));
        assert!(Rc::ptr_eq(&s, &same));
        let edited = s.clone().reduce(Action::Edit("a: 2".into()));
        assert_eq!(edited.playhead.time(), SimTime(7));
        assert_eq!(edited.playhead.selected, None);
        // Leaving the play area pauses.
        let s = edited.reduce(Action::ShowPane(Pane::Play));
        let s = play(&s, PlayAction::Toggle { end, stop: None });
        let s = s.reduce(Action::ShowPane(Pane::Check));
        assert_eq!(s.pane, Pane::Check);
        assert!(!s.playhead.playing);
        assert_eq!(Pane::from_key("play"), Some(Pane::Play));
        let s = play(&s, PlayAction::SetWindow(Window::First10s));
        assert_eq!(s.playhead.window, Window::First10s);
        assert_eq!(Window::First10s.end(end), SimTime(10_000));
        assert_eq!(Window::First60s.end(SimTime(5_000)), SimTime(5_000));
        assert_eq!(Window::Whole.end(end), end);
        assert_eq!(Pane::from_key("x"), None);
    }

    #[test]
    fn reveal_requests_are_numbered_so_repeats_still_select() {
        let s = Rc::new(State::new("abc", Lang::En));
        let one = s.reduce(Action::Reveal(Span::new(0, 1)));
        let two = one.clone().reduce(Action::Reveal(Span::new(0, 1)));
        assert_eq!(
            one.reveal,
            Some(Reveal {
                span: Span::new(0, 1),
                seq: 0,
                focus: true
            })
        );
        assert_eq!(two.reveal.map(|r| r.seq), Some(1));
    }

    #[test]
    fn quick_fixes_replace_their_range_and_select_the_result() {
        let s = Rc::new(State::new("restartPolicy: always\n", Lang::En));
        let fix = Replacement {
            span: Span::new(15, 21),
            text: "Always".into(),
        };
        let fixed = s.clone().reduce(Action::ApplyFix(fix));
        assert_eq!(&*fixed.text, "restartPolicy: Always\n");
        assert_eq!(
            fixed.reveal,
            Some(Reveal {
                span: Span::new(15, 21),
                seq: 0,
                focus: false
            })
        );
        let stale = Replacement {
            span: Span::new(15, 99),
            text: "x".into(),
        };
        assert!(Rc::ptr_eq(&s, &s.clone().reduce(Action::ApplyFix(stale))));
        let inside_a_char = Replacement {
            span: Span::new(1, 2),
            text: "x".into(),
        };
        let cjk = Rc::new(State::new("名字", Lang::En));
        assert!(Rc::ptr_eq(
            &cjk,
            &cjk.clone().reduce(Action::ApplyFix(inside_a_char))
        ));
    }
}

#[cfg(test)]
mod load_tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn load(s: Rc<State>, text: &str) -> Rc<State> {
        s.reduce(Action::Load {
            text: text.into(),
            source: LoadSource::Link,
        })
    }

    #[test]
    fn loading_keeps_the_users_text_and_restore_swaps_it_back() {
        let s = Rc::new(State::new("my work", Lang::En));
        let s = load(s, "shared");
        assert_eq!(&*s.text, "shared");
        assert_eq!(s.previous.as_deref(), Some("my work"));
        assert_eq!(s.notice, Some(Notice::Loaded(LoadSource::Link)));
        // One restore button at a time: the notice's, then once it is dismissed the toolbar's.
        assert!(s.notice_offers_restore() && !s.toolbar_offers_restore());
        let dismissed = s.clone().reduce(Action::Dismiss);
        assert!(!dismissed.notice_offers_restore() && dismissed.toolbar_offers_restore());
        // Loading again without editing keeps the user's text, not the unedited load.
        let s = s.reduce(Action::Load {
            text: podplay_core::examples::DEFAULT.source.into(),
            source: LoadSource::Example("hello-pod"),
        });
        assert_eq!(s.previous.as_deref(), Some("my work"));
        // Restore brings it back; the unedited example is not worth keeping.
        let s = s.reduce(Action::Restore);
        assert_eq!(&*s.text, "my work");
        assert_eq!(s.previous, None);
        assert_eq!(s.notice, Some(Notice::Restored));
        // Restoring with nothing kept changes nothing.
        let same = s.clone().reduce(Action::Restore);
        assert!(Rc::ptr_eq(&s, &same));
    }

    #[test]
    fn edits_after_a_load_are_work_too() {
        let s = load(Rc::new(State::new("mine", Lang::En)), "theirs");
        let s = s.reduce(Action::Edit("theirs, edited".into()));
        // Restore swaps: the edited load is kept in turn.
        let s = s.reduce(Action::Restore);
        assert_eq!(&*s.text, "mine");
        assert_eq!(s.previous.as_deref(), Some("theirs, edited"));
        let s = s.reduce(Action::Restore);
        assert_eq!(&*s.text, "theirs, edited");
        assert_eq!(s.previous.as_deref(), Some("mine"));
    }

    #[test]
    fn blank_text_and_examples_as_offered_are_not_kept() {
        let s = load(Rc::new(State::new("  \n", Lang::En)), "x: 1");
        assert_eq!(s.previous, None);
        let s = load(
            Rc::new(State::new(podplay_core::examples::DEFAULT.source, Lang::En)),
            "x: 1",
        );
        assert_eq!(s.previous, None);
        // Loading the text already there keeps nothing either.
        let s = load(Rc::new(State::new("x: 1", Lang::En)), "x: 1");
        assert_eq!(s.previous, None);
    }

    #[test]
    fn loading_closes_the_gallery_and_notices_can_be_dismissed() {
        let s = Rc::new(State::new("a", Lang::En)).reduce(Action::Gallery(true));
        assert!(s.gallery);
        let s = load(s, "b");
        assert!(!s.gallery);
        let s = s.reduce(Action::Dismiss);
        assert_eq!(s.notice, None);
        let s = s.reduce(Action::Notify(Notice::LinkRefused(Refusal::Corrupt)));
        assert_eq!(s.notice, Some(Notice::LinkRefused(Refusal::Corrupt)));
        assert_eq!(&*s.text, "b");
    }

    #[test]
    fn explain_tree_actions() {
        let s = Rc::new(State::new("a", Lang::En));
        let ex = |s: Rc<State>, a| s.reduce(Action::Explain(a));
        let s = ex(s, ExplainAction::Expand("spec.containers".into(), true));
        assert!(
            s.explain.expanded.contains("spec") && s.explain.expanded.contains("spec.containers")
        );
        let s = ex(
            s,
            ExplainAction::Expand("spec.containers.ports".into(), true),
        );
        let s = ex(s, ExplainAction::Expand("spec.containers".into(), false));
        assert_eq!(s.explain.expanded.iter().collect::<Vec<_>>(), ["spec"]);
        let s = ex(s, ExplainAction::Select("spec.restartPolicy".into()));
        assert_eq!(s.explain.selected.as_deref(), Some("spec.restartPolicy"));
        // Filtering chooses the best match; a filter that matches nothing keeps the choice.
        let s = ex(s, ExplainAction::Filter("port".into()));
        assert_eq!(s.explain.selected.as_deref(), Some("spec.containers.ports"));
        let s = ex(s, ExplainAction::Filter("portzz".into()));
        assert_eq!(s.explain.selected.as_deref(), Some("spec.containers.ports"));
        let s = ex(s, ExplainAction::Filter("port".into()));
        let s = ex(s, ExplainAction::ShowText(true));
        let s = ex(s, ExplainAction::SetKind(Kind::Service));
        assert_eq!(s.explain.kind, Kind::Service);
        assert!(s.explain.expanded.is_empty() && s.explain.selected.is_none());
        assert_eq!(s.explain.filter, "port");
        assert!(s.explain.show_text);
    }

    #[test]
    fn themes_and_tabs() {
        let s = Rc::new(State::new("a", Lang::En)).reduce(Action::SetTheme(Theme::Dark));
        assert_eq!(s.theme, Theme::Dark);
        for t in Theme::ALL {
            assert_eq!(Theme::from_key(t.key()), Some(t));
        }
        for t in SideTab::ALL {
            assert_eq!(SideTab::from_key(t.key()), Some(*t));
        }
    }

    #[test]
    fn the_pod_view_shown_is_kept_with_the_playhead() {
        let s = Rc::new(State::new("a", Lang::En));
        assert_eq!(s.playhead.view, PodView::Flow);
        let s = s.reduce(Action::Play(PlayAction::Seek(SimTime(5_000))));
        let s = s.reduce(Action::Play(PlayAction::ShowView(PodView::Network)));
        assert_eq!(s.playhead.view, PodView::Network);
        assert_eq!(s.playhead.time(), SimTime(5_000), "the time is kept");
        let s = s.reduce(Action::Edit("b".into()));
        assert_eq!(s.playhead.view, PodView::Network, "an edit keeps the view");
        for v in PodView::ALL {
            assert_eq!(PodView::from_key(v.key()), Some(v));
        }
    }

    #[test]
    fn the_playhead_runs_on_the_shown_pods_clock_and_keeps_the_session_time() {
        let s = Rc::new(State::new("a", Lang::En));
        // A command ended at 30 s and created `b` at 10 s: the playhead is b's clock.
        let s = s.reduce(Action::Follow { pod: Some(("b".into(), SimTime(10_000))), now: SimTime(30_000) });
        assert_eq!(s.playhead.time(), SimTime(20_000));
        assert_eq!(s.session_time(), SimTime(30_000));
        // Showing another pod (created at 0) keeps the session time.
        let s = s.reduce(Action::ShowPod(Some(("a".into(), SimTime::ZERO))));
        assert_eq!(s.playhead.time(), SimTime(30_000));
        assert_eq!(s.session_time(), SimTime(30_000));
        // A pod created after the time shown starts at its own zero.
        let s = s.reduce(Action::ShowPod(Some(("c".into(), SimTime(40_000)))));
        assert_eq!(s.playhead.time(), SimTime::ZERO);
        let s = s.reduce(Action::ShowPod(None));
        assert_eq!(s.session_time(), SimTime(40_000));
        assert!(!s.terminal);
        assert!(s.reduce(Action::Terminal(true)).terminal);
    }
}
