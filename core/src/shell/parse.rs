//! The parser: a port of the structure of busybox ash's recursive-descent parser (`list`,
//! `andor`, `pipeline`, `parse_command`, `simplecmd` in `shell/ash.c`) so that it accepts the same
//! scripts and reports the same syntax errors (`unexpected "done"`, `unexpected end of file
//! (expecting "fi")`, `unterminated quoted string`, `missing '}'`, …).
//!
//! Like ash, a script is parsed one top-level command line at a time: [`parse_script`] returns the
//! lines it could parse and, if one is broken, the error, so that the lines before it still run
//! (ash prints `hi` for `echo hi⏎fi` before the syntax error).

use super::ast::*;
use std::rc::Rc;

/// Nesting bound (compound commands, substitutions): the parser recurses per level.
pub const MAX_NESTING: u32 = 200;

#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    /// The message without the `sh: ` prefix, as ash words it (`unexpected "fi"`).
    pub message: String,
    /// The unexpected token and the expected one, for shells that word it differently (dash).
    pub unexpected: Option<(String, Option<String>)>,
    /// Line where the error was found (same numbering as [`Simple::line`]).
    pub line: u32,
}

/// A parsed script: the complete command lines before the first syntax error, and that error.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Script {
    pub lines: Vec<List>,
    pub error: Option<SyntaxError>,
}

/// Parses a whole script. `first_line` is 0 for `sh -c` (ash's numbering) and 1 for files.
pub fn parse_script(src: &str, first_line: u32) -> Script {
    let mut p = Parser::new(src, first_line);
    let mut script = Script::default();
    loop {
        match p.top_line() {
            Ok(Some(list)) => {
                if !list.is_empty() {
                    script.lines.push(list);
                }
            }
            Ok(None) => break,
            Err(e) => {
                script.error = Some(e);
                break;
            }
        }
    }
    script
}

/// Token kinds, in ash's order (`TEOF`, `TNL`, …). Keywords come after `EndCase`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum T {
    Eof,
    Nl,
    Redir,
    Word,
    Semi,
    Bg,
    And,
    Or,
    Pipe,
    Lp,
    Rp,
    EndCase,
    Not,
    Case,
    Do,
    Done,
    Elif,
    Else,
    Esac,
    Fi,
    For,
    Function,
    If,
    In,
    Then,
    Until,
    While,
    Begin,
    End,
}

impl T {
    fn name(self) -> &'static str {
        match self {
            T::Eof => "end of file",
            T::Nl => "newline",
            T::Redir => "redirection",
            T::Word => "word",
            T::Semi => ";",
            T::Bg => "&",
            T::And => "&&",
            T::Or => "||",
            T::Pipe => "|",
            T::Lp => "(",
            T::Rp => ")",
            T::EndCase => ";;",
            T::Not => "!",
            T::Case => "case",
            T::Do => "do",
            T::Done => "done",
            T::Elif => "elif",
            T::Else => "else",
            T::Esac => "esac",
            T::Fi => "fi",
            T::For => "for",
            T::Function => "function",
            T::If => "if",
            T::In => "in",
            T::Then => "then",
            T::Until => "until",
            T::While => "while",
            T::Begin => "{",
            T::End => "}",
        }
    }

    /// ash's `tokname`: the first four unquoted, the rest in double quotes.
    fn display(self) -> String {
        match self {
            T::Eof | T::Nl | T::Redir | T::Word => self.name().to_string(),
            _ => format!("\"{}\"", self.name()),
        }
    }

    /// ash's `tokendlist`: tokens that end a list.
    fn ends_list(self) -> bool {
        matches!(
            self,
            T::Eof
                | T::Rp
                | T::EndCase
                | T::Do
                | T::Done
                | T::Elif
                | T::Else
                | T::Esac
                | T::Fi
                | T::Then
                | T::End
        )
    }

    fn keyword(s: &str) -> Option<T> {
        Some(match s {
            "!" => T::Not,
            "case" => T::Case,
            "do" => T::Do,
            "done" => T::Done,
            "elif" => T::Elif,
            "else" => T::Else,
            "esac" => T::Esac,
            "fi" => T::Fi,
            "for" => T::For,
            "function" => T::Function,
            "if" => T::If,
            "in" => T::In,
            "then" => T::Then,
            "until" => T::Until,
            "while" => T::While,
            "{" => T::Begin,
            "}" => T::End,
            _ => return None,
        })
    }
}

const CHKNL: u8 = 1;
const CHKKWD: u8 = 2;

struct PendingHeredoc {
    delim: String,
    strip_tabs: bool,
    expand: bool,
    slot: usize,
}

struct Parser {
    src: Vec<char>,
    pos: usize,
    line: u32,
    // token state, as ash keeps it
    pushback: bool,
    last: T,
    word: Word,
    quoteflag: bool,
    redir: Option<Redir>,
    checkkwd: u8,
    depth: u32,
    pending_heredocs: Vec<PendingHeredoc>,
    heredoc_bodies: Vec<Option<Word>>,
}

type R<X> = Result<X, SyntaxError>;

fn is_name_start(c: char) -> bool {
    c == '_' || c.is_ascii_alphabetic()
}

fn is_name_char(c: char) -> bool {
    c == '_' || c.is_ascii_alphanumeric()
}

/// `NAME=…` at the start of a word (ash's `isassignment`).
pub fn assignment_split(w: &Word) -> Option<(String, Word)> {
    let Some(Part::Lit {
        text,
        quoted: false,
    }) = w.parts.first()
    else {
        return None;
    };
    let eq = text.find('=')?;
    let name = &text[..eq];
    if name.is_empty() || !name.starts_with(is_name_start) || !name.chars().all(is_name_char) {
        return None;
    }
    let mut rest = w.parts.clone();
    let tail = text[eq + 1..].to_string();
    if tail.is_empty() {
        if !rest.is_empty() {
            rest.remove(0);
        }
    } else if let Some(first) = rest.first_mut() {
        *first = Part::Lit {
            text: tail,
            quoted: false,
        };
    }
    Some((name.to_string(), Word { parts: rest }))
}

