//! Unit tests of the YAML reader, one group per feature. The fixtures in
//! `tests/fixtures/yaml/` show whole trees; these pin single facts.
use super::*;
use crate::tree::{Node, Value};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

fn one(src: &str) -> Document {
    let mut docs = parse_stream(src);
    assert_eq!(docs.len(), 1, "{src:?}");
    docs.remove(0)
}

fn root(src: &str) -> Node {
    let d = one(src);
    assert!(d.errors.is_empty(), "{src:?}: {:?}", d.errors);
    d.root.expect("a root")
}

fn get<'n>(n: &'n Node, key: &str) -> &'n Value {
    &n.entry(key).expect(key).value.value
}

fn text(src: &str, s: Span) -> &str {
    s.text(src)
}

fn first_error(src: &str) -> (String, u32, String) {
    let d = one(src);
    let e = d.errors.first().expect("an error");
    (
        e.message.clone(),
        e.kubectl_line,
        text(src, e.span).to_string(),
    )
}

// ----- block structure -----

#[test]
fn block_mappings_and_sequences_at_the_parent_indent() {
    let src = "spec:\n  containers:\n  - name: a\n    image: x\n  - name: b\n";
    let r = root(src);
    let spec = r.get("spec").unwrap();
    let cs = spec.seq("containers");
    assert_eq!(cs.len(), 2);
    assert_eq!(cs[1].str("name"), Some("b"));
    // The indentless sequence spans from its first `-` to the end of its last item.
    let seq_span = spec.get("containers").unwrap().span;
    assert_eq!(text(src, seq_span), "- name: a\n    image: x\n  - name: b");
}

#[test]
fn spans_cover_scalars_with_their_quotes_and_keys() {
    let src = "a: 'x y'\nb: \"z\"\nc: plain text   # comment\n";
    let r = root(src);
    let e = r.entry("a").unwrap();
    assert_eq!(text(src, e.key_span), "a");
    assert_eq!(text(src, e.value.span), "'x y'");
    assert_eq!(text(src, r.entry("b").unwrap().value.span), "\"z\"");
    assert_eq!(text(src, r.entry("c").unwrap().value.span), "plain text");
    // The mapping ends at its last content, not at the trailing comment.
    assert_eq!(text(src, r.span), "a: 'x y'\nb: \"z\"\nc: plain text");
}

#[test]
fn empty_values_are_null_with_an_empty_span_after_the_colon() {
    let src = "a:\nb: 1\n";
    let r = root(src);
    let a = &r.entry("a").unwrap().value;
    assert_eq!(a.value, Value::Null);
    assert_eq!(a.span, Span::at(2));
}

#[test]
fn explicit_keys() {
    let r = root("? a\n: 1\n? b\n");
    assert_eq!(get(&r, "a"), &Value::Int(1));
    assert_eq!(get(&r, "b"), &Value::Null);
}

#[test]
fn duplicate_keys_are_all_kept_in_order() {
    let r = root("a: 1\nb: 2\na: 3\n");
    let keys: Vec<_> = r.as_map().unwrap().iter().map(|e| e.key.as_str()).collect();
    assert_eq!(keys, ["a", "b", "a"]);
}

// ----- scalars -----

#[test]
fn plain_scalars_resolve_like_go_yaml_v2() {
    let r = root("oct: 0644\nhex: 0x1F\nyes: yes\noff: off\nnull_: ~\nver: 1.20\nts: 2001-12-14\nsex: 1:20\n");
    assert_eq!(get(&r, "oct"), &Value::Int(420));
    assert_eq!(get(&r, "hex"), &Value::Int(31));
    // `yes` and `off` are booleans as keys too: sigs.k8s.io/yaml writes them "true"/"false".
    assert_eq!(get(&r, "true"), &Value::Bool(true));
    assert_eq!(get(&r, "false"), &Value::Bool(false));
    assert_eq!(get(&r, "null_"), &Value::Null);
    assert_eq!(get(&r, "ver"), &Value::Float(1.2));
    assert_eq!(get(&r, "ts"), &Value::str("2001-12-14"));
    assert_eq!(get(&r, "sex"), &Value::str("1:20"));
}

