//! On-demand JavaScript bundles: a file beside index.html (copied there by static/index.html),
//! imported with a dynamic `import()` the first time it is needed. The file's name lives in the
//! wasm, so the first load never names (nor fetches) it; its functions are reached through the
//! module object. Used by the code editor (`editor.js`) and the terminal (`terminal.js`).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(inline_js = "export function load_module(url) { return import(url); }")]
extern "C" {
    fn load_module(url: &str) -> js_sys::Promise;
}

/// Imports `file` (a name relative to the page) and gives its module object; a failure is the
/// error's text. The browser imports a module once: later calls get the same object.
pub async fn import(file: &str) -> Result<JsValue, String> {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    let url = web_sys::Url::new_with_base(file, &base)
        .map(|u| u.href())
        .unwrap_or_else(|_| file.to_string());
    JsFuture::from(load_module(&url))
        .await
        .map_err(|e| describe(&e))
}

/// The function `name` of a module object.
pub fn function(module: &JsValue, file: &str, name: &str) -> Result<js_sys::Function, String> {
    js_sys::Reflect::get(module, &JsValue::from_str(name))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(|| format!("{file} has no {name}()"))
}

/// An exception's message.
pub fn describe(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".to_string())
}
