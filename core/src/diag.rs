//! Diagnostics: one shape for every problem core finds, from a YAML syntax error to a semantic
//! rule of the API server, so that the CLI, the editor and the problems panel treat them alike.
//!
//! A diagnostic keeps the API server's own vocabulary (field path, error type, bad value,
//! detail), the stage that found it (which decides how kubectl words it), its source span, and a
//! plain-language explanation with a fix in English and Chinese.

use crate::rules::RuleId;
use crate::span::Span;

/// The error types of `k8s.io/apimachinery/pkg/util/validation/field`, plus the three kinds of
/// problem that stop a manifest before validation (YAML syntax, unknown and duplicate fields).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ErrorType {
    Syntax,
    UnknownField,
    DuplicateField,
    Required,
    Invalid,
    Unsupported,
    Duplicate,
    NotFound,
    Forbidden,
    TooLong,
    TooMany,
    Internal,
}

impl ErrorType {
    /// The type as the API server prints it (`field.ErrorType.String()`), and as the CLI's JSON
    /// output names it.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorType::Syntax => "Syntax",
            ErrorType::UnknownField => "Unknown field",
            ErrorType::DuplicateField => "Duplicate field",
            ErrorType::Required => "Required value",
            ErrorType::Invalid => "Invalid value",
            ErrorType::Unsupported => "Unsupported value",
            ErrorType::Duplicate => "Duplicate value",
            ErrorType::NotFound => "Not found",
            ErrorType::Forbidden => "Forbidden",
            ErrorType::TooLong => "Too long",
            ErrorType::TooMany => "Too many",
            ErrorType::Internal => "Internal error",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// Which part of the API server's path found the problem; it decides kubectl's wording.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// `error converting YAML to JSON: yaml: line N: …` (kubectl, before sending).
    Syntax,
    /// `Pod in version "v1" cannot be handled as a Pod: …` (decoding: unknown/duplicate fields,
    /// wrong JSON types, malformed quantities).
    Decode,
    /// `The Pod "x" is invalid: …` (validation after defaulting).
    Validate,
    /// Not an API server error: a note from the playground (unsupported kind, a warning
    /// kubectl would print, something the simulation will assume).
    Note,
}

/// The offending value, printed the way `field.Error.ErrorBody()` prints it: strings quoted
/// with Go's `%q`, numbers and booleans bare.
#[derive(Clone, Debug, PartialEq)]
pub enum BadValue {
    /// No value is printed (Required, Forbidden, Too long, or `field.OmitValueType`).
    Omit,
    Null,
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// Already formatted (e.g. a Go struct dump or a quantity's canonical string).
    Raw(String),
}

impl BadValue {
    pub fn go_format(&self) -> Option<String> {
        Some(match self {
            BadValue::Omit => return None,
            BadValue::Null => "null".to_string(),
            BadValue::Str(s) => go_quote(s),
            BadValue::Int(i) => i.to_string(),
            // `%v` of a float64.
            BadValue::Float(f) => crate::gofmt::format_float_g(*f, false),
            BadValue::Bool(b) => b.to_string(),
            BadValue::Raw(s) => s.clone(),
        })
    }

    /// The value as JSON (for the CLI's `"value"` field).
    pub fn json_text(&self) -> Option<String> {
        Some(match self {
            BadValue::Omit => return None,
            BadValue::Null => "null".into(),
            BadValue::Str(s) | BadValue::Raw(s) => json_quote(s),
            BadValue::Int(i) => i.to_string(),
            BadValue::Float(f) => crate::gofmt::json_float(*f),
            BadValue::Bool(b) => b.to_string(),
        })
    }
}

