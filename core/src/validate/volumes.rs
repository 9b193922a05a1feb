//! `ValidateVolumes` and every volume source (`validateVolumeSource` and the `validate*VolumeSource`
//! functions of validation.go), in Go's order. The downward-API field selectors a downwardAPI
//! volume shares with container env are in [`super::field_selectors`].
//!
//! Paths follow Go exactly, including its quirks: a downwardAPI volume's items are validated at
//! `downwardAPI.path` / `downwardAPI.fieldRef` (no `items[i]`), a gcePersistentDisk's fields at
//! `persistentDisk.*`, the "more than 1 volume type" error for downwardAPI at `downwarAPI`, and a
//! projected serviceAccountToken without path at `projected.path`.

use crate::vecmap::VecMap;

use crate::diag::{BadValue, Diagnostic, FieldPath};
use crate::rules;
use crate::span::Span;
use crate::tree::{Node, Value};

use super::field_selectors::{
    validate_object_field_selector, validate_resource_field_selector, VOLUME_FIELD_PATHS,
};
use super::{
    check_name, help, int_of, key_span, missing, str_of, strings_of, value_span, NameFormat,
};

/// `fileModeErrorMsg`.
pub const FILE_MODE_ERROR_MSG: &str = "must be a number between 0 and 0777 (octal), both inclusive";

/// The volume sources in the order `validateVolumeSource` checks them: (JSON key, the path Go uses
/// for the "may not specify more than 1 volume type" error).
const SOURCES: &[(&str, &str)] = &[
    ("emptyDir", "emptyDir"),
    ("hostPath", "hostPath"),
    ("gitRepo", "gitRepo"),
    ("gcePersistentDisk", "gcePersistentDisk"),
    ("awsElasticBlockStore", "awsElasticBlockStore"),
    ("secret", "secret"),
    ("nfs", "nfs"),
    ("iscsi", "iscsi"),
    ("glusterfs", "glusterfs"),
    ("flocker", "flocker"),
    ("persistentVolumeClaim", "persistentVolumeClaim"),
    ("rbd", "rbd"),
    ("cinder", "cinder"),
    ("cephfs", "cephFS"),
    ("quobyte", "quobyte"),
    ("downwardAPI", "downwarAPI"),
    ("fc", "fc"),
    ("flexVolume", "flexVolume"),
    ("configMap", "configMap"),
    ("azureFile", "azureFile"),
    ("vsphereVolume", "vsphereVolume"),
    ("photonPersistentDisk", "photonPersistentDisk"),
    ("portworxVolume", "portworxVolume"),
    ("azureDisk", "azureDisk"),
    ("storageos", "storageos"),
    ("projected", "projected"),
    ("scaleIO", "scaleIO"),
    ("csi", "csi"),
    ("ephemeral", "ephemeral"),
    ("image", "image"),
];

pub(crate) use crate::quantity::from_node as quantity_of;

/// Where a Required error for `key` of `parent` points: at the value if the key is present (e.g.
/// `claimName: ""`), else at the parent's first key.
pub(crate) fn req_span(parent: &Node, key: &str) -> Span {
    match parent.entry(key) {
        Some(e) if !e.value.is_null() => e.value.span,
        Some(e) => e.key_span,
        None => missing(parent),
    }
}

/// `field.Required(path.child(key), detail)` with the generic help for a required field of a
/// volume source.
fn required(
    src: &Node,
    key: &str,
    path: &FieldPath,
    detail: &str,
    source: &str,
    errs: &mut Vec<Diagnostic>,
) {
    errs.push(help(
        Diagnostic::required(path.child(key), req_span(src, key), detail),
        rules::VOLUME_SOURCE_REQUIRED,
        format!(
            "A {source} volume cannot work without `{key}`: the kubelet needs it to know what to mount."
        ),
        format!("{source} 卷必须设置 `{key}`：kubelet 需要它才知道要挂载什么。"),
        format!("Add `{key}:` to the {source} source."),
        format!("在 {source} 里加上 `{key}:`。"),
    ));
}

/// `field.Required(path.child(key), "")` when the string field `key` is empty or absent.
fn require_str(src: &Node, key: &str, path: &FieldPath, source: &str, errs: &mut Vec<Diagnostic>) {
    if str_of(src, key).is_empty() {
        required(src, key, path, "", source, errs);
    }
}

/// `field.Required(path.child(key), "")` when the list field `key` is empty or absent.
fn require_seq(src: &Node, key: &str, path: &FieldPath, source: &str, errs: &mut Vec<Diagnostic>) {
    if src.seq(key).is_empty() {
        required(src, key, path, "", source, errs);
    }
}

/// `ValidateVolumes`: returns the volumes that validated, by name (the `spec.volumes[i]` nodes),
/// for the containers' volumeMounts and volumeDevices.
pub(crate) fn validate_volumes<'a>(
    volumes: &'a [Node],
    pod_name: &str,
    path: &FieldPath,
    errs: &mut Vec<Diagnostic>,
) -> VecMap<&'a str, &'a Node> {
    let mut all_names: Vec<&str> = Vec::new();
    let mut created_pvcs: Vec<String> = Vec::new();
    if !pod_name.is_empty() {
        for v in volumes {
            if v.get("ephemeral").is_some() {
                created_pvcs.push(format!("{pod_name}-{}", str_of(v, "name")));
            }
        }
    }
    let mut vols = VecMap::new();
    for (i, vol) in volumes.iter().enumerate() {
        if vol.as_map().is_none() {
            continue;
        }
        let idx = path.index(i);
        let name_path = idx.child("name");
        let name = str_of(vol, "name");
        let mut el = Vec::new();
        validate_volume_source(vol, &idx, name, pod_name, &mut el);
        if name.is_empty() {
            el.push(help(
                Diagnostic::required(&name_path, req_span(vol, "name"), ""),
                rules::VOLUME_NAME_REQUIRED,
                "Every volume needs a name: containers mount a volume by naming it in volumeMounts.",
                "每个卷都需要名字：容器在 volumeMounts 里通过名字来挂载卷。",
                "Add `name: data` (any DNS label) to the volume.",
                "给卷加上 `name: data`（任意合法的 DNS 标签）。",
            ));
        } else {
            check_name(
                NameFormat::Dns1123Label,
                name,
                &name_path,
                value_span(vol, "name"),
                ("the volume name", "卷名"),
                rules::VOLUME_NAME_DNS_LABEL,
                &mut el,
            );
        }
        if all_names.contains(&name) {
            el.push(help(
                Diagnostic::duplicate(&name_path, value_span(vol, "name"), name),
                rules::VOLUME_NAME_DUPLICATE,
                format!(
                    "Two volumes are called {}. volumeMounts refer to volumes by name, so names must be unique within the Pod.",
                    crate::diag::go_quote(name)
                ),
                format!(
                    "有两个卷都叫 {}。volumeMounts 通过名字引用卷，所以同一个 Pod 里卷名必须唯一。",
                    crate::diag::go_quote(name)
                ),
                "Rename one of the volumes (and the volumeMounts that use it).",
                "给其中一个卷改名（并同时修改引用它的 volumeMounts）。",
            ));
        }
        if el.is_empty() {
            all_names.push(name);
            vols.insert(name, vol);
        } else {
            errs.append(&mut el);
        }
        if let Some(pvc) = vol.get("persistentVolumeClaim") {
            let claim = str_of(pvc, "claimName");
            if created_pvcs.iter().any(|c| c == claim) {
                errs.push(help(
                    Diagnostic::invalid(
                        idx.child("persistentVolumeClaim").child("claimName"),
                        value_span(pvc, "claimName"),
                        claim,
                        "must not reference a PVC that gets created for an ephemeral volume",
                    ),
                    rules::VOLUME_PVC_EPHEMERAL_CLAIM,
                    format!("The claim {} is the one Kubernetes creates for an ephemeral volume of this Pod (named <pod>-<volume>); mount that ephemeral volume directly instead of claiming it again.", crate::diag::go_quote(claim)),
                    format!("{} 是 Kubernetes 为本 Pod 的临时卷自动创建的 PVC（名为 <pod>-<卷名>）；请直接挂载那个临时卷，而不要再次声明它。", crate::diag::go_quote(claim)),
                    "Remove this volume and mount the ephemeral volume instead.",
                    "删掉这个卷，改为挂载那个临时卷。",
                ));
            }
        }
    }
    vols
}

