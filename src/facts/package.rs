//! Packages: the apps a repository holds (a Node API with its `package.json`, a Python
//! worker with its `pyproject.toml`), and what their manifests say.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::facts::topology::normalize;

/// The parts of a `package.json` that rules ask about.
#[derive(Serialize, Deserialize, Debug, Default, Clone)]
pub struct PackageFacts {
    pub name: Option<String>,
    /// The manifest's `description`.
    #[serde(default)]
    pub description: Option<String>,
    /// Version range of each dependency (all dependency sections), sorted by name.
    pub dependencies: Vec<(String, String)>,
    /// The `scripts` section, in file order.
    pub scripts: Vec<PackageScript>,
    /// True when the manifest may put development-only packages into an install: it lists
    /// `devDependencies`, or it is a workspace root (`workspaces`), whose members may.
    #[serde(default)]
    pub may_install_dev_packages: bool,
}

/// One entry of a package.json's `scripts`: `"start": "node dist/main.js"`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct PackageScript {
    pub name: String,
    pub command: String,
    /// The command's string literal in the file, quotes included (empty when it cannot be
    /// found, which a JSON file rewritten with escapes may cause).
    pub range: std::ops::Range<usize>,
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
        let mut scripts = Vec::new();
        if let Some(map) = value.get("scripts").and_then(|v| v.as_object()) {
            let section = text.find("\"scripts\"").unwrap_or(0);
            for (name, command) in map {
                let Some(command) = command.as_str() else {
                    continue;
                };
                scripts.push(PackageScript {
                    name: name.clone(),
                    command: command.to_string(),
                    range: script_range(text, section, name, command).unwrap_or(0..0),
                });
            }
        }
        let lists_dev_dependencies = value
            .get("devDependencies")
            .and_then(|v| v.as_object())
            .is_some_and(|map| !map.is_empty());
        Some(PackageFacts {
            may_install_dev_packages: lists_dev_dependencies || value.get("workspaces").is_some(),
            name: value
                .get("name")
                .and_then(|v| v.as_str())
                .map(str::to_string),
            description: value
                .get("description")
                .and_then(|v| v.as_str())
                .map(str::to_string),
            dependencies,
            scripts,
        })
    }

    pub fn script(&self, name: &str) -> Option<&PackageScript> {
        self.scripts.iter().find(|s| s.name == name)
    }

    /// True for the package of a browser front end: it depends on a user-interface
    /// framework that renders in the browser (`vue`, `react-dom`, `svelte`, ...) and on
    /// nothing that serves requests or talks to a database (`express`, `@nestjs/core`,
    /// `next`, `pg`, `mongoose`, ...). The front end of a monorepo (`packages/web`) is then
    /// browser code wherever its files sit, as `client/` or a `.tsx` file is by path.
    pub fn is_browser_front_end(&self) -> bool {
        const USER_INTERFACE: [&str; 7] = [
            "vue",
            "react-dom",
            "svelte",
            "preact",
            "solid-js",
            "@angular/core",
            "lit",
        ];
        // Servers, full-stack frameworks that also render on a server, desktop shells whose
        // main process is Node, and database clients: code of such a package may serve.
        const SERVES: [&str; 40] = [
            "express",
            "fastify",
            "koa",
            "@koa/router",
            "hono",
            "@hapi/hapi",
            "restify",
            "polka",
            "@nestjs/core",
            "@adonisjs/core",
            "next",
            "nuxt",
            "@sveltejs/kit",
            "@remix-run/node",
            "@remix-run/server-runtime",
            "@react-router/node",
            "astro",
            "@builder.io/qwik-city",
            "@solidjs/start",
            "@analogjs/platform",
            "@angular/ssr",
            "@angular/platform-server",
            "electron",
            "socket.io",
            "ws",
            "@apollo/server",
            "apollo-server",
            "graphql-yoga",
            "pg",
            "mysql",
            "mysql2",
            "sqlite3",
            "better-sqlite3",
            "mongodb",
            "mongoose",
            "sequelize",
            "typeorm",
            "knex",
            "@prisma/client",
            "ioredis",
        ];
        USER_INTERFACE.iter().any(|d| self.dependency(d).is_some())
            && !SERVES.iter().any(|d| self.dependency(d).is_some())
    }

    /// True for a package whose description says it exists for a test suite or as an
    /// example: `"e2e tests for the app"`, `"Mock gateway server for E2E testing"`,
    /// `"Testing API server"`, `"an OAuth2 test server"`, `"Webhook endpoint example"`. Its
    /// servers are test targets and samples, not the product. (Asked of packages below the
    /// project root: a repository's own manifest describes the product, which may be an
    /// example app.) A product about tests is not one: `"A/B testing platform"`,
    /// `"load testing tool"`, `"end-to-end encrypted"` name no test of this code.
    pub fn is_for_tests_or_examples(&self) -> bool {
        let Some(description) = self.description.as_deref() else {
            return false;
        };
        let lower = description.to_ascii_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let products_about_tests = ["a", "b", "load", "stress", "performance", "penetration"];
        words.iter().enumerate().any(|(i, word)| {
            let before = i.checked_sub(1).map(|j| words[j]);
            let after = words.get(i + 1).copied();
            match *word {
                "e2e" | "example" | "mock" => true,
                "end" => {
                    after == Some("to")
                        && words.get(i + 2) == Some(&"end")
                        && words.get(i + 3).is_some_and(|w| w.starts_with("test"))
                }
                "test" | "tests" | "testing" => {
                    !before.is_some_and(|b| products_about_tests.contains(&b))
                        && !matches!(after, Some("platform" | "tool" | "tools" | "framework"))
                }
                _ => false,
            }
        })
    }

    pub fn dependency(&self, name: &str) -> Option<&str> {
        self.dependencies
            .binary_search_by(|(n, _)| n.as_str().cmp(name))
            .ok()
            .map(|i| self.dependencies[i].1.as_str())
    }
}

