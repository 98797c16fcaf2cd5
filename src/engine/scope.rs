//! Which files a run walks and which it reports on.

use std::path::PathBuf;

use super::display_path;
use crate::root::{self};

/// Which files a run walks and which it reports on.
pub(super) struct Scope {
    pub(super) walk_roots: Vec<PathBuf>,
    /// `None`: report everything walked. Otherwise the display paths of the files given and
    /// the directories given (reported with everything below them).
    pub(super) report_only: Option<(Vec<String>, Vec<String>)>,
}

impl Scope {
    pub(super) fn new(paths: &[PathBuf]) -> Scope {
        let has_file = paths.iter().any(|p| !p.is_dir());
        if !has_file {
            return Scope {
                walk_roots: paths.to_vec(),
                report_only: None,
            };
        }
        let files: Vec<String> = paths
            .iter()
            .filter(|p| !p.is_dir())
            .map(|p| display_path(p))
            .collect();
        let dirs: Vec<String> = paths
            .iter()
            .filter(|p| p.is_dir())
            .map(|p| {
                let d = display_path(p);
                if d.is_empty() || d == "." {
                    String::new()
                } else {
                    format!("{}/", d.trim_end_matches('/'))
                }
            })
            .collect();
        let mut roots: Vec<PathBuf> = paths.iter().map(|p| root::project_root(p)).collect();
        roots.sort();
        roots.dedup();
        Scope {
            walk_roots: roots,
            report_only: Some((files, dirs)),
        }
    }

    pub(super) fn reports(&self, display: &str) -> bool {
        match &self.report_only {
            None => true,
            Some((files, dirs)) => {
                files.iter().any(|f| f == display)
                    || dirs.iter().any(|d| display.starts_with(d.as_str()))
            }
        }
    }
}
