//! The deterministic simulation of a pod's life (see `docs/ARCHITECTURE.md`).
//!
//! [`simulate`] (or [`simulate_with`] and another program library) plays the control plane and
//! the kubelet for one Pod and its [`World`]: the creation flow (kubectl → API server → etcd →
//! scheduler → kubelet → volumes → CRI sandbox → CNI → image pulls → init containers → sidecars →
//! app containers), what the containers' programs do (through [`process::Sys`], one per
//! container), probes, hooks, restarts with back-off, OOM kills, termination on deletion. Time is
//! integer milliseconds ([`SimTime`]); events pop from a queue in `(time, seq)` order, so the same
//! input always gives the same [`Run`].
//!
//! The [`Run`] answers "what is the state at time t" with a binary search per entity
//! ([`Run::state_at`]), and keeps every Kubernetes event with the [`Cause`] (chain of [`Rule`]s)
//! that produced it, the creation flow ([`Run::flow`]), per-container timelines
//! ([`Run::timeline`]) and the notes the UI shows ([`Run::notes`]). [`printer`] renders it as
//! kubectl would (`describe`, `get`, a one-line-per-event trace); `to_json` (feature `cli`) as
//! `podplay simulate --json` prints it.
//!
//! ## Engine layout
//! `engine/mod.rs` (queue, creation flow up to the kubelet), `engine/kubelet.rs` (pod worker,
//! start chain, back-off, programs, hooks, kills), `engine/probes.rs` (prober workers),
//! `engine/containers.rs` (the `Sys` of a container: files, volumes, env, ps),
//! `engine/network.rs` (port table, DNS, routing), `engine/termination.rs`, `engine/status.rs`
//! (phase and conditions).
//!
//! ## Simplifications (each also said where it is made)
//! - The kubelet's jitter is left out: a pod worker retries exactly when a back-off ends, and PLEG
//!   relists every whole second from when the kubelet first saw the pod.
//! - A container killed by its liveness or startup probe is restarted by the same sync as soon
//!   as it has stopped; as upstream, that sync's back-off check looks at the run before the
//!   killed one. (The real pod worker is blocked in the kill meanwhile; so is the simulated one.)
//! - Hook output and other things the kubelet writes only to its own log appear as notes of kind
//!   `KubeletLog`, without klog's timestamp header.
//! - An exec probe runs to completion at its tick; its sleeps count toward `timeoutSeconds`.
//! - Only this pod exists: Services route to it when they select it and it is Ready; other
//!   addresses time out.
//! - Processes of exec probes and hooks do not appear in `ps`.
//! - A session's commands reach a pod as [`Options::execs`] (`kubectl exec`, run to its end at
//!   the instant typed, see `engine/exec.rs`) and [`Options::image_changes`] (`kubectl apply` with
//!   a new image: the container is killed and started again, `Container x definition changed`).
//!
//! ## Timing constants
//! Every delay the simulation uses is a named constant in [`timing`], with the reason for its value.
//!
//! ## Budgets
//! No input hangs the simulation: [`MAX_QUEUE_EVENTS`] bounds the whole run, [`MAX_ZERO_SLEEPS`]
//! bounds a program that never lets time pass, [`MAX_BUSY_POLLS`] a busy loop, [`MAX_EVENTS`]
//! the recorded Kubernetes events, [`MAX_LOG_BYTES`] a container's log, and file systems are
//! bounded (see `fs`). A bound that is hit becomes a [`Note`].

mod engine;
pub(crate) mod fs;
pub mod hosts;
pub mod printer;
pub(crate) mod procfs;
mod rules;
mod run;
mod runtime;
pub(crate) mod schedule;
pub mod status;
pub mod view_input;
pub mod view_pod;
pub mod view_timeline;
mod world;

#[cfg(feature = "cli")]
mod json;
#[cfg(feature = "cli")]
pub use json::to_json;

