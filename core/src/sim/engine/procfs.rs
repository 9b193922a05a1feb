//! `/proc` as a container sees it: a directory per process of its PID namespace (the `ps` the
//! engine keeps), each with `cmdline`, `comm` and `ns/`, whose entries are the links
//! `net:[4026532…]` to the namespaces the process is in (its container's; pause's for the
//! sandbox; the node's with hostPID). Two containers of a pod show the same `net` inode, and
//! with `shareProcessNamespace` the same processes.
//!
//! Simplified: a process directory holds only those three entries (a real one has about fifty),
//! `cat` of an `ns` link fails as for a missing file (Linux answers `Invalid argument`).

use super::Engine;
pub(crate) use crate::sim::procfs::Proc;
use crate::sim::run::{NsSet, PsEntry};

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
        if !path.starts_with("/proc") {
            return None;
        }
        let procs = self.procs(c);
        let list: Vec<(u32, &str, NsSet)> = procs.iter().map(|(p, ns)| (p.pid, p.command.as_str(), *ns)).collect();
        crate::sim::procfs::lookup(&list, path)
    }
}
