//! What a program sees of its container: the [`Sys`] implementation (files through the container's
//! own root file system and its volume mounts, env, logs, memory and cpu, `ps`), the kubelet's
//! environment variables, the volumes' files, and a new container's namespaces.

use crate::vecmap::VecMap;

use super::{Engine, Life, Vol};
use crate::diag::Text;
use crate::gofmt::go_quote;
use crate::model::{
    lookup, parse_milli, parse_value, DownwardItem, EnvSource, KeyToPath, ProjectedSource,
    VolumeSource,
};
use crate::sim::fs::{join, normalize, Fs};
use crate::sim::process::*;
use crate::sim::run::*;
use crate::sim::MAX_LOG_BYTES;

/// Where a path of a container lands.
enum Target {
    Root(String),
    Vol { vol: usize, path: String, ro: bool },
}

/// A program's view of the world: the engine, seen from container `c`.
pub(crate) struct CtrSys<'e, 'a> {
    pub e: &'e mut Engine<'a>,
    pub c: usize,
    /// The container's main program (its output is the log; its memory counts).
    pub main: bool,
}

impl<'a> Engine<'a> {
    pub(crate) fn sys(&mut self, c: usize, main: bool) -> CtrSys<'_, 'a> {
        CtrSys { e: self, c, main }
    }

    fn target(&self, c: usize, path: &str) -> Target {
        let p = normalize(path);
        let Some(ctr) = self.ctrs.get(c) else {
            return Target::Root(p);
        };
        let p = crate::programs::follow_usr_links(ctr.image.userland, p);
        let mut best: Option<(usize, &crate::model::VolumeMount)> = None;
        for m in &ctr.spec.volume_mounts {
            let mp = if crate::os::path::is_normal(&m.mount_path) {
                std::borrow::Cow::Borrowed(m.mount_path.as_str())
            } else {
                std::borrow::Cow::Owned(normalize(&m.mount_path))
            };
            let inside = mp == "/"
                || p.strip_prefix(&*mp)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'));
            if inside && best.is_none_or(|(l, _)| mp.len() > l) {
                best = Some((mp.len(), m));
            }
        }
        let Some((len, m)) = best else {
            return Target::Root(p);
        };
        let Some(vol) = self.vols.iter().position(|v| v.name == m.name) else {
            return Target::Root(p);
        };
        let rest = if len <= 1 {
            &p[..]
        } else {
            p.get(len..).unwrap_or("")
        };
        let base = m
            .sub_path
            .as_deref()
            .map(normalize)
            .unwrap_or_else(|| "/".into());
        Target::Vol {
            vol,
            path: join(&base, rest),
            ro: m.read_only,
        }
    }

    fn fs_of(&self, c: usize, t: &Target) -> Option<&Fs> {
        match t {
            Target::Root(_) => self.ctrs.get(c).map(|x| &x.rootfs),
            Target::Vol { vol, .. } => self.vols.get(*vol).map(|v| &v.fs),
        }
    }

    fn fs_of_mut(&mut self, c: usize, t: &Target) -> Option<&mut Fs> {
        match t {
            Target::Root(_) => self.ctrs.get_mut(c).map(|x| &mut x.rootfs),
            Target::Vol { vol, .. } => self.vols.get_mut(*vol).map(|v| &mut v.fs),
        }
    }

    /// The file system a path of container `c` lands in, and the path inside it.
    fn file(&self, c: usize, path: &str) -> Result<(&Fs, String), FsError> {
        let t = self.target(c, path);
        let fs = self.fs_of(c, &t).ok_or(FsError::NotFound)?;
        match t {
            Target::Root(p) | Target::Vol { path: p, .. } => Ok((fs, p)),
        }
    }

    /// The same, to change a file: `ReadOnly` where a read-only volume is mounted.
    fn file_mut(&mut self, c: usize, path: &str) -> Result<(&mut Fs, String), FsError> {
        let t = self.target(c, path);
        let p = match t {
            Target::Vol { ro: true, .. } => return Err(FsError::ReadOnly),
            Target::Root(ref p) | Target::Vol { path: ref p, .. } => p.clone(),
        };
        self.keep_before(c, &t);
        let fs = self.fs_of_mut(c, &t).ok_or(FsError::NotFound)?;
        Ok((fs, p))
    }

    /// While an exec runs, keeps the file system a change lands in as it was before its first
    /// change (see `exec_before`).
    fn keep_before(&mut self, c: usize, t: &Target) {
        let id = match t {
            Target::Root(_) => None,
            Target::Vol { vol, .. } => Some(*vol),
        };
        if self
            .exec_before
            .as_ref()
            .is_none_or(|kept| kept.iter().any(|(k, _)| *k == id))
        {
            return;
        }
        let Some(fs) = self.fs_of(c, t).cloned() else {
            return;
        };
        if let Some(kept) = self.exec_before.as_mut() {
            kept.push((id, fs));
        }
    }

