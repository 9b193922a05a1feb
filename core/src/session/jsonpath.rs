//! `kubectl get -o json` and `-o jsonpath=TEMPLATE`.
//!
//! JSON as kubectl's JSON printer writes it (`json.MarshalIndent(obj, "", "    ")`: four spaces,
//! keys sorted, `<`, `>` and `&` escaped as encoding/json does).
//!
//! JSONPath is a port of client-go's `util/jsonpath` (parser.go and jsonpath.go, read in
//! kubernetes/kubernetes staging/src/k8s.io/client-go/util/jsonpath): the same parser, token by
//! token and with the same error texts (`unclosed action`, `unterminated array`, `invalid array
//! index x`, `unrecognized character in action: U+0023 '#'`, …), and the same evaluation: fields,
//! `[N]`, slices `[a:b:c]`, `[*]`, unions `[a,b]`, `['key']`, `*`, recursive descent `..`,
//! filters `[?(@.a=="x")]` with text/template's comparisons (an int literal is compared as a
//! float, so `==80` never matches an integer field, as in kubectl; comparisons of incompatible
//! types are false), string, number and bool literals, and `{range …}…{end}` with client-go's own
//! range bookkeeping (text after `{end}` is printed by the last iteration only, and not at all
//! when the range is empty). kubectl's printer allows missing keys (`--allow-missing-template-
//! keys=true`), prints maps and lists as compact JSON, a null as `<nil>`, and several results of
//! one action separated by a space. Go's map order is random; client-go sorts map keys for `*`
//! and `..` (fmtsort), and so does this port. Two bounds of the playground's own: templates nest
//! at most 64 levels and ranges 200 (Go's growable stack has neither).

use crate::tree::{Node, Value};

/// A JSON string as encoding/json writes it (HTML characters escaped).
fn quote(s: &str) -> String {
    crate::gofmt::json_quote(s)
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

/// `n` as JSON: indented by four spaces a level (`Some(level)`), or compact (`None`).
pub(super) fn to_json(n: &Node, level: Option<usize>) -> String {
    let mut out = String::new();
    write_json(n, level, &mut out);
    out
}

fn write_json(n: &Node, level: Option<usize>, out: &mut String) {
    match &n.value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(_) | Value::Uint(_) | Value::Float(_) => out.push_str(&crate::decode::json_number(n)),
        Value::Str(s) => out.push_str(&quote(s)),
        Value::Seq(items) => write_members(('[', ']'), items.iter().map(|it| (None, it)).collect(), level, out),
        Value::Map(entries) => {
            // encoding/json writes a map's keys sorted (kubectl prints unstructured objects)
            let mut sorted: Vec<(Option<&str>, &Node)> = entries.iter().map(|e| (Some(e.key.as_str()), &e.value)).collect();
            crate::sort::sort_by(&mut sorted, |a, b| a.0.cmp(&b.0));
            write_members(('{', '}'), sorted, level, out);
        }
    }
}

/// The members of a list (no keys) or a map, between `open` and `close`: `[]`/`{}` when empty,
/// else one a line at `level + 1` (or compact).
fn write_members((open, close): (char, char), members: Vec<(Option<&str>, &Node)>, level: Option<usize>, out: &mut String) {
    let pad = |out: &mut String, l: usize| {
        out.push('\n');
        for _ in 0..l {
            out.push_str("    ");
        }
    };
    out.push(open);
    let empty = members.is_empty();
    for (i, (key, value)) in members.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if let Some(l) = level {
            pad(out, l + 1);
        }
        if let Some(k) = key {
            out.push_str(&quote(k));
            out.push_str(if level.is_some() { ": " } else { ":" });
        }
        write_json(value, level.map(|l| l + 1), out);
    }
    if let (Some(l), false) = (level, empty) {
        pad(out, l);
    }
    out.push(close);
}


/// Renders `template` against `root`; the error is what kubectl prints after `error: `.
pub(super) fn render(template: &str, root: &Node) -> Result<String, String> {
    let nodes = parse(template, 0).map_err(|e| format!("error: error parsing jsonpath {template}, {e}\n"))?;
    // JSONPathPrinter.PrintObj wraps an execution error; the Go dump (`%#v`) of the object that
    // follows in kubectl is left out here
    let results = Exec::default().find_results(&nodes, V::N(root)).map_err(|e| {
        format!("error: error executing jsonpath \"{template}\": Error executing template: {e}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{template}\n\tobject given to jsonpath engine was:\n\t\t[podplay] (the Go dump of the object is left out)\n\n")
    })?;
    let mut out = String::new();
    for list in &results {
        for (i, v) in list.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(&text(v));
        }
    }
    Ok(out)
}

// ---- The parser (parser.go) --------------------------------------------------------------------

/// A node of the parsed template (parser.go's node types).
#[derive(Clone, Debug, PartialEq)]
enum N {
    /// An action `{…}`: its nodes are evaluated in a chain.
    List(Vec<N>),
    Text(String),
    Field(String),
    Array([Param; 3]),
    Filter(Vec<N>, Vec<N>, String),
    Int(i64),
    Float(f64),
    Bool(bool),
    Wildcard,
    Recursive,
    Union(Vec<Vec<N>>),
    Ident(String),
}

