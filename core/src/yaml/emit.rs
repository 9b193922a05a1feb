//! Renders a tree as `kubectl get -o yaml` prints an object: JSON → YAML through go-yaml v2 (the
//! emitter's scalar analysis, quoting and key order), the writer beside the reader of [`super`].

use super::resolve::TagKind;
use crate::tree::{Entry, Node, Value};

/// Renders a tree as `kubectl get -o yaml` prints an object (JSON → YAML through go-yaml v2):
/// keys sorted the way go-yaml sorts map keys, 2-space indentation, list items at their
/// parent key's indentation, strings quoted only where YAML would read them as something else,
/// multi-line strings as literal blocks.
///
/// Simplification: go-yaml also folds long plain strings at 80 columns; this renderer keeps
/// every scalar on one line.
pub fn to_yaml(node: &Node) -> String {
    render(node, false)
}

/// [`to_yaml`] with a `# defaulted` comment on the line of every node defaulting added (once per
/// added subtree), for tests and for explaining where each line came from.
pub fn to_yaml_annotated(node: &Node) -> String {
    render(node, true)
}

fn render(node: &Node, mark: bool) -> String {
    let mut r = Renderer {
        out: String::new(),
        mark,
    };
    match &node.value {
        Value::Map(entries) if !entries.is_empty() => r.map_body(entries, 0, false, 0),
        Value::Seq(items) if !items.is_empty() => r.seq_body(items, 0, false, 0),
        _ => {
            let s = r.scalar_inline(node, 0);
            r.out.push_str(&s);
            if mark && node.defaulted {
                r.out.push_str("  # defaulted");
            }
            r.out.push('\n');
        }
    }
    r.out
}

const MAX_RENDER_DEPTH: usize = 100;

struct Renderer {
    out: String,
    mark: bool,
}

impl Renderer {
    fn comment(&mut self, n: &Node, inside_defaulted: bool) {
        if self.mark && n.defaulted && !inside_defaulted {
            self.out.push_str("  # defaulted");
        }
    }

    /// Writes the entries of a non-empty map, the first one continuing the current line when
    /// `first_inline` (after `- `).
    fn map_body(&mut self, entries: &[Entry], indent: usize, first_inline: bool, depth: usize) {
        self.map_body_in(entries, indent, first_inline, depth, false)
    }

    fn map_body_in(
        &mut self,
        entries: &[Entry],
        indent: usize,
        first_inline: bool,
        depth: usize,
        in_def: bool,
    ) {
        let mut sorted: Vec<&Entry> = entries.iter().collect();
        sorted.sort_by(|a, b| go_yaml_key_cmp(&a.key, &b.key));
        for (i, e) in sorted.into_iter().enumerate() {
            if !(i == 0 && first_inline) {
                self.out.push_str(&" ".repeat(indent));
            }
            self.out.push_str(&yaml_string(&e.key, 0, true));
            self.out.push(':');
            self.value_after_key(&e.value, indent, depth + 1, in_def);
        }
    }

    fn value_after_key(&mut self, v: &Node, indent: usize, depth: usize, in_def: bool) {
        let child_def = in_def || v.defaulted;
        if depth > MAX_RENDER_DEPTH {
            self.out.push_str(" …\n");
            return;
        }
        match &v.value {
            Value::Map(entries) if !entries.is_empty() => {
                self.comment(v, in_def);
                self.out.push('\n');
                self.map_body_in(entries, indent + 2, false, depth, child_def);
            }
            Value::Seq(items) if !items.is_empty() => {
                self.comment(v, in_def);
                self.out.push('\n');
                // go-yaml v2 writes a sequence inside a mapping at the key's indentation.
                self.seq_body_in(items, indent, depth, child_def);
            }
            _ => {
                self.out.push(' ');
                let s = self.scalar_inline(v, indent + 2);
                self.out.push_str(&s);
                self.comment_scalar(v, in_def, &s);
            }
        }
    }

    fn comment_scalar(&mut self, v: &Node, in_def: bool, rendered: &str) {
        if self.mark && v.defaulted && !in_def {
            // A block scalar's header line is where the comment can go.
            if let Some(pos) = rendered.find('\n') {
                let insert_at = self.out.len() - rendered.len() + pos;
                self.out.insert_str(insert_at, "  # defaulted");
                self.out.push('\n');
                return;
            }
            self.out.push_str("  # defaulted");
        }
        if !self.out.ends_with('\n') {
            self.out.push('\n');
        }
    }

    fn seq_body(&mut self, items: &[Node], indent: usize, _inline: bool, depth: usize) {
        self.seq_body_in(items, indent, depth, false)
    }

