//! In-memory file systems: one root file system per container instance (its own mount namespace)
//! and one per volume (shared by the containers that mount it).

use std::collections::BTreeMap;

use crate::sim::process::{FileKind, FsError};

/// Bytes a single file system may hold; writes beyond it are refused (and reported as a note).
pub const FS_BUDGET_BYTES: usize = 8 * 1024 * 1024;
/// Entries a single file system may hold.
pub const FS_BUDGET_ENTRIES: usize = 20_000;

#[derive(Clone, Debug, PartialEq, Eq)]
enum Entry {
    Dir,
    File(String),
    /// A program of the image (`/bin/ls`, a link to busybox): listed, found and removable; its
    /// contents are not modelled (it reads empty).
    Exe,
}

/// A tree of files keyed by absolute, normalised path (`/etc/podinfo/labels`). `/` always exists.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fs {
    entries: BTreeMap<String, Entry>,
    bytes: usize,
    pub read_only: bool,
}

/// The changes one file system went through (see [`Fs::diff`]): a `kubectl exec` that only
/// wrote files is replayed by making them, not by interpreting it again.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FsDiff {
    changes: Vec<(String, Option<Entry>)>,
    /// The file system's byte count afterwards.
    bytes: usize,
}

use crate::os::path::parent;
pub use crate::os::path::{join, normalize};

impl Fs {
    pub fn new() -> Fs {
        let mut entries = BTreeMap::new();
        entries.insert("/".to_string(), Entry::Dir);
        Fs {
            entries,
            bytes: 0,
            read_only: false,
        }
    }

    /// Creates a directory and its parents, ignoring errors (for seeding from an image).
    pub fn ensure_dir(&mut self, path: &str) {
        let p = normalize(path);
        let mut cur = String::new();
        for comp in p.split('/').filter(|c| !c.is_empty()) {
            cur.push('/');
            cur.push_str(comp);
            match self.entries.get(&cur) {
                Some(Entry::Dir) => {}
                Some(Entry::File(_) | Entry::Exe) => return,
                None => {
                    if self.entries.len() >= FS_BUDGET_ENTRIES {
                        return;
                    }
                    self.entries.insert(cur.clone(), Entry::Dir);
                }
            }
        }
    }

    /// Writes a file, creating its parents (for seeding and for rendering volumes).
    pub fn put(&mut self, path: &str, data: &str) {
        let p = normalize(path);
        if let Some(par) = parent(&p) {
            let par = par.to_string();
            self.ensure_dir(&par);
        }
        if self.entries.len() >= FS_BUDGET_ENTRIES {
            return;
        }
        if let Some(Entry::File(old)) = self.entries.get(&p) {
            self.bytes = self.bytes.saturating_sub(old.len());
        }
        self.bytes += data.len();
        self.entries.insert(p, Entry::File(data.to_string()));
    }

    /// Seeds a program of the image at `path` (see [`Entry::Exe`]).
    pub fn put_exe(&mut self, path: &str) {
        let p = normalize(path);
        if let Some(par) = parent(&p) {
            let par = par.to_string();
            self.ensure_dir(&par);
        }
        if self.entries.len() < FS_BUDGET_ENTRIES && !self.entries.contains_key(&p) {
            self.entries.insert(p, Entry::Exe);
        }
    }

    /// Whether `path` is a program of the image (mode `-rwxr-xr-x` in `ls -l`).
    pub fn is_exe(&self, path: &str) -> bool {
        self.entries.get(path) == Some(&Entry::Exe)
    }

    /// The link count of program `path` when `busybox` (every program in /bin is a hard link of
    /// /bin/busybox), else 1; None when it is not a program.
    pub fn exe_links(&self, path: &str, busybox: bool) -> Option<usize> {
        if !self.is_exe(path) {
            return None;
        }
        if !busybox {
            return Some(1);
        }
        Some(self.entries.range("/bin/".to_string()..).take_while(|(k, _)| k.starts_with("/bin/")).filter(|(_, e)| **e == Entry::Exe).count())
    }

    pub fn kind(&self, path: &str) -> Option<FileKind> {
        match self.entries.get(path)? {
            Entry::Dir => Some(FileKind::Dir),
            Entry::File(_) | Entry::Exe => Some(FileKind::File),
        }
    }

    pub fn read(&self, path: &str) -> Result<&str, FsError> {
        match self.entries.get(path) {
            Some(Entry::File(s)) => Ok(s),
            Some(Entry::Exe) => Ok(""),
            Some(Entry::Dir) => Err(FsError::IsADirectory),
            None => Err(self.missing(path)),
        }
    }

    /// NotFound, or NotADirectory when a parent component is a file.
    fn missing(&self, path: &str) -> FsError {
        let mut p = parent(path);
        while let Some(par) = p {
            if let Some(Entry::File(_) | Entry::Exe) = self.entries.get(par) {
                return FsError::NotADirectory;
            }
            p = parent(par);
        }
        FsError::NotFound
    }

