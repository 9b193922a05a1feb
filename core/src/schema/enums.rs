//! The values of the `+enum` string types of `staging/src/k8s.io/api/core/v1/types.go`, for the
//! fields of the five kinds that have such a type.
//!
//! The OpenAPI document committed in the Kubernetes repository (and so k8s-openapi) carries no
//! `enum` lists; the API server adds them to its live OpenAPI (kube-openapi's enum support, the
//! `OpenAPIEnums` feature, on by default), together with a `Possible enum values:` paragraph
//! appended to each field's description. `kubectl explain` prints both, the editor completes the
//! values, and validation uses the same lists for its `supported values`.
//!
//! Source: `staging/src/k8s.io/api/core/v1/types.go`, the `// +enum` type declarations and their
//! `const` blocks (read from the stored copy of kubernetes/kubernetes, commit 001a778f; enum
//! types added after it are not listed here). Values are sorted, as the OpenAPI `enum` lists
//! them; each `doc` is the constant's Go comment as kube-openapi prints it: comment lines joined
//! with single spaces, a leading constant name removed (`PullAlways means …` → `means …`).

/// One `+enum` Go type.
#[derive(Debug)]
pub struct EnumDef {
    /// The Go type name (`RestartPolicy`); Go prints `v1.RestartPolicy` in type errors.
    pub go_type: &'static str,
    /// The values, sorted.
    pub values: &'static [&'static str],
    /// The comment of each value's constant (parallel to `values`; empty when it has none).
    pub docs: &'static [&'static str],
}

impl EnumDef {
    /// The paragraph kube-openapi appends to the field description.
    pub fn description_suffix(&self) -> String {
        let mut s = String::from("Possible enum values:");
        for (i, v) in self.values.iter().enumerate() {
            s.push_str("\n - `");
            s.push_str(&crate::diag::go_quote(v));
            s.push('`');
            let doc = self.docs.get(i).copied().unwrap_or("");
            if !doc.is_empty() {
                s.push(' ');
                s.push_str(doc);
            }
        }
        s
    }
}

// type AzureDataDiskCachingMode string (+enum); constants without comments.
static AZURE_DATA_DISK_CACHING_MODE: EnumDef = EnumDef {
    go_type: "AzureDataDiskCachingMode",
    values: &["None", "ReadOnly", "ReadWrite"],
    docs: &["", "", ""],
};

// type AzureDataDiskKind string (+enum); constants without comments.
static AZURE_DATA_DISK_KIND: EnumDef = EnumDef {
    go_type: "AzureDataDiskKind",
    values: &["Dedicated", "Managed", "Shared"],
    docs: &["", "", ""],
};

// type DNSPolicy string (+enum): DNSClusterFirstWithHostNet, DNSClusterFirst, DNSDefault, DNSNone.
static DNS_POLICY: EnumDef = EnumDef {
    go_type: "DNSPolicy",
    values: &["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"],
    docs: &[
        "indicates that the pod should use cluster DNS first unless hostNetwork is true, if it is available, then fall back on the default (as determined by kubelet) DNS settings.",
        "indicates that the pod should use cluster DNS first, if it is available, then fall back on the default (as determined by kubelet) DNS settings.",
        "indicates that the pod should use the default (as determined by kubelet) DNS settings.",
        "indicates that the pod should use empty DNS settings. DNS parameters such as nameservers and search paths should be defined via DNSConfig.",
    ],
};

// type HostPathType string (+enum): HostPathUnset … HostPathBlockDev.
pub(crate) static HOST_PATH_TYPE: EnumDef = EnumDef {
    go_type: "HostPathType",
    values: &[
        "",
        "BlockDevice",
        "CharDevice",
        "Directory",
        "DirectoryOrCreate",
        "File",
        "FileOrCreate",
        "Socket",
    ],
    docs: &[
        "For backwards compatible, leave it empty if unset",
        "A block device must exist at the given path",
        "A character device must exist at the given path",
        "A directory must exist at the given path",
        "If nothing exists at the given path, an empty directory will be created there as needed with file mode 0755, having the same group and ownership with Kubelet.",
        "A file must exist at the given path",
        "If nothing exists at the given path, an empty file will be created there as needed with file mode 0644, having the same group and ownership with Kubelet.",
        "A UNIX socket must exist at the given path",
    ],
};

