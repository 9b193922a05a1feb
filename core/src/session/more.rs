//! kubectl's commands of the second round: `version`, `label`, `get nodes`, and `describe` of
//! Secrets, ConfigMaps and Nodes. Each quotes the upstream source its wording comes from.

use super::cluster::{Cluster, Out};
use super::kubectl::{fail, parse, resource, Flag, Row};
use crate::os::SimTime;
use crate::sim::printer;

/// The version every binary of the playground's cluster reports (client, API server, kubelets).
pub(crate) const KUBE_VERSION: &str = "v1.37.0";
/// The kustomize kubectl embeds. kubectl 1.34's go.mod pins kustomize v5.7.1; the playground
/// keeps that figure for 1.37 (simulated: not read from a 1.37 build).
const KUSTOMIZE_VERSION: &str = "v5.7.1";
/// What `kubectl get nodes -o wide` reports of each node's system (simulated: the node image of
/// a kind cluster; the playground runs no real kernel or runtime).
const OS_IMAGE: &str = "Debian GNU/Linux 12 (bookworm)";
const KERNEL_VERSION: &str = "6.8.0-generic";
const CONTAINER_RUNTIME: &str = "containerd://2.1.4";

impl Cluster {
    /// `kubectl version [--client]` (staging/src/k8s.io/kubectl/pkg/cmd/version/version.go: one
    /// line each for the client's GitVersion, the embedded kustomize and the server's GitVersion).
    pub(super) fn version(&mut self, args: &[String]) -> Out {
        let a = match parse(args, &[("client", None, false), ("output", Some('o'), true)], "version") {
            Ok(a) => a,
            Err(e) => return fail(e),
        };
        match a.get("output") {
            None | Some("") => {}
            Some("yaml" | "json") => {
                return fail("[podplay] kubectl version -o yaml|json is not played (it prints the build's commit and date, which this playground does not have)\n".into())
            }
            Some(_) => return fail("error: --output must be 'yaml' or 'json'\n".into()),
        }
        let mut out = format!("Client Version: {KUBE_VERSION}\nKustomize Version: {KUSTOMIZE_VERSION}\n");
        if a.get("client") != Some("true") {
            out.push_str(&format!("Server Version: {KUBE_VERSION}\n"));
        }
        Out {
            out,
            ..Out::default()
        }
    }

