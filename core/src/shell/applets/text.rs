//! Text applets: `wc`, `head`, `tail`, `seq`, `env`/`printenv`, `ps`, `grep`.

use super::*;

pub(super) fn file_or_stdin(
    c: &mut Ctx,
    name: &str,
    files: &[String],
) -> (Vec<(String, String)>, i32) {
    if files.is_empty() {
        return (vec![(String::new(), c.read_all_stdin())], 0);
    }
    let mut out = Vec::new();
    let mut code = 0;
    for f in files {
        if f == "-" {
            out.push((f.clone(), c.read_all_stdin()));
            continue;
        }
        let p = c.path(f);
        match c.sys.read_file(&p) {
            Ok(s) => out.push((f.clone(), s)),
            Err(e) => {
                code = if name == "grep" { 2 } else { 1 };
                if name == "tail" && !c.gnu {
                    c.err(format!("tail: can't open '{f}': {}\n", e.message()));
                } else if c.gnu && (name == "head" || name == "tail") {
                    c.err(format!(
                        "{name}: cannot open '{f}' for reading: {}\n",
                        e.message()
                    ));
                } else {
                    c.err(format!("{name}: {f}: {}\n", e.message()));
                }
            }
        }
    }
    (out, code)
}

pub(super) fn wc(c: &mut Ctx) -> i32 {
    let (flags, files) = split_flags(c.argv);
    let (inputs, code) = file_or_stdin(c, "wc", &files);
    let sel: Vec<char> = if flags.is_empty() {
        vec!['l', 'w', 'c']
    } else {
        flags.chars().filter(|f| "lwcm".contains(*f)).collect()
    };
    let mut totals = [0usize; 3];
    let mut text = String::new();
    for (name, s) in &inputs {
        let counts = [
            s.matches('\n').count(),
            s.split_whitespace().count(),
            s.len(),
        ];
        for (total, n) in totals.iter_mut().zip(counts) {
            *total += n;
        }
        text.push_str(&wc_line(&sel, &counts, name));
    }
    if inputs.len() > 1 {
        text.push_str(&wc_line(&sel, &totals, "total"));
    }
    c.out(text);
    code
}

pub(super) fn wc_line(sel: &[char], counts: &[usize; 3], name: &str) -> String {
    let [lines, words, bytes] = *counts;
    let vals: Vec<usize> = sel
        .iter()
        .map(|f| match f {
            'l' => lines,
            'w' => words,
            _ => bytes,
        })
        .collect();
    let mut s = if let [one] = *vals.as_slice() {
        one.to_string()
    } else {
        vals.iter()
            .map(|v| format!("{v:>9}"))
            .collect::<Vec<_>>()
            .join("")
    };
    if !name.is_empty() {
        s.push(' ');
        s.push_str(name);
    }
    s.push('\n');
    s
}

pub(super) fn head(c: &mut Ctx) -> i32 {
    let n = head_count(c.argv).unwrap_or(10);
    let files: Vec<String> = operands_after_options(c.argv, &["-n", "-c"])
        .into_iter()
        .cloned()
        .collect();
    if files.is_empty() {
        let s = c.stdin.unwrap_or("").to_string();
        let mut taken = 0;
        let mut out = String::new();
        for line in s.split_inclusive('\n').take(n) {
            taken += line.len();
            out.push_str(line);
        }
        c.stdin_consumed = Some(taken);
        c.out(out);
        return 0;
    }
    let (inputs, code) = file_or_stdin(c, "head", &files);
    let out = with_headers(&inputs, |lines| lines.take(n).collect());
    c.out(out);
    code
}

