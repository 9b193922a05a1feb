//! `ValidateNode` of validation.go: name, taints, podCIDRs.

use crate::diag::{BadValue, Diagnostic, FieldPath};
use crate::rules;
use crate::tree::Node;

use super::meta::{self, validate_label_name, KindName};
use super::volumes::req_span;
use super::{
    empty_map, help, missing, names, one_per_family, str_of, strings_of, value_span, NameFormat,
};

const NODE: KindName = KindName {
    kind: "Node",
    format: NameFormat::Dns1123Subdomain,
    namespaced: false,
    generation_reset: false,
};

/// `ValidateNode` (create): metadata, taints (reported at `metadata.taints`, as Go does) and
/// podCIDRs.
pub(crate) fn validate_node(node: &Node) -> Vec<Diagnostic> {
    let mut errs = Vec::new();
    meta::validate_object_meta(node, NODE, &mut errs);
    let empty = empty_map(node);
    let spec = node.get("spec").unwrap_or(&empty);
    let tp = FieldPath::root("metadata").child("taints");
    let mut unique: Vec<(&str, &str)> = Vec::new();
    for (i, t) in spec.seq("taints").iter().enumerate() {
        let ip = tp.index(i);
        let key = str_of(t, "key");
        validate_label_name(
            key,
            &ip.child("key"),
            req_span(t, "key"),
            rules::NODE_TAINTS_KEY,
            &mut errs,
        );
        let value = str_of(t, "value");
        let msgs = names::is_valid_label_value(value);
        if !msgs.is_empty() {
            errs.push(
                Diagnostic::invalid(
                    ip.child("value"),
                    value_span(t, "value"),
                    value,
                    msgs.join(";"),
                )
                .with_rule(rules::NODE_TAINTS_VALUE),
            );
        }
        let effect = str_of(t, "effect");
        let taint_help = |d: Diagnostic| {
            help(
                d,
                rules::NODE_TAINTS_EFFECT,
                "A taint's effect says what happens to Pods that do not tolerate it: NoSchedule (not scheduled here), PreferNoSchedule (avoided) or NoExecute (also evicted).",
                "污点的效果说明不容忍它的 Pod 会怎样：NoSchedule（不调度到这里）、PreferNoSchedule（尽量避免）或 NoExecute（还会被驱逐）。",
                "Use `effect: NoSchedule`.",
                "使用 `effect: NoSchedule`。",
            )
        };
        if effect.is_empty() {
            errs.push(taint_help(Diagnostic::required(
                ip.child("effect"),
                req_span(t, "effect"),
                "",
            )));
        } else if !matches!(effect, "NoSchedule" | "PreferNoSchedule" | "NoExecute") {
            errs.push(taint_help(Diagnostic::not_supported(
                ip.child("effect"),
                value_span(t, "effect"),
                effect,
                &["NoSchedule", "PreferNoSchedule", "NoExecute"],
            )));
        }
        if unique.contains(&(effect, key)) {
            errs.push(
                Diagnostic::duplicate(
                    &ip,
                    missing(t),
                    BadValue::Raw(format!(
                        "core.Taint{{Key:{}, Value:{}, Effect:{}, TimeAdded:<nil>}}",
                        crate::diag::go_quote(key),
                        crate::diag::go_quote(value),
                        crate::diag::go_quote(effect)
                    )),
                )
                .with_detail("taints must be unique by key and effect pair")
                .with_rule(rules::NODE_TAINTS_DUPLICATE),
            );
            continue;
        }
        unique.push((effect, key));
    }
    let cidrs = strings_of(spec, "podCIDRs");
    let cp = FieldPath::root("spec").child("podCIDRs");
    for (i, (c, span)) in cidrs.iter().enumerate() {
        for m in names::is_valid_cidr_for_legacy_field(c, false) {
            errs.push(
                Diagnostic::invalid(cp.index(i), *span, *c, m).with_rule(rules::NODE_POD_CIDRS),
            );
        }
    }
    if let [(first, _), (second, second_span), ..] = *cidrs {
        let list: Vec<&str> = cidrs.iter().map(|(s, _)| *s).collect();
        let v4 = |s: &str| names::parse_cidr_sloppy(s).map(|c| c.v4_text);
        let dual =
            cidrs.len() == 2 && matches!((v4(first), v4(second)), (Some(a), Some(b)) if a != b);
        if !dual {
            errs.push(one_per_family(
                &cp,
                second_span,
                &list,
                "CIDR",
                rules::NODE_POD_CIDRS,
            ));
        }
        let mut seen: Vec<&str> = Vec::new();
        for (i, (c, span)) in cidrs.iter().enumerate() {
            if seen.contains(c) {
                errs.push(
                    Diagnostic::duplicate(cp.index(i), *span, *c).with_rule(rules::NODE_POD_CIDRS),
                );
            }
            seen.push(c);
        }
    }
    errs
}
