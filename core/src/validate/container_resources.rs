//! Container resources: `ValidateContainerResourceRequirements` (`validateResourceRequirements`
//! with `validateContainerResourceName`), `ValidateResourceQuantityValue`, the huge page rules,
//! `validateResourceClaimNames`, and `validateResizePolicy`.
//!
//! Go walks the `limits` and `requests` maps in random order; they are walked in source order
//! here (one of the orders the API server can produce).

use super::container::{at, help, str_of, PodContext};
use super::names;
use crate::diag::{BadValue, Diagnostic, FieldPath};
use crate::quantity::parse_node as quantity_of;
use crate::quantity::Quantity;
use crate::rules;
use crate::tree::{Entry, Node};

/// `helper.standardResources` (names valid without a domain prefix).
const STANDARD_RESOURCES: &[&str] = &[
    "cpu",
    "memory",
    "ephemeral-storage",
    "requests.cpu",
    "requests.memory",
    "requests.ephemeral-storage",
    "limits.cpu",
    "limits.memory",
    "limits.ephemeral-storage",
    "pods",
    "resourcequotas",
    "services",
    "replicationcontrollers",
    "secrets",
    "persistentvolumeclaims",
    "configmaps",
    "services.nodeports",
    "services.loadbalancers",
    "storage",
    "requests.storage",
];

/// `helper.integerResources`: quota counts that must be whole numbers.
const INTEGER_RESOURCES: &[&str] = &[
    "pods",
    "resourcequotas",
    "services",
    "replicationcontrollers",
    "secrets",
    "configmaps",
    "persistentvolumeclaims",
    "services.nodeports",
    "services.loadbalancers",
];

fn is_huge_page(name: &str) -> bool {
    name.starts_with("hugepages-")
}

/// `helper.IsNativeResource`: unprefixed, or in the `kubernetes.io/` namespace.
fn is_native(name: &str) -> bool {
    !name.contains('/') || name.contains("kubernetes.io/")
}

/// `helper.IsExtendedResourceName`.
fn is_extended(name: &str) -> bool {
    if is_native(name) || name.starts_with("requests.") {
        return false;
    }
    names::is_qualified_name(&format!("requests.{name}")).is_empty()
}

/// `helper.IsOvercommitAllowed`.
fn overcommit_allowed(name: &str) -> bool {
    is_native(name) && !is_huge_page(name)
}

/// A resource quantity as Go would have it: `None` when the node is not a quantity (decoding
/// already reported it).
fn qty(n: &Node) -> Option<Quantity> {
    quantity_of(n)?.ok()
}

