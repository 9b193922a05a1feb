//! The Kubernetes API schema (generated from k8s-openapi) as static tables: types, fields,
//! descriptions, and the enumerations the Go types declare.
//!
//! [`generated`] is written by `cargo run -p podplay-schema-gen` from k8s-openapi's schema for
//! Kubernetes 1.37 and holds every definition reachable from the five kinds the playground models
//! (Pod, Service, ConfigMap, Secret, Node), each once. Anonymous shapes (`[]string`,
//! `map[string]string`, …) are entries of their own, so a [`TypeId`] names every type a field can
//! have. [`enums`] adds what the OpenAPI document in the repository does not carry: the values of
//! the `+enum` Go types, which the API server adds to its live OpenAPI (and so `kubectl explain`
//! prints) and which validation lists as `supported values`.

mod enums;
#[rustfmt::skip]
mod generated;

pub(crate) use enums::HOST_PATH_TYPE;
pub use enums::{enum_def, enum_values, EnumDef};

/// The kinds the playground models.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Pod,
    Service,
    ConfigMap,
    Secret,
    Node,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Pod,
        Kind::Service,
        Kind::ConfigMap,
        Kind::Secret,
        Kind::Node,
    ];

    /// The kind as written in `kind:`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Pod => "Pod",
            Kind::Service => "Service",
            Kind::ConfigMap => "ConfigMap",
            Kind::Secret => "Secret",
            Kind::Node => "Node",
        }
    }

    /// The `apiVersion` of the kind (all five are in the core group).
    pub fn api_version(self) -> &'static str {
        "v1"
    }

    /// The resource names `kubectl` accepts for the kind: plural, singular, short names (from the
    /// API server's discovery for the core group).
    pub fn resource_names(self) -> &'static [&'static str] {
        match self {
            Kind::Pod => &["pods", "pod", "po"],
            Kind::Service => &["services", "service", "svc"],
            Kind::ConfigMap => &["configmaps", "configmap", "cm"],
            Kind::Secret => &["secrets", "secret"],
            Kind::Node => &["nodes", "node", "no"],
        }
    }

    /// The kind a resource name (case-insensitive, as kubectl matches it) stands for.
    pub fn from_resource(name: &str) -> Option<Kind> {
        let lower = name.to_ascii_lowercase();
        Kind::ALL.into_iter().find(|k| {
            k.resource_names().contains(&lower.as_str()) || k.name().eq_ignore_ascii_case(name)
        })
    }
}

/// `v1`/`Pod` → [`Kind::Pod`]; anything the playground does not model → `None`.
pub fn kind_for(api_version: &str, kind: &str) -> Option<Kind> {
    if api_version != "v1" {
        return None;
    }
    Kind::ALL.into_iter().find(|k| k.name() == kind)
}

/// The root type of a kind (`io.k8s.api.core.v1.Pod`, …).
pub fn root(kind: Kind) -> TypeId {
    match kind {
        Kind::Pod => generated::POD,
        Kind::Service => generated::SERVICE,
        Kind::ConfigMap => generated::CONFIG_MAP,
        Kind::Secret => generated::SECRET,
        Kind::Node => generated::NODE,
    }
}

/// An index into the type table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub u16);

#[derive(Debug)]
pub struct TypeDef {
    /// The OpenAPI definition name (`io.k8s.api.core.v1.Container`); empty for anonymous shapes.
    pub name: &'static str,
    pub description: &'static str,
    pub shape: Shape,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntFormat {
    Int32,
    Int64,
}

#[derive(Clone, Copy, Debug)]
pub enum Shape {
    /// A struct; fields sorted by name.
    Object(&'static [Field]),
    String,
    /// `[]byte`: a base64 string in JSON.
    Bytes,
    Integer(IntFormat),
    Number,
    Boolean,
    /// `resource.Quantity`: a string or a number.
    Quantity,
    /// `intstr.IntOrString`: an int32 or a string.
    IntOrString,
    /// `metav1.Time` / `MicroTime`: an RFC 3339 string.
    Time,
    Map(TypeId),
    Array(TypeId),
    /// Free-form JSON (`FieldsV1`).
    Any,
}

#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    pub ty: TypeId,
    pub description: &'static str,
    pub required: bool,
}

/// The definition of a type. Ids come from this module's tables, so they are always in range;
/// an out-of-range id (impossible by construction) falls back to the first entry.
pub fn def(t: TypeId) -> &'static TypeDef {
    generated::TYPES
        .get(t.0 as usize)
        .unwrap_or(&generated::TYPES[0])
}