/// One of a slice's start, end and step (`ParamsEntry`).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Param {
    value: i64,
    known: bool,
    derived: bool,
}

/// How deep `parseAction` may call itself (unions, filters, `['key']`).
const MAX_NESTING: usize = 64;

struct Parser<'t> {
    input: &'t str,
    pos: usize,
    start: usize,
    width: usize,
    depth: usize,
}

fn is_terminator(r: Option<char>) -> bool {
    matches!(r, None | Some(' ' | '\t' | '\r' | '\n' | '.' | ',' | '[' | ']' | '$' | '@' | '{' | '}'))
}

/// unicode.IsDigit: ASCII digits, and other decimal digits (approximated by `is_numeric` minus
/// letters: Go counts only category Nd).
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric() && !c.is_alphabetic())
}

fn is_alphanumeric(c: char) -> bool {
    c == '_' || c.is_alphabetic() || is_digit(c)
}

/// Go's `%#U`: `U+0023 '#'`, without the character when it is not printable.
fn go_rune(c: char) -> String {
    if c.is_control() {
        format!("U+{:04X}", c as u32)
    } else {
        format!("U+{:04X} '{c}'", c as u32)
    }
}

/// `Parse(name, text)`: the template's top-level nodes (text and actions).
fn parse(text: &str, depth: usize) -> Result<Vec<N>, String> {
    if depth > MAX_NESTING {
        return Err(format!("[podplay] the template nests more than {MAX_NESTING} levels"));
    }
    let mut p = Parser { input: text, pos: 0, start: 0, width: 0, depth };
    let mut root = Vec::new();
    loop {
        // parseText
        loop {
            if p.rest().starts_with('{') {
                if p.pos > p.start {
                    root.push(N::Text(p.consume().to_string()));
                }
                break;
            }
            if p.next().is_none() {
                if p.pos > p.start {
                    root.push(N::Text(p.consume().to_string()));
                }
                return Ok(root);
            }
        }
        // parseLeftDelim, then parseInsideAction until parseRightDelim
        p.pos += 1;
        p.consume();
        let mut cur = Vec::new();
        loop {
            if p.rest().starts_with('}') {
                p.pos += 1;
                p.consume();
                break;
            }
            if p.rest().starts_with("[?(") {
                p.parse_filter(&mut cur)?;
                continue;
            }
            if p.rest().starts_with("..") {
                p.parse_recursive(&mut cur)?;
                continue;
            }
            match p.next() {
                None | Some('\r' | '\n') => return Err("unclosed action".into()),
                Some(' ' | '@' | '$') => {
                    p.consume();
                }
                Some('[') => p.parse_array(&mut cur)?,
                Some(q @ ('"' | '\'')) => p.parse_quote(&mut cur, q)?,
                Some('.') => p.parse_field(&mut cur),
                Some(c) if c == '+' || c == '-' || is_digit(c) => {
                    p.backup();
                    p.parse_number(&mut cur)?;
                }
                Some(c) if is_alphanumeric(c) => {
                    p.backup();
                    p.parse_identifier(&mut cur);
                }
                Some(c) => return Err(format!("unrecognized character in action: {}", go_rune(c))),
            }
        }
        root.push(N::List(cur));
    }
}

/// `parseAction(name, text)`: the nodes of the action `{text}`.
fn parse_action(text: &str, depth: usize) -> Result<Vec<N>, String> {
    match parse(&format!("{{{text}}}"), depth + 1)?.into_iter().next() {
        Some(N::List(nodes)) => Ok(nodes),
        _ => Ok(Vec::new()),
    }
}

