//! The explain panel: the schema of a kind as a tree (WAI-ARIA tree pattern: arrows move and
//! open/close, Home/End jump, Enter toggles), a filter over field names, the selected field's
//! type, enum values and description, and its `kubectl explain` text.

use std::cell::Cell;

use podplay_core::diag::Lang;
use podplay_core::explain;
use podplay_core::outline::{self, Row};
use podplay_core::schema::Kind;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::state::{ExplainAction, ExplainView};

struct Words {
    heading: &'static str,
    kind: &'static str,
    filter: &'static str,
    filter_placeholder: &'static str,
    tree_label: &'static str,
    no_match: &'static str,
    required: &'static str,
    values: &'static str,
    pick: &'static str,
    show_text: &'static str,
    hide_text: &'static str,
    keys: &'static str,
}

static EN: Words = Words {
    heading: "Explain: the API schema",
    kind: "Kind",
    filter: "Filter fields",
    filter_placeholder: "e.g. restartPolicy",
    tree_label: "Fields of",
    no_match: "No field name contains",
    required: "required",
    values: "Values",
    pick: "Pick a field to read its documentation.",
    show_text: "Show kubectl explain text",
    hide_text: "Hide kubectl explain text",
    keys: "Arrow keys move, → opens, ← closes, Enter opens or closes, Home/End jump.",
};

static ZH: Words = Words {
    heading: "字段说明：API 结构",
    kind: "类型",
    filter: "筛选字段",
    filter_placeholder: "例如 restartPolicy",
    tree_label: "字段：",
    no_match: "没有字段名包含",
    required: "必填",
    values: "可选值",
    pick: "选择一个字段查看它的文档。",
    show_text: "显示 kubectl explain 文本",
    hide_text: "隐藏 kubectl explain 文本",
    keys: "方向键移动，→ 展开，← 收起，Enter 展开或收起，Home/End 跳到首尾。",
};

#[derive(Properties, PartialEq)]
pub struct ExplainTreeProps {
    pub lang: Lang,
    pub view: ExplainView,
    pub onaction: Callback<ExplainAction>,
}

fn row_id(kind: Kind, path: &str) -> String {
    format!("xr-{}-{path}", kind.name())
}

#[function_component]
pub fn ExplainTree(props: &ExplainTreeProps) -> Html {
    let w = match props.lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    };
    let v = &props.view;
    let rows = use_memo(
        (v.kind, v.expanded.clone(), v.filter.clone()),
        |(kind, expanded, filter)| outline::rows(*kind, expanded, filter),
    );
    // Set by a key press that moved the selection: focus follows once it is rendered.
    let follow = use_mut_ref(|| Cell::new(false));
    {
        let follow = follow.clone();
        let kind = v.kind;
        use_effect_with(v.selected.clone(), move |selected| {
            if follow.borrow().replace(false) {
                if let Some(p) = selected {
                    crate::browser::page::focus(&row_id(kind, p));
                }
            }
        });
    }
    let filtering = !v.filter.trim().is_empty();
    let onkeydown = {
        let rows = rows.clone();
        let selected = v.selected.clone();
        let onaction = props.onaction.clone();
        let follow = follow.clone();
        let kind = v.kind;
        Callback::from(move |e: KeyboardEvent| {
            let rows: &[Row] = &rows;
            if rows.is_empty() {
                return;
            }
            let i = selected
                .as_ref()
                .and_then(|s| rows.iter().position(|r| &r.path == s))
                .unwrap_or(0);
            let Some(row) = rows.get(i) else { return };
            let go = |j: usize| {
                if let Some(r) = rows.get(j) {
                    follow.borrow().set(true);
                    onaction.emit(ExplainAction::Select(r.path.clone()));
                    // Same row: the effect will not run, focus it now.
                    if j == i {
                        crate::browser::page::focus(&row_id(kind, &r.path));
                    }
                }
            };
            match e.key().as_str() {
                "ArrowDown" => go((i + 1).min(rows.len() - 1)),
                "ArrowUp" => go(i.saturating_sub(1)),
                "Home" => go(0),
                "End" => go(rows.len() - 1),
                "ArrowRight" => {
                    if row.expandable && !row.expanded && !filtering {
                        onaction.emit(ExplainAction::Expand(row.path.clone(), true));
                    } else if row.expanded {
                        go(i + 1);
                    }
                }
                "ArrowLeft" => {
                    if row.expanded && !filtering {
                        onaction.emit(ExplainAction::Expand(row.path.clone(), false));
                    } else if let Some(parent) = row.parent() {
                        if let Some(j) = rows.iter().position(|r| r.path == parent) {
                            go(j);
                        }
                    }
                }
                "Enter" | " " => {
                    if row.expandable && !filtering {
                        onaction.emit(ExplainAction::Expand(row.path.clone(), !row.expanded));
                    }
                    go(i);
                }
                _ => return,
            }
            e.prevent_default();
        })
    };
    let kinds = Kind::ALL.iter().map(|k| {
        let onaction = props.onaction.clone();
        let k = *k;
        html! {
            <button type="button" aria-pressed={(k == v.kind).to_string()}
                onclick={Callback::from(move |_| onaction.emit(ExplainAction::SetKind(k)))}>{k.name()}</button>
        }
    });
    let oninput = {
        let onaction = props.onaction.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                onaction.emit(ExplainAction::Filter(i.value()));
            }
        })
    };
    // The row that takes Tab: the selected one if shown, else the first.
    let tab_row = v
        .selected
        .as_ref()
        .filter(|s| rows.iter().any(|r| &r.path == *s))
        .cloned()
        .or_else(|| rows.first().map(|r| r.path.clone()));
    html! {
        <section class="explain" aria-labelledby="explain-title">
            <h2 id="explain-title" class="pane-title">{w.heading}</h2>
            <div class="explain-controls">
                <div class="segmented" role="group" aria-label={w.kind}>{ for kinds }</div>
                <label class="filter">
                    <span>{w.filter}</span>
                    <input type="search" value={v.filter.clone()} placeholder={w.filter_placeholder}
                        spellcheck="false" autocomplete="off" {oninput} />
                </label>
            </div>
            <p class="muted small" id="explain-keys">{w.keys}</p>
            <div class="explain-body">
                if rows.is_empty() {
                    <p class="muted">{format!("{} “{}”.", w.no_match, v.filter.trim())}</p>
                } else {
                    <ul class="tree" role="tree" aria-label={format!("{} {}", w.tree_label, v.kind.name())}
                        aria-describedby="explain-keys" {onkeydown}>
                        { for rows.iter().map(|r| tree_row(r, v, tab_row.as_deref() == Some(r.path.as_str()), w, &props.onaction)) }
                    </ul>
                }
                { details(v, w, &props.onaction) }
            </div>
        </section>
    }
}