/// `validateVolumeSource`: exactly one source, then that source's own rules.
fn validate_volume_source(
    vol: &Node,
    path: &FieldPath,
    vol_name: &str,
    pod_name: &str,
    errs: &mut Vec<Diagnostic>,
) {
    let mut num = 0;
    for (key, forbidden_path) in SOURCES {
        let Some(src) = vol.get(key) else {
            continue;
        };
        // emptyDir is always first, so it never hits the "more than 1" branch.
        if *key != "emptyDir" && num > 0 {
            errs.push(help(
                Diagnostic::forbidden(
                    path.child(forbidden_path),
                    key_span(vol, key),
                    "may not specify more than 1 volume type",
                ),
                rules::VOLUME_SOURCE_MULTIPLE,
                format!(
                    "A volume has exactly one source (emptyDir, configMap, secret, hostPath, …). This one already has a source, so `{key}` cannot be added too."
                ),
                format!(
                    "一个卷只能有一种来源（emptyDir、configMap、secret、hostPath……）。这个卷已经有来源了，不能再加 `{key}`。"
                ),
                "Split it into two volumes with different names, one per source (or use a projected volume to combine configMaps/secrets).",
                "拆成两个名字不同的卷，每个卷一种来源（或者用 projected 卷合并多个 configMap/secret）。",
            ));
            if *key == "iscsi" {
                iscsi_name_length(src, path, vol_name, errs);
            }
            continue;
        }
        num += 1;
        let p = path.child(key);
        match *key {
            "emptyDir" => empty_dir(src, &p, errs),
            "hostPath" => host_path(src, &p, errs),
            "gitRepo" => {
                require_str(src, "repository", &p, "gitRepo", errs);
                local_descending_path(
                    str_of(src, "directory"),
                    &p.child("directory"),
                    value_span(src, "directory"),
                    errs,
                );
            }
            "gcePersistentDisk" => {
                let p = path.child("persistentDisk");
                require_str(src, "pdName", &p, "gcePersistentDisk", errs);
                partition(src, &p, errs);
            }
            "awsElasticBlockStore" => {
                require_str(src, "volumeID", &p, "awsElasticBlockStore", errs);
                partition(src, &p, errs);
            }
            "secret" => {
                require_str(src, "secretName", &p, "secret", errs);
                file_mode(src, "defaultMode", &p, errs);
                for (i, kp) in src.seq("items").iter().enumerate() {
                    key_to_path(kp, &p.child("items").index(i), errs);
                }
            }
            "nfs" => nfs(src, &p, errs),
            "iscsi" => {
                iscsi(src, &p, errs);
                iscsi_name_length(src, path, vol_name, errs);
            }
            "glusterfs" => {
                require_str(src, "endpoints", &p, "glusterfs", errs);
                require_str(src, "path", &p, "glusterfs", errs);
            }
            "flocker" => flocker(src, &p, errs),
            "persistentVolumeClaim" => {
                require_str(src, "claimName", &p, "persistentVolumeClaim", errs);
            }
            "rbd" => {
                require_seq(src, "monitors", &p, "rbd", errs);
                require_str(src, "image", &p, "rbd", errs);
            }
            "cinder" => {
                require_str(src, "volumeID", &p, "cinder", errs);
                secret_ref_name(src, &p, "cinder", errs);
            }
            "cephfs" => {
                require_seq(src, "monitors", &p, "cephfs", errs);
            }
            "quobyte" => quobyte(src, &p, errs),
            "downwardAPI" => {
                file_mode(src, "defaultMode", &p, errs);
                for item in src.seq("items") {
                    downward_api_file(item, &p, errs);
                }
            }
            "fc" => fc(src, &p, errs),
            "flexVolume" => flex_volume(src, &p, errs),
            "configMap" => {
                require_str(src, "name", &p, "configMap", errs);
                file_mode(src, "defaultMode", &p, errs);
                for (i, kp) in src.seq("items").iter().enumerate() {
                    key_to_path(kp, &p.child("items").index(i), errs);
                }
            }
            "azureFile" => {
                require_str(src, "secretName", &p, "azureFile", errs);
                require_str(src, "shareName", &p, "azureFile", errs);
            }
            "vsphereVolume" => {
                require_str(src, "volumePath", &p, "vsphereVolume", errs);
            }
            "photonPersistentDisk" => {
                require_str(src, "pdID", &p, "photonPersistentDisk", errs);
            }
            "portworxVolume" => {
                require_str(src, "volumeID", &p, "portworxVolume", errs);
            }
            "azureDisk" => azure_disk(src, &p, errs),
            "storageos" => storageos(src, &p, errs),
            "projected" => projected(src, &p, errs),
            "scaleIO" => {
                for k in ["gateway", "system", "volumeName"] {
                    if str_of(src, k).is_empty() {
                        required(src, k, &p, "", "scaleIO", errs);
                    }
                }
            }
            "csi" => csi(src, &p, errs),
            "ephemeral" => {
                ephemeral(src, &p, errs);
                if !pod_name.is_empty() && !vol_name.is_empty() {
                    let pvc_name = format!("{pod_name}-{vol_name}");
                    for msg in super::names::is_dns1123_subdomain(&pvc_name) {
                        errs.push(help(
                            Diagnostic::invalid(
                                path.child("name"),
                                value_span(vol, "name"),
                                vol_name,
                                format!("PVC name {}: {msg}", crate::diag::go_quote(&pvc_name)),
                            ),
                            rules::VOLUME_EPHEMERAL_PVC_NAME,
                            format!("For an ephemeral volume Kubernetes creates a PersistentVolumeClaim named <pod name>-<volume name>, here {}; that must be a valid object name.", crate::diag::go_quote(&pvc_name)),
                            format!("对于临时卷，Kubernetes 会创建名为 <Pod 名>-<卷名> 的 PVC，这里是 {}；它必须是合法的对象名。", crate::diag::go_quote(&pvc_name)),
                            "Shorten the Pod or volume name.",
                            "缩短 Pod 名或卷名。",
                        ));
                    }
                }
            }
            "image" => image(src, &p, errs),
            _ => {}
        }
    }
    if num == 0 {
        errs.push(help(
            Diagnostic::required(path, missing(vol), "must specify a volume type"),
            rules::VOLUME_SOURCE_NONE,
            "This volume has a name but no source, so Kubernetes does not know what to put in it.",
            "这个卷只有名字，没有来源，Kubernetes 不知道要往里面放什么。",
            "Add a source, e.g. `emptyDir: {}` for scratch space, or `configMap: {name: my-config}`.",
            "加上一个来源，例如临时空间用 `emptyDir: {}`，或者 `configMap: {name: my-config}`。",
        ));
    }
}

fn empty_dir(src: &Node, p: &FieldPath, errs: &mut Vec<Diagnostic>) {
    if let Some(q) = src.get("sizeLimit").and_then(quantity_of) {
        if q.sign() < 0 {
            errs.push(help(
                Diagnostic::forbidden(
                    p.child("sizeLimit"),
                    value_span(src, "sizeLimit"),
                    "SizeLimit field must be a valid resource quantity",
                ),
                rules::VOLUME_EMPTY_DIR_SIZE_LIMIT,
                "sizeLimit caps how much the emptyDir may hold; a negative size makes no sense.",
                "sizeLimit 限制 emptyDir 能存放的数据量；负数没有意义。",
                "Use a positive quantity such as `1Gi`, or remove sizeLimit.",
                "使用正数，例如 `1Gi`，或者删掉 sizeLimit。",
            ));
        }
    }
}