impl<'t> Parser<'t> {
    fn rest(&self) -> &'t str {
        self.input.get(self.pos..).unwrap_or("")
    }

    fn next(&mut self) -> Option<char> {
        match self.rest().chars().next() {
            Some(c) => {
                self.width = c.len_utf8();
                self.pos += self.width;
                Some(c)
            }
            None => {
                self.width = 0;
                None
            }
        }
    }

    fn backup(&mut self) {
        self.pos = self.pos.saturating_sub(self.width);
    }

    fn peek(&mut self) -> Option<char> {
        let r = self.next();
        self.backup();
        r
    }

    fn consume(&mut self) -> &'t str {
        let v = self.input.get(self.start..self.pos).unwrap_or("");
        self.start = self.pos;
        v
    }

    /// Whether the byte two before the position is a backslash (`p.input[p.pos-2] == '\\'`).
    fn escaped(&self) -> bool {
        self.pos >= 2 && self.input.as_bytes().get(self.pos - 2) == Some(&b'\\')
    }

    fn parse_identifier(&mut self, cur: &mut Vec<N>) {
        loop {
            let r = self.next();
            if is_terminator(r) {
                self.backup();
                break;
            }
        }
        let value = self.consume();
        cur.push(match value {
            "true" => N::Bool(true),
            "false" => N::Bool(false),
            _ => N::Ident(value.to_string()),
        });
    }

    fn parse_recursive(&mut self, cur: &mut Vec<N>) -> Result<(), String> {
        if matches!(cur.last(), Some(N::Recursive)) {
            return Err("invalid multiple recursive descent".into());
        }
        self.pos += 2;
        self.consume();
        cur.push(N::Recursive);
        if self.peek().is_some_and(is_alphanumeric) {
            self.parse_field(cur);
        }
        Ok(())
    }

    fn parse_number(&mut self, cur: &mut Vec<N>) -> Result<(), String> {
        if matches!(self.peek(), Some('+' | '-')) {
            self.next();
        }
        loop {
            let r = self.next();
            if !r.is_some_and(|c| c == '.' || is_digit(c)) {
                self.backup();
                break;
            }
        }
        let value = self.consume();
        if let Ok(i) = value.parse::<i64>() {
            cur.push(N::Int(i));
        } else if let Some(f) = go_parse_float(value) {
            cur.push(N::Float(f));
        } else {
            return Err(format!("cannot parse number {value}"));
        }
        Ok(())
    }

    fn parse_array(&mut self, cur: &mut Vec<N>) -> Result<(), String> {
        loop {
            match self.next() {
                None | Some('\n') => return Err("unterminated array".into()),
                Some(']') => break,
                _ => {}
            }
        }
        let whole = self.consume();
        let mut text = whole.get(1..whole.len().saturating_sub(1)).unwrap_or("");
        if text == "*" {
            text = ":";
        }
        // a union
        let parts: Vec<&str> = text.split(',').collect();
        if parts.len() > 1 {
            let mut union = Vec::new();
            for part in parts {
                union.push(parse_action(&format!("[{}]", part.trim_matches(' ')), self.depth)?);
            }
            cur.push(N::Union(union));
            return Ok(());
        }
        // a dict key: ^'([^']*)'$
        if let Some(key) = text.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')).filter(|k| !k.contains('\'')) {
            cur.extend(parse_action(&format!(".{key}"), self.depth)?);
            return Ok(());
        }
        // a slice: ^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$
        let Some(groups) = slice_groups(text) else {
            return Err(format!("invalid array index {text}"));
        };
        let mut params = [Param::default(); 3];
        let mut start: i64 = 0;
        for (i, (g, p)) in groups.iter().zip(params.iter_mut()).enumerate() {
            if !g.is_empty() {
                let v = if i > 0 { g.get(1..).unwrap_or("") } else { g };
                if i == 0 || !v.is_empty() {
                    p.known = true;
                    p.value = v.parse::<i64>().map_err(|_| format!("array index {v} is not a number"))?;
                }
            } else if i == 1 {
                // `[N]`: the end is derived from the start
                *p = Param { value: start.wrapping_add(1), known: true, derived: true };
            }
            if i == 0 {
                start = p.value;
            }
        }
        cur.push(N::Array(params));
        Ok(())
    }

    fn parse_filter(&mut self, cur: &mut Vec<N>) -> Result<(), String> {
        self.pos += 3;
        self.consume();
        let (mut begin, mut end, mut pair) = (false, false, '"');
        loop {
            match self.next() {
                None | Some('\n') => return Err("unterminated filter".into()),
                Some(r @ ('"' | '\'')) => {
                    if !begin {
                        begin = true;
                        pair = r;
                        continue;
                    }
                    if !self.escaped() && r == pair {
                        end = true;
                    }
                }
                Some(')') if begin == end => break,
                _ => {}
            }
        }
        if self.next() != Some(']') {
            return Err("unclosed array expect ]".into());
        }
        let whole = self.consume();
        let text = whole.get(..whole.len().saturating_sub(2)).unwrap_or("");
        match comparison(text) {
            None => cur.push(N::Filter(parse_action(text, self.depth)?, Vec::new(), "exists".into())),
            Some((left, op, right)) => {
                let left = parse_action(left, self.depth)?;
                let right = parse_action(right, self.depth)?;
                cur.push(N::Filter(left, right, op.to_string()));
            }
        }
        Ok(())
    }

    fn parse_quote(&mut self, cur: &mut Vec<N>, end: char) -> Result<(), String> {
        loop {
            match self.next() {
                None | Some('\n') => return Err("unterminated quoted string".into()),
                Some(c) if c == end && !self.escaped() => break,
                _ => {}
            }
        }
        let value = self.consume();
        let s = unquote_extend(value).ok_or_else(|| format!("unquote string {value} error invalid syntax"))?;
        cur.push(N::Text(s));
        Ok(())
    }

    fn parse_field(&mut self, cur: &mut Vec<N>) {
        self.consume();
        while self.advance() {}
        let value = self.consume();
        cur.push(if value == "*" { N::Wildcard } else { N::Field(value.replace('\\', "")) });
    }

    /// Scans to the next terminator that is not escaped.
    fn advance(&mut self) -> bool {
        let r = self.next();
        if r == Some('\\') {
            self.next();
        } else if is_terminator(r) {
            self.backup();
            return false;
        }
        true
    }
}