    /// The file system `id` of container `c` (`None` its root, `Some(v)` volume v).
    pub(super) fn fs_by_id(&mut self, c: usize, id: Option<usize>) -> Option<&mut Fs> {
        match id {
            None => self.ctrs.get_mut(c).map(|x| &mut x.rootfs),
            Some(v) => self.vols.get_mut(v).map(|x| &mut x.fs),
        }
    }

    /// A new run of container `i`: a fresh root file system from the image (with the files the
    /// kubelet manages), mount points, namespaces, a PID.
    pub(super) fn new_instance(&mut self, i: usize) {
        let pod = &self.world.pod;
        let hostname = self.pod_hostname();
        let node = self.node_name();
        let ip = self.pod_ip.clone().unwrap_or_default();
        let Some(c) = self.ctrs.get(i) else { return };
        let prev = c.last_exit.clone();
        let mut fs = Fs::new();
        for d in [
            "/bin", "/dev", "/etc", "/proc", "/root", "/sys", "/tmp", "/usr", "/var",
        ] {
            fs.ensure_dir(d);
        }
        for d in &c.image.dirs {
            fs.ensure_dir(d);
        }
        for (p, text) in &c.image.files {
            fs.put(p, text);
        }
        fs.set_programs(c.image.programs.clone());
        let hosts = crate::sim::hosts::etc_hosts(pod, &ip, &node);
        fs.put("/etc/hosts", &hosts);
        fs.put("/etc/hostname", &format!("{hostname}\n"));
        let ns = &pod.meta.namespace;
        fs.put(
            "/etc/resolv.conf",
            &format!("search {ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n"),
        );
        fs.put(&c.spec.termination_message_path, "");
        for m in &c.spec.volume_mounts {
            fs.ensure_dir(&m.mount_path);
        }
        if c.spec.security_context.read_only_root_filesystem == Some(true) {
            fs.read_only = true;
        }
        let sandbox = self.sandbox_ns.unwrap_or(NsSet::HOST);
        let mnt = self.inode();
        let cgroup = self.inode();
        let pid = if pod.host_pid {
            NsSet::HOST.pid
        } else if pod.share_process_namespace {
            sandbox.pid
        } else {
            let p = self.inode();
            self.pid_next.push((p, 1));
            self.run.ps.push((p, Track::default()));
            p
        };
        let set = NsSet {
            net: sandbox.net,
            ipc: sandbox.ipc,
            uts: sandbox.uts,
            pid,
            mnt,
            user: sandbox.user,
            cgroup,
        };
        let now = self.now;
        if let Some(c) = self.ctrs.get_mut(i) {
            c.rootfs = fs;
            c.runs += 1;
            c.ns = Some(set);
            c.pids.clear();
            c.started = false;
            c.ready = false;
            c.oom = false;
            c.stopping = None;
            c.turn_wait = None;
            c.killed_in_sync = None;
            c.busy_polls = 0;
            c.zero_sleeps = 0;
        }
        if let Some(tr) = self.run.ctr.get_mut(i) {
            tr.ns.set(now, Some(set));
            if let Some(prev) = prev {
                tr.last_state.set(now, Some(prev));
            }
        }
    }

    pub(crate) fn pod_hostname(&self) -> String {
        crate::sim::hosts::hostname(&self.world.pod, &self.node_name())
    }

    /// Re-reads a container's process list after its program ran, giving new processes PIDs.
    pub(super) fn refresh_processes(&mut self, i: usize) {
        let Some(c) = self.ctrs.get(i) else { return };
        let Some(ns) = c.ns.map(|n| n.pid) else {
            return;
        };
        let procs: Vec<ProcInfo> = match &c.program {
            Some(p) if matches!(c.life, Life::Starting | Life::PostStart | Life::Running) => {
                p.processes()
            }
            _ => Vec::new(),
        };
        let old = c.pids.clone();
        let mut used = vec![false; old.len()];
        let mut pids = Vec::with_capacity(procs.len());
        let mut changed = old.len() != procs.len();
        for (k, p) in procs.iter().enumerate() {
            // The first process is the container's PID 1 (or its first PID): `exec` keeps it.
            let found = if k == 0 {
                old.first().map(|_| 0)
            } else {
                old.iter()
                    .enumerate()
                    .skip(1)
                    .position(|(j, (cmd, _))| {
                        !used.get(j).copied().unwrap_or(true) && *cmd == p.command
                    })
                    .map(|j| j + 1)
            };
            match found.and_then(|j| old.get(j).map(|o| (j, o.1))) {
                Some((j, pid)) => {
                    if let Some(u) = used.get_mut(j) {
                        *u = true;
                    }
                    if old.get(j).is_none_or(|o| o.0 != p.command) {
                        changed = true;
                    }
                    pids.push((p.command.clone(), pid));
                }
                None => {
                    changed = true;
                    let pid = self.next_pid(ns);
                    pids.push((p.command.clone(), pid));
                }
            }
        }
        if !changed {
            return;
        }
        if let Some(c) = self.ctrs.get_mut(i) {
            c.pids = pids;
        }
        self.refresh_ps(ns);
    }

