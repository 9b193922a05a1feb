//! `kubectl explain` from the schema, and the lookups behind hover and completion in the editor.
//!
//! [`explain`] prints what kubectl 1.37 prints with the OpenAPI v3 template
//! (`staging/src/k8s.io/kubectl/pkg/explain/v2/templates/plaintext.tmpl`): `KIND`/`VERSION`, the
//! `FIELD: name <type>` line and `ENUM:` list for a field path, `DESCRIPTION:` wrapped with
//! sprig's `wrap` (line by line, at the last space within the width; long words are kept) and
//! indented, then `FIELDS:` (or the `--recursive` tree). Descriptions are the field's own
//! description followed by the description of the type it refers to, as the template's
//! `description` helper walks `allOf`/`items`/`additionalProperties`; enum fields get the
//! `Possible enum values:` paragraph the API server's OpenAPI adds.

use crate::schema::{self, Field, Kind, Shape, TypeId};
use crate::span::Span;
use crate::tree::{Node, Step};

/// Why `kubectl explain` refuses a path, worded as kubectl prints it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExplainError {
    /// `error: the server doesn't have a resource type "foo"`
    UnknownResource(String),
    /// `error: field "foo" does not exist` (kubectl names the *last* element of the path).
    FieldNotFound(String),
}

impl std::fmt::Display for ExplainError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExplainError::UnknownResource(r) => {
                write!(f, "error: the server doesn't have a resource type \"{r}\"")
            }
            ExplainError::FieldNotFound(n) => write!(f, "error: field \"{n}\" does not exist"),
        }
    }
}

/// Schema paths are short; this bounds every walk.
const MAX_PATH: usize = 32;

/// The description `kubectl explain` shows for a field: its own text, the enum paragraph, then
/// the description of the type it refers to (through arrays and maps).
pub fn field_description(owner: TypeId, f: &Field) -> String {
    let mut s = String::new();
    let mut own = f.description.to_string();
    if let Some(e) = schema::enum_def(schema::def(owner).name, f.name) {
        own.push_str("\n\n");
        own.push_str(&e.description_suffix());
    }
    if !own.is_empty() {
        s.push_str(&own);
        s.push('\n');
    }
    s.push_str(&type_description(f.ty));
    s
}

/// The template's `description` helper for a type: named descriptions through items and maps.
fn type_description(t: TypeId) -> String {
    let mut s = String::new();
    let mut cur = t;
    for _ in 0..8 {
        let d = schema::def(cur);
        if !d.description.is_empty() {
            s.push_str(d.description);
            s.push('\n');
        }
        match d.shape {
            Shape::Array(inner) | Shape::Map(inner) => cur = inner,
            _ => break,
        }
    }
    s
}

/// The object type whose fields a type shows (through arrays and maps), if any.
fn fields_of(t: TypeId) -> Option<TypeId> {
    let mut cur = t;
    for _ in 0..8 {
        match schema::def(cur).shape {
            Shape::Object(_) => return Some(cur),
            Shape::Array(inner) | Shape::Map(inner) => cur = inner,
            _ => return None,
        }
    }
    None
}

/// sprig `wrap` (goutils `WrapCustom(s, n, "\n", false)`), line by line: each line wraps at
/// the last space within `n` bytes; a word longer than `n` (a URL) is never broken.
pub fn go_wrap(s: &str, n: usize) -> String {
    let lines: Vec<String> = s.split('\n').map(|l| wrap_line(l, n)).collect();
    lines.join("\n")
}

