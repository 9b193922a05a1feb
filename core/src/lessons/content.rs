//! The lesson texts: one file per lesson (`static/lessons/<id>.lesson`), fetched by the app when
//! the lesson is first opened, so the course's prose is not compiled into the page.
//!
//! ## Format
//! Line-based. A line starting with `@` is a directive; other lines belong to the text block above
//! them.
//!
//! ```text
//! @lesson pause                      the lesson's id (first line)
//! @step The pause container | pause 容器
//!                                    a step: its English and Chinese titles
//! @manifest share-pid                optional: the step's manifest (a task or gallery example id)
//! @en                                English prose, up to the next directive
//! Every Pod starts with …
//! @zh                                the same in Chinese (required right after @en)
//! 每个 Pod 都从……开始
//! @look namespaces 5s                a "look here" callout: a play view and a playhead time,
//! @en Watch the pid row …            followed by its text in English
//! @zh 看 pid 这一行……                 and in Chinese
//! @task share-pid                    a task of the lesson, with its statement
//! @en Make the shell see …
//! @zh 让 shell 看到……
//! ```
//!
//! Prose: paragraphs separated by blank lines, `- ` list items, fenced code blocks (```yaml …
//! ```; lines inside are kept as they are, `@` included), and inline `code` and **strong**.
//! Callouts name one of the play views ([`View`]) and a time (`12s`, `1.5s`, `2m`).
//!
//! [`parse`] reads a file; [`verify`] checks it against the course (both languages everywhere,
//! every referenced task and manifest exists, every callout's time lies within its run).

use crate::sim::SimTime;

/// A play view a callout opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// kubectl → API server → etcd → scheduler → kubelet → CRI / CNI → containers.
    Flow,
    /// The pause container, the namespaces, `ps`.
    Namespaces,
    /// The pod's network: IP, ports, localhost traffic.
    Network,
    /// Containers, probes and conditions over time.
    Timeline,
    /// The events table.
    Events,
}

impl View {
    pub const ALL: [View; 5] = [
        View::Flow,
        View::Namespaces,
        View::Network,
        View::Timeline,
        View::Events,
    ];

    pub fn key(self) -> &'static str {
        match self {
            View::Flow => "flow",
            View::Namespaces => "namespaces",
            View::Network => "network",
            View::Timeline => "timeline",
            View::Events => "events",
        }
    }

    pub fn parse(s: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.key() == s)
    }
}

/// Inline text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    /// `code`
    Code(String),
    /// **strong**
    Strong(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Para(Vec<Inline>),
    List(Vec<Vec<Inline>>),
    Code { lang: String, text: String },
}

/// A text in both languages.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Both {
    pub en: Vec<Block>,
    pub zh: Vec<Block>,
}

