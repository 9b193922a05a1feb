//! `validatePodSpecSecurityContext` and its parts: ids, `validateSysctls` / `ValidateHostSysctl`,
//! `validateSeccompProfileField`, `ValidateAppArmorProfileField`,
//! `validateWindowsSecurityContextOptions`, fsGroupChangePolicy, supplementalGroupsPolicy and
//! seLinuxChangePolicy.
//!
//! In the v1 API `hostNetwork`, `hostPID`, `hostIPC`, `shareProcessNamespace` and `hostUsers` are
//! fields of the pod spec; the API server's internal type keeps them in the security context, which
//! is why some errors about them carry a `securityContext` path (e.g.
//! `spec.securityContext.shareProcessNamespace`).

use crate::diag::{BadValue, Diagnostic, FieldPath};
use crate::rules;
use crate::tree::Node;

use super::volumes::req_span;
use super::{help, int_of, names, value_span};

/// `spec.securityContext` (or an empty stand-in, as the defaulted internal object always exists).
pub(crate) fn validate_pod_security_context(
    spec: &Node,
    spec_path: &FieldPath,
    errs: &mut Vec<Diagnostic>,
) {
    let Some(sc) = spec.get("securityContext") else {
        // The internal security context still carries the host* fields.
        share_process_namespace(spec, spec_path, errs);
        return;
    };
    let p = spec_path.child("securityContext");
    for (key, group) in [
        ("fsGroup", true),
        ("runAsUser", false),
        ("runAsGroup", true),
    ] {
        if let Some(v) = int_of(sc, key) {
            let msgs = if group {
                names::is_valid_group_id(v)
            } else {
                names::is_valid_user_id(v)
            };
            for msg in msgs {
                errs.push(id_range(p.child(key), value_span(sc, key), v, key, msg));
            }
        }
    }
    for (g, n) in sc.seq("supplementalGroups").iter().enumerate() {
        if let Some(v) = n.as_i64() {
            for msg in names::is_valid_group_id(v) {
                errs.push(id_range(
                    p.child("supplementalGroups").index(g),
                    n.span,
                    v,
                    "supplementalGroups",
                    msg,
                ));
            }
        }
    }
    share_process_namespace(spec, spec_path, errs);
    if !sc.seq("sysctls").is_empty() {
        sysctls(spec, sc, &p.child("sysctls"), errs);
    }
    if let Some(pol) = sc.get("fsGroupChangePolicy").and_then(Node::as_str) {
        if pol != "Always" && pol != "OnRootMismatch" {
            errs.push(help(
                Diagnostic::not_supported(p.child("fsGroupChangePolicy"), value_span(sc, "fsGroupChangePolicy"), pol, &["Always", "OnRootMismatch"]),
                rules::POD_SECURITY_CONTEXT_FS_GROUP_CHANGE_POLICY,
                "fsGroupChangePolicy says when the kubelet changes volume ownership to fsGroup: Always (every mount) or OnRootMismatch (only if the root directory does not match).",
                "fsGroupChangePolicy 说明 kubelet 何时把卷的属组改成 fsGroup：Always（每次挂载）或 OnRootMismatch（只在根目录不匹配时）。",
                "Use `fsGroupChangePolicy: OnRootMismatch` or `Always`.",
                "使用 `fsGroupChangePolicy: OnRootMismatch` 或 `Always`。",
            ));
        }
    }
    validate_seccomp_profile(sc.get("seccompProfile"), &p.child("seccompProfile"), errs);
    validate_windows_options(sc.get("windowsOptions"), &p.child("windowsOptions"), errs);
    validate_app_armor_profile(sc.get("appArmorProfile"), &p.child("appArmorProfile"), errs);
    if let Some(pol) = sc.get("supplementalGroupsPolicy").and_then(Node::as_str) {
        if pol != "Merge" && pol != "Strict" {
            errs.push(help(
                Diagnostic::not_supported(p.child("supplementalGroupsPolicy"), value_span(sc, "supplementalGroupsPolicy"), pol, &["Merge", "Strict"]),
                rules::POD_SECURITY_CONTEXT_SUPPLEMENTAL_GROUPS_POLICY,
                "supplementalGroupsPolicy is Merge (also add the groups the image's /etc/group lists for the user) or Strict (only the groups given here).",
                "supplementalGroupsPolicy 是 Merge（同时加上镜像 /etc/group 中该用户所属的组）或 Strict（只用这里给出的组）。",
                "Use `Merge` or `Strict`.",
                "使用 `Merge` 或 `Strict`。",
            ));
        }
    }
    if let Some(pol) = sc.get("seLinuxChangePolicy").and_then(Node::as_str) {
        // SELinuxMount is GA and on in 1.37 (kubernetes.io feature-gates/selinux-mount.md), so
        // useOnlyRecursiveSELinuxChangePolicy is false: validSELinuxChangePolicies
        // (sets.List: "MountOption", "Recursive").
        if pol != "MountOption" && pol != "Recursive" {
            errs.push(help(
                Diagnostic::not_supported(p.child("seLinuxChangePolicy"), value_span(sc, "seLinuxChangePolicy"), pol, &["MountOption", "Recursive"]),
                rules::POD_SECURITY_CONTEXT_SE_LINUX_CHANGE_POLICY,
                "seLinuxChangePolicy is MountOption (mount volumes with the Pod's SELinux label at once) or Recursive (relabel every file of each volume); MountOption is available since the SELinuxMount feature, on by default in Kubernetes 1.37.",
                "seLinuxChangePolicy 是 MountOption（挂载卷时直接使用 Pod 的 SELinux 标签）或 Recursive（给每个卷里的每个文件重新打标签）；MountOption 来自 SELinuxMount 特性，Kubernetes 1.37 起默认开启。",
                "Use `MountOption` or `Recursive`, or remove the field.",
                "使用 `MountOption` 或 `Recursive`，或删掉该字段。",
            ));
        }
    }
}