    fn next_pid(&mut self, ns: u64) -> u32 {
        if let Some(e) = self.pid_next.iter_mut().find(|(n, _)| *n == ns) {
            let p = e.1;
            e.1 = e.1.saturating_add(1);
            return p;
        }
        // The node's PID namespace (hostPID): the node already runs many processes.
        self.pid_next.push((ns, 4001));
        4000
    }

    /// Rebuilds `ps` of one PID namespace.
    pub(super) fn refresh_ps(&mut self, ns: u64) {
        let mut entries: Vec<PsEntry> = Vec::new();
        if self.sandbox_ns.is_some_and(|s| s.pid == ns) && !self.world.pod.host_pid {
            entries.push(PsEntry {
                pid: 1,
                user: "65535".into(),
                command: "/pause".into(),
                container: None,
            });
        }
        for (i, c) in self.ctrs.iter().enumerate() {
            if c.ns.is_none_or(|n| n.pid != ns)
                || !matches!(c.life, Life::Starting | Life::PostStart | Life::Running)
            {
                continue;
            }
            let users: Vec<String> = c
                .program
                .as_ref()
                .map(|p| p.processes().into_iter().map(|x| x.user).collect())
                .unwrap_or_default();
            for (k, (cmd, pid)) in c.pids.iter().enumerate() {
                entries.push(PsEntry {
                    pid: *pid,
                    user: users
                        .get(k)
                        .cloned()
                        .unwrap_or_else(|| c.image.user.clone()),
                    command: cmd.clone(),
                    container: Some(i),
                });
            }
        }
        crate::sort::sort_by_key(&mut entries, |e| e.pid);
        let now = self.now;
        if let Some((_, tr)) = self.run.ps.iter_mut().find(|(n, _)| *n == ns) {
            tr.set(now, entries);
        } else {
            let mut tr = Track::default();
            tr.set(now, entries);
            self.run.ps.push((ns, tr));
        }
    }

    pub(super) fn log(&mut self, i: usize, text: &str, stderr: bool) {
        if let Some(buf) = self.capture.as_mut() {
            if buf.len() < 64 * 1024 {
                buf.push_str(text);
                if stderr {
                    if let Some(e) = self.capture_err.as_mut() {
                        e.push_str(text);
                    }
                }
            }
            return;
        }
        let instance = self.ctrs.get(i).map_or(0, |c| c.restart_count());
        let now = self.now;
        let Some(tr) = self.run.ctr.get_mut(i) else {
            return;
        };
        if tr.log_bytes >= MAX_LOG_BYTES {
            return;
        }
        tr.log_bytes += text.len();
        if tr.log_bytes >= MAX_LOG_BYTES {
            self.note(
                Some(i),
                NoteKind::Budget,
                Text::new(
                    format!("the container's log passed {MAX_LOG_BYTES} bytes; later output is not kept"),
                    format!("容器日志超过了 {MAX_LOG_BYTES} 字节；之后的输出不再保留"),
                ),
            );
        }
        if let Some(tr) = self.run.ctr.get_mut(i) {
            if let Some(last) = tr.logs.last_mut() {
                if last.t == now && last.instance == instance && last.stderr == stderr {
                    last.text.push_str(text);
                    return;
                }
            }
            tr.logs.push(LogChunk {
                t: now,
                instance,
                stderr,
                text: text.to_string(),
            });
        }
    }

    // --- environment ---

