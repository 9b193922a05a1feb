//! In-memory file systems: one root file system per container instance (its own mount namespace)
//! and one per volume (shared by the containers that mount it).

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::sim::process::{FileKind, FsError};

/// Bytes a single file system may hold; writes beyond it are refused (and reported as a note).
pub const FS_BUDGET_BYTES: usize = 8 * 1024 * 1024;
/// Entries a single file system may hold.
pub const FS_BUDGET_ENTRIES: usize = 20_000;

#[derive(Clone, Debug, PartialEq, Eq)]
enum Entry {
    Dir,
    File(String),
    /// A program of the image's layer that was removed (a whiteout, as overlayfs marks it).
    Gone,
}

/// A tree of files keyed by absolute, normalised path (`/etc/podinfo/labels`). `/` always exists.
///
/// Under the entries lies the image's layer of programs (`/bin/ls`, …: [`Fs::set_programs`]),
/// shared by every file system made from the image and never copied: a path the entries do not
/// name is looked up there. Programs are listed, found and removable (a whiteout entry); their
/// contents are not modelled (they read empty); writing one makes it a file of the entries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fs {
    entries: BTreeMap<String, Entry>,
    bytes: usize,
    pub read_only: bool,
    /// The image's programs, by path, sorted.
    programs: Rc<[String]>,
}

