//! Partial evaluation of ARM template strings: enough of the expression language to tell the
//! names of resources and the entities they reference, with every unknown kept as a gap.
//!
//! Evaluation is bounded three ways so that a hostile template cannot hang or crash the host:
//! nesting depth (expressions and variable chains), a step budget per call of [`eval`], and
//! the length of any text built.

use super::expr::{self, Expr};
use crate::json;
use adf_syntax::ast::{Object, Value};
use std::collections::HashMap;

/// Deepest nesting of evaluation (expressions inside variables inside parameters ...).
const MAX_EVAL_DEPTH: usize = 64;
/// Steps one [`eval`] may take. Names in real templates take tens; the budget stops
/// exponential variable chains (`a = concat(b, b)`, `b = concat(c, c)`, ...).
const FUEL: u32 = 2_000;
/// Longest text an evaluation builds; longer results become unknown. Names and references are
/// short, and the cap keeps doubling chains from allocating without bound.
const MAX_TEXT: usize = 4_096;
/// Most elements an array built by `concat` may hold; longer arrays become unknown, so that
/// doubling chains of arrays cannot allocate without bound either.
const MAX_ARRAY: usize = 1_024;
/// Deepest JSON nesting copied out of parameter defaults and variables.
const MAX_JSON_DEPTH: usize = 64;

/// One piece of a partially evaluated ARM string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text known before deployment.
    Text(String),
    /// Text only known at deployment (a parameter without default, `uniqueString(...)`, ...).
    Unknown,
}

/// A partially evaluated ARM string: known text and unknown gaps, in order. Adjacent texts are
/// merged and adjacent gaps collapse into one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Partial(pub Vec<Piece>);

impl Partial {
    /// A fully known text.
    pub fn text(s: impl Into<String>) -> Self {
        let mut p = Partial::default();
        p.push_text(&s.into());
        p
    }

    /// A string of which nothing is known.
    pub fn unknown() -> Self {
        Partial(vec![Piece::Unknown])
    }

    /// The whole text, when every piece is known.
    pub fn known(&self) -> Option<String> {
        let mut out = String::new();
        for piece in &self.0 {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Unknown => return None,
            }
        }
        Some(out)
    }

    /// The part after the last `/` (the whole text when there is none), if that part is fully
    /// known. ARM child resource names are `parent/child`, and the parent part is often a
    /// parameter without a default, so the entity's own name is still known.
    pub fn last_segment(&self) -> Option<String> {
        let mut tail: Vec<&str> = Vec::new();
        for piece in self.0.iter().rev() {
            match piece {
                Piece::Unknown => return None,
                Piece::Text(t) => match t.rfind('/') {
                    Some(i) => {
                        tail.push(t.get(i + 1..).unwrap_or(""));
                        return Some(tail.iter().rev().copied().collect());
                    }
                    None => tail.push(t),
                },
            }
        }
        Some(tail.iter().rev().copied().collect())
    }

    /// Bytes of known text.
    fn text_len(&self) -> usize {
        self.0
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.len(),
                Piece::Unknown => 0,
            })
            .sum()
    }

    fn push_text(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        if let Some(Piece::Text(last)) = self.0.last_mut() {
            last.push_str(s);
        } else {
            self.0.push(Piece::Text(s.to_string()));
        }
    }

    fn push_unknown(&mut self) {
        if self.0.last() != Some(&Piece::Unknown) {
            self.0.push(Piece::Unknown);
        }
    }

    fn append(&mut self, other: &Partial) {
        for piece in &other.0 {
            match piece {
                Piece::Text(t) => self.push_text(t),
                Piece::Unknown => self.push_unknown(),
            }
        }
    }

    fn map_text(&self, f: impl Fn(&str) -> String) -> Partial {
        let mut out = Partial::default();
        for piece in &self.0 {
            match piece {
                Piece::Text(t) => out.push_text(&f(t)),
                Piece::Unknown => out.push_unknown(),
            }
        }
        out
    }
}

/// A JSON value copied out of a template (parameter default, variable, value passed to a
/// nested template). Strings are kept raw: they may be expressions, evaluated when used.
#[derive(Debug, Clone, PartialEq)]
enum JVal {
    /// A string as written (possibly `"[...]"`).
    Str(String),
    Int(i64),
    Bool(bool),
    Null,
    Array(Vec<JVal>),
    Object(Vec<(String, JVal)>),
    /// A string already evaluated in another template's context (values passed into a nested
    /// template), never evaluated again.
    Resolved(Partial),
    /// Something not modelled: a non-integer number, too deep, a Key Vault reference, ...
    Opaque,
}

