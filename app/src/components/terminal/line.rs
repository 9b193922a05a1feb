//! The prompt's line editing, as plain data (tested on the host): xterm.js hands over what was
//! typed or pasted as a string of characters and escape sequences; [`LineEditor::feed`] edits the
//! line, runs complete commands through a [`Prompt`] and answers what to write on the screen.
//!
//! Keys: printable text, Backspace, Delete, Left/Right, Home/End (and Ctrl-A/Ctrl-E), Ctrl-U
//! (erase the line), Ctrl-C (drop the line, or the lines of an unfinished command), Ctrl-L (clear
//! the screen), Up/Down (history of this session's commands), Tab (completion: a single candidate
//! is inserted, several give their common prefix, then a list as bash shows it). Enter runs the
//! line when the command is complete; else (an open here-document, a trailing `\`) the prompt
//! becomes `> ` and the next lines belong to the same command. A pasted text is typed character
//! by character, so a pasted heredoc works as typed.
//!
//! Command output is the simulation's text: before it reaches xterm every control character but
//! newline and tab is shown as its Unicode control picture (`␛` for ESC), so that nothing printed
//! by a command can move the cursor, change colours or talk to the terminal. The one escape the
//! terminal obeys is `clear`'s, which the prompt recognises and performs itself.

/// What the terminal's owner provides: the session's completion and its commands.
pub trait Prompt {
    /// Completion candidates for `line` with the cursor at byte `cursor` (whole words).
    fn complete(&self, line: &str, cursor: usize) -> Vec<String>;
    /// Is this (possibly multi-line) text a whole command, or does it need more lines?
    fn is_complete(&self, text: &str) -> bool;
    /// Runs a command; answers its output (stdout and stderr as typed at a terminal).
    fn run(&mut self, command: &str) -> String;
    /// The prompt the next command is typed at (a container shell's after `kubectl exec -it`).
    fn prompt(&self) -> String {
        PROMPT.to_string()
    }
    /// Whether the command just run still waits (`kubectl edit` has the app's editor open): no
    /// prompt until [`LineEditor::resume`].
    fn waiting(&self) -> bool {
        false
    }
}

pub const PROMPT: &str = "$ ";
pub const CONTINUATION: &str = "> ";
/// What `clear` prints for an xterm (core's `session::term`), performed by the screen itself.
pub const CLEAR: &str = "\x1b[H\x1b[2J";
/// What the screen is sent to clear itself and its scrollback.
const CLEAR_SCREEN: &str = "\x1b[H\x1b[2J\x1b[3J";

#[derive(Clone, Debug, Default)]
pub struct LineEditor {
    /// The line being edited.
    buf: Vec<char>,
    /// Cursor, in characters of `buf`.
    cursor: usize,
    /// Earlier lines of a command that is not complete yet (heredoc, `\`).
    pending: Vec<String>,
    /// Commands run (single-line ones are offered by Up/Down).
    history: Vec<String>,
    /// Where Up/Down is in the history (None: the line being typed).
    browsing: Option<usize>,
    /// The line being typed, kept while browsing the history.
    typed: Vec<char>,
    /// The screen's width in columns.
    cols: usize,
    /// The prompt when it is not `$ ` (inside a container's shell).
    ps1: Option<String>,
    /// A command waits (`kubectl edit`): what is typed meanwhile is ignored.
    held: bool,
    /// Screen rows of the earlier lines of a recalled multi-line command (a heredoc), drawn
    /// above the line being edited (its last line).
    recalled_rows: usize,
}

impl LineEditor {
    pub fn new(cols: usize) -> LineEditor {
        LineEditor {
            cols: cols.max(2),
            ..LineEditor::default()
        }
    }

    pub fn set_cols(&mut self, cols: usize) {
        self.cols = cols.max(2);
    }

    /// Remembers commands run before (a restored session) for Up/Down.
    pub fn remember(&mut self, command: &str) {
        self.history.push(command.to_string());
    }

