//! `kubectl` at the session's prompt: the commands, their flags and kubectl's own wording of
//! output and errors. Tables use the printers of [`crate::sim::printer`].

use super::cluster::{Cluster, MetaMap, Obj, Out, PodEntry};
use super::applied;
use super::edit::Update;
use crate::analyze::{analyze, analyze_file};
use crate::os::process::FsError;
use crate::os::SimTime;
use crate::sim::printer;
use crate::sim::view_input::{refusal, submitted, RefusedBy};
use crate::sim::{ExecCmd, Options};

/// kubectl's subcommands the session knows (for errors and completion).
pub(super) const COMMANDS: &[&str] = &[
    "annotate", "apply", "create", "delete", "describe", "edit", "exec", "explain", "get", "label", "logs", "run",
    "version",
];
/// Every top-level command of kubectl 1.37 (`kubectl --help`, cobra's sorted order): cobra
/// suggests among all of them, and the ones the session does not play get a `[podplay]` note
/// instead of kubectl's "unknown command".
const KUBECTL_COMMANDS: &[&str] = &[
    "annotate", "api-resources", "api-versions", "apply", "attach", "auth", "autoscale", "certificate",
    "cluster-info", "completion", "config", "cordon", "cp", "create", "debug", "delete", "describe", "diff",
    "drain", "edit", "events", "exec", "explain", "expose", "get", "help", "kustomize", "label", "logs",
    "options", "patch", "plugin", "port-forward", "proxy", "replace", "rollout", "run", "scale", "set",
    "taint", "top", "uncordon", "version", "wait",
];
/// `kubectl create`'s subcommands (and aliases) other than `secret` and `configmap`: real, not
/// played here.
const CREATE_OTHERS: &[&str] = &[
    "clusterrole", "clusterrolebinding", "cronjob", "cj", "deployment", "deploy", "ingress", "ing", "job",
    "namespace", "ns", "poddisruptionbudget", "pdb", "priorityclass", "pc", "quota", "resourcequota", "role",
    "rolebinding", "service", "svc", "serviceaccount", "sa", "token",
];
const TYPES: &[&str] = &["pods", "services", "configmaps", "secrets", "events", "nodes"];

/// A listed object: name, labels, what the API server stores, its columns, its `-o wide` columns.
pub(super) type Row = (String, Vec<(String, String)>, Option<crate::tree::Node>, Vec<String>, Vec<String>);

/// A flag: long name, shorthand, whether it takes a value.
pub(super) type Flag = (&'static str, Option<char>, bool);
const GLOBAL: &[Flag] = &[("namespace", Some('n'), true)];

pub(super) struct Args {
    pub(super) pos: Vec<String>,
    flags: Vec<(String, String)>,
    /// After `--`.
    rest: Vec<String>,
}

impl Args {
    pub(super) fn get(&self, name: &str) -> Option<&str> {
        self.flags
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    fn all(&self, name: &str) -> Vec<&str> {
        self.flags
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }
    pub(super) fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }
}

/// pflag's parsing: `--x=v`, `--x v`, `-x v`, `-xv`, boolean `-it`; `--` ends the flags.
pub(super) fn parse(args: &[String], flags: &[Flag], cmd: &str) -> Result<Args, String> {
    let find_long = |n: &str| GLOBAL.iter().chain(flags).find(|f| f.0 == n).copied();
    let find_short = |c: char| GLOBAL.iter().chain(flags).find(|f| f.1 == Some(c)).copied();
    let usage = format!("See 'kubectl {cmd} --help' for usage.\n");
    let mut out = Args {
        pos: Vec::new(),
        flags: Vec::new(),
        rest: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--" {
            out.rest = it.cloned().collect();
            break;
        }
        if let Some(long) = a.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (long, None),
            };
            let Some(f) = find_long(name) else {
                if unplayed(cmd, name, None) {
                    return Err(not_played(cmd, &format!("--{name}")));
                }
                return Err(format!("error: unknown flag: --{name}\n{usage}"));
            };
            let v = if f.2 {
                match inline.or_else(|| it.next().cloned()) {
                    Some(v) => v,
                    None => {
                        return Err(format!(
                            "error: flag needs an argument: --{name}\n{usage}"
                        ))
                    }
                }
            } else {
                inline.unwrap_or_else(|| "true".into())
            };
            out.flags.push((f.0.to_string(), v));
        } else if a.len() > 1 && a.starts_with('-') {
            let chars: Vec<char> = a.chars().skip(1).collect();
            let mut k = 0;
            while let Some(&c) = chars.get(k) {
                let Some(f) = find_short(c) else {
                    if unplayed(cmd, "", Some(c)) {
                        return Err(not_played(cmd, &format!("-{c}")));
                    }
                    return Err(format!(
                        "error: unknown shorthand flag: '{c}' in {a}\n{usage}"
                    ));
                };
                if f.2 {
                    let tail: String = chars.iter().skip(k + 1).collect();
                    let tail = tail.strip_prefix('=').map(str::to_string).unwrap_or(tail);
                    let v = if tail.is_empty() {
                        match it.next() {
                            Some(v) => v.clone(),
                            None => {
                                return Err(format!(
                                    "error: flag needs an argument: '{c}' in -{c}\n{usage}"
                                ))
                            }
                        }
                    } else {
                        tail
                    };
                    out.flags.push((f.0.to_string(), v));
                    break;
                }
                out.flags.push((f.0.to_string(), "true".into()));
                k += 1;
            }
        } else {
            out.pos.push(a.clone());
        }
    }
    if let Some(ns) = out.get("namespace") {
        if ns != "default" {
            return Err(format!(
                "[podplay] only the default namespace exists in this playground (asked: {ns})\n"
            ));
        }
    }
    Ok(out)
}

/// Real flags of kubectl's commands that the session does not play (command, long name,
/// shorthand): they get a `[podplay]` note, not kubectl's "unknown flag".
const UNPLAYED_FLAGS: &[(&str, &str, Option<char>)] = &[
    ("get", "sort-by", None),
    ("get", "field-selector", None),
    ("get", "label-columns", Some('L')),
    ("get", "show-kind", None),
    ("get", "chunk-size", None),
    ("get", "output-watch-events", None),
    ("get", "watch-only", None),
    ("get", "raw", None),
    ("get", "subresource", None),
    ("logs", "since", None),
    ("logs", "since-time", None),
    ("logs", "timestamps", None),
    ("logs", "all-containers", None),
    ("logs", "prefix", None),
    ("logs", "selector", Some('l')),
    ("logs", "limit-bytes", None),
    ("logs", "max-log-requests", None),
    ("logs", "pod-running-timeout", None),
    ("logs", "ignore-errors", None),
    ("delete", "selector", Some('l')),
    ("delete", "field-selector", None),
    ("delete", "cascade", None),
    ("delete", "dry-run", None),
    ("delete", "output", Some('o')),
    ("delete", "timeout", None),
    ("delete", "recursive", Some('R')),
    ("delete", "raw", None),
    ("delete", "interactive", Some('i')),
    ("describe", "selector", Some('l')),
    ("describe", "show-events", None),
    ("describe", "chunk-size", None),
    ("exec", "quiet", Some('q')),
    ("exec", "pod-running-timeout", None),
    ("exec", "filename", Some('f')),
    ("run", "attach", None),
    ("run", "rm", None),
    ("run", "stdin", Some('i')),
    ("run", "tty", Some('t')),
    ("run", "overrides", None),
    ("run", "annotations", None),
    ("run", "hostport", None),
    ("run", "privileged", None),
    ("run", "serviceaccount", None),
    ("run", "expose", None),
    ("apply", "dry-run", None),
    ("apply", "server-side", None),
    ("apply", "prune", None),
    ("apply", "force", None),
    ("apply", "recursive", Some('R')),
    ("apply", "kustomize", Some('k')),
    ("apply", "validate", None),
    ("apply", "field-manager", None),
    ("apply", "output", Some('o')),
    ("create", "dry-run", None),
    ("create", "recursive", Some('R')),
    ("create", "kustomize", Some('k')),
    ("create", "validate", None),
    ("create", "edit", None),
    ("create", "output", Some('o')),
    ("label", "selector", Some('l')),
    ("label", "all", None),
    ("label", "dry-run", None),
    ("label", "list", None),
    ("label", "local", None),
    ("label", "resource-version", None),
    ("annotate", "selector", Some('l')),
    ("annotate", "all", None),
    ("annotate", "dry-run", None),
    ("annotate", "list", None),
    ("annotate", "local", None),
    ("annotate", "resource-version", None),
];

fn unplayed(cmd: &str, long: &str, short: Option<char>) -> bool {
    UNPLAYED_FLAGS
        .iter()
        .any(|(c, l, s)| *c == cmd && (!long.is_empty() && *l == long || short.is_some() && *s == short))
}

fn not_played(cmd: &str, flag: &str) -> String {
    format!("[podplay] `kubectl {cmd} {flag}` is a real flag that this playground does not play\n")
}

pub(super) fn fail(err: String) -> Out {
    Out {
        err,
        exit: 1,
        ..Out::default()
    }
}

/// The resource type a name stands for (kubectl's plural, short and singular names).
pub(super) fn resource(word: &str) -> Option<(&'static str, &'static str)> {
    // (plural, Kind)
    Some(match word.to_ascii_lowercase().as_str() {
        "po" | "pod" | "pods" => ("pods", "Pod"),
        "svc" | "service" | "services" => ("services", "Service"),
        "cm" | "configmap" | "configmaps" => ("configmaps", "ConfigMap"),
        "secret" | "secrets" => ("secrets", "Secret"),
        "ev" | "event" | "events" => ("events", "Event"),
        "no" | "node" | "nodes" => ("nodes", "Node"),
        _ => return None,
    })
}

pub(super) fn singular(kind: &str) -> String {
    kind.to_ascii_lowercase()
}

pub(super) fn unknown_type(word: &str) -> Out {
    fail(format!(
        "error: the server doesn't have a resource type \"{word}\"\n"
    ))
}

