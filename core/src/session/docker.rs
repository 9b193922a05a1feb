//! `docker` on the node's prompt: containers run by the same programs and shell as the pods'
//! (`programs::entrypoint`, `programs::exec`), each with its own root file system, joined to
//! another container's network, IPC or PID namespace with `--net|--ipc|--pid=container:NAME`
//! (the notes' hand-made "pod": pause, then two nginx in its namespaces), ports published on
//! the node with `-p`, host files bind-mounted with `-v`. Enough for the notes' pause demo, after
//! which `curl 127.0.0.1:8080` on the node gets the page through the proxy.
//! `docker stop` and `start` stop (SIGTERM, then SIGKILL) and rerun a container in the file
//! system it had; the containers in a stopped init's PID namespace die with it, and a container
//! cannot start while one whose namespaces it joins is stopped (a `docker run` then leaves it
//! Created, as the daemon creates it before starting it). `/proc` inside a container lists
//! the processes of its PID namespace ([`crate::sim::procfs`]).
//!
//! Output is Docker 26's (CLI and daemon): `ps` through the CLI's tabwriter (minwidth 10, padding 3,
//! formatter.go), CREATED/STATUS from go-units HumanDuration, `inspect` as the Engine API's JSON
//! (the fields listed in `inspect_json`), errors as the daemon and cobra word them.
//!
//! Simplified (stated in ARCHITECTURE.md): images are already on the node (no pull output);
//! `stop -s` and `start -a|-i` are not played;
//! a bind mount copies the host file when the container is created (later edits on the node are
//! not seen); a container without `-d` runs in the foreground until it exits, and a server
//! (which never does) is stopped as Ctrl-C would with the CLI's signal proxy; containers get
//! bridge addresses `172.17.0.2`, `.3`, … in creation order and node PIDs 2000, 2100, …; an
//! unnamed container's name comes from a subset of namesgenerator's words picked by its ID;
//! only the fields of `inspect` listed there are given.

use super::cluster::{Cluster, Out};
use super::MAX_POLLS;
use crate::os::process::{
    FileKind, FsError, HttpRequest, HttpResponse, NetError, Poll, ProcInfo, Proto, Signal, SignalOutcome, Sys,
};
use crate::os::{Program, SimTime};
use crate::sim::fs::Fs;
use crate::sim::NsSet;

/// The node's kernel namespaces a container gets (after those of the session's pods).
const FIRST_INODE: u64 = 4026533000;
/// Output a container's log keeps.
const MAX_LOG: usize = 256 * 1024;

pub(crate) struct DCtr {
    id: String,
    name: String,
    image: String,
    /// The process: path and arguments (ENTRYPOINT + CMD, or the CMD given).
    argv: Vec<String>,
    created: SimTime,
    /// When it last started (`docker start` starts it again).
    started: SimTime,
    /// Created but never started (its `docker run` could not start it): status `Created`.
    never_started: bool,
    /// Published ports (host, container).
    ports: Vec<(u16, u16)>,
    binds: Vec<String>,
    /// The containers whose namespaces it joined.
    net: Option<usize>,
    ipc: Option<usize>,
    pid_of: Option<usize>,
    fs: Fs,
    /// The image's userland (a Debian image's /bin is a link into /usr).
    userland: crate::shell::Userland,
    prog: Option<Box<dyn Program>>,
    /// When to poll the program next (None: it waits for a request or signal).
    wake: Option<SimTime>,
    exit: Option<(SimTime, i32)>,
    log: String,
    /// Ports its programs listen on (in the network namespace it is in).
    held: Vec<u16>,
    removed: bool,
    /// Its PID on the node.
    pid: u32,
    ns: NsSet,
    ip: String,
}

#[derive(Default)]
pub(crate) struct Docker {
    pub ctrs: Vec<DCtr>,
    /// Starts so far: each start gets the next node PID (2000, 2100, …) and its own namespaces.
    starts: u32,
}

impl Docker {
    /// The names of the containers not removed, for completion.
    pub(crate) fn names(&self) -> Vec<String> {
        self.ctrs.iter().filter(|c| !c.removed).map(|c| c.name.clone()).collect()
    }

    fn live(&self, key: &str) -> Option<usize> {
        self.ctrs.iter().position(|c| {
            !c.removed && (c.name == key || (key.len() >= 3 && c.id.starts_with(key)))
        })
    }

    /// The container whose network namespace container `i` is in.
    fn net_owner(&self, i: usize) -> usize {
        self.owner(i, |c| c.net)
    }

    fn pid_owner(&self, i: usize) -> usize {
        self.owner(i, |c| c.pid_of)
    }

    /// Follows `container:` joins (a few deep) to the container that made the namespace.
    fn owner(&self, i: usize, joined: fn(&DCtr) -> Option<usize>) -> usize {
        let mut k = i;
        for _ in 0..8 {
            match self.ctrs.get(k).and_then(joined) {
                Some(j) => k = j,
                None => break,
            }
        }
        k
    }

    fn running(&self, i: usize) -> bool {
        self.ctrs
            .get(i)
            .is_some_and(|c| !c.removed && !c.never_started && c.exit.is_none())
    }

    /// Polls every running container's program up to `now`.
    pub(crate) fn advance(&mut self, now: SimTime) {
        for i in 0..self.ctrs.len() {
            for _ in 0..MAX_POLLS {
                let Some(w) = self.ctrs.get(i).and_then(|c| c.wake) else {
                    break;
                };
                if w > now || !self.running(i) {
                    break;
                }
                let Some(mut prog) = self.ctrs.get_mut(i).and_then(|c| c.prog.take()) else {
                    break;
                };
                let p = prog.poll(&mut DSys { d: self, i, now: w });
                let Some(c) = self.ctrs.get_mut(i) else { break };
                match p {
                    Poll::Exit(code) => {
                        self.ended(i, w, code);
                        break;
                    }
                    Poll::Sleep(ms) => {
                        c.prog = Some(prog);
                        c.wake = Some(w.saturating_add(ms.max(1)));
                    }
                    Poll::Idle => {
                        c.prog = Some(prog);
                        c.wake = None;
                    }
                }
            }
        }
    }

    /// The node PID and namespaces of the next start: its own namespaces, or those of the
    /// containers it joins (`--net|--ipc|--pid=container:`).
    fn next_start(&mut self, net: Option<usize>, ipc: Option<usize>, pid: Option<usize>) -> (u32, NsSet) {
        let k = self.starts;
        self.starts += 1;
        let base = FIRST_INODE + u64::from(k) * 8;
        let inode = |n: u64| base + n;
        let ns_of = |j: Option<usize>, own: u64, pick: fn(&NsSet) -> u64| {
            j.and_then(|j| self.ctrs.get(j)).map_or(own, |c| pick(&c.ns))
        };
        let ns = NsSet {
            net: ns_of(net, inode(0), |s| s.net),
            uts: ns_of(net, inode(1), |s| s.uts),
            ipc: ns_of(ipc, inode(2), |s| s.ipc),
            pid: ns_of(pid, inode(3), |s| s.pid),
            mnt: inode(4),
            cgroup: inode(5),
            user: NsSet::HOST.user,
        };
        (2000 + k * 100, ns)
    }

