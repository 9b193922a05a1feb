//! The string validators of apimachinery, with their exact messages: `IsDNS1123Label`,
//! `IsDNS1123Subdomain`, `IsQualifiedName` / `content.IsLabelKey`, `IsValidLabelValue`,
//! `IsValidPortName`, `IsEnvVarName`, `IsConfigMapKey`, `IsValidIP`, … Each returns the list of
//! messages Go returns (`[]string`; empty means valid), to be wrapped in `field.Invalid` by the
//! caller. The regular expressions of the Go code are hand-written matchers here (no regex
//! crate); the regex text still appears in the messages, exactly as Go prints it.
//!
//! Sources (Kubernetes 1.37): `staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go`,
//! `…/util/validation/ip.go`, `…/api/validate/content/{dns,kube,identifier,errors,path}.go`, and
//! `k8s.io/utils/net` (`ParseIPSloppy`, `ParseCIDRSloppy`, forks of Go 1.16's `net` parsers).
//!
//! Lengths are counted in bytes, as Go's `len` does, and the messages say so
//! (`content.MaxLenError`: `must be no more than 63 bytes`).

/// `DNS1123LabelMaxLength`.
pub const DNS1123_LABEL_MAX_LENGTH: usize = 63;
/// `DNS1123SubdomainMaxLength`.
pub const DNS1123_SUBDOMAIN_MAX_LENGTH: usize = 253;
/// `DNS1035LabelMaxLength`.
pub const DNS1035_LABEL_MAX_LENGTH: usize = 63;
/// `LabelValueMaxLength`.
pub const LABEL_VALUE_MAX_LENGTH: usize = 63;
/// The name part of a label key / qualified name (`labelKeyMaxLength`).
pub const LABEL_KEY_NAME_MAX_LENGTH: usize = 63;

pub const DNS1123_LABEL_FMT: &str = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
pub const DNS1123_LABEL_ERR_MSG: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
pub const DNS1123_SUBDOMAIN_FMT: &str =
    "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
pub const DNS1123_SUBDOMAIN_ERR_MSG: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
pub const DNS1123_SUBDOMAIN_FMT_WITH_UNDERSCORE: &str =
    "_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*";
pub const DNS1123_SUBDOMAIN_ERR_MSG_WITH_UNDERSCORE: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character";
pub const DNS1035_LABEL_FMT: &str = "[a-z]([-a-z0-9]*[a-z0-9])?";
pub const DNS1035_LABEL_ERR_MSG: &str = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
pub const LABEL_KEY_FMT: &str = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
pub const LABEL_KEY_ERR_MSG: &str = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
pub const LABEL_VALUE_FMT: &str = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";
pub const LABEL_VALUE_ERR_MSG: &str = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
pub const C_IDENTIFIER_FMT: &str = "[A-Za-z_][A-Za-z0-9_]*";
pub const C_IDENTIFIER_ERR_MSG: &str = "a valid C identifier must start with alphabetic character or '_', followed by a string of alphanumeric characters or '_'";
pub const ENV_VAR_NAME_FMT: &str = "[-._a-zA-Z][-._a-zA-Z0-9]*";
pub const ENV_VAR_NAME_ERR_MSG: &str = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit";
pub const RELAXED_ENV_VAR_NAME_ERR_MSG: &str =
    "a valid environment variable name must consist only of printable ASCII characters other than '='";
pub const CONFIG_MAP_KEY_FMT: &str = "[-._a-zA-Z0-9]+";
pub const CONFIG_MAP_KEY_ERR_MSG: &str =
    "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";
pub const PERCENT_FMT: &str = "[0-9]+%";
pub const PERCENT_ERR_MSG: &str =
    "a valid percent string must be a numeric string followed by an ending '%'";
pub const HTTP_HEADER_NAME_FMT: &str = "[-A-Za-z0-9]+";
pub const HTTP_HEADER_NAME_ERR_MSG: &str =
    "a valid HTTP header must consist of alphanumeric characters or '-'";

/// `MaxLenError`: `must be no more than N bytes`.
pub fn max_len_error(length: usize) -> String {
    format!("must be no more than {length} bytes")
}

/// `RegexError(msg, fmt, examples...)`, with Go's exact spacing: each example is followed by
/// `", "` and examples are joined with `" or "`, so two examples read `(e.g. 'a',  or 'b', regex …)`.
pub fn regex_error(msg: &str, fmt: &str, examples: &[&str]) -> String {
    if examples.is_empty() {
        return format!("{msg} (regex used for validation is '{fmt}')");
    }
    let mut s = String::with_capacity(msg.len() + fmt.len() + 64);
    s.push_str(msg);
    s.push_str(" (e.g. ");
    for (i, ex) in examples.iter().enumerate() {
        if i > 0 {
            s.push_str(" or ");
        }
        s.push('\'');
        s.push_str(ex);
        s.push_str("', ");
    }
    s.push_str("regex used for validation is '");
    s.push_str(fmt);
    s.push_str("')");
    s
}

/// `EmptyError`.
pub fn empty_error() -> &'static str {
    "must be non-empty"
}

/// `InclusiveRangeError(lo, hi)`.
pub fn inclusive_range_error(lo: i64, hi: i64) -> String {
    format!("must be between {lo} and {hi}, inclusive")
}

// ---------------------------------------------------------------------------------------------
// Hand-written matchers for the regular expressions above (all ASCII classes; any other
// character fails, as it does in Go's regexp).

fn is_lower_alnum(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

/// `^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`
fn match_dns1123_label(s: &str) -> bool {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(&f), Some(&l)) => {
            is_lower_alnum(f)
                && is_lower_alnum(l)
                && b.iter().all(|&c| is_lower_alnum(c) || c == b'-')
        }
        _ => false,
    }
}

/// `^<label>(\.<label>)*$`
fn match_dns1123_subdomain(s: &str) -> bool {
    !s.is_empty() && s.split('.').all(match_dns1123_label)
}

/// `^_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?$`
fn match_dns1123_label_with_underscore(s: &str) -> bool {
    let rest = s.strip_prefix('_').unwrap_or(s);
    let b = rest.as_bytes();
    match (b.first(), b.last()) {
        (Some(&f), Some(&l)) => {
            is_lower_alnum(f)
                && is_lower_alnum(l)
                && b.iter()
                    .all(|&c| is_lower_alnum(c) || c == b'-' || c == b'_')
        }
        _ => false,
    }
}