fn id_range(
    path: FieldPath,
    span: crate::span::Span,
    v: i64,
    key: &str,
    msg: String,
) -> Diagnostic {
    help(
        Diagnostic::invalid(path, span, v, msg),
        rules::POD_SECURITY_CONTEXT_ID_RANGE,
        format!("`{key}` is a Linux user or group id; Kubernetes accepts 0 to 2147483647. {v} is outside that range."),
        format!("`{key}` 是 Linux 的用户或组 ID；Kubernetes 接受 0 到 2147483647。{v} 超出了这个范围。"),
        "Use a non-negative id such as `1000`.",
        "使用非负的 ID，例如 `1000`。",
    )
}

/// `ShareProcessNamespace and HostPID cannot both be enabled` (reported at
/// `spec.securityContext.shareProcessNamespace`, the internal location of the field).
fn share_process_namespace(spec: &Node, spec_path: &FieldPath, errs: &mut Vec<Diagnostic>) {
    if spec.get("shareProcessNamespace").and_then(Node::as_bool) == Some(true)
        && super::bool_of(spec, "hostPID")
    {
        errs.push(help(
            Diagnostic::invalid(
                spec_path.child("securityContext").child("shareProcessNamespace"),
                value_span(spec, "shareProcessNamespace"),
                true,
                "ShareProcessNamespace and HostPID cannot both be enabled",
            ),
            rules::POD_SHARE_PROCESS_NAMESPACE_HOST_PID,
            "shareProcessNamespace puts the Pod's containers in one new PID namespace (the pause container is PID 1); hostPID puts them in the node's PID namespace. A Pod cannot be in both.",
            "shareProcessNamespace 让 Pod 的容器共享一个新的 PID 命名空间（pause 容器是 1 号进程）；hostPID 让它们使用节点的 PID 命名空间。一个 Pod 不能同时两者都要。",
            "Remove one of `shareProcessNamespace: true` and `hostPID: true`.",
            "删掉 `shareProcessNamespace: true` 和 `hostPID: true` 中的一个。",
        ));
    }
}

/// `^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$`, at most 253 bytes.
pub(crate) fn is_valid_sysctl_name(name: &str) -> bool {
    if name.is_empty() || name.len() > 253 {
        return false;
    }
    let seg_ok = |s: &str| {
        let b = s.as_bytes();
        match (b.first(), b.last()) {
            (Some(f), Some(l)) => {
                (f.is_ascii_lowercase() || f.is_ascii_digit())
                    && (l.is_ascii_lowercase() || l.is_ascii_digit())
                    && b.iter().all(|c| {
                        c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-' || *c == b'_'
                    })
            }
            _ => false,
        }
    };
    name.split(['.', '/']).all(seg_ok)
}

