//! Text with `code` spans: the app's and core's sentences (explanations, fixes) mark field names,
//! values and commands with backticks, shown as `<code>`. Never for what a user typed as a whole
//! (a value quoted inside core's sentence is fine: everything stays text nodes).

use yew::prelude::*;

/// `a `b` c` → `a <code>b</code> c` (text nodes only: nothing becomes markup).
pub fn with_code(s: &str) -> Html {
    s.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                html! { <code>{part.to_string()}</code> }
            } else {
                html! { {part.to_string()} }
            }
        })
        .collect()
}
