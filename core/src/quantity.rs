//! Resource quantities (`250m`, `64Mi`, `1e3`) as `k8s.io/apimachinery/pkg/api/resource` parses,
//! compares and prints them.
//!
//! A quantity is held as a signed count of nano-units (10⁻⁹) in an `i128`, which represents every
//! value the API server keeps exactly (it rounds non-zero values up to the nano). Values beyond
//! ±(2⁶³−1) whole units are capped there: the API server caps binary-SI values the same way and
//! nothing a Pod asks for comes close.

use std::cmp::Ordering;

use crate::tree::{Node, Value};

/// How the quantity was written, which decides how it is printed back (`Quantity.Format`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `1e3`, `12E6`
    DecimalExponent,
    /// `Ki`, `Mi`, `Gi`, `Ti`, `Pi`, `Ei`
    BinarySI,
    /// `n`, `u`, `m`, ``, `k`, `M`, `G`, `T`, `P`, `E`
    DecimalSI,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quantity {
    nanos: i128,
    format: Format,
}

/// The three errors of `resource.ParseQuantity`, with their exact texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuantityError {
    Format,
    Numeric,
    Suffix,
}

impl Format {
    /// The Go constant's value (`resource.Format`).
    pub fn go_name(self) -> &'static str {
        match self {
            Format::DecimalExponent => "DecimalExponent",
            Format::BinarySI => "BinarySI",
            Format::DecimalSI => "DecimalSI",
        }
    }
}

/// What `ParseQuantity`'s int64 fast path keeps of a quantity's text: `int64Amount{value, scale}`,
/// and whether the text itself is cached as the canonical string (`Quantity.s`: only when it
/// already is canonical).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Int64Amount {
    pub value: i64,
    pub scale: i32,
    pub cached: bool,
    pub format: Format,
}

/// `ParseQuantity`'s fast path; `None` when the text takes the slow path (an `inf.Dec`: more than
/// 18 digits, a fraction of a binary suffix, a scale below nano) or does not parse.
pub fn int64_amount(s: &str) -> Option<Int64Amount> {
    if s == "0" {
        return Some(Int64Amount { value: 0, scale: 0, cached: true, format: Format::DecimalSI });
    }
    let parts = split(s).ok()?;
    let (base2, base10, format) = interpret(parts.suffix)?;
    let (num, denom) = (parts.num, parts.denom);
    let (mut scale, precision, mantissa) = match format {
        Format::BinarySI if denom.is_empty() => (0, 15 - num.len() as i32 - (base2 as f32 * 3.0 / 10.0) as i32 - 1, 1i64 << base2),
        Format::BinarySI => (0, -1, 1),
        _ => (base10, 18 - (num.len() + denom.len()) as i32, 1),
    };
    if precision < 0 {
        return None;
    }
    scale -= denom.len() as i32;
    if scale < -9 {
        return None;
    }
    let shifted = format!("{num}{denom}");
    let value = shifted.parse::<i64>().ok()?;
    let result = value.checked_mul(mantissa)?;
    let cached = match format {
        Format::BinarySI => base2 % 10 == 0 && value & 0x07 != 0,
        _ => scale % 3 == 0 && !shifted.ends_with("000") && !shifted.starts_with('0'),
    };
    Some(Int64Amount { value: if parts.positive { result } else { -result }, scale, cached, format })
}

/// `resource.splitREString`, quoted in `ErrFormatWrong`.
pub const QUANTITY_REGEX: &str = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";

impl QuantityError {
    pub fn message(self) -> &'static str {
        match self {
            QuantityError::Format => {
                "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
            }
            QuantityError::Numeric => "unable to parse numeric part of quantity",
            QuantityError::Suffix => "unable to parse quantity's suffix",
        }
    }
}

impl std::fmt::Display for QuantityError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message())
    }
}

const NANO: i128 = 1_000_000_000;
/// (2⁶³ − 1) whole units, in nanos.
const CAP: i128 = (i64::MAX as i128) * NANO;

