//! Scalar resolution exactly as go-yaml v2's `resolve.go` does it (YAML 1.1 rules), plus the Go
//! number parsing it relies on (`strconv.ParseInt(s, 0, 64)`, `ParseFloat`) and `time.Parse` for
//! the `!!timestamp` check. Go's float formatting is in [`crate::gofmt`].
//!
//! go-yaml v2 facts kept here (vendored `go.yaml.in/yaml/v2/resolve.go`):
//! - the first character picks a hint: sign `+-` (S), digit (D), one of `yYnNtTfFoO~` (M: look up
//!   the table of booleans and nulls), `.` (float); anything else is a string;
//! - booleans are `y Y yes Yes YES true True TRUE on On ON` and the `n/no/false/off` family;
//!   nulls are empty, `~`, `null`, `Null`, `NULL`; `.inf`/`.nan` and their case variants are floats;
//! - numbers: underscores are removed, then `ParseInt(s, 0, 64)` (so `0644` is octal 420, `0x1F`
//!   hex, `0b1010` and `0o17` too, `+1` is 1), then `ParseUint` (2^63..2^64-1), then a YAML-style
//!   float (`1e3`, `1.`, `.5`), then a `0b`/`-0b` retry; anything else stays a string
//!   (`1e999` overflows and stays a string; sexagesimal `1:20` is a string; `09` is the float 9);
//! - timestamps (`2001-12-14`) are recognised but, decoded into `interface{}`, kept as the
//!   original string (decode.go: "for backward compatibility reasons we set it as a string").

use std::borrow::Cow;

pub(crate) const TAG_PREFIX: &str = "tag:yaml.org,2002:";
#[cfg(test)]
pub(crate) const STR_TAG: &str = "tag:yaml.org,2002:str";
#[cfg(test)]
pub(crate) const BOOL_TAG: &str = "tag:yaml.org,2002:bool";
#[cfg(test)]
pub(crate) const INT_TAG: &str = "tag:yaml.org,2002:int";
#[cfg(test)]
pub(crate) const FLOAT_TAG: &str = "tag:yaml.org,2002:float";
#[cfg(test)]
pub(crate) const TIMESTAMP_TAG: &str = "tag:yaml.org,2002:timestamp";
pub(crate) const MERGE_TAG: &str = "tag:yaml.org,2002:merge";

/// A resolved scalar, with Go's types kept apart where sigs.k8s.io/yaml treats them differently.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Resolved<'s> {
    Null,
    Bool(bool),
    /// Go `int` (64-bit).
    Int(i64),
    /// Go `uint64`: only for 2^63..2^64-1, which `ParseInt` rejects and `ParseUint` accepts.
    Uint(u64),
    Float(f64),
    Str(Cow<'s, str>),
}

/// `shortTag`: `tag:yaml.org,2002:x` → `!!x`.
pub(crate) fn short_tag(tag: &str) -> Cow<'_, str> {
    match tag.strip_prefix(TAG_PREFIX) {
        Some(rest) => Cow::Owned(format!("!!{rest}")),
        None => Cow::Borrowed(tag),
    }
}

/// The tags go-yaml's resolver tells apart (tags are compared once, as this enum).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TagKind {
    Untagged,
    Str,
    Bool,
    Int,
    Float,
    Null,
    Timestamp,
    Binary,
    Merge,
    /// `!foo`, `!`, `!!map`, `!!seq`, …: not resolvable, the text stays a string.
    Other,
}

impl TagKind {
    fn short(self) -> &'static str {
        match self {
            TagKind::Str => "!!str",
            TagKind::Bool => "!!bool",
            TagKind::Int => "!!int",
            TagKind::Float => "!!float",
            TagKind::Null => "!!null",
            TagKind::Timestamp => "!!timestamp",
            TagKind::Binary => "!!binary",
            TagKind::Merge => "!!merge",
            TagKind::Untagged | TagKind::Other => "",
        }
    }
}

