//! Deleting the pod (`kubectl delete pod`): `deletionTimestamp`, the kubelet stops the app
//! containers in parallel (preStop, SIGTERM, SIGKILL after the grace period), then the sidecars
//! in reverse order, removes the sandbox, and the API server removes the object. Also the
//! sidecars' stop when every app container has finished for good.

use super::{Engine, Ev, Life, StopReason};
use crate::sim::rules::{Cause, Rule};
use crate::sim::run::*;
use crate::sim::timing;

impl Engine<'_> {
    pub(super) fn delete(&mut self) {
        if self.run.removed.is_some() || self.deleting {
            return;
        }
        let grace = self.world.pod.termination_grace_period_seconds;
        self.deleting = true;
        self.run.deletion = Some(self.now);
        self.chain.clear();
        self.flow(
            Component::Kubectl,
            None,
            format!(
                "DELETE /api/v1/namespaces/{}/pods/{} (grace period {grace}s)",
                self.world.pod.meta.namespace, self.world.pod.meta.name
            ),
            Cause::new(Rule::Deleted {
                grace_seconds: grace,
            }),
        );
        self.status_dirty = true;
        if self.kubelet_seen.is_none()
            || self.run.phase.last().is_some_and(|p| p.is_terminal()) && !self.any_running()
        {
            // No kubelet runs it (or nothing is left running): the object goes at once.
            if self.sandbox_ready {
                self.after(timing::SANDBOX_STOP_MS, Ev::SandboxStop);
            } else {
                self.after(timing::API_DELETE_MS, Ev::ApiDelete);
            }
            return;
        }
        self.after(timing::KUBELET_WATCH_MS, Ev::KubeletKill);
    }

    fn any_running(&self) -> bool {
        self.ctrs.iter().any(|c| c.program.is_some())
    }

    pub(super) fn kubelet_kill(&mut self) {
        let grace = self.world.pod.termination_grace_period_seconds;
        let node = self.node_name();
        self.flow(
            Component::Kubelet,
            None,
            format!("the kubelet on {node} sees the deletion: it stops the app containers, then the sidecars"),
            Cause::new(Rule::Deleted { grace_seconds: grace }),
        );
        let mut any = false;
        for i in 0..self.ctrs.len() {
            let Some(c) = self.ctrs.get(i) else { continue };
            if c.kind != ContainerKind::Sidecar && c.program.is_some() {
                any = true;
                self.stop_container(i, StopReason::Deletion, grace);
            }
        }
        if !any {
            self.stop_next_sidecar();
        }
    }

    /// A container stopped during deletion (or after the app containers finished).
    pub(super) fn stopped_for_deletion(&mut self, _i: usize) {
        let apps_running = self
            .ctrs
            .iter()
            .any(|c| c.kind != ContainerKind::Sidecar && c.program.is_some());
        if apps_running {
            return;
        }
        if self
            .ctrs
            .iter()
            .any(|c| c.kind == ContainerKind::Sidecar && c.stopping.is_some())
        {
            return;
        }
        self.stop_next_sidecar();
    }

    /// Sidecars stop one at a time, the last declared first; then the sandbox goes.
    fn stop_next_sidecar(&mut self) {
        let next = (0..self.ctrs.len()).rev().find(|&i| {
            self.ctrs
                .get(i)
                .is_some_and(|c| c.kind == ContainerKind::Sidecar && c.program.is_some())
        });
        match next {
            Some(i) => {
                let name = self.name(i).to_string();
                self.flow(
                    Component::Kubelet,
                    Some(i),
                    format!("stop sidecar {name}"),
                    Cause::new(Rule::SidecarOrder),
                );
                let grace = self.remaining_grace();
                self.stop_container(i, StopReason::Deletion, grace);
            }
            None => {
                if self.deleting {
                    self.after(timing::SANDBOX_STOP_MS, Ev::SandboxStop);
                }
            }
        }
    }

    /// What is left of the pod's grace period since the deletion (at least 2 s).
    fn remaining_grace(&self) -> i64 {
        let grace = self.world.pod.termination_grace_period_seconds;
        let since = self
            .run
            .deletion
            .map_or(0, |d| self.now.0.saturating_sub(d.0) / 1000) as i64;
        (grace - since).max(timing::MIN_GRACE_S)
    }

    /// Every app container finished for good (restartPolicy Never/OnFailure): the kubelet stops
    /// the sidecars, in reverse order.
    pub(super) fn stop_sidecars_after_apps(&mut self) {
        if self.deleting {
            return;
        }
        self.stop_running_sidecars();
    }

    pub(super) fn stop_running_sidecars(&mut self) {
        let running_sidecar = self.ctrs.iter().any(|c| {
            c.kind == ContainerKind::Sidecar && c.program.is_some() && c.stopping.is_none()
        });
        let stopping = self
            .ctrs
            .iter()
            .any(|c| c.kind == ContainerKind::Sidecar && c.stopping.is_some());
        if running_sidecar && !stopping {
            self.stop_next_sidecar();
        }
    }

    pub(super) fn sandbox_stop(&mut self) {
        self.flow(
            Component::Cri,
            None,
            "StopPodSandbox and RemovePodSandbox: CNI DEL releases the pod IP, the pause container and the pod's namespaces are gone".into(),
            Cause::new(Rule::SandboxRemoved),
        );
        self.sandbox_ready = false;
        self.pod_ip = None;
        self.run.pod_ip.set(self.now, None);
        self.run.pause_ns.set(self.now, None);
        for i in 0..self.ctrs.len() {
            if let Some(tr) = self.run.ctr.get_mut(i) {
                tr.ns.set(self.now, None);
            }
        }
        self.status_dirty = true;
        self.update_status();
        if self.deleting {
            self.after(timing::API_DELETE_MS, Ev::ApiDelete);
        }
    }

    pub(super) fn api_delete(&mut self) {
        self.run.removed = Some(self.now);
        self.flow(
            Component::ApiServer,
            None,
            "the kubelet confirms (grace period 0): the API server deletes the Pod from etcd"
                .into(),
            Cause::none(),
        );
        self.terminal = true;
    }

    /// activeDeadlineSeconds: every running container is stopped with the pod's grace period.
    pub(super) fn stop_all(&mut self, reason: StopReason, grace: i64) {
        for i in 0..self.ctrs.len() {
            if self
                .ctrs
                .get(i)
                .is_some_and(|c| c.program.is_some() && c.life != Life::Exited)
            {
                self.stop_container(i, reason, grace);
            }
        }
    }
}
