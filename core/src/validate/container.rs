//! Containers, init containers (incl. native sidecars) and ephemeral containers: everything under
//! `validateContainers`, `validateInitContainers`, `validateEphemeralContainers` and
//! `validateContainerCommon` in `pkg/apis/core/validation/validation.go`, in the order Go
//! produces the errors, with Go's field paths and messages.
//!
//! The parts live beside this file: `container_ports` (ports, host ports), `container_env`
//! (env, envFrom), `container_mounts` (volumeMounts, volumeDevices), `container_resources`
//! (resources, resizePolicy), `container_probes` (probes, lifecycle hooks) and
//! `container_security` (the container securityContext).
//!
//! Feature gates as they stand in 1.37 (on by default): RelaxedEnvironmentVariableValidation,
//! PodLifecycleSleepActionAllowZero, InPlacePodVerticalScaling (sidecars may have a
//! resizePolicy), PodLevelResources, ContainerRestartRules (beta since 1.35: regular containers
//! may set `restartPolicy`). The cluster is assumed to allow privileged containers
//! (`--allow-privileged=true`, as kubeadm, kind and minikube set it).

use crate::vecmap::VecMap;

use super::{container_env, container_mounts, container_ports, container_probes};
use super::{container_resources, container_security, missing, NameFormat};
use crate::diag::{BadValue, Diagnostic, FieldPath};
use crate::rules;
use crate::span::Span;
use crate::tree::{Node, Value};

/// What container validation needs to know about the pod around it (computed by `pod`).
pub struct PodContext<'a> {
    /// The whole pod object.
    pub pod: &'a Node,
    /// `spec.volumes` by name (the ones that validated), for volumeMounts/volumeDevices.
    pub volumes: VecMap<&'a str, &'a Node>,
    /// `spec.restartPolicy` after defaulting.
    pub restart_policy: &'a str,
    pub host_network: bool,
    pub share_process_namespace: bool,
    /// `spec.os.name == "windows"`.
    pub os_windows: bool,
}

impl PodContext<'_> {
    fn spec(&self) -> Option<&Node> {
        self.pod.get("spec")
    }

    /// `spec.terminationGracePeriodSeconds` (Go passes the pointer; nil when absent).
    pub(crate) fn grace_period(&self) -> Option<i64> {
        self.spec()?.get("terminationGracePeriodSeconds")?.as_i64()
    }

    /// `hostUsers` defaults to true: a pod without `spec.hostUsers: false` shares the host's
    /// user namespace.
    pub(crate) fn host_users(&self) -> bool {
        self.spec()
            .and_then(|s| s.get("hostUsers"))
            .and_then(Node::as_bool)
            != Some(false)
    }

    /// `gatherPodResourceClaimNames`: the non-empty `spec.resourceClaims[].name`s.
    pub(crate) fn pod_claim_names(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self
            .spec()
            .map(|s| s.seq("resourceClaims"))
            .unwrap_or(&[])
            .iter()
            .filter_map(|c| c.str("name"))
            .filter(|n| !n.is_empty())
            .collect();
        crate::sort::sort(&mut v);
        v.dedup();
        v
    }
}

/// `validateContainers` for `spec.containers` (`path` is `spec.containers`).
pub fn validate_containers(
    list: &[Node],
    path: &FieldPath,
    ctx: &PodContext,
    errs: &mut Vec<Diagnostic>,
) {
    if list.is_empty() {
        let spec = ctx.spec();
        let span = match spec.and_then(|s| s.entry("containers")) {
            Some(e) => e.value.span,
            None => missing(spec.unwrap_or(ctx.pod)),
        };
        errs.push(help(
            Diagnostic::required(path, span, ""),
            rules::CONTAINERS_REQUIRED,
            "A Pod must have at least one container in `spec.containers`: the containers are what the Pod runs. Init containers alone are not enough.",
            "Pod 的 `spec.containers` 里至少要有一个容器：Pod 运行的就是这些容器。只有 init 容器是不够的。",
            "Add a `containers:` list under `spec` with at least one item that has a `name` and an `image`.",
            "在 `spec` 下添加 `containers:` 列表，至少包含一个带 `name` 和 `image` 的容器。",
        ));
        return;
    }
    let mut all_names: Vec<&str> = Vec::new();
    for (i, ctr) in list.iter().enumerate() {
        let p = path.index(i);
        validate_container_common(ctr, &p, ctx, errs);
        let name = str_of(ctr, "name");
        if all_names.contains(&name) {
            errs.push(duplicate_name(ctr, &p, name));
        } else {
            all_names.push(name);
        }
        validate_lifecycle_and_probes(ctr, &p, ctx, errs);
        // ContainerRestartRules (beta, on by default since 1.35): a regular container may set its
        // own restartPolicy, which overrides the pod's.
        if let Some(rp) = ctr.get("restartPolicy") {
            validate_container_restart_policy(ctr, rp, &p.child("restartPolicy"), false, errs);
        }
        validate_restart_policy_rules(ctr, &p.child("restartPolicyRules"), errs);
    }
    container_ports::check_host_port_conflicts(list, path, errs);
}

