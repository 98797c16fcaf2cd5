//! env-var-undeclared: a variable read in code that no `.env.example`, compose file,
//! Dockerfile or Kubernetes manifest of the project declares.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::diagnostic::Findings;
use crate::facts::ProjectContext;
use crate::facts::collect::Fact;
use crate::facts::topology::normalize;
use crate::lang::dockerfile::env_pairs;
use crate::rules::Rule;

pub struct EnvVarUndeclared;

/// Variables the runtime, the package manager or the platform sets.
const RUNTIME: &[&str] = &[
    "NODE_ENV",
    "PATH",
    "HOME",
    "USER",
    "USERNAME",
    "PWD",
    "SHELL",
    "HOSTNAME",
    "TZ",
    "LANG",
    "LC_ALL",
    "TERM",
    "TMPDIR",
    "TEMP",
    "TMP",
    "CI",
    "NODE_OPTIONS",
    "NODE_DEBUG",
    "PYTHONPATH",
    "VIRTUAL_ENV",
    "PYTHONUNBUFFERED",
    "DEBUG",
    "INIT_CWD",
    "XDG_CONFIG_HOME",
    "XDG_CACHE_HOME",
    "XDG_DATA_HOME",
    "APPDATA",
    "LOCALAPPDATA",
    "USERPROFILE",
    "SYSTEMROOT",
    "COMSPEC",
    "EDITOR",
    "NO_COLOR",
    "FORCE_COLOR",
    "DJANGO_SETTINGS_MODULE",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "NO_PROXY",
    "http_proxy",
    "https_proxy",
    "no_proxy",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_EXECUTION_ENV",
    "PUBLIC_URL",
    "PROGRAMFILES",
    "ProgramFiles",
    "PROGRAMFILES(X86)",
    "ProgramFiles(x86)",
    "ProgramW6432",
    "PROGRAMDATA",
    "ProgramData",
    "WINDIR",
    "windir",
    "SystemRoot",
    "SYSTEMDRIVE",
    "SystemDrive",
    "ALLUSERSPROFILE",
    "COMPUTERNAME",
    "LOGNAME",
    // Set by the shell for a program's tab completion (bash `complete -C`, click, typer).
    "COMP_WORDS",
    "COMP_CWORD",
    "COMP_LINE",
    "COMP_POINT",
    "COMP_TYPE",
    "COMP_KEY",
    // Set by snapd for an app installed as a snap.
    "SNAP",
];

/// Build and tool configuration (`vite.config.ts`, `rollup.config.js`), repository scripts
/// and maintainer tooling (`extra/`, `tools/`, release helpers), and end-to-end or integration
/// test packages read the environment of the developer's shell or of CI, not of the deployed
/// app.
fn is_build_tooling(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    // A test script beside the module it tests (`drivers/bigquery/test.js`) reads the
    // settings of the test run.
    let stem = name.split('.').next().unwrap_or("");
    name.contains(".config.")
        || stem == "test"
        || path.components().any(|c| {
            matches!(
                c.as_os_str().to_str().unwrap_or(""),
                "scripts"
                    | "bin"
                    | "extra"
                    | "tools"
                    | "tooling"
                    | "integration-tests"
                    | "integration-test"
                    | "_integration-test"
                    | "e2e"
                    | "cypress"
                    | "loadtest"
                    | "loadtests"
                    | "load-tests"
                    | "benchmarks"
            )
        })
}

/// A project template (cookiecutter's `{{cookiecutter.project_slug}}/`): its files are rendered
/// before they run, and its compose files and Dockerfiles cannot be read until then.
fn in_project_template(path: &Path) -> bool {
    path.components()
        .any(|c| c.as_os_str().to_str().is_some_and(|c| c.contains("{{")))
}

const RUNTIME_PREFIXES: &[&str] = &[
    "npm_",
    "GITHUB_",
    "RUNNER_",
    "KUBERNETES_",
    "VERCEL",
    "AWS_LAMBDA_",
    "LAMBDA_",
    "NETLIFY",
    "RENDER_",
    "FLY_",
    "RAILWAY_",
    "HEROKU_",
    "JEST_",
    "VITEST",
    "PYTEST_",
    "GOOGLE_CLOUD_",
    "K_",
    "SNAP_",
];

