//! The interpreter: a small process table (the shell, its subshells, pipeline stages,
//! background jobs and the programs it started), each shell process an explicit stack of
//! `(code, pc)` frames, scheduled cooperatively within one [`Program::poll`].
//!
//! The parts: [`io`] (file descriptors, pipes, a child's `Sys`), `schedule` (running the process
//! table within one poll), `interp` (the instruction loop, expansion, redirections, command
//! lookup) and `builtins` (the table of builtins).

mod builtins;
pub(crate) use builtins::{is_builtin, is_special_builtin};
mod interp;
mod io;
mod schedule;

use io::*;
pub use io::{Io, Stream};

use super::applets::{self, Outcome};
use super::ast::{Redir, RedirOp, Simple, Word};
use super::compile::{compile_lines, compile_list, single_simple, Code, Insn};
use super::expand::{Env, Expand, Expander};
use super::parse::{is_name, parse_script, SyntaxError};
use super::signals::{kill_list, signal_name, signal_number};
use super::{commands, test_cmd, Config, Flavor, Stdin};
use crate::os::path::glob_match;
use crate::os::path::resolve as resolve_path;
use crate::os::*;
use crate::vecmap::VecMap;
use std::cell::RefCell;
use std::rc::Rc;

/// Interpreted steps (instructions and program polls) per `poll` before simulated time must
/// pass. Together with [`BUSY_SLICE_MS`] this runs a busy script at about one million steps per
/// simulated second, which is roughly how fast busybox ash runs a simple loop.
pub const STEPS_PER_POLL: u32 = 20_000;
/// The start-up note a `bash` command gets on an image whose userland is not busybox, queued as
/// this marker among the shell's start-up messages and said as an assumption when it first runs.
const BASH_NOTE_MARK: &str = "\u{0}bash";
const BASH_NOTE: (&str, &str) = (
    "bash runs as the playground's ash-compatible shell (bash-only syntax such as arrays is not modelled)",
    "bash 以 playground 的 ash 兼容 shell 运行（数组等 bash 专有语法没有模拟）",
);
/// Simulated time a busy script's slice of [`STEPS_PER_POLL`] steps takes.
pub const BUSY_SLICE_MS: u64 = 20;
/// Most processes one shell may have at once (ash would fail `fork` with EAGAIN).
pub const MAX_PROCS: usize = 64;
/// Deepest function/trap/eval nesting (ash would run out of stack and crash).
pub const MAX_FRAMES: usize = 1000;
/// Largest output kept from one command substitution.
pub const MAX_CAPTURE: usize = 8 << 20;
/// Approximate resident memory of one busybox `sh` process (≈ 0.5 MiB RSS).
pub const SHELL_MEMORY: u64 = 512 * 1024;

#[derive(Clone)]
pub(super) struct Var {
    value: String,
    exported: bool,
    readonly: bool,
}

pub(super) struct LoopRec {
    cont: usize,
    brk: usize,
    status: i32,
    fd_depth: usize,
    case_depth: usize,
    items: Option<(String, Vec<String>, usize)>,
}

pub(super) enum FrameKind {
    Top,
    Func {
        saved_params: Vec<String>,
        locals: Vec<(String, Option<Var>)>,
    },
    Trap {
        saved_status: i32,
    },
    Eval,
}

pub(super) struct Frame {
    code: Rc<Code>,
    pc: usize,
    kind: FrameKind,
    loops: Vec<LoopRec>,
    cases: Vec<String>,
    fd_depth: usize,
}

impl Frame {
    fn new(code: Rc<Code>, kind: FrameKind, fd_depth: usize) -> Frame {
        Frame {
            code,
            pc: 0,
            kind,
            loops: Vec::new(),
            cases: Vec::new(),
            fd_depth,
        }
    }
}

/// A command whose words are being expanded (its command substitutions may take time) or
/// that waits for its input.
pub(super) struct Pending {
    depth: usize,
    pc: usize,
    substs: Vec<String>,
    subst_status: Option<i32>,
    ready: Option<Ready>,
}

pub(super) struct Ready {
    assigns: Vec<(String, String)>,
    argv: Vec<String>,
    fds: Vec<Io>,
}

