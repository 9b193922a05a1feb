//! Test support, compiled only into the tests that use it: an in-memory [`Sys`]: a file system,
//! listeners, a DNS table, HTTP responders, a clock the caller advances, and a log of what the
//! program printed. [`run`] drives a program the way the engine does and returns a trace.
#![allow(dead_code)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failing test

use podplay_core::os::*;
use std::collections::{BTreeMap, BTreeSet};

/// An HTTP responder for a port another program of the pod listens on.
pub type Responder = Box<dyn FnMut(&HttpRequest) -> HttpResponse>;

pub struct MemSys {
    pub now: SimTime,
    pub container: String,
    pub hostname: String,
    pub env: BTreeMap<String, String>,
    pub files: BTreeMap<String, String>,
    pub dirs: BTreeSet<String>,
    /// Path prefixes mounted read-only.
    pub read_only: Vec<String>,
    /// Ports this program listens on.
    pub listening: BTreeSet<(u16, Proto)>,
    /// Ports other programs of the pod hold (a `listen` there fails with `AddrInUse`).
    pub taken: BTreeSet<u16>,
    /// Name → IP (Services, the pod's hostname, `localhost` is built in).
    pub dns: BTreeMap<String, String>,
    /// Port → responder for requests to other programs; requests to the program's own
    /// ports are answered by [`run`]'s caller through `Program::serve`.
    pub responders: BTreeMap<u16, Responder>,
    /// Every HTTP request made, in order.
    pub requests: Vec<HttpRequest>,
    /// `(time, is_stderr, text)` in order.
    pub output: Vec<(SimTime, bool, String)>,
    pub notes: Vec<String>,
    pub memory: u64,
    pub cpu: u64,
    pub procs: Vec<(u32, ProcInfo)>,
    pub signals: Vec<(String, Signal)>,
}

impl Default for MemSys {
    fn default() -> MemSys {
        MemSys::new()
    }
}

impl MemSys {
    pub fn new() -> MemSys {
        let mut dirs = BTreeSet::new();
        for d in [
            "/", "/tmp", "/etc", "/root", "/bin", "/usr", "/usr/bin", "/var", "/dev", "/proc",
            "/home",
        ] {
            dirs.insert(d.to_string());
        }
        let mut files = BTreeMap::new();
        files.insert("/etc/hostname".to_string(), "pod\n".to_string());
        MemSys {
            now: SimTime::ZERO,
            container: "c".into(),
            hostname: "pod".into(),
            env: BTreeMap::new(),
            files,
            dirs,
            read_only: Vec::new(),
            listening: BTreeSet::new(),
            taken: BTreeSet::new(),
            dns: BTreeMap::new(),
            responders: BTreeMap::new(),
            requests: Vec::new(),
            output: Vec::new(),
            notes: Vec::new(),
            memory: 0,
            cpu: 0,
            procs: Vec::new(),
            signals: Vec::new(),
        }
    }

    pub fn file(mut self, path: &str, text: &str) -> MemSys {
        let _ = self.mkdir(parent(path), true);
        self.files.insert(path.to_string(), text.to_string());
        self
    }

    pub fn dir(mut self, path: &str) -> MemSys {
        let _ = self.mkdir(path, true);
        self
    }

    /// The stdout text printed so far.
    pub fn stdout_text(&self) -> String {
        self.output
            .iter()
            .filter(|(_, e, _)| !e)
            .map(|(_, _, t)| t.as_str())
            .collect()
    }

    pub fn stderr_text(&self) -> String {
        self.output
            .iter()
            .filter(|(_, e, _)| *e)
            .map(|(_, _, t)| t.as_str())
            .collect()
    }

    fn ro(&self, path: &str) -> bool {
        self.read_only
            .iter()
            .any(|p| path == p || path.starts_with(&format!("{p}/")))
    }
}

fn parent(path: &str) -> &str {
    match path.rfind('/') {
        Some(0) | None => "/",
        Some(i) => &path[..i],
    }
}

