//! Credential routes and rate limiters: the routes of a module that check a password, issue
//! a token or accept a one-time code (`router.post('/login', …)`, `@Post('login')`,
//! `@app.post("/auth/token")`), the calls that apply a rate limiter, and whether the module
//! sets one up at all. auth-route-without-rate-limit links them through the Express model.

use std::ops::Range;

use tree_sitter::Node;

use crate::lang::js;
use crate::lang::py;
use crate::lang::tree::{FieldExt, KindExt, text, unwrap_expression};

/// Words that show a rate limiter, a throttle or a lockout: express-rate-limit,
/// rate-limiter-flexible, express-slow-down, express-brute, `@nestjs/throttler`, slowapi,
/// Flask-Limiter, django-ratelimit, or a limiter of the project's own.
const LIMITER_WORDS: &[&str] = &[
    "ratelimit",
    "rate_limit",
    "rate-limit",
    "limiter",
    "throttl",
    "brute",
    "slowdown",
    "slow-down",
    "slow_down",
    "lockout",
    "too many",
];

/// Packages that limit requests, by their name in `package.json`.
pub const LIMITER_PACKAGES: &[&str] = &[
    "express-rate-limit",
    "rate-limiter-flexible",
    "express-slow-down",
    "express-brute",
    "@nestjs/throttler",
    "express-limiter",
    "@fastify/rate-limit",
    "fastify-rate-limit",
    "koa-ratelimit",
];

/// True when code names a rate limiter, a throttle or a lockout outside its comments.
pub fn mentions_limiter(code: &str) -> bool {
    let code = without_comments(code).to_ascii_lowercase();
    LIMITER_WORDS.iter().any(|w| code.contains(w))
}

/// True when a handler's code protects its credential step by itself, so a limiter in front
/// of it adds nothing a maintainer would want: it answers `429 Too Many Requests` (a
/// hand-written limiter: an attempt counter, a per-account cooldown), or it is an OAuth token
/// endpoint that accepts only grants carrying server-issued, high-entropy values
/// (`authorization_code`, `refresh_token`, `client_credentials`, a device code) and no
/// `password` grant, so there is nothing to guess.
pub fn guards_itself(code: &str) -> bool {
    let code = without_comments(code);
    answers_too_many_requests(&code) || accepts_only_unguessable_grants(&code)
}

/// `res.status(429)`, `sendStatus(429)`, `status_code=429`, `HTTP_429_TOO_MANY_REQUESTS`,
/// `StatusCodes.TOO_MANY_REQUESTS`, `HttpStatus.TOO_MANY_REQUESTS`.
fn answers_too_many_requests(code: &str) -> bool {
    let bytes = code.as_bytes();
    let status_429 = code.match_indices("429").any(|(i, _)| {
        let before = i.checked_sub(1).map(|j| bytes[j]);
        let after = bytes.get(i + 3).copied();
        !before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'.')
            && !after.is_some_and(|b| b.is_ascii_digit() || b == b'.')
    });
    let compact: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    status_429 || compact.contains("toomanyrequests")
}

/// OAuth grant types whose secret the server issued: nothing a client can guess.
const UNGUESSABLE_GRANTS: &[&str] = &[
    "authorization_code",
    "refresh_token",
    "client_credentials",
    "device_code",
    "jwt-bearer",
    "token-exchange",
];

/// A token handler that dispatches on `grant_type` over server-issued grants only: it names
/// one of them in a string and never mentions a password.
fn accepts_only_unguessable_grants(code: &str) -> bool {
    let lower = code.to_ascii_lowercase();
    let dispatches = lower.contains("grant_type") || lower.contains("granttype");
    let names_grant = UNGUESSABLE_GRANTS.iter().any(|g| {
        ['"', '\'', '`']
            .iter()
            .any(|q| lower.contains(&format!("{q}{g}")) || lower.contains(&format!(":{g}{q}")))
    });
    dispatches && names_grant && !lower.contains("password")
}

