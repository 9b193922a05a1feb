//! Environment variables: `ValidateEnv`, `validateEnvVarValueFrom`, `validateObjectFieldSelector`,
//! `validateContainerResourceFieldSelector`, `validateContainerResourceDivisor`,
//! `validateConfigMapKeySelector`, `validateSecretKeySelector`, `ValidateEnvFrom`.
//!
//! RelaxedEnvironmentVariableValidation is GA: names and prefixes use `IsRelaxedEnvVarName`
//! (any printable ASCII but '=').

use super::container::{at, help, str_of};
use super::names;
use crate::defaults::quantity_of;
use crate::diag::{BadValue, Diagnostic, FieldPath};
use crate::tree::Node;

/// `validEnvDownwardAPIFieldPathExpressions`, sorted as `sets.List` prints them.
const ENV_FIELD_PATHS: &[&str] = &[
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
    "spec.nodeName",
    "spec.serviceAccountName",
    "status.hostIP",
    "status.hostIPs",
    "status.podIP",
    "status.podIPs",
];

/// `validContainerResourceFieldPathExpressions`, sorted.
const RESOURCE_FIELD_PATHS: &[&str] = &[
    "limits.cpu",
    "limits.ephemeral-storage",
    "limits.memory",
    "requests.cpu",
    "requests.ephemeral-storage",
    "requests.memory",
];

/// `ValidateEnv` (`path` is `…env`).
pub(crate) fn validate_env(vars: &[Node], path: &FieldPath, errs: &mut Vec<Diagnostic>) {
    for (i, ev) in vars.iter().enumerate() {
        let p = path.index(i);
        let name = str_of(ev, "name");
        if name.is_empty() {
            let d = Diagnostic::required(p.child("name"), at(ev, "name"), "");
            errs.push(help(
                d,
                "env-name-required",
                "Each item under `env` sets one environment variable, so it needs a `name` (and usually a `value`).",
                "`env` 下的每一项设置一个环境变量，所以必须有 `name`（通常还有 `value`）。",
                "Write it as `- name: MY_VAR` with `value: \"...\"` on the next line, indented under the name.",
                "写成 `- name: MY_VAR`，下一行缩进对齐写 `value: \"...\"`。",
            ));
        } else {
            for msg in names::is_relaxed_env_var_name(name) {
                let d = Diagnostic::invalid(p.child("name"), at(ev, "name"), name, msg);
                errs.push(help(
                    d,
                    "env-name-invalid",
                    format!("\"{name}\" cannot be an environment variable name: names may use any printable ASCII character except '=' (no spaces-only tricks, tabs, newlines or non-ASCII letters)."),
                    format!("\"{name}\" 不能作为环境变量名：名字只能使用除 '=' 以外的可打印 ASCII 字符（不能有制表符、换行或非 ASCII 字符）。"),
                    "Use a conventional name such as `MY_VAR` (letters, digits and '_').",
                    "使用常见的写法，例如 `MY_VAR`（字母、数字和 '_'）。",
                ));
            }
        }
        validate_value_from(ev, &p.child("valueFrom"), errs);
    }
}

