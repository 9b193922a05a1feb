//! The prompt: the project's shell on the node's home directory, with `kubectl`, `clear` and
//! `history` as commands found by its resolver.

use std::cell::RefCell;
use std::rc::Rc;

use super::cluster::{Cluster, Out};
use super::docker::NodeProc;
use super::edit::{Edit, EditRequest, HostEditor, Saved};
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

/// `$?` carried over from the command line before (each line runs in a fresh shell process:
/// variables and functions do not carry over, the status does): the line as that shell runs it.
/// The node's prompt and a container shell of `kubectl exec -it` both type lines this way.
pub(super) fn with_status(line: &str, last_status: i32) -> String {
    if last_status == 0 {
        line.to_string()
    } else {
        format!("(exit {last_status})\n{line}")
    }
}

/// The prompt's shell: BusyBox ash as root in the home directory, finding the prompt's own
/// commands with `resolver`.
fn node_config(resolver: Option<Resolver>) -> Config {
    Config {
        flavor: Flavor::Ash,
        userland: Userland::Busybox,
        extra_commands: &["curl"],
        user: "root".into(),
        uid: 0,
        image: String::new(),
        resolver,
        pid1: false,
        stdin: Stdin::Closed,
        cwd: HOME.into(),
    }
}

/// A command line being run: its shell and what it printed so far. It is kept while the
/// host's editor has it waiting (`kubectl edit` without `KUBE_EDITOR`).
pub(super) struct Line {
    sh: Shell,
    t: SimTime,
    now: SimTime,
    out: String,
    cut: bool,
    busy: u32,
    polls: u32,
    /// The sleep the line was in when it stopped for the host's editor.
    pending_ms: u64,
}

impl Line {
    /// What the line printed so far.
    pub(super) fn output(&self) -> &str {
        &self.out
    }

}