impl Cluster {
    /// Runs `kubectl ARGS…` at `now`. `stdin` is what a pipe or heredoc gives; `read` reads a
    /// file of the prompt's home directory.
    pub(crate) fn kubectl(
        &mut self,
        args: &[String],
        now: SimTime,
        stdin: Option<String>,
        read: &dyn Fn(&str) -> Result<String, FsError>,
    ) -> Out {
        let Some((cmd, rest)) = args.split_first() else {
            return Out {
                out: "kubectl controls the Kubernetes cluster manager.\n\nBasic Commands: create, get, delete; Troubleshooting: describe, logs, exec; Advanced: apply\n".into(),
                ..Out::default()
            };
        };
        if !matches!(cmd.as_str(), "get" | "describe" | "logs" | "explain" | "version") {
            // the world changes now: connections answered from now on may get other answers
            self.forget_after(now);
        }
        match cmd.as_str() {
            "apply" | "create"
                if !rest.first().is_some_and(|a| matches!(a.as_str(), "secret" | "configmap" | "cm") || CREATE_OTHERS.contains(&a.as_str())) =>
            {
                self.apply(cmd, rest, now, stdin, read)
            }
            "create" => self.create_data(rest, now, read),
            "get" => self.get(rest, now),
            "describe" => self.describe(rest, now),
            "logs" => self.logs(rest, now),
            "exec" => self.exec(rest, now),
            "delete" => self.delete(rest, now),
            "run" => self.run_pod(rest, now),
            "explain" => explain(rest),
            "version" => self.version(rest),
            "label" => self.label(rest, now),
            "annotate" => self.annotate(rest, now),
            other if KUBECTL_COMMANDS.contains(&other) => fail(format!(
                "[podplay] `kubectl {other}` is a real kubectl command that this playground does not play; the commands played here: {}\n",
                COMMANDS.join(", ")
            )),
            other => fail(format!(
                "error: unknown command \"{other}\" for \"kubectl\"\n{}",
                suggestion(other)
            )),
        }
    }

    /// A read-only command at `t` (for the playhead); others are refused.
    pub(crate) fn query(&mut self, args: &[String], t: SimTime) -> (String, i32) {
        let ro = args
            .first()
            .is_some_and(|c| matches!(c.as_str(), "get" | "describe" | "logs"));
        if !ro {
            return ("[podplay] only get, describe and logs can be asked at another time\n".into(), 1);
        }
        let o = self.kubectl(args, t, None, &|_| Err(FsError::NotFound));
        (format!("{}{}", o.out, o.err), o.exit)
    }

    // --- apply / create -f ---

    fn apply(
        &mut self,
        verb: &str,
        args: &[String],
        now: SimTime,
        stdin: Option<String>,
        read: &dyn Fn(&str) -> Result<String, FsError>,
    ) -> Out {
        // `--save-config` is create's (cmdutil.AddApplyAnnotationFlags); apply always saves
        let flags: &[Flag] = if verb == "create" {
            &[("filename", Some('f'), true), ("save-config", None, false)]
        } else {
            &[("filename", Some('f'), true)]
        };
        let a = match parse(args, flags, verb) {
            Ok(a) => a,
            Err(e) => return fail(e),
        };
        let save = verb == "apply" || a.get("save-config").is_some_and(|v| v != "false");
        let files = a.all("filename");
        if files.is_empty() {
            return fail("error: must specify one of -f and -k\n\n".to_string());
        }
        let mut o = Out::default();
        for f in files {
            let text = if f == "-" {
                stdin.clone().unwrap_or_default()
            } else {
                match read(f) {
                    Ok(t) => t,
                    Err(_) => {
                        o.err.push_str(&format!("error: the path \"{f}\" does not exist\n"));
                        o.exit = 1;
                        continue;
                    }
                }
            };
            // kubectl names standard input `STDIN` in its messages (cli-runtime's resource builder)
            let source: &str = if f == "-" { "STDIN" } else { f };
            // (an error in one file does not stop the others: the builder's EagerVisitorList)
            self.apply_text(verb, source, &text, now, save, &mut o);
        }
        o
    }

    /// Creates or applies every document of `text` read from `file` (`""` for an object kubectl
    /// builds itself, `STDIN` for `-f -`). `save`: record the last applied configuration
    /// (`apply`, `create --save-config`).
    fn apply_text(&mut self, verb: &str, file: &str, text: &str, now: SimTime, save: bool, o: &mut Out) {
        let analysis = if file.is_empty() { analyze(text) } else { analyze_file(text, file) };
        let mut any = false;
        for d in analysis.documents.iter().filter(|d| !d.empty) {
            any = true;
            if let Some((by, message)) = refusal(d) {
                if by == RefusedBy::Kubectl {
                    // cli-runtime's StreamVisitor stops at a YAML error: `error parsing %s: %v`;
                    // what was read before it is still sent, nothing after it.
                    o.err.push_str(&format!("error: error parsing {file}: {message}\n"));
                    o.exit = 1;
                    return;
                }
                o.err.push_str(&message);
                o.err.push('\n');
                o.exit = 1;
                continue;
            }
            let Some(tree) = submitted(d).cloned() else {
                continue;
            };
            let kind = d.kind.clone().unwrap_or_default();
            let name = d.name.clone().unwrap_or_default();
            let plural = resource(&kind).map(|r| r.0).unwrap_or("");
            let word = singular(&kind);
            // the configuration kubectl applies (and records when it saves it)
            let config = d.root.as_ref().map(applied::configuration);
            let tree = match (&config, save) {
                (Some((_, text)), true) => applied::annotate(&tree, text),
                _ => tree,
            };
            if kind == "Pod" {
                match self.live_pod(&name, now) {
                    Some(_) if verb == "create" => {
                        o.err.push_str(&if file.is_empty() {
                            format!("Error from server (AlreadyExists): pods \"{name}\" already exists\n")
                        } else {
                            format!("Error from server (AlreadyExists): error when creating \"{file}\": pods \"{name}\" already exists\n")
                        });
                        o.exit = 1;
                    }
                    Some(i) => {
                        let Some((config, text)) = config else { continue };
                        self.apply_pod(i, &name, &config, &text, now, o);
                    }
                    None => {
                        let host = self.next_ip_host();
                        match self.world_for(&tree, now, host, self.pods.len()) {
                            Some(world) => {
                                self.pods.push(PodEntry {
                                    name: name.clone(),
                                    tree,
                                    created: now,
                                    opts: Options { clock_base: now, ..Options::default() },
                                    ip_host: host,
                                    world,
                                    run: None,
                                    meta_changes: Vec::new(),
                                });
                                o.out.push_str(&format!("pod/{name} created\n"));
                            }
                            None => {
                                o.err.push_str("[podplay] the pod could not be played\n");
                                o.exit = 1;
                            }
                        }
                    }
                }
                continue;
            }
            if plural.is_empty() || kind == "Event" {
                o.err.push_str(&format!(
                    "[podplay] {kind} objects are not part of this playground's cluster (only Pods, Services, ConfigMaps and Secrets)\n"
                ));
                o.exit = 1;
                continue;
            }
            match self.obj(&kind, &name, now) {
                Some(_) if verb == "create" => {
                    o.err.push_str(&format!("Error from server (AlreadyExists): error when creating \"{file}\": {plural} \"{name}\" already exists\n"));
                    o.exit = 1;
                }
                Some(i) => {
                    if self.objs.get(i).is_some_and(|x| x.tree.path("metadata.annotations").and_then(|a| a.get(applied::LAST_APPLIED)).is_none()) {
                        o.note.push_str(&applied::missing_warning(plural, &name));
                    }
                    let same = self.objs.get(i).is_some_and(|x| {
                        crate::yaml::emit::to_yaml(&x.tree) == crate::yaml::emit::to_yaml(&tree)
                    });
                    if same {
                        o.out.push_str(&format!("{word}/{name} unchanged\n"));
                    } else {
                        if let Some(x) = self.objs.get_mut(i) {
                            x.deleted = Some(now);
                        }
                        self.objs.push(Obj { kind: kind.clone(), name: name.clone(), tree, created: now, deleted: None });
                        self.world_changed(&kind, &name, now);
                        o.out.push_str(&format!("{word}/{name} configured\n"));
                    }
                }
                None => {
                    self.objs.push(Obj { kind: kind.clone(), name: name.clone(), tree, created: now, deleted: None });
                    self.world_changed(&kind, &name, now);
                    o.out.push_str(&format!("{word}/{name} created\n"));
                }
            }
        }
        if !any {
            // apply.go and create.go: `no objects passed to apply` / `… to create`
            o.err.push_str(&format!("error: no objects passed to {verb}\n"));
            o.exit = 1;
        }
    }

    /// `kubectl apply` of `config` (its text `text`) to the live pod `i`: the changes since the
    /// last applied configuration (read from the pod's annotation; with none, kubectl warns and
    /// patches from what the pod holds) are sent, and the annotation is brought up to date.
    fn apply_pod(&mut self, i: usize, name: &str, config: &crate::tree::Node, text: &str, now: SimTime, o: &mut Out) {
        let Some(p) = self.pods.get(i) else { return };
        let last = applied::last_applied(p.meta_at(MetaMap::Annotations, now));
        let (old, new) = match &last {
            Some(l) => (l.clone(), config.clone()),
            None => {
                // patcher.go: with no original, the patch only adds and changes (nothing the
                // pod holds is deleted)
                o.note.push_str(&applied::missing_warning("pods", name));
                let live = applied::configuration(&applied::written(&p.tree_at(now))).0;
                let merged = merge3(&live, None, config);
                (live, merged)
            }
        };
        match self.change_pod(i, &old, &new, now) {
            Update::Same if last.is_some() => o.out.push_str(&format!("pod/{name} unchanged\n")),
            Update::Same | Update::Images => {
                self.set_last_applied(i, text, now);
                o.out.push_str(&format!("pod/{name} configured\n"));
            }
            Update::Forbidden | Update::Gone => {
                // the object the API server validates: the live one with the changes since the
                // last applied configuration merged in
                let merged = self
                    .live_pod_object(i, now)
                    .map(|live| crate::defaults::default_pod(&merge3(&live, last.as_ref(), config)));
                let (cause, note) = match merged {
                    Some(m) => self.forbidden_update(i, &m, now),
                    None => (POD_UPDATE_FORBIDDEN.to_string(), String::new()),
                };
                o.err.push_str(&format!("The Pod \"{name}\" is invalid: {cause}\n"));
                o.err.push_str(&note);
                o.exit = 1;
            }
            Update::Invalid(cause) => {
                o.err.push_str(&format!("The Pod \"{name}\" is invalid: {cause}\n"));
                o.exit = 1;
            }
        }
    }

    /// Pod `i`'s last applied configuration is `text` from `now` on.
    fn set_last_applied(&mut self, i: usize, text: &str, now: SimTime) {
        if let Some(p) = self.pods.get_mut(i) {
            let list = applied::with_last_applied(p.meta_at(MetaMap::Annotations, now), text);
            p.meta_changes.push((now, MetaMap::Annotations, list));
        }
    }

    // --- create secret generic / create configmap ---

