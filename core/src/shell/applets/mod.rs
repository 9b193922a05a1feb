//! The commands the shell runs in place: file and text applets with busybox's wording (or GNU
//! coreutils' in Debian images), and the small programs for commands that take time (`sleep`,
//! `tail -f`, `yes`).
//!
//! File times: the playground's files have no modification times; `ls -l` shows the clock's
//! epoch ([`SIM_EPOCH`]).

mod files;
mod printf;
mod sed;
mod text;
mod wait;

pub use printf::{echo, printf};
pub use wait::{Follow, Yes};

use files::*;
use text::*;
use wait::*;

use super::regex::Regex;
use crate::os::clock::{strftime, wall_now, wall_secs, SIM_EPOCH};
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
    /// The exported environment: built only for the applets that read it ([`reads_env`]),
    /// empty for the others.
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

    /// Writes a file an applet names by path (`curl -o`, `wget -O`, `tee`): `/dev/null` takes
    /// anything and keeps nothing, as the character device does.
    pub(crate) fn write_file(&mut self, path: &str, data: &str, append: bool) -> Result<(), crate::os::process::FsError> {
        if path == "/dev/null" {
            return Ok(());
        }
        self.sys.write_file(path, data, append)
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
        // the script (first operand, or `-e`'s value) and no file; `-i` edits files
        "sed" => operands <= 1 && !argv.iter().skip(1).any(|a| a.starts_with('-') && !a.starts_with("--") && a.contains('i')),
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

/// Whether applet `name` reads its environment ([`Ctx::env`]): `env` and `printenv`, the
/// applets of [`run`]'s `env` arm.
pub fn reads_env(name: &str) -> bool {
    matches!(name, "env" | "printenv")
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
        "readlink" => readlink(c),
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
        "sed" => sed::sed(c),
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
            let uid = c.uid;
            let text = match c.sys.read_file("/etc/passwd") {
                // the image's accounts name the user and its groups
                Ok(passwd) => id_line(&passwd, &c.sys.read_file("/etc/group").unwrap_or_default(), uid),
                Err(_) => {
                    let user = c.user.to_string();
                    format!("uid={uid}({user}) gid={uid}({user}) groups={uid}({user})\n")
                }
            };
            c.out(text);
            0
        }
        "whoami" => {
            let uid = c.uid;
            match c.sys.read_file("/etc/passwd") {
                Ok(passwd) => match account(&passwd, uid) {
                    Some(fields) => {
                        c.out(format!("{}\n", fields.first().copied().unwrap_or_default()));
                        0
                    }
                    None => {
                        c.err(if c.gnu {
                            format!("whoami: cannot find name for user ID {uid}\n")
                        } else {
                            format!("whoami: unknown uid {uid}\n")
                        });
                        1
                    }
                },
                Err(_) => {
                    let u = c.user.to_string();
                    c.out(format!("{u}\n"));
                    0
                }
            }
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

fn expr(c: &mut Ctx) -> i32 {
    match super::expr::evaluate(c.argv.get(1..).unwrap_or(&[])) {
        Ok(s) => {
            let zero = s.is_empty() || s == "0";
            c.out(format!("{s}\n"));
            if zero {
                1
            } else {
                0
            }
        }
        Err(e) => {
            c.err(format!("expr: {e}\n"));
            2
        }
    }
}

fn date(c: &mut Ctx) -> i32 {
    let secs = wall_secs(wall_now(&*c.sys));
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

/// The /etc/passwd line of `uid`, split at `:` (name, password, uid, gid, gecos, home, shell).
fn account(passwd: &str, uid: u32) -> Option<Vec<&str>> {
    passwd
        .lines()
        .map(|l| l.split(':').collect::<Vec<_>>())
        .find(|f| f.get(2).and_then(|u| u.parse::<u32>().ok()) == Some(uid))
}

/// `id` of `uid` as busybox and coreutils print it from the image's accounts: the user's name,
/// its primary group (from /etc/passwd; 0 when the user has none there, as the runtime starts
/// it), then the groups that list the user as a member (/etc/group).
fn id_line(passwd: &str, group: &str, uid: u32) -> String {
    let acct = account(passwd, uid);
    let name = acct.as_ref().and_then(|f| f.first().copied());
    let gid: u32 = acct.as_ref().and_then(|f| f.get(3)).and_then(|g| g.parse().ok()).unwrap_or(0);
    let groups: Vec<Vec<&str>> = group.lines().map(|l| l.split(':').collect()).collect();
    let gname = |id: u32| {
        groups
            .iter()
            .find(|f| f.get(2).and_then(|g| g.parse::<u32>().ok()) == Some(id))
            .and_then(|f| f.first().copied())
    };
    let show = |id: u32, n: Option<&str>| match n {
        Some(n) => format!("{id}({n})"),
        None => id.to_string(),
    };
    let mut list = vec![show(gid, gname(gid))];
    if let Some(n) = name {
        for f in &groups {
            let id = f.get(2).and_then(|g| g.parse::<u32>().ok());
            let member = f.get(3).is_some_and(|m| m.split(',').any(|x| x == n));
            if let (true, Some(id)) = (member, id) {
                if id != gid {
                    list.push(show(id, f.first().copied()));
                }
            }
        }
    }
    format!("uid={} gid={} groups={}\n", show(uid, name), show(gid, gname(gid)), list.join(","))
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
}