fn wrap_line(s: &str, n: usize) -> String {
    let b = s.as_bytes();
    let len = b.len();
    let n = n.max(1);
    let mut out = String::with_capacity(len + len / n + 1);
    let mut offset = 0usize;
    while len - offset > n {
        if b.get(offset) == Some(&b' ') {
            offset += 1;
            continue;
        }
        let end = offset + n + 1;
        let window = b.get(offset..end).unwrap_or_default();
        match window.iter().rposition(|&c| c == b' ') {
            Some(p) => {
                out.push_str(s.get(offset..offset + p).unwrap_or(""));
                out.push('\n');
                offset += p + 1;
            }
            None => match b
                .get(offset + n..)
                .unwrap_or_default()
                .iter()
                .position(|&c| c == b' ')
            {
                Some(p) => {
                    let at = offset + n + p;
                    out.push_str(s.get(offset..at).unwrap_or(""));
                    out.push('\n');
                    offset = at + 1;
                }
                None => {
                    out.push_str(s.get(offset..).unwrap_or(""));
                    offset = len;
                }
            },
        }
    }
    out.push_str(s.get(offset..).unwrap_or(""));
    out
}

/// sprig `indent`: every line (the empty last one included) gets the padding.
fn indent(s: &str, n: usize) -> String {
    let pad = " ".repeat(n);
    format!("{pad}{}", s.replace('\n', &format!("\n{pad}")))
}

/// `kubectl explain <path>` (`recursive` = `--recursive`).
pub fn explain(path: &str, recursive: bool) -> Result<String, ExplainError> {
    let mut parts = path.trim().trim_end_matches('.').split('.');
    let resource = parts.next().unwrap_or("");
    let kind = Kind::from_resource(resource)
        .ok_or_else(|| ExplainError::UnknownResource(resource.to_string()))?;
    let field_path: Vec<&str> = parts.take(MAX_PATH).collect();
    let mut out = format!(
        "KIND:       {}\nVERSION:    {}\n\n",
        kind.name(),
        kind.api_version()
    );
    let root = schema::root(kind);
    let last_name = field_path.last().copied().unwrap_or("");
    // Walk the path: each step is a field of the object the previous step leads to.
    let mut owner = root;
    let mut target: Option<(TypeId, &'static Field)> = None;
    for (i, name) in field_path.iter().enumerate() {
        let obj = if i == 0 {
            Some(owner)
        } else {
            target.and_then(|(_, f)| fields_of(f.ty))
        };
        let Some(obj) = obj else {
            return Err(ExplainError::FieldNotFound(last_name.to_string()));
        };
        let Some(f) = schema::field(obj, name) else {
            return Err(ExplainError::FieldNotFound(last_name.to_string()));
        };
        owner = obj;
        target = Some((obj, f));
    }
    let (description, list_of) = match target {
        None => (type_description(root), Some(root)),
        Some((o, f)) => {
            out.push_str(&format!(
                "FIELD: {} <{}>\n",
                f.name,
                schema::type_guess(f.ty)
            ));
            if let Some(e) = schema::enum_def(schema::def(o).name, f.name) {
                out.push_str("ENUM:");
                for v in e.values {
                    out.push_str("\n    ");
                    out.push_str(if v.is_empty() { "\"\"" } else { v });
                }
            }
            out.push_str("\n\n");
            (field_description(o, f), fields_of(f.ty))
        }
    };
    out.push_str("DESCRIPTION:\n");
    let desc = if description.is_empty() {
        "<empty>".to_string()
    } else {
        description
    };
    out.push_str(&indent(&go_wrap(&desc, 76), 4));
    out.push('\n');
    if let Some(obj) = list_of {
        let mut list = String::new();
        field_list(obj, 1, recursive, &mut Vec::new(), &mut list);
        if !list.is_empty() {
            out.push_str("FIELDS:\n");
            out.push_str(&list);
        }
    }
    out.push('\n');
    Ok(out)
}

/// The template's `fieldList`/`fieldDetail`. `seen` holds the object types on the current
/// path, which stops recursion through cycles as the template's `history` does.
fn field_list(
    obj: TypeId,
    level: usize,
    recursive: bool,
    seen: &mut Vec<TypeId>,
    out: &mut String,
) {
    if seen.contains(&obj) || level > MAX_PATH {
        return;
    }
    seen.push(obj);
    let ind = level * 2;
    let owner_name = schema::def(obj).name;
    for f in schema::fields(obj) {
        out.push_str(&" ".repeat(ind));
        out.push_str(f.name);
        out.push('\t');
        out.push('<');
        out.push_str(&schema::type_guess(f.ty));
        out.push('>');
        if f.required {
            out.push_str(" -required-");
        }
        out.push('\n');
        if recursive {
            if let Some(sub) = fields_of(f.ty) {
                field_list(sub, level + 1, recursive, seen, out);
            }
            continue;
        }
        if let Some(e) = schema::enum_def(owner_name, f.name) {
            out.push_str(&" ".repeat(ind));
            out.push_str("enum: ");
            for (i, v) in e.values.iter().enumerate() {
                if i >= 4 {
                    out.push_str(", ....");
                    break;
                }
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(if v.is_empty() { "\"\"" } else { v });
            }
            // The template prints the description right after the enum list, on the same line.
        }
        let mut desc = f.description.to_string();
        if let Some(e) = schema::enum_def(owner_name, f.name) {
            desc.push_str("\n\n");
            desc.push_str(&e.description_suffix());
        }
        if desc.is_empty() {
            desc = "<no description>".to_string();
        }
        out.push_str(&indent(&go_wrap(&desc, 78 - ind), ind + 2));
        out.push_str("\n\n");
    }
    seen.pop();
}

/// What the editor shows for the key or value under the cursor.
#[derive(Clone, Debug, PartialEq)]
pub struct Hover {
    /// The API field path (`spec.containers[0].image`).
    pub field_path: String,
    /// The path to give `kubectl explain` (`pod.spec.containers.image`).
    pub explain_path: String,
    /// The type as kubectl prints it (`<string>`).
    pub type_name: String,
    pub description: &'static str,
    pub enum_values: Option<&'static [&'static str]>,
    pub required: bool,
    /// The key or value the hover is about.
    pub span: Span,
}

