//! What a file is for, when it is not code that serves requests.
//!
//! Most of backlint's rules judge how a backend behaves in production: a query per row of a
//! request, a parse of a request body, a cache that grows with traffic. A repository also
//! holds code no request runs — the browser's half of the app, migrations and scripts an
//! operator runs once, seed data, translations — and files that are not written by hand at
//! all (minified bundles). Each rule says in `rules/<id>.yaml` (`skips:`) which of these
//! roles it does not check; minified code is checked by no rule about code.
//!
//! Roles are decided from the path relative to the project (gitignore-style patterns, which
//! the configuration's `file-roles` can replace role by role) and from a few bytes of the
//! file: a `'use client'` directive, a `#!` line, a Python `__main__` block that starts no
//! server, lines too long to be written by hand.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A role of a file that no request runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FileRole {
    /// Code that runs in the browser: the front end beside the backend.
    BrowserCode,
    /// Code an operator or a build runs once: migrations, scripts, build configuration,
    /// command-line entry points. (Django management commands are often periodic jobs over
    /// every row, and stay checked unless named for a one-off job: `initdb`, `upgrade_*`.)
    Tooling,
    /// Data and code for development and tests: seeds, mocks, fake data, fixtures,
    /// examples, demos, documentation, and the support of a test suite that sits outside
    /// the test paths (cucumber support and step definitions, test and mock servers).
    DevData,
    /// Translation tables: every label of the app, passwords and tokens included.
    Translations,
    /// Copies of third-party libraries kept in the repository (`vendor/`, `third_party/`,
    /// a library's UMD build): the library's authors own that code, not the app's.
    Vendored,
}

impl FileRole {
    pub const ALL: [FileRole; 5] = [
        FileRole::BrowserCode,
        FileRole::Tooling,
        FileRole::DevData,
        FileRole::Translations,
        FileRole::Vendored,
    ];

    pub fn name(self) -> &'static str {
        match self {
            FileRole::BrowserCode => "browser-code",
            FileRole::Tooling => "tooling",
            FileRole::DevData => "dev-data",
            FileRole::Translations => "translations",
            FileRole::Vendored => "vendored",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }

    /// Where files of this role live unless the configuration's `file-roles` says otherwise.
    pub fn default_patterns(self) -> &'static [&'static str] {
        match self {
            FileRole::BrowserCode => &[
                "static/",
                "public/",
                "assets/",
                "client/",
                "frontend/",
                "*-frontend/",
                "front-end/",
                "www/",
                "wwwroot/",
                "browser/",
                "*.jsx",
                "*.tsx",
            ],
            FileRole::Tooling => &[
                "migrations*/",
                "*migrations/",
                "migration/",
                "alembic/",
                "alterations/",
                "upgrades/",
                "db/migrate/",
                "*.migration.*",
                "migrations.*",
                "scripts/",
                "script/",
                "tools/",
                "bin/",
                "cli/",
                "*.config.js",
                "*.config.cjs",
                "*.config.mjs",
                "*.config.ts",
                "*.config.mts",
                "Gruntfile.js",
                "gulpfile.js",
                "setup.py",
                "noxfile.py",
                "fabfile.py",
                // Benchmarks measure the code; no request runs them.
                "benchmarks/",
                "benchmark/",
                "*.bench.*",
                // Django management commands named for a one-off job: installing,
                // upgrading, backfilling or repairing data.
                "**/management/commands/init*.py",
                "**/management/commands/install*.py",
                "**/management/commands/setup_*.py",
                "**/management/commands/configure_*.py",
                "**/management/commands/upgrade*.py",
                "**/management/commands/migrate_*.py",
                "**/management/commands/backfill*.py",
                "**/management/commands/fix_*.py",
                "**/management/commands/repair_*.py",
                // ... or for a developer's or an operator's one-off job: creating the
                // default rows, filling a database with dummy data, importing a dump once,
                // listing or showing data, merging duplicates.
                "**/management/commands/create_*.py",
                "**/management/commands/fill_*.py",
                "**/management/commands/dummy*.py",
                "**/management/commands/import*.py",
                "**/management/commands/*_importer.py",
                "**/management/commands/list*.py",
                "**/management/commands/show_*.py",
                "**/management/commands/dedup*.py",
            ],
            FileRole::DevData => &[
                "seed/",
                "seeds/",
                "seeders/",
                "seed-data/",
                "*.seed.*",
                "seed.*",
                "mocks/",
                "mock/",
                "__mocks__/",
                "*.mock.*",
                "fake_data.py",
                "fake-data.*",
                "populate.py",
                "populate_*.py",
                "mock.*",
                "docker-compose.dev.*",
                "docker-compose.test.*",
                "compose.dev.*",
                "compose.test.*",
                // Stacks started for tests: their passwords guard throwaway containers.
                "docker-compose.integration.*",
                "docker-compose.e2e.*",
                "docker-compose.ci.*",
                "compose.integration.*",
                "compose.e2e.*",
                "compose.ci.*",
                "regtest/",
                "examples/",
                "example/",
                "samples/",
                "cypress/",
                "playwright/",
                // Examples and demos: code shown to users, not run for them.
                "*-examples/",
                "*_examples/",
                "example_*/",
                "example-*/",
                "sample/",
                "demo/",
                "demos/",
                // The project's documentation (at its root): doc-site configuration, the
                // example bots and clients of its guides.
                "/docs/",
                "/doc/",
                "/documentation/",
                // Test support outside the test paths: cucumber's support code and step
                // definitions, fixture modules, servers started only as test targets, hooks
                // that only the test suite calls.
                "/features*/support/",
                "step_definitions/",
                "step-definitions/",
                "fixtures/",
                "fixtures.*",
                "test-server/",
                "*-test-server/",
                "*_test_server/",
                "mock-server/",
                "*-mock-server/",
                "testing-hooks.*",
                "testing_hooks.*",
                "TestingHooks.*",
            ],
            FileRole::Translations => {
                &["i18n/", "locales/", "locale/", "translations/", "phrases/"]
            }
            FileRole::Vendored => &[
                "vendor/",
                "vendors/",
                "vendored/",
                "_vendor/",
                "third_party/",
                "third-party/",
                "thirdparty/",
                "3rdparty/",
                "bower_components/",
                "node_modules/",
                "jspm_packages/",
                "site-packages/",
            ],
        }
    }
}