    /// The container's environment as the kubelet and the runtime build it: the image's `ENV`,
    /// `HOSTNAME`, service links, `envFrom`, then `env` (later wins). Err is the kubelet's
    /// CreateContainerConfigError message.
    pub(super) fn build_env(&self, i: usize) -> Result<Vec<(String, String)>, String> {
        let Some(c) = self.ctrs.get(i) else {
            return Ok(Vec::new());
        };
        let mut env: VecMap<String, String> = VecMap::new();
        for (k, v) in &c.image.env {
            env.insert(k.clone(), v.clone());
        }
        if !env.contains_key("PATH") {
            env.insert(
                "PATH".into(),
                "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".into(),
            );
        }
        env.insert("HOSTNAME".into(), self.pod_hostname());
        let mut own: VecMap<String, String> = VecMap::new();
        for ef in &c.spec.env_from {
            for (src, name) in [
                (KeySource::ConfigMap, &ef.config_map),
                (KeySource::Secret, &ef.secret),
            ] {
                let Some(name) = name else { continue };
                match self.key_data(src, name) {
                    Some(data) => {
                        for (k, v) in data {
                            own.insert(format!("{}{k}", ef.prefix), v.clone());
                        }
                    }
                    None if ef.optional => {}
                    None => return Err(src.not_found(name)),
                }
            }
        }
        let services = self.service_env();
        for e in &c.spec.env {
            let value = match &e.source {
                EnvSource::Value(v) => {
                    // $(VAR) refers to variables defined before it and to service variables.
                    let mut scope: Vec<(String, String)> =
                        own.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
                    for (k, v) in &services {
                        if !own.contains_key(k) {
                            scope.push((k.clone(), v.clone()));
                        }
                    }
                    Some(super::kubelet::expand_vars(v, &scope))
                }
                EnvSource::FieldRef(f) => Some(self.field_ref(f)),
                EnvSource::ResourceFieldRef {
                    container,
                    resource,
                    divisor,
                } => Some(self.resource_ref(
                    container.as_deref().unwrap_or(&c.spec.name),
                    resource,
                    divisor.as_deref(),
                )),
                EnvSource::ConfigMapKey {
                    name,
                    key,
                    optional,
                } => self.key_ref(KeySource::ConfigMap, name, key, *optional)?,
                EnvSource::SecretKey {
                    name,
                    key,
                    optional,
                } => self.key_ref(KeySource::Secret, name, key, *optional)?,
                // Not simulated (the kubelet would read the env file from the volume): left
                // unset, and the run says so (see `create_step`).
                EnvSource::FileKey { .. } => None,
            };
            if let Some(v) = value {
                own.insert(e.name.clone(), v);
            }
        }
        for (k, v) in services {
            if !own.contains_key(&k) {
                env.insert(k, v);
            }
        }
        for (k, v) in own {
            env.insert(k, v);
        }
        Ok(env.into_iter().collect())
    }

    /// Service link variables (`K8SBOOK_SERVICE_HOST`, …) for the Services of the pod's namespace
    /// when enableServiceLinks, and always for the `kubernetes` Service.
    fn service_env(&self) -> Vec<(String, String)> {
        let pod = &self.world.pod;
        let mut out = Vec::new();
        let mut add = |name: &str, ip: &str, ports: &[(Option<String>, i64, &str)]| {
            let prefix = name.to_ascii_uppercase().replace('-', "_");
            let Some((_, first, first_proto)) = ports.first() else {
                return;
            };
            out.push((format!("{prefix}_SERVICE_HOST"), ip.to_string()));
            out.push((format!("{prefix}_SERVICE_PORT"), first.to_string()));
            for (pname, port, _) in ports {
                if let Some(n) = pname.as_deref().filter(|n| !n.is_empty()) {
                    out.push((
                        format!(
                            "{prefix}_SERVICE_PORT_{}",
                            n.to_ascii_uppercase().replace('-', "_")
                        ),
                        port.to_string(),
                    ));
                }
            }
            out.push((
                format!("{prefix}_PORT"),
                format!("{}://{ip}:{first}", first_proto.to_ascii_lowercase()),
            ));
            for (_, port, proto) in ports {
                let p = format!("{prefix}_PORT_{port}_{proto}");
                let lp = proto.to_ascii_lowercase();
                out.push((p.clone(), format!("{lp}://{ip}:{port}")));
                out.push((format!("{p}_PROTO"), lp));
                out.push((format!("{p}_PORT"), port.to_string()));
                out.push((format!("{p}_ADDR"), ip.to_string()));
            }
        };
        add(
            "kubernetes",
            "10.96.0.1",
            &[(Some("https".into()), 443, "TCP")],
        );
        if pod.enable_service_links {
            for (s, ip) in self.world.service_ips() {
                if s.meta.namespace != pod.meta.namespace || s.meta.name == "kubernetes" {
                    continue;
                }
                let Some(ip) = ip else { continue };
                let ports: Vec<(Option<String>, i64, &str)> = s
                    .ports
                    .iter()
                    .map(|p| (p.name.clone(), p.port, p.protocol.as_str()))
                    .collect();
                add(&s.meta.name, &ip, &ports);
            }
        }
        out
    }

