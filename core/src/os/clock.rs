//! The simulated wall clock and calendar: simulated time 0 (`kubectl create`) is
//! 2026-01-01T00:00:00Z, so `date`, log lines and file times read like a real cluster's.

use super::process::SimTime;

/// The wall-clock time at simulated time 0 (`kubectl create`): 2026-01-01T00:00:00Z, in Unix
/// seconds. `date` prints `SIM_EPOCH + now`; the programs' logs use it too.
pub const SIM_EPOCH: u64 = 1_767_225_600;

/// The cluster-clock time a program of `sys` reads now (its run's time plus the run's base):
/// what `date` and log lines turn into wall-clock time with [`wall_secs`].
pub fn wall_now(sys: &(impl super::process::Sys + ?Sized)) -> SimTime {
    sys.now().saturating_add(sys.clock_base().0)
}

/// The Unix time (whole seconds) at simulated time `now`.
pub fn wall_secs(now: SimTime) -> u64 {
    SIM_EPOCH + now.0 / 1000
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];

/// (year, month 1-12, day, hour, minute, second) of Unix seconds, UTC (Howard Hinnant's
/// civil-from-days).
pub fn civil(secs: u64) -> (i64, u32, u32, u32, u32, u32) {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = if m <= 2 { y + 1 } else { y };
    (
        y,
        m,
        d,
        (rem / 3600) as u32,
        ((rem % 3600) / 60) as u32,
        (rem % 60) as u32,
    )
}

/// The number of days of `month` (1-12) in `year` of the proleptic Gregorian calendar.
pub fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The `date +FORMAT` subset: `%Y %m %d %H %M %S %s %T %F %D %R %a %b %e %j %Z %z %y %n %t %%`.
pub fn strftime(f: &str, secs: u64) -> String {
    let (y, mo, d, h, mi, s) = civil(secs);
    let wd = DAYS
        .get(((secs / 86_400) % 7) as usize)
        .copied()
        .unwrap_or("");
    let mon = MONTHS.get((mo.max(1) - 1) as usize).copied().unwrap_or("");
    let mut out = String::new();
    let mut it = f.chars();
    while let Some(ch) = it.next() {
        if ch != '%' {
            out.push(ch);
            continue;
        }
        match it.next() {
            Some('Y') => out.push_str(&y.to_string()),
            Some('y') => out.push_str(&format!("{:02}", y % 100)),
            Some('m') => out.push_str(&format!("{mo:02}")),
            Some('d') => out.push_str(&format!("{d:02}")),
            Some('e') => out.push_str(&format!("{d:>2}")),
            Some('H') => out.push_str(&format!("{h:02}")),
            Some('M') => out.push_str(&format!("{mi:02}")),
            Some('S') => out.push_str(&format!("{s:02}")),
            Some('s') => out.push_str(&secs.to_string()),
            Some('T') => out.push_str(&format!("{h:02}:{mi:02}:{s:02}")),
            Some('R') => out.push_str(&format!("{h:02}:{mi:02}")),
            Some('F') => out.push_str(&format!("{y}-{mo:02}-{d:02}")),
            Some('D') => out.push_str(&format!("{mo:02}/{d:02}/{:02}", y % 100)),
            Some('a') => out.push_str(wd),
            Some('b') | Some('h') => out.push_str(mon),
            Some('j') => {
                let jan1 = {
                    let mut t = secs - (secs % 86_400);
                    while civil(t).1 != 1 || civil(t).2 != 1 {
                        t -= 86_400;
                    }
                    t
                };
                out.push_str(&format!("{:03}", (secs - jan1) / 86_400 + 1));
            }
            Some('Z') => out.push_str("UTC"),
            Some('z') => out.push_str("+0000"),
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('%') => out.push('%'),
            Some(other) => {
                out.push('%');
                out.push(other);
            }
            None => out.push('%'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn dates() {
        assert_eq!(
            strftime("%a %b %e %H:%M:%S UTC %Y", 0),
            "Thu Jan  1 00:00:00 UTC 1970"
        );
        assert_eq!(strftime("%F %T", SIM_EPOCH), "2026-01-01 00:00:00");
        assert_eq!(strftime("%a", SIM_EPOCH), "Thu");
        assert_eq!(strftime("%j", SIM_EPOCH + 86_400 * 40), "041");
    }
}
