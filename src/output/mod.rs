//! Output formats. codespan-reporting lives only in `human`.

pub mod ci;
pub mod escape;
pub mod human;
pub mod json;
pub mod sarif;

use crate::diagnostic::Severity;
use crate::engine::Finding;

/// Counts of findings by severity.
#[derive(Default, Clone, Copy)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub fn of(findings: &[Finding]) -> Counts {
        let mut counts = Counts::default();
        for f in findings {
            match f.severity {
                Severity::Error => counts.errors += 1,
                Severity::Warning => counts.warnings += 1,
                Severity::Info => counts.infos += 1,
            }
        }
        counts
    }
}
