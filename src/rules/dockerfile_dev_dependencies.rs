//! dockerfile-dev-dependencies: the final stage of an image installs devDependencies
//! (`npm ci` without `--omit=dev`), or copies `node_modules` from a stage that did.

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Applicability, Findings, Fix};
use crate::facts::{Project, ProjectFile};
use crate::lang::dockerfile::{Dockerfile, Instruction, env_pairs};
use crate::rules::Rule;
use crate::source::SourceFile;

pub struct DockerfileDevDependencies;

const HELP: &str = "install only production dependencies in the image: `npm ci --omit=dev` (`--production` on older npm, `yarn install --production`, `pnpm install --prod`) or `ENV NODE_ENV=production` before the install; build in an earlier stage and copy only the output (`COPY --from=builder /app/dist ./dist`)";

/// What one shell command does to `node_modules`.
#[derive(Debug, PartialEq)]
enum Effect {
    /// Installs every dependency, devDependencies included; the command as written.
    InstallsDev(String),
    /// Installs production dependencies only.
    InstallsProd,
    /// Removes devDependencies (`npm prune --omit=dev`, `rm -rf node_modules`).
    Prunes,
    None,
}

/// State of `node_modules` after a stage's instructions.
#[derive(Default, Clone)]
struct State {
    node_env_production: bool,
    workdir: String,
    /// Dev installs not pruned since: the instruction, the command, the workdir.
    dev_installs: Vec<(Instruction, String, String)>,
}

fn flag(words: &[&str], names: &[&str]) -> bool {
    words.iter().any(|w| names.contains(w))
}

/// Classifies one command of a RUN line.
fn effect(command: &str, node_env_production: bool) -> Effect {
    let mut words: Vec<&str> = command.split_whitespace().collect();
    let mut production = node_env_production;
    // Leading `VAR=value` assignments and `env VAR=value`.
    while let Some(first) = words.first() {
        if *first == "env" {
            words.remove(0);
        } else if let Some((k, v)) = first
            .split_once('=')
            .filter(|(k, _)| !k.starts_with('-') && !k.is_empty())
        {
            if k == "NODE_ENV" {
                production = v.trim_matches(['"', '\'']) == "production";
            }
            words.remove(0);
        } else {
            break;
        }
    }
    let Some((tool, rest)) = words.split_first() else {
        return Effect::None;
    };
    let tool = tool.rsplit('/').next().unwrap_or(tool);
    if matches!(tool, "rm")
        && rest
            .iter()
            .any(|w| w.trim_end_matches('/').ends_with("node_modules"))
    {
        return Effect::Prunes;
    }
    let sub = rest.first().copied().unwrap_or("");
    let args: Vec<&str> = rest.iter().skip(1).copied().collect();
    let prod_flags = [
        "--production",
        "--prod",
        "-P",
        "--omit=dev",
        "--only=prod",
        "--only=production",
        "--production=true",
    ];
    let omit_dev =
        args.windows(2).any(|w| w[0] == "--omit" && w[1] == "dev") || flag(&args, &prod_flags);
    let include_dev = flag(
        &args,
        &["--include=dev", "--production=false", "--dev", "-D"],
    );
    // Package names (not option values): `npm install express` adds one package.
    let mut packages = false;
    let mut previous = "";
    for a in &args {
        let option_value = matches!(
            previous,
            "--omit"
                | "--only"
                | "--include"
                | "--registry"
                | "--prefix"
                | "--loglevel"
                | "--cache"
        );
        if !a.starts_with('-') && !option_value {
            packages = true;
        }
        previous = a;
    }
    let is_install = match tool {
        "npm" => {
            matches!(sub, "install" | "i" | "ci" | "add" | "isntall")
                && !flag(&args, &["-g", "--global"])
                && (sub == "ci" || !packages)
        }
        "pnpm" => matches!(sub, "install" | "i") && !flag(&args, &["-g", "--global"]),
        "yarn" => {
            (sub.is_empty() || sub.starts_with('-') || sub == "install")
                && !flag(&args, &["global"])
        }
        _ => false,
    };
    let prunes = match tool {
        "npm" | "pnpm" => sub == "prune" && (omit_dev || flag(&args, &["--prod"])),
        "yarn" => sub == "workspaces" && args.contains(&"focus") && flag(&args, &["--production"]),
        _ => false,
    };
    if prunes {
        return Effect::Prunes;
    }
    if !is_install {
        return Effect::None;
    }
    let yarn_bare_flags =
        tool == "yarn" && sub.starts_with('-') && flag(&[sub], &["--production", "--prod"]);
    if (omit_dev || yarn_bare_flags || production) && !include_dev {
        Effect::InstallsProd
    } else {
        Effect::InstallsDev(words.join(" "))
    }
}