pub fn is_name(s: &str) -> bool {
    s.starts_with(is_name_start) && s.chars().all(is_name_char)
}

impl Parser {
    fn new(src: &str, first_line: u32) -> Parser {
        Parser {
            src: src.chars().collect(),
            pos: 0,
            line: first_line,
            pushback: false,
            last: T::Eof,
            word: Word::default(),
            quoteflag: false,
            redir: None,
            checkkwd: 0,
            depth: 0,
            pending_heredocs: Vec::new(),
            heredoc_bodies: Vec::new(),
        }
    }

    fn err(&self, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            message: message.into(),
            unexpected: None,
            line: self.line,
        }
    }

    /// ash's `raise_error_unexpected_syntax`.
    fn unexpected(&self, expecting: Option<T>) -> SyntaxError {
        let mut message = format!("unexpected {}", self.last.display());
        if let Some(t) = expecting {
            message.push_str(&format!(" (expecting {})", t.display()));
        }
        SyntaxError {
            message,
            unexpected: Some((self.last.display(), expecting.map(|t| t.display()))),
            line: self.line,
        }
    }

    fn enter(&mut self) -> R<()> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(self.err(format!(
                "nesting too deep (the playground parses at most {MAX_NESTING} levels)"
            )));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    fn peek(&self) -> Option<char> {
        self.src.get(self.pos).copied()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.src.get(self.pos + n).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.src.get(self.pos).copied();
        if let Some(ch) = c {
            self.pos += 1;
            if ch == '\n' {
                self.line += 1;
            }
        }
        c
    }

    // ---------------------------------------------------------------- grammar

    /// One top-level command line (`list(1)` in ash). `Ok(None)` at end of input.
    fn top_line(&mut self) -> R<Option<List>> {
        self.checkkwd = 0;
        let t = self.readtoken()?;
        if t == T::Eof {
            return Ok(None);
        }
        self.pushback = true;
        let list = self.list(1)?;
        let list = self.fill_heredocs(list);
        Ok(Some(list))
    }

    fn list(&mut self, nlflag: u8) -> R<List> {
        self.enter()?;
        let r = self.list_inner(nlflag);
        self.leave();
        r
    }

    fn list_inner(&mut self, mut nlflag: u8) -> R<List> {
        let chknl = if nlflag & 1 != 0 { 0 } else { CHKNL };
        let mut items: List = Vec::new();
        loop {
            self.checkkwd = chknl | CHKKWD;
            let tok = self.readtoken()?;
            match tok {
                T::Nl => return Ok(items),
                T::Eof => {
                    self.pushback = true;
                    self.last = T::Eof;
                    return Ok(items);
                }
                _ => {}
            }
            self.pushback = true;
            if nlflag == 2 && tok.ends_list() {
                return Ok(items);
            }
            nlflag |= 2;
            let mut andor = self.andor()?;
            let tok = self.readtoken()?;
            if tok == T::Bg {
                andor.background = true;
            }
            items.push(andor);
            match tok {
                T::Eof => {
                    self.pushback = true;
                    self.last = T::Eof;
                    return Ok(items);
                }
                T::Nl => self.pushback = true,
                T::Bg | T::Semi => {}
                _ => {
                    if chknl == 0 {
                        return Err(self.unexpected(None));
                    }
                    self.pushback = true;
                    return Ok(items);
                }
            }
        }
    }

    fn andor(&mut self) -> R<AndOr> {
        let first = self.pipeline()?;
        let mut rest = Vec::new();
        loop {
            let t = self.readtoken()?;
            let and = match t {
                T::And => true,
                T::Or => false,
                _ => {
                    self.pushback = true;
                    return Ok(AndOr {
                        first,
                        rest,
                        background: false,
                    });
                }
            };
            self.checkkwd = CHKNL | CHKKWD;
            rest.push((and, self.pipeline()?));
        }
    }

    fn pipeline(&mut self) -> R<Pipeline> {
        let mut bang = false;
        if self.readtoken()? == T::Not {
            bang = true;
            self.checkkwd = CHKKWD;
        } else {
            self.pushback = true;
        }
        let mut cmds = vec![self.parse_command()?];
        while self.readtoken()? == T::Pipe {
            self.checkkwd = CHKNL | CHKKWD;
            cmds.push(self.parse_command()?);
        }
        self.pushback = true;
        Ok(Pipeline { bang, cmds })
    }

    fn parse_command(&mut self) -> R<Command> {
        self.enter()?;
        let r = self.parse_command_inner();
        self.leave();
        r
    }

    fn expect(&mut self, t: T) -> R<()> {
        if self.readtoken()? != t {
            return Err(self.unexpected(Some(t)));
        }
        Ok(())
    }

    fn parse_command_inner(&mut self) -> R<Command> {
        let line = self.line;
        let compound = match self.readtoken()? {
            T::If => {
                let mut branches = Vec::new();
                let cond = self.list(0)?;
                self.expect(T::Then)?;
                let body = self.list(0)?;
                branches.push((cond, body));
                let mut otherwise = None;
                loop {
                    let t = self.readtoken()?;
                    if t == T::Elif {
                        let cond = self.list(0)?;
                        self.expect(T::Then)?;
                        let body = self.list(0)?;
                        branches.push((cond, body));
                        continue;
                    }
                    if t == T::Else {
                        otherwise = Some(self.list(0)?);
                    } else {
                        self.pushback = true;
                    }
                    break;
                }
                self.expect(T::Fi)?;
                Compound::If {
                    branches,
                    otherwise,
                }
            }
            t @ (T::While | T::Until) => {
                let cond = self.list(0)?;
                self.expect(T::Do)?;
                let body = self.list(0)?;
                self.expect(T::Done)?;
                Compound::Loop {
                    until: t == T::Until,
                    cond,
                    body,
                }
            }
            T::For => {
                let t = self.readtoken()?;
                let var = match self.word.plain() {
                    Some(v) if t == T::Word && !self.quoteflag && is_name(v) => v.to_string(),
                    _ => return Err(self.err("bad for loop variable")),
                };
                self.checkkwd = CHKNL | CHKKWD;
                let words = if self.readtoken()? == T::In {
                    let mut words = Vec::new();
                    while self.readtoken()? == T::Word {
                        words.push(std::mem::take(&mut self.word));
                    }
                    if self.last != T::Nl && self.last != T::Semi {
                        return Err(self.unexpected(None));
                    }
                    Some(words)
                } else {
                    if self.last != T::Semi {
                        self.pushback = true;
                    }
                    None
                };
                self.checkkwd = CHKNL | CHKKWD;
                self.expect(T::Do)?;
                let body = self.list(0)?;
                self.expect(T::Done)?;
                Compound::For { var, words, body }
            }
            T::Case => {
                if self.readtoken()? != T::Word {
                    return Err(self.unexpected(Some(T::Word)));
                }
                let word = std::mem::take(&mut self.word);
                self.checkkwd = CHKNL | CHKKWD;
                self.expect(T::In)?;
                let mut arms = Vec::new();
                self.checkkwd = CHKNL | CHKKWD;
                let mut t = self.readtoken()?;
                while t != T::Esac {
                    if self.last == T::Lp {
                        self.readtoken()?;
                    }
                    let mut patterns = Vec::new();
                    loop {
                        patterns.push(std::mem::take(&mut self.word));
                        if self.readtoken()? != T::Pipe {
                            break;
                        }
                        self.readtoken()?;
                    }
                    if self.last != T::Rp {
                        return Err(self.unexpected(Some(T::Rp)));
                    }
                    let body = self.list(2)?;
                    arms.push(CaseArm { patterns, body });
                    self.checkkwd = CHKNL | CHKKWD;
                    t = self.readtoken()?;
                    if t != T::Esac {
                        if t != T::EndCase {
                            return Err(self.unexpected(Some(T::EndCase)));
                        }
                        self.checkkwd = CHKNL | CHKKWD;
                        t = self.readtoken()?;
                    }
                }
                let redirs = self.trailing_redirs()?;
                return Ok(Command::Compound(
                    Box::new(Compound::Case { word, arms }),
                    redirs,
                    line,
                ));
            }
            T::Lp => {
                let body = self.list(0)?;
                self.expect(T::Rp)?;
                Compound::Subshell(body)
            }
            T::Begin => {
                let body = self.list(0)?;
                self.expect(T::End)?;
                Compound::Brace(body)
            }
            T::Word | T::Redir | T::Function => {
                self.pushback = true;
                return self.simplecmd();
            }
            _ => return Err(self.unexpected(None)),
        };
        let redirs = self.trailing_redirs()?;
        Ok(Command::Compound(Box::new(compound), redirs, line))
    }

    fn trailing_redirs(&mut self) -> R<Vec<Redir>> {
        self.checkkwd = CHKKWD;
        let mut redirs = Vec::new();
        while self.readtoken()? == T::Redir {
            redirs.push(self.parsefname()?);
        }
        self.pushback = true;
        Ok(redirs)
    }

    /// Reads the target of the redirection just lexed (ash's `parsefname`).
    fn parsefname(&mut self) -> R<Redir> {
        let Some(mut r) = self.redir.take() else {
            return Err(self.unexpected(None));
        };
        if self.readtoken()? != T::Word {
            return Err(self.unexpected(None));
        }
        let w = std::mem::take(&mut self.word);
        if let RedirOp::Heredoc { .. } = r.op {
            let quoted = w.has_quotes();
            let delim: String = w
                .parts
                .iter()
                .map(|p| match p {
                    Part::Lit { text, .. } => text.clone(),
                    other => Word {
                        parts: vec![other.clone()],
                    }
                    .display(),
                })
                .collect();
            let strip_tabs = matches!(r.target.plain(), Some("-"));
            let slot = self.heredoc_bodies.len();
            self.heredoc_bodies.push(None);
            self.pending_heredocs.push(PendingHeredoc {
                delim,
                strip_tabs,
                expand: !quoted,
                slot,
            });
            r.op = RedirOp::Heredoc { expand: !quoted };
            r.target = Word::lit(&format!("\u{0}heredoc{slot}"));
        } else {
            r.target = w;
        }
        Ok(r)
    }

    fn simplecmd(&mut self) -> R<Command> {
        let line = self.line;
        let mut assigns = Vec::new();
        let mut words: Vec<Word> = Vec::new();
        let mut redirs = Vec::new();
        let mut check_assign = true;
        let mut double_brackets = false;
        let mut function_flag = false;
        loop {
            self.checkkwd = 0;
            let t = self.readtoken()?;
            match t {
                T::Function if words.is_empty() && assigns.is_empty() => {
                    if self.readtoken()? != T::Word {
                        return Err(self.unexpected(Some(T::Word)));
                    }
                    self.pushback = true;
                    function_flag = true;
                }
                T::And | T::Or if double_brackets => {
                    words.push(Word::lit(if t == T::And { "&&" } else { "||" }));
                }
                T::Word | T::Function => {
                    let w = if t == T::Function {
                        Word::lit("function")
                    } else {
                        std::mem::take(&mut self.word)
                    };
                    match w.plain() {
                        Some("[[") => double_brackets = true,
                        Some("]]") => double_brackets = false,
                        _ => {}
                    }
                    if check_assign {
                        if let Some(a) = assignment_split(&w) {
                            assigns.push(a);
                            continue;
                        }
                    }
                    check_assign = false;
                    words.push(w);
                    if function_flag {
                        self.checkkwd = CHKNL | CHKKWD;
                        let t = self.readtoken()?;
                        self.pushback = true;
                        match t {
                            T::Begin | T::If | T::Case | T::Until | T::While | T::For => {
                                return self.funcdef(words, true);
                            }
                            T::Lp => function_flag = false,
                            _ => return Err(self.unexpected(None)),
                        }
                    }
                }
                T::Redir => redirs.push(self.parsefname()?),
                T::Lp if words.len() == 1 && assigns.is_empty() && redirs.is_empty() => {
                    return self.funcdef(words, false);
                }
                _ => {
                    self.pushback = true;
                    break;
                }
            }
        }
        Ok(Command::Simple(Rc::new(Simple {
            assigns,
            words,
            redirs,
            line,
        })))
    }

    fn funcdef(&mut self, words: Vec<Word>, via_function_keyword: bool) -> R<Command> {
        if !via_function_keyword && self.readtoken()? != T::Rp {
            return Err(self.unexpected(Some(T::Rp)));
        }
        let name = words
            .first()
            .and_then(|w| w.plain())
            .unwrap_or("")
            .to_string();
        if !is_name(&name) || super::machine::is_special_builtin(&name) {
            return Err(self.err("bad function name"));
        }
        self.checkkwd = CHKNL | CHKKWD;
        let body = self.parse_command()?;
        Ok(Command::FuncDef {
            name,
            body: Rc::new(body),
        })
    }

    // ---------------------------------------------------------------- tokens

    fn readtoken(&mut self) -> R<T> {
        let kwd = self.checkkwd;
        if self.pushback {
            self.pushback = false;
            // A pushed-back word may be re-read as a keyword (ash re-checks it too).
            let t = self.last;
            if t == T::Word && !self.quoteflag && kwd & CHKKWD != 0 {
                if let Some(k) = self.word.plain().and_then(T::keyword) {
                    self.last = k;
                    return Ok(k);
                }
            }
            if t == T::Nl && kwd & CHKNL != 0 {
                // fall through to read the next token, skipping newlines
            } else {
                self.checkkwd = 0;
                return Ok(t);
            }
        }
        let mut t = self.xxreadtoken()?;
        if kwd & CHKNL != 0 {
            while t == T::Nl {
                t = self.xxreadtoken()?;
            }
        }
        self.checkkwd = 0;
        if t == T::Word && !self.quoteflag && kwd & CHKKWD != 0 {
            if let Some(k) = self.word.plain().and_then(T::keyword) {
                t = k;
            }
        }
        self.last = t;
        Ok(t)
    }

    fn xxreadtoken(&mut self) -> R<T> {
        loop {
            match self.peek() {
                Some(' ' | '\t') => {
                    self.bump();
                }
                Some('\\') if self.peek_at(1) == Some('\n') => {
                    self.bump();
                    self.bump();
                }
                Some('#') => {
                    while let Some(c) = self.peek() {
                        if c == '\n' {
                            break;
                        }
                        self.bump();
                    }
                }
                _ => break,
            }
        }
        let t = match self.peek() {
            None => {
                self.last = T::Eof;
                return Ok(T::Eof);
            }
            Some('\n') => {
                self.bump();
                self.read_heredocs()?;
                T::Nl
            }
            Some(';') => {
                self.bump();
                if self.peek() == Some(';') {
                    self.bump();
                    T::EndCase
                } else {
                    T::Semi
                }
            }
            Some('&') => {
                self.bump();
                if self.peek() == Some('&') {
                    self.bump();
                    T::And
                } else if self.peek() == Some('>') {
                    self.bump();
                    self.redir = Some(Redir {
                        fd: 1,
                        op: RedirOp::Both,
                        target: Word::default(),
                    });
                    T::Redir
                } else {
                    T::Bg
                }
            }
            Some('|') => {
                self.bump();
                if self.peek() == Some('|') {
                    self.bump();
                    T::Or
                } else {
                    T::Pipe
                }
            }
            Some('(') => {
                self.bump();
                T::Lp
            }
            Some(')') => {
                self.bump();
                T::Rp
            }
            Some('<' | '>') => {
                self.read_redir(None);
                T::Redir
            }
            Some(_) => {
                let (w, quoted) = self.read_word()?;
                // IO_NUMBER: digits right before `<` or `>`
                if !quoted {
                    if let Some(text) = w.plain() {
                        if !text.is_empty()
                            && text.len() <= 4
                            && text.bytes().all(|b| b.is_ascii_digit())
                            && matches!(self.peek(), Some('<' | '>'))
                        {
                            let fd = text.parse().unwrap_or(0);
                            self.read_redir(Some(fd));
                            self.last = T::Redir;
                            return Ok(T::Redir);
                        }
                    }
                }
                self.word = w;
                self.quoteflag = quoted;
                T::Word
            }
        };
        self.last = t;
        Ok(t)
    }

    fn read_redir(&mut self, fd: Option<u32>) {
        let c = self.bump().unwrap_or('>');
        let (op, default_fd, strip) = if c == '>' {
            match self.peek() {
                Some('>') => {
                    self.bump();
                    (RedirOp::Append, 1, false)
                }
                Some('&') => {
                    self.bump();
                    (RedirOp::Dup, 1, false)
                }
                Some('|') => {
                    self.bump();
                    (RedirOp::Out, 1, false)
                }
                _ => (RedirOp::Out, 1, false),
            }
        } else {
            match self.peek() {
                Some('<') => {
                    self.bump();
                    if self.peek() == Some('-') {
                        self.bump();
                        (RedirOp::Heredoc { expand: true }, 0, true)
                    } else {
                        (RedirOp::Heredoc { expand: true }, 0, false)
                    }
                }
                Some('&') => {
                    self.bump();
                    (RedirOp::Dup, 0, false)
                }
                Some('>') => {
                    self.bump();
                    (RedirOp::ReadWrite, 0, false)
                }
                _ => (RedirOp::In, 0, false),
            }
        };
        self.redir = Some(Redir {
            fd: fd.unwrap_or(default_fd),
            op,
            // for heredocs, remember `<<-` until parsefname
            target: if strip {
                Word::lit("-")
            } else {
                Word::default()
            },
        });
    }

    fn read_heredocs(&mut self) -> R<()> {
        let pending = std::mem::take(&mut self.pending_heredocs);
        for h in pending {
            let mut body = String::new();
            loop {
                if self.peek().is_none() {
                    break;
                }
                let mut line = String::new();
                while let Some(c) = self.bump() {
                    if c == '\n' {
                        break;
                    }
                    line.push(c);
                }
                let check = if h.strip_tabs {
                    line.trim_start_matches('\t').to_string()
                } else {
                    line.clone()
                };
                if check == h.delim {
                    break;
                }
                body.push_str(&check);
                body.push('\n');
            }
            let word = if h.expand {
                let mut sub = Parser::new(&body, self.line);
                sub.depth = self.depth;
                sub.heredoc_word()?
            } else {
                Word {
                    parts: vec![Part::Lit {
                        text: body,
                        quoted: true,
                    }],
                }
            };
            if let Some(slot) = self.heredoc_bodies.get_mut(h.slot) {
                *slot = Some(word);
            }
        }
        Ok(())
    }

    /// A here-document body: `$…`, `` `…` `` and `\$ \` \\ \⏎` are special, the rest literal.
    fn heredoc_word(&mut self) -> R<Word> {
        let mut b = WordBuilder::default();
        while let Some(c) = self.peek() {
            match c {
                '\\' => {
                    self.bump();
                    match self.peek() {
                        Some('\n') => {
                            self.bump();
                        }
                        Some(n @ ('$' | '`' | '\\')) => {
                            self.bump();
                            b.push(n, true);
                        }
                        _ => b.push('\\', true),
                    }
                }
                '$' => self.read_dollar(&mut b, true)?,
                '`' => self.read_backquote(&mut b, true)?,
                _ => {
                    self.bump();
                    b.push(c, true);
                }
            }
        }
        Ok(b.finish())
    }

    fn fill_heredocs(&mut self, list: List) -> List {
        if self.heredoc_bodies.is_empty() {
            return list;
        }
        let bodies = std::mem::take(&mut self.heredoc_bodies);
        let mut list = list;
        fill_list(&mut list, &bodies);
        list
    }

    // ---------------------------------------------------------------- words

    /// Reads one word up to a metacharacter (ash's `readtoken1`). Returns the word and whether
    /// any part of it was quoted.
    fn read_word(&mut self) -> R<(Word, bool)> {
        let mut b = WordBuilder::default();
        let mut quoted = false;
        let start = self.pos;
        while let Some(c) = self.peek() {
            match c {
                ' ' | '\t' | '\n' | ';' | '&' | '|' | '(' | ')' | '<' | '>' => break,
                '\\' => {
                    self.bump();
                    match self.bump() {
                        Some('\n') => {}
                        Some(n) => {
                            quoted = true;
                            b.push(n, true);
                        }
                        None => b.push('\\', false),
                    }
                }
                '\'' => {
                    quoted = true;
                    self.read_squoted(&mut b)?;
                }
                '"' => {
                    quoted = true;
                    self.bump();
                    b.mark_quoted();
                    self.read_dquoted(&mut b)?;
                }
                '$' => {
                    if self.peek_at(1) == Some('\'') {
                        quoted = true;
                        self.bump();
                        self.bump();
                        b.mark_quoted();
                        self.read_dollar_squote(&mut b)?;
                    } else {
                        self.read_dollar(&mut b, false)?;
                    }
                }
                '`' => self.read_backquote(&mut b, false)?,
                '~' if self.pos == start => {
                    self.bump();
                    // `~` alone or `~/…` expands to $HOME; `~user` stays literal.
                    match self.peek() {
                        None
                        | Some('/' | ' ' | '\t' | '\n' | ';' | '&' | '|' | ')' | '<' | '>' | ':') => {
                            b.part(Part::Tilde)
                        }
                        _ => b.push('~', false),
                    }
                }
                _ => {
                    self.bump();
                    b.push(c, false);
                }
            }
        }
        Ok((b.finish(), quoted))
    }

    /// `'…'` from its opening quote: everything up to the closing quote, literally.
    fn read_squoted(&mut self, b: &mut WordBuilder) -> R<()> {
        self.bump();
        b.mark_quoted();
        loop {
            match self.bump() {
                None => return Err(self.err("unterminated quoted string")),
                Some('\'') => return Ok(()),
                Some(ch) => b.push(ch, true),
            }
        }
    }

    fn read_dquoted(&mut self, b: &mut WordBuilder) -> R<()> {
        loop {
            match self.peek() {
                None => return Err(self.err("unterminated quoted string")),
                Some('"') => {
                    self.bump();
                    return Ok(());
                }
                Some('\\') => {
                    self.bump();
                    match self.peek() {
                        Some('\n') => {
                            self.bump();
                        }
                        Some(n @ ('$' | '`' | '"' | '\\')) => {
                            self.bump();
                            b.push(n, true);
                        }
                        _ => b.push('\\', true),
                    }
                }
                Some('$') => self.read_dollar(b, true)?,
                Some('`') => self.read_backquote(b, true)?,
                Some(c) => {
                    self.bump();
                    b.push(c, true);
                }
            }
        }
    }

    /// `$'…'` (ash's bash-compatible ANSI-C quoting).
    fn read_dollar_squote(&mut self, b: &mut WordBuilder) -> R<()> {
        loop {
            match self.bump() {
                None => return Err(self.err("unterminated quoted string")),
                Some('\'') => return Ok(()),
                Some('\\') => {
                    let c = self.bump().unwrap_or('\\');
                    let out = match c {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        'a' => '\u{7}',
                        'b' => '\u{8}',
                        'f' => '\u{c}',
                        'v' => '\u{b}',
                        'e' | 'E' => '\u{1b}',
                        '\\' => '\\',
                        '\'' => '\'',
                        '"' => '"',
                        other => {
                            b.push('\\', true);
                            other
                        }
                    };
                    b.push(out, true);
                }
                Some(c) => b.push(c, true),
            }
        }
    }

    fn read_dollar(&mut self, b: &mut WordBuilder, quoted: bool) -> R<()> {
        self.bump(); // '$'
        match self.peek() {
            Some('(') if self.peek_at(1) == Some('(') => {
                self.bump();
                self.bump();
                let expr = self.read_arith()?;
                b.part(Part::Arith { expr, quoted });
            }
            Some('(') => {
                self.bump();
                let body = self.nested_list()?;
                b.part(Part::Subst {
                    body: Rc::new(body),
                    quoted,
                });
            }
            Some('{') => {
                self.bump();
                let p = self.read_braced_param(quoted)?;
                b.part(Part::Param(Box::new(p)));
            }
            Some(c) if is_name_start(c) => {
                let mut name = String::new();
                while let Some(c) = self.peek() {
                    if !is_name_char(c) {
                        break;
                    }
                    name.push(c);
                    self.bump();
                }
                b.part(Part::Param(Box::new(Param {
                    name,
                    op: ParamOp::Plain,
                    quoted,
                })));
            }
            Some(c) if c.is_ascii_digit() || "@*#?$!-".contains(c) => {
                self.bump();
                b.part(Part::Param(Box::new(Param {
                    name: c.to_string(),
                    op: ParamOp::Plain,
                    quoted,
                })));
            }
            _ => b.push('$', quoted),
        }
        Ok(())
    }

    /// `$(…)`: parses a list up to the matching `)` with the same token machinery.
    fn nested_list(&mut self) -> R<List> {
        self.enter()?;
        let saved = (
            self.pushback,
            self.last,
            std::mem::take(&mut self.word),
            self.quoteflag,
            self.redir.take(),
            self.checkkwd,
        );
        self.pushback = false;
        let r = (|| {
            let list = self.list(0)?;
            if self.readtoken()? != T::Rp {
                return Err(self.unexpected(Some(T::Rp)));
            }
            Ok(list)
        })();
        self.pushback = saved.0;
        self.last = saved.1;
        self.word = saved.2;
        self.quoteflag = saved.3;
        self.redir = saved.4;
        self.checkkwd = saved.5;
        self.leave();
        r
    }

    fn read_backquote(&mut self, b: &mut WordBuilder, quoted: bool) -> R<()> {
        self.bump(); // '`'
        let line = self.line;
        let mut inner = String::new();
        loop {
            match self.bump() {
                None => return Err(self.err("EOF in backquote substitution")),
                Some('`') => break,
                Some('\\') => match self.peek() {
                    Some(c @ ('\\' | '`' | '$')) => {
                        self.bump();
                        inner.push(c);
                    }
                    Some('"') if quoted => {
                        self.bump();
                        inner.push('"');
                    }
                    Some('\n') => {
                        self.bump();
                    }
                    _ => inner.push('\\'),
                },
                Some(c) => inner.push(c),
            }
        }
        self.enter()?;
        let mut sub = Parser::new(&inner, line);
        sub.depth = self.depth;
        let mut body = Vec::new();
        loop {
            match sub.top_line() {
                Ok(Some(list)) => body.extend(list),
                Ok(None) => break,
                Err(e) => {
                    self.leave();
                    return Err(e);
                }
            }
        }
        self.leave();
        b.part(Part::Subst {
            body: Rc::new(body),
            quoted,
        });
        Ok(())
    }

    /// The inside of `$((…))` up to the matching `))`.
    fn read_arith(&mut self) -> R<Word> {
        let mut text = String::new();
        let mut depth = 0u32;
        loop {
            match self.bump() {
                None => return Err(self.err("missing '))'")),
                Some('(') => {
                    depth += 1;
                    text.push('(');
                }
                Some(')') => {
                    if depth == 0 {
                        if self.peek() == Some(')') {
                            self.bump();
                            break;
                        }
                        return Err(self.err("missing '))'"));
                    }
                    depth -= 1;
                    text.push(')');
                }
                Some(c) => text.push(c),
            }
        }
        self.enter()?;
        let mut sub = Parser::new(&text, self.line);
        sub.depth = self.depth;
        let mut b = WordBuilder::default();
        let r = (|| {
            while let Some(c) = sub.peek() {
                match c {
                    '$' => sub.read_dollar(&mut b, true)?,
                    '`' => sub.read_backquote(&mut b, true)?,
                    '"' => {
                        sub.bump();
                        sub.read_dquoted(&mut b)?;
                    }
                    _ => {
                        sub.bump();
                        b.push(c, true);
                    }
                }
            }
            Ok(())
        })();
        self.leave();
        r?;
        Ok(b.finish())
    }

    fn read_braced_param(&mut self, quoted: bool) -> R<Param> {
        let mut name = String::new();
        let mut length = false;
        if self.peek() == Some('#') && !matches!(self.peek_at(1), Some('}') | None) {
            // ${#name}; `${#}` is $#
            length = true;
            self.bump();
        }
        match self.peek() {
            Some(c) if is_name_start(c) => {
                while let Some(c) = self.peek() {
                    if !is_name_char(c) {
                        break;
                    }
                    name.push(c);
                    self.bump();
                }
            }
            Some(c) if c.is_ascii_digit() => {
                while let Some(c) = self.peek() {
                    if !c.is_ascii_digit() {
                        break;
                    }
                    name.push(c);
                    self.bump();
                }
            }
            Some(c) if "@*#?$!-".contains(c) => {
                name.push(c);
                self.bump();
            }
            None => return Err(self.err("missing '}'")),
            _ => return Err(self.err("bad substitution")),
        }
        if length {
            return match self.bump() {
                Some('}') => Ok(Param {
                    name,
                    op: ParamOp::Length,
                    quoted,
                }),
                None => Err(self.err("missing '}'")),
                _ => Err(self.err("bad substitution")),
            };
        }
        let op = match self.bump() {
            None => return Err(self.err("missing '}'")),
            Some('}') => ParamOp::Plain,
            Some(':') => match self.peek() {
                Some(c @ ('-' | '=' | '?' | '+')) => {
                    self.bump();
                    let word = self.read_param_word(quoted, &['}'])?.0;
                    colon_op(c, true, word)
                }
                _ => {
                    let (offset, end) = self.read_param_word(quoted, &[':', '}'])?;
                    let length = if end == ':' {
                        Some(self.read_param_word(quoted, &['}'])?.0)
                    } else {
                        None
                    };
                    ParamOp::Substring { offset, length }
                }
            },
            Some(c @ ('-' | '=' | '?' | '+')) => {
                let word = self.read_param_word(quoted, &['}'])?.0;
                colon_op(c, false, word)
            }
            Some(c @ ('#' | '%')) => {
                let longest = self.peek() == Some(c);
                if longest {
                    self.bump();
                }
                let pattern = self.read_param_word(quoted, &['}'])?.0;
                if c == '#' {
                    ParamOp::TrimPrefix { longest, pattern }
                } else {
                    ParamOp::TrimSuffix { longest, pattern }
                }
            }
            Some('/') => {
                let all = self.peek() == Some('/');
                if all {
                    self.bump();
                }
                let (pattern, end) = self.read_param_word(quoted, &['/', '}'])?;
                let with = if end == '/' {
                    self.read_param_word(quoted, &['}'])?.0
                } else {
                    Word::default()
                };
                ParamOp::Replace { all, pattern, with }
            }
            Some(_) => return Err(self.err("bad substitution")),
        };
        Ok(Param { name, op, quoted })
    }

    /// The word inside `${name<op>…}` up to one of `ends` at nesting level 0.
    fn read_param_word(&mut self, quoted: bool, ends: &[char]) -> R<(Word, char)> {
        let mut b = WordBuilder::default();
        loop {
            let Some(c) = self.peek() else {
                return Err(self.err("missing '}'"));
            };
            if ends.contains(&c) {
                self.bump();
                return Ok((b.finish(), c));
            }
            match c {
                '\\' => {
                    self.bump();
                    if let Some(n) = self.bump() {
                        if n != '\n' {
                            b.push(n, true);
                        }
                    }
                }
                '\'' if !quoted => self.read_squoted(&mut b)?,
                '"' => {
                    self.bump();
                    b.mark_quoted();
                    self.read_dquoted(&mut b)?;
                }
                '$' => self.read_dollar(&mut b, quoted)?,
                '`' => self.read_backquote(&mut b, quoted)?,
                _ => {
                    self.bump();
                    b.push(c, quoted);
                }
            }
        }
    }
}

