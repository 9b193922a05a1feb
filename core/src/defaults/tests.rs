use super::*;
use crate::model::QosClass;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

#[test]
fn pull_policy_follows_the_tag() {
    assert_eq!(image_pull_policy("nginx"), "Always");
    assert_eq!(image_pull_policy("nginx:latest"), "Always");
    assert_eq!(image_pull_policy("nginx:1.25"), "IfNotPresent");
    assert_eq!(
        image_pull_policy("k8s.gcr.io/git-sync:v3.1.6"),
        "IfNotPresent"
    );
    assert_eq!(image_pull_policy("localhost:5000/app"), "Always");
    let digest = "nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    assert_eq!(image_pull_policy(digest), "IfNotPresent");
    // A reference that does not parse gets IfNotPresent (the tag is empty).
    assert_eq!(image_pull_policy("Nginx"), "IfNotPresent");
    assert_eq!(image_pull_policy(""), "IfNotPresent");
}

/// A tiny JSON reader for building trees in tests (objects, arrays, strings, integers,
/// booleans, null); spans are byte offsets into `src`.
fn j(src: &str) -> Node {
    fn ws(b: &[u8], i: &mut usize) {
        while *i < b.len() && (b[*i] as char).is_whitespace() {
            *i += 1;
        }
    }
    fn string(b: &[u8], i: &mut usize) -> String {
        *i += 1;
        let st = *i;
        while b[*i] != b'"' {
            *i += 1;
        }
        *i += 1;
        String::from_utf8(b[st..*i - 1].to_vec()).unwrap()
    }
    fn val(b: &[u8], i: &mut usize) -> Node {
        ws(b, i);
        let st = *i as u32;
        let v = match b[*i] {
            b'{' => {
                *i += 1;
                let mut es = Vec::new();
                loop {
                    ws(b, i);
                    if b[*i] == b'}' {
                        *i += 1;
                        break;
                    }
                    let ks = *i as u32;
                    let key = string(b, i);
                    let key_span = Span::new(ks, *i as u32);
                    ws(b, i);
                    *i += 1; // ':'
                    let value = val(b, i);
                    es.push(Entry {
                        key,
                        key_span,
                        value,
                    });
                    ws(b, i);
                    if b[*i] == b',' {
                        *i += 1;
                    }
                }
                Value::Map(es)
            }
            b'[' => {
                *i += 1;
                let mut items = Vec::new();
                loop {
                    ws(b, i);
                    if b[*i] == b']' {
                        *i += 1;
                        break;
                    }
                    items.push(val(b, i));
                    ws(b, i);
                    if b[*i] == b',' {
                        *i += 1;
                    }
                }
                Value::Seq(items)
            }
            b'"' => Value::Str(string(b, i)),
            b't' => {
                *i += 4;
                Value::Bool(true)
            }
            b'f' => {
                *i += 5;
                Value::Bool(false)
            }
            b'n' => {
                *i += 4;
                Value::Null
            }
            _ => {
                let s = *i;
                while *i < b.len() && (b[*i] == b'-' || b[*i].is_ascii_digit()) {
                    *i += 1;
                }
                Value::Int(std::str::from_utf8(&b[s..*i]).unwrap().parse().unwrap())
            }
        };
        Node::new(v, Span::new(st, *i as u32))
    }
    let mut i = 0;
    val(src.as_bytes(), &mut i)
}

#[test]
fn a_minimal_pod_gets_what_kubectl_get_shows() {
    let pod = j(
        r#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web"},
        "spec":{"containers":[{"name":"nginx","image":"nginx","ports":[{"containerPort":80}],
        "livenessProbe":{"httpGet":{"port":80}},
        "resources":{"limits":{"cpu":"500m","memory":"128Mi"}}}]}}"#,
    );
    let out = default_pod(&pod);
    let c = &out.path("spec").unwrap().seq("containers")[0];
    assert_eq!(c.str("imagePullPolicy"), Some("Always"));
    assert!(c.get("imagePullPolicy").unwrap().defaulted);
    assert_eq!(
        c.str("terminationMessagePath"),
        Some("/dev/termination-log")
    );
    assert_eq!(c.seq("ports")[0].str("protocol"), Some("TCP"));
    let probe = c.get("livenessProbe").unwrap();
    assert_eq!(probe.get("timeoutSeconds").and_then(Node::as_i64), Some(1));
    assert_eq!(
        probe.get("failureThreshold").and_then(Node::as_i64),
        Some(3)
    );
    assert_eq!(
        probe.path("httpGet.scheme").and_then(Node::as_str),
        Some("HTTP")
    );
    assert_eq!(probe.path("httpGet.path").and_then(Node::as_str), Some("/"));
    // limits were copied into requests, so the pod is Guaranteed.
    assert_eq!(
        c.path("resources.requests.cpu").and_then(Node::as_str),
        Some("500m")
    );
    assert_eq!(
        out.path("status.qosClass").and_then(Node::as_str),
        Some("Guaranteed")
    );
    assert_eq!(
        out.path("status.phase").and_then(Node::as_str),
        Some("Pending")
    );
    let spec = out.get("spec").unwrap();
    for (k, v) in [
        ("restartPolicy", "Always"),
        ("dnsPolicy", "ClusterFirst"),
        ("schedulerName", "default-scheduler"),
        ("serviceAccountName", "default"),
        ("serviceAccount", "default"),
        ("preemptionPolicy", "PreemptLowerPriority"),
    ] {
        assert_eq!(spec.str(k), Some(v), "{k}");
    }
    assert_eq!(
        spec.get("terminationGracePeriodSeconds")
            .and_then(Node::as_i64),
        Some(30)
    );
    assert_eq!(spec.get("priority").and_then(Node::as_i64), Some(0));
    assert_eq!(spec.seq("tolerations").len(), 2);
    let vol = &spec.seq("volumes")[0];
    let name = vol.str("name").unwrap();
    assert!(
        name.starts_with("kube-api-access-") && name.len() == 21,
        "{name}"
    );
    let mount = &c.seq("volumeMounts")[0];
    assert_eq!(mount.str("name"), Some(name));
    assert_eq!(mount.str("mountPath"), Some(SERVICE_ACCOUNT_MOUNT_PATH));
    // The user's nodes are untouched.
    assert!(!c.get("image").unwrap().defaulted);
    assert_eq!(
        out.path("metadata.namespace").and_then(Node::as_str),
        Some("default")
    );
}