/// Starts one command line typed at `t`.
pub(super) fn start_line(
    line: &str,
    t: SimTime,
    cluster: Rc<RefCell<Cluster>>,
    history: Rc<RefCell<Vec<String>>>,
    host: Rc<RefCell<HostEditor>>,
    last_status: i32,
) -> Line {
    let resolver: Resolver = Rc::new(move |argv: &[String], _fallback: bool| {
        let name = argv.first()?.rsplit('/').next()?.to_string();
        if name == "kubectl" && argv.get(1).is_some_and(|a| a == "edit") {
            return Some(Found::program(Box::new(EditCmd {
                args: argv.get(2..).unwrap_or_default().to_vec(),
                cluster: cluster.clone(),
                host: host.clone(),
                env: Vec::new(),
                edit: None,
                editor: None,
                previous: None,
                reopened: 0,
            })));
        }
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
    Line {
        sh: Shell::script(node_config(Some(resolver)), &with_status(line, last_status), "sh", &[]),
        t,
        now: t,
        out: String::new(),
        cut: false,
        busy: 0,
        polls: 0,
        pending_ms: 0,
    }
}

/// Runs a command line on: its output, exit code and the time it ended; None while it waits
/// for the host's editor (`host` holds the request; call again once it holds the answer).
pub(super) fn drive(
    l: &mut Line,
    home: &mut Fs,
    cluster: Rc<RefCell<Cluster>>,
    host: &Rc<RefCell<HostEditor>>,
) -> Option<(String, i32, SimTime)> {
    let t = l.t;
    let mut term = Term {
        home,
        cluster,
        now: l.now.saturating_add(std::mem::take(&mut l.pending_ms)),
        out: std::mem::take(&mut l.out),
        cut: l.cut,
    };
    let mut exit = None;
    let mut note = None;
    while l.polls < MAX_POLLS {
        l.polls += 1;
        match l.sh.poll(&mut term) {
            Poll::Exit(code) => {
                exit = Some(code);
                break;
            }
            Poll::Sleep(ms) => {
                if host.borrow().request.is_some() {
                    // `kubectl edit` waits for the host's editor: the line stops here
                    l.now = term.now;
                    l.out = term.out;
                    l.cut = term.cut;
                    l.pending_ms = ms;
                    return None;
                }
                // a loop that never waits comes back after each busy slice (as in the engine,
                // `MAX_BUSY_POLLS` slices in a row stop it)
                l.busy = if ms == crate::shell::BUSY_SLICE_MS { l.busy + 1 } else { 0 };
                if l.busy > crate::sim::MAX_BUSY_POLLS {
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
    Some((out, exit.unwrap_or(130), term.now))
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
    fn assume(&mut self, note: crate::diag::Text) {
        // the prompt has no notes panel: what the playground assumed is said where it happened
        self.stderr(&format!("[podplay] {}\n", note.en));
    }
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

/// `kubectl edit`: the object in a temporary file, the editor (`KUBE_EDITOR`, else `EDITOR`,
/// run through the prompt's shell; else the host's editor), then edit's rules ([`super::edit`]),
/// again while the file is reopened with errors.
struct EditCmd {
    args: Vec<String>,
    cluster: Rc<RefCell<Cluster>>,
    host: Rc<RefCell<HostEditor>>,
    /// The environment the shell started kubectl with.
    env: Vec<(String, String)>,
    edit: Option<Edit>,
    /// The editor running on the file (`KUBE_EDITOR`/`EDITOR`) and how it was named.
    editor: Option<(Shell, String)>,
    /// The temporary file of the launch before (removed once the next one is saved).
    previous: Option<String>,
    /// Times the file was reopened with errors.
    reopened: u32,
}

/// Reopenings of one `kubectl edit` after which the playground stops it: an editor that keeps
/// saving another invalid change (`sed -i s/x/xx/`) would make kubectl reopen the file forever.
const MAX_EDIT_REOPENS: u32 = 20;

/// The editor kubectl runs (`editorEnvs`: `KUBE_EDITOR`, then `EDITOR`; empty ones skipped).
fn editor_of(env: &[(String, String)]) -> Option<String> {
    ["KUBE_EDITOR", "EDITOR"]
        .iter()
        .find_map(|k| env.iter().find(|(n, v)| n == k && !v.is_empty()).map(|(_, v)| v.clone()))
}

/// The command line that runs `editor` on `path` (editor.go `defaultEnvEditor`/`args`: a bare
/// word is the program; words without quotes or backslashes are split on spaces; anything else
/// goes to the shell with the path appended, quoted as Go's `%q`).
fn editor_line(editor: &str, path: &str) -> String {
    let quote = |w: &str| format!("'{}'", w.replace('\'', "'\\''"));
    if !editor.contains(' ') {
        format!("{} {}", quote(editor), quote(path))
    } else if !editor.contains(['"', '\'', '\\']) {
        let mut words: Vec<String> = editor.split(' ').map(quote).collect();
        words.push(quote(path));
        words.join(" ")
    } else {
        format!("{editor} \"{path}\"")
    }
}

fn print(sys: &mut dyn Sys, o: &Out) {
    sys.stderr(&o.note);
    sys.stdout(&o.out);
    sys.stderr(&o.err);
}

impl EditCmd {
    /// Writes the file and starts the editor on it (or asks the host's).
    fn launch(&mut self, sys: &mut dyn Sys) {
        let Some(e) = &self.edit else { return };
        let _ = sys.write_file(&e.path, &e.buffer, false);
        match editor_of(&self.env) {
            Some(ed) => {
                let line = editor_line(&ed, &e.path);
                self.editor = Some((Shell::script(node_config(None), &line, "sh", &[]), ed));
            }
            None => {
                self.host.borrow_mut().request = Some(EditRequest {
                    object: format!("pod/{}", e.pod),
                    path: e.path.clone(),
                    text: e.buffer.clone(),
                });
            }
        }
    }
}

impl Program for EditCmd {
    fn wants_env(&self) -> bool {
        true
    }

    fn set_env(&mut self, env: Vec<(String, String)>) {
        self.env = env;
    }

    fn poll(&mut self, sys: &mut dyn Sys) -> Poll {
        if self.edit.is_none() {
            let opened = self.cluster.borrow_mut().edit_open(&self.args, sys.now());
            match opened {
                Ok(e) => self.edit = Some(e),
                Err(o) => {
                    print(sys, &o);
                    return Poll::Exit(o.exit);
                }
            }
            self.launch(sys);
        }
        loop {
            let Some(path) = self.edit.as_ref().map(|e| e.path.clone()) else {
                return Poll::Exit(1);
            };
            // wait for the editor to save
            if let Some((sh, name)) = self.editor.as_mut() {
                match sh.poll(sys) {
                    Poll::Exit(0) => self.editor = None,
                    Poll::Exit(_) => {
                        let o = super::kubectl::fail(format!("error: there was a problem with the editor \"{name}\"\n"));
                        print(sys, &o);
                        return Poll::Exit(o.exit);
                    }
                    other => return other,
                }
            } else {
                let answer = self.host.borrow_mut().answer.take();
                if answer.is_none() {
                    // the host's editor has the file: come back once it answers
                    return Poll::Sleep(1);
                }
                if let Some(text) = answer {
                    let _ = sys.write_file(&path, &text, false);
                }
            }
            let edited = sys.read_file(&path).unwrap_or_default();
            if let Some(p) = self.previous.take() {
                let _ = sys.remove(&p, false);
            }
            let now = sys.now();
            let saved = match self.edit.as_mut() {
                Some(e) => self.cluster.borrow_mut().edit_save(e, &edited, now),
                None => return Poll::Exit(1),
            };
            match saved {
                Saved::Done(o) => {
                    if o.exit == 0 {
                        let _ = sys.remove(&path, false);
                    }
                    print(sys, &o);
                    return Poll::Exit(o.exit);
                }
                Saved::Again(o) => {
                    print(sys, &o);
                    self.reopened += 1;
                    if self.reopened >= MAX_EDIT_REOPENS {
                        sys.stderr(&format!("^C\n[podplay] the editor saved an invalid file {MAX_EDIT_REOPENS} times in a row; the playground stopped kubectl edit as Ctrl-C would\n"));
                        return Poll::Exit(130);
                    }
                    self.previous = Some(path);
                    self.launch(sys);
                }
            }
        }
    }

    fn processes(&self) -> Vec<ProcInfo> {
        Vec::new()
    }
}
