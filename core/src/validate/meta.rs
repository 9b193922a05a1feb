//! ObjectMeta and the label helpers every kind shares: apimachinery's
//! `pkg/api/validation/objectmeta.go` (`ValidateObjectMetaAccessor`, `ValidateAnnotations`,
//! `ValidateOwnerReferences`, `ValidateFinalizers`), `pkg/apis/meta/v1/validation`
//! (`ValidateLabels`, `ValidateLabelName`, `ValidateLabelSelector`) and core's
//! `validateKubeFinalizerName`.
//!
//! What the API server does to metadata *before* validating a create, and how we mirror it:
//! - an empty `namespace` is filled from the request (kubectl sends `default`), so a missing
//!   namespace is never an error; a cluster-scoped object's namespace is cleared;
//! - `generateName` without `name` produces `name` = generateName (cut to 58 bytes) + 5 random
//!   characters. We cannot know the random part: we use the fixed stand-in `x7k2q` (characters from
//!   the generator's own alphabet) and the help says so;
//! - Pods get `metadata.generation = 1` (PodObservedGenerationTracking), so a negative generation
//!   is only reported for other kinds.

use crate::diag::{BadValue, Diagnostic, FieldPath};
use crate::rules;
use crate::span::Span;
use crate::tree::{Node, Value};

use super::{check_name, go_string_slice, help, missing, string_map, NameFormat};

/// `TotalAnnotationSizeLimitB`.
pub const TOTAL_ANNOTATION_SIZE_LIMIT_B: usize = 256 * (1 << 10);

/// How a kind names its objects, for messages.
#[derive(Clone, Copy)]
pub(crate) struct KindName {
    pub kind: &'static str,
    /// `ValidatePodName` etc.: the name format of this kind.
    pub format: NameFormat,
    /// Namespaced kinds require (and validate) a namespace.
    pub namespaced: bool,
    /// Whether `metadata.generation` is reset by the create strategy (Pods).
    pub generation_reset: bool,
}

pub(crate) const POD: KindName = KindName {
    kind: "Pod",
    format: NameFormat::Dns1123Subdomain,
    namespaced: true,
    generation_reset: true,
};

/// `maskTrailingDash`: for prefix (generateName) validation the last character, if a dash, is
/// replaced — Go slices off two bytes and appends "a".
fn mask_trailing_dash(name: &str) -> String {
    if name.ends_with('-') {
        let cut = name.len().saturating_sub(2);
        format!("{}a", name.get(..cut).unwrap_or(""))
    } else {
        name.to_string()
    }
}

/// The object's effective name after the API server's name generation (or "" if none).
pub(crate) fn effective_name(obj: &Node) -> String {
    let Some(meta) = obj.get("metadata") else {
        return String::new();
    };
    let name = meta.str("name").unwrap_or("");
    let gen = meta.str("generateName").unwrap_or("");
    if name.is_empty() && !gen.is_empty() {
        crate::defaults::generated_name(gen)
    } else {
        name.to_string()
    }
}