/// The field under byte `offset` of a document of kind `kind`.
pub fn hover(root: &Node, kind: Kind, offset: u32) -> Option<Hover> {
    let steps = root.locate(offset);
    let mut ty = schema::root(kind);
    let mut owner: Option<TypeId> = None;
    let mut field: Option<&'static Field> = None;
    let mut path = String::new();
    let mut explain_path = kind
        .resource_names()
        .get(1)
        .copied()
        .unwrap_or("pod")
        .to_string();
    let mut span = None;
    for step in steps.iter().take(MAX_PATH * 2) {
        match step {
            Step::Key(e) => {
                let obj = fields_of_object(ty)?;
                let f = schema::field(obj, &e.key)?;
                path = if path.is_empty() {
                    e.key.clone()
                } else {
                    format!("{path}.{}", e.key)
                };
                explain_path.push('.');
                explain_path.push_str(&e.key);
                owner = Some(obj);
                field = Some(f);
                ty = f.ty;
                span = Some(if e.key_span.touches(offset) {
                    e.key_span
                } else {
                    e.value.span
                });
            }
            Step::Index(i, n) => {
                let Shape::Array(inner) = schema::def(ty).shape else {
                    return None;
                };
                path = format!("{path}[{i}]");
                ty = inner;
                span = Some(n.span);
            }
        }
    }
    let (owner, f) = (owner?, field?);
    let enum_values = schema::enum_values(schema::def(owner).name, f.name);
    Some(Hover {
        field_path: path,
        explain_path,
        type_name: format!("<{}>", schema::type_guess(f.ty)),
        description: f.description,
        enum_values,
        required: f.required,
        span: span?,
    })
}

