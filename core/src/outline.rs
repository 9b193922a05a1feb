//! The schema of a kind as a browsable outline (the explain panel's tree): which rows are visible
//! given the expanded paths, each with what `kubectl explain` prints on its `FIELDS:` line
//! (name, `<type>`, `-required-`, enum values), and a search over field names.
//!
//! Paths are the field names joined with `.` below the kind (`spec.containers.image`), as
//! `kubectl explain pod.spec.containers.image` takes them (without the resource).

use std::collections::BTreeSet;

use crate::explain;
use crate::schema::{self, Field, Kind, Shape, TypeId};

/// Deeper than any path a learner follows; also bounds recursive types.
pub const MAX_DEPTH: usize = 16;
/// How many rows a filtered outline shows at most.
pub const MAX_MATCHES: usize = 200;
/// How many schema fields a search visits at most.
const SEARCH_BUDGET: usize = 50_000;

/// One visible row of the outline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// `spec.containers.image`.
    pub path: String,
    pub name: &'static str,
    /// 1 for the kind's top-level fields.
    pub depth: usize,
    /// As `kubectl explain` prints it: `<[]Container>`.
    pub type_name: String,
    pub required: bool,
    /// The `+enum` values, when the field has such a type.
    pub enum_values: &'static [&'static str],
    /// The field leads to an object with fields (possibly through a list or map).
    pub expandable: bool,
    pub expanded: bool,
    /// 1-based position among its siblings, and how many siblings (for `aria-posinset`/`setsize`).
    pub pos: usize,
    pub siblings: usize,
    /// The name matches the filter (when there is one).
    pub matched: bool,
}

impl Row {
    /// The parent's path, `None` for a top-level field.
    pub fn parent(&self) -> Option<&str> {
        self.path.rsplit_once('.').map(|(p, _)| p)
    }
}

/// The object type whose fields a type shows (through arrays and maps), if any.
pub fn object_of(t: TypeId) -> Option<TypeId> {
    let mut cur = t;
    for _ in 0..8 {
        match schema::def(cur).shape {
            Shape::Object(fields) if !fields.is_empty() => return Some(cur),
            Shape::Array(inner) | Shape::Map(inner) => cur = inner,
            _ => return None,
        }
    }
    None
}

/// The field at `path` below `kind`, with the object type that owns it.
pub fn field_at(kind: Kind, path: &str) -> Option<(TypeId, &'static Field)> {
    let mut owner = schema::root(kind);
    let mut found = None;
    for (i, name) in path.split('.').enumerate() {
        if i >= MAX_DEPTH {
            return None;
        }
        if i > 0 {
            owner = object_of(found.map(|(_, f): (TypeId, &Field)| f.ty)?)?;
        }
        found = Some((owner, schema::field(owner, name)?));
    }
    found
}

/// The full description of the field at `path` (its own text, the enum paragraph, then the
/// description of its type), as `kubectl explain` prints it before wrapping.
pub fn description(kind: Kind, path: &str) -> Option<String> {
    let (owner, f) = field_at(kind, path)?;
    Some(explain::field_description(owner, f))
}

/// The argument to give `kubectl explain` for `path`: `pod.spec.restartPolicy`.
pub fn explain_path(kind: Kind, path: &str) -> String {
    let resource = kind.resource_names().get(1).copied().unwrap_or("pod");
    if path.is_empty() {
        resource.to_string()
    } else {
        format!("{resource}.{path}")
    }
}

/// The rows shown for `kind` with the paths in `expanded` open. With a non-empty `filter`, only
/// the fields whose name contains it (ASCII case-insensitive) are shown, with their ancestors,
/// all open; `expanded` is then ignored.
pub fn rows(kind: Kind, expanded: &BTreeSet<String>, filter: &str) -> Vec<Row> {
    let filter = filter.trim().to_ascii_lowercase();
    let mut out = Vec::new();
    if filter.is_empty() {
        walk(
            schema::root(kind),
            "",
            1,
            &mut |_, _| Visit::Open(false),
            expanded,
            &mut out,
        );
        return out;
    }
    let (shown, matched) = search(kind, &filter);
    walk(
        schema::root(kind),
        "",
        1,
        &mut |path, _| {
            if !shown.contains(path) {
                Visit::Skip
            } else {
                Visit::Open(matched.contains(path))
            }
        },
        &shown,
        &mut out,
    );
    out
}

enum Visit {
    Skip,
    /// Show the row; the flag says it matched the filter.
    Open(bool),
}

fn walk(
    obj: TypeId,
    prefix: &str,
    depth: usize,
    visit: &mut dyn FnMut(&str, &Field) -> Visit,
    open: &BTreeSet<String>,
    out: &mut Vec<Row>,
) {
    if depth > MAX_DEPTH {
        return;
    }
    let owner_name = schema::def(obj).name;
    let fields = schema::fields(obj);
    let mut shown: Vec<(String, &'static Field, bool)> = Vec::new();
    for f in fields {
        let path = join(prefix, f.name);
        if let Visit::Open(matched) = visit(&path, f) {
            shown.push((path, f, matched));
        }
    }
    let n = shown.len();
    for (i, (path, f, matched)) in shown.into_iter().enumerate() {
        let child = object_of(f.ty).filter(|_| depth < MAX_DEPTH);
        let expanded = child.is_some() && open.contains(&path);
        out.push(Row {
            path: path.clone(),
            name: f.name,
            depth,
            type_name: format!("<{}>", schema::type_guess(f.ty)),
            required: f.required,
            enum_values: schema::enum_values(owner_name, f.name).unwrap_or(&[]),
            expandable: child.is_some(),
            expanded,
            pos: i + 1,
            siblings: n,
            matched,
        });
        if let (true, Some(child)) = (expanded, child) {
            walk(child, &path, depth + 1, visit, open, out);
        }
    }
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}.{name}")
    }
}

