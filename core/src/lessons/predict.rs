//! Predict tasks: the learner answers before playing ("what will RESTARTS be at 90 s?"), and the
//! answer is compared with what the simulation of the task's own manifest shows.

use crate::diag::Text;
use crate::examples::Words;
use crate::sim::{CState, Component, EventType, Run, SimTime};

use super::{play, CheckResult, Ladder, Report, Task};

/// What the simulation is asked.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Measure {
    /// kubectl's RESTARTS count of a container at `secs`.
    Restarts { container: &'static str, secs: u64 },
    /// `status.phase` at `secs`.
    Phase { secs: u64 },
    /// kubectl's STATUS column at `secs`.
    Status { secs: u64 },
    /// The container that starts first; with `sandbox`, the pause container counts.
    FirstStarted { sandbox: bool },
    /// The namespaces (`net`, `ipc`, `uts`, `pid`, `mnt`) two containers do not share at `secs`:
    /// an answer is right when it is one of them.
    NotShared {
        a: &'static str,
        b: &'static str,
        secs: u64,
    },
    /// The Pod's QoS class.
    Qos,
    /// The value the API server stores at a dotted path (`spec.restartPolicy`,
    /// `spec.containers[0].volumeMounts[0].mountPath`).
    Stored { path: &'static str },
    /// The result of the first connection a container makes (`HTTP 200`, `connection refused`).
    FirstConnection { from: &'static str },
    /// The app containers that were restarted by `secs`: a name, `both` or `neither`.
    WhoRestarts { secs: u64 },
    /// Failed liveness probes of a container before its first liveness kill.
    FailuresBeforeKill { container: &'static str },
    /// Whole seconds from `kubectl delete` to the Pod object being gone.
    SecondsToRemoval,
    /// The component of the first creation-flow step after the first step of `after`.
    NextComponent { after: Component },
    /// The component that gives the Pod its IP.
    IpComponent,
    /// The reason of the first Warning event.
    FirstWarning,
    /// The Pod's IP (what other Pods connect to).
    PodIp,
    /// The first condition, in the order a Pod goes through them (PodScheduled,
    /// PodReadyToStartContainers, Initialized, ContainersReady, Ready), that is False at `secs`.
    FirstFalseCondition { secs: u64 },
}

/// How the learner answers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Answers {
    /// One of these (compared without case).
    Choices(&'static [&'static str]),
    /// A number, right within `tolerance`.
    Number { tolerance: f64 },
}

#[derive(Clone, Copy, Debug)]
pub struct Question {
    pub measure: Measure,
    pub answers: Answers,
    /// Why the answer is what it is: a nudge, more, and the solution, where `{answer}` is
    /// replaced by what the simulation shows.
    pub hint: [Words; 3],
}

/// What the simulation shows: the right answers (several when any of them is right).
#[derive(Clone, Debug, PartialEq)]
pub enum Measured {
    Texts(Vec<String>),
    Number(f64),
    /// The question cannot be answered from this run (a bug in the course: tested).
    Unknown(String),
}

impl Measured {
    /// The answer as shown to the learner.
    pub fn shown(&self) -> String {
        match self {
            Measured::Texts(v) => v.join(" / "),
            Measured::Number(n) => format_number(*n),
            Measured::Unknown(why) => format!("unknown ({why})"),
        }
    }
}

fn format_number(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{}", n as i64)
    } else {
        format!("{n:.1}")
    }
}

/// What the simulation of the task's manifest shows for its question.
pub fn measure(task: &Task, q: &Question) -> Measured {
    let played = play(task, task.start_text());
    if let Measure::Stored { path } = q.measure {
        return stored(&played.analysis, path);
    }
    let Some(run) = played.run.as_ref() else {
        return Measured::Unknown("the task's manifest is not created".into());
    };
    if let Measure::Qos = q.measure {
        return Measured::Texts(vec![run.qos_class().as_str().into()]);
    }
    measure_run(run, &q.measure)
}

fn unknown(why: &str) -> Measured {
    Measured::Unknown(why.into())
}

