//! Byte ranges into the source text, and the one line index that turns them into
//! line/column positions (for people and the CLI) and UTF-16 offsets (for the browser editor).
//!
//! Every node, key and diagnostic carries a [`Span`]; nothing else in core stores line numbers.

use std::ops::Range;

/// A half-open byte range `start..end` into the analysed source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub const fn new(start: u32, end: u32) -> Span {
        Span { start, end }
    }

    /// An empty span at `offset`.
    pub const fn at(offset: u32) -> Span {
        Span {
            start: offset,
            end: offset,
        }
    }

    pub fn from_range(r: Range<usize>) -> Span {
        Span::new(clamp_u32(r.start), clamp_u32(r.end))
    }

    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn len(self) -> u32 {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn contains(self, offset: u32) -> bool {
        self.start <= offset && offset < self.end
    }

    /// Like [`Span::contains`] but also true at the end position (a cursor just after a word).
    pub fn touches(self, offset: u32) -> bool {
        self.start <= offset && offset <= self.end
    }

    /// The text this span covers, or "" when it does not fall on char boundaries of `src`.
    pub fn text(self, src: &str) -> &str {
        src.get(self.range()).unwrap_or("")
    }
}

fn clamp_u32(v: usize) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

/// A 1-based line and a 1-based column counted in Unicode scalar values, as editors and
/// `file:line:col` conventions count them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
}

/// Line starts of a source text. Built once per analysis; every lookup is `O(log lines)` plus
/// the length of one line.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    /// Byte offset at which each line starts; `line_starts[0] == 0`.
    line_starts: Vec<u32>,
    len: u32,
}

impl LineIndex {
    pub fn new(src: &str) -> LineIndex {
        let mut line_starts = vec![0u32];
        for (i, b) in src.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(clamp_u32(i + 1));
            }
        }
        LineIndex {
            line_starts,
            len: clamp_u32(src.len()),
        }
    }

    pub fn line_count(&self) -> u32 {
        self.line_starts.len() as u32
    }

    /// 0-based line containing `offset` (offsets past the end are on the last line).
    fn line_of(&self, offset: u32) -> usize {
        let offset = offset.min(self.len);
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte offset where 1-based `line` starts (clamped to the text).
    pub fn line_start(&self, line: u32) -> u32 {
        let i = (line.max(1) - 1) as usize;
        *self.line_starts.get(i).unwrap_or(&self.len)
    }

    /// Byte offset just past the last character of 1-based `line`, before its line break.
    pub fn line_end(&self, src: &str, line: u32) -> u32 {
        let i = (line.max(1) - 1) as usize;
        let mut end = self.line_starts.get(i + 1).copied().unwrap_or(self.len);
        let bytes = src.as_bytes();
        while end > self.line_start(line)
            && matches!(bytes.get(end as usize - 1), Some(b'\n' | b'\r'))
        {
            end -= 1;
        }
        end
    }

    /// Line and column (both 1-based, column in characters) of a byte offset.
    pub fn line_col(&self, src: &str, offset: u32) -> LineCol {
        let line = self.line_of(offset);
        let start = self.line_starts.get(line).copied().unwrap_or(0) as usize;
        let offset = floor_char_boundary(src, (offset.min(self.len)) as usize);
        let column = src
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(0) as u32
            + 1;
        LineCol {
            line: line as u32 + 1,
            column,
        }
    }

    /// Byte offset of a 1-based line and character column (clamped to the line).
    pub fn offset(&self, src: &str, pos: LineCol) -> u32 {
        let start = self.line_start(pos.line);
        let end = self.line_end(src, pos.line);
        let line_text = src.get(start as usize..end as usize).unwrap_or("");
        let col = pos.column.max(1) as usize - 1;
        let within = line_text
            .char_indices()
            .nth(col)
            .map(|(i, _)| i)
            .unwrap_or(line_text.len());
        start + within as u32
    }

    /// The offset in UTF-16 code units (what JavaScript strings and CodeMirror count) of a byte offset.
    pub fn utf16_offset(&self, src: &str, offset: u32) -> u32 {
        let offset = floor_char_boundary(src, offset.min(self.len) as usize);
        utf16_len(&src[..offset])
    }

    /// The byte offset of a UTF-16 offset (the inverse of [`LineIndex::utf16_offset`]).
    pub fn from_utf16_offset(src: &str, utf16: u32) -> u32 {
        let mut units = 0u32;
        for (i, c) in src.char_indices() {
            if units >= utf16 {
                return i as u32;
            }
            units += c.len_utf16() as u32;
        }
        src.len() as u32
    }
}

fn utf16_len(s: &str) -> u32 {
    // ASCII fast path: most manifests are ASCII.
    if s.is_ascii() {
        return s.len() as u32;
    }
    s.chars().map(|c| c.len_utf16() as u32).sum()
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn line_col_counts_from_one_in_characters() {
        let src = "a: 1\nname: 名字\r\nx: y";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_col(src, 0), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(src, 5), LineCol { line: 2, column: 1 });
        let x = src.find('x').unwrap() as u32;
        assert_eq!(idx.line_col(src, x), LineCol { line: 3, column: 1 });
        let after_cjk = src.find('\r').unwrap() as u32;
        assert_eq!(idx.line_col(src, after_cjk), LineCol { line: 2, column: 9 });
        assert_eq!(idx.offset(src, LineCol { line: 2, column: 9 }), after_cjk);
        assert_eq!(idx.line_end(src, 2), after_cjk);
    }

    #[test]
    fn utf16_offsets_round_trip() {
        let src = "k: 😀x";
        let idx = LineIndex::new(src);
        let x = src.find('x').unwrap() as u32;
        assert_eq!(idx.utf16_offset(src, x), 5);
        assert_eq!(LineIndex::from_utf16_offset(src, 5), x);
    }

    #[test]
    fn offsets_past_the_end_clamp() {
        let src = "a\nb";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_col(src, 99), LineCol { line: 2, column: 2 });
        assert_eq!(idx.line_count(), 2);
    }
}
