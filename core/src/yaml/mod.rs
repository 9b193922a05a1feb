//! A span-aware YAML 1.1 reader that resolves scalars the way kubectl (sigs.k8s.io/yaml, go-yaml v2) does.
//!
//! kubectl reads a manifest in three steps, and so does [`parse_stream`]:
//! 1. apimachinery's `YAMLReader` cuts the stream at every line that starts with `---` (only
//!    spaces or a `#` comment may follow; anything else is "invalid Yaml document separator");
//!    the `---` line itself is dropped, so line numbers restart after it;
//! 2. each document goes through go-yaml v2 (`yaml.Unmarshal` into `interface{}`): the scanner
//!    and parser ([`scanner`], [`parser`], ports of libyaml), the node composer ([`compose`]) and
//!    the decoder ([`decode`], with [`resolve`]'s YAML 1.1 scalar rules);
//! 3. sigs.k8s.io/yaml converts keys to strings and `json.Marshal` writes JSON.
//!
//! The result is one [`Document`] per document, each with a [`Node`] tree that keeps every
//! byte span, and the errors kubectl would print. Where go-yaml stops at its first error, the
//! reader keeps going: a syntax error closes the collections open at that point (the tree built
//! so far is kept), later documents are still read, and errors found after the parse (tags,
//! aliases, merges, keys) are all listed. `errors[0]` is the one kubectl prints.
//!
//! Known simplifications (each also marked in the code):
//! - integers in 2^63..2^64-1 (Go `uint64`) become `Value::Float`: `tree::Value` has no unsigned;
//! - a control character is reported where it is; go-yaml reads ahead in 512-byte blocks, so
//!   the real order against an earlier syntax error is only approximated;
//! - `%#v` renderings inside "invalid map key" / "unsupported map key" messages print map keys
//!   as strings;
//! - a stream whose first non-blank character is `{` is read by kubectl as JSON, not YAML
//!   ([`kubectl_reads_as_json`] tells); this reader still reads it as YAML.

mod compose;
mod decode;
pub mod emit;
mod parser;
mod resolve;
mod scanner;

pub use crate::span::Span;
use crate::tree::Node;

/// The API server's request body limit (3 MiB). Larger input is not parsed.
pub const MAX_BYTES: usize = 3 * 1024 * 1024;

/// Deepest nesting of collections the reader follows (go-yaml allows 10000; the rest of the
/// pipeline walks trees recursively, so the playground stops earlier, with an error).
pub const MAX_DEPTH: usize = 1000;

/// Most nodes that alias expansion may add to one document (go-yaml's own ratio check usually
/// stops an alias bomb long before).
pub const MAX_ALIAS_NODES: u64 = 100_000;

/// One document of the stream, as kubectl cuts it at `---` lines.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// 0-based position in the stream.
    pub index: usize,
    /// The document's text: from its first line after `---` to its end (without the final
    /// line break).
    pub span: Span,
    /// None for an empty document; a partial tree when there was an error.
    pub root: Option<Node>,
    /// What kubectl would report, first error first.
    pub errors: Vec<SyntaxError>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// The message without go-yaml's `yaml: line N: ` prefix, e.g. "mapping values are not
    /// allowed in this context".
    pub message: String,
    /// The offending character or token in the file (what the editor underlines).
    pub span: Span,
    /// The line number kubectl prints in `yaml: line N: …`, counted within the document and
    /// with go-yaml v2's quirks (parser errors print the 0-based problem line, scanner errors
    /// add 1, a problem on the document's first line prints no line). 0 when kubectl prints no
    /// line number.
    pub kubectl_line: u32,
    /// Where go-yaml stopped, as a byte offset in the file: the position whose line
    /// `kubectl_line` numbers (it can differ from `span`, which marks the offending token: a key
    /// that found no `:` is marked where it starts, go-yaml stops where it gave up). None when
    /// kubectl prints no line.
    pub noticed: Option<u32>,
    pub source: ErrorSource,
}

/// Which part of kubectl's path raises the error (it decides the wording around the message).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorSource {
    /// go-yaml v2: `yaml: line N: message` (or `yaml: message`).
    GoYaml,
    /// sigs.k8s.io/yaml's conversion of keys to JSON strings: the bare message.
    JsonConversion,
    /// encoding/json's `Marshal`: the bare message (`json: unsupported value: NaN`).
    JsonMarshal,
    /// apimachinery's document splitter: `invalid Yaml document separator: …`.
    DocumentSeparator,
    /// A bound of the API server or of the playground (size, depth, alias expansion).
    Limit,
}

