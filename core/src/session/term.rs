//! The prompt: the project's shell on the node's home directory, with `kubectl`, `clear` and
//! `history` as commands found by its resolver.

use std::cell::RefCell;
use std::rc::Rc;

use super::cluster::Cluster;
use super::docker::NodeProc;
use super::{HOME, MAX_COMMAND_MS, MAX_OUTPUT, MAX_POLLS};
use crate::os::process::{
    FileKind, FsError, HttpRequest, HttpResponse, NetError, Poll, ProcInfo, Proto, Signal, Sys,
};
use crate::os::{Program, SimTime};
use crate::shell::{Config, Flavor, Found, Resolver, Shell, Stdin, Userland};
use crate::sim::fs::Fs;

/// The node the prompt runs on (kubeadm's control-plane node of the default cluster).
const HOSTNAME: &str = "control-plane";

/// The control-plane node's InternalIP in the default cluster.
pub(super) const NODE_IP: &str = "172.18.0.2";

/// An address of the node itself.
fn node_address(ip: &str) -> bool {
    ip.starts_with("127.") || ip == "0.0.0.0" || ip == NODE_IP
}

/// Runs one command line; answers its output, exit code and the time it ended.
pub(super) fn run_line(
    line: &str,
    t: SimTime,
    home: &mut Fs,
    cluster: Rc<RefCell<Cluster>>,
    history: Rc<RefCell<Vec<String>>>,
    last_status: i32,
) -> (String, i32, SimTime) {
    let net = cluster.clone();
    let resolver: Resolver = Rc::new(move |argv: &[String], _fallback: bool| {
        let name = argv.first()?.rsplit('/').next()?.to_string();
        let tool = match name.as_str() {
            "kubectl" => Tool::Kubectl(cluster.clone()),
            "docker" => Tool::Docker(cluster.clone()),
            "history" => Tool::History(history.clone()),
            "clear" => Tool::Clear,
            _ => return None,
        };
        Some(Found::program(Box::new(Cmd {
            argv: argv.to_vec(),
            tool,
            pending: None,
        })))
    });
    let cfg = Config {
        flavor: Flavor::Ash,
        userland: Userland::Busybox,
        extra_commands: &["curl"],
        user: "root".into(),
        uid: 0,
        image: String::new(),
        resolver: Some(resolver),
        pid1: false,
        stdin: Stdin::Closed,
        cwd: HOME.into(),
    };
    // `$?` carries over from the command before (variables and functions do not: each command
    // line runs in a fresh shell process)
    let src = if last_status == 0 {
        line.to_string()
    } else {
        format!("(exit {last_status})\n{line}")
    };
    let mut sh = Shell::script(cfg, &src, "sh", &[]);
    let mut term = Term {
        home,
        cluster: net,
        now: t,
        out: String::new(),
        cut: false,
    };
    let mut exit = None;
    let mut note = None;
    let mut busy = 0;
    for _ in 0..MAX_POLLS {
        match sh.poll(&mut term) {
            Poll::Exit(code) => {
                exit = Some(code);
                break;
            }
            Poll::Sleep(ms) => {
                // a loop that never waits comes back after each busy slice (as in the engine,
                // `MAX_BUSY_POLLS` slices in a row stop it)
                busy = if ms == crate::shell::BUSY_SLICE_MS { busy + 1 } else { 0 };
                if busy > crate::sim::MAX_BUSY_POLLS {
                    break;
                }
                if term.now.0.saturating_add(ms) > t.0.saturating_add(MAX_COMMAND_MS) {
                    term.now = t.saturating_add(MAX_COMMAND_MS);
                    note = Some(format!(
                        "the command was still waiting after {} s; the playground stopped it as Ctrl-C would",
                        MAX_COMMAND_MS / 1000
                    ));
                    break;
                }
                term.now = term.now.saturating_add(ms);
            }
            Poll::Idle => {
                note = Some(super::WAITS_FOREVER.into());
                break;
            }
        }
    }
    if exit.is_none() && note.is_none() {
        note = Some(
            "the command was still running (a loop that never waits, or too many steps); the playground stopped it as Ctrl-C would".to_string(),
        );
    }
    let mut out = term.out;
    if term.cut {
        out.push_str(&format!(
            "\n[podplay] the output was cut after {MAX_OUTPUT} bytes\n"
        ));
    }
    if let Some(n) = note {
        out.push_str(&format!("^C\n[podplay] {n}\n"));
    }
    // Ctrl-C: the shell reports 130
    (out, exit.unwrap_or(130), term.now)
}