/// The object type a value of type `t` is (maps of objects are not walked by key).
fn fields_of_object(t: TypeId) -> Option<TypeId> {
    match schema::def(t).shape {
        Shape::Object(_) => Some(t),
        _ => None,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompletionKind {
    Field,
    Value,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CompletionItem {
    pub label: String,
    /// Text to insert (`image: ` for a scalar field, `ports:` for a list or object).
    pub insert: String,
    /// `<string>`, `<[]Container> -required-`, or the enum type.
    pub detail: String,
    /// The first sentence of the description.
    pub doc: &'static str,
    pub kind: CompletionKind,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Completions {
    /// The text the chosen item replaces (the partial word at the cursor).
    pub span: Span,
    pub items: Vec<CompletionItem>,
}

/// One step of the path to the cursor as found from indentation.
#[derive(Clone, Debug, PartialEq)]
enum Seg {
    Key(String),
    Item,
}

/// The first sentence of a description (for one-line docs).
fn first_sentence(s: &'static str) -> &'static str {
    let end = s.find(". ").map(|i| i + 1).unwrap_or(s.len());
    let end = s.find('\n').map(|n| n.min(end)).unwrap_or(end);
    s.get(..end).unwrap_or(s)
}

fn line_bounds(src: &str, offset: usize) -> (usize, usize) {
    let start = src
        .get(..offset)
        .and_then(|p| p.rfind('\n'))
        .map(|i| i + 1)
        .unwrap_or(0);
    let end = src
        .get(offset..)
        .and_then(|r| r.find('\n'))
        .map(|i| offset + i)
        .unwrap_or(src.len());
    (start, end)
}

/// Leading spaces, and the content after any `- ` markers with its column; `dashes` are the
/// columns of the `- ` markers.
struct LineShape<'a> {
    indent: usize,
    dashes: Vec<usize>,
    content_col: usize,
    content: &'a str,
}

fn shape(line: &str) -> LineShape<'_> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let mut col = indent;
    let mut dashes = Vec::new();
    let mut rest = &line[indent..];
    while let Some(r) = rest.strip_prefix('-') {
        if !(r.is_empty() || r.starts_with(' ')) {
            break;
        }
        dashes.push(col);
        let t = r.trim_start_matches(' ');
        col += 1 + (r.len() - t.len());
        rest = t;
    }
    LineShape {
        indent,
        dashes,
        content_col: col,
        content: rest,
    }
}

/// `key:` at the start of a content (plain or quoted key), and what follows the colon.
fn key_of(content: &str) -> Option<(&str, &str)> {
    let bytes = content.as_bytes();
    let mut i = 0;
    while let Some(&c) = bytes.get(i) {
        let next = bytes.get(i + 1);
        if c == b':' && matches!(next, None | Some(b' ' | b'\t')) {
            let key = content
                .get(..i)?
                .trim()
                .trim_matches('"')
                .trim_matches('\'');
            if key.is_empty() || key.starts_with('#') {
                return None;
            }
            return Some((key, content.get(i + 1..)?.trim()));
        }
        if c == b'#' && (i == 0 || bytes.get(i - 1) == Some(&b' ')) {
            return None;
        }
        i += 1;
    }
    None
}

fn is_blank_or_comment(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

/// The path to a key written at column `col` on the line starting at `line_start`, from the
/// lines above (bounded by the document start `---`), plus whether the cursor line starts a new
/// list item. Returns the segments from the root.
fn enclosing(src: &str, line_start: usize, col: usize, new_item: bool) -> Vec<Seg> {
    let before = src.get(..line_start).unwrap_or("");
    let mut segs_rev: Vec<Seg> = Vec::new();
    let mut c = col;
    // When inside a list item, the next parent is the key holding the sequence: a key line at
    // a column ≤ the dash column.
    let mut seq_dash: Option<usize> = if new_item { Some(col) } else { None };
    if new_item {
        segs_rev.push(Seg::Item);
    }
    for line in before.lines().rev().take(10_000) {
        if line.starts_with("---") || line.starts_with("...") {
            break;
        }
        if is_blank_or_comment(line) {
            continue;
        }
        let sh = shape(line);
        if let Some(dash) = seq_dash {
            // Looking for the key that holds the sequence whose item starts at `dash`.
            if sh.indent > dash {
                continue;
            }
            if sh.dashes.is_empty() || sh.indent < dash {
                if let Some((k, v)) = key_of(sh.content) {
                    if v.is_empty() || v.starts_with('#') {
                        segs_rev.push(Seg::Key(k.to_string()));
                        seq_dash = None;
                        c = sh.content_col;
                        // The key line may itself sit in a list item.
                        for _ in &sh.dashes {
                            segs_rev.push(Seg::Item);
                        }
                        if let Some(first) = sh.dashes.first() {
                            seq_dash = Some(*first);
                            c = *first;
                        }
                        if c == 0 && seq_dash.is_none() {
                            break;
                        }
                        continue;
                    }
                }
                if sh.indent < dash {
                    break;
                }
            }
            continue;
        }
        // A line in this mapping or deeper: skip. A `- ` item whose content is at our column
        // contains us.
        if !sh.dashes.is_empty() && sh.content_col == c {
            for _ in 0..sh.dashes.len() {
                segs_rev.push(Seg::Item);
            }
            seq_dash = sh.dashes.first().copied();
            continue;
        }
        if sh.content_col >= c {
            continue;
        }
        // A shallower line: the key that holds our mapping, if it ends with `:`.
        match key_of(sh.content) {
            Some((k, v)) if v.is_empty() || v.starts_with('#') || v == "|" || v == ">" => {
                segs_rev.push(Seg::Key(k.to_string()));
                c = sh.content_col;
                if let Some(&first) = sh.dashes.first() {
                    for _ in 0..sh.dashes.len() {
                        segs_rev.push(Seg::Item);
                    }
                    seq_dash = Some(first);
                    c = first;
                }
                if c == 0 && seq_dash.is_none() {
                    break;
                }
            }
            _ => break,
        }
    }
    segs_rev.reverse();
    segs_rev
}

/// The kind of the document around `offset`: the last `kind:` at column 0 before the next
/// `---`, searched from the document start.
fn doc_kind(src: &str, offset: usize) -> Kind {
    let start = src
        .get(..offset)
        .and_then(|p| p.rfind("\n---"))
        .map(|i| i + 4)
        .unwrap_or(0);
    let end = src
        .get(offset..)
        .and_then(|r| r.find("\n---"))
        .map(|i| offset + i)
        .unwrap_or(src.len());
    src.get(start..end)
        .unwrap_or("")
        .lines()
        .filter_map(|l| l.strip_prefix("kind:"))
        .filter_map(|v| {
            Kind::ALL
                .into_iter()
                .find(|k| k.name() == v.trim().trim_matches('"'))
        })
        .next_back()
        .unwrap_or(Kind::Pod)
}

fn walk(kind: Kind, segs: &[Seg]) -> Option<TypeId> {
    let mut ty = schema::root(kind);
    for s in segs.iter().take(MAX_PATH * 2) {
        match s {
            Seg::Key(k) => {
                let obj = fields_of_object(ty)?;
                ty = schema::field(obj, k)?.ty;
            }
            Seg::Item => match schema::def(ty).shape {
                Shape::Array(inner) => ty = inner,
                _ => return None,
            },
        }
    }
    Some(ty)
}

/// Keys already present in the mapping the cursor is in (lines at column `col` between the
/// enclosing parent above and the end of the mapping below).
fn present_keys(
    src: &str,
    line_start: usize,
    line_end: usize,
    col: usize,
    new_item: bool,
) -> Vec<String> {
    let mut keys = Vec::new();
    if new_item {
        return keys;
    }
    let before = src.get(..line_start).unwrap_or("");
    for line in before.lines().rev().take(10_000) {
        if is_blank_or_comment(line) {
            continue;
        }
        if line.starts_with("---") {
            break;
        }
        let sh = shape(line);
        if sh.content_col == col {
            if let Some((k, _)) = key_of(sh.content) {
                keys.push(k.to_string());
            }
            if !sh.dashes.is_empty() {
                break; // the first key of our list item
            }
        } else if sh.content_col < col || sh.indent < col {
            break;
        }
    }
    let after = src.get(line_end..).unwrap_or("");
    for line in after.lines().skip(1).take(10_000) {
        if is_blank_or_comment(line) {
            continue;
        }
        if line.starts_with("---") {
            break;
        }
        let sh = shape(line);
        if sh.indent < col || (!sh.dashes.is_empty() && sh.content_col <= col) {
            break;
        }
        if sh.content_col == col {
            if let Some((k, _)) = key_of(sh.content) {
                keys.push(k.to_string());
            }
        }
    }
    keys
}

/// What fits at byte `offset` of the YAML text: field names of the enclosing object (minus the
/// ones present), enum values after `restartPolicy: `, `apiVersion`/`kind` values at the top.
/// Works from the text alone (indentation and `- `), so broken YAML still completes; `root`
/// is accepted for callers that have a tree and is not needed.
pub fn complete(src: &str, _root: Option<&Node>, offset: u32) -> Completions {
    let offset = (offset as usize).min(src.len());
    let mut offset = offset;
    while !src.is_char_boundary(offset) {
        offset -= 1;
    }
    let (ls, le) = line_bounds(src, offset);
    let prefix = src.get(ls..offset).unwrap_or("");
    let kind = doc_kind(src, offset);
    let sh = shape(prefix);
    // Value position: `key: partial`.
    if let Some((key, partial)) = key_of(sh.content) {
        let pstart = offset - partial.len();
        let segs = enclosing(src, ls, sh.content_col, !sh.dashes.is_empty());
        let mut items = Vec::new();
        if segs.is_empty() && key == "apiVersion" {
            items.push(value_item(
                "v1",
                "<string>",
                "The core API group: Pod, Service, ConfigMap, Secret, Node.",
            ));
        } else if segs.is_empty() && key == "kind" {
            for k in Kind::ALL {
                items.push(value_item(k.name(), "<string>", ""));
            }
        } else if let Some(owner) = walk(kind, &segs).and_then(fields_of_object) {
            if let Some(f) = schema::field(owner, key) {
                if let Some(e) = schema::enum_def(schema::def(owner).name, f.name) {
                    for (i, v) in e.values.iter().enumerate() {
                        let doc = e.docs.get(i).copied().unwrap_or("");
                        items.push(value_item(v, e.go_type, doc));
                    }
                } else if matches!(schema::def(f.ty).shape, Shape::Boolean) {
                    items.push(value_item("true", "<boolean>", ""));
                    items.push(value_item("false", "<boolean>", ""));
                }
            }
        }
        items.retain(|i| i.label.starts_with(partial.trim_matches('"')));
        return Completions {
            span: Span::new(pstart as u32, offset as u32),
            items,
        };
    }
    // Key position: a partial word (or nothing) at the key column.
    let partial = sh.content;
    if !partial
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
    {
        return Completions {
            span: Span::at(offset as u32),
            items: Vec::new(),
        };
    }
    let col = sh.content_col;
    let new_item = !sh.dashes.is_empty();
    let segs = enclosing(src, ls, col, new_item);
    let present = present_keys(src, ls, le, col, new_item);
    let mut items = Vec::new();
    if let Some(obj) = walk(kind, &segs).and_then(fields_of) {
        for f in schema::fields(obj) {
            if present.iter().any(|p| p == f.name) || !f.name.starts_with(partial) {
                continue;
            }
            let structured = matches!(
                schema::def(f.ty).shape,
                Shape::Object(_) | Shape::Array(_) | Shape::Map(_)
            );
            let mut detail = format!("<{}>", schema::type_guess(f.ty));
            if f.required {
                detail.push_str(" -required-");
            }
            items.push(CompletionItem {
                label: f.name.to_string(),
                insert: if structured {
                    format!("{}:", f.name)
                } else {
                    format!("{}: ", f.name)
                },
                detail,
                doc: first_sentence(f.description),
                kind: CompletionKind::Field,
            });
        }
    }
    Completions {
        span: Span::new((offset - partial.len()) as u32, offset as u32),
        items,
    }
}

fn value_item(v: &str, detail: &str, doc: &'static str) -> CompletionItem {
    CompletionItem {
        label: if v.is_empty() {
            "\"\"".to_string()
        } else {
            v.to_string()
        },
        insert: if v.is_empty() {
            "\"\"".to_string()
        } else {
            v.to_string()
        },
        detail: detail.to_string(),
        doc,
        kind: CompletionKind::Value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn wrap_is_goutils() {
        assert_eq!(go_wrap("aaa bbb ccc", 7), "aaa bbb\nccc");
        assert_eq!(go_wrap("aaaaaaaaaa bb", 4), "aaaaaaaaaa\nbb");
        assert_eq!(go_wrap("short", 76), "short");
        assert_eq!(indent("a\nb\n", 4), "    a\n    b\n    ");
    }

    #[test]
    fn errors_read_like_kubectl() {
        assert_eq!(
            explain("pod.spec.foo", false).unwrap_err().to_string(),
            "error: field \"foo\" does not exist"
        );
        assert_eq!(
            explain("pod.spec.foo.bar", false).unwrap_err().to_string(),
            "error: field \"bar\" does not exist"
        );
        assert_eq!(
            explain("deployment", false).unwrap_err().to_string(),
            "error: the server doesn't have a resource type \"deployment\""
        );
    }

    fn cursor(src_with_bar: &str) -> (String, u32) {
        let at = src_with_bar.find('|').unwrap();
        (src_with_bar.replacen('|', "", 1), at as u32)
    }

    fn labels(c: &Completions) -> Vec<&str> {
        c.items.iter().map(|i| i.label.as_str()).collect()
    }

    #[test]
    fn completes_fields_from_indentation() {
        let (src, at) =
            cursor("apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: web\n    ima|\n");
        let c = complete(&src, None, at);
        assert_eq!(labels(&c), vec!["image", "imagePullPolicy"]);
        assert_eq!(c.span.text(&src), "ima");
        let (src, at) = cursor("apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: web\n    image: nginx\n    |\n");
        let c = complete(&src, None, at);
        assert!(labels(&c).contains(&"ports"));
        assert!(!labels(&c).contains(&"name"));
        assert!(!labels(&c).contains(&"image"));
        let (src, at) = cursor("apiVersion: v1\nkind: Pod\nspec:\n  restartPolicy: |\n");
        assert_eq!(
            labels(&complete(&src, None, at)),
            vec!["Always", "Never", "OnFailure"]
        );
        let (src, at) = cursor("apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      ports:\n        - containerPort: 80\n          protocol: |\n");
        assert_eq!(
            labels(&complete(&src, None, at)),
            vec!["SCTP", "TCP", "UDP"]
        );
        let (src, at) = cursor("kind: |");
        assert_eq!(
            labels(&complete(&src, None, at)),
            vec!["Pod", "Service", "ConfigMap", "Secret", "Node"]
        );
        let (src, at) = cursor("apiVersion: v1\nkind: Service\nspec:\n  ty|\n");
        assert_eq!(labels(&complete(&src, None, at)), vec!["type"]);
        let (src, at) = cursor("apiVersion: v1\nkind: Pod\n|");
        let l = complete(&src, None, at);
        assert!(labels(&l).contains(&"spec") && !labels(&l).contains(&"kind"));
    }
}
