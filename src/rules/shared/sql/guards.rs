//! "Is this interpolated name constrained before it reaches the SQL text?" for
//! sql-interpolation: a number cast, a membership or anchored-pattern check that rejects
//! other values, or a private helper's parameter that every call in the file passes as a
//! literal.

use tree_sitter::Node;

use crate::lang::tree::{FieldExt, KindExt};
use crate::lang::tree::{
    ancestors, contains, descendants, named_children, text, unwrap_expression,
};
use crate::lang::{js, py};
use crate::rules::TreeContext;

/// `Number(x)`, `parseInt(x, 10)`, `Math.floor(x)`: the result is a number.
pub fn js_is_number_cast(call: Node, src: &str) -> bool {
    let Some(callee) = js::callee(call) else {
        return false;
    };
    let callee = text(callee, src);
    matches!(
        callee,
        "Number" | "parseInt" | "parseFloat" | "Number.parseInt" | "Number.parseFloat" | "BigInt"
    ) || callee.starts_with("Math.")
}

/// `int(x)`, `float(x)`, `len(x)`: the result is a number.
pub fn py_is_number_cast(call: Node, src: &str) -> bool {
    call.field("function")
        .is_some_and(|f| matches!(text(f, src), "int" | "float" | "len" | "round" | "abs"))
}

/// Dialect helpers that return a placeholder expression around a bound parameter
/// (`db.timestamp_placeholder("since")`, `placeholders(n)`).
pub fn names_a_placeholder_helper(name: &str) -> bool {
    name.to_ascii_lowercase().contains("placeholder")
}

/// Validators whose success says nothing of the text a value holds.
const TYPE_CHECKS: &[&str] = &[
    "isString",
    "isObject",
    "isArray",
    "isPlainObject",
    "isEmpty",
    "isNil",
    "isNull",
    "isUndefined",
    "isDefined",
    "isinstance",
    "is_str",
    "isFunction",
    "isBuffer",
];

/// True when `name` at `hole` is checked in its function before it is used: the use sits
/// in the branch of an `if` (or `?:`) that accepts it, or an earlier `if` rejects other
/// values and leaves (`throw`, `return`, `raise`, `continue`). A check is a membership test
/// against a list (`ALLOWED.includes(col)`, `col in ALLOWED`), an anchored pattern
/// (`/^\w+$/.test(col)`, `re.fullmatch(...)`), a validator named `is...`/`valid...`, or a
/// rejection of quote characters (`'"' not in name`).
pub fn is_validated(hole: Node, name: &str, cx: &TreeContext, python: bool) -> bool {
    let src = cx.src;
    let function = if python {
        py::enclosing_function(hole)
    } else {
        js::enclosing_function(hole)
    };
    let scope = function.unwrap_or(cx.root);
    // An enclosing `if` or conditional whose accepting branch holds the use.
    for ancestor in ancestors(hole) {
        if ancestor.id() == scope.id() {
            break;
        }
        let (condition, accepting) = match ancestor.kind_name() {
            "if_statement" => (ancestor.field("condition"), ancestor.field("consequence")),
            "ternary_expression" => (ancestor.field("condition"), ancestor.field("consequence")),
            "conditional_expression" => (ancestor.named_child(1), ancestor.named_child(0)),
            _ => continue,
        };
        let (Some(condition), Some(accepting)) = (condition, accepting) else {
            continue;
        };
        if contains(accepting, hole) && checks(condition, name, src, python, false) {
            return true;
        }
    }
    // An earlier `if` that rejects unchecked values and leaves.
    descendants(scope)
        .take_while(|n| n.start_byte() < hole.start_byte())
        .filter(|n| n.kind_name() == "if_statement" && n.end_byte() <= hole.start_byte())
        .any(|n| {
            n.field("condition")
                .is_some_and(|c| checks(c, name, src, python, true))
                && n.field("consequence").is_some_and(|c| leaves(c, src))
        })
}

/// The branch ends the function or the iteration: `throw`, `return`, `raise`,
/// `continue`, or a call that ends the request (Flask's `abort(400)`, `sys.exit(1)`).
fn leaves(branch: Node, src: &str) -> bool {
    let kinds = [
        "throw_statement",
        "return_statement",
        "raise_statement",
        "continue_statement",
    ];
    let ends = |s: &Node| {
        kinds.contains(&s.kind_name())
            || s.kind_name() == "expression_statement"
                && s.named_child(0).is_some_and(|c| {
                    c.kind_name() == "call"
                        && py::callee_name(c, src)
                            .is_some_and(|callee| callee == "abort" || callee == "exit")
                })
    };
    ends(&branch) || named_children(branch).iter().any(ends)
}