/// `ValidateObjectMeta(meta, requiresNamespace, nameFn, "metadata")` plus core's finalizer check.
pub(crate) fn validate_object_meta(obj: &Node, kind: KindName, errs: &mut Vec<Diagnostic>) {
    let path = FieldPath::root("metadata");
    let empty = Node::new(Value::Map(Vec::new()), obj.span);
    let meta = obj.get("metadata").unwrap_or(&empty);
    let meta_anchor = if obj.get("metadata").is_some() {
        missing(meta)
    } else {
        missing(obj)
    };

    let gen = meta.str("generateName").unwrap_or("");
    let gen_span = super::value_span(meta, "generateName");
    if !gen.is_empty() {
        let masked = mask_trailing_dash(gen);
        for msg in kind.format.messages(&masked) {
            errs.push(help(
                Diagnostic::invalid(path.child("generateName"), gen_span, gen, msg),
                rules::META_GENERATE_NAME_FORMAT,
                format!(
                    "generateName is the start of the {}'s name: the API server appends 5 random characters. The result must still be a valid {} name, so the prefix must follow the same rules (a trailing '-' is fine).",
                    kind.kind, kind.kind
                ),
                format!(
                    "generateName 是{}名字的前缀：API 服务器会在后面加 5 个随机字符。结果仍然必须是合法的名字，所以前缀也要遵守同样的规则（末尾可以是 '-'）。",
                    kind.kind
                ),
                "Use lowercase letters, digits and '-' (and '.' where the kind allows it), e.g. `web-`.",
                "只使用小写字母、数字和 '-'（该类型允许时也可以用 '.'），例如 `web-`。",
            ));
        }
    }

    let name = meta.str("name").unwrap_or("");
    let name_path = path.child("name");
    if name.is_empty() && gen.is_empty() {
        let span = match meta.entry("name") {
            Some(e) => e.key_span,
            None => meta_anchor,
        };
        errs.push(help(
            Diagnostic::required(&name_path, span, "name or generateName is required"),
            rules::META_NAME_REQUIRED,
            format!(
                "Every {} needs a name (metadata.name) so that you can find it again with kubectl; alternatively metadata.generateName asks the API server to make one up.",
                kind.kind
            ),
            format!(
                "每个 {} 都需要名字（metadata.name），这样才能用 kubectl 再找到它；也可以用 metadata.generateName 让 API 服务器生成一个。",
                kind.kind
            ),
            "Add `name: my-app` under `metadata:`.",
            "在 `metadata:` 下面加上 `name: my-app`。",
        ));
    } else if !gen.is_empty() && (name.is_empty() || meta.get("name").is_some_and(|n| n.defaulted))
    {
        // The name was generated from generateName before validation (defaulting does it, as
        // the API server's BeforeCreate does; undefaulted input gets the same name here).
        let generated = if name.is_empty() {
            crate::defaults::generated_name(gen)
        } else {
            name.to_string()
        };
        let suffix = generated
            .get(generated.len().saturating_sub(5)..)
            .unwrap_or("")
            .to_string();
        for msg in kind.format.messages(&generated) {
            errs.push(help(
                Diagnostic::invalid(&name_path, gen_span, generated.as_str(), msg),
                rules::META_NAME_GENERATED,
                format!(
                    "The API server generated the name from generateName plus 5 random characters (here `{suffix}`; the playground derives them from the prefix so that runs repeat), and that name is not valid."
                ),
                format!(
                    "API 服务器用 generateName 加 5 个随机字符（这里是 `{suffix}`；游乐场由前缀推导出它们，以便每次运行结果相同）生成了名字，但这个名字不合法。"
                ),
                "Fix generateName (see the generateName error).",
                "修正 generateName（见 generateName 的错误）。",
            ));
        }
    } else {
        let what_en = format!("the {}'s name", kind.kind);
        let what_zh = format!("{} 的名字", kind.kind);
        check_name(
            kind.format,
            name,
            &name_path,
            super::value_span(meta, "name"),
            (&what_en, &what_zh),
            match kind.format {
                NameFormat::Dns1035Label => rules::META_NAME_DNS1035_LABEL,
                NameFormat::Dns1123Label => rules::META_NAME_DNS_LABEL,
                _ => rules::META_NAME_DNS_SUBDOMAIN,
            },
            errs,
        );
    }

    // Namespace: filled from the request when empty; cleared for cluster-scoped kinds.
    if kind.namespaced {
        if let Some(ns) = meta.str("namespace").filter(|s| !s.is_empty()) {
            check_name(
                NameFormat::Dns1123Label,
                ns,
                &path.child("namespace"),
                super::value_span(meta, "namespace"),
                ("the namespace", "命名空间"),
                rules::META_NAMESPACE_DNS_LABEL,
                errs,
            );
        }
    }

    if !kind.generation_reset {
        if let Some(g) = meta.get("generation").and_then(Node::as_i64) {
            if g < 0 {
                errs.push(help(
                    Diagnostic::invalid(
                        path.child("generation"),
                        super::value_span(meta, "generation"),
                        g,
                        "must be greater than or equal to 0",
                    ),
                    rules::META_GENERATION_NEGATIVE,
                    "metadata.generation counts changes to the object's spec; it cannot be negative. Normally the API server manages it.",
                    "metadata.generation 记录对象 spec 的变更次数，不能为负数。通常由 API 服务器管理。",
                    "Remove `generation` from metadata.",
                    "从 metadata 中删掉 `generation`。",
                ));
            }
        }
    }

    validate_labels(meta.get("labels"), &path.child("labels"), errs);
    validate_annotations(meta.get("annotations"), &path.child("annotations"), errs);
    validate_owner_references(meta, &path.child("ownerReferences"), errs);
    validate_finalizers(meta, &path.child("finalizers"), errs);
}