impl SyntaxError {
    /// The error as the Go code that raises it formats it, before kubectl's
    /// `error converting YAML to JSON: ` wrapper: `yaml: line 8: mapping values are not
    /// allowed in this context`, `yaml: unknown anchor 'a' referenced`, `json: unsupported
    /// value: NaN`, …
    pub fn go_error(&self) -> String {
        match self.source {
            ErrorSource::GoYaml if self.kubectl_line > 0 => {
                format!("yaml: line {}: {}", self.kubectl_line, self.message)
            }
            ErrorSource::GoYaml => format!("yaml: {}", self.message),
            _ => self.message.clone(),
        }
    }
}

/// Reads a whole stream: every document kubectl would send, in order.
pub fn parse_stream(src: &str) -> Vec<Document> {
    if src.len() > MAX_BYTES {
        let mib = src.len() as f64 / (1024.0 * 1024.0);
        return vec![Document {
            index: 0,
            span: Span::from_range(0..src.len()),
            root: None,
            errors: vec![SyntaxError {
                message: format!(
                    "the manifest is {mib:.1} MiB ({} bytes); the API server accepts at most 3 MiB ({MAX_BYTES} bytes): Request entity too large: limit is {MAX_BYTES}",
                    src.len()
                ),
                span: Span::from_range(0..src.len()),
                kubectl_line: 0,
                noticed: None,
                source: ErrorSource::Limit,
            }],
        }];
    }
    split_documents(src)
        .into_iter()
        .enumerate()
        .map(|(index, chunk)| parse_document(src, index, chunk))
        .collect()
}

/// True when kubectl would decode the stream as JSON rather than YAML: apimachinery's
/// `YAMLOrJSONDecoder` looks at the first non-whitespace character (within 4096 bytes) for `{`.
pub fn kubectl_reads_as_json(src: &str) -> bool {
    let head = src.get(..4096.min(src.len())).unwrap_or(src);
    head.trim_start_matches(char::is_whitespace)
        .starts_with('{')
}

struct Chunk {
    start: usize,
    end: usize,
    errors: Vec<SyntaxError>,
}

/// apimachinery `YAMLReader.Read`: a line starting with `---` ends the document when only
/// whitespace or a `#` comment follows it; the separator line belongs to no document. A bad
/// separator (`--- x`) stops kubectl; here it is reported on the document being read and then
/// starts the next one.
fn split_documents(src: &str) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let mut cur_start = 0usize;
    let mut cur_nonempty = false;
    let mut carried: Vec<SyntaxError> = Vec::new();
    let mut ls = 0usize;
    let b = src.as_bytes();
    while ls < b.len() {
        let le = match src.get(ls..).and_then(|r| r.find('\n')) {
            Some(i) => ls + i + 1,
            None => b.len(),
        };
        let line = src.get(ls..le).unwrap_or("");
        if let Some(rest) = line.strip_prefix("---") {
            let trimmed = rest.trim_matches(char::is_whitespace);
            if !trimmed.is_empty() && !trimmed.starts_with('#') {
                let off =
                    ls + 3 + (rest.len() - rest.trim_start_matches(char::is_whitespace).len());
                let e = SyntaxError {
                    message: format!("invalid Yaml document separator: {trimmed}"),
                    span: Span::from_range(off..off + trimmed.len()),
                    kubectl_line: 0,
                    noticed: None,
                    source: ErrorSource::DocumentSeparator,
                };
                if cur_nonempty {
                    let mut errors = std::mem::take(&mut carried);
                    errors.insert(0, e);
                    chunks.push(Chunk {
                        start: cur_start,
                        end: ls,
                        errors,
                    });
                } else {
                    carried.insert(0, e);
                }
                cur_start = ls;
                cur_nonempty = true;
            } else {
                if cur_nonempty {
                    chunks.push(Chunk {
                        start: cur_start,
                        end: ls,
                        errors: std::mem::take(&mut carried),
                    });
                }
                cur_start = le;
                cur_nonempty = false;
            }
        } else {
            cur_nonempty = true;
        }
        ls = le;
    }
    if cur_nonempty || !carried.is_empty() {
        chunks.push(Chunk {
            start: cur_start,
            end: b.len(),
            errors: carried,
        });
    }
    chunks
}

