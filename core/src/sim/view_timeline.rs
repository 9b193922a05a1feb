//! What the playhead bar, the timeline, the events table and the "why" panel show, computed from a
//! [`Run`]: the instants worth stopping at, the spans of every lane and how to classify them, the
//! `kubectl describe` event rows at a time, what lies under a point of the timeline, and why it
//! happened (the [`Cause`] of the event, flow step or probe run, with the steps that led there).
//!
//! Everything here is a pure function of the run, so the app only draws.

use crate::diag::Lang;
use crate::sim::process::SimTime;
use crate::sim::rules::{Cause, ProbeKind, Rule};
use crate::sim::run::*;
use crate::sim::world::World;

/// Every instant the playhead can step to: the time of each Kubernetes event and of each step of
/// the creation (and termination) flow, sorted, without repeats.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Marks {
    times: Vec<SimTime>,
}

impl Marks {
    pub fn of(run: &Run) -> Marks {
        let mut times: Vec<SimTime> = run
            .events()
            .iter()
            .map(|e| e.t)
            .chain(run.flow().iter().map(|f| f.t))
            .filter(|t| *t <= run.end())
            .collect();
        crate::sort::sort(&mut times);
        times.dedup();
        Marks { times }
    }

    pub fn times(&self) -> &[SimTime] {
        &self.times
    }

    /// The last instant strictly before `t`.
    pub fn prev(&self, t: SimTime) -> Option<SimTime> {
        let i = self.times.partition_point(|x| *x < t);
        i.checked_sub(1).and_then(|i| self.times.get(i).copied())
    }

    /// The first instant strictly after `t`.
    pub fn next(&self, t: SimTime) -> Option<SimTime> {
        let i = self.times.partition_point(|x| *x <= t);
        self.times.get(i).copied()
    }
}

/// How a container state is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StateKind {
    /// Being set up (`ContainerCreating`, `PodInitializing`).
    Waiting,
    /// Waiting because something failed (`ErrImagePull`, `CreateContainerConfigError`, …).
    WaitingError,
    /// Waiting out a back-off (`CrashLoopBackOff`, `ImagePullBackOff`).
    BackOff,
    Running,
    /// Terminated with exit code 0.
    Completed,
    /// Terminated with a non-zero exit code (`Error`, `OOMKilled`, …).
    Failed,
}

impl StateKind {
    pub fn of(s: &CState) -> StateKind {
        match s {
            CState::Waiting { reason, .. } => match *reason {
                "ContainerCreating" | "PodInitializing" => StateKind::Waiting,
                "CrashLoopBackOff" | "ImagePullBackOff" => StateKind::BackOff,
                _ => StateKind::WaitingError,
            },
            CState::Running { .. } => StateKind::Running,
            CState::Terminated(t) if t.exit_code == 0 => StateKind::Completed,
            CState::Terminated(_) => StateKind::Failed,
        }
    }
}

/// A container state in one word, as the pod views label a container: the waiting or terminated
/// reason (`CrashLoopBackOff`, `Completed`, `OOMKilled`), or `Running`.
pub fn state_word(s: &CState) -> &'static str {
    s.reason().unwrap_or("Running")
}

/// `(from, to)` of each entry of a track: each value lasts until the next change, the last one
/// until `end`.
pub fn track_spans<T>(track: &Track<T>, end: SimTime) -> Vec<(SimTime, SimTime)> {
    let n = track.len();
    (0..n)
        .filter_map(|i| {
            let (from, _) = track.get(i)?;
            let to = track.get(i + 1).map_or(end, |(t, _)| t);
            Some((from, to.max(from)))
        })
        .collect()
}

/// The label of a container state span (`Running`, `CrashLoopBackOff`, `Error (137)`).
pub fn state_label(s: &CState) -> String {
    match s {
        CState::Waiting { reason, .. } => (*reason).to_string(),
        CState::Running { .. } => "Running".to_string(),
        CState::Terminated(t) => format!("{} ({})", t.reason, t.exit_code),
    }
}

/// The memory limit of each container in the run's order (init containers, then app
/// containers); None without a limit.
pub fn memory_limits(world: &World) -> Vec<Option<u64>> {
    let pod = &world.pod;
    pod.init_containers
        .iter()
        .chain(pod.containers.iter())
        .map(|c| {
            c.resources
                .limits
                .memory
                .and_then(|m| u64::try_from(m).ok())
        })
        .collect()
}