    /// The prompt of the current line.
    pub fn prompt(&self) -> &str {
        if self.pending.is_empty() {
            self.ps1.as_deref().unwrap_or(PROMPT)
        } else {
            CONTINUATION
        }
    }

    /// Sets the prompt of the next lines (the session's: `$ `, or a container shell's).
    pub fn set_prompt(&mut self, prompt: &str) {
        self.ps1 = (prompt != PROMPT).then(|| prompt.to_string());
    }

    /// Whether the line is the first of a command (not a heredoc's continuation).
    pub fn at_first_line(&self) -> bool {
        self.pending.is_empty()
    }

    /// The line being edited (for tests and the screen's first draw).
    pub fn line(&self) -> String {
        self.buf.iter().collect()
    }

    /// Types `data` (keys or a paste); answers what to write on the screen.
    pub fn feed(&mut self, data: &str, prompt: &mut dyn Prompt) -> String {
        let mut out = String::new();
        if self.held {
            return out;
        }
        let chars: Vec<char> = data.chars().collect();
        let mut i = 0;
        while let Some(&c) = chars.get(i) {
            i += 1;
            match c {
                '\x1b' => {
                    let (key, used) = escape(chars.get(i..).unwrap_or(&[]));
                    i += used;
                    self.key(key, &mut out);
                }
                '\r' | '\n' => {
                    // A pasted "\r\n" is one Enter.
                    if c == '\r' && chars.get(i) == Some(&'\n') {
                        i += 1;
                    }
                    self.enter(prompt, &mut out);
                }
                '\x7f' | '\x08' => self.key(Key::Backspace, &mut out),
                '\x01' => self.key(Key::Home, &mut out),
                '\x05' => self.key(Key::End, &mut out),
                '\x03' => {
                    let end = self.buf.len();
                    out.push_str(&self.move_cursor(self.cursor, end));
                    out.push_str("^C\r\n");
                    self.pending.clear();
                    self.reset_line();
                    out.push_str(self.prompt());
                }
                '\x0c' => {
                    out.push_str(CLEAR_SCREEN);
                    out.push_str(&self.render_from_prompt());
                }
                '\x15' => {
                    self.buf.clear();
                    self.cursor = 0;
                    out.push_str(&self.redraw(self.cursor));
                }
                '\t' => self.tab(prompt, &mut out),
                c if (c as u32) < 0x20 || c == '\u{7f}' || ('\u{80}'..='\u{9f}').contains(&c) => {}
                c => {
                    let old = self.cursor;
                    self.buf.insert(self.cursor, c);
                    self.cursor += 1;
                    if self.cursor == self.buf.len() {
                        // Typing at the end: the character only.
                        let (row, _) = self.pos(old);
                        let (new_row, col) = self.pos(self.cursor);
                        out.push(c);
                        if new_row > row && col == 0 {
                            // xterm waits at the last column: move to the next row now.
                            out.push_str(" \r\x1b[K");
                        }
                    } else {
                        out.push_str(&self.redraw(old));
                    }
                }
            }
        }
        out
    }

    fn reset_line(&mut self) {
        self.buf.clear();
        self.cursor = 0;
        self.browsing = None;
        self.typed.clear();
        self.recalled_rows = 0;
    }

