//! The rule registry, the `Rule` trait and rule metadata.

pub mod shared;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;
use tree_sitter::Node;

use crate::diagnostic::{Applicability, Findings, Severity};
use crate::facts::collect::Fact;
use crate::facts::summaries::{AcquireQuestions, CallQuestions, RejectQuestions, SendQuestions};
use crate::facts::{Project, ProjectContext, ProjectFile};
use crate::lang::caddyfile::Caddyfile;
use crate::lang::compose::ComposeFile;
use crate::lang::dockerfile::Dockerfile;
use crate::lang::dotenv::EnvFile;
use crate::lang::yaml::YamlNode;
use crate::lang::{FileKind, Lang};
use crate::roles::FileRole;
use crate::source::SourceFile;

pub use crate::lang::context::TreeContext;

/// What the prefilter knows of a file before it is parsed.
pub struct Prescan<'a> {
    pub bytes: &'a [u8],
    pub kind: FileKind,
    pub path: &'a std::path::Path,
    js_brackets: OnceLock<Option<crate::lang::js_scan::Scan>>,
}

impl<'a> Prescan<'a> {
    pub fn new(bytes: &'a [u8], kind: FileKind, path: &'a std::path::Path) -> Prescan<'a> {
        Prescan {
            bytes,
            kind,
            path,
            js_brackets: OnceLock::new(),
        }
    }

    pub fn is_py(&self) -> bool {
        self.kind == FileKind::Py
    }

    /// The JavaScript bracket scan of the file, made once for all rules that ask; `None`
    /// when the text cannot be read reliably.
    pub fn js_brackets(&self) -> Option<&crate::lang::js_scan::Scan> {
        self.js_brackets
            .get_or_init(|| crate::lang::js_scan::scan(self.bytes))
            .as_ref()
    }
}

/// A lint rule. Every method has a no-op default: a rule implements the entry points of the
/// file kinds it reads.
pub trait Rule: Sync {
    /// Literal strings without which the rule cannot match, as groups that must all occur
    /// (any one string of a group suffices; matched ASCII case-insensitively). Empty: always run.
    fn needles(&self) -> &'static [&'static [&'static str]] {
        &[]
    }

    /// A finer test of the file's bytes, run only when the needles matched: false when the
    /// rule cannot report anything in this file, which then need not be parsed for it. It
    /// looks for the shapes the rule starts from (a query call, a secret-named key …) and
    /// must never be false for a file the rule would report on.
    fn may_match(&self, _file: &Prescan) -> bool {
        true
    }

    /// True for a rule about the code's syntax itself (`syntax-error`): every JavaScript,
    /// TypeScript and Python file of its languages is parsed for it, even one no other rule
    /// would look at.
    fn reads_every_file(&self) -> bool {
        false
    }

