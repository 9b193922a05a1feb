//! Scheduling the shell's processes within one `poll`: which can run, the next wake-up, the
//! budget of steps, reaping children and finishing waits.

use super::*;

impl Shell {
    pub(super) fn runnable(&self, i: usize, now: SimTime) -> bool {
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

    pub(super) fn next_wake(&self) -> Option<SimTime> {
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

    pub(super) fn run(&mut self, sys: &mut dyn Sys) -> Poll {
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
                if n == BASH_NOTE_MARK {
                    sys.assume(crate::diag::Text::new(BASH_NOTE.0, BASH_NOTE.1));
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
            .filter(|&i| {
                self.runnable(i, now)
                    && self
                        .procs
                        .get(i)
                        .is_some_and(|p| matches!(p.body, Body::Shell(_)))
            })
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
                sys.assume(crate::diag::Text::new(
                    format!("the script runs commands without waiting (a busy loop): the playground counts it as using one full CPU and runs it in {BUSY_SLICE_MS} ms slices of {STEPS_PER_POLL} steps"),
                    format!("脚本不停顿地连续执行命令（忙循环）：playground 把它算作占满一个 CPU，并以每片 {BUSY_SLICE_MS} ms、{STEPS_PER_POLL} 步的方式运行它"),
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
    pub(super) fn finish(&mut self, sys: &mut dyn Sys) {
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

    pub(super) fn reap(&mut self, sys: &mut dyn Sys) {
        let mut i = 0;
        while i < self.procs.len() {
            let Some(p) = self.procs.get(i) else { break };
            let Some(code) = p.exited else {
                i += 1;
                continue;
            };
            let (pid, parent, background, is_main) = (p.pid, p.parent, p.background, p.is_main);
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

    pub(super) fn mark_exited(&mut self, i: usize, code: i32) {
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

    pub(super) fn run_proc(&mut self, i: usize, sys: &mut dyn Sys, budget: &mut u32, now: SimTime) {
        let Some(p) = self.procs.get_mut(i) else {
            return;
        };
        if let Some((code, at)) = p.doomed {
            if at <= now {
                self.mark_exited(i, code);
                return;
            }
        }
        let body = std::mem::replace(&mut p.body, Body::Gone);
        match body {
            Body::Prog(prog) => {
                *budget = budget.saturating_sub(1);
                let (r, broken) = p.run_program(prog, sys, |prog, cs| prog.poll(cs));
                if broken {
                    self.mark_exited(i, 141);
                    return;
                }
                match r {
                    Poll::Exit(code) => self.mark_exited(i, code),
                    Poll::Sleep(ms) => p.wait = Wait::Until(now.saturating_add(ms.max(1))),
                    Poll::Idle => p.wait = Wait::Forever,
                }
            }
            Body::Shell(mut sh) => {
                let pid = p.pid;
                let wait = std::mem::replace(&mut p.wait, Wait::Ready);
                // (taking a child's status reaps it: indexes may shift, so go by pid from here)
                self.complete_wait(&mut sh, wait);
                let r = self.run_shell(pid, &mut sh, sys, budget, now);
                let Some(idx) = self.index_of(pid) else {
                    return;
                };
                let Some(p) = self.procs.get_mut(idx) else {
                    return;
                };
                match r {
                    RunEnd::Blocked(w) => {
                        p.wait = w;
                        p.body = Body::Shell(sh);
                    }
                    RunEnd::Budget => {
                        p.body = Body::Shell(sh);
                    }
                    RunEnd::Exited(code) => {
                        p.body = Body::Shell(sh);
                        self.mark_exited(idx, code);
                    }
                    RunEnd::Replaced(prog, cmdline) => {
                        p.io = [sh.fd(0), sh.fd(1), sh.fd(2)];
                        p.body = Body::Prog(prog);
                        p.cmdline = cmdline;
                        p.mem = 0;
                        p.wait = Wait::Ready;
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
    pub(super) fn complete_wait(&mut self, sh: &mut ShellProc, wait: Wait) {
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
}
