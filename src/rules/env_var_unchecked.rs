//! env-var-unchecked: an environment variable used where a missing value breaks the app
//! (signing secrets, connection strings, numbers), with no default and no startup check.

use crate::diagnostic::Findings;
use crate::facts::ProjectContext;
use crate::facts::collect::Fact;
use crate::rules::Rule;

pub struct EnvVarUnchecked;

impl Rule for EnvVarUnchecked {
    fn facts(&self) -> &'static [Fact] {
        &[Fact::EnvUse]
    }

    fn check_project(&self, cx: &ProjectContext, out: &mut Findings) {
        let project = cx.project;
        // Startup checks anywhere in the project cover every use of their variables.
        let mut checked: Vec<&str> = Vec::new();
        for file in &project.files {
            let Some(env) = &file.facts.env_use else {
                continue;
            };
            if env.checks_all {
                return;
            }
            checked.extend(env.checked.iter().map(String::as_str));
        }
        // An env file the app loads itself (`process.loadEnvFile('.env.example')`) gives every
        // variable it sets a value.
        let loads: Vec<&str> = project
            .files
            .iter()
            .filter_map(|f| f.facts.env_use.as_ref())
            .flat_map(|e| e.loads.iter().map(|l| l.trim_start_matches("./")))
            .collect();
        if !loads.is_empty() {
            for file in &project.files {
                let Some(env) = &file.facts.env else { continue };
                if loads
                    .iter()
                    .any(|l| !l.is_empty() && file.path.ends_with(std::path::Path::new(l)))
                {
                    checked.extend(
                        env.entries
                            .iter()
                            .filter(|e| !e.value.is_empty())
                            .map(|e| e.key.as_str()),
                    );
                }
            }
        }
        checked.sort_unstable();
        checked.dedup();
        for file in &project.files {
            let Some(env) = &file.facts.env_use else {
                continue;
            };
            let python = file.kind == crate::lang::FileKind::Py;
            for read in &env.reads {
                let Some(critical) = &read.critical else {
                    continue;
                };
                if read.has_default
                    || read.fails_loudly
                    || checked.binary_search(&read.name.as_str()).is_ok()
                {
                    continue;
                }
                let name = &read.name;
                let missing = if python { "None" } else { "undefined" };
                let help = if python {
                    format!(
                        "fail at startup when it is missing: `{name} = os.environ[\"{name}\"]` at module level, or a pydantic-settings `BaseSettings` field; or check the list of required names once and `raise SystemExit` naming the missing one"
                    )
                } else {
                    format!(
                        "check required variables once at startup: list `'{name}'` in a `requiredEnvVars` loop that logs the missing name and calls `process.exit(1)`, or validate `process.env` with a schema (envalid, zod); give optional settings a default"
                    )
                };
                let mut report = out
                    .report_in(
                        Some(file.display.clone()),
                        critical.range.clone(),
                        format!("`{name}` is used as {} without a default or a startup check: when it is not set, the app gets {missing} here and fails at runtime", critical.what),
                    )
                    .help(help);
                if critical.range != read.range {
                    report = report.label_in(
                        file.display.clone(),
                        read.range.clone(),
                        format!("`{name}` read here"),
                    );
                }
                drop(report);
            }
        }
    }
}