impl JVal {
    /// Copies a syntax tree value, bounded in depth (deeper parts become opaque).
    fn from_ast(value: &Value<'_>, depth: usize) -> JVal {
        if depth >= MAX_JSON_DEPTH {
            return JVal::Opaque;
        }
        match value {
            Value::StringLit(s) => JVal::Str(s.value.to_string()),
            Value::NumberLit(n) => n.value.parse().map_or(JVal::Opaque, JVal::Int),
            Value::BooleanLit(b) => JVal::Bool(b.value),
            Value::NullKeyword(_) => JVal::Null,
            Value::Array(a) => JVal::Array(
                a.elements
                    .iter()
                    .map(|e| JVal::from_ast(e, depth + 1))
                    .collect(),
            ),
            Value::Object(o) => JVal::Object(
                o.properties
                    .iter()
                    .map(|p| {
                        (
                            json::name(p).to_string(),
                            JVal::from_ast(&p.value, depth + 1),
                        )
                    })
                    .collect(),
            ),
        }
    }

    /// Whether any string inside is an expression (depth bounded by `from_ast`).
    fn has_expression(&self) -> bool {
        match self {
            JVal::Str(s) => is_expression(s),
            JVal::Array(items) => items.iter().any(JVal::has_expression),
            JVal::Object(props) => props.iter().any(|(_, v)| v.has_expression()),
            _ => false,
        }
    }
}

/// Parameter defaults and variables of one template, for evaluating its expressions. ARM
/// matches parameter and variable names without regard to case, so keys are lower case.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArmContext {
    /// Parameter name (lower case) → its default value or the value passed in. Parameters
    /// without either are absent (unknown).
    parameters: HashMap<String, JVal>,
    /// Variable name (lower case) → its value as written.
    variables: HashMap<String, JVal>,
}

impl ArmContext {
    /// The context of a template: its `parameters` defaults and `variables`.
    pub fn from_template(root: &Object<'_>) -> Self {
        let mut ctx = ArmContext::default();
        if let Some(params) = json::get_obj(root, "parameters") {
            for p in &params.properties {
                if let Value::Object(decl) = &p.value {
                    if let Some(default) = json::get(decl, "defaultValue") {
                        ctx.parameters.insert(
                            json::name(p).to_lowercase(),
                            JVal::from_ast(&default.value, 0),
                        );
                    }
                }
            }
        }
        if let Some(vars) = json::get_obj(root, "variables") {
            for v in &vars.properties {
                // `copy` in `variables` defines loops over variables; not modelled.
                if json::name(v).eq_ignore_ascii_case("copy") {
                    continue;
                }
                ctx.variables
                    .insert(json::name(v).to_lowercase(), JVal::from_ast(&v.value, 0));
            }
        }
        ctx
    }

    /// The context of a nested inline template evaluated in its own scope
    /// (`expressionEvaluationOptions.scope: inner`): its own defaults, overridden by the values
    /// the deployment passes in (`"name": {"value": ...}`), which are written in the outer
    /// template and so evaluated in `outer`.
    pub(crate) fn nested(template: &Object<'_>, passed: Option<&Object<'_>>, outer: &Self) -> Self {
        let mut ctx = ArmContext::from_template(template);
        let Some(passed) = passed else {
            return ctx;
        };
        for p in &passed.properties {
            let key = json::name(p).to_lowercase();
            let value = match &p.value {
                Value::Object(o) => match json::get(o, "value") {
                    Some(v) => match JVal::from_ast(&v.value, 0) {
                        JVal::Str(s) => JVal::Resolved(eval(&s, outer)),
                        // Objects holding outer expressions would be evaluated in the wrong
                        // context later; give up on them.
                        j if j.has_expression() => JVal::Opaque,
                        j => j,
                    },
                    // `reference` (Key Vault) and anything else: known only at deployment.
                    None => JVal::Opaque,
                },
                _ => JVal::Opaque,
            };
            ctx.parameters.insert(key, value);
        }
        ctx
    }
}

/// Whether a template string is an expression: `"[...]"`, but not the `"[[..."` escape.
pub fn is_expression(text: &str) -> bool {
    text.len() >= 2 && text.starts_with('[') && text.ends_with(']') && !text.starts_with("[[")
}

