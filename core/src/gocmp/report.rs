//! go-cmp's text reporter: report_compare.go (`FormatDiff`, `formatDiffList`), report_reflect.go
//! (`FormatValue`, `FormatType`, `formatString`), report_text.go (the text tree, its compact and
//! expanded layouts, column alignment, `diffStats`). The names follow go-cmp's so the two can be
//! read side by side.

use super::{GoKind, GoType, GoValue, Kind, Node, RecordKey};

/// `diffMode`: 0 (unknown), `' '` (identical), `'-'` (removed), `'+'` (inserted). go-cmp ORs
/// them together (`d|r.Diff`), so they stay bytes here.
type DiffMode = u8;
const DIFF_UNKNOWN: DiffMode = 0;
const DIFF_IDENTICAL: DiffMode = b' ';
const DIFF_REMOVED: DiffMode = b'-';
const DIFF_INSERTED: DiffMode = b'+';

/// Lines longer than this are broken up (report_text.go `maxColumnLength`).
const MAX_COLUMN_LENGTH: usize = 80;
/// Equal records printed around a difference (`numContextRecords`).
const NUM_CONTEXT_RECORDS: usize = 2;
const MAX_VERBOSITY_PRESET: i32 = 6;

#[derive(Clone, Copy, PartialEq, Eq)]
enum TypeMode {
    Emit,
    Elide,
    Auto,
}

#[derive(Clone, Copy)]
struct Opts {
    diff: DiffMode,
    ty: TypeMode,
    avoid_stringer: bool,
    level: i32,
    limit: bool,
}

impl Opts {
    fn with_diff(mut self, d: DiffMode) -> Opts {
        self.diff = d;
        self
    }
    fn with_type(mut self, t: TypeMode) -> Opts {
        self.ty = t;
        self
    }
    fn with_verbosity(mut self, level: i32) -> Opts {
        self.level = level;
        self.limit = true;
        self
    }
    fn verbosity(self) -> u32 {
        self.level.clamp(0, 16) as u32
    }
    /// `verbosityPreset`
    fn preset(mut self, i: i32) -> Opts {
        self.level = self.verbosity() as i32 + 2 * i;
        if i > 0 {
            self.avoid_stringer = true;
        }
        self
    }
    /// ((1 << v) >> 1) << 2: 0, 4, 8, 16, … records of a value printed in full
    fn value_len(self) -> usize {
        ((1usize << self.verbosity()) >> 1) << 2
    }
}

/// report_text.go's `textNode`.
#[derive(Clone, Debug, PartialEq)]
enum Text {
    Line(String),
    Wrap(String, Box<Text>, String),
    List(Vec<Rec>),
}

#[derive(Clone, Debug, PartialEq)]
struct Rec {
    diff: DiffMode,
    key: String,
    value: Text,
    elide_comma: bool,
    comment: Option<Comment>,
}

impl Rec {
    fn new(key: String, value: Text) -> Rec {
        Rec { diff: DIFF_UNKNOWN, key, value, elide_comma: false, comment: None }
    }
    fn diffed(diff: DiffMode, key: String, value: Text) -> Rec {
        Rec { diff, ..Rec::new(key, value) }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Comment {
    Stats(Stats),
    Text(String),
}

impl Comment {
    fn text(&self) -> String {
        match self {
            Comment::Stats(s) => s.text(),
            Comment::Text(t) => t.clone(),
        }
    }
}

/// `diffStats`
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
struct Stats {
    name: &'static str,
    identical: usize,
    removed: usize,
    inserted: usize,
    modified: usize,
}

impl Stats {
    fn num_diff(&self) -> usize {
        self.removed + self.inserted + self.modified
    }
    fn is_zero(&self) -> bool {
        self.identical == 0 && self.num_diff() == 0
    }
    fn append(mut self, o: Stats) -> Stats {
        self.identical += o.identical;
        self.removed += o.removed;
        self.inserted += o.inserted;
        self.modified += o.modified;
        self
    }
    /// `"6 identical fields"`, `"1 removed and 2 inserted elements"`.
    fn text(&self) -> String {
        let counts = [
            (self.identical, "identical"),
            (self.removed, "removed"),
            (self.inserted, "inserted"),
            (self.modified, "modified"),
        ];
        let ss: Vec<String> = counts.iter().filter(|(n, _)| *n > 0).map(|(n, l)| format!("{n} {l}")).collect();
        let sum: usize = counts.iter().map(|(n, _)| n).sum();
        let mut name = self.name.to_string();
        if sum > 1 {
            name.push('s');
            if let Some(stem) = name.strip_suffix("ys") {
                name = format!("{stem}ies");
            }
        }
        match ss.as_slice() {
            [] => String::new(),
            [_] | [_, _] => format!("{} {name}", ss.join(" and ")),
            [init @ .., last] => format!("{}, and {last} {name}", init.join(", ")),
        }
    }
}

fn ellipsis() -> Text {
    Text::Line("...".to_string())
}

fn nil() -> Text {
    Text::Line("nil".to_string())
}

/// `textList.AppendEllipsis`
fn append_ellipsis(list: &mut Vec<Rec>, ds: Stats) {
    let has_stats = ds != Stats { name: ds.name, ..Stats::default() };
    match list.last_mut() {
        Some(last) if last.value == ellipsis() => {
            if has_stats {
                last.comment = Some(Comment::Stats(match &last.comment {
                    Some(Comment::Stats(s)) => s.append(ds),
                    _ => ds,
                }));
            }
        }
        _ => list.push(Rec {
            elide_comma: true,
            comment: has_stats.then_some(Comment::Stats(ds)),
            ..Rec::new(String::new(), ellipsis())
        }),
    }
}

/// `indentMode.appendIndent`: the two-character prefix, then one tab per level. go-cmp picks
/// normal or non-breaking spaces at random per process; this is the normal-space variant (the
/// one its `Deterministic` flag selects).
fn append_indent(b: &mut String, d: DiffMode, n: usize) {
    match d {
        DIFF_UNKNOWN | DIFF_IDENTICAL => b.push_str("  "),
        DIFF_REMOVED => b.push_str("- "),
        DIFF_INSERTED => b.push_str("+ "),
        _ => {}
    }
    for _ in 0..n {
        b.push('\t');
    }
}

impl Text {
    fn len(&self) -> usize {
        match self {
            Text::Line(s) => s.len(),
            Text::Wrap(p, v, s) => p.len() + v.len() + s.len(),
            Text::List(recs) => recs
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    r.key.len()
                        + if r.key.is_empty() { 0 } else { 2 }
                        + r.value.len()
                        + if i + 1 < recs.len() { 2 } else { 0 }
                })
                .sum(),
        }
    }

