//! Volume mounts and devices: `ValidateVolumeMounts`, `ValidateVolumeDevices`,
//! `validateLocalDescendingPath`, `validateMountPropagation`, `validateMountRecursiveReadOnly`.
//!
//! Go reports `subPath`, `subPathExpr`, `mountPropagation` and `recursiveReadOnly` problems at
//! `…volumeMounts.subPath` (the list's path, without the index); that is kept.

use super::container::{at, case_fix, help, str_of, PodContext};
use crate::diag::{Diagnostic, FieldPath};
use crate::rules;
use crate::tree::Node;

/// The help of a mount whose volume is not among the Pod's valid volumes (`own`: those the
/// manifest declares). A mount without a name is already reported as required: its help says
/// what to write there rather than naming an empty volume.
fn mount_not_found(d: Diagnostic, name: &str, own: &[&str]) -> Diagnostic {
    let (why_en, why_zh) = if name.is_empty() {
        (
            "The mount names no volume, so it matches none of the Pod's volumes. Volumes are declared once in `spec.volumes` and then mounted by name in each container that needs them.".to_string(),
            "这个挂载没有写卷名，所以对不上 Pod 的任何卷。卷要先在 `spec.volumes` 中声明，再在需要的容器里按名字挂载。".to_string(),
        )
    } else {
        (
            format!("The container mounts a volume named \"{name}\", but the Pod has no valid volume of that name. Volumes are declared once in `spec.volumes` and then mounted by name in each container that needs them."),
            format!("容器要挂载名为 \"{name}\" 的卷，但 Pod 中没有这个名字的有效卷。卷要先在 `spec.volumes` 中声明，再在需要的容器里按名字挂载。"),
        )
    };
    let list_en = own.join(", ");
    let list_zh = own.join("、");
    let (fix_en, fix_zh) = match (name.is_empty(), own.is_empty()) {
        (true, true) => (
            "Declare a volume under `spec.volumes`, e.g. `- name: data` with `emptyDir: {}` (indented at the level of `containers`), and write `name: data` in this mount.".to_string(),
            "在 `spec.volumes` 下声明一个卷，例如 `- name: data` 加 `emptyDir: {}`（与 `containers` 同级缩进），并在这个挂载里写 `name: data`。".to_string(),
        ),
        (true, false) => (
            format!("Write the name of one of the Pod's volumes ({list_en}) in this mount's `name`."),
            format!("在这个挂载的 `name` 里写上 Pod 某个卷的名字（{list_zh}）。"),
        ),
        (false, true) => (
            format!("Declare the volume under `spec.volumes`, e.g. `- name: {name}` with `emptyDir: {{}}` (indented at the level of `containers`, not inside the container)."),
            format!("在 `spec.volumes` 下声明这个卷，例如 `- name: {name}` 加 `emptyDir: {{}}`（与 `containers` 同级缩进，不要写在容器里面）。"),
        ),
        (false, false) => (
            format!("Use one of the Pod's volumes ({list_en}) or declare `{name}` under `spec.volumes`."),
            format!("改用 Pod 已有的卷（{list_zh}），或在 `spec.volumes` 下声明 `{name}`。"),
        ),
    };
    help(d, rules::VOLUME_MOUNT_NOT_FOUND, why_en, why_zh, fix_en, fix_zh)
}

