use podplay_core::diag::Lang;
use yew::prelude::*;

use crate::i18n::ui;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub lang: Lang,
    pub onlang: Callback<Lang>,
}

/// The title bar with the language switch.
#[function_component]
pub fn Header(props: &HeaderProps) -> Html {
    let t = ui(props.lang);
    let button = |lang: Lang, label: &'static str, full: &'static str| {
        let onlang = props.onlang.clone();
        let pressed = props.lang == lang;
        html! {
            <button type="button" class="lang" aria-pressed={pressed.to_string()} title={full}
                lang={if lang == Lang::Zh { "zh-CN" } else { "en" }}
                onclick={Callback::from(move |_| onlang.emit(lang))}>{label}</button>
        }
    };
    html! {
        <header class="top">
            <div class="brand">
                <img src="favicon.svg" alt="" width="28" height="28" />
                <div>
                    <h1>{t.title}</h1>
                    <p class="tagline">{t.tagline}</p>
                </div>
            </div>
            <div class="langs" role="group" aria-label={t.language}>
                {button(Lang::En, "EN", "English")}
                {button(Lang::Zh, "中文", "简体中文")}
            </div>
        </header>
    }
}
