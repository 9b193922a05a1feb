//! The kubelet's pod worker: volumes, the sandbox, `computePodActions` (which container to start
//! or restart, back-off), the start chain of each container (image pull → create → start →
//! postStart), running programs, exits and kills.

use super::{Backoff, Engine, Ev, HookFail, HookRunState, Life, StopReason};
use crate::diag::{go_quote, Text};
use crate::model::{Handler, PullPolicy, RestartPolicy};
use crate::quantity::memory_text;
use crate::sim::printer::go_duration;
use crate::sim::process::{Poll, Program, Signal, SignalOutcome, SimTime};
use crate::sim::rules::{Cause, Rule};
use crate::sim::run::*;
use crate::sim::{timing, Launch, OverrideAction, MAX_BUSY_POLLS, MAX_ZERO_SLEEPS};

impl Engine<'_> {
    // --- volumes and sandbox ---

    pub(super) fn mount_volumes(&mut self) {
        if self.deleting || self.terminal {
            return;
        }
        match self.render_volumes() {
            Ok(count) => {
                self.volumes_ready = true;
                for v in &self.world.pod.volumes {
                    let name = v.name.clone();
                    let kind = v.source.type_name().to_string();
                    self.flow(
                        Component::Volumes,
                        None,
                        format!("MountVolume.SetUp succeeded for volume \"{name}\" ({kind})"),
                        Cause::new(Rule::VolumeMounted { volume: name }),
                    );
                }
                let delay = timing::VOLUME_MOUNT_MS * count as u64 + timing::SANDBOX_MS;
                self.after(delay, Ev::SandboxCreated);
            }
            Err((volume, what, message)) => {
                let first = *self.mount_first_fail.get_or_insert(self.now);
                let delay = self.mount_retry_ms;
                let cause = Cause::new(Rule::VolumeSourceMissing {
                    volume: volume.clone(),
                    what,
                })
                .then(Rule::MountRetry {
                    after: SimTime(delay),
                });
                self.warning(
                    "FailedMount",
                    None,
                    format!("MountVolume.SetUp failed for volume \"{volume}\" : {message}"),
                    cause.clone(),
                );
                if self
                    .run
                    .flow
                    .iter()
                    .all(|f| f.component != Component::Volumes)
                {
                    self.flow(
                        Component::Volumes,
                        None,
                        format!("MountVolume.SetUp failed for volume \"{volume}\" : {message}"),
                        cause,
                    );
                }
                // WaitForAttachAndMount gives up after 2m3s; the pod worker reports it and waits
                // again.
                if first == self.now {
                    self.after(timing::MOUNT_WAIT_MS, Ev::MountTimeout);
                }
                self.mount_retry_ms = (delay * 2).min(timing::MOUNT_RETRY_MAX_MS);
                self.after(delay, Ev::MountVolumes);
            }
        }
    }

    /// The pod worker's wait for volumes timed out (2m3s): it says so and waits again.
    pub(super) fn mount_timeout(&mut self) {
        if self.volumes_ready || self.deleting || self.terminal {
            return;
        }
        let unmounted: Vec<String> = self
            .world
            .pod
            .volumes
            .iter()
            .filter(|v| {
                matches!(
                    v.source,
                    crate::model::VolumeSource::ConfigMap { .. }
                        | crate::model::VolumeSource::Secret { .. }
                        | crate::model::VolumeSource::Projected(_)
                )
            })
            .map(|v| v.name.clone())
            .filter(|n| !n.starts_with("kube-api-access-"))
            .collect();
        // kubelet.go SyncPod: `if !wait.Interrupted(err)` guards the `FailedMount` "Unable to
        // attach or mount volumes" event: a timeout of WaitForAttachAndMount (volume_manager.go,
        // its error wraps the poll's with %w) records no event, only the pod worker's log line.
        let pod = format!("{}/{}", self.run.namespace, self.run.pod_name);
        self.note(
            None,
            NoteKind::KubeletLog,
            Text::same(format!(
                "\"Error syncing pod, skipping\" err=\"unmounted volumes=[{}], unattached volumes=[], failed to process volumes=[]: context deadline exceeded\" pod={}",
                unmounted.join(" "),
                go_quote(&pod)
            )),
        );
        self.flow(
            Component::Volumes,
            None,
            Text::new(
                format!(
                    "WaitForAttachAndMount gave up after 2m3s (unmounted volumes=[{}]): no event, the pod worker waits again",
                    unmounted.join(" ")
                ),
                format!(
                    "WaitForAttachAndMount 等待 2m3s 后放弃（unmounted volumes=[{}]）：不记录事件，pod worker 再次等待",
                    unmounted.join(" ")
                ),
            ),
            Cause::new(Rule::MountTimeout),
        );
        self.after(timing::MOUNT_WAIT_MS, Ev::MountTimeout);
    }

    // --- the pod worker's sync ---

    /// `computePodActions` + `SyncPod`: start what must start, restart what may restart.
    pub(super) fn sync(&mut self) {
        if self.terminal || self.deleting || !self.sandbox_ready {
            return;
        }
        if self.chain_active {
            self.resync = true;
            return;
        }
        let mut to_start: Vec<usize> = Vec::new();
        let n_init = self.world.pod.init_containers.len();
        let mut init_done = true;
        for i in 0..n_init {
            let Some(c) = self.ctrs.get(i) else { break };
            let life = if c.life == Life::Exited && !c.exit_seen {
                Life::Running
            } else {
                c.life
            };
            if c.kind == ContainerKind::Sidecar {
                match life {
                    Life::Running | Life::PostStart if c.started => continue,
                    Life::Running | Life::PostStart | Life::Starting => {
                        init_done = false;
                        break;
                    }
                    Life::Idle => {
                        to_start.push(i);
                        init_done = false;
                        break;
                    }
                    Life::Exited | Life::Waiting => {
                        if self.may_start_again(i) {
                            to_start.push(i);
                        }
                        init_done = false;
                        break;
                    }
                }
            }
            match life {
                Life::Exited if c.last_exit.as_ref().is_some_and(|t| t.exit_code == 0) => continue,
                Life::Exited | Life::Waiting => {
                    if c.life == Life::Exited && !self.should_restart(i) {
                        // The pod has failed: status computes Failed.
                        self.status_dirty = true;
                        return;
                    }
                    if self.may_start_again(i) {
                        to_start.push(i);
                    }
                }
                Life::Idle => to_start.push(i),
                _ => {}
            }
            init_done = false;
            break;
        }
        if init_done {
            // Sidecars that stopped after initialisation restart beside the app containers.
            for i in 0..n_init {
                let Some(c) = self.ctrs.get(i) else { break };
                if c.kind == ContainerKind::Sidecar
                    && c.exit_seen
                    && matches!(c.life, Life::Exited | Life::Waiting)
                    && !self.apps_done()
                    && self.may_start_again(i)
                {
                    to_start.push(i);
                }
            }
            for i in n_init..self.ctrs.len() {
                let Some(c) = self.ctrs.get(i) else { break };
                if c.life == Life::Exited && !c.exit_seen {
                    continue;
                }
                let again = matches!(c.life, Life::Exited | Life::Waiting);
                if c.life == Life::Idle
                    || (again && self.should_restart(i) && self.may_start_again(i))
                {
                    to_start.push(i);
                }
            }
            if self.apps_done() {
                self.stop_sidecars_after_apps();
            }
        }
        self.status_dirty = true;
        // The status generated after the sync asks the prober for readiness at once.
        self.trigger_readiness();
        if !to_start.is_empty() {
            self.chain = to_start;
            self.chain_next();
        }
    }

    /// Every app container has exited and none will be restarted.
    pub(super) fn apps_done(&self) -> bool {
        let n_init = self.world.pod.init_containers.len();
        let apps = self.ctrs.get(n_init..).unwrap_or(&[]);
        !apps.is_empty()
            && apps
                .iter()
                .enumerate()
                .all(|(j, c)| c.life == Life::Exited && !self.should_restart(n_init + j))
    }

    /// The restart policy that governs container `i`: its own `restartPolicy` when set
    /// (ContainerRestartRules, on by default since 1.35; `Always` on an init container makes it
    /// a sidecar), else the Pod's.
    pub(super) fn policy_of(&self, i: usize) -> RestartPolicy {
        self.ctrs
            .get(i)
            .and_then(|c| c.spec.restart_policy)
            .unwrap_or(self.world.pod.restart_policy)
    }

    /// The one restart decision for a container that exited with `code`
    /// (`podutil.ContainerShouldRestart`, pkg/api/v1/pod/util.go, behind
    /// `kubecontainer.ShouldContainerBeRestarted`): a sidecar always restarts; a
    /// `restartPolicyRules` rule with `action: Restart` that matches the code restarts it; else
    /// the policy: `Always` (a regular init container only on failure: exit 0 completes it),
    /// `OnFailure` on a non-zero code, `Never` not at all.
    pub(super) fn restarts_after_exit(&self, i: usize, code: i32) -> bool {
        let Some(c) = self.ctrs.get(i) else {
            return false;
        };
        if c.kind == ContainerKind::Sidecar {
            return true;
        }
        if c.spec.restart_policy.is_some() && c.spec.restart_rules.iter().any(|r| r.matches(code)) {
            return true;
        }
        match self.policy_of(i) {
            RestartPolicy::Always => c.kind == ContainerKind::App || code != 0,
            RestartPolicy::OnFailure => code != 0,
            RestartPolicy::Never => false,
        }
    }

    /// Whether a running container the kubelet kills (liveness, startup) is started again:
    /// computePodActions' `restart := shouldRestartOnFailure(pod)` (restartPolicy other than
    /// `Never`; the container's own policy when it has one; a sidecar always).
    pub(super) fn restarts_after_kill(&self, i: usize) -> bool {
        self.ctrs
            .get(i)
            .is_some_and(|c| c.kind == ContainerKind::Sidecar)
            || self.policy_of(i) != RestartPolicy::Never
    }

    /// Whether an exited (or waiting) container is to be started again.
    pub(super) fn should_restart(&self, i: usize) -> bool {
        let Some(c) = self.ctrs.get(i) else {
            return false;
        };
        if c.life == Life::Waiting {
            return true;
        }
        if c.killed_in_sync.is_some() {
            // computePodActions decided the restart with the kill, before the exit code existed.
            return self.restarts_after_kill(i);
        }
        let code = c.last_exit.as_ref().map_or(0, |t| t.exit_code);
        self.restarts_after_exit(i, code)
    }

    /// `doBackOff` (kuberuntime_manager.go): true when the container may start now; otherwise it
    /// waits in CrashLoopBackOff and a sync is asked for when the back-off ends. The check looks
    /// at the latest exited instance in the pod status the sync started from: for a restart in
    /// the same sync as a liveness or startup kill, that is the run before the killed one (none
    /// for the first kill: no back-off and no back-off entry).
    fn may_start_again(&mut self, i: usize) -> bool {
        if self.not_yet(i) {
            return false;
        }
        let now = self.now;
        let pod_ref = self.pod_ref();
        let policy = self.policy_of(i).as_str();
        let Some(c) = self.ctrs.get_mut(i) else {
            return false;
        };
        let killed = c.killed_in_sync.take();
        let Some(last_finished) = c.last_exit.as_ref().map(|t| t.finished_at) else {
            // Waiting for another reason (image pull, config): the start chain checks it.
            return true;
        };
        if c.life == Life::Waiting && !c.backoff_reported {
            return true;
        }
        let event = match killed {
            Some(None) => return true,
            Some(Some(prev)) => prev,
            None => last_finished,
        };
        let entry = c.backoff;
        if let Some(b) = entry.filter(|b| b.in_backoff_since(event, now)) {
            // Later syncs look at the newest exited instance.
            let retry = SimTime(last_finished.0.saturating_add(b.backoff_ms));
            if !c.backoff_reported {
                let exit_cause = match c.last_exit.as_ref() {
                    Some(t) if t.reason == "OOMKilled" => Cause::new(Rule::OomKilled {
                        limit: c.memory_limit().unwrap_or(0),
                    }),
                    Some(t) => Cause::new(Rule::ProgramExited { code: t.exit_code }),
                    None => Cause::none(),
                };
                let mut backoff_cause = exit_cause
                    .then(Rule::RestartPolicy {
                        policy,
                        restart: true,
                    })
                    .then(Rule::BackOff {
                        delay: SimTime(b.backoff_ms),
                    });
                if self.run.phase.last() == Some(&Phase::Running) {
                    backoff_cause = backoff_cause.then(Rule::PhaseStaysRunning);
                }
                c.backoff_reported = true;
                c.life = Life::Waiting;
                c.restart_pending = false;
                let name = c.spec.name.clone();
                let msg = format!(
                    "back-off {} restarting failed container={name} pod={pod_ref}",
                    go_duration(b.backoff_ms)
                );
                self.set_state(
                    i,
                    CState::Waiting {
                        reason: "CrashLoopBackOff",
                        message: msg,
                    },
                );
                self.warning(
                    "BackOff",
                    Some(i),
                    format!("Back-off restarting failed container {name} in pod {pod_ref}"),
                    backoff_cause,
                );
            }
            self.sync_at(retry.max(SimTime(now.0.saturating_add(1))));
            return false;
        }
        let (next, reset) = Backoff::next(entry, event, now);
        if let Some(c) = self.ctrs.get_mut(i) {
            c.backoff = Some(next);
        }
        if reset {
            self.note(
                Some(i),
                NoteKind::Simplification,
                Text::new(
                    "the back-off was reset: the container had run 10 minutes since its last restart",
                    "退避时间被重置：容器自上次重启以来已运行了 10 分钟",
                ),
            );
        }
        true
    }

    // --- the start chain ---

    pub(super) fn chain_next(&mut self) {
        if self.deleting || self.terminal {
            self.chain.clear();
            self.chain_active = false;
            return;
        }
        if self.chain.is_empty() {
            self.chain_active = false;
            // PLEG's next relist sees what changed and wakes the pod worker.
            let t = self.next_relist();
            self.sync_at(t);
            if self.resync {
                self.resync = false;
                self.sync_at(self.now);
            }
            return;
        }
        let c = self.chain.remove(0);
        self.chain_active = true;
        self.begin_start(c);
    }

    /// The next PLEG relist (every second since the kubelet first saw the pod).
    pub(super) fn next_relist(&self) -> SimTime {
        let base = self.kubelet_seen.unwrap_or(self.now).0;
        let since = self.now.0.saturating_sub(base);
        let k = since / timing::PLEG_RELIST_MS + 1;
        SimTime(base.saturating_add(k.saturating_mul(timing::PLEG_RELIST_MS)))
    }

    fn begin_start(&mut self, i: usize) {
        let Some(c) = self.ctrs.get_mut(i) else {
            return self.chain_next();
        };
        c.gen = c.gen.wrapping_add(1);
        c.life = Life::Starting;
        let gen = c.gen;
        let image = c.spec.image.clone();
        let resolved = c.image.name.clone();
        let policy = c.spec.image_pull_policy;
        let fail = self
            .overrides(i)
            .any(|o| matches!(o, OverrideAction::FailImagePull));
        let present = !fail
            && self
                .node_images
                .iter()
                .any(|n| *n == resolved || *n == image);
        let ms = i as u16;
        match policy {
            PullPolicy::Never if !present => {
                let msg =
                    format!("Container image \"{image}\" is not present with pull policy of Never");
                self.warning(
                    "ErrImageNeverPull",
                    Some(i),
                    msg.clone(),
                    Cause::new(Rule::NeverPull),
                );
                self.warning(
                    "Failed",
                    Some(i),
                    "Error: ErrImageNeverPull".into(),
                    Cause::new(Rule::NeverPull),
                );
                let retry = self.now.saturating_add(timing::SYNC_RETRY_MS);
                self.wait_for(i, "ErrImageNeverPull", msg, retry);
                self.chain_next();
            }
            PullPolicy::Never | PullPolicy::IfNotPresent if present => {
                self.normal(
                    "Pulled",
                    Some(i),
                    format!("Container image \"{image}\" already present on machine and can be accessed by the pod"),
                    Cause::new(Rule::ImagePresent),
                );
                self.flow(
                    Component::Kubelet,
                    Some(i),
                    Text::new(
                        format!("image {image} already present"),
                        format!("镜像 {image} 已在节点上"),
                    ),
                    Cause::new(Rule::ImagePresent),
                );
                self.create_step(i, gen);
            }
            _ => {
                let now = self.now;
                if let Some(b) = self.ctrs.get(i).and_then(|c| c.pull_backoff) {
                    // image_manager.go: `m.backOff.IsInBackOffSinceUpdate(backOffKey, now)`.
                    if b.in_backoff_since_update(now) {
                        let cause = Cause::new(Rule::PullBackOff {
                            delay: SimTime(b.backoff_ms),
                        });
                        self.normal(
                            "BackOff",
                            Some(i),
                            format!("Back-off pulling image \"{image}\""),
                            cause.clone(),
                        );
                        self.warning("Failed", Some(i), "Error: ImagePullBackOff".into(), cause);
                        let retry = SimTime(b.last_update.0.saturating_add(b.backoff_ms));
                        self.wait_for(
                            i,
                            "ImagePullBackOff",
                            format!("Back-off pulling image \"{image}\""),
                            retry,
                        );
                        return self.chain_next();
                    }
                }
                self.normal(
                    "Pulling",
                    Some(i),
                    format!("Pulling image \"{image}\""),
                    Cause::new(Rule::ImagePulled {
                        policy: policy.as_str(),
                    }),
                );
                let pull_ms = if fail {
                    timing::PULL_FAIL_MS
                } else if present {
                    timing::PULL_CACHED_MS
                } else {
                    self.ctrs
                        .get(i)
                        .map_or(timing::PULL_DEFAULT_MS, |c| c.image.pull_ms.max(1))
                };
                if let Some(c) = self.ctrs.get(i) {
                    if !c.image.known && !fail {
                        let text = Text::new(
                            format!("image {image} is not in the playground's image library: its pull time, size and files are assumed"),
                            format!("镜像 {image} 不在 playground 的镜像库里：它的拉取时间、大小和文件都是假定的"),
                        );
                        self.note(Some(i), NoteKind::Assumption, text);
                    }
                }
                self.after(
                    pull_ms,
                    Ev::PullDone {
                        c: ms,
                        gen,
                        ok: !fail,
                    },
                );
            }
        }
    }

    /// The container waits (image pull, config error) until `retry`, when the pod worker tries
    /// again.
    fn wait_for(&mut self, i: usize, reason: &'static str, message: String, retry: SimTime) {
        if let Some(c) = self.ctrs.get_mut(i) {
            c.life = Life::Waiting;
            c.gen = c.gen.wrapping_add(1);
            c.retry_at = Some(retry);
            c.restart_pending = false;
        }
        self.set_state(i, CState::Waiting { reason, message });
        self.sync_at(retry);
    }

    /// A waiting container whose retry time has not come.
    fn not_yet(&self, i: usize) -> bool {
        self.ctrs
            .get(i)
            .is_some_and(|c| c.life == Life::Waiting && c.retry_at.is_some_and(|r| r > self.now))
    }

    pub(super) fn pull_done(&mut self, i: usize, gen: u32, ok: bool) {
        if self
            .ctrs
            .get(i)
            .is_none_or(|c| c.gen != gen || c.life != Life::Starting)
        {
            return;
        }
        let image = self
            .ctrs
            .get(i)
            .map(|c| c.spec.image.clone())
            .unwrap_or_default();
        let started = self
            .run
            .events
            .iter()
            .rev()
            .find(|e| e.reason == "Pulling" && e.container == Some(i))
            .map_or(self.now, |e| e.t);
        let took = self.now.0.saturating_sub(started.0);
        if ok {
            let (resolved, size) = self
                .ctrs
                .get(i)
                .map(|c| (c.image.name.clone(), c.image.size_bytes))
                .unwrap_or_default();
            let policy = self
                .ctrs
                .get(i)
                .map_or("Always", |c| c.spec.image_pull_policy.as_str());
            // Said where the pull happens: an image the playground does not know is assumed.
            let mut cause = Cause::new(Rule::ImagePulled { policy });
            if self.ctrs.get(i).is_some_and(|c| !c.image.known) {
                cause = cause.then(Rule::UnknownImage {
                    image: image.clone(),
                });
            }
            self.normal(
                "Pulled",
                Some(i),
                format!(
                    "Successfully pulled image \"{image}\" in {} ({} including waiting). Image size: {size} bytes.",
                    go_duration(took),
                    go_duration(took)
                ),
                cause.clone(),
            );
            self.flow(
                Component::Kubelet,
                Some(i),
                format!("PullImage {resolved}"),
                cause,
            );
            if !self.node_images.contains(&resolved) {
                self.node_images.push(resolved);
            }
            self.create_step(i, gen);
        } else {
            let resolved = self
                .ctrs
                .get(i)
                .map(|c| c.image.name.clone())
                .unwrap_or_default();
            let msg = format!(
                "Failed to pull image \"{image}\": rpc error: code = NotFound desc = failed to pull and unpack image \"{resolved}\": failed to resolve reference \"{resolved}\": {resolved}: not found"
            );
            let cause = Cause::new(Rule::PullFailed).then(Rule::Override {
                what: "the image pull fails".into(),
            });
            self.warning("Failed", Some(i), msg.clone(), cause.clone());
            self.warning("Failed", Some(i), "Error: ErrImagePull".into(), cause);
            let now = self.now;
            if let Some(c) = self.ctrs.get_mut(i) {
                // image_manager.go: `m.backOff.Next(backOffKey, m.backOff.Clock.Now())`.
                c.pull_backoff = Some(Backoff::next(c.pull_backoff, now, now).0);
            }
            // The status update that follows the failed sync wakes the worker again a second
            // later: it finds the image in back-off (ImagePullBackOff).
            let retry = self.now.saturating_add(timing::PLEG_RELIST_MS);
            self.wait_for(
                i,
                "ErrImagePull",
                // image_manager.go returns the pull error alone (evalCRIPullErr), without the
                // event's `Failed to pull image "…": ` prefix.
                msg.split_once(": ")
                    .map_or(msg.as_str(), |(_, e)| e)
                    .to_string(),
                retry,
            );
            self.chain_next();
        }
    }

    fn create_step(&mut self, i: usize, gen: u32) {
        let file_keys: Vec<String> = self
            .ctrs
            .get(i)
            .map(|c| {
                c.spec
                    .env
                    .iter()
                    .filter(|e| matches!(e.source, crate::model::EnvSource::FileKey { .. }))
                    .map(|e| e.name.clone())
                    .collect()
            })
            .unwrap_or_default();
        for name in file_keys {
            self.note(
                Some(i),
                NoteKind::Simplification,
                Text::new(
                    format!("env {name} comes from a file (fileKeyRef, the EnvFiles feature, on by default since 1.35): the playground does not read env files from volumes, so {name} is left unset here"),
                    format!("环境变量 {name} 来自文件（fileKeyRef，EnvFiles 特性，自 1.35 起默认开启）：playground 不从卷中读取环境变量文件，所以这里 {name} 没有设置"),
                ),
            );
        }
        match self.build_env(i) {
            Ok(env) => {
                if let Some(c) = self.ctrs.get_mut(i) {
                    c.env = env;
                }
                self.after(timing::CREATE_MS, Ev::Created { c: i as u16, gen });
            }
            Err(msg) => {
                self.warning(
                    "Failed",
                    Some(i),
                    format!("Error: {msg}"),
                    Cause::new(Rule::ConfigError),
                );
                let retry = self.now.saturating_add(timing::SYNC_RETRY_MS);
                self.wait_for(i, "CreateContainerConfigError", msg, retry);
                self.chain_next();
            }
        }
    }

    pub(super) fn created(&mut self, i: usize, gen: u32) {
        if self
            .ctrs
            .get(i)
            .is_none_or(|c| c.gen != gen || c.life != Life::Starting)
        {
            return;
        }
        let name = self.name(i).to_string();
        let restarting = self.ctrs.get(i).is_some_and(|c| c.runs > 0);
        let mut cause = Cause::none();
        if restarting {
            let policy = self.world.pod.restart_policy.as_str();
            cause = Cause::new(Rule::RestartPolicy {
                policy: if self
                    .ctrs
                    .get(i)
                    .is_some_and(|c| c.kind == ContainerKind::Sidecar)
                {
                    "Always"
                } else {
                    policy
                },
                restart: true,
            });
        } else if let Some(ci) = self.ctrs.get(i) {
            let total = self.world.pod.init_containers.len();
            cause = Cause::new(match ci.kind {
                ContainerKind::Init => Rule::InitOrder { index: i, total },
                ContainerKind::Sidecar => Rule::SidecarInOrder { index: i, total },
                ContainerKind::App => Rule::AppContainers {
                    inits: self
                        .ctrs
                        .iter()
                        .filter(|c| c.kind == ContainerKind::Init)
                        .count(),
                    sidecars: self
                        .ctrs
                        .iter()
                        .filter(|c| c.kind == ContainerKind::Sidecar)
                        .count(),
                },
            });
        }
        self.normal(
            "Created",
            Some(i),
            // kuberuntime_container.go startContainer (1.35+): "Container created".
            "Container created".into(),
            cause.clone(),
        );
        self.new_instance(i);
        let restarts = self.ctrs.get(i).map_or(0, |c| c.restart_count());
        if let Some(tr) = self.run.ctr.get_mut(i) {
            tr.restarts.set(self.now, restarts);
        }
        self.flow(
            Component::Cri,
            Some(i),
            Text::new(
                format!("CreateContainer {name}: its own mount namespace and root file system"),
                format!("CreateContainer {name}：它自己的挂载命名空间和根文件系统"),
            ),
            cause,
        );
        self.after(timing::START_MS, Ev::Started { c: i as u16, gen });
    }

    pub(super) fn started(&mut self, i: usize, gen: u32) {
        if self
            .ctrs
            .get(i)
            .is_none_or(|c| c.gen != gen || c.life != Life::Starting)
        {
            return;
        }
        let Some(c) = self.ctrs.get(i) else { return };
        let spec = &c.spec;
        let launch = Launch {
            image: spec.image.clone(),
            command: spec
                .command
                .iter()
                .map(|a| expand_vars(a, &c.env))
                .collect(),
            args: spec.args.iter().map(|a| expand_vars(a, &c.env)).collect(),
            stdin: spec.stdin,
            tty: spec.tty,
            declared_ports: spec
                .ports
                .iter()
                .filter_map(|p| {
                    let port = u16::try_from(p.container_port).ok()?;
                    let proto = match p.protocol() {
                        crate::model::Protocol::Tcp => crate::sim::process::Proto::Tcp,
                        crate::model::Protocol::Udp => crate::sim::process::Proto::Udp,
                        crate::model::Protocol::Sctp => crate::sim::process::Proto::Sctp,
                    };
                    Some((port, proto))
                })
                .collect(),
            working_dir: spec.working_dir.clone(),
        };
        let program = self.rt.entrypoint(&launch);
        let name = spec.name.clone();
        if let Some(c) = self.ctrs.get_mut(i) {
            c.program = Some(program);
            c.started_at = self.now;
        }
        // The first poll tells whether the runtime could start the process at all. What the
        // process does in it (bind a port, use memory) follows its start: the start's event
        // and flow step take their places in the order now.
        let start_seqs = self.reserve(2);
        let first = self.poll_main(i);
        let start_error = self
            .ctrs
            .get(i)
            .and_then(|c| c.program.as_ref())
            .and_then(|p| p.start_error());
        if let Some(err) = start_error {
            let msg = format!(
                "failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: {err}: unknown"
            );
            self.warning(
                "Failed",
                Some(i),
                format!("Error: {msg}"),
                Cause::new(Rule::ProgramExited { code: 128 }),
            );
            self.container_exited(i, 128, "StartError", Some(msg));
            return self.chain_next();
        }
        self.use_reserved(start_seqs);
        self.normal(
            "Started",
            Some(i),
            "Container started".into(),
            Cause::new(Rule::ProcessStarted),
        );
        self.flow(
            Component::Container,
            Some(i),
            Text::new(
                format!("StartContainer {name}: PID 1 runs {}", launch_text(&launch)),
                format!("StartContainer {name}：1 号进程运行 {}", launch_text(&launch)),
            ),
            Cause::new(Rule::ProcessStarted),
        );
        self.refresh_processes(i);
        let gen = self.ctrs.get(i).map_or(0, |c| c.gen);
        let overrides: Vec<OverrideAction> = self.overrides(i).cloned().collect();
        for o in overrides {
            match o {
                OverrideAction::ExitAfter { after_ms, code } => {
                    self.exit_after(after_ms, i, gen, code)
                }
                OverrideAction::UseMemoryMib(mib) => self.after(
                    1000,
                    Ev::UseMemory {
                        c: i as u16,
                        gen,
                        mib,
                    },
                ),
                OverrideAction::FailImagePull => {}
            }
        }
        self.handle_poll(i, first);
        if self.ctrs.get(i).is_none_or(|c| c.gen != gen) {
            // Exited during its first poll.
            return self.chain_next();
        }
        let post_start = self
            .ctrs
            .get(i)
            .and_then(|c| c.spec.lifecycle.post_start.clone());
        match post_start {
            Some(h) => {
                if let Some(c) = self.ctrs.get_mut(i) {
                    c.life = Life::PostStart;
                }
                self.start_hook(i, HookKind::PostStart, &h, None);
            }
            None => {
                self.become_running(i);
                self.chain_next();
            }
        }
    }

    fn become_running(&mut self, i: usize) {
        let Some(c) = self.ctrs.get_mut(i) else {
            return;
        };
        c.life = Life::Running;
        c.restart_pending = false;
        c.started = c.spec.startup_probe.is_none();
        // A regular init container is ready only once it has completed.
        c.ready = c.spec.readiness_probe.is_none() && c.started && c.kind != ContainerKind::Init;
        let at = c.started_at;
        self.set_state(i, CState::Running { started_at: at });
        self.status_dirty = true;
        if self
            .ctrs
            .get(i)
            .is_some_and(|c| c.kind == ContainerKind::Sidecar && c.started)
        {
            // The next init container may start once the sidecar has started.
            let t = self.next_relist();
            self.sync_at(t);
        }
    }

    // --- programs ---

    pub(super) fn wake(&mut self, i: usize, gen: u32) {
        if self
            .ctrs
            .get(i)
            .is_none_or(|c| c.gen != gen || c.program.is_none())
        {
            return;
        }
        let p = self.poll_main(i);
        self.refresh_processes(i);
        self.handle_poll(i, p);
    }

    fn poll_main(&mut self, i: usize) -> Poll {
        let Some(mut prog) = self.ctrs.get_mut(i).and_then(|c| c.program.take()) else {
            return Poll::Idle;
        };
        let p = {
            let mut sys = self.sys(i, true);
            prog.poll(&mut sys)
        };
        if let Some(c) = self.ctrs.get_mut(i) {
            if c.program.is_none() && c.life != Life::Exited {
                c.program = Some(prog);
            }
        }
        p
    }

    fn handle_poll(&mut self, i: usize, p: Poll) {
        let gen = match self.ctrs.get(i) {
            Some(c) if c.program.is_some() => c.gen,
            _ => return,
        };
        match p {
            Poll::Exit(code) => {
                let reason = if code == 0 { "Completed" } else { "Error" };
                self.container_exited(i, code, reason, None);
            }
            Poll::Sleep(ms) => {
                if ms == 0 {
                    let spins = self.ctrs.get_mut(i).map_or(0, |c| {
                        c.zero_sleeps += 1;
                        c.zero_sleeps
                    });
                    if spins > MAX_ZERO_SLEEPS {
                        self.note(
                            Some(i),
                            NoteKind::Budget,
                            Text::new(
                                format!("the program asked to be woken {MAX_ZERO_SLEEPS} times without letting time pass; the playground stops running it (it stays as it is)"),
                                format!("程序在时间没有流逝的情况下 {MAX_ZERO_SLEEPS} 次要求被唤醒；playground 不再运行它（它保持原样）"),
                            ),
                        );
                        return;
                    }
                } else if let Some(c) = self.ctrs.get_mut(i) {
                    c.zero_sleeps = 0;
                }
                let busy = self.ctrs.get_mut(i).map_or(0, |c| {
                    if c.cpu_demand >= 1000 && ms <= 100 {
                        c.busy_polls += 1;
                    } else {
                        c.busy_polls = 0;
                    }
                    c.busy_polls
                });
                if busy > MAX_BUSY_POLLS {
                    self.note(
                        Some(i),
                        NoteKind::Budget,
                        Text::new(
                            format!("the program kept a CPU busy for {MAX_BUSY_POLLS} time slices in a row; the playground stops interpreting it and assumes it keeps spinning (it still receives signals)"),
                            format!("程序连续 {MAX_BUSY_POLLS} 个时间片占满一个 CPU；playground 不再解释执行它，假定它一直空转（它仍会收到信号）"),
                        ),
                    );
                    return;
                }
                self.after(ms, Ev::Wake { c: i as u16, gen });
            }
            Poll::Idle => {}
        }
    }

    /// The process ends (exit, signal, OOM kill): the container stops.
    pub(super) fn container_exited(
        &mut self,
        i: usize,
        code: i32,
        reason: &'static str,
        message: Option<String>,
    ) {
        let now = self.now;
        let Some(c) = self.ctrs.get_mut(i) else {
            return;
        };
        if matches!(c.life, Life::Exited | Life::Idle | Life::Waiting) {
            return;
        }
        c.gen = c.gen.wrapping_add(1);
        c.program = None;
        c.hook = None;
        c.life = Life::Exited;
        // PLEG reports an exit at its next relist; a kill the pod worker made itself is known.
        c.exit_seen = matches!(
            c.stopping,
            Some(
                StopReason::Liveness
                    | StopReason::Startup
                    | StopReason::SpecChanged
                    | StopReason::Deletion
            )
        );
        c.started = false;
        c.ready = false;
        c.mem_program = 0;
        c.mem_extra = 0;
        c.cpu_demand = 0;
        c.backoff_reported = false;
        let message = message.or_else(|| {
            let path = c.spec.termination_message_path.clone();
            let from_file = c
                .rootfs
                .read(&path)
                .ok()
                .map(str::to_string)
                .filter(|s| !s.is_empty());
            from_file
        });
        let started_at = c.started_at;
        let stopping = c.stopping.take();
        c.turn_wait = None;
        if stopping == Some(StopReason::SpecChanged) {
            c.killed_in_sync = Some(c.last_exit.as_ref().map(|t| t.finished_at));
            c.restart_pending = true;
        } else if matches!(stopping, Some(StopReason::Liveness | StopReason::Startup)) {
            c.killed_in_sync = Some(c.last_exit.as_ref().map(|t| t.finished_at));
            c.restart_pending = c.kind == ContainerKind::Sidecar
                || c.spec
                    .restart_policy
                    .unwrap_or(self.world.pod.restart_policy)
                    != RestartPolicy::Never;
        } else {
            c.restart_pending = false;
        }
        if code == 0 && c.kind == ContainerKind::Init {
            c.ready = true;
        }
        let term = Terminated {
            exit_code: code,
            reason,
            message: message.unwrap_or_default(),
            started_at,
            finished_at: now,
        };
        c.last_exit = Some(term.clone());
        let pid_ns = c.ns.map(|n| n.pid);
        c.pids.clear();
        self.close_sockets(i);
        let fallback = self
            .ctrs
            .get(i)
            .is_some_and(|c| c.spec.termination_message_policy == "FallbackToLogsOnError");
        let mut term = term;
        if fallback && code != 0 && term.message.is_empty() {
            term.message = self.log_tail(i);
            if let Some(c) = self.ctrs.get_mut(i) {
                c.last_exit = Some(term.clone());
            }
        }
        self.set_state(i, CState::Terminated(term));
        // A start that failed after the container ran (postStart): the reason cache turns its
        // status into Waiting with that reason and message while it is to be restarted
        // (kubelet_pods.go convertToAPIContainerStatuses).
        if let Some((reason, message)) = self.ctrs.get_mut(i).and_then(|c| c.start_error.take()) {
            if self.restarts_after_exit(i, code) {
                self.set_state(i, CState::Waiting { reason, message });
            }
        }
        let ready = self.ctrs.get(i).is_some_and(|c| c.ready);
        if let Some(tr) = self.run.ctr.get_mut(i) {
            tr.ready.set(now, ready);
            tr.started.set(now, false);
            tr.memory.set(now, 0);
        }
        if let Some(ns) = pid_ns {
            self.refresh_ps(ns);
        }
        let mut cause = Cause::new(Rule::ProgramExited { code });
        // A regular init container that completed lets the next container start.
        if code == 0 && self.ctrs.get(i).is_some_and(|c| c.kind == ContainerKind::Init) {
            cause = cause.then(Rule::InitSucceeded);
        }
        let name = self.name(i).to_string();
        self.flow(
            Component::Container,
            Some(i),
            Text::new(
                format!("{name}: PID 1 exited with code {code} ({reason})"),
                format!("{name}：1 号进程以 {code} 退出（{reason}）"),
            ),
            cause,
        );
        self.status_dirty = true;
        match stopping {
            Some(StopReason::Deletion) => self.stopped_for_deletion(i),
            Some(StopReason::Liveness | StopReason::Startup | StopReason::SpecChanged) => {
                // The kubelet killed it in a sync; the same sync restarts it as the policy says.
                self.sync_at(now);
            }
            Some(StopReason::PostStartFailed) | None => {
                let t = self.next_relist();
                let gen = self.ctrs.get(i).map_or(0, |c| c.gen);
                self.at(t, Ev::ExitNoticed { c: i as u16, gen });
            }
        }
    }

    pub(super) fn exit_noticed(&mut self, i: usize, gen: u32) {
        if self.ctrs.get(i).is_none_or(|c| c.gen != gen) {
            return;
        }
        if let Some(c) = self.ctrs.get_mut(i) {
            c.exit_seen = true;
        }
        self.sync();
    }

    /// Container `i`'s program (of generation `gen`) exits with `code` in `ms`.
    pub(super) fn exit_after(&mut self, ms: u64, i: usize, gen: u32, code: i32) {
        self.after(
            ms,
            Ev::ForcedExit {
                c: i as u16,
                gen,
                code,
                oom: false,
            },
        );
    }

    pub(super) fn forced_exit(&mut self, i: usize, gen: u32, code: i32, oom: bool) {
        if self
            .ctrs
            .get(i)
            .is_none_or(|c| c.gen != gen || c.program.is_none())
        {
            return;
        }
        if oom {
            self.container_exited(i, 137, "OOMKilled", None);
        } else {
            let reason = if code == 0 { "Completed" } else { "Error" };
            self.container_exited(i, code, reason, None);
        }
    }

    pub(super) fn use_memory(&mut self, i: usize, gen: u32, mib: u64) {
        if self.ctrs.get(i).is_none_or(|c| c.gen != gen) {
            return;
        }
        if let Some(c) = self.ctrs.get_mut(i) {
            c.mem_extra = c.mem_extra.saturating_add(mib.saturating_mul(1024 * 1024));
        }
        self.note(
            Some(i),
            NoteKind::Assumption,
            Text::new(
                format!("lesson override: the container uses {mib} MiB more memory"),
                format!("课程设定：容器多使用 {mib} MiB 内存"),
            ),
        );
        self.check_memory(i);
    }

    /// Records the container's memory and OOM-kills it past its limit.
    pub(super) fn check_memory(&mut self, i: usize) {
        let now = self.now;
        let Some(c) = self.ctrs.get(i) else { return };
        let used = c.mem_program.saturating_add(c.mem_extra);
        let limit = c.memory_limit();
        let gen = c.gen;
        if let Some(tr) = self.run.ctr.get_mut(i) {
            tr.memory.set(now, used);
        }
        if let Some(limit) = limit {
            if used > limit
                && self.ctrs.get(i).is_some_and(|c| {
                    matches!(c.life, Life::Starting | Life::PostStart | Life::Running)
                })
            {
                let name = self.name(i).to_string();
                self.flow(
                    Component::Container,
                    Some(i),
                    Text::new(
                        format!(
                            "{name}: memory {} > limit {}: the kernel's OOM killer ends it",
                            memory_text(used),
                            memory_text(limit)
                        ),
                        format!(
                            "{name}：内存 {} > 限制 {}：内核的 OOM killer 结束它",
                            memory_text(used),
                            memory_text(limit)
                        ),
                    ),
                    Cause::new(Rule::OomKilled { limit }),
                );
                self.at(
                    now,
                    Ev::ForcedExit {
                        c: i as u16,
                        gen,
                        code: 137,
                        oom: true,
                    },
                );
            }
        }
    }

    // --- hooks ---

    /// Container `i` now runs hook `kind` (its exec'd program, if any) until `deadline`.
    fn set_hook(
        &mut self,
        i: usize,
        kind: HookKind,
        program: Option<Box<dyn Program>>,
        deadline: Option<SimTime>,
    ) {
        if let Some(c) = self.ctrs.get_mut(i) {
            c.hook = Some(HookRunState {
                kind,
                program,
                deadline,
                output: String::new(),
                stderr: String::new(),
            });
        }
    }
    pub(super) fn start_hook(
        &mut self,
        i: usize,
        kind: HookKind,
        h: &Handler,
        deadline: Option<SimTime>,
    ) {
        let instance = self.ctrs.get(i).map_or(0, |c| c.restart_count());
        if let Some(tr) = self.run.ctr.get_mut(i) {
            tr.hooks.push(HookRun {
                kind,
                instance,
                start: self.now,
                end: None,
                ok: None,
            });
        }
        let gen = self.ctrs.get(i).map_or(0, |c| c.gen);
        match h {
            Handler::Exec { command } => {
                let image = self
                    .ctrs
                    .get(i)
                    .map(|c| c.spec.image.clone())
                    .unwrap_or_default();
                let prog = self.rt.exec(&image, command);
                self.set_hook(i, kind, Some(prog), deadline);
                self.at(self.now, Ev::HookWake { c: i as u16, gen });
            }
            Handler::Sleep { seconds } => {
                self.set_hook(i, kind, None, deadline);
                self.after(
                    (*seconds).max(0) as u64 * 1000,
                    Ev::HookWake { c: i as u16, gen },
                );
            }
            Handler::HttpGet { .. } | Handler::TcpSocket { .. } | Handler::Grpc { .. } => {
                let result = self.hook_request(i, h);
                self.set_hook(i, kind, None, deadline);
                let result = result.map_err(|(code, err)| HookFail {
                    code,
                    output: String::new(),
                    stderr: err,
                });
                self.hook_done(i, result);
            }
        }
        if let Some(d) = deadline {
            self.at(d, Ev::HookWake { c: i as u16, gen });
        }
    }

    pub(super) fn hook_wake(&mut self, i: usize, gen: u32) {
        let Some(c) = self.ctrs.get_mut(i) else {
            return;
        };
        if c.gen != gen {
            return;
        }
        let Some(mut hook) = c.hook.take() else {
            return;
        };
        if hook.deadline.is_some_and(|d| self.now >= d) {
            // The grace period ended while preStop still ran: it is cut short.
            self.hook_timed_out(i, hook);
            return;
        }
        let Some(mut prog) = hook.program.take() else {
            // A sleep hook.
            if let Some(c) = self.ctrs.get_mut(i) {
                c.hook = Some(hook);
            }
            return self.hook_done(i, Ok(()));
        };
        self.capture = Some(std::mem::take(&mut hook.output));
        self.capture_err = Some(std::mem::take(&mut hook.stderr));
        let p = {
            let mut sys = self.sys(i, false);
            prog.poll(&mut sys)
        };
        hook.output = self.capture.take().unwrap_or_default();
        hook.stderr = self.capture_err.take().unwrap_or_default();
        match p {
            Poll::Exit(code) => {
                let fail = HookFail {
                    code,
                    output: hook.output.clone(),
                    stderr: hook.stderr.clone(),
                };
                if let Some(c) = self.ctrs.get_mut(i) {
                    c.hook = Some(hook);
                }
                if code == 0 {
                    self.hook_done(i, Ok(()));
                } else {
                    self.hook_done(i, Err(fail));
                }
            }
            Poll::Sleep(ms) => {
                hook.program = Some(prog);
                if let Some(c) = self.ctrs.get_mut(i) {
                    c.hook = Some(hook);
                }
                self.after(ms.max(1), Ev::HookWake { c: i as u16, gen });
            }
            Poll::Idle => {
                hook.program = Some(prog);
                if let Some(c) = self.ctrs.get_mut(i) {
                    c.hook = Some(hook);
                }
            }
        }
    }

    fn hook_timed_out(&mut self, i: usize, hook: HookRunState) {
        if let Some(h) = self.run.ctr.get_mut(i).and_then(|t| t.hooks.last_mut()) {
            h.end = Some(self.now);
            h.ok = Some(false);
        }
        match hook.kind {
            HookKind::PreStop => self.prestop_finished(i, true),
            HookKind::PostStart => {}
        }
    }

    /// What the kubelet makes of a failed hook (`handlerRunner.Run`, pkg/kubelet/lifecycle/
    /// handlers.go): the message it returns (kept in the container's status for postStart) and
    /// the line it writes to its own log, and the handler's error (what `klog.ErrorS(err, …)`
    /// of the caller prints).
    fn hook_failure_text(
        &self,
        i: usize,
        handler: Option<&Handler>,
        f: &HookFail,
    ) -> (String, String, String) {
        let name = self.name(i);
        let pod_ref = self.pod_ref();
        let klog_pod = format!("{}/{}", self.run.namespace, self.run.pod_name);
        match handler {
            Some(Handler::Exec { command }) => {
                // The runtime's ExecSync error (cri-client remote_runtime.go): `command '%s'
                // exited with %d: %s` with stderr; RunInContainer's output is stdout + stderr.
                let err = format!(
                    "command '{}' exited with {}: {}",
                    command.join(" "),
                    f.code,
                    f.stderr
                );
                let cmd = format!("[{}]", command.join(" "));
                let msg = format!(
                    "Exec lifecycle hook ({cmd}) for Container {} in Pod {} failed - error: {err}, message: {}",
                    go_quote(name),
                    go_quote(&pod_ref),
                    go_quote(&f.output)
                );
                let log = format!(
                    "\"Exec lifecycle hook for Container in Pod failed\" err={} execCommand={cmd} containerName={} pod={} message={}",
                    go_quote(&err),
                    go_quote(name),
                    go_quote(&klog_pod),
                    go_quote(&f.output)
                );
                (msg, log, err)
            }
            Some(Handler::HttpGet { path, .. }) => {
                let msg = format!(
                    "HTTP lifecycle hook ({path}) for Container {} in Pod {} failed - error: {}",
                    go_quote(name),
                    go_quote(&pod_ref),
                    f.stderr
                );
                let log = format!(
                    "\"HTTP lifecycle hook for Container in Pod failed\" err={} path={} containerName={} pod={}",
                    go_quote(&f.stderr),
                    go_quote(path),
                    go_quote(name),
                    go_quote(&klog_pod)
                );
                (msg, log, f.stderr.clone())
            }
            _ => {
                let msg = format!(
                    "lifecycle hook for Container {} in Pod {} failed - error: {}",
                    go_quote(name),
                    go_quote(&pod_ref),
                    f.stderr
                );
                let log = format!(
                    "\"Lifecycle hook for Container in Pod failed\" err={} containerName={} pod={}",
                    go_quote(&f.stderr),
                    go_quote(name),
                    go_quote(&klog_pod)
                );
                (msg, log, f.stderr.clone())
            }
        }
    }

    /// The hook finished (`Err` when it failed).
    ///
    /// A failure is recorded as upstream does (kuberuntime_container.go `startContainer` and
    /// `executePreStopHook`): the event carries only `PostStartHook failed` / `PreStopHook
    /// failed` ("do not record the message in the event so that secrets won't leak from the
    /// server"); the hook's output goes to the kubelet's log and, for postStart, to the
    /// container's waiting message (`PostStartHookError`).
    fn hook_done(&mut self, i: usize, result: Result<(), HookFail>) {
        let Some(hook) = self.ctrs.get_mut(i).and_then(|c| c.hook.take()) else {
            return;
        };
        if let Some(h) = self.run.ctr.get_mut(i).and_then(|t| t.hooks.last_mut()) {
            h.end = Some(self.now);
            h.ok = Some(result.is_ok());
        }
        let handler = self.ctrs.get(i).and_then(|c| match hook.kind {
            HookKind::PostStart => c.spec.lifecycle.post_start.clone(),
            HookKind::PreStop => c.spec.lifecycle.pre_stop.clone(),
        });
        let mut failure = None;
        if let Err(f) = &result {
            let (msg, log, err) = self.hook_failure_text(i, handler.as_ref(), f);
            let (reason, text, hook_name) = match hook.kind {
                HookKind::PostStart => ("FailedPostStartHook", "PostStartHook failed", "postStart"),
                HookKind::PreStop => ("FailedPreStopHook", "PreStopHook failed", "preStop"),
            };
            self.warning(
                reason,
                Some(i),
                text.into(),
                Cause::new(Rule::HookFailed { hook: hook_name }),
            );
            let name = self.name(i).to_string();
            let klog = match hook.kind {
                HookKind::PostStart => "Failed to execute PostStartHook",
                HookKind::PreStop => "PreStop hook failed",
            };
            let pod = format!("{}/{}", self.run.namespace, self.run.pod_name);
            self.note(Some(i), NoteKind::KubeletLog, Text::same(log));
            self.note(
                Some(i),
                NoteKind::KubeletLog,
                Text::same(format!(
                    "\"{klog}\" err={} pod={} containerName={}",
                    go_quote(&err),
                    go_quote(&pod),
                    go_quote(&name)
                )),
            );
            failure = Some(msg);
        }
        match hook.kind {
            HookKind::PostStart => {
                if let Some(msg) = failure {
                    if let Some(c) = self.ctrs.get_mut(i) {
                        c.start_error = Some(("PostStartHookError", msg));
                    }
                    let grace = self.world.pod.termination_grace_period_seconds;
                    self.stop_container(i, StopReason::PostStartFailed, grace);
                } else {
                    self.become_running(i);
                }
                self.chain_next();
            }
            HookKind::PreStop => self.prestop_finished(i, false),
        }
    }

    // --- stopping containers ---

    /// `killContainer` (pkg/kubelet/kuberuntime/kuberuntime_container.go): the `Killing` event,
    /// then preStop whatever the reason of the kill (a failed postStart included) when the grace
    /// period is above 0, then, for a sidecar stopped with its pod, its turn
    /// (`terminationOrdering.waitForTurn`: after the app containers and the sidecars declared
    /// after it), then StopContainer: SIGTERM, SIGKILL when the grace period ends (at least
    /// `minimumGracePeriodInSeconds`, 2 s).
    pub(super) fn stop_container(&mut self, i: usize, reason: StopReason, grace_s: i64) {
        let Some(c) = self.ctrs.get(i) else { return };
        if c.stopping.is_some() || c.program.is_none() {
            return;
        }
        let name = c.spec.name.clone();
        let pre_stop = c.spec.lifecycle.pre_stop.clone();
        // a changed spec restarts whatever the policy (computePodActions: `restart = true`)
        let restart = reason == StopReason::SpecChanged || self.restarts_after_kill(i);
        // computePodActions (kuberuntime_manager.go): "Container %s failed liveness probe", and
        // ", will be restarted" only `if restart` (restartPolicy other than Never).
        let suffix = if restart { ", will be restarted" } else { "" };
        let msg = match reason {
            StopReason::Liveness => format!("Container {name} failed liveness probe{suffix}"),
            StopReason::Startup => format!("Container {name} failed startup probe{suffix}"),
            StopReason::SpecChanged => format!("Container {name} definition changed{suffix}"),
            StopReason::PostStartFailed => "FailedPostStartHook".to_string(),
            StopReason::Deletion => format!("Stopping container {name}"),
        };
        let policy = self.policy_of(i).as_str();
        let probe_kill = |kind: crate::sim::rules::ProbeKind, c: &super::Ctr| {
            let p = match kind {
                crate::sim::rules::ProbeKind::Liveness => c.spec.liveness_probe.as_ref(),
                _ => c.spec.startup_probe.as_ref(),
            };
            let th = p.map_or(3, |p| p.failure_threshold.max(1) as u32);
            Cause::new(Rule::ProbeThreshold {
                kind,
                success: false,
                consecutive: th,
                threshold: th,
            })
            .then(Rule::KilledByProbe { kind })
            .then(Rule::RestartPolicy { policy, restart })
        };
        let cause = match reason {
            StopReason::Liveness => probe_kill(crate::sim::rules::ProbeKind::Liveness, c),
            StopReason::Startup => probe_kill(crate::sim::rules::ProbeKind::Startup, c),
            StopReason::PostStartFailed => Cause::new(Rule::HookFailed { hook: "postStart" }),
            StopReason::SpecChanged => Cause::new(Rule::ImageChanged {
                image: c.spec.image.clone(),
            }),
            StopReason::Deletion => Cause::new(Rule::Deleted {
                grace_seconds: grace_s,
            }),
        };
        self.normal("Killing", Some(i), msg, cause);
        if let Some(c) = self.ctrs.get_mut(i) {
            c.stopping = Some(reason);
            // Ready stays as the readiness probe last said until the container has exited
            // (prober_manager.go UpdatePodStatus: not ready once `State.Running == nil`).
        }
        self.status_dirty = true;
        match pre_stop {
            Some(h) if grace_s > 0 => {
                // Cancel a still-running postStart.
                if let Some(c) = self.ctrs.get_mut(i) {
                    c.hook = None;
                }
                self.flow(
                    Component::Kubelet,
                    Some(i),
                    Text::new(
                        format!("{name}: preStop hook runs"),
                        format!("{name}：运行 preStop 钩子"),
                    ),
                    Cause::new(Rule::PreStop),
                );
                let deadline = self
                    .now
                    .saturating_add((grace_s as u64).saturating_mul(1000));
                self.start_hook(i, HookKind::PreStop, &h, Some(deadline));
            }
            _ => self.after_prestop(i, grace_s),
        }
    }

    /// `executePreStopHook` returned: the grace period left is what it was less the whole
    /// seconds the hook took (all of it when the hook was still running at its end).
    fn prestop_finished(&mut self, i: usize, timed_out: bool) {
        let Some(c) = self.ctrs.get(i) else { return };
        if c.program.is_none() {
            return;
        }
        let started = self
            .run
            .ctr
            .get(i)
            .and_then(|t| t.hooks.last())
            .map_or(self.now, |h| h.start);
        let grace_s = self.grace_for(i);
        let used_s = (self.now.0.saturating_sub(started.0) / 1000) as i64;
        if timed_out {
            let name = self.name(i).to_string();
            self.flow(
                Component::Kubelet,
                Some(i),
                Text::new(
                    format!("{name}: preStop still running when the grace period ended: 2s more"),
                    format!("{name}：宽限期结束时 preStop 仍在运行：再给 2s"),
                ),
                Cause::new(Rule::GraceExtension),
            );
        }
        self.after_prestop(i, grace_s.saturating_sub(used_s));
    }

    /// After preStop: a sidecar stopped with its pod waits for its turn; then StopContainer.
    fn after_prestop(&mut self, i: usize, left_s: i64) {
        let sidecar_kill = self.ctrs.get(i).is_some_and(|c| {
            c.kind == ContainerKind::Sidecar && c.stopping == Some(StopReason::Deletion)
        });
        if sidecar_kill && left_s > 0 && !self.turn_come(i) {
            let gen = self.ctrs.get(i).map_or(0, |c| c.gen);
            if let Some(c) = self.ctrs.get_mut(i) {
                c.turn_wait = Some((self.now, left_s));
            }
            let name = self.name(i).to_string();
            self.flow(
                Component::Kubelet,
                Some(i),
                Text::new(
                    format!("{name}: a sidecar waits for the app containers and the sidecars declared after it to exit before its SIGTERM"),
                    format!("{name}：Sidecar 要等应用容器和在它之后声明的 Sidecar 退出，才收到 SIGTERM"),
                ),
                Cause::new(Rule::SidecarOrder),
            );
            self.after(
                (left_s as u64).saturating_mul(1000),
                Ev::TurnOver { c: i as u16, gen },
            );
            return;
        }
        let grace = left_s.max(timing::MIN_GRACE_S);
        self.sigterm(i, (grace as u64).saturating_mul(1000));
    }

    /// A sidecar's turn to stop has come: every app container and every sidecar declared after
    /// it has exited (`newTerminationOrdering`).
    fn turn_come(&self, i: usize) -> bool {
        self.ctrs.iter().enumerate().all(|(j, c)| {
            let waits_for =
                c.kind == ContainerKind::App || (c.kind == ContainerKind::Sidecar && j > i);
            !waits_for || c.program.is_none()
        })
    }

    /// Sidecars whose turn has come (a container they wait for exited) get their SIGTERM, with
    /// the grace period less the whole seconds they waited.
    pub(super) fn sidecar_turns(&mut self) {
        for i in (0..self.ctrs.len()).rev() {
            let Some((since, left_s)) = self.ctrs.get(i).and_then(|c| c.turn_wait) else {
                continue;
            };
            if !self.turn_come(i) {
                continue;
            }
            if let Some(c) = self.ctrs.get_mut(i) {
                c.turn_wait = None;
            }
            let waited = (self.now.0.saturating_sub(since.0) / 1000) as i64;
            let grace = left_s.saturating_sub(waited).max(timing::MIN_GRACE_S);
            self.sigterm(i, (grace as u64).saturating_mul(1000));
        }
    }

    /// The grace period ran out while a sidecar waited for its turn: SIGTERM with the 2 s minimum.
    pub(super) fn turn_over(&mut self, i: usize, gen: u32) {
        if self
            .ctrs
            .get(i)
            .is_none_or(|c| c.gen != gen || c.turn_wait.is_none())
        {
            return;
        }
        if let Some(c) = self.ctrs.get_mut(i) {
            c.turn_wait = None;
        }
        self.sigterm(i, (timing::MIN_GRACE_S as u64) * 1000);
    }

    /// The grace period that applies to container `i`'s current stop (`setTerminationGracePeriod`:
    /// a probe's own terminationGracePeriodSeconds for its kill).
    fn grace_for(&self, i: usize) -> i64 {
        let pod = self.world.pod.termination_grace_period_seconds;
        let Some(c) = self.ctrs.get(i) else {
            return pod;
        };
        match c.stopping {
            Some(StopReason::Liveness) => c
                .spec
                .liveness_probe
                .as_ref()
                .and_then(|p| p.termination_grace_period_seconds)
                .unwrap_or(pod),
            Some(StopReason::Startup) => c
                .spec
                .startup_probe
                .as_ref()
                .and_then(|p| p.termination_grace_period_seconds)
                .unwrap_or(pod),
            _ => pod,
        }
    }

    fn sigterm(&mut self, i: usize, grace_ms: u64) {
        let gen = self.ctrs.get(i).map_or(0, |c| c.gen);
        let name = self.name(i).to_string();
        self.flow(
            Component::Cri,
            Some(i),
            Text::new(
                format!(
                    "StopContainer {name}: SIGTERM to PID 1, SIGKILL after {}",
                    go_duration(grace_ms)
                ),
                format!(
                    "StopContainer {name}：向 1 号进程发送 SIGTERM，{} 后发送 SIGKILL",
                    go_duration(grace_ms)
                ),
            ),
            Cause::new(Rule::SigTerm),
        );
        let outcome = self
            .ctrs
            .get_mut(i)
            .and_then(|c| c.program.as_mut())
            .map(|p| p.signal(Signal::Term));
        match outcome {
            Some(SignalOutcome::Exit { code, after_ms }) => {
                if after_ms < grace_ms {
                    self.exit_after(after_ms, i, gen, code);
                }
            }
            Some(SignalOutcome::Handled) => self.at(self.now, Ev::Wake { c: i as u16, gen }),
            Some(SignalOutcome::Ignore) | None => {}
        }
        self.after(grace_ms, Ev::GraceOver { c: i as u16, gen });
    }

    pub(super) fn grace_over(&mut self, i: usize, gen: u32) {
        if self
            .ctrs
            .get(i)
            .is_none_or(|c| c.gen != gen || c.program.is_none())
        {
            return;
        }
        let grace = self.grace_for(i);
        let name = self.name(i).to_string();
        self.flow(
            Component::Cri,
            Some(i),
            Text::new(
                format!("{name}: still running after the grace period: SIGKILL"),
                format!("{name}：宽限期结束后仍在运行：SIGKILL"),
            ),
            Cause::new(Rule::SigKill {
                grace_seconds: grace,
            }),
        );
        if let Some(p) = self.ctrs.get_mut(i).and_then(|c| c.program.as_mut()) {
            let _ = p.signal(Signal::Kill);
        }
        self.container_exited(i, 137, "Error", None);
    }

    pub(super) fn set_state(&mut self, i: usize, s: CState) {
        if let Some(tr) = self.run.ctr.get_mut(i) {
            // A terminated container shown as waiting again (CrashLoopBackOff, PostStartHookError)
            // keeps that run as its lastState (`status.LastTerminationState = status.State`).
            if matches!(s, CState::Waiting { .. }) {
                if let Some(CState::Terminated(t)) = tr.state.last() {
                    let t = t.clone();
                    tr.last_state.set(self.now, Some(t));
                }
            }
            tr.state.set(self.now, s);
        }
        self.status_dirty = true;
    }

    /// The last lines of the current run's log (FallbackToLogsOnError: 80 lines, 2048 bytes).
    fn log_tail(&self, i: usize) -> String {
        let Some(tr) = self.run.ctr.get(i) else {
            return String::new();
        };
        let instance = self.ctrs.get(i).map_or(0, |c| c.restart_count());
        let mut all = String::new();
        for l in tr.logs.iter().filter(|l| l.instance == instance) {
            all.push_str(&l.text);
        }
        let lines: Vec<&str> = all.lines().collect();
        let from = lines.len().saturating_sub(80);
        let mut s = lines.get(from..).unwrap_or(&[]).join("\n");
        if s.len() > 2048 {
            let mut cut = s.len() - 2048;
            while !s.is_char_boundary(cut) {
                cut += 1;
            }
            s = s.split_off(cut);
        }
        s
    }
}