    fn is_line(&self) -> bool {
        matches!(self, Text::Line(_))
    }

    /// `String()`: the whole tree laid out, with a leading indent and a trailing newline.
    fn string(&self) -> String {
        match self {
            Text::Line(s) => s.clone(),
            Text::List(_) => Text::Wrap("{".into(), Box::new(self.clone()), "}".into()).string(),
            Text::Wrap(..) => {
                let mut scratch = String::new();
                let compact = self.format_compact(&mut scratch, DIFF_UNKNOWN);
                let mut b = String::new();
                append_indent(&mut b, DIFF_UNKNOWN, 0);
                compact.format_expanded(&mut b, DIFF_UNKNOWN, 0);
                b.push('\n');
                b
            }
        }
    }

    /// `formatCompactTo`: the single-line form, and the tree with every node that fits on one
    /// line replaced by that line.
    fn format_compact(&self, b: &mut String, d: DiffMode) -> Text {
        match self {
            Text::Line(s) => {
                b.push_str(s);
                self.clone()
            }
            Text::Wrap(p, v, s) => {
                let n0 = b.len();
                b.push_str(p);
                let v2 = v.format_compact(b, d);
                b.push_str(s);
                if v2.is_line() {
                    Text::Line(b.get(n0..).unwrap_or_default().to_string())
                } else {
                    Text::Wrap(p.clone(), Box::new(v2), s.clone())
                }
            }
            Text::List(recs) => {
                let mut recs = recs.clone();
                let n0 = b.len();
                let mut multi = false;
                let count = recs.len();
                for (i, r) in recs.iter_mut().enumerate() {
                    if r.diff == DIFF_INSERTED || r.diff == DIFF_REMOVED {
                        multi = true;
                    }
                    b.push_str(&r.key);
                    if !r.key.is_empty() {
                        b.push_str(": ");
                    }
                    r.value = r.value.format_compact(b, d | r.diff);
                    if !r.value.is_line() || r.comment.is_some() {
                        multi = true;
                    }
                    if i + 1 < count {
                        b.push_str(", ");
                    }
                }
                if (d == DIFF_INSERTED || d == DIFF_REMOVED) && b.len() - n0 > MAX_COLUMN_LENGTH {
                    multi = true;
                }
                if multi {
                    Text::List(recs)
                } else {
                    Text::Line(b.get(n0..).unwrap_or_default().to_string())
                }
            }
        }
    }

