//! The app's one reducer: every user intent is an [`Action`]; [`State`] is plain data, tested on
//! the host without a browser.

use std::collections::BTreeSet;
use std::rc::Rc;

use podplay_core::diag::{Lang, Replacement};
use podplay_core::schema::Kind;
use podplay_core::span::Span;
use yew::Reducible;

use crate::share::Refusal;

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
}

/// The state of the explain panel's tree.
#[derive(Clone, Debug, PartialEq)]
pub struct ExplainView {
    pub kind: Kind,
    /// Paths (`spec.containers`) whose children are shown.
    pub expanded: BTreeSet<String>,
    pub selected: Option<String>,
    pub filter: String,
    /// Show the selected field as `kubectl explain` prints it.
    pub show_text: bool,
}

impl Default for ExplainView {
    fn default() -> Self {
        ExplainView {
            kind: Kind::Pod,
            expanded: BTreeSet::new(),
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
            ExplainAction::Filter(f) => self.filter = f,
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
        }
    }

    fn reveal(&mut self, span: Span, focus: bool) {
        let seq = self.reveal.map_or(0, |r| r.seq.wrapping_add(1));
        self.reveal = Some(Reveal { span, seq, focus });
    }

    /// Whether `text` holds work of the user's: not blank, not an example as offered, not the
    /// last loaded text left unedited. Only such a text is worth keeping when another replaces it.
    fn is_work(&self, text: &Rc<str>) -> bool {
        !text.trim().is_empty()
            && self.loaded.as_ref() != Some(text)
            && !podplay_core::examples::ALL
                .iter()
                .any(|e| e.source == &**text)
    }
}

/// `text` with `r` applied, or None when its range does not fit the text (a fix computed for an
/// older text).
fn apply(text: &str, r: &Replacement) -> Option<String> {
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
            Action::ApplyFix(r) => {
                if let Some(text) = apply(&next.text, &r) {
                    next.text = text.into();
                    let end = r.span.start.saturating_add(r.text.len() as u32);
                    next.reveal(Span::new(r.span.start, end), false);
                }
            }
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
        let s = ex(s, ExplainAction::Filter("port".into()));
        let s = ex(s, ExplainAction::ShowText(true));
        assert_eq!(s.explain.selected.as_deref(), Some("spec.restartPolicy"));
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
}