// type IPFamilyPolicy string (+enum): IPFamilyPolicySingleStack, …PreferDualStack, …RequireDualStack.
static IP_FAMILY_POLICY: EnumDef = EnumDef {
    go_type: "IPFamilyPolicy",
    values: &["PreferDualStack", "RequireDualStack", "SingleStack"],
    docs: &[
        "indicates that this service prefers dual-stack when the cluster is configured for dual-stack. If the cluster is not configured for dual-stack the service will be assigned a single IPFamily. If the IPFamily is not set in service.spec.ipFamilies then the service will be assigned the default IPFamily configured on the cluster",
        "indicates that this service requires dual-stack. Using IPFamilyPolicyRequireDualStack on a single stack cluster will result in validation errors. The IPFamilies (and their order) assigned to this service is based on service.spec.ipFamilies. If service.spec.ipFamilies was not provided then it will be assigned according to how they are configured on the cluster. If service.spec.ipFamilies has only one entry then the alternative IPFamily will be added by apiserver",
        "indicates that this service is required to have a single IPFamily. The IPFamily assigned is based on the default IPFamily used by the cluster or as identified by service.spec.ipFamilies field",
    ],
};

// type MountPropagationMode string (+enum): MountPropagationNone, …HostToContainer, …Bidirectional.
static MOUNT_PROPAGATION_MODE: EnumDef = EnumDef {
    go_type: "MountPropagationMode",
    values: &["Bidirectional", "HostToContainer", "None"],
    docs: &[
        "means that the volume in a container will receive new mounts from the host or other containers, and its own mounts will be propagated from the container to the host or other containers. Note that this mode is recursively applied to all mounts in the volume (\"rshared\" in Linux terminology).",
        "means that the volume in a container will receive new mounts from the host or other containers, but filesystems mounted inside the container won't be propagated to the host or other containers. Note that this mode is recursively applied to all mounts in the volume (\"rslave\" in Linux terminology).",
        "means that the volume in a container will not receive new mounts from the host or other containers, and filesystems mounted inside the container won't be propagated to the host or other containers. Note that this mode corresponds to \"private\" in Linux terminology.",
    ],
};

// type NodeInclusionPolicy string (+enum): NodeInclusionPolicyIgnore, NodeInclusionPolicyHonor.
static NODE_INCLUSION_POLICY: EnumDef = EnumDef {
    go_type: "NodeInclusionPolicy",
    values: &["Honor", "Ignore"],
    docs: &[
        "means use this scheduling directive when calculating pod topology spread skew.",
        "means ignore this scheduling directive when calculating pod topology spread skew.",
    ],
};

// type NodePhase string (+enum): NodePending, NodeRunning, NodeTerminated.
static NODE_PHASE: EnumDef = EnumDef {
    go_type: "NodePhase",
    values: &["Pending", "Running", "Terminated"],
    docs: &[
        "means the node has been created/added by the system, but not configured.",
        "means the node has been configured and has Kubernetes components running.",
        "means the node has been removed from the cluster.",
    ],
};

// type NodeSelectorOperator string (+enum): NodeSelectorOpIn … NodeSelectorOpLt, no comments.
static NODE_SELECTOR_OPERATOR: EnumDef = EnumDef {
    go_type: "NodeSelectorOperator",
    values: &["DoesNotExist", "Exists", "Gt", "In", "Lt", "NotIn"],
    docs: &["", "", "", "", "", ""],
};