/// A set of roles.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Roles {
    bits: u8,
    /// Minified or bundled: not written by hand.
    pub generated: bool,
}

impl Roles {
    pub fn has(self, role: FileRole) -> bool {
        self.bits & role.bit() != 0
    }

    pub fn insert(&mut self, role: FileRole) {
        self.bits |= role.bit();
    }

    /// True when a file of these roles is served code as far as the environment goes: its
    /// reads and checks of the environment happen when the app starts.
    pub fn runs_with_the_app(self) -> bool {
        !self.has(FileRole::BrowserCode)
            && !self.has(FileRole::Tooling)
            && !self.has(FileRole::DevData)
    }

    /// True when a rule skipping the roles of `mask` (see `mask`) does not check a file of
    /// these roles.
    pub fn skipped_by(self, mask: u8) -> bool {
        self.bits & mask != 0
    }

    /// The roles of a list, as a mask for `skipped_by`.
    pub fn mask(list: &[FileRole]) -> u8 {
        list.iter().fold(0, |acc, r| acc | r.bit())
    }
}

/// The patterns of each role: the defaults, or the configuration's.
pub struct RolePatterns {
    matchers: [Option<Gitignore>; 5],
}

impl RolePatterns {
    /// Builds the matchers; `configured` replaces the default list of the roles it names.
    pub fn new(configured: &[(FileRole, Vec<String>)]) -> Result<RolePatterns, String> {
        let mut matchers: [Option<Gitignore>; 5] = [None, None, None, None, None];
        for role in FileRole::ALL {
            let patterns: Vec<&str> = match configured.iter().find(|(r, _)| *r == role) {
                Some((_, list)) => list.iter().map(String::as_str).collect(),
                None => role.default_patterns().to_vec(),
            };
            let mut builder = GitignoreBuilder::new("");
            for pattern in patterns {
                builder
                    .add_line(None, pattern)
                    .map_err(|e| format!("invalid {} pattern `{pattern}`: {e}", role.name()))?;
            }
            matchers[role as usize] = Some(builder.build().map_err(|e| e.to_string())?);
        }
        Ok(RolePatterns { matchers })
    }

    /// The default patterns, built once.
    pub fn defaults() -> &'static RolePatterns {
        static DEFAULT: OnceLock<RolePatterns> = OnceLock::new();
        DEFAULT.get_or_init(|| {
            RolePatterns::new(&[]).unwrap_or(RolePatterns {
                matchers: [None, None, None, None, None],
            })
        })
    }

    /// The roles of a file: `relative` is its path relative to the project, `bytes` its
    /// content, `python` whether code is Python (`None` for files that are not code).
    pub fn roles_of(&self, relative: &Path, bytes: &[u8], python: Option<bool>) -> Roles {
        let mut roles = Roles::default();
        if !relative.has_root() {
            for role in FileRole::ALL {
                let matched = self.matchers[role as usize]
                    .as_ref()
                    .is_some_and(|m| m.matched_path_or_any_parents(relative, false).is_ignore());
                if matched {
                    roles.insert(role);
                }
            }
        }
        if let Some(python) = python {
            if !python && runs_in_the_browser(bytes) {
                roles.insert(FileRole::BrowserCode);
            }
            if !python && is_universal_module_build(bytes) {
                roles.insert(FileRole::Vendored);
            }
            if (!python && bytes.starts_with(b"#!")) || (python && is_python_script(bytes)) {
                roles.insert(FileRole::Tooling);
            }
            roles.generated = is_minified(relative, bytes)
                || (roles.has(FileRole::BrowserCode) && is_library_build(bytes));
        }
        roles
    }
}

