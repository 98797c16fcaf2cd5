//! Project-level facts: small owned values kept from each file for the rules that look
//! across files (compose services, Caddy upstreams, package versions). No syntax tree is kept.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::lang::FileKind;
use crate::lang::caddyfile::Caddyfile;
use crate::lang::compose::ComposeFile;
use crate::lang::dockerfile::Dockerfile;
use crate::lang::dotenv::EnvFile;
use crate::rules::shared::express::ExpressFacts;
use crate::rules::shared::express_model::ExpressModel;

/// What one file contributes to the project index.
#[derive(Debug, Default)]
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
    /// JavaScript/TypeScript modules: apps, handlers, imports and exports (Express rules).
    pub express: Option<ExpressFacts>,
    /// The files a Caddy configuration file's `import`s read, as found on disk (lexically
    /// normalised paths). Filled in by the engine after parsing.
    pub caddy_imports: Vec<PathBuf>,
}

impl FileFacts {
    pub fn is_empty(&self) -> bool {
        self.compose.is_none()
            && self.caddy.is_none()
            && self.env.is_none()
            && self.docker.is_none()
            && self.package.is_none()
            && self.listens.is_empty()
            && self.env_use.is_none()
            && self.k8s_env.is_none()
            && self.express.is_none()
    }
}

/// An environment variable read in app code: `process.env.JWT_SECRET`,
/// `os.environ.get("DATABASE_URL")`.
#[derive(Debug, Clone)]
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
#[derive(Debug, Clone)]
pub struct CriticalUse {
    /// What the value is used as, for messages: "the signing secret of `jwt.sign`".
    pub what: String,
    /// The expression at the use (the argument, the option value).
    pub range: Range<usize>,
}

/// What one code file reads from the environment and which variables it checks at startup.
#[derive(Debug, Clone, Default)]
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
}

/// Environment variables a Kubernetes manifest gives its containers.
#[derive(Debug, Clone, Default)]
pub struct K8sEnv {
    /// `env: - name: X`, and the keys of ConfigMaps and Secrets defined in the file.
    pub names: Vec<String>,
    /// ConfigMaps and Secrets the file defines.
    pub provides: Vec<String>,
    /// ConfigMaps and Secrets loaded whole with `envFrom`.
    pub env_from: Vec<String>,
    /// Workloads (pods and their controllers) the file defines.
    pub workloads: usize,
}

/// A server started from app code: `app.listen(3000, '0.0.0.0')`, `uvicorn.run(app, port=8000)`.
#[derive(Debug, Clone)]
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
}

/// The parts of a `package.json` that rules ask about.
#[derive(Debug, Default, Clone)]
pub struct PackageFacts {
    pub name: Option<String>,
    /// Version range of each dependency (all dependency sections), sorted by name.
    pub dependencies: Vec<(String, String)>,
}

impl PackageFacts {
    pub fn parse(text: &str) -> Option<PackageFacts> {
        let value: serde_json::Value = serde_json::from_str(text).ok()?;
        let mut dependencies = Vec::new();
        for section in [
            "dependencies",
            "devDependencies",
            "peerDependencies",
            "optionalDependencies",
        ] {
            if let Some(map) = value.get(section).and_then(|v| v.as_object()) {
                for (name, version) in map {
                    if let Some(v) = version.as_str() {
                        dependencies.push((name.clone(), v.to_string()));
                    }
                }
            }
        }
        dependencies.sort();
        dependencies.dedup_by(|a, b| a.0 == b.0);
        Some(PackageFacts {
            name: value
                .get("name")
                .and_then(|v| v.as_str())
                .map(str::to_string),
            dependencies,
        })
    }

    pub fn dependency(&self, name: &str) -> Option<&str> {
        self.dependencies
            .binary_search_by(|(n, _)| n.as_str().cmp(name))
            .ok()
            .map(|i| self.dependencies[i].1.as_str())
    }
}

/// One file of the project with its facts.
#[derive(Debug)]
pub struct ProjectFile {
    /// The path as shown to the user.
    pub display: Arc<str>,
    pub path: PathBuf,
    pub kind: FileKind,
    pub facts: FileFacts,
}

impl ProjectFile {
    /// True for `.env.example`, `.env.sample`, `.env.template` (and `.dist`/`.defaults`): the
    /// documented list of variables, with placeholder values.
    pub fn is_env_template(&self) -> bool {
        is_env_template(&self.path)
    }
}

/// True for an env template file name (`.env.example`, `.env.sample`, `.env.template`, ...).
pub fn is_env_template(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    // `example.env`, `sample.env`: the same template under a visible name.
    if let Some(stem) = name.strip_suffix(".env") {
        if matches!(stem, "example" | "sample" | "template") {
            return true;
        }
    }
    name.strip_prefix(".env").is_some_and(|rest| {
        rest.split('.').any(|part| {
            matches!(
                part,
                "example" | "sample" | "template" | "dist" | "defaults" | "tmpl" | "tpl"
            )
        })
    })
}

/// Everything project rules see: the facts of every file of the run, sorted by path.
#[derive(Debug, Default)]
pub struct Project {
    pub files: Vec<ProjectFile>,
}

impl Project {
    pub fn new(mut files: Vec<ProjectFile>) -> Project {
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Project { files }
    }

    /// Files of a kind, in path order.
    pub fn of_kind(&self, kind: FileKind) -> impl Iterator<Item = &ProjectFile> {
        self.files.iter().filter(move |f| f.kind == kind)
    }

    /// The nearest `package.json` at or above `path`'s directory.
    pub fn package_for(&self, path: &Path) -> Option<&PackageFacts> {
        let mut dir = path.parent();
        while let Some(d) = dir {
            let found = self
                .files
                .iter()
                .find(|f| f.kind == FileKind::PackageJson && f.path.parent() == Some(d));
            if let Some(f) = found {
                return f.facts.package.as_ref();
            }
            dir = d.parent();
        }
        None
    }
}

/// What the project rules are given: the project's facts, and the analyses several of them
/// share, built once per run on first use.
pub struct ProjectContext<'p> {
    pub project: &'p Project,
    express: OnceLock<ExpressModel<'p>>,
}

impl<'p> ProjectContext<'p> {
    pub fn new(project: &'p Project) -> ProjectContext<'p> {
        ProjectContext {
            project,
            express: OnceLock::new(),
        }
    }

    /// The Express apps, registrations and handlers linked across modules (four rules ask).
    pub fn express_model(&self) -> &ExpressModel<'p> {
        self.express.get_or_init(|| ExpressModel::new(self.project))
    }
}
