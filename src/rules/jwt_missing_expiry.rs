//! jwt-missing-expiry: a JSON Web Token signed without an expiry (`exp`).

use tree_sitter::Node;

use crate::diagnostic::Findings;
use crate::lang::tree::{FieldExt, KindExt, text, unwrap_expression};
use crate::lang::{js, py};
use crate::rules::shared::jwt::{is_jsonwebtoken_call, is_py_jwt_call};
use crate::rules::{Rule, TreeContext};

pub struct JwtMissingExpiry;

const HELP_JS: &str = "give every token a lifetime: `jwt.sign(payload, key, { expiresIn: '15m' })` (jose: `.setExpirationTime('15m')`), and issue a refresh token for longer sessions";
const HELP_PY: &str = "give every token a lifetime: put `\"exp\": datetime.now(timezone.utc) + timedelta(minutes=15)` in the payload, and issue a refresh token for longer sessions";

/// What is known of whether a value carries an expiry.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Expiry {
    Set,
    Missing,
    /// Built elsewhere, spread from another object, or not a literal: not judged.
    Unknown,
}

impl Rule for JwtMissingExpiry {
    fn needles(&self) -> &'static [&'static [&'static str]] {
        &[&["jsonwebtoken", "SignJWT", "jwt"]]
    }

    fn js_node_kinds(&self) -> &'static [&'static str] {
        &["call_expression", "new_expression"]
    }

    fn check_js(&self, node: Node, cx: &TreeContext, out: &mut Findings) {
        match node.kind_name() {
            "call_expression" => {
                if !is_jsonwebtoken_call(node, "sign", cx) {
                    return;
                }
                let args = js::call_arguments(node);
                let (Some(payload), Some(_key)) = (args.first(), args.get(1)) else {
                    return;
                };
                let options = args
                    .get(2)
                    .filter(|o| !js::is_function(unwrap_expression(**o)));
                let in_options = match options {
                    Some(options) => js_expiry(*options, &["expiresIn", "exp"], node, cx),
                    None => Expiry::Missing,
                };
                let in_payload = js_expiry(*payload, &["exp"], node, cx);
                if in_options == Expiry::Missing
                    && in_payload == Expiry::Missing
                    && !is_outbound_credential(node, cx)
                {
                    out.report(
                        node.byte_range(),
                        "token signed without an expiry: no `expiresIn` option and no `exp` claim, so a leaked token stays valid until the key changes",
                    )
                    .help(HELP_JS);
                }
            }
            "new_expression" => {
                let Some(constructor) = node.field("constructor") else {
                    return;
                };
                if text(constructor, cx.src) != "SignJWT"
                    || !cx.text_fact("imports jose", |src| src.contains("jose"))
                {
                    return;
                }
                let methods = chained_methods(node, cx.src);
                if !methods.contains(&"sign") || methods.contains(&"setExpirationTime") {
                    return;
                }
                let payload = node
                    .field("arguments")
                    .and_then(|a| a.named_child(0))
                    .map_or(Expiry::Missing, |p| js_expiry(p, &["exp"], node, cx));
                if payload == Expiry::Missing {
                    out.report(
                        node.byte_range(),
                        "token signed without an expiry: no `setExpirationTime` and no `exp` claim, so a leaked token stays valid until the key changes",
                    )
                    .help(HELP_JS);
                }
            }
            _ => {}
        }
    }

    fn py_node_kinds(&self) -> &'static [&'static str] {
        &["call"]
    }

    fn check_py(&self, node: Node, cx: &TreeContext, out: &mut Findings) {
        if !is_py_jwt_call(node, "encode", cx) {
            return;
        }
        let positional = py::positional_arguments(node);
        let payload = positional
            .first()
            .copied()
            .or_else(|| py::keyword_argument(node, "payload", cx.src))
            .or_else(|| py::keyword_argument(node, "claims", cx.src));
        let Some(payload) = payload else {
            return;
        };
        if py_expiry(payload, node, cx) == Expiry::Missing && !is_outbound_credential(node, cx) {
            out.report(
                node.byte_range(),
                "token encoded without an `exp` claim: a leaked token stays valid until the key changes",
            )
            .help(HELP_PY);
        }
    }
}

/// A token the function sends itself, in an `Authorization: Bearer` header of its own
/// request to another service: that service's rules decide its claims.
fn is_outbound_credential(call: Node, cx: &TreeContext) -> bool {
    let function = if cx.kind == crate::lang::FileKind::Py {
        py::enclosing_function(call)
    } else {
        js::enclosing_function(call)
    };
    function.is_some_and(|f| {
        let body = text(f, cx.src);
        body.contains("Bearer ")
            || body.contains("\"Authorization\"")
            || body.contains("'Authorization'")
    })
}

/// The methods called in a chain on `start`: `new SignJWT(p).setIssuedAt().sign(key)` →
/// `["setIssuedAt", "sign"]`.
fn chained_methods<'s>(start: Node, src: &'s str) -> Vec<&'s str> {
    let mut methods = Vec::new();
    let mut current = start;
    for _ in 0..32 {
        let Some(mut parent) = current.parent() else {
            break;
        };
        while parent.kind_name() == "parenthesized_expression" {
            match parent.parent() {
                Some(p) => parent = p,
                None => return methods,
            }
        }
        if parent.kind_name() != "member_expression" {
            break;
        }
        let Some(property) = parent.field("property") else {
            break;
        };
        let Some(call) = parent
            .parent()
            .filter(|c| c.kind_name() == "call_expression")
        else {
            break;
        };
        methods.push(text(property, src));
        current = call;
    }
    methods
}

