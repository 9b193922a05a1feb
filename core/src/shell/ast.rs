//! The syntax tree of a shell script, as [`super::parse`] builds it (the node kinds of busybox
//! ash's parser: simple commands, pipelines, and/or lists, compound commands, functions).

use std::rc::Rc;

/// A word before expansion: a sequence of parts, each remembering whether it was quoted
/// (quoted text is neither split into fields nor used as a glob pattern).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Word {
    pub parts: Vec<Part>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    /// Literal text; `quoted` when it came from quotes or a backslash escape.
    Lit { text: String, quoted: bool },
    /// `$name`, `${name…}`, `$1`, `$?`, …
    Param(Box<Param>),
    /// `$(…)` or `` `…` ``.
    Subst { body: Rc<List>, quoted: bool },
    /// `$((…))`: the expression text is itself a word (it may contain `$x` and `$(…)`).
    Arith { expr: Word, quoted: bool },
    /// `~` at the start of a word (the home directory).
    Tilde,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// The name: a variable, a digit string, or one of `@ * # ? $ ! - 0`.
    pub name: String,
    pub op: ParamOp,
    pub quoted: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ParamOp {
    Plain,
    /// `${#name}`
    Length,
    /// `${name-w}` / `${name:-w}` (colon: also when set but empty)
    Default {
        colon: bool,
        word: Word,
    },
    /// `${name=w}` / `${name:=w}`
    Assign {
        colon: bool,
        word: Word,
    },
    /// `${name?w}` / `${name:?w}`
    Error {
        colon: bool,
        word: Word,
    },
    /// `${name+w}` / `${name:+w}`
    Alt {
        colon: bool,
        word: Word,
    },
    /// `${name#p}` / `${name##p}`
    TrimPrefix {
        longest: bool,
        pattern: Word,
    },
    /// `${name%p}` / `${name%%p}`
    TrimSuffix {
        longest: bool,
        pattern: Word,
    },
    /// `${name:offset}` / `${name:offset:length}` (bash extension that ash supports)
    Substring {
        offset: Word,
        length: Option<Word>,
    },
    /// `${name/p/r}` / `${name//p/r}`
    Replace {
        all: bool,
        pattern: Word,
        with: Word,
    },
}

/// A list of and/or lists separated by `;`, `&` or newlines.
pub type List = Vec<AndOr>;

#[derive(Clone, Debug, PartialEq)]
pub struct AndOr {
    pub first: Pipeline,
    /// `(true for &&, false for ||, pipeline)`
    pub rest: Vec<(bool, Pipeline)>,
    /// Ended by `&`: runs as a background job.
    pub background: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Pipeline {
    pub bang: bool,
    pub cmds: Vec<Command>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Simple(Rc<Simple>),
    Compound(Box<Compound>, Vec<Redir>, u32),
    FuncDef { name: String, body: Rc<Command> },
}

#[derive(Clone, Debug, PartialEq)]
pub enum Compound {
    Brace(List),
    Subshell(List),
    /// `if c1; then b1; elif c2; then b2; else e; fi`
    If {
        branches: Vec<(List, List)>,
        otherwise: Option<List>,
    },
    Loop {
        until: bool,
        cond: List,
        body: List,
    },
    For {
        var: String,
        words: Option<Vec<Word>>,
        body: List,
    },
    Case {
        word: Word,
        arms: Vec<CaseArm>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct CaseArm {
    pub patterns: Vec<Word>,
    pub body: List,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Simple {
    pub assigns: Vec<(String, Word)>,
    pub words: Vec<Word>,
    pub redirs: Vec<Redir>,
    /// Line of the command (ash counts from 0 in `sh -c`, from 1 in a script file).
    pub line: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RedirOp {
    /// `<`
    In,
    /// `>` (and `>|`)
    Out,
    /// `>>`
    Append,
    /// `<>`
    ReadWrite,
    /// `>&N`, `<&N`, `>&-`
    Dup,
    /// `<<` / `<<-`: the target is the (already read) body.
    Heredoc { expand: bool },
    /// `&>file` (bash extension): stdout and stderr to a file.
    Both,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Redir {
    pub fd: u32,
    pub op: RedirOp,
    pub target: Word,
}

impl Word {
    pub fn lit(text: &str) -> Word {
        Word {
            parts: vec![Part::Lit {
                text: text.to_string(),
                quoted: false,
            }],
        }
    }

    /// The word's text when it is one unquoted literal (how keywords and names are recognised).
    pub fn plain(&self) -> Option<&str> {
        match self.parts.as_slice() {
            [Part::Lit {
                text,
                quoted: false,
            }] => Some(text),
            _ => None,
        }
    }

    /// True when any part was quoted (a quoted keyword is not a keyword).
    pub fn has_quotes(&self) -> bool {
        self.parts.iter().any(|p| match p {
            Part::Lit { quoted, .. } => *quoted,
            Part::Param(p) => p.quoted,
            Part::Subst { quoted, .. } | Part::Arith { quoted, .. } => *quoted,
            Part::Tilde => false,
        })
    }

    /// The source-like text of the word (for `ps`-style command lines of background jobs).
    pub fn display(&self) -> String {
        let mut s = String::new();
        for p in &self.parts {
            match p {
                Part::Lit { text, .. } => s.push_str(text),
                Part::Param(p) => {
                    s.push_str("${");
                    s.push_str(&p.name);
                    s.push('}');
                }
                Part::Subst { .. } => s.push_str("$(…)"),
                Part::Arith { .. } => s.push_str("$((…))"),
                Part::Tilde => s.push('~'),
            }
        }
        s
    }
}