/// The groups of `^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$` (an absent group is empty).
fn slice_groups(t: &str) -> Option<[&str; 3]> {
    let b = t.as_bytes();
    let mut i = 0;
    let number = |i: &mut usize| {
        if b.get(*i) == Some(&b'-') {
            *i += 1;
        }
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
    };
    number(&mut i);
    let first = t.get(..i)?;
    let mut rest = [""; 2];
    for g in &mut rest {
        if b.get(i) == Some(&b':') {
            let s = i;
            i += 1;
            number(&mut i);
            *g = t.get(s..i)?;
        }
    }
    (i == b.len()).then_some([first, rest[0], rest[1]])
}

/// The groups of `^([^!<>=]+)([!<>=]+)(.+?)$` (left, operator, right), as RE2 matches them.
fn comparison(t: &str) -> Option<(&str, &str, &str)> {
    let is_op = |c: u8| matches!(c, b'!' | b'<' | b'>' | b'=');
    let b = t.as_bytes();
    let k = b.iter().position(|c| is_op(*c))?;
    let m = k + b.get(k..)?.iter().take_while(|c| is_op(**c)).count();
    let right_ok = |s: &str| !s.is_empty() && !s.contains('\n');
    if k == 0 {
        return None;
    }
    if m < b.len() {
        let right = t.get(m..)?;
        return right_ok(right).then_some((t.get(..k)?, t.get(k..m)?, right));
    }
    // no text after the operators: the last operator character is the right side
    (m - k >= 2).then(|| Some((t.get(..k)?, t.get(k..m - 1)?, t.get(m - 1..)?))).flatten()
}

/// Go's `strconv.ParseFloat(s, 64)` for what parseNumber scans (sign, digits and dots).
fn go_parse_float(s: &str) -> Option<f64> {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    if body.is_empty() || body == "." || !body.bytes().all(|c| c == b'.' || c.is_ascii_digit()) {
        return None;
    }
    s.parse::<f64>().ok()
}

/// client-go's `UnquoteExtend`: a string in double or single quotes with Go's escapes
/// (`strconv.UnquoteChar`); `None` is Go's ErrSyntax.
fn unquote_extend(s: &str) -> Option<String> {
    let quote = *s.as_bytes().first()?;
    if s.len() < 2 || s.as_bytes().last() != Some(&quote) || !matches!(quote, b'"' | b'\'') {
        return None;
    }
    let mut body = s.get(1..s.len() - 1)?.as_bytes();
    let mut buf: Vec<u8> = Vec::with_capacity(body.len());
    while let Some((&c, tail)) = body.split_first() {
        if c == quote {
            return None;
        }
        if c != b'\\' {
            buf.push(c);
            body = tail;
            continue;
        }
        let (&e, tail) = tail.split_first()?;
        body = tail;
        let simple = match e {
            b'a' => Some(7),
            b'b' => Some(8),
            b'f' => Some(12),
            b'n' => Some(b'\n'),
            b'r' => Some(b'\r'),
            b't' => Some(b'\t'),
            b'v' => Some(11),
            b'\\' => Some(b'\\'),
            b'\'' | b'"' if e == quote => Some(e),
            _ => None,
        };
        if let Some(v) = simple {
            buf.push(v);
            continue;
        }
        match e {
            b'x' | b'u' | b'U' => {
                let n = match e {
                    b'x' => 2,
                    b'u' => 4,
                    _ => 8,
                };
                let digits = std::str::from_utf8(body.get(..n)?).ok()?;
                let v = u32::from_str_radix(digits, 16).ok()?;
                body = body.get(n..)?;
                if e == b'x' {
                    buf.push(v as u8);
                } else {
                    let c = char::from_u32(v)?;
                    let mut tmp = [0u8; 4];
                    buf.extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
                }
            }
            b'0'..=b'7' => {
                let rest = body.get(..2)?;
                let mut v = u32::from(e - b'0');
                for d in rest {
                    if !(b'0'..=b'7').contains(d) {
                        return None;
                    }
                    v = (v << 3) | u32::from(d - b'0');
                }
                body = body.get(2..)?;
                buf.push(u8::try_from(v).ok()?);
            }
            _ => return None,
        }
    }
    Some(String::from_utf8_lossy(&buf).into_owned())
}

// ---- The evaluation (jsonpath.go) ---------------------------------------------------------------

/// A value met while evaluating: a node of the object, or a template literal (Go's `string`,
/// `int`, `float64` and `bool`).
#[derive(Clone, Debug)]
enum V<'a> {
    N(&'a Node),
    S(String),
    I(i64),
    F(f64),
    B(bool),
}

/// How many ranges may nest (each range's last iteration carries on with what follows it).
const MAX_RANGES: usize = 200;

/// How many nodes an evaluation may visit: ranges one inside another multiply (Go would run
/// 2^30 iterations of thirty nested ranges over two items; the playground stops).
const MAX_STEPS: usize = 200_000;

#[derive(Default)]
struct Exec<'a> {
    stack: Vec<Vec<V<'a>>>,
    cur: Vec<V<'a>>,
    begin_range: usize,
    in_range: usize,
    end_range: usize,
    depth: usize,
    steps: usize,
}