/// The process contract lives in [`crate::os`]; the engine names it `sim::process`.
pub use crate::os::process;
pub use crate::os::SimTime;
pub use engine::{simulate, simulate_with, Slices};
pub use rules::{Cause, ProbeKind, Rule};
pub use run::*;
pub use runtime::DefaultRuntime;
pub use world::{api_access_volume, default_cluster, World, WorldError, PAUSE_IMAGE};
pub(crate) use world::pod_uid;

use crate::os::Program;

/// Stops the run after this many queue events (a pod with 10 containers probed every second for
/// an hour needs about 80 000).
pub const MAX_QUEUE_EVENTS: u64 = 2_000_000;
/// A program that asks to be woken again at the same instant this many times in a row is stopped
/// (it would spin forever without letting simulated time pass).
pub const MAX_ZERO_SLEEPS: u32 = 10_000;
/// A program that keeps a whole CPU busy (it asks for 1000m and to be woken again within 100 ms)
/// is interpreted for this many slices in a row (about 1 s of simulated time with the shell's
/// 20 ms slices); then the playground stops interpreting it and assumes it keeps spinning (it still
/// receives signals). This bounds the work a busy loop costs.
pub const MAX_BUSY_POLLS: u32 = 50;
/// Kubernetes events recorded at most; later ones are counted in a note.
pub const MAX_EVENTS: usize = 100_000;
/// Bytes of log kept per container (the kubelet rotates at 10 MiB by default); later output is
/// dropped with a note.
pub const MAX_LOG_BYTES: usize = 1024 * 1024;

/// The delays of the simulated cluster. Real clusters vary; these are typical values for a small
/// cluster on a fast network, chosen so that runs read like real `kubectl describe` output.
pub mod timing {
    /// kubectl → API server: request received (TLS connection reused).
    pub const API_REQUEST_MS: u64 = 2;
    /// Authentication, authorization, mutating and validating admission, defaulting, validation.
    pub const API_ADMISSION_MS: u64 = 5;
    /// The etcd write (a single-member etcd on SSD commits in a few ms).
    pub const ETCD_WRITE_MS: u64 = 8;
    /// The scheduler's informer sees the new pod and a scheduling cycle runs.
    pub const SCHEDULE_MS: u64 = 20;
    /// The binding is written.
    pub const BIND_MS: u64 = 10;
    /// The kubelet's watch delivers the bound pod.
    pub const KUBELET_WATCH_MS: u64 = 15;
    /// Setting up each volume (emptyDir mkdir, configMap files written by the atomic writer).
    pub const VOLUME_MOUNT_MS: u64 = 10;
    /// RunPodSandbox: network namespace and the pause container (its image is on every node).
    pub const SANDBOX_MS: u64 = 250;
    /// CNI ADD: veth pair, eth0 in the pod, IP from the node's pod CIDR (host-local IPAM).
    pub const CNI_MS: u64 = 100;
    /// An image pull that fails (the registry answers "not found" quickly).
    pub const PULL_FAIL_MS: u64 = 600;
    /// A pull of an image whose layers are already on the node (`imagePullPolicy: Always`): the
    /// registry round trip for the manifest.
    pub const PULL_CACHED_MS: u64 = 350;
    /// Pull time when the image library does not give one (the library derives pull times from
    /// the images' sizes: 0.5 s + size at 20 MB/s).
    pub const PULL_DEFAULT_MS: u64 = 2_000;
    /// CreateContainer (the runtime prepares the rootfs snapshot and the OCI spec).
    pub const CREATE_MS: u64 = 40;
    /// StartContainer (runc starts the process).
    pub const START_MS: u64 = 60;
    /// The generic PLEG relists containers every second: a container's exit is noticed at the next
    /// relist (relists happen at whole seconds after the kubelet first saw the pod).
    pub const PLEG_RELIST_MS: u64 = 1_000;
    /// The pod worker retries a failed sync (config error, ErrImageNeverPull) after
    /// `backOffPeriod` (10 s; the real one adds up to 50 % jitter, the simulation adds none).
    pub const SYNC_RETRY_MS: u64 = 10_000;
    /// Crash loop back-off: first delay and cap (kubelet `backOffPeriod`, `MaxContainerBackOff`).
    pub const BACKOFF_INITIAL_MS: u64 = 10_000;
    pub const BACKOFF_MAX_MS: u64 = 300_000;
    /// A back-off entry expires when the container has run this long since its last start
    /// (client-go flowcontrol.Backoff: 2 × max).
    pub const BACKOFF_RESET_MS: u64 = 600_000;
    /// The volume manager's retry of a failed mount: 500 ms doubling to 2m2s.
    pub const MOUNT_RETRY_INITIAL_MS: u64 = 500;
    pub const MOUNT_RETRY_MAX_MS: u64 = 122_000;
    /// WaitForAttachAndMount gives up after 2m3s.
    pub const MOUNT_WAIT_MS: u64 = 123_000;
    /// The scheduler retries an unschedulable pod after 5 minutes without cluster events
    /// (podMaxInUnschedulablePodsDuration).
    pub const SCHEDULER_RETRY_MS: u64 = 300_000;
    /// After all containers stopped on deletion, the kubelet removes the sandbox and the API object
    /// is deleted.
    pub const SANDBOX_STOP_MS: u64 = 100;
    pub const API_DELETE_MS: u64 = 20;
    /// The kubelet's minimum grace period when it stops a container (minimumGracePeriodInSeconds).
    pub const MIN_GRACE_S: i64 = 2;
}