// type PersistentVolumeMode string (+enum): PersistentVolumeBlock, PersistentVolumeFilesystem.
static PERSISTENT_VOLUME_MODE: EnumDef = EnumDef {
    go_type: "PersistentVolumeMode",
    values: &["Block", "Filesystem"],
    docs: &[
        "means the volume will not be formatted with a filesystem and will remain a raw block device.",
        "means the volume will be or is formatted with a filesystem.",
    ],
};

// type PodFSGroupChangePolicy string (+enum): FSGroupChangeOnRootMismatch, FSGroupChangeAlways.
static POD_FS_GROUP_CHANGE_POLICY: EnumDef = EnumDef {
    go_type: "PodFSGroupChangePolicy",
    values: &["Always", "OnRootMismatch"],
    docs: &[
        "indicates that volume's ownership and permissions should always be changed whenever volume is mounted inside a Pod. This the default behavior.",
        "indicates that volume's ownership and permissions will be changed only when permission and ownership of root directory does not match with expected permissions on the volume. This can help shorten the time it takes to change ownership and permissions of a volume.",
    ],
};

// type PodPhase string (+enum): PodPending, PodRunning, PodSucceeded, PodFailed, PodUnknown.
static POD_PHASE: EnumDef = EnumDef {
    go_type: "PodPhase",
    values: &["Failed", "Pending", "Running", "Succeeded", "Unknown"],
    docs: &[
        "means that all containers in the pod have terminated, and at least one container has terminated in a failure (exited with a non-zero exit code or was stopped by the system).",
        "means the pod has been accepted by the system, but one or more of the containers has not been started. This includes time before being bound to a node, as well as time spent pulling images onto the host.",
        "means the pod has been bound to a node and all of the containers have been started. At least one container is still running or is in the process of being restarted.",
        "means that all containers in the pod have voluntarily terminated with a container exit code of 0, and the system is not going to restart any of these containers.",
        "means that for some reason the state of the pod could not be obtained, typically due to an error in communicating with the host of the pod. Deprecated: It isn't being set since 2015 (74da3b14b0c0f658b3bb8d2def5094686d0e9095)",
    ],
};

// type PodQOSClass string (+enum): PodQOSGuaranteed, PodQOSBurstable, PodQOSBestEffort.
static POD_QOS_CLASS: EnumDef = EnumDef {
    go_type: "PodQOSClass",
    values: &["BestEffort", "Burstable", "Guaranteed"],
    docs: &[
        "is the BestEffort qos class.",
        "is the Burstable qos class.",
        "is the Guaranteed qos class.",
    ],
};

// type PreemptionPolicy string (+enum): PreemptLowerPriority, PreemptNever.
static PREEMPTION_POLICY: EnumDef = EnumDef {
    go_type: "PreemptionPolicy",
    values: &["Never", "PreemptLowerPriority"],
    docs: &[
        "means that pod never preempts other pods with lower priority.",
        "means that pod can preempt other pods with lower priority.",
    ],
};

// type ProcMountType string (+enum): DefaultProcMount, UnmaskedProcMount.
static PROC_MOUNT_TYPE: EnumDef = EnumDef {
    go_type: "ProcMountType",
    values: &["Default", "Unmasked"],
    docs: &[
        "uses the container runtime defaults for readonly and masked paths for /proc. Most container runtimes mask certain paths in /proc to avoid accidental security exposure of special devices or information.",
        "bypasses the default masking behavior of the container runtime and ensures the newly created /proc the container stays in tact with no modifications.",
    ],
};

// type Protocol string (+enum): ProtocolTCP, ProtocolUDP, ProtocolSCTP.
static PROTOCOL: EnumDef = EnumDef {
    go_type: "Protocol",
    values: &["SCTP", "TCP", "UDP"],
    docs: &[
        "is the SCTP protocol.",
        "is the TCP protocol.",
        "is the UDP protocol.",
    ],
};

