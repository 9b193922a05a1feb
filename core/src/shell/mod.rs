//! An interpreter for the shell scripts of Pod examples: a documented subset of busybox `ash`
//! (the shell of the busybox and alpine images), with dash's wording of errors in Debian-based
//! images.
//!
//! A script is parsed once ([`parse`]) and compiled to flat instruction lists ([`compile`]); the
//! interpreter ([`machine`]) is a resumable state machine implementing
//! [`crate::os::Program`]: `poll` runs until a `sleep` (→ `Poll::Sleep`), the end
//! (→ `Poll::Exit`) or a wait that only a signal can end (`sleep infinity`, `tail -f`, `read` on
//! an open stdin, a server in the foreground → `Poll::Idle`). Its state is an explicit stack of
//! `(code, pc)` frames per process, so it resumes exactly where it stopped inside nested loops,
//! `if`s and functions, and nothing in it recurses on the script's structure.
//!
//! ## Supported
//! - Invocation: `sh -c 'script' [name [args…]]`, `sh FILE [args…]`, `sh` reading stdin (exits at
//!   once on a closed stdin, waits on `stdin: true`), `/bin/sh`, `ash`, `bash` (runs as this
//!   shell, with a note), `dash`.
//! - Grammar: `;`, newlines, `&&`, `||`, `!`, `{ …; }`, `( … )`, `if/elif/else/fi`, `while`,
//!   `until`, `for x [in …]`, `break [n]`, `continue [n]`, `case … esac`, functions (`f() {…}`,
//!   `function f {…}`), `&` jobs, pipes, redirections `< > >> >| <> 2>&1 >&2 N>&-`, `&>file`,
//!   here-documents `<<EOF` / `<<-EOF` / `<<'EOF'`, comments, line continuations.
//! - Expansion: `$VAR`, `${VAR}`, `${VAR:-w}` `-` `:=` `=` `:?` `?` `:+` `+`, `${#VAR}`,
//!   `${VAR#p}` `##` `%` `%%`, `${VAR:off:len}`, `${VAR/p/r}` `//`, `$?`, `$$`, `$!`, `$#`, `$@`,
//!   `$*`, `$0`…`$9`, `~`, quotes, `$'…'`, backslashes, `$(cmd)` and backticks, `$((arith))`
//!   (ash's operators, assignments, `++`), field splitting on blanks, globbing through the
//!   container's files.
//! - Builtins: `: true false echo printf test [ [[ cd pwd export readonly unset set shift
//!   exit return break continue trap wait kill exec eval . source read local type command
//!   jobs umask ulimit alias`.
//! - Applets (busybox wording, or GNU coreutils wording in Debian images): see
//!   [`applets`] and [`net`]: `sleep cat ls touch rm cp mv mkdir rmdir date hostname env
//!   printenv ps wc grep head tail seq expr basename dirname id whoami uname tee yes nslookup
//!   wget curl nc`.
//!
//! ## Decisions
//! - `$(cmd)` and backticks run as child processes like any other command: instantly when they
//!   do not wait, and the command that contains them waits (simulated time passes) when they
//!   `sleep`.
//! - Budgets: at most [`machine::STEPS_PER_POLL`] interpreted steps per `poll`. A script still
//!   running when the budget is used up is busy (a loop with no `sleep`): it is reported as
//!   wanting one full CPU per busy process (`sys.set_cpu_demand(1000)`, with a `sys.assume` note)
//!   and continues after [`machine::BUSY_SLICE_MS`] of simulated time, so that a million
//!   iterations take seconds of simulated time and `while true; do :; done` burns CPU forever
//!   without ever making `poll` unbounded.
//! - Unknown commands: one that the image's userland has but that is not modelled (`awk`,
//!   `sed`) runs as a no-op with exit 0 and a `sys.assume` note; one that the userland lacks is
//!   `not found` (127). An unknown image is assumed to have every command.

