//! The bar above the code editor while `kubectl edit` in the terminal has it open: what is edited
//! (`Editing pod/x`, the temporary file), Save and Cancel. Ctrl-S saves and Escape cancels
//! anywhere on the page while the bar is shown.

use gloo::events::{EventListener, EventListenerOptions, EventListenerPhase};
use podplay_core::diag::Lang;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::text::text;

#[derive(Properties, PartialEq)]
pub struct EditBarProps {
    /// `pod/NAME`, as kubectl names it.
    pub object: String,
    /// kubectl's temporary file.
    pub path: String,
    pub lang: Lang,
    /// Saved (true) or cancelled (false).
    pub ondone: Callback<bool>,
}

#[function_component]
pub fn EditBar(props: &EditBarProps) -> Html {
    let w = text(props.lang);
    {
        let ondone = props.ondone.clone();
        use_effect_with(ondone, move |ondone| {
            let ondone = ondone.clone();
            // Capture phase, not passive: the terminal's screen stops the keys it handles (Escape
            // included), and Ctrl-S must not open the browser's "save page".
            let options = EventListenerOptions { phase: EventListenerPhase::Capture, passive: false };
            let listener = web_sys::window().map(|win| {
                EventListener::new_with_options(&win, "keydown", options, move |e| {
                    let Some(k) = e.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                    if (k.ctrl_key() || k.meta_key()) && k.key().eq_ignore_ascii_case("s") {
                        k.prevent_default();
                        ondone.emit(true);
                    } else if k.key() == "Escape" {
                        k.prevent_default();
                        k.stop_propagation();
                        ondone.emit(false);
                    }
                })
            });
            move || drop(listener)
        });
    }
    let click = |save: bool| {
        let ondone = props.ondone.clone();
        Callback::from(move |_: MouseEvent| ondone.emit(save))
    };
    html! {
        <div class="edit-bar" role="region" aria-label={format!("{} {}", w.editing, props.object)}>
            <strong>{format!("{} {}", w.editing, props.object)}</strong>
            <code class="edit-path">{&props.path}</code>
            <button type="button" class="save" onclick={click(true)}>{w.save}{" "}<kbd>{"Ctrl-S"}</kbd></button>
            <button type="button" onclick={click(false)}>{w.cancel}{" "}<kbd>{"Esc"}</kbd></button>
            <p class="edit-hint">{w.edit_hint}</p>
        </div>
    }
}