    /// Node kinds of the JavaScript/TypeScript grammars this rule wants to see.
    fn js_node_kinds(&self) -> &'static [&'static str] {
        &[]
    }

    fn check_js(&self, _node: Node, _cx: &TreeContext, _out: &mut Findings) {}

    /// Node kinds of the Python grammar this rule wants to see.
    fn py_node_kinds(&self) -> &'static [&'static str] {
        &[]
    }

    fn check_py(&self, _node: Node, _cx: &TreeContext, _out: &mut Findings) {}

    fn check_env(&self, _file: &SourceFile, _env: &EnvFile, _out: &mut Findings) {}

    fn check_compose(
        &self,
        _file: &SourceFile,
        _doc: &YamlNode,
        _model: &ComposeFile,
        _out: &mut Findings,
    ) {
    }

    fn check_caddyfile(&self, _file: &SourceFile, _caddy: &Caddyfile, _out: &mut Findings) {}

    fn check_dockerfile(&self, _file: &SourceFile, _dockerfile: &Dockerfile, _out: &mut Findings) {}

    /// Kubernetes manifests: every YAML document of the file. Helm templates (`{{ }}`) are
    /// not parsed and never reach rules.
    fn check_k8s(&self, _file: &SourceFile, _docs: &[YamlNode], _out: &mut Findings) {}

    /// Application configuration in JSON (`config/production.json`, `appsettings.json`):
    /// every string value with the key it sits under.
    fn check_json_config(
        &self,
        _file: &SourceFile,
        _strings: &[crate::lang::json_config::JsonString],
        _out: &mut Findings,
    ) {
    }

    /// The project facts the rule reads in `check_project` (`facts::collect`): their
    /// collectors run only when an enabled rule reads them. Configuration files (compose,
    /// Caddy, env files, Dockerfiles, manifests, package.json) always give theirs.
    fn facts(&self) -> &'static [Fact] {
        &[]
    }

    /// The questions this rule asks of each call while function summaries are gathered
    /// (`Fact::Summaries`): what a call runs, as the rule sees it.
    fn call_questions(&self) -> Option<&'static CallQuestions> {
        None
    }

    /// The questions this rule asks of functions and calls while function summaries are
    /// gathered (`Fact::Summaries`): what a function sends to the client, and which calls
    /// hand it a caught error.
    fn send_questions(&self) -> Option<&'static SendQuestions> {
        None
    }

    /// The questions this rule asks of calls while function summaries are gathered
    /// (`Fact::Summaries`): which functions return a pooled connection, and what holding
    /// the result of an imported function would leak.
    fn acquire_questions(&self) -> Option<&'static AcquireQuestions> {
        None
    }

    /// The questions this rule asks of functions while function summaries are gathered
    /// (`Fact::Summaries`): which async functions never reject.
    fn reject_questions(&self) -> Option<&'static RejectQuestions> {
        None
    }

    /// Project rules: called once per run with the facts of every file. Findings name their
    /// file with `Findings::report_in`.
    fn check_project(&self, _cx: &ProjectContext, _out: &mut Findings) {}

    /// Whether this rule's per-file findings are reviewed once the project is linked
    /// (`holds_in_project`): a finding judged on one file that another file can disprove.
    fn reviews_findings_in_project(&self) -> bool {
        false
    }

    /// Whether a per-file finding of this rule in `file` still holds given the linked
    /// project; `false` drops it. Called only when `reviews_findings_in_project` is true.
    fn holds_in_project(&self, _project: &Project, _file: &ProjectFile) -> bool {
        true
    }

    /// Called with the error when a YAML or Caddyfile does not parse, and with the first
    /// error or missing node of a JavaScript, TypeScript or Python tree (whose rules still
    /// run on the rest of the tree).
    fn check_syntax_error(
        &self,
        _file: &SourceFile,
        _kind: FileKind,
        _range: std::ops::Range<usize>,
        _message: &str,
        _out: &mut Findings,
    ) {
    }
}

/// A registered rule: its id, embedded metadata and implementation.
pub struct RuleEntry {
    pub id: &'static str,
    pub yaml: &'static str,
    pub rule: &'static dyn Rule,
}

// One module per rule, declared here rather than inside `registry!` so that rustfmt
// formats them.
pub mod app_listens_on_loopback;
pub mod auth_route_without_rate_limit;
pub mod caddy_upstream_network_mismatch;
pub mod caddy_upstream_port_mismatch;
pub mod caddy_upstream_unknown_host;
pub mod caddyfile_syntax;
pub mod callback_throw;
pub mod compose_depends_on_unhealthy;
pub mod compose_host_port_conflict;
pub mod compose_localhost_dependency;
pub mod cors_credentials_wildcard;
pub mod csrf_unprotected_cookie_session;
pub mod debug_mode_in_deploy;
pub mod dockerfile_dev_dependencies;
pub mod env_var_unchecked;
pub mod env_var_undeclared;
pub mod error_details_leak;
pub mod error_handler_headers_sent;
pub mod express_async_error;
pub mod express_error_handler_arity;
pub mod express_error_handler_order;
pub mod express_missing_error_handler;
pub mod hardcoded_secret;
pub mod invalid_suppression;
pub mod jwt_missing_expiry;
pub mod jwt_weak_verification;
pub mod k8s_missing_probes;
pub mod listener_leak;
pub mod n_plus_one_query;
pub mod node_heap_over_container_limit;
pub mod pool_connection_leak;
pub mod probe_path_unserved;
pub mod server_timeout_missing;
pub mod sql_interpolation;
pub mod syntax_error;
pub mod tls_verify_disabled;
pub mod unbounded_cache;
pub mod unguarded_json_parse;
pub mod unused_suppression;
pub mod yaml_syntax;

macro_rules! registry {
    ($($module:ident :: $ty:ident => $id:literal),* $(,)?) => {
        /// Every rule, in id order.
        pub static RULES: &[RuleEntry] = &[
            $(RuleEntry {
                id: $id,
                yaml: include_str!(concat!("../../rules/", $id, ".yaml")),
                rule: &$module::$ty,
            },)*
        ];
    };
}

