//! yaml-syntax: a compose file or manifest that is not valid YAML.

use std::ops::Range;

use crate::diagnostic::Findings;
use crate::lang::FileKind;
use crate::rules::Rule;
use crate::source::SourceFile;

pub struct YamlSyntax;

impl Rule for YamlSyntax {
    fn check_syntax_error(
        &self,
        _file: &SourceFile,
        kind: FileKind,
        range: Range<usize>,
        message: &str,
        out: &mut Findings,
    ) {
        if !matches!(kind, FileKind::Compose | FileKind::K8s) {
            return;
        }
        out.report(range, format!("invalid YAML: {message}"))
            .help("fix the YAML: until it parses, Docker Compose and kubectl reject the file and backlint cannot check what it describes");
    }
}
