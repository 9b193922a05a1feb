//! Linux signals by number and name, as `kill`, `trap` and `kill -l` use them.

/// Linux signal numbers and names (x86), as `kill -l` lists them.
pub const SIGNALS: [&str; 31] = [
    "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2",
    "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG",
    "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "POLL", "PWR", "SYS",
];

/// `TERM`, `SIGTERM`, `15`, `term` → 15; `EXIT`/`0` → 0.
pub fn signal_number(spec: &str) -> Option<i32> {
    if let Ok(n) = spec.parse::<i32>() {
        return if (0..=31).contains(&n) { Some(n) } else { None };
    }
    let up = spec.to_ascii_uppercase();
    let name = up.strip_prefix("SIG").unwrap_or(&up);
    if name == "EXIT" {
        return Some(0);
    }
    SIGNALS
        .iter()
        .position(|s| *s == name)
        .map(|i| i as i32 + 1)
}

pub fn signal_name(n: i32) -> &'static str {
    if n == 0 {
        return "EXIT";
    }
    usize::try_from(n - 1)
        .ok()
        .and_then(|i| SIGNALS.get(i))
        .copied()
        .unwrap_or("?")
}

/// `kill -l` output of busybox.
pub fn kill_list() -> String {
    let mut s = String::new();
    for (i, n) in SIGNALS.iter().enumerate() {
        s.push_str(&format!("{:2}) {}\n", i + 1, n));
    }
    s
}
