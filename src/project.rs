//! Project-level facts: small owned values kept from each file for the rules that look
//! across files (compose services, Caddy upstreams, package versions). No syntax tree is kept.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::lang::FileKind;
use crate::lang::caddyfile::Caddyfile;
use crate::lang::compose::ComposeFile;
use crate::lang::dotenv::EnvFile;
use crate::rules::shared::express::ExpressFacts;

/// What one file contributes to the project index.
#[derive(Debug, Default)]
pub struct FileFacts {
    pub compose: Option<ComposeFile>,
    pub caddy: Option<Caddyfile>,
    pub env: Option<EnvFile>,
    pub package: Option<PackageFacts>,
    /// JavaScript/TypeScript modules: apps, handlers, imports and exports (Express rules).
    pub express: Option<ExpressFacts>,
}

impl FileFacts {
    pub fn is_empty(&self) -> bool {
        self.compose.is_none()
            && self.caddy.is_none()
            && self.env.is_none()
            && self.package.is_none()
            && self.express.is_none()
    }
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