    /// `formatExpandedTo`
    fn format_expanded(&self, b: &mut String, d: DiffMode, n: usize) {
        match self {
            Text::Line(s) => b.push_str(s),
            Text::Wrap(p, v, s) => {
                b.push_str(p);
                v.format_expanded(b, d, n);
                b.push_str(s);
            }
            Text::List(recs) => {
                let line_len = |r: &Rec| match &r.value {
                    Text::Line(s) => s.len(),
                    _ => 0,
                };
                let align_keys = align_lens(recs, |r| r.key.is_empty() || !r.value.is_line(), |r| r.key.len());
                let align_values = align_lens(
                    recs,
                    |r| !r.value.is_line() || r.value == ellipsis() || r.comment.is_none(),
                    line_len,
                );
                // lists of only simple values are batched several to a line
                let simple = !recs.is_empty()
                    && recs.iter().all(|r| r.diff == 0 && r.key.is_empty() && r.value.is_line() && r.comment.is_none());
                if simple {
                    let n = n + 1;
                    let mut batch = String::new();
                    let emit = |b: &mut String, batch: &mut String| {
                        if !batch.is_empty() {
                            b.push('\n');
                            append_indent(b, d, n);
                            b.push_str(batch.trim_end_matches(' '));
                            batch.clear();
                        }
                    };
                    for r in recs {
                        let line = match &r.value {
                            Text::Line(s) => s.as_str(),
                            _ => "",
                        };
                        if batch.len() + line.len() + 2 > MAX_COLUMN_LENGTH {
                            emit(b, &mut batch);
                        }
                        batch.push_str(line);
                        batch.push_str(", ");
                    }
                    emit(b, &mut batch);
                    b.push('\n');
                    append_indent(b, d, n - 1);
                    return;
                }
                for (i, r) in recs.iter().enumerate() {
                    b.push('\n');
                    append_indent(b, d | r.diff, n + 1);
                    if !r.key.is_empty() {
                        b.push_str(&r.key);
                        b.push_str(": ");
                    }
                    push_spaces(b, align_keys.get(i).copied().unwrap_or(0));
                    r.value.format_expanded(b, d | r.diff, n + 1);
                    if !r.elide_comma {
                        b.push(',');
                    }
                    push_spaces(b, align_values.get(i).copied().unwrap_or(0));
                    if let Some(c) = &r.comment {
                        b.push_str(" // ");
                        b.push_str(&c.text());
                    }
                }
                b.push('\n');
                append_indent(b, d, n);
            }
        }
    }
}

fn push_spaces(b: &mut String, n: usize) {
    for _ in 0..n {
        b.push(' ');
    }
}

/// `textList.alignLens`: runs of records not skipped are padded to the longest of the run.
fn align_lens(recs: &[Rec], skip: impl Fn(&Rec) -> bool, len: impl Fn(&Rec) -> usize) -> Vec<usize> {
    let mut lens = vec![0; recs.len()];
    let (mut start, mut end, mut max) = (0, 0, 0);
    let flush = |lens: &mut Vec<usize>, start: usize, end: usize, max: usize| {
        for j in start..end.min(recs.len()) {
            if let (Some(l), Some(r)) = (lens.get_mut(j), recs.get(j)) {
                *l = max - len(r).min(max);
            }
        }
    };
    for (i, r) in recs.iter().enumerate() {
        if skip(r) {
            flush(&mut lens, start, end, max);
            (start, end, max) = (i + 1, i + 1, 0);
        } else {
            max = max.max(len(r));
            end = i + 1;
        }
    }
    flush(&mut lens, start, end, max);
    lens
}

/// `cmp.Diff`'s text for a root node with differences.
pub(super) fn render(root: &Node) -> String {
    let opts = Opts { diff: DIFF_UNKNOWN, ty: TypeMode::Emit, avoid_stringer: false, level: 0, limit: false };
    format_diff(opts, root).map(|t| t.string()).unwrap_or_default()
}

/// `FormatDiff`
fn format_diff(opts: Opts, v: &Node) -> Option<Text> {
    let opts = if opts.diff == DIFF_IDENTICAL {
        opts.with_verbosity(1)
    } else if opts.verbosity() < 3 {
        opts.with_verbosity(3)
    } else {
        opts
    };
    if can_format_diff_slice(opts, v) {
        return format_diff_slice(opts, v);
    }
    if v.max_depth == 0 {
        return match opts.diff {
            DIFF_UNKNOWN | DIFF_IDENTICAL if v.num_diff == 0 => {
                let outx = format_value(opts, v.x);
                let outy = format_value(opts, v.y);
                match (outx, outy) {
                    (Some(x), Some(y)) if x.len() < y.len() => Some(x),
                    (x, y) => y.or(x),
                }
            }
            DIFF_UNKNOWN | DIFF_IDENTICAL => {
                let elide = opts.with_type(TypeMode::Elide);
                let (mut outx, mut outy) = (format_value(elide, v.x), format_value(elide, v.y));
                let mut i = 0;
                while i <= MAX_VERBOSITY_PRESET && outx.is_some() && outy.is_some() && outx == outy {
                    let o = opts.preset(i).with_type(TypeMode::Elide);
                    (outx, outy) = (format_value(o, v.x), format_value(o, v.y));
                    i += 1;
                }
                let mut list = Vec::new();
                if let Some(x) = outx {
                    list.push(Rec::diffed(DIFF_REMOVED, String::new(), x));
                }
                if let Some(y) = outy {
                    list.push(Rec::diffed(DIFF_INSERTED, String::new(), y));
                }
                Some(format_type(opts.with_type(TypeMode::Emit), v.ty, v.kind, Text::List(list)))
            }
            DIFF_REMOVED => format_value(opts, v.x),
            _ => format_value(opts, v.y),
        };
    }
    match v.kind {
        GoKind::Ptr => {
            let inner = v.value.as_deref().and_then(|c| format_diff(opts, c)).unwrap_or_else(nil);
            Some(Text::Wrap("&".into(), Box::new(inner), String::new()))
        }
        kind => {
            let out = format_diff_list(opts, &v.records, kind);
            Some(format_type(opts, v.ty, kind, out))
        }
    }
}

