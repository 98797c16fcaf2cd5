//! debug-mode-in-deploy: a debug or development switch in what the production deployment
//! runs — its compose file, the image it builds, its environment file.

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::diagnostic::Findings;
use crate::facts::ProjectContext;
use crate::facts::ProjectFile;
use crate::facts::collect::Fact;
use crate::facts::debug_switch::{
    DebugSwitchFacts, SwitchKind, is_module_file, is_script_file, python_entries,
};
use crate::facts::topology::{MergedService, Place, Topology, names_production};
use crate::lang::dotenv::EnvFile;
use crate::rules::Rule;
use crate::rules::shared::node_start;
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
    fn facts(&self) -> &'static [Fact] {
        &[Fact::DebugSwitches]
    }

    fn check_project(&self, cx: &ProjectContext, out: &mut Findings) {
        let topology = cx.topology();
        let mut reported: BTreeSet<(Arc<str>, usize)> = BTreeSet::new();
        let mut report =
            |place: Place, what: String, label: Option<(Place, String)>, out: &mut Findings| {
                if reported.insert((place.file.clone(), place.range.start)) {
                    let finding =
                        out.report_in(Some(place.file.clone()), place.range.clone(), what);
                    match label {
                        Some((at, says)) => finding.label_in(at.file, at.range, says),
                        None => finding,
                    }
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
            for found in code_switches(topology, service)
                .into_iter()
                .chain(node_script_switch(topology, service))
            {
                report(
                    found.place,
                    format!("{} ({deployment}) runs", found.message),
                    Some((found.label, found.label_text)),
                    out,
                );
            }
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
                            None,
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
                        None,
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
                            None,
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
                                None,
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

/// A debug switch in code a deployed service runs.
struct CodeFinding {
    place: Place,
    /// The switch, what it does and how the deployment runs it, up to the deployment's
    /// name (`… which the production deployment`).
    message: String,
    /// Where the deployment starts the code or names the settings module, and what it says.
    label: Place,
    label_text: String,
}

/// What the Django settings module of a container is, as far as its deployment sets it.
enum SettingsModule {
    /// Not set by the compose file, an `env_file` or the image.
    NotSet,
    /// Set to a value the files do not tell (`${SETTINGS}`, passed from the host).
    Unknown,
    Named(String, Place),
}

/// The debug switches in the Python code a service's container runs: a script it starts
/// (`python app.py` running `app.run(debug=True)`), the module a server loads its app from
/// (`uvicorn app.main:app` loading `FastAPI(debug=True)`), and the Django settings module
/// it runs with (`DJANGO_SETTINGS_MODULE` in its environment or image, else the default
/// its entry file sets) when that module ends with `DEBUG = True`. A file counts only when
/// one file of the build context answers to the name.
/// A Node service started through a package script (`npm start`, `yarn serve`) whose
/// script — in the package.json at the root of the build context — sets
/// `NODE_ENV=development` or starts a development server (`nodemon`, `next dev`, `vite`).
fn node_script_switch(topology: &Topology<'_>, service: &MergedService<'_>) -> Option<CodeFinding> {
    let (words, start_place) = topology.start_command(service)?;
    let name = node_start::script_run_by(&words)?;
    let (file, _) = topology
        .build_context_files(service)
        .into_iter()
        .find(|(_, relative)| relative == std::path::Path::new("package.json"))?;
    let package = file.facts.package.as_ref()?;
    let script = package.script(name)?;
    if script.range.is_empty() {
        return None;
    }
    let lookup = |other: &str| package.script(other).map(|s| s.command.as_str());
    let (does, meaning) = node_start::development_start(&script.command, &lookup)?;
    let written = words.join(" ");
    Some(CodeFinding {
        place: start_place,
        message: format!(
            "`{written}` runs the package's `{name}` script, which {does} ({meaning}), as the start command that the production deployment"
        ),
        label: Place {
            file: file.display.clone(),
            range: script.range.clone(),
        },
        label_text: format!("the `{name}` script {does}"),
    })
}

fn code_switches(topology: &Topology<'_>, service: &MergedService<'_>) -> Vec<CodeFinding> {
    let files = topology.build_context_files(service);
    let python: Vec<(&ProjectFile, &std::path::Path, &DebugSwitchFacts)> = files
        .iter()
        .filter_map(|(f, relative)| {
            Some((*f, relative.as_path(), f.facts.debug_switches.as_ref()?))
        })
        .collect();
    if python.is_empty() {
        return Vec::new();
    }
    let the_one = |answers: &dyn Fn(&std::path::Path) -> bool| {
        let mut found = python.iter().filter(|(_, relative, _)| answers(relative));
        match (found.next(), found.next()) {
            (Some(one), None) => Some(*one),
            _ => None,
        }
    };
    let mut out = Vec::new();
    let named = settings_module_named(topology, service);
    let Some((words, start_place)) = topology.start_command(service) else {
        // Without a known start, only a settings module the deployment names itself.
        if let SettingsModule::Named(module, place) = named {
            let label = format!("sets `DJANGO_SETTINGS_MODULE={module}`");
            settings_debug(&the_one, &module, place, label, &mut out);
        }
        return out;
    };
    let entries = python_entries(&words);
    // The files the start runs: (file, run as a script, the start as written).
    let mut entry_files = Vec::new();
    for script in &entries.scripts {
        if let Some(file) = the_one(&|r| is_script_file(r, script)) {
            entry_files.push((file, true, format!("python {script}")));
        }
    }
    for module in &entries.main_modules {
        let base = module.replace('.', "/");
        let main = the_one(&|r| r.ends_with(format!("{base}/__main__.py")))
            .or_else(|| the_one(&|r| r.ends_with(format!("{base}.py"))));
        if let Some(file) = main {
            entry_files.push((file, true, format!("python -m {module}")));
        }
    }
    for module in &entries.app_modules {
        if let Some(file) = the_one(&|r| is_module_file(r, module)) {
            entry_files.push((file, false, module.clone()));
        }
    }
    for ((file, _, facts), as_script, written) in &entry_files {
        let switches = facts
            .app_switches
            .iter()
            .chain(facts.script_switches.iter().filter(|_| *as_script));
        for switch in switches {
            let (does, runs) = match switch.kind {
                SwitchKind::FlaskDebugServer => (
                    "serves the app with Flask's development server and its debugger (an exception page runs Python code typed into the browser)",
                    "in the script",
                ),
                SwitchKind::Reloader => (
                    "serves the app with the code reloader, a development mode that watches files and restarts workers",
                    "in the script",
                ),
                SwitchKind::AsgiDebug => (
                    "builds the app in debug mode (a server error answers with the traceback)",
                    "in the app module",
                ),
            };
            out.push(CodeFinding {
                place: Place {
                    file: file.display.clone(),
                    range: switch.range.clone(),
                },
                message: format!(
                    "`{}` {does}, {runs} that the production deployment",
                    switch.call
                ),
                label: start_place.clone(),
                label_text: if *as_script {
                    format!("runs `{written}`")
                } else {
                    format!("loads the app from `{written}`")
                },
            });
        }
    }
    // The Django settings module: named by the deployment, else by the entry file run.
    match named {
        SettingsModule::Named(module, place) => {
            let label = format!("sets `DJANGO_SETTINGS_MODULE={module}`");
            settings_debug(&the_one, &module, place, label, &mut out);
        }
        SettingsModule::Unknown => {}
        SettingsModule::NotSet => {
            let defaults: BTreeSet<&String> = entry_files
                .iter()
                .filter_map(|((_, _, facts), _, _)| facts.settings_module_default.as_ref())
                .collect();
            if let [module] = defaults.into_iter().collect::<Vec<_>>().as_slice() {
                let label = format!(
                    "starts code whose default `DJANGO_SETTINGS_MODULE` is `{module}`, and sets no other"
                );
                settings_debug(&the_one, module, start_place, label, &mut out);
            }
        }
    }
    out
}

type TheOne<'f, 'p> = dyn Fn(
        &dyn Fn(&std::path::Path) -> bool,
    ) -> Option<(&'p ProjectFile, &'f std::path::Path, &'p DebugSwitchFacts)>
    + 'f;

/// Reports the settings module's `DEBUG = True`.
fn settings_debug<'f, 'p>(
    the_one: &TheOne<'f, 'p>,
    module: &str,
    named_at: Place,
    label_text: String,
    out: &mut Vec<CodeFinding>,
) {
    let Some((file, _, facts)) = the_one(&|r| is_module_file(r, module)) else {
        return;
    };
    let Some(range) = facts.settings_debug.clone() else {
        return;
    };
    out.push(CodeFinding {
        place: Place {
            file: file.display.clone(),
            range,
        },
        message: format!(
            "`DEBUG = True` turns on Django's debug mode (error pages show code, settings and every URL pattern), in the settings module `{module}` that the production deployment"
        ),
        label: named_at,
        label_text,
    });
}

/// The `DJANGO_SETTINGS_MODULE` a service's container runs with, as its compose
/// environment, its `env_file` or its image's `ENV` sets it, with where it is set.
fn settings_module_named(topology: &Topology<'_>, service: &MergedService<'_>) -> SettingsModule {
    const KEY: &str = "DJANGO_SETTINGS_MODULE";
    let named = |value: Option<String>, place: Place| match value.as_deref().and_then(module_name) {
        Some(module) => SettingsModule::Named(module, place),
        None => SettingsModule::Unknown,
    };
    let project = &topology.compose[service.project];
    if let Some((part, var)) = service
        .environment()
        .into_iter()
        .find(|(_, v)| v.key == KEY)
    {
        let value = var.value.as_deref().and_then(|v| project.interpolate(v));
        return named(value, part.place(var.key_range.clone()));
    }
    if let Some((file, entry)) = topology
        .env_file_entries(service)
        .into_iter()
        .find(|(_, e)| e.key == KEY)
    {
        let place = Place {
            file: file.display.clone(),
            range: entry.range.clone(),
        };
        return named(Some(entry.value.clone()), place);
    }
    let Some((file, dockerfile, stage)) = topology.built_stage(service) else {
        return SettingsModule::NotSet;
    };
    let Some((_, value)) = dockerfile.env(stage).into_iter().rfind(|(k, _)| k == KEY) else {
        return SettingsModule::NotSet;
    };
    let instruction = dockerfile
        .lineage(stage)
        .into_iter()
        .flat_map(|s| s.instructions.iter())
        .rfind(|i| i.keyword == "ENV" && i.args.contains(KEY));
    match instruction {
        Some(i) => named(
            Some(value),
            Place {
                file: file.display.clone(),
                range: i.range.clone(),
            },
        ),
        None => SettingsModule::Unknown,
    }
}

/// A dotted module name as written in a variable, or `None` for anything else (`${X}`).
fn module_name(value: &str) -> Option<String> {
    let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
    let dotted = !value.is_empty()
        && value.split('.').all(|part| {
            part.chars()
                .next()
                .is_some_and(|c| c.is_alphabetic() || c == '_')
                && part.chars().all(|c| c.is_alphanumeric() || c == '_')
        });
    dotted.then(|| value.to_string())
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
