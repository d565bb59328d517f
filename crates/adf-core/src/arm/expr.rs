//! The syntax of ARM template expressions (the text between the outer brackets of `"[...]"`):
//! function calls, single-quoted strings, integers, and `.member` / `[index]` access.
//!
//! The parser is recursive descent with an explicit nesting bound, so hostile input cannot
//! exhaust the stack (this also runs in wasm, where a stack overflow kills the instance).

/// Deepest nesting of calls, parentheses and accessors the parser accepts. Real templates nest
/// a handful of levels; deeper input gives a parse failure (the caller treats it as unknown).
pub(crate) const MAX_NESTING: usize = 64;

/// One parsed expression.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expr {
    /// `'text'` (the `''` escape already undone).
    Str(String),
    /// An integer literal.
    Int(i64),
    /// `name(args)`; `name` keeps its case (matching is case-insensitive). User-defined
    /// functions (`namespace.member(...)`) are kept with their dotted name.
    Call(String, Vec<Expr>),
    /// `target.name`.
    Member(Box<Expr>, String),
    /// `target[index]`.
    Index(Box<Expr>, Box<Expr>),
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    Str(String),
    Int(i64),
    LParen,
    RParen,
    LBracket,
    RBracket,
    Comma,
    Dot,
}

/// Splits expression text into tokens; `None` on anything ARM does not allow.
fn tokenize(text: &str) -> Option<Vec<Token>> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        match c {
            c if c.is_whitespace() => {
                chars.next();
            }
            '(' | ')' | '[' | ']' | ',' | '.' => {
                chars.next();
                tokens.push(match c {
                    '(' => Token::LParen,
                    ')' => Token::RParen,
                    '[' => Token::LBracket,
                    ']' => Token::RBracket,
                    ',' => Token::Comma,
                    _ => Token::Dot,
                });
            }
            '\'' => {
                chars.next();
                let mut s = String::new();
                let mut closed = false;
                while let Some((_, c)) = chars.next() {
                    if c == '\'' {
                        // `''` inside a string is one quote.
                        if chars.peek().is_some_and(|&(_, n)| n == '\'') {
                            chars.next();
                            s.push('\'');
                        } else {
                            closed = true;
                            break;
                        }
                    } else {
                        s.push(c);
                    }
                }
                if !closed {
                    return None;
                }
                tokens.push(Token::Str(s));
            }
            c if c.is_ascii_digit() || c == '-' => {
                chars.next();
                let mut end = start + c.len_utf8();
                while let Some(&(i, d)) = chars.peek() {
                    if !d.is_ascii_digit() {
                        break;
                    }
                    end = i + d.len_utf8();
                    chars.next();
                }
                let n = text.get(start..end)?.parse::<i64>().ok()?;
                tokens.push(Token::Int(n));
            }
            c if c.is_alphabetic() || c == '_' || c == '$' => {
                chars.next();
                let mut end = start + c.len_utf8();
                while let Some(&(i, d)) = chars.peek() {
                    if !(d.is_alphanumeric() || d == '_' || d == '$') {
                        break;
                    }
                    end = i + d.len_utf8();
                    chars.next();
                }
                tokens.push(Token::Ident(text.get(start..end)?.to_string()));
            }
            _ => return None,
        }
    }
    Some(tokens)
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.pos).cloned();
        if t.is_some() {
            self.pos += 1;
        }
        t
    }

    fn eat(&mut self, want: &Token) -> Option<()> {
        (self.next()? == *want).then_some(())
    }

    /// One expression with its accessors; `depth` counts enclosing calls and indexes.
    fn expr(&mut self, depth: usize) -> Option<Expr> {
        if depth >= MAX_NESTING {
            return None;
        }
        let mut e = match self.next()? {
            Token::Str(s) => Expr::Str(s),
            Token::Int(n) => Expr::Int(n),
            Token::Ident(first) => {
                let mut name = first;
                // A dot right after a name (not after a call) makes a user-defined function
                // name `namespace.member`.
                if self.peek() == Some(&Token::Dot) {
                    self.next();
                    match self.next()? {
                        Token::Ident(member) => {
                            name.push('.');
                            name.push_str(&member);
                        }
                        _ => return None,
                    }
                }
                self.eat(&Token::LParen)?;
                let mut args = Vec::new();
                if self.peek() == Some(&Token::RParen) {
                    self.next();
                } else {
                    loop {
                        args.push(self.expr(depth + 1)?);
                        match self.next()? {
                            Token::Comma => {}
                            Token::RParen => break,
                            _ => return None,
                        }
                    }
                }
                Expr::Call(name, args)
            }
            _ => return None,
        };
        // Accessors chain without nesting the parser, but each wraps the expression in a box,
        // and dropping the boxes recurses: count them against the same bound.
        let mut wraps = depth;
        loop {
            match self.peek() {
                Some(Token::Dot) => {
                    self.next();
                    match self.next()? {
                        Token::Ident(member) => e = Expr::Member(Box::new(e), member),
                        _ => return None,
                    }
                }
                Some(Token::LBracket) => {
                    self.next();
                    let index = self.expr(wraps + 1)?;
                    self.eat(&Token::RBracket)?;
                    e = Expr::Index(Box::new(e), Box::new(index));
                }
                _ => return Some(e),
            }
            wraps += 1;
            if wraps >= MAX_NESTING {
                return None;
            }
        }
    }
}

/// Parses the inside of `"[...]"`; `None` when it is not a valid expression or nests too deep.
pub(crate) fn parse(text: &str) -> Option<Expr> {
    let tokens = tokenize(text)?;
    let mut parser = Parser { tokens, pos: 0 };
    let e = parser.expr(0)?;
    // Trailing tokens make the whole expression invalid.
    parser.peek().is_none().then_some(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(name: &str, args: Vec<Expr>) -> Expr {
        Expr::Call(name.to_string(), args)
    }

    #[test]
    fn parses_calls_strings_and_accessors() {
        assert_eq!(
            parse("concat(parameters('f'), '/it''s')"),
            Some(call(
                "concat",
                vec![
                    call("parameters", vec![Expr::Str("f".into())]),
                    Expr::Str("/it's".into())
                ]
            ))
        );
        assert_eq!(
            parse(" parameters('o').a[ 0 ] "),
            Some(Expr::Index(
                Box::new(Expr::Member(
                    Box::new(call("parameters", vec![Expr::Str("o".into())])),
                    "a".into()
                )),
                Box::new(Expr::Int(0))
            ))
        );
        assert_eq!(parse("ns.fn()"), Some(call("ns.fn", vec![])));
        assert_eq!(parse("add(1, -2)").map(|_| ()), Some(()));
    }

    #[test]
    fn rejects_malformed_text() {
        for bad in [
            "",
            "concat(",
            "concat('a'",
            "'open",
            "a b",
            "x",
            "concat('a',)",
            "f()()",
            "f().",
            "f()[1",
            "#",
            "99999999999999999999",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn bounds_nesting() {
        let deep = format!("{}'x'{}", "f(".repeat(10_000), ")".repeat(10_000));
        assert_eq!(parse(&deep), None);
        let ok = format!("{}'x'{}", "f(".repeat(30), ")".repeat(30));
        assert!(parse(&ok).is_some());
        let members = format!("f(){}", ".a".repeat(10_000));
        assert_eq!(parse(&members), None);
        let indexes = format!("f(){}", "[0]".repeat(10_000));
        assert_eq!(parse(&indexes), None);
        let nested_index = format!("f(){}", "[f()".repeat(10_000));
        assert_eq!(parse(&nested_index), None);
    }
}
