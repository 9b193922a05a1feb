//! What the API server adds to an object before it validates and stores it, and a renderer that
//! prints a tree the way `kubectl get -o yaml` does.
//!
//! [`default_pod`] applies, in the API server's order:
//! 1. the generated defaulters (`pkg/apis/core/v1/zz_generated.defaults.go`, `SetObjectDefaults_Pod`):
//!    `SetDefaults_Pod` (limits copied into requests, pod-level resources, `enableServiceLinks`,
//!    hostNetwork ports), `SetDefaults_PodSpec`, every volume source, every container
//!    (`SetDefaults_Container`, port protocol, env `fieldRef.apiVersion`, probes, lifecycle hooks);
//! 2. the mutating admission plugins enabled by default that touch a Pod: `ServiceAccount`
//!    (`serviceAccountName: default` and the projected `kube-api-access-xxxxx` volume mounted in
//!    every container), `Priority` (`priority: 0`, `preemptionPolicy`), `DefaultTolerationSeconds`;
//! 3. the v1 conversion (`serviceAccount` mirrors `serviceAccountName`);
//! 4. the registry strategy's `PrepareForCreate` (`metadata.generation: 1`, `status.phase: Pending`,
//!    `status.qosClass`, the `SchedulingGated` condition).
//!
//! Every inserted node is marked [`Node::defaulted`] and carries the span of the object it was
//! added to; nodes the user wrote are never changed, except where Go overwrites a zero value
//! (`imagePullPolicy: ""`, `timeoutSeconds: 0`): then the value node is replaced by a defaulted
//! one under the user's key.
//!
//! Simplifications, each said where it happens: values the real server picks at random (the
//! token volume's suffix, a Service's cluster IP and node ports) are derived from the object's
//! name instead; `uid`, `creationTimestamp`, `resourceVersion` and `managedFields` are not added
//! (no clock, no randomness); quantities are kept as written (the server rounds them up to the
//! milli-unit and prints them canonically).

use crate::derived;
use crate::model::QosClass;
use crate::quantity::{self, Quantity};
use crate::span::Span;
use crate::tree::{Entry, Node, Value};

/// Defaults an object by its `kind` (Pod, Service, Secret, ConfigMap, Node); other kinds are
/// returned unchanged.
pub fn default_object(obj: &Node) -> Node {
    match obj.str("kind") {
        Some("Pod") => default_pod(obj),
        Some("Service") => default_service(obj),
        Some("Secret") => default_secret(obj),
        Some("ConfigMap") => default_config_map(obj),
        Some("Node") => default_node(obj),
        _ => obj.clone(),
    }
}

/// A Pod as the API server stores it after defaulting, admission and `PrepareForCreate`.
pub fn default_pod(pod: &Node) -> Node {
    let mut out = pod.clone();
    if out.as_map().is_none() {
        return out;
    }
    let root_span = out.span;
    let name = pod_name(pod);
    if let Some(spec) = out.get_mut("spec").filter(|s| s.as_map().is_some()) {
        set_defaults_pod(spec);
        set_defaults_pod_spec(spec);
        if let Some(vols) = spec.get_mut("volumes").and_then(Node::as_seq_mut) {
            for v in vols.iter_mut() {
                set_defaults_volume(v);
            }
        }
        for list in ["initContainers", "containers", "ephemeralContainers"] {
            if let Some(cs) = spec.get_mut(list).and_then(Node::as_seq_mut) {
                for c in cs.iter_mut() {
                    set_defaults_container(c);
                }
            }
        }
        admit_service_account(spec, &name);
        admit_priority(spec);
        admit_default_toleration_seconds(spec);
        convert_deprecated_service_account(spec);
    }
    namespace_default(&mut out);
    if let Some(meta) = out.get_mut("metadata").filter(|m| m.as_map().is_some()) {
        // PrepareForCreate: `pod.Generation = 1`.
        let near = meta.span;
        put(meta, "generation", d(Value::Int(1), near));
    }
    let status = prepare_for_create_status(&out, root_span);
    put(&mut out, "status", status);
    out
}

/// A Service after `SetDefaults_Service` and what the Service REST storage fills in on create
/// (IP families, a cluster IP, node ports, `status.loadBalancer`).
pub fn default_service(svc: &Node) -> Node {
    let mut out = svc.clone();
    if out.as_map().is_none() {
        return out;
    }
    let name = svc
        .path("metadata.name")
        .and_then(Node::as_str)
        .unwrap_or("")
        .to_string();
    namespace_default(&mut out);
    if let Some(spec) = out.get_mut("spec").filter(|s| s.as_map().is_some()) {
        set_defaults_service(spec, &name);
    }
    // ServiceStatus is a struct: an empty one prints as `status: {loadBalancer: {}}`.
    let near = out.span;
    if is_absent(out.get("status")) {
        let lb = d(Value::Map(vec![]), near);
        put(&mut out, "status", dmap(vec![("loadBalancer", lb)], near));
    }
    out
}

/// `SetDefaults_Secret` (`type: Opaque`) and the v1 conversion, which merges `stringData` into
/// `data` (base64-encoded, a `stringData` key winning over the same `data` key) and drops
/// `stringData`: the stored Secret never has it.
pub fn default_secret(secret: &Node) -> Node {
    let mut out = secret.clone();
    if out.as_map().is_none() {
        return out;
    }
    namespace_default(&mut out);
    default_str(&mut out, "type", "Opaque");
    let string_data: Vec<Entry> = out.map("stringData").to_vec();
    let string_data_span = out.get("stringData").map(|n| n.span);
    if out.entry("stringData").is_some() {
        if let Some(m) = out.as_map_mut() {
            m.retain(|e| e.key != "stringData");
        }
    }
    if !string_data.is_empty() {
        let near = string_data_span.unwrap_or(out.span);
        ensure_map(&mut out, "data", near);
        if let Some(data) = out.get_mut("data").and_then(Node::as_map_mut) {
            // Each merged entry keeps the spans of the stringData line it came from, so that
            // problems with it point there.
            for e in string_data {
                if let Some(v) = e.value.as_str() {
                    let value = dstr(&crate::base64::encode(v.as_bytes()), e.value.span);
                    match data.iter_mut().find(|x| x.key == e.key) {
                        Some(x) => {
                            x.value = value;
                            x.key_span = e.key_span;
                        }
                        None => data.push(Entry {
                            key: e.key.clone(),
                            key_span: e.key_span,
                            value,
                        }),
                    }
                }
            }
        }
    }
    out
}

/// `SetDefaults_ConfigMap` only makes `data` a non-nil empty map, which prints as nothing; the
/// namespace is the only visible addition.
pub fn default_config_map(cm: &Node) -> Node {
    let mut out = cm.clone();
    if out.as_map().is_some() {
        namespace_default(&mut out);
    }
    out
}