fn validate_value_from(ev: &Node, path: &FieldPath, errs: &mut Vec<Diagnostic>) {
    let Some(vf) = ev.get("valueFrom") else {
        return;
    };
    let mut sources = 0;
    if let Some(fr) = vf.get("fieldRef") {
        sources += 1;
        validate_object_field_selector(fr, &path.child("fieldRef"), errs);
    }
    if let Some(rf) = vf.get("resourceFieldRef") {
        sources += 1;
        validate_resource_field_selector(rf, &path.child("resourceFieldRef"), errs);
    }
    if let Some(cm) = vf.get("configMapKeyRef") {
        sources += 1;
        validate_key_selector(cm, &path.child("configMapKeyRef"), "ConfigMap", errs);
    }
    if let Some(s) = vf.get("secretKeyRef") {
        sources += 1;
        validate_key_selector(s, &path.child("secretKeyRef"), "Secret", errs);
    }
    // EnvFiles: `fileKeyRef` counts as a source. FIXME: its own rules (volumeName, path, key)
    // are not ported; their 1.37 messages were not available.
    if vf.get("fileKeyRef").is_some() {
        sources += 1;
    }
    let span = at(ev, "valueFrom");
    if sources == 0 {
        let d = Diagnostic::invalid(
            path,
            span,
            "",
            "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`",
        );
        errs.push(help(
            d,
            "env-value-from-empty",
            "`valueFrom` says where the value comes from, but names no source.",
            "`valueFrom` 表示值从别处来，但没有写出来源。",
            "Put one source under it: `configMapKeyRef: {name, key}`, `secretKeyRef: {name, key}`, `fieldRef: {fieldPath}` or `resourceFieldRef: {resource}`; or replace `valueFrom` with `value: \"...\"`.",
            "在下面写一个来源：`configMapKeyRef: {name, key}`、`secretKeyRef: {name, key}`、`fieldRef: {fieldPath}` 或 `resourceFieldRef: {resource}`；或者把 `valueFrom` 换成 `value: \"...\"`。",
        ));
    } else if !str_of(ev, "value").is_empty() {
        let d = Diagnostic::invalid(
            path,
            span,
            "",
            "may not be specified when `value` is not empty",
        );
        errs.push(help(
            d,
            "env-value-and-value-from",
            "This variable has both a literal `value` and a `valueFrom` source; Kubernetes cannot tell which one you mean.",
            "这个变量同时有字面值 `value` 和来源 `valueFrom`，Kubernetes 无法判断该用哪个。",
            "Keep only one: delete `value`, or delete `valueFrom`.",
            "只保留一个：删掉 `value` 或删掉 `valueFrom`。",
        ));
    } else if sources > 1 {
        let d = Diagnostic::invalid(
            path,
            span,
            "",
            "may not have more than one field specified at a time",
        );
        errs.push(help(
            d,
            "env-value-from-many",
            "`valueFrom` may name only one source, but this one names several.",
            "`valueFrom` 只能有一个来源，这里写了多个。",
            "Keep exactly one of `fieldRef`, `resourceFieldRef`, `configMapKeyRef`, `secretKeyRef`; use another env entry for the other value.",
            "只保留 `fieldRef`、`resourceFieldRef`、`configMapKeyRef`、`secretKeyRef` 中的一个；另一个值用另一条 env 表示。",
        ));
    }
}