    /// `kubectl label [--overwrite] pod NAME k=v… k-…` (staging/src/k8s.io/kubectl/pkg/cmd/label/
    /// label.go: parseLabels, validateNoOverwrites, updateDataChangeMsg, and `label %q not found.`
    /// for a removed label the pod does not have). The new labels hold from now on: `get -l`,
    /// `get -o yaml` and `describe` show them; the pod's containers keep running as they were.
    pub(super) fn label(&mut self, args: &[String], now: SimTime) -> Out {
        let flags: &[Flag] = &[("overwrite", None, false)];
        let a = match parse(args, flags, "label") {
            Ok(a) => a,
            Err(e) => return fail(e),
        };
        let overwrite = a.get("overwrite") == Some("true");
        // Complete: arguments with `=` or a trailing `-` are label changes, the rest resources
        let (specs, res): (Vec<&String>, Vec<&String>) = a
            .pos
            .iter()
            .partition(|s| s.contains('=') || s.ends_with('-'));
        if res.is_empty() {
            return fail("error: one or more resources must be specified as <resource> <name> or <resource>/<name>\nSee 'kubectl label -h' for help and examples\n".into());
        }
        if specs.is_empty() {
            return fail("error: at least one label update is required\nSee 'kubectl label -h' for help and examples\n".into());
        }
        let mut add: Vec<(String, String)> = Vec::new();
        let mut remove: Vec<String> = Vec::new();
        for s in specs {
            if s.contains('=') {
                let parts: Vec<&str> = s.split('=').collect();
                let [k, v] = parts.as_slice() else {
                    return fail(format!("error: invalid label spec: {s}\n"));
                };
                let errs = crate::validate::names::is_valid_label_value(v);
                if !errs.is_empty() {
                    return fail(format!("error: invalid label value: \"{s}\": {}\n", errs.join(";")));
                }
                add.retain(|(x, _)| x != k);
                add.push((k.to_string(), v.to_string()));
            } else {
                remove.push(s.trim_end_matches('-').to_string());
            }
        }
        if remove.iter().any(|r| add.iter().any(|(k, _)| k == r)) {
            return fail("error: can not both modify and remove a label in the same command\n".into());
        }
        let (i, name) = match self.target_pod(&res, "label", now) {
            Ok(t) => t,
            Err(o) => return o,
        };
        let Some(p) = self.pods.get_mut(i) else {
            return Out::default();
        };
        let old: Vec<(String, String)> = p.labels_at(now).to_vec();
        let mut o = Out::default();
        for r in &remove {
            if !old.iter().any(|(k, _)| k == r) {
                o.out.push_str(&format!("label \"{r}\" not found.\n"));
            }
        }
        if !overwrite {
            let mut clashes: Vec<String> = add
                .iter()
                .filter_map(|(k, _)| old.iter().find(|(x, _)| x == k))
                .map(|(k, v)| format!("'{k}' already has a value ({v}), and --overwrite is false"))
                .collect();
            crate::sort::sort(&mut clashes);
            if !clashes.is_empty() {
                // utilerrors.NewAggregate: one error as is, several in brackets
                let msg = if clashes.len() == 1 {
                    clashes.concat()
                } else {
                    format!("[{}]", clashes.join(", "))
                };
                o.err.push_str(&format!("error: {msg}\n"));
                o.exit = 1;
                return o;
            }
        }
        let new = match changed_map(&name, "labels", &old, add, &remove) {
            Ok(n) => n,
            Err(e) => {
                o.err.push_str(&e);
                o.exit = 1;
                return o;
            }
        };
        // updateDataChangeMsg compares the object's JSON before and after
        let msg = if new == old {
            "not labeled"
        } else if !overwrite && json_len(&new) < json_len(&old) {
            "unlabeled"
        } else {
            "labeled"
        };
        if new != old {
            p.meta_changes.push((now, super::cluster::MetaMap::Labels, new));
        }
        o.out.push_str(&format!("pod/{name} {msg}\n"));
        o
    }

    /// The one pod `label` or `annotate` names (`pod NAME` or `pod/NAME`), live at `now`.
    fn target_pod(&mut self, res: &[&String], cmd: &str, now: SimTime) -> Result<(usize, String), Out> {
        let (ty, name) = match res {
            [tn] => match tn.split_once('/') {
                Some((t, n)) => (t.to_string(), n.to_string()),
                None => return Err(fail("error: resource(s) were provided, but no name was specified\n".into())),
            },
            [t, n] => (t.to_string(), n.to_string()),
            _ => return Err(fail(format!("[podplay] kubectl {cmd} is played for one pod at a time\n"))),
        };
        let Some((_, kind)) = resource(&ty) else {
            return Err(super::kubectl::unknown_type(&ty));
        };
        if kind != "Pod" {
            return Err(fail(format!("[podplay] kubectl {cmd} is played for pods only in this playground\n")));
        }
        match self.live_pod(&name, now) {
            Some(i) => Ok((i, name)),
            None => Err(fail(format!("Error from server (NotFound): pods \"{name}\" not found\n"))),
        }
    }