/// `formatDiffList`: the records of a struct, slice or map.
fn format_diff_list(opts: Opts, recs: &[super::Record], kind: GoKind) -> Text {
    let (name, mut opts) = match kind {
        GoKind::Struct => ("field", opts.with_type(TypeMode::Auto)),
        GoKind::Map => ("entry", opts.with_type(TypeMode::Elide)),
        _ => ("element", opts.with_type(TypeMode::Elide)),
    };
    let key_of = |r: &super::Record| match &r.key {
        RecordKey::Field(f) => f.to_string(),
        RecordKey::Index => String::new(),
        RecordKey::Map(k) => format_map_key(k),
    };
    let mut max_len: Option<usize> = None;
    if opts.limit {
        max_len = Some(if opts.diff == DIFF_IDENTICAL {
            opts.value_len()
        } else {
            (1usize << opts.verbosity()) << 1
        });
        opts.level -= 1;
    }

    if opts.diff != DIFF_UNKNOWN {
        // unification: one side only, or both sides printed as equal
        let mut list = Vec::new();
        let mut deferred = false;
        for r in recs {
            if Some(list.len()) == max_len {
                deferred = true;
                break;
            }
            if kind == GoKind::Struct {
                let zero = |v: Option<&GoValue>| v.is_none_or(GoValue::is_zero);
                let is_zero = match opts.diff {
                    DIFF_IDENTICAL => zero(r.value.x) || zero(r.value.y),
                    DIFF_REMOVED => zero(r.value.x),
                    _ => zero(r.value.y),
                };
                if is_zero {
                    continue;
                }
            }
            if let Some(out) = format_diff(opts, &r.value) {
                list.push(Rec::new(key_of(r), out));
            }
        }
        if deferred {
            append_ellipsis(&mut list, Stats::default());
        }
        return Text::Wrap("{".into(), Box::new(Text::List(list)), "}".into());
    }

    // differencing
    let mut list = Vec::new();
    let mut num_diffs = 0;
    let groups = coalesce(name, recs);
    let mut max_group = Stats { name, ..Stats::default() };
    let mut rest = recs;
    let last = groups.len().saturating_sub(1);
    for (i, mut ds) in groups.into_iter().enumerate() {
        if max_len.is_some_and(|m| num_diffs >= m) {
            max_group = max_group.append(ds);
            continue;
        }
        if ds.num_diff() == 0 {
            let num_equal = ds.identical;
            let (mut lo, mut hi) = (0, 0);
            while lo < NUM_CONTEXT_RECORDS && lo + hi < num_equal && i != 0 {
                lo += 1;
            }
            while hi < NUM_CONTEXT_RECORDS && lo + hi < num_equal && i != last {
                hi += 1;
            }
            if num_equal - (lo + hi) == 1 {
                hi += 1; // avoid pointless coalescing of a single equal record
            }
            let identical = opts.with_diff(DIFF_IDENTICAL);
            for r in rest.iter().take(lo) {
                list.push(Rec::new(key_of(r), format_diff(identical, &r.value).unwrap_or_else(ellipsis)));
            }
            if num_equal > lo + hi {
                ds.identical -= lo + hi;
                append_ellipsis(&mut list, ds);
            }
            for r in rest.get(num_equal - hi..num_equal).unwrap_or_default() {
                list.push(Rec::new(key_of(r), format_diff(identical, &r.value).unwrap_or_else(ellipsis)));
            }
            rest = rest.get(num_equal..).unwrap_or_default();
            continue;
        }
        let nd = ds.num_diff();
        for r in rest.iter().take(nd) {
            if can_format_diff_slice(opts, &r.value) {
                if let Some(out) = format_diff_slice(opts, &r.value) {
                    list.push(Rec::new(key_of(r), out));
                }
            } else if r.value.num_children == r.value.max_depth {
                let side = |o: Opts| (format_diff(o.with_diff(DIFF_REMOVED), &r.value), format_diff(o.with_diff(DIFF_INSERTED), &r.value));
                let (mut outx, mut outy) = side(opts);
                let mut i = 0;
                while i <= MAX_VERBOSITY_PRESET && outx.is_some() && outy.is_some() && outx == outy {
                    (outx, outy) = side(opts.preset(i));
                    i += 1;
                }
                if let Some(x) = outx {
                    list.push(Rec::diffed(DIFF_REMOVED, key_of(r), x));
                }
                if let Some(y) = outy {
                    list.push(Rec::diffed(DIFF_INSERTED, key_of(r), y));
                }
            } else if let Some(out) = format_diff(opts, &r.value) {
                list.push(Rec::new(key_of(r), out));
            }
        }
        rest = rest.get(nd..).unwrap_or_default();
        num_diffs += nd;
    }
    if !max_group.is_zero() {
        append_ellipsis(&mut list, max_group);
    }
    Text::Wrap("{".into(), Box::new(Text::List(list)), "}".into())
}

/// `coalesceAdjacentRecords`: runs of equal records and runs of different ones.
fn coalesce(name: &'static str, recs: &[super::Record]) -> Vec<Stats> {
    let mut groups: Vec<Stats> = Vec::new();
    let mut prev = 0;
    for r in recs {
        let case = if r.value.num_diff == 0 { 1 } else { 2 };
        if case != prev || groups.is_empty() {
            groups.push(Stats { name, ..Stats::default() });
            prev = case;
        }
        if let Some(g) = groups.last_mut() {
            let v = &r.value;
            match () {
                _ if v.num_diff == 0 => g.identical += 1,
                _ if v.y.is_none() => g.removed += 1,
                _ if v.x.is_none() => g.inserted += 1,
                _ => g.modified += 1,
            }
        }
    }
    groups
}