/// What a regular container (and a restartable init container, a sidecar) may set that other
/// init containers may not: `lifecycle` and the three probes.
fn validate_lifecycle_and_probes(
    ctr: &Node,
    p: &FieldPath,
    ctx: &PodContext,
    errs: &mut Vec<Diagnostic>,
) {
    if let Some(lc) = ctr.get("lifecycle") {
        container_probes::validate_lifecycle(lc, &p.child("lifecycle"), ctx, errs);
    }
    container_probes::validate_liveness_probe(
        ctr.get("livenessProbe"),
        &p.child("livenessProbe"),
        ctx,
        errs,
    );
    container_probes::validate_readiness_probe(
        ctr.get("readinessProbe"),
        &p.child("readinessProbe"),
        ctx,
        errs,
    );
    container_probes::validate_startup_probe(
        ctr.get("startupProbe"),
        &p.child("startupProbe"),
        ctx,
        errs,
    );
}

/// `validateInitContainers` for `spec.initContainers` (`path` is `spec.initContainers`).
/// `other_names` are the names of the regular containers (names must be unique across both lists).
pub fn validate_init_containers(
    list: &[Node],
    other_names: &[&str],
    path: &FieldPath,
    ctx: &PodContext,
    errs: &mut Vec<Diagnostic>,
) {
    let mut all_names: Vec<&str> = other_names.to_vec();
    for (i, ctr) in list.iter().enumerate() {
        let p = path.index(i);
        validate_container_common(ctr, &p, ctx, errs);
        let mut restart_always = false;
        if let Some(rp) = ctr.get("restartPolicy") {
            validate_container_restart_policy(ctr, rp, &p.child("restartPolicy"), true, errs);
            restart_always = rp.as_str() == Some("Always");
        }
        let name = str_of(ctr, "name");
        if all_names.contains(&name) {
            errs.push(duplicate_name(ctr, &p, name));
        } else if !name.is_empty() {
            all_names.push(name);
        }
        // Init containers run one by one, so host ports are only checked within each one.
        container_ports::check_host_port_conflicts(std::slice::from_ref(ctr), path, errs);
        if restart_always {
            validate_lifecycle_and_probes(ctr, &p, ctx, errs);
        } else {
            for field in [
                "lifecycle",
                "livenessProbe",
                "readinessProbe",
                "startupProbe",
            ] {
                if let Some(e) = ctr.entry(field).filter(|e| !e.value.is_null()) {
                    errs.push(init_forbidden(field, e.key_span, &p, name));
                }
            }
        }
        validate_restart_policy_rules(ctr, &p.child("restartPolicyRules"), errs);
        // AllowSidecarResizePolicy follows InPlacePodVerticalScaling (GA): resizePolicy is allowed.
    }
}

