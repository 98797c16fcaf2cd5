//! auth-route-without-rate-limit: a login, token, password-reset or one-time-code route that
//! no rate limiter guards: not on the route, not on the router it is registered on, not on
//! any app or router that router is mounted on (across modules, through the Express model).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::diagnostic::Findings;
use crate::facts::auth_routes::{CredentialRoute, LIMITER_PACKAGES, RouteStyle};
use crate::facts::collect::Fact;
use crate::facts::express::{self, AppKind};
use crate::facts::express_model::{ExpressModel, RegRef, Target};
use crate::facts::{Project, ProjectContext};
use crate::lang::FileKind;
use crate::rules::{Prescan, Rule};

pub struct AuthRouteWithoutRateLimit;

const HELP_JS: &str = "limit the attempts per client on this route: `const loginLimiter = rateLimit({ windowMs: 15 * 60 * 1000, limit: 10 }); router.post('/login', loginLimiter, login)` (express-rate-limit), or apply a limiter to the router or app; in NestJS, `@nestjs/throttler`'s `ThrottlerGuard`";
const HELP_PY: &str = "limit the attempts per client: slowapi `@limiter.limit(\"5/minute\")`, Flask-Limiter `@limiter.limit(\"5 per minute\")`, django-ratelimit `@ratelimit(key=\"ip\", rate=\"5/m\")`";

/// How many mounts up the walk from a router to its app goes.
const MAX_MOUNTS: usize = 64;

impl Rule for AuthRouteWithoutRateLimit {
    fn needles(&self) -> &'static [&'static [&'static str]] {
        express::EXPRESS_NEEDLES
    }

    fn may_match(&self, file: &Prescan) -> bool {
        express::may_use_express(file.bytes)
    }

    fn facts(&self) -> &'static [Fact] {
        &[Fact::Express, Fact::AuthRoutes]
    }

    fn check_project(&self, cx: &ProjectContext, out: &mut Findings) {
        let project = cx.project;
        let mut packages_with_limiter: BTreeSet<Option<&Path>> = BTreeSet::new();
        for file in &project.files {
            if file
                .facts
                .auth_routes
                .as_ref()
                .is_some_and(|f| f.mentions_limiter)
            {
                packages_with_limiter.insert(project.packages.package_of(&file.path));
            }
        }
        let mut model = None;
        for (index, file) in project.files.iter().enumerate() {
            let Some(facts) = &file.facts.auth_routes else {
                continue;
            };
            if facts.mentions_limiter {
                continue;
            }
            for route in facts.routes.iter().filter(|r| !r.limited) {
                let python = file.kind == FileKind::Py;
                let unguarded = match route.style {
                    RouteStyle::ExpressCall => {
                        let model = model.get_or_insert_with(|| Chains::new(cx.express_model()));
                        model.reaches_app_without_limiter(index, route)
                            && !model.handler_guards_itself(index, route)
                    }
                    RouteStyle::Decorator => {
                        !packages_with_limiter.contains(&project.packages.package_of(&file.path))
                            && (python || !depends_on_limiter(project, &file.path))
                    }
                };
                if !unguarded {
                    continue;
                }
                out.report_in(
                    Some(file.display.clone()),
                    route.range.clone(),
                    format!(
                        "{} route `POST {}` with no rate limiter on it, its router or its app: passwords or codes can be tried at full speed",
                        route.kind, route.path
                    ),
                )
                .help(if python { HELP_PY } else { HELP_JS });
            }
        }
    }
}

/// True when the package.json that owns `path` lists a limiter package: a NestJS
/// `ThrottlerGuard` registered as a global guard covers every route.
fn depends_on_limiter(project: &Project, path: &Path) -> bool {
    project
        .package_for(path)
        .is_some_and(|p| LIMITER_PACKAGES.iter().any(|l| p.dependency(l).is_some()))
}

