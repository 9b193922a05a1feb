//! The event loop: a queue of [`Ev`] in `(time, seq)` order, the simulated control plane's
//! creation flow, and the state the kubelet keeps per container. The kubelet's decisions live in
//! [`kubelet`], probes in [`probes`], what a program sees in [`containers`] and [`network`],
//! deletion in [`termination`], and the pod's status (phase, conditions) in [`status`].

mod containers;
mod exec;
mod kubelet;
mod network;
mod probes;
mod procfs;
mod status;
mod termination;

use std::cell::Cell;
use std::collections::BinaryHeap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use crate::diag::Text;
use crate::model::Container;
use crate::sim::fs::Fs;
use crate::sim::process::{HttpRequest, Program, SimTime};
use crate::sim::rules::{Cause, Rule};
use crate::sim::run::*;
use crate::sim::schedule::{self, Outcome};
use crate::sim::world::{pod_uid, World};
use crate::sim::{
    timing, ImageInfo, Options, OverrideAction, Runtime, MAX_EVENTS, MAX_QUEUE_EVENTS,
};

/// What happens at a point in time. Events that concern one run of a container carry its `gen`;
/// the engine bumps a container's `gen` whenever that run ends, so stale events are dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Ev {
    ApiReceived,
    Persisted,
    Schedule,
    Bound,
    KubeletSees,
    MountVolumes,
    MountTimeout,
    SandboxCreated,
    CniDone,
    /// The pod worker syncs the pod (computePodActions).
    Sync,
    /// The next step of the container start chain (pull done, created, started).
    PullDone {
        c: u16,
        gen: u32,
        ok: bool,
    },
    Created {
        c: u16,
        gen: u32,
    },
    Started {
        c: u16,
        gen: u32,
    },
    /// Poll the container's main program.
    Wake {
        c: u16,
        gen: u32,
    },
    /// Poll the running hook program.
    HookWake {
        c: u16,
        gen: u32,
    },
    /// PLEG relist noticed that the container exited.
    ExitNoticed {
        c: u16,
        gen: u32,
    },
    /// The prober workers due now run (one queue entry for all the workers due at that time).
    Probes,
    /// The program exits after a signal (or a lesson override) with this code.
    ForcedExit {
        c: u16,
        gen: u32,
        code: i32,
        oom: bool,
    },
    UseMemory {
        c: u16,
        gen: u32,
        mib: u64,
    },
    /// A sidecar stopped with its pod waited for its turn for the whole grace period.
    TurnOver {
        c: u16,
        gen: u32,
    },
    /// The grace period of a stop ended: SIGKILL.
    GraceOver {
        c: u16,
        gen: u32,
    },
    Delete,
    KubeletKill,
    SandboxStop,
    ApiDelete,
    Deadline,
    /// A session's `kubectl exec` (index into `Options::execs`).
    Exec {
        i: u32,
    },
    /// A session's image change (index into `Options::image_changes`).
    SetImage {
        i: u32,
    },
    /// A connection from another pod or the node (index into `Options::inbound`).
    Inbound {
        i: u32,
    },
}

/// A queue entry ordered by `(time, seq)` packed in one integer, earliest first.
#[derive(Clone, Copy, Debug)]
struct QItem {
    key: u128,
    ev: Ev,
}

impl PartialEq for QItem {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl Eq for QItem {}

impl PartialOrd for QItem {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for QItem {
    #[inline]
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        // Reversed: BinaryHeap is a max-heap.
        other.key.cmp(&self.key)
    }
}

/// What a container is doing, as the kubelet and the runtime see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Life {
    /// Never started (or waiting for its turn).
    Idle,
    /// In the kubelet's start chain (pull, create, start).
    Starting,
    /// Started; its postStart hook is running.
    PostStart,
    Running,
    /// Exited; the kubelet may restart it.
    Exited,
    /// Waiting in back-off (CrashLoopBackOff, ImagePullBackOff, config errors).
    Waiting,
}

/// A running lifecycle hook.
pub(crate) struct HookRunState {
    pub kind: HookKind,
    pub program: Option<Box<dyn Program>>,
    pub deadline: Option<SimTime>,
    /// What the hook printed, stdout and stderr together (ExecSync's output).
    pub output: String,
    /// What it printed on stderr (the `command '…' exited with N: <stderr>` error).
    pub stderr: String,
}

/// A failed hook: its exit code (1 for a failed request), what it printed, and its stderr (for an
/// HTTP or TCP hook: the request's error).
pub(crate) struct HookFail {
    pub code: i32,
    pub output: String,
    pub stderr: String,
}

/// A `flowcontrol.Backoff` entry (client-go util/flowcontrol/backoff.go), the one back-off rule
/// of the kubelet model: crash loops and image pulls both use it (10 s doubling to 300 s; the
/// real one adds jitter, the simulation none).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Backoff {
    pub backoff_ms: u64,
    pub last_update: SimTime,
}

impl Backoff {
    /// `hasExpired`: an entry not updated for 2 × the cap since `event` no longer counts.
    fn expired(self, event: SimTime) -> bool {
        event.0.saturating_sub(self.last_update.0) > timing::BACKOFF_RESET_MS
    }

    /// `IsInBackOffSince(id, eventTime)`: less than the current delay has passed since `event`.
    pub(crate) fn in_backoff_since(self, event: SimTime, now: SimTime) -> bool {
        !self.expired(event) && now.0.saturating_sub(event.0) < self.backoff_ms
    }