/// `validateEphemeralContainers` for `spec.ephemeralContainers`. `containers` and
/// `init_containers` are the pod's other two lists (names must be unique across all three, and
/// `targetContainerName` must name one of them).
///
/// On create the API server also rejects the whole list (see
/// [`validate_ephemeral_containers_on_create`]); this is the part `ValidatePodSpec` runs.
pub fn validate_ephemeral_containers(
    list: &[Node],
    containers: &[Node],
    init_containers: &[Node],
    path: &FieldPath,
    ctx: &PodContext,
    errs: &mut Vec<Diagnostic>,
) {
    if list.is_empty() {
        return;
    }
    let other: Vec<&str> = containers
        .iter()
        .chain(init_containers)
        .map(|c| str_of(c, "name"))
        .collect();
    let mut all = other.clone();
    for (i, ec) in list.iter().enumerate() {
        let p = path.index(i);
        validate_container_common(ec, &p, ctx, errs);
        validate_container_only_for_pod(ec, &p, errs);
        let name = str_of(ec, "name");
        if all.contains(&name) {
            errs.push(duplicate_name(ec, &p, name));
        } else {
            all.push(name);
        }
        let target = str_of(ec, "targetContainerName");
        if !target.is_empty() && !other.contains(&target) {
            let d = Diagnostic::not_found(
                p.child("targetContainerName"),
                at(ec, "targetContainerName"),
                target,
            );
            errs.push(help(
                d,
                rules::EPHEMERAL_TARGET_NOT_FOUND,
                format!("`targetContainerName` must name a container or init container of this Pod; there is none called \"{target}\"."),
                format!("`targetContainerName` 必须是本 Pod 中某个容器或 init 容器的名字，但没有叫 \"{target}\" 的容器。"),
                format!("Use one of: {}.", other.join(", ")),
                format!("请改用以下之一：{}。", other.join("、")),
            ));
        }
        // validateFieldAllowList: the fields of EphemeralContainerCommon that are not allowed,
        // in the struct's field order.
        for field in [
            "ports",
            "resources",
            "resizePolicy",
            "restartPolicy",
            "restartPolicyRules",
            "livenessProbe",
            "readinessProbe",
            "startupProbe",
            "lifecycle",
        ] {
            if let Some(e) = ec.entry(field).filter(|e| is_set(&e.value)) {
                let d = Diagnostic::forbidden(
                    p.child(field),
                    e.key_span,
                    "cannot be set for an Ephemeral Container",
                );
                errs.push(help(
                    d,
                    rules::EPHEMERAL_FIELD_FORBIDDEN,
                    format!("Ephemeral (debug) containers are temporary helpers; Kubernetes does not let them have `{field}`, because nothing in the Pod may depend on them."),
                    format!("临时（调试）容器只是临时的帮手；Kubernetes 不允许它们设置 `{field}`，因为 Pod 里任何东西都不应依赖它们。"),
                    format!("Remove `{field}` from this ephemeral container."),
                    format!("从这个临时容器中删除 `{field}`。"),
                ));
            }
        }
        for (j, vm) in ec.seq("volumeMounts").iter().enumerate() {
            for field in ["subPath", "subPathExpr"] {
                if !str_of(vm, field).is_empty() {
                    let d = Diagnostic::forbidden(
                        p.child("volumeMounts").index(j).child(field),
                        super::key_span(vm, field),
                        "cannot be set for an Ephemeral Container",
                    );
                    errs.push(help(
                        d,
                        rules::EPHEMERAL_SUBPATH_FORBIDDEN,
                        "Sub-path mounts are bind mounts that stay until the Pod ends, so ephemeral containers may not use them.",
                        "子路径挂载是一直保留到 Pod 结束的绑定挂载，所以临时容器不能使用。",
                        format!("Remove `{field}` and mount the whole volume."),
                        format!("删除 `{field}`，直接挂载整个卷。"),
                    ));
                }
            }
        }
    }
}

/// `ValidatePodCreate`: `spec.ephemeralContainers: Forbidden: cannot be set on create` (they can
/// only be added later through the `ephemeralcontainers` subresource, e.g. `kubectl debug`).
pub fn validate_ephemeral_containers_on_create(
    spec: &Node,
    path: &FieldPath,
    errs: &mut Vec<Diagnostic>,
) {
    if let Some(e) = spec.entry("ephemeralContainers") {
        if !e.value.seq_or_empty().is_empty() {
            let d = Diagnostic::forbidden(
                path.child("ephemeralContainers"),
                e.key_span,
                "cannot be set on create",
            );
            errs.push(help(
                d,
                rules::EPHEMERAL_ON_CREATE,
                "Ephemeral containers cannot be part of a new Pod: they are added to a running Pod for debugging, with `kubectl debug`.",
                "新建 Pod 时不能带临时容器：临时容器是用 `kubectl debug` 给运行中的 Pod 临时加上去调试用的。",
                "Remove `ephemeralContainers` from the manifest; after the Pod runs, use `kubectl debug -it <pod> --image=busybox`.",
                "从清单中删除 `ephemeralContainers`；Pod 运行后用 `kubectl debug -it <pod> --image=busybox`。",
            ));
        }
    }
}

/// `validateContainersOnlyForPod` (called from `validatePodMetadataAndSpec` for
/// `spec.containers` and `spec.initContainers`): the image may not have leading or trailing
/// whitespace.
pub fn validate_containers_only_for_pod(
    list: &[Node],
    path: &FieldPath,
    errs: &mut Vec<Diagnostic>,
) {
    for (i, c) in list.iter().enumerate() {
        validate_container_only_for_pod(c, &path.index(i), errs);
    }
}

