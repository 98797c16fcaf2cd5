//! env-var-unchecked: an environment variable used where a missing value breaks the app
//! (signing secrets, connection strings, numbers), with no default and no startup check.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostic::Findings;
use crate::facts::ProjectContext;
use crate::facts::collect::Fact;
use crate::rules::Rule;

pub struct EnvVarUnchecked;

/// What the startup checks of one package cover.
#[derive(Default)]
struct PackageChecks<'p> {
    /// A check whose names cannot be read: every variable counts as checked.
    all: bool,
    names: Vec<&'p str>,
    /// Env files the package's code loads itself.
    loads: Vec<&'p str>,
}

impl Rule for EnvVarUnchecked {
    fn facts(&self) -> &'static [Fact] {
        &[Fact::EnvUse]
    }

    fn check_project(&self, cx: &ProjectContext, out: &mut Findings) {
        let project = cx.project;
        // Startup checks cover every use of their variables in their own package (a check
        // in a Python worker says nothing of the Node API beside it).
        let mut checks: BTreeMap<Option<&Path>, PackageChecks> = BTreeMap::new();
        for file in &project.files {
            let Some(env) = &file.facts.env_use else {
                continue;
            };
            let package = checks
                .entry(project.packages.package_of(&file.path))
                .or_default();
            package.all |= env.checks_all;
            package.names.extend(env.checked.iter().map(String::as_str));
            // An env file the app loads itself (`process.loadEnvFile('.env.example')`)
            // gives every variable it sets a value.
            package.loads.extend(
                env.loads
                    .iter()
                    .map(|l| l.trim_start_matches("./"))
                    .filter(|l| !l.is_empty()),
            );
        }
        for package in checks.values_mut() {
            if package.loads.is_empty() {
                continue;
            }
            for file in &project.files {
                let Some(env) = &file.facts.env else { continue };
                if package
                    .loads
                    .iter()
                    .any(|l| file.path.ends_with(Path::new(l)))
                {
                    package.names.extend(
                        env.entries
                            .iter()
                            .filter(|e| !e.value.is_empty())
                            .map(|e| e.key.as_str()),
                    );
                }
            }
        }
        // A variable the app sets itself before use has a value.
        let assigned = crate::rules::shared::env::assigned_by_the_app(project);
        for package in checks.values_mut() {
            package.names.extend(assigned.iter().copied());
            package.names.sort_unstable();
            package.names.dedup();
        }
        for file in &project.files {
            let Some(env) = &file.facts.env_use else {
                continue;
            };
            let Some(checked) = checks.get(&project.packages.package_of(&file.path)) else {
                continue;
            };
            if checked.all {
                continue;
            }
            let python = file.kind == crate::lang::FileKind::Py;
            for read in &env.reads {
                let Some(critical) = &read.critical else {
                    continue;
                };
                if read.has_default
                    || read.fails_loudly
                    || checked.names.binary_search(&read.name.as_str()).is_ok()
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