/// `supportedHostPathTypes`, sorted: the values of the `HostPathType` enum.
const HOST_PATH_TYPES: &[&str] = crate::schema::HOST_PATH_TYPE.values;

fn host_path(src: &Node, p: &FieldPath, errs: &mut Vec<Diagnostic>) {
    let path = str_of(src, "path");
    if path.is_empty() {
        errs.push(help(
            Diagnostic::required(p.child("path"), req_span(src, "path"), ""),
            rules::VOLUME_HOST_PATH_PATH,
            "A hostPath volume mounts a file or directory of the node into the container; `path` says which one.",
            "hostPath 卷把节点上的文件或目录挂进容器；`path` 指明是哪一个。",
            "Add `path: /var/log` (an absolute path on the node).",
            "加上 `path: /var/log`（节点上的绝对路径）。",
        ));
        return;
    }
    path_no_backsteps(path, &p.child("path"), value_span(src, "path"), errs);
    if let Some(t) = src.get("type").and_then(Node::as_str) {
        if !HOST_PATH_TYPES.contains(&t) {
            errs.push(help(
                Diagnostic::not_supported(p.child("type"), value_span(src, "type"), t, HOST_PATH_TYPES),
                rules::VOLUME_HOST_PATH_TYPE,
                "hostPath `type` says what must already exist at the path (or be created): one of DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice, BlockDevice, or empty for no check. Case matters.",
                "hostPath 的 `type` 说明路径上必须已经存在（或要创建）什么：DirectoryOrCreate、Directory、FileOrCreate、File、Socket、CharDevice、BlockDevice 之一，或者留空表示不检查。区分大小写。",
                "Use one of the listed values, e.g. `type: Directory`.",
                "使用列出的值之一，例如 `type: Directory`。",
            ));
        }
    }
}

fn partition(src: &Node, p: &FieldPath, errs: &mut Vec<Diagnostic>) {
    if let Some(v) = int_of(src, "partition") {
        if !(0..=255).contains(&v) {
            errs.push(help(
                Diagnostic::invalid(
                    p.child("partition"),
                    value_span(src, "partition"),
                    v,
                    super::names::inclusive_range_error(1, 255),
                ),
                rules::VOLUME_PARTITION,
                "A disk partition number is between 1 and 255 (0 means the whole disk).",
                "磁盘分区号在 1 到 255 之间（0 表示整块磁盘）。",
                "Use a partition number from 1 to 255, or remove `partition`.",
                "使用 1 到 255 的分区号，或者删掉 `partition`。",
            ));
        }
    }
}

/// A `defaultMode` / `mode` field: 0–0777 (511).
fn file_mode(src: &Node, key: &str, p: &FieldPath, errs: &mut Vec<Diagnostic>) {
    if let Some(m) = int_of(src, key) {
        if !(0..=0o777).contains(&m) {
            errs.push(help(
                Diagnostic::invalid(p.child(key), value_span(src, key), m, FILE_MODE_ERROR_MSG),
                rules::VOLUME_MODE_RANGE,
                format!(
                    "`{key}` is the Unix permission bits of the projected files. It is read as a number: in YAML write it in octal with a leading 0 (0644 = 420) or as the decimal equivalent. {m} is outside the range 0 to 0777 (511)."
                ),
                format!(
                    "`{key}` 是投射文件的 Unix 权限位，按数字读取：在 YAML 里用以 0 开头的八进制写（0644 = 420），或者写对应的十进制数。{m} 不在 0 到 0777（511）的范围内。"
                ),
                "Write it in octal with a leading zero, e.g. `0644` (or decimal `420`).",
                "用以 0 开头的八进制写，例如 `0644`（或十进制 `420`）。",
            ));
        }
    }
}

/// `validateKeyToPath` for an `items[i]` of a configMap/secret source.
fn key_to_path(kp: &Node, p: &FieldPath, errs: &mut Vec<Diagnostic>) {
    if str_of(kp, "key").is_empty() {
        errs.push(help(
            Diagnostic::required(p.child("key"), req_span(kp, "key"), ""),
            rules::VOLUME_ITEMS_KEY,
            "Each item picks one key of the ConfigMap or Secret and says which file to write it to; `key` is the key to pick.",
            "每个 item 选择 ConfigMap 或 Secret 的一个键，并指定写到哪个文件；`key` 是要选的键。",
            "Add `key: <a key of the ConfigMap/Secret>`.",
            "加上 `key: <ConfigMap/Secret 里的某个键>`。",
        ));
    }
    let path = str_of(kp, "path");
    if path.is_empty() {
        errs.push(help(
            Diagnostic::required(p.child("path"), req_span(kp, "path"), ""),
            rules::VOLUME_ITEMS_PATH,
            "Each item needs `path`: the file name (relative to the mount point) that the key's value is written to.",
            "每个 item 都需要 `path`：键的值要写入的文件名（相对于挂载点）。",
            "Add `path: config.yaml`.",
            "加上 `path: config.yaml`。",
        ));
    }
    local_non_reserved_path(path, &p.child("path"), value_span(kp, "path"), errs);
    file_mode(kp, "mode", p, errs);
}

/// `validateLocalDescendingPath`: relative and without `..` elements.
pub(crate) fn local_descending_path(
    path: &str,
    p: &FieldPath,
    span: Span,
    errs: &mut Vec<Diagnostic>,
) {
    if path.starts_with('/') {
        errs.push(help(
            Diagnostic::invalid(p, span, path, "must be a relative path"),
            rules::PATH_RELATIVE,
            format!("{} is an absolute path, but this path is taken relative to the volume's mount point, so it must not start with '/'.", crate::diag::go_quote(path)),
            format!("{} 是绝对路径，但这里的路径是相对于卷的挂载点的，所以不能以 '/' 开头。", crate::diag::go_quote(path)),
            format!("Remove the leading slash: `{}`.", path.trim_start_matches('/')),
            format!("去掉开头的斜杠：`{}`。", path.trim_start_matches('/')),
        ));
    }
    path_no_backsteps(path, p, span, errs);
}

/// `validatePathNoBacksteps`: no `..` element.
pub(crate) fn path_no_backsteps(path: &str, p: &FieldPath, span: Span, errs: &mut Vec<Diagnostic>) {
    if path.split('/').any(|e| e == "..") {
        errs.push(help(
            Diagnostic::invalid(p, span, path, "must not contain '..'"),
            rules::PATH_BACKSTEPS,
            "A '..' element would let the path escape the directory it belongs to, so Kubernetes rejects it.",
            "'..' 会让路径跳出它所属的目录，所以 Kubernetes 不允许。",
            "Use a path that stays inside the directory, without '..'.",
            "使用不含 '..'、留在目录内部的路径。",
        ));
    }
}

/// `ValidateLocalNonReservedPath`: relative, no `..` elements, not starting with `..`.
pub(crate) fn local_non_reserved_path(
    path: &str,
    p: &FieldPath,
    span: Span,
    errs: &mut Vec<Diagnostic>,
) {
    local_descending_path(path, p, span, errs);
    if path.starts_with("..") && !path.starts_with("../") {
        errs.push(help(
            Diagnostic::invalid(p, span, path, "must not start with '..'"),
            rules::PATH_RESERVED,
            "Names starting with '..' are reserved: the kubelet uses them (e.g. `..data`) to swap the files of a ConfigMap/Secret volume atomically.",
            "以 '..' 开头的名字是保留的：kubelet 用它们（例如 `..data`）原子地更新 ConfigMap/Secret 卷里的文件。",
            "Pick a file name that does not start with '..'.",
            "换一个不以 '..' 开头的文件名。",
        ));
    }
}