/// What a step gives: its values, and its error (a step that fails may still give values, as
/// Go's evaluation returns its input with the error; filters look at them).
type Step<'a> = (Vec<V<'a>>, Option<String>);

/// `template.Indirect`: `None` for a null.
fn indirect<'a>(v: &V<'a>) -> Option<V<'a>> {
    match v {
        V::N(n) if matches!(n.value, Value::Null) => None,
        v => Some(v.clone()),
    }
}

/// The items of a list, or a map's values by sorted key (`iterHelper`, fmtsort).
fn children<'a>(v: &V<'a>) -> Option<Vec<V<'a>>> {
    match v {
        V::N(n) => match &n.value {
            Value::Seq(items) => Some(items.iter().map(V::N).collect()),
            Value::Map(entries) => {
                let mut sorted: Vec<&crate::tree::Entry> = entries.iter().collect();
                crate::sort::sort_by(&mut sorted, |a, b| a.key.cmp(&b.key));
                Some(sorted.into_iter().map(|e| V::N(&e.value)).collect())
            }
            _ => None,
        },
        _ => None,
    }
}

/// The Go type `%v` names in evalArray's error (unstructured content's types).
fn go_type(v: &V) -> &'static str {
    match v {
        V::N(n) => match n.value {
            Value::Map(_) => "map[string]interface {}",
            Value::Seq(_) => "[]interface {}",
            Value::Str(_) => "string",
            Value::Int(_) => "int64",
            Value::Uint(_) | Value::Float(_) => "float64",
            Value::Bool(_) => "bool",
            Value::Null => "interface {}",
        },
        V::S(_) => "string",
        V::I(_) => "int",
        V::F(_) => "float64",
        V::B(_) => "bool",
    }
}

impl<'a> Exec<'a> {
    fn find_results(&mut self, nodes: &'a [N], data: V<'a>) -> Result<Vec<Vec<V<'a>>>, String> {
        if self.depth >= MAX_RANGES {
            return Err(format!("[podplay] more than {MAX_RANGES} ranges one inside another"));
        }
        self.depth += 1;
        self.cur = vec![data];
        let mut full = Vec::new();
        for (i, node) in nodes.iter().enumerate() {
            self.steps += 1;
            if self.steps > MAX_STEPS {
                return Err(format!("[podplay] the template's evaluation stopped after {MAX_STEPS} steps"));
            }
            let cur = self.cur.clone();
            let (results, err) = self.walk(cur, node);
            if let Some(e) = err {
                return Err(e);
            }
            // an end node: the end of this block
            if self.end_range > 0 && self.end_range <= self.in_range {
                self.end_range -= 1;
                break;
            }
            // a range node: the rest runs once for each value
            if self.begin_range > 0 {
                self.begin_range -= 1;
                self.in_range += 1;
                let last = results.len().saturating_sub(1);
                for (k, value) in results.into_iter().enumerate() {
                    if k == last {
                        self.in_range = self.in_range.saturating_sub(1);
                    }
                    full.extend(self.find_results(nodes.get(i + 1..).unwrap_or(&[]), value)?);
                }
                break;
            }
            full.push(results);
        }
        self.depth -= 1;
        Ok(full)
    }

    fn walk(&mut self, input: Vec<V<'a>>, node: &'a N) -> Step<'a> {
        match node {
            N::List(nodes) => self.eval_list(input, nodes),
            N::Text(t) => (vec![V::S(t.clone())], None),
            N::Field(f) => (eval_field(&input, f), None),
            N::Array(p) => eval_array(input, p),
            N::Filter(l, r, op) => self.eval_filter(input, l, r, op),
            N::Int(i) => (vec![V::I(*i); input.len()], None),
            N::Float(f) => (vec![V::F(*f); input.len()], None),
            N::Bool(b) => (vec![V::B(*b); input.len()], None),
            N::Wildcard => (input.iter().filter_map(indirect).flat_map(|v| children(&v).unwrap_or_default()).collect(), None),
            N::Recursive => {
                let mut out = Vec::new();
                recursive(&input, &mut out);
                (out, None)
            }
            N::Union(lists) => {
                let mut out = Vec::new();
                for l in lists {
                    let (r, err) = self.eval_list(input.clone(), l);
                    if err.is_some() {
                        return (input, err);
                    }
                    out.extend(r);
                }
                (out, None)
            }
            N::Ident(name) => self.eval_identifier(input, name),
        }
    }

    fn eval_list(&mut self, input: Vec<V<'a>>, nodes: &'a [N]) -> Step<'a> {
        let mut cur = input;
        for n in nodes {
            let (next, err) = self.walk(cur, n);
            if err.is_some() {
                return (next, err);
            }
            cur = next;
        }
        (cur, None)
    }

    fn eval_identifier(&mut self, input: Vec<V<'a>>, name: &str) -> Step<'a> {
        match name {
            "range" => {
                self.stack.push(self.cur.clone());
                self.begin_range += 1;
                (input, None)
            }
            "end" => {
                if self.end_range < self.in_range {
                    self.end_range += 1;
                } else if let Some(c) = self.stack.pop() {
                    self.cur = c;
                } else {
                    return (Vec::new(), Some("not in range, nothing to end".into()));
                }
                (Vec::new(), None)
            }
            _ => (input, Some(format!("unrecognized identifier {name}"))),
        }
    }

    fn eval_filter(&mut self, input: Vec<V<'a>>, left: &'a [N], right: &'a [N], op: &str) -> Step<'a> {
        let mut results = Vec::new();
        for value in &input {
            let items = match indirect(value) {
                Some(v) => children(&v).unwrap_or_else(|| vec![v]),
                None => vec![value.clone()],
            };
            for item in items {
                // missing keys are allowed: a failing left side still gives what it has
                let (lefts, _) = self.eval_list(vec![item.clone()], left);
                let (rights, err) = self.eval_list(vec![item.clone()], right);
                if err.is_some() {
                    return (input, err);
                }
                let many = || (input.clone(), Some("can only compare one element at a time".to_string()));
                match (lefts.as_slice(), rights.as_slice()) {
                    ([], _) => continue,
                    ([_, _, ..], _) => return many(),
                    _ if op == "exists" => {
                        results.push(item);
                        continue;
                    }
                    (_, []) => continue,
                    (_, [_, _, ..]) => return many(),
                    ([l], [r]) => match compare(op, l, r) {
                        Ok(true) => results.push(item),
                        Ok(false) => {}
                        Err(e) => return (results, Some(e)),
                    },
                }
            }
        }
        (results, None)
    }
}

fn eval_field<'a>(input: &[V<'a>], name: &str) -> Vec<V<'a>> {
    let mut out = Vec::new();
    for v in input.iter().filter_map(indirect) {
        if let V::N(Node { value: Value::Map(entries), .. }) = v {
            // a key whose value is null is found (MapIndex), unlike Node::get
            if let Some(e) = entries.iter().rev().find(|e| e.key == name) {
                out.push(V::N(&e.value));
            }
        }
    }
    out
}