/// A failure a lesson stages for one container.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OverrideAction {
    /// Every run of the container exits `after_ms` after it starts, with `code`.
    ExitAfter { after_ms: u64, code: i32 },
    /// Every pull of the container's image fails (the registry says "not found").
    FailImagePull,
    /// One second after it starts, the container uses this many MiB more memory (OOMKilled when it
    /// passes the limit).
    UseMemoryMib(u64),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Override {
    pub container: String,
    pub action: OverrideAction,
}

/// Simulation options.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// The run ends here. Default 300 s.
    pub until: SimTime,
    /// `kubectl delete pod` at this time, to play termination. Default none.
    pub delete_at: Option<SimTime>,
    /// The delete's grace period (`kubectl delete --grace-period=N`, `--now` = 1, `--force` = 0)
    /// instead of the pod's `terminationGracePeriodSeconds`; 0 removes the object at once.
    pub delete_grace: Option<i64>,
    pub overrides: Vec<Override>,
    /// `kubectl exec` commands typed in a session, in time order; their results are
    /// [`Run::exec_results`] in the same order.
    pub execs: Vec<ExecCmd>,
    /// `kubectl apply` of the pod with a container's image changed (the only change to a pod's
    /// containers the API server allows).
    pub image_changes: Vec<ImageChange>,
    /// A session's cluster network (None: the pod is alone, as in the play area): the other
    /// pods and the Services are reached through the answers the session found.
    pub net: Option<Net>,
    /// Connections from other pods or the node that reach this pod (a session's traffic), in
    /// time order; their results are [`Run::inbound`] in the same order.
    pub inbound: Vec<Inbound>,
    /// Where the run's time 0 lies on the cluster's clock (a session pod created later): the
    /// wall clock the programs read and the times `describe` and the status print add it.
    pub clock_base: SimTime,
}

/// The cluster around a pod of a session.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Net {
    /// The Services the cluster DNS knows (name, namespace, ClusterIP), those created after the
    /// pod included.
    pub services: Vec<(String, String, String)>,
    /// What the session found for the pod's connections to other addresses.
    pub answers: Vec<(Remote, RemoteResult)>,
}

/// A connection from a pod of a session to an address that is not its own, at a time of its
/// clock (`http`: the request; None: a bare TCP connect, `nc -z`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Remote {
    pub at: SimTime,
    pub ip: String,
    pub port: u16,
    pub http: Option<crate::os::HttpRequest>,
}

