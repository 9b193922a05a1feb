//! The interpreter: a small process table (the shell, its subshells, pipeline stages,
//! background jobs and the programs it started), each shell process an explicit stack of
//! `(code, pc)` frames, scheduled cooperatively within one [`Program::poll`].

use super::applets::{self, Outcome};
use super::ast::{Redir, RedirOp, Simple, Word};
use super::builtins::{kill_list, signal_name, signal_number};
use super::compile::{compile_lines, compile_list, single_simple, Code, Insn};
use super::expand::{glob_match, Env, Expand, Expander};
use super::parse::{is_name, parse_script, SyntaxError};
use super::{commands, test_cmd, Config, Flavor, Stdin};
use crate::os::path::resolve as resolve_path;
use crate::os::*;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// Interpreted steps (instructions and program polls) per `poll` before simulated time must
/// pass. Together with [`BUSY_SLICE_MS`] this runs a busy script at about one million steps per
/// simulated second, which is roughly how fast busybox ash runs a simple loop.
pub const STEPS_PER_POLL: u32 = 20_000;
/// Simulated time a busy script's slice of [`STEPS_PER_POLL`] steps takes.
pub const BUSY_SLICE_MS: u64 = 20;
/// Most processes one shell may have at once (ash would fail `fork` with EAGAIN).
pub const MAX_PROCS: usize = 64;
/// Deepest function/trap/eval nesting (ash would run out of stack and crash).
pub const MAX_FRAMES: usize = 1000;
/// A pipe holds at most this many bytes; a writer waits until the reader drains it.
pub const PIPE_CAPACITY: usize = 65_536;
/// Largest output kept from one command substitution.
pub const MAX_CAPTURE: usize = 8 << 20;
/// Approximate resident memory of one busybox `sh` process (≈ 0.5 MiB RSS).
pub const SHELL_MEMORY: u64 = 512 * 1024;

// ---------------------------------------------------------------- I/O

pub struct Stream {
    pub buf: String,
    pub pos: usize,
    pub writers: u32,
    pub readers: u32,
    pub capture: bool,
    /// A capture that hit [`MAX_CAPTURE`] (noted once).
    pub truncated: bool,
}

impl Stream {
    fn new(capture: bool) -> Stream {
        Stream {
            buf: String::new(),
            pos: 0,
            writers: 0,
            readers: 0,
            capture,
            truncated: false,
        }
    }

    fn data(text: String) -> Stream {
        Stream {
            buf: text,
            pos: 0,
            writers: 0,
            readers: 0,
            capture: false,
            truncated: false,
        }
    }

    fn unread(&self) -> &str {
        self.buf.get(self.pos..).unwrap_or("")
    }

    fn compact(&mut self) {
        if self.pos > 4096 && self.pos * 2 > self.buf.len() {
            self.buf.drain(..self.pos);
            self.pos = 0;
        }
    }
}

/// Where a file descriptor points.
#[derive(Clone)]
pub enum Io {
    Closed,
    /// `/dev/null`
    Null,
    /// The container's stdout (its log).
    Log,
    /// The container's stderr (its log too).
    LogErr,
    /// An open stdin on which nothing ever arrives (`stdin: true`).
    Tty,
    /// A file opened for writing (appends through `Sys::write_file`).
    File(String),
    /// A pipe, captured output or file contents being read.
    Stream(Rc<RefCell<Stream>>),
}

/// Result of writing to an [`Io`].
#[derive(PartialEq)]
enum Wrote {
    Ok,
    /// The pipe's reader is gone: the writer dies of SIGPIPE.
    BrokenPipe,
    /// Bad descriptor or a file that cannot be written.
    Error,
}

fn write_io(io: &Io, text: &str, sys: &mut dyn Sys) -> Wrote {
    if text.is_empty() {
        return Wrote::Ok;
    }
    match io {
        Io::Closed => Wrote::Error,
        Io::Null => Wrote::Ok,
        Io::Log | Io::Tty => {
            sys.stdout(text);
            Wrote::Ok
        }
        Io::LogErr => {
            sys.stderr(text);
            Wrote::Ok
        }
        Io::File(path) => match sys.write_file(path, text, true) {
            Ok(()) => Wrote::Ok,
            Err(_) => Wrote::Error,
        },
        Io::Stream(s) => {
            let mut s = s.borrow_mut();
            if s.capture {
                if s.buf.len() < MAX_CAPTURE {
                    s.buf.push_str(text);
                } else if !s.truncated {
                    s.truncated = true;
                    drop(s);
                    sys.assume(&format!(
                        "the output of a $(…) command substitution was cut at {} MiB (the playground's bound)",
                        MAX_CAPTURE >> 20
                    ));
                }
                return Wrote::Ok;
            }
            if s.readers == 0 {
                return Wrote::BrokenPipe;
            }
            s.compact();
            s.buf.push_str(text);
            Wrote::Ok
        }
    }
}

// ---------------------------------------------------------------- the Sys a child program sees

/// The [`Sys`] given to a program the shell started: output goes to the program's file
/// descriptors, memory/CPU/ports are recorded per process and summed by the machine.
struct ChildSys<'a> {
    inner: &'a mut dyn Sys,
    out: Io,
    err: Io,
    mem: u64,
    cpu: u64,
    ports: &'a mut Vec<(u16, Proto)>,
    broken: bool,
}

impl Sys for ChildSys<'_> {
    fn now(&self) -> SimTime {
        self.inner.now()
    }
    fn container(&self) -> &str {
        self.inner.container()
    }
    fn env(&self, name: &str) -> Option<String> {
        self.inner.env(name)
    }
    fn environ(&self) -> Vec<(String, String)> {
        self.inner.environ()
    }
    fn read_file(&self, path: &str) -> Result<String, FsError> {
        self.inner.read_file(path)
    }
    fn write_file(&mut self, path: &str, data: &str, append: bool) -> Result<(), FsError> {
        self.inner.write_file(path, data, append)
    }
    fn kind(&self, path: &str) -> Option<FileKind> {
        self.inner.kind(path)
    }
    fn mkdir(&mut self, path: &str, parents: bool) -> Result<(), FsError> {
        self.inner.mkdir(path, parents)
    }
    fn remove(&mut self, path: &str, recursive: bool) -> Result<(), FsError> {
        self.inner.remove(path, recursive)
    }
    fn list_dir(&self, path: &str) -> Result<Vec<String>, FsError> {
        self.inner.list_dir(path)
    }
    fn listen(&mut self, port: u16, proto: Proto) -> Result<(), NetError> {
        self.inner.listen(port, proto)?;
        if !self.ports.contains(&(port, proto)) {
            self.ports.push((port, proto));
        }
        Ok(())
    }
    fn unlisten(&mut self, port: u16, proto: Proto) {
        self.inner.unlisten(port, proto);
        self.ports.retain(|p| *p != (port, proto));
    }
    fn resolve(&self, name: &str) -> Option<String> {
        self.inner.resolve(name)
    }
    fn http(&mut self, req: &HttpRequest) -> Result<HttpResponse, NetError> {
        self.inner.http(req)
    }
    fn tcp_connect(&mut self, host: &str, port: u16) -> Result<(), NetError> {
        self.inner.tcp_connect(host, port)
    }
    fn stdout(&mut self, text: &str) {
        let out = self.out.clone();
        if write_io(&out, text, self.inner) == Wrote::BrokenPipe {
            self.broken = true;
        }
    }
    fn stderr(&mut self, text: &str) {
        let err = self.err.clone();
        if write_io(&err, text, self.inner) == Wrote::BrokenPipe {
            self.broken = true;
        }
    }
    fn set_memory(&mut self, bytes: u64) {
        self.mem = bytes;
    }
    fn set_cpu_demand(&mut self, millicores: u64) {
        self.cpu = millicores;
    }
    fn assume(&mut self, note: &str) {
        self.inner.assume(note)
    }
    fn hostname(&self) -> String {
        self.inner.hostname()
    }
    fn process_table(&self) -> Vec<(u32, ProcInfo)> {
        self.inner.process_table()
    }
    fn signal_process(&mut self, command_prefix: &str, signal: Signal) -> bool {
        self.inner.signal_process(command_prefix, signal)
    }
}

// ---------------------------------------------------------------- processes

#[derive(Clone)]
struct Var {
    value: String,
    exported: bool,
    readonly: bool,
}

struct LoopRec {
    cont: usize,
    brk: usize,
    status: i32,
    fd_depth: usize,
    case_depth: usize,
    items: Option<(String, Vec<String>, usize)>,
}

enum FrameKind {
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

struct Frame {
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
struct Pending {
    depth: usize,
    pc: usize,
    substs: Vec<String>,
    subst_status: Option<i32>,
    ready: Option<Ready>,
}

struct Ready {
    assigns: Vec<(String, String)>,
    argv: Vec<String>,
    fds: Vec<Io>,
}

/// One shell process (the main shell, a subshell, a pipeline stage, a background job).
struct ShellProc {
    vars: BTreeMap<String, Var>,
    funcs: BTreeMap<String, Rc<Code>>,
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
    traps: BTreeMap<i32, (String, Option<Rc<Code>>)>,
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
        let mut vars = BTreeMap::new();
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
            funcs: BTreeMap::new(),
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
            traps: BTreeMap::new(),
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

enum Body {
    Shell(Box<ShellProc>),
    Prog(Box<dyn Program>),
    Gone,
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum After {
    /// `$?` becomes the child's status.
    Status,
    /// The child's output is a command substitution result.
    Subst,
}

enum Wait {
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

struct Proc {
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
}

enum Flow {
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
            shell
                .notes
                .push("\u{0}bash runs as the playground's ash-compatible shell (bash-only syntax such as arrays is not modelled)".into());
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

    // ------------------------------------------------------------ scheduling

    fn runnable(&self, i: usize, now: SimTime) -> bool {
        let Some(p) = self.procs.get(i) else {
            return false;
        };
        if p.exited.is_some() {
            return false;
        }
        if let Some((_, at)) = p.doomed {
            if at <= now {
                return true;
            }
        }
        // a program writing into a pipe nobody reads any more gets SIGPIPE at once
        if let (Body::Prog(_), Io::Stream(s)) = (&p.body, &p.io[1]) {
            let s = s.borrow();
            if !s.capture && s.readers == 0 {
                return true;
            }
        }
        match &p.wait {
            Wait::Ready => true,
            Wait::Until(t) => *t <= now,
            Wait::Forever => false,
            Wait::Children { pids, .. } => pids.iter().all(|pid| {
                self.procs
                    .iter()
                    .all(|q| q.pid != *pid || q.exited.is_some())
            }),
            Wait::Jobs(which) => {
                let Body::Shell(sh) = &p.body else {
                    return false;
                };
                if let Some(sh_sig) = sh.pending_sigs.first() {
                    let _ = sh_sig;
                    return true;
                }
                match which {
                    Some(pid) => !self
                        .procs
                        .iter()
                        .any(|q| q.pid == *pid && q.exited.is_none()),
                    None => sh.jobs.iter().all(|pid| {
                        !self
                            .procs
                            .iter()
                            .any(|q| q.pid == *pid && q.exited.is_none())
                    }),
                }
            }
            Wait::StreamEof(s) => s.borrow().writers == 0,
            Wait::StreamLine(s) => {
                let s = s.borrow();
                s.writers == 0 || s.unread().contains('\n')
            }
            Wait::StreamLines(s, n) => {
                let s = s.borrow();
                s.writers == 0 || s.unread().matches('\n').count() >= *n
            }
        }
    }