    fn create_data(
        &mut self,
        args: &[String],
        now: SimTime,
        read: &dyn Fn(&str) -> Result<String, FsError>,
    ) -> Out {
        let sub = args.iter().find(|x| !x.starts_with('-')).map(String::as_str);
        let secret_kind = args.iter().filter(|x| !x.starts_with('-')).nth(1).map(String::as_str);
        if let Some(other) = sub.filter(|s| CREATE_OTHERS.contains(s)) {
            return fail(format!("[podplay] `kubectl create {other}` is not played: this playground creates pods (-f or `kubectl run`), configmaps and generic secrets\n"));
        }
        if sub == Some("secret") && matches!(secret_kind, Some("docker-registry" | "tls")) {
            return fail(format!("[podplay] `kubectl create secret {}` is not played: only generic secrets are\n", secret_kind.unwrap_or_default()));
        }
        let flags: &[Flag] = &[("from-literal", None, true), ("from-file", None, true)];
        let a = match parse(args, flags, "create") {
            Ok(a) => a,
            Err(e) => return fail(e),
        };
        let (kind, name) = match a.pos.as_slice() {
            [s, g, n] if s == "secret" && g == "generic" => ("Secret", n.clone()),
            [c, n] if c == "configmap" || c == "cm" => ("ConfigMap", n.clone()),
            [s, ..] if s == "secret" => {
                return fail("error: exactly one NAME is required, got 0\nSee 'kubectl create secret generic -h' for help and examples\n".into())
            }
            _ => return fail("error: exactly one NAME is required, got 0\nSee 'kubectl create configmap -h' for help and examples\n".into()),
        };
        let mut data: Vec<(String, String)> = Vec::new();
        for l in a.all("from-literal") {
            match l.split_once('=') {
                Some((k, v)) if !k.is_empty() => data.push((k.to_string(), v.to_string())),
                _ => return fail(format!("error: invalid literal source {l}, expected key=value\n")),
            }
        }
        for f in a.all("from-file") {
            let (key, path) = match f.split_once('=') {
                Some((k, p)) => (k.to_string(), p.to_string()),
                None => (
                    f.rsplit('/').next().unwrap_or(f).to_string(),
                    f.to_string(),
                ),
            };
            match read(&path) {
                Ok(t) => data.push((key, t)),
                Err(_) => {
                    return fail(format!(
                        "error: error reading {path}: no such file or directory\n"
                    ))
                }
            }
        }
        let plural = if kind == "Secret" { "secrets" } else { "configmaps" };
        if self.obj(kind, &name, now).is_some() {
            return fail(format!(
                "error: failed to create {} {plural} \"{name}\" already exists\n",
                singular(kind)
            ));
        }
        let mut yaml = format!("apiVersion: v1\nkind: {kind}\nmetadata:\n  name: {}\ndata:\n", crate::gofmt::json_quote(&name));
        for (k, v) in &data {
            let value = if kind == "Secret" {
                crate::base64::encode(v.as_bytes())
            } else {
                v.clone()
            };
            yaml.push_str(&format!("  {}: {}\n", crate::gofmt::json_quote(k), crate::gofmt::json_quote(&value)));
        }
        if kind == "Secret" {
            yaml.push_str("type: Opaque\n");
        }
        let mut o = Out::default();
        self.apply_text("create", "", &yaml, now, false, &mut o);
        o
    }

    // --- run ---

    /// `kubectl run NAME --image=IMAGE [flags] [-- ARGS…]`: the Pod kubectl's generator builds
    /// (staging/src/k8s.io/kubectl/pkg/generate/versioned/run.go BasicPod: label `run=NAME` unless
    /// `--labels`, one container named NAME, `--port` as its containerPort, `--env`, `--command`,
    /// `--image-pull-policy`, `dnsPolicy: ClusterFirst`, `restartPolicy` from `--restart`
    /// (getRestartPolicy)). `--dry-run=client|server` creates nothing: it prints `pod/NAME created
    /// (dry run)` or, with `-o yaml|json`, the object (client: as kubectl built it; server: as the
    /// API server would store it).
    fn run_pod(&mut self, args: &[String], now: SimTime) -> Out {
        let flags: &[Flag] = &[
            ("image", None, true),
            ("command", None, false),
            ("restart", None, true),
            ("port", None, true),
            ("labels", Some('l'), true),
            ("env", None, true),
            ("image-pull-policy", None, true),
            ("dry-run", None, true),
            ("output", Some('o'), true),
        ];
        let a = match parse(args, flags, "run") {
            Ok(a) => a,
            Err(e) => return fail(e),
        };
        let usage = |msg: String| fail(format!("error: {msg}\nSee 'kubectl run -h' for help and examples\n"));
        let Some(name) = a.pos.first() else {
            return usage("NAME is required for run".into());
        };
        let Some(image) = a.get("image") else {
            return fail("error: required flag(s) \"image\" not set\n".into());
        };
        let restart = match a.get("restart") {
            None | Some("") => "Always",
            Some(r @ ("Always" | "OnFailure" | "Never")) => r,
            Some(r) => return usage(format!("invalid restart policy: {r}")),
        };
        let pull = match a.get("image-pull-policy") {
            None | Some("") => None,
            Some(p @ ("Always" | "IfNotPresent" | "Never")) => Some(p),
            Some(p) => return usage(format!("invalid image pull policy: {p}")),
        };
        // (what PrintObj adds to the line, whether the API server defaults the object)
        let dry = match a.get("dry-run") {
            None | Some("none") => None,
            Some("client") => Some(("dry run", false)),
            Some("server") => Some(("server dry run", true)),
            Some(d) => return fail(format!("error: Invalid dry-run value ({d}). Must be \"none\", \"server\", or \"client\".\n")),
        };
        let output = a.get("output").unwrap_or("");
        if !matches!(output, "" | "yaml" | "json" | "name") {
            return fail(format!("error: unable to match a printer suitable for the output format \"{output}\", allowed formats are: json,name,yaml\n"));
        }
        let q = crate::gofmt::json_quote;
        let mut labels: Vec<(String, String)> = Vec::new();
        match a.get("labels") {
            None | Some("") => labels.push(("run".into(), name.clone())),
            Some(spec) => {
                // generate.ParseLabels: `k=v` pairs joined by commas
                for pair in spec.split(',') {
                    match pair.split_once('=') {
                        Some((k, v)) if !k.is_empty() => labels.push((k.to_string(), v.to_string())),
                        _ => return fail(format!("error: invalid label spec: {pair}\n")),
                    }
                }
            }
        }
        let mut yaml = String::from("apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n");
        for (k, v) in &labels {
            yaml.push_str(&format!("    {}: {}\n", q(k), q(v)));
        }
        yaml.push_str(&format!("  name: {}\nspec:\n  containers:\n  - image: {}\n    name: {}\n", q(name), q(image), q(name)));
        let argv: Vec<String> = a.rest.iter().chain(a.pos.get(1..).unwrap_or_default()).cloned().collect();
        if !argv.is_empty() {
            yaml.push_str(if a.has("command") { "    command:\n" } else { "    args:\n" });
            for x in &argv {
                yaml.push_str(&format!("    - {}\n", q(x)));
            }
        }
        let envs = a.all("env");
        if !envs.is_empty() {
            yaml.push_str("    env:\n");
            for e in envs {
                let Some((k, v)) = e.split_once('=').filter(|(k, _)| !k.is_empty()) else {
                    return fail(format!("error: invalid env: {e}\n"));
                };
                yaml.push_str(&format!("    - name: {}\n      value: {}\n", q(k), q(v)));
            }
        }
        if let Some(p) = pull {
            yaml.push_str(&format!("    imagePullPolicy: {p}\n"));
        }
        if let Some(port) = a.get("port").filter(|p| !p.is_empty()) {
            // updatePodPorts: strconv.Atoi of the flag
            match port.parse::<i64>() {
                Ok(n) => yaml.push_str(&format!("    ports:\n    - containerPort: {n}\n")),
                Err(_) => return fail(format!("error: strconv.Atoi: parsing {}: invalid syntax\n", q(port))),
            }
        }
        yaml.push_str(&format!("    resources: {{}}\n  dnsPolicy: ClusterFirst\n  restartPolicy: {restart}\nstatus: {{}}\n"));
        let Some((dry, server)) = dry else {
            let mut o = Out::default();
            self.apply_text("create", "", &yaml, now, false, &mut o);
            return o;
        };
        let analysis = analyze(&yaml);
        let Some(d) = analysis.documents.iter().find(|d| !d.empty) else {
            return fail("[podplay] the pod could not be built\n".into());
        };
        if let Some((_, message)) = refusal(d) {
            return fail(format!("{message}\n"));
        }
        let mut obj = if server { submitted(d) } else { d.object.as_ref() }.cloned();
        if server {
            // rest.BeforeCreate (FillObjectMetaSystemFields) runs for a dry run too: the object
            // comes back with a creation time and a UID, never stored (a real server's UID is
            // random; here one derived from the name and the time)
            if let Some(meta) = obj.as_mut().and_then(|t| t.get_mut("metadata")) {
                let text = |s: String| crate::tree::Node::new(crate::tree::Value::Str(s), crate::span::Span::default());
                meta.set("creationTimestamp", text(crate::sim::status::rfc3339(now)));
                meta.set("uid", text(crate::sim::pod_uid("default", &format!("{name}@{}", now.0))));
            }
        }
        let obj = obj.as_ref();
        let mut o = Out::default();
        match (output, obj) {
            ("yaml", Some(t)) => o.out.push_str(&crate::yaml::emit::to_yaml(t)),
            ("json", Some(t)) => {
                o.out.push_str(&super::jsonpath::to_json(t, Some(0)));
                o.out.push('\n');
            }
            ("name", _) => o.out.push_str(&format!("pod/{name}\n")),
            _ => o.out.push_str(&format!("pod/{name} created ({dry})\n")),
        }
        o
    }

    // --- get ---