fn colon_op(c: char, colon: bool, word: Word) -> ParamOp {
    match c {
        '-' => ParamOp::Default { colon, word },
        '=' => ParamOp::Assign { colon, word },
        '?' => ParamOp::Error { colon, word },
        _ => ParamOp::Alt { colon, word },
    }
}

/// Accumulates literal characters into parts, splitting where the quoting changes.
#[derive(Default)]
struct WordBuilder {
    parts: Vec<Part>,
    text: String,
    quoted: bool,
    /// `""` and `''` make a (possibly empty) quoted word.
    empty_quoted: bool,
}

impl WordBuilder {
    fn push(&mut self, c: char, quoted: bool) {
        if !self.text.is_empty() && self.quoted != quoted {
            self.flush();
        }
        self.quoted = quoted;
        self.text.push(c);
    }

    fn mark_quoted(&mut self) {
        self.empty_quoted = true;
    }

    fn flush(&mut self) {
        if !self.text.is_empty() {
            self.parts.push(Part::Lit {
                text: std::mem::take(&mut self.text),
                quoted: self.quoted,
            });
        }
    }

    fn part(&mut self, p: Part) {
        self.flush();
        self.parts.push(p);
    }

    fn finish(mut self) -> Word {
        self.flush();
        if self.parts.is_empty() && self.empty_quoted {
            self.parts.push(Part::Lit {
                text: String::new(),
                quoted: true,
            });
        }
        Word { parts: self.parts }
    }
}

