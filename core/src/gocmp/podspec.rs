//! A stored pod's `spec` as the API server's internal `core.PodSpec` (pkg/apis/core/types.go,
//! Kubernetes 1.37: the fields in declaration order, the Go zero value for every field the object
//! does not set), and validation.go `ValidatePodUpdate`'s refusal built from it.
//!
//! What follows the internal types, not the v1 JSON: the host namespace fields (`hostNetwork`,
//! `hostPID`, `hostIPC`, `shareProcessNamespace`, `hostUsers`) live in `SecurityContext`, which
//! is therefore never nil (`SecurityContext: &{}`); `serviceAccount` does not exist;
//! `ServiceAccountTokenProjection.ExpirationSeconds` is an `int64`, not a pointer; embedded
//! structs are fields named by their type (`ProbeHandler`, `VolumeSource`,
//! `LocalObjectReference`). A `resource.Quantity` is compared by its `Equal` method and printed as
//! the struct `ParseQuantity` builds (`{i: {value: 100, scale: -3}, s: "100m", Format:
//! "DecimalSI"}`: the string is cached only when it is already canonical).
//!
//! Not modelled field by field (rendered from the object's own keys, in the object's order, with
//! the Go field names guessed by capitalising the JSON names, so a diff inside them names fields
//! and counts "identical fields" approximately; the session adds a `[podplay]` line naming them
//! when a diff goes through one): ephemeralContainers, schedulingGroup, evictionResponders, restartPolicyRules,
//! seLinuxOptions, windowsOptions, clusterTrustBundle and podCertificate projections, and the
//! cloud and network volume sources (nfs, iscsi, csi, ephemeral, …). `EvictionResponders` (new
//! in 1.37) is placed last in `PodSpec`, as its protobuf number (44) suggests. The order of the
//! container `SecurityContext`, `NodeSelector*` and `TopologySpreadConstraint` fields follows
//! the v1 types. Quantities the parser's slow path
//! would hold as `inf.Dec` (more than 18 digits, or a fraction of a binary suffix like `1.5Gi`)
//! are shown as the fast path would hold them. An empty list or map is treated as nil on both
//! sides (storage drops them with `omitempty`).

use super::{GoType, GoValue, Kind};
use crate::tree::{Node, Value};