/// Parses a quantity string the way `resource.ParseQuantity` does (surrounding whitespace is
/// trimmed first, as `Quantity.UnmarshalJSON` does).
pub fn parse(input: &str) -> Result<Quantity, QuantityError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(QuantityError::Format);
    }
    if s == "0" {
        return Ok(Quantity {
            nanos: 0,
            format: Format::DecimalSI,
        });
    }
    let parts = split(s)?;
    let (base2_exp, base10_exp, format) = interpret(parts.suffix).ok_or(QuantityError::Suffix)?;

    // Significant digits of num+denom, and the power of ten that scales them to nano-units.
    let mut digits: Vec<u8> = Vec::with_capacity(parts.num.len() + parts.denom.len());
    digits.extend(
        parts
            .num
            .bytes()
            .chain(parts.denom.bytes())
            .map(|b| b - b'0'),
    );
    let first_nonzero = digits.iter().position(|&d| d != 0);
    let Some(first) = first_nonzero else {
        return Ok(Quantity {
            nanos: 0,
            format: zero_format(format),
        });
    };
    let digits = digits.get(first..).unwrap_or_default();
    let mut pow10: i64 = base10_exp as i64 - parts.denom.len() as i64 + 9;

    // Keep at most 36 significant digits (i128 holds 38); what is dropped only matters for
    // rounding up.
    let (kept, dropped) = if digits.len() > 36 {
        digits.split_at(36)
    } else {
        (digits, &[][..])
    };
    let mut sticky = dropped.iter().any(|&d| d != 0);
    pow10 += dropped.len() as i64;
    let mut d: i128 = 0;
    for &x in kept {
        d = d * 10 + x as i128;
    }

    let mut n = d;
    for _ in 0..base2_exp {
        n = n.saturating_mul(2);
    }
    if pow10 >= 0 {
        for _ in 0..pow10.min(40) {
            n = n.saturating_mul(10);
        }
    } else {
        let k = -pow10;
        if k > 38 {
            sticky |= n != 0;
            n = 0;
        } else {
            let div = 10i128.pow(k as u32);
            sticky |= n % div != 0;
            n /= div;
        }
        // Non-zero values round up to the smallest representable amount (inf.RoundUp).
        if sticky {
            n += 1;
        }
    }
    let mut format = format;
    if n > CAP {
        n = CAP;
    }
    if format == Format::BinarySI && n < NANO {
        format = Format::DecimalSI;
    }
    Ok(Quantity {
        nanos: if parts.positive { n } else { -n },
        format,
    })
}

/// The text of a quantity-valued node as the API server reads it: the string, or the number
/// kubectl sent in its JSON (`Quantity.UnmarshalJSON` parses the raw JSON token).
pub fn node_text(n: &Node) -> Option<String> {
    match &n.value {
        Value::Str(s) => Some(s.clone()),
        Value::Int(i) => Some(i.to_string()),
        Value::Float(f) => Some(crate::gofmt::json_float(*f)),
        _ => None,
    }
}

/// A quantity-valued node (string or number) parsed as the API server parses it; `None` when
/// the node is neither.
pub fn parse_node(n: &Node) -> Option<Result<Quantity, QuantityError>> {
    node_text(n).map(|s| parse(&s))
}

/// A quantity-valued node that parses.
pub fn from_node(n: &Node) -> Option<Quantity> {
    parse_node(n)?.ok()
}

fn zero_format(f: Format) -> Format {
    f
}

struct Parts<'a> {
    positive: bool,
    num: &'a str,
    denom: &'a str,
    suffix: &'a str,
}

/// `parseQuantityString`: sign, integer digits, optional `.digits`, then a suffix of
/// `[eEinumkKMGTP]*[-+]?[0-9]*`.
fn split(s: &str) -> Result<Parts<'_>, QuantityError> {
    let b = s.as_bytes();
    let end = b.len();
    let mut pos = 0;
    let mut positive = true;
    match b.first() {
        Some(b'-') => {
            positive = false;
            pos += 1
        }
        Some(b'+') => pos += 1,
        _ => {}
    }
    let at = |pos: usize| b.get(pos).copied();
    while at(pos) == Some(b'0') {
        pos += 1;
    }
    if pos >= end {
        return Ok(Parts {
            positive,
            num: "0",
            denom: "",
            suffix: "",
        });
    }
    let num_start = pos;
    while at(pos).is_some_and(|c| c.is_ascii_digit()) {
        pos += 1;
    }
    let num = if pos == num_start {
        "0"
    } else {
        &s[num_start..pos]
    };
    let mut denom = "";
    if at(pos) == Some(b'.') {
        pos += 1;
        let d_start = pos;
        while at(pos).is_some_and(|c| c.is_ascii_digit()) {
            pos += 1;
        }
        denom = &s[d_start..pos];
    }
    let suffix_start = pos;
    while at(pos).is_some_and(|c| b"eEinumkKMGTP".contains(&c)) {
        pos += 1;
    }
    if matches!(at(pos), Some(b'-' | b'+')) {
        pos += 1;
    }
    while at(pos).is_some_and(|c| c.is_ascii_digit()) {
        pos += 1;
    }
    if pos < end {
        return Err(QuantityError::Format);
    }
    Ok(Parts {
        positive,
        num,
        denom,
        suffix: &s[suffix_start..],
    })
}

