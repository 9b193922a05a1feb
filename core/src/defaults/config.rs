//! Secret and ConfigMap defaulting.

use super::*;

/// `SetDefaults_Secret` (`type: Opaque`) and the v1 conversion, which merges `stringData` into
/// `data` (base64-encoded, a `stringData` key winning over the same `data` key) and drops
/// `stringData`: the stored Secret never has it.
pub fn default_secret(secret: &Node) -> Node {
    let mut out = secret.clone();
    if out.as_map().is_none() {
        return out;
    }
    namespace_default(&mut out);
    default_str(&mut out, "type", "Opaque");
    let string_data: Vec<Entry> = out.map("stringData").to_vec();
    let string_data_span = out.get("stringData").map(|n| n.span);
    if out.entry("stringData").is_some() {
        if let Some(m) = out.as_map_mut() {
            m.retain(|e| e.key != "stringData");
        }
    }
    if !string_data.is_empty() {
        let near = string_data_span.unwrap_or(out.span);
        ensure_map(&mut out, "data", near);
        if let Some(data) = out.get_mut("data").and_then(Node::as_map_mut) {
            // Each merged entry keeps the spans of the stringData line it came from, so that
            // problems with it point there.
            for e in string_data {
                if let Some(v) = e.value.as_str() {
                    let value = dstr(&crate::base64::encode(v.as_bytes()), e.value.span);
                    match data.iter_mut().find(|x| x.key == e.key) {
                        Some(x) => {
                            x.value = value;
                            x.key_span = e.key_span;
                        }
                        None => data.push(Entry {
                            key: e.key.clone(),
                            key_span: e.key_span,
                            value,
                        }),
                    }
                }
            }
        }
    }
    out
}

/// `SetDefaults_ConfigMap` only makes `data` a non-nil empty map, which prints as nothing; the
/// namespace is the only visible addition.
pub fn default_config_map(cm: &Node) -> Node {
    let mut out = cm.clone();
    if out.as_map().is_some() {
        namespace_default(&mut out);
    }
    out
}