/// The times at which each run of a container after the first one started (a restart).
pub fn restart_times(run: &Run, container: usize) -> Vec<SimTime> {
    let Some(tl) = run.timeline(container) else {
        return Vec::new();
    };
    tl.restarts
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(t, _)| t)
        .collect()
}

/// One row of `kubectl describe pod`'s Events table: events with the same type, reason, source,
/// object and message are counted in one row (as the event recorder's correlator does).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventRow {
    /// The row's latest event (an index into [`Run::events`]).
    pub index: usize,
    pub first: SimTime,
    pub last: SimTime,
    pub count: u32,
}

/// The events grouped once per run, so that the rows at any time cost a binary search per group.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventGroups {
    /// Per group, the indices of its events in time order.
    groups: Vec<Vec<usize>>,
}

impl EventGroups {
    pub fn of(run: &Run) -> EventGroups {
        let events = run.events();
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for (i, e) in events.iter().enumerate() {
            let same = |g: &&mut Vec<usize>| {
                g.first().and_then(|k| events.get(*k)).is_some_and(|f| {
                    f.event_type == e.event_type
                        && f.reason == e.reason
                        && f.from == e.from
                        && f.container == e.container
                        && f.message == e.message
                })
            };
            match groups.iter_mut().find(|g| same(g)) {
                Some(g) => g.push(i),
                None => groups.push(vec![i]),
            }
        }
        EventGroups { groups }
    }

    /// The rows at time `t`, oldest last-seen first (the order `kubectl describe` prints).
    pub fn rows_at(&self, run: &Run, t: SimTime) -> Vec<EventRow> {
        let events = run.events();
        let time = |i: usize| events.get(i).map_or(SimTime(u64::MAX), |e| e.t);
        let mut rows: Vec<EventRow> = self
            .groups
            .iter()
            .filter_map(|g| {
                let n = g.partition_point(|i| time(*i) <= t);
                let last = *g.get(n.checked_sub(1)?)?;
                Some(EventRow {
                    index: last,
                    first: time(*g.first()?),
                    last: time(last),
                    count: n as u32,
                })
            })
            .collect();
        crate::sort::sort_by_key(&mut rows, |r| (r.last, r.index));
        rows
    }
}

/// An event's message as kubectl ≥ 1.35 prints it in `describe`: prefixed with the involved
/// object's field path (`spec.containers{app}: Container started`).
pub fn event_message(run: &Run, e: &Event) -> String {
    match e.container.and_then(|c| run.containers().get(c)) {
        Some(c) => format!("{}: {}", c.field_path(), e.message.trim()),
        None => e.message.trim().to_string(),
    }
}

/// Something on the timeline that can be explained.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pick {
    /// A Kubernetes event (index into [`Run::events`]).
    Event(usize),
    /// A step of the creation flow (index into [`Run::flow`]).
    Flow(usize),
    /// A probe run.
    Probe {
        container: usize,
        kind: ProbeKind,
        index: usize,
    },
    /// A container state span (index into the container's state track).
    State { container: usize, index: usize },
    /// A phase span.
    Phase(usize),
    /// A condition span.
    Condition {
        condition: ConditionType,
        index: usize,
    },
}

/// One step that led to what is explained.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub t: SimTime,
    /// What happened (kubectl's or the component's words).
    pub what: String,
    /// Why, in the chosen language (the rules joined by " → "); empty when the simulation recorded
    /// no rule for it.
    pub why: String,
    /// True for a Kubernetes event, false for a step of the flow.
    pub event: bool,
    /// The position among the run's items: `(time, recording order)` (see [`Event::seq`]).
    order: (SimTime, u32),
}

/// Why something happened.
#[derive(Clone, Debug, PartialEq)]
pub struct Why {
    pub t: SimTime,
    /// The container concerned, if any.
    pub container: Option<usize>,
    /// What happened, in Kubernetes' words (`Warning BackOff: Back-off restarting failed …`).
    pub what: String,
    /// The rules that caused it, in the chosen language, in order.
    pub rules: Vec<String>,
    /// What happened to the same container (or the pod) since its last start, oldest first, that
    /// led here (at most [`MAX_STEPS`], the latest ones).
    pub steps: Vec<Step>,
}

/// Steps kept in [`Why::steps`].
pub const MAX_STEPS: usize = 12;