pub(crate) fn tag_kind(tag: &str) -> TagKind {
    if tag.is_empty() {
        return TagKind::Untagged;
    }
    match tag.strip_prefix(TAG_PREFIX) {
        Some("str") => TagKind::Str,
        Some("bool") => TagKind::Bool,
        Some("int") => TagKind::Int,
        Some("float") => TagKind::Float,
        Some("null") => TagKind::Null,
        Some("timestamp") => TagKind::Timestamp,
        Some("binary") => TagKind::Binary,
        Some("merge") => TagKind::Merge,
        _ => TagKind::Other,
    }
}

fn hint(first: u8) -> u8 {
    match first {
        b'+' | b'-' => b'S',
        b'0'..=b'9' => b'D',
        b'y' | b'Y' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'o' | b'O' | b'~' => b'M',
        b'.' => b'.',
        _ => 0,
    }
}

/// Up to 7 bytes and the length packed in a u64, so that the table below is searched with
/// integer comparisons.
const fn pack(s: &[u8]) -> u64 {
    let mut v = (s.len() as u64) << 56;
    let mut i = 0;
    let mut rest = s;
    while let [b, tail @ ..] = rest {
        if i == 7 {
            break;
        }
        v |= (*b as u64) << (8 * i);
        rest = tail;
        i += 1;
    }
    v
}

#[derive(Clone, Copy)]
enum Fixed {
    True,
    False,
    Null,
    NaN,
    Inf,
    NegInf,
}

macro_rules! table {
    ($($v:ident: $($s:literal)*;)*) => {
        &[$($((pack($s.as_bytes()), Fixed::$v),)*)*]
    };
}

/// `resolveMapList` (without `<<`, which `resolve` never reaches: `<` has no hint).
static TABLE: &[(u64, Fixed)] = table! {
    True: "y" "Y" "yes" "Yes" "YES" "true" "True" "TRUE" "on" "On" "ON";
    False: "n" "N" "no" "No" "NO" "false" "False" "FALSE" "off" "Off" "OFF";
    Null: "" "~" "null" "Null" "NULL";
    NaN: ".nan" ".NaN" ".NAN";
    Inf: ".inf" ".Inf" ".INF" "+.inf" "+.Inf" "+.INF";
    NegInf: "-.inf" "-.Inf" "-.INF";
};

fn lookup(s: &str) -> Option<(TagKind, Resolved<'static>)> {
    if s.len() > 6 {
        return None;
    }
    let key = pack(s.as_bytes());
    let (_, f) = TABLE.iter().find(|(k, _)| *k == key)?;
    Some(match f {
        Fixed::True => (TagKind::Bool, Resolved::Bool(true)),
        Fixed::False => (TagKind::Bool, Resolved::Bool(false)),
        Fixed::Null => (TagKind::Null, Resolved::Null),
        Fixed::NaN => (TagKind::Float, Resolved::Float(f64::NAN)),
        Fixed::Inf => (TagKind::Float, Resolved::Float(f64::INFINITY)),
        Fixed::NegInf => (TagKind::Float, Resolved::Float(f64::NEG_INFINITY)),
    })
}

/// go-yaml v2 `resolve(tag, in)`, including its deferred tag check. `tag` is the full tag
/// (`""` when the scalar is plain and untagged). Returns the resolved tag and value, or the
/// `cannot decode …` message.
pub(crate) fn resolve<'s>(tag: &str, input: &'s str) -> Result<(TagKind, Resolved<'s>), String> {
    let want = tag_kind(tag);
    if matches!(want, TagKind::Binary | TagKind::Merge | TagKind::Other) {
        return Ok((want, Resolved::Str(Cow::Borrowed(input))));
    }
    let (rtag, out) = resolve_untagged(want, input);
    if want == TagKind::Untagged || want == rtag || want == TagKind::Str {
        return Ok((rtag, out));
    }
    if want == TagKind::Float && rtag == TagKind::Int {
        if let Resolved::Int(i) = out {
            return Ok((TagKind::Float, Resolved::Float(i as f64)));
        }
    }
    Err(format!(
        "cannot decode {} `{}` as a {}",
        rtag.short(),
        input,
        short_tag(tag)
    ))
}

