//! The app's one reducer: every user intent is an [`Action`]; [`State`] is plain data, tested on
//! the host without a browser.

use std::rc::Rc;

use podplay_core::diag::{Lang, Replacement};
use podplay_core::span::Span;
use yew::Reducible;

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// The manifest being edited (what the user typed; never rewritten behind their back).
    pub text: Rc<str>,
    pub lang: Lang,
    /// Which view the side pane shows.
    pub side: SideTab,
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

/// The views of the side pane, beside the editor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SideTab {
    /// What core understood: documents, kinds, names, containers.
    Summary,
}

impl SideTab {
    pub const ALL: &'static [SideTab] = &[SideTab::Summary];

    pub fn key(self) -> &'static str {
        match self {
            SideTab::Summary => "summary",
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
            reveal: None,
        }
    }

    fn reveal(&mut self, span: Span, focus: bool) {
        let seq = self.reveal.map_or(0, |r| r.seq.wrapping_add(1));
        self.reveal = Some(Reveal { span, seq, focus });
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
