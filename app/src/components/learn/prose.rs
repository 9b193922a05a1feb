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

/// A check's text (a hint, a detail): sentences as paragraphs with `code` spans; runs of other
/// lines (YAML to type, kubectl's message) as blocks of code.
pub fn sentence_html(text: &str) -> Html {
    let prose = |l: &str| {
        let l = l.trim_end();
        l.ends_with('.') || l.ends_with('。') || l.ends_with('）')
    };
    let mut out: Vec<Html> = Vec::new();
    let mut code: Vec<&str> = Vec::new();
    let flush = |code: &mut Vec<&str>, out: &mut Vec<Html>| {
        if !code.is_empty() {
            out.push(html! { <pre class="lesson-code"><code>{code.join("\n")}</code></pre> });
            code.clear();
        }
    };
    for (i, line) in text.lines().enumerate() {
        if i == 0 || prose(line) {
            flush(&mut code, &mut out);
            out.push(html! { <p>{inline_html(&inlines(line))}</p> });
        } else {
            code.push(line);
        }
    }
    flush(&mut code, &mut out);
    out.into_iter().collect()
}
