//! "What to look at" for the example in the editor: where in the playground (which view, which
//! moment) it shows what it is named for, from core's examples metadata. Shown while the text is
//! the example as offered; an edited text is the user's own.

use podplay_core::diag::Lang;
use podplay_core::examples;
use yew::prelude::*;

use crate::components::rich::with_code;

#[derive(Properties, PartialEq)]
pub struct LookProps {
    pub lang: Lang,
    /// The text in the editor.
    pub text: AttrValue,
}

#[function_component]
pub fn Look(props: &LookProps) -> Html {
    let Some(e) = examples::ALL
        .iter()
        .find(|e| e.source == props.text.as_str())
    else {
        return Html::default();
    };
    let label = match props.lang {
        Lang::En => "What to look at",
        Lang::Zh => "看点",
    };
    html! {
        <details class="look" open=true data-example={e.id}>
            <summary><strong>{label}</strong>{" · "}{e.title.get(props.lang)}</summary>
            <p>{with_code(e.look.get(props.lang))}</p>
        </details>
    }
}
