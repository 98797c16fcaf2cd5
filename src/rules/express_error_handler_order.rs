//! express-error-handler-order: error middleware registered before later routes or
//! middleware of the same app, which it then never sees errors from.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::Findings;
use crate::facts::ProjectContext;
use crate::facts::collect::Fact;
use crate::facts::express;
use crate::facts::express::{Value, mentions_error};
use crate::facts::express_model::{ExpressModel, Target};
use crate::rules::{Prescan, Rule};

pub struct ExpressErrorHandlerOrder;

const HELP: &str = "define error middleware last: move it after every `app.use()` and route registration (a 404 handler included), so errors from all of them reach it";

impl Rule for ExpressErrorHandlerOrder {
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
        let route_wrappers = route_wrappers(model);
        for (file, facts) in model.modules() {
            // Registrations per receiver and scope, in source order.
            let mut groups: BTreeMap<(&str, usize), Vec<usize>> = BTreeMap::new();
            for (i, reg) in facts.registrations.iter().enumerate() {
                groups
                    .entry((reg.receiver.as_str(), reg.scope))
                    .or_default()
                    .push(i);
            }
            for ((receiver, _), indices) in groups {
                let regs: Vec<_> = indices.iter().map(|i| &facts.registrations[*i]).collect();
                let is_error: Vec<bool> = regs
                    .iter()
                    .map(|r| {
                        !r.handlers.is_empty()
                            && r.handlers
                                .iter()
                                .all(|h| is_error_handler(model, file, r, h, &route_wrappers))
                    })
                    .collect();
                let Some(first) = is_error.iter().position(|e| *e) else {
                    continue;
                };
                // A 404 handler after the error middleware is the usual ending: it runs when
                // nothing responded, and the error middleware still sees every error before it.
                let Some(later) = (first + 1..regs.len())
                    .find(|j| !is_error[*j] && !is_not_found(model, file, regs[*j]))
                else {
                    continue;
                };
                // An early error middleware (one answering malformed JSON with 400 right
                // after the body parser) is fine when error middleware also follows the
                // last registration: errors from every registration reach a handler.
                let last_regular = (0..regs.len())
                    .rev()
                    .find(|j| !is_error[*j] && !is_not_found(model, file, regs[*j]))
                    .unwrap_or(later);
                if (last_regular + 1..regs.len()).any(|j| is_error[j]) {
                    continue;
                }
                let express_receiver = !model
                    .receiver_apps(file, receiver, regs[first].receiver_param, 0)
                    .is_empty()
                    || has_resolved_error_function(model, file, regs[first]);
                if !express_receiver {
                    continue;
                }
                let display = model.file(file).display.clone();
                let later_reg = regs[later];
                out.report_in(
                    Some(display),
                    regs[first].range.clone(),
                    format!(
                        "error middleware registered before `{receiver}.{}(...)`: errors from that registration and every later one skip it and reach Express's default handler",
                        later_reg.method
                    ),
                )
                .label(later_reg.range.clone(), "registered after the error middleware")
                .help(HELP);
            }
        }
    }
}

/// True when `value`, a handler of `reg`, is error middleware. A function is one by its
/// four parameters. A call whose only evidence is its name (`errorHandler()`,
/// `catchErrors(fn)`) is one unless it wraps a handler: its first argument is a function of
/// fewer than four parameters, it is registered as a route (`router.get('/x',
/// catchErrors(...))`, where Express expects the request handler), or the same wrapper
/// wraps route handlers elsewhere in the project.
fn is_error_handler<'p>(
    model: &ExpressModel<'p>,
    file: usize,
    reg: &crate::facts::express::Registration,
    value: &'p Value,
    route_wrappers: &BTreeSet<(usize, u32)>,
) -> bool {
    match model.resolve(file, value, 0) {
        Target::Function(..) => model.is_error_handler(file, value),
        target => {
            if !target.mentions_error() {
                return false;
            }
            let Value::Call {
                callee, wrapped, ..
            } = value
            else {
                return true;
            };
            let wraps_handler = wrapped.as_deref().is_some_and(|w| {
                matches!(model.resolve(file, w, 0), Target::Function(f, i)
                    if model.function(f, i).is_some_and(|g| !g.is_error_middleware()))
            });
            let wrapper_of_routes = match model.resolve(file, callee, 0) {
                Target::Function(f, i) => route_wrappers.contains(&(f, i)),
                _ => false,
            };
            !(wraps_handler || wrapper_of_routes || is_route_method(&reg.method))
        }
    }
}

/// Express's route methods: what they register answers a request, not an error.
fn is_route_method(method: &str) -> bool {
    matches!(
        method,
        "get" | "post" | "put" | "patch" | "delete" | "del" | "head" | "options" | "all"
    )
}

/// The functions of the project called as wrappers of route handlers
/// (`router.get('/x', wrap(async (req, res) => ...))`): what they return is a handler.
fn route_wrappers(model: &ExpressModel) -> BTreeSet<(usize, u32)> {
    let mut wrappers = BTreeSet::new();
    for (file, facts) in model.modules() {
        for reg in facts
            .registrations
            .iter()
            .filter(|r| is_route_method(&r.method))
        {
            for handler in &reg.handlers {
                if let Value::Call { callee, .. } = handler {
                    if let Target::Function(f, i) = model.resolve(file, callee, 0) {
                        wrappers.insert((f, i));
                    }
                }
            }
        }
    }
    wrappers
}

/// True when one of the registration's handlers resolves to a 4-parameter function whose
/// first parameter is named like an error: certainly Express (or Connect) error middleware.
fn has_resolved_error_function(
    model: &ExpressModel,
    file: usize,
    reg: &crate::facts::express::Registration,
) -> bool {
    reg.handlers
        .iter()
        .any(|h| match model.resolve(file, h, 0) {
            Target::Function(f, i) => model.function(f, i).is_some_and(|g| {
                g.is_error_middleware()
                    && g.params.first().is_some_and(|p| {
                        crate::facts::express::is_error_name(p) || mentions_error(p)
                    })
            }),
            _ => false,
        })
}

/// `app.use(notFound)`, `app.use((req, res) => res.status(404)...)`, and a catch-all route
/// answering 404 (`app.get('*', (req, res) => res.status(404)...)`).
fn is_not_found(
    model: &ExpressModel,
    file: usize,
    reg: &crate::facts::express::Registration,
) -> bool {
    (reg.method == "use" || is_route_method(&reg.method))
        && !reg.handlers.is_empty()
        && reg
            .handlers
            .iter()
            .all(|h| match model.resolve(file, h, 0) {
                Target::Function(f, i) => model.function(f, i).is_some_and(|g| g.not_found),
                Target::Unknown { .. } | Target::Wrapped { .. } => {
                    let name = match h {
                        crate::facts::express::Value::Local(n) => n.to_ascii_lowercase(),
                        _ => String::new(),
                    };
                    name.contains("notfound") || name.contains("not_found")
                }
                _ => false,
            })
}
