use podplay_core::diag::Lang;
use yew::prelude::*;

use crate::components::theme_switch::ThemeSwitch;
use crate::i18n::ui;
use crate::state::Theme;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub lang: Lang,
    pub onlang: Callback<Lang>,
    pub theme: Theme,
    pub ontheme: Callback<Theme>,
    /// Shown between the title and the language switch (the problems status).
    #[prop_or_default]
    pub children: Html,
    /// The site's sections (Learn, Editor & Play), after the title.
    #[prop_or_default]
    pub nav: Html,
}

/// The playground's mark: a pod (the hexagon) holding the pause container (the dot) and an app
/// container. The same drawing as `static/favicon.svg`.
#[function_component]
fn Logo() -> Html {
    html! {
        <svg class="logo" viewBox="0 0 64 64" width="30" height="30" aria-hidden="true">
            <path d="M32 3 57 17v30L32 61 7 47V17Z" fill="#326ce5" />
            <rect x="17" y="20" width="30" height="24" rx="5" fill="none" stroke="#fff" stroke-width="3" />
            <circle cx="25" cy="32" r="4" fill="#fff" />
            <rect x="32" y="27" width="9" height="10" rx="2" fill="#fff" />
        </svg>
    }
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
                <Logo />
                <div>
                    <h1>{t.title}</h1>
                    <p class="tagline">{t.tagline}</p>
                </div>
            </div>
            {props.nav.clone()}
            <div class="header-status">{props.children.clone()}</div>
            <div class="top-tools">
                <ThemeSwitch lang={props.lang} theme={props.theme} ontheme={props.ontheme.clone()} />
                <div class="langs" role="group" aria-label={t.language}>
                    {button(Lang::En, "EN", "English")}
                    {button(Lang::Zh, "中文", "简体中文")}
                </div>
            </div>
        </header>
    }
}