fn resolve_untagged(tag: TagKind, input: &str) -> (TagKind, Resolved<'_>) {
    let h = match input.as_bytes().first() {
        None => b'N',
        Some(&b) => hint(b),
    };
    if h != 0 && tag != TagKind::Str {
        if let Some((t, v)) = lookup(input) {
            return (t, v);
        }
        match h {
            b'.' => {
                if let Some(f) = go_parse_float(input) {
                    return (TagKind::Float, Resolved::Float(f));
                }
            }
            b'D' | b'S' => {
                if matches!(tag, TagKind::Untagged | TagKind::Timestamp) && parse_timestamp(input) {
                    return (TagKind::Timestamp, Resolved::Str(Cow::Borrowed(input)));
                }
                let plain: Cow<'_, str> = if input.contains('_') {
                    Cow::Owned(input.replace('_', ""))
                } else {
                    Cow::Borrowed(input)
                };
                if let Some(i) = go_parse_int(&plain, 0) {
                    return (TagKind::Int, Resolved::Int(i));
                }
                if let Some(u) = go_parse_uint(&plain, 0) {
                    return (TagKind::Int, Resolved::Uint(u));
                }
                if yaml_style_float(&plain) {
                    if let Ok(f) = plain.parse::<f64>() {
                        if f.is_finite() {
                            return (TagKind::Float, Resolved::Float(f));
                        }
                    }
                }
                if let Some(rest) = plain.strip_prefix("0b") {
                    if let Some(i) = go_parse_int(rest, 2) {
                        return (TagKind::Int, Resolved::Int(i));
                    }
                    if let Some(u) = go_parse_uint(rest, 2) {
                        return (TagKind::Int, Resolved::Uint(u));
                    }
                } else if let Some(rest) = plain.strip_prefix("-0b") {
                    if let Some(i) = go_parse_int(&format!("-{rest}"), 2) {
                        return (TagKind::Int, Resolved::Int(i));
                    }
                }
            }
            _ => {}
        }
    }
    (TagKind::Str, Resolved::Str(Cow::Borrowed(input)))
}

/// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`
fn yaml_style_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i = 1;
    }
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            digits(&mut i);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// `strconv.ParseUint(s, base, 64)` for base 0 (Go prefixes, leading `0` is octal) or an
/// explicit base; `None` on syntax or range errors. Underscores are not accepted (resolve has
/// removed them before calling).
pub(crate) fn go_parse_uint(s: &str, base: u32) -> Option<u64> {
    let b = s.as_bytes();
    if b.is_empty() {
        return None;
    }
    let (base, digits) = if base == 0 {
        match b {
            [b'0', p, rest @ ..]
                if !rest.is_empty() && matches!(p.to_ascii_lowercase(), b'b' | b'o' | b'x') =>
            {
                let base = match p.to_ascii_lowercase() {
                    b'b' => 2,
                    b'o' => 8,
                    _ => 16,
                };
                (base, rest)
            }
            [b'0', rest @ ..] => (8, rest),
            _ => (10, b),
        }
    } else {
        (base, b)
    };
    let mut n: u64 = 0;
    for &c in digits {
        let d = match c {
            b'0'..=b'9' => (c - b'0') as u32,
            b'a'..=b'z' => (c - b'a') as u32 + 10,
            b'A'..=b'Z' => (c - b'A') as u32 + 10,
            _ => return None,
        };
        if d >= base {
            return None;
        }
        n = n.checked_mul(base as u64)?.checked_add(d as u64)?;
    }
    Some(n)
}