    fn key(&mut self, key: Key, out: &mut String) {
        let old = self.cursor;
        match key {
            Key::Left => self.cursor = self.cursor.saturating_sub(1),
            Key::Right => self.cursor = (self.cursor + 1).min(self.buf.len()),
            Key::Home => self.cursor = 0,
            Key::End => self.cursor = self.buf.len(),
            Key::Backspace => {
                if self.cursor == 0 {
                    return;
                }
                self.cursor -= 1;
                self.buf.remove(self.cursor);
            }
            Key::Delete => {
                if self.cursor >= self.buf.len() {
                    return;
                }
                self.buf.remove(self.cursor);
            }
            Key::Up | Key::Down => {
                // (a heredoc being typed keeps its lines; a recalled one is browsed on)
                if !self.pending.is_empty() && self.recalled_rows == 0 {
                    return;
                }
                let n = self.history.len();
                let next = match (key, self.browsing) {
                    (Key::Up, None) => n.checked_sub(1),
                    (Key::Up, Some(b)) => Some(b.saturating_sub(1)),
                    (_, Some(b)) => (b + 1 < n).then_some(b + 1),
                    (_, None) => return,
                };
                if self.browsing.is_none() {
                    self.typed = self.buf.clone();
                }
                // back to the first row of what is drawn: the recalled lines and the line
                let (row, _) = self.pos(old);
                let up = row + self.recalled_rows;
                if up > 0 {
                    out.push_str(&format!("\x1b[{up}A"));
                }
                out.push_str("\r\x1b[J");
                self.pending.clear();
                self.recalled_rows = 0;
                match next {
                    Some(i) => {
                        self.browsing = Some(i);
                        // a multi-line command comes back whole: its earlier lines above, the
                        // last one to edit (Enter runs it all)
                        let h = self.history.get(i).cloned().unwrap_or_default();
                        let mut lines: Vec<&str> = h.split('\n').collect();
                        let last = lines.pop().unwrap_or("");
                        for l in &lines {
                            let p = self.prompt().to_string();
                            let width = p.chars().count() + l.chars().map(char_width).sum::<usize>();
                            self.recalled_rows += width.max(1).div_ceil(self.cols);
                            out.push_str(&p);
                            out.push_str(&screen_text(l));
                            out.push_str("\r\n");
                            self.pending.push((*l).to_string());
                        }
                        self.buf = last.chars().collect();
                    }
                    None => {
                        self.browsing = None;
                        self.buf = std::mem::take(&mut self.typed);
                    }
                }
                self.cursor = self.buf.len();
                out.push_str(&self.render_from_prompt());
                return;
            }
            Key::None => return,
        }
        out.push_str(&self.redraw(old));
    }

    fn enter(&mut self, prompt: &mut dyn Prompt, out: &mut String) {
        // The cursor goes below the whole line first.
        let end = self.buf.len();
        out.push_str(&self.move_cursor(self.cursor, end));
        out.push_str("\r\n");
        let line = self.line();
        let mut text = self.pending.join("\n");
        if !self.pending.is_empty() {
            text.push('\n');
        }
        text.push_str(&line);
        self.reset_line();
        if text.trim().is_empty() && self.pending.is_empty() {
            let p = self.prompt().to_string();
            out.push_str(&p);
            return;
        }
        if !prompt.is_complete(&text) {
            self.pending.push(line);
            out.push_str(CONTINUATION);
            return;
        }
        self.pending.clear();
        self.history.push(text.clone());
        let output = prompt.run(&text);
        if prompt.waiting() {
            out.push_str(&screen_text(&output));
            self.held = true;
            return;
        }
        self.finish_output(&output, &prompt.prompt(), out);
    }

    /// A command's output (or its rest) and the next prompt.
    fn finish_output(&mut self, output: &str, next: &str, out: &mut String) {
        out.push_str(&screen_text(output));
        if !output.is_empty() && !output.ends_with('\n') && !output.ends_with(CLEAR) {
            out.push_str("\r\n");
        }
        self.set_prompt(next);
        let p = self.prompt().to_string();
        out.push_str(&p);
    }

    /// A command waits (typed before the screen opened, or restored).
    pub fn hold(&mut self) {
        self.held = true;
    }

    /// Whether a command waits (no prompt is shown, typing is ignored).
    pub fn held(&self) -> bool {
        self.held
    }

    /// The command that waited printed `more`: still waiting (`done` false) it is shown, else it
    /// is shown with the prompt `next` and typing goes on.
    pub fn resume(&mut self, more: &str, done: bool, next: &str) -> String {
        let mut out = String::new();
        if !done {
            out.push_str(&screen_text(more));
            return out;
        }
        self.held = false;
        self.finish_output(more, next, &mut out);
        out
    }