    /// Why a container cannot join namespace `what` of container `j` (None: it can), as the
    /// daemon words it when the container starts: getNetworkedContainer ("cannot join network
    /// of a non running container: ID"), getIPCContainer/getPIDContainer (errNotRunning: "container
    /// ID is not running"). The ID is the one HostConfig stores (`container:<full ID>`).
    fn join_error(&self, j: usize, what: Ns) -> Option<String> {
        if self.running(j) {
            return None;
        }
        let id = self.ctrs.get(j).map(|c| c.id.clone()).unwrap_or_default();
        Some(match what {
            Ns::Net => format!("cannot join network of a non running container: {id}"),
            Ns::Ipc | Ns::Pid => format!("container {id} is not running"),
        })
    }

    /// Container `i` ended at `at` with `code`. When it was the init of a PID namespace others
    /// joined (`--pid=container:`), the kernel kills the rest of that namespace with SIGKILL: those
    /// containers end too (137).
    fn ended(&mut self, i: usize, at: SimTime, code: i32) {
        if let Some(c) = self.ctrs.get_mut(i) {
            c.exit = Some((at, code));
            c.wake = None;
            c.prog = None;
            c.held.clear();
        }
        for j in 0..self.ctrs.len() {
            if j != i && self.running(j) && self.pid_owner(j) == i {
                self.ended(j, at, 137);
            }
        }
    }

    /// `docker stop` of container `i` at `now` (daemon/stop.go): SIGTERM, then SIGKILL when it
    /// has not exited after `grace_s` seconds. Returns when it ended.
    fn stop(&mut self, i: usize, now: SimTime, grace_s: u64) -> SimTime {
        if !self.running(i) {
            return now;
        }
        self.advance(now);
        let deadline = now.saturating_add(grace_s.saturating_mul(1000));
        let Some(mut prog) = self.ctrs.get_mut(i).and_then(|c| c.prog.take()) else {
            return now;
        };
        let (at, code) = match prog.signal(Signal::Term) {
            SignalOutcome::Exit { code, after_ms } if now.saturating_add(after_ms) <= deadline => (now.saturating_add(after_ms), code),
            SignalOutcome::Exit { .. } | SignalOutcome::Ignore => (deadline, 137),
            SignalOutcome::Handled => {
                // the program shuts down by itself: polled until it exits or the time is up
                let mut t = now;
                let mut done = None;
                for _ in 0..MAX_POLLS {
                    match prog.poll(&mut DSys { d: self, i, now: t }) {
                        Poll::Exit(code) => {
                            done = Some((t, code));
                            break;
                        }
                        Poll::Sleep(ms) => t = t.saturating_add(ms.max(1)),
                        Poll::Idle => break,
                    }
                    if t > deadline {
                        break;
                    }
                }
                done.unwrap_or((deadline, 137))
            }
        };
        self.ended(i, at, code);
        at
    }

    /// A request into the network namespace of container `owner`, on `port`.
    fn serve_in(&mut self, owner: usize, req: &HttpRequest, now: SimTime) -> Result<HttpResponse, NetError> {
        let n = self.ctrs.len();
        let Some(j) = (0..n).find(|&j| {
            self.running(j)
                && self.net_owner(j) == owner
                && self.ctrs.get(j).is_some_and(|c| c.held.contains(&req.port))
        }) else {
            return Err(NetError::ConnectionRefused);
        };
        // a program asking its own container's server (the proxy to itself) is refused
        let Some(mut prog) = self.ctrs.get_mut(j).and_then(|c| c.prog.take()) else {
            return Err(NetError::ConnectionRefused);
        };
        let resp = prog.serve(req, &mut DSys { d: self, i: j, now });
        if let Some(c) = self.ctrs.get_mut(j) {
            c.prog = Some(prog);
        }
        Ok(resp)
    }

    /// The network namespace an address of the node reaches: a published port of 127.0.0.1 or
    /// the node's address (docker-proxy), or a container's bridge address.
    fn route(&self, ip: &str, port: u16, from_node: bool) -> Option<(usize, u16)> {
        if from_node && (ip.starts_with("127.") || ip == "0.0.0.0" || ip == super::term::NODE_IP) {
            let i = (0..self.ctrs.len()).find(|&i| {
                self.running(i)
                    && self.ctrs.get(i).is_some_and(|c| c.ports.iter().any(|(h, _)| *h == port))
            })?;
            let ctr_port = self
                .ctrs
                .get(i)?
                .ports
                .iter()
                .find(|(h, _)| *h == port)
                .map(|(_, c)| *c)?;
            return Some((self.net_owner(i), ctr_port));
        }
        let i = (0..self.ctrs.len()).find(|&i| self.running(i) && self.ctrs.get(i).is_some_and(|c| c.ip == ip))?;
        Some((i, port))
    }

    /// `curl`/`wget` on the node to `ip` (an address of the node or of the docker bridge): None
    /// when the address is not docker's.
    pub(crate) fn node_request(&mut self, now: SimTime, ip: &str, req: &HttpRequest) -> Option<Result<HttpResponse, NetError>> {
        let node = ip.starts_with("127.") || ip == super::term::NODE_IP;
        if !node && !ip.starts_with("172.17.") {
            return None;
        }
        self.advance(now);
        match self.route(ip, req.port, true) {
            Some((owner, port)) => {
                let mut r = req.clone();
                r.port = port;
                // docker-proxy connects from the bridge's gateway
                r.client = Some("172.17.0.1".into());
                Some(self.serve_in(owner, &r, now))
            }
            None if node => Some(Err(NetError::ConnectionRefused)),
            None => Some(Err(NetError::Timeout)),
        }
    }
}

impl Docker {
    /// The node's `/proc/<pid>` of a running container's process: `ns/` and its links.
    pub(crate) fn proc_entry(&self, path: &str) -> Option<NodeProc> {
        let rest = path.strip_prefix("/proc/")?;
        let mut parts = rest.split('/').filter(|p| !p.is_empty());
        let pid: u32 = parts.next()?.parse().ok()?;
        let c = self.ctrs.iter().find(|c| c.pid == pid && !c.removed && !c.never_started && c.exit.is_none())?;
        match (parts.next(), parts.next(), parts.next()) {
            (None, _, _) => Some(NodeProc::Dir(vec!["ns".into()])),
            (Some("ns"), None, _) => Some(NodeProc::Dir(c.ns.links().into_iter().map(|(k, _)| k.to_string()).collect())),
            (Some("ns"), Some(kind), None) => c.ns.links().into_iter().find(|(k, _)| k == &kind).map(|(_, t)| NodeProc::Link(t)),
            _ => None,
        }
    }
}

/// A path of the node's `/proc` that docker's processes make.
pub(crate) enum NodeProc {
    Dir(Vec<String>),
    Link(String),
}