fn rule_texts(cause: &Cause, lang: Lang) -> Vec<String> {
    cause.0.iter().map(|r| r.text(lang)).collect()
}

fn probe_text(tick: &ProbeTick, lang: Lang) -> String {
    let rule = if tick.changed {
        Rule::ProbeThreshold {
            kind: tick.kind,
            success: tick.ok,
            consecutive: tick.consecutive,
            threshold: tick.threshold,
        }
    } else if !tick.ok {
        Rule::ProbeFailed {
            kind: tick.kind,
            consecutive: tick.consecutive,
            threshold: tick.threshold,
        }
    } else {
        return match lang {
            Lang::En => format!(
                "{} probe succeeded ({} in a row); the result stays Success",
                tick.kind.lower(),
                tick.consecutive
            ),
            Lang::Zh => format!(
                "{}成功（连续 {} 次），结果仍为 Success",
                probe_zh(tick.kind),
                tick.consecutive
            ),
        };
    };
    rule.text(lang)
}

fn probe_zh(kind: ProbeKind) -> &'static str {
    match kind {
        ProbeKind::Startup => "启动探针",
        ProbeKind::Liveness => "存活探针",
        ProbeKind::Readiness => "就绪探针",
    }
}

fn probes_of(run: &Run, container: usize, kind: ProbeKind) -> &[ProbeTick] {
    run.timeline(container)
        .and_then(|tl| {
            tl.probes
                .get(ProbeKind::ALL.iter().position(|k| *k == kind)?)
                .copied()
        })
        .unwrap_or(&[])
}

/// Whether an item concerns `container`: pod-level items concern every container, and the
/// init containers (regular and sidecars) every container after them, which waits for them
/// (an app container starts because the init container before it completed).
fn concerns(run: &Run, item: Option<usize>, container: Option<usize>) -> bool {
    match (item, container) {
        (None, _) | (_, None) => true,
        (Some(i), Some(c)) => {
            i == c || (i < c && run.containers().get(i).is_some_and(|x| x.is_init_list()))
        }
    }
}

fn flow_step(f: &FlowStep, lang: Lang) -> Step {
    Step {
        t: f.t,
        what: format!("{}: {}", f.component.as_str(), f.action.get(lang)),
        why: f.cause.text(lang),
        event: false,
        order: (f.t, f.seq),
    }
}

fn event_step(run: &Run, e: &Event, lang: Lang) -> Step {
    Step {
        t: e.t,
        what: format!(
            "{} {}: {}",
            e.event_type.as_str(),
            e.reason,
            event_message(run, e)
        ),
        why: e.cause.text(lang),
        event: true,
        order: (e.t, e.seq),
    }
}

/// The start of the run of `container` in force at `t` (its last `Started` event at or before
/// `t`), or the start of the simulation.
fn last_start(run: &Run, container: Option<usize>, t: SimTime) -> SimTime {
    let Some(c) = container else {
        return SimTime::ZERO;
    };
    run.events_until(t)
        .iter()
        .rev()
        .find(|e| e.container == Some(c) && e.reason == "Started" && e.t < t)
        .map_or(SimTime::ZERO, |e| e.t)
}

/// The steps of `container` (and of the pod) with a reason, from its last start up to the item at
/// `before` (excluded; see [`Step::order`]), the latest [`MAX_STEPS`].
fn history(
    run: &Run,
    container: Option<usize>,
    before: (SimTime, u32),
    lang: Lang,
) -> Vec<Step> {
    let t = before.0;
    let since = last_start(run, container, t);
    let mut steps: Vec<Step> = Vec::new();
    let flow = run.flow();
    let from = flow.partition_point(|f| f.t < since);
    steps.extend(
        flow.iter()
            .enumerate()
            .skip(from)
            .take_while(|(_, f)| f.t <= t)
            .filter(|(_, f)| !f.cause.is_empty() && concerns(run, f.container, container))
            .map(|(_, f)| flow_step(f, lang)),
    );
    let events = run.events();
    let from = events.partition_point(|e| e.t < since);
    steps.extend(
        events
            .iter()
            .enumerate()
            .skip(from)
            .take_while(|(_, e)| e.t <= t)
            .filter(|(_, e)| !e.cause.is_empty() && concerns(run, e.container, container))
            .map(|(_, e)| event_step(run, e, lang)),
    );
    // At one instant, the order of recording is the order of cause and effect (the kubelet's
    // `Killing` before the runtime's `StopContainer`, a start before the bind that fails in it).
    // What comes after the explained item did not lead to it.
    steps.retain(|s| s.order < before);
    crate::sort::sort_by_key(&mut steps, |s| s.order);
    // Only the latest steps are kept; the same reason given twice at one instant (an event and
    // its flow step) is said once.
    let mut steps = steps.split_off(steps.len().saturating_sub(4 * MAX_STEPS));
    let mut seen: Vec<(SimTime, String)> = Vec::new();
    steps.retain(|s| {
        let key = (s.t, s.why.clone());
        let new = !seen.contains(&key);
        if new {
            seen.push(key);
        }
        new
    });
    steps.split_off(steps.len().saturating_sub(MAX_STEPS))
}