    fn next_wake(&self) -> Option<SimTime> {
        let mut best: Option<SimTime> = None;
        for p in &self.procs {
            if p.exited.is_some() {
                continue;
            }
            let mut consider = |t: SimTime| {
                best = Some(best.map_or(t, |b: SimTime| b.min(t)));
            };
            if let Some((_, at)) = p.doomed {
                consider(at);
            }
            if let Wait::Until(t) = p.wait {
                consider(t);
            }
        }
        best
    }

    fn run(&mut self, sys: &mut dyn Sys) -> Poll {
        if let Some(code) = self.exit {
            return Poll::Exit(code);
        }
        if let Some(e) = &self.start_error {
            let _ = e;
            self.exit = Some(128);
            return Poll::Exit(128);
        }
        let now = sys.now();
        if !self.started {
            self.started = true;
            for n in std::mem::take(&mut self.notes) {
                if let Some(note) = n.strip_prefix('\u{0}') {
                    sys.assume(note);
                } else {
                    sys.stderr(&n);
                }
            }
        }
        let mut budget = STEPS_PER_POLL;
        loop {
            let mut progressed = false;
            let mut i = 0;
            while i < self.procs.len() {
                if budget == 0 {
                    break;
                }
                if self.runnable(i, now) {
                    progressed = true;
                    self.run_proc(i, sys, &mut budget, now);
                    if let Some(code) = self.exit {
                        self.finish(sys);
                        return Poll::Exit(code);
                    }
                }
                i += 1;
            }
            self.reap(sys);
            if let Some(code) = self.exit {
                self.finish(sys);
                return Poll::Exit(code);
            }
            if !progressed || budget == 0 {
                break;
            }
        }
        // busy processes: still runnable after the whole budget
        let busy = (0..self.procs.len())
            .filter(|&i| self.runnable(i, now) && matches!(self.procs[i].body, Body::Shell(_)))
            .count() as u64;
        let prog_cpu: u64 = self
            .procs
            .iter()
            .filter(|p| p.exited.is_none())
            .map(|p| p.cpu)
            .sum();
        let cpu = busy * 1000 + prog_cpu;
        if cpu != self.last_cpu {
            sys.set_cpu_demand(cpu);
            self.last_cpu = cpu;
        }
        let mem: u64 = self
            .procs
            .iter()
            .filter(|p| p.exited.is_none())
            .map(|p| p.mem)
            .sum();
        if mem != self.last_mem {
            sys.set_memory(mem);
            self.last_mem = mem;
        }
        if busy > 0 {
            if !self.busy_noted {
                self.busy_noted = true;
                sys.assume(&format!(
                    "the script runs commands without waiting (a busy loop): the playground counts it as using one full CPU and runs it in {BUSY_SLICE_MS} ms slices of {STEPS_PER_POLL} steps"
                ));
            }
            return Poll::Sleep(BUSY_SLICE_MS);
        }
        match self.next_wake() {
            Some(t) => Poll::Sleep(t.0.saturating_sub(now.0).max(1)),
            None => Poll::Idle,
        }
    }

    /// PID 1 is gone: the container's other processes die with it.
    fn finish(&mut self, sys: &mut dyn Sys) {
        for p in &mut self.procs {
            for port in std::mem::take(&mut p.ports) {
                sys.unlisten(port.0, port.1);
            }
        }
        if self.last_cpu != 0 {
            sys.set_cpu_demand(0);
            self.last_cpu = 0;
        }
    }

    fn reap(&mut self, sys: &mut dyn Sys) {
        let mut i = 0;
        while i < self.procs.len() {
            let Some(code) = self.procs[i].exited else {
                i += 1;
                continue;
            };
            let (pid, parent, background, is_main) = {
                let p = &self.procs[i];
                (p.pid, p.parent, p.background, p.is_main)
            };
            if is_main {
                self.exit = Some(code);
                return;
            }
            // still waited for by a foreground parent: keep until the parent took the status
            let waited = self.procs.iter().any(|q| match &q.wait {
                Wait::Children { pids, .. } => q.pid == parent && pids.contains(&pid),
                _ => false,
            });
            if waited {
                i += 1;
                continue;
            }
            let p = self.procs.remove(i);
            for port in p.ports {
                sys.unlisten(port.0, port.1);
            }
            if background {
                if let Some(pp) = self.procs.iter_mut().find(|q| q.pid == parent) {
                    if let Body::Shell(sh) = &mut pp.body {
                        sh.finished.push((pid, code));
                        if sh.finished.len() > 64 {
                            sh.finished.remove(0);
                        }
                    }
                }
            }
        }
    }

    fn mark_exited(&mut self, i: usize, code: i32) {
        if let Some(p) = self.procs.get_mut(i) {
            p.exited = Some(code);
            for (s, writer) in std::mem::take(&mut p.holds) {
                let mut st = s.borrow_mut();
                if writer {
                    st.writers = st.writers.saturating_sub(1);
                } else {
                    st.readers = st.readers.saturating_sub(1);
                }
            }
            // orphans are adopted by PID 1
            let pid = p.pid;
            for q in self.procs.iter_mut() {
                if q.parent == pid {
                    q.parent = 1;
                    q.background = false;
                }
            }
        }
    }

    fn run_proc(&mut self, i: usize, sys: &mut dyn Sys, budget: &mut u32, now: SimTime) {
        if let Some((code, at)) = self.procs[i].doomed {
            if at <= now {
                self.mark_exited(i, code);
                return;
            }
        }
        let body = std::mem::replace(&mut self.procs[i].body, Body::Gone);
        match body {
            Body::Prog(mut prog) => {
                *budget = budget.saturating_sub(1);
                let (out, err) = (self.procs[i].io[1].clone(), self.procs[i].io[2].clone());
                let mut ports = std::mem::take(&mut self.procs[i].ports);
                let mut cs = ChildSys {
                    inner: sys,
                    out,
                    err,
                    mem: self.procs[i].mem,
                    cpu: self.procs[i].cpu,
                    ports: &mut ports,
                    broken: false,
                };
                let r = prog.poll(&mut cs);
                let (mem, cpu, broken) = (cs.mem, cs.cpu, cs.broken);
                let p = &mut self.procs[i];
                p.ports = ports;
                p.mem = mem;
                p.cpu = cpu;
                p.body = Body::Prog(prog);
                if broken {
                    self.mark_exited(i, 141);
                    return;
                }
                match r {
                    Poll::Exit(code) => self.mark_exited(i, code),
                    Poll::Sleep(ms) => {
                        self.procs[i].wait = Wait::Until(now.saturating_add(ms.max(1)))
                    }
                    Poll::Idle => self.procs[i].wait = Wait::Forever,
                }
            }
            Body::Shell(mut sh) => {
                let pid = self.procs[i].pid;
                let wait = std::mem::replace(&mut self.procs[i].wait, Wait::Ready);
                // (taking a child's status reaps it: indexes may shift, so go by pid from here)
                self.complete_wait(&mut sh, wait);
                let r = self.run_shell(pid, &mut sh, sys, budget, now);
                if let Some(idx) = self.index_of(pid) {
                    match r {
                        RunEnd::Blocked(w) => {
                            self.procs[idx].wait = w;
                            self.procs[idx].body = Body::Shell(sh);
                        }
                        RunEnd::Budget => {
                            self.procs[idx].body = Body::Shell(sh);
                        }
                        RunEnd::Exited(code) => {
                            self.procs[idx].body = Body::Shell(sh);
                            self.mark_exited(idx, code);
                        }
                        RunEnd::Replaced(prog, cmdline) => {
                            let io = [sh.fd(0), sh.fd(1), sh.fd(2)];
                            let p = &mut self.procs[idx];
                            p.body = Body::Prog(prog);
                            p.cmdline = cmdline;
                            p.io = io;
                            p.mem = 0;
                            p.wait = Wait::Ready;
                        }
                    }
                }
            }
            Body::Gone => {
                self.mark_exited(i, 0);
            }
        }
    }

    /// Applies what a finished wait means to the shell (a child's status, a substitution's
    /// output).
    fn complete_wait(&mut self, sh: &mut ShellProc, wait: Wait) {
        match wait {
            Wait::Children {
                pids,
                last,
                after,
                capture,
            } => {
                let code = self
                    .procs
                    .iter()
                    .find(|p| p.pid == last)
                    .and_then(|p| p.exited)
                    .unwrap_or(0);
                // the children are reaped now that their status was taken
                self.procs
                    .retain(|p| !(pids.contains(&p.pid) && p.exited.is_some()));
                match after {
                    After::Status => sh.status = code,
                    After::Subst => {
                        let text = capture
                            .map(|c| std::mem::take(&mut c.borrow_mut().buf))
                            .unwrap_or_default();
                        if let Some(p) = sh.pending.as_mut() {
                            p.substs.push(text);
                            p.subst_status = Some(code);
                        }
                    }
                }
            }
            Wait::Jobs(which) => {
                if let Some(&sig) = sh.pending_sigs.first() {
                    sh.status = 128 + sig;
                    return;
                }
                let code = match which {
                    Some(pid) => sh
                        .finished
                        .iter()
                        .rev()
                        .find(|(p, _)| *p == pid)
                        .map(|(_, c)| *c)
                        .unwrap_or(127),
                    None => 0,
                };
                sh.jobs.retain(|pid| {
                    self.procs
                        .iter()
                        .any(|q| q.pid == *pid && q.exited.is_none())
                });
                sh.status = code;
            }
            _ => {}
        }
    }

    // ------------------------------------------------------------ the shell interpreter