/// The fields of an object type (empty for other shapes).
pub fn fields(t: TypeId) -> &'static [Field] {
    match def(t).shape {
        Shape::Object(fields) => fields,
        _ => &[],
    }
}

/// The field `name` of object type `t` (exact, case-sensitive, as the API server matches).
pub fn field(t: TypeId, name: &str) -> Option<&'static Field> {
    let fs = fields(t);
    fs.binary_search_by(|f| f.name.cmp(name))
        .ok()
        .and_then(|i| fs.get(i))
}

/// The named type with this OpenAPI name.
pub fn type_named(name: &str) -> Option<TypeId> {
    generated::TYPES
        .iter()
        .position(|d| d.name == name)
        .map(|i| TypeId(i as u16))
}

/// Every type of the table (for tests and tools).
pub fn all_types() -> impl Iterator<Item = TypeId> {
    (0..generated::TYPES.len()).map(|i| TypeId(i as u16))
}

/// The last segment of a definition name: `io.k8s.api.core.v1.PodSpec` → `PodSpec`.
pub fn short_name(t: TypeId) -> &'static str {
    let name = def(t).name;
    name.rsplit('.').next().unwrap_or(name)
}

/// The type as `kubectl explain` (OpenAPI v3 template, `typeGuess`) prints it between `<>`:
/// `string`, `integer`, `boolean`, `number`, `Object`, `[]Container`, `map[string]string`,
/// `PodSpec`, `IntOrString`, `Quantity`. `Time` is a string with a format, so it prints `string`.
pub fn type_guess(t: TypeId) -> String {
    let (mut out, elem) = containers(t);
    let name = match def(elem).shape {
        Shape::Object(_) | Shape::Quantity | Shape::IntOrString => short_name(elem),
        Shape::Any => match short_name(elem) {
            "" => "Object",
            n => n,
        },
        Shape::String | Shape::Bytes | Shape::Time => "string",
        Shape::Integer(_) => "integer",
        Shape::Number => "number",
        Shape::Boolean => "boolean",
        // Nested deeper than the bound.
        Shape::Array(_) | Shape::Map(_) => "Object",
    };
    out.push_str(name);
    out
}

/// The `[]` and `map[string]` prefixes of `t` (arrays and maps nest only a few levels in the
/// schema; the bound keeps this total) and the element type under them.
fn containers(t: TypeId) -> (String, TypeId) {
    let mut out = String::new();
    let mut cur = t;
    for _ in 0..8 {
        let (prefix, inner) = match def(cur).shape {
            Shape::Array(inner) => ("[]", inner),
            Shape::Map(inner) => ("map[string]", inner),
            _ => return (out, cur),
        };
        out.push_str(prefix);
        cur = inner;
    }
    (out, cur)
}

/// The Go package name a definition's type lives in, as `reflect.Type.String()` prefixes it
/// (`v1.PodSpec`, `resource.Quantity`, `intstr.IntOrString`).
fn go_package(name: &str) -> &str {
    let mut parts = name.rsplit('.');
    let _type = parts.next();
    parts.next().unwrap_or("")
}

