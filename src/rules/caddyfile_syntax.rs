//! caddyfile-syntax: a Caddyfile that Caddy would refuse to load.

use std::ops::Range;

use crate::diagnostic::Findings;
use crate::lang::FileKind;
use crate::rules::Rule;
use crate::source::SourceFile;

pub struct CaddyfileSyntax;

impl Rule for CaddyfileSyntax {
    fn check_syntax_error(
        &self,
        _file: &SourceFile,
        kind: FileKind,
        range: Range<usize>,
        message: &str,
        out: &mut Findings,
    ) {
        if kind != FileKind::Caddy {
            return;
        }
        out.report(range, format!("Caddyfile syntax error: {message}"))
            .help("Caddy refuses to start with this file; `caddy validate --config Caddyfile` shows the same error");
    }
}