/// A module that runs in the browser: a React `'use client'` directive before any code, an
/// import of a user-interface framework (not its server renderer), or Vite's
/// `import.meta.env`, which exists only in code a bundler builds for the browser.
fn runs_in_the_browser(bytes: &[u8]) -> bool {
    let head = bytes.get(..512).unwrap_or(bytes);
    let text = String::from_utf8_lossy(head);
    let directive = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
        .take(3)
        .any(|l| l.starts_with("'use client'") || l.starts_with("\"use client\""));
    if directive
        || memchr::memmem::find(bytes, b"import.meta.env").is_some()
        || uses_browser_globals_at_module_level(bytes)
    {
        return true;
    }
    const FRAMEWORKS: [&str; 7] = [
        "react",
        "react-dom",
        "vue",
        "svelte",
        "preact",
        "solid-js",
        "@angular/core",
    ];
    FRAMEWORKS.iter().any(|name| {
        [b'\'', b'"'].iter().any(|quote| {
            let mut needle = Vec::with_capacity(name.len() + 8);
            needle.extend_from_slice(b"from ");
            needle.push(*quote);
            needle.extend_from_slice(name.as_bytes());
            needle.push(*quote);
            memchr::memmem::find(bytes, &needle).is_some()
        })
    })
}

/// A statement at module level (not indented) that uses what only a browser or a web
/// worker has: `const anchor = document.createElement("a")`, `window.addEventListener(...)`,
/// `self.addEventListener("message", ...)`. Importing the module on a server would throw,
/// so it is not server code. A line that tests for them (`typeof window`) is code written
/// to run on both sides and does not count.
fn uses_browser_globals_at_module_level(bytes: &[u8]) -> bool {
    const GLOBALS: [&[u8]; 4] = [
        b"document.",
        b"window.",
        b"self.addEventListener(",
        b"self.onmessage",
    ];
    let body_indent = iife_body_indent(bytes);
    bytes.split(|b| *b == b'\n').any(|line| {
        // The statements of a file-wide `(function () { ... })()` run when the module
        // loads, as statements at module level do.
        let indent = line
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t'))
            .count();
        let line = match body_indent {
            Some(body) if indent == body => &line[indent..],
            _ => line,
        };
        let Some(first) = line.first() else {
            return false;
        };
        if first.is_ascii_whitespace() || *first == b'/' || *first == b'*' {
            return false;
        }
        if memchr::memmem::find(line, b"typeof").is_some() {
            return false;
        }
        GLOBALS.iter().any(|g| {
            memchr::memmem::find_iter(line, g).any(|at| {
                at == 0
                    || !(line[at - 1].is_ascii_alphanumeric()
                        || matches!(line[at - 1], b'_' | b'$' | b'.'))
            })
        })
    })
}

/// The indentation of the body of a function expression that wraps the whole file and is
/// called at once (`(function () {` or `(() => {` as its first line of code, `})()` at its
/// end), when the file never asks `typeof window` (code written to load on both sides).
fn iife_body_indent(bytes: &[u8]) -> Option<usize> {
    if memchr::memmem::find(bytes, b"typeof window").is_some() {
        return None;
    }
    let mut lines = bytes.split(|b| *b == b'\n').filter(|l| {
        let t = l.trim_ascii();
        !t.is_empty() && !t.starts_with(b"//") && !t.starts_with(b"/*") && !t.starts_with(b"*")
    });
    let opening = lines.next()?.trim_ascii();
    let opening = opening.strip_prefix(b";").unwrap_or(opening);
    let opens = (opening.starts_with(b"(function") || opening.starts_with(b"(() =>"))
        && opening.ends_with(b"{");
    let closing = bytes
        .split(|b| *b == b'\n')
        .map(<[u8]>::trim_ascii)
        .rfind(|l| !l.is_empty())?;
    if !opens || !closing.starts_with(b"})(") {
        return None;
    }
    let first_statement = lines.next()?;
    let indent = first_statement
        .iter()
        .take_while(|b| matches!(b, b' ' | b'\t'))
        .count();
    (indent > 0).then_some(indent)
}

/// A library distributed as a universal module: its opening wrapper asks which module
/// system loads it (`typeof define == "function" && define.amd`, AMD beside CommonJS), as a
/// library's build or source does so that any page or bundler can take it. An app's own
/// code is loaded one way and never asks.
fn is_universal_module_build(bytes: &[u8]) -> bool {
    let head = bytes.get(..2048).unwrap_or(bytes);
    memchr::memmem::find(head, b"define.amd").is_some()
        && memchr::memmem::find(head, b"typeof define").is_some()
}

