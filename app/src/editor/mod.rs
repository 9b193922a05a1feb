//! What the code editor shows, computed from the analysis: the underlines and gutter markers of
//! every diagnostic, the hover card (kubectl's message, the explanation and the fix in the current
//! language, then the field's `kubectl explain` documentation), the completions at the cursor, and
//! the problems sorted by position. Plain Rust on byte offsets, tested on the host; [`bridge`]
//! converts to the editor's UTF-16 offsets and is the only code that talks to JavaScript.

pub mod bridge;
pub mod replica;

use podplay_core::analyze::{Analysis, DocAnalysis};
use podplay_core::diag::{Diagnostic, Lang, Severity};
use podplay_core::explain::{self, CompletionKind};
use podplay_core::span::{LineCol, Span};

/// The editor's own words, in both languages.
pub struct EditorText {
    pub fix: &'static str,
    pub required: &'static str,
    pub allowed_values: &'static str,
    pub explain_command: &'static str,
    pub no_description: &'static str,
    /// How to use the editor from the keyboard.
    pub keys: &'static str,
    /// Shown over the editor while it has the focus: Tab does not leave it.
    pub tab_note: &'static str,
    /// Shown over the editor while its code loads (on first use).
    pub loading: &'static str,
    /// Said when the editor's code could not be loaded, with a retry; the text is kept.
    pub load_failed: &'static str,
    pub retry: &'static str,
    /// CodeMirror's own UI strings (search panel, completion list, announcements), as
    /// (English phrase, translation) pairs; empty for English.
    pub phrases: &'static [(&'static str, &'static str)],
}

pub static EN: EditorText = EditorText {
    fix: "Fix: ",
    required: "required",
    allowed_values: "Allowed values: ",
    explain_command: "kubectl explain ",
    no_description: "(no description)",
    keys: "Tab indents, Shift-Tab outdents; Escape then Tab leaves the editor. Ctrl-I explains what is at the cursor, Ctrl-Space completes, Ctrl-F searches, Ctrl-Z undoes.",
    tab_note: "Tab indents here · to leave: Escape, then Tab",
    loading: "Loading the editor…",
    load_failed: "The editor could not be loaded (the connection may have dropped). Your text is kept.",
    retry: "Retry",
    phrases: &[],
};

pub static ZH: EditorText = EditorText {
    fix: "修复：",
    required: "必填",
    allowed_values: "可选值：",
    explain_command: "kubectl explain ",
    no_description: "（无说明）",
    keys: "Tab 缩进，Shift-Tab 减少缩进；先按 Escape 再按 Tab 可离开编辑器。Ctrl-I 解释光标处的内容，Ctrl-Space 补全，Ctrl-F 查找，Ctrl-Z 撤销。",
    tab_note: "这里 Tab 用于缩进 · 离开：先按 Escape，再按 Tab",
    loading: "正在加载编辑器…",
    load_failed: "编辑器未能加载（网络可能已断开）。你的文本已保留。",
    retry: "重试",
    phrases: &[
        ("Find", "查找"),
        ("Replace", "替换"),
        ("next", "下一个"),
        ("previous", "上一个"),
        ("all", "全部"),
        ("match case", "区分大小写"),
        ("regexp", "正则表达式"),
        ("by word", "全词匹配"),
        ("replace", "替换"),
        ("replace all", "全部替换"),
        ("close", "关闭"),
        ("current match", "当前匹配"),
        ("on line", "位于行"),
        ("replaced match on line $", "已替换第 $ 行的匹配"),
        ("replaced $ matches", "已替换 $ 处匹配"),
        ("Go to line", "跳转到行"),
        ("go", "跳转"),
        ("Completions", "补全建议"),
        ("Control character", "控制字符"),
        ("Selection deleted", "已删除所选内容"),
        ("Nothing to explain here", "这里没有可解释的内容"),
    ],
};

pub fn text(lang: Lang) -> &'static EditorText {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}

