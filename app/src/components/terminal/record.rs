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
        }
    }

    /// The session of a record, replayed; None when the record cannot be read (the caller says
    /// so and starts a new one).
    pub fn restore(record: &str, text: &str) -> Option<Cluster> {
        let entries = parse(record)?;
        let mut c = Cluster::new("");
        for e in &entries {
            if let Some(f) = &e.file {
                c.session.put_file(FILE, f);
                c.file = f.clone();
            }
            c.current = Some(c.session.run(&e.command, e.t));
            for saved in &e.edits {
                if let Some(st) = c.session.finish_edit(Some(saved)) {
                    c.current = Some(st);
                }
            }
        }
        c.entries = entries;
        c.pending_file = None;
        // The editor's text now (it may have changed after the last command).
        c.sync_file(text);
        Some(c)
    }

    /// Keeps pod.yaml equal to the editor's text (written when the next command runs).
    pub fn sync_file(&mut self, text: &str) {
        if self.file != text {
            self.file = text.to_string();
            self.session.put_file(FILE, text);
            self.pending_file = Some(text.to_string());
        }
    }

    /// Types `command` at `at` (the playhead), recording it.
    pub fn run(&mut self, command: &str, at: SimTime) -> Step {
        let step = self.session.run(command, at);
        if self.entries.len() < MAX_RECORDED {
            self.entries.push(Entry {
                t: step.t,
                command: command.to_string(),
                file: self.pending_file.take(),
                edits: Vec::new(),
            });
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
        let back = Cluster::restore(&record, "edited later").expect("the record reads back");
        assert_eq!(back.entries, c.entries);
        assert_eq!(back.transcript(), c.transcript());
        assert!(back.transcript().contains("pod/web configured"), "{}", back.transcript());
        assert_eq!(back.session.now(), c.session.now());
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