    fn get(&mut self, args: &[String], now: SimTime) -> Out {
        let flags: &[Flag] = &[
            ("output", Some('o'), true),
            ("selector", Some('l'), true),
            ("watch", Some('w'), false),
            ("show-labels", None, false),
            ("all-namespaces", Some('A'), false),
            ("no-headers", None, false),
        ];
        let a = match parse(args, flags, "get") {
            Ok(a) => a,
            Err(e) => return fail(e),
        };
        let Some((ty, names)) = a.pos.split_first() else {
            return fail("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples\n".into());
        };
        let Some((plural, kind)) = resource(ty) else {
            return unknown_type(ty);
        };
        let output = a.get("output").unwrap_or("");
        let template = output.strip_prefix("jsonpath=");
        if !matches!(output, "" | "wide" | "yaml" | "json" | "name") && template.is_none() {
            return fail(format!("error: unable to match a printer suitable for the output format \"{output}\", allowed formats are: json,jsonpath,name,wide,yaml\n"));
        }
        if template == Some("") {
            return fail("error: template format specified but no template given\n".into());
        }
        let output = if template.is_some() { "jsonpath" } else { output };
        if matches!(kind, "Node" | "Event") && matches!(output, "yaml" | "json" | "jsonpath") {
            return fail(format!("[podplay] -o {output} is not played for {plural} (the playground keeps no stored object for them)\n"));
        }
        let selector = a.get("selector").map(parse_selector);
        if a.has("watch") {
            if !matches!(output, "" | "wide") {
                return fail(format!("[podplay] -w is played with the table output, not -o {output}\n"));
            }
            return self.watch(kind, plural, names, &selector, output == "wide", now);
        }
        let (header, wide_header, mut rows) = self.rows_of(kind, &selector, now);
        let mut o = Out::default();
        if !names.is_empty() {
            let mut kept = Vec::new();
            for n in names {
                match rows.iter().position(|r| &r.0 == n) {
                    Some(i) => kept.push(rows.swap_remove(i)),
                    None => {
                        o.err.push_str(&format!("Error from server (NotFound): {plural} \"{n}\" not found\n"));
                        o.exit = 1;
                    }
                }
            }
            rows = kept;
        }
        // nodes are cluster-scoped: no NAMESPACE column
        let all_ns = a.get("all-namespaces") == Some("true") && kind != "Node";
        if all_ns && kind == "Pod" {
            o.note.push_str("[podplay] a real cluster also lists its kube-system pods here (coredns, etcd, kube-apiserver, kube-proxy…): this playground models only the default namespace\n");
        }
        if rows.is_empty() {
            if names.is_empty() {
                // get.go: `No resources found` across namespaces, else `… in NS namespace.`
                o.err.push_str(if all_ns { "No resources found\n" } else { "No resources found in default namespace.\n" });
            }
            return o;
        }
        match output {
            "name" => {
                for r in &rows {
                    o.out.push_str(&format!("{}/{}\n", singular(kind), r.0));
                }
            }
            "json" | "jsonpath" => {
                let trees: Vec<&crate::tree::Node> = rows.iter().filter_map(|r| r.2.as_ref()).collect();
                let doc = match (trees.as_slice(), names.is_empty()) {
                    ([t], false) => (*t).clone(),
                    _ => list_of(&trees),
                };
                match template {
                    Some(t) => match super::jsonpath::render(t, &doc) {
                        Ok(text) => o.out.push_str(&text),
                        Err(e) => {
                            o.err.push_str(&e);
                            o.exit = 1;
                        }
                    },
                    None => {
                        o.out.push_str(&super::jsonpath::to_json(&doc, Some(0)));
                        o.out.push('\n');
                    }
                }
            }
            "yaml" => {
                let trees: Vec<&crate::tree::Node> = rows.iter().filter_map(|r| r.2.as_ref()).collect();
                if let ([t], false) = (trees.as_slice(), names.is_empty()) {
                    o.out.push_str(&crate::yaml::emit::to_yaml(t));
                } else {
                    o.out.push_str("apiVersion: v1\nitems:\n");
                    for t in trees {
                        let y = crate::yaml::emit::to_yaml(t);
                        for (k, line) in y.lines().enumerate() {
                            o.out.push_str(if k == 0 { "- " } else { "  " });
                            o.out.push_str(line);
                            o.out.push('\n');
                        }
                    }
                    o.out.push_str("kind: List\nmetadata:\n  resourceVersion: \"\"\n");
                }
            }
            _ => {
                let wide = output == "wide";
                // the table printer: NAMESPACE first with -A, LABELS last with --show-labels
                // (labels.FormatLabels: sorted k=v joined by commas, `<none>`), no header line
                // with --no-headers
                let show_labels = a.get("show-labels") == Some("true");
                let mut text = String::new();
                if a.get("no-headers") != Some("true") {
                    if all_ns {
                        text.push_str("NAMESPACE\t");
                    }
                    text.push_str(&header.join("\t"));
                    if wide && !wide_header.is_empty() {
                        text.push('\t');
                        text.push_str(&wide_header.join("\t"));
                    }
                    if show_labels {
                        text.push_str("\tLABELS");
                    }
                    text.push('\n');
                }
                for r in &rows {
                    if all_ns {
                        text.push_str("default\t");
                    }
                    text.push_str(&r.3.join("\t"));
                    if wide && !r.4.is_empty() {
                        text.push('\t');
                        text.push_str(&r.4.join("\t"));
                    }
                    if show_labels {
                        let mut pairs: Vec<&(String, String)> = r.1.iter().collect();
                        crate::sort::sort_by(&mut pairs, |x, y| x.0.cmp(&y.0));
                        let labels: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
                        text.push('\t');
                        text.push_str(&if labels.is_empty() { "<none>".to_string() } else { labels.join(",") });
                    }
                    text.push('\n');
                }
                o.out.push_str(&printer::tabwrite_with(&text, 6, 3));
            }
        }
        o
    }


    /// The rows `get` lists for `kind` at `now` (selected, sorted as the API server lists them),
    /// with the header and the `-o wide` header.
    #[allow(clippy::type_complexity)]
    fn rows_of(&mut self, kind: &str, selector: &Option<Vec<(String, Option<String>)>>, now: SimTime) -> (Vec<&'static str>, Vec<&'static str>, Vec<Row>) {
        // (name, labels, tree, row cells, wide cells)
        let mut rows: Vec<Row> = Vec::new();
        let header: Vec<&'static str>;
        let mut wide_header: Vec<&'static str> = Vec::new();
        match kind {
            "Pod" => {
                header = vec!["NAME", "READY", "STATUS", "RESTARTS", "AGE"];
                wide_header = vec!["IP", "NODE", "NOMINATED NODE", "READINESS GATES"];
                for i in self.live_pods(now) {
                    let local = self.local(i, now);
                    let Some(p) = self.pods.get(i) else { continue };
                    let Some(run) = p.run.as_ref() else { continue };
                    let s = run.state_at(local);
                    let gates = if p.world.pod.readiness_gates.is_empty() { "<none>".to_string() } else { format!("0/{}", p.world.pod.readiness_gates.len()) };
                    rows.push((
                        p.name.clone(),
                        p.labels_at(now).to_vec(),
                        Some(crate::sim::status::pod_object(run, &p.tree_at(now), local)),
                        vec![p.name.clone(), s.ready.clone(), s.status.clone(), s.restarts.clone(), s.age.clone()],
                        vec![s.pod_ip.unwrap_or("<none>").to_string(), s.node.unwrap_or("<none>").to_string(), "<none>".into(), gates],
                    ));
                }
            }
            "Event" => {
                header = vec!["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"];
                let mut evs = Vec::new();
                // a deleted pod's events stay until they expire: the API server keeps an event
                // for --event-ttl (1 h by default) after its last update
                const EVENT_TTL_MS: u64 = 3_600_000;
                for i in 0..self.pods.len() {
                    if self.pods.get(i).is_none_or(|p| p.created > now) {
                        continue;
                    }
                    self.ensure(i, now);
                    let local = self.local(i, now);
                    let Some(p) = self.pods.get(i) else { continue };
                    let Some(run) = p.run.as_ref() else { continue };
                    for r in printer::aggregate_events(run.events(), local) {
                        if local.0.saturating_sub(r.last.0) >= EVENT_TTL_MS {
                            continue;
                        }
                        evs.push((p.created.0 + r.last.0, vec![
                            printer::event_age(r.event, now, run.on_clock(r.last)),
                            r.event.event_type.as_str().to_string(),
                            r.event.reason.to_string(),
                            format!("pod/{}", p.name),
                            r.event.message.clone(),
                        ]));
                    }
                }
                crate::sort::sort_by_key(&mut evs, |e| e.0);
                for (_, cells) in evs {
                    rows.push((String::new(), Vec::new(), None, cells, Vec::new()));
                }
            }
            "Node" => {
                header = vec!["NAME", "STATUS", "ROLES", "AGE", "VERSION"];
                wide_header = vec!["INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"];
                rows.extend(self.node_rows(now));
            }
            _ => {
                header = match kind {
                    "Secret" => vec!["NAME", "TYPE", "DATA", "AGE"],
                    "ConfigMap" => vec!["NAME", "DATA", "AGE"],
                    _ => vec!["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"],
                };
                for o in self.objs.iter().filter(|o| o.kind == kind && o.created <= now && o.deleted.is_none_or(|d| d > now)) {
                    let age = printer::timestamp_age(now, o.created);
                    let cells = match kind {
                        "Secret" => {
                            let s = crate::model::Secret::from_tree(&o.tree);
                            vec![o.name.clone(), s.secret_type.clone(), s.data.len().to_string(), age]
                        }
                        "ConfigMap" => {
                            let c = crate::model::ConfigMap::from_tree(&o.tree);
                            vec![o.name.clone(), c.data.len().to_string(), age]
                        }
                        _ => {
                            let s = crate::model::Service::from_tree(&o.tree);
                            let ip = s.cluster_ip.clone().unwrap_or_else(|| crate::derived::service_cluster_ip(&s.meta.name));
                            let ports: Vec<String> = s.ports.iter().map(|p| format!("{}/{}", p.port, p.protocol.as_str())).collect();
                            vec![o.name.clone(), s.service_type.clone(), ip, "<none>".into(), if ports.is_empty() { "<none>".into() } else { ports.join(",") }, age]
                        }
                    };
                    let meta = crate::model::ObjectMeta::from_tree(&o.tree);
                    rows.push((o.name.clone(), meta.labels, Some(o.tree.clone()), cells, Vec::new()));
                }
            }
        }
        if kind != "Event" {
            // the API server lists objects by name
            crate::sort::sort_by(&mut rows, |a, b| a.0.cmp(&b.0));
        }
        if let Some(sel) = &selector {
            rows.retain(|r| sel.iter().all(|(k, v)| crate::model::lookup(&r.1, k).is_some_and(|x| v.as_deref().is_none_or(|v| v == x))));
        }
        (header, wide_header, rows)
    }

