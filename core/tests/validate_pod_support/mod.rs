//! Shared by the pod and other-kind validation tests: read a manifest the way the pipeline does
//! (YAML → strict decoding → defaulting) and run the kind's validator.
#![allow(dead_code)]

use podplay_core::decode::decode;
use podplay_core::defaults::default_object;
use podplay_core::diag::Diagnostic;
use podplay_core::span::LineIndex;
use podplay_core::tree::Node;
use podplay_core::validate;
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
pub fn render(src: &str) -> String {
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
