//! `kubectl get -o json` and `-o jsonpath=TEMPLATE`.
//!
//! JSON as kubectl's JSON printer writes it (`json.MarshalIndent(obj, "", "    ")`: four spaces,
//! keys sorted, `<`, `>` and `&` escaped as encoding/json does). The jsonpath subset of client-go's
//! `util/jsonpath`: text outside actions, `{.a.b}`, `{.items[*].metadata.name}`, `{.items[0]}`
//! (negative indices count from the end; outside the list it is evalArray's error), `.*`,
//! `{['key']}`, `{@}`, string literals (`{"\n"}`) and
//! `{range EXPR}…{end}`. As with kubectl's default `--allow-missing-template-keys=true`, a
//! missing field prints nothing; an execution error leaves out the Go dump of the object that
//! kubectl appends. Several results of one action are separated by a space;
//! a map or list prints as compact JSON. Filters (`?()`), recursive descent (`..`), slices and
//! unions are not in the subset and get a `[podplay]` note.

use crate::tree::{Node, Value};

/// A step of a path.
#[derive(Clone, Debug, PartialEq)]
enum Seg {
    Field(String),
    Index(i64),
    All,
}

#[derive(Clone, Debug, PartialEq)]
enum Item {
    Text(String),
    Path(Vec<Seg>),
    Range(Vec<Seg>, Vec<Item>),
}

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
    let items = parse(template).map_err(|e| {
        if e.starts_with("[podplay]") {
            e
        } else {
            format!("error: error parsing jsonpath {template}, {e}\n")
        }
    })?;
    let mut out = String::new();
    // JSONPathPrinter.PrintObj wraps an execution error; the Go dump (`%#v`) of the object that
    // follows in kubectl is left out here
    exec(&items, root, &mut out).map_err(|e| {
        format!("error: error executing jsonpath \"{template}\": Error executing template: {e}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{template}\n\tobject given to jsonpath engine was:\n\t\t[podplay] (the Go dump of the object is left out)\n\n")
    })?;
    Ok(out)
}

fn parse(t: &str) -> Result<Vec<Item>, String> {
    // frames of open ranges: (path, items so far)
    let mut stack: Vec<(Vec<Seg>, Vec<Item>)> = Vec::new();
    let mut top: Vec<Item> = Vec::new();
    let mut rest = t;
    while !rest.is_empty() {
        let Some(open) = rest.find('{') else {
            push(&mut stack, &mut top, Item::Text(rest.to_string()));
            break;
        };
        if open > 0 {
            push(&mut stack, &mut top, Item::Text(rest.get(..open).unwrap_or("").to_string()));
        }
        let after = rest.get(open + 1..).unwrap_or("");
        let close = action_end(after).ok_or("unclosed action")?;
        let action = after.get(..close).unwrap_or("").trim();
        rest = after.get(close + 1..).unwrap_or("");
        if action == "end" {
            let (path, items) = stack.pop().ok_or("not in range, nothing to end")?;
            push(&mut stack, &mut top, Item::Range(path, items));
        } else if let Some(expr) = action.strip_prefix("range ") {
            stack.push((path(expr.trim())?, Vec::new()));
        } else if action.starts_with('"') {
            push(&mut stack, &mut top, Item::Text(literal(action)?));
        } else {
            push(&mut stack, &mut top, Item::Path(path(action)?));
        }
    }
    // a range left open runs to the end of the template
    while let Some((path, items)) = stack.pop() {
        push(&mut stack, &mut top, Item::Range(path, items));
    }
    Ok(top)
}

fn push(stack: &mut [(Vec<Seg>, Vec<Item>)], top: &mut Vec<Item>, it: Item) {
    match stack.last_mut() {
        Some((_, items)) => items.push(it),
        None => top.push(it),
    }
}

/// Where the action that starts `s` ends (its `}`), skipping quoted strings.
fn action_end(s: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(_), '\\') if !escaped => {
                escaped = true;
                continue;
            }
            (Some(q), c) if c == q && !escaped => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, '}') => return Some(i),
            _ => {}
        }
        escaped = false;
    }
    None
}

/// A string literal action: `"…"` with Go's escapes `\n`, `\t`, `\"`, `\\`.
fn literal(a: &str) -> Result<String, String> {
    let body = a
        .strip_prefix('"')
        .and_then(|b| b.strip_suffix('"'))
        .ok_or("unterminated quoted string")?;
    let mut out = String::new();
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some(o) => out.push(o),
            None => return Err("unterminated quoted string".into()),
        }
    }
    Ok(out)
}