impl Both {
    pub fn get(&self, lang: crate::diag::Lang) -> &[Block] {
        match lang {
            crate::diag::Lang::En => &self.en,
            crate::diag::Lang::Zh => &self.zh,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Prose(Both),
    /// Open `view` at playhead time `at`.
    Look {
        view: View,
        at: SimTime,
        text: Both,
    },
    /// A task of the lesson and what it asks.
    Task {
        id: String,
        text: Both,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub title: crate::diag::Text,
    /// The manifest the step is about (a task or gallery example id); `None`: the same as the
    /// step before (the lesson's start for the first), see [`LessonText::manifest_of`].
    pub manifest: Option<String>,
    pub items: Vec<Item>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LessonText {
    pub id: String,
    pub steps: Vec<Step>,
}

impl LessonText {
    /// The manifest id of step `index` (0-based): the last `@manifest` at or before it, else the
    /// lesson's start.
    pub fn manifest_of<'a>(&'a self, index: usize, lesson_start: &'a str) -> &'a str {
        let upto = index.saturating_add(1).min(self.steps.len());
        self.steps
            .get(..upto)
            .unwrap_or(&[])
            .iter()
            .rev()
            .find_map(|s| s.manifest.as_deref())
            .unwrap_or(lesson_start)
    }
}

/// A problem in a lesson file, at a 1-based line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for ContentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Lesson files are small; a bigger one is refused rather than read.
pub const MAX_BYTES: usize = 256 * 1024;

/// `12s`, `1.5s`, `2m` → simulated time.
pub fn parse_time(s: &str) -> Option<SimTime> {
    let (num, unit_ms) = if let Some(n) = s.strip_suffix("ms") {
        (n, 1.0)
    } else if let Some(n) = s.strip_suffix('s') {
        (n, 1000.0)
    } else if let Some(n) = s.strip_suffix('m') {
        (n, 60_000.0)
    } else {
        return None;
    };
    let v: f64 = num.parse().ok()?;
    if !v.is_finite() || !(0.0..=31_536_000.0).contains(&v) {
        return None;
    }
    Some(SimTime((v * unit_ms).round() as u64))
}

enum Pending {
    None,
    Look(View, SimTime),
    Task(String),
}

struct Parser<'a> {
    lines: Vec<&'a str>,
    pos: usize,
}

fn err(line: usize, message: impl Into<String>) -> ContentError {
    ContentError {
        line,
        message: message.into(),
    }
}

impl<'a> Parser<'a> {
    /// The lines of a text block: from `first` (the rest of the directive's line) to the next
    /// directive outside a code fence.
    fn block(&mut self, first: &'a str) -> Vec<&'a str> {
        let mut out = Vec::new();
        if !first.trim().is_empty() {
            out.push(first);
        }
        let mut fenced = false;
        while let Some(line) = self.lines.get(self.pos) {
            if !fenced && line.starts_with('@') {
                break;
            }
            if line.trim_start().starts_with("```") {
                fenced = !fenced;
            }
            out.push(line);
            self.pos += 1;
        }
        out
    }

    /// `@en` then `@zh`, each a block.
    fn both(&mut self, at: usize) -> Result<Both, ContentError> {
        let mut get = |tag: &str| -> Result<Vec<Block>, ContentError> {
            let line_no = self.pos + 1;
            let Some(line) = self.lines.get(self.pos).copied() else {
                return Err(err(
                    line_no,
                    format!("expected @{tag}, found the end of the file"),
                ));
            };
            let rest = match line.strip_prefix('@').and_then(|l| l.strip_prefix(tag)) {
                Some(r) if r.is_empty() || r.starts_with(' ') => r.trim_start(),
                _ => return Err(err(line_no, format!("expected @{tag}, found {line:?}"))),
            };
            self.pos += 1;
            let lines = self.block(rest);
            let blocks = blocks(&lines).map_err(|m| err(line_no, m))?;
            if blocks.is_empty() {
                return Err(err(line_no, format!("@{tag} has no text")));
            }
            Ok(blocks)
        };
        let en = get("en")?;
        let zh = get("zh")?;
        let _ = at;
        Ok(Both { en, zh })
    }
}

/// Reads a lesson file.
pub fn parse(text: &str) -> Result<LessonText, ContentError> {
    if text.len() > MAX_BYTES {
        return Err(err(1, format!("the file is larger than {MAX_BYTES} bytes")));
    }
    let mut p = Parser {
        lines: text.lines().collect(),
        pos: 0,
    };
    // Skip blank lines before the header.
    while p.lines.get(p.pos).is_some_and(|l| l.trim().is_empty()) {
        p.pos += 1;
    }
    let id = match p.lines.get(p.pos).and_then(|l| l.strip_prefix("@lesson ")) {
        Some(id) if !id.trim().is_empty() => id.trim().to_string(),
        _ => return Err(err(p.pos + 1, "the file must start with `@lesson <id>`")),
    };
    p.pos += 1;
    let mut steps: Vec<Step> = Vec::new();
    while let Some(line) = p.lines.get(p.pos).copied() {
        let line_no = p.pos + 1;
        if line.trim().is_empty() {
            p.pos += 1;
            continue;
        }
        let Some(directive) = line.strip_prefix('@') else {
            return Err(err(line_no, format!("text outside @en/@zh: {line:?}")));
        };
        let (name, rest) = directive.split_once(' ').unwrap_or((directive, ""));
        let rest = rest.trim();
        p.pos += 1;
        match name {
            "step" => {
                let Some((en, zh)) = rest.split_once(" | ") else {
                    return Err(err(
                        line_no,
                        "a step needs `@step English title | 中文标题`",
                    ));
                };
                if en.trim().is_empty() || zh.trim().is_empty() {
                    return Err(err(line_no, "a step title is empty"));
                }
                steps.push(Step {
                    title: crate::diag::Text::new(en.trim(), zh.trim()),
                    manifest: None,
                    items: Vec::new(),
                });
            }
            "manifest" => {
                let Some(step) = steps.last_mut() else {
                    return Err(err(line_no, "@manifest before any @step"));
                };
                if rest.is_empty() || !step.items.is_empty() || step.manifest.is_some() {
                    return Err(err(
                        line_no,
                        "@manifest names one id, once, before the step's text",
                    ));
                }
                step.manifest = Some(rest.to_string());
            }
            "en" | "look" | "task" => {
                let pending = match name {
                    "look" => {
                        let mut parts = rest.split_whitespace();
                        let (Some(v), Some(tm), None) = (parts.next(), parts.next(), parts.next())
                        else {
                            return Err(err(line_no, "a callout is `@look <view> <time>`"));
                        };
                        let Some(view) = View::parse(v) else {
                            return Err(err(
                                line_no,
                                format!(
                                    "unknown view {v:?} (one of {})",
                                    View::ALL.map(View::key).join(", ")
                                ),
                            ));
                        };
                        let Some(at) = parse_time(tm) else {
                            return Err(err(
                                line_no,
                                format!("bad time {tm:?} (e.g. 12s, 1.5s, 2m)"),
                            ));
                        };
                        Pending::Look(view, at)
                    }
                    "task" => {
                        if rest.is_empty() || rest.contains(' ') {
                            return Err(err(line_no, "a task is `@task <id>`"));
                        }
                        Pending::Task(rest.to_string())
                    }
                    _ => {
                        // `@en` starts prose: read it from this line.
                        p.pos -= 1;
                        Pending::None
                    }
                };
                let Some(step) = steps.last_mut() else {
                    return Err(err(line_no, "text before any @step"));
                };
                let text = p.both(line_no)?;
                step.items.push(match pending {
                    Pending::None => Item::Prose(text),
                    Pending::Look(view, at) => Item::Look { view, at, text },
                    Pending::Task(id) => Item::Task { id, text },
                });
            }
            "zh" => return Err(err(line_no, "@zh must follow an @en block")),
            "lesson" => return Err(err(line_no, "@lesson appears twice")),
            other => return Err(err(line_no, format!("unknown directive @{other}"))),
        }
    }
    if steps.is_empty() {
        return Err(err(p.lines.len().max(1), "the lesson has no @step"));
    }
    if let Some((i, _)) = steps.iter().enumerate().find(|(_, s)| s.items.is_empty()) {
        return Err(err(1, format!("step {} has no text", i + 1)));
    }
    Ok(LessonText { id, steps })
}

/// Paragraphs, lists and code blocks of a text block.
fn blocks(lines: &[&str]) -> Result<Vec<Block>, String> {
    let mut out = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut list: Vec<Vec<Inline>> = Vec::new();
    let mut i = 0;
    let flush = |para: &mut Vec<&str>, list: &mut Vec<Vec<Inline>>, out: &mut Vec<Block>| {
        if !para.is_empty() {
            out.push(Block::Para(inlines(&para.join(" "))));
            para.clear();
        }
        if !list.is_empty() {
            out.push(Block::List(std::mem::take(list)));
        }
    };
    while let Some(line) = lines.get(i) {
        i += 1;
        let trimmed = line.trim();
        if let Some(lang) = trimmed.strip_prefix("```") {
            flush(&mut para, &mut list, &mut out);
            let mut code: Vec<&str> = Vec::new();
            let mut closed = false;
            while let Some(l) = lines.get(i) {
                i += 1;
                if l.trim() == "```" {
                    closed = true;
                    break;
                }
                code.push(l);
            }
            if !closed {
                return Err("a code block is not closed with ```".into());
            }
            out.push(Block::Code {
                lang: lang.trim().to_string(),
                text: code.join("\n"),
            });
        } else if trimmed.is_empty() {
            flush(&mut para, &mut list, &mut out);
        } else if let Some(item) = trimmed.strip_prefix("- ") {
            if !para.is_empty() {
                out.push(Block::Para(inlines(&para.join(" "))));
                para.clear();
            }
            list.push(inlines(item));
        } else if !list.is_empty() && line.starts_with("  ") {
            // A list item continued on the next line.
            if let Some(last) = list.last_mut() {
                last.push(Inline::Text(" ".into()));
                last.extend(inlines(trimmed));
            }
        } else {
            if !list.is_empty() {
                out.push(Block::List(std::mem::take(&mut list)));
            }
            para.push(trimmed);
        }
    }
    flush(&mut para, &mut list, &mut out);
    Ok(out)
}

/// `code` and **strong** spans; an unclosed marker is kept as text.
pub fn inlines(text: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut plain = String::new();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('`') {
            if let Some(end) = after.find('`') {
                if !plain.is_empty() {
                    out.push(Inline::Text(std::mem::take(&mut plain)));
                }
                out.push(Inline::Code(after.get(..end).unwrap_or("").to_string()));
                rest = after.get(end + 1..).unwrap_or("");
                continue;
            }
        }
        if let Some(after) = rest.strip_prefix("**") {
            if let Some(end) = after.find("**") {
                if !plain.is_empty() {
                    out.push(Inline::Text(std::mem::take(&mut plain)));
                }
                out.push(Inline::Strong(after.get(..end).unwrap_or("").to_string()));
                rest = after.get(end + 2..).unwrap_or("");
                continue;
            }
        }
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            plain.push(c);
        }
        rest = chars.as_str();
    }
    if !plain.is_empty() {
        out.push(Inline::Text(plain));
    }
    out
}

/// Checks a lesson file against the course: the lesson exists; every step's manifest resolves;
/// every task the text names belongs to the lesson and every task of the lesson is named once;
/// every callout's time lies within the run of its step's manifest. Returns the problems found.
pub fn verify(text: &LessonText) -> Vec<String> {
    let mut problems = Vec::new();
    let Some(lesson) = super::lesson(&text.id) else {
        return vec![format!("no lesson {:?} in the course", text.id)];
    };
    let mut named: Vec<&str> = Vec::new();
    for (i, step) in text.steps.iter().enumerate() {
        let n = i + 1;
        let manifest = text.manifest_of(i, lesson.start);
        if super::manifest(manifest).is_none() {
            problems.push(format!("step {n}: no task or example {manifest:?}"));
            continue;
        }
        let mut run_end: Option<SimTime> = None;
        for item in &step.items {
            match item {
                Item::Prose(_) => {}
                Item::Task { id, .. } => {
                    if !lesson.tasks.contains(&id.as_str()) {
                        problems.push(format!(
                            "step {n}: task {id:?} is not a task of this lesson"
                        ));
                    }
                    if named.contains(&id.as_str()) {
                        problems.push(format!("step {n}: task {id:?} is named twice"));
                    }
                    named.push(id);
                }
                Item::Look { view, at, .. } => {
                    let end = *run_end.get_or_insert_with(|| manifest_run_end(manifest));
                    if *at > end {
                        problems.push(format!(
                            "step {n}: the {} callout at {} is after the end of the run ({})",
                            view.key(),
                            crate::sim::printer::seconds(*at),
                            crate::sim::printer::seconds(end)
                        ));
                    }
                }
            }
        }
    }
    for t in lesson.tasks {
        if !named.contains(t) {
            problems.push(format!("task {t:?} of the lesson is not in the text"));
        }
    }
    problems
}

/// The end of the run the play area shows for a manifest (a task's cluster and play options).
fn manifest_run_end(id: &str) -> SimTime {
    let Some(text) = super::manifest(id) else {
        return SimTime::ZERO;
    };
    let analysis = crate::analyze::analyze(text);
    let (input, options) = match super::task(id) {
        Some(task) => (
            super::play_input_for(task, &analysis),
            super::play_options_for(task),
        ),
        None => (
            crate::sim::view_input::play_input(&analysis),
            crate::sim::Options::default(),
        ),
    };
    match input {
        crate::sim::view_input::PlayInput::Play { world, .. } => {
            crate::sim::simulate(&world, &options).end()
        }
        _ => SimTime::ZERO,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const SAMPLE: &str = "@lesson pause\n\n@step One | 一\n@manifest share-pid\n@en\nFirst `code` and **bold**.\n\nSecond paragraph\ncontinued.\n- item one\n- item two\n@zh\n第一段。\n```yaml\n@not-a-directive: x\n```\n@look namespaces 5s\n@en Watch the pid row.\n@zh 看 pid 这一行。\n@task share-pid\n@en Do it.\n@zh 动手。\n";

    #[test]
    fn parses_steps_prose_callouts_and_tasks() {
        let l = parse(SAMPLE).unwrap();
        assert_eq!(l.id, "pause");
        assert_eq!(l.steps.len(), 1);
        let s = &l.steps[0];
        assert_eq!(s.title.zh, "一");
        assert_eq!(s.manifest.as_deref(), Some("share-pid"));
        assert_eq!(s.items.len(), 3);
        let Item::Prose(p) = &s.items[0] else {
            panic!()
        };
        assert_eq!(
            p.en[0],
            Block::Para(vec![
                Inline::Text("First ".into()),
                Inline::Code("code".into()),
                Inline::Text(" and ".into()),
                Inline::Strong("bold".into()),
                Inline::Text(".".into()),
            ])
        );
        assert_eq!(
            p.en[1],
            Block::Para(vec![Inline::Text("Second paragraph continued.".into())])
        );
        assert!(matches!(&p.en[2], Block::List(items) if items.len() == 2));
        assert_eq!(
            p.zh[1],
            Block::Code {
                lang: "yaml".into(),
                text: "@not-a-directive: x".into()
            }
        );
        assert!(matches!(
            &s.items[1],
            Item::Look { view: View::Namespaces, at, .. } if *at == SimTime::from_secs(5)
        ));
        assert!(matches!(&s.items[2], Item::Task { id, .. } if id == "share-pid"));
    }

    #[test]
    fn problems_are_located() {
        let missing_zh = SAMPLE.replace("@zh 看 pid 这一行。\n", "");
        let e = parse(&missing_zh).unwrap_err();
        assert!(e.message.contains("expected @zh"), "{e}");
        let bad_view = SAMPLE.replace("@look namespaces", "@look pods");
        assert!(parse(&bad_view)
            .unwrap_err()
            .message
            .contains("unknown view"));
        let bad_time = SAMPLE.replace("5s\n", "soon\n");
        assert!(parse(&bad_time).unwrap_err().message.contains("bad time"));
        assert!(parse("hello").is_err());
        assert!(parse("").is_err());
        assert!(parse("@lesson x\n").is_err());
        let unclosed = SAMPLE.replace("```\n@look", "\n@look");
        assert!(parse(&unclosed).is_err());
        assert_eq!(parse_time("1.5s"), Some(SimTime(1500)));
        assert_eq!(parse_time("2m"), Some(SimTime(120_000)));
        assert_eq!(parse_time("-1s"), None);
        assert_eq!(parse_time("NaNs"), None);
    }

    #[test]
    fn any_text_parses_or_fails_without_panicking() {
        for text in [
            "@",
            "@lesson",
            "@lesson a\n@step |",
            "@lesson a\n@step a | b\n@en",
            "@lesson a\n@step a | b\n@en x\n@zh",
            "@lesson a\n@step a | b\n@look\n",
            "@lesson a\n@manifest x",
            "```\n@lesson a",
            "@lesson a\n@step a | b\n@en ```\n@zh x",
        ] {
            let _ = parse(text);
        }
        assert!(parse(&"x".repeat(MAX_BYTES + 1)).is_err());
        assert_eq!(inlines("a `b"), vec![Inline::Text("a `b".into())]);
        assert_eq!(inlines("**"), vec![Inline::Text("**".into())]);
    }
}
