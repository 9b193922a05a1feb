//! The app's one reducer: every user intent is an [`Action`]; [`State`] is plain data, tested on
//! the host without a browser.

use std::rc::Rc;

use podplay_core::diag::Lang;
use yew::Reducible;

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// The manifest being edited (what the user typed; never rewritten behind their back).
    pub text: Rc<str>,
    pub lang: Lang,
    /// Which view the side pane shows.
    pub side: SideTab,
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
}

impl State {
    pub fn new(text: impl Into<Rc<str>>, lang: Lang) -> State {
        State {
            text: text.into(),
            lang,
            side: SideTab::Summary,
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Edit(text) => next.text = text,
            Action::SetLang(lang) => next.lang = lang,
            Action::ShowSide(side) => next.side = side,
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
}