fn measure_run(run: &Run, m: &Measure) -> Measured {
    match *m {
        Measure::Restarts { container, secs } => {
            let Some(i) = run.container_index(container) else {
                return unknown("no such container");
            };
            let snap = run.state_at(SimTime::from_secs(secs));
            match snap.containers.get(i) {
                Some(c) => Measured::Number(c.restart_count as f64),
                None => unknown("no such container"),
            }
        }
        Measure::Phase { secs } => Measured::Texts(vec![run
            .state_at(SimTime::from_secs(secs))
            .phase
            .as_str()
            .into()]),
        Measure::Status { secs } => {
            Measured::Texts(vec![run.state_at(SimTime::from_secs(secs)).status])
        }
        Measure::FirstStarted { sandbox } => {
            if sandbox {
                let pause = run
                    .flow()
                    .iter()
                    .find(|s| s.component == Component::Cri && s.container.is_none())
                    .map(|s| s.t);
                let first_ctr = first_running(run).map(|(t, _)| t);
                if let (Some(p), Some(c)) = (pause, first_ctr) {
                    if p <= c {
                        return Measured::Texts(vec!["pause".into()]);
                    }
                }
            }
            match first_running(run) {
                Some((_, name)) => Measured::Texts(vec![name]),
                None => unknown("no container started"),
            }
        }
        Measure::NotShared { a, b, secs } => {
            let snap = run.state_at(SimTime::from_secs(secs));
            let ns = |n: &str| {
                run.container_index(n)
                    .and_then(|i| snap.containers.get(i))
                    .and_then(|c| c.namespaces)
            };
            let (Some(x), Some(y)) = (ns(a), ns(b)) else {
                return unknown("a container has no namespaces at that time");
            };
            let differ: Vec<String> = x
                .entries()
                .iter()
                .zip(y.entries().iter())
                .filter(|(p, q)| p.1 != q.1 && matches!(p.0, "net" | "ipc" | "uts" | "pid" | "mnt"))
                .map(|(p, _)| p.0.to_string())
                .collect();
            Measured::Texts(differ)
        }
        Measure::Qos => Measured::Texts(vec![run.qos_class().as_str().into()]),
        Measure::Stored { .. } => unknown("stored values are read from the analysis"),
        Measure::FirstConnection { from } => {
            let Some(i) = run.container_index(from) else {
                return unknown("no such container");
            };
            let snap = run.state_at(run.end());
            match snap.connections.iter().find(|c| c.from == i) {
                Some(c) => Measured::Texts(vec![c.result.text()]),
                None => unknown("the container connects nowhere"),
            }
        }
        Measure::WhoRestarts { secs } => {
            let snap = run.state_at(SimTime::from_secs(secs));
            let apps: Vec<_> = snap
                .containers
                .iter()
                .filter(|c| c.info.kind == crate::sim::ContainerKind::App)
                .collect();
            let restarted: Vec<&str> = apps
                .iter()
                .filter(|c| c.restart_count > 0)
                .map(|c| c.info.name.as_str())
                .collect();
            let answer = if restarted.is_empty() {
                "neither".to_string()
            } else if restarted.len() == apps.len() && apps.len() > 1 {
                "both".to_string()
            } else {
                restarted.join(", ")
            };
            Measured::Texts(vec![answer])
        }
        Measure::FailuresBeforeKill { container } => {
            let Some(i) = run.container_index(container) else {
                return unknown("no such container");
            };
            let kill = run.events().iter().find(|e| {
                e.reason == "Killing" && e.container == Some(i) && e.message.contains("liveness")
            });
            let Some(kill) = kill else {
                return unknown("never killed by its liveness probe");
            };
            let Some(tl) = run.timeline(i) else {
                return unknown("no such container");
            };
            let liveness = tl
                .probes
                .get(crate::sim::ProbeKind::Liveness.index())
                .copied()
                .unwrap_or(&[]);
            // The failures in a row that ended in the kill.
            let mut n = 0u32;
            for p in liveness.iter().filter(|p| p.t <= kill.t) {
                if p.ok {
                    n = 0;
                } else {
                    n += 1;
                }
            }
            Measured::Number(n as f64)
        }
        Measure::SecondsToRemoval => {
            let deleted = run
                .events()
                .iter()
                .find(|e| e.reason == "Killing")
                .map(|e| e.t);
            let (Some(removed), Some(from)) = (run.removed_at(), deletion_time(run).or(deleted))
            else {
                return unknown("the Pod is not deleted and removed in the run");
            };
            Measured::Number(((removed.0.saturating_sub(from.0)) / 1000) as f64)
        }
        Measure::NextComponent { after } => {
            let flow = run.flow();
            let Some(k) = flow.iter().position(|s| s.component == after) else {
                return unknown("the flow has no such step");
            };
            match flow.iter().skip(k + 1).find(|s| s.component != after) {
                Some(s) => Measured::Texts(vec![s.component.as_str().into()]),
                None => unknown("nothing follows"),
            }
        }
        Measure::IpComponent => {
            let step = run.flow().iter().find(|s| {
                s.cause
                    .0
                    .iter()
                    .any(|r| matches!(r, crate::sim::Rule::CniAdded { .. }))
            });
            match step {
                Some(s) => Measured::Texts(vec![s.component.as_str().into()]),
                None => unknown("no step gives an IP"),
            }
        }
        Measure::PodIp => match run.pod_ip_ever() {
            Some(ip) => Measured::Texts(vec![ip.to_string()]),
            None => unknown("the Pod got no IP"),
        },
        Measure::FirstFalseCondition { secs } => {
            use crate::sim::ConditionType as C;
            let at = SimTime::from_secs(secs);
            let order = [
                C::PodScheduled,
                C::PodReadyToStartContainers,
                C::Initialized,
                C::ContainersReady,
                C::Ready,
            ];
            match order
                .into_iter()
                .find(|c| !run.condition_track(*c).at(at).is_some_and(|x| x.status))
            {
                Some(c) => Measured::Texts(vec![c.as_str().into()]),
                None => unknown("every condition is True"),
            }
        }
        Measure::FirstWarning => match run
            .events()
            .iter()
            .find(|e| e.event_type == EventType::Warning)
        {
            Some(e) => Measured::Texts(vec![e.reason.into()]),
            None => unknown("no Warning event"),
        },
    }
}

