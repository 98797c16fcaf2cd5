//! Project-level facts: small owned values kept from each file for the rules that look
//! across files (compose services, Caddy upstreams, package versions). No syntax tree is kept.

pub mod auth_routes;
pub mod collect;
pub mod cors;
pub mod csrf;
pub mod debug_switch;
pub mod env_guard;
pub mod env_reads;
pub mod express;
pub mod express_model;
pub mod handler;
pub mod http;
pub mod jwt_verify;
pub mod k8s;
pub mod lazy_summaries;
pub mod listen;
pub mod package;
pub mod route_paths;
pub mod server_timeout;
pub mod summaries;
pub mod summary_model;
pub mod topology;

pub use k8s::K8sEnv;
pub use package::{PackageFacts, Packages};

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::facts::express::ExpressFacts;
use crate::facts::express_model::ExpressModel;
use crate::facts::lazy_summaries::LazySummaries;
use crate::facts::summaries::FileSummaries;
use crate::facts::summary_model::{Links, SummaryModel};
use crate::lang::FileKind;
use crate::lang::caddyfile::Caddyfile;
use crate::lang::compose::ComposeFile;
use crate::lang::dockerfile::Dockerfile;
use crate::lang::dotenv::EnvFile;
use topology::Topology;

/// What one file contributes to the project index. Kept in the result cache between runs
/// (`engine::cache`), so every fact type derives its serialisation.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct FileFacts {
    pub compose: Option<ComposeFile>,
    pub caddy: Option<Caddyfile>,
    pub env: Option<EnvFile>,
    pub docker: Option<Dockerfile>,
    pub package: Option<PackageFacts>,
    /// Server `listen`/`run` calls in app code.
    pub listens: Vec<ListenFact>,
    /// Environment variables read by app code, and the startup checks it makes.
    pub env_use: Option<EnvUse>,
    /// Environment declared by a Kubernetes manifest.
    pub k8s_env: Option<K8sEnv>,
    /// Workloads and Services a Kubernetes manifest defines (for `backlint topology`).
    pub k8s_objects: Option<k8s::K8sObjects>,
    /// JavaScript/TypeScript modules: apps, handlers, imports and exports (Express rules).
    pub express: Option<ExpressFacts>,
    /// Function summaries of a code file (what its functions run and call), decoded on
    /// first use (`file_summaries`).
    pub summaries: Option<LazySummaries>,
    /// Credential routes and the rate limiters a code module applies.
    pub auth_routes: Option<auth_routes::AuthRouteFacts>,
    /// Cookie sessions, state-changing routes and CSRF defences of a JavaScript module.
    pub csrf: Option<csrf::CsrfFacts>,
    /// CORS credentials allowed from any origin, and how a module authenticates.
    pub cors: Option<cors::CorsFacts>,
    /// Debug switches of a Python file and the Django settings module it names by default.
    pub debug_switches: Option<debug_switch::DebugSwitchFacts>,
    /// jsonwebtoken `verify` calls that restrict no algorithm (JavaScript).
    pub jwt_verifies: Option<jwt_verify::JwtVerifyFacts>,
    /// Servers, outbound calls without a timeout, and timeouts named (JavaScript).
    pub server_timeouts: Option<server_timeout::ServerTimeoutFacts>,
    /// The path words, literal routes and catch-alls of a code module.
    pub route_paths: Option<route_paths::RoutePathFacts>,
    /// The files a Caddy configuration file's `import`s read, as found on disk (lexically
    /// normalised paths). Filled in by the engine after parsing.
    #[serde(skip)]
    pub caddy_imports: Vec<PathBuf>,
    /// The byte offset of each line's start, kept only when the engine is asked to (a
    /// picture of the deployment names the lines of what it shows).
    #[serde(skip)]
    pub line_starts: Vec<usize>,
}

impl FileFacts {
    /// Whether the file holds the code fact `fact` (what a collector gathers from code).
    /// The file's function summaries.
    pub fn file_summaries(&self) -> Option<&FileSummaries> {
        self.summaries.as_ref().and_then(LazySummaries::get)
    }