    /// A downward API field (`fieldRef.fieldPath`).
    fn field_ref(&self, f: &str) -> String {
        let pod = &self.world.pod;
        let meta = &pod.meta;
        if let Some(k) = f
            .strip_prefix("metadata.labels['")
            .and_then(|r| r.strip_suffix("']"))
        {
            return lookup(&meta.labels, k).unwrap_or("").to_string();
        }
        if let Some(k) = f
            .strip_prefix("metadata.annotations['")
            .and_then(|r| r.strip_suffix("']"))
        {
            return lookup(&meta.annotations, k).unwrap_or("").to_string();
        }
        match f {
            "metadata.name" => meta.name.clone(),
            "metadata.namespace" => meta.namespace.clone(),
            "metadata.uid" => self.run.uid.clone(),
            "metadata.labels" => format_map(&meta.labels),
            "metadata.annotations" => format_map(&self.annotations_with_kubelet()),
            "spec.nodeName" => self.node_name(),
            "spec.serviceAccountName" => pod.service_account_name.clone(),
            "status.hostIP" | "status.hostIPs" => self.run.host_ip.clone().unwrap_or_default(),
            "status.podIP" | "status.podIPs" => self.pod_ip.clone().unwrap_or_default(),
            _ => String::new(),
        }
    }

    /// The annotations the kubelet's copy of the pod carries: the user's plus
    /// `kubernetes.io/config.source: api` (`kubernetes.io/config.seen`, a wall-clock time, is left
    /// out: the playground has no clock).
    fn annotations_with_kubelet(&self) -> Vec<(String, String)> {
        let mut a = self.world.pod.meta.annotations.clone();
        if lookup(&a, "kubernetes.io/config.source").is_none() {
            a.push(("kubernetes.io/config.source".into(), "api".into()));
            crate::sort::sort(&mut a);
        }
        a
    }

    /// `resourceFieldRef`: a limit or request divided by the divisor, rounded up; an unset limit
    /// is the node's allocatable.
    fn resource_ref(&self, container: &str, resource: &str, divisor: Option<&str>) -> String {
        let c = self
            .world
            .pod
            .init_containers
            .iter()
            .chain(self.world.pod.containers.iter())
            .find(|c| c.name == container);
        let node = self.node.and_then(|i| self.world.nodes.get(i));
        let r = c.map(|c| &c.resources);
        let (value, cpu) = match resource {
            "limits.cpu" => (
                r.and_then(|r| r.limits.cpu_milli)
                    .or(node.map(|n| n.allocatable_cpu_milli))
                    .unwrap_or(0),
                true,
            ),
            "requests.cpu" => (r.and_then(|r| r.requests.cpu_milli).unwrap_or(0), true),
            "limits.memory" => (
                r.and_then(|r| r.limits.memory)
                    .or(node.map(|n| n.allocatable_memory))
                    .unwrap_or(0),
                false,
            ),
            "requests.memory" => (r.and_then(|r| r.requests.memory).unwrap_or(0), false),
            "limits.ephemeral-storage" | "requests.ephemeral-storage" => (0, false),
            _ => (0, false),
        };
        let div: i128 = match (divisor, cpu) {
            (Some(d), true) => parse_milli(d).unwrap_or(1000),
            (None, true) => 1000,
            (Some(d), false) => parse_value(d).unwrap_or(1),
            (None, false) => 1,
        };
        let div = div.max(1);
        let v = value as i128;
        let q = (v + div - 1).div_euclid(div);
        q.to_string()
    }

    /// The data of the ConfigMap or Secret `name` in the pod's namespace, when it exists at `now`.
    fn key_data(&self, src: KeySource, name: &str) -> Option<&[(String, String)]> {
        match src {
            KeySource::ConfigMap => self
                .world
                .config_map_at(name, self.now)
                .map(|c| c.data.as_slice()),
            KeySource::Secret => self
                .world
                .secret_at(name, self.now)
                .map(|s| s.data.as_slice()),
        }
    }

    /// `configMapKeyRef` / `secretKeyRef`: the value, `None` when it is optional and missing, or
    /// the kubelet's CreateContainerConfigError message.
    fn key_ref(
        &self,
        src: KeySource,
        name: &str,
        key: &str,
        optional: bool,
    ) -> Result<Option<String>, String> {
        match self.key_data(src, name) {
            Some(data) => match lookup(data, key) {
                Some(v) => Ok(Some(v.to_string())),
                None if optional => Ok(None),
                None => Err(format!(
                    "couldn't find key {key} in {} {}/{name}",
                    src.kind(),
                    self.world.pod.meta.namespace
                )),
            },
            None if optional => Ok(None),
            None => Err(src.not_found(name)),
        }
    }

    // --- volumes ---

