//! A container's `securityContext`: `ValidateSecurityContext` with `validateSeccompProfileField`,
//! `ValidateAppArmorProfileField`, `ValidateProcMountType` and
//! `validateWindowsSecurityContextOptions`.
//!
//! The cluster is assumed to run with `--allow-privileged=true` (kubeadm, kind and minikube do),
//! so `privileged: true` is accepted.

use super::container::{at, case_fix, go_struct, help, str_of, PodContext};
use super::names;
use crate::diag::{BadValue, Diagnostic, FieldPath};
use crate::rules;
use crate::tree::Node;

/// `ValidateSecurityContext` (`path` is `…securityContext`).
pub(crate) fn validate_security_context(
    sc: &Node,
    path: &FieldPath,
    ctx: &PodContext,
    errs: &mut Vec<Diagnostic>,
) {
    for (field, group) in [("runAsUser", false), ("runAsGroup", true)] {
        if let Some(v) = sc.get(field).and_then(Node::as_i64) {
            let msgs = if group {
                names::is_valid_group_id(v)
            } else {
                names::is_valid_user_id(v)
            };
            for msg in msgs {
                let d = Diagnostic::invalid(path.child(field), at(sc, field), v, msg);
                errs.push(help(
                    d,
                    rules::SECURITY_CONTEXT_ID_RANGE,
                    format!(
                        "{v} is not a valid Linux {} id: ids go from 0 to 2147483647.",
                        if group { "group" } else { "user" }
                    ),
                    format!(
                        "{v} 不是合法的 Linux {} ID：范围是 0 到 2147483647。",
                        if group { "组" } else { "用户" }
                    ),
                    format!("Use a non-negative id, e.g. `{field}: 1000`."),
                    format!("使用非负的 ID，例如 `{field}: 1000`。"),
                ));
            }
        }
    }
    if let Some(pm) = sc.get("procMount") {
        let v = pm.as_str().unwrap_or("");
        if v != "Default" && v != "Unmasked" {
            let d = Diagnostic::not_supported(
                path.child("procMount"),
                pm.span,
                v,
                &["Default", "Unmasked"],
            );
            let d = help(
                d,
                rules::PROC_MOUNT_UNSUPPORTED,
                format!("\"{v}\" is not a /proc mount type. `Default` masks sensitive /proc paths; `Unmasked` does not (and needs a user namespace)."),
                format!("\"{v}\" 不是合法的 /proc 挂载类型。`Default` 会屏蔽 /proc 下的敏感路径；`Unmasked` 不屏蔽（需要用户命名空间）。"),
                "Use `Default` (or remove `procMount`).",
                "请使用 `Default`（或删掉 `procMount`）。",
            );
            errs.push(case_fix(d, sc, "procMount", v, &["Default", "Unmasked"]));
        }
        if ctx.host_users() && v == "Unmasked" {
            let d = Diagnostic::invalid(
                path.child("procMount"),
                pm.span,
                v,
                "`hostUsers` must be false to use `Unmasked`",
            );
            errs.push(help(
                d,
                rules::PROC_MOUNT_UNMASKED_HOST_USERS,
                "An unmasked /proc is only safe inside a user namespace, so it needs the Pod to set `hostUsers: false`.",
                "不屏蔽的 /proc 只有在用户命名空间里才安全，所以需要 Pod 设置 `hostUsers: false`。",
                "Add `hostUsers: false` to the Pod's spec, or use `procMount: Default`.",
                "在 Pod 的 spec 中加上 `hostUsers: false`，或改用 `procMount: Default`。",
            ));
        }
    }
    if let Some(sp) = sc.get("seccompProfile") {
        validate_seccomp_profile(sp, &path.child("seccompProfile"), errs);
    }
    if sc.get("allowPrivilegeEscalation").and_then(Node::as_bool) == Some(false) {
        if sc.get("privileged").and_then(Node::as_bool) == Some(true) {
            let d = Diagnostic::invalid(
                path,
                sc.span,
                security_context_value(sc),
                "cannot set `allowPrivilegeEscalation` to false and `privileged` to true",
            );
            errs.push(help(
                d,
                rules::PRIVILEGED_NO_ESCALATION,
                "A privileged container already has every privilege, so forbidding privilege escalation at the same time is contradictory. (Kubernetes prints the whole securityContext here, with memory addresses.)",
                "特权容器已经拥有所有权限，同时禁止提权是自相矛盾的。（Kubernetes 在这里会打印整个 securityContext，包括内存地址。）",
                "Remove `privileged: true`, or remove `allowPrivilegeEscalation: false`.",
                "删掉 `privileged: true`，或删掉 `allowPrivilegeEscalation: false`。",
            ));
        }
        let adds = sc
            .path("capabilities.add")
            .and_then(Node::as_seq)
            .unwrap_or(&[]);
        for cap in adds {
            if cap.as_str() == Some("CAP_SYS_ADMIN") {
                let d = Diagnostic::invalid(path, sc.span, security_context_value(sc), "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN");
                errs.push(help(
                    d,
                    rules::SYS_ADMIN_NO_ESCALATION,
                    "CAP_SYS_ADMIN gives nearly root powers, which contradicts `allowPrivilegeEscalation: false`.",
                    "CAP_SYS_ADMIN 几乎等同 root 权限，与 `allowPrivilegeEscalation: false` 相矛盾。",
                    "Drop CAP_SYS_ADMIN from `capabilities.add`, or allow privilege escalation.",
                    "从 `capabilities.add` 中去掉 CAP_SYS_ADMIN，或允许提权。",
                ));
            }
        }
    }
    if let Some(w) = sc.get("windowsOptions") {
        validate_windows_options(w, &path.child("windowsOptions"), errs);
    }
    if let Some(ap) = sc.get("appArmorProfile") {
        validate_app_armor_profile(ap, &path.child("appArmorProfile"), errs);
    }
}

