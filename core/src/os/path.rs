//! Paths as a container's processes use them: always absolute once resolved, without `.`, `..`,
//! empty components or a trailing slash.

/// Normalises a path: absolute, no `.`/`..`/empty components, no trailing slash (`..` above the
/// root stays at the root).
pub fn normalize(path: &str) -> String {
    if is_normal(path) {
        // the common case (a busy loop writing one file resolves its path at every step)
        return path.to_string();
    }
    let mut parts: Vec<&str> = Vec::new();
    for p in path.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            x => parts.push(x),
        }
    }
    let mut s = String::with_capacity(path.len() + 1);
    for p in parts {
        s.push('/');
        s.push_str(p);
    }
    if s.is_empty() {
        s.push('/');
    }
    s
}

/// Whether `path` is already as [`normalize`] makes it.
pub fn is_normal(path: &str) -> bool {
    path == "/"
        || path.strip_prefix('/').is_some_and(|rest| {
            rest.split('/')
                .all(|c| !c.is_empty() && c != "." && c != "..")
        })
}

/// A path as a process with working directory `cwd` means it: relative paths are taken from
/// `cwd`; the result is normalised.
pub fn resolve(cwd: &str, p: &str) -> String {
    if p.starts_with('/') {
        normalize(p)
    } else {
        normalize(&format!("{cwd}/{p}"))
    }
}

/// `rel` under `base` (a mount point and a path inside the volume): even an absolute `rel` stays
/// under `base`. The result is normalised.
pub fn join(base: &str, rel: &str) -> String {
    if rel.is_empty() {
        return normalize(base);
    }
    normalize(&format!("{base}/{rel}"))
}

/// The directory that holds `path` (`/` for a top-level entry); `None` for the root itself.
pub fn parent(path: &str) -> Option<&str> {
    if path == "/" {
        return None;
    }
    match path.rfind('/') {
        Some(0) => Some("/"),
        Some(i) => path.get(..i),
        None => None,
    }
}

/// Does `s` match the shell pattern `pat` (`*`, `?`, `[…]`, `\x`), as `fnmatch` without flags
/// does (shell `case`, `[[ == ]]`, pathname expansion per component, nginx's `include`)? Iterative with
/// backtracking over the last `*`, so it is linear-ish and cannot recurse.
pub fn glob_match(pat: &str, s: &str) -> bool {
    let p: Vec<char> = pat.chars().collect();
    let t: Vec<char> = s.chars().collect();
    let (mut pi, mut ti) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while let Some(&tc) = t.get(ti) {
        if let Some(&pc) = p.get(pi) {
            match pc {
                '*' => {
                    star = Some((pi, ti));
                    pi += 1;
                    continue;
                }
                '?' => {
                    pi += 1;
                    ti += 1;
                    continue;
                }
                '[' => {
                    if let Some((matched, next)) = class_match(&p, pi, tc) {
                        if matched {
                            pi = next;
                            ti += 1;
                            continue;
                        }
                    } else if tc == '[' {
                        pi += 1;
                        ti += 1;
                        continue;
                    }
                }
                '\\' if pi + 1 < p.len() => {
                    if p.get(pi + 1) == Some(&tc) {
                        pi += 2;
                        ti += 1;
                        continue;
                    }
                }
                c => {
                    if c == tc {
                        pi += 1;
                        ti += 1;
                        continue;
                    }
                }
            }
        }
        match star {
            Some((sp, st)) => {
                pi = sp + 1;
                ti = st + 1;
                star = Some((sp, st + 1));
            }
            None => return false,
        }
    }
    while p.get(pi) == Some(&'*') {
        pi += 1;
    }
    pi == p.len()
}

/// `[…]` at `p[i]`: Some((matches, index after `]`)), None when not a valid class.
fn class_match(p: &[char], i: usize, c: char) -> Option<(bool, usize)> {
    let mut j = i + 1;
    let negate = matches!(p.get(j), Some('!' | '^'));
    if negate {
        j += 1;
    }
    let mut matched = false;
    let mut first = true;
    loop {
        let ch = *p.get(j)?;
        if ch == ']' && !first {
            return Some((matched != negate, j + 1));
        }
        first = false;
        let lo = if ch == '\\' {
            j += 1;
            *p.get(j)?
        } else {
            ch
        };
        if p.get(j + 1) == Some(&'-') && p.get(j + 2).is_some_and(|&e| e != ']') {
            let hi = *p.get(j + 2)?;
            if lo <= c && c <= hi {
                matched = true;
            }
            j += 3;
        } else {
            if lo == c {
                matched = true;
            }
            j += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn a_normal_path_is_its_own_normal_form() {
        for p in ["/", "/a", "/a/b.c", "/a/...", "//", "/a/", "a", "", "/a/./b", "/a/../b", "/a//b", "/.", "/.."] {
            assert_eq!(is_normal(p), normalize_slow(p) == p, "{p:?}");
            assert_eq!(normalize(p), normalize_slow(p), "{p:?}");
        }
    }

    /// The general path of `normalize`, without its shortcut.
    fn normalize_slow(p: &str) -> String {
        normalize(&format!("{p}/."))
    }

    #[test]
    fn paths_normalise_and_resolve() {
        assert_eq!(normalize("/a//b/./c/../d/"), "/a/b/d");
        assert_eq!(normalize("../.."), "/");
        assert_eq!(normalize(""), "/");
        assert_eq!(resolve("/tmp", "x/../y"), "/tmp/y");
        assert_eq!(resolve("/tmp", "/etc//hosts"), "/etc/hosts");
        assert_eq!(resolve("/", "."), "/");
        assert_eq!(join("/data", "/sub/file"), "/data/sub/file");
        assert_eq!(join("/data", ""), "/data");
        assert_eq!(parent("/a/b"), Some("/a"));
        assert_eq!(parent("/a"), Some("/"));
        assert_eq!(parent("/"), None);
    }

    #[test]
    fn glob_matching() {
        assert!(glob_match("*.conf", "default.conf"));
        assert!(!glob_match("*.conf", "default.confx"));
        assert!(glob_match("a?c", "abc"));
        assert!(glob_match("[a-c]x", "bx"));
        assert!(!glob_match("[!a-c]x", "bx"));
        assert!(glob_match("\\*", "*"));
        assert!(!glob_match("\\*", "a"));
        assert!(glob_match("*", ""));
        assert!(glob_match("y*", "yes"));
        assert!(glob_match(
            "*a*a*a*a*b",
            &"a".repeat(60).replace("aaaa", "aaab")
        ));
    }
}
