//! Finding the files to lint: the `ignore` crate's parallel walker, honouring `.gitignore`.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ignore::{WalkBuilder, WalkState};

use crate::facts::package::is_manifest;
use crate::lang::FileKind;

/// A file to lint.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Input {
    pub path: PathBuf,
    pub kind: FileKind,
    /// Named on the command line (not found by walking).
    pub explicit: bool,
    /// Caddy configuration imported inside a block (`import conf.d/*` in a site): its lines
    /// are directives of that block.
    pub fragment: bool,
}

/// Sorts inputs as their order (`Ord`) does, path by path component, but comparing each
/// path's components once encoded (a path compared by its components walks them again on
/// every comparison, a few microseconds a pair on a large project).
pub fn sort_inputs(inputs: &mut [Input]) {
    inputs.sort_by_cached_key(|input| {
        (
            component_order(&input.path),
            input.kind,
            input.explicit,
            input.fragment,
        )
    });
}

/// A path's bytes ordered as its components are: each component a tag (its kind, in the
/// order of `Component`'s variants) and its name, separated by a zero byte, which no name
/// holds and which sorts a path before any longer one it begins.
fn component_order(path: &Path) -> Vec<u8> {
    use std::path::Component;
    let mut key = Vec::with_capacity(path.as_os_str().len() + 8);
    for (index, component) in path.components().enumerate() {
        if index > 0 {
            key.push(0);
        }
        match component {
            Component::Prefix(prefix) => {
                key.push(1);
                key.extend_from_slice(prefix.as_os_str().as_encoded_bytes());
            }
            Component::RootDir => key.push(2),
            Component::CurDir => key.push(3),
            Component::ParentDir => key.push(4),
            Component::Normal(name) => {
                key.push(5);
                key.extend_from_slice(name.as_encoded_bytes());
            }
        }
    }
    key
}

/// Directories never walked into: dependencies, virtual environments, VCS data, build output.
const SKIPPED_DIRS: &[&str] = &[
    "node_modules",
    ".git",
    ".hg",
    ".svn",
    "venv",
    ".venv",
    "__pycache__",
    ".tox",
    ".nox",
    ".mypy_cache",
    ".pytest_cache",
    "site-packages",
    "dist",
    "build",
    ".next",
    ".nuxt",
    ".svelte-kit",
    "coverage",
    ".turbo",
    "target",
    "bower_components",
    "vendor",
];

/// The kind of a file met while walking, or `None` if backlint does not read it.
/// YAML files that are not named like compose files may be Kubernetes manifests; their
/// content decides later.
pub fn kind_for_walk(path: &Path) -> Option<FileKind> {
    if let Some(kind) = FileKind::detect(path) {
        return Some(kind);
    }
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    if (name.ends_with(".yaml") || name.ends_with(".yml")) && !name.starts_with('.') {
        return Some(FileKind::K8s);
    }
    None
}

fn is_hidden_but_read(name: &str) -> bool {
    name == ".env" || name.starts_with(".env.")
}

/// Problems met while walking (unreadable directories), reported on stderr.
#[derive(Default)]
pub struct Discovery {
    pub inputs: Vec<Input>,
    /// Package manifests that are no input (`pyproject.toml`, `requirements.txt` …): they
    /// mark where a package starts (`facts::package`).
    pub manifests: Vec<PathBuf>,
    pub errors: Vec<String>,
    /// The directories walked, and those passed over as virtual environments (a marker
    /// file decides, not the name): what a kept file list watches for changes.
    pub walked_dirs: Vec<PathBuf>,
    /// The files git tracks although an ignore file matches them (also in `inputs`).
    pub tracked_ignored: Vec<PathBuf>,
}