/// report_slices.go `CanFormatDiffSlice`: two differing strings of 64 bytes or more, or two
/// non-nil slices of numbers that are long or mostly different, get a diff of their own. Strings
/// that are not text (control characters) are not given one here: go-cmp prints them as a hex
/// dump, which this port does not do.
fn can_format_diff_slice(opts: Opts, v: &Node) -> bool {
    if opts.diff != DIFF_UNKNOWN || v.num_diff == 0 || v.num_compared > 1 || (v.num_compared == 1 && v.ty.named) {
        return false;
    }
    let (Some(x), Some(y)) = (v.x, v.y) else { return false };
    const MIN_LENGTH: usize = 64;
    match (&x.kind, &y.kind) {
        (Kind::Str(a), Kind::Str(b)) => {
            a.len() >= MIN_LENGTH && b.len() >= MIN_LENGTH && a.chars().chain(b.chars()).all(|c| crate::gofmt::is_print(c) || c.is_whitespace())
        }
        (Kind::Slice(Some(a), elem), Kind::Slice(Some(b), _)) if number_bits(elem).is_some() => {
            v.num_diff > v.num_same || (a.len() >= MIN_LENGTH && b.len() >= MIN_LENGTH)
        }
        _ => false,
    }
}

/// The chunk size report_slices.go uses for a slice of this element type, if it is a number or
/// boolean kind.
fn number_bits(elem: &GoType) -> Option<usize> {
    match elem.name.as_str() {
        "bool" | "int8" | "uint8" | "byte" => Some(16),
        "int16" | "uint16" => Some(12),
        "int32" | "uint32" | "int64" | "uint64" | "int" | "uint" => Some(8),
        _ => None,
    }
}

/// report_slices.go `FormatDiffSlice`: lined text diffed line by line (triple-quoted when that
/// stays unambiguous), single-line text in chunks of 64 bytes joined by `strings.Join`, numbers
/// in chunks.
fn format_diff_slice(opts: Opts, v: &Node) -> Option<Text> {
    let (x, y) = (v.x?, v.y?);
    match (&x.kind, &y.kind) {
        (Kind::Str(sx), Kind::Str(sy)) => {
            let (mut num_lines, mut last, mut max_line) = (0usize, 0usize, 0usize);
            for (i, c) in format!("{sx}{sy}").char_indices() {
                if c == '\n' {
                    max_line = max_line.max(i - last);
                    last = i + 1;
                    num_lines += 1;
                }
            }
            let named = v.ty.named;
            if num_lines >= 4 && max_line <= 256 {
                let lx: Vec<&[u8]> = sx.split('\n').map(str::as_bytes).collect();
                let ly: Vec<&[u8]> = sy.split('\n').map(str::as_bytes).collect();
                let list = format_diff_chunks(&lx, &ly, 1, "line", &|c, d| {
                    Rec::diffed(d, String::new(), Text::Line(go_string_literal(c.first().copied().unwrap_or_default())))
                });
                let mut triple = true;
                let mut prev: Vec<String> = Vec::new();
                let mut list2 = vec![Rec { elide_comma: true, ..Rec::new(String::new(), Text::Line("\"\"\"".into())) }];
                for (mut r, chunk) in list.iter().cloned() {
                    if let Some(chunk) = chunk {
                        let raw = std::str::from_utf8(chunk.first().copied().unwrap_or_default()).unwrap_or_default();
                        let line = raw.strip_suffix('\r').unwrap_or(raw);
                        let line = line.strip_prefix('\r').unwrap_or(line);
                        let norm: String = line.chars().filter(|c| !c.is_whitespace()).collect();
                        triple = triple
                            && !line.starts_with("\"\"\"")
                            && !line.starts_with("...")
                            && line.chars().all(|c| crate::gofmt::is_print(c) || c == '\t')
                            && (r.diff == 0 || !prev.contains(&norm));
                        if !triple {
                            break;
                        }
                        r.value = Text::Line(line.to_string());
                        r.elide_comma = true;
                        prev.push(norm);
                    }
                    if r.diff == 0 {
                        prev.clear();
                    }
                    list2.push(r);
                }
                if list2.last().is_some_and(|r| r.diff == DIFF_IDENTICAL && r.value == Text::Line(String::new())) {
                    list2.pop();
                }
                list2.push(Rec { elide_comma: true, ..Rec::new(String::new(), Text::Line("\"\"\"".into())) });
                if triple {
                    let out = Text::Wrap("(".into(), Box::new(Text::List(list2)), ")".into());
                    return Some(if named { format_type(opts, v.ty, GoKind::Scalar, out) } else { out });
                }
                let list = list.into_iter().map(|(r, _)| r).collect();
                return Some(join("strings.Join(", list, "\"\\n\"", named, opts, v.ty));
            }
            let (bx, by): (Vec<&[u8]>, Vec<&[u8]>) = (sx.as_bytes().chunks(1).collect(), sy.as_bytes().chunks(1).collect());
            let list = format_diff_chunks(&bx, &by, 64, "byte", &|c, d| {
                Rec::diffed(d, String::new(), Text::Line(go_string_literal(&c.concat())))
            });
            let list = list.into_iter().map(|(r, _)| r).collect();
            Some(join("strings.Join(", list, "\"\"", named, opts, v.ty))
        }
        (Kind::Slice(Some(ix), elem), Kind::Slice(Some(iy), _)) => {
            let chunk = number_bits(elem)?;
            let text = |g: &GoValue| match &g.kind {
                Kind::Int(i) => i.to_string(),
                Kind::Bool(b) => b.to_string(),
                _ => String::new(),
            };
            let (ax, ay): (Vec<String>, Vec<String>) = (ix.iter().map(text).collect(), iy.iter().map(text).collect());
            let (bx, by): (Vec<&[u8]>, Vec<&[u8]>) = (ax.iter().map(|s| s.as_bytes()).collect(), ay.iter().map(|s| s.as_bytes()).collect());
            let list = format_diff_chunks(&bx, &by, chunk, kind_name(&elem.name), &|c, d| {
                Rec::diffed(d, String::new(), Text::Line(c.iter().map(|b| String::from_utf8_lossy(b)).collect::<Vec<_>>().join(", ")))
            });
            let list = list.into_iter().map(|(r, _)| r).collect();
            Some(format_type(opts, v.ty, GoKind::Slice, Text::Wrap("{".into(), Box::new(Text::List(list)), "}".into())))
        }
        _ => None,
    }
}

