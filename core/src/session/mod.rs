//! A cluster you can type at: a deterministic world of several Pods (each played by the engine
//! of [`crate::sim`] with its own sandbox, IP and processes), Services, ConfigMaps, Secrets and
//! the default Nodes, changed by commands typed at simulated times.
//!
//! The prompt is the project's own shell ([`crate::shell`]: pipes, `$(…)`, heredocs,
//! variables) on a small home directory (`/root`) that holds the given files (the editor's
//! text, the CLI script's folder); `kubectl`, `docker`, `curl`/`wget`, `sleep N`, `clear` and
//! `history` are commands of that shell. [`Session::run`] types one command at a time `at` and answers a [`Step`]; time
//! passes only when a command waits (`sleep N`, `kubectl delete` waiting for the pod to go, the
//! sleeps of an `exec`). The same commands at the same times give the same session, so a
//! playhead can seek anywhere: [`Session::query`] answers a read-only kubectl command at any
//! time, [`Session::pods`] and [`Session::pod_play`] give the views each pod's run.
//!
//! ## Simplifications (each also said where it is made)
//! - A pod's world is fixed when it is created, except ConfigMaps and Secrets created later
//!   (they exist for the kubelet from their creation time on): Services created after a pod do
//!   not give it environment variables, as in a real cluster.
//! - `kubectl exec` runs its command to the end at the instant it is typed (its sleeps are
//!   waited for, the rest of the pod does not move meanwhile) and it does not appear in `ps`.
//! - Each command line runs in a fresh shell process of the prompt: `$?` carries over from the
//!   line before, shell variables and functions do not (files in the home directory do).
//! - Traffic between pods, to Services and from the node's `curl`/`wget` is served by the pod
//!   behind the address at the instant it is made (`net.rs`): a Service picks one ready endpoint
//!   from a hash of the time and the request (kube-proxy picks at random) and identical requests
//!   from one client at the same instant are served once. The server sees the asking pod's IP
//!   (the node's `172.18.0.2` for the prompt's `curl`, docker's gateway `172.17.0.1` through a
//!   published port).
//! - One clock for the cluster: a pod created later runs on its own time line from 0, and
//!   [`crate::sim::Options::clock_base`] puts it back on the session's clock for everything that
//!   prints a wall-clock time (`date`, the programs' logs, `describe`).
//! - A command an image has but the playground does not model (`sort`, `tr`, `ip`…) prints a
//!   `[podplay]` line saying so (at the prompt, and after `kubectl exec`'s output) and exits 0.
//! - `kubectl get pod -o yaml|json|jsonpath` returns the live object (`sim/status.rs`): the
//!   kubelet's status, `spec.nodeName`, `creationTimestamp` and `uid`; it has no
//!   `resourceVersion` and no `containerStatuses[].user`.
//! - The immutability error of a changed pod is the API server's, with go-cmp's `cmp.Diff` of the
//!   two specs (`crate::gocmp`); types not modelled field by field print a `[podplay]` line.
//! - `docker` on the node: images are there already (no pull output), bind mounts copy the host
//!   file at creation, a foreground container that never exits is stopped as Ctrl-C would; see
//!   `docker.rs`. `kubectl get -w` watches 60 s of simulated time, sampled each second, printing
//!   only changes that show in its columns.
//! - `kubectl version` reports v1.37.0 for the client, the API server and every kubelet, and
//!   kustomize v5.7.1 (the figure kubectl 1.34 pins; not read from a 1.37 build); `-o json|yaml`
//!   (the build's commit and date) is not played.
//! - The nodes are the default cluster's ([`crate::sim::default_cluster`]), there from time zero
//!   (their AGE is the session's clock); `get nodes -o wide` gives a kind node image's OS,
//!   kernel and containerd figures (simulated). `describe node` lists the session's
//!   non-terminated pods on it with their requests and limits (describeNodeResource) and leaves
//!   out the machine IDs, the provider ID, the node's disk and the kube-system pods (a
//!   `[podplay]` line says so);
//!   `-o yaml|json|jsonpath` of nodes and events is not played (a `[podplay]` note says so).
//! - `describe service` shows the API server's defaults for what the manifest leaves out
//!   (SingleStack IPv4, `None` affinity, `Cluster` traffic policies) and no allocated NodePort.
//! - `kubectl label` is played for pods: the labels change from that time on for listing,
//!   selecting, `-o yaml|json` and `describe`; a downward API volume keeps the labels the pod
//!   was created with. `describe service` lists the endpoints the labels select, and traffic
//!   to the Service goes to them.
//! - The images' file systems hold their programs (`programs::image_info`): the busybox image
//!   every applet in /bin as hard links of /bin/busybox, a Debian 12 image its commands in
//!   /usr/bin behind merged-/usr links (`/bin -> usr/bin`), and their /etc/passwd and
//!   /etc/group (busybox; nginx and httpd: Debian's with nginx's user), which `which`, `id` and
//!   `whoami` follow. The programs lie in a layer under each container's file system, shared and
//!   never copied (`Fs::set_programs`); their contents are not modelled (they read empty, size 0).
//! - `kubectl annotate`, and `edit`/`apply` of `metadata.labels`/`metadata.annotations`, change
//!   them from that time on the same way (the pod's `meta_changes`); a changed creationTimestamp
//!   or generation is put back (BeforeUpdate), a changed uid is refused as immutable. Other
//!   metadata (finalizers, ownerReferences) still gets the spec's immutability error: their
//!   effects are not modelled.
//! - `kubectl logs -f` prints what the log holds, then (while the container runs) stops as Ctrl-C
//!   would with the note of the other endless commands; `-o jsonpath` is client-go's
//!   util/jsonpath, ported in `jsonpath.rs`.

