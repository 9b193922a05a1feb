//! The cluster session the terminal types at, and its record in local storage: the commands with
//! the simulated times they were typed at, and the editor's text (`pod.yaml`) as it was when it
//! changed before a command. Replaying the record gives the same session (core's session is
//! deterministic), so a reload restores the cluster, the transcript and the history.
//!
//! Record format (text, one entry a line; `\`, newline and tab escaped as `\\`, `\n`, `\t`):
//! ```text
//! podplay-session 1
//! <ms>\t<command>\t-               the file did not change before this command
//! <ms>\t<command>\t=<text>         pod.yaml held <text> from this command on
//! <ms>\t<command>\t-\t<saved>…       then what the app's editor saved for each launch of
//!                                   `kubectl edit`'s editor in this command
//! ```

use podplay_core::session::{self, EditRequest, Session, Step};
use podplay_core::sim::SimTime;

/// The home directory's file that holds the editor's text.
pub const FILE: &str = "pod.yaml";
const HEADER: &str = "podplay-session 1";
/// Commands kept in a record: a longer session keeps working, but only its first commands are
/// restored (replaying is work done at start-up).
pub const MAX_RECORDED: usize = 500;

/// One command of the record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub t: SimTime,
    pub command: String,
    /// The editor's text, when it changed since the command before.
    pub file: Option<String>,
    /// What the app's editor saved for this command's `kubectl edit`.
    pub edits: Vec<String>,
}

/// The session and how it was made.
pub struct Cluster {
    pub session: Session,
    pub entries: Vec<Entry>,
    /// pod.yaml's text in the session now.
    file: String,
    /// pod.yaml's text to record with the next command (it changed since the last one).
    pending_file: Option<String>,
    /// The last command's step as it stands (its output so far while it waits for the editor).
    pub current: Option<Step>,
    /// How many of `entries` the session has run: a restored record is replayed in slices
    /// ([`Cluster::step`]).
    replayed: usize,
    /// The editor's text to put in pod.yaml once the record is replayed.
    restored_text: Option<String>,
}

impl Cluster {
    /// A new session whose home holds `text` as pod.yaml.
    pub fn new(text: &str) -> Cluster {
        Cluster {
            session: Session::new(&[(FILE.to_string(), text.to_string())]),
            entries: Vec::new(),
            file: text.to_string(),
            pending_file: Some(text.to_string()),
            current: None,
            replayed: 0,
            restored_text: None,
        }
    }

    /// The session of a record, to be replayed by [`Cluster::step`] (nothing is played yet);
    /// None when the record cannot be read (the caller says so and starts a new one).
    pub fn restore(record: &str, text: &str) -> Option<Cluster> {
        let entries = parse(record)?;
        let mut c = Cluster::new("");
        c.entries = entries;
        c.pending_file = None;
        if c.entries.is_empty() {
            c.sync_file(text);
        } else {
            c.restored_text = Some(text.to_string());
        }
        Some(c)
    }

    /// One slice of catching up: the next recorded command's history played ahead for at most
    /// `budget` engine steps ([`Session::warm_step_at`]), or that command run, or (once the
    /// record is replayed) the pods' history up to now; true when nothing is left. Done again
    /// and again, it gives the session that running the record's commands in one go gives.
    pub fn step(&mut self, budget: u64) -> bool {
        let Some(e) = self.entries.get(self.replayed) else {
            return self.session.warm_step(budget);
        };
        if !self.session.warm_step_at(e.t, budget) {
            return false;
        }
        let (t, command, file, edits) = (e.t, e.command.clone(), e.file.clone(), e.edits.clone());
        if let Some(f) = file {
            self.session.put_file(FILE, &f);
            self.file = f;
        }
        self.current = Some(self.session.run(&command, t));
        // the texts the app's editor saved for its `kubectl edit`
        for saved in &edits {
            if let Some(st) = self.session.finish_edit(Some(saved)) {
                self.current = Some(st);
            }
        }
        self.replayed += 1;
        if self.replayed == self.entries.len() {
            // The editor's text now (it may have changed after the last command).
            if let Some(text) = self.restored_text.take() {
                self.sync_file(&text);
            }
        }
        false
    }