/// A Python file run as a script (`if __name__ == "__main__":`, or command-line arguments
/// parsed at module level: `args = parser.parse_args()`) that starts no server.
fn is_python_script(bytes: &[u8]) -> bool {
    let main = memchr::memmem::find(bytes, b"__name__ == \"__main__\"").is_some()
        || memchr::memmem::find(bytes, b"__name__ == '__main__'").is_some()
        || parses_arguments_at_module_level(bytes);
    if !main {
        return false;
    }
    const SERVERS: [&[u8]; 6] = [
        b".run(",
        b"uvicorn",
        b"serve(",
        b"run_app(",
        b"run_simple(",
        b"make_server(",
    ];
    !SERVERS
        .iter()
        .any(|s| memchr::memmem::find(bytes, s).is_some())
}

/// A line at module level (not indented) that parses the command line: importing the module
/// runs the script.
fn parses_arguments_at_module_level(bytes: &[u8]) -> bool {
    memchr::memmem::find_iter(bytes, b".parse_args(").any(|at| {
        let line_start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
        bytes
            .get(line_start)
            .is_some_and(|c| !c.is_ascii_whitespace() && *c != b'#')
    })
}

/// A third-party library's distributed build copied into the app's static files: it opens
/// with a preserved banner (`/*!`) naming a version and a licence or copyright
/// (`/*! Vue.js v2.6.14 (c) 2014-2021 Evan You, Released under the MIT License. */`).
fn is_library_build(bytes: &[u8]) -> bool {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let Some(rest) = bytes.get(start..) else {
        return false;
    };
    if !rest.starts_with(b"/*!") {
        return false;
    }
    let Some(end) = memchr::memmem::find(rest, b"*/").filter(|&end| end < 2048) else {
        return false;
    };
    let banner = String::from_utf8_lossy(&rest[..end]).to_ascii_lowercase();
    let versioned = banner.contains("@version")
        || banner
            .match_indices(" v")
            .any(|(at, _)| banner[at + 2..].starts_with(|c: char| c.is_ascii_digit()));
    let licensed = ["license", "licence", "copyright", "(c)"]
        .iter()
        .any(|word| banner.contains(word));
    versioned && licensed
}

/// Minified or bundled code: a `.min.js`-style name, or lines far longer than anyone writes.
fn is_minified(relative: &Path, bytes: &[u8]) -> bool {
    let name = relative
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    if [
        ".min.js",
        ".min.mjs",
        ".min.cjs",
        ".bundle.js",
        "-bundle.js",
        ".chunk.js",
    ]
    .iter()
    .any(|suffix| name.ends_with(suffix))
    {
        return true;
    }
    if bytes.len() < 4096 {
        return false;
    }
    let lines = memchr::memchr_iter(b'\n', bytes).count() + 1;
    bytes.len() / lines > 300
}

/// The directories that hold copies of third-party Python packages under a name no
/// vendor-path convention gives (`lib/`, `libs/`, `ext/`): a folder that is no package
/// itself and holds at least two top-level packages or modules named as dependencies the
/// project declares in a manifest above it (`requirements*.txt`, `pyproject.toml`,
/// `Pipfile`). The app lists `urllib3` and `websocket-client` and ships `lib/urllib3/` and
/// `lib/websocket/`, which it puts on `sys.path`: the folder is a hand-made
/// `site-packages`, and what else it holds came the same way. An app's own packages are
/// not named as its dependencies, and a member package with a manifest of its own is not
/// counted. `py_files` are the project's Python files; `manifests` the manifests' paths and
/// texts.
pub fn vendored_python_sites(py_files: &[&Path], manifests: &[(&Path, &str)]) -> Vec<PathBuf> {
    use std::collections::{BTreeMap, BTreeSet};
    let packages: BTreeSet<&Path> = py_files
        .iter()
        .filter(|p| p.file_name().is_some_and(|n| n == "__init__.py"))
        .filter_map(|p| p.parent())
        .collect();
    let own_manifest: BTreeSet<&Path> = manifests.iter().filter_map(|(p, _)| p.parent()).collect();
    // The top-level packages and modules of each folder that is no package itself.
    let mut tops: BTreeMap<&Path, BTreeSet<String>> = BTreeMap::new();
    for file in py_files {
        let Some(parent) = file.parent() else {
            continue;
        };
        let (entry, holder) = if packages.contains(parent) {
            let Some(holder) = parent.parent() else {
                continue;
            };
            if packages.contains(holder) || own_manifest.contains(parent) {
                continue;
            }
            (parent.file_name(), holder)
        } else {
            (file.file_stem(), parent)
        };
        if let Some(name) = entry.and_then(|n| n.to_str()) {
            tops.entry(holder)
                .or_default()
                .insert(name.to_ascii_lowercase());
        }
    }
    let declared: Vec<(&Path, BTreeSet<String>)> = manifests
        .iter()
        .filter_map(|(path, text)| {
            let name = path.file_name()?.to_str()?;
            Some((path.parent()?, declared_python_dependencies(name, text)))
        })
        .filter(|(_, names)| !names.is_empty())
        .collect();
    tops.into_iter()
        .filter(|(holder, names)| {
            let mut wanted: BTreeSet<&str> = BTreeSet::new();
            for (dir, dependencies) in &declared {
                // A manifest strictly above the folder: the project root's own modules are
                // the app.
                if holder.starts_with(dir) && holder != dir {
                    wanted.extend(dependencies.iter().map(String::as_str));
                }
            }
            names
                .iter()
                .filter(|name| wanted.contains(name.as_str()))
                .nth(1)
                .is_some()
        })
        .map(|(holder, _)| holder.to_path_buf())
        .collect()
}

