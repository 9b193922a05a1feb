//! What the API server stores: each object of a stream after defaulting, printed the way
//! `kubectl get -o yaml` prints it ([`defaults::to_yaml`]), line by line, with the lines that
//! defaulting added marked, so that a view can show "you wrote this, the server added that".
//!
//! [`defaults::to_yaml_annotated`] marks the first line of every added subtree with
//! `# defaulted`; [`lines`] turns that into a flag on *every* line of the subtree. The marked
//! renderings differ from the plain one only by the appended marker, so the marks are found by
//! comparing the renderings line by line (never by reading the text, which a user's string could
//! imitate); a subtree's extent follows from the indentation the renderer writes.

use crate::analyze::Analysis;
use crate::defaults;
use crate::diag::Severity;
use crate::tree::{Node, Value};

/// One printed line of a stored object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredLine {
    pub text: String,
    /// The line belongs to something the API server added (defaulting, admission).
    pub defaulted: bool,
    /// The first line of an added field or list item.
    pub first: bool,
}

/// One document of the stream as the API server would store it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredObject {
    /// 0-based position of the document in the stream.
    pub index: usize,
    pub kind: Option<String>,
    pub name: Option<String>,
    /// Empty when the document has no object to store (empty, or a YAML error before anything
    /// could be read).
    pub lines: Vec<StoredLine>,
    /// How many fields or items the server added (subtrees, not lines).
    pub added: usize,
    /// The document has errors: the API server would reject it and store nothing (the lines
    /// show what it would store once they are fixed).
    pub rejected: bool,
}

/// The stored form of every document of an analysed stream (its defaulted object). Documents
/// without one (empty ones, fragments without `kind`, kinds the playground does not model, YAML
/// that does not parse) have no lines.
pub fn stored_objects(analysis: &Analysis) -> Vec<StoredObject> {
    analysis
        .documents
        .iter()
        .filter(|d| !d.empty)
        .map(|d| {
            let lines = d.defaulted.as_ref().map(lines).unwrap_or_default();
            StoredObject {
                index: d.index,
                kind: d.kind.clone(),
                name: d.name.clone(),
                added: lines.iter().filter(|l| l.first).count(),
                lines,
                rejected: d.diagnostics.iter().any(|x| x.severity == Severity::Error),
            }
        })
        .collect()
}

/// `kubectl get -o yaml` of a (defaulted) object, with every line of an added subtree marked.
pub fn lines(obj: &Node) -> Vec<StoredLine> {
    let plain = defaults::to_yaml(obj);
    let marked = defaults::to_yaml_annotated(obj);
    let items = defaults::to_yaml_annotated(&only_items_marked(obj, 0));
    let plain: Vec<&str> = plain.lines().collect();
    let marked: Vec<&str> = marked.lines().collect();
    let items: Vec<&str> = items.lines().collect();
    let mut out: Vec<StoredLine> = plain
        .iter()
        .map(|t| StoredLine {
            text: (*t).to_string(),
            defaulted: false,
            first: false,
        })
        .collect();
    if marked.len() != plain.len() {
        // Cannot happen (the marker never adds a line); show the object unmarked rather than
        // guess.
        return out;
    }
    let mut i = 0;
    while let (Some(&p), Some(&m)) = (plain.get(i), marked.get(i)) {
        if p == m {
            i += 1;
            continue;
        }
        let is_item = items.get(i).is_some_and(|t| *t != p);
        let end = extent(&plain, i, is_item);
        for (j, line) in out.iter_mut().enumerate().take(end).skip(i) {
            line.defaulted = true;
            line.first = j == i;
        }
        i = end.max(i + 1);
    }
    out
}

/// The end (exclusive) of the subtree whose first line is `start`: an added list item (`item`)
/// spans the lines indented deeper than its dash; an added field spans the lines indented deeper
/// than its key, plus its block list, which go-yaml writes at the key's own indentation.
fn extent(lines: &[&str], start: usize, item: bool) -> usize {
    let first = lines.get(start).copied().unwrap_or("");
    let lead = leading_spaces(first);
    let (col, block_list) = if item {
        (lead, false)
    } else {
        (content_column(first), first.trim_end().ends_with(':'))
    };
    let mut end = start + 1;
    let mut j = start + 1;
    while let Some(line) = lines.get(j) {
        if line.trim().is_empty() {
            // A blank line inside a block scalar: part of the subtree if what follows is.
            j += 1;
            continue;
        }
        let l = leading_spaces(line);
        let inside = l > col
            || (block_list && l == col && line.get(l..).is_some_and(|r| r.starts_with("- ")));
        if !inside {
            break;
        }
        j += 1;
        end = j;
    }
    end
}

