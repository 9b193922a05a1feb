use std::rc::Rc;

use podplay_core::analyze::{Analysis, ContainerRole, DocAnalysis};
use podplay_core::diag::{Lang, Stage};
use yew::prelude::*;

use crate::components::rich::with_code;
use crate::i18n::ui;

#[derive(Properties)]
pub struct SummaryProps {
    pub analysis: Rc<Analysis>,
    pub text: Rc<str>,
    pub lang: Lang,
}

impl PartialEq for SummaryProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.analysis, &other.analysis) && self.lang == other.lang
    }
}

/// What core understood of the text: per document its kind, name and containers, or the YAML
/// syntax errors with their line and column.
#[function_component]
pub fn Summary(props: &SummaryProps) -> Html {
    let t = ui(props.lang);
    let docs = &props.analysis.documents;
    html! {
        <section class="summary" aria-labelledby="summary-title" aria-live="polite">
            <h2 id="summary-title" class="pane-title">{t.result_heading}</h2>
            if docs.is_empty() {
                <p class="muted">{t.no_documents}</p>
            }
            { for docs.iter().map(|d| document(d, props)) }
        </section>
    }
}

fn document(doc: &DocAnalysis, props: &SummaryProps) -> Html {
    let t = ui(props.lang);
    let a = &props.analysis;
    let src = &props.text;
    let syntax: Vec<_> = doc
        .diagnostics
        .iter()
        .filter(|d| d.stage == Stage::Syntax)
        .collect();
    let title = match (&doc.kind, &doc.name) {
        _ if doc.empty => t.empty_document.to_string(),
        (Some(k), Some(n)) => format!("{k} {n}"),
        (Some(k), None) => format!("{k} {}", t.name_missing),
        (None, _) => t.kind_missing.to_string(),
    };
    let list = |role_filter: &dyn Fn(ContainerRole) -> bool| -> Html {
        doc.containers
            .iter()
            .filter(|c| role_filter(c.role))
            .map(|c| {
                html! {
                    <li class="container">
                        <span class="cname">{&c.name}</span>
                        if c.role == ContainerRole::Sidecar { <span class="badge">{t.sidecar}</span> }
                        <span class="muted">{format!(" {} ", t.image)}</span>
                        if c.image.is_empty() {
                            <span class="muted">{t.no_image}</span>
                        } else {
                            <code>{&c.image}</code>
                        }
                    </li>
                }
            })
            .collect()
    };
    let has_init = doc.containers.iter().any(|c| c.role != ContainerRole::App);
    let has_app = doc.containers.iter().any(|c| c.role == ContainerRole::App);
    html! {
        <article class="doc" data-kind={doc.kind.clone().unwrap_or_default()}>
            <h3>{format!("{} {} · ", t.document, doc.index + 1)}<span class="doc-title">{title}</span></h3>
            if has_init {
                <h4>{t.init_containers}</h4>
                <ul class="containers init">{list(&|r| r != ContainerRole::App)}</ul>
            }
            if has_app {
                <h4>{t.containers}</h4>
                <ul class="containers">{list(&|r| r == ContainerRole::App)}</ul>
            } else if doc.kind.as_deref() == Some("Pod") {
                <p class="muted">{t.no_containers}</p>
            }
            { for syntax.iter().map(|d| {
                let start = a.line_index.line_col(src, d.span.start);
                html! {
                    <div class="error" role="alert">
                        <p><strong>{t.syntax_error}</strong>
                           {format!(" · {} {}, {} {}", t.line, start.line, t.column, start.column)}</p>
                        <p class="detail">{&d.detail}</p>
                        <p class="kubectl"><span class="muted">{format!("{}: ", t.kubectl_says)}</span>
                           <code>{doc.kubectl_message(d)}</code></p>
                        if !d.explanation.is_empty() { <p>{with_code(d.explanation.get(props.lang))}</p> }
                        if !d.fix.is_empty() { <p class="fix">{with_code(d.fix.get(props.lang))}</p> }
                    </div>
                }
            }) }
        </article>
    }
}