/// A namespace a container may join from another (`--net|--ipc|--pid=container:NAME`).
#[derive(Clone, Copy)]
enum Ns {
    Net,
    Ipc,
    Pid,
}

/// What a container's programs see.
struct DSys<'a> {
    d: &'a mut Docker,
    i: usize,
    now: SimTime,
}

impl DSys<'_> {
    fn me(&self) -> Option<&DCtr> {
        self.d.ctrs.get(self.i)
    }

    /// The processes of this container's PID namespace (numbered from 1 in start order), each
    /// with the namespaces of its container.
    fn procs(&self) -> Vec<(u32, ProcInfo, NsSet)> {
        let owner = self.d.pid_owner(self.i);
        let mut out = Vec::new();
        let mut pid = 1;
        for j in 0..self.d.ctrs.len() {
            if !self.d.running(j) || self.d.pid_owner(j) != owner {
                continue;
            }
            let Some(c) = self.d.ctrs.get(j) else { continue };
            for p in c.prog.as_ref().map(|p| p.processes()).unwrap_or_default() {
                out.push((pid, p, c.ns));
                pid += 1;
            }
        }
        out
    }

    /// The container's `/proc` entry at `path` ([`crate::sim::procfs`]).
    fn proc_entry(&self, path: &str) -> Option<crate::sim::procfs::Proc> {
        if !path.starts_with("/proc") {
            return None;
        }
        let procs = self.procs();
        let list: Vec<(u32, &str, NsSet)> = procs.iter().map(|(pid, p, ns)| (*pid, p.command.as_str(), *ns)).collect();
        crate::sim::procfs::lookup(&list, &crate::sim::fs::normalize(path))
    }

    /// The path in the container's file system (a Debian image's merged-/usr links followed).
    fn real(&self, path: &str) -> String {
        let p = crate::sim::fs::normalize(path);
        match self.me() {
            Some(c) => crate::programs::follow_usr_links(c.userland, p),
            None => p,
        }
    }
}

impl Sys for DSys<'_> {
    fn now(&self) -> SimTime {
        self.now
    }
    fn container(&self) -> &str {
        self.me().map_or("", |c| c.name.as_str())
    }
    fn env(&self, name: &str) -> Option<String> {
        self.environ().into_iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }
    fn environ(&self) -> Vec<(String, String)> {
        vec![
            ("PATH".into(), "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".into()),
            ("HOSTNAME".into(), self.hostname()),
            ("HOME".into(), "/root".into()),
        ]
    }
    fn read_file(&self, path: &str) -> Result<String, FsError> {
        if let Some(x) = self.proc_entry(path) {
            return x.read();
        }
        let path = self.real(path);
        self.me().ok_or(FsError::NotFound)?.fs.read(&path).map(str::to_string)
    }
    fn write_file(&mut self, path: &str, data: &str, append: bool) -> Result<(), FsError> {
        let path = self.real(path);
        let c = self.d.ctrs.get_mut(self.i).ok_or(FsError::NotFound)?;
        c.fs.write(&path, data, append).map(|_| ())
    }
    fn kind(&self, path: &str) -> Option<FileKind> {
        if let Some(x) = self.proc_entry(path) {
            return Some(x.kind());
        }
        self.me()?.fs.kind(&self.real(path))
    }
    fn mkdir(&mut self, path: &str, parents: bool) -> Result<(), FsError> {
        let path = self.real(path);
        let c = self.d.ctrs.get_mut(self.i).ok_or(FsError::NotFound)?;
        c.fs.mkdir(&path, parents)
    }
    fn remove(&mut self, path: &str, recursive: bool) -> Result<(), FsError> {
        let path = self.real(path);
        let c = self.d.ctrs.get_mut(self.i).ok_or(FsError::NotFound)?;
        c.fs.remove(&path, recursive)
    }
    fn list_dir(&self, path: &str) -> Result<Vec<String>, FsError> {
        if let Some(x) = self.proc_entry(path) {
            return x.list();
        }
        self.me().ok_or(FsError::NotFound)?.fs.list(&self.real(path))
    }
    fn read_link(&self, path: &str) -> Option<String> {
        if let Some(crate::sim::procfs::Proc::Link(t)) = self.proc_entry(path) {
            return Some(t);
        }
        crate::programs::usr_link(self.me()?.userland, &crate::sim::fs::normalize(path)).map(str::to_string)
    }
    fn holds_programs(&self) -> bool {
        true
    }
    fn is_program(&self, path: &str) -> bool {
        self.me().is_some_and(|c| c.fs.is_exe(&self.real(path)))
    }
    fn program_links(&self, path: &str) -> Option<usize> {
        let c = self.me()?;
        c.fs.exe_links(&self.real(path), crate::programs::model_name(&c.image) == "busybox")
    }
    fn listen(&mut self, port: u16, proto: Proto) -> Result<(), NetError> {
        if proto != Proto::Tcp {
            return Ok(());
        }
        let owner = self.d.net_owner(self.i);
        let n = self.d.ctrs.len();
        let taken = (0..n).any(|j| {
            self.d.running(j)
                && self.d.net_owner(j) == owner
                && self.d.ctrs.get(j).is_some_and(|c| c.held.contains(&port))
        });
        if taken {
            return Err(NetError::AddrInUse);
        }
        if let Some(c) = self.d.ctrs.get_mut(self.i) {
            c.held.push(port);
        }
        Ok(())
    }
    fn unlisten(&mut self, port: u16, _proto: Proto) {
        if let Some(c) = self.d.ctrs.get_mut(self.i) {
            c.held.retain(|p| *p != port);
        }
    }
    fn resolve(&self, name: &str) -> Option<String> {
        if name.parse::<std::net::Ipv4Addr>().is_ok() {
            return Some(name.to_string());
        }
        (name == "localhost").then(|| "127.0.0.1".to_string())
    }
    fn http(&mut self, req: &HttpRequest) -> Result<HttpResponse, NetError> {
        let ip = self.resolve(&req.host).ok_or(NetError::UnknownHost)?;
        let owner = self.d.net_owner(self.i);
        let own = ip.starts_with("127.") || self.d.ctrs.get(owner).is_some_and(|c| c.ip == ip);
        let target = if own {
            Some(owner)
        } else {
            self.d.route(&ip, req.port, false).map(|(o, _)| o)
        };
        match target {
            Some(o) => self.d.serve_in(o, req, self.now),
            None => Err(NetError::Timeout),
        }
    }
    fn tcp_connect(&mut self, host: &str, port: u16) -> Result<(), NetError> {
        let ip = self.resolve(host).ok_or(NetError::UnknownHost)?;
        let owner = self.d.net_owner(self.i);
        let n = self.d.ctrs.len();
        let o = if ip.starts_with("127.") { Some(owner) } else { self.d.route(&ip, port, false).map(|(o, _)| o) };
        let Some(o) = o else {
            return Err(NetError::Timeout);
        };
        let open = (0..n).any(|j| {
            self.d.running(j) && self.d.net_owner(j) == o && self.d.ctrs.get(j).is_some_and(|c| c.held.contains(&port))
        });
        if open {
            Ok(())
        } else {
            Err(NetError::ConnectionRefused)
        }
    }
    fn stdout(&mut self, text: &str) {
        if let Some(c) = self.d.ctrs.get_mut(self.i) {
            if c.log.len() + text.len() <= MAX_LOG {
                c.log.push_str(text);
            }
        }
    }
    fn stderr(&mut self, text: &str) {
        self.stdout(text)
    }
    fn set_memory(&mut self, _bytes: u64) {}
    fn set_cpu_demand(&mut self, _millicores: u64) {}
    fn assume(&mut self, _note: crate::diag::Text) {}
    fn hostname(&self) -> String {
        // the UTS namespace comes with the network namespace joined
        let o = self.d.net_owner(self.i);
        self.d.ctrs.get(o).map_or(String::new(), |c| c.id.chars().take(12).collect())
    }
    fn process_table(&self) -> Vec<(u32, ProcInfo)> {
        self.procs().into_iter().map(|(pid, p, _)| (pid, p)).collect()
    }
    fn signal_process(&mut self, _command_prefix: &str, _signal: Signal) -> bool {
        false
    }
}