fn eval_array<'a>(input: Vec<V<'a>>, params: &[Param; 3]) -> Step<'a> {
    let mut result = Vec::new();
    for value in input.iter().filter_map(indirect) {
        let V::N(Node { value: Value::Seq(items), .. }) = value else {
            let e = format!("{} is not array or slice", go_type(&value));
            return (input, Some(e));
        };
        let len = items.len() as i64;
        let mut p = *params;
        if !p[0].known {
            p[0].value = 0;
        }
        if p[0].value < 0 {
            p[0].value = p[0].value.wrapping_add(len);
        }
        if !p[1].known {
            p[1].value = len;
        }
        if p[1].value < 0 || (p[1].value == 0 && p[1].derived) {
            p[1].value = p[1].value.wrapping_add(len);
        }
        if p[1].value == p[0].value {
            return (result, None);
        }
        if p[0].value >= len || p[0].value < 0 {
            let e = format!("array index out of bounds: index {}, length {len}", p[0].value);
            return (input, Some(e));
        }
        if p[1].value > len || p[1].value < 0 {
            let e = format!("array index out of bounds: index {}, length {len}", p[1].value.wrapping_sub(1));
            return (input, Some(e));
        }
        if p[0].value > p[1].value {
            let e = format!("starting index {} is greater than ending index {}", p[0].value, p[1].value);
            return (input, Some(e));
        }
        let mut step = 1;
        if p[2].known {
            if p[2].value <= 0 {
                return (input, Some("step must be > 0".into()));
            }
            step = usize::try_from(p[2].value).unwrap_or(usize::MAX);
        }
        let slice = items.get(p[0].value as usize..p[1].value as usize).unwrap_or(&[]);
        result.extend(slice.iter().step_by(step).map(V::N));
    }
    (result, None)
}

/// evalRecursive: every list or map that has members, each before what it holds.
fn recursive<'a>(input: &[V<'a>], out: &mut Vec<V<'a>>) {
    for v in input.iter().filter_map(indirect) {
        if let Some(kids) = children(&v).filter(|k| !k.is_empty()) {
            out.push(v);
            recursive(&kids, out);
        }
    }
}

/// A value as text/template's comparisons see it (`basicKind`); `None` is "invalid type".
#[derive(PartialEq, PartialOrd)]
enum Basic<'s> {
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    Str(&'s str),
}

fn basic<'s>(v: &'s V) -> Option<Basic<'s>> {
    Some(match v {
        V::N(n) => match &n.value {
            Value::Bool(b) => Basic::Bool(*b),
            Value::Int(i) => Basic::Int(*i),
            Value::Uint(u) => Basic::Uint(*u),
            Value::Float(f) => Basic::Float(*f),
            Value::Str(s) => Basic::Str(s),
            _ => return None,
        },
        V::S(s) => Basic::Str(s),
        // evalOperator turns a Go `int` (a template's integer literal) into a float64
        V::I(i) => Basic::Float(*i as f64),
        V::F(f) => Basic::Float(*f),
        V::B(b) => Basic::Bool(*b),
    })
}