impl From<&str> for BadValue {
    fn from(s: &str) -> BadValue {
        BadValue::Str(s.to_string())
    }
}
impl From<String> for BadValue {
    fn from(s: String) -> BadValue {
        BadValue::Str(s)
    }
}
impl From<i64> for BadValue {
    fn from(i: i64) -> BadValue {
        BadValue::Int(i)
    }
}
impl From<i32> for BadValue {
    fn from(i: i32) -> BadValue {
        BadValue::Int(i as i64)
    }
}
impl From<bool> for BadValue {
    fn from(b: bool) -> BadValue {
        BadValue::Bool(b)
    }
}

/// Text in both languages of the UI.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    pub en: String,
    pub zh: String,
}

impl Text {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Text {
        Text {
            en: en.into(),
            zh: zh.into(),
        }
    }

    /// Words that stay as Kubernetes prints them in both languages (an API path, a CRI call,
    /// an event's message).
    pub fn same(s: impl Into<String>) -> Text {
        let en = s.into();
        Text { zh: en.clone(), en }
    }

    pub fn is_empty(&self) -> bool {
        self.en.is_empty() && self.zh.is_empty()
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }
}

/// `word` with the English indefinite article it takes (`an integer`, `a string`, `an EmptyDir`),
/// for the messages that name a type or a kind only known at run time. Decided by the first
/// letter's sound: a vowel letter takes "an", except the "u" read as "you" (`a uint32`, `a unit`).
pub fn with_article(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    let you = ["uint", "uni", "use", "usu", "uti"]
        .iter()
        .any(|p| lower.starts_with(p));
    let vowel = lower
        .chars()
        .next()
        .is_some_and(|c| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u'));
    if vowel && !you {
        format!("an {word}")
    } else {
        format!("a {word}")
    }
}

/// Kubernetes' own words, the same in both languages (see [`Text::same`]).
impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::same(s)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::same(s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

/// A machine-applicable edit that fixes the problem (the editor offers it as a quick fix).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replacement {
    pub span: Span,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub stage: Stage,
    /// The API server's field path (`spec.containers[0].name`); empty for syntax errors.
    pub field: String,
    pub kind: ErrorType,
    pub value: BadValue,
    /// The API server's detail text (after the value), or the YAML error text.
    pub detail: String,
    /// Where in the source the problem is.
    pub span: Span,
    /// The rule that fired ([`crate::rules`]).
    pub rule: RuleId,
    /// What this means, in plain words.
    pub explanation: Text,
    /// What to do about it.
    pub fix: Text,
    pub replacement: Option<Replacement>,
    /// kubectl's whole message for this problem (`The Pod "x" is invalid: …`), filled in by
    /// `analyze`, which knows the object's kind and name.
    pub message: String,
}

impl Diagnostic {
    pub fn new(stage: Stage, kind: ErrorType, field: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic {
            severity: if stage == Stage::Note {
                Severity::Warning
            } else {
                Severity::Error
            },
            stage,
            field: field.into(),
            kind,
            value: BadValue::Omit,
            detail: String::new(),
            span,
            rule: RuleId::NONE,
            explanation: Text::default(),
            fix: Text::default(),
            replacement: None,
            message: String::new(),
        }
    }

    // Constructors named after the Go functions in `field` (`field.Required(path, detail)`, …),
    // so that a port of validation.go reads like the original.

    pub fn required(field: impl Into<String>, span: Span, detail: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Stage::Validate, ErrorType::Required, field, span).with_detail(detail)
    }

    pub fn invalid(
        field: impl Into<String>,
        span: Span,
        value: impl Into<BadValue>,
        detail: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(Stage::Validate, ErrorType::Invalid, field, span)
            .with_value(value)
            .with_detail(detail)
    }

    /// `field.NotSupported(path, value, supported)`: the detail lists the supported values quoted.
    pub fn not_supported(
        field: impl Into<String>,
        span: Span,
        value: impl Into<BadValue>,
        supported: &[&str],
    ) -> Diagnostic {
        let detail = if supported.is_empty() {
            String::new()
        } else {
            let quoted: Vec<String> = supported.iter().map(|s| go_quote(s)).collect();
            format!("supported values: {}", quoted.join(", "))
        };
        Diagnostic::new(Stage::Validate, ErrorType::Unsupported, field, span)
            .with_value(value)
            .with_detail(detail)
    }

    pub fn duplicate(
        field: impl Into<String>,
        span: Span,
        value: impl Into<BadValue>,
    ) -> Diagnostic {
        Diagnostic::new(Stage::Validate, ErrorType::Duplicate, field, span).with_value(value)
    }

    pub fn not_found(
        field: impl Into<String>,
        span: Span,
        value: impl Into<BadValue>,
    ) -> Diagnostic {
        Diagnostic::new(Stage::Validate, ErrorType::NotFound, field, span).with_value(value)
    }

    pub fn forbidden(
        field: impl Into<String>,
        span: Span,
        detail: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(Stage::Validate, ErrorType::Forbidden, field, span).with_detail(detail)
    }

    /// `field.TooLong(path, value, maxLength)`.
    pub fn too_long(field: impl Into<String>, span: Span, max_len: usize) -> Diagnostic {
        let detail = format!("may not be more than {max_len} bytes");
        Diagnostic::new(Stage::Validate, ErrorType::TooLong, field, span).with_detail(detail)
    }

    /// `field.TooMany(path, actual, max)`.
    pub fn too_many(field: impl Into<String>, span: Span, actual: usize, max: usize) -> Diagnostic {
        let detail = format!("must have at most {max} items");
        Diagnostic::new(Stage::Validate, ErrorType::TooMany, field, span)
            .with_value(BadValue::Int(actual as i64))
            .with_detail(detail)
    }

    pub fn with_value(mut self, value: impl Into<BadValue>) -> Diagnostic {
        self.value = value.into();
        self
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Diagnostic {
        self.detail = detail.into();
        self
    }

    pub fn with_rule(mut self, rule: RuleId) -> Diagnostic {
        self.rule = rule;
        self
    }

    pub fn with_help(mut self, explanation: Text, fix: Text) -> Diagnostic {
        self.explanation = explanation;
        self.fix = fix;
        self
    }

    pub fn with_replacement(mut self, span: Span, text: impl Into<String>) -> Diagnostic {
        self.replacement = Some(Replacement {
            span,
            text: text.into(),
        });
        self
    }

    pub fn warning(mut self) -> Diagnostic {
        self.severity = Severity::Warning;
        self
    }

    /// `field.Error.ErrorBody()`: `TYPE[: VALUE][: DETAIL]`.
    pub fn body(&self) -> String {
        let mut s = String::from(self.kind.as_str());
        let print_value = !matches!(
            self.kind,
            ErrorType::Required | ErrorType::Forbidden | ErrorType::TooLong | ErrorType::Internal
        );
        if print_value {
            if let Some(v) = self.value.go_format() {
                s.push_str(": ");
                s.push_str(&v);
            }
        }
        if !self.detail.is_empty() {
            s.push_str(": ");
            s.push_str(&self.detail);
        }
        s
    }

    /// `field.Error.Error()`: `PATH: BODY` (just the body when there is no path).
    pub fn field_error(&self) -> String {
        if self.field.is_empty() {
            self.body()
        } else {
            format!("{}: {}", self.field, self.body())
        }
    }
}

/// Go's `%q`: the one home is [`crate::gofmt`].
pub use crate::gofmt::go_quote;

/// A JSON string literal: the one home is [`crate::gofmt`].
pub use crate::gofmt::json_quote;

/// Appends `n` in decimal (what `{n}` prints, without the formatting machinery: paths with
/// indices are built for every list item that is checked).
pub(crate) fn push_decimal(s: &mut String, n: usize) {
    let mut digits = [0u8; 20];
    let mut n = n as u64;
    let mut at = digits.len();
    while at > 0 {
        at -= 1;
        if let Some(d) = digits.get_mut(at) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in digits.get(at..).unwrap_or(&[]) {
        s.push(d as char);
    }
}

/// Builds API field paths the way `field.Path` prints them: `spec.containers[0].ports[1].name`,
/// map keys as `metadata.labels[app]`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldPath(String);

impl FieldPath {
    pub fn root(name: &str) -> FieldPath {
        FieldPath(name.to_string())
    }

    pub fn child(&self, name: &str) -> FieldPath {
        if self.0.is_empty() {
            FieldPath(name.to_string())
        } else {
            self.join(".", name, "")
        }
    }

    pub fn index(&self, i: usize) -> FieldPath {
        let mut s = String::with_capacity(self.0.len() + 8);
        s.push_str(&self.0);
        s.push('[');
        push_decimal(&mut s, i);
        s.push(']');
        FieldPath(s)
    }

    pub fn key(&self, k: &str) -> FieldPath {
        self.join("[", k, "]")
    }

    /// `self` + `open` + `part` + `close`, allocated once.
    fn join(&self, open: &str, part: &str, close: &str) -> FieldPath {
        let mut s = String::with_capacity(self.0.len() + open.len() + part.len() + close.len());
        s.push_str(&self.0);
        s.push_str(open);
        s.push_str(part);
        s.push_str(close);
        FieldPath(s)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for FieldPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<FieldPath> for String {
    fn from(p: FieldPath) -> String {
        p.0
    }
}

impl From<&FieldPath> for String {
    fn from(p: &FieldPath) -> String {
        p.0.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn bodies_print_like_the_api_server() {
        let p = FieldPath::root("spec")
            .child("containers")
            .index(0)
            .child("name");
        let d = Diagnostic::invalid(
            &p,
            Span::default(),
            "Web",
            "a lowercase RFC 1123 label must consist of …",
        );
        assert_eq!(d.field_error(), "spec.containers[0].name: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of …");
        let r = Diagnostic::required(
            FieldPath::root("spec").child("containers"),
            Span::default(),
            "",
        );
        assert_eq!(r.field_error(), "spec.containers: Required value");
        let u = Diagnostic::not_supported(
            "spec.restartPolicy",
            Span::default(),
            "Sometimes",
            &["Always", "OnFailure", "Never"],
        );
        assert_eq!(
            u.field_error(),
            "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\""
        );
        let f = Diagnostic::forbidden(
            "spec.initContainers[0].livenessProbe",
            Span::default(),
            "may not be set for init containers without restartPolicy=Always",
        );
        assert_eq!(f.field_error(), "spec.initContainers[0].livenessProbe: Forbidden: may not be set for init containers without restartPolicy=Always");
        assert_eq!(
            FieldPath::root("metadata")
                .child("labels")
                .key("app")
                .as_str(),
            "metadata.labels[app]"
        );
    }

    #[test]
    fn decimals_print_like_display() {
        for n in [0, 7, 10, 99, 12345, u32::MAX as usize, usize::MAX] {
            let mut s = String::from("x");
            push_decimal(&mut s, n);
            assert_eq!(s, format!("x{n}"));
        }
        assert_eq!(FieldPath::root("a").index(10).key("k").as_str(), "a[10][k]");
    }

    #[test]
    fn float_values_print_like_go() {
        // `%v` in the message, encoding/json in the CLI's JSON.
        assert_eq!(BadValue::Float(1.0).go_format().as_deref(), Some("1"));
        assert_eq!(BadValue::Float(0.5).go_format().as_deref(), Some("0.5"));
        assert_eq!(BadValue::Float(1e6).go_format().as_deref(), Some("1e+06"));
        assert_eq!(BadValue::Float(1e6).json_text().as_deref(), Some("1000000"));
        assert_eq!(
            BadValue::Float(1e-5).json_text().as_deref(),
            Some("0.00001")
        );
    }
}