// type PullPolicy string (+enum): PullAlways, PullNever, PullIfNotPresent.
static PULL_POLICY: EnumDef = EnumDef {
    go_type: "PullPolicy",
    values: &["Always", "IfNotPresent", "Never"],
    docs: &[
        "means that kubelet always attempts to pull the latest image. Container will fail If the pull fails.",
        "means that kubelet pulls if the image isn't present on disk. Container will fail if the image isn't present and the pull fails.",
        "means that kubelet never pulls an image, but only uses a local image. Container will fail if the image isn't present",
    ],
};

// type RestartPolicy string (+enum): RestartPolicyAlways, …OnFailure, …Never, no comments.
static RESTART_POLICY: EnumDef = EnumDef {
    go_type: "RestartPolicy",
    values: &["Always", "Never", "OnFailure"],
    docs: &["", "", ""],
};

// type SeccompProfileType string (+enum): …Unconfined, …RuntimeDefault, …Localhost.
static SECCOMP_PROFILE_TYPE: EnumDef = EnumDef {
    go_type: "SeccompProfileType",
    values: &["Localhost", "RuntimeDefault", "Unconfined"],
    docs: &[
        "indicates a profile defined in a file on the node should be used. The file's location relative to <kubelet-root-dir>/seccomp.",
        "represents the default container runtime seccomp profile.",
        "indicates no seccomp profile is applied (A.K.A. unconfined).",
    ],
};

// type ServiceAffinity string (+enum): ServiceAffinityClientIP, ServiceAffinityNone.
static SERVICE_AFFINITY: EnumDef = EnumDef {
    go_type: "ServiceAffinity",
    values: &["ClientIP", "None"],
    docs: &["is the Client IP based.", "- no session affinity."],
};

// type ServiceExternalTrafficPolicy string (+enum): …Cluster, …Local.
static SERVICE_EXTERNAL_TRAFFIC_POLICY: EnumDef = EnumDef {
    go_type: "ServiceExternalTrafficPolicy",
    values: &["Cluster", "Local"],
    docs: &[
        "routes traffic to all endpoints.",
        "preserves the source IP of the traffic by routing only to endpoints on the same node as the traffic was received on (dropping the traffic if there are no local endpoints).",
    ],
};

// type ServiceInternalTrafficPolicy string (+enum): …Cluster, …Local.
static SERVICE_INTERNAL_TRAFFIC_POLICY: EnumDef = EnumDef {
    go_type: "ServiceInternalTrafficPolicy",
    values: &["Cluster", "Local"],
    docs: &[
        "routes traffic to all endpoints.",
        "routes traffic only to endpoints on the same node as the client pod (dropping the traffic if there are no local endpoints).",
    ],
};

// type ServiceType string (+enum): ServiceTypeClusterIP, …NodePort, …LoadBalancer, …ExternalName.
static SERVICE_TYPE: EnumDef = EnumDef {
    go_type: "ServiceType",
    values: &["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"],
    docs: &[
        "means a service will only be accessible inside the cluster, via the cluster IP.",
        "means a service consists of only a reference to an external name that kubedns or equivalent will return as a CNAME record, with no exposing or proxying of any pods involved.",
        "means a service will be exposed via an external load balancer (if the cloud provider supports it), in addition to 'NodePort' type.",
        "means a service will be exposed on one port of every node, in addition to 'ClusterIP' type.",
    ],
};

// type TaintEffect string (+enum): TaintEffectNoSchedule, …PreferNoSchedule, …NoExecute.
static TAINT_EFFECT: EnumDef = EnumDef {
    go_type: "TaintEffect",
    values: &["NoExecute", "NoSchedule", "PreferNoSchedule"],
    docs: &[
        "Evict any already-running pods that do not tolerate the taint. Currently enforced by NodeController.",
        "Do not allow new pods to schedule onto the node unless they tolerate the taint, but allow all pods submitted to Kubelet without going through the scheduler to start, and allow all already-running pods to continue running. Enforced by the scheduler.",
        "Like TaintEffectNoSchedule, but the scheduler tries not to schedule new pods onto the node, rather than prohibiting new pods from scheduling onto the node entirely. Enforced by the scheduler.",
    ],
};

