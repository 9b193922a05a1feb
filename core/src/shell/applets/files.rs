//! File applets: `cat`, `ls`, `touch`, `rm`, `rmdir`, `mkdir`, `cp`, `mv`, `tee`.

use super::*;

pub(super) fn split_flags(argv: &[String]) -> (String, Vec<String>) {
    let mut flags = String::new();
    let mut ops = Vec::new();
    let mut only_ops = false;
    for a in argv.iter().skip(1) {
        if !only_ops && a == "--" {
            only_ops = true;
            continue;
        }
        if !only_ops && a.starts_with('-') && a.len() > 1 {
            if let Some(long) = a.strip_prefix("--") {
                match long {
                    "recursive" => flags.push('r'),
                    "force" => flags.push('f'),
                    "parents" => flags.push('p'),
                    "all" => flags.push('a'),
                    "quiet" | "silent" => flags.push('q'),
                    _ => {}
                }
            } else {
                flags.push_str(&a[1..]);
            }
        } else {
            ops.push(a.clone());
        }
    }
    (flags, ops)
}

pub(super) fn cat(c: &mut Ctx) -> i32 {
    let (_, files) = split_flags(c.argv);
    if files.is_empty() {
        let s = c.read_all_stdin();
        c.out(s);
        return 0;
    }
    let mut code = 0;
    for f in files {
        if f == "-" {
            let s = c.read_all_stdin();
            c.out(s);
            continue;
        }
        let p = c.path(&f);
        match c.sys.read_file(&p) {
            Ok(s) => c.out(s),
            Err(e) => {
                let e = if c.sys.kind(&p) == Some(FileKind::Dir) {
                    FsError::IsADirectory
                } else {
                    e
                };
                code = 1;
                if c.gnu {
                    c.err(format!("cat: {f}: {}\n", e.message()));
                } else if e == FsError::IsADirectory {
                    c.err("cat: read error: Is a directory\n".to_string());
                } else {
                    c.err(format!("cat: can't open '{f}': {}\n", e.message()));
                }
            }
        }
    }
    code
}

pub(super) fn ls_date() -> String {
    strftime("%b %e %H:%M", SIM_EPOCH)
}

pub(super) fn ls_long_line(c: &Ctx, path: &str, name: &str) -> (String, u64) {
    if let Some(target) = c.sys.read_link(path) {
        // a symbolic link: `name -> target`, unquoted as GNU ls prints it when stdout is not a
        // terminal; its size is the target's length, 0 for the /proc links (procfs reports 0)
        let proc = path.starts_with("/proc/");
        let size = if proc { 0 } else { target.len() };
        let line = if c.gnu {
            // the width of the size column: 1 in a listing of /proc links only, else that of
            // the other lines here
            let width = if proc { 1 } else { 5 };
            format!("lrwxrwxrwx 1 root root {size:>width$} {} {name} -> {target}\n", ls_date())
        } else {
            format!(
                "lrwxrwxrwx {:>4} {:<8} {:<8} {:>9} {} {name} -> {target}\n",
                1,
                "root",
                "root",
                size,
                ls_date()
            )
        };
        return (line, 0);
    }
    let is_dir = c.sys.kind(path) == Some(FileKind::Dir);
    let size = if is_dir {
        4096
    } else {
        c.sys.read_file(path).map(|s| s.len() as u64).unwrap_or(0)
    };
    let blocks = size.div_ceil(4096) * 4;
    let user = if c.user.len() > 8 {
        &c.user[..8]
    } else {
        c.user
    };
    let program = if is_dir { None } else { c.sys.program_links(path) };
    let mode = if is_dir {
        "drwxr-xr-x"
    } else if program.is_some() {
        "-rwxr-xr-x"
    } else {
        "-rw-r--r--"
    };
    let links = if is_dir { 2 } else { program.unwrap_or(1) };
    let line = if c.gnu {
        format!(
            "{mode} {links} {user} {user} {size:>5} {} {name}\n",
            ls_date()
        )
    } else {
        format!(
            "{mode} {links:>4} {user:<8} {user:<8} {size:>9} {} {name}\n",
            ls_date()
        )
    };
    (line, blocks)
}