/// Walks the given paths in parallel. Directory contents are filtered by kind and ignore
/// rules; files named explicitly are always included when their kind is known.
pub fn discover(paths: &[PathBuf], threads: usize) -> Discovery {
    let mut found = Discovery::default();
    let mut dirs = Vec::new();
    for path in paths {
        if path.is_dir() {
            dirs.push(path.clone());
        } else if let Some(kind) = kind_for_walk(path) {
            found.inputs.push(Input {
                path: path.clone(),
                kind,
                explicit: true,
                fragment: false,
            });
        } else if path.file_name().is_some_and(|n| n.to_str().is_none()) {
            found.errors.push(format!(
                "note: {}: skipped: the name is not UTF-8",
                path.to_string_lossy()
            ));
        }
    }
    // Git lists what it tracks while the walk runs.
    let tracked: Vec<(&PathBuf, Option<std::process::Child>)> = dirs
        .iter()
        .map(|dir| (dir, ask_tracked_but_ignored(dir)))
        .collect();
    let names = std::sync::Arc::new(Mutex::new(Vec::new()));
    let virtual_envs = std::sync::Arc::new(Mutex::new(Vec::new()));
    if let Some((first, rest)) = dirs.split_first() {
        let unreadable_names = names.clone();
        let passed_over_envs = virtual_envs.clone();
        let mut builder = WalkBuilder::new(first);
        for dir in rest {
            builder.add(dir);
        }
        builder
            .hidden(false)
            .git_ignore(true)
            .git_global(false)
            .git_exclude(true)
            .ignore(true)
            .parents(true)
            .require_git(false)
            .threads(threads)
            .filter_entry(move |entry| {
                let Some(name) = entry.file_name().to_str() else {
                    // Every name backlint reads is UTF-8; say what is passed over.
                    if let Ok(mut v) = unreadable_names.lock() {
                        v.push(format!(
                            "note: {}: skipped: the name is not UTF-8",
                            entry.path().to_string_lossy()
                        ));
                    }
                    return false;
                };
                if entry.depth() == 0 {
                    return true;
                }
                let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                if is_dir {
                    if name.starts_with('.') || SKIPPED_DIRS.contains(&name) {
                        return false;
                    }
                    // Virtual environments go by many names; their marker file does not.
                    if entry.path().join("pyvenv.cfg").exists() {
                        if let Ok(mut v) = passed_over_envs.lock() {
                            v.push(entry.path().to_path_buf());
                        }
                        return false;
                    }
                    return true;
                }
                !name.starts_with('.') || is_hidden_but_read(name)
            });
        let inputs = Mutex::new(Vec::new());
        let manifests = Mutex::new(Vec::new());
        let errors = Mutex::new(Vec::new());
        // Without git, what is committed cannot be told from what is ignored: the directories
        // walked are kept to look for env templates an ignore line hides.
        let without_git: Vec<&PathBuf> = dirs
            .iter()
            .filter(|d| !crate::root::project_root(d).join(".git").exists())
            .collect();
        let walked_dirs = Mutex::new(Vec::new());
        let all_walked_dirs = Mutex::new(Vec::new());
        builder.build_parallel().run(|| {
            Box::new(|result| {
                match result {
                    Ok(entry) => {
                        let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                        if is_dir {
                            if let Ok(mut v) = all_walked_dirs.lock() {
                                v.push(entry.path().to_path_buf());
                            }
                        }
                        if is_dir
                            && !without_git.is_empty()
                            && without_git.iter().any(|d| entry.path().starts_with(d))
                        {
                            if let Ok(mut v) = walked_dirs.lock() {
                                v.push(entry.path().to_path_buf());
                            }
                        }
                        if entry.file_type().is_some_and(|t| t.is_file()) {
                            if let Some(kind) = kind_for_walk(entry.path()) {
                                if let Ok(mut v) = inputs.lock() {
                                    v.push(Input {
                                        path: entry.into_path(),
                                        kind,
                                        explicit: false,
                                        fragment: false,
                                    });
                                }
                            } else if entry.file_name().to_str().is_some_and(is_manifest) {
                                if let Ok(mut v) = manifests.lock() {
                                    v.push(entry.into_path());
                                }
                            }
                        }
                    }
                    Err(err) => {
                        if let Ok(mut v) = errors.lock() {
                            v.push(format!("warning: {err}"));
                        }
                    }
                }
                WalkState::Continue
            })
        });
        found.inputs.extend(inputs.into_inner().unwrap_or_default());
        found.manifests = manifests.into_inner().unwrap_or_default();
        found.manifests.sort();
        found.errors.extend(errors.into_inner().unwrap_or_default());
        for dir in walked_dirs.into_inner().unwrap_or_default() {
            found.inputs.extend(ignored_env_templates(&dir));
        }
        found.walked_dirs = all_walked_dirs.into_inner().unwrap_or_default();
    }
    if let Ok(mut names) = names.lock() {
        found.errors.append(&mut names);
    }
    if let Ok(mut envs) = virtual_envs.lock() {
        found.walked_dirs.append(&mut envs);
    }
    found.walked_dirs.sort();
    // What the repository holds is read, ignored or not: a committed `.env` with a live
    // password, or an `.env.example` matched by an `.env.*` ignore line.
    for (dir, asked) in tracked {
        for path in tracked_but_ignored(dir, asked) {
            if let Some(kind) = kind_for_walk(&path) {
                found.tracked_ignored.push(path.clone());
                found.inputs.push(Input {
                    path,
                    kind,
                    explicit: false,
                    fragment: false,
                });
            }
        }
    }
    sort_inputs(&mut found.inputs);
    found.inputs.dedup_by(|a, b| a.path == b.path);
    found.errors.sort();
    found
}

