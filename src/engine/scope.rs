//! Which files a run walks and which it reports on.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::absolute_path;
use crate::facts::topology::normalize;
use crate::root::{self};

/// Which files a run walks and which it reports on.
pub(super) struct Scope {
    pub(super) walk_roots: Vec<PathBuf>,
    /// `None`: report everything walked. Otherwise the files given and the directories given
    /// (reported with everything below them), as absolute paths.
    pub(super) report_only: Option<(BTreeSet<PathBuf>, Vec<PathBuf>)>,
}

impl Scope {
    /// A run over directories that are their own project roots walks and reports them
    /// whole. Otherwise (a file named, or a directory inside a project: `cd svc && backlint
    /// check`) the projects around the paths are walked, so that cross-file rules see the
    /// compose files, Dockerfiles and modules beside them, and only the paths given are
    /// reported on.
    pub(super) fn new(paths: &[PathBuf]) -> Scope {
        let is_own_root = |dir: &PathBuf| {
            let root = root::project_root(dir);
            match (std::path::absolute(&root), std::path::absolute(dir)) {
                (Ok(root), Ok(dir)) => normalize(&root) == normalize(&dir),
                _ => true,
            }
        };
        if paths.iter().all(|p| p.is_dir() && is_own_root(p)) {
            return Scope {
                walk_roots: paths.to_vec(),
                report_only: None,
            };
        }
        let (dirs, files): (Vec<PathBuf>, Vec<PathBuf>) = paths
            .iter()
            .map(|p| absolute_path(p))
            .partition(|p| p.is_dir());
        let files: BTreeSet<PathBuf> = files.into_iter().collect();
        let mut roots: Vec<PathBuf> = paths.iter().map(|p| root::project_root(p)).collect();
        roots.sort();
        roots.dedup();
        Scope {
            walk_roots: roots,
            report_only: Some((files, dirs)),
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
                let path = absolute_path(Path::new(display));
                files.contains(&path) || dirs.iter().any(|d| path.starts_with(d))
            }
        }
    }
}