/// `utilsysctl.GetNamespace`: which Linux namespace a sysctl belongs to ("net", "ipc" or "").
fn sysctl_namespace(name: &str) -> &'static str {
    // NormalizeName: a name whose first separator is '/' uses '/' for dots.
    let normalized: String = match name.find(['.', '/']) {
        Some(i) if name.as_bytes().get(i) == Some(&b'/') => name
            .chars()
            .map(|c| match c {
                '/' => '.',
                '.' => '/',
                c => c,
            })
            .collect(),
        _ => name.to_string(),
    };
    if normalized == "kernel.sem" {
        return "ipc";
    }
    for (prefix, ns) in [
        ("kernel.shm", "ipc"),
        ("kernel.msg", "ipc"),
        ("fs.mqueue.", "ipc"),
        ("net.", "net"),
    ] {
        if normalized.starts_with(prefix) {
            return ns;
        }
    }
    ""
}

fn sysctls(spec: &Node, sc: &Node, p: &FieldPath, errs: &mut Vec<Diagnostic>) {
    let host_network = super::bool_of(spec, "hostNetwork");
    let host_ipc = super::bool_of(spec, "hostIPC");
    let mut seen: Vec<&str> = Vec::new();
    for (i, s) in sc.seq("sysctls").iter().enumerate() {
        let np = p.index(i).child("name");
        let name = super::str_of(s, "name");
        let span = req_span(s, "name");
        if name.is_empty() {
            errs.push(help(
                Diagnostic::required(&np, span, ""),
                rules::POD_SYSCTLS_NAME,
                "Each sysctl needs the kernel parameter's name, e.g. net.ipv4.ip_local_port_range.",
                "每个 sysctl 都需要内核参数名，例如 net.ipv4.ip_local_port_range。",
                "Add `name: net.core.somaxconn` (and its `value`).",
                "加上 `name: net.core.somaxconn`（以及对应的 `value`）。",
            ));
        } else if !is_valid_sysctl_name(name) {
            errs.push(help(
                Diagnostic::invalid(&np, span, name, "must have at most 253 characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$"),
                rules::POD_SYSCTLS_NAME,
                "A sysctl name is a dotted (or slashed) path of lowercase segments, as `sysctl -a` prints it.",
                "sysctl 名是由小写片段组成、用点（或斜杠）分隔的路径，就像 `sysctl -a` 打印的那样。",
                "Write it in lowercase, e.g. `net.core.somaxconn`.",
                "用小写写，例如 `net.core.somaxconn`。",
            ));
        } else if seen.contains(&name) {
            errs.push(help(
                Diagnostic::duplicate(&np, span, name),
                rules::POD_SYSCTLS_DUPLICATE,
                "The same sysctl is set twice; the kernel can only have one value.",
                "同一个 sysctl 设置了两次；内核只能有一个值。",
                "Keep one entry for it.",
                "只保留一项。",
            ));
        }
        let ns = sysctl_namespace(name);
        if host_network && ns == "net" {
            errs.push(help(
                Diagnostic::invalid(&np, span, name, "may not be specified when 'hostNetwork' is true"),
                rules::POD_SYSCTLS_HOST_NETWORK,
                "With hostNetwork the Pod shares the node's network namespace, so a net.* sysctl would change the whole node.",
                "使用 hostNetwork 时 Pod 共享节点的网络命名空间，net.* sysctl 会改变整个节点。",
                "Remove the sysctl or hostNetwork.",
                "删掉这个 sysctl，或者不用 hostNetwork。",
            ));
        } else if host_ipc && ns == "ipc" {
            errs.push(help(
                Diagnostic::invalid(&np, span, name, "may not be specified when 'hostIPC' is true"),
                rules::POD_SYSCTLS_HOST_IPC,
                "With hostIPC the Pod shares the node's IPC namespace, so this sysctl would change the whole node.",
                "使用 hostIPC 时 Pod 共享节点的 IPC 命名空间，这个 sysctl 会改变整个节点。",
                "Remove the sysctl or hostIPC.",
                "删掉这个 sysctl，或者不用 hostIPC。",
            ));
        }
        seen.push(name);
    }
}

