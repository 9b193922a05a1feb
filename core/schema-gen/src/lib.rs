//! Generates `core/src/schema/generated.rs` from k8s-openapi (feature `v1_37`), the project's
//! source of truth for the Kubernetes API schema, so that core ships the schema as compact static
//! tables instead of k8s-openapi's deserializers.
//!
//! What is generated: every definition reachable from Pod, Service, ConfigMap, Secret and Node
//! (status included, `kubectl explain` shows it), each once (ObjectMeta is shared), with its
//! description, fields (name, type, description, required) and shape; plus one entry per
//! anonymous shape (`string`, `[]string`, `map[string]string`, …), also shared. Type ids are
//! assigned in sorted order (named types by name, then anonymous shapes by their key), so the
//! output is deterministic.
//!
//! `cargo run -p podplay-schema-gen` rewrites the file; `cargo test -p podplay-schema-gen` fails
//! when the committed file is not what a fresh generation gives.

use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

/// Where the generated tables live in core.
pub fn generated_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../src/schema/generated.rs")
}

/// The kinds the playground models, with the constant name the generated file gives their root.
pub const ROOTS: &[(&str, &str)] = &[
    ("POD", "io.k8s.api.core.v1.Pod"),
    ("SERVICE", "io.k8s.api.core.v1.Service"),
    ("CONFIG_MAP", "io.k8s.api.core.v1.ConfigMap"),
    ("SECRET", "io.k8s.api.core.v1.Secret"),
    ("NODE", "io.k8s.api.core.v1.Node"),
];

/// The JSON schemas of the five kinds and everything they reference, as k8s-openapi's
/// `schemars` implementation describes them.
pub fn definitions() -> Map<String, Value> {
    use k8s_openapi::api::core::v1 as core;
    let mut gen = schemars::SchemaGenerator::default();
    gen.subschema_for::<core::Pod>();
    gen.subschema_for::<core::Service>();
    gen.subschema_for::<core::ConfigMap>();
    gen.subschema_for::<core::Secret>();
    gen.subschema_for::<core::Node>();
    gen.take_definitions(false)
}

/// A shape before ids are assigned: named types by name, anonymous shapes structurally.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Named(String),
    Anon(Anon),
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Anon {
    String,
    Bytes,
    Int32,
    Int64,
    Number,
    Boolean,
    Time,
    Any,
    Array(Box<Key>),
    Map(Box<Key>),
}

struct FieldOut {
    name: String,
    ty: Key,
    description: String,
    required: bool,
}

enum NamedShape {
    Object(Vec<FieldOut>),
    Quantity,
    IntOrString,
    Time,
    Any,
}

struct NamedOut {
    description: String,
    shape: NamedShape,
}

fn ref_name(v: &Value) -> Option<String> {
    let r = v.get("$ref")?.as_str()?;
    Some(r.rsplit('/').next().unwrap_or(r).to_string())
}

fn key_of(schema: &Value) -> Key {
    if let Some(name) = ref_name(schema) {
        return Key::Named(name);
    }
    let ty = schema.get("type").and_then(Value::as_str).unwrap_or("");
    let format = schema.get("format").and_then(Value::as_str).unwrap_or("");
    match ty {
        "array" => {
            let items = schema.get("items").expect("array without items");
            Key::Anon(Anon::Array(Box::new(key_of(items))))
        }
        "object" => match schema.get("additionalProperties") {
            Some(ap) if ap.is_object() => Key::Anon(Anon::Map(Box::new(key_of(ap)))),
            _ => Key::Anon(Anon::Any),
        },
        "string" => match format {
            "byte" => Key::Anon(Anon::Bytes),
            "date-time" => Key::Anon(Anon::Time),
            _ => Key::Anon(Anon::String),
        },
        "integer" => match format {
            "int32" => Key::Anon(Anon::Int32),
            "int64" => Key::Anon(Anon::Int64),
            other => panic!("integer with format {other:?}"),
        },
        "number" => Key::Anon(Anon::Number),
        "boolean" => Key::Anon(Anon::Boolean),
        other => panic!("unexpected schema type {other:?}: {schema}"),
    }
}

fn collect_keys(key: &Key, named: &mut Vec<String>, anon: &mut Vec<Anon>) {
    match key {
        Key::Named(n) => {
            if !named.contains(n) {
                named.push(n.clone());
            }
        }
        Key::Anon(a) => {
            if !anon.contains(a) {
                anon.push(a.clone());
            }
            match a {
                Anon::Array(inner) | Anon::Map(inner) => collect_keys(inner, named, anon),
                _ => {}
            }
        }
    }
}