    fn run_shell(
        &mut self,
        pid: u32,
        sh: &mut ShellProc,
        sys: &mut dyn Sys,
        budget: &mut u32,
        now: SimTime,
    ) -> RunEnd {
        if sh.interactive {
            sh.interactive = false;
            return match sh.fd(0) {
                Io::Tty => {
                    if self.cfg.stdin == Stdin::Tty {
                        let prompt = if sh.cwd == "/" {
                            "/ # ".to_string()
                        } else {
                            format!("{} # ", sh.cwd)
                        };
                        let p = if self.cfg.user == "root" {
                            prompt
                        } else {
                            prompt.replace('#', "$")
                        };
                        sys.stdout(&p);
                    }
                    RunEnd::Blocked(Wait::Forever)
                }
                _ => RunEnd::Exited(0),
            };
        }
        if !sh.imported {
            sh.imported = true;
            import_environment(sh, &*sys);
        }
        if let Some(path) = sh.load.take() {
            let abs = resolve_path(&sh.cwd, &path);
            match sys.read_file(&abs) {
                Ok(src) => {
                    sh.arg0 = path.clone();
                    let parsed = parse_script(&src, 1);
                    let code = code_of(&parsed.lines, parsed.error.as_ref(), &self.cfg, sh);
                    sh.frames.push(Frame::new(code, FrameKind::Top, 0));
                }
                Err(e) => {
                    let msg = match self.cfg.flavor {
                        Flavor::Ash => format!(
                            "{}: can't open '{}': {}\n",
                            self.arg0_of(sh),
                            path,
                            e.message()
                        ),
                        Flavor::Dash => format!(
                            "{}: 0: cannot open {}: No such file\n",
                            self.arg0_of(sh),
                            path
                        ),
                        Flavor::Bash => format!("bash: {}: {}\n", path, e.message()),
                    };
                    sys.stderr(&msg);
                    return RunEnd::Exited(if self.cfg.flavor == Flavor::Bash {
                        127
                    } else {
                        2
                    });
                }
            }
        }
        loop {
            if *budget == 0 {
                return RunEnd::Budget;
            }
            *budget -= 1;
            // traps run between commands
            if !sh.pending_sigs.is_empty()
                && !sh
                    .frames
                    .iter()
                    .any(|f| matches!(f.kind, FrameKind::Trap { .. }))
            {
                let sig = sh.pending_sigs.remove(0);
                if let Some((_, Some(code))) = sh.traps.get(&sig).cloned() {
                    if sh.frames.len() < MAX_FRAMES {
                        let depth = sh.fd_stack.len();
                        sh.frames.push(Frame::new(
                            code,
                            FrameKind::Trap {
                                saved_status: sh.status,
                            },
                            depth,
                        ));
                    }
                    continue;
                }
            }
            let depth = sh.frames.len();
            let Some(frame) = sh.frames.last_mut() else {
                return self.shell_exit(pid, sh, sh.status, sys, budget);
            };
            let code = frame.code.clone();
            let pc = frame.pc;
            let Some(insn) = code.insns.get(pc) else {
                // end of this frame
                let Some(f) = sh.frames.pop() else { continue };
                sh.restore_fds(f.fd_depth);
                match f.kind {
                    FrameKind::Top => {
                        if sh.frames.is_empty() {
                            return self.shell_exit(pid, sh, sh.status, sys, budget);
                        }
                    }
                    FrameKind::Func {
                        saved_params,
                        locals,
                    } => {
                        sh.params = saved_params;
                        restore_locals(sh, locals);
                    }
                    FrameKind::Trap { saved_status } => sh.status = saved_status,
                    FrameKind::Eval => {}
                }
                continue;
            };
            let flow = self.exec_insn(pid, sh, insn, depth, pc, sys, now);
            match flow {
                Flow::Next => {
                    if sh.frames.len() == depth {
                        if let Some(f) = sh.frames.last_mut() {
                            if f.pc == pc {
                                f.pc += 1;
                            }
                        }
                    }
                }
                Flow::Stay => {}
                Flow::Jump(t) => {
                    if let Some(f) = sh.frames.get_mut(depth - 1) {
                        f.pc = t;
                    }
                }
                Flow::Block(w) => return RunEnd::Blocked(w),
                Flow::Exit(code) => return self.shell_exit(pid, sh, code, sys, budget),
                Flow::Break(n) => self.do_break(sh, n, false),
                Flow::Continue(n) => self.do_break(sh, n, true),
                Flow::Return(code) => {
                    // pop frames up to and including the innermost function (or trap/eval)
                    loop {
                        let Some(f) = sh.frames.pop() else {
                            return self.shell_exit(pid, sh, code, sys, budget);
                        };
                        sh.restore_fds(f.fd_depth);
                        match f.kind {
                            FrameKind::Func {
                                saved_params,
                                locals,
                            } => {
                                sh.params = saved_params;
                                restore_locals(sh, locals);
                                break;
                            }
                            FrameKind::Top => {
                                return self.shell_exit(pid, sh, code, sys, budget);
                            }
                            FrameKind::Trap { .. } | FrameKind::Eval => {}
                        }
                    }
                    sh.status = code;
                }
                Flow::Replace(prog, cmdline) => return RunEnd::Replaced(prog, cmdline),
            }
        }
    }

    fn do_break(&mut self, sh: &mut ShellProc, n: usize, cont: bool) {
        let Some(frame) = sh.frames.last_mut() else {
            return;
        };
        if frame.loops.is_empty() {
            // `break` outside a loop is ignored
            frame.pc += 1;
            sh.status = 0;
            return;
        }
        let n = n.clamp(1, frame.loops.len());
        for _ in 1..n {
            frame.loops.pop();
        }
        let Some(rec) = frame.loops.last() else {
            return;
        };
        let (target, fd_depth, case_depth) = (
            if cont { rec.cont } else { rec.brk },
            rec.fd_depth,
            rec.case_depth,
        );
        if !cont {
            frame.loops.pop();
        }
        frame.pc = target;
        frame.cases.truncate(case_depth);
        sh.restore_fds(fd_depth);
        sh.status = 0;
    }

    fn shell_exit(
        &mut self,
        pid: u32,
        sh: &mut ShellProc,
        code: i32,
        sys: &mut dyn Sys,
        budget: &mut u32,
    ) -> RunEnd {
        // the EXIT trap runs once, in the process that set it
        if !sh.exiting {
            sh.exiting = true;
            if let Some((_, Some(trap))) = sh.traps.get(&0).cloned() {
                sh.frames.clear();
                sh.status = code;
                sh.frames.push(Frame::new(trap, FrameKind::Top, 0));
                let now = sys.now();
                let r = self.run_shell(pid, sh, sys, budget, now);
                return match r {
                    RunEnd::Exited(c) if c == sh.status && !sh.frames.is_empty() => {
                        RunEnd::Exited(c)
                    }
                    RunEnd::Exited(c) => RunEnd::Exited(c),
                    other => other,
                };
            }
        }
        sh.frames.clear();
        RunEnd::Exited(code)
    }

    fn arg0_of(&self, sh: &ShellProc) -> String {
        sh.arg0.clone()
    }

    /// The prefix of the shell's own error messages (ash's `ash_vmsg`, dash's `exverror`).
    fn err_prefix(&self, sh: &ShellProc, builtin: Option<&str>) -> String {
        let arg0 = &sh.arg0;
        match self.cfg.flavor {
            Flavor::Ash => {
                let cmdname = builtin
                    .map(|b| b.to_string())
                    .or_else(|| sh.commandname.clone());
                let mut s = format!("{arg0}: ");
                if let Some(cn) = cmdname {
                    if &cn != arg0 {
                        s.push_str(&cn);
                        s.push_str(": ");
                    }
                    s.push_str(&format!("line {}: ", sh.lineno));
                }
                s
            }
            Flavor::Dash => {
                let line = if sh.c_mode { sh.lineno + 1 } else { sh.lineno };
                match builtin {
                    Some(b) => format!("{arg0}: {line}: {b}: "),
                    None => format!("{arg0}: {line}: "),
                }
            }
            Flavor::Bash => match builtin {
                Some(b) => format!("{arg0}: {b}: "),
                None => format!("{arg0}: "),
            },
        }
    }

    fn shell_error(&self, sh: &ShellProc, builtin: Option<&str>, msg: &str, sys: &mut dyn Sys) {
        let text = format!("{}{}\n", self.err_prefix(sh, builtin), msg);
        let err = sh.fd(2);
        write_io(&err, &text, sys);
    }

