//! Strict decoding of a document tree against the schema: unknown and duplicate fields, JSON type
//! errors, quantities, base64 — what `kubectl create` (default `--validate=strict`) and the API
//! server's decoder report before validation, with the same paths and texts.
//!
//! How the real path works, and what this module mirrors:
//! - kubectl converts each YAML document to JSON (sigs.k8s.io/yaml: YAML → `map[string]any` →
//!   `json.Marshal`, so object keys reach the server **sorted**, and a duplicated YAML key keeps
//!   only its **last** value). It then checks `apiVersion`/`kind` itself
//!   (`k8s.io/kubectl/pkg/util/openapi/validation.GetObjectKind`: `apiVersion not set`,
//!   `kind not set`, `… isn't string type`, `invalid object to validate`), and maps the kind to a
//!   resource (`no matches for kind "Foo" in version "v1"`).
//! - The API server decodes the JSON with `sigs.k8s.io/json` `UnmarshalStrict` into the Go type
//!   (`runtime/serializer/json`): a custom `UnmarshalJSON` failure (Quantity, IntOrString, Time)
//!   stops decoding at once; a type mismatch is remembered (the first one wins) and decoding goes
//!   on; unknown fields are collected (`unknown field "spec.containers[0].imagee"`, deduplicated,
//!   at most 100). kubectl prints only the most serious class:
//!   `Pod in version "v1" cannot be handled as a Pod: <fatal error | first type error |
//!   strict decoding error: unknown field "a", unknown field "b">` ([`kubectl_message`]).
//!
//! Unlike the server, [`decode`] reports everything it finds (every type error, every unknown
//! field), each at its own span, and returns a cleaned tree (duplicates resolved to the last
//! value, unknown fields and wrongly-typed values removed) for the later stages. Duplicated keys
//! are a warning ([`Stage::Note`]): kubectl drops them silently before the server can see them.

use crate::diag::{go_quote, with_article, BadValue, Diagnostic, ErrorType, Stage, Text};
use crate::schema::{self, Kind, Shape, TypeId};
use crate::span::Span;
use crate::tree::{Entry, Node, Value};

/// Documents nest a few dozen levels at most; deeper input is cut off with a diagnostic.
const MAX_DEPTH: usize = 64;
/// `saveStrictError` keeps at most 100 strict errors.
const MAX_STRICT: usize = 100;

/// The result of decoding one document.
#[derive(Clone, Debug, Default)]
pub struct Decoded {
    /// The modelled kind, when `apiVersion`/`kind` name one.
    pub kind: Option<Kind>,
    pub api_version: Option<String>,
    pub kind_name: Option<String>,
    pub name: Option<String>,
    pub namespace: Option<String>,
    /// The cleaned tree (only for a modelled kind).
    pub object: Option<Node>,
    /// Everything found, in the order the API server meets it (JSON keys sorted, as kubectl
    /// sends them); sort by span for display.
    pub diagnostics: Vec<Diagnostic>,
}

/// Rule ids (stable, for tests and help lookup).
/// The decoding rules by their short names here; the registry is [`crate::rules`].
pub mod rules {
    pub use crate::rules::{
        DECODE_APIVERSION_NOT_SET as API_VERSION_NOT_SET,
        DECODE_APIVERSION_NOT_STRING as API_VERSION_NOT_STRING,
        DECODE_BAD_GROUP_VERSION as BAD_GROUP_VERSION, DECODE_BASE64 as BASE64,
        DECODE_DUPLICATE_FIELD as DUPLICATE_FIELD, DECODE_INT_OR_STRING as INT_OR_STRING,
        DECODE_KIND_NOT_MODELLED as UNSUPPORTED_KIND, DECODE_KIND_NOT_SET as KIND_NOT_SET,
        DECODE_KIND_NOT_STRING as KIND_NOT_STRING, DECODE_NO_KIND_MATCH as NO_KIND_MATCH,
        DECODE_QUANTITY as QUANTITY, DECODE_ROOT_NOT_OBJECT as ROOT_NOT_OBJECT,
        DECODE_TIME as TIME, DECODE_TOO_DEEP as TOO_DEEP, DECODE_TYPE as TYPE,
        DECODE_UNKNOWN_FIELD as UNKNOWN_FIELD,
    };
}

/// Kinds of the built-in API groups the playground does not model: decoding them is not an
/// error, the playground just cannot go further. (apiVersion, kind), from the API server's
/// discovery of the built-in groups.
static KNOWN_KINDS: &[(&str, &str)] = &[
    ("v1", "Binding"),
    ("v1", "Endpoints"),
    ("v1", "Event"),
    ("v1", "LimitRange"),
    ("v1", "Namespace"),
    ("v1", "PersistentVolume"),
    ("v1", "PersistentVolumeClaim"),
    ("v1", "PodTemplate"),
    ("v1", "ReplicationController"),
    ("v1", "ResourceQuota"),
    ("v1", "ServiceAccount"),
    ("apps/v1", "ControllerRevision"),
    ("apps/v1", "DaemonSet"),
    ("apps/v1", "Deployment"),
    ("apps/v1", "ReplicaSet"),
    ("apps/v1", "StatefulSet"),
    ("autoscaling/v1", "HorizontalPodAutoscaler"),
    ("autoscaling/v2", "HorizontalPodAutoscaler"),
    ("batch/v1", "CronJob"),
    ("batch/v1", "Job"),
    ("coordination.k8s.io/v1", "Lease"),
    ("discovery.k8s.io/v1", "EndpointSlice"),
    ("networking.k8s.io/v1", "Ingress"),
    ("networking.k8s.io/v1", "IngressClass"),
    ("networking.k8s.io/v1", "NetworkPolicy"),
    ("node.k8s.io/v1", "RuntimeClass"),
    ("policy/v1", "PodDisruptionBudget"),
    ("rbac.authorization.k8s.io/v1", "ClusterRole"),
    ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"),
    ("rbac.authorization.k8s.io/v1", "Role"),
    ("rbac.authorization.k8s.io/v1", "RoleBinding"),
    ("scheduling.k8s.io/v1", "PriorityClass"),
    ("storage.k8s.io/v1", "CSIDriver"),
    ("storage.k8s.io/v1", "StorageClass"),
    ("apiextensions.k8s.io/v1", "CustomResourceDefinition"),
];

