//! The shell's builtins as a table from name to function: the dispatcher looks a command up here
//! before applets and programs. Each function gets the call (its arguments, assignments and file
//! descriptors) and says what happened: an exit status, a change of control flow, or that the name
//! is not a builtin in this image after all (`which` exists only where the userland has it).

use super::*;

/// A builtin's call: the command's name and arguments, its prefix assignments, its file
/// descriptors (`out` and `err` are 1 and 2) and the time.
pub(super) struct Call<'a> {
    pub(super) pid: u32,
    pub(super) name: &'a str,
    /// `argv[1..]`.
    pub(super) args: &'a [String],
    pub(super) assigns: &'a [(String, String)],
    pub(super) fds: &'a [Io],
    pub(super) out: Io,
    pub(super) err: Io,
    pub(super) now: SimTime,
}

/// What a builtin did.
pub(super) enum Done {
    /// It ran and exited with this status; the script goes on.
    Status(i32),
    /// It changed the flow (`exit`, `return`, `break`, `eval`, a wait, …).
    Flow(Flow),
    /// Not a builtin here: look the command up elsewhere.
    Pass,
}

type Builtin = fn(&mut Shell, &mut ShellProc, &Call, &mut dyn Sys) -> Done;

/// Every builtin by name, sorted by name for the binary search (a busy loop looks a name up
/// at each of its steps).
static BUILTINS: &[(&str, Builtin)] = &[
    (".", b_dot),
    (":", b_true),
    ("[", b_test),
    ("[[", b_test),
    ("alias", b_unmodelled),
    ("bg", b_unmodelled),
    ("break", b_break),
    ("cd", b_cd),
    ("command", b_type),
    ("continue", b_break),
    ("echo", b_echo),
    ("eval", b_eval),
    ("exec", b_exec),
    ("exit", b_exit),
    ("export", b_export),
    ("false", b_false),
    ("fg", b_unmodelled),
    ("getopts", b_unmodelled),
    ("hash", b_unmodelled),
    ("help", b_unmodelled),
    ("jobs", b_jobs),
    ("kill", b_kill),
    ("let", b_unmodelled),
    ("local", b_local),
    ("printf", b_printf),
    ("pwd", b_pwd),
    ("read", b_read),
    ("readonly", b_export),
    ("return", b_return),
    ("set", b_set),
    ("shift", b_shift),
    ("source", b_dot),
    ("test", b_test),
    ("times", b_unmodelled),
    ("trap", b_trap),
    ("true", b_true),
    ("type", b_type),
    ("ulimit", b_limits),
    ("umask", b_limits),
    ("unalias", b_unmodelled),
    ("unset", b_unset),
    ("wait", b_wait),
    ("which", b_type),
];

/// Whether `name` is a shell builtin (`which` is in the table only because `type` implements it
/// where the userland has the command).
pub(crate) fn is_builtin(name: &str) -> bool {
    name != "which" && find(name).is_some()
}

/// The builtin named `name`.
fn find(name: &str) -> Option<Builtin> {
    let i = BUILTINS.binary_search_by(|(n, _)| (*n).cmp(name)).ok()?;
    BUILTINS.get(i).map(|(_, run)| *run)
}

/// POSIX special builtins (ash refuses them as function names: `bad function name`).
pub(crate) fn is_special_builtin(name: &str) -> bool {
    matches!(
        name,
        "break"
            | ":"
            | "."
            | "continue"
            | "eval"
            | "exec"
            | "exit"
            | "export"
            | "readonly"
            | "return"
            | "set"
            | "shift"
            | "times"
            | "trap"
            | "unset"
    )
}

/// Writes to a builtin's output; false when the pipe's reader is gone (the builtin dies of
/// SIGPIPE).
fn say(io: &Io, text: &str, sys: &mut dyn Sys) -> bool {
    write_io(io, text, sys) != Wrote::BrokenPipe
}

