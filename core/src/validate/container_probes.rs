//! Probes and lifecycle hooks: `validateLivenessProbe`, `validateReadinessProbe`,
//! `validateStartupProbe`, `validateProbe`, `validateHandler` (exec, httpGet, tcpSocket, grpc,
//! sleep), `validateLifecycle`, `validateSleepAction` (PodLifecycleSleepActionAllowZero is on).

use super::container::{at, case_fix, help, int_of, str_of, with_fix_raw, PodContext};
use super::names;
use crate::diag::{BadValue, Diagnostic, FieldPath};
use crate::rules;
use crate::tree::{Node, Value};

pub(crate) fn validate_liveness_probe(
    probe: Option<&Node>,
    path: &FieldPath,
    ctx: &PodContext,
    errs: &mut Vec<Diagnostic>,
) {
    let Some(probe) = probe else { return };
    validate_probe(probe, path, ctx, errs);
    success_threshold_must_be_one(probe, path, "liveness", errs);
}

pub(crate) fn validate_readiness_probe(
    probe: Option<&Node>,
    path: &FieldPath,
    ctx: &PodContext,
    errs: &mut Vec<Diagnostic>,
) {
    let Some(probe) = probe else { return };
    validate_probe(probe, path, ctx, errs);
    if let Some(t) = probe.get("terminationGracePeriodSeconds") {
        // Go passes the *int64: printed as its value.
        let d = Diagnostic::invalid(
            path.child("terminationGracePeriodSeconds"),
            t.span,
            int_value(t),
            "must not be set for readinessProbes",
        );
        errs.push(help(
            d,
            rules::READINESS_PROBE_GRACE_PERIOD,
            "A failing readiness probe never kills the container (it only takes the Pod out of Service endpoints), so a grace period for killing makes no sense here.",
            "就绪探针失败时并不会杀掉容器（只会把 Pod 从 Service 的端点中摘除），所以这里不需要终止宽限期。",
            "Remove `terminationGracePeriodSeconds` from the readiness probe.",
            "从就绪探针中删除 `terminationGracePeriodSeconds`。",
        ));
    }
}

pub(crate) fn validate_startup_probe(
    probe: Option<&Node>,
    path: &FieldPath,
    ctx: &PodContext,
    errs: &mut Vec<Diagnostic>,
) {
    let Some(probe) = probe else { return };
    validate_probe(probe, path, ctx, errs);
    success_threshold_must_be_one(probe, path, "startup", errs);
}

fn success_threshold_must_be_one(
    probe: &Node,
    path: &FieldPath,
    kind: &str,
    errs: &mut Vec<Diagnostic>,
) {
    let st = int_of(probe, "successThreshold").unwrap_or(0);
    if st != 1 {
        let d = Diagnostic::invalid(
            path.child("successThreshold"),
            at(probe, "successThreshold"),
            st,
            "must be 1",
        );
        let (en, zh) = if kind == "liveness" {
            (
                "For a liveness probe one success is enough to know the container is alive again, so `successThreshold` must be 1 (it is only adjustable for readiness probes).",
                "对存活探针来说，一次成功就足以说明容器又活过来了，所以 `successThreshold` 必须是 1（只有就绪探针可以调整它）。",
            )
        } else {
            (
                "A startup probe is done after its first success, so `successThreshold` must be 1 (it is only adjustable for readiness probes).",
                "启动探针第一次成功就结束了，所以 `successThreshold` 必须是 1（只有就绪探针可以调整它）。",
            )
        };
        let d = help(
            d,
            rules::PROBE_SUCCESS_THRESHOLD,
            en,
            zh,
            "Set `successThreshold: 1` or remove it (it defaults to 1).",
            "写 `successThreshold: 1` 或删掉它（默认就是 1）。",
        );
        errs.push(with_fix_raw(d, probe, "successThreshold", "1"));
    }
}

