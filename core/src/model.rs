//! A typed view of a validated, defaulted Pod and of the objects around it (the simulation's input).
//!
//! The readers take a [`crate::tree::Node`] as the analysis pipeline leaves it (decoded and defaulted), but
//! they never assume that: every field may be missing or of the wrong type, and then the same
//! default the API server would have applied is used (each one is named where it is applied, with
//! the Go source it comes from). Nothing here fails or panics; a value that cannot be read is
//! treated as absent.
//!
//! Quantities are kept as integers: cpu in millicores, memory in bytes.

use crate::tree::{Node, Value};

/// `metadata` of any object.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ObjectMeta {
    pub name: String,
    /// `default` when absent (kubectl sends the object to the current namespace, `default`).
    pub namespace: String,
    /// Sorted by key (the API server stores maps; kubelet and kubectl print them sorted).
    pub labels: Vec<(String, String)>,
    pub annotations: Vec<(String, String)>,
}

impl ObjectMeta {
    pub fn from_tree(obj: &Node) -> ObjectMeta {
        let meta = obj.get("metadata");
        let name = meta.and_then(|m| m.str("name")).unwrap_or("").to_string();
        let namespace = meta
            .and_then(|m| m.str("namespace"))
            .filter(|s| !s.is_empty())
            .unwrap_or("default")
            .to_string();
        ObjectMeta {
            name,
            namespace,
            labels: meta
                .map(|m| string_map(m.get("labels")))
                .unwrap_or_default(),
            annotations: meta
                .map(|m| string_map(m.get("annotations")))
                .unwrap_or_default(),
        }
    }

    pub fn label(&self, key: &str) -> Option<&str> {
        lookup(&self.labels, key)
    }
}

/// Looks a key up in a sorted `(key, value)` list.
pub fn lookup<'a>(map: &'a [(String, String)], key: &str) -> Option<&'a str> {
    map.binary_search_by(|(k, _)| k.as_str().cmp(key))
        .ok()
        .and_then(|i| map.get(i))
        .map(|(_, v)| v.as_str())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RestartPolicy {
    Always,
    OnFailure,
    Never,
}

