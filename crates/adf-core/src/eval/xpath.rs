//! A subset of XPath 1.0 (https://www.w3.org/TR/1999/REC-xpath-19991116/) over a parsed XML
//! document, for `xpath()`: location paths with the child, attribute, self, parent, descendant,
//! descendant-or-self, ancestor, ancestor-or-self, following-sibling and preceding-sibling axes;
//! `*`, names, `prefix:name`, `node()`, `text()`, `comment()`; predicates (`[1]`, `[@x='y']`,
//! `[last()]`); `|`, `or`, `and`, comparisons, arithmetic; and the functions listed in
//! [`call`]. Anything else is an "unsupported XPath" error, never a panic.
//!
//! Bounds: the expression is at most [`MAX_EXPR`] bytes and [`MAX_NESTING`] levels deep, and an
//! evaluation visits at most [`MAX_VISITS`] nodes.

use roxmltree::{Document, Node};

/// Longest XPath expression read.
pub const MAX_EXPR: usize = 4096;
/// Deepest nesting of brackets, parentheses and calls.
pub const MAX_NESTING: usize = 64;
/// Most nodes one evaluation may visit (`//a//b//c` over a large document stops here).
pub const MAX_VISITS: usize = 2_000_000;

/// A node an XPath can select: a tree node, or an attribute (by index) of an element.
#[derive(Clone, Copy)]
pub enum XNode<'a, 'i> {
    /// A node of the tree.
    Node(Node<'a, 'i>),
    /// Attribute `index` of the element.
    Attr(Node<'a, 'i>, usize),
}

impl<'a, 'i> XNode<'a, 'i> {
    /// Document order: an element, then its attributes, then its children.
    fn key(&self) -> (usize, usize) {
        match self {
            XNode::Node(n) => (n.id().get_usize(), 0),
            XNode::Attr(n, i) => (n.id().get_usize(), i + 1),
        }
    }

    fn node(&self) -> Node<'a, 'i> {
        match self {
            XNode::Node(n) | XNode::Attr(n, _) => *n,
        }
    }

    /// The XPath string-value.
    pub fn string_value(&self) -> String {
        match self {
            XNode::Attr(n, i) => n
                .attributes()
                .nth(*i)
                .map(|a| a.value().to_string())
                .unwrap_or_default(),
            XNode::Node(n) if n.is_element() || n.is_root() => n
                .descendants()
                .filter(|d| d.is_text())
                .filter_map(|d| d.text())
                .collect(),
            XNode::Node(n) if n.is_pi() => n.pi().and_then(|p| p.value).unwrap_or("").to_string(),
            XNode::Node(n) => n.text().unwrap_or("").to_string(),
        }
    }

    fn local_name(&self) -> String {
        match self {
            XNode::Attr(n, i) => n
                .attributes()
                .nth(*i)
                .map(|a| a.name().to_string())
                .unwrap_or_default(),
            XNode::Node(n) if n.is_element() => n.tag_name().name().to_string(),
            XNode::Node(n) if n.is_pi() => n.pi().map(|p| p.target.to_string()).unwrap_or_default(),
            XNode::Node(_) => String::new(),
        }
    }

    fn namespace_uri(&self) -> String {
        match self {
            XNode::Attr(n, i) => n
                .attributes()
                .nth(*i)
                .and_then(|a| a.namespace())
                .unwrap_or("")
                .to_string(),
            XNode::Node(n) if n.is_element() => n.tag_name().namespace().unwrap_or("").to_string(),
            XNode::Node(_) => String::new(),
        }
    }

    fn prefix(&self) -> Option<String> {
        let uri = self.namespace_uri();
        if uri.is_empty() {
            return None;
        }
        self.node()
            .lookup_prefix(&uri)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
    }

    /// The qualified name as written (`name()`).
    fn name(&self) -> String {
        match self.prefix() {
            Some(p) => format!("{p}:{}", self.local_name()),
            None => self.local_name(),
        }
    }
}

/// An XPath value.
pub enum XValue<'a, 'i> {
    /// Nodes in document order, without repeats.
    Nodes(Vec<XNode<'a, 'i>>),
    /// A number (a double, as in XPath).
    Number(f64),
    /// A string.
    Str(String),
    /// A boolean.
    Bool(bool),
}

impl XValue<'_, '_> {
    fn to_bool(&self) -> bool {
        match self {
            XValue::Nodes(n) => !n.is_empty(),
            XValue::Number(f) => *f != 0.0 && !f.is_nan(),
            XValue::Str(s) => !s.is_empty(),
            XValue::Bool(b) => *b,
        }
    }

    fn to_str(&self) -> String {
        match self {
            XValue::Nodes(n) => n.first().map(XNode::string_value).unwrap_or_default(),
            XValue::Number(f) => number_text(*f),
            XValue::Str(s) => s.clone(),
            XValue::Bool(b) => b.to_string(),
        }
    }

    fn to_num(&self) -> f64 {
        match self {
            XValue::Number(f) => *f,
            XValue::Bool(b) => f64::from(u8::from(*b)),
            other => str_num(&other.to_str()),
        }
    }
}