fn nfs(src: &Node, p: &FieldPath, errs: &mut Vec<Diagnostic>) {
    if str_of(src, "server").is_empty() {
        required(src, "server", p, "", "nfs", errs);
    }
    let path = str_of(src, "path");
    if path.is_empty() {
        required(src, "path", p, "", "nfs", errs);
    }
    if !path.starts_with('/') {
        errs.push(help(
            Diagnostic::invalid(
                p.child("path"),
                req_span(src, "path"),
                path,
                "must be an absolute path",
            ),
            rules::VOLUME_NFS_PATH,
            "`path` is the directory exported by the NFS server, as an absolute path.",
            "`path` 是 NFS 服务器导出的目录，必须是绝对路径。",
            "Write it starting with '/', e.g. `/exports/data`.",
            "用 '/' 开头，例如 `/exports/data`。",
        ));
    }
}

fn secret_ref_name(src: &Node, p: &FieldPath, source: &str, errs: &mut Vec<Diagnostic>) {
    if let Some(r) = src.get("secretRef") {
        if str_of(r, "name").is_empty() {
            required(r, "name", &p.child("secretRef"), "", source, errs);
        }
    }
}

/// `iqn\.\d{4}-\d{2}\.([[:alnum:]-.]+)(:[^,;*&$|\s]+)$`, searched anywhere (the Go regexp is not
/// anchored at the start).
fn iqn_matches(s: &str) -> bool {
    let b = s.as_bytes();
    (0..b.len()).any(|start| {
        let t = b.get(start..).unwrap_or_default();
        let Some(rest) = t.strip_prefix(b"iqn.") else {
            return false;
        };
        // \d{4}-\d{2}\.
        let Some((date, rest)) = rest.split_at_checked(8) else {
            return false;
        };
        let digits = |r: std::ops::Range<usize>| {
            date.get(r)
                .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
        };
        if !digits(0..4)
            || date.get(4) != Some(&b'-')
            || !digits(5..7)
            || date.get(7) != Some(&b'.')
        {
            return false;
        }
        let n = rest
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b'.')
            .count();
        if n == 0 || rest.get(n) != Some(&b':') {
            return false;
        }
        let tail = rest.get(n + 1..).unwrap_or_default();
        !tail.is_empty()
            && tail.iter().all(|c| {
                !matches!(
                    c,
                    b',' | b';'
                        | b'*'
                        | b'&'
                        | b'$'
                        | b'|'
                        | b' '
                        | b'\t'
                        | b'\n'
                        | b'\r'
                        | b'\x0c'
                )
            })
    })
}

/// `^<prefix>.[[:alnum:]]{n}$` (the `.` is any character).
fn prefixed_alnum(s: &str, prefix: &str, n: usize) -> bool {
    let Some(rest) = s.strip_prefix(prefix) else {
        return false;
    };
    let mut chars = rest.chars();
    if chars.next().is_none_or(|c| c == '\n') {
        return false;
    }
    let tail = chars.as_str();
    tail.len() == n && tail.bytes().all(|c| c.is_ascii_alphanumeric())
}

fn iqn_format_error(v: &str) -> Option<&'static str> {
    if !v.starts_with("iqn") && !v.starts_with("eui") && !v.starts_with("naa") {
        return Some("must be valid format starting with iqn, eui, or naa");
    }
    let bad = (v.starts_with("iqn") && !iqn_matches(v))
        || (!v.starts_with("iqn") && v.starts_with("eui") && !prefixed_alnum(v, "eui", 16))
        || (!v.starts_with("iqn")
            && !v.starts_with("eui")
            && v.starts_with("naa")
            && !prefixed_alnum(v, "naa", 32));
    bad.then_some("must be valid format")
}

fn iscsi(src: &Node, p: &FieldPath, errs: &mut Vec<Diagnostic>) {
    let iscsi_help = |d: Diagnostic| {
        help(
            d,
            rules::VOLUME_ISCSI_FORMAT,
            "iSCSI names have a fixed format: iqn.YYYY-MM.reversed.domain:identifier, eui. followed by 16 hex digits, or naa. followed by 32.",
            "iSCSI 名字有固定格式：iqn.YYYY-MM.倒序域名:标识，或 eui. 加 16 位十六进制，或 naa. 加 32 位。",
            "Use the exact IQN of your target, e.g. `iqn.2001-04.com.example:storage.disk1`.",
            "使用目标的准确 IQN，例如 `iqn.2001-04.com.example:storage.disk1`。",
        )
    };
    if str_of(src, "targetPortal").is_empty() {
        required(src, "targetPortal", p, "", "iscsi", errs);
    }
    let iqn = str_of(src, "iqn");
    if iqn.is_empty() {
        required(src, "iqn", p, "", "iscsi", errs);
    } else if let Some(msg) = iqn_format_error(iqn) {
        errs.push(iscsi_help(Diagnostic::invalid(
            p.child("iqn"),
            value_span(src, "iqn"),
            iqn,
            msg,
        )));
    }
    if let Some(lun) = int_of(src, "lun") {
        if !(0..=255).contains(&lun) {
            errs.push(iscsi_help(Diagnostic::invalid(
                p.child("lun"),
                value_span(src, "lun"),
                lun,
                super::names::inclusive_range_error(0, 255),
            )));
        }
    }
    let chap = super::bool_of(src, "chapAuthDiscovery") || super::bool_of(src, "chapAuthSession");
    if chap && src.get("secretRef").is_none() {
        required(src, "secretRef", p, "", "iscsi", errs);
    }
    if let Some(init) = src.get("initiatorName").and_then(Node::as_str) {
        let span = value_span(src, "initiatorName");
        if !init.starts_with("iqn") && !init.starts_with("eui") && !init.starts_with("naa") {
            errs.push(iscsi_help(Diagnostic::invalid(
                p.child("initiatorname"),
                span,
                init,
                "must be valid format starting with iqn, eui, or naa",
            )));
        }
        if let Some("must be valid format") = iqn_format_error(init) {
            errs.push(iscsi_help(Diagnostic::invalid(
                p.child("initiatorname"),
                span,
                init,
                "must be valid format",
            )));
        }
    }
}

fn iscsi_name_length(src: &Node, vol_path: &FieldPath, vol_name: &str, errs: &mut Vec<Diagnostic>) {
    if src.get("initiatorName").is_some()
        && vol_name.len() + 1 + str_of(src, "targetPortal").len() > 64
    {
        errs.push(help(
            Diagnostic::invalid(
                vol_path.child("name"),
                missing(src),
                vol_name,
                "Total length of <volume name>:<iscsi.targetPortal> must be under 64 characters if iscsi.initiatorName is specified.",
            ),
            rules::VOLUME_ISCSI_NAME_LENGTH,
            "With a custom initiatorName the kubelet builds an interface name from <volume name>:<targetPortal>, which is limited to 64 characters.",
            "设置了 initiatorName 时，kubelet 用 <卷名>:<targetPortal> 组成接口名，长度限制为 64 个字符。",
            "Shorten the volume name.",
            "缩短卷名。",
        ));
    }
}

fn flocker(src: &Node, p: &FieldPath, errs: &mut Vec<Diagnostic>) {
    let name = str_of(src, "datasetName");
    let uuid = str_of(src, "datasetUUID");
    let flocker_help = |d: Diagnostic| {
        help(
            d,
            rules::VOLUME_FLOCKER,
            "A flocker volume is identified by exactly one of datasetName or datasetUUID.",
            "flocker 卷必须且只能用 datasetName 或 datasetUUID 之一来标识。",
            "Set exactly one of datasetName and datasetUUID.",
            "datasetName 和 datasetUUID 只设置一个。",
        )
    };
    if name.is_empty() && uuid.is_empty() {
        errs.push(flocker_help(Diagnostic::required(
            p,
            missing(src),
            "one of datasetName and datasetUUID is required",
        )));
    }
    if !name.is_empty() && !uuid.is_empty() {
        errs.push(flocker_help(Diagnostic::invalid(
            p,
            missing(src),
            "resource",
            "datasetName and datasetUUID can not be specified simultaneously",
        )));
    }
    if name.contains('/') {
        errs.push(flocker_help(Diagnostic::invalid(
            p.child("datasetName"),
            value_span(src, "datasetName"),
            name,
            "must not contain '/'",
        )));
    }
}