/// Decodes one document the way kubectl and the API server do, reporting everything.
pub fn decode(doc: &Node) -> Decoded {
    let mut out = Decoded::default();
    let first_key = doc
        .as_map()
        .and_then(|m| m.first())
        .map(|e| e.key_span)
        .unwrap_or(doc.span);
    let Some(entries) = doc.as_map() else {
        out.diagnostics.push(
            Diagnostic::new(Stage::Decode, ErrorType::Invalid, "", doc.span)
                .with_detail("invalid object to validate")
                .with_rule(rules::ROOT_NOT_OBJECT)
                .with_help(
                    Text::new(
                        "A manifest must be a mapping (key: value lines) at the top level, like `apiVersion: v1` then `kind: Pod`. This document is a list or a single value, so kubectl cannot even tell what kind of object it is.",
                        "清单的最顶层必须是映射（一行一个 key: value），例如先写 `apiVersion: v1` 再写 `kind: Pod`。这个文档的顶层是列表或单个值，kubectl 连它是什么对象都无法判断。",
                    ),
                    Text::new(
                        "Start the document with `apiVersion:` and `kind:` at column 1, and put the other fields (metadata, spec) under them as keys.",
                        "让文档从第 1 列的 `apiVersion:` 和 `kind:` 开始，其余字段（metadata、spec）作为键写在下面。",
                    ),
                ),
        );
        return out;
    };
    // The last value of a duplicated key is what kubectl sends.
    let last = |key: &str| entries.iter().rev().find(|e| e.key == key);
    let api_version = last("apiVersion");
    let kind = last("kind");
    let mut kind_errors = false;
    match api_version.map(|e| &e.value) {
        None => {
            kind_errors = true;
            out.diagnostics
                .push(missing_type_meta("apiVersion", first_key));
        }
        Some(n) if n.is_null() => {
            kind_errors = true;
            out.diagnostics
                .push(missing_type_meta("apiVersion", n.span));
        }
        Some(n) => match n.as_str() {
            None => {
                kind_errors = true;
                out.diagnostics.push(not_string_type_meta("apiVersion", n));
            }
            Some(s) => {
                if let Some(err) = parse_group_version(s) {
                    kind_errors = true;
                    out.diagnostics.push(
                        Diagnostic::new(Stage::Decode, ErrorType::Invalid, "apiVersion", n.span)
                            .with_value(s)
                            .with_detail(err)
                            .with_rule(rules::BAD_GROUP_VERSION)
                            .with_help(
                                Text::new(
                                    "apiVersion is `group/version` (like `apps/v1`) or just a version for the core group (`v1`). This value has too many slashes.",
                                    "apiVersion 的格式是 `组/版本`（如 `apps/v1`），核心组只写版本（`v1`）。这个值的斜杠太多了。",
                                ),
                                Text::new("For a Pod, write `apiVersion: v1`.", "Pod 请写 `apiVersion: v1`。"),
                            ),
                    );
                }
                out.api_version = Some(s.to_string());
            }
        },
    }
    match kind.map(|e| &e.value) {
        None => {
            kind_errors = true;
            out.diagnostics.push(missing_type_meta("kind", first_key));
        }
        Some(n) if n.is_null() => {
            kind_errors = true;
            out.diagnostics.push(missing_type_meta("kind", n.span));
        }
        Some(n) => match n.as_str() {
            None => {
                kind_errors = true;
                out.diagnostics.push(not_string_type_meta("kind", n));
            }
            Some(s) => out.kind_name = Some(s.to_string()),
        },
    }
    let metadata = last("metadata").map(|e| &e.value);
    let last_str = |key: &str| {
        metadata
            .and_then(Node::as_map)
            .and_then(|es| es.iter().rev().find(|e| e.key == key))
            .and_then(|e| e.value.as_str())
            .map(str::to_string)
    };
    out.name = last_str("name");
    out.namespace = last_str("namespace");
    if kind_errors {
        return out;
    }
    let (Some(av), Some(k)) = (out.api_version.clone(), out.kind_name.clone()) else {
        return out;
    };
    let kind_span = kind.map(|e| e.value.span).unwrap_or(first_key);
    match schema::kind_for(&av, &k) {
        Some(kind) => {
            out.kind = Some(kind);
            let mut d = Decoder::default();
            let cleaned = d.value(doc, schema::root(kind), &mut Ctx::root(kind));
            out.diagnostics.extend(d.diags);
            out.object = cleaned;
        }
        None => {
            if KNOWN_KINDS.contains(&(av.as_str(), k.as_str())) {
                out.diagnostics.push(
                    Diagnostic::new(Stage::Note, ErrorType::Invalid, "kind", kind_span)
                        .with_value(k.as_str())
                        .with_detail(format!(
                            "{k} ({av}) is a real Kubernetes kind, but the playground only models Pod, Service, ConfigMap, Secret and Node"
                        ))
                        .with_rule(rules::UNSUPPORTED_KIND)
                        .with_help(
                            Text::new(
                                format!("`{k}` exists in Kubernetes and a cluster would accept it, but this playground cannot check or simulate it. It is skipped; the other documents are still checked."),
                                format!("`{k}` 是 Kubernetes 中真实存在的类型，集群会接受它，但本练习场无法检查或模拟它。它会被跳过，其他文档照常检查。"),
                            ),
                            Text::new(
                                "To see the pod such an object would create, write the Pod itself (the `template` part of a Deployment is a Pod spec).",
                                "若想看到这种对象会创建的 Pod，可以直接写出 Pod（Deployment 的 `template` 部分就是 Pod 的定义）。",
                            ),
                        ),
                );
            } else {
                out.diagnostics.push(no_kind_match(&av, &k, kind_span));
            }
        }
    }
    out
}

fn missing_type_meta(field: &'static str, span: Span) -> Diagnostic {
    let (rule, en, zh) = if field == "apiVersion" {
        (
            rules::API_VERSION_NOT_SET,
            "Every manifest must say which API version it is written against; kubectl checks this before sending anything. Without it kubectl cannot know how to read the rest.",
            "每个清单都必须写明所用的 API 版本；kubectl 在发送之前就会检查。没有它，kubectl 不知道如何理解其余内容。",
        )
    } else {
        (
            rules::KIND_NOT_SET,
            "Every manifest must say what kind of object it describes (Pod, Service, …); kubectl checks this before sending anything. A fragment copied from the middle of a manifest has neither apiVersion nor kind.",
            "每个清单都必须写明对象类型（Pod、Service……）；kubectl 在发送之前就会检查。从清单中间复制出来的片段既没有 apiVersion 也没有 kind。",
        )
    };
    Diagnostic::new(Stage::Decode, ErrorType::Required, field, span)
        .with_detail(format!("{field} not set"))
        .with_rule(rule)
        .with_help(
            Text::new(en, zh),
            Text::new(
                "Add the two header lines at the top, at column 1: `apiVersion: v1` and `kind: Pod`; if this is a fragment, put it inside a complete Pod manifest.",
                "在最上方第 1 列加上两行：`apiVersion: v1` 和 `kind: Pod`；如果这是片段，请把它放进一个完整的 Pod 清单里。",
            ),
        )
}

fn not_string_type_meta(field: &'static str, n: &Node) -> Diagnostic {
    let rule = if field == "apiVersion" {
        rules::API_VERSION_NOT_STRING
    } else {
        rules::KIND_NOT_STRING
    };
    Diagnostic::new(Stage::Decode, ErrorType::Invalid, field, n.span)
        .with_value(bad_value(n))
        .with_detail(format!("{field} isn't string type"))
        .with_rule(rule)
        .with_help(
            Text::new(
                format!(
                    "`{field}` must be a plain word such as `v1` or `Pod`; here it is {}.",
                    with_article(json_word(n))
                ),
                format!(
                    "`{field}` 必须是普通的词，例如 `v1` 或 `Pod`；这里却是{}。",
                    json_word_zh(n)
                ),
            ),
            Text::new(
                "Write `apiVersion: v1` and `kind: Pod` on their own lines.",
                "分别单独写一行 `apiVersion: v1` 和 `kind: Pod`。",
            ),
        )
}

/// `schema.ParseGroupVersion`: at most one `/`.
fn parse_group_version(s: &str) -> Option<String> {
    if s.matches('/').count() > 1 {
        Some(format!("unexpected GroupVersion string: {s}"))
    } else {
        None
    }
}

/// `meta.NoKindMatchError` for one searched version.
fn no_kind_match(api_version: &str, kind: &str, span: Span) -> Diagnostic {
    let detail = format!(
        "no matches for kind {} in version {}",
        go_quote(kind),
        go_quote(api_version)
    );
    let modelled = Kind::ALL
        .into_iter()
        .find(|k| k.name().eq_ignore_ascii_case(kind));
    let known = KNOWN_KINDS
        .iter()
        .find(|(_, k)| k.eq_ignore_ascii_case(kind));
    let (fix_en, fix_zh) = match (modelled, known) {
        (Some(m), _) if m.name() != kind => (
            format!("Kinds are case-sensitive: write `kind: {}`.", m.name()),
            format!("kind 区分大小写：请写 `kind: {}`。", m.name()),
        ),
        (Some(m), _) => (
            format!("{} lives in the core group: write `apiVersion: {}`.", m.name(), m.api_version()),
            format!("{} 属于核心组：请写 `apiVersion: {}`。", m.name(), m.api_version()),
        ),
        (None, Some((av, k))) => (
            format!("{k} is served as `apiVersion: {av}`."),
            format!("{k} 对应的是 `apiVersion: {av}`。"),
        ),
        (None, None) => (
            "Check the spelling of kind (case matters) and that apiVersion is the group that serves it; a custom resource needs its CRD installed first.".to_string(),
            "检查 kind 的拼写（区分大小写），以及 apiVersion 是否是提供它的 API 组；自定义资源需要先安装对应的 CRD。".to_string(),
        ),
    };
    Diagnostic::new(Stage::Decode, ErrorType::NotFound, "kind", span)
        .with_value(kind)
        .with_detail(detail)
        .with_rule(rules::NO_KIND_MATCH)
        .with_help(
            Text::new(
                format!("The cluster has no kind `{kind}` in API version `{api_version}`, so kubectl cannot find where to send it (it says: resource mapping not found)."),
                format!("集群在 API 版本 `{api_version}` 中没有 `{kind}` 这种类型，kubectl 找不到该发往哪里（提示 resource mapping not found）。"),
            ),
            Text::new(fix_en, fix_zh),
        )
}

/// Where the decoder is: the API field path (with indices), the path Go's error context prints
/// (struct field names only), and the innermost struct type. One `Ctx` serves the whole walk:
/// each level appends to it and takes its part off again on the way back.
struct Ctx {
    path: String,
    go_fields: Vec<&'static str>,
    go_struct: &'static str,
    /// The object types enclosing this point, innermost last, with the length of their path
    /// (a prefix of `path`), for "this key belongs one level up" hints.
    parents: Vec<(TypeId, usize)>,
    depth: usize,
}

impl Ctx {
    fn root(kind: Kind) -> Ctx {
        Ctx {
            path: String::new(),
            go_fields: Vec::new(),
            go_struct: kind.name(),
            parents: Vec::new(),
            depth: 0,
        }
    }

    fn go_context(&self) -> String {
        format!("{}.{}", self.go_struct, self.go_fields.join("."))
    }
}