/// The paths to show for a filter (matches and their ancestors) and the matches themselves.
/// Breadth-first, so the shallowest matches come first when the cap is reached; a type already on
/// the current path is not entered again (the schema has recursive types).
fn search(kind: Kind, filter: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut shown = BTreeSet::new();
    let mut matched = BTreeSet::new();
    let mut queue: std::collections::VecDeque<(TypeId, String, Vec<TypeId>)> =
        std::collections::VecDeque::new();
    let root = schema::root(kind);
    queue.push_back((root, String::new(), vec![root]));
    let mut budget = SEARCH_BUDGET;
    while let Some((obj, prefix, stack)) = queue.pop_front() {
        for f in schema::fields(obj) {
            if budget == 0 || matched.len() >= MAX_MATCHES {
                return (shown, matched);
            }
            budget -= 1;
            let path = join(&prefix, f.name);
            if f.name.to_ascii_lowercase().contains(filter) {
                let mut p = path.as_str();
                shown.insert(p.to_string());
                while let Some((parent, _)) = p.rsplit_once('.') {
                    shown.insert(parent.to_string());
                    p = parent;
                }
                matched.insert(path.clone());
            }
            if let Some(child) = object_of(f.ty) {
                if stack.len() < MAX_DEPTH && !stack.contains(&child) {
                    let mut s = stack.clone();
                    s.push(child);
                    queue.push_back((child, path, s));
                }
            }
        }
    }
    (shown, matched)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn open(paths: &[&str]) -> BTreeSet<String> {
        paths.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn top_level_rows_are_the_kinds_fields() {
        let rows = rows(Kind::Pod, &BTreeSet::new(), "");
        let names: Vec<&str> = rows.iter().map(|r| r.name).collect();
        assert_eq!(names, ["apiVersion", "kind", "metadata", "spec", "status"]);
        let spec = &rows[3];
        assert_eq!(spec.type_name, "<PodSpec>");
        assert!(spec.expandable && !spec.expanded);
        assert_eq!((spec.pos, spec.siblings, spec.depth), (4, 5, 1));
        assert!(!rows[0].expandable);
        assert_eq!(rows[0].type_name, "<string>");
    }

    #[test]
    fn expanded_paths_show_children_with_enums_and_required() {
        let rows = rows(Kind::Pod, &open(&["spec", "spec.containers"]), "");
        let rp = rows
            .iter()
            .find(|r| r.path == "spec.restartPolicy")
            .unwrap();
        assert_eq!(rp.enum_values, ["Always", "Never", "OnFailure"]);
        assert_eq!(rp.depth, 2);
        assert_eq!(rp.parent(), Some("spec"));
        let containers = rows.iter().find(|r| r.path == "spec.containers").unwrap();
        assert!(containers.required && containers.expanded);
        assert_eq!(containers.type_name, "<[]Container>");
        let name = rows
            .iter()
            .find(|r| r.path == "spec.containers.name")
            .unwrap();
        assert!(name.required);
        assert_eq!(name.depth, 3);
        let ipp = rows
            .iter()
            .find(|r| r.path == "spec.containers.imagePullPolicy")
            .unwrap();
        assert_eq!(ipp.enum_values, ["Always", "IfNotPresent", "Never"]);
        // Children follow their parent directly.
        let i = rows
            .iter()
            .position(|r| r.path == "spec.containers")
            .unwrap();
        assert_eq!(rows[i + 1].path, "spec.containers.args");
        // An opened path whose parent is closed shows nothing.
        let r2 = super::rows(Kind::Pod, &open(&["spec.containers"]), "");
        assert_eq!(r2.len(), 5);
    }

    #[test]
    fn filter_shows_matches_with_their_ancestors() {
        let rows = rows(Kind::Pod, &BTreeSet::new(), "restartpolicy");
        let paths: Vec<&str> = rows.iter().map(|r| r.path.as_str()).collect();
        assert!(paths.contains(&"spec"));
        assert!(paths.contains(&"spec.restartPolicy"));
        assert!(paths.contains(&"spec.initContainers.restartPolicy"));
        assert!(rows
            .iter()
            .filter(|r| r.matched)
            .all(|r| r.name.to_ascii_lowercase().contains("restartpolicy")));
        assert!(!rows.iter().find(|r| r.path == "spec").unwrap().matched);
        assert!(rows.iter().find(|r| r.path == "spec").unwrap().expanded);
        // Nothing matches: nothing shown.
        assert!(super::rows(Kind::Pod, &BTreeSet::new(), "zzzz").is_empty());
        // A very common substring is capped, and stays quick.
        let many = super::rows(Kind::Pod, &BTreeSet::new(), "e");
        assert!(many.iter().filter(|r| r.matched).count() <= MAX_MATCHES);
    }

    #[test]
    fn descriptions_and_explain_paths() {
        let d = description(Kind::Pod, "spec.restartPolicy").unwrap();
        assert!(
            d.contains("Restart policy for all containers within the pod"),
            "{d}"
        );
        assert!(d.contains("Possible enum values:"), "{d}");
        assert_eq!(
            explain_path(Kind::Pod, "spec.restartPolicy"),
            "pod.spec.restartPolicy"
        );
        assert_eq!(explain_path(Kind::Service, ""), "service");
        assert!(explain::explain(&explain_path(Kind::Pod, "spec.restartPolicy"), false).is_ok());
        assert!(description(Kind::Pod, "spec.nope").is_none());
        assert!(description(Kind::Pod, "spec.restartPolicy.more").is_none());
        assert!(field_at(Kind::Service, "spec.ports.protocol").is_some());
    }
}