/// True when a Python file puts a folder of this name on the import path:
/// `sys.path.insert(0, os.path.join(ROOT, 'lib'))`, `sys.path.append(LIB)` with
/// `LIB = ... 'lib'` in the same file, `site.addsitedir('libs')`. Packages in such a folder
/// are imported as top-level packages, so one named as a dependency is that dependency.
pub fn puts_on_import_path(text: &str, folder: &str) -> bool {
    let changes_path = [
        "sys.path.insert",
        "sys.path.append",
        "sys.path[0:0]",
        "addsitedir",
    ]
    .iter()
    .any(|call| text.contains(call));
    changes_path
        && ['\'', '"'].iter().any(|quote| {
            text.match_indices(folder).any(|(at, _)| {
                let before = text[..at].chars().next_back();
                let after = text[at + folder.len()..].chars().next();
                matches!(before, Some(c) if c == *quote || c == '/') && after == Some(*quote)
            })
        })
}

/// The names a Python package may be imported under, for each dependency a manifest
/// declares: the distribution name in lower case with `-` and `.` as `_`
/// (`cherrypy-cors` → `cherrypy_cors`), its first word (`paho-mqtt` → `paho`,
/// `websocket-client` → `websocket`) and the name without a `python`/`py` prefix
/// (`python-twitter` → `twitter`, `PyJWT` → `jwt`). Local paths, URLs and options are not
/// dependencies on a published package and are left out.
pub fn declared_python_dependencies(
    file_name: &str,
    text: &str,
) -> std::collections::BTreeSet<String> {
    let mut names = std::collections::BTreeSet::new();
    let mut add = |raw: &str| {
        let name: String = raw
            .trim()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            .collect();
        let name = name.to_ascii_lowercase().replace(['-', '.'], "_");
        let name = name.trim_matches('_');
        if name.len() < 2 || name == "python" {
            return;
        }
        names.insert(name.to_string());
        if let Some((first, _)) = name.split_once('_') {
            if first.len() >= 2 {
                names.insert(first.to_string());
            }
        }
        for prefix in ["python_", "py"] {
            if let Some(rest) = name.strip_prefix(prefix).filter(|r| r.len() >= 2) {
                names.insert(rest.trim_start_matches('_').to_string());
            }
        }
    };
    let is_requirement = |line: &str| {
        let line = line.trim();
        !line.is_empty()
            && line.starts_with(|c: char| c.is_ascii_alphanumeric())
            && !line.contains("://")
            && !line.starts_with("file:")
    };
    if file_name.starts_with("requirements") && file_name.ends_with(".txt") {
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("");
            if is_requirement(line) {
                add(line);
            }
        }
        return names;
    }
    // TOML manifests: the keys of a dependency table (`[packages]`,
    // `[tool.poetry.dependencies]`) and the strings of a `dependencies = [...]` array.
    if file_name == "pyproject.toml" || file_name == "Pipfile" {
        let mut in_table = false;
        let mut in_array = false;
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.starts_with('[') && !in_array {
                let header = line.trim_matches(|c| c == '[' || c == ']');
                in_table = header.ends_with("dependencies")
                    || header == "packages"
                    || header == "dev-packages";
                continue;
            }
            if in_array || (line.contains("dependencies") && line.contains("= [")) {
                let start = if in_array {
                    0
                } else {
                    line.find('[').map_or(0, |i| i + 1)
                };
                in_array = !line[start..].contains(']');
                for part in line[start..].split(',') {
                    let value = part.trim().trim_end_matches(']').trim();
                    if let Some(inner) = value
                        .strip_prefix('"')
                        .or_else(|| value.strip_prefix('\''))
                        .filter(|v| is_requirement(v))
                    {
                        add(inner);
                    }
                }
                continue;
            }
            if in_table {
                if let Some((key, _)) = line.split_once('=') {
                    let key = key.trim().trim_matches('"');
                    if key != "python" && is_requirement(key) {
                        add(key);
                    }
                }
            }
        }
    }
    names
}

