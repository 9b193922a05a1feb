//! `ValidatePodCreate` → `validatePodMetadataAndSpec` → `ValidatePodSpec`, and every pod-level rule
//! of validation.go in its order. Containers are validated by `container` (called with a
//! [`PodContext`]), security contexts by `security`, affinity by `affinity`, volumes by `volumes`.
//!
//! Feature gates and options as a 1.37 API server has them by default for a new Pod
//! (`GetValidationOptionsFromPodSpecAndMeta` with no old pod): ResourceIsPod, relaxed DNS search
//! validation (GA), pod-level resources (beta, on since 1.34), PodDeletionCost (on), SELinuxMount
//! (GA in 1.37, on → `MountOption` and `Recursive` seLinuxChangePolicy), StrictIPCIDRValidation
//! (beta and on since 1.36 → no leading zeros, no IPv4-mapped IPv6 in pod IP fields),
//! `--allow-privileged=true` (as kubeadm, kind and minikube run the API server).
//!
//! What happens before validation and is mirrored here rather than reported:
//! - the ServiceAccount admission plugin sets `serviceAccountName: default`, so the
//!   "serviceAccountToken must not be specified when serviceAccountName is not set" rule never
//!   fires for an ordinary Pod and is not ported;
//! - a negative `terminationGracePeriodSeconds` is changed to 1 by the Pod strategy (no error).

use crate::diag::{BadValue, Diagnostic, FieldPath};
use crate::quantity::Quantity;
use crate::rules;
use crate::tree::{Node, Value};

use super::container::{self, PodContext};
use super::meta::{self, validate_label_name, validate_labels, POD};
use super::volumes::{self, quantity_of, req_span};
use super::{
    bool_of, check_name, go_string_slice, help, int_of, key_span, missing, names, str_of,
    string_map, strings_of, value_span, NameFormat,
};

const MIRROR_POD_ANNOTATION: &str = "kubernetes.io/config.mirror";
/// StrictIPCIDRValidation's 1.37 default (beta, on since 1.36: kubernetes.io
/// feature-gates/strict-ip-cidr-validation.md): `IsValidIPForLegacyField(…, strictValidation)`.
pub(crate) const STRICT_IP_CIDR_VALIDATION: bool = true;
const POD_DELETION_COST: &str = "controller.kubernetes.io/pod-deletion-cost";
const SECCOMP_POD_ANNOTATION: &str = "seccomp.security.alpha.kubernetes.io/pod";
const SECCOMP_CONTAINER_PREFIX: &str = "container.seccomp.security.alpha.kubernetes.io/";
const APPARMOR_CONTAINER_PREFIX: &str = "container.apparmor.security.beta.kubernetes.io/";

/// `ValidatePodCreate(pod, opts)`.
pub(crate) fn validate_pod_create(pod: &Node) -> Vec<Diagnostic> {
    let mut errs = Vec::new();
    let empty = Node::new(Value::Map(Vec::new()), pod.span);
    let spec = pod.get("spec").unwrap_or(&empty);
    let spec_path = FieldPath::root("spec");

    // validatePodMetadataAndSpec
    meta::validate_object_meta(pod, POD, &mut errs);
    validate_pod_specific_annotations(pod, spec, &mut errs);
    validate_pod_spec(pod, spec, &spec_path, &mut errs);
    container::validate_containers_only_for_pod(
        spec.seq("containers"),
        &spec_path.child("containers"),
        &mut errs,
    );
    container::validate_containers_only_for_pod(
        spec.seq("initContainers"),
        &spec_path.child("initContainers"),
        &mut errs,
    );

    // ValidatePodCreate's own checks.
    container::validate_ephemeral_containers_on_create(spec, &spec_path, &mut errs);
    if !str_of(spec, "nodeName").is_empty() && !spec.seq("schedulingGates").is_empty() {
        errs.push(help(
            Diagnostic::forbidden(spec_path.child("nodeName"), value_span(spec, "nodeName"), "cannot be set until all schedulingGates have been cleared"),
            rules::POD_NODE_NAME_SCHEDULING_GATES,
            "schedulingGates hold the Pod back from scheduling, but nodeName already assigns it to a node; the two contradict each other.",
            "schedulingGates 让 Pod 暂不调度，而 nodeName 已经把它分配到节点上；两者互相矛盾。",
            "Remove nodeName (let the scheduler place the Pod once the gates are removed), or remove schedulingGates.",
            "删掉 nodeName（等门控移除后由调度器安排），或者删掉 schedulingGates。",
        ));
    }
    seccomp_annotations_match(pod, spec, &spec_path, &mut errs);
    app_armor_annotations_match(pod, spec, &spec_path, &mut errs);
    errs
}

fn annotations(pod: &Node) -> Option<&Node> {
    pod.get("metadata").and_then(|m| m.get("annotations"))
}

/// `ValidatePodSpecificAnnotations`.
fn validate_pod_specific_annotations(pod: &Node, spec: &Node, errs: &mut Vec<Diagnostic>) {
    let ap = FieldPath::root("metadata").child("annotations");
    let items = string_map(annotations(pod));
    for (k, _, v, vspan) in &items {
        if *k == MIRROR_POD_ANNOTATION && str_of(spec, "nodeName").is_empty() {
            errs.push(help(
                Diagnostic::invalid(ap.key(k), *vspan, *v, "must set spec.nodeName if mirror pod annotation is set"),
                rules::POD_ANNOTATIONS_MIRROR,
                "kubernetes.io/config.mirror marks a mirror of a static Pod that a kubelet runs; such a Pod is always bound to that kubelet's node.",
                "kubernetes.io/config.mirror 表示这是 kubelet 运行的静态 Pod 的镜像；这种 Pod 总是绑定在那个节点上。",
                "Remove this annotation; it is set by kubelets, not by users.",
                "删掉这个注解；它由 kubelet 设置，不是给用户用的。",
            ));
        }
    }
    for (k, _, v, vspan) in &items {
        if *k == POD_DELETION_COST && !valid_deletion_cost(v) {
            errs.push(help(
                Diagnostic::invalid(ap.key(k), *vspan, *v, "must be a 32bit integer"),
                rules::POD_ANNOTATIONS_DELETION_COST,
                "controller.kubernetes.io/pod-deletion-cost tells a ReplicaSet which Pods to delete first when scaling down; it must be a whole number between -2147483648 and 2147483647, without '+' or leading zeros.",
                "controller.kubernetes.io/pod-deletion-cost 告诉 ReplicaSet 缩容时先删哪些 Pod；它必须是 -2147483648 到 2147483647 之间的整数，不能带 '+' 或前导零。",
                "Write a plain integer in quotes, e.g. `\"100\"`.",
                "写成带引号的整数，例如 `\"100\"`。",
            ));
        }
    }
    // ValidateSeccompPodAnnotations: paths use Child (dotted), not Key.
    for (k, _, v, vspan) in &items {
        if *k == SECCOMP_POD_ANNOTATION {
            seccomp_annotation(v, &ap.child(k), *vspan, errs);
        }
    }
    for (k, _, v, vspan) in &items {
        if k.starts_with(SECCOMP_CONTAINER_PREFIX) {
            seccomp_annotation(v, &ap.child(k), *vspan, errs);
        }
    }
    // ValidateAppArmorPodAnnotations
    for (k, kspan, v, vspan) in &items {
        let Some(container) = k.strip_prefix(APPARMOR_CONTAINER_PREFIX) else {
            continue;
        };
        if !all_containers(spec)
            .iter()
            .any(|(c, _)| str_of(c, "name") == container)
        {
            errs.push(help(
                Diagnostic::invalid(ap.key(k), *kspan, container, "container not found"),
                rules::POD_ANNOTATIONS_APPARMOR_CONTAINER,
                format!("The AppArmor annotation names container {}, but the Pod has no container with that name.", crate::diag::go_quote(container)),
                format!("AppArmor 注解指向容器 {}，但 Pod 里没有这个名字的容器。", crate::diag::go_quote(container)),
                "Fix the container name in the annotation key, or better, use securityContext.appArmorProfile.",
                "修正注解键里的容器名，或者更好地改用 securityContext.appArmorProfile。",
            ));
        }
        if !(v.is_empty()
            || *v == "runtime/default"
            || *v == "unconfined"
            || v.starts_with("localhost/"))
        {
            errs.push(help(
                Diagnostic::invalid(ap.key(k), *vspan, *v, format!("invalid AppArmor profile name: {}", crate::diag::go_quote(v))),
                rules::POD_ANNOTATIONS_APPARMOR_PROFILE,
                "The AppArmor annotation value is runtime/default, unconfined or localhost/<profile>.",
                "AppArmor 注解的值只能是 runtime/default、unconfined 或 localhost/<配置名>。",
                "Use `runtime/default`, or securityContext.appArmorProfile instead of the annotation.",
                "使用 `runtime/default`，或者改用 securityContext.appArmorProfile。",
            ));
        }
    }
}