/// Code with its comments left out, roughly: `//` and `/* */` comments, and `#` comments
/// (a whole line, or after a blank). A `//` inside a string ends the line's text too, which
/// only ever hides a mention.
pub fn without_comments(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut in_block = false;
    for line in code.lines() {
        let mut rest = line;
        if in_block {
            match rest.find("*/") {
                Some(end) => {
                    rest = &rest[end + 2..];
                    in_block = false;
                }
                None => continue,
            }
        }
        if let Some(start) = rest.find("/*") {
            in_block = !rest[start..].contains("*/");
            rest = &rest[..start];
        }
        let kept = rest
            .split("//")
            .next()
            .unwrap_or_default()
            .split(" #")
            .next()
            .unwrap_or_default();
        if !kept.trim_start().starts_with('#') {
            out.push_str(kept);
        }
        out.push('\n');
    }
    out
}

/// What a credential route does, from its path: `/login` → login, `/auth/token` → token,
/// `/password/forgot` → password reset, `/otp/verify` → one-time code.
pub fn credential_route(path: &str) -> Option<&'static str> {
    let lower = path.to_ascii_lowercase();
    let segments: Vec<&str> = lower
        .split(['/', '.'])
        .filter(|s| {
            !s.is_empty() && !s.starts_with(':') && !s.starts_with('{') && !s.starts_with('<')
        })
        .collect();
    let last = segments.last()?;
    let compact: String = last.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    match compact.as_str() {
        "login" | "signin" | "logon" | "authenticate" | "session" | "sessions" => Some("login"),
        "token" | "accesstoken" => Some("token"),
        "forgotpassword" | "resetpassword" | "passwordreset" | "forgot" | "reset" | "recover"
            if lower.contains("pass") || lower.contains("forgot") =>
        {
            Some("password-reset")
        }
        "otp" | "verifyotp" | "mfa" | "2fa" | "totp" | "verifycode" => Some("one-time-code"),
        _ => None,
    }
}

/// How a credential route is registered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum RouteStyle {
    /// `app.post('/login', …)` on an Express-style app or router: linked through the
    /// Express model.
    ExpressCall,
    /// A decorator: NestJS `@Post('login')`, FastAPI `@router.post`, Flask `@app.route`.
    Decorator,
}

/// A credential route a module registers.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct CredentialRoute {
    /// login, token, password-reset or one-time-code.
    pub kind: String,
    /// The path as written.
    pub path: String,
    pub style: RouteStyle,
    /// The registering call, or the decorator.
    pub range: Range<usize>,
    /// A limiter among the route's own handlers or decorators, or an inline handler (a
    /// decorated function) that guards itself (`guards_itself`).
    pub limited: bool,
}

/// What one module tells auth-route-without-rate-limit.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct AuthRouteFacts {
    pub routes: Vec<CredentialRoute>,
    /// Calls whose arguments name a limiter (`app.use(limiter)`, `app.use('/auth', authLimiter)`).
    pub limiter_calls: Vec<Range<usize>>,
    /// The module names a limiter anywhere: it sets one up, imports one or applies one.
    pub mentions_limiter: bool,
}

/// A cheap test of a file's bytes: it may register a credential route or apply a limiter.
pub fn may_hold(bytes: &[u8]) -> bool {
    let lower = bytes.to_ascii_lowercase();
    let has = |word: &[u8]| lower.windows(word.len()).any(|w| w == word);
    has(b"post") || has(b"route") || has(b"limit") || has(b"throttl")
}

/// Gathers `AuthRouteFacts` from the nodes of one walk.
pub struct AuthRouteCollector<'a> {
    src: &'a str,
    python: bool,
    facts: AuthRouteFacts,
}