/// `^[a-z]([-a-z0-9]*[a-z0-9])?$`
fn match_dns1035_label(s: &str) -> bool {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(&f), Some(&l)) => {
            f.is_ascii_lowercase()
                && is_lower_alnum(l)
                && b.iter().all(|&c| is_lower_alnum(c) || c == b'-')
        }
        _ => false,
    }
}

/// `^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$`
fn match_label_key_name(s: &str) -> bool {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(&f), Some(&l)) => {
            f.is_ascii_alphanumeric()
                && l.is_ascii_alphanumeric()
                && b.iter()
                    .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
        }
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------
// DNS names

/// `IsDNS1123Label`: a lowercase RFC 1123 label (container names, volume names, namespaces, …).
pub fn is_dns1123_label(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > DNS1123_LABEL_MAX_LENGTH {
        errs.push(max_len_error(DNS1123_LABEL_MAX_LENGTH));
    }
    if !match_dns1123_label(value) {
        if match_dns1123_subdomain(value) {
            // A valid subdomain but not a label: since length was checked, it must be dots.
            errs.push("must not contain dots".to_string());
        } else {
            errs.push(regex_error(
                DNS1123_LABEL_ERR_MSG,
                DNS1123_LABEL_FMT,
                &["my-name", "123-abc"],
            ));
        }
    }
    errs
}

/// `IsDNS1123Subdomain`: a lowercase RFC 1123 subdomain (most object names, e.g. a Pod's name).
pub fn is_dns1123_subdomain(value: &str) -> Vec<String> {
    length_and_pattern(
        value,
        DNS1123_SUBDOMAIN_MAX_LENGTH,
        match_dns1123_subdomain(value),
        (
            DNS1123_SUBDOMAIN_ERR_MSG,
            DNS1123_SUBDOMAIN_FMT,
            &["example.com"],
        ),
    )
}

/// What the DNS name checks share: at most `max` bytes, then the pattern (`pattern`: the error
/// message, the regular expression and its examples) when the value does not match it.
fn length_and_pattern(
    value: &str,
    max: usize,
    matches: bool,
    pattern: (&str, &str, &[&str]),
) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > max {
        errs.push(max_len_error(max));
    }
    if !matches {
        let (msg, fmt, examples) = pattern;
        errs.push(regex_error(msg, fmt, examples));
    }
    errs
}

/// `IsDNS1123SubdomainWithUnderscore`: like a subdomain, but each label may start with `_` and
/// contain `_` (DNS search domains such as `_http._tcp.example.com`).
pub fn is_dns1123_subdomain_with_underscore(value: &str) -> Vec<String> {
    length_and_pattern(
        value,
        DNS1123_SUBDOMAIN_MAX_LENGTH,
        !value.is_empty() && value.split('.').all(match_dns1123_label_with_underscore),
        (
            DNS1123_SUBDOMAIN_ERR_MSG_WITH_UNDERSCORE,
            DNS1123_SUBDOMAIN_FMT_WITH_UNDERSCORE,
            &["example.com"],
        ),
    )
}

/// `IsDNS1035Label`: a DNS-1035 label (Service names, port names of Services): must start with a
/// letter.
pub fn is_dns1035_label(value: &str) -> Vec<String> {
    length_and_pattern(
        value,
        DNS1035_LABEL_MAX_LENGTH,
        match_dns1035_label(value),
        (
            DNS1035_LABEL_ERR_MSG,
            DNS1035_LABEL_FMT,
            &["my-name", "abc-123"],
        ),
    )
}

/// `IsFullyQualifiedDomainName` (returns the detail of the single error Go would report, and
/// whether it is a `Required` error rather than `Invalid`; `None` when valid). The bad value Go
/// reports may be a single label rather than the whole name; it is returned too.
pub fn is_fully_qualified_domain_name(name: &str) -> Option<FqdnError> {
    if name.is_empty() {
        return Some(FqdnError::Required);
    }
    let name = name.strip_suffix('.').unwrap_or(name);
    let errs = is_dns1123_subdomain(name);
    if !errs.is_empty() {
        return Some(FqdnError::Invalid(name.to_string(), errs.join(",")));
    }
    if name.split('.').count() < 2 {
        return Some(FqdnError::Invalid(
            name.to_string(),
            "should be a domain with at least two segments separated by dots".into(),
        ));
    }
    for label in name.split('.') {
        let errs = is_dns1123_label(label);
        if !errs.is_empty() {
            return Some(FqdnError::Invalid(label.to_string(), errs.join(",")));
        }
    }
    None
}

/// What [`is_fully_qualified_domain_name`] found wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FqdnError {
    /// `field.Required(fldPath, "")`.
    Required,
    /// `field.Invalid(fldPath, value, detail)`.
    Invalid(String, String),
}

// ---------------------------------------------------------------------------------------------
// Label keys and values

fn prefix_each(msgs: Vec<String>, prefix: &str) -> Vec<String> {
    msgs.into_iter().map(|m| format!("{prefix}{m}")).collect()
}

/// `content.IsLabelKey` (= `IsQualifiedName`): an optional DNS subdomain prefix and `/`, then a
/// name of at most 63 bytes of `[-A-Za-z0-9_.]`, starting and ending alphanumeric. Used for label
/// and annotation keys, condition types, resource names, topology keys, …
pub fn is_qualified_name(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    let parts: Vec<&str> = value.split('/').collect();
    let name = match parts.as_slice() {
        [name] => *name,
        [prefix, name] => {
            if prefix.is_empty() {
                errs.push(format!("prefix part {}", empty_error()));
            } else {
                let msgs = is_dns1123_subdomain(prefix);
                if !msgs.is_empty() {
                    errs.extend(prefix_each(msgs, "prefix part "));
                }
            }
            *name
        }
        _ => {
            errs.push(format!(
                "a valid label key {} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
                regex_error(LABEL_KEY_ERR_MSG, LABEL_KEY_FMT, &["MyName", "my.name", "123-abc"])
            ));
            return errs;
        }
    };
    if name.is_empty() {
        errs.push(format!("name part {}", empty_error()));
    } else if name.len() > LABEL_KEY_NAME_MAX_LENGTH {
        errs.push(format!(
            "name part {}",
            max_len_error(LABEL_KEY_NAME_MAX_LENGTH)
        ));
    }
    if !match_label_key_name(name) {
        errs.push(format!(
            "name part {}",
            regex_error(
                LABEL_KEY_ERR_MSG,
                LABEL_KEY_FMT,
                &["MyName", "my.name", "123-abc"]
            )
        ));
    }
    errs
}