// type TerminationMessagePolicy string (+enum): TerminationMessageReadFile, …FallbackToLogsOnError.
static TERMINATION_MESSAGE_POLICY: EnumDef = EnumDef {
    go_type: "TerminationMessagePolicy",
    values: &["FallbackToLogsOnError", "File"],
    docs: &[
        "will read the most recent contents of the container logs for the container status message when the container exits with an error and the terminationMessagePath has no contents.",
        "is the default behavior and will set the container status message to the contents of the container's terminationMessagePath when the container exits.",
    ],
};

// type TolerationOperator string (+enum): TolerationOpExists, TolerationOpEqual, no comments.
static TOLERATION_OPERATOR: EnumDef = EnumDef {
    go_type: "TolerationOperator",
    values: &["Equal", "Exists"],
    docs: &["", ""],
};

// type UnsatisfiableConstraintAction string (+enum): DoNotSchedule, ScheduleAnyway.
static UNSATISFIABLE_CONSTRAINT_ACTION: EnumDef = EnumDef {
    go_type: "UnsatisfiableConstraintAction",
    values: &["DoNotSchedule", "ScheduleAnyway"],
    docs: &[
        "instructs the scheduler not to schedule the pod when constraints are not satisfied.",
        "instructs the scheduler to schedule the pod even if constraints are not satisfied.",
    ],
};

const CORE: &str = "io.k8s.api.core.v1.";

/// (definition short name in core/v1, field, enum). Array fields of enum items
/// (`accessModes`, `ipFamilies`) are left out: their `enum` sits on the items, which
/// `kubectl explain` does not print.
static FIELDS: &[(&str, &str, &EnumDef)] = &[
    (
        "AzureDiskVolumeSource",
        "cachingMode",
        &AZURE_DATA_DISK_CACHING_MODE,
    ),
    ("AzureDiskVolumeSource", "kind", &AZURE_DATA_DISK_KIND),
    ("Container", "imagePullPolicy", &PULL_POLICY),
    (
        "Container",
        "terminationMessagePolicy",
        &TERMINATION_MESSAGE_POLICY,
    ),
    ("ContainerPort", "protocol", &PROTOCOL),
    ("EphemeralContainer", "imagePullPolicy", &PULL_POLICY),
    (
        "EphemeralContainer",
        "terminationMessagePolicy",
        &TERMINATION_MESSAGE_POLICY,
    ),
    ("HTTPGetAction", "scheme", &URI_SCHEME),
    ("HostPathVolumeSource", "type", &HOST_PATH_TYPE),
    (
        "NodeSelectorRequirement",
        "operator",
        &NODE_SELECTOR_OPERATOR,
    ),
    ("NodeStatus", "phase", &NODE_PHASE),
    (
        "PersistentVolumeClaimSpec",
        "volumeMode",
        &PERSISTENT_VOLUME_MODE,
    ),
    (
        "PodSecurityContext",
        "fsGroupChangePolicy",
        &POD_FS_GROUP_CHANGE_POLICY,
    ),
    ("PodSpec", "dnsPolicy", &DNS_POLICY),
    ("PodSpec", "preemptionPolicy", &PREEMPTION_POLICY),
    ("PodSpec", "restartPolicy", &RESTART_POLICY),
    ("PodStatus", "phase", &POD_PHASE),
    ("PodStatus", "qosClass", &POD_QOS_CLASS),
    ("PortStatus", "protocol", &PROTOCOL),
    ("SeccompProfile", "type", &SECCOMP_PROFILE_TYPE),
    ("SecurityContext", "procMount", &PROC_MOUNT_TYPE),
    ("ServicePort", "protocol", &PROTOCOL),
    (
        "ServiceSpec",
        "externalTrafficPolicy",
        &SERVICE_EXTERNAL_TRAFFIC_POLICY,
    ),
    (
        "ServiceSpec",
        "internalTrafficPolicy",
        &SERVICE_INTERNAL_TRAFFIC_POLICY,
    ),
    ("ServiceSpec", "ipFamilyPolicy", &IP_FAMILY_POLICY),
    ("ServiceSpec", "sessionAffinity", &SERVICE_AFFINITY),
    ("ServiceSpec", "type", &SERVICE_TYPE),
    ("Taint", "effect", &TAINT_EFFECT),
    ("Toleration", "effect", &TAINT_EFFECT),
    ("Toleration", "operator", &TOLERATION_OPERATOR),
    (
        "TopologySpreadConstraint",
        "nodeAffinityPolicy",
        &NODE_INCLUSION_POLICY,
    ),
    (
        "TopologySpreadConstraint",
        "nodeTaintsPolicy",
        &NODE_INCLUSION_POLICY,
    ),
    (
        "TopologySpreadConstraint",
        "whenUnsatisfiable",
        &UNSATISFIABLE_CONSTRAINT_ACTION,
    ),
    ("VolumeMount", "mountPropagation", &MOUNT_PROPAGATION_MODE),
];

