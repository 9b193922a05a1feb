//! The simulation's input: one Pod and the objects around it, plus the default cluster used when the
//! input names no Node.

use crate::derived::fnv;
use crate::model::{ConfigMap, NodeInfo, Pod, Secret, Service, Taint};
use crate::tree::Node;

/// One Pod and its world. `nodes` is never empty: without Node objects in the input it holds the
/// [`default_cluster`].
#[derive(Clone, Debug, PartialEq)]
pub struct World {
    pub pod: Pod,
    pub services: Vec<Service>,
    pub config_maps: Vec<ConfigMap>,
    pub secrets: Vec<Secret>,
    pub nodes: Vec<NodeInfo>,
    /// True when `nodes` is the default cluster.
    pub default_nodes: bool,
    /// Objects of the input the simulation does not use (kind and name), for a note.
    pub ignored: Vec<(String, String)>,
    /// ConfigMaps and Secrets created after the pod (a session's `kubectl create secret`): kind,
    /// name and the time, on the pod's clock, from which they exist.
    pub later: Vec<(String, String, crate::os::SimTime)>,
    /// The last number of the pod's IP, when a session gives each of its pods its own address
    /// (None: the first free address of the node, as for a pod alone).
    pub ip_host: Option<u8>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WorldError {
    /// The input has no `kind: Pod` object.
    NoPod,
    /// The input has more than one Pod (names listed); the playground plays one pod at a time.
    SeveralPods(Vec<String>),
}

impl std::fmt::Display for WorldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WorldError::NoPod => write!(f, "the input has no Pod to simulate"),
            WorldError::SeveralPods(names) => write!(
                f,
                "the input has {} Pods ({}); the simulation plays one Pod at a time",
                names.len(),
                names.join(", ")
            ),
        }
    }
}

impl World {
    /// Builds the world from the (validated, defaulted) objects of one YAML stream. Objects of other
    /// kinds are listed in `ignored`.
    pub fn from_trees<'a>(
        objects: impl IntoIterator<Item = &'a Node>,
    ) -> Result<World, WorldError> {
        let mut pods = Vec::new();
        let mut services = Vec::new();
        let mut config_maps = Vec::new();
        let mut secrets = Vec::new();
        let mut nodes = Vec::new();
        let mut ignored = Vec::new();
        for obj in objects {
            match obj.str("kind") {
                Some("Pod") => pods.push(Pod::from_tree(obj)),
                Some("Service") => services.push(Service::from_tree(obj)),
                Some("ConfigMap") => config_maps.push(ConfigMap::from_tree(obj)),
                Some("Secret") => secrets.push(Secret::from_tree(obj)),
                Some("Node") => {
                    let i = nodes.len();
                    nodes.push(NodeInfo::from_tree(obj, i + 1))
                }
                other => ignored.push((
                    other.unwrap_or("").to_string(),
                    obj.path("metadata.name")
                        .and_then(Node::as_str)
                        .unwrap_or("")
                        .to_string(),
                )),
            }
        }
        if pods.len() > 1 {
            return Err(WorldError::SeveralPods(
                pods.iter().map(|p| p.meta.name.clone()).collect(),
            ));
        }
        let pod = pods.pop().ok_or(WorldError::NoPod)?;
        Ok(World::new(pod, services, config_maps, secrets, nodes).with_ignored(ignored))
    }

    /// A world from typed objects (no nodes → the default cluster).
    pub fn new(
        pod: Pod,
        services: Vec<Service>,
        config_maps: Vec<ConfigMap>,
        secrets: Vec<Secret>,
        nodes: Vec<NodeInfo>,
    ) -> World {
        let default_nodes = nodes.is_empty();
        World {
            pod,
            services,
            config_maps,
            secrets,
            nodes: if default_nodes {
                default_cluster()
            } else {
                nodes
            },
            default_nodes,
            ignored: Vec::new(),
            later: Vec::new(),
            ip_host: None,
        }
    }

    fn with_ignored(mut self, ignored: Vec<(String, String)>) -> World {
        self.ignored = ignored;
        self
    }

    /// Objects in the pod's namespace.
    pub fn config_map(&self, name: &str) -> Option<&ConfigMap> {
        let ns = &self.pod.meta.namespace;
        self.config_maps
            .iter()
            .find(|c| c.meta.name == name && c.meta.namespace == *ns)
    }

    /// The ConfigMap as the kubelet sees it at `t` (not yet when it is created later).
    pub fn config_map_at(&self, name: &str, t: crate::os::SimTime) -> Option<&ConfigMap> {
        self.config_map(name).filter(|_| self.exists_at("ConfigMap", name, t))
    }

    /// The Secret as the kubelet sees it at `t`.
    pub fn secret_at(&self, name: &str, t: crate::os::SimTime) -> Option<&Secret> {
        self.secret(name).filter(|_| self.exists_at("Secret", name, t))
    }

    fn exists_at(&self, kind: &str, name: &str, t: crate::os::SimTime) -> bool {
        self.later
            .iter()
            .filter(|(k, n, _)| k == kind && n == name)
            .all(|(_, _, at)| *at <= t)
    }

    pub fn secret(&self, name: &str) -> Option<&Secret> {
        let ns = &self.pod.meta.namespace;
        self.secrets
            .iter()
            .find(|c| c.meta.name == name && c.meta.namespace == *ns)
    }

    /// Every Service with its ClusterIP: the one given (defaulting allocated one), or the one
    /// defaulting would allocate ([`crate::derived::service_cluster_ip`]). Headless services
    /// (`clusterIP: None`) have none.
    pub fn service_ips(&self) -> Vec<(&Service, Option<String>)> {
        self.services
            .iter()
            .map(|s| {
                let ip = if s.is_headless() {
                    None
                } else {
                    Some(
                        s.cluster_ip
                            .clone()
                            .unwrap_or_else(|| crate::derived::service_cluster_ip(&s.meta.name)),
                    )
                };
                (s, ip)
            })
            .collect()
    }
}