fn tree_row(
    r: &Row,
    v: &ExplainView,
    tab: bool,
    w: &Words,
    onaction: &Callback<ExplainAction>,
) -> Html {
    let selected = v.selected.as_deref() == Some(r.path.as_str());
    let filtering = !v.filter.trim().is_empty();
    let onclick = {
        let onaction = onaction.clone();
        let path = r.path.clone();
        let toggle = r.expandable && !filtering;
        let expanded = r.expanded;
        Callback::from(move |_| {
            onaction.emit(ExplainAction::Select(path.clone()));
            if toggle {
                onaction.emit(ExplainAction::Expand(path.clone(), !expanded));
            }
        })
    };
    let twisty = match (r.expandable, r.expanded) {
        (false, _) => "",
        (true, false) => "▸",
        (true, true) => "▾",
    };
    let enums = if r.enum_values.is_empty() {
        String::new()
    } else {
        r.enum_values.join(" | ")
    };
    html! {
        <li role="treeitem" id={row_id(v.kind, &r.path)} class={classes!("row", selected.then_some("selected"), r.matched.then_some("matched"))}
            aria-level={r.depth.to_string()} aria-setsize={r.siblings.to_string()} aria-posinset={r.pos.to_string()}
            aria-expanded={r.expandable.then(|| r.expanded.to_string())}
            aria-selected={selected.to_string()} tabindex={if tab { "0" } else { "-1" }}
            style={format!("--depth: {}", r.depth - 1)} {onclick}>
            <span class="twisty" aria-hidden="true">{twisty}</span>
            <span class="fname">{r.name}</span>
            <span class="ftype">{&r.type_name}</span>
            if r.required { <span class="req">{w.required}</span> }
            if !enums.is_empty() { <span class="enum">{enums}</span> }
        </li>
    }
}

fn details(v: &ExplainView, w: &Words, onaction: &Callback<ExplainAction>) -> Html {
    let toggle = {
        let onaction = onaction.clone();
        let on = v.show_text;
        Callback::from(move |_| onaction.emit(ExplainAction::ShowText(!on)))
    };
    let path = v.selected.clone().unwrap_or_default();
    let field = (!path.is_empty())
        .then(|| outline::field_at(v.kind, &path))
        .flatten();
    let explain_arg = outline::explain_path(v.kind, &path);
    let body = match field {
        Some((owner, f)) => {
            let values =
                podplay_core::schema::enum_values(podplay_core::schema::def(owner).name, f.name);
            let description = outline::description(v.kind, &path).unwrap_or_default();
            html! {
                <>
                    <h3 class="field-path"><code>{explain_arg.clone()}</code></h3>
                    <p>
                        <span class="ftype">{format!("<{}>", podplay_core::schema::type_guess(f.ty))}</span>
                        if f.required { {" "}<span class="req">{w.required}</span> }
                    </p>
                    if let Some(values) = values {
                        <p>{format!("{}: ", w.values)}
                            { for values.iter().map(|x| html! { <><code>{*x}</code>{" "}</> }) }
                        </p>
                    }
                    <p class="description">{description.trim_end().to_string()}</p>
                </>
            }
        }
        None => html! { <p class="muted">{w.pick}</p> },
    };
    let text = if v.show_text {
        let out = match explain::explain(&explain_arg, false) {
            Ok(t) => t,
            Err(e) => e.to_string(),
        };
        html! {
            <pre class="explain-text" aria-label={format!("kubectl explain {explain_arg}")}>
                {format!("$ kubectl explain {explain_arg}\n{out}")}
            </pre>
        }
    } else {
        Html::default()
    };
    html! {
        <div class="field-details" aria-live="polite">
            { body }
            <button type="button" class="show-text" aria-pressed={v.show_text.to_string()} onclick={toggle}>
                { if v.show_text { w.hide_text } else { w.show_text } }
            </button>
            { text }
        </div>
    }
}