    fn check_parent(&self, path: &str) -> Result<(), FsError> {
        match parent(path) {
            None => Ok(()),
            Some(par) => match self.entries.get(par) {
                Some(Entry::Dir) => Ok(()),
                Some(Entry::File(_) | Entry::Exe) => Err(FsError::NotADirectory),
                None => Err(self.missing(par)),
            },
        }
    }

    /// Writes (or appends to) a file. Returns `Ok(false)` when the budget refused the write.
    pub fn write(&mut self, path: &str, data: &str, append: bool) -> Result<bool, FsError> {
        if self.read_only {
            return Err(FsError::ReadOnly);
        }
        if path == "/" {
            return Err(FsError::IsADirectory);
        }
        self.check_parent(path)?;
        if self.entries.get(path) == Some(&Entry::Exe) {
            // writing over a program makes it a file of what was written
            self.entries.remove(path);
        }
        match self.entries.get_mut(path) {
            Some(Entry::Exe) => Err(FsError::IsADirectory),
            Some(Entry::Dir) => Err(FsError::IsADirectory),
            Some(Entry::File(old)) => {
                let new_len = if append {
                    old.len() + data.len()
                } else {
                    data.len()
                };
                let total = self.bytes - old.len() + new_len;
                if total > FS_BUDGET_BYTES {
                    return Ok(false);
                }
                if append {
                    old.push_str(data);
                } else {
                    old.clear();
                    old.push_str(data);
                }
                self.bytes = total;
                Ok(true)
            }
            None => {
                if self.bytes + data.len() > FS_BUDGET_BYTES
                    || self.entries.len() >= FS_BUDGET_ENTRIES
                {
                    return Ok(false);
                }
                self.bytes += data.len();
                self.entries
                    .insert(path.to_string(), Entry::File(data.to_string()));
                Ok(true)
            }
        }
    }

    pub fn mkdir(&mut self, path: &str, parents: bool) -> Result<(), FsError> {
        if self.read_only {
            return Err(FsError::ReadOnly);
        }
        match self.entries.get(path) {
            Some(Entry::Dir) if parents => return Ok(()),
            Some(_) => return Err(FsError::Exists),
            None => {}
        }
        if parents {
            // Fail on a file in the way.
            let mut p = parent(path);
            while let Some(par) = p {
                if let Some(Entry::File(_) | Entry::Exe) = self.entries.get(par) {
                    return Err(FsError::NotADirectory);
                }
                p = parent(par);
            }
            self.ensure_dir(path);
            return Ok(());
        }
        self.check_parent(path)?;
        if self.entries.len() >= FS_BUDGET_ENTRIES {
            return Err(FsError::ReadOnly);
        }
        self.entries.insert(path.to_string(), Entry::Dir);
        Ok(())
    }

    pub fn remove(&mut self, path: &str, recursive: bool) -> Result<(), FsError> {
        if self.read_only {
            return Err(FsError::ReadOnly);
        }
        match self.entries.get(path) {
            None => Err(self.missing(path)),
            Some(Entry::File(s)) => {
                self.bytes = self.bytes.saturating_sub(s.len());
                self.entries.remove(path);
                Ok(())
            }
            Some(Entry::Exe) => {
                self.entries.remove(path);
                Ok(())
            }
            Some(Entry::Dir) => {
                if path == "/" {
                    return Err(FsError::NotEmpty);
                }
                let prefix = format!("{path}/");
                let children: Vec<String> = self
                    .entries
                    .range(prefix.clone()..)
                    .take_while(|(k, _)| k.starts_with(&prefix))
                    .map(|(k, _)| k.clone())
                    .collect();
                if !children.is_empty() && !recursive {
                    return Err(FsError::NotEmpty);
                }
                for c in children {
                    if let Some(Entry::File(s)) = self.entries.remove(&c) {
                        self.bytes = self.bytes.saturating_sub(s.len());
                    }
                }
                self.entries.remove(path);
                Ok(())
            }
        }
    }

    /// What changed from `before` to this file system: every path whose entry differs, with its
    /// entry now (`None`: removed). [`Fs::apply`] on `before` gives this file system again.
    pub fn diff(&self, before: &Fs) -> FsDiff {
        let mut changes = Vec::new();
        for (k, v) in &self.entries {
            if before.entries.get(k) != Some(v) {
                changes.push((k.clone(), Some(v.clone())));
            }
        }
        for k in before.entries.keys() {
            if !self.entries.contains_key(k) {
                changes.push((k.clone(), None));
            }
        }
        FsDiff {
            changes,
            bytes: self.bytes,
        }
    }

