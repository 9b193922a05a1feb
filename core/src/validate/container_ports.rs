//! Container ports: `validateContainerPorts` and `checkHostPortConflicts` /
//! `AccumulateUniqueHostPorts` of validation.go.

use super::container::{at, case_fix, help, int_of, str_of, with_fix};
use super::names;
use crate::diag::{Diagnostic, FieldPath};
use crate::rules;
use crate::tree::Node;

/// `supportedPortProtocols`, as `sets.List` sorts them.
const PROTOCOLS: &[&str] = &["SCTP", "TCP", "UDP"];

/// `validateContainerPorts` (`path` is `spec.containers[i].ports`).
pub(crate) fn validate_container_ports(
    ports: &[Node],
    path: &FieldPath,
    errs: &mut Vec<Diagnostic>,
) {
    let mut all_names: Vec<&str> = Vec::new();
    for (i, port) in ports.iter().enumerate() {
        let p = path.index(i);
        let name = str_of(port, "name");
        if !name.is_empty() {
            let msgs = names::is_valid_port_name(name);
            if !msgs.is_empty() {
                let lower = name.to_ascii_lowercase();
                let fixable = names::is_valid_port_name(&lower).is_empty();
                for msg in msgs {
                    let d = Diagnostic::invalid(p.child("name"), at(port, "name"), name, msg);
                    let fix_en = if fixable {
                        format!("Use `{lower}`.")
                    } else {
                        "Use a short lowercase name with at least one letter, like `http`, `metrics` or `grpc-api`.".to_string()
                    };
                    let fix_zh = if fixable {
                        format!("改为 `{lower}`。")
                    } else {
                        "使用简短的小写名字，至少包含一个字母，例如 `http`、`metrics` 或 `grpc-api`。".to_string()
                    };
                    let d = help(
                        d,
                        rules::PORT_NAME_INVALID,
                        format!("A port name is an IANA service name: at most 15 characters, only lowercase a-z, digits and '-', with at least one letter, no '--', and not starting or ending with '-'. \"{name}\" is not. Services and probes can refer to the port by this name."),
                        format!("端口名是 IANA 服务名：最多 15 个字符，只能有小写 a-z、数字和 '-'，至少含一个字母，不能有 '--'，不能以 '-' 开头或结尾。\"{name}\" 不符合。Service 和探针可以用这个名字引用端口。"),
                        fix_en,
                        fix_zh,
                    );
                    errs.push(if fixable {
                        with_fix(d, port, "name", &lower)
                    } else {
                        d
                    });
                }
            } else if all_names.contains(&name) {
                let d = Diagnostic::duplicate(p.child("name"), at(port, "name"), name);
                errs.push(help(
                    d,
                    rules::PORT_NAME_DUPLICATE,
                    format!("Two ports of this container are named \"{name}\"; a name must point at exactly one port."),
                    format!("这个容器有两个端口都叫 \"{name}\"；一个名字只能对应一个端口。"),
                    format!("Give the second port another name, e.g. `{name}-2`, or remove the duplicate entry."),
                    format!("给第二个端口换个名字，例如 `{name}-2`，或删掉重复的条目。"),
                ));
            } else {
                all_names.push(name);
            }
        }
        let cp = int_of(port, "containerPort").unwrap_or(0);
        if cp == 0 {
            let d = Diagnostic::required(p.child("containerPort"), at(port, "containerPort"), "");
            errs.push(help(
                d,
                rules::CONTAINER_PORT_REQUIRED,
                "Each entry under `ports` describes a port the container listens on, so it needs `containerPort` (a number from 1 to 65535).",
                "`ports` 下的每一项描述容器监听的一个端口，因此必须有 `containerPort`（1 到 65535 的数字）。",
                "Add `containerPort: <number>`, e.g. `containerPort: 8080`. (Check the indentation: `containerPort` belongs to the `- ` item.)",
                "加上 `containerPort: <数字>`，例如 `containerPort: 8080`。（注意缩进：`containerPort` 属于这个 `- ` 条目。）",
            ));
        } else {
            for msg in names::is_valid_port_num(cp) {
                let d = Diagnostic::invalid(
                    p.child("containerPort"),
                    at(port, "containerPort"),
                    cp,
                    msg,
                );
                errs.push(help(
                    d,
                    rules::CONTAINER_PORT_RANGE,
                    format!("{cp} is not a TCP/UDP port number: ports go from 1 to 65535."),
                    format!("{cp} 不是合法的 TCP/UDP 端口号：端口范围是 1 到 65535。"),
                    "Use the port the program in the image listens on, between 1 and 65535.",
                    "填写镜像里程序实际监听的端口，范围 1 到 65535。",
                ));
            }
        }
        let hp = int_of(port, "hostPort").unwrap_or(0);
        if hp != 0 {
            for msg in names::is_valid_port_num(hp) {
                let d = Diagnostic::invalid(p.child("hostPort"), at(port, "hostPort"), hp, msg);
                errs.push(help(
                    d,
                    rules::HOST_PORT_RANGE,
                    format!("{hp} is not a port number the node can open: ports go from 1 to 65535."),
                    format!("{hp} 不是节点能打开的端口号：端口范围是 1 到 65535。"),
                    "Use a hostPort between 1 and 65535, or remove `hostPort` (most Pods do not need one; a Service is the usual way in).",
                    "把 hostPort 改为 1 到 65535 之间的值，或删掉 `hostPort`（大多数 Pod 不需要它，通常用 Service 访问）。",
                ));
            }
        }
        let proto = str_of(port, "protocol");
        if proto.is_empty() {
            let d = Diagnostic::required(p.child("protocol"), at(port, "protocol"), "");
            errs.push(help(
                d,
                rules::PORT_PROTOCOL_REQUIRED,
                "`protocol` may not be empty (left out, it defaults to TCP).",
                "`protocol` 不能为空（不写时默认 TCP）。",
                "Remove the empty `protocol` or set `TCP`, `UDP` or `SCTP`.",
                "删掉空的 `protocol`，或写 `TCP`、`UDP`、`SCTP` 之一。",
            ));
        } else if !PROTOCOLS.contains(&proto) {
            let d = Diagnostic::not_supported(
                p.child("protocol"),
                at(port, "protocol"),
                proto,
                PROTOCOLS,
            );
            let d = help(
                d,
                rules::PORT_PROTOCOL_UNSUPPORTED,
                format!("\"{proto}\" is not a port protocol. Kubernetes knows TCP (the default), UDP and SCTP, written in capitals. (HTTP runs over TCP.)"),
                format!("\"{proto}\" 不是合法的端口协议。Kubernetes 只认 TCP（默认）、UDP 和 SCTP，要大写。（HTTP 走的是 TCP。）"),
                "Use `TCP`, `UDP` or `SCTP`, or remove `protocol` for TCP.",
                "请写 `TCP`、`UDP` 或 `SCTP`，或删掉 `protocol` 使用默认的 TCP。",
            );
            errs.push(case_fix(d, port, "protocol", proto, PROTOCOLS));
        }
    }
}

