//! `validateAffinity`: node affinity (`ValidateNodeSelector`, `ValidateNodeSelectorRequirement`,
//! `ValidateNodeFieldSelectorRequirement`, `ValidatePreferredSchedulingTerms`) and pod
//! (anti-)affinity (`validatePodAffinityTerm`, `validateWeightedPodAffinityTerms`,
//! `validateMatchLabelKeysAndMismatchLabelKeys`).

use crate::diag::{Diagnostic, FieldPath};
use crate::rules;
use crate::tree::Node;

use super::meta::{validate_label_name, validate_label_selector};
use super::volumes::req_span;
use super::{check_name, help, int_of, str_of, strings_of, NameFormat};

pub(crate) fn validate_affinity(
    spec: &Node,
    pod_labels: &[(&str, &str)],
    spec_path: &FieldPath,
    errs: &mut Vec<Diagnostic>,
) {
    let Some(a) = spec.get("affinity") else {
        return;
    };
    let p = spec_path.child("affinity");
    if let Some(na) = a.get("nodeAffinity") {
        let np = p.child("nodeAffinity");
        if let Some(req) = na.get("requiredDuringSchedulingIgnoredDuringExecution") {
            validate_node_selector(
                req,
                false,
                &np.child("requiredDuringSchedulingIgnoredDuringExecution"),
                errs,
            );
        }
        let pref = na.seq("preferredDuringSchedulingIgnoredDuringExecution");
        let pp = np.child("preferredDuringSchedulingIgnoredDuringExecution");
        for (i, term) in pref.iter().enumerate() {
            weight(term, &pp.index(i), errs);
            // Preferred terms always allow invalid label values.
            let empty = Node::new(crate::tree::Value::Map(Vec::new()), term.span);
            let preference = term.get("preference").unwrap_or(&empty);
            validate_node_selector_term(preference, true, &pp.index(i).child("preference"), errs);
        }
    }
    for kind in ["podAffinity", "podAntiAffinity"] {
        let Some(pa) = a.get(kind) else { continue };
        let kp = p.child(kind);
        let rp = kp.child("requiredDuringSchedulingIgnoredDuringExecution");
        for (i, term) in pa
            .seq("requiredDuringSchedulingIgnoredDuringExecution")
            .iter()
            .enumerate()
        {
            pod_affinity_term(term, pod_labels, &rp.index(i), errs);
        }
        let wp = kp.child("preferredDuringSchedulingIgnoredDuringExecution");
        for (j, wt) in pa
            .seq("preferredDuringSchedulingIgnoredDuringExecution")
            .iter()
            .enumerate()
        {
            weight(wt, &wp.index(j), errs);
            let empty = Node::new(crate::tree::Value::Map(Vec::new()), wt.span);
            let term = wt.get("podAffinityTerm").unwrap_or(&empty);
            pod_affinity_term(
                term,
                pod_labels,
                &wp.index(j).child("podAffinityTerm"),
                errs,
            );
        }
    }
}

fn weight(term: &Node, p: &FieldPath, errs: &mut Vec<Diagnostic>) {
    let w = int_of(term, "weight").unwrap_or(0);
    if !(1..=100).contains(&w) {
        errs.push(help(
            Diagnostic::invalid(p.child("weight"), req_span(term, "weight"), w, "must be in the range 1-100"),
            rules::AFFINITY_WEIGHT,
            "A preferred term's weight (1–100) says how much the scheduler favours nodes that match it compared with other preferences.",
            "preferred 规则的 weight（1–100）表示调度器相对其他偏好有多看重满足它的节点。",
            "Set `weight:` to a number from 1 to 100.",
            "把 `weight:` 设为 1 到 100 之间的数。",
        ));
    }
}