    pub fn holds(&self, fact: collect::Fact) -> bool {
        use collect::Fact;
        match fact {
            Fact::Listens => !self.listens.is_empty(),
            Fact::EnvUse => self.env_use.is_some(),
            Fact::Express => self.express.is_some(),
            Fact::Summaries => self.summaries.is_some(),
            Fact::AuthRoutes => self.auth_routes.is_some(),
            Fact::Csrf => self.csrf.is_some(),
            Fact::Cors => self.cors.is_some(),
            Fact::DebugSwitches => self.debug_switches.is_some(),
            Fact::JwtVerifies => self.jwt_verifies.is_some(),
            Fact::ServerTimeouts => self.server_timeouts.is_some(),
            Fact::RoutePaths => self.route_paths.is_some(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.compose.is_none()
            && self.caddy.is_none()
            && self.env.is_none()
            && self.docker.is_none()
            && self.package.is_none()
            && self.listens.is_empty()
            && self.env_use.is_none()
            && self.k8s_env.is_none()
            && self.k8s_objects.is_none()
            && self.express.is_none()
            && self.summaries.is_none()
            && self.auth_routes.is_none()
            && self.csrf.is_none()
            && self.cors.is_none()
            && self.debug_switches.is_none()
            && self.jwt_verifies.is_none()
            && self.server_timeouts.is_none()
            && self.route_paths.is_none()
    }
}

/// An environment variable read in app code: `process.env.JWT_SECRET`,
/// `os.environ.get("DATABASE_URL")`.
#[derive(Serialize, Deserialize, Debug, Clone)]
pub struct EnvRead {
    pub name: String,
    /// The read expression.
    pub range: Range<usize>,
    /// A fallback is given (`|| 'x'`, `?? x`, `.get("X", "d")`, `{ X = 1 } = process.env`).
    pub has_default: bool,
    /// The app works without the variable: a default, or the read is only tested or only
    /// used under a condition on the variable (`if (process.env.SENTRY_DSN) ...`).
    pub optional: bool,
    /// The read raises when the variable is missing (`os.environ["X"]`, environs `env.str("X")`).
    pub fails_loudly: bool,
    /// A use where a missing value breaks the app, unless the read is guarded by a
    /// condition on the variable.
    pub critical: Option<CriticalUse>,
    /// The value is kept whole as a setting for other code: a module constant, a class field,
    /// an object or dict entry (`SENTRY_DSN = os.environ.get("SENTRY_DSN")`).
    pub kept_as_setting: bool,
    /// Only read when a feature switch held in a module constant is on (`if USE_S3:`).
    pub feature_switched: bool,
}

/// Where a possibly missing value is passed on as if present.
#[derive(Serialize, Deserialize, Debug, Clone)]
pub struct CriticalUse {
    /// What the value is used as, for messages: "the signing secret of `jwt.sign`".
    pub what: String,
    /// The expression at the use (the argument, the option value).
    pub range: Range<usize>,
}

/// What one code file reads from the environment and which variables it checks at startup.
#[derive(Serialize, Deserialize, Debug, Clone, Default)]
pub struct EnvUse {
    pub reads: Vec<EnvRead>,
    /// Names a startup check verifies: a required-names loop, a schema (envalid, zod, joi,
    /// pydantic-settings), `if (!process.env.X) throw`, a module-level `os.environ["X"]`.
    pub checked: Vec<String>,
    /// A check whose names cannot be read (dotenv-safe, a loop over names built elsewhere):
    /// every variable counts as checked.
    pub checks_all: bool,
    /// Env files the code loads itself at startup (`process.loadEnvFile('.env.example')`).
    pub loads: Vec<String>,
    /// Names read through a helper of the project's own (`getEnv('MAIL_HOST')`,
    /// `get_env("MAIL_HOST")`) or declared as fields of a pydantic-settings class: not reads
    /// backlint follows, but settings of the file all the same when it weighs how many of them
    /// the project documents.
    #[serde(default)]
    pub helper_names: Vec<String>,
    /// Names the code sets itself (`process.env.SECRET = generated`, `os.environ["X"] =
    /// ...`, `os.environ.setdefault("X", ...)`): the app gives them a value before use.
    #[serde(default)]
    pub assigned: Vec<String>,
}

/// A server started from app code: `app.listen(3000, '0.0.0.0')`, `uvicorn.run(app, port=8000)`.
#[derive(Serialize, Deserialize, Debug, Clone)]
pub struct ListenFact {
    /// The callee as written (`app.listen`), for messages.
    pub call: String,
    /// A literal port.
    pub port: Option<u16>,
    /// The environment variable the port is read from (`PORT`).
    pub port_env: Option<String>,
    /// The port used when that variable is unset (`process.env.PORT || 3000`).
    pub port_fallback: Option<u16>,
    /// The bound host: a literal (or a constant bound to one), the fallback used when
    /// `host_env` is unset, or the server's default.
    pub host: Option<String>,
    pub host_is_default: bool,
    /// The environment variable the host is read from (`process.env.HOST || '0.0.0.0'`).
    pub host_env: Option<String>,
    pub range: Range<usize>,
    /// The edit that binds all interfaces: the host literal rewritten to `0.0.0.0`, or a
    /// `host="0.0.0.0"` keyword added where the server's default is loopback.
    pub host_edit: Option<(Range<usize>, String)>,
}

/// One file of the project with its facts.
#[derive(Debug)]
pub struct ProjectFile {
    /// The path as shown to the user.
    pub display: Arc<str>,
    pub path: PathBuf,
    pub kind: FileKind,
    /// Shared: an editor server keeps the facts between lints without copying them.
    pub facts: Arc<FileFacts>,
}

impl ProjectFile {
    /// The 1-based line of a byte offset, when the engine kept the file's line starts.
    pub fn line_of(&self, offset: usize) -> Option<usize> {
        let starts = &self.facts.line_starts;
        if starts.is_empty() {
            return None;
        }
        Some(starts.partition_point(|s| *s <= offset).max(1))
    }

    /// True for `.env.example`, `.env.sample`, `.env.template` (and `.dist`/`.defaults`): the
    /// documented list of variables, with placeholder values.
    pub fn is_env_template(&self) -> bool {
        crate::lang::dotenv::is_env_template(&self.path)
    }
}

/// Everything project rules see: the facts of every file of the run, sorted by path, and
/// the packages they belong to.
#[derive(Debug, Default)]
pub struct Project {
    pub files: Vec<ProjectFile>,
    pub packages: Packages,
    /// The directory of each `package.json`, with its index in `files`.
    package_json: BTreeMap<PathBuf, usize>,
}

impl Project {
    /// The project of these files; `manifests` are the package manifests that give no facts
    /// of their own (`pyproject.toml`, `requirements.txt` …: see `package::is_manifest`).
    pub fn new(mut files: Vec<ProjectFile>, manifests: &[PathBuf]) -> Project {
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let package_json: BTreeMap<PathBuf, usize> = files
            .iter()
            .enumerate()
            .filter(|(_, f)| f.kind == FileKind::PackageJson)
            .filter_map(|(i, f)| Some((f.path.parent()?.to_path_buf(), i)))
            .collect();
        let packages = Packages::new(
            package_json
                .keys()
                .map(PathBuf::as_path)
                .chain(manifests.iter().filter_map(|m| m.parent())),
        );
        Project {
            files,
            packages,
            package_json,
        }
    }

    /// Files of a kind, in path order.
    pub fn of_kind(&self, kind: FileKind) -> impl Iterator<Item = &ProjectFile> {
        self.files.iter().filter(move |f| f.kind == kind)
    }

    /// The version range of dependency `name` that applies to the file at `path`: the one the
    /// nearest `package.json` at or above it that lists the package declares (a workspace
    /// root may list it for its members).
    pub fn dependency_range(&self, path: &Path, name: &str) -> Option<&str> {
        path.ancestors().skip(1).find_map(|dir| {
            let index = self.package_json.get(dir)?;
            self.files
                .get(*index)?
                .facts
                .package
                .as_ref()?
                .dependency(name)
        })
    }

    /// The `package.json` in directory `dir` itself, if there is one.
    pub fn package_in(&self, dir: &Path) -> Option<&PackageFacts> {
        let index = self.package_json.get(dir)?;
        self.files.get(*index)?.facts.package.as_ref()
    }

    /// The nearest `package.json` at or above `path`'s directory when it is a member of a
    /// larger project: another `package.json` stands above its own directory.
    pub fn member_package_for(&self, path: &Path) -> Option<&PackageFacts> {
        let mut dirs = path.ancestors().skip(1);
        let own = dirs.find(|dir| self.package_json.contains_key(*dir))?;
        let nested = own
            .ancestors()
            .skip(1)
            .any(|dir| self.package_json.contains_key(dir));
        match nested {
            true => self.package_in(own),
            false => None,
        }
    }

    /// The nearest `package.json` at or above `path`'s directory.
    pub fn package_for(&self, path: &Path) -> Option<&PackageFacts> {
        path.ancestors().skip(1).find_map(|dir| {
            let index = self.package_json.get(dir)?;
            self.files.get(*index)?.facts.package.as_ref()
        })
    }
}

/// Reads the links an earlier run kept (`ProjectContext::with_earlier_links`).
pub type LinksSource<'p> = Box<dyn Fn() -> Option<Links> + Send + Sync + 'p>;

/// What the project rules are given: the project's facts, and the models several of them
/// share, each built once per run on first use (its build time is kept for `--stats`).
pub struct ProjectContext<'p> {
    pub project: &'p Project,
    express: OnceLock<ExpressModel<'p>>,
    built: Mutex<Vec<(&'static str, Duration)>>,
    topology: OnceLock<Topology<'p>>,
    summaries: OnceLock<SummaryModel<'p>>,
    /// Where the links of an earlier run are read from, when the run keeps them: read when
    /// the summary model is first built.
    earlier_links: Option<LinksSource<'p>>,
    /// Per file of the project: whether the run reports findings in it (a run naming
    /// files); `None` when every file is reported on.
    reported: Option<Vec<bool>>,
    /// Whether the run reports on a file that is not code (a compose file, a Dockerfile,
    /// an env file, a manifest): deployment files feed every project rule.
    reports_beyond_code: bool,
}

impl<'p> ProjectContext<'p> {
    pub fn new(project: &'p Project) -> ProjectContext<'p> {
        ProjectContext {
            project,
            express: OnceLock::new(),
            built: Mutex::new(Vec::new()),
            topology: OnceLock::new(),
            summaries: OnceLock::new(),
            earlier_links: None,
            reported: None,
            reports_beyond_code: true,
        }
    }

    /// The context of a run that reports findings only where `reported` (per file of the
    /// project) is true: where they are, or where one of their labels is.
    /// `reports_beyond_code`: whether a file reported on is not code.
    pub fn reporting(
        mut self,
        reported: Vec<bool>,
        reports_beyond_code: bool,
    ) -> ProjectContext<'p> {
        self.reported = Some(reported);
        self.reports_beyond_code = reports_beyond_code;
        self
    }

    /// The context of a run that keeps the links of the summary model between runs: those
    /// `earlier` gives are adopted when they were computed for the same project.
    pub fn with_earlier_links(mut self, earlier: LinksSource<'p>) -> ProjectContext<'p> {
        self.earlier_links = Some(earlier);
        self
    }

    /// The links the summary model computed in this run (none when it was not built, or
    /// adopted the earlier ones): to be kept for the next run.
    pub fn computed_links(&self) -> Option<&Links> {
        self.summaries.get()?.computed_links()
    }

    /// Whether a project rule reading the code facts `facts` may have a finding the run
    /// reports. Its findings and labels lie in deployment files and in code files holding
    /// one of those facts: a run that reports only on code files holding none of them (a
    /// pre-commit hook naming a view module, for the rules about compose services) has
    /// nothing to show from it. A rule reading no code fact always may.
    pub fn may_report_from(&self, facts: &[collect::Fact]) -> bool {
        let Some(reported) = &self.reported else {
            return true;
        };
        facts.is_empty()
            || self.reports_beyond_code
            || self
                .project
                .files
                .iter()
                .zip(reported)
                .any(|(file, reported)| {
                    *reported && facts.iter().any(|fact| file.facts.holds(*fact))
                })
    }

    /// Whether a finding in, or labelled in, the file at `index` of the project is
    /// reported. A rule may skip work whose findings could touch no reported file; what
    /// it reports is filtered by the engine either way.
    pub fn reports(&self, index: usize) -> bool {
        self.reported
            .as_ref()
            .is_none_or(|r| r.get(index).copied().unwrap_or(false))
    }

    /// Whether some reported file's function summaries hold what `holds` asks (a function
    /// that sends, a call in a loop): a rule whose findings are at such a place, labelled
    /// at another, need not link the summaries when neither place is reported.
    pub fn reports_summaries_where(&self, holds: impl Fn(&FileSummaries) -> bool) -> bool {
        self.project.files.iter().enumerate().any(|(index, file)| {
            self.reports(index) && file.facts.file_summaries().is_some_and(&holds)
        })
    }

    /// The deployment topology: compose projects, services, Caddy and where apps listen
    /// (seven rules ask).
    pub fn topology(&self) -> &Topology<'p> {
        self.topology
            .get_or_init(|| self.timed("topology", || Topology::build(self.project)))
    }

    /// The Express apps, registrations and handlers linked across modules (four rules ask).
    pub fn express_model(&self) -> &ExpressModel<'p> {
        self.express
            .get_or_init(|| self.timed("express model", || ExpressModel::new(self.project)))
    }

    /// The function summaries linked across modules: which calls run a query.
    pub fn summaries(&self) -> &SummaryModel<'p> {
        self.summaries.get_or_init(|| {
            self.timed("summaries", || {
                let earlier = self.earlier_links.as_ref().and_then(|source| source());
                SummaryModel::new(&self.project.files, earlier.as_ref())
            })
        })
    }

    /// Builds a shared model, keeping its build time.
    fn timed<T>(&self, name: &'static str, build: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let model = build();
        if let Ok(mut built) = self.built.lock() {
            built.push((name, started.elapsed()));
        }
        model
    }

    /// The shared models built so far, with their build times.
    pub fn models_built(&self) -> Vec<(&'static str, Duration)> {
        self.built.lock().map(|b| b.clone()).unwrap_or_default()
    }
}