    fn tab(&mut self, prompt: &mut dyn Prompt, out: &mut String) {
        let head: String = self.buf.get(..self.cursor).unwrap_or(&[]).iter().collect();
        // Completion sees the whole command so far (a continuation line completes on its own).
        let candidates = prompt.complete(&head, head.len());
        let partial: String = head
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("")
            .to_string();
        let common = common_prefix(&candidates);
        let insert = match candidates.as_slice() {
            [] => return,
            // a directory goes on (no space after it)
            [one] => format!("{}{}", one.strip_prefix(partial.as_str()).unwrap_or(""), if one.ends_with('/') { "" } else { " " }),
            _ => common
                .strip_prefix(partial.as_str())
                .unwrap_or("")
                .to_string(),
        };
        if !insert.is_empty() {
            let old = self.cursor;
            for c in insert.chars() {
                self.buf.insert(self.cursor, c);
                self.cursor += 1;
            }
            out.push_str(&self.redraw(old));
            return;
        }
        // Several candidates and nothing more in common: list them under the line, as bash does
        // at the second Tab, and draw the prompt again.
        let end = self.buf.len();
        out.push_str(&self.move_cursor(self.cursor, end));
        out.push_str("\r\n");
        out.push_str(&columns(&candidates, self.cols));
        out.push_str(&self.render_from_prompt());
    }

    /// The prompt and line drawn from the start of a fresh row, the cursor put in place.
    fn render_from_prompt(&self) -> String {
        let mut out = String::from(self.prompt());
        out.push_str(&self.line());
        out.push_str(&self.wrap_fix(self.buf.len()));
        out.push_str(&self.move_cursor(self.buf.len(), self.cursor));
        out
    }

    /// Draws the line again (the cursor was at `from`), then puts the cursor in place.
    fn redraw(&self, from: usize) -> String {
        let (row, _) = self.pos(from);
        let mut out = String::new();
        if row > 0 {
            out.push_str(&format!("\x1b[{row}A"));
        }
        out.push_str("\r\x1b[J");
        out.push_str(&self.render_from_prompt());
        out
    }

    /// After writing up to `at`: when that ends exactly at the right margin, xterm keeps the
    /// cursor on the last column; this moves it to the next row as the arithmetic expects.
    fn wrap_fix(&self, at: usize) -> String {
        let w = self.width_to(at);
        if w > 0 && w % self.cols == 0 {
            " \r\x1b[K".to_string()
        } else {
            String::new()
        }
    }

    /// Moves the cursor from character `from` of the line to `to`.
    fn move_cursor(&self, from: usize, to: usize) -> String {
        if from == to {
            return String::new();
        }
        let (r0, _) = self.pos(from);
        let (r1, c1) = self.pos(to);
        let mut out = String::new();
        if r1 < r0 {
            out.push_str(&format!("\x1b[{}A", r0 - r1));
        } else if r1 > r0 {
            out.push_str(&format!("\x1b[{}B", r1 - r0));
        }
        out.push('\r');
        if c1 > 0 {
            out.push_str(&format!("\x1b[{c1}C"));
        }
        out
    }

    /// Columns from the prompt's start to character `at` of the line.
    fn width_to(&self, at: usize) -> usize {
        self.prompt().len()
            + self
                .buf
                .get(..at.min(self.buf.len()))
                .unwrap_or(&[])
                .iter()
                .map(|c| char_width(*c))
                .sum::<usize>()
    }

