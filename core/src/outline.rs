//! The schema of a kind as a browsable outline (the explain panel's tree): which rows are visible
//! given the expanded paths, each with what `kubectl explain` prints on its `FIELDS:` line
//! (name, `<type>`, `-required-`, enum values), and a search over field names that ranks exact
//! and shallow matches first.
//!
//! Paths are the field names joined with `.` below the kind (`spec.containers.image`), as
//! `kubectl explain pod.spec.containers.image` takes them (without the resource).

use crate::vecmap::{VecMap, VecSet};

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

/// How well a field's name matches a filter: lower is better. A name equal to the filter beats
/// one that starts with it, which beats one that only contains it, and each level of depth
/// counts as much as one step of that: `spec.restartPolicy` (exact, depth 2) comes before
/// `spec.containers.restartPolicy` (exact, depth 3) and `spec.containers.resizePolicy.restartPolicy`
/// (depth 4); for `port`, `spec.containers.ports` (a prefix, depth 3) before
/// `spec.containers.livenessProbe.grpc.port` (exact, depth 5). Ties keep the schema's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rank {
    score: usize,
    class: u8,
    /// The order in which the search found it (breadth-first, then the schema's order).
    found: usize,
}

fn rank(name: &str, filter: &str, depth: usize, found: usize) -> Option<Rank> {
    let name = name.to_ascii_lowercase();
    let class = if name == filter {
        0
    } else if name.starts_with(filter) {
        1
    } else if name.contains(filter) {
        2
    } else {
        return None;
    };
    Some(Rank {
        score: depth + usize::from(class),
        class,
        found,
    })
}

/// The rows shown for `kind` with the paths in `expanded` open. With a non-empty `filter`, only
/// the fields whose name contains it (ASCII case-insensitive) are shown, with their ancestors,
/// all open, and siblings ordered by the best [`Rank`] found in or below them (so the best match
/// is the first matched row); `expanded` is then ignored.
pub fn rows(kind: Kind, expanded: &VecSet<String>, filter: &str) -> Vec<Row> {
    let filter = filter.trim().to_ascii_lowercase();
    let mut out = Vec::new();
    if filter.is_empty() {
        walk(
            schema::root(kind),
            "",
            1,
            &mut |_, _| Visit::Open(false),
            expanded,
            None,
            &mut out,
        );
        return out;
    }
    let found = search(kind, &filter);
    walk(
        schema::root(kind),
        "",
        1,
        &mut |path, _| {
            if !found.shown.contains_key(path) {
                Visit::Skip
            } else {
                Visit::Open(found.matched.contains(path))
            }
        },
        &found.shown.keys().cloned().collect(),
        Some(&found.shown),
        &mut out,
    );
    out
}

/// The path of the best match for `filter` (see [`Rank`]), if any field matches.
pub fn best_match(kind: Kind, filter: &str) -> Option<String> {
    let filter = filter.trim().to_ascii_lowercase();
    if filter.is_empty() {
        return None;
    }
    let found = search(kind, &filter);
    found
        .matched
        .iter()
        .filter_map(|p| Some((found.shown.get(p)?, p)))
        .min()
        .map(|(_, p)| p.clone())
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
    open: &VecSet<String>,
    order: Option<&VecMap<String, Rank>>,
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
    if let Some(order) = order {
        // Stable: fields without a rank keep the schema's order after the ranked ones.
        crate::sort::sort_by_key(&mut shown, |(path, _, _)| order.get(path).copied());
        crate::sort::sort_by_key(&mut shown, |(path, _, _)| order.get(path).is_none());
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
            walk(child, &path, depth + 1, visit, open, order, out);
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

/// What a search found: the paths to show (matches and their ancestors), each with the best
/// rank at or below it, and the matches themselves.
struct Found {
    shown: VecMap<String, Rank>,
    matched: VecSet<String>,
}

/// Searches field names for `filter` (lowercase). Breadth-first, so the shallowest matches come
/// first when the cap is reached; a type already on the current path is not entered again (the
/// schema has recursive types).
fn search(kind: Kind, filter: &str) -> Found {
    let mut shown: VecMap<String, Rank> = VecMap::new();
    let mut matched = VecSet::new();
    let mut queue: std::collections::VecDeque<(TypeId, String, Vec<TypeId>)> =
        std::collections::VecDeque::new();
    let root = schema::root(kind);
    queue.push_back((root, String::new(), vec![root]));
    let mut budget = SEARCH_BUDGET;
    while let Some((obj, prefix, stack)) = queue.pop_front() {
        for f in schema::fields(obj) {
            if budget == 0 || matched.len() >= MAX_MATCHES {
                return Found { shown, matched };
            }
            budget -= 1;
            let path = join(&prefix, f.name);
            if let Some(r) = rank(f.name, filter, stack.len(), matched.len()) {
                let mut p = path.as_str();
                loop {
                    if let Some(best) = shown.get_or_insert_with(p.to_string(), || r) {
                        *best = (*best).min(r);
                    }
                    match p.rsplit_once('.') {
                        Some((parent, _)) => p = parent,
                        None => break,
                    }
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
    Found { shown, matched }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn open(paths: &[&str]) -> VecSet<String> {
        paths.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn top_level_rows_are_the_kinds_fields() {
        let rows = rows(Kind::Pod, &VecSet::new(), "");
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
        let rows = rows(Kind::Pod, &VecSet::new(), "restartpolicy");
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
        assert!(super::rows(Kind::Pod, &VecSet::new(), "zzzz").is_empty());
        // A very common substring is capped, and stays quick.
        let many = super::rows(Kind::Pod, &VecSet::new(), "e");
        assert!(many.iter().filter(|r| r.matched).count() <= MAX_MATCHES);
    }

    #[test]
    fn exact_and_shallow_matches_rank_first() {
        let rows = rows(Kind::Pod, &VecSet::new(), "restartPolicy");
        let matched: Vec<&str> = rows
            .iter()
            .filter(|r| r.matched)
            .map(|r| r.path.as_str())
            .collect();
        assert_eq!(matched.first(), Some(&"spec.restartPolicy"), "{matched:?}");
        // spec's children: the exact, shallow match before the container lists that hold deeper ones.
        let under_spec: Vec<&str> = rows
            .iter()
            .filter(|r| r.depth == 2)
            .map(|r| r.path.as_str())
            .collect();
        assert_eq!(
            under_spec.first(),
            Some(&"spec.restartPolicy"),
            "{under_spec:?}"
        );
        let i = |p: &str| matched.iter().position(|m| *m == p).unwrap();
        assert!(
            i("spec.containers.restartPolicy") < i("spec.containers.resizePolicy.restartPolicy")
        );
        assert!(i("spec.containers.restartPolicy") < i("spec.containers.restartPolicyRules"));
        assert_eq!(
            best_match(Kind::Pod, " RestartPolicy ").as_deref(),
            Some("spec.restartPolicy")
        );
        // A prefix at depth 3 before an exact name at depth 5.
        assert_eq!(
            best_match(Kind::Pod, "port").as_deref(),
            Some("spec.containers.ports")
        );
        assert_eq!(
            best_match(Kind::Pod, "image").as_deref(),
            Some("spec.containers.image")
        );
        assert_eq!(best_match(Kind::Pod, "zzzz"), None);
        assert_eq!(best_match(Kind::Pod, "  "), None);
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
