//! How Go prints values, wherever Kubernetes' output depends on it: `strconv.Quote` (what `%q`
//! prints), `strconv.FormatFloat(f, 'g', -1, 32|64)` (what `%v` prints for a float, and what
//! go-yaml writes), encoding/json's strings and floats, and `time.Duration.String`.
//!
//! One home for each: every message, event and printed object that shows a Go value calls these.

/// Go's `strconv.Quote` (`%q` of a string).
pub fn go_quote(s: &str) -> String {
    go_quote_bytes(s.as_bytes())
}

/// `unicode.IsPrint`, closely: ASCII space and graphic characters, and non-ASCII characters that
/// are neither control, format (the common ones) nor space characters.
pub fn is_print(c: char) -> bool {
    if c.is_ascii() {
        return (' '..='~').contains(&c);
    }
    !c.is_control() && !c.is_whitespace() && !matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
}

/// Go's `strconv.Quote` of a byte string: `"` and `\` escaped, `\a \b \f \n \r \t \v` by name,
/// other ASCII control characters and invalid UTF-8 bytes as `\xNN`, other characters that are
/// not printable as `\uNNNN` or `\UNNNNNNNN`.
pub fn go_quote_bytes(s: &[u8]) -> String {
    let mut out = String::from("\"");
    let mut rest = s;
    while !rest.is_empty() {
        // the first character (a UTF-8 sequence is at most 4 bytes long)
        let head = rest.get(..rest.len().min(4)).unwrap_or_default();
        let c = match std::str::from_utf8(head) {
            Ok(t) => t.chars().next(),
            Err(e) => std::str::from_utf8(head.get(..e.valid_up_to()).unwrap_or_default()).ok().and_then(|t| t.chars().next()),
        };
        let width = c.map_or(1, char::len_utf8);
        match c {
            None => {
                if let Some(b) = rest.first() {
                    out.push_str(&format!("\\x{b:02x}"));
                }
            }
            Some('"') => out.push_str("\\\""),
            Some('\\') => out.push_str("\\\\"),
            Some(c) if is_print(c) => out.push(c),
            Some('\u{7}') => out.push_str("\\a"),
            Some('\u{8}') => out.push_str("\\b"),
            Some('\u{c}') => out.push_str("\\f"),
            Some('\n') => out.push_str("\\n"),
            Some('\r') => out.push_str("\\r"),
            Some('\t') => out.push_str("\\t"),
            Some('\u{b}') => out.push_str("\\v"),
            Some(c) if (c as u32) < 0x20 || c == '\u{7f}' => out.push_str(&format!("\\x{:02x}", c as u32)),
            Some(c) if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            Some(c) => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
        rest = rest.get(width..).unwrap_or_default();
    }
    out.push('"');
    out
}

/// A JSON string literal as encoding/json writes one for the CLI: other control characters as
/// `\u00NN`.
pub fn json_quote(s: &str) -> String {
    quoted(s, |c| {
        ((c as u32) < 0x20).then(|| format!("\\u{:04x}", c as u32))
    })
}

/// `s` in double quotes with `"`, `\`, `\n`, `\r` and `\t` escaped, and other characters as
/// `escape` says (unchanged when it says `None`).
fn quoted(s: &str, escape: impl Fn(char) -> Option<String>) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => match escape(c) {
                Some(e) => out.push_str(&e),
                None => out.push(c),
            },
        }
    }
    out.push('"');
    out
}

