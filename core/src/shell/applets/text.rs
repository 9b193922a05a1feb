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

pub(super) fn grep(c: &mut Ctx, name: &str) -> i32 {
    let mut quiet = false;
    let mut invert = false;
    let mut icase = false;
    let mut count = false;
    let mut number = false;
    let mut only_names = false;
    let mut fixed = name == "fgrep";
    let mut pattern: Option<String> = None;
    let mut files = Vec::new();
    let mut i = 1;
    while let Some(a) = c.argv.get(i) {
        if a == "-e" {
            pattern = c.argv.get(i + 1).cloned();
            i += 2;
            continue;
        }
        if a.starts_with('-') && a.len() > 1 && pattern.is_none() {
            for ch in a.chars().skip(1) {
                match ch {
                    'q' | 's' => quiet = quiet || ch == 'q',
                    'v' => invert = true,
                    'i' => icase = true,
                    'c' => count = true,
                    'n' => number = true,
                    'l' => only_names = true,
                    'F' => fixed = true,
                    _ => {}
                }
            }
            i += 1;
            continue;
        }
        if pattern.is_none() {
            pattern = Some(a.clone());
        } else {
            files.push(a.clone());
        }
        i += 1;
    }
    let Some(pat) = pattern else {
        c.err(format!(
            "Usage: {name} [-HhnlLoqvsrRiwFE] PATTERN/-e PATTERN.../-f FILE [FILE]...\n"
        ));
        return 2;
    };
    let re = if fixed { None } else { Some(Regex::new(&pat)) };
    let (inputs, err_code) = file_or_stdin(c, "grep", &files);
    let multi = inputs.len() > 1;
    let mut found = false;
    let mut out = String::new();
    for (fname, s) in &inputs {
        let mut n = 0;
        for (ln, line) in s.lines().enumerate() {
            let (l, p) = if icase {
                (line.to_lowercase(), pat.to_lowercase())
            } else {
                (line.to_string(), pat.clone())
            };
            let m = match &re {
                None => l.contains(&p),
                Some(_) if icase => Regex::new(&p).is_match(&l),
                Some(r) => r.is_match(&l),
            };
            if m != invert {
                found = true;
                n += 1;
                if !quiet && !count && !only_names {
                    if multi {
                        out.push_str(&format!("{fname}:"));
                    }
                    if number {
                        out.push_str(&format!("{}:", ln + 1));
                    }
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
        if count && !quiet {
            if multi {
                out.push_str(&format!("{fname}:{n}\n"));
            } else {
                out.push_str(&format!("{n}\n"));
            }
        }
        if only_names && n > 0 && !quiet {
            out.push_str(&format!(
                "{}\n",
                if fname.is_empty() {
                    "(standard input)"
                } else {
                    fname
                }
            ));
        }
        if quiet && found {
            break;
        }
    }
    c.out(out);
    if quiet && found {
        return 0;
    }
    if err_code != 0 {
        return 2;
    }
    if found {
        0
    } else {
        1
    }
}