/// XPath's `number()` of a string: optional minus, digits with an optional point; else NaN.
fn str_num(s: &str) -> f64 {
    let t = s.trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\n'));
    let body = t.strip_prefix('-').unwrap_or(t);
    let valid = !body.is_empty()
        && body.chars().all(|c| c.is_ascii_digit() || c == '.')
        && body.matches('.').count() <= 1
        && body != ".";
    if valid {
        t.parse().unwrap_or(f64::NAN)
    } else {
        f64::NAN
    }
}

/// XPath's `string()` of a number: integers without a fraction.
fn number_text(f: f64) -> String {
    if f.is_nan() {
        "NaN".into()
    } else if f.is_infinite() {
        if f > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else if f == f.trunc() && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

// ---- syntax ---------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Slash,
    DoubleSlash,
    LBracket,
    RBracket,
    LParen,
    RParen,
    At,
    Comma,
    Dot,
    DotDot,
    Pipe,
    Star,
    Plus,
    Minus,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    ColonColon,
    Dollar,
    Literal(String),
    Number(f64),
    Name(String),
}

fn tokenize(s: &str) -> Result<Vec<Tok>, String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let next = chars.get(i + 1).copied();
        let (tok, len) = match c {
            ' ' | '\t' | '\r' | '\n' => {
                i += 1;
                continue;
            }
            '/' if next == Some('/') => (Tok::DoubleSlash, 2),
            '/' => (Tok::Slash, 1),
            '[' => (Tok::LBracket, 1),
            ']' => (Tok::RBracket, 1),
            '(' => (Tok::LParen, 1),
            ')' => (Tok::RParen, 1),
            '@' => (Tok::At, 1),
            ',' => (Tok::Comma, 1),
            '|' => (Tok::Pipe, 1),
            '*' => (Tok::Star, 1),
            '+' => (Tok::Plus, 1),
            '-' => (Tok::Minus, 1),
            '=' => (Tok::Eq, 1),
            '$' => (Tok::Dollar, 1),
            '!' if next == Some('=') => (Tok::Ne, 2),
            '<' if next == Some('=') => (Tok::Le, 2),
            '<' => (Tok::Lt, 1),
            '>' if next == Some('=') => (Tok::Ge, 2),
            '>' => (Tok::Gt, 1),
            ':' if next == Some(':') => (Tok::ColonColon, 2),
            '.' if next == Some('.') => (Tok::DotDot, 2),
            '.' if !next.is_some_and(|n| n.is_ascii_digit()) => (Tok::Dot, 1),
            '"' | '\'' => {
                let rest = chars.get(i + 1..).unwrap_or(&[]);
                let close = rest
                    .iter()
                    .position(|&x| x == c)
                    .ok_or("a string literal is never closed")?;
                let lit: String = rest.get(..close).unwrap_or(&[]).iter().collect();
                (Tok::Literal(lit), close + 2)
            }
            c if c.is_ascii_digit() || c == '.' => {
                let rest = chars.get(i..).unwrap_or(&[]);
                let len = rest
                    .iter()
                    .take_while(|x| x.is_ascii_digit() || **x == '.')
                    .count();
                let text: String = rest.get(..len).unwrap_or(&[]).iter().collect();
                let n = text
                    .parse::<f64>()
                    .map_err(|_| format!("'{text}' is not a number"))?;
                (Tok::Number(n), len)
            }
            c if c.is_alphabetic() || c == '_' => {
                let rest = chars.get(i..).unwrap_or(&[]);
                let mut len = rest
                    .iter()
                    .take_while(|x| x.is_alphanumeric() || matches!(x, '_' | '-' | '.'))
                    .count();
                // `prefix:name` and `prefix:*` are one name; `axis::` is not.
                if rest.get(len) == Some(&':') && rest.get(len + 1) != Some(&':') {
                    let tail = rest.get(len + 1..).unwrap_or(&[]);
                    let more = if tail.first() == Some(&'*') {
                        1
                    } else {
                        tail.iter()
                            .take_while(|x| x.is_alphanumeric() || matches!(x, '_' | '-' | '.'))
                            .count()
                    };
                    if more > 0 {
                        len += 1 + more;
                    }
                }
                let name: String = rest.get(..len).unwrap_or(&[]).iter().collect();
                (Tok::Name(name), len)
            }
            other => return Err(format!("unexpected character '{other}'")),
        };
        out.push(tok);
        i += len;
    }
    Ok(out)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Axis {
    Child,
    Attribute,
    Itself,
    Parent,
    Descendant,
    DescendantOrSelf,
    Ancestor,
    AncestorOrSelf,
    FollowingSibling,
    PrecedingSibling,
}

#[derive(Debug, Clone)]
enum Test {
    /// `*`.
    Any,
    /// `prefix:*`.
    AnyIn(String),
    /// A name, with its prefix if written.
    Name(Option<String>, String),
    Node,
    Text,
    Comment,
    Pi,
}

#[derive(Debug, Clone)]
struct Step {
    axis: Axis,
    test: Test,
    predicates: Vec<Expr>,
}

#[derive(Debug, Clone)]
enum Expr {
    Or(Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Cmp(Tok, Box<Expr>, Box<Expr>),
    Arith(Tok, Box<Expr>, Box<Expr>),
    Neg(Box<Expr>),
    Union(Box<Expr>, Box<Expr>),
    /// An absolute (`true`) or relative path, from the start or from a filter expression.
    Path {
        start: Option<Box<Expr>>,
        absolute: bool,
        steps: Vec<Step>,
    },
    Filter(Box<Expr>, Vec<Expr>),
    Literal(String),
    Number(f64),
    Call(String, Vec<Expr>),
}

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
    depth: usize,
}

