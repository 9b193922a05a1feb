//! The mutating admission plugins enabled by default that touch a Pod (`ServiceAccount`,
//! `Priority`, `DefaultTolerationSeconds`) and the v1 conversion of `serviceAccount`.

use super::*;
use crate::derived;

/// The token volume's name. The real plugin appends 5 random characters
/// (`utilrand.String(5)`); the playground derives them from the pod's name so that the same
/// manifest always shows the same name.
pub fn kube_api_access_volume_name(pod_name: &str) -> String {
    format!("kube-api-access-{}", derived::rand_string5(pod_name))
}

/// Where the ServiceAccount plugin mounts the token.
pub const SERVICE_ACCOUNT_MOUNT_PATH: &str = "/var/run/secrets/kubernetes.io/serviceaccount";

/// `plugin/pkg/admission/serviceaccount`: `serviceAccountName: default`; unless automounting is
/// off, every init and app container gets the token volume mounted read-only at
/// [`SERVICE_ACCOUNT_MOUNT_PATH`] (unless it already mounts something there), and the pod gets
/// the projected volume (token, `kube-root-ca.crt`, namespace). Simplified: the plugin leaves
/// mirror pods (created by kubelets from static manifests) alone; the playground treats every pod
/// as one created through the API.
pub(super) fn admit_service_account(spec: &mut Node, pod_name: &str) {
    // The v1→internal conversion uses the deprecated `serviceAccount` when the name is empty.
    if spec.str("serviceAccountName").unwrap_or("").is_empty() {
        let from_deprecated = spec
            .str("serviceAccount")
            .filter(|s| !s.is_empty())
            .map(str::to_string);
        match from_deprecated {
            Some(sa) => default_str(spec, "serviceAccountName", &sa),
            None => default_str(spec, "serviceAccountName", "default"),
        }
    }
    // shouldAutomount: the pod's setting wins; the default ServiceAccount does not disable it.
    if spec
        .get("automountServiceAccountToken")
        .and_then(Node::as_bool)
        == Some(false)
    {
        return;
    }
    let near = spec.span;
    let existing = spec
        .seq("volumes")
        .iter()
        .filter_map(|v| v.str("name"))
        .find(|n| n.starts_with("kube-api-access-"))
        .map(str::to_string);
    let has_volume = existing.is_some();
    let vol_name = existing.unwrap_or_else(|| kube_api_access_volume_name(pod_name));
    let mut needs_volume = false;
    for list in ["initContainers", "containers"] {
        if let Some(cs) = spec.get_mut(list).and_then(Node::as_seq_mut) {
            for c in cs.iter_mut().filter(|c| c.as_map().is_some()) {
                let mounted = c
                    .seq("volumeMounts")
                    .iter()
                    .any(|m| m.str("mountPath") == Some(SERVICE_ACCOUNT_MOUNT_PATH));
                if !mounted {
                    let cnear = c.span;
                    let mount = dmap(
                        vec![
                            ("mountPath", dstr(SERVICE_ACCOUNT_MOUNT_PATH, cnear)),
                            ("name", dstr(&vol_name, cnear)),
                            ("readOnly", d(Value::Bool(true), cnear)),
                        ],
                        cnear,
                    );
                    push_item(c, "volumeMounts", mount);
                    needs_volume = true;
                }
            }
        }
    }
    if !has_volume && needs_volume {
        push_item(spec, "volumes", token_volume(&vol_name, near));
    }
}