fn kind_name(name: &str) -> &'static str {
    match name {
        "bool" => "bool",
        "int8" => "int8",
        "int16" => "int16",
        "int32" => "int32",
        "uint8" | "byte" => "uint8",
        "uint16" => "uint16",
        "uint32" => "uint32",
        "uint64" => "uint64",
        "int" => "int",
        "uint" => "uint",
        _ => "int64",
    }
}

/// `strings.Join({…}, "…")`, in the type's name when it is a defined string type.
fn join(prefix: &str, list: Vec<Rec>, delim: &str, named: bool, opts: Opts, ty: &GoType) -> Text {
    let out = Text::Wrap(
        prefix.into(),
        Box::new(Text::Wrap("{".into(), Box::new(Text::List(list)), "}".into())),
        format!(", {delim})"),
    );
    if named {
        format_type(opts, ty, GoKind::Scalar, out)
    } else {
        out
    }
}

/// report_slices.go `formatDiffSlice`: the edit script of two sequences, printed in chunks, with
/// runs of equal elements elided. Each record comes with the chunk it prints (none for an
/// ellipsis).
fn format_diff_chunks<'e>(
    x: &'e [&'e [u8]],
    y: &'e [&'e [u8]],
    chunk: usize,
    name: &'static str,
    make: &dyn Fn(&'e [&'e [u8]], DiffMode) -> Rec,
) -> Vec<(Rec, Option<&'e [&'e [u8]]>)> {
    const MAX_DIFF_ELEMENTS: usize = 32;
    let es = super::difference(x.len(), y.len(), &|i, j| if x.get(i) == y.get(j) { (1, 0) } else { (0, 2) });
    type Chunks<'e> = Vec<(Rec, Option<&'e [&'e [u8]]>)>;
    let mut list: Chunks = Vec::new();
    let append_chunks = |list: &mut Chunks<'e>, mut v: &'e [&'e [u8]], d: DiffMode| -> usize {
        let n0 = v.len();
        while !v.is_empty() {
            let n = chunk.min(v.len());
            let (head, tail) = v.split_at(n);
            list.push((make(head, d), Some(head)));
            v = tail;
        }
        n0
    };
    let push_ellipsis = |list: &mut Chunks<'e>, ds: Stats| {
        let mut recs: Vec<Rec> = list.iter().map(|(r, _)| r.clone()).collect();
        let before = recs.len();
        append_ellipsis(&mut recs, ds);
        if recs.len() > before {
            if let Some(r) = recs.pop() {
                list.push((r, None));
            }
        } else if let (Some(r), Some(last)) = (recs.pop(), list.last_mut()) {
            last.0 = r;
        }
    };
    let mut groups: Vec<Stats> = Vec::new();
    let mut prev = 0;
    for e in es {
        let case = if e == super::Edit::Identity { 1 } else { 2 };
        if case != prev {
            groups.push(Stats { name, ..Stats::default() });
            prev = case;
        }
        if let Some(g) = groups.last_mut() {
            match e {
                super::Edit::Identity => g.identical += 1,
                super::Edit::UniqueX => g.removed += 1,
                super::Edit::UniqueY => g.inserted += 1,
                super::Edit::Modified => g.modified += 1,
            }
        }
    }
    let groups = coalesce_intervening_identical(groups, chunk / 4);
    let mut max_group = Stats { name, ..Stats::default() };
    let (mut vx, mut vy) = (x, y);
    let last = groups.len().saturating_sub(1);
    for (i, mut ds) in groups.into_iter().enumerate() {
        if list.len() >= MAX_DIFF_ELEMENTS {
            max_group = max_group.append(ds);
            continue;
        }
        if ds.num_diff() == 0 {
            let num_equal = ds.identical;
            let (mut lo, mut hi) = (0, 0);
            while lo < chunk * NUM_CONTEXT_RECORDS && lo + hi < num_equal && i != 0 {
                lo += 1;
            }
            while hi < chunk * NUM_CONTEXT_RECORDS && lo + hi < num_equal && i != last {
                hi += 1;
            }
            if num_equal - (lo + hi) <= chunk {
                hi = num_equal - lo;
            }
            append_chunks(&mut list, vx.get(..lo).unwrap_or_default(), DIFF_IDENTICAL);
            if num_equal > lo + hi {
                ds.identical -= lo + hi;
                push_ellipsis(&mut list, ds);
            }
            append_chunks(&mut list, vx.get(num_equal - hi..num_equal).unwrap_or_default(), DIFF_IDENTICAL);
            vx = vx.get(num_equal..).unwrap_or_default();
            vy = vy.get(num_equal..).unwrap_or_default();
            continue;
        }
        let nx = append_chunks(&mut list, vx.get(..ds.identical + ds.removed + ds.modified).unwrap_or(vx), DIFF_REMOVED);
        vx = vx.get(nx..).unwrap_or_default();
        let ny = append_chunks(&mut list, vy.get(..ds.identical + ds.inserted + ds.modified).unwrap_or(vy), DIFF_INSERTED);
        vy = vy.get(ny..).unwrap_or_default();
    }
    if !max_group.is_zero() {
        push_ellipsis(&mut list, max_group);
    }
    list
}