/// `content.IsLabelKey`: the same rule as [`is_qualified_name`].
pub fn is_label_key(value: &str) -> Vec<String> {
    is_qualified_name(value)
}

/// `content.IsLabelValue` (= `IsValidLabelValue`): empty, or at most 63 bytes of
/// `[-A-Za-z0-9_.]` starting and ending alphanumeric.
pub fn is_valid_label_value(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > LABEL_VALUE_MAX_LENGTH {
        errs.push(max_len_error(LABEL_VALUE_MAX_LENGTH));
    }
    if !value.is_empty() && !match_label_key_name(value) {
        errs.push(regex_error(
            LABEL_VALUE_ERR_MSG,
            LABEL_VALUE_FMT,
            &["MyValue", "my_value", "12345"],
        ));
    }
    errs
}

/// `content.IsPrefixedLabelKey`: a label key that must have a domain prefix.
pub fn is_prefixed_label_key(value: &str) -> Vec<String> {
    let errs = is_label_key(value);
    if !errs.is_empty() {
        return errs;
    }
    if value.split('/').count() != 2 {
        return vec!["must include a prefix (e.g. 'example.com/key')".into()];
    }
    Vec::new()
}

// ---------------------------------------------------------------------------------------------
// Identifiers, ports, ids, percentages, headers

/// `content.IsCIdentifier`.
pub fn is_c_identifier(value: &str) -> Vec<String> {
    let b = value.as_bytes();
    let ok = match b.first() {
        Some(&f) => {
            (f.is_ascii_alphabetic() || f == b'_')
                && b.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'_')
        }
        None => false,
    };
    if ok {
        Vec::new()
    } else {
        vec![regex_error(
            C_IDENTIFIER_ERR_MSG,
            C_IDENTIFIER_FMT,
            &["my_name", "MY_NAME", "MyName"],
        )]
    }
}

/// `IsValidPortNum`: 1–65535.
pub fn is_valid_port_num(port: i64) -> Vec<String> {
    if (1..=65535).contains(&port) {
        Vec::new()
    } else {
        vec![inclusive_range_error(1, 65535)]
    }
}

/// `IsInRange(value, min, max)`.
pub fn is_in_range(value: i64, min: i64, max: i64) -> Vec<String> {
    if value >= min && value <= max {
        Vec::new()
    } else {
        vec![inclusive_range_error(min, max)]
    }
}

/// The largest UID/GID the API accepts (`math.MaxInt32`; a PR to widen it to uint32 in 2026 was
/// closed unmerged, and only container *status* accepts larger ids).
pub const MAX_USER_ID: i64 = 2147483647;
pub const MAX_GROUP_ID: i64 = 2147483647;

/// `IsValidUserID`: 0–2147483647.
pub fn is_valid_user_id(uid: i64) -> Vec<String> {
    is_in_range(uid, 0, MAX_USER_ID)
}

/// `IsValidGroupID`: 0–2147483647.
pub fn is_valid_group_id(gid: i64) -> Vec<String> {
    is_in_range(gid, 0, MAX_GROUP_ID)
}

/// `IsValidPortName`: an IANA_SVC_NAME: at most 15 bytes of `[-a-z0-9]`, at least one letter, no
/// `--`, not starting or ending with `-`.
pub fn is_valid_port_name(port: &str) -> Vec<String> {
    let mut errs = Vec::new();
    let b = port.as_bytes();
    if b.len() > 15 {
        errs.push(max_len_error(15));
    }
    if b.is_empty() || !b.iter().all(|&c| is_lower_alnum(c) || c == b'-') {
        errs.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)".into());
    }
    if !b.iter().any(|c| c.is_ascii_lowercase()) {
        errs.push("must contain at least one letter (a-z)".into());
    }
    if port.contains("--") {
        errs.push("must not contain consecutive hyphens".into());
    }
    if b.first() == Some(&b'-') || b.last() == Some(&b'-') {
        errs.push("must not begin or end with a hyphen".into());
    }
    errs
}

/// `IsValidPercent`: `^[0-9]+%$`.
pub fn is_valid_percent(percent: &str) -> Vec<String> {
    let ok = percent
        .strip_suffix('%')
        .is_some_and(|d| !d.is_empty() && d.bytes().all(|c| c.is_ascii_digit()));
    if ok {
        Vec::new()
    } else {
        vec![regex_error(PERCENT_ERR_MSG, PERCENT_FMT, &["1%", "93%"])]
    }
}

/// `IsHTTPHeaderName`: `^[-A-Za-z0-9]+$`.
pub fn is_http_header_name(value: &str) -> Vec<String> {
    if !value.is_empty()
        && value
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-')
    {
        Vec::new()
    } else {
        vec![regex_error(
            HTTP_HEADER_NAME_ERR_MSG,
            HTTP_HEADER_NAME_FMT,
            &["X-Header-Name"],
        )]
    }
}

// ---------------------------------------------------------------------------------------------
// Environment variables and config keys

fn has_ch_dir_prefix(value: &str) -> Option<String> {
    if value == "." {
        Some("must not be '.'".into())
    } else if value == ".." {
        Some("must not be '..'".into())
    } else if value.starts_with("..") {
        Some("must not start with '..'".into())
    } else {
        None
    }
}

/// `IsEnvVarName`: the strict rule (`[-._a-zA-Z][-._a-zA-Z0-9]*`, not `.`/`..`/`..x`). In 1.37
/// the API server uses [`is_relaxed_env_var_name`] for container env names instead (the
/// `RelaxedEnvironmentVariableValidation` gate is GA); this strict rule is still used elsewhere.
pub fn is_env_var_name(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    let b = value.as_bytes();
    let ok = match b.first() {
        Some(&f) => {
            (f.is_ascii_alphabetic() || matches!(f, b'-' | b'.' | b'_'))
                && b.iter()
                    .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_'))
        }
        None => false,
    };
    if !ok {
        errs.push(regex_error(
            ENV_VAR_NAME_ERR_MSG,
            ENV_VAR_NAME_FMT,
            &["my.env-name", "MY_ENV.NAME", "MyEnvName1"],
        ));
    }
    errs.extend(has_ch_dir_prefix(value));
    errs
}