/// go-units HumanDuration: "Less than a second", "1 second", "N seconds", "About a minute",
/// "N minutes", "About an hour", "N hours", then days.
pub(super) fn human_duration(ms: u64) -> String {
    let s = ms / 1000;
    let m = s / 60;
    let h = (s + 1800) / 3600;
    if s < 1 {
        "Less than a second".into()
    } else if s == 1 {
        "1 second".into()
    } else if s < 60 {
        format!("{s} seconds")
    } else if m == 1 {
        "About a minute".into()
    } else if m < 60 {
        format!("{m} minutes")
    } else if h == 1 {
        "About an hour".into()
    } else if h < 48 {
        format!("{h} hours")
    } else {
        format!("{} days", h / 24)
    }
}

fn fail(code: i32, err: String) -> Out {
    Out {
        err,
        exit: code,
        ..Out::default()
    }
}

/// cobra's error for an unknown flag of `docker SUB`.
fn unknown_flag(sub: &str, flag: &str) -> Out {
    let f = if flag.starts_with("--") {
        flag.split('=').next().unwrap_or(flag).to_string()
    } else {
        format!("shorthand flag: '{}' in {flag}", flag.chars().nth(1).unwrap_or('-'))
    };
    let text = if f.starts_with("shorthand") {
        format!("unknown {f}\nSee 'docker {sub} --help'.\n")
    } else {
        format!("unknown flag: {f}\nSee 'docker {sub} --help'.\n")
    };
    fail(125, text)
}

fn no_such(key: &str) -> String {
    format!("Error response from daemon: No such container: {key}\n")
}

impl Cluster {
    /// `docker ARGS…` typed at `now`; `read` reads a file of the node (bind mount sources).
    pub(crate) fn docker(&mut self, args: &[String], now: SimTime, read: &dyn Fn(&str) -> Result<String, FsError>) -> Out {
        self.docker.advance(now);
        let Some((sub, rest)) = args.split_first() else {
            return Out {
                out: "Usage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n\nCommon Commands:\n  run         Create and run a new container from an image\n  exec        Execute a command in a running container\n  ps          List containers\n\nManagement Commands:\n  inspect     Return low-level information on Docker objects\n  logs        Fetch the logs of a container\n  rm          Remove one or more containers\n".into(),
                ..Out::default()
            };
        };
        match sub.as_str() {
            "run" => self.docker_run(rest, now, read),
            "ps" => self.docker_ps(rest, now),
            "exec" => self.docker_exec(rest, now),
            "logs" => {
                let Some(key) = rest.iter().find(|a| !a.starts_with('-')) else {
                    return fail(1, "\"docker logs\" requires exactly 1 argument.\nSee 'docker logs --help'.\n\nUsage:  docker logs [OPTIONS] CONTAINER\n\nFetch the logs of a container\n".into());
                };
                if let Some(f) = rest.iter().find(|a| a.starts_with('-') && !matches!(a.as_str(), "-f" | "--follow" | "-t" | "--timestamps")) {
                    return unknown_flag("logs", f);
                }
                match self.docker.live(key).and_then(|i| self.docker.ctrs.get(i)) {
                    Some(c) => Out { out: c.log.clone(), ..Out::default() },
                    None => fail(1, no_such(key)),
                }
            }
            "inspect" => self.docker_inspect(rest, now),
            "stop" => self.docker_stop(rest, now),
            "start" => self.docker_start(rest, now),
            "rm" => {
                let force = rest.iter().any(|a| a == "-f" || a == "--force");
                if let Some(f) = rest.iter().find(|a| a.starts_with('-') && !matches!(a.as_str(), "-f" | "--force")) {
                    return unknown_flag("rm", f);
                }
                let mut o = Out::default();
                for key in rest.iter().filter(|a| !a.starts_with('-')) {
                    match self.docker.live(key) {
                        None => {
                            // rm.go: with --force a missing container is reported, not failed
                            o.err.push_str(&no_such(key));
                            if !force {
                                o.exit = 1;
                            }
                        }
                        Some(i) if self.docker.running(i) && !force => {
                            // daemon/delete.go: the container's name ("/NAME"), whatever was typed
                            let name = self.docker.ctrs.get(i).map(|c| c.name.clone()).unwrap_or_default();
                            o.err.push_str(&format!("Error response from daemon: cannot remove container \"/{name}\": container is running: stop the container before removing or force remove\n"));
                            o.exit = 1;
                        }
                        Some(i) => {
                            if self.docker.running(i) {
                                // SIGKILL
                                self.docker.ended(i, now, 137);
                            }
                            if let Some(c) = self.docker.ctrs.get_mut(i) {
                                c.removed = true;
                            }
                            o.out.push_str(&format!("{key}\n"));
                        }
                    }
                }
                o
            }
            other => fail(1, format!("docker: '{other}' is not a docker command.\nSee 'docker --help'\n")),
        }
    }

