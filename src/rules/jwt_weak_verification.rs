//! jwt-weak-verification: a JSON Web Token accepted without checking its signature or its
//! algorithm.

use tree_sitter::Node;

use crate::diagnostic::Findings;
use crate::facts::env_guard::is_environment_guarded;
use crate::lang::tree::{FieldExt, KindExt, text, unwrap_expression};
use crate::lang::{js, py};
use crate::rules::shared::jwt::{is_jsonwebtoken_call, is_py_jwt_call};
use crate::rules::{Rule, TreeContext};

pub struct JwtWeakVerification;

const HELP_VERIFY_JS: &str =
    "name the algorithm the key is for: `jwt.verify(token, publicKey, { algorithms: ['RS256'] })`";
const HELP_DECODE_JS: &str = "`jwt.decode` does not check the signature: use `jwt.verify(token, key, { algorithms: [...] })` and read the claims it returns";
const HELP_PY: &str = "verify the signature with the algorithms the key is for: `jwt.decode(token, key, algorithms=[\"HS256\"])`";

/// Claims that decide who the caller is or what it may do.
const IDENTITY_CLAIMS: &[&str] = &[
    "id",
    "sub",
    "role",
    "roles",
    "userId",
    "user_id",
    "uid",
    "email",
    "username",
    "isAdmin",
    "is_admin",
    "admin",
    "permissions",
    "scope",
    "scopes",
    "tenant",
    "tenantId",
    "tenant_id",
];

impl Rule for JwtWeakVerification {
    fn needles(&self) -> &'static [&'static [&'static str]] {
        &[&["jsonwebtoken", "jwt", "jose"]]
    }

    fn js_node_kinds(&self) -> &'static [&'static str] {
        &["call_expression"]
    }

    fn check_js(&self, node: Node, cx: &TreeContext, out: &mut Findings) {
        if is_jsonwebtoken_call(node, "verify", cx) {
            let args = js::call_arguments(node);
            let Some(key) = args.get(1) else {
                return;
            };
            let options = args
                .get(2)
                .map(|o| unwrap_expression(*o))
                .filter(|o| !js::is_function(*o));
            match options {
                Some(options) if options.kind_name() != "object" => return,
                Some(options) => {
                    let mut cursor = options.walk();
                    let spread = options
                        .named_children(&mut cursor)
                        .any(|m| m.kind_name() == "spread_element");
                    if spread || js::object_property(options, &["algorithms"], cx.src).is_some() {
                        return;
                    }
                }
                None => {}
            }
            if !is_public_key(*key, node, cx) {
                return;
            }
            out.report(
                node.byte_range(),
                "token verified with a public key and no `algorithms`: an attacker can sign a token with HS256 using the public key as the secret (algorithm confusion)",
            )
            .help(HELP_VERIFY_JS);
        } else if is_jsonwebtoken_call(node, "decode", cx) {
            if !used_for_identity(node, cx, false) {
                return;
            }
            out.report(
                node.byte_range(),
                "claims read with `jwt.decode`, which does not check the signature, decide who the caller is: anyone can forge them",
            )
            .help(HELP_DECODE_JS);
        }
    }

    fn py_node_kinds(&self) -> &'static [&'static str] {
        &["call"]
    }

    fn check_py(&self, node: Node, cx: &TreeContext, out: &mut Findings) {
        let src = cx.src;
        if is_py_jwt_call(node, "get_unverified_claims", cx) {
            if used_for_identity(node, cx, true) {
                out.report(
                    node.byte_range(),
                    "claims read with `get_unverified_claims`, which does not check the signature, decide who the caller is: anyone can forge them",
                )
                .help(HELP_PY);
            }
            return;
        }
        if !is_py_jwt_call(node, "decode", cx) || is_environment_guarded(node, src) {
            return;
        }
        if signature_check_disabled(node, src) {
            if used_for_identity(node, cx, true) {
                out.report(
                    node.byte_range(),
                    "the token is decoded without checking its signature and its claims decide who the caller is: anyone can forge them",
                )
                .help(HELP_PY);
            }
            return;
        }
        match py::keyword_argument(node, "algorithms", src) {
            Some(algorithms) => {
                let algorithms = py::unwrap(algorithms);
                let mut cursor = algorithms.walk();
                let none = matches!(algorithms.kind_name(), "list" | "tuple" | "set")
                    && algorithms.named_children(&mut cursor).any(|a| {
                        py::string_value(a, src).is_some_and(|v| v.eq_ignore_ascii_case("none"))
                    });
                if none {
                    out.report(
                        node.byte_range(),
                        "`none` among the accepted algorithms: an unsigned token passes verification",
                    )
                    .help(HELP_PY);
                }
            }
            None => {
                let key = py::positional_arguments(node)
                    .get(1)
                    .copied()
                    .or_else(|| py::keyword_argument(node, "key", src));
                if text(node, src).contains("**") {
                    return;
                }
                if key.is_some_and(|k| is_public_key(k, node, cx)) {
                    out.report(
                        node.byte_range(),
                        "token decoded with a public key and no `algorithms`: the algorithm is taken from the token, so a forged HS256 token signed with the public key passes",
                    )
                    .help(HELP_PY);
                }
            }
        }
    }
}

