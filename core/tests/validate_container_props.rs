#![cfg(not(target_arch = "wasm32"))]
//! Property tests: arbitrary trees shaped like Pods (keys from the Pod's vocabulary, values of
//! any JSON type) never make defaulting, container validation or the YAML renderer panic, and
//! defaulting a defaulted Pod changes nothing.
mod validate_support;

use podplay_core::defaults::{default_object, default_pod, to_yaml, to_yaml_annotated};
use podplay_core::span::Span;
use podplay_core::tree::{Entry, Node, Value};
use proptest::prelude::*;

const KEYS: &[&str] = &[
    "apiVersion",
    "kind",
    "metadata",
    "name",
    "generateName",
    "spec",
    "containers",
    "initContainers",
    "ephemeralContainers",
    "image",
    "ports",
    "containerPort",
    "hostPort",
    "protocol",
    "env",
    "value",
    "valueFrom",
    "fieldRef",
    "fieldPath",
    "resourceFieldRef",
    "resource",
    "divisor",
    "configMapKeyRef",
    "secretKeyRef",
    "key",
    "envFrom",
    "prefix",
    "configMapRef",
    "secretRef",
    "volumeMounts",
    "mountPath",
    "subPath",
    "subPathExpr",
    "mountPropagation",
    "recursiveReadOnly",
    "readOnly",
    "volumeDevices",
    "devicePath",
    "volumes",
    "emptyDir",
    "hostPath",
    "projected",
    "sources",
    "resources",
    "limits",
    "requests",
    "cpu",
    "memory",
    "hugepages-2Mi",
    "claims",
    "resizePolicy",
    "resourceName",
    "restartPolicy",
    "restartPolicyRules",
    "action",
    "exitCodes",
    "operator",
    "values",
    "livenessProbe",
    "readinessProbe",
    "startupProbe",
    "exec",
    "command",
    "httpGet",
    "path",
    "port",
    "scheme",
    "httpHeaders",
    "tcpSocket",
    "grpc",
    "sleep",
    "seconds",
    "lifecycle",
    "postStart",
    "preStop",
    "securityContext",
    "privileged",
    "allowPrivilegeEscalation",
    "capabilities",
    "add",
    "runAsUser",
    "procMount",
    "seccompProfile",
    "type",
    "localhostProfile",
    "appArmorProfile",
    "windowsOptions",
    "runAsUserName",
    "hostNetwork",
    "terminationGracePeriodSeconds",
    "successThreshold",
    "timeoutSeconds",
    "tolerations",
    "serviceAccount",
    "automountServiceAccountToken",
    "priorityClassName",
    "schedulingGates",
    "targetContainerName",
    "stringData",
    "data",
    "status",
    "capacity",
    "selector",
    "clusterIP",
    "sessionAffinity",
    "targetPort",
];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-70000i64..70000).prop_map(Value::Int),
        any::<f64>().prop_map(Value::Float),
        prop_oneof![
            Just("".to_string()),
            Just("Always".to_string()),
            Just("Pod".to_string()),
            Just("Service".to_string()),
            Just("Secret".to_string()),
            Just("Node".to_string()),
            Just("100m".to_string()),
            Just("-1Gi".to_string()),
            Just("metadata.labels['a']".to_string()),
            Just("../x".to_string()),
            "[ -~]{0,12}",
            "\\PC{0,6}",
        ]
        .prop_map(Value::Str),
    ]
}

fn tree() -> impl Strategy<Value = Node> {
    let l = leaf().prop_map(|v| Node::new(v, Span::new(0, 1)));
    l.prop_recursive(6, 96, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4)
                .prop_map(|v| Node::new(Value::Seq(v), Span::new(0, 1))),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..6).prop_map(|kv| {
                let entries = kv
                    .into_iter()
                    .map(|(k, v)| Entry {
                        key: k.to_string(),
                        key_span: Span::new(0, 1),
                        value: v,
                    })
                    .collect();
                Node::new(Value::Map(entries), Span::new(0, 1))
            }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_trees_never_panic(t in tree()) {
        let d = default_object(&t);
        let _ = to_yaml(&d);
        let _ = to_yaml_annotated(&d);
        let p = default_pod(&t);
        let _ = validate_support::container_diagnostics(&p);
        let _ = validate_support::container_diagnostics(&t);
    }

    #[test]
    fn arbitrary_pod_specs_never_panic(spec in tree()) {
        let pod = Node::new(
            Value::Map(vec![
                Entry { key: "kind".into(), key_span: Span::new(0, 1), value: Node::new(Value::str("Pod"), Span::new(0, 1)) },
                Entry { key: "spec".into(), key_span: Span::new(0, 1), value: spec },
            ]),
            Span::new(0, 1),
        );
        let d = default_pod(&pod);
        let _ = validate_support::container_diagnostics(&d);
        // Defaulting is idempotent on what it produced.
        prop_assert_eq!(to_yaml(&default_pod(&d)), to_yaml(&d));
    }
}