/// Fewer distinct names than this in a package or a file: few enough that a declaration set
/// speaks for all of them (a small app's `.env.example` lists everything it reads).
const SETTINGS_FILE_NAMES: usize = 10;

/// The distinct names a file reads (with a default or without), reads through a helper of
/// its own or declares as fields of a settings class, leaving out those the runtime sets.
fn setting_names(env: &crate::facts::EnvUse) -> BTreeSet<&str> {
    env.reads
        .iter()
        .map(|r| r.name.as_str())
        .chain(env.helper_names.iter().map(String::as_str))
        .filter(|n| !is_runtime(n))
        .collect()
}

/// Whether a settings file's project documents its optional settings too: the file reads ten
/// names or more, and at least three quarters of them are declared. Where it does, a setting
/// kept as `None`/`undefined` when unset (`SENTRY_DSN = os.environ.get("SENTRY_DSN")`) that
/// is missing from the list is a gap in it. Names the file reads through a helper of its own
/// (`getEnv('MAIL_HOST')`) count among its settings.
fn lists_its_settings(names: &BTreeSet<&str>, declared: &BTreeSet<&str>) -> bool {
    if names.len() < SETTINGS_FILE_NAMES {
        return false;
    }
    let listed = names.iter().filter(|n| declared.contains(*n)).count();
    listed * 4 >= names.len() * 3
}

fn is_runtime(name: &str) -> bool {
    RUNTIME.contains(&name) || RUNTIME_PREFIXES.iter().any(|p| name.starts_with(p))
}

/// A file that declares variables, and the code it speaks for: `.env*` files and
/// Dockerfiles declare for the code in their directory and below, compose files also for
/// their services' build contexts; Kubernetes manifests (often kept in `deploy/`, `k8s/`)
/// for the whole project.
struct Source<'p> {
    display: &'p str,
    /// Directories whose code the file configures; empty for the whole project.
    dirs: Vec<PathBuf>,
    names: Vec<String>,
}

