//! The contract between the simulated node (the engine in [`crate::sim`]) and the programs that
//! run in containers (shell scripts interpreted by [`crate::shell`], and the behaviours of known
//! images in [`crate::programs`]).
//!
//! A program is a resumable state machine: the engine calls [`Program::poll`] and the program runs
//! until it must wait (for time to pass, or forever until signalled) or exits. All effects on the
//! world go through [`Sys`], which the engine implements per container (its mount namespace, the
//! pod's network namespace, its PID namespace, its log). Programs never see the clock except
//! through `Sys::now`, so runs are deterministic.

use std::fmt;

/// Simulated time in milliseconds since `kubectl create` was run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SimTime(pub u64);

impl SimTime {
    pub const ZERO: SimTime = SimTime(0);

    pub const fn from_secs(s: u64) -> SimTime {
        SimTime(s * 1000)
    }

    pub const fn from_millis(ms: u64) -> SimTime {
        SimTime(ms)
    }

    pub fn as_secs_f64(self) -> f64 {
        self.0 as f64 / 1000.0
    }

    pub fn saturating_add(self, ms: u64) -> SimTime {
        SimTime(self.0.saturating_add(ms))
    }
}

impl fmt::Display for SimTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.1}s", self.as_secs_f64())
    }
}

/// What a program asks of the engine when it stops running for now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Poll {
    /// The program exited with this code (PID 1 exiting ends the container).
    Exit(i32),
    /// Wake the program again after this many milliseconds of simulated time (`sleep`).
    Sleep(u64),
    /// Nothing more to do until something happens to it (a server loop, `sh` reading a tty
    /// with `stdin: true`, `sleep infinity`). It still answers connections and signals.
    Idle,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signal {
    Term,
    Kill,
    /// `nginx -s quit` and friends: a graceful stop asked by another process.
    Quit,
}

/// What a program does when signalled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignalOutcome {
    /// Exits after `after_ms` with `code` (0 for a graceful stop, 143 = 128+SIGTERM, …).
    Exit { code: i32, after_ms: u64 },
    /// Ignores the signal. A shell running as PID 1 with no trap ignores SIGTERM, which is why
    /// such a pod takes the whole grace period to terminate.
    Ignore,
    /// The program handles the signal itself (a shell `trap`): it keeps running, the engine
    /// polls it again at once, and whether and when it exits shows through `poll`. (A shell
    /// runs its trap only after its foreground command ends, so the exit may come much later.)
    Handled,
}

impl SignalOutcome {
    /// Exits at once with `code`.
    pub fn exit_now(code: i32) -> SignalOutcome {
        SignalOutcome::Exit { code, after_ms: 0 }
    }
}

/// An entry of the process table (`ps aux` as seen from inside a PID namespace).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProcInfo {
    /// The command line as `ps` shows it (`nginx: master process nginx -g daemon off;`).
    pub command: String,
    /// User name shown by `ps` (`root`, `nginx`, `101`…).
    pub user: String,
}

/// A file system error, worded the way busybox prints it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FsError {
    NotFound,
    NotADirectory,
    IsADirectory,
    ReadOnly,
    NotEmpty,
    Exists,
}

impl FsError {
    pub fn message(&self) -> &'static str {
        match self {
            FsError::NotFound => "No such file or directory",
            FsError::NotADirectory => "Not a directory",
            FsError::IsADirectory => "Is a directory",
            FsError::ReadOnly => "Read-only file system",
            FsError::NotEmpty => "Directory not empty",
            FsError::Exists => "File exists",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    File,
    Dir,
}

/// A network error, worded the way the C library prints it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NetError {
    /// `bind()` on a port another process of the same network namespace holds.
    AddrInUse,
    ConnectionRefused,
    /// DNS name that resolves to nothing (`bad address 'k8sbook'`).
    UnknownHost,
    Timeout,
}