    /// `kubectl annotate [--overwrite] TYPE NAME KEY=VAL… KEY-…` for one pod
    /// (staging/src/k8s.io/kubectl/pkg/cmd/annotate/annotate.go): cmdutil.GetResourcesAndPairs
    /// then ParsePairs (`k=v` splits at the first `=`, `k-` removes, anything else is "invalid
    /// annotation format"); without --overwrite a key that has another value is refused
    /// (validateNoAnnotationOverwrites, the keys sorted here where Go's map order is random);
    /// removing a missing key is silent; the API server checks the keys (ValidateAnnotations);
    /// the name printer says `annotated` whatever changed.
    pub(super) fn annotate(&mut self, args: &[String], now: SimTime) -> Out {
        let flags: &[Flag] = &[("overwrite", None, false)];
        let a = match parse(args, flags, "annotate") {
            Ok(a) => a,
            Err(e) => return fail(e),
        };
        let overwrite = a.get("overwrite") == Some("true");
        let is_pair = |s: &String| s.contains('=') || s.ends_with('-');
        let Some(first_pair) = a.pos.iter().position(is_pair) else {
            if a.pos.is_empty() {
                return fail("error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n".into());
            }
            return fail("error: at least one annotation update is required\n".into());
        };
        let (res, pairs) = a.pos.split_at(first_pair);
        if let Some(r) = pairs.iter().find(|s| !is_pair(s)) {
            return fail(format!("error: all resources must be specified before annotation changes: {r}\n"));
        }
        if res.is_empty() {
            return fail("error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n".into());
        }
        let mut add: Vec<(String, String)> = Vec::new();
        let mut remove: Vec<String> = Vec::new();
        for s in pairs {
            match s.split_once('=') {
                Some((k, v)) => {
                    add.retain(|(x, _)| x != k);
                    add.push((k.to_string(), v.to_string()));
                }
                None => remove.push(s.trim_end_matches('-').to_string()),
            }
        }
        let both: Vec<&str> = remove.iter().filter(|r| add.iter().any(|(k, _)| k == *r)).map(String::as_str).collect();
        if !both.is_empty() {
            return fail(format!(
                "error: can not both modify and remove the following annotation(s) in the same command: {}\n",
                both.join(", ")
            ));
        }
        let res: Vec<&String> = res.iter().collect();
        let (i, name) = match self.target_pod(&res, "annotate", now) {
            Ok(t) => t,
            Err(o) => return o,
        };
        let which = super::cluster::MetaMap::Annotations;
        let Some(old) = self.pods.get(i).map(|p| p.meta_at(which, now).to_vec()) else {
            return Out::default();
        };
        if !overwrite {
            let mut clashes: Vec<String> = add
                .iter()
                .filter_map(|(k, v)| old.iter().find(|(x, cur)| x == k && cur != v && k != "kubernetes.io/change-cause"))
                .map(|(k, cur)| format!("'{k}' already has a value ({cur})"))
                .collect();
            crate::sort::sort(&mut clashes);
            if !clashes.is_empty() {
                return fail(format!("error: --overwrite is false but found the following declared annotation(s): {}\n", clashes.join("; ")));
            }
        }
        let new = match changed_map(&name, "annotations", &old, add, &remove) {
            Ok(n) => n,
            Err(e) => return fail(e),
        };
        if let Some(p) = self.pods.get_mut(i) {
            if new != old {
                p.meta_changes.push((now, which, new));
            }
        }
        Out {
            out: format!("pod/{name} annotated\n"),
            ..Out::default()
        }
    }