impl Sys for MemSys {
    fn now(&self) -> SimTime {
        self.now
    }
    fn container(&self) -> &str {
        &self.container
    }
    fn env(&self, name: &str) -> Option<String> {
        self.env.get(name).cloned()
    }
    fn read_file(&self, path: &str) -> Result<String, FsError> {
        if self.dirs.contains(path) {
            return Err(FsError::IsADirectory);
        }
        self.files.get(path).cloned().ok_or(FsError::NotFound)
    }
    fn write_file(&mut self, path: &str, data: &str, append: bool) -> Result<(), FsError> {
        if self.dirs.contains(path) {
            return Err(FsError::IsADirectory);
        }
        if !self.dirs.contains(parent(path)) {
            return Err(if self.files.contains_key(parent(path)) {
                FsError::NotADirectory
            } else {
                FsError::NotFound
            });
        }
        if self.ro(path) {
            return Err(FsError::ReadOnly);
        }
        let f = self.files.entry(path.to_string()).or_default();
        if append {
            f.push_str(data);
        } else {
            *f = data.to_string();
        }
        Ok(())
    }
    fn kind(&self, path: &str) -> Option<FileKind> {
        if self.dirs.contains(path) {
            Some(FileKind::Dir)
        } else if self.files.contains_key(path) {
            Some(FileKind::File)
        } else {
            None
        }
    }
    fn mkdir(&mut self, path: &str, parents: bool) -> Result<(), FsError> {
        if self.kind(path).is_some() {
            return if parents && self.dirs.contains(path) {
                Ok(())
            } else {
                Err(FsError::Exists)
            };
        }
        if self.ro(path) {
            return Err(FsError::ReadOnly);
        }
        let p = parent(path);
        if !self.dirs.contains(p) {
            if !parents {
                return Err(FsError::NotFound);
            }
            if self.files.contains_key(p) {
                return Err(FsError::NotADirectory);
            }
            self.mkdir(p, true)?;
        }
        self.dirs.insert(path.to_string());
        Ok(())
    }
    fn remove(&mut self, path: &str, recursive: bool) -> Result<(), FsError> {
        if self.ro(path) {
            return Err(FsError::ReadOnly);
        }
        if self.files.remove(path).is_some() {
            return Ok(());
        }
        if !self.dirs.contains(path) {
            return Err(FsError::NotFound);
        }
        let prefix = format!("{path}/");
        let has_children = self.files.keys().any(|k| k.starts_with(&prefix))
            || self.dirs.iter().any(|k| k.starts_with(&prefix));
        if has_children && !recursive {
            return Err(FsError::NotEmpty);
        }
        self.files.retain(|k, _| !k.starts_with(&prefix));
        self.dirs.retain(|k| !k.starts_with(&prefix) && k != path);
        Ok(())
    }
    fn list_dir(&self, path: &str) -> Result<Vec<String>, FsError> {
        if !self.dirs.contains(path) {
            return Err(if self.files.contains_key(path) {
                FsError::NotADirectory
            } else {
                FsError::NotFound
            });
        }
        let prefix = if path == "/" {
            "/".to_string()
        } else {
            format!("{path}/")
        };
        let mut names: BTreeSet<String> = BTreeSet::new();
        for k in self.files.keys().chain(self.dirs.iter()) {
            if let Some(rest) = k.strip_prefix(&prefix) {
                if !rest.is_empty() && !rest.contains('/') {
                    names.insert(rest.to_string());
                }
            }
        }
        Ok(names.into_iter().collect())
    }
    fn listen(&mut self, port: u16, proto: Proto) -> Result<(), NetError> {
        if self.taken.contains(&port) || self.listening.contains(&(port, proto)) {
            return Err(NetError::AddrInUse);
        }
        self.listening.insert((port, proto));
        Ok(())
    }
    fn unlisten(&mut self, port: u16, proto: Proto) {
        self.listening.remove(&(port, proto));
    }
    fn resolve(&self, name: &str) -> Option<String> {
        if name == "localhost" {
            return Some("127.0.0.1".into());
        }
        if name == self.hostname {
            return Some("10.244.0.5".into());
        }
        self.dns.get(name).cloned()
    }
    fn http(&mut self, req: &HttpRequest) -> Result<HttpResponse, NetError> {
        self.requests.push(req.clone());
        let local = matches!(req.host.as_str(), "localhost" | "127.0.0.1" | "0.0.0.0");
        if !local
            && self.resolve(&req.host).is_none()
            && req.host.parse::<std::net::Ipv4Addr>().is_err()
        {
            return Err(NetError::UnknownHost);
        }
        match self.responders.get_mut(&req.port) {
            Some(r) => Ok(r(req)),
            None => Err(NetError::ConnectionRefused),
        }
    }
    fn tcp_connect(&mut self, host: &str, port: u16) -> Result<(), NetError> {
        let local = matches!(host, "localhost" | "127.0.0.1");
        if !local && self.resolve(host).is_none() {
            return Err(NetError::UnknownHost);
        }
        if self.responders.contains_key(&port)
            || self.taken.contains(&port)
            || self.listening.iter().any(|(p, _)| *p == port)
        {
            Ok(())
        } else {
            Err(NetError::ConnectionRefused)
        }
    }
    fn stdout(&mut self, text: &str) {
        self.output.push((self.now, false, text.to_string()));
    }
    fn stderr(&mut self, text: &str) {
        self.output.push((self.now, true, text.to_string()));
    }
    fn set_memory(&mut self, bytes: u64) {
        self.memory = bytes;
    }
    fn set_cpu_demand(&mut self, millicores: u64) {
        self.cpu = millicores;
    }
    fn assume(&mut self, note: podplay_core::diag::Text) {
        if !self.notes.contains(&note.en) {
            self.notes.push(note.en);
        }
    }
    fn hostname(&self) -> String {
        self.hostname.clone()
    }
    fn process_table(&self) -> Vec<(u32, ProcInfo)> {
        self.procs.clone()
    }
    fn signal_process(&mut self, command_prefix: &str, signal: Signal) -> bool {
        self.signals.push((command_prefix.to_string(), signal));
        self.procs
            .iter()
            .any(|(_, p)| p.command.starts_with(command_prefix))
    }
}