#[test]
fn zero_values_are_replaced_and_pointers_kept() {
    let pod = j(
        r#"{"kind":"Pod","spec":{"automountServiceAccountToken":false,"terminationGracePeriodSeconds":0,
        "tolerations":[{"operator":"Exists"}],
        "containers":[{"name":"a","image":"busybox:1.36","imagePullPolicy":"",
        "readinessProbe":{"exec":{"command":["true"]},"periodSeconds":0,"timeoutSeconds":5}}]}}"#,
    );
    let out = default_pod(&pod);
    let spec = out.get("spec").unwrap();
    // A pointer set to 0 stays 0; an int32 0 is replaced.
    assert_eq!(
        spec.get("terminationGracePeriodSeconds")
            .and_then(Node::as_i64),
        Some(0)
    );
    let c = &spec.seq("containers")[0];
    assert_eq!(c.str("imagePullPolicy"), Some("IfNotPresent"));
    let p = c.get("readinessProbe").unwrap();
    assert_eq!(p.get("periodSeconds").and_then(Node::as_i64), Some(10));
    assert!(p.get("periodSeconds").unwrap().defaulted);
    assert_eq!(p.get("timeoutSeconds").and_then(Node::as_i64), Some(5));
    // No token volume without automount; an empty-key Exists toleration tolerates both taints.
    assert!(spec.get("volumes").is_none());
    assert_eq!(spec.seq("tolerations").len(), 1);
    assert_eq!(
        out.path("status.qosClass").and_then(Node::as_str),
        Some("BestEffort")
    );
}

#[test]
fn qos_burstable_when_requests_differ_from_limits() {
    let pod = j(
        r#"{"kind":"Pod","spec":{"containers":[{"name":"db","image":"mysql",
        "resources":{"requests":{"memory":"64Mi","cpu":"250m"},"limits":{"memory":"128Mi","cpu":"500m"}}}]}}"#,
    );
    assert_eq!(qos_class(&default_pod(&pod)), QosClass::Burstable);
}

#[test]
fn services_get_their_defaults() {
    let svc = j(
        r#"{"apiVersion":"v1","kind":"Service","metadata":{"name":"svc-sidecar"},
        "spec":{"selector":{"app":"sidecar"},"ports":[{"port":80}],"type":"LoadBalancer"}}"#,
    );
    let out = default_object(&svc);
    let spec = out.get("spec").unwrap();
    assert_eq!(spec.str("sessionAffinity"), Some("None"));
    assert_eq!(spec.str("externalTrafficPolicy"), Some("Cluster"));
    assert_eq!(spec.str("internalTrafficPolicy"), Some("Cluster"));
    assert_eq!(
        spec.get("allocateLoadBalancerNodePorts")
            .and_then(Node::as_bool),
        Some(true)
    );
    let p = &spec.seq("ports")[0];
    assert_eq!(p.str("protocol"), Some("TCP"));
    assert_eq!(p.get("targetPort").and_then(Node::as_i64), Some(80));
    let np = p.get("nodePort").and_then(Node::as_i64).unwrap();
    assert!((30000..=32767).contains(&np));
    assert!(spec.str("clusterIP").unwrap().starts_with("10."));
    assert_eq!(spec.str("ipFamilyPolicy"), Some("SingleStack"));
}

#[test]
fn yaml_rendering_sorts_keys_and_marks_defaults() {
    let pod = j(r#"{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"},
        "spec":{"containers":[{"name":"c","image":"busybox","args":["sleep","86400"]}]}}"#);
    let y = to_yaml_annotated(&default_pod(&pod));
    assert!(
        y.starts_with(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  generation: 1  # defaulted\n  name: p\n"
        ),
        "{y}"
    );
    assert!(y.contains("  containers:\n  - args:\n    - sleep\n    - \"86400\"\n    image: busybox\n    imagePullPolicy: Always  # defaulted\n"), "{y}");
    assert!(
        y.contains("  tolerations:  # defaulted\n  - effect: NoExecute\n"),
        "{y}"
    );
    assert!(y.contains("    resources: {}  # defaulted\n"), "{y}");
    assert!(!to_yaml(&default_pod(&pod)).contains('#'));
}
