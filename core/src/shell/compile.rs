//! Compiles the syntax tree into flat instruction lists so that the interpreter's state is just
//! `(code, pc)` frames: it can stop anywhere (a `sleep` deep in nested loops) and resume exactly
//! there, with no recursion in the interpreter.

use super::ast::*;
use std::rc::Rc;

#[derive(Debug)]
pub struct Code {
    pub insns: Vec<Insn>,
}

#[derive(Debug)]
pub enum Insn {
    /// Run a simple command; sets `$?`.
    Simple(Rc<Simple>),
    Jump(usize),
    /// Jump when `$?` is not 0.
    JumpIfFail(usize),
    /// Jump when `$?` is 0.
    JumpIfOk(usize),
    /// `!`: invert `$?`.
    Not,
    Status(i32),
    /// Start a `while`/`until` loop: push a loop record (`brk` is just after `LoopEnd`).
    LoopStart {
        cont: usize,
        brk: usize,
    },
    /// Start a `for` loop: expand the words, push a loop record with them.
    ForStart {
        var: String,
        words: Option<Rc<[Word]>>,
        cont: usize,
        brk: usize,
    },
    /// Assign the next value of the innermost `for`, or jump to `end` (its `LoopEnd`).
    ForNext {
        end: usize,
    },
    /// End of a loop body: remember `$?` and jump back to the loop's `cont`.
    LoopCont,
    /// Pop the loop record; `$?` becomes the last body status (0 if the body never ran).
    LoopEnd,
    /// Expand the `case` word and push it.
    CaseWord(Word),
    /// If one of the patterns matches the current case word go on, else jump to `next`.
    CaseArm {
        patterns: Rc<[Word]>,
        next: usize,
    },
    CaseEnd,
    /// Apply redirections to the rest of the block (until `PopRedirs`).
    PushRedirs(Rc<[Redir]>),
    PopRedirs,
    /// `( … )`: run in a child shell process and wait for it.
    Subshell(Rc<Code>),
    /// `… &`
    Background(Rc<Code>, String),
    /// `a | b | c`: each stage in its own child shell, connected by pipes.
    Pipeline(Rc<[Rc<Code>]>, Rc<[String]>),
    DefFunc(String, Rc<Code>),
    /// A syntax error found after the lines before it: print it and exit 2.
    SyntaxError(String),
}

pub fn compile_lines(lines: &[List]) -> Code {
    let mut c = Compiler { insns: Vec::new() };
    for l in lines {
        c.list(l);
    }
    Code { insns: c.insns }
}

pub fn compile_list(list: &List) -> Rc<Code> {
    let mut c = Compiler { insns: Vec::new() };
    c.list(list);
    Rc::new(Code { insns: c.insns })
}

fn compile_command(cmd: &Command) -> Rc<Code> {
    let mut c = Compiler { insns: Vec::new() };
    c.command(cmd);
    Rc::new(Code { insns: c.insns })
}

struct Compiler {
    insns: Vec<Insn>,
}

impl Compiler {
    fn here(&self) -> usize {
        self.insns.len()
    }

    fn emit(&mut self, i: Insn) -> usize {
        self.insns.push(i);
        self.insns.len() - 1
    }

    fn patch(&mut self, at: usize, target: usize) {
        match self.insns.get_mut(at) {
            Some(Insn::Jump(t) | Insn::JumpIfFail(t) | Insn::JumpIfOk(t)) => *t = target,
            Some(Insn::CaseArm { next, .. }) => *next = target,
            Some(Insn::ForNext { end }) => *end = target,
            Some(Insn::LoopStart { brk, .. } | Insn::ForStart { brk, .. }) => *brk = target,
            _ => {}
        }
    }

    fn list(&mut self, list: &List) {
        for ao in list {
            if ao.background {
                let code = {
                    let mut c = Compiler { insns: Vec::new() };
                    c.and_or(ao);
                    Rc::new(Code { insns: c.insns })
                };
                self.emit(Insn::Background(code, andor_text(ao)));
            } else {
                self.and_or(ao);
            }
        }
    }

    fn and_or(&mut self, ao: &AndOr) {
        self.pipeline(&ao.first);
        for (and, p) in &ao.rest {
            let j = if *and {
                self.emit(Insn::JumpIfFail(0))
            } else {
                self.emit(Insn::JumpIfOk(0))
            };
            self.pipeline(p);
            let h = self.here();
            self.patch(j, h);
        }
    }

    fn pipeline(&mut self, p: &Pipeline) {
        if p.cmds.len() == 1 {
            if let Some(c) = p.cmds.first() {
                self.command(c);
            }
        } else {
            let stages: Vec<Rc<Code>> = p.cmds.iter().map(compile_command).collect();
            let texts: Vec<String> = p.cmds.iter().map(command_text).collect();
            self.emit(Insn::Pipeline(stages.into(), texts.into()));
        }
        if p.bang {
            self.emit(Insn::Not);
        }
    }