/// True when `condition` holds a check of `name` with the wanted polarity: `negated` asks
/// for the test that is true when the value is rejected (`!ALLOWED.includes(x)`,
/// `x not in ALLOWED`).
fn checks(condition: Node, name: &str, src: &str, python: bool, negated: bool) -> bool {
    descendants(condition).any(|n| {
        let Some(positive) = check_polarity(n, name, src, python) else {
            return false;
        };
        // A `!` / `not` right above the test flips it.
        let flipped = n.parent().is_some_and(|p| {
            let p = if matches!(p.kind_name(), "parenthesized_expression") {
                p.parent().unwrap_or(p)
            } else {
                p
            };
            (p.kind_name() == "unary_expression"
                && p.field("operator").is_some_and(|o| text(o, src) == "!"))
                || p.kind_name() == "not_operator"
        });
        (positive != flipped) != negated
    })
}

/// If `node` is a check of `name`, whether it is true for accepted values.
fn check_polarity(node: Node, name: &str, src: &str, python: bool) -> Option<bool> {
    let is_name = |n: Node| {
        let n = if python {
            py::unwrap(n)
        } else {
            unwrap_expression(n)
        };
        // A name, or the same member read (`req.query.sort`) checked and then used.
        matches!(
            n.kind_name(),
            "identifier" | "member_expression" | "attribute" | "subscript_expression" | "subscript"
        ) && text(n, src) == name
    };
    if python {
        match node.kind_name() {
            "comparison_operator" => {
                let left = node.named_child(0)?;
                let right = node.named_child(1)?;
                let op_text = src
                    .get(left.end_byte()..right.start_byte())
                    .unwrap_or_default()
                    .trim();
                let not_in = op_text.split_whitespace().collect::<Vec<_>>() == ["not", "in"];
                let is_in = op_text.trim() == "in";
                if (is_in || not_in) && is_name(left) && right.kind_name() != "string" {
                    return Some(is_in);
                }
                // `'"' not in name`: quotes rejected.
                if not_in
                    && is_name(right)
                    && py::string_value(left, src).is_some_and(|q| q.contains(['"', '\'']))
                {
                    return Some(true);
                }
                None
            }
            "call" => {
                let callee = py::callee_name(node, src)?.trim_start_matches('_');
                let args = py::positional_arguments(node);
                if !args.iter().any(|a| is_name(*a)) || TYPE_CHECKS.contains(&callee) {
                    return None;
                }
                let anchored = matches!(callee, "fullmatch")
                    || matches!(callee, "match" | "search")
                        && args
                            .iter()
                            .filter_map(|a| py::string_value(*a, src))
                            .any(|p| p.starts_with('^') && p.ends_with('$'));
                let validator = callee.starts_with("is_")
                    || callee.starts_with("valid")
                    || callee.starts_with("is") && callee[2..].starts_with(char::is_uppercase);
                (anchored || validator).then_some(true)
            }
            _ => None,
        }
    } else {
        if node.kind_name() != "call_expression" {
            return None;
        }
        let callee = js::callee_name(node, src)?.trim_start_matches('_');
        let args = js::call_arguments(node);
        if !args.iter().any(|a| is_name(*a)) || TYPE_CHECKS.contains(&callee) {
            return None;
        }
        match callee {
            "includes" | "has" => Some(true),
            "test" => {
                let object = js::callee_object(node).map(unwrap_expression)?;
                let pattern = object
                    .field("pattern")
                    .map(|p| text(p, src))
                    .unwrap_or_default();
                (object.kind_name() == "regex"
                    && pattern.starts_with('^')
                    && pattern.ends_with('$'))
                .then_some(true)
            }
            _ => {
                let validator = callee.starts_with("valid")
                    || callee.starts_with("is") && callee[2..].starts_with(char::is_uppercase);
                validator.then_some(true)
            }
        }
    }
}