fn unsupported(what: impl std::fmt::Display) -> String {
    format!("unsupported XPath: {what}")
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }

    fn peek_at(&self, n: usize) -> Option<&Tok> {
        self.toks.get(self.pos + n)
    }

    fn eat(&mut self, t: &Tok) -> bool {
        if self.peek() == Some(t) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, t: &Tok) -> Result<(), String> {
        if self.eat(t) {
            Ok(())
        } else {
            Err(format!("expected {t:?} at token {}", self.pos + 1))
        }
    }

    fn is_name(&self, word: &str) -> bool {
        matches!(self.peek(), Some(Tok::Name(n)) if n == word)
    }

    fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T, String>) -> Result<T, String> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(format!(
                "the expression nests deeper than {MAX_NESTING} levels"
            ));
        }
        let r = f(self);
        self.depth -= 1;
        r
    }

    fn expr(&mut self) -> Result<Expr, String> {
        self.nested(|p| p.or())
    }

    fn or(&mut self) -> Result<Expr, String> {
        let mut e = self.and()?;
        while self.is_name("or") {
            self.pos += 1;
            e = Expr::Or(Box::new(e), Box::new(self.and()?));
        }
        Ok(e)
    }

    fn and(&mut self) -> Result<Expr, String> {
        let mut e = self.equality()?;
        while self.is_name("and") {
            self.pos += 1;
            e = Expr::And(Box::new(e), Box::new(self.equality()?));
        }
        Ok(e)
    }

    fn equality(&mut self) -> Result<Expr, String> {
        let mut e = self.relational()?;
        while let Some(op @ (Tok::Eq | Tok::Ne)) = self.peek().cloned() {
            self.pos += 1;
            e = Expr::Cmp(op, Box::new(e), Box::new(self.relational()?));
        }
        Ok(e)
    }

    fn relational(&mut self) -> Result<Expr, String> {
        let mut e = self.additive()?;
        while let Some(op @ (Tok::Lt | Tok::Le | Tok::Gt | Tok::Ge)) = self.peek().cloned() {
            self.pos += 1;
            e = Expr::Cmp(op, Box::new(e), Box::new(self.additive()?));
        }
        Ok(e)
    }

    fn additive(&mut self) -> Result<Expr, String> {
        let mut e = self.multiplicative()?;
        while let Some(op @ (Tok::Plus | Tok::Minus)) = self.peek().cloned() {
            self.pos += 1;
            e = Expr::Arith(op, Box::new(e), Box::new(self.multiplicative()?));
        }
        Ok(e)
    }

    fn multiplicative(&mut self) -> Result<Expr, String> {
        let mut e = self.unary()?;
        loop {
            let op = match self.peek() {
                Some(Tok::Star) => Tok::Star,
                Some(Tok::Name(n)) if n == "div" || n == "mod" => Tok::Name(n.clone()),
                _ => return Ok(e),
            };
            self.pos += 1;
            e = Expr::Arith(op, Box::new(e), Box::new(self.unary()?));
        }
    }

    fn unary(&mut self) -> Result<Expr, String> {
        if self.eat(&Tok::Minus) {
            return self.nested(|p| Ok(Expr::Neg(Box::new(p.unary()?))));
        }
        let mut e = self.path()?;
        while self.eat(&Tok::Pipe) {
            e = Expr::Union(Box::new(e), Box::new(self.path()?));
        }
        Ok(e)
    }

    /// Whether the next tokens start a primary expression (not a location step).
    fn at_primary(&self) -> bool {
        match self.peek() {
            Some(Tok::LParen | Tok::Literal(_) | Tok::Number(_) | Tok::Dollar) => true,
            Some(Tok::Name(n)) => {
                self.peek_at(1) == Some(&Tok::LParen)
                    && !matches!(
                        n.as_str(),
                        "node" | "text" | "comment" | "processing-instruction"
                    )
            }
            _ => false,
        }
    }

    fn path(&mut self) -> Result<Expr, String> {
        if self.at_primary() {
            let primary = self.primary()?;
            let mut predicates = Vec::new();
            while self.peek() == Some(&Tok::LBracket) {
                predicates.push(self.predicate()?);
            }
            let start = if predicates.is_empty() {
                primary
            } else {
                Expr::Filter(Box::new(primary), predicates)
            };
            let mut steps = Vec::new();
            if !self.relative_steps(&mut steps)? {
                return Ok(start);
            }
            return Ok(Expr::Path {
                start: Some(Box::new(start)),
                absolute: false,
                steps,
            });
        }
        let mut steps = Vec::new();
        let absolute = match self.peek() {
            Some(Tok::Slash) => {
                self.pos += 1;
                if self.starts_step() {
                    self.step_list(&mut steps)?;
                }
                true
            }
            Some(Tok::DoubleSlash) => {
                self.pos += 1;
                steps.push(descendant_or_self());
                self.step_list(&mut steps)?;
                true
            }
            _ => {
                self.step_list(&mut steps)?;
                false
            }
        };
        Ok(Expr::Path {
            start: None,
            absolute,
            steps,
        })
    }

    /// `/step` or `//step` continuations; whether any was read.
    fn relative_steps(&mut self, steps: &mut Vec<Step>) -> Result<bool, String> {
        let mut any = false;
        loop {
            match self.peek() {
                Some(Tok::Slash) => self.pos += 1,
                Some(Tok::DoubleSlash) => {
                    self.pos += 1;
                    steps.push(descendant_or_self());
                }
                _ => return Ok(any),
            }
            steps.push(self.step()?);
            any = true;
        }
    }

    fn starts_step(&self) -> bool {
        matches!(
            self.peek(),
            Some(Tok::Name(_) | Tok::Star | Tok::At | Tok::Dot | Tok::DotDot)
        )
    }

    fn step_list(&mut self, steps: &mut Vec<Step>) -> Result<(), String> {
        steps.push(self.step()?);
        self.relative_steps(steps)?;
        Ok(())
    }

    fn step(&mut self) -> Result<Step, String> {
        if self.eat(&Tok::Dot) {
            return Ok(Step {
                axis: Axis::Itself,
                test: Test::Node,
                predicates: Vec::new(),
            });
        }
        if self.eat(&Tok::DotDot) {
            return Ok(Step {
                axis: Axis::Parent,
                test: Test::Node,
                predicates: Vec::new(),
            });
        }
        let mut axis = Axis::Child;
        if self.eat(&Tok::At) {
            axis = Axis::Attribute;
        } else if let (Some(Tok::Name(n)), Some(Tok::ColonColon)) = (self.peek(), self.peek_at(1)) {
            axis = match n.as_str() {
                "child" => Axis::Child,
                "attribute" => Axis::Attribute,
                "self" => Axis::Itself,
                "parent" => Axis::Parent,
                "descendant" => Axis::Descendant,
                "descendant-or-self" => Axis::DescendantOrSelf,
                "ancestor" => Axis::Ancestor,
                "ancestor-or-self" => Axis::AncestorOrSelf,
                "following-sibling" => Axis::FollowingSibling,
                "preceding-sibling" => Axis::PrecedingSibling,
                other => return Err(unsupported(format!("the axis '{other}'"))),
            };
            self.pos += 2;
        }
        let test = match self.peek().cloned() {
            Some(Tok::Star) => {
                self.pos += 1;
                Test::Any
            }
            Some(Tok::Name(n)) => {
                self.pos += 1;
                if self.eat(&Tok::LParen) {
                    let t = match n.as_str() {
                        "node" => Test::Node,
                        "text" => Test::Text,
                        "comment" => Test::Comment,
                        "processing-instruction" => {
                            if matches!(self.peek(), Some(Tok::Literal(_))) {
                                return Err(unsupported("processing-instruction('name')"));
                            }
                            Test::Pi
                        }
                        other => return Err(unsupported(format!("the node test '{other}()'"))),
                    };
                    self.expect(&Tok::RParen)?;
                    t
                } else if let Some(prefix) = n.strip_suffix(":*") {
                    Test::AnyIn(prefix.to_string())
                } else if let Some((prefix, local)) = n.split_once(':') {
                    Test::Name(Some(prefix.to_string()), local.to_string())
                } else {
                    Test::Name(None, n)
                }
            }
            other => return Err(format!("expected a step, found {other:?}")),
        };
        let mut predicates = Vec::new();
        while self.peek() == Some(&Tok::LBracket) {
            predicates.push(self.predicate()?);
        }
        Ok(Step {
            axis,
            test,
            predicates,
        })
    }

    fn predicate(&mut self) -> Result<Expr, String> {
        self.expect(&Tok::LBracket)?;
        let e = self.expr()?;
        self.expect(&Tok::RBracket)?;
        Ok(e)
    }

    fn primary(&mut self) -> Result<Expr, String> {
        match self.peek().cloned() {
            Some(Tok::LParen) => {
                self.pos += 1;
                let e = self.expr()?;
                self.expect(&Tok::RParen)?;
                Ok(e)
            }
            Some(Tok::Literal(s)) => {
                self.pos += 1;
                Ok(Expr::Literal(s))
            }
            Some(Tok::Number(n)) => {
                self.pos += 1;
                Ok(Expr::Number(n))
            }
            Some(Tok::Dollar) => Err(unsupported("variables ($name)")),
            Some(Tok::Name(name)) => {
                self.pos += 2;
                let mut args = Vec::new();
                if !self.eat(&Tok::RParen) {
                    loop {
                        args.push(self.expr()?);
                        if self.eat(&Tok::RParen) {
                            break;
                        }
                        self.expect(&Tok::Comma)?;
                    }
                }
                Ok(Expr::Call(name, args))
            }
            other => Err(format!("unexpected {other:?}")),
        }
    }
}