/// `validateSeccompProfileField` (also used by containers' security contexts).
pub(crate) fn validate_seccomp_profile(
    sp: Option<&Node>,
    p: &FieldPath,
    errs: &mut Vec<Diagnostic>,
) {
    let Some(sp) = sp else { return };
    let t = super::str_of(sp, "type");
    match t {
        "Localhost" | "RuntimeDefault" | "Unconfined" => {}
        "" => errs.push(help(
            Diagnostic::required(p.child("type"), req_span(sp, "type"), "type is required when seccompProfile is set"),
            rules::SECCOMP_TYPE,
            "A seccompProfile must say which kind of profile to use: RuntimeDefault (the container runtime's default filter), Localhost (a file on the node) or Unconfined (no filter).",
            "seccompProfile 必须说明用哪种配置：RuntimeDefault（容器运行时的默认过滤器）、Localhost（节点上的文件）或 Unconfined（不过滤）。",
            "Add `type: RuntimeDefault`.",
            "加上 `type: RuntimeDefault`。",
        )),
        other => errs.push(help(
            Diagnostic::not_supported(p.child("type"), value_span(sp, "type"), other, &["Localhost", "RuntimeDefault", "Unconfined"]),
            rules::SECCOMP_TYPE,
            "seccompProfile.type is one of Localhost, RuntimeDefault or Unconfined (case matters).",
            "seccompProfile.type 只能是 Localhost、RuntimeDefault 或 Unconfined（区分大小写）。",
            "Use `type: RuntimeDefault`.",
            "使用 `type: RuntimeDefault`。",
        )),
    }
    let lp = sp.get("localhostProfile").and_then(Node::as_str);
    if t == "Localhost" {
        match lp {
            None => errs.push(help(
                Diagnostic::required(p.child("localhostProfile"), req_span(sp, "localhostProfile"), "must be set when seccomp type is Localhost"),
                rules::SECCOMP_LOCALHOST_PROFILE,
                "A Localhost seccomp profile is a file under the kubelet's seccomp directory; localhostProfile gives its path.",
                "Localhost 类型的 seccomp 配置是 kubelet seccomp 目录下的文件；localhostProfile 给出它的路径。",
                "Add `localhostProfile: profiles/audit.json`.",
                "加上 `localhostProfile: profiles/audit.json`。",
            )),
            Some(path) => super::volumes::local_descending_path(path, &p.child("localhostProfile"), value_span(sp, "localhostProfile"), errs),
        }
    } else if let Some(path) = lp {
        errs.push(help(
            Diagnostic::invalid(
                p.child("localhostProfile"),
                value_span(sp, "localhostProfile"),
                BadValue::Raw(format!(
                    "core.SeccompProfile{{Type:{}, LocalhostProfile:(*string)(0xc000…)}}",
                    crate::diag::go_quote(t)
                )),
                "can only be set when seccomp type is Localhost",
            ),
            rules::SECCOMP_LOCALHOST_PROFILE,
            format!(
                "localhostProfile {} only makes sense for type Localhost.",
                crate::diag::go_quote(path)
            ),
            format!(
                "localhostProfile {} 只对 Localhost 类型有意义。",
                crate::diag::go_quote(path)
            ),
            "Remove localhostProfile, or set `type: Localhost`.",
            "删掉 localhostProfile，或者设置 `type: Localhost`。",
        ));
    }
}