/// `validateObjectFieldSelector` with the env var expressions (also what `ConvertDownwardAPIFieldLabel`
/// accepts).
fn validate_object_field_selector(fs: &Node, path: &FieldPath, errs: &mut Vec<Diagnostic>) {
    let api = str_of(fs, "apiVersion");
    if api.is_empty() {
        let d = Diagnostic::required(path.child("apiVersion"), at(fs, "apiVersion"), "");
        errs.push(help(
            d,
            "field-ref-api-version-required",
            "`fieldRef.apiVersion` may not be empty (left out, it is `v1`).",
            "`fieldRef.apiVersion` 不能为空（不写时默认 `v1`）。",
            "Remove the empty `apiVersion`, or write `apiVersion: v1`.",
            "删掉空的 `apiVersion`，或写 `apiVersion: v1`。",
        ));
        return;
    }
    let fp = str_of(fs, "fieldPath");
    if fp.is_empty() {
        let d = Diagnostic::required(path.child("fieldPath"), at(fs, "fieldPath"), "");
        errs.push(help(
            d,
            "field-ref-path-required",
            "`fieldRef` copies a field of the Pod into the variable, so it needs `fieldPath`.",
            "`fieldRef` 把 Pod 的某个字段复制到变量里，所以需要 `fieldPath`。",
            "Add e.g. `fieldPath: metadata.name`, `status.podIP` or `spec.nodeName`.",
            "加上例如 `fieldPath: metadata.name`、`status.podIP` 或 `spec.nodeName`。",
        ));
        return;
    }
    if let Err(e) = convert_downward_api_field_label(api, fp) {
        let d = Diagnostic::invalid(
            path.child("fieldPath"),
            at(fs, "fieldPath"),
            fp,
            format!("error converting fieldPath: {e}"),
        );
        errs.push(help(
            d,
            "field-ref-path-unknown",
            format!("\"{fp}\" is not a Pod field the downward API can read (with apiVersion {api})."),
            format!("\"{fp}\" 不是 downward API 能读取的 Pod 字段（apiVersion 为 {api}）。"),
            format!("For an env var use one of: {}; or `metadata.labels['<key>']` / `metadata.annotations['<key>']`.", ENV_FIELD_PATHS.join(", ")),
            format!("环境变量可用：{}；或 `metadata.labels['<key>']` / `metadata.annotations['<key>']`。", ENV_FIELD_PATHS.join("、")),
        ));
        return;
    }
    match split_maybe_subscripted_path(fp) {
        Some(("metadata.annotations", sub)) => {
            let lower = sub.to_lowercase();
            for msg in names::is_qualified_name(&lower) {
                errs.push(subscript_key_error(fs, path, &lower, msg));
            }
        }
        Some(("metadata.labels", sub)) => {
            for msg in names::is_qualified_name(sub) {
                errs.push(subscript_key_error(fs, path, sub, msg));
            }
        }
        Some((p, _)) => {
            let d = Diagnostic::invalid(path, at(fs, "fieldPath"), p, "does not support subscript");
            errs.push(help(
                d,
                "field-ref-subscript",
                format!("Only labels and annotations can be picked by key; `{p}` cannot."),
                format!("只有 labels 和 annotations 能按键选取；`{p}` 不行。"),
                format!("Use `{p}` without `['…']`."),
                format!("去掉 `['…']`，直接写 `{p}`。"),
            ));
        }
        None => {
            if !ENV_FIELD_PATHS.contains(&fp) {
                let d = Diagnostic::not_supported(
                    path.child("fieldPath"),
                    at(fs, "fieldPath"),
                    fp,
                    ENV_FIELD_PATHS,
                );
                errs.push(help(
                    d,
                    "field-ref-path-unsupported",
                    format!("`{fp}` can be read by the downward API, but not into an environment variable (whole label or annotation maps, for example, only work as files in a downwardAPI volume)."),
                    format!("`{fp}` 可以通过 downward API 读取，但不能放进环境变量（例如整个 labels 或 annotations 只能以 downwardAPI 卷里的文件形式提供）。"),
                    "Pick one key, like `metadata.labels['app']`, or mount a `downwardAPI` volume for the whole map.",
                    "选取单个键，例如 `metadata.labels['app']`，或者挂载 `downwardAPI` 卷来获取整个映射。",
                ));
            }
        }
    }
}

fn subscript_key_error(fs: &Node, path: &FieldPath, key: &str, msg: String) -> Diagnostic {
    let d = Diagnostic::invalid(path, at(fs, "fieldPath"), key, msg);
    help(
        d,
        "field-ref-subscript-key",
        format!("\"{key}\" is not a valid label or annotation key, so no Pod can have it."),
        format!("\"{key}\" 不是合法的标签或注解键，任何 Pod 都不可能有这个键。"),
        "Write the key as it appears under `metadata.labels`/`metadata.annotations`, e.g. `metadata.labels['app']`.",
        "按 `metadata.labels`/`metadata.annotations` 中的写法填写键，例如 `metadata.labels['app']`。",
    )
}

/// `podshelper.ConvertDownwardAPIFieldLabel` for version `v1`.
fn convert_downward_api_field_label(version: &str, label: &str) -> Result<(), String> {
    if version != "v1" {
        return Err(format!("unsupported pod version: {version}"));
    }
    if let Some((p, _)) = split_maybe_subscripted_path(label) {
        return match p {
            "metadata.annotations" | "metadata.labels" => Ok(()),
            _ => Err(format!("field label does not support subscript: {label}")),
        };
    }
    match label {
        "metadata.annotations"
        | "metadata.labels"
        | "metadata.name"
        | "metadata.namespace"
        | "metadata.uid"
        | "spec.nodeName"
        | "spec.restartPolicy"
        | "spec.serviceAccountName"
        | "spec.schedulerName"
        | "status.phase"
        | "status.hostIP"
        | "status.hostIPs"
        | "status.podIP"
        | "status.podIPs"
        | "spec.host" => Ok(()),
        _ => Err(format!("field label not supported: {label}")),
    }
}