fn descendant_or_self() -> Step {
    Step {
        axis: Axis::DescendantOrSelf,
        test: Test::Node,
        predicates: Vec::new(),
    }
}

/// Reads an XPath expression.
fn parse(text: &str) -> Result<Expr, String> {
    if text.len() > MAX_EXPR {
        return Err(format!("the XPath is longer than {MAX_EXPR} bytes"));
    }
    let toks = tokenize(text)?;
    if toks.is_empty() {
        return Err("the XPath is empty".into());
    }
    let mut p = Parser {
        toks,
        pos: 0,
        depth: 0,
    };
    let e = p.expr()?;
    if p.pos != p.toks.len() {
        return Err(format!(
            "unexpected {:?} at token {}",
            p.toks.get(p.pos),
            p.pos + 1
        ));
    }
    Ok(e)
}

// ---- evaluation -----------------------------------------------------------------------------

struct Eval<'a, 'i> {
    doc: &'a Document<'i>,
    visits: std::cell::Cell<usize>,
}

/// The context of an expression: the node, its position (from 1) and the size of its set.
#[derive(Clone, Copy)]
struct Ctx<'a, 'i> {
    node: XNode<'a, 'i>,
    position: usize,
    size: usize,
}

/// Evaluates `expr` against the document.
pub fn evaluate<'a, 'i>(doc: &'a Document<'i>, expr: &str) -> Result<XValue<'a, 'i>, String> {
    let e = parse(expr)?;
    let ev = Eval {
        doc,
        visits: std::cell::Cell::new(0),
    };
    let ctx = Ctx {
        node: XNode::Node(doc.root()),
        position: 1,
        size: 1,
    };
    ev.eval(&e, ctx)
}