/// `checkHostPortConflicts`: the same `protocol/hostIP/hostPort` may be used once across
/// `containers` (`path` is the list's path). Init containers are checked one at a time.
pub(crate) fn check_host_port_conflicts(
    containers: &[Node],
    path: &FieldPath,
    errs: &mut Vec<Diagnostic>,
) {
    let mut seen: Vec<String> = Vec::new();
    for (ci, c) in containers.iter().enumerate() {
        let ports_path = path.index(ci).child("ports");
        for (pi, port) in c.seq("ports").iter().enumerate() {
            let hp = int_of(port, "hostPort").unwrap_or(0);
            if hp == 0 {
                continue;
            }
            let key = format!(
                "{}/{}/{}",
                str_of(port, "protocol"),
                str_of(port, "hostIP"),
                hp
            );
            if seen.contains(&key) {
                let d = Diagnostic::duplicate(
                    ports_path.index(pi).child("hostPort"),
                    at(port, "hostPort"),
                    key.as_str(),
                );
                errs.push(help(
                    d,
                    rules::HOST_PORT_CONFLICT,
                    format!("Host port {hp} ({key}) is asked for twice in this Pod. A node can give a port to only one listener, so two containers (or two entries) cannot both take it."),
                    format!("这个 Pod 两次申请了主机端口 {hp}（{key}）。节点上一个端口只能给一个监听者，两个容器（或两个条目）不能同时占用。"),
                    "Use a different hostPort for one of them, or drop `hostPort` and reach the Pod through a Service.",
                    "给其中一个换一个 hostPort，或者去掉 `hostPort`，改用 Service 访问 Pod。",
                ));
            } else {
                seen.push(key);
            }
        }
    }
}