#[derive(Default)]
struct Decoder {
    diags: Vec<Diagnostic>,
    strict: usize,
}

fn join(path: &str, key: &str) -> String {
    let mut s = String::with_capacity(path.len() + 1 + key.len());
    s.push_str(path);
    push_key(&mut s, key);
    s
}

/// An invalid value at the decoder's place: the node being decoded, at the path of `ctx`.
fn invalid_here(node: &Node, ctx: &Ctx) -> Diagnostic {
    Diagnostic::new(
        Stage::Decode,
        ErrorType::Invalid,
        ctx.path.clone(),
        node.span,
    )
}

/// Appends `.key` (just `key` at the top) to a path.
fn push_key(path: &mut String, key: &str) {
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(key);
}

impl Decoder {
    /// Decodes `node` as a value of type `ty`; returns the cleaned node, or `None` when the value
    /// is dropped (wrong type).
    fn value(&mut self, node: &Node, ty: TypeId, ctx: &mut Ctx) -> Option<Node> {
        if ctx.depth > MAX_DEPTH {
            self.diags.push(
                invalid_here(node, ctx)
                    .with_detail(format!(
                        "nesting deeper than {MAX_DEPTH} levels is not checked"
                    ))
                    .with_rule(rules::TOO_DEEP)
                    .with_help(
                        Text::new(
                            "This document nests too deeply for the playground to check.",
                            "这个文档嵌套太深，练习场无法检查。",
                        ),
                        Text::new("Remove the extra nesting.", "去掉多余的嵌套。"),
                    ),
            );
            return None;
        }
        // null: Go leaves the zero value (pointers, maps and slices become nil); never an error.
        if node.is_null() {
            return Some(node.clone());
        }
        let d = schema::def(ty);
        match d.shape {
            Shape::Object(_) => match &node.value {
                Value::Map(entries) => Some(self.object(node, entries, ty, ctx)),
                _ => self.type_error(node, ty, None, ctx),
            },
            Shape::Map(elem) => match &node.value {
                Value::Map(entries) => Some(self.map(node, entries, elem, ty, ctx)),
                _ => self.type_error(node, ty, None, ctx),
            },
            Shape::Array(elem) => match &node.value {
                Value::Seq(items) => {
                    let mut out = Vec::with_capacity(items.len());
                    for (i, item) in items.iter().enumerate() {
                        let saved = ctx.path.len();
                        ctx.path.push('[');
                        crate::diag::push_decimal(&mut ctx.path, i);
                        ctx.path.push(']');
                        ctx.depth += 1;
                        let item_clean = if item.is_null() {
                            Some(zero_item(item, elem))
                        } else {
                            self.value(item, elem, ctx)
                        };
                        ctx.depth -= 1;
                        ctx.path.truncate(saved);
                        if let Some(c) = item_clean {
                            out.push(c);
                        }
                    }
                    Some(Node {
                        value: Value::Seq(out),
                        span: node.span,
                        defaulted: node.defaulted,
                    })
                }
                _ => self.type_error(node, ty, None, ctx),
            },
            Shape::String => match &node.value {
                Value::Str(_) => Some(node.clone()),
                _ => self.type_error(node, ty, None, ctx),
            },
            Shape::Boolean => match &node.value {
                Value::Bool(_) => Some(node.clone()),
                _ => self.type_error(node, ty, None, ctx),
            },
            Shape::Integer(format) => match &node.value {
                // 2^63..2^64-1 parses as no int64: `json: cannot unmarshal number N into … of
                // type int64`, as encoding/json says.
                Value::Int(_) | Value::Uint(_) | Value::Float(_) => {
                    let text = json_number(node);
                    let bits32 = matches!(format, schema::IntFormat::Int32);
                    match text.parse::<i64>() {
                        Ok(v) if !bits32 || i32::try_from(v).is_ok() => Some(Node {
                            value: Value::Int(v),
                            span: node.span,
                            defaulted: node.defaulted,
                        }),
                        _ => self.type_error(node, ty, Some(text), ctx),
                    }
                }
                _ => self.type_error(node, ty, None, ctx),
            },
            Shape::Number => match &node.value {
                Value::Int(_) | Value::Uint(_) | Value::Float(_) => Some(node.clone()),
                _ => self.type_error(node, ty, None, ctx),
            },
            Shape::Bytes => match &node.value {
                Value::Str(s) => match crate::base64::decode(s) {
                    Ok(_) => Some(node.clone()),
                    Err(at) => {
                        self.base64_error(node, at, ctx);
                        None
                    }
                },
                _ => self.type_error(node, ty, None, ctx),
            },
            Shape::Quantity => {
                // Quantity.UnmarshalJSON: strip quotes, trim, ParseQuantity; a number is fine.
                let text = match &node.value {
                    Value::Str(s) => s.clone(),
                    _ => json_text(node),
                };
                match crate::quantity::parse(&text) {
                    Ok(_) => Some(node.clone()),
                    Err(e) => {
                        self.quantity_error(node, e.message(), ctx);
                        None
                    }
                }
            }
            Shape::IntOrString => match &node.value {
                Value::Str(_) => Some(node.clone()),
                Value::Int(_) | Value::Uint(_) | Value::Float(_) => {
                    let text = json_number(node);
                    match text.parse::<i64>() {
                        Ok(v) if i32::try_from(v).is_ok() => Some(Node {
                            value: Value::Int(v),
                            span: node.span,
                            defaulted: node.defaulted,
                        }),
                        _ => {
                            self.nested_error(
                                node,
                                &format!("number {text}"),
                                "int32",
                                rules::INT_OR_STRING,
                                ctx,
                            );
                            None
                        }
                    }
                }
                _ => {
                    self.nested_error(
                        node,
                        node.json_type().go_name(),
                        "int32",
                        rules::INT_OR_STRING,
                        ctx,
                    );
                    None
                }
            },
            Shape::Time => match &node.value {
                // metav1.Time.UnmarshalJSON: `time.Parse(time.RFC3339, str)`; its error is fatal.
                Value::Str(s) => match go_parse_rfc3339(s) {
                    Ok(()) => Some(node.clone()),
                    Err(detail) => {
                        self.time_error(node, detail, ctx);
                        None
                    }
                },
                _ => {
                    self.nested_error(node, node.json_type().go_name(), "string", rules::TIME, ctx);
                    None
                }
            },
            Shape::Any => Some(node.clone()),
        }
    }

    fn object(&mut self, node: &Node, entries: &[Entry], ty: TypeId, ctx: &mut Ctx) -> Node {
        let struct_name = schema::short_name(ty);
        let mut kept: Vec<Entry> = Vec::new();
        // The API server sees keys sorted (kubectl's JSON), duplicates reduced to the last one.
        for idx in sorted_last_indices(entries) {
            let Some(e) = entries.get(idx) else { continue };
            let parent = ctx.path.len();
            push_key(&mut ctx.path, &e.key);
            match schema::field(ty, &e.key) {
                Some(f) => {
                    let go_struct = ctx.go_struct;
                    ctx.go_fields.push(f.name);
                    ctx.go_struct = struct_name;
                    ctx.parents.push((ty, parent));
                    ctx.depth += 1;
                    let v = self.value(&e.value, f.ty, ctx);
                    ctx.depth -= 1;
                    ctx.parents.pop();
                    ctx.go_struct = go_struct;
                    ctx.go_fields.pop();
                    ctx.path.truncate(parent);
                    if let Some(v) = v {
                        kept.push(Entry {
                            key: e.key.clone(),
                            key_span: e.key_span,
                            value: v,
                        });
                    }
                }
                None => {
                    let path = ctx.path.clone();
                    ctx.path.truncate(parent);
                    self.unknown_field(e, entries, ty, &path, ctx);
                }
            }
        }
        self.duplicates(entries, &ctx.path, false);
        // Keep the document's order in the cleaned tree.
        crate::sort::sort_by_key(&mut kept, |e| e.key_span.start);
        Node {
            value: Value::Map(kept),
            span: node.span,
            defaulted: node.defaulted,
        }
    }

    fn map(
        &mut self,
        node: &Node,
        entries: &[Entry],
        elem: TypeId,
        _ty: TypeId,
        ctx: &mut Ctx,
    ) -> Node {
        let mut kept = Vec::new();
        for idx in sorted_last_indices(entries) {
            let Some(e) = entries.get(idx) else { continue };
            let saved = ctx.path.len();
            push_key(&mut ctx.path, &e.key);
            ctx.depth += 1;
            if let Some(v) = self.value(&e.value, elem, ctx) {
                kept.push(Entry {
                    key: e.key.clone(),
                    key_span: e.key_span,
                    value: v,
                });
            }
            ctx.depth -= 1;
            ctx.path.truncate(saved);
        }
        self.duplicates(entries, &ctx.path, true);
        crate::sort::sort_by_key(&mut kept, |e| e.key_span.start);
        Node {
            value: Value::Map(kept),
            span: node.span,
            defaulted: node.defaulted,
        }
    }

