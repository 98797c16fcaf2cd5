//! jwt-weak-verification: a JSON Web Token accepted without checking its signature or its
//! algorithm.

use tree_sitter::Node;

use crate::diagnostic::Findings;
use crate::facts::ProjectContext;
use crate::facts::collect::Fact;
use crate::facts::env_guard::is_environment_guarded;
use crate::facts::jwt_verify::unrestricted_verify_key;
use crate::facts::package::highest_major;
use crate::lang::tree::{FieldExt, KindExt, text};
use crate::lang::{js, py};
use crate::rules::shared::jwt::{is_jsonwebtoken_call, is_public_key, is_py_jwt_call};
use crate::rules::{Rule, TreeContext};

pub struct JwtWeakVerification;

const HELP_VERIFY_JS: &str =
    "name the algorithm the key is for: `jwt.verify(token, publicKey, { algorithms: ['RS256'] })`";
const HELP_OLD_JSONWEBTOKEN: &str = "upgrade jsonwebtoken to 9 and name the algorithm the key is for: `jwt.verify(token, secret, { algorithms: ['HS256'] })`";
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
    fn facts(&self) -> &'static [Fact] {
        &[Fact::JwtVerifies]
    }

    /// `jwt.verify` without `algorithms` in a package that declares jsonwebtoken before 9.
    fn check_project(&self, cx: &ProjectContext, out: &mut Findings) {
        for file in &cx.project.files {
            let Some(verifies) = &file.facts.jwt_verifies else {
                continue;
            };
            let Some(range) = cx.project.dependency_range(&file.path, "jsonwebtoken") else {
                continue;
            };
            if !matches!(highest_major(range), Some(Some(major)) if major < 9) {
                continue;
            }
            for call in &verifies.unrestricted {
                out.report_in(
                    Some(file.display.clone()),
                    call.clone(),
                    format!(
                        "token verified with no `algorithms` on jsonwebtoken `{range}` (before 9), which lets the token's header choose the algorithm: with an empty or missing key an unsigned `alg: none` token passes (CVE-2022-23540)"
                    ),
                )
                .help(HELP_OLD_JSONWEBTOKEN);
            }
        }
    }

    fn needles(&self) -> &'static [&'static [&'static str]] {
        &[&["jsonwebtoken", "jwt", "jose"]]
    }

    fn js_node_kinds(&self) -> &'static [&'static str] {
        &["call_expression"]
    }

    fn check_js(&self, node: Node, cx: &TreeContext, out: &mut Findings) {
        if is_jsonwebtoken_call(node, "verify", cx) {
            let Some(key) = unrestricted_verify_key(node, cx) else {
                return;
            };
            if !is_public_key(key, node, cx) {
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
