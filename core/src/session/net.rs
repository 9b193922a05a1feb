//! Traffic between the session's pods over the flat pod network, to Services, and from the
//! node's prompt (`curl`/`wget`).
//!
//! Each pod is played by its own engine. A connection a pod makes to an address that is not its
//! own (another pod's IP, a Service's ClusterIP) is listed by its run as an ask
//! (`Run::remote_asks`); the session answers it here by delivering it to the pod behind the
//! address as an inbound connection (`Options::inbound`, served by the program listening on
//! that port in that pod's engine, at the same instant of the session's clock), then plays the
//! asking pod again with the answer (`Options::net`). The answers are a function of the commands
//! typed before that instant, so a session stays deterministic; a command that changes the world
//! forgets the answers from its time on (`forget_after`).
//!
//! Simplifications (stated in ARCHITECTURE.md and the session's module notes):
//! - A Service's connection goes to one ready endpoint picked from a hash of the time and the
//!   request (kube-proxy's iptables mode picks at random, `-m statistic --mode random`); with no
//!   ready endpoint it is refused: kube-proxy's iptables mode installs a `REJECT` rule
//!   (`"<svc> has no endpoints"`, icmp-port-unreachable) for such a Service port
//!   (pkg/proxy/iptables/proxier.go). A ClusterIP port the Service does not have has no rule:
//!   the packet goes nowhere (timeout).
//! - A connection is served at the instant it is made (no transfer time); identical requests
//!   from one client at the same instant are served once.
//! - Headless Services are resolved only as for a pod alone (the pod itself when selected).
//! - Chains of connections (a pod whose server calls another pod while answering) are followed
//!   `MAX_DEPTH` deep; beyond, a connection times out.

use super::cluster::Cluster;
use crate::os::{HttpRequest, HttpResponse, SimTime};
use crate::sim::{Inbound, Net, RemoteResult};

/// Rounds of asking and answering per play of a pod (new answers may lead to new asks).
const MAX_ROUNDS: usize = 6;
/// How deep a pod's play may wait on another pod's.
const MAX_DEPTH: u32 = 3;

/// Where a connection goes.
enum Dest {
    /// To this pod, on this port.
    Pod(usize, u16),
    /// Nowhere: this is what it got.
    Done(RemoteResult),
}

/// A ready endpoint of a Service: the pod, its IP, its container ports (name, number).
pub(super) struct Endpoint {
    pub pod: usize,
    pub ip: String,
    pub ports: Vec<(Option<String>, i64)>,
}

impl Cluster {
    /// Plays pod `i` (its options set) and answers its connections to other addresses until none
    /// is left unanswered (or the rounds or depth run out: those time out).
    pub(super) fn play(&mut self, i: usize) {
        for round in 0..=MAX_ROUNDS {
            let Some(p) = self.round_input(i) else {
                return;
            };
            let run = crate::sim::simulate(&p.world, &p.opts);
            if !self.played(i, run, round) {
                return;
            }
        }
    }

    /// Pod `i` ready for a round of its play: the Services of now in its network options.
    pub(super) fn round_input(&mut self, i: usize) -> Option<&super::cluster::PodEntry> {
        let services = self.net_services();
        let p = self.pods.get_mut(i)?;
        p.opts.net.get_or_insert_with(Net::default).services = services;
        Some(p)
    }

    /// Round `round` of pod `i`'s play gave `run`: it is kept, and the connections it made to
    /// other addresses are answered (other pods play to serve them); true when the pod must play
    /// another round with the answers.
    pub(super) fn played(&mut self, i: usize, run: crate::sim::Run, round: usize) -> bool {
        let Some(p) = self.pods.get_mut(i) else {
            return false;
        };
        let asks = run.remote_asks().to_vec();
        let created = p.created;
        p.run = Some(run);
        if asks.is_empty() || round == MAX_ROUNDS || self.depth >= MAX_DEPTH {
            return false;
        }
        self.depth += 1;
        // where each goes first, then every delivery, then each pod played once with all of
        // its deliveries (a client in a loop asks many times in one play)
        let dests: Vec<(SimTime, Dest)> = asks
            .iter()
            .map(|ask| {
                let at = created.saturating_add(ask.at.0);
                (at, self.route(at, &ask.ip, ask.port, ask.http.as_ref()))
            })
            .collect();
        let queued: Vec<Option<(usize, Inbound)>> = dests
            .iter()
            .zip(&asks)
            .map(|((at, d), ask)| match d {
                Dest::Pod(j, port) => Some((*j, self.enqueue(*j, *at, *port, ask.http.as_ref()))),
                Dest::Done(_) => None,
            })
            .collect();
        let mut found = Vec::new();
        for ((ask, (at, d)), q) in asks.into_iter().zip(dests).zip(queued) {
            let r = match (d, q) {
                (_, Some((j, x))) => self.collect(j, at, &x),
                (Dest::Done(r), None) => r,
                (Dest::Pod(..), None) => RemoteResult::Timeout,
            };
            found.push((ask, r));
        }
        self.depth -= 1;
        if let Some(net) = self.pods.get_mut(i).and_then(|p| p.opts.net.as_mut()) {
            net.answers.extend(found);
        }
        true
    }

