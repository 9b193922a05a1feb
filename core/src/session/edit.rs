//! `kubectl edit pod NAME`: the live object in a temporary file with kubectl's header comment,
//! an editor run on it, and the edited text sent back with edit's rules. Everything here follows
//! kubectl's `staging/src/k8s.io/kubectl/pkg/cmd/util/editor/editoptions.go` (the loop of
//! `EditOptions.Run`, `editHeader.writeTo`, `editResults.addError`, `preservedFile`, `hasLines`)
//! and `editor.go` (`KUBE_EDITOR`, then `EDITOR`, else `vi`; the temporary file
//! `/tmp/kubectl-edit-XXXXX.yaml`; the editor string split on spaces, or given to the shell
//! when it holds quotes or backslashes).
//!
//! Who runs the editor is not decided here: the prompt runs `KUBE_EDITOR`/`EDITOR` through the
//! project's shell on the node's file system (`term.rs`); without one, the session asks its host
//! (the app's code editor, [`super::Session::pending_edit`]).
//!
//! Simplifications: only Pods are edited; the edited object is compared with the stored one as
//! the API server's update validation does for the fields this playground changes (a
//! container's image; its labels and annotations; any other change, the rest of the metadata
//! included, gets the API server's error); a
//! failing editor is reported as "there was a problem with the editor" whatever its exit code;
//! the temporary file's five random letters come from a hash of the time and the pod (the
//! session stays deterministic).

use super::cluster::{Cluster, Out};
use super::kubectl::{fail, parse, resource, Flag};
use crate::analyze::analyze;
use crate::diag::{Severity, Stage};
use crate::os::SimTime;
use crate::sim::view_input::{refusal, submitted, RefusedBy};

/// The comment kubectl writes above the object (`editHeader.writeTo`, normal edit mode).
pub const HEADER: &str = "# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\n";

/// An edit waiting for the host's editor: the file it should open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditRequest {
    /// What is edited, as kubectl names it (`pod/hello-pod`).
    pub object: String,
    /// The temporary file (`/tmp/kubectl-edit-XXXXX.yaml`).
    pub path: String,
    /// The file's text: kubectl's header and the object (with the errors when reopened).
    pub text: String,
}

/// Between `kubectl edit` and the host's editor: the file asked for, the text saved.
#[derive(Default)]
pub(crate) struct HostEditor {
    pub request: Option<EditRequest>,
    pub answer: Option<String>,
}

/// A reason the file is reopened: a head line and its causes (`editReason`).
struct Reason {
    head: String,
    other: Vec<String>,
}

/// An edit under way: what kubectl keeps between two launches of the editor.
pub(crate) struct Edit {
    /// The pod's name.
    pub pod: String,
    json: bool,
    /// The temporary file the editor is given this time.
    pub path: String,
    /// The first file given to the editor: a save equal to it (comments aside) changes nothing.
    original: String,
    /// What the editor is given this time.
    pub buffer: String,
    /// The saved text of the round before, when it had errors (kubectl reopened it).
    errored: Option<String>,
}

/// What one save did.
pub(crate) enum Saved {
    /// The edit is over: what kubectl printed and its exit code.
    Done(Out),
    /// The file is reopened with the errors in its header (what kubectl printed so far).
    Again(Out),
}

/// The lines that are not comments (`cmdutil.StripComments`: a line whose first non-blank
/// character is `#`).
fn strip_comments(text: &str) -> String {
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// Whether two saved files hold the same content: kubectl compares them without comments
/// (`cmdutil.StripComments` converts the YAML to JSON), so blank lines do not count either (the
/// reopened file's header can leave one, after a cause that ends in a line break).
fn same_content(a: &str, b: &str) -> bool {
    let content = |t: &str| strip_comments(t).lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect::<Vec<_>>();
    content(a) == content(b)
}

/// Whether a line holds something other than blanks and a comment (`hasLines`).
fn has_lines(text: &str) -> bool {
    text.lines().any(|l| {
        let l = l.trim();
        !l.is_empty() && !l.starts_with('#')
    })
}

/// `hashOnLineBreak`: a cause spanning lines stays a comment.
fn hash_on_line_break(s: &str) -> String {
    // editoptions.go: a line break that ends the text, or is followed by '#', stays as it is
    let mut r = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        r.push(c);
        if c == '\n' && chars.peek().is_some_and(|n| *n != '#') {
            r.push_str("# ");
        }
    }
    r
}

/// The header of a reopened file: kubectl's comment and one block per reason.
fn header(reasons: &[Reason]) -> String {
    let mut h = HEADER.to_string();
    for r in reasons {
        if r.other.is_empty() {
            h.push_str(&format!("# {}\n", hash_on_line_break(&r.head)));
        } else {
            h.push_str(&format!("# {}:\n", hash_on_line_break(&r.head)));
        }
        for o in &r.other {
            h.push_str(&format!("# * {}\n", hash_on_line_break(o)));
        }
        h.push_str("#\n");
    }
    h
}