/// How Go prints a `core.SecurityContext` value (`%#v`), with the pointers the user set shown as
/// addresses that cannot be known.
fn security_context_value(sc: &Node) -> BadValue {
    let f = |k: &str| sc.get(k).is_some();
    go_struct(
        "core.SecurityContext",
        &[
            ("Capabilities", "core.Capabilities", f("capabilities")),
            ("Privileged", "bool", f("privileged")),
            ("SELinuxOptions", "core.SELinuxOptions", f("seLinuxOptions")),
            (
                "WindowsOptions",
                "core.WindowsSecurityContextOptions",
                f("windowsOptions"),
            ),
            ("RunAsUser", "int64", f("runAsUser")),
            ("RunAsGroup", "int64", f("runAsGroup")),
            ("RunAsNonRoot", "bool", f("runAsNonRoot")),
            (
                "ReadOnlyRootFilesystem",
                "bool",
                f("readOnlyRootFilesystem"),
            ),
            (
                "AllowPrivilegeEscalation",
                "bool",
                f("allowPrivilegeEscalation"),
            ),
            ("ProcMount", "core.ProcMountType", f("procMount")),
            ("SeccompProfile", "core.SeccompProfile", f("seccompProfile")),
            (
                "AppArmorProfile",
                "core.AppArmorProfile",
                f("appArmorProfile"),
            ),
        ],
    )
}