/// The env templates (`.env.example`, `example.env`) directly in `dir`, found whether or not
/// an ignore line matches them. Only asked where there is no git to say what is committed:
/// ignore files often list `.env*` for the live files, and a template on disk is
/// documentation the repository ships (`process.loadEnvFile('.env.example')` reads it).
fn ignored_env_templates(dir: &Path) -> Vec<Input> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|path| crate::lang::dotenv::is_env_template(path))
        .filter_map(|path| {
            let kind = kind_for_walk(&path)?;
            Some(Input {
                path,
                kind,
                explicit: false,
                fragment: false,
            })
        })
        .collect()
}

/// Asks git for the files below `dir` that it tracks although an ignore file matches them
/// (`tracked_but_ignored` reads the answer); none outside a git repository or without git.
fn ask_tracked_but_ignored(dir: &Path) -> Option<std::process::Child> {
    if !crate::root::project_root(dir).join(".git").exists() {
        return None;
    }
    std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "ls-files",
            "-z",
            "--cached",
            "--ignored",
            "--exclude-standard",
            "--",
            ".",
        ])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .ok()
}

/// The files below `dir` that git tracks although an ignore file matches them, as the walk
/// would name them; none outside a git repository or without git. Directories the walk never
/// enters (dependencies, build output, hidden ones) are left out here too.
fn tracked_but_ignored(dir: &Path, asked: Option<std::process::Child>) -> Vec<PathBuf> {
    let Some(Ok(out)) = asked.map(std::process::Child::wait_with_output) else {
        return Vec::new();
    };
    if !out.status.success() {
        return Vec::new();
    }
    out.stdout
        .split(|b| *b == 0)
        .filter_map(|entry| std::str::from_utf8(entry).ok())
        .filter(|entry| !entry.is_empty())
        .filter(|entry| {
            let parts: Vec<&str> = entry.split('/').collect();
            let (name, dirs) = parts.split_last().unwrap_or((&"", &[]));
            dirs.iter()
                .all(|d| !d.starts_with('.') && !SKIPPED_DIRS.contains(d))
                && (!name.starts_with('.') || is_hidden_but_read(name))
        })
        .map(|entry| dir.join(entry))
        .collect()
}

/// More files than any Caddy setup imports from one pattern.
const MAX_IMPORT_MATCHES: usize = 1_000;

