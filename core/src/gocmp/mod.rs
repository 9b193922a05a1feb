//! A port of go-cmp's `cmp.Diff` (github.com/google/go-cmp/cmp) for the Go values a
//! `core.PodSpec` holds, so that the API server's immutability error can be printed word for word:
//! validation.go `ValidatePodUpdate` appends `cmp.Diff(oldPod.Spec, mungedPodSpec)` to
//! "pod updates may not change fields other than …".
//!
//! Three parts, following go-cmp's own split:
//! - [`GoValue`]: a small model of Go values (structs with their fields in declaration order,
//!   slices, maps with sorted keys, pointers, strings, integers, booleans, and values compared by
//!   an `Equal` method such as `resource.Quantity`), each with its Go type name;
//! - [`compare`]: the value tree cmp builds while comparing (compare.go, report_value.go), with
//!   its per-node counts, and the edit script of two slices (internal/diff/diff.go);
//! - [`report`]: the text reporter (report_compare.go, report_reflect.go, report_slices.go,
//!   report_text.go).
//!
//! [`podspec`] maps a stored pod to `core.PodSpec` and builds the error message.
//!
//! Where this differs from go-cmp, on purpose:
//! - go-cmp deliberately randomises its output per process (report_text.go `randBool`: the
//!   prefix of a line is `"  "`, `"- "`, `"+ "` with normal spaces or with U+00A0 non-breaking
//!   spaces; internal/diff `Difference` starts its search forwards or backwards). This port always
//!   takes the variant go-cmp takes under its `Deterministic` flag: normal spaces, forward search
//!   first.
//! - report_slices.go's specialised diff (strings of 64 bytes or more, slices of numbers) is
//!   ported for text and numbers; for strings holding control characters go-cmp prints a hex dump,
//!   which is not ported (they get a removed and an inserted line, as shorter strings do).
//! - Cycle detection and pointer addresses (only printed when two values print the same at every
//!   verbosity) are not modelled; a pod spec has no cycles.

pub mod podspec;
pub mod report;

/// A Go type as go-cmp names it (`value.TypeString` without package paths: `core.PodSpec`,
/// `[]core.Container`, `*int64`, `map[string]string`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoType {
    pub name: String,
    /// A defined (named) type: `core.ResourceList` is named, `[]string` and `*int64` are not.
    pub named: bool,
    /// The type has a `String() string` method on its value (go-cmp calls it and prints `s"…"`).
    pub stringer: bool,
    /// Not modelled field by field: built from an object's own keys (see [`podspec`]).
    pub approximate: bool,
}

impl GoType {
    pub fn named(name: &str) -> GoType {
        GoType { name: name.to_string(), named: true, stringer: false, approximate: false }
    }
    pub fn unnamed(name: &str) -> GoType {
        GoType { name: name.to_string(), named: false, stringer: false, approximate: false }
    }
    pub fn stringer(name: &str) -> GoType {
        GoType { name: name.to_string(), named: true, stringer: true, approximate: false }
    }
}

/// A Go value with its type.
#[derive(Clone, Debug, PartialEq)]
pub struct GoValue {
    pub ty: GoType,
    pub kind: Kind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    Bool(bool),
    /// Any signed integer kind (printed in decimal).
    Int(i64),
    Str(String),
    /// Fields in declaration order; an embedded field is named by its type (`ProbeHandler`).
    Struct(Vec<(String, GoValue)>),
    /// `None` is a nil slice. The element type is carried for empty slices.
    Slice(Option<Vec<GoValue>>, GoType),
    /// `None` is a nil map; entries sorted by key (`value.SortKeys`).
    Map(Option<Vec<(GoValue, GoValue)>>),
    /// `None` is a nil pointer.
    Ptr(Option<Box<GoValue>>),
    /// A value whose type has an `Equal` method that cmp calls instead of descending
    /// (`resource.Quantity`): `key` decides equality, `shown` is the struct go-cmp prints.
    Equal { key: String, shown: Box<GoValue> },
}

