//! A session's `kubectl exec`: the command runs in a running container (its files, env, network
//! and PID namespace) through the same programs as exec probes, at the time it is typed.
//!
//! Simplified (said in the terminal's notes): the command runs to its end at the instant it was
//! typed; its own sleeps are counted (the terminal waits that long) but the rest of the pod does
//! not move meanwhile, and the command does not appear in `ps`.

use super::{Engine, Life, StopReason};
use crate::sim::process::{Poll, SimTime};
use crate::sim::run::{ExecKnown, ExecResult};
use crate::sim::{MAX_EXEC_CMD_MS, MAX_EXEC_CMD_POLLS, MAX_EXEC_OUTPUT};

impl Engine<'_> {
    pub(super) fn exec_cmd(&mut self, i: usize) {
        let Some(cmd) = self.opts.execs.get(i).cloned() else {
            return;
        };
        // results are kept in order: fill any gap first
        while self.run.execs.len() < i {
            self.run.execs.push(refused("not run".into()));
        }
        let c = cmd.container;
        let (running, name, image) = match self.ctrs.get(c) {
            Some(x) => (
                matches!(x.life, Life::Running | Life::PostStart) && x.stopping.is_none(),
                x.spec.name.clone(),
                x.spec.image.clone(),
            ),
            None => (false, String::new(), String::new()),
        };
        if !running {
            // what the kubelet's streaming server answers for a container that is not running
            self.run.execs.push(refused(format!(
                "error: unable to upgrade connection: container not found (\"{name}\")\n"
            )));
            return;
        }
        if let Some(known) = cmd.known {
            // as an earlier play ran it (see `ExecCmd::known`): its notes, its result
            for n in &known.notes {
                self.add_note(n.clone());
            }
            for (id, d) in &known.files {
                if let Some(fs) = self.fs_by_id(c, *id) {
                    fs.apply(d);
                }
            }
            self.run.execs.push(known.result.clone());
            self.run.exec_known.push((i, known));
            self.status_dirty = true;
            return;
        }
        self.acted = false;
        self.exec_before = Some(Vec::new());
        let notes_before = self.run.notes.len();
        // a loop that never waits: stopped as the engine stops a busy program
        let mut busy = 0;
        let ran = self.run_to_end(c, &image, &cmd.argv, MAX_EXEC_CMD_POLLS, |elapsed, ms| {
            busy = if ms == crate::shell::BUSY_SLICE_MS {
                busy + 1
            } else {
                0
            };
            elapsed >= MAX_EXEC_CMD_MS || busy > crate::sim::MAX_BUSY_POLLS
        });
        let before = self.exec_before.take().unwrap_or_default();
        if let Some(err) = ran.start_error {
            // The runtime could not start the command (the image has no such executable): the
            // exec fails before anything runs, and kubectl prints the API server's error
            // (as for `kubectl exec hello-pod -- ps` in The Kubernetes Book's image, whose
            // transcript reads exactly so with containerd), exit code 1.
            let exec_id = crate::sim::world::container_id(&self.run.uid, &format!("exec/{name}/{i}"), 0);
            let exec_id = exec_id.trim_start_matches("containerd://");
            let result = ExecResult {
                output: format!(
                    "error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec \"{exec_id}\": {}\n",
                    crate::sim::runtime::oci_exec_error(&err)
                ),
                exit: 1,
                elapsed_ms: 0,
                stopped: None,
                assumed: Vec::new(),
            };
            self.run.execs.push(result);
            self.status_dirty = true;
            return;
        }
        let (exit, elapsed, mut output) = (ran.exit, ran.elapsed, ran.output);
        let mut stopped = match (exit, ran.idle) {
            (Some(_), _) => None,
            (None, true) => Some(
                "the command waits forever (as `tail -f` or a server does); the playground stopped it as Ctrl-C would".to_string(),
            ),
            (None, false) => Some(format!(
                "the command was still running after {} s of simulated time (a loop that never waits, or too many steps); the playground stopped it as Ctrl-C would",
                elapsed / 1000
            )),
        };
        if output.len() > MAX_EXEC_OUTPUT {
            let mut cut = MAX_EXEC_OUTPUT;
            while !output.is_char_boundary(cut) {
                cut -= 1;
            }
            output.truncate(cut);
            let cut_note = format!("the output was cut after {MAX_EXEC_OUTPUT} bytes");
            stopped = Some(match stopped {
                Some(s) => format!("{s}; {cut_note}"),
                None => cut_note,
            });
        }
        let result = ExecResult {
            output,
            // Ctrl-C: the shell reports 130
            exit: exit.unwrap_or(130),
            elapsed_ms: elapsed.min(MAX_EXEC_CMD_MS),
            stopped,
            assumed: self
                .run
                .notes
                .get(notes_before..)
                .unwrap_or_default()
                .iter()
                .filter(|n| n.kind == crate::sim::NoteKind::Assumption && n.container == Some(c))
                .map(|n| n.text.en.clone())
                .collect(),
        };
        if !self.acted {
            let notes = self.run.notes.get(notes_before..).unwrap_or_default().to_vec();
            let mut files = Vec::new();
            for (id, old) in &before {
                if let Some(fs) = self.fs_by_id(c, *id) {
                    files.push((*id, fs.diff(old)));
                }
            }
            self.run.exec_known.push((
                i,
                ExecKnown {
                    result: result.clone(),
                    notes,
                    files,
                },
            ));
        }
        self.run.execs.push(result);
        self.status_dirty = true;
    }
}