impl<'a> AuthRouteCollector<'a> {
    pub fn new(src: &'a str, python: bool) -> AuthRouteCollector<'a> {
        AuthRouteCollector {
            src,
            python,
            facts: AuthRouteFacts {
                mentions_limiter: mentions_limiter(src),
                ..AuthRouteFacts::default()
            },
        }
    }

    pub fn visit(&mut self, node: Node<'a>) {
        match (self.python, node.kind_name()) {
            (false, "call_expression") => self.js_call(node),
            (false, "decorator") => self.nest_decorator(node),
            (true, "decorated_definition") => self.py_route(node),
            _ => {}
        }
    }

    pub fn finish(self) -> Option<AuthRouteFacts> {
        if self.facts.routes.is_empty()
            && self.facts.limiter_calls.is_empty()
            && !self.facts.mentions_limiter
        {
            return None;
        }
        Some(self.facts)
    }

    fn js_call(&mut self, call: Node<'a>) {
        let src = self.src;
        let Some(method) = js::callee_name(call, src) else {
            return;
        };
        if !matches!(method, "use" | "post" | "all") {
            return;
        }
        let args = js::call_arguments(call);
        if args.is_empty() {
            return;
        }
        let limited = args
            .iter()
            .any(|a| !is_path(*a, src) && mentions_limiter(text(*a, src)));
        if limited {
            self.facts.limiter_calls.push(call.byte_range());
        }
        // An inline handler that limits attempts itself or accepts nothing guessable.
        let limited = limited
            || args.iter().any(|a| {
                matches!(
                    unwrap_expression(*a).kind_name(),
                    "arrow_function" | "function_expression" | "function"
                ) && guards_itself(text(*a, src))
            });
        if method != "post" || args.len() < 2 {
            return;
        }
        let Some(receiver) = js::callee_object(call).map(unwrap_expression) else {
            return;
        };
        if !matches!(receiver.kind_name(), "identifier" | "member_expression") {
            return;
        }
        let Some(path) = js::string_value(args[0], src).filter(|p| p.starts_with('/')) else {
            return;
        };
        let Some(kind) = credential_route(&path) else {
            return;
        };
        self.push_route(
            kind,
            path,
            RouteStyle::ExpressCall,
            call.byte_range(),
            limited,
        );
    }

    /// Records a credential route this module registers.
    fn push_route(
        &mut self,
        kind: &str,
        path: String,
        style: RouteStyle,
        range: Range<usize>,
        limited: bool,
    ) {
        self.facts.routes.push(CredentialRoute {
            kind: kind.to_string(),
            path,
            style,
            range,
            limited,
        });
    }

    /// NestJS: `@Post('login')` on a controller method.
    fn nest_decorator(&mut self, decorator: Node<'a>) {
        let src = self.src;
        let Some(call) = decorator
            .named_child(0)
            .filter(|c| c.kind_name() == "call_expression")
        else {
            return;
        };
        let Some(callee) = js::callee(call).filter(|c| c.kind_name() == "identifier") else {
            return;
        };
        if text(callee, src) != "Post" {
            return;
        }
        let Some(path) = js::call_arguments(call)
            .first()
            .and_then(|a| js::string_value(*a, src))
        else {
            return;
        };
        let Some(kind) = credential_route(&path) else {
            return;
        };
        // The method's other decorators (`@Throttle(...)`, `@UseGuards(ThrottlerGuard)`)
        // sit beside this one; its body may limit attempts itself.
        let (decorators, method) = method_decorators(decorator);
        let limited = decorators.iter().any(|d| mentions_limiter(text(*d, src)))
            || method.is_some_and(|m| guards_itself(text(m, src)));
        self.push_route(
            kind,
            path,
            RouteStyle::Decorator,
            decorator.byte_range(),
            limited,
        );
    }

    /// FastAPI `@router.post("/token")`, Flask `@app.route("/login", methods=["POST"])`.
    fn py_route(&mut self, node: Node<'a>) {
        let src = self.src;
        let mut cursor = node.walk();
        let decorators: Vec<Node> = node
            .named_children(&mut cursor)
            .filter(|d| d.kind_name() == "decorator")
            .collect();
        let mut route = None;
        for decorator in &decorators {
            let Some(call) = decorator.named_child(0).filter(|c| c.kind_name() == "call") else {
                continue;
            };
            let Some(name) = py::callee_name(call, src) else {
                continue;
            };
            let Some(path) = py::positional_arguments(call)
                .first()
                .and_then(|p| py::string_value(*p, src))
            else {
                continue;
            };
            let is_post = match name {
                "post" => true,
                "route" | "api_route" => py::keyword_argument(call, "methods", src)
                    .is_some_and(|m| text(m, src).to_ascii_uppercase().contains("POST")),
                _ => false,
            };
            if is_post && py::callee_object(call).is_some() {
                if let Some(kind) = credential_route(&path) {
                    route = Some((kind, path, *decorator));
                }
            }
        }
        let Some((kind, path, decorator)) = route else {
            return;
        };
        // A limiter among the decorators, a FastAPI dependency that limits
        // (`Depends(RateLimiter(...))`) in the signature, or a body that limits attempts
        // itself or accepts nothing guessable.
        let definition = node.field("definition");
        let limited = decorators.iter().any(|d| mentions_limiter(text(*d, src)))
            || definition
                .and_then(|d| d.field("parameters"))
                .is_some_and(|p| mentions_limiter(text(p, src)))
            || definition.is_some_and(|d| guards_itself(text(d, src)));
        self.push_route(
            kind,
            path,
            RouteStyle::Decorator,
            decorator.byte_range(),
            limited,
        );
    }
}

/// The decorators of the method a decorator belongs to, and the method. In TypeScript a
/// method's decorators are children of the class body just before the method; in
/// JavaScript they are children of the method itself.
fn method_decorators(decorator: Node) -> (Vec<Node>, Option<Node>) {
    let Some(parent) = decorator.parent() else {
        return (vec![decorator], None);
    };
    if parent.kind_name() == "method_definition" {
        let mut cursor = parent.walk();
        let decorators = parent
            .named_children(&mut cursor)
            .filter(|c| c.kind_name() == "decorator")
            .collect();
        return (decorators, Some(parent));
    }
    let mut decorators = vec![decorator];
    let mut before = decorator.prev_named_sibling();
    while let Some(node) = before.filter(|n| matches!(n.kind_name(), "decorator" | "comment")) {
        if node.kind_name() == "decorator" {
            decorators.push(node);
        }
        before = node.prev_named_sibling();
    }
    let mut after = decorator.next_named_sibling();
    while let Some(node) = after {
        match node.kind_name() {
            "decorator" => decorators.push(node),
            "comment" => {}
            "method_definition" => return (decorators, Some(node)),
            _ => break,
        }
        after = node.next_named_sibling();
    }
    (decorators, None)
}

/// A path argument: a string or template literal.
fn is_path(node: Node, src: &str) -> bool {
    js::string_value(node, src).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credential_paths_are_known_by_their_last_segment() {
        assert_eq!(credential_route("/api/auth/login"), Some("login"));
        assert_eq!(credential_route("/oauth/token"), Some("token"));
        assert_eq!(credential_route("/password/reset"), Some("password-reset"));
        assert_eq!(credential_route("/users/:id/reset"), None);
        assert_eq!(credential_route("/mfa/:code"), Some("one-time-code"));
        assert_eq!(credential_route("/logout"), None);
        assert_eq!(credential_route("/login/callback"), None);
    }

    #[test]
    fn handlers_that_guard_themselves() {
        assert!(guards_itself(
            "(req, res) => { if (tries > 5) return res.status(429).end(); check(); }"
        ));
        assert!(guards_itself(
            "raise HTTPException(status_code=status.HTTP_429_TOO_MANY_REQUESTS)"
        ));
        assert!(guards_itself(
            "if (body.grant_type === 'authorization_code') {} else if (body.grant_type === 'refresh_token') {}"
        ));
        assert!(!guards_itself(
            "if (grant_type === 'password') login(body.username, body.password); if (grant_type === 'refresh_token') {}"
        ));
        assert!(!guards_itself("res.status(4290).json(x); port = 14295;"));
        assert!(!guards_itself(
            "// answers 429 when busy\nres.json(login(req.body));"
        ));
        assert!(!guards_itself(
            "const token = issue(req.body.refresh_token);"
        ));
    }

    #[test]
    fn limiters_named_in_comments_do_not_count() {
        assert!(mentions_limiter("app.use(authLimiter);"));
        assert!(mentions_limiter("@limiter.limit(\"5/minute\")"));
        assert!(!mentions_limiter(
            "app.post('/login', login); // expect: auth-route-without-rate-limit"
        ));
        assert!(!mentions_limiter("/* add a rate limiter\n  later */ x();"));
        assert!(!mentions_limiter(
            "@app.post(\"/login\")  # expect: auth-route-without-rate-limit"
        ));
    }
}