/// `validateProbe`.
fn validate_probe(probe: &Node, path: &FieldPath, ctx: &PodContext, errs: &mut Vec<Diagnostic>) {
    validate_handler(probe, path, ctx, false, errs);
    for field in [
        "initialDelaySeconds",
        "timeoutSeconds",
        "periodSeconds",
        "successThreshold",
        "failureThreshold",
    ] {
        let v = int_of(probe, field).unwrap_or(0);
        if v < 0 {
            let d = Diagnostic::invalid(
                path.child(field),
                at(probe, field),
                v,
                "must be greater than or equal to 0",
            );
            errs.push(help(
                d,
                rules::PROBE_NEGATIVE,
                format!(
                    "`{field}` is a count of seconds or attempts and cannot be negative ({v})."
                ),
                format!("`{field}` 是秒数或次数，不能为负（{v}）。"),
                format!("Use a positive value, or remove `{field}` to get the default."),
                format!("改为正数，或删掉 `{field}` 使用默认值。"),
            ));
        }
    }
    if let Some(t) = probe
        .get("terminationGracePeriodSeconds")
        .and_then(Node::as_i64)
    {
        if t <= 0 {
            let d = Diagnostic::invalid(
                path.child("terminationGracePeriodSeconds"),
                at(probe, "terminationGracePeriodSeconds"),
                t,
                "must be greater than 0",
            );
            errs.push(help(
                d,
                rules::PROBE_GRACE_PERIOD,
                "The probe's grace period is how long the container gets to stop after the probe fails; it must be at least 1 second.",
                "探针的宽限期是探针失败后给容器停止的时间，至少要 1 秒。",
                "Use a value of 1 or more, or remove it to use the Pod's `terminationGracePeriodSeconds`.",
                "改为 1 或更大，或删掉它以沿用 Pod 的 `terminationGracePeriodSeconds`。",
            ));
        }
    }
}

/// `validateHandler` over the probe's or hook's handler fields; `hook` selects the lifecycle
/// handler's set (exec, httpGet, tcpSocket, sleep) over the probe's (exec, httpGet, tcpSocket, grpc).
fn validate_handler(
    h: &Node,
    path: &FieldPath,
    ctx: &PodContext,
    hook: bool,
    errs: &mut Vec<Diagnostic>,
) {
    let kinds: &[&str] = if hook {
        &["exec", "httpGet", "tcpSocket", "sleep"]
    } else {
        &["exec", "httpGet", "tcpSocket", "grpc"]
    };
    let mut n = 0;
    for &kind in kinds {
        let Some(action) = h.get(kind) else { continue };
        let p = path.child(kind);
        if n > 0 {
            let span = super::key_span(h, kind);
            let d = Diagnostic::forbidden(&p, span, "may not specify more than 1 handler type");
            errs.push(help(
                d,
                rules::HANDLER_MANY,
                format!("A probe or hook does exactly one kind of check, but this one also has `{kind}`."),
                format!("一个探针或钩子只能有一种检查方式，这里又写了 `{kind}`。"),
                format!("Keep one of exec, httpGet, tcpSocket{}; remove `{kind}`.", if hook { ", sleep" } else { ", grpc" }),
                format!("只保留 exec、httpGet、tcpSocket{} 中的一个；删掉 `{kind}`。", if hook { "、sleep" } else { "、grpc" }),
            ));
            continue;
        }
        n += 1;
        match kind {
            "exec" => {
                if action.seq("command").is_empty() {
                    let d = Diagnostic::required(p.child("command"), at(action, "command"), "");
                    errs.push(help(
                        d,
                        rules::EXEC_COMMAND_REQUIRED,
                        "An `exec` check runs a command in the container; it needs the `command` to run (exit code 0 means success).",
                        "`exec` 检查会在容器里运行命令，需要写出 `command`（退出码为 0 表示成功）。",
                        "Add e.g. `command: [\"cat\", \"/tmp/healthy\"]`.",
                        "加上例如 `command: [\"cat\", \"/tmp/healthy\"]`。",
                    ));
                }
            }
            "httpGet" => validate_http_get(action, &p, errs),
            "tcpSocket" => validate_port_num_or_name(action, &p.child("port"), errs),
            "grpc" => {
                // GRPCAction.Port is an int32: absent is 0, outside 1-65535.
                let port = int_of(action, "port").unwrap_or(0);
                for msg in names::is_valid_port_num(port) {
                    let d = Diagnostic::invalid(p.child("port"), at(action, "port"), port, msg);
                    errs.push(port_range_help(d, port));
                }
            }
            _ => validate_sleep(action, &p, ctx, errs),
        }
    }
    if n == 0 {
        let d = Diagnostic::required(path, h.span, "must specify a handler type");
        let (en, zh, fen, fzh) = if hook {
            (
                "A lifecycle hook must say what to do: `exec` (run a command), `httpGet` (call a URL), `tcpSocket` or `sleep`.",
                "生命周期钩子必须说明要做什么：`exec`（运行命令）、`httpGet`（请求 URL）、`tcpSocket` 或 `sleep`。",
                "Add e.g. `exec: {command: [\"/bin/sh\", \"-c\", \"...\"]}` under the hook (check the indentation).",
                "在钩子下加上例如 `exec: {command: [\"/bin/sh\", \"-c\", \"...\"]}`（注意缩进）。",
            )
        } else {
            (
                "A probe must say how to check the container: `exec` (run a command), `httpGet` (an HTTP request), `tcpSocket` (open a port) or `grpc`.",
                "探针必须说明如何检查容器：`exec`（运行命令）、`httpGet`（HTTP 请求）、`tcpSocket`（连接端口）或 `grpc`。",
                "Add e.g. `httpGet: {path: /healthz, port: 8080}` under the probe (check the indentation: it belongs to the probe).",
                "在探针下加上例如 `httpGet: {path: /healthz, port: 8080}`（注意缩进：它属于探针）。",
            )
        };
        errs.push(help(d, rules::HANDLER_REQUIRED, en, zh, fen, fzh));
    }
}