fn validate_container_only_for_pod(c: &Node, p: &FieldPath, errs: &mut Vec<Diagnostic>) {
    let image = str_of(c, "image");
    if image.len() != image.trim().len() {
        let trimmed = image.trim();
        let d = Diagnostic::invalid(
            p.child("image"),
            at(c, "image"),
            image,
            "must not have leading or trailing whitespace",
        );
        let d = help(
            d,
            rules::IMAGE_WHITESPACE,
            "The image name has spaces (or tabs, newlines) at its start or end, which no registry name can have.",
            "镜像名开头或结尾有空格（或制表符、换行），任何镜像仓库名都不允许这样。",
            format!("Write the image without the surrounding whitespace: `{trimmed}`."),
            format!("去掉前后的空白，写成 `{trimmed}`。"),
        );
        errs.push(with_fix(d, c, "image", trimmed));
    }
}

/// `validatePodHostNetworkDeps`: with `hostNetwork: true`, a Pod's `hostPort` must equal its
/// `containerPort` (defaulting copies containerPort into an unset hostPort). Only
/// `spec.containers` are checked, as in Go. `path` is `spec`.
pub fn validate_pod_host_network_deps(spec: &Node, path: &FieldPath, errs: &mut Vec<Diagnostic>) {
    if spec.get("hostNetwork").and_then(Node::as_bool) != Some(true) {
        return;
    }
    let cpath = path.child("containers");
    for (i, c) in spec.seq("containers").iter().enumerate() {
        for (j, port) in c.seq("ports").iter().enumerate() {
            let hp = int_of(port, "hostPort").unwrap_or(0);
            let cp = int_of(port, "containerPort").unwrap_or(0);
            if hp != cp {
                let d = Diagnostic::invalid(
                    cpath.index(i).child("ports").index(j).child("hostPort"),
                    at(port, "hostPort"),
                    hp,
                    "must match `containerPort` when `hostNetwork` is true",
                );
                let d = help(
                    d,
                    rules::HOST_NETWORK_HOST_PORT,
                    format!("With `hostNetwork: true` the container listens directly on the node's network, so the port on the node (hostPort {hp}) is the container's port ({cp}); they cannot differ."),
                    format!("`hostNetwork: true` 时容器直接使用节点的网络，节点上的端口（hostPort {hp}）就是容器端口（{cp}），两者不能不同。"),
                    format!("Set `hostPort: {cp}` or remove `hostPort` (it is filled in from containerPort)."),
                    format!("把 `hostPort` 改为 {cp}，或删掉 `hostPort`（会自动取 containerPort 的值）。"),
                );
                errs.push(with_fix_raw(d, port, "hostPort", &cp.to_string()));
            }
        }
    }
}

