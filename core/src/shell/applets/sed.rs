//! `sed`: BusyBox's stream editor (editors/sed.c), the part a learner types: `-n`, `-e`,
//! `-i` (edit files in place: `KUBE_EDITOR="sed -i s/1.25/1.26/" kubectl edit …`), `-r`/`-E`;
//! the commands `s/RE/REPL/[gpNiI]`, `d`, `p`, `q` with an optional address (a line number,
//! `$`, `/RE/`) and `!`, separated by `;` or newlines. The regular expressions are those of
//! `grep` ([`crate::shell::regex`]: no groups, so `\1`…`\9` in a replacement insert nothing);
//! other commands get BusyBox's `unsupported command` error.

use super::{file_or_stdin, Ctx};
use crate::shell::regex::Regex;

enum Addr {
    Line(usize),
    Last,
    Re(Regex),
}

enum Op {
    Subst {
        re: Regex,
        icase: bool,
        repl: String,
        /// Which match to replace (0: all, `g`).
        which: usize,
        print: bool,
    },
    Delete,
    Print,
    Quit,
}

struct Command {
    addr: Option<Addr>,
    invert: bool,
    op: Op,
}

/// The text up to the next `delim` not escaped by `\` (`\delim` gives the delimiter, other
/// escapes are kept for the regex), and the rest after the delimiter; None when unterminated.
fn until_delim(s: &str, delim: char) -> Option<(String, &str)> {
    let mut out = String::new();
    let mut it = s.char_indices();
    while let Some((i, ch)) = it.next() {
        if ch == '\\' {
            match it.next() {
                Some((_, n)) if n == delim => out.push(n),
                Some((_, 'n')) => out.push('\n'),
                Some((_, n)) => {
                    out.push('\\');
                    out.push(n);
                }
                None => out.push('\\'),
            }
        } else if ch == delim {
            return Some((out, s.get(i + ch.len_utf8()..).unwrap_or("")));
        } else {
            out.push(ch);
        }
    }
    None
}

fn parse(script: &str) -> Result<Vec<Command>, String> {
    let mut cmds = Vec::new();
    let mut rest = script;
    loop {
        rest = rest.trim_start_matches(|c: char| c == ';' || c.is_whitespace());
        if rest.is_empty() {
            return Ok(cmds);
        }
        if let Some(r) = rest.strip_prefix('#') {
            rest = r.split_once('\n').map_or("", |(_, b)| b);
            continue;
        }
        let addr = if let Some(r) = rest.strip_prefix('$') {
            rest = r;
            Some(Addr::Last)
        } else if rest.starts_with(|c: char| c.is_ascii_digit()) {
            let n: String = rest.chars().take_while(char::is_ascii_digit).collect();
            rest = rest.get(n.len()..).unwrap_or("");
            Some(Addr::Line(n.parse().unwrap_or(usize::MAX)))
        } else if let Some(r) = rest.strip_prefix('/') {
            let (re, after) = until_delim(r, '/').ok_or("unmatched '/'")?;
            rest = after;
            Some(Addr::Re(Regex::new(&re)))
        } else {
            None
        };
        rest = rest.trim_start();
        let invert = if let Some(r) = rest.strip_prefix('!') {
            rest = r.trim_start();
            true
        } else {
            false
        };
        let mut chars = rest.chars();
        let Some(cmd) = chars.next() else {
            return Err("missing command".into());
        };
        rest = chars.as_str();
        let op = match cmd {
            's' => {
                let mut c = rest.chars();
                let delim = c.next().ok_or("unmatched 's'")?;
                let (re, after) = until_delim(c.as_str(), delim).ok_or(format!("unmatched '{delim}'"))?;
                let (repl, after) = until_delim(after, delim).ok_or(format!("unmatched '{delim}'"))?;
                let (mut which, mut print, mut icase) = (1, false, false);
                rest = "";
                for (i, f) in after.char_indices() {
                    match f {
                        'g' => which = 0,
                        'p' => print = true,
                        'i' | 'I' => icase = true,
                        d if d.is_ascii_digit() => which = d.to_digit(10).map_or(1, |n| n as usize),
                        ';' | '\n' | '}' => {
                            rest = after.get(i..).unwrap_or("");
                            break;
                        }
                        w if w.is_whitespace() => {}
                        _ => return Err("bad option in substitution expression".into()),
                    }
                }
                let re = if icase { re.to_ascii_lowercase() } else { re };
                Op::Subst { re: Regex::new(&re), icase, repl, which, print }
            }
            'd' => Op::Delete,
            'p' => Op::Print,
            'q' => Op::Quit,
            other => return Err(format!("unsupported command {other}")),
        };
        cmds.push(Command { addr, invert, op });
    }
}