/// What a connection to another pod (or through a Service) got.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RemoteResult {
    Http(crate::os::HttpResponse),
    Connected,
    Refused,
    Timeout,
}

/// A connection that reaches this pod on `port` at a time of its clock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inbound {
    pub at: SimTime,
    pub port: u16,
    pub http: Option<crate::os::HttpRequest>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            until: SimTime::from_secs(300),
            delete_at: None,
            delete_grace: None,
            overrides: Vec::new(),
            execs: Vec::new(),
            image_changes: Vec::new(),
            net: None,
            inbound: Vec::new(),
            clock_base: SimTime(0),
        }
    }
}

/// A command run in a container at a time (`kubectl exec POD -c CONTAINER -- ARGV…`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExecCmd {
    pub at: SimTime,
    /// The container's index in the run (init containers first, as [`Run::containers`]).
    pub container: usize,
    pub argv: Vec<String>,
    /// The same exec as an earlier play of this pod ran it, when it changed nothing but notes
    /// and files ([`Run::exec_known`]). A session plays a pod again from its creation with every
    /// exec typed so far, deterministically, and commands are typed in time order, so such an
    /// exec would do exactly the same again: its notes are added, the changes it made to each
    /// file system are made again and its result is taken, instead of interpreting it once more
    /// (a busy loop is a million steps). An exec that used the network or sent a signal is
    /// interpreted again.
    pub known: Option<ExecKnown>,
}

/// A container's image changed at a time: the kubelet restarts it with the new image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageChange {
    pub at: SimTime,
    pub container: usize,
    pub image: String,
}

/// Polls and simulated time one exec may use before the playground stops it (an endless loop,
/// `yes`, `tail -f`): the terminal's Ctrl-C.
pub const MAX_EXEC_CMD_POLLS: u32 = 5_000;
pub const MAX_EXEC_CMD_MS: u64 = 600_000;
/// Output kept from one exec; more is cut with a note.
pub const MAX_EXEC_OUTPUT: usize = 32 * 1024;

/// What the simulation knows of an image.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImageInfo {
    /// False when the image library does not know it (the simulation then assumes it exists).
    pub known: bool,
    /// The reference as the runtime resolves it (`docker.io/library/nginx:latest`).
    pub name: String,
    /// The user the image runs as (`root`, `nginx`, `101`).
    pub user: String,
    /// How long a first pull takes.
    pub pull_ms: u64,
    /// The image size the kubelet reports after a pull.
    pub size_bytes: u64,
    /// Files and directories of the image's root file system.
    pub files: Vec<(String, String)>,
    pub dirs: Vec<String>,
    /// The image's `ENV`.
    pub env: Vec<(String, String)>,
    /// The image's programs, by path (`/bin/ls`), sorted and shared.
    pub programs: std::rc::Rc<[String]>,
    /// Its userland (a Debian image's /bin, /sbin and /lib are links into /usr).
    pub userland: crate::shell::Userland,
}

/// What starts a container's main program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Launch {
    pub image: String,
    /// `command` and `args` after `$(VAR)` expansion.
    pub command: Vec<String>,
    pub args: Vec<String>,
    pub stdin: bool,
    pub tty: bool,
    pub declared_ports: Vec<(u16, process::Proto)>,
    pub working_dir: Option<String>,
}

/// The library of program behaviours the engine runs. The product uses [`crate::programs`]; tests
/// can bring their own.
pub trait Runtime {
    fn image(&self, image: &str) -> ImageInfo;
    /// The container's main program (the image's entrypoint with the pod's command/args).
    fn entrypoint(&self, launch: &Launch) -> Box<dyn Program>;
    /// A program started in a running container (`exec` probes and hooks).
    fn exec(&self, image: &str, argv: &[String]) -> Box<dyn Program>;
}