/// Where the value of script `name` stands in the text of a package.json: the first
/// `"name": "command"` after the `scripts` key, both as JSON spells them.
fn script_range(
    text: &str,
    section: usize,
    name: &str,
    command: &str,
) -> Option<std::ops::Range<usize>> {
    let key = serde_json::to_string(name).ok()?;
    let value = serde_json::to_string(command).ok()?;
    let mut from = section;
    while let Some(at) = text.get(from..)?.find(&key) {
        let after_key = from + at + key.len();
        let rest = text.get(after_key..)?;
        let colon = rest.len() - rest.trim_start().len();
        if rest.trim_start().starts_with(':') {
            let after_colon = after_key + colon + 1;
            let rest = text.get(after_colon..)?;
            let start = after_colon + (rest.len() - rest.trim_start().len());
            if text.get(start..)?.starts_with(&value) {
                return Some(start..start + value.len());
            }
        }
        from = after_key;
    }
    None
}

/// The highest major version an npm version range allows: `Some(Some(8))` for `^8.5.1`,
/// `~8.0.0`, `8.x`, `8.5.1`, `<9.0.0` or `>=7 <9`; `Some(None)` when it allows every later
/// version (`>=8`, `*`, `latest`, an empty range); `None` when the range cannot be read
/// (a git URL, a file path, `workspace:`, an alias, a dist tag other than `latest`).
pub fn highest_major(range: &str) -> Option<Option<u64>> {
    let range = range.trim();
    if range.is_empty() || range == "*" || range == "latest" || range == "x" {
        return Some(None);
    }
    let mut highest: Option<u64> = Some(0);
    for alternative in range.split("||") {
        let bound = alternative_highest_major(alternative.trim())?;
        highest = match (highest, bound) {
            (Some(a), Some(b)) => Some(a.max(b)),
            _ => None,
        };
    }
    Some(highest)
}