/// Evaluates an ARM template string: a literal (no brackets, or the `"[[...]"` escape, which
/// stands for `"[...]"`) or an expression `"[...]"`. Supports string literals, integers,
/// `parameters()` (their defaults), `variables()` (cycle-safe), `concat`, `format`, `toLower`,
/// `toUpper`, `replace`, `string`, `if`, `equals`, `true`/`false`, and member and index access
/// on parameter and variable values. Anything else is an unknown gap. Never panics.
pub fn eval(text: &str, ctx: &ArmContext) -> Partial {
    let mut ev = Evaluator {
        ctx,
        fuel: FUEL,
        depth: 0,
        active: Vec::new(),
        assume_parameters: false,
    };
    let v = ev.eval_text(text);
    to_partial(&v)
}

/// Like [`eval`], with a placeholder (`P`) for every parameter that has no value: tells the
/// corpus test which names are dynamic only because the template leaves them to its caller.
#[cfg(test)]
pub(crate) fn eval_assuming_parameters(text: &str, ctx: &ArmContext) -> Partial {
    let mut ev = Evaluator {
        ctx,
        fuel: FUEL,
        depth: 0,
        active: Vec::new(),
        assume_parameters: true,
    };
    let v = ev.eval_text(text);
    to_partial(&v)
}

/// The entity name a `referenceName` / `linkedServiceName` value of a template resource
/// refers to: a literal as it stands; an expression by its value when fully known (the last
/// segment when it holds a `/`); `None` when it is only known at deployment (not checked).
pub fn resolve_reference(text: &str, ctx: &ArmContext) -> Option<String> {
    if !is_expression(text) {
        return eval(text, ctx).known();
    }
    let known = eval(text, ctx).known()?;
    match known.rfind('/') {
        Some(i) => known.get(i + 1..).map(str::to_string),
        None => Some(known),
    }
}

/// A value during evaluation.
#[derive(Debug, Clone)]
enum Val<'c> {
    Str(Partial),
    Int(i64),
    Bool(bool),
    Null,
    /// An array or object from the context, not copied.
    Json(&'c JVal),
    /// An array built by `concat` of arrays.
    Array(Vec<Val<'c>>),
    Unknown,
}

/// The string form of a value, as ARM's `string()` and `concat` give it for scalars.
fn to_partial(v: &Val<'_>) -> Partial {
    match v {
        Val::Str(p) => p.clone(),
        Val::Int(n) => Partial::text(n.to_string()),
        Val::Bool(b) => Partial::text(if *b { "True" } else { "False" }),
        _ => Partial::unknown(),
    }
}

/// Caps the length of built text (see [`MAX_TEXT`]).
fn capped(p: Partial) -> Val<'static> {
    if p.text_len() > MAX_TEXT {
        Val::Unknown
    } else {
        Val::Str(p)
    }
}

struct Evaluator<'c> {
    ctx: &'c ArmContext,
    fuel: u32,
    depth: usize,
    /// Parameters (`false`) and variables (`true`) being evaluated, to cut cycles.
    active: Vec<(bool, String)>,
    /// Parameters without a value evaluate to a placeholder (tests only).
    assume_parameters: bool,
}

