//! The commands the shell runs in place: file and text applets with busybox's wording (or GNU
//! coreutils' in Debian images), and the small programs for commands that take time (`sleep`,
//! `tail -f`, `yes`).
//!
//! File times: the playground's files have no modification times; `ls -l` shows the clock's
//! epoch ([`SIM_EPOCH`]).

use crate::os::clock::{strftime, wall_secs, SIM_EPOCH};
use crate::os::path::resolve as resolve_path;
use crate::os::*;

pub struct Ctx<'a> {
    pub sys: &'a mut dyn Sys,
    pub argv: &'a [String],
    /// The command's standard input, complete (the shell waited for the writer to finish);
    /// `None` for a terminal on which nothing is typed.
    pub stdin: Option<&'a str>,
    /// How many bytes of stdin the applet consumed (so that the next reader continues there).
    pub stdin_consumed: Option<usize>,
    /// Output in order: (file descriptor, text).
    pub writes: Vec<(u8, String)>,
    /// GNU coreutils wording (Debian images) instead of busybox's.
    pub gnu: bool,
    pub cwd: &'a str,
    pub env: &'a [(String, String)],
    pub user: &'a str,
    /// The user's numeric id.
    pub uid: u32,
    /// The command will be PID 1 of the container (it ignores SIGTERM without a handler).
    pub pid1: bool,
}

pub enum Outcome {
    Exit(i32),
    /// A command that takes time runs as a child program.
    Spawn(Box<dyn Program>),
}

impl Ctx<'_> {
    pub(crate) fn out(&mut self, s: impl Into<String>) {
        let s = s.into();
        if let Some((1, last)) = self.writes.last_mut() {
            last.push_str(&s);
        } else {
            self.writes.push((1, s));
        }
    }

    pub(crate) fn err(&mut self, s: impl Into<String>) {
        let s = s.into();
        self.writes.push((2, s));
    }

    pub(crate) fn path(&self, p: &str) -> String {
        resolve_path(self.cwd, p)
    }

    fn read_all_stdin(&mut self) -> String {
        let s = self.stdin.unwrap_or("").to_string();
        self.stdin_consumed = Some(s.len());
        s
    }
}

/// Does the command read its standard input (when given no files)?
pub fn reads_stdin(name: &str, argv: &[String]) -> bool {
    let operands = argv
        .iter()
        .skip(1)
        .filter(|a| !a.starts_with('-') || a.as_str() == "-")
        .count();
    match name {
        "cat" | "wc" | "tee" | "sort" | "uniq" => operands == 0 || argv.iter().any(|a| a == "-"),
        "head" | "tail" => {
            let files = operands_after_options(argv, &["-n", "-c"]);
            files.is_empty()
        }
        "grep" | "egrep" | "fgrep" => {
            operands_after_options(argv, &["-e", "-m", "-A", "-B", "-C"]).len() <= 1
        }
        _ => false,
    }
}

/// `head -n N` reading a pipe needs only N lines, not the end of the input.
pub fn stdin_lines_needed(name: &str, argv: &[String]) -> Option<usize> {
    if name == "head" {
        Some(head_count(argv).unwrap_or(10))
    } else {
        None
    }
}

fn operands_after_options<'a>(argv: &'a [String], with_value: &[&str]) -> Vec<&'a String> {
    let mut out = Vec::new();
    let mut i = 1;
    while let Some(a) = argv.get(i) {
        if with_value.contains(&a.as_str()) {
            i += 2;
            continue;
        }
        if a.starts_with('-') && a.len() > 1 {
            i += 1;
            continue;
        }
        out.push(a);
        i += 1;
    }
    out
}

fn head_count(argv: &[String]) -> Option<usize> {
    let mut i = 1;
    while let Some(a) = argv.get(i) {
        if a == "-n" {
            return argv
                .get(i + 1)
                .and_then(|n| n.trim_start_matches('+').parse().ok());
        }
        if let Some(n) = a.strip_prefix("-n") {
            return n.parse().ok();
        }
        if let Some(n) = a.strip_prefix('-') {
            if let Ok(v) = n.parse() {
                return Some(v);
            }
        }
        i += 1;
    }
    None
}

/// Runs an applet; `None` when the playground does not model the command.
pub fn run(name: &str, c: &mut Ctx) -> Option<Outcome> {
    let code = match name {
        "sleep" | "usleep" => return Some(sleep(c, name == "usleep")),
        "yes" => {
            let text = c
                .argv
                .get(1..)
                .map(|a| a.join(" "))
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "y".into());
            return Some(Outcome::Spawn(Box::new(Yes {
                line: format!("{text}\n"),
            })));
        }
        "cat" => cat(c),
        "ls" => ls(c),
        "touch" => touch(c),
        "rm" => rm(c),
        "rmdir" => rmdir(c),
        "cp" => cp(c, false),
        "mv" => cp(c, true),
        "mkdir" => mkdir(c),
        "date" => date(c),
        "hostname" => {
            let h = c.sys.hostname();
            c.out(format!("{h}\n"));
            0
        }
        "env" | "printenv" => env(c, name),
        "ps" => ps(c),
        "wc" => wc(c),
        "grep" | "egrep" | "fgrep" => grep(c, name),
        "head" => head(c),
        "tail" => return Some(tail(c)),
        "seq" => seq(c),
        "expr" => expr(c),
        "basename" => {
            let p = c.argv.get(1).cloned().unwrap_or_default();
            let mut b = p
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or("")
                .to_string();
            if b.is_empty() && p.starts_with('/') {
                b = "/".into();
            }
            if let Some(suf) = c.argv.get(2) {
                if b.len() > suf.len() {
                    if let Some(s) = b.strip_suffix(suf.as_str()) {
                        b = s.to_string();
                    }
                }
            }
            c.out(format!("{b}\n"));
            0
        }
        "dirname" => {
            let p = c.argv.get(1).cloned().unwrap_or_default();
            let t = p.trim_end_matches('/');
            let d = match t.rfind('/') {
                Some(0) => "/".to_string(),
                Some(i) => t[..i].trim_end_matches('/').to_string(),
                None => ".".to_string(),
            };
            c.out(format!("{d}\n"));
            0
        }
        "id" => {
            let user = c.user.to_string();
            let uid = c.uid;
            // busybox's /etc/group also puts root in `wheel`.
            let groups = if uid == 0 && !c.gnu {
                "groups=0(root),10(wheel)".to_string()
            } else {
                format!("groups={uid}({user})")
            };
            c.out(format!("uid={uid}({user}) gid={uid}({user}) {groups}\n"));
            0
        }
        "whoami" => {
            let u = c.user.to_string();
            c.out(format!("{u}\n"));
            0
        }
        "uname" => {
            let h = c.sys.hostname();
            let all = c.argv.iter().any(|a| a == "-a");
            if all {
                c.out(format!("Linux {h} 6.8.0 #1 SMP x86_64 GNU/Linux\n"));
            } else if c.argv.iter().any(|a| a == "-r") {
                c.out("6.8.0\n");
            } else if c.argv.iter().any(|a| a == "-m") {
                c.out("x86_64\n");
            } else if c.argv.iter().any(|a| a == "-n") {
                c.out(format!("{h}\n"));
            } else {
                c.out("Linux\n");
            }
            0
        }
        "tee" => tee(c),
        "nslookup" => super::net::nslookup(c),
        "wget" => super::net::wget(c),
        "curl" => super::net::curl(c),
        "nc" => super::net::nc(c),
        _ => return None,
    };
    Some(Outcome::Exit(code))
}

