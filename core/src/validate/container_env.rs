//! Environment variables: `ValidateEnv`, `validateEnvVarValueFrom`, `validateConfigMapKeySelector`,
//! `validateSecretKeySelector`, `ValidateEnvFrom`. `fieldRef` and `resourceFieldRef` go through the
//! same `validateObjectFieldSelector` / `validateContainerResourceFieldSelector` as downwardAPI
//! volumes (`super::volumes`), with the env var expressions.
//!
//! RelaxedEnvironmentVariableValidation is GA: names and prefixes use `IsRelaxedEnvVarName`
//! (any printable ASCII but '=').

use super::container::{at, help, str_of};
use super::field_selectors::{self, ENV_FIELD_PATHS};
use super::names;
use crate::diag::{Diagnostic, FieldPath};
use crate::rules;
use crate::span::Span;
use crate::tree::Node;

/// `ValidateEnv` (`path` is `…env`).
pub(crate) fn validate_env(vars: &[Node], path: &FieldPath, errs: &mut Vec<Diagnostic>) {
    for (i, ev) in vars.iter().enumerate() {
        let p = path.index(i);
        let name = str_of(ev, "name");
        if name.is_empty() {
            let d = Diagnostic::required(p.child("name"), at(ev, "name"), "");
            errs.push(help(
                d,
                rules::ENV_NAME_REQUIRED,
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
                    rules::ENV_NAME_INVALID,
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
        field_selectors::validate_object_field_selector(
            fr,
            ENV_FIELD_PATHS,
            &path.child("fieldRef"),
            errs,
        );
    }
    if let Some(rf) = vf.get("resourceFieldRef") {
        sources += 1;
        field_selectors::validate_resource_field_selector(
            rf,
            false,
            &path.child("resourceFieldRef"),
            errs,
        );
    }
    if let Some(cm) = vf.get("configMapKeyRef") {
        sources += 1;
        validate_key_selector(cm, &path.child("configMapKeyRef"), "ConfigMap", errs);
    }
    if let Some(s) = vf.get("secretKeyRef") {
        sources += 1;
        validate_key_selector(s, &path.child("secretKeyRef"), "Secret", errs);
    }
    // `fileKeyRef` counts as a source: EnvFiles is beta and on by default since 1.35
    // (kubernetes.io feature-gates/env-files.md), so it is accepted. Its own rules (volumeName a
    // volume's name, path relative without '..', key) are not ported: no copy of the 1.35+
    // validation.go with their messages was available, and a made-up message would be presented
    // as kubectl's. The simulation says it does not read env files (see create_step).
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
            rules::ENV_VALUE_FROM_EMPTY,
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
            rules::ENV_VALUE_AND_VALUE_FROM,
            "This variable has both a literal `value` and a `valueFrom` source; Kubernetes cannot tell which one you mean.",
            "这个变量同时有字面值 `value` 和来源 `valueFrom`，Kubernetes 无法判断该用哪个。",
            "Keep only one: delete `value`, or delete `valueFrom`.",
            "只保留一个：删掉 `value` 或删掉 `valueFrom`。",
        ));
    } else if sources > 1 {
        let d = more_than_one_source(path, span);
        errs.push(help(
            d,
            rules::ENV_VALUE_FROM_MANY,
            "`valueFrom` may name only one source, but this one names several.",
            "`valueFrom` 只能有一个来源，这里写了多个。",
            "Keep exactly one of `fieldRef`, `resourceFieldRef`, `configMapKeyRef`, `secretKeyRef`; use another env entry for the other value.",
            "只保留 `fieldRef`、`resourceFieldRef`、`configMapKeyRef`、`secretKeyRef` 中的一个；另一个值用另一条 env 表示。",
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
            rules::ENV_KEY_REF_NAME,
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
            rules::ENV_KEY_REF_KEY_REQUIRED,
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
                rules::ENV_KEY_REF_KEY_INVALID,
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
                    rules::ENV_FROM_PREFIX_INVALID,
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
                rules::ENV_FROM_EMPTY,
                "An `envFrom` item imports all keys of a ConfigMap or Secret as variables, but this one names neither.",
                "`envFrom` 的一项会把某个 ConfigMap 或 Secret 的所有键导入为变量，但这一项两者都没写。",
                "Add `configMapRef: {name: <configmap>}` or `secretRef: {name: <secret>}`.",
                "加上 `configMapRef: {name: <configmap>}` 或 `secretRef: {name: <secret>}`。",
            ));
        } else if sources > 1 {
            let d = more_than_one_source(path, span);
            errs.push(help(
                d,
                rules::ENV_FROM_MANY,
                "An `envFrom` item may import from one source only, but this one names both a ConfigMap and a Secret.",
                "`envFrom` 的一项只能有一个来源，这里同时写了 ConfigMap 和 Secret。",
                "Split it into two `envFrom` items, one per source.",
                "拆成两个 `envFrom` 条目，每个一个来源。",
            ));
        }
    }
}

/// `valueFrom`, or an `envFrom` item, that names more than one source.
fn more_than_one_source(path: impl Into<String>, span: Span) -> Diagnostic {
    Diagnostic::invalid(
        path,
        span,
        "",
        "may not have more than one field specified at a time",
    )
}

/// `validateConfigMapEnvSource` / `validateSecretEnvSource`: name Required, else a DNS subdomain
/// checked with the prefix allowance (`maskTrailingDash`).
fn validate_env_source_name(src: &Node, path: &FieldPath, kind: &str, errs: &mut Vec<Diagnostic>) {
    let name = str_of(src, "name");
    if name.is_empty() {
        let d = Diagnostic::required(path.child("name"), at(src, "name"), "");
        errs.push(help(
            d,
            rules::ENV_FROM_NAME_REQUIRED,
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
            rules::ENV_FROM_NAME_INVALID,
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