    #[allow(clippy::too_many_arguments)]
    fn exec_insn(
        &mut self,
        pid: u32,
        sh: &mut ShellProc,
        insn: &Insn,
        depth: usize,
        pc: usize,
        sys: &mut dyn Sys,
        now: SimTime,
    ) -> Flow {
        match insn {
            Insn::Simple(s) => self.simple(pid, sh, s, depth, pc, sys, now),
            Insn::Jump(t) => Flow::Jump(*t),
            Insn::JumpIfFail(t) => {
                if sh.status != 0 {
                    Flow::Jump(*t)
                } else {
                    Flow::Next
                }
            }
            Insn::JumpIfOk(t) => {
                if sh.status == 0 {
                    Flow::Jump(*t)
                } else {
                    Flow::Next
                }
            }
            Insn::Not => {
                sh.status = if sh.status == 0 { 1 } else { 0 };
                Flow::Next
            }
            Insn::Status(s) => {
                sh.status = *s;
                Flow::Next
            }
            Insn::LoopStart { cont, brk } => {
                let (fd_depth, case_depth) = (
                    sh.fd_stack.len(),
                    sh.frames.last().map(|f| f.cases.len()).unwrap_or(0),
                );
                if let Some(f) = sh.frames.last_mut() {
                    f.loops.push(LoopRec {
                        cont: *cont,
                        brk: *brk,
                        status: 0,
                        fd_depth,
                        case_depth,
                        items: None,
                    });
                }
                Flow::Next
            }
            Insn::ForStart {
                var,
                words,
                cont,
                brk,
            } => {
                let items = match words {
                    Some(w) => match self.expand(pid, sh, depth, pc, sys, |ex| ex.fields(w)) {
                        Ok(v) => v,
                        Err(flow) => return flow,
                    },
                    None => sh.params.clone(),
                };
                let (fd_depth, case_depth) = (
                    sh.fd_stack.len(),
                    sh.frames.last().map(|f| f.cases.len()).unwrap_or(0),
                );
                if let Some(f) = sh.frames.last_mut() {
                    f.loops.push(LoopRec {
                        cont: *cont,
                        brk: *brk,
                        status: 0,
                        fd_depth,
                        case_depth,
                        items: Some((var.clone(), items, 0)),
                    });
                }
                Flow::Next
            }
            Insn::ForNext { end } => {
                let next = sh
                    .frames
                    .last_mut()
                    .and_then(|f| f.loops.last_mut())
                    .and_then(|rec| rec.items.as_mut())
                    .and_then(|(var, items, idx)| {
                        let v = items.get(*idx).cloned();
                        *idx += 1;
                        v.map(|v| (var.clone(), v))
                    });
                match next {
                    Some((var, value)) => {
                        if let Err(e) = sh.set(&var, value) {
                            self.shell_error(sh, None, &e, sys);
                            return Flow::Exit(2);
                        }
                        Flow::Next
                    }
                    None => Flow::Jump(*end),
                }
            }
            Insn::LoopCont => {
                let status = sh.status;
                let target = sh
                    .frames
                    .last_mut()
                    .and_then(|f| f.loops.last_mut())
                    .map(|rec| {
                        rec.status = status;
                        rec.cont
                    });
                match target {
                    Some(t) => Flow::Jump(t),
                    None => Flow::Next,
                }
            }
            Insn::LoopEnd => {
                let rec = sh.frames.last_mut().and_then(|f| f.loops.pop());
                sh.status = rec.map(|r| r.status).unwrap_or(0);
                Flow::Next
            }
            Insn::CaseWord(w) => {
                let v = match self.expand(pid, sh, depth, pc, sys, |ex| ex.single(w)) {
                    Ok(v) => v,
                    Err(flow) => return flow,
                };
                if let Some(f) = sh.frames.last_mut() {
                    f.cases.push(v);
                }
                Flow::Next
            }
            Insn::CaseArm { patterns, next } => {
                let subject = sh
                    .frames
                    .last()
                    .and_then(|f| f.cases.last())
                    .cloned()
                    .unwrap_or_default();
                let pats = match self.expand(pid, sh, depth, pc, sys, |ex| {
                    patterns
                        .iter()
                        .map(|p| ex.pattern(p))
                        .collect::<Result<Vec<_>, _>>()
                }) {
                    Ok(v) => v,
                    Err(flow) => return flow,
                };
                if pats.iter().any(|p| glob_match(p, &subject)) {
                    Flow::Next
                } else {
                    Flow::Jump(*next)
                }
            }
            Insn::CaseEnd => {
                if let Some(f) = sh.frames.last_mut() {
                    f.cases.pop();
                }
                Flow::Next
            }
            Insn::PushRedirs(redirs) => {
                let fds = sh.fds.clone();
                match self.prepare_redirs(pid, sh, redirs, depth, pc, sys) {
                    Ok(Some(new)) => {
                        sh.fd_stack.push(fds);
                        sh.fds = new;
                        Flow::Next
                    }
                    Ok(None) => {
                        // failed: the compound command does not run, status 1
                        sh.status = 1;
                        let mut skip = pc + 1;
                        let mut depth_r = 1;
                        while let Some(i) = sh.frames.last().and_then(|f| f.code.insns.get(skip)) {
                            match i {
                                Insn::PushRedirs(_) => depth_r += 1,
                                Insn::PopRedirs => {
                                    depth_r -= 1;
                                    if depth_r == 0 {
                                        break;
                                    }
                                }
                                _ => {}
                            }
                            skip += 1;
                        }
                        Flow::Jump(skip + 1)
                    }
                    Err(flow) => flow,
                }
            }
            Insn::PopRedirs => {
                if let Some(f) = sh.fd_stack.pop() {
                    sh.fds = f;
                }
                Flow::Next
            }
            Insn::Subshell(code) => {
                let child = sh.fork(code.clone());
                let cmdline = self
                    .procs
                    .iter()
                    .find(|p| p.pid == pid)
                    .map(|p| p.cmdline.clone())
                    .unwrap_or_default();
                match self.spawn(
                    pid,
                    Body::Shell(Box::new(child)),
                    [Io::Null, Io::Null, Io::Null],
                    cmdline,
                    false,
                ) {
                    Ok(c) => {
                        if let Some(f) = sh.frames.last_mut() {
                            f.pc += 1;
                        }
                        Flow::Block(Wait::Children {
                            pids: vec![c],
                            last: c,
                            after: After::Status,
                            capture: None,
                        })
                    }
                    Err(()) => self.fork_failed(sh, sys),
                }
            }
            Insn::Background(code, text) => {
                let mut child = sh.fork(code.clone());
                // a background job of a non-interactive shell reads /dev/null
                if matches!(child.fds.first(), Some(Io::Tty)) {
                    child.fds[0] = Io::Null;
                }
                let cmdline = if single_simple(code).is_some() {
                    text.clone()
                } else {
                    self.procs
                        .iter()
                        .find(|p| p.pid == pid)
                        .map(|p| p.cmdline.clone())
                        .unwrap_or_default()
                };
                match self.spawn(
                    pid,
                    Body::Shell(Box::new(child)),
                    [Io::Null, Io::Null, Io::Null],
                    cmdline,
                    true,
                ) {
                    Ok(c) => {
                        sh.last_bg = Some(c);
                        sh.jobs.push(c);
                        sh.status = 0;
                        Flow::Next
                    }
                    Err(()) => self.fork_failed(sh, sys),
                }
            }
            Insn::Pipeline(stages, texts) => {
                let n = stages.len();
                let pipes: Vec<Rc<RefCell<Stream>>> = (1..n)
                    .map(|_| Rc::new(RefCell::new(Stream::new(false))))
                    .collect();
                let mut pids = Vec::new();
                for (k, code) in stages.iter().enumerate() {
                    let mut child = sh.fork(code.clone());
                    if k > 0 {
                        if let Some(p) = pipes.get(k - 1) {
                            child.fds[0] = Io::Stream(p.clone());
                        }
                    }
                    if k + 1 < n {
                        if let Some(p) = pipes.get(k) {
                            child.fds[1] = Io::Stream(p.clone());
                        }
                    }
                    let text = texts.get(k).cloned().unwrap_or_default();
                    let cmdline = if single_simple(code).is_some() && !text.is_empty() {
                        text
                    } else {
                        self.procs
                            .iter()
                            .find(|p| p.pid == pid)
                            .map(|p| p.cmdline.clone())
                            .unwrap_or_default()
                    };
                    match self.spawn(
                        pid,
                        Body::Shell(Box::new(child)),
                        [Io::Null, Io::Null, Io::Null],
                        cmdline,
                        false,
                    ) {
                        Ok(c) => pids.push(c),
                        Err(()) => {
                            for p in &pids {
                                if let Some(i) = self.index_of(*p) {
                                    self.mark_exited(i, 1);
                                }
                            }
                            return self.fork_failed(sh, sys);
                        }
                    }
                }
                if let Some(f) = sh.frames.last_mut() {
                    f.pc += 1;
                }
                let last = pids.last().copied().unwrap_or(0);
                Flow::Block(Wait::Children {
                    pids,
                    last,
                    after: After::Status,
                    capture: None,
                })
            }
            Insn::DefFunc(name, code) => {
                sh.funcs.insert(name.clone(), code.clone());
                sh.status = 0;
                Flow::Next
            }
            Insn::SyntaxError(msg) => {
                let text = format!("{msg}\n");
                let err = sh.fd(2);
                write_io(&err, &text, sys);
                Flow::Exit(2)
            }
        }
    }

    fn fork_failed(&mut self, sh: &mut ShellProc, sys: &mut dyn Sys) -> Flow {
        self.shell_error(
            sh,
            None,
            "can't fork: Resource temporarily unavailable",
            sys,
        );
        sys.assume(&format!(
            "a shell may have at most {MAX_PROCS} processes in the playground"
        ));
        Flow::Exit(2)
    }

    /// Expands with the command-substitution protocol: returns the value, or the flow to
    /// take (run a substitution and come back, or die of an expansion error).
    fn expand<X>(
        &mut self,
        pid: u32,
        sh: &mut ShellProc,
        depth: usize,
        pc: usize,
        sys: &mut dyn Sys,
        f: impl FnOnce(&mut Expander) -> Result<X, Expand>,
    ) -> Result<X, Flow> {
        let same = sh
            .pending
            .as_ref()
            .is_some_and(|p| p.depth == depth && p.pc == pc);
        if !same {
            sh.pending = Some(Pending {
                depth,
                pc,
                substs: Vec::new(),
                subst_status: None,
                ready: None,
            });
        }
        let substs = sh
            .pending
            .as_mut()
            .map(|p| std::mem::take(&mut p.substs))
            .unwrap_or_default();
        let result;
        let overlay;
        {
            let vars = &sh.vars;
            let sys_ref: &dyn Sys = &*sys;
            let lookup = |n: &str| {
                vars.get(n)
                    .map(|v| v.value.clone())
                    .or_else(|| sys_ref.env(n))
            };
            let home = vars
                .get("HOME")
                .map(|v| v.value.clone())
                .or_else(|| sys.env("HOME"))
                .unwrap_or_else(|| "/root".into());
            let env = Env {
                vars: &lookup,
                params: &sh.params,
                arg0: &sh.arg0,
                status: sh.status,
                pid: sh.shell_pid,
                last_bg: sh.last_bg,
                home,
                cwd: &sh.cwd,
                substs: &substs,
                sys: &*sys,
            };
            let mut ex = Expander::new(env);
            result = f(&mut ex);
            overlay = ex.overlay;
        }
        if let Some(p) = sh.pending.as_mut() {
            p.substs = substs;
        }
        match result {
            Ok(v) => {
                for (k, val) in overlay {
                    if let Err(e) = sh.set(&k, val) {
                        self.shell_error(sh, None, &e, sys);
                        return Err(Flow::Exit(2));
                    }
                }
                Ok(v)
            }
            Err(Expand::NeedSubst(body)) => {
                let code = compile_list(&body);
                let mut child = sh.fork(code);
                let cap = Rc::new(RefCell::new(Stream::new(true)));
                child.fds[1] = Io::Stream(cap.clone());
                let cmdline = self
                    .procs
                    .iter()
                    .find(|p| p.pid == pid)
                    .map(|p| p.cmdline.clone())
                    .unwrap_or_default();
                match self.spawn(
                    pid,
                    Body::Shell(Box::new(child)),
                    [Io::Null, Io::Null, Io::Null],
                    cmdline,
                    false,
                ) {
                    Ok(c) => Err(Flow::Block(Wait::Children {
                        pids: vec![c],
                        last: c,
                        after: After::Subst,
                        capture: Some(cap),
                    })),
                    Err(()) => Err(self.fork_failed(sh, sys)),
                }
            }
            Err(Expand::Fatal(msg)) => {
                sh.pending = None;
                self.shell_error(sh, None, &msg, sys);
                Err(Flow::Exit(2))
            }
        }
    }

    /// Opens the redirections of a command. `Ok(None)` when one failed (message printed).
    fn prepare_redirs(
        &mut self,
        pid: u32,
        sh: &mut ShellProc,
        redirs: &[Redir],
        depth: usize,
        pc: usize,
        sys: &mut dyn Sys,
    ) -> Result<Option<Vec<Io>>, Flow> {
        let targets = self.expand(pid, sh, depth, pc, sys, |ex| {
            redirs
                .iter()
                .map(|r| ex.single(&r.target))
                .collect::<Result<Vec<_>, _>>()
        })?;
        sh.pending = None;
        let mut fds = sh.fds.clone();
        for (r, target) in redirs.iter().zip(targets) {
            match self.open_redir(sh, r, &target, &mut fds, sys) {
                Ok(()) => {}
                Err(msg) => {
                    self.shell_error(sh, None, &msg, sys);
                    return Ok(None);
                }
            }
        }
        Ok(Some(fds))
    }