/// Go's `net.SplitHostPort` succeeds.
fn split_host_port_ok(s: &str) -> bool {
    if let Some(rest) = s.strip_prefix('[') {
        return match rest.split_once(']') {
            Some((_, after)) => {
                after.starts_with(':') && !after[1..].contains(':') && !after[1..].contains(']')
            }
            None => false,
        };
    }
    match s.rfind(':') {
        Some(i) => {
            !s[..i].contains(':')
                && !s[..i].contains('[')
                && !s[..i].contains(']')
                && !s[i + 1..].contains(']')
        }
        None => false,
    }
}

fn quobyte(src: &Node, p: &FieldPath, errs: &mut Vec<Diagnostic>) {
    let registry = str_of(src, "registry");
    if registry.is_empty() {
        required(
            src,
            "registry",
            p,
            "must be a host:port pair or multiple pairs separated by commas",
            "quobyte",
            errs,
        );
    } else if str_of(src, "tenant").len() >= 65 {
        required(
            src,
            "tenant",
            p,
            "must be a UUID and may not exceed a length of 64 characters",
            "quobyte",
            errs,
        );
    } else {
        for pair in registry.split(',') {
            if !split_host_port_ok(pair) {
                errs.push(help(
                    Diagnostic::invalid(
                        p.child("registry"),
                        value_span(src, "registry"),
                        registry,
                        "must be a host:port pair or multiple pairs separated by commas",
                    ),
                    rules::VOLUME_QUOBYTE_REGISTRY,
                    "The Quobyte registry is one or more host:port pairs separated by commas.",
                    "Quobyte registry 是一个或多个用逗号分隔的 host:port。",
                    "Write it like `registry.example.com:7861`.",
                    "写成 `registry.example.com:7861` 这样。",
                ));
            }
        }
    }
    if str_of(src, "volume").is_empty() {
        required(src, "volume", p, "", "quobyte", errs);
    }
}

fn fc(src: &Node, p: &FieldPath, errs: &mut Vec<Diagnostic>) {
    let wwns = strings_of(src, "targetWWNs");
    let wwids = src.seq("wwids");
    let fc_help = |d: Diagnostic| {
        help(
            d,
            rules::VOLUME_FC,
            "A Fibre Channel volume is addressed either by targetWWNs plus lun, or by wwids — not both.",
            "光纤通道卷要么用 targetWWNs 加 lun 寻址，要么用 wwids，不能同时使用。",
            "Set targetWWNs and lun, or only wwids.",
            "设置 targetWWNs 和 lun，或者只设置 wwids。",
        )
    };
    if wwns.is_empty() && wwids.is_empty() {
        errs.push(fc_help(Diagnostic::required(
            p.child("targetWWNs"),
            req_span(src, "targetWWNs"),
            "must specify either targetWWNs or wwids, but not both",
        )));
    }
    if !wwns.is_empty() && !wwids.is_empty() {
        let names: Vec<&str> = wwns.iter().map(|(s, _)| *s).collect();
        errs.push(fc_help(Diagnostic::invalid(
            p.child("targetWWNs"),
            value_span(src, "targetWWNs"),
            super::go_string_slice(&names),
            "targetWWNs and wwids can not be specified simultaneously",
        )));
    }
    if !wwns.is_empty() {
        match int_of(src, "lun") {
            None => errs.push(fc_help(Diagnostic::required(
                p.child("lun"),
                req_span(src, "lun"),
                "lun is required if targetWWNs is specified",
            ))),
            Some(lun) if !(0..=255).contains(&lun) => errs.push(fc_help(Diagnostic::invalid(
                p.child("lun"),
                value_span(src, "lun"),
                BadValue::Raw(lun.to_string()),
                super::names::inclusive_range_error(0, 255),
            ))),
            Some(_) => {}
        }
    }
}

fn flex_volume(src: &Node, p: &FieldPath, errs: &mut Vec<Diagnostic>) {
    if str_of(src, "driver").is_empty() {
        required(src, "driver", p, "", "flexVolume", errs);
    }
    for (k, kspan, _, _) in super::string_map(src.get("options")) {
        let ns = k.split_once('/').map(|(a, _)| a).unwrap_or(k);
        let normalized = format!(".{}", ns.to_lowercase());
        if normalized.ends_with(".kubernetes.io") || normalized.ends_with(".k8s.io") {
            errs.push(help(
                Diagnostic::invalid(p.child("options").key(k), kspan, k, "kubernetes.io and k8s.io namespaces are reserved"),
                rules::VOLUME_FLEX_VOLUME_OPTIONS,
                "Option keys under kubernetes.io and k8s.io are set by Kubernetes itself and cannot be passed by users.",
                "kubernetes.io 和 k8s.io 下的选项键由 Kubernetes 自己设置，用户不能传。",
                "Use your own prefix for the option key.",
                "给选项键换一个你自己的前缀。",
            ));
        }
    }
}

fn azure_disk(src: &Node, p: &FieldPath, errs: &mut Vec<Diagnostic>) {
    if str_of(src, "diskName").is_empty() {
        required(src, "diskName", p, "", "azureDisk", errs);
    }
    let uri = str_of(src, "diskURI");
    if uri.is_empty() {
        required(src, "diskURI", p, "", "azureDisk", errs);
    }
    let az_help = |d: Diagnostic| {
        help(
            d,
            rules::VOLUME_AZURE_DISK,
            "An Azure disk is described by its caching mode (None, ReadOnly, ReadWrite), its kind (Shared, Dedicated, Managed) and a URI whose form depends on the kind.",
            "Azure 磁盘由缓存模式（None、ReadOnly、ReadWrite）、类型（Shared、Dedicated、Managed）和与类型对应格式的 URI 描述。",
            "Use one of the supported values shown in the message.",
            "使用消息里列出的支持的值。",
        )
    };
    let caching = src.get("cachingMode").and_then(Node::as_str);
    if let Some(c) = caching {
        if !["None", "ReadOnly", "ReadWrite"].contains(&c) {
            errs.push(az_help(Diagnostic::not_supported(
                p.child("cachingMode"),
                value_span(src, "cachingMode"),
                c,
                &["None", "ReadOnly", "ReadWrite"],
            )));
        }
    }
    let kind = src.get("kind").and_then(Node::as_str);
    if let Some(k) = kind {
        if !["Dedicated", "Managed", "Shared"].contains(&k) {
            errs.push(az_help(Diagnostic::not_supported(
                p.child("kind"),
                value_span(src, "kind"),
                k,
                &["Dedicated", "Managed", "Shared"],
            )));
        }
        if k == "Managed" && !uri.starts_with("/subscriptions/") {
            errs.push(az_help(Diagnostic::not_supported(
                p.child("diskURI"),
                req_span(src, "diskURI"),
                uri,
                &["/subscriptions/{sub-id}/resourcegroups/{group-name}/providers/microsoft.compute/disks/{disk-id}"],
            )));
        }
        if k != "Managed" && !uri.starts_with("https://") {
            errs.push(az_help(Diagnostic::not_supported(
                p.child("diskURI"),
                req_span(src, "diskURI"),
                uri,
                &["https://{account-name}.blob.core.windows.net/{container-name}/{disk-name}.vhd"],
            )));
        }
    }
}

