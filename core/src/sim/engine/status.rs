//! The kubelet's status manager: container states before they run, `started`/`ready`, the pod's
//! phase (`getPhase` in `pkg/kubelet/kubelet_pods.go`) and its five conditions.

use super::{Engine, Life};
use crate::model::RestartPolicy;
use crate::sim::run::*;

impl Engine<'_> {
    pub(super) fn update_status(&mut self) {
        let now = self.now;
        let Some(_) = self.kubelet_seen else { return };
        if self.rejected {
            // kubelet.go rejectPod sets only phase, reason and message: no container statuses,
            // no kubelet conditions.
            return;
        }
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
                    crate::diag::Text::new(
                        format!("the pod is {}", phase.as_str()),
                        format!("Pod 进入 {}", phase.as_str()),
                    ),
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

    /// The pod's phase: `getPhase` (pkg/kubelet/kubelet_pods.go) over the container statuses,
    /// then the status manager's `mergePodStatus` (pkg/kubelet/status/status_manager.go), which
    /// delays a terminal phase while containers may still run ("Delaying pod status update until
    /// pod has no running containers"). A running sidecar counts as running, so a pod whose app
    /// containers have finished stays Running until its sidecars have stopped.
    fn phase(&self) -> Phase {
        if !self.sandbox_ready && self.run.removed.is_none() && !self.deleting {
            return Phase::Pending;
        }
        let new = self.get_phase();
        let old = self.run.phase.last().copied().unwrap_or(Phase::Pending);
        let could_run = self.ctrs.iter().any(|c| c.program.is_some());
        if new.is_terminal() && !old.is_terminal() && could_run {
            return old;
        }
        // A container killed by its probe is started again by the same sync (SyncPod kills, then
        // starts): no status is generated until it runs again.
        let restarting = self.ctrs.iter().any(|c| c.restart_pending);
        if new.is_terminal() && restarting && !self.deleting {
            return old;
        }
        new
    }

    /// `getPhase`, reading each container's status (state and lastState) as the kubelet reports it.
    fn get_phase(&self) -> Phase {
        let policy = self.world.pod.restart_policy;
        // The pod worker passes podIsTerminal while it terminates the pod.
        let pod_is_terminal = self.deleting;
        let pod_has_initialized = self.was_initialized()
            || self
                .ctrs
                .iter()
                .any(|c| c.kind == ContainerKind::App && c.runs > 0);
        let (mut pending_regular_init, mut pending_sidecar, mut failed_init) = (0, 0, 0);
        let (mut unknown, mut running, mut waiting, mut stopped, mut succeeded) = (0, 0, 0, 0, 0);
        for (i, c) in self.ctrs.iter().enumerate() {
            let tr = self.run.ctr.get(i);
            let state = tr.and_then(|t| t.state.last());
            let last = tr
                .and_then(|t| t.last_state.last())
                .and_then(|l| l.as_ref());
            match c.kind {
                ContainerKind::Init => match state {
                    Some(CState::Running { .. }) | None => pending_regular_init += 1,
                    Some(CState::Terminated(t)) => {
                        if t.exit_code != 0 {
                            failed_init += 1;
                        }
                    }
                    Some(CState::Waiting { .. }) => match last {
                        Some(l) if l.exit_code != 0 => failed_init += 1,
                        Some(_) => {}
                        None => pending_regular_init += 1,
                    },
                },
                ContainerKind::Sidecar => match state {
                    None => unknown += 1,
                    Some(CState::Running { .. }) => {
                        if !c.started {
                            pending_sidecar += 1;
                        }
                        running += 1;
                    }
                    Some(CState::Terminated(_)) => {}
                    Some(CState::Waiting { .. }) => {
                        if last.is_none() {
                            pending_sidecar += 1;
                            waiting += 1;
                        }
                    }
                },
                ContainerKind::App => match state {
                    None => unknown += 1,
                    Some(CState::Running { .. }) => running += 1,
                    Some(CState::Terminated(t)) => {
                        stopped += 1;
                        if t.exit_code == 0 {
                            succeeded += 1;
                        }
                    }
                    Some(CState::Waiting { .. }) => {
                        if last.is_some() {
                            stopped += 1;
                        } else {
                            waiting += 1;
                        }
                    }
                },
            }
        }
        if failed_init > 0 && policy == RestartPolicy::Never {
            return Phase::Failed;
        }
        if pending_regular_init > 0 || (pending_sidecar > 0 && !pod_has_initialized) || waiting > 0
        {
            return Phase::Pending;
        }
        if running > 0 && unknown == 0 {
            return Phase::Running;
        }
        if running == 0 && stopped > 0 && unknown == 0 {
            if pod_is_terminal {
                return if stopped == succeeded {
                    Phase::Succeeded
                } else {
                    Phase::Failed
                };
            }
            if policy == RestartPolicy::Always {
                return Phase::Running;
            }
            if stopped == succeeded {
                return Phase::Succeeded;
            }
            if policy == RestartPolicy::Never {
                return Phase::Failed;
            }
            return Phase::Running;
        }
        Phase::Pending
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

    /// The kubelet's conditions (pkg/kubelet/status/generate.go): PodReadyToStartContainers
    /// (`PodSandboxNotReady` until the sandbox has its network), Initialized (`PodCompleted`
    /// only once the pod Succeeded), ContainersReady and Ready (`PodCompleted` / `PodFailed` in a
    /// terminal phase; Ready also needs every readiness gate, one message per gate).
    fn update_conditions(&mut self) {
        let now = self.now;
        let phase = self.run.phase.last().copied();
        let terminal = phase.is_some_and(|p| p.is_terminal());
        let ready_to_start = self.sandbox_ready;
        self.run
            .condition_track_mut(ConditionType::PodReadyToStartContainers)
            .set(
            now,
            Condition {
                status: ready_to_start,
                reason: if ready_to_start {
                    ""
                } else {
                    "PodSandboxNotReady"
                },
                message: String::new(),
            },
        );
        let init = if phase == Some(Phase::Succeeded) && !self.world.pod.init_containers.is_empty()
        {
            Condition {
                status: true,
                reason: "PodCompleted",
                message: String::new(),
            }
        } else if self.was_initialized() || self.initialized() {
            Condition {
                status: true,
                reason: "",
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
                reason: if phase == Some(Phase::Failed) {
                    "PodFailed"
                } else {
                    "PodCompleted"
                },
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
        let ready = if terminal || !cr || self.run.gates.is_empty() {
            containers_ready.clone()
        } else {
            // No controller sets a gate's condition in the playground: each is missing.
            let messages: Vec<String> = self
                .run
                .gates
                .iter()
                .map(|g| {
                    format!("corresponding condition of pod readiness gate \"{g}\" does not exist.")
                })
                .collect();
            Condition {
                status: false,
                reason: "ReadinessGatesNotReady",
                message: messages.join(", "),
            }
        };
        self.run
            .condition_track_mut(ConditionType::ContainersReady)
            .set(now, containers_ready);
        self.run
            .condition_track_mut(ConditionType::Ready)
            .set(now, ready);
    }
}