/// `ValidateVolumeMounts` for one container (`path` is `…volumeMounts`).
pub(crate) fn validate_volume_mounts(
    ctr: &Node,
    path: &FieldPath,
    ctx: &PodContext,
    errs: &mut Vec<Diagnostic>,
) {
    let devices: Vec<(&str, &str)> = ctr
        .seq("volumeDevices")
        .iter()
        .map(|d| (str_of(d, "name"), str_of(d, "devicePath")))
        .collect();
    let mut mount_points: Vec<&str> = Vec::new();
    // The volumes the manifest declares: the ServiceAccount token volume that admission added
    // (`kube-api-access-…`, marked defaulted) is not one to suggest.
    let own_volumes: Vec<&str> = ctx
        .volumes
        .iter()
        .filter(|(_, v)| !v.defaulted)
        .map(|(k, _)| *k)
        .collect();
    for (i, mnt) in ctr.seq("volumeMounts").iter().enumerate() {
        let p = path.index(i);
        let name = str_of(mnt, "name");
        let mount_path = str_of(mnt, "mountPath");
        if name.is_empty() {
            let d = Diagnostic::required(p.child("name"), at(mnt, "name"), "");
            errs.push(help(
                d,
                rules::VOLUME_MOUNT_NAME_REQUIRED,
                "A volume mount says which of the Pod's volumes to mount, by `name`; this one has none.",
                "卷挂载要用 `name` 指明挂载 Pod 的哪个卷，这一项没有写。",
                "Add `name:` with the name of an entry under `spec.volumes`.",
                "加上 `name:`，填写 `spec.volumes` 中某个卷的名字。",
            ));
        }
        if !ctx.volumes.contains_key(name) {
            let d = Diagnostic::not_found(p.child("name"), at(mnt, "name"), name);
            errs.push(mount_not_found(d, name, &own_volumes));
        }
        if mount_path.is_empty() {
            let d = Diagnostic::required(p.child("mountPath"), at(mnt, "mountPath"), "");
            errs.push(help(
                d,
                rules::VOLUME_MOUNT_PATH_REQUIRED,
                "A volume mount needs `mountPath`: the directory inside the container where the volume appears.",
                "卷挂载需要 `mountPath`：卷在容器内出现的目录。",
                "Add e.g. `mountPath: /data`.",
                "加上例如 `mountPath: /data`。",
            ));
        }
        if mount_points.contains(&mount_path) {
            let d = Diagnostic::invalid(
                p.child("mountPath"),
                at(mnt, "mountPath"),
                mount_path,
                "must be unique",
            );
            errs.push(help(
                d,
                rules::VOLUME_MOUNT_PATH_DUPLICATE,
                format!("Two mounts of this container use the path {mount_path}; one directory can show only one volume."),
                format!("这个容器有两个挂载都用了路径 {mount_path}；一个目录只能显示一个卷。"),
                "Mount the second volume somewhere else, or use `subPath` to mount single files.",
                "把第二个卷挂到别的目录，或用 `subPath` 只挂载单个文件。",
            ));
        }
        mount_points.push(mount_path);
        if devices.iter().any(|(n, _)| *n == name) {
            let d = Diagnostic::invalid(
                p.child("name"),
                at(mnt, "name"),
                name,
                "must not already exist in volumeDevices",
            );
            errs.push(help(
                d,
                rules::VOLUME_MOUNT_IS_DEVICE,
                format!("Volume \"{name}\" is used both as a mounted filesystem and as a raw block device in this container; it can be only one."),
                format!("卷 \"{name}\" 在这个容器里既被挂载为文件系统又被用作块设备，只能二选一。"),
                "Remove it from `volumeMounts` or from `volumeDevices`.",
                "从 `volumeMounts` 或 `volumeDevices` 中删掉它。",
            ));
        }
        if devices.iter().any(|(_, dp)| *dp == mount_path) {
            let d = Diagnostic::invalid(
                p.child("mountPath"),
                at(mnt, "mountPath"),
                mount_path,
                "must not already exist as a path in volumeDevices",
            );
            errs.push(help(
                d,
                rules::VOLUME_MOUNT_PATH_IS_DEVICE,
                format!("{mount_path} is already the path of a block device of this container."),
                format!("{mount_path} 已经是这个容器某个块设备的路径。"),
                "Use a different `mountPath`.",
                "换一个 `mountPath`。",
            ));
        }
        let sub_path = str_of(mnt, "subPath");
        let sub_path_expr = str_of(mnt, "subPathExpr");
        if ctx
            .volumes
            .get(name)
            .is_some_and(|v| v.get("image").is_some())
        {
            for (field, v) in [("subPath", sub_path), ("subPathExpr", sub_path_expr)] {
                if !v.is_empty() {
                    let d = Diagnostic::invalid(
                        p.child(field),
                        at(mnt, field),
                        v,
                        "not allowed in image volume sources",
                    );
                    errs.push(help(
                        d,
                        rules::IMAGE_VOLUME_SUBPATH,
                        "An image volume is mounted whole; `subPath` cannot pick part of it.",
                        "镜像卷只能整体挂载，不能用 `subPath` 选取其中一部分。",
                        format!("Remove `{field}`."),
                        format!("删掉 `{field}`。"),
                    ));
                }
            }
        }
        if !sub_path.is_empty() {
            validate_local_descending_path(mnt, "subPath", sub_path, &path.child("subPath"), errs);
        }
        if !sub_path_expr.is_empty() {
            if !sub_path.is_empty() {
                let d = Diagnostic::invalid(
                    p.child("subPathExpr"),
                    at(mnt, "subPathExpr"),
                    sub_path_expr,
                    "subPathExpr and subPath are mutually exclusive",
                );
                errs.push(help(
                    d,
                    rules::SUBPATH_AND_EXPR,
                    "`subPath` and `subPathExpr` both choose the sub-directory to mount; only one may be set.",
                    "`subPath` 和 `subPathExpr` 都用来选择挂载的子目录，只能设置一个。",
                    "Keep `subPathExpr` if the path uses `$(VAR)`, otherwise keep `subPath`.",
                    "如果路径里用到 `$(VAR)` 就保留 `subPathExpr`，否则保留 `subPath`。",
                ));
            }
            validate_local_descending_path(
                mnt,
                "subPathExpr",
                sub_path_expr,
                &path.child("subPathExpr"),
                errs,
            );
        }
        if let Some(mp) = mnt.get("mountPropagation") {
            validate_mount_propagation(ctr, mnt, mp, &path.child("mountPropagation"), errs);
        }
        validate_recursive_read_only(mnt, &path.child("recursiveReadOnly"), errs);
    }
}