    /// `kubectl get nodes` rows (printers.go printNode: STATUS
    /// from the Ready condition and `SchedulingDisabled`, ROLES from `node-role.kubernetes.io/*`
    /// labels and `kubernetes.io/role`, then the node's addresses and system info). The default
    /// cluster's nodes are there from the session's start (AGE counts from time zero).
    pub(super) fn node_rows(&self, now: SimTime) -> Vec<Row> {
        crate::sim::default_cluster()
            .into_iter()
            .map(|n| {
                let mut status = "Ready".to_string();
                if n.unschedulable {
                    status.push_str(",SchedulingDisabled");
                }
                let mut roles: Vec<String> = n
                    .labels
                    .iter()
                    .filter_map(|(k, v)| match k.strip_prefix("node-role.kubernetes.io/") {
                        Some(r) if !r.is_empty() => Some(r.to_string()),
                        _ if k == "kubernetes.io/role" && !v.is_empty() => Some(v.clone()),
                        _ => None,
                    })
                    .collect();
                crate::sort::sort(&mut roles);
                roles.dedup();
                let roles = if roles.is_empty() { "<none>".to_string() } else { roles.join(",") };
                (
                    n.name.clone(),
                    n.labels.clone(),
                    None,
                    vec![n.name.clone(), status, roles, printer::timestamp_age(now, SimTime::ZERO), KUBE_VERSION.to_string()],
                    vec![n.internal_ip.clone(), "<none>".into(), OS_IMAGE.into(), KERNEL_VERSION.into(), CONTAINER_RUNTIME.into()],
                )
            })
            .collect()
    }
}

/// A pod that runs on a node, as `describe node` lists it (describeNodeResource).
pub(super) struct NodePod {
    name: String,
    created: SimTime,
    /// (millicores, bytes) of resource.PodRequests and resource.PodLimits.
    requests: (i64, i64),
    limits: (i64, i64),
    /// ephemeral-storage, then hugepages-1Gi and hugepages-2Mi, in bytes: (requests, limits).
    others: [(i64, i64); 3],
}

/// The rows of Allocated resources after cpu and memory: ephemeral-storage (always printed; the
/// playground does not model the node's disk, so it has none allocatable) and the hugepage sizes
/// the default cluster's nodes report, as a kind node on amd64 does (none reserved).
const NODE_OTHERS: [&str; 3] = ["ephemeral-storage", "hugepages-1Gi", "hugepages-2Mi"];

impl Cluster {
    /// The non-terminated pods bound to `node` at `now` (describe.go getPodsInChunks with the
    /// field selector `spec.nodeName=NODE,status.phase!=Succeeded,status.phase!=Failed`), in the
    /// API server's list order (namespace, then name).
    pub(super) fn node_pods(&mut self, node: &str, now: SimTime) -> Vec<NodePod> {
        let mut list = Vec::new();
        for i in self.live_pods(now) {
            let local = self.local(i, now);
            let Some(p) = self.pods.get(i) else { continue };
            let Some(run) = p.run.as_ref() else { continue };
            let on = run.node.at(local).and_then(|n| n.as_deref()) == Some(node);
            let ended = matches!(run.phase.at(local), Some(crate::sim::Phase::Succeeded | crate::sim::Phase::Failed));
            if !on || ended {
                continue;
            }
            let pod = &p.world.pod;
            // SetDefaults_Pod: a resource with a limit and no request requests its limit.
            let other = |c: &crate::model::Container, key: &str, limit: bool| {
                let r = &c.resources;
                let find = |l: &crate::model::ResourceList| {
                    if key == "ephemeral-storage" {
                        return l.ephemeral_storage;
                    }
                    let text = l.other.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())?;
                    crate::quantity::parse(text).ok().map(|q| i64::try_from(q.value()).unwrap_or(i64::MAX))
                };
                if limit { find(&r.limits) } else { find(&r.requests).or_else(|| find(&r.limits)) }.unwrap_or(0)
            };
            let mut others = [(0, 0); 3];
            for (slot, key) in others.iter_mut().zip(NODE_OTHERS) {
                *slot = (pod.aggregate(|c| (other(c, key, false), 0)).0, pod.aggregate(|c| (other(c, key, true), 0)).0);
            }
            list.push(NodePod {
                name: p.name.clone(),
                created: p.created,
                requests: pod.effective_requests(),
                limits: pod.effective_limits(),
                others,
            });
        }
        list.sort_by(|a, b| a.name.cmp(&b.name));
        list
    }
}