/// When `kubectl delete` was run (the flow's Deleted step).
fn deletion_time(run: &Run) -> Option<SimTime> {
    run.flow()
        .iter()
        .find(|s| {
            s.cause
                .0
                .iter()
                .any(|r| matches!(r, crate::sim::Rule::Deleted { .. }))
        })
        .map(|s| s.t)
}

/// The first container to run, and when.
fn first_running(run: &Run) -> Option<(SimTime, String)> {
    let mut best: Option<(SimTime, String)> = None;
    for (i, info) in run.containers().iter().enumerate() {
        let Some(tl) = run.timeline(i) else { continue };
        let started = tl.states.iter().find_map(|(_, s)| match s {
            CState::Running { started_at } => Some(*started_at),
            CState::Terminated(t) => Some(t.started_at),
            _ => None,
        });
        if let Some(at) = started {
            if best.as_ref().is_none_or(|(b, _)| at < *b) {
                best = Some((at, info.name.clone()));
            }
        }
    }
    best
}

/// The value at a path of what the API server stores for the first Pod of the text.
fn stored(a: &crate::analyze::Analysis, path: &str) -> Measured {
    let Some(obj) = a
        .documents
        .iter()
        .find(|d| d.kind.as_deref() == Some("Pod"))
        .and_then(|d| d.defaulted.as_ref())
    else {
        return unknown("no stored Pod");
    };
    let mut cur = obj;
    for part in path.split('.') {
        let (key, index) = match part.split_once('[') {
            Some((k, rest)) => (k, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        let Some(next) = cur.get(key) else {
            return unknown("no such field");
        };
        cur = match index {
            Some(i) => match next.as_seq().and_then(|s| s.get(i)) {
                Some(n) => n,
                None => return unknown("no such item"),
            },
            None => next,
        };
    }
    match &cur.value {
        crate::tree::Value::Str(s) => Measured::Texts(vec![s.clone()]),
        crate::tree::Value::Int(i) => Measured::Number(*i as f64),
        crate::tree::Value::Bool(b) => Measured::Texts(vec![b.to_string()]),
        _ => unknown("not a scalar"),
    }
}

/// Whether `answer` is right for what was measured.
pub fn is_right(answers: &Answers, measured: &Measured, answer: &str) -> bool {
    let answer = answer.trim();
    if answer.is_empty() {
        return false;
    }
    match (answers, measured) {
        (Answers::Number { tolerance }, Measured::Number(n)) => answer
            .parse::<f64>()
            .is_ok_and(|a| a.is_finite() && (a - n).abs() <= *tolerance),
        (_, Measured::Texts(v)) => v.iter().any(|x| x.eq_ignore_ascii_case(answer)),
        (_, Measured::Number(n)) => answer.parse::<f64>().is_ok_and(|a| a == *n),
        (_, Measured::Unknown(_)) => false,
    }
}

fn fill(w: &Words, answer: &str) -> Text {
    Text::new(
        w.en.replace("{answer}", answer),
        w.zh.replace("{answer}", answer),
    )
}

pub(super) fn check(task: &'static Task, q: &Question, input: &str) -> Report {
    let measured = measure(task, q);
    let answer: String = input.trim().chars().take(200).collect();
    let right = is_right(&q.answers, &measured, &answer);
    let shown = measured.shown();
    let detail = if answer.is_empty() {
        Text::new("no answer given", "还没有给出答案")
    } else if right {
        Text::new(
            format!("you said {answer}; the simulation shows {shown}"),
            format!("你的答案是 {answer}；模拟的结果是 {shown}"),
        )
    } else {
        Text::new(
            format!("you said {answer}; the simulation shows something else"),
            format!("你的答案是 {answer}；模拟的结果不是这样"),
        )
    };
    let [a, b, c] = &q.hint;
    Report {
        task: task.id,
        passed: right,
        checks: vec![CheckResult {
            name: "prediction".into(),
            title: Text::new(
                "Your prediction matches the simulation",
                "你的预测与模拟结果一致",
            ),
            passed: right,
            detail,
        }],
        hint: if right {
            None
        } else {
            Some(Ladder::new([
                fill(a, &shown),
                fill(b, &shown),
                fill(c, &shown),
            ]))
        },
    }
}