    /// Renders every volume's files. Err is the first volume that cannot be set up, what it lacks
    /// and the kubelet's message.
    pub(super) fn render_volumes(&mut self) -> Result<usize, (String, String, String)> {
        let pod = &self.world.pod;
        let mut vols = Vec::new();
        for v in &pod.volumes {
            let mut fs = Fs::new();
            match &v.source {
                VolumeSource::EmptyDir | VolumeSource::PersistentVolumeClaim { .. } => {}
                VolumeSource::HostPath { .. } | VolumeSource::Other(_) => {}
                VolumeSource::ConfigMap {
                    name,
                    items,
                    optional,
                } => self.put_config_map(&mut fs, &v.name, name, items, *optional)?,
                VolumeSource::Secret {
                    name,
                    items,
                    optional,
                } => self.put_keys(&mut fs, KeySource::Secret, &v.name, name, items, *optional)?,
                VolumeSource::DownwardApi(items) => self.put_downward(&mut fs, items),
                VolumeSource::Projected(sources) => {
                    for s in sources {
                        match s {
                            ProjectedSource::ConfigMap { name, items, optional } => {
                                self.put_config_map(&mut fs, &v.name, name, items, *optional)?
                            }
                            ProjectedSource::Secret { name, items, optional } => {
                                self.put_keys(&mut fs, KeySource::Secret, &v.name, name, items, *optional)?
                            }
                            ProjectedSource::DownwardApi(items) => self.put_downward(&mut fs, items),
                            ProjectedSource::ServiceAccountToken { path } => fs.put(
                                path,
                                "(a service account token signed by the API server; the playground has no API server, so this file only stands for it)",
                            ),
                            ProjectedSource::Other(_) => {}
                        }
                    }
                }
            }
            vols.push(Vol {
                name: v.name.clone(),
                fs,
            });
        }
        let n = vols.len();
        self.vols = vols;
        Ok(n)
    }

    fn put_config_map(
        &self,
        fs: &mut Fs,
        volume: &str,
        name: &str,
        items: &[KeyToPath],
        optional: bool,
    ) -> Result<(), (String, String, String)> {
        if name == "kube-root-ca.crt" && self.world.config_map_at(name, self.now).is_none() {
            // Published in every namespace by the root CA publisher.
            fs.put(
                "ca.crt",
                "(the cluster's root CA certificate, published in every namespace as ConfigMap kube-root-ca.crt; the playground has no cluster CA, so this file only stands for it)\n",
            );
            return Ok(());
        }
        self.put_keys(fs, KeySource::ConfigMap, volume, name, items, optional)
    }

    /// The files of a configMap or secret volume (or projected source) from the object's data.
    fn put_keys(
        &self,
        fs: &mut Fs,
        src: KeySource,
        volume: &str,
        name: &str,
        items: &[KeyToPath],
        optional: bool,
    ) -> Result<(), (String, String, String)> {
        match self.key_data(src, name) {
            Some(data) => put_items(fs, data, items, optional).map_err(|key| {
                (
                    volume.to_string(),
                    format!("key {key} of {} {name}", src.kind()),
                    src.missing_key(&key),
                )
            }),
            None if optional => Ok(()),
            None => Err((
                volume.to_string(),
                format!("{} {name}", src.kind()),
                src.not_found(name),
            )),
        }
    }

    fn put_downward(&self, fs: &mut Fs, items: &[DownwardItem]) {
        for it in items {
            let text = if let Some(f) = &it.field_path {
                self.field_ref(f)
            } else if let Some((c, r, d)) = &it.resource {
                let first = self
                    .world
                    .pod
                    .containers
                    .first()
                    .map(|c| c.name.clone())
                    .unwrap_or_default();
                self.resource_ref(c.as_deref().unwrap_or(&first), r, d.as_deref())
            } else {
                String::new()
            };
            fs.put(&it.path, &text);
        }
    }
}

/// Where env (`envFrom`, `configMapKeyRef`, `secretKeyRef`) and volumes read keys from.
#[derive(Clone, Copy)]
enum KeySource {
    ConfigMap,
    Secret,
}

impl KeySource {
    fn kind(self) -> &'static str {
        match self {
            KeySource::ConfigMap => "ConfigMap",
            KeySource::Secret => "Secret",
        }
    }

    /// The informer's error for a missing object: `configmap "x" not found`.
    fn not_found(self, name: &str) -> String {
        let resource = match self {
            KeySource::ConfigMap => "configmap",
            KeySource::Secret => "secret",
        };
        format!("{resource} \"{name}\" not found")
    }

    /// The volume plugin's error for a listed item whose key is missing.
    fn missing_key(self, key: &str) -> String {
        match self {
            KeySource::ConfigMap => format!("configmap references non-existent config key: {key}"),
            KeySource::Secret => format!("references non-existent secret key: {key}"),
        }
    }
}

/// The files of a configMap/secret volume: every key, or the listed items.
fn put_items(
    fs: &mut Fs,
    data: &[(String, String)],
    items: &[KeyToPath],
    optional: bool,
) -> Result<(), String> {
    if items.is_empty() {
        for (k, v) in data {
            fs.put(k, v);
        }
        return Ok(());
    }
    for it in items {
        match lookup(data, &it.key) {
            Some(v) => fs.put(&it.path, v),
            None if optional => {}
            None => return Err(it.key.clone()),
        }
    }
    Ok(())
}