#[test]
fn quoted_scalars_are_always_strings() {
    let r = root("a: '0644'\nb: \"yes\"\nc: \"\"\n");
    assert_eq!(get(&r, "a"), &Value::str("0644"));
    assert_eq!(get(&r, "b"), &Value::str("yes"));
    assert_eq!(get(&r, "c"), &Value::str(""));
}

#[test]
fn double_quoted_escapes_and_folding() {
    let r =
        root("a: \"\\t\\x41\\u00e9\\U0001F600\\\\\"\nb: \"one\n  two\n\n  three\"\nc: 'it''s'\n");
    assert_eq!(get(&r, "a"), &Value::str("\tAé😀\\"));
    assert_eq!(get(&r, "b"), &Value::str("one two\nthree"));
    assert_eq!(get(&r, "c"), &Value::str("it's"));
}

#[test]
fn multi_line_plain_scalars_fold() {
    let src = "args:\n- while true; do\n    echo hi;\n  done;\nnext: 1\n";
    let r = root(src);
    let item = &r.seq("args")[0];
    assert_eq!(item.value, Value::str("while true; do echo hi; done;"));
    assert_eq!(
        text(src, item.span),
        "while true; do\n    echo hi;\n  done;"
    );
}

#[test]
fn block_scalars_with_chomping_and_indentation_indicators() {
    let src = "a: |\n  x\n\nb: |-\n  x\n\nc: |+\n  x\n\nd: >\n  x\n  y\ne: |2\n    z\n";
    let r = root(src);
    assert_eq!(get(&r, "a"), &Value::str("x\n"));
    assert_eq!(get(&r, "b"), &Value::str("x"));
    assert_eq!(get(&r, "c"), &Value::str("x\n\n"));
    assert_eq!(get(&r, "d"), &Value::str("x y\n"));
    assert_eq!(get(&r, "e"), &Value::str("  z\n"));
    // A block scalar's span runs from its indicator to the end of its content.
    assert_eq!(text(src, r.entry("a").unwrap().value.span), "|\n  x");
}

// ----- flow style -----

#[test]
fn flow_collections_with_trailing_commas_and_comments() {
    let src = "m: {\n  a: 1,  # one\n  b: [x, 'y',],\n}\n";
    let r = root(src);
    let m = r.get("m").unwrap();
    assert_eq!(m.get("a").unwrap().value, Value::Int(1));
    // `x` is a plain string; `'y'` quoted (an unquoted y would be true).
    assert_eq!(m.seq("b").len(), 2);
    assert_eq!(text(src, m.span), "{\n  a: 1,  # one\n  b: [x, 'y',],\n}");
}

#[test]
fn colons_inside_flow_plain_scalars_need_a_space_in_v2() {
    let r = root("a: {b:c, d: e}\n");
    let a = r.get("a").unwrap();
    assert!(a.entry("b:c").is_some());
    assert_eq!(a.str("d"), Some("e"));
}

// ----- anchors, aliases, merges, tags -----

#[test]
fn aliases_are_copies_with_the_alias_span() {
    let src = "a: &x {k: v}\nb: *x\n";
    let r = root(src);
    let b = r.get("b").unwrap();
    assert_eq!(b.str("k"), Some("v"));
    assert_eq!(text(src, b.span), "*x");
}

#[test]
fn merge_keys_earlier_sources_win_and_later_keys_replace() {
    let r = root("a: &a {p: 1, q: 1}\nb: &b {p: 2, r: 2}\nc:\n  <<: [*a, *b]\n  q: 3\n");
    let c = r.get("c").unwrap();
    assert_eq!(c.get("p").unwrap().value, Value::Int(1));
    assert_eq!(c.get("q").unwrap().value, Value::Int(3));
    assert_eq!(c.get("r").unwrap().value, Value::Int(2));
    // The later explicit `q` replaced the merged one: no duplicate.
    assert_eq!(c.as_map().unwrap().len(), 3);
}

#[test]
fn merge_overwrites_keys_written_before_it_as_go_yaml_v2_does() {
    let r = root("a: &a {x: 1}\nc:\n  x: 0\n  <<: *a\n");
    assert_eq!(r.get("c").unwrap().get("x").unwrap().value, Value::Int(1));
}