mod applied;
mod cluster;
mod docker;
mod edit;
mod jsonpath;
mod kubectl;
mod more;
mod net;
mod term;

use std::cell::RefCell;
use std::rc::Rc;

use crate::os::SimTime;
use crate::sim::fs::Fs;
use crate::sim::{Run, World};

pub use cluster::PodSummary;
use cluster::Cluster;
pub use edit::EditRequest;
use edit::HostEditor;

/// The home directory of the prompt.
pub const HOME: &str = "/root";
/// Simulated time one command may let pass (`sleep`, waits); longer is cut with a note.
pub const MAX_COMMAND_MS: u64 = 3_600_000;
/// Output kept from one command; more is cut with a note.
pub const MAX_OUTPUT: usize = 256 * 1024;
/// The note after a command that would wait forever (`tail -f`, `kubectl logs -f`, a server).
pub(crate) const WAITS_FOREVER: &str =
    "the command waits forever (as `tail -f` or a server does); the playground stopped it as Ctrl-C would";
/// Interpreter polls one command may take before the prompt stops it (as Ctrl-C would).
pub const MAX_POLLS: u32 = 5_000;

/// One command typed at the prompt and what it did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// When it was typed.
    pub t: SimTime,
    pub command: String,
    /// stdout and stderr as the terminal shows them.
    pub output: String,
    pub exit: i32,
    /// The prompt it was typed at: `$ ` on the node, a container shell's inside
    /// `kubectl exec -it POD -- sh`.
    pub prompt: String,
    /// What the host's editor saved for each launch of `kubectl edit`'s editor in this command
    /// ([`Session::finish_edit`]): replaying the command with them gives the same session.
    pub edits: Vec<String>,
}

/// A command waiting for the host's editor.
struct Waiting {
    line: term::Line,
    command: String,
    t: SimTime,
    prompt: String,
    edits: Vec<String>,
}

/// What a script's `kubectl edit` says when no editor variable is set.
pub const NO_EDITOR_NOTE: &str = "[podplay] kubectl edit: a script has no editor to open; set KUBE_EDITOR (for example KUBE_EDITOR=\"sed -i s/1.25/1.26/\" kubectl edit pod NAME). The file was closed unchanged, as vi does when its input is not a terminal.\n";

