//! System / light / dark: the choice is remembered; "system" follows the operating system's
//! setting (`prefers-color-scheme`).

use podplay_core::diag::Lang;
use yew::prelude::*;

use crate::state::Theme;

struct Words {
    group: &'static str,
    system: &'static str,
    light: &'static str,
    dark: &'static str,
}

static EN: Words = Words {
    group: "Theme",
    system: "System",
    light: "Light",
    dark: "Dark",
};

static ZH: Words = Words {
    group: "主题",
    system: "跟随系统",
    light: "浅色",
    dark: "深色",
};

#[derive(Properties, PartialEq)]
pub struct ThemeSwitchProps {
    pub lang: Lang,
    pub theme: Theme,
    pub ontheme: Callback<Theme>,
}

#[function_component]
pub fn ThemeSwitch(props: &ThemeSwitchProps) -> Html {
    let w = match props.lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    };
    let button = |theme: Theme| {
        let label = match theme {
            Theme::System => w.system,
            Theme::Light => w.light,
            Theme::Dark => w.dark,
        };
        let ontheme = props.ontheme.clone();
        html! {
            <button type="button" class="lang" data-theme-choice={theme.key()}
                aria-pressed={(props.theme == theme).to_string()}
                onclick={Callback::from(move |_| ontheme.emit(theme))}>{label}</button>
        }
    };
    html! {
        <div class="langs themes" role="group" aria-label={w.group}>
            { for Theme::ALL.into_iter().map(button) }
        </div>
    }
}
