//! `test`, `[ … ]` and `[[ … ]]` as busybox implements them (`coreutils/test.c`): `!`, `-a`,
//! `-o`, parentheses, file tests through the container's file system, string and integer
//! comparisons; in `[[ ]]`, `==`/`!=` match a glob pattern.

use crate::os::path::glob_match;
use crate::os::path::resolve as resolve_path;
use crate::os::{FileKind, Sys};

/// Deepest nesting of `!` and `( )` evaluated (busybox recurses; so do we, bounded).
const MAX_DEPTH: u32 = 500;

/// Evaluates; `Err` is the message after `sh: ` (`missing ]`, `a: bad number`).
pub fn test(name: &str, args: &[String], sys: &dyn Sys, cwd: &str) -> Result<bool, String> {
    let mut args: Vec<&str> = args.iter().map(|s| s.as_str()).collect();
    let bash = name == "[[";
    if name == "[" || bash {
        let close = if bash { "]]" } else { "]" };
        if args.last() != Some(&close) {
            return Err(format!("missing {close}"));
        }
        args.pop();
    }
    if args.is_empty() {
        return Ok(false);
    }
    let mut t = Test {
        a: &args,
        i: 0,
        sys,
        cwd,
        bash,
        depth: 0,
    };
    // POSIX rules for few arguments
    let r = match *args.as_slice() {
        [a] => Ok(!a.is_empty()),
        ["!", a] => Ok(a.is_empty()),
        [op, a] if is_unary(op) => t.unary(op, a),
        [a, op, b] if is_binary(op) => t.binary(a, op, b),
        _ => {
            let v = t.oexpr()?;
            if let Some(extra) = args.get(t.i) {
                return Err(format!("{extra}: unknown operand"));
            }
            Ok(v)
        }
    };
    r
}

fn is_unary(s: &str) -> bool {
    matches!(
        s,
        "-e" | "-f"
            | "-d"
            | "-s"
            | "-r"
            | "-w"
            | "-x"
            | "-z"
            | "-n"
            | "-L"
            | "-h"
            | "-p"
            | "-S"
            | "-b"
            | "-c"
            | "-t"
            | "-g"
            | "-u"
            | "-k"
            | "-O"
            | "-G"
    )
}

fn is_binary(s: &str) -> bool {
    matches!(
        s,
        "=" | "=="
            | "!="
            | "<"
            | ">"
            | "-eq"
            | "-ne"
            | "-lt"
            | "-le"
            | "-gt"
            | "-ge"
            | "-nt"
            | "-ot"
            | "-ef"
            | "-a"
            | "-o"
            | "=~"
    )
}

struct Test<'a> {
    a: &'a [&'a str],
    i: usize,
    sys: &'a dyn Sys,
    cwd: &'a str,
    bash: bool,
    depth: u32,
}

fn num(s: &str) -> Result<i64, String> {
    s.trim()
        .parse::<i64>()
        .map_err(|_| format!("{s}: bad number"))
}

impl<'a> Test<'a> {
    fn peek(&self) -> Option<&'a str> {
        self.a.get(self.i).copied()
    }

    fn oexpr(&mut self) -> Result<bool, String> {
        let mut v = self.aexpr()?;
        while self.peek() == Some("-o") || (self.bash && self.peek() == Some("||")) {
            self.i += 1;
            let r = self.aexpr()?;
            v = v || r;
        }
        Ok(v)
    }

    fn aexpr(&mut self) -> Result<bool, String> {
        let mut v = self.nexpr()?;
        while self.peek() == Some("-a") || (self.bash && self.peek() == Some("&&")) {
            self.i += 1;
            let r = self.nexpr()?;
            v = v && r;
        }
        Ok(v)
    }

    fn nexpr(&mut self) -> Result<bool, String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err("expression too deeply nested".into());
        }
        let r = if self.peek() == Some("!") {
            self.i += 1;
            self.nexpr().map(|v| !v)
        } else {
            self.primary()
        };
        self.depth -= 1;
        r
    }

    fn primary(&mut self) -> Result<bool, String> {
        let Some(tok) = self.peek() else {
            return Err("argument expected".into());
        };
        if tok == "(" {
            self.i += 1;
            let v = self.oexpr()?;
            if self.peek() != Some(")") {
                return Err("closing paren expected".into());
            }
            self.i += 1;
            return Ok(v);
        }
        if is_unary(tok) {
            if let Some(arg) = self.a.get(self.i + 1) {
                self.i += 2;
                return self.unary(tok, arg);
            }
        }
        if let (Some(op), Some(rhs)) = (self.a.get(self.i + 1), self.a.get(self.i + 2)) {
            if is_binary(op) && *op != "-a" && *op != "-o" {
                self.i += 3;
                return self.binary(tok, op, rhs);
            }
        }
        self.i += 1;
        Ok(!tok.is_empty())
    }

    fn unary(&self, op: &str, arg: &str) -> Result<bool, String> {
        let path = resolve_path(self.cwd, arg);
        let kind = if arg.is_empty() {
            None
        } else {
            self.sys.kind(&path)
        };
        Ok(match op {
            "-z" => arg.is_empty(),
            "-n" => !arg.is_empty(),
            "-e" | "-r" | "-w" => kind.is_some(),
            "-x" => kind == Some(FileKind::Dir),
            "-f" => kind == Some(FileKind::File),
            "-d" => kind == Some(FileKind::Dir),
            "-s" => match kind {
                Some(FileKind::File) => self
                    .sys
                    .read_file(&path)
                    .map(|s| !s.is_empty())
                    .unwrap_or(false),
                Some(FileKind::Dir) => true,
                None => false,
            },
            "-t" => false,
            _ => false,
        })
    }

    fn binary(&self, l: &str, op: &str, r: &str) -> Result<bool, String> {
        Ok(match op {
            "=" | "==" => {
                if self.bash {
                    glob_match(r, l)
                } else {
                    l == r
                }
            }
            "!=" => {
                if self.bash {
                    !glob_match(r, l)
                } else {
                    l != r
                }
            }
            "<" => l < r,
            ">" => l > r,
            "-eq" => num(l)? == num(r)?,
            "-ne" => num(l)? != num(r)?,
            "-lt" => num(l)? < num(r)?,
            "-le" => num(l)? <= num(r)?,
            "-gt" => num(l)? > num(r)?,
            "-ge" => num(l)? >= num(r)?,
            "-a" => !l.is_empty() && !r.is_empty(),
            "-o" => !l.is_empty() || !r.is_empty(),
            "=~" => super::regex::Regex::new(r).is_match(l),
            _ => false,
        })
    }
}