pub(super) fn ls(c: &mut Ctx) -> i32 {
    let (flags, mut ops) = split_flags(c.argv);
    let long = flags.contains('l');
    let all = flags.contains('a');
    let almost = flags.contains('A');
    let dir_only = flags.contains('d');
    if ops.is_empty() {
        ops.push(".".into());
    }
    let mut code = 0;
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for o in &ops {
        let p = c.path(o);
        match c.sys.kind(&p) {
            None => {
                if c.gnu {
                    c.err(format!(
                        "ls: cannot access '{o}': No such file or directory\n"
                    ));
                    code = 2;
                } else {
                    c.err(format!("ls: {o}: No such file or directory\n"));
                    code = 1;
                }
            }
            Some(FileKind::Dir) if !dir_only => dirs.push((o.clone(), p)),
            Some(_) => files.push((o.clone(), p)),
        }
    }
    let mut text = String::new();
    for (name, p) in &files {
        if long {
            text.push_str(&ls_long_line(c, p, name).0);
        } else {
            text.push_str(&format!("{name}\n"));
        }
    }
    let multi = ops.len() > 1;
    for (k, (name, p)) in dirs.iter().enumerate() {
        if multi {
            if k > 0 || !files.is_empty() {
                text.push('\n');
            }
            text.push_str(&format!("{name}:\n"));
        }
        let mut entries = c.sys.list_dir(p).unwrap_or_default();
        entries.retain(|e| all || almost || !e.starts_with('.'));
        if all {
            entries.insert(0, "..".into());
            entries.insert(0, ".".into());
        }
        if long {
            let mut body = String::new();
            let mut total = 0;
            for e in &entries {
                let ep = if e == "." {
                    p.clone()
                } else if e == ".." {
                    resolve_path(p, "..")
                } else {
                    resolve_path(p, e)
                };
                let (line, blocks) = ls_long_line(c, &ep, e);
                total += blocks;
                body.push_str(&line);
            }
            text.push_str(&format!("total {total}\n"));
            text.push_str(&body);
        } else {
            for e in entries {
                text.push_str(&e);
                text.push('\n');
            }
        }
    }
    c.out(text);
    code
}

/// `readlink [-f] FILE`: a link's target; without `-f`, nothing and exit 1 for a file that is not
/// a link; with `-f`, the path of a file that exists (the links here are only /proc's, whose
/// targets are not paths).
pub(super) fn readlink(c: &mut Ctx) -> i32 {
    let (flags, ops) = split_flags(c.argv);
    let canon = flags.contains('f') || flags.contains('e');
    let Some(f) = ops.first() else {
        if c.gnu {
            c.err("readlink: missing operand\nTry 'readlink --help' for more information.\n");
        } else {
            c.err("BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: readlink [-fnv] FILE\n\nDisplay the value of a symlink\n\n\t-f\tCanonicalize by following all symlinks\n\t-n\tDon't add newline\n\t-v\tVerbose\n");
        }
        return 1;
    };
    let p = c.path(f);
    if canon {
        return match c.sys.kind(&p) {
            Some(_) => {
                c.out(format!("{p}\n"));
                0
            }
            None => 1,
        };
    }
    match c.sys.read_link(&p) {
        Some(t) => {
            c.out(format!("{t}\n"));
            0
        }
        None => 1,
    }
}

pub(super) fn touch(c: &mut Ctx) -> i32 {
    let (_, ops) = split_flags(c.argv);
    let mut code = 0;
    for f in ops {
        let p = c.path(&f);
        if c.sys.kind(&p).is_some() {
            continue;
        }
        if let Err(e) = c.sys.write_file(&p, "", true) {
            code = 1;
            if c.gnu {
                c.err(format!("touch: cannot touch '{f}': {}\n", e.message()));
            } else {
                c.err(format!("touch: {f}: {}\n", e.message()));
            }
        }
    }
    code
}

pub(super) fn rm(c: &mut Ctx) -> i32 {
    let (flags, ops) = split_flags(c.argv);
    let force = flags.contains('f');
    let recursive = flags.contains('r') || flags.contains('R');
    if ops.is_empty() && !force {
        c.err(if c.gnu {
            "rm: missing operand\nTry 'rm --help' for more information.\n".to_string()
        } else {
            "rm: missing operand\n".to_string()
        });
        return 1;
    }
    let mut code = 0;
    for f in ops {
        let p = c.path(&f);
        match c.sys.kind(&p) {
            None => {
                if !force {
                    code = 1;
                    c.err(if c.gnu {
                        format!("rm: cannot remove '{f}': No such file or directory\n")
                    } else {
                        format!("rm: can't remove '{f}': No such file or directory\n")
                    });
                }
            }
            Some(FileKind::Dir) if !recursive => {
                code = 1;
                c.err(if c.gnu {
                    format!("rm: cannot remove '{f}': Is a directory\n")
                } else {
                    format!("rm: '{f}' is a directory\n")
                });
            }
            Some(_) => {
                if let Err(e) = c.sys.remove(&p, recursive) {
                    code = 1;
                    c.err(if c.gnu {
                        format!("rm: cannot remove '{f}': {}\n", e.message())
                    } else {
                        format!("rm: can't remove '{f}': {}\n", e.message())
                    });
                }
            }
        }
    }
    code
}

pub(super) fn rmdir(c: &mut Ctx) -> i32 {
    let (_, ops) = split_flags(c.argv);
    let mut code = 0;
    for f in ops {
        let p = c.path(&f);
        let r = match c.sys.kind(&p) {
            None => Err(FsError::NotFound),
            Some(FileKind::File) => Err(FsError::NotADirectory),
            Some(FileKind::Dir) => {
                if c.sys.list_dir(&p).map(|v| v.is_empty()).unwrap_or(false) {
                    c.sys.remove(&p, false)
                } else {
                    Err(FsError::NotEmpty)
                }
            }
        };
        if let Err(e) = r {
            code = 1;
            c.err(format!("rmdir: failed to remove '{f}': {}\n", e.message()));
        }
    }
    code
}