/// Why `pick` happened, in `lang`. None when the pick does not exist in this run (it was made on
/// an earlier run).
pub fn why(run: &Run, pick: Pick, lang: Lang) -> Option<Why> {
    let (t, container, what, rules) = match pick {
        Pick::Event(i) => {
            let e = run.events().get(i)?;
            let what = format!(
                "{} {}: {}",
                e.event_type.as_str(),
                e.reason,
                event_message(run, e)
            );
            (e.t, e.container, what, rule_texts(&e.cause, lang))
        }
        Pick::Flow(i) => {
            let f = run.flow().get(i)?;
            let s = flow_step(f, lang);
            (f.t, f.container, s.what, rule_texts(&f.cause, lang))
        }
        Pick::Probe {
            container,
            kind,
            index,
        } => {
            let tick = probes_of(run, container, kind).get(index)?;
            let result = if tick.ok { "Success" } else { "Failure" };
            let what = format!("{} probe: {result}", kind.title());
            let mut rules = vec![probe_text(tick, lang)];
            // What the kubelet did about it at that instant (killed the container, …).
            for r in causes_at(run, Some(container), tick.t, lang) {
                if !rules.contains(&r) {
                    rules.push(r);
                }
            }
            (tick.t, Some(container), what, rules)
        }
        Pick::State { container, index } => {
            let tl = run.timeline(container)?;
            let (t, s) = tl.states.get(index)?;
            let mut what = format!("{}: {}", tl.info.name, state_label(s));
            if let CState::Waiting { message, .. } = s {
                if !message.is_empty() {
                    what.push_str(" — ");
                    what.push_str(message);
                }
            }
            let mut rules = causes_at(run, Some(container), t, lang);
            if s.is_running() {
                let end = tl.states.get(index + 1).map_or(run.end(), |(e, _)| e);
                if let Some(r) = failed_attempts(run, container, t, end) {
                    rules.push(r.text(lang));
                }
            }
            // Nothing else happened at that instant: the state says what it waits for.
            if rules.is_empty() {
                let rule = match s {
                    CState::Waiting { reason, .. } => Rule::Waiting { reason },
                    CState::Running { .. } => Rule::ProcessStarted,
                    CState::Terminated(x) => Rule::ProgramExited { code: x.exit_code },
                };
                rules.push(rule.text(lang));
            }
            (t, Some(container), what, rules)
        }
        Pick::Phase(index) => {
            let (t, p) = run.phase_track().get(index)?;
            let what = format!("phase: {}", p.as_str());
            (t, None, what, causes_at(run, None, t, lang))
        }
        Pick::Condition { condition, index } => {
            let (t, c) = run.condition_track(condition).get(index)?;
            let status = if c.status { "True" } else { "False" };
            let mut what = format!("{}={status}", condition.as_str());
            if !c.reason.is_empty() {
                what.push_str(&format!(" ({})", c.reason));
            }
            if !c.message.is_empty() {
                what.push_str(&format!(": {}", c.message));
            }
            let mut rules = causes_at(run, None, t, lang);
            if rules.is_empty() {
                let rule = Rule::ConditionNow {
                    condition: condition.as_str(),
                    status: c.status,
                };
                rules.push(rule.text(lang));
            }
            (t, None, what, rules)
        }
    };
    // A container that failed says so in its own words (its last line of output).
    let mut rules = rules;
    let failed_exit = match pick {
        Pick::Event(i) => run.events().get(i).is_some_and(|e| exited_non_zero(&e.cause)),
        Pick::Flow(i) => run.flow().get(i).is_some_and(|f| exited_non_zero(&f.cause)),
        Pick::State { container, index } => run
            .timeline(container)
            .and_then(|tl| tl.states.get(index))
            .is_some_and(|(_, s)| matches!(s, CState::Terminated(x) if x.exit_code != 0)),
        _ => false,
    };
    if let (true, Some(c)) = (failed_exit, container) {
        for r in own_words(run, c, t) {
            rules.push(r.text(lang));
        }
    }
    // An event or flow step is preceded by what came before it at the same instant; a state,
    // probe run, phase or condition is explained by everything at its instant.
    let before = match pick {
        Pick::Event(i) => (t, run.events().get(i).map_or(0, |e| e.seq)),
        Pick::Flow(i) => (t, run.flow().get(i).map_or(0, |f| f.seq)),
        _ => (t, u32::MAX),
    };
    let own = rules.join(" → ");
    let mut steps = history(run, container, before, lang);
    // What the headline already says is not repeated as a step.
    steps.retain(|s| !(s.t == t && own.contains(&s.why)));
    Some(Why {
        t,
        container,
        what,
        rules,
        steps,
    })
}

