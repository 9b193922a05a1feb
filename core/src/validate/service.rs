//! `ValidateService` of validation.go.
//!
//! Defaults the API server would have filled in before validating are read as such when absent
//! (so that this works on trees whether or not `crate::defaults` covers the kind):
//! Service `type: ClusterIP`, `sessionAffinity: None`, port `protocol: TCP`, `targetPort` = `port`,
//! `internalTrafficPolicy: Cluster`, `externalTrafficPolicy: Cluster` for externally reachable
//! Services, `allocateLoadBalancerNodePorts: true` for LoadBalancers, and `clusterIPs` =
//! `[clusterIP]` (the Service strategy's normalisation). Not ported: what the Service REST storage
//! does after validation (allocating the cluster IP and node ports, and their range checks).

use crate::diag::{BadValue, Diagnostic, FieldPath};
use crate::rules;
use crate::span::Span;
use crate::tree::{Node, Value};

use super::meta::{self, KindName};
use super::volumes::req_span;
use super::{
    check_name, empty_map, go_string_slice, help, int_of, key_span, missing, names, one_per_family,
    str_of, string_map, strings_of, value_span, NameFormat,
};

const SERVICE: KindName = KindName {
    kind: "Service",
    format: NameFormat::Dns1035Label,
    namespaced: true,
    generation_reset: false,
};

struct Port<'a> {
    node: &'a Node,
    name: &'a str,
    protocol: &'a str,
    port: i64,
    node_port: i64,
}