/// `SetDefaults_NodeStatus` (allocatable = capacity when unset) and the `TaintNodesByCondition`
/// admission plugin (a new Node gets the `node.kubernetes.io/not-ready:NoSchedule` taint).
pub fn default_node(node: &Node) -> Node {
    let mut out = node.clone();
    if out.as_map().is_none() {
        return out;
    }
    if let Some(status) = out.get_mut("status").filter(|s| s.as_map().is_some()) {
        let near = status.span;
        if is_absent(status.get("allocatable")) {
            if let Some(cap) = status.get("capacity").filter(|c| c.as_map().is_some()) {
                let copy = mark_all(cap.clone(), near);
                put(status, "allocatable", copy);
            }
        }
    }
    let near = out.span;
    if is_absent(out.get("spec")) {
        put(&mut out, "spec", d(Value::Map(vec![]), near));
    }
    if let Some(spec) = out.get_mut("spec").filter(|s| s.as_map().is_some()) {
        let near = spec.span;
        let has = spec.seq("taints").iter().any(|t| {
            t.str("key") == Some("node.kubernetes.io/not-ready")
                && t.str("effect") == Some("NoSchedule")
        });
        if !has {
            let taint = dmap(
                vec![
                    ("effect", dstr("NoSchedule", near)),
                    ("key", dstr("node.kubernetes.io/not-ready", near)),
                ],
                near,
            );
            push_item(spec, "taints", taint);
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Pod: SetDefaults_Pod, SetDefaults_PodSpec

fn set_defaults_pod(spec: &mut Node) {
    // "If limits are specified, but requests are not, default requests to limits", per resource,
    // for containers and init containers (not ephemeral containers).
    for list in ["containers", "initContainers"] {
        if let Some(cs) = spec.get_mut(list).and_then(Node::as_seq_mut) {
            for c in cs.iter_mut() {
                if let Some(res) = c.get_mut("resources").filter(|r| r.as_map().is_some()) {
                    copy_limits_to_requests(res);
                }
            }
        }
    }
    default_pod_level_resources(spec);
    default_bool(spec, "enableServiceLinks", true);
    if spec.get("hostNetwork").and_then(Node::as_bool) == Some(true) {
        // defaultHostNetworkPorts: with host networking every containerPort is a hostPort.
        for list in ["containers", "initContainers"] {
            if let Some(cs) = spec.get_mut(list).and_then(Node::as_seq_mut) {
                for c in cs.iter_mut() {
                    if let Some(ports) = c.get_mut("ports").and_then(Node::as_seq_mut) {
                        for p in ports.iter_mut() {
                            if let Some(cp) = p.get("containerPort").and_then(Node::as_i64) {
                                default_int(p, "hostPort", cp);
                            }
                        }
                    }
                }
            }
        }
    }
}

fn copy_limits_to_requests(res: &mut Node) {
    let near = res.span;
    let limits: Vec<Entry> = match res.get("limits").and_then(Node::as_map) {
        Some(l) => l.to_vec(),
        None => return,
    };
    if limits.is_empty() {
        // An empty map stays empty; Go's `omitempty` prints neither.
        return;
    }
    if is_absent(res.get("requests")) {
        put(res, "requests", d(Value::Map(vec![]), near));
    }
    let Some(reqs) = res.get_mut("requests").filter(|r| r.as_map().is_some()) else {
        return;
    };
    let near = reqs.span;
    for e in limits {
        if reqs.entry(&e.key).is_none() {
            let copy = Node::defaulted(e.value.value.clone(), near);
            put(reqs, &e.key, copy);
        }
    }
}

fn set_defaults_pod_spec(spec: &mut Node) {
    default_str(spec, "dnsPolicy", "ClusterFirst");
    default_str(spec, "restartPolicy", "Always");
    let near = spec.span;
    if is_absent(spec.get("securityContext")) {
        put(spec, "securityContext", d(Value::Map(vec![]), near));
    }
    default_ptr(spec, "terminationGracePeriodSeconds", Value::Int(30));
    default_str(spec, "schedulerName", "default-scheduler");
}

// ---------------------------------------------------------------------------------------------
// Pod-level resources (PodLevelResources, on by default since 1.34): defaultHugePagePodLimits,
// defaultPodRequests, defaultPodLimits. Only when `spec.resources` is present.

fn default_pod_level_resources(spec: &mut Node) {
    if spec.get("resources").and_then(Node::as_map).is_none() {
        return;
    }
    let agg_limits = aggregate_container(spec, "limits");
    let agg_requests = aggregate_container(spec, "requests");
    let all_have_limit = |key: &str, spec: &Node| {
        ["initContainers", "containers"].iter().all(|list| {
            spec.seq(list).iter().all(|c| {
                c.path("resources.limits")
                    .and_then(|l| l.get(key))
                    .is_some()
            })
        })
    };
    let all_have: Vec<bool> = agg_limits
        .iter()
        .map(|(k, _)| all_have_limit(k, spec))
        .collect();
    let Some(res) = spec.get_mut("resources") else {
        return;
    };
    let near = res.span;
    let map_len = |n: &Node, k: &str| n.get(k).and_then(Node::as_map).map_or(0, <[Entry]>::len);

    // defaultHugePagePodLimits
    if map_len(res, "limits") > 0 || map_len(res, "requests") > 0 {
        for (key, q) in &agg_limits {
            if !is_huge_page(key) || res.path("requests").and_then(|r| r.get(key)).is_some() {
                continue;
            }
            if res.path("limits").and_then(|l| l.get(key)).is_none() {
                ensure_map(res, "limits", near);
                if let Some(l) = res.get_mut("limits") {
                    put(l, key, dstr(&q.canonical(), near));
                }
            }
        }
    }
    // defaultPodRequests
    if map_len(res, "limits") > 0 {
        let mut adds: Vec<(String, String)> = Vec::new();
        let has_req = |res: &Node, k: &str, adds: &[(String, String)]| {
            res.path("requests").and_then(|r| r.get(k)).is_some()
                || adds.iter().any(|(a, _)| a == k)
        };
        for (key, q) in &agg_requests {
            if !has_req(res, key, &adds) && is_supported_pod_level(key) && overcommit_allowed(key) {
                adds.push((key.clone(), q.canonical()));
            }
        }
        let limits: Vec<Entry> = res.map("limits").to_vec();
        for e in &limits {
            if !has_req(res, &e.key, &adds) && is_supported_pod_level(&e.key) {
                if let Some(s) = quantity::node_text(&e.value) {
                    adds.push((e.key.clone(), s));
                }
            }
        }
        if !adds.is_empty() {
            ensure_map(res, "requests", near);
            if let Some(r) = res.get_mut("requests") {
                for (k, v) in adds {
                    put(r, &k, dstr(&v, near));
                }
            }
        }
    }
    // defaultPodLimits: only when pod-level requests are set and limits are not.
    if map_len(res, "limits") == 0 && map_len(res, "requests") > 0 {
        let mut adds = Vec::new();
        for ((key, q), all) in agg_limits.iter().zip(all_have) {
            if is_supported_pod_level(key) && overcommit_allowed(key) && all {
                adds.push((key.clone(), q.canonical()));
            }
        }
        if !adds.is_empty() {
            ensure_map(res, "limits", near);
            if let Some(l) = res.get_mut("limits") {
                for (k, v) in adds {
                    put(l, &k, dstr(&v, near));
                }
            }
        }
    }
}

/// `resourcehelper.AggregateContainerRequests/Limits`: the sum over app containers and
/// restartable init containers (sidecars), then the max with each regular init container plus
/// the sidecars started before it. Keys in order of first appearance.
fn aggregate_container(spec: &Node, which: &str) -> Vec<(String, Quantity)> {
    let mut total: Vec<(String, Quantity)> = Vec::new();
    for c in spec.seq("containers") {
        add_list(&mut total, &resource_list(c, which));
    }
    let mut sidecars: Vec<(String, Quantity)> = Vec::new();
    let mut init_max: Vec<(String, Quantity)> = Vec::new();
    for c in spec.seq("initContainers") {
        let own = resource_list(c, which);
        let effective = if c.str("restartPolicy") == Some("Always") {
            add_list(&mut total, &own);
            add_list(&mut sidecars, &own);
            sidecars.clone()
        } else {
            let mut tmp = own;
            add_list(&mut tmp, &sidecars);
            tmp
        };
        max_list(&mut init_max, &effective);
    }
    max_list(&mut total, &init_max);
    total
}

fn resource_list(c: &Node, which: &str) -> Vec<(String, Quantity)> {
    let Some(list) = c
        .get("resources")
        .and_then(|r| r.get(which))
        .and_then(Node::as_map)
    else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|e| Some((e.key.clone(), quantity::parse_node(&e.value)?.ok()?)))
        .collect()
}

fn add_list(into: &mut Vec<(String, Quantity)>, add: &[(String, Quantity)]) {
    for (k, q) in add {
        match into.iter_mut().find(|(n, _)| n == k) {
            Some((_, cur)) => *cur = cur.add(q),
            None => into.push((k.clone(), *q)),
        }
    }
}

fn max_list(into: &mut Vec<(String, Quantity)>, other: &[(String, Quantity)]) {
    for (k, q) in other {
        match into.iter_mut().find(|(n, _)| n == k) {
            Some((_, cur)) => {
                if q.cmp_value(cur) == std::cmp::Ordering::Greater {
                    *cur = *q;
                }
            }
            None => into.push((k.clone(), *q)),
        }
    }
}

fn is_huge_page(name: &str) -> bool {
    name.starts_with("hugepages-")
}

fn is_supported_pod_level(name: &str) -> bool {
    name == "cpu" || name == "memory" || is_huge_page(name)
}

/// `IsOvercommitAllowed`: native resources except huge pages.
fn overcommit_allowed(name: &str) -> bool {
    let native = !name.contains('/') || name.contains("kubernetes.io/");
    native && !is_huge_page(name)
}

fn ensure_map(parent: &mut Node, key: &str, near: Span) {
    if is_absent(parent.get(key)) {
        put(parent, key, d(Value::Map(vec![]), near));
    }
}

// ---------------------------------------------------------------------------------------------
// Volumes

fn set_defaults_volume(v: &mut Node) {
    if v.as_map().is_none() {
        return;
    }
    let near = v.span;
    // SetDefaults_Volume: a volume with no source is an emptyDir.
    let has_source = v
        .as_map()
        .is_some_and(|m| m.iter().any(|e| e.key != "name" && !e.value.is_null()));
    if !has_source {
        put(v, "emptyDir", d(Value::Map(vec![]), near));
    }
    if let Some(img) = v.get_mut("image").filter(|i| i.as_map().is_some()) {
        // ImageVolume: pullPolicy Always for `:latest` (or no tag), IfNotPresent otherwise.
        let policy = image_volume_pull_policy(img.str("reference").unwrap_or(""));
        default_str(img, "pullPolicy", policy);
    }
    if let Some(hp) = v.get_mut("hostPath").filter(|h| h.as_map().is_some()) {
        // HostPathUnset is the empty string, and the pointer is set: it prints as `type: ""`.
        default_ptr(hp, "type", Value::str(""));
    }
    for src in ["secret", "configMap", "downwardAPI", "projected"] {
        if let Some(s) = v.get_mut(src).filter(|s| s.as_map().is_some()) {
            // SecretVolumeSourceDefaultMode etc. are all 0644.
            default_ptr(s, "defaultMode", Value::Int(0o644));
        }
    }
    if let Some(items) = v
        .get_mut("downwardAPI")
        .and_then(|d| d.get_mut("items"))
        .and_then(Node::as_seq_mut)
    {
        for it in items.iter_mut() {
            if let Some(fr) = it.get_mut("fieldRef").filter(|f| f.as_map().is_some()) {
                default_str(fr, "apiVersion", "v1");
            }
        }
    }
    if let Some(sources) = v
        .get_mut("projected")
        .and_then(|p| p.get_mut("sources"))
        .and_then(Node::as_seq_mut)
    {
        for s in sources.iter_mut() {
            if let Some(items) = s
                .get_mut("downwardAPI")
                .and_then(|d| d.get_mut("items"))
                .and_then(Node::as_seq_mut)
            {
                for it in items.iter_mut() {
                    if let Some(fr) = it.get_mut("fieldRef").filter(|f| f.as_map().is_some()) {
                        default_str(fr, "apiVersion", "v1");
                    }
                }
            }
            if let Some(t) = s
                .get_mut("serviceAccountToken")
                .filter(|t| t.as_map().is_some())
            {
                default_ptr(t, "expirationSeconds", Value::Int(3600));
            }
        }
    }
    if let Some(spec) = v
        .get_mut("ephemeral")
        .and_then(|e| e.get_mut("volumeClaimTemplate"))
        .and_then(|t| t.get_mut("spec"))
        .filter(|s| s.as_map().is_some())
    {
        // SetDefaults_PersistentVolumeClaimSpec.
        default_ptr(spec, "volumeMode", Value::str("Filesystem"));
    }
}

// ---------------------------------------------------------------------------------------------
// Containers

fn set_defaults_container(c: &mut Node) {
    if c.as_map().is_none() {
        return;
    }
    let image = c.str("image").unwrap_or("").to_string();
    default_str(c, "imagePullPolicy", image_pull_policy(&image));
    default_str(c, "terminationMessagePath", "/dev/termination-log");
    default_str(c, "terminationMessagePolicy", "File");
    if let Some(ports) = c.get_mut("ports").and_then(Node::as_seq_mut) {
        for p in ports.iter_mut() {
            if p.as_map().is_some() {
                default_str(p, "protocol", "TCP");
            }
        }
    }
    if let Some(env) = c.get_mut("env").and_then(Node::as_seq_mut) {
        for e in env.iter_mut() {
            if let Some(fr) = e
                .get_mut("valueFrom")
                .and_then(|v| v.get_mut("fieldRef"))
                .filter(|f| f.as_map().is_some())
            {
                default_str(fr, "apiVersion", "v1");
            }
        }
    }
    for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
        if let Some(p) = c.get_mut(probe).filter(|p| p.as_map().is_some()) {
            set_defaults_probe(p);
        }
    }
    if let Some(lc) = c.get_mut("lifecycle").filter(|l| l.as_map().is_some()) {
        for hook in ["postStart", "preStop"] {
            if let Some(h) = lc
                .get_mut(hook)
                .and_then(|h| h.get_mut("httpGet"))
                .filter(|h| h.as_map().is_some())
            {
                set_defaults_http_get(h);
            }
        }
    }
    if let Some(res) = c.get_mut("resources").filter(|r| r.as_map().is_some()) {
        for list in ["limits", "requests"] {
            if let Some(l) = res.get_mut(list) {
                set_defaults_resource_list(l);
            }
        }
    }
    // ResourceRequirements is a struct, not a pointer: an empty one prints as `resources: {}`.
    let near = c.span;
    if is_absent(c.get("resources")) {
        put(c, "resources", d(Value::Map(vec![]), near));
    }
}

/// `SetDefaults_ResourceList`: every quantity is rounded up to the milli-unit (`100u` of cpu
/// becomes `1m`). Only values that change are replaced (by a defaulted node with the canonical
/// text); the rest are kept as written.
fn set_defaults_resource_list(list: &mut Node) {
    let Some(entries) = list.as_map_mut() else {
        return;
    };
    for e in entries.iter_mut() {
        let Some(Ok(q)) = quantity::parse_node(&e.value) else {
            continue;
        };
        if q.nanos() % 1_000_000 != 0 {
            let millis = i64::try_from(q.milli_value()).unwrap_or(i64::MAX);
            let rounded = Quantity::from_millis(millis).canonical();
            e.value = dstr(&rounded, e.value.span);
        }
    }
}

fn set_defaults_probe(p: &mut Node) {
    default_int(p, "timeoutSeconds", 1);
    default_int(p, "periodSeconds", 10);
    default_int(p, "successThreshold", 1);
    default_int(p, "failureThreshold", 3);
    if let Some(h) = p.get_mut("httpGet").filter(|h| h.as_map().is_some()) {
        set_defaults_http_get(h);
    }
    if let Some(g) = p.get_mut("grpc").filter(|g| g.as_map().is_some()) {
        // GRPCAction.Service is `+default=""`.
        default_ptr(g, "service", Value::str(""));
    }
}

fn set_defaults_http_get(h: &mut Node) {
    default_str(h, "path", "/");
    default_str(h, "scheme", "HTTP");
}

/// `SetDefaults_Container`'s pull policy: `Always` when the image's tag is `latest` (an image
/// with neither tag nor digest counts as `latest`), `IfNotPresent` otherwise, including for a
/// reference that does not parse.
pub fn image_pull_policy(image: &str) -> &'static str {
    match crate::image::parse_image_name(image) {
        Some(r) if r.tag == "latest" => "Always",
        _ => "IfNotPresent",
    }
}