    fn docker_run(&mut self, args: &[String], now: SimTime, read: &dyn Fn(&str) -> Result<String, FsError>) -> Out {
        let mut detach = false;
        let mut name = None;
        let mut ports = Vec::new();
        let mut vols = Vec::new();
        let (mut net, mut ipc, mut pid) = (None, None, None);
        let mut i = 0;
        let mut image = None;
        while let Some(a) = args.get(i) {
            i += 1;
            if !a.starts_with('-') {
                image = Some(a.clone());
                break;
            }
            let (flag, inline) = match a.split_once('=') {
                Some((f, v)) if a.starts_with("--") => (f.to_string(), Some(v.to_string())),
                _ => (a.clone(), None),
            };
            let takes = matches!(flag.as_str(), "--name" | "-p" | "--publish" | "-v" | "--volume" | "--net" | "--network" | "--ipc" | "--pid" | "-e" | "--env");
            let value = if takes {
                match inline.or_else(|| {
                    let v = args.get(i).cloned();
                    i += 1;
                    v
                }) {
                    Some(v) => v,
                    None => return fail(125, format!("flag needs an argument: {flag}\nSee 'docker run --help'.\n")),
                }
            } else {
                String::new()
            };
            match flag.as_str() {
                "--name" => name = Some(value),
                "-p" | "--publish" => {
                    let mut parts = value.rsplitn(2, ':');
                    let c = parts.next().and_then(|p| p.split('/').next()).and_then(|p| p.parse::<u16>().ok());
                    let h = parts.next().and_then(|p| p.rsplit(':').next()).and_then(|p| p.parse::<u16>().ok());
                    match (h, c) {
                        (Some(h), Some(c)) => ports.push((h, c)),
                        _ => return fail(125, format!("docker: invalid publish opts format (should be name=value but got '{value}').\nSee 'docker run --help'.\n")),
                    }
                }
                "-v" | "--volume" => vols.push(value),
                "--net" | "--network" => net = Some(value),
                "--ipc" => ipc = Some(value),
                "--pid" => pid = Some(value),
                "-e" | "--env" | "--rm" | "-i" | "-t" | "-it" | "-ti" | "--interactive" | "--tty" => {}
                "-d" | "--detach" | "-di" | "-dit" | "-itd" | "-id" | "-td" | "-dt" => detach = true,
                _ => return unknown_flag("run", a),
            }
        }
        let Some(image) = image else {
            return fail(125, "\"docker run\" requires at least 1 argument.\nSee 'docker run --help'.\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nCreate and run a new container from an image\n".into());
        };
        let cmd: Vec<String> = args.get(i..).unwrap_or_default().to_vec();
        let n = self.docker.ctrs.len();
        let id = {
            let a = crate::derived::fnv(format!("docker/{n}/{image}/{}", now.0).as_bytes());
            let b = crate::derived::fnv(format!("{image}/{n}").as_bytes());
            format!("{a:016x}{b:016x}{:016x}{:016x}", a ^ b, a.rotate_left(17) ^ b)
        };
        let name = match name {
            Some(nm) => nm,
            None => generated_name(&id),
        };
        if let Some(j) = self.docker.live(&name) {
            let other = self.docker.ctrs.get(j).map(|c| c.id.clone()).unwrap_or_default();
            return fail(125, format!("docker: Error response from daemon: Conflict. The container name \"/{name}\" is already in use by container \"{other}\". You have to remove (or rename) that container to be able to reuse that name.\nSee 'docker run --help'.\n"));
        }
        // `container:NAME` modes: the target must exist and run
        let join = |mode: &Option<String>| -> Result<Option<usize>, Out> {
            let Some(m) = mode else { return Ok(None) };
            let Some(target) = m.strip_prefix("container:") else {
                return Ok(None);
            };
            match self.docker.live(target) {
                Some(j) => Ok(Some(j)),
                None => Err(fail(125, format!("docker: Error response from daemon: No such container: {target}.\nSee 'docker run --help'.\n"))),
            }
        };
        let net_j = match join(&net) { Ok(j) => j, Err(o) => return o };
        let ipc_j = match join(&ipc) { Ok(j) => j, Err(o) => return o };
        let pid_j = match join(&pid) { Ok(j) => j, Err(o) => return o };
        // the daemon creates the container, then starting it joins the namespaces: a stopped
        // target fails the start and leaves the container Created
        let refused = [(net_j, Ns::Net), (ipc_j, Ns::Ipc), (pid_j, Ns::Pid)]
            .into_iter()
            .find_map(|(j, what)| j.and_then(|j| self.docker.join_error(j, what)));
        if net_j.is_some() && !ports.is_empty() {
            return fail(125, "docker: Error response from daemon: conflicting options: port publishing and the container type network mode.\nSee 'docker run --help'.\n".into());
        }
        let info = crate::programs::image_info(&image);
        let mut fs = Fs::new();
        for d in ["/bin", "/dev", "/etc", "/proc", "/root", "/sys", "/tmp", "/usr", "/var"] {
            fs.ensure_dir(d);
        }
        for d in &info.dirs {
            fs.ensure_dir(d);
        }
        for (p, text) in &info.files {
            fs.put(p, text);
        }
        fs.set_programs(info.programs.clone());
        let mut binds = Vec::new();
        for v in &vols {
            let mut parts = v.splitn(3, ':');
            let (Some(host), Some(ctr)) = (parts.next(), parts.next()) else {
                continue;
            };
            match read(host) {
                Ok(text) => fs.put(ctr, &text),
                // docker creates a missing source as a directory
                Err(_) => fs.ensure_dir(ctr),
            }
            binds.push(format!("{host}:{ctr}"));
        }
        let argv = crate::programs::container_argv(&info, &[], &cmd);
        let prog = crate::programs::entrypoint(&crate::programs::Spawn {
            image: &image,
            command: &[],
            args: &cmd,
            stdin: false,
            tty: false,
            declared_ports: &[],
            working_dir: None,
        });
        let (pid, ns) = if refused.is_some() { (0, NsSet::default()) } else { self.docker.next_start(net_j, ipc_j, pid_j) };
        let ip = if net_j.is_some() { String::new() } else { format!("172.17.0.{}", (2 + n).min(254)) };
        self.docker.ctrs.push(DCtr {
            id: id.clone(),
            name: name.clone(),
            image: image.clone(),
            argv,
            created: now,
            started: now,
            never_started: refused.is_some(),
            ports,
            binds,
            net: net_j,
            ipc: ipc_j,
            pid_of: pid_j,
            fs,
            userland: info.userland,
            prog: if refused.is_some() { None } else { Some(prog) },
            wake: if refused.is_some() { None } else { Some(now) },
            exit: None,
            log: String::new(),
            held: Vec::new(),
            removed: false,
            pid,
            ns,
            ip,
        });
        if let Some(e) = refused {
            return fail(125, format!("docker: Error response from daemon: {e}.\nSee 'docker run --help'.\n"));
        }
        self.docker.advance(now);
        if detach {
            return Out { out: format!("{id}\n"), ..Out::default() };
        }
        // in the foreground: its output until it exits
        let k = self.docker.ctrs.len() - 1;
        let mut t = now;
        for _ in 0..MAX_POLLS {
            let Some(w) = self.docker.ctrs.get(k).and_then(|c| c.wake) else { break };
            if !self.docker.running(k) || w.0 > now.0 + super::MAX_COMMAND_MS {
                break;
            }
            t = w;
            self.docker.advance(w);
        }
        let Some(c) = self.docker.ctrs.get_mut(k) else { return Out::default() };
        let mut o = Out { out: c.log.clone(), ..Out::default() };
        match c.exit {
            Some((at, code)) => {
                o.exit = code;
                o.wait_ms = at.0.saturating_sub(now.0);
            }
            None => {
                // the CLI proxies Ctrl-C to the container, which stops
                c.exit = Some((t, 130));
                c.prog = None;
                c.held.clear();
                o.out.push_str(&format!("^C\n[podplay] {}\n", super::WAITS_FOREVER));
                o.exit = 130;
            }
        }
        o
    }

