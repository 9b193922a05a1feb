#![cfg(not(target_arch = "wasm32"))]
//! No input makes validation panic: every node of every seed object (after decoding and
//! defaulting) is replaced, one at a time, by values of the wrong type, empty values, negative and
//! huge numbers, odd strings and deep nesting, and each result goes through its kind's validator.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failing test
mod validate_support;

use podplay_core::span::Span;
use podplay_core::tree::{Entry, Node, Value};

const SEEDS: &[&str] = &[
    include_str!("fixtures/seeds/hello-pod.yaml"),
    include_str!("fixtures/seeds/initpod.yaml"),
    include_str!("fixtures/seeds/k8sbook-service.yaml"),
    include_str!("fixtures/seeds/git-sync.yaml"),
    include_str!("fixtures/seeds/javaweb-2-hostpost.yaml"),
    include_str!("fixtures/seeds/projected-volume.yaml"),
    include_str!("fixtures/seeds/downwardapi-volume.yaml"),
    include_str!("fixtures/seeds/liveness-http.yaml"),
    include_str!("fixtures/seeds/nginx-shareprocessnamespace.yaml"),
    include_str!("fixtures/seeds/example-pod.yaml"),
];

fn n(v: Value) -> Node {
    Node::new(v, Span::new(0, 0))
}

fn odd_values() -> Vec<Node> {
    let mut deep = n(Value::Map(vec![]));
    for _ in 0..300 {
        deep = n(Value::Map(vec![Entry {
            key: "a".into(),
            key_span: Span::default(),
            value: deep,
        }]));
    }
    vec![
        n(Value::Null),
        n(Value::Str(String::new())),
        n(Value::Str("..".into())),
        n(Value::Str("\u{0}名字 /..\\%:[]".into())),
        n(Value::Str("x".repeat(70_000))),
        n(Value::Int(-1)),
        n(Value::Int(i64::MAX)),
        n(Value::Int(i64::MIN)),
        n(Value::Float(1e300)),
        n(Value::Bool(true)),
        n(Value::Seq(vec![n(Value::Null), n(Value::Int(0))])),
        n(Value::Map(vec![])),
        deep,
    ]
}

/// Paths (as child indices) of every node of the tree.
fn paths(node: &Node, prefix: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
    out.push(prefix.clone());
    let children: Vec<&Node> = match &node.value {
        Value::Map(es) => es.iter().map(|e| &e.value).collect(),
        Value::Seq(items) => items.iter().collect(),
        _ => vec![],
    };
    for (i, c) in children.into_iter().enumerate() {
        prefix.push(i);
        paths(c, prefix, out);
        prefix.pop();
    }
}

fn at<'a>(node: &'a mut Node, path: &[usize]) -> &'a mut Node {
    match path.split_first() {
        None => node,
        Some((&i, rest)) => match &mut node.value {
            Value::Map(es) => at(&mut es[i].value, rest),
            Value::Seq(items) => at(&mut items[i], rest),
            _ => unreachable!(),
        },
    }
}

#[test]
fn validation_never_panics_on_mutated_seeds() {
    let odd = odd_values();
    let mut runs = 0;
    for src in SEEDS {
        for obj in validate_support::defaulted_objects(src) {
            let mut all = Vec::new();
            paths(&obj, &mut Vec::new(), &mut all);
            for p in all.iter().skip(1) {
                for v in &odd {
                    let mut m = obj.clone();
                    *at(&mut m, p) = v.clone();
                    let _ = validate_support::validate_object(&m);
                    runs += 1;
                }
            }
        }
    }
    assert!(runs > 5000, "only {runs} mutations");
}
