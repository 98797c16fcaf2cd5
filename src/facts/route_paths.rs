//! The paths an app may serve, as far as its code says: the words of the short strings a
//! module writes (every literal route path is among them, whatever the framework, and so are
//! the paths a hand-written middleware or a health-check library's configuration answers),
//! how many routes it registers with a literal path, and whether anything may answer paths
//! no string names (a catch-all route, static files, a route path read from a variable, a
//! health-check library). probe-path-unserved checks a probe's path against them.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;
use tree_sitter::Node;

use crate::facts::auth_routes::without_comments;
use crate::facts::http::{NEST_ROUTE_DECORATORS, PY_ROUTE_DECORATORS, VERB_METHODS};
use crate::lang::tree::{KindExt, text, unwrap_expression};
use crate::lang::{js, py};

/// Strings longer than this are not paths.
const MAX_PATH_STRING: usize = 120;

/// What may answer any path: static file serving, a catch-all route, a health-check or
/// probe library that registers its own paths, a proxy.
static ANSWERS_ANY_PATH: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)express\.static|serve-static|serveStatic|koa-static|@fastify/static|fastify-static|StaticFiles|send_from_directory|static_folder|sendFile|http-proxy|createProxyMiddleware|(?:require\(\s*|from\s+|import\s+)['"]?[\w@/.-]*(?:health|actuator|lightship|terminus|probe)"#,
    )
    .ok()
});

/// What one module tells probe-path-unserved.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct RoutePathFacts {
    /// Lower-case path segments of the module's short strings (`/api/health` → `api`,
    /// `health`).
    pub words: BTreeSet<String>,
    /// Routes registered with a literal path.
    pub routes: u32,
    /// Something may answer paths no string of the module names.
    pub answers_any_path: bool,
    /// Literal routes with a parameter after their first segment, lower-case
    /// (`/api/:id`, `/items/{item_id}/detail`): they serve paths whose words no string holds.
    #[serde(default)]
    pub parametric: BTreeSet<String>,
}

/// True for a path segment that is a parameter: `:id`, `{id}`, `<int:id>`, `(?P<id>...)`.
fn is_parameter(segment: &str) -> bool {
    segment.starts_with(':')
        || segment.starts_with('{')
        || segment.starts_with('<')
        || segment.starts_with('(')
        || segment.starts_with('[')
}

/// True when a literal route with parameters (`parametric`) serves `path`: the route's last
/// segments line up with the path's last segments (the prefix a router is mounted at is not
/// known here), each literal segment equal and each parameter matching any segment.
pub fn parametric_route_serves(route: &str, path: &str) -> bool {
    let segments = |p: &str| -> Vec<String> {
        p.trim_matches(['^', '$'])
            .split('/')
            .filter(|s| !s.is_empty())
            .map(str::to_ascii_lowercase)
            .collect()
    };
    let route = segments(route);
    let path = segments(path);
    if route.is_empty() || route.len() > path.len() {
        return false;
    }
    let tail = &path[path.len() - route.len()..];
    route
        .iter()
        .zip(tail)
        .all(|(r, p)| is_parameter(r) || r == p)
}

/// A cheap test of a file's bytes: it may register a route or serve files.
pub fn may_hold(bytes: &[u8]) -> bool {
    let has = |word: &[u8]| memchr::memmem::find(bytes, word).is_some();
    has(b"get")
        || has(b"Get")
        || has(b"route")
        || has(b"path(")
        || has(b"url(")
        || has(b"static")
        || has(b"health")
}

/// The lower-case segments of a path-like string: `/api/v1/health/` → `api`, `v1`, `health`.
pub fn path_words(path: &str) -> impl Iterator<Item = String> + '_ {
    path.split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
}