    /// Whether the record is replayed and the pods played up to now: a command typed now
    /// plays no history in one go.
    pub fn is_ready(&self) -> bool {
        self.replayed >= self.entries.len() && self.session.is_warm()
    }

    /// Keeps pod.yaml equal to the editor's text (written when the next command runs).
    pub fn sync_file(&mut self, text: &str) {
        if self.replayed < self.entries.len() {
            // still replaying: the text goes in once the record's own texts have
            self.restored_text = Some(text.to_string());
            return;
        }
        if self.file != text {
            self.file = text.to_string();
            self.session.put_file(FILE, text);
            self.pending_file = Some(text.to_string());
        }
    }

    /// Types `command` at `at` (the playhead), recording it.
    pub fn run(&mut self, command: &str, at: SimTime) -> Step {
        // (the app waits for the replay in slices; this only makes sure of the order)
        while self.replayed < self.entries.len() {
            self.step(u64::MAX);
        }
        let step = self.session.run(command, at);
        if self.entries.len() < MAX_RECORDED {
            self.entries.push(Entry {
                t: step.t,
                command: command.to_string(),
                file: self.pending_file.take(),
                edits: Vec::new(),
            });
            self.replayed = self.entries.len();
        }
        self.current = Some(step.clone());
        step
    }

    /// The file `kubectl edit` waits to have edited in the app's editor.
    pub fn pending_edit(&self) -> Option<EditRequest> {
        self.session.pending_edit()
    }

    /// The app's editor saved `text` (None: closed without saving): the waiting command goes
    /// on, recorded with what was saved.
    pub fn finish_edit(&mut self, text: Option<&str>) -> Option<Step> {
        let step = self.session.finish_edit(text)?;
        if let (Some(saved), Some(e)) = (step.edits.last(), self.entries.last_mut()) {
            e.edits.push(saved.clone());
        }
        self.current = Some(step.clone());
        Some(step)
    }

    /// The record to store.
    pub fn record(&self) -> String {
        let mut out = String::from(HEADER);
        out.push('\n');
        for e in &self.entries {
            out.push_str(&e.t.0.to_string());
            out.push('\t');
            out.push_str(&escape(&e.command));
            out.push('\t');
            match &e.file {
                Some(f) => {
                    out.push('=');
                    out.push_str(&escape(f));
                }
                None => out.push('-'),
            }
            for saved in &e.edits {
                out.push('\t');
                out.push_str(&escape(saved));
            }
            out.push('\n');
        }
        out
    }