    /// Duplicate keys. The API server's strict field validation rejects them (`strict decoding
    /// error: duplicate field "metadata.name"`) when it decodes a body that has them — as it does
    /// for server-side apply, which sends the YAML. `kubectl create` converts YAML to JSON first and
    /// silently keeps only the last value (kubernetes/kubernetes#125885), which is worse: the help
    /// says both. The cleaned tree keeps the last value, as every decoder does.
    fn duplicates(&mut self, entries: &[Entry], path: &str, _is_map: bool) {
        for (i, e) in entries.iter().enumerate() {
            if entries.iter().skip(i + 1).any(|x| x.key == e.key) {
                if self.strict >= MAX_STRICT {
                    return;
                }
                self.strict += 1;
                let field = join(path, &e.key);
                let detail = format!("duplicate field {}", go_quote(&field));
                self.diags.push(
                    Diagnostic::new(Stage::Decode, ErrorType::DuplicateField, field, e.key_span)
                        .with_detail(detail)
                        .with_rule(rules::DUPLICATE_FIELD)
                        .with_help(
                            Text::new(
                                format!("`{}` appears twice in the same mapping. The API server's strict validation rejects duplicate fields; `kubectl create` is worse: it turns the YAML into JSON first and silently keeps only the last `{}`, so this one would vanish without a word.", e.key, e.key),
                                format!("同一个映射里出现了两次 `{}`。API Server 的严格校验会拒绝重复字段；`kubectl create` 更糟：它先把 YAML 转成 JSON，只悄悄保留最后一个 `{}`，这一个会无声无息地消失。", e.key, e.key),
                            ),
                            Text::new(
                                "Keep one of the two. If you meant two items (two containers, two env vars), each needs its own `- ` list item.",
                                "只保留其中一个。如果本意是两项（两个容器、两个环境变量），每一项都要有自己的 `- ` 列表项。",
                            ),
                        ),
                );
            }
        }
    }

    fn unknown_field(&mut self, e: &Entry, siblings: &[Entry], ty: TypeId, path: &str, ctx: &Ctx) {
        if self.strict >= MAX_STRICT {
            return;
        }
        self.strict += 1;
        let names: Vec<&'static str> = schema::fields(ty).iter().map(|f| f.name).collect();
        let suggestion = did_you_mean(&e.key, &names);
        let owner = if ctx.path.is_empty() {
            "the top level".to_string()
        } else {
            format!("`{}`", ctx.path)
        };
        let owner_zh = if ctx.path.is_empty() {
            "顶层".to_string()
        } else {
            format!("`{}`", ctx.path)
        };
        // A key that is a field of an enclosing object was probably indented one level too deep.
        let misplaced = ctx
            .parents
            .iter()
            .rev()
            .find(|(t, _)| schema::field(*t, &e.key).is_some())
            .map(|&(_, len)| {
                let p = ctx.path.get(..len).unwrap_or("");
                if p.is_empty() {
                    "the top level".to_string()
                } else {
                    format!("`{p}`")
                }
            });
        let (mut en, mut zh) = (
            format!("`{}` is not a field of {owner} ({}). With strict validation the API server refuses the whole object; without it, the field would be silently ignored.", e.key, schema::short_name(ty)),
            format!("`{}` 不是 {owner_zh}（{}）的字段。严格校验下 API server 会拒绝整个对象；关闭校验时，这个字段会被悄悄忽略。", e.key, schema::short_name(ty)),
        );
        // `nodeSelector:` left empty right above, and this key at the same indentation: it was
        // meant to be inside that (empty) object, two spaces deeper.
        let empty_above = siblings
            .iter()
            .filter(|x| x.key_span.start < e.key_span.start)
            .max_by_key(|x| x.key_span.start)
            .filter(|x| x.value.is_null())
            .filter(|x| {
                schema::field(ty, &x.key).is_some_and(|f| match schema::def(f.ty).shape {
                    schema::Shape::Map(_) => true,
                    schema::Shape::Object(_) => schema::field(f.ty, &e.key).is_some(),
                    _ => false,
                })
            })
            .map(|x| x.key.clone());
        // The field it resembles may be set already (`imagee:` beside `image:`): then renaming
        // would only make a duplicate, and the line is more likely a leftover.
        let already_set = suggestion.is_some_and(|s| siblings.iter().any(|x| x.key == s));
        let (fix_en, fix_zh, detail) = match (&suggestion, &misplaced) {
            _ if empty_above.is_some() => {
                let above = empty_above.as_deref().unwrap_or("");
                en.push_str(&format!(" `{above}:` right above it is empty, so `{}` was most likely meant to be inside it.", e.key));
                zh.push_str(&format!(" 它正上方的 `{above}:` 是空的，所以 `{}` 多半本应写在它里面。", e.key));
                (
                    format!("Indent `{}` (and what belongs to it) two more spaces so that it sits under `{above}:`.", e.key),
                    format!("把 `{}`（以及属于它的内容）再缩进两个空格，放到 `{above}:` 下面。", e.key),
                    String::new(),
                )
            }
            (Some(s), _) if already_set => (
                format!("`{s}` is already set in this object, so this line is probably a leftover or a mistyped copy of it: remove it."),
                format!("这个对象里已经设置了 `{s}`，这一行多半是残留的或打错的副本：删除它。"),
                format!("did you mean {}?", go_quote(s)),
            ),
            (Some(s), _) => (
                format!("Did you mean `{s}`? Field names are case-sensitive."),
                format!("是不是想写 `{s}`？字段名区分大小写。"),
                format!("did you mean {}?", go_quote(s)),
            ),
            (None, Some(p)) => {
                en.push_str(&format!(" `{}` is a field of {p}, one level up.", e.key));
                zh.push_str(&format!(" `{}` 是上层 {p} 的字段。", e.key));
                (
                    "Check the indentation: move this key (and what belongs to it) left so it lines up with the fields of the object it belongs to.".to_string(),
                    "检查缩进：把这个键（以及属于它的内容）向左移动，与它所属对象的其他字段对齐。".to_string(),
                    String::new(),
                )
            }
            (None, None) => (
                format!("Remove it, or check the spelling against `kubectl explain` for {owner}."),
                format!("删除它，或对照 `kubectl explain` 检查 {owner_zh} 的字段拼写。"),
                String::new(),
            ),
        };
        let mut d = Diagnostic::new(Stage::Decode, ErrorType::UnknownField, path, e.key_span)
            .with_detail(detail)
            .with_rule(rules::UNKNOWN_FIELD)
            .with_help(Text::new(en, zh), Text::new(fix_en, fix_zh));
        if let Some(s) = suggestion {
            if confident(&e.key, s) && !already_set {
                d = d.with_replacement(e.key_span, s);
            }
        }
        self.diags.push(d);
    }

    /// `json: cannot unmarshal X into Go struct field S.a.b of type T` (saved, decoding goes on).
    fn type_error(
        &mut self,
        node: &Node,
        ty: TypeId,
        number: Option<String>,
        ctx: &Ctx,
    ) -> Option<Node> {
        let value = match number {
            Some(text) => format!("number {text}"),
            None => node.json_type().go_name().to_string(),
        };
        let go_ty = self.go_type_here(ty, ctx);
        let help = type_help(node, ty, &go_ty);
        self.unmarshal_error(node, &value, &go_ty, rules::TYPE, help, ctx);
        if let (Value::Int(_) | Value::Uint(_) | Value::Float(_) | Value::Bool(_), Shape::String) =
            (&node.value, schema::def(ty).shape)
        {
            if let Some(last) = self.diags.last_mut() {
                last.replacement = Some(crate::diag::Replacement {
                    span: node.span,
                    text: crate::diag::json_quote(&yaml_source_text(node)),
                });
            }
        }
        None
    }

    /// The Go type at this point: a named type for enum/named fields, otherwise the structure.
    fn go_type_here(&self, ty: TypeId, ctx: &Ctx) -> String {
        if let (Some((owner, _)), Some(field)) = (ctx.parents.last(), ctx.go_fields.last()) {
            if let Some(f) = schema::field(*owner, field) {
                if f.ty == ty {
                    return schema::go_field_type(*owner, f);
                }
                return schema::go_element_type(*owner, f);
            }
        }
        schema::go_type(ty)
    }

