//! express-missing-error-handler: an Express app with routes or middleware and no error
//! middleware `(err, req, res, next)`, looking across the project's own modules.

use std::sync::Arc;

use crate::diagnostic::Findings;
use crate::facts::ProjectContext;
use crate::facts::collect::Fact;
use crate::facts::express;
use crate::facts::express::AppKind;
use crate::facts::express_model::Target;
use crate::rules::{Prescan, Rule};

pub struct ExpressMissingErrorHandler;

const HELP: &str = "register an error middleware with four parameters last, after every route and router: `app.use((err, req, res, next) => { console.error(err); res.status(err.status || 500).json({ error: 'Internal Server Error' }) })`";

impl Rule for ExpressMissingErrorHandler {
    fn needles(&self) -> &'static [&'static [&'static str]] {
        express::EXPRESS_NEEDLES
    }

    fn may_match(&self, file: &Prescan) -> bool {
        express::may_use_express(file.bytes)
    }

    fn facts(&self) -> &'static [Fact] {
        &[Fact::Express]
    }

    fn check_project(&self, cx: &ProjectContext, out: &mut Findings) {
        let model = cx.express_model();
        // A mounted sub-app is judged with the app it is mounted on, as a router is.
        let mounted = model.mounted_apps();
        for (&(file, index), registrations) in &model.app_registrations {
            let Some(app) = model.app(file, index) else {
                continue;
            };
            if app.kind != AppKind::App || registrations.is_empty() {
                continue;
            }
            let key = (file, index);
            if model.escaped.contains(&key)
                || model.error_setup.contains(&key)
                || mounted.contains(&key)
            {
                continue;
            }
            if registrations
                .iter()
                .any(|r| model.installs_error_handler(*r, 0))
            {
                continue;
            }
            // An error middleware written with too few parameters is one mistake, reported
            // once by express-error-handler-arity, which names the fix.
            let short_error_middleware = registrations.iter().any(|r| {
                r.reg.method == "use"
                    && r.reg.handlers.iter().any(|h| {
                        matches!(model.resolve(r.file, h, 0), Target::Function(f, i)
                            if model.function(f, i).is_some_and(|function| function.is_short_error_middleware()))
                    })
            });
            if short_error_middleware {
                continue;
            }
            let display = model.file(file).display.clone();
            let name = if app.name.is_empty() {
                "app"
            } else {
                app.name.as_str()
            };
            let mut report = out
                .report_in(
                    Some(display.clone()),
                    app.range.clone(),
                    format!(
                        "Express app `{name}` has routes but no error middleware: an error passed to `next(err)` or thrown in a handler ends in Express's default handler, which answers with an HTML page (and the stack trace unless NODE_ENV=production)"
                    ),
                )
                .help(HELP);
            if let Some(first) = registrations.first() {
                let label_file: Arc<str> = model.file(first.file).display.clone();
                report = report.label_in(
                    label_file,
                    first.reg.range.clone(),
                    "routes and middleware registered here; none takes `(err, req, res, next)`",
                );
            }
            drop(report);
        }
    }
}
