//! The play views' pod picker: the editor's text (played as without a terminal) or one of the
//! terminal cluster's pods (played by the session). Shown once the cluster has a pod.

use std::rc::Rc;

use podplay_core::diag::Lang;
use podplay_core::sim::SimTime;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::text::text;
use super::{clock, ClusterRef};

#[derive(Properties, PartialEq)]
pub struct PodPickerProps {
    pub cluster: ClusterRef,
    /// The pod shown (None: the editor's text).
    pub shown: Option<(Rc<str>, SimTime)>,
    pub lang: Lang,
    pub onpick: Callback<Option<(Rc<str>, SimTime)>>,
}

#[function_component]
pub fn PodPicker(props: &PodPickerProps) -> Html {
    let w = text(props.lang);
    // While the session catches up with its history (after a reload, `warm.rs`), listing the pods
    // would play it all at once: the picker waits (the app draws it again when it is done).
    let catching_up = !props.cluster.cell.borrow().is_ready();
    let pods: Vec<(Rc<str>, SimTime)> = if catching_up {
        Vec::new()
    } else {
        let c = props.cluster.cell.borrow();
        c.session
            .pods(c.session.now())
            .into_iter()
            .map(|p| (Rc::from(p.name.as_str()), p.created))
            .collect()
    };
    if pods.is_empty() && props.shown.is_none() && !catching_up {
        return Html::default();
    }
    let onchange = {
        let (pods, onpick) = (pods.clone(), props.onpick.clone());
        Callback::from(move |e: Event| {
            let Some(sel) = e.target_dyn_into::<HtmlSelectElement>() else {
                return;
            };
            let pick = sel.value().parse::<usize>().ok().and_then(|i| pods.get(i).cloned());
            onpick.emit(pick);
        })
    };
    let selected = |p: &(Rc<str>, SimTime)| props.shown.as_ref() == Some(p);
    html! {
        <label class="pod-picker">
            <span>{w.picker}</span>
            <select {onchange}>
                <option value="editor" selected={props.shown.is_none()}>{w.editor_pod}</option>
                if catching_up {
                    <option value="" disabled=true>{w.picker_catching_up}</option>
                }
                { for pods.iter().enumerate().map(|(i, p)| html! {
                    <option value={i.to_string()} selected={selected(p)}>
                        {format!("pod/{} ({} {})", p.0, w.created_at, clock(p.1))}
                    </option>
                }) }
            </select>
        </label>
    }
}
