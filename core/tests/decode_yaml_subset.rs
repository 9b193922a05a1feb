//! A stand-in YAML reader for the decode tests, until `crate::yaml::parse_stream` (branch `yaml`)
//! lands: block mappings and sequences (both `- ` styles), plain/quoted scalars resolved as YAML
//! 1.1 does for the cases the seeds use, flow lists of scalars, `{}`/`[]`, comments, `---`,
//! multi-line plain scalars. It returns `None` for anything else (the seeds with real YAML
//! syntax errors); those cases belong to the YAML reader's tests.
//! FIXME: switch the decode tests to `podplay_core::yaml::parse_stream` when it lands.
#![allow(dead_code)]

use podplay_core::span::Span;
use podplay_core::tree::{Entry, Node, Value};

struct Line {
    start: usize,
    indent: usize,
    text: String,
}

pub fn parse_stream(src: &str) -> Vec<Option<Node>> {
    let mut docs = Vec::new();
    let mut cur: Vec<Line> = Vec::new();
    let mut pos = 0;
    for raw in src.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        if line.starts_with("---") {
            docs.push(std::mem::take(&mut cur));
        } else {
            let stripped = strip_comment(line);
            if !stripped.trim().is_empty() {
                let indent = stripped.len() - stripped.trim_start_matches(' ').len();
                cur.push(Line {
                    start: pos,
                    indent,
                    text: stripped.trim_end().to_string(),
                });
            }
        }
        pos += raw.len();
    }
    docs.push(cur);
    docs.into_iter()
        .filter(|d| !d.is_empty())
        .map(|lines| {
            let mut p = P { lines, i: 0 };
            let n = p.block(0)?;
            if p.i == p.lines.len() {
                Some(n)
            } else {
                None
            }
        })
        .collect()
}

fn strip_comment(line: &str) -> &str {
    let (mut sq, mut dq) = (false, false);
    let b = line.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'\'' if !dq => sq = !sq,
            b'"' if !sq => dq = !dq,
            b'#' if !sq && !dq && (i == 0 || b[i - 1] == b' ') => return &line[..i],
            _ => {}
        }
    }
    line
}

struct P {
    lines: Vec<Line>,
    i: usize,
}

fn key_split(s: &str) -> Option<(usize, usize)> {
    // (key end, value start) within s
    let b = s.as_bytes();
    let (mut sq, mut dq) = (false, false);
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'\'' if !dq => sq = !sq,
            b'"' if !sq => dq = !dq,
            b':' if !sq && !dq && (i + 1 == b.len() || b[i + 1] == b' ') => {
                let vs = s[i + 1..].len() - s[i + 1..].trim_start().len();
                return Some((i, i + 1 + vs));
            }
            b'[' | b'{' if i == 0 => return None,
            _ => {}
        }
    }
    None
}

impl P {
    fn block(&mut self, min: usize) -> Option<Node> {
        let l = self.lines.get(self.i)?;
        if l.indent < min {
            return None;
        }
        let t = l.text[l.indent..].to_string();
        if t == "-" || t.starts_with("- ") {
            self.seq(l.indent)
        } else if key_split(&t).is_some() {
            let (ind, start) = (l.indent, l.start + l.indent);
            self.map(ind, start, None)
        } else {
            let (s, text) = (l.start + l.indent, t);
            self.i += 1;
            Some(self.scalar_cont(&text, s, min))
        }
    }

    /// A plain scalar continued on more-indented lines (folded with spaces).
    fn scalar_cont(&mut self, first: &str, start: usize, min: usize) -> Node {
        let mut text = first.to_string();
        let mut end = start + first.len();
        let plain = !first.starts_with(['"', '\'', '[', '{']);
        while plain {
            let Some(l) = self.lines.get(self.i) else {
                break;
            };
            let c = l.text[l.indent..].to_string();
            if l.indent < min || c.starts_with("- ") || key_split(&c).is_some() {
                break;
            }
            text.push(' ');
            text.push_str(&c);
            end = l.start + l.text.len();
            self.i += 1;
        }
        if text.contains(' ') && plain && text != first {
            return Node::new(Value::Str(text), Span::new(start as u32, end as u32));
        }
        scalar(&text, start)
    }

    fn seq(&mut self, col: usize) -> Option<Node> {
        let mut items = Vec::new();
        let start = self.lines[self.i].start + col;
        let mut end = start;
        while let Some(l) = self.lines.get(self.i) {
            let t = &l.text[l.indent..];
            if l.indent != col || !(t == "-" || t.starts_with("- ")) {
                break;
            }
            let rest = t[1..].trim_start().to_string();
            let rcol = l.text.len() - rest.len();
            let rstart = l.start + rcol;
            if rest.is_empty() {
                self.i += 1;
                let n = self
                    .block(col + 1)
                    .unwrap_or_else(|| Node::new(Value::Null, Span::at(rstart as u32)));
                end = end.max(n.span.end as usize);
                items.push(n);
            } else if key_split(&rest).is_some() {
                let n = self.map(rcol, rstart, Some(rest))?;
                end = end.max(n.span.end as usize);
                items.push(n);
            } else {
                self.i += 1;
                let n = self.scalar_cont(&rest, rstart, col + 1);
                end = end.max(n.span.end as usize);
                items.push(n);
            }
        }
        Some(Node::new(
            Value::Seq(items),
            Span::new(start as u32, end as u32),
        ))
    }

