//! Files that others pull in (Caddy `import`, compose `include` and `env_file`), linted the
//! way their importer reads them.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::Engine;
use super::file::FileResult;
use super::scope::Scope;
use crate::diagnostic::{Diagnostic, Severity};
use crate::discover::{self, Input};
use crate::facts::topology::normalize;
use crate::lang::FileKind;
use crate::root::{Boundary, Refusal};

impl Engine {
    /// The files the linted ones pull in that must be linted (again) the way their importer
    /// reads them: Caddy `import` globs (records what each resolves to in the importer's
    /// facts), compose `include` paths and services' `env_file`s. Only files under the walked
    /// roots, not excluded, not of another kind by name, and each followed once.
    /// A reference that leads out of the project (an absolute path, `..`, a link) is not
    /// followed: it becomes a diagnostic on the referencing line, in `refused`, which never
    /// shows what the target holds. So is a reference to a file the project's ignore files
    /// leave out and git does not track, silently, as the walk skips it.
    pub(super) fn referenced_inputs(
        &self,
        results: &mut [FileResult],
        scope: &Scope,
        boundary: &Boundary,
        followed: &mut BTreeSet<PathBuf>,
        refused: &mut Vec<Diagnostic>,
    ) -> Vec<Input> {
        // Path → (kind, read as a fragment): a file imported both at the top level and
        // inside a block is read as a whole Caddyfile.
        let mut wanted: BTreeMap<PathBuf, (FileKind, bool)> = BTreeMap::new();
        for result in results.iter_mut() {
            let Some(pf) = result.facts.as_mut() else {
                continue;
            };
            let dir = pf.path.parent().map(Path::to_path_buf).unwrap_or_default();
            let first_visit = !followed.contains(&normalize(&pf.path));
            let mut refuse = |refusal: Refusal, written: &str, range: &Range<usize>| {
                if let (Refusal::OutsideProject { .. }, true) = (refusal, first_visit) {
                    refused.push(outside_project(&pf.display, written, range.clone()));
                }
            };
            if let Some(caddy) = &pf.facts.caddy {
                let mut resolved = Vec::new();
                for import in &caddy.imports {
                    if caddy.defines_snippet(&import.pattern.text) {
                        continue;
                    }
                    let mut outside = None;
                    for path in discover::caddy_import_matches(&pf.path, &import.pattern.text) {
                        let path = normalize(&path);
                        if path == normalize(&pf.path) {
                            continue;
                        }
                        match boundary.admit(&path) {
                            Ok(real) if boundary.is_ignored(&real) => continue,
                            Ok(_) => {}
                            Err(refusal) => {
                                outside.get_or_insert(refusal);
                                continue;
                            }
                        }
                        let entry = wanted
                            .entry(path.clone())
                            .or_insert((FileKind::Caddy, import.in_block));
                        if entry.0 == FileKind::Caddy {
                            entry.1 &= import.in_block;
                        }
                        resolved.push(path);
                    }
                    if let Some(refusal) = outside {
                        refuse(refusal, &import.pattern.text, &import.pattern.range);
                    }
                }
                resolved.sort();
                resolved.dedup();
                Arc::make_mut(&mut pf.facts).caddy_imports = resolved;
            }
            if let Some(compose) = &pf.facts.compose {
                let includes = compose.includes.iter().flat_map(|i| i.paths.iter());
                let env_files = compose.services.iter().flat_map(|s| s.env_file.iter());
                for (kind, file) in includes
                    .map(|p| (FileKind::Compose, p))
                    .chain(env_files.map(|p| (FileKind::Env, p)))
                {
                    if file.value.contains('$') {
                        continue;
                    }
                    let path = normalize(&dir.join(&file.value));
                    match boundary.admit(&path) {
                        Ok(real) if boundary.is_ignored(&real) => {}
                        Ok(_) => {
                            wanted.entry(path).or_insert((kind, false));
                        }
                        Err(refusal) => refuse(refusal, &file.value, &file.range),
                    }
                }
            }
        }
        let mut out = Vec::new();
        if wanted.is_empty() {
            return out;
        }
        // How each file wanted was linted: only files of a name wanted are made normal to
        // compare (most files of a project are referenced by none).
        let wanted_names: BTreeSet<&std::ffi::OsStr> =
            wanted.keys().filter_map(|p| p.file_name()).collect();
        let linted: BTreeMap<PathBuf, (FileKind, bool)> = results
            .iter()
            .filter(|r| r.path.file_name().is_some_and(|n| wanted_names.contains(n)))
            .map(|r| (normalize(&r.path), (r.kind, r.fragment)))
            .collect();
        for (path, (kind, fragment)) in wanted {
            if linted.get(&path) == Some(&(kind, fragment)) || followed.contains(&path) {
                continue;
            }
            // A file whose name says it is something else is not read as Caddy config or
            // compose; a YAML file not named like a compose file is, when included.
            let by_name = discover::kind_for_walk(&path);
            let fits = match kind {
                FileKind::Caddy => matches!(by_name, None | Some(FileKind::Caddy)),
                FileKind::Compose => {
                    matches!(by_name, Some(FileKind::Compose) | Some(FileKind::K8s))
                }
                FileKind::Env => matches!(by_name, None | Some(FileKind::Env)),
                _ => false,
            };
            if !fits
                || !scope.walk_roots.iter().any(|r| is_within(r, &path))
                || self.configs.is_excluded(&super::absolute_path(&path))
            {
                continue;
            }
            followed.insert(path.clone());
            out.push(Input {
                path,
                kind,
                explicit: false,
                fragment,
            });
        }
        out
    }
}

/// A file reference that backlint does not follow because it leads out of the project. It
/// names the reference as written, never what the target holds.
pub(super) fn outside_project(file: &Arc<str>, written: &str, range: Range<usize>) -> Diagnostic {
    Diagnostic {
        file: Some(file.clone()),
        rule: "outside-project",
        severity: Severity::Info,
        range,
        message: format!(
            "`{written}` is not read: it leads outside the project, and backlint reads only files inside it"
        ),
        labels: Vec::new(),
        help: Some(
            "keep referenced files inside the repository to have them checked; a path that only exists where the app is deployed cannot be checked here".into(),
        ),
        fix: None,
    }
}

/// True when `path` lies under `root`, compared lexically (`..` never climbs out).
pub(super) fn is_within(root: &Path, path: &Path) -> bool {
    let root = normalize(root);
    let path = normalize(path);
    path.starts_with(&root)
        && path
            .components()
            .skip(root.components().count())
            .all(|c| !matches!(c, std::path::Component::ParentDir))
}