/// The node's side of the prompt: the home directory, the clock, the terminal's output.
struct Term<'a> {
    home: &'a mut Fs,
    /// The cluster the node's `curl`/`wget` reach (pod IPs and ClusterIPs).
    cluster: Rc<RefCell<Cluster>>,
    now: SimTime,
    out: String,
    cut: bool,
}

impl Term<'_> {
    /// The node's `/proc` entry of a docker container's process (none while a command holds the
    /// cluster, e.g. when `docker run -v` reads a host file).
    fn node_proc(&self, path: &str) -> Option<NodeProc> {
        self.cluster.try_borrow().ok()?.docker.proc_entry(path)
    }

    fn write(&mut self, text: &str) {
        if self.out.len() + text.len() > MAX_OUTPUT {
            let mut room = MAX_OUTPUT.saturating_sub(self.out.len());
            while room > 0 && !text.is_char_boundary(room) {
                room -= 1;
            }
            self.out.push_str(text.get(..room).unwrap_or(""));
            self.cut = true;
            return;
        }
        self.out.push_str(text);
    }
}

impl Sys for Term<'_> {
    fn now(&self) -> SimTime {
        self.now
    }
    fn container(&self) -> &str {
        ""
    }
    fn env(&self, name: &str) -> Option<String> {
        self.environ()
            .into_iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }
    fn environ(&self) -> Vec<(String, String)> {
        vec![
            ("HOME".into(), HOME.into()),
            ("HOSTNAME".into(), HOSTNAME.into()),
            (
                "PATH".into(),
                "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".into(),
            ),
        ]
    }
    fn read_file(&self, path: &str) -> Result<String, FsError> {
        if self.node_proc(path).is_some() {
            return Err(FsError::NotFound);
        }
        self.home.read(path).map(str::to_string)
    }
    fn write_file(&mut self, path: &str, data: &str, append: bool) -> Result<(), FsError> {
        self.home.write(path, data, append).map(|_| ())
    }
    fn kind(&self, path: &str) -> Option<FileKind> {
        match self.node_proc(path) {
            Some(NodeProc::Dir(_)) => Some(FileKind::Dir),
            Some(NodeProc::Link(_)) => Some(FileKind::File),
            None => self.home.kind(path),
        }
    }
    fn mkdir(&mut self, path: &str, parents: bool) -> Result<(), FsError> {
        self.home.mkdir(path, parents)
    }
    fn remove(&mut self, path: &str, recursive: bool) -> Result<(), FsError> {
        self.home.remove(path, recursive)
    }
    fn list_dir(&self, path: &str) -> Result<Vec<String>, FsError> {
        match self.node_proc(path) {
            Some(NodeProc::Dir(v)) => Ok(v),
            Some(NodeProc::Link(_)) => Err(FsError::NotADirectory),
            None => self.home.list(path),
        }
    }
    fn read_link(&self, path: &str) -> Option<String> {
        match self.node_proc(path)? {
            NodeProc::Link(t) => Some(t),
            NodeProc::Dir(_) => None,
        }
    }
    fn listen(&mut self, _port: u16, _proto: Proto) -> Result<(), NetError> {
        Ok(())
    }
    fn unlisten(&mut self, _port: u16, _proto: Proto) {}
    fn resolve(&self, name: &str) -> Option<String> {
        // the node resolves with its own /etc/hosts and DNS, not the cluster's: Service names
        // do not resolve here
        if name.parse::<std::net::Ipv4Addr>().is_ok() {
            return Some(name.to_string());
        }
        match name {
            "localhost" => Some("127.0.0.1".into()),
            HOSTNAME => Some(NODE_IP.into()),
            _ => None,
        }
    }
    fn http(&mut self, req: &HttpRequest) -> Result<HttpResponse, NetError> {
        let ip = self.resolve(&req.host).ok_or(NetError::UnknownHost)?;
        // the node's address on the pod network as the servers see it (traffic leaves the
        // control-plane node for the workers' pods; to a ClusterIP kube-proxy masquerades it)
        let req = &HttpRequest {
            client: Some(NODE_IP.to_string()),
            ..req.clone()
        };
        let docker = self
            .cluster
            .try_borrow_mut()
            .ok()
            .and_then(|mut c| c.docker.node_request(self.now, &ip, req));
        if let Some(r) = docker {
            return r;
        }
        if node_address(&ip) {
            // nothing of the node's own listens on the ports a learner asks for
            return Err(NetError::ConnectionRefused);
        }
        let Ok(mut c) = self.cluster.try_borrow_mut() else {
            return Err(NetError::ConnectionRefused);
        };
        let r = c.answer(self.now, &ip, req.port, Some(req));
        super::net::to_http(r)
    }
    fn tcp_connect(&mut self, host: &str, port: u16) -> Result<(), NetError> {
        let ip = self.resolve(host).ok_or(NetError::UnknownHost)?;
        if node_address(&ip) {
            return Err(NetError::ConnectionRefused);
        }
        let Ok(mut c) = self.cluster.try_borrow_mut() else {
            return Err(NetError::ConnectionRefused);
        };
        match c.answer(self.now, &ip, port, None) {
            crate::sim::RemoteResult::Connected | crate::sim::RemoteResult::Http(_) => Ok(()),
            crate::sim::RemoteResult::Refused => Err(NetError::ConnectionRefused),
            crate::sim::RemoteResult::Timeout => Err(NetError::Timeout),
        }
    }
    fn stdout(&mut self, text: &str) {
        self.write(text)
    }
    fn stderr(&mut self, text: &str) {
        self.write(text)
    }
    fn set_memory(&mut self, _bytes: u64) {}
    fn set_cpu_demand(&mut self, _millicores: u64) {}
    fn assume(&mut self, _note: crate::diag::Text) {}
    fn hostname(&self) -> String {
        HOSTNAME.into()
    }
    fn process_table(&self) -> Vec<(u32, ProcInfo)> {
        Vec::new()
    }
    fn signal_process(&mut self, _command_prefix: &str, _signal: Signal) -> bool {
        false
    }
}