/// The shell commands of a RUN instruction (`a && b; c | d`).
fn commands(instruction: &Instruction) -> Vec<String> {
    if let Some(exec) = instruction.exec_form() {
        return vec![exec.join(" ")];
    }
    let mut args = instruction.args.as_str();
    // BuildKit options: `RUN --mount=type=cache,target=/root/.npm npm ci`.
    while let Some(rest) = args.strip_prefix("--") {
        args = rest
            .split_once(char::is_whitespace)
            .map_or("", |(_, r)| r)
            .trim_start();
    }
    args.split(['\n', ';', '|', '&'])
        .map(|c| c.trim().trim_start_matches('(').trim().to_string())
        .filter(|c| !c.is_empty())
        .collect()
}

/// Runs the instructions of a stage and the stages it builds on.
fn run_stage(df: &Dockerfile, index: usize) -> State {
    let mut state = State::default();
    for arg in &df.global_args {
        apply_env(&mut state, arg);
    }
    for stage in df.lineage(index).into_iter().rev() {
        for instruction in &stage.instructions {
            match instruction.keyword.as_str() {
                "ENV" | "ARG" => apply_env(&mut state, instruction),
                "WORKDIR" => {
                    let dir = instruction.args.trim();
                    state.workdir = if dir.starts_with('/') {
                        dir.trim_end_matches('/').to_string()
                    } else {
                        format!("{}/{}", state.workdir, dir.trim_end_matches('/'))
                    };
                }
                "RUN" => {
                    for command in commands(instruction) {
                        match effect(&command, state.node_env_production) {
                            Effect::InstallsDev(cmd) => {
                                let dir = state.workdir.clone();
                                state.dev_installs.push((instruction.clone(), cmd, dir));
                            }
                            Effect::Prunes => state.dev_installs.clear(),
                            // A production install over a full one removes the
                            // devDependencies it finds (`yarn install --production` after the
                            // build, `npm ci --omit=dev`, `pnpm install --prod`).
                            Effect::InstallsProd => {
                                let dir = &state.workdir;
                                state.dev_installs.retain(|(_, _, d)| d != dir);
                            }
                            Effect::None => {}
                        }
                    }
                }
                _ => {}
            }
        }
    }
    state
}

fn apply_env(state: &mut State, instruction: &Instruction) {
    for (k, v) in env_pairs(&instruction.args) {
        if k == "NODE_ENV" {
            state.node_env_production = v.trim_matches(['"', '\'']) == "production";
        }
    }
}

/// The span of `needle` inside an instruction's text, for a label at the exact command.
fn find_in(file: &SourceFile, range: &Range<usize>, needle: &str) -> Option<Range<usize>> {
    let head: String = needle
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    let text = file.text.get(range.clone())?;
    let at = text.find(&head)?;
    Some(range.start + at..range.start + at + head.len())
}

/// Words of a command that may need devDependencies: a package script, a package binary, a
/// compiler or bundler.
const NEEDS_DEV_PACKAGES: &[&str] = &[
    "npm run",
    "npm test",
    "npm start",
    "npm exec",
    "npx",
    "yarn",
    "pnpm",
    "bun",
    "tsc",
    "node ",
    "nest ",
    "next ",
    "vite",
    "webpack",
    "jest",
    "prisma",
    "ts-node",
    "babel",
];