pub(super) fn mkdir(c: &mut Ctx) -> i32 {
    let (flags, ops) = split_flags(c.argv);
    let parents = flags.contains('p');
    let mut code = 0;
    for f in ops {
        let p = c.path(&f);
        if parents && c.sys.kind(&p) == Some(FileKind::Dir) {
            continue;
        }
        let r = if c.sys.kind(&p).is_some() {
            Err(FsError::Exists)
        } else {
            c.sys.mkdir(&p, parents)
        };
        if let Err(e) = r {
            code = 1;
            c.err(if c.gnu {
                format!("mkdir: cannot create directory '{f}': {}\n", e.message())
            } else {
                format!("mkdir: can't create directory '{f}': {}\n", e.message())
            });
        }
    }
    code
}

/// Copies a file or (with `recursive`) a directory tree. Bounded by [`MAX_COPY_ENTRIES`].
pub(super) fn copy_tree(
    sys: &mut dyn Sys,
    from: &str,
    to: &str,
    recursive: bool,
) -> Result<(), FsError> {
    let mut stack = vec![(from.to_string(), to.to_string())];
    let mut n = 0;
    while let Some((f, t)) = stack.pop() {
        n += 1;
        if n > MAX_COPY_ENTRIES {
            break;
        }
        match sys.kind(&f) {
            Some(FileKind::Dir) => {
                if !recursive {
                    return Err(FsError::IsADirectory);
                }
                if sys.kind(&t).is_none() {
                    sys.mkdir(&t, false)?;
                }
                for e in sys.list_dir(&f)? {
                    stack.push((resolve_path(&f, &e), resolve_path(&t, &e)));
                }
            }
            Some(FileKind::File) => {
                let data = sys.read_file(&f)?;
                sys.write_file(&t, &data, false)?;
            }
            None => return Err(FsError::NotFound),
        }
    }
    Ok(())
}

/// Most entries one `cp -r` copies.
pub const MAX_COPY_ENTRIES: usize = 10_000;

pub(super) fn cp(c: &mut Ctx, mv: bool) -> i32 {
    let (flags, mut ops) = split_flags(c.argv);
    let recursive = mv || flags.contains('r') || flags.contains('R') || flags.contains('a');
    let name = if mv { "mv" } else { "cp" };
    if ops.len() < 2 {
        c.err(if c.gnu {
            format!("{name}: missing file operand\nTry '{name} --help' for more information.\n")
        } else {
            format!("{name}: missing file operand\n")
        });
        return 1;
    }
    let dest = ops.pop().unwrap_or_default();
    let dest_p = c.path(&dest);
    let dest_is_dir = c.sys.kind(&dest_p) == Some(FileKind::Dir);
    if ops.len() > 1 && !dest_is_dir {
        c.err(format!("{name}: target '{dest}' is not a directory\n"));
        return 1;
    }
    let mut code = 0;
    for src in ops {
        let sp = c.path(&src);
        let kind = c.sys.kind(&sp);
        if kind.is_none() {
            code = 1;
            c.err(match (mv, c.gnu) {
                (false, false) => format!("cp: can't stat '{src}': No such file or directory\n"),
                (true, false) => format!("mv: can't rename '{src}': No such file or directory\n"),
                (_, true) => format!("{name}: cannot stat '{src}': No such file or directory\n"),
            });
            continue;
        }
        if kind == Some(FileKind::Dir) && !recursive {
            code = 1;
            c.err(if c.gnu {
                format!("cp: -r not specified; omitting directory '{src}'\n")
            } else {
                format!("cp: omitting directory '{src}'\n")
            });
            continue;
        }
        let target = if dest_is_dir {
            resolve_path(&dest_p, sp.rsplit('/').next().unwrap_or(""))
        } else {
            dest_p.clone()
        };
        let mut r = copy_tree(c.sys, &sp, &target, recursive);
        if r.is_ok() && mv {
            r = c.sys.remove(&sp, true);
        }
        if let Err(e) = r {
            code = 1;
            let shown = if dest_is_dir {
                format!(
                    "{}/{}",
                    dest.trim_end_matches('/'),
                    sp.rsplit('/').next().unwrap_or("")
                )
            } else {
                dest.clone()
            };
            c.err(if c.gnu {
                format!(
                    "{name}: cannot create regular file '{shown}': {}\n",
                    e.message()
                )
            } else {
                format!("{name}: can't create '{shown}': {}\n", e.message())
            });
        }
    }
    code
}

pub(super) fn tee(c: &mut Ctx) -> i32 {
    let (flags, files) = split_flags(c.argv);
    let append = flags.contains('a');
    let s = c.read_all_stdin();
    let mut code = 0;
    for f in files {
        let p = c.path(&f);
        if let Err(e) = c.write_file(&p, &s, append) {
            code = 1;
            c.err(format!("tee: {f}: {}\n", e.message()));
        }
    }
    c.out(s);
    code
}