/// `/tmp/kubectl-edit-XXXXX.yaml`: five of `[a-z0-9]` (editor.go `randSeq(5)`), here from a hash
/// of the time, the pod and the session's count of launches.
fn temp_path(pod: &str, now: SimTime, round: u32, json: bool) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in pod.bytes().chain(now.0.to_le_bytes()).chain(round.to_le_bytes()) {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    let mut name = String::new();
    for _ in 0..5 {
        let k = (h % LETTERS.len() as u64) as usize;
        name.push(char::from(LETTERS.get(k).copied().unwrap_or(b'a')));
        h /= LETTERS.len() as u64;
    }
    format!("/tmp/kubectl-edit-{name}.{}", if json { "json" } else { "yaml" })
}

/// `preservedFile`: where the edited text was kept, before the error that ends the edit.
fn preserved(path: &str, err: &str) -> Out {
    fail(format!("A copy of your changes has been stored to \"{path}\"\nerror: {err}\n"))
}

impl Cluster {
    /// Starts the next launch of the editor: a new temporary file holding `buffer`.
    fn relaunch(&mut self, e: &mut Edit, buffer: String, now: SimTime) {
        self.edit_launches += 1;
        e.path = temp_path(&e.pod, now, self.edit_launches, e.json);
        e.buffer = buffer;
    }

    /// `kubectl edit ARGS…` up to the editor: the file to edit, or kubectl's error.
    pub(crate) fn edit_open(&mut self, args: &[String], now: SimTime) -> Result<Edit, Out> {
        const FLAGS: &[Flag] = &[("output", Some('o'), true)];
        let a = parse(args, FLAGS, "edit").map_err(fail)?;
        let output = a.get("output").unwrap_or("yaml");
        if !matches!(output, "yaml" | "json") {
            return Err(fail(format!("error: unable to match a printer suitable for the output format \"{output}\", allowed formats are: json,yaml\n")));
        }
        let (ty, name) = match a.pos.as_slice() {
            [one] => match one.split_once('/') {
                Some((t, n)) => (t.to_string(), n.to_string()),
                None => {
                    return Err(fail(match resource(one) {
                        Some(_) => "[podplay] kubectl edit is played for one pod at a time: kubectl edit pod NAME\n".to_string(),
                        None => format!("error: the server doesn't have a resource type \"{one}\"\n"),
                    }))
                }
            },
            [t, n] => (t.clone(), n.clone()),
            [] => return Err(fail("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n".into())),
            _ => return Err(fail("[podplay] kubectl edit is played for one pod at a time: kubectl edit pod NAME\n".into())),
        };
        match resource(&ty) {
            Some(("pods", _)) => {}
            Some((plural, _)) => return Err(fail(format!("[podplay] kubectl edit is played for pods, not {plural}\n"))),
            None => return Err(fail(format!("error: the server doesn't have a resource type \"{ty}\"\n"))),
        }
        let Some(i) = self.live_pod(&name, now) else {
            return Err(fail(format!("Error from server (NotFound): pods \"{name}\" not found\n")));
        };
        // the object as `kubectl get -o yaml` returns it now: status, nodeName, uid included
        let tree = self.live_pod_object(i, now).ok_or_else(|| fail(String::new()))?;
        let json = output == "json";
        // -o json: no header (a JSON file cannot hold comments), editPrinterOptions.Complete
        let text = if json {
            format!("{}\n", super::jsonpath::to_json(&tree, Some(0)))
        } else {
            format!("{HEADER}{}", crate::yaml::emit::to_yaml(&tree))
        };
        let mut e = Edit {
            pod: name,
            json,
            path: String::new(),
            original: text.clone(),
            buffer: String::new(),
            errored: None,
        };
        self.relaunch(&mut e, text, now);
        Ok(e)
    }