/// A cluster session: the world and the commands typed at it.
pub struct Session {
    cluster: Rc<RefCell<Cluster>>,
    home: Fs,
    history: Rc<RefCell<Vec<String>>>,
    steps: Vec<Step>,
    now: SimTime,
    host: Rc<RefCell<HostEditor>>,
    waiting: Option<Waiting>,
}

impl Session {
    /// An empty cluster (the default nodes) and a home directory holding `files` (name, text).
    pub fn new(files: &[(String, String)]) -> Session {
        let mut home = Fs::new();
        home.ensure_dir(HOME);
        home.ensure_dir("/tmp");
        for (name, text) in files {
            home.put(&crate::os::path::join(HOME, name), text);
        }
        Session {
            cluster: Rc::new(RefCell::new(Cluster::default())),
            home,
            history: Rc::new(RefCell::new(Vec::new())),
            steps: Vec::new(),
            now: SimTime::ZERO,
            host: Rc::new(RefCell::new(HostEditor::default())),
            waiting: None,
        }
    }

    /// Types every command of `script` in order (see [`split_commands`]), each when the one
    /// before it ended.
    pub fn from_script(script: &str, files: &[(String, String)]) -> Session {
        let mut s = Session::new(files);
        for cmd in split_commands(script) {
            let at = s.now;
            s.run(&cmd, at);
            if s.pending_edit().is_some() {
                s.cancel_edit();
                if let Some(last) = s.steps.last_mut() {
                    last.output.insert_str(0, NO_EDITOR_NOTE);
                }
            }
        }
        s
    }

    /// Types `line` (one command, possibly several lines with a heredoc) at `at` (not before the
    /// end of the previous command).
    ///
    /// A `kubectl edit` with no `KUBE_EDITOR`/`EDITOR` asks the host's editor: the command then
    /// waits ([`Session::pending_edit`] says for what; the step answered holds what it printed
    /// so far) until [`Session::finish_edit`]. A command typed meanwhile first closes the
    /// editor unchanged.
    pub fn run(&mut self, line: &str, at: SimTime) -> Step {
        self.cluster.borrow_mut().warming = None;
        self.cancel_edit();
        let t = at.max(self.now);
        self.history.borrow_mut().push(line.to_string());
        let prompt = self.prompt();
        let attached = self.cluster.borrow().attached.is_some();
        if attached {
            // a line typed in a container's shell (`kubectl exec -it POD -- sh`)
            let o = self.cluster.borrow_mut().attached_line(line, t);
            let output = format!("{}{}{}", o.note, o.out, o.err);
            return self.finish((t, line.to_string(), prompt, Vec::new()), (output, o.exit, t.saturating_add(o.wait_ms)));
        }
        let last = self.steps.last().map_or(0, |s| s.exit);
        let l = term::start_line(line, t, self.cluster.clone(), self.history.clone(), self.host.clone(), last);
        self.go(Waiting { line: l, command: line.to_string(), t, prompt, edits: Vec::new() })
    }

    /// Runs a command line on until it ends or waits for the host's editor.
    fn go(&mut self, mut w: Waiting) -> Step {
        match term::drive(&mut w.line, &mut self.home, self.cluster.clone(), &self.host) {
            Some(done) => self.finish((w.t, w.command, w.prompt, w.edits), done),
            None => {
                let step = Step {
                    t: w.t,
                    command: w.command.clone(),
                    output: w.line.output().to_string(),
                    exit: 0,
                    prompt: w.prompt.clone(),
                    edits: w.edits.clone(),
                };
                self.waiting = Some(w);
                step
            }
        }
    }

    /// A command ended: (when typed, command, prompt, editor texts), (output, exit, end).
    fn finish(&mut self, (t, command, prompt, edits): (SimTime, String, String, Vec<String>), (output, exit, end): (String, i32, SimTime)) -> Step {
        self.now = end;
        let step = Step { t, command, output, exit, prompt, edits };
        self.steps.push(step.clone());
        step
    }

