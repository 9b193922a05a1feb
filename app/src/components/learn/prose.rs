//! Renders the lesson texts' blocks (see `podplay_core::lessons::content`) and the checks' texts
//! (hints and details, whose first line is a sentence and whose later lines are code or
//! kubectl's output).

use podplay_core::lessons::content::{inlines, Block, Inline};
use yew::prelude::*;

pub fn inline_html(items: &[Inline]) -> Html {
    items
        .iter()
        .map(|i| match i {
            Inline::Text(t) => html! { {t.clone()} },
            Inline::Code(c) => html! { <code>{c.clone()}</code> },
            Inline::Strong(s) => html! { <strong>{s.clone()}</strong> },
        })
        .collect()
}

pub fn blocks_html(blocks: &[Block]) -> Html {
    blocks
        .iter()
        .map(|b| match b {
            Block::Para(items) => html! { <p>{inline_html(items)}</p> },
            Block::List(items) => html! {
                <ul>{ for items.iter().map(|i| html! { <li>{inline_html(i)}</li> }) }</ul>
            },
            Block::Code { text, .. } => {
                html! { <pre class="lesson-code"><code>{text.clone()}</code></pre> }
            }
        })
        .collect()
}

/// A check's sentence: the first line as text with `code` spans, the rest (YAML to type, or
/// kubectl's message) as a block of code.
pub fn sentence_html(text: &str) -> Html {
    let (first, rest) = match text.split_once('\n') {
        Some((a, b)) => (a, Some(b)),
        None => (text, None),
    };
    html! {
        <>
            <p>{inline_html(&inlines(first))}</p>
            if let Some(rest) = rest {
                <pre class="lesson-code"><code>{rest.to_string()}</code></pre>
            }
        </>
    }
}