    /// Makes the changes of a [`Fs::diff`] taken against this very file system.
    pub fn apply(&mut self, d: &FsDiff) {
        for (k, v) in &d.changes {
            match v {
                Some(e) => {
                    self.entries.insert(k.clone(), e.clone());
                }
                None => {
                    self.entries.remove(k);
                }
            }
        }
        self.bytes = d.bytes;
    }

    /// Names directly inside a directory, sorted.
    pub fn list(&self, path: &str) -> Result<Vec<String>, FsError> {
        match self.entries.get(path) {
            None => return Err(self.missing(path)),
            Some(Entry::File(_) | Entry::Exe) => return Err(FsError::NotADirectory),
            Some(Entry::Dir) => {}
        }
        let prefix = if path == "/" {
            "/".to_string()
        } else {
            format!("{path}/")
        };
        // Each child's subtree is stepped over, not walked (a glob in `/` lists the root at every
        // step of a busy loop): the entries `CHILD/…` sort before `CHILD0` ('0' follows '/').
        let mut out = Vec::new();
        let mut from = format!("{prefix}\u{0}");
        while let Some((k, _)) = self.entries.range(from.clone()..).next() {
            let Some(rest) = k.strip_prefix(prefix.as_str()) else {
                break;
            };
            match rest.split_once('/') {
                None => {
                    if !rest.is_empty() {
                        out.push(rest.to_string());
                    }
                    from = format!("{k}\u{0}");
                }
                Some((child, _)) => from = format!("{prefix}{child}0"),
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn a_diff_applied_to_the_file_system_before_gives_the_one_after() {
        let mut before = Fs::new();
        before.put("/a/keep", "k");
        before.put("/a/gone", "g");
        before.put("/b/f", "old");
        let mut after = before.clone();
        after.write("/b/f", " new", true).unwrap();
        after.remove("/a/gone", false).unwrap();
        after.mkdir("/c/d", true).unwrap();
        after.write("/c/d/x", "x", false).unwrap();
        let d = after.diff(&before);
        assert_eq!(d.changes.len(), 5, "{d:?}");
        let mut replayed = before.clone();
        replayed.apply(&d);
        assert_eq!(replayed, after);
        assert_eq!(after.diff(&after), FsDiff { changes: Vec::new(), bytes: after.bytes });
    }

    #[test]
    fn a_listing_names_the_direct_children_only() {
        let mut fs = Fs::new();
        for p in ["/a/x/y", "/a-b/z", "/a.c", "/a0", "/b/\u{0}q", "/.h"] {
            fs.put(p, "");
        }
        assert_eq!(fs.list("/").unwrap(), [".h", "a", "a-b", "a.c", "a0", "b"]);
        assert_eq!(fs.list("/a").unwrap(), ["x"]);
        assert_eq!(fs.list("/b").unwrap(), ["\u{0}q"]);
        assert_eq!(fs.list("/a/x/y"), Err(FsError::NotADirectory));
    }

    #[test]
    fn paths_normalise() {
        assert_eq!(normalize("/a/./b/../c/"), "/a/c");
        assert_eq!(normalize(""), "/");
        assert_eq!(normalize("/.."), "/");
        assert_eq!(join("/tmp", "x/y"), "/tmp/x/y");
    }

    #[test]
    fn files_and_directories_behave_like_busybox_sees_them() {
        let mut fs = Fs::new();
        fs.ensure_dir("/tmp");
        assert_eq!(fs.write("/tmp/healthy", "", false), Ok(true));
        assert_eq!(fs.read("/tmp/healthy"), Ok(""));
        assert_eq!(fs.read("/tmp/nope"), Err(FsError::NotFound));
        assert_eq!(fs.write("/nodir/x", "", false), Err(FsError::NotFound));
        assert_eq!(fs.read("/tmp/healthy/x"), Err(FsError::NotADirectory));
        assert_eq!(fs.mkdir("/a/b/c", true), Ok(()));
        assert_eq!(fs.list("/"), Ok(vec!["a".to_string(), "tmp".to_string()]));
        assert_eq!(fs.remove("/a", false), Err(FsError::NotEmpty));
        assert_eq!(fs.remove("/a", true), Ok(()));
        assert_eq!(fs.kind("/a/b"), None);
        fs.write("/tmp/l", "1", false).unwrap();
        fs.write("/tmp/l", "2", true).unwrap();
        assert_eq!(fs.read("/tmp/l"), Ok("12"));
        fs.read_only = true;
        assert_eq!(fs.write("/tmp/l", "x", false), Err(FsError::ReadOnly));
    }

    #[test]
    fn budget_refuses_huge_files() {
        let mut fs = Fs::new();
        let big = "x".repeat(FS_BUDGET_BYTES);
        assert_eq!(fs.write("/a", &big, false), Ok(true));
        assert_eq!(fs.write("/b", "y", false), Ok(false));
    }
}