    /// The file a `kubectl edit` waits to have edited by the host's editor, if one does.
    pub fn pending_edit(&self) -> Option<EditRequest> {
        self.waiting.as_ref().and(self.host.borrow().request.clone())
    }

    /// The host's editor closed the file of [`Session::pending_edit`]: saved with `text`, or
    /// (None) closed without saving, so the file stays as it was given. The command goes on
    /// (kubectl may reopen the file with errors: then an edit is pending again); None when no
    /// edit was pending.
    pub fn finish_edit(&mut self, text: Option<&str>) -> Option<Step> {
        let mut w = self.waiting.take()?;
        let req = self.host.borrow_mut().request.take()?;
        let text = text.map_or(req.text, str::to_string);
        w.edits.push(text.clone());
        self.host.borrow_mut().answer = Some(text);
        Some(self.go(w))
    }

    /// Closes a pending edit's file unchanged until the command ends.
    fn cancel_edit(&mut self) {
        // a cancel ends the edit, or (after an error) the next one does
        for _ in 0..3 {
            if self.finish_edit(None).is_none() {
                break;
            }
        }
        self.waiting = None;
        self.host.borrow_mut().request = None;
    }

    /// The prompt the next line is typed at: `$ ` on the node, or the container shell's while
    /// one is open (`kubectl exec -it POD -- sh`, until `exit`).
    pub fn prompt(&self) -> String {
        self.cluster.borrow().attached.as_ref().map_or_else(|| "$ ".to_string(), |a| a.prompt.clone())
    }

    /// Writes (or replaces) a file of the home directory: the app keeps the editor's text there,
    /// so that `kubectl apply -f pod.yaml` applies what the editor holds when it is typed.
    pub fn put_file(&mut self, name: &str, text: &str) {
        self.home.put(&crate::os::path::join(HOME, name), text);
    }

    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// When the last command ended.
    pub fn now(&self) -> SimTime {
        self.now
    }

    /// A read-only kubectl command (`get`, `describe`, `logs`, …) answered at time `t` without
    /// changing the session: what the terminal would have printed then. Commands that change the
    /// world are refused with exit 1.
    pub fn query(&self, args: &[String], t: SimTime) -> (String, i32) {
        // (the cluster is borrowed mutably only to play pods further; nothing is changed)
        let mut c = self.cluster.borrow_mut();
        c.warming = None;
        c.query(args, t)
    }

    /// The pods that exist at `t`, in creation order.
    pub fn pods(&self, t: SimTime) -> Vec<PodSummary> {
        let mut c = self.cluster.borrow_mut();
        c.warming = None;
        c.pods_at(t)
    }

    /// Plays ahead one slice of at most `budget` engine steps (the simulation's events) of what
    /// the next command at the session's time would otherwise play in one go: after a session
    /// is replayed from its commands (a page reload), or a long `sleep`, every pod's history up
    /// to now. True when nothing is left. Called again and again (a page does it between
    /// frames), it leaves the session exactly as the command would have: byte for byte the same
    /// outputs and runs. Anything else that plays the pods ([`Session::run`], [`Session::query`],
    /// [`Session::pods`], [`Session::pod_play`]) drops the slice under way and does the rest in
    /// one go.
    pub fn warm_step(&mut self, budget: u64) -> bool {
        self.warm_step_at(self.now, budget)
    }

    /// [`Session::warm_step`] for a command to be typed `at` (a replayed record's next command):
    /// what it would play in one go, played ahead in slices.
    pub fn warm_step_at(&mut self, at: SimTime, budget: u64) -> bool {
        self.cluster.borrow_mut().warm_step(at.max(self.now), budget)
    }

    /// Whether every pod has been played up to the session's time (nothing for
    /// [`Session::warm_step`] to do): the next command plays no history in one go.
    pub fn is_warm(&self) -> bool {
        self.cluster.borrow().is_warm(self.now)
    }