fn leading_spaces(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// The column of the key on a line, past any `- ` list markers before it.
fn content_column(line: &str) -> usize {
    let mut col = leading_spaces(line);
    while line.get(col..).is_some_and(|rest| rest.starts_with("- ")) {
        col += 2;
    }
    col
}

/// Deeper than any object the renderer prints (it stops at 100 levels).
const MAX_DEPTH: usize = 128;

/// A copy of `n` where only list items keep their `defaulted` mark.
fn only_items_marked(n: &Node, depth: usize) -> Node {
    let mut out = n.clone();
    out.defaulted = false;
    if depth > MAX_DEPTH {
        return out;
    }
    match (&n.value, &mut out.value) {
        (Value::Map(src), Value::Map(dst)) => {
            for (s, d) in src.iter().zip(dst.iter_mut()) {
                d.value = only_items_marked(&s.value, depth + 1);
            }
        }
        (Value::Seq(src), Value::Seq(dst)) => {
            for (s, d) in src.iter().zip(dst.iter_mut()) {
                *d = only_items_marked(s, depth + 1);
                d.defaulted = s.defaulted;
            }
        }
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::analyze;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn render(src: &str) -> String {
        let a = analyze(src);
        let objs = stored_objects(&a);
        let mut s = String::new();
        for o in objs {
            s.push_str(&format!(
                "# {} {:?} {:?} added={}\n",
                o.index, o.kind, o.name, o.added
            ));
            for l in o.lines {
                let mark = match (l.first, l.defaulted) {
                    (true, _) => "+ ",
                    (false, true) => "| ",
                    _ => "  ",
                };
                s.push_str(mark);
                s.push_str(&l.text);
                s.push('\n');
            }
        }
        s
    }

    fn line<'a>(out: &'a str, needle: &str) -> &'a str {
        out.lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle} not in\n{out}"))
    }

    #[test]
    fn added_fields_and_items_are_marked_whole() {
        let src = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n    ports:\n    - containerPort: 80\n    volumeMounts:\n    - name: data\n      mountPath: /data\n  volumes:\n  - name: data\n    emptyDir: {}\n";
        let out = render(src);
        // Written by the user: not marked.
        assert!(line(&out, "image: nginx").starts_with("  "), "{out}");
        assert!(line(&out, "containerPort: 80").starts_with("  "), "{out}");
        assert!(line(&out, "name: web").starts_with("  "), "{out}");
        // Added scalars.
        assert!(
            line(&out, "imagePullPolicy: Always").starts_with("+ "),
            "{out}"
        );
        assert!(line(&out, "protocol: TCP").starts_with("+ "), "{out}");
        assert!(
            line(&out, "restartPolicy: Always").starts_with("+ "),
            "{out}"
        );
        // An added list (tolerations) at the key's indentation: the key line starts it and
        // every item line belongs to it.
        let lines: Vec<&str> = out.lines().collect();
        let t = lines
            .iter()
            .position(|l| l.contains("tolerations:"))
            .unwrap();
        assert!(lines[t].starts_with("+ "), "{out}");
        assert!(
            lines[t + 1].starts_with("| ") && lines[t + 1].contains("- effect"),
            "{out}"
        );
        // An added list item (the service account token volume) in the user's volumeMounts
        // list: the item and its fields are marked, the user's own items are not.
        let m = lines
            .iter()
            .position(|l| l.contains("- mountPath: /var/run/secrets"))
            .unwrap();
        assert!(lines[m].starts_with("+ "), "{out}");
        assert!(
            lines[m + 1].starts_with("| ") && lines[m + 1].contains("name: kube-api-access"),
            "{out}"
        );
        assert!(
            lines[m + 2].starts_with("| ") && lines[m + 2].contains("readOnly: true"),
            "{out}"
        );
        assert!(line(&out, "- mountPath: /data").starts_with("  "), "{out}");
        assert!(line(&out, "volumeMounts:").starts_with("  "), "{out}");
        // The added volume is marked down to its last line, the user's volume is not.
        let v = lines
            .iter()
            .position(|l| l.contains("- name: kube-api-access"))
            .unwrap();
        assert!(lines[v].starts_with("+ "), "{out}");
        assert!(line(&out, "- emptyDir: {}").starts_with("  "), "{out}");
        assert!(line(&out, "path: namespace").starts_with("| "), "{out}");
        assert!(line(&out, "status:").starts_with("+ "), "{out}");
        // The user's fields after an added block are not swallowed by it.
        assert!(line(&out, "kind: Pod").starts_with("  "), "{out}");
    }

    #[test]
    fn every_marked_line_is_exactly_the_plain_rendering() {
        let src = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n    livenessProbe:\n      httpGet:\n        port: 80\n";
        let a = analyze(src);
        let obj = defaults::default_object(a.documents[0].object.as_ref().unwrap());
        let plain = defaults::to_yaml(&obj);
        let ls = lines(&obj);
        let joined: Vec<&str> = ls.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(joined, plain.lines().collect::<Vec<_>>());
        // The probe the user wrote is not marked; its added parameters are.
        let out = render(src);
        assert!(line(&out, "livenessProbe:").starts_with("  "), "{out}");
        assert!(line(&out, "failureThreshold: 3").starts_with("+ "), "{out}");
        assert!(line(&out, "scheme: HTTP").starts_with("+ "), "{out}");
        assert!(
            line(&out, "imagePullPolicy: IfNotPresent").starts_with("+ "),
            "{out}"
        );
    }

    #[test]
    fn a_user_string_that_looks_like_the_marker_is_not_marked() {
        let src = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: |\n    x  # defaulted\n\n    y\n";
        let out = render(src);
        assert!(line(&out, "x  # defaulted").starts_with("  "), "{out}");
        assert!(line(&out, "namespace: default").starts_with("+ "), "{out}");
    }

    #[test]
    fn documents_without_an_object_have_no_lines() {
        let out = render("spec:\n  nodeSelector:\n    disktype: ssd\n---\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  k: v\n");
        assert!(
            out.starts_with("# 0 None None added=0\n# 1 Some(\"Secret\")"),
            "{out}"
        );
        assert!(line(&out, "type: Opaque").starts_with("+ "), "{out}");
    }
}