fn storageos(src: &Node, p: &FieldPath, errs: &mut Vec<Diagnostic>) {
    let vn = str_of(src, "volumeName");
    if vn.is_empty() {
        required(src, "volumeName", p, "", "storageos", errs);
    } else {
        check_name(
            NameFormat::Dns1123Label,
            vn,
            &p.child("volumeName"),
            value_span(src, "volumeName"),
            ("the StorageOS volume name", "StorageOS 卷名"),
            rules::VOLUME_STORAGEOS_NAME,
            errs,
        );
    }
    let ns = str_of(src, "volumeNamespace");
    if !ns.is_empty() {
        check_name(
            NameFormat::Dns1123Label,
            ns,
            &p.child("volumeNamespace"),
            value_span(src, "volumeNamespace"),
            ("the StorageOS namespace", "StorageOS 命名空间"),
            rules::VOLUME_STORAGEOS_NAMESPACE,
            errs,
        );
    }
    secret_ref_name(src, p, "storageos", errs);
}

fn csi(src: &Node, p: &FieldPath, errs: &mut Vec<Diagnostic>) {
    let driver = str_of(src, "driver");
    let dp = p.child("driver");
    let dspan = req_span(src, "driver");
    let driver_help = |d: Diagnostic| {
        help(
            d,
            rules::VOLUME_CSI_DRIVER,
            "`driver` names the CSI driver that provides the volume, as registered on the node (a DNS-subdomain-like name of at most 63 characters, e.g. `secrets-store.csi.k8s.io`).",
            "`driver` 是提供该卷的 CSI 驱动在节点上注册的名字（类似 DNS 子域名，最多 63 个字符，例如 `secrets-store.csi.k8s.io`）。",
            "Set `driver:` to the name of an installed CSI driver.",
            "把 `driver:` 设置为已安装的 CSI 驱动名。",
        )
    };
    if driver.is_empty() {
        errs.push(driver_help(Diagnostic::required(&dp, dspan, "")));
    }
    if driver.len() > 63 {
        errs.push(driver_help(Diagnostic::too_long(&dp, dspan, 63)));
    }
    for msg in super::names::is_dns1123_subdomain(&driver.to_lowercase()) {
        errs.push(driver_help(Diagnostic::invalid(&dp, dspan, driver, msg)));
    }
    if let Some(r) = src.get("nodePublishSecretRef") {
        let name = str_of(r, "name");
        if name.is_empty() {
            required(r, "name", &p.child("nodePublishSecretRef"), "", "csi", errs);
        } else {
            check_name(
                NameFormat::Dns1123Subdomain,
                name,
                &p.child("name"),
                value_span(r, "name"),
                ("the Secret name", "Secret 名"),
                rules::VOLUME_CSI_SECRET_NAME,
                errs,
            );
        }
    }
}

fn image(src: &Node, p: &FieldPath, errs: &mut Vec<Diagnostic>) {
    if str_of(src, "reference").is_empty() {
        errs.push(help(
            Diagnostic::required(p.child("reference"), req_span(src, "reference"), ""),
            rules::VOLUME_IMAGE_REFERENCE,
            "An image volume mounts the content of an OCI image; `reference` says which image (like a container's `image`).",
            "镜像卷把一个 OCI 镜像的内容挂载进来；`reference` 指明是哪个镜像（和容器的 `image` 一样）。",
            "Add `reference: registry.example.com/data:v1`.",
            "加上 `reference: registry.example.com/data:v1`。",
        ));
    }
    let pp = p.child("pullPolicy");
    match src.get("pullPolicy").and_then(Node::as_str).unwrap_or("") {
        "Always" | "IfNotPresent" | "Never" => {}
        "" => errs.push(help(
            Diagnostic::required(&pp, req_span(src, "pullPolicy"), ""),
            rules::VOLUME_IMAGE_PULL_POLICY,
            "pullPolicy says when the kubelet pulls the image: Always, IfNotPresent or Never.",
            "pullPolicy 说明 kubelet 何时拉取镜像：Always、IfNotPresent 或 Never。",
            "Set `pullPolicy: IfNotPresent`.",
            "设置 `pullPolicy: IfNotPresent`。",
        )),
        other => errs.push(help(
            Diagnostic::not_supported(&pp, value_span(src, "pullPolicy"), other, &["Always", "IfNotPresent", "Never"]),
            rules::VOLUME_IMAGE_PULL_POLICY,
            "pullPolicy says when the kubelet pulls the image: Always, IfNotPresent or Never (case matters).",
            "pullPolicy 说明 kubelet 何时拉取镜像：Always、IfNotPresent 或 Never（区分大小写）。",
            "Use one of Always, IfNotPresent, Never.",
            "使用 Always、IfNotPresent、Never 之一。",
        )),
    }
}

/// `validateDownwardAPIVolumeFile(file, fldPath)`: note that Go passes the source's path, not
/// `items[i]`.
fn downward_api_file(file: &Node, p: &FieldPath, errs: &mut Vec<Diagnostic>) {
    let path = str_of(file, "path");
    if path.is_empty() {
        errs.push(help(
            Diagnostic::required(p.child("path"), req_span(file, "path"), ""),
            rules::VOLUME_DOWNWARD_API_PATH,
            "Each downwardAPI item writes one piece of pod information to a file; `path` is the file name, relative to the mount point.",
            "每个 downwardAPI item 把一项 Pod 信息写进一个文件；`path` 是文件名（相对于挂载点）。",
            "Add `path: labels` (any relative file name).",
            "加上 `path: labels`（任意相对文件名）。",
        ));
    }
    local_non_reserved_path(path, &p.child("path"), value_span(file, "path"), errs);
    match (file.get("fieldRef"), file.get("resourceFieldRef")) {
        (Some(fr), rfr) => {
            validate_object_field_selector(fr, VOLUME_FIELD_PATHS, &p.child("fieldRef"), errs);
            if rfr.is_some() {
                errs.push(help(
                    Diagnostic::invalid(p, missing(file), "resource", "fieldRef and resourceFieldRef can not be specified simultaneously"),
                    rules::VOLUME_DOWNWARD_API_BOTH,
                    "A downwardAPI item exposes either a pod field (fieldRef) or a container resource (resourceFieldRef), not both.",
                    "一个 downwardAPI item 要么暴露 Pod 字段（fieldRef），要么暴露容器资源（resourceFieldRef），不能同时设置。",
                    "Split it into two items with different paths.",
                    "拆成两个 path 不同的 item。",
                ));
            }
        }
        (None, Some(rfr)) => {
            validate_resource_field_selector(rfr, true, &p.child("resourceFieldRef"), errs);
        }
        (None, None) => errs.push(help(
            Diagnostic::required(p, missing(file), "one of fieldRef and resourceFieldRef is required"),
            rules::VOLUME_DOWNWARD_API_NONE,
            "A downwardAPI item must say what to write: a pod field (fieldRef) or a container resource (resourceFieldRef).",
            "downwardAPI item 必须说明写什么：Pod 字段（fieldRef）或容器资源（resourceFieldRef）。",
            "Add `fieldRef: {fieldPath: metadata.labels}`.",
            "加上 `fieldRef: {fieldPath: metadata.labels}`。",
        )),
    }
    file_mode(file, "mode", p, errs);
}

