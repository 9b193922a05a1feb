//! The pod's network namespace as state: its port table (one per namespace, shared by every
//! container of the pod), cluster DNS, and connections routed to the program that listens.
//!
//! Simplifications: alone (the play area), only this pod exists; a Service routes to it when its
//! selector selects the pod's labels and the pod is Ready (otherwise it has no endpoints and
//! kube-proxy rejects the connection); other addresses do not answer (timeout). In a session
//! (`Options::net`), a connection to any address that is not the pod's own (another pod, a
//! Service's ClusterIP) is answered by the session (`session/net.rs`), which delivers it to the
//! pod behind it as an `Options::inbound` connection; until it has answered, the connection is
//! listed in `Run::remote_asks`.

use super::{Engine, Listener};
use crate::diag::Text;
use crate::model::{DnsPolicy, PortRef};
use crate::sim::process::*;
use crate::sim::rules::{Cause, Rule};
use crate::sim::run::*;

/// Nested requests (a server that calls another while answering) stop at this depth.
pub const MAX_HTTP_DEPTH: u32 = 4;
/// Connections recorded at most.
pub const MAX_CONNECTIONS: usize = 10_000;
/// Ports the node's own processes hold (kubelet, kube-proxy): a hostNetwork pod cannot bind them.
const NODE_PORTS: [u16; 2] = [10250, 10256];

/// Where a connection goes.
enum Route {
    /// To this pod's network namespace, on this port.
    Pod(u16),
    /// A Service with no ready endpoint in the input.
    NoEndpoints,
    /// An address outside the pod (no answer).
    Outside,
}