fn validate_http_get(h: &Node, path: &FieldPath, errs: &mut Vec<Diagnostic>) {
    if str_of(h, "path").is_empty() {
        let d = Diagnostic::required(path.child("path"), at(h, "path"), "");
        errs.push(help(
            d,
            rules::HTTP_GET_PATH_REQUIRED,
            "`httpGet.path` may not be empty (left out, it is `/`).",
            "`httpGet.path` 不能为空（不写时默认 `/`）。",
            "Write the URL path, e.g. `path: /healthz`, or remove the empty field.",
            "写出 URL 路径，例如 `path: /healthz`，或删掉这个空字段。",
        ));
    }
    validate_port_num_or_name(h, &path.child("port"), errs);
    let scheme = str_of(h, "scheme");
    if scheme != "HTTP" && scheme != "HTTPS" {
        let d = Diagnostic::not_supported(
            path.child("scheme"),
            at(h, "scheme"),
            scheme,
            &["HTTP", "HTTPS"],
        );
        let d = help(
            d,
            rules::HTTP_GET_SCHEME,
            format!("\"{scheme}\" is not a scheme the kubelet can probe with; it speaks `HTTP` or `HTTPS` (without checking the certificate)."),
            format!("\"{scheme}\" 不是 kubelet 能使用的协议；只能是 `HTTP` 或 `HTTPS`（不校验证书）。"),
            "Use `HTTP` or `HTTPS` in capitals, or remove `scheme` for HTTP.",
            "请写大写的 `HTTP` 或 `HTTPS`，或删掉 `scheme` 使用默认的 HTTP。",
        );
        errs.push(case_fix(d, h, "scheme", scheme, &["HTTP", "HTTPS"]));
    }
    for header in h.seq("httpHeaders") {
        let name = str_of(header, "name");
        for msg in names::is_http_header_name(name) {
            let d = Diagnostic::invalid(path.child("httpHeaders"), at(header, "name"), name, msg);
            errs.push(help(
                d,
                rules::HTTP_HEADER_NAME,
                format!(
                    "\"{name}\" is not a valid HTTP header name: only letters, digits and '-'."
                ),
                format!("\"{name}\" 不是合法的 HTTP 头名：只能有字母、数字和 '-'。"),
                "Use a header name like `X-Custom-Header`.",
                "使用类似 `X-Custom-Header` 的头名。",
            ));
        }
    }
}