/// `validateProjectedVolumeSource` / `validateProjectionSources`.
fn projected(src: &Node, p: &FieldPath, errs: &mut Vec<Diagnostic>) {
    file_mode(src, "defaultMode", p, errs);
    let mut all_paths: Vec<String> = Vec::new();
    let dup_help = |d: Diagnostic| {
        help(
            d,
            rules::VOLUME_PROJECTED_DUPLICATE_PATH,
            "All sources of a projected volume write into the same directory, so two of them cannot write the same file path.",
            "projected 卷的所有来源都写进同一个目录，所以不能有两个来源写同一个文件路径。",
            "Give each projected file its own path (use `items` to rename keys).",
            "给每个投射文件一个不同的 path（用 `items` 给键改名）。",
        )
    };
    for (i, source) in src.seq("sources").iter().enumerate() {
        let sp = p.child("sources").index(i);
        let mut num = 0;
        for kind in ["secret", "configMap"] {
            let Some(s) = source.get(kind) else { continue };
            num += 1;
            let pp = sp.child(kind);
            if str_of(s, "name").is_empty() {
                required(s, "name", &pp, "", kind, errs);
            }
            for (j, kp) in s.seq("items").iter().enumerate() {
                key_to_path(kp, &pp.child("items").index(j), errs);
                let path = str_of(kp, "path");
                if !path.is_empty() {
                    if all_paths.iter().any(|x| x == path) {
                        errs.push(dup_help(Diagnostic::invalid(
                            p,
                            value_span(kp, "path"),
                            str_of(s, "name"),
                            "conflicting duplicate paths",
                        )));
                    } else {
                        all_paths.push(path.to_string());
                    }
                }
            }
        }
        if let Some(d) = source.get("downwardAPI") {
            num += 1;
            let pp = sp.child("downwardAPI");
            for file in d.seq("items") {
                downward_api_file(file, &pp, errs);
                let path = str_of(file, "path");
                if !path.is_empty() {
                    if all_paths.iter().any(|x| x == path) {
                        errs.push(dup_help(Diagnostic::invalid(
                            p,
                            value_span(file, "path"),
                            path,
                            "conflicting duplicate paths",
                        )));
                    } else {
                        all_paths.push(path.to_string());
                    }
                }
            }
        }
        if let Some(t) = source.get("serviceAccountToken") {
            num += 1;
            let pp = sp.child("serviceAccountToken");
            // SetDefaults_ServiceAccountTokenProjection: expirationSeconds defaults to 3600.
            let exp = int_of(t, "expirationSeconds").unwrap_or(3600);
            let exp_help = |d: Diagnostic| {
                help(
                    d,
                    rules::VOLUME_PROJECTED_TOKEN_EXPIRATION,
                    "A projected service account token must live between 10 minutes (600 s) and 2^32 seconds; the kubelet refreshes it before it expires.",
                    "投射的服务账号令牌有效期必须在 10 分钟（600 秒）到 2^32 秒之间；kubelet 会在过期前刷新它。",
                    "Use e.g. `expirationSeconds: 3600`.",
                    "例如使用 `expirationSeconds: 3600`。",
                )
            };
            if exp < 600 {
                errs.push(exp_help(Diagnostic::invalid(
                    pp.child("expirationSeconds"),
                    value_span(t, "expirationSeconds"),
                    exp,
                    "may not specify a duration less than 10 minutes",
                )));
            }
            if exp > 1 << 32 {
                errs.push(exp_help(Diagnostic::invalid(
                    pp.child("expirationSeconds"),
                    value_span(t, "expirationSeconds"),
                    exp,
                    "may not specify a duration larger than 2^32 seconds",
                )));
            }
            let path = str_of(t, "path");
            if path.is_empty() {
                errs.push(help(
                    Diagnostic::required(p.child("path"), req_span(t, "path"), ""),
                    rules::VOLUME_PROJECTED_TOKEN_PATH,
                    "A serviceAccountToken projection needs `path`: the file the token is written to.",
                    "serviceAccountToken 投射需要 `path`：令牌写入的文件名。",
                    "Add `path: token`.",
                    "加上 `path: token`。",
                ));
            } else {
                local_non_reserved_path(path, &p.child("path"), value_span(t, "path"), errs);
            }
        }
        if let Some(c) = source.get("clusterTrustBundle") {
            num += 1;
            cluster_trust_bundle(c, p, &sp.child("clusterTrustBundle"), &mut all_paths, errs);
        }
        if num > 1 {
            errs.push(help(
                Diagnostic::forbidden(&sp, missing(source), "may not specify more than 1 volume type per source"),
                rules::VOLUME_PROJECTED_MULTIPLE,
                "Each entry of `sources` projects exactly one thing (a secret, a configMap, downwardAPI, a serviceAccountToken or a clusterTrustBundle).",
                "`sources` 的每一项只能投射一种东西（secret、configMap、downwardAPI、serviceAccountToken 或 clusterTrustBundle）。",
                "Start a new `- ` list item for the second source.",
                "为第二个来源新开一个 `- ` 列表项。",
            ));
        }
    }
}

fn cluster_trust_bundle(
    c: &Node,
    projected: &FieldPath,
    p: &FieldPath,
    all_paths: &mut Vec<String>,
    errs: &mut Vec<Diagnostic>,
) {
    let name = c.get("name").and_then(Node::as_str);
    let signer = c.get("signerName").and_then(Node::as_str);
    let ctb_help = |d: Diagnostic| {
        help(
            d,
            rules::VOLUME_PROJECTED_CLUSTER_TRUST_BUNDLE,
            "A clusterTrustBundle projection selects certificates either by bundle `name` or by `signerName` (with an optional labelSelector), not both.",
            "clusterTrustBundle 投射要么用 `name` 选择证书包，要么用 `signerName`（可加 labelSelector），不能同时使用。",
            "Set exactly one of name and signerName.",
            "name 和 signerName 只设置一个。",
        )
    };
    match (name, signer) {
        (Some(_), Some(_)) => errs.push(ctb_help(Diagnostic::invalid(
            p,
            missing(c),
            BadValue::Raw("core.ClusterTrustBundleProjection{…}".into()),
            "only one of name and signerName may be used",
        ))),
        (Some(n), None) => {
            if n.is_empty() {
                errs.push(ctb_help(Diagnostic::required(
                    p.child("name"),
                    req_span(c, "name"),
                    "must be a valid object name",
                )));
            }
            if c.get("labelSelector").is_some() {
                errs.push(ctb_help(Diagnostic::invalid(
                    p.child("labelSelector"),
                    value_span(c, "labelSelector"),
                    BadValue::Raw("&v1.LabelSelector{…}".into()),
                    "labelSelector must be unset if name is specified",
                )));
            }
        }
        (None, Some(s)) => {
            if s.is_empty() {
                errs.push(ctb_help(Diagnostic::required(
                    p.child("signerName"),
                    req_span(c, "signerName"),
                    "must be a valid signer name",
                )));
            }
            super::meta::validate_label_selector(
                c.get("labelSelector"),
                false,
                &p.child("labelSelector"),
                errs,
            );
        }
        (None, None) => errs.push(ctb_help(Diagnostic::required(
            p,
            missing(c),
            "either name or signerName must be specified",
        ))),
    }
    let path = str_of(c, "path");
    if path.is_empty() {
        required(c, "path", p, "", "clusterTrustBundle", errs);
    }
    local_non_reserved_path(path, &p.child("path"), value_span(c, "path"), errs);
    if all_paths.iter().any(|x| x == path) {
        errs.push(
            Diagnostic::invalid(
                projected,
                value_span(c, "path"),
                path,
                "conflicting duplicate paths",
            )
            .with_rule(rules::VOLUME_PROJECTED_DUPLICATE_PATH),
        );
    } else {
        all_paths.push(path.to_string());
    }
}