/// `GetDeletionCostFromPodAnnotations` succeeds.
fn valid_deletion_cost(v: &str) -> bool {
    let first_ok = match v.as_bytes().first() {
        Some(b'-') => true,
        Some(b'0') => v == "0",
        Some(c) => (b'1'..=b'9').contains(c),
        None => false,
    };
    first_ok && v.parse::<i32>().is_ok()
}

/// `ValidateSeccompProfile` for an annotation value.
fn seccomp_annotation(v: &str, p: &FieldPath, span: crate::span::Span, errs: &mut Vec<Diagnostic>) {
    if matches!(v, "runtime/default" | "docker/default" | "unconfined") {
        return;
    }
    if let Some(rest) = v.strip_prefix("localhost/") {
        volumes::local_descending_path(rest, p, span, errs);
        return;
    }
    errs.push(help(
        Diagnostic::invalid(p, span, v, "must be a valid seccomp profile"),
        rules::POD_ANNOTATIONS_SECCOMP,
        "The (deprecated) seccomp annotation value is runtime/default, docker/default, unconfined or localhost/<file>.",
        "（已废弃的）seccomp 注解的值只能是 runtime/default、docker/default、unconfined 或 localhost/<文件>。",
        "Use securityContext.seccompProfile with `type: RuntimeDefault` instead of the annotation.",
        "改用 securityContext.seccompProfile，设置 `type: RuntimeDefault`。",
    ));
}

/// Every container of the spec with its path (init, regular, ephemeral: `VisitContainersWithPath`).
fn all_containers(spec: &Node) -> Vec<(&Node, FieldPath)> {
    let sp = FieldPath::root("spec");
    let mut out = Vec::new();
    for list in ["initContainers", "containers", "ephemeralContainers"] {
        for (i, c) in spec.seq(list).iter().enumerate() {
            out.push((c, sp.child(list).index(i)));
        }
    }
    out
}

/// `ValidatePodSpec(spec, podMeta, "spec", opts)`.
fn validate_pod_spec(pod: &Node, spec: &Node, sp: &FieldPath, errs: &mut Vec<Diagnostic>) {
    // terminationGracePeriodSeconds, restartPolicy and dnsPolicy are always filled in by
    // SetDefaults_PodSpec (even for a Pod without `spec`, whose zero-valued spec is defaulted),
    // so Go's `Required` errors for them cannot happen on create; a missing value is read as its
    // default here.
    let pod_name = meta::effective_name(pod);
    let vols =
        volumes::validate_volumes(spec.seq("volumes"), &pod_name, &sp.child("volumes"), errs);
    validate_resource_claims(spec, sp, errs);

    let ctx = PodContext {
        pod,
        volumes: vols,
        restart_policy: spec.str("restartPolicy").unwrap_or("Always"),
        host_network: bool_of(spec, "hostNetwork"),
        share_process_namespace: bool_of(spec, "shareProcessNamespace"),
        os_windows: spec.get("os").map(|o| str_of(o, "name")) == Some("windows"),
    };
    let containers = spec.seq("containers");
    container::validate_containers(containers, &sp.child("containers"), &ctx, errs);
    let names: Vec<&str> = containers.iter().map(|c| str_of(c, "name")).collect();
    container::validate_init_containers(
        spec.seq("initContainers"),
        &names,
        &sp.child("initContainers"),
        &ctx,
        errs,
    );
    // validateEphemeralContainers: ValidatePodSpec checks them as it checks the others, even on
    // create, where ValidatePodCreate then also forbids the list.
    container::validate_ephemeral_containers(
        spec.seq("ephemeralContainers"),
        containers,
        spec.seq("initContainers"),
        &sp.child("ephemeralContainers"),
        &ctx,
        errs,
    );

    validate_pod_resources(spec, sp, errs);
    container::validate_pod_host_network_deps(spec, sp, errs);
    restart_policy(spec, sp, errs);
    dns_policy(spec, sp, errs);
    validate_labels(spec.get("nodeSelector"), &sp.child("nodeSelector"), errs);
    super::security::validate_pod_security_context(spec, sp, errs);
    let pod_labels: Vec<(&str, &str)> =
        string_map(pod.get("metadata").and_then(|m| m.get("labels")))
            .iter()
            .map(|(k, _, v, _)| (*k, *v))
            .collect();
    super::affinity::validate_affinity(spec, &pod_labels, sp, errs);
    dns_config(spec, sp, errs);
    for (i, g) in spec.seq("readinessGates").iter().enumerate() {
        let ct = str_of(g, "conditionType");
        for msg in names::is_qualified_name(ct) {
            errs.push(help(
                Diagnostic::invalid(sp.child("readinessGates").index(i).child("conditionType"), req_span(g, "conditionType"), ct, msg),
                rules::POD_READINESS_GATES_CONDITION_TYPE,
                "A readiness gate names an extra condition (set by some controller) that must be True before the Pod counts as Ready; condition types are qualified names like example.com/feature-1.",
                "就绪门控指定一个额外的状况（由某个控制器设置），只有它为 True 时 Pod 才算 Ready；状况类型是限定名，例如 example.com/feature-1。",
                "Use a qualified name such as `example.com/load-balancer-ready`.",
                "使用限定名，例如 `example.com/load-balancer-ready`。",
            ));
        }
    }
    scheduling_gates(spec, sp, errs);
    topology_spread_constraints(spec, &pod_labels, sp, errs);
    windows_host_process(spec, sp, errs);
    host_users(spec, sp, errs);
    for (key, what, rule) in [
        (
            "serviceAccountName",
            ("the service account name", "服务账号名"),
            rules::POD_SERVICE_ACCOUNT_NAME,
        ),
        (
            "nodeName",
            ("the node name", "节点名"),
            rules::POD_NODE_NAME,
        ),
    ] {
        let v = str_of(spec, key);
        if !v.is_empty() {
            check_name(
                NameFormat::Dns1123Subdomain,
                v,
                &sp.child(key),
                value_span(spec, key),
                what,
                rule,
                errs,
            );
        }
    }
    if let Some(v) = int_of(spec, "activeDeadlineSeconds") {
        if !(1..=2147483647).contains(&v) {
            errs.push(help(
                Diagnostic::invalid(sp.child("activeDeadlineSeconds"), value_span(spec, "activeDeadlineSeconds"), v, names::inclusive_range_error(1, 2147483647)),
                rules::POD_ACTIVE_DEADLINE_SECONDS,
                "activeDeadlineSeconds is how long the Pod may run (counted from its start) before the kubelet stops it and marks it Failed (reason DeadlineExceeded). It must be at least 1 second.",
                "activeDeadlineSeconds 是 Pod 从启动起最多能运行的秒数，超时后 kubelet 会停止它并标记为 Failed（原因 DeadlineExceeded）。至少为 1 秒。",
                "Use a positive number of seconds, or remove the field to let the Pod run forever.",
                "使用正的秒数，或者删掉该字段让 Pod 一直运行。",
            ));
        }
    }
    for (key, what, rule) in [
        ("hostname", ("the hostname", "主机名"), rules::POD_HOSTNAME),
        ("subdomain", ("the subdomain", "子域"), rules::POD_SUBDOMAIN),
    ] {
        let v = str_of(spec, key);
        if !v.is_empty() {
            check_name(
                NameFormat::Dns1123Label,
                v,
                &sp.child(key),
                value_span(spec, key),
                what,
                rule,
                errs,
            );
        }
    }
    // HostnameOverride is beta and on by default since 1.35 (kubernetes.io
    // feature-gates/hostname-override.md): the override must be an RFC 1123 subdomain
    // (PR 132558). Its conflicts with setHostnameAsFQDN and hostNetwork are not ported: their
    // messages could not be read.
    if let Some(v) = spec.get("hostnameOverride").and_then(Node::as_str) {
        check_name(
            NameFormat::Dns1123Subdomain,
            v,
            &sp.child("hostnameOverride"),
            value_span(spec, "hostnameOverride"),
            ("the hostname override (HostnameOverride feature, on by default since Kubernetes 1.35)", "主机名覆盖（HostnameOverride 特性，Kubernetes 1.35 起默认开启）"),
            rules::POD_HOSTNAME_OVERRIDE,
            errs,
        );
    }
    tolerations(spec.seq("tolerations"), &sp.child("tolerations"), errs);
    host_aliases(spec, sp, errs);
    let pcn = str_of(spec, "priorityClassName");
    if !pcn.is_empty() {
        check_name(
            NameFormat::Dns1123Subdomain,
            pcn,
            &sp.child("priorityClassName"),
            value_span(spec, "priorityClassName"),
            ("the priority class name", "优先级类名"),
            rules::POD_PRIORITY_CLASS_NAME,
            errs,
        );
    }
    if let Some(rc) = spec.get("runtimeClassName").and_then(Node::as_str) {
        check_name(
            NameFormat::Dns1123Subdomain,
            rc,
            &sp.child("runtimeClassName"),
            value_span(spec, "runtimeClassName"),
            ("the runtime class name", "运行时类名"),
            rules::POD_RUNTIME_CLASS_NAME,
            errs,
        );
    }
    if let Some(pp) = spec.get("preemptionPolicy").and_then(Node::as_str) {
        let p = sp.child("preemptionPolicy");
        let span = value_span(spec, "preemptionPolicy");
        let pp_help = |d: Diagnostic| {
            help(
                d,
                rules::POD_PREEMPTION_POLICY,
                "preemptionPolicy says whether this Pod may evict lower-priority Pods to get scheduled: PreemptLowerPriority (default) or Never.",
                "preemptionPolicy 说明这个 Pod 是否可以驱逐低优先级的 Pod 来获得调度：PreemptLowerPriority（默认）或 Never。",
                "Use `PreemptLowerPriority` or `Never`.",
                "使用 `PreemptLowerPriority` 或 `Never`。",
            )
        };
        match pp {
            "PreemptLowerPriority" | "Never" => {}
            "" => errs.push(pp_help(Diagnostic::required(&p, span, ""))),
            other => errs.push(pp_help(Diagnostic::not_supported(
                &p,
                span,
                other,
                &["PreemptLowerPriority", "Never"],
            ))),
        }
    }
    validate_os(spec, sp, errs);
}

