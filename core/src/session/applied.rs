//! The annotation `kubectl.kubernetes.io/last-applied-configuration`: the one home of what was
//! last applied to an object. Client-side `kubectl apply` (and `create --save-config`) writes it;
//! apply's three-way merge reads "last applied" from it (kubectl's patcher.go
//! `util.GetOriginalConfiguration`).
//!
//! Its text is what staging/src/k8s.io/kubectl/pkg/util/apply.go `GetModifiedConfiguration`
//! encodes: the object as kubectl read it (YAML converted to JSON, nothing defaulted), with its
//! other annotations kept and the last-applied one taken out (an object without annotations gets
//! an empty `annotations` map: `SetAnnotations` of a non-nil empty map), `metadata.namespace` set
//! by the resource builder's `SetNamespace` visitor, encoded by unstructured's JSON scheme
//! (`json.NewEncoder(w).Encode`: keys sorted, `<`, `>`, `&` escaped, a trailing newline).

use crate::tree::{Entry, Node, Value};

/// `corev1.LastAppliedConfigAnnotation`.
pub(crate) const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// apply.go's `warningNoLastAppliedConfigAnnotation`, printed to stderr when apply patches an
/// object that has no annotation (`info.ObjectName()` is `pods/x`).
pub(super) fn missing_warning(plural: &str, name: &str) -> String {
    format!(
        "Warning: resource {plural}/{name} is missing the {LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n"
    )
}

/// The configuration kubectl records for `root` (the document as read), keys sorted, and its
/// text (the annotation's value).
pub(super) fn configuration(root: &Node) -> (Node, String) {
    let mut c = root.clone();
    let span = c.span;
    if let Some(meta) = c.get_mut("metadata") {
        if meta.str("namespace").is_none_or(str::is_empty) {
            meta.set("namespace", Node::new(Value::str("default"), span));
        }
        let mut annotations: Vec<Entry> = meta.map("annotations").to_vec();
        annotations.retain(|e| e.key != LAST_APPLIED);
        meta.set("annotations", Node::new(Value::Map(annotations), span));
    }
    let c = sorted(&c);
    let mut text = super::jsonpath::to_json(&c, None);
    text.push('\n');
    (c, text)
}

/// `n` with every map's keys sorted (what a configuration read back from JSON looks like).
fn sorted(n: &Node) -> Node {
    let value = match &n.value {
        Value::Map(entries) => {
            let mut entries: Vec<Entry> = entries
                .iter()
                .map(|e| Entry { key: e.key.clone(), key_span: e.key_span, value: sorted(&e.value) })
                .collect();
            crate::sort::sort_by(&mut entries, |a, b| a.key.cmp(&b.key));
            Value::Map(entries)
        }
        Value::Seq(items) => Value::Seq(items.iter().map(sorted).collect()),
        v => v.clone(),
    };
    Node { value, span: n.span, defaulted: n.defaulted }
}

/// The last applied configuration recorded in `annotations` (None when there is none, or when
/// its text is not JSON kubectl could read).
pub(super) fn last_applied(annotations: &[(String, String)]) -> Option<Node> {
    let text = annotations.iter().find(|(k, _)| k == LAST_APPLIED).map(|(_, v)| v)?;
    let docs = crate::yaml::parse_stream(text);
    let doc = docs.into_iter().next()?;
    if !doc.errors.is_empty() {
        return None;
    }
    doc.root.map(|r| sorted(&r))
}

/// `annotations` with the last applied configuration set to `text`, sorted by key (the order
/// the API server's JSON gives a map).
pub(super) fn with_last_applied(annotations: &[(String, String)], text: &str) -> Vec<(String, String)> {
    let mut list: Vec<(String, String)> = annotations.iter().filter(|(k, _)| k != LAST_APPLIED).cloned().collect();
    list.push((LAST_APPLIED.to_string(), text.to_string()));
    crate::sort::sort_by(&mut list, |a, b| a.0.cmp(&b.0));
    list
}

/// `tree` (an object the API server stores) with the annotation set to `text`.
pub(super) fn annotate(tree: &Node, text: &str) -> Node {
    let now = super::kubectl::meta_map(tree, "annotations");
    let mut t = tree.clone();
    let span = t.span;
    if let Some(meta) = t.get_mut("metadata") {
        let entries = with_last_applied(&now, text)
            .into_iter()
            .map(|(key, v)| Entry { key, key_span: span, value: Node::new(Value::Str(v), span) })
            .collect();
        meta.set("annotations", Node::new(Value::Map(entries), span));
    }
    t
}

/// What the user wrote of a stored object: `tree` without the nodes defaulting added (the
/// "current" side of apply's merge for an object with no last applied configuration).
pub(super) fn written(tree: &Node) -> Node {
    let value = match &tree.value {
        Value::Map(entries) => Value::Map(
            entries
                .iter()
                .filter(|e| !e.value.defaulted)
                .map(|e| Entry { key: e.key.clone(), key_span: e.key_span, value: written(&e.value) })
                .collect(),
        ),
        Value::Seq(items) => Value::Seq(items.iter().filter(|i| !i.defaulted).map(written).collect()),
        v => v.clone(),
    };
    sorted(&Node { value, span: tree.span, defaulted: false })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn the_configuration_is_kubectls_json_and_reads_back() {
        let root = crate::yaml::parse_stream("kind: Pod\napiVersion: v1\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: c\n    image: \"a<b\"\n    ports:\n    - containerPort: 80\n")
            .remove(0)
            .root
            .unwrap();
        let (node, text) = configuration(&root);
        assert_eq!(
            text,
            "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"annotations\":{},\"name\":\"x\",\"namespace\":\"default\"},\"spec\":{\"containers\":[{\"image\":\"a\\u003cb\",\"name\":\"c\",\"ports\":[{\"containerPort\":80}]}]}}\n"
        );
        let back = last_applied(&[(LAST_APPLIED.to_string(), text.clone())]).unwrap();
        assert_eq!(crate::yaml::emit::to_yaml(&back), crate::yaml::emit::to_yaml(&node));
        assert!(last_applied(&[(LAST_APPLIED.to_string(), "{".into())]).is_none());
    }
}