/// `ValidatePortNumOrName` for an IntOrString `port` field.
fn validate_port_num_or_name(action: &Node, path: &FieldPath, errs: &mut Vec<Diagnostic>) {
    match action.get("port").map(|n| &n.value) {
        Some(Value::Str(s)) => {
            for msg in names::is_valid_port_name(s) {
                let d = Diagnostic::invalid(path, at(action, "port"), s.as_str(), msg);
                let numeric = !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
                let (fen, fzh) = if numeric {
                    (
                        format!("Write the number without quotes: `port: {s}` (in quotes it is a port *name*)."),
                        format!("去掉引号写成 `port: {s}`（加了引号就成了端口*名字*）。"),
                    )
                } else {
                    (
                        "Use the name of one of the container's `ports` (lowercase, e.g. `http`) or a number.".to_string(),
                        "使用容器 `ports` 中某个端口的名字（小写，例如 `http`），或直接写数字。".to_string(),
                    )
                };
                let d = help(
                    d,
                    rules::PROBE_PORT_NAME,
                    format!("\"{s}\" is neither a port number nor a valid port name."),
                    format!("\"{s}\" 既不是端口号也不是合法的端口名。"),
                    fen,
                    fzh,
                );
                errs.push(if numeric {
                    with_fix_raw(d, action, "port", s)
                } else {
                    d
                });
            }
        }
        Some(Value::Int(_)) | Some(Value::Float(_)) | None => {
            // An absent IntOrString is the integer 0.
            let port = int_of(action, "port").unwrap_or(0);
            for msg in names::is_valid_port_num(port) {
                let d = Diagnostic::invalid(path, at(action, "port"), port, msg);
                errs.push(port_range_help(d, port));
            }
        }
        _ => {}
    }
}

fn port_range_help(d: Diagnostic, port: i64) -> Diagnostic {
    if port == 0 {
        help(
            d,
            rules::PROBE_PORT_RANGE,
            "The check has no port (0 is not a port): it must say which port of the container to connect to.",
            "这个检查没有端口（0 不是端口）：必须写明连接容器的哪个端口。",
            "Add `port:` with the number (or the name) of the port the container listens on.",
            "加上 `port:`，填写容器监听的端口号（或端口名）。",
        )
    } else {
        help(
            d,
            rules::PROBE_PORT_RANGE,
            format!("{port} is not a port number: ports go from 1 to 65535."),
            format!("{port} 不是合法的端口号：端口范围是 1 到 65535。"),
            "Use the port the container listens on.",
            "填写容器实际监听的端口。",
        )
    }
}

/// `validateSleepAction` with AllowPodLifecycleSleepActionZeroValue on.
fn validate_sleep(s: &Node, path: &FieldPath, ctx: &PodContext, errs: &mut Vec<Diagnostic>) {
    let Some(grace) = ctx.grace_period() else {
        return;
    };
    let secs = int_of(s, "seconds").unwrap_or(0);
    if secs < 0 || secs > grace {
        let d = Diagnostic::invalid(
            path,
            at(s, "seconds"),
            secs,
            format!("must be non-negative and less than terminationGracePeriodSeconds ({grace})"),
        );
        errs.push(help(
            d,
            rules::SLEEP_ACTION_RANGE,
            format!("A sleep hook waits {secs} seconds, but the Pod only gets {grace} seconds to stop before it is killed, so the sleep could never finish."),
            format!("sleep 钩子要等待 {secs} 秒，但 Pod 被强制杀掉前只有 {grace} 秒的停止时间，sleep 不可能完成。"),
            format!("Use a sleep between 0 and {grace} seconds, or raise the Pod's `terminationGracePeriodSeconds`."),
            format!("把 sleep 改为 0 到 {grace} 秒之间，或提高 Pod 的 `terminationGracePeriodSeconds`。"),
        ));
    }
}

/// `validateLifecycle` (`path` is `…lifecycle`).
pub(crate) fn validate_lifecycle(
    lc: &Node,
    path: &FieldPath,
    ctx: &PodContext,
    errs: &mut Vec<Diagnostic>,
) {
    for hook in ["postStart", "preStop"] {
        if let Some(h) = lc.get(hook) {
            validate_handler(h, &path.child(hook), ctx, true, errs);
        }
    }
}

fn int_value(n: &Node) -> BadValue {
    match &n.value {
        Value::Int(i) => BadValue::Int(*i),
        Value::Float(f) => BadValue::Float(*f),
        _ => BadValue::Null,
    }
}