/// A path: `$`, `@`, `.name`, `['name']`, `[N]`, `[*]`.
fn path(expr: &str) -> Result<Vec<Seg>, String> {
    let beyond = |what: &str| Err(format!("[podplay] {what} in a jsonpath is beyond the playground's subset (fields, [N], [*], range)\n"));
    let chars: Vec<char> = expr.chars().collect();
    let mut segs = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        match c {
            '$' | '@' => i += 1,
            '.' => {
                if chars.get(i + 1) == Some(&'.') {
                    return beyond("recursive descent (..)");
                }
                if chars.get(i + 1) == Some(&'*') {
                    segs.push(Seg::All);
                    i += 2;
                    continue;
                }
                i += 1;
                let start = i;
                while chars.get(i).is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '/')) {
                    i += 1;
                }
                let name: String = chars.get(start..i).unwrap_or(&[]).iter().collect();
                if !name.is_empty() {
                    segs.push(Seg::Field(name));
                }
            }
            '[' => {
                let close = chars.iter().skip(i).position(|c| *c == ']').map(|p| p + i).ok_or("unterminated array")?;
                let inner: String = chars.get(i + 1..close).unwrap_or(&[]).iter().collect();
                let inner = inner.trim();
                if inner == "*" {
                    segs.push(Seg::All);
                } else if let Some(k) = inner
                    .strip_prefix('\'')
                    .and_then(|k| k.strip_suffix('\''))
                    .or_else(|| inner.strip_prefix('"').and_then(|k| k.strip_suffix('"')))
                {
                    segs.push(Seg::Field(k.to_string()));
                } else if let Ok(n) = inner.parse::<i64>() {
                    segs.push(Seg::Index(n));
                } else if inner.starts_with('?') {
                    return beyond("a filter ([?()])");
                } else if inner.contains(':') || inner.contains(',') {
                    return beyond("a slice or union");
                } else {
                    return Err(format!("invalid array index {inner}"));
                }
                i = close + 1;
            }
            c if c.is_whitespace() => i += 1,
            c => {
                let word: String = chars.iter().skip(i).take_while(|c| c.is_alphanumeric()).collect();
                if word.is_empty() {
                    return Err(format!("unrecognized character in action: U+{:04X} '{c}'", c as u32));
                }
                return Err(format!("unrecognized identifier {word}"));
            }
        }
    }
    Ok(segs)
}

/// The nodes `path` reaches from `cur`; an index outside a list is evalArray's error.
fn find<'a>(path: &[Seg], cur: &'a Node) -> Result<Vec<&'a Node>, String> {
    let mut nodes = vec![cur];
    for seg in path {
        let mut next = Vec::new();
        for n in nodes {
            match (seg, &n.value) {
                (Seg::Field(f), Value::Map(_)) => next.extend(n.get(f)),
                (Seg::All, Value::Seq(items)) => next.extend(items.iter()),
                (Seg::All, Value::Map(entries)) => next.extend(entries.iter().map(|e| &e.value)),
                (Seg::Index(k), Value::Seq(items)) => {
                    let len = items.len() as i64;
                    let at = if *k < 0 { len + k } else { *k };
                    if !(0..len).contains(&at) {
                        return Err(format!("array index out of bounds: index {at}, length {len}"));
                    }
                    next.extend(items.get(at as usize));
                }
                _ => {}
            }
        }
        nodes = next;
    }
    Ok(nodes)
}

/// Runs the template on `cur`: the root, or inside a range each item in turn.
fn exec(items: &[Item], cur: &Node, out: &mut String) -> Result<(), String> {
    for it in items {
        match it {
            Item::Text(t) => out.push_str(t),
            Item::Path(p) => {
                let texts: Vec<String> = find(p, cur)?.into_iter().map(text).collect();
                out.push_str(&texts.join(" "));
            }
            Item::Range(p, body) => {
                for n in find(p, cur)? {
                    exec(body, n, out)?;
                }
            }
        }
    }
    Ok(())
}

/// One result as jsonpath prints it: a string as is, a map or list as compact JSON.
fn text(n: &Node) -> String {
    match &n.value {
        Value::Str(s) => s.clone(),
        _ => to_json(n, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn doc() -> Node {
        crate::yaml::parse_stream("items:\n- metadata:\n    name: a\n  size: 1\n- metadata:\n    name: b<c\n  size: 2\nkind: List\n")
            .remove(0)
            .root
            .expect("parses")
    }

    #[test]
    fn paths_ranges_and_literals() {
        let d = doc();
        assert_eq!(render("{.items[*].metadata.name}", &d).as_deref(), Ok("a b<c"));
        assert_eq!(render("{.items[-1].size}", &d).as_deref(), Ok("2"));
        assert_eq!(render("{range .items[*]}{.metadata.name}{\"\\t\"}{.size}{\"\\n\"}{end}", &d).as_deref(), Ok("a\t1\nb<c\t2\n"));
        assert_eq!(render("kind={.kind} missing={.nope}", &d).as_deref(), Ok("kind=List missing="));
        assert_eq!(render("{.items[0].metadata.*}", &d).as_deref(), Ok("a"));
        assert!(render("{.items[9]}", &d).is_err_and(|e| e.contains("Error executing template: array index out of bounds: index 9, length 2.")));
        assert_eq!(render("{.items[0].metadata}", &d).as_deref(), Ok("{\"name\":\"a\"}"));
        assert_eq!(render("{.kind", &d), Err("error: error parsing jsonpath {.kind, unclosed action\n".to_string()));
        assert_eq!(render("{end}", &d), Err("error: error parsing jsonpath {end}, not in range, nothing to end\n".to_string()));
        assert!(render("{..name}", &d).is_err_and(|e| e.starts_with("[podplay]")));
        assert_eq!(to_json(&d, Some(0)).lines().nth(4), Some("                \"name\": \"a\""));
        assert!(to_json(&d, None).contains("b\\u003cc"));
    }

    #[test]
    fn bad_templates_get_errors_not_panics() {
        let d = doc();
        for (t, want) in [
            ("{", "unclosed action"),
            ("{[", "unclosed action"),
            ("{.a[}", "unterminated array"),
            ("{\"x}", "unclosed action"),
            ("{\"x\\\"}", "unclosed action"),
            ("{\"x\" y}", "unterminated quoted string"),
            ("{#}", "unrecognized character in action: U+0023 '#'"),
            ("{range}", "unrecognized identifier range"),
            ("{.items[x]}", "invalid array index x"),
        ] {
            let got = render(t, &d);
            assert!(got.as_ref().is_err_and(|e| e.contains(want)), "{t}: {got:?}");
        }
        assert_eq!(render("}{range .items[*]}x", &d).as_deref(), Ok("}xx"));
    }
}