    /// `get -w`: the list, then a row each time an object's printed state changes (kubectl
    /// flushes its tabwriter after each event, so these rows are aligned on their own), for
    /// `WATCH_MS` of simulated time; then stopped as Ctrl-C would (the note of the other
    /// endless commands). Simplified: the state is looked at once a second, and only changes
    /// that show in the columns print a row (the API server also sends updates that do not).
    fn watch(&mut self, kind: &str, plural: &str, names: &[String], selector: &Option<Vec<(String, Option<String>)>>, wide: bool, now: SimTime) -> Out {
        let mut o = Out::default();
        let row_text = |r: &Row| {
            let mut text = r.3.join("\t");
            if wide && !r.4.is_empty() {
                text.push('\t');
                text.push_str(&r.4.join("\t"));
            }
            text.push('\n');
            text
        };
        let keep = |rows: Vec<Row>| -> Vec<Row> { rows.into_iter().filter(|r| names.is_empty() || names.contains(&r.0)).collect() };
        let (header, wide_header, rows) = self.rows_of(kind, selector, now);
        let rows = keep(rows);
        let age_col = header.iter().position(|h| *h == "AGE");
        let mut head = header.join("\t");
        if wide && !wide_header.is_empty() {
            head.push('\t');
            head.push_str(&wide_header.join("\t"));
        }
        head.push('\n');
        // what a change is: the cells but AGE, and RESTARTS without its "(5s ago)"
        let shown = |r: &Row| -> Vec<String> {
            r.3.iter()
                .enumerate()
                .filter(|(k, _)| Some(*k) != age_col)
                .map(|(_, c)| c.split(" (").next().unwrap_or("").to_string())
                .chain(r.4.iter().cloned())
                .collect()
        };
        for n in names {
            if !rows.iter().any(|r| &r.0 == n) {
                o.err.push_str(&format!("Error from server (NotFound): {plural} \"{n}\" not found\n"));
                o.exit = 1;
                return o;
            }
        }
        let mut text = String::new();
        let mut prev: Vec<(String, Vec<String>, Row)> = Vec::new();
        if rows.is_empty() {
            o.err.push_str("No resources found in default namespace.\n");
        }
        // the list is one flush (aligned together), each later event its own
        let mut first = rows.is_empty();
        let mut list = String::new();
        for r in rows {
            if list.is_empty() {
                list.push_str(&head);
            }
            list.push_str(&row_text(&r));
            prev.push((r.0.clone(), shown(&r), r));
        }
        if !list.is_empty() {
            text.push_str(&printer::tabwrite_with(&list, 6, 3));
        }
        let mut t = now;
        while t.0 < now.0 + WATCH_MS {
            t = t.saturating_add(1000);
            let (_, _, rows) = self.rows_of(kind, selector, t);
            let rows = keep(rows);
            for r in rows {
                let cells = shown(&r);
                match prev.iter_mut().find(|p| p.0 == r.0) {
                    Some(p) if p.1 == cells => {}
                    Some(p) => {
                        let h = if first { head.as_str() } else { "" };
                        text.push_str(&printer::tabwrite_with(&format!("{h}{}", row_text(&r)), 6, 3));
                        first = false;
                        *p = (r.0.clone(), cells, r);
                    }
                    None => {
                        let h = if first { head.as_str() } else { "" };
                        text.push_str(&printer::tabwrite_with(&format!("{h}{}", row_text(&r)), 6, 3));
                        first = false;
                        prev.push((r.0.clone(), cells, r));
                    }
                }
            }
        }
        o.out = text;
        o.out.push_str(&format!("^C\n[podplay] {}\n", super::WAITS_FOREVER));
        o.wait_ms = WATCH_MS;
        o
    }

    // --- describe ---

    fn describe(&mut self, args: &[String], now: SimTime) -> Out {
        let a = match parse(args, &[], "describe") {
            Ok(a) => a,
            Err(e) => return fail(e),
        };
        let Some((ty, names)) = a.pos.split_first() else {
            return fail("You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.\n".into());
        };
        let Some((plural, kind)) = resource(ty) else {
            return unknown_type(ty);
        };
        if matches!(kind, "Secret" | "ConfigMap" | "Service") {
            return self.describe_data(kind, plural, names, now);
        }
        if kind == "Node" {
            let nodes = crate::sim::default_cluster();
            let mut o = Out::default();
            let mut texts = Vec::new();
            for n in nodes.iter().filter(|n| names.is_empty() || names.contains(&n.name)) {
                let pods = self.node_pods(&n.name, now);
                texts.push(super::more::describe_node(n, &pods, now));
            }
            for n in names {
                if !nodes.iter().any(|x| &x.name == n) {
                    o.err.push_str(&format!("Error from server (NotFound): nodes \"{n}\" not found\n"));
                    o.exit = 1;
                }
            }
            o.out.push_str(&texts.join("\n\n"));
            return o;
        }
        if kind != "Pod" {
            return fail(format!("[podplay] describe is played for pods, nodes, services, secrets and configmaps only; try kubectl get {plural}\n"));
        }
        let targets: Vec<String> = if names.is_empty() {
            self.live_pods(now).into_iter().filter_map(|i| self.pods.get(i).map(|p| p.name.clone())).collect()
        } else {
            names.to_vec()
        };
        let mut o = Out::default();
        let mut first = true;
        for n in targets {
            match self.live_pod(&n, now) {
                Some(i) => {
                    let local = self.local(i, now);
                    if let Some(p) = self.pods.get(i) {
                        if let Some(run) = p.run.as_ref() {
                            if !first {
                                o.out.push_str("\n\n");
                            }
                            first = false;
                            o.out.push_str(&printer::describe(run, &p.world_at(now), local));
                        }
                    }
                }
                None => {
                    o.err.push_str(&format!("Error from server (NotFound): pods \"{n}\" not found\n"));
                    o.exit = 1;
                }
            }
        }
        o
    }

    /// `kubectl describe secrets|configmaps|services [NAME…]`.
    fn describe_data(&mut self, kind: &str, plural: &str, names: &[String], now: SimTime) -> Out {
        let alive = |o: &&Obj| o.kind == kind && o.created <= now && o.deleted.is_none_or(|d| d > now);
        let mut found: Vec<&Obj> = Vec::new();
        let mut o = Out::default();
        if names.is_empty() {
            found = self.objs.iter().filter(alive).collect();
            crate::sort::sort_by(&mut found, |a, b| a.name.cmp(&b.name));
        }
        for n in names {
            match self.objs.iter().filter(alive).find(|x| &x.name == n) {
                Some(x) => found.push(x),
                None => {
                    o.err.push_str(&format!("Error from server (NotFound): {plural} \"{n}\" not found\n"));
                    o.exit = 1;
                }
            }
        }
        let trees: Vec<crate::tree::Node> = found.iter().map(|x| x.tree.clone()).collect();
        let texts: Vec<String> = trees
            .iter()
            .map(|t| match kind {
                "Secret" => super::more::describe_secret(t),
                "ConfigMap" => super::more::describe_configmap(t),
                _ => self.describe_service(t, now),
            })
            .collect();
        if names.is_empty() && texts.is_empty() {
            o.err.push_str("No resources found in default namespace.\n");
        }
        o.out.push_str(&texts.join("\n\n"));
        o
    }

    /// The pod and container a `logs`/`exec` names: `-c`, else the default container with
    /// kubectl's note when the pod has several.
    fn container_of(&mut self, pod: &str, c: Option<&str>, now: SimTime, o: &mut Out) -> Option<(usize, usize)> {
        let Some(i) = self.live_pod(pod, now) else {
            o.err.push_str(&format!("Error from server (NotFound): pods \"{pod}\" not found\n"));
            o.exit = 1;
            return None;
        };
        let p = self.pods.get(i)?;
        let run = p.run.as_ref()?;
        let infos = run.containers();
        match c {
            Some(c) => match run.container_index(c) {
                Some(k) => Some((i, k)),
                None => {
                    o.err.push_str(&format!("error: container {c} is not valid for pod {pod}\n"));
                    o.exit = 1;
                    None
                }
            },
            None => {
                let apps: Vec<&str> = infos.iter().filter(|x| !x.is_init_list()).map(|x| x.name.as_str()).collect();
                let first = *apps.first()?;
                if apps.len() > 1 {
                    o.note.push_str(&format!("Defaulted container \"{first}\" out of: {}\n", infos.iter().map(|x| x.name.as_str()).collect::<Vec<_>>().join(", ")));
                }
                Some((i, run.container_index(first)?))
            }
        }
    }

    // --- logs ---

    fn logs(&mut self, args: &[String], now: SimTime) -> Out {
        let flags: &[Flag] = &[("container", Some('c'), true), ("previous", Some('p'), false), ("tail", None, true), ("follow", Some('f'), false)];
        let a = match parse(args, flags, "logs") {
            Ok(a) => a,
            Err(e) => return fail(e),
        };
        let pod = match a.pos.as_slice() {
            [p] => p.clone(),
            [t, p] if resource(t).is_some_and(|r| r.1 == "Pod") => p.clone(),
            [p, c] if a.get("container").is_none() => {
                let mut o = Out::default();
                return self.logs_of(p, Some(c), (a.has("previous"), a.get("follow") == Some("true")), a.get("tail"), now, &mut o);
            }
            _ => return fail("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n".into()),
        };
        let pod = pod.strip_prefix("pod/").map(str::to_string).unwrap_or(pod);
        let mut o = Out::default();
        self.logs_of(&pod, a.get("container"), (a.has("previous"), a.get("follow") == Some("true")), a.get("tail"), now, &mut o)
    }

    /// `(previous, follow)`: `-f` prints what the log holds, then waits for more as long as the
    /// container runs: the prompt stops it as Ctrl-C would, like the other endless commands.
    fn logs_of(&mut self, pod: &str, c: Option<&str>, (previous, follow): (bool, bool), tail: Option<&str>, now: SimTime, o: &mut Out) -> Out {
        let mut o = std::mem::take(o);
        let Some((i, k)) = self.container_of(pod, c, now, &mut o) else {
            return o;
        };
        let local = self.local(i, now);
        let Some(run) = self.pods.get(i).and_then(|p| p.run.as_ref()) else {
            return o;
        };
        let cname = run.containers().get(k).map(|x| x.name.clone()).unwrap_or_default();
        match run.logs(k, local, previous) {
            Some(text) => {
                let text = match tail.and_then(|t| t.parse::<i64>().ok()) {
                    Some(n) if n >= 0 => {
                        let lines: Vec<&str> = text.split_inclusive('\n').collect();
                        lines.get(lines.len().saturating_sub(n as usize)..).unwrap_or(&[]).concat()
                    }
                    _ => text,
                };
                o.out.push_str(&text);
                let snap = run.state_at(local);
                let running = snap.containers.get(k).and_then(|c| c.state).is_some_and(|s| s.is_running());
                if follow && !previous && running && snap.deletion.is_none() {
                    o.out.push_str(&format!("^C\n[podplay] {}\n", super::WAITS_FOREVER));
                    o.exit = 130;
                }
            }
            None if previous => {
                o.err.push_str(&format!("Error from server (BadRequest): previous terminated container \"{cname}\" in pod \"{pod}\" not found\n"));
                o.exit = 1;
            }
            None => {
                let snap = run.state_at(local);
                let reason = snap.containers.get(k).and_then(|c| c.state).and_then(|s| s.reason()).unwrap_or("ContainerCreating");
                o.err.push_str(&format!("Error from server (BadRequest): container \"{cname}\" in pod \"{pod}\" is waiting to start: {reason}\n"));
                o.exit = 1;
            }
        }
        o
    }