const BAD_TYPE: &str = "invalid type for comparison";
const INCOMPATIBLE: &str = "incompatible types for comparison";

/// text/template's `eq` (client-go's fork).
fn equal(a: &Basic, b: &Basic) -> Result<bool, &'static str> {
    Ok(match (a, b) {
        (Basic::Int(i), Basic::Uint(u)) | (Basic::Uint(u), Basic::Int(i)) => *i >= 0 && *i as u64 == *u,
        (Basic::Bool(_), Basic::Bool(_))
        | (Basic::Int(_), Basic::Int(_))
        | (Basic::Uint(_), Basic::Uint(_))
        | (Basic::Float(_), Basic::Float(_))
        | (Basic::Str(_), Basic::Str(_)) => a == b,
        _ => return Err(INCOMPATIBLE),
    })
}

/// text/template's `lt`.
fn less(a: &Basic, b: &Basic) -> Result<bool, &'static str> {
    Ok(match (a, b) {
        (Basic::Int(i), Basic::Uint(u)) => *i < 0 || (*i as u64) < *u,
        (Basic::Uint(u), Basic::Int(i)) => *i >= 0 && *u < *i as u64,
        (Basic::Bool(_), Basic::Bool(_)) => return Err(BAD_TYPE),
        (Basic::Int(_), Basic::Int(_))
        | (Basic::Uint(_), Basic::Uint(_))
        | (Basic::Float(_), Basic::Float(_))
        | (Basic::Str(_), Basic::Str(_)) => a < b,
        _ => return Err(INCOMPATIBLE),
    })
}

/// evalOperator: the comparison `l op r`; comparisons of types that cannot be compared are false.
fn compare(op: &str, l: &V, r: &V) -> Result<bool, String> {
    let result = match (basic(l), basic(r)) {
        (Some(a), Some(b)) => match op {
            "<" => less(&a, &b),
            ">" => less(&a, &b).and_then(|lt| if lt { Ok(true) } else { equal(&a, &b) }).map(|le| !le),
            "==" => equal(&a, &b),
            "!=" => equal(&a, &b).map(|eq| !eq),
            "<=" => less(&a, &b).and_then(|lt| if lt { Ok(true) } else { equal(&a, &b) }),
            ">=" => less(&a, &b).map(|lt| !lt),
            _ => return Err(format!("unrecognized filter operator {op}")),
        },
        _ if !matches!(op, "<" | ">" | "==" | "!=" | "<=" | ">=") => {
            return Err(format!("unrecognized filter operator {op}"))
        }
        _ => Err(BAD_TYPE),
    };
    Ok(result.unwrap_or(false))
}