/// `fieldpath.SplitMaybeSubscriptedPath`: `metadata.labels['app']` → (`metadata.labels`, `app`).
pub(crate) fn split_maybe_subscripted_path(fp: &str) -> Option<(&str, &str)> {
    let s = fp.strip_suffix("']")?;
    let (path, sub) = s.split_once("['")?;
    if path.is_empty() {
        return None;
    }
    Some((path, sub))
}

/// `validateContainerResourceFieldSelector` for env vars (`volume` is false: no containerName
/// requirement) and `validateContainerResourceDivisor`.
fn validate_resource_field_selector(rf: &Node, path: &FieldPath, errs: &mut Vec<Diagnostic>) {
    let res = str_of(rf, "resource");
    if res.is_empty() {
        let d = Diagnostic::required(path.child("resource"), at(rf, "resource"), "");
        errs.push(help(
            d,
            "resource-field-ref-required",
            "`resourceFieldRef` copies one of the container's requests or limits into the variable, so it needs `resource`.",
            "`resourceFieldRef` 把容器的某个 request 或 limit 复制到变量里，所以需要 `resource`。",
            "Add e.g. `resource: limits.memory` or `resource: requests.cpu`.",
            "加上例如 `resource: limits.memory` 或 `resource: requests.cpu`。",
        ));
    } else if !RESOURCE_FIELD_PATHS.contains(&res)
        && !res.starts_with("limits.hugepages-")
        && !res.starts_with("requests.hugepages-")
    {
        let d = Diagnostic::not_supported(
            path.child("resource"),
            at(rf, "resource"),
            res,
            RESOURCE_FIELD_PATHS,
        );
        errs.push(help(
            d,
            "resource-field-ref-unsupported",
            format!("\"{res}\" is not a container resource the downward API can expose."),
            format!("\"{res}\" 不是 downward API 能提供的容器资源。"),
            format!("Use one of: {}.", RESOURCE_FIELD_PATHS.join(", ")),
            format!("请使用以下之一：{}。", RESOURCE_FIELD_PATHS.join("、")),
        ));
    }
    let Some(div) = rf.get("divisor") else {
        return;
    };
    let Some(Ok(q)) = quantity_of(div) else {
        return;
    };
    if q.is_zero() {
        return;
    }
    let canon = q.canonical();
    const MEM: &[&str] = &[
        "1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei",
    ];
    const MEM_LIST: &str = "1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei";
    let bad = |detail: String, rule: &'static str| {
        let d = Diagnostic::invalid(
            path.child("divisor"),
            div.span,
            BadValue::Str(res.to_string()),
            detail,
        );
        help(
            d,
            rule,
            format!("The divisor scales the value before it is written into the variable (e.g. `1Mi` gives mebibytes); {canon} is not one of the divisors allowed for {res}."),
            format!("divisor 决定写入变量前怎样换算数值（例如 `1Mi` 表示以 MiB 为单位）；{canon} 不是 {res} 允许的除数。"),
            "Use one of the divisors the message lists, or remove `divisor` (then it is 1).",
            "请使用错误信息中列出的除数之一，或删掉 `divisor`（默认为 1）。",
        )
    };
    match res {
        "limits.cpu" | "requests.cpu" if canon != "1m" && canon != "1" => {
            errs.push(bad(
                "only divisor's values 1m and 1 are supported with the cpu resource".into(),
                "resource-field-ref-divisor",
            ));
        }
        "limits.memory" | "requests.memory" if !MEM.contains(&canon.as_str()) => {
            errs.push(bad(
                format!("only divisor's values {MEM_LIST} are supported with the memory resource"),
                "resource-field-ref-divisor",
            ));
        }
        "limits.ephemeral-storage" | "requests.ephemeral-storage"
            if !MEM.contains(&canon.as_str()) =>
        {
            errs.push(bad(
                format!("only divisor's values {MEM_LIST} are supported with the local ephemeral storage resource"),
                "resource-field-ref-divisor",
            ));
        }
        _ => {}
    }
    if (res.starts_with("requests.hugepages-") || res.starts_with("limits.hugepages-"))
        && !MEM.contains(&canon.as_str())
    {
        errs.push(bad(
            format!("only divisor's values {MEM_LIST} are supported with the hugepages resource"),
            "resource-field-ref-divisor",
        ));
    }
}

