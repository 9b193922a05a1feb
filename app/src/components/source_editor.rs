use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SourceEditorProps {
    pub text: AttrValue,
    pub label: AttrValue,
    pub hint: AttrValue,
    pub onedit: Callback<String>,
}

/// The editing area: the manifest as plain text. Every edit is reported as it happens.
#[function_component]
pub fn SourceEditor(props: &SourceEditorProps) -> Html {
    let onedit = props.onedit.clone();
    let oninput = Callback::from(move |e: InputEvent| {
        if let Some(area) = e.target_dyn_into::<HtmlTextAreaElement>() {
            onedit.emit(area.value());
        }
    });
    html! {
        <div class="editor">
            <label for="source" class="pane-title">{&props.label}</label>
            <textarea id="source" class="source" spellcheck="false" autocapitalize="off"
                autocomplete="off" wrap="off" aria-describedby="source-hint"
                value={props.text.clone()} {oninput} />
            <p id="source-hint" class="hint">{&props.hint}</p>
        </div>
    }
}
