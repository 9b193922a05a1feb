//! Files and the clipboard: downloading the text as a file, reading a file the user picked, and
//! copying a share link. Every failure is a value, never a panic.

use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, File, HtmlAnchorElement, Url};

use podplay_core::share::{self, Refusal};

/// Offers `text` as a download named `name` (a Blob behind an object URL, clicked through a
/// temporary link). False when the browser refused.
pub fn download(name: &str, text: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let parts = Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type("application/yaml");
    let Ok(blob) = Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return false;
    };
    let Ok(url) = Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let Some(a) = document
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<HtmlAnchorElement>().ok())
    else {
        let _ = Url::revoke_object_url(&url);
        return false;
    };
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // The download has started from the click; the URL can go once the event loop turns.
    gloo::timers::callback::Timeout::new(1_000, move || {
        let _ = Url::revoke_object_url(&url);
    })
    .forget();
    true
}

/// The text of a file the user picked: a `.yaml`, `.yml` or `.json` file of at most
/// [`share::MAX_TEXT_BYTES`], valid UTF-8 without NUL bytes. The size is checked before
/// anything is read.
pub async fn read_text(file: &File) -> Result<String, Refusal> {
    if !share::accepted_file_name(&file.name()) {
        return Err(Refusal::WrongType);
    }
    if file.size() > share::MAX_TEXT_BYTES as f64 {
        return Err(Refusal::TooLarge);
    }
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| Refusal::Unsupported)?;
    let bytes = Uint8Array::new(&buffer).to_vec();
    share::text_from_bytes(bytes)
}

#[wasm_bindgen]
extern "C" {
    type Clipboard;
    #[wasm_bindgen(method, js_name = writeText)]
    fn write_text(this: &Clipboard, text: &str) -> js_sys::Promise;
}

/// Copies `text` to the clipboard. False where the browser does not allow it (no clipboard
/// API, an insecure page, permission refused).
pub async fn copy(text: &str) -> bool {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return false;
    };
    let clipboard =
        Reflect::get(&navigator, &JsValue::from_str("clipboard")).unwrap_or(JsValue::UNDEFINED);
    if clipboard.is_undefined() || clipboard.is_null() {
        return false;
    }
    let clipboard: Clipboard = clipboard.unchecked_into();
    JsFuture::from(clipboard.write_text(text)).await.is_ok()
}