/// `validateSeccompProfileField`.
fn validate_seccomp_profile(sp: &Node, path: &FieldPath, errs: &mut Vec<Diagnostic>) {
    const TYPES: &[&str] = &["Localhost", "RuntimeDefault", "Unconfined"];
    let ty = str_of(sp, "type");
    match ty {
        "Localhost" | "RuntimeDefault" | "Unconfined" => {}
        "" => errs.push(help(
            Diagnostic::required(
                path.child("type"),
                at(sp, "type"),
                "type is required when seccompProfile is set",
            ),
            rules::SECCOMP_TYPE_REQUIRED,
            "A seccomp profile must say its `type`.",
            "seccomp 配置必须写明 `type`。",
            "Add `type: RuntimeDefault` (the container runtime's default filter, a good choice).",
            "加上 `type: RuntimeDefault`（容器运行时的默认过滤器，通常是不错的选择）。",
        )),
        _ => {
            let d = Diagnostic::not_supported(path.child("type"), at(sp, "type"), ty, TYPES);
            let d = help(
                d,
                rules::SECCOMP_TYPE_UNSUPPORTED,
                format!("\"{ty}\" is not a seccomp profile type."),
                format!("\"{ty}\" 不是合法的 seccomp 配置类型。"),
                "Use `RuntimeDefault`, `Localhost` (with `localhostProfile`) or `Unconfined`.",
                "请使用 `RuntimeDefault`、`Localhost`（配合 `localhostProfile`）或 `Unconfined`。",
            );
            errs.push(case_fix(d, sp, "type", ty, TYPES));
        }
    }
    let local = sp.get("localhostProfile").and_then(Node::as_str);
    if ty == "Localhost" {
        match local {
            None => errs.push(help(
                Diagnostic::required(path.child("localhostProfile"), at(sp, "localhostProfile"), "must be set when seccomp type is Localhost"),
                rules::SECCOMP_LOCALHOST_REQUIRED,
                "With `type: Localhost` the profile is a file on the node, named by `localhostProfile`.",
                "`type: Localhost` 时配置是节点上的一个文件，要用 `localhostProfile` 指定。",
                "Add `localhostProfile: profiles/<file>.json` (relative to the kubelet's seccomp directory).",
                "加上 `localhostProfile: profiles/<文件>.json`（相对于 kubelet 的 seccomp 目录）。",
            )),
            Some(p) => {
                let lp = path.child("localhostProfile");
                if p.starts_with('/') {
                    errs.push(help(
                        Diagnostic::invalid(&lp, at(sp, "localhostProfile"), p, "must be a relative path"),
                        rules::SECCOMP_LOCALHOST_RELATIVE,
                        "`localhostProfile` is relative to the kubelet's seccomp directory.",
                        "`localhostProfile` 是相对于 kubelet 的 seccomp 目录的路径。",
                        "Remove the leading '/'.",
                        "去掉开头的 '/'。",
                    ));
                }
                if p.split('/').any(|x| x == "..") {
                    errs.push(help(
                        Diagnostic::invalid(&lp, at(sp, "localhostProfile"), p, "must not contain '..'"),
                        rules::SECCOMP_LOCALHOST_BACKSTEPS,
                        "`localhostProfile` may not leave the seccomp directory with '..'.",
                        "`localhostProfile` 不能用 '..' 跳出 seccomp 目录。",
                        "Use a path inside the directory.",
                        "使用目录内的路径。",
                    ));
                }
            }
        }
    } else if local.is_some() {
        let v = go_struct_seccomp(ty);
        let d = Diagnostic::invalid(
            path.child("localhostProfile"),
            at(sp, "localhostProfile"),
            v,
            "can only be set when seccomp type is Localhost",
        );
        errs.push(help(
            d,
            rules::SECCOMP_LOCALHOST_ONLY,
            "`localhostProfile` names a profile file on the node, which is only used with `type: Localhost`.",
            "`localhostProfile` 指定节点上的配置文件，只在 `type: Localhost` 时使用。",
            "Remove `localhostProfile`, or set `type: Localhost`.",
            "删掉 `localhostProfile`，或把 `type` 改为 `Localhost`。",
        ));
    }
}

fn go_struct_seccomp(ty: &str) -> BadValue {
    BadValue::Raw(format!(
        "core.SeccompProfile{{Type:{}, LocalhostProfile:(*string)(0xc…)}}",
        crate::diag::go_quote(ty)
    ))
}