/// A field's Go type.
#[derive(Clone, Copy)]
enum T {
    /// A string type: `"string"`, or a defined one (`core.RestartPolicy`).
    Str(&'static str),
    /// `core.ResourceName`: a string type with a `String` method.
    ResourceName,
    Int(&'static str),
    Bool,
    Struct(&'static S),
    /// Element type, slice type name.
    Slice(&'static T, &'static str),
    /// Target type, pointer type name.
    Ptr(&'static T, &'static str),
    StrMap,
    ResourceList,
    Quantity,
    IntOrString,
    /// A type not modelled field by field.
    Opaque(&'static str),
}

struct S {
    name: &'static str,
    fields: &'static [F],
}

/// A Go field, the JSON key it comes from (empty: an embedded struct read from the same object),
/// and its type.
struct F(&'static str, &'static str, T);

const STRING: T = T::Str("string");
const INT32: T = T::Int("int32");
const INT64: T = T::Int("int64");
const PTR_INT64: T = T::Ptr(&INT64, "*int64");
const PTR_INT32: T = T::Ptr(&INT32, "*int32");
const PTR_BOOL: T = T::Ptr(&T::Bool, "*bool");
const PTR_STRING: T = T::Ptr(&STRING, "*string");
const STRINGS: T = T::Slice(&STRING, "[]string");

static LOCAL_OBJECT_REFERENCE: S = S { name: "core.LocalObjectReference", fields: &[F("Name", "name", STRING)] };
const EMBEDDED_REF: F = F("LocalObjectReference", "", T::Struct(&LOCAL_OBJECT_REFERENCE));
static KEY_TO_PATH: S = S {
    name: "core.KeyToPath",
    fields: &[F("Key", "key", STRING), F("Path", "path", STRING), F("Mode", "mode", PTR_INT32)],
};
static ITEMS: T = T::Slice(&T::Struct(&KEY_TO_PATH), "[]core.KeyToPath");
static OBJECT_FIELD_SELECTOR: S = S {
    name: "core.ObjectFieldSelector",
    fields: &[F("APIVersion", "apiVersion", STRING), F("FieldPath", "fieldPath", STRING)],
};
static RESOURCE_FIELD_SELECTOR: S = S {
    name: "core.ResourceFieldSelector",
    fields: &[F("ContainerName", "containerName", STRING), F("Resource", "resource", STRING), F("Divisor", "divisor", T::Quantity)],
};
static DOWNWARD_API_VOLUME_FILE: S = S {
    name: "core.DownwardAPIVolumeFile",
    fields: &[
        F("Path", "path", STRING),
        F("FieldRef", "fieldRef", T::Ptr(&T::Struct(&OBJECT_FIELD_SELECTOR), "*core.ObjectFieldSelector")),
        F("ResourceFieldRef", "resourceFieldRef", T::Ptr(&T::Struct(&RESOURCE_FIELD_SELECTOR), "*core.ResourceFieldSelector")),
        F("Mode", "mode", PTR_INT32),
    ],
};
static DOWNWARD_ITEMS: T = T::Slice(&T::Struct(&DOWNWARD_API_VOLUME_FILE), "[]core.DownwardAPIVolumeFile");

static VOLUME_SOURCE: S = S {
    name: "core.VolumeSource",
    fields: &[
        F(
            "HostPath",
            "hostPath",
            T::Ptr(
                &T::Struct(&S {
                    name: "core.HostPathVolumeSource",
                    fields: &[F("Path", "path", STRING), F("Type", "type", T::Ptr(&T::Str("core.HostPathType"), "*core.HostPathType"))],
                }),
                "*core.HostPathVolumeSource",
            ),
        ),
        F(
            "EmptyDir",
            "emptyDir",
            T::Ptr(
                &T::Struct(&S {
                    name: "core.EmptyDirVolumeSource",
                    fields: &[
                        F("Medium", "medium", T::Str("core.StorageMedium")),
                        F("SizeLimit", "sizeLimit", T::Ptr(&T::Quantity, "*resource.Quantity")),
                    ],
                }),
                "*core.EmptyDirVolumeSource",
            ),
        ),
        F("GCEPersistentDisk", "gcePersistentDisk", T::Ptr(&T::Opaque("core.GCEPersistentDiskVolumeSource"), "*core.GCEPersistentDiskVolumeSource")),
        F("AWSElasticBlockStore", "awsElasticBlockStore", T::Ptr(&T::Opaque("core.AWSElasticBlockStoreVolumeSource"), "*core.AWSElasticBlockStoreVolumeSource")),
        F("GitRepo", "gitRepo", T::Ptr(&T::Opaque("core.GitRepoVolumeSource"), "*core.GitRepoVolumeSource")),
        F(
            "Secret",
            "secret",
            T::Ptr(
                &T::Struct(&S {
                    name: "core.SecretVolumeSource",
                    fields: &[
                        F("SecretName", "secretName", STRING),
                        F("Items", "items", ITEMS),
                        F("DefaultMode", "defaultMode", PTR_INT32),
                        F("Optional", "optional", PTR_BOOL),
                    ],
                }),
                "*core.SecretVolumeSource",
            ),
        ),
        F("NFS", "nfs", T::Ptr(&T::Opaque("core.NFSVolumeSource"), "*core.NFSVolumeSource")),
        F("ISCSI", "iscsi", T::Ptr(&T::Opaque("core.ISCSIVolumeSource"), "*core.ISCSIVolumeSource")),
        F("Glusterfs", "glusterfs", T::Ptr(&T::Opaque("core.GlusterfsVolumeSource"), "*core.GlusterfsVolumeSource")),
        F(
            "PersistentVolumeClaim",
            "persistentVolumeClaim",
            T::Ptr(
                &T::Struct(&S {
                    name: "core.PersistentVolumeClaimVolumeSource",
                    fields: &[F("ClaimName", "claimName", STRING), F("ReadOnly", "readOnly", T::Bool)],
                }),
                "*core.PersistentVolumeClaimVolumeSource",
            ),
        ),
        F("RBD", "rbd", T::Ptr(&T::Opaque("core.RBDVolumeSource"), "*core.RBDVolumeSource")),
        F("Quobyte", "quobyte", T::Ptr(&T::Opaque("core.QuobyteVolumeSource"), "*core.QuobyteVolumeSource")),
        F("FlexVolume", "flexVolume", T::Ptr(&T::Opaque("core.FlexVolumeSource"), "*core.FlexVolumeSource")),
        F("Cinder", "cinder", T::Ptr(&T::Opaque("core.CinderVolumeSource"), "*core.CinderVolumeSource")),
        F("CephFS", "cephfs", T::Ptr(&T::Opaque("core.CephFSVolumeSource"), "*core.CephFSVolumeSource")),
        F("Flocker", "flocker", T::Ptr(&T::Opaque("core.FlockerVolumeSource"), "*core.FlockerVolumeSource")),
        F(
            "DownwardAPI",
            "downwardAPI",
            T::Ptr(
                &T::Struct(&S {
                    name: "core.DownwardAPIVolumeSource",
                    fields: &[F("Items", "items", DOWNWARD_ITEMS), F("DefaultMode", "defaultMode", PTR_INT32)],
                }),
                "*core.DownwardAPIVolumeSource",
            ),
        ),
        F("FC", "fc", T::Ptr(&T::Opaque("core.FCVolumeSource"), "*core.FCVolumeSource")),
        F("AzureFile", "azureFile", T::Ptr(&T::Opaque("core.AzureFileVolumeSource"), "*core.AzureFileVolumeSource")),
        F(
            "ConfigMap",
            "configMap",
            T::Ptr(
                &T::Struct(&S {
                    name: "core.ConfigMapVolumeSource",
                    fields: &[EMBEDDED_REF, F("Items", "items", ITEMS), F("DefaultMode", "defaultMode", PTR_INT32), F("Optional", "optional", PTR_BOOL)],
                }),
                "*core.ConfigMapVolumeSource",
            ),
        ),
        F("VsphereVolume", "vsphereVolume", T::Ptr(&T::Opaque("core.VsphereVirtualDiskVolumeSource"), "*core.VsphereVirtualDiskVolumeSource")),
        F("AzureDisk", "azureDisk", T::Ptr(&T::Opaque("core.AzureDiskVolumeSource"), "*core.AzureDiskVolumeSource")),
        F("PhotonPersistentDisk", "photonPersistentDisk", T::Ptr(&T::Opaque("core.PhotonPersistentDiskVolumeSource"), "*core.PhotonPersistentDiskVolumeSource")),
        F(
            "Projected",
            "projected",
            T::Ptr(
                &T::Struct(&S {
                    name: "core.ProjectedVolumeSource",
                    fields: &[
                        F("Sources", "sources", T::Slice(&T::Struct(&VOLUME_PROJECTION), "[]core.VolumeProjection")),
                        F("DefaultMode", "defaultMode", PTR_INT32),
                    ],
                }),
                "*core.ProjectedVolumeSource",
            ),
        ),
        F("PortworxVolume", "portworxVolume", T::Ptr(&T::Opaque("core.PortworxVolumeSource"), "*core.PortworxVolumeSource")),
        F("ScaleIO", "scaleIO", T::Ptr(&T::Opaque("core.ScaleIOVolumeSource"), "*core.ScaleIOVolumeSource")),
        F("StorageOS", "storageos", T::Ptr(&T::Opaque("core.StorageOSVolumeSource"), "*core.StorageOSVolumeSource")),
        F("CSI", "csi", T::Ptr(&T::Opaque("core.CSIVolumeSource"), "*core.CSIVolumeSource")),
        F("Ephemeral", "ephemeral", T::Ptr(&T::Opaque("core.EphemeralVolumeSource"), "*core.EphemeralVolumeSource")),
        F(
            "Image",
            "image",
            T::Ptr(
                &T::Struct(&S {
                    name: "core.ImageVolumeSource",
                    fields: &[F("Reference", "reference", STRING), F("PullPolicy", "pullPolicy", T::Str("core.PullPolicy"))],
                }),
                "*core.ImageVolumeSource",
            ),
        ),
    ],
};

static VOLUME_PROJECTION: S = S {
    name: "core.VolumeProjection",
    fields: &[
        F(
            "Secret",
            "secret",
            T::Ptr(
                &T::Struct(&S {
                    name: "core.SecretProjection",
                    fields: &[EMBEDDED_REF, F("Items", "items", ITEMS), F("Optional", "optional", PTR_BOOL)],
                }),
                "*core.SecretProjection",
            ),
        ),
        F(
            "DownwardAPI",
            "downwardAPI",
            T::Ptr(
                &T::Struct(&S { name: "core.DownwardAPIProjection", fields: &[F("Items", "items", DOWNWARD_ITEMS)] }),
                "*core.DownwardAPIProjection",
            ),
        ),
        F(
            "ConfigMap",
            "configMap",
            T::Ptr(
                &T::Struct(&S {
                    name: "core.ConfigMapProjection",
                    fields: &[EMBEDDED_REF, F("Items", "items", ITEMS), F("Optional", "optional", PTR_BOOL)],
                }),
                "*core.ConfigMapProjection",
            ),
        ),
        F(
            "ServiceAccountToken",
            "serviceAccountToken",
            T::Ptr(
                &T::Struct(&S {
                    name: "core.ServiceAccountTokenProjection",
                    fields: &[F("Audience", "audience", STRING), F("ExpirationSeconds", "expirationSeconds", INT64), F("Path", "path", STRING)],
                }),
                "*core.ServiceAccountTokenProjection",
            ),
        ),
        F("ClusterTrustBundle", "clusterTrustBundle", T::Ptr(&T::Opaque("core.ClusterTrustBundleProjection"), "*core.ClusterTrustBundleProjection")),
        F("PodCertificate", "podCertificate", T::Ptr(&T::Opaque("core.PodCertificateProjection"), "*core.PodCertificateProjection")),
    ],
};

static VOLUME: S = S {
    name: "core.Volume",
    fields: &[F("Name", "name", STRING), F("VolumeSource", "", T::Struct(&VOLUME_SOURCE))],
};

static SECCOMP: T = T::Ptr(
    &T::Struct(&S {
        name: "core.SeccompProfile",
        fields: &[F("Type", "type", T::Str("core.SeccompProfileType")), F("LocalhostProfile", "localhostProfile", PTR_STRING)],
    }),
    "*core.SeccompProfile",
);
static APPARMOR: T = T::Ptr(
    &T::Struct(&S {
        name: "core.AppArmorProfile",
        fields: &[F("Type", "type", T::Str("core.AppArmorProfileType")), F("LocalhostProfile", "localhostProfile", PTR_STRING)],
    }),
    "*core.AppArmorProfile",
);
static SELINUX: T = T::Ptr(&T::Opaque("core.SELinuxOptions"), "*core.SELinuxOptions");
static WINDOWS: T = T::Ptr(&T::Opaque("core.WindowsSecurityContextOptions"), "*core.WindowsSecurityContextOptions");

static POD_SECURITY_CONTEXT: S = S {
    name: "core.PodSecurityContext",
    fields: &[
        F("HostNetwork", "hostNetwork", T::Bool),
        F("HostPID", "hostPID", T::Bool),
        F("HostIPC", "hostIPC", T::Bool),
        F("ShareProcessNamespace", "shareProcessNamespace", PTR_BOOL),
        F("HostUsers", "hostUsers", PTR_BOOL),
        F("SELinuxOptions", "seLinuxOptions", SELINUX),
        F("WindowsOptions", "windowsOptions", WINDOWS),
        F("RunAsUser", "runAsUser", PTR_INT64),
        F("RunAsGroup", "runAsGroup", PTR_INT64),
        F("RunAsNonRoot", "runAsNonRoot", PTR_BOOL),
        F("SupplementalGroups", "supplementalGroups", T::Slice(&INT64, "[]int64")),
        F("SupplementalGroupsPolicy", "supplementalGroupsPolicy", T::Ptr(&T::Str("core.SupplementalGroupsPolicy"), "*core.SupplementalGroupsPolicy")),
        F("FSGroup", "fsGroup", PTR_INT64),
        F("FSGroupChangePolicy", "fsGroupChangePolicy", T::Ptr(&T::Str("core.PodFSGroupChangePolicy"), "*core.PodFSGroupChangePolicy")),
        F(
            "Sysctls",
            "sysctls",
            T::Slice(&T::Struct(&S { name: "core.Sysctl", fields: &[F("Name", "name", STRING), F("Value", "value", STRING)] }), "[]core.Sysctl"),
        ),
        F("SeccompProfile", "seccompProfile", SECCOMP),
        F("AppArmorProfile", "appArmorProfile", APPARMOR),
        F("SELinuxChangePolicy", "seLinuxChangePolicy", T::Ptr(&T::Str("core.PodSELinuxChangePolicy"), "*core.PodSELinuxChangePolicy")),
    ],
};

static EXEC: T = T::Ptr(&T::Struct(&S { name: "core.ExecAction", fields: &[F("Command", "command", STRINGS)] }), "*core.ExecAction");
static HTTP_GET: T = T::Ptr(
    &T::Struct(&S {
        name: "core.HTTPGetAction",
        fields: &[
            F("Path", "path", STRING),
            F("Port", "port", T::IntOrString),
            F("Host", "host", STRING),
            F("Scheme", "scheme", T::Str("core.URIScheme")),
            F(
                "HTTPHeaders",
                "httpHeaders",
                T::Slice(&T::Struct(&S { name: "core.HTTPHeader", fields: &[F("Name", "name", STRING), F("Value", "value", STRING)] }), "[]core.HTTPHeader"),
            ),
        ],
    }),
    "*core.HTTPGetAction",
);
static TCP_SOCKET: T = T::Ptr(
    &T::Struct(&S { name: "core.TCPSocketAction", fields: &[F("Port", "port", T::IntOrString), F("Host", "host", STRING)] }),
    "*core.TCPSocketAction",
);
static PROBE: T = T::Ptr(
    &T::Struct(&S {
        name: "core.Probe",
        fields: &[
            F(
                "ProbeHandler",
                "",
                T::Struct(&S {
                    name: "core.ProbeHandler",
                    fields: &[
                        F("Exec", "exec", EXEC),
                        F("HTTPGet", "httpGet", HTTP_GET),
                        F("TCPSocket", "tcpSocket", TCP_SOCKET),
                        F(
                            "GRPC",
                            "grpc",
                            T::Ptr(
                                &T::Struct(&S { name: "core.GRPCAction", fields: &[F("Port", "port", INT32), F("Service", "service", PTR_STRING)] }),
                                "*core.GRPCAction",
                            ),
                        ),
                    ],
                }),
            ),
            F("InitialDelaySeconds", "initialDelaySeconds", INT32),
            F("TimeoutSeconds", "timeoutSeconds", INT32),
            F("PeriodSeconds", "periodSeconds", INT32),
            F("SuccessThreshold", "successThreshold", INT32),
            F("FailureThreshold", "failureThreshold", INT32),
            F("TerminationGracePeriodSeconds", "terminationGracePeriodSeconds", PTR_INT64),
        ],
    }),
    "*core.Probe",
);
static LIFECYCLE_HANDLER: T = T::Ptr(
    &T::Struct(&S {
        name: "core.LifecycleHandler",
        fields: &[
            F("Exec", "exec", EXEC),
            F("HTTPGet", "httpGet", HTTP_GET),
            F("TCPSocket", "tcpSocket", TCP_SOCKET),
            F(
                "Sleep",
                "sleep",
                T::Ptr(&T::Struct(&S { name: "core.SleepAction", fields: &[F("Seconds", "seconds", INT64)] }), "*core.SleepAction"),
            ),
        ],
    }),
    "*core.LifecycleHandler",
);
static RESOURCES: S = S {
    name: "core.ResourceRequirements",
    fields: &[
        F("Limits", "limits", T::ResourceList),
        F("Requests", "requests", T::ResourceList),
        F(
            "Claims",
            "claims",
            T::Slice(&T::Struct(&S { name: "core.ResourceClaim", fields: &[F("Name", "name", STRING), F("Request", "request", STRING)] }), "[]core.ResourceClaim"),
        ),
    ],
};
const ENV_SOURCE_OPTIONAL: [F; 2] = [EMBEDDED_REF, F("Optional", "optional", PTR_BOOL)];
const KEY_SELECTOR_FIELDS: [F; 3] = [EMBEDDED_REF, F("Key", "key", STRING), F("Optional", "optional", PTR_BOOL)];

static CONTAINER: S = S {
    name: "core.Container",
    fields: &[
        F("Name", "name", STRING),
        F("Image", "image", STRING),
        F("Command", "command", STRINGS),
        F("Args", "args", STRINGS),
        F("WorkingDir", "workingDir", STRING),
        F(
            "Ports",
            "ports",
            T::Slice(
                &T::Struct(&S {
                    name: "core.ContainerPort",
                    fields: &[
                        F("Name", "name", STRING),
                        F("HostPort", "hostPort", INT32),
                        F("ContainerPort", "containerPort", INT32),
                        F("Protocol", "protocol", T::Str("core.Protocol")),
                        F("HostIP", "hostIP", STRING),
                    ],
                }),
                "[]core.ContainerPort",
            ),
        ),
        F(
            "EnvFrom",
            "envFrom",
            T::Slice(
                &T::Struct(&S {
                    name: "core.EnvFromSource",
                    fields: &[
                        F("Prefix", "prefix", STRING),
                        F(
                            "ConfigMapRef",
                            "configMapRef",
                            T::Ptr(&T::Struct(&S { name: "core.ConfigMapEnvSource", fields: &ENV_SOURCE_OPTIONAL }), "*core.ConfigMapEnvSource"),
                        ),
                        F(
                            "SecretRef",
                            "secretRef",
                            T::Ptr(&T::Struct(&S { name: "core.SecretEnvSource", fields: &ENV_SOURCE_OPTIONAL }), "*core.SecretEnvSource"),
                        ),
                    ],
                }),
                "[]core.EnvFromSource",
            ),
        ),
        F(
            "Env",
            "env",
            T::Slice(
                &T::Struct(&S {
                    name: "core.EnvVar",
                    fields: &[
                        F("Name", "name", STRING),
                        F("Value", "value", STRING),
                        F(
                            "ValueFrom",
                            "valueFrom",
                            T::Ptr(
                                &T::Struct(&S {
                                    name: "core.EnvVarSource",
                                    fields: &[
                                        F("FieldRef", "fieldRef", T::Ptr(&T::Struct(&OBJECT_FIELD_SELECTOR), "*core.ObjectFieldSelector")),
                                        F(
                                            "ResourceFieldRef",
                                            "resourceFieldRef",
                                            T::Ptr(&T::Struct(&RESOURCE_FIELD_SELECTOR), "*core.ResourceFieldSelector"),
                                        ),
                                        F(
                                            "ConfigMapKeyRef",
                                            "configMapKeyRef",
                                            T::Ptr(&T::Struct(&S { name: "core.ConfigMapKeySelector", fields: &KEY_SELECTOR_FIELDS }), "*core.ConfigMapKeySelector"),
                                        ),
                                        F(
                                            "SecretKeyRef",
                                            "secretKeyRef",
                                            T::Ptr(&T::Struct(&S { name: "core.SecretKeySelector", fields: &KEY_SELECTOR_FIELDS }), "*core.SecretKeySelector"),
                                        ),
                                        F(
                                            "FileKeyRef",
                                            "fileKeyRef",
                                            T::Ptr(
                                                &T::Struct(&S {
                                                    name: "core.FileKeySelector",
                                                    fields: &[
                                                        F("VolumeName", "volumeName", STRING),
                                                        F("Path", "path", STRING),
                                                        F("Key", "key", STRING),
                                                        F("Optional", "optional", PTR_BOOL),
                                                    ],
                                                }),
                                                "*core.FileKeySelector",
                                            ),
                                        ),
                                    ],
                                }),
                                "*core.EnvVarSource",
                            ),
                        ),
                    ],
                }),
                "[]core.EnvVar",
            ),
        ),
        F("Resources", "resources", T::Struct(&RESOURCES)),
        F(
            "ResizePolicy",
            "resizePolicy",
            T::Slice(
                &T::Struct(&S {
                    name: "core.ContainerResizePolicy",
                    fields: &[F("ResourceName", "resourceName", T::ResourceName), F("RestartPolicy", "restartPolicy", T::Str("core.ResourceResizeRestartPolicy"))],
                }),
                "[]core.ContainerResizePolicy",
            ),
        ),
        F("RestartPolicy", "restartPolicy", T::Ptr(&T::Str("core.ContainerRestartPolicy"), "*core.ContainerRestartPolicy")),
        F("RestartPolicyRules", "restartPolicyRules", T::Slice(&T::Opaque("core.ContainerRestartRule"), "[]core.ContainerRestartRule")),
        F(
            "VolumeMounts",
            "volumeMounts",
            T::Slice(
                &T::Struct(&S {
                    name: "core.VolumeMount",
                    fields: &[
                        F("Name", "name", STRING),
                        F("ReadOnly", "readOnly", T::Bool),
                        F("RecursiveReadOnly", "recursiveReadOnly", T::Ptr(&T::Str("core.RecursiveReadOnlyMode"), "*core.RecursiveReadOnlyMode")),
                        F("MountPath", "mountPath", STRING),
                        F("SubPath", "subPath", STRING),
                        F("MountPropagation", "mountPropagation", T::Ptr(&T::Str("core.MountPropagationMode"), "*core.MountPropagationMode")),
                        F("SubPathExpr", "subPathExpr", STRING),
                    ],
                }),
                "[]core.VolumeMount",
            ),
        ),
        F(
            "VolumeDevices",
            "volumeDevices",
            T::Slice(
                &T::Struct(&S { name: "core.VolumeDevice", fields: &[F("Name", "name", STRING), F("DevicePath", "devicePath", STRING)] }),
                "[]core.VolumeDevice",
            ),
        ),
        F("LivenessProbe", "livenessProbe", PROBE),
        F("ReadinessProbe", "readinessProbe", PROBE),
        F("StartupProbe", "startupProbe", PROBE),
        F(
            "Lifecycle",
            "lifecycle",
            T::Ptr(
                &T::Struct(&S {
                    name: "core.Lifecycle",
                    fields: &[
                        F("PostStart", "postStart", LIFECYCLE_HANDLER),
                        F("PreStop", "preStop", LIFECYCLE_HANDLER),
                        F("StopSignal", "stopSignal", T::Ptr(&T::Str("core.Signal"), "*core.Signal")),
                    ],
                }),
                "*core.Lifecycle",
            ),
        ),
        F("TerminationMessagePath", "terminationMessagePath", STRING),
        F("TerminationMessagePolicy", "terminationMessagePolicy", T::Str("core.TerminationMessagePolicy")),
        F("ImagePullPolicy", "imagePullPolicy", T::Str("core.PullPolicy")),
        F(
            "SecurityContext",
            "securityContext",
            T::Ptr(
                &T::Struct(&S {
                    name: "core.SecurityContext",
                    fields: &[
                        F(
                            "Capabilities",
                            "capabilities",
                            T::Ptr(
                                &T::Struct(&S {
                                    name: "core.Capabilities",
                                    fields: &[
                                        F("Add", "add", T::Slice(&T::Str("core.Capability"), "[]core.Capability")),
                                        F("Drop", "drop", T::Slice(&T::Str("core.Capability"), "[]core.Capability")),
                                    ],
                                }),
                                "*core.Capabilities",
                            ),
                        ),
                        F("Privileged", "privileged", PTR_BOOL),
                        F("SELinuxOptions", "seLinuxOptions", SELINUX),
                        F("WindowsOptions", "windowsOptions", WINDOWS),
                        F("RunAsUser", "runAsUser", PTR_INT64),
                        F("RunAsGroup", "runAsGroup", PTR_INT64),
                        F("RunAsNonRoot", "runAsNonRoot", PTR_BOOL),
                        F("ReadOnlyRootFilesystem", "readOnlyRootFilesystem", PTR_BOOL),
                        F("AllowPrivilegeEscalation", "allowPrivilegeEscalation", PTR_BOOL),
                        F("ProcMount", "procMount", T::Ptr(&T::Str("core.ProcMountType"), "*core.ProcMountType")),
                        F("SeccompProfile", "seccompProfile", SECCOMP),
                        F("AppArmorProfile", "appArmorProfile", APPARMOR),
                    ],
                }),
                "*core.SecurityContext",
            ),
        ),
        F("Stdin", "stdin", T::Bool),
        F("StdinOnce", "stdinOnce", T::Bool),
        F("TTY", "tty", T::Bool),
    ],
};
static CONTAINERS: T = T::Slice(&T::Struct(&CONTAINER), "[]core.Container");

static LABEL_SELECTOR: T = T::Ptr(
    &T::Struct(&S {
        name: "v1.LabelSelector",
        fields: &[
            F("MatchLabels", "matchLabels", T::StrMap),
            F(
                "MatchExpressions",
                "matchExpressions",
                T::Slice(
                    &T::Struct(&S {
                        name: "v1.LabelSelectorRequirement",
                        fields: &[F("Key", "key", STRING), F("Operator", "operator", T::Str("v1.LabelSelectorOperator")), F("Values", "values", STRINGS)],
                    }),
                    "[]v1.LabelSelectorRequirement",
                ),
            ),
        ],
    }),
    "*v1.LabelSelector",
);
static NODE_SELECTOR_REQUIREMENTS: T = T::Slice(
    &T::Struct(&S {
        name: "core.NodeSelectorRequirement",
        fields: &[F("Key", "key", STRING), F("Operator", "operator", T::Str("core.NodeSelectorOperator")), F("Values", "values", STRINGS)],
    }),
    "[]core.NodeSelectorRequirement",
);
static NODE_SELECTOR_TERM: S = S {
    name: "core.NodeSelectorTerm",
    fields: &[F("MatchExpressions", "matchExpressions", NODE_SELECTOR_REQUIREMENTS), F("MatchFields", "matchFields", NODE_SELECTOR_REQUIREMENTS)],
};
static POD_AFFINITY_TERM: S = S {
    name: "core.PodAffinityTerm",
    fields: &[
        F("LabelSelector", "labelSelector", LABEL_SELECTOR),
        F("Namespaces", "namespaces", STRINGS),
        F("TopologyKey", "topologyKey", STRING),
        F("NamespaceSelector", "namespaceSelector", LABEL_SELECTOR),
        F("MatchLabelKeys", "matchLabelKeys", STRINGS),
        F("MismatchLabelKeys", "mismatchLabelKeys", STRINGS),
    ],
};
/// PodAffinity and PodAntiAffinity have the same fields.
const POD_AFFINITY_FIELDS: [F; 2] = [
    F("RequiredDuringSchedulingIgnoredDuringExecution", "requiredDuringSchedulingIgnoredDuringExecution", T::Slice(&T::Struct(&POD_AFFINITY_TERM), "[]core.PodAffinityTerm")),
    F(
        "PreferredDuringSchedulingIgnoredDuringExecution",
        "preferredDuringSchedulingIgnoredDuringExecution",
        T::Slice(
            &T::Struct(&S {
                name: "core.WeightedPodAffinityTerm",
                fields: &[F("Weight", "weight", INT32), F("PodAffinityTerm", "podAffinityTerm", T::Struct(&POD_AFFINITY_TERM))],
            }),
            "[]core.WeightedPodAffinityTerm",
        ),
    ),
];
static AFFINITY: T = T::Ptr(
    &T::Struct(&S {
        name: "core.Affinity",
        fields: &[
            F(
                "NodeAffinity",
                "nodeAffinity",
                T::Ptr(
                    &T::Struct(&S {
                        name: "core.NodeAffinity",
                        fields: &[
                            F(
                                "RequiredDuringSchedulingIgnoredDuringExecution",
                                "requiredDuringSchedulingIgnoredDuringExecution",
                                T::Ptr(
                                    &T::Struct(&S {
                                        name: "core.NodeSelector",
                                        fields: &[F("NodeSelectorTerms", "nodeSelectorTerms", T::Slice(&T::Struct(&NODE_SELECTOR_TERM), "[]core.NodeSelectorTerm"))],
                                    }),
                                    "*core.NodeSelector",
                                ),
                            ),
                            F(
                                "PreferredDuringSchedulingIgnoredDuringExecution",
                                "preferredDuringSchedulingIgnoredDuringExecution",
                                T::Slice(
                                    &T::Struct(&S {
                                        name: "core.PreferredSchedulingTerm",
                                        fields: &[F("Weight", "weight", INT32), F("Preference", "preference", T::Struct(&NODE_SELECTOR_TERM))],
                                    }),
                                    "[]core.PreferredSchedulingTerm",
                                ),
                            ),
                        ],
                    }),
                    "*core.NodeAffinity",
                ),
            ),
            F("PodAffinity", "podAffinity", T::Ptr(&T::Struct(&S { name: "core.PodAffinity", fields: &POD_AFFINITY_FIELDS }), "*core.PodAffinity")),
            F(
                "PodAntiAffinity",
                "podAntiAffinity",
                T::Ptr(&T::Struct(&S { name: "core.PodAntiAffinity", fields: &POD_AFFINITY_FIELDS }), "*core.PodAntiAffinity"),
            ),
        ],
    }),
    "*core.Affinity",
);
static TOPOLOGY_SPREAD_CONSTRAINT: S = S {
    name: "core.TopologySpreadConstraint",
    fields: &[
        F("MaxSkew", "maxSkew", INT32),
        F("TopologyKey", "topologyKey", STRING),
        F("WhenUnsatisfiable", "whenUnsatisfiable", T::Str("core.UnsatisfiableConstraintAction")),
        F("LabelSelector", "labelSelector", LABEL_SELECTOR),
        F("MinDomains", "minDomains", PTR_INT32),
        F("NodeAffinityPolicy", "nodeAffinityPolicy", T::Ptr(&T::Str("core.NodeInclusionPolicy"), "*core.NodeInclusionPolicy")),
        F("NodeTaintsPolicy", "nodeTaintsPolicy", T::Ptr(&T::Str("core.NodeInclusionPolicy"), "*core.NodeInclusionPolicy")),
        F("MatchLabelKeys", "matchLabelKeys", STRINGS),
    ],
};

static POD_SPEC: S = S {
    name: "core.PodSpec",
    fields: &[
        F("Volumes", "volumes", T::Slice(&T::Struct(&VOLUME), "[]core.Volume")),
        F("InitContainers", "initContainers", CONTAINERS),
        F("Containers", "containers", CONTAINERS),
        F("EphemeralContainers", "ephemeralContainers", T::Slice(&T::Opaque("core.EphemeralContainer"), "[]core.EphemeralContainer")),
        F("RestartPolicy", "restartPolicy", T::Str("core.RestartPolicy")),
        F("TerminationGracePeriodSeconds", "terminationGracePeriodSeconds", PTR_INT64),
        F("ActiveDeadlineSeconds", "activeDeadlineSeconds", PTR_INT64),
        F("DNSPolicy", "dnsPolicy", T::Str("core.DNSPolicy")),
        F("NodeSelector", "nodeSelector", T::StrMap),
        F("ServiceAccountName", "serviceAccountName", STRING),
        F("AutomountServiceAccountToken", "automountServiceAccountToken", PTR_BOOL),
        F("NodeName", "nodeName", STRING),
        F("SecurityContext", "securityContext", T::Ptr(&T::Struct(&POD_SECURITY_CONTEXT), "*core.PodSecurityContext")),
        F("ImagePullSecrets", "imagePullSecrets", T::Slice(&T::Struct(&LOCAL_OBJECT_REFERENCE), "[]core.LocalObjectReference")),
        F("Hostname", "hostname", STRING),
        F("Subdomain", "subdomain", STRING),
        F("SetHostnameAsFQDN", "setHostnameAsFQDN", PTR_BOOL),
        F("Affinity", "affinity", AFFINITY),
        F("SchedulerName", "schedulerName", STRING),
        F(
            "Tolerations",
            "tolerations",
            T::Slice(
                &T::Struct(&S {
                    name: "core.Toleration",
                    fields: &[
                        F("Key", "key", STRING),
                        F("Operator", "operator", T::Str("core.TolerationOperator")),
                        F("Value", "value", STRING),
                        F("Effect", "effect", T::Str("core.TaintEffect")),
                        F("TolerationSeconds", "tolerationSeconds", PTR_INT64),
                    ],
                }),
                "[]core.Toleration",
            ),
        ),
        F(
            "HostAliases",
            "hostAliases",
            T::Slice(&T::Struct(&S { name: "core.HostAlias", fields: &[F("IP", "ip", STRING), F("Hostnames", "hostnames", STRINGS)] }), "[]core.HostAlias"),
        ),
        F("PriorityClassName", "priorityClassName", STRING),
        F("Priority", "priority", PTR_INT32),
        F("PreemptionPolicy", "preemptionPolicy", T::Ptr(&T::Str("core.PreemptionPolicy"), "*core.PreemptionPolicy")),
        F(
            "DNSConfig",
            "dnsConfig",
            T::Ptr(
                &T::Struct(&S {
                    name: "core.PodDNSConfig",
                    fields: &[
                        F("Nameservers", "nameservers", STRINGS),
                        F("Searches", "searches", STRINGS),
                        F(
                            "Options",
                            "options",
                            T::Slice(
                                &T::Struct(&S { name: "core.PodDNSConfigOption", fields: &[F("Name", "name", STRING), F("Value", "value", PTR_STRING)] }),
                                "[]core.PodDNSConfigOption",
                            ),
                        ),
                    ],
                }),
                "*core.PodDNSConfig",
            ),
        ),
        F(
            "ReadinessGates",
            "readinessGates",
            T::Slice(
                &T::Struct(&S { name: "core.PodReadinessGate", fields: &[F("ConditionType", "conditionType", T::Str("core.PodConditionType"))] }),
                "[]core.PodReadinessGate",
            ),
        ),
        F("RuntimeClassName", "runtimeClassName", PTR_STRING),
        F("Overhead", "overhead", T::ResourceList),
        F("EnableServiceLinks", "enableServiceLinks", PTR_BOOL),
        F("TopologySpreadConstraints", "topologySpreadConstraints", T::Slice(&T::Struct(&TOPOLOGY_SPREAD_CONSTRAINT), "[]core.TopologySpreadConstraint")),
        F("OS", "os", T::Ptr(&T::Struct(&S { name: "core.PodOS", fields: &[F("Name", "name", T::Str("core.OSName"))] }), "*core.PodOS")),
        F(
            "SchedulingGates",
            "schedulingGates",
            T::Slice(&T::Struct(&S { name: "core.PodSchedulingGate", fields: &[F("Name", "name", STRING)] }), "[]core.PodSchedulingGate"),
        ),
        F(
            "ResourceClaims",
            "resourceClaims",
            T::Slice(
                &T::Struct(&S {
                    name: "core.PodResourceClaim",
                    fields: &[
                        F("Name", "name", STRING),
                        F("ResourceClaimName", "resourceClaimName", PTR_STRING),
                        F("ResourceClaimTemplateName", "resourceClaimTemplateName", PTR_STRING),
                    ],
                }),
                "[]core.PodResourceClaim",
            ),
        ),
        F("Resources", "resources", T::Ptr(&T::Struct(&RESOURCES), "*core.ResourceRequirements")),
        F("HostnameOverride", "hostnameOverride", PTR_STRING),
        F("SchedulingGroup", "schedulingGroup", T::Ptr(&T::Opaque("core.PodSchedulingGroup"), "*core.PodSchedulingGroup")),
        F("EvictionResponders", "evictionResponders", T::Slice(&T::Opaque("core.EvictionResponder"), "[]core.EvictionResponder")),
    ],
};

/// Which side of the update a value is read from: quantities of the stored object come back from
/// storage in their canonical form (`Quantity.String()`, then `ParseQuantity`); the update's are
/// parsed as sent.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Stored,
    Sent,
}

/// A pod's v1 `spec` as the internal `core.PodSpec`.
fn pod_spec(spec: &Node, side: Side) -> GoValue {
    // conversion moves the host namespace fields into the (always present) security context
    let mut spec = spec.clone();
    let mut sc = spec.get("securityContext").filter(|n| n.as_map().is_some()).cloned().unwrap_or_else(|| Node::new(Value::Map(Vec::new()), spec.span));
    for key in ["hostNetwork", "hostPID", "hostIPC", "shareProcessNamespace", "hostUsers"] {
        match spec.get(key).cloned() {
            Some(v) => sc.set(key, v),
            None => {
                if let Some(m) = sc.as_map_mut() {
                    m.retain(|e| e.key != key);
                }
            }
        }
    }
    spec.set("securityContext", sc);
    convert(&T::Struct(&POD_SPEC), Some(&spec), side)
}

fn present(n: Option<&Node>) -> Option<&Node> {
    n.filter(|n| !n.is_null())
}

fn text_of(n: Option<&Node>) -> String {
    match present(n).map(|n| &n.value) {
        Some(Value::Str(s)) => s.clone(),
        Some(Value::Int(i)) => i.to_string(),
        Some(Value::Uint(u)) => u.to_string(),
        Some(Value::Float(f)) => f.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

fn convert(t: &T, n: Option<&Node>, side: Side) -> GoValue {
    match t {
        T::Str(name) => {
            let ty = if *name == "string" { GoType::unnamed("string") } else { GoType::named(name) };
            GoValue::new(ty, Kind::Str(text_of(n)))
        }
        T::ResourceName => GoValue::new(GoType::stringer("core.ResourceName"), Kind::Str(text_of(n))),
        T::Int(name) => GoValue::int(name, present(n).and_then(Node::as_i64).unwrap_or(0)),
        T::Bool => GoValue::boolean(present(n).and_then(Node::as_bool).unwrap_or(false)),
        T::Struct(s) => {
            let fields = s
                .fields
                .iter()
                .map(|F(go, json, ft)| {
                    let child = if json.is_empty() { n } else { present(n).and_then(|n| n.get(json)) };
                    (go.to_string(), convert(ft, child, side))
                })
                .collect();
            GoValue::new(GoType::named(s.name), Kind::Struct(fields))
        }
        T::Slice(elem, name) => {
            let items = present(n).and_then(Node::as_seq).filter(|s| !s.is_empty()).map(|s| s.iter().map(|i| convert(elem, Some(i), side)).collect());
            GoValue::new(GoType::unnamed(name), Kind::Slice(items, elem_type(elem)))
        }
        T::Ptr(target, name) => {
            let to = present(n).map(|n| Box::new(convert(target, Some(n), side)));
            GoValue::new(GoType::unnamed(name), Kind::Ptr(to))
        }
        T::StrMap => GoValue::new(GoType::unnamed("map[string]string"), Kind::Map(map_of(n, GoValue::string, |v| GoValue::string(&text_of(Some(v)))))),
        T::ResourceList => GoValue::new(
            GoType::named("core.ResourceList"),
            Kind::Map(map_of(n, |k| GoValue::new(GoType::stringer("core.ResourceName"), Kind::Str(k.to_string())), |v| quantity(v, side))),
        ),
        T::Quantity => match present(n) {
            Some(v) => quantity(v, side),
            None => quantity_value("0", 0, 0, "", ""),
        },
        T::IntOrString => {
            let (ty, i, s) = match present(n).map(|n| &n.value) {
                Some(Value::Str(s)) => (1, 0, s.clone()),
                Some(Value::Int(i)) => (0, *i, String::new()),
                _ => (0, 0, String::new()),
            };
            GoValue::new(
                GoType::named("intstr.IntOrString"),
                Kind::Struct(vec![
                    ("Type".into(), GoValue::new(GoType::named("intstr.Type"), Kind::Int(ty))),
                    ("IntVal".into(), GoValue::int("int32", i)),
                    ("StrVal".into(), GoValue::string(&s)),
                ]),
            )
        }
        T::Opaque(name) => opaque(name, n),
    }
}

fn elem_type(t: &T) -> GoType {
    match t {
        T::Str(name) if *name != "string" => GoType::named(name),
        T::Str(name) | T::Int(name) => GoType::unnamed(name),
        T::Bool => GoType::unnamed("bool"),
        T::Struct(s) => GoType::named(s.name),
        T::Opaque(name) => approximate(GoType::named(name)),
        _ => GoType::unnamed("?"),
    }
}

fn map_of(n: Option<&Node>, key: impl Fn(&str) -> GoValue, value: impl Fn(&Node) -> GoValue) -> Option<Vec<(GoValue, GoValue)>> {
    let entries = present(n)?.as_map().filter(|m| !m.is_empty())?;
    let mut out: Vec<(GoValue, GoValue)> = entries.iter().map(|e| (key(&e.key), value(&e.value))).collect();
    out.sort_by(|a, b| super::map_key_order(&a.0, &b.0));
    Some(out)
}

fn approximate(mut ty: GoType) -> GoType {
    ty.approximate = true;
    ty
}

/// A value of a type this port does not model field by field, from the object's own keys.
fn opaque(name: &str, n: Option<&Node>) -> GoValue {
    let ty = approximate(GoType::named(name));
    match present(n).map(|n| &n.value) {
        Some(Value::Map(entries)) => GoValue::new(
            ty,
            Kind::Struct(
                entries
                    .iter()
                    .map(|e| {
                        let field = go_field_name(&e.key);
                        let child = opaque(&format!("core.{field}"), Some(&e.value));
                        (field, child)
                    })
                    .collect(),
            ),
        ),
        Some(Value::Seq(items)) => {
            let elem = approximate(GoType::named(name.trim_start_matches("[]")));
            let items: Vec<GoValue> = items.iter().map(|i| opaque(&elem.name, Some(i))).collect();
            GoValue::new(approximate(GoType::unnamed(&format!("[]{}", elem.name))), Kind::Slice(Some(items).filter(|i| !i.is_empty()), elem))
        }
        Some(Value::Bool(b)) => GoValue::new(approximate(GoType::unnamed("bool")), Kind::Bool(*b)),
        Some(Value::Int(i)) => GoValue::new(approximate(GoType::unnamed("int64")), Kind::Int(*i)),
        Some(_) => GoValue::new(approximate(GoType::unnamed("string")), Kind::Str(text_of(n))),
        None => GoValue::new(ty, Kind::Struct(Vec::new())),
    }
}

fn go_field_name(json: &str) -> String {
    let mut c = json.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A `resource.Quantity` as `ParseQuantity` leaves it, compared by value (`Quantity.Equal`).
fn quantity(n: &Node, side: Side) -> GoValue {
    let sent = crate::quantity::node_text(n).unwrap_or_default();
    let parsed = crate::quantity::parse(&sent);
    let text = match (&parsed, side) {
        (Ok(q), Side::Stored) => q.canonical(),
        _ => sent.trim().to_string(),
    };
    let key = parsed.map(|q| q.nanos().to_string()).unwrap_or_else(|_| text.clone());
    let (value, scale, cached, format) = go_parse_quantity(&text);
    quantity_value(&key, value, scale, if cached { &text } else { "" }, format)
}

fn quantity_value(key: &str, value: i64, scale: i32, s: &str, format: &str) -> GoValue {
    let shown = GoValue::new(
        GoType::named("resource.Quantity"),
        Kind::Struct(vec![
            (
                "i".into(),
                GoValue::new(
                    GoType::named("resource.int64Amount"),
                    Kind::Struct(vec![
                        ("value".into(), GoValue::int("int64", value)),
                        ("scale".into(), GoValue::new(GoType::named("resource.Scale"), Kind::Int(i64::from(scale)))),
                    ]),
                ),
            ),
            (
                "d".into(),
                GoValue::new(
                    GoType::named("resource.infDecAmount"),
                    Kind::Struct(vec![("Dec".into(), GoValue::new(GoType::unnamed("*inf.Dec"), Kind::Ptr(None)))]),
                ),
            ),
            ("s".into(), GoValue::string(s)),
            ("Format".into(), GoValue::new(GoType::named("resource.Format"), Kind::Str(format.to_string()))),
        ]),
    );
    GoValue::new(GoType::named("resource.Quantity"), Kind::Equal { key: key.to_string(), shown: Box::new(shown) })
}

/// What `ParseQuantity` keeps of `text`: (value, scale, whether the text is cached, format). The
/// slow path (inf.Dec) is shown as the fast path would hold the value.
fn go_parse_quantity(text: &str) -> (i64, i32, bool, &'static str) {
    if let Some(a) = crate::quantity::int64_amount(text) {
        return (a.value, a.scale, a.cached, a.format.go_name());
    }
    let parsed = crate::quantity::parse(text);
    let format = parsed.map(|q| q.format().go_name()).unwrap_or("DecimalSI");
    let (mut v, mut scale) = (parsed.map(|q| q.nanos()).unwrap_or(0), -9);
    while v != 0 && v % 10 == 0 && scale < 0 {
        v /= 10;
        scale += 1;
    }
    (i64::try_from(v).unwrap_or(i64::MAX), scale, false, format)
}

/// A refused pod update.
pub struct Refusal {
    /// The field error as the API server words it (the cause kubectl prints after
    /// `The Pod "x" is invalid: `); a diff ends in a line break, as go-cmp's does.
    pub cause: String,
    /// The Go fields whose lines in the diff are approximated (types not modelled field by field).
    pub approximate: Vec<String>,
}

/// validation.go `ValidatePodUpdate`'s refusal of an update of a pod's spec from `old` to `new`
/// (both `spec` objects as stored, after defaulting), or `None` when the specs are equal once
/// the updatable fields are taken from `old`.
pub fn pod_update_forbidden(old: &Node, new: &Node) -> Option<Refusal> {
    for (list, field) in [("containers", "spec.containers"), ("initContainers", "spec.initContainers")] {
        if old.seq(list).len() != new.seq(list).len() {
            let cause = format!("{field}: Forbidden: pod updates may not add or remove containers");
            return Some(Refusal { cause, approximate: Vec::new() });
        }
    }
    // the updatable fields are taken from the old spec before comparing (mungedPodSpec)
    let mut munged = new.clone();
    for list in ["containers", "initContainers"] {
        let images: Vec<Option<Node>> = old.seq(list).iter().map(|c| c.get("image").cloned()).collect();
        if let Some(items) = munged.get_mut(list).and_then(Node::as_seq_mut) {
            for (c, image) in items.iter_mut().zip(images) {
                match image {
                    Some(i) => c.set("image", i),
                    None => {
                        if let Some(m) = c.as_map_mut() {
                            m.retain(|e| e.key != "image");
                        }
                    }
                }
            }
        }
    }
    let tgps_relaxed = old.get("terminationGracePeriodSeconds").and_then(Node::as_i64).is_some_and(|g| g < 0)
        && new.get("terminationGracePeriodSeconds").and_then(Node::as_i64) == Some(1);
    let mut take_old = vec!["activeDeadlineSeconds", "schedulingGates", "tolerations"];
    if tgps_relaxed {
        take_old.push("terminationGracePeriodSeconds");
    }
    for key in take_old {
        match old.get(key) {
            Some(v) => munged.set(key, v.clone()),
            None => {
                if let Some(m) = munged.as_map_mut() {
                    m.retain(|e| e.key != key);
                }
            }
        }
    }
    let (x, y) = (pod_spec(old, Side::Stored), pod_spec(&munged, Side::Sent));
    let diff = super::diff(&x, &y);
    if diff.is_empty() {
        return None;
    }
    let mut approximate = Vec::new();
    approximate_differences(&x, &y, "", &mut approximate);
    let cause = format!("spec: Forbidden: pod updates may not change fields other than {}\n{diff}", UPDATABLE_POD_SPEC_FIELDS.join(","));
    Some(Refusal { cause, approximate })
}

/// The Go field paths where the two values differ inside a type that is not modelled field by
/// field.
fn approximate_differences(a: &GoValue, b: &GoValue, path: &str, out: &mut Vec<String>) {
    if a == b {
        return;
    }
    let approx = |v: &GoValue| match &v.kind {
        Kind::Ptr(Some(t)) => t.ty.approximate,
        Kind::Slice(_, elem) => elem.approximate,
        _ => v.ty.approximate,
    };
    if approx(a) || approx(b) {
        if !out.iter().any(|p| p == path) {
            out.push(path.to_string());
        }
        return;
    }
    match (&a.kind, &b.kind) {
        (Kind::Struct(fa), Kind::Struct(fb)) => {
            for ((name, x), (_, y)) in fa.iter().zip(fb) {
                let p = if path.is_empty() { name.clone() } else { format!("{path}.{name}") };
                approximate_differences(x, y, &p, out);
            }
        }
        (Kind::Slice(Some(xa), _), Kind::Slice(Some(xb), _)) => {
            for (x, y) in xa.iter().zip(xb) {
                approximate_differences(x, y, path, out);
            }
        }
        (Kind::Ptr(Some(x)), Kind::Ptr(Some(y))) => approximate_differences(x, y, path, out),
        _ => {}
    }
}

/// validation.go `updatablePodSpecFields`.
pub const UPDATABLE_POD_SPEC_FIELDS: [&str; 5] = [
    "`spec.containers[*].image`",
    "`spec.initContainers[*].image`",
    "`spec.activeDeadlineSeconds`",
    "`spec.tolerations` (only additions to existing tolerations)",
    "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
];

#[cfg(test)]
pub(super) fn spec_for_test(spec: &Node, stored: bool) -> GoValue {
    pod_spec(spec, if stored { Side::Stored } else { Side::Sent })
}