/// `ValidateNodeSelector`: at least one term, each term valid.
pub(crate) fn validate_node_selector(
    sel: &Node,
    allow_invalid_value: bool,
    p: &FieldPath,
    errs: &mut Vec<Diagnostic>,
) {
    let tp = p.child("nodeSelectorTerms");
    let terms = sel.seq("nodeSelectorTerms");
    if terms.is_empty() {
        errs.push(help(
            Diagnostic::required(&tp, req_span(sel, "nodeSelectorTerms"), "must have at least one node selector term"),
            rules::AFFINITY_NODE_SELECTOR_TERMS,
            "Required node affinity lists node selector terms (a node must match at least one); an empty list would match no node at all.",
            "必需的节点亲和性列出节点选择条件（节点至少要满足一个）；空列表将匹配不到任何节点。",
            "Add a term, e.g. `nodeSelectorTerms: [{matchExpressions: [{key: disktype, operator: In, values: [ssd]}]}]`.",
            "加一个条件，例如 `nodeSelectorTerms: [{matchExpressions: [{key: disktype, operator: In, values: [ssd]}]}]`。",
        ));
        return;
    }
    for (i, term) in terms.iter().enumerate() {
        validate_node_selector_term(term, allow_invalid_value, &tp.index(i), errs);
    }
}

fn validate_node_selector_term(
    term: &Node,
    allow_invalid_value: bool,
    p: &FieldPath,
    errs: &mut Vec<Diagnostic>,
) {
    for (j, req) in term.seq("matchExpressions").iter().enumerate() {
        node_selector_requirement(
            req,
            allow_invalid_value,
            &p.child("matchExpressions").index(j),
            errs,
        );
    }
    for (j, req) in term.seq("matchFields").iter().enumerate() {
        node_field_selector_requirement(req, &p.child("matchFields").index(j), errs);
    }
}

