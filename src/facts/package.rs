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
    fn python_manifests_are_known_by_name() {
        assert!(is_manifest("pyproject.toml"));
        assert!(is_manifest("requirements-dev.txt"));
        assert!(!is_manifest("README.txt"));
    }
}