/// `ValidateAppArmorProfileField`.
fn validate_app_armor_profile(ap: &Node, path: &FieldPath, errs: &mut Vec<Diagnostic>) {
    let ty = str_of(ap, "type");
    let local = ap.get("localhostProfile").and_then(Node::as_str);
    let lp = path.child("localhostProfile");
    match ty {
        "Localhost" => match local {
            None => errs.push(apparmor_localhost_required(ap, &lp)),
            Some(p) => {
                let trimmed = p.trim();
                if trimmed != p {
                    errs.push(help(
                        Diagnostic::invalid(
                            &lp,
                            at(ap, "localhostProfile"),
                            p,
                            "must not be padded with whitespace",
                        ),
                        rules::APPARMOR_LOCALHOST_WHITESPACE,
                        "The AppArmor profile name has spaces around it.",
                        "AppArmor 配置名前后有空白。",
                        format!("Write `localhostProfile: {trimmed}`."),
                        format!("写成 `localhostProfile: {trimmed}`。"),
                    ));
                } else if trimmed.is_empty() {
                    errs.push(apparmor_localhost_required(ap, &lp));
                }
                if p.len() > 4095 {
                    errs.push(help(
                        Diagnostic::too_long(&lp, at(ap, "localhostProfile"), 4095),
                        rules::APPARMOR_LOCALHOST_TOO_LONG,
                        "The AppArmor profile name is longer than a path can be.",
                        "AppArmor 配置名比路径允许的长度还长。",
                        "Use the profile's real name.",
                        "使用配置的真实名字。",
                    ));
                }
            }
        },
        "RuntimeDefault" | "Unconfined" => {
            if let Some(p) = local {
                errs.push(help(
                    Diagnostic::invalid(&lp, at(ap, "localhostProfile"), p, "can only be set when AppArmor type is Localhost"),
                    rules::APPARMOR_LOCALHOST_ONLY,
                    "`localhostProfile` names a profile loaded on the node, which is only used with `type: Localhost`.",
                    "`localhostProfile` 指定节点上已加载的配置，只在 `type: Localhost` 时使用。",
                    "Remove `localhostProfile`, or set `type: Localhost`.",
                    "删掉 `localhostProfile`，或把 `type` 改为 `Localhost`。",
                ));
            }
        }
        "" => errs.push(help(
            Diagnostic::required(
                path.child("type"),
                at(ap, "type"),
                "type is required when appArmorProfile is set",
            ),
            rules::APPARMOR_TYPE_REQUIRED,
            "An AppArmor profile must say its `type`.",
            "AppArmor 配置必须写明 `type`。",
            "Add `type: RuntimeDefault`.",
            "加上 `type: RuntimeDefault`。",
        )),
        _ => {
            const TYPES: &[&str] = &["Localhost", "RuntimeDefault", "Unconfined"];
            let d = Diagnostic::not_supported(path.child("type"), at(ap, "type"), ty, TYPES);
            let d = help(
                d,
                rules::APPARMOR_TYPE_UNSUPPORTED,
                format!("\"{ty}\" is not an AppArmor profile type."),
                format!("\"{ty}\" 不是合法的 AppArmor 配置类型。"),
                "Use `RuntimeDefault`, `Localhost` (with `localhostProfile`) or `Unconfined`.",
                "请使用 `RuntimeDefault`、`Localhost`（配合 `localhostProfile`）或 `Unconfined`。",
            );
            errs.push(case_fix(d, ap, "type", ty, TYPES));
        }
    }
}

fn apparmor_localhost_required(ap: &Node, lp: &FieldPath) -> Diagnostic {
    help(
        Diagnostic::required(lp, at(ap, "localhostProfile"), "must be set when AppArmor type is Localhost"),
        rules::APPARMOR_LOCALHOST_REQUIRED,
        "With `type: Localhost` the profile is one loaded on the node, named by `localhostProfile`.",
        "`type: Localhost` 时配置是节点上已加载的配置，要用 `localhostProfile` 指定。",
        "Add `localhostProfile: <profile name>`.",
        "加上 `localhostProfile: <配置名>`。",
    )
}