/// `validateContainerCommon`: what every kind of container must satisfy.
fn validate_container_common(
    ctr: &Node,
    p: &FieldPath,
    ctx: &PodContext,
    errs: &mut Vec<Diagnostic>,
) {
    let name_path = p.child("name");
    let name = str_of(ctr, "name");
    if name.is_empty() {
        let d = Diagnostic::required(&name_path, at(ctr, "name"), "");
        errs.push(help(
            d,
            rules::CONTAINER_NAME_REQUIRED,
            "Every container needs a `name`: Kubernetes uses it in logs, events, `kubectl exec -c` and to keep containers apart.",
            "每个容器都要有 `name`：日志、事件、`kubectl exec -c` 都靠它区分容器。",
            "Add `name: <something>` to this container, lowercase letters, digits and '-', e.g. `name: web`.",
            "给这个容器加上 `name:`，只用小写字母、数字和 '-'，例如 `name: web`。",
        ));
    } else {
        let label = NameFormat::Dns1123Label;
        let suggestion = label.suggest(name);
        for msg in label.messages(name) {
            let d = Diagnostic::invalid(&name_path, at(ctr, "name"), name, msg);
            let (fix_en, fix_zh) = match &suggestion {
                Some(s) => (
                    format!("Rename it, for example to `{s}`."),
                    format!("改个名字，例如 `{s}`。"),
                ),
                None => (
                    "Rename it with lowercase letters, digits and '-' only, e.g. `web`."
                        .to_string(),
                    "改个名字，只用小写字母、数字和 '-'，例如 `web`。".to_string(),
                ),
            };
            let d = help(
                d,
                rules::CONTAINER_NAME_DNS_LABEL,
                format!("A container name must be a DNS label: at most 63 characters, only lowercase letters a-z, digits and '-', starting and ending with a letter or digit. \"{name}\" is not."),
                format!("容器名必须是 DNS 标签：最多 63 个字符，只能有小写字母 a-z、数字和 '-'，并且以字母或数字开头和结尾。\"{name}\" 不符合。"),
                fix_en,
                fix_zh,
            );
            errs.push(match &suggestion {
                Some(s) => with_fix(d, ctr, "name", s),
                None => d,
            });
        }
    }
    if str_of(ctr, "image").is_empty() {
        let d = Diagnostic::required(p.child("image"), at(ctr, "image"), "");
        errs.push(help(
            d,
            rules::IMAGE_REQUIRED,
            "A container in a Pod must say which image to run. (The field is optional in templates so that tools can fill it in, but a Pod itself needs it.)",
            "Pod 里的容器必须指明要运行哪个镜像。（模板里这个字段可以先空着由工具填，但 Pod 本身必须有。）",
            "Add `image:`, e.g. `image: nginx:1.27` or `image: busybox:1.36`.",
            "加上 `image:`，例如 `image: nginx:1.27` 或 `image: busybox:1.36`。",
        ));
    }
    validate_termination_message_policy(ctr, p, errs);
    container_ports::validate_container_ports(ctr.seq("ports"), &p.child("ports"), errs);
    container_env::validate_env(ctr.seq("env"), &p.child("env"), errs);
    container_env::validate_env_from(ctr.seq("envFrom"), &p.child("envFrom"), errs);
    container_mounts::validate_volume_mounts(ctr, &p.child("volumeMounts"), ctx, errs);
    container_mounts::validate_volume_devices(ctr, &p.child("volumeDevices"), ctx, errs);
    validate_pull_policy(ctr, p, errs);
    container_resources::validate_container_resources(
        ctr.get("resources"),
        &p.child("resources"),
        ctx,
        errs,
    );
    container_resources::validate_resize_policy(ctr, &p.child("resizePolicy"), ctx, errs);
    if let Some(sc) = ctr.get("securityContext") {
        container_security::validate_security_context(sc, &p.child("securityContext"), ctx, errs);
    }
}

fn validate_termination_message_policy(ctr: &Node, p: &FieldPath, errs: &mut Vec<Diagnostic>) {
    const SUPPORTED: &[&str] = &["File", "FallbackToLogsOnError"];
    let v = str_of(ctr, "terminationMessagePolicy");
    let path = p.child("terminationMessagePolicy");
    match v {
        "File" | "FallbackToLogsOnError" => {}
        "" => {
            let d = Diagnostic::required(path, at(ctr, "terminationMessagePolicy"), "");
            errs.push(help(
                d,
                rules::TERMINATION_MESSAGE_POLICY_REQUIRED,
                "`terminationMessagePolicy` may not be empty (left out, it defaults to `File`).",
                "`terminationMessagePolicy` 不能为空（不写时默认是 `File`）。",
                "Remove the empty field or set `terminationMessagePolicy: File`.",
                "删掉这个空字段，或写 `terminationMessagePolicy: File`。",
            ));
        }
        _ => {
            let d =
                Diagnostic::not_supported(path, at(ctr, "terminationMessagePolicy"), v, SUPPORTED);
            let d = help(
                d,
                rules::TERMINATION_MESSAGE_POLICY_UNSUPPORTED,
                format!("\"{v}\" is not a termination message policy. `File` reads the message from terminationMessagePath; `FallbackToLogsOnError` also uses the end of the log when that file is empty and the container failed."),
                format!("\"{v}\" 不是合法的终止消息策略。`File` 从 terminationMessagePath 读取消息；`FallbackToLogsOnError` 在该文件为空且容器失败时改用日志末尾。"),
                "Use `File` or `FallbackToLogsOnError` (spelled exactly so).",
                "请使用 `File` 或 `FallbackToLogsOnError`（大小写要完全一致）。",
            );
            errs.push(case_fix(d, ctr, "terminationMessagePolicy", v, SUPPORTED));
        }
    }
}