    fn seq_body_in(&mut self, items: &[Node], indent: usize, depth: usize, in_def: bool) {
        for item in items {
            self.out.push_str(&" ".repeat(indent));
            self.out.push_str("- ");
            let child_def = in_def || item.defaulted;
            if depth > MAX_RENDER_DEPTH {
                self.out.push_str("…\n");
                continue;
            }
            match &item.value {
                Value::Map(entries) if !entries.is_empty() => {
                    // The marker goes on the item's first line: render it, then annotate.
                    let start = self.out.len();
                    self.map_body_in(entries, indent + 2, true, depth + 1, child_def);
                    if self.mark && item.defaulted && !in_def {
                        if let Some(nl) = self.out[start..].find('\n') {
                            self.out.insert_str(start + nl, "  # defaulted");
                        }
                    }
                }
                Value::Seq(items) if !items.is_empty() => {
                    // `- - a`: go-yaml puts a nested sequence's first item on the same line.
                    let start = self.out.len();
                    let mut inner = Renderer {
                        out: String::new(),
                        mark: self.mark,
                    };
                    inner.seq_body_in(items, indent + 2, depth + 1, child_def);
                    let text = inner.out;
                    let trimmed = text.get(indent + 2..).unwrap_or("");
                    self.out.push_str(trimmed);
                    if self.mark && item.defaulted && !in_def {
                        if let Some(nl) = self.out[start..].find('\n') {
                            self.out.insert_str(start + nl, "  # defaulted");
                        }
                    }
                }
                _ => {
                    let s = self.scalar_inline(item, indent + 2);
                    self.out.push_str(&s);
                    self.comment_scalar(item, in_def, &s);
                }
            }
        }
    }

    /// A scalar (or an empty map/list) as it follows `key: ` or `- `; a block scalar spans
    /// several lines, its content indented at `indent`.
    fn scalar_inline(&self, n: &Node, indent: usize) -> String {
        match &n.value {
            Value::Null => "null".to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Int(i) => i.to_string(),
            Value::Uint(u) => u.to_string(),
            Value::Float(f) => yaml_float(*f),
            Value::Str(s) => yaml_string(s, indent, false),
            Value::Seq(_) => "[]".to_string(),
            Value::Map(_) => "{}".to_string(),
        }
    }
}

/// go-yaml v2's float formatting: `strconv.FormatFloat(f, 'g', -1, 64)`, with `.inf`/`.nan`.
fn yaml_float(f: f64) -> String {
    if f.is_nan() {
        return ".nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 {
            ".inf".into()
        } else {
            "-.inf".into()
        };
    }
    crate::gofmt::format_float_g(f, false)
}

/// A string scalar as go-yaml v2 emits it: plain when YAML would read it back as the same
/// string, a literal block (`|`, `|-`, `|+`) for multi-line text, single quotes when plain is
/// not allowed, double quotes when the string would resolve to another type or has characters
/// single quotes cannot carry.
fn yaml_string(s: &str, indent: usize, is_key: bool) -> String {
    let a = analyze_scalar(s);
    let resolves_to_string = !resolves_non_string(s) && !is_base60_float(s);
    let multiline = s.contains('\n');
    if multiline && !is_key && a.block_allowed {
        return literal_block(s, indent);
    }
    if resolves_to_string && !multiline && a.block_plain_allowed && !s.is_empty() {
        return s.to_string();
    }
    if resolves_to_string && a.single_quoted_allowed && !multiline {
        return format!("'{}'", s.replace('\'', "''"));
    }
    double_quoted(s)
}

fn literal_block(s: &str, indent: usize) -> String {
    let trailing = s.len() - s.trim_end_matches('\n').len();
    let chomp = match trailing {
        0 => "-",
        1 => "",
        _ => "+",
    };
    let indicator = if s.starts_with(' ') || s.starts_with('\n') {
        "2"
    } else {
        ""
    };
    let mut out = format!("|{indicator}{chomp}");
    let body = if trailing > 0 { &s[..s.len() - 1] } else { s };
    for line in body.split('\n') {
        out.push('\n');
        if !line.is_empty() {
            out.push_str(&" ".repeat(indent));
            out.push_str(line);
        }
    }
    out
}