    /// Row (from the prompt's row) and column of character `at`.
    fn pos(&self, at: usize) -> (usize, usize) {
        let w = self.width_to(at);
        (w / self.cols, w % self.cols)
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Key {
    Left,
    Right,
    Up,
    Down,
    Home,
    End,
    Backspace,
    Delete,
    None,
}

/// The key of an escape sequence (after ESC) and how many characters it took.
fn escape(rest: &[char]) -> (Key, usize) {
    let s: String = rest.iter().take(8).collect();
    for (seq, key) in [
        ("[A", Key::Up),
        ("[B", Key::Down),
        ("[C", Key::Right),
        ("[D", Key::Left),
        ("[H", Key::Home),
        ("[F", Key::End),
        ("OA", Key::Up),
        ("OB", Key::Down),
        ("OC", Key::Right),
        ("OD", Key::Left),
        ("OH", Key::Home),
        ("OF", Key::End),
        ("[1~", Key::Home),
        ("[7~", Key::Home),
        ("[4~", Key::End),
        ("[8~", Key::End),
        ("[3~", Key::Delete),
    ] {
        if s.starts_with(seq) {
            return (key, seq.len());
        }
    }
    // Another CSI sequence (a modified arrow, a function key): skipped whole.
    if rest.first() == Some(&'[') {
        let n = rest
            .iter()
            .skip(1)
            .position(|c| ('@'..='~').contains(c))
            .map_or(rest.len(), |p| p + 2);
        return (Key::None, n);
    }
    (Key::None, usize::from(!rest.is_empty()))
}

/// Output as the screen gets it: `\n` as `\r\n`; `clear`'s escape kept; every other control
/// character (ESC, C1 controls, …) shown as its control picture, never obeyed.
pub fn screen_text(output: &str) -> String {
    let mut out = String::with_capacity(output.len() + 16);
    for (i, part) in output.split(CLEAR).enumerate() {
        if i > 0 {
            out.push_str(CLEAR_SCREEN);
        }
        for c in part.chars() {
            match c {
                '\n' => out.push_str("\r\n"),
                '\t' => out.push('\t'),
                c if (c as u32) < 0x20 => {
                    out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'))
                }
                '\u{7f}' => out.push('\u{2421}'),
                c if ('\u{80}'..='\u{9f}').contains(&c) => out.push('\u{fffd}'),
                c => out.push(c),
            }
        }
    }
    out
}

/// Columns a character takes in the terminal (East Asian wide characters take two).
fn char_width(c: char) -> usize {
    let u = c as u32;
    let wide = matches!(u,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x1F300..=0x1F64F | 0x1F900..=0x1F9FF | 0x20000..=0x3FFFD);
    if wide {
        2
    } else {
        1
    }
}

fn common_prefix(words: &[String]) -> String {
    let Some(first) = words.first() else {
        return String::new();
    };
    let mut n = first.len();
    for w in words.iter().skip(1) {
        n = first
            .char_indices()
            .zip(w.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((i, a), _)| i + a.len_utf8())
            .min(n);
    }
    first.get(..n).unwrap_or("").to_string()
}

/// Candidates in columns across the screen's width, as bash lists them.
fn columns(words: &[String], cols: usize) -> String {
    let width = words.iter().map(|w| w.chars().count()).max().unwrap_or(0) + 2;
    let per_row = (cols / width.max(1)).max(1);
    let mut out = String::new();
    for row in words.chunks(per_row) {
        let line: Vec<String> = row.iter().map(|w| format!("{w:<width$}")).collect();
        out.push_str(line.concat().trim_end());
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A prompt that records what it ran and completes from a fixed list.
    struct Fake {
        ran: Vec<String>,
        words: Vec<&'static str>,
    }

    impl Prompt for Fake {
        fn complete(&self, line: &str, cursor: usize) -> Vec<String> {
            let head = &line[..cursor];
            let partial = head.rsplit(' ').next().unwrap_or("");
            self.words.iter().filter(|w| w.starts_with(partial)).map(|w| w.to_string()).collect()
        }
        fn is_complete(&self, text: &str) -> bool {
            !text.contains("<<EOF") || text.lines().skip(1).any(|l| l == "EOF")
        }
        fn prompt(&self) -> String {
            // inside a container shell after `sh`, until `exit`
            match self.ran.iter().rev().find(|c| *c == "sh" || *c == "exit").map(String::as_str) {
                Some("sh") => "/ # ".into(),
                _ => PROMPT.into(),
            }
        }
        fn waiting(&self) -> bool {
            self.ran.last().is_some_and(|c| c == "edit")
        }
        fn run(&mut self, command: &str) -> String {
            self.ran.push(command.to_string());
            match command {
                "clear" => CLEAR.to_string(),
                "evil" => "a\x1b]0;title\x07b\u{9b}2J\n".to_string(),
                c => format!("ran {c}\n"),
            }
        }
    }

    fn fake() -> Fake {
        Fake { ran: Vec::new(), words: vec!["kubectl", "get", "pods", "pod/web", "po"] }
    }

    #[test]
    fn the_prompt_follows_the_session() {
        let (mut e, mut p) = (LineEditor::new(80), fake());
        let out = e.feed("sh\r", &mut p);
        assert!(out.ends_with("\r\nran sh\r\n/ # "), "{out:?}");
        assert_eq!(e.prompt(), "/ # ");
        // the cursor's column counts the container's prompt
        e.feed("ab", &mut p);
        let home = e.feed("\x01", &mut p);
        assert!(home.ends_with("\r\x1b[4C"), "{home:?}");
        e.feed("\x15", &mut p);
        let out = e.feed("exit\r", &mut p);
        assert!(out.ends_with("\r\n$ "), "{out:?}");
        assert_eq!(e.prompt(), PROMPT);
    }

    #[test]
    fn a_waiting_command_holds_the_prompt_and_typing_until_it_resumes() {
        let (mut e, mut p) = (LineEditor::new(80), fake());
        let out = e.feed("edit\r", &mut p);
        assert!(out.ends_with("\r\nran edit\r\n"), "no prompt while the editor is open: {out:?}");
        assert!(e.held());
        assert_eq!(e.feed("ls\r", &mut p), "", "typing is ignored meanwhile");
        assert_eq!(p.ran, vec!["edit".to_string()]);
        assert_eq!(e.resume("error: x\n", false, PROMPT), "error: x\r\n");
        assert!(e.held());
        assert_eq!(e.resume("pod/web edited", true, PROMPT), "pod/web edited\r\n$ ");
        assert!(!e.held());
        e.feed("ls\r", &mut p);
        assert_eq!(p.ran.last().map(String::as_str), Some("ls"));
    }

    #[test]
    fn editing_keys_change_the_line_before_it_runs() {
        let (mut e, mut p) = (LineEditor::new(80), fake());
        e.feed("kubectl get pdos", &mut p);
        // Left twice, Backspace, retype: "pods".
        e.feed("\x1b[D\x1b[D\x7f\x1b[Cd", &mut p);
        assert_eq!(e.line(), "kubectl get pods");
        e.feed("\x01# \x05", &mut p);
        assert_eq!(e.line(), "# kubectl get pods");
        e.feed("\x1b[H\x1b[3~\x1b[3~", &mut p);
        assert_eq!(e.line(), "kubectl get pods");
        let out = e.feed("\r", &mut p);
        assert_eq!(p.ran, vec!["kubectl get pods"]);
        assert!(out.ends_with("\r\nran kubectl get pods\r\n$ "), "{out:?}");
    }

    #[test]
    fn ctrl_c_drops_the_line_and_an_unfinished_heredoc() {
        let (mut e, mut p) = (LineEditor::new(80), fake());
        e.feed("cat <<EOF\rabc\r", &mut p);
        assert_eq!(e.prompt(), CONTINUATION);
        let out = e.feed("x\x03", &mut p);
        assert!(out.ends_with("^C\r\n$ "), "{out:?}");
        assert_eq!(e.prompt(), PROMPT);
        assert!(p.ran.is_empty());
    }

    #[test]
    fn a_pasted_heredoc_runs_as_one_command() {
        let (mut e, mut p) = (LineEditor::new(80), fake());
        let out = e.feed("cat <<EOF\r\nline 1\r\nEOF\r\necho after\r\n", &mut p);
        assert_eq!(p.ran, vec!["cat <<EOF\nline 1\nEOF", "echo after"]);
        assert!(out.contains("\r\n> line 1\r\n> EOF\r\nran cat"), "{out:?}");
    }

    #[test]
    fn history_walks_single_line_commands_and_returns_to_the_typed_line() {
        let (mut e, mut p) = (LineEditor::new(80), fake());
        e.feed("one\rtwo\rpartial", &mut p);
        e.feed("\x1b[A", &mut p);
        assert_eq!(e.line(), "two");
        e.feed("\x1b[A\x1b[A", &mut p);
        assert_eq!(e.line(), "one", "stops at the oldest");
        e.feed("\x1b[B\x1b[B", &mut p);
        assert_eq!(e.line(), "partial");
    }

    #[test]
    fn a_heredoc_comes_back_whole_from_the_history() {
        let (mut e, mut p) = (LineEditor::new(80), fake());
        e.feed("cat <<EOF\ra\rEOF\rone\r", &mut p);
        assert_eq!(p.ran, vec!["cat <<EOF\na\nEOF".to_string(), "one".to_string()]);
        e.feed("\x1b[A", &mut p);
        assert_eq!(e.line(), "one");
        let out = e.feed("\x1b[A", &mut p);
        assert_eq!(out, "\r\x1b[J$ cat <<EOF\r\n> a\r\n> EOF", "the earlier lines are drawn above the last");
        assert_eq!(e.line(), "EOF");
        // Down from it: the lines drawn are cleared (two rows up) and the next command shown
        let out = e.feed("\x1b[B", &mut p);
        assert_eq!(out, "\x1b[2A\r\x1b[J$ one");
        e.feed("\x1b[A", &mut p);
        e.feed("\r", &mut p);
        assert_eq!(p.ran.last().map(String::as_str), Some("cat <<EOF\na\nEOF"), "Enter runs it whole");
    }

    #[test]
    fn tab_inserts_one_candidate_the_common_prefix_or_lists_them() {
        let (mut e, mut p) = (LineEditor::new(80), fake());
        e.feed("kub\t", &mut p);
        assert_eq!(e.line(), "kubectl ");
        e.feed("get p\t", &mut p);
        assert_eq!(e.line(), "kubectl get po", "common prefix of pods, pod/web, po");
        let out = e.feed("\t", &mut p);
        assert!(out.contains("\r\npods     pod/web  po\r\n$ kubectl get po"), "{out:?}");
    }

    #[test]
    fn output_cannot_drive_the_terminal_but_clear_does() {
        let (mut e, mut p) = (LineEditor::new(80), fake());
        let out = e.feed("evil\r", &mut p);
        assert!(out.contains("a␛]0;title␇b\u{fffd}2J\r\n"), "{out:?}");
        let after_prompt = out.split("evil\r\n").nth(1).unwrap_or("");
        assert!(!after_prompt.contains('\x1b'), "{out:?}");
        let out = e.feed("clear\r", &mut p);
        assert!(out.ends_with("\x1b[H\x1b[2J\x1b[3J$ "), "{out:?}");
    }

    #[test]
    fn long_lines_wrap_and_the_cursor_comes_back_over_rows() {
        let (mut e, mut p) = (LineEditor::new(10), fake());
        e.feed("abcdefgh", &mut p); // "$ " + 8 = 10 columns: the margin
        assert_eq!(e.pos(8), (1, 0));
        let out = e.feed("\x01", &mut p);
        assert!(out.starts_with("\x1b[1A\r\x1b[J$ abcdefgh \r\x1b[K\x1b[1A\r\x1b[2C"), "{out:?}");
        assert_eq!(LineEditor::new(80).width_to(0), 2);
        let mut wide = LineEditor::new(80);
        wide.feed("中文", &mut p);
        assert_eq!(wide.width_to(2), 6);
    }
}