fn validate_pull_policy(ctr: &Node, p: &FieldPath, errs: &mut Vec<Diagnostic>) {
    const SUPPORTED: &[&str] = &["Always", "IfNotPresent", "Never"];
    let v = str_of(ctr, "imagePullPolicy");
    let path = p.child("imagePullPolicy");
    match v {
        "Always" | "IfNotPresent" | "Never" => {}
        "" => {
            let d = Diagnostic::required(path, at(ctr, "imagePullPolicy"), "");
            errs.push(help(
                d,
                rules::IMAGE_PULL_POLICY_REQUIRED,
                "`imagePullPolicy` may not be empty (left out, it is `Always` for `:latest` or untagged images, `IfNotPresent` otherwise).",
                "`imagePullPolicy` 不能为空（不写时，`:latest` 或没有标签的镜像默认 `Always`，其他默认 `IfNotPresent`）。",
                "Remove the empty field, or set `Always`, `IfNotPresent` or `Never`.",
                "删掉这个空字段，或写 `Always`、`IfNotPresent`、`Never` 之一。",
            ));
        }
        _ => {
            let d = Diagnostic::not_supported(path, at(ctr, "imagePullPolicy"), v, SUPPORTED);
            let d = help(
                d,
                rules::IMAGE_PULL_POLICY_UNSUPPORTED,
                format!("\"{v}\" is not a pull policy. `Always` pulls every time the container starts, `IfNotPresent` only when the node lacks the image, `Never` never pulls."),
                format!("\"{v}\" 不是合法的拉取策略。`Always` 每次启动都拉取，`IfNotPresent` 只在节点上没有该镜像时拉取，`Never` 从不拉取。"),
                "Use `Always`, `IfNotPresent` or `Never`, with that exact capitalisation.",
                "请使用 `Always`、`IfNotPresent` 或 `Never`，大小写要一致。",
            );
            errs.push(case_fix(d, ctr, "imagePullPolicy", v, SUPPORTED));
        }
    }
}

/// A container's `restartPolicy`: on an init container `Always` makes it a native sidecar; since
/// ContainerRestartRules (beta in 1.35) `OnFailure` and `Never` are accepted too, and regular
/// containers may set it.
fn validate_container_restart_policy(
    ctr: &Node,
    rp: &Node,
    path: &FieldPath,
    init: bool,
    errs: &mut Vec<Diagnostic>,
) {
    const SUPPORTED: &[&str] = &["Always", "OnFailure", "Never"];
    let Some(v) = rp.as_str() else {
        return;
    };
    if SUPPORTED.contains(&v) {
        return;
    }
    let d = Diagnostic::not_supported(path, rp.span, v, SUPPORTED);
    let (en, zh) = if init {
        (
            format!("\"{v}\" is not a container restart policy. On an init container, `restartPolicy: Always` turns it into a sidecar that keeps running beside the app containers; `OnFailure` and `Never` override the Pod's policy for this container."),
            format!("\"{v}\" 不是合法的容器重启策略。在 init 容器上写 `restartPolicy: Always` 会把它变成与应用容器一起运行的边车（sidecar）；`OnFailure` 和 `Never` 则为这个容器覆盖 Pod 的策略。"),
        )
    } else {
        (
            format!("\"{v}\" is not a container restart policy. A container's own `restartPolicy` overrides the Pod's `restartPolicy` for that container (the ContainerRestartRules feature, on by default since Kubernetes 1.35)."),
            format!("\"{v}\" 不是合法的容器重启策略。容器自己的 `restartPolicy` 会为该容器覆盖 Pod 的 `restartPolicy`（ContainerRestartRules 特性，自 Kubernetes 1.35 起默认开启）。"),
        )
    };
    let d = help(
        d,
        rules::CONTAINER_RESTART_POLICY_UNSUPPORTED,
        en,
        zh,
        "Use `Always`, `OnFailure` or `Never`, or remove the field to follow the Pod's restartPolicy.",
        "请使用 `Always`、`OnFailure` 或 `Never`，或删掉这个字段以沿用 Pod 的 restartPolicy。",
    );
    errs.push(case_fix(d, ctr, "restartPolicy", v, SUPPORTED));
}