/// One shell process (the main shell, a subshell, a pipeline stage, a background job).
pub(super) struct ShellProc {
    vars: VecMap<String, Var>,
    funcs: VecMap<String, Rc<Code>>,
    params: Vec<String>,
    arg0: String,
    /// ash's `commandname`: None for `sh -c` without a name (errors then carry no line).
    commandname: Option<String>,
    /// `sh -c` numbers lines from 0 (ash) where dash numbers from 1.
    c_mode: bool,
    status: i32,
    frames: Vec<Frame>,
    fds: Vec<Io>,
    fd_stack: Vec<Vec<Io>>,
    traps: VecMap<i32, (String, Option<Rc<Code>>)>,
    pending_sigs: Vec<i32>,
    cwd: String,
    last_bg: Option<u32>,
    jobs: Vec<u32>,
    finished: Vec<(u32, i32)>,
    pending: Option<Pending>,
    lineno: u32,
    shell_pid: u32,
    errexit: bool,
    xtrace: bool,
    /// Running the EXIT trap (so that `exit` in it does not run it again).
    exiting: bool,
    /// A script file to read at the first run (`sh FILE`).
    load: Option<String>,
    /// `sh` with no script: reads commands from stdin.
    interactive: bool,
    /// Subshell: may `exec` its last command instead of forking (ash's EV_EXIT).
    tail_exec: bool,
    /// Not a shell at all: the runtime execs the command directly (a missing command is a
    /// start error, not `sh: not found`).
    direct: bool,
    /// The container's environment was imported (at the first run).
    imported: bool,
}

impl ShellProc {
    fn new(cfg: &Config, arg0: &str, params: Vec<String>) -> ShellProc {
        let mut vars = VecMap::new();
        for (k, v) in [
            ("IFS", " \t\n"),
            ("PS1", "\\w \\$ "),
            ("PS2", "> "),
            ("PS4", "+ "),
            ("OPTIND", "1"),
        ] {
            vars.insert(
                k.to_string(),
                Var {
                    value: v.to_string(),
                    exported: false,
                    readonly: false,
                },
            );
        }
        ShellProc {
            vars,
            funcs: VecMap::new(),
            params,
            arg0: arg0.to_string(),
            commandname: None,
            c_mode: true,
            status: 0,
            frames: Vec::new(),
            fds: vec![
                match cfg.stdin {
                    Stdin::Closed => Io::Null,
                    Stdin::Open | Stdin::Tty => Io::Tty,
                },
                Io::Log,
                Io::LogErr,
            ],
            fd_stack: Vec::new(),
            traps: VecMap::new(),
            pending_sigs: Vec::new(),
            cwd: cfg.cwd.clone(),
            last_bg: None,
            jobs: Vec::new(),
            finished: Vec::new(),
            pending: None,
            lineno: 0,
            shell_pid: 1,
            errexit: false,
            xtrace: false,
            exiting: false,
            load: None,
            interactive: false,
            tail_exec: false,
            direct: false,
            imported: false,
        }
    }

    /// A copy for a subshell, pipeline stage, job or command substitution (ash forks).
    fn fork(&self, code: Rc<Code>) -> ShellProc {
        let traps = self
            .traps
            .iter()
            .filter(|(_, (cmd, _))| cmd.is_empty())
            .map(|(k, v)| (*k, v.clone()))
            .collect();
        ShellProc {
            vars: self.vars.clone(),
            funcs: self.funcs.clone(),
            params: self.params.clone(),
            arg0: self.arg0.clone(),
            commandname: self.commandname.clone(),
            c_mode: self.c_mode,
            status: self.status,
            frames: vec![Frame::new(code, FrameKind::Top, 0)],
            fds: self.fds.clone(),
            fd_stack: Vec::new(),
            traps,
            pending_sigs: Vec::new(),
            cwd: self.cwd.clone(),
            last_bg: self.last_bg,
            jobs: Vec::new(),
            finished: Vec::new(),
            pending: None,
            lineno: self.lineno,
            shell_pid: self.shell_pid,
            errexit: self.errexit,
            xtrace: self.xtrace,
            exiting: false,
            load: None,
            interactive: false,
            tail_exec: true,
            direct: false,
            imported: true,
        }
    }

    fn get(&self, name: &str) -> Option<String> {
        self.vars.get(name).map(|v| v.value.clone())
    }