impl Shell {
    /// Runs `name` as a builtin; `None` when it is not one.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn builtin(
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
        let run = find(name)?;
        let call = Call {
            pid,
            name,
            args: argv.get(1..).unwrap_or(&[]),
            assigns,
            fds,
            out: fds.get(1).cloned().unwrap_or(Io::Closed),
            err: fds.get(2).cloned().unwrap_or(Io::Closed),
            now,
        };
        match run(self, sh, &call, sys) {
            Done::Status(status) => {
                sh.status = status;
                Some(self.after_command(sh))
            }
            Done::Flow(flow) => Some(flow),
            Done::Pass => None,
        }
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
                            if let Some(p) = self.procs.iter_mut().find(|p| p.pid == pid) {
                                p.doomed = Some((128 + sig, now));
                            }
                        }
                    }
                }
                continue;
            }
            if let Some(i) = self
                .index_of(target_pid)
                .filter(|&i| self.procs.get(i).is_some_and(|p| p.exited.is_none()))
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

/// `: true`.
fn b_true(_shell: &mut Shell, _sh: &mut ShellProc, _c: &Call, _sys: &mut dyn Sys) -> Done {
    Done::Status(0)
}

/// `false`.
fn b_false(_shell: &mut Shell, _sh: &mut ShellProc, _c: &Call, _sys: &mut dyn Sys) -> Done {
    Done::Status(1)
}

/// `echo`.
fn b_echo(_shell: &mut Shell, _sh: &mut ShellProc, c: &Call, sys: &mut dyn Sys) -> Done {
    let args = c.args;
    let out = c.out.clone();
    Done::Status({
        let text = applets::echo(args);
        if !say(&out, &text, sys) {
            return Done::Flow(Flow::Exit(141));
        }
        0
    })
}

/// `printf`.
fn b_printf(shell: &mut Shell, sh: &mut ShellProc, c: &Call, sys: &mut dyn Sys) -> Done {
    let args = c.args;
    let out = c.out.clone();
    let err = c.err.clone();
    Done::Status({
        let (text, errs, code) = applets::printf(args);
        for e in errs {
            let msg = format!(
                "{}{e}\n",
                if shell.cfg.flavor == Flavor::Ash {
                    format!("{}: ", sh.arg0)
                } else {
                    "printf: ".into()
                }
            );
            say(&err, &msg, sys);
        }
        if !say(&out, &text, sys) {
            return Done::Flow(Flow::Exit(141));
        }
        code
    })
}

/// `test [ [[`.
fn b_test(shell: &mut Shell, sh: &mut ShellProc, c: &Call, sys: &mut dyn Sys) -> Done {
    let name = c.name;
    let args = c.args;
    let err = c.err.clone();
    Done::Status({
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
                let m = match shell.cfg.flavor {
                    Flavor::Ash => format!("{}: {msg}\n", sh.arg0),
                    _ => {
                        let body = match msg.strip_suffix(": bad number") {
                            Some(n) => format!("Illegal number: {n}"),
                            None => msg,
                        };
                        format!("{}{body}\n", shell.err_prefix(sh, Some(name)))
                    }
                };
                say(&err, &m, sys);
                2
            }
        }
    })
}

/// `cd`.
fn b_cd(shell: &mut Shell, sh: &mut ShellProc, c: &Call, sys: &mut dyn Sys) -> Done {
    let args = c.args;
    Done::Status({
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
                let msg = if shell.cfg.flavor == Flavor::Dash {
                    format!("can't cd to {target}")
                } else {
                    format!("can't cd to {target}: {why}")
                };
                shell.shell_error(sh, Some("cd"), &msg, sys);
                2
            }
        }
    })
}

/// `pwd`.
fn b_pwd(_shell: &mut Shell, sh: &mut ShellProc, c: &Call, sys: &mut dyn Sys) -> Done {
    let out = c.out.clone();
    Done::Status({
        say(&out, &format!("{}\n", sh.cwd), sys);
        0
    })
}