/// `--omit=dev` does what the image means: the install is a plain `npm ci` / `npm install` of
/// the package (no package names), and nothing after it in the stage runs a package script,
/// binary or compiler that may need devDependencies (`npm run build`, `npx prisma generate`,
/// `tsc`).
fn omit_dev_is_safe(df: &Dockerfile, last: usize, install: &Instruction, command: &str) -> bool {
    let words: Vec<&str> = command.split_whitespace().collect();
    let plain_npm = matches!(words.as_slice(), ["npm", "ci" | "install" | "i", rest @ ..] if rest.iter().all(|w| w.starts_with('-')));
    if !plain_npm {
        return false;
    }
    // The rest of the install's own RUN, after the command.
    let Some(at) = install.args.find(command) else {
        return false;
    };
    let after_command = &install.args[at + command.len()..];
    let later_runs = df.stages[last]
        .instructions
        .iter()
        .filter(|i| i.keyword == "RUN" && i.range.start > install.range.start)
        .map(|i| i.args.as_str());
    !std::iter::once(after_command)
        .chain(later_runs)
        .any(|text| NEEDS_DEV_PACKAGES.iter().any(|w| text.contains(w)))
}

/// True for the image of a tool kept with the scripts (backlint's default `tooling` role:
/// `scripts/translations/Dockerfile`, `tools/lint/Dockerfile`): it runs a developer's or an
/// operator's job, where devDependencies are the tools it needs, not a production server.
fn builds_tooling_image(file: &SourceFile) -> bool {
    let relative: std::path::PathBuf = file
        .relative
        .components()
        .filter(|c| matches!(c, std::path::Component::Normal(_)))
        .collect();
    crate::roles::RolePatterns::defaults()
        .roles_of(&relative, file.text.as_bytes(), None)
        .has(crate::roles::FileRole::Tooling)
}

/// Words that name a development or test image: `Dockerfile.dev`, `dev.Dockerfile`,
/// `Dockerfile.integration`, a final stage `AS development`.
const DEVELOPMENT_NAMES: &[&str] = &[
    "dev",
    "development",
    "develop",
    "local",
    "test",
    "tests",
    "testing",
    "integration",
    "e2e",
];

/// Ports only a development server opens: LiveReload (35729) and the Node inspector (9229).
const DEVELOPMENT_PORTS: &[u16] = &[35729, 9229];