/// `validateEphemeralVolumeSource` → `ValidatePersistentVolumeClaimTemplate`.
fn ephemeral(src: &Node, p: &FieldPath, errs: &mut Vec<Diagnostic>) {
    let Some(t) = src.get("volumeClaimTemplate") else {
        errs.push(help(
            Diagnostic::required(p.child("volumeClaimTemplate"), missing(src), ""),
            rules::VOLUME_EPHEMERAL_TEMPLATE,
            "An ephemeral volume is a PersistentVolumeClaim created for this Pod; volumeClaimTemplate describes that claim.",
            "临时卷是为这个 Pod 创建的 PVC；volumeClaimTemplate 描述这个 PVC。",
            "Add `volumeClaimTemplate: {spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}`.",
            "加上 `volumeClaimTemplate: {spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}`。",
        ));
        return;
    };
    let tp = p.child("volumeClaimTemplate");
    // ValidateTemplateObjectMeta: annotations, labels, and nothing else.
    if let Some(m) = t.get("metadata") {
        let mp = tp.child("metadata");
        super::meta::validate_annotations(m.get("annotations"), &mp.child("annotations"), errs);
        super::meta::validate_labels(m.get("labels"), &mp.child("labels"), errs);
        for e in m.as_map().unwrap_or(&[]) {
            if e.key != "labels" && e.key != "annotations" && !e.value.is_null() {
                errs.push(help(
                    Diagnostic::forbidden(mp.child(&e.key), e.key_span, "cannot be set"),
                    rules::VOLUME_EPHEMERAL_METADATA,
                    "The claim's name, namespace and the rest of its metadata are chosen by Kubernetes (<pod>-<volume>); only labels and annotations may be given.",
                    "PVC 的名字、命名空间等元数据由 Kubernetes 决定（<Pod 名>-<卷名>），这里只能写 labels 和 annotations。",
                    format!("Remove `{}` from the template's metadata.", e.key),
                    format!("从模板的 metadata 中删掉 `{}`。", e.key),
                ));
            }
        }
    }
    let empty = Node::new(Value::Map(Vec::new()), t.span);
    let spec = t.get("spec").unwrap_or(&empty);
    pvc_spec(spec, &tp.child("spec"), errs);
}

const ACCESS_MODES: &[&str] = &[
    "ReadOnlyMany",
    "ReadWriteMany",
    "ReadWriteOnce",
    "ReadWriteOncePod",
];

/// `ValidatePersistentVolumeClaimSpec` (the parts a claim template meets).
fn pvc_spec(spec: &Node, p: &FieldPath, errs: &mut Vec<Diagnostic>) {
    let modes = strings_of(spec, "accessModes");
    if modes.is_empty() {
        errs.push(help(
            Diagnostic::required(p.child("accessModes"), req_span(spec, "accessModes"), "at least 1 access mode is required"),
            rules::PVC_ACCESS_MODES_REQUIRED,
            "A claim says how the volume will be mounted: ReadWriteOnce (one node), ReadOnlyMany, ReadWriteMany or ReadWriteOncePod.",
            "PVC 要说明卷的挂载方式：ReadWriteOnce（单节点）、ReadOnlyMany、ReadWriteMany 或 ReadWriteOncePod。",
            "Add `accessModes: [ReadWriteOnce]`.",
            "加上 `accessModes: [ReadWriteOnce]`。",
        ));
    }
    super::meta::validate_label_selector(spec.get("selector"), false, &p.child("selector"), errs);
    let mut rwop = false;
    let mut other = false;
    for (m, span) in &modes {
        if !ACCESS_MODES.contains(m) {
            errs.push(help(
                Diagnostic::not_supported(p.child("accessModes"), *span, *m, ACCESS_MODES),
                rules::PVC_ACCESS_MODES_VALUE,
                "Access modes are ReadWriteOnce, ReadOnlyMany, ReadWriteMany or ReadWriteOncePod (case matters).",
                "访问模式只能是 ReadWriteOnce、ReadOnlyMany、ReadWriteMany 或 ReadWriteOncePod（区分大小写）。",
                "Use one of the supported values.",
                "使用支持的值之一。",
            ));
        } else if *m == "ReadWriteOncePod" {
            rwop = true;
        } else {
            other = true;
        }
    }
    if rwop && other {
        errs.push(help(
            Diagnostic::forbidden(p.child("accessModes"), value_span(spec, "accessModes"), "may not use ReadWriteOncePod with other access modes"),
            rules::PVC_ACCESS_MODES_RWOP,
            "ReadWriteOncePod means exactly one Pod may use the volume; combining it with other modes would contradict that.",
            "ReadWriteOncePod 表示只允许一个 Pod 使用该卷，和其他模式组合会自相矛盾。",
            "Use ReadWriteOncePod alone.",
            "只使用 ReadWriteOncePod。",
        ));
    }
    let sp = p.child("resources").key("storage");
    let requests = spec.get("resources").and_then(|r| r.get("requests"));
    match requests.and_then(|r| r.get("storage")) {
        None => errs.push(help(
            Diagnostic::required(
                &sp,
                requests
                    .or(spec.get("resources"))
                    .map(missing)
                    .unwrap_or_else(|| missing(spec)),
                "",
            ),
            rules::PVC_STORAGE_REQUIRED,
            "A claim must say how much storage it needs (resources.requests.storage).",
            "PVC 必须说明需要多少存储（resources.requests.storage）。",
            "Add `resources: {requests: {storage: 1Gi}}`.",
            "加上 `resources: {requests: {storage: 1Gi}}`。",
        )),
        Some(n) => {
            if let Some(q) = quantity_of(n) {
                if q.sign() <= 0 {
                    errs.push(help(
                        Diagnostic::invalid(
                            &sp,
                            n.span,
                            q.canonical(),
                            "must be greater than zero",
                        ),
                        rules::PVC_STORAGE_POSITIVE,
                        "The requested storage size must be more than zero.",
                        "请求的存储大小必须大于零。",
                        "Request e.g. `storage: 1Gi`.",
                        "例如请求 `storage: 1Gi`。",
                    ));
                }
            }
        }
    }
    if let Some(sc) = spec
        .get("storageClassName")
        .and_then(Node::as_str)
        .filter(|s| !s.is_empty())
    {
        check_name(
            NameFormat::Dns1123Subdomain,
            sc,
            &p.child("storageClassName"),
            value_span(spec, "storageClassName"),
            ("the storage class name", "存储类名"),
            rules::PVC_STORAGE_CLASS_NAME,
            errs,
        );
    }
    if let Some(vm) = spec.get("volumeMode").and_then(Node::as_str) {
        if vm != "Block" && vm != "Filesystem" {
            errs.push(help(
                Diagnostic::not_supported(p.child("volumeMode"), value_span(spec, "volumeMode"), vm, &["Block", "Filesystem"]),
                rules::PVC_VOLUME_MODE,
                "volumeMode is Filesystem (mounted as a directory, the default) or Block (a raw device).",
                "volumeMode 是 Filesystem（挂载为目录，默认）或 Block（裸设备）。",
                "Use `volumeMode: Filesystem`.",
                "使用 `volumeMode: Filesystem`。",
            ));
        }
    }
    if let Some(vac) = spec
        .get("volumeAttributesClassName")
        .and_then(Node::as_str)
        .filter(|s| !s.is_empty())
    {
        check_name(
            NameFormat::Dns1123Subdomain,
            vac,
            &p.child("volumeAttributesClassName"),
            value_span(spec, "volumeAttributesClassName"),
            ("the volume attributes class name", "卷属性类名"),
            rules::PVC_VOLUME_ATTRIBUTES_CLASS_NAME,
            errs,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn iscsi_name_formats() {
        assert!(iqn_matches("iqn.2015-02.example.com:test"));
        assert!(iqn_matches(
            "iqn.2001-04.com.example:storage.disk1.sys1.xyz"
        ));
        assert!(!iqn_matches("iqn.2015-02.example.com"));
        assert!(!iqn_matches("iqn.201502.example.com:a"));
        assert!(!iqn_matches("iqn.2015-02.example.com:a b"));
        assert!(prefixed_alnum("eui.02004567A425678D", "eui", 16));
        assert!(!prefixed_alnum("eui.02004567A425678", "eui", 16));
        assert!(prefixed_alnum(
            "naa.62004567BA64678D0123456789ABCDEF",
            "naa",
            32
        ));
        assert_eq!(
            iqn_format_error("foo"),
            Some("must be valid format starting with iqn, eui, or naa")
        );
    }

    #[test]
    fn host_ports() {
        assert!(split_host_port_ok("host:1234"));
        assert!(split_host_port_ok("[::1]:80"));
        assert!(!split_host_port_ok("host"));
        assert!(!split_host_port_ok("a:b:c"));
    }
}