/// `ValidateAppArmorProfileField` (also used by containers' security contexts).
pub(crate) fn validate_app_armor_profile(
    profile: Option<&Node>,
    p: &FieldPath,
    errs: &mut Vec<Diagnostic>,
) {
    let Some(pr) = profile else { return };
    let lp = pr.get("localhostProfile").and_then(Node::as_str);
    let aa_help = |d: Diagnostic| {
        help(
            d,
            rules::APPARMOR_PROFILE,
            "An appArmorProfile has a type — RuntimeDefault, Unconfined or Localhost — and, for Localhost only, the name of a profile loaded on the node (localhostProfile).",
            "appArmorProfile 有类型——RuntimeDefault、Unconfined 或 Localhost——只有 Localhost 需要 localhostProfile（节点上已加载的配置名）。",
            "Use `type: RuntimeDefault`, or `type: Localhost` with `localhostProfile: <profile>`.",
            "使用 `type: RuntimeDefault`，或 `type: Localhost` 加 `localhostProfile: <配置名>`。",
        )
    };
    match super::str_of(pr, "type") {
        "Localhost" => match lp {
            None => errs.push(aa_help(Diagnostic::required(
                p.child("localhostProfile"),
                req_span(pr, "localhostProfile"),
                "must be set when AppArmor type is Localhost",
            ))),
            Some(v) => {
                let span = value_span(pr, "localhostProfile");
                let trimmed = v.trim();
                if trimmed != v {
                    errs.push(aa_help(Diagnostic::invalid(
                        p.child("localhostProfile"),
                        span,
                        v,
                        "must not be padded with whitespace",
                    )));
                } else if trimmed.is_empty() {
                    errs.push(aa_help(Diagnostic::required(
                        p.child("localhostProfile"),
                        span,
                        "must be set when AppArmor type is Localhost",
                    )));
                }
                if v.len() > 4095 {
                    errs.push(aa_help(Diagnostic::too_long(
                        p.child("localhostProfile"),
                        span,
                        4095,
                    )));
                }
            }
        },
        "RuntimeDefault" | "Unconfined" => {
            if let Some(v) = lp {
                errs.push(aa_help(Diagnostic::invalid(
                    p.child("localhostProfile"),
                    value_span(pr, "localhostProfile"),
                    v,
                    "can only be set when AppArmor type is Localhost",
                )));
            }
        }
        "" => errs.push(aa_help(Diagnostic::required(
            p.child("type"),
            req_span(pr, "type"),
            "type is required when appArmorProfile is set",
        ))),
        other => errs.push(aa_help(Diagnostic::not_supported(
            p.child("type"),
            value_span(pr, "type"),
            other,
            &["Localhost", "RuntimeDefault", "Unconfined"],
        ))),
    }
}