fn exited_non_zero(cause: &Cause) -> bool {
    cause
        .0
        .iter()
        .any(|r| matches!(r, Rule::ProgramExited { code } if *code != 0))
}

/// What a container that failed at `t` printed last (`kubectl logs`, at most 200 characters),
/// and, when busybox `sh` could not open the script it was given, what `sh c` meant.
fn own_words(run: &Run, container: usize, t: SimTime) -> Vec<Rule> {
    let Some(logs) = run.logs(container, t, false) else {
        return Vec::new();
    };
    let Some(line) = logs.lines().rev().find(|l| !l.trim().is_empty()) else {
        return Vec::new();
    };
    let mut out = vec![Rule::LastOutput {
        line: line.chars().take(200).collect(),
    }];
    let missing = line
        .strip_prefix("sh: can't open '")
        .and_then(|rest| rest.split('\'').next());
    if let Some(file) = missing.filter(|f| !f.is_empty() && !f.contains('/')) {
        out.push(Rule::ShScriptMissing {
            file: file.to_string(),
        });
    }
    out
}

/// The attempts of `container`'s program that failed in `[from, to)` (an init container's
/// `nslookup` of a Service that does not exist, a request nobody answers), if any.
fn failed_attempts(run: &Run, container: usize, from: SimTime, to: SimTime) -> Option<Rule> {
    let conns = run.connections();
    let start = conns.partition_point(|c| c.t < from);
    let mut failed = 0;
    let mut last = None;
    for c in conns.iter().skip(start).take_while(|c| c.t < to) {
        if c.from == container && !c.result.is_ok() {
            failed += 1;
            last = Some(c);
        }
    }
    let c = last?;
    Some(Rule::FailedAttempts {
        failed,
        last: format!("{}:{} {}", c.host, c.port, c.result.text()),
    })
}

/// The rules of every event and flow step at exactly `t` that concern `container` (for a pod-level
/// pick, every item at `t`), without repeats.
fn causes_at(run: &Run, container: Option<usize>, t: SimTime, lang: Lang) -> Vec<String> {
    let mut rules: Vec<String> = Vec::new();
    let mut add = |c: &Cause| {
        for r in rule_texts(c, lang) {
            if !rules.contains(&r) {
                rules.push(r);
            }
        }
    };
    let flow = run.flow();
    let from = flow.partition_point(|f| f.t < t);
    for f in flow.iter().skip(from).take_while(|f| f.t == t) {
        if container.is_none() || f.container == container {
            add(&f.cause);
        }
    }
    let events = run.events();
    let from = events.partition_point(|e| e.t < t);
    for e in events.iter().skip(from).take_while(|e| e.t == t) {
        if container.is_none() || e.container == container {
            add(&e.cause);
        }
    }
    rules
}

/// The latest event at or before `t`.
pub fn latest_event(run: &Run, t: SimTime) -> Option<Pick> {
    run.events_until(t).len().checked_sub(1).map(Pick::Event)
}

