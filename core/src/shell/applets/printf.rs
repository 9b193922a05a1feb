//! `echo` and `printf`: escapes, formats and their errors as busybox and coreutils print them.

/// busybox `echo` (`-n`, `-e`, `-E` and combinations like `-en`; `-e` escapes incl. `\c`).
pub fn echo(args: &[String]) -> String {
    let mut newline = true;
    let mut escapes = false;
    let mut i = 0;
    while let Some(a) = args.get(i) {
        if a.len() > 1 && a.starts_with('-') && a[1..].chars().all(|c| matches!(c, 'n' | 'e' | 'E'))
        {
            for ch in a[1..].chars() {
                match ch {
                    'n' => newline = false,
                    'e' => escapes = true,
                    _ => escapes = false,
                }
            }
            i += 1;
        } else {
            break;
        }
    }
    let mut out = String::new();
    for (k, a) in args.iter().skip(i).enumerate() {
        if k > 0 {
            out.push(' ');
        }
        if escapes {
            let (s, stop) = unescape(a, true);
            out.push_str(&s);
            if stop {
                return out;
            }
        } else {
            out.push_str(a);
        }
    }
    if newline {
        out.push('\n');
    }
    out
}

/// Backslash escapes of `echo -e` / `printf %b`. Returns the text and whether `\c` stopped it.
pub(super) fn unescape(s: &str, echo_octal: bool) -> (String, bool) {
    let mut out = String::new();
    let c: Vec<char> = s.chars().collect();
    let mut i = 0;
    while let Some(&ch) = c.get(i) {
        let Some(&next) = c.get(i + 1).filter(|_| ch == '\\') else {
            out.push(ch);
            i += 1;
            continue;
        };
        i += 1;
        match next {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'a' => out.push('\u{7}'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'v' => out.push('\u{b}'),
            'e' => out.push('\u{1b}'),
            '\\' => out.push('\\'),
            'c' => return (out, true),
            '0'..='7' => {
                let mut v = 0u32;
                let mut n = 0;
                let mut j = i;
                if echo_octal && next == '0' {
                    j += 1;
                }
                while let Some(d) = c.get(j).filter(|_| n < 3).and_then(|d| d.to_digit(8)) {
                    v = v * 8 + d;
                    j += 1;
                    n += 1;
                }
                out.push(char::from_u32(v).unwrap_or('?'));
                i = j;
                continue;
            }
            'x' => {
                let mut v = 0u32;
                let mut j = i + 1;
                while let Some(d) = c.get(j).filter(|_| j < i + 3).and_then(|d| d.to_digit(16)) {
                    v = v * 16 + d;
                    j += 1;
                }
                if j == i + 1 {
                    out.push('\\');
                    out.push('x');
                } else {
                    out.push(char::from_u32(v).unwrap_or('?'));
                }
                i = j;
                continue;
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
        i += 1;
    }
    (out, false)
}

/// `printf FORMAT [ARG…]`: `%s %d %i %u %x %X %o %c %f %e %g %b %%`, widths, precision and
/// `-` flag; the format is reused while arguments remain. Returns (output, errors, status).
pub fn printf(args: &[String]) -> (String, Vec<String>, i32) {
    let Some(fmt) = args.first() else {
        return (
            String::new(),
            vec!["usage: printf FORMAT [ARGUMENT...]".into()],
            1,
        );
    };
    let fmt: Vec<char> = fmt.chars().collect();
    let mut rest = args.iter().skip(1).peekable();
    let mut out = String::new();
    let mut errs = Vec::new();
    let mut status = 0;
    let mut rounds = 0;
    loop {
        rounds += 1;
        let mut used = false;
        let mut i = 0;
        while let Some(&ch) = fmt.get(i) {
            if ch == '\\' {
                let mut j = i + 1;
                while j < i + 4 && fmt.get(j).is_some_and(char::is_ascii_digit) {
                    j += 1;
                }
                let end = if j > i + 1 { j } else { (i + 2).min(fmt.len()) };
                let piece: String = fmt.get(i..end).unwrap_or_default().iter().collect();
                let (s, stop) = unescape(&piece, false);
                out.push_str(&s);
                if stop {
                    return (out, errs, status);
                }
                i = end;
                continue;
            }
            if ch != '%' {
                out.push(ch);
                i += 1;
                continue;
            }
            if fmt.get(i + 1) == Some(&'%') {
                out.push('%');
                i += 2;
                continue;
            }
            let mut j = i + 1;
            let mut flags = String::new();
            while let Some(&f) = fmt.get(j) {
                if "-+ 0#".contains(f) {
                    flags.push(f);
                    j += 1;
                } else {
                    break;
                }
            }
            let mut width = String::new();
            while let Some(&d) = fmt.get(j) {
                if d.is_ascii_digit() {
                    width.push(d);
                    j += 1;
                } else if d == '*' {
                    width = rest.next().cloned().unwrap_or_default();
                    j += 1;
                } else {
                    break;
                }
            }
            let mut prec: Option<usize> = None;
            if fmt.get(j) == Some(&'.') {
                j += 1;
                let mut p = String::new();
                while let Some(&d) = fmt.get(j) {
                    if d.is_ascii_digit() {
                        p.push(d);
                        j += 1;
                    } else {
                        break;
                    }
                }
                prec = Some(p.parse().unwrap_or(0));
            }
            let Some(&conv) = fmt.get(j) else {
                out.extend(fmt.get(i..).unwrap_or_default().iter());
                break;
            };
            i = j + 1;
            let arg = rest.next();
            if arg.is_some() {
                used = true;
            }
            let a = arg.cloned().unwrap_or_default();
            let w: usize = width.trim_start_matches('-').parse().unwrap_or(0);
            let left = flags.contains('-') || width.starts_with('-');
            let zero = flags.contains('0') && !left;
            let body = match conv {
                's' => match prec {
                    Some(p) => a.chars().take(p).collect(),
                    None => a,
                },
                'b' => unescape(&a, true).0,
                'c' => a.chars().next().map(|c| c.to_string()).unwrap_or_default(),
                'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
                    let v = if a.is_empty() {
                        0
                    } else if let Some(ch) = a.strip_prefix('\'').or_else(|| a.strip_prefix('"')) {
                        ch.chars().next().map(|c| c as i64).unwrap_or(0)
                    } else {
                        match crate::shell::expand::parse_number(&a) {
                            Some(v) => v,
                            None => {
                                errs.push(format!("invalid number '{a}'"));
                                status = 1;
                                0
                            }
                        }
                    };
                    let mut s = match conv {
                        'x' => format!("{:x}", v),
                        'X' => format!("{:X}", v),
                        'o' => format!("{:o}", v),
                        'u' => format!("{}", v as u64),
                        _ => {
                            if flags.contains('+') && v >= 0 {
                                format!("+{v}")
                            } else {
                                v.to_string()
                            }
                        }
                    };
                    if let Some(p) = prec {
                        let neg = s.starts_with('-');
                        let digits = s.trim_start_matches('-').to_string();
                        if digits.len() < p {
                            s = format!(
                                "{}{}{}",
                                if neg { "-" } else { "" },
                                "0".repeat(p - digits.len()),
                                digits
                            );
                        }
                    }
                    s
                }
                'f' | 'F' | 'e' | 'E' | 'g' | 'G' => {
                    let v: f64 = if a.is_empty() {
                        0.0
                    } else {
                        match a.trim().parse() {
                            Ok(v) => v,
                            Err(_) => {
                                errs.push(format!("invalid number '{a}'"));
                                status = 1;
                                0.0
                            }
                        }
                    };
                    let p = prec.unwrap_or(6);
                    match conv {
                        'e' | 'E' => {
                            let s = format!("{:.*e}", p, v);
                            // Rust prints 1.5e0; C prints 1.500000e+00
                            let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
                            let ev: i32 = e.parse().unwrap_or(0);
                            let t =
                                format!("{m}e{}{:02}", if ev < 0 { '-' } else { '+' }, ev.abs());
                            if conv == 'E' {
                                t.to_uppercase()
                            } else {
                                t
                            }
                        }
                        'g' | 'G' => {
                            let s = format!("{}", v);
                            s
                        }
                        _ => format!("{:.*}", p, v),
                    }
                }
                other => {
                    errs.push(format!("%{other}: invalid format"));
                    status = 1;
                    String::new()
                }
            };
            let len = body.chars().count();
            if len < w {
                let pad = w - len;
                if left {
                    out.push_str(&body);
                    out.push_str(&" ".repeat(pad));
                } else if zero && conv != 's' {
                    let (sign, digits) = if let Some(d) = body.strip_prefix('-') {
                        ("-", d)
                    } else {
                        ("", body.as_str())
                    };
                    out.push_str(sign);
                    out.push_str(&"0".repeat(pad));
                    out.push_str(digits);
                } else {
                    out.push_str(&" ".repeat(pad));
                    out.push_str(&body);
                }
            } else {
                out.push_str(&body);
            }
        }
        if !used || rest.peek().is_none() || rounds > 10_000 {
            break;
        }
    }
    (out, errs, status)
}