enum Tool {
    Kubectl(Rc<RefCell<Cluster>>),
    Docker(Rc<RefCell<Cluster>>),
    History(Rc<RefCell<Vec<String>>>),
    Clear,
}

/// A command of the prompt that is not a shell applet.
struct Cmd {
    argv: Vec<String>,
    tool: Tool,
    /// The exit code once the command's wait is over.
    pending: Option<i32>,
}

impl Program for Cmd {
    fn poll(&mut self, sys: &mut dyn Sys) -> Poll {
        if let Some(code) = self.pending.take() {
            return Poll::Exit(code);
        }
        match &self.tool {
            Tool::Clear => {
                // what `clear` writes for an xterm: home the cursor, erase the screen
                sys.stdout("\x1b[H\x1b[2J");
                Poll::Exit(0)
            }
            Tool::History(h) => {
                let h = h.borrow();
                let mut out = String::new();
                for (i, l) in h.iter().enumerate() {
                    out.push_str(&format!("{:>5}  {}\n", i + 1, l.replace('\n', "\n       ")));
                }
                sys.stdout(&out);
                Poll::Exit(0)
            }
            Tool::Kubectl(c) | Tool::Docker(c) => {
                let stdin = sys.read_stdin();
                let args = self.argv.get(1..).unwrap_or_default().to_vec();
                let now = sys.now();
                let docker = matches!(self.tool, Tool::Docker(_));
                let r = {
                    let mut c = c.borrow_mut();
                    // a path relative to the home directory (the prompt's working directory)
                    let read = |p: &str| {
                        if p.starts_with('/') {
                            sys.read_file(p)
                        } else {
                            sys.read_file(&crate::os::path::join(HOME, p))
                        }
                    };
                    if docker {
                        c.docker(&args, now, &read)
                    } else {
                        c.kubectl(&args, now, stdin, &read)
                    }
                };
                sys.stderr(&r.note);
                sys.stdout(&r.out);
                sys.stderr(&r.err);
                if r.wait_ms > 0 {
                    self.pending = Some(r.exit);
                    Poll::Sleep(r.wait_ms)
                } else {
                    Poll::Exit(r.exit)
                }
            }
        }
    }

    fn processes(&self) -> Vec<ProcInfo> {
        Vec::new()
    }
}
