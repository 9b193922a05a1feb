//! The JavaScript boundary of the terminal: loads the xterm.js bundle (`terminal.js`, built by
//! `app/js/build.mjs` from `app/js/src/terminal.js`) with a dynamic `import()` the first time the
//! terminal opens, and drives its screen. The bundle's name lives here, in the wasm, so that the
//! first load never names (nor fetches) it.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser::bundle::{self, describe};

/// The bundle's file, beside index.html (static/index.html copies it there).
const BUNDLE: &str = "terminal.js";

#[wasm_bindgen]
extern "C" {
    /// xterm.js's screen (`Screen` of app/js/src/terminal.js).
    pub type Screen;

    #[wasm_bindgen(method)]
    pub fn write(this: &Screen, text: &str);
    #[wasm_bindgen(method)]
    pub fn focus(this: &Screen);
    #[wasm_bindgen(method)]
    pub fn fit(this: &Screen);
    #[wasm_bindgen(method)]
    pub fn cols(this: &Screen) -> u32;
    #[wasm_bindgen(method, js_name = setDark)]
    pub fn set_dark(this: &Screen, dark: bool);
    #[wasm_bindgen(method, js_name = setLabel)]
    pub fn set_label(this: &Screen, label: &str);
    #[wasm_bindgen(method)]
    pub fn dispose(this: &Screen);
}

/// The bundle's `open` function, once loaded (a failure is the error's text).
pub async fn load() -> Result<js_sys::Function, String> {
    let module = bundle::import(BUNDLE).await?;
    bundle::function(&module, BUNDLE, "open")
}

/// Opens a screen in `parent`; `on_data` receives what is typed or pasted.
pub fn open(
    open: &js_sys::Function,
    parent: &web_sys::Element,
    on_data: &js_sys::Function,
    dark: bool,
    label: &str,
) -> Result<Screen, String> {
    let args = js_sys::Array::of4(parent, on_data, &JsValue::from_bool(dark), &JsValue::from_str(label));
    open.apply(&JsValue::NULL, &args)
        .map(|s| s.unchecked_into::<Screen>())
        .map_err(|e| describe(&e))
}