registry! {
    app_listens_on_loopback::AppListensOnLoopback => "app-listens-on-loopback",
    auth_route_without_rate_limit::AuthRouteWithoutRateLimit => "auth-route-without-rate-limit",
    caddy_upstream_network_mismatch::CaddyUpstreamNetworkMismatch => "caddy-upstream-network-mismatch",
    caddy_upstream_port_mismatch::CaddyUpstreamPortMismatch => "caddy-upstream-port-mismatch",
    caddy_upstream_unknown_host::CaddyUpstreamUnknownHost => "caddy-upstream-unknown-host",
    caddyfile_syntax::CaddyfileSyntax => "caddyfile-syntax",
    callback_throw::CallbackThrow => "callback-throw",
    compose_depends_on_unhealthy::ComposeDependsOnUnhealthy => "compose-depends-on-unhealthy",
    compose_host_port_conflict::ComposeHostPortConflict => "compose-host-port-conflict",
    compose_localhost_dependency::ComposeLocalhostDependency => "compose-localhost-dependency",
    cors_credentials_wildcard::CorsCredentialsWildcard => "cors-credentials-wildcard",
    csrf_unprotected_cookie_session::CsrfUnprotectedCookieSession => "csrf-unprotected-cookie-session",
    debug_mode_in_deploy::DebugModeInDeploy => "debug-mode-in-deploy",
    dockerfile_dev_dependencies::DockerfileDevDependencies => "dockerfile-dev-dependencies",
    env_var_unchecked::EnvVarUnchecked => "env-var-unchecked",
    env_var_undeclared::EnvVarUndeclared => "env-var-undeclared",
    error_details_leak::ErrorDetailsLeak => "error-details-leak",
    error_handler_headers_sent::ErrorHandlerHeadersSent => "error-handler-headers-sent",
    express_async_error::ExpressAsyncError => "express-async-error",
    express_error_handler_arity::ExpressErrorHandlerArity => "express-error-handler-arity",
    express_error_handler_order::ExpressErrorHandlerOrder => "express-error-handler-order",
    express_missing_error_handler::ExpressMissingErrorHandler => "express-missing-error-handler",
    hardcoded_secret::HardcodedSecret => "hardcoded-secret",
    invalid_suppression::InvalidSuppression => "invalid-suppression",
    jwt_missing_expiry::JwtMissingExpiry => "jwt-missing-expiry",
    jwt_weak_verification::JwtWeakVerification => "jwt-weak-verification",
    k8s_missing_probes::K8sMissingProbes => "k8s-missing-probes",
    listener_leak::ListenerLeak => "listener-leak",
    n_plus_one_query::NPlusOneQuery => "n-plus-one-query",
    node_heap_over_container_limit::NodeHeapOverContainerLimit => "node-heap-over-container-limit",
    pool_connection_leak::PoolConnectionLeak => "pool-connection-leak",
    probe_path_unserved::ProbePathUnserved => "probe-path-unserved",
    server_timeout_missing::ServerTimeoutMissing => "server-timeout-missing",
    sql_interpolation::SqlInterpolation => "sql-interpolation",
    syntax_error::SyntaxError => "syntax-error",
    tls_verify_disabled::TlsVerifyDisabled => "tls-verify-disabled",
    unbounded_cache::UnboundedCache => "unbounded-cache",
    unguarded_json_parse::UnguardedJsonParse => "unguarded-json-parse",
    unused_suppression::UnusedSuppression => "unused-suppression",
    yaml_syntax::YamlSyntax => "yaml-syntax",
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DefaultState {
    On,
    Off,
    /// Off until real code shows it quiet: on with `--preview` (or `preview: true` in the
    /// configuration), with `--select`, or when the configuration names it.
    Preview,
}

impl DefaultState {
    pub fn as_str(self) -> &'static str {
        match self {
            DefaultState::On => "on",
            DefaultState::Off => "off",
            DefaultState::Preview => "preview",
        }
    }
}

/// How a rule treats the files under the configured `test-files` paths.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TestFiles {
    /// Test files are checked like any other file.
    Check,
    /// Test code is not checked: a test file whose text uses a test framework
    /// (`describe(`, `it(`, `def test_`, `import pytest` …). The rule judges how served code
    /// behaves, and no request reaches a test. Helpers and fixtures under the test paths that
    /// use no framework are still checked.
    SkipTestCode,
    /// Nothing under the test paths is checked: fixtures and test settings hold the values
    /// the rule flags on purpose.
    Skip,
}

impl TestFiles {
    /// True when the rule does not check a file of this test status.
    pub fn skips(self, status: TestStatus) -> bool {
        match self {
            TestFiles::Check => false,
            TestFiles::SkipTestCode => status == TestStatus::TestCode,
            TestFiles::Skip => status != TestStatus::NotTest,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TestFiles::Check => "checked",
            TestFiles::SkipTestCode => {
                "test code is not checked (a file under `test-files` that uses a test framework)"
            }
            TestFiles::Skip => "not checked (no file under `test-files`)",
        }
    }
}