/// What the "why" panel explains when nothing is chosen: the latest thing that happened at or
/// before `t`, the step the creation flow shows as current (a flow step, or a warning event
/// the flow lists among them), or an event after it.
pub fn latest_pick(run: &Run, t: SimTime) -> Option<Pick> {
    let flow = run.flow();
    let step = flow.partition_point(|f| f.t <= t).checked_sub(1);
    let event = run.events_until(t).len().checked_sub(1);
    let event_t = event.and_then(|i| run.events().get(i));
    match (step.and_then(|i| Some((i, flow.get(i)?))), event_t) {
        (None, None) => None,
        (Some((i, _)), None) => Some(Pick::Flow(i)),
        (None, Some(_)) => event.map(Pick::Event),
        (Some((i, f)), Some(e)) => {
            // The flow lists warning events among its steps, in the order of recording; a
            // normal event at the step's instant says what the step says.
            let event_later =
                e.t > f.t || (e.t == f.t && e.event_type == EventType::Warning && e.seq > f.seq);
            if event_later {
                event.map(Pick::Event)
            } else {
                Some(Pick::Flow(i))
            }
        }
    }
}

/// The container state span under `t`.
pub fn pick_state(run: &Run, container: usize, t: SimTime) -> Option<Pick> {
    let tl = run.timeline(container)?;
    let index = tl.states.index_at(t)?;
    Some(Pick::State { container, index })
}

/// The probe run of `kind` nearest to `t`, within `tolerance`.
pub fn pick_probe(
    run: &Run,
    container: usize,
    kind: ProbeKind,
    t: SimTime,
    tolerance: u64,
) -> Option<Pick> {
    let ticks = probes_of(run, container, kind);
    let i = ticks.partition_point(|p| p.t < t);
    let best = [i.checked_sub(1), Some(i)]
        .into_iter()
        .flatten()
        .filter_map(|k| Some((k, ticks.get(k)?.t.0.abs_diff(t.0))))
        .min_by_key(|(_, d)| *d)?;
    (best.1 <= tolerance).then_some(Pick::Probe {
        container,
        kind,
        index: best.0,
    })
}

/// The phase span under `t`.
pub fn pick_phase(run: &Run, t: SimTime) -> Option<Pick> {
    run.phase_track().index_at(t).map(Pick::Phase)
}

/// The condition span under `t`.
pub fn pick_condition(run: &Run, condition: ConditionType, t: SimTime) -> Option<Pick> {
    run.condition_track(condition)
        .index_at(t)
        .map(|index| Pick::Condition { condition, index })
}

/// The event nearest to `t` within `tolerance`.
pub fn pick_event(run: &Run, t: SimTime, tolerance: u64) -> Option<Pick> {
    let events = run.events();
    let i = events.partition_point(|e| e.t < t);
    [i.checked_sub(1), Some(i)]
        .into_iter()
        .flatten()
        .filter_map(|k| Some((k, events.get(k)?.t.0.abs_diff(t.0))))
        .filter(|(_, d)| *d <= tolerance)
        .min_by_key(|(_, d)| *d)
        .map(|(k, _)| Pick::Event(k))
}