/// Whether an object given to `jwt.sign` holds one of `keys`, following a name to the
/// object literal it is bound to in the same function.
fn js_expiry(value: Node, keys: &[&str], at: Node, cx: &TreeContext) -> Expiry {
    let value = unwrap_expression(value);
    match value.kind_name() {
        "object" => js_object_expiry(value, keys, cx.src),
        "identifier" => {
            let name = text(value, cx.src);
            if set_by_assignment(at, name, keys, cx.src) {
                return Expiry::Set;
            }
            let bindings = js::visible_bindings(at, name, cx.root, cx.src);
            match bindings.as_slice() {
                [binding] if binding.kind == js::BindingKind::Const => {
                    let bound = unwrap_expression(binding.value);
                    if bound.kind_name() == "object" {
                        js_object_expiry(bound, keys, cx.src)
                    } else {
                        Expiry::Unknown
                    }
                }
                _ => Expiry::Unknown,
            }
        }
        _ => Expiry::Unknown,
    }
}

fn js_object_expiry(object: Node, keys: &[&str], src: &str) -> Expiry {
    if js::object_property(object, keys, src).is_some() {
        return Expiry::Set;
    }
    let mut cursor = object.walk();
    let mut spread = false;
    for member in object.named_children(&mut cursor) {
        let key = match member.kind_name() {
            "pair" => member
                .field("key")
                .map(|k| js::string_value(k, src).unwrap_or_else(|| text(k, src).to_string())),
            "shorthand_property_identifier" => Some(text(member, src).to_string()),
            "spread_element" => {
                spread = true;
                None
            }
            _ => None,
        };
        if key.is_some_and(|k| is_own_lifetime_claim(&k)) {
            return Expiry::Set;
        }
    }
    if spread {
        Expiry::Unknown
    } else {
        Expiry::Missing
    }
}

/// `payload.exp = ...` (or `payload['exp']`) in the function around `at`, or in a function
/// around that one: `const options = {}; if (ttl) options.expiresIn = ttl;` before a
/// `new Promise((resolve) => jwt.sign(payload, key, options, ...))` callback.
fn set_by_assignment(at: Node, name: &str, keys: &[&str], src: &str) -> bool {
    let sets = |scope: Node| {
        let body = text(scope, src);
        keys.iter().any(|key| {
            body.contains(&format!("{name}.{key}"))
                || body.contains(&format!("{name}['{key}']"))
                || body.contains(&format!("{name}[\"{key}\"]"))
        })
    };
    let mut functions = crate::lang::tree::ancestors(at)
        .filter(|n| js::is_function(*n))
        .peekable();
    if functions.peek().is_none() {
        return sets(crate::lang::tree::root_of(at));
    }
    functions.any(sets)
}

/// Whether a payload given to `jwt.encode` holds `exp`.
fn py_expiry(value: Node, at: Node, cx: &TreeContext) -> Expiry {
    let value = py::unwrap(value);
    match value.kind_name() {
        "dictionary" => py_dict_expiry(value, cx.src),
        "call" => {
            if py::callee_name(value, cx.src) != Some("dict") {
                return Expiry::Unknown;
            }
            if py::keyword_argument(value, "exp", cx.src).is_some() {
                Expiry::Set
            } else if py::positional_arguments(value).is_empty()
                && !text(value, cx.src).contains("**")
            {
                Expiry::Missing
            } else {
                Expiry::Unknown
            }
        }
        "identifier" => {
            let name = text(value, cx.src);
            let scope = py::enclosing_function(at).unwrap_or(cx.root);
            let body = text(scope, cx.src);
            if body.contains(&format!("{name}[\"exp\"]"))
                || body.contains(&format!("{name}['exp']"))
                || body.contains(&format!("{name}.update("))
                || body.contains(&format!("{name}.setdefault("))
            {
                return Expiry::Set;
            }
            let bindings = py::visible_bindings(at, name, cx.root, cx.src);
            match bindings.as_slice() {
                [binding] if !binding.append => {
                    let bound = py::unwrap(binding.value);
                    if bound.kind_name() == "dictionary" {
                        py_dict_expiry(bound, cx.src)
                    } else {
                        Expiry::Unknown
                    }
                }
                _ => Expiry::Unknown,
            }
        }
        _ => Expiry::Unknown,
    }
}

fn py_dict_expiry(dict: Node, src: &str) -> Expiry {
    let mut cursor = dict.walk();
    let mut unknown = false;
    let mut is_header = false;
    for member in dict.named_children(&mut cursor) {
        match member.kind_name() {
            "pair" => {
                let key = member.field("key").and_then(|k| py::string_value(k, src));
                match key.as_deref() {
                    Some(key) if key == "exp" || is_own_lifetime_claim(key) => return Expiry::Set,
                    // authlib's `jwt.encode(header, payload, key)`: the first dict is the header.
                    Some("alg") => is_header = true,
                    Some(_) => {}
                    None => unknown = true,
                }
            }
            "dictionary_splat" => unknown = true,
            _ => {}
        }
    }
    if unknown || is_header {
        Expiry::Unknown
    } else {
        Expiry::Missing
    }
}

/// A claim by which the verifying code can bound the token's age itself: `expiresAt`,
/// `expires_at`, `createdAt`, `iat`, `timestamp`.
fn is_own_lifetime_claim(key: &str) -> bool {
    let key = key.to_ascii_lowercase().replace('_', "");
    key.contains("expir")
        || key.contains("expires")
        || matches!(
            key.as_str(),
            "createdat" | "created" | "issuedat" | "iat" | "timestamp" | "ts" | "nbf"
        )
}