/// `ValidateNodeSelectorRequirement`.
fn node_selector_requirement(
    rq: &Node,
    allow_invalid_value: bool,
    p: &FieldPath,
    errs: &mut Vec<Diagnostic>,
) {
    let op = str_of(rq, "operator");
    let values = strings_of(rq, "values");
    let vspan = req_span(rq, "values");
    match op {
        "In" | "NotIn" => {
            if values.is_empty() {
                errs.push(help(
                    Diagnostic::required(p.child("values"), vspan, "must be specified when `operator` is 'In' or 'NotIn'"),
                    rules::AFFINITY_NODE_VALUES,
                    format!("With operator {op} the node's label is compared with a list of values, so the list cannot be empty."),
                    format!("运算符为 {op} 时，节点标签要和一组值比较，所以 values 不能为空。"),
                    "Add `values: [...]`.",
                    "加上 `values: [...]`。",
                ));
            }
        }
        "Exists" | "DoesNotExist" => {
            if !values.is_empty() {
                errs.push(help(
                    Diagnostic::forbidden(p.child("values"), vspan, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
                    rules::AFFINITY_NODE_VALUES,
                    format!("Operator {op} only checks whether the node has the label key; values would be ignored."),
                    format!("运算符 {op} 只检查节点是否有这个标签键；values 会被忽略。"),
                    "Remove `values`.",
                    "删掉 `values`。",
                ));
            }
        }
        "Gt" | "Lt" => {
            if values.len() != 1 {
                errs.push(help(
                    Diagnostic::required(p.child("values"), vspan, "must be specified single value when `operator` is 'Lt' or 'Gt'"),
                    rules::AFFINITY_NODE_VALUES,
                    "Gt and Lt compare the node's label, read as an integer, with exactly one number.",
                    "Gt 和 Lt 把节点标签按整数与恰好一个数比较。",
                    "Give exactly one value, e.g. `values: [\"3\"]`.",
                    "只给一个值，例如 `values: [\"3\"]`。",
                ));
            }
        }
        _ => errs.push(help(
            Diagnostic::invalid(p.child("operator"), req_span(rq, "operator"), op, "not a valid selector operator"),
            rules::AFFINITY_NODE_OPERATOR,
            "Node selector requirements use one of the operators In, NotIn, Exists, DoesNotExist, Gt, Lt (case matters).",
            "节点选择条件的运算符只能是 In、NotIn、Exists、DoesNotExist、Gt、Lt（区分大小写）。",
            "Use one of In, NotIn, Exists, DoesNotExist, Gt, Lt.",
            "改用 In、NotIn、Exists、DoesNotExist、Gt、Lt 之一。",
        )),
    }
    validate_label_name(
        str_of(rq, "key"),
        &p.child("key"),
        req_span(rq, "key"),
        rules::AFFINITY_NODE_KEY,
        errs,
    );
    if !allow_invalid_value {
        for (i, (v, span)) in values.iter().enumerate() {
            for msg in super::names::is_valid_label_value(v) {
                errs.push(help(
                    Diagnostic::invalid(p.child("values").index(i), *span, *v, msg),
                    rules::AFFINITY_NODE_LABEL_VALUE,
                    "Required node affinity values are compared with node label values, so they must be valid label values.",
                    "必需节点亲和性的值要与节点标签值比较，所以必须是合法的标签值。",
                    "Use the exact label value the nodes carry.",
                    "使用节点上实际的标签值。",
                ));
            }
        }
    }
}

/// `ValidateNodeFieldSelectorRequirement`: only `metadata.name` with In/NotIn and one value.
fn node_field_selector_requirement(rq: &Node, p: &FieldPath, errs: &mut Vec<Diagnostic>) {
    let op = str_of(rq, "operator");
    let values = strings_of(rq, "values");
    let mf_help = |d: Diagnostic| {
        help(
            d,
            rules::AFFINITY_NODE_MATCH_FIELDS,
            "matchFields selects nodes by object fields; the only supported field is metadata.name, with operator In or NotIn and exactly one node name.",
            "matchFields 按对象字段选择节点；唯一支持的字段是 metadata.name，运算符为 In 或 NotIn，并且只能有一个节点名。",
            "Use `{key: metadata.name, operator: In, values: [node-1]}`.",
            "使用 `{key: metadata.name, operator: In, values: [node-1]}`。",
        )
    };
    match op {
        "In" | "NotIn" => {
            if values.len() != 1 {
                errs.push(mf_help(Diagnostic::required(
                    p.child("values"),
                    req_span(rq, "values"),
                    "must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
                )));
            }
        }
        _ => errs.push(mf_help(Diagnostic::invalid(
            p.child("operator"),
            req_span(rq, "operator"),
            op,
            "not a valid selector operator",
        ))),
    }
    let key = str_of(rq, "key");
    if key != "metadata.name" {
        errs.push(mf_help(Diagnostic::invalid(
            p.child("key"),
            req_span(rq, "key"),
            key,
            "not a valid field selector key",
        )));
    } else {
        for (i, (v, span)) in values.iter().enumerate() {
            check_name(
                NameFormat::Dns1123Subdomain,
                v,
                &p.child("values").index(i),
                *span,
                ("the node name", "节点名"),
                rules::AFFINITY_NODE_MATCH_FIELDS_NAME,
                errs,
            );
        }
    }
}

/// `validatePodAffinityTerm`.
fn pod_affinity_term(
    term: &Node,
    pod_labels: &[(&str, &str)],
    p: &FieldPath,
    errs: &mut Vec<Diagnostic>,
) {
    validate_label_selector(
        term.get("labelSelector"),
        false,
        &p.child("labelSelector"),
        errs,
    );
    validate_label_selector(
        term.get("namespaceSelector"),
        false,
        &p.child("namespaceSelector"),
        errs,
    );
    for (ns, span) in strings_of(term, "namespaces") {
        check_name(
            NameFormat::Dns1123Label,
            ns,
            &p.child("namespace"),
            span,
            ("the namespace", "命名空间"),
            rules::AFFINITY_POD_NAMESPACE,
            errs,
        );
    }
    match_label_keys(term, pod_labels, p, errs);
    let tk = str_of(term, "topologyKey");
    if tk.is_empty() {
        errs.push(help(
            Diagnostic::required(p.child("topologyKey"), req_span(term, "topologyKey"), "can not be empty"),
            rules::AFFINITY_POD_TOPOLOGY_KEY,
            "Pod (anti-)affinity works per topology domain: topologyKey is the node label that defines the domain, e.g. kubernetes.io/hostname (same node) or topology.kubernetes.io/zone (same zone).",
            "Pod（反）亲和性按拓扑域生效：topologyKey 是定义拓扑域的节点标签，例如 kubernetes.io/hostname（同一节点）或 topology.kubernetes.io/zone（同一可用区）。",
            "Add `topologyKey: kubernetes.io/hostname`.",
            "加上 `topologyKey: kubernetes.io/hostname`。",
        ));
    }
    validate_label_name(
        tk,
        &p.child("topologyKey"),
        req_span(term, "topologyKey"),
        rules::AFFINITY_POD_TOPOLOGY_KEY,
        errs,
    );
}

/// `ValidateMatchLabelKeysAndMismatchLabelKeys(fldPath, matchLabelKeys, mismatchLabelKeys,
/// labelSelector)` as it runs on create: after the Pod strategy's `PrepareForCreate` has merged
/// each key the Pod carries a label for into the selector (`In` for matchLabelKeys, `NotIn` for
/// mismatchLabelKeys). A key the user also put in the selector therefore appears twice and is
/// reported, at `fldPath[i]` (Go's path, without `matchLabelKeys`).
pub(crate) fn match_label_keys(
    holder: &Node,
    pod_labels: &[(&str, &str)],
    p: &FieldPath,
    errs: &mut Vec<Diagnostic>,
) {
    let selector = holder.get("labelSelector");
    let mlk = strings_of(holder, "matchLabelKeys");
    let mmlk = strings_of(holder, "mismatchLabelKeys");
    for (key, keys) in [("matchLabelKeys", &mlk), ("mismatchLabelKeys", &mmlk)] {
        if keys.is_empty() {
            continue;
        }
        let kp = p.child(key);
        if selector.is_none() {
            errs.push(help(
                Diagnostic::forbidden(&kp, super::key_span(holder, key), "must not be specified when labelSelector is not set"),
                rules::SELECTOR_MATCH_LABEL_KEYS,
                format!("{key} adds conditions to labelSelector (using this Pod's own label values), so a labelSelector must be present."),
                format!("{key} 会用本 Pod 自己的标签值给 labelSelector 追加条件，所以必须有 labelSelector。"),
                "Add a labelSelector.",
                "加上 labelSelector。",
            ));
            continue;
        }
        for (i, (k, span)) in keys.iter().enumerate() {
            validate_label_name(
                k,
                &kp.index(i),
                *span,
                rules::SELECTOR_MATCH_LABEL_KEYS,
                errs,
            );
        }
    }
    if let Some(sel) = selector {
        let mut selector_keys: Vec<&str> = super::string_map(sel.get("matchLabels"))
            .iter()
            .map(|(k, _, _, _)| *k)
            .collect();
        let mut keys: Vec<(&str, crate::span::Span)> = sel
            .seq("matchExpressions")
            .iter()
            .map(|e| (str_of(e, "key"), super::value_span(e, "key")))
            .collect();
        for (k, span) in mlk.iter().chain(mmlk.iter()) {
            if pod_labels.iter().any(|(l, _)| l == k) {
                keys.push((k, *span));
            }
        }
        for (key, span) in keys {
            if let Some(i) = mlk.iter().rposition(|(k, _)| *k == key) {
                if selector_keys.contains(&key) {
                    errs.push(help(
                        Diagnostic::invalid(p.index(i), span, key, "exists in both matchLabelKeys and labelSelector"),
                        rules::SELECTOR_MATCH_LABEL_KEYS,
                        format!("matchLabelKeys adds `{key} In (this Pod's value)` to the selector, but the selector already constrains {}; the same key cannot be in both.", crate::diag::go_quote(key)),
                        format!("matchLabelKeys 会给选择器加上 `{key} In（本 Pod 的值）`，但选择器里已经有 {} 了；同一个键不能两处都有。", crate::diag::go_quote(key)),
                        "Remove the key from either matchLabelKeys or the labelSelector.",
                        "从 matchLabelKeys 或 labelSelector 之一中删掉这个键。",
                    ));
                }
            }
            selector_keys.push(key);
        }
    }
    for (i, (k, span)) in mlk.iter().enumerate() {
        if mmlk.iter().any(|(m, _)| m == k) {
            errs.push(help(
                Diagnostic::invalid(
                    p.child("matchLabelKeys").index(i),
                    *span,
                    *k,
                    "exists in both matchLabelKeys and mismatchLabelKeys",
                ),
                rules::SELECTOR_MATCH_LABEL_KEYS,
                "A key cannot be required to match and to mismatch at the same time.",
                "同一个键不能既要求相同又要求不同。",
                "Keep the key in only one of the two lists.",
                "只在其中一个列表里保留这个键。",
            ));
        }
    }
}
