//! `SetDefaults_Volume` and the defaults of every volume source.

use super::container::image_volume_pull_policy;
use super::*;

pub(super) fn set_defaults_volume(v: &mut Node) {
    if v.as_map().is_none() {
        return;
    }
    let near = v.span;
    // SetDefaults_Volume: a volume with no source is an emptyDir.
    let has_source = v
        .as_map()
        .is_some_and(|m| m.iter().any(|e| e.key != "name" && !e.value.is_null()));
    if !has_source {
        put(v, "emptyDir", d(Value::Map(vec![]), near));
    }
    if let Some(img) = v.get_mut("image").filter(|i| i.as_map().is_some()) {
        // ImageVolume: pullPolicy Always for `:latest` (or no tag), IfNotPresent otherwise.
        let policy = image_volume_pull_policy(img.str("reference").unwrap_or(""));
        default_str(img, "pullPolicy", policy);
    }
    if let Some(hp) = v.get_mut("hostPath").filter(|h| h.as_map().is_some()) {
        // HostPathUnset is the empty string, and the pointer is set: it prints as `type: ""`.
        default_ptr(hp, "type", Value::str(""));
    }
    for src in ["secret", "configMap", "downwardAPI", "projected"] {
        if let Some(s) = v.get_mut(src).filter(|s| s.as_map().is_some()) {
            // SecretVolumeSourceDefaultMode etc. are all 0644.
            default_ptr(s, "defaultMode", Value::Int(0o644));
        }
    }
    if let Some(d) = v.get_mut("downwardAPI") {
        set_defaults_downward_api_items(d);
    }
    if let Some(sources) = v
        .get_mut("projected")
        .and_then(|p| p.get_mut("sources"))
        .and_then(Node::as_seq_mut)
    {
        for s in sources.iter_mut() {
            if let Some(d) = s.get_mut("downwardAPI") {
                set_defaults_downward_api_items(d);
            }
            if let Some(t) = s
                .get_mut("serviceAccountToken")
                .filter(|t| t.as_map().is_some())
            {
                default_ptr(t, "expirationSeconds", Value::Int(3600));
            }
        }
    }
    if let Some(spec) = v
        .get_mut("ephemeral")
        .and_then(|e| e.get_mut("volumeClaimTemplate"))
        .and_then(|t| t.get_mut("spec"))
        .filter(|s| s.as_map().is_some())
    {
        // SetDefaults_PersistentVolumeClaimSpec.
        default_ptr(spec, "volumeMode", Value::str("Filesystem"));
    }
}

/// A downwardAPI volume's (or projection's) items: `fieldRef.apiVersion: v1`
/// (`SetDefaults_ObjectFieldSelector`).
fn set_defaults_downward_api_items(downward: &mut Node) {
    let Some(items) = downward.get_mut("items").and_then(Node::as_seq_mut) else {
        return;
    };
    for it in items.iter_mut() {
        if let Some(fr) = it.get_mut("fieldRef").filter(|f| f.as_map().is_some()) {
            default_str(fr, "apiVersion", "v1");
        }
    }
}