/// `restartPolicyRules` (ContainerRestartRules): each rule's `action` and `exitCodes`.
///
/// Decided by the gate's 1.37 default: ContainerRestartRules is beta and on since 1.35
/// (kubernetes.io feature-gates/container-restart-rules.md), so rules are accepted and checked;
/// `RestartAllContainers` as an action needs RestartAllContainersOnContainerExits, alpha and off
/// (feature-gates/restart-all-containers-on-container-exits.md), so `Restart` is the only
/// supported action. Ported: the action and operator value lists (PR 132642), the 255-values
/// limit reported as `Too many` (PR 137136). Not ported, because no copy of the 1.35+
/// validation.go with their messages was available and a made-up message would be presented as
/// kubectl's: that rules need the container's own `restartPolicy` (documented on the
/// pod-lifecycle page), that sidecars may not have rules, and the cap on the number of rules.
/// The simulation follows the documented behaviour (rules apply only with a container
/// `restartPolicy`).
fn validate_restart_policy_rules(ctr: &Node, path: &FieldPath, errs: &mut Vec<Diagnostic>) {
    for (i, rule) in ctr.seq("restartPolicyRules").iter().enumerate() {
        let rp = path.index(i);
        let action = str_of(rule, "action");
        if action != "Restart" {
            let d = Diagnostic::not_supported(
                rp.child("action"),
                at(rule, "action"),
                action,
                &["Restart"],
            );
            errs.push(help(
                d,
                rules::RESTART_RULE_ACTION,
                format!("\"{action}\" is not a restart rule action; the only action is `Restart` (restart the container when the rule matches). `RestartAllContainers` needs the RestartAllContainersOnContainerExits feature, alpha and off by default."),
                format!("\"{action}\" 不是合法的重启规则动作；唯一的动作是 `Restart`（规则匹配时重启容器）。`RestartAllContainers` 需要 RestartAllContainersOnContainerExits 特性，它处于 alpha 阶段，默认关闭。"),
                "Set `action: Restart`.",
                "写成 `action: Restart`。",
            ));
        }
        if let Some(ec) = rule.get("exitCodes") {
            let ep = rp.child("exitCodes");
            let op = str_of(ec, "operator");
            if op != "In" && op != "NotIn" {
                let d = Diagnostic::not_supported(
                    ep.child("operator"),
                    at(ec, "operator"),
                    op,
                    &["In", "NotIn"],
                );
                errs.push(help(
                    d,
                    rules::RESTART_RULE_OPERATOR,
                    format!("\"{op}\" is not an exit-code operator: `In` matches when the exit code is one of `values`, `NotIn` when it is none of them."),
                    format!("\"{op}\" 不是合法的退出码运算符：`In` 表示退出码在 `values` 之中，`NotIn` 表示不在其中。"),
                    "Set `operator: In` or `operator: NotIn`.",
                    "写成 `operator: In` 或 `operator: NotIn`。",
                ));
            }
            let n = ec.seq("values").len();
            if n > 255 {
                let d = Diagnostic::too_many(ep.child("values"), at(ec, "values"), n, 255);
                errs.push(help(
                    d,
                    rules::RESTART_RULE_VALUES,
                    format!("A restart rule may list at most 255 exit codes; this one lists {n}."),
                    format!("一条重启规则最多列出 255 个退出码，这里有 {n} 个。"),
                    "Shorten the list, or use `NotIn` with the few codes that should not match.",
                    "缩短列表，或改用 `NotIn` 列出少数不应匹配的退出码。",
                ));
            }
        }
    }
}

fn duplicate_name(ctr: &Node, p: &FieldPath, name: &str) -> Diagnostic {
    let d = Diagnostic::duplicate(p.child("name"), at(ctr, "name"), name);
    help(
        d,
        rules::CONTAINER_NAME_DUPLICATE,
        format!("Two containers of this Pod are named \"{name}\". Names must be unique across containers, init containers and ephemeral containers, because commands like `kubectl logs -c` pick a container by name."),
        format!("这个 Pod 里有两个容器都叫 \"{name}\"。容器、init 容器和临时容器的名字必须互不相同，因为 `kubectl logs -c` 等命令靠名字选择容器。"),
        format!("Rename one of them, e.g. `{name}-2`."),
        format!("把其中一个改名，例如 `{name}-2`。"),
    )
}

fn init_forbidden(field: &str, span: Span, p: &FieldPath, name: &str) -> Diagnostic {
    let d = Diagnostic::forbidden(
        p.child(field),
        span,
        "may not be set for init containers without restartPolicy=Always",
    );
    let what = match field {
        "lifecycle" => (
            "lifecycle hooks (postStart/preStop)",
            "生命周期钩子（postStart/preStop）",
        ),
        "livenessProbe" => ("a liveness probe", "存活探针（livenessProbe）"),
        "readinessProbe" => ("a readiness probe", "就绪探针（readinessProbe）"),
        _ => ("a startup probe", "启动探针（startupProbe）"),
    };
    help(
        d,
        rules::INIT_CONTAINER_PROBE_FORBIDDEN,
        format!("A regular init container runs once to completion before the app containers start, so it cannot have {}. Only a sidecar (an init container with `restartPolicy: Always`, which keeps running) can.", what.0),
        format!("普通 init 容器在应用容器启动前运行一次直到结束，所以不能有{}。只有边车容器（带 `restartPolicy: Always`、会一直运行的 init 容器）才可以。", what.1),
        format!("Remove `{field}` from init container \"{name}\", or, if it should keep running beside the app, add `restartPolicy: Always` to it."),
        format!("从 init 容器 \"{name}\" 中删除 `{field}`；如果它应该和应用一起持续运行，就给它加上 `restartPolicy: Always`。"),
    )
}