/// The files an `import` of a Caddy configuration file reads, found the way Caddy finds them:
/// the pattern is relative to the importing file; `*` and `?` match within one path segment;
/// when the last segment starts with `*`, names starting with `.` are left out. Patterns Caddy
/// rejects (more than one `*` or `?`, a `[...]` class), absolute paths (paths inside the
/// container, not in the repository) and patterns with placeholders match nothing.
pub fn caddy_import_matches(importer: &Path, pattern: &str) -> Vec<PathBuf> {
    if pattern.is_empty()
        || pattern.contains('{')
        || Path::new(pattern).is_absolute()
        || pattern.matches('*').count() > 1
        || pattern.matches('?').count() > 1
        || (pattern.contains('[') && pattern.contains(']'))
    {
        return Vec::new();
    }
    let base = importer.parent().map(Path::to_path_buf).unwrap_or_default();
    let segments: Vec<&str> = pattern.split('/').filter(|s| !s.is_empty()).collect();
    let mut candidates = vec![base];
    for (i, segment) in segments.iter().enumerate() {
        if !segment.contains(['*', '?']) {
            for c in &mut candidates {
                c.push(segment);
            }
            continue;
        }
        let skip_hidden = i + 1 == segments.len() && segment.starts_with('*');
        let mut expanded = Vec::new();
        for dir in &candidates {
            let dir_to_read = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir.as_path()
            };
            let Ok(entries) = std::fs::read_dir(dir_to_read) else {
                continue;
            };
            for entry in entries.flatten() {
                let name = entry.file_name();
                let Some(name) = name.to_str() else { continue };
                if (skip_hidden && name.starts_with('.')) || !glob_match(segment, name) {
                    continue;
                }
                expanded.push(dir.join(name));
                if expanded.len() >= MAX_IMPORT_MATCHES {
                    break;
                }
            }
        }
        expanded.sort();
        candidates = expanded;
    }
    candidates.retain(|c| c.is_file());
    candidates
}

/// `*` (any run of characters) and `?` (one character) against a name; at most one of each,
/// so the match is a prefix, a suffix and a length check.
fn glob_match(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    let same = |a: &[char], b: &[char]| {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| *x == '?' || x == y)
    };
    match p.iter().position(|c| *c == '*') {
        None => same(&p, &n),
        Some(star) => {
            let (head, tail) = (&p[..star], &p[star + 1..]);
            n.len() >= head.len() + tail.len()
                && same(head, &n[..head.len()])
                && same(tail, &n[n.len() - tail.len()..])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_sort_as_their_paths_compare() {
        let paths = [
            "./a/b.py",
            "./a.b/c.py",
            "./a/b/c.py",
            "./a-b/c.py",
            "./ab.py",
            "./a",
            "../x/y.py",
            "/abs/z.py",
            "a/b.py",
            "./a/b.py",
            "./A/b.py",
            "./a/b.pyc",
        ];
        let mut inputs: Vec<Input> = paths
            .iter()
            .flat_map(|p| {
                [FileKind::Py, FileKind::Js].map(|kind| Input {
                    path: PathBuf::from(p),
                    kind,
                    explicit: p.len() % 2 == 0,
                    fragment: false,
                })
            })
            .collect();
        let mut expected = inputs.clone();
        expected.sort();
        sort_inputs(&mut inputs);
        assert_eq!(inputs, expected);
    }

    #[test]
    fn globs_match_within_a_segment() {
        assert!(glob_match("*.caddy", "admin.caddy"));
        assert!(!glob_match("*.caddy", "admin.caddyfile"));
        assert!(glob_match("*", "api"));
        assert!(glob_match("site?.conf", "site1.conf"));
        assert!(!glob_match("site?.conf", "site10.conf"));
        assert!(glob_match("a*z", "az"));
        assert!(!glob_match("ab*ba", "aba"));
        assert!(glob_match("exact", "exact"));
    }
}