    /// The run and world of pod `name` as it exists at `t` (its own clock starts at `created`),
    /// for the play views; the run reaches at least `t`.
    pub fn pod_play(&self, name: &str, t: SimTime) -> Option<(Run, World, SimTime)> {
        let mut c = self.cluster.borrow_mut();
        c.warming = None;
        c.pod_play(name, t)
    }

    /// Completion candidates for `line` with the cursor at byte `cursor`: commands, kubectl's
    /// subcommands, resource types and names, flags; in a container's shell (`kubectl exec -it`)
    /// the commands of its image and paths of its file system.
    pub fn complete(&self, line: &str, cursor: usize) -> Vec<String> {
        let head = line.get(..cursor.min(line.len())).unwrap_or(line);
        let c = self.cluster.borrow();
        if c.attached.is_some() {
            return c.attached_complete(head, self.now);
        }
        kubectl::complete(&c, head, self.now)
    }
}

/// The transcript of a session: each command after its prompt (continuation lines after `> `), then
/// what it printed.
pub fn transcript(steps: &[Step]) -> String {
    let mut out = String::new();
    for st in steps {
        for (i, l) in st.command.lines().enumerate() {
            out.push_str(if i == 0 { &st.prompt } else { "> " });
            out.push_str(l);
            out.push('\n');
        }
        out.push_str(&st.output);
        if !st.output.is_empty() && !st.output.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// Splits a script into the commands typed at the prompt: one per line, except that a line
/// ending in `\` continues on the next and a here-document (`<<EOF`, `<<-EOF`, `<<'EOF'`) takes
/// the lines up to its delimiter. Blank lines and comment lines are skipped.
pub fn split_commands(script: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut lines = script.lines();
    while let Some(line) = lines.next() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        out.push(take_command(line, &mut lines).0);
    }
    out
}

/// The command that starts with line `first`: the lines a trailing `\` continues on and those of
/// its here-documents, taken from `lines`; false when `lines` ended before the command did.
fn take_command<'a>(first: &str, lines: &mut impl Iterator<Item = &'a str>) -> (String, bool) {
    let mut cmd = first.to_string();
    let mut last = first.to_string();
    while last.ends_with('\\') {
        match lines.next() {
            Some(next) => {
                cmd.push('\n');
                cmd.push_str(next);
                last = next.to_string();
            }
            None => return (cmd, false),
        }
    }
    let mut whole = true;
    for (delim, strip_tabs) in heredoc_delimiters(&cmd) {
        let mut found = false;
        for body in lines.by_ref() {
            cmd.push('\n');
            cmd.push_str(body);
            let b = if strip_tabs {
                body.trim_start_matches('\t')
            } else {
                body
            };
            if b == delim {
                found = true;
                break;
            }
        }
        whole &= found;
    }
    (cmd, whole)
}

/// Whether `text` (the lines typed so far at the prompt) is a whole command, or the prompt must
/// ask for more (`> `): a last line ending in `\`, or a here-document whose delimiter has not
/// come yet. The terminal's Enter asks this, with the rule [`split_commands`] uses for scripts.
pub fn is_complete(text: &str) -> bool {
    let mut lines = text.lines();
    lines.next().is_none_or(|first| take_command(first, &mut lines).1)
}