impl Engine<'_> {
    pub(super) fn listen(&mut self, c: usize, port: u16, proto: Proto) -> Result<(), NetError> {
        let taken = self
            .listeners
            .iter()
            .any(|l| l.port == port && l.proto == proto)
            || (self.world.pod.host_network && NODE_PORTS.contains(&port));
        if taken {
            let owner = self
                .listeners
                .iter()
                .find(|l| l.port == port && l.proto == proto)
                .map(|l| self.name(l.c).to_string())
                .unwrap_or_else(|| "the node".into());
            let me = self.name(c).to_string();
            self.flow(
                Component::Container,
                Some(c),
                Text::new(
                    format!("{me}: bind(:{port}) fails: address already in use ({owner} holds it)"),
                    format!("{me}：bind(:{port}) 失败：地址已被占用（{owner} 占着它）"),
                ),
                Cause::new(Rule::PortInUse { port }),
            );
            return Err(NetError::AddrInUse);
        }
        let instance = self.ctrs.get(c).map_or(0, |x| x.restart_count());
        let pid = self
            .ctrs
            .get(c)
            .and_then(|x| x.pids.first())
            .map_or(1, |(_, p)| *p);
        let host_port = self.ctrs.get(c).and_then(|x| {
            x.spec
                .ports
                .iter()
                .find(|p| p.container_port == port as i64)
                .and_then(|p| p.host_port)
                .and_then(|h| u16::try_from(h).ok())
        });
        self.run.sockets.push(Socket {
            port,
            proto,
            container: c,
            instance,
            pid,
            opened: self.now,
            closed: None,
            host_port,
        });
        self.listeners.push(Listener {
            port,
            proto,
            c,
            socket: self.run.sockets.len() - 1,
        });
        Ok(())
    }

    pub(super) fn unlisten(&mut self, c: usize, port: u16, proto: Proto) {
        let now = self.now;
        let run = &mut self.run;
        self.listeners.retain(|l| {
            if l.c == c && l.port == port && l.proto == proto {
                if let Some(s) = run.sockets.get_mut(l.socket) {
                    s.closed = Some(now);
                }
                false
            } else {
                true
            }
        });
    }

    /// Closes every socket of a container (its process ended).
    pub(super) fn close_sockets(&mut self, c: usize) {
        let now = self.now;
        let run = &mut self.run;
        self.listeners.retain(|l| {
            if l.c == c {
                if let Some(s) = run.sockets.get_mut(l.socket) {
                    s.closed = Some(now);
                }
                false
            } else {
                true
            }
        });
    }

    fn cluster_dns(&self) -> bool {
        let pod = &self.world.pod;
        match pod.dns_policy {
            DnsPolicy::ClusterFirst => !pod.host_network,
            DnsPolicy::ClusterFirstWithHostNet => true,
            DnsPolicy::Default | DnsPolicy::None => false,
        }
    }

    /// DNS as the pod sees it: `/etc/hosts` (localhost, its own hostname, hostAliases), then the
    /// cluster DNS (Services of the input by `name`, `name.ns`, `name.ns.svc`,
    /// `name.ns.svc.cluster.local`; `kubernetes`).
    pub(super) fn resolve(&self, name: &str) -> Option<String> {
        let name = name.trim_end_matches('.');
        if name.is_empty() {
            return None;
        }
        if name.parse::<std::net::Ipv4Addr>().is_ok() {
            return Some(name.to_string());
        }
        if name == "localhost" {
            return Some("127.0.0.1".into());
        }
        let pod = &self.world.pod;
        if name == self.pod_hostname() {
            return self.pod_ip.clone();
        }
        for a in &pod.host_aliases {
            if a.hostnames.iter().any(|h| h == name) {
                return Some(a.ip.clone());
            }
        }
        if !self.cluster_dns() {
            return None;
        }
        let (svc, ns) = split_service(name, &pod.meta.namespace)?;
        if svc == "kubernetes" && ns == "default" {
            return Some("10.96.0.1".into());
        }
        let session = self.opts.net.as_ref().and_then(|n| {
            n.services
                .iter()
                .find(|(name, sns, _)| name == svc && sns == ns)
                .map(|(_, _, ip)| ip.clone())
        });
        if session.is_some() {
            return session;
        }
        for (s, ip) in self.world.service_ips() {
            if s.meta.name == svc && s.meta.namespace == ns {
                return match ip {
                    Some(ip) => Some(ip),
                    // Headless: the ready pods it selects.
                    None => {
                        if s.selects(&pod.meta.labels) && self.pod_ready() {
                            self.pod_ip.clone()
                        } else {
                            None
                        }
                    }
                };
            }
        }
        None
    }

    pub(super) fn pod_ready(&self) -> bool {
        self.run
            .conditions
            .get(ConditionType::Ready.index())
            .and_then(|c| c.last())
            .is_some_and(|c| c.status)
    }

    fn route(&self, ip: &str, port: u16) -> Route {
        let own =
            matches!(ip, "127.0.0.1" | "0.0.0.0" | "::1") || self.pod_ip.as_deref() == Some(ip);
        if own {
            return Route::Pod(port);
        }
        for (s, sip) in self.world.service_ips() {
            if sip.as_deref() != Some(ip) {
                continue;
            }
            let Some(sp) = s.ports.iter().find(|p| p.port == port as i64) else {
                return Route::NoEndpoints;
            };
            if !s.selects(&self.world.pod.meta.labels) || !self.pod_ready() {
                return Route::NoEndpoints;
            }
            let target = match &sp.target_port {
                PortRef::Number(n) => u16::try_from(*n).ok(),
                PortRef::Name(name) => self
                    .ctrs
                    .iter()
                    .find_map(|c| c.spec.port_named(name))
                    .and_then(|n| u16::try_from(n).ok()),
            };
            return match target {
                Some(t) => Route::Pod(t),
                None => Route::NoEndpoints,
            };
        }
        Route::Outside
    }

    pub(super) fn listener(&self, port: u16) -> Option<usize> {
        self.listeners
            .iter()
            .find(|l| l.port == port && l.proto == Proto::Tcp)
            .map(|l| l.c)
    }

    fn record(
        &mut self,
        from: usize,
        host: &str,
        ip: Option<String>,
        port: u16,
        to: Option<usize>,
        result: ConnResult,
    ) {
        if self.run.connections.len() >= MAX_CONNECTIONS {
            self.note(
                None,
                NoteKind::Budget,
                Text::new(
                    format!("more than {MAX_CONNECTIONS} connections: later ones are not recorded"),
                    format!("连接超过 {MAX_CONNECTIONS} 个：之后的连接不再记录"),
                ),
            );
            return;
        }
        self.run.connections.push(Connection {
            t: self.now,
            from,
            host: host.to_string(),
            ip,
            port,
            to_container: to,
            result,
        });
    }

    /// An HTTP request made by a program of container `from`.
    pub(super) fn http_from(
        &mut self,
        from: usize,
        req: &HttpRequest,
    ) -> Result<HttpResponse, NetError> {
        if let Some(r) = self.remote(from, &req.host, req.port, Some(req)) {
            return match r {
                Ok(Some(resp)) => Ok(resp),
                Ok(None) => Err(NetError::ConnectionRefused),
                Err(e) => Err(e),
            };
        }
        let (ip, to, port) = self.connect(from, &req.host, req.port)?;
        let (result, outcome) = match self.serve_dnat(to, req, port) {
            Some(resp) => (ConnResult::Http(resp.status), Ok(resp)),
            None => (ConnResult::Refused, Err(NetError::ConnectionRefused)),
        };
        self.record(from, &req.host, Some(ip), req.port, Some(to), result);
        outcome
    }

    /// A DNS query of container `from` (`nslookup`), recorded as an attempt on port 53.
    pub(super) fn dns_from(&mut self, from: usize, name: &str) -> Option<String> {
        let ip = self.resolve(name);
        let result = if ip.is_some() {
            ConnResult::Resolved
        } else {
            ConnResult::NxDomain
        };
        self.record(from, name, ip.clone(), 53, None, result);
        ip
    }

    pub(super) fn tcp_from(&mut self, from: usize, host: &str, port: u16) -> Result<(), NetError> {
        if let Some(r) = self.remote(from, host, port, None) {
            return r.map(|_| ());
        }
        let (ip, to, _) = self.connect(from, host, port)?;
        self.record(from, host, Some(ip), port, Some(to), ConnResult::Connected);
        Ok(())
    }

    /// The container listening where a connection from container `from` to `host:port` lands,
    /// the address `host` resolved to and the pod's port; a connection that reaches no listener
    /// is recorded here, with its error.
    fn connect(
        &mut self,
        from: usize,
        host: &str,
        port: u16,
    ) -> Result<(String, usize, u16), NetError> {
        let Some(ip) = self.resolve(host) else {
            self.record(from, host, None, port, None, ConnResult::Unresolved);
            return Err(NetError::UnknownHost);
        };
        let (result, err) = match self.route(&ip, port) {
            Route::Pod(p) => match self.listener(p) {
                Some(to) => return Ok((ip, to, p)),
                None => (ConnResult::Refused, NetError::ConnectionRefused),
            },
            Route::NoEndpoints => (ConnResult::Refused, NetError::ConnectionRefused),
            Route::Outside => {
                self.outside_note(from, &ip);
                (ConnResult::Timeout, NetError::Timeout)
            }
        };
        self.record(from, host, Some(ip), port, None, result);
        Err(err)
    }

    /// In a session, a connection to an address that is not the pod's own: the session's answer
    /// (`Ok(Some(response))` for a request, `Ok(None)` for a connect), or, before it has one, a
    /// timeout and an ask in `Run::remote_asks`. None when the pod is alone, the address is its
    /// own, the API server's, or the name does not resolve (handled as for a pod alone).
    fn remote(
        &mut self,
        from: usize,
        host: &str,
        port: u16,
        http: Option<&HttpRequest>,
    ) -> Option<Result<Option<HttpResponse>, NetError>> {
        self.opts.net.as_ref()?;
        let ip = self.resolve(host)?;
        let own =
            matches!(ip.as_str(), "127.0.0.1" | "0.0.0.0" | "::1") || self.pod_ip.as_deref() == Some(&ip);
        if own || ip == "10.96.0.1" {
            return None;
        }
        // pod to pod (and to a ClusterIP: kube-proxy translates the destination only), the
        // server sees the asking pod's address
        let http = http.map(|h| HttpRequest {
            client: self.pod_ip.clone(),
            ..h.clone()
        });
        let ask = crate::sim::Remote {
            at: self.now,
            ip: ip.clone(),
            port,
            http,
        };
        let answer = self.opts.net.as_ref().and_then(|n| {
            n.answers
                .iter()
                .find(|(a, _)| *a == ask)
                .map(|(_, r)| r.clone())
        });
        let answer = match answer {
            Some(a) => a,
            None => {
                if !self.run.remote_asks.contains(&ask) {
                    self.run.remote_asks.push(ask);
                }
                crate::sim::RemoteResult::Timeout
            }
        };
        use crate::sim::RemoteResult as R;
        let (result, out) = match answer {
            R::Http(resp) => (ConnResult::Http(resp.status), Ok(Some(resp))),
            R::Connected => (ConnResult::Connected, Ok(None)),
            R::Refused => (ConnResult::Refused, Err(NetError::ConnectionRefused)),
            R::Timeout => {
                self.outside_note(from, &ip);
                (ConnResult::Timeout, Err(NetError::Timeout))
            }
        };
        self.record(from, host, Some(ip), port, None, result);
        Some(out)
    }

    /// A session's connection from another pod or the node (`Options::inbound`): served by the
    /// program listening on its port, refused when none does, timing out before the pod has
    /// its sandbox (its address answers nothing yet).
    pub(super) fn inbound(&mut self, i: usize) {
        use crate::sim::RemoteResult as R;
        let Some(x) = self.opts.inbound.get(i).cloned() else {
            return;
        };
        let result = if !self.sandbox_ready {
            R::Timeout
        } else {
            match (self.listener(x.port), &x.http) {
                (None, _) => R::Refused,
                (Some(_), None) => R::Connected,
                (Some(to), Some(req)) => self.serve(to, req).map_or(R::Refused, R::Http),
            }
        };
        self.run.inbound.resize(i, R::Timeout);
        self.run.inbound.push(result);
    }

    fn outside_note(&mut self, from: usize, ip: &str) {
        let text = if ip == "10.96.0.1" {
            Text::new(
                "the API server (Service kubernetes, 10.96.0.1) is not simulated: connections to it time out",
                "API 服务器（Service kubernetes，10.96.0.1）没有模拟：连接它会超时",
            )
        } else {
            Text::new(
                format!("{ip} is outside the simulated pod: nothing answers there (the connection times out)"),
                format!("{ip} 在模拟的 Pod 之外：那里没有谁应答（连接超时）"),
            )
        };
        self.note(Some(from), NoteKind::Simplification, text);
    }

    /// A lifecycle hook's httpGet/tcpSocket request from the kubelet to the pod.
    pub(super) fn hook_request(
        &mut self,
        c: usize,
        h: &crate::model::Handler,
    ) -> Result<(), (i32, String)> {
        use crate::model::Handler;
        let ip = self.pod_ip.clone().unwrap_or_default();
        let resolve_port = |e: &Self, p: &PortRef| match p {
            PortRef::Number(n) => u16::try_from(*n).ok(),
            PortRef::Name(n) => e
                .ctrs
                .get(c)
                .and_then(|x| x.spec.port_named(n))
                .and_then(|n| u16::try_from(n).ok()),
        };
        match h {
            Handler::HttpGet {
                path,
                port,
                host,
                headers,
                ..
            } => {
                let Some(p) = resolve_port(self, port) else {
                    return Err((1, format!("unable to resolve port {}", port.text())));
                };
                let host = host.clone().unwrap_or(ip);
                let req = HttpRequest {
                    host: host.clone(),
                    port: p,
                    path: if path.is_empty() {
                        "/".into()
                    } else {
                        path.clone()
                    },
                    headers: headers.clone(),
                    client: None,
                };
                match self.listener(p).and_then(|to| self.serve(to, &req)) {
                    Some(r) if (200..400).contains(&r.status) => Ok(()),
                    Some(r) => Err((1, format!("HTTP lifecycle hook ({}) for Container \"{}\" failed with status {}", req.path, self.name(c), r.status))),
                    None => Err((1, format!("Get \"http://{host}:{p}{}\": dial tcp {host}:{p}: connect: connection refused", req.path))),
                }
            }
            Handler::TcpSocket { port, .. } => {
                match resolve_port(self, port).and_then(|p| self.listener(p)) {
                    Some(_) => Ok(()),
                    None => Err((
                        1,
                        format!("dial tcp {ip}:{}: connect: connection refused", port.text()),
                    )),
                }
            }
            _ => Ok(()),
        }
    }

    /// Serves a request that kube-proxy translated to the pod's `port` (a Service's targetPort).
    fn serve_dnat(&mut self, to: usize, req: &HttpRequest, port: u16) -> Option<HttpResponse> {
        if req.port == port {
            return self.serve(to, req);
        }
        let mut r = req.clone();
        r.port = port;
        self.serve(to, &r)
    }

    /// Lets the program of container `to` answer a request. None when it cannot answer (it is the
    /// program making the request, or the nesting is too deep).
    pub(super) fn serve(&mut self, to: usize, req: &HttpRequest) -> Option<HttpResponse> {
        if self.http_depth >= MAX_HTTP_DEPTH {
            self.note(
                Some(to),
                NoteKind::Budget,
                Text::new(
                    format!("requests nested more than {MAX_HTTP_DEPTH} deep are refused"),
                    format!("嵌套超过 {MAX_HTTP_DEPTH} 层的请求会被拒绝"),
                ),
            );
            return None;
        }
        let Some(mut prog) = self.ctrs.get_mut(to).and_then(|c| c.program.take()) else {
            self.note(
                Some(to),
                NoteKind::Simplification,
                Text::new(
                    "a program's request to a server of its own container is not simulated: it is refused",
                    "程序向自己所在容器里的服务器发出的请求没有模拟：它会被拒绝",
                ),
            );
            return None;
        };
        self.http_depth += 1;
        let saved = self.capture.take();
        let resp = {
            let mut sys = self.sys(to, true);
            prog.serve(req, &mut sys)
        };
        self.capture = saved;
        self.http_depth -= 1;
        if let Some(c) = self.ctrs.get_mut(to) {
            if c.program.is_none()
                && matches!(
                    c.life,
                    super::Life::Running | super::Life::PostStart | super::Life::Starting
                )
            {
                c.program = Some(prog);
            }
        }
        Some(resp)
    }
}