fn sort_dedup(nodes: &mut Vec<XNode<'_, '_>>) {
    nodes.sort_by_key(XNode::key);
    nodes.dedup_by_key(|n| n.key());
}

impl<'a, 'i> Eval<'a, 'i> {
    fn visit(&self, n: usize) -> Result<(), String> {
        let v = self.visits.get().saturating_add(n);
        self.visits.set(v);
        if v > MAX_VISITS {
            return Err(format!(
                "the XPath visits more than {MAX_VISITS} nodes; write a narrower path"
            ));
        }
        Ok(())
    }

    fn nodes(&self, e: &Expr, ctx: Ctx<'a, 'i>) -> Result<Vec<XNode<'a, 'i>>, String> {
        match self.eval(e, ctx)? {
            XValue::Nodes(n) => Ok(n),
            _ => Err("a node-set is needed here".into()),
        }
    }

    fn eval(&self, e: &Expr, ctx: Ctx<'a, 'i>) -> Result<XValue<'a, 'i>, String> {
        Ok(match e {
            Expr::Or(a, b) => {
                XValue::Bool(self.eval(a, ctx)?.to_bool() || self.eval(b, ctx)?.to_bool())
            }
            Expr::And(a, b) => {
                XValue::Bool(self.eval(a, ctx)?.to_bool() && self.eval(b, ctx)?.to_bool())
            }
            Expr::Cmp(op, a, b) => {
                XValue::Bool(compare(op, &self.eval(a, ctx)?, &self.eval(b, ctx)?))
            }
            Expr::Arith(op, a, b) => {
                let (x, y) = (self.eval(a, ctx)?.to_num(), self.eval(b, ctx)?.to_num());
                XValue::Number(match op {
                    Tok::Plus => x + y,
                    Tok::Minus => x - y,
                    Tok::Star => x * y,
                    Tok::Name(n) if n == "div" => x / y,
                    _ => x % y,
                })
            }
            Expr::Neg(a) => XValue::Number(-self.eval(a, ctx)?.to_num()),
            Expr::Union(a, b) => {
                let mut n = self.nodes(a, ctx)?;
                n.extend(self.nodes(b, ctx)?);
                sort_dedup(&mut n);
                XValue::Nodes(n)
            }
            Expr::Literal(s) => XValue::Str(s.clone()),
            Expr::Number(n) => XValue::Number(*n),
            Expr::Filter(primary, predicates) => {
                let mut nodes = self.nodes(primary, ctx)?;
                for p in predicates {
                    nodes = self.filter(nodes, p)?;
                }
                XValue::Nodes(nodes)
            }
            Expr::Path {
                start,
                absolute,
                steps,
            } => {
                let mut current = match (start, absolute) {
                    (Some(s), _) => self.nodes(s, ctx)?,
                    (None, true) => vec![XNode::Node(self.doc.root())],
                    (None, false) => vec![ctx.node],
                };
                for step in steps {
                    let mut next = Vec::new();
                    for n in &current {
                        next.extend(self.step(*n, step)?);
                    }
                    sort_dedup(&mut next);
                    current = next;
                }
                XValue::Nodes(current)
            }
            Expr::Call(name, args) => self.call(name, args, ctx)?,
        })
    }

    /// Keeps the nodes (in the order given, which is the axis order) that pass a predicate.
    fn filter(&self, nodes: Vec<XNode<'a, 'i>>, p: &Expr) -> Result<Vec<XNode<'a, 'i>>, String> {
        let size = nodes.len();
        let mut kept = Vec::new();
        for (i, n) in nodes.into_iter().enumerate() {
            let ctx = Ctx {
                node: n,
                position: i + 1,
                size,
            };
            let keep = match self.eval(p, ctx)? {
                XValue::Number(f) => f == (i + 1) as f64,
                other => other.to_bool(),
            };
            if keep {
                kept.push(n);
            }
        }
        Ok(kept)
    }