    fn set(&mut self, name: &str, value: String) -> Result<(), String> {
        match self.vars.get_mut(name) {
            Some(v) if v.readonly => Err(format!("{name}: is read only")),
            Some(v) => {
                v.value = value;
                Ok(())
            }
            None => {
                self.vars.insert(
                    name.to_string(),
                    Var {
                        value,
                        exported: false,
                        readonly: false,
                    },
                );
                Ok(())
            }
        }
    }

    fn restore_fds(&mut self, depth: usize) {
        while self.fd_stack.len() > depth {
            if let Some(f) = self.fd_stack.pop() {
                self.fds = f;
            }
        }
    }

    fn fd(&self, n: usize) -> Io {
        self.fds.get(n).cloned().unwrap_or(Io::Closed)
    }
}

pub(super) enum Body {
    Shell(Box<ShellProc>),
    Prog(Box<dyn Program>),
    Gone,
}

#[derive(Clone, Copy, PartialEq, Debug)]
pub(super) enum After {
    /// `$?` becomes the child's status.
    Status,
    /// The child's output is a command substitution result.
    Subst,
}

pub(super) enum Wait {
    Ready,
    Until(SimTime),
    Forever,
    Children {
        pids: Vec<u32>,
        last: u32,
        after: After,
        capture: Option<Rc<RefCell<Stream>>>,
    },
    Jobs(Option<u32>),
    /// Input must reach end of file (`cat`, `wc` … read it whole).
    StreamEof(Rc<RefCell<Stream>>),
    /// `read`: a whole line, or end of file.
    StreamLine(Rc<RefCell<Stream>>),
    /// `head -n N`: N lines or end of file.
    StreamLines(Rc<RefCell<Stream>>, usize),
}

pub(super) struct Proc {
    pid: u32,
    parent: u32,
    body: Body,
    wait: Wait,
    exited: Option<i32>,
    cmdline: String,
    mem: u64,
    cpu: u64,
    ports: Vec<(u16, Proto)>,
    /// Descriptors of a program (shell processes keep theirs in [`ShellProc::fds`]).
    io: [Io; 3],
    /// Streams this process holds (for end-of-file and broken-pipe accounting).
    holds: Vec<(Rc<RefCell<Stream>>, bool)>,
    background: bool,
    /// Signalled: exits with this code at that time.
    doomed: Option<(i32, SimTime)>,
    /// A program replaced PID 1 by `exec` (it is then the container's main process).
    is_main: bool,
}

/// A shell and its processes: the [`Program`] the engine runs for `sh -c …` and friends.
pub struct Shell {
    cfg: Rc<Config>,
    procs: Vec<Proc>,
    next_pid: u32,
    busy_noted: bool,
    last_mem: u64,
    last_cpu: u64,
    exit: Option<i32>,
    started: bool,
    start_error: Option<String>,
    notes: Vec<String>,
    /// The last command line found to be a missing command (a name without `/` that is no
    /// builtin, applet or image program: none of these change while the shell runs), so that a
    /// busy loop running it again goes straight to "not found".
    missing: Option<Vec<String>>,
}

pub(super) enum Flow {
    Next,
    Stay,
    Jump(usize),
    Block(Wait),
    Exit(i32),
    Break(usize),
    Continue(usize),
    Return(i32),
    /// Replace this process by a program (`exec`, or the last command of a script).
    Replace(Box<dyn Program>, String),
}

impl Shell {
    fn new(cfg: Config) -> Shell {
        Shell {
            cfg: Rc::new(cfg),
            procs: Vec::new(),
            next_pid: 1,
            busy_noted: false,
            last_mem: 0,
            last_cpu: 0,
            exit: None,
            started: false,
            start_error: None,
            notes: Vec::new(),
            missing: None,
        }
    }

    fn add_main(&mut self, sh: ShellProc, cmdline: String) {
        let pid = self.next_pid;
        self.next_pid += 1;
        self.procs.push(Proc {
            pid,
            parent: 0,
            body: Body::Shell(Box::new(sh)),
            wait: Wait::Ready,
            exited: None,
            cmdline,
            mem: SHELL_MEMORY,
            cpu: 0,
            ports: Vec::new(),
            io: [Io::Null, Io::Log, Io::LogErr],
            holds: Vec::new(),
            background: false,
            doomed: None,
            is_main: true,
        });
    }