/// `strconv.ParseInt(s, base, 64)`: an optional sign, then `ParseUint`, then the int64 range.
pub(crate) fn go_parse_int(s: &str, base: u32) -> Option<i64> {
    let (neg, rest) = match s.as_bytes().first() {
        Some(b'+') => (false, &s[1..]),
        Some(b'-') => (true, &s[1..]),
        _ => (false, s),
    };
    if rest.is_empty() {
        return None;
    }
    let u = go_parse_uint(rest, base)?;
    if neg {
        if u > 1u64 << 63 {
            None
        } else {
            Some((u as i64).wrapping_neg())
        }
    } else if u >= 1u64 << 63 {
        None
    } else {
        Some(u as i64)
    }
}

/// `strconv.ParseFloat(s, 64)` for the inputs resolve gives it on the `.` path (decimal only:
/// hex floats need a `0x` prefix, and `inf`/`nan` spellings cannot start with `.`). Go rejects
/// out-of-range values (`ErrRange`), and so does this.
fn go_parse_float(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i = 1;
    }
    let mut saw_digits = false;
    let mut saw_dot = false;
    let mut underscores = false;
    while let Some(&c) = b.get(i) {
        match c {
            b'_' => underscores = true,
            b'.' if !saw_dot => saw_dot = true,
            b'0'..=b'9' => saw_digits = true,
            _ => break,
        }
        i += 1;
    }
    if !saw_digits {
        return None;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !b.get(i).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        while let Some(&c) = b.get(i) {
            match c {
                b'0'..=b'9' => {}
                b'_' => underscores = true,
                _ => break,
            }
            i += 1;
        }
    }
    if i != b.len() {
        return None;
    }
    if underscores && !underscore_ok(s) {
        return None;
    }
    let cleaned: Cow<'_, str> = if underscores {
        Cow::Owned(s.replace('_', ""))
    } else {
        Cow::Borrowed(s)
    };
    let f: f64 = cleaned.parse().ok()?;
    f.is_finite().then_some(f)
}

/// Go's `underscoreOK`: underscores only between digits (or after a base prefix).
fn underscore_ok(s: &str) -> bool {
    let b = s.strip_prefix(['+', '-']).unwrap_or(s).as_bytes();
    let mut saw = b'^';
    let mut i = 0;
    let mut hex = false;
    if let [b'0', p, ..] = b {
        if matches!(p.to_ascii_lowercase(), b'b' | b'o' | b'x') {
            i = 2;
            saw = b'0';
            hex = p.eq_ignore_ascii_case(&b'x');
        }
    }
    while let Some(&c) = b.get(i) {
        i += 1;
        if c.is_ascii_digit() || (hex && c.is_ascii_hexdigit()) {
            saw = b'0';
            continue;
        }
        if c == b'_' {
            if saw != b'0' {
                return false;
            }
            saw = b'_';
            continue;
        }
        if saw == b'_' {
            return false;
        }
        saw = b'!';
    }
    saw != b'_'
}

/// go-yaml v2 `parseTimestamp`: `YYYY-` then one of the layouts
/// `2006-1-2T15:4:5.999999999Z07:00`, the same with `t`, `2006-1-2 15:4:5.999999999`, `2006-1-2`,
/// with Go's `time.Parse` rules (1–2 digit fields, range checks, optional fraction).
pub(crate) fn parse_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    let year_digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if year_digits != 4 || b.get(4) != Some(&b'-') {
        return false;
    }
    [Some(b'T'), Some(b't'), Some(b' '), None]
        .iter()
        .any(|sep| timestamp_layout(b, *sep))
}