fn parse_document(src: &str, index: usize, chunk: Chunk) -> Document {
    let Chunk { start, end, errors } = chunk;
    let mut doc_end = end;
    if src.as_bytes().get(doc_end.wrapping_sub(1)) == Some(&b'\n') && doc_end > start {
        doc_end -= 1;
        if src.as_bytes().get(doc_end.wrapping_sub(1)) == Some(&b'\r') && doc_end > start {
            doc_end -= 1;
        }
    }
    let scanner = scanner::Scanner::new(src, start, end);
    let composed = compose::compose(parser::Parser::new(scanner));
    let decoded = decode::decode(&composed, src);

    let mut all = errors;
    // Reader errors come first when go-yaml's 512-byte read-ahead reaches them before the
    // scanner reaches its syntax error (approximation: by 512-byte block).
    let ctrl = control_characters(src, start, end);
    let syntax_at = composed.error_pos.map(|p| p as usize);
    let (early, late): (Vec<_>, Vec<_>) = ctrl.into_iter().partition(|e| match syntax_at {
        Some(p) => {
            let k = (e.span.start as usize).saturating_sub(start);
            (k / 512) * 512 <= p.saturating_sub(start)
        }
        None => true,
    });
    all.extend(early);
    all.extend(composed.errors.iter().cloned());
    all.extend(late);
    all.extend(decoded.errors);
    Document {
        index,
        span: Span::from_range(start..doc_end),
        root: decoded.root,
        errors: all,
    }
}

/// go-yaml v2's reader (reader.go `yaml_parser_update_buffer`) on input that is not UTF-8: the
/// offset of the first sequence it refuses and its message (`invalid leading UTF-8 octet`,
/// `incomplete UTF-8 octet sequence`, `invalid trailing UTF-8 octet`, `invalid length of a UTF-8
/// sequence`, `invalid Unicode character`), or a control character met first in the same pass.
/// None when the bytes are valid UTF-8 without such a character before the first bad sequence.
pub fn utf8_problem(bytes: &[u8]) -> Option<(usize, &'static str)> {
    let mut i = 0usize;
    while let Some(&octet) = bytes.get(i) {
        let width = match octet {
            o if o & 0x80 == 0x00 => 1,
            o if o & 0xE0 == 0xC0 => 2,
            o if o & 0xF0 == 0xE0 => 3,
            o if o & 0xF8 == 0xF0 => 4,
            _ => return Some((i, "invalid leading UTF-8 octet")),
        };
        if i + width > bytes.len() {
            return Some((i, "incomplete UTF-8 octet sequence"));
        }
        let mut value: u32 = match width {
            1 => u32::from(octet & 0x7F),
            2 => u32::from(octet & 0x1F),
            3 => u32::from(octet & 0x0F),
            _ => u32::from(octet & 0x07),
        };
        for k in 1..width {
            let t = bytes.get(i + k).copied().unwrap_or(0);
            if t & 0xC0 != 0x80 {
                return Some((i + k, "invalid trailing UTF-8 octet"));
            }
            value = (value << 6) | u32::from(t & 0x3F);
        }
        let length_ok = match width {
            1 => true,
            2 => value >= 0x80,
            3 => value >= 0x800,
            _ => value >= 0x10000,
        };
        if !length_ok {
            return Some((i, "invalid length of a UTF-8 sequence"));
        }
        if (0xD800..=0xDFFF).contains(&value) || value > 0x10FFFF {
            return Some((i, "invalid Unicode character"));
        }
        // The same loop refuses what is not printable (see `control_characters`).
        if !printable(value) {
            return Some((i, "control characters are not allowed"));
        }
        i += width;
    }
    None
}

/// go-yaml's reader accepts only printable characters: tab, LF, CR, 0x20–0x7E, NEL, 0xA0–0xD7FF,
/// 0xE000–0xFFFD and beyond 0xFFFF ("control characters are not allowed").
fn printable(v: u32) -> bool {
    v == 0x09
        || v == 0x0A
        || v == 0x0D
        || (0x20..=0x7E).contains(&v)
        || v == 0x85
        || (0xA0..=0xD7FF).contains(&v)
        || (0xE000..=0xFFFD).contains(&v)
        || v >= 0x10000
}

fn control_characters(src: &str, start: usize, end: usize) -> Vec<SyntaxError> {
    let text = src.get(start..end).unwrap_or("");
    let bad = |c: char| !printable(c as u32);
    if text
        .bytes()
        .all(|b| (0x20..0x7F).contains(&b) || b == b'\n' || b == b'\r' || b == b'\t')
    {
        return Vec::new();
    }
    text.char_indices()
        .filter(|(_, c)| bad(*c))
        .map(|(i, c)| SyntaxError {
            message: "control characters are not allowed".into(),
            span: Span::from_range(start + i..start + i + c.len_utf8()),
            kubectl_line: 0,
            noticed: None,
            source: ErrorSource::GoYaml,
        })
        .collect()
}

#[cfg(test)]
mod tests;