    /// `sh -c SCRIPT [arg0 [args…]]`: `arg0` is `$0` (ash's messages start with it).
    pub fn script(cfg: Config, src: &str, arg0: &str, args: &[String]) -> Shell {
        Shell::script_named(cfg, src, arg0, None, args, &format!("sh -c {src}"))
    }

    fn script_named(
        cfg: Config,
        src: &str,
        arg0: &str,
        name: Option<&str>,
        args: &[String],
        cmdline: &str,
    ) -> Shell {
        let mut s = Shell::new(cfg);
        let mut sh = ShellProc::new(&s.cfg, name.unwrap_or(arg0), args.to_vec());
        sh.commandname = name.map(|n| n.to_string());
        sh.c_mode = true;
        let parsed = parse_script(src, 0);
        sh.frames.push(Frame::new(
            code_of(&parsed.lines, parsed.error.as_ref(), &s.cfg, &sh),
            FrameKind::Top,
            0,
        ));
        sh.tail_exec = true;
        s.add_main(sh, cmdline.to_string());
        s
    }

    /// `sh FILE [args…]`: the file is read from the container at the first poll.
    pub fn file(cfg: Config, arg0: &str, path: &str, args: &[String]) -> Shell {
        let mut s = Shell::new(cfg);
        let mut sh = ShellProc::new(&s.cfg, arg0, args.to_vec());
        sh.commandname = Some(path.to_string());
        sh.c_mode = false;
        sh.load = Some(path.to_string());
        sh.tail_exec = true;
        let mut cmdline = vec![arg0.to_string(), path.to_string()];
        cmdline.extend(args.iter().cloned());
        s.add_main(sh, cmdline.join(" "));
        s
    }

    /// `sh` with no script: reads commands from stdin. With a closed stdin it exits 0 at once;
    /// with `stdin: true` it waits forever (and prints its prompt on a tty).
    pub fn interactive(cfg: Config, arg0: &str) -> Shell {
        let mut s = Shell::new(cfg);
        let mut sh = ShellProc::new(&s.cfg, arg0, Vec::new());
        sh.interactive = true;
        s.add_main(sh, arg0.to_string());
        s
    }

    /// Runs `argv` as the container runtime execs it: a shell, an applet, a program of the
    /// image, or a script file; anything else fails to start (see [`Program::start_error`]).
    pub fn exec_argv(cfg: Config, argv: &[String]) -> Shell {
        let Some(cmd) = argv.first() else {
            let mut s = Shell::new(cfg);
            s.start_error = Some("no command specified".into());
            return s;
        };
        let base = cmd.rsplit('/').next().unwrap_or(cmd);
        let is_shell = matches!(base, "sh" | "ash" | "bash" | "dash")
            && (!cmd.contains('/')
                || matches!(
                    cmd.as_str(),
                    "/bin/sh" | "/bin/ash" | "/bin/bash" | "/usr/bin/bash" | "/bin/dash"
                ));
        if is_shell && commands::exists(cfg.userland, cfg.extra_commands, base) {
            return Shell::shell_invocation(cfg, argv);
        }
        // Not a shell: a synthetic one-command script that execs the command.
        let mut s = Shell::new(cfg);
        let words: Vec<Word> = argv
            .iter()
            .map(|a| Word {
                parts: vec![super::ast::Part::Lit {
                    text: a.clone(),
                    quoted: true,
                }],
            })
            .collect();
        let simple = Simple {
            assigns: Vec::new(),
            words,
            redirs: Vec::new(),
            line: 0,
        };
        let code = Rc::new(Code {
            insns: vec![Insn::Simple(Rc::new(simple))],
        });
        let mut sh = ShellProc::new(&s.cfg, base, Vec::new());
        sh.frames.push(Frame::new(code, FrameKind::Top, 0));
        sh.tail_exec = true;
        sh.direct = true;
        s.add_main(sh, argv.join(" "));
        s
    }