/// What a path holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Look<'a> {
    Dir,
    File(&'a str),
    Program,
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
            programs: Rc::from(Vec::new()),
        }
    }

    fn look(&self, path: &str) -> Option<Look<'_>> {
        match self.entries.get(path) {
            Some(Entry::Dir) => Some(Look::Dir),
            Some(Entry::File(s)) => Some(Look::File(s)),
            Some(Entry::Gone) => None,
            None if self.is_program(path) => Some(Look::Program),
            None => None,
        }
    }

    /// Whether the image's layer has a program at `path` (whatever the entries say).
    fn is_program(&self, path: &str) -> bool {
        !self.programs.is_empty() && self.programs.binary_search_by(|p| p.as_str().cmp(path)).is_ok()
    }

    /// Lays the image's programs (absolute paths) under the entries, with their directories.
    pub fn set_programs(&mut self, programs: Rc<[String]>) {
        let mut dirs: Vec<&str> = programs.iter().filter_map(|p| parent(p)).collect();
        dirs.dedup();
        for d in dirs {
            self.ensure_dir(d);
        }
        self.programs = if programs.is_sorted() {
            programs
        } else {
            let mut v = programs.to_vec();
            v.sort();
            Rc::from(v)
        };
    }

    /// Whether `path` is a program of the image (mode `-rwxr-xr-x` in `ls -l`).
    pub fn is_exe(&self, path: &str) -> bool {
        self.look(path) == Some(Look::Program)
    }

    /// The link count of program `path` when `busybox` (every program in /bin is a hard link of
    /// /bin/busybox, so the count is that of those left), else 1; None when it is not a program.
    pub fn exe_links(&self, path: &str, busybox: bool) -> Option<usize> {
        if !self.is_exe(path) {
            return None;
        }
        if !busybox {
            return Some(1);
        }
        Some(self.programs.iter().filter(|p| p.starts_with("/bin/") && self.is_exe(p)).count())
    }

    /// Creates a directory and its parents, ignoring errors (for seeding from an image).
    pub fn ensure_dir(&mut self, path: &str) {
        let p = normalize(path);
        let mut cur = String::new();
        for comp in p.split('/').filter(|c| !c.is_empty()) {
            cur.push('/');
            cur.push_str(comp);
            match self.look(&cur) {
                Some(Look::Dir) => {}
                Some(Look::File(_) | Look::Program) => return,
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

    pub fn kind(&self, path: &str) -> Option<FileKind> {
        match self.look(path)? {
            Look::Dir => Some(FileKind::Dir),
            Look::File(_) | Look::Program => Some(FileKind::File),
        }
    }

    pub fn read(&self, path: &str) -> Result<&str, FsError> {
        match self.look(path) {
            Some(Look::File(s)) => Ok(s),
            Some(Look::Program) => Ok(""),
            Some(Look::Dir) => Err(FsError::IsADirectory),
            None => Err(self.missing(path)),
        }
    }

    /// NotFound, or NotADirectory when a parent component is a file.
    fn missing(&self, path: &str) -> FsError {
        let mut p = parent(path);
        while let Some(par) = p {
            if let Some(Look::File(_) | Look::Program) = self.look(par) {
                return FsError::NotADirectory;
            }
            p = parent(par);
        }
        FsError::NotFound
    }

    fn check_parent(&self, path: &str) -> Result<(), FsError> {
        match parent(path) {
            None => Ok(()),
            Some(par) => match self.look(par) {
                Some(Look::Dir) => Ok(()),
                Some(Look::File(_) | Look::Program) => Err(FsError::NotADirectory),
                None => Err(self.missing(par)),
            },
        }
    }

    /// Writes (or appends to) a file. Returns `Ok(false)` when the budget refused the write.
    /// Writing over a program makes it a file of what was written (appending: after nothing,
    /// the program's contents not being modelled).
    pub fn write(&mut self, path: &str, data: &str, append: bool) -> Result<bool, FsError> {
        if self.read_only {
            return Err(FsError::ReadOnly);
        }
        if path == "/" {
            return Err(FsError::IsADirectory);
        }
        self.check_parent(path)?;
        match self.entries.get_mut(path) {
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
            Some(Entry::Gone) | None => {
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
        match self.look(path) {
            Some(Look::Dir) if parents => return Ok(()),
            Some(_) => return Err(FsError::Exists),
            None => {}
        }
        if parents {
            // Fail on a file in the way.
            let mut p = parent(path);
            while let Some(par) = p {
                if let Some(Look::File(_) | Look::Program) = self.look(par) {
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

    /// Removes `path` from the entries, leaving a whiteout where a program of the image lies.
    fn unlink(&mut self, path: &str) {
        if let Some(Entry::File(s)) = self.entries.remove(path) {
            self.bytes = self.bytes.saturating_sub(s.len());
        }
        if self.is_program(path) {
            self.entries.insert(path.to_string(), Entry::Gone);
        }
    }

    pub fn remove(&mut self, path: &str, recursive: bool) -> Result<(), FsError> {
        if self.read_only {
            return Err(FsError::ReadOnly);
        }
        match self.look(path) {
            None => Err(self.missing(path)),
            Some(Look::File(_) | Look::Program) => {
                self.unlink(path);
                Ok(())
            }
            Some(Look::Dir) => {
                if path == "/" {
                    return Err(FsError::NotEmpty);
                }
                let prefix = format!("{path}/");
                let mut children: Vec<String> = self
                    .entries
                    .range(prefix.clone()..)
                    .take_while(|(k, _)| k.starts_with(&prefix))
                    .filter(|(_, e)| **e != Entry::Gone)
                    .map(|(k, _)| k.clone())
                    .collect();
                children.extend(self.programs.iter().filter(|p| p.starts_with(&prefix) && self.is_exe(p)).cloned());
                if !children.is_empty() && !recursive {
                    return Err(FsError::NotEmpty);
                }
                for c in children {
                    self.unlink(&c);
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
        match self.look(path) {
            None => return Err(self.missing(path)),
            Some(Look::File(_) | Look::Program) => return Err(FsError::NotADirectory),
            Some(Look::Dir) => {}
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
        while let Some((k, e)) = self.entries.range(from.clone()..).next() {
            let Some(rest) = k.strip_prefix(prefix.as_str()) else {
                break;
            };
            match rest.split_once('/') {
                None => {
                    if !rest.is_empty() && *e != Entry::Gone {
                        out.push(rest.to_string());
                    }
                    from = format!("{k}\u{0}");
                }
                Some((child, _)) => from = format!("{prefix}{child}0"),
            }
        }
        // the image's programs right in this directory (sorted: one range of the layer)
        let at = self.programs.partition_point(|p| p.as_str() < prefix.as_str());
        let mut more = false;
        for p in self.programs.get(at..).unwrap_or_default().iter().take_while(|p| p.starts_with(prefix.as_str())) {
            let name = p.get(prefix.len()..).unwrap_or_default();
            if !name.contains('/') && !self.entries.contains_key(p.as_str()) {
                out.push(name.to_string());
                more = true;
            }
        }
        if more {
            out.sort();
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
    fn the_image_layer_lists_finds_and_hides_programs() {
        let mut fs = Fs::new();
        fs.put("/bin/zz", "mine");
        fs.set_programs(Rc::from(vec!["/bin/ls".to_string(), "/bin/sh".to_string(), "/usr/sbin/nginx".to_string()]));
        assert_eq!(fs.list("/bin").unwrap(), ["ls", "sh", "zz"]);
        assert_eq!(fs.list("/").unwrap(), ["bin", "usr"]);
        assert_eq!(fs.kind("/bin/sh"), Some(FileKind::File));
        assert_eq!(fs.read("/bin/sh"), Ok(""));
        assert_eq!(fs.exe_links("/bin/ls", true), Some(2));
        assert_eq!(fs.read("/bin/sh/x"), Err(FsError::NotADirectory));
        assert_eq!(fs.mkdir("/bin/ls", false), Err(FsError::Exists));
        let before = fs.clone();
        // removing a program leaves a whiteout; a diff carries it and gives the same result
        fs.remove("/bin/ls", false).unwrap();
        assert_eq!(fs.kind("/bin/ls"), None);
        assert_eq!(fs.list("/bin").unwrap(), ["sh", "zz"]);
        assert_eq!(fs.exe_links("/bin/sh", true), Some(1));
        let mut replayed = before.clone();
        replayed.apply(&fs.diff(&before));
        assert_eq!(replayed, fs);
        // writing over a program makes it a file
        fs.write("/bin/sh", "x", false).unwrap();
        assert_eq!(fs.read("/bin/sh"), Ok("x"));
        assert!(!fs.is_exe("/bin/sh"));
        assert_eq!(fs.remove("/usr", false), Err(FsError::NotEmpty));
        fs.remove("/usr", true).unwrap();
        assert_eq!(fs.kind("/usr/sbin/nginx"), None);
        assert_eq!(fs.list("/").unwrap(), ["bin"]);
    }

    #[test]
    fn budget_refuses_huge_files() {
        let mut fs = Fs::new();
        let big = "x".repeat(FS_BUDGET_BYTES);
        assert_eq!(fs.write("/a", &big, false), Ok(true));
        assert_eq!(fs.write("/b", "y", false), Ok(false));
    }
}
