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
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The user edited the text.
    Edit(Rc<str>),
    SetLang(Lang),
}

impl State {
    pub fn new(text: impl Into<Rc<str>>, lang: Lang) -> State {
        State {
            text: text.into(),
            lang,
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::Edit(text) if *text != *self.text => Rc::new(State {
                text,
                ..(*self).clone()
            }),
            Action::SetLang(lang) if lang != self.lang => Rc::new(State {
                lang,
                ..(*self).clone()
            }),
            _ => self,
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
    }
}
