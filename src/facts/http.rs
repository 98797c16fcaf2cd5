//! The vocabulary of HTTP apps, in one place: which methods register handlers on an app or
//! router, which names are apps and routers, which decorators make a route. The Express
//! model (`express`), the request-handler questions (`handler`) and the rules that ask
//! whether a value comes from a request all read it.

/// HTTP verbs an app or router registers handlers for: `app.get`, `router.delete`
/// (`del` is Express 3's spelling, `all` registers for every verb).
pub const VERB_METHODS: &[&str] = &[
    "get", "post", "put", "patch", "delete", "del", "all", "options", "head",
];

/// True for a method of an Express app or router that registers handlers: a verb or `use`.
pub fn is_registration_method(name: &str) -> bool {
    name == "use" || VERB_METHODS.contains(&name)
}

/// True for a method of any JavaScript server framework that registers a request handler:
/// Express's registrations, `router.route('/x')`, Hapi's `server.route`, Koa-style
/// `handle`, and `server.on('request', …)` (the event is checked by the caller).
pub fn is_handler_registration_method(name: &str) -> bool {
    is_registration_method(name) || matches!(name, "route" | "handle" | "on")
}

/// Names that are apps or routers by convention: `app`, `router`, `usersRouter`, `api`,
/// `this.app`.
pub fn is_app_like(receiver: &str) -> bool {
    let name = receiver.strip_prefix("this.").unwrap_or(receiver);
    let lower = name.to_ascii_lowercase();
    matches!(
        lower.as_str(),
        "app" | "api" | "server" | "routes" | "route" | "express"
    ) || lower.ends_with("router")
        || lower.ends_with("app")
}

/// Words of a receiver's name (`identifier_words`) that make it an app or router of any
/// framework: `adminRouter`, `fastify`, `koaApp`, `r`.
pub const APP_WORDS: &[&str] = &[
    "app", "router", "server", "fastify", "api", "routes", "route", "koa", "express", "r",
];

/// NestJS method decorators that make a controller method a handler.
pub const NEST_ROUTE_DECORATORS: &[&str] = &[
    "Get", "Post", "Put", "Patch", "Delete", "All", "Sse", "Head", "Options",
];

/// Python decorator methods that register a route handler: Flask, FastAPI (`api_route`,
/// `websocket`), DRF (`api_view`).
pub const PY_ROUTE_DECORATORS: &[&str] = &[
    "get",
    "post",
    "put",
    "patch",
    "delete",
    "route",
    "api_route",
    "websocket",
    "api_view",
    "head",
    "options",
];