fn named_shape(name: &str, def: &Value) -> NamedOut {
    let description = def
        .get("description")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let shape = match name {
        "io.k8s.apimachinery.pkg.api.resource.Quantity" => NamedShape::Quantity,
        "io.k8s.apimachinery.pkg.util.intstr.IntOrString" => NamedShape::IntOrString,
        _ => {
            if let Some(props) = def.get("properties").and_then(Value::as_object) {
                let mut required: Vec<&str> = def
                    .get("required")
                    .and_then(Value::as_array)
                    .map(|a| a.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                // k8s-openapi lists `metadata` as required on resource types (its Rust types hold
                // a non-optional ObjectMeta); the Kubernetes OpenAPI does not, and neither the
                // API server nor `kubectl explain` treats it as required.
                if props.contains_key("apiVersion") && props.contains_key("kind") {
                    required.retain(|r| *r != "metadata");
                }
                let mut fields: Vec<FieldOut> = props
                    .iter()
                    .map(|(fname, fschema)| FieldOut {
                        name: fname.clone(),
                        ty: key_of(fschema),
                        description: fschema
                            .get("description")
                            .and_then(Value::as_str)
                            .unwrap_or("")
                            .to_string(),
                        required: required.contains(&fname.as_str()),
                    })
                    .collect();
                fields.sort_by(|a, b| a.name.cmp(&b.name));
                NamedShape::Object(fields)
            } else if def.get("format").and_then(Value::as_str) == Some("date-time") {
                NamedShape::Time
            } else if def.get("type").and_then(Value::as_str) == Some("object") {
                NamedShape::Any
            } else {
                panic!("definition {name} has an unexpected shape: {def}")
            }
        }
    };
    NamedOut { description, shape }
}

/// A Rust string literal that keeps the text exact (escapes via `{:?}`).
fn lit(s: &str) -> String {
    format!("{s:?}")
}

/// The full text of `generated.rs`.
pub fn generate() -> String {
    let defs = definitions();
    // Reachability from the roots, through refs only.
    let mut named_order: Vec<String> = ROOTS.iter().map(|(_, n)| n.to_string()).collect();
    let mut anon: Vec<Anon> = Vec::new();
    let mut shapes: BTreeMap<String, NamedOut> = BTreeMap::new();
    let mut i = 0;
    while i < named_order.len() {
        let name = named_order[i].clone();
        i += 1;
        let def = defs
            .get(&name)
            .unwrap_or_else(|| panic!("no definition {name}"));
        let out = named_shape(&name, def);
        if let NamedShape::Object(fields) = &out.shape {
            for f in fields {
                collect_keys(&f.ty, &mut named_order, &mut anon);
            }
        }
        shapes.insert(name, out);
    }
    let named: Vec<&String> = shapes.keys().collect();
    anon.sort();
    anon.dedup();
    let id_of = |k: &Key| -> usize {
        match k {
            Key::Named(n) => named.iter().position(|x| *x == n).expect("named id"),
            Key::Anon(a) => named.len() + anon.iter().position(|x| x == a).expect("anon id"),
        }
    };

    let mut out = String::new();
    out.push_str("// @generated by `cargo run -p podplay-schema-gen` from k8s-openapi 0.29 (feature v1_37).\n");
    out.push_str("// Do not edit: `cargo test -p podplay-schema-gen` checks this file is fresh.\n");
    out.push_str("// Every definition reachable from Pod, Service, ConfigMap, Secret and Node, then one entry per\n");
    out.push_str(
        "// anonymous shape; fields sorted by name as the OpenAPI document lists them.\n\n",
    );
    out.push_str("use super::{Field, IntFormat, Shape, TypeDef, TypeId};\n\n");
    for (cname, rname) in ROOTS {
        let id = id_of(&Key::Named(rname.to_string()));
        writeln!(out, "pub(super) const {cname}: TypeId = TypeId({id});").unwrap();
    }
    out.push('\n');
    let total = named.len() + anon.len();
    writeln!(out, "pub(super) static TYPES: [TypeDef; {total}] = [").unwrap();
    for (idx, name) in named.iter().enumerate() {
        let s = &shapes[*name];
        let shape = match &s.shape {
            NamedShape::Object(_) => format!("Shape::Object(&F{idx})"),
            NamedShape::Quantity => "Shape::Quantity".into(),
            NamedShape::IntOrString => "Shape::IntOrString".into(),
            NamedShape::Time => "Shape::Time".into(),
            NamedShape::Any => "Shape::Any".into(),
        };
        writeln!(
            out,
            "    TypeDef {{ name: {}, description: {}, shape: {shape} }},",
            lit(name),
            lit(&s.description)
        )
        .unwrap();
    }
    for a in &anon {
        let shape = match a {
            Anon::String => "Shape::String".to_string(),
            Anon::Bytes => "Shape::Bytes".into(),
            Anon::Int32 => "Shape::Integer(IntFormat::Int32)".into(),
            Anon::Int64 => "Shape::Integer(IntFormat::Int64)".into(),
            Anon::Number => "Shape::Number".into(),
            Anon::Boolean => "Shape::Boolean".into(),
            Anon::Time => "Shape::Time".into(),
            Anon::Any => "Shape::Any".into(),
            Anon::Array(k) => format!("Shape::Array(TypeId({}))", id_of(k)),
            Anon::Map(k) => format!("Shape::Map(TypeId({}))", id_of(k)),
        };
        writeln!(
            out,
            "    TypeDef {{ name: \"\", description: \"\", shape: {shape} }},"
        )
        .unwrap();
    }
    out.push_str("];\n");
    for (idx, name) in named.iter().enumerate() {
        if let NamedShape::Object(fields) = &shapes[*name].shape {
            writeln!(out, "\nstatic F{idx}: [Field; {}] = [", fields.len()).unwrap();
            for f in fields {
                writeln!(
                    out,
                    "    Field {{ name: {}, ty: TypeId({}), description: {}, required: {} }},",
                    lit(&f.name),
                    id_of(&f.ty),
                    lit(&f.description),
                    f.required
                )
                .unwrap();
            }
            out.push_str("];\n");
        }
    }
    out
}