/// A Service name as the pod's resolver expands it: `svc`, `svc.ns`, `svc.ns.svc`,
/// `svc.ns.svc.cluster.local` → (svc, ns).
fn split_service<'n>(name: &'n str, pod_ns: &'n str) -> Option<(&'n str, &'n str)> {
    let name = name.strip_suffix(".cluster.local").unwrap_or(name);
    let name = name.strip_suffix(".svc").unwrap_or(name);
    let mut parts = name.split('.');
    let svc = parts.next().filter(|s| !s.is_empty())?;
    match (parts.next(), parts.next()) {
        (None, _) => Some((svc, pod_ns)),
        (Some(ns), None) if !ns.is_empty() => Some((svc, ns)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::split_service;

    #[test]
    fn service_names_expand_like_the_pod_resolver() {
        assert_eq!(
            split_service("k8sbook", "default"),
            Some(("k8sbook", "default"))
        );
        assert_eq!(
            split_service("k8sbook.default", "x"),
            Some(("k8sbook", "default"))
        );
        assert_eq!(
            split_service("k8sbook.default.svc", "x"),
            Some(("k8sbook", "default"))
        );
        assert_eq!(
            split_service("k8sbook.default.svc.cluster.local", "x"),
            Some(("k8sbook", "default"))
        );
        assert_eq!(split_service("a.b.c", "x"), None);
        assert_eq!(split_service("", "x"), None);
    }
}