/// The time a pick refers to.
pub fn pick_time(run: &Run, pick: Pick) -> Option<SimTime> {
    match pick {
        Pick::Event(i) => run.events().get(i).map(|e| e.t),
        Pick::Flow(i) => run.flow().get(i).map(|f| f.t),
        Pick::Probe {
            container,
            kind,
            index,
        } => probes_of(run, container, kind).get(index).map(|p| p.t),
        Pick::State { container, index } => {
            run.timeline(container)?.states.get(index).map(|(t, _)| t)
        }
        Pick::Phase(i) => run.phase_track().get(i).map(|(t, _)| t),
        Pick::Condition { condition, index } => {
            run.condition_track(condition).get(index).map(|(t, _)| t)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use crate::analyze::analyze;
    use crate::sim::view_input::{play_input, PlayInput};
    use crate::sim::{simulate, Options};

    fn play(src: &str) -> (World, Run) {
        let PlayInput::Play { world, .. } = play_input(&analyze(src)) else {
            panic!("plays")
        };
        let run = simulate(&world, &Options::default());
        (*world, run)
    }

    const CRASH: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: crash\nspec:\n  containers:\n  - name: app\n    image: busybox:1.36\n    command: [\"sh\", \"-c\", \"sleep 3; exit 1\"]\n    resources:\n      limits:\n        memory: 64Mi\n";

    const LIVENESS: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: live\nspec:\n  containers:\n  - name: liveness\n    image: busybox\n    args: [/bin/sh, -c, \"touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600\"]\n    livenessProbe:\n      exec:\n        command: [cat, /tmp/healthy]\n      initialDelaySeconds: 5\n      periodSeconds: 5\n";

    #[test]
    fn marks_step_between_events_and_flow_steps() {
        let (_, run) = play(CRASH);
        let m = Marks::of(&run);
        let times = m.times();
        assert!(times.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(times.first(), Some(&SimTime::ZERO), "kubectl's POST");
        assert_eq!(m.prev(SimTime::ZERO), None);
        let second = times[1];
        assert_eq!(m.next(SimTime::ZERO), Some(second));
        assert_eq!(m.next(SimTime(1)), Some(second));
        assert_eq!(m.prev(second), Some(SimTime::ZERO));
        let last = *times.last().unwrap();
        assert_eq!(m.next(last), None);
        assert_eq!(m.prev(run.end()), Some(last));
        for e in run.events() {
            assert!(times.binary_search(&e.t).is_ok());
        }
    }

    #[test]
    fn crash_loop_spans_restarts_and_limits() {
        let (world, run) = play(CRASH);
        let tl = run.timeline(0).unwrap();
        let spans = track_spans(tl.states, run.end());
        assert_eq!(spans.len(), tl.states.len());
        assert!(spans.windows(2).all(|w| w[0].1 == w[1].0));
        assert_eq!(spans.last().unwrap().1, run.end());
        let kinds: Vec<StateKind> = tl.states.iter().map(|(_, s)| StateKind::of(s)).collect();
        assert_eq!(kinds.first(), Some(&StateKind::Waiting));
        assert!(kinds.contains(&StateKind::Running));
        assert!(kinds.contains(&StateKind::Failed));
        assert!(kinds.contains(&StateKind::BackOff));
        let labels: Vec<String> = tl.states.iter().map(|(_, s)| state_label(s)).collect();
        assert!(labels.iter().any(|l| l == "Error (1)"), "{labels:?}");
        assert!(labels.iter().any(|l| l == "CrashLoopBackOff"), "{labels:?}");
        let restarts = restart_times(&run, 0);
        assert!(restarts.len() >= 4, "{restarts:?}");
        assert!(restarts.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(memory_limits(&world), vec![Some(64 * 1024 * 1024)]);
    }

    #[test]
    fn event_rows_match_kubectl_describe_at_every_time() {
        let (_, run) = play(CRASH);
        let groups = EventGroups::of(&run);
        for t in [0u64, 3_000, 20_000, 100_000, 300_000] {
            let t = SimTime(t);
            let rows = groups.rows_at(&run, t);
            let table = crate::sim::printer::events_table(&run, t);
            let printed = table
                .lines()
                .filter(|l| l.starts_with("  Normal") || l.starts_with("  Warning"))
                .count();
            assert_eq!(rows.len(), printed, "at {t}: {table}");
            assert!(rows.windows(2).all(|w| w[0].last <= w[1].last));
            for r in &rows {
                let e = &run.events()[r.index];
                assert!(table.contains(e.reason), "{table}");
                assert!(r.first <= r.last && r.last <= t);
            }
        }
        let end = groups.rows_at(&run, run.end());
        let backoff = end
            .iter()
            .find(|r| run.events()[r.index].reason == "BackOff")
            .expect("a BackOff row");
        assert!(backoff.count >= 3, "{backoff:?}");
        let started = &run.events()[end
            .iter()
            .find(|r| run.events()[r.index].reason == "Started")
            .unwrap()
            .index];
        assert_eq!(
            event_message(&run, started),
            "spec.containers{app}: Container started"
        );
    }

    #[test]
    fn why_explains_a_liveness_kill_with_the_steps_that_led_to_it() {
        let (_, run) = play(LIVENESS);
        let killing = run
            .events()
            .iter()
            .position(|e| e.reason == "Killing")
            .expect("killed by its liveness probe");
        let w = why(&run, Pick::Event(killing), Lang::En).unwrap();
        assert_eq!(w.container, Some(0));
        assert!(
            w.what
                .starts_with("Normal Killing: spec.containers{liveness}: "),
            "{}",
            w.what
        );
        assert_eq!(
            w.rules.join(" → "),
            "3 consecutive liveness failures (failureThreshold 3) → container killed for its liveness probe → restartPolicy Always → restart"
        );
        let said: Vec<&str> = w.steps.iter().map(|s| s.why.as_str()).collect();
        assert!(
            said.contains(&"liveness probe failure 1 of failureThreshold 3"),
            "{said:?}"
        );
        // What the kill caused (SIGTERM) comes after it and did not lead to it; the threshold
        // reached at the same instant is already the headline's first rule.
        assert_eq!(
            said.last(),
            Some(&"liveness probe failure 2 of failureThreshold 3"),
            "{said:?}"
        );
        assert!(w.steps.windows(2).all(|s| s[0].t <= s[1].t));
        assert!(w.steps.iter().all(|s| s.t <= w.t));
        let zh = why(&run, Pick::Event(killing), Lang::Zh).unwrap();
        assert_eq!(
            zh.rules.get(1).map(String::as_str),
            Some("存活探针失败，容器被杀死")
        );

        // The probe run that reached the threshold.
        let ticks = run.timeline(0).unwrap().probes[1];
        let k = ticks.iter().position(|p| p.changed && !p.ok).unwrap();
        let p = pick_probe(
            &run,
            0,
            ProbeKind::Liveness,
            SimTime(ticks[k].t.0 + 300),
            500,
        );
        assert_eq!(
            p,
            Some(Pick::Probe {
                container: 0,
                kind: ProbeKind::Liveness,
                index: k
            })
        );
        let w = why(&run, p.unwrap(), Lang::En).unwrap();
        assert_eq!(w.what, "Liveness probe: Failure");
        assert_eq!(
            w.rules.first().map(String::as_str),
            Some("3 consecutive liveness failures (failureThreshold 3)")
        );
        assert!(w
            .rules
            .contains(&"container killed for its liveness probe".to_string()));
        let ok = ticks.iter().position(|p| p.ok && !p.changed).unwrap();
        let w = why(
            &run,
            Pick::Probe {
                container: 0,
                kind: ProbeKind::Liveness,
                index: ok,
            },
            Lang::En,
        )
        .unwrap();
        assert!(
            w.rules[0].starts_with("liveness probe succeeded ("),
            "{:?}",
            w.rules
        );
        assert_eq!(
            pick_probe(&run, 0, ProbeKind::Liveness, SimTime(1), 100),
            None
        );
    }

    #[test]
    fn picks_find_spans_and_stale_picks_explain_nothing() {
        let (_, run) = play(CRASH);
        let t = SimTime(200_000);
        let Some(Pick::State { container, index }) = pick_state(&run, 0, t) else {
            panic!("a state under t")
        };
        let w = why(&run, Pick::State { container, index }, Lang::En).unwrap();
        assert!(w.t <= t);
        assert!(w.what.starts_with("app: "), "{}", w.what);
        assert!(pick_phase(&run, t).is_some());
        assert!(pick_condition(&run, ConditionType::Ready, t).is_some());
        let p = pick_phase(&run, t).unwrap();
        assert!(why(&run, p, Lang::Zh).unwrap().what.starts_with("phase: "));
        assert_eq!(pick_time(&run, p), Some(why(&run, p, Lang::En).unwrap().t));
        assert_eq!(why(&run, Pick::Event(99_999), Lang::En), None);
        assert_eq!(
            why(
                &run,
                Pick::State {
                    container: 7,
                    index: 0
                },
                Lang::En
            ),
            None
        );
        let last = latest_event(&run, t).unwrap();
        let Pick::Event(i) = last else { panic!() };
        assert!(run.events()[i].t <= t);
        assert!(run.events().get(i + 1).is_none_or(|e| e.t > t));
        assert_eq!(latest_event(&run, SimTime::ZERO), None);
        let near = pick_event(&run, SimTime(run.events()[i].t.0 + 10), 50);
        assert!(matches!(near, Some(Pick::Event(_))));
        // A BackOff event names the back-off delay.
        let b = run
            .events()
            .iter()
            .position(|e| e.reason == "BackOff")
            .unwrap();
        let w = why(&run, Pick::Event(b), Lang::En).unwrap();
        assert_eq!(
            w.rules.join(" → "),
            "the container's main process exited with 1 → restartPolicy Always → restart → restart after 10s back-off → the phase stays Running: a container that will be restarted does not finish the pod, so a crash loop shows in the container's state (CrashLoopBackOff) and in RESTARTS, not in the phase"
        );
    }

    #[test]
    fn a_state_in_one_word() {
        assert_eq!(
            state_word(&CState::waiting("CrashLoopBackOff")),
            "CrashLoopBackOff"
        );
        assert_eq!(
            state_word(&CState::Running {
                started_at: SimTime(0)
            }),
            "Running"
        );
    }
}