/// The pod's UID, derived from its namespace and name so that runs are reproducible (a real API
/// server generates a random UUID).
pub(crate) fn pod_uid(ns: &str, name: &str) -> String {
    let a = fnv(format!("uid/{ns}/{name}").as_bytes());
    let b = fnv(format!("uid2/{name}/{ns}").as_bytes());
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        (a >> 32) as u32,
        (a >> 16) as u16,
        (a & 0xfff) as u16,
        ((b >> 48) as u16 & 0x3fff) | 0x8000,
        b & 0xffff_ffff_ffff
    )
}

/// The `containerID` a status shows for run `restart` of a container: `containerd://` and 64 hex
/// digits. A real runtime's IDs are random; the playground's are derived from the pod's UID, the
/// name and the run, like its UID.
pub(crate) fn container_id(uid: &str, name: &str, restart: u32) -> String {
    let mut id = String::from("containerd://");
    for k in 0..4 {
        id.push_str(&format!(
            "{:016x}",
            fnv(format!("cid/{k}/{uid}/{name}/{restart}").as_bytes())
        ));
    }
    id
}

/// The `imageID` a status shows: the resolved reference and a digest. A real one is the
/// registry's content digest; the playground's is derived from the reference.
pub(crate) fn image_id(resolved: &str) -> String {
    let repo = resolved
        .rsplit_once(':')
        .filter(|(r, tag)| !tag.contains('/') && !r.ends_with('@'))
        .map_or(resolved, |(r, _)| r);
    let repo = repo.split('@').next().unwrap_or(repo);
    let mut d = String::new();
    for k in 0..4 {
        d.push_str(&format!("{:016x}", fnv(format!("img/{k}/{resolved}").as_bytes())));
    }
    format!("{repo}@sha256:{d}")
}

/// The name of the service-account token volume admission adds (`kube-api-access-<5 chars>`),
/// for a pod known only by its UID.
pub fn api_access_volume(uid: &str) -> String {
    crate::defaults::kube_api_access_volume_name(uid)
}

const GI: i64 = 1024 * 1024 * 1024;
const MI: i64 = 1024 * 1024;

/// The sandbox (pause) image the runtime starts every pod with (containerd's `sandbox_image` for
/// Kubernetes 1.37), present on every node.
pub const PAUSE_IMAGE: &str = "registry.k8s.io/pause:3.10";