    /// A mapping whose keys sit at column `col`; `first` is an inline first entry (after `- `).
    fn map(&mut self, col: usize, start: usize, first: Option<String>) -> Option<Node> {
        let mut entries = Vec::new();
        let mut end = start;
        let mut inline = first;
        loop {
            let (text, kstart) = if let Some(t) = inline.take() {
                (t, start)
            } else {
                let Some(l) = self.lines.get(self.i) else {
                    break;
                };
                let t = &l.text[l.indent..];
                if l.indent != col || t.starts_with("- ") || t == "-" {
                    break;
                }
                (t.to_string(), l.start + l.indent)
            };
            let (ke, vs) = key_split(&text)?;
            let key = text[..ke]
                .trim()
                .trim_matches('"')
                .trim_matches('\'')
                .to_string();
            let key_span = Span::new(kstart as u32, (kstart + ke) as u32);
            let rest = text[vs..].to_string();
            self.i += 1;
            let value = if rest.is_empty() {
                match self.lines.get(self.i) {
                    Some(n) if n.indent > col => self.block(col + 1)?,
                    Some(n) if n.indent == col && (n.text[n.indent..].starts_with("- ")) => {
                        self.seq(col)?
                    }
                    _ => Node::new(Value::Null, Span::at(key_span.end + 1)),
                }
            } else {
                self.scalar_cont(&rest, kstart + vs, col + 1)
            };
            end = end.max(value.span.end as usize).max(key_span.end as usize);
            entries.push(Entry {
                key,
                key_span,
                value,
            });
        }
        Some(Node::new(
            Value::Map(entries),
            Span::new(start as u32, end as u32),
        ))
    }
}

fn scalar(text: &str, start: usize) -> Node {
    let span = Span::new(start as u32, (start + text.len()) as u32);
    let t = text.trim();
    if let Some(inner) = t.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
        return Node::new(
            Value::Str(inner.replace("\\n", "\n").replace("\\\"", "\"")),
            span,
        );
    }
    if let Some(inner) = t.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')) {
        return Node::new(Value::Str(inner.replace("''", "'")), span);
    }
    if t == "{}" {
        return Node::new(Value::Map(Vec::new()), span);
    }
    if let Some(inner) = t.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
        let mut items = Vec::new();
        let mut off = start + text.find('[').unwrap_or(0) + 1;
        for part in split_flow(inner) {
            let lead = part.len() - part.trim_start().len();
            if !part.trim().is_empty() {
                items.push(scalar(part.trim(), off + lead));
            }
            off += part.len() + 1;
        }
        return Node::new(Value::Seq(items), span);
    }
    Node::new(resolve(t), span)
}

fn split_flow(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut sq, mut dq, mut last) = (false, false, 0);
    for (i, c) in s.char_indices() {
        match c {
            '\'' if !dq => sq = !sq,
            '"' if !sq => dq = !dq,
            ',' if !sq && !dq => {
                out.push(&s[last..i]);
                last = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[last..]);
    out
}

/// YAML 1.1 plain scalar resolution (go-yaml v2 / sigs.k8s.io/yaml) for common cases.
fn resolve(t: &str) -> Value {
    match t {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" | "y" | "Y" => {
            return Value::Bool(true)
        }
        "false" | "False" | "FALSE" | "no" | "No" | "NO" | "off" | "Off" | "OFF" | "n" | "N" => {
            return Value::Bool(false)
        }
        _ => {}
    }
    if let Ok(i) = t.parse::<i64>() {
        return Value::Int(i);
    }
    if t.chars().any(|c| c.is_ascii_digit())
        && t.chars().all(|c| c.is_ascii_digit() || "+-.eE".contains(c))
    {
        if let Ok(f) = t.parse::<f64>() {
            return Value::Float(f);
        }
    }
    Value::Str(t.to_string())
}

#[test]
fn subset_reader_reads_the_common_shapes() {
    let docs = parse_stream("a: 1\nb:\n- x: w\n  z: [1, \"2\"]\nc: yes\n---\nd: {}\n");
    assert_eq!(docs.len(), 2);
    let a = docs[0].as_ref().unwrap();
    assert_eq!(a.get("a").and_then(Node::as_i64), Some(1));
    assert_eq!(a.seq("b")[0].str("x"), Some("w"));
    assert_eq!(a.seq("b")[0].seq("z").len(), 2);
    assert_eq!(a.get("c").and_then(Node::as_bool), Some(true));
}
