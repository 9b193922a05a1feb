//! Trace fixtures for the shell and the image programs: `tests/fixtures/shell/<name>.yaml`
//! describes a container (image, argv, files, DNS names, probes and signals at given times)
//! and `<name>.out` is the expected trace (`t=… stdout …`, `exit N at t=…`).
//!
//! The input is a small line format (YAML-looking, read here line by line):
//! `image: REF`, `until: MS`, `env: K=V`, `dns: NAME=IP`, `file: PATH=TEXT` (`\n` escapes),
//! `dir: PATH`, `port: N` (declared), `taken: N` (another container listens there),
//! `at: MS probe ARGV…` / `at: MS signal TERM|KILL|QUIT` / `at: MS dns NAME=IP` /
//! `at: MS http PORT PATH`, and `argv:` followed by `- ARG` lines (the container's command line
//! as Kubernetes builds it; `⏎` stands for a newline inside an argument).

mod common;
mod testsys;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use podplay_core::os::*;
use podplay_core::programs::{entrypoint, exec, image_info, Spawn};
use testsys::{run, trace, End, MemSys};

fn unescape(s: &str) -> String {
    s.replace("\\n", "\n").replace("\\t", "\t")
}

fn render(_name: &str, input: &str) -> String {
    let mut image = String::from("busybox");
    let mut until = 60_000u64;
    let mut argv: Vec<String> = Vec::new();
    let mut events: Vec<(u64, String)> = Vec::new();
    let mut sys = MemSys::new();
    let mut in_argv = false;
    let mut ports = Vec::new();
    for line in input.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if in_argv {
            if let Some(a) = line.strip_prefix("- ") {
                argv.push(a.replace('⏎', "\n"));
                continue;
            }
            in_argv = false;
        }
        let (k, v) = line
            .split_once(':')
            .map(|(k, v)| (k.trim(), v.trim()))
            .unwrap_or((line, ""));
        match k {
            "image" => image = v.to_string(),
            "until" => until = v.parse().unwrap_or(until),
            "argv" => in_argv = true,
            "port" => ports.push((v.parse().unwrap_or(80), Proto::Tcp)),
            "taken" => {
                sys.taken.insert(v.parse().unwrap_or(80));
            }
            "env" | "dns" | "file" => {
                let (a, b) = v.split_once('=').unwrap_or((v, ""));
                match k {
                    "env" => {
                        sys.env.insert(a.into(), b.into());
                    }
                    "dns" => {
                        sys.dns.insert(a.into(), b.into());
                    }
                    _ => {
                        sys = sys.file(a, &unescape(b));
                    }
                }
            }
            "dir" => sys = sys.dir(v),
            "at" => {
                let (t, rest) = v.split_once(' ').unwrap_or((v, ""));
                events.push((t.parse().unwrap_or(0), rest.to_string()));
            }
            _ => {}
        }
    }
    let info = image_info(&image);
    for d in &info.dirs {
        sys = sys.dir(d);
    }
    for (p, c) in &info.files {
        if !sys.files.contains_key(p) {
            sys = sys.file(p, c);
        }
    }
    let mut out = String::new();
    let mut prog = entrypoint(&Spawn {
        image: &image,
        command: &argv,
        args: &[],
        stdin: false,
        tty: false,
        declared_ports: &ports,
        working_dir: None,
    });
    let mut printed = 0;
    let mut flush = |sys: &MemSys, out: &mut String| {
        let t = trace(sys);
        let lines: Vec<&str> = t.lines().collect();
        for l in lines.iter().skip(printed) {
            out.push_str(l);
            out.push('\n');
        }
        printed = lines.len();
    };
    let mut end = End::Running;
    for (t, ev) in events {
        end = run(prog.as_mut(), &mut sys, t);
        flush(&sys, &mut out);
        if !matches!(end, End::Running | End::Idle(_)) {
            break;
        }
        sys.now = SimTime(t);
        let (kind, rest) = ev.split_once(' ').unwrap_or((&ev, ""));
        match kind {
            "probe" => {
                let args: Vec<String> = rest.split(' ').map(|s| s.to_string()).collect();
                let mut p = exec(&image, &args);
                let before = sys.output.len();
                let r = run(p.as_mut(), &mut sys, t + 1_000);
                let said: String = sys.output.drain(before..).map(|(_, _, s)| s).collect();
                out.push_str(&format!(
                    "t={} probe `{rest}` → {r:?}{}\n",
                    SimTime(t),
                    if said.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", said.trim_end())
                    }
                ));
                sys.now = SimTime(t);
            }
            "signal" => {
                let s = match rest {
                    "KILL" => Signal::Kill,
                    "QUIT" => Signal::Quit,
                    _ => Signal::Term,
                };
                let r = prog.signal(s);
                out.push_str(&format!("t={} signal {rest} → {r:?}\n", SimTime(t)));
            }
            "http" => {
                let (port, path) = rest.split_once(' ').unwrap_or((rest, "/"));
                let req = HttpRequest {
                    host: "10.244.0.5".into(),
                    port: port.parse().unwrap_or(80),
                    path: path.into(),
                    headers: vec![("User-Agent".into(), "kube-probe/1.37".into())],
                    client: None,
                };
                let r = prog.serve(&req, &mut sys);
                flush(&sys, &mut out);
                out.push_str(&format!(
                    "t={} http GET :{port}{path} → {} ({} bytes)\n",
                    SimTime(t),
                    r.status,
                    r.body.len()
                ));
            }
            "dns" => {
                let (a, b) = rest.split_once('=').unwrap_or((rest, ""));
                sys.dns.insert(a.into(), b.into());
                out.push_str(&format!("t={} dns {rest}\n", SimTime(t)));
            }
            _ => {}
        }
    }
    if matches!(end, End::Running | End::Idle(_)) {
        end = run(prog.as_mut(), &mut sys, until);
        flush(&sys, &mut out);
    }
    match end {
        End::Exit(code, t) => out.push_str(&format!("exit {code} at t={t}\n")),
        End::Running => out.push_str(&format!("running at t={}\n", sys.now)),
        End::Idle(t) => out.push_str(&format!("idle at t={t}\n")),
    }
    let ps: Vec<String> = prog
        .processes()
        .into_iter()
        .map(|p| format!("{} {}", p.user, p.command))
        .collect();
    if !ps.is_empty() && !matches!(end, End::Exit(..)) {
        out.push_str(&format!("ps: {}\n", ps.join(" | ")));
    }
    for n in &sys.notes {
        out.push_str(&format!("note: {n}\n"));
    }
    out.push_str(&format!(
        "memory {} KiB, cpu {}m\n",
        sys.memory / 1024,
        sys.cpu
    ));
    out
}

#[test]
fn shell_fixtures() {
    common::check_area("shell", render);
}