    fn shell_invocation(cfg: Config, argv: &[String]) -> Shell {
        let arg0 = argv.first().cloned().unwrap_or_else(|| "sh".into());
        let base = arg0.rsplit('/').next().unwrap_or(&arg0).to_string();
        let mut cfg = cfg;
        if base == "bash" {
            cfg.flavor = Flavor::Bash;
        }
        let mut i = 1;
        let mut c_flag = false;
        let mut errexit = false;
        let mut xtrace = false;
        while let Some(a) = argv.get(i) {
            if a == "--" {
                i += 1;
                break;
            }
            if a.len() > 1 && (a.starts_with('-') || a.starts_with('+')) && !a.starts_with("--") {
                for ch in a.chars().skip(1) {
                    match ch {
                        'c' => c_flag = true,
                        'e' => errexit = true,
                        'x' => xtrace = true,
                        _ => {}
                    }
                }
                i += 1;
                continue;
            }
            if a.starts_with("--") {
                // long options such as --login: ignored
                i += 1;
                continue;
            }
            break;
        }
        let rest: Vec<String> = argv.iter().skip(i).cloned().collect();
        let mut shell = if c_flag {
            match rest.split_first() {
                Some((script, more)) => {
                    let (name, args) = match more.split_first() {
                        Some((n, a)) => (Some(n.as_str()), a.to_vec()),
                        None => (None, Vec::new()),
                    };
                    Shell::script_named(cfg, script, &base, name, &args, &argv.join(" "))
                }
                None => {
                    // `sh -c` with no script: ash says `sh: -c requires an argument`
                    let mut s = Shell::script_named(cfg, "", &base, None, &[], &argv.join(" "));
                    s.notes.push(format!("{base}: -c requires an argument\n"));
                    s.exit_pending(2);
                    s
                }
            }
        } else if let Some((file, args)) = rest.split_first() {
            Shell::file(cfg, &base, file, args)
        } else {
            Shell::interactive(cfg, &base)
        };
        if let Some(Body::Shell(sh)) = shell.procs.first_mut().map(|p| &mut p.body) {
            sh.errexit = errexit;
            sh.xtrace = xtrace;
            if base == "bash" {
                sh.arg0 = "bash".into();
            }
        }
        if base == "bash" && shell.cfg.userland != super::Userland::Busybox {
            shell.notes.push(BASH_NOTE_MARK.into());
        }
        shell
    }

    fn exit_pending(&mut self, code: i32) {
        if let Some(Body::Shell(sh)) = self.procs.first_mut().map(|p| &mut p.body) {
            sh.frames.clear();
            sh.status = code;
        }
    }

    fn spawn(
        &mut self,
        parent: u32,
        body: Body,
        io: [Io; 3],
        cmdline: String,
        background: bool,
    ) -> Result<u32, ()> {
        let live = self.procs.iter().filter(|p| p.exited.is_none()).count();
        if live >= MAX_PROCS {
            return Err(());
        }
        let pid = self.next_pid;
        self.next_pid += 1;
        let fds: Vec<Io> = match &body {
            Body::Shell(sh) => sh.fds.clone(),
            _ => io.to_vec(),
        };
        let mut holds = Vec::new();
        for (i, f) in fds.iter().take(3).enumerate() {
            if let Io::Stream(s) = f {
                let writer = i != 0;
                {
                    let mut st = s.borrow_mut();
                    if writer {
                        st.writers += 1;
                    } else {
                        st.readers += 1;
                    }
                }
                holds.push((s.clone(), writer));
            }
        }
        let mem = match &body {
            Body::Shell(_) => SHELL_MEMORY,
            _ => 0,
        };
        self.procs.push(Proc {
            pid,
            parent,
            body,
            wait: Wait::Ready,
            exited: None,
            cmdline,
            mem,
            cpu: 0,
            ports: Vec::new(),
            io,
            holds,
            background,
            doomed: None,
            is_main: false,
        });
        Ok(pid)
    }

    fn index_of(&self, pid: u32) -> Option<usize> {
        self.procs.iter().position(|p| p.pid == pid)
    }
}

pub(super) enum RunEnd {
    Blocked(Wait),
    Budget,
    Exited(i32),
    Replaced(Box<dyn Program>, String),
}