    /// `docker stop [-t N] CONTAINER…` (cli/command/container/stop.go: the containers in
    /// parallel, each name echoed as typed once stopped, the daemon's errors joined at the end and
    /// exit 1; a stopped container stops again silently). SIGTERM, then SIGKILL after the grace
    /// (10 s unless `-t`); the command waits for them.
    fn docker_stop(&mut self, args: &[String], now: SimTime) -> Out {
        let mut grace = 10u64;
        let mut keys = Vec::new();
        let mut i = 0;
        while let Some(a) = args.get(i) {
            i += 1;
            let value = match a.as_str() {
                "-t" | "--time" | "--timeout" => {
                    i += 1;
                    args.get(i - 1).cloned()
                }
                s if s.starts_with("--time=") || s.starts_with("--timeout=") || s.starts_with("-t=") => s.split_once('=').map(|(_, v)| v.to_string()),
                s if s == "-s" || s.starts_with("--signal") => {
                    return fail(1, format!("[podplay] `docker stop {s}` is a real flag that this playground does not play (it sends SIGTERM)\n"));
                }
                s if s.starts_with('-') => return unknown_flag("stop", s),
                _ => {
                    keys.push(a.clone());
                    continue;
                }
            };
            match value.as_deref().map(str::parse::<u64>) {
                Some(Ok(n)) => grace = n,
                Some(Err(_)) => {
                    let v = value.unwrap_or_default();
                    return fail(125, format!("invalid argument \"{v}\" for \"-t, --time\" flag: strconv.ParseInt: parsing {}: invalid syntax\nSee 'docker stop --help'.\n", crate::gofmt::go_quote(&v)));
                }
                None => return fail(125, "flag needs an argument: 't' in -t\nSee 'docker stop --help'.\n".into()),
            }
        }
        if keys.is_empty() {
            return fail(1, "\"docker stop\" requires at least 1 argument.\nSee 'docker stop --help'.\n\nUsage:  docker stop [OPTIONS] CONTAINER [CONTAINER...]\n\nStop one or more running containers\n".into());
        }
        let mut o = Out::default();
        let mut errs = Vec::new();
        let mut end = now;
        for key in &keys {
            match self.docker.live(key) {
                Some(k) => {
                    end = end.max(self.docker.stop(k, now, grace));
                    o.out.push_str(&format!("{key}\n"));
                }
                None => errs.push(no_such(key)),
            }
        }
        if !errs.is_empty() {
            o.err = errs.concat();
            o.exit = 1;
        }
        o.wait_ms = end.0 - now.0;
        o
    }

    /// `docker start CONTAINER…` (cli/command/container/start.go startContainersWithoutAttachments:
    /// each name echoed as typed once started, each daemon error printed, then "Error: failed to
    /// start containers: …" and exit 1). A stopped container runs its command again in the file
    /// system it had, with a new PID and namespaces of its own; one that joined another
    /// container's namespaces joins them again, and cannot while that container is stopped.
    fn docker_start(&mut self, args: &[String], now: SimTime) -> Out {
        if let Some(f) = args.iter().find(|a| a.starts_with('-')) {
            if matches!(f.as_str(), "-a" | "--attach" | "-i" | "--interactive") {
                return fail(1, format!("[podplay] `docker start {f}` is a real flag that this playground does not play\n"));
            }
            return unknown_flag("start", f);
        }
        if args.is_empty() {
            return fail(1, "\"docker start\" requires at least 1 argument.\nSee 'docker start --help'.\n\nUsage:  docker start [OPTIONS] CONTAINER [CONTAINER...]\n\nStart one or more stopped containers\n".into());
        }
        self.docker.advance(now);
        let mut o = Out::default();
        let mut failed = Vec::new();
        for key in args {
            let Some(k) = self.docker.live(key) else {
                o.err.push_str(&no_such(key));
                failed.push(key.clone());
                continue;
            };
            if !self.docker.running(k) {
                let Some((net, ipc, pid_of)) = self.docker.ctrs.get(k).map(|c| (c.net, c.ipc, c.pid_of)) else { continue };
                // daemon containerStart: networking first, then the IPC and PID namespaces
                let refused = [(net, Ns::Net), (ipc, Ns::Ipc), (pid_of, Ns::Pid)]
                    .into_iter()
                    .find_map(|(j, what)| j.and_then(|j| self.docker.join_error(j, what)));
                if let Some(e) = refused {
                    o.err.push_str(&format!("Error response from daemon: {e}\n"));
                    failed.push(key.clone());
                    continue;
                }
                let (pid, ns) = self.docker.next_start(net, ipc, pid_of);
                if let Some(c) = self.docker.ctrs.get_mut(k) {
                    c.prog = Some(crate::programs::entrypoint(&crate::programs::Spawn {
                        image: &c.image,
                        command: &c.argv,
                        args: &[],
                        stdin: false,
                        tty: false,
                        declared_ports: &[],
                        working_dir: None,
                    }));
                    c.exit = None;
                    c.never_started = false;
                    c.wake = Some(now);
                    c.started = now;
                    c.pid = pid;
                    c.ns = ns;
                }
                self.docker.advance(now);
            }
            o.out.push_str(&format!("{key}\n"));
        }
        if !failed.is_empty() {
            o.err.push_str(&format!("Error: failed to start containers: {}\n", failed.join(", ")));
            o.exit = 1;
        }
        o
    }

    fn docker_ps(&mut self, args: &[String], now: SimTime) -> Out {
        let all = args.iter().any(|a| a == "-a" || a == "--all");
        let quiet = args.iter().any(|a| a == "-q" || a == "--quiet");
        if let Some(f) = args.iter().find(|a| !matches!(a.as_str(), "-a" | "--all" | "-q" | "--quiet" | "-aq" | "-qa")) {
            return unknown_flag("ps", f);
        }
        let mut rows: Vec<&DCtr> = self.docker.ctrs.iter().filter(|c| !c.removed && (all || (c.exit.is_none() && !c.never_started))).collect();
        // newest first
        rows.reverse();
        if quiet || args.iter().any(|a| a == "-aq" || a == "-qa") {
            let out = rows.iter().map(|c| format!("{}\n", c.id.chars().take(12).collect::<String>())).collect();
            return Out { out, ..Out::default() };
        }
        let mut t = String::from("CONTAINER ID\tIMAGE\tCOMMAND\tCREATED\tSTATUS\tPORTS\tNAMES\n");
        for c in rows {
            let command = format!("\"{}\"", ellipsis(&c.argv.join(" "), 20));
            let status = match c.exit {
                None if c.never_started => "Created".to_string(),
                None => format!("Up {}", human_duration(now.0.saturating_sub(c.started.0))),
                Some((at, code)) => format!("Exited ({code}) {} ago", human_duration(now.0.saturating_sub(at.0))),
            };
            let ports: Vec<String> = c
                .ports
                .iter()
                .flat_map(|(h, p)| [format!("0.0.0.0:{h}->{p}/tcp"), format!("[::]:{h}->{p}/tcp")])
                .collect();
            t.push_str(&format!(
                "{}\t{}\t{command}\t{} ago\t{status}\t{}\t{}\n",
                c.id.chars().take(12).collect::<String>(),
                c.image,
                human_duration(now.0.saturating_sub(c.created.0)),
                if c.exit.is_none() && !c.never_started { ports.join(", ") } else { String::new() },
                c.name
            ));
        }
        Out { out: crate::sim::printer::tabwrite_with(&t, 10, 3), ..Out::default() }
    }