/// `ValidateLabelName`: a label key (or selector key, topology key, taint key …) must be a
/// qualified name. `what` names the field for the help.
pub(crate) fn validate_label_name(
    key: &str,
    path: &FieldPath,
    span: Span,
    rule: crate::rules::RuleId,
    errs: &mut Vec<Diagnostic>,
) {
    for msg in super::names::is_qualified_name(key) {
        errs.push(help(
            Diagnostic::invalid(path, span, key, msg),
            rule,
            format!(
                "{} is used as a label key. Label keys are qualified names: an optional DNS-subdomain prefix and '/', then a name of at most 63 characters of letters, digits, '-', '_' and '.', starting and ending with a letter or digit.",
                crate::diag::go_quote(key)
            ),
            format!(
                "{} 被用作标签键。标签键必须是限定名：可选的 DNS 子域名前缀加 '/'，后面是最多 63 个字符的名字，只能用字母、数字、'-'、'_' 和 '.'，并以字母或数字开头和结尾。",
                crate::diag::go_quote(key)
            ),
            "Use a key like `app`, `tier` or `example.com/team`.",
            "使用类似 `app`、`tier` 或 `example.com/team` 的键。",
        ));
    }
}

/// `ValidateLabels(labels, path)`: both key and value errors are reported at `path` itself (not
/// `path[key]`), as Go does.
pub(crate) fn validate_labels(labels: Option<&Node>, path: &FieldPath, errs: &mut Vec<Diagnostic>) {
    for (k, kspan, v, vspan) in string_map(labels) {
        validate_label_name(k, path, kspan, rules::META_LABELS_KEY, errs);
        for msg in super::names::is_valid_label_value(v) {
            errs.push(help(
                Diagnostic::invalid(path, vspan, v, msg),
                rules::META_LABELS_VALUE,
                format!(
                    "The value of label {} is {}. Label values are short identifiers that selectors match against: empty, or at most 63 characters of letters, digits, '-', '_' and '.', starting and ending with a letter or digit. Spaces, '/', ':' and non-ASCII characters are not allowed.",
                    crate::diag::go_quote(k),
                    crate::diag::go_quote(v)
                ),
                format!(
                    "标签 {} 的值是 {}。标签值是给选择器匹配用的简短标识：可以为空，否则最多 63 个字符，只能用字母、数字、'-'、'_' 和 '.'，并以字母或数字开头和结尾。不能有空格、'/'、':' 或非 ASCII 字符。",
                    crate::diag::go_quote(k),
                    crate::diag::go_quote(v)
                ),
                "Shorten or simplify the value (e.g. `v1-2`); put free text in an annotation instead.",
                "缩短或简化这个值（例如 `v1-2`）；自由文本请放到注解（annotations）里。",
            ));
        }
    }
}

/// `ValidateAnnotations`: keys are qualified names (case-insensitive) and the total size of keys
/// and values is at most 256 KiB.
pub(crate) fn validate_annotations(
    annotations: Option<&Node>,
    path: &FieldPath,
    errs: &mut Vec<Diagnostic>,
) {
    let items = string_map(annotations);
    let mut total: usize = 0;
    for (k, kspan, v, _) in &items {
        for msg in super::names::is_qualified_name(&k.to_lowercase()) {
            errs.push(help(
                Diagnostic::invalid(path, *kspan, *k, msg),
                rules::META_ANNOTATIONS_KEY,
                format!(
                    "Annotation keys follow the same rules as label keys (case does not matter): an optional DNS-subdomain prefix and '/', then a name of at most 63 characters. {} is not one.",
                    crate::diag::go_quote(k)
                ),
                format!(
                    "注解的键与标签键的规则相同（不区分大小写）：可选的 DNS 子域名前缀加 '/'，后面是最多 63 个字符的名字。{} 不符合。",
                    crate::diag::go_quote(k)
                ),
                "Use a key like `description` or `example.com/owner`.",
                "使用类似 `description` 或 `example.com/owner` 的键。",
            ));
        }
        total = total.saturating_add(k.len()).saturating_add(v.len());
    }
    if total > TOTAL_ANNOTATION_SIZE_LIMIT_B {
        let span = annotations.map(|n| n.span).unwrap_or_default();
        errs.push(help(
            Diagnostic::too_long(path, span, TOTAL_ANNOTATION_SIZE_LIMIT_B),
            rules::META_ANNOTATIONS_SIZE,
            format!(
                "All annotations together (keys and values) are {total} bytes; the API server stores at most 262144 bytes (256 KiB) of annotations per object."
            ),
            format!(
                "所有注解（键和值）加起来有 {total} 字节；API 服务器每个对象最多保存 262144 字节（256 KiB）的注解。"
            ),
            "Move large data into a ConfigMap and keep only a reference in the annotation.",
            "把大数据放进 ConfigMap，注解里只保留引用。",
        ));
    }
}