/// The cluster used when the input has no Node: a kubeadm-style control-plane node and three
/// workers.
///
/// - `control-plane` (172.18.0.2, pod CIDR 10.244.0.0/24), tainted
///   `node-role.kubernetes.io/control-plane:NoSchedule` as kubeadm does, labelled
///   `node-role.kubernetes.io/control-plane=""` and `node.kubernetes.io/exclude-from-external-load-balancers=""`.
/// - `worker-1` … `worker-3` (172.18.0.3–5, pod CIDRs 10.244.1.0/24 – 10.244.3.0/24).
/// - Every node: 4 cpu and 16 GiB capacity; allocatable 4 cpu and 16 GiB − 100 MiB (the kubelet's
///   default hard eviction threshold `memory.available<100Mi`), 110 pods; standard labels
///   `kubernetes.io/arch=amd64`, `kubernetes.io/hostname=<name>`, `kubernetes.io/os=linux`; no
///   custom labels (no `disktype`).
/// - Already running on each node: kube-proxy and the CNI agent (hostNetwork DaemonSets requesting
///   100m cpu and 50Mi memory together), plus on the control plane the control-plane pods (950m
///   cpu, 300Mi). For the scheduler's scoring, the pods without a request count the defaults of
///   pod_resources.go (100m cpu, 200Mi memory). Their pods hold the first addresses of each pod CIDR, so a new pod's IP on a
///   worker is `10.244.N.5`.
/// - Images present on every node: [`PAUSE_IMAGE`].
pub fn default_cluster() -> Vec<NodeInfo> {
    let mut nodes = Vec::new();
    for i in 0..4usize {
        let name = if i == 0 {
            "control-plane".to_string()
        } else {
            format!("worker-{i}")
        };
        let mut labels = vec![
            ("kubernetes.io/arch".to_string(), "amd64".to_string()),
            ("kubernetes.io/hostname".to_string(), name.clone()),
            ("kubernetes.io/os".to_string(), "linux".to_string()),
        ];
        let mut taints = Vec::new();
        if i == 0 {
            labels.push((
                "node-role.kubernetes.io/control-plane".to_string(),
                String::new(),
            ));
            labels.push((
                "node.kubernetes.io/exclude-from-external-load-balancers".to_string(),
                String::new(),
            ));
            taints.push(Taint {
                key: "node-role.kubernetes.io/control-plane".to_string(),
                value: String::new(),
                effect: "NoSchedule".to_string(),
            });
        }
        crate::sort::sort(&mut labels);
        let (cpu, mem, pods) = if i == 0 {
            (1050, 350 * MI, 8)
        } else {
            (100, 50 * MI, 4)
        };
        // for scoring, kube-proxy (no requests) counts the scheduler's defaults, 100m and 200Mi;
        // on the control plane, so do kube-apiserver, kube-controller-manager and kube-scheduler
        // for memory (kubeadm's manifests request cpu only)
        let (nonzero_cpu, nonzero_mem) = if i == 0 {
            (cpu + 100, mem + 4 * 200 * MI)
        } else {
            (cpu + 100, mem + 200 * MI)
        };
        nodes.push(NodeInfo {
            name,
            labels,
            taints,
            unschedulable: false,
            allocatable_cpu_milli: 4000,
            allocatable_memory: 16 * GI - 100 * MI,
            allocatable_pods: 110,
            capacity_cpu_milli: 4000,
            capacity_memory: 16 * GI,
            requested_cpu_milli: cpu,
            requested_memory: mem,
            pod_count: pods,
            nonzero_cpu_milli: nonzero_cpu,
            nonzero_memory: nonzero_mem,
            pod_cidr: format!("10.244.{i}.0/24"),
            internal_ip: format!("172.18.0.{}", i + 2),
            images: vec![PAUSE_IMAGE.to_string()],
        });
    }
    nodes
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn derived_values_are_stable_and_well_formed() {
        let uid = pod_uid("default", "x");
        assert_eq!(uid.len(), 36);
        assert_eq!(uid.as_bytes()[14], b'4');
        assert!(api_access_volume(&uid).starts_with("kube-api-access-"));
        assert_eq!(api_access_volume(&uid).len(), "kube-api-access-".len() + 5);
    }

    #[test]
    fn default_cluster_has_a_tainted_control_plane_and_three_workers() {
        let nodes = default_cluster();
        assert_eq!(nodes.len(), 4);
        assert_eq!(nodes[0].taints.len(), 1);
        assert!(nodes[1..].iter().all(|n| n.taints.is_empty()));
        assert!(nodes
            .iter()
            .all(|n| crate::model::lookup(&n.labels, "disktype").is_none()));
    }
}
