//! `expr`'s expression language, the subset the playground models: `|`, `&`, comparisons,
//! `+ - * / %`, `length` and parentheses (busybox's and coreutils' precedence).

/// Evaluates `expr ARGS…`: the result as printed, or the error after `expr: `.
pub fn evaluate(args: &[String]) -> Result<String, String> {
    let mut p = ExprParser { a: args, i: 0 };
    let v = p.or()?;
    if p.i == args.len() {
        Ok(v.text())
    } else {
        Err("syntax error".to_string())
    }
}

enum EVal {
    N(i64),
    S(String),
}

impl EVal {
    fn text(&self) -> String {
        match self {
            EVal::N(n) => n.to_string(),
            EVal::S(s) => s.clone(),
        }
    }
    fn num(&self) -> Result<i64, String> {
        match self {
            EVal::N(n) => Ok(*n),
            EVal::S(s) => s
                .trim()
                .parse()
                .map_err(|_| "non-numeric argument".to_string()),
        }
    }
    fn truthy(&self) -> bool {
        let t = self.text();
        !(t.is_empty() || t == "0")
    }
}

struct ExprParser<'a> {
    a: &'a [String],
    i: usize,
}

impl ExprParser<'_> {
    fn peek(&self) -> Option<&str> {
        self.a.get(self.i).map(|s| s.as_str())
    }
    fn or(&mut self) -> Result<EVal, String> {
        let mut l = self.and()?;
        while self.peek() == Some("|") {
            self.i += 1;
            let r = self.and()?;
            l = if l.truthy() {
                l
            } else if r.truthy() {
                r
            } else {
                EVal::N(0)
            };
        }
        Ok(l)
    }
    fn and(&mut self) -> Result<EVal, String> {
        let mut l = self.cmp()?;
        while self.peek() == Some("&") {
            self.i += 1;
            let r = self.cmp()?;
            l = if l.truthy() && r.truthy() {
                l
            } else {
                EVal::N(0)
            };
        }
        Ok(l)
    }
    fn cmp(&mut self) -> Result<EVal, String> {
        let mut l = self.add()?;
        while let Some(op) = self
            .peek()
            .filter(|o| matches!(*o, "=" | "!=" | "<" | "<=" | ">" | ">="))
        {
            let op = op.to_string();
            self.i += 1;
            let r = self.add()?;
            let ord = match (l.num(), r.num()) {
                (Ok(a), Ok(b)) => a.cmp(&b),
                _ => l.text().cmp(&r.text()),
            };
            let t = match op.as_str() {
                "=" => ord.is_eq(),
                "!=" => !ord.is_eq(),
                "<" => ord.is_lt(),
                "<=" => ord.is_le(),
                ">" => ord.is_gt(),
                _ => ord.is_ge(),
            };
            l = EVal::N(t as i64);
        }
        Ok(l)
    }
    fn add(&mut self) -> Result<EVal, String> {
        let mut l = self.mul()?;
        while let Some(op) = self.peek().filter(|o| matches!(*o, "+" | "-")) {
            let plus = op == "+";
            self.i += 1;
            let r = self.mul()?;
            let (a, b) = (l.num()?, r.num()?);
            l = EVal::N(if plus {
                a.wrapping_add(b)
            } else {
                a.wrapping_sub(b)
            });
        }
        Ok(l)
    }
    fn mul(&mut self) -> Result<EVal, String> {
        let mut l = self.prim()?;
        while let Some(op) = self.peek().filter(|o| matches!(*o, "*" | "/" | "%")) {
            let op = op.to_string();
            self.i += 1;
            let r = self.prim()?;
            let (a, b) = (l.num()?, r.num()?);
            l = EVal::N(match op.as_str() {
                "*" => a.wrapping_mul(b),
                _ if b == 0 => return Err("division by zero".into()),
                "/" => a.wrapping_div(b),
                _ => a.wrapping_rem(b),
            });
        }
        Ok(l)
    }
    fn prim(&mut self) -> Result<EVal, String> {
        let Some(t) = self.peek().map(|s| s.to_string()) else {
            return Err("syntax error".into());
        };
        self.i += 1;
        match t.as_str() {
            "(" => {
                let v = self.or()?;
                if self.peek() != Some(")") {
                    return Err("syntax error".into());
                }
                self.i += 1;
                Ok(v)
            }
            "length" => {
                let v = self.prim()?;
                Ok(EVal::N(v.text().chars().count() as i64))
            }
            _ => Ok(match t.parse::<i64>() {
                Ok(n) => EVal::N(n),
                Err(_) => EVal::S(t),
            }),
        }
    }
}