/// True when a file's own name says it belongs to a test suite: `*.test.*`, `*.spec.*`,
/// `*.e2e.*`, `test_*.py`, `*_test.py`, `tests.py`, `conftest.py`, and the set-up files of test
/// runners (`test-setup.*`, `setupTests.*`, `jest.setup.*`, `vitest.setup.*`,
/// `test-utils.*`, `test_helper*`). A file under the test paths named so is test code
/// even without a test framework call: it sets up or supports the tests, and no request
/// reaches it. (A directory name alone is not enough: an `e2e/` or `spec/` folder can hold
/// served code, so files there need the framework too.)
pub fn named_as_test(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let name = name.to_ascii_lowercase();
    let stem = name.split('.').next().unwrap_or("");
    let inner: Vec<&str> = name.split('.').skip(1).collect();
    let has_inner = |word: &str| inner.len() >= 2 && inner[..inner.len() - 1].contains(&word);
    has_inner("test")
        || has_inner("spec")
        || has_inner("e2e")
        || (name.ends_with(".py")
            && (stem.starts_with("test_")
                || stem.ends_with("_test")
                || stem == "tests"
                || stem == "conftest"))
        || matches!(
            stem,
            "test-setup"
                | "test_setup"
                | "setuptests"
                | "test-utils"
                | "test_utils"
                | "testutils"
                | "testutil"
        )
        || stem.starts_with("test_helper")
        || stem.starts_with("test-helper")
        || ((stem == "jest" || stem == "vitest") && has_inner("setup"))
}

/// True when a code file under the test paths is test code, which the rules about served
/// code skip: its name says it is part of the tests, or it is written with a test framework.
pub fn is_test_code(relative: &Path, bytes: &[u8], python: bool) -> bool {
    named_as_test(relative) || uses_test_framework(bytes, python)
}

