//! Cookie sessions and CSRF protection: where a module installs cookie-session middleware
//! (`app.use(session({...}))` from `express-session` or `cookie-session`), whether it
//! registers state-changing routes, and whether it names a CSRF defence.
//! csrf-unprotected-cookie-session judges them per package.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use tree_sitter::Node;

use crate::facts::auth_routes::without_comments;
use crate::lang::js;
use crate::lang::tree::{KindExt, text, unwrap_expression};

/// Packages whose middleware keeps the session in a cookie the browser sends by itself.
const SESSION_PACKAGES: &[&str] = &["express-session", "cookie-session"];

/// Methods that change state, which a cross-site form can send.
const STATE_CHANGING: &[&str] = &["post", "put", "patch", "delete", "del"];

/// A CSRF defence named in code: csurf, csrf-csrf, csrf-sync, tiny-csrf, `lusca.csrf`,
/// Apollo's `csrfPrevention`, an `X-XSRF-TOKEN` check, a custom-header or origin check
/// helper named for it.
static CSRF_DEFENCE: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"(?i)csrf|xsrf").ok());

/// A session cookie the browser does not send on cross-site requests (`sameSite: 'lax'`,
/// `'strict'`, `true`).
static SAME_SITE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r#"(?i)same_?site['"]?\s*[:=]\s*(?:['"`](?:lax|strict)['"`]|true)"#).ok()
});

/// A read of the session that identifies the user.
static SESSION_READ: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"\b(?:req|request)\.session\b|passport\.session\(|\.session\.(?:user|passport)")
        .ok()
});

/// What one module tells csrf-unprotected-cookie-session.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct CsrfFacts {
    /// `app.use(session({...}))` calls installing cookie-session middleware.
    pub session_uses: Vec<Range<usize>>,
    /// The module registers a POST, PUT, PATCH or DELETE route.
    pub state_changing_routes: bool,
    /// The module names a CSRF defence, or sets a session cookie `sameSite` to lax or strict.
    pub defended: bool,
    /// The module reads who the user is from the session (`req.session.userId`,
    /// `passport.session()`): the session authenticates, it does not only carry an OAuth
    /// handshake's state.
    pub reads_session: bool,
}

/// A cheap test of a file's bytes: it may install a session or register a route.
pub fn may_hold(bytes: &[u8]) -> bool {
    let lower = bytes.to_ascii_lowercase();
    let has = |word: &[u8]| lower.windows(word.len()).any(|w| w == word);
    has(b"session")
        || has(b"csrf")
        || has(b"xsrf")
        || has(b"samesite")
        || has(b".post")
        || has(b".put")
        || has(b".patch")
        || has(b".delete")
}

/// Gathers `CsrfFacts` from the call expressions of one walk.
pub struct CsrfCollector<'a> {
    src: &'a str,
    /// The local names bound to a cookie-session package (`session`, `cookieSession`).
    session_names: Vec<String>,
    facts: CsrfFacts,
}

impl<'a> CsrfCollector<'a> {
    pub fn new(src: &'a str) -> CsrfCollector<'a> {
        let code = without_comments(src);
        let defended = CSRF_DEFENCE.as_ref().is_some_and(|r| r.is_match(&code))
            || SAME_SITE.as_ref().is_some_and(|r| r.is_match(&code));
        CsrfCollector {
            src,
            session_names: session_imports(src),
            facts: CsrfFacts {
                defended,
                reads_session: SESSION_READ.as_ref().is_some_and(|r| r.is_match(&code)),
                ..CsrfFacts::default()
            },
        }
    }

    pub fn visit(&mut self, node: Node<'a>) {
        if node.kind_name() != "call_expression" {
            return;
        }
        let src = self.src;
        let Some(method) = js::callee_name(node, src) else {
            return;
        };
        let args = js::call_arguments(node);
        if STATE_CHANGING.contains(&method)
            && args.len() >= 2
            && js::string_value(args[0], src).is_some_and(|p| p.starts_with('/'))
        {
            self.facts.state_changing_routes = true;
        }
        if method != "use" || self.session_names.is_empty() {
            return;
        }
        let installs_session = args.iter().any(|arg| {
            let arg = unwrap_expression(*arg);
            arg.kind_name() == "call_expression"
                && js::callee(arg).is_some_and(|c| {
                    c.kind_name() == "identifier"
                        && self.session_names.iter().any(|n| n == text(c, src))
                })
        });
        if installs_session {
            self.facts.session_uses.push(node.byte_range());
        }
    }

    pub fn finish(self) -> Option<CsrfFacts> {
        let facts = self.facts;
        (!facts.session_uses.is_empty()
            || facts.state_changing_routes
            || facts.defended
            || facts.reads_session)
            .then_some(facts)
    }
}

/// The names a module binds to a cookie-session package: `const session =
/// require('express-session')`, `import cookieSession from 'cookie-session'`.
fn session_imports(src: &str) -> Vec<String> {
    static IMPORT: LazyLock<Option<Regex>> = LazyLock::new(|| {
        Regex::new(
            r#"(?:const|let|var|import)\s+([A-Za-z_$][\w$]*)\s*(?:=\s*require\(\s*|from\s*)['"]([\w@/.-]+)['"]"#,
        )
        .ok()
    });
    let Some(import) = IMPORT.as_ref() else {
        return Vec::new();
    };
    import
        .captures_iter(src)
        .filter(|c| {
            c.get(2)
                .is_some_and(|p| SESSION_PACKAGES.contains(&p.as_str()))
        })
        .filter_map(|c| c.get(1).map(|n| n.as_str().to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_packages_are_found_by_their_import() {
        assert_eq!(
            session_imports("const session = require('express-session');"),
            vec!["session"]
        );
        assert_eq!(
            session_imports("import cookieSession from \"cookie-session\";"),
            vec!["cookieSession"]
        );
        assert!(session_imports("const s = require('express-sessions-store');").is_empty());
    }

    #[test]
    fn same_site_lax_or_strict_defends() {
        let same_site = SAME_SITE
            .as_ref()
            .map(|r| r.is_match("cookie: { sameSite: 'lax' }"));
        assert_eq!(same_site, Some(true));
        let none = SAME_SITE
            .as_ref()
            .map(|r| r.is_match("cookie: { sameSite: 'none' }"));
        assert_eq!(none, Some(false));
    }
}