/// The line with the substitution made; None when nothing matched.
fn substitute(line: &str, re: &Regex, icase: bool, repl: &str, which: usize) -> Option<String> {
    let t: Vec<char> = line.chars().collect();
    let hay: Vec<char> = if icase { t.iter().map(char::to_ascii_lowercase).collect() } else { t.clone() };
    let mut out = String::new();
    let (mut pos, mut count, mut altered) = (0, 0, false);
    // where the last non-empty match ended: an empty match right there is not replaced
    // ("cccd" with `s/c*/R/g` gives "RdR")
    let mut after_match = None;
    while pos <= t.len() {
        let Some((s, e)) = re.find_in(&hay, pos, true) else { break };
        out.extend(t.get(pos..s).unwrap_or(&[]));
        let matched: String = t.get(s..e).unwrap_or(&[]).iter().collect();
        let skipped = s == e && after_match == Some(s);
        if !skipped {
            count += 1;
        }
        after_match = (s != e).then_some(e);
        if skipped {
        } else if which == 0 || which == count {
            let mut r = repl.chars();
            while let Some(ch) = r.next() {
                match ch {
                    '&' => out.push_str(&matched),
                    '\\' => match r.next() {
                        Some(d) if d.is_ascii_digit() => {}
                        Some(n) => out.push(n),
                        None => {}
                    },
                    c => out.push(c),
                }
            }
            altered = true;
        } else {
            out.push_str(&matched);
        }
        pos = e;
        if s == e {
            // an empty match: the next character is copied before matching again
            match t.get(e) {
                Some(ch) => out.push(*ch),
                None => break,
            }
            pos = e + 1;
        }
        if which != 0 && count >= which {
            break;
        }
    }
    if !altered {
        return None;
    }
    out.extend(t.get(pos.min(t.len())..).unwrap_or(&[]));
    Some(out)
}

/// Runs the script on `text` (`quiet`: `-n`): the output.
fn edit(cmds: &[Command], text: &str, quiet: bool) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::new();
    'lines: for (k, line) in lines.iter().enumerate() {
        let mut space = line.to_string();
        let last = k + 1 == lines.len();
        for c in cmds {
            let hit = match &c.addr {
                None => true,
                Some(Addr::Line(n)) => *n == k + 1,
                Some(Addr::Last) => last,
                Some(Addr::Re(re)) => re.is_match(&space),
            };
            if hit == c.invert {
                continue;
            }
            match &c.op {
                Op::Subst { re, icase, repl, which, print } => {
                    if let Some(s) = substitute(&space, re, *icase, repl, *which) {
                        space = s;
                        if *print {
                            out.push_str(&space);
                            out.push('\n');
                        }
                    }
                }
                Op::Delete => continue 'lines,
                Op::Print => {
                    out.push_str(&space);
                    out.push('\n');
                }
                Op::Quit => {
                    if !quiet {
                        out.push_str(&space);
                        out.push('\n');
                    }
                    break 'lines;
                }
            }
        }
        if !quiet {
            out.push_str(&space);
            out.push('\n');
        }
    }
    out
}