/// `suffixHandler.interpret`: (binary exponent, decimal exponent, format).
fn interpret(suffix: &str) -> Option<(u32, i32, Format)> {
    let dec = match suffix {
        "n" => Some(-9),
        "u" => Some(-6),
        "m" => Some(-3),
        "" => Some(0),
        "k" => Some(3),
        "M" => Some(6),
        "G" => Some(9),
        "T" => Some(12),
        "P" => Some(15),
        "E" => Some(18),
        _ => None,
    };
    if let Some(e) = dec {
        return Some((0, e, Format::DecimalSI));
    }
    let bin = match suffix {
        "Ki" => Some(10),
        "Mi" => Some(20),
        "Gi" => Some(30),
        "Ti" => Some(40),
        "Pi" => Some(50),
        "Ei" => Some(60),
        _ => None,
    };
    if let Some(e) = bin {
        return Some((e, 0, Format::BinarySI));
    }
    let rest = suffix.strip_prefix(['e', 'E'])?;
    if rest.is_empty() {
        return None;
    }
    let digits = rest.strip_prefix(['+', '-']).unwrap_or(rest);
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    // strconv.ParseInt(…, 64) then int32(): clamp absurd exponents (they cap or round anyway).
    let mut e: i64 = 0;
    for c in digits.bytes() {
        e = (e * 10 + (c - b'0') as i64).min(1_000_000);
    }
    if rest.starts_with('-') {
        e = -e;
    }
    Some((0, e as i32, Format::DecimalExponent))
}

impl Quantity {
    /// A quantity of whole units (`Quantity{…, DecimalSI}` from `resource.NewQuantity`).
    pub fn from_units(v: i64) -> Quantity {
        Quantity {
            nanos: v as i128 * NANO,
            format: Format::DecimalSI,
        }
    }

    /// A quantity of thousandths (`resource.NewMilliQuantity`).
    pub fn from_millis(v: i64) -> Quantity {
        Quantity {
            nanos: v as i128 * 1_000_000,
            format: Format::DecimalSI,
        }
    }

    /// A quantity of bytes printed in binary SI (`resource.NewQuantity(v, BinarySI)`).
    pub fn from_bytes(v: i64) -> Quantity {
        let format = if v.unsigned_abs() < 1024 {
            Format::DecimalSI
        } else {
            Format::BinarySI
        };
        Quantity {
            nanos: v as i128 * NANO,
            format,
        }
    }

    pub fn format(&self) -> Format {
        self.format
    }

    pub fn nanos(&self) -> i128 {
        self.nanos
    }

    pub fn is_zero(&self) -> bool {
        self.nanos == 0
    }

    pub fn sign(&self) -> i32 {
        self.nanos.signum() as i32
    }

    /// `Quantity.MilliValue()`: thousandths, rounded up.
    pub fn milli_value(&self) -> i128 {
        ceil_div(self.nanos, 1_000_000)
    }

    /// `Quantity.Value()`: whole units, rounded up.
    pub fn value(&self) -> i128 {
        ceil_div(self.nanos, NANO)
    }

    pub fn as_f64(&self) -> f64 {
        self.nanos as f64 / NANO as f64
    }

    /// `Quantity.Cmp`.
    pub fn cmp_value(&self, other: &Quantity) -> Ordering {
        self.nanos.cmp(&other.nanos)
    }

    pub fn add(&self, other: &Quantity) -> Quantity {
        Quantity {
            nanos: self.nanos.saturating_add(other.nanos).clamp(-CAP, CAP),
            format: self.format,
        }
    }

    /// `Quantity.String()`: the canonical form (`0.5` → `500m`, `1000` → `1k`, `1536Mi` stays).
    pub fn canonical(&self) -> String {
        if self.nanos == 0 {
            return "0".to_string();
        }
        let neg = self.nanos < 0;
        let abs = self.nanos.unsigned_abs();
        let mut format = self.format;
        if format == Format::BinarySI
            && (abs < 1024 * NANO as u128 || !abs.is_multiple_of(NANO as u128))
        {
            format = Format::DecimalSI;
        }
        let sign = if neg { "-" } else { "" };
        if format == Format::BinarySI {
            let mut v = abs / NANO as u128;
            let mut e = 0;
            while v.is_multiple_of(1024) && e < 6 {
                v /= 1024;
                e += 1;
            }
            const BIN: [&str; 7] = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
            return format!("{sign}{v}{}", BIN.get(e).copied().unwrap_or(""));
        }
        let mut m = abs;
        let mut e: i32 = -9;
        while m.is_multiple_of(10) {
            m /= 10;
            e += 1;
        }
        match e.rem_euclid(3) {
            1 => {
                m *= 10;
                e -= 1
            }
            2 => {
                m *= 100;
                e -= 2
            }
            _ => {}
        }
        let suffix = match format {
            Format::DecimalExponent => {
                if e == 0 {
                    String::new()
                } else {
                    format!("e{e}")
                }
            }
            _ => match e {
                -9 => "n".into(),
                -6 => "u".into(),
                -3 => "m".into(),
                0 => String::new(),
                3 => "k".into(),
                6 => "M".into(),
                9 => "G".into(),
                12 => "T".into(),
                15 => "P".into(),
                18 => "E".into(),
                _ => format!("e{e}"),
            },
        };
        format!("{sign}{m}{suffix}")
    }
}