/// Where a file stands with respect to the configured test paths.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum TestStatus {
    /// Outside the test paths.
    #[default]
    NotTest,
    /// Under the test paths, with no sign of a test framework (helpers, fixtures, settings).
    TestFile,
    /// Under the test paths and written with a test framework.
    TestCode,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub lang: Option<Lang>,
    pub code: Option<String>,
    /// Multi-file examples: file name → contents.
    pub files: Option<BTreeMap<String, String>>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    pub bad: Vec<Example>,
    pub good: Vec<Example>,
}

/// A public page about a rule's subject (a project's guide, a cheat sheet, a CWE entry).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    pub title: String,
    pub url: String,
}

/// A fix a rule offers, as its yaml declares it under `fix:`: the applicability, what it
/// does in one line, and why it has that applicability. A rule that attaches a fix of an
/// applicability its yaml does not declare fails the rule examples test.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FixDecl {
    pub applicability: Applicability,
    pub description: String,
    pub why: String,
}

/// The metadata of `rules/<id>.yaml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleMeta {
    pub id: String,
    pub severity: Severity,
    pub languages: Vec<Lang>,
    pub default: DefaultState,
    #[serde(rename = "test-files")]
    pub test_files: TestFiles,
    /// The roles of code no request runs that the rule does not check (see `roles`).
    #[serde(default)]
    pub skips: Vec<FileRole>,
    pub summary: String,
    /// Where in the troubleshooting guides the rule comes from (kept with the rule's source,
    /// not shown to users).
    pub seed: String,
    /// Public documentation on the mistake and its fix, listed under *References*.
    #[serde(default)]
    pub references: Vec<Reference>,
    /// The fixes the rule offers (none for most rules).
    #[serde(default)]
    pub fix: Vec<FixDecl>,
    pub explanation: String,
    pub examples: Examples,
}

/// What linting needs of a rule's metadata: the keys before `summary:` in
/// `rules/<id>.yaml`. The explanation and examples, most of each file, are parsed only by
/// `metadata()` (`rules`, `explain`, SARIF output, the editor's hovers).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleHeader {
    pub id: String,
    pub severity: Severity,
    pub languages: Vec<Lang>,
    pub default: DefaultState,
    #[serde(rename = "test-files")]
    pub test_files: TestFiles,
    /// The roles of code no request runs that the rule does not check (see `roles`).
    #[serde(default)]
    pub skips: Vec<FileRole>,
}

/// Parses every rule's header once (see `RuleHeader`). The test suite checks that each
/// equals the corresponding fields of `metadata()`.
pub fn headers() -> Result<&'static [RuleHeader], String> {
    static HEADERS: OnceLock<Result<Vec<RuleHeader>, String>> = OnceLock::new();
    HEADERS
        .get_or_init(|| {
            parse_each(
                |yaml| yaml.split("\nsummary:").next().unwrap_or_default(),
                |header: &RuleHeader| &header.id,
            )
        })
        .as_ref()
        .map(Vec::as_slice)
        .map_err(Clone::clone)
}

/// Parses every rule's metadata once. An error here is a defect in an embedded file, which
/// the test suite guards against; it is still reported rather than panicking.
pub fn metadata() -> Result<&'static [RuleMeta], String> {
    static META: OnceLock<Result<Vec<RuleMeta>, String>> = OnceLock::new();
    META.get_or_init(|| parse_each(|yaml| yaml, |meta: &RuleMeta| &meta.id))
        .as_ref()
        .map(Vec::as_slice)
        .map_err(Clone::clone)
}

/// Parses `part` of every rule's embedded YAML, in registry order, checking that each names
/// its own rule (`id_of`).
fn parse_each<T: serde::de::DeserializeOwned>(
    part: impl Fn(&'static str) -> &'static str,
    id_of: impl Fn(&T) -> &String,
) -> Result<Vec<T>, String> {
    RULES
        .iter()
        .map(|entry| {
            let parsed: T = serde_yaml_ng::from_str(part(entry.yaml))
                .map_err(|e| format!("rules/{}.yaml: {e}", entry.id))?;
            let id = id_of(&parsed);
            if id != entry.id {
                return Err(format!("rules/{}.yaml: id is `{id}`", entry.id));
            }
            Ok(parsed)
        })
        .collect()
}

/// The index of a rule id in `RULES`.
pub fn index_of(id: &str) -> Option<usize> {
    RULES.iter().position(|r| r.id == id)
}

/// The closest known rule id to a misspelt one, for "did you mean".
pub fn suggest(id: &str) -> Option<&'static str> {
    crate::util::closest(id, RULES.iter().map(|r| r.id))
}
