//! `podplay`: Pod Playground's command-line tool.
//!
//! ```text
//! podplay validate [--json] FILE...     check manifests like `kubectl create --validate=strict`
//! podplay explain [--recursive] PATH    `kubectl explain` from the real API schema
//! podplay simulate [--json] [--until SECONDS] [--delete-at SECONDS] FILE
//!                                        play the pod's life like a cluster would
//! podplay session [--json] SCRIPT         type a script's commands at a simulated cluster's prompt
//! podplay lesson list [--json]           the course: lessons and their task ids
//! podplay lesson start TASK              a task's starting manifest
//! podplay lesson check [--json] [--hint N] [--lang en|zh] TASK FILE
//!                                        check a manifest (or, for a predict task, an answer)
//! ```
//! Exit status: 0 when every document is valid (simulate: when the pod was played), 1 when any is
//! invalid (simulate: the Pod would be refused), 2 on a usage error or a file that cannot be read.

use std::io::Write;
use std::process::ExitCode;

use podplay_core::analyze::{self, Analysis, DocAnalysis};
use podplay_core::diag::Lang;
use podplay_core::diag::{Diagnostic, Severity};
use podplay_core::explain;
use podplay_core::lessons;
use podplay_core::sim::{self, SimTime};
use serde_json::{json, Value};

const USAGE: &str = "\
podplay: Kubernetes Pods checked and played like a real cluster would, without one.

Usage:
  podplay validate [--json] FILE...     check manifests as `kubectl create --validate=strict` does
  podplay explain [--recursive] PATH    document a field from the API schema (e.g. pod.spec.restartPolicy)
  podplay simulate [--json] [--until SECONDS] [--delete-at SECONDS] FILE
                                        play the pod's life (default until 300 s): `kubectl describe`-like
                                        status and events, or JSON with events, statuses, namespaces, processes
  podplay session [--json] SCRIPT       type SCRIPT's commands (kubectl, sleep N, the shell) at a simulated
                                        cluster's prompt, files read from SCRIPT's folder: the transcript, or
                                        JSON steps (t, command, output, exit); exit 0 when it ran to the end
  podplay lesson list [--json]          the course: lessons and the ids of their tasks
  podplay lesson start TASK             print a task's starting manifest
  podplay lesson check [--json] [--hint N] [--lang en|zh] TASK FILE
                                        check FILE against a task (challenge) of the course: each criterion,
                                        and the hint (1 a nudge, 2 more, 3 the solution) for the first that
                                        fails; for a predict task FILE holds the answer (e.g. 3, Running)
  podplay help                          this text