/// `validatePodResourceClaims`.
fn validate_resource_claims(spec: &Node, sp: &FieldPath, errs: &mut Vec<Diagnostic>) {
    let mut seen: Vec<&str> = Vec::new();
    for (i, claim) in spec.seq("resourceClaims").iter().enumerate() {
        let p = sp.child("resourceClaims").index(i);
        let name = str_of(claim, "name");
        if name.is_empty() {
            errs.push(help(
                Diagnostic::required(p.child("name"), req_span(claim, "name"), ""),
                rules::POD_RESOURCE_CLAIMS_NAME,
                "Each resource claim of the Pod needs a name; containers refer to it in resources.claims.",
                "Pod 的每个资源声明都需要名字；容器在 resources.claims 里引用它。",
                "Add `name: gpu`.",
                "加上 `name: gpu`。",
            ));
        } else if seen.contains(&name) {
            errs.push(
                Diagnostic::duplicate(p.child("name"), value_span(claim, "name"), name)
                    .with_rule(rules::POD_RESOURCE_CLAIMS_DUPLICATE),
            );
        } else {
            check_name(
                NameFormat::Dns1123Label,
                name,
                &p.child("name"),
                value_span(claim, "name"),
                ("the claim name", "声明名"),
                rules::POD_RESOURCE_CLAIMS_NAME,
                errs,
            );
            seen.push(name);
        }
        let rcn = claim.get("resourceClaimName").and_then(Node::as_str);
        let rctn = claim
            .get("resourceClaimTemplateName")
            .and_then(Node::as_str);
        let claim_help = |d: Diagnostic| {
            help(
                d,
                rules::POD_RESOURCE_CLAIMS_SOURCE,
                "A pod resource claim refers to exactly one of an existing ResourceClaim (resourceClaimName) or a template to create one from (resourceClaimTemplateName).",
                "Pod 的资源声明必须且只能引用一个已有的 ResourceClaim（resourceClaimName）或一个用来创建它的模板（resourceClaimTemplateName）。",
                "Set exactly one of resourceClaimName and resourceClaimTemplateName.",
                "resourceClaimName 和 resourceClaimTemplateName 只设置一个。",
            )
        };
        let raw =
            BadValue::Raw(format!(
            "core.PodResourceClaim{{Name:{}, ResourceClaimName:{}, ResourceClaimTemplateName:{}}}",
            crate::diag::go_quote(name),
            if rcn.is_some() { "(*string)(0xc000…)" } else { "(*string)(nil)" },
            if rctn.is_some() { "(*string)(0xc000…)" } else { "(*string)(nil)" },
        ));
        if rcn.is_some() && rctn.is_some() {
            errs.push(claim_help(Diagnostic::invalid(&p, missing(claim), raw.clone(), "at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified")));
        }
        if rcn.is_none() && rctn.is_none() {
            errs.push(claim_help(Diagnostic::invalid(
                &p,
                missing(claim),
                raw,
                "must specify one of: `resourceClaimName`, `resourceClaimTemplateName`",
            )));
        }
        for (key, v) in [
            ("resourceClaimName", rcn),
            ("resourceClaimTemplateName", rctn),
        ] {
            if let Some(v) = v {
                check_name(
                    NameFormat::Dns1123Subdomain,
                    v,
                    &p.child(key),
                    value_span(claim, key),
                    ("the claim name", "声明名"),
                    rules::POD_RESOURCE_CLAIMS_SOURCE,
                    errs,
                );
            }
        }
    }
}

/// `validatePodResources` (pod-level `spec.resources`, PodLevelResources beta): names must be cpu
/// or memory, quantities non-negative, requests ≤ limits, and the pod-level values must cover the
/// containers (`validatePodResourceConsistency`).
///
/// Simplification: the aggregate of container requests is the sum over regular and sidecar
/// containers, or the largest regular init container if that is bigger
/// (`resourcehelper.AggregateContainerRequests` without its pod-overhead and in-place-resize parts).
fn validate_pod_resources(spec: &Node, sp: &FieldPath, errs: &mut Vec<Diagnostic>) {
    let Some(res) = spec.get("resources") else {
        return;
    };
    let p = sp.child("resources");
    if res.get("claims").is_some() {
        errs.push(
            Diagnostic::forbidden(
                p.child("claims"),
                key_span(res, "claims"),
                "claims cannot be set for Resources at pod-level",
            )
            .with_rule(rules::POD_RESOURCES_CLAIMS),
        );
    }
    let limits = res.get("limits");
    let res_help = |d: Diagnostic| {
        help(
            d,
            rules::POD_RESOURCES,
            "Pod-level resources (the PodLevelResources feature, on by default since Kubernetes 1.34) set a budget of cpu and memory for all containers together; containers without their own limits share it.",
            "Pod 级资源（PodLevelResources 特性，自 Kubernetes 1.34 起默认开启）为所有容器一起设定 cpu 和内存预算；没有自己 limits 的容器共享这个预算。",
            "Use only cpu and memory, with requests not above limits and not below what the containers request.",
            "只使用 cpu 和 memory，requests 不能超过 limits，也不能低于容器请求之和。",
        )
    };
    for (kind, node) in [("limits", limits), ("requests", res.get("requests"))] {
        for e in node.and_then(Node::as_map).unwrap_or(&[]) {
            let fp = p.child(kind).key(&e.key);
            if !matches!(e.key.as_str(), "cpu" | "memory") {
                let msgs = names::is_qualified_name(&e.key);
                if !msgs.is_empty() {
                    for m in msgs {
                        errs.push(res_help(Diagnostic::invalid(
                            &fp,
                            e.key_span,
                            e.key.as_str(),
                            m,
                        )));
                    }
                } else if !e.key.contains('/') && !is_standard_resource_name(&e.key) {
                    errs.push(res_help(Diagnostic::invalid(
                        &fp,
                        e.key_span,
                        e.key.as_str(),
                        "must be a standard resource type or fully qualified",
                    )));
                } else {
                    errs.push(res_help(Diagnostic::not_supported(
                        &fp,
                        e.key_span,
                        e.key.as_str(),
                        &["cpu", "memory"],
                    )));
                }
            }
            if let Some(q) = quantity_of(&e.value) {
                if q.sign() < 0 {
                    errs.push(res_help(Diagnostic::invalid(
                        &fp,
                        e.value.span,
                        q.canonical(),
                        "must be greater than or equal to 0",
                    )));
                }
                if kind == "requests" {
                    if let Some(lim) = limits.and_then(|l| l.get(&e.key)).and_then(quantity_of) {
                        if q.cmp_value(&lim) == std::cmp::Ordering::Greater {
                            errs.push(res_help(Diagnostic::invalid(
                                p.child("requests"),
                                e.value.span,
                                q.canonical(),
                                format!(
                                    "must be less than or equal to {} limit of {}",
                                    e.key,
                                    lim.canonical()
                                ),
                            )));
                        }
                    }
                }
            }
        }
    }
    // validatePodResourceConsistency
    let requests = res.get("requests");
    for r in ["cpu", "memory"] {
        let agg = aggregate_container_requests(spec, r);
        if agg.sign() == 0 {
            continue;
        }
        let pod_req = requests
            .and_then(|q| q.get(r))
            .and_then(quantity_of)
            .unwrap_or_else(|| Quantity::from_units(0));
        if agg.cmp_value(&pod_req) == std::cmp::Ordering::Greater {
            let span = requests
                .and_then(|q| q.entry(r))
                .map(|e| e.value.span)
                .unwrap_or_else(|| missing(res));
            errs.push(res_help(Diagnostic::invalid(
                p.child("requests").key(r),
                span,
                pod_req.canonical(),
                format!(
                    "must be greater than or equal to aggregate container requests of {}",
                    agg.canonical()
                ),
            )));
        }
    }
    for (i, c) in spec.seq("containers").iter().enumerate() {
        let Some(cl) = c.get("resources").and_then(|r| r.get("limits")) else {
            continue;
        };
        for e in cl.as_map().unwrap_or(&[]) {
            let Some(pl) = limits.and_then(|l| l.get(&e.key)).and_then(quantity_of) else {
                continue;
            };
            if let Some(q) = quantity_of(&e.value) {
                if q.cmp_value(&pl) == std::cmp::Ordering::Greater {
                    errs.push(res_help(Diagnostic::invalid(
                        p.child("containers").index(i).key(&e.key).child("limits"),
                        e.value.span,
                        q.canonical(),
                        format!(
                            "must be less than or equal to pod limits of {}",
                            pl.canonical()
                        ),
                    )));
                }
            }
        }
    }
}