    /// `IsInBackOffSinceUpdate(id, eventTime)`: less than the current delay since the last update.
    pub(crate) fn in_backoff_since_update(self, now: SimTime) -> bool {
        !self.expired(now) && now.0.saturating_sub(self.last_update.0) < self.backoff_ms
    }

    /// `Next(id, eventTime)`: the first delay for a new or expired entry, else the delay doubled
    /// up to the cap; `lastUpdate` is now. Also says whether an old entry was reset.
    pub(crate) fn next(entry: Option<Backoff>, event: SimTime, now: SimTime) -> (Backoff, bool) {
        let (backoff_ms, reset) = match entry {
            Some(b) if !b.expired(event) => (
                b.backoff_ms.saturating_mul(2).min(timing::BACKOFF_MAX_MS),
                false,
            ),
            Some(_) => (timing::BACKOFF_INITIAL_MS, true),
            None => (timing::BACKOFF_INITIAL_MS, false),
        };
        (
            Backoff {
                backoff_ms,
                last_update: now,
            },
            reset,
        )
    }
}

/// The prober worker of one probe of one container.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct ProbeWorker {
    pub active: bool,
    /// The container run the counters belong to (the worker resets on a new container ID).
    pub instance: u32,
    pub last_ok: Option<bool>,
    pub run: u32,
    /// The result the results manager holds (None = not yet set).
    pub result: Option<bool>,
    /// After a liveness/startup kill, probing stops until a new container ID.
    pub on_hold: bool,
}

/// The kubelet's and the runtime's state of one container.
pub(crate) struct Ctr {
    pub spec: Container,
    pub kind: ContainerKind,
    pub image: ImageInfo,
    pub life: Life,
    pub gen: u32,
    /// Runs so far (the restartCount of the current run is `runs - 1`).
    pub runs: u32,
    pub program: Option<Box<dyn Program>>,
    pub hook: Option<HookRunState>,
    pub last_exit: Option<Terminated>,
    /// PLEG has seen the last exit (the pod worker acts only on what PLEG reported).
    pub exit_seen: bool,
    /// While waiting (image pull, config error): when the pod worker tries again.
    pub retry_at: Option<SimTime>,
    pub started_at: SimTime,
    /// `started` (startup probe passed, or none).
    pub started: bool,
    pub ready: bool,
    pub rootfs: Fs,
    pub env: Vec<(String, String)>,
    pub mem_program: u64,
    pub mem_extra: u64,
    pub cpu_demand: u64,
    pub cpu_noted: bool,
    pub zero_sleeps: u32,
    pub busy_polls: u32,
    pub backoff: Option<Backoff>,
    pub pull_backoff: Option<Backoff>,
    /// Whether the current crash already had its BackOff event.
    pub backoff_reported: bool,
    pub probes: [ProbeWorker; 3],
    pub ns: Option<NsSet>,
    /// PIDs of this container's processes in its PID namespace, by position in `processes()`.
    pub pids: Vec<(String, u32)>,
    /// Stopping: the kubelet sent SIGTERM (and the reason for the kill).
    pub stopping: Option<StopReason>,
    pub oom: bool,
    /// Requests prepared once per probe (no allocation per tick).
    pub probe_req: [Option<HttpRequest>; 3],
    /// A sidecar stopped with its pod waits for its turn: since when, and the grace period
    /// (whole seconds) left then.
    pub turn_wait: Option<(SimTime, i64)>,
    /// Why the last start failed after the container ran (the kubelet's reason cache:
    /// `PostStartHookError` and the hook's message), shown as its waiting state once it exited.
    pub start_error: Option<(&'static str, String)>,
    /// The kubelet killed this run in a sync that also restarts it (liveness, startup): the
    /// back-off check of that restart uses the pod status from before the kill, i.e. the
    /// finish time of the run before (None: there was none).
    pub killed_in_sync: Option<Option<SimTime>>,
    /// That sync restarts it: until the new run is Running (or the restart is refused), the
    /// pod's status keeps what it was before the kill.
    pub restart_pending: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum StopReason {
    Liveness,
    /// The container's spec changed (a new image): killed and started again whatever the
    /// restart policy.
    SpecChanged,
    Startup,
    PostStartFailed,
    Deletion,
}

/// A volume's own file system (shared by every container that mounts it).
pub(crate) struct Vol {
    pub name: String,
    pub fs: Fs,
}

/// A listening socket's owner in the pod's network namespace.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Listener {
    pub port: u16,
    pub proto: crate::sim::process::Proto,
    pub c: usize,
    /// Index into `run.sockets`.
    pub socket: usize,
}

pub(crate) struct Engine<'a> {
    pub world: &'a World,
    pub opts: &'a Options,
    pub rt: &'a dyn Runtime,
    pub now: SimTime,
    seq: u64,
    queue: BinaryHeap<QItem>,
    processed: u64,
    pub run: Run,
    pub ctrs: Vec<Ctr>,
    pub vols: Vec<Vol>,
    pub listeners: Vec<Listener>,
    pub node: Option<usize>,
    pub pod_ip: Option<String>,
    pub kubelet_seen: Option<SimTime>,
    pub sandbox_ready: bool,
    pub sandbox_ns: Option<NsSet>,
    pub volumes_ready: bool,
    /// Containers the current start chain still has to start (in order).
    pub chain: Vec<usize>,
    pub chain_active: bool,
    pub resync: bool,
    pub sync_scheduled: Option<SimTime>,
    pub deleting: bool,
    pub terminal: bool,
    /// The kubelet's admission rejected the pod.
    pub rejected: bool,
    pub next_inode: u64,
    /// The recording order of events and flow steps: what is recorded first caused what follows
    /// at the same instant (see [`Event::seq`]).
    pub next_seq: u32,
    /// Sequence numbers taken ahead for a cause recorded after its effects' chance to happen
    /// (`Engine::reserve`).
    pub reserved: Vec<u32>,
    /// PID counters per PID namespace inode.
    pub pid_next: Vec<(u64, u32)>,
    pub status_dirty: bool,
    pub http_depth: u32,
    pub events_dropped: u64,
    pub mount_retry_ms: u64,
    pub mount_first_fail: Option<SimTime>,
    /// Output of an exec probe or hook being captured instead of logged (and its stderr alone).
    pub capture: Option<String>,
    pub capture_err: Option<String>,
    /// Set by every program action that changes the pod or the world beyond output, notes and
    /// files (sockets, requests, lookups, signals): tells whether an exec may be reused.
    pub acted: bool,
    /// While an exec runs: each file system it changed (`None` the container's root, `Some(v)`
    /// volume v) as it was before the first change, so that its changes can be kept.
    pub exec_before: Option<Vec<(Option<usize>, crate::sim::fs::Fs)>>,
    /// Images present on the chosen node.
    pub node_images: Vec<String>,
    /// Prober workers: (next tick, container, probe kind index), in start order.
    pub probe_next: Vec<(SimTime, u16, u8)>,
    pub probes_queued: Option<SimTime>,
}