/// How a command run to its end in a container stopped.
pub(super) struct Ran {
    /// Its exit code; `None` when it was stopped.
    pub exit: Option<i32>,
    /// The runtime's reason when it could not start the program at all
    /// ([`crate::sim::process::Program::start_error`], e.g. the executable is not in the image).
    pub start_error: Option<String>,
    /// Stopped because it waits forever (`Poll::Idle`), not by the stop rule or the poll limit.
    pub idle: bool,
    /// The simulated time its sleeps took, in ms.
    pub elapsed: u64,
    /// What it printed (stdout and stderr).
    pub output: String,
}

impl Engine<'_> {
    /// Runs `argv` in container `c` (its files, env, network) at this instant, as exec probes and
    /// a session's `kubectl exec` do: polls the program at most `max_polls` times, counting its
    /// sleeps as elapsed time (the clock its own effects see moves with them; the rest of the
    /// pod does not), until it exits, waits forever, or `stop(elapsed, slept_ms)` says to stop
    /// after a sleep. The clock and the log capture are restored.
    pub(super) fn run_to_end(
        &mut self,
        c: usize,
        image: &str,
        argv: &[String],
        max_polls: u32,
        mut stop: impl FnMut(u64, u64) -> bool,
    ) -> Ran {
        let mut prog = self.rt.exec(image, argv);
        let saved_now = self.now;
        let saved_capture = self.capture.replace(String::new());
        let saved_err = self.capture_err.take();
        let mut ran = Ran {
            exit: None,
            start_error: None,
            idle: false,
            elapsed: 0,
            output: String::new(),
        };
        for _ in 0..max_polls {
            let p = {
                let mut sys = self.sys(c, false);
                prog.poll(&mut sys)
            };
            match p {
                Poll::Exit(code) => {
                    ran.exit = Some(code);
                    ran.start_error = prog.start_error();
                    break;
                }
                Poll::Sleep(ms) => {
                    ran.elapsed = ran.elapsed.saturating_add(ms);
                    if stop(ran.elapsed, ms) {
                        break;
                    }
                    self.now = SimTime(saved_now.0.saturating_add(ran.elapsed));
                }
                Poll::Idle => {
                    ran.idle = true;
                    break;
                }
            }
        }
        self.now = saved_now;
        ran.output = self.capture.take().unwrap_or_default();
        self.capture = saved_capture;
        self.capture_err = saved_err;
        ran
    }
}

impl Engine<'_> {
    /// A session's `kubectl apply` with a container's image changed: the pod worker sees a new
    /// spec hash, kills the container (grace period as for a liveness kill) and starts it again
    /// with the new image. Simplified: `kubectl describe` shows the new image at every time.
    pub(super) fn set_image(&mut self, i: usize) {
        let Some(ch) = self.opts.image_changes.get(i).cloned() else {
            return;
        };
        let info = self.rt.image(&ch.image);
        let Some(c) = self.ctrs.get_mut(ch.container) else {
            return;
        };
        c.spec.image = ch.image.clone();
        c.image = info;
        let running = c.program.is_some() && c.stopping.is_none();
        if let Some(ci) = self.run.containers.get_mut(ch.container) {
            ci.image = ch.image.clone();
        }
        if running && !self.deleting {
            let grace = self.world.pod.termination_grace_period_seconds;
            self.stop_container(ch.container, StopReason::SpecChanged, grace);
        }
    }
}

fn refused(output: String) -> ExecResult {
    ExecResult {
        output,
        exit: 1,
        elapsed_ms: 0,
        stopped: None,
        assumed: Vec::new(),
    }
}
