//! One fixture per rule of the simulation: `tests/fixtures/sim/<name>.yaml` played to the end and
//! rendered as a trace (one event per line, the `kubectl get pod` line whenever it changes, the
//! state at the end). A first comment line `# sim: …` sets options: `until=S`, `delete-at=S`,
//! `exit-after=C:S:CODE`, `fail-pull=C`, `memory=C:MIB`, and `show=ns,ps,sockets,memory,conditions,states,describe`
//! for more of the end state.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failing test

mod common;
mod sim_support;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use podplay_core::sim::{printer, simulate, CState, Options, Override, OverrideAction, SimTime};
use sim_support::world;

fn options(src: &str) -> (Options, Vec<String>) {
    let mut o = Options::default();
    let mut show = Vec::new();
    let Some(line) = src.lines().find_map(|l| l.strip_prefix("# sim:")) else {
        return (o, show);
    };
    for item in line.split_whitespace() {
        let (k, v) = item.split_once('=').unwrap_or((item, ""));
        let num = |s: &str| (s.parse::<f64>().unwrap() * 1000.0) as u64;
        match k {
            "until" => o.until = SimTime(num(v)),
            "delete-at" => o.delete_at = Some(SimTime(num(v))),
            "exit-after" => {
                let p: Vec<&str> = v.split(':').collect();
                o.overrides.push(Override {
                    container: p[0].into(),
                    action: OverrideAction::ExitAfter {
                        after_ms: num(p[1]),
                        code: p[2].parse().unwrap(),
                    },
                });
            }
            "fail-pull" => o.overrides.push(Override {
                container: v.into(),
                action: OverrideAction::FailImagePull,
            }),
            "memory" => {
                let (c, m) = v.split_once(':').unwrap();
                o.overrides.push(Override {
                    container: c.into(),
                    action: OverrideAction::UseMemoryMib(m.parse().unwrap()),
                });
            }
            "show" => show = v.split(',').map(str::to_string).collect(),
            other => panic!("unknown option {other}"),
        }
    }
    (o, show)
}

fn render(_name: &str, src: &str) -> String {
    let (opts, show) = options(src);
    let w = world(src);
    let run = simulate(&w, &opts);
    let mut out = printer::trace(&run);
    let end = run.state_at(run.end());
    for what in &show {
        match what.as_str() {
            "ns" => {
                if let Some(p) = end.pause_namespaces {
                    out.push_str(&format!("ns pause {:?}\n", p.entries()));
                }
                for c in &end.containers {
                    if let Some(n) = c.namespaces {
                        out.push_str(&format!("ns {} {:?}\n", c.info.name, n.entries()));
                    }
                }
                out.push_str(&format!(
                    "podIP {:?} hostIP {:?}\n",
                    end.pod_ip,
                    run.host_ip()
                ));
            }
            "ps" => {
                for c in &end.containers {
                    for p in c.processes {
                        out.push_str(&format!(
                            "ps {}: {} {} {}\n",
                            c.info.name, p.pid, p.user, p.command
                        ));
                    }
                }
            }
            "sockets" => {
                for s in &run.state_at(run.end()).sockets {
                    out.push_str(&format!(
                        "socket :{} {:?} {} pid {} hostPort {:?}\n",
                        s.port,
                        s.proto,
                        run.containers()[s.container].name,
                        s.pid,
                        s.host_port
                    ));
                }
            }
            "connections" => {
                for c in end.connections {
                    out.push_str(&format!(
                        "connection t={} {} -> {}:{} ({:?}) {:?}: {}\n",
                        printer::seconds(c.t),
                        run.containers()[c.from].name,
                        c.host,
                        c.port,
                        c.ip,
                        c.to_container.map(|t| run.containers()[t].name.clone()),
                        c.result.text()
                    ));
                }
            }
            "conditions" => {
                for c in &end.conditions {
                    out.push_str(&format!(
                        "condition {} {} {} {:?} since {}\n",
                        c.type_name,
                        c.status,
                        c.reason,
                        c.message,
                        printer::seconds(c.last_transition)
                    ));
                }
            }
            "states" => {
                for c in &end.containers {
                    if let Some(st) = c.state {
                        let (what, reason, message) = match st {
                            CState::Waiting { reason, message } => {
                                ("waiting", *reason, message.as_str())
                            }
                            CState::Running { .. } => ("running", "", ""),
                            CState::Terminated(t) => ("terminated", t.reason, t.message.as_str()),
                        };
                        out.push_str(&format!(
                            "state {} {what} {reason}: {message:?}\n",
                            c.info.name
                        ));
                    }
                }
            }
            "describe" => out.push_str(&printer::describe(&run, &w, run.end())),
            "memory" => {
                for (i, c) in run.containers().iter().enumerate() {
                    let t = run.timeline(i).unwrap();
                    for (at, m) in t.memory.iter() {
                        out.push_str(&format!(
                            "memory {} t={} {}\n",
                            c.name,
                            printer::seconds(at),
                            m
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    for (i, c) in run.containers().iter().enumerate() {
        if let Some(l) = run.logs(i, run.end(), false).filter(|l| !l.is_empty()) {
            let l: String = l.chars().take(600).collect();
            out.push_str(&format!("logs {}:\n{}\n", c.name, l.trim_end()));
        }
    }
    out
}

#[test]
#[cfg(not(target_arch = "wasm32"))]
fn timing_report() {
    for (name, input, _) in common::FIXTURES
        .iter()
        .filter(|(n, _, _)| n.starts_with("sim/"))
    {
        let t = std::time::Instant::now();
        let _ = render(name, input);
        if std::env::var_os("SIM_TIMES").is_some() {
            eprintln!("{name}: {:?}", t.elapsed());
        }
    }
}

#[test]
fn sim_fixtures() {
    common::check_area("sim", render);
}