impl NetError {
    pub fn message(&self) -> &'static str {
        match self {
            NetError::AddrInUse => "Address already in use",
            NetError::ConnectionRefused => "Connection refused",
            NetError::UnknownHost => "bad address",
            NetError::Timeout => "Connection timed out",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Proto {
    Tcp,
    Udp,
    Sctp,
}

/// An HTTP request as a program or a probe makes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRequest {
    /// The host the client asked for (`localhost`, `127.0.0.1`, a Service name, an IP).
    pub host: String,
    pub port: u16,
    pub path: String,
    pub headers: Vec<(String, String)>,
    /// The client's address as the server sees it, when another pod, the node or docker's
    /// proxy connects (None: from the host the client asked for, as before).
    pub client: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    pub body: String,
}

impl HttpResponse {
    pub fn new(status: u16, body: impl Into<String>) -> HttpResponse {
        HttpResponse {
            status,
            body: body.into(),
        }
    }
}

/// The world as one program sees it. The engine implements it for each running container;
/// tests implement it in memory.
///
/// Paths are absolute and already normalised by the caller (`/tmp/healthy`). The engine maps them
/// to the container's own root file system or to a shared volume according to its mounts.
pub trait Sys {
    fn now(&self) -> SimTime;

    /// Where this run's time 0 lies on the cluster's clock: 0 for a pod played alone, the
    /// creation time for a pod a session created later. Only the wall clock
    /// ([`crate::os::clock::wall_now`]) adds it; timers and budgets use [`Sys::now`].
    fn clock_base(&self) -> SimTime {
        SimTime(0)
    }

    /// The container's name (for messages).
    fn container(&self) -> &str;

    /// An environment variable of the container (`env`, `envFrom`, service links).
    fn env(&self, name: &str) -> Option<String>;

    /// Every environment variable of the container, sorted by name (what a shell imports and
    /// `env` lists). The default lists none; engines should override it.
    fn environ(&self) -> Vec<(String, String)> {
        Vec::new()
    }

    // --- files (the container's mount namespace) ---
    fn read_file(&self, path: &str) -> Result<String, FsError>;
    fn write_file(&mut self, path: &str, data: &str, append: bool) -> Result<(), FsError>;
    fn kind(&self, path: &str) -> Option<FileKind>;
    fn mkdir(&mut self, path: &str, parents: bool) -> Result<(), FsError>;
    fn remove(&mut self, path: &str, recursive: bool) -> Result<(), FsError>;
    /// Entry names in a directory, sorted.
    fn list_dir(&self, path: &str) -> Result<Vec<String>, FsError>;
    /// The target of a symbolic link (the `/proc/PID/ns/*` links); None when `path` is not one.
    fn read_link(&self, _path: &str) -> Option<String> {
        None
    }
    /// When `path` is one of the image's programs (executable: `ls -l` shows `-rwxr-xr-x`), its
    /// link count (the busybox image's applets are hard links of one file).
    fn program_links(&self, _path: &str) -> Option<usize> {
        None
    }
    /// Whether `path` is one of the image's programs (what [`Sys::program_links`] answers,
    /// without counting the links: the shell asks it at every command it looks up in PATH).
    fn is_program(&self, path: &str) -> bool {
        self.program_links(path).is_some()
    }
    /// Whether this system's file systems hold the images' programs (a container of the engine),
    /// so that the shell finds commands through PATH in them; a system without (the tests' own,
    /// the node's prompt) leaves it to the userland's lists.
    fn holds_programs(&self) -> bool {
        false
    }

    // --- network (the pod's network namespace, or the node's with hostNetwork) ---
    /// Binds a listening socket owned by this program. Fails with `AddrInUse` when any process
    /// in the same network namespace already listens on `port`.
    fn listen(&mut self, port: u16, proto: Proto) -> Result<(), NetError>;
    /// Closes a listening socket.
    fn unlisten(&mut self, port: u16, proto: Proto);
    /// Resolves a DNS name through the cluster DNS (Services of the input, the pod's own
    /// hostname, `hostAliases`, `localhost`). Returns the IP as text.
    fn resolve(&self, name: &str) -> Option<String>;
    /// A DNS query a program makes itself (`nslookup`): resolves like [`Sys::resolve`], and the
    /// engine records it as an attempt of the container for the network view.
    fn lookup(&mut self, name: &str) -> Option<String> {
        self.resolve(name)
    }
    /// Makes an HTTP request; the engine routes it to the program that listens there (which
    /// answers through [`Program::serve`]) and records the connection for the network view.
    fn http(&mut self, req: &HttpRequest) -> Result<HttpResponse, NetError>;
    /// Opens (and closes) a TCP connection: succeeds when something listens there.
    fn tcp_connect(&mut self, host: &str, port: u16) -> Result<(), NetError>;