    /// An error from a nested `json.Unmarshal` inside a custom UnmarshalJSON (IntOrString, Time):
    /// fatal, with the error context of the field.
    fn nested_error(
        &mut self,
        node: &Node,
        value: &str,
        go_ty: &str,
        rule: crate::rules::RuleId,
        ctx: &Ctx,
    ) {
        let help = if rule == rules::INT_OR_STRING {
            (
                "This field takes a port number (like 8080) or a port name (like \"http\"), nothing else.".to_string(),
                "这个字段只接受端口号（如 8080）或端口名（如 \"http\"）。".to_string(),
                "Write a whole number between 1 and 65535, or the name of a container port.".to_string(),
                "写一个 1 到 65535 之间的整数，或者容器端口的名字。".to_string(),
            )
        } else {
            (
                "This field is a timestamp, written as a string like \"2024-01-02T15:04:05Z\"."
                    .to_string(),
                "这个字段是时间戳，要写成字符串，例如 \"2024-01-02T15:04:05Z\"。".to_string(),
                "Usually you do not set it at all: the API server fills it in. Remove it."
                    .to_string(),
                "通常不需要写它：API server 会自动填写。删掉即可。".to_string(),
            )
        };
        self.unmarshal_error(node, value, go_ty, rule, help, ctx);
    }

    /// `json: cannot unmarshal VALUE into Go struct field S.a.b of type GO_TY`, with its help
    /// (what is wrong and the fix, each in English and Chinese).
    fn unmarshal_error(
        &mut self,
        node: &Node,
        value: &str,
        go_ty: &str,
        rule: crate::rules::RuleId,
        (en, zh, fix_en, fix_zh): (String, String, String, String),
        ctx: &Ctx,
    ) {
        let detail = format!(
            "json: cannot unmarshal {value} into Go struct field {} of type {go_ty}",
            ctx.go_context()
        );
        self.diags.push(
            invalid_here(node, ctx)
                .with_value(bad_value(node))
                .with_detail(detail)
                .with_rule(rule)
                .with_help(Text::new(en, zh), Text::new(fix_en, fix_zh)),
        );
    }

    fn quantity_error(&mut self, node: &Node, message: &str, ctx: &Ctx) {
        self.diags.push(
            invalid_here(node, ctx)
                .with_value(bad_value(node))
                .with_detail(message)
                .with_rule(rules::QUANTITY)
                .with_help(
                    Text::new(
                        "A resource quantity is a number with an optional unit suffix: cpu like `500m` (half a core) or `1`, memory like `64Mi`, `1Gi` or `128974848`. This value is not one, and the API server stops reading the manifest right here.",
                        "资源数量是一个数字加可选的单位后缀：cpu 如 `500m`（半个核）或 `1`，内存如 `64Mi`、`1Gi` 或 `128974848`。这个值不符合格式，API server 读到这里就会停止。",
                    ),
                    Text::new(
                        "Write one number and at most one suffix (`m`, `k`, `M`, `G`, `Ki`, `Mi`, `Gi`, …), e.g. `250m` or `128Mi`.",
                        "只写一个数字和至多一个后缀（`m`、`k`、`M`、`G`、`Ki`、`Mi`、`Gi`……），例如 `250m` 或 `128Mi`。",
                    ),
                ),
        );
    }

    fn base64_error(&mut self, node: &Node, at: usize, ctx: &Ctx) {
        self.diags.push(
            invalid_here(node, ctx)
                .with_value(bad_value(node))
                .with_detail(format!("illegal base64 data at input byte {at}"))
                .with_rule(rules::BASE64)
                .with_help(
                    Text::new(
                        "Values under a Secret's `data` must be base64-encoded (`admin` is written `YWRtaW4=`). This one is not valid base64.",
                        "Secret 的 `data` 下的值必须是 base64 编码（`admin` 要写成 `YWRtaW4=`）。这个值不是合法的 base64。",
                    ),
                    Text::new(
                        "Encode it (`echo -n 'admin' | base64`), or put the plain text under `stringData:` instead of `data:`.",
                        "先编码（`echo -n 'admin' | base64`），或者把明文放到 `stringData:` 下，而不是 `data:`。",
                    ),
                ),
        );
    }
}

impl Decoder {
    fn time_error(&mut self, node: &Node, detail: String, ctx: &Ctx) {
        self.diags.push(
            invalid_here(node, ctx)
                .with_value(bad_value(node))
                .with_detail(detail)
                .with_rule(rules::TIME)
                .with_help(
                    Text::new(
                        "Times in Kubernetes objects are RFC 3339 timestamps, like `2026-01-31T09:30:00Z` (UTC) or `2026-01-31T17:30:00+08:00`. The API server could not read this one, so it refuses the whole object.",
                        "Kubernetes 对象里的时间是 RFC 3339 时间戳，例如 `2026-01-31T09:30:00Z`（UTC）或 `2026-01-31T17:30:00+08:00`。API Server 读不懂这个值，所以拒绝整个对象。",
                    ),
                    Text::new(
                        "Write the time as `YYYY-MM-DDThh:mm:ssZ`, or remove the field: the API server sets `metadata.creationTimestamp` itself.",
                        "把时间写成 `YYYY-MM-DDThh:mm:ssZ`，或者删掉这个字段：`metadata.creationTimestamp` 由 API Server 自己设置。",
                    ),
                ),
        );
    }
}

/// Go's `time.Parse(time.RFC3339, s)` ("2006-01-02T15:04:05Z07:00"), as metav1.Time's
/// UnmarshalJSON calls it: `Err` is the `*time.ParseError` text (`parsing time "x" as
/// "2006-01-02T15:04:05Z07:00": cannot parse "x" as "2006"`, `…: month out of range`,
/// `…: extra text: "…"`), following time/format.go's general parser element by element.
pub fn go_parse_rfc3339(value: &str) -> Result<(), String> {
    const LAYOUT: &str = "2006-01-02T15:04:05Z07:00";
    let v = value.as_bytes();
    let bad = |rest: &[u8], elem: &str| {
        format!(
            "parsing time {} as {}: cannot parse {} as {}",
            go_time_quote(value.as_bytes()),
            go_time_quote(LAYOUT.as_bytes()),
            go_time_quote(rest),
            go_time_quote(elem.as_bytes())
        )
    };
    let range = |what: &str| {
        Err(format!(
            "parsing time {}: {what} out of range",
            go_time_quote(value.as_bytes())
        ))
    };
    let digit = |b: &[u8], i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    // getnum: one or two digits (`fixed`: exactly two).
    let getnum = |b: &[u8], fixed: bool| -> Option<(u32, usize)> {
        if !digit(b, 0) {
            return None;
        }
        let d0 = u32::from(*b.first()? - b'0');
        if !digit(b, 1) {
            return if fixed { None } else { Some((d0, 1)) };
        }
        Some((d0 * 10 + u32::from(*b.get(1)? - b'0'), 2))
    };
    let mut rest = v;
    // 2006
    if rest.len() < 4 || !digit(rest, 0) {
        return Err(bad(rest, "2006"));
    }
    let year_text = rest.get(..4).unwrap_or(b"");
    if !year_text.iter().all(u8::is_ascii_digit) {
        return Err(bad(rest, "2006"));
    }
    let year: u32 = year_text
        .iter()
        .fold(0, |a, d| a * 10 + u32::from(d - b'0'));
    rest = rest.get(4..).unwrap_or(b"");
    // A literal element, then a number element: each takes what it parsed off `rest`.
    let lit = |rest: &mut &[u8], elem: &str| -> Result<(), String> {
        let r: &[u8] = rest;
        let Some(after) = r.strip_prefix(elem.as_bytes()) else {
            return Err(bad(r, elem));
        };
        *rest = after;
        Ok(())
    };
    let num = |rest: &mut &[u8], fixed: bool, elem: &str| -> Result<u32, String> {
        let r: &[u8] = rest;
        let Some((value, n)) = getnum(r, fixed) else {
            return Err(bad(r, elem));
        };
        *rest = r.get(n..).unwrap_or(b"");
        Ok(value)
    };
    lit(&mut rest, "-")?;
    let month = num(&mut rest, true, "01")?;
    if !(1..=12).contains(&month) {
        return range("month");
    }
    lit(&mut rest, "-")?;
    let day = num(&mut rest, true, "02")?;
    lit(&mut rest, "T")?;
    if num(&mut rest, false, "15")? >= 24 {
        return range("hour");
    }
    lit(&mut rest, ":")?;
    if num(&mut rest, true, "04")? >= 60 {
        return range("minute");
    }
    lit(&mut rest, ":")?;
    if num(&mut rest, true, "05")? >= 60 {
        return range("second");
    }
    // A fractional second the layout does not name is accepted (`.` or `,` and digits).
    if rest.len() >= 2 && matches!(rest.first(), Some(b'.' | b',')) && digit(rest, 1) {
        let mut n = 2;
        while digit(rest, n) {
            n += 1;
        }
        rest = rest.get(n..).unwrap_or(b"");
    }
    // Z07:00
    if rest.first() == Some(&b'Z') {
        rest = rest.get(1..).unwrap_or(b"");
    } else {
        let ok = rest.len() >= 6
            && rest.get(3) == Some(&b':')
            && matches!(rest.first(), Some(b'+' | b'-'))
            && getnum(rest.get(1..3).unwrap_or(b""), true).is_some()
            && getnum(rest.get(4..6).unwrap_or(b""), true).is_some();
        if !ok {
            return Err(bad(rest, "Z07:00"));
        }
        let hh = getnum(rest.get(1..3).unwrap_or(b""), true).map_or(0, |x| x.0);
        let mm = getnum(rest.get(4..6).unwrap_or(b""), true).map_or(0, |x| x.0);
        if hh > 24 {
            return range("time zone offset hour");
        }
        if mm > 60 {
            return range("time zone offset minute");
        }
        rest = rest.get(6..).unwrap_or(b"");
    }
    if !rest.is_empty() {
        return Err(format!(
            "parsing time {}: extra text: {}",
            go_time_quote(value.as_bytes()),
            go_time_quote(rest)
        ));
    }
    if day < 1 || day > crate::os::clock::days_in_month(year, month) {
        return range("day");
    }
    Ok(())
}