// ---------------------------------------------------------------------------------------------
// Helpers shared by the container files.

pub(super) use super::{help, int_of, str_of};

/// Where a field of `parent` is: its value, or (when absent) the parent's first key.
pub(super) fn at(parent: &Node, key: &str) -> Span {
    super::value_span(parent, key)
}

/// Whether a field holds a non-zero value (Go's `!reflect.DeepEqual(v, zero)`): empty strings,
/// lists, maps, `false` and `0` count as unset.
pub(super) fn is_set(n: &Node) -> bool {
    fn walk(n: &Node, depth: usize) -> bool {
        match &n.value {
            Value::Null => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Uint(u) => *u != 0,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::Seq(items) => !items.is_empty(),
            // Past the depth bound a non-empty map counts as set.
            Value::Map(entries) if depth > 64 => !entries.is_empty(),
            Value::Map(entries) => entries.iter().any(|e| walk(&e.value, depth + 1)),
        }
    }
    walk(n, 0)
}

trait SeqOrEmpty {
    fn seq_or_empty(&self) -> &[Node];
}

impl SeqOrEmpty for Node {
    fn seq_or_empty(&self) -> &[Node] {
        self.as_seq().unwrap_or(&[])
    }
}

/// A quick fix that replaces the value of `key` in `parent` with `text` (quoted when YAML would
/// read it as something other than a string).
pub(super) fn with_fix(d: Diagnostic, parent: &Node, key: &str, text: &str) -> Diagnostic {
    match parent.entry(key) {
        Some(e) if !e.value.defaulted && !text.is_empty() => {
            let rendered = yaml_scalar(text);
            d.with_replacement(e.value.span, rendered)
        }
        _ => d,
    }
}

/// A quick fix that replaces the value of `key` in `parent` with `text` as written (a number).
pub(super) fn with_fix_raw(d: Diagnostic, parent: &Node, key: &str, text: &str) -> Diagnostic {
    match parent.entry(key) {
        Some(e) if !e.value.defaulted && !text.is_empty() => d.with_replacement(e.value.span, text),
        _ => d,
    }
}

/// When `value` differs from a supported value only in letter case (`always` → `Always`),
/// offer that value as a quick fix.
pub(super) fn case_fix(
    d: Diagnostic,
    parent: &Node,
    key: &str,
    value: &str,
    supported: &[&str],
) -> Diagnostic {
    match supported
        .iter()
        .find(|s| s.eq_ignore_ascii_case(value.trim()))
    {
        Some(s) => with_fix(d, parent, key, s),
        None => d,
    }
}

fn yaml_scalar(text: &str) -> String {
    let plain_ok = text
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'/'))
        && text.bytes().any(|b| b.is_ascii_alphabetic())
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n"
        );
    if plain_ok {
        text.to_string()
    } else {
        crate::diag::go_quote(text)
    }
}

/// A Go `%#v`-style rendering of a struct value for `field.Invalid(path, structValue, …)`.
/// Pointer fields print as `(*T)(nil)` when unset and `(*T)(0xc…)` when set: the API server
/// prints the real memory address there, which cannot be known.
pub(super) fn go_struct(type_name: &str, fields: &[(&str, &str, bool)]) -> BadValue {
    let parts: Vec<String> = fields
        .iter()
        .map(|(name, ty, set)| {
            if *set {
                format!("{name}:(*{ty})(0xc…)")
            } else {
                format!("{name}:(*{ty})(nil)")
            }
        })
        .collect();
    BadValue::Raw(format!("{type_name}{{{}}}", parts.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn dns_label_suggestions() {
        let suggest = |s| NameFormat::Dns1123Label.suggest(s);
        assert_eq!(
            suggest("example_app_container").as_deref(),
            Some("example-app-container")
        );
        assert_eq!(suggest("Web").as_deref(), Some("web"));
        // Nothing is left to suggest: no made-up name.
        assert_eq!(suggest("__"), None);
        assert_eq!(suggest("a--b-").as_deref(), Some("a-b"));
        assert_eq!(yaml_scalar("123"), "\"123\"");
        assert_eq!(yaml_scalar("web"), "web");
    }
}