#[test]
fn tags() {
    let r = root("a: !!str 1\nb: !!int \"2\"\nc: !!float 3\nd: !custom 4\ne: !!binary aGk=\n");
    assert_eq!(get(&r, "a"), &Value::str("1"));
    assert_eq!(get(&r, "b"), &Value::Int(2));
    assert_eq!(get(&r, "c"), &Value::Float(3.0));
    assert_eq!(get(&r, "d"), &Value::str("4"));
    assert_eq!(get(&r, "e"), &Value::str("hi"));
    assert_eq!(
        first_error("a: !!int x\n"),
        ("cannot decode !!str `x` as a !!int".into(), 0, "x".into())
    );
}

#[test]
fn keys_become_strings_as_sigs_yaml_converts_them() {
    let r = root("1: a\ntrue: b\n1.5: c\n1e6: d\n");
    let keys: Vec<_> = r.as_map().unwrap().iter().map(|e| e.key.as_str()).collect();
    assert_eq!(keys, ["1", "true", "1.5", "1e+06"]);
    let (m, _, t) = first_error("[a]: x\n");
    assert_eq!(m, "invalid map key: []interface {}{\"a\"}");
    assert_eq!(t, "[a]");
    let (m, _, _) = first_error("~: x\n");
    assert_eq!(
        m,
        "unsupported map key of type: %!s(<nil>), key: <nil>, value: \"x\""
    );
}

#[test]
fn unknown_and_recursive_aliases() {
    assert_eq!(
        first_error("a: *nope\n"),
        ("unknown anchor 'nope' referenced".into(), 0, "*nope".into())
    );
    let (m, _, t) = first_error("a: &x [*x]\n");
    assert_eq!(m, "anchor 'x' value contains itself");
    assert_eq!(t, "*x");
}

// ----- documents -----

#[test]
fn documents_split_at_dashes_lines_like_kubectl() {
    let src = "a: 1\n---\nb: 2\n--- # comment\n\n";
    let docs = parse_stream(src);
    assert_eq!(docs.len(), 3);
    assert_eq!(docs[1].index, 1);
    assert_eq!(text(src, docs[1].span), "b: 2");
    assert!(docs[2].root.is_none());
    // Errors count lines from the document's first line.
    let docs = parse_stream("a: 1\n---\nb: 1\nc: d: e\n");
    assert_eq!(docs[1].errors[0].kubectl_line, 2);
    assert_eq!(
        docs[1].errors[0].go_error(),
        "yaml: line 2: mapping values are not allowed in this context"
    );
}

#[test]
fn content_after_a_document_end_marker_is_ignored() {
    let r = root("a: 1\n...\nthis: [is never read\n");
    assert_eq!(r.as_map().unwrap().len(), 1);
}

#[test]
fn bom_and_crlf() {
    let src = "\u{feff}a: 1\r\nb: |\r\n  x\r\n";
    let r = root(src);
    assert_eq!(get(&r, "a"), &Value::Int(1));
    assert_eq!(get(&r, "b"), &Value::str("x\n"));
    assert_eq!(text(src, r.entry("a").unwrap().key_span), "a");
}

// ----- errors and recovery -----

#[test]
fn go_yaml_messages_and_lines() {
    // Scanner errors add 1 to the 0-based line; parser errors do not; line 0 prints none.
    assert_eq!(
        first_error("a: b: c\n"),
        (
            "mapping values are not allowed in this context".into(),
            0,
            ":".into()
        )
    );
    assert_eq!(
        first_error("a:\n  b: c: d\n"),
        (
            "mapping values are not allowed in this context".into(),
            2,
            ":".into()
        )
    );
    assert_eq!(
        first_error("a: 1\n- b\n"),
        ("did not find expected key".into(), 1, "-".into())
    );
    assert_eq!(
        first_error("a:\n\tb: 1\n"),
        (
            "found character that cannot start any token".into(),
            2,
            "\t".into()
        )
    );
    assert_eq!(
        first_error("a: [1, 2\n"),
        ("did not find expected ',' or ']'".into(), 1, "".into())
    );
    assert_eq!(
        first_error("a:\n  - b\n  c: d\n"),
        ("did not find expected '-' indicator".into(), 2, "c".into())
    );
    assert_eq!(
        first_error("a: 'x\n"),
        ("found unexpected end of stream".into(), 2, "'".into())
    );
    assert_eq!(
        first_error("a: b\nc\nd: e\n"),
        ("could not find expected ':'".into(), 3, "c".into())
    );
    assert_eq!(
        first_error("- a\nb: c\n").0,
        "did not find expected '-' indicator"
    );
    assert_eq!(
        first_error("a: 'x' - y\n").0,
        "block sequence entries are not allowed in this context"
    );
    assert_eq!(
        first_error("a: &\n").0,
        "did not find expected alphabetic or numeric character"
    );
    assert_eq!(first_error("key: value\n- x\n").1, 1);
}