/// The lines `pick` keeps of each input, with `==> name <==` headers when there are several
/// inputs (as head and tail print them).
fn with_headers(
    inputs: &[(String, String)],
    pick: impl Fn(std::str::SplitInclusive<'_, char>) -> String,
) -> String {
    let multi = inputs.len() > 1;
    let mut out = String::new();
    for (k, (name, s)) in inputs.iter().enumerate() {
        if multi {
            out.push_str(&format!(
                "{}==> {name} <==\n",
                if k > 0 { "\n" } else { "" }
            ));
        }
        out.push_str(&pick(s.split_inclusive('\n')));
    }
    out
}

pub(super) fn tail(c: &mut Ctx) -> Outcome {
    let follow = c.argv.iter().any(|a| {
        a == "-f" || a == "-F" || (a.starts_with('-') && a.contains('f') && !a.starts_with("-n"))
    });
    let n = head_count(c.argv).unwrap_or(10);
    let files: Vec<String> = operands_after_options(c.argv, &["-n", "-c", "-s"])
        .into_iter()
        .cloned()
        .collect();
    let (inputs, code) = file_or_stdin(c, "tail", &files);
    if code != 0 && inputs.is_empty() {
        if !c.gnu {
            c.err("tail: no files\n");
        }
        if !follow {
            return Outcome::Exit(1);
        }
    }
    let out = with_headers(&inputs, |lines| {
        let lines: Vec<&str> = lines.collect();
        let start = lines.len().saturating_sub(n);
        lines.get(start..).unwrap_or(&[]).concat()
    });
    c.out(out);
    if follow {
        return Outcome::Spawn(Box::new(Follow { pid1: c.pid1 }));
    }
    Outcome::Exit(code)
}

/// Most numbers one `seq` prints.
pub const MAX_SEQ: i64 = 1_000_000;

pub(super) fn seq(c: &mut Ctx) -> i32 {
    let nums: Vec<&String> = c
        .argv
        .iter()
        .skip(1)
        .filter(|a| !(a.starts_with('-') && a.len() > 1 && a[1..].parse::<f64>().is_err()))
        .collect();
    let parse = |s: &String| s.parse::<i64>().ok();
    let (first, inc, last) = match nums.as_slice() {
        [l] => (Some(1), Some(1), parse(l)),
        [f, l] => (parse(f), Some(1), parse(l)),
        [f, i, l] => (parse(f), parse(i), parse(l)),
        _ => {
            c.err("seq: missing operand\n");
            return 1;
        }
    };
    let (Some(first), Some(inc), Some(last)) = (first, inc, last) else {
        let bad = nums
            .iter()
            .find(|s| s.parse::<i64>().is_err())
            .map(|s| s.to_string())
            .unwrap_or_default();
        c.err(format!("seq: invalid number '{bad}'\n"));
        return 1;
    };
    if inc == 0 {
        return 0;
    }
    let mut out = String::new();
    let mut v = first;
    let mut count = 0;
    while (inc > 0 && v <= last) || (inc < 0 && v >= last) {
        out.push_str(&v.to_string());
        out.push('\n');
        count += 1;
        if count >= MAX_SEQ {
            c.sys.assume(crate::diag::Text::new(
                format!("seq printed its first {MAX_SEQ} numbers only (the playground's bound)"),
                format!("seq 只打印了前 {MAX_SEQ} 个数（playground 的上限）"),
            ));
            break;
        }
        v = v.saturating_add(inc);
    }
    c.out(out);
    0
}

pub(super) fn env(c: &mut Ctx, name: &str) -> i32 {
    let args: Vec<&String> = c.argv.iter().skip(1).collect();
    if name == "printenv" && !args.is_empty() {
        let mut code = 0;
        let mut out = String::new();
        for a in args {
            match c.env.iter().find(|(k, _)| k == a) {
                Some((_, v)) => {
                    out.push_str(v);
                    out.push('\n');
                }
                None => code = 1,
            }
        }
        c.out(out);
        return code;
    }
    let mut out = String::new();
    for (k, v) in c.env {
        out.push_str(&format!("{k}={v}\n"));
    }
    c.out(out);
    0
}

pub(super) fn ps(c: &mut Ctx) -> i32 {
    let table = c.sys.process_table();
    let mut out = format!("{:<5} {:<8} {:<5} {}\n", "PID", "USER", "TIME", "COMMAND");
    for (pid, info) in table {
        let user: String = info.user.chars().take(8).collect();
        out.push_str(&format!(
            "{:>5} {:<8} {:>5} {}\n",
            pid, user, "0:00", info.command
        ));
    }
    c.out(out);
    0
}

/// BusyBox grep (grep.c, 1.37): options anywhere before `--` (getopt permutes), patterns from
/// each `-e` (a line matches when any does) or the first operand, `-A/-B/-C N` context with the
/// `--` separator between groups that are not adjacent, `-n` and file names decorated `:` on
/// matches and `-` on context lines, `-c`, `-v`, `-i`, `-l`, `-q`, `-s`, `-h/-H`, `-m N`, `-F`,
/// `-E`. `-c`, `-q` and `-l` turn `-n` and the context off, as grep.c's sanity checks do.
pub(super) fn grep(c: &mut Ctx, name: &str) -> i32 {
    let mut o = GrepOpts {
        fixed: name == "fgrep",
        ..GrepOpts::default()
    };
    let mut patterns: Vec<String> = Vec::new();
    let mut operands: Vec<String> = Vec::new();
    let (mut after, mut before, mut both) = (None, None, None);
    let mut max: Option<usize> = None;
    let args: Vec<String> = c.argv.get(1..).unwrap_or_default().to_vec();
    let mut i = 0;
    let mut bad = false;
    while let Some(a) = args.get(i) {
        i += 1;
        if a == "--" {
            operands.extend(args.get(i..).unwrap_or_default().iter().cloned());
            break;
        }
        if a.starts_with("--") || !a.starts_with('-') || a == "-" {
            if !a.starts_with("--") {
                operands.push(a.clone());
            }
            continue;
        }
        let flags = a.get(1..).unwrap_or("");
        for (k, ch) in flags.char_indices() {
            if matches!(ch, 'e' | 'f' | 'm' | 'A' | 'B' | 'C') {
                let rest = flags.get(k + ch.len_utf8()..).unwrap_or("");
                let arg = if rest.is_empty() {
                    let v = args.get(i).cloned();
                    i += 1;
                    v
                } else {
                    Some(rest.to_string())
                };
                let Some(arg) = arg else {
                    c.err(format!("{name}: option requires an argument -- '{ch}'\n"));
                    bad = true;
                    break;
                };
                let n = || arg.parse::<usize>().ok();
                match ch {
                    'e' => patterns.push(arg.clone()),
                    'f' => match c.sys.read_file(&c.path(&arg)) {
                        Ok(text) => patterns.extend(text.lines().map(str::to_string)),
                        Err(e) => {
                            c.err(format!("{name}: {arg}: {}\n", e.message()));
                            return 2;
                        }
                    },
                    'm' => max = n(),
                    'A' => after = n(),
                    'B' => before = n(),
                    _ => both = n(),
                }
                if ch != 'e' && ch != 'f' && n().is_none() {
                    c.err(format!("{name}: invalid number '{arg}'\n"));
                    return 2;
                }
                break;
            }
            match ch {
                'q' => o.quiet = true,
                's' => o.silent = true,
                'v' => o.invert = true,
                'i' => o.icase = true,
                'c' => o.count = true,
                'n' => o.number = true,
                'l' => o.names = true,
                'F' => o.fixed = true,
                'H' => o.with_name = Some(true),
                'h' => o.with_name = Some(false),
                _ => {}
            }
        }
        if bad {
            return 2;
        }
    }
    if patterns.is_empty() {
        if operands.is_empty() {
            c.err(format!(
                "Usage: {name} [-HhnlLoqvsrRiwFE] PATTERN/-e PATTERN.../-f FILE [FILE]...\n"
            ));
            return 2;
        }
        patterns.push(operands.remove(0));
    }
    // -C unsets -A and -B unless they are given too
    o.after = after.or(both).unwrap_or(0);
    o.before = before.or(both).unwrap_or(0);
    if o.count || o.quiet || o.names {
        o.number = false;
        o.after = 0;
        o.before = 0;
    }
    let matchers: Vec<Matcher> = patterns
        .iter()
        .map(|p| {
            let p = if o.icase { p.to_lowercase() } else { p.clone() };
            if o.fixed {
                Matcher::Fixed(p)
            } else {
                Matcher::Re(Regex::new(&p))
            }
        })
        .collect();
    let show_name = o.with_name.unwrap_or(operands.len() > 1);
    let mut out = GrepOut::default();
    let mut matched = 0;
    let mut err_code = 0;
    let stdin_only = [String::from("-")];
    let files = if operands.is_empty() { &stdin_only[..] } else { &operands[..] };
    for f in files {
        let text = if f == "-" {
            c.read_all_stdin()
        } else {
            match c.sys.read_file(&c.path(f)) {
                Ok(text) => text,
                Err(e) => {
                    err_code = 2;
                    if !o.silent {
                        c.err(format!("{name}: {f}: {}\n", e.message()));
                    }
                    continue;
                }
            }
        };
        let shown = if f == "-" { "(standard input)" } else { f.as_str() };
        let n = grep_text(&o, &matchers, &text, show_name.then_some(shown), max, &mut out);
        matched += n;
        if o.quiet && n > 0 {
            return 0;
        }
        if o.count {
            if show_name {
                out.text.push_str(&format!("{shown}:"));
            }
            out.text.push_str(&format!("{n}\n"));
        }
        if o.names && n > 0 {
            out.text.push_str(&format!("{shown}\n"));
        }
        // printed file by file, so that an error about a later file comes after
        c.out(std::mem::take(&mut out.text));
    }
    if err_code != 0 {
        2
    } else if matched > 0 {
        0
    } else {
        1
    }
}

#[derive(Default)]
struct GrepOpts {
    quiet: bool,
    silent: bool,
    invert: bool,
    icase: bool,
    count: bool,
    number: bool,
    names: bool,
    fixed: bool,
    with_name: Option<bool>,
    after: usize,
    before: usize,
}

enum Matcher {
    Fixed(String),
    Re(Regex),
}

/// What grep printed so far and the last line it printed (for the `--` separator, kept across
/// files as grep.c's `did_print_line` and `last_line_printed` are).
#[derive(Default)]
struct GrepOut {
    text: String,
    last: Option<usize>,
}

impl GrepOut {
    fn line(&mut self, o: &GrepOpts, file: Option<&str>, n: usize, line: &str, deco: char) {
        if (o.before > 0 || o.after > 0) && self.last.is_some_and(|l| l + 1 != n) {
            self.text.push_str("--\n");
        }
        self.last = Some(n);
        if let Some(f) = file {
            self.text.push_str(f);
            self.text.push(deco);
        }
        if o.number {
            self.text.push_str(&n.to_string());
            self.text.push(deco);
        }
        self.text.push_str(line);
        self.text.push('\n');
    }
}

/// grep.c's grep_file over one input: the number of selected lines.
fn grep_text(
    o: &GrepOpts,
    matchers: &[Matcher],
    text: &str,
    file: Option<&str>,
    max: Option<usize>,
    out: &mut GrepOut,
) -> usize {
    let mut selected = 0;
    let mut after_left = 0;
    let mut before_buf: std::collections::VecDeque<(usize, &str)> = Default::default();
    // line numbers start again in each file: a gap to the previous file's lines is a gap
    if out.last.is_some() {
        out.last = Some(usize::MAX - 1);
    }
    for (k, line) in text.lines().enumerate() {
        let n = k + 1;
        let l = if o.icase { line.to_lowercase() } else { line.to_string() };
        let found = matchers.iter().any(|m| match m {
            Matcher::Fixed(p) => l.contains(p.as_str()),
            Matcher::Re(r) => r.is_match(&l),
        });
        if found != o.invert {
            selected += 1;
            if max.is_some_and(|m| selected > m) {
                selected -= 1;
                break;
            }
            if o.quiet || o.names {
                return selected;
            }
            if !o.count {
                for (bn, bl) in before_buf.drain(..) {
                    out.line(o, file, bn, bl, '-');
                }
                after_left = o.after;
                out.line(o, file, n, line, ':');
            }
        } else if after_left > 0 {
            out.line(o, file, n, line, '-');
            after_left -= 1;
        } else if o.before > 0 {
            if before_buf.len() == o.before {
                before_buf.pop_front();
            }
            before_buf.push_back((n, line));
        }
        if max.is_some_and(|m| after_left == 0 && selected == m) {
            break;
        }
    }
    selected
}