/// A shell starts with the container's environment as exported variables, plus the
/// defaults a container runtime sets (`PATH`, `HOME`, `HOSTNAME`).
pub(super) fn import_environment(sh: &mut ShellProc, sys: &dyn Sys) {
    let mut env = sys.environ();
    for (k, default) in [
        (
            "PATH",
            "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".to_string(),
        ),
        ("HOME", "/root".to_string()),
        ("HOSTNAME", sys.hostname()),
    ] {
        if !env.iter().any(|(n, _)| n == k) {
            env.push((k.to_string(), sys.env(k).unwrap_or(default)));
        }
    }
    for (k, v) in env {
        if is_name(&k) {
            sh.vars.insert(
                k,
                Var {
                    value: v,
                    exported: true,
                    readonly: false,
                },
            );
        }
    }
    let pwd = sh.cwd.clone();
    sh.vars.insert(
        "PWD".into(),
        Var {
            value: pwd,
            exported: true,
            readonly: false,
        },
    );
}

pub(super) fn restore_locals(sh: &mut ShellProc, locals: Vec<(String, Option<Var>)>) {
    for (k, prev) in locals.into_iter().rev() {
        match prev {
            Some(v) => {
                sh.vars.insert(k, v);
            }
            None => {
                sh.vars.remove(&k);
            }
        }
    }
}

/// The compiled script, with its syntax error (if any) as a final instruction.
pub(super) fn code_of(
    lines: &[super::ast::List],
    error: Option<&SyntaxError>,
    cfg: &Config,
    sh: &ShellProc,
) -> Rc<Code> {
    let mut code = compile_lines(lines);
    if let Some(e) = error {
        code.insns.push(Insn::SyntaxError(sh.syntax(e, cfg.flavor)));
    }
    Rc::new(code)
}

impl ShellProc {
    /// `sh: syntax error: unexpected "done"` (ash) / `sh: 1: Syntax error: "done" unexpected`
    /// (dash).
    fn syntax(&self, e: &SyntaxError, flavor: Flavor) -> String {
        match flavor {
            Flavor::Ash | Flavor::Bash => {
                let mut s = format!("{}: ", self.arg0);
                if self.commandname.is_some() {
                    s.push_str(&format!("line {}: ", e.line));
                }
                format!("{s}syntax error: {}", e.message)
            }
            Flavor::Dash => {
                let line = if self.c_mode { e.line + 1 } else { e.line };
                let body = match &e.unexpected {
                    Some((tok, Some(exp))) => format!("{tok} unexpected (expecting {exp})"),
                    Some((tok, None)) => format!("{tok} unexpected"),
                    None => {
                        let m = &e.message;
                        let mut c = m.chars();
                        match c.next() {
                            Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                            None => String::new(),
                        }
                    }
                };
                format!("{}: {line}: Syntax error: {body}", self.arg0)
            }
        }
    }
}

/// The environment a command sees: exported variables over the container's environment.
pub(super) fn exported_env(
    sh: &ShellProc,
    assigns: &[(String, String)],
    sys: &dyn Sys,
) -> Vec<(String, String)> {
    let mut env: VecMap<String, String> = sys.environ().into_iter().collect();
    for (k, v) in &sh.vars {
        if v.exported {
            env.insert(k.clone(), v.value.clone());
        }
    }
    for (k, v) in assigns {
        env.insert(k.clone(), v.clone());
    }
    env.into_iter().collect()
}

/// Paths of commands that exist in the image without being files in the playground's file
/// system (`/bin/sh`, `/usr/bin/env`, …).
/// What a PATH search finds for a command name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Search {
    /// A program of the image at this path.
    Program(String),
    /// Only a regular file that is not executable (a file written in the container: the
    /// playground models no mode bits, so none of them is executable).
    NotExecutable,
    Missing,
    /// Not in PATH, and not a program the image's file system models (the image's file system
    /// holds none, or the command is a program of the image played without a file): the
    /// userland's list and the program library decide.
    Unmodelled,
}