/// `coalesceInterveningIdentical`: short equal runs between changes that remove and insert are
/// folded into one change.
fn coalesce_intervening_identical(groups: Vec<Stats>, window: usize) -> Vec<Stats> {
    let mut out: Vec<Stats> = Vec::new();
    for ds in groups {
        if out.len() >= 2 && ds.num_diff() > 0 {
            let n = out.len();
            if let (Some(prev), Some(curr)) = (out.get(n - 2).copied(), out.get(n - 1).copied()) {
                let (had_x, had_y) = (prev.removed > 0, prev.inserted > 0);
                let (has_x, has_y) = (ds.removed > 0, ds.inserted > 0);
                if (had_x || has_x) && (had_y || has_y) && curr.identical <= window {
                    out.truncate(n - 1);
                    if let Some(p) = out.last_mut() {
                        *p = prev.append(curr).append(ds);
                    }
                    continue;
                }
            }
        }
        out.push(ds);
    }
    out
}

/// `FormatType`: the value wrapped in its type name when the type mode asks for it.
fn format_type(opts: Opts, ty: &GoType, kind: GoKind, s: Text) -> Text {
    match opts.ty {
        TypeMode::Elide => return s,
        TypeMode::Auto => {
            if !matches!(kind, GoKind::Struct | GoKind::Slice | GoKind::Map) || s == nil() || opts.diff == DIFF_IDENTICAL {
                return s;
            }
        }
        TypeMode::Emit => {}
    }
    let name = if !ty.named && kind == GoKind::Ptr { format!("({})", ty.name) } else { ty.name.clone() };
    Text::Wrap(name, Box::new(wrap_parens(s)), String::new())
}

/// `wrapParens`
fn wrap_parens(s: Text) -> Text {
    if let Text::Wrap(p, _, suf) = &s {
        if (p.starts_with('(') && suf.ends_with(')')) || (p.starts_with('{') && suf.ends_with('}')) {
            return s;
        }
    }
    Text::Wrap("(".into(), Box::new(s), ")".into())
}

/// `FormatValue`: one value printed alone.
fn format_value(opts: Opts, v: Option<&GoValue>) -> Option<Text> {
    let v = v?;
    if v.ty.stringer && !opts.avoid_stringer {
        if let Kind::Str(s) = &v.kind {
            return Some(format_string(opts, "s", s));
        }
    }
    let mut skip_type = false;
    let out = match &v.kind {
        Kind::Bool(b) => Text::Line(b.to_string()),
        Kind::Int(i) => Text::Line(i.to_string()),
        Kind::Str(s) => format_string(opts, "", s),
        Kind::Struct(_) | Kind::Equal { .. } => {
            let fields = match &v.kind {
                Kind::Equal { shown, .. } => match &shown.kind {
                    Kind::Struct(f) => f.as_slice(),
                    _ => &[],
                },
                Kind::Struct(f) => f.as_slice(),
                _ => &[],
            };
            let present = fields.iter().filter(|(_, f)| !f.is_zero());
            value_list(opts, fields.len(), TypeMode::Auto, present.map(|(name, f)| (name.clone(), f)))
        }
        Kind::Slice(None, _) | Kind::Map(None) | Kind::Ptr(None) => nil(),
        Kind::Slice(Some(items), _) => value_list(opts, items.len(), TypeMode::Elide, items.iter().map(|i| (String::new(), i))),
        Kind::Map(Some(entries)) => {
            value_list(opts, entries.len(), TypeMode::Elide, entries.iter().map(|(k, val)| (format_map_key(k), val)))
        }
        Kind::Ptr(Some(target)) => {
            skip_type = true;
            let inner = format_value(opts, Some(target)).unwrap_or_else(nil);
            Text::Wrap("&".into(), Box::new(inner), String::new())
        }
    };
    Some(if skip_type { out } else { format_type(opts, &v.ty, v.go_kind(), out) })
}