    fn docker_exec(&mut self, args: &[String], now: SimTime) -> Out {
        let mut i = 0;
        while let Some(a) = args.get(i) {
            if !a.starts_with('-') {
                break;
            }
            if !matches!(a.as_str(), "-i" | "-t" | "-it" | "-ti" | "--interactive" | "--tty") {
                return unknown_flag("exec", a);
            }
            i += 1;
        }
        let Some(key) = args.get(i) else {
            return fail(1, "\"docker exec\" requires at least 2 arguments.\nSee 'docker exec --help'.\n\nUsage:  docker exec [OPTIONS] CONTAINER COMMAND [ARG...]\n\nExecute a command in a running container\n".into());
        };
        let argv: Vec<String> = args.get(i + 1..).unwrap_or_default().to_vec();
        if argv.is_empty() {
            return fail(1, "\"docker exec\" requires at least 2 arguments.\nSee 'docker exec --help'.\n\nUsage:  docker exec [OPTIONS] CONTAINER COMMAND [ARG...]\n\nExecute a command in a running container\n".into());
        }
        let Some(k) = self.docker.live(key) else {
            return fail(1, no_such(key));
        };
        if !self.docker.running(k) {
            let id = self.docker.ctrs.get(k).map(|c| c.id.clone()).unwrap_or_default();
            return fail(1, format!("Error response from daemon: container {id} is not running\n"));
        }
        let image = self.docker.ctrs.get(k).map(|c| c.image.clone()).unwrap_or_default();
        let mut prog = crate::programs::exec(&image, &argv);
        // the command's output goes to the terminal, not the container's log
        let saved = self.docker.ctrs.get_mut(k).map(|c| std::mem::take(&mut c.log)).unwrap_or_default();
        let mut t = now;
        let mut code = None;
        for _ in 0..MAX_POLLS {
            match prog.poll(&mut DSys { d: &mut self.docker, i: k, now: t }) {
                Poll::Exit(c) => {
                    if let Some(e) = prog.start_error() {
                        // what runc answers for a command the image does not have
                        if let Some(x) = self.docker.ctrs.get_mut(k) {
                            x.log = saved;
                        }
                        return fail(126, format!("OCI runtime exec failed: exec failed: unable to start container process: {e}: unknown\n"));
                    }
                    code = Some(c);
                    break;
                }
                Poll::Sleep(ms) => {
                    t = t.saturating_add(ms.max(1));
                    if t.0 > now.0 + super::MAX_COMMAND_MS {
                        break;
                    }
                }
                Poll::Idle => break,
            }
        }
        let out = self.docker.ctrs.get_mut(k).map(|c| std::mem::replace(&mut c.log, saved)).unwrap_or_default();
        let mut o = Out { out, wait_ms: t.0 - now.0, ..Out::default() };
        match code {
            Some(c) => o.exit = c,
            None => {
                o.out.push_str(&format!("^C\n[podplay] {}\n", super::WAITS_FOREVER));
                o.exit = 130;
            }
        }
        o
    }

    fn docker_inspect(&mut self, args: &[String], now: SimTime) -> Out {
        let mut format = None;
        let mut keys = Vec::new();
        let mut i = 0;
        while let Some(a) = args.get(i) {
            i += 1;
            match a.as_str() {
                "-f" | "--format" => {
                    format = args.get(i).cloned();
                    i += 1;
                }
                s if s.starts_with("--format=") => format = s.strip_prefix("--format=").map(str::to_string),
                s if s.starts_with('-') => return unknown_flag("inspect", s),
                _ => keys.push(a.clone()),
            }
        }
        if keys.is_empty() {
            return fail(1, "\"docker inspect\" requires at least 1 argument.\nSee 'docker inspect --help'.\n\nUsage:  docker inspect [OPTIONS] NAME|ID [NAME|ID...]\n\nReturn low-level information on Docker objects\n".into());
        }
        let mut o = Out::default();
        let mut objs = Vec::new();
        for key in &keys {
            match self.docker.live(key) {
                Some(k) => objs.push(k),
                None => {
                    o.err.push_str(&format!("Error: No such object: {key}\n"));
                    o.exit = 1;
                }
            }
        }
        let values: Vec<crate::tree::Node> = objs.iter().filter_map(|&k| self.inspect_json(k, now)).collect();
        match format {
            Some(f) => {
                for v in &values {
                    o.out.push_str(&go_template(&f, v));
                    o.out.push('\n');
                }
            }
            None => {
                let mut text = String::new();
                write_json(&values, &mut text);
                o.out.push_str(&text);
                o.out.push('\n');
            }
        }
        o
    }