/// The span the editor underlines for a diagnostic: clamped to the text, on character
/// boundaries, and never empty when there is a character to mark (an empty span, such as the
/// position of a syntax error, marks the character after it, or before it at the end of a line).
pub fn visible_span(text: &str, span: Span) -> Span {
    let len = text.len() as u32;
    let floor = |mut i: u32| {
        i = i.min(len);
        while i > 0 && !text.is_char_boundary(i as usize) {
            i -= 1;
        }
        i
    };
    let (start, end) = (floor(span.start), floor(span.end));
    let (start, end) = (start.min(end), end.max(start));
    if end > start {
        return Span::new(start, end);
    }
    let next = text.get(start as usize..).and_then(|r| r.chars().next());
    if let Some(c) = next.filter(|c| *c != '\n' && *c != '\r') {
        return Span::new(start, start + c.len_utf8() as u32);
    }
    let prev = text
        .get(..start as usize)
        .and_then(|r| r.chars().next_back());
    match prev.filter(|c| *c != '\n' && *c != '\r') {
        Some(c) => Span::new(start - c.len_utf8() as u32, start),
        None => Span::at(start),
    }
}

/// One problem of the text, located.
#[derive(Clone, Copy)]
pub struct Problem<'a> {
    pub doc: &'a DocAnalysis,
    pub diagnostic: &'a Diagnostic,
    /// The underlined range (see [`visible_span`]).
    pub span: Span,
    pub start: LineCol,
}

impl Problem<'_> {
    pub fn is_warning(&self) -> bool {
        self.diagnostic.severity == Severity::Warning
    }

    /// kubectl's message for this problem.
    pub fn kubectl_message(&self) -> String {
        self.doc.kubectl_message(self.diagnostic)
    }
}

/// Every diagnostic of every document, sorted by position (ties keep the API server's order).
pub fn problems<'a>(text: &str, analysis: &'a Analysis) -> Vec<Problem<'a>> {
    let mut out: Vec<Problem<'a>> = analysis
        .documents
        .iter()
        .flat_map(|doc| {
            doc.diagnostics.iter().map(move |d| {
                let span = visible_span(text, d.span);
                Problem {
                    doc,
                    diagnostic: d,
                    span,
                    start: analysis.line_index.line_col(text, span.start),
                }
            })
        })
        .collect();
    podplay_core::sort::sort_by_key(&mut out, |p| (p.span.start, p.span.end));
    out
}

/// How many errors and warnings the text has.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
}

impl Counts {
    pub fn of(analysis: &Analysis) -> Counts {
        let mut c = Counts::default();
        for d in analysis.documents.iter().flat_map(|d| &d.diagnostics) {
            match d.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
            }
        }
        c
    }

    pub fn total(self) -> usize {
        self.errors + self.warnings
    }
}

/// One block of a hover card: a CSS class (which also tells tests what the block is) and text.
pub type Block = (&'static str, String);

/// What the editor shows when the pointer rests on `offset` (a byte offset of `text`): the
/// problems there, then the documentation of the field.
#[derive(Clone, Debug, PartialEq)]
pub struct HoverCard {
    pub span: Span,
    pub blocks: Vec<Block>,
}

pub fn hover(text: &str, analysis: &Analysis, offset: u32, lang: Lang) -> Option<HoverCard> {
    let words = self::text(lang);
    let mut blocks = Vec::new();
    let mut span: Option<Span> = None;
    for p in problems(text, analysis) {
        if !(p.span.contains(offset) || p.span.is_empty() && p.span.start == offset) {
            continue;
        }
        span = Some(span.map_or(p.span, |s| s.cover(p.span)));
        let class = if p.is_warning() {
            "hover-kubectl hover-warning"
        } else {
            "hover-kubectl hover-error"
        };
        blocks.push((class, p.kubectl_message()));
        let d = p.diagnostic;
        if !d.explanation.is_empty() {
            blocks.push(("hover-explanation", d.explanation.get(lang).to_string()));
        }
        if !d.fix.is_empty() {
            blocks.push(("hover-fix", format!("{}{}", words.fix, d.fix.get(lang))));
        }
    }
    let doc = analysis
        .documents
        .iter()
        .find(|d| d.span.touches(offset) && d.root.is_some());
    let field = doc.and_then(|d| explain::hover(d.root.as_ref()?, d.model_kind?, offset));
    if let Some(h) = field {
        span = Some(span.unwrap_or(h.span));
        let mut head = format!("{} {}", h.field_path, h.type_name);
        if h.required {
            head.push_str(&format!(" · {}", words.required));
        }
        blocks.push(("hover-field", head));
        blocks.push((
            "hover-doc",
            if h.description.is_empty() {
                words.no_description.to_string()
            } else {
                h.description.to_string()
            },
        ));
        if let Some(values) = h.enum_values.filter(|v| !v.is_empty()) {
            blocks.push((
                "hover-enum",
                format!("{}{}", words.allowed_values, values.join(", ")),
            ));
        }
        blocks.push((
            "hover-command",
            format!("{}{}", words.explain_command, h.explain_path),
        ));
    }
    Some(HoverCard {
        span: span?,
        blocks,
    })
}

/// One completion as the editor lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct Completion {
    pub label: String,
    pub insert: String,
    pub detail: String,
    pub doc: &'static str,
    /// `property` for a field, `enum` for a value (CodeMirror's completion types).
    pub kind: &'static str,
}