/// `options={"verify_signature": False}` or PyJWT 1's `verify=False`.
fn signature_check_disabled(call: Node, src: &str) -> bool {
    if py::keyword_argument(call, "verify", src)
        .is_some_and(|v| py::unwrap(v).kind_name() == "false")
    {
        return true;
    }
    py::keyword_argument(call, "options", src).is_some_and(|options| {
        let compact: String = text(options, src)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        compact.contains("\"verify_signature\":False")
            || compact.contains("'verify_signature':False")
    })
}

/// A key that is public: read from a `.pem`/`.pub` file, a PEM literal, a name saying
/// `public`, a JWKS client.
fn is_public_key(key: Node, at: Node, cx: &TreeContext) -> bool {
    let says_public = |t: &str| {
        let lower = t.to_ascii_lowercase();
        lower.contains("public")
            || lower.contains(".pub")
            || lower.contains("jwks")
            || lower.contains("getsigningkey")
            || lower.contains("get_signing_key")
            || lower.contains("begin certificate")
            || (lower.contains(".pem") && !lower.contains("private"))
    };
    if says_public(text(key, cx.src)) {
        return true;
    }
    let key = if cx.kind == crate::lang::FileKind::Py {
        py::unwrap(key)
    } else {
        unwrap_expression(key)
    };
    if key.kind_name() != "identifier" {
        return false;
    }
    let name = text(key, cx.src);
    if cx.kind == crate::lang::FileKind::Py {
        let bindings = py::visible_bindings(at, name, cx.root, cx.src);
        matches!(bindings.as_slice(), [b] if says_public(text(b.value, cx.src)))
    } else {
        let bindings = js::visible_bindings(at, name, cx.root, cx.src);
        matches!(bindings.as_slice(), [b] if says_public(text(b.value, cx.src)))
    }
}

/// The call's result, bound to a name, has an identity claim read in the same function, and
/// nothing in that function verifies the token.
fn used_for_identity(call: Node, cx: &TreeContext, python: bool) -> bool {
    let function = if python {
        py::enclosing_function(call)
    } else {
        js::enclosing_function(call)
    };
    let Some(function) = function else {
        return false;
    };
    let body = text(function, cx.src);
    let call_text = text(call, cx.src);
    // Another call in the function, or in a function around it (a callback given to
    // `passport.authenticate`), verifies the token: a peek at the claims first, to pick the
    // key, is how verification often starts.
    let outermost = crate::lang::tree::ancestors(call)
        .filter(|n| {
            if python {
                py::is_function(*n)
            } else {
                js::is_function(*n)
            }
        })
        .last()
        .unwrap_or(function);
    let rest = text(outermost, cx.src).replacen(call_text, "", 1);
    if rest.contains("verify(")
        || rest.contains("jwt.decode(")
        || rest.contains("jwks")
        || rest.contains("authenticate(")
    {
        return false;
    }
    // An ID token the provider's token endpoint answered with, over TLS, to this server's
    // own request: OpenID Connect lets the client take its claims without a signature check.
    if call_text.contains("id_token") || call_text.contains("idToken") {
        return false;
    }
    let mut parent = call.parent();
    while let Some(p) = parent {
        if matches!(
            p.kind_name(),
            "await_expression" | "parenthesized_expression" | "as_expression"
        ) {
            parent = p.parent();
        } else {
            break;
        }
    }
    let Some(parent) = parent else {
        return false;
    };
    let name = match parent.kind_name() {
        "variable_declarator" => parent.field("name"),
        "assignment" | "assignment_expression" => parent.field("left"),
        _ => None,
    };
    let Some(name) = name.filter(|n| n.kind_name() == "identifier") else {
        return false;
    };
    let name = text(name, cx.src);
    IDENTITY_CLAIMS.iter().any(|claim| {
        body.contains(&format!("{name}.{claim}"))
            || body.contains(&format!("{name}[\"{claim}\"]"))
            || body.contains(&format!("{name}['{claim}']"))
            || body.contains(&format!("{name}.get(\"{claim}\""))
            || body.contains(&format!("{name}.get('{claim}'"))
    })
}
