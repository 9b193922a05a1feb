//! Word expansion: parameters, command substitution results, arithmetic, field splitting and
//! pathname expansion (globbing), and the glob matcher used by `case` and `${x#pattern}`.
//!
//! Expansion is pure apart from `${x=default}` and arithmetic assignments, which go to an overlay
//! that the caller commits once the whole command expanded. A command substitution whose output
//! is not known yet stops the expansion with [`Expand::NeedSubst`]; the interpreter runs it (it may
//! take simulated time) and expands the command again with the result in `substs`.

use super::ast::*;
use crate::os::path::glob_match;
use crate::os::{FileKind, Sys};
use std::rc::Rc;

/// Largest text one expansion may produce (a `$(seq 100000000)` must not exhaust the browser).
pub const MAX_EXPANSION_BYTES: usize = 16 << 20;

pub enum Expand {
    /// Run this command substitution and expand again.
    NeedSubst(Rc<List>),
    /// An expansion error (`x: parameter not set`, `divide by zero`): ash prints it and a
    /// non-interactive shell exits with status 2.
    Fatal(String),
}

pub type ER<X> = Result<X, Expand>;

/// What expansion reads.
pub struct Env<'a> {
    pub vars: &'a dyn Fn(&str) -> Option<String>,
    pub params: &'a [String],
    pub arg0: &'a str,
    pub status: i32,
    pub pid: u32,
    pub last_bg: Option<u32>,
    pub cwd: &'a str,
    /// Outputs of the command substitutions already run, in order of appearance.
    pub substs: &'a [String],
    pub sys: &'a dyn Sys,
}

/// Expansion in progress: the environment plus the writes it made.
pub struct Expander<'a> {
    pub env: Env<'a>,
    /// Assignments made by `${x=…}` and `$((x+=1))`, committed by the caller.
    pub overlay: Vec<(String, String)>,
    next_subst: usize,
    bytes: usize,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// Quoted text: never split, never a glob.
    Quoted,
    /// Unquoted literal text: not split, may glob.
    Literal,
    /// Result of an unquoted expansion: split on IFS, may glob.
    Split,
}

enum Seg {
    Text(String, Kind),
    /// Ends the current field (between the words of "$@").
    Break,
}