/// `SetDefaults_Volume`'s pull policy for an image volume: the same rule.
fn image_volume_pull_policy(reference: &str) -> &'static str {
    image_pull_policy(reference)
}

// ---------------------------------------------------------------------------------------------
// Admission plugins

/// The token volume's name. The real plugin appends 5 random characters
/// (`utilrand.String(5)`); the playground derives them from the pod's name so that the same
/// manifest always shows the same name.
pub fn kube_api_access_volume_name(pod_name: &str) -> String {
    format!("kube-api-access-{}", derived::rand_string5(pod_name))
}

/// Where the ServiceAccount plugin mounts the token.
pub const SERVICE_ACCOUNT_MOUNT_PATH: &str = "/var/run/secrets/kubernetes.io/serviceaccount";

/// `plugin/pkg/admission/serviceaccount`: `serviceAccountName: default`; unless automounting is
/// off, every init and app container gets the token volume mounted read-only at
/// [`SERVICE_ACCOUNT_MOUNT_PATH`] (unless it already mounts something there), and the pod gets
/// the projected volume (token, `kube-root-ca.crt`, namespace). Mirror pods are left alone.
fn admit_service_account(spec: &mut Node, pod_name: &str) {
    if is_mirror_pod_spec(spec) {
        return;
    }
    // The v1→internal conversion uses the deprecated `serviceAccount` when the name is empty.
    if spec.str("serviceAccountName").unwrap_or("").is_empty() {
        let from_deprecated = spec
            .str("serviceAccount")
            .filter(|s| !s.is_empty())
            .map(str::to_string);
        match from_deprecated {
            Some(sa) => default_str(spec, "serviceAccountName", &sa),
            None => default_str(spec, "serviceAccountName", "default"),
        }
    }
    // shouldAutomount: the pod's setting wins; the default ServiceAccount does not disable it.
    if spec
        .get("automountServiceAccountToken")
        .and_then(Node::as_bool)
        == Some(false)
    {
        return;
    }
    let near = spec.span;
    let existing = spec
        .seq("volumes")
        .iter()
        .filter_map(|v| v.str("name"))
        .find(|n| n.starts_with("kube-api-access-"))
        .map(str::to_string);
    let has_volume = existing.is_some();
    let vol_name = existing.unwrap_or_else(|| kube_api_access_volume_name(pod_name));
    let mut needs_volume = false;
    for list in ["initContainers", "containers"] {
        if let Some(cs) = spec.get_mut(list).and_then(Node::as_seq_mut) {
            for c in cs.iter_mut().filter(|c| c.as_map().is_some()) {
                let mounted = c
                    .seq("volumeMounts")
                    .iter()
                    .any(|m| m.str("mountPath") == Some(SERVICE_ACCOUNT_MOUNT_PATH));
                if !mounted {
                    let cnear = c.span;
                    let mount = dmap(
                        vec![
                            ("mountPath", dstr(SERVICE_ACCOUNT_MOUNT_PATH, cnear)),
                            ("name", dstr(&vol_name, cnear)),
                            ("readOnly", d(Value::Bool(true), cnear)),
                        ],
                        cnear,
                    );
                    push_item(c, "volumeMounts", mount);
                    needs_volume = true;
                }
            }
        }
    }
    if !has_volume && needs_volume {
        push_item(spec, "volumes", token_volume(&vol_name, near));
    }
}

/// `TokenVolumeSource()`: what `kubectl get pod -o yaml` shows under `kube-api-access-xxxxx`.
fn token_volume(name: &str, near: Span) -> Node {
    let token = dmap(
        vec![(
            "serviceAccountToken",
            dmap(
                vec![
                    // WarnOnlyBoundTokenExpirationSeconds
                    ("expirationSeconds", d(Value::Int(3607), near)),
                    ("path", dstr("token", near)),
                ],
                near,
            ),
        )],
        near,
    );
    let ca = dmap(
        vec![(
            "configMap",
            dmap(
                vec![
                    (
                        "items",
                        dseq(
                            vec![dmap(
                                vec![
                                    ("key", dstr("ca.crt", near)),
                                    ("path", dstr("ca.crt", near)),
                                ],
                                near,
                            )],
                            near,
                        ),
                    ),
                    ("name", dstr("kube-root-ca.crt", near)),
                ],
                near,
            ),
        )],
        near,
    );
    let ns = dmap(
        vec![(
            "downwardAPI",
            dmap(
                vec![(
                    "items",
                    dseq(
                        vec![dmap(
                            vec![
                                (
                                    "fieldRef",
                                    dmap(
                                        vec![
                                            ("apiVersion", dstr("v1", near)),
                                            ("fieldPath", dstr("metadata.namespace", near)),
                                        ],
                                        near,
                                    ),
                                ),
                                ("path", dstr("namespace", near)),
                            ],
                            near,
                        )],
                        near,
                    ),
                )],
                near,
            ),
        )],
        near,
    );
    dmap(
        vec![
            ("name", dstr(name, near)),
            (
                "projected",
                dmap(
                    vec![
                        ("defaultMode", d(Value::Int(0o644), near)),
                        ("sources", dseq(vec![token, ca, ns], near)),
                    ],
                    near,
                ),
            ),
        ],
        near,
    )
}