/// True for a route path that matches paths it does not spell: `*`, `/*`, `/(.*)`,
/// `{path:path}`, `<path:p>`, `^.*`, a parameter as its first segment (`/:page`).
fn is_catch_all(path: &str) -> bool {
    let trimmed = path.trim_start_matches(['^', '/']);
    path.contains('*')
        || path.contains(":path")
        || path.contains("path:")
        || trimmed.starts_with(':')
        || trimmed.starts_with('{')
        || trimmed.starts_with('<')
        || trimmed.starts_with('(')
        || trimmed.starts_with('[')
}

/// Gathers `RoutePathFacts` from the strings and calls of one walk.
pub struct RoutePathCollector<'a> {
    src: &'a str,
    python: bool,
    facts: RoutePathFacts,
}

impl<'a> RoutePathCollector<'a> {
    pub fn new(src: &'a str, python: bool) -> RoutePathCollector<'a> {
        let code = without_comments(src);
        RoutePathCollector {
            src,
            python,
            facts: RoutePathFacts {
                answers_any_path: ANSWERS_ANY_PATH.as_ref().is_some_and(|r| r.is_match(&code)),
                ..RoutePathFacts::default()
            },
        }
    }

    pub fn visit(&mut self, node: Node<'a>) {
        let src = self.src;
        match node.kind_name() {
            "string" | "template_string" => {
                let raw = text(node, src);
                if raw.len() <= MAX_PATH_STRING && !raw.contains(char::is_whitespace) {
                    let words: Vec<String> = path_words(raw).collect();
                    self.facts.words.extend(words);
                }
            }
            "call_expression" if !self.python => self.visit_js_call(node),
            "decorator" if !self.python => {
                let call = node
                    .named_child(0)
                    .map(unwrap_expression)
                    .filter(|c| c.kind_name() == "call_expression");
                let Some(call) = call else {
                    return;
                };
                let Some(name) = js::callee_name(call, src) else {
                    return;
                };
                let path = js::call_arguments(call)
                    .first()
                    .map(|arg| js::string_value(*arg, src));
                if NEST_ROUTE_DECORATORS.contains(&name) {
                    match path {
                        None => self.facts.routes += 1,
                        Some(path) => self.route_path(path),
                    }
                } else if name == "Controller" && matches!(path, Some(None)) {
                    // `@Controller(prefix)` with a prefix from a variable or an options object.
                    self.facts.answers_any_path = true;
                }
            }
            "call" if self.python => self.visit_py_call(node),
            _ => {}
        }
    }

    fn visit_js_call(&mut self, call: Node<'a>) {
        let src = self.src;
        let Some(method) = js::callee_name(call, src) else {
            return;
        };
        if js::callee_object(call).is_none() {
            return;
        }
        let args = js::call_arguments(call);
        let Some(first) = args.first().map(|a| unwrap_expression(*a)) else {
            return;
        };
        let verb = VERB_METHODS.contains(&method) && method != "all";
        if (verb || method == "all") && args.len() >= 2 {
            if method == "all" {
                self.facts.answers_any_path = true;
            }
            match first.kind_name() {
                "string" | "template_string" => self.route_path(js::string_value(first, src)),
                // A path from a variable, a regular expression or a list.
                _ => self.facts.answers_any_path = true,
            }
        } else if method == "use" && args.len() == 1 && answers_every_request(first, src) {
            // `app.use((req, res) => res.send('ok'))`: a middleware that answers whatever
            // the path is.
            self.facts.answers_any_path = true;
        } else if method == "use" && args.len() >= 2 {
            // `app.use(prefix, router)` with a prefix this module does not spell.
            if matches!(
                first.kind_name(),
                "identifier" | "member_expression" | "regex" | "array" | "template_string"
            ) && js::string_value(first, src).is_none()
            {
                self.facts.answers_any_path = true;
            }
        }
    }

    fn visit_py_call(&mut self, call: Node<'a>) {
        let src = self.src;
        let Some(name) = py::callee_name(call, src) else {
            return;
        };
        let in_decorator = call.parent().is_some_and(|p| p.kind_name() == "decorator");
        let registers = (in_decorator && PY_ROUTE_DECORATORS.contains(&name))
            || matches!(
                name,
                "path" | "re_path" | "url" | "add_url_rule" | "add_api_route"
            );
        if !registers {
            return;
        }
        let args = py::positional_arguments(call);
        let path = args
            .first()
            .copied()
            .or_else(|| py::keyword_argument(call, "path", src))
            .or_else(|| py::keyword_argument(call, "rule", src));
        match path {
            // `@router.get("")`, `@api_view(["GET"])` take no path of their own.
            None if name == "api_view" => {}
            None => self.facts.routes += 1,
            Some(path) if name == "api_view" => {
                let _ = path;
            }
            Some(path) => {
                let value = py::string_value(path, src);
                // `path('', include(...))`: whatever the included module serves.
                let includes = text(call, src).contains("include(");
                if includes && value.as_deref().is_some_and(|v| v.is_empty() || v == "^") {
                    self.facts.answers_any_path = true;
                }
                self.route_path(value);
            }
        }
    }

    /// A route registered with `path`, or with a path that is not a literal.
    fn route_path(&mut self, path: Option<String>) {
        match path {
            Some(path) if !is_catch_all(&path) => {
                self.facts.routes += 1;
                if path.split('/').any(is_parameter) {
                    self.facts.parametric.insert(path.to_ascii_lowercase());
                }
            }
            _ => self.facts.answers_any_path = true,
        }
    }

    pub fn finish(self) -> Option<RoutePathFacts> {
        let facts = self.facts;
        (facts.routes > 0 || facts.answers_any_path).then_some(facts)
    }
}

/// A middleware function that answers the request itself, never passes it on (no `next`
/// call) and does not answer 404: whatever path is requested, it answers.
fn answers_every_request(function: Node, src: &str) -> bool {
    if !matches!(
        function.kind_name(),
        "arrow_function" | "function_expression" | "function"
    ) {
        return false;
    }
    let code = without_comments(text(function, src));
    let answers = [".send(", ".json(", ".end(", ".render(", ".sendStatus("]
        .iter()
        .any(|call| code.contains(call));
    answers && !code.contains("next") && !code.contains("404")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split_into_words() {
        let words: Vec<String> = path_words("'/api/v1/Health-Check/'").collect();
        assert_eq!(words, vec!["api", "v1", "health-check"]);
    }

    #[test]
    fn catch_all_routes_are_recognised() {
        assert!(is_catch_all("*"));
        assert!(is_catch_all("/(.*)"));
        assert!(is_catch_all("/{full_path:path}"));
        assert!(is_catch_all("/:page"));
        assert!(!is_catch_all("/users/:id"));
        assert!(!is_catch_all("health/"));
    }

    #[test]
    fn parametric_routes_serve_the_paths_they_match() {
        assert!(parametric_route_serves("/api/:id", "/api/health"));
        assert!(parametric_route_serves(
            "/items/{item_id}",
            "/v1/items/ready"
        ));
        assert!(parametric_route_serves("/status/<name>/", "/status/live"));
        assert!(!parametric_route_serves("/users/:id", "/healthz"));
        assert!(!parametric_route_serves(
            "/users/:id/posts",
            "/users/health"
        ));
        assert!(!parametric_route_serves("/users/:id", "/api/health"));
    }

    #[test]
    fn libraries_that_answer_their_own_paths() {
        let any = |code: &str| ANSWERS_ANY_PATH.as_ref().is_some_and(|r| r.is_match(code));
        assert!(any("app.use(express.static('public'));"));
        assert!(any("import { createTerminus } from '@godaddy/terminus';"));
        assert!(any("fastify.register(require('fastify-healthcheck'));"));
        assert!(any("from health_check.views import MainView"));
        assert!(!any(
            "app.get('/health', (req, res) => res.json({ ok: true }));"
        ));
    }
}