/// `ValidateContainerResourceRequirements` (`path` is `…resources`).
pub(crate) fn validate_container_resources(
    res: Option<&Node>,
    path: &FieldPath,
    ctx: &PodContext,
    errs: &mut Vec<Diagnostic>,
) {
    let Some(res) = res else {
        return;
    };
    let lim_path = path.child("limits");
    let req_path = path.child("requests");
    let limits: &[Entry] = res.map("limits");
    let requests: &[Entry] = res.map("requests");
    let (mut lim_cpu_mem, mut req_cpu_mem, mut lim_huge, mut req_huge) =
        (false, false, false, false);
    for e in limits {
        let fp = lim_path.key(&e.key);
        validate_container_resource_name(e, &fp, errs);
        let Some(q) = qty(&e.value) else { continue };
        validate_quantity_value(e, &q, &fp, errs);
        if is_huge_page(&e.key) {
            lim_huge = true;
            huge_page_value(e, &q, &fp, errs);
        }
        if e.key == "cpu" || e.key == "memory" {
            lim_cpu_mem = true;
        }
    }
    for e in requests {
        let fp = req_path.key(&e.key);
        validate_container_resource_name(e, &fp, errs);
        let Some(q) = qty(&e.value) else { continue };
        validate_quantity_value(e, &q, &fp, errs);
        let name = e.key.as_str();
        match limits.iter().find(|l| l.key == name) {
            Some(l) => {
                if let Some(lq) = qty(&l.value) {
                    let ord = q.cmp_value(&lq);
                    let (req_s, lim_s) = (q.canonical(), lq.canonical());
                    if ord != std::cmp::Ordering::Equal && !overcommit_allowed(name) {
                        let d = Diagnostic::invalid(
                            &req_path,
                            e.value.span,
                            req_s.as_str(),
                            format!("must be equal to {name} limit of {lim_s}"),
                        );
                        errs.push(help(
                            d,
                            rules::RESOURCE_REQUEST_EQUAL_LIMIT,
                            format!("{name} cannot be overcommitted, so its request ({req_s}) must be exactly its limit ({lim_s})."),
                            format!("{name} 不允许超售，所以它的 request（{req_s}）必须等于 limit（{lim_s}）。"),
                            format!("Set `requests.{name}` to {lim_s}, or remove it (it is copied from the limit)."),
                            format!("把 `requests.{name}` 设为 {lim_s}，或删掉它（会自动取 limit 的值）。"),
                        ));
                    } else if ord == std::cmp::Ordering::Greater {
                        let d = Diagnostic::invalid(
                            &req_path,
                            e.value.span,
                            req_s.as_str(),
                            format!("must be less than or equal to {name} limit of {lim_s}"),
                        );
                        errs.push(help(
                            d,
                            rules::RESOURCE_REQUEST_ABOVE_LIMIT,
                            format!("The container requests more {name} ({req_s}) than its limit allows ({lim_s}). The request is what the scheduler reserves on a node; the limit is the most the container may use, so the request cannot be larger."),
                            format!("容器请求的 {name}（{req_s}）超过了它的上限（{lim_s}）。request 是调度器在节点上预留的量，limit 是容器最多能用的量，所以 request 不能更大。"),
                            format!("Lower `requests.{name}` to at most {lim_s}, or raise `limits.{name}`."),
                            format!("把 `requests.{name}` 降到不超过 {lim_s}，或提高 `limits.{name}`。"),
                        ));
                    }
                }
            }
            None if !overcommit_allowed(name) => {
                let d = Diagnostic::required(
                    &lim_path,
                    super::value_span(res, "limits"),
                    "Limit must be set for non overcommitable resources",
                );
                errs.push(help(
                    d,
                    rules::RESOURCE_LIMIT_REQUIRED,
                    format!(
                        "{name} cannot be overcommitted, so a request for it needs an equal limit."
                    ),
                    format!("{name} 不允许超售，所以请求它时必须同时设置相等的 limit。"),
                    format!(
                        "Add `limits: {{{name}: {}}}` next to the request.",
                        q.canonical()
                    ),
                    format!(
                        "在 request 旁边加上 `limits: {{{name}: {}}}`。",
                        q.canonical()
                    ),
                ));
            }
            None => {}
        }
        if is_huge_page(name) {
            req_huge = true;
            huge_page_value(e, &q, &fp, errs);
        }
        if name == "cpu" || name == "memory" {
            req_cpu_mem = true;
        }
    }
    if !lim_cpu_mem && !req_cpu_mem && (req_huge || lim_huge) {
        let d = Diagnostic::forbidden(
            path,
            super::key_span(res, "limits"),
            "HugePages require cpu or memory",
        );
        errs.push(help(
            d,
            rules::HUGEPAGES_NEED_CPU_OR_MEMORY,
            "A container that asks for huge pages must also ask for cpu or memory.",
            "申请大页（huge pages）的容器还必须申请 cpu 或 memory。",
            "Add a cpu or memory request/limit to this container.",
            "给这个容器加上 cpu 或 memory 的 request/limit。",
        ));
    }
    validate_resource_claim_names(res, &path.child("claims"), ctx, errs);
}