    // --- process ---
    fn stdout(&mut self, text: &str);
    fn stderr(&mut self, text: &str);
    /// Memory this program now uses, in bytes (the engine compares the container's total with
    /// its limit and OOM-kills it when it is exceeded).
    fn set_memory(&mut self, bytes: u64);
    /// CPU this program wants, in millicores (a busy loop wants 1000; the engine throttles it to
    /// the container's limit).
    fn set_cpu_demand(&mut self, millicores: u64);
    /// Something the playground assumed because it does not model it (an unknown command, an
    /// unknown image). The UI shows these so that nothing is guessed silently.
    fn assume(&mut self, note: crate::diag::Text);
    /// The pod's hostname as `hostname` prints it (the UTS namespace: the pod name, or the node's
    /// with hostNetwork).
    fn hostname(&self) -> String;
    /// The process table of this container's PID namespace, as `ps` lists it: `(pid, info)`
    /// sorted by pid. With `shareProcessNamespace` it includes pause (PID 1) and every container.
    fn process_table(&self) -> Vec<(u32, ProcInfo)>;
    /// Asks another process of the same PID-visible set to stop (`nginx -s quit` sends `Quit`
    /// to the nginx master). Returns false when there is no such process.
    fn signal_process(&mut self, command_prefix: &str, signal: Signal) -> bool;
    /// Everything still unread on the program's standard input, when it is a pipe or a
    /// here-document (`kubectl apply -f - <<EOF`); `None` when stdin is closed or a terminal.
    fn read_stdin(&mut self) -> Option<String> {
        None
    }
}

/// A program running in a container: the entrypoint, a probe's or hook's command, or a child
/// of a shell script.
pub trait Program {
    /// Runs until the program exits or must wait. `sys.now()` tells the time; a program that
    /// returned `Sleep(ms)` is polled again `ms` later.
    fn poll(&mut self, sys: &mut dyn Sys) -> Poll;

    /// Answers an HTTP request on a port this program listens on. The default answers 404.
    fn serve(&mut self, _req: &HttpRequest, _sys: &mut dyn Sys) -> HttpResponse {
        HttpResponse::new(404, "")
    }

    /// Reacts to a signal sent to the program (PID 1 of the container for SIGTERM/SIGKILL).
    fn signal(&mut self, signal: Signal) -> SignalOutcome {
        match signal {
            Signal::Kill => SignalOutcome::exit_now(137),
            Signal::Term => SignalOutcome::exit_now(143),
            Signal::Quit => SignalOutcome::exit_now(0),
        }
    }

    /// The processes this program consists of right now, the first being itself.
    fn processes(&self) -> Vec<ProcInfo>;

    /// Whether the program reads its environment beyond the container's (the shell then gives
    /// it with [`Program::set_env`] when it starts the program).
    fn wants_env(&self) -> bool {
        false
    }

    /// The environment the shell starts the program with: the container's, the exported
    /// variables and the command's own assignments (`KUBE_EDITOR=… kubectl edit …`).
    fn set_env(&mut self, _env: Vec<(String, String)>) {}

    /// Set when the container runtime could not start the program at all (its executable does
    /// not exist), with the runtime's reason, e.g. `exec: "foo": executable file not found in
    /// $PATH`. The engine then reports a `StartError` (exit code 128) instead of running it.
    /// Checked after the first `poll`, which returns `Exit(128)` for such a program.
    fn start_error(&self) -> Option<String> {
        None
    }
}