impl std::fmt::Display for Quantity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.canonical())
    }
}

/// `Quantity.String()` of a number of bytes a manifest wrote (a memory or hugepages figure): the
/// model keeps the bytes, not the suffix they were written with, so the shorter of the binary
/// (`128Mi`) and decimal (`128M`) canonical forms stands for it (ties go to binary). A sum of
/// quantities written in both styles may print in the other style than kubectl's (Go keeps the
/// first operand's format).
pub fn bytes_text(bytes: i64) -> String {
    let binary = Quantity::from_bytes(bytes).canonical();
    let decimal = Quantity::from_units(bytes).canonical();
    if decimal.len() < binary.len() {
        decimal
    } else {
        binary
    }
}

/// A number of bytes of memory as a person (and kubectl) reads it, the one format the simulation
/// and its views use for memory: a whole number of a unit as the quantity's canonical string
/// (`104857600` → `100Mi`, `100000000` → `100M`, `512`), and a figure that is not whole in any
/// unit in MiB or GiB with a decimal, the way `kubectl top` counts memory in Mi (`105123456` →
/// `100.3Mi`, never the raw bytes).
pub fn memory_text(bytes: u64) -> String {
    let b = i64::try_from(bytes).unwrap_or(i64::MAX);
    let exact = if b % 1024 == 0 {
        Quantity::from_bytes(b)
    } else {
        Quantity::from_units(b)
    }
    .canonical();
    // A canonical string is what a manifest would write when it has at most four digits.
    if exact.chars().filter(char::is_ascii_digit).count() <= 4 {
        return exact;
    }
    const GI: f64 = (1u64 << 30) as f64;
    const MI: f64 = (1u64 << 20) as f64;
    let (v, unit) = if bytes >= 1 << 30 {
        (bytes as f64 / GI, "Gi")
    } else {
        (bytes as f64 / MI, "Mi")
    };
    let one = format!("{v:.1}");
    // Not whole: never shown as if it were (`100.0Mi` would read as exactly the limit).
    let text = if one.ends_with(".0") {
        format!("{v:.3}")
    } else {
        one
    };
    format!("{text}{unit}")
}

