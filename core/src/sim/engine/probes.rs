//! The prober workers (`pkg/kubelet/prober/worker.go`): one per probe of each container, started
//! when the kubelet admits the pod and ticking every `periodSeconds` from then on. A tick probes
//! only a running container, after `initialDelaySeconds` (whole seconds since it started), and
//! liveness/readiness only once the startup probe has succeeded. Results count consecutive runs;
//! reaching `failureThreshold` / `successThreshold` changes the result; a liveness or startup
//! failure kills the container and puts the worker on hold until the next container.

use super::{Engine, Ev, Life, StopReason};

use crate::diag::Text;
use crate::model::{Handler, PortRef, Probe};
use crate::sim::process::HttpRequest;
use crate::sim::rules::{Cause, ProbeKind, Rule};
use crate::sim::run::*;

/// Polls of an exec probe's program at most (each may sleep; the sleeps count toward
/// `timeoutSeconds`).
const MAX_EXEC_POLLS: u32 = 256;

fn kind_of(k: u8) -> ProbeKind {
    match k {
        0 => ProbeKind::Startup,
        1 => ProbeKind::Liveness,
        _ => ProbeKind::Readiness,
    }
}

impl Engine<'_> {
    pub(super) fn probe_spec(&self, c: usize, kind: ProbeKind) -> Option<&Probe> {
        let spec = &self.ctrs.get(c)?.spec;
        match kind {
            ProbeKind::Startup => spec.startup_probe.as_ref(),
            ProbeKind::Liveness => spec.liveness_probe.as_ref(),
            ProbeKind::Readiness => spec.readiness_probe.as_ref(),
        }
    }

    pub(super) fn start_probe_workers(&mut self) {
        self.start_probe_workers_inner();
        self.queue_probes();
    }

    fn start_probe_workers_inner(&mut self) {
        for c in 0..self.ctrs.len() {
            // Regular init containers have no probes (validation forbids them).
            if self
                .ctrs
                .get(c)
                .is_some_and(|x| x.kind == ContainerKind::Init)
            {
                continue;
            }
            for kind in ProbeKind::ALL {
                if self.probe_spec(c, kind).is_some() {
                    if let Some(w) = self
                        .ctrs
                        .get_mut(c)
                        .and_then(|x| x.probes.get_mut(kind.index()))
                    {
                        w.active = true;
                    }
                    self.probe_next
                        .push((self.now, c as u16, kind.index() as u8));
                    // One record per tick: reserve them once (bounded) instead of growing.
                    let period = self.probe_spec(c, kind).map_or(10_000, |p| {
                        (p.period_seconds.max(1) as u64).saturating_mul(1000)
                    });
                    let n = (self.opts.until.0.saturating_sub(self.now.0) / period).min(100_000)
                        as usize;
                    if let Some(v) = self
                        .run
                        .ctr
                        .get_mut(c)
                        .and_then(|t| t.probes.get_mut(kind.index()))
                    {
                        v.reserve_exact(n + 1);
                    }
                }
            }
        }
    }

    /// Queues one entry for the earliest due prober worker.
    fn queue_probes(&mut self) {
        let Some(next) = self.probe_next.iter().map(|p| p.0).min() else {
            return;
        };
        if self.probes_queued == Some(next) {
            return;
        }
        self.probes_queued = Some(next);
        self.at(next, Ev::Probes);
    }

    /// Runs every prober worker due now (in the order they started) and queues the next ones.
    pub(super) fn probe_batch(&mut self) {
        if self.probes_queued == Some(self.now) {
            self.probes_queued = None;
        }
        // A worker exits once the pod's phase is terminal (worker.go doProbe).
        if self.terminal {
            return;
        }
        let now = self.now;
        for k in 0..self.probe_next.len() {
            let Some(&(t, c, kind)) = self.probe_next.get(k) else {
                break;
            };
            if t != now {
                continue;
            }
            let period = self
                .probe_spec(c as usize, kind_of(kind))
                .map_or(10_000, |p| {
                    (p.period_seconds.max(1) as u64).saturating_mul(1000)
                });
            if let Some(e) = self.probe_next.get_mut(k) {
                e.0 = now.saturating_add(period);
            }
            self.probe_tick(c as usize, kind);
        }
        self.queue_probes();
    }

    fn probe_tick(&mut self, c: usize, k: u8) {
        let kind = kind_of(k);
        let Some(probe) = self.probe_spec(c, kind) else {
            return;
        };
        let initial = probe.initial_delay_seconds;
        let fail_th = probe.failure_threshold.max(1) as u32;
        let ok_th = probe.success_threshold.max(1) as u32;
        let Some(ctr) = self.ctrs.get(c) else { return };
        if ctr.life != Life::Running {
            return;
        }
        // worker.go: once the pod is being deleted, liveness and startup stop ("Pod deletion
        // requested, setting probe result to success"); readiness keeps probing until the
        // container exits, so a terminating pod stays Ready until then.
        if kind != ProbeKind::Readiness && (self.deleting || ctr.stopping.is_some()) {
            return;
        }
        let instance = ctr.restart_count();
        let has_startup = ctr.spec.startup_probe.is_some();
        let started = ctr.started;
        let started_at = ctr.started_at;
        let ki = kind.index();
        let Some(w) = self.ctrs.get_mut(c).and_then(|x| x.probes.get_mut(ki)) else {
            return;
        };
        if w.instance != instance {
            *w = super::ProbeWorker {
                active: true,
                instance,
                ..Default::default()
            };
        }
        if w.on_hold {
            return;
        }
        match kind {
            ProbeKind::Startup if started => return,
            ProbeKind::Liveness | ProbeKind::Readiness if has_startup && !started => return,
            _ => {}
        }
        if (self.now.0.saturating_sub(started_at.0) / 1000) < initial.max(0) as u64 {
            return;
        }
        let (ok, msg) = self.run_probe(c, kind);
        let Some(w) = self.ctrs.get_mut(c).and_then(|x| x.probes.get_mut(ki)) else {
            return;
        };
        if w.last_ok == Some(ok) {
            w.run = w.run.saturating_add(1);
        } else {
            w.last_ok = Some(ok);
            w.run = 1;
        }
        let consecutive = w.run;
        let threshold = if ok { ok_th } else { fail_th };
        let reached = consecutive >= threshold;
        let changed = reached && w.result != Some(ok);
        if reached {
            w.result = Some(ok);
            if !ok && matches!(kind, ProbeKind::Liveness | ProbeKind::Startup) {
                w.on_hold = true;
                w.run = 0;
            }
        }
        if let Some(tr) = self.run.ctr.get_mut(c) {
            if let Some(v) = tr.probes.get_mut(ki) {
                v.push(ProbeTick {
                    t: self.now,
                    kind,
                    ok,
                    consecutive,
                    threshold,
                    changed,
                    instance,
                });
            }
        }
        if !ok {
            let cause = if reached {
                Cause::new(Rule::ProbeThreshold {
                    kind,
                    success: false,
                    consecutive,
                    threshold,
                })
            } else {
                Cause::new(Rule::ProbeFailed {
                    kind,
                    consecutive,
                    threshold,
                })
            };
            self.warning(
                "Unhealthy",
                Some(c),
                format!("{} probe failed: {}", kind.title(), msg.trim_end()),
                cause,
            );
        }
        if !reached {
            return;
        }
        match (kind, ok) {
            (ProbeKind::Liveness, false) => {
                let grace = self.grace_of(c, kind);
                self.stop_container(c, StopReason::Liveness, grace);
            }
            (ProbeKind::Startup, false) => {
                let grace = self.grace_of(c, kind);
                self.stop_container(c, StopReason::Startup, grace);
            }
            (ProbeKind::Startup, true) => {
                if let Some(x) = self.ctrs.get_mut(c) {
                    x.started = true;
                    if x.spec.readiness_probe.is_none() {
                        x.ready = true;
                    }
                }
                self.status_dirty = true;
                let t = self.next_relist();
                self.sync_at(t);
            }
            (ProbeKind::Readiness, ok) => {
                if let Some(x) = self.ctrs.get_mut(c) {
                    if x.ready != ok {
                        x.ready = ok;
                        self.status_dirty = true;
                    }
                }
            }
            (ProbeKind::Liveness, true) => {}
        }
    }

    /// `prober_manager.go UpdatePodStatus`, run with the status generated after each pod sync: a
    /// started, running container whose readiness probe has not succeeded yet gets its readiness
    /// worker triggered at once (`manualTriggerCh`), and the worker's ticker starts again from
    /// that run. (The trigger is skipped only under the ContainerLifecycleProber gate, alpha and
    /// off by default.)
    pub(super) fn trigger_readiness(&mut self) {
        let ki = ProbeKind::Readiness.index() as u8;
        let now = self.now;
        let mut any = false;
        for k in 0..self.probe_next.len() {
            let Some(&(t, c, kind)) = self.probe_next.get(k) else {
                break;
            };
            if kind != ki || t == now {
                continue;
            }
            let due = self.ctrs.get(c as usize).is_some_and(|x| {
                x.life == Life::Running && x.started && !x.ready && x.stopping.is_none()
            });
            if due {
                if let Some(e) = self.probe_next.get_mut(k) {
                    e.0 = now;
                }
                any = true;
            }
        }
        if any {
            self.probes_queued = None;
            self.queue_probes();
        }
    }

    fn grace_of(&self, c: usize, kind: ProbeKind) -> i64 {
        self.probe_spec(c, kind)
            .and_then(|p| p.termination_grace_period_seconds)
            .unwrap_or(self.world.pod.termination_grace_period_seconds)
    }

    fn probe_port(&self, c: usize, port: &PortRef) -> Option<u16> {
        match port {
            PortRef::Number(n) => u16::try_from(*n).ok(),
            PortRef::Name(name) => self
                .ctrs
                .get(c)
                .and_then(|x| x.spec.port_named(name))
                .and_then(|n| u16::try_from(n).ok()),
        }
    }

    /// Runs one probe: (success, the kubelet's output on failure).
    fn run_probe(&mut self, c: usize, kind: ProbeKind) -> (bool, String) {
        enum Act {
            Exec(Vec<String>),
            Http {
                port: Option<u16>,
                local: bool,
                text: String,
            },
            Tcp {
                port: Option<u16>,
                host: Option<String>,
                text: String,
            },
            Grpc(u16),
            Nothing,
        }
        let Some(probe) = self.probe_spec(c, kind) else {
            return (true, String::new());
        };
        let timeout_ms = (probe.timeout_seconds.max(1) as u64).saturating_mul(1000);
        let ip = self.pod_ip.as_deref().unwrap_or("");
        let act = match &probe.handler {
            Handler::Exec { command } => Act::Exec(command.clone()),
            Handler::HttpGet { port, host, .. } => Act::Http {
                port: self.probe_port(c, port),
                local: host
                    .as_deref()
                    .is_none_or(|h| h == ip || h == "127.0.0.1" || h == "localhost"),
                text: match port {
                    PortRef::Name(n) => n.clone(),
                    PortRef::Number(_) => String::new(),
                },
            },
            Handler::TcpSocket { port, host } => Act::Tcp {
                port: self.probe_port(c, port),
                host: host.clone(),
                text: match port {
                    PortRef::Name(n) => n.clone(),
                    PortRef::Number(_) => String::new(),
                },
            },
            Handler::Grpc { port, .. } => Act::Grpc(u16::try_from(*port).unwrap_or(0)),
            Handler::Sleep { .. } => Act::Nothing,
        };
        match act {
            Act::Exec(command) => self.exec_probe(c, &command, timeout_ms),
            Act::Http {
                port: None, text, ..
            }
            | Act::Tcp {
                port: None, text, ..
            } => (false, format!("unable to resolve port {text}")),
            Act::Http {
                port: Some(p),
                local,
                ..
            } => {
                let ki = kind.index();
                let cached = self
                    .ctrs
                    .get_mut(c)
                    .and_then(|x| x.probe_req.get_mut(ki))
                    .and_then(|r| r.take());
                let req = match cached {
                    Some(r) => r,
                    None => self.probe_request(c, kind, p),
                };
                let target = if local { self.listener(p) } else { None };
                let resp = match target {
                    Some(to) => self.serve(to, &req),
                    None => None,
                };
                let out = match resp {
                    Some(r) if (200..400).contains(&r.status) => (true, String::new()),
                    Some(r) => (
                        false,
                        format!("HTTP probe failed with statuscode: {}", r.status),
                    ),
                    None => {
                        let scheme = match self.probe_spec(c, kind).map(|p| &p.handler) {
                            Some(Handler::HttpGet { scheme, .. }) => scheme.to_ascii_lowercase(),
                            _ => "http".into(),
                        };
                        (
                            false,
                            format!(
                                "Get \"{scheme}://{}:{p}{}\": dial tcp {}:{p}: connect: connection refused",
                                req.host, req.path, req.host
                            ),
                        )
                    }
                };
                if let Some(slot) = self.ctrs.get_mut(c).and_then(|x| x.probe_req.get_mut(ki)) {
                    *slot = Some(req);
                }
                out
            }
            Act::Tcp {
                port: Some(p),
                host,
                ..
            } => {
                let local = host.as_deref().is_none_or(|h| {
                    Some(h) == self.pod_ip.as_deref() || h == "127.0.0.1" || h == "localhost"
                });
                if local && self.listener(p).is_some() {
                    (true, String::new())
                } else {
                    let h = host.or_else(|| self.pod_ip.clone()).unwrap_or_default();
                    (
                        false,
                        format!("dial tcp {h}:{p}: connect: connection refused"),
                    )
                }
            }
            Act::Grpc(p) => {
                if self.listener(p).is_some() {
                    self.note(
                        Some(c),
                        NoteKind::Simplification,
                        Text::new(
                            "a gRPC probe succeeds when something listens on its port (the playground does not speak the gRPC health protocol)",
                            "只要其端口上有程序在监听，gRPC 探针就算成功（playground 不实现 gRPC 健康检查协议）",
                        ),
                    );
                    (true, String::new())
                } else {
                    let ip = self.pod_ip.clone().unwrap_or_default();
                    (
                        false,
                        format!(
                            "timeout: failed to connect service \"{ip}:{p}\" within {}s: context deadline exceeded",
                            timeout_ms / 1000
                        ),
                    )
                }
            }
            Act::Nothing => (true, String::new()),
        }
    }

    /// An exec probe: the command runs in the container (its files, env, network); its sleeps
    /// count toward `timeoutSeconds`. The probe's own effects happen at the probe's time.
    fn exec_probe(&mut self, c: usize, command: &[String], timeout_ms: u64) -> (bool, String) {
        let image = self
            .ctrs
            .get(c)
            .map(|x| x.spec.image.clone())
            .unwrap_or_default();
        let ran = self.run_to_end(c, &image, command, MAX_EXEC_POLLS, |elapsed, _| {
            elapsed >= timeout_ms
        });
        if let Some(err) = &ran.start_error {
            // the runtime could not start the command: the probe fails with runc's answer
            // (`Liveness probe failed: OCI runtime exec failed: …`, as clusters print it)
            return (false, crate::sim::runtime::oci_exec_error(err));
        }
        match ran.exit {
            Some(0) => (true, String::new()),
            Some(_) => (false, ran.output),
            None => (
                false,
                format!("command \"{}\" timed out", command.join(" ")),
            ),
        }
    }
}

impl Engine<'_> {
    /// The kubelet's request for an httpGet probe, built once per container and probe.
    fn probe_request(&self, c: usize, kind: ProbeKind, port: u16) -> HttpRequest {
        let ip = self.pod_ip.clone().unwrap_or_default();
        let (path, host, headers) = match self.probe_spec(c, kind).map(|p| &p.handler) {
            Some(Handler::HttpGet {
                path,
                host,
                headers,
                ..
            }) => (path.clone(), host.clone(), headers.clone()),
            _ => (String::new(), None, Vec::new()),
        };
        let mut hs = vec![("User-Agent".to_string(), "kube-probe/1.37".to_string())];
        hs.extend(headers);
        HttpRequest {
            host: host.unwrap_or(ip),
            port,
            path: if path.is_empty() { "/".into() } else { path },
            headers: hs,
            client: None,
        }
    }
}