/// How a [`run`] ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum End {
    Exit(i32, SimTime),
    /// Still running (sleeping or idle) at the horizon.
    Running,
    /// Idle with nothing left to wake it.
    Idle(SimTime),
}

/// Most polls one [`run`] makes (a guard for the tests themselves).
pub const MAX_POLLS: usize = 100_000;

/// Polls `prog` like the engine does, advancing the clock, until it exits, goes idle, or the
/// clock passes `until_ms`. Also refreshes `sys.procs` from `processes()` before each poll.
pub fn run(prog: &mut dyn Program, sys: &mut MemSys, until_ms: u64) -> End {
    for _ in 0..MAX_POLLS {
        sys.procs = prog
            .processes()
            .into_iter()
            .enumerate()
            .map(|(i, p)| (i as u32 + 1, p))
            .collect();
        match prog.poll(sys) {
            Poll::Exit(code) => return End::Exit(code, sys.now),
            Poll::Idle => return End::Idle(sys.now),
            Poll::Sleep(ms) => {
                let next = sys.now.0.saturating_add(ms.max(1));
                if next > until_ms {
                    sys.now = SimTime(until_ms);
                    return End::Running;
                }
                sys.now = SimTime(next);
            }
        }
    }
    End::Running
}

/// The output as a trace, one line per printed line: `t=1.0s stdout text` / `t=… stderr …`.
pub fn trace(sys: &MemSys) -> String {
    let mut out = String::new();
    for (t, err, text) in &sys.output {
        for line in text.split_inclusive('\n') {
            out.push_str(&format!(
                "t={} {} {}",
                t,
                if *err { "stderr" } else { "stdout" },
                line
            ));
            if !line.ends_with('\n') {
                out.push('\n');
            }
        }
    }
    out
}