fn is_mirror_pod_spec(_spec: &Node) -> bool {
    // The mirror-pod annotation lives in metadata; `admit_service_account` is only called with
    // the spec, so this is decided by the caller's tree. Mirror pods are created by kubelets,
    // never pasted into the playground, so the plugin always applies here.
    false
}

/// The `Priority` plugin: without a `priorityClassName` (and no global default class, as in a
/// new cluster) `priority: 0` and `preemptionPolicy: PreemptLowerPriority`; the two built-in
/// classes give their values. Another class name would be rejected by the plugin ("no
/// PriorityClass with name … was found"); the playground has no PriorityClasses and leaves the
/// pod as written.
fn admit_priority(spec: &mut Node) {
    let value = match spec.str("priorityClassName").unwrap_or("") {
        "" => 0,
        "system-node-critical" => 2_000_001_000,
        "system-cluster-critical" => 2_000_000_000,
        _ => return,
    };
    default_ptr(spec, "priority", Value::Int(value));
    default_ptr(spec, "preemptionPolicy", Value::str("PreemptLowerPriority"));
}

/// The `DefaultTolerationSeconds` plugin: tolerate `not-ready` and `unreachable` `NoExecute`
/// taints for 300 s unless the pod already tolerates them.
fn admit_default_toleration_seconds(spec: &mut Node) {
    let tols = spec.seq("tolerations");
    let tolerates = |taint: &str| {
        tols.iter().any(|t| {
            let key = t.str("key").unwrap_or("");
            let effect = t.str("effect").unwrap_or("");
            (key == taint || key.is_empty()) && (effect == "NoExecute" || effect.is_empty())
        })
    };
    let not_ready = tolerates("node.kubernetes.io/not-ready");
    let unreachable = tolerates("node.kubernetes.io/unreachable");
    let near = spec.span;
    for (taint, ok) in [
        ("node.kubernetes.io/not-ready", not_ready),
        ("node.kubernetes.io/unreachable", unreachable),
    ] {
        if !ok {
            let t = dmap(
                vec![
                    ("effect", dstr("NoExecute", near)),
                    ("key", dstr(taint, near)),
                    ("operator", dstr("Exists", near)),
                    ("tolerationSeconds", d(Value::Int(300), near)),
                ],
                near,
            );
            push_item(spec, "tolerations", t);
        }
    }
}

/// The v1 conversion writes `serviceAccountName` into the deprecated `serviceAccount` field.
fn convert_deprecated_service_account(spec: &mut Node) {
    let Some(name) = spec.str("serviceAccountName").map(str::to_string) else {
        return;
    };
    if spec.str("serviceAccount") != Some(name.as_str()) {
        let near = spec.span;
        put(spec, "serviceAccount", dstr(&name, near));
    }
}

// ---------------------------------------------------------------------------------------------
// PrepareForCreate

fn prepare_for_create_status(pod: &Node, near: Span) -> Node {
    let mut entries = vec![
        ("phase", dstr("Pending", near)),
        ("qosClass", dstr(qos_class(pod).as_str(), near)),
    ];
    let gated = pod
        .path("spec")
        .is_some_and(|s| !s.seq("schedulingGates").is_empty());
    if gated {
        // applySchedulingGatedCondition
        let cond = dmap(
            vec![
                ("lastProbeTime", d(Value::Null, near)),
                ("lastTransitionTime", d(Value::Null, near)),
                (
                    "message",
                    dstr(
                        "Scheduling is blocked due to non-empty scheduling gates",
                        near,
                    ),
                ),
                ("reason", dstr("SchedulingGated", near)),
                ("status", dstr("False", near)),
                ("type", dstr("PodScheduled", near)),
            ],
            near,
        );
        entries.insert(0, ("conditions", dseq(vec![cond], near)));
    }
    dmap(entries, near)
}

/// `qos.ComputePodQOS` on a defaulted pod: `BestEffort` with no cpu/memory requests or limits
/// anywhere, `Guaranteed` when every container (init included) has cpu and memory limits and
/// the summed requests equal the summed limits, `Burstable` otherwise. Pod-level resources,
/// when set, decide instead of the containers.
pub fn qos_class(pod: &Node) -> QosClass {
    let mut requests: Vec<(String, Quantity)> = Vec::new();
    let mut limits: Vec<(String, Quantity)> = Vec::new();
    let mut guaranteed = true;
    let spec = pod.get("spec");
    let mut account = |res: Option<&Node>, guaranteed: &mut bool| {
        for (name, q) in positive_compute(res.and_then(|r| r.get("requests"))) {
            add_list(&mut requests, &[(name, q)]);
        }
        let lim = positive_compute(res.and_then(|r| r.get("limits")));
        let has = |n: &str| lim.iter().any(|(k, _)| k == n);
        if !(has("cpu") && has("memory")) {
            *guaranteed = false;
        }
        add_list(&mut limits, &lim);
    };
    let pod_res = spec.and_then(|s| s.get("resources"));
    if let Some(pr) = pod_res.filter(|r| r.as_map().is_some()) {
        let reqs = positive_compute(pr.get("requests"));
        add_list(&mut requests, &reqs);
        if pr
            .get("limits")
            .and_then(Node::as_map)
            .is_some_and(|l| !l.is_empty())
        {
            let lim = positive_compute(pr.get("limits"));
            let has = |n: &str| lim.iter().any(|(k, _)| k == n);
            if !(has("cpu") && has("memory")) {
                guaranteed = false;
            }
            add_list(&mut limits, &lim);
        }
    } else if let Some(spec) = spec {
        for list in ["containers", "initContainers"] {
            for c in spec.seq(list) {
                account(c.get("resources"), &mut guaranteed);
            }
        }
    }
    if requests.is_empty() && limits.is_empty() {
        return QosClass::BestEffort;
    }
    if guaranteed {
        for (name, req) in &requests {
            match limits.iter().find(|(k, _)| k == name) {
                Some((_, lim)) if lim.cmp_value(req) == std::cmp::Ordering::Equal => {}
                _ => {
                    guaranteed = false;
                    break;
                }
            }
        }
    }
    if guaranteed && requests.len() == limits.len() {
        QosClass::Guaranteed
    } else {
        QosClass::Burstable
    }
}