/// `ValidateOwnerReferences`: every reference needs apiVersion (with a version), kind, name and
/// uid; Events cannot own; at most one controller. Go reports at `ownerReferences` itself.
fn validate_owner_references(meta: &Node, path: &FieldPath, errs: &mut Vec<Diagnostic>) {
    let refs = meta.seq("ownerReferences");
    let mut first_controller = String::new();
    for r in refs {
        if r.as_map().is_none() {
            continue;
        }
        let api_version = r.str("apiVersion").unwrap_or("");
        let kind = r.str("kind").unwrap_or("");
        let (group, version) = parse_group_version(api_version);
        let missing_help = |d: Diagnostic, what: &str| {
            help(
                d,
                rules::META_OWNER_REFERENCES_INCOMPLETE,
                format!("An owner reference must say exactly which object owns this one; its {what} is missing."),
                format!("ownerReference 必须准确指出是哪个对象拥有它；缺少 {what}。"),
                "Usually controllers set ownerReferences; remove it from your manifest, or fill in apiVersion, kind, name and uid of the owner.",
                "ownerReferences 通常由控制器设置；把它从清单里删掉，或者填写所有者的 apiVersion、kind、name 和 uid。",
            )
        };
        if version.is_empty() {
            errs.push(missing_help(
                Diagnostic::invalid(
                    path.child("apiVersion"),
                    super::value_span(r, "apiVersion"),
                    api_version,
                    "version must not be empty",
                ),
                "apiVersion's version",
            ));
        }
        if kind.is_empty() {
            errs.push(missing_help(
                Diagnostic::invalid(
                    path.child("kind"),
                    super::value_span(r, "kind"),
                    kind,
                    "must not be empty",
                ),
                "kind",
            ));
        }
        let name = r.str("name").unwrap_or("");
        if name.is_empty() {
            errs.push(missing_help(
                Diagnostic::invalid(
                    path.child("name"),
                    super::value_span(r, "name"),
                    name,
                    "must not be empty",
                ),
                "name",
            ));
        }
        let uid = r.str("uid").unwrap_or("");
        if uid.is_empty() {
            errs.push(missing_help(
                Diagnostic::invalid(
                    path.child("uid"),
                    super::value_span(r, "uid"),
                    uid,
                    "must not be empty",
                ),
                "uid",
            ));
        }
        if group.is_empty() && version == "v1" && kind == "Event" {
            errs.push(help(
                Diagnostic::invalid(
                    path,
                    r.span,
                    BadValue::Raw(owner_reference_go(r)),
                    "/v1, Kind=Event is disallowed from being an owner",
                ),
                rules::META_OWNER_REFERENCES_EVENT,
                "Events are short-lived records; they cannot own other objects.",
                "Event 是短暂的记录，不能拥有其他对象。",
                "Point the owner reference at the real owner (e.g. a Deployment or ReplicaSet).",
                "让 ownerReference 指向真正的所有者（例如 Deployment 或 ReplicaSet）。",
            ));
        }
        if r.get("controller").and_then(Node::as_bool) == Some(true) {
            let cur = format!("{kind}/{name}");
            if !first_controller.is_empty() {
                let all: Vec<String> = refs.iter().map(owner_reference_go).collect();
                errs.push(help(
                    Diagnostic::invalid(
                        path,
                        r.span,
                        BadValue::Raw(format!("[]v1.OwnerReference{{{}}}", all.join(", "))),
                        format!("Only one reference can have Controller set to true. Found \"true\" in references for {first_controller} and {cur}"),
                    ),
                    rules::META_OWNER_REFERENCES_CONTROLLER,
                    "An object has at most one managing controller; only one owner reference may say `controller: true`.",
                    "一个对象最多只有一个管理它的控制器；只能有一个 ownerReference 设置 `controller: true`。",
                    "Set `controller: true` on only one of the owner references.",
                    "只在其中一个 ownerReference 上设置 `controller: true`。",
                ));
            } else {
                first_controller = cur;
            }
        }
    }
}