/// Plays the pod's life with the product's program library ([`crate::sim::DefaultRuntime`]).
pub fn simulate(world: &World, opts: &Options) -> Run {
    simulate_with(world, opts, &crate::sim::DefaultRuntime)
}

/// Plays the pod's life with the given program library.
pub fn simulate_with(world: &World, opts: &Options, rt: &dyn Runtime) -> Run {
    let mut e = Engine::new(world, opts, rt);
    e.start();
    while !e.steps(u64::MAX) {}
    e.finish()
}

/// A play of the pod's life done in slices of a bounded number of engine steps (the queue's
/// events), so that a page can play a long history between frames. Step for step it is
/// [`simulate`]: the run it ends with is the one `simulate(&world, &opts)` gives, whatever the
/// slices (the engine only pauses between two events; nothing in it depends on where).
pub struct Slices {
    play: Option<Pin<Box<dyn Future<Output = Run>>>>,
    budget: Rc<Cell<u64>>,
}

impl Slices {
    /// Starts the play of `world` with `opts` (nothing is played before the first [`Slices::step`]).
    pub fn new(world: World, opts: Options) -> Slices {
        let budget = Rc::new(Cell::new(0));
        let b = budget.clone();
        // The engine borrows the world and options it plays: an async block owns them both and
        // the engine, and pauses (`Pause`) between slices.
        let play = async move {
            let mut e = Engine::new(&world, &opts, &crate::sim::DefaultRuntime);
            e.start();
            while !e.steps(b.get()) {
                Pause(false).await;
            }
            e.finish()
        };
        Slices {
            play: Some(Box::pin(play)),
            budget,
        }
    }

    /// Plays at most `budget` more engine steps (at least one); the run once it is over (then
    /// None again).
    pub fn step(&mut self, budget: u64) -> Option<Run> {
        self.budget.set(budget.max(1));
        let play = self.play.as_mut()?;
        let mut cx = Context::from_waker(Waker::noop());
        match play.as_mut().poll(&mut cx) {
            Poll::Ready(run) => {
                self.play = None;
                Some(run)
            }
            Poll::Pending => None,
        }
    }
}

/// Pending once, then ready: where a play in [`Slices`] waits for its next slice.
struct Pause(bool);

impl Future for Pause {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            Poll::Pending
        }
    }
}

fn container_info(c: &Container, kind: ContainerKind) -> ContainerInfo {
    ContainerInfo {
        name: c.name.clone(),
        kind,
        image: c.image.clone(),
    }
}