/// `validateWindowsSecurityContextOptions` (also used by containers' security contexts).
pub(crate) fn validate_windows_options(
    opts: Option<&Node>,
    p: &FieldPath,
    errs: &mut Vec<Diagnostic>,
) {
    let Some(w) = opts else { return };
    let win_help = |d: Diagnostic| {
        help(
            d,
            rules::WINDOWS_OPTIONS,
            "windowsOptions only matter on Windows nodes: a GMSA credential spec (by name or inline, at most 64 KiB) and the Windows user name to run as (DOMAIN\\USER).",
            "windowsOptions 只在 Windows 节点上有用：GMSA 凭据（按名字或内联，最多 64 KiB），以及运行用的 Windows 用户名（DOMAIN\\USER）。",
            "Fix the value as the message says, or remove windowsOptions for Linux pods.",
            "按消息提示修正该值；Linux Pod 请删掉 windowsOptions。",
        )
    };
    if let Some(n) = w.get("gmsaCredentialSpecName").and_then(Node::as_str) {
        for msg in names::is_dns1123_subdomain(n) {
            errs.push(win_help(Diagnostic::invalid(
                p.child("gmsaCredentialSpecName"),
                value_span(w, "gmsaCredentialSpecName"),
                n,
                msg,
            )));
        }
    }
    if let Some(s) = w.get("gmsaCredentialSpec").and_then(Node::as_str) {
        let span = value_span(w, "gmsaCredentialSpec");
        if s.is_empty() {
            errs.push(win_help(Diagnostic::invalid(
                p.child("gmsaCredentialSpec"),
                span,
                s,
                "gmsaCredentialSpec cannot be an empty string",
            )));
        } else if s.len() > 64 * 1024 {
            errs.push(win_help(Diagnostic::invalid(
                p.child("gmsaCredentialSpec"),
                span,
                s,
                "gmsaCredentialSpec size must be under 64 KiB",
            )));
        }
    }
    if let Some(u) = w.get("runAsUserName").and_then(Node::as_str) {
        let up = p.child("runAsUserName");
        let span = value_span(w, "runAsUserName");
        let parts: Vec<&str> = u.split('\\').collect();
        if u.is_empty() {
            errs.push(win_help(Diagnostic::invalid(
                &up,
                span,
                u,
                "runAsUserName cannot be an empty string",
            )));
        } else if u.chars().any(|c| c.is_ascii_control()) {
            errs.push(win_help(Diagnostic::invalid(
                &up,
                span,
                u,
                "runAsUserName cannot contain control characters",
            )));
        } else if parts.len() > 2 {
            errs.push(win_help(Diagnostic::invalid(
                &up,
                span,
                u,
                "runAsUserName cannot contain more than one backslash",
            )));
        } else {
            let (domain, user, has_domain) = match parts.as_slice() {
                [d, u] => (*d, *u, true),
                [u] => ("", *u, false),
                _ => ("", "", false),
            };
            if domain.len() >= 256 {
                errs.push(win_help(Diagnostic::invalid(
                    &up,
                    span,
                    u,
                    "runAsUserName's Domain length must be under 256 characters",
                )));
            }
            if has_domain && !(netbios_ok(domain) || windows_dns_ok(domain)) {
                errs.push(win_help(Diagnostic::invalid(
                    &up,
                    span,
                    u,
                    "runAsUserName's Domain doesn't match the NetBios nor the DNS format",
                )));
            }
            if user.is_empty() {
                errs.push(win_help(Diagnostic::invalid(
                    &up,
                    span,
                    u,
                    "runAsUserName's User cannot be empty",
                )));
            } else if user.len() > 104 {
                errs.push(win_help(Diagnostic::invalid(
                    &up,
                    span,
                    u,
                    "runAsUserName's User length must not be longer than 104 characters",
                )));
            }
            if !user.is_empty() && user.chars().all(|c| c == '.' || c == ' ') {
                errs.push(win_help(Diagnostic::invalid(
                    &up,
                    span,
                    u,
                    "runAsUserName's User cannot contain only periods or spaces",
                )));
            }
            if user.chars().any(|c| "\"/\\:;|=,+*?<>@[]".contains(c)) {
                errs.push(win_help(Diagnostic::invalid(&up, span, u, "runAsUserName's User cannot contain the following characters: \"/\\:;|=,+*?<>@[]")));
            }
        }
    }
}

/// `^[^\\/:\*\?"<>|\.][^\\/:\*\?"<>|]{0,14}$`
fn netbios_ok(d: &str) -> bool {
    let bad = |c: char| "\\/:*?\"<>|".contains(c) || c == '\n';
    let mut chars = d.chars();
    match chars.next() {
        Some(f) if !bad(f) && f != '.' => {
            let rest: Vec<char> = chars.collect();
            rest.len() <= 14 && rest.iter().all(|c| !bad(*c))
        }
        _ => false,
    }
}

/// `^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.…)*$`
fn windows_dns_ok(d: &str) -> bool {
    d.split('.').all(|l| {
        let b = l.as_bytes();
        !b.is_empty()
            && b.len() <= 63
            && b.first().is_some_and(u8::is_ascii_alphanumeric)
            && b.last().is_some_and(u8::is_ascii_alphanumeric)
            && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn sysctl_names_and_namespaces() {
        for ok in [
            "net.core.somaxconn",
            "kernel.shm_rmid_forced",
            "net/ipv4/ip_local_port_range",
            "a",
            "foo-bar.baz_1",
        ] {
            assert!(is_valid_sysctl_name(ok), "{ok}");
        }
        for bad in ["", "Net.core", "net..core", ".net", "net.", "_a", "a_"] {
            assert!(!is_valid_sysctl_name(bad), "{bad}");
        }
        assert_eq!(sysctl_namespace("net.core.somaxconn"), "net");
        assert_eq!(sysctl_namespace("net/ipv4/conf/eth0.100/forwarding"), "net");
        assert_eq!(sysctl_namespace("kernel.sem"), "ipc");
        assert_eq!(sysctl_namespace("kernel.shmmax"), "ipc");
        assert_eq!(sysctl_namespace("vm.swappiness"), "");
        assert!(netbios_ok("CONTOSO"));
        assert!(!netbios_ok(".x"));
        assert!(windows_dns_ok("contoso.com"));
        assert!(!windows_dns_ok("-a.com"));
    }
}