/// `validateContainerResourceName` (= `validateResourceName` + the container rules).
fn validate_container_resource_name(e: &Entry, fp: &FieldPath, errs: &mut Vec<Diagnostic>) {
    let name = e.key.as_str();
    let span = e.key_span;
    let qualified = names::is_qualified_name(name);
    let had_qualified_errors = !qualified.is_empty();
    for msg in qualified {
        let d = Diagnostic::invalid(fp, span, name, msg);
        errs.push(help(
            d,
            rules::RESOURCE_NAME_INVALID,
            format!("\"{name}\" is not a valid resource name."),
            format!("\"{name}\" 不是合法的资源名。"),
            "Container resources are `cpu`, `memory`, `ephemeral-storage`, `hugepages-<size>` or an extended resource like `nvidia.com/gpu`.",
            "容器资源可以是 `cpu`、`memory`、`ephemeral-storage`、`hugepages-<大小>`，或扩展资源如 `nvidia.com/gpu`。",
        ));
    }
    let unprefixed = !name.contains('/');
    if !had_qualified_errors
        && unprefixed
        && !STANDARD_RESOURCES.contains(&name)
        && !name.starts_with("hugepages-")
        && !name.starts_with("requests.hugepages-")
    {
        let d = Diagnostic::invalid(
            fp,
            span,
            name,
            "must be a standard resource type or fully qualified",
        );
        errs.push(help(
            d,
            rules::RESOURCE_NAME_UNKNOWN,
            format!("\"{name}\" is not a resource Kubernetes knows, and it has no domain prefix that would make it an extended resource."),
            format!("\"{name}\" 不是 Kubernetes 认识的资源，也没有能让它成为扩展资源的域名前缀。"),
            format!("Did you mean {}? Container resources are `cpu`, `memory` and `ephemeral-storage`.", closest_resource(name)),
            format!("是不是想写 {}？容器资源有 `cpu`、`memory` 和 `ephemeral-storage`。", closest_resource(name)),
        ));
    }
    if unprefixed {
        let standard_container =
            matches!(name, "cpu" | "memory" | "ephemeral-storage") || is_huge_page(name);
        if !standard_container {
            let d =
                Diagnostic::invalid(fp, span, name, "must be a standard resource for containers");
            errs.push(help(
                d,
                rules::RESOURCE_NAME_NOT_CONTAINER,
                format!("\"{name}\" cannot be requested by a container: containers ask for `cpu`, `memory`, `ephemeral-storage` and huge pages."),
                format!("容器不能申请 \"{name}\"：容器只能申请 `cpu`、`memory`、`ephemeral-storage` 和大页。"),
                format!("Use {} instead.", closest_resource(name)),
                format!("请改用 {}。", closest_resource(name)),
            ));
        }
    } else if !is_native(name) && !is_extended(name) {
        let d = Diagnostic::invalid(
            fp,
            span,
            name,
            "doesn't follow extended resource name standard",
        );
        errs.push(help(
            d,
            rules::RESOURCE_NAME_EXTENDED,
            format!("\"{name}\" is not a valid extended resource name (like `example.com/gpu`)."),
            format!("\"{name}\" 不是合法的扩展资源名（应类似 `example.com/gpu`）。"),
            "Use the name the device plugin advertises, `<domain>/<name>`.",
            "使用设备插件公布的名字，格式为 `<域名>/<名字>`。",
        ));
    }
}

fn closest_resource(name: &str) -> &'static str {
    let l = name.to_ascii_lowercase();
    if l.contains("cpu") || l.contains("core") {
        "`cpu`"
    } else if l.contains("mem") || l.contains("ram") {
        "`memory`"
    } else if l.contains("stor") || l.contains("disk") {
        "`ephemeral-storage`"
    } else {
        "`cpu` or `memory`"
    }
}

/// `ValidateResourceQuantityValue`: not negative; whole numbers for integer resources.
fn validate_quantity_value(e: &Entry, q: &Quantity, fp: &FieldPath, errs: &mut Vec<Diagnostic>) {
    let name = e.key.as_str();
    if q.sign() < 0 {
        let d = Diagnostic::invalid(
            fp,
            e.value.span,
            q.canonical(),
            "must be greater than or equal to 0",
        );
        errs.push(help(
            d,
            rules::RESOURCE_QUANTITY_NEGATIVE,
            format!("A resource amount cannot be negative ({}).", q.canonical()),
            format!("资源数量不能是负数（{}）。", q.canonical()),
            "Remove the minus sign.",
            "去掉负号。",
        ));
    }
    let integer = INTEGER_RESOURCES.contains(&name) || is_extended(name);
    if integer && q.milli_value() % 1000 != 0 {
        // The value is a resource.Quantity (a fmt.Stringer): printed without quotes.
        let d = Diagnostic::invalid(
            fp,
            e.value.span,
            BadValue::Raw(q.canonical()),
            "must be an integer",
        );
        errs.push(help(
            d,
            rules::RESOURCE_QUANTITY_INTEGER,
            format!(
                "{name} is counted in whole units (devices cannot be split), so {} is not allowed.",
                q.canonical()
            ),
            format!(
                "{name} 以整数个计（设备不能拆分），所以不能是 {}。",
                q.canonical()
            ),
            "Use a whole number, e.g. `1`.",
            "使用整数，例如 `1`。",
        ));
    }
}