impl<'a> Engine<'a> {
    fn new(world: &'a World, opts: &'a Options, rt: &'a dyn Runtime) -> Engine<'a> {
        let pod = &world.pod;
        let mut ctrs = Vec::new();
        let mut infos = Vec::new();
        for c in &pod.init_containers {
            let kind = if c.restart_policy_always {
                ContainerKind::Sidecar
            } else {
                ContainerKind::Init
            };
            infos.push(container_info(c, kind));
            ctrs.push(Ctr::new(c.clone(), kind, rt.image(&c.image)));
        }
        for c in &pod.containers {
            infos.push(container_info(c, ContainerKind::App));
            ctrs.push(Ctr::new(c.clone(), ContainerKind::App, rt.image(&c.image)));
        }
        let n = ctrs.len();
        let run = Run {
            pod_name: pod.meta.name.clone(),
            namespace: pod.meta.namespace.clone(),
            uid: pod_uid(&pod.meta.namespace, &pod.meta.name),
            qos: pod.qos_class(),
            containers: infos,
            end: opts.until,
            created: SimTime::ZERO,
            removed: None,
            deletion: None,
            grace_seconds: pod.termination_grace_period_seconds,
            events: Vec::new(),
            flow: Vec::new(),
            notes: Vec::new(),
            phase: Track::default(),
            reason: Track::default(),
            conditions: Default::default(),
            gates: pod.readiness_gates.clone(),
            node: Track::default(),
            host_ip: None,
            pod_ip: Track::default(),
            pause_ns: Track::default(),
            ctr: (0..n).map(|_| ContainerTracks::default()).collect(),
            ps: Vec::new(),
            sockets: Vec::new(),
            connections: Vec::new(),
            execs: Vec::new(),
            remote_asks: Vec::new(),
            inbound: Vec::new(),
            exec_known: Vec::new(),
            clock_base: opts.clock_base,
        };
        Engine {
            world,
            opts,
            rt,
            now: SimTime::ZERO,
            seq: 0,
            queue: BinaryHeap::new(),
            processed: 0,
            run,
            ctrs,
            vols: Vec::new(),
            listeners: Vec::new(),
            node: None,
            pod_ip: None,
            kubelet_seen: None,
            sandbox_ready: false,
            sandbox_ns: None,
            volumes_ready: false,
            chain: Vec::new(),
            chain_active: false,
            resync: false,
            sync_scheduled: None,
            deleting: false,
            terminal: false,
            rejected: false,
            // a session's pods share the node's kernel: each takes its own range of namespace
            // inodes (a pod alone starts at the first, as before)
            next_inode: 4026532200
                + u64::from(world.ip_host.map_or(0, |h| h.saturating_sub(5))) * 256,
            next_seq: 0,
            reserved: Vec::new(),
            pid_next: Vec::new(),
            status_dirty: false,
            http_depth: 0,
            events_dropped: 0,
            mount_retry_ms: timing::MOUNT_RETRY_INITIAL_MS,
            mount_first_fail: None,
            capture: None,
            capture_err: None,
            acted: false,
            exec_before: None,
            node_images: Vec::new(),
            probe_next: Vec::new(),
            probes_queued: None,
        }
    }

    // --- the queue ---

    pub(crate) fn at(&mut self, t: SimTime, ev: Ev) {
        self.seq += 1;
        self.queue.push(QItem {
            key: ((t.0 as u128) << 64) | self.seq as u128,
            ev,
        });
    }

    pub(crate) fn after(&mut self, ms: u64, ev: Ev) {
        let t = self.now.saturating_add(ms);
        self.at(t, ev);
    }

    /// Asks the pod worker for a sync at `t` (at most one pending sync at a time: the earliest).
    pub(crate) fn sync_at(&mut self, t: SimTime) {
        let t = t.max(self.now);
        if let Some(s) = self.sync_scheduled {
            if s <= t && s >= self.now {
                return;
            }
        }
        self.sync_scheduled = Some(t);
        self.at(t, Ev::Sync);
    }

    /// Puts the pod's first events and the inputs' events in the queue.
    fn start(&mut self) {
        self.at(SimTime::ZERO, Ev::ApiReceived);
        if let Some(d) = self.opts.delete_at {
            self.at(d, Ev::Delete);
        }
        for (i, x) in self.opts.execs.iter().enumerate() {
            self.at(x.at, Ev::Exec { i: i as u32 });
        }
        for (i, x) in self.opts.inbound.iter().enumerate() {
            self.at(x.at, Ev::Inbound { i: i as u32 });
        }
        for (i, x) in self.opts.image_changes.iter().enumerate() {
            self.at(x.at, Ev::SetImage { i: i as u32 });
        }
        if let Some(s) = self.world.pod.active_deadline_seconds {
            if s >= 0 {
                self.at(SimTime::from_secs(s as u64), Ev::Deadline);
            }
        }
    }

    /// Handles at most `n` events of the queue; true when the run is over (the queue is empty,
    /// its next event is past the end, or the run's budget of steps is used up).
    fn steps(&mut self, n: u64) -> bool {
        for _ in 0..n {
            let Some(QItem { key, ev }) = self.queue.pop() else {
                return true;
            };
            let t = SimTime((key >> 64) as u64);
            if t > self.opts.until {
                return true;
            }
            self.processed += 1;
            if self.processed > MAX_QUEUE_EVENTS {
                self.run.end = self.now;
                self.note(
                    None,
                    NoteKind::Budget,
                    Text::new(
                        format!(
                            "the simulation stopped after {MAX_QUEUE_EVENTS} steps at {}; later times are not simulated",
                            crate::sim::printer::seconds(self.now)
                        ),
                        format!(
                            "模拟在 {} 处执行了 {MAX_QUEUE_EVENTS} 步后停止；之后的时间没有模拟",
                            crate::sim::printer::seconds(self.now)
                        ),
                    ),
                );
                return true;
            }
            self.now = t;
            self.handle(ev);
            if self.status_dirty {
                self.status_dirty = false;
                self.update_status();
            }
        }
        false
    }

    fn handle(&mut self, ev: Ev) {
        match ev {
            Ev::ApiReceived => self.api_received(),
            Ev::Persisted => self.persisted(),
            Ev::Schedule => self.schedule(),
            Ev::Bound => self.bound(),
            Ev::KubeletSees => self.kubelet_sees(),
            Ev::MountVolumes => self.mount_volumes(),
            Ev::MountTimeout => self.mount_timeout(),
            Ev::SandboxCreated => self.sandbox_created(),
            Ev::CniDone => self.cni_done(),
            Ev::Sync => {
                if self.sync_scheduled == Some(self.now) {
                    self.sync_scheduled = None;
                }
                self.sync();
            }
            Ev::PullDone { c, gen, ok } => self.pull_done(c as usize, gen, ok),
            Ev::Created { c, gen } => self.created(c as usize, gen),
            Ev::Started { c, gen } => self.started(c as usize, gen),
            Ev::Wake { c, gen } => self.wake(c as usize, gen),
            Ev::HookWake { c, gen } => self.hook_wake(c as usize, gen),
            Ev::ExitNoticed { c, gen } => self.exit_noticed(c as usize, gen),
            Ev::Probes => self.probe_batch(),
            Ev::ForcedExit { c, gen, code, oom } => self.forced_exit(c as usize, gen, code, oom),
            Ev::UseMemory { c, gen, mib } => self.use_memory(c as usize, gen, mib),
            Ev::GraceOver { c, gen } => self.grace_over(c as usize, gen),
            Ev::TurnOver { c, gen } => self.turn_over(c as usize, gen),
            Ev::Delete => self.delete(),
            Ev::KubeletKill => self.kubelet_kill(),
            Ev::SandboxStop => self.sandbox_stop(),
            Ev::ApiDelete => self.api_delete(),
            Ev::Deadline => self.deadline(),
            Ev::Exec { i } => self.exec_cmd(i as usize),
            Ev::SetImage { i } => self.set_image(i as usize),
            Ev::Inbound { i } => self.inbound(i as usize),
        }
    }

    fn finish(mut self) -> Run {
        self.update_status();
        // execs after the end of the run never ran
        while self.run.execs.len() < self.opts.execs.len() {
            self.run.execs.push(ExecResult {
                output: String::new(),
                exit: 1,
                elapsed_ms: 0,
                stopped: Some("not simulated: after the end of the run".into()),
                assumed: Vec::new(),
            });
        }
        self.run
            .inbound
            .resize(self.opts.inbound.len(), crate::sim::RemoteResult::Timeout);
        if self.events_dropped > 0 {
            let n = self.events_dropped;
            self.note(
                None,
                NoteKind::Budget,
                Text::new(
                    format!("{n} later events were not recorded (at most {MAX_EVENTS} are kept)"),
                    format!("之后的 {n} 个事件没有记录（最多保留 {MAX_EVENTS} 个）"),
                ),
            );
        }
        for (i, c) in self.ctrs.iter().enumerate() {
            if let Some(tr) = self.run.ctr.get_mut(i) {
                if c.mem_program + c.mem_extra > 0 || !tr.memory.is_empty() {
                    // keep the last sample as recorded
                }
            }
        }
        crate::sort::sort_by_key(&mut self.run.notes, |n| n.t);
        // Within an instant, cause before effect: the recording order, with the causes recorded
        // late in the places they reserved.
        crate::sort::sort_by_key(&mut self.run.events, |e| (e.t, e.seq));
        crate::sort::sort_by_key(&mut self.run.flow, |f| (f.t, f.seq));
        self.run
    }

    /// The next sequence number: a reserved one first (see [`Engine::reserve`]).
    fn seq(&mut self) -> u32 {
        if !self.reserved.is_empty() {
            return self.reserved.remove(0);
        }
        self.next_seq = self.next_seq.saturating_add(1);
        self.next_seq
    }

    /// Takes `n` sequence numbers now for items that will be recorded after what they cause:
    /// the runtime announces a container's start only once its process got past its first steps
    /// (which may already bind a port or use too much memory), yet the start came first. The
    /// next `n` items recorded get them, in order; [`Engine::release`] gives back the ones not
    /// used (the start failed).
    pub(crate) fn reserve(&mut self, n: u32) -> Vec<u32> {
        (0..n)
            .map(|_| {
                self.next_seq = self.next_seq.saturating_add(1);
                self.next_seq
            })
            .collect()
    }

    /// Uses `taken` (from [`Engine::reserve`]) for the next items recorded.
    pub(crate) fn use_reserved(&mut self, taken: Vec<u32>) {
        self.reserved = taken;
    }

    // --- recording ---

    pub(crate) fn event(
        &mut self,
        event_type: EventType,
        reason: &'static str,
        from: &'static str,
        container: Option<usize>,
        message: String,
        cause: Cause,
    ) {
        if self.run.events.len() >= MAX_EVENTS {
            self.events_dropped += 1;
            return;
        }
        let seq = self.seq();
        self.run.events.push(Event {
            seq,
            t: self.now,
            event_type,
            reason,
            from,
            container,
            message,
            cause,
        });
    }

    pub(crate) fn normal(
        &mut self,
        reason: &'static str,
        c: Option<usize>,
        msg: String,
        cause: Cause,
    ) {
        self.event(EventType::Normal, reason, "kubelet", c, msg, cause);
    }

    pub(crate) fn warning(
        &mut self,
        reason: &'static str,
        c: Option<usize>,
        msg: String,
        cause: Cause,
    ) {
        self.event(EventType::Warning, reason, "kubelet", c, msg, cause);
    }

    pub(crate) fn flow(
        &mut self,
        component: Component,
        container: Option<usize>,
        action: impl Into<Text>,
        cause: Cause,
    ) {
        let action = action.into();
        let seq = self.seq();
        self.run.flow.push(FlowStep {
            seq,
            t: self.now,
            component,
            container,
            action,
            cause,
        });
    }

    /// The PodScheduled condition becomes `status` for `reason`.
    fn pod_scheduled(&mut self, status: bool, reason: &'static str, message: String) {
        let condition = Condition {
            status,
            reason,
            message,
        };
        self.run
            .condition_track_mut(ConditionType::PodScheduled)
            .set(self.now, condition);
    }

    pub(crate) fn note(&mut self, container: Option<usize>, kind: NoteKind, text: Text) {
        let t = self.now;
        self.add_note(Note {
            t,
            container,
            kind,
            text,
        });
    }

    /// Adds a note unless the same text was already said of the same container (at most 1000).
    pub(crate) fn add_note(&mut self, note: Note) {
        if self.run.notes.len() >= 1000
            || self
                .run
                .notes
                .iter()
                .any(|n| n.container == note.container && n.text == note.text)
        {
            return;
        }
        self.run.notes.push(note);
    }

    pub(crate) fn inode(&mut self) -> u64 {
        self.next_inode += 1;
        self.next_inode
    }

    pub(crate) fn name(&self, c: usize) -> &str {
        self.ctrs.get(c).map(|x| x.spec.name.as_str()).unwrap_or("")
    }

    pub(crate) fn pod_ref(&self) -> String {
        format!(
            "{}_{}({})",
            self.run.pod_name, self.run.namespace, self.run.uid
        )
    }

    // --- the creation flow up to the kubelet ---

    fn api_received(&mut self) {
        let pod = &self.world.pod;
        let path = format!("POST /api/v1/namespaces/{}/pods", pod.meta.namespace);
        self.flow(Component::Kubectl, None, path, Cause::new(Rule::Submitted));
        let seq = self.seq();
        self.run.flow.push(FlowStep {
            seq,
            t: SimTime(timing::API_REQUEST_MS),
            component: Component::ApiServer,
            container: None,
            action: Text::new(
                "authentication, authorization, mutating admission (ServiceAccount, Priority, DefaultTolerationSeconds), defaulting, validation",
                "认证、鉴权、变更准入（ServiceAccount、Priority、DefaultTolerationSeconds）、默认值、校验",
            ),
            cause: Cause::new(Rule::Admitted),
        });
        self.at(
            SimTime::from_millis(
                timing::API_REQUEST_MS + timing::API_ADMISSION_MS + timing::ETCD_WRITE_MS,
            ),
            Ev::Persisted,
        );
    }

    fn persisted(&mut self) {
        self.run.created = self.now;
        let key = format!(
            "PUT /registry/pods/{}/{}",
            self.world.pod.meta.namespace, self.world.pod.meta.name
        );
        self.flow(Component::Etcd, None, key, Cause::new(Rule::Persisted));
        self.run.phase.set(self.now, Phase::Pending);
        let pod = &self.world.pod;
        if !pod.scheduling_gates.is_empty() {
            self.run
                .reason
                .set(self.now, Some(("SchedulingGated", String::new())));
            self.pod_scheduled(
                false,
                "SchedulingGated",
                "Scheduling is blocked due to non-empty scheduling gates".into(),
            );
            self.flow(
                Component::Scheduler,
                None,
                Text::new(
                    format!(
                        "scheduling gates {:?}: the pod is not scheduled",
                        pod.scheduling_gates
                    ),
                    format!("调度门控 {:?}：Pod 不被调度", pod.scheduling_gates),
                ),
                Cause::new(Rule::SchedulingGated),
            );
            return;
        }
        if let Some(node) = &pod.node_name {
            let Some(i) = self.world.nodes.iter().position(|n| n.name == *node) else {
                self.flow(
                    Component::Scheduler,
                    None,
                    Text::new(
                        format!("spec.nodeName {node}: no such node"),
                        format!("spec.nodeName {node}：没有这个节点"),
                    ),
                    Cause::new(Rule::NoSuchNode { node: node.clone() }),
                );
                self.note(
                    None,
                    NoteKind::Simplification,
                    Text::new(
                        format!("spec.nodeName names {node}, which is not a node of the cluster: no kubelet ever runs the pod (a real cluster's pod garbage collector deletes such a pod)"),
                        format!("spec.nodeName 指定的 {node} 不是集群中的节点：没有任何 kubelet 会运行这个 Pod（真实集群的 Pod 垃圾回收器会删除这样的 Pod）"),
                    ),
                );
                return;
            };
            self.flow(
                Component::Scheduler,
                None,
                Text::new(
                    format!("spec.nodeName is {node}: the scheduler is not involved"),
                    format!("spec.nodeName 为 {node}：调度器不参与"),
                ),
                Cause::new(Rule::NodeNameSet { node: node.clone() }),
            );
            self.node = Some(i);
            self.at(self.now, Ev::Bound);
            return;
        }
        if pod.scheduler_name != "default-scheduler" {
            self.flow(
                Component::Scheduler,
                None,
                Text::new(
                    format!(
                        "schedulerName {}: the default scheduler ignores the pod",
                        pod.scheduler_name
                    ),
                    format!("schedulerName {}：默认调度器忽略这个 Pod", pod.scheduler_name),
                ),
                Cause::new(Rule::OtherScheduler {
                    name: pod.scheduler_name.clone(),
                }),
            );
            return;
        }
        self.after(timing::SCHEDULE_MS, Ev::Schedule);
    }

    fn schedule(&mut self) {
        let pod = &self.world.pod;
        let total = self.world.nodes.len();
        match schedule::schedule(pod, &self.world.nodes, self.pvc_prefilter()) {
            Outcome::Bound { node, feasible } => {
                let name = self
                    .world
                    .nodes
                    .get(node)
                    .map(|n| n.name.clone())
                    .unwrap_or_default();
                let cause = Cause::new(Rule::Scheduled {
                    node: name.clone(),
                    feasible,
                    total,
                });
                self.flow(
                    Component::Scheduler,
                    None,
                    Text::new(
                        format!("filter and score {total} nodes → {name}"),
                        format!("筛选 {total} 个节点并打分 → {name}"),
                    ),
                    cause.clone(),
                );
                self.event(
                    EventType::Normal,
                    "Scheduled",
                    "default-scheduler",
                    None,
                    format!(
                        "Successfully assigned {}/{} to {name}",
                        pod.meta.namespace, pod.meta.name
                    ),
                    cause,
                );
                self.node = Some(node);
                self.after(timing::BIND_MS, Ev::Bound);
            }
            Outcome::Failed { message } => {
                let cause = Cause::new(Rule::Unschedulable { total }).then(Rule::SchedulerRetry {
                    after: SimTime(timing::SCHEDULER_RETRY_MS),
                });
                self.flow(Component::Scheduler, None, message.clone(), cause.clone());
                self.event(
                    EventType::Warning,
                    "FailedScheduling",
                    "default-scheduler",
                    None,
                    message.clone(),
                    cause,
                );
                self.pod_scheduled(false, "Unschedulable", message);
                self.after(timing::SCHEDULER_RETRY_MS, Ev::Schedule);
            }
        }
    }

    /// A PersistentVolumeClaim volume whose claim is not in the input fails the scheduler's
    /// VolumeBinding PreFilter.
    fn pvc_prefilter(&self) -> Option<String> {
        schedule::prefilter(&self.world.pod)
    }

    fn bound(&mut self) {
        let Some(n) = self.node.and_then(|i| self.world.nodes.get(i)) else {
            return;
        };
        let name = n.name.clone();
        self.run.host_ip = Some(n.internal_ip.clone());
        self.node_images = n.images.clone();
        self.run.node.set(self.now, Some(name.clone()));
        self.pod_scheduled(true, "", String::new());
        self.flow(
            Component::ApiServer,
            None,
            format!(
                "POST pods/{}/binding → spec.nodeName {name}",
                self.world.pod.meta.name
            ),
            Cause::new(Rule::Bound { node: name.clone() }),
        );
        self.after(timing::KUBELET_WATCH_MS, Ev::KubeletSees);
    }

    fn kubelet_sees(&mut self) {
        self.kubelet_seen = Some(self.now);
        let node = self.node_name();
        self.flow(
            Component::Kubelet,
            None,
            Text::new(
                format!("the kubelet on {node} admits the pod and starts its pod worker"),
                format!("{node} 上的 kubelet 接纳这个 Pod，启动它的 pod worker"),
            ),
            Cause::new(Rule::KubeletSawPod),
        );
        // Kubelet admission: the node's resources (a pod bound with spec.nodeName skips the
        // scheduler's fit check).
        if let Some(msg) = self.kubelet_admission() {
            return self.reject(msg);
        }
        self.status_dirty = true;
        for g in self.world.pod.readiness_gates.clone() {
            self.flow(
                Component::Kubelet,
                None,
                Text::new(
                    format!(
                        "readiness gate {g}: the pod is Ready only when this condition is True"
                    ),
                    format!("就绪门控 {g}：只有这个条件为 True 时 Pod 才 Ready"),
                ),
                Cause::new(Rule::ReadinessGateMissing { gate: g.clone() }),
            );
            self.note(
                None,
                NoteKind::Simplification,
                Text::new(
                    format!("readiness gate {g}: a controller outside the pod (a load balancer, a service mesh) would set this condition; nothing sets it in the playground, so Ready stays False"),
                    format!("就绪门控 {g}：这个状况本应由 Pod 之外的控制器（负载均衡器、服务网格）设置；playground 里没有谁设置它，所以 Ready 一直是 False"),
                ),
            );
        }
        self.start_probe_workers();
        self.at(self.now, Ev::MountVolumes);
    }

    fn kubelet_admission(&self) -> Option<(&'static str, String)> {
        let n = self.node.and_then(|i| self.world.nodes.get(i))?;
        let (cpu, mem) = self.world.pod.effective_requests();
        if cpu > 0 && cpu > n.allocatable_cpu_milli - n.requested_cpu_milli {
            return Some((
                "OutOfcpu",
                format!(
                    "Node didn't have enough resource: cpu, requested: {cpu}, used: {}, capacity: {}",
                    n.requested_cpu_milli, n.allocatable_cpu_milli
                ),
            ));
        }
        if mem > 0 && mem > n.allocatable_memory - n.requested_memory {
            return Some((
                "OutOfmemory",
                format!(
                    "Node didn't have enough resource: memory, requested: {mem}, used: {}, capacity: {}",
                    n.requested_memory, n.allocatable_memory
                ),
            ));
        }
        None
    }

    /// kubelet.go `rejectPod`: the event carries the admission message; the pod's status
    /// message is `"Pod was rejected: " + message`.
    fn reject(&mut self, (reason, msg): (&'static str, String)) {
        let resource = reason.trim_start_matches("Outof").to_string();
        let cause = Cause::new(Rule::KubeletRejected { resource });
        self.warning(reason, None, msg.clone(), cause.clone());
        self.flow(Component::Kubelet, None, msg.clone(), cause);
        self.run
            .reason
            .set(self.now, Some((reason, format!("Pod was rejected: {msg}"))));
        self.run.phase.set(self.now, Phase::Failed);
        self.terminal = true;
        self.rejected = true;
    }

    pub(crate) fn node_name(&self) -> String {
        self.node
            .and_then(|i| self.world.nodes.get(i))
            .map(|n| n.name.clone())
            .unwrap_or_default()
    }

    fn sandbox_created(&mut self) {
        let pod = &self.world.pod;
        let host = NsSet::HOST;
        let net = if pod.host_network {
            host.net
        } else {
            self.inode()
        };
        let uts = if pod.host_network {
            host.uts
        } else {
            self.inode()
        };
        let ipc = if pod.host_ipc { host.ipc } else { self.inode() };
        let mnt = self.inode();
        let pid = if pod.host_pid { host.pid } else { self.inode() };
        let cgroup = self.inode();
        let user = if pod.host_users {
            host.user
        } else {
            self.inode()
        };
        let ns = NsSet {
            net,
            ipc,
            uts,
            pid,
            mnt,
            user,
            cgroup,
        };
        self.sandbox_ns = Some(ns);
        self.run.pause_ns.set(self.now, Some(ns));
        // pause is PID 1 of its PID namespace.
        if !pod.host_pid {
            self.pid_next.push((pid, 2));
            self.run.ps.push((pid, Track::default()));
            self.refresh_ps(pid);
        }
        self.flow(
            Component::Cri,
            None,
            Text::new(
                format!(
                    "RunPodSandbox: pause container ({}) holds the pod's namespaces: net:[{net}] ipc:[{ipc}] uts:[{uts}]; only loopback so far",
                    crate::sim::PAUSE_IMAGE
                ),
                format!(
                    "RunPodSandbox：pause 容器（{}）持有 Pod 的命名空间 net:[{net}] ipc:[{ipc}] uts:[{uts}]；目前只有回环网卡",
                    crate::sim::PAUSE_IMAGE
                ),
            ),
            Cause::new(Rule::SandboxCreated),
        );
        if pod.host_network {
            let ip = self.run.host_ip.clone();
            self.flow(
                Component::Cni,
                None,
                Text::new(
                    "hostNetwork: no CNI call; the pod uses the node's network namespace and IP",
                    "hostNetwork：不调用 CNI；Pod 使用节点的网络命名空间和 IP",
                ),
                Cause::new(Rule::HostNetwork),
            );
            self.pod_ip = ip.clone();
            self.run.pod_ip.set(self.now, ip);
            self.sandbox_ready = true;
            self.status_dirty = true;
            self.sync_at(self.now);
        } else {
            self.after(timing::CNI_MS, Ev::CniDone);
        }
    }

    fn cni_done(&mut self) {
        let ip = self.allocate_pod_ip();
        self.pod_ip = Some(ip.clone());
        self.run.pod_ip.set(self.now, Some(ip.clone()));
        self.flow(
            Component::Cni,
            None,
            Text::new(
                format!("CNI ADD: veth pair, eth0 {ip}/24 in the pod's network namespace, default route via the node"),
                format!("CNI ADD：创建 veth 对，Pod 网络命名空间里的 eth0 为 {ip}/24，默认路由经过节点"),
            ),
            Cause::new(Rule::CniAdded { ip }),
        );
        self.sandbox_ready = true;
        self.status_dirty = true;
        self.sync_at(self.now);
    }

    /// host-local IPAM: the first free address of the node's pod CIDR. The default cluster's
    /// nodes already run a few pods, so a new pod gets `.5` on a worker.
    fn allocate_pod_ip(&self) -> String {
        let Some(n) = self.node.and_then(|i| self.world.nodes.get(i)) else {
            return "10.244.0.5".into();
        };
        let base = n.pod_cidr.split('/').next().unwrap_or("10.244.0.0");
        let parts: Vec<u8> = base.split('.').filter_map(|p| p.parse().ok()).collect();
        let [a, b, c, _] = <[u8; 4]>::try_from(parts).unwrap_or([10, 244, 0, 0]);
        let host = if let Some(h) = self.world.ip_host {
            h
        } else if self.world.default_nodes {
            if n.name == "control-plane" {
                9
            } else {
                5
            }
        } else {
            2
        };
        format!("{a}.{b}.{c}.{host}")
    }

    fn deadline(&mut self) {
        if self.terminal || self.deleting {
            return;
        }
        let s = self.world.pod.active_deadline_seconds.unwrap_or(0);
        let cause = Cause::new(Rule::DeadlineExceeded { seconds: s });
        self.normal(
            "DeadlineExceeded",
            None,
            "Pod was active on the node longer than the specified deadline".into(),
            cause,
        );
        self.run.reason.set(
            self.now,
            Some((
                "DeadlineExceeded",
                "Pod was active on the node longer than the specified deadline".into(),
            )),
        );
        self.terminal = true;
        self.stop_all(
            StopReason::Deletion,
            self.world.pod.termination_grace_period_seconds,
        );
        self.run.phase.set(self.now, Phase::Failed);
    }

    /// Overrides of the lesson for container `c`.
    pub(crate) fn overrides(&self, c: usize) -> impl Iterator<Item = &OverrideAction> {
        let name = self.name(c).to_string();
        self.opts
            .overrides
            .iter()
            .filter(move |o| o.container == name)
            .map(|o| &o.action)
    }
}

impl Ctr {
    fn new(spec: Container, kind: ContainerKind, image: ImageInfo) -> Ctr {
        Ctr {
            spec,
            kind,
            image,
            life: Life::Idle,
            gen: 0,
            runs: 0,
            program: None,
            hook: None,
            last_exit: None,
            exit_seen: true,
            retry_at: None,
            started_at: SimTime::ZERO,
            started: false,
            ready: false,
            rootfs: Fs::new(),
            env: Vec::new(),
            mem_program: 0,
            mem_extra: 0,
            cpu_demand: 0,
            cpu_noted: false,
            zero_sleeps: 0,
            busy_polls: 0,
            backoff: None,
            pull_backoff: None,
            backoff_reported: false,
            probes: [ProbeWorker::default(); 3],
            ns: None,
            pids: Vec::new(),
            stopping: None,
            oom: false,
            probe_req: [None, None, None],
            turn_wait: None,
            start_error: None,
            killed_in_sync: None,
            restart_pending: false,
        }
    }

    pub(crate) fn restart_count(&self) -> u32 {
        self.runs.saturating_sub(1)
    }

    pub(crate) fn memory_limit(&self) -> Option<u64> {
        self.spec
            .resources
            .limits
            .memory
            .filter(|m| *m > 0)
            .map(|m| m as u64)
    }
}