impl<'c> Evaluator<'c> {
    /// A template string: a literal or an expression.
    fn eval_text(&mut self, text: &str) -> Val<'c> {
        if is_expression(text) {
            let inner = text.get(1..text.len() - 1).unwrap_or("");
            match expr::parse(inner) {
                Some(e) => self.eval_expr(&e),
                None => Val::Unknown,
            }
        } else if text.starts_with("[[") && text.ends_with(']') {
            Val::Str(Partial::text(text.get(1..).unwrap_or("")))
        } else {
            Val::Str(Partial::text(text))
        }
    }

    /// Turns a context value into an evaluated one (strings may be expressions); arrays and
    /// objects stay references into the context.
    fn force(&mut self, j: &'c JVal) -> Val<'c> {
        match j {
            JVal::Str(s) => self.eval_text(s),
            JVal::Int(n) => Val::Int(*n),
            JVal::Bool(b) => Val::Bool(*b),
            JVal::Null => Val::Null,
            JVal::Array(_) | JVal::Object(_) => Val::Json(j),
            JVal::Resolved(p) => Val::Str(p.clone()),
            JVal::Opaque => Val::Unknown,
        }
    }

    fn eval_expr(&mut self, e: &Expr) -> Val<'c> {
        if self.fuel == 0 || self.depth >= MAX_EVAL_DEPTH {
            return Val::Unknown;
        }
        self.fuel -= 1;
        self.depth += 1;
        let v = match e {
            Expr::Str(s) => Val::Str(Partial::text(s.as_str())),
            Expr::Int(n) => Val::Int(*n),
            Expr::Call(name, args) => self.call(name, args),
            Expr::Member(target, member) => {
                let t = self.eval_expr(target);
                self.member(t, member)
            }
            Expr::Index(target, index) => {
                let t = self.eval_expr(target);
                match self.eval_expr(index) {
                    Val::Int(i) => self.element(t, i),
                    Val::Str(p) => match p.known() {
                        Some(key) => self.member(t, &key),
                        None => Val::Unknown,
                    },
                    _ => Val::Unknown,
                }
            }
        };
        self.depth -= 1;
        v
    }

    fn member(&mut self, target: Val<'c>, member: &str) -> Val<'c> {
        let Val::Json(JVal::Object(props)) = target else {
            return Val::Unknown;
        };
        let found = props
            .iter()
            .find(|(k, _)| k == member)
            .or_else(|| props.iter().find(|(k, _)| k.eq_ignore_ascii_case(member)));
        match found {
            Some((_, v)) => self.force(v),
            None => Val::Unknown,
        }
    }

    fn element(&mut self, target: Val<'c>, index: i64) -> Val<'c> {
        let Ok(i) = usize::try_from(index) else {
            return Val::Unknown;
        };
        match target {
            Val::Json(JVal::Array(items)) => match items.get(i) {
                Some(item) => self.force(item),
                None => Val::Unknown,
            },
            Val::Array(mut items) => {
                if i < items.len() {
                    items.swap_remove(i)
                } else {
                    Val::Unknown
                }
            }
            _ => Val::Unknown,
        }
    }

    /// A fully known string argument.
    fn known_str(&mut self, e: Option<&Expr>) -> Option<String> {
        match self.eval_expr(e?) {
            Val::Str(p) => p.known(),
            _ => None,
        }
    }

    fn call(&mut self, name: &str, args: &[Expr]) -> Val<'c> {
        match name.to_ascii_lowercase().as_str() {
            "parameters" => self.lookup(false, args.first()),
            "variables" => self.lookup(true, args.first()),
            "concat" => self.concat(args),
            "format" => self.format(args),
            "tolower" | "toupper" => {
                let upper = name.eq_ignore_ascii_case("toupper");
                match args.first().map(|a| self.eval_expr(a)) {
                    Some(Val::Str(p)) if args.len() == 1 => Val::Str(p.map_text(|t| {
                        if upper {
                            t.to_uppercase()
                        } else {
                            t.to_lowercase()
                        }
                    })),
                    _ => Val::Unknown,
                }
            }
            "replace" => {
                if args.len() != 3 {
                    return Val::Unknown;
                }
                let (Some(s), Some(old), Some(new)) = (
                    self.known_str(args.first()),
                    self.known_str(args.get(1)),
                    self.known_str(args.get(2)),
                ) else {
                    return Val::Unknown;
                };
                if old.is_empty() {
                    return Val::Unknown;
                }
                // Check the size before building the result.
                let grown = s.matches(old.as_str()).count().saturating_mul(new.len());
                if s.len().saturating_add(grown) > MAX_TEXT {
                    return Val::Unknown;
                }
                Val::Str(Partial::text(s.replace(old.as_str(), &new)))
            }
            "string" => match args {
                [a] => match self.eval_expr(a) {
                    v @ (Val::Str(_) | Val::Int(_) | Val::Bool(_)) => Val::Str(to_partial(&v)),
                    _ => Val::Unknown,
                },
                _ => Val::Unknown,
            },
            "if" => match args {
                [cond, yes, no] => match self.eval_expr(cond) {
                    Val::Bool(true) => self.eval_expr(yes),
                    Val::Bool(false) => self.eval_expr(no),
                    _ => Val::Unknown,
                },
                _ => Val::Unknown,
            },
            "equals" => match args {
                [a, b] => {
                    let (a, b) = (self.eval_expr(a), self.eval_expr(b));
                    match (a, b) {
                        (Val::Str(a), Val::Str(b)) => match (a.known(), b.known()) {
                            (Some(a), Some(b)) => Val::Bool(a == b),
                            _ => Val::Unknown,
                        },
                        (Val::Int(a), Val::Int(b)) => Val::Bool(a == b),
                        (Val::Bool(a), Val::Bool(b)) => Val::Bool(a == b),
                        _ => Val::Unknown,
                    }
                }
                _ => Val::Unknown,
            },
            "true" if args.is_empty() => Val::Bool(true),
            "false" if args.is_empty() => Val::Bool(false),
            "null" if args.is_empty() => Val::Null,
            // Deployment-time functions (uniqueString, resourceGroup, copyIndex, reference, ...)
            // and everything not modelled.
            _ => Val::Unknown,
        }
    }

    /// `parameters('x')` or `variables('x')`.
    fn lookup(&mut self, variable: bool, arg: Option<&Expr>) -> Val<'c> {
        let Some(key) = self.known_str(arg).map(|k| k.to_lowercase()) else {
            return Val::Unknown;
        };
        let ctx: &'c ArmContext = self.ctx;
        let map = if variable {
            &ctx.variables
        } else {
            &ctx.parameters
        };
        let Some(j) = map.get(&key) else {
            if self.assume_parameters && !variable {
                return Val::Str(Partial::text("P"));
            }
            return Val::Unknown;
        };
        let entry = (variable, key);
        if self.active.contains(&entry) {
            return Val::Unknown;
        }
        self.active.push(entry);
        let v = self.force(j);
        self.active.pop();
        v
    }

    fn concat(&mut self, args: &[Expr]) -> Val<'c> {
        let vals: Vec<Val<'c>> = args.iter().map(|a| self.eval_expr(a)).collect();
        let is_array = |v: &Val<'_>| matches!(v, Val::Json(JVal::Array(_)) | Val::Array(_));
        if vals.iter().any(is_array) {
            // concat of arrays gives an array; mixing in anything else is not modelled.
            let mut out = Vec::new();
            for v in vals {
                match v {
                    Val::Json(JVal::Array(items)) => {
                        if out.len().saturating_add(items.len()) > MAX_ARRAY {
                            return Val::Unknown;
                        }
                        out.extend(items.iter().map(|i| self.force(i)));
                    }
                    Val::Array(items) => out.extend(items),
                    _ => return Val::Unknown,
                }
                if out.len() > MAX_ARRAY {
                    return Val::Unknown;
                }
            }
            return Val::Array(out);
        }
        let mut out = Partial::default();
        for v in &vals {
            out.append(&to_partial(v));
            if out.text_len() > MAX_TEXT {
                return Val::Unknown;
            }
        }
        Val::Str(out)
    }

    /// `format('{0}-{1}', a, b)` with .NET composite format items; items with an alignment
    /// or a format string are unknown gaps.
    fn format(&mut self, args: &[Expr]) -> Val<'c> {
        let Some(fmt) = self.known_str(args.first()) else {
            return Val::Unknown;
        };
        let vals: Vec<Val<'c>> = args
            .get(1..)
            .unwrap_or(&[])
            .iter()
            .map(|a| self.eval_expr(a))
            .collect();
        let mut out = Partial::default();
        let mut chars = fmt.chars().peekable();
        let mut lit = String::new();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    lit.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    lit.push('}');
                }
                '{' => {
                    let mut item = String::new();
                    let mut closed = false;
                    for d in chars.by_ref() {
                        if d == '}' {
                            closed = true;
                            break;
                        }
                        item.push(d);
                    }
                    if !closed {
                        return Val::Unknown;
                    }
                    out.push_text(&lit);
                    lit.clear();
                    let (index, plain) = match item.find([',', ':']) {
                        Some(i) => (item.get(..i).unwrap_or(""), false),
                        None => (item.as_str(), true),
                    };
                    let Ok(index) = index.trim().parse::<usize>() else {
                        return Val::Unknown;
                    };
                    match vals.get(index) {
                        Some(v) if plain => out.append(&to_partial(v)),
                        Some(_) => out.push_unknown(),
                        // .NET throws on an index past the arguments.
                        None => return Val::Unknown,
                    }
                }
                // A lone `}` is a format error in .NET.
                '}' => return Val::Unknown,
                c => lit.push(c),
            }
        }
        out.push_text(&lit);
        capped(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(template: &str) -> ArmContext {
        let parsed = adf_syntax::parse(template, &adf_syntax::ParseOptions::default());
        match parsed.value {
            Some(Value::Object(o)) => ArmContext::from_template(&o),
            _ => ArmContext::default(),
        }
    }

    fn known(text: &str, c: &ArmContext) -> Option<String> {
        eval(text, c).known()
    }

    const TEMPLATE: &str = r#"{
        // comments are allowed
        "parameters": {
            "factoryName": { "type": "string" },
            "env": { "type": "string", "defaultValue": "dev" },
            "Pipeline": { "type": "string", "defaultValue": "[concat('PL_', parameters('env'))]" },
            "settings": { "type": "object", "defaultValue": { "names": ["a", "b"], "Inner": { "x": "X" } } },
            "count": { "type": "int", "defaultValue": 3 },
            "selfRef": { "type": "string", "defaultValue": "[parameters('selfRef')]" }
        },
        "variables": {
            "ds": "[concat('DS_', toUpper(parameters('env')))]",
            "loopA": "[variables('loopB')]",
            "loopB": "[concat('x', variables('loopA'))]",
            "obj": { "name": "[variables('ds')]", "list": [ "[parameters('env')]" ] },
            "escaped": "[[not an expression]",
            "unknownish": "[uniqueString(resourceGroup().id)]"
        },
        "resources": []
    }"#;

    #[test]
    fn literals_and_escapes() {
        let c = ArmContext::default();
        assert_eq!(known("plain", &c).as_deref(), Some("plain"));
        assert_eq!(known("[[abc]", &c).as_deref(), Some("[abc]"));
        assert_eq!(known("[abc", &c).as_deref(), Some("[abc"));
        assert_eq!(known("", &c).as_deref(), Some(""));
        assert_eq!(known("['it''s']", &c).as_deref(), Some("it's"));
        assert_eq!(known("[ 'spaced' ]", &c).as_deref(), Some("spaced"));
        assert_eq!(known("[42]", &c).as_deref(), Some("42"));
        assert!(is_expression("[x]"));
        assert!(!is_expression("[[x]"));
        assert!(!is_expression("["));
        assert!(!is_expression("]"));
        assert!(!is_expression("x[y]"));
    }

    #[test]
    fn parameters_and_variables() {
        let c = ctx(TEMPLATE);
        assert_eq!(known("[parameters('env')]", &c).as_deref(), Some("dev"));
        // Names match without regard to case.
        assert_eq!(known("[parameters('ENV')]", &c).as_deref(), Some("dev"));
        assert_eq!(
            known("[Parameters('pipeline')]", &c).as_deref(),
            Some("PL_dev")
        );
        assert_eq!(known("[variables('ds')]", &c).as_deref(), Some("DS_DEV"));
        assert_eq!(known("[parameters('count')]", &c).as_deref(), Some("3"));
        assert_eq!(
            known("[variables('escaped')]", &c).as_deref(),
            Some("[not an expression]")
        );
        assert_eq!(eval("[parameters('factoryName')]", &c), Partial::unknown());
        assert_eq!(eval("[parameters('missing')]", &c), Partial::unknown());
        assert_eq!(eval("[variables('unknownish')]", &c), Partial::unknown());
    }

    #[test]
    fn cycles_are_unknown() {
        let c = ctx(TEMPLATE);
        assert_eq!(eval("[parameters('selfRef')]", &c), Partial::unknown());
        let p = eval("[variables('loopA')]", &c);
        assert_eq!(p.known(), None);
        assert_eq!(p.0.first(), Some(&Piece::Text("x".into())));
    }

    #[test]
    fn member_and_index_access() {
        let c = ctx(TEMPLATE);
        assert_eq!(
            known("[parameters('settings').names[1]]", &c).as_deref(),
            Some("b")
        );
        assert_eq!(
            known("[parameters('settings').inner.x]", &c).as_deref(),
            Some("X")
        );
        assert_eq!(
            known("[parameters('settings')['Inner']['x']]", &c).as_deref(),
            Some("X")
        );
        assert_eq!(
            known("[variables('obj').name]", &c).as_deref(),
            Some("DS_DEV")
        );
        assert_eq!(
            known("[variables('obj').list[0]]", &c).as_deref(),
            Some("dev")
        );
        assert_eq!(
            known(
                "[concat(variables('obj').list, parameters('settings').names)[2]]",
                &c
            )
            .as_deref(),
            Some("b")
        );
        assert_eq!(
            eval("[parameters('settings').names[9]]", &c),
            Partial::unknown()
        );
        assert_eq!(
            eval("[parameters('settings').names[-1]]", &c),
            Partial::unknown()
        );
        assert_eq!(
            eval("[parameters('settings').nope]", &c),
            Partial::unknown()
        );
        assert_eq!(eval("[parameters('settings')]", &c), Partial::unknown());
        assert_eq!(eval("[parameters('env').x]", &c), Partial::unknown());
    }

    #[test]
    fn string_functions() {
        let c = ctx(TEMPLATE);
        assert_eq!(
            known("[format('{0}-{1}', 'a', parameters('env'))]", &c).as_deref(),
            Some("a-dev")
        );
        assert_eq!(
            known("[format('{{{0}}}', 'a')]", &c).as_deref(),
            Some("{a}")
        );
        assert_eq!(eval("[format('{0}-{1}', 'a')]", &c), Partial::unknown());
        assert_eq!(eval("[format('{0', 'a')]", &c), Partial::unknown());
        assert_eq!(
            eval("[format('{0:N2}/x', 1)]", &c),
            Partial(vec![Piece::Unknown, Piece::Text("/x".into())])
        );
        assert_eq!(known("[toLower('AbC')]", &c).as_deref(), Some("abc"));
        assert_eq!(
            known("[toUpper(variables('ds'))]", &c).as_deref(),
            Some("DS_DEV")
        );
        assert_eq!(
            known("[replace('a-b-c', '-', '_')]", &c).as_deref(),
            Some("a_b_c")
        );
        assert_eq!(eval("[replace('abc', '', 'x')]", &c), Partial::unknown());
        assert_eq!(
            eval("[replace(parameters('factoryName'), 'a', 'b')]", &c),
            Partial::unknown()
        );
        assert_eq!(
            known("[string(parameters('count'))]", &c).as_deref(),
            Some("3")
        );
        assert_eq!(
            known("[if(equals(parameters('env'), 'dev'), 'D', 'P')]", &c).as_deref(),
            Some("D")
        );
        assert_eq!(known("[if(false(), 'D', 'P')]", &c).as_deref(), Some("P"));
        assert_eq!(
            eval("[if(equals(parameters('factoryName'), 'x'), 'D', 'P')]", &c),
            Partial::unknown()
        );
        assert_eq!(eval("[ns.custom('a')]", &c), Partial::unknown());
        assert_eq!(eval("[concat('a', ]", &c), Partial::unknown());
    }

    #[test]
    fn partial_results_keep_known_parts() {
        let c = ctx(TEMPLATE);
        let p = eval("[concat(parameters('factoryName'), '/MyPipeline')]", &c);
        assert_eq!(
            p,
            Partial(vec![Piece::Unknown, Piece::Text("/MyPipeline".into())])
        );
        assert_eq!(p.known(), None);
        assert_eq!(p.last_segment().as_deref(), Some("MyPipeline"));
        let p = eval(
            "[concat(parameters('factoryName'), '/', parameters('Pipeline'))]",
            &c,
        );
        assert_eq!(p.last_segment().as_deref(), Some("PL_dev"));
        let p = eval(
            "[concat(parameters('env'), '/', parameters('factoryName'))]",
            &c,
        );
        assert_eq!(p.last_segment(), None);
        let p = eval(
            "[concat('f/', parameters('env'), '_', uniqueString('x'))]",
            &c,
        );
        assert_eq!(p.last_segment(), None);
        assert_eq!(
            eval("[toLower(concat(parameters('factoryName'), '/AB'))]", &c)
                .last_segment()
                .as_deref(),
            Some("ab")
        );
        assert_eq!(Partial::text("a/b/c").last_segment().as_deref(), Some("c"));
        assert_eq!(Partial::text("abc").last_segment().as_deref(), Some("abc"));
        assert_eq!(Partial::text("abc/").last_segment().as_deref(), Some(""));
        assert_eq!(Partial::default().known().as_deref(), Some(""));
    }

    #[test]
    fn references() {
        let c = ctx(TEMPLATE);
        assert_eq!(resolve_reference("DS_1", &c).as_deref(), Some("DS_1"));
        assert_eq!(
            resolve_reference("[variables('ds')]", &c).as_deref(),
            Some("DS_DEV")
        );
        assert_eq!(
            resolve_reference("[concat('f', '/', 'ls')]", &c).as_deref(),
            Some("ls")
        );
        assert_eq!(
            resolve_reference("[concat(parameters('factoryName'), '/ls')]", &c),
            None
        );
        assert_eq!(resolve_reference("[parameters('factoryName')]", &c), None);
        assert_eq!(resolve_reference("[[x]", &c).as_deref(), Some("[x]"));
    }

    #[test]
    fn hostile_input_is_bounded() {
        // A doubling chain: 40 levels would be 2^40 steps without a budget.
        let mut vars = String::from(r#""v0": "ab""#);
        for i in 1..40 {
            vars.push_str(&format!(
                r#", "v{i}": "[concat(variables('v{p}'), variables('v{p}'))]""#,
                p = i - 1
            ));
        }
        let c = ctx(&format!(r#"{{ "variables": {{ {vars} }} }}"#));
        assert_eq!(eval("[variables('v39')]", &c).known(), None);
        assert_eq!(known("[variables('v5')]", &c).map(|s| s.len()), Some(64));
        // Long variable chains stop at the depth bound instead of the stack.
        let mut vars = String::from(r#""c0": "end""#);
        for i in 1..2000 {
            vars.push_str(&format!(r#", "c{i}": "[variables('c{p}')]""#, p = i - 1));
        }
        let c = ctx(&format!(r#"{{ "variables": {{ {vars} }} }}"#));
        assert_eq!(eval("[variables('c1999')]", &c), Partial::unknown());
        assert_eq!(known("[variables('c10')]", &c).as_deref(), Some("end"));
        // Self-referencing members through objects hit the depth bound.
        let c = ctx(r#"{ "variables": { "a": { "x": "[variables('a').x]" } } }"#);
        assert_eq!(eval("[variables('a').x]", &c), Partial::unknown());
        // Replace that would blow up.
        let c = ctx(&format!(
            r#"{{ "variables": {{ "big": "{}" }} }}"#,
            "a".repeat(3000)
        ));
        assert_eq!(
            eval("[replace(variables('big'), 'a', 'aaaa')]", &c),
            Partial::unknown()
        );
        // Doubling arrays stop at the element cap.
        let items = vec!["\"x\""; 600].join(",");
        let c = ctx(&format!(
            r#"{{ "variables": {{ "a0": [{items}], "a1": "[concat(variables('a0'), variables('a0'))]",
                "a2": "[concat(variables('a1'), variables('a1'))]" }} }}"#
        ));
        assert_eq!(eval("[variables('a1')[1199]]", &c), Partial::unknown());
        assert_eq!(
            known(
                "[concat(variables('a0'), variables('a0'))[599]]",
                &ArmContext::default()
            ),
            None
        );
        assert_eq!(known("[variables('a0')[599]]", &c).as_deref(), Some("x"));
        let deep = format!("[{}'x'{}]", "concat(".repeat(5000), ")".repeat(5000));
        assert_eq!(eval(&deep, &c), Partial::unknown());
    }

    #[test]
    fn nested_contexts_take_passed_values() {
        let outer = ctx(TEMPLATE);
        let nested = r#"{
            "template": { "parameters": { "a": {"defaultValue": "A"}, "b": {"defaultValue": "B"}, "c": {}, "d": {} } },
            "parameters": {
                "b": { "value": "[parameters('env')]" },
                "c": { "value": { "k": "[parameters('env')]" } },
                "d": { "value": { "k": "plain" } },
                "e": { "reference": { "keyVault": {} } }
            }
        }"#;
        let parsed = adf_syntax::parse(nested, &adf_syntax::ParseOptions::default());
        let Some(Value::Object(o)) = parsed.value else {
            panic!("test input parses");
        };
        let (Some(t), Some(p)) = (
            json::get_obj(&o, "template"),
            json::get_obj(&o, "parameters"),
        ) else {
            panic!("test input has both");
        };
        let inner = ArmContext::nested(t, Some(p), &outer);
        assert_eq!(known("[parameters('a')]", &inner).as_deref(), Some("A"));
        assert_eq!(known("[parameters('b')]", &inner).as_deref(), Some("dev"));
        assert_eq!(eval("[parameters('c').k]", &inner), Partial::unknown());
        assert_eq!(
            known("[parameters('d').k]", &inner).as_deref(),
            Some("plain")
        );
        assert_eq!(eval("[parameters('e')]", &inner), Partial::unknown());
        // The outer template's own parameters are not visible inside.
        assert_eq!(eval("[parameters('env')]", &inner), Partial::unknown());
    }
}
