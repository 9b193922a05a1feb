//! The interpreter proper: the instruction loop over a process's frames, expansion,
//! redirections, simple commands and how a command name is looked up (function, builtin,
//! applet, the image's programs, a script file).

use super::*;

impl Shell {
    pub(super) fn run_shell(
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
                    } => leave_function(sh, saved_params, locals),
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
                                leave_function(sh, saved_params, locals);
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

    pub(super) fn do_break(&mut self, sh: &mut ShellProc, n: usize, cont: bool) {
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

    pub(super) fn shell_exit(
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

    pub(super) fn arg0_of(&self, sh: &ShellProc) -> String {
        sh.arg0.clone()
    }

    /// The prefix of the shell's own error messages (ash's `ash_vmsg`, dash's `exverror`).
    pub(super) fn err_prefix(&self, sh: &ShellProc, builtin: Option<&str>) -> String {
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

    pub(super) fn shell_error(
        &self,
        sh: &ShellProc,
        builtin: Option<&str>,
        msg: &str,
        sys: &mut dyn Sys,
    ) {
        let text = format!("{}{}\n", self.err_prefix(sh, builtin), msg);
        let err = sh.fd(2);
        write_io(&err, &text, sys);
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn exec_insn(
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
                push_loop(sh, *cont, *brk, None);
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
                push_loop(sh, *cont, *brk, Some((var.clone(), items, 0)));
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
                let cmdline = self.cmdline_of(pid);
                match self.spawn_shell(pid, child, cmdline, false) {
                    Ok(c) => wait_for(sh, c),
                    Err(()) => self.fork_failed(sh, sys),
                }
            }
            Insn::Background(code, text) => {
                let mut child = sh.fork(code.clone());
                // a background job of a non-interactive shell reads /dev/null
                if matches!(child.fds.first(), Some(Io::Tty)) {
                    set_fd(&mut child.fds, 0, Io::Null);
                }
                let cmdline = if single_simple(code).is_some() {
                    text.clone()
                } else {
                    self.cmdline_of(pid)
                };
                match self.spawn_shell(pid, child, cmdline, true) {
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
                            set_fd(&mut child.fds, 0, Io::Stream(p.clone()));
                        }
                    }
                    if k + 1 < n {
                        if let Some(p) = pipes.get(k) {
                            set_fd(&mut child.fds, 1, Io::Stream(p.clone()));
                        }
                    }
                    let text = texts.get(k).cloned().unwrap_or_default();
                    let cmdline = if single_simple(code).is_some() && !text.is_empty() {
                        text
                    } else {
                        self.cmdline_of(pid)
                    };
                    match self.spawn_shell(pid, child, cmdline, false) {
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

    pub(super) fn fork_failed(&mut self, sh: &mut ShellProc, sys: &mut dyn Sys) -> Flow {
        self.shell_error(
            sh,
            None,
            "can't fork: Resource temporarily unavailable",
            sys,
        );
        sys.assume(crate::diag::Text::new(
            format!("a shell may have at most {MAX_PROCS} processes in the playground"),
            format!("在 playground 里一个 shell 最多只能有 {MAX_PROCS} 个进程"),
        ));
        Flow::Exit(2)
    }

    /// Expands with the command-substitution protocol: returns the value, or the flow to
    /// take (run a substitution and come back, or die of an expansion error).
    pub(super) fn expand<X>(
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
            let env = Env {
                vars: &lookup,
                params: &sh.params,
                arg0: &sh.arg0,
                status: sh.status,
                pid: sh.shell_pid,
                last_bg: sh.last_bg,
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
                set_fd(&mut child.fds, 1, Io::Stream(cap.clone()));
                let cmdline = self.cmdline_of(pid);
                match self.spawn_shell(pid, child, cmdline, false) {
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
    pub(super) fn prepare_redirs(
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

    pub(super) fn open_redir(
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
                    set_fd(fds, 1, io.clone());
                    set_fd(fds, 2, io);
                } else {
                    set_fd(fds, fd, io);
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
                set_fd(fds, fd, io);
            }
            RedirOp::Dup => {
                if target == "-" {
                    set_fd(fds, fd, Io::Closed);
                } else {
                    let Ok(src) = target.parse::<usize>() else {
                        return Err(format!("{target}: bad file descriptor"));
                    };
                    match fds.get(src).cloned() {
                        Some(Io::Closed) | None => {
                            return Err(format!("{src}: bad file descriptor"))
                        }
                        Some(io) => set_fd(fds, fd, io),
                    }
                }
            }
            RedirOp::Heredoc { .. } => {
                set_fd(
                    fds,
                    fd,
                    Io::Stream(Rc::new(RefCell::new(Stream::data(target.to_string())))),
                );
            }
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn simple(
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
        // The expanded command is taken out while it runs and put back when it stays pending
        // (`dispatch` itself never replaces `sh.pending`).
        let Some(ready) = sh.pending.as_mut().and_then(|p| p.ready.take()) else {
            return Flow::Next;
        };
        if sh.xtrace
            && !matches!(
                sh.pending.as_ref().map(|p| p.subst_status),
                Some(Some(-999))
            )
        {
            let line = format!("+ {}\n", ready.argv.join(" "));
            write_io(&ready.fds.get(2).cloned().unwrap_or(Io::LogErr), &line, sys);
            if let Some(p) = sh.pending.as_mut() {
                p.subst_status = Some(-999);
            }
        }
        let flow = self.dispatch(pid, sh, &ready.argv, &ready.assigns, &ready.fds, sys, now);
        if matches!(
            flow,
            Flow::Stay
                | Flow::Block(Wait::StreamEof(_) | Wait::StreamLine(_) | Wait::StreamLines(..))
        ) {
            if let Some(p) = sh.pending.as_mut() {
                p.ready = Some(ready);
            }
        } else {
            sh.pending = None;
        }
        flow
    }

    /// After a command finished in place: `set -e` check, then the next instruction.
    pub(super) fn after_command(&mut self, sh: &mut ShellProc) -> Flow {
        if sh.errexit && sh.status != 0 {
            return Flow::Exit(sh.status);
        }
        Flow::Next
    }

    pub(super) fn is_tail(&self, sh: &ShellProc) -> bool {
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
    pub(super) fn dispatch(
        &mut self,
        pid: u32,
        sh: &mut ShellProc,
        argv: &[String],
        assigns: &[(String, String)],
        fds: &[Io],
        sys: &mut dyn Sys,
        now: SimTime,
    ) -> Flow {
        let Some(name) = argv.first() else {
            return Flow::Next;
        };
        // functions come first
        if let Some(code) = sh.funcs.get(name).cloned() {
            if sh.frames.len() >= MAX_FRAMES {
                sys.assume(crate::diag::Text::new(
                    format!("functions nested more than {MAX_FRAMES} deep: ash would run out of stack and crash (Segmentation fault)"),
                    format!("函数嵌套超过 {MAX_FRAMES} 层：ash 会耗尽栈而崩溃（Segmentation fault）"),
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
        if self.missing.as_deref() == Some(argv) {
            return self.not_found(sh, name, false, fds, sys);
        }
        if let Some(flow) = self.builtin(pid, sh, name, argv, assigns, fds, sys, now) {
            return flow;
        }
        let stdin_io = fds.first().cloned().unwrap_or(Io::Closed);
        let is_direct_exec = sh.direct;

        // availability in this image
        let cmd_base = name.rsplit('/').next().unwrap_or(name).to_string();
        let is_path = name.contains('/');
        let searched = if is_path {
            Search::Unmodelled
        } else {
            search_path(&self.cfg, (sh.get("PATH").as_deref(), &sh.cwd), name, sys)
        };
        match searched {
            Search::Missing => {
                self.missing = Some(argv.to_vec());
                return self.not_found(sh, name, false, fds, sys);
            }
            // the container's runtime looks a command up with Go's exec.LookPath, which skips
            // files that are not executable
            Search::NotExecutable if sh.direct => return self.not_found(sh, name, false, fds, sys),
            Search::NotExecutable => return self.exec_failed(sh, name, fds, sys),
            Search::Program(_) | Search::Unmodelled => {}
        }
        if let Some(found) = self.cfg.resolver.as_ref().and_then(|r| r(argv, false)) {
            return self.start_found(pid, sh, found, (argv, assigns), fds, sys);
        }
        let in_fs = is_path && sys.kind(&resolve_path(&sh.cwd, name)) == Some(FileKind::File);
        let standard =
            is_path && is_standard_path(name, self.cfg.userland, self.cfg.extra_commands);
        let available = if is_path {
            in_fs || standard
        } else {
            searched != Search::Unmodelled || commands::exists(self.cfg.userland, self.cfg.extra_commands, &cmd_base)
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
            let child = Shell::file(cfg, "sh", name, argv.get(1..).unwrap_or_default());
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
            // applets run with the assignments in their environment, built only for those that
            // read it (a busy loop runs an applet a million times)
            let env = if applets::reads_env(&cmd_base) {
                exported_env(sh, assigns, sys)
            } else {
                Vec::new()
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
                gnu: self.cfg.userland == crate::shell::Userland::Debian,
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
                        return self.start_found(pid, sh, found, (argv, assigns), fds, sys);
                    }
                    sys.assume(crate::diag::Text::new(
                        format!("the playground does not model `{cmd_base}`; assuming it exits 0"),
                        format!("playground 没有模拟 `{cmd_base}`；假定它以 0 退出"),
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
            return self.start_found(pid, sh, found, (argv, assigns), fds, sys);
        }
        if !is_path && !super::builtins::is_builtin(name) && name != "which" {
            self.missing = Some(argv.to_vec());
        }
        self.not_found(sh, name, is_path, fds, sys)
    }

    /// A command that is not found: the runtime's error when the container's command itself is
    /// missing, else the shell's message and status 127.
    fn not_found(
        &mut self,
        sh: &mut ShellProc,
        name: &str,
        is_path: bool,
        fds: &[Io],
        sys: &mut dyn Sys,
    ) -> Flow {
        if sh.direct {
            let msg = if is_path {
                format!("exec: \"{name}\": stat {name}: no such file or directory")
            } else {
                format!("exec: \"{name}\": executable file not found in $PATH")
            };
            self.start_error = Some(msg);
            return Flow::Exit(128);
        }
        // built in one buffer: a busy loop of a missing command prints this a million times
        let mut text = self.exec_error_prefix(sh, name.len());
        text.push_str(name);
        text.push_str(match self.cfg.flavor {
            Flavor::Ash | Flavor::Dash => ": not found\n",
            Flavor::Bash => ": command not found\n",
        });
        write_io(&fds.get(2).cloned().unwrap_or(Io::LogErr), &text, sys);
        sh.status = 127;
        self.after_command(sh)
    }

    /// What the shell prints before a command it could not run (ash: `sh: ` and, in a script,
    /// `line N: `), with room for the `extra` bytes that follow.
    fn exec_error_prefix(&self, sh: &ShellProc, extra: usize) -> String {
        match self.cfg.flavor {
            Flavor::Ash => {
                let mut p = String::with_capacity(sh.arg0.len() + extra + 24);
                p.push_str(&sh.arg0);
                p.push_str(": ");
                if sh.commandname.is_some() {
                    p.push_str("line ");
                    p.push_str(&sh.lineno.to_string());
                    p.push_str(": ");
                }
                p
            }
            _ => self.err_prefix(sh, None),
        }
    }

    /// A command found in PATH only as a file that is not executable: ash's `NAME: Permission
    /// denied` (strerror of EACCES) and status 126.
    fn exec_failed(&mut self, sh: &mut ShellProc, name: &str, fds: &[Io], sys: &mut dyn Sys) -> Flow {
        let mut text = self.exec_error_prefix(sh, name.len());
        text.push_str(name);
        text.push_str(": Permission denied\n");
        write_io(&fds.get(2).cloned().unwrap_or(Io::LogErr), &text, sys);
        sh.status = 126;
        self.after_command(sh)
    }

    /// Starts what the resolver found for `argv`, saying what the program library assumed.
    pub(super) fn start_found(
        &mut self,
        pid: u32,
        sh: &mut ShellProc,
        mut found: crate::shell::Found,
        (argv, assigns): (&[String], &[(String, String)]),
        fds: &[Io],
        sys: &mut dyn Sys,
    ) -> Flow {
        if let Some((en, zh)) = found.assumed {
            sys.assume(crate::diag::Text::new(en, zh));
        }
        if found.program.wants_env() {
            found.program.set_env(super::exported_env(sh, assigns, sys));
        }
        self.start_program(pid, sh, found.program, argv.join(" "), fds)
    }

    /// Starts a program as a foreground child (or replaces this process when it is the last
    /// command, as ash execs the last command of `sh -c`).
    pub(super) fn start_program(
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
            Ok(c) => wait_for(sh, c),
            Err(()) => Flow::Exit(2),
        }
    }
}

impl Shell {
    /// The command line the process `pid` shows in `ps` (its subshells show the same).
    fn cmdline_of(&self, pid: u32) -> String {
        self.procs
            .iter()
            .find(|p| p.pid == pid)
            .map(|p| p.cmdline.clone())
            .unwrap_or_default()
    }

    /// Starts `child` as a subshell of `pid` (a `( … )`, a pipeline stage, a background job, a
    /// command substitution).
    fn spawn_shell(
        &mut self,
        pid: u32,
        child: ShellProc,
        cmdline: String,
        background: bool,
    ) -> Result<u32, ()> {
        self.spawn(
            pid,
            Body::Shell(Box::new(child)),
            [Io::Null, Io::Null, Io::Null],
            cmdline,
            background,
        )
    }
}

/// Enters a loop: its `continue` and `break` targets, and the depths to unwind to.
fn push_loop(
    sh: &mut ShellProc,
    cont: usize,
    brk: usize,
    items: Option<(String, Vec<String>, usize)>,
) {
    let (fd_depth, case_depth) = (
        sh.fd_stack.len(),
        sh.frames.last().map(|f| f.cases.len()).unwrap_or(0),
    );
    if let Some(f) = sh.frames.last_mut() {
        f.loops.push(LoopRec {
            cont,
            brk,
            status: 0,
            fd_depth,
            case_depth,
            items,
        });
    }
}

/// Waits for the child `c` that runs the current command, then continues after it.
fn wait_for(sh: &mut ShellProc, c: u32) -> Flow {
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

/// Leaves a function: its caller's positional parameters and variables come back.
fn leave_function(
    sh: &mut ShellProc,
    saved_params: Vec<String>,
    locals: Vec<(String, Option<Var>)>,
) {
    sh.params = saved_params;
    restore_locals(sh, locals);
}