impl Rule for EnvVarUndeclared {
    fn facts(&self) -> &'static [Fact] {
        &[Fact::EnvUse]
    }

    fn check_project(&self, cx: &ProjectContext, out: &mut Findings) {
        let project = cx.project;
        let mut sources: Vec<Source> = Vec::new();
        let mut provided: BTreeSet<&str> = BTreeSet::new();
        let mut loaded: Vec<&str> = Vec::new();
        for file in &project.files {
            let facts = &file.facts;
            let display: &str = &file.display;
            let dir = normalize(file.path.parent().unwrap_or(Path::new("")));
            if let Some(env) = &facts.env {
                let mut names: Vec<String> = env.entries.iter().map(|e| e.key.clone()).collect();
                // A template documents optional settings as commented-out lines.
                if file.is_env_template() {
                    names.extend(env.commented.iter().cloned());
                }
                sources.push(Source {
                    display,
                    dirs: vec![dir.clone()],
                    names,
                });
            }
            if let Some(compose) = &facts.compose {
                let names = compose
                    .services
                    .iter()
                    .flat_map(|s| s.environment.iter().map(|v| v.key.clone()))
                    .collect();
                let mut dirs = vec![dir.clone()];
                dirs.extend(
                    compose
                        .services
                        .iter()
                        .filter_map(|s| s.build.as_ref())
                        .map(|b| normalize(&dir.join(&b.context))),
                );
                sources.push(Source {
                    display,
                    dirs,
                    names,
                });
            }
            if let Some(docker) = &facts.docker {
                let stages = docker.stages.iter().flat_map(|s| s.instructions.iter());
                let names = docker
                    .global_args
                    .iter()
                    .chain(stages)
                    .filter(|i| matches!(i.keyword.as_str(), "ENV" | "ARG"))
                    .flat_map(|i| env_pairs(&i.args).into_iter().map(|(k, _)| k))
                    .collect();
                sources.push(Source {
                    display,
                    dirs: vec![dir.clone()],
                    names,
                });
            }
            if let Some(k8s) = &facts.k8s_env {
                sources.push(Source {
                    display,
                    dirs: Vec::new(),
                    names: k8s.names.clone(),
                });
                provided.extend(k8s.provides.iter().map(String::as_str));
                loaded.extend(k8s.env_from.iter().map(String::as_str));
            }
        }
        if sources.is_empty() {
            return;
        }
        // A ConfigMap or Secret that is not in the repository may hold any variable.
        if loaded.iter().any(|name| !provided.contains(name)) {
            return;
        }
        // A name declared anywhere counts (shared libraries read what the apps declare);
        // a file is only checked when a declaration speaks for its directory.
        // The app's own code declares what it sets before use (`process.env.SECRET =
        // generated` at startup).
        let declared: BTreeSet<&str> = sources
            .iter()
            .flat_map(|s| s.names.iter().map(String::as_str))
            .chain(crate::rules::shared::env::assigned_by_the_app(project))
            .collect();
        // The code a set of declarations speaks for is one package (an app of a monorepo, the
        // whole of a small project); what it reads is weighed together.
        let served = project.files.iter().filter_map(|file| {
            let env = file.facts.env_use.as_ref()?;
            if is_build_tooling(&file.path) || in_project_template(&file.path) {
                return None;
            }
            let path = normalize(&file.path);
            let applying: Vec<usize> = sources
                .iter()
                .enumerate()
                .filter(|(_, s)| s.dirs.is_empty() || s.dirs.iter().any(|d| path.starts_with(d)))
                .map(|(index, _)| index)
                .collect();
            (!applying.is_empty()).then_some((file, env, applying))
        });
        let served: Vec<_> = served.collect();
        // The names the code each declaration speaks for reads. A file is in a small package
        // when every declaration that speaks for it speaks for few names: a small app's
        // `.env.example` is meant to list them all, a monorepo's root Dockerfile is not.
        let mut names_by_source: BTreeMap<usize, BTreeSet<&str>> = BTreeMap::new();
        for (_, env, applying) in &served {
            let names = setting_names(env);
            for &source in applying {
                names_by_source
                    .entry(source)
                    .or_default()
                    .extend(names.iter().copied());
            }
        }
        for (file, env, applying) in &served {
            // Each variable once in a file, at its first read that qualifies.
            let mut reported: BTreeSet<&str> = BTreeSet::new();
            // A small package's declarations are its whole configuration; a large one's may
            // list only the settings a deployment must give, unless the file's own names are
            // mostly listed.
            let small_package = applying.iter().all(|source| {
                names_by_source
                    .get(source)
                    .is_none_or(|names| names.len() < SETTINGS_FILE_NAMES)
            });
            let file_lists_settings = lists_its_settings(&setting_names(env), &declared);
            // Names the file also reads where it works without them (a default, a presence
            // test, a use under a condition on the value): the code is written for the
            // variable to be unset, so a read of it elsewhere in the file that raises is no
            // evidence that every deployment needs it.
            let optional_here: BTreeSet<&str> = env
                .reads
                .iter()
                .filter(|r| r.optional)
                .map(|r| r.name.as_str())
                .collect();
            for read in &env.reads {
                let name = read.name.as_str();
                if read.optional || is_runtime(name) || declared.contains(name) {
                    continue;
                }
                // Positive evidence that the app needs the value: the read raises when it is
                // missing (outside a feature switch and in a file that does not also treat the
                // variable as optional), or the value signs, keys or connects.
                let required = read.critical.is_some()
                    || (read.fails_loudly
                        && !read.feature_switched
                        && !optional_here.contains(name));
                let reportable = required || file_lists_settings || small_package;
                if !reportable || !reported.insert(name) {
                    continue;
                }
                let applying: Vec<&Source> = applying.iter().map(|&i| &sources[i]).collect();
                let shown: Vec<&str> = applying.iter().map(|s| s.display).take(3).collect();
                let listed = if applying.len() > 3 {
                    format!("{} and {} more", shown.join(", "), applying.len() - 3)
                } else {
                    shown.join(", ")
                };
                out.report_in(
                    Some(file.display.clone()),
                    read.range.clone(),
                    format!("`{name}` is read here but declared nowhere the app is configured ({listed}): a deployment set up from them leaves it unset"),
                )
                .help(format!("document it in `.env.example` (`{name}=` with a placeholder value) and set it where the app runs (compose `environment`, Dockerfile `ENV`, Kubernetes `env`); or give it a default if it is optional"));
            }
        }
    }
}