fn timestamp_layout(b: &[u8], sep: Option<u8>) -> bool {
    // Go's getnum(value, false): one or two digits.
    fn num(b: &[u8], i: &mut usize) -> Option<u32> {
        let d0 = *b.get(*i).filter(|c| c.is_ascii_digit())?;
        *i += 1;
        let mut n = (d0 - b'0') as u32;
        if let Some(&d1) = b.get(*i).filter(|c| c.is_ascii_digit()) {
            *i += 1;
            n = n * 10 + (d1 - b'0') as u32;
        }
        Some(n)
    }
    fn lit(b: &[u8], i: &mut usize, c: u8) -> Option<()> {
        (b.get(*i) == Some(&c)).then(|| *i += 1)
    }
    let parse = || -> Option<()> {
        let mut i = 4;
        let year: u32 = std::str::from_utf8(b.get(..4)?).ok()?.parse().ok()?;
        lit(b, &mut i, b'-')?;
        let month = num(b, &mut i)?;
        if !(1..=12).contains(&month) {
            return None;
        }
        lit(b, &mut i, b'-')?;
        let day = num(b, &mut i)?;
        let leap =
            year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
        let days = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        if day < 1 || day > days {
            return None;
        }
        let Some(sep) = sep else {
            return (i == b.len()).then_some(());
        };
        lit(b, &mut i, sep)?;
        if num(b, &mut i)? >= 24 {
            return None;
        }
        lit(b, &mut i, b':')?;
        if num(b, &mut i)? >= 60 {
            return None;
        }
        lit(b, &mut i, b':')?;
        if num(b, &mut i)? >= 60 {
            return None;
        }
        if matches!(b.get(i), Some(b'.' | b',')) && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i += 1;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
        }
        if sep != b' ' {
            match b.get(i) {
                Some(b'Z') => i += 1,
                Some(b'+' | b'-') => {
                    let &[h1, h2, b':', m1, m2] = b.get(i + 1..i + 6)? else {
                        return None;
                    };
                    if ![h1, h2, m1, m2].iter().all(u8::is_ascii_digit) {
                        return None;
                    }
                    let hh = (h1 - b'0') as u32 * 10 + (h2 - b'0') as u32;
                    let mm = (m1 - b'0') as u32 * 10 + (m2 - b'0') as u32;
                    if hh > 24 || mm > 60 {
                        return None;
                    }
                    i += 6;
                }
                _ => return None,
            }
        }
        (i == b.len()).then_some(())
    };
    parse().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn plain(s: &str) -> Resolved<'_> {
        resolve("", s).unwrap().1
    }

    #[test]
    fn booleans_and_nulls_are_yaml_1_1() {
        for t in [
            "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON",
        ] {
            assert_eq!(plain(t), Resolved::Bool(true), "{t}");
        }
        for f in [
            "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF",
        ] {
            assert_eq!(plain(f), Resolved::Bool(false), "{f}");
        }
        for n in ["", "~", "null", "Null", "NULL"] {
            assert_eq!(plain(n), Resolved::Null, "{n:?}");
        }
        // Not in the table: strings.
        for s in ["yEs", "oN", "nULL", "tRUE", "Nope"] {
            assert!(matches!(plain(s), Resolved::Str(_)), "{s}");
        }
    }

    #[test]
    fn integers_follow_go_parse_int_base_zero() {
        assert_eq!(plain("0644"), Resolved::Int(420));
        assert_eq!(plain("0x1F"), Resolved::Int(31));
        assert_eq!(plain("0X1f"), Resolved::Int(31));
        assert_eq!(plain("0b1010"), Resolved::Int(10));
        assert_eq!(plain("0o17"), Resolved::Int(15));
        assert_eq!(plain("+1"), Resolved::Int(1));
        assert_eq!(plain("-12"), Resolved::Int(-12));
        assert_eq!(plain("1_000"), Resolved::Int(1000));
        assert_eq!(plain("0"), Resolved::Int(0));
        assert_eq!(plain("-0b101"), Resolved::Int(-5));
        assert_eq!(plain("0b-101"), Resolved::Int(-5));
        assert_eq!(plain("9223372036854775807"), Resolved::Int(i64::MAX));
        assert_eq!(plain("-9223372036854775808"), Resolved::Int(i64::MIN));
        assert_eq!(plain("9223372036854775808"), Resolved::Uint(1 << 63));
        assert_eq!(plain("18446744073709551615"), Resolved::Uint(u64::MAX));
        // Beyond uint64: the YAML float regexp takes it.
        assert_eq!(
            plain("18446744073709551616"),
            Resolved::Float(18446744073709551616.0)
        );
        assert_eq!(
            plain("-9223372036854775809"),
            Resolved::Float(-9223372036854775809.0)
        );
        // 08 is not octal, but it is a YAML-style float.
        assert_eq!(plain("08"), Resolved::Float(8.0));
        assert!(matches!(plain("0x"), Resolved::Str(_)));
        assert!(matches!(plain("0xFFFFFFFFFFFFFFFFF"), Resolved::Str(_)));
        assert!(matches!(plain("1:20"), Resolved::Str(_)));
    }

    #[test]
    fn floats_and_special_values() {
        assert_eq!(plain("1e3"), Resolved::Float(1000.0));
        assert_eq!(plain("1."), Resolved::Float(1.0));
        assert_eq!(plain("+.5"), Resolved::Float(0.5));
        assert_eq!(plain(".5"), Resolved::Float(0.5));
        assert_eq!(plain(".5_5"), Resolved::Float(0.55));
        assert_eq!(plain("-1.5e-3"), Resolved::Float(-0.0015));
        assert!(matches!(plain("1e999"), Resolved::Str(_)));
        assert!(matches!(plain(".1e999"), Resolved::Str(_)));
        assert!(matches!(plain("._5"), Resolved::Str(_)));
        assert!(matches!(plain("."), Resolved::Str(_)));
        assert_eq!(plain(".inf"), Resolved::Float(f64::INFINITY));
        assert_eq!(plain("-.Inf"), Resolved::Float(f64::NEG_INFINITY));
        assert!(matches!(plain(".NaN"), Resolved::Float(f) if f.is_nan()));
        assert!(matches!(plain("inf"), Resolved::Str(_)));
    }

    #[test]
    fn timestamps_stay_strings_and_tags_check_types() {
        assert!(parse_timestamp("2001-12-14"));
        assert!(parse_timestamp("2001-12-14T21:59:43.10Z"));
        assert!(parse_timestamp("2001-12-14t21:59:43.10-05:00"));
        assert!(parse_timestamp("2001-12-14 21:59:43.10"));
        assert!(parse_timestamp("2001-2-4"));
        assert!(!parse_timestamp("2001-02-30"));
        assert!(!parse_timestamp("2001-12-14 21:59:43.10 -5"));
        assert!(!parse_timestamp("12001-12-14"));
        assert_eq!(plain("2001-12-14"), Resolved::Str("2001-12-14".into()));
        assert_eq!(
            resolve(INT_TAG, "foo").unwrap_err(),
            "cannot decode !!str `foo` as a !!int"
        );
        assert_eq!(
            resolve(INT_TAG, "1.5").unwrap_err(),
            "cannot decode !!float `1.5` as a !!int"
        );
        assert_eq!(resolve(FLOAT_TAG, "3").unwrap().1, Resolved::Float(3.0));
        assert_eq!(resolve(STR_TAG, "3").unwrap().1, Resolved::Str("3".into()));
        assert_eq!(resolve(INT_TAG, "0644").unwrap().1, Resolved::Int(420));
        assert!(resolve(TIMESTAMP_TAG, "2001-12-14").is_ok());
        assert_eq!(
            resolve(TIMESTAMP_TAG, "yesterday").unwrap_err(),
            "cannot decode !!str `yesterday` as a !!timestamp"
        );
        assert_eq!(
            resolve(BOOL_TAG, "1").unwrap_err(),
            "cannot decode !!int `1` as a !!bool"
        );
        // Unknown and non-scalar tags are not resolvable: the text stays a string.
        assert_eq!(resolve("!foo", "12").unwrap().1, Resolved::Str("12".into()));
        assert_eq!(resolve("!", "12").unwrap().1, Resolved::Str("12".into()));
    }
}
