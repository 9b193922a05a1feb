//! `/proc` as a process sees it, from the processes of its PID namespace: a directory per
//! process, each with `cmdline` (the arguments, each ended by a NUL byte), `comm` and `ns/`,
//! whose entries are the links `net:[4026532…]` to the namespaces the process is in. The pods'
//! containers (`engine/procfs.rs`) and docker's containers (`session/docker.rs`) both read it.
//!
//! Simplified: a process directory holds only those three entries (a real one has about fifty),
//! `cat` of an `ns` link fails as for a missing file (Linux answers `Invalid argument`).

use crate::os::process::{FileKind, FsError};
use crate::sim::run::NsSet;

/// What a `/proc` path is.
pub(crate) enum Proc {
    Dir(Vec<String>),
    File(String),
    Link(String),
}

/// The entry at `path` (under `/proc`) among `procs`: (PID in the namespace, command line,
/// namespaces). None when `path` is not under `/proc` or names nothing there.
pub(crate) fn lookup(procs: &[(u32, &str, NsSet)], path: &str) -> Option<Proc> {
    let rest = path.strip_prefix("/proc")?;
    if !rest.is_empty() && !rest.starts_with('/') {
        return None;
    }
    let parts: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    let Some((first, more)) = parts.split_first() else {
        let mut pids: Vec<u32> = procs.iter().map(|(p, _, _)| *p).collect();
        crate::sort::sort(&mut pids);
        return Some(Proc::Dir(pids.iter().map(u32::to_string).collect()));
    };
    let pid: u32 = first.parse().ok()?;
    let (_, command, ns) = procs.iter().find(|(p, _, _)| *p == pid)?;
    match more {
        [] => Some(Proc::Dir(vec!["cmdline".into(), "comm".into(), "ns".into()])),
        ["cmdline"] => Some(Proc::File(command.split(' ').map(|w| format!("{w}\0")).collect())),
        ["comm"] => {
            let arg0 = command.split([' ', ':']).next().unwrap_or("");
            let comm: String = arg0.rsplit('/').next().unwrap_or("").chars().take(15).collect();
            Some(Proc::File(format!("{comm}\n")))
        }
        ["ns"] => Some(Proc::Dir(ns.links().into_iter().map(|(k, _)| k.to_string()).collect())),
        ["ns", kind] => ns.links().into_iter().find(|(k, _)| k == kind).map(|(_, target)| Proc::Link(target)),
        _ => None,
    }
}

impl Proc {
    pub(crate) fn kind(&self) -> FileKind {
        match self {
            Proc::Dir(_) => FileKind::Dir,
            Proc::File(_) | Proc::Link(_) => FileKind::File,
        }
    }

    pub(crate) fn read(self) -> Result<String, FsError> {
        match self {
            Proc::File(s) => Ok(s),
            Proc::Dir(_) => Err(FsError::IsADirectory),
            Proc::Link(_) => Err(FsError::NotFound),
        }
    }

    pub(crate) fn list(self) -> Result<Vec<String>, FsError> {
        match self {
            Proc::Dir(v) => Ok(v),
            _ => Err(FsError::NotADirectory),
        }
    }
}