    /// The Services the cluster DNS answers for (name, namespace, ClusterIP), headless ones left
    /// out.
    fn net_services(&self) -> Vec<(String, String, String)> {
        self.objs
            .iter()
            .filter(|o| o.kind == "Service" && o.deleted.is_none())
            .filter_map(|o| {
                let s = crate::model::Service::from_tree(&o.tree);
                let ip = service_ip(&s)?;
                Some((s.meta.name.clone(), s.meta.namespace.clone(), ip))
            })
            .collect()
    }

    /// A connection made at `t` (session clock) from a pod or the node to `ip:port` (no network
    /// policy: where it comes from does not matter). The node's prompt reaches pod IPs and
    /// ClusterIPs this way (not Service names: the node does not use the cluster DNS).
    pub(super) fn answer(
        &mut self,
        t: SimTime,
        ip: &str,
        port: u16,
        http: Option<&HttpRequest>,
    ) -> RemoteResult {
        match self.route(t, ip, port, http) {
            Dest::Pod(j, port) => {
                let x = self.enqueue(j, t, port, http);
                self.collect(j, t, &x)
            }
            Dest::Done(r) => r,
        }
    }

    /// Where a connection at `t` to `ip:port` goes: a pod and its port (a Service's picked
    /// endpoint and targetPort), or nowhere (refused, timeout).
    fn route(&mut self, t: SimTime, ip: &str, port: u16, http: Option<&HttpRequest>) -> Dest {
        if let Some(svc) = self.service_at_ip(ip, t) {
            let Some(sp) = svc.ports.iter().find(|p| p.port == i64::from(port)) else {
                return Dest::Done(RemoteResult::Timeout);
            };
            let picks: Vec<(usize, u16)> = self
                .endpoints(&svc, t)
                .into_iter()
                .filter_map(|e| {
                    let n = match &sp.target_port {
                        crate::model::PortRef::Number(n) => Some(*n),
                        crate::model::PortRef::Name(name) => e
                            .ports
                            .iter()
                            .find(|(pn, _)| pn.as_deref() == Some(name))
                            .map(|(_, n)| *n),
                    }?;
                    Some((e.pod, u16::try_from(n).ok()?))
                })
                .collect();
            if picks.is_empty() {
                return Dest::Done(RemoteResult::Refused);
            }
            let key = format!("{}/{ip}/{port}/{}", t.0, http.map_or("", |h| h.path.as_str()));
            let k = (crate::derived::fnv(key.as_bytes()) % picks.len() as u64) as usize;
            return match picks.get(k) {
                Some(&(pod, target)) => Dest::Pod(pod, target),
                None => Dest::Done(RemoteResult::Refused),
            };
        }
        let target = self.live_pods(t).into_iter().find(|&j| {
            let local = self.local(j, t);
            self.pods
                .get(j)
                .and_then(|p| p.run.as_ref())
                .is_some_and(|r| r.state_at(local).pod_ip == Some(ip))
        });
        match target {
            Some(j) => Dest::Pod(j, port),
            None => Dest::Done(RemoteResult::Timeout),
        }
    }

    /// The live Service whose ClusterIP is `ip` at `t`.
    fn service_at_ip(&self, ip: &str, t: SimTime) -> Option<crate::model::Service> {
        self.objs
            .iter()
            .filter(|o| o.kind == "Service" && o.created <= t && o.deleted.is_none_or(|d| d > t))
            .map(|o| crate::model::Service::from_tree(&o.tree))
            .find(|s| service_ip(s).as_deref() == Some(ip))
    }