/// `validateWindowsSecurityContextOptions` (values are printed through their `*string`
/// pointers, i.e. as the strings).
fn validate_windows_options(w: &Node, path: &FieldPath, errs: &mut Vec<Diagnostic>) {
    let win_help = |d: Diagnostic| {
        help(
            d,
            rules::WINDOWS_OPTIONS,
            "These options only matter for Windows containers, and this value is not one Windows accepts.",
            "这些选项只对 Windows 容器有意义，而这个值不是 Windows 能接受的。",
            "Fix the value or remove `windowsOptions` for a Linux container.",
            "改正这个值；如果是 Linux 容器就删掉 `windowsOptions`。",
        )
    };
    if let Some(n) = w.get("gmsaCredentialSpecName").and_then(Node::as_str) {
        for msg in names::is_dns1123_subdomain(n) {
            errs.push(win_help(Diagnostic::invalid(
                path.child("gmsaCredentialSpecName"),
                at(w, "gmsaCredentialSpecName"),
                n,
                msg,
            )));
        }
    }
    if let Some(s) = w.get("gmsaCredentialSpec").and_then(Node::as_str) {
        let p = path.child("gmsaCredentialSpec");
        if s.is_empty() {
            errs.push(win_help(Diagnostic::invalid(
                &p,
                at(w, "gmsaCredentialSpec"),
                s,
                "gmsaCredentialSpec cannot be an empty string",
            )));
        } else if s.len() > 64 * 1024 {
            errs.push(win_help(Diagnostic::invalid(
                &p,
                at(w, "gmsaCredentialSpec"),
                s,
                "gmsaCredentialSpec size must be under 64 KiB",
            )));
        }
    }
    let Some(u) = w.get("runAsUserName").and_then(Node::as_str) else {
        return;
    };
    let p = path.child("runAsUserName");
    let span = at(w, "runAsUserName");
    let mut push =
        |msg: &str| errs.push(win_help(Diagnostic::invalid(&p, span, u, msg.to_string())));
    if u.is_empty() {
        push("runAsUserName cannot be an empty string");
        return;
    }
    if u.chars().any(|c| c.is_ascii_control()) {
        push("runAsUserName cannot contain control characters");
        return;
    }
    let parts: Vec<&str> = u.split('\\').collect();
    if parts.len() > 2 {
        push("runAsUserName cannot contain more than one backslash");
        return;
    }
    let (has_domain, domain, user) = match parts.as_slice() {
        [user] => (false, "", *user),
        [domain, user] => (true, *domain, *user),
        _ => return,
    };
    if domain.len() >= 256 {
        push("runAsUserName's Domain length must be under 256 characters");
    }
    if has_domain && !(valid_netbios(domain) || valid_dns_domain(domain)) {
        push("runAsUserName's Domain doesn't match the NetBios nor the DNS format");
    }
    if user.is_empty() {
        push("runAsUserName's User cannot be empty");
    } else if user.len() > 104 {
        push("runAsUserName's User length must not be longer than 104 characters");
    }
    if !user.is_empty() && user.chars().all(|c| c == '.' || c == ' ') {
        push("runAsUserName's User cannot contain only periods or spaces");
    }
    if user.chars().any(|c| "\"/\\:;|=,+*?<>@[]".contains(c)) {
        push("runAsUserName's User cannot contain the following characters: \"/\\:;|=,+*?<>@[]");
    }
}

/// `^[^\\/:\*\?"<>|\.][^\\/:\*\?"<>|]{0,14}$`
fn valid_netbios(d: &str) -> bool {
    let bad = |c: char| "\\/:*?\"<>|".contains(c);
    let chars: Vec<char> = d.chars().collect();
    match chars.first() {
        Some(&f) => !bad(f) && f != '.' && chars.len() <= 15 && chars.iter().all(|&c| !bad(c)),
        None => false,
    }
}

/// `^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.…)*$`
fn valid_dns_domain(d: &str) -> bool {
    d.split('.').all(|label| {
        let b = label.as_bytes();
        b.len() <= 63
            && b.first().is_some_and(u8::is_ascii_alphanumeric)
            && b.last().is_some_and(u8::is_ascii_alphanumeric)
            && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
    })
}