/// The `time` package's own `quote`: `"` and `\\` escaped, bytes of non-ASCII or control
/// characters as `\xNN`.
fn go_time_quote(s: &[u8]) -> String {
    let mut out = String::from("\"");
    let text = String::from_utf8_lossy(s);
    let mut i = 0usize;
    for c in text.chars() {
        let w = c.len_utf8();
        if (c as u32) >= 0x80 || (c as u32) < 0x20 {
            for b in s.get(i..i + w).unwrap_or(&[]) {
                out.push_str(&format!("\\x{b:02x}"));
            }
        } else {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
        i += w;
    }
    out.push('"');
    out
}

/// The zero value Go gives a `null` array item.
fn zero_item(item: &Node, elem: TypeId) -> Node {
    match schema::def(elem).shape {
        Shape::Object(_) => Node::new(Value::Map(Vec::new()), item.span),
        Shape::String => Node::new(Value::Str(String::new()), item.span),
        _ => item.clone(),
    }
}

/// Indices of entries in the order the API server meets them: sorted by key (Go's map
/// marshalling in kubectl), one per key (the last duplicate).
fn sorted_last_indices(entries: &[Entry]) -> Vec<usize> {
    let mut idx: Vec<(usize, &str)> = entries
        .iter()
        .enumerate()
        .filter(|(i, e)| !entries.iter().skip(i + 1).any(|x| x.key == e.key))
        .map(|(i, e)| (i, e.key.as_str()))
        .collect();
    crate::sort::sort_by(&mut idx, |a, b| a.1.cmp(b.1));
    idx.into_iter().map(|(i, _)| i).collect()
}

fn bad_value(n: &Node) -> BadValue {
    match &n.value {
        Value::Null => BadValue::Null,
        Value::Bool(b) => BadValue::Bool(*b),
        Value::Int(i) => BadValue::Int(*i),
        Value::Uint(u) => BadValue::Raw(u.to_string()),
        Value::Float(f) => BadValue::Float(*f),
        Value::Str(s) => BadValue::Str(s.clone()),
        Value::Seq(_) => BadValue::Raw("[…]".into()),
        Value::Map(_) => BadValue::Raw("{…}".into()),
    }
}

fn json_word(n: &Node) -> &'static str {
    match n.value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Int(_) | Value::Uint(_) | Value::Float(_) => "number",
        Value::Str(_) => "string",
        Value::Seq(_) => "list",
        Value::Map(_) => "mapping",
    }
}

fn json_word_zh(n: &Node) -> &'static str {
    match n.value {
        Value::Null => "空值",
        Value::Bool(_) => "布尔值",
        Value::Int(_) | Value::Uint(_) | Value::Float(_) => "数字",
        Value::Str(_) => "字符串",
        Value::Seq(_) => "列表",
        Value::Map(_) => "映射",
    }
}

/// How the value reads in the YAML source (for a "quote it" quick fix): numbers as Go's JSON
/// prints them, booleans as `true`/`false`.
fn yaml_source_text(n: &Node) -> String {
    match &n.value {
        Value::Bool(b) => b.to_string(),
        Value::Int(_) | Value::Uint(_) | Value::Float(_) => json_number(n),
        Value::Str(s) => s.clone(),
        _ => String::new(),
    }
}

fn type_help(node: &Node, ty: TypeId, go_ty: &str) -> (String, String, String, String) {
    let want = schema::type_guess(ty);
    let shape = schema::def(ty).shape;
    match (&node.value, shape) {
        (Value::Int(_) | Value::Uint(_) | Value::Float(_), Shape::String) => (
            format!("This field is a string, but YAML read `{}` as a number. The classic case is `version: 1.0` in labels: YAML turns it into the number 1 before Kubernetes sees it.", json_number(node)),
            format!("这个字段是字符串，但 YAML 把 `{}` 读成了数字。典型例子是标签里的 `version: 1.0`：在 Kubernetes 看到之前，YAML 就把它变成了数字 1。", json_number(node)),
            "Quote it: write the value in double quotes, like \"1.0\".".to_string(),
            "给它加上引号，例如写成 \"1.0\"。".to_string(),
        ),
        (Value::Bool(b), Shape::String) => (
            format!("This field is a string, but YAML read the value as the boolean {b}. YAML 1.1 (what kubectl uses) treats yes/no, on/off, true/false as booleans."),
            format!("这个字段是字符串，但 YAML 把这个值读成了布尔值 {b}。kubectl 使用的 YAML 1.1 会把 yes/no、on/off、true/false 当作布尔值。"),
            "Quote it, like \"yes\" or \"on\".".to_string(),
            "给它加上引号，例如 \"yes\" 或 \"on\"。".to_string(),
        ),
        (Value::Int(_) | Value::Uint(_) | Value::Float(_), Shape::Integer(_)) => (
            format!("This field is a whole number of Go type {go_ty}; `{}` is a fraction or does not fit.", json_number(node)),
            format!("这个字段是 Go 类型 {go_ty} 的整数；`{}` 是小数或超出了范围。", json_number(node)),
            if go_ty == "int32" {
                "Write a whole number between -2147483648 and 2147483647 (ports: 1 to 65535).".to_string()
            } else {
                "Write a whole number without a decimal point.".to_string()
            },
            if go_ty == "int32" {
                "写一个 -2147483648 到 2147483647 之间的整数（端口为 1 到 65535）。".to_string()
            } else {
                "写一个不带小数点的整数。".to_string()
            },
        ),
        (Value::Str(s), Shape::Integer(_) | Shape::Number | Shape::Boolean) => (
            format!("This field is {}, but the value is the string \"{s}\" (quoted, or not a plain number/boolean).", with_article(&want)),
            format!("这个字段是 {want}，但值是字符串 \"{s}\"（加了引号，或不是纯数字/布尔值）。"),
            "Write the bare value without quotes.".to_string(),
            "去掉引号，直接写值。".to_string(),
        ),
        (Value::Seq(_), Shape::Object(_)) | (Value::Map(_), Shape::Array(_)) | (Value::Str(_), Shape::Array(_)) | (Value::Str(_), Shape::Object(_)) | (Value::Seq(_), Shape::Map(_)) => (
            format!("This field is {} but the value is {}. A `- ` in front of a line makes a list item; indented `key: value` lines make a mapping.", with_article(&want), with_article(json_word(node))),
            format!("这个字段应是 {want}，但这里的值是{}。行首的 `- ` 表示列表项；缩进的 `key: value` 行表示映射。", json_word_zh(node)),
            if matches!(shape, Shape::Array(_)) {
                "Make it a list: put each item on its own line starting with `- `.".to_string()
            } else {
                "Make it a mapping: indented `key: value` lines, without `- `.".to_string()
            },
            if matches!(shape, Shape::Array(_)) {
                "改成列表：每一项单独一行，以 `- ` 开头。".to_string()
            } else {
                "改成映射：缩进的 `key: value` 行，不要 `- `。".to_string()
            },
        ),
        _ => (
            format!("This field expects {} (Go type {go_ty}), but the value is {}.", with_article(&want), with_article(json_word(node))),
            format!("这个字段需要 {want}（Go 类型 {go_ty}），但这里的值是{}。", json_word_zh(node)),
            format!("Write a value of type {want}; `kubectl explain` shows what each field takes."),
            format!("写一个 {want} 类型的值；`kubectl explain` 会显示每个字段需要的类型。"),
        ),
    }
}

/// A number as kubectl's JSON carries it (`json.Marshal` of the int64/float64 the YAML became):
/// floats in Go's shortest `'f'` form between 1e-6 and 1e21, exponent form outside.
pub fn json_number(n: &Node) -> String {
    match n.value {
        Value::Int(i) => i.to_string(),
        Value::Uint(u) => u.to_string(),
        Value::Float(f) => crate::gofmt::json_float(f),
        _ => String::new(),
    }
}

