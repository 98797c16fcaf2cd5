//! Helpers shared by backlint's fuzz targets.

use std::ops::Range;

/// The fuzz input as text: invalid UTF-8 is replaced, as a lossy reader would.
pub fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// Panics unless `range` is a valid slice of `text`: in bounds, start before end, both ends
/// on character boundaries. Every span a parser returns is used to slice its file and to
/// compute line and column positions, so a bad one is a bug even when nothing panics yet.
pub fn check_span(text: &str, range: &Range<usize>, what: &str) {
    assert!(
        text.get(range.clone()).is_some(),
        "{what}: span {range:?} is not a slice of the {}-byte input",
        text.len()
    );
}
