//! `podplay`: Pod Playground's command-line tool.
//!
//! ```text
//! podplay validate [--json] FILE...     check manifests like `kubectl create --validate=strict`
//! podplay explain [--recursive] PATH    `kubectl explain` from the real API schema
//! podplay simulate [--json] [--until SECONDS] [--delete-at SECONDS] FILE
//!                                        play the pod's life like a cluster would
//! ```
//! Exit status: 0 when every document is valid (simulate: when the pod was played), 1 when any is
//! invalid (simulate: the Pod would be refused), 2 on a usage error or a file that cannot be read.

use std::io::Write;
use std::process::ExitCode;

use podplay_core::analyze::{self, Analysis, DocAnalysis};
use podplay_core::diag::{Diagnostic, Severity};
use podplay_core::explain;
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
  podplay help                          this text

`-` reads standard input. Exit status: 0 valid, 1 invalid, 2 usage error or unreadable file.";

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

fn read(file: &str) -> std::io::Result<String> {
    if file == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)?;
        Ok(s)
    } else {
        std::fs::read_to_string(file)
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
        let src = match read(file) {
            Ok(s) => s,
            Err(e) => {
                unreadable = true;
                eprintln!("podplay: cannot read {shown}: {e}");
                if as_json {
                    files_json.push(json!({ "file": shown, "error": e.to_string() }));
                }
                continue;
            }
        };
        let analysis = analyze::analyze_file(&src, shown);
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
    let mut rest = Vec::new();
    let mut value = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let inline = a.strip_prefix(&format!("{name}="));
        if a == name || inline.is_some() {
            let v = match inline {
                Some(v) => v.to_string(),
                None => it
                    .next()
                    .cloned()
                    .ok_or(format!("{name} needs a number of seconds"))?,
            };
            let secs: f64 = v
                .parse()
                .map_err(|_| format!("{name}: {v:?} is not a number of seconds"))?;
            if !(0.0..=31_536_000.0).contains(&secs) {
                return Err(format!(
                    "{name}: {v} is outside 0..=31536000 seconds (one year)"
                ));
            }
            value = Some(SimTime((secs * 1000.0).round() as u64));
        } else {
            rest.push(a.clone());
        }
    }
    Ok((value, rest))
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
    let src = match read(file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("podplay: cannot read {shown}: {e}");
            return ExitCode::from(2);
        }
    };
    // What `kubectl create -f` would create: a refused Pod is not played (the same rule as the
    // playground's play area).
    let analysis = analyze::analyze_file(&src, shown);
    let world = match sim::view_input::play_input(&analysis) {
        sim::view_input::PlayInput::Play { world, left_out } => {
            for o in &left_out {
                eprintln!(
                    "podplay: {} {:?} is not created, so the pod plays without it: {}",
                    o.kind, o.name, o.message
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
            println!("Note: {}", note.text);
        }
    }
    ExitCode::SUCCESS
}
