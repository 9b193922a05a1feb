//! The problems panel under the editor (every diagnostic, sorted by position, with kubectl's
//! message, the explanation and the fix; choosing one selects its range in the editor) and the
//! header's at-a-glance status ("valid" / "N problems").

use std::rc::Rc;

use podplay_core::analyze::Analysis;
use podplay_core::diag::{Lang, Replacement};
use podplay_core::span::Span;
use yew::prelude::*;

use crate::components::rich::with_code;
use crate::editor::{problems, Counts, Problem};

/// The words of this file, in both languages.
pub struct ProblemsText {
    pub heading: &'static str,
    pub none: &'static str,
    pub nothing: &'static str,
    pub error: &'static str,
    pub warning: &'static str,
    pub line: &'static str,
    pub column: &'static str,
    pub fix: &'static str,
    pub apply_fix: &'static str,
    pub apply_fix_title: &'static str,
    pub valid: &'static str,
    pub empty: &'static str,
    pub problems: fn(usize) -> String,
    pub breakdown: fn(Counts) -> String,
    pub show_problems: &'static str,
}

pub static EN: ProblemsText = ProblemsText {
    heading: "Problems",
    none: "No problems: the API server would accept this.",
    nothing: "Nothing to check yet.",
    error: "error",
    warning: "warning",
    line: "line",
    column: "column",
    fix: "Fix: ",
    apply_fix: "Apply fix",
    apply_fix_title: "Replace with",
    valid: "valid",
    empty: "empty",
    problems: |n| {
        if n == 1 {
            "1 problem".to_string()
        } else {
            format!("{n} problems")
        }
    },
    breakdown: |c| {
        let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
        format!(
            "{}, {}",
            plural(c.errors, "error"),
            plural(c.warnings, "warning")
        )
    },
    show_problems: "show the problems",
};

pub static ZH: ProblemsText = ProblemsText {
    heading: "问题",
    none: "没有问题：API Server 会接受这个清单。",
    nothing: "还没有可检查的内容。",
    error: "错误",
    warning: "警告",
    line: "行",
    column: "列",
    fix: "修复：",
    apply_fix: "应用修复",
    apply_fix_title: "替换为",
    valid: "有效",
    empty: "空",
    problems: |n| format!("{n} 个问题"),
    breakdown: |c| format!("{} 个错误，{} 个警告", c.errors, c.warnings),
    show_problems: "查看问题",
};

pub fn text(lang: Lang) -> &'static ProblemsText {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}

/// True when the text has nothing to check (no document with content).
fn is_empty(analysis: &Analysis) -> bool {
    analysis.documents.iter().all(|d| d.empty)
}

#[derive(Properties)]
pub struct ProblemsProps {
    pub text: Rc<str>,
    pub analysis: Rc<Analysis>,
    pub lang: Lang,
    /// A problem was chosen: select this byte range in the editor.
    pub onreveal: Callback<Span>,
    pub onfix: Callback<Replacement>,
}

impl PartialEq for ProblemsProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.analysis, &other.analysis)
            && self.text == other.text
            && self.lang == other.lang
            && self.onreveal == other.onreveal
            && self.onfix == other.onfix
    }
}

/// Every problem of the text as a list of buttons (Tab reaches each; Enter or a click jumps to
/// its range in the editor), with a quick-fix button where core knows the fix.
#[function_component]
pub fn Problems(props: &ProblemsProps) -> Html {
    let t = text(props.lang);
    let list = problems(&props.text, &props.analysis);
    let empty = is_empty(&props.analysis);
    html! {
        <section id="problems" class="problems" tabindex="-1" aria-labelledby="problems-title">
            <h2 id="problems-title" class="pane-title">
                {t.heading}
                if !list.is_empty() { <span class="problem-count">{list.len()}</span> }
            </h2>
            if list.is_empty() {
                <p class="muted problems-none">{if empty { t.nothing } else { t.none }}</p>
            } else {
                <ol class="problem-list">
                    { for list.iter().enumerate().map(|(i, p)| item(i, p, props)) }
                </ol>
            }
        </section>
    }
}

fn item(i: usize, p: &Problem, props: &ProblemsProps) -> Html {
    let t = text(props.lang);
    let d = p.diagnostic;
    let (class, severity) = if p.is_warning() {
        ("is-warning", t.warning)
    } else {
        ("is-error", t.error)
    };
    let onreveal = props.onreveal.clone();
    let span = p.span;
    let onclick = Callback::from(move |_: MouseEvent| onreveal.emit(span));
    let fix = d.replacement.clone().map(|r| {
        let onfix = props.onfix.clone();
        let title = format!("{} {}", t.apply_fix_title, r.text);
        let onclick = Callback::from(move |_: MouseEvent| {
            onfix.emit(r.clone());
            crate::browser::focus("problems");
        });
        html! {
            <button type="button" class="quick-fix" {title} {onclick}>{t.apply_fix}</button>
        }
    });
    let position = format!("{}:{}", p.start.line, p.start.column);
    let label = format!(
        "{severity}, {} {}, {} {}",
        t.line, p.start.line, t.column, p.start.column
    );
    html! {
        <li class={classes!("problem", class)} data-line={p.start.line.to_string()}>
            <button type="button" class="problem-jump" id={format!("problem-{i}")} aria-label={label.clone()}
                aria-describedby={format!("problem-{i}-message")} {onclick}>
                <span class="problem-icon" aria-hidden="true">{if p.is_warning() { "▲" } else { "●" }}</span>
                <span class="problem-pos">{position}</span>
                <span class="problem-sev">{severity}</span>
            </button>
            <code class="problem-kubectl" id={format!("problem-{i}-message")}>{p.kubectl_message()}</code>
            if !d.explanation.is_empty() {
                <p class="problem-explanation">{with_code(d.explanation.get(props.lang))}</p>
            }
            if !d.fix.is_empty() || fix.is_some() {
                <p class="problem-fix">
                    if !d.fix.is_empty() { {t.fix}{with_code(d.fix.get(props.lang))} }
                    { fix.unwrap_or_default() }
                </p>
            }
        </li>
    }
}

#[derive(Properties)]
pub struct ProblemStatusProps {
    pub analysis: Rc<Analysis>,
    pub lang: Lang,
    /// The status was clicked: show the problems panel.
    pub onclick: Callback<()>,
}

impl PartialEq for ProblemStatusProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.analysis, &other.analysis)
            && self.lang == other.lang
            && self.onclick == other.onclick
    }
}

/// "valid" or "N problems", for the header; a button that leads to the problems panel.
#[function_component]
pub fn ProblemStatus(props: &ProblemStatusProps) -> Html {
    let t = text(props.lang);
    let counts = Counts::of(&props.analysis);
    let (class, icon, words) = if counts.total() > 0 {
        let class = if counts.errors > 0 { "bad" } else { "warn" };
        (class, "✕", (t.problems)(counts.total()))
    } else if is_empty(&props.analysis) {
        ("empty", "○", t.empty.to_string())
    } else {
        ("ok", "✓", t.valid.to_string())
    };
    let title = format!("{} · {}", (t.breakdown)(counts), t.show_problems);
    let onclick = props.onclick.reform(|_: MouseEvent| ());
    html! {
        <button type="button" class={classes!("status", class)} {title} aria-controls="problems" {onclick}>
            <span class="status-icon" aria-hidden="true">{icon}</span>
            <span class="status-text">{words}</span>
        </button>
    }
}
