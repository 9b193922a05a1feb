//! Containers, init containers (incl. native sidecars) and ephemeral containers: everything under
//! `validateContainers`, `validateInitContainers` and `validateContainerCommon` in validation.go.

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, FieldPath};
use crate::tree::Node;

/// What container validation needs to know about the pod around it (computed by `pod`).
pub struct PodContext<'a> {
    /// The whole pod object.
    pub pod: &'a Node,
    /// `spec.volumes` by name (the ones that validated), for volumeMounts/volumeDevices.
    pub volumes: BTreeMap<&'a str, &'a Node>,
    /// `spec.restartPolicy` after defaulting.
    pub restart_policy: &'a str,
    pub host_network: bool,
    pub share_process_namespace: bool,
    /// `spec.os.name == "windows"`.
    pub os_windows: bool,
}

/// `validateInitContainers` for `spec.initContainers` (`path` is `spec.initContainers`).
/// `other_names` are the names of the regular containers (names must be unique across both lists).
pub fn validate_init_containers(
    list: &[Node],
    other_names: &[&str],
    path: &FieldPath,
    ctx: &PodContext,
    errs: &mut Vec<Diagnostic>,
) {
    let _ = (list, other_names, path, ctx, errs);
}

/// `validateContainers` for `spec.containers` (`path` is `spec.containers`).
pub fn validate_containers(
    list: &[Node],
    path: &FieldPath,
    ctx: &PodContext,
    errs: &mut Vec<Diagnostic>,
) {
    let _ = (list, path, ctx, errs);
}
