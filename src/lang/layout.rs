//! Where lines start and end in a source text, and how they are indented: what a fix that
//! adds or re-indents lines needs to keep the file's own layout.

/// The start of the line holding byte `at`.
pub fn line_start(src: &str, at: usize) -> usize {
    src[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The start of the line after the one holding `at` (or the end of the text).
pub fn next_line_start(src: &str, at: usize) -> usize {
    src[at..].find('\n').map_or(src.len(), |i| at + i + 1)
}

/// The white space that starts the line holding `at`, when only white space precedes `at`.
pub fn indentation(src: &str, at: usize) -> Option<&str> {
    let indent = &src[line_start(src, at)..at];
    is_blank_indent(indent).then_some(indent)
}

/// One level of indentation: what `inner` (a line inside a block) adds to `outer` (the
/// line that opens it), when that is a non-empty run of spaces or tabs.
pub fn indent_step<'s>(outer: &str, inner: &'s str) -> Option<&'s str> {
    inner
        .strip_prefix(outer)
        .filter(|step| !step.is_empty() && is_blank_indent(step))
}

fn is_blank_indent(text: &str) -> bool {
    text.bytes().all(|b| b == b' ' || b == b'\t')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_indentation() {
        let src = "fn() {\n    body;\n}\n";
        let body = src.find("body").unwrap_or(0);
        assert_eq!(line_start(src, body), 7);
        assert_eq!(next_line_start(src, body), 17);
        assert_eq!(indentation(src, body), Some("    "));
        assert_eq!(indentation(src, body + 2), None);
        assert_eq!(indent_step("  ", "    "), Some("  "));
        assert_eq!(indent_step("  ", "  "), None);
        assert_eq!(indent_step("\t", "\tx"), None);
    }
}