/// The Express model with each app's mounts reversed: where each router is mounted.
struct Chains<'m, 'p> {
    model: &'m ExpressModel<'p>,
    /// Router or sub-app → the apps it is mounted on.
    mounted_on: BTreeMap<(usize, u32), Vec<(usize, u32)>>,
    /// (file, start of the registering call) → the apps it registers on.
    registered_on: BTreeMap<(usize, usize), Vec<(usize, u32)>>,
    /// (file, start of the registering call) → the registration.
    registrations: BTreeMap<(usize, usize), RegRef<'p>>,
}

impl<'m, 'p> Chains<'m, 'p> {
    fn new(model: &'m ExpressModel<'p>) -> Chains<'m, 'p> {
        let mut mounted_on: BTreeMap<(usize, u32), Vec<(usize, u32)>> = BTreeMap::new();
        let mut registered_on: BTreeMap<(usize, usize), Vec<(usize, u32)>> = BTreeMap::new();
        let mut by_start = BTreeMap::new();
        for (&app, registrations) in &model.app_registrations {
            for registration in registrations {
                by_start.insert(
                    (registration.file, registration.reg.range.start),
                    *registration,
                );
                registered_on
                    .entry((registration.file, registration.reg.range.start))
                    .or_default()
                    .push(app);
                if registration.reg.method != "use" {
                    continue;
                }
                for handler in &registration.reg.handlers {
                    if let Target::App(f, a) = model.resolve(registration.file, handler, 0) {
                        if (f, a) != app {
                            mounted_on.entry((f, a)).or_default().push(app);
                        }
                    }
                }
            }
        }
        Chains {
            model,
            mounted_on,
            registered_on,
            registrations: by_start,
        }
    }

    /// True when a handler of the route, wherever it is defined, protects the credential
    /// step itself: it answers 429, or accepts only server-issued OAuth grants.
    fn handler_guards_itself(&self, file: usize, route: &CredentialRoute) -> bool {
        let Some(registration) = self.registrations.get(&(file, route.range.start)) else {
            return false;
        };
        registration.reg.handlers.iter().any(|handler| {
            self.model
                .handling_function(registration.file, handler)
                .and_then(|(f, i)| self.model.function(f, i))
                .is_some_and(|function| function.guards_itself)
        })
    }

    /// True when the route is registered on a known router whose every mount leads to an
    /// app, and no app or router on the way applies a limiter. False when any link is
    /// unknown: a router mounted nowhere the model sees, an app handed to code outside the
    /// project.
    fn reaches_app_without_limiter(&self, file: usize, route: &CredentialRoute) -> bool {
        let Some(apps) = self.registered_on.get(&(file, route.range.start)) else {
            return false;
        };
        let mut stack: Vec<(usize, u32)> = apps.clone();
        let mut seen = BTreeSet::new();
        let mut reached_app = false;
        while let Some(app) = stack.pop() {
            if !seen.insert(app) {
                continue;
            }
            if seen.len() > MAX_MOUNTS || self.model.escaped.contains(&app) {
                return false;
            }
            if self.applies_limiter(app) {
                return false;
            }
            match self.mounted_on.get(&app) {
                Some(parents) => stack.extend(parents.iter().copied()),
                None => match self.model.app(app.0, app.1).map(|a| a.kind) {
                    Some(AppKind::App) => reached_app = true,
                    // A router mounted nowhere the model sees: its app is unknown.
                    _ => return false,
                },
            }
        }
        reached_app
    }

    /// True when a `use` on the app names a limiter, or is made in a module that names one
    /// (`app.use(security)` from a module that sets up `rateLimit`).
    fn applies_limiter(&self, app: (usize, u32)) -> bool {
        let Some(registrations) = self.model.app_registrations.get(&app) else {
            return false;
        };
        registrations.iter().any(|registration| {
            let Some(facts) = &self.model.file(registration.file).facts.auth_routes else {
                return false;
            };
            registration.reg.method == "use"
                && (facts.mentions_limiter
                    || facts
                        .limiter_calls
                        .iter()
                        .any(|c| c.start == registration.reg.range.start))
        })
    }
}