impl<'a> Expander<'a> {
    pub fn new(env: Env<'a>) -> Expander<'a> {
        Expander {
            env,
            overlay: Vec::new(),
            next_subst: 0,
            bytes: 0,
        }
    }

    pub fn var(&self, name: &str) -> Option<String> {
        if let Some((_, v)) = self.overlay.iter().rev().find(|(n, _)| n == name) {
            return Some(v.clone());
        }
        (self.env.vars)(name)
    }

    fn set(&mut self, name: &str, value: String) {
        self.overlay.push((name.to_string(), value));
    }

    fn param(&self, name: &str) -> Option<String> {
        match name {
            "?" => Some(self.env.status.to_string()),
            "$" => Some(self.env.pid.to_string()),
            "!" => self.env.last_bg.map(|p| p.to_string()),
            "#" => Some(self.env.params.len().to_string()),
            "0" => Some(self.env.arg0.to_string()),
            "-" => Some(String::new()),
            "@" | "*" => {
                if self.env.params.is_empty() {
                    None
                } else {
                    Some(self.env.params.join(" "))
                }
            }
            _ if name.bytes().all(|b| b.is_ascii_digit()) => {
                let n: usize = name.parse().unwrap_or(usize::MAX);
                n.checked_sub(1)
                    .and_then(|i| self.env.params.get(i))
                    .cloned()
            }
            _ => self.var(name),
        }
    }

    fn grow(&mut self, n: usize) -> ER<()> {
        self.bytes += n;
        if self.bytes > MAX_EXPANSION_BYTES {
            return Err(Expand::Fatal(format!(
                "out of memory (the playground expands at most {} MiB per command)",
                MAX_EXPANSION_BYTES >> 20
            )));
        }
        Ok(())
    }

    // ------------------------------------------------------------ public entry points

    /// Full expansion into fields (command words, `for` lists).
    pub fn fields(&mut self, words: &[Word]) -> ER<Vec<String>> {
        let mut out = Vec::with_capacity(words.len());
        for w in words {
            // The common word, plain text with nothing to split or glob, is the field itself
            // (what the general path below gives, without its buffers).
            if let [Part::Lit { text, quoted }] = w.parts.as_slice() {
                if *quoted || !text.contains(['*', '?', '[']) {
                    self.grow(text.len())?;
                    if *quoted || !text.is_empty() {
                        out.push(text.clone());
                    }
                    continue;
                }
            }
            let mut segs = Vec::new();
            let mut at_empty = false;
            self.segs(w, &mut segs, &mut at_empty)?;
            if at_empty
                && segs
                    .iter()
                    .all(|s| matches!(s, Seg::Text(t, _) if t.is_empty()))
            {
                continue;
            }
            for (text, pattern) in split_fields(segs) {
                match pattern {
                    Some(p) => {
                        let matches = glob_paths(&p, self.env.sys, self.env.cwd);
                        if matches.is_empty() {
                            out.push(text);
                        } else {
                            out.extend(matches);
                        }
                    }
                    None => out.push(text),
                }
            }
        }
        Ok(out)
    }

    /// Expansion to one string, without splitting or globbing (assignments, redirection
    /// targets, `case` words, here-documents).
    pub fn single(&mut self, w: &Word) -> ER<String> {
        self.joined(w, false)
    }

    /// Expansion to a glob pattern: quoted characters are escaped with `\`.
    pub fn pattern(&mut self, w: &Word) -> ER<String> {
        self.joined(w, true)
    }

    /// The word's segments joined with spaces; with `escape_quoted`, quoted glob characters
    /// are escaped with `\`.
    fn joined(&mut self, w: &Word, escape_quoted: bool) -> ER<String> {
        let mut segs = Vec::new();
        let mut at_empty = false;
        self.segs(w, &mut segs, &mut at_empty)?;
        let mut s = String::new();
        for seg in segs {
            match seg {
                Seg::Text(t, Kind::Quoted) if escape_quoted => {
                    for c in t.chars() {
                        if matches!(c, '*' | '?' | '[' | ']' | '\\') {
                            s.push('\\');
                        }
                        s.push(c);
                    }
                }
                Seg::Text(t, _) => s.push_str(&t),
                Seg::Break => s.push(' '),
            }
        }
        Ok(s)
    }

    // ------------------------------------------------------------ parts

    fn segs(&mut self, w: &Word, out: &mut Vec<Seg>, at_empty: &mut bool) -> ER<()> {
        for p in &w.parts {
            match p {
                Part::Lit { text, quoted } => {
                    self.grow(text.len())?;
                    out.push(Seg::Text(
                        text.clone(),
                        if *quoted { Kind::Quoted } else { Kind::Literal },
                    ));
                }
                Part::Tilde => {
                    // `$HOME`, else root's home (the image's user database is not read)
                    let home = self.var("HOME").unwrap_or_else(|| "/root".into());
                    out.push(Seg::Text(home, Kind::Quoted));
                }
                Part::Subst { body, quoted } => {
                    let Some(text) = self.env.substs.get(self.next_subst) else {
                        return Err(Expand::NeedSubst(body.clone()));
                    };
                    self.next_subst += 1;
                    let text = text.trim_end_matches('\n').to_string();
                    self.grow(text.len())?;
                    out.push(Seg::Text(
                        text,
                        if *quoted { Kind::Quoted } else { Kind::Split },
                    ));
                }
                Part::Arith { expr, quoted } => {
                    let text = self.single(expr)?;
                    let v = self.arith(&text)?;
                    out.push(Seg::Text(
                        v.to_string(),
                        if *quoted { Kind::Quoted } else { Kind::Split },
                    ));
                }
                Part::Param(p) => self.param_segs(p, out, at_empty)?,
            }
        }
        Ok(())
    }

    fn param_segs(&mut self, p: &Param, out: &mut Vec<Seg>, at_empty: &mut bool) -> ER<()> {
        let kind = if p.quoted { Kind::Quoted } else { Kind::Split };
        if (p.name == "@" || (p.name == "*" && !p.quoted)) && p.op == ParamOp::Plain {
            if self.env.params.is_empty() {
                *at_empty = true;
                return Ok(());
            }
            let params = self.env.params.to_vec();
            for (i, a) in params.into_iter().enumerate() {
                if i > 0 {
                    if p.quoted {
                        out.push(Seg::Break);
                    } else {
                        out.push(Seg::Text(" ".into(), Kind::Split));
                    }
                }
                self.grow(a.len())?;
                out.push(Seg::Text(a, kind));
            }
            return Ok(());
        }
        let value = self.param(&p.name);
        let text = match &p.op {
            ParamOp::Plain => value.unwrap_or_default(),
            ParamOp::Length => value.map(|v| v.chars().count()).unwrap_or(0).to_string(),
            ParamOp::Default { colon, word } => match value {
                Some(v) if !(*colon && v.is_empty()) => v,
                _ => {
                    return self.segs(word, out, at_empty);
                }
            },
            ParamOp::Assign { colon, word } => match value {
                Some(v) if !(*colon && v.is_empty()) => v,
                _ => {
                    let v = self.single(word)?;
                    if !super::parse::is_name(&p.name) {
                        return Err(Expand::Fatal(format!("{}: bad variable name", p.name)));
                    }
                    self.set(&p.name, v.clone());
                    v
                }
            },
            ParamOp::Error { colon, word } => match value {
                Some(v) if !(*colon && v.is_empty()) => v,
                _ => {
                    let msg = self.single(word)?;
                    let msg = if msg.is_empty() {
                        "parameter not set or null".to_string()
                    } else {
                        msg
                    };
                    return Err(Expand::Fatal(format!("{}: {}", p.name, msg)));
                }
            },
            ParamOp::Alt { colon, word } => match value {
                Some(v) if !(*colon && v.is_empty()) => {
                    return self.segs(word, out, at_empty);
                }
                _ => String::new(),
            },
            ParamOp::TrimPrefix { longest, pattern } => {
                let v = value.unwrap_or_default();
                let pat = self.pattern(pattern)?;
                trim_prefix(&v, &pat, *longest)
            }
            ParamOp::TrimSuffix { longest, pattern } => {
                let v = value.unwrap_or_default();
                let pat = self.pattern(pattern)?;
                trim_suffix(&v, &pat, *longest)
            }
            ParamOp::Substring { offset, length } => {
                let v: Vec<char> = value.unwrap_or_default().chars().collect();
                let off_text = self.single(offset)?;
                let off = self.arith(&off_text)?;
                let len_v = v.len() as i64;
                let start = if off < 0 {
                    (len_v + off).max(0)
                } else {
                    off.min(len_v)
                } as usize;
                let end = match length {
                    Some(l) => {
                        let l_text = self.single(l)?;
                        let l = self.arith(&l_text)?;
                        if l < 0 {
                            (len_v + l).max(start as i64) as usize
                        } else {
                            (start as i64 + l).min(len_v) as usize
                        }
                    }
                    None => v.len(),
                };
                v.get(start..end.max(start))
                    .map(|s| s.iter().collect())
                    .unwrap_or_default()
            }
            ParamOp::Replace { all, pattern, with } => {
                let v = value.unwrap_or_default();
                let pat = self.pattern(pattern)?;
                let with = self.single(with)?;
                replace(&v, &pat, &with, *all)
            }
        };
        self.grow(text.len())?;
        out.push(Seg::Text(text, kind));
        Ok(())
    }

    // ------------------------------------------------------------ arithmetic

    /// Evaluates `$((…))` after its text was expanded (ash's `arith`).
    pub fn arith(&mut self, text: &str) -> ER<i64> {
        let toks = arith_lex(text).map_err(Expand::Fatal)?;
        let mut a = Arith {
            toks,
            pos: 0,
            ex: self,
            depth: 0,
        };
        if a.toks.is_empty() {
            return Ok(0);
        }
        let v = a.assign(true)?;
        if a.pos < a.toks.len() {
            return Err(Expand::Fatal("arithmetic syntax error".into()));
        }
        Ok(v)
    }
}

/// Splits segments into fields on IFS whitespace; returns each field's text and, when it has
/// unquoted glob characters, its glob pattern.
fn split_fields(segs: Vec<Seg>) -> Vec<(String, Option<String>)> {
    let mut fields = Vec::new();
    let mut cur = String::new();
    let mut pat = String::new();
    let mut has_glob = false;
    let mut started = false;
    let mut finish =
        |cur: &mut String, pat: &mut String, has_glob: &mut bool, started: &mut bool| {
            if *started {
                let p = if *has_glob {
                    Some(std::mem::take(pat))
                } else {
                    None
                };
                fields.push((std::mem::take(cur), p));
            }
            pat.clear();
            *has_glob = false;
            *started = false;
        };
    for seg in segs {
        match seg {
            Seg::Break => finish(&mut cur, &mut pat, &mut has_glob, &mut started),
            Seg::Text(t, Kind::Quoted) => {
                started = true;
                for c in t.chars() {
                    if matches!(c, '*' | '?' | '[' | ']' | '\\') {
                        pat.push('\\');
                    }
                    pat.push(c);
                }
                cur.push_str(&t);
            }
            Seg::Text(t, Kind::Literal) => {
                if !t.is_empty() {
                    started = true;
                }
                if t.contains(['*', '?', '[']) {
                    has_glob = true;
                }
                pat.push_str(&t);
                cur.push_str(&t);
            }
            Seg::Text(t, Kind::Split) => {
                for c in t.chars() {
                    if c == ' ' || c == '\t' || c == '\n' {
                        finish(&mut cur, &mut pat, &mut has_glob, &mut started);
                    } else {
                        started = true;
                        if matches!(c, '*' | '?' | '[') {
                            has_glob = true;
                        }
                        if c == '\\' {
                            pat.push('\\');
                        }
                        pat.push(c);
                        cur.push(c);
                    }
                }
            }
        }
    }
    finish(&mut cur, &mut pat, &mut has_glob, &mut started);
    fields
}

// ---------------------------------------------------------------- globbing

fn unescape(p: &str) -> String {
    let mut s = String::new();
    let mut esc = false;
    for c in p.chars() {
        if esc {
            s.push(c);
            esc = false;
        } else if c == '\\' {
            esc = true;
        } else {
            s.push(c);
        }
    }
    s
}

fn has_magic(p: &str) -> bool {
    let mut esc = false;
    for c in p.chars() {
        if esc {
            esc = false;
        } else if c == '\\' {
            esc = true;
        } else if matches!(c, '*' | '?' | '[') {
            return true;
        }
    }
    false
}

/// Maximum number of paths one glob may produce.
const MAX_GLOB_RESULTS: usize = 10_000;

/// Pathname expansion through the container's file system. Empty when nothing matches (the
/// word is then kept as written, as in ash).
pub fn glob_paths(pattern: &str, sys: &dyn Sys, cwd: &str) -> Vec<String> {
    let absolute = pattern.starts_with('/');
    let comps: Vec<&str> = pattern.split('/').filter(|c| !c.is_empty()).collect();
    // (display prefix, absolute dir)
    let mut cur: Vec<(String, String)> = vec![(
        if absolute {
            "/".to_string()
        } else {
            String::new()
        },
        if absolute {
            "/".to_string()
        } else {
            cwd.to_string()
        },
    )];
    for (i, comp) in comps.iter().enumerate() {
        let last = i + 1 == comps.len();
        let mut next = Vec::new();
        for (shown, dir) in &cur {
            if has_magic(comp) {
                let Ok(entries) = sys.list_dir(dir) else {
                    continue;
                };
                for e in entries {
                    if e.starts_with('.') && !comp.starts_with('.') {
                        continue;
                    }
                    if glob_match(comp, &e) {
                        let path = join(dir, &e);
                        if !last && sys.kind(&path) != Some(FileKind::Dir) {
                            continue;
                        }
                        next.push((format!("{shown}{e}{}", if last { "" } else { "/" }), path));
                    }
                }
            } else {
                let name = unescape(comp);
                let path = join(dir, &name);
                if last || sys.kind(&path) == Some(FileKind::Dir) {
                    next.push((
                        format!("{shown}{name}{}", if last { "" } else { "/" }),
                        path,
                    ));
                }
            }
            if next.len() > MAX_GLOB_RESULTS {
                break;
            }
        }
        cur = next;
    }
    let mut out: Vec<String> = cur
        .into_iter()
        .filter(|(_, p)| sys.kind(p).is_some())
        .map(|(s, _)| s)
        .collect();
    crate::sort::sort(&mut out);
    out
}

fn join(dir: &str, name: &str) -> String {
    if dir.ends_with('/') {
        format!("{dir}{name}")
    } else {
        format!("{dir}/{name}")
    }
}

fn char_boundaries(s: &str) -> Vec<usize> {
    let mut v: Vec<usize> = s.char_indices().map(|(i, _)| i).collect();
    v.push(s.len());
    v
}

pub fn trim_prefix(v: &str, pat: &str, longest: bool) -> String {
    let b = char_boundaries(v);
    let iter: Box<dyn Iterator<Item = &usize>> = if longest {
        Box::new(b.iter().rev())
    } else {
        Box::new(b.iter())
    };
    for &i in iter {
        if glob_match(pat, &v[..i]) {
            return v[i..].to_string();
        }
    }
    v.to_string()
}

pub fn trim_suffix(v: &str, pat: &str, longest: bool) -> String {
    let b = char_boundaries(v);
    let iter: Box<dyn Iterator<Item = &usize>> = if longest {
        Box::new(b.iter())
    } else {
        Box::new(b.iter().rev())
    };
    for &i in iter {
        if glob_match(pat, &v[i..]) {
            return v[..i].to_string();
        }
    }
    v.to_string()
}

fn replace(v: &str, pat: &str, with: &str, all: bool) -> String {
    if pat.is_empty() {
        return v.to_string();
    }
    let b = char_boundaries(v);
    let mut out = String::new();
    let mut i = 0usize;
    let mut bi = 0usize;
    while let Some(&start) = b.get(bi) {
        if start < i {
            bi += 1;
            continue;
        }
        // longest match starting here
        let mut found = None;
        for &end in b.iter().rev() {
            if end <= start {
                break;
            }
            if glob_match(pat, &v[start..end]) {
                found = Some(end);
                break;
            }
        }
        if let Some(end) = found {
            out.push_str(&v[i..start]);
            out.push_str(with);
            i = end;
            if !all {
                break;
            }
        }
        bi += 1;
    }
    out.push_str(&v[i.min(v.len())..]);
    out
}

// ---------------------------------------------------------------- arithmetic

#[derive(Clone, Debug, PartialEq)]
enum ATok {
    Num(i64),
    Name(String),
    Op(&'static str),
}

const AOPS: [&str; 40] = [
    "<<=", ">>=", "**", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "+=", "-=", "*=", "/=",
    "%=", "&=", "|=", "^=", "++", "--", "+", "-", "*", "/", "%", "<", ">", "=", "&", "|", "^", "!",
    "~", "?", ":", "(", ")", ",", " ",
];

fn arith_lex(s: &str) -> Result<Vec<ATok>, String> {
    let c: Vec<char> = s.chars().collect();
    let mut i = 0;
    let mut out = Vec::new();
    'outer: while let Some(&ch) = c.get(i) {
        if ch.is_whitespace() {
            i += 1;
            continue;
        }
        if ch.is_ascii_digit() {
            let start = i;
            while c
                .get(i)
                .is_some_and(|x| x.is_ascii_alphanumeric() || *x == '#')
            {
                i += 1;
            }
            let text: String = c.get(start..i).unwrap_or_default().iter().collect();
            out.push(ATok::Num(
                parse_number(&text).ok_or_else(|| "arithmetic syntax error".to_string())?,
            ));
            continue;
        }
        if ch == '_' || ch.is_ascii_alphabetic() {
            let start = i;
            while c
                .get(i)
                .is_some_and(|x| *x == '_' || x.is_ascii_alphanumeric())
            {
                i += 1;
            }
            out.push(ATok::Name(
                c.get(start..i).unwrap_or_default().iter().collect(),
            ));
            continue;
        }
        for op in AOPS.iter() {
            if op.trim().is_empty() {
                continue;
            }
            let n = op.len();
            if c.get(i..i + n)
                .is_some_and(|w| w.iter().copied().eq(op.chars()))
            {
                out.push(ATok::Op(op));
                i += n;
                continue 'outer;
            }
        }
        return Err("arithmetic syntax error".into());
    }
    Ok(out)
}

/// An integer the way ash reads one: decimal, `0x` hex, leading-0 octal, `base#digits`.
pub fn parse_number(text: &str) -> Option<i64> {
    let t = text.trim();
    let (neg, t) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    if t.is_empty() {
        return None;
    }
    let v = if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        i64::from_str_radix(h, 16).ok()?
    } else if let Some((base, digits)) = t.split_once('#') {
        let b: u32 = base.parse().ok()?;
        if !(2..=36).contains(&b) {
            return None;
        }
        i64::from_str_radix(digits, b).ok()?
    } else if t.len() > 1 && t.starts_with('0') {
        i64::from_str_radix(&t[1..], 8).ok()?
    } else {
        t.parse::<i64>().ok()?
    };
    Some(if neg { v.wrapping_neg() } else { v })
}

