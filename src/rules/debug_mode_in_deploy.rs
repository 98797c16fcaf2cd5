//! debug-mode-in-deploy: a debug or development switch in what the production deployment
//! runs — its compose file, the image it builds, its environment file.

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::diagnostic::Findings;
use crate::facts::ProjectContext;
use crate::facts::topology::{Place, names_production};
use crate::lang::dotenv::EnvFile;
use crate::rules::Rule;
use crate::source::SourceFile;

pub struct DebugModeInDeploy;

const HELP: &str = "set production values in the deployment (`NODE_ENV=production`, `FLASK_DEBUG=0`, `DEBUG=False`, no `--reload`) and keep debug switches in the development stack (`docker-compose.yml`, `.env.development`)";

/// A debug or development switch set in an environment variable, with what it does.
fn debug_variable(key: &str, value: &str) -> Option<&'static str> {
    let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
    let truthy = matches!(
        value.to_ascii_lowercase().as_str(),
        "1" | "true" | "yes" | "on"
    );
    match key {
        "FLASK_DEBUG" | "DJANGO_DEBUG" if truthy => Some(
            "turns on the debug mode: error pages show code, settings and an interactive debugger",
        ),
        "DEBUG" if truthy => Some(
            "turns on the app's debug mode: error pages with stack traces and settings (Django's DEBUG = env('DEBUG'))",
        ),
        "FLASK_ENV" if value == "development" => {
            Some("runs Flask in development mode, with the debugger on")
        }
        "NODE_ENV" if value == "development" || value == "dev" => Some(
            "runs Node libraries in development mode: Express sends stack traces in error pages, views are not cached",
        ),
        _ => None,
    }
}

/// A development server switch in a start command: a reloader or Flask's debugger.
fn debug_command(words: &[String]) -> Option<&'static str> {
    let words: Vec<&str> = words
        .iter()
        .flat_map(|w| w.split_whitespace())
        .map(|w| w.trim_matches(|c| c == '"' || c == '\''))
        .collect();
    let runs = |name: &str| {
        words
            .iter()
            .any(|w| *w == name || w.ends_with(&format!("/{name}")))
    };
    let server = ["uvicorn", "gunicorn", "hypercorn", "flask"]
        .into_iter()
        .any(runs);
    if server && words.contains(&"--reload") {
        return Some(
            "runs the server with its code reloader, a development mode that watches files and restarts workers",
        );
    }
    if runs("flask") && words.iter().any(|w| *w == "--debug" || *w == "--debugger") {
        return Some(
            "runs Flask with the debugger on: an exception page runs Python code typed into the browser",
        );
    }
    None
}

impl Rule for DebugModeInDeploy {
    fn check_project(&self, cx: &ProjectContext, out: &mut Findings) {
        let topology = cx.topology();
        let mut reported: BTreeSet<(Arc<str>, usize)> = BTreeSet::new();
        let mut report = |place: Place, what: String, out: &mut Findings| {
            if reported.insert((place.file.clone(), place.range.start)) {
                out.report_in(Some(place.file.clone()), place.range.clone(), what)
                    .help(HELP);
            }
        };
        for service in &topology.services {
            let production = topology.production_parts(service);
            let Some(last) = production.last() else {
                continue;
            };
            let project = &topology.compose[service.project];
            let deployment = last.file.display.clone();
            // The environment the production file sets.
            for part in &production {
                for var in &part.service.environment {
                    let Some(value) = var.value.as_deref() else {
                        continue;
                    };
                    let value = project.interpolate(value).unwrap_or_default();
                    if let Some(what) = debug_variable(&var.key, &value) {
                        report(
                            part.place(var.value_range.clone()),
                            format!(
                                "`{}={value}` in the production deployment ({deployment}) {what}",
                                var.key
                            ),
                            out,
                        );
                    }
                }
            }
            // The start command, when the production file sets it.
            let command = [service.entrypoint(), service.command()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>();
            for (part, spec) in &command {
                if !names_production(&part.file.path) {
                    continue;
                }
                if let Some(what) = debug_command(&spec.split_words()) {
                    report(
                        part.place(spec.range.clone()),
                        format!("`{}` in the production deployment {what}", service.name),
                        out,
                    );
                }
            }
            // The image it builds: its CMD when compose does not replace it, and its ENV
            // unless the deployment sets the variable itself.
            let Some((file, dockerfile, stage)) = topology.built_stage(service) else {
                continue;
            };
            let set_by_compose: BTreeSet<&str> = service
                .environment()
                .into_iter()
                .map(|(_, v)| v.key.as_str())
                .collect();
            for instruction in dockerfile
                .lineage(stage)
                .into_iter()
                .flat_map(|s| s.instructions.iter())
                .filter(|i| i.keyword == "ENV")
            {
                let text = instruction.args.replace('=', " ");
                let mut words = text.split_whitespace();
                while let Some(key) = words.next() {
                    let Some(value) = words.next() else {
                        break;
                    };
                    if set_by_compose.contains(key) {
                        continue;
                    }
                    if let Some(what) = debug_variable(key, value) {
                        report(
                            Place {
                                file: file.display.clone(),
                                range: instruction.range.clone(),
                            },
                            format!(
                                "`ENV {key}={}` in the image the production deployment ({deployment}) builds {what}",
                                value.trim_matches(|c| c == '"' || c == '\'')
                            ),
                            out,
                        );
                    }
                }
            }
            if command.is_empty() {
                for keyword in ["ENTRYPOINT", "CMD"] {
                    if let Some(i) = dockerfile.last_in(stage, keyword) {
                        if let Some(what) = debug_command(&i.words()) {
                            report(
                                Place {
                                    file: file.display.clone(),
                                    range: i.range.clone(),
                                },
                                format!(
                                    "the image the production deployment ({deployment}) builds for `{}` {what}",
                                    service.name
                                ),
                                out,
                            );
                        }
                    }
                }
            }
        }
    }

    fn check_env(&self, file: &SourceFile, env: &EnvFile, out: &mut Findings) {
        if !names_production(&file.path) || crate::lang::dotenv::is_env_template(&file.path) {
            return;
        }
        for entry in &env.entries {
            if let Some(what) = debug_variable(&entry.key, &entry.value) {
                out.report(
                    entry.range.clone(),
                    format!(
                        "`{}={}` in the production environment file {what}",
                        entry.key,
                        entry.value.trim()
                    ),
                )
                .help(HELP);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switches() {
        assert!(debug_variable("FLASK_DEBUG", "1").is_some());
        assert!(debug_variable("FLASK_DEBUG", "0").is_none());
        assert!(debug_variable("DEBUG", "express:*").is_none());
        assert!(debug_variable("NODE_ENV", "production").is_none());
        let words = |s: &str| vec![s.to_string()];
        assert!(debug_command(&words("uvicorn app.main:app --host 0.0.0.0 --reload")).is_some());
        assert!(debug_command(&words("uvicorn app.main:app --host 0.0.0.0")).is_none());
        assert!(debug_command(&words("flask run --debug")).is_some());
    }
}
