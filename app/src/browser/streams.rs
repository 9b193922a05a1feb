//! The browser's `CompressionStream` (format `deflate-raw`), to make share links. web-sys marks
//! the binding unstable (it needs a crate-wide `--cfg`), so the constructor is declared here; the
//! streams themselves are web-sys's stable types. Opening a link needs no browser API: core
//! decodes and inflates it (`podplay_core::share::open_payload`).

use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableStream, ReadableStreamDefaultReader, WritableStream};

use podplay_core::share::{self, Refusal};

#[wasm_bindgen]
extern "C" {
    type CompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &CompressionStream) -> ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &CompressionStream) -> WritableStream;
}

/// Why a stream did not give its whole output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StreamError {
    /// The browser has no such stream.
    Unsupported,
    /// The input is not valid compressed data (damaged or cut short).
    Corrupt,
}

/// `deflate-raw` compression of `bytes`.
pub async fn deflate(bytes: &[u8]) -> Result<Vec<u8>, StreamError> {
    let s = CompressionStream::new("deflate-raw").map_err(|_| StreamError::Unsupported)?;
    pump(bytes, &s.writable(), &s.readable()).await
}

/// Writes `input` into a transform stream and reads its output, without waiting for the write
/// (a transform stream only accepts more once its output is read).
async fn pump(
    input: &[u8],
    writable: &WritableStream,
    readable: &ReadableStream,
) -> Result<Vec<u8>, StreamError> {
    let writer = writable
        .get_writer()
        .map_err(|_| StreamError::Unsupported)?;
    let chunk = Uint8Array::from(input);
    let written = writer.write_with_chunk(&chunk);
    let closed = writer.close();
    // Their failures are the read side's failures too; observe them so the browser does not
    // report unhandled rejections.
    yew::platform::spawn_local(async move {
        let _ = JsFuture::from(written).await;
        let _ = JsFuture::from(closed).await;
    });
    let reader: ReadableStreamDefaultReader = readable
        .get_reader()
        .dyn_into()
        .map_err(|_| StreamError::Unsupported)?;
    let mut out = Vec::new();
    loop {
        let result = JsFuture::from(reader.read())
            .await
            .map_err(|_| StreamError::Corrupt)?;
        let done = Reflect::get(&result, &JsValue::from_str("done"))
            .map(|d| d.is_truthy())
            .unwrap_or(true);
        if done {
            return Ok(out);
        }
        let value = Reflect::get(&result, &JsValue::from_str("value")).unwrap_or(JsValue::NULL);
        let Some(bytes) = value.dyn_ref::<Uint8Array>() else {
            return Err(StreamError::Corrupt);
        };
        let len = bytes.length() as usize;
        let start = out.len();
        out.resize(start + len, 0);
        if let Some(dst) = out.get_mut(start..) {
            bytes.copy_to(dst);
        }
    }
}

fn refusal(e: StreamError) -> Refusal {
    match e {
        StreamError::Unsupported => Refusal::Unsupported,
        StreamError::Corrupt => Refusal::Corrupt,
    }
}

/// The URL fragment (`#s=…`) that carries `text`.
pub async fn link_fragment(text: &str) -> Result<String, Refusal> {
    let compressed = deflate(text.as_bytes()).await.map_err(refusal)?;
    Ok(share::fragment_for(&compressed))
}