/// `fieldpath.FormatMap`: `key="value"` lines sorted by key, the value quoted as Go's `%q`.
pub(crate) fn format_map(map: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> = map.iter().collect();
    crate::sort::sort(&mut sorted);
    let lines: Vec<String> = sorted
        .iter()
        .map(|(k, v)| format!("{k}={}", go_quote(v)))
        .collect();
    lines.join("\n")
}

impl Sys for CtrSys<'_, '_> {
    fn now(&self) -> SimTime {
        self.e.now
    }

    fn clock_base(&self) -> SimTime {
        self.e.opts.clock_base
    }

    fn container(&self) -> &str {
        self.e.name(self.c)
    }

    fn env(&self, name: &str) -> Option<String> {
        let c = self.e.ctrs.get(self.c)?;
        c.env
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    }

    fn environ(&self) -> Vec<(String, String)> {
        self.e
            .ctrs
            .get(self.c)
            .map(|c| c.env.clone())
            .unwrap_or_default()
    }

    fn read_file(&self, path: &str) -> Result<String, FsError> {
        if let Some(x) = self.e.proc_entry(self.c, path) {
            return x.read();
        }
        let (fs, p) = self.e.file(self.c, path)?;
        fs.read(&p).map(str::to_string)
    }

    fn write_file(&mut self, path: &str, data: &str, append: bool) -> Result<(), FsError> {
        // kept by `file_mut` while an exec runs (`exec_before`)
        let (fs, p) = self.e.file_mut(self.c, path)?;
        match fs.write(&p, data, append)? {
            true => Ok(()),
            false => {
                self.e.note(
                    Some(self.c),
                    NoteKind::Budget,
                    Text::new(
                        format!("a write to {path} was dropped: a file system holds at most {} bytes in the playground", crate::sim::fs::FS_BUDGET_BYTES),
                        format!("对 {path} 的一次写入被丢弃：在 playground 里一个文件系统最多容纳 {} 字节", crate::sim::fs::FS_BUDGET_BYTES),
                    ),
                );
                Ok(())
            }
        }
    }

    fn kind(&self, path: &str) -> Option<FileKind> {
        if let Some(x) = self.e.proc_entry(self.c, path) {
            return Some(x.kind());
        }
        let (fs, p) = self.e.file(self.c, path).ok()?;
        fs.kind(&p)
    }

    fn mkdir(&mut self, path: &str, parents: bool) -> Result<(), FsError> {
        // kept by `file_mut` while an exec runs (`exec_before`)
        let (fs, p) = self.e.file_mut(self.c, path)?;
        fs.mkdir(&p, parents)
    }

    fn remove(&mut self, path: &str, recursive: bool) -> Result<(), FsError> {
        // kept by `file_mut` while an exec runs (`exec_before`)
        let (fs, p) = self.e.file_mut(self.c, path)?;
        fs.remove(&p, recursive)
    }

    fn list_dir(&self, path: &str) -> Result<Vec<String>, FsError> {
        if let Some(x) = self.e.proc_entry(self.c, path) {
            return x.list();
        }
        let (fs, p) = self.e.file(self.c, path)?;
        fs.list(&p)
    }

    fn read_link(&self, path: &str) -> Option<String> {
        if let Some(c) = self.e.ctrs.get(self.c) {
            if let Some(t) = crate::programs::usr_link(c.image.userland, &normalize(path)) {
                return Some(t.to_string());
            }
        }
        match self.e.proc_entry(self.c, path)? {
            super::procfs::Proc::Link(t) => Some(t),
            _ => None,
        }
    }

    fn holds_programs(&self) -> bool {
        true
    }

    fn is_program(&self, path: &str) -> bool {
        self.e.file(self.c, path).is_ok_and(|(fs, p)| fs.is_exe(&p))
    }

    fn program_links(&self, path: &str) -> Option<usize> {
        let busybox = self.e.ctrs.get(self.c).is_some_and(|c| crate::programs::model_name(&c.image.name) == "busybox");
        let (fs, p) = self.e.file(self.c, path).ok()?;
        fs.exe_links(&p, busybox)
    }

    fn listen(&mut self, port: u16, proto: Proto) -> Result<(), NetError> {
        self.e.acted = true;
        self.e.listen(self.c, port, proto)
    }

    fn unlisten(&mut self, port: u16, proto: Proto) {
        self.e.acted = true;
        self.e.unlisten(self.c, port, proto)
    }

    fn resolve(&self, name: &str) -> Option<String> {
        self.e.resolve(name)
    }

    fn lookup(&mut self, name: &str) -> Option<String> {
        self.e.acted = true;
        self.e.dns_from(self.c, name)
    }

    fn http(&mut self, req: &HttpRequest) -> Result<HttpResponse, NetError> {
        self.e.acted = true;
        self.e.http_from(self.c, req)
    }