    /// The Engine API's container JSON (the fields given): Id, Created, Path, Args, State (Pid,
    /// Status, Running, ExitCode, StartedAt, FinishedAt), Image, Name, HostConfig (Binds,
    /// NetworkMode, PortBindings, IpcMode, PidMode), Config (Hostname, Image), NetworkSettings
    /// (SandboxKey, Ports, IPAddress). The namespaces are the node's `/proc/<State.Pid>/ns/*`
    /// (`proc_entry`).
    fn inspect_json(&self, k: usize, now: SimTime) -> Option<crate::tree::Node> {
        let c = self.docker.ctrs.get(k)?;
        let running = c.exit.is_none() && !c.never_started;
        let name_of = |j: Option<usize>| j.and_then(|j| self.docker.ctrs.get(j)).map(|x| format!("container:{}", x.id));
        let mode = |j: Option<usize>, default: &str| name_of(j).unwrap_or_else(|| default.to_string());
        let ts = |t: SimTime| rfc3339(t);
        let mut ports = String::from("{");
        for (n, (h, p)) in c.ports.iter().enumerate() {
            if n > 0 {
                ports.push(',');
            }
            ports.push_str(&format!("\"{p}/tcp\":[{{\"HostIp\":\"\",\"HostPort\":\"{h}\"}}]"));
        }
        ports.push('}');
        let json = format!(
            r#"{{"Id":{id},"Created":{created},"Path":{path},"Args":{args},"State":{{"Status":{status},"Running":{running},"Paused":false,"Restarting":false,"OOMKilled":false,"Dead":false,"Pid":{pid},"ExitCode":{code},"Error":"","StartedAt":{started},"FinishedAt":{finished}}},"Image":{image_id},"Name":{name},"HostConfig":{{"Binds":{binds},"NetworkMode":{net},"PortBindings":{ports},"IpcMode":{ipc},"PidMode":{pidmode}}},"Config":{{"Hostname":{host},"Image":{image}}},"NetworkSettings":{{"SandboxKey":{sandbox},"Ports":{ports},"IPAddress":{ip}}}}}"#,
            id = q(&c.id),
            created = q(&ts(c.created)),
            started = q(&if c.never_started { "0001-01-01T00:00:00Z".to_string() } else { ts(c.started) }),
            path = q(c.argv.first().map_or("", String::as_str)),
            args = list(c.argv.get(1..).unwrap_or_default()),
            status = q(if running { "running" } else if c.never_started { "created" } else { "exited" }),
            pid = if running { c.pid } else { 0 },
            code = c.exit.map_or(0, |(_, x)| x),
            finished = q(&c.exit.map_or("0001-01-01T00:00:00Z".to_string(), |(t, _)| ts(t))),
            image_id = q(&format!("sha256:{:016x}{:016x}{:016x}{:016x}", crate::derived::fnv(c.image.as_bytes()), 1u64, 2u64, 3u64)),
            name = q(&format!("/{}", c.name)),
            binds = if c.binds.is_empty() { "null".to_string() } else { list(&c.binds) },
            net = q(&mode(c.net, "bridge")),
            ipc = q(&mode(c.ipc, "private")),
            pidmode = q(&name_of(c.pid_of).unwrap_or_default()),
            host = q(&c.id.chars().take(12).collect::<String>()),
            image = q(&c.image),
            sandbox = q(&if c.net.is_some() { String::new() } else { format!("/var/run/docker/netns/{}", c.id.chars().skip(20).take(12).collect::<String>()) }),
            ip = q(&c.ip),
        );
        let _ = now;
        crate::yaml::parse_stream(&json).into_iter().next()?.root
    }
}

/// A name as the daemon's namesgenerator makes one (`adjective_surname`), from a subset of its
/// lists, picked from the container's ID instead of at random.
fn generated_name(id: &str) -> String {
    const LEFT: [&str; 8] = ["admiring", "brave", "eager", "focused", "gifted", "jolly", "nostalgic", "quirky"];
    const RIGHT: [&str; 8] = ["curie", "darwin", "hopper", "lovelace", "noether", "ritchie", "tesla", "turing"];
    let h = crate::derived::fnv(id.as_bytes());
    let l = LEFT.get((h % 8) as usize).copied().unwrap_or("admiring");
    let r = RIGHT.get((h / 8 % 8) as usize).copied().unwrap_or("curie");
    format!("{l}_{r}")
}

fn q(s: &str) -> String {
    let mut o = String::from("\"");
    for ch in s.chars() {
        match ch {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

fn list(v: &[String]) -> String {
    format!("[{}]", v.iter().map(|s| q(s)).collect::<Vec<_>>().join(","))
}

/// The session clock as docker prints times (the simulation's wall clock starts 2026-01-01).
fn rfc3339(t: SimTime) -> String {
    let (y, m, d, h, mi, s) = crate::os::clock::civil(crate::os::clock::wall_secs(t));
    format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{:03}000000Z", t.0 % 1000)
}

/// Go's `json.MarshalIndent(v, "", "    ")` of the inspect array, fields in the API's order.
fn write_json(values: &[crate::tree::Node], out: &mut String) {
    if values.is_empty() {
        out.push_str("[]");
        return;
    }
    out.push_str("[\n");
    for (k, v) in values.iter().enumerate() {
        out.push_str("    ");
        indent(v, 1, out);
        out.push_str(if k + 1 < values.len() { ",\n" } else { "\n" });
    }
    out.push(']');
}

fn indent(n: &crate::tree::Node, level: usize, out: &mut String) {
    use crate::tree::Value;
    let pad = |l: usize| "    ".repeat(l);
    match &n.value {
        Value::Seq(items) if !items.is_empty() => {
            out.push_str("[\n");
            for (k, it) in items.iter().enumerate() {
                out.push_str(&pad(level + 1));
                indent(it, level + 1, out);
                out.push_str(if k + 1 < items.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(level));
            out.push(']');
        }
        Value::Map(entries) if !entries.is_empty() => {
            out.push_str("{\n");
            for (k, e) in entries.iter().enumerate() {
                out.push_str(&pad(level + 1));
                out.push_str(&q(&e.key));
                out.push_str(": ");
                indent(&e.value, level + 1, out);
                out.push_str(if k + 1 < entries.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(level));
            out.push('}');
        }
        _ => out.push_str(&compact(n)),
    }
}

/// Go's compact JSON of a value (the template's `json` function).
fn compact(n: &crate::tree::Node) -> String {
    use crate::tree::Value;
    match &n.value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Uint(u) => u.to_string(),
        Value::Float(f) => f.to_string(),
        Value::Str(s) => q(s),
        Value::Seq(items) => format!("[{}]", items.iter().map(compact).collect::<Vec<_>>().join(",")),
        Value::Map(entries) => format!(
            "{{{}}}",
            entries.iter().map(|e| format!("{}:{}", q(&e.key), compact(&e.value))).collect::<Vec<_>>().join(",")
        ),
    }
}

/// docker's formatter Ellipsis: at most `max` characters, the last one `…`.
fn ellipsis(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut o: String = s.chars().take(max - 1).collect();
    o.push('…');
    o
}

/// `docker inspect -f`: the Go template subset `{{.Field.Sub}}` (and `{{json .Field}}`), text
/// around kept.
fn go_template(f: &str, v: &crate::tree::Node) -> String {
    let mut out = String::new();
    let mut rest = f;
    while let Some(start) = rest.find("{{") {
        out.push_str(rest.get(..start).unwrap_or(""));
        let after = rest.get(start + 2..).unwrap_or("");
        let Some(end) = after.find("}}") else {
            out.push_str(rest.get(start..).unwrap_or(""));
            return out;
        };
        let expr = after.get(..end).unwrap_or("").trim();
        let (json, path) = match expr.strip_prefix("json ") {
            Some(p) => (true, p.trim()),
            None => (false, expr),
        };
        let mut node = Some(v);
        for key in path.trim_start_matches('.').split('.').filter(|k| !k.is_empty()) {
            node = node.and_then(|n| n.get(key));
        }
        match node {
            Some(n) if json => out.push_str(&compact(n)),
            Some(n) => out.push_str(&scalar(n)),
            None => out.push_str("<no value>"),
        }
        rest = after.get(end + 2..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

fn scalar(n: &crate::tree::Node) -> String {
    use crate::tree::Value;
    match &n.value {
        Value::Str(s) => s.clone(),
        Value::Null => "<nil>".into(),
        Value::Seq(items) => format!("[{}]", items.iter().map(scalar).collect::<Vec<_>>().join(" ")),
        Value::Map(entries) => format!("map[{}]", entries.iter().map(|e| format!("{}:{}", e.key, scalar(&e.value))).collect::<Vec<_>>().join(" ")),
        _ => compact(n),
    }
}