// ---------------------------------------------------------------- heredoc bodies

fn fill_list(list: &mut List, bodies: &[Option<Word>]) {
    for ao in list.iter_mut() {
        fill_pipeline(&mut ao.first, bodies);
        for (_, p) in ao.rest.iter_mut() {
            fill_pipeline(p, bodies);
        }
    }
}

fn fill_pipeline(p: &mut Pipeline, bodies: &[Option<Word>]) {
    for c in p.cmds.iter_mut() {
        fill_command(c, bodies);
    }
}

fn fill_redirs(redirs: &mut [Redir], bodies: &[Option<Word>]) {
    for r in redirs.iter_mut() {
        if let RedirOp::Heredoc { .. } = r.op {
            let slot = r
                .target
                .plain()
                .and_then(|t| t.strip_prefix("\u{0}heredoc"))
                .and_then(|n| n.parse::<usize>().ok());
            if let Some(Some(body)) = slot.and_then(|s| bodies.get(s)) {
                r.target = body.clone();
            } else if slot.is_some() {
                r.target = Word {
                    parts: vec![Part::Lit {
                        text: String::new(),
                        quoted: true,
                    }],
                };
            }
        }
    }
}

fn fill_command(c: &mut Command, bodies: &[Option<Word>]) {
    match c {
        Command::Simple(s) => {
            if s.redirs
                .iter()
                .any(|r| matches!(r.op, RedirOp::Heredoc { .. }))
            {
                fill_redirs(&mut Rc::make_mut(s).redirs, bodies);
            }
        }
        Command::Compound(comp, redirs, _) => {
            fill_redirs(redirs, bodies);
            match comp.as_mut() {
                Compound::Brace(l) | Compound::Subshell(l) => fill_list(l, bodies),
                Compound::If {
                    branches,
                    otherwise,
                } => {
                    for (c, b) in branches.iter_mut() {
                        fill_list(c, bodies);
                        fill_list(b, bodies);
                    }
                    if let Some(o) = otherwise {
                        fill_list(o, bodies);
                    }
                }
                Compound::Loop { cond, body, .. } => {
                    fill_list(cond, bodies);
                    fill_list(body, bodies);
                }
                Compound::For { body, .. } => fill_list(body, bodies),
                Compound::Case { arms, .. } => {
                    for a in arms.iter_mut() {
                        fill_list(&mut a.body, bodies);
                    }
                }
            }
        }
        Command::FuncDef { body, .. } => fill_command(Rc::make_mut(body), bodies),
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn err(src: &str) -> String {
        parse_script(src, 0)
            .error
            .map(|e| e.message)
            .unwrap_or_default()
    }

    #[test]
    fn ash_syntax_errors() {
        assert_eq!(err("if"), "unexpected end of file (expecting \"then\")");
        assert_eq!(
            err("while true; do"),
            "unexpected end of file (expecting \"done\")"
        );
        assert_eq!(err("{ echo"), "unexpected end of file (expecting \"}\")");
        assert_eq!(
            err("echo $(echo"),
            "unexpected end of file (expecting \")\")"
        );
        assert_eq!(err("case x in"), "unexpected end of file (expecting \")\")");
        assert_eq!(err("fi"), "unexpected \"fi\"");
        assert_eq!(err(";"), "unexpected \";\"");
        assert_eq!(err("&&"), "unexpected \"&&\"");
        assert_eq!(err("a |"), "unexpected end of file");
        assert_eq!(err("echo ${x"), "missing '}'");
        assert_eq!(err("echo hi; fi"), "unexpected \"fi\"");
        assert_eq!(err("("), "unexpected end of file (expecting \")\")");
        assert_eq!(err(")"), "unexpected \")\"");
        assert_eq!(err("echo `ls"), "EOF in backquote substitution");
        assert_eq!(err("for"), "bad for loop variable");
        assert_eq!(err("for x in"), "unexpected end of file");
        assert_eq!(err("f() "), "unexpected end of file");
        assert_eq!(err("echo >"), "unexpected end of file");
        assert_eq!(err("if true; then fi"), "unexpected \"fi\"");
        assert_eq!(err("while do done"), "unexpected \"do\"");
        assert_eq!(err("}"), "unexpected \"}\"");
        assert_eq!(err("echo a;;"), "unexpected \";;\"");
        assert_eq!(err("done"), "unexpected \"done\"");
        assert_eq!(err("echo \"abc"), "unterminated quoted string");
        assert_eq!(err("echo $(("), "missing '))'");
        assert_eq!(err("echo ${}"), "bad substitution");
        assert_eq!(err("for x in a; do echo; done done"), "unexpected \"done\"");
    }

    #[test]
    fn lines_before_an_error_are_kept() {
        let s = parse_script("echo hi\nfi", 0);
        assert_eq!(s.lines.len(), 1);
        assert_eq!(s.error.map(|e| e.line), Some(1));
        let s = parse_script("echo hi; fi", 0);
        assert_eq!(s.lines.len(), 0);
    }

    #[test]
    fn valid_scripts_parse() {
        for src in [
            "touch /tmp/healthy; sleep 30; rm -rf /tmp/healthy; sleep 600",
            "until nslookup k8sbook; do echo waiting for k8sbook service; sleep 1; done; echo Service found!",
            "while true; do if [[ -e /etc/podinfo/labels ]]; then echo -en '\\n\\n'; cat /etc/podinfo/labels; fi; sleep 5; done;",
            "case $x in a|b) echo ab;; (c) echo c;; *) ;; esac",
            "f() { echo $1; return 2; }; f a || echo failed",
            "function g { echo g; }",
            "x=$(echo `echo hi`); echo \"${x:-none} ${#x} ${x%i}\" $((1 + 2 * 3))",
            "cat <<EOF > /tmp/a\nline $HOME\nEOF\necho done",
            "(cd /tmp && ls) | wc -l 2>/dev/null >&2",
            "[[ a && b ]] || exit 3",
            "for i in 1 2 3\ndo\n  echo $i\ndone",
            "trap 'echo bye; exit 0' TERM\nsleep 1000 &\nwait",
        ] {
            let s = parse_script(src, 0);
            assert!(s.error.is_none(), "{src}: {:?}", s.error);
            assert!(!s.lines.is_empty(), "{src}");
        }
    }

    #[test]
    fn heredoc_bodies_are_attached() {
        let s = parse_script("cat <<EOF\na $X\nEOF\n", 0);
        let Command::Simple(simple) = &s.lines[0][0].first.cmds[0] else {
            panic!("not simple")
        };
        let r = &simple.redirs[0];
        assert_eq!(r.op, RedirOp::Heredoc { expand: true });
        assert!(matches!(&r.target.parts[0], Part::Lit { text, .. } if text == "a "));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let src = "(".repeat(5000);
        assert!(err(&src).contains("nesting too deep"));
        let src = "$(".repeat(5000);
        assert!(err(&format!("echo {src}")).contains("nesting too deep"));
    }
}