/// `kubectl describe node` (describe.go describeNode) of a default-cluster node at `now`: the
/// kubeadm annotations a kind node carries, the kubelet's lease renewed every 10 s, the four
/// conditions (heartbeats every 5 min: nodeStatusReportFrequency), addresses, capacity and
/// allocatable (cpu, hugepages, memory, pods), system info, the pod CIDR, then the session's pods
/// on it and their requests and limits against the allocatable figures (describeNodeResource).
/// Not played (a `[podplay]` line says so): the machine, system and boot IDs, the provider ID, the
/// node's disk (ephemeral-storage), and the kube-system pods a kind node runs.
pub(super) fn describe_node(n: &crate::model::NodeInfo, pods: &[NodePod], now: SimTime) -> String {

    let time = printer::date_text;
    let mut o = format!("Name:\t{}\n", n.name);
    let mut roles: Vec<&str> = n.labels.iter().filter_map(|(k, _)| k.strip_prefix("node-role.kubernetes.io/")).filter(|r| !r.is_empty()).collect();
    crate::sort::sort(&mut roles);
    o.push_str(&format!("Roles:\t{}\n", if roles.is_empty() { "<none>".to_string() } else { roles.join(",") }));
    let meta = crate::model::ObjectMeta {
        labels: n.labels.clone(),
        annotations: vec![
            ("kubeadm.alpha.kubernetes.io/cri-socket".into(), "unix:///run/containerd/containerd.sock".into()),
            ("node.alpha.kubernetes.io/ttl".into(), "0".into()),
            ("volumes.kubernetes.io/controller-managed-attach-detach".into(), "true".into()),
        ],
        ..crate::model::ObjectMeta::default()
    };
    meta_lines(&mut o, &meta);
    o.push_str(&format!("CreationTimestamp:\t{}\n", time(SimTime::ZERO)));
    if n.taints.is_empty() {
        o.push_str("Taints:\t<none>\n");
    }
    for (i, t) in n.taints.iter().enumerate() {
        let head = if i == 0 { "Taints:" } else { "" };
        let kv = if t.value.is_empty() { t.key.clone() } else { format!("{}={}", t.key, t.value) };
        o.push_str(&format!("{head}\t{kv}:{}\n", t.effect));
    }
    o.push_str(&format!("Unschedulable:\t{}\n", n.unschedulable));
    let renew = SimTime(now.0 / 10_000 * 10_000);
    o.push_str(&format!("Lease:\n  HolderIdentity:\t{}\n  AcquireTime:\t<unset>\n  RenewTime:\t{}\n", n.name, time(renew)));
    let beat = time(SimTime(now.0 / 300_000 * 300_000));
    let zero = time(SimTime::ZERO);
    o.push_str("Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
    o.push_str("  ----\t------\t-----------------\t------------------\t------\t-------\n");
    for (ty, st, reason, msg) in [
        ("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
        ("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
        ("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
        ("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
    ] {
        o.push_str(&format!("  {ty} \t{st} \t{beat} \t{zero} \t{reason} \t{msg}\n"));
    }
    o.push_str(&format!("Addresses:\n  InternalIP:\t{}\n  Hostname:\t{}\n", n.internal_ip, n.name));
    let cpu = |m: i64| if m % 1000 == 0 { (m / 1000).to_string() } else { format!("{m}m") };
    let ki = |b: i64| format!("{}Ki", b / 1024);
    let hugepages = "  hugepages-1Gi:\t0\n  hugepages-2Mi:\t0\n";
    o.push_str(&format!("Capacity:\n  cpu:\t{}\n{hugepages}  memory:\t{}\n  pods:\t110\n", cpu(n.capacity_cpu_milli), ki(n.capacity_memory)));
    o.push_str(&format!(
        "Allocatable:\n  cpu:\t{}\n{hugepages}  memory:\t{}\n  pods:\t{}\n",
        cpu(n.allocatable_cpu_milli),
        ki(n.allocatable_memory),
        n.allocatable_pods
    ));
    o.push_str(&format!(
        "System Info:\n  Kernel Version:\t{KERNEL_VERSION}\n  OS Image:\t{OS_IMAGE}\n  Operating System:\tlinux\n  Architecture:\tamd64\n  Container Runtime Version:\t{CONTAINER_RUNTIME}\n  Kubelet Version:\t{KUBE_VERSION}\n"
    ));
    o.push_str(&format!("PodCIDR:\t{}\nPodCIDRs:\t{}\n", n.pod_cidr, n.pod_cidr));
    node_resources(&mut o, n, pods, now);
    o.push_str("Events:\t<none>\n");
    let mut text = printer::tabwrite(&o);
    text.push_str("[podplay] not played: the machine, system and boot IDs, the provider ID, the node's disk (ephemeral-storage), and the kube-system pods a kind node runs (kube-proxy, kindnet; on the control plane also coredns, etcd and the control plane's own): they are neither listed nor counted above, though the scheduler counts their requests\n");
    text
}

/// describe.go describeNodeResource: the pods with their requests and limits as a share of the
/// allocatable figures (`int64(float64(x) / float64(allocatable) * 100)`, 0 % of a resource the
/// node does not offer), then their totals.
fn node_resources(o: &mut String, n: &crate::model::NodeInfo, pods: &[NodePod], now: SimTime) {
    let share = |x: i64, of: i64| if of == 0 { 0 } else { (x as f64 / of as f64 * 100.0) as i64 };
    let cpu = |m: i64| format!("{} ({}%)", crate::quantity::Quantity::from_millis(m).canonical(), share(m, n.allocatable_cpu_milli));
    let mem = |b: i64| format!("{} ({}%)", crate::quantity::bytes_text(b), share(b, n.allocatable_memory));
    o.push_str(&format!("Non-terminated Pods:\t({} in total)\n", pods.len()));
    o.push_str("  Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n");
    o.push_str("  ---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n");
    for p in pods {
        o.push_str(&format!(
            "  default\t{}\t\t{}\t{}\t{}\t{}\t{}\n",
            p.name,
            cpu(p.requests.0),
            cpu(p.limits.0),
            mem(p.requests.1),
            mem(p.limits.1),
            printer::timestamp_age(now, p.created)
        ));
    }
    o.push_str("Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n");
    o.push_str("  Resource\tRequests\tLimits\n  --------\t--------\t------\n");
    let sum = |f: &dyn Fn(&NodePod) -> i64| pods.iter().fold(0i64, |a, p| a.saturating_add(f(p)));
    o.push_str(&format!("  cpu\t{}\t{}\n", cpu(sum(&|p| p.requests.0)), cpu(sum(&|p| p.limits.0))));
    o.push_str(&format!("  memory\t{}\t{}\n", mem(sum(&|p| p.requests.1)), mem(sum(&|p| p.limits.1))));
    // ephemeral-storage and the hugepages the node reports (0 allocatable: 0 %).
    for (k, key) in NODE_OTHERS.iter().enumerate() {
        let get = |p: &NodePod, limit: bool| p.others.get(k).map_or(0, |&(r, l)| if limit { l } else { r });
        let (r, l) = (sum(&|p| get(p, false)), sum(&|p| get(p, true)));
        let text = |b: i64| format!("{} (0%)", crate::quantity::bytes_text(b));
        o.push_str(&format!("  {key}\t{}\t{}\n", text(r), text(l)));
    }
}

/// A pod's labels or annotations (`field`) after `kubectl label|annotate`: the API server checks
/// each new key (ValidateLabels/ValidateAnnotations: a qualified name, else the pod is invalid),
/// then the removals and additions are made, sorted by key.
fn changed_map(
    name: &str,
    field: &str,
    old: &[(String, String)],
    add: Vec<(String, String)>,
    remove: &[String],
) -> Result<Vec<(String, String)>, String> {
    for (k, _) in &add {
        if let Some(e) = crate::validate::names::is_qualified_name(k).first() {
            return Err(format!("The Pod \"{name}\" is invalid: metadata.{field}: Invalid value: \"{k}\": {e}\n"));
        }
    }
    let mut new = old.to_vec();
    new.retain(|(k, _)| !remove.contains(k));
    for (k, v) in add {
        match new.iter_mut().find(|(x, _)| *x == k) {
            Some(e) => e.1 = v,
            None => new.push((k, v)),
        }
    }
    crate::sort::sort(&mut new);
    Ok(new)
}

/// The length of a labels map in JSON (`{"k":"v",…}`), as updateDataChangeMsg weighs it.
fn json_len(labels: &[(String, String)]) -> usize {
    labels
        .iter()
        .map(|(k, v)| crate::gofmt::json_quote(k).len() + crate::gofmt::json_quote(v).len() + 2)
        .sum::<usize>()
        + 1
}

/// `Labels:`/`Annotations:` of describe (describe.go printLabelsMultiline: sorted `k=v`, one a
/// line; printAnnotationsMultiline: [`printer::annotation_lines`]), to be tab-written.
fn meta_lines(o: &mut String, meta: &crate::model::ObjectMeta) {
    let mut list = meta.labels.clone();
    crate::sort::sort(&mut list);
    if list.is_empty() {
        o.push_str("Labels:\t<none>\n");
    }
    for (i, (k, v)) in list.iter().enumerate() {
        let head = if i == 0 { "Labels:" } else { "" };
        o.push_str(&format!("{head}\t{k}={v}\n"));
    }
    printer::annotation_lines(o, &meta.annotations);
}

/// `kubectl describe secret` (describe.go describeSecret: values hidden, `KEY:  N bytes` in key
/// order).
pub(super) fn describe_secret(tree: &crate::tree::Node) -> String {
    let s = crate::model::Secret::from_tree(tree);
    let mut o = format!("Name:\t{}\nNamespace:\tdefault\n", s.meta.name);
    meta_lines(&mut o, &s.meta);
    o.push_str(&format!("\nType:\t{}\n\nData\n====\n", s.secret_type));
    for (k, v) in &s.data {
        o.push_str(&format!("{k}:\t{} bytes\n", v.len()));
    }
    printer::tabwrite(&o)
}

/// `kubectl describe configmap` (describe.go describeConfigMap: each key, `----`, its value;
/// then the binaryData keys with their sizes).
pub(super) fn describe_configmap(tree: &crate::tree::Node) -> String {
    let meta = crate::model::ObjectMeta::from_tree(tree);
    let mut o = format!("Name:\t{}\nNamespace:\tdefault\n", meta.name);
    meta_lines(&mut o, &meta);
    let mut text = printer::tabwrite(&o);
    let sorted = |key: &str| {
        let mut v: Vec<(String, String)> = tree
            .map(key)
            .iter()
            .map(|e| (e.key.clone(), e.value.as_str().unwrap_or("").to_string()))
            .collect();
        crate::sort::sort(&mut v);
        v
    };
    text.push_str("\nData\n====\n");
    for (k, v) in sorted("data") {
        text.push_str(&format!("{k}:\n----\n{v}\n"));
    }
    text.push_str("\nBinaryData\n====\n");
    for (k, v) in sorted("binaryData") {
        let n = crate::base64::decode(&v).map_or(0, |b| b.len());
        text.push_str(&format!("{k}: {n} bytes\n"));
    }
    text.push('\n');
    text
}

/// A container port: its name, its number.
type NamedPort = (Option<String>, i64);

impl Cluster {
    /// `kubectl describe service NAME` at `now` (describe.go describeService; the Endpoints line
    /// is formatEndpointSlices: the ready pods the selector picks, `IP:port`, at most three then
    /// `+ N more...`). The API server's defaults are shown for what the manifest leaves out
    /// (SingleStack IPv4, `None` affinity, `Cluster` traffic policies); a NodePort the API server
    /// would allocate is not shown.
    pub(super) fn describe_service(&mut self, tree: &crate::tree::Node, now: SimTime) -> String {
        let s = crate::model::Service::from_tree(tree);
        let spec = tree.get("spec");
        let spec_str = |k: &str| spec.and_then(|x| x.str(k)).map(str::to_string);
        let mut o = format!("Name:\t{}\nNamespace:\tdefault\n", s.meta.name);
        meta_lines(&mut o, &s.meta);
        let mut sel = s.selector.clone();
        crate::sort::sort(&mut sel);
        let sel_text: Vec<String> = sel.iter().map(|(k, v)| format!("{k}={v}")).collect();
        o.push_str(&format!("Selector:\t{}\n", if sel_text.is_empty() { "<none>".to_string() } else { sel_text.join(",") }));
        o.push_str(&format!("Type:\t{}\n", s.service_type));
        o.push_str(&format!("IP Family Policy:\t{}\n", spec_str("ipFamilyPolicy").unwrap_or_else(|| "SingleStack".into())));
        o.push_str("IP Families:\tIPv4\n");
        let ip = s.cluster_ip.clone().unwrap_or_else(|| crate::derived::service_cluster_ip(&s.meta.name));
        o.push_str(&format!("IP:\t{ip}\nIPs:\t{ip}\n"));
        // the endpoints: (IP, ports by container port name) of the ready pods selected now
        let ready: Vec<(String, Vec<NamedPort>)> = self.endpoints(&s, now).into_iter().map(|e| (e.ip, e.ports)).collect();
        for sp in &s.ports {
            let name = sp.name.clone().unwrap_or_default();
            let shown = if name.is_empty() { "<unset>".to_string() } else { name.clone() };
            let proto = sp.protocol.as_str();
            o.push_str(&format!("Port:\t{shown}\t{}/{proto}\n", sp.port));
            let target = match &sp.target_port {
                crate::model::PortRef::Number(n) => n.to_string(),
                crate::model::PortRef::Name(n) => n.clone(),
            };
            o.push_str(&format!("TargetPort:\t{target}/{proto}\n"));
            if let Some(np) = sp.node_port {
                o.push_str(&format!("NodePort:\t{shown}\t{np}/{proto}\n"));
            }
            let endpoints = if sel.is_empty() {
                "<none>".to_string()
            } else {
                let list: Vec<String> = ready
                    .iter()
                    .filter_map(|(ip, ports)| {
                        let port = match &sp.target_port {
                            crate::model::PortRef::Number(n) => Some(*n),
                            crate::model::PortRef::Name(n) => ports.iter().find(|(pn, _)| pn.as_deref() == Some(n)).map(|(_, p)| *p),
                        }?;
                        Some(format!("{ip}:{port}"))
                    })
                    .collect();
                if list.len() > 3 {
                    format!("{} + {} more...", list.get(..3).unwrap_or(&[]).join(","), list.len() - 3)
                } else {
                    list.join(",")
                }
            };
            o.push_str(&format!("Endpoints:\t{endpoints}\n"));
        }
        o.push_str(&format!("Session Affinity:\t{}\n", spec_str("sessionAffinity").unwrap_or_else(|| "None".into())));
        if matches!(s.service_type.as_str(), "NodePort" | "LoadBalancer") {
            o.push_str(&format!("External Traffic Policy:\t{}\n", spec_str("externalTrafficPolicy").unwrap_or_else(|| "Cluster".into())));
        }
        o.push_str(&format!("Internal Traffic Policy:\t{}\n", spec_str("internalTrafficPolicy").unwrap_or_else(|| "Cluster".into())));
        o.push_str("Events:\t<none>\n");
        printer::tabwrite(&o)
    }
}