/// `validateConfigMapKeySelector` / `validateSecretKeySelector` (both check the name with
/// `ValidateSecretName`, i.e. as a DNS subdomain, without the prefix allowance).
fn validate_key_selector(s: &Node, path: &FieldPath, kind: &str, errs: &mut Vec<Diagnostic>) {
    let name = str_of(s, "name");
    for msg in names::is_dns1123_subdomain(name) {
        let d = Diagnostic::invalid(path.child("name"), at(s, "name"), name, msg);
        let (en, zh) = if name.is_empty() {
            (
                format!("The {kind} to read from has no `name`."),
                format!("要读取的 {kind} 没有写 `name`。"),
            )
        } else {
            (
                format!("\"{name}\" cannot be the name of a {kind}: object names are lowercase letters, digits, '-' and '.', starting and ending with a letter or digit."),
                format!("\"{name}\" 不可能是 {kind} 的名字：对象名只能由小写字母、数字、'-' 和 '.' 组成，并以字母或数字开头和结尾。"),
            )
        };
        errs.push(help(
            d,
            "env-key-ref-name",
            en,
            zh,
            format!(
                "Write the {kind}'s name as `kubectl get {}` shows it.",
                kind.to_lowercase()
            ),
            format!("按 `kubectl get {}` 显示的名字填写。", kind.to_lowercase()),
        ));
    }
    let key = str_of(s, "key");
    if key.is_empty() {
        let d = Diagnostic::required(path.child("key"), at(s, "key"), "");
        errs.push(help(
            d,
            "env-key-ref-key-required",
            format!("The variable takes one entry of the {kind}, so `key` must say which one."),
            format!("这个变量取 {kind} 中的一项，所以必须用 `key` 指明是哪一项。"),
            format!("Add `key: <entry name>` (the key under `data:` in the {kind})."),
            format!("加上 `key: <条目名>`（即 {kind} 中 `data:` 下的键）。"),
        ));
    } else {
        for msg in names::is_config_map_key(key) {
            let d = Diagnostic::invalid(path.child("key"), at(s, "key"), key, msg);
            errs.push(help(
                d,
                "env-key-ref-key-invalid",
                format!("\"{key}\" cannot be a key of a {kind}: keys use letters, digits, '-', '_' and '.'."),
                format!("\"{key}\" 不可能是 {kind} 的键：键只能由字母、数字、'-'、'_' 和 '.' 组成。"),
                format!("Use the key exactly as it is written in the {kind}."),
                format!("按 {kind} 中的写法填写键。"),
            ));
        }
    }
}