/// The kubelet's `$(VAR)` expansion of command and args (`expansion.MappingFuncFor`): `$(VAR)`
/// becomes the variable's value when it is defined, `$$` escapes a `$`, anything else stays.
pub(crate) fn expand_vars(s: &str, env: &[(String, String)]) -> String {
    if !s.contains('$') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find('$') {
        out.push_str(rest.get(..pos).unwrap_or(""));
        let after = rest.get(pos + 1..).unwrap_or("");
        if let Some(r) = after.strip_prefix('$') {
            out.push('$');
            rest = r;
        } else if let Some(r) = after.strip_prefix('(') {
            match r.find(')') {
                Some(end) => {
                    let name = r.get(..end).unwrap_or("");
                    match env.iter().find(|(k, _)| k == name) {
                        Some((_, v)) => out.push_str(v),
                        None => {
                            out.push_str("$(");
                            out.push_str(name);
                            out.push(')');
                        }
                    }
                    rest = r.get(end + 1..).unwrap_or("");
                }
                None => {
                    out.push_str("$(");
                    rest = r;
                }
            }
        } else {
            out.push('$');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

fn launch_text(l: &Launch) -> String {
    let mut v: Vec<&str> = l.command.iter().map(String::as_str).collect();
    v.extend(l.args.iter().map(String::as_str));
    if v.is_empty() {
        format!("the image's own entrypoint ({})", l.image)
    } else {
        v.join(" ")
    }
}