`-` reads standard input. Exit status: 0 valid, 1 invalid, 2 usage error or unreadable file
(lesson check: 0 passed, 1 not passed, 2 unknown task or unreadable file).";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((cmd, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    match cmd.as_str() {
        "validate" => validate(rest),
        "explain" => explain_cmd(rest),
        "simulate" => simulate(rest),
        "lesson" => lesson_cmd(rest),
        "session" => session_cmd(rest),
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        other => {
            eprintln!("podplay: unknown command {other:?}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

struct Flags {
    set: Vec<String>,
    operands: Vec<String>,
}

/// Splits `--flag`s (from `known`) from operands; an unknown flag is a usage error.
fn parse_flags(args: &[String], known: &[&str]) -> Result<Flags, String> {
    let mut set = Vec::new();
    let mut operands = Vec::new();
    let mut only_operands = false;
    for a in args {
        if only_operands || a == "-" || !a.starts_with('-') {
            operands.push(a.clone());
        } else if a == "--" {
            only_operands = true;
        } else if known.contains(&a.as_str()) {
            set.push(a.clone());
        } else {
            return Err(format!("unknown flag {a:?}"));
        }
    }
    Ok(Flags { set, operands })
}

/// The file's bytes (`-`: standard input). Bytes that are not UTF-8 are not a read error: kubectl
/// reads them and its YAML reader refuses them (see `analyze::analyze_bytes`).
fn read(file: &str) -> std::io::Result<Vec<u8>> {
    if file == "-" {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut b)?;
        Ok(b)
    } else {
        std::fs::read(file)
    }
}

fn validate(args: &[String]) -> ExitCode {
    let flags = match parse_flags(args, &["--json"]) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("podplay validate: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if flags.operands.is_empty() {
        eprintln!("podplay validate: no files given\n\n{USAGE}");
        return ExitCode::from(2);
    }
    let as_json = flags.set.iter().any(|f| f == "--json");
    let mut unreadable = false;
    let mut invalid = false;
    let mut files_json = Vec::new();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for file in &flags.operands {
        let shown = if file == "-" { "STDIN" } else { file.as_str() };
        let bytes = match read(file) {
            Ok(b) => b,
            Err(e) => {
                unreadable = true;
                eprintln!("podplay: cannot read {shown}: {e}");
                if as_json {
                    files_json.push(json!({ "file": shown, "error": e.to_string() }));
                }
                continue;
            }
        };
        let (src, analysis) = analyze::analyze_bytes(&bytes, shown);
        invalid |= analysis
            .documents
            .iter()
            .any(|d| d.diagnostics.iter().any(|x| x.severity == Severity::Error));
        if as_json {
            files_json.push(file_json(shown, &src, &analysis));
        } else {
            let _ = write!(out, "{}", human(shown, &src, &analysis));
        }
    }
    if as_json {
        let _ = writeln!(out, "{}", json!({ "files": files_json }));
    }
    if unreadable {
        ExitCode::from(2)
    } else if invalid {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn positions(src: &str, a: &Analysis, d: &Diagnostic) -> (u32, u32, u32, u32) {
    let s = a.line_index.line_col(src, d.span.start);
    let e = a.line_index.line_col(src, d.span.end);
    (s.line, s.column, e.line, e.column)
}

fn diag_json(src: &str, a: &Analysis, doc: &DocAnalysis, d: &Diagnostic) -> Value {
    let (line, column, end_line, end_column) = positions(src, a, d);
    let mut v = json!({
        "field": d.field,
        "type": d.kind.as_str(),
        "detail": d.detail,
        "message": doc.kubectl_message(d),
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "rule": d.rule.as_str(),
        "explanation": { "en": d.explanation.en, "zh": d.explanation.zh },
        "fix": { "en": d.fix.en, "zh": d.fix.zh },
    });
    let obj = v.as_object_mut();
    if let (Some(obj), Some(value)) = (
        obj,
        d.value
            .json_text()
            .and_then(|t| serde_json::from_str::<Value>(&t).ok()),
    ) {
        obj.insert("value".into(), value);
    }
    if let (Some(obj), Some(r)) = (v.as_object_mut(), &d.replacement) {
        let s = a.line_index.line_col(src, r.span.start);
        let e = a.line_index.line_col(src, r.span.end);
        obj.insert(
            "replacement".into(),
            json!({ "line": s.line, "column": s.column, "end_line": e.line, "end_column": e.column, "text": r.text }),
        );
    }
    v
}

fn file_json(file: &str, src: &str, a: &Analysis) -> Value {
    let documents: Vec<Value> = a
        .documents
        .iter()
        .filter(|d| !d.empty)
        .map(|doc| {
            let pick = |sev: Severity| -> Vec<Value> {
                doc.diagnostics
                    .iter()
                    .filter(|d| d.severity == sev)
                    .map(|d| diag_json(src, a, doc, d))
                    .collect()
            };
            json!({
                "index": doc.index,
                "kind": doc.kind,
                "name": doc.name,
                "errors": pick(Severity::Error),
                "warnings": pick(Severity::Warning),
            })
        })
        .collect();
    json!({ "file": file, "documents": documents })
}

/// Human output: each problem as `file:line:col: <kubectl's message>` with the
/// explanation and the fix under it, then one line per document.
fn human(file: &str, src: &str, a: &Analysis) -> String {
    let mut s = String::new();
    for doc in a.documents.iter().filter(|d| !d.empty) {
        let mut diags: Vec<&Diagnostic> = doc.diagnostics.iter().collect();
        diags.sort_by_key(|d| (d.span.start, d.severity));
        for d in &diags {
            let (line, col, _, _) = positions(src, a, d);
            let sev = if d.severity == Severity::Error {
                ""
            } else {
                "warning: "
            };
            s.push_str(&format!(
                "{file}:{line}:{col}: {sev}{}\n",
                doc.kubectl_message(d)
            ));
            if !d.explanation.en.is_empty() {
                s.push_str(&format!("    why: {}\n", d.explanation.en));
            }
            if !d.fix.en.is_empty() {
                s.push_str(&format!("    fix: {}\n", d.fix.en));
            }
        }
        let what = match (&doc.kind, &doc.name) {
            (Some(k), Some(n)) => format!("{k} {n:?}"),
            (Some(k), None) => k.clone(),
            _ => "document".to_string(),
        };
        let errors = diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let warnings = diags.len() - errors;
        let verdict = if errors == 0 {
            "valid".to_string()
        } else {
            format!("{errors} error(s)")
        };
        let warn = if warnings > 0 {
            format!(", {warnings} warning(s)")
        } else {
            String::new()
        };
        s.push_str(&format!(
            "{file}: document {} ({what}): {verdict}{warn}\n",
            doc.index
        ));
    }
    s
}

fn explain_cmd(args: &[String]) -> ExitCode {
    let flags = match parse_flags(args, &["--recursive"]) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("podplay explain: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let [path] = flags.operands.as_slice() else {
        eprintln!("podplay explain: give exactly one PATH (e.g. pod.spec.containers.livenessProbe)\n\n{USAGE}");
        return ExitCode::from(2);
    };
    let recursive = flags.set.iter().any(|f| f == "--recursive");
    match explain::explain(path, recursive) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

/// `--name VALUE` options with a number of seconds (`--until 600`, `--delete-at 42.5`).
fn seconds_option(args: &[String], name: &str) -> Result<(Option<SimTime>, Vec<String>), String> {
    option(args, name, "a number of seconds", |v| {
        let secs: f64 = v
            .parse()
            .map_err(|_| format!("{name}: {v:?} is not a number of seconds"))?;
        if !(0.0..=31_536_000.0).contains(&secs) {
            return Err(format!(
                "{name}: {v} is outside 0..=31536000 seconds (one year)"
            ));
        }
        Ok(SimTime((secs * 1000.0).round() as u64))
    })
}

fn simulate(args: &[String]) -> ExitCode {
    let parsed = seconds_option(args, "--until").and_then(|(until, rest)| {
        let (delete_at, rest) = seconds_option(&rest, "--delete-at")?;
        let flags = parse_flags(&rest, &["--json"])?;
        Ok((until, delete_at, flags))
    });
    let (until, delete_at, flags) = match parsed {
        Ok(p) => p,
        Err(e) => {
            eprintln!("podplay simulate: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let [file] = flags.operands.as_slice() else {
        eprintln!("podplay simulate: give exactly one FILE\n\n{USAGE}");
        return ExitCode::from(2);
    };
    let shown = if file == "-" { "STDIN" } else { file.as_str() };
    let bytes = match read(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("podplay: cannot read {shown}: {e}");
            return ExitCode::from(2);
        }
    };
    // What `kubectl create -f` would create: a refused Pod is not played (the same rule as the
    // playground's play area).
    let (_, analysis) = analyze::analyze_bytes(&bytes, shown);
    let world = match sim::view_input::play_input(&analysis) {
        sim::view_input::PlayInput::Play { world, left_out } => {
            for o in &left_out {
                eprintln!(
                    "podplay: {} {:?} is not created, so the pod plays without it: {}",
                    o.kind, o.name, o.message.en
                );
            }
            world
        }
        sim::view_input::PlayInput::Rejected(r) => {
            eprintln!("{}", r.message);
            eprintln!(
                "podplay: the Pod is not created, so there is nothing to play (see `podplay validate {shown}`)"
            );
            return ExitCode::from(1);
        }
        sim::view_input::PlayInput::Nothing(e) => {
            eprintln!("podplay: cannot simulate {shown}: {e}");
            return ExitCode::from(2);
        }
    };
    let mut options = sim::Options {
        delete_at,
        ..sim::Options::default()
    };
    if let Some(until) = until {
        options.until = until;
    }
    let run = sim::simulate(&world, &options);
    if flags.set.iter().any(|f| f == "--json") {
        println!("{}", sim::to_json(&run));
    } else {
        print!("{}", sim::printer::describe(&run, &world, run.end()));
        for note in run.notes() {
            println!("Note: {}", note.text.en);
        }
    }
    ExitCode::SUCCESS
}

fn session_cmd(args: &[String]) -> ExitCode {
    let flags = match parse_flags(args, &["--json"]) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("podplay session: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let [file] = flags.operands.as_slice() else {
        eprintln!("podplay session: give exactly one SCRIPT\n\n{USAGE}");
        return ExitCode::from(2);
    };
    let script = match read(file) {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(e) => {
            eprintln!("podplay: cannot read {file}: {e}");
            return ExitCode::from(2);
        }
    };
    // the script's folder is the prompt's home directory (regular text files, not recursive)
    let dir = if file == "-" {
        std::path::PathBuf::from(".")
    } else {
        std::path::Path::new(file)
            .parent()
            .map(|p| if p.as_os_str().is_empty() { std::path::PathBuf::from(".") } else { p.to_path_buf() })
            .unwrap_or_else(|| std::path::PathBuf::from("."))
    };
    let mut files = Vec::new();
    if let Ok(rd) = std::fs::read_dir(&dir) {
        for e in rd.flatten() {
            let p = e.path();
            if !p.is_file() || e.metadata().map_or(true, |m| m.len() > 1 << 20) {
                continue;
            }
            if let (Some(name), Ok(text)) = (p.file_name().and_then(|n| n.to_str()), std::fs::read_to_string(&p)) {
                files.push((name.to_string(), text));
            }
        }
    }
    files.sort();
    let s = podplay_core::session::Session::from_script(&script, &files);
    if flags.set.iter().any(|f| f == "--json") {
        let steps: Vec<Value> = s
            .steps()
            .iter()
            .map(|st| json!({"t": st.t.as_secs_f64(), "command": st.command, "output": st.output, "exit": st.exit}))
            .collect();
        println!("{}", json!({ "steps": steps }));
    } else {
        print!("{}", podplay_core::session::transcript(s.steps()));
    }
    ExitCode::SUCCESS
}

/// `--name VALUE` (or `--name=VALUE`) options: the value and the other arguments.
fn value_option(args: &[String], name: &str) -> Result<(Option<String>, Vec<String>), String> {
    option(args, name, "a value", Ok)
}

/// `--name VALUE` (or `--name=VALUE`) options, each value read by `parse` (the last one wins);
/// without a value, `{name} needs {what}`.
fn option<T>(
    args: &[String],
    name: &str,
    what: &str,
    parse: impl Fn(String) -> Result<T, String>,
) -> Result<(Option<T>, Vec<String>), String> {
    let mut rest = Vec::new();
    let mut value = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let inline = a.strip_prefix(&format!("{name}="));
        if a == name || inline.is_some() {
            let v = match inline {
                Some(v) => v.to_string(),
                None => it.next().cloned().ok_or(format!("{name} needs {what}"))?,
            };
            value = Some(parse(v)?);
        } else {
            rest.push(a.clone());
        }
    }
    Ok((value, rest))
}

fn lesson_cmd(args: &[String]) -> ExitCode {
    let Some((sub, rest)) = args.split_first() else {
        eprintln!("podplay lesson: give list, start or check\n\n{USAGE}");
        return ExitCode::from(2);
    };
    match sub.as_str() {
        "list" => lesson_list(rest),
        "start" => lesson_start(rest),
        "check" => lesson_check(rest),
        other => {
            eprintln!("podplay lesson: unknown subcommand {other:?}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn lesson_list(args: &[String]) -> ExitCode {
    let flags = match parse_flags(args, &["--json"]) {
        Ok(f) if f.operands.is_empty() => f,
        Ok(_) => {
            eprintln!("podplay lesson list: takes no operands\n\n{USAGE}");
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("podplay lesson list: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if flags.set.iter().any(|f| f == "--json") {
        let list: Vec<Value> = lessons::lessons()
            .iter()
            .map(|l| {
                let tasks: Vec<Value> = l
                    .tasks
                    .iter()
                    .filter_map(|id| lessons::task(id))
                    .map(|t| {
                        json!({
                            "id": t.id,
                            "kind": t.kind.id(),
                            "title": { "en": t.title.en, "zh": t.title.zh },
                        })
                    })
                    .collect();
                json!({
                    "id": l.id,
                    "title": { "en": l.title.en, "zh": l.title.zh },
                    "tasks": tasks,
                })
            })
            .collect();
        println!("{}", json!({ "lessons": list }));
        return ExitCode::SUCCESS;
    }
    for (n, l) in lessons::lessons().iter().enumerate() {
        println!("{:2}. {}  {} / {}", n + 1, l.id, l.title.en, l.title.zh);
        for t in l.tasks.iter().filter_map(|id| lessons::task(id)) {
            println!("      {:<24} {:<10} {}", t.id, t.kind.id(), t.title.en);
        }
    }
    ExitCode::SUCCESS
}

fn lesson_start(args: &[String]) -> ExitCode {
    let [id] = args else {
        eprintln!("podplay lesson start: give exactly one TASK\n\n{USAGE}");
        return ExitCode::from(2);
    };
    match lessons::task(id) {
        Some(t) => {
            print!("{}", t.start_text());
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("podplay lesson start: no task {id:?} (see `podplay lesson list`)");
            ExitCode::from(2)
        }
    }
}

fn lesson_check(args: &[String]) -> ExitCode {
    let parsed = value_option(args, "--hint").and_then(|(hint, rest)| {
        let (lang, rest) = value_option(&rest, "--lang")?;
        let flags = parse_flags(&rest, &["--json"])?;
        let hint = match hint {
            None => 1,
            Some(h) => match h.parse::<usize>() {
                Ok(n @ 1..=3) => n,
                _ => return Err(format!("--hint: {h:?} is not 1, 2 or 3")),
            },
        };
        let lang = match lang.as_deref() {
            None | Some("en") => Lang::En,
            Some("zh") => Lang::Zh,
            Some(other) => return Err(format!("--lang: {other:?} is not en or zh")),
        };
        Ok((hint, lang, flags))
    });
    let (rung, lang, flags) = match parsed {
        Ok(p) => p,
        Err(e) => {
            eprintln!("podplay lesson check: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let [id, file] = flags.operands.as_slice() else {
        eprintln!("podplay lesson check: give a TASK and a FILE\n\n{USAGE}");
        return ExitCode::from(2);
    };
    let Some(task) = lessons::task(id) else {
        eprintln!("podplay lesson check: no task {id:?} (see `podplay lesson list`)");
        return ExitCode::from(2);
    };
    let shown = if file == "-" { "STDIN" } else { file.as_str() };
    let src = match read_lossy(file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("podplay: cannot read {shown}: {e}");
            return ExitCode::from(2);
        }
    };
    let report = lessons::check_task(task, &src);
    if flags.set.iter().any(|f| f == "--json") {
        let checks: Vec<Value> = report
            .checks
            .iter()
            .map(|c| json!({ "name": c.name, "passed": c.passed, "detail": c.detail.en }))
            .collect();
        let hint = match &report.hint {
            Some(l) => {
                let t = l.rung(rung);
                json!({ "en": t.en, "zh": t.zh })
            }
            None => Value::Null,
        };
        println!(
            "{}",
            json!({
                "challenge": task.id,
                "passed": report.passed,
                "checks": checks,
                "hint": hint,
            })
        );
    } else {
        let verdict = match (report.passed, lang) {
            (true, Lang::En) => "passed",
            (false, Lang::En) => "not passed",
            (true, Lang::Zh) => "通过",
            (false, Lang::Zh) => "未通过",
        };
        println!("{} ({shown}): {verdict}", task.id);
        for c in &report.checks {
            let mark = if c.passed { "ok  " } else { "FAIL" };
            println!("  {mark} {}: {}", c.title.get(lang), c.detail.get(lang));
        }
        if let Some(l) = &report.hint {
            let (label, more) = match lang {
                Lang::En => ("hint", "more: --hint 2; the solution: --hint 3"),
                Lang::Zh => ("提示", "更多：--hint 2；答案：--hint 3"),
            };
            println!("{label} {rung}/3: {}", l.rung(rung).get(lang));
            if rung == 1 {
                println!("({more})");
            }
        }
    }
    if report.passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// A file's text; bytes that are not UTF-8 are replaced (the check then reports what the API
/// server says about the text).
fn read_lossy(file: &str) -> std::io::Result<String> {
    let bytes = if file == "-" {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut b)?;
        b
    } else {
        std::fs::read(file)?
    };
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