struct Arith<'e, 'a> {
    toks: Vec<ATok>,
    pos: usize,
    ex: &'e mut Expander<'a>,
    depth: u32,
}

fn syntax() -> Expand {
    Expand::Fatal("arithmetic syntax error".into())
}

impl Arith<'_, '_> {
    fn peek(&self) -> Option<&ATok> {
        self.toks.get(self.pos)
    }

    fn is_op(&self, op: &str) -> bool {
        matches!(self.peek(), Some(ATok::Op(o)) if *o == op)
    }

    fn eat(&mut self, op: &str) -> bool {
        if self.is_op(op) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn var_value(&mut self, name: &str) -> ER<i64> {
        let v = self.ex.var(name).unwrap_or_default();
        if v.trim().is_empty() {
            return Ok(0);
        }
        if let Some(n) = parse_number(&v) {
            return Ok(n);
        }
        // ash evaluates a variable's value as an expression (x=abc → $abc → 0)
        self.depth += 1;
        if self.depth > 50 || !super::parse::is_name(v.trim()) {
            return Err(syntax());
        }
        let r = self.var_value(v.trim());
        self.depth -= 1;
        r
    }

    /// assignment (right associative), `eval` false inside the untaken side of `&&`, `||`, `?:`.
    fn assign(&mut self, eval: bool) -> ER<i64> {
        self.depth += 1;
        if self.depth > 200 {
            return Err(syntax());
        }
        let r = self.assign_inner(eval);
        self.depth -= 1;
        r
    }

    fn assign_inner(&mut self, eval: bool) -> ER<i64> {
        if let (Some(ATok::Name(n)), Some(ATok::Op(op))) = (
            self.toks.get(self.pos).cloned(),
            self.toks.get(self.pos + 1).cloned(),
        ) {
            if matches!(
                op,
                "=" | "+=" | "-=" | "*=" | "/=" | "%=" | "<<=" | ">>=" | "&=" | "|=" | "^="
            ) {
                self.pos += 2;
                let rhs = self.assign(eval)?;
                if !eval {
                    return Ok(0);
                }
                let cur = if op == "=" { 0 } else { self.var_value(&n)? };
                let v = binop(&op[..op.len() - 1], cur, rhs).map_err(Expand::Fatal)?;
                let v = if op == "=" { rhs } else { v };
                self.ex.set(&n, v.to_string());
                return Ok(v);
            }
        }
        self.ternary(eval)
    }

    fn ternary(&mut self, eval: bool) -> ER<i64> {
        let c = self.binary(0, eval)?;
        if self.eat("?") {
            let a = self.assign(eval && c != 0)?;
            if !self.eat(":") {
                return Err(syntax());
            }
            let b = self.assign(eval && c == 0)?;
            return Ok(if c != 0 { a } else { b });
        }
        Ok(c)
    }

    fn binary(&mut self, level: usize, eval: bool) -> ER<i64> {
        const LEVELS: [&[&str]; 10] = [
            &["||"],
            &["&&"],
            &["|"],
            &["^"],
            &["&"],
            &["==", "!="],
            &["<", ">", "<=", ">="],
            &["<<", ">>"],
            &["+", "-"],
            &["*", "/", "%"],
        ];
        if level >= LEVELS.len() {
            return self.power(eval);
        }
        let mut lhs = self.binary(level + 1, eval)?;
        loop {
            let Some(ATok::Op(op)) = self.peek().cloned() else {
                return Ok(lhs);
            };
            if !LEVELS.get(level).is_some_and(|ops| ops.contains(&op)) {
                return Ok(lhs);
            }
            self.pos += 1;
            let short = match op {
                "||" => eval && lhs != 0,
                "&&" => eval && lhs == 0,
                _ => false,
            };
            let rhs = self.binary(level + 1, eval && !short)?;
            lhs = if !eval {
                0
            } else {
                match op {
                    "||" => (lhs != 0 || rhs != 0) as i64,
                    "&&" => (lhs != 0 && rhs != 0) as i64,
                    _ => binop(op, lhs, rhs).map_err(Expand::Fatal)?,
                }
            };
        }
    }

    fn power(&mut self, eval: bool) -> ER<i64> {
        let base = self.unary(eval)?;
        if self.eat("**") {
            let exp = self.power(eval)?;
            if !eval {
                return Ok(0);
            }
            return binop("**", base, exp).map_err(Expand::Fatal);
        }
        Ok(base)
    }

    fn unary(&mut self, eval: bool) -> ER<i64> {
        self.depth += 1;
        if self.depth > 200 {
            return Err(syntax());
        }
        let r = self.unary_inner(eval);
        self.depth -= 1;
        r
    }

    fn unary_inner(&mut self, eval: bool) -> ER<i64> {
        if self.eat("-") {
            return Ok(self.unary(eval)?.wrapping_neg());
        }
        if self.eat("+") {
            return self.unary(eval);
        }
        if self.eat("!") {
            return Ok((self.unary(eval)? == 0) as i64);
        }
        if self.eat("~") {
            return Ok(!self.unary(eval)?);
        }
        for (op, d) in [("++", 1i64), ("--", -1)] {
            if self.eat(op) {
                let Some(ATok::Name(n)) = self.peek().cloned() else {
                    return Err(syntax());
                };
                self.pos += 1;
                if !eval {
                    return Ok(0);
                }
                let v = self.var_value(&n)?.wrapping_add(d);
                self.ex.set(&n, v.to_string());
                return Ok(v);
            }
        }
        match self.peek().cloned() {
            Some(ATok::Num(n)) => {
                self.pos += 1;
                Ok(n)
            }
            Some(ATok::Name(n)) => {
                self.pos += 1;
                for (op, d) in [("++", 1i64), ("--", -1)] {
                    if self.eat(op) {
                        if !eval {
                            return Ok(0);
                        }
                        let v = self.var_value(&n)?;
                        self.ex.set(&n, v.wrapping_add(d).to_string());
                        return Ok(v);
                    }
                }
                if !eval {
                    return Ok(0);
                }
                self.var_value(&n)
            }
            Some(ATok::Op("(")) => {
                self.pos += 1;
                let v = self.assign(eval)?;
                if !self.eat(")") {
                    return Err(syntax());
                }
                Ok(v)
            }
            _ => Err(syntax()),
        }
    }
}

fn binop(op: &str, a: i64, b: i64) -> Result<i64, String> {
    Ok(match op {
        "+" => a.wrapping_add(b),
        "-" => a.wrapping_sub(b),
        "*" => a.wrapping_mul(b),
        "/" | "%" => {
            if b == 0 {
                return Err("divide by zero".into());
            }
            if op == "/" {
                a.wrapping_div(b)
            } else {
                a.wrapping_rem(b)
            }
        }
        "**" => {
            if b < 0 {
                return Err("exponent less than 0".into());
            }
            let mut r: i64 = 1;
            for _ in 0..b.min(64) {
                r = r.wrapping_mul(a);
            }
            r
        }
        "<<" => a.wrapping_shl(b as u32),
        ">>" => a.wrapping_shr(b as u32),
        "<" => (a < b) as i64,
        ">" => (a > b) as i64,
        "<=" => (a <= b) as i64,
        ">=" => (a >= b) as i64,
        "==" => (a == b) as i64,
        "!=" => (a != b) as i64,
        "&" => a & b,
        "|" => a | b,
        "^" => a ^ b,
        _ => return Err("arithmetic syntax error".into()),
    })
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn trims_and_replace() {
        assert_eq!(trim_suffix("abc.tar.gz", ".*", false), "abc.tar");
        assert_eq!(trim_suffix("abc.tar.gz", ".*", true), "abc");
        assert_eq!(trim_prefix("abc.tar.gz", "*.", false), "tar.gz");
        assert_eq!(trim_prefix("abc.tar.gz", "*.", true), "gz");
        assert_eq!(replace("hello", "l", "L", false), "heLlo");
        assert_eq!(replace("hello", "l", "L", true), "heLLo");
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number("010"), Some(8));
        assert_eq!(parse_number("0x1f"), Some(31));
        assert_eq!(parse_number("-3"), Some(-3));
        assert_eq!(parse_number("2#101"), Some(5));
        assert_eq!(parse_number("abc"), None);
    }
}
