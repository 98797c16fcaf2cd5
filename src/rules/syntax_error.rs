//! syntax-error: JavaScript, TypeScript or Python code that does not parse, reported at the
//! first error of its tree; the other rules still run on the rest of the tree.

use std::ops::Range;

use crate::diagnostic::Findings;
use crate::lang::FileKind;
use crate::rules::Rule;
use crate::source::SourceFile;

pub struct SyntaxError;

/// The JavaScript and TypeScript grammars do not read every valid construct (type
/// arguments on a tagged template, which they mend with a made-up `!`; `&` in JSX text):
/// only a missing closing bracket counts as a missing token, and the error is confirmed by
/// a scan of the brackets, strings, templates and comments, which must fail to pair up too.
/// In JSX, where text with an apostrophe also defeats that scan, only a missing closing
/// bracket counts.
fn confirmed_in_js(file: &SourceFile, kind: FileKind, message: &str) -> bool {
    if let Some(token) = message.strip_prefix("missing ") {
        if !matches!(token, "`}`" | "`)`" | "`]`") {
            return false;
        }
    }
    let jsx = kind == FileKind::Tsx
        || file
            .path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("jsx"));
    if jsx {
        return message.starts_with("missing ");
    }
    crate::lang::js_scan::scan(file.text.as_bytes()).is_none()
}

impl Rule for SyntaxError {
    fn reads_every_file(&self) -> bool {
        true
    }

    fn check_syntax_error(
        &self,
        file: &SourceFile,
        kind: FileKind,
        range: Range<usize>,
        message: &str,
        out: &mut Findings,
    ) {
        let language = match kind {
            FileKind::Js => "JavaScript",
            FileKind::Ts | FileKind::Tsx => "TypeScript",
            FileKind::Py => "Python",
            _ => return,
        };
        if kind != FileKind::Py && !confirmed_in_js(file, kind, message) {
            return;
        }
        out.report(range, format!("{language} syntax error: {message}"))
            .help("the file does not parse: it fails when it is loaded, and backlint's other rules read only what is around the error");
    }
}