/// The PATH search of BusyBox ash (and dash, its ancestor: exec.c `find_command` walks PATH for
/// the first regular file, `shellexec` tries it and the entries after it, and maps ENOENT to
/// status 127 with `not found`, EACCES to 126 with strerror's `Permission denied`), in the
/// container's file system, for a command `name` without a slash. The commands the image's
/// program library adds outside the modelled file system (`curl` in nginx) are found as before.
pub(super) fn search_path(cfg: &Config, (path_var, cwd): (Option<&str>, &str), name: &str, sys: &dyn Sys) -> Search {
    let image = crate::programs::model_name(&cfg.image);
    if !sys.holds_programs() || !crate::programs::models_programs(image, cfg.userland) || cfg.extra_commands.contains(&name) {
        return Search::Unmodelled;
    }
    let mut file = false;
    // an empty PATH entry is the current directory; an unset PATH searches nothing here
    for dir in path_var.unwrap_or_default().split(':') {
        let joined = if dir.is_empty() { name.to_string() } else { format!("{}/{name}", dir.trim_end_matches('/')) };
        let full = resolve_path(cwd, &joined);
        if sys.is_program(&full) {
            return Search::Program(full);
        }
        file |= sys.kind(&full) == Some(crate::os::process::FileKind::File);
    }
    if file {
        Search::NotExecutable
    } else if crate::programs::holds_program(image, cfg.userland, name) {
        Search::Missing
    } else {
        Search::Unmodelled
    }
}

pub(super) fn is_standard_path(path: &str, userland: super::Userland, extra: &[&str]) -> bool {
    let Some((dir, base)) = path.rsplit_once('/') else {
        return false;
    };
    matches!(
        dir,
        "/bin" | "/usr/bin" | "/sbin" | "/usr/sbin" | "/usr/local/bin"
    ) && commands::exists(userland, extra, base)
}

impl Program for Shell {
    fn poll(&mut self, sys: &mut dyn Sys) -> Poll {
        self.run(sys)
    }

    fn serve(&mut self, req: &HttpRequest, sys: &mut dyn Sys) -> HttpResponse {
        let Some(p) = self
            .procs
            .iter_mut()
            .find(|p| p.exited.is_none() && p.ports.iter().any(|(port, _)| *port == req.port))
        else {
            return HttpResponse::new(404, "");
        };
        let body = std::mem::replace(&mut p.body, Body::Gone);
        let Body::Prog(prog) = body else {
            p.body = body;
            return HttpResponse::new(404, "");
        };
        p.run_program(prog, sys, |prog, cs| prog.serve(req, cs)).0
    }

    fn signal(&mut self, signal: Signal) -> SignalOutcome {
        let pid1 = self.cfg.pid1;
        let Some(p) = self.procs.iter_mut().find(|p| p.is_main) else {
            return SignalOutcome::exit_now(143);
        };
        match &mut p.body {
            Body::Prog(prog) => {
                let r = prog.signal(signal);
                if r == SignalOutcome::Handled {
                    p.wait = Wait::Ready;
                }
                r
            }
            Body::Shell(sh) => {
                let sig = match signal {
                    Signal::Kill => return SignalOutcome::exit_now(137),
                    Signal::Term => 15,
                    Signal::Quit => 3,
                };
                match sh.traps.get(&sig) {
                    Some((cmd, _)) if cmd.is_empty() => SignalOutcome::Ignore,
                    Some(_) => {
                        sh.pending_sigs.push(sig);
                        if matches!(p.wait, Wait::Jobs(_)) {
                            p.wait = Wait::Ready;
                        }
                        SignalOutcome::Handled
                    }
                    None if pid1 => SignalOutcome::Ignore,
                    None => SignalOutcome::exit_now(128 + sig),
                }
            }
            Body::Gone => SignalOutcome::exit_now(143),
        }
    }

    fn processes(&self) -> Vec<ProcInfo> {
        let mut out = Vec::new();
        let mut live: Vec<&Proc> = self.procs.iter().filter(|p| p.exited.is_none()).collect();
        crate::sort::sort_by_key(&mut live, |p| p.pid);
        for p in live {
            match &p.body {
                Body::Prog(prog) => {
                    let mut ps = prog.processes();
                    if ps.is_empty() {
                        ps.push(ProcInfo {
                            command: p.cmdline.clone(),
                            user: self.cfg.user.clone(),
                        });
                    }
                    out.extend(ps);
                }
                _ => out.push(ProcInfo {
                    command: p.cmdline.clone(),
                    user: self.cfg.user.clone(),
                }),
            }
        }
        out
    }

    fn start_error(&self) -> Option<String> {
        self.start_error.clone()
    }
}
