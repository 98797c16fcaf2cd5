//! csrf-unprotected-cookie-session: an Express app that keeps its session in a cookie and
//! takes state-changing requests, with no CSRF defence anywhere in its package.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostic::Findings;
use crate::facts::ProjectContext;
use crate::facts::collect::Fact;
use crate::rules::Rule;

pub struct CsrfUnprotectedCookieSession;

const HELP: &str = "make cross-site requests unable to ride on the session cookie: set `cookie: { sameSite: 'lax' }` (or `'strict'`) on the session, and check a CSRF token on state-changing routes (csrf-csrf's `doubleCsrfProtection`, csrf-sync, `lusca.csrf()`)";

/// What a package holds, over its modules.
#[derive(Default)]
struct PackageState {
    defended: bool,
    state_changing_routes: bool,
    reads_session: bool,
    /// (file index, `use` call range) of each session middleware.
    sessions: Vec<(usize, std::ops::Range<usize>)>,
}

impl Rule for CsrfUnprotectedCookieSession {
    fn needles(&self) -> &'static [&'static [&'static str]] {
        &[&["express-session", "cookie-session"]]
    }

    fn facts(&self) -> &'static [Fact] {
        &[Fact::Csrf]
    }

    fn check_project(&self, cx: &ProjectContext, out: &mut Findings) {
        let project = cx.project;
        let mut packages: BTreeMap<Option<&Path>, PackageState> = BTreeMap::new();
        for (index, file) in project.files.iter().enumerate() {
            let Some(facts) = &file.facts.csrf else {
                continue;
            };
            let state = packages
                .entry(project.packages.package_of(&file.path))
                .or_default();
            state.defended |= facts.defended;
            state.state_changing_routes |= facts.state_changing_routes;
            state.reads_session |= facts.reads_session;
            state
                .sessions
                .extend(facts.session_uses.iter().map(|r| (index, r.clone())));
        }
        for state in packages.values() {
            if state.defended || !state.state_changing_routes || !state.reads_session {
                continue;
            }
            for (index, range) in &state.sessions {
                let Some(file) = project.files.get(*index) else {
                    continue;
                };
                out.report_in(
                    Some(file.display.clone()),
                    range.clone(),
                    "session kept in a cookie with no CSRF defence: any site the user visits can send POST, PUT or DELETE requests that the browser signs with this cookie",
                )
                .help(HELP);
            }
        }
    }
}
