//! The regular expressions of `grep`: a small backtracking matcher, bounded so that no pattern
//! can hang the simulation.

/// A small regular-expression matcher for `grep` (basic and extended syntax: `^ $ . * + ?
/// [...] \` and `|` at the top level). Backtracking is bounded by [`REGEX_STEPS`].
pub struct Regex {
    alts: Vec<Vec<Node>>,
}

/// Most matching steps per line.
pub const REGEX_STEPS: usize = 100_000;

#[derive(Clone, Debug)]
enum Atom {
    Char(char),
    Any,
    Class(Vec<(char, char)>, bool),
    Start,
    End,
}

#[derive(Clone, Debug)]
struct Node {
    atom: Atom,
    min: usize,
    max: usize,
}

impl Regex {
    pub fn new(p: &str) -> Regex {
        let alts = split_top(p, '|')
            .into_iter()
            .map(|a| parse_re(&a))
            .collect();
        Regex { alts }
    }

    pub fn is_match(&self, s: &str) -> bool {
        let t: Vec<char> = s.chars().collect();
        self.find_in(&t, 0, true).is_some()
    }

    /// The leftmost match in `t` starting at or after char `from` (the longest of the
    /// alternatives that match there): (start, end) in chars. `bol`: `^` may match at `from`
    /// only when it is the start of the line (sed's later matches on a line are not at its start).
    pub fn find_in(&self, t: &[char], from: usize, bol: bool) -> Option<(usize, usize)> {
        for start in from..=t.len() {
            let mut best: Option<usize> = None;
            for alt in &self.alts {
                let anchored = matches!(alt.first(), Some(Node { atom: Atom::Start, .. }));
                if anchored && (start != 0 || !bol) {
                    continue;
                }
                let mut steps = 0;
                if let Some(end) = match_here(alt, t, start, &mut steps) {
                    best = Some(best.map_or(end, |b: usize| b.max(end)));
                }
            }
            if let Some(end) = best {
                return Some((start, end));
            }
        }
        None
    }
}

fn split_top(p: &str, sep: char) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut esc = false;
    let mut in_class = false;
    for ch in p.chars() {
        if esc {
            if ch == '|' {
                out.push(String::new());
            } else if let Some(l) = out.last_mut() {
                l.push('\\');
                l.push(ch);
            }
            esc = false;
            continue;
        }
        match ch {
            '\\' => esc = true,
            '[' => {
                in_class = true;
                if let Some(l) = out.last_mut() {
                    l.push(ch);
                }
            }
            ']' => {
                in_class = false;
                if let Some(l) = out.last_mut() {
                    l.push(ch);
                }
            }
            c if c == sep && !in_class => out.push(String::new()),
            c => {
                if let Some(l) = out.last_mut() {
                    l.push(c);
                }
            }
        }
    }
    out
}

fn parse_re(p: &str) -> Vec<Node> {
    let c: Vec<char> = p.chars().collect();
    let mut nodes: Vec<Node> = Vec::new();
    let mut i = 0;
    while let Some(&ch) = c.get(i) {
        let atom = match ch {
            '^' if i == 0 => Atom::Start,
            '$' if i + 1 == c.len() => Atom::End,
            '.' => Atom::Any,
            '[' => {
                let mut j = i + 1;
                let neg = matches!(c.get(j), Some('^'));
                if neg {
                    j += 1;
                }
                let mut ranges = Vec::new();
                let mut first = true;
                while let Some(&lo) = c.get(j).filter(|x| **x != ']' || first) {
                    first = false;
                    if let (Some('-'), Some(&hi)) =
                        (c.get(j + 1), c.get(j + 2).filter(|e| **e != ']'))
                    {
                        ranges.push((lo, hi));
                        j += 3;
                    } else {
                        ranges.push((lo, lo));
                        j += 1;
                    }
                }
                i = j;
                Atom::Class(ranges, neg)
            }
            '\\' if i + 1 < c.len() => {
                i += 1;
                match c.get(i).copied().unwrap_or('\\') {
                    'd' => Atom::Class(vec![('0', '9')], false),
                    'w' => Atom::Class(vec![('a', 'z'), ('A', 'Z'), ('0', '9'), ('_', '_')], false),
                    's' => Atom::Class(vec![(' ', ' '), ('\t', '\t')], false),
                    other => Atom::Char(other),
                }
            }
            '(' | ')' => {
                i += 1;
                continue;
            }
            ch => Atom::Char(ch),
        };
        i += 1;
        let (min, max) = match c.get(i) {
            Some('*') => {
                i += 1;
                (0, usize::MAX)
            }
            Some('+') => {
                i += 1;
                (1, usize::MAX)
            }
            Some('?') => {
                i += 1;
                (0, 1)
            }
            _ => (1, 1),
        };
        nodes.push(Node { atom, min, max });
    }
    nodes
}

fn atom_matches(a: &Atom, ch: char) -> bool {
    match a {
        Atom::Char(c) => *c == ch,
        Atom::Any => true,
        Atom::Class(r, neg) => r.iter().any(|(lo, hi)| *lo <= ch && ch <= *hi) != *neg,
        Atom::Start | Atom::End => false,
    }
}

fn match_here(nodes: &[Node], t: &[char], pos: usize, steps: &mut usize) -> Option<usize> {
    // iterative over nodes with explicit backtracking stack
    let mut stack: Vec<(usize, usize, usize)> = Vec::new(); // (node index, text pos, count tried)
    let mut ni = 0;
    let mut tp = pos;
    loop {
        *steps += 1;
        if *steps > REGEX_STEPS {
            return None;
        }
        let Some(node) = nodes.get(ni) else {
            return Some(tp);
        };
        match node.atom {
            Atom::Start => {
                if tp == 0 {
                    ni += 1;
                    continue;
                }
            }
            Atom::End => {
                if tp == t.len() {
                    ni += 1;
                    continue;
                }
            }
            _ => {
                // greedy: count how many can match
                let mut n = 0;
                while n < node.max
                    && t.get(tp + n)
                        .is_some_and(|&ch| atom_matches(&node.atom, ch))
                {
                    n += 1;
                }
                if n >= node.min {
                    stack.push((ni, tp, n));
                    tp += n;
                    ni += 1;
                    continue;
                }
            }
        }
        // backtrack
        loop {
            let (bi, bp, bn) = stack.pop()?;
            if nodes.get(bi).is_some_and(|b| bn > b.min) {
                stack.push((bi, bp, bn - 1));
                ni = bi + 1;
                tp = bp + bn - 1;
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn regex_subset() {
        assert!(Regex::new("nginx").is_match("a nginx b"));
        assert!(Regex::new("^ng.*x$").is_match("nginx"));
        assert!(!Regex::new("^x").is_match("nginx"));
        assert!(Regex::new("[0-9]+").is_match("port 80"));
        assert!(Regex::new("a|b").is_match("xbx"));
        assert!(!Regex::new("(a*)*b").is_match(&"a".repeat(200)));
    }
}