    // --- exec ---

    fn exec(&mut self, args: &[String], now: SimTime) -> Out {
        let flags: &[Flag] = &[("container", Some('c'), true), ("stdin", Some('i'), false), ("tty", Some('t'), false)];
        let a = match parse(args, flags, "exec") {
            Ok(a) => a,
            Err(e) => return fail(e),
        };
        let Some(pod) = a.pos.first().cloned() else {
            return fail("error: pod, type/name or --filename must be specified\n".into());
        };
        let pod = pod.strip_prefix("pod/").map(str::to_string).unwrap_or(pod);
        let mut argv = a.rest.clone();
        if argv.is_empty() {
            argv = a.pos.get(1..).unwrap_or_default().to_vec();
        }
        if argv.is_empty() {
            return fail("error: you must specify at least one command for the container\n".into());
        }
        let mut o = Out::default();
        let Some((i, k)) = self.container_of(&pod, a.get("container"), now, &mut o) else {
            return o;
        };
        let local = self.local(i, now);
        if let Some(run) = self.pods.get(i).and_then(|p| p.run.as_ref()) {
            let phase = run.state_at(local).phase;
            if phase.is_terminal() {
                o.err.push_str(&format!("error: cannot exec into a container in a completed pod; current phase is {}\n", phase.as_str()));
                o.exit = 1;
                return o;
            }
        }
        let interactive = a.has("stdin") && a.has("tty") && argv.len() == 1 && argv.first().is_some_and(|c| is_shell(c));
        let shell = argv.first().cloned().unwrap_or_default();
        let Some(p) = self.pods.get_mut(i) else {
            return o;
        };
        // the execs already run that changed nothing are taken as they ran (`ExecCmd::known`)
        if let Some(run) = p.run.as_ref() {
            for (j, e) in p.opts.execs.iter_mut().enumerate() {
                if e.known.is_none() {
                    e.known = run.exec_known(j).cloned();
                }
            }
        }
        p.opts.execs.push(ExecCmd { at: local, container: k, argv, known: None });
        let n = p.opts.execs.len();
        p.run = None;
        self.ensure(i, now);
        let Some(r) = self.pods.get(i).and_then(|p| p.run.as_ref()).and_then(|r| r.exec_results().get(n - 1)).cloned() else {
            return o;
        };
        if interactive && r.exit == 0 && r.stopped.is_none() {
            // the shell started (it has no input here, so it exited at once): the lines typed
            // next run in it, until `exit`
            let info = self.pods.get(i).and_then(|p| p.run.as_ref()).and_then(|r| r.containers().get(k)).cloned();
            let (container, image) = info.map(|c| (c.name, c.image)).unwrap_or_default();
            self.attached = Some(super::cluster::Attached {
                prompt: shell_prompt(&shell, &image, &pod),
                pod: pod.clone(),
                container,
                shell,
                last: 0,
            });
            o.out.push_str(&format!("[podplay] {ATTACHED_NOTE}\n"));
            return o;
        }
        o.out.push_str(&r.output);
        for a in &r.assumed {
            o.err.push_str(&format!("[podplay] {a}\n"));
        }
        if let Some(note) = &r.stopped {
            o.out.push_str(&format!("^C\n[podplay] {note}\n"));
        }
        if r.exit != 0 && r.stopped.is_none() && !r.output.starts_with("error: ") {
            o.err.push_str(&format!("command terminated with exit code {}\n", r.exit));
        }
        o.exit = r.exit;
        o.wait_ms = r.elapsed_ms;
        o
    }

    // --- delete ---

    fn delete(&mut self, args: &[String], now: SimTime) -> Out {
        let flags: &[Flag] = &[
            ("filename", Some('f'), true),
            ("wait", None, true),
            ("all", None, false),
            ("grace-period", None, true),
            ("force", None, false),
            ("now", None, false),
            ("ignore-not-found", None, false),
        ];
        let a = match parse(args, flags, "delete") {
            Ok(a) => a,
            Err(e) => return fail(e),
        };
        // delete.go Complete and Validate: --now is 1 s, --grace-period=0 without --force is 1 s,
        // --force alone is 0; 0 is an immediate deletion (a warning first)
        let mut grace: i64 = match a.get("grace-period") {
            None => -1,
            Some(g) => match g.parse::<i64>() {
                Ok(n) => n,
                Err(_) => {
                    return fail(format!("error: invalid argument {} for \"--grace-period\" flag: strconv.ParseInt: parsing {}: invalid syntax\nSee 'kubectl delete --help' for usage.\n", crate::gofmt::json_quote(g), crate::gofmt::json_quote(g)))
                }
            },
        };
        let force = a.get("force") == Some("true");
        if a.get("now") == Some("true") {
            if grace != -1 {
                return fail("error: --now and --grace-period cannot be specified together\n".into());
            }
            grace = 1;
        }
        if grace == 0 && !force {
            grace = 1;
        }
        if force && grace < 0 {
            grace = 0;
        }
        if force && grace > 0 {
            return fail("error: --force and --grace-period greater than 0 cannot be specified together\n".into());
        }
        let ignore_missing = a.get("ignore-not-found") == Some("true");
        let mut early = Out::default();
        if grace == 0 {
            early.note.push_str("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n");
        }
        let operation = if grace == 0 { "force deleted" } else { "deleted" };
        let Some((ty, names)) = a.pos.split_first() else {
            return fail("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n".into());
        };
        let (ty, names): (String, Vec<String>) = match ty.split_once('/') {
            Some((t, n)) => (t.to_string(), std::iter::once(n.to_string()).chain(names.iter().cloned()).collect()),
            None => (ty.clone(), names.to_vec()),
        };
        let Some((plural, kind)) = resource(&ty) else {
            return unknown_type(&ty);
        };
        let mut names = names;
        if names.is_empty() && a.has("all") {
            // `--all`: every object of the type in the namespace, in the API's (name) order
            names = if kind == "Pod" {
                self.live_pods(now).into_iter().filter_map(|i| self.pods.get(i)).map(|p| p.name.clone()).collect()
            } else {
                self.objs
                    .iter()
                    .filter(|o| o.kind == kind && o.created <= now && o.deleted.is_none_or(|d| d > now))
                    .map(|o| o.name.clone())
                    .collect()
            };
            crate::sort::sort_by(&mut names, |x, y| x.cmp(y));
            names.dedup();
            if names.is_empty() {
                // delete.go: nothing matched
                early.out.push_str("No resources found\n");
                return early;
            }
        }
        if names.is_empty() {
            return fail("error: resource(s) were provided, but no name was specified\n".into());
        }
        let mut o = early;
        let wait = a.get("wait") != Some("false");
        for n in names {
            if kind == "Pod" {
                let Some(i) = self.live_pod(&n, now) else {
                    if !ignore_missing {
                        o.err.push_str(&format!("Error from server (NotFound): pods \"{n}\" not found\n"));
                        o.exit = 1;
                    }
                    continue;
                };
                let local = self.local(i, now);
                if let Some(p) = self.pods.get_mut(i) {
                    if p.opts.delete_at.is_none() {
                        p.opts.delete_at = Some(local);
                        p.opts.delete_grace = (grace >= 0).then_some(grace);
                        p.run = None;
                    }
                }
                // kubectl 1.37 names the namespace (`pod "x" deleted from default namespace`)
                o.out.push_str(&format!("pod \"{n}\" {operation} from default namespace\n"));
                self.ensure(i, now.saturating_add(120_000));
                if wait {
                    if let Some(rm) = self.pods.get(i).and_then(|p| p.run.as_ref()).and_then(|r| r.removed_at()) {
                        o.wait_ms = o.wait_ms.max(rm.0.saturating_sub(local.0));
                    }
                }
            } else {
                match self.obj(kind, &n, now) {
                    Some(i) => {
                        if let Some(x) = self.objs.get_mut(i) {
                            x.deleted = Some(now);
                        }
                        o.out.push_str(&format!("{} \"{n}\" {operation} from default namespace\n", singular(kind)));
                    }
                    None if ignore_missing => {}
                    None => {
                        o.err.push_str(&format!("Error from server (NotFound): {plural} \"{n}\" not found\n"));
                        o.exit = 1;
                    }
                }
            }
        }
        o
    }
}

/// validation.go `ValidatePodUpdate`'s error, the field and its message without the `cmp.Diff`
/// of the two specs: what is printed when the specs are equal and the refusal comes from a
/// metadata change this playground does not model (finalizers, ownerReferences).
pub(super) const POD_UPDATE_FORBIDDEN: &str = "spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

impl Cluster {
    /// Pod `i` updated from `old` to `new` at `now` (what `apply` and `edit` send): an image
    /// change restarts those containers with the new images; any other change is refused.
    pub(super) fn change_pod(&mut self, i: usize, old: &crate::tree::Node, new: &crate::tree::Node, now: SimTime) -> Update {
        if crate::yaml::emit::to_yaml(old) == crate::yaml::emit::to_yaml(new) {
            return Update::Same;
        }
        // metadata.labels and metadata.annotations may change (ValidateObjectMetaUpdate allows
        // it); rest.BeforeUpdate (apiserver/pkg/registry/rest/update.go) puts back the old
        // creationTimestamp, generation and a missing uid ("ignore changes to timestamp"); a
        // changed uid is invalid (ValidateImmutableField). Compare the rest with the old ones put
        // back.
        let mut rest = new.clone();
        let mut maps = Vec::new();
        for which in MetaMap::ALL {
            let (was, now_is) = (meta_map(old, which.key()), meta_map(new, which.key()));
            if was != now_is {
                maps.push((which, was, now_is));
            }
        }
        let old_uid = old.get("metadata").and_then(|m| m.str("uid"));
        if let Some(uid) = new.get("metadata").and_then(|m| m.str("uid")) {
            if old_uid.is_some_and(|o| o != uid) {
                return Update::Invalid(format!("metadata.uid: Invalid value: {}: field is immutable", crate::gofmt::go_quote(uid)));
            }
        }
        if let Some(meta) = rest.get_mut("metadata") {
            let kept = ["labels", "annotations", "creationTimestamp", "generation", "uid"];
            for key in kept {
                match old.get("metadata").and_then(|m| m.get(key)).cloned() {
                    Some(n) => meta.set(key, n),
                    None => {
                        if let Some(m) = meta.as_map_mut() {
                            m.retain(|e| e.key != key);
                        }
                    }
                }
            }
        }
        let changes = if crate::yaml::emit::to_yaml(old) == crate::yaml::emit::to_yaml(&rest) {
            Vec::new()
        } else {
            match image_only_change(old, &rest) {
                Some(c) => c,
                None => return Update::Forbidden,
            }
        };
        let local = self.local(i, now);
        let Some(p) = self.pods.get_mut(i) else {
            return Update::Gone;
        };
        for (which, was, now_is) in maps {
            // the map now: the keys the old object had are replaced by the new object's (for
            // apply, `old` is the last applied configuration, so labels set by `kubectl label`
            // stay unless the configuration names them)
            let mut list: Vec<(String, String)> =
                p.meta_at(which, now).iter().filter(|(k, _)| !was.iter().any(|(o, _)| o == k)).cloned().collect();
            list.extend(now_is);
            crate::sort::sort_by(&mut list, |a, b| a.0.cmp(&b.0));
            p.meta_changes.push((now, which, list));
        }
        if !changes.is_empty() {
            for (container, image) in changes {
                set_image(&mut p.tree, container, &image);
                p.opts.image_changes.push(crate::sim::ImageChange { at: local, container, image });
            }
            p.run = None;
        }
        Update::Images
    }