impl GoValue {
    pub fn new(ty: GoType, kind: Kind) -> GoValue {
        GoValue { ty, kind }
    }
    pub fn string(s: &str) -> GoValue {
        GoValue::new(GoType::unnamed("string"), Kind::Str(s.to_string()))
    }
    pub fn int(ty: &str, v: i64) -> GoValue {
        GoValue::new(GoType::unnamed(ty), Kind::Int(v))
    }
    pub fn boolean(v: bool) -> GoValue {
        GoValue::new(GoType::unnamed("bool"), Kind::Bool(v))
    }

    /// `value.IsZero`: the Go zero value of its type.
    pub fn is_zero(&self) -> bool {
        match &self.kind {
            Kind::Bool(b) => !b,
            Kind::Int(i) => *i == 0,
            Kind::Str(s) => s.is_empty(),
            Kind::Struct(fields) => fields.iter().all(|(_, v)| v.is_zero()),
            Kind::Slice(items, _) => items.is_none(),
            Kind::Map(entries) => entries.is_none(),
            Kind::Ptr(p) => p.is_none(),
            Kind::Equal { shown, .. } => shown.is_zero(),
        }
    }

    /// The Go kind, as go-cmp's formatter switches on it.
    pub(crate) fn go_kind(&self) -> GoKind {
        match &self.kind {
            Kind::Struct(_) | Kind::Equal { .. } => GoKind::Struct,
            Kind::Slice(..) => GoKind::Slice,
            Kind::Map(_) => GoKind::Map,
            Kind::Ptr(_) => GoKind::Ptr,
            _ => GoKind::Scalar,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum GoKind {
    Scalar,
    Struct,
    Slice,
    Map,
    Ptr,
}

/// One node of the tree cmp builds while comparing (report_value.go `valueNode`).
#[derive(Clone, Debug)]
pub struct Node<'a> {
    pub ty: &'a GoType,
    /// The kind of the node's type (taken from whichever side is present).
    pub(crate) kind: GoKind,
    pub x: Option<&'a GoValue>,
    pub y: Option<&'a GoValue>,
    pub num_same: usize,
    pub num_diff: usize,
    pub num_compared: usize,
    pub num_children: usize,
    pub max_depth: usize,
    /// Struct fields, slice elements or map entries.
    pub records: Vec<Record<'a>>,
    /// A pointer's target.
    pub value: Option<Box<Node<'a>>>,
}

#[derive(Clone, Debug)]
pub struct Record<'a> {
    pub key: RecordKey<'a>,
    pub value: Node<'a>,
}

#[derive(Clone, Debug)]
pub enum RecordKey<'a> {
    Field(&'a str),
    Index,
    Map(&'a GoValue),
}

impl<'a> Node<'a> {
    fn leaf(ty: &'a GoType, kind: GoKind, x: Option<&'a GoValue>, y: Option<&'a GoValue>, equal: bool) -> Node<'a> {
        Node {
            ty,
            kind,
            x,
            y,
            num_same: usize::from(equal),
            num_diff: usize::from(!equal),
            num_compared: 0,
            num_children: 0,
            max_depth: 0,
            records: Vec::new(),
            value: None,
        }
    }

    fn push(&mut self, child: &Node<'a>) {
        self.num_same += child.num_same;
        self.num_diff += child.num_diff;
        self.num_compared += child.num_compared;
        self.num_children += child.num_children + 1;
        self.max_depth = self.max_depth.max(child.max_depth + 1);
    }
}

/// Compares two values the way `cmp.Equal` walks them (compare.go `compareAny`) and returns the
/// report tree. `None` stands for a missing side (a removed or inserted slice element or map
/// entry).
pub fn compare<'a>(x: Option<&'a GoValue>, y: Option<&'a GoValue>) -> Option<Node<'a>> {
    let any = x.or(y)?;
    let (ty, kind) = (&any.ty, any.go_kind());
    let (Some(vx), Some(vy)) = (x, y) else {
        return Some(Node::leaf(ty, kind, x, y, false));
    };
    let mut node = Node::leaf(ty, kind, x, y, true);
    node.num_same = 0;
    match (&vx.kind, &vy.kind) {
        (Kind::Equal { key: a, .. }, Kind::Equal { key: b, .. }) => {
            let mut n = Node::leaf(ty, kind, x, y, a == b);
            n.num_compared = 1;
            return Some(n);
        }
        (Kind::Struct(fx), Kind::Struct(fy)) => {
            for ((name, a), (_, b)) in fx.iter().zip(fy) {
                if let Some(child) = compare(Some(a), Some(b)) {
                    node.push(&child);
                    node.records.push(Record { key: RecordKey::Field(name), value: child });
                }
            }
        }
        (Kind::Slice(Some(ix), _), Kind::Slice(Some(iy), _)) => {
            let edits = difference(ix.len(), iy.len(), &|i, j| {
                compare(ix.get(i), iy.get(j)).map(|n| (n.num_same, n.num_diff)).unwrap_or((0, 2))
            });
            let (mut i, mut j) = (0, 0);
            for e in edits {
                let (a, b) = match e {
                    Edit::UniqueX => (ix.get(i), None),
                    Edit::UniqueY => (None, iy.get(j)),
                    Edit::Identity | Edit::Modified => (ix.get(i), iy.get(j)),
                };
                i += usize::from(a.is_some());
                j += usize::from(b.is_some());
                if let Some(child) = compare(a, b) {
                    node.push(&child);
                    node.records.push(Record { key: RecordKey::Index, value: child });
                }
            }
        }
        (Kind::Map(Some(mx)), Kind::Map(Some(my))) => {
            let mut keys: Vec<&GoValue> = mx.iter().chain(my.iter()).map(|(k, _)| k).collect();
            keys.sort_by(|a, b| map_key_order(a, b));
            keys.dedup_by(|a, b| a == b);
            for k in keys {
                let a = mx.iter().find(|(kx, _)| kx == k).map(|(_, v)| v);
                let b = my.iter().find(|(ky, _)| ky == k).map(|(_, v)| v);
                if let Some(child) = compare(a, b) {
                    node.push(&child);
                    node.records.push(Record { key: RecordKey::Map(k), value: child });
                }
            }
        }
        (Kind::Ptr(Some(a)), Kind::Ptr(Some(b))) => {
            if let Some(child) = compare(Some(a), Some(b)) {
                node.push(&child);
                node.value = Some(Box::new(child));
            }
        }
        // nil slices, maps and pointers, and the scalar kinds, are leaves
        (a, b) => return Some(Node::leaf(ty, kind, x, y, a == b)),
    }
    Some(node)
}

/// `value.SortKeys`: strings and integers in their natural order.
pub(crate) fn map_key_order(a: &GoValue, b: &GoValue) -> std::cmp::Ordering {
    match (&a.kind, &b.kind) {
        (Kind::Str(x), Kind::Str(y)) => x.cmp(y),
        (Kind::Int(x), Kind::Int(y)) => x.cmp(y),
        _ => std::cmp::Ordering::Equal,
    }
}

/// One step of an edit script (internal/diff `EditType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    Identity,
    UniqueX,
    UniqueY,
    Modified,
}

/// internal/diff `Difference`: a greedy meet-in-the-middle search of the edit graph of two lists
/// of lengths `nx` and `ny`, where `f(ix, iy)` returns (NumSame, NumDiff) of comparing the two
/// elements. Equal pairs are followed diagonally; similar ones (`NumSame+1 >= NumDiff`) are
/// "modified" when the paths are connected. go-cmp starts with the forward or the reverse search
/// at random (`randBool`); this port always starts forwards, as go-cmp does under its
/// `Deterministic` flag.
pub fn difference(nx: usize, ny: usize, f: &dyn Fn(usize, usize) -> (usize, usize)) -> Vec<Edit> {
    let (nx, ny) = (nx as i64, ny as i64);
    let eq = |x: i64, y: i64| f(x as usize, y as usize).1 == 0;
    let mut fwd = Path { dir: 1, x: 0, y: 0, es: Vec::new() };
    let mut rev = Path { dir: -1, x: nx, y: ny, es: Vec::new() };
    let (mut ff, mut rf) = ((0i64, 0i64), (nx, ny));
    let mut budget = 4 * (nx + ny);
    loop {
        // forward search from the beginning
        if ff.0 >= rf.0 || ff.1 >= rf.1 || budget == 0 {
            break;
        }
        let (mut stop1, mut stop2, mut i) = (false, false, 0i64);
        while !(stop1 && stop2) && budget > 0 {
            let z = zigzag(i);
            let p = (ff.0 + z, ff.1 - z);
            if p.0 >= rev.x || p.1 < fwd.y {
                stop1 = true;
            } else if p.1 >= rev.y || p.0 < fwd.x {
                stop2 = true;
            } else if eq(p.0, p.1) {
                fwd.connect(p, f);
                fwd.append(Edit::Identity);
                while fwd.x < rev.x && fwd.y < rev.y && eq(fwd.x, fwd.y) {
                    fwd.append(Edit::Identity);
                }
                ff = (fwd.x, fwd.y);
                stop1 = true;
                stop2 = true;
            } else {
                budget -= 1;
            }
            i += 1;
        }
        if rev.x - ff.0 >= rev.y - ff.1 {
            ff.0 += 1;
        } else {
            ff.1 += 1;
        }
        // reverse search from the end
        if ff.0 >= rf.0 || ff.1 >= rf.1 || budget == 0 {
            break;
        }
        let (mut stop1, mut stop2, mut i) = (false, false, 0i64);
        while !(stop1 && stop2) && budget > 0 {
            let z = zigzag(i);
            let p = (rf.0 - z, rf.1 + z);
            if fwd.x >= p.0 || rev.y < p.1 {
                stop1 = true;
            } else if fwd.y >= p.1 || rev.x < p.0 {
                stop2 = true;
            } else if eq(p.0 - 1, p.1 - 1) {
                rev.connect(p, f);
                rev.append(Edit::Identity);
                while fwd.x < rev.x && fwd.y < rev.y && eq(rev.x - 1, rev.y - 1) {
                    rev.append(Edit::Identity);
                }
                rf = (rev.x, rev.y);
                stop1 = true;
                stop2 = true;
            } else {
                budget -= 1;
            }
            i += 1;
        }
        if rf.0 - fwd.x >= rf.1 - fwd.y {
            rf.0 -= 1;
        } else {
            rf.1 -= 1;
        }
    }
    fwd.connect((rev.x, rev.y), f);
    while let Some(t) = rev.es.pop() {
        fwd.append(t);
    }
    fwd.es
}

struct Path {
    dir: i64,
    x: i64,
    y: i64,
    es: Vec<Edit>,
}

impl Path {
    fn connect(&mut self, dst: (i64, i64), f: &dyn Fn(usize, usize) -> (usize, usize)) {
        let similar = |(same, diff): (usize, usize)| same + 1 >= diff;
        if self.dir > 0 {
            while dst.0 > self.x && dst.1 > self.y {
                let r = f(self.x as usize, self.y as usize);
                let e = if r.1 == 0 {
                    Edit::Identity
                } else if similar(r) {
                    Edit::Modified
                } else if dst.0 - self.x >= dst.1 - self.y {
                    Edit::UniqueX
                } else {
                    Edit::UniqueY
                };
                self.append(e);
            }
            while dst.0 > self.x {
                self.append(Edit::UniqueX);
            }
            while dst.1 > self.y {
                self.append(Edit::UniqueY);
            }
        } else {
            while self.x > dst.0 && self.y > dst.1 {
                let r = f((self.x - 1) as usize, (self.y - 1) as usize);
                let e = if r.1 == 0 {
                    Edit::Identity
                } else if similar(r) {
                    Edit::Modified
                } else if self.y - dst.1 >= self.x - dst.0 {
                    Edit::UniqueY
                } else {
                    Edit::UniqueX
                };
                self.append(e);
            }
            while self.x > dst.0 {
                self.append(Edit::UniqueX);
            }
            while self.y > dst.1 {
                self.append(Edit::UniqueY);
            }
        }
    }

    fn append(&mut self, t: Edit) {
        self.es.push(t);
        match t {
            Edit::Identity | Edit::Modified => {
                self.x += self.dir;
                self.y += self.dir;
            }
            Edit::UniqueX => self.x += self.dir,
            Edit::UniqueY => self.y += self.dir,
        }
    }
}

/// `[0 1 2 3 4 5 …] → [0 -1 +1 -2 +2 …]`
fn zigzag(x: i64) -> i64 {
    let x = if x & 1 != 0 { !x } else { x };
    x >> 1
}

/// `cmp.Diff(x, y)`: empty when the values are equal.
pub fn diff(x: &GoValue, y: &GoValue) -> String {
    match compare(Some(x), Some(y)) {
        Some(root) if root.num_diff > 0 => report::render(&root),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests;
