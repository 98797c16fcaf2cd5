//! cors-credentials-wildcard: cross-origin requests with credentials allowed from any origin,
//! in a package whose requests may carry credentials a browser attaches by itself.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostic::Findings;
use crate::facts::ProjectContext;
use crate::facts::collect::Fact;
use crate::facts::cors::CorsSiteKind;
use crate::rules::Rule;

pub struct CorsCredentialsWildcard;

const HELP_JS: &str = "allow the origins you serve by name: `cors({ origin: ['https://app.example.com'], credentials: true })`, or a function that checks the origin against that list";
const HELP_PY: &str = "allow the origins you serve by name: `allow_origins=[\"https://app.example.com\"]` (Flask-CORS `origins=[...]`, django-cors-headers `CORS_ALLOWED_ORIGINS`)";

const MESSAGE: &str = "credentials are allowed from any origin: any website a signed-in user visits can call this API with the user's cookies and read the answers";

impl Rule for CorsCredentialsWildcard {
    fn needles(&self) -> &'static [&'static [&'static str]] {
        &[
            &["credentials", "CORS_ALLOW_CREDENTIALS"],
            &["origin", "CORS_ALLOW_ALL", "CORS_ORIGIN_ALLOW_ALL"],
        ]
    }

    fn facts(&self) -> &'static [Fact] {
        &[Fact::Cors]
    }

    fn check_project(&self, cx: &ProjectContext, out: &mut Findings) {
        let project = cx.project;
        // Per package: (some module reads an `Authorization` header, some module names a
        // cookie, a session or HTTP authentication).
        let mut packages: BTreeMap<Option<&Path>, (bool, bool)> = BTreeMap::new();
        for file in &project.files {
            let Some(facts) = &file.facts.cors else {
                continue;
            };
            let entry = packages
                .entry(project.packages.package_of(&file.path))
                .or_default();
            entry.0 |= facts.header_auth;
            entry.1 |= facts.ambient_credentials;
        }
        for file in &project.files {
            let Some(facts) = &file.facts.cors else {
                continue;
            };
            let package = project.packages.package_of(&file.path);
            // A package that authenticates with an `Authorization` header and names no
            // cookie, session or HTTP authentication anywhere: no credential rides along
            // on a cross-site request, so any origin reads only what anonymous clients get.
            if packages
                .get(&package)
                .is_some_and(|(header, ambient)| *header && !*ambient)
            {
                continue;
            }
            for site in &facts.sites {
                let (message, help) = match site.kind {
                    CorsSiteKind::Options => (MESSAGE, HELP_JS),
                    CorsSiteKind::Middleware => (MESSAGE, HELP_PY),
                    CorsSiteKind::EchoedOrigin => (
                        "the request's Origin is copied into Access-Control-Allow-Origin with credentials allowed and no allow-list check: any website can call this API with the user's cookies",
                        HELP_JS,
                    ),
                    CorsSiteKind::FlaskCors => (
                        "Flask-CORS with credentials and no `origins` answers every origin with itself: any website a signed-in user visits can call this API with the user's cookies",
                        HELP_PY,
                    ),
                    CorsSiteKind::DjangoSettings => (
                        "`CORS_ALLOW_ALL_ORIGINS` with `CORS_ALLOW_CREDENTIALS = True`: any website a signed-in user visits can call this API with the user's cookies",
                        HELP_PY,
                    ),
                };
                out.report_in(Some(file.display.clone()), site.range.clone(), message)
                    .help(help);
            }
        }
    }
}