    /// The nodes one step selects from `from`, in axis order, filtered by its predicates.
    fn step(&self, from: XNode<'a, 'i>, step: &Step) -> Result<Vec<XNode<'a, 'i>>, String> {
        let node = match from {
            XNode::Node(n) => n,
            XNode::Attr(owner, _) => {
                // An attribute has a parent (its element) and itself; no children.
                let candidates = match step.axis {
                    Axis::Parent | Axis::Ancestor | Axis::AncestorOrSelf => {
                        let mut v: Vec<XNode<'a, 'i>> = Vec::new();
                        if step.axis == Axis::AncestorOrSelf {
                            v.push(from);
                        }
                        if step.axis == Axis::Parent {
                            v.push(XNode::Node(owner));
                        } else {
                            v.extend(owner.ancestors().map(XNode::Node));
                        }
                        v
                    }
                    Axis::Itself | Axis::DescendantOrSelf => vec![from],
                    _ => Vec::new(),
                };
                let matched = candidates
                    .into_iter()
                    .filter(|c| self.matches(*c, step))
                    .collect();
                return self.predicates(matched, step);
            }
        };
        let candidates: Vec<XNode<'a, 'i>> = match step.axis {
            Axis::Child => node.children().map(XNode::Node).collect(),
            Axis::Attribute => (0..node.attributes().len())
                .map(|i| XNode::Attr(node, i))
                .collect(),
            Axis::Itself => vec![from],
            Axis::Parent => node.parent().map(XNode::Node).into_iter().collect(),
            Axis::Descendant => node.descendants().skip(1).map(XNode::Node).collect(),
            Axis::DescendantOrSelf => node.descendants().map(XNode::Node).collect(),
            Axis::Ancestor => node.ancestors().skip(1).map(XNode::Node).collect(),
            Axis::AncestorOrSelf => node.ancestors().map(XNode::Node).collect(),
            Axis::FollowingSibling => node.next_siblings().skip(1).map(XNode::Node).collect(),
            Axis::PrecedingSibling => node.prev_siblings().skip(1).map(XNode::Node).collect(),
        };
        self.visit(candidates.len())?;
        let matched = candidates
            .into_iter()
            .filter(|c| self.matches(*c, step))
            .collect();
        self.predicates(matched, step)
    }

    fn predicates(
        &self,
        mut nodes: Vec<XNode<'a, 'i>>,
        step: &Step,
    ) -> Result<Vec<XNode<'a, 'i>>, String> {
        for p in &step.predicates {
            nodes = self.filter(nodes, p)?;
        }
        Ok(nodes)
    }

    fn matches(&self, n: XNode<'a, 'i>, step: &Step) -> bool {
        // The principal node type of the attribute axis is the attribute, else the element.
        let principal = match (n, step.axis) {
            (XNode::Attr(..), Axis::Attribute) => true,
            (XNode::Node(node), axis) => axis != Axis::Attribute && node.is_element(),
            _ => false,
        };
        match &step.test {
            Test::Node => true,
            Test::Text => matches!(n, XNode::Node(node) if node.is_text()),
            Test::Comment => matches!(n, XNode::Node(node) if node.is_comment()),
            Test::Pi => matches!(n, XNode::Node(node) if node.is_pi()),
            Test::Any => principal,
            Test::AnyIn(prefix) => principal && n.prefix().as_deref() == Some(prefix.as_str()),
            // Chosen: a prefix in the path matches the prefix written in the document (the
            // expression language gives no way to bind prefixes); a name without a prefix matches
            // only names in no namespace, as XPath 1.0 says (hence the reference's
            // `*[name()="file"]` for a document with a default namespace).
            Test::Name(prefix, local) => {
                principal
                    && n.local_name() == *local
                    && match prefix {
                        Some(p) => n.prefix().as_deref() == Some(p.as_str()),
                        None => n.namespace_uri().is_empty(),
                    }
            }
        }
    }