/// `validateLocalDescendingPath`: relative, no `..` element.
fn validate_local_descending_path(
    mnt: &Node,
    field: &str,
    v: &str,
    path: &FieldPath,
    errs: &mut Vec<Diagnostic>,
) {
    if v.starts_with('/') {
        let d = Diagnostic::invalid(path, at(mnt, field), v, "must be a relative path");
        errs.push(help(
            d,
            rules::SUBPATH_ABSOLUTE,
            format!("`{field}` is a path inside the volume, so it must be relative; \"{v}\" starts with '/'."),
            format!("`{field}` 是卷内部的路径，必须是相对路径；\"{v}\" 以 '/' 开头。"),
            format!("Write it without the leading slash: `{}`.", v.trim_start_matches('/')),
            format!("去掉开头的斜杠：`{}`。", v.trim_start_matches('/')),
        ));
    }
    if v.split('/').any(|part| part == "..") {
        let d = Diagnostic::invalid(path, at(mnt, field), v, "must not contain '..'");
        errs.push(help(
            d,
            rules::SUBPATH_BACKSTEPS,
            format!("`{field}` may not climb out of the volume with '..'."),
            format!("`{field}` 不能用 '..' 跳出卷的范围。"),
            "Use a path below the volume's root.",
            "使用卷根目录之下的路径。",
        ));
    }
}

/// `validateMountPropagation`.
fn validate_mount_propagation(
    ctr: &Node,
    mnt: &Node,
    mp: &Node,
    path: &FieldPath,
    errs: &mut Vec<Diagnostic>,
) {
    const SUPPORTED: &[&str] = &["Bidirectional", "HostToContainer", "None"];
    let v = mp.as_str().unwrap_or("");
    if !SUPPORTED.contains(&v) {
        let d = Diagnostic::not_supported(path, mp.span, v, SUPPORTED);
        let d = help(
            d,
            rules::MOUNT_PROPAGATION_UNSUPPORTED,
            format!("\"{v}\" is not a mount propagation mode. `None` (the default) shares no mounts, `HostToContainer` lets the container see mounts made later on the host, `Bidirectional` also pushes the container's mounts to the host."),
            format!("\"{v}\" 不是合法的挂载传播模式。`None`（默认）不共享挂载，`HostToContainer` 让容器看到主机之后的挂载，`Bidirectional` 还会把容器里的挂载传回主机。"),
            "Use `None`, `HostToContainer` or `Bidirectional`.",
            "请使用 `None`、`HostToContainer` 或 `Bidirectional`。",
        );
        errs.push(case_fix(d, mnt, "mountPropagation", v, SUPPORTED));
    }
    let privileged = ctr
        .path("securityContext.privileged")
        .and_then(Node::as_bool)
        == Some(true);
    if v == "Bidirectional" && !privileged {
        let d = Diagnostic::forbidden(
            path,
            mp.span,
            "Bidirectional mount propagation is available only to privileged containers",
        );
        errs.push(help(
            d,
            rules::MOUNT_PROPAGATION_BIDIRECTIONAL,
            "Bidirectional propagation lets the container create mounts on the node itself, which only a privileged container may do.",
            "双向传播允许容器在节点上创建挂载，只有特权容器才能这样做。",
            "Use `HostToContainer`, or (only if you really need it) set `securityContext: {privileged: true}` on this container.",
            "改用 `HostToContainer`；或者（确有必要时）给这个容器设置 `securityContext: {privileged: true}`。",
        ));
    }
}

