//! Paths as a container's processes use them: always absolute once resolved, without `.`, `..`,
//! empty components or a trailing slash.

/// Normalises a path: absolute, no `.`/`..`/empty components, no trailing slash (`..` above the
/// root stays at the root).
pub fn normalize(path: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

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
}