/// The records of a struct (its non-zero fields), slice or map printed alone, cut after the
/// verbosity's count with an ellipsis.
fn value_list<'v>(opts: Opts, len: usize, mode: TypeMode, items: impl Iterator<Item = (String, &'v GoValue)>) -> Text {
    let mut o = opts;
    let max_len = if o.limit {
        let m = o.value_len();
        o.level -= 1;
        m
    } else {
        len
    };
    let mut list = Vec::new();
    for (key, item) in items {
        if list.len() == max_len {
            append_ellipsis(&mut list, Stats::default());
            break;
        }
        if let Some(s) = format_value(o.with_type(mode), Some(item)) {
            list.push(Rec::new(key, s));
        }
    }
    Text::Wrap("{".into(), Box::new(Text::List(list)), "}".into())
}

/// `formatMapKey`: a key on one line.
fn format_map_key(k: &GoValue) -> String {
    let opts = Opts {
        diff: DIFF_IDENTICAL,
        ty: TypeMode::Elide,
        avoid_stringer: false,
        level: MAX_VERBOSITY_PRESET,
        limit: true,
    };
    format_value(opts, Some(k)).map(|t| t.string().trim().to_string()).unwrap_or_default()
}

/// report_reflect.go `formatString` (the method): a string value, triple-quoted over several
/// lines when a removed or inserted string has four lines or more, cut after the verbosity's
/// length.
fn format_string(opts: Opts, prefix: &str, s: &str) -> Text {
    let (max_len, max_lines) = if opts.limit {
        ((1usize << opts.verbosity()) << 5, (1usize << opts.verbosity()) << 2)
    } else {
        (s.len(), s.matches('\n').count() + 1)
    };
    let lines: Vec<String> = s.strip_suffix('\n').unwrap_or(s).split('\n').map(str::to_string).collect();
    let mut triple = lines.len() >= 4 && (opts.diff == DIFF_REMOVED || opts.diff == DIFF_INSERTED);
    let mut lines = lines;
    for line in lines.iter_mut() {
        if !triple {
            break;
        }
        let trimmed = line.strip_suffix('\r').unwrap_or(line);
        let trimmed = trimmed.strip_prefix('\r').unwrap_or(trimmed).to_string();
        *line = trimmed;
        triple = !line.strip_prefix(prefix).unwrap_or(line).starts_with("\"\"\"")
            && !line.starts_with("...")
            && line.chars().all(|c| crate::gofmt::is_print(c) || c == '\t')
            && line.len() <= max_len;
    }
    if triple {
        let quote = Text::Line(format!("{prefix}\"\"\""));
        let mut list = vec![Rec { elide_comma: true, ..Rec::diffed(opts.diff, String::new(), quote.clone()) }];
        for (i, line) in lines.iter().enumerate() {
            let elided = lines.len() - i;
            if i + 1 == max_lines && elided > 1 {
                list.push(Rec {
                    elide_comma: true,
                    comment: Some(Comment::Text(format!("{elided} elided lines"))),
                    ..Rec::diffed(opts.diff, String::new(), ellipsis())
                });
                break;
            }
            list.push(Rec { elide_comma: true, ..Rec::diffed(opts.diff, String::new(), Text::Line(line.clone())) });
        }
        list.push(Rec { elide_comma: true, ..Rec::diffed(opts.diff, String::new(), quote) });
        return Text::Wrap("(".into(), Box::new(Text::List(list)), ")".into());
    }
    if s.len() > max_len + 3 {
        let cut = s.as_bytes().get(..max_len).unwrap_or_default();
        return Text::Line(format!("{prefix}{}...", go_string_literal(cut)));
    }
    Text::Line(format!("{prefix}{}", go_string_literal(s.as_bytes())))
}

/// report_reflect.go `formatString` (the function): `strconv.Quote`, or a raw string literal
/// when quoting would escape something a backquoted string can hold.
fn go_string_literal(s: &[u8]) -> String {
    let qs = crate::gofmt::go_quote_bytes(s);
    if qs.len() == s.len() + 2 {
        return qs;
    }
    if let Ok(text) = std::str::from_utf8(s) {
        if !text.chars().any(|c| c == '`' || c == '\n' || !(crate::gofmt::is_print(c) || c == '\t')) {
            return format!("`{text}`");
        }
    }
    qs
}

#[cfg(test)]
pub(super) fn stats_texts() -> Vec<String> {
    let st = |identical, removed, inserted, modified, name| Stats { name, identical, removed, inserted, modified }.text();
    vec![st(1, 0, 0, 0, "field"), st(2, 0, 0, 0, "entry"), st(0, 1, 2, 0, "element"), st(1, 1, 0, 1, "element")]
}