/// One result as kubectl's jsonpath printer writes it: a map or list as compact JSON, anything
/// else as `fmt.Fprint` prints it (a null as `<nil>`).
fn text(v: &V) -> String {
    match v {
        V::N(n) => match &n.value {
            Value::Str(s) => s.clone(),
            Value::Map(_) | Value::Seq(_) => to_json(n, None),
            Value::Null => "<nil>".into(),
            Value::Bool(b) => b.to_string(),
            Value::Int(i) => i.to_string(),
            Value::Uint(u) => u.to_string(),
            Value::Float(f) => crate::gofmt::format_float_g(*f, false),
        },
        V::S(s) => s.clone(),
        V::I(i) => i.to_string(),
        V::F(f) => crate::gofmt::format_float_g(*f, false),
        V::B(b) => b.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn doc() -> Node {
        crate::yaml::parse_stream("items:\n- metadata:\n    name: a\n  size: 1\n  ok: true\n- metadata:\n    name: b<c\n  size: 2\n  ok: false\n  note: null\nkind: List\n")
            .remove(0)
            .root
            .expect("parses")
    }

    fn ok(t: &str) -> String {
        render(t, &doc()).unwrap_or_else(|e| panic!("{t}: {e}"))
    }

    fn parse_error(t: &str) -> String {
        let e = render(t, &doc()).expect_err(t);
        let prefix = format!("error: error parsing jsonpath {t}, ");
        e.strip_prefix(&prefix).and_then(|e| e.strip_suffix('\n')).unwrap_or_else(|| panic!("{t}: {e}")).to_string()
    }

    fn exec_error(t: &str) -> String {
        let e = render(t, &doc()).expect_err(t);
        let e = e.split("Error executing template: ").nth(1).unwrap_or_else(|| panic!("{t}: {e}"));
        e.split(". Printing more information").next().unwrap_or("").to_string()
    }

    #[test]
    fn fields_arrays_and_ranges() {
        assert_eq!(ok("{.items[*].metadata.name}"), "a b<c");
        assert_eq!(ok("{.items[-1].size}"), "2");
        assert_eq!(ok("{.items[0:1].size} {.items[1:].size} {.items[::1].size} {.items[]}"), "1 2 1 2 {\"metadata\":{\"name\":\"a\"},\"ok\":true,\"size\":1}");
        assert_eq!(ok("{range .items[*]}{.metadata.name}{\"\\t\"}{.size}{\"\\n\"}{end}"), "a\t1\nb<c\t2\n");
        assert_eq!(ok("kind={.kind} missing={.nope}"), "kind=List missing=");
        assert_eq!(ok("{.items[0].metadata.*}"), "a");
        assert_eq!(ok("{.items[0].metadata}"), "{\"name\":\"a\"}");
        assert_eq!(ok("{.items[1].note} {.items[0].ok} {5} {1.50} {'x'}"), "<nil> true 5 1.5 x");
        assert_eq!(ok("{.items[0]['metadata']['name']}"), "a");
        assert_eq!(ok("{.items[*]['size','ok']}"), "1 2 true false");
        // text after {end} comes from the last iteration only, and not at all for an empty range
        assert_eq!(ok("{range .items[*]}[{.size}]{end}!{.kind}"), "[1][2]!List");
        assert_eq!(ok("{range .nope[*]}x{end}after"), "");
        assert_eq!(ok("}{range .items[*]}x"), "}xx");
    }

    #[test]
    fn recursive_descent_and_filters() {
        assert_eq!(ok("{..name}"), "a b<c");
        assert_eq!(ok("{.items[?(@.metadata.name==\"a\")].size}"), "1");
        assert_eq!(ok("{.items[?(@.size>1)].metadata.name}"), "");
        assert_eq!(ok("{.items[?(@.size>=@.size)].metadata.name}"), "a b<c");
        assert_eq!(ok("{.items[?(@.ok)].size}"), "1 2");
        assert_eq!(ok("{.items[?(@.note)].size}"), "2");
        assert_eq!(ok("{.items[?(@.ok==true)].size}"), "1");
        assert_eq!(ok("{.items[?(@.metadata.name!='a')].size}"), "2");
        assert_eq!(exec_error("{.items[?(@.size=!1)]}"), "unrecognized filter operator =!");
        assert_eq!(exec_error("{.items[?(@.*==\"a\")]}"), "can only compare one element at a time");
    }

    #[test]
    fn parse_errors_are_client_gos() {
        for (t, want) in [
            ("{.kind", "unclosed action"),
            ("{", "unclosed action"),
            ("{[", "unterminated array"),
            ("{.a[}", "unterminated array"),
            ("{\"x}", "unterminated quoted string"),
            ("{\"x\\\"}", "unterminated quoted string"),
            ("{\"\\q\"}", "unquote string \"\\q\" error invalid syntax"),
            ("{#}", "unrecognized character in action: U+0023 '#'"),
            ("{\t}", "unrecognized character in action: U+0009"),
            ("{.items[x]}", "invalid array index x"),
            ("{.items[\"a\"]}", "invalid array index \"a\""),
            ("{.items[-]}", "array index - is not a number"),
            ("{.items[?(@.a]}", "unterminated filter"),
            ("{.items[?(@.a)x}", "unclosed array expect ]"),
            ("{....a}", "invalid multiple recursive descent"),
            ("{1.2.3}", "cannot parse number 1.2.3"),
        ] {
            assert_eq!(parse_error(t), want, "{t}");
        }
    }

    #[test]
    fn execution_errors_are_client_gos() {
        assert_eq!(exec_error("{end}"), "not in range, nothing to end");
        assert_eq!(exec_error("{x}"), "unrecognized identifier x");
        assert_eq!(ok("{range}"), "");
        assert_eq!(exec_error("{.items[9]}"), "array index out of bounds: index 9, length 2");
        assert_eq!(exec_error("{.items[1:0]}"), "starting index 1 is greater than ending index 0");
        assert_eq!(exec_error("{.items[::0]}"), "step must be > 0");
        assert_eq!(exec_error("{.kind[0]}"), "string is not array or slice");
        assert_eq!(exec_error("{.items[0].metadata[0]}"), "map[string]interface {} is not array or slice");
    }

    #[test]
    fn json_as_kubectl_prints_it() {
        let d = doc();
        assert_eq!(to_json(&d, Some(0)).lines().nth(4), Some("                \"name\": \"a\""));
        assert!(to_json(&d, None).contains("b\\u003cc"));
    }

    #[test]
    fn deep_or_long_templates_are_bounded() {
        let d = doc();
        let deep = format!("{}{}", "{.items[?(@.a[?(".repeat(200), ")])]}".repeat(200));
        assert!(render(&deep, &d).is_err());
        let ranges = "{range .items[*]}{end}".repeat(300);
        assert!(render(&ranges, &d).is_err_and(|e| e.contains("[podplay] more than 200 ranges")));
        // nested ranges over every descendant: polynomial in the object's size
        let deep = crate::yaml::parse_stream(&format!("l: {}1{}\n", "[".repeat(60), "]".repeat(60))).remove(0).root.expect("parses");
        let nested = "{range ..}".repeat(6);
        assert!(render(&nested, &deep).is_err_and(|e| e.contains("stopped after 200000 steps")));
        let long = "{.items[*].size}".repeat(5000);
        assert_eq!(render(&long, &d).map(|s| s.len()), Ok(15000));
    }
}