/// `ValidateEnvFrom` (`path` is `…envFrom`; note that Go reports the source-count errors at
/// the list's path, without the index).
pub(crate) fn validate_env_from(list: &[Node], path: &FieldPath, errs: &mut Vec<Diagnostic>) {
    for (i, ev) in list.iter().enumerate() {
        let p = path.index(i);
        let prefix = str_of(ev, "prefix");
        if !prefix.is_empty() {
            for msg in names::is_relaxed_env_var_name(prefix) {
                let d = Diagnostic::invalid(p.child("prefix"), at(ev, "prefix"), prefix, msg);
                errs.push(help(
                    d,
                    "env-from-prefix-invalid",
                    format!("The prefix is put in front of every imported key to form variable names, so it must be usable in a name; \"{prefix}\" is not (no '=' or non-printable characters)."),
                    format!("前缀会加在每个导入的键前面组成变量名，所以它必须能用在变量名里；\"{prefix}\" 不行（不能有 '=' 或不可打印字符）。"),
                    "Use a prefix like `APP_`.",
                    "使用类似 `APP_` 的前缀。",
                ));
            }
        }
        let mut sources = 0;
        if let Some(cm) = ev.get("configMapRef") {
            sources += 1;
            validate_env_source_name(cm, &p.child("configMapRef"), "ConfigMap", errs);
        }
        if let Some(s) = ev.get("secretRef") {
            sources += 1;
            validate_env_source_name(s, &p.child("secretRef"), "Secret", errs);
        }
        let span = ev.span;
        if sources == 0 {
            let d = Diagnostic::invalid(
                path,
                span,
                "",
                "must specify one of: `configMapRef` or `secretRef`",
            );
            errs.push(help(
                d,
                "env-from-empty",
                "An `envFrom` item imports all keys of a ConfigMap or Secret as variables, but this one names neither.",
                "`envFrom` 的一项会把某个 ConfigMap 或 Secret 的所有键导入为变量，但这一项两者都没写。",
                "Add `configMapRef: {name: <configmap>}` or `secretRef: {name: <secret>}`.",
                "加上 `configMapRef: {name: <configmap>}` 或 `secretRef: {name: <secret>}`。",
            ));
        } else if sources > 1 {
            let d = Diagnostic::invalid(
                path,
                span,
                "",
                "may not have more than one field specified at a time",
            );
            errs.push(help(
                d,
                "env-from-many",
                "An `envFrom` item may import from one source only, but this one names both a ConfigMap and a Secret.",
                "`envFrom` 的一项只能有一个来源，这里同时写了 ConfigMap 和 Secret。",
                "Split it into two `envFrom` items, one per source.",
                "拆成两个 `envFrom` 条目，每个一个来源。",
            ));
        }
    }
}

/// `validateConfigMapEnvSource` / `validateSecretEnvSource`: name Required, else a DNS subdomain
/// checked with the prefix allowance (`maskTrailingDash`).
fn validate_env_source_name(src: &Node, path: &FieldPath, kind: &str, errs: &mut Vec<Diagnostic>) {
    let name = str_of(src, "name");
    if name.is_empty() {
        let d = Diagnostic::required(path.child("name"), at(src, "name"), "");
        errs.push(help(
            d,
            "env-from-name-required",
            format!("The {kind} to import has no `name`."),
            format!("要导入的 {kind} 没有写 `name`。"),
            format!("Add `name: <{}>`.", kind.to_lowercase()),
            format!("加上 `name: <{} 名>`。", kind),
        ));
        return;
    }
    for msg in names::is_dns1123_subdomain(&mask_trailing_dash(name)) {
        let d = Diagnostic::invalid(path.child("name"), at(src, "name"), name, msg);
        errs.push(help(
            d,
            "env-from-name-invalid",
            format!("\"{name}\" cannot be the name of a {kind}: object names are lowercase letters, digits, '-' and '.'."),
            format!("\"{name}\" 不可能是 {kind} 的名字：对象名只能由小写字母、数字、'-' 和 '.' 组成。"),
            format!("Write the {kind}'s name as `kubectl get {}` shows it.", kind.to_lowercase()),
            format!("按 `kubectl get {}` 显示的名字填写。", kind.to_lowercase()),
        ));
    }
}

/// apimachinery's `maskTrailingDash`: a name used as a prefix may end with '-'.
fn mask_trailing_dash(name: &str) -> String {
    if name.len() > 1 && name.ends_with('-') {
        // Go: name[:len(name)-2] + "a" (byte slicing; fall back to the name off char boundaries).
        match name.get(..name.len() - 2) {
            Some(head) => format!("{head}a"),
            None => name.to_string(),
        }
    } else {
        name.to_string()
    }
}
