//! Shared by the validation tests: read a manifest the way the pipeline does (YAML → strict
//! decoding → defaulting), run the kind's validator (or only the container rules of
//! `ValidatePodSpec` / `ValidatePodCreate`, in Go's order, with a `PodContext` built the way `pod`
//! builds it), render the diagnostics, and check the quick fixes.
#![allow(dead_code)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failing test

use podplay_core::vecmap::VecMap;

use podplay_core::decode::decode;
use podplay_core::defaults::default_object;
use podplay_core::diag::{Diagnostic, FieldPath};
use podplay_core::span::LineIndex;
use podplay_core::tree::Node;
use podplay_core::validate::{
    self,
    container::{self, PodContext},
    names,
};
use podplay_core::yaml::parse_stream;

/// The defaulted objects of a stream (decoded when the kind is modelled, else the raw tree).
pub fn defaulted_objects(src: &str) -> Vec<Node> {
    parse_stream(src)
        .into_iter()
        .filter_map(|d| d.root)
        .map(|root| {
            let obj = decode(&root).object.unwrap_or(root);
            default_object(&obj)
        })
        .collect()
}

/// The container diagnostics of a defaulted Pod, in the order the API server reports them.
pub fn container_diagnostics(pod: &Node) -> Vec<Diagnostic> {
    let mut errs = Vec::new();
    let empty = Node::new(podplay_core::tree::Value::Map(vec![]), pod.span);
    let spec = pod.get("spec").unwrap_or(&empty);
    // ValidateVolumes keeps only the volumes that validate; here: a unique DNS-label name.
    let mut volumes: VecMap<&str, &Node> = VecMap::new();
    for v in spec.seq("volumes") {
        if let Some(n) = v.str("name") {
            if names::is_dns1123_label(n).is_empty() && !volumes.contains_key(n) {
                volumes.insert(n, v);
            }
        }
    }
    let ctx = PodContext {
        pod,
        volumes,
        restart_policy: spec.str("restartPolicy").unwrap_or(""),
        host_network: spec.get("hostNetwork").and_then(Node::as_bool) == Some(true),
        share_process_namespace: spec.get("shareProcessNamespace").and_then(Node::as_bool)
            == Some(true),
        os_windows: spec.path("os.name").and_then(Node::as_str) == Some("windows"),
    };
    let sp = FieldPath::root("spec");
    let containers = spec.seq("containers");
    let inits = spec.seq("initContainers");
    container::validate_containers(containers, &sp.child("containers"), &ctx, &mut errs);
    let names: Vec<&str> = containers
        .iter()
        .map(|c| c.str("name").unwrap_or(""))
        .collect();
    container::validate_init_containers(
        inits,
        &names,
        &sp.child("initContainers"),
        &ctx,
        &mut errs,
    );
    container::validate_ephemeral_containers(
        spec.seq("ephemeralContainers"),
        containers,
        inits,
        &sp.child("ephemeralContainers"),
        &ctx,
        &mut errs,
    );
    container::validate_pod_host_network_deps(spec, &sp, &mut errs);
    container::validate_containers_only_for_pod(containers, &sp.child("containers"), &mut errs);
    container::validate_containers_only_for_pod(inits, &sp.child("initContainers"), &mut errs);
    container::validate_ephemeral_containers_on_create(spec, &sp, &mut errs);
    errs
}

/// The validator of the object's kind (None for kinds we do not validate).
pub fn validate_object(obj: &Node) -> Option<Vec<Diagnostic>> {
    Some(match obj.str("kind")? {
        "Pod" => validate::validate_pod(obj),
        "Service" => validate::validate_service(obj),
        "ConfigMap" => validate::validate_config_map(obj),
        "Secret" => validate::validate_secret(obj),
        "Node" => validate::validate_node(obj),
        _ => return None,
    })
}

/// Every diagnostic of every object of the stream.
pub fn diagnostics(src: &str) -> Vec<Diagnostic> {
    defaulted_objects(src)
        .iter()
        .filter_map(validate_object)
        .flatten()
        .collect()
}

/// `L:C-L:C field: body`, then `    help: <explanation>` and `    fix: <replacement>`.
pub fn render_diagnostics(src: &str, diags: &[Diagnostic]) -> String {
    let idx = LineIndex::new(src);
    let mut out = String::new();
    for d in diags {
        let a = idx.line_col(src, d.span.start);
        let b = idx.line_col(src, d.span.end);
        out.push_str(&format!(
            "{}:{}-{}:{} {}\n",
            a.line,
            a.column,
            b.line,
            b.column,
            d.field_error()
        ));
        out.push_str(&format!("    help: {}\n", d.explanation.en));
        if let Some(r) = &d.replacement {
            out.push_str(&format!("    fix: {:?}\n", r.text));
        }
    }
    out
}

/// Every object of the stream: `# Kind name` and its diagnostics (or `(valid)`).
pub fn render_objects(src: &str) -> String {
    let mut out = String::new();
    for obj in defaulted_objects(src) {
        let Some(diags) = validate_object(&obj) else {
            continue;
        };
        out.push_str(&format!(
            "# {} {}\n",
            obj.str("kind").unwrap_or(""),
            obj.path("metadata.name")
                .and_then(Node::as_str)
                .unwrap_or("")
        ));
        if diags.is_empty() {
            out.push_str("(valid)\n");
        }
        out.push_str(&render_diagnostics(src, &diags));
    }
    out
}

/// Every Pod of the stream: its container diagnostics, rendered.
pub fn render_containers(src: &str) -> String {
    let mut out = String::new();
    for obj in defaulted_objects(src) {
        if obj.str("kind") != Some("Pod") {
            continue;
        }
        let diags = container_diagnostics(&obj);
        if diags.is_empty() {
            out.push_str("(no container errors)\n");
        }
        out.push_str(&render_diagnostics(src, &diags));
    }
    out
}

/// Applies every quick fix that `diagnostics` offers for each input and checks that the same
/// diagnostic (`same`) is gone afterwards; returns how many fixes were checked.
pub fn check_quick_fixes<'a>(
    inputs: impl Iterator<Item = (&'a str, &'a str)>,
    diagnostics: impl Fn(&str) -> Vec<Diagnostic>,
    same: impl Fn(&Diagnostic, &Diagnostic) -> bool,
) -> usize {
    let mut checked = 0;
    for (name, input) in inputs {
        for d in diagnostics(input) {
            let Some(r) = &d.replacement else { continue };
            let mut fixed = input.to_string();
            fixed.replace_range(r.span.range(), &r.text);
            let after: Vec<String> = diagnostics(&fixed)
                .iter()
                .filter(|x| same(x, &d))
                .map(|x| x.field_error())
                .collect();
            assert!(
                after.is_empty(),
                "{name}: fix {:?} for `{}` left {after:?}",
                r.text,
                d.field_error()
            );
            checked += 1;
        }
    }
    checked
}
