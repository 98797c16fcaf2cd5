//! jsonwebtoken's `jwt.verify` calls that restrict no algorithm. On jsonwebtoken before 9
//! any key is at risk (the token's header chooses the algorithm, and an empty key accepts
//! `alg: none`); jwt-weak-verification reports them when the package that owns the file
//! declares such a version, and reports the ones with a public key on any version.

use std::ops::Range;

use regex::Regex;
use serde::{Deserialize, Serialize};
use tree_sitter::Node;

use crate::lang::context::TreeContext;
use crate::lang::tree::{FieldExt, KindExt, text, unwrap_expression};
use crate::lang::{js, py};

/// True when `name` is bound in the file to the jsonwebtoken module or to its export
/// `method`: `const jwt = require('jsonwebtoken')`, `import * as jwt from 'jsonwebtoken'`,
/// `import { sign } from 'jsonwebtoken'`.
fn is_jsonwebtoken_name(src: &str, name: &str) -> bool {
    if !src.contains("jsonwebtoken") || name.is_empty() {
        return false;
    }
    let pattern = format!(
        r#"\b{}\b[^;'"`]{{0,200}}(?:require\s*\(\s*|from\s*)['"]jsonwebtoken['"]"#,
        regex::escape(name)
    );
    Regex::new(&pattern).is_ok_and(|re| re.is_match(src))
}

/// A jsonwebtoken call of `method` (`sign`, `verify`, `decode`): `jwt.sign(...)` with `jwt`
/// the module, or `sign(...)` imported by name.
pub fn is_jsonwebtoken_call(call: Node, method: &str, cx: &TreeContext) -> bool {
    if !cx.text_fact("imports jsonwebtoken", |src| src.contains("jsonwebtoken")) {
        return false;
    }
    let Some(callee) = js::callee(call) else {
        return false;
    };
    match callee.kind_name() {
        "identifier" => {
            let name = text(callee, cx.src);
            name == method && is_jsonwebtoken_name(cx.src, name)
        }
        "member_expression" => {
            let Some(property) = callee.field("property") else {
                return false;
            };
            let Some(object) = callee.field("object").map(unwrap_expression) else {
                return false;
            };
            text(property, cx.src) == method
                && object.kind_name() == "identifier"
                && is_jsonwebtoken_name(cx.src, text(object, cx.src))
        }
        _ => false,
    }
}

/// The key of a jsonwebtoken `verify` call that names no `algorithms`: no options, or an
/// options object without the property (a callback in their place counts as none). `None`
/// when the call restricts them or its options cannot be read (a variable, a spread).
pub fn unrestricted_verify_key<'t>(call: Node<'t>, cx: &TreeContext) -> Option<Node<'t>> {
    let args = js::call_arguments(call);
    let key = *args.get(1)?;
    let options = args
        .get(2)
        .map(|o| unwrap_expression(*o))
        .filter(|o| !js::is_function(*o));
    if let Some(options) = options {
        if options.kind_name() != "object" {
            return None;
        }
        let mut cursor = options.walk();
        let spread = options
            .named_children(&mut cursor)
            .any(|m| m.kind_name() == "spread_element");
        if spread || js::object_property(options, &["algorithms"], cx.src).is_some() {
            return None;
        }
    }
    Some(key)
}

/// A key that is public: read from a `.pem`/`.pub` file, a PEM literal, a name saying
/// `public`, a JWKS client.
pub fn is_public_key(key: Node, at: Node, cx: &TreeContext) -> bool {
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

/// The `jwt.verify` calls of a module that name no `algorithms`, with a key that does not
/// read as public (those are reported on every version).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct JwtVerifyFacts {
    pub unrestricted: Vec<Range<usize>>,
}

/// A cheap test of a file's bytes: it may call jsonwebtoken's `verify`.
pub fn may_hold(bytes: &[u8]) -> bool {
    let has = |word: &[u8]| bytes.windows(word.len()).any(|w| w == word);
    has(b"jsonwebtoken") && has(b"verify")
}

/// Gathers `JwtVerifyFacts` from the call expressions of one walk.
#[derive(Default)]
pub struct JwtVerifyCollector {
    facts: JwtVerifyFacts,
}

impl JwtVerifyCollector {
    pub fn visit(&mut self, node: Node, cx: &TreeContext) {
        if node.kind_name() != "call_expression" || !is_jsonwebtoken_call(node, "verify", cx) {
            return;
        }
        if let Some(key) = unrestricted_verify_key(node, cx) {
            if !is_public_key(key, node, cx) {
                self.facts.unrestricted.push(node.byte_range());
            }
        }
    }

    pub fn finish(self) -> Option<JwtVerifyFacts> {
        (!self.facts.unrestricted.is_empty()).then_some(self.facts)
    }
}