    fn tcp_connect(&mut self, host: &str, port: u16) -> Result<(), NetError> {
        self.e.acted = true;
        self.e.tcp_from(self.c, host, port)
    }

    fn stdout(&mut self, text: &str) {
        self.e.log(self.c, text, false)
    }

    fn stderr(&mut self, text: &str) {
        self.e.log(self.c, text, true)
    }

    fn set_memory(&mut self, bytes: u64) {
        if !self.main {
            return;
        }
        if let Some(c) = self.e.ctrs.get_mut(self.c) {
            c.mem_program = bytes;
        }
        self.e.check_memory(self.c);
    }

    fn set_cpu_demand(&mut self, millicores: u64) {
        if !self.main {
            return;
        }
        let now = self.e.now;
        let Some(c) = self.e.ctrs.get_mut(self.c) else {
            return;
        };
        c.cpu_demand = millicores;
        let limit = c
            .spec
            .resources
            .limits
            .cpu_milli
            .filter(|l| *l > 0)
            .map(|l| l as u64);
        let first = !c.cpu_noted && limit.is_some_and(|l| millicores > l);
        if first {
            c.cpu_noted = true;
        }
        if let Some(tr) = self.e.run.ctr.get_mut(self.c) {
            tr.cpu.set(
                now,
                CpuSample {
                    demand_milli: millicores,
                    limit_milli: limit,
                },
            );
        }
        if first {
            let l = limit.unwrap_or(0);
            self.e.note(
                Some(self.c),
                NoteKind::Simplification,
                Text::new(
                    format!("the program wants {millicores}m of CPU; the limit {l}m throttles it (CFS quota), it is never killed for CPU"),
                    format!("程序需要 {millicores}m CPU；限制 {l}m 会对它限流（CFS 配额），它不会因为 CPU 被杀死"),
                ),
            );
        }
    }

    fn assume(&mut self, note: Text) {
        self.e.note(Some(self.c), NoteKind::Assumption, note);
    }

    fn hostname(&self) -> String {
        self.e.pod_hostname()
    }

    fn process_table(&self) -> Vec<(u32, ProcInfo)> {
        let Some(ns) = self.e.ctrs.get(self.c).and_then(|c| c.ns).map(|n| n.pid) else {
            return Vec::new();
        };
        self.e
            .run
            .ps
            .iter()
            .find(|(n, _)| *n == ns)
            .and_then(|(_, tr)| tr.last())
            .map(|v| {
                v.iter()
                    .map(|p| {
                        (
                            p.pid,
                            ProcInfo {
                                command: p.command.clone(),
                                user: p.user.clone(),
                            },
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    fn signal_process(&mut self, command_prefix: &str, signal: Signal) -> bool {
        self.e.acted = true;
        let Some(ns) = self.e.ctrs.get(self.c).and_then(|c| c.ns).map(|n| n.pid) else {
            return false;
        };
        let target = self.e.ctrs.iter().position(|c| {
            c.ns.is_some_and(|n| n.pid == ns)
                && c.program.is_some()
                && c.pids
                    .first()
                    .is_some_and(|(cmd, _)| cmd.starts_with(command_prefix))
        });
        let Some(t) = target else { return false };
        let gen = self.e.ctrs.get(t).map_or(0, |c| c.gen);
        let outcome = self
            .e
            .ctrs
            .get_mut(t)
            .and_then(|c| c.program.as_mut())
            .map(|p| p.signal(signal));
        match outcome {
            Some(SignalOutcome::Exit { code, after_ms }) => {
                self.e.exit_after(after_ms, t, gen, code);
                true
            }
            Some(SignalOutcome::Handled) => {
                let now = self.e.now;
                self.e.at(now, super::Ev::Wake { c: t as u16, gen });
                true
            }
            Some(SignalOutcome::Ignore) => true,
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::format_map;
    use crate::gofmt::go_quote;
    use crate::sim::engine::kubelet::expand_vars;

    #[test]
    fn downward_api_maps_are_written_like_the_kubelet() {
        let m = vec![
            ("zone".to_string(), "us-est-coast".to_string()),
            ("app".to_string(), "say \"hi\"\n".to_string()),
        ];
        assert_eq!(
            format_map(&m),
            "app=\"say \\\"hi\\\"\\n\"\nzone=\"us-est-coast\""
        );
        assert_eq!(go_quote("tab\there"), "\"tab\\there\"");
        assert_eq!(format_map(&[]), "");
    }

    #[test]
    fn dependent_variables_expand_like_the_kubelet() {
        let env = vec![("A".to_string(), "x".to_string())];
        assert_eq!(expand_vars("$(A)-$(B)", &env), "x-$(B)");
        assert_eq!(expand_vars("$$(A)", &env), "$(A)");
        assert_eq!(expand_vars("$(A", &env), "$(A");
        assert_eq!(expand_vars("cost $5", &env), "cost $5");
    }
}