/// `highest_major` of one alternative of a range (no `||`).
fn alternative_highest_major(alternative: &str) -> Option<Option<u64>> {
    if alternative.is_empty() || alternative == "*" || alternative == "x" {
        return Some(None);
    }
    // A hyphen range `1.2.3 - 8.4.0` is bounded by its right side.
    let alternative = match alternative.split_once(" - ") {
        Some((_, upper)) => upper.trim(),
        None => alternative,
    };
    let mut upper: Option<u64> = None;
    let mut unbounded_below = false;
    for comparator in alternative.split_whitespace() {
        let (operator, version) = split_operator(comparator);
        let mut parts = version.trim_start_matches(['v', '=']).split('.');
        let major_text = parts.next().unwrap_or("");
        let minor = parts.next();
        let patch = parts.next();
        let major: u64 = match major_text {
            "*" | "x" | "X" => {
                unbounded_below = true;
                continue;
            }
            text => text.parse().ok()?,
        };
        let is_zero = |p: Option<&str>| p.is_none_or(|v| v == "0" || v.starts_with("0-"));
        let bound = match operator {
            ">" | ">=" => {
                unbounded_below = true;
                continue;
            }
            // `<9`, `<9.0.0` allow 8 at most; `<9.1` allows 9.
            "<" if is_zero(minor) && is_zero(patch) => major.checked_sub(1)?,
            "<" | "<=" | "^" | "~" | "" | "=" => major,
            _ => return None,
        };
        upper = Some(upper.map_or(bound, |u: u64| u.min(bound)));
    }
    match upper {
        Some(u) => Some(Some(u)),
        None if unbounded_below => Some(None),
        None => None,
    }
}

/// A comparator's operator and version: `>=8.0.0` → (`>=`, `8.0.0`).
fn split_operator(comparator: &str) -> (&str, &str) {
    for operator in [">=", "<=", ">", "<", "^", "~", "="] {
        if let Some(version) = comparator.strip_prefix(operator) {
            return (operator, version);
        }
    }
    ("", comparator)
}

/// True for the file name of a package manifest that gives no facts of its own but marks the
/// root of a package: Python's `pyproject.toml`, `setup.py`, `setup.cfg`, `Pipfile` and
/// `requirements*.txt`. (`package.json` is read for its facts.)
pub fn is_manifest(name: &str) -> bool {
    matches!(
        name,
        "pyproject.toml" | "setup.py" | "setup.cfg" | "Pipfile"
    ) || (name.starts_with("requirements") && name.ends_with(".txt"))
}

/// The packages of a project: the directories holding a package manifest. A file belongs to
/// the nearest one at or above it; a project without any manifest is one package, and so
/// are the files above every manifest.
#[derive(Debug, Default)]
pub struct Packages {
    roots: BTreeSet<PathBuf>,
}