/// `strconv.FormatFloat(f, 'g', -1, 64)` (or 32 when `single`), which is also what `%v` prints
/// for a float: the shortest digits that read back as `f`, in `%e` form when the exponent is
/// < -4 or >= 6 (`strconv/ftoa.go` `formatDigits`: "if precision was the shortest possible, use
/// precision 6 for this decision"), the exponent with at least two digits; `NaN`, `+Inf`, `-Inf`.
pub fn format_float_g(f: f64, single: bool) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 {
            "+Inf".into()
        } else {
            "-Inf".into()
        };
    }
    let e = if single {
        format!("{:e}", f as f32)
    } else {
        format!("{f:e}")
    };
    let (mant, exp) = e.split_once('e').unwrap_or((&e, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (neg, mant) = match mant.strip_prefix('-') {
        Some(m) => (true, m),
        None => (false, mant),
    };
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let nd = digits.len() as i32;
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if digits == "0" {
        out.push('0');
        return out;
    }
    let (lead, rest) = digits.split_at(1);
    if !(-4..6).contains(&exp) {
        out.push_str(lead);
        if !rest.is_empty() {
            out.push('.');
            out.push_str(rest);
        }
        out.push('e');
        out.push(if exp < 0 { '-' } else { '+' });
        let a = exp.unsigned_abs();
        if a < 10 {
            out.push('0');
        }
        out.push_str(&a.to_string());
        return out;
    }
    let dp = exp + 1;
    if dp <= 0 {
        out.push_str("0.");
        for _ in 0..-dp {
            out.push('0');
        }
        out.push_str(&digits);
    } else if dp >= nd {
        out.push_str(&digits);
        for _ in 0..dp - nd {
            out.push('0');
        }
    } else {
        let (int, frac) = digits.split_at(dp as usize);
        out.push_str(int);
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// A float as encoding/json writes it (`floatEncoder`): the shortest `'f'` form between 1e-6
/// and 1e21, the `'e'` form outside with the exponent's leading zero dropped (`1e-7`, `1e+21`).
pub fn json_float(f: f64) -> String {
    if !f.is_finite() {
        // YAML .inf/.nan cannot be marshalled to JSON; kubectl fails earlier. Print something.
        return f.to_string();
    }
    let abs = f.abs();
    if abs != 0.0 && !(1e-6..1e21).contains(&abs) {
        let s = format!("{f:e}");
        if let Some((m, e)) = s.split_once('e') {
            let (sign, digits) = match e.strip_prefix('-') {
                Some(d) => ('-', d),
                None => ('+', e),
            };
            return format!("{m}e{sign}{digits}");
        }
        return s;
    }
    let s = format!("{f}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// Go's `time.Duration.String()` for a whole number of milliseconds (`412ms`, `2.1s`, `1m20s`,
/// `5m0s`, `1h0m0s`).
pub fn go_duration(ms: u64) -> String {
    if ms == 0 {
        return "0s".into();
    }
    if ms < 1000 {
        return format!("{ms}ms");
    }
    let total_s = ms / 1000;
    let frac = ms % 1000;
    let h = total_s / 3600;
    let m = (total_s / 60) % 60;
    let s = total_s % 60;
    let mut secs = s.to_string();
    if frac != 0 {
        let f = format!("{frac:03}");
        secs.push('.');
        secs.push_str(f.trim_end_matches('0'));
    }
    if h > 0 {
        format!("{h}h{m}m{secs}s")
    } else if m > 0 {
        format!("{m}m{secs}s")
    } else {
        format!("{secs}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn quotes_like_strconv_quote() {
        assert_eq!(go_quote("a\"b\n"), "\"a\\\"b\\n\"");
        assert_eq!(go_quote("tab\there"), "\"tab\\there\"");
        assert_eq!(
            go_quote("\x07\x08\x0b\x0c\x01\x7f"),
            "\"\\a\\b\\v\\f\\x01\\x7f\""
        );
        assert_eq!(go_quote("né"), "\"né\"");
        // characters that are not printable, and bytes that are not UTF-8 (go-cmp cuts long
        // strings at a byte count)
        assert_eq!(go_quote("a\u{a0}b\u{200b}"), "\"a\\u00a0b\\u200b\"");
        assert_eq!(go_quote_bytes(&[b'x', 0xc3]), "\"x\\xc3\"");
        assert_eq!(go_quote_bytes("é".as_bytes()), "\"é\"");
        assert_eq!(json_quote("a\"b\n\x01\x7f"), "\"a\\\"b\\n\\u0001\x7f\"");
    }

    #[test]
    fn floats_format_like_strconv_g() {
        assert_eq!(format_float_g(1.5, true), "1.5");
        assert_eq!(format_float_g(1000.0, true), "1000");
        assert_eq!(format_float_g(1e6, true), "1e+06");
        assert_eq!(format_float_g(0.1, true), "0.1");
        assert_eq!(format_float_g(123456789.0, true), "1.2345679e+08");
        assert_eq!(format_float_g(123456789.0, false), "1.23456789e+08");
        assert_eq!(format_float_g(999999.0, false), "999999");
        assert_eq!(format_float_g(1e21, false), "1e+21");
        assert_eq!(format_float_g(0.00001, false), "1e-05");
        assert_eq!(format_float_g(0.0001, false), "0.0001");
        assert_eq!(format_float_g(-2.0, false), "-2");
        assert_eq!(format_float_g(0.0, false), "0");
        assert_eq!(format_float_g(-0.0, false), "-0");
        assert_eq!(format_float_g(f64::NAN, false), "NaN");
        assert_eq!(format_float_g(f64::NEG_INFINITY, false), "-Inf");
    }

    #[test]
    fn floats_encode_like_encoding_json() {
        assert_eq!(json_float(1.0), "1");
        assert_eq!(json_float(1.5), "1.5");
        assert_eq!(json_float(1e6), "1000000");
        assert_eq!(json_float(1e21), "1e+21");
        assert_eq!(json_float(0.00001), "0.00001");
        assert_eq!(json_float(1e-7), "1e-7");
    }

    #[test]
    fn durations_match_time_duration_string() {
        assert_eq!(go_duration(412), "412ms");
        assert_eq!(go_duration(2100), "2.1s");
        assert_eq!(go_duration(10_000), "10s");
        assert_eq!(go_duration(80_000), "1m20s");
        assert_eq!(go_duration(160_000), "2m40s");
        assert_eq!(go_duration(300_000), "5m0s");
        assert_eq!(go_duration(122_000), "2m2s");
        assert_eq!(go_duration(3_600_000), "1h0m0s");
        assert_eq!(go_duration(0), "0s");
    }
}
