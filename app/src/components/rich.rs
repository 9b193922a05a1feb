//! Text with `code` spans: the app's own sentences mark field names and commands with
//! backticks, shown as `<code>`. Only for the app's static text, never for what a user typed.

use yew::prelude::*;

/// `a `b` c` → `a <code>b</code> c` (text nodes only: nothing becomes markup).
pub fn with_code(s: &'static str) -> Html {
    s.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                html! { <code>{part}</code> }
            } else {
                html! { {part} }
            }
        })
        .collect()
}