/// True when a code file is written with a test framework: a call of `describe`, `it`,
/// `test`, `suite`, `beforeEach` … (Mocha, Jest, Vitest, Jasmine, Playwright, `node:test`,
/// also as `describe.only(` or `test.each(`), or a pytest or unittest test. Asked only of files
/// under the test paths, so the scan costs nothing elsewhere.
pub fn uses_test_framework(bytes: &[u8], python: bool) -> bool {
    if python {
        const MARKS: &[&[u8]] = &[
            b"def test_",
            b"import pytest",
            b"from pytest",
            b"import unittest",
            b"from unittest",
            b"TestCase",
        ];
        return MARKS
            .iter()
            .any(|mark| memchr::memmem::find(bytes, mark).is_some());
    }
    const CALLS: &[&[u8]] = &[
        b"describe",
        b"it",
        b"test",
        b"suite",
        b"beforeEach",
        b"beforeAll",
        b"afterEach",
        b"afterAll",
    ];
    const MODIFIERS: &[&[u8]] = &[
        b"only",
        b"skip",
        b"each",
        b"todo",
        b"concurrent",
        b"serial",
        b"describe",
    ];
    let is_word = crate::lang::js_scan::is_ident_byte;
    let skip_space = |mut i: usize| {
        while bytes.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
            i += 1;
        }
        i
    };
    CALLS.iter().any(|name| {
        memchr::memmem::find_iter(bytes, name).any(|at| {
            if at > 0 && (is_word(bytes[at - 1]) || bytes[at - 1] == b'.') {
                return false;
            }
            let after = skip_space(at + name.len());
            match bytes.get(after) {
                Some(b'(') => true,
                Some(b'.') => {
                    let from = skip_space(after + 1);
                    MODIFIERS.iter().any(|m| {
                        bytes[from..].starts_with(m)
                            && !bytes.get(from + m.len()).is_some_and(|c| is_word(*c))
                    })
                }
                _ => false,
            }
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(path: &str, text: &str) -> Roles {
        let python = path.ends_with(".py");
        RolePatterns::defaults().roles_of(Path::new(path), text.as_bytes(), Some(python))
    }

    #[test]
    fn roles_by_path_and_content() {
        assert!(roles("app/static/js/chart.js", "").has(FileRole::BrowserCode));
        assert!(roles("src/components/Page.tsx", "").has(FileRole::BrowserCode));
        assert!(roles("src/page.ts", "'use client';\nexport {}").has(FileRole::BrowserCode));
        assert!(roles("src/a.ts", "import { ref } from 'vue';\n").has(FileRole::BrowserCode));
        assert!(
            !roles(
                "src/ssr.ts",
                "import { renderToString } from 'react-dom/server';\n"
            )
            .has(FileRole::BrowserCode)
        );
        assert!(
            roles("src/b.ts", "const u = import.meta.env.VITE_URL;\n").has(FileRole::BrowserCode)
        );
        assert!(!roles("src/server.ts", "import x from 'y'").has(FileRole::BrowserCode));
        // Globals only a browser or a web worker has, used at module level.
        let page = "const anchor = document.createElement('a');\n";
        assert!(roles("src/track.js", page).has(FileRole::BrowserCode));
        let worker = "self.addEventListener('message', (e) => run(e.data));\n";
        assert!(roles("src/sandbox.worker.ts", worker).has(FileRole::BrowserCode));
        // Inside a function, or behind a `typeof` test, it is code for both sides.
        let inside = "export function f() {\n  return document.title;\n}\n";
        assert!(!roles("src/title.ts", inside).has(FileRole::BrowserCode));
        let tested = "if (typeof window !== 'undefined') window.x = 1;\n";
        assert!(!roles("src/iso.ts", tested).has(FileRole::BrowserCode));
        // The top level of a file-wide function expression called at once runs at load.
        let wrapped =
            "(function () {\n  const x = 1;\n  window.addEventListener('message', f);\n})();\n";
        assert!(roles("plugin/main.js", wrapped).has(FileRole::BrowserCode));
        let nested = "(function () {\n  function f() {\n    return window.name;\n  }\n  module.exports = f;\n})();\n";
        assert!(!roles("src/nested.js", nested).has(FileRole::BrowserCode));
        let asked = "(function (root) {\n  root.x = 1;\n  window.y = 2;\n})(typeof window !== 'undefined' ? window : global);\n";
        assert!(!roles("src/both.js", asked).has(FileRole::BrowserCode));
        assert!(!roles("src/a.ts", "const mydocument.x = 1;\n").has(FileRole::BrowserCode));
        assert!(roles("web-frontend/modules/core/cache.js", "").has(FileRole::BrowserCode));
        assert!(roles("packages/front-end/services/sql.ts", "").has(FileRole::BrowserCode));
        assert!(!roles("packages/back-end/src/services/sql.ts", "").has(FileRole::BrowserCode));
        assert!(roles("hc/api/migrations/0001_x.py", "").has(FileRole::Tooling));
        // Management commands are often periodic jobs over every row: they stay checked.
        assert!(!roles("app/management/commands/prune.py", "").has(FileRole::Tooling));
        assert!(roles("app/management/commands/initdb.py", "").has(FileRole::Tooling));
        assert!(roles("app/management/commands/upgrade_tags.py", "").has(FileRole::Tooling));
        assert!(
            roles("app/management/commands/dummy-generator-weight.py", "").has(FileRole::Tooling)
        );
        assert!(roles("app/management/commands/list_users.py", "").has(FileRole::Tooling));
        assert!(!roles("app/management/commands/send_reminders.py", "").has(FileRole::Tooling));
        assert!(roles("app/core/migrations.py", "").has(FileRole::Tooling));
        assert!(
            roles(
                "commands/fill.py",
                "import argparse\nparser = argparse.ArgumentParser()\nargs = parser.parse_args()\n"
            )
            .has(FileRole::Tooling)
        );
        assert!(
            !roles(
                "app/cli.py",
                "def main(parser):\n    args = parser.parse_args()\n"
            )
            .has(FileRole::Tooling)
        );
        assert!(roles("rollup.config.js", "").has(FileRole::Tooling));
        assert!(roles("run.js", "#!/usr/bin/env node\n").has(FileRole::Tooling));
        assert!(
            roles(
                "conv.py",
                "def f(): pass\nif __name__ == '__main__':\n    f()\n"
            )
            .has(FileRole::Tooling)
        );
        assert!(
            !roles(
                "main.py",
                "app = Flask(__name__)\nif __name__ == '__main__':\n    app.run()\n"
            )
            .has(FileRole::Tooling)
        );
        assert!(roles("prisma/seed/config.seed.ts", "").has(FileRole::DevData));
        assert!(roles("benchmarks/bench_orders.py", "").has(FileRole::Tooling));
        assert!(roles("src/queries.bench.ts", "").has(FileRole::Tooling));
        assert!(roles("docker-compose.integration.yml", "").has(FileRole::DevData));
        assert!(roles("docker/regtest/docker-compose.yml", "").has(FileRole::DevData));
        assert!(!roles("docker-compose.yml", "").has(FileRole::DevData));
        assert!(roles("src/i18n/pt.js", "").has(FileRole::Translations));
        assert!(roles("src/db/users.ts", "").runs_with_the_app());
        let vendored = "/*!\n * Lib.js v2.6.14\n * (c) 2014-2021 Someone\n * Released under the MIT License.\n */\nvar a = 1;\n";
        assert!(roles("static/js/lib.js", vendored).generated);
        assert!(!roles("server/lib.js", vendored).generated);
        assert!(!roles("static/js/app.js", "/*! our app */\nvar a = 1;\n").generated);
        let minified = format!("{}\n", "var a=1;".repeat(1000));
        assert!(roles("static/x.js", &minified).generated);
        assert!(roles("lib/echarts.min.js", "").generated);
        assert!(!roles("lib/x.js", "var a = 1;\n").generated);
        // Code no user runs in production: examples, demos, documentation, test support,
        // vendored libraries.
        assert!(roles("docs/discord-bot/index.js", "").has(FileRole::DevData));
        assert!(roles("ext/example_datastore/backend.py", "").has(FileRole::DevData));
        assert!(!roles("ext/examples.py", "").has(FileRole::DevData));
        assert!(!roles("src/routes/docs/index.js", "").has(FileRole::DevData));
        assert!(roles("rtmp/demo/server/server.js", "").has(FileRole::DevData));
        assert!(roles("features/support/hooks.ts", "").has(FileRole::DevData));
        assert!(roles("features-legacy/support/world.ts", "").has(FileRole::DevData));
        assert!(roles("features/step_definitions/ws.ts", "").has(FileRole::DevData));
        assert!(roles("packages/api/src/fixtures.ts", "").has(FileRole::DevData));
        assert!(roles("infosec/oauth2-test-server/app.js", "").has(FileRole::DevData));
        assert!(roles("app/server/lib/TestingHooks.ts", "").has(FileRole::DevData));
        assert!(!roles("src/features/billing/support.ts", "").has(FileRole::DevData));
        assert!(roles("vendor/lib/x.py", "").has(FileRole::Vendored));
        assert!(roles("app/third_party/x.js", "").has(FileRole::Vendored));
        let umd = "(function(mod) {\n  if (typeof exports == \"object\") mod(require(\"a\"));\n  else if (typeof define == \"function\" && define.amd) define([\"a\"], mod);\n})(function(A) {});\n";
        assert!(roles("libraries/editor/mode/x.js", umd).has(FileRole::Vendored));
        assert!(!roles("lib/monitor.js", "const a = require('a');\n").has(FileRole::Vendored));
        assert!(!roles("lib/x.py", umd).has(FileRole::Vendored));
    }

    #[test]
    fn vendored_python_sites_need_declared_dependencies() {
        let names = declared_python_dependencies(
            "requirements.txt",
            "paho-mqtt==2.1.0\nPyJWT>=2 # tokens\npython-twitter\n-e ./local\ngit+https://x/y.git\n",
        );
        for name in [
            "paho_mqtt",
            "paho",
            "pyjwt",
            "jwt",
            "python_twitter",
            "twitter",
        ] {
            assert!(names.contains(name), "{name}");
        }
        assert!(!names.contains("local") && !names.contains("git"));
        let toml = "[project]\nname = \"app\"\ndependencies = [\n  \"websocket-client>=1\",\n  'certifi',\n]\n[tool.poetry.dependencies]\npython = \"^3.11\"\nurllib3 = \"^2\"\n";
        let names = declared_python_dependencies("pyproject.toml", toml);
        for name in ["websocket", "certifi", "urllib3"] {
            assert!(names.contains(name), "{name}");
        }
        assert!(!names.contains("app") && !names.contains("python"));
        let files: Vec<&Path> = [
            "app/main.py",
            "app/__init__.py",
            "lib/urllib3/__init__.py",
            "lib/urllib3/util.py",
            "lib/websocket/__init__.py",
            "lib/six.py",
            "plugins/slack/__init__.py",
        ]
        .iter()
        .map(Path::new)
        .collect();
        let reqs = "urllib3\nwebsocket-client\nsix\nslack-sdk\n";
        let sites = vendored_python_sites(&files, &[(Path::new("requirements.txt"), reqs)]);
        assert_eq!(sites, vec![PathBuf::from("lib")]);
        // One package named as a dependency is not enough, nor a manifest beside it.
        let one = vendored_python_sites(&files, &[(Path::new("requirements.txt"), "urllib3\n")]);
        assert!(one.is_empty());
        let beside = vendored_python_sites(&files, &[(Path::new("lib/requirements.txt"), reqs)]);
        assert!(beside.is_empty());
        assert!(puts_on_import_path(
            "import sys\nsys.path.insert(0, os.path.join(HERE, 'lib'))\n",
            "lib"
        ));
        assert!(puts_on_import_path(
            "LIBS = BASE + \"/libs\"\nsite.addsitedir(LIBS)\n",
            "libs"
        ));
        assert!(!puts_on_import_path("from lib import x\n", "lib"));
        assert!(!puts_on_import_path(
            "sys.path.insert(0, 'src')\nlibrary = 'x'\n",
            "lib"
        ));
    }

    #[test]
    fn test_support_files_are_known_by_name() {
        for name in [
            "test/test-setup.ts",
            "src/orders.test.js",
            "src/orders.spec.ts",
            "e2e/login.e2e.ts",
            "tests/test_orders.py",
            "tests/orders_test.py",
            "app/tests.py",
            "tests/conftest.py",
            "src/setupTests.js",
            "jest.setup.ts",
            "test/test_helper.py",
            "test/TestUtil.ts",
        ] {
            assert!(named_as_test(Path::new(name)), "{name}");
        }
        for name in [
            "test/report-queries.ts",
            "tests/reports.py",
            "src/testimonials.js",
            "spec/orders.ts",
            "src/test.js",
            "src/latest_test_results.ts",
            "contest.py",
        ] {
            assert!(!named_as_test(Path::new(name)), "{name}");
        }
    }
}