/// `export readonly`.
fn b_export(shell: &mut Shell, sh: &mut ShellProc, c: &Call, sys: &mut dyn Sys) -> Done {
    let name = c.name;
    let args = c.args;
    let out = c.out.clone();
    Done::Status({
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
                    shell.shell_error(sh, Some(name), &format!("bad variable name '{k}'"), sys);
                    code = 2;
                    continue;
                }
                if let Some(v) = v {
                    if let Err(e) = sh.set(&k, v) {
                        shell.shell_error(sh, None, &e, sys);
                        return Done::Flow(Flow::Exit(2));
                    }
                } else if !sh.vars.contains_key(&k) {
                    if let Some(ev) = sys.env(&k) {
                        let _ = sh.set(&k, ev);
                    }
                }
                let entry = sh.vars.get_or_insert_with(k, || Var {
                    value: String::new(),
                    exported: false,
                    readonly: false,
                });
                if let Some(entry) = entry {
                    if ro {
                        entry.readonly = true;
                    } else {
                        entry.exported = true;
                    }
                }
            }
            code
        }
    })
}

/// `unset`.
fn b_unset(shell: &mut Shell, sh: &mut ShellProc, c: &Call, sys: &mut dyn Sys) -> Done {
    let args = c.args;
    Done::Status({
        for a in args.iter().filter(|a| !a.starts_with('-')) {
            if sh.vars.get(a).is_some_and(|v| v.readonly) {
                shell.shell_error(sh, Some("unset"), &format!("{a}: is read only"), sys);
                return Done::Flow(Flow::Exit(2));
            }
            sh.vars.remove(a);
            if args.iter().any(|x| x == "-f") {
                sh.funcs.remove(a);
            }
        }
        0
    })
}

/// `local`.
fn b_local(shell: &mut Shell, sh: &mut ShellProc, c: &Call, sys: &mut dyn Sys) -> Done {
    let args = c.args;
    Done::Status({
        let in_func = sh
            .frames
            .iter()
            .any(|f| matches!(f.kind, FrameKind::Func { .. }));
        if !in_func {
            shell.shell_error(sh, Some("local"), "not in a function", sys);
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
    })
}

/// `set`.
fn b_set(_shell: &mut Shell, sh: &mut ShellProc, c: &Call, sys: &mut dyn Sys) -> Done {
    let args = c.args;
    let out = c.out.clone();
    Done::Status({
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
    })
}

/// `shift`.
fn b_shift(shell: &mut Shell, sh: &mut ShellProc, c: &Call, sys: &mut dyn Sys) -> Done {
    let args = c.args;
    Done::Status({
        let n = args
            .first()
            .and_then(|a| a.parse::<usize>().ok())
            .unwrap_or(1);
        if n > sh.params.len() {
            shell.shell_error(sh, Some("shift"), "can't shift that many", sys);
            2
        } else {
            sh.params.drain(..n);
            0
        }
    })
}

/// `exit`.
fn b_exit(shell: &mut Shell, sh: &mut ShellProc, c: &Call, sys: &mut dyn Sys) -> Done {
    let args = c.args;
    let code = match args.first() {
        Some(a) => match a.parse::<i64>() {
            Ok(n) => (n & 255) as i32,
            Err(_) => {
                shell.shell_error(sh, Some("exit"), &format!("Illegal number: {a}"), sys);
                2
            }
        },
        None => sh.status,
    };
    Done::Flow(Flow::Exit(code))
}

/// `return`.
fn b_return(_shell: &mut Shell, sh: &mut ShellProc, c: &Call, _sys: &mut dyn Sys) -> Done {
    let args = c.args;
    let code = args
        .first()
        .and_then(|a| a.parse::<i64>().ok())
        .map(|n| (n & 255) as i32)
        .unwrap_or(sh.status);
    Done::Flow(Flow::Return(code))
}

/// `break continue`.
fn b_break(_shell: &mut Shell, _sh: &mut ShellProc, c: &Call, _sys: &mut dyn Sys) -> Done {
    let name = c.name;
    let args = c.args;
    let n = args
        .first()
        .and_then(|a| a.parse::<usize>().ok())
        .unwrap_or(1);
    Done::Flow(if name == "break" {
        Flow::Break(n)
    } else {
        Flow::Continue(n)
    })
}

/// `trap`.
fn b_trap(shell: &mut Shell, sh: &mut ShellProc, c: &Call, sys: &mut dyn Sys) -> Done {
    let args = c.args;
    let out = c.out.clone();
    Done::Status({
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
                    (
                        None,
                        if args.len() == 1 {
                            args
                        } else {
                            args.get(1..).unwrap_or_default()
                        },
                    )
                } else if args
                    .first()
                    .is_some_and(|a| signal_number(a).is_some() && a.parse::<i32>().is_ok())
                {
                    (None, args)
                } else {
                    (args.first(), args.get(1..).unwrap_or_default())
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
                                    &shell.cfg,
                                    sh,
                                ))
                            };
                            sh.traps.insert(n, (cmd.clone(), compiled));
                        }
                    },
                    None => {
                        shell.shell_error(sh, Some("trap"), &format!("{s}: bad trap"), sys);
                        code = 1;
                    }
                }
            }
            code
        }
    })
}

