//! `/proc` as a container sees it: a directory per process of its PID namespace (the `ps` the
//! engine keeps), each with `cmdline`, `comm` and `ns/`, whose entries are the links
//! `net:[4026532…]` to the namespaces the process is in (its container's; pause's for the
//! sandbox; the node's with hostPID). Two containers of a pod show the same `net` inode, and
//! with `shareProcessNamespace` the same processes.
//!
//! Simplified: a process directory holds only those three entries (a real one has about fifty),
//! `cat` of an `ns` link fails as for a missing file (Linux answers `Invalid argument`).

use super::Engine;
use crate::os::process::{FileKind, FsError};
use crate::sim::run::{NsSet, PsEntry};

/// What a `/proc` path is.
pub(super) enum Proc {
    Dir(Vec<String>),
    File(String),
    Link(String),
}

impl Engine<'_> {
    /// The processes container `c` sees and the namespaces of each.
    fn procs(&self, c: usize) -> Vec<(PsEntry, NsSet)> {
        let Some(ns) = self.ctrs.get(c).and_then(|x| x.ns) else {
            return Vec::new();
        };
        let pause = self.run.pause_ns.last().copied().flatten();
        let list = self
            .run
            .ps
            .iter()
            .find(|(n, _)| *n == ns.pid)
            .and_then(|(_, tr)| tr.last())
            .cloned()
            .unwrap_or_default();
        list.into_iter()
            .map(|p| {
                let set = match p.container {
                    Some(k) => self.ctrs.get(k).and_then(|x| x.ns),
                    None if ns.pid == NsSet::HOST.pid => Some(NsSet::HOST),
                    None => pause,
                };
                (p, set.unwrap_or(NsSet::HOST))
            })
            .collect()
    }

    /// The `/proc` entry at `path` for container `c` (None: not under `/proc`, or missing).
    pub(super) fn proc_entry(&self, c: usize, path: &str) -> Option<Proc> {
        let rest = path.strip_prefix("/proc")?;
        let parts: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
        let procs = self.procs(c);
        let Some((first, more)) = parts.split_first() else {
            let mut pids: Vec<u32> = procs.iter().map(|(p, _)| p.pid).collect();
            crate::sort::sort(&mut pids);
            return Some(Proc::Dir(pids.iter().map(u32::to_string).collect()));
        };
        let pid: u32 = first.parse().ok()?;
        let (p, ns) = procs.iter().find(|(p, _)| p.pid == pid)?;
        match more {
            [] => Some(Proc::Dir(vec!["cmdline".into(), "comm".into(), "ns".into()])),
            ["cmdline"] => Some(Proc::File(
                p.command.split(' ').map(|w| format!("{w}\0")).collect(),
            )),
            ["comm"] => {
                let arg0 = p.command.split([' ', ':']).next().unwrap_or("");
                let comm: String = arg0.rsplit('/').next().unwrap_or("").chars().take(15).collect();
                Some(Proc::File(format!("{comm}\n")))
            }
            ["ns"] => Some(Proc::Dir(
                ns.links().into_iter().map(|(k, _)| k.to_string()).collect(),
            )),
            ["ns", kind] => ns.links()
                .into_iter()
                .find(|(k, _)| k == kind)
                .map(|(_, target)| Proc::Link(target)),
            _ => None,
        }
    }
}

impl Proc {
    pub(super) fn kind(&self) -> FileKind {
        match self {
            Proc::Dir(_) => FileKind::Dir,
            Proc::File(_) | Proc::Link(_) => FileKind::File,
        }
    }

    pub(super) fn read(self) -> Result<String, FsError> {
        match self {
            Proc::File(s) => Ok(s),
            Proc::Dir(_) => Err(FsError::IsADirectory),
            Proc::Link(_) => Err(FsError::NotFound),
        }
    }

    pub(super) fn list(self) -> Result<Vec<String>, FsError> {
        match self {
            Proc::Dir(v) => Ok(v),
            _ => Err(FsError::NotADirectory),
        }
    }
}