/// `validateResourceQuantityHugePageValue` (AllowIndivisibleHugePagesValues is false on create).
fn huge_page_value(e: &Entry, q: &Quantity, fp: &FieldPath, errs: &mut Vec<Diagnostic>) {
    let name = e.key.as_str();
    let divisible = match crate::quantity::parse(name.trim_start_matches("hugepages-")) {
        Ok(size) if size.sign() > 0 && size.milli_value() % 1000 == 0 && size.value() != 0 => {
            q.value() % size.value() == 0
        }
        _ => false,
    };
    if !divisible {
        let s = q.canonical();
        let d = Diagnostic::invalid(
            fp,
            e.value.span,
            s.as_str(),
            format!("{s} is not positive integer multiple of {name}"),
        );
        errs.push(help(
            d,
            rules::HUGEPAGES_MULTIPLE,
            format!("Huge pages come in pages of the size in the name ({name}); {s} is not a whole number of such pages."),
            format!("大页按名字里的大小分页（{name}）；{s} 不是整数个页。"),
            "Use a multiple of the page size, e.g. `hugepages-2Mi: 100Mi`.",
            "使用页大小的整数倍，例如 `hugepages-2Mi: 100Mi`。",
        ));
    }
}

/// `validateResourceClaimNames`: `resources.claims[].name` must name a `spec.resourceClaims` entry.
fn validate_resource_claim_names(
    res: &Node,
    path: &FieldPath,
    ctx: &PodContext,
    errs: &mut Vec<Diagnostic>,
) {
    let pod_claims = ctx.pod_claim_names();
    let mut seen: Vec<String> = Vec::new();
    for (i, claim) in res.seq("claims").iter().enumerate() {
        let p = path.index(i);
        let name = str_of(claim, "name");
        if name.is_empty() {
            let d = Diagnostic::required(&p, at(claim, "name"), "");
            errs.push(help(
                d,
                rules::RESOURCE_CLAIM_NAME_REQUIRED,
                "A resource claim reference needs the `name` of an entry in `spec.resourceClaims`.",
                "资源申领引用需要 `spec.resourceClaims` 中某一项的 `name`。",
                "Add `name:`.",
                "加上 `name:`。",
            ));
            continue;
        }
        if seen.iter().any(|s| s == name) {
            errs.push(claim_duplicate(&p, claim, name));
        } else {
            let request = str_of(claim, "request");
            let mut key = name.to_string();
            if !request.is_empty() {
                for msg in names::is_dns1123_label(request) {
                    let d =
                        Diagnostic::invalid(p.child("request"), at(claim, "request"), request, msg);
                    errs.push(help(
                        d,
                        rules::RESOURCE_CLAIM_REQUEST,
                        format!("\"{request}\" is not a valid request name (a DNS label)."),
                        format!("\"{request}\" 不是合法的请求名（须为 DNS 标签）。"),
                        "Use the request's name from the ResourceClaim.",
                        "使用 ResourceClaim 中请求的名字。",
                    ));
                }
                key = format!("{name}/{request}");
            }
            if seen.contains(&key) {
                errs.push(claim_duplicate(&p, claim, &key));
            } else if request.is_empty() {
                for k in &seen {
                    if k.split_once('/').is_some_and(|(n, _)| n == name) {
                        errs.push(claim_duplicate(&p, claim, name));
                    }
                }
            }
            seen.push(key);
        }
        if !pod_claims.contains(&name) {
            let mut d = Diagnostic::not_found(&p, at(claim, "name"), name);
            d.detail = if pod_claims.is_empty() {
                "must be one of the names in pod.spec.resourceClaims which is empty".to_string()
            } else {
                format!(
                    "must be one of the names in pod.spec.resourceClaims: {}",
                    pod_claims.join(", ")
                )
            };
            errs.push(help(
                d,
                rules::RESOURCE_CLAIM_NOT_FOUND,
                format!("The container uses resource claim \"{name}\", but the Pod's `spec.resourceClaims` has no entry of that name."),
                format!("容器使用了资源申领 \"{name}\"，但 Pod 的 `spec.resourceClaims` 中没有这个名字。"),
                "Declare the claim under `spec.resourceClaims` or fix the name.",
                "在 `spec.resourceClaims` 下声明这个申领，或改正名字。",
            ));
        }
    }
}

