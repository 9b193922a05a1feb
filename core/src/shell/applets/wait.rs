//! The applets that take time and run as child programs: `sleep` (and `usleep`), `yes`,
//! `tail -f`.

use super::*;

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

pub(super) fn sleep(c: &mut Ctx, micro: bool) -> Outcome {
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
        Signal::Kill => SignalOutcome::exit_now(137),
        _ if pid1 => SignalOutcome::Ignore,
        Signal::Term => SignalOutcome::exit_now(143),
        Signal::Quit => SignalOutcome::exit_now(131),
    }
}

/// Resident memory of a small applet process (`sleep`, `tail`): ≈ 64 KiB.
pub const SMALL_APPLET_MEMORY: u64 = 64 * 1024;

/// `yes`: writes its line as fast as it can. Modelled as one full CPU, writing a bounded
/// chunk per slice (a terminal or log could not take more anyway).
pub struct Yes {
    pub(super) line: String,
}

/// Lines `yes` writes per slice.
pub const YES_LINES_PER_SLICE: usize = 64;

impl Program for Yes {
    fn poll(&mut self, sys: &mut dyn Sys) -> Poll {
        sys.set_memory(SMALL_APPLET_MEMORY);
        sys.set_cpu_demand(1000);
        sys.stdout(&self.line.repeat(YES_LINES_PER_SLICE));
        Poll::Sleep(crate::shell::machine::BUSY_SLICE_MS)
    }

    fn processes(&self) -> Vec<ProcInfo> {
        Vec::new()
    }
}

/// `tail -f`: nothing more ever arrives in the playground's files; it waits for a signal.
pub struct Follow {
    pub(super) pid1: bool,
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