/// The cpu and memory entries of a resource list with a value > 0.
fn positive_compute(list: Option<&Node>) -> Vec<(String, Quantity)> {
    let Some(entries) = list.and_then(Node::as_map) else {
        return Vec::new();
    };
    entries
        .iter()
        .filter(|e| e.key == "cpu" || e.key == "memory")
        .filter_map(|e| Some((e.key.clone(), quantity::parse_node(&e.value)?.ok()?)))
        .filter(|(_, q)| q.sign() > 0)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Service

fn set_defaults_service(spec: &mut Node, name: &str) {
    default_str(spec, "sessionAffinity", "None");
    let near = spec.span;
    match spec.str("sessionAffinity") {
        Some("None") => {
            // "if None, SessionAffinityConfig = nil": a config the user wrote is dropped.
            if let Some(m) = spec.as_map_mut() {
                m.retain(|e| e.key != "sessionAffinityConfig");
            }
        }
        Some("ClientIP") => {
            let has_timeout = spec
                .path("sessionAffinityConfig.clientIP.timeoutSeconds")
                .is_some();
            if !has_timeout {
                let cfg = dmap(
                    vec![(
                        "clientIP",
                        dmap(vec![("timeoutSeconds", d(Value::Int(10800), near))], near),
                    )],
                    near,
                );
                put(spec, "sessionAffinityConfig", cfg);
            }
        }
        _ => {}
    }
    default_str(spec, "type", "ClusterIP");
    if let Some(ports) = spec.get_mut("ports").and_then(Node::as_seq_mut) {
        for p in ports.iter_mut().filter(|p| p.as_map().is_some()) {
            default_str(p, "protocol", "TCP");
            let port = p.get("port").and_then(Node::as_i64);
            let unset = match p.get("targetPort").map(|t| &t.value) {
                None => true,
                Some(Value::Int(0)) => true,
                Some(Value::Str(s)) => s.is_empty(),
                _ => false,
            };
            if let (true, Some(port)) = (unset, port) {
                let near = p.span;
                put(p, "targetPort", d(Value::Int(port), near));
            }
        }
    }
    let ty = spec.str("type").unwrap_or("").to_string();
    let externally = ty == "LoadBalancer"
        || ty == "NodePort"
        || (ty == "ClusterIP" && !spec.seq("externalIPs").is_empty());
    if externally {
        default_str(spec, "externalTrafficPolicy", "Cluster");
    }
    if matches!(ty.as_str(), "NodePort" | "LoadBalancer" | "ClusterIP") {
        default_ptr(spec, "internalTrafficPolicy", Value::str("Cluster"));
    }
    if ty == "LoadBalancer" {
        default_ptr(spec, "allocateLoadBalancerNodePorts", Value::Bool(true));
    }
    allocate_service(spec, &ty, name);
}

/// What the Service REST storage allocates on create, for a single-stack IPv4 cluster with the
/// default `10.96.0.0/12` service range and `30000-32767` node ports. The real allocator picks
/// free values at random; the playground derives them from the Service's name.
fn allocate_service(spec: &mut Node, ty: &str, name: &str) {
    if ty == "ExternalName" {
        return;
    }
    let near = spec.span;
    let headless = spec.str("clusterIP") == Some("None");
    if !headless && spec.str("clusterIP").unwrap_or("").is_empty() {
        let ip = derived::service_cluster_ip(name);
        put(spec, "clusterIP", dstr(&ip, near));
    }
    if is_absent(spec.get("clusterIPs")) {
        if let Some(ip) = spec.str("clusterIP").map(str::to_string) {
            put(spec, "clusterIPs", dseq(vec![dstr(&ip, near)], near));
        }
    }
    if is_absent(spec.get("ipFamilies")) {
        put(spec, "ipFamilies", dseq(vec![dstr("IPv4", near)], near));
    }
    // Headless Services without a selector default to RequireDualStack; others to SingleStack.
    let policy = if headless
        && spec
            .get("selector")
            .and_then(Node::as_map)
            .is_none_or(<[Entry]>::is_empty)
    {
        "RequireDualStack"
    } else {
        "SingleStack"
    };
    default_ptr(spec, "ipFamilyPolicy", Value::str(policy));
    let wants_node_ports = ty == "NodePort"
        || (ty == "LoadBalancer"
            && spec
                .get("allocateLoadBalancerNodePorts")
                .and_then(Node::as_bool)
                != Some(false));
    if wants_node_ports {
        let mut used: Vec<i64> = spec
            .seq("ports")
            .iter()
            .filter_map(|p| p.get("nodePort")?.as_i64())
            .collect();
        let base = derived::fnv(name.as_bytes());
        if let Some(ports) = spec.get_mut("ports").and_then(Node::as_seq_mut) {
            for (i, p) in ports
                .iter_mut()
                .enumerate()
                .filter(|(_, p)| p.as_map().is_some())
            {
                if p.get("nodePort").and_then(Node::as_i64).unwrap_or(0) != 0 {
                    continue;
                }
                let mut np = 30000 + ((base.wrapping_add(i as u64 * 7919)) % 2768) as i64;
                let mut tries = 0;
                while used.contains(&np) && tries < 2768 {
                    np = if np >= 32767 { 30000 } else { np + 1 };
                    tries += 1;
                }
                used.push(np);
                let near = p.span;
                put(p, "nodePort", d(Value::Int(np), near));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Tree helpers

fn d(value: Value, near: Span) -> Node {
    Node::defaulted(value, near)
}

fn dstr(s: &str, near: Span) -> Node {
    d(Value::str(s), near)
}

fn dseq(items: Vec<Node>, near: Span) -> Node {
    d(Value::Seq(items), near)
}

fn dmap(entries: Vec<(&str, Node)>, near: Span) -> Node {
    d(
        Value::Map(
            entries
                .into_iter()
                .map(|(k, v)| Entry {
                    key: k.to_string(),
                    key_span: near,
                    value: v,
                })
                .collect(),
        ),
        near,
    )
}

/// A copy of `n` with every node marked defaulted and pointing at `near`.
fn mark_all(mut n: Node, near: Span) -> Node {
    fn walk(n: &mut Node, near: Span, depth: usize) {
        n.defaulted = true;
        n.span = near;
        if depth > 64 {
            return;
        }
        match &mut n.value {
            Value::Seq(items) => items.iter_mut().for_each(|i| walk(i, near, depth + 1)),
            Value::Map(entries) => entries.iter_mut().for_each(|e| {
                e.key_span = near;
                walk(&mut e.value, near, depth + 1)
            }),
            _ => {}
        }
    }
    walk(&mut n, near, 0);
    n
}

fn is_absent(n: Option<&Node>) -> bool {
    n.is_none()
}

/// Sets `key` to `value`: replaces the value of an existing entry (keeping the user's key and
/// its span) or appends a new entry whose key points at the parent object.
fn put(parent: &mut Node, key: &str, value: Node) {
    let near = parent.span;
    if let Some(entries) = parent.as_map_mut() {
        if let Some(e) = entries.iter_mut().find(|e| e.key == key) {
            e.value = value;
        } else {
            entries.push(Entry {
                key: key.to_string(),
                key_span: near,
                value,
            });
        }
    }
}

/// Appends `item` to the list `key` (creating the list when absent or null).
fn push_item(parent: &mut Node, key: &str, item: Node) {
    let near = parent.span;
    if parent.get(key).is_none() {
        put(parent, key, dseq(vec![], near));
    }
    if let Some(list) = parent.get_mut(key).and_then(Node::as_seq_mut) {
        list.push(item);
    }
}

/// Go's `if obj.X == "" { obj.X = v }` for a string field: absent, null or "" is replaced.
fn default_str(obj: &mut Node, key: &str, v: &str) {
    let zero = match obj.entry(key).map(|e| &e.value.value) {
        None | Some(Value::Null) => true,
        Some(Value::Str(s)) => s.is_empty(),
        _ => false,
    };
    if zero {
        let near = obj.span;
        put(obj, key, dstr(v, near));
    }
}

/// Go's `if obj.X == 0 { obj.X = v }` for an integer field.
fn default_int(obj: &mut Node, key: &str, v: i64) {
    let zero = match obj.entry(key).map(|e| &e.value.value) {
        None | Some(Value::Null) => true,
        Some(Value::Int(0)) => true,
        Some(Value::Float(f)) => *f == 0.0,
        _ => false,
    };
    if zero {
        let near = obj.span;
        put(obj, key, d(Value::Int(v), near));
    }
}

/// Go's `if obj.X == nil { obj.X = &v }` for a pointer field: only absent or null is replaced.
fn default_ptr(obj: &mut Node, key: &str, v: Value) {
    if obj.get(key).is_none() {
        let near = obj.span;
        put(obj, key, d(v, near));
    }
}

fn default_bool(obj: &mut Node, key: &str, v: bool) {
    default_ptr(obj, key, Value::Bool(v));
}

/// The name the API server makes from `generateName` (`names.SimpleNameGenerator`): the prefix
/// cut to 58 bytes, then 5 random characters — here derived from the prefix, so that the same
/// manifest always gets the same name.
pub fn generated_name(generate_name: &str) -> String {
    let mut base = generate_name.to_string();
    let mut cut = base.len().min(58);
    while !base.is_char_boundary(cut) {
        cut -= 1;
    }
    base.truncate(cut);
    format!("{base}{}", derived::rand_string5(generate_name))
}

fn namespace_default(obj: &mut Node) {
    let near = obj.span;
    if obj.get("metadata").is_none() {
        put(obj, "metadata", d(Value::Map(vec![]), near));
    }
    if let Some(meta) = obj.get_mut("metadata").filter(|m| m.as_map().is_some()) {
        // BeforeCreate: a `generateName` without a `name` gets a name: the prefix (cut to 58
        // bytes) and 5 random characters. The playground derives them from the prefix.
        let generate = meta.str("generateName").unwrap_or("").to_string();
        if !generate.is_empty() && meta.str("name").unwrap_or("").is_empty() {
            default_str(meta, "name", &generated_name(&generate));
        }
        // kubectl sends the object to the current namespace, `default` in a new cluster.
        default_str(meta, "namespace", "default");
    }
}

fn pod_name(pod: &Node) -> String {
    let meta = pod.get("metadata");
    meta.and_then(|m| m.str("name"))
        .filter(|s| !s.is_empty())
        .or_else(|| meta.and_then(|m| m.str("generateName")))
        .unwrap_or("")
        .to_string()
}

// ---------------------------------------------------------------------------------------------
// kubectl-style YAML

/// Renders a tree as `kubectl get -o yaml` prints an object (JSON → YAML through go-yaml v2):
/// keys sorted the way go-yaml sorts map keys, 2-space indentation, list items at their
/// parent key's indentation, strings quoted only where YAML would read them as something else,
/// multi-line strings as literal blocks.
///
/// Simplification: go-yaml also folds long plain strings at 80 columns; this renderer keeps
/// every scalar on one line.
pub fn to_yaml(node: &Node) -> String {
    render(node, false)
}

/// [`to_yaml`] with a `# defaulted` comment on the line of every node defaulting added (once per
/// added subtree), for tests and for explaining where each line came from.
pub fn to_yaml_annotated(node: &Node) -> String {
    render(node, true)
}

fn render(node: &Node, mark: bool) -> String {
    let mut r = Renderer {
        out: String::new(),
        mark,
    };
    match &node.value {
        Value::Map(entries) if !entries.is_empty() => r.map_body(entries, 0, false, 0),
        Value::Seq(items) if !items.is_empty() => r.seq_body(items, 0, false, 0),
        _ => {
            let s = r.scalar_inline(node, 0);
            r.out.push_str(&s);
            if mark && node.defaulted {
                r.out.push_str("  # defaulted");
            }
            r.out.push('\n');
        }
    }
    r.out
}

const MAX_RENDER_DEPTH: usize = 100;

struct Renderer {
    out: String,
    mark: bool,
}

impl Renderer {
    fn comment(&mut self, n: &Node, inside_defaulted: bool) {
        if self.mark && n.defaulted && !inside_defaulted {
            self.out.push_str("  # defaulted");
        }
    }

    /// Writes the entries of a non-empty map, the first one continuing the current line when
    /// `first_inline` (after `- `).
    fn map_body(&mut self, entries: &[Entry], indent: usize, first_inline: bool, depth: usize) {
        self.map_body_in(entries, indent, first_inline, depth, false)
    }

    fn map_body_in(
        &mut self,
        entries: &[Entry],
        indent: usize,
        first_inline: bool,
        depth: usize,
        in_def: bool,
    ) {
        let mut sorted: Vec<&Entry> = entries.iter().collect();
        sorted.sort_by(|a, b| go_yaml_key_cmp(&a.key, &b.key));
        for (i, e) in sorted.into_iter().enumerate() {
            if !(i == 0 && first_inline) {
                self.out.push_str(&" ".repeat(indent));
            }
            self.out.push_str(&yaml_string(&e.key, 0, true));
            self.out.push(':');
            self.value_after_key(&e.value, indent, depth + 1, in_def);
        }
    }

    fn value_after_key(&mut self, v: &Node, indent: usize, depth: usize, in_def: bool) {
        let child_def = in_def || v.defaulted;
        if depth > MAX_RENDER_DEPTH {
            self.out.push_str(" …\n");
            return;
        }
        match &v.value {
            Value::Map(entries) if !entries.is_empty() => {
                self.comment(v, in_def);
                self.out.push('\n');
                self.map_body_in(entries, indent + 2, false, depth, child_def);
            }
            Value::Seq(items) if !items.is_empty() => {
                self.comment(v, in_def);
                self.out.push('\n');
                // go-yaml v2 writes a sequence inside a mapping at the key's indentation.
                self.seq_body_in(items, indent, depth, child_def);
            }
            _ => {
                self.out.push(' ');
                let s = self.scalar_inline(v, indent + 2);
                self.out.push_str(&s);
                self.comment_scalar(v, in_def, &s);
            }
        }
    }

    fn comment_scalar(&mut self, v: &Node, in_def: bool, rendered: &str) {
        if self.mark && v.defaulted && !in_def {
            // A block scalar's header line is where the comment can go.
            if let Some(pos) = rendered.find('\n') {
                let insert_at = self.out.len() - rendered.len() + pos;
                self.out.insert_str(insert_at, "  # defaulted");
                self.out.push('\n');
                return;
            }
            self.out.push_str("  # defaulted");
        }
        if !self.out.ends_with('\n') {
            self.out.push('\n');
        }
    }

    fn seq_body(&mut self, items: &[Node], indent: usize, _inline: bool, depth: usize) {
        self.seq_body_in(items, indent, depth, false)
    }

    fn seq_body_in(&mut self, items: &[Node], indent: usize, depth: usize, in_def: bool) {
        for item in items {
            self.out.push_str(&" ".repeat(indent));
            self.out.push_str("- ");
            let child_def = in_def || item.defaulted;
            if depth > MAX_RENDER_DEPTH {
                self.out.push_str("…\n");
                continue;
            }
            match &item.value {
                Value::Map(entries) if !entries.is_empty() => {
                    // The marker goes on the item's first line: render it, then annotate.
                    let start = self.out.len();
                    self.map_body_in(entries, indent + 2, true, depth + 1, child_def);
                    if self.mark && item.defaulted && !in_def {
                        if let Some(nl) = self.out[start..].find('\n') {
                            self.out.insert_str(start + nl, "  # defaulted");
                        }
                    }
                }
                Value::Seq(items) if !items.is_empty() => {
                    // `- - a`: go-yaml puts a nested sequence's first item on the same line.
                    let start = self.out.len();
                    let mut inner = Renderer {
                        out: String::new(),
                        mark: self.mark,
                    };
                    inner.seq_body_in(items, indent + 2, depth + 1, child_def);
                    let text = inner.out;
                    let trimmed = text.get(indent + 2..).unwrap_or("");
                    self.out.push_str(trimmed);
                    if self.mark && item.defaulted && !in_def {
                        if let Some(nl) = self.out[start..].find('\n') {
                            self.out.insert_str(start + nl, "  # defaulted");
                        }
                    }
                }
                _ => {
                    let s = self.scalar_inline(item, indent + 2);
                    self.out.push_str(&s);
                    self.comment_scalar(item, in_def, &s);
                }
            }
        }
    }

    /// A scalar (or an empty map/list) as it follows `key: ` or `- `; a block scalar spans
    /// several lines, its content indented at `indent`.
    fn scalar_inline(&self, n: &Node, indent: usize) -> String {
        match &n.value {
            Value::Null => "null".to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => yaml_float(*f),
            Value::Str(s) => yaml_string(s, indent, false),
            Value::Seq(_) => "[]".to_string(),
            Value::Map(_) => "{}".to_string(),
        }
    }
}

/// go-yaml v2's float formatting: `strconv.FormatFloat(f, 'g', -1, 64)`, with `.inf`/`.nan`.
fn yaml_float(f: f64) -> String {
    if f.is_nan() {
        return ".nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 {
            ".inf".into()
        } else {
            "-.inf".into()
        };
    }
    crate::gofmt::format_float_g(f, false)
}

/// A string scalar as go-yaml v2 emits it: plain when YAML would read it back as the same
/// string, a literal block (`|`, `|-`, `|+`) for multi-line text, single quotes when plain is
/// not allowed, double quotes when the string would resolve to another type or has characters
/// single quotes cannot carry.
fn yaml_string(s: &str, indent: usize, is_key: bool) -> String {
    let a = analyze_scalar(s);
    let resolves_to_string = !resolves_non_string(s) && !is_base60_float(s);
    let multiline = s.contains('\n');
    if multiline && !is_key && a.block_allowed {
        return literal_block(s, indent);
    }
    if resolves_to_string && !multiline && a.block_plain_allowed && !s.is_empty() {
        return s.to_string();
    }
    if resolves_to_string && a.single_quoted_allowed && !multiline {
        return format!("'{}'", s.replace('\'', "''"));
    }
    double_quoted(s)
}

fn literal_block(s: &str, indent: usize) -> String {
    let trailing = s.len() - s.trim_end_matches('\n').len();
    let chomp = match trailing {
        0 => "-",
        1 => "",
        _ => "+",
    };
    let indicator = if s.starts_with(' ') || s.starts_with('\n') {
        "2"
    } else {
        ""
    };
    let mut out = format!("|{indicator}{chomp}");
    let body = if trailing > 0 { &s[..s.len() - 1] } else { s };
    for line in body.split('\n') {
        out.push('\n');
        if !line.is_empty() {
            out.push_str(&" ".repeat(indent));
            out.push_str(line);
        }
    }
    out
}

fn double_quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\0' => out.push_str("\\0"),
            '\x07' => out.push_str("\\a"),
            '\x08' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\x0b' => out.push_str("\\v"),
            '\x0c' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '\x1b' => out.push_str("\\e"),
            '\u{85}' => out.push_str("\\N"),
            '\u{a0}' => out.push_str("\\_"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if !is_printable(c) => {
                let v = c as u32;
                if v <= 0xff {
                    out.push_str(&format!("\\x{v:02X}"));
                } else if v <= 0xffff {
                    out.push_str(&format!("\\u{v:04X}"));
                } else {
                    out.push_str(&format!("\\U{v:08X}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn is_printable(c: char) -> bool {
    let v = c as u32;
    v == 0x0a
        || (0x20..=0x7e).contains(&v)
        || v == 0x85
        || (0xa0..=0xd7ff).contains(&v)
        || ((0xe000..=0xfffd).contains(&v) && v != 0xfeff)
        || (0x10000..=0x10ffff).contains(&v)
}

struct ScalarAnalysis {
    block_plain_allowed: bool,
    single_quoted_allowed: bool,
    block_allowed: bool,
}

/// `yaml_emitter_analyze_scalar` (block context, unicode output on).
fn analyze_scalar(s: &str) -> ScalarAnalysis {
    if s.is_empty() {
        return ScalarAnalysis {
            block_plain_allowed: true,
            single_quoted_allowed: true,
            block_allowed: false,
        };
    }
    let chars: Vec<char> = s.chars().collect();
    let blankz = |i: usize| {
        chars.get(i).is_none_or(|c| {
            matches!(
                c,
                ' ' | '\t' | '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}'
            )
        })
    };
    let is_break = |c: char| matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}');
    let mut block_indicators = s.starts_with("---") || s.starts_with("...");
    let (mut special, mut line_breaks) = (false, false);
    let (mut leading_space, mut leading_break, mut trailing_space, mut trailing_break) =
        (false, false, false, false);
    let (mut break_space, mut space_break, mut prev_space, mut prev_break) =
        (false, false, false, false);
    let mut preceded_by_ws = true;
    let n = chars.len();
    for (i, &c) in chars.iter().enumerate() {
        let followed_by_ws = blankz(i + 1);
        if i == 0 {
            match c {
                '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\'' | '"'
                | '%' | '@' | '`' => block_indicators = true,
                '?' | ':' if followed_by_ws => block_indicators = true,
                '-' if followed_by_ws => block_indicators = true,
                _ => {}
            }
        } else {
            match c {
                ':' if followed_by_ws => block_indicators = true,
                '#' if preceded_by_ws => block_indicators = true,
                _ => {}
            }
        }
        if !is_printable(c) {
            special = true;
        }
        if is_break(c) {
            line_breaks = true;
        }
        if c == ' ' {
            if i == 0 {
                leading_space = true;
            }
            if i + 1 == n {
                trailing_space = true;
            }
            if prev_break {
                break_space = true;
            }
            prev_space = true;
            prev_break = false;
        } else if is_break(c) {
            if i == 0 {
                leading_break = true;
            }
            if i + 1 == n {
                trailing_break = true;
            }
            if prev_space {
                space_break = true;
            }
            prev_break = true;
            prev_space = false;
        } else {
            prev_space = false;
            prev_break = false;
        }
        preceded_by_ws = blankz(i);
    }
    let mut a = ScalarAnalysis {
        block_plain_allowed: true,
        single_quoted_allowed: true,
        block_allowed: true,
    };
    if leading_space || leading_break || trailing_space || trailing_break {
        a.block_plain_allowed = false;
    }
    if trailing_space {
        a.block_allowed = false;
    }
    if break_space {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
    }
    if space_break || special {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
        a.block_allowed = false;
    }
    if line_breaks || block_indicators {
        a.block_plain_allowed = false;
    }
    a
}

/// go-yaml v2's `resolve("", s)` gives a tag other than `!!str` (null, bool, int, float,
/// timestamp, merge key).
fn resolves_non_string(s: &str) -> bool {
    const SPECIAL: &[&str] = &[
        "", "~", "null", "Null", "NULL", "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
        "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
        ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf",
        "-.Inf", "-.INF", "<<",
    ];
    if SPECIAL.contains(&s) {
        return true;
    }
    let Some(first) = s.chars().next() else {
        return true;
    };
    match first {
        '.' => {
            s.parse::<f64>().is_ok()
                && s.bytes()
                    .skip(1)
                    .all(|b| b.is_ascii_digit() || b"eE+-".contains(&b))
        }
        '+' | '-' | '0'..='9' => {
            let plain: String = s.chars().filter(|&c| c != '_').collect();
            is_timestamp(s)
                || go_parse_int(&plain)
                || yaml_style_float(&plain)
                || binary_int(&plain)
        }
        _ => false,
    }
}

/// `strconv.ParseInt(s, 0, 64)` / `ParseUint` success (syntax only; overflowing decimals still
/// match the float pattern, so the answer is the same).
fn go_parse_int(s: &str) -> bool {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (digits, radix) =
        if let Some(h) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
            (h, 16)
        } else if let Some(o) = body.strip_prefix("0o").or_else(|| body.strip_prefix("0O")) {
            (o, 8)
        } else if let Some(b) = body.strip_prefix("0b").or_else(|| body.strip_prefix("0B")) {
            (b, 2)
        } else if body.len() > 1 && body.starts_with('0') {
            (&body[1..], 8)
        } else {
            (body, 10)
        };
    !digits.is_empty() && digits.chars().all(|c| c.is_digit(radix))
}

fn binary_int(s: &str) -> bool {
    let b = s.strip_prefix("-0b").or_else(|| s.strip_prefix("0b"));
    b.is_some_and(|d| !d.is_empty() && d.bytes().all(|c| c == b'0' || c == b'1'))
}

/// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`
fn yaml_style_float(s: &str) -> bool {
    let b = s.strip_prefix(['+', '-']).unwrap_or(s).as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize| {
        let st = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - st
    };
    if b.first() == Some(&b'.') {
        i = 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            digits(&mut i);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$` (YAML 1.1 sexagesimal numbers).
fn is_base60_float(s: &str) -> bool {
    let b = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (main, frac) = match b.split_once('.') {
        Some((m, f)) => (m, Some(f)),
        None => (b, None),
    };
    if let Some(f) = frac {
        if !f.bytes().all(|c| c.is_ascii_digit() || c == b'_') {
            return false;
        }
    }
    let mut parts = main.split(':');
    let Some(head) = parts.next() else {
        return false;
    };
    let hb = head.as_bytes();
    if hb.is_empty()
        || !hb[0].is_ascii_digit()
        || !hb.iter().all(|c| c.is_ascii_digit() || *c == b'_')
    {
        return false;
    }
    let mut count = 0;
    for p in parts {
        count += 1;
        let pb = p.as_bytes();
        let ok = match pb.len() {
            1 => pb[0].is_ascii_digit(),
            2 => (b'0'..=b'5').contains(&pb[0]) && pb[1].is_ascii_digit(),
            _ => false,
        };
        if !ok {
            return false;
        }
    }
    count > 0
}

/// go-yaml v2's timestamp formats: `2006-1-2`, optionally followed by `T`/`t`/space and a time.
fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 8 || !b[..4].iter().all(u8::is_ascii_digit) || b[4] != b'-' {
        return false;
    }
    let mut i = 5;
    let num = |i: &mut usize, max: usize| {
        let st = *i;
        while *i < b.len() && b[*i].is_ascii_digit() && *i - st < max {
            *i += 1;
        }
        *i - st
    };
    if num(&mut i, 2) == 0 || b.get(i) != Some(&b'-') {
        return false;
    }
    i += 1;
    if num(&mut i, 2) == 0 {
        return false;
    }
    if i == b.len() {
        return true;
    }
    if !matches!(b[i], b'T' | b't' | b' ') {
        return false;
    }
    i += 1;
    // 15:4:5
    for k in 0..3 {
        if num(&mut i, 2) == 0 {
            return false;
        }
        if k < 2 {
            if b.get(i) != Some(&b':') {
                return false;
            }
            i += 1;
        }
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        num(&mut i, 9);
    }
    let rest = &s[i..];
    rest.is_empty()
        || rest == "Z"
        || (rest.len() == 6
            && matches!(rest.as_bytes()[0], b'+' | b'-')
            && rest.as_bytes()[3] == b':'
            && rest
                .bytes()
                .enumerate()
                .all(|(j, c)| j == 0 || j == 3 || c.is_ascii_digit()))
}

/// go-yaml v2's `keyList.Less` for string keys: runs of digits compare as numbers, a letter
/// sorts after a non-letter, letters compare by code point.
pub fn go_yaml_key_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    if go_yaml_key_less(a, b) {
        Ordering::Less
    } else if go_yaml_key_less(b, a) {
        Ordering::Greater
    } else {
        Ordering::Equal
    }
}

fn go_yaml_key_less(a: &str, b: &str) -> bool {
    let ar: Vec<char> = a.chars().collect();
    let br: Vec<char> = b.chars().collect();
    let mut i = 0;
    while i < ar.len() && i < br.len() {
        let (x, y) = (ar[i], br[i]);
        if x == y {
            i += 1;
            continue;
        }
        let (al, bl) = (x.is_alphabetic(), y.is_alphabetic());
        if al && bl {
            return x < y;
        }
        if al || bl {
            return bl;
        }
        let (mut an, mut bn): (i64, i64) = (0, 0);
        if x == '0' || y == '0' {
            let mut j = i;
            while j > 0 && ar[j - 1].is_ascii_digit() {
                j -= 1;
                if ar[j] != '0' {
                    an = 1;
                    bn = 1;
                    break;
                }
            }
        }
        let mut ai = i;
        while ai < ar.len() && ar[ai].is_ascii_digit() {
            an = an
                .saturating_mul(10)
                .saturating_add(ar[ai] as i64 - '0' as i64);
            ai += 1;
        }
        let mut bi = i;
        while bi < br.len() && br[bi].is_ascii_digit() {
            bn = bn
                .saturating_mul(10)
                .saturating_add(br[bi] as i64 - '0' as i64);
            bi += 1;
        }
        if an != bn {
            return an < bn;
        }
        if ai != bi {
            return ai < bi;
        }
        return x < y;
    }
    ar.len() < br.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn pull_policy_follows_the_tag() {
        assert_eq!(image_pull_policy("nginx"), "Always");
        assert_eq!(image_pull_policy("nginx:latest"), "Always");
        assert_eq!(image_pull_policy("nginx:1.25"), "IfNotPresent");
        assert_eq!(
            image_pull_policy("k8s.gcr.io/git-sync:v3.1.6"),
            "IfNotPresent"
        );
        assert_eq!(image_pull_policy("localhost:5000/app"), "Always");
        let digest =
            "nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        assert_eq!(image_pull_policy(digest), "IfNotPresent");
        // A reference that does not parse gets IfNotPresent (the tag is empty).
        assert_eq!(image_pull_policy("Nginx"), "IfNotPresent");
        assert_eq!(image_pull_policy(""), "IfNotPresent");
    }

    #[test]
    fn strings_are_quoted_like_go_yaml() {
        assert_eq!(yaml_string("nginx", 0, false), "nginx");
        assert_eq!(yaml_string("", 0, false), "\"\"");
        assert_eq!(yaml_string("1", 0, false), "\"1\"");
        assert_eq!(yaml_string("86400", 0, false), "\"86400\"");
        assert_eq!(yaml_string("true", 0, false), "\"true\"");
        assert_eq!(yaml_string("yes", 0, false), "\"yes\"");
        assert_eq!(yaml_string("-c", 0, false), "-c");
        assert_eq!(yaml_string("echo a: b", 0, false), "'echo a: b'");
        assert_eq!(yaml_string("1:20", 0, false), "\"1:20\"");
        assert_eq!(yaml_string("0.5", 0, false), "\"0.5\"");
        assert_eq!(yaml_string("500m", 0, false), "500m");
        assert_eq!(yaml_string("a\tb", 0, false), "\"a\\tb\"");
        assert_eq!(yaml_string("a\nb", 2, false), "|-\n  a\n  b");
        assert_eq!(yaml_string("2001-12-14", 0, false), "\"2001-12-14\"");
    }

    #[test]
    fn keys_sort_like_go_yaml() {
        let mut keys = vec!["b", "a10", "a2", "A", "a-b", "ab"];
        keys.sort_by(|a, b| go_yaml_key_cmp(a, b));
        // `-` and `2` are both non-letters: the digit run 2 beats the empty run of `-`.
        assert_eq!(keys, vec!["A", "a-b", "a2", "a10", "ab", "b"]);
    }

    #[test]
    fn floats_print_like_go_yaml() {
        // go-yaml's floatv: strconv.FormatFloat(f, 'g', -1, 64).
        assert_eq!(yaml_float(0.5), "0.5");
        assert_eq!(yaml_float(1e6), "1e+06");
        assert_eq!(yaml_float(1e-5), "1e-05");
        assert_eq!(yaml_float(100000.0), "100000");
        assert_eq!(yaml_float(f64::NEG_INFINITY), "-.inf");
    }
    /// A tiny JSON reader for building trees in tests (objects, arrays, strings, integers,
    /// booleans, null); spans are byte offsets into `src`.
    fn j(src: &str) -> Node {
        fn ws(b: &[u8], i: &mut usize) {
            while *i < b.len() && (b[*i] as char).is_whitespace() {
                *i += 1;
            }
        }
        fn string(b: &[u8], i: &mut usize) -> String {
            *i += 1;
            let st = *i;
            while b[*i] != b'"' {
                *i += 1;
            }
            *i += 1;
            String::from_utf8(b[st..*i - 1].to_vec()).unwrap()
        }
        fn val(b: &[u8], i: &mut usize) -> Node {
            ws(b, i);
            let st = *i as u32;
            let v = match b[*i] {
                b'{' => {
                    *i += 1;
                    let mut es = Vec::new();
                    loop {
                        ws(b, i);
                        if b[*i] == b'}' {
                            *i += 1;
                            break;
                        }
                        let ks = *i as u32;
                        let key = string(b, i);
                        let key_span = Span::new(ks, *i as u32);
                        ws(b, i);
                        *i += 1; // ':'
                        let value = val(b, i);
                        es.push(Entry {
                            key,
                            key_span,
                            value,
                        });
                        ws(b, i);
                        if b[*i] == b',' {
                            *i += 1;
                        }
                    }
                    Value::Map(es)
                }
                b'[' => {
                    *i += 1;
                    let mut items = Vec::new();
                    loop {
                        ws(b, i);
                        if b[*i] == b']' {
                            *i += 1;
                            break;
                        }
                        items.push(val(b, i));
                        ws(b, i);
                        if b[*i] == b',' {
                            *i += 1;
                        }
                    }
                    Value::Seq(items)
                }
                b'"' => Value::Str(string(b, i)),
                b't' => {
                    *i += 4;
                    Value::Bool(true)
                }
                b'f' => {
                    *i += 5;
                    Value::Bool(false)
                }
                b'n' => {
                    *i += 4;
                    Value::Null
                }
                _ => {
                    let s = *i;
                    while *i < b.len() && (b[*i] == b'-' || b[*i].is_ascii_digit()) {
                        *i += 1;
                    }
                    Value::Int(std::str::from_utf8(&b[s..*i]).unwrap().parse().unwrap())
                }
            };
            Node::new(v, Span::new(st, *i as u32))
        }
        let mut i = 0;
        val(src.as_bytes(), &mut i)
    }

    #[test]
    fn a_minimal_pod_gets_what_kubectl_get_shows() {
        let pod = j(
            r#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web"},
            "spec":{"containers":[{"name":"nginx","image":"nginx","ports":[{"containerPort":80}],
            "livenessProbe":{"httpGet":{"port":80}},
            "resources":{"limits":{"cpu":"500m","memory":"128Mi"}}}]}}"#,
        );
        let out = default_pod(&pod);
        let c = &out.path("spec").unwrap().seq("containers")[0];
        assert_eq!(c.str("imagePullPolicy"), Some("Always"));
        assert!(c.get("imagePullPolicy").unwrap().defaulted);
        assert_eq!(
            c.str("terminationMessagePath"),
            Some("/dev/termination-log")
        );
        assert_eq!(c.seq("ports")[0].str("protocol"), Some("TCP"));
        let probe = c.get("livenessProbe").unwrap();
        assert_eq!(probe.get("timeoutSeconds").and_then(Node::as_i64), Some(1));
        assert_eq!(
            probe.get("failureThreshold").and_then(Node::as_i64),
            Some(3)
        );
        assert_eq!(
            probe.path("httpGet.scheme").and_then(Node::as_str),
            Some("HTTP")
        );
        assert_eq!(probe.path("httpGet.path").and_then(Node::as_str), Some("/"));
        // limits were copied into requests, so the pod is Guaranteed.
        assert_eq!(
            c.path("resources.requests.cpu").and_then(Node::as_str),
            Some("500m")
        );
        assert_eq!(
            out.path("status.qosClass").and_then(Node::as_str),
            Some("Guaranteed")
        );
        assert_eq!(
            out.path("status.phase").and_then(Node::as_str),
            Some("Pending")
        );
        let spec = out.get("spec").unwrap();
        for (k, v) in [
            ("restartPolicy", "Always"),
            ("dnsPolicy", "ClusterFirst"),
            ("schedulerName", "default-scheduler"),
            ("serviceAccountName", "default"),
            ("serviceAccount", "default"),
            ("preemptionPolicy", "PreemptLowerPriority"),
        ] {
            assert_eq!(spec.str(k), Some(v), "{k}");
        }
        assert_eq!(
            spec.get("terminationGracePeriodSeconds")
                .and_then(Node::as_i64),
            Some(30)
        );
        assert_eq!(spec.get("priority").and_then(Node::as_i64), Some(0));
        assert_eq!(spec.seq("tolerations").len(), 2);
        let vol = &spec.seq("volumes")[0];
        let name = vol.str("name").unwrap();
        assert!(
            name.starts_with("kube-api-access-") && name.len() == 21,
            "{name}"
        );
        let mount = &c.seq("volumeMounts")[0];
        assert_eq!(mount.str("name"), Some(name));
        assert_eq!(mount.str("mountPath"), Some(SERVICE_ACCOUNT_MOUNT_PATH));
        // The user's nodes are untouched.
        assert!(!c.get("image").unwrap().defaulted);
        assert_eq!(
            out.path("metadata.namespace").and_then(Node::as_str),
            Some("default")
        );
    }

    #[test]
    fn zero_values_are_replaced_and_pointers_kept() {
        let pod = j(
            r#"{"kind":"Pod","spec":{"automountServiceAccountToken":false,"terminationGracePeriodSeconds":0,
            "tolerations":[{"operator":"Exists"}],
            "containers":[{"name":"a","image":"busybox:1.36","imagePullPolicy":"",
            "readinessProbe":{"exec":{"command":["true"]},"periodSeconds":0,"timeoutSeconds":5}}]}}"#,
        );
        let out = default_pod(&pod);
        let spec = out.get("spec").unwrap();
        // A pointer set to 0 stays 0; an int32 0 is replaced.
        assert_eq!(
            spec.get("terminationGracePeriodSeconds")
                .and_then(Node::as_i64),
            Some(0)
        );
        let c = &spec.seq("containers")[0];
        assert_eq!(c.str("imagePullPolicy"), Some("IfNotPresent"));
        let p = c.get("readinessProbe").unwrap();
        assert_eq!(p.get("periodSeconds").and_then(Node::as_i64), Some(10));
        assert!(p.get("periodSeconds").unwrap().defaulted);
        assert_eq!(p.get("timeoutSeconds").and_then(Node::as_i64), Some(5));
        // No token volume without automount; an empty-key Exists toleration tolerates both taints.
        assert!(spec.get("volumes").is_none());
        assert_eq!(spec.seq("tolerations").len(), 1);
        assert_eq!(
            out.path("status.qosClass").and_then(Node::as_str),
            Some("BestEffort")
        );
    }

    #[test]
    fn qos_burstable_when_requests_differ_from_limits() {
        let pod = j(
            r#"{"kind":"Pod","spec":{"containers":[{"name":"db","image":"mysql",
            "resources":{"requests":{"memory":"64Mi","cpu":"250m"},"limits":{"memory":"128Mi","cpu":"500m"}}}]}}"#,
        );
        assert_eq!(qos_class(&default_pod(&pod)), QosClass::Burstable);
    }

    #[test]
    fn services_get_their_defaults() {
        let svc = j(
            r#"{"apiVersion":"v1","kind":"Service","metadata":{"name":"svc-sidecar"},
            "spec":{"selector":{"app":"sidecar"},"ports":[{"port":80}],"type":"LoadBalancer"}}"#,
        );
        let out = default_object(&svc);
        let spec = out.get("spec").unwrap();
        assert_eq!(spec.str("sessionAffinity"), Some("None"));
        assert_eq!(spec.str("externalTrafficPolicy"), Some("Cluster"));
        assert_eq!(spec.str("internalTrafficPolicy"), Some("Cluster"));
        assert_eq!(
            spec.get("allocateLoadBalancerNodePorts")
                .and_then(Node::as_bool),
            Some(true)
        );
        let p = &spec.seq("ports")[0];
        assert_eq!(p.str("protocol"), Some("TCP"));
        assert_eq!(p.get("targetPort").and_then(Node::as_i64), Some(80));
        let np = p.get("nodePort").and_then(Node::as_i64).unwrap();
        assert!((30000..=32767).contains(&np));
        assert!(spec.str("clusterIP").unwrap().starts_with("10."));
        assert_eq!(spec.str("ipFamilyPolicy"), Some("SingleStack"));
    }

    #[test]
    fn yaml_rendering_sorts_keys_and_marks_defaults() {
        let pod = j(r#"{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"},
            "spec":{"containers":[{"name":"c","image":"busybox","args":["sleep","86400"]}]}}"#);
        let y = to_yaml_annotated(&default_pod(&pod));
        assert!(
            y.starts_with(
                "apiVersion: v1\nkind: Pod\nmetadata:\n  generation: 1  # defaulted\n  name: p\n"
            ),
            "{y}"
        );
        assert!(y.contains("  containers:\n  - args:\n    - sleep\n    - \"86400\"\n    image: busybox\n    imagePullPolicy: Always  # defaulted\n"), "{y}");
        assert!(
            y.contains("  tolerations:  # defaulted\n  - effect: NoExecute\n"),
            "{y}"
        );
        assert!(y.contains("    resources: {}  # defaulted\n"), "{y}");
        assert!(!to_yaml(&default_pod(&pod)).contains('#'));
    }
}
