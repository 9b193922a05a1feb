//! Deleting the pod (`kubectl delete pod`): `deletionTimestamp`, the kubelet kills every running
//! container at once (`killContainersWithSyncResult`: the `Killing` event and preStop for each),
//! and only the sidecars' SIGTERM waits its turn, after the app containers and the sidecars
//! declared after them (`terminationOrdering`); then it removes the sandbox, and the API server
//! removes the object. Also the sidecars' stop when every app container has finished for good
//! (computePodActions' `KillPod`), which follows the same order.

use crate::diag::Text;
use super::{Engine, Ev, Life, StopReason};
use crate::sim::rules::{Cause, Rule};
use crate::sim::run::*;
use crate::sim::timing;

impl Engine<'_> {
    pub(super) fn delete(&mut self) {
        if self.run.removed.is_some() || self.deleting {
            return;
        }
        let grace = self.deletion_grace();
        self.deleting = true;
        self.run.deletion = Some(self.now);
        self.run.grace_seconds = grace;
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
        if grace == 0 {
            // a forced deletion (`--grace-period=0 --force`): the API server removes the object
            // at once, without waiting for the kubelet (which may still be stopping containers)
            self.after(timing::API_DELETE_MS, Ev::ApiDelete);
            return;
        }
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

    /// The grace period of the deletion: the delete's own (`--grace-period`), else the pod's.
    fn deletion_grace(&self) -> i64 {
        self.opts.delete_grace.unwrap_or(self.world.pod.termination_grace_period_seconds)
    }

    fn any_running(&self) -> bool {
        self.ctrs.iter().any(|c| c.program.is_some())
    }

    pub(super) fn kubelet_kill(&mut self) {
        let grace = self.deletion_grace();
        let node = self.node_name();
        self.flow(
            Component::Kubelet,
            None,
            Text::new(
                format!("the kubelet on {node} sees the deletion: it stops every container at once; a sidecar's SIGTERM waits until the app containers (and the sidecars declared after it) have exited"),
                format!("{node} 上的 kubelet 看到删除：它同时停止所有容器；Sidecar 的 SIGTERM 要等应用容器（以及在它之后声明的 Sidecar）退出后才发送"),
            ),
            Cause::new(Rule::Deleted { grace_seconds: grace }),
        );
        self.kill_running(|_| true, grace);
        self.stopped_for_deletion(0);
    }

    /// `killContainersWithSyncResult`: every running container that `which` selects gets its
    /// `killContainer` at the same time.
    fn kill_running(&mut self, which: impl Fn(ContainerKind) -> bool, grace: i64) {
        for i in 0..self.ctrs.len() {
            let Some(c) = self.ctrs.get(i) else { continue };
            if which(c.kind) && c.program.is_some() && c.stopping.is_none() {
                self.stop_container(i, StopReason::Deletion, grace);
            }
        }
    }

    /// A container stopped during deletion (or after the app containers finished): sidecars
    /// whose turn came get their SIGTERM; once nothing runs, the sandbox goes.
    pub(super) fn stopped_for_deletion(&mut self, _i: usize) {
        self.sidecar_turns();
        if self.ctrs.iter().any(|c| c.program.is_some()) {
            return;
        }
        if self.deleting {
            self.after(timing::SANDBOX_STOP_MS, Ev::SandboxStop);
        }
    }

    /// Every app container finished for good (restartPolicy Never/OnFailure): the pod worker
    /// kills the pod, that is its sidecars, with the pod's grace period.
    pub(super) fn stop_sidecars_after_apps(&mut self) {
        if self.deleting {
            return;
        }
        self.stop_running_sidecars();
    }

    pub(super) fn stop_running_sidecars(&mut self) {
        if !self.ctrs.iter().any(|c| {
            c.kind == ContainerKind::Sidecar && c.program.is_some() && c.stopping.is_none()
        }) {
            return;
        }
        let grace = self.world.pod.termination_grace_period_seconds;
        self.flow(
            Component::Kubelet,
            None,
            Text::new(
                "every app container has finished and none restarts: the kubelet stops the sidecars (SIGTERM in reverse order)",
                "所有应用容器都已结束且不会重启：kubelet 停止 Sidecar（按相反顺序发送 SIGTERM）",
            ),
            Cause::new(Rule::SidecarOrder),
        );
        self.kill_running(|k| k == ContainerKind::Sidecar, grace);
    }

    pub(super) fn sandbox_stop(&mut self) {
        self.flow(
            Component::Cri,
            None,
            Text::new(
                "StopPodSandbox and RemovePodSandbox: CNI DEL releases the pod IP, the pause container and the pod's namespaces are gone",
                "StopPodSandbox 和 RemovePodSandbox：CNI DEL 释放 Pod IP，pause 容器和 Pod 的命名空间都没有了",
            ),
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
        let text = if self.deletion_grace() == 0 {
            Text::new(
                "a forced deletion (grace period 0): the API server deletes the Pod from etcd at once, without the kubelet's confirmation; its containers may still be running on the node",
                "强制删除（宽限期 0）：API Server 立即从 etcd 中删除 Pod，不等 kubelet 确认；节点上的容器可能还在运行",
            )
        } else {
            Text::new(
                "the kubelet confirms (grace period 0): the API server deletes the Pod from etcd",
                "kubelet 确认（宽限期 0）：API Server 从 etcd 中删除 Pod",
            )
        };
        self.flow(
            Component::ApiServer,
            None,
            text,
            Cause::new(Rule::PodRemoved),
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