    /// Puts a connection to pod `j` on `port` at `t` (session clock) in its input (once: the same
    /// request at the same instant is served once); the pod plays again when next asked.
    fn enqueue(&mut self, j: usize, t: SimTime, port: u16, http: Option<&HttpRequest>) -> Inbound {
        let local = self.local(j, t);
        let x = Inbound {
            at: local,
            port,
            http: http.cloned(),
        };
        if let Some(p) = self.pods.get_mut(j) {
            if !p.opts.inbound.contains(&x) {
                // kept in time order, as the engine's results are
                let k = p.opts.inbound.partition_point(|y| y.at <= local);
                p.opts.inbound.insert(k, x.clone());
                p.run = None;
            }
        }
        x
    }

    /// What pod `j` did with connection `x` (played up to `t` with it).
    fn collect(&mut self, j: usize, t: SimTime, x: &Inbound) -> RemoteResult {
        let unplayed = self.pods.get(j).is_some_and(|p| p.run.is_none());
        if unplayed && self.depth >= MAX_DEPTH {
            return RemoteResult::Timeout;
        }
        self.ensure(j, t);
        let Some(p) = self.pods.get(j) else {
            return RemoteResult::Timeout;
        };
        p.opts
            .inbound
            .iter()
            .position(|y| y == x)
            .and_then(|k| p.run.as_ref()?.inbound_results().get(k).cloned())
            .unwrap_or(RemoteResult::Timeout)
    }

    /// The ready endpoints of Service `s` at `t`: the pods its selector picks with their labels
    /// of then, Ready and not terminating, in creation order.
    pub(super) fn endpoints(&mut self, s: &crate::model::Service, t: SimTime) -> Vec<Endpoint> {
        let mut out = Vec::new();
        if s.selector.is_empty() {
            return out;
        }
        for i in self.live_pods(t) {
            let local = self.local(i, t);
            let Some(p) = self.pods.get(i) else { continue };
            if !s.selects(p.labels_at(t)) {
                continue;
            }
            let Some(run) = p.run.as_ref() else { continue };
            let snap = run.state_at(local);
            let ready = snap
                .conditions
                .iter()
                .any(|c| c.type_name == "Ready" && c.status);
            if let (true, None, Some(ip)) = (ready, snap.deletion, snap.pod_ip) {
                let ports = p
                    .world
                    .pod
                    .containers
                    .iter()
                    .flat_map(|c| c.ports.iter())
                    .map(|cp| (cp.name.clone(), cp.container_port))
                    .collect();
                out.push(Endpoint {
                    pod: i,
                    ip: ip.to_string(),
                    ports,
                });
            }
        }
        out
    }

    /// A command changed the world at `t`: answers and deliveries from `t` on may differ now, so
    /// they are forgotten (and the pods that had them played again when next asked).
    pub(super) fn forget_after(&mut self, t: SimTime) {
        for p in &mut self.pods {
            let created = p.created;
            let later = |at: SimTime| created.saturating_add(at.0) >= t;
            let mut changed = false;
            if let Some(net) = p.opts.net.as_mut() {
                let n = net.answers.len();
                net.answers.retain(|(a, _)| !later(a.at));
                changed |= net.answers.len() != n;
            }
            let n = p.opts.inbound.len();
            p.opts.inbound.retain(|x| !later(x.at));
            changed |= p.opts.inbound.len() != n;
            if changed {
                p.run = None;
            }
        }
    }
}

fn service_ip(s: &crate::model::Service) -> Option<String> {
    if s.is_headless() {
        return None;
    }
    Some(
        s.cluster_ip
            .clone()
            .unwrap_or_else(|| crate::derived::service_cluster_ip(&s.meta.name)),
    )
}

/// The answer as the prompt's `curl`/`wget` sees it.
pub(super) fn to_http(r: RemoteResult) -> Result<HttpResponse, crate::os::NetError> {
    match r {
        RemoteResult::Http(resp) => Ok(resp),
        RemoteResult::Connected | RemoteResult::Refused => {
            Err(crate::os::NetError::ConnectionRefused)
        }
        RemoteResult::Timeout => Err(crate::os::NetError::Timeout),
    }
}