impl Packages {
    /// The packages rooted at these directories.
    pub fn new<'a>(dirs: impl Iterator<Item = &'a Path>) -> Packages {
        Packages {
            roots: dirs.map(normalize).collect(),
        }
    }

    /// The root of the package `file` belongs to; `None` for the files outside every
    /// package (in a project without manifests: every file), which form one package.
    pub fn package_of(&self, file: &Path) -> Option<&Path> {
        normalize(file)
            .ancestors()
            .skip(1)
            .find_map(|dir| self.roots.get(dir))
            .map(PathBuf::as_path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_belongs_to_the_nearest_manifest_directory() {
        let packages = Packages::new(
            [
                Path::new("."),
                Path::new("services/api"),
                Path::new("./worker"),
            ]
            .into_iter(),
        );
        assert_eq!(
            packages.package_of(Path::new("services/api/src/app.js")),
            Some(Path::new("services/api"))
        );
        assert_eq!(
            packages.package_of(Path::new("./worker/main.py")),
            Some(Path::new("worker"))
        );
        assert_eq!(
            packages.package_of(Path::new("scripts/seed.js")),
            Some(normalize(Path::new(".")).as_path())
        );
        let none = Packages::default();
        assert_eq!(none.package_of(Path::new("a/b.js")), None);
    }

    #[test]
    fn version_ranges_give_their_highest_major() {
        assert_eq!(highest_major("^8.5.1"), Some(Some(8)));
        assert_eq!(highest_major("~8.0.0"), Some(Some(8)));
        assert_eq!(highest_major("8.x"), Some(Some(8)));
        assert_eq!(highest_major("8.5.1"), Some(Some(8)));
        assert_eq!(highest_major("<9.0.0"), Some(Some(8)));
        assert_eq!(highest_major(">=7.0.0 <9"), Some(Some(8)));
        assert_eq!(highest_major("7.0.0 - 8.5.1"), Some(Some(8)));
        assert_eq!(highest_major("^8.5.1 || ^9.0.0"), Some(Some(9)));
        assert_eq!(highest_major("^9.0.2"), Some(Some(9)));
        assert_eq!(highest_major(">=8"), Some(None));
        assert_eq!(highest_major("*"), Some(None));
        assert_eq!(highest_major("latest"), Some(None));
        assert_eq!(highest_major("github:auth0/node-jsonwebtoken"), None);
        assert_eq!(highest_major("file:../jwt"), None);
        assert_eq!(highest_major("workspace:*"), None);
    }

    #[test]
    fn a_front_end_package_depends_on_a_user_interface_and_no_server() {
        let facts = |json: &str| PackageFacts::parse(json).unwrap_or_default();
        assert!(facts(r#"{"dependencies": {"vue": "^3", "axios": "^1"}}"#).is_browser_front_end());
        assert!(facts(r#"{"devDependencies": {"react-dom": "^18"}}"#).is_browser_front_end());
        assert!(
            !facts(r#"{"dependencies": {"react-dom": "^18", "next": "^14"}}"#)
                .is_browser_front_end()
        );
        assert!(
            !facts(r#"{"dependencies": {"vue": "^3", "express": "^4"}}"#).is_browser_front_end()
        );
        assert!(!facts(r#"{"dependencies": {"svelte": "^4", "pg": "^8"}}"#).is_browser_front_end());
        assert!(!facts(r#"{"dependencies": {"express": "^4"}}"#).is_browser_front_end());
        for description in [
            "e2e tests for the Community Edition",
            "Mock AI gateway server for E2E testing",
            "Testing API server (OpenAPI + GraphQL)",
            "This is an OAuth2 test server",
            "Webhook endpoint example",
            "End-to-end tests for the app",
        ] {
            let manifest = format!(r#"{{"description": "{description}"}}"#);
            assert!(facts(&manifest).is_for_tests_or_examples(), "{description}");
        }
        for description in [
            "Open source feature flags and A/B testing platform",
            "A load testing tool",
            "a collaborative suite that is end-to-end encrypted",
            "Payment microservice",
            "Testing framework for APIs",
        ] {
            let manifest = format!(r#"{{"description": "{description}"}}"#);
            assert!(
                !facts(&manifest).is_for_tests_or_examples(),
                "{description}"
            );
        }
        assert!(!facts(r#"{"name": "app"}"#).is_for_tests_or_examples());
    }

    #[test]
    fn dev_packages_come_from_dev_dependencies_or_workspace_members() {
        let facts = |json: &str| PackageFacts::parse(json).unwrap_or_default();
        assert!(!facts(r#"{"dependencies": {"express": "^4"}}"#).may_install_dev_packages);
        assert!(!facts(r#"{"devDependencies": {}}"#).may_install_dev_packages);
        assert!(facts(r#"{"devDependencies": {"jest": "^29"}}"#).may_install_dev_packages);
        assert!(facts(r#"{"workspaces": ["packages/*"]}"#).may_install_dev_packages);
    }

    #[test]
    fn python_manifests_are_known_by_name() {
        assert!(is_manifest("pyproject.toml"));
        assert!(is_manifest("requirements-dev.txt"));
        assert!(!is_manifest("README.txt"));
    }
}