fn claim_duplicate(p: &FieldPath, claim: &Node, v: &str) -> Diagnostic {
    let d = Diagnostic::duplicate(p, at(claim, "name"), v);
    help(
        d,
        rules::RESOURCE_CLAIM_DUPLICATE,
        format!("Resource claim \"{v}\" is referenced twice by this container."),
        format!("这个容器重复引用了资源申领 \"{v}\"。"),
        "Remove the duplicate entry.",
        "删除重复的条目。",
    )
}

/// `validateResizePolicy` (`path` is `…resizePolicy`). Go reports most problems at the list's
/// path, without the index.
pub(crate) fn validate_resize_policy(
    ctr: &Node,
    path: &FieldPath,
    ctx: &PodContext,
    errs: &mut Vec<Diagnostic>,
) {
    let mut seen: Vec<&str> = Vec::new();
    for (i, p) in ctr.seq("resizePolicy").iter().enumerate() {
        let rn = str_of(p, "resourceName");
        let policy = str_of(p, "restartPolicy");
        if seen.contains(&rn) {
            let d = Diagnostic::duplicate(path.index(i), p.span, rn);
            errs.push(help(
                d,
                rules::RESIZE_POLICY_DUPLICATE,
                format!("The resize policy for \"{rn}\" is given twice."),
                format!("\"{rn}\" 的调整策略写了两次。"),
                "Keep one entry per resource.",
                "每种资源只保留一条。",
            ));
        }
        seen.push(rn);
        match rn {
            "cpu" | "memory" => {}
            "" => errs.push(help(
                Diagnostic::required(path, at(p, "resourceName"), ""),
                rules::RESIZE_POLICY_RESOURCE_REQUIRED,
                "A resize policy entry needs `resourceName` (cpu or memory).",
                "调整策略的每一项都需要 `resourceName`（cpu 或 memory）。",
                "Add `resourceName: cpu` or `resourceName: memory`.",
                "加上 `resourceName: cpu` 或 `resourceName: memory`。",
            )),
            _ => errs.push(help(
                Diagnostic::not_supported(path, at(p, "resourceName"), rn, &["cpu", "memory"]),
                rules::RESIZE_POLICY_RESOURCE_UNSUPPORTED,
                format!("Only cpu and memory can be resized in place, not \"{rn}\"."),
                format!("只有 cpu 和 memory 可以原地调整，\"{rn}\" 不行。"),
                "Use `cpu` or `memory`.",
                "请使用 `cpu` 或 `memory`。",
            )),
        }
        match policy {
            "NotRequired" | "RestartContainer" => {}
            "" => errs.push(help(
                Diagnostic::required(path, at(p, "restartPolicy"), ""),
                rules::RESIZE_POLICY_RESTART_REQUIRED,
                "A resize policy entry needs `restartPolicy`: whether changing the resource restarts the container.",
                "调整策略的每一项都需要 `restartPolicy`：调整资源时是否重启容器。",
                "Add `restartPolicy: NotRequired` or `restartPolicy: RestartContainer`.",
                "加上 `restartPolicy: NotRequired` 或 `restartPolicy: RestartContainer`。",
            )),
            _ => errs.push(help(
                Diagnostic::not_supported(path, at(p, "restartPolicy"), policy, &["NotRequired", "RestartContainer"]),
                rules::RESIZE_POLICY_RESTART_UNSUPPORTED,
                format!("\"{policy}\" is not a resize restart policy."),
                format!("\"{policy}\" 不是合法的调整重启策略。"),
                "Use `NotRequired` or `RestartContainer`.",
                "请使用 `NotRequired` 或 `RestartContainer`。",
            )),
        }
        if ctx.restart_policy == "Never" && policy != "NotRequired" {
            let d = Diagnostic::invalid(
                path,
                at(p, "restartPolicy"),
                policy,
                "must be 'NotRequired' when `restartPolicy` is 'Never'",
            );
            errs.push(help(
                d,
                rules::RESIZE_POLICY_NEVER,
                "The Pod never restarts containers (`restartPolicy: Never`), so a resize cannot require a restart.",
                "这个 Pod 从不重启容器（`restartPolicy: Never`），所以调整资源不能要求重启。",
                "Set `restartPolicy: NotRequired` in this resize policy.",
                "把这条调整策略的 `restartPolicy` 设为 `NotRequired`。",
            ));
        }
    }
}