    /// The API server's field error for a refused update of pod `i` to `new` (the object as sent,
    /// after defaulting): validation.go `ValidatePodUpdate`, with the go-cmp diff of the stored
    /// spec and the munged new one ([`crate::gocmp::podspec`]). The second text is a `[podplay]`
    /// note (empty when there is none) naming the fields whose diff lines are approximated.
    pub(super) fn forbidden_update(&mut self, i: usize, new: &crate::tree::Node, now: SimTime) -> (String, String) {
        let old = self.live_pod_object(i, now);
        let old_spec = old.as_ref().and_then(|o| o.get("spec"));
        match (old_spec, new.get("spec")) {
            (Some(o), Some(n)) => crate::gocmp::podspec::pod_update_forbidden(o, n),
            _ => None,
        }
        .map(|r| {
            let note = if r.approximate.is_empty() {
                String::new()
            } else {
                format!(
                    "[podplay] the diff's lines for {} are approximated: this playground does not model those types field by field\n",
                    r.approximate.join(", ")
                )
            };
            (r.cause, note)
        })
        .unwrap_or_else(|| (POD_UPDATE_FORBIDDEN.to_string(), String::new()))
    }

    /// `kubectl edit`'s update of pod `name` to `new` (compared with what is stored now).
    pub(crate) fn update_pod(&mut self, name: &str, new: &crate::tree::Node, now: SimTime) -> Update {
        self.forget_after(now);
        let Some(i) = self.live_pod(name, now) else {
            return Update::Gone;
        };
        let Some(mut old) = self.live_pod_object(i, now) else {
            return Update::Gone;
        };
        // the pods endpoint keeps the stored status whatever the update says (PrepareForUpdate):
        // a status-only change is sent (and `edited`) but changes nothing
        let status_only = crate::yaml::emit::to_yaml(&old) != crate::yaml::emit::to_yaml(new);
        let mut new = new.clone();
        for t in [&mut old, &mut new] {
            if let Some(m) = t.as_map_mut() {
                m.retain(|e| e.key != "status");
            }
        }
        match self.change_pod(i, &old, &new, now) {
            Update::Same if status_only => Update::Images,
            u => u,
        }
    }

    /// Pod `i` as the API server returns it at `now` ([`crate::sim::status::pod_object`]).
    pub(crate) fn live_pod_object(&mut self, i: usize, now: SimTime) -> Option<crate::tree::Node> {
        self.ensure(i, now);
        let local = self.local(i, now);
        let p = self.pods.get(i)?;
        Some(crate::sim::status::pod_object(p.run.as_ref()?, &p.tree_at(now), local))
    }
}

/// kubectl apply's three-way merge, closely enough for a pod: what changed between the last
/// applied configuration (`last`) and the new one is applied to the live object, so what the
/// user never wrote keeps its live value (the defaults, spec.nodeName, the injected token
/// volume). Lists of objects merge by their patch merge key (`name`, `containerPort`,
/// `mountPath`, `devicePath`, `ip`), keeping the live object's own items after the new ones;
/// other lists are replaced. (The strategic merge patch's `$setElementOrder` and its
/// directives are not modelled.)
pub(super) fn merge3(live: &crate::tree::Node, last: Option<&crate::tree::Node>, new: &crate::tree::Node) -> crate::tree::Node {
    use crate::tree::Value;
    match (&live.value, &new.value) {
        (Value::Map(_), Value::Map(entries)) => {
            let mut out = live.clone();
            for e in entries {
                let before = last.and_then(|l| l.get(&e.key));
                let merged = match live.get(&e.key) {
                    Some(lv) => merge3(lv, before, &e.value),
                    None => e.value.clone(),
                };
                out.set(&e.key, merged);
            }
            if let (Some(l), Some(m)) = (last.and_then(crate::tree::Node::as_map), out.as_map_mut()) {
                m.retain(|e| !l.iter().any(|x| x.key == e.key) || new.get(&e.key).is_some());
            }
            out
        }
        (Value::Seq(live_items), Value::Seq(items)) => {
            let key = ["name", "containerPort", "mountPath", "devicePath", "ip"]
                .into_iter()
                .find(|k| !items.is_empty() && items.iter().all(|i| i.get(k).is_some()));
            let Some(key) = key else {
                return if last.is_some_and(|l| same(l, new)) { live.clone() } else { new.clone() };
            };
            let id = |n: &crate::tree::Node| n.get(key).map(crate::defaults::to_yaml);
            let find = |list: &[crate::tree::Node], k: &Option<String>| list.iter().find(|n| k.is_some() && id(n) == *k).cloned();
            let before: &[crate::tree::Node] = last.and_then(crate::tree::Node::as_seq).unwrap_or_default();
            let mut out: Vec<crate::tree::Node> = items
                .iter()
                .map(|item| {
                    let k = id(item);
                    match find(live_items, &k) {
                        Some(lv) => merge3(&lv, find(before, &k).as_ref(), item),
                        None => item.clone(),
                    }
                })
                .collect();
            // the live object's own items (the API server's, or kubectl label's) stay
            out.extend(live_items.iter().filter(|l| {
                let k = id(l);
                find(items, &k).is_none() && find(before, &k).is_none()
            }).cloned());
            crate::tree::Node::new(Value::Seq(out), live.span)
        }
        _ => {
            if last.is_some_and(|l| same(l, new)) {
                live.clone()
            } else {
                new.clone()
            }
        }
    }
}

/// The same JSON value (spans and key order aside).
fn same(a: &crate::tree::Node, b: &crate::tree::Node) -> bool {
    use crate::tree::Value;
    match (&a.value, &b.value) {
        (Value::Map(x), Value::Map(y)) => x.len() == y.len() && x.iter().all(|e| b.get(&e.key).is_some_and(|v| same(&e.value, v))),
        (Value::Seq(x), Value::Seq(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q)),
        (x, y) => x == y,
    }
}

/// `metadata.labels` or `metadata.annotations` of an object, in its order.
pub(super) fn meta_map(obj: &crate::tree::Node, key: &str) -> Vec<(String, String)> {
    obj.get("metadata")
        .map(|m| m.map(key))
        .unwrap_or_default()
        .iter()
        .map(|e| (e.key.clone(), e.value.as_str().unwrap_or_default().to_string()))
        .collect()
}

/// When `new` differs from `old` only in containers' images: (container index in start order,
/// new image) for each changed one. The API server allows no other change to a pod's spec
/// (ValidatePodUpdate); `change_pod` lets metadata.labels and metadata.annotations change and
/// puts back the fields the API server keeps (creationTimestamp, generation).
fn image_only_change(old: &crate::tree::Node, new: &crate::tree::Node) -> Option<Vec<(usize, String)>> {
    let (a, b) = (images(old), images(new));
    if a.len() != b.len() || a == b {
        return None;
    }
    // the new object with the old images put back must be the old object
    let mut patched = new.clone();
    for (k, img) in a.iter().enumerate() {
        set_image(&mut patched, k, img);
    }
    if crate::yaml::emit::to_yaml(&patched) != crate::yaml::emit::to_yaml(old) {
        return None;
    }
    Some(
        a.iter()
            .zip(b)
            .enumerate()
            .filter(|(_, (x, y))| *x != y)
            .map(|(k, (_, y))| (k, y))
            .collect(),
    )
}

const CONTAINER_LISTS: [&str; 2] = ["initContainers", "containers"];

/// The containers' images of a pod, init containers first (the run's container order).
fn images(pod: &crate::tree::Node) -> Vec<String> {
    CONTAINER_LISTS
        .iter()
        .flat_map(|l| pod.path(&format!("spec.{l}")).and_then(crate::tree::Node::as_seq).unwrap_or(&[]))
        .map(|c| c.str("image").unwrap_or("").to_string())
        .collect()
}

/// Sets the image of container `k` (in the run's order) in a pod's tree.
fn set_image(pod: &mut crate::tree::Node, k: usize, image: &str) {
    use crate::tree::Value;
    let mut k = k;
    for l in CONTAINER_LISTS {
        let Some(list) = pod.get_mut("spec").and_then(|s| s.get_mut(l)) else {
            continue;
        };
        let Value::Seq(items) = &mut list.value else {
            continue;
        };
        if let Some(item) = items.get_mut(k) {
            if let Some(img) = item.get_mut("image") {
                img.value = Value::Str(image.to_string());
            }
            return;
        }
        k -= items.len();
    }
}

/// The `List` kubectl prints several objects in (`apiVersion`, `items`, `kind`, `metadata`).
fn list_of(items: &[&crate::tree::Node]) -> crate::tree::Node {
    use crate::tree::{Entry, Node, Value};
    let sp = crate::span::Span::default();
    let entry = |k: &str, v: Value| Entry { key: k.to_string(), key_span: sp, value: Node::new(v, sp) };
    Node::new(
        Value::Map(vec![
            entry("apiVersion", Value::Str("v1".into())),
            entry("items", Value::Seq(items.iter().map(|t| (*t).clone()).collect())),
            entry("kind", Value::Str("List".into())),
            entry("metadata", Value::Map(vec![entry("resourceVersion", Value::Str(String::new()))])),
        ]),
        sp,
    )
}

