//! The root component: owns the state, derives the analysis, and lays out the panes.

use std::rc::Rc;

use podplay_core::analyze;
use yew::prelude::*;

use crate::browser;
use crate::components::code_editor::CodeEditor;
use crate::components::header::Header;
use crate::components::problems::{ProblemStatus, Problems};
use crate::components::summary::Summary;
use crate::components::tabs::Tabs;
use crate::i18n::ui;
use crate::state::{Action, SideTab, State};

fn initial_state() -> State {
    let text =
        browser::saved_text().unwrap_or_else(|| podplay_core::examples::DEFAULT.source.to_string());
    State::new(text, browser::initial_lang())
}

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(initial_state);
    let analysis = use_memo(state.text.clone(), |text| {
        Rc::new(browser::timed("podplay:analyze", || analyze::analyze(text)))
    });
    let save_failed = use_state(|| false);
    {
        let save_failed = save_failed.clone();
        use_effect_with(state.text.clone(), move |text| {
            save_failed.set(!browser::save_text(text))
        });
    }
    use_effect_with(state.lang, |lang| browser::save_lang(*lang));
    use_effect_with((), |_| browser::mark("podplay:first-render"));

    let t = ui(state.lang);
    let onedit = {
        let state = state.clone();
        Callback::from(move |text: String| state.dispatch(Action::Edit(text.into())))
    };
    let onlang = {
        let state = state.clone();
        Callback::from(move |lang| state.dispatch(Action::SetLang(lang)))
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
    };
    html! {
        <div class="page">
            <Header lang={state.lang} {onlang}>
                <ProblemStatus analysis={(*analysis).clone()} lang={state.lang} onclick={onstatus} />
            </Header>
            <main class="panes">
                <section class="editor-pane">
                    <CodeEditor text={state.text.clone()} analysis={(*analysis).clone()} lang={state.lang}
                        label={t.editor_label} hint={t.editor_hint} {onedit} reveal={state.reveal} />
                    <Problems text={state.text.clone()} analysis={(*analysis).clone()} lang={state.lang}
                        {onreveal} {onfix} />
                </section>
                <section class="side-pane">
                    <Tabs id="side" label={t.side_label} tabs={side_tabs} selected={state.side.key()} onselect={onside}>
                        { side_view }
                    </Tabs>
                </section>
            </main>
            if *save_failed { <p class="warning" role="status">{t.saved_failed}</p> }
        </div>
    }
}