/// `TokenVolumeSource()`: what `kubectl get pod -o yaml` shows under `kube-api-access-xxxxx`.
fn token_volume(name: &str, near: Span) -> Node {
    let token = dmap(
        vec![(
            "serviceAccountToken",
            dmap(
                vec![
                    // WarnOnlyBoundTokenExpirationSeconds
                    ("expirationSeconds", d(Value::Int(3607), near)),
                    ("path", dstr("token", near)),
                ],
                near,
            ),
        )],
        near,
    );
    let ca = dmap(
        vec![(
            "configMap",
            dmap(
                vec![
                    (
                        "items",
                        dseq(
                            vec![dmap(
                                vec![
                                    ("key", dstr("ca.crt", near)),
                                    ("path", dstr("ca.crt", near)),
                                ],
                                near,
                            )],
                            near,
                        ),
                    ),
                    ("name", dstr("kube-root-ca.crt", near)),
                ],
                near,
            ),
        )],
        near,
    );
    let ns = dmap(
        vec![(
            "downwardAPI",
            dmap(
                vec![(
                    "items",
                    dseq(
                        vec![dmap(
                            vec![
                                (
                                    "fieldRef",
                                    dmap(
                                        vec![
                                            ("apiVersion", dstr("v1", near)),
                                            ("fieldPath", dstr("metadata.namespace", near)),
                                        ],
                                        near,
                                    ),
                                ),
                                ("path", dstr("namespace", near)),
                            ],
                            near,
                        )],
                        near,
                    ),
                )],
                near,
            ),
        )],
        near,
    );
    dmap(
        vec![
            ("name", dstr(name, near)),
            (
                "projected",
                dmap(
                    vec![
                        ("defaultMode", d(Value::Int(0o644), near)),
                        ("sources", dseq(vec![token, ca, ns], near)),
                    ],
                    near,
                ),
            ),
        ],
        near,
    )
}

/// The `Priority` plugin: without a `priorityClassName` (and no global default class, as in a
/// new cluster) `priority: 0` and `preemptionPolicy: PreemptLowerPriority`; the two built-in
/// classes give their values. Another class name would be rejected by the plugin ("no
/// PriorityClass with name … was found"); the playground has no PriorityClasses and leaves the
/// pod as written.
pub(super) fn admit_priority(spec: &mut Node) {
    let value = match spec.str("priorityClassName").unwrap_or("") {
        "" => 0,
        "system-node-critical" => 2_000_001_000,
        "system-cluster-critical" => 2_000_000_000,
        _ => return,
    };
    default_ptr(spec, "priority", Value::Int(value));
    default_ptr(spec, "preemptionPolicy", Value::str("PreemptLowerPriority"));
}

/// The `DefaultTolerationSeconds` plugin: tolerate `not-ready` and `unreachable` `NoExecute`
/// taints for 300 s unless the pod already tolerates them.
pub(super) fn admit_default_toleration_seconds(spec: &mut Node) {
    let tols = spec.seq("tolerations");
    let tolerates = |taint: &str| {
        tols.iter().any(|t| {
            let key = t.str("key").unwrap_or("");
            let effect = t.str("effect").unwrap_or("");
            (key == taint || key.is_empty()) && (effect == "NoExecute" || effect.is_empty())
        })
    };
    let not_ready = tolerates("node.kubernetes.io/not-ready");
    let unreachable = tolerates("node.kubernetes.io/unreachable");
    let near = spec.span;
    for (taint, ok) in [
        ("node.kubernetes.io/not-ready", not_ready),
        ("node.kubernetes.io/unreachable", unreachable),
    ] {
        if !ok {
            let t = dmap(
                vec![
                    ("effect", dstr("NoExecute", near)),
                    ("key", dstr(taint, near)),
                    ("operator", dstr("Exists", near)),
                    ("tolerationSeconds", d(Value::Int(300), near)),
                ],
                near,
            );
            push_item(spec, "tolerations", t);
        }
    }
}

/// The v1 conversion writes `serviceAccountName` into the deprecated `serviceAccount` field.
pub(super) fn convert_deprecated_service_account(spec: &mut Node) {
    let Some(name) = spec.str("serviceAccountName").map(str::to_string) else {
        return;
    };
    if spec.str("serviceAccount") != Some(name.as_str()) {
        let near = spec.span;
        put(spec, "serviceAccount", dstr(&name, near));
    }
}