/// True when `name` is a parameter of a function that is not exported and that every
/// reference in this file calls with a value `safe` accepts (a literal, a number cast, a
/// constant...) or leaves the argument out, with a literal default: a private helper called
/// with `'ASC'` or `'DESC'` only, or a private method (`_search_vectors`, called as
/// `self._search_vectors(...)`) given a threshold its caller casts with `float()`.
pub fn param_only_gets_safe(
    hole: Node,
    name: &str,
    cx: &TreeContext,
    python: bool,
    safe: &dyn Fn(Node) -> bool,
) -> bool {
    let src = cx.src;
    let function = if python {
        py::enclosing_function(hole)
    } else {
        js::enclosing_function(hole)
    };
    let Some(function) = function else {
        return false;
    };
    let params: Vec<&str> = if python {
        py::parameter_names(function, src)
    } else {
        js::parameter_names(function, src)
    };
    let Some(mut index) = params.iter().position(|p| *p == name) else {
        return false;
    };
    let (Some(fname), default_literal) = function_name_and_default(function, index, cx, python)
    else {
        return false;
    };
    // A method is private by its name's convention (`_name`, `#name`) and called on the
    // instance; its own parameter list starts with `self` / `cls`.
    let method = if python {
        ancestors(function).any(|a| a.kind_name() == "class_definition")
    } else {
        function.kind_name() == "method_definition"
    };
    if method {
        if !fname.starts_with('_') && !fname.starts_with('#') {
            return false;
        }
        if python {
            if !matches!(params.first(), Some(&("self" | "cls"))) || index == 0 {
                return false;
            }
            index -= 1;
        }
    }
    if !python
        && function
            .parent()
            .is_some_and(|p| p.kind_name() == "export_statement")
    {
        return false;
    }
    let name_node = function.field("name");
    let mut calls = 0;
    for n in descendants(cx.root) {
        if !matches!(
            n.kind_name(),
            "identifier"
                | "shorthand_property_identifier"
                | "property_identifier"
                | "private_property_identifier"
        ) || text(n, src) != fname
        {
            continue;
        }
        if name_node.is_some_and(|d| d.id() == n.id()) {
            continue;
        }
        // The declarator of `const helper = (...) => ...`.
        if n.parent().is_some_and(|p| {
            p.kind_name() == "variable_declarator"
                && p.field("name").is_some_and(|d| d.id() == n.id())
        }) {
            continue;
        }
        // A method is called through the instance: `self._name(...)`, `this._name(...)`.
        let callee = if method {
            match n.parent().filter(|p| {
                matches!(p.kind_name(), "attribute" | "member_expression")
                    && p.field(if python { "attribute" } else { "property" })
                        .is_some_and(|a| a.id() == n.id())
                    && p.field("object")
                        .is_some_and(|o| matches!(text(o, src), "self" | "cls" | "this"))
            }) {
                Some(member) => member,
                None => return false,
            }
        } else {
            n
        };
        let Some(call) = callee.parent().filter(|p| {
            matches!(p.kind_name(), "call_expression" | "call")
                && p.field("function").is_some_and(|f| f.id() == callee.id())
        }) else {
            return false;
        };
        calls += 1;
        if !call_passes_safe(call, index, name, default_literal, src, python, safe) {
            return false;
        }
    }
    calls > 0
}