/// `schema.ParseGroupVersion` as `FromAPIVersionAndKind` uses it (errors give an empty version).
fn parse_group_version(gv: &str) -> (&str, &str) {
    if gv.is_empty() || gv == "/" {
        return ("", "");
    }
    match gv.matches('/').count() {
        0 => ("", gv),
        1 => gv.split_once('/').unwrap_or(("", "")),
        _ => ("", ""),
    }
}

/// A `%#v` rendering of a `metav1.OwnerReference` (pointer fields shown without their address).
fn owner_reference_go(r: &Node) -> String {
    let ptr = |k: &str| match r.get(k).and_then(Node::as_bool) {
        Some(_) => "(*bool)(0xc000…)".to_string(),
        None => "(*bool)(nil)".to_string(),
    };
    format!(
        "v1.OwnerReference{{APIVersion:{}, Kind:{}, Name:{}, UID:{}, Controller:{}, BlockOwnerDeletion:{}}}",
        crate::diag::go_quote(r.str("apiVersion").unwrap_or("")),
        crate::diag::go_quote(r.str("kind").unwrap_or("")),
        crate::diag::go_quote(r.str("name").unwrap_or("")),
        crate::diag::go_quote(r.str("uid").unwrap_or("")),
        ptr("controller"),
        ptr("blockOwnerDeletion"),
    )
}

/// `ValidateFinalizers` (apimachinery; errors at `finalizers` itself) and then core's
/// `validateKubeFinalizerName` (at `finalizers[i]`).
fn validate_finalizers(meta: &Node, path: &FieldPath, errs: &mut Vec<Diagnostic>) {
    let items = super::strings_of(meta, "finalizers");
    let mut orphan = false;
    let mut foreground = false;
    for (f, span) in &items {
        for msg in super::names::is_qualified_name(f) {
            errs.push(help(
                Diagnostic::invalid(path, *span, *f, msg),
                rules::META_FINALIZERS_FORMAT,
                "A finalizer names the controller that must clean up before the object is deleted; it must be a qualified name like `example.com/cleanup`.",
                "finalizer 指明在删除对象之前需要做清理的控制器；它必须是限定名，例如 `example.com/cleanup`。",
                "Use a domain-prefixed name such as `example.com/cleanup`.",
                "使用带域名前缀的名字，例如 `example.com/cleanup`。",
            ));
        }
        orphan |= *f == "orphan";
        foreground |= *f == "foregroundDeletion";
    }
    if orphan && foreground {
        let names: Vec<&str> = items.iter().map(|(s, _)| *s).collect();
        let span = meta.get("finalizers").map(|n| n.span).unwrap_or_default();
        errs.push(help(
            Diagnostic::invalid(
                path,
                span,
                go_string_slice(&names),
                "finalizer orphan and foregroundDeletion cannot be both set",
            ),
            rules::META_FINALIZERS_CONFLICT,
            "`orphan` keeps the dependents when the owner is deleted, `foregroundDeletion` deletes them first; an object cannot ask for both.",
            "`orphan` 表示删除所有者时保留依赖对象，`foregroundDeletion` 表示先删除依赖对象；两者不能同时设置。",
            "Keep only one of the two finalizers.",
            "两个 finalizer 只保留一个。",
        ));
    }
    for (i, (f, span)) in items.iter().enumerate() {
        if !f.contains('/') && !matches!(*f, "kubernetes" | "orphan" | "foregroundDeletion") {
            errs.push(help(
                Diagnostic::invalid(
                    path.index(i),
                    *span,
                    *f,
                    "name is neither a standard finalizer name nor is it fully qualified",
                ),
                rules::META_FINALIZERS_STANDARD,
                format!(
                    "Finalizer {} has no domain prefix, and it is not one of the built-in finalizers (kubernetes, orphan, foregroundDeletion).",
                    crate::diag::go_quote(f)
                ),
                format!(
                    "finalizer {} 没有域名前缀，也不是内置的 finalizer（kubernetes、orphan、foregroundDeletion）之一。",
                    crate::diag::go_quote(f)
                ),
                format!("Prefix it with your domain, e.g. `example.com/{f}`."),
                format!("加上你的域名前缀，例如 `example.com/{f}`。"),
            ));
        }
    }
}