    fn command(&mut self, cmd: &Command) {
        match cmd {
            Command::Simple(s) => {
                self.emit(Insn::Simple(s.clone()));
            }
            Command::FuncDef { name, body } => {
                let code = compile_command(body);
                self.emit(Insn::DefFunc(name.clone(), code));
            }
            Command::Compound(comp, redirs, _) => {
                let has_redirs = !redirs.is_empty();
                if has_redirs {
                    self.emit(Insn::PushRedirs(redirs.clone().into()));
                }
                self.compound(comp);
                if has_redirs {
                    self.emit(Insn::PopRedirs);
                }
            }
        }
    }

    fn compound(&mut self, comp: &Compound) {
        match comp {
            Compound::Brace(l) => self.list(l),
            Compound::Subshell(l) => {
                let code = compile_list(l);
                self.emit(Insn::Subshell(code));
            }
            Compound::If {
                branches,
                otherwise,
            } => {
                let mut to_end = Vec::new();
                for (cond, body) in branches {
                    self.list(cond);
                    let j = self.emit(Insn::JumpIfFail(0));
                    self.list(body);
                    to_end.push(self.emit(Insn::Jump(0)));
                    let h = self.here();
                    self.patch(j, h);
                }
                match otherwise {
                    Some(o) => {
                        self.emit(Insn::Status(0));
                        self.list(o);
                    }
                    None => {
                        self.emit(Insn::Status(0));
                    }
                }
                let end = self.here();
                for j in to_end {
                    self.patch(j, end);
                }
            }
            Compound::Loop { until, cond, body } => {
                let start = self.emit(Insn::LoopStart { cont: 0, brk: 0 });
                let cont = self.here();
                if let Some(Insn::LoopStart { cont: c, .. }) = self.insns.get_mut(start) {
                    *c = cont;
                }
                self.list(cond);
                let j = if *until {
                    self.emit(Insn::JumpIfOk(0))
                } else {
                    self.emit(Insn::JumpIfFail(0))
                };
                self.list(body);
                self.emit(Insn::LoopCont);
                let end = self.emit(Insn::LoopEnd);
                self.patch(j, end);
                let after = self.here();
                self.patch(start, after);
            }
            Compound::For { var, words, body } => {
                let start = self.emit(Insn::ForStart {
                    var: var.clone(),
                    words: words.as_ref().map(|w| w.clone().into()),
                    cont: 0,
                    brk: 0,
                });
                let next = self.emit(Insn::ForNext { end: 0 });
                if let Some(Insn::ForStart { cont, .. }) = self.insns.get_mut(start) {
                    *cont = next;
                }
                self.list(body);
                self.emit(Insn::LoopCont);
                let end = self.emit(Insn::LoopEnd);
                self.patch(next, end);
                let after = self.here();
                self.patch(start, after);
            }
            Compound::Case { word, arms } => {
                self.emit(Insn::CaseWord(word.clone()));
                let mut to_end = Vec::new();
                for arm in arms {
                    let test = self.emit(Insn::CaseArm {
                        patterns: arm.patterns.clone().into(),
                        next: 0,
                    });
                    self.emit(Insn::Status(0));
                    self.list(&arm.body);
                    to_end.push(self.emit(Insn::Jump(0)));
                    let h = self.here();
                    self.patch(test, h);
                }
                self.emit(Insn::Status(0));
                let end = self.emit(Insn::CaseEnd);
                for j in to_end {
                    self.patch(j, end);
                }
            }
        }
    }
}

/// The text `ps` shows for a background job or pipeline stage (its words as written).
pub fn andor_text(ao: &AndOr) -> String {
    let mut s = pipeline_text(&ao.first);
    for (and, p) in &ao.rest {
        s.push_str(if *and { " && " } else { " || " });
        s.push_str(&pipeline_text(p));
    }
    s
}

fn pipeline_text(p: &Pipeline) -> String {
    let cmds: Vec<String> = p.cmds.iter().map(command_text).collect();
    let s = cmds.join(" | ");
    if p.bang {
        format!("! {s}")
    } else {
        s
    }
}

pub fn command_text(c: &Command) -> String {
    match c {
        Command::Simple(s) => {
            let mut parts: Vec<String> = s
                .assigns
                .iter()
                .map(|(n, w)| format!("{n}={}", w.display()))
                .collect();
            parts.extend(s.words.iter().map(|w| w.display()));
            parts.join(" ")
        }
        Command::Compound(..) | Command::FuncDef { .. } => String::new(),
    }
}

/// The first simple command of a compiled unit, when the unit is just that command (a
/// background `sleep 30 &` shows as `sleep 30` in `ps`, since ash forks and execs it).
pub fn single_simple(code: &Code) -> Option<&Rc<Simple>> {
    match code.insns.as_slice() {
        [Insn::Simple(s)] => Some(s),
        _ => None,
    }
}