#[test]
fn an_error_keeps_the_tree_built_so_far_and_later_documents() {
    let docs = parse_stream("a:\n  b: 1\n  c: [x, y\n---\nd: 2\n");
    assert_eq!(docs.len(), 2);
    let a = docs[0].root.as_ref().unwrap().get("a").unwrap();
    assert_eq!(a.get("b").unwrap().value, Value::Int(1));
    assert_eq!(a.seq("c").len(), 2);
    assert!(!docs[0].errors.is_empty());
    assert!(docs[1].errors.is_empty());
    assert_eq!(
        docs[1].root.as_ref().unwrap().get("d").unwrap().value,
        Value::Int(2)
    );
}

#[test]
fn bad_separator_lines_are_reported() {
    let docs = parse_stream("a: 1\n--- x\n");
    assert_eq!(
        docs[0].errors[0].message,
        "invalid Yaml document separator: x"
    );
    assert_eq!(docs[0].errors[0].source, ErrorSource::DocumentSeparator);
}

// ----- limits -----

#[test]
fn oversized_input_is_refused_with_the_api_server_limit() {
    let big = "a".repeat(MAX_BYTES + 1);
    let docs = parse_stream(&big);
    assert_eq!(docs.len(), 1);
    assert!(docs[0].root.is_none());
    assert!(docs[0].errors[0].message.contains("3145728"));
    assert_eq!(docs[0].errors[0].source, ErrorSource::Limit);
}

#[test]
fn deep_flow_nesting_stops_at_the_depth_limit() {
    let src = "[".repeat(10_000);
    let d = one(&src);
    assert!(d
        .errors
        .iter()
        .any(|e| e.message.starts_with("exceeded max depth of 1000")));
    assert!(d.root.is_some());
}

#[test]
fn deep_block_nesting_stops_at_the_depth_limit() {
    let src = "- ".repeat(10_000) + "x\n";
    let d = one(&src);
    assert!(d
        .errors
        .iter()
        .any(|e| e.message.starts_with("exceeded max depth of 1000")));
}

#[test]
fn alias_bombs_are_stopped() {
    let mut src = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        src.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    let d = one(&src);
    assert_eq!(d.errors[0].message, "document contains excessive aliasing");
}

#[test]
fn nested_aliases_cannot_exceed_the_depth_limit() {
    // 900 levels anchored, then aliased 900 levels down: 1800 once expanded.
    let deep = |inner: &str| "[".repeat(900) + inner + &"]".repeat(900);
    let src = format!("a: &d {}\nb: {}\n", deep(""), deep("*d"));
    let d = one(&src);
    assert!(d
        .errors
        .iter()
        .any(|e| e.message.starts_with("exceeded max depth")));
}

#[test]
fn utf8_problems_are_go_yamls_reader_errors() {
    use super::utf8_problem;
    assert_eq!(utf8_problem(b"a: b\n"), None);
    assert_eq!(
        utf8_problem(b"a: \x80"),
        Some((3, "invalid leading UTF-8 octet"))
    );
    assert_eq!(
        utf8_problem(b"a: \xe9\nb"),
        Some((4, "invalid trailing UTF-8 octet"))
    );
    assert_eq!(
        utf8_problem(b"a: \xe9\xa0"),
        Some((3, "incomplete UTF-8 octet sequence"))
    );
    assert_eq!(
        utf8_problem(b"\xc0\x80"),
        Some((0, "invalid length of a UTF-8 sequence"))
    );
    assert_eq!(
        utf8_problem(b"\xed\xa0\x80"),
        Some((0, "invalid Unicode character"))
    );
    assert_eq!(
        utf8_problem(b"\x01\xff"),
        Some((0, "control characters are not allowed"))
    );
}