    fn open_redir(
        &mut self,
        sh: &ShellProc,
        r: &Redir,
        target: &str,
        fds: &mut Vec<Io>,
        sys: &mut dyn Sys,
    ) -> Result<(), String> {
        let fd = r.fd as usize;
        if fd > 9 {
            return Err(format!("{fd}: bad file descriptor"));
        }
        while fds.len() <= fd.max(2) {
            fds.push(Io::Closed);
        }
        let path = resolve_path(&sh.cwd, target);
        let dash = self.cfg.flavor == Flavor::Dash;
        match r.op {
            RedirOp::Out | RedirOp::Append | RedirOp::Both => {
                let io = if path == "/dev/null" {
                    Io::Null
                } else if path == "/dev/stdout" || path == "/proc/self/fd/1" {
                    fds.get(1).cloned().unwrap_or(Io::Log)
                } else if path == "/dev/stderr" || path == "/proc/self/fd/2" {
                    fds.get(2).cloned().unwrap_or(Io::LogErr)
                } else {
                    if sys.kind(&path) == Some(FileKind::Dir) {
                        return Err(if dash {
                            format!("cannot create {target}: Is a directory")
                        } else {
                            format!("can't create {target}: Is a directory")
                        });
                    }
                    let append = r.op == RedirOp::Append;
                    if let Err(e) = sys.write_file(&path, "", append) {
                        let why = match e {
                            FsError::NotFound => {
                                if dash {
                                    "Directory nonexistent"
                                } else {
                                    "nonexistent directory"
                                }
                            }
                            other => other.message(),
                        };
                        return Err(if dash {
                            format!("cannot create {target}: {why}")
                        } else {
                            format!("can't create {target}: {why}")
                        });
                    }
                    Io::File(path)
                };
                if r.op == RedirOp::Both {
                    fds[1] = io.clone();
                    fds[2] = io;
                } else {
                    fds[fd] = io;
                }
            }
            RedirOp::In | RedirOp::ReadWrite => {
                let io = if path == "/dev/null" {
                    Io::Null
                } else {
                    match sys.read_file(&path) {
                        Ok(text) => Io::Stream(Rc::new(RefCell::new(Stream::data(text)))),
                        Err(_) if r.op == RedirOp::ReadWrite => {
                            let _ = sys.write_file(&path, "", true);
                            Io::Stream(Rc::new(RefCell::new(Stream::data(String::new()))))
                        }
                        Err(e) => {
                            let why = match e {
                                FsError::NotFound => "no such file",
                                other => other.message(),
                            };
                            return Err(if dash {
                                format!("cannot open {target}: No such file")
                            } else {
                                format!("can't open {target}: {why}")
                            });
                        }
                    }
                };
                fds[fd] = io;
            }
            RedirOp::Dup => {
                if target == "-" {
                    fds[fd] = Io::Closed;
                } else {
                    let Ok(src) = target.parse::<usize>() else {
                        return Err(format!("{target}: bad file descriptor"));
                    };
                    match fds.get(src).cloned() {
                        Some(Io::Closed) | None => {
                            return Err(format!("{src}: bad file descriptor"))
                        }
                        Some(io) => fds[fd] = io,
                    }
                }
            }
            RedirOp::Heredoc { .. } => {
                fds[fd] = Io::Stream(Rc::new(RefCell::new(Stream::data(target.to_string()))));
            }
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn simple(
        &mut self,
        pid: u32,
        sh: &mut ShellProc,
        s: &Rc<Simple>,
        depth: usize,
        pc: usize,
        sys: &mut dyn Sys,
        now: SimTime,
    ) -> Flow {
        sh.lineno = s.line;
        let ready_here = sh
            .pending
            .as_ref()
            .is_some_and(|p| p.depth == depth && p.pc == pc && p.ready.is_some());
        if !ready_here {
            // expand assignments, words and redirection targets (in that order, as ash does)
            let expanded = self.expand(pid, sh, depth, pc, sys, |ex| {
                let mut assigns = Vec::new();
                for (name, w) in &s.assigns {
                    let v = ex.single(w)?;
                    assigns.push((name.clone(), v));
                }
                let argv = ex.fields(&s.words)?;
                let targets = s
                    .redirs
                    .iter()
                    .map(|r| ex.single(&r.target))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok((assigns, argv, targets))
            });
            let (assigns, argv, targets) = match expanded {
                Ok(v) => v,
                Err(flow) => return flow,
            };
            let subst_status = sh.pending.as_ref().and_then(|p| p.subst_status);
            let mut fds = sh.fds.clone();
            for (r, target) in s.redirs.iter().zip(&targets) {
                if let Err(msg) = self.open_redir(sh, r, target, &mut fds, sys) {
                    sh.pending = None;
                    self.shell_error(sh, None, &msg, sys);
                    sh.status = 1;
                    return self.after_command(sh);
                }
            }
            if argv.is_empty() {
                // assignments only
                sh.pending = None;
                for (k, v) in assigns {
                    if let Err(e) = sh.set(&k, v) {
                        self.shell_error(sh, None, &e, sys);
                        return Flow::Exit(2);
                    }
                }
                sh.status = subst_status.unwrap_or(0);
                return self.after_command(sh);
            }
            if let Some(p) = sh.pending.as_mut() {
                p.ready = Some(Ready { assigns, argv, fds });
            }
        }
        let Some(ready) = sh.pending.as_ref().and_then(|p| p.ready.as_ref()) else {
            return Flow::Next;
        };
        let argv = ready.argv.clone();
        let assigns = ready.assigns.clone();
        let fds = ready.fds.clone();
        if sh.xtrace
            && !matches!(
                sh.pending.as_ref().map(|p| p.subst_status),
                Some(Some(-999))
            )
        {
            let line = format!("+ {}\n", argv.join(" "));
            write_io(&fds.get(2).cloned().unwrap_or(Io::LogErr), &line, sys);
            if let Some(p) = sh.pending.as_mut() {
                p.subst_status = Some(-999);
            }
        }
        let flow = self.dispatch(pid, sh, &argv, &assigns, &fds, sys, now);
        if !matches!(
            flow,
            Flow::Stay
                | Flow::Block(Wait::StreamEof(_) | Wait::StreamLine(_) | Wait::StreamLines(..))
        ) {
            sh.pending = None;
        }
        flow
    }

    /// After a command finished in place: `set -e` check, then the next instruction.
    fn after_command(&mut self, sh: &mut ShellProc) -> Flow {
        if sh.errexit && sh.status != 0 {
            return Flow::Exit(sh.status);
        }
        Flow::Next
    }

    fn is_tail(&self, sh: &ShellProc) -> bool {
        sh.tail_exec
            && sh.frames.len() == 1
            && sh
                .frames
                .first()
                .is_some_and(|f| f.pc + 1 == f.code.insns.len() && f.loops.is_empty())
            && sh.traps.values().all(|(c, _)| c.is_empty())
            && sh.jobs.is_empty()
    }

    #[allow(clippy::too_many_arguments)]
    fn dispatch(
        &mut self,
        pid: u32,
        sh: &mut ShellProc,
        argv: &[String],
        assigns: &[(String, String)],
        fds: &[Io],
        sys: &mut dyn Sys,
        now: SimTime,
    ) -> Flow {
        let Some(name) = argv.first().cloned() else {
            return Flow::Next;
        };
        // functions come first
        if let Some(code) = sh.funcs.get(&name).cloned() {
            if sh.frames.len() >= MAX_FRAMES {
                sys.assume(&format!(
                    "functions nested more than {MAX_FRAMES} deep: ash would run out of stack and crash (Segmentation fault)"
                ));
                return Flow::Exit(139);
            }
            if let Some(f) = sh.frames.last_mut() {
                f.pc += 1;
            }
            let depth = sh.fd_stack.len();
            sh.fd_stack.push(sh.fds.clone());
            sh.fds = fds.to_vec();
            let saved = std::mem::replace(&mut sh.params, argv.iter().skip(1).cloned().collect());
            let mut locals = Vec::new();
            for (k, v) in assigns {
                locals.push((k.clone(), sh.vars.get(k).cloned()));
                let _ = sh.set(k, v.clone());
            }
            sh.frames.push(Frame::new(
                code,
                FrameKind::Func {
                    saved_params: saved,
                    locals,
                },
                depth,
            ));
            return Flow::Stay;
        }
        if let Some(flow) = self.builtin(pid, sh, &name, argv, assigns, fds, sys, now) {
            return flow;
        }
        // applets and programs run with the assignments in their environment
        let env = exported_env(sh, assigns, sys);
        let stdin_io = fds.first().cloned().unwrap_or(Io::Closed);
        let is_direct_exec = sh.direct;

        // availability in this image
        let cmd_base = name.rsplit('/').next().unwrap_or(&name).to_string();
        let is_path = name.contains('/');
        if let Some(found) = self.cfg.resolver.as_ref().and_then(|r| r(argv, false)) {
            return self.start_found(pid, sh, found, argv, fds, sys);
        }
        let in_fs = is_path && sys.kind(&resolve_path(&sh.cwd, &name)) == Some(FileKind::File);
        let standard =
            is_path && is_standard_path(&name, self.cfg.userland, self.cfg.extra_commands);
        let available = if is_path {
            in_fs || standard
        } else {
            commands::exists(self.cfg.userland, self.cfg.extra_commands, &cmd_base)
        };
        if available && matches!(cmd_base.as_str(), "sh" | "ash" | "bash" | "dash") {
            let mut cfg = (*self.cfg).clone();
            cfg.pid1 = false;
            cfg.stdin = match fds.first() {
                Some(Io::Tty) => self.cfg.stdin,
                _ => Stdin::Closed,
            };
            cfg.cwd = sh.cwd.clone();
            let child = Shell::exec_argv(cfg, argv);
            return self.start_program(pid, sh, Box::new(child), argv.join(" "), fds);
        }
        if in_fs && !standard {
            // a script file in the container
            let mut cfg = (*self.cfg).clone();
            cfg.pid1 = false;
            let child = Shell::file(cfg, "sh", &name, &argv[1..]);
            let cmdline = format!("sh {}", argv.join(" "));
            return self.start_program(pid, sh, Box::new(child), cmdline, fds);
        }
        if available {
            // stdin-reading applets wait for their input
            if applets::reads_stdin(&cmd_base, argv) {
                if let Io::Stream(st) = &stdin_io {
                    let need = applets::stdin_lines_needed(&cmd_base, argv);
                    let b = st.borrow();
                    let enough = match need {
                        Some(n) => b.unread().matches('\n').count() >= n,
                        None => false,
                    };
                    if b.writers > 0 && !enough {
                        drop(b);
                        return Flow::Block(match need {
                            Some(n) => Wait::StreamLines(st.clone(), n),
                            None => Wait::StreamEof(st.clone()),
                        });
                    }
                }
            }
            let stdin_text: Option<String> = match &stdin_io {
                Io::Stream(st) => {
                    let b = st.borrow();
                    Some(b.unread().to_string())
                }
                Io::Tty => None,
                _ => Some(String::new()),
            };
            let user = self.cfg.user.clone();
            let pid1 = self.cfg.pid1
                && self.is_tail(sh)
                && self.procs.iter().any(|p| p.pid == pid && p.is_main);
            let mut ctx = applets::Ctx {
                sys: &mut *sys,
                argv,
                stdin: stdin_text.as_deref(),
                stdin_consumed: None,
                writes: Vec::new(),
                gnu: self.cfg.userland == super::Userland::Debian,
                cwd: &sh.cwd,
                env: &env,
                user: &user,
                uid: self.cfg.uid,
                pid1,
            };
            let outcome = applets::run(&cmd_base, &mut ctx);
            let writes = std::mem::take(&mut ctx.writes);
            let consumed = ctx.stdin_consumed;
            if let (Io::Stream(st), Some(n)) = (&stdin_io, consumed) {
                let mut b = st.borrow_mut();
                b.pos = (b.pos + n).min(b.buf.len());
            }
            for (fd, text) in writes {
                let io = fds.get(fd as usize).cloned().unwrap_or(Io::Closed);
                if write_io(&io, &text, sys) == Wrote::BrokenPipe {
                    return Flow::Exit(141);
                }
            }
            match outcome {
                Some(Outcome::Exit(code)) => {
                    sh.status = code;
                    if is_direct_exec {
                        return Flow::Exit(code);
                    }
                    return self.after_command(sh);
                }
                Some(Outcome::Spawn(prog)) => {
                    let cmdline = argv.join(" ");
                    return self.start_program(pid, sh, prog, cmdline, fds);
                }
                None => {
                    if let Some(found) = self.cfg.resolver.as_ref().and_then(|r| r(argv, true)) {
                        return self.start_found(pid, sh, found, argv, fds, sys);
                    }
                    sys.assume(&format!(
                        "the playground does not model `{cmd_base}`; assuming it exits 0"
                    ));
                    sh.status = 0;
                    if is_direct_exec {
                        return Flow::Exit(0);
                    }
                    return self.after_command(sh);
                }
            }
        }
        if let Some(found) = self.cfg.resolver.as_ref().and_then(|r| r(argv, true)) {
            return self.start_found(pid, sh, found, argv, fds, sys);
        }
        // not found
        if is_direct_exec {
            let msg = if is_path {
                format!("exec: \"{name}\": stat {name}: no such file or directory")
            } else {
                format!("exec: \"{name}\": executable file not found in $PATH")
            };
            self.start_error = Some(msg);
            return Flow::Exit(128);
        }
        let msg = match self.cfg.flavor {
            Flavor::Ash => format!("{}: not found", name),
            Flavor::Dash => format!("{}: not found", name),
            Flavor::Bash => format!("{}: command not found", name),
        };
        let text = match self.cfg.flavor {
            Flavor::Ash => {
                let mut p = format!("{}: ", sh.arg0);
                if sh.commandname.is_some() {
                    p.push_str(&format!("line {}: ", sh.lineno));
                }
                format!("{p}{msg}\n")
            }
            _ => format!("{}{msg}\n", self.err_prefix(sh, None)),
        };
        write_io(&fds.get(2).cloned().unwrap_or(Io::LogErr), &text, sys);
        sh.status = 127;
        self.after_command(sh)
    }

    /// Starts what the resolver found for `argv`, saying what the program library assumed.
    fn start_found(
        &mut self,
        pid: u32,
        sh: &mut ShellProc,
        found: super::Found,
        argv: &[String],
        fds: &[Io],
        sys: &mut dyn Sys,
    ) -> Flow {
        if let Some(note) = found.assumed {
            sys.assume(note);
        }
        self.start_program(pid, sh, found.program, argv.join(" "), fds)
    }

    /// Starts a program as a foreground child (or replaces this process when it is the last
    /// command, as ash execs the last command of `sh -c`).
    fn start_program(
        &mut self,
        pid: u32,
        sh: &mut ShellProc,
        prog: Box<dyn Program>,
        cmdline: String,
        fds: &[Io],
    ) -> Flow {
        if self.is_tail(sh) {
            sh.fds = fds.to_vec();
            return Flow::Replace(prog, cmdline);
        }
        let io = [
            fds.first().cloned().unwrap_or(Io::Null),
            fds.get(1).cloned().unwrap_or(Io::Closed),
            fds.get(2).cloned().unwrap_or(Io::Closed),
        ];
        match self.spawn(pid, Body::Prog(prog), io, cmdline, false) {
            Ok(c) => {
                if let Some(f) = sh.frames.last_mut() {
                    f.pc += 1;
                }
                Flow::Block(Wait::Children {
                    pids: vec![c],
                    last: c,
                    after: After::Status,
                    capture: None,
                })
            }
            Err(()) => Flow::Exit(2),
        }
    }

    // ------------------------------------------------------------ builtins

    #[allow(clippy::too_many_arguments)]
    fn builtin(
        &mut self,
        pid: u32,
        sh: &mut ShellProc,
        name: &str,
        argv: &[String],
        assigns: &[(String, String)],
        fds: &[Io],
        sys: &mut dyn Sys,
        now: SimTime,
    ) -> Option<Flow> {
        let out = fds.get(1).cloned().unwrap_or(Io::Closed);
        let err = fds.get(2).cloned().unwrap_or(Io::Closed);
        let args = argv.get(1..).unwrap_or(&[]);
        let say = |io: &Io, text: &str, sys: &mut dyn Sys| -> bool {
            write_io(io, text, sys) != Wrote::BrokenPipe
        };
        let status = match name {
            ":" | "true" => 0,
            "false" => 1,
            "echo" => {
                let text = applets::echo(args);
                if !say(&out, &text, sys) {
                    return Some(Flow::Exit(141));
                }
                0
            }
            "printf" => {
                let (text, errs, code) = applets::printf(args);
                for e in errs {
                    let msg = format!(
                        "{}{e}\n",
                        if self.cfg.flavor == Flavor::Ash {
                            format!("{}: ", sh.arg0)
                        } else {
                            "printf: ".into()
                        }
                    );
                    say(&err, &msg, sys);
                }
                if !say(&out, &text, sys) {
                    return Some(Flow::Exit(141));
                }
                code
            }
            "test" | "[" | "[[" => {
                let r = test_cmd::test(name, args, &*sys, &sh.cwd);
                match r {
                    Ok(b) => {
                        if b {
                            0
                        } else {
                            1
                        }
                    }
                    Err(msg) => {
                        let m = match self.cfg.flavor {
                            Flavor::Ash => format!("{}: {msg}\n", sh.arg0),
                            _ => {
                                let body = match msg.strip_suffix(": bad number") {
                                    Some(n) => format!("Illegal number: {n}"),
                                    None => msg,
                                };
                                format!("{}{body}\n", self.err_prefix(sh, Some(name)))
                            }
                        };
                        say(&err, &m, sys);
                        2
                    }
                }
            }
            "cd" => {
                let target = match args.first().map(|s| s.as_str()) {
                    None => sh.get("HOME").unwrap_or_else(|| "/root".into()),
                    Some("-") => sh.get("OLDPWD").unwrap_or_else(|| sh.cwd.clone()),
                    Some(d) => d.to_string(),
                };
                let path = resolve_path(&sh.cwd, &target);
                match sys.kind(&path) {
                    Some(FileKind::Dir) => {
                        let old = std::mem::replace(&mut sh.cwd, path.clone());
                        let _ = sh.set("OLDPWD", old);
                        let _ = sh.set("PWD", path);
                        0
                    }
                    k => {
                        let why = if k.is_some() {
                            "Not a directory"
                        } else {
                            "No such file or directory"
                        };
                        let msg = if self.cfg.flavor == Flavor::Dash {
                            format!("can't cd to {target}")
                        } else {
                            format!("can't cd to {target}: {why}")
                        };
                        self.shell_error(sh, Some("cd"), &msg, sys);
                        2
                    }
                }
            }
            "pwd" => {
                say(&out, &format!("{}\n", sh.cwd), sys);
                0
            }
            "export" | "readonly" => {
                let ro = name == "readonly";
                if args.is_empty() || args.first().is_some_and(|a| a == "-p") {
                    let mut text = String::new();
                    for (k, v) in &sh.vars {
                        if (ro && v.readonly) || (!ro && v.exported) {
                            text.push_str(&format!(
                                "{} {}='{}'\n",
                                name,
                                k,
                                v.value.replace('\'', "'\"'\"'")
                            ));
                        }
                    }
                    say(&out, &text, sys);
                    0
                } else {
                    let mut code = 0;
                    for a in args {
                        let (k, v) = match a.split_once('=') {
                            Some((k, v)) => (k.to_string(), Some(v.to_string())),
                            None => (a.clone(), None),
                        };
                        if !is_name(&k) {
                            self.shell_error(
                                sh,
                                Some(name),
                                &format!("bad variable name '{k}'"),
                                sys,
                            );
                            code = 2;
                            continue;
                        }
                        if let Some(v) = v {
                            if let Err(e) = sh.set(&k, v) {
                                self.shell_error(sh, None, &e, sys);
                                return Some(Flow::Exit(2));
                            }
                        } else if !sh.vars.contains_key(&k) {
                            if let Some(ev) = sys.env(&k) {
                                let _ = sh.set(&k, ev);
                            }
                        }
                        let entry = sh.vars.entry(k).or_insert(Var {
                            value: String::new(),
                            exported: false,
                            readonly: false,
                        });
                        if ro {
                            entry.readonly = true;
                        } else {
                            entry.exported = true;
                        }
                    }
                    code
                }
            }
            "unset" => {
                for a in args.iter().filter(|a| !a.starts_with('-')) {
                    if sh.vars.get(a).is_some_and(|v| v.readonly) {
                        self.shell_error(sh, Some("unset"), &format!("{a}: is read only"), sys);
                        return Some(Flow::Exit(2));
                    }
                    sh.vars.remove(a);
                    if args.iter().any(|x| x == "-f") {
                        sh.funcs.remove(a);
                    }
                }
                0
            }
            "local" => {
                let in_func = sh
                    .frames
                    .iter()
                    .any(|f| matches!(f.kind, FrameKind::Func { .. }));
                if !in_func {
                    self.shell_error(sh, Some("local"), "not in a function", sys);
                    2
                } else {
                    for a in args {
                        let (k, v) = match a.split_once('=') {
                            Some((k, v)) => (k.to_string(), Some(v.to_string())),
                            None => (a.clone(), None),
                        };
                        let prev = sh.vars.get(&k).cloned();
                        if let Some(FrameKind::Func { locals, .. }) = sh
                            .frames
                            .iter_mut()
                            .rev()
                            .map(|f| &mut f.kind)
                            .find(|k| matches!(k, FrameKind::Func { .. }))
                        {
                            locals.push((k.clone(), prev));
                        }
                        let _ = sh.set(&k, v.unwrap_or_default());
                    }
                    0
                }
            }
            "set" => {
                if args.is_empty() {
                    let mut text = String::new();
                    for (k, v) in &sh.vars {
                        text.push_str(&format!("{}='{}'\n", k, v.value));
                    }
                    say(&out, &text, sys);
                    0
                } else {
                    let mut i = 0;
                    let mut new_params = None;
                    while let Some(a) = args.get(i) {
                        if a == "--" {
                            new_params = Some(args.get(i + 1..).unwrap_or(&[]).to_vec());
                            break;
                        }
                        if (a.starts_with('-') || a.starts_with('+')) && a.len() > 1 {
                            let on = a.starts_with('-');
                            if a == "-o" || a == "+o" {
                                if let Some(opt) = args.get(i + 1) {
                                    match opt.as_str() {
                                        "errexit" => sh.errexit = on,
                                        "xtrace" => sh.xtrace = on,
                                        _ => {}
                                    }
                                }
                                i += 2;
                                continue;
                            }
                            for ch in a.chars().skip(1) {
                                match ch {
                                    'e' => sh.errexit = on,
                                    'x' => sh.xtrace = on,
                                    _ => {}
                                }
                            }
                            i += 1;
                            continue;
                        }
                        new_params = Some(args.get(i..).unwrap_or(&[]).to_vec());
                        break;
                    }
                    if let Some(p) = new_params {
                        sh.params = p;
                    }
                    0
                }
            }
            "shift" => {
                let n = args
                    .first()
                    .and_then(|a| a.parse::<usize>().ok())
                    .unwrap_or(1);
                if n > sh.params.len() {
                    self.shell_error(sh, Some("shift"), "can't shift that many", sys);
                    2
                } else {
                    sh.params.drain(..n);
                    0
                }
            }
            "exit" => {
                let code = match args.first() {
                    Some(a) => match a.parse::<i64>() {
                        Ok(n) => (n & 255) as i32,
                        Err(_) => {
                            self.shell_error(
                                sh,
                                Some("exit"),
                                &format!("Illegal number: {a}"),
                                sys,
                            );
                            2
                        }
                    },
                    None => sh.status,
                };
                return Some(Flow::Exit(code));
            }
            "return" => {
                let code = args
                    .first()
                    .and_then(|a| a.parse::<i64>().ok())
                    .map(|n| (n & 255) as i32)
                    .unwrap_or(sh.status);
                return Some(Flow::Return(code));
            }
            "break" | "continue" => {
                let n = args
                    .first()
                    .and_then(|a| a.parse::<usize>().ok())
                    .unwrap_or(1);
                return Some(if name == "break" {
                    Flow::Break(n)
                } else {
                    Flow::Continue(n)
                });
            }
            "trap" => {
                if args.is_empty() {
                    let mut text = String::new();
                    for (sig, (cmd, _)) in &sh.traps {
                        text.push_str(&format!("trap -- '{}' {}\n", cmd, signal_name(*sig)));
                    }
                    say(&out, &text, sys);
                    0
                } else {
                    let (action, sigs): (Option<&String>, &[String]) =
                        if args.len() == 1 || args.first().is_some_and(|a| a == "-") {
                            (None, if args.len() == 1 { args } else { &args[1..] })
                        } else if args
                            .first()
                            .is_some_and(|a| signal_number(a).is_some() && a.parse::<i32>().is_ok())
                        {
                            (None, args)
                        } else {
                            (args.first(), &args[1..])
                        };
                    let mut code = 0;
                    for s in sigs {
                        match signal_number(s) {
                            Some(n) => match action {
                                None => {
                                    sh.traps.remove(&n);
                                }
                                Some(cmd) => {
                                    let compiled = if cmd.is_empty() {
                                        None
                                    } else {
                                        let parsed = parse_script(cmd, 0);
                                        Some(code_of(
                                            &parsed.lines,
                                            parsed.error.as_ref(),
                                            &self.cfg,
                                            sh,
                                        ))
                                    };
                                    sh.traps.insert(n, (cmd.clone(), compiled));
                                }
                            },
                            None => {
                                self.shell_error(sh, Some("trap"), &format!("{s}: bad trap"), sys);
                                code = 1;
                            }
                        }
                    }
                    code
                }
            }
            "wait" => {
                let which = match args.first() {
                    Some(a) => {
                        let pid_arg = a.trim_start_matches('%');
                        match pid_arg.parse::<u32>() {
                            Ok(n) if a.starts_with('%') => sh
                                .jobs
                                .get(n.saturating_sub(1) as usize)
                                .copied()
                                .or(Some(u32::MAX)),
                            Ok(n) => Some(n),
                            Err(_) => Some(u32::MAX),
                        }
                    }
                    None => None,
                };
                if let Some(f) = sh.frames.last_mut() {
                    f.pc += 1;
                }
                return Some(Flow::Block(Wait::Jobs(which)));
            }
            "kill" => self.kill_builtin(pid, sh, args, &out, sys, now),
            "jobs" => {
                let mut text = String::new();
                for (n, jp) in sh.jobs.iter().enumerate() {
                    if let Some(p) = self
                        .procs
                        .iter()
                        .find(|p| p.pid == *jp && p.exited.is_none())
                    {
                        text.push_str(&format!("[{}] {:<24}{}\n", n + 1, "Running", p.cmdline));
                    }
                }
                say(&out, &text, sys);
                0
            }
            "exec" => {
                if args.is_empty() {
                    // redirections only: they apply to the shell from now on
                    sh.fds = fds.to_vec();
                    0
                } else {
                    let rest: Vec<String> = args.to_vec();
                    return Some(self.exec_builtin(pid, sh, &rest, assigns, fds, sys, now));
                }
            }
            "eval" => {
                let src = args.join(" ");
                let parsed = parse_script(&src, sh.lineno);
                let code = code_of(&parsed.lines, parsed.error.as_ref(), &self.cfg, sh);
                if sh.frames.len() >= MAX_FRAMES {
                    return Some(Flow::Exit(139));
                }
                if let Some(f) = sh.frames.last_mut() {
                    f.pc += 1;
                }
                let depth = sh.fd_stack.len();
                sh.fd_stack.push(sh.fds.clone());
                sh.fds = fds.to_vec();
                sh.status = 0;
                sh.frames.push(Frame::new(code, FrameKind::Eval, depth));
                return Some(Flow::Stay);
            }
            "." | "source" => {
                let Some(file) = args.first() else {
                    self.shell_error(sh, Some(name), "filename argument required", sys);
                    return Some(Flow::Exit(2));
                };
                match sys.read_file(&resolve_path(&sh.cwd, file)) {
                    Ok(src) => {
                        let parsed = parse_script(&src, 1);
                        let code = code_of(&parsed.lines, parsed.error.as_ref(), &self.cfg, sh);
                        if sh.frames.len() >= MAX_FRAMES {
                            return Some(Flow::Exit(139));
                        }
                        if let Some(f) = sh.frames.last_mut() {
                            f.pc += 1;
                        }
                        let depth = sh.fd_stack.len();
                        sh.fd_stack.push(sh.fds.clone());
                        sh.fds = fds.to_vec();
                        sh.status = 0;
                        sh.frames.push(Frame::new(code, FrameKind::Eval, depth));
                        return Some(Flow::Stay);
                    }
                    Err(e) => {
                        self.shell_error(
                            sh,
                            None,
                            &format!("can't open '{file}': {}", e.message()),
                            sys,
                        );
                        return Some(Flow::Exit(2));
                    }
                }
            }
            "read" => return Some(self.read_builtin(sh, args, fds, sys)),
            "type" | "command" | "which"
                if name != "which"
                    || commands::exists(self.cfg.userland, self.cfg.extra_commands, "which") =>
            {
                let (verbose_flag, names): (bool, Vec<&String>) = if name == "command" {
                    let v = args.first().is_some_and(|a| a == "-v" || a == "-V");
                    if !v {
                        // `command cmd args`: run cmd, bypassing functions (and further `command`s)
                        let rest: Vec<String> = args
                            .iter()
                            .skip_while(|a| a.as_str() == "command")
                            .cloned()
                            .collect();
                        if rest.is_empty() {
                            return Some(Flow::Next);
                        }
                        let saved = std::mem::take(&mut sh.funcs);
                        let flow = self.dispatch(pid, sh, &rest, assigns, fds, sys, now);
                        let mut saved = saved;
                        saved.append(&mut sh.funcs);
                        sh.funcs = saved;
                        return Some(flow);
                    }
                    (false, args.iter().skip(1).collect())
                } else {
                    (name == "type", args.iter().collect())
                };
                let mut code = 0;
                let mut text = String::new();
                for n in names {
                    if sh.funcs.contains_key(n.as_str()) {
                        text.push_str(&if verbose_flag {
                            format!("{n} is a function\n")
                        } else {
                            format!("{n}\n")
                        });
                    } else if commands::is_builtin(n) {
                        text.push_str(&if verbose_flag {
                            format!("{n} is a shell builtin\n")
                        } else {
                            format!("{n}\n")
                        });
                    } else if commands::exists(self.cfg.userland, self.cfg.extra_commands, n) {
                        let dir = if matches!(
                            n.as_str(),
                            "env"
                                | "wc"
                                | "head"
                                | "tail"
                                | "seq"
                                | "expr"
                                | "id"
                                | "whoami"
                                | "yes"
                                | "nslookup"
                                | "wget"
                                | "nc"
                                | "curl"
                                | "tee"
                        ) {
                            "/usr/bin"
                        } else {
                            "/bin"
                        };
                        text.push_str(&if verbose_flag {
                            format!("{n} is {dir}/{n}\n")
                        } else {
                            format!("{dir}/{n}\n")
                        });
                    } else {
                        if verbose_flag {
                            text.push_str(&format!("{n}: not found\n"));
                        }
                        code = 1;
                    }
                }
                say(&out, &text, sys);
                code
            }
            "umask" => {
                if args.is_empty() {
                    say(&out, "0022\n", sys);
                }
                0
            }
            "ulimit" => {
                if args.is_empty() {
                    say(&out, "unlimited\n", sys);
                }
                0
            }
            "alias" | "unalias" | "hash" | "times" | "getopts" | "let" | "help" | "bg" | "fg" => {
                sys.assume(&format!(
                    "the playground does not model the `{name}` builtin; assuming it exits 0"
                ));
                0
            }
            _ => return None,
        };
        sh.status = status;
        Some(self.after_command(sh))
    }

    #[allow(clippy::too_many_arguments)]
    fn exec_builtin(
        &mut self,
        pid: u32,
        sh: &mut ShellProc,
        args: &[String],
        assigns: &[(String, String)],
        fds: &[Io],
        sys: &mut dyn Sys,
        now: SimTime,
    ) -> Flow {
        // `exec cmd`: the command replaces the shell; traps are gone.
        sh.traps.clear();
        sh.jobs.clear();
        sh.tail_exec = true;
        // make this the last instruction of a single frame so that programs replace the process
        let saved_frames = std::mem::take(&mut sh.frames);
        let code = Rc::new(Code {
            insns: vec![Insn::Status(0)],
        });
        sh.frames.push(Frame::new(code, FrameKind::Top, 0));
        let flow = self.dispatch(pid, sh, args, assigns, fds, sys, now);
        match flow {
            Flow::Replace(..) => flow,
            Flow::Block(w) => {
                // a shell function or something that blocks: keep it, then exit
                let _ = saved_frames;
                Flow::Block(w)
            }
            Flow::Stay => Flow::Stay,
            _ => Flow::Exit(sh.status),
        }
    }

    fn read_builtin(
        &mut self,
        sh: &mut ShellProc,
        args: &[String],
        fds: &[Io],
        sys: &mut dyn Sys,
    ) -> Flow {
        let mut raw = false;
        let mut names = Vec::new();
        let mut prompt = None;
        let mut i = 0;
        while let Some(a) = args.get(i) {
            match a.as_str() {
                "-r" => raw = true,
                "-p" => {
                    prompt = args.get(i + 1).cloned();
                    i += 1;
                }
                "-t" | "-n" | "-u" | "-d" => {
                    i += 1;
                }
                s if s.starts_with('-') && names.is_empty() => {}
                s => names.push(s.to_string()),
            }
            i += 1;
        }
        let _ = prompt;
        let line = match fds.first() {
            Some(Io::Stream(st)) => {
                let mut b = st.borrow_mut();
                let unread = b.unread().to_string();
                match unread.find('\n') {
                    Some(n) => {
                        b.pos += n + 1;
                        Some(unread[..n].to_string())
                    }
                    None if b.writers > 0 => {
                        drop(b);
                        return Flow::Block(Wait::StreamLine(st.clone()));
                    }
                    None => {
                        b.pos = b.buf.len();
                        if unread.is_empty() {
                            None
                        } else {
                            Some(unread)
                        }
                    }
                }
            }
            Some(Io::Tty) => {
                // nothing is ever typed: wait forever
                if let Some(f) = sh.frames.last_mut() {
                    f.pc += 1;
                }
                return Flow::Block(Wait::Forever);
            }
            _ => None,
        };
        let _ = sys;
        if names.is_empty() {
            names.push("REPLY".into());
        }
        let status = if line.is_some() { 0 } else { 1 };
        let text = line.unwrap_or_default();
        let text = if raw { text } else { text.replace("\\", "") };
        let ifs_split: Vec<&str> = text.split([' ', '\t']).filter(|s| !s.is_empty()).collect();
        for (k, n) in names.iter().enumerate() {
            let v = if k + 1 == names.len() {
                // the last name takes the rest of the line
                let mut rest = text.trim_start_matches([' ', '\t']).to_string();
                for w in ifs_split.iter().take(k) {
                    rest = rest
                        .trim_start_matches([' ', '\t'])
                        .strip_prefix(w)
                        .unwrap_or(&rest)
                        .to_string();
                }
                rest.trim_matches([' ', '\t']).to_string()
            } else {
                ifs_split.get(k).map(|s| s.to_string()).unwrap_or_default()
            };
            let _ = sh.set(n, v);
        }
        sh.status = status;
        self.after_command(sh)
    }

    fn kill_builtin(
        &mut self,
        pid: u32,
        sh: &mut ShellProc,
        args: &[String],
        out: &Io,
        sys: &mut dyn Sys,
        now: SimTime,
    ) -> i32 {
        let mut sig = 15;
        let mut targets = Vec::new();
        let mut i = 0;
        while let Some(a) = args.get(i) {
            if a == "-l" {
                write_io(out, &kill_list(), sys);
                return 0;
            }
            if a == "-s" || a == "-n" {
                if let Some(s) = args.get(i + 1).and_then(|s| signal_number(s)) {
                    sig = s;
                }
                i += 2;
                continue;
            }
            if let Some(spec) = a.strip_prefix('-') {
                if targets.is_empty() && !spec.is_empty() {
                    match signal_number(spec) {
                        Some(s) => sig = s,
                        None => {
                            self.shell_error(
                                sh,
                                Some("kill"),
                                &format!("bad signal name '{spec}'"),
                                sys,
                            );
                            return 1;
                        }
                    }
                    i += 1;
                    continue;
                }
            }
            targets.push(a.clone());
            i += 1;
        }
        if targets.is_empty() {
            self.shell_error(sh, Some("kill"), "usage: kill [-s sigspec | -signum | -sigspec] [pid | job]... or\nkill -l [exitstatus]", sys);
            return 1;
        }
        let mut code = 0;
        for t in targets {
            let target_pid = if let Some(job) = t.strip_prefix('%') {
                match job
                    .parse::<usize>()
                    .ok()
                    .and_then(|n| sh.jobs.get(n.wrapping_sub(1)).copied())
                {
                    Some(p) if self.procs.iter().any(|q| q.pid == p && q.exited.is_none()) => p,
                    _ => {
                        self.shell_error(sh, Some("kill"), &format!("{t}: no such job"), sys);
                        code = 2;
                        continue;
                    }
                }
            } else {
                match t.parse::<u32>() {
                    Ok(p) => p,
                    Err(_) => {
                        self.shell_error(sh, Some("kill"), &format!("invalid number '{t}'"), sys);
                        code = 1;
                        continue;
                    }
                }
            };
            if target_pid == sh.shell_pid || target_pid == pid {
                // the shell signals itself
                if sig == 0 {
                    continue;
                }
                match sh.traps.get(&sig) {
                    Some((cmd, _)) if cmd.is_empty() => {}
                    Some(_) => sh.pending_sigs.push(sig),
                    None => {
                        if sig == 9 || !(self.cfg.pid1 && target_pid == 1) {
                            sh.status = 128 + sig;
                            // the shell dies now
                            if let Some(i) = self.index_of(pid) {
                                self.procs[i].doomed = Some((128 + sig, now));
                            }
                        }
                    }
                }
                continue;
            }
            if let Some(i) = self
                .index_of(target_pid)
                .filter(|&i| self.procs[i].exited.is_none())
            {
                if sig != 0 {
                    self.signal_proc(i, sig, now);
                }
                continue;
            }
            // another container's process (shared PID namespace)
            let table = sys.process_table();
            if let Some((_, info)) = table.iter().find(|(p, _)| *p == target_pid) {
                let s = match sig {
                    9 => Some(Signal::Kill),
                    15 => Some(Signal::Term),
                    3 => Some(Signal::Quit),
                    _ => None,
                };
                if let Some(s) = s {
                    sys.signal_process(&info.command, s);
                }
                continue;
            }
            self.shell_error(
                sh,
                None,
                &format!("can't kill pid {target_pid}: No such process"),
                sys,
            );
            code = 1;
        }
        code
    }

    /// Delivers a signal to one of this shell's processes.
    fn signal_proc(&mut self, i: usize, sig: i32, now: SimTime) {
        let Some(p) = self.procs.get_mut(i) else {
            return;
        };
        match &mut p.body {
            Body::Prog(prog) => {
                let s = match sig {
                    9 => Signal::Kill,
                    3 => Signal::Quit,
                    _ => Signal::Term,
                };
                match prog.signal(s) {
                    SignalOutcome::Exit { code, after_ms } => {
                        let code = if sig != 9 && sig != 15 && sig != 3 {
                            128 + sig
                        } else {
                            code
                        };
                        p.doomed = Some((code, now.saturating_add(after_ms)));
                    }
                    SignalOutcome::Handled => p.wait = Wait::Ready,
                    SignalOutcome::Ignore => {}
                }
            }
            Body::Shell(sh) => {
                if sig == 9 {
                    p.doomed = Some((137, now));
                    return;
                }
                match sh.traps.get(&sig) {
                    Some((cmd, _)) if cmd.is_empty() => {}
                    Some(_) => {
                        sh.pending_sigs.push(sig);
                        if matches!(p.wait, Wait::Jobs(_)) {
                            p.wait = Wait::Ready;
                        }
                    }
                    None => p.doomed = Some((128 + sig, now)),
                }
            }
            Body::Gone => {}
        }
    }
}

enum RunEnd {
    Blocked(Wait),
    Budget,
    Exited(i32),
    Replaced(Box<dyn Program>, String),
}

/// A shell starts with the container's environment as exported variables, plus the
/// defaults a container runtime sets (`PATH`, `HOME`, `HOSTNAME`).
fn import_environment(sh: &mut ShellProc, sys: &dyn Sys) {
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

fn restore_locals(sh: &mut ShellProc, locals: Vec<(String, Option<Var>)>) {
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
fn code_of(
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
fn exported_env(
    sh: &ShellProc,
    assigns: &[(String, String)],
    sys: &dyn Sys,
) -> Vec<(String, String)> {
    let mut env: BTreeMap<String, String> = sys.environ().into_iter().collect();
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
fn is_standard_path(path: &str, userland: super::Userland, extra: &[&str]) -> bool {
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
        let Some(i) = self
            .procs
            .iter()
            .position(|p| p.exited.is_none() && p.ports.iter().any(|(port, _)| *port == req.port))
        else {
            return HttpResponse {
                status: 404,
                body: String::new(),
            };
        };
        let body = std::mem::replace(&mut self.procs[i].body, Body::Gone);
        let Body::Prog(mut prog) = body else {
            self.procs[i].body = body;
            return HttpResponse {
                status: 404,
                body: String::new(),
            };
        };
        let mut ports = std::mem::take(&mut self.procs[i].ports);
        let mut cs = ChildSys {
            inner: sys,
            out: self.procs[i].io[1].clone(),
            err: self.procs[i].io[2].clone(),
            mem: self.procs[i].mem,
            cpu: self.procs[i].cpu,
            ports: &mut ports,
            broken: false,
        };
        let r = prog.serve(req, &mut cs);
        let (mem, cpu) = (cs.mem, cs.cpu);
        let p = &mut self.procs[i];
        p.ports = ports;
        p.mem = mem;
        p.cpu = cpu;
        p.body = Body::Prog(prog);
        r
    }

    fn signal(&mut self, signal: Signal) -> SignalOutcome {
        let Some(main) = self.procs.iter().position(|p| p.is_main) else {
            return SignalOutcome::Exit {
                code: 143,
                after_ms: 0,
            };
        };
        let pid1 = self.cfg.pid1;
        let p = &mut self.procs[main];
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
                    Signal::Kill => {
                        return SignalOutcome::Exit {
                            code: 137,
                            after_ms: 0,
                        }
                    }
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
                    None => SignalOutcome::Exit {
                        code: 128 + sig,
                        after_ms: 0,
                    },
                }
            }
            Body::Gone => SignalOutcome::Exit {
                code: 143,
                after_ms: 0,
            },
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