fn is_standard_resource_name(name: &str) -> bool {
    matches!(
        name,
        "cpu"
            | "memory"
            | "ephemeral-storage"
            | "storage"
            | "pods"
            | "services"
            | "replicationcontrollers"
            | "resourcequotas"
            | "secrets"
            | "configmaps"
            | "persistentvolumeclaims"
            | "services.nodeports"
            | "services.loadbalancers"
            | "requests.cpu"
            | "requests.memory"
            | "requests.storage"
            | "requests.ephemeral-storage"
            | "limits.cpu"
            | "limits.memory"
            | "limits.ephemeral-storage"
    ) || name.starts_with("hugepages-")
        || name.starts_with("requests.hugepages-")
}

fn aggregate_container_requests(spec: &Node, resource: &str) -> Quantity {
    let req = |c: &Node| {
        c.get("resources")
            .and_then(|r| r.get("requests"))
            .and_then(|q| q.get(resource))
            .and_then(quantity_of)
            .unwrap_or_else(|| Quantity::from_units(0))
    };
    let mut sum = Quantity::from_units(0);
    for c in spec.seq("containers") {
        sum = sum.add(&req(c));
    }
    let mut init_max = Quantity::from_units(0);
    for c in spec.seq("initContainers") {
        let r = req(c);
        if c.str("restartPolicy") == Some("Always") {
            sum = sum.add(&r);
        } else if r.cmp_value(&init_max) == std::cmp::Ordering::Greater {
            init_max = r;
        }
    }
    if init_max.cmp_value(&sum) == std::cmp::Ordering::Greater {
        init_max
    } else {
        sum
    }
}

/// `validateRestartPolicy`.
fn restart_policy(spec: &Node, sp: &FieldPath, errs: &mut Vec<Diagnostic>) {
    let p = sp.child("restartPolicy");
    match spec.get("restartPolicy").and_then(Node::as_str).unwrap_or("Always") {
        "Always" | "OnFailure" | "Never" => {}
        "" => errs.push(help(
            Diagnostic::required(&p, req_span(spec, "restartPolicy"), ""),
            rules::POD_RESTART_POLICY,
            "restartPolicy says what the kubelet does when a container exits: Always restart it, restart it only OnFailure (non-zero exit), or Never.",
            "restartPolicy 说明容器退出后 kubelet 怎么做：Always 总是重启，OnFailure 仅在非零退出时重启，Never 从不重启。",
            "Set `restartPolicy: Always` (or OnFailure / Never).",
            "设置 `restartPolicy: Always`（或 OnFailure / Never）。",
        )),
        other => {
            let fixed = ["Always", "OnFailure", "Never"].into_iter().find(|v| v.eq_ignore_ascii_case(other));
            let mut d = help(
                Diagnostic::not_supported(&p, value_span(spec, "restartPolicy"), other, &["Always", "OnFailure", "Never"]),
                rules::POD_RESTART_POLICY,
                format!("restartPolicy must be exactly Always, OnFailure or Never (case matters); {} is none of them.", crate::diag::go_quote(other)),
                format!("restartPolicy 只能是 Always、OnFailure 或 Never（区分大小写）；{} 不在其中。", crate::diag::go_quote(other)),
                format!("Use `{}`.", fixed.unwrap_or("Always")),
                format!("改成 `{}`。", fixed.unwrap_or("Always")),
            );
            if let Some(f) = fixed {
                d = d.with_replacement(value_span(spec, "restartPolicy"), f);
            }
            errs.push(d);
        }
    }
}