/// `kubectl explain PATH [--recursive]` from the API schema ([`crate::explain`]).
fn explain(args: &[String]) -> Out {
    let a = match parse(args, &[("recursive", None, false)], "explain") {
        Ok(a) => a,
        Err(e) => return fail(e),
    };
    let [path] = a.pos.as_slice() else {
        return fail("error: You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.\n".into());
    };
    match crate::explain::explain(path, a.has("recursive")) {
        Ok(text) => Out {
            out: text,
            ..Out::default()
        },
        Err(e) => fail(format!("error: {e}\n")),
    }
}

/// cobra's "Did you mean this?" (Levenshtein distance up to 2, or a prefix).
fn suggestion(word: &str) -> String {
    let near: Vec<&&str> = KUBECTL_COMMANDS
        .iter()
        .filter(|c| c.starts_with(word) && !word.is_empty() || distance(c, word) <= 2)
        .collect();
    if near.is_empty() {
        return String::new();
    }
    let mut s = String::from("\nDid you mean this?\n");
    for c in near {
        s.push('\t');
        s.push_str(c);
        s.push('\n');
    }
    s
}

fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(0) + usize::from(ca != *cb);
            let del = prev.get(j + 1).copied().unwrap_or(0) + 1;
            let ins = cur.get(j).copied().unwrap_or(0) + 1;
            cur.push(sub.min(del).min(ins));
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

/// `-l a=b,c` as (key, value) requirements (`c` alone: the key exists).
fn parse_selector(s: &str) -> Vec<(String, Option<String>)> {
    s.split(',')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (k.trim().to_string(), Some(v.trim_start_matches('=').trim().to_string())),
            None => (p.trim().to_string(), None),
        })
        .collect()
}

/// How long `kubectl get -w` watches before the playground stops it as Ctrl-C would.
const WATCH_MS: u64 = 60_000;

/// Completion: the words that can follow `head` (commands, subcommands, types, names, flags).
pub(crate) fn complete(c: &Cluster, head: &str, now: SimTime) -> Vec<String> {
    let words: Vec<&str> = head.split_whitespace().collect();
    let partial = if head.ends_with(' ') || head.is_empty() { "" } else { words.last().copied().unwrap_or("") };
    let done: Vec<&str> = if partial.is_empty() { words.clone() } else { words.get(..words.len().saturating_sub(1)).unwrap_or(&[]).to_vec() };
    let candidates: Vec<String> = match done.as_slice() {
        [] => ["kubectl", "docker", "curl", "wget", "sleep", "clear", "history", "cat", "echo", "ls", "grep"].iter().map(|s| s.to_string()).collect(),
        ["docker"] => ["exec", "inspect", "logs", "ps", "rm", "run", "start", "stop"].iter().map(|s| s.to_string()).collect(),
        ["docker", "exec" | "logs" | "inspect" | "rm" | "start" | "stop", ..] if !partial.starts_with('-') => c.docker.names(),
        ["docker", "run", ..] => ["-d", "--detach", "--name", "-p", "--publish", "-v", "--volume", "--net=container:", "--ipc=container:", "--pid=container:"]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        ["kubectl"] => COMMANDS.iter().map(|s| s.to_string()).collect(),
        ["kubectl", "get" | "describe" | "delete" | "label" | "annotate"] => TYPES.iter().map(|s| s.to_string()).collect(),
        ["kubectl", "create"] => vec!["-f".into(), "secret".into(), "configmap".into()],
        ["kubectl", "logs" | "exec"] | ["kubectl", "get" | "describe" | "delete" | "label" | "annotate", "pod" | "pods" | "po"] => c
            .pods
            .iter()
            .filter(|p| p.created <= now)
            .map(|p| p.name.clone())
            .collect(),
        ["kubectl", cmd, ..] => {
            let f: &[&str] = match *cmd {
                "get" => &["-o", "--output", "-l", "--selector", "-w", "--watch", "json", "jsonpath=", "name", "wide", "yaml"],
                "logs" => &["-c", "--container", "-f", "--follow", "-p", "--previous", "--tail"],
                "label" | "annotate" => &["--overwrite"],
                "version" => &["--client"],
                "exec" => &["-c", "--container", "-i", "-t", "--"],
                "apply" | "create" => &["-f", "--filename", "--from-literal", "--from-file"],
                "delete" => &["-f", "--wait", "--all"],
                _ => &[],
            };
            f.iter().map(|s| s.to_string()).collect()
        }
        _ => Vec::new(),
    };
    let mut out: Vec<String> = candidates.into_iter().filter(|c| c.starts_with(partial)).collect();
    out.dedup();
    out
}

/// What the terminal says once when a container shell opens.
const ATTACHED_NOTE: &str = "a shell in the container: each line you type runs there as `sh -c` of its own (`$?` carries over, variables and `cd` do not); `exit` comes back to the node";

/// Whether `cmd` names a shell (`sh`, `/bin/bash`, …): `kubectl exec -it` of one opens it.
fn is_shell(cmd: &str) -> bool {
    matches!(cmd.rsplit('/').next(), Some("sh" | "bash" | "ash" | "dash"))
}

/// The prompt of `shell` in a container of `image`, run as root: bash's `root@HOST:/# ` (the
/// pod's name is its hostname), BusyBox ash's `/ # ` (PS1 `\w \$ `), dash's `# `.
fn shell_prompt(shell: &str, image: &str, pod: &str) -> String {
    let info = crate::programs::image_info(image);
    if shell.ends_with("bash") {
        format!("root@{pod}:/# ")
    } else if matches!(info.name, "busybox" | "alpine") || info.files.iter().any(|(f, _)| f == "/etc/alpine-release") {
        "/ # ".to_string()
    } else {
        "# ".to_string()
    }
}

impl Cluster {
    /// Completion in the container shell of `kubectl exec -it`: the first word from the shell's
    /// builtins, the image's userland (BusyBox applets, Debian's commands) and its own programs;
    /// later words (and any word with a `/`) from the paths of the image's file system, relative
    /// to `/` (the shell's directory). Simplified: files written in the container later, and
    /// volumes, are not offered.
    pub(crate) fn attached_complete(&self, head: &str, now: SimTime) -> Vec<String> {
        let Some(at) = &self.attached else {
            return Vec::new();
        };
        let image = self
            .pods
            .iter()
            .rev()
            .find(|p| p.name == at.pod && p.created <= now)
            .and_then(|p| {
                CONTAINER_LISTS
                    .iter()
                    .flat_map(|l| p.tree.path(&format!("spec.{l}")).and_then(crate::tree::Node::as_seq).unwrap_or(&[]))
                    .find(|c| c.str("name") == Some(at.container.as_str()))
                    .and_then(|c| c.str("image"))
                    .map(str::to_string)
            })
            .unwrap_or_default();
        let info = crate::programs::image_info(&image);
        let first = !head.trim_start().contains(char::is_whitespace);
        let partial = if head.ends_with(char::is_whitespace) { "" } else { head.rsplit(char::is_whitespace).next().unwrap_or("") };
        let mut out: Vec<String> = if first && !partial.contains('/') {
            let mut names: Vec<String> = crate::shell::commands::names(info.userland).iter().map(|s| s.to_string()).collect();
            names.extend(["cd", "echo", "exit", "export", "pwd", "set", "test", "unset"].iter().map(|s| s.to_string()));
            // the image's own programs: its ENTRYPOINT and CMD, and its files on the PATH
            let bins = ["/usr/local/sbin/", "/usr/local/bin/", "/usr/sbin/", "/usr/bin/", "/sbin/", "/bin/"];
            let on_path = info.files.iter().filter_map(|(f, _)| bins.iter().find_map(|b| f.strip_prefix(b)).filter(|n| !n.contains('/')));
            names.extend(info.entrypoint.first().into_iter().chain(info.cmd.first()).filter_map(|p| p.rsplit('/').next()).chain(on_path).map(str::to_string));
            names.into_iter().filter(|n| n.starts_with(partial)).collect()
        } else {
            // the entries of the directory the word names so far
            let (dir, rest) = match partial.rfind('/') {
                Some(k) => (partial.get(..=k).unwrap_or("/"), partial.get(k + 1..).unwrap_or("")),
                None => ("", partial),
            };
            let abs = if dir.starts_with('/') { dir.to_string() } else { format!("/{dir}") };
            let mut entries: Vec<String> = Vec::new();
            let paths = info.files.iter().map(|(f, _)| (f.as_str(), false)).chain(info.dirs.iter().map(|d| (d.as_str(), true)));
            for (path, is_dir) in paths {
                let Some(below) = path.strip_prefix(abs.as_str()) else { continue };
                let (name, deeper) = match below.split_once('/') {
                    Some((n, _)) => (n, true),
                    None => (below, is_dir),
                };
                if name.is_empty() || !name.starts_with(rest) {
                    continue;
                }
                let word = format!("{dir}{name}{}", if deeper { "/" } else { "" });
                if !entries.contains(&word) {
                    entries.push(word);
                }
            }
            entries
        };
        crate::sort::sort(&mut out);
        out.dedup();
        out
    }

    /// A line typed in the container shell of `kubectl exec -it`: `exit [N]` closes it (kubectl
    /// then reports a non-zero status as `command terminated with exit code N`), anything else
    /// runs there as `SHELL -c LINE`. The shell closes too when its container is gone.
    pub(super) fn attached_line(&mut self, line: &str, now: SimTime) -> Out {
        let Some(at) = self.attached.clone() else {
            return Out::default();
        };
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.first() == Some(&"exit") {
            self.attached = None;
            let code = match words.get(1) {
                Some(w) => w.parse::<i64>().map(|c| (c & 0xff) as i32).unwrap_or(2),
                None => at.last,
            };
            let mut o = Out { exit: code, ..Out::default() };
            if code != 0 {
                o.err.push_str(&format!("command terminated with exit code {code}\n"));
            }
            return o;
        }
        if words.is_empty() {
            return Out::default();
        }
        // `$?` carries over from the line before, as at the node's prompt
        let src = super::term::with_status(line, at.last);
        let args: Vec<String> =
            [at.pod.as_str(), "-c", &at.container, "--", &at.shell, "-c", &src].iter().map(|s| s.to_string()).collect();
        let mut o = self.exec(&args, now);
        if o.err.starts_with("command terminated with exit code") {
            // inside the shell a failing command only prints its own error
            o.err.clear();
        } else if o.exit != 0 && o.out.starts_with("error: ") || o.err.starts_with("Error from server") {
            // the pod or its container is gone: kubectl's stream ends, the shell with it
            self.attached = None;
            return o;
        }
        if let Some(a) = self.attached.as_mut() {
            a.last = o.exit;
        }
        o
    }
}