/// `IsRelaxedEnvVarName`: non-empty, printable ASCII (space to `~`) except `=`.
pub fn is_relaxed_env_var_name(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.is_empty() {
        errs.push(format!("environment variable name {}", empty_error()));
    }
    if value.chars().any(|c| !(' '..='~').contains(&c) || c == '=') {
        errs.push(RELAXED_ENV_VAR_NAME_ERR_MSG.into());
    }
    errs
}

/// `IsConfigMapKey`: a key of a ConfigMap or Secret (also `items[].key` of volumes).
pub fn is_config_map_key(value: &str) -> Vec<String> {
    let matches = !value.is_empty()
        && value
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_'));
    let mut errs = length_and_pattern(
        value,
        DNS1123_SUBDOMAIN_MAX_LENGTH,
        matches,
        (
            CONFIG_MAP_KEY_ERR_MSG,
            CONFIG_MAP_KEY_FMT,
            &["key.name", "KEY_NAME", "key-name"],
        ),
    );
    errs.extend(has_ch_dir_prefix(value));
    errs
}

/// `content.IsPathSegmentName` (`ValidatePathSegmentName`): names that end up in a URL path.
pub fn is_path_segment_name(name: &str) -> Vec<String> {
    if name == "." || name == ".." {
        return vec![format!("may not be '{name}'")];
    }
    is_path_segment_prefix(name)
}

/// `content.IsPathSegmentPrefix`.
pub fn is_path_segment_prefix(name: &str) -> Vec<String> {
    let mut errs = Vec::new();
    for bad in ["/", "%"] {
        if name.contains(bad) {
            errs.push(format!("may not contain '{bad}'"));
        }
    }
    errs
}

// ---------------------------------------------------------------------------------------------
// IP addresses and CIDRs (k8s.io/utils/net's sloppy parsers, Go's netip for strict checks)

/// An IP address as Go's `net.IP` holds it after `ParseIPSloppy`: always 16 bytes, IPv4 as
/// IPv4-mapped IPv6 (`::ffff:a.b.c.d`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ip(pub [u8; 16]);

const BIG: u32 = 0xFF_FFFF;

/// Go's `dtoi` (`radix` 10) and `xtoi` (16): the digits at the start of `s` → (value, digits
/// consumed); `None` without digits or once the value reaches `BIG`.
fn digits_at(s: &[u8], radix: u32) -> Option<(u32, usize)> {
    let mut n: u32 = 0;
    let mut i = 0;
    while let Some(d) = s.get(i).and_then(|&c| char::from(c).to_digit(radix)) {
        n = n * radix + d;
        if n >= BIG {
            return None;
        }
        i += 1;
    }
    if i == 0 {
        None
    } else {
        Some((n, i))
    }
}

/// Go 1.16's `parseIPv4` (leading zeros allowed and read as decimal).
fn parse_ipv4_sloppy(s: &[u8]) -> Option<[u8; 4]> {
    let mut p = [0u8; 4];
    let mut s = s;
    for (i, octet) in p.iter_mut().enumerate() {
        if s.is_empty() {
            return None;
        }
        if i > 0 {
            if s.first() != Some(&b'.') {
                return None;
            }
            s = s.get(1..)?;
        }
        let (n, c) = digits_at(s, 10)?;
        if n > 0xFF {
            return None;
        }
        s = s.get(c..)?;
        *octet = n as u8;
    }
    if !s.is_empty() {
        return None;
    }
    Some(p)
}

fn v4_in_v6(p: [u8; 4]) -> [u8; 16] {
    let mut ip = [0u8; 16];
    ip[10] = 0xff;
    ip[11] = 0xff;
    ip[12..].copy_from_slice(&p);
    ip
}

/// Go 1.16's `parseIPv6` (no zones; any number of hex digits per group as long as the value
/// fits 16 bits).
fn parse_ipv6_sloppy(s: &[u8]) -> Option<[u8; 16]> {
    let mut ip = [0u8; 16];
    let mut ellipsis: Option<usize> = None;
    let mut s = s;
    if let Some(rest) = s.strip_prefix(b"::") {
        ellipsis = Some(0);
        s = rest;
        if s.is_empty() {
            return Some(ip);
        }
    }
    let mut i = 0usize;
    while i < 16 {
        let (n, c) = digits_at(s, 16)?;
        if n > 0xFFFF {
            return None;
        }
        if s.get(c) == Some(&b'.') {
            if ellipsis.is_none() && i != 12 {
                return None;
            }
            if i + 4 > 16 {
                return None;
            }
            let ip4 = parse_ipv4_sloppy(s)?;
            ip.get_mut(i..i + 4)?.copy_from_slice(&ip4);
            s = &[];
            i += 4;
            break;
        }
        ip.get_mut(i..i + 2)?
            .copy_from_slice(&(n as u16).to_be_bytes());
        i += 2;
        s = s.get(c..)?;
        if s.is_empty() {
            break;
        }
        s = s.strip_prefix(b":").filter(|rest| !rest.is_empty())?;
        if let Some(rest) = s.strip_prefix(b":") {
            if ellipsis.is_some() {
                return None;
            }
            ellipsis = Some(i);
            s = rest;
            if s.is_empty() {
                break;
            }
        }
    }
    if !s.is_empty() {
        return None;
    }
    if i < 16 {
        let e = ellipsis?;
        let n = 16 - i;
        let mut j = i;
        while j > e {
            j -= 1;
            let v = *ip.get(j)?;
            *ip.get_mut(j + n)? = v;
        }
        for b in ip.iter_mut().skip(e).take(n) {
            *b = 0;
        }
    } else if ellipsis.is_some() {
        // The ellipsis must stand for at least one zero group.
        return None;
    }
    Some(ip)
}