/// The JSON text of any node (for Quantity, which parses the raw JSON token).
fn json_text(n: &Node) -> String {
    match &n.value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(_) | Value::Uint(_) | Value::Float(_) => json_number(n),
        Value::Str(s) => crate::diag::json_quote(s),
        Value::Seq(_) => "[".into(),
        Value::Map(_) => "{".into(),
    }
}

/// The closest field name: a case-insensitive match first, then the nearest by edit distance
/// (at most 2, or a third of the length for long names), when it is unique.
pub fn did_you_mean(key: &str, names: &[&'static str]) -> Option<&'static str> {
    if let Some(n) = names.iter().find(|n| n.eq_ignore_ascii_case(key)) {
        return Some(n);
    }
    let key_chars = key.chars().count();
    let limit = (key_chars / 3).max(2);
    let mut best: Option<(&'static str, usize)> = None;
    let mut tie = false;
    for n in names {
        // The distance is at least the difference in length (of what it compares: ≤ 64 chars).
        if key_chars.min(64).abs_diff(n.chars().count().min(64)) > limit {
            continue;
        }
        let d = edit_distance_folded(key, n);
        if d > limit {
            continue;
        }
        match best {
            Some((_, bd)) if d > bd => {}
            Some((_, bd)) if d == bd => tie = true,
            _ => {
                best = Some((n, d));
                tie = false;
            }
        }
    }
    if tie {
        return None;
    }
    best.map(|(n, _)| n)
}

/// A suggestion safe to apply as a quick fix: same letters in another case, or one edit away.
fn confident(key: &str, suggestion: &str) -> bool {
    key.eq_ignore_ascii_case(suggestion)
        || edit_distance_folded(key, suggestion) <= 1
        || (key.len() >= 6 && edit_distance(key, suggestion) <= 2)
}

/// Levenshtein distance over chars (names are short; inputs longer than 64 chars are far).
fn edit_distance(a: &str, b: &str) -> usize {
    distance(a, b, false)
}

/// [`edit_distance`] of the ASCII-lowercased strings (what `to_ascii_lowercase` on both would
/// give), without allocating: it runs for every field name of a type at each unknown key.
fn edit_distance_folded(a: &str, b: &str) -> usize {
    distance(a, b, true)
}

fn distance(a: &str, b: &str, fold: bool) -> usize {
    let fold = |c: char| if fold { c.to_ascii_lowercase() } else { c };
    let mut bv = ['\0'; 64];
    let mut bn = 0;
    for (slot, c) in bv.iter_mut().zip(b.chars()) {
        *slot = fold(c);
        bn += 1;
    }
    let bv = bv.get(..bn).unwrap_or_default();
    // One row of the table: row[j] is the distance between the prefix of `a` read so far and
    // the first j chars of `b`.
    let mut row = [0usize; 65];
    for (j, r) in row.iter_mut().enumerate() {
        *r = j;
    }
    for (i, ca) in a.chars().take(64).enumerate() {
        let ca = fold(ca);
        let Some((first, rest)) = row.split_first_mut() else {
            break;
        };
        let mut diag = *first;
        *first = i + 1;
        let mut left = i + 1;
        for (cell, &cb) in rest.iter_mut().zip(bv) {
            let above = *cell;
            *cell = (above + 1).min(left + 1).min(diag + usize::from(ca != cb));
            left = *cell;
            diag = above;
        }
    }
    row.get(bn).copied().unwrap_or(0)
}

/// The field an unknown-field diagnostic suggests (`imagee` → `image`), if any.
pub fn suggestion(d: &Diagnostic) -> Option<&str> {
    if d.rule != rules::UNKNOWN_FIELD {
        return None;
    }
    d.detail
        .strip_prefix("did you mean \"")?
        .strip_suffix("\"?")
}

/// What kubectl prints for a document that fails before or during decoding, or `None` when
/// nothing fails there. `file` is the name kubectl was given (`-f pod.yaml`).
///
/// - client-side: `error: error validating "pod.yaml": error validating data: [apiVersion not
///   set, kind not set]; if you choose to ignore these errors, turn validation off with
///   --validate=false`, or `error: resource mapping not found for name: "x" namespace: "" from
///   "pod.yaml": no matches for kind "Foo" in version "v1"` + `ensure CRDs are installed first`;
/// - server-side: `Error from server (BadRequest): error when creating "pod.yaml": ` +
///   [`format_decode_message`].
pub fn kubectl_message(decoded: &Decoded, file: &str) -> Option<String> {
    let client: Vec<&Diagnostic> = decoded
        .diagnostics
        .iter()
        .filter(|d| {
            matches!(
                d.rule,
                rules::ROOT_NOT_OBJECT
                    | rules::API_VERSION_NOT_SET
                    | rules::KIND_NOT_SET
                    | rules::API_VERSION_NOT_STRING
                    | rules::KIND_NOT_STRING
                    | rules::BAD_GROUP_VERSION
            )
        })
        .collect();
    if !client.is_empty() {
        let list: Vec<&str> = client.iter().map(|d| d.detail.as_str()).collect();
        // utilerrors.NewAggregate: one error bare, several in brackets.
        let agg = match *list.as_slice() {
            [one] => one.to_string(),
            _ => format!("[{}]", list.join(", ")),
        };
        return Some(format!(
            "error: error validating {}: error validating data: {agg}; if you choose to ignore these errors, turn validation off with --validate=false",
            go_quote(file)
        ));
    }
    if let Some(d) = decoded
        .diagnostics
        .iter()
        .find(|d| d.rule == rules::NO_KIND_MATCH)
    {
        return Some(format!(
            "error: resource mapping not found for name: {} namespace: {} from {}: {}\nensure CRDs are installed first",
            go_quote(decoded.name.as_deref().unwrap_or("")),
            go_quote(decoded.namespace.as_deref().unwrap_or("")),
            go_quote(file),
            d.detail
        ));
    }
    let kind = decoded.kind?;
    let version = decoded.api_version.as_deref().unwrap_or("v1");
    let version = version.rsplit('/').next().unwrap_or(version);
    format_decode_message(kind.name(), version, &decoded.diagnostics).map(|m| {
        format!(
            "Error from server (BadRequest): error when creating {}: {m}",
            go_quote(file)
        )
    })
}

/// The API server's decode error for a kind (`transformDecodeError`), from decode diagnostics
/// in the order [`decode`] returns them: the first fatal error (quantity, IntOrString, Time)
/// if any, else the first type or base64 error, else every unknown field as a strict decoding
/// error. `None` when none of these is present.
pub fn format_decode_message(kind: &str, version: &str, diags: &[Diagnostic]) -> Option<String> {
    let prefix = format!(
        "{kind} in version {} cannot be handled as a {kind}: ",
        go_quote(version)
    );
    let fatal = diags
        .iter()
        .find(|d| matches!(d.rule, rules::QUANTITY | rules::INT_OR_STRING | rules::TIME));
    if let Some(d) = fatal {
        return Some(format!("{prefix}{}", d.detail));
    }
    if let Some(d) = diags
        .iter()
        .find(|d| matches!(d.rule, rules::TYPE | rules::BASE64))
    {
        return Some(format!("{prefix}{}", d.detail));
    }
    // sigs.k8s.io/json reports strict errors in the order it meets them: unknown and duplicate
    // fields alike, each once.
    let mut seen: Vec<String> = Vec::new();
    for d in diags
        .iter()
        .filter(|d| matches!(d.rule, rules::UNKNOWN_FIELD | rules::DUPLICATE_FIELD))
    {
        let text = if d.rule == rules::UNKNOWN_FIELD {
            format!("unknown field {}", go_quote(&d.field))
        } else {
            d.detail.clone()
        };
        if !seen.contains(&text) && seen.len() < MAX_STRICT {
            seen.push(text);
        }
    }
    if seen.is_empty() {
        return None;
    }
    Some(format!(
        "{prefix}strict decoding error: {}",
        seen.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    // Hand-built trees: spans are only used to tell keys apart.
    fn s(v: &str, at: u32) -> Node {
        Node::new(Value::str(v), Span::new(at, at + v.len() as u32))
    }
    fn i(v: i64, at: u32) -> Node {
        Node::new(Value::Int(v), Span::new(at, at + 1))
    }
    fn m(entries: Vec<(&str, Node)>, at: u32) -> Node {
        let mut pos = at;
        let es = entries
            .into_iter()
            .map(|(k, v)| {
                pos += 1;
                Entry {
                    key: k.to_string(),
                    key_span: Span::new(pos, pos + k.len() as u32),
                    value: v,
                }
            })
            .collect();
        Node::new(Value::Map(es), Span::new(at, at + 1000))
    }
    fn seq(items: Vec<Node>, at: u32) -> Node {
        Node::new(Value::Seq(items), Span::new(at, at + 500))
    }
    fn pod(spec: Node) -> Node {
        m(
            vec![
                ("apiVersion", s("v1", 1)),
                ("kind", s("Pod", 2)),
                ("metadata", m(vec![("name", s("p", 3))], 3)),
                ("spec", spec),
            ],
            0,
        )
    }

    #[test]
    fn a_suggestion_already_set_is_not_offered_as_a_rename() {
        let c = m(
            vec![
                ("name", s("c", 10)),
                ("image", s("nginx", 11)),
                ("imagee", s("nginx", 12)),
            ],
            10,
        );
        let d = decode(&pod(m(vec![("containers", seq(vec![c], 9))], 8)));
        let u = &d.diagnostics[0];
        assert_eq!(u.field, "spec.containers[0].imagee");
        assert!(u.replacement.is_none());
        assert!(u.fix.en.contains("already set"));
    }

    #[test]
    fn unknown_fields_get_paths_and_suggestions() {
        let c = m(vec![("name", s("c", 10)), ("imagee", s("nginx", 11))], 10);
        let d = decode(&pod(m(vec![("containers", seq(vec![c], 9))], 8)));
        assert_eq!(d.kind, Some(Kind::Pod));
        assert_eq!(d.name.as_deref(), Some("p"));
        let u = &d.diagnostics[0];
        assert_eq!(u.field, "spec.containers[0].imagee");
        assert_eq!(u.kind, ErrorType::UnknownField);
        assert_eq!(u.detail, "did you mean \"image\"?");
        assert_eq!(u.replacement.as_ref().unwrap().text, "image");
        assert_eq!(
            format_decode_message("Pod", "v1", &d.diagnostics).unwrap(),
            "Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: unknown field \"spec.containers[0].imagee\""
        );
        assert_eq!(suggestion(u), Some("image"));
        // The cleaned tree drops the unknown field.
        let obj = d.object.unwrap();
        let c0 = &obj.path("spec").unwrap().seq("containers")[0];
        assert!(c0.get("imagee").is_none());
        assert_eq!(c0.str("name"), Some("c"));
    }

    #[test]
    fn type_errors_read_like_go() {
        let port = m(vec![("containerPort", s("8080", 20))], 20);
        let c = m(
            vec![("name", s("c", 10)), ("ports", seq(vec![port], 19))],
            10,
        );
        let d = decode(&pod(m(vec![("containers", seq(vec![c], 9))], 8)));
        let t = &d.diagnostics[0];
        assert_eq!(t.field, "spec.containers[0].ports[0].containerPort");
        assert_eq!(
            t.detail,
            "json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32"
        );
        assert_eq!(
            format_decode_message("Pod", "v1", &d.diagnostics).unwrap(),
            "Pod in version \"v1\" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32"
        );
        // Overflow and fractions print the number.
        let big = m(vec![("containerPort", i(3_000_000_000, 30))], 30);
        let c = m(
            vec![("name", s("c", 10)), ("ports", seq(vec![big], 29))],
            10,
        );
        let d = decode(&pod(m(vec![("containers", seq(vec![c], 9))], 8)));
        assert!(d.diagnostics[0]
            .detail
            .starts_with("json: cannot unmarshal number 3000000000 into"));
        // Enum fields name their Go type.
        let d = decode(&pod(m(vec![("restartPolicy", i(1, 40))], 8)));
        assert_eq!(
            d.diagnostics[0].detail,
            "json: cannot unmarshal number into Go struct field PodSpec.spec.restartPolicy of type v1.RestartPolicy"
        );
    }

    #[test]
    fn quantities_and_labels() {
        let res = m(
            vec![(
                "limits",
                m(vec![("cpu", s("1.5.5", 50)), ("memory", i(64, 51))], 50),
            )],
            49,
        );
        let c = m(vec![("name", s("c", 10)), ("resources", res)], 10);
        let d = decode(&pod(m(vec![("containers", seq(vec![c], 9))], 8)));
        assert_eq!(d.diagnostics.len(), 1, "{:?}", d.diagnostics);
        assert_eq!(
            d.diagnostics[0].field,
            "spec.containers[0].resources.limits.cpu"
        );
        assert_eq!(
            format_decode_message("Pod", "v1", &d.diagnostics).unwrap(),
            "Pod in version \"v1\" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
        );
        let doc = m(
            vec![
                ("apiVersion", s("v1", 1)),
                ("kind", s("Pod", 2)),
                (
                    "metadata",
                    m(
                        vec![(
                            "labels",
                            m(
                                vec![("version", Node::new(Value::Float(1.0), Span::new(60, 63)))],
                                60,
                            ),
                        )],
                        3,
                    ),
                ),
            ],
            0,
        );
        let d = decode(&doc);
        assert_eq!(
            d.diagnostics[0].detail,
            "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string"
        );
        assert_eq!(d.diagnostics[0].field, "metadata.labels.version");
        assert_eq!(d.diagnostics[0].replacement.as_ref().unwrap().text, "\"1\"");
    }

    #[test]
    fn type_meta_problems_are_kubectls() {
        let frag = m(vec![("spec", m(vec![], 5))], 0);
        let d = decode(&frag);
        assert_eq!(
            kubectl_message(&d, "f.yaml").unwrap(),
            "error: error validating \"f.yaml\": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false"
        );
        let foo = m(vec![("apiVersion", s("v1", 1)), ("kind", s("Foo", 2))], 0);
        let d = decode(&foo);
        assert_eq!(
            kubectl_message(&d, "f.yaml").unwrap(),
            "error: resource mapping not found for name: \"\" namespace: \"\" from \"f.yaml\": no matches for kind \"Foo\" in version \"v1\"\nensure CRDs are installed first"
        );
        let dep = m(
            vec![
                ("apiVersion", s("apps/v1", 1)),
                ("kind", s("Deployment", 2)),
            ],
            0,
        );
        let d = decode(&dep);
        assert_eq!(d.diagnostics[0].stage, Stage::Note);
        assert!(kubectl_message(&d, "f.yaml").is_none());
        let list = seq(vec![], 0);
        assert_eq!(
            decode(&list).diagnostics[0].detail,
            "invalid object to validate"
        );
    }

    #[test]
    fn duplicates_are_strict_errors_and_keep_the_last() {
        let doc = m(
            vec![
                ("apiVersion", s("v1", 1)),
                ("kind", s("Pod", 2)),
                (
                    "metadata",
                    m(vec![("name", s("a", 3)), ("name", s("b", 4))], 3),
                ),
            ],
            0,
        );
        let d = decode(&doc);
        assert_eq!(d.diagnostics[0].kind, ErrorType::DuplicateField);
        assert_eq!(d.diagnostics[0].field, "metadata.name");
        assert_eq!(d.diagnostics[0].stage, Stage::Decode);
        assert_eq!(d.diagnostics[0].detail, "duplicate field \"metadata.name\"");
        assert_eq!(
            d.object
                .unwrap()
                .path("metadata.name")
                .and_then(Node::as_str),
            Some("b")
        );
        assert_eq!(d.name.as_deref(), Some("b"));
    }

    #[test]
    fn suggestions() {
        let names = ["hostIP", "hostPort", "containerPort", "name", "protocol"];
        assert_eq!(did_you_mean("hostPost", &names), Some("hostPort"));
        assert_eq!(did_you_mean("Protocol", &names), Some("protocol"));
        assert_eq!(did_you_mean("xyz", &names), None);
    }

    #[test]
    fn rfc3339_times_parse_as_go_time_parse_does() {
        assert_eq!(go_parse_rfc3339("2026-01-31T09:30:00Z"), Ok(()));
        assert_eq!(
            go_parse_rfc3339("2024-02-29T23:59:59.999999999-05:00"),
            Ok(())
        );
        assert_eq!(
            go_parse_rfc3339("2026-01-31"),
            Err("parsing time \"2026-01-31\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\" as \"T\"".into())
        );
        assert_eq!(
            go_parse_rfc3339("2026-01-31 09:30:00Z"),
            Err("parsing time \"2026-01-31 09:30:00Z\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \" 09:30:00Z\" as \"T\"".into())
        );
        assert_eq!(
            go_parse_rfc3339("2026-01-31T09:30:00"),
            Err("parsing time \"2026-01-31T09:30:00\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\" as \"Z07:00\"".into())
        );
        assert_eq!(
            go_parse_rfc3339("2025-02-29T00:00:00Z"),
            Err("parsing time \"2025-02-29T00:00:00Z\": day out of range".into())
        );
        assert_eq!(
            go_parse_rfc3339("2026-01-31T25:00:00Z"),
            Err("parsing time \"2026-01-31T25:00:00Z\": hour out of range".into())
        );
        assert_eq!(
            go_parse_rfc3339("2026-01-31T09:30:00Zjunk"),
            Err("parsing time \"2026-01-31T09:30:00Zjunk\": extra text: \"junk\"".into())
        );
    }
}