/// Named Go types of fields whose schema only says `string` or `map` (`type RestartPolicy string`,
/// `type ResourceList map[ResourceName]resource.Quantity`, …): Go prints these names in
/// `cannot unmarshal … of type v1.RestartPolicy`. Enum types come from [`enums`]; these are the
/// non-enum named types of `staging/src/k8s.io/api/core/v1/types.go` and
/// `apimachinery/pkg/apis/meta/v1/types.go` on the five kinds' paths.
/// (owner definition short name, field, Go type of the field, Go type of its elements)
#[rustfmt::skip]
static GO_NAMED: &[(&str, &str, &str, &str)] = &[
    ("AttachedVolume", "name", "v1.UniqueVolumeName", ""),
    ("Capabilities", "add", "[]v1.Capability", "v1.Capability"),
    ("Capabilities", "drop", "[]v1.Capability", "v1.Capability"),
    ("ConfigMapNodeConfigSource", "uid", "types.UID", ""),
    ("ContainerResizePolicy", "resourceName", "v1.ResourceName", ""),
    ("ContainerResizePolicy", "restartPolicy", "v1.ResourceResizeRestartPolicy", ""),
    ("Container", "restartPolicy", "v1.ContainerRestartPolicy", ""),
    ("ContainerStatus", "allocatedResources", "v1.ResourceList", "resource.Quantity"),
    ("EmptyDirVolumeSource", "medium", "v1.StorageMedium", ""),
    ("EphemeralContainer", "restartPolicy", "v1.ContainerRestartPolicy", ""),
    ("LoadBalancerIngress", "ipMode", "v1.LoadBalancerIPMode", ""),
    ("NodeAddress", "type", "v1.NodeAddressType", ""),
    ("NodeCondition", "status", "v1.ConditionStatus", ""),
    ("NodeCondition", "type", "v1.NodeConditionType", ""),
    ("NodeStatus", "allocatable", "v1.ResourceList", "resource.Quantity"),
    ("NodeStatus", "capacity", "v1.ResourceList", "resource.Quantity"),
    ("NodeStatus", "volumesInUse", "[]v1.UniqueVolumeName", "v1.UniqueVolumeName"),
    ("ObjectMeta", "uid", "types.UID", ""),
    ("OwnerReference", "uid", "types.UID", ""),
    ("PodCondition", "status", "v1.ConditionStatus", ""),
    ("PodCondition", "type", "v1.PodConditionType", ""),
    ("PodOS", "name", "v1.OSName", ""),
    ("PodReadinessGate", "conditionType", "v1.PodConditionType", ""),
    ("PodSpec", "overhead", "v1.ResourceList", "resource.Quantity"),
    ("PodStatus", "resize", "v1.PodResizeStatus", ""),
    ("ResourceRequirements", "limits", "v1.ResourceList", "resource.Quantity"),
    ("ResourceRequirements", "requests", "v1.ResourceList", "resource.Quantity"),
    ("Secret", "type", "v1.SecretType", ""),
    ("VolumeResourceRequirements", "limits", "v1.ResourceList", "resource.Quantity"),
    ("VolumeResourceRequirements", "requests", "v1.ResourceList", "resource.Quantity"),
];

fn go_named(owner: TypeId, field: &str) -> Option<(&'static str, &'static str)> {
    let o = short_name(owner);
    GO_NAMED
        .iter()
        .find(|(t, f, _, _)| *t == o && *f == field)
        .map(|(_, _, ty, elem)| (*ty, *elem))
}

/// The Go type of a value of schema type `t`, as `reflect.Type.String()` prints it.
pub fn go_type(t: TypeId) -> String {
    let (mut out, elem) = containers(t);
    let d = def(elem);
    let qualified = |out: &mut String| {
        out.push_str(go_package(d.name));
        out.push('.');
        out.push_str(short_name(elem));
    };
    match d.shape {
        Shape::Object(_) | Shape::Quantity | Shape::IntOrString | Shape::Time => {
            qualified(&mut out)
        }
        Shape::Any if d.name.is_empty() => out.push_str("interface {}"),
        Shape::Any => qualified(&mut out),
        Shape::String => out.push_str("string"),
        Shape::Bytes => out.push_str("[]uint8"),
        Shape::Integer(IntFormat::Int32) => out.push_str("int32"),
        Shape::Integer(IntFormat::Int64) => out.push_str("int64"),
        Shape::Number => out.push_str("float64"),
        Shape::Boolean => out.push_str("bool"),
        // Nested deeper than the bound: nothing more is printed.
        Shape::Array(_) | Shape::Map(_) => {}
    }
    out
}

