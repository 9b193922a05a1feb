//! The kubelet's status manager: container states before they run, `started`/`ready`, the pod's
//! phase (`getPhase` in `pkg/kubelet/kubelet_pods.go`) and its five conditions.

use super::{Engine, Life};
use crate::model::RestartPolicy;
use crate::sim::run::*;

impl Engine<'_> {
    pub(super) fn update_status(&mut self) {
        let now = self.now;
        let Some(_) = self.kubelet_seen else { return };
        let has_init = !self.world.pod.init_containers.is_empty();
        // Default waiting states of containers the kubelet has not created yet.
        for (i, c) in self.ctrs.iter().enumerate() {
            let Some(tr) = self.run.ctr.get_mut(i) else {
                continue;
            };
            if c.runs == 0 && tr.state.is_empty() {
                let reason = if c.kind != ContainerKind::App || has_init {
                    "PodInitializing"
                } else {
                    "ContainerCreating"
                };
                tr.state.set(now, CState::waiting(reason));
            }
            tr.started.set(now, c.started);
            tr.ready.set(now, c.ready);
        }
        if !self.terminal || self.run.phase.last().is_some_and(|p| !p.is_terminal()) {
            let phase = self.phase();
            self.run.phase.set(now, phase);
            if phase.is_terminal() && !self.deleting {
                self.terminal = true;
                let succeeded = phase == Phase::Succeeded;
                self.flow(
                    Component::Kubelet,
                    None,
                    format!("the pod is {}", phase.as_str()),
                    crate::sim::rules::Cause::new(crate::sim::rules::Rule::PodTerminal {
                        succeeded,
                    }),
                );
                self.stop_running_sidecars();
            }
        }
        self.update_conditions();
    }

    pub(super) fn initialized(&self) -> bool {
        self.ctrs.iter().all(|c| match c.kind {
            ContainerKind::Init => {
                c.last_exit.as_ref().is_some_and(|t| t.exit_code == 0) && c.life == Life::Exited
            }
            ContainerKind::Sidecar => c.runs > 0 && (c.started || self.was_initialized()),
            ContainerKind::App => true,
        })
    }

    fn was_initialized(&self) -> bool {
        self.run
            .conditions
            .get(ConditionType::Initialized.index())
            .and_then(|t| t.last())
            .is_some_and(|c| c.status)
    }

    fn phase(&self) -> Phase {
        if !self.sandbox_ready && self.run.removed.is_none() && !self.deleting {
            return Phase::Pending;
        }
        let policy = self.world.pod.restart_policy;
        let mut pending_init = 0;
        let mut failed_init = 0;
        for c in &self.ctrs {
            match c.kind {
                ContainerKind::Init => {
                    let done = c.life == Life::Exited
                        && c.last_exit.as_ref().is_some_and(|t| t.exit_code == 0);
                    if !done && !self.was_initialized() {
                        pending_init += 1;
                        if c.life == Life::Exited {
                            failed_init += 1;
                        }
                    }
                }
                ContainerKind::Sidecar => {
                    if !c.started && !self.was_initialized() {
                        pending_init += 1;
                    }
                }
                ContainerKind::App => {}
            }
        }
        if pending_init > 0 && failed_init > 0 && policy == RestartPolicy::Never {
            return Phase::Failed;
        }
        if pending_init > 0 {
            return Phase::Pending;
        }
        let (mut running, mut waiting, mut stopped, mut succeeded) = (0, 0, 0, 0);
        for c in self.ctrs.iter().filter(|c| c.kind == ContainerKind::App) {
            match c.life {
                Life::Running => running += 1,
                Life::Exited => {
                    stopped += 1;
                    if c.last_exit.as_ref().is_some_and(|t| t.exit_code == 0) {
                        succeeded += 1;
                    }
                }
                Life::Waiting | Life::Starting | Life::PostStart if c.last_exit.is_some() => {
                    stopped += 1
                }
                _ => waiting += 1,
            }
        }
        if self.deleting && self.run.removed.is_none() && !self.sandbox_ready {
            // The kubelet has stopped everything: the terminal phase it reports before the
            // object goes away.
            return if stopped == succeeded {
                Phase::Succeeded
            } else {
                Phase::Failed
            };
        }
        if self.deleting && self.sandbox_ready {
            // Terminating: the phase stays until the kubelet has stopped everything.
            return self.run.phase.last().copied().unwrap_or(Phase::Pending);
        }
        if waiting > 0 {
            Phase::Pending
        } else if running > 0 {
            Phase::Running
        } else if stopped > 0 {
            if policy == RestartPolicy::Always && !self.deleting {
                Phase::Running
            } else if stopped == succeeded {
                Phase::Succeeded
            } else if policy == RestartPolicy::Never || self.deleting {
                Phase::Failed
            } else {
                Phase::Running
            }
        } else {
            Phase::Pending
        }
    }

    fn unready(&self, include_sidecars: bool) -> Vec<String> {
        self.ctrs
            .iter()
            .filter(|c| {
                c.kind == ContainerKind::App
                    || (include_sidecars && c.kind == ContainerKind::Sidecar)
            })
            .filter(|c| !c.ready)
            .map(|c| c.spec.name.clone())
            .collect()
    }

    fn update_conditions(&mut self) {
        let now = self.now;
        let terminal = self.run.phase.last().is_some_and(|p| p.is_terminal());
        let ready_to_start = self.sandbox_ready;
        self.run
            .condition_track_mut(ConditionType::PodReadyToStartContainers)
            .set(
                now,
                Condition {
                    status: ready_to_start,
                    reason: "",
                    message: String::new(),
                },
            );
        let init = if self.was_initialized() || self.initialized() {
            Condition {
                status: true,
                reason: if terminal && !self.world.pod.init_containers.is_empty() {
                    "PodCompleted"
                } else {
                    ""
                },
                message: String::new(),
            }
        } else {
            let incomplete: Vec<String> = self
                .ctrs
                .iter()
                .filter(|c| match c.kind {
                    ContainerKind::Init => {
                        !(c.life == Life::Exited
                            && c.last_exit.as_ref().is_some_and(|t| t.exit_code == 0))
                    }
                    ContainerKind::Sidecar => !c.started,
                    ContainerKind::App => false,
                })
                .map(|c| c.spec.name.clone())
                .collect();
            Condition {
                status: false,
                reason: "ContainersNotInitialized",
                message: format!(
                    "containers with incomplete status: [{}]",
                    incomplete.join(" ")
                ),
            }
        };
        self.run
            .condition_track_mut(ConditionType::Initialized)
            .set(now, init);
        let unready = self.unready(true);
        let containers_ready = if terminal {
            Condition {
                status: false,
                reason: "PodCompleted",
                message: String::new(),
            }
        } else if unready.is_empty() {
            Condition {
                status: true,
                reason: "",
                message: String::new(),
            }
        } else {
            Condition {
                status: false,
                reason: "ContainersNotReady",
                message: format!("containers with unready status: [{}]", unready.join(" ")),
            }
        };
        let cr = containers_ready.status;
        let ready = if terminal || !cr {
            containers_ready.clone()
        } else if let Some(g) = self.run.gates.first() {
            Condition {
                status: false,
                reason: "ReadinessGatesNotReady",
                message: format!(
                    "corresponding condition of pod readiness gate \"{g}\" does not exist."
                ),
            }
        } else {
            containers_ready.clone()
        };
        self.run
            .condition_track_mut(ConditionType::ContainersReady)
            .set(now, containers_ready);
        self.run
            .condition_track_mut(ConditionType::Ready)
            .set(now, ready);
    }
}