/// `wait`.
fn b_wait(_shell: &mut Shell, sh: &mut ShellProc, c: &Call, _sys: &mut dyn Sys) -> Done {
    let args = c.args;
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
    Done::Flow(Flow::Block(Wait::Jobs(which)))
}

/// `kill`.
fn b_kill(shell: &mut Shell, sh: &mut ShellProc, c: &Call, sys: &mut dyn Sys) -> Done {
    let pid = c.pid;
    let args = c.args;
    let now = c.now;
    let out = c.out.clone();
    Done::Status(shell.kill_builtin(pid, sh, args, &out, sys, now))
}

/// `jobs`.
fn b_jobs(shell: &mut Shell, sh: &mut ShellProc, c: &Call, sys: &mut dyn Sys) -> Done {
    let out = c.out.clone();
    Done::Status({
        let mut text = String::new();
        for (n, jp) in sh.jobs.iter().enumerate() {
            if let Some(p) = shell
                .procs
                .iter()
                .find(|p| p.pid == *jp && p.exited.is_none())
            {
                text.push_str(&format!("[{}] {:<24}{}\n", n + 1, "Running", p.cmdline));
            }
        }
        say(&out, &text, sys);
        0
    })
}

/// `exec`.
fn b_exec(shell: &mut Shell, sh: &mut ShellProc, c: &Call, sys: &mut dyn Sys) -> Done {
    let pid = c.pid;
    let args = c.args;
    let assigns = c.assigns;
    let fds = c.fds;
    let now = c.now;
    Done::Status({
        if args.is_empty() {
            // redirections only: they apply to the shell from now on
            sh.fds = fds.to_vec();
            0
        } else {
            let rest: Vec<String> = args.to_vec();
            return Done::Flow(shell.exec_builtin(pid, sh, &rest, assigns, fds, sys, now));
        }
    })
}

/// `eval`.
fn b_eval(shell: &mut Shell, sh: &mut ShellProc, c: &Call, _sys: &mut dyn Sys) -> Done {
    let line = sh.lineno;
    run_source(shell, sh, &c.args.join(" "), line, c.fds)
}

/// Runs `src` in the current shell (`eval`, `.`): a new frame over the current one, with the
/// command's redirections until it ends.
fn run_source(shell: &Shell, sh: &mut ShellProc, src: &str, line: u32, fds: &[Io]) -> Done {
    let parsed = parse_script(src, line);
    let code = code_of(&parsed.lines, parsed.error.as_ref(), &shell.cfg, sh);
    if sh.frames.len() >= MAX_FRAMES {
        return Done::Flow(Flow::Exit(139));
    }
    if let Some(f) = sh.frames.last_mut() {
        f.pc += 1;
    }
    let depth = sh.fd_stack.len();
    sh.fd_stack.push(sh.fds.clone());
    sh.fds = fds.to_vec();
    sh.status = 0;
    sh.frames.push(Frame::new(code, FrameKind::Eval, depth));
    Done::Flow(Flow::Stay)
}