    fn call(&self, name: &str, args: &[Expr], ctx: Ctx<'a, 'i>) -> Result<XValue<'a, 'i>, String> {
        let arity = |lo: usize, hi: usize| {
            if args.len() < lo || args.len() > hi {
                Err(format!(
                    "{name}() takes {lo} to {hi} arguments, {} given",
                    args.len()
                ))
            } else {
                Ok(())
            }
        };
        let arg = |i: usize| -> Result<XValue<'a, 'i>, String> {
            match args.get(i) {
                Some(e) => self.eval(e, ctx),
                None => Ok(XValue::Nodes(vec![ctx.node])),
            }
        };
        let string = |i: usize| -> Result<String, String> { Ok(arg(i)?.to_str()) };
        // The first node of the argument, or the context node without one.
        let first = |i: usize| -> Result<Option<XNode<'a, 'i>>, String> {
            match arg(i)? {
                XValue::Nodes(n) => Ok(n.first().copied()),
                _ => Err(format!("{name}() needs a node-set")),
            }
        };
        Ok(match name {
            "last" => {
                arity(0, 0)?;
                XValue::Number(ctx.size as f64)
            }
            "position" => {
                arity(0, 0)?;
                XValue::Number(ctx.position as f64)
            }
            "count" => {
                arity(1, 1)?;
                match arg(0)? {
                    XValue::Nodes(n) => XValue::Number(n.len() as f64),
                    _ => return Err("count() needs a node-set".into()),
                }
            }
            "sum" => {
                arity(1, 1)?;
                match arg(0)? {
                    XValue::Nodes(n) => {
                        XValue::Number(n.iter().map(|x| str_num(&x.string_value())).sum())
                    }
                    _ => return Err("sum() needs a node-set".into()),
                }
            }
            "name" | "local-name" | "namespace-uri" => {
                arity(0, 1)?;
                let n = first(0)?;
                XValue::Str(n.map_or_else(String::new, |n| match name {
                    "name" => n.name(),
                    "local-name" => n.local_name(),
                    _ => n.namespace_uri(),
                }))
            }
            "string" => {
                arity(0, 1)?;
                XValue::Str(string(0)?)
            }
            "number" => {
                arity(0, 1)?;
                XValue::Number(arg(0)?.to_num())
            }
            "boolean" => {
                arity(1, 1)?;
                XValue::Bool(arg(0)?.to_bool())
            }
            "not" => {
                arity(1, 1)?;
                XValue::Bool(!arg(0)?.to_bool())
            }
            "true" | "false" => {
                arity(0, 0)?;
                XValue::Bool(name == "true")
            }
            "concat" => {
                arity(2, usize::MAX)?;
                let mut s = String::new();
                for i in 0..args.len() {
                    s.push_str(&string(i)?);
                    if s.len() > super::value::MAX_STRING {
                        return Err("concat() would build a string too long".into());
                    }
                }
                XValue::Str(s)
            }
            "contains" => {
                arity(2, 2)?;
                XValue::Bool(string(0)?.contains(&string(1)?))
            }
            "starts-with" => {
                arity(2, 2)?;
                XValue::Bool(string(0)?.starts_with(&string(1)?))
            }
            "substring-before" | "substring-after" => {
                arity(2, 2)?;
                let (s, t) = (string(0)?, string(1)?);
                XValue::Str(match s.split_once(t.as_str()) {
                    Some((a, b)) => if name == "substring-before" { a } else { b }.to_string(),
                    None => String::new(),
                })
            }
            "substring" => {
                arity(2, 3)?;
                let s: Vec<char> = string(0)?.chars().collect();
                let start = arg(1)?.to_num().round();
                let end = if args.len() == 3 {
                    start + arg(2)?.to_num().round()
                } else {
                    f64::INFINITY
                };
                XValue::Str(
                    s.iter()
                        .enumerate()
                        .filter(|(i, _)| {
                            let p = (*i + 1) as f64;
                            p >= start && p < end
                        })
                        .map(|(_, c)| c)
                        .collect(),
                )
            }
            "string-length" => {
                arity(0, 1)?;
                XValue::Number(string(0)?.chars().count() as f64)
            }
            "normalize-space" => {
                arity(0, 1)?;
                XValue::Str(string(0)?.split_whitespace().collect::<Vec<_>>().join(" "))
            }
            "translate" => {
                arity(3, 3)?;
                let (s, from, to) = (string(0)?, string(1)?, string(2)?);
                let from: Vec<char> = from.chars().collect();
                let to: Vec<char> = to.chars().collect();
                XValue::Str(
                    s.chars()
                        .filter_map(|c| match from.iter().position(|&f| f == c) {
                            Some(i) => to.get(i).copied(),
                            None => Some(c),
                        })
                        .collect(),
                )
            }
            "floor" | "ceiling" | "round" => {
                arity(1, 1)?;
                let x = arg(0)?.to_num();
                XValue::Number(match name {
                    "floor" => x.floor(),
                    "ceiling" => x.ceil(),
                    // XPath rounds halves up (towards positive infinity).
                    _ => (x + 0.5).floor(),
                })
            }
            other => return Err(unsupported(format!("the function '{other}()'"))),
        })
    }
}