    /// What the screen shows for the commands typed so far (a restored session's transcript).
    pub fn transcript(&self) -> String {
        session::transcript(self.session.steps())
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out
}

fn unescape(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            out.push(match chars.next()? {
                '\\' => '\\',
                'n' => '\n',
                't' => '\t',
                _ => return None,
            });
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// The entries of a record; None when it is not one (another version, damaged).
pub fn parse(record: &str) -> Option<Vec<Entry>> {
    let mut lines = record.lines();
    if lines.next()? != HEADER {
        return None;
    }
    let mut out = Vec::new();
    let mut last = 0;
    for line in lines {
        let mut f = line.split('\t');
        let t: u64 = f.next()?.parse().ok()?;
        let command = unescape(f.next()?)?;
        let file = match f.next()? {
            "-" => None,
            s => Some(unescape(s.strip_prefix('=')?)?),
        };
        let edits = f.map(unescape).collect::<Option<Vec<String>>>()?;
        // Times never go back, and a command is never empty.
        if t < last || command.trim().is_empty() || out.len() >= MAX_RECORDED {
            return None;
        }
        last = t;
        out.push(Entry { t: SimTime(t), command, file, edits });
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n";

    #[test]
    fn a_record_replays_the_same_session() {
        let mut c = Cluster::new(POD);
        c.run("kubectl apply -f pod.yaml", SimTime::ZERO);
        c.run("sleep 20", SimTime::from_secs(3));
        c.sync_file(&POD.replace("nginx", "nginx:1.27"));
        c.run("kubectl apply -f pod.yaml", SimTime::from_secs(23));
        c.run("cat <<EOF\na\tb \\ c\nEOF", SimTime::from_secs(30));
        // an edit in the app's editor: refused once (the file reopens), then an image change
        c.run("kubectl edit pod web", SimTime::from_secs(31));
        let req = c.pending_edit().expect("the app's editor is asked");
        c.finish_edit(Some(&req.text.replace("containerPort", "x").replace("name: web\n    ", "name: w\n    ")));
        let again = c.pending_edit().expect("reopened with the error");
        let fixed = again.text.replace("name: w\n    ", "name: web\n    ").replace("nginx:1.27", "nginx:1.28");
        let done = c.finish_edit(Some(&fixed)).expect("pending");
        assert!(done.output.ends_with("pod/web edited\n"), "{}", done.output);
        assert_eq!(c.entries.last().map(|e| e.edits.len()), Some(2));
        let record = c.record();
        let mut back = Cluster::restore(&record, "edited later").expect("the record reads back");
        let mut slices = 0;
        while !back.step(50) {
            slices += 1;
        }
        assert!(back.is_ready() && slices > 4, "{slices} slices");
        assert_eq!(back.entries, c.entries);
        assert_eq!(back.transcript(), c.transcript());
        assert!(back.transcript().contains("pod/web configured"), "{}", back.transcript());
        assert_eq!(back.session.now(), c.session.now());
    }

    #[test]
    fn a_record_replayed_in_slices_answers_as_the_session_it_records() {
        let mut c = Cluster::new(POD);
        let client = "kubectl run client --image=busybox -- sh -c 'while true; do wget -qO- http://10.244.1.5 >/dev/null; sleep 7; done'";
        for (t, cmd) in [(0, "kubectl apply -f pod.yaml"), (0, client), (0, "sleep 900"),
            (900, "kubectl get pods"), (900, "kubectl logs web --tail 2"),
            (901, "kubectl exec web -- ls /usr/share/nginx/html"), (905, "sleep 600"),
            (1505, "kubectl describe pod client")] {
            c.run(cmd, SimTime::from_secs(t));
        }
        assert!(c.transcript().contains("\"GET / HTTP/1.1\" 200"), "{}", c.transcript());
        let mut back = Cluster::restore(&c.record(), POD).expect("the record reads back");
        assert!(!back.is_ready(), "nothing is played before the first slice");
        let mut slices = 0;
        while !back.step(64) {
            slices += 1;
        }
        assert!(slices > 20, "{slices} slices");
        assert_eq!(back.transcript(), c.transcript());
        let now = c.session.now();
        for cmd in ["kubectl get pods -o wide", "kubectl logs web --tail 3", "kubectl describe pod web"] {
            assert_eq!(back.run(cmd, now), c.run(cmd, now), "{cmd}");
        }
    }

    #[test]
    fn a_damaged_or_foreign_record_is_refused() {
        for bad in ["", "podplay-session 2\n", "podplay-session 1\nx\tls\t-\n",
            "podplay-session 1\n5\tls\t-\n4\tls\t-\n", "podplay-session 1\n5\tl\\qs\t-\n",
            "podplay-session 1\n5\tls\n", "podplay-session 1\n5\tls\t?x\n"] {
            assert!(parse(bad).is_none(), "{bad:?}");
        }
        assert_eq!(parse("podplay-session 1\n").map(|e| e.len()), Some(0));
    }
}