fn ceil_div(a: i128, b: i128) -> i128 {
    let q = a / b;
    if a % b != 0 && a > 0 {
        q + 1
    } else {
        q
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn the_fast_path_keeps_value_scale_and_a_canonical_text() {
        let a = |s: &str| int64_amount(s).map(|a| (a.value, a.scale, a.cached, a.format.go_name()));
        // the go-cmp transcripts show {i: {value: 100, scale: -3}, s: "100m"} and {value: 20}, s: "20"
        assert_eq!(a("100m"), Some((100, -3, true, "DecimalSI")));
        assert_eq!(a("20"), Some((20, 0, true, "DecimalSI")));
        assert_eq!(a("0"), Some((0, 0, true, "DecimalSI")));
        assert_eq!(a("0.5"), Some((5, -1, false, "DecimalSI")));
        assert_eq!(a("1000m"), Some((1000, -3, false, "DecimalSI")));
        assert_eq!(a("-2k"), Some((-2, 3, true, "DecimalSI")));
        // binary: cached only when the value is not a multiple of 8
        assert_eq!(a("128Mi"), Some((134_217_728, 0, false, "BinarySI")));
        assert_eq!(a("100Mi"), Some((104_857_600, 0, true, "BinarySI")));
        assert_eq!(a("1e3"), Some((1, 3, true, "DecimalExponent")));
        // the slow path (inf.Dec)
        assert_eq!(a("1.5Gi"), None);
        assert_eq!(a("1234567890123456789"), None);
        assert_eq!(a("x"), None);
    }

    #[test]
    fn memory_reads_as_a_quantity_never_as_raw_bytes() {
        assert_eq!(memory_text(104_857_600), "100Mi");
        assert_eq!(memory_text(1 << 30), "1Gi");
        assert_eq!(memory_text(100_000_000), "100M");
        assert_eq!(memory_text(512), "512");
        assert_eq!(memory_text(0), "0");
        assert_eq!(memory_text(105_123_456), "100.3Mi");
        assert_eq!(memory_text(104_857_600 + 4096), "100.004Mi");
        assert_eq!(memory_text(3 * (1 << 30) + 12345), "3.000Gi");
        assert!(memory_text(u64::MAX).ends_with("Ei") || memory_text(u64::MAX).ends_with("Gi"));
    }

    #[test]
    fn bytes_read_in_the_style_they_were_written() {
        assert_eq!(bytes_text(128 << 20), "128Mi");
        assert_eq!(bytes_text(128_000_000), "128M");
        assert_eq!(bytes_text(1000 << 20), "1000Mi");
        assert_eq!(bytes_text(2_000_000_000), "2G");
        assert_eq!(bytes_text(1536 << 20), "1536Mi");
        assert_eq!(bytes_text(0), "0");
        assert_eq!(bytes_text(100), "100");
    }

    fn canon(s: &str) -> String {
        parse(s)
            .map(|q| q.canonical())
            .unwrap_or_else(|e| format!("error: {}", e.message()))
    }

    #[test]
    fn canonical_forms_match_apimachinery() {
        // Cases from resource/quantity_test.go (TestQuantityParse / TestQuantityString).
        for (input, want) in [
            ("0", "0"),
            ("0.5", "500m"),
            ("250m", "250m"),
            ("1", "1"),
            ("1000", "1k"),
            ("1500", "1500"),
            ("1.5", "1500m"),
            ("64Mi", "64Mi"),
            ("128Mi", "128Mi"),
            ("1.5Gi", "1536Mi"),
            ("1Gi", "1Gi"),
            ("1024", "1024"),
            ("1024Ki", "1Mi"),
            ("100Ki", "100Ki"),
            ("0.5Ki", "512"),
            ("1e3", "1e3"),
            ("1E6", "1e6"),
            ("12e6", "12e6"),
            ("1k", "1k"),
            ("1M", "1M"),
            ("2G", "2G"),
            ("100n", "100n"),
            ("0.1m", "100u"),
            ("0.0000000001", "1n"),
            ("-1", "-1"),
            ("+5", "5"),
            ("1.", "1"),
            (".5", "500m"),
            ("100u", "100u"),
            ("7Ei", "7Ei"),
        ] {
            assert_eq!(canon(input), want, "{input}");
        }
    }

    #[test]
    fn errors_have_the_api_server_texts() {
        assert_eq!(parse("1.5.5"), Err(QuantityError::Format));
        assert_eq!(parse("abc"), Err(QuantityError::Format));
        assert_eq!(parse("1Gb"), Err(QuantityError::Format));
        assert_eq!(parse("1KB"), Err(QuantityError::Format));
        assert_eq!(parse(""), Err(QuantityError::Format));
        assert_eq!(parse("1mi"), Err(QuantityError::Suffix));
        assert_eq!(parse("1e"), Err(QuantityError::Suffix));
        assert_eq!(parse("1ee2"), Err(QuantityError::Suffix));
        assert!(QuantityError::Format.message().contains(QUANTITY_REGEX));
    }

    #[test]
    fn values_round_up() {
        let q = parse("250m").unwrap();
        assert_eq!(q.milli_value(), 250);
        assert_eq!(q.value(), 1);
        assert_eq!(parse("64Mi").unwrap().value(), 64 * 1024 * 1024);
        assert_eq!(parse("1.5").unwrap().value(), 2);
        assert_eq!(parse("0.0001").unwrap().milli_value(), 1);
        assert_eq!(
            parse("128Mi").unwrap().cmp_value(&parse("64Mi").unwrap()),
            Ordering::Greater
        );
        assert_eq!(
            parse("1").unwrap().cmp_value(&parse("1000m").unwrap()),
            Ordering::Equal
        );
    }

    #[test]
    fn huge_inputs_are_capped_not_panicking() {
        let big = parse("99999999999999999999999999999999999999999999999999Ei").unwrap();
        assert_eq!(big.value(), i64::MAX as i128);
        assert!(parse("1e999999999999").is_ok());
        assert_eq!(parse("1e-999999").unwrap().nanos(), 1);
        let many_digits = format!("0.{}1", "0".repeat(500));
        assert_eq!(parse(&many_digits).unwrap().nanos(), 1);
    }
}