    /// The editor saved `edited` (the file's text after it exited): edit's rules, in
    /// `EditOptions.Run`'s order.
    pub(crate) fn edit_save(&mut self, e: &mut Edit, edited: &str, now: SimTime) -> Saved {
        let mut o = Out::default();
        if let Some(before) = &e.errored {
            // reopened after an error and saved without a change
            if same_content(before, edited) {
                return Saved::Done(preserved(&e.path, "Edit cancelled, no valid changes were saved."));
            }
        }
        if same_content(&e.original, edited) {
            o.err.push_str("Edit cancelled, no changes made.\n");
            return Saved::Done(o);
        }
        if !has_lines(edited) {
            o.err.push_str("Edit cancelled, saved file was empty.\n");
            return Saved::Done(o);
        }
        let reopen = |c: &mut Cluster, e: &mut Edit, reasons: Vec<Reason>, o: Out| {
            e.errored = Some(edited.to_string());
            let body = strip_comments(edited);
            c.relaunch(e, format!("{}{body}", header(&reasons)), now);
            Saved::Again(o)
        };
        let analysis = analyze(edited);
        let docs: Vec<_> = analysis.documents.iter().filter(|d| !d.empty).collect();
        let [d] = docs.as_slice() else {
            return Saved::Done(preserved(&e.path, "[podplay] the edited file must hold the one pod being edited"));
        };
        if let Some((RefusedBy::Kubectl, message)) = refusal(d) {
            // the builder reads the edited text as a stream named "edited-file"
            let head = format!("The edited file had a syntax error: error parsing edited-file: {}", message.trim_start_matches("error: "));
            return reopen(self, e, vec![Reason { head, other: Vec::new() }], o);
        }
        let (kind, name) = (d.kind.clone().unwrap_or_default(), d.name.clone().unwrap_or_default());
        if kind != "Pod" || name != e.pod || d.api_version.as_deref() != Some("v1") {
            // the merge patch's preconditions (RequireKeyUnchanged apiVersion, kind, name)
            return Saved::Done(preserved(&e.path, "At least one of apiVersion, kind and name was changed"));
        }
        let pod = e.pod.clone();
        let invalid = |o: &mut Out, causes: Vec<String>| {
            o.err.push_str(&format!("error: pods \"{pod}\" is invalid\n"));
            vec![Reason { head: format!("pods \"{pod}\" was not valid"), other: causes }]
        };
        match refusal(d) {
            Some((RefusedBy::Validation, _)) => {
                let causes = d
                    .diagnostics
                    .iter()
                    .filter(|x| x.severity == Severity::Error && x.stage == Stage::Validate)
                    .map(crate::diag::Diagnostic::field_error)
                    .collect();
                let reasons = invalid(&mut o, causes);
                return reopen(self, e, reasons, o);
            }
            Some((_, message)) => {
                // a decoding error is not "invalid": kubectl offers `replace` (retryable)
                o.err.push_str(&format!("error: pods \"{}\" could not be patched: {message}\n", e.pod));
                o.err.push_str(&format!("You can run `kubectl replace -f {}` to try this update again.\n", e.path));
                o.exit = 1;
                return Saved::Done(o);
            }
            None => {}
        }
        let Some(new) = submitted(d).cloned() else {
            return Saved::Done(preserved(&e.path, "[podplay] the edited pod could not be read"));
        };
        match self.update_pod(&e.pod, &new, now) {
            Update::Same => o.out.push_str(&format!("pod/{} skipped\n", e.pod)),
            Update::Images => o.out.push_str(&format!("pod/{} edited\n", e.pod)),
            Update::Forbidden => {
                let (cause, note) = match self.live_pod(&e.pod, now) {
                    Some(i) => self.forbidden_update(i, &new, now),
                    None => (super::kubectl::POD_UPDATE_FORBIDDEN.to_string(), String::new()),
                };
                let reasons = invalid(&mut o, vec![cause]);
                o.err.push_str(&note);
                return reopen(self, e, reasons, o);
            }
            Update::Invalid(cause) => {
                let reasons = invalid(&mut o, vec![cause]);
                return reopen(self, e, reasons, o);
            }
            Update::Gone => {
                o.err.push_str(&format!("error: pods \"{}\" could not be found on the server\nThe edits you made on deleted resources have been saved to \"{}\"\n", e.pod, e.path));
                o.exit = 1;
            }
        }
        Saved::Done(o)
    }
}

/// What an update of a stored pod did (the API server's `ValidatePodUpdate` for what this
/// playground changes).
pub(crate) enum Update {
    /// Nothing differs.
    Same,
    /// Accepted (`edited`): only images changed (the containers restart with them), or only
    /// what the API server keeps as stored (the status).
    Images,
    /// Another field changed: refused.
    Forbidden,
    /// The metadata's validation refused it (ValidateObjectMetaUpdate): the cause, as the API
    /// server words it (`metadata.uid: Invalid value: "…": field is immutable`).
    Invalid(String),
    /// The pod is not there.
    Gone,
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn comments_blank_files_and_reasons_follow_kubectl() {
        assert_eq!(strip_comments("# a\nx: 1\n  # b\ny: 2"), "x: 1\ny: 2\n");
        assert!(!has_lines("# only\n   \n"));
        assert!(has_lines("# c\nx"));
        let h = header(&[Reason { head: "pods \"x\" was not valid".into(), other: vec!["spec: Forbidden: a\nb".into()] }]);
        assert!(h.ends_with("# pods \"x\" was not valid:\n# * spec: Forbidden: a\n# b\n#\n"), "{h}");
        // a cause ending in a line break (the go-cmp diff) leaves an uncommented empty line, as
        // editoptions.go hashOnLineBreak does
        let h = header(&[Reason { head: "h".into(), other: vec!["a\n  b\n".into(), "c\n#d".into()] }]);
        assert!(h.ends_with("# h:\n# * a\n#   b\n\n# * c\n#d\n#\n"), "{h}");
        let p = temp_path("x", SimTime(5), 1, false);
        assert!(p.starts_with("/tmp/kubectl-edit-") && p.ends_with(".yaml") && p.len() == "/tmp/kubectl-edit-abcde.yaml".len(), "{p}");
        assert_ne!(p, temp_path("x", SimTime(5), 2, false));
    }
}