/// `validateMountRecursiveReadOnly`.
fn validate_recursive_read_only(mnt: &Node, path: &FieldPath, errs: &mut Vec<Diagnostic>) {
    let Some(rro) = mnt.get("recursiveReadOnly") else {
        return;
    };
    let v = rro.as_str().unwrap_or("");
    match v {
        "Disabled" => {}
        "Enabled" | "IfPossible" => {
            if mnt.get("readOnly").and_then(Node::as_bool) != Some(true) {
                let d = Diagnostic::forbidden(
                    path,
                    rro.span,
                    "may only be specified when readOnly is true",
                );
                errs.push(help(
                    d,
                    rules::RECURSIVE_READ_ONLY_NEEDS_READ_ONLY,
                    "Recursive read-only makes sub-mounts read-only too, which only makes sense for a read-only mount.",
                    "递归只读会让子挂载也变成只读，只对只读挂载有意义。",
                    "Add `readOnly: true` to this mount, or remove `recursiveReadOnly`.",
                    "给这个挂载加上 `readOnly: true`，或删掉 `recursiveReadOnly`。",
                ));
            }
            let prop = str_of(mnt, "mountPropagation");
            if mnt.get("mountPropagation").is_some() && prop != "None" {
                let d = Diagnostic::forbidden(
                    path,
                    rro.span,
                    "may only be specified when mountPropagation is None or not specified",
                );
                errs.push(help(
                    d,
                    rules::RECURSIVE_READ_ONLY_PROPAGATION,
                    "Recursive read-only cannot be combined with mount propagation.",
                    "递归只读不能与挂载传播同时使用。",
                    "Remove `mountPropagation` or set it to `None`.",
                    "删掉 `mountPropagation` 或设为 `None`。",
                ));
            }
        }
        _ => {
            const SUPPORTED: &[&str] = &["Disabled", "Enabled", "IfPossible"];
            let d = Diagnostic::not_supported(path, rro.span, v, SUPPORTED);
            let d = help(
                d,
                rules::RECURSIVE_READ_ONLY_UNSUPPORTED,
                format!("\"{v}\" is not a recursiveReadOnly mode."),
                format!("\"{v}\" 不是合法的 recursiveReadOnly 模式。"),
                "Use `Disabled`, `Enabled` or `IfPossible`.",
                "请使用 `Disabled`、`Enabled` 或 `IfPossible`。",
            );
            errs.push(case_fix(d, mnt, "recursiveReadOnly", v, SUPPORTED));
        }
    }
}

