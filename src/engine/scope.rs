//! Which files a run walks and which it reports on.

use std::collections::BTreeSet;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

use super::absolute_path;
use crate::root::{self};

/// Which files a run walks and which it reports on.
pub(super) struct Scope {
    pub(super) walk_roots: Vec<PathBuf>,
    /// `None`: report everything walked. Otherwise the files given and the directories given
    /// (reported with everything below them), as absolute paths.
    pub(super) report_only: Option<(BTreeSet<PathBuf>, Vec<PathBuf>)>,
    /// The last component of each file given: most files of a run that names a few are
    /// told apart from them by their name alone.
    named_file_names: BTreeSet<OsString>,
}

impl Scope {
    /// A run over directories that are their own project roots walks and reports them
    /// whole. Otherwise (a file named, or a directory inside a project: `cd svc && backlint
    /// check`) the projects around the paths are walked, so that cross-file rules see the
    /// compose files, Dockerfiles and modules beside them, and only the paths given are
    /// reported on.
    pub(super) fn new(paths: &[PathBuf]) -> Scope {
        let is_own_root =
            |dir: &PathBuf| absolute_path(&root::project_root(dir)) == absolute_path(dir);
        if paths.iter().all(|p| p.is_dir() && is_own_root(p)) {
            return Scope {
                walk_roots: paths.to_vec(),
                report_only: None,
                named_file_names: BTreeSet::new(),
            };
        }
        let (dirs, files): (Vec<PathBuf>, Vec<PathBuf>) = paths
            .iter()
            .map(|p| absolute_path(p))
            .partition(|p| p.is_dir());
        let files: BTreeSet<PathBuf> = files.into_iter().collect();
        // One root however it is spelled (`.` and its absolute path): it is walked once.
        let mut roots: Vec<PathBuf> = Vec::new();
        for root in paths.iter().map(|p| root::project_root(p)) {
            if !roots
                .iter()
                .any(|r| absolute_path(r) == absolute_path(&root))
            {
                roots.push(root);
            }
        }
        roots.sort();
        let named_file_names = files
            .iter()
            .filter_map(|f| f.file_name().map(OsStr::to_os_string))
            .collect();
        Scope {
            walk_roots: roots,
            report_only: Some((files, dirs)),
            named_file_names,
        }
    }

    /// The files named on the command line (not the directories).
    pub(super) fn named_files(paths: &[PathBuf]) -> Vec<PathBuf> {
        paths.iter().filter(|p| !p.is_dir()).cloned().collect()
    }

    pub(super) fn reports(&self, display: &str) -> bool {
        match &self.report_only {
            None => true,
            Some((files, dirs)) => {
                // Most files of a run that names a few are none of them, as their name
                // tells without making their path absolute.
                let named = Path::new(display)
                    .file_name()
                    .is_some_and(|name| self.named_file_names.contains(name));
                if dirs.is_empty() && !named {
                    return false;
                }
                let path = absolute_path(Path::new(display));
                files.contains(&path) || dirs.iter().any(|d| path.starts_with(d))
            }
        }
    }

    /// `path` spelled from the walk root that holds it (`app.py` named in `svc` is
    /// `../svc/app.py` when the root is `..`); as given when no root holds it.
    pub(super) fn spelled_from_root(&self, path: &Path) -> PathBuf {
        let absolute = absolute_path(path);
        self.walk_roots
            .iter()
            .find_map(|root| {
                let below = absolute.strip_prefix(absolute_path(root)).ok()?;
                Some(root.join(below))
            })
            .unwrap_or_else(|| path.to_path_buf())
    }
}