fn double_quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\0' => out.push_str("\\0"),
            '\x07' => out.push_str("\\a"),
            '\x08' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\x0b' => out.push_str("\\v"),
            '\x0c' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '\x1b' => out.push_str("\\e"),
            '\u{85}' => out.push_str("\\N"),
            '\u{a0}' => out.push_str("\\_"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if !is_printable(c) => {
                let v = c as u32;
                if v <= 0xff {
                    out.push_str(&format!("\\x{v:02X}"));
                } else if v <= 0xffff {
                    out.push_str(&format!("\\u{v:04X}"));
                } else {
                    out.push_str(&format!("\\U{v:08X}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn is_printable(c: char) -> bool {
    let v = c as u32;
    v == 0x0a
        || (0x20..=0x7e).contains(&v)
        || v == 0x85
        || (0xa0..=0xd7ff).contains(&v)
        || ((0xe000..=0xfffd).contains(&v) && v != 0xfeff)
        || (0x10000..=0x10ffff).contains(&v)
}

struct ScalarAnalysis {
    block_plain_allowed: bool,
    single_quoted_allowed: bool,
    block_allowed: bool,
}

/// `yaml_emitter_analyze_scalar` (block context, unicode output on).
fn analyze_scalar(s: &str) -> ScalarAnalysis {
    if s.is_empty() {
        return ScalarAnalysis {
            block_plain_allowed: true,
            single_quoted_allowed: true,
            block_allowed: false,
        };
    }
    let chars: Vec<char> = s.chars().collect();
    let blankz = |i: usize| {
        chars.get(i).is_none_or(|c| {
            matches!(
                c,
                ' ' | '\t' | '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}'
            )
        })
    };
    let is_break = |c: char| matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}');
    let mut block_indicators = s.starts_with("---") || s.starts_with("...");
    let (mut special, mut line_breaks) = (false, false);
    let (mut leading_space, mut leading_break, mut trailing_space, mut trailing_break) =
        (false, false, false, false);
    let (mut break_space, mut space_break, mut prev_space, mut prev_break) =
        (false, false, false, false);
    let mut preceded_by_ws = true;
    let n = chars.len();
    for (i, &c) in chars.iter().enumerate() {
        let followed_by_ws = blankz(i + 1);
        if i == 0 {
            match c {
                '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\'' | '"'
                | '%' | '@' | '`' => block_indicators = true,
                '?' | ':' if followed_by_ws => block_indicators = true,
                '-' if followed_by_ws => block_indicators = true,
                _ => {}
            }
        } else {
            match c {
                ':' if followed_by_ws => block_indicators = true,
                '#' if preceded_by_ws => block_indicators = true,
                _ => {}
            }
        }
        if !is_printable(c) {
            special = true;
        }
        if is_break(c) {
            line_breaks = true;
        }
        if c == ' ' {
            if i == 0 {
                leading_space = true;
            }
            if i + 1 == n {
                trailing_space = true;
            }
            if prev_break {
                break_space = true;
            }
            prev_space = true;
            prev_break = false;
        } else if is_break(c) {
            if i == 0 {
                leading_break = true;
            }
            if i + 1 == n {
                trailing_break = true;
            }
            if prev_space {
                space_break = true;
            }
            prev_break = true;
            prev_space = false;
        } else {
            prev_space = false;
            prev_break = false;
        }
        preceded_by_ws = blankz(i);
    }
    let mut a = ScalarAnalysis {
        block_plain_allowed: true,
        single_quoted_allowed: true,
        block_allowed: true,
    };
    if leading_space || leading_break || trailing_space || trailing_break {
        a.block_plain_allowed = false;
    }
    if trailing_space {
        a.block_allowed = false;
    }
    if break_space {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
    }
    if space_break || special {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
        a.block_allowed = false;
    }
    if line_breaks || block_indicators {
        a.block_plain_allowed = false;
    }
    a
}

/// go-yaml v2's `resolve("", s)` gives a tag other than `!!str` (null, bool, int, float,
/// timestamp): the emitter quotes such a string so that it reads back as a string.
fn resolves_non_string(s: &str) -> bool {
    !matches!(super::resolve::resolve("", s), Ok((TagKind::Str, _)))
}

/// `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$` (YAML 1.1 sexagesimal numbers).
fn is_base60_float(s: &str) -> bool {
    let b = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (main, frac) = match b.split_once('.') {
        Some((m, f)) => (m, Some(f)),
        None => (b, None),
    };
    if let Some(f) = frac {
        if !f.bytes().all(|c| c.is_ascii_digit() || c == b'_') {
            return false;
        }
    }
    let mut parts = main.split(':');
    let Some(head) = parts.next() else {
        return false;
    };
    let hb = head.as_bytes();
    if !hb.first().is_some_and(u8::is_ascii_digit)
        || !hb.iter().all(|c| c.is_ascii_digit() || *c == b'_')
    {
        return false;
    }
    let mut count = 0;
    for p in parts {
        count += 1;
        let pb = p.as_bytes();
        let ok = match pb {
            [d] => d.is_ascii_digit(),
            [tens, d] => (b'0'..=b'5').contains(tens) && d.is_ascii_digit(),
            _ => false,
        };
        if !ok {
            return false;
        }
    }
    count > 0
}

/// go-yaml v2's `keyList.Less` for string keys: runs of digits compare as numbers, a letter
/// sorts after a non-letter, letters compare by code point.
pub fn go_yaml_key_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    if go_yaml_key_less(a, b) {
        Ordering::Less
    } else if go_yaml_key_less(b, a) {
        Ordering::Greater
    } else {
        Ordering::Equal
    }
}

fn go_yaml_key_less(a: &str, b: &str) -> bool {
    let ar: Vec<char> = a.chars().collect();
    let br: Vec<char> = b.chars().collect();
    let mut i = 0;
    while let (Some(&x), Some(&y)) = (ar.get(i), br.get(i)) {
        if x == y {
            i += 1;
            continue;
        }
        let (al, bl) = (x.is_alphabetic(), y.is_alphabetic());
        if al && bl {
            return x < y;
        }
        if al || bl {
            return bl;
        }
        let (mut an, mut bn): (i64, i64) = (0, 0);
        if x == '0' || y == '0' {
            let mut j = i;
            while let Some(&d) = j
                .checked_sub(1)
                .and_then(|k| ar.get(k))
                .filter(|d| d.is_ascii_digit())
            {
                j -= 1;
                if d != '0' {
                    an = 1;
                    bn = 1;
                    break;
                }
            }
        }
        let mut ai = i;
        while let Some(d) = ar.get(ai).and_then(|c| c.to_digit(10)) {
            an = an.saturating_mul(10).saturating_add(i64::from(d));
            ai += 1;
        }
        let mut bi = i;
        while let Some(d) = br.get(bi).and_then(|c| c.to_digit(10)) {
            bn = bn.saturating_mul(10).saturating_add(i64::from(d));
            bi += 1;
        }
        if an != bn {
            return an < bn;
        }
        if ai != bi {
            return ai < bi;
        }
        return x < y;
    }
    ar.len() < br.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn strings_are_quoted_like_go_yaml() {
        assert_eq!(yaml_string("nginx", 0, false), "nginx");
        assert_eq!(yaml_string("", 0, false), "\"\"");
        assert_eq!(yaml_string("1", 0, false), "\"1\"");
        assert_eq!(yaml_string("86400", 0, false), "\"86400\"");
        assert_eq!(yaml_string("true", 0, false), "\"true\"");
        assert_eq!(yaml_string("yes", 0, false), "\"yes\"");
        assert_eq!(yaml_string("-c", 0, false), "-c");
        assert_eq!(yaml_string("echo a: b", 0, false), "'echo a: b'");
        assert_eq!(yaml_string("1:20", 0, false), "\"1:20\"");
        assert_eq!(yaml_string("0.5", 0, false), "\"0.5\"");
        assert_eq!(yaml_string("500m", 0, false), "500m");
        assert_eq!(yaml_string("a\tb", 0, false), "\"a\\tb\"");
        assert_eq!(yaml_string("a\nb", 2, false), "|-\n  a\n  b");
        assert_eq!(yaml_string("2001-12-14", 0, false), "\"2001-12-14\"");
        // Plain when go-yaml's resolve reads the text back as a string (the one resolver
        // decides): not a valid date, a float out of range, `<<` (its first byte has no hint).
        assert_eq!(yaml_string("2001-13-45", 0, false), "2001-13-45");
        assert_eq!(yaml_string("1e999", 0, false), "1e999");
        assert_eq!(yaml_string("<<", 0, false), "<<");
        assert_eq!(yaml_string("0x1F", 0, false), "\"0x1F\"");
        assert_eq!(yaml_string(".5", 0, false), "\".5\"");
    }

    #[test]
    fn keys_sort_like_go_yaml() {
        let mut keys = vec!["b", "a10", "a2", "A", "a-b", "ab"];
        keys.sort_by(|a, b| go_yaml_key_cmp(a, b));
        // `-` and `2` are both non-letters: the digit run 2 beats the empty run of `-`.
        assert_eq!(keys, vec!["A", "a-b", "a2", "a10", "ab", "b"]);
    }

    #[test]
    fn floats_print_like_go_yaml() {
        // go-yaml's floatv: strconv.FormatFloat(f, 'g', -1, 64).
        assert_eq!(yaml_float(0.5), "0.5");
        assert_eq!(yaml_float(1e6), "1e+06");
        assert_eq!(yaml_float(1e-5), "1e-05");
        assert_eq!(yaml_float(100000.0), "100000");
        assert_eq!(yaml_float(f64::NEG_INFINITY), "-.inf");
    }
}