// ---------------------------------------------------------------- echo / printf

/// busybox `echo` (`-n`, `-e`, `-E` and combinations like `-en`; `-e` escapes incl. `\c`).
pub fn echo(args: &[String]) -> String {
    let mut newline = true;
    let mut escapes = false;
    let mut i = 0;
    while let Some(a) = args.get(i) {
        if a.len() > 1 && a.starts_with('-') && a[1..].chars().all(|c| matches!(c, 'n' | 'e' | 'E'))
        {
            for ch in a[1..].chars() {
                match ch {
                    'n' => newline = false,
                    'e' => escapes = true,
                    _ => escapes = false,
                }
            }
            i += 1;
        } else {
            break;
        }
    }
    let mut out = String::new();
    for (k, a) in args.iter().skip(i).enumerate() {
        if k > 0 {
            out.push(' ');
        }
        if escapes {
            let (s, stop) = unescape(a, true);
            out.push_str(&s);
            if stop {
                return out;
            }
        } else {
            out.push_str(a);
        }
    }
    if newline {
        out.push('\n');
    }
    out
}

/// Backslash escapes of `echo -e` / `printf %b`. Returns the text and whether `\c` stopped it.
fn unescape(s: &str, echo_octal: bool) -> (String, bool) {
    let mut out = String::new();
    let c: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < c.len() {
        if c[i] != '\\' || i + 1 >= c.len() {
            out.push(c[i]);
            i += 1;
            continue;
        }
        i += 1;
        match c[i] {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'a' => out.push('\u{7}'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'v' => out.push('\u{b}'),
            'e' => out.push('\u{1b}'),
            '\\' => out.push('\\'),
            'c' => return (out, true),
            '0'..='7' => {
                let mut v = 0u32;
                let mut n = 0;
                let mut j = i;
                if echo_octal && c[i] == '0' {
                    j += 1;
                }
                while j < c.len() && n < 3 && ('0'..='7').contains(&c[j]) {
                    v = v * 8 + c[j].to_digit(8).unwrap_or(0);
                    j += 1;
                    n += 1;
                }
                out.push(char::from_u32(v).unwrap_or('?'));
                i = j;
                continue;
            }
            'x' => {
                let mut v = 0u32;
                let mut j = i + 1;
                while j < c.len() && j < i + 3 && c[j].is_ascii_hexdigit() {
                    v = v * 16 + c[j].to_digit(16).unwrap_or(0);
                    j += 1;
                }
                if j == i + 1 {
                    out.push('\\');
                    out.push('x');
                } else {
                    out.push(char::from_u32(v).unwrap_or('?'));
                }
                i = j;
                continue;
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
        i += 1;
    }
    (out, false)
}

/// `printf FORMAT [ARG…]`: `%s %d %i %u %x %X %o %c %f %e %g %b %%`, widths, precision and
/// `-` flag; the format is reused while arguments remain. Returns (output, errors, status).
pub fn printf(args: &[String]) -> (String, Vec<String>, i32) {
    let Some(fmt) = args.first() else {
        return (
            String::new(),
            vec!["usage: printf FORMAT [ARGUMENT...]".into()],
            1,
        );
    };
    let fmt: Vec<char> = fmt.chars().collect();
    let mut rest = args.iter().skip(1).peekable();
    let mut out = String::new();
    let mut errs = Vec::new();
    let mut status = 0;
    let mut rounds = 0;
    loop {
        rounds += 1;
        let mut used = false;
        let mut i = 0;
        while i < fmt.len() {
            let ch = fmt[i];
            if ch == '\\' {
                let mut j = i + 1;
                while j < fmt.len() && j < i + 4 && fmt[j].is_ascii_digit() {
                    j += 1;
                }
                let end = if j > i + 1 { j } else { (i + 2).min(fmt.len()) };
                let piece: String = fmt[i..end].iter().collect();
                let (s, stop) = unescape(&piece, false);
                out.push_str(&s);
                if stop {
                    return (out, errs, status);
                }
                i = end;
                continue;
            }
            if ch != '%' {
                out.push(ch);
                i += 1;
                continue;
            }
            if fmt.get(i + 1) == Some(&'%') {
                out.push('%');
                i += 2;
                continue;
            }
            let mut j = i + 1;
            let mut flags = String::new();
            while let Some(&f) = fmt.get(j) {
                if "-+ 0#".contains(f) {
                    flags.push(f);
                    j += 1;
                } else {
                    break;
                }
            }
            let mut width = String::new();
            while let Some(&d) = fmt.get(j) {
                if d.is_ascii_digit() {
                    width.push(d);
                    j += 1;
                } else if d == '*' {
                    width = rest.next().cloned().unwrap_or_default();
                    j += 1;
                } else {
                    break;
                }
            }
            let mut prec: Option<usize> = None;
            if fmt.get(j) == Some(&'.') {
                j += 1;
                let mut p = String::new();
                while let Some(&d) = fmt.get(j) {
                    if d.is_ascii_digit() {
                        p.push(d);
                        j += 1;
                    } else {
                        break;
                    }
                }
                prec = Some(p.parse().unwrap_or(0));
            }
            let Some(&conv) = fmt.get(j) else {
                out.extend(fmt[i..].iter());
                break;
            };
            i = j + 1;
            let arg = rest.next();
            if arg.is_some() {
                used = true;
            }
            let a = arg.cloned().unwrap_or_default();
            let w: usize = width.trim_start_matches('-').parse().unwrap_or(0);
            let left = flags.contains('-') || width.starts_with('-');
            let zero = flags.contains('0') && !left;
            let body = match conv {
                's' => match prec {
                    Some(p) => a.chars().take(p).collect(),
                    None => a,
                },
                'b' => unescape(&a, true).0,
                'c' => a.chars().next().map(|c| c.to_string()).unwrap_or_default(),
                'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
                    let v = if a.is_empty() {
                        0
                    } else if let Some(ch) = a.strip_prefix('\'').or_else(|| a.strip_prefix('"')) {
                        ch.chars().next().map(|c| c as i64).unwrap_or(0)
                    } else {
                        match super::expand::parse_number(&a) {
                            Some(v) => v,
                            None => {
                                errs.push(format!("invalid number '{a}'"));
                                status = 1;
                                0
                            }
                        }
                    };
                    let mut s = match conv {
                        'x' => format!("{:x}", v),
                        'X' => format!("{:X}", v),
                        'o' => format!("{:o}", v),
                        'u' => format!("{}", v as u64),
                        _ => {
                            if flags.contains('+') && v >= 0 {
                                format!("+{v}")
                            } else {
                                v.to_string()
                            }
                        }
                    };
                    if let Some(p) = prec {
                        let neg = s.starts_with('-');
                        let digits = s.trim_start_matches('-').to_string();
                        if digits.len() < p {
                            s = format!(
                                "{}{}{}",
                                if neg { "-" } else { "" },
                                "0".repeat(p - digits.len()),
                                digits
                            );
                        }
                    }
                    s
                }
                'f' | 'F' | 'e' | 'E' | 'g' | 'G' => {
                    let v: f64 = if a.is_empty() {
                        0.0
                    } else {
                        match a.trim().parse() {
                            Ok(v) => v,
                            Err(_) => {
                                errs.push(format!("invalid number '{a}'"));
                                status = 1;
                                0.0
                            }
                        }
                    };
                    let p = prec.unwrap_or(6);
                    match conv {
                        'e' | 'E' => {
                            let s = format!("{:.*e}", p, v);
                            // Rust prints 1.5e0; C prints 1.500000e+00
                            let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
                            let ev: i32 = e.parse().unwrap_or(0);
                            let t =
                                format!("{m}e{}{:02}", if ev < 0 { '-' } else { '+' }, ev.abs());
                            if conv == 'E' {
                                t.to_uppercase()
                            } else {
                                t
                            }
                        }
                        'g' | 'G' => {
                            let s = format!("{}", v);
                            s
                        }
                        _ => format!("{:.*}", p, v),
                    }
                }
                other => {
                    errs.push(format!("%{other}: invalid format"));
                    status = 1;
                    String::new()
                }
            };
            let len = body.chars().count();
            if len < w {
                let pad = w - len;
                if left {
                    out.push_str(&body);
                    out.push_str(&" ".repeat(pad));
                } else if zero && conv != 's' {
                    let (sign, digits) = if let Some(d) = body.strip_prefix('-') {
                        ("-", d)
                    } else {
                        ("", body.as_str())
                    };
                    out.push_str(sign);
                    out.push_str(&"0".repeat(pad));
                    out.push_str(digits);
                } else {
                    out.push_str(&" ".repeat(pad));
                    out.push_str(&body);
                }
            } else {
                out.push_str(&body);
            }
        }
        if !used || rest.peek().is_none() || rounds > 10_000 {
            break;
        }
    }
    (out, errs, status)
}

// ---------------------------------------------------------------- sleep / yes / tail -f

/// Parses busybox `sleep` durations: `N`, `1.5`, `1m`, `2h`, `1d`, summed; `infinity`.
pub fn parse_duration_ms(arg: &str) -> Option<Option<u64>> {
    if arg == "infinity" || arg == "inf" {
        return Some(None);
    }
    let (num, mult) = match arg.chars().last() {
        Some('s') => (&arg[..arg.len() - 1], 1000.0),
        Some('m') => (&arg[..arg.len() - 1], 60_000.0),
        Some('h') => (&arg[..arg.len() - 1], 3_600_000.0),
        Some('d') => (&arg[..arg.len() - 1], 86_400_000.0),
        _ => (arg, 1000.0),
    };
    if num.is_empty() || num.starts_with('-') || num.starts_with('+') {
        return None;
    }
    let v: f64 = num.parse().ok()?;
    if !v.is_finite() || v < 0.0 {
        return None;
    }
    Some(Some((v * mult).min(u64::MAX as f64 / 2.0) as u64))
}

fn sleep(c: &mut Ctx, micro: bool) -> Outcome {
    let args = c.argv.get(1..).unwrap_or(&[]);
    if args.is_empty() {
        if c.gnu {
            c.err("sleep: missing operand\nTry 'sleep --help' for more information.\n");
        } else {
            c.err("BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: sleep [N]...\n\nPause for a time equal to the total of the args given, where each arg can\nhave an optional suffix of (s)econds, (m)inutes, (h)ours, or (d)ays\n");
        }
        return Outcome::Exit(1);
    }
    let mut total: Option<u64> = Some(0);
    for a in args {
        let parsed = if micro {
            a.parse::<u64>().ok().map(|us| Some(us / 1000))
        } else {
            parse_duration_ms(a)
        };
        match parsed {
            Some(Some(ms)) => total = total.map(|t| t.saturating_add(ms)),
            Some(None) => total = None,
            None => {
                if c.gnu {
                    c.err(format!("sleep: invalid time interval '{a}'\nTry 'sleep --help' for more information.\n"));
                } else {
                    c.err(format!("sleep: invalid number '{a}'\n"));
                }
                return Outcome::Exit(1);
            }
        }
    }
    Outcome::Spawn(Box::new(Sleep {
        until: None,
        ms: total,
        pid1: c.pid1,
    }))
}

/// `sleep N` / `sleep infinity` as a process (so that `ps` lists it and `kill` reaches it).
pub struct Sleep {
    until: Option<SimTime>,
    /// None: forever.
    ms: Option<u64>,
    pid1: bool,
}

impl Program for Sleep {
    fn poll(&mut self, sys: &mut dyn Sys) -> Poll {
        sys.set_memory(SMALL_APPLET_MEMORY);
        let Some(ms) = self.ms else { return Poll::Idle };
        let now = sys.now();
        let until = *self.until.get_or_insert(now.saturating_add(ms));
        if now >= until {
            Poll::Exit(0)
        } else {
            Poll::Sleep(until.0 - now.0)
        }
    }

    fn signal(&mut self, signal: Signal) -> SignalOutcome {
        pid1_default(signal, self.pid1)
    }

    fn processes(&self) -> Vec<ProcInfo> {
        Vec::new()
    }
}

/// Linux: PID 1 gets no default action for signals it does not handle (SIGKILL aside).
pub fn pid1_default(signal: Signal, pid1: bool) -> SignalOutcome {
    match signal {
        Signal::Kill => SignalOutcome::Exit {
            code: 137,
            after_ms: 0,
        },
        _ if pid1 => SignalOutcome::Ignore,
        Signal::Term => SignalOutcome::Exit {
            code: 143,
            after_ms: 0,
        },
        Signal::Quit => SignalOutcome::Exit {
            code: 131,
            after_ms: 0,
        },
    }
}

/// Resident memory of a small applet process (`sleep`, `tail`): ≈ 64 KiB.
pub const SMALL_APPLET_MEMORY: u64 = 64 * 1024;

/// `yes`: writes its line as fast as it can. Modelled as one full CPU, writing a bounded
/// chunk per slice (a terminal or log could not take more anyway).
pub struct Yes {
    line: String,
}

/// Lines `yes` writes per slice.
pub const YES_LINES_PER_SLICE: usize = 64;

impl Program for Yes {
    fn poll(&mut self, sys: &mut dyn Sys) -> Poll {
        sys.set_memory(SMALL_APPLET_MEMORY);
        sys.set_cpu_demand(1000);
        sys.stdout(&self.line.repeat(YES_LINES_PER_SLICE));
        Poll::Sleep(super::machine::BUSY_SLICE_MS)
    }

    fn processes(&self) -> Vec<ProcInfo> {
        Vec::new()
    }
}

/// `tail -f`: nothing more ever arrives in the playground's files; it waits for a signal.
pub struct Follow {
    pid1: bool,
}

impl Program for Follow {
    fn poll(&mut self, sys: &mut dyn Sys) -> Poll {
        sys.set_memory(SMALL_APPLET_MEMORY);
        Poll::Idle
    }

    fn signal(&mut self, signal: Signal) -> SignalOutcome {
        pid1_default(signal, self.pid1)
    }

    fn processes(&self) -> Vec<ProcInfo> {
        Vec::new()
    }
}

// ---------------------------------------------------------------- files

fn split_flags(argv: &[String]) -> (String, Vec<String>) {
    let mut flags = String::new();
    let mut ops = Vec::new();
    let mut only_ops = false;
    for a in argv.iter().skip(1) {
        if !only_ops && a == "--" {
            only_ops = true;
            continue;
        }
        if !only_ops && a.starts_with('-') && a.len() > 1 {
            if let Some(long) = a.strip_prefix("--") {
                match long {
                    "recursive" => flags.push('r'),
                    "force" => flags.push('f'),
                    "parents" => flags.push('p'),
                    "all" => flags.push('a'),
                    "quiet" | "silent" => flags.push('q'),
                    _ => {}
                }
            } else {
                flags.push_str(&a[1..]);
            }
        } else {
            ops.push(a.clone());
        }
    }
    (flags, ops)
}

fn cat(c: &mut Ctx) -> i32 {
    let (_, files) = split_flags(c.argv);
    if files.is_empty() {
        let s = c.read_all_stdin();
        c.out(s);
        return 0;
    }
    let mut code = 0;
    for f in files {
        if f == "-" {
            let s = c.read_all_stdin();
            c.out(s);
            continue;
        }
        let p = c.path(&f);
        match c.sys.read_file(&p) {
            Ok(s) => c.out(s),
            Err(e) => {
                let e = if c.sys.kind(&p) == Some(FileKind::Dir) {
                    FsError::IsADirectory
                } else {
                    e
                };
                code = 1;
                if c.gnu {
                    c.err(format!("cat: {f}: {}\n", e.message()));
                } else if e == FsError::IsADirectory {
                    c.err("cat: read error: Is a directory\n".to_string());
                } else {
                    c.err(format!("cat: can't open '{f}': {}\n", e.message()));
                }
            }
        }
    }
    code
}

fn ls_date() -> String {
    strftime("%b %e %H:%M", SIM_EPOCH)
}

fn ls_long_line(c: &Ctx, path: &str, name: &str) -> (String, u64) {
    let is_dir = c.sys.kind(path) == Some(FileKind::Dir);
    let size = if is_dir {
        4096
    } else {
        c.sys.read_file(path).map(|s| s.len() as u64).unwrap_or(0)
    };
    let blocks = size.div_ceil(4096) * 4;
    let user = if c.user.len() > 8 {
        &c.user[..8]
    } else {
        c.user
    };
    let mode = if is_dir { "drwxr-xr-x" } else { "-rw-r--r--" };
    let links = if is_dir { 2 } else { 1 };
    let line = if c.gnu {
        format!(
            "{mode} {links} {user} {user} {size:>5} {} {name}\n",
            ls_date()
        )
    } else {
        format!(
            "{mode} {links:>4} {user:<8} {user:<8} {size:>9} {} {name}\n",
            ls_date()
        )
    };
    (line, blocks)
}

fn ls(c: &mut Ctx) -> i32 {
    let (flags, mut ops) = split_flags(c.argv);
    let long = flags.contains('l');
    let all = flags.contains('a');
    let almost = flags.contains('A');
    let dir_only = flags.contains('d');
    if ops.is_empty() {
        ops.push(".".into());
    }
    let mut code = 0;
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for o in &ops {
        let p = c.path(o);
        match c.sys.kind(&p) {
            None => {
                if c.gnu {
                    c.err(format!(
                        "ls: cannot access '{o}': No such file or directory\n"
                    ));
                    code = 2;
                } else {
                    c.err(format!("ls: {o}: No such file or directory\n"));
                    code = 1;
                }
            }
            Some(FileKind::Dir) if !dir_only => dirs.push((o.clone(), p)),
            Some(_) => files.push((o.clone(), p)),
        }
    }
    let mut text = String::new();
    for (name, p) in &files {
        if long {
            text.push_str(&ls_long_line(c, p, name).0);
        } else {
            text.push_str(&format!("{name}\n"));
        }
    }
    let multi = ops.len() > 1;
    for (k, (name, p)) in dirs.iter().enumerate() {
        if multi {
            if k > 0 || !files.is_empty() {
                text.push('\n');
            }
            text.push_str(&format!("{name}:\n"));
        }
        let mut entries = c.sys.list_dir(p).unwrap_or_default();
        entries.retain(|e| all || almost || !e.starts_with('.'));
        if all {
            entries.insert(0, "..".into());
            entries.insert(0, ".".into());
        }
        if long {
            let mut body = String::new();
            let mut total = 0;
            for e in &entries {
                let ep = if e == "." {
                    p.clone()
                } else if e == ".." {
                    resolve_path(p, "..")
                } else {
                    resolve_path(p, e)
                };
                let (line, blocks) = ls_long_line(c, &ep, e);
                total += blocks;
                body.push_str(&line);
            }
            text.push_str(&format!("total {total}\n"));
            text.push_str(&body);
        } else {
            for e in entries {
                text.push_str(&e);
                text.push('\n');
            }
        }
    }
    c.out(text);
    code
}

fn touch(c: &mut Ctx) -> i32 {
    let (_, ops) = split_flags(c.argv);
    let mut code = 0;
    for f in ops {
        let p = c.path(&f);
        if c.sys.kind(&p).is_some() {
            continue;
        }
        if let Err(e) = c.sys.write_file(&p, "", true) {
            code = 1;
            if c.gnu {
                c.err(format!("touch: cannot touch '{f}': {}\n", e.message()));
            } else {
                c.err(format!("touch: {f}: {}\n", e.message()));
            }
        }
    }
    code
}

fn rm(c: &mut Ctx) -> i32 {
    let (flags, ops) = split_flags(c.argv);
    let force = flags.contains('f');
    let recursive = flags.contains('r') || flags.contains('R');
    if ops.is_empty() && !force {
        c.err(if c.gnu {
            "rm: missing operand\nTry 'rm --help' for more information.\n".to_string()
        } else {
            "rm: missing operand\n".to_string()
        });
        return 1;
    }
    let mut code = 0;
    for f in ops {
        let p = c.path(&f);
        match c.sys.kind(&p) {
            None => {
                if !force {
                    code = 1;
                    c.err(if c.gnu {
                        format!("rm: cannot remove '{f}': No such file or directory\n")
                    } else {
                        format!("rm: can't remove '{f}': No such file or directory\n")
                    });
                }
            }
            Some(FileKind::Dir) if !recursive => {
                code = 1;
                c.err(if c.gnu {
                    format!("rm: cannot remove '{f}': Is a directory\n")
                } else {
                    format!("rm: '{f}' is a directory\n")
                });
            }
            Some(_) => {
                if let Err(e) = c.sys.remove(&p, recursive) {
                    code = 1;
                    c.err(if c.gnu {
                        format!("rm: cannot remove '{f}': {}\n", e.message())
                    } else {
                        format!("rm: can't remove '{f}': {}\n", e.message())
                    });
                }
            }
        }
    }
    code
}

fn rmdir(c: &mut Ctx) -> i32 {
    let (_, ops) = split_flags(c.argv);
    let mut code = 0;
    for f in ops {
        let p = c.path(&f);
        let r = match c.sys.kind(&p) {
            None => Err(FsError::NotFound),
            Some(FileKind::File) => Err(FsError::NotADirectory),
            Some(FileKind::Dir) => {
                if c.sys.list_dir(&p).map(|v| v.is_empty()).unwrap_or(false) {
                    c.sys.remove(&p, false)
                } else {
                    Err(FsError::NotEmpty)
                }
            }
        };
        if let Err(e) = r {
            code = 1;
            c.err(format!("rmdir: failed to remove '{f}': {}\n", e.message()));
        }
    }
    code
}

fn mkdir(c: &mut Ctx) -> i32 {
    let (flags, ops) = split_flags(c.argv);
    let parents = flags.contains('p');
    let mut code = 0;
    for f in ops {
        let p = c.path(&f);
        if parents && c.sys.kind(&p) == Some(FileKind::Dir) {
            continue;
        }
        let r = if c.sys.kind(&p).is_some() {
            Err(FsError::Exists)
        } else {
            c.sys.mkdir(&p, parents)
        };
        if let Err(e) = r {
            code = 1;
            c.err(if c.gnu {
                format!("mkdir: cannot create directory '{f}': {}\n", e.message())
            } else {
                format!("mkdir: can't create directory '{f}': {}\n", e.message())
            });
        }
    }
    code
}

/// Copies a file or (with `recursive`) a directory tree. Bounded by [`MAX_COPY_ENTRIES`].
fn copy_tree(sys: &mut dyn Sys, from: &str, to: &str, recursive: bool) -> Result<(), FsError> {
    let mut stack = vec![(from.to_string(), to.to_string())];
    let mut n = 0;
    while let Some((f, t)) = stack.pop() {
        n += 1;
        if n > MAX_COPY_ENTRIES {
            break;
        }
        match sys.kind(&f) {
            Some(FileKind::Dir) => {
                if !recursive {
                    return Err(FsError::IsADirectory);
                }
                if sys.kind(&t).is_none() {
                    sys.mkdir(&t, false)?;
                }
                for e in sys.list_dir(&f)? {
                    stack.push((resolve_path(&f, &e), resolve_path(&t, &e)));
                }
            }
            Some(FileKind::File) => {
                let data = sys.read_file(&f)?;
                sys.write_file(&t, &data, false)?;
            }
            None => return Err(FsError::NotFound),
        }
    }
    Ok(())
}

/// Most entries one `cp -r` copies.
pub const MAX_COPY_ENTRIES: usize = 10_000;

fn cp(c: &mut Ctx, mv: bool) -> i32 {
    let (flags, mut ops) = split_flags(c.argv);
    let recursive = mv || flags.contains('r') || flags.contains('R') || flags.contains('a');
    let name = if mv { "mv" } else { "cp" };
    if ops.len() < 2 {
        c.err(if c.gnu {
            format!("{name}: missing file operand\nTry '{name} --help' for more information.\n")
        } else {
            format!("{name}: missing file operand\n")
        });
        return 1;
    }
    let dest = ops.pop().unwrap_or_default();
    let dest_p = c.path(&dest);
    let dest_is_dir = c.sys.kind(&dest_p) == Some(FileKind::Dir);
    if ops.len() > 1 && !dest_is_dir {
        c.err(format!("{name}: target '{dest}' is not a directory\n"));
        return 1;
    }
    let mut code = 0;
    for src in ops {
        let sp = c.path(&src);
        let kind = c.sys.kind(&sp);
        if kind.is_none() {
            code = 1;
            c.err(match (mv, c.gnu) {
                (false, false) => format!("cp: can't stat '{src}': No such file or directory\n"),
                (true, false) => format!("mv: can't rename '{src}': No such file or directory\n"),
                (_, true) => format!("{name}: cannot stat '{src}': No such file or directory\n"),
            });
            continue;
        }
        if kind == Some(FileKind::Dir) && !recursive {
            code = 1;
            c.err(if c.gnu {
                format!("cp: -r not specified; omitting directory '{src}'\n")
            } else {
                format!("cp: omitting directory '{src}'\n")
            });
            continue;
        }
        let target = if dest_is_dir {
            resolve_path(&dest_p, sp.rsplit('/').next().unwrap_or(""))
        } else {
            dest_p.clone()
        };
        let mut r = copy_tree(c.sys, &sp, &target, recursive);
        if r.is_ok() && mv {
            r = c.sys.remove(&sp, true);
        }
        if let Err(e) = r {
            code = 1;
            let shown = if dest_is_dir {
                format!(
                    "{}/{}",
                    dest.trim_end_matches('/'),
                    sp.rsplit('/').next().unwrap_or("")
                )
            } else {
                dest.clone()
            };
            c.err(if c.gnu {
                format!(
                    "{name}: cannot create regular file '{shown}': {}\n",
                    e.message()
                )
            } else {
                format!("{name}: can't create '{shown}': {}\n", e.message())
            });
        }
    }
    code
}

fn tee(c: &mut Ctx) -> i32 {
    let (flags, files) = split_flags(c.argv);
    let append = flags.contains('a');
    let s = c.read_all_stdin();
    let mut code = 0;
    for f in files {
        let p = c.path(&f);
        if let Err(e) = c.sys.write_file(&p, &s, append) {
            code = 1;
            c.err(format!("tee: {f}: {}\n", e.message()));
        }
    }
    c.out(s);
    code
}

// ---------------------------------------------------------------- text

fn file_or_stdin(c: &mut Ctx, name: &str, files: &[String]) -> (Vec<(String, String)>, i32) {
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

fn wc(c: &mut Ctx) -> i32 {
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
        for k in 0..3 {
            totals[k] += counts[k];
        }
        text.push_str(&wc_line(&sel, &counts, name));
    }
    if inputs.len() > 1 {
        text.push_str(&wc_line(&sel, &totals, "total"));
    }
    c.out(text);
    code
}

fn wc_line(sel: &[char], counts: &[usize; 3], name: &str) -> String {
    let vals: Vec<usize> = sel
        .iter()
        .map(|f| match f {
            'l' => counts[0],
            'w' => counts[1],
            _ => counts[2],
        })
        .collect();
    let mut s = if vals.len() == 1 {
        vals[0].to_string()
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

fn head(c: &mut Ctx) -> i32 {
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
    let multi = inputs.len() > 1;
    let mut out = String::new();
    for (k, (name, s)) in inputs.iter().enumerate() {
        if multi {
            out.push_str(&format!(
                "{}==> {name} <==\n",
                if k > 0 { "\n" } else { "" }
            ));
        }
        for line in s.split_inclusive('\n').take(n) {
            out.push_str(line);
        }
    }
    c.out(out);
    code
}

fn tail(c: &mut Ctx) -> Outcome {
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
    let multi = inputs.len() > 1;
    let mut out = String::new();
    for (k, (name, s)) in inputs.iter().enumerate() {
        if multi {
            out.push_str(&format!(
                "{}==> {name} <==\n",
                if k > 0 { "\n" } else { "" }
            ));
        }
        let lines: Vec<&str> = s.split_inclusive('\n').collect();
        let start = lines.len().saturating_sub(n);
        for l in &lines[start..] {
            out.push_str(l);
        }
    }
    c.out(out);
    if follow {
        return Outcome::Spawn(Box::new(Follow { pid1: c.pid1 }));
    }
    Outcome::Exit(code)
}

/// Most numbers one `seq` prints.
pub const MAX_SEQ: i64 = 1_000_000;

fn seq(c: &mut Ctx) -> i32 {
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
            c.sys.assume(&format!(
                "seq printed its first {MAX_SEQ} numbers only (the playground's bound)"
            ));
            break;
        }
        v = v.saturating_add(inc);
    }
    c.out(out);
    0
}

fn env(c: &mut Ctx, name: &str) -> i32 {
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

fn ps(c: &mut Ctx) -> i32 {
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

fn grep(c: &mut Ctx, name: &str) -> i32 {
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

/// A small regular-expression matcher for `grep` (basic and extended syntax: `^ $ . * + ?
/// [...] \` and `|` at the top level). Backtracking is bounded by [`REGEX_STEPS`].
pub struct Regex {
    alts: Vec<Vec<Node>>,
}

/// Most matching steps per line.
pub const REGEX_STEPS: usize = 100_000;

#[derive(Clone, Debug)]
enum Atom {
    Char(char),
    Any,
    Class(Vec<(char, char)>, bool),
    Start,
    End,
}

#[derive(Clone, Debug)]
struct Node {
    atom: Atom,
    min: usize,
    max: usize,
}

impl Regex {
    pub fn new(p: &str) -> Regex {
        let alts = split_top(p, '|')
            .into_iter()
            .map(|a| parse_re(&a))
            .collect();
        Regex { alts }
    }

    pub fn is_match(&self, s: &str) -> bool {
        let t: Vec<char> = s.chars().collect();
        for alt in &self.alts {
            for start in 0..=t.len() {
                let mut steps = 0;
                if match_here(alt, &t, start, &mut steps) {
                    return true;
                }
                if matches!(
                    alt.first(),
                    Some(Node {
                        atom: Atom::Start,
                        ..
                    })
                ) {
                    break;
                }
            }
        }
        false
    }
}

fn split_top(p: &str, sep: char) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut esc = false;
    let mut in_class = false;
    for ch in p.chars() {
        if esc {
            if ch == '|' {
                out.push(String::new());
            } else if let Some(l) = out.last_mut() {
                l.push('\\');
                l.push(ch);
            }
            esc = false;
            continue;
        }
        match ch {
            '\\' => esc = true,
            '[' => {
                in_class = true;
                if let Some(l) = out.last_mut() {
                    l.push(ch);
                }
            }
            ']' => {
                in_class = false;
                if let Some(l) = out.last_mut() {
                    l.push(ch);
                }
            }
            c if c == sep && !in_class => out.push(String::new()),
            c => {
                if let Some(l) = out.last_mut() {
                    l.push(c);
                }
            }
        }
    }
    out
}

fn parse_re(p: &str) -> Vec<Node> {
    let c: Vec<char> = p.chars().collect();
    let mut nodes: Vec<Node> = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let atom = match c[i] {
            '^' if i == 0 => Atom::Start,
            '$' if i + 1 == c.len() => Atom::End,
            '.' => Atom::Any,
            '[' => {
                let mut j = i + 1;
                let neg = matches!(c.get(j), Some('^'));
                if neg {
                    j += 1;
                }
                let mut ranges = Vec::new();
                let mut first = true;
                while j < c.len() && (c[j] != ']' || first) {
                    first = false;
                    let lo = c[j];
                    if c.get(j + 1) == Some(&'-') && c.get(j + 2).is_some_and(|&e| e != ']') {
                        ranges.push((lo, c[j + 2]));
                        j += 3;
                    } else {
                        ranges.push((lo, lo));
                        j += 1;
                    }
                }
                i = j;
                Atom::Class(ranges, neg)
            }
            '\\' if i + 1 < c.len() => {
                i += 1;
                match c[i] {
                    'd' => Atom::Class(vec![('0', '9')], false),
                    'w' => Atom::Class(vec![('a', 'z'), ('A', 'Z'), ('0', '9'), ('_', '_')], false),
                    's' => Atom::Class(vec![(' ', ' '), ('\t', '\t')], false),
                    other => Atom::Char(other),
                }
            }
            '(' | ')' => {
                i += 1;
                continue;
            }
            ch => Atom::Char(ch),
        };
        i += 1;
        let (min, max) = match c.get(i) {
            Some('*') => {
                i += 1;
                (0, usize::MAX)
            }
            Some('+') => {
                i += 1;
                (1, usize::MAX)
            }
            Some('?') => {
                i += 1;
                (0, 1)
            }
            _ => (1, 1),
        };
        nodes.push(Node { atom, min, max });
    }
    nodes
}

fn atom_matches(a: &Atom, ch: char) -> bool {
    match a {
        Atom::Char(c) => *c == ch,
        Atom::Any => true,
        Atom::Class(r, neg) => r.iter().any(|(lo, hi)| *lo <= ch && ch <= *hi) != *neg,
        Atom::Start | Atom::End => false,
    }
}

fn match_here(nodes: &[Node], t: &[char], pos: usize, steps: &mut usize) -> bool {
    // iterative over nodes with explicit backtracking stack
    let mut stack: Vec<(usize, usize, usize)> = Vec::new(); // (node index, text pos, count tried)
    let mut ni = 0;
    let mut tp = pos;
    loop {
        *steps += 1;
        if *steps > REGEX_STEPS {
            return false;
        }
        if ni == nodes.len() {
            return true;
        }
        let node = &nodes[ni];
        match node.atom {
            Atom::Start => {
                if tp == 0 {
                    ni += 1;
                    continue;
                }
            }
            Atom::End => {
                if tp == t.len() {
                    ni += 1;
                    continue;
                }
            }
            _ => {
                // greedy: count how many can match
                let mut n = 0;
                while n < node.max && tp + n < t.len() && atom_matches(&node.atom, t[tp + n]) {
                    n += 1;
                }
                if n >= node.min {
                    stack.push((ni, tp, n));
                    tp += n;
                    ni += 1;
                    continue;
                }
            }
        }
        // backtrack
        loop {
            let Some((bi, bp, bn)) = stack.pop() else {
                return false;
            };
            if bn > nodes[bi].min {
                stack.push((bi, bp, bn - 1));
                ni = bi + 1;
                tp = bp + bn - 1;
                break;
            }
        }
    }
}

fn expr(c: &mut Ctx) -> i32 {
    let args: Vec<String> = c.argv.iter().skip(1).cloned().collect();
    let mut p = ExprParser { a: &args, i: 0 };
    let r = p.or();
    match r {
        Ok(v) if p.i == args.len() => {
            let s = v.text();
            let zero = s.is_empty() || s == "0";
            c.out(format!("{s}\n"));
            if zero {
                1
            } else {
                0
            }
        }
        Ok(_) => {
            c.err("expr: syntax error\n");
            2
        }
        Err(e) => {
            c.err(format!("expr: {e}\n"));
            2
        }
    }
}

enum EVal {
    N(i64),
    S(String),
}

impl EVal {
    fn text(&self) -> String {
        match self {
            EVal::N(n) => n.to_string(),
            EVal::S(s) => s.clone(),
        }
    }
    fn num(&self) -> Result<i64, String> {
        match self {
            EVal::N(n) => Ok(*n),
            EVal::S(s) => s
                .trim()
                .parse()
                .map_err(|_| "non-numeric argument".to_string()),
        }
    }
    fn truthy(&self) -> bool {
        let t = self.text();
        !(t.is_empty() || t == "0")
    }
}

struct ExprParser<'a> {
    a: &'a [String],
    i: usize,
}

impl ExprParser<'_> {
    fn peek(&self) -> Option<&str> {
        self.a.get(self.i).map(|s| s.as_str())
    }
    fn or(&mut self) -> Result<EVal, String> {
        let mut l = self.and()?;
        while self.peek() == Some("|") {
            self.i += 1;
            let r = self.and()?;
            l = if l.truthy() {
                l
            } else if r.truthy() {
                r
            } else {
                EVal::N(0)
            };
        }
        Ok(l)
    }
    fn and(&mut self) -> Result<EVal, String> {
        let mut l = self.cmp()?;
        while self.peek() == Some("&") {
            self.i += 1;
            let r = self.cmp()?;
            l = if l.truthy() && r.truthy() {
                l
            } else {
                EVal::N(0)
            };
        }
        Ok(l)
    }
    fn cmp(&mut self) -> Result<EVal, String> {
        let mut l = self.add()?;
        while let Some(op) = self
            .peek()
            .filter(|o| matches!(*o, "=" | "!=" | "<" | "<=" | ">" | ">="))
        {
            let op = op.to_string();
            self.i += 1;
            let r = self.add()?;
            let ord = match (l.num(), r.num()) {
                (Ok(a), Ok(b)) => a.cmp(&b),
                _ => l.text().cmp(&r.text()),
            };
            let t = match op.as_str() {
                "=" => ord.is_eq(),
                "!=" => !ord.is_eq(),
                "<" => ord.is_lt(),
                "<=" => ord.is_le(),
                ">" => ord.is_gt(),
                _ => ord.is_ge(),
            };
            l = EVal::N(t as i64);
        }
        Ok(l)
    }
    fn add(&mut self) -> Result<EVal, String> {
        let mut l = self.mul()?;
        while let Some(op) = self.peek().filter(|o| matches!(*o, "+" | "-")) {
            let plus = op == "+";
            self.i += 1;
            let r = self.mul()?;
            let (a, b) = (l.num()?, r.num()?);
            l = EVal::N(if plus {
                a.wrapping_add(b)
            } else {
                a.wrapping_sub(b)
            });
        }
        Ok(l)
    }
    fn mul(&mut self) -> Result<EVal, String> {
        let mut l = self.prim()?;
        while let Some(op) = self.peek().filter(|o| matches!(*o, "*" | "/" | "%")) {
            let op = op.to_string();
            self.i += 1;
            let r = self.prim()?;
            let (a, b) = (l.num()?, r.num()?);
            l = EVal::N(match op.as_str() {
                "*" => a.wrapping_mul(b),
                _ if b == 0 => return Err("division by zero".into()),
                "/" => a.wrapping_div(b),
                _ => a.wrapping_rem(b),
            });
        }
        Ok(l)
    }
    fn prim(&mut self) -> Result<EVal, String> {
        let Some(t) = self.peek().map(|s| s.to_string()) else {
            return Err("syntax error".into());
        };
        self.i += 1;
        match t.as_str() {
            "(" => {
                let v = self.or()?;
                if self.peek() != Some(")") {
                    return Err("syntax error".into());
                }
                self.i += 1;
                Ok(v)
            }
            "length" => {
                let v = self.prim()?;
                Ok(EVal::N(v.text().chars().count() as i64))
            }
            _ => Ok(match t.parse::<i64>() {
                Ok(n) => EVal::N(n),
                Err(_) => EVal::S(t),
            }),
        }
    }
}

fn date(c: &mut Ctx) -> i32 {
    let secs = wall_secs(c.sys.now());
    let fmt = c
        .argv
        .iter()
        .skip(1)
        .find(|a| a.starts_with('+'))
        .map(|a| a[1..].to_string());
    let text = match fmt {
        Some(f) => strftime(&f, secs),
        None => strftime("%a %b %e %H:%M:%S UTC %Y", secs),
    };
    c.out(format!("{text}\n"));
    0
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn echo_options() {
        assert_eq!(echo(&s(&["-n", "hi"])), "hi");
        assert_eq!(echo(&s(&["-en", "\\n\\n"])), "\n\n");
        assert_eq!(echo(&s(&["-e", "a\\tb\\c", "x"])), "a\tb");
        assert_eq!(echo(&s(&["-x", "a"])), "-x a\n");
    }

    #[test]
    fn printf_formats() {
        assert_eq!(
            printf(&s(&["%s-%d|%5s|%-3s|\\n", "a", "42", "b", "c"])).0,
            "a-42|    b|c  |\n"
        );
        assert_eq!(printf(&s(&["%s\\n", "a", "b"])).0, "a\nb\n");
        assert_eq!(
            printf(&s(&[
                "%5.2f|%x|%o|%c|%%|%b\\n",
                "3.14159",
                "255",
                "8",
                "hello",
                "a\\nb"
            ]))
            .0,
            " 3.14|ff|10|h|%|a\nb\n"
        );
        let (out, errs, code) = printf(&s(&["%d\\n", "abc"]));
        assert_eq!(
            (out.as_str(), errs, code),
            ("0\n", vec!["invalid number 'abc'".to_string()], 1)
        );
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration_ms("1.5"), Some(Some(1500)));
        assert_eq!(parse_duration_ms("1m"), Some(Some(60_000)));
        assert_eq!(parse_duration_ms("infinity"), Some(None));
        assert_eq!(parse_duration_ms("abc"), None);
        assert_eq!(parse_duration_ms("999999999"), Some(Some(999_999_999_000)));
    }

    #[test]
    fn regex_subset() {
        assert!(Regex::new("nginx").is_match("a nginx b"));
        assert!(Regex::new("^ng.*x$").is_match("nginx"));
        assert!(!Regex::new("^x").is_match("nginx"));
        assert!(Regex::new("[0-9]+").is_match("port 80"));
        assert!(Regex::new("a|b").is_match("xbx"));
        assert!(!Regex::new("(a*)*b").is_match(&"a".repeat(200)));
    }
}