/// What can be typed at byte `offset`: the fields allowed there and the values of enums, from the
/// schema. When not asked for (`explicit` false, i.e. while typing), field names are only offered
/// once a letter of the name is typed, so that a new line does not pop up the whole list.
/// Works from the text alone; `analysis` (of `text`), when there is one, gives core the tree.
pub fn completions(
    text: &str,
    analysis: Option<&Analysis>,
    offset: u32,
    explicit: bool,
) -> Option<(Span, Vec<Completion>)> {
    let root = analysis
        .and_then(|a| a.documents.iter().find(|d| d.span.touches(offset)))
        .and_then(|d| d.root.as_ref());
    let found = explain::complete(text, root, offset);
    let items: Vec<Completion> = found
        .items
        .into_iter()
        .filter(|i| explicit || i.kind == CompletionKind::Value || !found.span.is_empty())
        .map(|i| Completion {
            label: i.label,
            insert: i.insert,
            detail: i.detail,
            doc: i.doc,
            kind: match i.kind {
                CompletionKind::Field => "property",
                CompletionKind::Value => "enum",
            },
        })
        .collect();
    (!items.is_empty()).then_some((found.span, items))
}

#[cfg(test)]
mod tests {
    use super::*;
    use podplay_core::analyze::analyze;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  restartPolicy: Always\n  containers:\n  - name: web\n    image: nginx\n    imagee: nginx\n";

    #[test]
    fn empty_spans_are_widened_to_a_character_and_clamped() {
        let t = "ab\n名\n";
        assert_eq!(visible_span(t, Span::new(0, 2)), Span::new(0, 2));
        assert_eq!(visible_span(t, Span::at(0)), Span::new(0, 1));
        assert_eq!(
            visible_span(t, Span::at(2)),
            Span::new(1, 2),
            "at a line end: the char before"
        );
        assert_eq!(
            visible_span(t, Span::at(3)),
            Span::new(3, 6),
            "a whole CJK character"
        );
        assert_eq!(
            visible_span(t, Span::new(4, 99)),
            Span::new(3, 7),
            "inside a char: floored; past the end: clamped"
        );
        assert_eq!(visible_span("\n\n", Span::at(1)), Span::at(1));
        assert_eq!(visible_span("", Span::new(5, 9)), Span::at(0));
    }

