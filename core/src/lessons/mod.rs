//! The Learn section's course: lessons in order, their tasks, and the checks that decide whether a
//! learner's manifest (or prediction) meets a task — against core's own analysis
//! ([`crate::analyze::analyze`]), what `kubectl create -f` would create
//! ([`crate::sim::view_input::play_input`]) and the simulated run ([`crate::sim::simulate`]).
//!
//! - [`course`]: the lessons and tasks as data (ids, titles, starting manifests, criteria).
//! - `criteria`: one small predicate per kind of criterion, each with the hint ladder (a nudge,
//!   more, the solution) for the mistake it sees, in English and Chinese.
//! - `predict`: what a prediction is compared with (RESTARTS at 90 s, the phase at 12 s, …).
//! - [`content`]: the format of the lesson texts (`static/lessons/<id>.lesson`), which are data
//!   files loaded when a lesson is opened, not compiled in.
//!
//! A check never fails: any text (invalid YAML, another kind, several documents, megabytes) gives
//! a [`Report`]; when the API server would refuse the Pod, the hint is its error.

pub mod content;
pub mod course;
mod criteria;
mod predict;

use crate::analyze::{analyze, Analysis};
use crate::diag::{Lang, Text};
use crate::examples::Words;
use crate::model::NodeInfo;
use crate::sim::view_input::{play_input, PlayInput};
use crate::sim::{simulate, Options, Run, SimTime, World};

pub use course::{lesson, lessons, task, tasks, Cluster, Lesson, Task, TaskKind};
pub use criteria::Criterion;
pub use predict::{is_right, measure, Answers, Measure, Measured, Question};

/// A task's goal: criteria on the learner's manifest, or a prediction compared with the
/// simulation of the task's own manifest.
#[derive(Clone, Copy, Debug)]
pub enum Goal {
    Criteria(&'static [Check]),
    Predict(&'static Question),
}

/// One criterion of a task, with the ladder to give when it is the first that fails (the
/// criterion's own ladder is used when `hint` is `None`).
#[derive(Clone, Copy, Debug)]
pub struct Check {
    pub criterion: Criterion,
    pub hint: Option<&'static [Words; 3]>,
}

/// Three hints, from a nudge to the solution, each saying why in plain words.
#[derive(Clone, Debug, PartialEq)]
pub struct Ladder {
    pub nudge: Text,
    pub more: Text,
    pub solution: Text,
}

impl Ladder {
    pub fn new(rungs: [Text; 3]) -> Ladder {
        let [nudge, more, solution] = rungs;
        Ladder {
            nudge,
            more,
            solution,
        }
    }

    pub(crate) fn from_words(w: &[Words; 3]) -> Ladder {
        let [a, b, c] = w;
        Ladder::new([
            Text::new(a.en, a.zh),
            Text::new(b.en, b.zh),
            Text::new(c.en, c.zh),
        ])
    }

    /// Rung 1 (nudge), 2 (more) or 3 (the solution); others are clamped.
    pub fn rung(&self, n: usize) -> &Text {
        match n {
            0 | 1 => &self.nudge,
            2 => &self.more,
            _ => &self.solution,
        }
    }
}

/// The result of one criterion.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckResult {
    /// A stable id (`api-accepts`, `kept-tomcat`, `sees-processes`).
    pub name: String,
    /// What the criterion asks, for the learner.
    pub title: Text,
    pub passed: bool,
    /// What was found (the measured value, the container's state, the API server's error).
    pub detail: Text,
}

/// The answer to "does this text (or prediction) meet the task?".
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub task: &'static str,
    pub passed: bool,
    pub checks: Vec<CheckResult>,
    /// The hints for the first criterion that failed; `None` when passed.
    pub hint: Option<Ladder>,
}

/// Checks `input` against the task `id`: a manifest for make-it-so and fix-it tasks, the
/// learner's answer for predict tasks. `None` when there is no such task.
pub fn check(id: &str, input: &str) -> Option<Report> {
    task(id).map(|t| check_task(t, input))
}

/// Checks `input` against a task.
pub fn check_task(task: &'static Task, input: &str) -> Report {
    match task.goal {
        Goal::Criteria(checks) => criteria::check(task, checks, input),
        Goal::Predict(q) => predict::check(task, q, input),
    }
}

/// The nodes a task's cluster has (`None`: the playground's default cluster).
pub fn cluster_nodes(cluster: Cluster) -> Option<Vec<NodeInfo>> {
    match cluster {
        Cluster::Default => None,
        Cluster::DiskTypes => Some(course::disktype_cluster()),
    }
}

/// What `kubectl create -f` of `text` would create, played on the task's cluster: what the play
/// area shows while a task with its own cluster is open, and what the checks simulate.
pub fn play_input_for(task: &Task, analysis: &Analysis) -> PlayInput {
    let mut input = play_input(analysis);
    if let (PlayInput::Play { world, .. }, Some(nodes)) = (&mut input, cluster_nodes(task.cluster))
    {
        use_nodes(world, nodes);
    }
    input
}

/// Replaces the world's nodes (the input's Node objects or the default cluster) with `nodes`.
pub fn use_nodes(world: &mut World, nodes: Vec<NodeInfo>) {
    if !nodes.is_empty() {
        world.nodes = nodes;
        world.default_nodes = false;
    }
}

/// The simulation options the play area uses while a task is open: the default length (or the
/// task's, when longer) and the task's `kubectl delete` time.
pub fn play_options_for(task: &Task) -> Options {
    let default = Options::default();
    Options {
        until: default.until.max(SimTime::from_secs(task.until_secs)),
        delete_at: task.delete_at_secs.map(SimTime::from_secs),
        ..Options::default()
    }
}

/// The simulation options a task's checks use.
pub fn options_for(task: &Task) -> Options {
    Options {
        until: SimTime::from_secs(task.until_secs),
        delete_at: task.delete_at_secs.map(SimTime::from_secs),
        ..Options::default()
    }
}

/// A text analysed and, when kubectl would create its Pod, played as the task plays it.
pub(crate) struct Played {
    pub analysis: Analysis,
    pub input: PlayInput,
    pub run: Option<Run>,
}

pub(crate) fn play(task: &Task, text: &str) -> Played {
    let analysis = analyze(text);
    let input = play_input_for(task, &analysis);
    let run = match &input {
        PlayInput::Play { world, .. } => Some(simulate(world, &options_for(task))),
        _ => None,
    };
    Played {
        analysis,
        input,
        run,
    }
}

/// The manifest with this id: a task's starting manifest, else a gallery example.
pub fn manifest(id: &str) -> Option<&'static str> {
    task(id)
        .map(|t| t.start_text())
        .or_else(|| crate::examples::by_id(id).map(|e| e.source))
}

/// Text in one language, for renderers.
pub fn words(w: Words, lang: Lang) -> &'static str {
    w.get(lang)
}
