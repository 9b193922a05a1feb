use crate::browser::page::focus;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TabsProps {
    /// A stable id prefix (for the ARIA wiring between tabs and panels).
    pub id: AttrValue,
    pub label: AttrValue,
    /// (key, label) of each tab, in order.
    pub tabs: Vec<(AttrValue, AttrValue)>,
    pub selected: AttrValue,
    pub onselect: Callback<AttrValue>,
    /// The selected tab's panel.
    pub children: Html,
    /// The panel takes the focus itself (Tab reaches it). False when what it shows is a focusable
    /// region of its own (the play area, whose keys work when it has the focus).
    #[prop_or(true)]
    pub focusable_panel: bool,
}

/// An accessible tab list (WAI-ARIA tabs pattern: arrow keys move between tabs, Home/End jump).
#[function_component]
pub fn Tabs(props: &TabsProps) -> Html {
    let keys: Vec<AttrValue> = props.tabs.iter().map(|(k, _)| k.clone()).collect();
    let onkeydown = {
        let keys = keys.clone();
        let selected = props.selected.clone();
        let onselect = props.onselect.clone();
        let id = props.id.clone();
        Callback::from(move |e: KeyboardEvent| {
            let Some(i) = keys.iter().position(|k| *k == selected) else {
                return;
            };
            let next = match e.key().as_str() {
                "ArrowRight" => (i + 1) % keys.len(),
                "ArrowLeft" => (i + keys.len() - 1) % keys.len(),
                "Home" => 0,
                "End" => keys.len() - 1,
                _ => return,
            };
            e.prevent_default();
            onselect.emit(keys[next].clone());
            focus(&format!("{id}-tab-{}", keys[next]));
        })
    };
    html! {
        <div class="tabs">
            <div class="tablist" role="tablist" aria-label={props.label.clone()} {onkeydown}>
                { for props.tabs.iter().map(|(key, label)| {
                    let is = *key == props.selected;
                    let onselect = props.onselect.clone();
                    let k = key.clone();
                    html! {
                        <button type="button" role="tab" id={format!("{}-tab-{key}", props.id)}
                            aria-selected={is.to_string()} aria-controls={format!("{}-panel", props.id)}
                            tabindex={if is { "0" } else { "-1" }} class={classes!("tab", is.then_some("selected"))}
                            onclick={Callback::from(move |_| onselect.emit(k.clone()))}>{label.clone()}</button>
                    }
                }) }
            </div>
            <div class="tabpanel" role="tabpanel" id={format!("{}-panel", props.id)}
                aria-labelledby={format!("{}-tab-{}", props.id, props.selected)}
                tabindex={props.focusable_panel.then_some("0")}>
                { props.children.clone() }
            </div>
        </div>
    }
}
