//! What the API server stores: every document of the stream after defaulting, as
//! `kubectl get -o yaml` prints it, with the lines the server added marked (colour, a `+` in the
//! gutter, and words for screen readers) and a legend.

use std::rc::Rc;

use podplay_core::diag::Lang;
use podplay_core::stored::StoredObject;
use yew::prelude::*;

use crate::components::rich::with_code;

struct Words {
    heading: &'static str,
    intro: &'static str,
    legend_added: &'static str,
    legend_yours: &'static str,
    document: &'static str,
    added_count: &'static str,
    none_added: &'static str,
    nothing: &'static str,
    rejected: &'static str,
    added_sr: &'static str,
    simplified: &'static str,
    empty: &'static str,
}

static EN: Words = Words {
    heading: "What the API server stores",
    intro: "What `kubectl get -o yaml` would show after `kubectl create`: your fields, plus everything the API server fills in before it stores the object (defaults and admission).",
    legend_added: "added by the API server",
    legend_yours: "from your manifest",
    document: "Document",
    added_count: "fields or items added",
    none_added: "nothing added",
    nothing: "Nothing to store: this document has no kind the playground models (Pod, Service, ConfigMap, Secret, Node), or it could not be read.",
    rejected: "The API server would reject this document (see its problems) and store nothing; this is what it would store once they are fixed.",
    added_sr: "added: ",
    simplified: "Not shown: uid, creationTimestamp, resourceVersion and managedFields (they need a clock and randomness). Values the server picks at random (the token volume's suffix, a Service's cluster IP) are derived from the name instead.",
    empty: "Nothing to show yet: write or paste a manifest.",
};

static ZH: Words = Words {
    heading: "API Server 存储的内容",
    intro: "`kubectl create` 之后 `kubectl get -o yaml` 会显示的内容：你写的字段，加上 API Server 在存储对象之前补上的一切（默认值和准入控制）。",
    legend_added: "由 API Server 添加",
    legend_yours: "来自你的清单",
    document: "文档",
    added_count: "个字段或条目被添加",
    none_added: "没有添加任何内容",
    nothing: "没有可存储的内容：这个文档的 kind 不是游乐场支持的类型（Pod、Service、ConfigMap、Secret、Node），或者无法读取。",
    rejected: "API Server 会拒绝这个文档（见其中的问题），不会存储任何内容；下面是修正之后会存储的内容。",
    added_sr: "添加的：",
    simplified: "未显示：uid、creationTimestamp、resourceVersion 和 managedFields（它们需要时钟和随机数）。服务器随机选择的值（令牌卷的后缀、Service 的集群 IP）改为由名称推导。",
    empty: "还没有内容：请编写或粘贴一个清单。",
};

#[derive(Properties)]
pub struct StoredViewProps {
    pub lang: Lang,
    pub objects: Rc<Vec<StoredObject>>,
}

impl PartialEq for StoredViewProps {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang && Rc::ptr_eq(&self.objects, &other.objects)
    }
}

#[function_component]
pub fn StoredView(props: &StoredViewProps) -> Html {
    let w = match props.lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    };
    html! {
        <section class="stored" aria-labelledby="stored-title">
            <h2 id="stored-title" class="pane-title">{w.heading}</h2>
            <p class="muted small">{with_code(w.intro)}</p>
            <p class="legend">
                <span class="swatch added" aria-hidden="true">{"+"}</span>{w.legend_added}
                <span class="swatch" aria-hidden="true"></span>{w.legend_yours}
            </p>
            if props.objects.is_empty() {
                <p class="muted">{w.empty}</p>
            }
            { for props.objects.iter().map(|o| object(o, w)) }
            <p class="muted small">{w.simplified}</p>
        </section>
    }
}

fn object(o: &StoredObject, w: &Words) -> Html {
    let title = match (&o.kind, &o.name) {
        (Some(k), Some(n)) => format!("{k} {n}"),
        (Some(k), None) => k.clone(),
        _ => String::new(),
    };
    let count = if o.added == 0 {
        w.none_added.to_string()
    } else {
        format!("{} {}", o.added, w.added_count)
    };
    let heading = format!("stored-doc-{}", o.index);
    html! {
        <article class="doc stored-doc" aria-labelledby={heading.clone()}>
            <h3 id={heading.clone()}>{format!("{} {} · ", w.document, o.index + 1)}<span class="doc-title">{title}</span></h3>
            if o.lines.is_empty() {
                <p class="muted">{w.nothing}</p>
            } else {
                <p class="muted small">{count}</p>
                if o.rejected { <p class="warning-inline">{w.rejected}</p> }
                <pre class="stored-yaml" tabindex="0" aria-labelledby={heading}>
                    { for o.lines.iter().map(|l| {
                        let gutter = match (l.first, l.defaulted) {
                            (true, _) => "+",
                            (false, true) => "│",
                            _ => " ",
                        };
                        html! {
                            <span class={classes!("line", l.defaulted.then_some("added"), l.first.then_some("first"))}>
                                <span class="gutter" aria-hidden="true">{gutter}</span>
                                if l.first { <span class="visually-hidden">{w.added_sr}</span> }
                                {&l.text}{"\n"}
                            </span>
                        }
                    }) }
                </pre>
            }
        </article>
    }
}