/// The Go type of field `field` of struct `owner` (named string and map types included).
pub fn go_field_type(owner: TypeId, field: &Field) -> String {
    if let Some(e) = enum_def(def(owner).name, field.name) {
        return format!("v1.{}", e.go_type);
    }
    if let Some((ty, _)) = go_named(owner, field.name) {
        return ty.to_string();
    }
    go_type(field.ty)
}

/// The Go type of the elements (array items, map values) of field `field` of struct `owner`.
pub fn go_element_type(owner: TypeId, field: &Field) -> String {
    if let Some((_, elem)) = go_named(owner, field.name) {
        if !elem.is_empty() {
            return elem.to_string();
        }
    }
    match def(field.ty).shape {
        Shape::Array(inner) | Shape::Map(inner) => go_type(inner),
        _ => go_type(field.ty),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn kinds_map_to_their_roots() {
        assert_eq!(kind_for("v1", "Pod"), Some(Kind::Pod));
        assert_eq!(kind_for("v1", "pod"), None);
        assert_eq!(kind_for("apps/v1", "Deployment"), None);
        assert_eq!(def(root(Kind::Pod)).name, "io.k8s.api.core.v1.Pod");
        assert_eq!(def(root(Kind::Node)).name, "io.k8s.api.core.v1.Node");
        assert_eq!(Kind::from_resource("po"), Some(Kind::Pod));
        assert_eq!(Kind::from_resource("SVC"), Some(Kind::Service));
        assert_eq!(Kind::from_resource("cm"), Some(Kind::ConfigMap));
        assert_eq!(Kind::from_resource("deployment"), None);
    }

    #[test]
    fn fields_and_types_read_like_kubectl() {
        let pod = root(Kind::Pod);
        let spec = field(pod, "spec").unwrap();
        assert_eq!(type_guess(spec.ty), "PodSpec");
        let containers = field(spec.ty, "containers").unwrap();
        assert!(containers.required);
        assert_eq!(type_guess(containers.ty), "[]Container");
        let Shape::Array(container) = def(containers.ty).shape else {
            panic!("containers is an array")
        };
        let ports = field(container, "ports").unwrap();
        let Shape::Array(port) = def(ports.ty).shape else {
            panic!("ports is an array")
        };
        let cp = field(port, "containerPort").unwrap();
        assert!(cp.required);
        assert_eq!(go_field_type(port, cp), "int32");
        assert_eq!(short_name(port), "ContainerPort");
        let meta = field(pod, "metadata").unwrap();
        assert_eq!(
            type_guess(field(meta.ty, "labels").unwrap().ty),
            "map[string]string"
        );
        assert_eq!(go_type(meta.ty), "v1.ObjectMeta");
        let rp = field(spec.ty, "restartPolicy").unwrap();
        assert_eq!(go_field_type(spec.ty, rp), "v1.RestartPolicy");
        let res = field(container, "resources").unwrap();
        let limits = field(res.ty, "limits").unwrap();
        assert_eq!(type_guess(limits.ty), "map[string]Quantity");
        assert_eq!(go_field_type(res.ty, limits), "v1.ResourceList");
        assert_eq!(go_element_type(res.ty, limits), "resource.Quantity");
        let secret = root(Kind::Secret);
        let data = field(secret, "data").unwrap();
        assert_eq!(go_element_type(secret, data), "[]uint8");
        assert_eq!(type_guess(data.ty), "map[string]string");
        assert!(field(container, "imagee").is_none());
    }

    #[test]
    fn shared_definitions_appear_once() {
        let metas = all_types()
            .filter(|t| def(*t).name == "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")
            .count();
        assert_eq!(metas, 1);
        // Fields are sorted, which `field` relies on.
        for t in all_types() {
            let fs = fields(t);
            assert!(
                fs.windows(2).all(|w| w[0].name < w[1].name),
                "{}",
                def(t).name
            );
        }
    }

    #[test]
    fn go_type_overrides_name_real_fields() {
        for (owner, f, _, _) in GO_NAMED {
            let found = all_types()
                .filter(|t| short_name(*t) == *owner && !def(*t).name.is_empty())
                .any(|t| field(t, f).is_some());
            assert!(found, "{owner}.{f} is not in the schema");
        }
    }
}