/// `netutils.ParseIPSloppy`: Go 1.16's `net.ParseIP`.
pub fn parse_ip_sloppy(s: &str) -> Option<Ip> {
    let b = s.as_bytes();
    for &c in b {
        match c {
            b'.' => return parse_ipv4_sloppy(b).map(|p| Ip(v4_in_v6(p))),
            b':' => return parse_ipv6_sloppy(b).map(Ip),
            _ => {}
        }
    }
    None
}

/// Whether Go's current `netip.ParseAddr` accepts `s` (given that [`parse_ip_sloppy`] did):
/// it rejects leading zeros in IPv4 octets and IPv6 groups longer than four hex digits.
fn strict_ip_syntax(s: &str) -> bool {
    fn v4_strict(s: &str) -> bool {
        s.split('.').all(|o| !(o.len() > 1 && o.starts_with('0')))
    }
    if !s.contains(':') {
        return v4_strict(s);
    }
    // IPv6: every group at most 4 hex digits; an embedded IPv4 tail must be strict.
    for group in s.split(':') {
        if group.contains('.') {
            if !v4_strict(group) {
                return false;
            }
        } else if group.len() > 4 {
            return false;
        }
    }
    true
}

impl Ip {
    /// Go's `IP.To4() != nil`.
    pub fn is_v4(&self) -> bool {
        self.0[..10].iter().all(|&b| b == 0) && self.0[10] == 0xff && self.0[11] == 0xff
    }

    /// Go's `net.IP.String()`: dotted decimal for IPv4 (and IPv4-mapped IPv6), otherwise
    /// RFC 5952 form (longest run of ≥ 2 zero groups as `::`, lowercase hex).
    pub fn go_string(&self) -> String {
        let p = &self.0;
        if self.is_v4() {
            return format!("{}.{}.{}.{}", p[12], p[13], p[14], p[15]);
        }
        let groups: Vec<u16> = p
            .chunks_exact(2)
            .map(|g| g.iter().fold(0u16, |acc, b| acc << 8 | u16::from(*b)))
            .collect();
        let (mut e0, mut e1) = (usize::MAX, 0usize);
        let mut best = 0usize;
        let mut i = 0;
        while i < 8 {
            let mut j = i;
            while groups.get(j) == Some(&0) {
                j += 1;
            }
            if j > i && j - i > best {
                best = j - i;
                e0 = i;
                e1 = j;
                i = j;
            } else {
                i += 1;
            }
        }
        if best < 2 {
            e0 = usize::MAX;
        }
        let mut out = String::new();
        let mut g = 0;
        while let Some(group) = groups.get(g) {
            if g == e0 {
                out.push_str("::");
                g = e1;
                continue;
            }
            if g > 0 && !out.ends_with(':') {
                out.push(':');
            }
            out.push_str(&format!("{group:x}"));
            g += 1;
        }
        out
    }
}

/// `IsValidIPForLegacyField(fldPath, value, strictValidation)`: the messages for a field that
/// predates strict IP validation (e.g. `spec.hostAliases[*].ip`). With `strict` false (the
/// `StrictIPCIDRValidation` gate off, its default), leading zeros and IPv4-mapped IPv6 are allowed.
pub fn is_valid_ip_for_legacy_field(value: &str, strict: bool) -> Vec<String> {
    let Some(ip) = parse_ip_sloppy(value) else {
        return vec!["must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)".into()];
    };
    let mut errs = Vec::new();
    if strict {
        if !strict_ip_syntax(value) {
            errs.push("must not have leading 0s".into());
        }
        // netip's Is4In6: an IPv6 literal (with ':') whose value is ::ffff:a.b.c.d.
        if value.contains(':') && ip.is_v4() {
            errs.push("must not be an IPv4-mapped IPv6 address".into());
        }
    }
    errs
}

/// `IsValidIP`: strict validation and canonical form (for newer fields).
pub fn is_valid_ip(value: &str) -> Vec<String> {
    let errs = is_valid_ip_for_legacy_field(value, true);
    if !errs.is_empty() {
        return errs;
    }
    match parse_ip_sloppy(value) {
        Some(ip) if ip.go_string() != value => {
            vec![format!(
                "must be in canonical form ({})",
                crate::diag::go_quote(&ip.go_string())
            )]
        }
        _ => Vec::new(),
    }
}

/// A parsed CIDR: the network (address already masked) and its prefix length, as
/// `ParseCIDRSloppy` returns it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cidr {
    pub ip: Ip,
    pub network: Ip,
    /// Prefix length in bits of the family the text was written in (32 for IPv4 text).
    pub prefix: u32,
    pub v4_text: bool,
}

impl Cidr {
    /// Go's `IPNet.String()`.
    pub fn go_string(&self) -> String {
        let bits = if self.v4_text {
            self.prefix + 96
        } else {
            self.prefix
        };
        if self.network.is_v4() && bits >= 96 {
            format!("{}/{}", self.network.go_string(), bits - 96)
        } else {
            format!("{}/{}", self.network.go_string(), bits)
        }
    }
}

/// `netutils.ParseCIDRSloppy`.
pub fn parse_cidr_sloppy(s: &str) -> Option<Cidr> {
    let (addr, mask) = s.split_once('/')?;
    let (ip, v4_text) = match parse_ipv4_sloppy(addr.as_bytes()) {
        Some(p) => (Ip(v4_in_v6(p)), true),
        None => (Ip(parse_ipv6_sloppy(addr.as_bytes())?), false),
    };
    let (n, used) = digits_at(mask.as_bytes(), 10)?;
    let max = if v4_text { 32 } else { 128 };
    if used != mask.len() || n > max {
        return None;
    }
    let bits = if v4_text { n + 96 } else { n };
    let mut net = ip.0;
    for (i, b) in net.iter_mut().enumerate() {
        let lo = (i as u32) * 8;
        let keep = bits.saturating_sub(lo).min(8);
        let m: u8 = if keep == 0 { 0 } else { 0xffu8 << (8 - keep) };
        *b &= m;
    }
    Some(Cidr {
        ip,
        network: Ip(net),
        prefix: n,
        v4_text,
    })
}