    #[test]
    fn problems_are_sorted_by_position_and_counted() {
        let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  bogus: 1\nspec:\n  containers:\n  - name: Web\n    imagee: nginx\n";
        let a = analyze(text);
        let ps = problems(text, &a);
        let located: Vec<(u32, &str)> = ps
            .iter()
            .map(|p| (p.start.line, p.diagnostic.field.as_str()))
            .collect();
        assert_eq!(
            located,
            vec![
                (5, "metadata.bogus"),
                (8, "spec.containers[0].name"),
                (9, "spec.containers[0].imagee")
            ],
            "by position, not by the stage that found them"
        );
        assert!(ps[1].kubectl_message().contains("Invalid value: \"Web\""));
        assert!(ps[2].kubectl_message().contains("unknown field"));
        assert_eq!(
            Counts::of(&a),
            Counts {
                errors: 3,
                warnings: 0
            }
        );
        assert_eq!(Counts::of(&a).total(), 3);
    }

    #[test]
    fn hover_on_an_error_shows_kubectl_then_help_in_the_language() {
        let a = analyze(POD);
        let at = POD.find("imagee").unwrap() as u32 + 2;
        let card = hover(POD, &a, at, Lang::En).unwrap();
        assert_eq!(card.span.text(POD), "imagee");
        assert_eq!(card.blocks[0].0, "hover-kubectl hover-error");
        assert!(
            card.blocks[0]
                .1
                .contains("strict decoding error: unknown field \"spec.containers[0].imagee\""),
            "{:?}",
            card.blocks
        );
        let zh = hover(POD, &a, at, Lang::Zh).unwrap();
        assert_eq!(zh.blocks[0], card.blocks[0], "kubectl speaks English");
        let fix = |c: &HoverCard| c.blocks.iter().find(|b| b.0 == "hover-fix").cloned();
        assert!(fix(&card).unwrap().1.starts_with("Fix: "));
        assert!(fix(&zh).unwrap().1.starts_with("修复："));
    }

    #[test]
    fn hover_on_a_key_shows_its_explain_doc() {
        let a = analyze(POD);
        let at = POD.find("restartPolicy").unwrap() as u32 + 3;
        let card = hover(POD, &a, at, Lang::En).unwrap();
        assert_eq!(card.span.text(POD), "restartPolicy");
        let kinds: Vec<&str> = card.blocks.iter().map(|b| b.0).collect();
        assert_eq!(
            kinds,
            ["hover-field", "hover-doc", "hover-enum", "hover-command"]
        );
        assert_eq!(card.blocks[0].1, "spec.restartPolicy <string>");
        assert!(card.blocks[1]
            .1
            .contains("Restart policy for all containers"));
        assert_eq!(card.blocks[2].1, "Allowed values: Always, Never, OnFailure");
        assert_eq!(card.blocks[3].1, "kubectl explain pod.spec.restartPolicy");
        assert_eq!(hover(POD, &a, POD.len() as u32 + 5, Lang::En), None);
    }

    #[test]
    fn completion_offers_enum_values_and_fields_when_typed() {
        let text = "apiVersion: v1\nkind: Pod\nspec:\n  restartPolicy: \n  containers:\n  - name: a\n    ima\n";
        let a = analyze(text);
        let at = text.find("restartPolicy: ").unwrap() as u32 + 15;
        let (span, items) = completions(text, Some(&a), at, false).unwrap();
        assert_eq!(span, Span::at(at));
        let labels: Vec<&str> = items.iter().map(|i| i.label.as_str()).collect();
        assert_eq!(labels, ["Always", "Never", "OnFailure"]);
        assert!(items.iter().all(|i| i.kind == "enum"));

        let at = text.find("ima\n").unwrap() as u32 + 3;
        let (span, items) = completions(text, Some(&a), at, false).unwrap();
        assert_eq!(span.text(text), "ima");
        assert_eq!(items[0].label, "image");
        assert_eq!(items[0].insert, "image: ");
        assert_eq!(items[0].kind, "property");

        let blank = "apiVersion: v1\nkind: Pod\nspec:\n  \n";
        let a = analyze(blank);
        let at = blank.find("  \n").unwrap() as u32 + 2;
        assert_eq!(
            completions(blank, Some(&a), at, false),
            None,
            "no list pops up on an empty line"
        );
        let (_, items) = completions(blank, None, at, true).unwrap();
        assert!(items.iter().any(|i| i.label == "containers"));
    }
}
