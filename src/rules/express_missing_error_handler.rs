//! express-missing-error-handler: an Express app with routes or middleware and no error
//! middleware `(err, req, res, next)`, looking across the project's own modules.

use std::sync::Arc;

use crate::diagnostic::Findings;
use crate::facts::ProjectContext;
use crate::facts::collect::Fact;
use crate::facts::express;
use crate::facts::express::AppKind;
use crate::facts::express::Value;
use crate::facts::express_model::{ExpressModel, RegRef, Target};
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
            // Static files and fixed answers only: nothing can pass an error on, so the
            // default handler is never reached with details. Only for an app kept to its
            // module, whose every registration is in sight.
            if stays_in_module(model, file, index, &app.name)
                && registrations.iter().all(|r| serves_fixed_content(model, r))
            {
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

/// True for an app bound to a local name of its module that the module neither exports nor
/// hands to a call other than `http.createServer(app)`: every registration on it is then in
/// the module.
fn stays_in_module(model: &ExpressModel, file: usize, index: u32, name: &str) -> bool {
    let Some(facts) = model.facts(file) else {
        return false;
    };
    let is_local_name = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '$');
    let exported = facts.exports.iter().any(|(_, value)| match value {
        Value::App(i) => *i == index,
        Value::Local(local) => local == name,
        Value::Object(properties) => properties.iter().any(|(_, v)| match v {
            Value::App(i) => *i == index,
            Value::Local(local) => local == name,
            _ => false,
        }),
        _ => false,
    });
    let handed_on = facts
        .passes
        .iter()
        .any(|pass| pass.arg == name && pass.callee_name != "createServer");
    is_local_name && !exported && !handed_on
}

/// True for a registration that cannot pass an error on: `app.use(express.static(...))`,
/// or a route (of any method) or middleware whose handlers all answer with fixed content. A
/// body parser is none of these: a malformed body is an error it passes on.
fn serves_fixed_content(model: &ExpressModel, registration: &RegRef) -> bool {
    let handlers = &registration.reg.handlers;
    if handlers.is_empty() {
        return false;
    }
    let fixed_answer = |h: &Value| {
        matches!(model.resolve(registration.file, h, 0), Target::Function(f, i)
            if model.function(f, i).is_some_and(|function| function.answers_fixed_content))
    };
    match registration.reg.method.as_str() {
        "use" => handlers.iter().all(|h| {
            fixed_answer(h)
                || matches!(h, Value::Call { callee, .. }
                if matches!(callee.as_ref(), Value::Member(_, property) if property == "static"))
        }),
        "get" | "head" | "post" | "put" | "patch" | "delete" | "options" | "all" => {
            handlers.iter().all(fixed_answer)
        }
        _ => false,
    }
}
