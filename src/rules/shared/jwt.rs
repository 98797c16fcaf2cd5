//! Which calls are JSON Web Token library calls: jsonwebtoken and jose in JavaScript, PyJWT
//! and python-jose in Python. Asked by jwt-missing-expiry and jwt-weak-verification.

use regex::Regex;
use tree_sitter::Node;

use crate::lang::py;
use crate::lang::tree::{FieldExt, KindExt, text};
use crate::rules::TreeContext;

pub use crate::facts::jwt_verify::{is_jsonwebtoken_call, is_public_key};

/// True when `name` is bound in the Python file to PyJWT or python-jose's `jwt` module
/// (`import jwt`, `import jwt as pyjwt`, `from jose import jwt`), or, with `method`, to that
/// function imported by name (`from jwt import decode`).
fn is_py_jwt_name(src: &str, name: &str, method: &str) -> bool {
    let name = regex::escape(name);
    let module = format!(
        r"(?m)^\s*(?:import\s+(?:jwt|jose\.jwt)(?:\s+as\s+{name})?\s*$|from\s+jose\s+import\s+[^\n]*\bjwt\b(?:\s+as\s+{name}\b)?)"
    );
    let by_name = format!(
        r"(?m)^\s*from\s+(?:jwt|jose\.jwt|jose\s+import\s+jwt)\s+import\s+[^\n]*\b{method}\b"
    );
    let module_named = |re: &Regex| {
        re.captures_iter(src).any(|c| {
            let found = c.get(0).map_or("", |m| m.as_str());
            // `import jwt` binds `jwt`; `import jwt as x` binds `x`.
            if found.contains(" as ") {
                found.trim_end().ends_with(name.as_str())
            } else {
                name == "jwt"
            }
        })
    };
    if Regex::new(&module).is_ok_and(|re| module_named(&re)) {
        return true;
    }
    name == method && Regex::new(&by_name).is_ok_and(|re| re.is_match(src))
}

/// A PyJWT or python-jose call of `method` (`encode`, `decode`, `get_unverified_claims`).
pub fn is_py_jwt_call(call: Node, method: &str, cx: &TreeContext) -> bool {
    if !cx.text_fact("imports a Python jwt module", |src| {
        src.contains("import jwt") || src.contains("jose") || src.contains("from jwt")
    }) {
        return false;
    }
    let Some(callee) = call.field("function").map(py::unwrap) else {
        return false;
    };
    match callee.kind_name() {
        "identifier" => {
            let name = text(callee, cx.src);
            name == method && is_py_jwt_name(cx.src, name, method)
        }
        "attribute" => {
            let (Some(object), Some(attribute)) =
                (callee.field("object"), callee.field("attribute"))
            else {
                return false;
            };
            text(attribute, cx.src) == method
                && object.kind_name() == "identifier"
                && is_py_jwt_name(cx.src, text(object, cx.src), method)
        }
        _ => false,
    }
}