// type URIScheme string (+enum): URISchemeHTTP, URISchemeHTTPS.
static URI_SCHEME: EnumDef = EnumDef {
    go_type: "URIScheme",
    values: &["HTTP", "HTTPS"],
    docs: &[
        "means that the scheme used will be http://",
        "means that the scheme used will be https://",
    ],
};

/// The enum of field `field` of the definition `type_name` (`io.k8s.api.core.v1.PodSpec`,
/// `restartPolicy`), if its Go type is an `+enum` type.
pub fn enum_def(type_name: &str, field: &str) -> Option<&'static EnumDef> {
    let short = type_name.strip_prefix(CORE)?;
    FIELDS
        .iter()
        .find(|(t, f, _)| *t == short && *f == field)
        .map(|(_, _, e)| *e)
}

/// The allowed values (sorted) of field `field` of definition `type_name`, if it is an enum.
pub fn enum_values(type_name: &str, field: &str) -> Option<&'static [&'static str]> {
    enum_def(type_name, field).map(|e| e.values)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn every_enum_field_exists_in_the_schema_as_a_string() {
        for (owner, f, e) in FIELDS {
            let t = schema::type_named(&format!("{CORE}{owner}"))
                .unwrap_or_else(|| panic!("{owner} is not in the schema"));
            let fd = schema::field(t, f).unwrap_or_else(|| panic!("{owner}.{f} missing"));
            assert!(
                matches!(schema::def(fd.ty).shape, schema::Shape::String),
                "{owner}.{f}"
            );
            assert_eq!(e.values.len(), e.docs.len(), "{}", e.go_type);
            assert!(
                e.values.windows(2).all(|w| w[0] < w[1]),
                "{} sorted",
                e.go_type
            );
        }
    }

    #[test]
    fn restart_policy_and_protocol() {
        assert_eq!(
            enum_values("io.k8s.api.core.v1.PodSpec", "restartPolicy"),
            Some(&["Always", "Never", "OnFailure"][..])
        );
        assert_eq!(enum_values("io.k8s.api.core.v1.PodSpec", "hostname"), None);
        let p = enum_def("io.k8s.api.core.v1.ContainerPort", "protocol").unwrap();
        assert_eq!(
            p.description_suffix(),
            "Possible enum values:\n - `\"SCTP\"` is the SCTP protocol.\n - `\"TCP\"` is the TCP protocol.\n - `\"UDP\"` is the UDP protocol."
        );
        let r = enum_def("io.k8s.api.core.v1.PodSpec", "restartPolicy").unwrap();
        assert!(r.description_suffix().ends_with("\n - `\"OnFailure\"`"));
    }
}