/// The name a function is called by, and whether parameter `index` has a literal default.
fn function_name_and_default<'s>(
    function: Node,
    index: usize,
    cx: &TreeContext<'s>,
    python: bool,
) -> (Option<&'s str>, bool) {
    let src = cx.src;
    let name = match function.field("name") {
        Some(n) => Some(text(n, src)),
        None => function
            .parent()
            .filter(|p| p.kind_name() == "variable_declarator")
            .and_then(|p| p.field("name"))
            .filter(|n| n.kind_name() == "identifier")
            .map(|n| text(n, src)),
    };
    let params = if python {
        function
            .field("parameters")
            .map(|p| {
                named_children(p)
                    .into_iter()
                    .filter(|c| c.kind_name() != "comment")
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    } else {
        js::parameters(function)
    };
    let default = params.get(index).is_some_and(|p| {
        let value = match p.kind_name() {
            "default_parameter" | "typed_default_parameter" => p.field("value"),
            "assignment_pattern" => p.field("right"),
            "required_parameter" | "optional_parameter" => p.field("value"),
            _ => None,
        };
        value.is_some_and(|v| {
            if python {
                py::is_literal(v)
            } else {
                js::is_literal(v)
            }
        })
    });
    (name, default)
}

fn call_passes_safe(
    call: Node,
    index: usize,
    name: &str,
    default_literal: bool,
    src: &str,
    python: bool,
    safe: &dyn Fn(Node) -> bool,
) -> bool {
    if python {
        if let Some(v) = py::keyword_argument(call, name, src) {
            return safe(v);
        }
        let args = call
            .field("arguments")
            .map(named_children)
            .unwrap_or_default();
        if args
            .iter()
            .any(|a| matches!(a.kind_name(), "list_splat" | "dictionary_splat"))
        {
            return false;
        }
        match py::positional_arguments(call).get(index) {
            Some(v) => safe(*v),
            None => default_literal,
        }
    } else {
        let args = js::call_arguments(call);
        if args.iter().any(|a| a.kind_name() == "spread_element") {
            return false;
        }
        match args.get(index) {
            Some(v) => safe(*v),
            None => default_literal,
        }
    }
}

/// A TypeScript parameter annotated as a number or boolean (`timeoutMs: number`): no text
/// of an attacker's fits in it.
pub fn js_parameter_is_typed_as_number(at: Node, name: &str, src: &str) -> bool {
    let Some(function) = ancestors(at)
        .filter(|a| js::is_function(*a))
        .find(|f| js::parameter_names(*f, src).contains(&name))
    else {
        return false;
    };
    let Some(parameters) = function.field("parameters") else {
        return false;
    };
    named_children(parameters).into_iter().any(|p| {
        matches!(p.kind_name(), "required_parameter" | "optional_parameter")
            && p.field("pattern").is_some_and(|n| text(n, src) == name)
            && p.field("type").is_some_and(|t| {
                matches!(
                    text(t, src).trim_start_matches(':').trim(),
                    "number" | "bigint" | "boolean"
                )
            })
    })
}

/// A Python parameter annotated `int`, `float` or `bool`.
pub fn py_parameter_is_typed_as_number(at: Node, name: &str, src: &str) -> bool {
    let Some(function) = ancestors(at)
        .filter(|a| py::is_function(*a))
        .find(|f| py::parameter_names(*f, src).contains(&name))
    else {
        return false;
    };
    let Some(parameters) = function.field("parameters") else {
        return false;
    };
    named_children(parameters).into_iter().any(|p| {
        matches!(p.kind_name(), "typed_parameter" | "typed_default_parameter")
            && (p.field("name").is_some_and(|n| text(n, src) == name)
                || p.named_child(0).is_some_and(|n| text(n, src) == name))
            && p.field("type")
                .is_some_and(|t| matches!(text(t, src), "int" | "float" | "bool"))
    })
}

/// Text the program computes itself, with no outside text in it: a time stamp
/// (`Date.now()`, `d.toISOString()`), random or hashed hex (`randomBytes(4).toString('hex')`,
/// `randomUUID()`, `hash.digest('hex')`).
pub fn js_is_program_computed_text(call: Node, src: &str) -> bool {
    let Some(method) = js::callee_name(call, src) else {
        return false;
    };
    let first_arg = js::call_arguments(call).first().map(|a| text(*a, src));
    match method {
        "now" | "toISOString" | "getTime" | "toFixed" | "randomUUID" | "uuid" | "uuidv4" | "v4"
        | "nanoid" | "randomInt" => true,
        "toString" | "digest" => first_arg.is_some_and(|a| {
            matches!(
                a.trim_matches(['\'', '"']),
                "hex" | "16" | "36" | "base64url"
            )
        }),
        _ => false,
    }
}

/// The Python counterpart: `hashlib.md5(...).hexdigest()`, `uuid.uuid4()`,
/// `secrets.token_hex()`, `datetime.now().strftime(...)`, `time.time()`.
pub fn py_is_program_computed_text(call: Node, src: &str) -> bool {
    py::callee_name(call, src).is_some_and(|name| {
        matches!(
            name,
            "hexdigest"
                | "uuid1"
                | "uuid4"
                | "token_hex"
                | "isoformat"
                | "strftime"
                | "time"
                | "timestamp"
        )
    })
}

/// A filter callback that keeps only checked values: `(k) => FIELDS.includes(k)`,
/// `(k) => ALLOWED.has(k)`, `(k) => /^\w+$/.test(k)`.
pub fn js_callback_accepts_checked(callback: Node, src: &str) -> bool {
    let callback = unwrap_expression(callback);
    if !js::is_function(callback) {
        return false;
    }
    let Some(&param) = js::parameter_names(callback, src).first() else {
        return false;
    };
    let Some(body) = callback.field("body") else {
        return false;
    };
    let test = if body.kind_name() == "statement_block" {
        match named_children(body).as_slice() {
            [only] if only.kind_name() == "return_statement" => only.named_child(0),
            _ => None,
        }
    } else {
        Some(body)
    };
    test.is_some_and(|t| checks_whole(t, param, src, false))
}

/// A comprehension clause `if k in ALLOWED` (or a validator) that keeps only checked values
/// of `name`.
pub fn py_condition_accepts_checked(condition: Node, name: &str, src: &str) -> bool {
    checks_whole(condition, name, src, true)
}

/// The condition as a whole is a positive check of `name` (no `or` around it).
fn checks_whole(condition: Node, name: &str, src: &str, python: bool) -> bool {
    let condition = if python {
        py::unwrap(condition)
    } else {
        unwrap_expression(condition)
    };
    if check_polarity(condition, name, src, python) == Some(true) {
        return true;
    }
    // `a && FIELDS.includes(k)`, `k in ALLOWED and v is not None`
    let conjunction = matches!(
        condition.kind_name(),
        "binary_expression" | "boolean_operator"
    ) && condition
        .field("operator")
        .is_some_and(|o| matches!(text(o, src), "&&" | "and"));
    conjunction
        && [condition.field("left"), condition.field("right")]
            .into_iter()
            .flatten()
            .any(|side| {
                check_polarity(
                    if python {
                        py::unwrap(side)
                    } else {
                        unwrap_expression(side)
                    },
                    name,
                    src,
                    python,
                ) == Some(true)
            })
}
