//! The whole check of a text, as the CLI and the editor need it: parse the YAML stream, and for
//! each document say what it is (kind, name, containers) and every problem found, with kubectl's
//! wording. Never fails: a broken text still yields every document and as much model as could
//! be recovered.

use crate::decode;
use crate::defaults;
use crate::diag::{Diagnostic, ErrorType, Stage, Text};
use crate::schema::Kind;
use crate::span::{LineIndex, Span};
use crate::tree::Node;
use crate::yaml;

/// The analysis of one text (a YAML stream of one or more documents).
#[derive(Clone, Debug)]
pub struct Analysis {
    pub line_index: LineIndex,
    pub documents: Vec<DocAnalysis>,
}

/// One document of the stream.
#[derive(Clone, Debug)]
pub struct DocAnalysis {
    /// 0-based position in the stream.
    pub index: usize,
    pub span: Span,
    /// True for a document with no content (e.g. only comments, or a trailing `---`).
    pub empty: bool,
    pub api_version: Option<String>,
    /// `kind` as written.
    pub kind: Option<String>,
    /// The kind, when it is one the playground models.
    pub model_kind: Option<Kind>,
    pub name: Option<String>,
    /// Containers of a Pod in start order: init containers (regular or sidecar), then app containers.
    pub containers: Vec<ContainerSummary>,
    /// The parsed tree (possibly partial when the YAML is broken).
    pub root: Option<Node>,
    /// The decoded object: unknown fields and wrongly typed values removed, duplicates resolved.
    pub object: Option<Node>,
    /// What the API server stores: the decoded object after defaulting (inserted nodes are
    /// marked `defaulted`). Only for a modelled kind whose YAML parsed without error.
    pub defaulted: Option<Node>,
    /// Every problem found, in the order the API server would report them.
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContainerRole {
    /// A regular init container: runs to completion before the next one starts.
    Init,
    /// An init container with `restartPolicy: Always` (a native sidecar): keeps running.
    Sidecar,
    App,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ContainerSummary {
    pub name: String,
    pub image: String,
    pub role: ContainerRole,
    pub span: Span,
}

/// Analyses a whole text as `kubectl create -f -` would see it (file name `STDIN`).
pub fn analyze(src: &str) -> Analysis {
    analyze_file(src, "STDIN")
}

/// Analyses a whole text read from `file` (the name only appears in kubectl's messages).
pub fn analyze_file(src: &str, file: &str) -> Analysis {
    let line_index = LineIndex::new(src);
    let documents = yaml::parse_stream(src)
        .into_iter()
        .map(|d| analyze_document(src, &line_index, d, file))
        .collect();
    Analysis {
        line_index,
        documents,
    }
}

/// A file's bytes as kubectl reads them. Text that is not UTF-8 stops go-yaml's reader in the
/// document that holds the bad bytes: that document has only the reader's error
/// (`error converting YAML to JSON: yaml: invalid leading UTF-8 octet` and its kin, located at
/// the bad byte); the other documents are checked as usual. Returns the text (bad sequences
/// shown as U+FFFD, so the user's text is kept) and its analysis.
pub fn analyze_bytes(bytes: &[u8], file: &str) -> (String, Analysis) {
    if let Ok(s) = std::str::from_utf8(bytes) {
        let a = analyze_file(s, file);
        return (s.to_string(), a);
    }
    let (at, message) = yaml::utf8_problem(bytes).unwrap_or((
        std::str::from_utf8(bytes)
            .map_err(|e| e.valid_up_to())
            .err()
            .unwrap_or(0),
        "invalid leading UTF-8 octet",
    ));
    // Everything before `at` is valid UTF-8, so offsets up to it are the same in the lossy text.
    let src = String::from_utf8_lossy(bytes).into_owned();
    let mut analysis = analyze_file(&src, file);
    let pos = analysis
        .documents
        .iter()
        .position(|d| (d.span.start as usize) <= at && at < d.span.end as usize)
        .or_else(|| analysis.documents.len().checked_sub(1));
    let bad_len = src
        .get(at..)
        .and_then(|r| r.chars().next())
        .map_or(1, char::len_utf8);
    if let Some(d) = pos.and_then(|i| analysis.documents.get_mut(i)) {
        let doc = yaml::Document {
            index: d.index,
            span: d.span,
            root: None,
            errors: vec![yaml::SyntaxError {
                message: message.to_string(),
                span: crate::span::Span::from_range(at..at + bad_len),
                kubectl_line: 0,
                noticed: None,
                source: yaml::ErrorSource::GoYaml,
            }],
        };
        *d = analyze_document(&src, &analysis.line_index, doc, file);
    }
    (src, analysis)
}

fn analyze_document(src: &str, lines: &LineIndex, doc: yaml::Document, file: &str) -> DocAnalysis {
    let mut diagnostics: Vec<Diagnostic> = doc
        .errors
        .iter()
        .map(|e| syntax_diagnostic(e, src, lines, doc.span))
        .collect();
    let root = doc.root;
    let mut out = DocAnalysis {
        index: doc.index,
        span: doc.span,
        empty: root.is_none() && doc.errors.is_empty(),
        api_version: None,
        kind: None,
        model_kind: None,
        name: None,
        containers: Vec::new(),
        root: None,
        object: None,
        defaulted: None,
        diagnostics: Vec::new(),
    };
    if let Some(root) = &root {
        let decoded = decode::decode(root);
        out.api_version = decoded.api_version.clone();
        out.kind = decoded.kind_name.clone();
        out.model_kind = decoded.kind;
        out.name = decoded.name.clone();
        // kubectl stops at a syntax error: the document is never sent, so nothing the API server
        // would say about it (decoding, validation) is listed. What was read before the error
        // still gives the summary its kind, name and containers.
        let stopped = !doc.errors.is_empty();
        let mut decode_diags: Vec<Diagnostic> = decoded
            .diagnostics
            .iter()
            .filter(|_| !stopped)
            .cloned()
            .collect();
        for d in &mut decode_diags {
            d.message = decode_message(&decoded, d, file);
        }
        let decode_fields: Vec<String> = decoded
            .diagnostics
            .iter()
            .filter(|d| !d.field.is_empty())
            .map(|d| d.field.clone())
            .collect();
        let meant_fields: Vec<String> = decoded
            .diagnostics
            .iter()
            .filter_map(|d| {
                let s = decode::suggestion(d)?;
                Some(match d.field.rsplit_once('.') {
                    Some((parent, _)) => format!("{parent}.{s}"),
                    None => s.to_string(),
                })
            })
            .collect();
        diagnostics.extend(decode_diags);
        if !stopped {
            diagnostics.extend(fragment_notes(root, &decoded, file));
        }
        if let (Some(kind), Some(object), true) =
            (decoded.kind, &decoded.object, doc.errors.is_empty())
        {
            let defaulted = defaults::default_object(object);
            let mut found = validate(kind, &defaulted);
            // The API server stops at a decoding error; the playground goes on, but does not
            // repeat a problem already reported at (or above) the same field, nor report as
            // missing a field that an unknown sibling was meant to be (`imagee` for `image`).
            found.retain(|d| !decode_fields.iter().any(|f| is_under(&d.field, f)));
            found.retain(|d| !meant_fields.iter().any(|f| is_under(&d.field, f)));
            let name = out.name.clone().unwrap_or_default();
            for d in &mut found {
                d.message = format!(
                    "The {} {} is invalid: {}",
                    kind.name(),
                    crate::diag::go_quote(&name),
                    d.field_error()
                );
            }
            diagnostics.extend(found);
            out.defaulted = Some(defaulted);
        }
        out.object = decoded.object;
    }
    out.containers = out
        .object
        .as_ref()
        .or(root.as_ref())
        .map(container_summaries)
        .unwrap_or_default();
    out.root = root;
    out.diagnostics = diagnostics;
    out
}

/// A fragment copied out of a Pod (no `apiVersion`, no `kind`, only Pod fields at the top):
/// kubectl stops at the missing header, but what the API server would say next is what the
/// learner needs, e.g. the mis-indented `disktype` of a `nodeSelector` fragment. Read it as a Pod
/// and report its decoding problems as warnings that say so.
fn fragment_notes(root: &Node, decoded: &decode::Decoded, file: &str) -> Vec<Diagnostic> {
    let missing_header = |rule| decoded.diagnostics.iter().any(|d| d.rule == rule);
    let Some(entries) = root.as_map() else {
        return Vec::new();
    };
    let pod_like = !entries.is_empty()
        && entries
            .iter()
            .all(|e| matches!(e.key.as_str(), "metadata" | "spec"));
    if !pod_like
        || !missing_header(decode::rules::API_VERSION_NOT_SET)
        || !missing_header(decode::rules::KIND_NOT_SET)
    {
        return Vec::new();
    }
    let mut as_pod = root.clone();
    as_pod.set(
        "apiVersion",
        Node::defaulted(crate::tree::Value::str("v1"), root.span),
    );
    as_pod.set(
        "kind",
        Node::defaulted(crate::tree::Value::str("Pod"), root.span),
    );
    let read = decode::decode(&as_pod);
    read.diagnostics
        .iter()
        .map(|d| {
            let mut n = d.clone();
            n.severity = crate::diag::Severity::Warning;
            n.stage = Stage::Note;
            n.message = format!(
                "(once apiVersion: v1 and kind: Pod are added) {}",
                decode_message(&read, d, file)
            );
            n.explanation = Text::new(
                format!(
                    "This looks like part of a Pod, so the playground also read it as one: {}",
                    d.explanation.en
                ),
                format!(
                    "这看起来是 Pod 的一部分，所以游乐场也把它当作 Pod 读了一遍：{}",
                    d.explanation.zh
                ),
            );
            n
        })
        .collect()
}

fn validate(kind: Kind, object: &Node) -> Vec<Diagnostic> {
    use crate::validate as v;
    match kind {
        Kind::Pod => v::validate_pod(object),
        Kind::Service => v::validate_service(object),
        Kind::ConfigMap => v::validate_config_map(object),
        Kind::Secret => v::validate_secret(object),
        Kind::Node => v::validate_node(object),
    }
}

/// `field` is `parent` or lies inside it (`spec.containers[0]` is under `spec.containers`).
fn is_under(field: &str, parent: &str) -> bool {
    field
        .strip_prefix(parent)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

/// kubectl's message for one decode-stage problem, as if it were the only one.
fn decode_message(decoded: &decode::Decoded, d: &Diagnostic, file: &str) -> String {
    // Only this diagnostic and the header fields (not the other diagnostics nor the tree).
    let alone = decode::Decoded {
        kind: decoded.kind,
        api_version: decoded.api_version.clone(),
        kind_name: decoded.kind_name.clone(),
        name: decoded.name.clone(),
        namespace: decoded.namespace.clone(),
        object: None,
        diagnostics: vec![d.clone()],
    };
    decode::kubectl_message(&alone, file).unwrap_or_else(|| d.detail.clone())
}

fn container_summaries(root: &Node) -> Vec<ContainerSummary> {
    let Some(spec) = root.get("spec") else {
        return Vec::new();
    };
    let summary = |c: &Node, role: ContainerRole| ContainerSummary {
        name: c.str("name").unwrap_or_default().to_string(),
        image: c.str("image").unwrap_or_default().to_string(),
        role,
        span: c.span,
    };
    let init = spec.seq("initContainers").iter().map(|c| {
        let role = if c.str("restartPolicy") == Some("Always") {
            ContainerRole::Sidecar
        } else {
            ContainerRole::Init
        };
        summary(c, role)
    });
    let app = spec
        .seq("containers")
        .iter()
        .map(|c| summary(c, ContainerRole::App));
    init.chain(app).collect()
}

fn syntax_diagnostic(e: &yaml::SyntaxError, src: &str, lines: &LineIndex, doc: Span) -> Diagnostic {
    let mut d = Diagnostic::new(Stage::Syntax, ErrorType::Syntax, "", e.span)
        .with_detail(e.message.clone());
    d.rule = crate::rules::YAML_SYNTAX;
    d.message = format!("error converting YAML to JSON: {}", e.go_error());
    let (mut explanation, fix) = syntax_help(&e.message);
    if let Some(note) = line_note(e, src, lines, doc) {
        explanation = Text::new(
            format!("{} {}", explanation.en, note.en),
            format!("{}{}", explanation.zh, note.zh),
        );
    }
    d.explanation = explanation;
    d.fix = fix;
    d
}

/// Why kubectl's `yaml: line N` is not the line the playground marks, when it is not: kubectl
/// counts lines from the start of the document (not of the file); go-yaml v2 prints the 0-based
/// number of the line it stopped on for parser errors (`did not find expected key` on line 16
/// is `line 15`), the 1-based one for scanner errors (go-yaml v2 `parser.fail()`, decode.go); and
/// it stops where it gave up, which can be a line after the token the playground marks (a key
/// with no `:` is marked where it starts). None when kubectl prints no line or the lines agree.
fn line_note(e: &yaml::SyntaxError, src: &str, lines: &LineIndex, doc: Span) -> Option<Text> {
    let said = e.kubectl_line;
    let noticed_at = e.noticed?;
    if said == 0 {
        return None;
    }
    let line = |pos: u32| lines.line_col(src, pos).line;
    let first = line(doc.start);
    let marked = line(e.span.start);
    let noticed = line(noticed_at);
    // kubectl's number as a line of the file.
    let said_in_file = said.saturating_add(first).saturating_sub(1);
    if said_in_file == marked && first == 1 {
        return None;
    }
    let mut en: Vec<String> = vec![format!(
        "kubectl says line {said}, the playground marks line {marked}:"
    )];
    let mut zh: Vec<String> = vec![format!(
        "kubectl 说第 {said} 行，游乐场标出的是第 {marked} 行："
    )];
    if first > 1 {
        en.push(format!(
            "kubectl counts lines from the start of this document, which begins on line {first} of the text, so its line {said} is line {said_in_file} here."
        ));
        zh.push(format!(
            "kubectl 从这个文档的开头数行，而这个文档从文本的第 {first} 行开始，所以它的第 {said} 行就是这里的第 {said_in_file} 行。"
        ));
    }
    if noticed > said_in_file {
        en.push(format!(
            "for this kind of error go-yaml (the YAML reader kubectl uses) prints the number of the line before the one it stopped on (it counts from 0 there), so \"line {said}\" means line {noticed}."
        ));
        zh.push(format!(
            "对这类错误，go-yaml（kubectl 使用的 YAML 解析器）打印的是它停下的那一行的前一行的行号（那里从 0 开始计数），所以“line {said}”指的是第 {noticed} 行。"
        ));
    }
    if noticed != marked {
        en.push(format!(
            "go-yaml started reading the text it could not make sense of on line {marked} and gave up on line {noticed}; the playground marks where that text starts."
        ));
        zh.push(format!(
            "go-yaml 从第 {marked} 行开始读这段它读不懂的文本，读到第 {noticed} 行才放弃；游乐场标出的是这段文本的开头。"
        ));
    }
    Some(Text::new(en.join(" "), zh.join("")))
}

/// Plain-language help for the YAML errors learners meet most.
fn syntax_help(message: &str) -> (Text, Text) {
    if message.contains("UTF-8") || message.contains("invalid Unicode character") {
        (
            Text::new(
                "The file is not UTF-8 text: kubectl's YAML reader stops at the marked byte. It is usually a binary file, or text saved in another encoding (GBK, Latin-1, UTF-16 without its mark).",
                "这个文件不是 UTF-8 文本：kubectl 的 YAML 读取器在标出的字节处停下。通常是二进制文件，或者用别的编码（GBK、Latin-1、不带标记的 UTF-16）保存的文本。",
            ),
            Text::new(
                "Open the manifest in an editor and save it as UTF-8, or retype the marked character.",
                "在编辑器里打开这个清单并另存为 UTF-8，或者重新输入标出的字符。",
            ),
        )
    } else if message.contains("mapping values are not allowed") {
        (
            Text::new(
                "A `key: value` pair appears where YAML did not expect one — usually a line indented deeper than the key above it, or a value that itself contains \": \".",
                "在 YAML 不允许的位置出现了 `键: 值` —— 通常是某行比上面的键缩进得更深，或者值本身包含 \": \"。",
            ),
            Text::new(
                "Line this key up with its siblings, or quote the value if it contains a colon followed by a space.",
                "把这个键与同级的键对齐；如果值里有“冒号加空格”，请给值加上引号。",
            ),
        )
    } else if message.contains("did not find expected key")
        || message.contains("could not find expected ':'")
    {
        (
            Text::new(
                "YAML expected another `key: value` line of the same mapping here, but found something else — most often an indentation mistake, a list item (`- `) at the wrong depth, or a stray line of text.",
                "YAML 在这里期望同一个映射里的另一行 `键: 值`，却遇到了别的内容 —— 最常见的是缩进错误、列表项（`- `）层级不对，或混入了一行普通文本。",
            ),
            Text::new(
                "Check the indentation of this line against the lines above: keys of one object must start in the same column, and `- ` items must be indented under their key.",
                "对照上面几行检查这一行的缩进：同一对象的键必须从同一列开始，`- ` 列表项要缩进在所属的键下面。",
            ),
        )
    } else if message.contains("tab") {
        (
            Text::new(
                "YAML does not allow tab characters for indentation.",
                "YAML 不允许用制表符（Tab）缩进。",
            ),
            Text::new(
                "Replace the tabs with spaces (two per level is the Kubernetes habit).",
                "把制表符换成空格（Kubernetes 习惯每层两个空格）。",
            ),
        )
    } else {
        (
            Text::new(
                "The text is not valid YAML, so kubectl cannot even turn it into the JSON it sends to the API server.",
                "这段文本不是合法的 YAML，kubectl 甚至无法把它转换成要发送给 API Server 的 JSON。",
            ),
            Text::new(
                "Look at the marked position and the line before it: unclosed brackets or quotes and wrong indentation are the usual causes.",
                "查看标出的位置及其前一行：未闭合的括号或引号、错误的缩进是最常见的原因。",
            ),
        )
    }
}

impl DocAnalysis {
    /// What kubectl prints for this one problem (`kubectl create -f` with `--validate=strict`).
    pub fn kubectl_message(&self, d: &Diagnostic) -> String {
        if !d.message.is_empty() {
            return d.message.clone();
        }
        let kind = self.kind.as_deref().unwrap_or("Object");
        match d.stage {
            Stage::Validate => {
                let name = self.name.as_deref().unwrap_or("");
                format!("The {kind} \"{name}\" is invalid: {}", d.field_error())
            }
            _ => d.detail.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const JOINED: &str = include_str!("../tests/fixtures/seeds/myweb-joined.yaml");
    const PROJECTED: &str = include_str!("../tests/fixtures/seeds/projected-volume.yaml");

    /// The one syntax diagnostic of the text's last document, with the line it marks.
    fn syntax(src: &str) -> (Diagnostic, u32, usize) {
        let a = analyze(src);
        let doc = a.documents.last().unwrap();
        let d = doc
            .diagnostics
            .iter()
            .find(|d| d.stage == Stage::Syntax)
            .unwrap()
            .clone();
        let line = a.line_index.line_col(src, d.span.start).line;
        (d, line, doc.diagnostics.len())
    }

    #[test]
    fn a_yaml_error_is_the_only_problem_kubectl_reports() {
        let (d, line, n) = syntax(JOINED);
        assert_eq!(n, 1, "no decoding error after the YAML error");
        assert_eq!(line, 16);
        assert_eq!(
            d.message,
            "error converting YAML to JSON: yaml: line 15: did not find expected key"
        );
        // The note explains go-yaml's numbering, and does not blame documents in a one-document
        // file.
        let en = &d.explanation.en;
        assert!(
            en.contains("kubectl says line 15, the playground marks line 16:"),
            "{en}"
        );
        assert!(en.contains("\"line 15\" means line 16."), "{en}");
        assert!(!en.contains("document"), "{en}");
        assert!(
            d.explanation.zh.contains("“line 15”指的是第 16 行"),
            "{}",
            d.explanation.zh
        );
    }

    #[test]
    fn a_later_document_counts_its_lines_from_its_start() {
        let src = format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\n{JOINED}");
        let (d, line, _) = syntax(&src);
        assert_eq!(line, 21);
        assert!(d.message.contains("yaml: line 15:"), "{}", d.message);
        let en = &d.explanation.en;
        assert!(
            en.contains("which begins on line 6 of the text, so its line 15 is line 20 here."),
            "{en}"
        );
        assert!(en.contains("\"line 15\" means line 21."), "{en}");
    }

    #[test]
    fn a_key_without_a_colon_is_marked_where_it_starts() {
        let (d, line, _) = syntax(PROJECTED);
        assert_eq!(line, 25);
        assert!(d.message.contains("yaml: line 26:"), "{}", d.message);
        let en = &d.explanation.en;
        assert!(en.contains("on line 25 and gave up on line 26"), "{en}");
        assert!(!en.contains("counts from 0"), "{en}");
    }

    #[test]
    fn no_note_when_the_lines_agree() {
        let (d, line, _) = syntax("a: 1\nb: c: d\n");
        assert_eq!(line, 2);
        assert!(d.message.contains("yaml: line 2:"), "{}", d.message);
        assert!(
            !d.explanation.en.contains("kubectl says"),
            "{}",
            d.explanation.en
        );
    }
}