/// `. source`.
fn b_dot(shell: &mut Shell, sh: &mut ShellProc, c: &Call, sys: &mut dyn Sys) -> Done {
    let name = c.name;
    let args = c.args;
    let fds = c.fds;
    let Some(file) = args.first() else {
        shell.shell_error(sh, Some(name), "filename argument required", sys);
        return Done::Flow(Flow::Exit(2));
    };
    match sys.read_file(&resolve_path(&sh.cwd, file)) {
        Ok(src) => run_source(shell, sh, &src, 1, fds),
        Err(e) => {
            shell.shell_error(
                sh,
                None,
                &format!("can't open '{file}': {}", e.message()),
                sys,
            );
            Done::Flow(Flow::Exit(2))
        }
    }
}

/// `read`.
fn b_read(shell: &mut Shell, sh: &mut ShellProc, c: &Call, sys: &mut dyn Sys) -> Done {
    let args = c.args;
    let fds = c.fds;
    Done::Flow(shell.read_builtin(sh, args, fds, sys))
}

/// `type command which`.
fn b_type(shell: &mut Shell, sh: &mut ShellProc, c: &Call, sys: &mut dyn Sys) -> Done {
    let pid = c.pid;
    let name = c.name;
    let args = c.args;
    let assigns = c.assigns;
    let fds = c.fds;
    let now = c.now;
    let out = c.out.clone();
    if !(name != "which" || commands::exists(shell.cfg.userland, shell.cfg.extra_commands, "which"))
    {
        return Done::Pass;
    }
    Done::Status({
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
                    return Done::Flow(Flow::Next);
                }
                let saved = std::mem::take(&mut sh.funcs);
                let flow = shell.dispatch(pid, sh, &rest, assigns, fds, sys, now);
                let mut saved = saved;
                saved.append(&mut sh.funcs);
                sh.funcs = saved;
                return Done::Flow(flow);
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
            } else if is_builtin(n) {
                text.push_str(&if verbose_flag {
                    format!("{n} is a shell builtin\n")
                } else {
                    format!("{n}\n")
                });
            } else if let Some(full) = match super::search_path(&shell.cfg, (sh.get("PATH").as_deref(), &sh.cwd), n, sys) {
                super::Search::Program(full) => Some(full),
                super::Search::Unmodelled => Some(format!("{}/{n}", crate::programs::command_dir(&shell.cfg.image, shell.cfg.userland, n)))
                    .filter(|full| commands::exists(shell.cfg.userland, shell.cfg.extra_commands, n) || sys.program_links(full).is_some()),
                super::Search::NotExecutable | super::Search::Missing => None,
            } {
                text.push_str(&if verbose_flag {
                    format!("{n} is {full}\n")
                } else {
                    format!("{full}\n")
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
    })
}

/// `umask`, `ulimit`: a default container's values, printed when asked.
fn b_limits(_shell: &mut Shell, _sh: &mut ShellProc, c: &Call, sys: &mut dyn Sys) -> Done {
    if c.args.is_empty() {
        let text = if c.name == "umask" {
            "0022\n"
        } else {
            "unlimited\n"
        };
        say(&c.out, text, sys);
    }
    Done::Status(0)
}

/// `alias unalias hash times getopts let help bg fg`: not modelled, said so, exit 0.
fn b_unmodelled(_shell: &mut Shell, _sh: &mut ShellProc, c: &Call, sys: &mut dyn Sys) -> Done {
    sys.assume(crate::diag::Text::new(
        format!(
            "the playground does not model the `{}` builtin; assuming it exits 0",
            c.name
        ),
        format!("playground 没有模拟内建命令 `{}`；假定它以 0 退出", c.name),
    ));
    Done::Status(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn the_table_is_sorted_for_the_binary_search() {
        assert!(BUILTINS.windows(2).all(|w| w[0].0 < w[1].0));
        for (name, _) in BUILTINS {
            assert!(find(name).is_some(), "{name}");
        }
        assert!(is_builtin(":") && is_builtin("[[") && is_builtin("ulimit"));
        assert!(!is_builtin("which") && !is_builtin("3leep") && !is_builtin(""));
    }
}
