//! The downward API's field selectors, shared by container env (`env[].valueFrom`) and
//! downwardAPI volume files: `validateObjectFieldSelector` (which pod fields may be read) and
//! `validateContainerResourceFieldSelector` (which container resources, with which divisors).

use crate::diag::{Diagnostic, FieldPath};
use crate::quantity::from_node as quantity_of;
use crate::rules;
use crate::tree::Node;

use super::volumes::req_span;
use super::{help, str_of, value_span};

/// Field paths a downward-API volume file may reference (`validVolumeDownwardAPIFieldPathExpressions`,
/// sorted as `sets.List` prints them).
pub const VOLUME_FIELD_PATHS: &[&str] = &[
    "metadata.annotations",
    "metadata.labels",
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
];

/// Field paths an env var's fieldRef may reference (`validEnvDownwardAPIFieldPathExpressions`).
pub const ENV_FIELD_PATHS: &[&str] = &[
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
pub const RESOURCE_FIELD_PATHS: &[&str] = &[
    "limits.cpu",
    "limits.ephemeral-storage",
    "limits.memory",
    "requests.cpu",
    "requests.ephemeral-storage",
    "requests.memory",
];

/// `fieldpath.SplitMaybeSubscriptedPath`: `metadata.labels['app']` → (`metadata.labels`, `app`).
pub(crate) fn split_subscripted(field_path: &str) -> Option<(&str, &str)> {
    let s = field_path.strip_suffix("']")?;
    let (path, sub) = s.split_once("['")?;
    if path.is_empty() {
        return None;
    }
    Some((path, sub))
}

/// `podshelper.ConvertDownwardAPIFieldLabel(version, label, "")`.
fn convert_downward_api_field_label(version: &str, label: &str) -> Result<String, String> {
    if version != "v1" {
        return Err(format!("unsupported pod version: {version}"));
    }
    if let Some((path, _)) = split_subscripted(label) {
        return match path {
            "metadata.annotations" | "metadata.labels" => Ok(label.to_string()),
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
        | "status.podIPs" => Ok(label.to_string()),
        "spec.host" => Ok("spec.nodeName".to_string()),
        _ => Err(format!("field label not supported: {label}")),
    }
}

/// `validateObjectFieldSelector(fs, expressions, path)` (`path` is the `fieldRef` path). Used for
/// downwardAPI volumes here and for env `valueFrom.fieldRef` (with [`ENV_FIELD_PATHS`]).
pub(crate) fn validate_object_field_selector(
    fs: &Node,
    expressions: &[&str],
    path: &FieldPath,
    errs: &mut Vec<Diagnostic>,
) {
    let api_version = str_of(fs, "apiVersion");
    if api_version.is_empty() {
        errs.push(help(
            Diagnostic::required(path.child("apiVersion"), req_span(fs, "apiVersion"), ""),
            rules::FIELD_REF_API_VERSION,
            "fieldRef.apiVersion says which version of the Pod schema fieldPath refers to (normally v1; the API server fills it in when omitted).",
            "fieldRef.apiVersion 说明 fieldPath 引用的是哪个版本的 Pod 结构（通常是 v1，省略时 API 服务器会自动填上）。",
            "Set `apiVersion: v1` or remove the empty value.",
            "设置 `apiVersion: v1`，或者删掉这个空值。",
        ));
        return;
    }
    let field_path = str_of(fs, "fieldPath");
    let fp = path.child("fieldPath");
    let fspan = req_span(fs, "fieldPath");
    let supported_en = expressions.join(", ");
    if field_path.is_empty() {
        errs.push(help(
            Diagnostic::required(&fp, fspan, ""),
            rules::FIELD_REF_FIELD_PATH_REQUIRED,
            format!("fieldPath says which field of the Pod to expose, e.g. metadata.name. Here the allowed fields are: {supported_en}."),
            format!("fieldPath 指定要暴露 Pod 的哪个字段，例如 metadata.name。这里允许的字段有：{supported_en}。"),
            "Add `fieldPath: metadata.name`.",
            "加上 `fieldPath: metadata.name`。",
        ));
        return;
    }
    let internal = match convert_downward_api_field_label(api_version, field_path) {
        Ok(p) => p,
        Err(e) => {
            errs.push(help(
                Diagnostic::invalid(&fp, fspan, field_path, format!("error converting fieldPath: {e}")),
                rules::FIELD_REF_FIELD_PATH_UNKNOWN,
                format!(
                    "{} is not a field the downward API can expose. Here the allowed fields are: {supported_en} (labels and annotations also as metadata.labels['key']).",
                    crate::diag::go_quote(field_path)
                ),
                format!(
                    "{} 不是 downward API 能暴露的字段。这里允许的字段有：{supported_en}（标签和注解也可以写成 metadata.labels['key']）。",
                    crate::diag::go_quote(field_path)
                ),
                "Use one of the listed field paths (spelling and case matter).",
                "使用列出的字段路径之一（注意拼写和大小写）。",
            ));
            return;
        }
    };
    if let Some((p, sub)) = split_subscripted(&internal) {
        let key = if p == "metadata.annotations" {
            sub.to_lowercase()
        } else {
            sub.to_string()
        };
        if p == "metadata.annotations" || p == "metadata.labels" {
            for msg in super::names::is_qualified_name(&key) {
                errs.push(help(
                    Diagnostic::invalid(path, fspan, key.as_str(), msg),
                    rules::FIELD_REF_FIELD_PATH_SUBSCRIPT,
                    format!("The key inside metadata.labels['…'] or metadata.annotations['…'] must be a valid label or annotation key; \"{key}\" is not, so no Pod can have it."),
                    format!("metadata.labels['…'] 或 metadata.annotations['…'] 里的键必须是合法的标签键或注解键；\"{key}\" 不是，任何 Pod 都不可能有这个键。"),
                    "Write the key exactly as it appears under metadata, e.g. metadata.labels['app'].",
                    "按 metadata 里的写法写键，例如 metadata.labels['app']。",
                ));
            }
        } else {
            errs.push(
                Diagnostic::invalid(path, fspan, p, "does not support subscript")
                    .with_rule(rules::FIELD_REF_FIELD_PATH_SUBSCRIPT),
            );
        }
    } else if !expressions.contains(&internal.as_str()) {
        if matches!(
            internal.as_str(),
            "metadata.labels" | "metadata.annotations"
        ) {
            // Only an env var gets here: a whole map is a file in a downwardAPI volume.
            errs.push(help(
                Diagnostic::not_supported(&fp, fspan, internal.as_str(), expressions),
                rules::FIELD_REF_FIELD_PATH_UNSUPPORTED,
                format!("`{internal}` can be read by the downward API, but not into an environment variable: a whole label or annotation map only works as a file in a downwardAPI volume."),
                format!("`{internal}` 可以通过 downward API 读取，但不能放进环境变量：整个 labels 或 annotations 映射只能以 downwardAPI 卷里的文件形式提供。"),
                format!("Pick one key, like `{internal}['app']`, or mount a `downwardAPI` volume for the whole map."),
                format!("选取单个键，例如 `{internal}['app']`，或者挂载 `downwardAPI` 卷来获取整个映射。"),
            ));
            return;
        }
        errs.push(help(
            Diagnostic::not_supported(&fp, fspan, internal.as_str(), expressions),
            rules::FIELD_REF_FIELD_PATH_UNSUPPORTED,
            format!(
                "{} exists in the Pod, but it cannot be exposed here. Allowed here: {supported_en}.",
                crate::diag::go_quote(&internal)
            ),
            format!(
                "{} 是 Pod 里的字段，但这里不能暴露它。这里允许的有：{supported_en}。",
                crate::diag::go_quote(&internal)
            ),
            "Use one of the supported values (e.g. status.podIP is available to env vars, not to volume files).",
            "使用支持的值之一（例如 status.podIP 只能用于环境变量，不能用于卷文件）。",
        ));
    }
}

/// `validateContainerResourceFieldSelector(fs, …, path, volume)` with the standard expressions
/// and the hugepages prefixes, then `validateContainerResourceDivisor`.
pub(crate) fn validate_resource_field_selector(
    fs: &Node,
    volume: bool,
    path: &FieldPath,
    errs: &mut Vec<Diagnostic>,
) {
    let resource = str_of(fs, "resource");
    if volume && str_of(fs, "containerName").is_empty() {
        errs.push(help(
            Diagnostic::required(path.child("containerName"), req_span(fs, "containerName"), ""),
            rules::RESOURCE_FIELD_REF_CONTAINER_NAME,
            "In a volume, resourceFieldRef must say which container's resources to expose (in env vars it is the container itself).",
            "在卷里，resourceFieldRef 必须说明暴露哪个容器的资源（在环境变量里默认就是容器自己）。",
            "Add `containerName: <name of a container in this Pod>`.",
            "加上 `containerName: <本 Pod 中某个容器的名字>`。",
        ));
    } else if resource.is_empty() {
        errs.push(help(
            Diagnostic::required(path.child("resource"), req_span(fs, "resource"), ""),
            rules::RESOURCE_FIELD_REF_RESOURCE,
            "resourceFieldRef.resource says which request or limit to expose, e.g. limits.memory.",
            "resourceFieldRef.resource 指定要暴露哪个请求或限制，例如 limits.memory。",
            "Add `resource: limits.memory`.",
            "加上 `resource: limits.memory`。",
        ));
    } else if !RESOURCE_FIELD_PATHS.contains(&resource)
        && !resource.starts_with("limits.hugepages-")
        && !resource.starts_with("requests.hugepages-")
    {
        errs.push(help(
            Diagnostic::not_supported(path.child("resource"), value_span(fs, "resource"), resource, RESOURCE_FIELD_PATHS),
            rules::RESOURCE_FIELD_REF_RESOURCE,
            "resourceFieldRef can expose limits.cpu, limits.memory, limits.ephemeral-storage, the matching requests, and hugepages.",
            "resourceFieldRef 可以暴露 limits.cpu、limits.memory、limits.ephemeral-storage、对应的 requests，以及 hugepages。",
            "Use one of the supported values.",
            "使用支持的值之一。",
        ));
    }
    if let Some(div) = fs.get("divisor").and_then(quantity_of) {
        if div.is_zero() {
            return;
        }
        let s = div.canonical();
        let mem = [
            "1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei",
        ];
        let msg = match resource {
            "limits.cpu" | "requests.cpu" if !["1m", "1"].contains(&s.as_str()) => {
                Some("only divisor's values 1m and 1 are supported with the cpu resource")
            }
            "limits.memory" | "requests.memory" if !mem.contains(&s.as_str()) => {
                Some("only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the memory resource")
            }
            "limits.ephemeral-storage" | "requests.ephemeral-storage" if !mem.contains(&s.as_str()) => {
                Some("only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the local ephemeral storage resource")
            }
            _ => None,
        };
        let huge = (resource.starts_with("requests.hugepages-")
            || resource.starts_with("limits.hugepages-"))
            && !mem.contains(&s.as_str());
        let div_help = |d: Diagnostic| {
            help(
                d,
                rules::RESOURCE_FIELD_REF_DIVISOR,
                format!("The divisor sets the unit of the exposed number: 1 or 1m for CPU, a power-of-ten or power-of-two byte unit (1, 1Ki, 1Mi, 1M, …) for memory and storage; {s} is not one allowed for {resource}."),
                format!("divisor 决定暴露出来的数字的单位：CPU 用 1 或 1m，内存和存储用 1、1Ki、1Mi、1M 等字节单位；{s} 不是 {resource} 允许的值。"),
                "Use e.g. `divisor: 1Mi` for memory or `divisor: 1m` for CPU.",
                "例如内存用 `divisor: 1Mi`，CPU 用 `divisor: 1m`。",
            )
        };
        let dspan = value_span(fs, "divisor");
        if let Some(m) = msg {
            errs.push(div_help(Diagnostic::invalid(
                path.child("divisor"),
                dspan,
                resource,
                m,
            )));
        }
        if huge {
            errs.push(div_help(Diagnostic::invalid(
                path.child("divisor"),
                dspan,
                resource,
                "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the hugepages resource",
            )));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn subscripts_and_field_labels() {
        assert_eq!(
            split_subscripted("metadata.labels['app']"),
            Some(("metadata.labels", "app"))
        );
        assert_eq!(split_subscripted("metadata.labels"), None);
        assert_eq!(
            convert_downward_api_field_label("v1", "spec.host").as_deref(),
            Ok("spec.nodeName")
        );
        assert!(convert_downward_api_field_label("v2", "metadata.name").is_err());
    }
}