/// True for an image made for development or tests, where devDependencies belong: its file,
/// one of the two directories above it or its final stage is named so, in a word of its
/// name (`Dockerfile.dev`, `dev.Dockerfile`, `Dockerfile.integration`,
/// `docker/development/Dockerfile`, `docker/browser-test/Dockerfile`, `AS development`), its final
/// command starts a development server (`npm run dev`, `vite`, `next dev`, `nodemon`) or a
/// script named so (`scripts/run_dev.sh`), or it exposes a port only a development server
/// opens (LiveReload's 35729, the inspector's 9229).
fn is_development_image(
    path: &std::path::Path,
    relative: &std::path::Path,
    df: &Dockerfile,
    last: usize,
) -> bool {
    let named = |text: &str| {
        text.to_ascii_lowercase()
            .split(['.', '-', '_'])
            .any(|part| DEVELOPMENT_NAMES.contains(&part))
    };
    let mut components = path.components().rev();
    let file_name = components
        .next()
        .and_then(|c| c.as_os_str().to_str())
        .unwrap_or("");
    // The directories of the image, not of the project around it: the two closest to the
    // file (`extras/docker/development/Dockerfile`).
    let in_development_dir = components
        .take(2)
        .filter_map(|c| c.as_os_str().to_str())
        .any(|dir| DEVELOPMENT_NAMES.contains(&dir.to_ascii_lowercase().as_str()))
        // A word of a folder's name (`docker/browser-test/`), inside the project only: the
        // folders around the project are no part of the image's name.
        || relative
            .parent()
            .into_iter()
            .flat_map(|p| p.components().rev().take(2))
            .filter_map(|c| c.as_os_str().to_str())
            .any(named);
    if named(file_name) || in_development_dir || df.stages[last].name.as_deref().is_some_and(named)
    {
        return true;
    }
    if df
        .exposed_ports_in(last)
        .iter()
        .any(|(port, _)| DEVELOPMENT_PORTS.contains(port))
    {
        return true;
    }
    let words: Vec<String> = ["ENTRYPOINT", "CMD"]
        .iter()
        .filter_map(|k| df.last_in(last, k))
        .flat_map(|i| i.words())
        .flat_map(|w| {
            w.split_whitespace()
                .map(|s| s.trim_matches(|c| c == '"' || c == '\'').to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    // A start script named for development: `sh scripts/run/run_dev.sh`.
    let dev_script = words.iter().any(|word| {
        let stem = word.rsplit('/').next().unwrap_or(word);
        let script = [".sh", ".bash", ".js", ".mjs", ".cjs", ".ts", ".py"]
            .iter()
            .find_map(|ext| stem.strip_suffix(ext));
        script.is_some_and(named)
    });
    dev_script || crate::rules::shared::node_start::dev_server(&words).is_some()
}

/// The folders of the build context whose `package.json` a COPY or ADD instruction brings
/// into the image (`COPY package*.json ./` → the context itself, `COPY ./static/package.json
/// static/` → `static`). Copies from another stage or image, and sources that leave the
/// context or use a variable, are not followed.
fn copied_manifest_dirs(df: &Dockerfile) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    let copies = df
        .stages
        .iter()
        .flat_map(|stage| stage.instructions.iter())
        .filter(|i| matches!(i.keyword.as_str(), "COPY" | "ADD"));
    for instruction in copies {
        let words: Vec<&str> = instruction.args.split_whitespace().collect();
        if words.iter().any(|w| w.starts_with("--from=")) {
            continue;
        }
        let operands: Vec<&str> = words
            .iter()
            .filter(|w| !w.starts_with("--"))
            .copied()
            .collect();
        let Some((_, sources)) = operands.split_last() else {
            continue;
        };
        for source in sources {
            let source = source.trim_start_matches("./");
            if source.starts_with('/') || source.contains("..") || source.contains('$') {
                continue;
            }
            let (folder, name) = source.rsplit_once('/').unwrap_or(("", source));
            let manifest = name == "package.json"
                || (name.starts_with("package") && name.ends_with(".json") && name.contains('*'));
            if manifest && !dirs.iter().any(|d| d.as_path() == Path::new(folder)) {
                dirs.push(PathBuf::from(folder));
            }
        }
    }
    dirs
}

impl Rule for DockerfileDevDependencies {
    fn reviews_findings_in_project(&self) -> bool {
        true
    }

    /// The manifests an image installs list no devDependencies and none is a workspace
    /// root: its install has nothing development-only, whatever it runs. Those manifests are
    /// the `package.json` files its COPY instructions bring in from the build context
    /// (`COPY ./static/package*.json /code/static/`), or else the one beside the Dockerfile.
    fn holds_in_project(&self, project: &Project, file: &ProjectFile) -> bool {
        let (Some(dir), Some(df)) = (file.path.parent(), file.facts.docker.as_ref()) else {
            return true;
        };
        let copied: Vec<_> = copied_manifest_dirs(df)
            .iter()
            .filter_map(|sub| project.package_in(&dir.join(sub)))
            .collect();
        if !copied.is_empty() {
            return copied
                .iter()
                .any(|package| package.may_install_dev_packages);
        }
        project
            .package_in(dir)
            .is_none_or(|package| package.may_install_dev_packages)
    }

    fn needles(&self) -> &'static [&'static [&'static str]] {
        &[&["npm", "yarn", "pnpm", "node_modules"]]
    }

    fn check_dockerfile(&self, file: &SourceFile, df: &Dockerfile, out: &mut Findings) {
        let Some(last) = df.stages.len().checked_sub(1) else {
            return;
        };
        if is_development_image(&file.path, &file.relative, df, last) || builds_tooling_image(file)
        {
            return;
        }
        let state = run_stage(df, last);
        for (instruction, command, _) in &state.dev_installs {
            let label = find_in(file, &instruction.range, command);
            let mut report = out
                .report(
                    instruction.range.clone(),
                    format!("`{command}` in the final stage installs devDependencies into the production image"),
                )
                .help(HELP);
            if let Some(label) = label.clone() {
                report = report.label(
                    label,
                    "installs devDependencies: no --omit=dev and NODE_ENV is not production",
                );
            }
            if let Some(at) = label.filter(|_| omit_dev_is_safe(df, last, instruction, command)) {
                report = report.fix(Fix::replace(
                    Applicability::Safe,
                    "install with `--omit=dev`",
                    at.end..at.end,
                    " --omit=dev",
                ));
            }
            drop(report);
        }
        // COPY --from=<stage> of node_modules built with devDependencies.
        for stage in df.lineage(last) {
            for instruction in stage.instructions.iter().filter(|i| i.keyword == "COPY") {
                let words: Vec<&str> = instruction.args.split_whitespace().collect();
                let Some(from) = words.iter().find_map(|w| w.strip_prefix("--from=")) else {
                    continue;
                };
                let Some(source_index) = df
                    .stages
                    .iter()
                    .position(|s| s.name.as_deref() == Some(from))
                    .or_else(|| from.parse::<usize>().ok().filter(|i| *i < df.stages.len()))
                else {
                    continue;
                };
                let sources: Vec<&str> = words
                    .iter()
                    .filter(|w| !w.starts_with("--"))
                    .copied()
                    .collect();
                let Some((_, sources)) = sources.split_last() else {
                    continue;
                };
                let built = run_stage(df, source_index);
                let Some((_, command, dir)) = built.dev_installs.first() else {
                    continue;
                };
                let copies_modules = sources.iter().any(|s| {
                    let s = s.trim_end_matches('/').trim_end_matches("/.");
                    s.ends_with("node_modules") || (!dir.is_empty() && s == dir)
                });
                if !copies_modules {
                    continue;
                }
                out.report(
                    instruction.range.clone(),
                    format!("copies `node_modules` from stage `{from}`, where `{command}` installed devDependencies, into the production image"),
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
    fn classifies_commands() {
        assert!(matches!(effect("npm ci", false), Effect::InstallsDev(_)));
        assert_eq!(effect("npm ci --omit=dev", false), Effect::InstallsProd);
        assert_eq!(effect("npm ci --omit dev", false), Effect::InstallsProd);
        assert_eq!(effect("npm ci --production", false), Effect::InstallsProd);
        assert_eq!(
            effect("NODE_ENV=production npm ci", false),
            Effect::InstallsProd
        );
        assert_eq!(effect("npm ci", true), Effect::InstallsProd);
        assert!(matches!(
            effect("npm ci --include=dev", true),
            Effect::InstallsDev(_)
        ));
        assert!(matches!(effect("yarn", false), Effect::InstallsDev(_)));
        assert!(matches!(
            effect("yarn install --frozen-lockfile", false),
            Effect::InstallsDev(_)
        ));
        assert_eq!(
            effect("yarn install --production --frozen-lockfile", false),
            Effect::InstallsProd
        );
        assert_eq!(effect("pnpm install --prod", false), Effect::InstallsProd);
        assert_eq!(effect("npm install -g pm2", false), Effect::None);
        assert_eq!(effect("npm prune --omit=dev", false), Effect::Prunes);
        assert_eq!(effect("npm run build", false), Effect::None);
        assert_eq!(effect("yarn build", false), Effect::None);
    }
}