/// `ValidateVolumeDevices` for one container (`path` is `…volumeDevices`).
pub(crate) fn validate_volume_devices(
    ctr: &Node,
    path: &FieldPath,
    ctx: &PodContext,
    errs: &mut Vec<Diagnostic>,
) {
    let mounts: Vec<(&str, &str)> = ctr
        .seq("volumeMounts")
        .iter()
        .map(|m| (str_of(m, "name"), str_of(m, "mountPath")))
        .collect();
    let mut device_paths: Vec<&str> = Vec::new();
    let mut device_names: Vec<&str> = Vec::new();
    for (i, dev) in ctr.seq("volumeDevices").iter().enumerate() {
        let p = path.index(i);
        let name = str_of(dev, "name");
        let dev_path = str_of(dev, "devicePath");
        let vol = ctx.volumes.get(name);
        let is_pvc = vol.is_some_and(|v| {
            v.get("persistentVolumeClaim").is_some() || v.get("ephemeral").is_some()
        });
        if name.is_empty() {
            let d = Diagnostic::required(p.child("name"), at(dev, "name"), "");
            errs.push(help(
                d,
                rules::VOLUME_DEVICE_NAME_REQUIRED,
                "A volume device names the Pod volume to expose as a raw block device; this one has no `name`.",
                "卷设备要用 `name` 指明把 Pod 的哪个卷作为块设备提供，这一项没有写。",
                "Add `name:` with a PersistentVolumeClaim volume of the Pod.",
                "加上 `name:`，填写 Pod 中某个 PersistentVolumeClaim 卷的名字。",
            ));
        }
        if device_names.contains(&name) {
            let d = Diagnostic::invalid(p.child("name"), at(dev, "name"), name, "must be unique");
            errs.push(help(
                d,
                rules::VOLUME_DEVICE_NAME_DUPLICATE,
                format!("Volume \"{name}\" is attached twice as a device to this container."),
                format!("卷 \"{name}\" 作为设备被这个容器重复使用了两次。"),
                "Remove the duplicate entry.",
                "删除重复的条目。",
            ));
        }
        if vol.is_some() && !is_pvc {
            let d = Diagnostic::invalid(p.child("name"), at(dev, "name"), name, "can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode");
            errs.push(help(
                d,
                rules::VOLUME_DEVICE_NOT_PVC,
                "Only PersistentVolumeClaim (or generic ephemeral) volumes can be attached as raw block devices.",
                "只有 PersistentVolumeClaim（或通用临时卷）才能作为块设备使用。",
                "Mount this volume with `volumeMounts` instead, or use a PVC with `volumeMode: Block`.",
                "改用 `volumeMounts` 挂载这个卷，或使用 `volumeMode: Block` 的 PVC。",
            ));
        }
        if vol.is_none() {
            let d = Diagnostic::not_found(p.child("name"), at(dev, "name"), name);
            errs.push(help(
                d,
                rules::VOLUME_DEVICE_NOT_FOUND,
                format!("The container uses a volume named \"{name}\" as a device, but the Pod has no valid volume of that name."),
                format!("容器把名为 \"{name}\" 的卷用作设备，但 Pod 中没有这个名字的有效卷。"),
                "Declare the volume under `spec.volumes` (a persistentVolumeClaim) or fix the name.",
                "在 `spec.volumes` 下声明这个卷（persistentVolumeClaim），或改正名字。",
            ));
        }
        if dev_path.is_empty() {
            let d = Diagnostic::required(p.child("devicePath"), at(dev, "devicePath"), "");
            errs.push(help(
                d,
                rules::VOLUME_DEVICE_PATH_REQUIRED,
                "A volume device needs `devicePath`: where the block device appears inside the container.",
                "卷设备需要 `devicePath`：块设备在容器内出现的位置。",
                "Add e.g. `devicePath: /dev/xvda`.",
                "加上例如 `devicePath: /dev/xvda`。",
            ));
        }
        if device_paths.contains(&dev_path) {
            let d = Diagnostic::invalid(
                p.child("devicePath"),
                at(dev, "devicePath"),
                dev_path,
                "must be unique",
            );
            errs.push(help(
                d,
                rules::VOLUME_DEVICE_PATH_DUPLICATE,
                format!("Two devices of this container use the path {dev_path}."),
                format!("这个容器有两个设备都用了路径 {dev_path}。"),
                "Give each device its own `devicePath`.",
                "给每个设备一个不同的 `devicePath`。",
            ));
        }
        if !dev_path.is_empty() && dev_path.split('/').any(|p| p == "..") {
            let d = Diagnostic::invalid(
                p.child("devicePath"),
                at(dev, "devicePath"),
                dev_path,
                "can not contain backsteps ('..')",
            );
            errs.push(help(
                d,
                rules::VOLUME_DEVICE_PATH_BACKSTEPS,
                "`devicePath` may not contain '..'.",
                "`devicePath` 不能包含 '..'。",
                "Write the device path without '..'.",
                "写一个不含 '..' 的设备路径。",
            ));
        } else {
            device_paths.push(dev_path);
        }
        if mounts.iter().any(|(n, _)| *n == name) {
            let d = Diagnostic::invalid(
                p.child("name"),
                at(dev, "name"),
                name,
                "must not already exist in volumeMounts",
            );
            errs.push(help(
                d,
                rules::VOLUME_DEVICE_IS_MOUNT,
                format!("Volume \"{name}\" is also mounted as a filesystem in this container; it can be only one of the two."),
                format!("卷 \"{name}\" 在这个容器里同时被挂载为文件系统，只能二选一。"),
                "Remove it from `volumeDevices` or from `volumeMounts`.",
                "从 `volumeDevices` 或 `volumeMounts` 中删掉它。",
            ));
        }
        if mounts.iter().any(|(_, mp)| *mp == dev_path) {
            let d = Diagnostic::invalid(
                p.child("devicePath"),
                at(dev, "devicePath"),
                dev_path,
                "must not already exist as a path in volumeMounts",
            );
            errs.push(help(
                d,
                rules::VOLUME_DEVICE_PATH_IS_MOUNT,
                format!("{dev_path} is already a mount path of this container."),
                format!("{dev_path} 已经是这个容器的挂载路径。"),
                "Use a different `devicePath`.",
                "换一个 `devicePath`。",
            ));
        }
        if !name.is_empty() {
            device_names.push(name);
        }
    }
}