/// `ValidateLabelSelector(ps, opts, path)`: matchLabels like labels; each matchExpression needs a
/// valid operator, values that fit it, a label-name key and (unless allowed) label-value values.
pub(crate) fn validate_label_selector(
    selector: Option<&Node>,
    allow_invalid_label_value: bool,
    path: &FieldPath,
    errs: &mut Vec<Diagnostic>,
) {
    let Some(sel) = selector else {
        return;
    };
    validate_labels(sel.get("matchLabels"), &path.child("matchLabels"), errs);
    for (i, expr) in sel.seq("matchExpressions").iter().enumerate() {
        let p = path.child("matchExpressions").index(i);
        validate_selector_requirement(expr, allow_invalid_label_value, &p, errs);
    }
}

fn validate_selector_requirement(
    expr: &Node,
    allow_invalid_label_value: bool,
    path: &FieldPath,
    errs: &mut Vec<Diagnostic>,
) {
    let op = expr.str("operator").unwrap_or("");
    let values = super::strings_of(expr, "values");
    match op {
        "In" | "NotIn" => {
            if values.is_empty() {
                errs.push(help(
                    Diagnostic::required(
                        path.child("values"),
                        super::key_span(expr, "values"),
                        "must be specified when `operator` is 'In' or 'NotIn'",
                    ),
                    rules::SELECTOR_VALUES_REQUIRED,
                    format!("With operator {op} the selector compares the label against a list of values, so the list cannot be empty."),
                    format!("运算符为 {op} 时，选择器把标签与一组值比较，所以 values 不能为空。"),
                    "Add `values: [some-value]`, or use operator Exists.",
                    "加上 `values: [some-value]`，或者改用 Exists 运算符。",
                ));
            }
        }
        "Exists" | "DoesNotExist" => {
            if !values.is_empty() {
                errs.push(help(
                    Diagnostic::forbidden(
                        path.child("values"),
                        super::key_span(expr, "values"),
                        "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                    ),
                    rules::SELECTOR_VALUES_FORBIDDEN,
                    format!("Operator {op} only looks at whether the label key is present; values would be ignored, so they are not allowed."),
                    format!("运算符 {op} 只看标签键是否存在；values 会被忽略，所以不允许设置。"),
                    "Remove `values`, or use operator In.",
                    "删掉 `values`，或者改用 In 运算符。",
                ));
            }
        }
        _ => {
            errs.push(help(
                Diagnostic::invalid(
                    path.child("operator"),
                    super::value_span(expr, "operator"),
                    op,
                    "not a valid selector operator",
                ),
                rules::SELECTOR_OPERATOR,
                "A label selector expression uses one of the operators In, NotIn, Exists or DoesNotExist (case matters).",
                "标签选择器表达式的运算符只能是 In、NotIn、Exists 或 DoesNotExist（区分大小写）。",
                "Use one of In, NotIn, Exists, DoesNotExist.",
                "改用 In、NotIn、Exists、DoesNotExist 之一。",
            ));
        }
    }
    validate_label_name(
        expr.str("key").unwrap_or(""),
        &path.child("key"),
        super::value_span(expr, "key"),
        rules::SELECTOR_KEY,
        errs,
    );
    if !allow_invalid_label_value {
        for (j, (v, span)) in values.iter().enumerate() {
            for msg in super::names::is_valid_label_value(v) {
                errs.push(help(
                    Diagnostic::invalid(path.child("values").index(j), *span, *v, msg),
                    rules::SELECTOR_VALUES_LABEL_VALUE,
                    "Selector values are compared with label values, so they must be valid label values: at most 63 characters of letters, digits, '-', '_' and '.', starting and ending with a letter or digit.",
                    "选择器的值要与标签值比较，所以必须是合法的标签值：最多 63 个字符，只能用字母、数字、'-'、'_' 和 '.'，并以字母或数字开头和结尾。",
                    "Use the exact label value you want to match.",
                    "写上你要匹配的确切标签值。",
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn generated_names_and_masking() {
        assert_eq!(mask_trailing_dash("web-"), "wea");
        assert_eq!(mask_trailing_dash("-"), "a");
        assert_eq!(crate::defaults::generated_name(&"a".repeat(70)).len(), 63);
        assert_eq!(parse_group_version("apps/v1"), ("apps", "v1"));
        assert_eq!(parse_group_version("v1"), ("", "v1"));
        assert_eq!(parse_group_version("a/b/c"), ("", ""));
    }
}