/// An XPath comparison, with node-sets compared existentially as XPath 1.0 says.
fn compare(op: &Tok, a: &XValue<'_, '_>, b: &XValue<'_, '_>) -> bool {
    let num = |x: f64, y: f64| match op {
        Tok::Eq => x == y,
        Tok::Ne => x != y,
        Tok::Lt => x < y,
        Tok::Le => x <= y,
        Tok::Gt => x > y,
        _ => x >= y,
    };
    let equality = matches!(op, Tok::Eq | Tok::Ne);
    let strs = |x: &str, y: &str| if *op == Tok::Eq { x == y } else { x != y };
    match (a, b) {
        (XValue::Nodes(x), XValue::Nodes(y)) => x.iter().any(|p| {
            let ps = p.string_value();
            y.iter().any(|q| {
                let qs = q.string_value();
                if equality {
                    strs(&ps, &qs)
                } else {
                    num(str_num(&ps), str_num(&qs))
                }
            })
        }),
        (XValue::Nodes(x), other) | (other, XValue::Nodes(x)) => {
            let flipped = matches!(a, XValue::Nodes(_));
            match other {
                XValue::Bool(bv) => {
                    let nb = !x.is_empty();
                    if flipped {
                        compare(op, &XValue::Bool(nb), &XValue::Bool(*bv))
                    } else {
                        compare(op, &XValue::Bool(*bv), &XValue::Bool(nb))
                    }
                }
                XValue::Str(s) if equality => x.iter().any(|n| strs(&n.string_value(), s)),
                _ => {
                    let v = other.to_num();
                    x.iter().any(|n| {
                        let m = str_num(&n.string_value());
                        if flipped {
                            num(m, v)
                        } else {
                            num(v, m)
                        }
                    })
                }
            }
        }
        _ if equality => {
            if matches!(a, XValue::Bool(_)) || matches!(b, XValue::Bool(_)) {
                (a.to_bool() == b.to_bool()) == (*op == Tok::Eq)
            } else if matches!(a, XValue::Number(_)) || matches!(b, XValue::Number(_)) {
                num(a.to_num(), b.to_num())
            } else {
                strs(&a.to_str(), &b.to_str())
            }
        }
        _ => num(a.to_num(), b.to_num()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PRODUCE: &str = "<?xml version=\"1.0\"?> <produce> <item> <name>Gala</name> \
        <type>apple</type> <count>20</count> </item> <item> <name>Honeycrisp</name> \
        <type>apple</type> <count>10</count> </item> </produce>";

    fn run(xml: &str, path: &str) -> String {
        let doc = match crate::eval::xml::parse(xml) {
            Ok(d) => d,
            Err(e) => return format!("xml error: {e}"),
        };
        match evaluate(&doc, path) {
            Ok(XValue::Nodes(n)) => n
                .iter()
                .map(|x| match x {
                    XNode::Node(node) if node.is_element() => crate::eval::xml::node_xml(*node),
                    other => other.string_value(),
                })
                .collect::<Vec<_>>()
                .join("|"),
            Ok(XValue::Number(f)) => format!("number {f}"),
            Ok(XValue::Str(s)) => format!("string {s}"),
            Ok(XValue::Bool(b)) => format!("bool {b}"),
            Err(e) => format!("error: {e}"),
        }
    }

    #[test]
    fn paths_predicates_and_functions() {
        assert_eq!(run(PRODUCE, "sum(/produce/item/count)"), "number 30");
        assert_eq!(
            run(PRODUCE, "/produce/item/name"),
            "<name>Gala</name>|<name>Honeycrisp</name>"
        );
        assert_eq!(run(PRODUCE, "//name/text()"), "Gala|Honeycrisp");
        assert_eq!(run(PRODUCE, "//item[2]/name/text()"), "Honeycrisp");
        assert_eq!(run(PRODUCE, "//item[last()]/count/text()"), "10");
        assert_eq!(run(PRODUCE, "//item[count > 15]/name/text()"), "Gala");
        assert_eq!(run(PRODUCE, "count(//item)"), "number 2");
        assert_eq!(run(PRODUCE, "name(/*)"), "string produce");
        assert_eq!(run(PRODUCE, "string(//item[1]/type)"), "string apple");
        assert_eq!(run(PRODUCE, "boolean(//pear)"), "bool false");
        assert_eq!(run(PRODUCE, "(//name)[1]/text()"), "Gala");
        assert_eq!(run(PRODUCE, "//name/../count/text()"), "20|10");
        let attrs = "<r><a id='1' k='x'/><a id='2' k='y'/></r>";
        assert_eq!(run(attrs, "//a[@k='y']/@id"), "2");
        assert_eq!(run(attrs, "//@id"), "1|2");
        assert_eq!(run(attrs, "/r/a[1]/following-sibling::a/@k"), "y");
        let ns = "<?xml version=\"1.0\"?> <file xmlns=\"http://contoso.com\"> \
                  <location>Paris</location> </file>";
        assert_eq!(
            run(ns, "/*[name()=\"file\"]/*[name()=\"location\"]"),
            "<location xmlns=\"http://contoso.com\">Paris</location>"
        );
        assert_eq!(
            run(ns, "/*[local-name()=\"file\" and namespace-uri()=\"http://contoso.com\"]/*[local-name()=\"location\"]"),
            "<location xmlns=\"http://contoso.com\">Paris</location>"
        );
        assert_eq!(run(ns, "/file"), "");
        assert_eq!(
            run(ns, "string(/*[name()=\"file\"]/*[name()=\"location\"])"),
            "string Paris"
        );
    }

    #[test]
    fn the_rest_is_a_clear_error_and_hostile_paths_are_bounded() {
        assert_eq!(
            run(PRODUCE, "//item[$x]"),
            "error: unsupported XPath: variables ($name)"
        );
        assert_eq!(
            run(PRODUCE, "following::item"),
            "error: unsupported XPath: the axis 'following'"
        );
        assert_eq!(
            run(PRODUCE, "id('x')"),
            "error: unsupported XPath: the function 'id()'"
        );
        assert!(run(PRODUCE, "//item[").starts_with("error:"));
        assert!(run(PRODUCE, "'unclosed").starts_with("error:"));
        assert!(run(PRODUCE, "").starts_with("error:"));
        let nested = format!("{}1{}", "(".repeat(500), ")".repeat(500));
        assert!(run(PRODUCE, &nested).contains("nests deeper"));
        let wide = format!("<r>{}</r>", "<a><a><a><a></a></a></a></a>".repeat(2000));
        assert!(
            run(&wide, "//a//a//a//a//a").starts_with("error: the XPath visits more than")
                || !run(&wide, "//a//a//a//a//a").starts_with("error:")
        );
        assert!(run(PRODUCE, &"/a".repeat(3000)).starts_with("error:"));
    }
}
