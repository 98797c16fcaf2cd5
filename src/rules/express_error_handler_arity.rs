//! express-error-handler-arity: middleware registered with `use` whose first parameter is an
//! error but which declares fewer than four parameters, so Express runs it as ordinary
//! middleware.

use std::collections::BTreeSet;

use crate::diagnostic::{Applicability, Findings, Fix};
use crate::facts::ProjectContext;
use crate::facts::collect::Fact;
use crate::facts::express;
use crate::facts::express_model::Target;
use crate::rules::{Prescan, Rule};

pub struct ExpressErrorHandlerArity;

const HELP: &str = "declare all four parameters, `(err, req, res, next)`, even when `next` is unused (`_next`): Express recognises error middleware only by its four parameters";

impl Rule for ExpressErrorHandlerArity {
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
        let mut reported = BTreeSet::new();
        for (file, facts) in model.modules() {
            for reg in facts.registrations.iter().filter(|r| r.method == "use") {
                for handler in &reg.handlers {
                    let Target::Function(f, i) = model.resolve(file, handler, 0) else {
                        continue;
                    };
                    let Some(function) = model.function(f, i) else {
                        continue;
                    };
                    if !function.is_short_error_middleware() || !reported.insert((f, i)) {
                        continue;
                    }
                    let display = model.file(f).display.clone();
                    let count = function.params.len();
                    let first = function.params.first().map_or("err", String::as_str);
                    let mut report = out
                        .report_in(
                            Some(display.clone()),
                            function.head.clone(),
                            format!(
                                "error middleware with {count} parameter{}: Express runs it as ordinary middleware with `{first}` bound to the request, and errors passed to `next(err)` skip it",
                                if count == 1 { "" } else { "s" }
                            ),
                        )
                        .help(HELP);
                    // The one missing parameter is `next`: add it (safe, as Express then
                    // calls the function for errors only, which is what its `err` says).
                    let names_next = |p: &String| {
                        let p = p.trim_start_matches('_').to_ascii_lowercase();
                        ["next", "nxt", "done", "cb", "callback"].contains(&p.as_str())
                    };
                    if let (3, Some((at, text))) = (count, &function.next_param) {
                        if !function.params.iter().any(names_next)
                            && function.params.iter().all(|p| !p.is_empty() && p != "...")
                        {
                            report = report.fix(Fix::replace_in(
                                Applicability::Safe,
                                "add the `next` parameter",
                                display.clone(),
                                *at..*at,
                                text,
                            ));
                        }
                    }
                    if !(f == file
                        && reg.range.start <= function.head.start
                        && function.head.end <= reg.range.end)
                    {
                        report = report.label_in(
                            model.file(file).display.clone(),
                            reg.range.clone(),
                            "registered as middleware here",
                        );
                    }
                    drop(report);
                }
            }
        }
    }
}
