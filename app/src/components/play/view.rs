//! What the pod views (flow, namespaces, network) share: their props and small formatting helpers.

use std::rc::Rc;

use podplay_core::diag::Lang;
use podplay_core::sim::{CState, Run, SimTime, World};
use yew::prelude::*;

/// A run, the world it was simulated from, and the playhead time. Props compare the run and world
/// by pointer (they change only when the manifest does), so a new time redraws without comparing
/// whole runs.
#[derive(Properties, Clone)]
pub struct PodViewProps {
    pub run: Rc<Run>,
    pub world: Rc<World>,
    pub t: SimTime,
    pub lang: Lang,
}

impl PartialEq for PodViewProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.run, &o.run)
            && Rc::ptr_eq(&self.world, &o.world)
            && self.t == o.t
            && self.lang == o.lang
    }
}

/// `4.870s`, without float formatting.
pub fn secs(t: SimTime) -> String {
    format!("{}.{:03}s", t.0 / 1000, t.0 % 1000)
}

/// English or Chinese.
pub fn tr(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// A container's state in a word (`Running`, `CrashLoopBackOff`, `Completed`), and the CSS class
/// of its colour (`run`, `wait`, `done`, `fail`).
pub fn state_word(state: Option<&CState>) -> (&'static str, &'static str) {
    match state {
        None => ("-", "none"),
        Some(CState::Running { .. }) => ("Running", "run"),
        // ContainerCreating and PodInitializing are the way to running; every other waiting
        // reason (CrashLoopBackOff, ErrImagePull, CreateContainerConfigError, …) is a failure.
        Some(CState::Waiting { reason, .. }) => (
            reason,
            if matches!(*reason, "ContainerCreating" | "PodInitializing") {
                "wait"
            } else {
                "fail"
            },
        ),
        Some(CState::Terminated(t)) => (t.reason, if t.exit_code == 0 { "done" } else { "fail" }),
    }
}