/// `ValidateService`.
pub(crate) fn validate_service(svc: &Node) -> Vec<Diagnostic> {
    let mut errs = Vec::new();
    meta::validate_object_meta(svc, SERVICE, &mut errs);
    let empty = empty_map(svc);
    let spec = svc.get("spec").unwrap_or(&empty);
    let sp = FieldPath::root("spec");
    let ty = spec.str("type").unwrap_or("ClusterIP");
    // clusterIPs is normalised from clusterIP by the Service strategy; point at what the user
    // wrote when the list was filled in.
    let user_ip = spec
        .entry("clusterIP")
        .filter(|e| !e.value.defaulted)
        .and_then(|e| e.value.as_str().map(|s| (s, e.value.span)));
    let mut cluster_ips: Vec<(&str, Span)> = spec
        .seq("clusterIPs")
        .iter()
        .filter_map(|n| {
            let s = n.as_str()?;
            match user_ip {
                Some((ip, span)) if n.defaulted && ip == s => Some((s, span)),
                _ => Some((s, n.span)),
            }
        })
        .collect();
    if cluster_ips.is_empty() {
        if let Some((ip, span)) = user_ip.filter(|(ip, _)| !ip.is_empty()) {
            cluster_ips.push((ip, span));
        }
    }
    let headless_span = match *cluster_ips.as_slice() {
        [("None", span)] => Some(span),
        _ => None,
    };
    let headless = headless_span.is_some();
    let ports_list = spec.seq("ports");

    if ports_list.is_empty() && !headless && ty != "ExternalName" {
        errs.push(help(
            Diagnostic::required(sp.child("ports"), req_span(spec, "ports"), ""),
            rules::SERVICE_PORTS_REQUIRED,
            "A Service forwards traffic on its ports; without at least one port it could not forward anything (only headless and ExternalName Services may omit ports).",
            "Service 通过端口转发流量；没有端口就什么也转发不了（只有 headless 和 ExternalName 类型可以不写端口）。",
            "Add `ports: [{port: 80, targetPort: 8080}]`.",
            "加上 `ports: [{port: 80, targetPort: 8080}]`。",
        ));
    }
    match ty {
        "LoadBalancer" | "NodePort" if headless => errs.push(help(
            Diagnostic::invalid(sp.child("clusterIPs").index(0), headless_span.unwrap_or_default(), "None", format!("may not be set to 'None' for {ty} services")),
            rules::SERVICE_HEADLESS_TYPE,
            format!("clusterIP: None makes a headless Service (DNS only, no virtual IP); a {ty} Service needs a cluster IP to route node or load-balancer traffic to."),
            format!("clusterIP: None 表示 headless Service（只有 DNS，没有虚拟 IP）；{ty} 类型的 Service 需要集群 IP 来转发节点或负载均衡器的流量。"),
            "Remove `clusterIP: None`, or use type ClusterIP.",
            "删掉 `clusterIP: None`，或者改用 ClusterIP 类型。",
        )),
        "ExternalName" => external_name(spec, &sp, &mut errs),
        _ => {}
    }

    let mut ports = Vec::new();
    let mut names_seen: Vec<&str> = Vec::new();
    for (i, pn) in ports_list.iter().enumerate() {
        if pn.as_map().is_none() {
            continue;
        }
        ports.push(service_port(
            pn,
            ports_list.len() > 1,
            &mut names_seen,
            &sp.child("ports").index(i),
            &mut errs,
        ));
    }

    if spec.get("selector").is_some() {
        meta::validate_labels(spec.get("selector"), &sp.child("selector"), &mut errs);
    }
    let affinity = spec.str("sessionAffinity").unwrap_or("None");
    match affinity {
        "None" => {
            if spec.get("sessionAffinityConfig").is_some() {
                errs.push(Diagnostic::forbidden(sp.child("sessionAffinityConfig"), key_span(spec, "sessionAffinityConfig"), "must not be set when session affinity is None").with_rule(rules::SERVICE_SESSION_AFFINITY_CONFIG));
            }
        }
        "ClientIP" => {
            // Defaulted: timeoutSeconds 10800.
            if let Some(t) = spec.get("sessionAffinityConfig").and_then(|c| c.get("clientIP")).and_then(|c| c.get("timeoutSeconds")).and_then(Node::as_i64) {
                if t <= 0 || t > 86400 {
                    errs.push(Diagnostic::invalid(sp.child("sessionAffinityConfig").child("clientIP").child("timeoutSeconds"), missing(spec), t, "must be greater than 0 and less than 86400").with_rule(rules::SERVICE_SESSION_AFFINITY_CONFIG));
                }
            }
        }
        other => errs.push(help(
            Diagnostic::not_supported(sp.child("sessionAffinity"), value_span(spec, "sessionAffinity"), other, &["ClientIP", "None"]),
            rules::SERVICE_SESSION_AFFINITY,
            "sessionAffinity is None (any backend per connection) or ClientIP (the same client keeps reaching the same Pod).",
            "sessionAffinity 是 None（每个连接任选后端）或 ClientIP（同一客户端总是到同一个 Pod）。",
            "Use `None` or `ClientIP`.",
            "使用 `None` 或 `ClientIP`。",
        )),
    }
    if ty != "ExternalName" {
        cluster_ips_related(spec, &cluster_ips, headless, &sp, &mut errs);
    }
    let external_ips = strings_of(spec, "externalIPs");
    for (i, (ip, span)) in external_ips.iter().enumerate() {
        let p = sp.child("externalIPs").index(i);
        let msgs = names::is_valid_ip_for_legacy_field(ip, false);
        if !msgs.is_empty() {
            for m in msgs {
                errs.push(ip_help(Diagnostic::invalid(&p, *span, *ip, m)));
            }
        } else {
            non_special_ip(ip, &p, *span, &mut errs);
        }
    }
    if !["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"].contains(&ty) {
        let fixed = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]
            .into_iter()
            .find(|v| v.eq_ignore_ascii_case(ty));
        let mut d = help(
            Diagnostic::not_supported(sp.child("type"), value_span(spec, "type"), ty, &["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]),
            rules::SERVICE_TYPE,
            "A Service's type is ClusterIP (inside the cluster), NodePort (also on every node's port), LoadBalancer (also through a cloud load balancer) or ExternalName (a DNS alias). Case matters.",
            "Service 的类型是 ClusterIP（集群内）、NodePort（同时开放在每个节点的端口上）、LoadBalancer（同时通过云负载均衡器）或 ExternalName（DNS 别名）。区分大小写。",
            format!("Use `{}`.", fixed.unwrap_or("ClusterIP")),
            format!("改成 `{}`。", fixed.unwrap_or("ClusterIP")),
        );
        if let Some(f) = fixed {
            d = d.with_replacement(value_span(spec, "type"), f);
        }
        errs.push(d);
    }
    if ty == "ClusterIP" {
        for (i, p) in ports.iter().enumerate() {
            if p.node_port != 0 {
                errs.push(help(
                    Diagnostic::forbidden(sp.child("ports").index(i).child("nodePort"), value_span(p.node, "nodePort"), "may not be used when `type` is 'ClusterIP'"),
                    rules::SERVICE_NODE_PORT_CLUSTER_IP,
                    "nodePort opens the port on every node, which only NodePort and LoadBalancer Services do.",
                    "nodePort 会在每个节点上开放端口，只有 NodePort 和 LoadBalancer 类型的 Service 才这样做。",
                    "Remove nodePort, or set `type: NodePort`.",
                    "删掉 nodePort，或者设置 `type: NodePort`。",
                ));
            }
        }
    }
    let mut node_ports: Vec<(&str, i64)> = Vec::new();
    for (i, p) in ports.iter().enumerate() {
        if p.node_port == 0 {
            continue;
        }
        if node_ports.contains(&(p.protocol, p.node_port)) {
            errs.push(
                Diagnostic::duplicate(
                    sp.child("ports").index(i).child("nodePort"),
                    value_span(p.node, "nodePort"),
                    p.node_port,
                )
                .with_rule(rules::SERVICE_NODE_PORT_DUPLICATE),
            );
        }
        node_ports.push((p.protocol, p.node_port));
    }
    let mut seen: Vec<(&str, i64)> = Vec::new();
    for (i, p) in ports.iter().enumerate() {
        if seen.contains(&(p.protocol, p.port)) {
            errs.push(help(
                Diagnostic::duplicate(
                    sp.child("ports").index(i),
                    missing(p.node),
                    BadValue::Raw(format!(
                        "core.ServicePort{{Name:\"\", Protocol:{}, AppProtocol:(*string)(nil), Port:{}, TargetPort:intstr.IntOrString{{Type:0, IntVal:0, StrVal:\"\"}}, NodePort:0}}",
                        crate::diag::go_quote(p.protocol),
                        p.port
                    )),
                ),
                rules::SERVICE_PORTS_DUPLICATE,
                format!("Two ports of this Service both listen on {}/{}; each (protocol, port) pair can be used once.", p.port, p.protocol),
                format!("这个 Service 有两个端口都监听 {}/{}；每个（协议，端口）组合只能用一次。", p.port, p.protocol),
                "Change the port number, or remove the duplicate entry.",
                "修改端口号，或删掉重复的项。",
            ));
        }
        seen.push((p.protocol, p.port));
        let _ = p.name;
    }
    source_ranges(svc, spec, ty, &mut errs);
    let lb = ty == "LoadBalancer";
    if spec.get("allocateLoadBalancerNodePorts").is_some() && !lb {
        errs.push(help(
            Diagnostic::forbidden(
                sp.child("allocateLoadBalancerNodePorts"),
                key_span(spec, "allocateLoadBalancerNodePorts"),
                "may only be used when `type` is 'LoadBalancer'",
            ),
            rules::SERVICE_LOAD_BALANCER_ONLY,
            "This field only applies to LoadBalancer Services.",
            "这个字段只适用于 LoadBalancer 类型的 Service。",
            "Remove it, or set `type: LoadBalancer`.",
            "删掉它，或者设置 `type: LoadBalancer`。",
        ));
    }
    if let Some(c) = spec.get("loadBalancerClass").and_then(Node::as_str) {
        if lb {
            for m in names::is_qualified_name(c) {
                errs.push(
                    Diagnostic::invalid(
                        sp.child("loadBalancerClass"),
                        value_span(spec, "loadBalancerClass"),
                        c,
                        m,
                    )
                    .with_rule(rules::SERVICE_LOAD_BALANCER_CLASS),
                );
            }
        } else {
            errs.push(help(
                Diagnostic::forbidden(sp.child("loadBalancerClass"), key_span(spec, "loadBalancerClass"), "may only be used when `type` is 'LoadBalancer'"),
                rules::SERVICE_LOAD_BALANCER_ONLY,
                "loadBalancerClass picks which load-balancer implementation serves a LoadBalancer Service; other types have none.",
                "loadBalancerClass 选择由哪种负载均衡实现来服务 LoadBalancer 类型的 Service；其他类型没有负载均衡器。",
                "Remove it, or set `type: LoadBalancer`.",
                "删掉它，或者设置 `type: LoadBalancer`。",
            ));
        }
    }
    // validateServiceExternalTrafficPolicy
    let accessible = lb || ty == "NodePort" || (ty == "ClusterIP" && !external_ips.is_empty());
    let etp = spec
        .str("externalTrafficPolicy")
        .unwrap_or(if accessible { "Cluster" } else { "" });
    if !accessible {
        if !etp.is_empty() {
            errs.push(help(
                Diagnostic::invalid(sp.child("externalTrafficPolicy"), value_span(spec, "externalTrafficPolicy"), etp, "may only be set for externally-accessible services"),
                rules::SERVICE_EXTERNAL_TRAFFIC_POLICY,
                "externalTrafficPolicy controls traffic that enters from outside the cluster (node ports, load balancers, external IPs); this Service has no such entry point.",
                "externalTrafficPolicy 控制从集群外进入的流量（节点端口、负载均衡器、外部 IP）；这个 Service 没有这样的入口。",
                "Remove externalTrafficPolicy.",
                "删掉 externalTrafficPolicy。",
            ));
        }
    } else if etp != "Cluster" && etp != "Local" {
        errs.push(help(
            Diagnostic::not_supported(sp.child("externalTrafficPolicy"), value_span(spec, "externalTrafficPolicy"), etp, &["Cluster", "Local"]),
            rules::SERVICE_EXTERNAL_TRAFFIC_POLICY,
            "externalTrafficPolicy is Cluster (any node forwards to any Pod) or Local (only to Pods on the receiving node, keeping the client's IP).",
            "externalTrafficPolicy 是 Cluster（任意节点转发到任意 Pod）或 Local（只转发到接收节点上的 Pod，保留客户端 IP）。",
            "Use `Cluster` or `Local`.",
            "使用 `Cluster` 或 `Local`。",
        ));
    }
    let needs_hc = lb && etp == "Local";
    if let Some(hc) = int_of(spec, "healthCheckNodePort").filter(|v| *v != 0) {
        if !needs_hc {
            errs.push(Diagnostic::invalid(sp.child("healthCheckNodePort"), value_span(spec, "healthCheckNodePort"), hc, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'").with_rule(rules::SERVICE_HEALTH_CHECK_NODE_PORT));
        } else {
            for m in names::is_valid_port_num(hc) {
                errs.push(
                    Diagnostic::invalid(
                        sp.child("healthCheckNodePort"),
                        value_span(spec, "healthCheckNodePort"),
                        hc,
                        m,
                    )
                    .with_rule(rules::SERVICE_HEALTH_CHECK_NODE_PORT),
                );
            }
        }
    }
    if let Some(itp) = spec.get("internalTrafficPolicy").and_then(Node::as_str) {
        if itp != "Cluster" && itp != "Local" {
            errs.push(help(
                Diagnostic::not_supported(sp.child("internalTrafficPolicy"), value_span(spec, "internalTrafficPolicy"), itp, &["Cluster", "Local"]),
                rules::SERVICE_INTERNAL_TRAFFIC_POLICY,
                "internalTrafficPolicy is Cluster (any ready endpoint) or Local (only endpoints on the client's node).",
                "internalTrafficPolicy 是 Cluster（任何就绪端点）或 Local（只用客户端所在节点上的端点）。",
                "Use `Cluster` or `Local`.",
                "使用 `Cluster` 或 `Local`。",
            ));
        }
    }
    if let Some(td) = spec.get("trafficDistribution").and_then(Node::as_str) {
        // PreferSameTrafficDistribution is GA, adding PreferSameZone and PreferSameNode.
        if !["PreferClose", "PreferSameZone", "PreferSameNode"].contains(&td) {
            errs.push(
                Diagnostic::not_supported(
                    sp.child("trafficDistribution"),
                    value_span(spec, "trafficDistribution"),
                    td,
                    &["PreferClose", "PreferSameZone", "PreferSameNode"],
                )
                .with_rule(rules::SERVICE_TRAFFIC_DISTRIBUTION),
            );
        }
    }
    errs
}

fn ip_help(d: Diagnostic) -> Diagnostic {
    help(
        d,
        rules::IP_FORMAT,
        "This field takes an IP address (IPv4 like 10.0.0.1 or IPv6 like fd00::1), not a host name.",
        "这个字段需要 IP 地址（IPv4 如 10.0.0.1，或 IPv6 如 fd00::1），不能写主机名。",
        "Write a valid IP address.",
        "写一个合法的 IP 地址。",
    )
}

fn external_name(spec: &Node, sp: &FieldPath, errs: &mut Vec<Diagnostic>) {
    let forbid = |key: &str, errs: &mut Vec<Diagnostic>| {
        errs.push(help(
            Diagnostic::forbidden(sp.child(key), key_span(spec, key), "may not be set for ExternalName services"),
            rules::SERVICE_EXTERNAL_NAME_IP,
            "An ExternalName Service is only a DNS alias (CNAME); it has no cluster IP or IP families.",
            "ExternalName 类型的 Service 只是一个 DNS 别名（CNAME），没有集群 IP，也没有 IP 协议族。",
            format!("Remove `{key}`."),
            format!("删掉 `{key}`。"),
        ));
    };
    if !strings_of(spec, "clusterIPs").is_empty()
        || spec
            .get("clusterIP")
            .and_then(Node::as_str)
            .is_some_and(|s| !s.is_empty())
    {
        forbid("clusterIPs", errs);
    }
    if !spec.seq("ipFamilies").is_empty() {
        forbid("ipFamilies", errs);
    }
    if spec.get("ipFamilyPolicy").is_some() {
        forbid("ipFamilyPolicy", errs);
    }
    let en = str_of(spec, "externalName");
    let cname = en.strip_suffix('.').unwrap_or(en);
    if cname.is_empty() {
        errs.push(help(
            Diagnostic::required(sp.child("externalName"), req_span(spec, "externalName"), ""),
            rules::SERVICE_EXTERNAL_NAME_REQUIRED,
            "An ExternalName Service answers DNS queries with a CNAME to externalName, so it must be set.",
            "ExternalName 类型的 Service 用指向 externalName 的 CNAME 回答 DNS 查询，所以必须设置它。",
            "Add `externalName: db.example.com`.",
            "加上 `externalName: db.example.com`。",
        ));
    } else {
        check_name(
            NameFormat::Dns1123Subdomain,
            cname,
            &sp.child("externalName"),
            value_span(spec, "externalName"),
            ("the external name", "外部名"),
            rules::SERVICE_EXTERNAL_NAME_FORMAT,
            errs,
        );
    }
}

/// `validateServicePort`.
fn service_port<'a>(
    pn: &'a Node,
    require_name: bool,
    names_seen: &mut Vec<&'a str>,
    p: &FieldPath,
    errs: &mut Vec<Diagnostic>,
) -> Port<'a> {
    let name = str_of(pn, "name");
    if require_name && name.is_empty() {
        errs.push(help(
            Diagnostic::required(p.child("name"), req_span(pn, "name"), ""),
            rules::SERVICE_PORTS_NAME_REQUIRED,
            "When a Service has more than one port, every port needs a name so that Endpoints and other objects can refer to it unambiguously.",
            "Service 有多个端口时，每个端口都需要名字，这样 Endpoints 等对象才能明确地引用它。",
            "Add `name: http` (a DNS label) to each port.",
            "给每个端口加上 `name: http`（DNS 标签）。",
        ));
    } else if !name.is_empty() {
        check_name(
            NameFormat::Dns1123Label,
            name,
            &p.child("name"),
            value_span(pn, "name"),
            ("the port name", "端口名"),
            rules::SERVICE_PORTS_NAME,
            errs,
        );
        if names_seen.contains(&name) {
            errs.push(
                Diagnostic::duplicate(p.child("name"), value_span(pn, "name"), name)
                    .with_rule(rules::SERVICE_PORTS_NAME_DUPLICATE),
            );
        } else {
            names_seen.push(name);
        }
    }
    let port = int_of(pn, "port").unwrap_or(0);
    for m in names::is_valid_port_num(port) {
        errs.push(help(
            Diagnostic::invalid(p.child("port"), req_span(pn, "port"), port, m),
            rules::SERVICE_PORTS_PORT,
            "`port` is the port the Service itself listens on (on its cluster IP), from 1 to 65535.",
            "`port` 是 Service 自己（在集群 IP 上）监听的端口，范围 1 到 65535。",
            "Set `port:` to a number such as 80.",
            "把 `port:` 设为 80 这样的数字。",
        ));
    }
    let protocol = pn.str("protocol").unwrap_or("TCP");
    if protocol.is_empty() {
        errs.push(
            Diagnostic::required(p.child("protocol"), req_span(pn, "protocol"), "")
                .with_rule(rules::SERVICE_PORTS_PROTOCOL),
        );
    } else if !["SCTP", "TCP", "UDP"].contains(&protocol) {
        let fixed = ["SCTP", "TCP", "UDP"]
            .into_iter()
            .find(|v| v.eq_ignore_ascii_case(protocol));
        let mut d = help(
            Diagnostic::not_supported(
                p.child("protocol"),
                value_span(pn, "protocol"),
                protocol,
                &["SCTP", "TCP", "UDP"],
            ),
            rules::SERVICE_PORTS_PROTOCOL,
            "The protocol is TCP (the default), UDP or SCTP, in capitals.",
            "协议是 TCP（默认）、UDP 或 SCTP，要大写。",
            format!("Use `{}`.", fixed.unwrap_or("TCP")),
            format!("改成 `{}`。", fixed.unwrap_or("TCP")),
        );
        if let Some(f) = fixed {
            d = d.with_replacement(value_span(pn, "protocol"), f);
        }
        errs.push(d);
    }
    // targetPort defaults to port.
    match pn.get("targetPort").map(|n| &n.value) {
        Some(Value::Str(s)) if !s.is_empty() => {
            for m in names::is_valid_port_name(s) {
                errs.push(help(
                    Diagnostic::invalid(p.child("targetPort"), value_span(pn, "targetPort"), s.as_str(), m),
                    rules::SERVICE_PORTS_TARGET_PORT,
                    format!("targetPort {} is a port name: it must match the `name` of a containerPort in the selected Pods (at most 15 characters of a-z, 0-9 and '-', with at least one letter).", crate::diag::go_quote(s)),
                    format!("targetPort {} 是端口名：它必须与被选中 Pod 的某个 containerPort 的 `name` 一致（最多 15 个字符，只能用 a-z、0-9 和 '-'，至少一个字母）。", crate::diag::go_quote(s)),
                    "Use the container port's name, or its number (e.g. `targetPort: 8080`).",
                    "写容器端口的名字，或者它的端口号（例如 `targetPort: 8080`）。",
                ));
            }
        }
        Some(Value::Int(t)) if *t != 0 => {
            for m in names::is_valid_port_num(*t) {
                errs.push(help(
                    Diagnostic::invalid(p.child("targetPort"), value_span(pn, "targetPort"), *t, m),
                    rules::SERVICE_PORTS_TARGET_PORT,
                    "targetPort is the port on the Pods that traffic is sent to, from 1 to 65535.",
                    "targetPort 是流量要发往的 Pod 端口，范围 1 到 65535。",
                    "Use the containerPort your application listens on, e.g. `targetPort: 8080`.",
                    "写应用监听的 containerPort，例如 `targetPort: 8080`。",
                ));
            }
        }
        _ => {}
    }
    if let Some(ap) = pn.get("appProtocol").and_then(Node::as_str) {
        for m in names::is_qualified_name(ap) {
            errs.push(
                Diagnostic::invalid(p.child("appProtocol"), value_span(pn, "appProtocol"), ap, m)
                    .with_rule(rules::SERVICE_PORTS_APP_PROTOCOL),
            );
        }
    }
    Port {
        node: pn,
        name,
        protocol,
        port,
        node_port: int_of(pn, "nodePort").unwrap_or(0),
    }
}

/// `ValidateServiceClusterIPsRelatedFields`.
fn cluster_ips_related(
    spec: &Node,
    ips: &[(&str, Span)],
    headless: bool,
    sp: &FieldPath,
    errs: &mut Vec<Diagnostic>,
) {
    let cp = sp.child("clusterIPs");
    let list: Vec<&str> = ips.iter().map(|(s, _)| *s).collect();
    let explicit = strings_of(spec, "clusterIPs");
    if let Some(ip) = spec
        .get("clusterIP")
        .and_then(Node::as_str)
        .filter(|s| !s.is_empty())
    {
        if let Some((first, span)) = explicit.first() {
            if *first != ip {
                let l: Vec<&str> = explicit.iter().map(|(s, _)| *s).collect();
                errs.push(
                    Diagnostic::invalid(
                        &cp,
                        *span,
                        go_string_slice(&l),
                        "first value must match `clusterIP`",
                    )
                    .with_rule(rules::SERVICE_CLUSTER_IPS_MATCH),
                );
            }
        }
    }
    let mut families: Vec<&str> = Vec::new();
    for (i, (f, span)) in strings_of(spec, "ipFamilies").iter().enumerate() {
        if *f != "IPv4" && *f != "IPv6" {
            errs.push(
                Diagnostic::not_supported(
                    sp.child("ipFamilies").index(i),
                    *span,
                    *f,
                    &["IPv4", "IPv6"],
                )
                .with_rule(rules::SERVICE_IP_FAMILIES),
            );
        }
        if families.contains(f) {
            errs.push(
                Diagnostic::duplicate(sp.child("ipFamilies").index(i), *span, *f)
                    .with_rule(rules::SERVICE_IP_FAMILIES),
            );
        }
        families.push(f);
    }
    if let Some(pol) = spec.get("ipFamilyPolicy").and_then(Node::as_str) {
        if !["PreferDualStack", "RequireDualStack", "SingleStack"].contains(&pol) {
            errs.push(
                Diagnostic::not_supported(
                    sp.child("ipFamilyPolicy"),
                    value_span(spec, "ipFamilyPolicy"),
                    pol,
                    &["PreferDualStack", "RequireDualStack", "SingleStack"],
                )
                .with_rule(rules::SERVICE_IP_FAMILY_POLICY),
            );
        }
    }
    let mut invalid = false;
    for (i, (ip, span)) in ips.iter().enumerate() {
        if i == 0 && *ip == "None" {
            if ips.len() > 1 {
                invalid = true;
                errs.push(
                    Diagnostic::invalid(
                        &cp,
                        *span,
                        go_string_slice(&list),
                        "'None' must be the first and only value",
                    )
                    .with_rule(rules::SERVICE_CLUSTER_IPS_NONE),
                );
            }
            continue;
        }
        let msgs = names::is_valid_ip_for_legacy_field(ip, false);
        invalid |= !msgs.is_empty();
        for m in msgs {
            errs.push(help(
                Diagnostic::invalid(cp.index(i), *span, *ip, m),
                rules::SERVICE_CLUSTER_IP_FORMAT,
                "clusterIP is either an IP address from the cluster's service range, `None` for a headless Service, or left out so that one is allocated.",
                "clusterIP 要么是集群 Service 网段中的 IP 地址，要么是表示 headless 的 `None`，或者不写让系统自动分配。",
                "Remove clusterIP (let Kubernetes allocate one) or write `clusterIP: None`.",
                "删掉 clusterIP（让 Kubernetes 分配），或者写 `clusterIP: None`。",
            ));
        }
    }
    if let Some(&(_, third)) = ips.get(2) {
        errs.push(
            Diagnostic::invalid(
                &cp,
                third,
                go_string_slice(&list),
                "may only hold up to 2 values",
            )
            .with_rule(rules::SERVICE_CLUSTER_IPS_COUNT),
        );
    }
    if invalid {
        return;
    }
    if let [(first, _), (second, second_span), ..] = *ips {
        let v4 = |s: &str| names::parse_ip_sloppy(s).is_some_and(|ip| ip.is_v4());
        let dual = ips.len() == 2 && v4(first) != v4(second);
        if !dual {
            errs.push(one_per_family(
                &cp,
                second_span,
                &list,
                "IP",
                rules::SERVICE_CLUSTER_IPS_DUAL_STACK,
            ));
        }
    }
    if !headless && !ips.is_empty() && !families.is_empty() {
        for (i, (ip, span)) in ips.iter().enumerate() {
            let Some(fam) = families.get(i) else { break };
            let is_v6 = names::parse_ip_sloppy(ip).is_some_and(|a| !a.is_v4());
            if *fam == "IPv4" && is_v6 {
                errs.push(
                    Diagnostic::invalid(
                        cp.index(i),
                        *span,
                        *ip,
                        format!("expected an IPv4 value as indicated by `ipFamilies[{i}]`"),
                    )
                    .with_rule(rules::SERVICE_CLUSTER_IPS_FAMILY),
                );
            }
            if *fam == "IPv6" && !is_v6 {
                errs.push(
                    Diagnostic::invalid(
                        cp.index(i),
                        *span,
                        *ip,
                        format!("expected an IPv6 value as indicated by `ipFamilies[{i}]`"),
                    )
                    .with_rule(rules::SERVICE_CLUSTER_IPS_FAMILY),
                );
            }
        }
    }
}

/// `ValidateNonSpecialIP`.
fn non_special_ip(ip: &str, p: &FieldPath, span: Span, errs: &mut Vec<Diagnostic>) {
    let Some(a) = names::parse_ip_sloppy(ip) else {
        return;
    };
    let b = a.0;
    let v4 = a.is_v4();
    let unspecified = if v4 {
        b[12..] == [0, 0, 0, 0]
    } else {
        b == [0; 16]
    };
    let loopback = if v4 {
        b[12] == 127
    } else {
        b[..15] == [0; 15] && b[15] == 1
    };
    let ll_unicast = if v4 {
        b[12] == 169 && b[13] == 254
    } else {
        b[0] == 0xfe && (b[1] & 0xc0) == 0x80
    };
    let ll_multicast = if v4 {
        b[12] == 224 && b[13] == 0 && b[14] == 0
    } else {
        b[0] == 0xff && (b[1] & 0x0f) == 0x02
    };
    let special = |d: Diagnostic| {
        help(
            d,
            rules::SERVICE_EXTERNAL_IPS_SPECIAL,
            "An external IP must be a real, routable address of some node or router; unspecified, loopback and link-local addresses cannot be used.",
            "外部 IP 必须是某个节点或路由器上真实可路由的地址；不能用未指定地址、回环地址或链路本地地址。",
            "Use an address that reaches your nodes from outside.",
            "使用能从外部到达节点的地址。",
        )
    };
    if unspecified {
        errs.push(special(Diagnostic::invalid(
            p,
            span,
            ip,
            format!("may not be unspecified ({ip})"),
        )));
    }
    if loopback {
        errs.push(special(Diagnostic::invalid(
            p,
            span,
            ip,
            "may not be in the loopback range (127.0.0.0/8, ::1/128)",
        )));
    }
    if ll_unicast {
        errs.push(special(Diagnostic::invalid(
            p,
            span,
            ip,
            "may not be in the link-local range (169.254.0.0/16, fe80::/10)",
        )));
    }
    if ll_multicast {
        errs.push(special(Diagnostic::invalid(
            p,
            span,
            ip,
            "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)",
        )));
    }
}

/// loadBalancerSourceRanges (field or the `service.beta.kubernetes.io/load-balancer-source-ranges`
/// annotation). Go names the field path `spec.LoadBalancerSourceRanges`.
fn source_ranges(svc: &Node, spec: &Node, ty: &str, errs: &mut Vec<Diagnostic>) {
    let ranges = strings_of(spec, "loadBalancerSourceRanges");
    let lb_help = |d: Diagnostic| {
        help(
            d,
            rules::SERVICE_LOAD_BALANCER_SOURCE_RANGES,
            "loadBalancerSourceRanges limits which client networks may reach a LoadBalancer, as CIDRs like 203.0.113.0/24.",
            "loadBalancerSourceRanges 限定哪些客户端网络可以访问 LoadBalancer，用 CIDR 表示，例如 203.0.113.0/24。",
            "Use CIDR notation (address/prefix-length), and only with type LoadBalancer.",
            "使用 CIDR 表示法（地址/前缀长度），并且只用于 LoadBalancer 类型。",
        )
    };
    if !ranges.is_empty() {
        let fp = FieldPath::root("spec").child("LoadBalancerSourceRanges");
        if ty != "LoadBalancer" {
            errs.push(lb_help(Diagnostic::forbidden(
                &fp,
                key_span(spec, "loadBalancerSourceRanges"),
                "may only be used when `type` is 'LoadBalancer'",
            )));
        }
        for (i, (v, span)) in ranges.iter().enumerate() {
            let v = v.trim();
            for m in names::is_valid_cidr_for_legacy_field(v, false) {
                errs.push(lb_help(Diagnostic::invalid(fp.index(i), *span, v, m)));
            }
        }
        return;
    }
    let ann_key = "service.beta.kubernetes.io/load-balancer-source-ranges";
    let ann = string_map(svc.get("metadata").and_then(|m| m.get("annotations")));
    if let Some((_, kspan, val, vspan)) = ann.iter().find(|(k, _, _, _)| *k == ann_key) {
        let fp = FieldPath::root("metadata")
            .child("annotations")
            .key(ann_key);
        if ty != "LoadBalancer" {
            errs.push(lb_help(Diagnostic::forbidden(
                &fp,
                *kspan,
                "may only be used when `type` is 'LoadBalancer'",
            )));
        }
        let val = val.trim();
        if !val.is_empty() {
            for c in val.split(',') {
                let c = c.trim();
                for m in names::is_valid_cidr_for_legacy_field(c, false) {
                    errs.push(lb_help(Diagnostic::invalid(&fp, *vspan, c, m)));
                }
            }
        }
    }
}