/// The delimiters of the here-documents a command line opens, in order.
fn heredoc_delimiters(line: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut rest = line;
    let mut quote: Option<char> = None;
    let mut chars = rest.char_indices().peekable();
    let mut starts = Vec::new();
    while let Some((i, ch)) = chars.next() {
        match (quote, ch) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(ch),
            (None, '<') if chars.peek().map(|(_, c)| *c) == Some('<') => {
                chars.next();
                starts.push(i + 2);
            }
            _ => {}
        }
    }
    for s in starts {
        rest = line.get(s..).unwrap_or("");
        let strip = rest.starts_with('-');
        let r = rest.trim_start_matches('-').trim_start();
        let word: String = r
            .chars()
            .take_while(|c| !c.is_whitespace() && !matches!(c, ';' | '|' | '&' | '<' | '>'))
            .filter(|c| !matches!(c, '\'' | '"' | '\\'))
            .collect();
        if !word.is_empty() {
            out.push((word, strip));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn heredocs_and_continuations_make_one_command() {
        let s = "kubectl get pods\ncat <<EOF | kubectl apply -f -\na: 1\nEOF\n\n# c\necho a \\\n b\n";
        assert_eq!(
            split_commands(s),
            vec![
                "kubectl get pods".to_string(),
                "cat <<EOF | kubectl apply -f -\na: 1\nEOF".to_string(),
                "echo a \\\n b".to_string(),
            ]
        );
        assert!(heredoc_delimiters("echo '<<X'").is_empty());
        assert_eq!(heredoc_delimiters("cat <<-'E'"), vec![("E".to_string(), true)]);
    }

    #[test]
    fn a_command_is_complete_once_its_heredocs_and_continuations_end() {
        assert!(is_complete("kubectl get pods"));
        assert!(is_complete(""));
        assert!(!is_complete("echo a \\"));
        assert!(is_complete("echo a \\\n b"));
        assert!(!is_complete("cat <<EOF | kubectl apply -f -\na: 1"));
        assert!(is_complete("cat <<EOF | kubectl apply -f -\na: 1\nEOF"));
        assert!(!is_complete("cat <<-E\n\tE x"));
        assert!(is_complete("cat <<-E\n\tE"));
        assert!(!is_complete("cat <<A <<B\nA\nx"));
        assert!(is_complete("echo '<<X'"));
    }

    const POD: &str = "kubectl apply -f - <<EOF\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx\nEOF";

    #[test]
    fn an_edit_without_an_editor_waits_for_the_hosts_and_replays() {
        let mut s = Session::new(&[]);
        s.run(POD, SimTime::ZERO);
        let cmd = "echo before; kubectl edit pod web; echo after $?";
        let waiting = s.run(cmd, SimTime::from_secs(5));
        assert_eq!(waiting.output, "before\n");
        assert_eq!(s.steps().len(), 1, "the command is not over");
        let req = s.pending_edit().expect("the host's editor is asked");
        assert_eq!(req.object, "pod/web");
        assert!(req.path.starts_with("/tmp/kubectl-edit-") && req.path.ends_with(".yaml"), "{}", req.path);
        assert!(req.text.starts_with(edit::HEADER) && req.text.contains("  - image: nginx\n"), "{}", req.text);
        // a change of the container's name: refused, the file comes back with the error
        let st = s.finish_edit(Some(&req.text.replace("name: web\n    ", "name: other\n    "))).expect("pending");
        assert_eq!(st.output, "before\nerror: pods \"web\" is invalid\n");
        let again = s.pending_edit().expect("reopened");
        assert!(again.text.contains("# pods \"web\" was not valid:\n# * spec: Forbidden: pod updates"), "{}", again.text);
        assert_ne!(again.path, req.path);
        // put the name back and change the image: edited
        let fixed = again.text.replace("name: other\n    ", "name: web\n    ").replace("image: nginx\n", "image: nginx:1.27\n");
        let done = s.finish_edit(Some(&fixed)).expect("pending");
        assert_eq!(done.output, "before\nerror: pods \"web\" is invalid\npod/web edited\nafter 0\n");
        assert!(s.pending_edit().is_none() && s.finish_edit(None).is_none());
        assert_eq!(s.steps().len(), 2);
        assert_eq!(done.edits.len(), 2);
        // the same command and editor texts give the same session
        let mut r = Session::new(&[]);
        r.run(POD, SimTime::ZERO);
        r.run(cmd, SimTime::from_secs(5));
        for e in &done.edits {
            r.finish_edit(Some(e));
        }
        assert_eq!(transcript(r.steps()), transcript(s.steps()));
        // closed without saving: nothing changes
        s.run("kubectl edit pod web", SimTime::from_secs(20));
        let closed = s.finish_edit(None).expect("pending");
        assert_eq!((closed.output.as_str(), closed.exit), ("Edit cancelled, no changes made.\n", 0));
        // a command typed while an edit waits closes it first
        s.run("kubectl edit pod web", SimTime::from_secs(21));
        let next = s.run("echo next", SimTime::from_secs(22));
        assert_eq!(next.output, "next\n");
        let steps = s.steps();
        assert_eq!(steps.get(steps.len() - 2).map(|x| x.output.as_str()), Some("Edit cancelled, no changes made.\n"));
    }

    #[test]
    fn tab_in_a_container_shell_completes_its_commands_and_paths() {
        let mut s = Session::new(&[]);
        s.run(POD, SimTime::ZERO);
        s.run("sleep 10", SimTime::ZERO);
        s.run("kubectl exec -it web -- sh", SimTime::from_secs(10));
        assert_eq!(s.prompt(), "# ");
        assert!(s.complete("kub", 3).is_empty(), "kubectl is not in the container");
        assert!(s.complete("nginx", 5).contains(&"nginx".to_string()), "{:?}", s.complete("nginx", 5));
        assert!(s.complete("ca", 2).contains(&"cat".to_string()));
        assert_eq!(s.complete("ls /usr/share/ng", 16), vec!["/usr/share/nginx/".to_string()]);
        assert_eq!(s.complete("cat /etc/ngi", 12), vec!["/etc/nginx/".to_string()]);
        s.run("exit", SimTime::from_secs(11));
        assert_eq!(s.complete("kub", 3), vec!["kubectl".to_string()]);
    }

    #[test]
    fn queries_seek_to_any_time_without_changing_the_session() {
        let mut s = Session::new(&[]);
        s.run(POD, SimTime::ZERO);
        s.run("sleep 30", SimTime::ZERO);
        let get = vec!["get".to_string(), "pods".to_string()];
        let (early, _) = s.query(&get, SimTime::ZERO);
        let (late, code) = s.query(&get, SimTime::from_secs(30));
        assert!(early.contains("Pending"), "{early}");
        assert!(late.contains("Running"), "{late}");
        assert_eq!(code, 0);
        assert_eq!(s.steps().len(), 2, "a query is not a step");
        let (refused, code) = s.query(&["delete".to_string(), "pod".to_string(), "web".to_string()], SimTime::ZERO);
        assert_eq!(code, 1, "{refused}");
        assert_eq!(s.pods(SimTime::from_secs(30)).len(), 1);
        let (run, world, created) = s.pod_play("web", SimTime::from_secs(30)).expect("the views get the pod's run");
        assert_eq!(created, SimTime::ZERO);
        assert_eq!(world.pod.meta.name, "web");
        assert!(run.end() >= SimTime::from_secs(30));
    }

    #[test]
    fn labels_hold_from_the_time_they_were_set() {
        let mut s = Session::new(&[]);
        s.run(POD, SimTime::ZERO);
        s.run("sleep 5", SimTime::ZERO);
        let step = s.run("kubectl label pod web tier=front", SimTime::from_secs(5));
        assert_eq!(step.output, "pod/web labeled\n");
        let get = |sel: &str| vec!["get".to_string(), "pods".to_string(), "-l".to_string(), sel.to_string()];
        let (before, _) = s.query(&get("tier=front"), SimTime::from_secs(4));
        let (after, _) = s.query(&get("tier=front"), SimTime::from_secs(5));
        assert_eq!(before, "No resources found in default namespace.\n");
        assert!(after.starts_with("NAME"), "{after}");
        let (_, world, _) = s.pod_play("web", SimTime::from_secs(4)).expect("the pod exists");
        assert!(world.pod.meta.labels.is_empty(), "the views see the labels of the time asked");
    }

    #[test]
    fn traffic_between_pods_is_deterministic_and_seen_by_the_server_from_its_time() {
        let script = "kubectl run web --image=nginx\nkubectl run client --image=busybox -- sleep 3600\nsleep 20\nkubectl exec client -- wget -qO- http://10.244.1.5\nsleep 5\nkubectl exec client -- wget -qO- http://10.244.1.5/nope\n";
        let a = Session::from_script(script, &[]);
        let b = Session::from_script(script, &[]);
        assert_eq!(a.steps(), b.steps(), "the same commands at the same times give the same run");
        let page = a.steps().get(3).expect("the first wget");
        assert!(page.output.contains("Welcome to nginx!"), "{}", page.output);
        let logs = |t: u64| a.query(&["logs".to_string(), "web".to_string()], SimTime::from_secs(t)).0;
        let access = |s: &str| s.lines().filter(|l| l.starts_with("10.244.")).count();
        assert_eq!(access(&logs(19)), 0, "not served yet at 19 s");
        assert_eq!(access(&logs(20)), 1);
        assert_eq!(access(&logs(26)), 2, "{}", logs(26));
        assert!(logs(26).contains("\"GET /nope HTTP/1.1\" 404"), "{}", logs(26));
    }

    #[test]
    fn what_a_server_saw_does_not_depend_on_which_pod_is_asked_about_first() {
        let script = "kubectl run web --image=nginx\nkubectl run poller --image=busybox -- sh -c 'while true; do wget -qO- http://10.244.1.5 >/dev/null; sleep 5; done'\nsleep 30\n";
        let a = Session::from_script(script, &[]);
        let b = Session::from_script(script, &[]);
        let logs = vec!["logs".to_string(), "web".to_string()];
        let get = vec!["get".to_string(), "pods".to_string()];
        let t = SimTime::from_secs(30);
        let first = a.query(&logs, t);
        let _ = b.query(&get, t);
        assert_eq!(first, b.query(&logs, t));
        assert!(first.0.contains("\"GET / HTTP/1.1\" 200"), "{}", first.0);
    }

    #[test]
    fn docker_containers_share_the_namespaces_they_join() {
        let mut s = Session::new(&[]);
        s.run("docker run -d --name pause -p 8080:80 k8s.gcr.io/pause", SimTime::ZERO);
        s.run("docker run -d --name web --net=container:pause nginx", SimTime::ZERO);
        let page = s.run("curl -s 127.0.0.1:8080", SimTime::from_secs(5));
        assert!(page.output.contains("Welcome to nginx!"), "{}", page.output);
        let own = s.run("docker run -d --name other busybox sleep 60", SimTime::from_secs(5));
        assert_eq!(own.exit, 0);
        let net = |name: &str, s: &mut Session| {
            s.run(&format!("readlink /proc/$(docker inspect -f '{{{{.State.Pid}}}}' {name})/ns/net"), SimTime::from_secs(6)).output
        };
        let (a, b, c) = (net("pause", &mut s), net("web", &mut s), net("other", &mut s));
        assert!(a.starts_with("net:["), "{a}");
        assert_eq!(a, b, "--net=container: joins the target's network namespace");
        assert_ne!(a, c);
        assert_eq!(s.complete("docker logs w", 13), vec!["web".to_string()]);
        let gone = s.run("docker rm -f pause web", SimTime::from_secs(7));
        assert_eq!(gone.output, "pause\nweb\n");
        let refused = s.run("curl -s 127.0.0.1:8080", SimTime::from_secs(8));
        assert_eq!(refused.exit, 7, "nothing publishes 8080 any more: {}", refused.output);
    }

    #[test]
    fn completion_offers_commands_resources_names_and_flags() {
        let mut s = Session::new(&[]);
        s.run(POD, SimTime::ZERO);
        assert_eq!(s.complete("kub", 3), vec!["kubectl".to_string()]);
        assert_eq!(s.complete("kubectl g", 9), vec!["get".to_string()]);
        assert!(s.complete("kubectl get ", 12).contains(&"pods".to_string()));
        assert_eq!(s.complete("kubectl logs w", 14), vec!["web".to_string()]);
        assert!(s.complete("kubectl logs web --p", 20).contains(&"--previous".to_string()));
    }
}