mod applets;
mod ast;
pub(crate) mod commands;
mod compile;
mod expand;
mod expr;
mod machine;
mod net;
mod parse;
mod regex;
mod signals;
mod test_cmd;

pub use machine::{Shell, BUSY_SLICE_MS, MAX_FRAMES, MAX_PROCS, STEPS_PER_POLL};

use crate::os::Program;

/// Whose wording the shell's own errors use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    /// busybox ash: `sh: foo: not found`, `sh: syntax error: unexpected "done"`.
    Ash,
    /// dash (`/bin/sh` of Debian images): `sh: 1: foo: not found`,
    /// `sh: 1: Syntax error: "done" unexpected`.
    Dash,
    /// bash: `bash: foo: command not found` (only the wording of that error; the language is
    /// still the ash subset).
    Bash,
}

/// Which commands exist in the image.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Userland {
    /// busybox and alpine: busybox applets, no bash, no curl.
    Busybox,
    /// Debian/Ubuntu-based images: coreutils, dash as `sh`, bash; no ps, wget, nslookup.
    Debian,
    /// An image the playground does not know: every command is assumed to exist.
    #[default]
    Unknown,
}

/// Whether the container's stdin is open (`stdin: true`) and a terminal (`tty: true`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stdin {
    /// `/dev/null`: reads see end of file.
    Closed,
    /// Open but nothing is ever typed in the playground: reads wait forever.
    Open,
    /// Open and a terminal: as `Open`, and an interactive `sh` prints its prompt.
    Tty,
}

/// Starts a program of the image for a command the shell looks up (`nginx`, `catalina.sh`,
/// `/server`, …); `None` when the image has no such program. Called first with `fallback`
/// false (the image's own programs, before applets), and with `fallback` true for a command
/// that nothing else knows (an unknown image may still have it).
pub type Resolver = std::rc::Rc<dyn Fn(&[String], bool) -> Option<Found>>;

/// A program a [`Resolver`] found for a command.
pub struct Found {
    pub program: Box<dyn Program>,
    /// What the program library assumed to find it (the shell says it with `sys.assume` when
    /// the program starts).
    pub assumed: Option<(&'static str, &'static str)>,
}

impl Found {
    pub fn program(program: Box<dyn Program>) -> Found {
        Found {
            program,
            assumed: None,
        }
    }
}

/// How a shell process is set up.
#[derive(Clone)]
pub struct Config {
    pub flavor: Flavor,
    pub userland: Userland,
    /// Extra commands the image has and the shell models (e.g. `curl` in nginx).
    pub extra_commands: &'static [&'static str],
    /// The user `ps` shows for the shell's processes.
    pub user: String,
    /// That user's numeric id (`id` prints it).
    pub uid: u32,
    /// The image reference (for messages and the resolver).
    pub image: String,
    pub resolver: Option<Resolver>,
    /// True when the shell is PID 1 of its container (ignores SIGTERM without a trap).
    pub pid1: bool,
    pub stdin: Stdin,
    pub cwd: String,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            flavor: Flavor::Ash,
            userland: Userland::Busybox,
            extra_commands: &[],
            user: "root".into(),
            uid: 0,
            image: String::new(),
            resolver: None,
            pid1: true,
            stdin: Stdin::Closed,
            cwd: "/".into(),
        }
    }
}

/// Runs `argv` the way the container runtime execs it (an entrypoint, or a probe's or hook's
/// command) with a shell's command lookup: `sh`/`bash` start the interpreter, applets and
/// the image's programs run directly, anything else is `not found`.
pub fn run_argv(cfg: Config, argv: &[String]) -> Box<dyn Program> {
    Box::new(Shell::exec_argv(cfg, argv))
}

/// Runs a script as `sh -c SCRIPT`.
pub fn run_script(cfg: Config, script: &str) -> Box<dyn Program> {
    Box::new(Shell::script(cfg, script, "sh", &[]))
}