impl RestartPolicy {
    pub fn as_str(self) -> &'static str {
        match self {
            RestartPolicy::Always => "Always",
            RestartPolicy::OnFailure => "OnFailure",
            RestartPolicy::Never => "Never",
        }
    }

    fn parse(s: Option<&str>) -> RestartPolicy {
        match s {
            Some("OnFailure") => RestartPolicy::OnFailure,
            Some("Never") => RestartPolicy::Never,
            // Default `Always` (pkg/apis/core/v1/defaults.go SetDefaults_PodSpec).
            _ => RestartPolicy::Always,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DnsPolicy {
    ClusterFirst,
    ClusterFirstWithHostNet,
    Default,
    None,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PullPolicy {
    Always,
    IfNotPresent,
    Never,
}

impl PullPolicy {
    pub fn as_str(self) -> &'static str {
        match self {
            PullPolicy::Always => "Always",
            PullPolicy::IfNotPresent => "IfNotPresent",
            PullPolicy::Never => "Never",
        }
    }

    /// SetDefaults_Container's pull policy ([`crate::defaults::image_pull_policy`]).
    pub fn default_for(image: &str) -> PullPolicy {
        match crate::defaults::image_pull_policy(image) {
            "Always" => PullPolicy::Always,
            _ => PullPolicy::IfNotPresent,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Protocol {
    Tcp,
    Udp,
    Sctp,
}

impl Protocol {
    pub fn as_str(self) -> &'static str {
        match self {
            Protocol::Tcp => "TCP",
            Protocol::Udp => "UDP",
            Protocol::Sctp => "SCTP",
        }
    }

    fn parse(s: Option<&str>) -> Protocol {
        match s {
            Some("UDP") => Protocol::Udp,
            Some("SCTP") => Protocol::Sctp,
            // Default TCP (SetDefaults_ContainerPort / SetDefaults_ServicePort).
            _ => Protocol::Tcp,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ContainerPort {
    pub name: Option<String>,
    pub container_port: i64,
    pub host_port: Option<i64>,
    pub protocol: Option<Protocol>,
}

impl ContainerPort {
    pub fn protocol(&self) -> Protocol {
        self.protocol.unwrap_or(Protocol::Tcp)
    }
}

/// A port given by number or by the name of a container port (`port: http`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PortRef {
    Number(i64),
    Name(String),
}

impl PortRef {
    fn from_node(n: Option<&Node>) -> Option<PortRef> {
        let n = n?;
        if let Some(i) = n.as_i64() {
            return Some(PortRef::Number(i));
        }
        let s = n.as_str()?;
        match s.parse::<i64>() {
            Ok(i) => Some(PortRef::Number(i)),
            Err(_) => Some(PortRef::Name(s.to_string())),
        }
    }

    pub fn text(&self) -> String {
        match self {
            PortRef::Number(i) => i.to_string(),
            PortRef::Name(s) => s.clone(),
        }
    }
}

/// cpu (millicores) and memory (bytes) of a `requests` or `limits` list. Other resources are kept by
/// name with their quantity text (the simulation does not use them).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ResourceList {
    pub cpu_milli: Option<i64>,
    pub memory: Option<i64>,
    pub ephemeral_storage: Option<i64>,
    pub other: Vec<(String, String)>,
}

impl ResourceList {
    fn from_node(n: Option<&Node>) -> ResourceList {
        let mut r = ResourceList::default();
        let Some(n) = n else { return r };
        for e in n.as_map().unwrap_or(&[]) {
            let text = quantity_text(&e.value);
            match e.key.as_str() {
                "cpu" => r.cpu_milli = text.as_deref().and_then(parse_milli).map(clamp_i64),
                "memory" => r.memory = text.as_deref().and_then(parse_value).map(clamp_i64),
                "ephemeral-storage" => {
                    r.ephemeral_storage = text.as_deref().and_then(parse_value).map(clamp_i64)
                }
                k => r.other.push((k.to_string(), text.unwrap_or_default())),
            }
        }
        r
    }

    pub fn is_empty(&self) -> bool {
        self.cpu_milli.is_none()
            && self.memory.is_none()
            && self.ephemeral_storage.is_none()
            && self.other.is_empty()
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Resources {
    pub requests: ResourceList,
    pub limits: ResourceList,
}

impl Resources {
    fn from_node(n: Option<&Node>) -> Resources {
        let mut r = Resources {
            requests: ResourceList::from_node(n.and_then(|n| n.get("requests"))),
            limits: ResourceList::from_node(n.and_then(|n| n.get("limits"))),
        };
        // SetDefaults_ResourceList / defaultHugePagesRequests: a limit with no request gives a
        // request equal to the limit (pkg/apis/core/v1/defaults.go SetDefaults_Pod, "requests
        // default to limits").
        if r.requests.cpu_milli.is_none() {
            r.requests.cpu_milli = r.limits.cpu_milli;
        }
        if r.requests.memory.is_none() {
            r.requests.memory = r.limits.memory;
        }
        if r.requests.ephemeral_storage.is_none() {
            r.requests.ephemeral_storage = r.limits.ephemeral_storage;
        }
        r
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Handler {
    Exec {
        command: Vec<String>,
    },
    HttpGet {
        path: String,
        port: PortRef,
        host: Option<String>,
        scheme: String,
        headers: Vec<(String, String)>,
    },
    TcpSocket {
        port: PortRef,
        host: Option<String>,
    },
    Grpc {
        port: i64,
        service: Option<String>,
    },
    /// `lifecycle.*.sleep.seconds`.
    Sleep {
        seconds: i64,
    },
}

impl Handler {
    fn from_node(n: &Node) -> Option<Handler> {
        if let Some(e) = n.get("exec") {
            return Some(Handler::Exec {
                command: strings(e.get("command")),
            });
        }
        if let Some(h) = n.get("httpGet") {
            return Some(Handler::HttpGet {
                path: text(h, "path"),
                port: PortRef::from_node(h.get("port")).unwrap_or(PortRef::Number(0)),
                host: h.str("host").filter(|s| !s.is_empty()).map(str::to_string),
                // SetDefaults_HTTPGetAction: scheme HTTP.
                scheme: h.str("scheme").unwrap_or("HTTP").to_string(),
                headers: h
                    .seq("httpHeaders")
                    .iter()
                    .map(|x| (text(x, "name"), text(x, "value")))
                    .collect(),
            });
        }
        if let Some(t) = n.get("tcpSocket") {
            return Some(Handler::TcpSocket {
                port: PortRef::from_node(t.get("port")).unwrap_or(PortRef::Number(0)),
                host: t.str("host").filter(|s| !s.is_empty()).map(str::to_string),
            });
        }
        if let Some(g) = n.get("grpc") {
            return Some(Handler::Grpc {
                port: g.get("port").and_then(Node::as_i64).unwrap_or(0),
                service: g.str("service").map(str::to_string),
            });
        }
        if let Some(s) = n.get("sleep") {
            return Some(Handler::Sleep {
                seconds: s.get("seconds").and_then(Node::as_i64).unwrap_or(0),
            });
        }
        None
    }

    /// How `kubectl describe` prints a probe's action (`exec [cat /tmp/healthy]`,
    /// `http-get http://:8080/healthz`, `tcp-socket :8080`, `grpc <pod>:9090 <service>`).
    pub fn describe(&self) -> String {
        match self {
            Handler::Exec { command } => format!("exec [{}]", command.join(" ")),
            Handler::HttpGet {
                path,
                port,
                host,
                scheme,
                ..
            } => format!(
                "http-get {}://{}:{}{}",
                scheme.to_ascii_lowercase(),
                host.as_deref().unwrap_or(""),
                port.text(),
                path
            ),
            Handler::TcpSocket { port, host } => {
                format!(
                    "tcp-socket {}:{}",
                    host.as_deref().unwrap_or(""),
                    port.text()
                )
            }
            Handler::Grpc { port, service } => format!(
                "grpc <pod>:{} {}",
                port,
                service.as_deref().unwrap_or("<service>")
            ),
            Handler::Sleep { seconds } => format!("sleep {seconds}s"),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Probe {
    pub handler: Handler,
    pub initial_delay_seconds: i64,
    pub timeout_seconds: i64,
    pub period_seconds: i64,
    pub success_threshold: i64,
    pub failure_threshold: i64,
    pub termination_grace_period_seconds: Option<i64>,
}

impl Probe {
    /// Probe defaults (SetDefaults_Probe): timeoutSeconds 1, periodSeconds 10, successThreshold 1,
    /// failureThreshold 3; initialDelaySeconds is 0 when absent. Values below the API minimum
    /// (validation rejects them) are raised to it so that the engine never divides by zero.
    fn from_node(n: Option<&Node>) -> Option<Probe> {
        let n = n?;
        let handler = Handler::from_node(n)?;
        let int = |k: &str, d: i64| n.get(k).and_then(Node::as_i64).unwrap_or(d);
        Some(Probe {
            handler,
            initial_delay_seconds: int("initialDelaySeconds", 0).max(0),
            timeout_seconds: int("timeoutSeconds", 1).max(1),
            period_seconds: int("periodSeconds", 10).max(1),
            success_threshold: int("successThreshold", 1).max(1),
            failure_threshold: int("failureThreshold", 3).max(1),
            termination_grace_period_seconds: n
                .get("terminationGracePeriodSeconds")
                .and_then(Node::as_i64),
        })
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lifecycle {
    pub post_start: Option<Handler>,
    pub pre_stop: Option<Handler>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum EnvSource {
    Value(String),
    FieldRef(String),
    ResourceFieldRef {
        container: Option<String>,
        resource: String,
        divisor: Option<String>,
    },
    ConfigMapKey {
        name: String,
        key: String,
        optional: bool,
    },
    SecretKey {
        name: String,
        key: String,
        optional: bool,
    },
    /// `fileKeyRef` (EnvFiles, beta and on by default since 1.35): a key of an env file in a
    /// volume, read by the kubelet when it creates the container.
    FileKey {
        volume: String,
        path: String,
        key: String,
        optional: bool,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct EnvVar {
    pub name: String,
    pub source: EnvSource,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EnvFrom {
    pub prefix: String,
    pub config_map: Option<String>,
    pub secret: Option<String>,
    pub optional: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct VolumeMount {
    pub name: String,
    pub mount_path: String,
    pub read_only: bool,
    pub sub_path: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SecurityContext {
    pub run_as_user: Option<i64>,
    pub run_as_non_root: Option<bool>,
    pub privileged: Option<bool>,
    pub read_only_root_filesystem: Option<bool>,
}

impl SecurityContext {
    fn from_node(n: Option<&Node>) -> SecurityContext {
        let Some(n) = n else {
            return SecurityContext::default();
        };
        SecurityContext {
            run_as_user: n.get("runAsUser").and_then(Node::as_i64),
            run_as_non_root: n.get("runAsNonRoot").and_then(Node::as_bool),
            privileged: n.get("privileged").and_then(Node::as_bool),
            read_only_root_filesystem: n.get("readOnlyRootFilesystem").and_then(Node::as_bool),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Container {
    pub name: String,
    pub image: String,
    pub command: Vec<String>,
    pub args: Vec<String>,
    pub working_dir: Option<String>,
    pub ports: Vec<ContainerPort>,
    pub env: Vec<EnvVar>,
    pub env_from: Vec<EnvFrom>,
    pub resources: Resources,
    pub volume_mounts: Vec<VolumeMount>,
    pub liveness_probe: Option<Probe>,
    pub readiness_probe: Option<Probe>,
    pub startup_probe: Option<Probe>,
    pub lifecycle: Lifecycle,
    pub termination_message_path: String,
    pub termination_message_policy: String,
    pub image_pull_policy: PullPolicy,
    pub security_context: SecurityContext,
    pub stdin: bool,
    pub tty: bool,
    /// `restartPolicy: Always` on an init container makes it a native sidecar.
    pub restart_policy_always: bool,
    /// The container's own `restartPolicy` (ContainerRestartRules, on by default since 1.35):
    /// it overrides the Pod's for this container.
    pub restart_policy: Option<RestartPolicy>,
    /// `restartPolicyRules` with `action: Restart`: exit codes that restart the container
    /// whatever its restartPolicy says.
    pub restart_rules: Vec<RestartRule>,
}

/// One `restartPolicyRules` entry (`action: Restart`, `exitCodes: {operator, values}`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RestartRule {
    /// `In` (true) or `NotIn` (false).
    pub in_values: bool,
    pub values: Vec<i64>,
}

impl RestartRule {
    fn from_node(n: &Node) -> Option<RestartRule> {
        if n.str("action") != Some("Restart") {
            return None;
        }
        let ec = n.get("exitCodes")?;
        let in_values = match ec.str("operator") {
            Some("In") => true,
            Some("NotIn") => false,
            _ => return None,
        };
        let values = ec.seq("values").iter().filter_map(Node::as_i64).collect();
        Some(RestartRule { in_values, values })
    }

    /// Whether the rule matches this exit code.
    pub fn matches(&self, exit_code: i32) -> bool {
        self.values.contains(&i64::from(exit_code)) == self.in_values
    }
}

impl Container {
    pub fn from_tree(n: &Node) -> Container {
        let image = text(n, "image");
        let image_pull_policy = match n.str("imagePullPolicy") {
            Some("Always") => PullPolicy::Always,
            Some("IfNotPresent") => PullPolicy::IfNotPresent,
            Some("Never") => PullPolicy::Never,
            _ => PullPolicy::default_for(&image),
        };
        let lifecycle = n
            .get("lifecycle")
            .map(|l| Lifecycle {
                post_start: l.get("postStart").and_then(Handler::from_node),
                pre_stop: l.get("preStop").and_then(Handler::from_node),
            })
            .unwrap_or_default();
        Container {
            name: text(n, "name"),
            image,
            command: strings(n.get("command")),
            args: strings(n.get("args")),
            working_dir: n
                .str("workingDir")
                .filter(|s| !s.is_empty())
                .map(str::to_string),
            ports: n
                .seq("ports")
                .iter()
                .map(|p| ContainerPort {
                    name: p.str("name").map(str::to_string),
                    container_port: p.get("containerPort").and_then(Node::as_i64).unwrap_or(0),
                    host_port: p.get("hostPort").and_then(Node::as_i64).filter(|h| *h != 0),
                    protocol: Some(Protocol::parse(p.str("protocol"))),
                })
                .collect(),
            env: n.seq("env").iter().map(env_var).collect(),
            env_from: n
                .seq("envFrom")
                .iter()
                .map(|e| {
                    let cm = e.get("configMapRef");
                    let sec = e.get("secretRef");
                    EnvFrom {
                        prefix: text(e, "prefix"),
                        config_map: cm.and_then(|c| c.str("name")).map(str::to_string),
                        secret: sec.and_then(|c| c.str("name")).map(str::to_string),
                        optional: cm
                            .or(sec)
                            .and_then(|c| c.get("optional"))
                            .and_then(Node::as_bool)
                            .unwrap_or(false),
                    }
                })
                .collect(),
            resources: Resources::from_node(n.get("resources")),
            volume_mounts: n
                .seq("volumeMounts")
                .iter()
                .map(|m| VolumeMount {
                    name: text(m, "name"),
                    mount_path: text(m, "mountPath"),
                    read_only: m.get("readOnly").and_then(Node::as_bool).unwrap_or(false),
                    sub_path: m
                        .str("subPath")
                        .filter(|s| !s.is_empty())
                        .map(str::to_string),
                })
                .collect(),
            liveness_probe: Probe::from_node(n.get("livenessProbe")),
            readiness_probe: Probe::from_node(n.get("readinessProbe")),
            startup_probe: Probe::from_node(n.get("startupProbe")),
            lifecycle,
            // SetDefaults_Container.
            termination_message_path: n
                .str("terminationMessagePath")
                .unwrap_or("/dev/termination-log")
                .to_string(),
            termination_message_policy: n
                .str("terminationMessagePolicy")
                .unwrap_or("File")
                .to_string(),
            image_pull_policy,
            security_context: SecurityContext::from_node(n.get("securityContext")),
            stdin: n.get("stdin").and_then(Node::as_bool).unwrap_or(false),
            tty: n.get("tty").and_then(Node::as_bool).unwrap_or(false),
            restart_policy_always: n.str("restartPolicy") == Some("Always"),
            restart_policy: match n.str("restartPolicy") {
                Some("Always") => Some(RestartPolicy::Always),
                Some("OnFailure") => Some(RestartPolicy::OnFailure),
                Some("Never") => Some(RestartPolicy::Never),
                _ => None,
            },
            restart_rules: n
                .seq("restartPolicyRules")
                .iter()
                .filter_map(RestartRule::from_node)
                .collect(),
        }
    }

    /// Looks up a named container port.
    pub fn port_named(&self, name: &str) -> Option<i64> {
        self.ports
            .iter()
            .find(|p| p.name.as_deref() == Some(name))
            .map(|p| p.container_port)
    }
}

fn env_var(n: &Node) -> EnvVar {
    let name = text(n, "name");
    let source = if let Some(vf) = n.get("valueFrom") {
        if let Some(f) = vf.get("fieldRef") {
            EnvSource::FieldRef(text(f, "fieldPath"))
        } else if let Some(r) = vf.get("resourceFieldRef") {
            EnvSource::ResourceFieldRef {
                container: r.str("containerName").map(str::to_string),
                resource: text(r, "resource"),
                divisor: r.get("divisor").and_then(quantity_text),
            }
        } else if let Some(c) = vf.get("configMapKeyRef") {
            EnvSource::ConfigMapKey {
                name: text(c, "name"),
                key: text(c, "key"),
                optional: c.get("optional").and_then(Node::as_bool).unwrap_or(false),
            }
        } else if let Some(s) = vf.get("secretKeyRef") {
            EnvSource::SecretKey {
                name: text(s, "name"),
                key: text(s, "key"),
                optional: s.get("optional").and_then(Node::as_bool).unwrap_or(false),
            }
        } else if let Some(f) = vf.get("fileKeyRef") {
            EnvSource::FileKey {
                volume: f.str("volumeName").unwrap_or("").to_string(),
                path: f.str("path").unwrap_or("").to_string(),
                key: f.str("key").unwrap_or("").to_string(),
                optional: f.get("optional").and_then(Node::as_bool).unwrap_or(false),
            }
        } else {
            EnvSource::Value(String::new())
        }
    } else {
        EnvSource::Value(scalar_text(n.get("value")).unwrap_or_default())
    };
    EnvVar { name, source }
}

/// One item of a configMap/secret/downwardAPI volume (`key` → `path`).
#[derive(Clone, Debug, PartialEq)]
pub struct KeyToPath {
    pub key: String,
    pub path: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DownwardItem {
    pub path: String,
    pub field_path: Option<String>,
    pub resource: Option<(Option<String>, String, Option<String>)>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ProjectedSource {
    ConfigMap {
        name: String,
        items: Vec<KeyToPath>,
        optional: bool,
    },
    Secret {
        name: String,
        items: Vec<KeyToPath>,
        optional: bool,
    },
    DownwardApi(Vec<DownwardItem>),
    ServiceAccountToken {
        path: String,
    },
    Other(String),
}

#[derive(Clone, Debug, PartialEq)]
pub enum VolumeSource {
    EmptyDir,
    ConfigMap {
        name: String,
        items: Vec<KeyToPath>,
        optional: bool,
    },
    Secret {
        name: String,
        items: Vec<KeyToPath>,
        optional: bool,
    },
    DownwardApi(Vec<DownwardItem>),
    Projected(Vec<ProjectedSource>),
    HostPath {
        path: String,
    },
    PersistentVolumeClaim {
        claim_name: String,
    },
    /// A volume type the simulation does not model (nfs, csi, …): mounted as an empty directory.
    Other(String),
}

impl VolumeSource {
    pub fn type_name(&self) -> &str {
        match self {
            VolumeSource::EmptyDir => "EmptyDir",
            VolumeSource::ConfigMap { .. } => "ConfigMap",
            VolumeSource::Secret { .. } => "Secret",
            VolumeSource::DownwardApi(_) => "DownwardAPI",
            VolumeSource::Projected(_) => "Projected",
            VolumeSource::HostPath { .. } => "HostPath",
            VolumeSource::PersistentVolumeClaim { .. } => "PersistentVolumeClaim",
            VolumeSource::Other(k) => k,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Volume {
    pub name: String,
    pub source: VolumeSource,
}

fn key_to_paths(n: &Node) -> Vec<KeyToPath> {
    n.seq("items")
        .iter()
        .map(|i| KeyToPath {
            key: text(i, "key"),
            path: text(i, "path"),
        })
        .collect()
}

fn downward_items(n: &Node) -> Vec<DownwardItem> {
    n.seq("items")
        .iter()
        .map(|i| DownwardItem {
            path: text(i, "path"),
            field_path: i
                .get("fieldRef")
                .and_then(|f| f.str("fieldPath"))
                .map(str::to_string),
            resource: i.get("resourceFieldRef").map(|r| {
                (
                    r.str("containerName").map(str::to_string),
                    text(r, "resource"),
                    r.get("divisor").and_then(quantity_text),
                )
            }),
        })
        .collect()
}

fn optional(n: &Node) -> bool {
    n.get("optional").and_then(Node::as_bool).unwrap_or(false)
}

impl Volume {
    fn from_tree(n: &Node) -> Volume {
        let name = text(n, "name");
        let source = if n.get("emptyDir").is_some() || n.entry("emptyDir").is_some() {
            VolumeSource::EmptyDir
        } else if let Some(c) = n.get("configMap") {
            VolumeSource::ConfigMap {
                name: text(c, "name"),
                items: key_to_paths(c),
                optional: optional(c),
            }
        } else if let Some(s) = n.get("secret") {
            VolumeSource::Secret {
                name: text(s, "secretName"),
                items: key_to_paths(s),
                optional: optional(s),
            }
        } else if let Some(d) = n.get("downwardAPI") {
            VolumeSource::DownwardApi(downward_items(d))
        } else if let Some(p) = n.get("projected") {
            VolumeSource::Projected(
                p.seq("sources")
                    .iter()
                    .map(|s| {
                        if let Some(c) = s.get("configMap") {
                            ProjectedSource::ConfigMap {
                                name: text(c, "name"),
                                items: key_to_paths(c),
                                optional: optional(c),
                            }
                        } else if let Some(c) = s.get("secret") {
                            ProjectedSource::Secret {
                                name: text(c, "name"),
                                items: key_to_paths(c),
                                optional: optional(c),
                            }
                        } else if let Some(d) = s.get("downwardAPI") {
                            ProjectedSource::DownwardApi(downward_items(d))
                        } else if let Some(t) = s.get("serviceAccountToken") {
                            ProjectedSource::ServiceAccountToken {
                                path: t.str("path").unwrap_or("token").to_string(),
                            }
                        } else {
                            ProjectedSource::Other(
                                s.as_map()
                                    .and_then(|m| m.first())
                                    .map(|e| e.key.clone())
                                    .unwrap_or_default(),
                            )
                        }
                    })
                    .collect(),
            )
        } else if let Some(h) = n.get("hostPath") {
            VolumeSource::HostPath {
                path: text(h, "path"),
            }
        } else if let Some(p) = n.get("persistentVolumeClaim") {
            VolumeSource::PersistentVolumeClaim {
                claim_name: text(p, "claimName"),
            }
        } else {
            let kind = n
                .as_map()
                .unwrap_or(&[])
                .iter()
                .find(|e| e.key != "name")
                .map(|e| e.key.clone())
                // A volume with no source is defaulted to emptyDir (SetDefaults_Volume).
                .unwrap_or_else(|| "emptyDir".to_string());
            if kind == "emptyDir" {
                VolumeSource::EmptyDir
            } else {
                VolumeSource::Other(kind)
            }
        };
        Volume { name, source }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Toleration {
    pub key: String,
    /// `Exists` or `Equal` (the default).
    pub operator: String,
    pub value: String,
    /// Empty matches every effect.
    pub effect: String,
    pub toleration_seconds: Option<i64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Taint {
    pub key: String,
    pub value: String,
    pub effect: String,
}

impl Toleration {
    /// `v1.Toleration.ToleratesTaint` (staging/src/k8s.io/api/core/v1/toleration.go).
    pub fn tolerates(&self, taint: &Taint) -> bool {
        if !self.effect.is_empty() && self.effect != taint.effect {
            return false;
        }
        if !self.key.is_empty() && self.key != taint.key {
            return false;
        }
        match self.operator.as_str() {
            "Exists" => true,
            "" | "Equal" => self.value == taint.value,
            _ => false,
        }
    }
}

/// One `matchExpressions` / `matchFields` requirement of a node selector term.
#[derive(Clone, Debug, PartialEq)]
pub struct Requirement {
    pub key: String,
    pub operator: String,
    pub values: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct NodeSelectorTerm {
    pub match_expressions: Vec<Requirement>,
    pub match_fields: Vec<Requirement>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct NodeAffinity {
    /// `requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms` (ORed).
    pub required: Option<Vec<NodeSelectorTerm>>,
    /// `preferredDuringSchedulingIgnoredDuringExecution` as (weight, term).
    pub preferred: Vec<(i64, NodeSelectorTerm)>,
}

fn requirements(n: Option<&Node>) -> Vec<Requirement> {
    n.and_then(Node::as_seq)
        .unwrap_or(&[])
        .iter()
        .map(|r| Requirement {
            key: text(r, "key"),
            operator: text(r, "operator"),
            values: strings(r.get("values")),
        })
        .collect()
}

fn term(n: &Node) -> NodeSelectorTerm {
    NodeSelectorTerm {
        match_expressions: requirements(n.get("matchExpressions")),
        match_fields: requirements(n.get("matchFields")),
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct HostAlias {
    pub ip: String,
    pub hostnames: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PodSecurityContext {
    pub run_as_user: Option<i64>,
    pub run_as_non_root: Option<bool>,
}

/// A Pod as the simulation reads it.
#[derive(Clone, Debug, PartialEq)]
pub struct Pod {
    pub meta: ObjectMeta,
    pub init_containers: Vec<Container>,
    pub containers: Vec<Container>,
    pub restart_policy: RestartPolicy,
    pub termination_grace_period_seconds: i64,
    pub active_deadline_seconds: Option<i64>,
    pub dns_policy: DnsPolicy,
    pub node_selector: Vec<(String, String)>,
    pub node_name: Option<String>,
    pub host_network: bool,
    pub host_pid: bool,
    pub host_ipc: bool,
    pub share_process_namespace: bool,
    /// `hostUsers: false` gives the pod its own user namespace.
    pub host_users: bool,
    pub hostname: Option<String>,
    /// `spec.hostnameOverride` (HostnameOverride, beta and on by default since 1.35): the Pod's
    /// hostname whatever `hostname`, `subdomain` and the name say.
    pub hostname_override: Option<String>,
    pub subdomain: Option<String>,
    pub host_aliases: Vec<HostAlias>,
    pub enable_service_links: bool,
    pub scheduler_name: String,
    pub service_account_name: String,
    pub tolerations: Vec<Toleration>,
    pub node_affinity: NodeAffinity,
    pub volumes: Vec<Volume>,
    pub readiness_gates: Vec<String>,
    pub scheduling_gates: Vec<String>,
    pub priority: i64,
    pub security_context: PodSecurityContext,
    /// Pod-level `spec.resources` (PodLevelResources).
    pub resources: Option<Resources>,
    /// `status.qosClass`, as [`crate::defaults::qos_class`] computes it.
    pub qos: QosClass,
}

impl Pod {
    /// Whether the pod reads ConfigMap (`kind` "ConfigMap") or Secret `name`: a volume, a
    /// projected source, an `env` key or `envFrom`.
    pub fn references(&self, kind: &str, name: &str) -> bool {
        let secret = kind == "Secret";
        let vol = |v: &Volume| match &v.source {
            VolumeSource::ConfigMap { name: n, .. } => !secret && n == name,
            VolumeSource::Secret { name: n, .. } => secret && n == name,
            VolumeSource::Projected(sources) => sources.iter().any(|s| match s {
                ProjectedSource::ConfigMap { name: n, .. } => !secret && n == name,
                ProjectedSource::Secret { name: n, .. } => secret && n == name,
                _ => false,
            }),
            _ => false,
        };
        let ctr = |c: &Container| {
            c.env.iter().any(|e| match &e.source {
                EnvSource::ConfigMapKey { name: n, .. } => !secret && n == name,
                EnvSource::SecretKey { name: n, .. } => secret && n == name,
                _ => false,
            }) || c.env_from.iter().any(|f| {
                let n = if secret { &f.secret } else { &f.config_map };
                n.as_deref() == Some(name)
            })
        };
        self.volumes.iter().any(vol)
            || self.init_containers.iter().chain(&self.containers).any(ctr)
    }

    /// Reads a Pod object (`kind: Pod`). Absent fields get the API server's defaults
    /// (pkg/apis/core/v1/defaults.go SetDefaults_PodSpec, SetDefaults_Pod), plus what admission adds
    /// on every cluster: `serviceAccountName: default` (ServiceAccount admission) and the two
    /// 300 s NoExecute tolerations (DefaultTolerationSeconds admission).
    pub fn from_tree(obj: &Node) -> Pod {
        let meta = ObjectMeta::from_tree(obj);
        let empty = Node::new(Value::Map(Vec::new()), obj.span);
        let spec = obj.get("spec").unwrap_or(&empty);
        let mut tolerations: Vec<Toleration> = spec
            .seq("tolerations")
            .iter()
            .map(|t| Toleration {
                key: text(t, "key"),
                operator: t.str("operator").unwrap_or("Equal").to_string(),
                value: text(t, "value"),
                effect: text(t, "effect"),
                toleration_seconds: t.get("tolerationSeconds").and_then(Node::as_i64),
            })
            .collect();
        // DefaultTolerationSeconds admission (plugin/pkg/admission/defaulttolerationseconds).
        for key in [
            "node.kubernetes.io/not-ready",
            "node.kubernetes.io/unreachable",
        ] {
            let present = tolerations.iter().any(|t| {
                (t.key == key || t.key.is_empty())
                    && (t.effect.is_empty() || t.effect == "NoExecute")
            });
            if !present {
                tolerations.push(Toleration {
                    key: key.to_string(),
                    operator: "Exists".to_string(),
                    value: String::new(),
                    effect: "NoExecute".to_string(),
                    toleration_seconds: Some(300),
                });
            }
        }
        let affinity = spec.path("affinity.nodeAffinity");
        let node_affinity = NodeAffinity {
            required: affinity
                .and_then(|a| a.get("requiredDuringSchedulingIgnoredDuringExecution"))
                .map(|r| r.seq("nodeSelectorTerms").iter().map(term).collect()),
            preferred: affinity
                .map(|a| a.seq("preferredDuringSchedulingIgnoredDuringExecution"))
                .unwrap_or(&[])
                .iter()
                .map(|p| {
                    (
                        p.get("weight").and_then(Node::as_i64).unwrap_or(0),
                        p.get("preference").map(term).unwrap_or_default(),
                    )
                })
                .collect(),
        };
        let dns_policy = match spec.str("dnsPolicy") {
            Some("ClusterFirstWithHostNet") => DnsPolicy::ClusterFirstWithHostNet,
            Some("Default") => DnsPolicy::Default,
            Some("None") => DnsPolicy::None,
            _ => DnsPolicy::ClusterFirst,
        };
        let sc = spec.get("securityContext");
        Pod {
            meta,
            init_containers: spec
                .seq("initContainers")
                .iter()
                .map(Container::from_tree)
                .collect(),
            containers: spec
                .seq("containers")
                .iter()
                .map(Container::from_tree)
                .collect(),
            restart_policy: RestartPolicy::parse(spec.str("restartPolicy")),
            termination_grace_period_seconds: spec
                .get("terminationGracePeriodSeconds")
                .and_then(Node::as_i64)
                .unwrap_or(30)
                .max(0),
            active_deadline_seconds: spec.get("activeDeadlineSeconds").and_then(Node::as_i64),
            dns_policy,
            node_selector: string_map(spec.get("nodeSelector")),
            node_name: spec
                .str("nodeName")
                .filter(|s| !s.is_empty())
                .map(str::to_string),
            host_network: flag(spec, "hostNetwork"),
            host_pid: flag(spec, "hostPID"),
            host_ipc: flag(spec, "hostIPC"),
            share_process_namespace: flag(spec, "shareProcessNamespace"),
            host_users: spec
                .get("hostUsers")
                .and_then(Node::as_bool)
                .unwrap_or(true),
            hostname: spec
                .str("hostname")
                .filter(|s| !s.is_empty())
                .map(str::to_string),
            hostname_override: spec
                .str("hostnameOverride")
                .filter(|s| !s.is_empty())
                .map(str::to_string),
            subdomain: spec
                .str("subdomain")
                .filter(|s| !s.is_empty())
                .map(str::to_string),
            host_aliases: spec
                .seq("hostAliases")
                .iter()
                .map(|h| HostAlias {
                    ip: text(h, "ip"),
                    hostnames: strings(h.get("hostnames")),
                })
                .collect(),
            enable_service_links: spec
                .get("enableServiceLinks")
                .and_then(Node::as_bool)
                .unwrap_or(true),
            scheduler_name: spec
                .str("schedulerName")
                .unwrap_or("default-scheduler")
                .to_string(),
            service_account_name: spec
                .str("serviceAccountName")
                .or_else(|| spec.str("serviceAccount"))
                .unwrap_or("default")
                .to_string(),
            tolerations,
            node_affinity,
            volumes: spec.seq("volumes").iter().map(Volume::from_tree).collect(),
            readiness_gates: spec
                .seq("readinessGates")
                .iter()
                .filter_map(|g| g.str("conditionType").map(str::to_string))
                .collect(),
            scheduling_gates: spec
                .seq("schedulingGates")
                .iter()
                .filter_map(|g| g.str("name").map(str::to_string))
                .collect(),
            priority: spec.get("priority").and_then(Node::as_i64).unwrap_or(0),
            security_context: PodSecurityContext {
                run_as_user: sc.and_then(|s| s.get("runAsUser")).and_then(Node::as_i64),
                run_as_non_root: sc
                    .and_then(|s| s.get("runAsNonRoot"))
                    .and_then(Node::as_bool),
            },
            resources: spec.get("resources").map(|r| Resources::from_node(Some(r))),
            qos: qos_of(obj),
        }
    }

    /// The name the pod's UTS namespace carries (`hostname` or the pod name, cut to 63 bytes as the
    /// kubelet does in GeneratePodHostNameAndDomain).
    pub fn hostname(&self) -> String {
        if let Some(h) = &self.hostname_override {
            return h.clone();
        }
        let h = self
            .hostname
            .clone()
            .unwrap_or_else(|| self.meta.name.clone());
        let mut end = h.len().min(63);
        while !h.is_char_boundary(end) {
            end -= 1;
        }
        h[..end].trim_end_matches(['-', '.']).to_string()
    }

    pub fn volume(&self, name: &str) -> Option<&Volume> {
        self.volumes.iter().find(|v| v.name == name)
    }

    /// The QoS class (`status.qosClass`).
    pub fn qos_class(&self) -> QosClass {
        self.qos
    }

    /// The pod's effective requests (k8s.io/component-helpers resource.PodRequests): the sum of the
    /// app containers and sidecars, or the largest init container (plus the sidecars started before
    /// it) when that is larger; a pod-level request (`spec.resources`) replaces that figure for its
    /// resource. Returns (millicores, bytes).
    pub fn effective_requests(&self) -> (i64, i64) {
        self.effective(|r| &r.requests)
    }

    /// The pod's effective limits (resource.PodLimits): the same sums over the containers'
    /// limits (AggregateContainerLimits; a container without a limit adds nothing), a pod-level
    /// limit replacing the figure of its resource. Returns (millicores, bytes).
    pub fn effective_limits(&self) -> (i64, i64) {
        self.effective(|r| &r.limits)
    }

    fn effective(&self, list: impl Fn(&Resources) -> &ResourceList) -> (i64, i64) {
        let (cpu, mem) = self.aggregate(|c| {
            let l = list(&c.resources);
            (l.cpu_milli.unwrap_or(0), l.memory.unwrap_or(0))
        });
        let pod = self.resources.as_ref().map(&list);
        (
            pod.and_then(|l| l.cpu_milli).unwrap_or(cpu),
            pod.and_then(|l| l.memory).unwrap_or(mem),
        )
    }

    /// AggregateContainerRequests/AggregateContainerLimits of two figures of each container: the
    /// app containers and sidecars add up; each init container counts with the sidecars started
    /// before it, and the pod needs the larger of the two totals.
    pub fn aggregate(&self, of: impl Fn(&Container) -> (i64, i64)) -> (i64, i64) {
        let mut cpu = 0i64;
        let mut mem = 0i64;
        for c in &self.containers {
            let (a, b) = of(c);
            cpu = cpu.saturating_add(a);
            mem = mem.saturating_add(b);
        }
        let (mut side_cpu, mut side_mem) = (0i64, 0i64);
        let (mut init_cpu, mut init_mem) = (0i64, 0i64);
        for c in &self.init_containers {
            let (a, b) = of(c);
            let (tc, tm) = if c.restart_policy_always {
                cpu = cpu.saturating_add(a);
                mem = mem.saturating_add(b);
                side_cpu = side_cpu.saturating_add(a);
                side_mem = side_mem.saturating_add(b);
                (side_cpu, side_mem)
            } else {
                (a.saturating_add(side_cpu), b.saturating_add(side_mem))
            };
            init_cpu = init_cpu.max(tc);
            init_mem = init_mem.max(tm);
        }
        (cpu.max(init_cpu), mem.max(init_mem))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QosClass {
    Guaranteed,
    Burstable,
    BestEffort,
}

impl QosClass {
    pub fn as_str(self) -> &'static str {
        match self {
            QosClass::Guaranteed => "Guaranteed",
            QosClass::Burstable => "Burstable",
            QosClass::BestEffort => "BestEffort",
        }
    }
}

/// `status.qosClass` as defaulting computed it ([`crate::defaults::qos_class`]); for a tree that
/// was not defaulted, computed on the defaulted pod.
fn qos_of(obj: &Node) -> QosClass {
    if obj.get("status").is_some_and(|s| s.defaulted) {
        crate::defaults::qos_class(obj)
    } else {
        crate::defaults::qos_class(&crate::defaults::default_pod(obj))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ServicePort {
    pub name: Option<String>,
    pub port: i64,
    pub target_port: PortRef,
    pub protocol: Protocol,
    pub node_port: Option<i64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Service {
    pub meta: ObjectMeta,
    /// `None` when the API server would allocate one (the world assigns it).
    pub cluster_ip: Option<String>,
    pub service_type: String,
    pub selector: Vec<(String, String)>,
    pub ports: Vec<ServicePort>,
}

impl Service {
    pub fn from_tree(obj: &Node) -> Service {
        let empty = Node::new(Value::Map(Vec::new()), obj.span);
        let spec = obj.get("spec").unwrap_or(&empty);
        Service {
            meta: ObjectMeta::from_tree(obj),
            cluster_ip: spec
                .str("clusterIP")
                .filter(|s| !s.is_empty())
                .map(str::to_string),
            // SetDefaults_Service: type ClusterIP.
            service_type: spec.str("type").unwrap_or("ClusterIP").to_string(),
            selector: string_map(spec.get("selector")),
            ports: spec
                .seq("ports")
                .iter()
                .map(|p| {
                    let port = p.get("port").and_then(Node::as_i64).unwrap_or(0);
                    ServicePort {
                        name: p.str("name").map(str::to_string),
                        port,
                        // SetDefaults_Service: targetPort defaults to port.
                        target_port: PortRef::from_node(p.get("targetPort"))
                            .unwrap_or(PortRef::Number(port)),
                        protocol: Protocol::parse(p.str("protocol")),
                        node_port: p.get("nodePort").and_then(Node::as_i64),
                    }
                })
                .collect(),
        }
    }

    pub fn is_headless(&self) -> bool {
        self.cluster_ip.as_deref() == Some("None")
    }

    /// True when the service's selector selects a pod with these labels (an empty selector selects
    /// nothing: such a Service has manually managed endpoints).
    pub fn selects(&self, labels: &[(String, String)]) -> bool {
        !self.selector.is_empty()
            && self
                .selector
                .iter()
                .all(|(k, v)| lookup(labels, k) == Some(v.as_str()))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ConfigMap {
    pub meta: ObjectMeta,
    /// `data` and `binaryData` (decoded), sorted by key.
    pub data: Vec<(String, String)>,
}

impl ConfigMap {
    pub fn from_tree(obj: &Node) -> ConfigMap {
        let mut data = string_map(obj.get("data"));
        for e in obj.map("binaryData") {
            if let Some(s) = e.value.as_str() {
                data.push((e.key.clone(), decode_base64(s).unwrap_or_default()));
            }
        }
        crate::sort::sort(&mut data);
        data.dedup_by(|a, b| a.0 == b.0);
        ConfigMap {
            meta: ObjectMeta::from_tree(obj),
            data,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Secret {
    pub meta: ObjectMeta,
    /// `data` (base64-decoded) and `stringData` (which wins, as the API server merges it), sorted.
    pub data: Vec<(String, String)>,
    pub secret_type: String,
}

impl Secret {
    pub fn from_tree(obj: &Node) -> Secret {
        let mut data: Vec<(String, String)> = Vec::new();
        for e in obj.map("stringData") {
            if let Some(s) = scalar_text(Some(&e.value)) {
                data.push((e.key.clone(), s));
            }
        }
        for e in obj.map("data") {
            if data.iter().any(|(k, _)| *k == e.key) {
                continue;
            }
            if let Some(s) = e.value.as_str() {
                data.push((e.key.clone(), decode_base64(s).unwrap_or_default()));
            }
        }
        crate::sort::sort(&mut data);
        Secret {
            meta: ObjectMeta::from_tree(obj),
            data,
            secret_type: obj.str("type").unwrap_or("Opaque").to_string(),
        }
    }
}

/// A cluster node (`kind: Node`), or one of the default cluster's.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeInfo {
    pub name: String,
    pub labels: Vec<(String, String)>,
    pub taints: Vec<Taint>,
    pub unschedulable: bool,
    pub allocatable_cpu_milli: i64,
    pub allocatable_memory: i64,
    pub allocatable_pods: i64,
    pub capacity_cpu_milli: i64,
    pub capacity_memory: i64,
    /// What the pods already running there request (cpu millicores, memory bytes, pod count).
    pub requested_cpu_milli: i64,
    pub requested_memory: i64,
    pub pod_count: i64,
    /// The same requests as the scheduler's scoring counts them (NodeInfo.NonZeroRequested:
    /// a container without a cpu or memory request counts 100m or 200Mi,
    /// pkg/scheduler/util/pod_resources.go).
    pub nonzero_cpu_milli: i64,
    pub nonzero_memory: i64,
    /// `spec.podCIDR`, e.g. `10.244.1.0/24`.
    pub pod_cidr: String,
    pub internal_ip: String,
    /// Images already in the node's image store.
    pub images: Vec<String>,
}

impl NodeInfo {
    /// Reads a Node object. Missing figures get the default worker's (4 cpu, 16 GiB, 110 pods).
    pub fn from_tree(obj: &Node, index: usize) -> NodeInfo {
        let meta = ObjectMeta::from_tree(obj);
        let status = obj.get("status");
        let q = |section: &str, key: &str| {
            status
                .and_then(|s| s.get(section))
                .and_then(|s| s.get(key))
                .and_then(quantity_text)
        };
        let cap_cpu = q("capacity", "cpu")
            .as_deref()
            .and_then(parse_milli)
            .map(clamp_i64);
        let cap_mem = q("capacity", "memory")
            .as_deref()
            .and_then(parse_value)
            .map(clamp_i64);
        let alloc_cpu = q("allocatable", "cpu")
            .as_deref()
            .and_then(parse_milli)
            .map(clamp_i64)
            .or(cap_cpu)
            .unwrap_or(4000);
        let alloc_mem = q("allocatable", "memory")
            .as_deref()
            .and_then(parse_value)
            .map(clamp_i64)
            .or(cap_mem)
            .unwrap_or(16 * 1024 * 1024 * 1024 - 100 * 1024 * 1024);
        let alloc_pods = q("allocatable", "pods")
            .as_deref()
            .and_then(parse_value)
            .map(clamp_i64)
            .unwrap_or(110);
        let spec = obj.get("spec");
        let internal_ip = status
            .map(|s| s.seq("addresses"))
            .unwrap_or(&[])
            .iter()
            .find(|a| a.str("type") == Some("InternalIP"))
            .and_then(|a| a.str("address"))
            .map(str::to_string)
            .unwrap_or_else(|| format!("172.18.0.{}", 10 + index.min(200)));
        let mut labels = meta.labels.clone();
        for (k, v) in [
            ("kubernetes.io/hostname", meta.name.as_str()),
            ("kubernetes.io/os", "linux"),
            ("kubernetes.io/arch", "amd64"),
        ] {
            if lookup(&labels, k).is_none() {
                labels.push((k.to_string(), v.to_string()));
            }
        }
        crate::sort::sort(&mut labels);
        NodeInfo {
            name: meta.name.clone(),
            labels,
            taints: spec
                .map(|s| s.seq("taints"))
                .unwrap_or(&[])
                .iter()
                .map(|t| Taint {
                    key: text(t, "key"),
                    value: text(t, "value"),
                    effect: text(t, "effect"),
                })
                .collect(),
            unschedulable: spec
                .and_then(|s| s.get("unschedulable"))
                .and_then(Node::as_bool)
                .unwrap_or(false),
            allocatable_cpu_milli: alloc_cpu,
            allocatable_memory: alloc_mem,
            allocatable_pods: alloc_pods,
            capacity_cpu_milli: cap_cpu.unwrap_or(alloc_cpu),
            capacity_memory: cap_mem.unwrap_or(alloc_mem),
            requested_cpu_milli: 0,
            requested_memory: 0,
            pod_count: 0,
            nonzero_cpu_milli: 0,
            nonzero_memory: 0,
            pod_cidr: spec
                .and_then(|s| s.str("podCIDR"))
                .map(str::to_string)
                .unwrap_or_else(|| format!("10.244.{}.0/24", index.min(250))),
            internal_ip,
            images: Vec::new(),
        }
    }
}

// --- small readers ---

/// A string field as an owned string (absent, null or not a string → "", Go's zero value).
fn text(n: &Node, key: &str) -> String {
    n.str(key).unwrap_or("").to_string()
}

fn flag(n: &Node, key: &str) -> bool {
    n.get(key).and_then(Node::as_bool).unwrap_or(false)
}

/// A scalar as text (`value: 3306` → "3306", `value: true` → "true").
pub fn scalar_text(n: Option<&Node>) -> Option<String> {
    let n = n?;
    match &n.value {
        Value::Str(s) => Some(s.clone()),
        Value::Int(i) => Some(i.to_string()),
        Value::Float(f) => Some(crate::gofmt::json_float(*f)),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn quantity_text(n: &Node) -> Option<String> {
    crate::quantity::node_text(n)
}

/// A list of strings (non-strings are skipped, numbers are printed).
pub fn strings(n: Option<&Node>) -> Vec<String> {
    n.and_then(Node::as_seq)
        .unwrap_or(&[])
        .iter()
        .filter_map(|x| scalar_text(Some(x)))
        .collect()
}

/// A `map[string]string` (labels, annotations, selectors, data) sorted by key; the first of
/// duplicated keys wins (the tree keeps duplicates only on input that failed decoding).
pub fn string_map(n: Option<&Node>) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for e in n.and_then(Node::as_map).unwrap_or(&[]) {
        if out.iter().any(|(k, _)| *k == e.key) {
            continue;
        }
        if let Some(v) = scalar_text(Some(&e.value)) {
            out.push((e.key.clone(), v));
        } else if e.value.is_null() {
            out.push((e.key.clone(), String::new()));
        }
    }
    crate::sort::sort(&mut out);
    out
}

fn clamp_i64(v: i128) -> i64 {
    v.clamp(i64::MIN as i128, i64::MAX as i128) as i64
}

/// The milli-value of a quantity (`250m` → 250, `0.5` → 500, `1` → 1000), rounded up as
/// `resource.Quantity.MilliValue` does.
pub fn parse_milli(s: &str) -> Option<i128> {
    crate::quantity::parse(s).ok().map(|q| q.milli_value())
}

/// The integer value of a quantity (`64Mi` → 67108864, `1e3` → 1000, `100m` → 1), rounded up as
/// `resource.Quantity.Value` does.
pub fn parse_value(s: &str) -> Option<i128> {
    crate::quantity::parse(s).ok().map(|q| q.value())
}

/// A `[]byte` value (Secret `data`, ConfigMap `binaryData`) as text: its base64 decoded; `None`
/// when it is not base64 or not UTF-8.
pub fn decode_base64(s: &str) -> Option<String> {
    String::from_utf8(crate::base64::decode(s).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;
    use crate::tree::Entry;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn s(v: &str) -> Node {
        Node::new(Value::str(v), Span::default())
    }
    fn i(v: i64) -> Node {
        Node::new(Value::Int(v), Span::default())
    }
    fn m(entries: Vec<(&str, Node)>) -> Node {
        Node::new(
            Value::Map(
                entries
                    .into_iter()
                    .map(|(k, v)| Entry {
                        key: k.to_string(),
                        key_span: Span::default(),
                        value: v,
                    })
                    .collect(),
            ),
            Span::default(),
        )
    }
    fn l(items: Vec<Node>) -> Node {
        Node::new(Value::Seq(items), Span::default())
    }

    #[test]
    fn quantities_parse_like_apimachinery() {
        assert_eq!(parse_milli("250m"), Some(250));
        assert_eq!(parse_milli("0.5"), Some(500));
        assert_eq!(parse_milli("1"), Some(1000));
        assert_eq!(parse_milli("0.0001"), Some(1));
        assert_eq!(parse_value("64Mi"), Some(64 * 1024 * 1024));
        assert_eq!(parse_value("1e3"), Some(1000));
        assert_eq!(parse_value("128M"), Some(128_000_000));
        assert_eq!(parse_value("100m"), Some(1));
        assert_eq!(parse_value("1.5Gi"), Some(1610612736));
        assert_eq!(parse_value("abc"), None);
        assert_eq!(parse_value("1Qi"), None);
        // Values the API server accepts but an int64 cannot hold are capped, as apimachinery
        // caps them (the model used to drop them, and with them the container's limit).
        assert_eq!(parse_value(&"9".repeat(60)), Some(i64::MAX as i128));
        assert_eq!(parse_milli("1e31"), Some(i64::MAX as i128 * 1000));
    }

    #[test]
    fn pull_policy_defaults_follow_the_tag() {
        assert_eq!(PullPolicy::default_for("nginx"), PullPolicy::Always);
        assert_eq!(PullPolicy::default_for("nginx:latest"), PullPolicy::Always);
        assert_eq!(
            PullPolicy::default_for("nginx:1.27"),
            PullPolicy::IfNotPresent
        );
        assert_eq!(
            PullPolicy::default_for("localhost:5000/app"),
            PullPolicy::Always
        );
        assert_eq!(
            PullPolicy::default_for("busybox@sha256:abcd"),
            PullPolicy::IfNotPresent
        );
    }

    #[test]
    fn pod_defaults_apply_when_fields_are_absent() {
        let pod = m(vec![
            ("metadata", m(vec![("name", s("p"))])),
            (
                "spec",
                m(vec![(
                    "containers",
                    l(vec![m(vec![
                        ("name", s("c")),
                        ("image", s("busybox")),
                        (
                            "livenessProbe",
                            m(vec![("exec", m(vec![("command", l(vec![s("true")]))]))]),
                        ),
                        (
                            "resources",
                            m(vec![(
                                "limits",
                                m(vec![("memory", s("128Mi")), ("cpu", i(1))]),
                            )]),
                        ),
                    ])]),
                )]),
            ),
        ]);
        let p = Pod::from_tree(&pod);
        assert_eq!(p.meta.namespace, "default");
        assert_eq!(p.restart_policy, RestartPolicy::Always);
        assert_eq!(p.termination_grace_period_seconds, 30);
        assert_eq!(p.tolerations.len(), 2);
        let c = &p.containers[0];
        assert_eq!(c.image_pull_policy, PullPolicy::Always);
        let probe = c.liveness_probe.as_ref().unwrap();
        assert_eq!(
            (
                probe.initial_delay_seconds,
                probe.timeout_seconds,
                probe.period_seconds,
                probe.success_threshold,
                probe.failure_threshold
            ),
            (0, 1, 10, 1, 3)
        );
        assert_eq!(c.resources.requests.memory, Some(128 * 1024 * 1024));
        assert_eq!(c.resources.requests.cpu_milli, Some(1000));
        assert_eq!(p.qos_class(), QosClass::Guaranteed);
    }

    fn with_resources(req: Option<(i64, i64)>, lim: Option<(i64, i64)>) -> Resources {
        let mk = |v: Option<(i64, i64)>| ResourceList {
            cpu_milli: v.map(|x| x.0),
            memory: v.map(|x| x.1),
            ..ResourceList::default()
        };
        Resources {
            requests: mk(req),
            limits: mk(lim),
        }
    }

    #[test]
    fn effective_requests_count_init_containers_and_sidecars() {
        let base = Pod::from_tree(&m(vec![("spec", m(vec![]))]));
        let mut c = Container::from_tree(&m(vec![("name", s("a"))]));
        let mut p = base.clone();
        c.resources = with_resources(Some((100, 64)), Some((100, 64)));
        p.containers = vec![c.clone(), c.clone()];
        let mut init = c.clone();
        init.resources = with_resources(Some((500, 32)), None);
        p.init_containers = vec![init.clone()];
        // effective: max(init 500, sum app 200) cpu; max(32, 128) memory.
        assert_eq!(p.effective_requests(), (500, 128));
        // A sidecar adds to the app sum and to the later init containers.
        let mut side = c.clone();
        side.restart_policy_always = true;
        side.resources = with_resources(Some((300, 10)), None);
        p.init_containers = vec![side, init];
        // app 200 + sidecar 300 = 500; init after sidecar = 500 + 300 = 800.
        assert_eq!(p.effective_requests(), (800, 138));
    }

    #[test]
    fn base64_and_secrets() {
        assert_eq!(decode_base64("YWRtaW4=").as_deref(), Some("admin"));
        assert_eq!(decode_base64("YWRtaW4"), None);
        assert_eq!(decode_base64("!!"), None);
        let sec = Secret::from_tree(&m(vec![
            ("metadata", m(vec![("name", s("user"))])),
            ("data", m(vec![("username", s("YWRtaW4="))])),
            ("stringData", m(vec![("password", s("s3cr3t"))])),
        ]));
        assert_eq!(
            sec.data,
            vec![
                ("password".to_string(), "s3cr3t".to_string()),
                ("username".to_string(), "admin".to_string())
            ]
        );
    }

    #[test]
    fn tolerations_match_taints() {
        let taint = Taint {
            key: "node-role.kubernetes.io/control-plane".into(),
            value: String::new(),
            effect: "NoSchedule".into(),
        };
        let exists = Toleration {
            key: "node-role.kubernetes.io/control-plane".into(),
            operator: "Exists".into(),
            value: String::new(),
            effect: String::new(),
            toleration_seconds: None,
        };
        assert!(exists.tolerates(&taint));
        let other = Toleration {
            key: "x".into(),
            ..exists.clone()
        };
        assert!(!other.tolerates(&taint));
        let wildcard = Toleration {
            key: String::new(),
            ..exists
        };
        assert!(wildcard.tolerates(&taint));
    }
}
