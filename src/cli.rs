//! Command-line interface: `check`, `rules`, `explain`, `init`, `lsp`, `completions`, `man`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Instant;

/// The most worker threads a run starts: more only cost memory and start-up time.
const MAX_THREADS: usize = 256;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};

use crate::config::{Config, Configs};
use crate::diagnostic::{Finding, Severity};
use crate::engine::{self, Engine, RunOutput};
pub use crate::exit::ExitStatus;
use crate::output;
use crate::rules::{self, RuleHeader, RuleMeta};

#[derive(Parser)]
#[command(
    name = "backlint",
    version,
    about = "Static analysis for backend code and deployment config",
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint files and directories (default: the current directory).
    Check(Box<CheckArgs>),
    /// Draw the deployment as backlint understands it: compose projects, networks,
    /// services, listeners, Caddy upstreams and Kubernetes workloads, with what the
    /// topology rules report marked on the edges.
    Topology(TopologyArgs),
    /// List every rule: id, default severity, languages and summary.
    Rules {
        /// Output format: an aligned table, or JSON for tools.
        #[arg(long, value_enum, default_value = "human")]
        format: RulesFormat,
    },
    /// Show a rule's documentation with bad and good examples.
    Explain {
        /// The rule id, e.g. sql-interpolation.
        rule: String,
    },
    /// Write a commented starter backlint.yaml in the current directory.
    Init {
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Run the language server over standard input and output (for editors).
    Lsp,
    /// Print a completion script for a shell (e.g. `backlint completions bash`).
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
    /// Print a manual page in roff: backlint(1), or a subcommand's (`backlint man check >
    /// backlint-check.1`).
    Man {
        /// The subcommand whose page to print (default: the page of backlint itself).
        subcommand: Option<String>,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum RulesFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Human,
    Json,
    Sarif,
    Github,
    Gitlab,
    Junit,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum TopologyFormat {
    /// An indented tree for a terminal.
    Text,
    /// A Mermaid `flowchart` (rendered by GitHub and GitLab in Markdown).
    Mermaid,
    /// Graphviz DOT.
    Dot,
    /// The model, for tools (fields documented in the README).
    Json,
}

#[derive(Args)]
struct TopologyArgs {
    /// The project or directory to draw.
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: TopologyFormat,
    /// When to color text output (as `check --color`).
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorMode,
    /// Configuration file (default: backlint.yaml or .backlint.yaml found upwards).
    #[arg(long)]
    config: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FailLevel {
    Error,
    Warning,
    Info,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ColorMode {
    Auto,
    Always,
    Never,
}

#[derive(Args)]
struct CheckArgs {
    /// Files or directories to lint.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// When to color human output (`auto`: on a terminal, or when FORCE_COLOR or
    /// CLICOLOR_FORCE is set; never when NO_COLOR is set).
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorMode,
    /// Exit 0 even when there are findings (2 still means a usage or configuration error).
    #[arg(long)]
    exit_zero: bool,
    /// Print the findings only, without the summary line.
    #[arg(short, long)]
    quiet: bool,
    /// Print how many findings each rule has, most first, instead of the findings (human
    /// or json format).
    #[arg(long)]
    statistics: bool,
    /// Run only these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',')]
    select: Option<Vec<String>>,
    /// Do not run these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// Configuration file (default: backlint.yaml or .backlint.yaml found upwards).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Worker threads (default: the number of CPUs).
    #[arg(long)]
    threads: Option<usize>,
    /// Also run the rules in preview (off by default until real code shows them quiet).
    #[arg(long)]
    preview: bool,
    /// Lint files named on the command line even when the configuration's `exclude` matches
    /// them (by default `exclude` applies to named files too, as pre-commit hooks name them).
    #[arg(long)]
    no_force_exclude: bool,
    /// Print the resolved configuration for FILE (config file, each rule's severity,
    /// excludes, test files, file roles, and where FILE stands among them) and exit.
    #[arg(long, value_name = "FILE")]
    show_settings: Option<PathBuf>,
    /// Print timing and file counts to stderr.
    #[arg(long)]
    stats: bool,
    /// Do not read or write the result cache (by default `check` keeps per-file results
    /// in `.backlint_cache/` at the project root and re-reads only files that changed).
    #[arg(long)]
    no_cache: bool,
    /// Keep the result cache in DIR (default: the BACKLINT_CACHE_DIR environment
    /// variable, else the configuration's `cache-dir`, else `.backlint_cache/` at the
    /// project root).
    #[arg(long, value_name = "DIR")]
    cache_dir: Option<PathBuf>,
    /// The lowest severity that makes the exit code 1 (default: warning, or the config's
    /// `fail-level`).
    #[arg(long, value_enum)]
    fail_level: Option<FailLevel>,
    /// Record today's findings in FILE and exit 0 (adopting backlint on existing code).
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Lint only files git reports changed since REF (committed, staged or not).
    #[arg(long, value_name = "REF", conflicts_with = "staged")]
    changed_since: Option<String>,
    /// Lint only the files staged for commit.
    #[arg(long)]
    staged: bool,
    /// Lint standard input as if it were the file at PATH.
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
    /// Apply the safe fixes (and the unsafe ones with --unsafe-fixes), then report what is
    /// left.
    #[arg(long)]
    fix: bool,
    /// Count unsafe fixes as fixable, and apply them with --fix, --fix-only or --diff.
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print the unified diff of what --fix would change, write nothing, and exit 1 when
    /// there is a change.
    #[arg(long)]
    diff: bool,
    /// Apply fixes as --fix does, without reporting the findings that remain (exit 0).
    #[arg(long)]
    fix_only: bool,
}

/// What the fix loop leaves: the last run's findings, the files changed (old and new text,
/// by the path findings give them), how many fixes were applied, and notes for stderr.
struct FixOutcome {
    result: RunOutput,
    changed: std::collections::BTreeMap<std::sync::Arc<str>, (String, String)>,
    fixed: usize,
    notes: Vec<String>,
}

/// Applies the fixes of one pass, re-lints with the new texts, and repeats until no fix
/// applies (at most `fix::MAX_PASSES` passes). Nothing is written here: the new texts are
/// linted as overlays. Only files the run reports on are edited: in a partial run (named
/// files, `--changed-since`) a fix that also edits another file is shown, not applied.
fn fix_loop(
    engine: &mut Engine,
    paths: &[PathBuf],
    threads: usize,
    policy: crate::fix::Policy,
    first: RunOutput,
    baseline: Option<&Baseline>,
) -> FixOutcome {
    let mut outcome = FixOutcome {
        result: first,
        changed: std::collections::BTreeMap::new(),
        fixed: 0,
        notes: Vec::new(),
    };
    if paths.is_empty() {
        return outcome;
    }
    for _ in 0..crate::fix::MAX_PASSES {
        let writable: std::collections::BTreeSet<std::sync::Arc<str>> =
            outcome.result.checked.iter().cloned().collect();
        // Findings the baseline records are accepted as they are: their fixes wait for a
        // run without the baseline.
        let reported = match baseline {
            Some(baseline) => {
                let mut reported = outcome.result.findings.clone();
                remove_baselined(&mut reported, baseline);
                std::borrow::Cow::Owned(reported)
            }
            None => std::borrow::Cow::Borrowed(&outcome.result.findings),
        };
        let pass = crate::fix::pass(&reported, &outcome.result.sources, &writable, policy);
        for note in pass.refused {
            if !outcome.notes.contains(&note) {
                outcome.notes.push(note);
            }
        }
        if pass.applied == 0 || pass.texts.is_empty() {
            break;
        }
        outcome.fixed += pass.applied;
        for (path, new) in pass.texts {
            let old = outcome
                .result
                .sources
                .get(&path)
                .map(|t| t.to_string())
                .unwrap_or_default();
            engine.set_overlay(std::path::Path::new(&*path), new.clone().into_bytes());
            outcome
                .changed
                .entry(path)
                .and_modify(|(_, latest)| *latest = new.clone())
                .or_insert((old, new));
        }
        match engine.run(paths, threads) {
            Ok(result) => outcome.result = result,
            Err(err) => {
                outcome.notes.push(format!("error: invalid config: {err}"));
                break;
            }
        }
    }
    outcome.changed.retain(|_, (old, new)| old != new);
    outcome
}

/// Parses the arguments and runs the command.
pub fn run(args: Vec<std::ffi::OsString>) -> ExitStatus {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return if err.use_stderr() {
                ExitStatus::Error
            } else {
                ExitStatus::Success
            };
        }
    };
    // Linting needs only the rules' headers; the other commands their whole metadata.
    let headers = || rules::headers().map_err(|err| fail(&embedded_metadata_error(&err)));
    let metadata = || rules::metadata().map_err(|err| fail(&embedded_metadata_error(&err)));
    match cli.command {
        Command::Check(args) => match headers() {
            Ok(headers) => check(*args, headers),
            Err(status) => status,
        },
        Command::Topology(args) => match headers() {
            Ok(headers) => topology(args, headers),
            Err(status) => status,
        },
        Command::Rules { format } => match metadata() {
            Ok(meta) => {
                let text = match format {
                    RulesFormat::Human => rules_table(meta),
                    RulesFormat::Json => rules_json(meta),
                };
                let _ = std::io::stdout().lock().write_all(text.as_bytes());
                ExitStatus::Success
            }
            Err(status) => status,
        },
        Command::Explain { rule } => match metadata() {
            Ok(meta) => match meta.iter().find(|m| m.id == rule) {
                Some(m) => {
                    let mut stdout = std::io::stdout().lock();
                    let _ = stdout.write_all(crate::docs::rule_page(m).as_bytes());
                    ExitStatus::Success
                }
                None => fail(&unknown_rule(&rule)),
            },
            Err(status) => status,
        },
        Command::Init { force } => init(force),
        Command::Lsp => match headers() {
            Ok(headers) => crate::lsp::serve(headers),
            Err(status) => status,
        },
        Command::Completions { shell } => {
            // Generated whole first: the generator gives up with a panic on a closed pipe.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "backlint", &mut script);
            match std::io::stdout().lock().write_all(&script) {
                Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => {
                    fail(&format!("cannot write output: {err}"))
                }
                _ => ExitStatus::Success,
            }
        }
        Command::Man { subcommand } => {
            let mut command = Cli::command();
            command.build();
            let page_of = match &subcommand {
                None => command,
                Some(name) => match command.find_subcommand(name) {
                    Some(sub) => sub.clone(),
                    None => {
                        let names: Vec<&str> =
                            command.get_subcommands().map(|c| c.get_name()).collect();
                        return fail(&format!(
                            "no subcommand `{name}` (one of: {})",
                            names.join(", ")
                        ));
                    }
                },
            };
            let mut page = Vec::new();
            if let Err(err) = clap_mangen::Man::new(page_of).render(&mut page) {
                return fail(&format!("cannot render the manual page: {err}"));
            }
            match std::io::stdout().lock().write_all(&page) {
                Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => {
                    fail(&format!("cannot write output: {err}"))
                }
                _ => ExitStatus::Success,
            }
        }
    }
}

/// The starter configuration `backlint init` writes.
pub const STARTER_CONFIG: &str = r#"# backlint configuration. Every key is optional. It applies to the files below this
# directory, up to a nearer backlint.yaml (which replaces it unless it extends it).

# Take every key this file does not set from another configuration (relative to this file,
# inside the project); `rules` are merged rule by rule.
# extends: ../backlint.yaml

# Rule severities: off | info | warning | error (`backlint rules` lists the ids).
rules:
  # sql-interpolation: error
  # compose-depends-on-unhealthy: off

# Paths never linted (gitignore-style patterns, relative to this file).
exclude:
  # - legacy/
  # - "**/generated/**"

# Settings for some paths only; the last matching entry wins.
overrides:
  # - files: ["scripts/", "**/*.seed.ts"]
  #   rules:
  #     n-plus-one-query: off

# Where tests and fixtures live: gitignore-style patterns replacing the default list
# (test/, tests/, spec/, *.test.*, test_*.py ...); [] makes every file an ordinary one.
# Rules about served code skip test code there (`backlint explain RULE` says what each does).
# test-files:
#   - test/
#   - "**/*.spec.ts"

# Code no request runs, by role: browser-code (static/, public/, client/, frontend/, *.tsx,
# UI framework imports, the scripts of a package.json that depends on a UI framework and on
# no server), tooling (migrations, scripts/, bin/, benchmarks/, *.config.js,
# __main__ scripts), dev-data (seeds, mocks, examples, docs, demos, test support),
# translations (i18n/, locales/), vendored (vendor/, third_party/, UMD library builds). Rules
# about served code skip these (`Skips:` in `backlint explain RULE`). A list replaces that
# role's defaults.
# file-roles:
#   tooling: [migrations/, scripts/]
#   browser-code: []

# The lowest severity that makes `backlint check` exit 1: error | warning | info.
# fail-level: warning

# Require a reason in every suppression: `backlint-ignore RULE -- reason`.
# require-suppression-reason: true

# Where `check` keeps its result cache: a directory inside the project root, relative to
# this file (default: .backlint_cache).
# cache-dir: .backlint_cache
"#;

fn topology(args: TopologyArgs, headers: &[RuleHeader]) -> ExitStatus {
    if !args.path.exists() {
        return fail(&format!("path `{}` does not exist", args.path.display()));
    }
    // As `check`: `--config FILE` for every file, else each file's nearest configuration.
    let configs = match &args.config {
        Some(path) if !path.is_file() => {
            return fail(&format!("config file `{}` does not exist", path.display()));
        }
        Some(path) => match Config::load(path) {
            Ok(config) => Configs::fixed(config),
            Err(err) => return fail(&format!("invalid config: {err}")),
        },
        None => Configs::discovered(),
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(MAX_THREADS);
    engine::install_panic_hook();
    let mut engine = Engine::with_configs(headers, None, &[], configs);
    let (model, output) =
        match crate::topology_view::run(&mut engine, std::slice::from_ref(&args.path), threads) {
            Ok(viewed) => viewed,
            Err(err) => return fail(&format!("invalid config: {err}")),
        };
    for note in &output.notes {
        let _ = writeln!(std::io::stderr(), "{note}");
    }
    let written = match args.format {
        TopologyFormat::Text => {
            let mut stdout = StandardStream::stdout(color_choice(args.color));
            crate::topology_view::text::write(&model, &mut stdout)
        }
        TopologyFormat::Mermaid => std::io::stdout()
            .lock()
            .write_all(crate::topology_view::graph::mermaid(&model).as_bytes()),
        TopologyFormat::Dot => std::io::stdout()
            .lock()
            .write_all(crate::topology_view::graph::dot(&model).as_bytes()),
        TopologyFormat::Json => match serde_json::to_string_pretty(&model) {
            Ok(text) => std::io::stdout()
                .lock()
                .write_all(format!("{text}\n").as_bytes()),
            Err(err) => return fail(&format!("cannot write output: {err}")),
        },
    };
    match written {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => {
            fail(&format!("cannot write output: {err}"))
        }
        _ => ExitStatus::Success,
    }
}

fn init(force: bool) -> ExitStatus {
    let path = std::path::Path::new("backlint.yaml");
    if path.exists() && !force {
        return fail("backlint.yaml already exists (use --force to overwrite)");
    }
    let text = format!(
        "# yaml-language-server: $schema={}\n{STARTER_CONFIG}",
        crate::config::SCHEMA_URL
    );
    match std::fs::write(path, text) {
        Ok(()) => {
            let _ = writeln!(std::io::stdout(), "wrote backlint.yaml");
            ExitStatus::Success
        }
        Err(err) => fail(&format!("cannot write backlint.yaml: {err}")),
    }
}

/// `check --show-settings FILE`: the configuration that applies to FILE (the file
/// `--config` names, or the nearest above FILE and the files it extends).
fn show_settings(
    file: &std::path::Path,
    mut configs: Configs,
    headers: &[RuleHeader],
) -> ExitStatus {
    let absolute = crate::root::absolute(file).unwrap_or_else(|| file.to_path_buf());
    let root = crate::root::project_root(&absolute);
    let dir = absolute.parent().unwrap_or(&absolute).to_path_buf();
    let index = match configs.resolve(&dir, &root) {
        Ok(index) => index,
        Err(err) => return fail(&format!("invalid config: {err}")),
    };
    let bytes = match crate::root::read_bounded(file) {
        crate::root::Read::Bytes(bytes) => bytes,
        _ => Vec::new(),
    };
    let relative = crate::root::project_relative(file)
        .map(PathBuf::from)
        .unwrap_or_else(|| file.to_path_buf());
    let excluded = configs.is_excluded(&absolute);
    let text = configs
        .get(index)
        .describe_for(file, &relative, &bytes, excluded, headers);
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    ExitStatus::Success
}

/// Files git reports changed, relative to the current directory.
fn git_changed(since: Option<&str>) -> Result<Vec<PathBuf>, String> {
    let option = if since.is_some() {
        "--changed-since"
    } else {
        "--staged"
    };
    let inside = std::process::Command::new("git")
        .args(["rev-parse", "--is-inside-work-tree"])
        .stderr(std::process::Stdio::null())
        .output()
        .map_err(|e| format!("{option} needs git, which cannot be run: {e}"))?;
    if !inside.status.success() {
        return Err(format!(
            "{option} needs a git repository, and this directory is not inside one"
        ));
    }
    let git = |args: &[&str]| -> Result<Vec<PathBuf>, String> {
        let out = std::process::Command::new("git")
            .args(args)
            .output()
            .map_err(|e| format!("cannot run git: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "git {} failed: {}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        Ok(String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|l| !l.is_empty())
            .map(PathBuf::from)
            .collect())
    };
    let mut files = match since {
        Some(reference) => {
            let mut f = git(&[
                "diff",
                "--name-only",
                "--relative",
                "--diff-filter=ACMRT",
                reference,
            ])?;
            f.extend(git(&["ls-files", "--others", "--exclude-standard"])?);
            f
        }
        None => git(&[
            "diff",
            "--cached",
            "--name-only",
            "--relative",
            "--diff-filter=ACMRT",
        ])?,
    };
    files.sort();
    files.dedup();
    files.retain(|f| f.is_file());
    Ok(files)
}

/// The baseline format: 2 stores paths relative to the project root.
const BASELINE_VERSION: u32 = 2;

/// A finding's path as a baseline stores it: relative to its project's root, so that the
/// baseline holds from any directory.
fn baseline_path(shown: &str) -> String {
    crate::root::project_relative(std::path::Path::new(shown)).unwrap_or_else(|| shown.to_string())
}

/// Removes the findings the baseline records (each entry once) and returns how many of its
/// entries matched none.
fn remove_baselined(findings: &mut Vec<Finding>, baseline: &Baseline) -> usize {
    let mut known: std::collections::BTreeMap<(String, String, String), usize> =
        std::collections::BTreeMap::new();
    // Version 1 stored paths as shown; later versions relative to the project root.
    let relative = baseline.version >= 2;
    for e in &baseline.findings {
        *known
            .entry((e.rule.clone(), e.path.clone(), e.fingerprint.clone()))
            .or_insert(0) += 1;
    }
    findings.retain(|f| {
        let path = if relative {
            baseline_path(&f.path)
        } else {
            f.path.to_string()
        };
        let key = (f.rule.to_string(), path, f.fingerprint.clone());
        match known.get_mut(&key) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        }
    });
    known.values().sum()
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Baseline {
    version: u32,
    findings: Vec<BaselineEntry>,
}

#[derive(serde::Serialize, serde::Deserialize, PartialEq, Eq, PartialOrd, Ord)]
struct BaselineEntry {
    rule: String,
    path: String,
    fingerprint: String,
}

fn fail(message: &str) -> ExitStatus {
    let _ = writeln!(std::io::stderr(), "error: {message}");
    ExitStatus::Error
}

fn unknown_rule(id: &str) -> String {
    match rules::suggest(id) {
        Some(s) => format!("unknown rule `{id}`; did you mean `{s}`?"),
        None => format!("unknown rule `{id}`; `backlint rules` lists them"),
    }
}

fn embedded_metadata_error(err: &str) -> String {
    format!("internal error in embedded rule metadata: {err}")
}

/// Where `check` keeps its result cache: off with `--no-cache` and when fixing, else `--cache-dir`, else
/// `BACKLINT_CACHE_DIR`, else the `cache-dir` of the project's configuration, else the project root.
fn cache_location(args: &CheckArgs) -> engine::CacheLocation {
    // Fixes rewrite the files they lint (and `--diff` writes nothing).
    if args.no_cache || args.fix || args.fix_only || args.diff {
        return engine::CacheLocation::Off;
    }
    if let Some(dir) = &args.cache_dir {
        return engine::CacheLocation::Dir(dir.clone());
    }
    match std::env::var_os("BACKLINT_CACHE_DIR").filter(|d| !d.is_empty()) {
        Some(dir) => engine::CacheLocation::Dir(PathBuf::from(dir)),
        None => engine::CacheLocation::ProjectRoot,
    }
}

fn check(args: CheckArgs, headers: &[RuleHeader]) -> ExitStatus {
    let started = Instant::now();
    if args.statistics && !matches!(args.format, Format::Human | Format::Json) {
        return fail("--statistics prints in the human or json format only");
    }
    for id in args.select.iter().flatten().chain(&args.ignore) {
        if rules::index_of(id).is_none() {
            return fail(&unknown_rule(id));
        }
    }
    let mut paths = args.paths.clone();
    if let Some(since) = args.changed_since.as_deref() {
        match git_changed(Some(since)) {
            Ok(files) => paths = files,
            Err(err) => return fail(&err),
        }
    } else if args.staged {
        match git_changed(None) {
            Ok(files) => paths = files,
            Err(err) => return fail(&err),
        }
    }
    // `--staged` lints what is staged, which may differ from the working tree.
    let mut staged_texts = Vec::new();
    if args.staged {
        for path in &paths {
            let spec = format!(":./{}", path.to_string_lossy());
            match std::process::Command::new("git")
                .args(["show", &spec])
                .stderr(std::process::Stdio::null())
                .output()
            {
                Ok(out) if out.status.success() => staged_texts.push((path.clone(), out.stdout)),
                _ => {}
            }
        }
    }
    let mut stdin_text = None;
    if let Some(name) = &args.stdin_filename {
        let mut buffer = Vec::new();
        if let Err(err) = std::io::Read::read_to_end(&mut std::io::stdin(), &mut buffer) {
            return fail(&format!("cannot read standard input: {err}"));
        }
        stdin_text = Some(buffer);
        paths = vec![name.clone()];
    } else {
        for path in &paths {
            if !path.exists() {
                return fail(&format!("path `{}` does not exist", path.display()));
            }
        }
    }
    let baseline = match &args.baseline {
        Some(path) => match std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|t| serde_json::from_str::<Baseline>(&t).map_err(|e| e.to_string()))
        {
            Ok(b) => Some(b),
            Err(err) => return fail(&format!("invalid baseline `{}`: {err}", path.display())),
        },
        None => None,
    };
    if let Some(file) = &args.show_settings {
        if !file.is_file() {
            return fail(&format!("`{}` is not a file", file.display()));
        }
        paths = vec![file.clone()];
    }
    // `--config FILE` is the configuration of every file; otherwise each file has the
    // nearest one above it, found as the run meets its directories.
    let mut configs = match &args.config {
        Some(path) => {
            if !path.is_file() {
                return fail(&format!("config file `{}` does not exist", path.display()));
            }
            match Config::load(path) {
                Ok(config) => Configs::fixed(config),
                Err(err) => return fail(&format!("invalid config: {err}")),
            }
        }
        None => Configs::discovered(),
    };
    if args.preview {
        configs.force_preview();
    }
    if let Some(file) = &args.show_settings {
        return show_settings(file, configs, headers);
    }
    let mut threads = args
        .threads
        .filter(|n| *n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    if threads > MAX_THREADS {
        let _ = writeln!(
            std::io::stderr(),
            "note: --threads {threads} is more than backlint runs; using {MAX_THREADS}"
        );
        threads = MAX_THREADS;
    }

    engine::install_panic_hook();
    // `--fail-level` for every finding; otherwise the `fail-level` of the configuration
    // that governs the finding's file.
    let fail_level = args.fail_level.map(|level| match level {
        FailLevel::Error => Severity::Error,
        FailLevel::Warning => Severity::Warning,
        FailLevel::Info => Severity::Info,
    });
    let mut engine = Engine::with_configs(headers, args.select.as_deref(), &args.ignore, configs);
    engine.set_rule_timing(args.stats);
    engine.set_force_exclude(!args.no_force_exclude);
    engine.set_cache(cache_location(&args));
    if let (Some(name), Some(text)) = (&args.stdin_filename, stdin_text) {
        engine.set_overlay(name, text);
    }
    for (path, text) in staged_texts {
        engine.set_overlay(&path, text);
    }
    engine.set_process_ends_after_run();
    // `--changed-since` / `--staged` with nothing changed: nothing to report.
    let mut result = if paths.is_empty() {
        RunOutput::default()
    } else {
        match engine.run(&paths, threads) {
            Ok(result) => result,
            Err(err) => return fail(&format!("invalid config: {err}")),
        }
    };
    let fix_policy = crate::fix::Policy {
        unsafe_fixes: args.unsafe_fixes,
    };
    let fixing = args.fix || args.fix_only || args.diff;
    let mut fixed = 0;
    if fixing {
        if args.staged || args.stdin_filename.is_some() || args.write_baseline.is_some() {
            return fail(
                "--fix, --fix-only and --diff edit files on disk: they cannot be combined with --staged, --stdin-filename or --write-baseline",
            );
        }
        let outcome = fix_loop(
            &mut engine,
            &paths,
            threads,
            fix_policy,
            result,
            baseline.as_ref(),
        );
        result = outcome.result;
        fixed = outcome.fixed;
        let mut stderr = std::io::stderr().lock();
        for note in &outcome.notes {
            let _ = writeln!(stderr, "{}", output::escape::text(note));
        }
        drop(stderr);
        if args.diff {
            let mut text = String::new();
            for (path, (old, new)) in &outcome.changed {
                text.push_str(&crate::fix::diff::unified(path, old, new));
            }
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            let _ = writeln!(
                std::io::stderr(),
                "Would fix {fixed} finding{}",
                if fixed == 1 { "" } else { "s" }
            );
            return if outcome.changed.is_empty() {
                ExitStatus::Success
            } else {
                ExitStatus::Failure
            };
        }
        for (path, (_, new)) in &outcome.changed {
            if let Err(err) = std::fs::write(&**path, new) {
                return fail(&format!("cannot write `{path}`: {err}"));
            }
        }
        if args.fix_only {
            let remaining = crate::fix::Fixable::of(&result.findings, fix_policy);
            let _ = writeln!(
                std::io::stdout(),
                "{}",
                output::human::fix_summary(fixed, remaining)
            );
            return ExitStatus::Success;
        }
    }
    if let Some(path) = &args.write_baseline {
        let mut findings: Vec<BaselineEntry> = result
            .findings
            .iter()
            .map(|f| BaselineEntry {
                rule: f.rule.to_string(),
                path: baseline_path(&f.path),
                fingerprint: f.fingerprint.clone(),
            })
            .collect();
        findings.sort();
        let baseline = Baseline {
            version: BASELINE_VERSION,
            findings,
        };
        let text = serde_json::to_string_pretty(&baseline).unwrap_or_default();
        if let Err(err) = std::fs::write(path, text + "\n") {
            return fail(&format!(
                "cannot write baseline `{}`: {err}",
                path.display()
            ));
        }
        let _ = writeln!(
            std::io::stderr(),
            "wrote {} finding(s) to {}",
            baseline.findings.len(),
            path.display()
        );
        return ExitStatus::Success;
    }
    if let Some(baseline) = &baseline {
        let gone = remove_baselined(&mut result.findings, baseline);
        // In a partial run the findings of other files were not looked for.
        let partial =
            args.staged || args.changed_since.is_some() || !paths.iter().all(|p| p.is_dir());
        if gone > 0 && !partial {
            result.notes.push(format!(
                "note: {gone} baselined finding(s) no longer occur; `--write-baseline` drops them"
            ));
        }
    }

    let mut stderr = std::io::stderr().lock();
    for note in &result.notes {
        // Notes name files, whose names may hold control characters.
        let _ = writeln!(stderr, "{}", output::escape::text(note));
    }
    // Paths named by hand that hold nothing backlint reads: a typo'd directory, or a
    // project in a language backlint does not check. (Git's lists may rightly hold none.)
    let named_by_hand =
        args.stdin_filename.is_none() && !args.staged && args.changed_since.is_none();
    if named_by_hand && result.files_checked == 0 {
        let _ = writeln!(stderr, "{}", no_files_warning(&paths));
    }
    drop(stderr);

    let output_started = Instant::now();
    let write_result = match args.format {
        _ if args.statistics => {
            write_statistics(&result, args.format, color_choice(args.color), fix_policy).and_then(
                |()| {
                    if matches!(args.format, Format::Human) && !args.quiet {
                        let mut stdout = StandardStream::stdout(color_choice(args.color));
                        output::human::write_summary(&mut stdout, &result, started.elapsed())
                    } else {
                        Ok(())
                    }
                },
            )
        }
        Format::Json => std::io::stdout()
            .lock()
            .write_all(output::json::render(&result).as_bytes()),
        Format::Sarif => match rules::metadata() {
            Ok(meta) => std::io::stdout()
                .lock()
                .write_all(output::sarif::render(&result, meta).as_bytes()),
            Err(err) => return fail(&embedded_metadata_error(&err)),
        },
        Format::Github => std::io::stdout()
            .lock()
            .write_all(output::ci::github(&result).as_bytes()),
        Format::Gitlab => std::io::stdout()
            .lock()
            .write_all(output::ci::gitlab(&result).as_bytes()),
        Format::Junit => std::io::stdout()
            .lock()
            .write_all(output::ci::junit(&result).as_bytes()),
        Format::Human => {
            let mut stdout = StandardStream::stdout(color_choice(args.color));
            let fixes = output::human::FixView {
                fixed: fixing.then_some(fixed),
                fixable: crate::fix::Fixable::of(&result.findings, fix_policy),
                policy: fix_policy,
            };
            output::human::render(&mut stdout, &result, &fixes, started.elapsed(), !args.quiet)
        }
    };
    if let Err(err) = write_result {
        if err.kind() != std::io::ErrorKind::BrokenPipe {
            return fail(&format!("cannot write output: {err}"));
        }
    }
    if args.stats {
        print_stats(&result, output_started.elapsed(), started.elapsed());
    }
    let fails = |f: &engine::Finding| {
        let level = fail_level.unwrap_or_else(|| {
            engine
                .config_for(std::path::Path::new(&*f.path))
                .fail_level
                .unwrap_or(Severity::Warning)
        });
        f.severity >= level
    };
    if result.findings.iter().any(fails) && !args.exit_zero {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}

fn print_stats(result: &RunOutput, output_time: std::time::Duration, total: std::time::Duration) {
    let s = &result.stats;
    let mut err = std::io::stderr().lock();
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    let _ = writeln!(err, "backlint stats ({} threads)", s.threads);
    let _ = writeln!(err, "  files by kind:");
    for (kind, (count, bytes)) in &s.files_by_kind {
        let _ = writeln!(err, "    {kind:<12} {count:>7} files {bytes:>12} bytes");
    }
    let _ = writeln!(err, "  files checked:          {}", result.files_checked);
    let _ = writeln!(err, "  skipped by prefilter:   {}", s.skipped_prefilter);
    let _ = writeln!(
        err,
        "  test code:              {} (not checked by rules about served code)",
        s.test_code
    );
    let _ = writeln!(
        err,
        "  parsed:                 {} ({} bytes; {} for project facts or suppressions only, {} on demand for function summaries)",
        s.parsed, s.parsed_bytes, s.parsed_for_facts, s.parsed_on_demand
    );
    match &s.cache {
        Some(cache) => {
            let _ = writeln!(
                err,
                "  cache:                  {} files from the cache ({} entries read in {:.1} ms; {} in {:.1} ms) in {}",
                cache.hits,
                cache.loaded,
                ms(cache.load),
                if cache.written {
                    "written"
                } else {
                    "unchanged"
                },
                ms(cache.store),
                cache.dir.display()
            );
        }
        None => {
            let _ = writeln!(err, "  cache:                  off");
        }
    }
    if let Some(listing) = &s.listing {
        let _ = if listing.kept {
            writeln!(
                err,
                "  file list:              kept ({} paths unchanged, checked in {:.1} ms)",
                listing.watched,
                ms(listing.time)
            )
        } else {
            writeln!(
                err,
                "  file list:              walked ({:.1} ms)",
                ms(listing.time)
            )
        };
    }
    let _ = writeln!(err, "  skipped binary:         {}", s.skipped_binary);
    let _ = writeln!(err, "  skipped over 5 MB:      {}", s.skipped_large);
    let _ = writeln!(err, "  unreadable:             {}", s.unreadable);
    let _ = writeln!(err, "  wall time (ms):");
    let _ = writeln!(err, "    discovery             {:>10.1}", ms(s.discovery));
    let _ = writeln!(err, "    lint (all files)      {:>10.1}", ms(s.lint_wall));
    let _ = writeln!(
        err,
        "    project phase         {:>10.1}  (after {} rounds of following includes)",
        ms(s.project),
        s.include_rounds
    );
    let _ = writeln!(err, "    output                {:>10.1}", ms(output_time));
    let _ = writeln!(err, "    total                 {:>10.1}", ms(total));
    let _ = writeln!(err, "  time summed over threads (ms):");
    let _ = writeln!(err, "    read                  {:>10.1}", ms(s.read));
    let _ = writeln!(err, "    prefilter             {:>10.1}", ms(s.prefilter));
    let _ = writeln!(err, "    parse                 {:>10.1}", ms(s.parse));
    let _ = writeln!(err, "    rules                 {:>10.1}", ms(s.rules));
    let _ = writeln!(err, "  by rule (files, ms in the rule; slowest first):");
    let mut by_rule = s.by_rule.clone();
    by_rule.sort_by(|a, b| b.2.cmp(&a.2).then(b.1.cmp(&a.1)).then(a.0.cmp(b.0)));
    for (id, files, time) in by_rule {
        let _ = writeln!(err, "    {id:<32} {files:>7} {:>10.1}", ms(time));
    }
    let _ = writeln!(err, "  by fact collector (files, ms; summed over threads):");
    for (fact, files, time) in &s.by_collector {
        let _ = writeln!(err, "    {fact:<32} {files:>7} {:>10.1}", ms(*time));
    }
    let _ = writeln!(err, "  project phase (ms; slowest first):");
    for (model, time) in &s.project_models {
        let _ = writeln!(err, "    model: {model:<25} {:>18.1}", ms(*time));
    }
    let mut by_project_rule = s.by_project_rule.clone();
    by_project_rule.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    for (id, time) in by_project_rule.iter().filter(|(_, t)| t.as_micros() >= 10) {
        let _ = writeln!(err, "    {id:<32} {:>18.1}", ms(*time));
    }
}

/// The `rules` table: each column as wide as its longest cell, the summary last.
fn rules_table(meta: &[RuleMeta]) -> String {
    let header = ["RULE", "SEVERITY", "DEFAULT", "LANGUAGES", "SUMMARY"];
    let rows: Vec<[String; 5]> = meta
        .iter()
        .map(|m| {
            let langs: Vec<&str> = m.languages.iter().map(|l| l.as_str()).collect();
            [
                m.id.clone(),
                m.severity.as_str().to_string(),
                m.default.as_str().to_string(),
                langs.join(" "),
                m.summary.clone(),
            ]
        })
        .collect();
    let mut widths = header.map(str::len);
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut text = String::new();
    let header_row = header.map(str::to_string);
    for row in std::iter::once(&header_row).chain(&rows) {
        for (column, cell) in row.iter().enumerate() {
            if column + 1 == row.len() {
                text.push_str(cell);
            } else {
                let pad = widths[column] - cell.chars().count();
                text.push_str(cell);
                text.push_str(&" ".repeat(pad + 2));
            }
        }
        text.push('\n');
    }
    text
}

/// One rule in `rules --format json`.
#[derive(serde::Serialize)]
struct RuleListing<'m> {
    id: &'m str,
    severity: &'static str,
    /// `on`, `off` or `preview`.
    default: &'static str,
    languages: Vec<&'static str>,
    summary: &'m str,
    url: String,
}

/// `rules --format json`: one object per rule.
fn rules_json(meta: &[RuleMeta]) -> String {
    let rules: Vec<RuleListing> = meta
        .iter()
        .map(|m| RuleListing {
            id: &m.id,
            severity: m.severity.as_str(),
            default: m.default.as_str(),
            languages: m.languages.iter().map(|l| l.as_str()).collect(),
            summary: &m.summary,
            url: crate::docs::rule_url(&m.id),
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&rules).unwrap_or_default();
    text.push('\n');
    text
}

/// Colours of human output: an explicit `--color` decides; otherwise `NO_COLOR` turns them
/// off, `FORCE_COLOR` (non-empty) or `CLICOLOR_FORCE` (not `0`) turns them on, and a
/// terminal on standard output gets them.
fn color_choice(mode: ColorMode) -> ColorChoice {
    match mode {
        ColorMode::Always => ColorChoice::Always,
        ColorMode::Never => ColorChoice::Never,
        ColorMode::Auto => {
            let set = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
            if std::env::var_os("NO_COLOR").is_some() {
                ColorChoice::Never
            } else if set("FORCE_COLOR").is_some()
                || set("CLICOLOR_FORCE").is_some_and(|v| v != "0")
            {
                ColorChoice::Always
            } else if std::io::stdout().is_terminal() {
                ColorChoice::Auto
            } else {
                ColorChoice::Never
            }
        }
    }
}

/// One rule's share of the findings, for `--statistics`.
struct RuleCount {
    rule: &'static str,
    count: usize,
    /// The highest severity among its findings (overrides may lower some).
    severity: Severity,
    /// How many have a fix this run would apply (`--fix`, or `--unsafe-fixes`).
    fixable: usize,
}

/// Findings counted by rule: most first, then by rule id.
fn rule_counts(result: &RunOutput, policy: crate::fix::Policy) -> Vec<RuleCount> {
    let mut by_rule: std::collections::BTreeMap<&'static str, (usize, Severity, usize)> =
        std::collections::BTreeMap::new();
    for f in &result.findings {
        let entry = by_rule.entry(f.rule).or_insert((0, f.severity, 0));
        entry.0 += 1;
        entry.1 = entry.1.max(f.severity);
        if f.fix
            .as_ref()
            .is_some_and(|x| policy.applies(x.applicability))
        {
            entry.2 += 1;
        }
    }
    let mut counts: Vec<RuleCount> = by_rule
        .into_iter()
        .map(|(rule, (count, severity, fixable))| RuleCount {
            rule,
            count,
            severity,
            fixable,
        })
        .collect();
    counts.sort_by(|a, b| b.count.cmp(&a.count).then(a.rule.cmp(b.rule)));
    counts
}

fn write_statistics(
    result: &RunOutput,
    format: Format,
    color: ColorChoice,
    policy: crate::fix::Policy,
) -> std::io::Result<()> {
    let counts = rule_counts(result, policy);
    if matches!(format, Format::Json) {
        let rows: Vec<serde_json::Value> = counts
            .iter()
            .map(|c| {
                serde_json::json!({
                    "rule": c.rule,
                    "count": c.count,
                    "severity": c.severity.as_str(),
                    "fixable": c.fixable,
                })
            })
            .collect();
        let mut text = serde_json::to_string_pretty(&rows).unwrap_or_default();
        text.push('\n');
        return std::io::stdout().lock().write_all(text.as_bytes());
    }
    let count_width = counts.iter().map(|c| c.count.to_string().len()).max();
    let rule_width = counts.iter().map(|c| c.rule.len()).max();
    let mut out = StandardStream::stdout(color);
    for c in &counts {
        // `[*]`: some of the rule's findings have a fix this run would apply.
        let marker = if c.fixable > 0 { "  [*]" } else { "" };
        writeln!(
            out,
            "{:>cw$}  {:<rw$}  {}{marker}",
            c.count,
            c.rule,
            c.severity.as_str(),
            cw = count_width.unwrap_or(0),
            rw = rule_width.unwrap_or(0),
        )?;
    }
    Ok(())
}

/// The warning for paths that hold no file backlint reads.
fn no_files_warning(paths: &[PathBuf]) -> String {
    let named: Vec<String> = paths
        .iter()
        .map(|p| format!("`{}`", output::escape::text(&p.to_string_lossy())))
        .collect();
    format!(
        "warning: no file to lint in {}: backlint reads JavaScript, TypeScript, Python, \
         .env, compose, Caddyfile, Dockerfile and Kubernetes files (the configuration's \
         `exclude` and ignore files may leave some out)",
        named.join(", ")
    )
}