/// `IsValidCIDRForLegacyField(fldPath, value, strictValidation)`.
pub fn is_valid_cidr_for_legacy_field(value: &str, strict: bool) -> Vec<String> {
    let Some(cidr) = parse_cidr_sloppy(value) else {
        return vec!["must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)".into()];
    };
    if strict {
        let (addr, mask) = value.split_once('/').unwrap_or((value, ""));
        if !strict_ip_syntax(addr) || (mask.len() > 1 && mask.starts_with('0')) {
            return vec!["must not have leading 0s in IP or prefix length".into()];
        }
        if addr.contains(':') && cidr.ip.is_v4() {
            return vec!["must not have an IPv4-mapped IPv6 address".into()];
        }
        if cidr.ip != cidr.network {
            return vec!["must not have bits set beyond the prefix length".into()];
        }
    }
    Vec::new()
}

/// `IsValidCIDR`: strict validation and canonical form.
pub fn is_valid_cidr(value: &str) -> Vec<String> {
    let errs = is_valid_cidr_for_legacy_field(value, true);
    if !errs.is_empty() {
        return errs;
    }
    match parse_cidr_sloppy(value) {
        Some(c) if c.go_string() != value => vec![format!(
            "must be in canonical form ({})",
            crate::diag::go_quote(&c.go_string())
        )],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn ok(errs: Vec<String>, v: &str) {
        assert!(errs.is_empty(), "expected valid: {v:?}: {errs:?}");
    }
    fn bad(errs: Vec<String>, v: &str) {
        assert!(!errs.is_empty(), "expected invalid: {v:?}");
    }

    /// `f` rejects every value with exactly `msg`.
    fn rejects_with(f: impl Fn(&str) -> Vec<String>, values: &[&str], msg: &str) {
        for v in values {
            assert_eq!(f(v), vec![msg.to_string()], "{v:?}");
        }
    }

    #[test]
    fn regex_error_keeps_gos_spacing() {
        assert_eq!(
            is_dns1123_label("Web"),
            vec!["a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')".to_string()]
        );
        assert_eq!(
            is_dns1123_subdomain("example_pod"),
            vec!["a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')".to_string()]
        );
        assert_eq!(
            regex_error("m", "f", &[]),
            "m (regex used for validation is 'f')"
        );
    }

    /// Labels every DNS label check accepts (dns_test.go).
    const GOOD_LABELS: &[&str] = &["a", "ab", "abc", "a1", "a-1", "a--1--2--b"];
    /// Labels that start with a digit: RFC 1123 accepts them, DNS-1035 does not.
    const DIGIT_LABELS: &[&str] = &["0", "01", "012", "1a", "1-a", "1--a--b--2"];
    /// Texts no DNS name check accepts (capitals, dashes at the ends, underscores, blanks).
    const BAD_NAMES: &[&str] = &[
        "", "A", "ABC", "aBc", "A1", "A-1", "1-A", "-", "a-", "-a", "1-", "-1", "_", "a_", "_a",
        "a_b", "1_", "_1", "1_2", ".", "a.", ".a", "1.", ".1", " ", "a ", " a", "a b", "1 ", " 1",
        "1 2",
    ];
    /// Dotted names a label may not be.
    const DOTTED: &[&str] = &["a.b", "1.2"];

    // Go: content/dns_test.go TestIsDNS1123Label
    #[test]
    fn dns1123_label() {
        let long_ok = "a".repeat(63);
        let long_bad = "a".repeat(64);
        for v in GOOD_LABELS.iter().chain(DIGIT_LABELS) {
            ok(is_dns1123_label(v), v);
        }
        ok(is_dns1123_label(&long_ok), &long_ok);
        for v in BAD_NAMES.iter().chain(DOTTED) {
            bad(is_dns1123_label(v), v);
        }
        bad(is_dns1123_label(&long_bad), &long_bad);
        assert_eq!(is_dns1123_label("a.b"), vec!["must not contain dots"]);
        assert_eq!(
            is_dns1123_label(&long_bad),
            vec!["must be no more than 63 bytes"]
        );
    }

    // Go: content/dns_test.go TestIsDNS1123Subdomain
    #[test]
    fn dns1123_subdomain() {
        let long_ok = "a".repeat(253);
        let long_bad = "a".repeat(254);
        for v in GOOD_LABELS.iter().chain(DIGIT_LABELS) {
            ok(is_dns1123_subdomain(v), v);
            for tld in ["a", "1"] {
                let dotted = format!("{v}.{tld}");
                ok(is_dns1123_subdomain(&dotted), &dotted);
            }
        }
        for v in [
            "a.b.c.d.e",
            "aa.bb.cc.dd.ee",
            "1.2.3.4.5",
            "11.22.33.44.55",
            long_ok.as_str(),
        ] {
            ok(is_dns1123_subdomain(v), v);
        }
        for v in BAD_NAMES.iter().chain(&[
            "a..b",
            "1..2",
            "A.a",
            "aB.a",
            "ab.A",
            "A1.a",
            "a1.A",
            "A.1",
            "aB.1",
            "A1.1",
            "1A.1",
            "0.A",
            "01.A",
            "012.A",
            "1A.a",
            "1a.A",
            "A.B.C.D.E",
            "AA.BB.CC.DD.EE",
            "a.B.c.d.e",
            "aa.bB.cc.dd.ee",
            "a@b",
            "a,b",
            "a;b",
            "a:b",
            "a%b",
            "a?b",
            "a$b",
        ]) {
            bad(is_dns1123_subdomain(v), v);
        }
        bad(is_dns1123_subdomain(&long_bad), &long_bad);
    }

    #[test]
    fn dns1123_subdomain_with_underscore() {
        for v in ["a", "_http._tcp.example.com", "a_b.c", "_a"] {
            ok(is_dns1123_subdomain_with_underscore(v), v);
        }
        for v in ["", "_", "a_", "A", "a..b", "__a", "a.", "-a"] {
            bad(is_dns1123_subdomain_with_underscore(v), v);
        }
    }

    // Go: validation_test.go TestIsDNS1035Label
    #[test]
    fn dns1035_label() {
        let long_ok = "a".repeat(63);
        let long_bad = "a".repeat(64);
        for v in GOOD_LABELS {
            ok(is_dns1035_label(v), v);
        }
        ok(is_dns1035_label(&long_ok), &long_ok);
        for v in DIGIT_LABELS.iter().chain(BAD_NAMES).chain(DOTTED) {
            bad(is_dns1035_label(v), v);
        }
        bad(is_dns1035_label(&long_bad), &long_bad);
    }

    // Go: TestIsValidPortNum, TestIsInRange, TestIsValidUserID/GroupID (int32 range)
    #[test]
    fn numbers() {
        for v in [1, 2, 1000, 16384, 32768, 65535] {
            assert!(is_valid_port_num(v).is_empty());
        }
        for v in [0, -1, 65536, 100000] {
            assert_eq!(
                is_valid_port_num(v),
                vec!["must be between 1 and 65535, inclusive"]
            );
        }
        for (v, lo, hi) in [(1, 0, 10), (5, 5, 20), (25, 10, 25)] {
            assert!(is_in_range(v, lo, hi).is_empty());
        }
        for (v, lo, hi) in [(1, 2, 10), (5, -4, 2), (25, 100, 120)] {
            assert!(!is_in_range(v, lo, hi).is_empty());
        }
        for v in [0, 1, 1000, 65535, 2147483647] {
            assert!(is_valid_user_id(v).is_empty());
            assert!(is_valid_group_id(v).is_empty());
        }
        for v in [-1, -1003, 2147483648, 4294967296] {
            assert_eq!(
                is_valid_user_id(v),
                vec!["must be between 0 and 2147483647, inclusive"]
            );
            assert!(!is_valid_group_id(v).is_empty());
        }
    }

    // Go: TestIsValidPortName
    #[test]
    fn port_names() {
        for v in [
            "telnet",
            "re-mail-ck",
            "pop3",
            "a",
            "a-1",
            "1-a",
            "a-1-b-2-c",
            "1-a-2-b-3",
        ] {
            ok(is_valid_port_name(v), v);
        }
        let sixteen = "a".repeat(16);
        for v in [
            "longerthan15characters",
            "",
            sixteen.as_str(),
            "12345",
            "1-2-3-4",
            "-begin",
            "end-",
            "two--hyphens",
            "whois++",
        ] {
            bad(is_valid_port_name(v), v);
        }
        assert_eq!(
            is_valid_port_name("HTTP"),
            vec![
                "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
                "must contain at least one letter (a-z)"
            ]
        );
    }

    // Go: TestIsQualifiedName / content TestIsLabelKey
    #[test]
    fn qualified_names() {
        let long_ok = "a".repeat(63);
        let long_prefix = format!("{}/{}", "a".repeat(253), "b".repeat(63));
        for v in [
            "simple",
            "now-with-dashes",
            "1-starts-with-num",
            "1234",
            "simple/simple",
            "now-with-dashes/simple",
            "now-with-dashes/now-with-dashes",
            "now.with.dots/simple",
            "now-with.dashes-and.dots/simple",
            "1-num.2-num/3-num",
            "1234/5678",
            "1.2.3.4/5678",
            "Uppercase_Is_OK_123",
            "example.com/Uppercase_Is_OK_123",
            "requests.storage-foo",
            long_ok.as_str(),
            long_prefix.as_str(),
        ] {
            ok(is_qualified_name(v), v);
        }
        let long_bad = "a".repeat(64);
        let long_prefix_bad = format!("{}/abc", "a".repeat(254));
        for v in [
            "nospecialchars%^=@",
            "cantendwithadash-",
            "-cantstartwithadash-",
            "only/one/slash",
            "Example.com/abc",
            "example_com/abc",
            "example.com/",
            "/simple",
            long_bad.as_str(),
            long_prefix_bad.as_str(),
        ] {
            bad(is_qualified_name(v), v);
        }
        assert_eq!(
            is_qualified_name("/simple"),
            vec!["prefix part must be non-empty"]
        );
        assert_eq!(
            is_qualified_name("example.com/"),
            vec![
                "name part must be non-empty".to_string(),
                "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')".to_string()
            ]
        );
        assert!(is_qualified_name("a/b/c")[0].starts_with("a valid label key must consist of"));
        assert!(is_qualified_name("Example.com/abc")[0]
            .starts_with("prefix part a lowercase RFC 1123 subdomain"));
    }

    // Go: TestIsValidLabelValue
    #[test]
    fn label_values() {
        let long_ok = "a".repeat(63);
        for v in [
            "simple",
            "now-with-dashes",
            "1-starts-with-num",
            "end-with-num-1",
            "1234",
            long_ok.as_str(),
            "",
        ] {
            ok(is_valid_label_value(v), v);
        }
        let long_bad = "a".repeat(64);
        for v in [
            "nospecialchars%^=@",
            "Tama-nui-te-rā.is.Māori.sun",
            "\\backslashes\\are\\bad",
            "-starts-with-dash",
            "ends-with-dash-",
            ".starts.with.dot",
            "ends.with.dot.",
            long_bad.as_str(),
        ] {
            bad(is_valid_label_value(v), v);
        }
        assert_eq!(
            is_valid_label_value("example_app!"),
            vec!["a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"]
        );
    }

    // Go: TestIsHTTPHeaderName, TestIsValidPercent, TestIsConfigMapKey
    #[test]
    fn headers_percents_config_keys() {
        for v in [
            "Accept-Encoding",
            "Host",
            "If-Modified-Since",
            "X-Forwarded-For",
            "a",
            "ab",
            "abc",
            "a1",
            "-a",
            "a-",
            "a-b",
            "a-1",
            "a--1--2--b",
            "--abc-123",
            "A",
            "AB",
            "AbC",
            "A1",
            "-A",
            "A-",
            "A-B",
            "A-1",
            "A--1--2--B",
            "--123-ABC",
        ] {
            ok(is_http_header_name(v), v);
        }
        for v in [
            "Host:",
            "X-Forwarded-For:",
            "X-@Home",
            "",
            "_",
            "a_",
            "_a",
            "1_",
            "1_2",
            ".",
            "a.",
            ".a",
            "a.b",
            "1.",
            ".1",
            "1.2",
            " ",
            "a ",
            " a",
            "a b",
            "1 ",
            " 1",
            "1 2",
            "#a#",
            "^",
            ",",
            ";",
            "=",
            "<",
            "?",
            "@",
            "{",
        ] {
            bad(is_http_header_name(v), v);
        }
        for v in ["0%", "00000%", "1%", "01%", "99%", "100%", "101%"] {
            ok(is_valid_percent(v), v);
        }
        for v in [
            "", "0", "100", "0.0%", "99.9%", "hundred", " 1%", "1% ", "-0%", "-1%", "+1%",
        ] {
            bad(is_valid_percent(v), v);
        }
        for v in [
            "a",
            "good",
            "good-good",
            "still.good",
            "this.is.also.good",
            ".so.is.this",
            "THIS_IS_GOOD",
            "so_is_this_17",
        ] {
            ok(is_config_map_key(v), v);
        }
        for v in [".", "..", "..bad", "b*d", "bad!&bad"] {
            bad(is_config_map_key(v), v);
        }
        assert_eq!(is_config_map_key(".."), vec!["must not be '..'"]);
    }

    // Go: TestIsEnvVarName / TestIsRelaxedEnvVarName / TestIsCIdentifier
    #[test]
    fn env_vars_and_identifiers() {
        for v in [
            "A",
            "ABC",
            "AbC_123",
            "_123",
            "a.b",
            "-a",
            "a-b",
            "my.env-name",
            "MyEnvName1",
        ] {
            ok(is_env_var_name(v), v);
        }
        for v in ["", "1abc", "a b", "a=b", "a:b", "..", "."] {
            bad(is_env_var_name(v), v);
        }
        assert_eq!(is_env_var_name("..a"), vec!["must not start with '..'"]);
        for v in [
            "-", ":", "_", "+a", ">a", "<a", "a.", "a..", "*a", "%a", "?a", "a:a", "a_a", "aAz",
            "~a", "|a", "a0a", "a9", "/a", "a ", "#a", "0a", "0 a", "'a", "(a", "@a",
        ] {
            ok(is_relaxed_env_var_name(v), v);
        }
        for v in ["", "=", "a=", "1=a", "a=b", "é", "a\tb"] {
            bad(is_relaxed_env_var_name(v), v);
        }
        for v in [
            "a", "ab", "abc", "a1", "_a", "a_", "a_b", "a_1", "_1", "A", "AB", "AbC",
        ] {
            ok(is_c_identifier(v), v);
        }
        for v in [
            "", "1", "123", "1a", "-", "a-", "-a", "a-b", "a b", "1 ", " 1", "#a#", "^", "a.b",
        ] {
            bad(is_c_identifier(v), v);
        }
    }

    #[test]
    fn ips() {
        for v in [
            "1.2.3.4",
            "0.0.0.0",
            "255.255.255.255",
            "::1",
            "::",
            "2001:db8::ffff",
            "fe80::1:2:3:4",
            "::ffff:1.2.3.4",
            "1:2:3:4:5:6:7:8",
            "010.002.003.004",
        ] {
            ok(is_valid_ip_for_legacy_field(v, false), v);
        }
        let legacy = |v: &str| is_valid_ip_for_legacy_field(v, false);
        rejects_with(
            legacy,
            &[
                "",
                "1.2.3",
                "1.2.3.4.5",
                "256.0.0.1",
                "a.b.c.d",
                "1:2:3:4:5:6:7:8:9",
                "1::2::3",
                "fe80::1%eth0",
                ":1",
                "1:",
                "[::1]",
                " 1.2.3.4",
                "1.2.3.4/24",
            ],
            "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
        );
        assert_eq!(
            is_valid_ip_for_legacy_field("010.002.003.004", true),
            vec!["must not have leading 0s"]
        );
        assert_eq!(
            is_valid_ip_for_legacy_field("::ffff:1.2.3.4", true),
            vec!["must not be an IPv4-mapped IPv6 address"]
        );
        assert_eq!(
            is_valid_ip("2001:DB8::1"),
            vec!["must be in canonical form (\"2001:db8::1\")"]
        );
        assert_eq!(
            is_valid_ip("1:0:0:1:0:0:0:1"),
            vec!["must be in canonical form (\"1:0:0:1::1\")"]
        );
        ok(is_valid_ip("1::1:0:0:1"), "1::1:0:0:1");
        assert_eq!(
            parse_ip_sloppy("1:0:1:0:1:0:1:0")
                .map(|i| i.go_string())
                .as_deref(),
            Some("1:0:1:0:1:0:1:0")
        );
        assert_eq!(
            parse_ip_sloppy("::").map(|i| i.go_string()).as_deref(),
            Some("::")
        );
    }

    #[test]
    fn cidrs() {
        for v in [
            "10.0.0.0/8",
            "10.1.2.3/8",
            "2001:db8::/64",
            "0.0.0.0/0",
            "::/0",
            "010.0.0.0/08",
        ] {
            ok(is_valid_cidr_for_legacy_field(v, false), v);
        }
        rejects_with(
            |v| is_valid_cidr_for_legacy_field(v, false),
            &[
                "10.0.0.0",
                "10.0.0.0/33",
                "::/129",
                "10.0.0.0/-1",
                "10.0.0.0/a",
                "/8",
            ],
            "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)",
        );
        assert_eq!(
            is_valid_cidr_for_legacy_field("10.1.2.3/8", true),
            vec!["must not have bits set beyond the prefix length"]
        );
        assert_eq!(
            is_valid_cidr_for_legacy_field("10.0.0.0/08", true),
            vec!["must not have leading 0s in IP or prefix length"]
        );
        ok(is_valid_cidr("10.0.0.0/8"), "10.0.0.0/8");
        assert_eq!(
            is_valid_cidr("2001:DB8::/64"),
            vec!["must be in canonical form (\"2001:db8::/64\")"]
        );
    }

    #[test]
    fn path_segments_and_fqdn() {
        assert_eq!(is_path_segment_name(".."), vec!["may not be '..'"]);
        assert_eq!(
            is_path_segment_name("a/b%"),
            vec!["may not contain '/'", "may not contain '%'"]
        );
        for v in ["a.com", "k8s.io", "dev.k8s.io", "dev.k8s.io.", "10.0.0.1"] {
            assert_eq!(is_fully_qualified_domain_name(v), None, "{v}");
        }
        for v in [
            ".",
            "...",
            ".io",
            "com",
            ".com",
            "Dev.k8s.io",
            "*.example.com",
        ] {
            assert!(is_fully_qualified_domain_name(v).is_some(), "{v}");
        }
    }
}