const DNS_POLICIES: &[&str] = &["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];

/// `validateDNSPolicy`.
fn dns_policy(spec: &Node, sp: &FieldPath, errs: &mut Vec<Diagnostic>) {
    let p = sp.child("dnsPolicy");
    let dns_help = |d: Diagnostic| {
        help(
            d,
            rules::POD_DNS_POLICY,
            "dnsPolicy decides the Pod's /etc/resolv.conf: ClusterFirst (cluster DNS, the default), ClusterFirstWithHostNet (cluster DNS even with hostNetwork), Default (the node's resolver) or None (only dnsConfig).",
            "dnsPolicy 决定 Pod 的 /etc/resolv.conf：ClusterFirst（集群 DNS，默认）、ClusterFirstWithHostNet（使用 hostNetwork 时仍用集群 DNS）、Default（使用节点的解析配置）或 None（只用 dnsConfig）。",
            "Use one of ClusterFirst, ClusterFirstWithHostNet, Default, None (case matters).",
            "使用 ClusterFirst、ClusterFirstWithHostNet、Default、None 之一（区分大小写）。",
        )
    };
    match spec
        .get("dnsPolicy")
        .and_then(Node::as_str)
        .unwrap_or("ClusterFirst")
    {
        "ClusterFirstWithHostNet" | "ClusterFirst" | "Default" | "None" => {}
        "" => errs.push(dns_help(Diagnostic::required(
            &p,
            req_span(spec, "dnsPolicy"),
            "",
        ))),
        other => errs.push(dns_help(Diagnostic::not_supported(
            &p,
            value_span(spec, "dnsPolicy"),
            other,
            DNS_POLICIES,
        ))),
    }
}

/// `validatePodDNSConfig` (MaxDNSNameservers 3, MaxDNSSearchPaths 32, MaxDNSSearchListChars 2048).
fn dns_config(spec: &Node, sp: &FieldPath, errs: &mut Vec<Diagnostic>) {
    let p = sp.child("dnsConfig");
    let cfg = spec.get("dnsConfig");
    if spec.str("dnsPolicy") == Some("None") {
        match cfg {
            None => {
                errs.push(help(
                    Diagnostic::required(&p, req_span(spec, "dnsConfig"), "must provide `dnsConfig` when `dnsPolicy` is None"),
                    rules::POD_DNS_CONFIG_NONE,
                    "dnsPolicy: None gives the Pod no DNS settings at all, so dnsConfig must supply them (at least one nameserver).",
                    "dnsPolicy: None 表示不给 Pod 任何 DNS 设置，所以必须由 dnsConfig 提供（至少一个 nameserver）。",
                    "Add `dnsConfig: {nameservers: [1.1.1.1]}`, or use dnsPolicy ClusterFirst.",
                    "加上 `dnsConfig: {nameservers: [1.1.1.1]}`，或者改用 dnsPolicy ClusterFirst。",
                ));
                return;
            }
            Some(c) if c.seq("nameservers").is_empty() => {
                errs.push(help(
                    Diagnostic::required(p.child("nameservers"), req_span(c, "nameservers"), "must provide at least one DNS nameserver when `dnsPolicy` is None"),
                    rules::POD_DNS_CONFIG_NONE,
                    "dnsPolicy: None gives the Pod no DNS server, so dnsConfig.nameservers must list at least one.",
                    "dnsPolicy: None 不给 Pod 任何 DNS 服务器，所以 dnsConfig.nameservers 至少要列一个。",
                    "Add `nameservers: [1.1.1.1]`.",
                    "加上 `nameservers: [1.1.1.1]`。",
                ));
                return;
            }
            _ => {}
        }
    }
    let Some(cfg) = cfg else { return };
    let ns = strings_of(cfg, "nameservers");
    if ns.len() > 3 {
        let list: Vec<&str> = ns.iter().map(|(s, _)| *s).collect();
        errs.push(help(
            Diagnostic::invalid(p.child("nameservers"), value_span(cfg, "nameservers"), go_string_slice(&list), "must not have more than 3 nameservers"),
            rules::POD_DNS_CONFIG_NAMESERVERS_COUNT,
            "Linux's resolver (glibc) uses at most 3 nameservers from resolv.conf, so Kubernetes accepts at most 3.",
            "Linux 的解析器（glibc）最多使用 resolv.conf 里的 3 个 nameserver，所以 Kubernetes 最多接受 3 个。",
            "Keep at most 3 nameservers.",
            "最多保留 3 个 nameserver。",
        ));
    }
    for (i, (ip, span)) in ns.iter().enumerate() {
        for msg in names::is_valid_ip_for_legacy_field(ip, STRICT_IP_CIDR_VALIDATION) {
            errs.push(help(
                Diagnostic::invalid(p.child("nameservers").index(i), *span, *ip, msg),
                rules::POD_DNS_CONFIG_NAMESERVERS_IP,
                "A nameserver is given by IP address (resolv.conf cannot look up the DNS server by name). Since the StrictIPCIDRValidation feature (on by default since Kubernetes 1.36) the address may not have leading zeros or be an IPv4-mapped IPv6 address.",
                "nameserver 必须写 IP 地址（resolv.conf 不能按名字查找 DNS 服务器）。自 StrictIPCIDRValidation 特性（Kubernetes 1.36 起默认开启）起，地址不能有前导零，也不能是 IPv4 映射的 IPv6 地址。",
                "Write an IPv4 or IPv6 address, e.g. `8.8.8.8`.",
                "写 IPv4 或 IPv6 地址，例如 `8.8.8.8`。",
            ));
        }
    }
    let searches = strings_of(cfg, "searches");
    let list: Vec<&str> = searches.iter().map(|(s, _)| *s).collect();
    if searches.len() > 32 {
        errs.push(help(
            Diagnostic::invalid(
                p.child("searches"),
                value_span(cfg, "searches"),
                go_string_slice(&list),
                "must not have more than 32 search paths",
            ),
            rules::POD_DNS_CONFIG_SEARCHES_COUNT,
            "The resolver accepts at most 32 search domains.",
            "解析器最多接受 32 个搜索域。",
            "Keep at most 32 search domains.",
            "最多保留 32 个搜索域。",
        ));
    }
    if list.join(" ").len() > 2048 {
        errs.push(help(
            Diagnostic::invalid(
                p.child("searches"),
                value_span(cfg, "searches"),
                go_string_slice(&list),
                "must not have more than 2048 characters (including spaces) in the search list",
            ),
            rules::POD_DNS_CONFIG_SEARCHES_LENGTH,
            "The search line of resolv.conf is limited to 2048 characters.",
            "resolv.conf 的 search 行最多 2048 个字符。",
            "Shorten or remove search domains.",
            "缩短或删除一些搜索域。",
        ));
    }
    for (i, (s, span)) in searches.iter().enumerate() {
        if *s != "." {
            let trimmed = s.strip_suffix('.').unwrap_or(s);
            check_name(
                NameFormat::Dns1123SubdomainWithUnderscore,
                trimmed,
                &p.child("searches").index(i),
                *span,
                ("the search domain", "搜索域"),
                rules::POD_DNS_CONFIG_SEARCHES,
                errs,
            );
        }
    }
    for (i, o) in cfg.seq("options").iter().enumerate() {
        if str_of(o, "name").is_empty() {
            errs.push(help(
                Diagnostic::required(
                    p.child("options").index(i),
                    req_span(o, "name"),
                    "must not be empty",
                ),
                rules::POD_DNS_CONFIG_OPTIONS,
                "A resolver option needs a name (like ndots or timeout), optionally with a value.",
                "解析器选项需要名字（例如 ndots 或 timeout），值可选。",
                "Write `- name: ndots` with `value: \"2\"`.",
                "写成 `- name: ndots`，并加上 `value: \"2\"`。",
            ));
        }
    }
}

/// `validateSchedulingGates`: qualified names, no duplicates (both reported at `schedulingGates[i]`).
fn scheduling_gates(spec: &Node, sp: &FieldPath, errs: &mut Vec<Diagnostic>) {
    let mut seen: Vec<&str> = Vec::new();
    for (i, g) in spec.seq("schedulingGates").iter().enumerate() {
        let p = sp.child("schedulingGates").index(i);
        let name = str_of(g, "name");
        let span = req_span(g, "name");
        for msg in names::is_qualified_name(name) {
            errs.push(help(
                Diagnostic::invalid(&p, span, name, msg),
                rules::POD_SCHEDULING_GATES_NAME,
                "A scheduling gate keeps the Pod Pending until a controller removes it; its name is a qualified name like example.com/quota-check.",
                "调度门控让 Pod 保持 Pending，直到某个控制器移除它；名字是限定名，例如 example.com/quota-check。",
                "Use a qualified name such as `example.com/wait-for-quota`.",
                "使用限定名，例如 `example.com/wait-for-quota`。",
            ));
        }
        if seen.contains(&name) {
            errs.push(help(
                Diagnostic::duplicate(&p, span, name),
                rules::POD_SCHEDULING_GATES_DUPLICATE,
                "The same scheduling gate is listed twice.",
                "同一个调度门控列了两次。",
                "Remove the duplicate.",
                "删掉重复的那个。",
            ));
        }
        seen.push(name);
    }
}

/// `validateTopologySpreadConstraints`.
fn topology_spread_constraints(
    spec: &Node,
    pod_labels: &[(&str, &str)],
    sp: &FieldPath,
    errs: &mut Vec<Diagnostic>,
) {
    let list = spec.seq("topologySpreadConstraints");
    let tsc_help = |d: Diagnostic, rule: crate::rules::RuleId| {
        help(
            d,
            rule,
            "A topology spread constraint asks the scheduler to spread matching Pods evenly over topology domains: maxSkew (≥ 1) is the allowed difference between domains, topologyKey the node label defining a domain, whenUnsatisfiable DoNotSchedule or ScheduleAnyway.",
            "拓扑分布约束让调度器把匹配的 Pod 均匀分布到各拓扑域：maxSkew（≥ 1）是域之间允许的差值，topologyKey 是定义拓扑域的节点标签，whenUnsatisfiable 为 DoNotSchedule 或 ScheduleAnyway。",
            "Fix the field named in the message (e.g. `maxSkew: 1`, `topologyKey: kubernetes.io/hostname`, `whenUnsatisfiable: DoNotSchedule`).",
            "修正消息中的字段（例如 `maxSkew: 1`、`topologyKey: kubernetes.io/hostname`、`whenUnsatisfiable: DoNotSchedule`）。",
        )
    };
    for (i, c) in list.iter().enumerate() {
        let p = sp.child("topologySpreadConstraints").index(i);
        let skew = int_of(c, "maxSkew").unwrap_or(0);
        if skew <= 0 {
            errs.push(tsc_help(
                Diagnostic::invalid(
                    p.child("maxSkew"),
                    req_span(c, "maxSkew"),
                    skew,
                    "must be greater than zero",
                ),
                rules::POD_TOPOLOGY_SPREAD_MAX_SKEW,
            ));
        }
        let tk = str_of(c, "topologyKey");
        if tk.is_empty() {
            errs.push(tsc_help(
                Diagnostic::required(
                    p.child("topologyKey"),
                    req_span(c, "topologyKey"),
                    "can not be empty",
                ),
                rules::POD_TOPOLOGY_SPREAD_TOPOLOGY_KEY,
            ));
        }
        let wu = str_of(c, "whenUnsatisfiable");
        if wu != "DoNotSchedule" && wu != "ScheduleAnyway" {
            errs.push(tsc_help(
                Diagnostic::not_supported(
                    p.child("whenUnsatisfiable"),
                    req_span(c, "whenUnsatisfiable"),
                    wu,
                    &["DoNotSchedule", "ScheduleAnyway"],
                ),
                rules::POD_TOPOLOGY_SPREAD_WHEN_UNSATISFIABLE,
            ));
        }
        if let Some(rest) = list.get(i + 1..) {
            if rest
                .iter()
                .any(|o| str_of(o, "topologyKey") == tk && str_of(o, "whenUnsatisfiable") == wu)
            {
                errs.push(tsc_help(
                    Diagnostic::duplicate(
                        p.child("{topologyKey, whenUnsatisfiable}"),
                        missing(c),
                        format!("{{{tk}, {wu}}}"),
                    ),
                    rules::POD_TOPOLOGY_SPREAD_DUPLICATE,
                ));
            }
        }
        if let Some(md) = int_of(c, "minDomains") {
            let span = value_span(c, "minDomains");
            if md <= 0 {
                errs.push(tsc_help(
                    Diagnostic::invalid(
                        p.child("minDomains"),
                        span,
                        md,
                        "must be greater than zero",
                    ),
                    rules::POD_TOPOLOGY_SPREAD_MIN_DOMAINS,
                ));
            }
            if wu != "DoNotSchedule" {
                errs.push(tsc_help(
                    Diagnostic::invalid(
                        p.child("minDomains"),
                        span,
                        md,
                        format!(
                            "can only use minDomains if whenUnsatisfiable=DoNotSchedule, not {wu}"
                        ),
                    ),
                    rules::POD_TOPOLOGY_SPREAD_MIN_DOMAINS,
                ));
            }
        }
        for key in ["nodeAffinityPolicy", "nodeTaintsPolicy"] {
            if let Some(v) = c.get(key).and_then(Node::as_str) {
                if v != "Honor" && v != "Ignore" {
                    errs.push(tsc_help(
                        Diagnostic::not_supported(
                            p.child(key),
                            value_span(c, key),
                            v,
                            &["Honor", "Ignore"],
                        ),
                        rules::POD_TOPOLOGY_SPREAD_POLICY,
                    ));
                }
            }
        }
        // MatchLabelKeysInPodTopologySpreadSelectorMerge (beta, on): the keys are merged into the
        // selector on create and validated like pod affinity's.
        super::affinity::match_label_keys(c, pod_labels, &p, errs);
        meta::validate_label_selector(
            c.get("labelSelector"),
            false,
            &p.child("labelSelector"),
            errs,
        );
    }
}

/// `validateWindowsHostProcessPod`: hostProcess must agree between pod and containers, all or
/// none of the containers are HostProcess, and such a Pod uses the host network. (The cluster
/// policy check is not reported: the API server is assumed to run with `--allow-privileged=true`.)
fn windows_host_process(spec: &Node, sp: &FieldPath, errs: &mut Vec<Diagnostic>) {
    let host_process = |sc: Option<&Node>| {
        sc.and_then(|s| s.get("windowsOptions"))
            .and_then(|w| w.get("hostProcess"))
            .and_then(Node::as_bool)
    };
    let pod_hp = host_process(spec.get("securityContext"));
    let mut count = 0;
    let mut hp_count = 0;
    let hp_help = |d: Diagnostic| {
        help(
            d,
            rules::POD_WINDOWS_HOST_PROCESS,
            "A Windows HostProcess Pod runs its containers directly on the node; either every container is a HostProcess container or none is, pod and container settings must agree, and the Pod must use the host network.",
            "Windows HostProcess Pod 的容器直接运行在节点上；要么所有容器都是 HostProcess 容器，要么都不是，Pod 和容器的设置必须一致，而且 Pod 必须使用主机网络。",
            "Set `hostProcess: true` on the Pod only (all containers inherit it) and `hostNetwork: true`.",
            "只在 Pod 上设置 `hostProcess: true`（所有容器都会继承），并设置 `hostNetwork: true`。",
        )
    };
    for (c, cp) in all_containers(spec) {
        count += 1;
        let c_hp = host_process(c.get("securityContext"));
        if let (Some(p), Some(ch)) = (pod_hp, c_hp) {
            if p != ch {
                let span = c
                    .get("securityContext")
                    .and_then(|s| s.get("windowsOptions"))
                    .map(|w| value_span(w, "hostProcess"))
                    .unwrap_or_else(|| missing(c));
                errs.push(hp_help(Diagnostic::invalid(
                    cp.child("securityContext")
                        .child("windowsOptions")
                        .child("hostProcess"),
                    span,
                    ch,
                    format!(
                        "pod hostProcess value must be identical if both are specified, was {p}"
                    ),
                )));
            }
        }
        if c_hp == Some(true) || (c_hp.is_none() && pod_hp == Some(true)) {
            hp_count += 1;
        }
    }
    if hp_count > 0 {
        if hp_count != count {
            errs.push(hp_help(Diagnostic::invalid(
                sp,
                missing(spec),
                "",
                "If pod contains any hostProcess containers then all containers must be HostProcess containers",
            )));
        }
        if !bool_of(spec, "hostNetwork") {
            errs.push(hp_help(Diagnostic::invalid(
                sp.child("hostNetwork"),
                req_span(spec, "hostNetwork"),
                false,
                "hostNetwork must be true if pod contains any hostProcess containers",
            )));
        }
    }
}

/// `validateHostUsers`: with hostUsers false, no host namespaces.
fn host_users(spec: &Node, sp: &FieldPath, errs: &mut Vec<Diagnostic>) {
    if spec.get("hostUsers").and_then(Node::as_bool) != Some(false) {
        return;
    }
    for (key, path_name) in [
        ("hostNetwork", "hostNetwork"),
        ("hostPID", "HostPID"),
        ("hostIPC", "HostIPC"),
    ] {
        if bool_of(spec, key) {
            errs.push(help(
                Diagnostic::forbidden(sp.child(path_name), value_span(spec, key), "when `pod.Spec.HostUsers` is false"),
                rules::POD_HOST_USERS_HOST_NAMESPACES,
                format!("hostUsers: false runs the Pod in its own user namespace; sharing the node's namespaces ({key}) with it is not allowed."),
                format!("hostUsers: false 让 Pod 运行在自己的用户命名空间里；这时不允许共享节点的命名空间（{key}）。"),
                format!("Remove `{key}: true`, or remove `hostUsers: false`."),
                format!("删掉 `{key}: true`，或者删掉 `hostUsers: false`。"),
            ));
        }
    }
}

/// `ValidateTolerations` (also used for Pod annotations' tolerations in Go; here for the spec).
pub(crate) fn tolerations(list: &[Node], p: &FieldPath, errs: &mut Vec<Diagnostic>) {
    for (i, t) in list.iter().enumerate() {
        let ip = p.index(i);
        let key = str_of(t, "key");
        let op = str_of(t, "operator");
        let effect = str_of(t, "effect");
        let value = str_of(t, "value");
        if !key.is_empty() {
            validate_label_name(
                key,
                &ip.child("key"),
                value_span(t, "key"),
                rules::POD_TOLERATIONS_KEY,
                errs,
            );
        }
        if key.is_empty() && op != "Exists" {
            errs.push(help(
                Diagnostic::invalid(ip.child("operator"), req_span(t, "operator"), op, "operator must be Exists when `key` is empty, which means \"match all values and all keys\""),
                rules::POD_TOLERATIONS_EMPTY_KEY,
                "A toleration without a key tolerates every taint, and that is only expressed with operator Exists.",
                "没有 key 的容忍度会容忍所有污点，这只能用 Exists 运算符表达。",
                "Add the taint's `key:`, or use `operator: Exists` to tolerate everything.",
                "加上污点的 `key:`，或者用 `operator: Exists` 容忍所有污点。",
            ));
        }
        if t.get("tolerationSeconds").is_some() && effect != "NoExecute" {
            errs.push(help(
                Diagnostic::invalid(ip.child("effect"), req_span(t, "effect"), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"),
                rules::POD_TOLERATIONS_TOLERATION_SECONDS,
                "tolerationSeconds says how long the Pod may stay on a node after a NoExecute taint appears; it has no meaning for other effects.",
                "tolerationSeconds 表示出现 NoExecute 污点后 Pod 还能在节点上留多久；对其他效果没有意义。",
                "Set `effect: NoExecute`, or remove tolerationSeconds.",
                "设置 `effect: NoExecute`，或者删掉 tolerationSeconds。",
            ));
        }
        match op {
            "Equal" | "" => {
                let msgs = names::is_valid_label_value(value);
                if !msgs.is_empty() {
                    errs.push(help(
                        Diagnostic::invalid(ip.child("operator"), req_span(t, "value"), value, msgs.join(";")),
                        rules::POD_TOLERATIONS_VALUE,
                        "With operator Equal the toleration's value is compared with the taint's value, so it must be a valid label value.",
                        "运算符为 Equal 时，容忍度的 value 要和污点的值比较，所以必须是合法的标签值。",
                        "Use the taint's exact value.",
                        "使用污点的确切值。",
                    ));
                }
            }
            "Exists" => {
                if !value.is_empty() {
                    errs.push(
                        help(
                            Diagnostic::invalid(ip.child("operator"), value_span(t, "value"), value, "value must be empty when `operator` is 'Exists'"),
                            rules::POD_TOLERATIONS_EXISTS_VALUE,
                            "Operator Exists matches any value of the taint key, so a value would be meaningless.",
                            "Exists 运算符匹配该污点键的任何值，所以写 value 没有意义。",
                            "Remove `value`, or use `operator: Equal`.",
                            "删掉 `value`，或者改用 `operator: Equal`。",
                        ),
                    );
                }
            }
            other => errs.push(help(
                Diagnostic::not_supported(ip.child("operator"), value_span(t, "operator"), other, &["Equal", "Exists"]),
                rules::POD_TOLERATIONS_OPERATOR,
                "A toleration's operator is Equal (key and value must match) or Exists (only the key must match). Case matters.",
                "容忍度的运算符是 Equal（键和值都要匹配）或 Exists（只需键匹配）。区分大小写。",
                "Use `operator: Equal` or `operator: Exists`.",
                "使用 `operator: Equal` 或 `operator: Exists`。",
            )),
        }
        if !effect.is_empty() && !matches!(effect, "NoSchedule" | "PreferNoSchedule" | "NoExecute")
        {
            errs.push(help(
                Diagnostic::not_supported(ip.child("effect"), value_span(t, "effect"), effect, &["NoSchedule", "PreferNoSchedule", "NoExecute"]),
                rules::POD_TOLERATIONS_EFFECT,
                "A taint effect is NoSchedule, PreferNoSchedule or NoExecute (an empty effect tolerates all three).",
                "污点效果只能是 NoSchedule、PreferNoSchedule 或 NoExecute（留空表示三种都容忍）。",
                "Use one of NoSchedule, PreferNoSchedule, NoExecute (case matters).",
                "使用 NoSchedule、PreferNoSchedule、NoExecute 之一（区分大小写）。",
            ));
        }
    }
}

/// `ValidateHostAliases`: a valid IP and DNS-subdomain hostnames.
fn host_aliases(spec: &Node, sp: &FieldPath, errs: &mut Vec<Diagnostic>) {
    for (i, ha) in spec.seq("hostAliases").iter().enumerate() {
        let p = sp.child("hostAliases").index(i);
        let ip = str_of(ha, "ip");
        for msg in names::is_valid_ip_for_legacy_field(ip, STRICT_IP_CIDR_VALIDATION) {
            errs.push(help(
                Diagnostic::invalid(p.child("ip"), req_span(ha, "ip"), ip, msg),
                rules::POD_HOST_ALIASES_IP,
                "hostAliases add lines to the Pod's /etc/hosts: each maps an IP address to host names, so `ip` must be an IPv4 or IPv6 address (since the StrictIPCIDRValidation feature, on by default since Kubernetes 1.36: without leading zeros, not IPv4-mapped IPv6).",
                "hostAliases 会在 Pod 的 /etc/hosts 里加行：每一项把一个 IP 地址映射到若干主机名，所以 `ip` 必须是 IPv4 或 IPv6 地址（自 StrictIPCIDRValidation 特性起，Kubernetes 1.36 起默认开启：不能有前导零，也不能是 IPv4 映射的 IPv6 地址）。",
                "Write an address such as `127.0.0.1` (quoting it is fine).",
                "写一个地址，例如 `127.0.0.1`（加引号也可以）。",
            ));
        }
        for (j, (h, span)) in strings_of(ha, "hostnames").iter().enumerate() {
            check_name(
                NameFormat::Dns1123Subdomain,
                h,
                &p.child("hostnames").index(j),
                *span,
                ("the host name", "主机名"),
                rules::POD_HOST_ALIASES_HOSTNAME,
                errs,
            );
        }
    }
}

/// `validateOS`, then `validateLinux` / `validateWindows`.
fn validate_os(spec: &Node, sp: &FieldPath, errs: &mut Vec<Diagnostic>) {
    let Some(os) = spec.get("os") else { return };
    let p = sp.child("os");
    let name = str_of(os, "name");
    if name.is_empty() {
        errs.push(help(
            Diagnostic::required(p.child("name"), req_span(os, "name"), "cannot be empty"),
            rules::POD_OS_NAME,
            "spec.os.name tells Kubernetes which operating system the Pod needs: linux or windows.",
            "spec.os.name 告诉 Kubernetes Pod 需要哪种操作系统：linux 或 windows。",
            "Set `name: linux`.",
            "设置 `name: linux`。",
        ));
        return;
    }
    if name != "linux" && name != "windows" {
        let fixed = ["linux", "windows"]
            .into_iter()
            .find(|v| v.eq_ignore_ascii_case(name));
        let mut d = help(
            Diagnostic::not_supported(&p, value_span(os, "name"), name, &["linux", "windows"]),
            rules::POD_OS_NAME,
            format!(
                "spec.os.name is linux or windows, in lowercase; {} is not one of them.",
                crate::diag::go_quote(name)
            ),
            format!(
                "spec.os.name 只能是小写的 linux 或 windows；{} 不在其中。",
                crate::diag::go_quote(name)
            ),
            "Use `linux` or `windows`.",
            "使用 `linux` 或 `windows`。",
        );
        if let Some(f) = fixed {
            d = d.with_replacement(value_span(os, "name"), f);
        }
        errs.push(d);
        return;
    }
    let sc = spec.get("securityContext");
    if name == "linux" {
        if let Some(sc) = sc {
            if sc.get("windowsOptions").is_some() {
                errs.push(linux_forbidden(
                    sp.child("securityContext").child("windowsOptions"),
                    key_span(sc, "windowsOptions"),
                ));
            }
        }
        for (c, cp) in all_containers(spec) {
            if let Some(csc) = c.get("securityContext") {
                if csc.get("windowsOptions").is_some() {
                    errs.push(linux_forbidden(
                        cp.child("securityContext").child("windowsOptions"),
                        key_span(csc, "windowsOptions"),
                    ));
                }
            }
        }
        return;
    }
    // Windows: the pod-level fields first (including the host* fields of the internal context).
    let scp = sp.child("securityContext");
    let mut pod_fields: Vec<(FieldPath, crate::span::Span)> = Vec::new();
    let sc_has = |k: &str| sc.and_then(|s| s.get(k)).is_some();
    let sc_span = |k: &str| sc.map(|s| key_span(s, k)).unwrap_or_default();
    if sc_has("appArmorProfile") {
        pod_fields.push((scp.child("appArmorProfile"), sc_span("appArmorProfile")));
    }
    if sc_has("seLinuxOptions") {
        pod_fields.push((scp.child("seLinuxOptions"), sc_span("seLinuxOptions")));
    }
    if spec.get("hostUsers").is_some() {
        pod_fields.push((sp.child("hostUsers"), key_span(spec, "hostUsers")));
    }
    if bool_of(spec, "hostPID") {
        pod_fields.push((sp.child("hostPID"), key_span(spec, "hostPID")));
    }
    if bool_of(spec, "hostIPC") {
        pod_fields.push((sp.child("hostIPC"), key_span(spec, "hostIPC")));
    }
    if sc_has("seccompProfile") {
        pod_fields.push((scp.child("seccompProfile"), sc_span("seccompProfile")));
    }
    if sc_has("fsGroup") {
        pod_fields.push((scp.child("fsGroup"), sc_span("fsGroup")));
    }
    if sc_has("fsGroupChangePolicy") {
        pod_fields.push((
            scp.child("fsGroupChangePolicy"),
            sc_span("fsGroupChangePolicy"),
        ));
    }
    if sc.is_some_and(|s| !s.seq("sysctls").is_empty()) {
        pod_fields.push((scp.child("sysctls"), sc_span("sysctls")));
    }
    if spec.get("shareProcessNamespace").is_some() {
        pod_fields.push((
            sp.child("shareProcessNamespace"),
            key_span(spec, "shareProcessNamespace"),
        ));
    }
    for k in [
        "runAsUser",
        "runAsGroup",
        "supplementalGroups",
        "supplementalGroupsPolicy",
        "seLinuxChangePolicy",
    ] {
        if sc_has(k) {
            pod_fields.push((scp.child(k), sc_span(k)));
        }
    }
    for (path, span) in pod_fields {
        errs.push(windows_forbidden(path, span));
    }
    for (c, cp) in all_containers(spec) {
        let Some(csc) = c.get("securityContext") else {
            continue;
        };
        let scp = cp.child("securityContext");
        for k in [
            "appArmorProfile",
            "seLinuxOptions",
            "seccompProfile",
            "capabilities",
            "readOnlyRootFilesystem",
            "privileged",
            "allowPrivilegeEscalation",
            "procMount",
            "runAsUser",
            "runAsGroup",
        ] {
            if csc.get(k).is_some() {
                errs.push(windows_forbidden(scp.child(k), key_span(csc, k)));
            }
        }
    }
}

fn linux_forbidden(path: FieldPath, span: crate::span::Span) -> Diagnostic {
    help(
        Diagnostic::forbidden(path, span, "windows options cannot be set for a linux pod"),
        rules::POD_OS_LINUX,
        "This Pod says it runs on Linux (spec.os.name: linux), so Windows-only settings make no sense.",
        "这个 Pod 声明运行在 Linux 上（spec.os.name: linux），所以 Windows 专用设置没有意义。",
        "Remove windowsOptions.",
        "删掉 windowsOptions。",
    )
}

fn windows_forbidden(path: FieldPath, span: crate::span::Span) -> Diagnostic {
    help(
        Diagnostic::forbidden(path, span, "cannot be set for a windows pod"),
        rules::POD_OS_WINDOWS,
        "This Pod says it runs on Windows (spec.os.name: windows); this setting only exists on Linux (namespaces, Linux users and groups, seccomp, AppArmor, SELinux, capabilities …).",
        "这个 Pod 声明运行在 Windows 上（spec.os.name: windows）；这个设置只在 Linux 上存在（命名空间、Linux 用户和组、seccomp、AppArmor、SELinux、capabilities……）。",
        "Remove the field, or use securityContext.windowsOptions for Windows settings.",
        "删掉这个字段；Windows 相关设置请用 securityContext.windowsOptions。",
    )
}

/// `validateSeccompAnnotationsAndFields`: when both the deprecated annotation and the field are
/// set, they must agree.
fn seccomp_annotations_match(pod: &Node, spec: &Node, sp: &FieldPath, errs: &mut Vec<Diagnostic>) {
    let ann = string_map(annotations(pod));
    let get = |k: &str| {
        ann.iter()
            .find(|(key, _, _, _)| *key == k)
            .map(|(_, _, v, _)| *v)
    };
    if let Some(field) = spec
        .get("securityContext")
        .and_then(|s| s.get("seccompProfile"))
    {
        if let Some(a) = get(SECCOMP_POD_ANNOTATION) {
            if let Some(d) = seccomp_match(
                a,
                field,
                &sp.child("securityContext").child("seccompProfile"),
            ) {
                errs.push(d);
            }
        }
    }
    for (c, cp) in all_containers(spec) {
        let Some(field) = c
            .get("securityContext")
            .and_then(|s| s.get("seccompProfile"))
        else {
            continue;
        };
        let key = format!("{SECCOMP_CONTAINER_PREFIX}{}", str_of(c, "name"));
        if let Some(a) = get(&key) {
            if let Some(d) = seccomp_match(
                a,
                field,
                &cp.child("securityContext").child("seccompProfile"),
            ) {
                errs.push(d);
            }
        }
    }
}

fn seccomp_match(annotation: &str, field: &Node, p: &FieldPath) -> Option<Diagnostic> {
    let mismatch = |path: FieldPath, span, detail: &str| {
        help(
            Diagnostic::forbidden(path, span, detail),
            rules::POD_SECCOMP_MISMATCH,
            "Both the deprecated seccomp annotation and securityContext.seccompProfile are set, and they disagree.",
            "同时设置了已废弃的 seccomp 注解和 securityContext.seccompProfile，而且两者不一致。",
            "Remove the annotation and keep the field.",
            "删掉注解，只保留字段。",
        )
    };
    let t = str_of(field, "type");
    let span = value_span(field, "type");
    match t {
        "Unconfined" if annotation != "unconfined" => Some(mismatch(
            p.child("type"),
            span,
            "seccomp type in annotation and field must match",
        )),
        "RuntimeDefault" if annotation != "runtime/default" && annotation != "docker/default" => {
            Some(mismatch(
                p.child("type"),
                span,
                "seccomp type in annotation and field must match",
            ))
        }
        "Localhost" => match annotation.strip_prefix("localhost/") {
            None => Some(mismatch(
                p.child("type"),
                span,
                "seccomp type in annotation and field must match",
            )),
            Some(rest) if field.str("localhostProfile") != Some(rest) => Some(mismatch(
                p.child("localhostProfile"),
                value_span(field, "localhostProfile"),
                "seccomp profile in annotation and field must match",
            )),
            Some(_) => None,
        },
        _ => None,
    }
}

/// `validateAppArmorAnnotationsAndFieldsMatchOnCreate`.
fn app_armor_annotations_match(
    pod: &Node,
    spec: &Node,
    _sp: &FieldPath,
    errs: &mut Vec<Diagnostic>,
) {
    if spec.get("os").map(|o| str_of(o, "name")) == Some("windows") {
        return;
    }
    let ann = string_map(annotations(pod));
    let pod_profile = spec
        .get("securityContext")
        .and_then(|s| s.get("appArmorProfile"));
    for (c, cp) in all_containers(spec) {
        let profile = c
            .get("securityContext")
            .and_then(|s| s.get("appArmorProfile"))
            .or(pod_profile);
        let Some(profile) = profile else { continue };
        let key = format!("{APPARMOR_CONTAINER_PREFIX}{}", str_of(c, "name"));
        let Some((_, _, a, _)) = ann.iter().find(|(k, _, _, _)| *k == key) else {
            continue;
        };
        let ap = cp.child("securityContext").child("appArmorProfile");
        let span = value_span(profile, "type");
        let mismatch = |path: FieldPath, span, detail: &str| {
            help(
                Diagnostic::forbidden(path, span, detail),
                rules::POD_APPARMOR_MISMATCH,
                "Both the deprecated AppArmor annotation and securityContext.appArmorProfile are set for this container, and they disagree.",
                "这个容器同时设置了已废弃的 AppArmor 注解和 securityContext.appArmorProfile，而且两者不一致。",
                "Remove the annotation and keep the field.",
                "删掉注解，只保留字段。",
            )
        };
        match str_of(profile, "type") {
            "Unconfined" if *a != "unconfined" => errs.push(mismatch(
                ap.child("type"),
                span,
                "apparmor type in annotation and field must match",
            )),
            "RuntimeDefault" if *a != "runtime/default" => errs.push(mismatch(
                ap.child("type"),
                span,
                "apparmor type in annotation and field must match",
            )),
            "Localhost" => match a.strip_prefix("localhost/") {
                None => errs.push(mismatch(
                    ap.child("type"),
                    span,
                    "apparmor type in annotation and field must match",
                )),
                Some(rest) if profile.str("localhostProfile") != Some(rest) => errs.push(mismatch(
                    ap.child("localhostProfile"),
                    value_span(profile, "localhostProfile"),
                    "apparmor profile in annotation and field must match",
                )),
                Some(_) => {}
            },
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn deletion_cost_parsing_matches_go() {
        for ok in ["0", "1", "-1", "2147483647", "-2147483648", "100"] {
            assert!(valid_deletion_cost(ok), "{ok}");
        }
        for bad in ["", "+1", "01", "2147483648", "1.5", "abc", "-"] {
            assert!(!valid_deletion_cost(bad), "{bad}");
        }
    }
}