pub(super) fn sed(c: &mut Ctx) -> i32 {
    let args: Vec<String> = c.argv.get(1..).unwrap_or_default().to_vec();
    let (mut quiet, mut in_place) = (false, false);
    let mut scripts: Vec<String> = Vec::new();
    let mut operands: Vec<String> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--" {
            operands.extend(it.by_ref().cloned());
            break;
        }
        if a.len() > 1 && a.starts_with('-') && !a.starts_with("--") {
            let flags = a.get(1..).unwrap_or("");
            for (k, f) in flags.char_indices() {
                match f {
                    'n' => quiet = true,
                    'i' => in_place = true,
                    'r' | 'E' => {}
                    'e' => {
                        let rest = flags.get(k + 1..).unwrap_or("");
                        match if rest.is_empty() { it.next().cloned() } else { Some(rest.to_string()) } {
                            Some(s) => scripts.push(s),
                            None => {
                                c.err("sed: option requires an argument -- 'e'\n");
                                return 1;
                            }
                        }
                        break;
                    }
                    other => {
                        c.err(format!("sed: invalid option -- '{other}'\n"));
                        return 1;
                    }
                }
            }
            continue;
        }
        operands.push(a.clone());
    }
    if scripts.is_empty() {
        if operands.is_empty() {
            c.err("Usage: sed [-i[SFX]] [-nrE] [-f FILE]... [-e CMD]... [FILE]...\n   or: sed [-i[SFX]] [-nrE] CMD [FILE]...\n");
            return 1;
        }
        scripts.push(operands.remove(0));
    }
    let cmds = match parse(&scripts.join("\n")) {
        Ok(c) => c,
        Err(e) => {
            c.err(format!("sed: {e}\n"));
            return 1;
        }
    };
    if in_place {
        if operands.is_empty() {
            c.err("sed: no files to edit in-place\n");
            return 1;
        }
        let mut code = 0;
        for f in &operands {
            let p = c.path(f);
            match c.sys.read_file(&p) {
                Ok(text) => {
                    let edited = edit(&cmds, &text, quiet);
                    if let Err(e) = c.sys.write_file(&p, &edited, false) {
                        c.err(format!("sed: can't create '{f}': {}\n", e.message()));
                        code = 4;
                    }
                }
                Err(e) => {
                    c.err(format!("sed: can't open '{f}': {}\n", e.message()));
                    code = 4;
                }
            }
        }
        return code;
    }
    let (inputs, code) = file_or_stdin(c, "sed", &operands);
    let text: String = inputs.iter().map(|(_, s)| s.as_str()).collect();
    let out = edit(&cmds, &text, quiet);
    c.out(out);
    code
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn run(script: &str, text: &str) -> String {
        edit(&parse(script).unwrap_or_default(), text, false)
    }

    #[test]
    fn substitutes_deletes_and_prints_as_busybox_sed() {
        assert_eq!(run("s/1.25/1.26/", "image: nginx:1.25\na: 1.25 1.25\n"), "image: nginx:1.26\na: 1.26 1.25\n");
        assert_eq!(run("s/1.25/1.26/g", "1.25 1.25\n"), "1.26 1.26\n");
        assert_eq!(run("s/5/X/2", "5 5 5\n"), "5 X 5\n");
        assert_eq!(run("s|port: 80|port: 81|;/^#/d", "# c\nport: 80\n"), "port: 81\n");
        assert_eq!(run("s/x*/-/g", "abc\n"), "-a-b-c-\n");
        assert_eq!(run("s/b/[&]/", "abc\n"), "a[b]c\n");
        assert_eq!(run("s/c*/R/g", "cccd\n"), "RdR\n");
        assert_eq!(run("2q", "a\nb\nc\n"), "a\nb\n");
        assert_eq!(run("$!d", "a\nb\n"), "b\n");
        assert_eq!(run("s/NGINX/x/I", "nginx\n"), "x\n");
        assert_eq!(edit(&parse("/b/p").unwrap_or_default(), "a\nb\n", true), "b\n");
        assert_eq!(parse("k").err().as_deref(), Some("unsupported command k"));
        assert_eq!(parse("s/a/b").err().as_deref(), Some("unmatched '/'"));
        assert_eq!(parse("s/a/b/z").err().as_deref(), Some("bad option in substitution expression"));
    }
}
