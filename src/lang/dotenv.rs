//! `.env` files: `KEY=value` lines with the byte span of every key and value.

use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::path::Path;

use crate::util::find_byte;

#[derive(Serialize, Deserialize, Debug, Clone)]
pub struct EnvEntry {
    pub key: String,
    pub key_range: Range<usize>,
    /// The value with quotes removed.
    pub value: String,
    pub value_range: Range<usize>,
    /// The whole `KEY=value` span.
    pub range: Range<usize>,
}

#[derive(Clone, Serialize, Deserialize, Debug, Default)]
pub struct EnvFile {
    pub entries: Vec<EnvEntry>,
    /// Keys of commented-out assignments (`# AZURE_ACCOUNT_NAME=`): in a template, the
    /// documentation of an optional setting.
    pub commented: Vec<String>,
}

impl EnvFile {
    pub fn get(&self, key: &str) -> Option<&EnvEntry> {
        self.entries.iter().rev().find(|e| e.key == key)
    }
}

/// Parses dotenv text. Lines that are not assignments are ignored, as dotenv readers do.
pub fn parse(text: &str) -> EnvFile {
    let mut entries = Vec::new();
    let mut commented = Vec::new();
    let bytes = text.as_bytes();
    let mut pos = 0;
    while pos < bytes.len() {
        let line_end = find_byte(bytes, pos, b'\n').unwrap_or(bytes.len());
        let mut i = skip_blanks(bytes, pos, line_end);
        if bytes.get(i) == Some(&b'#') {
            if let Some(key) = commented_key(text.get(i + 1..line_end).unwrap_or("")) {
                commented.push(key);
            }
            pos = line_end + 1;
            continue;
        }
        if text
            .get(i..line_end)
            .is_some_and(|rest| rest.starts_with("export "))
        {
            i = skip_blanks(bytes, i + "export ".len(), line_end);
        }
        let key_start = i;
        while i < line_end
            && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'_' | b'.' | b'-'))
        {
            i += 1;
        }
        let key_end = i;
        let after_key = skip_blanks(bytes, i, line_end);
        if key_end == key_start || after_key >= line_end || bytes[after_key] != b'=' {
            pos = line_end + 1;
            continue;
        }
        let value_start = skip_blanks(bytes, after_key + 1, line_end);
        let (value, value_range, next) = read_value(text, value_start, line_end);
        entries.push(EnvEntry {
            key: text[key_start..key_end].to_string(),
            key_range: key_start..key_end,
            value,
            range: key_start..value_range.end.max(key_end),
            value_range,
        });
        pos = next;
    }
    EnvFile { entries, commented }
}

/// The key of a commented-out assignment: `# NAME=value`, `#NAME=`, `# NAME = value` (an
/// upper-case name alone before the `=`, so prose with an `=` in it is not read as one).
fn commented_key(rest: &str) -> Option<String> {
    let rest = rest.trim_start_matches(['#', ' ', '\t']);
    let rest = rest.strip_prefix("export ").unwrap_or(rest);
    let (key, _) = rest.split_once('=')?;
    let key = key.trim_end_matches([' ', '\t']);
    (key.len() >= 2 && crate::util::is_upper_constant(key)).then(|| key.to_string())
}

/// Reads a value starting at `start`; returns it, its span and where the next line begins.
fn read_value(text: &str, start: usize, line_end: usize) -> (String, Range<usize>, usize) {
    let bytes = text.as_bytes();
    if start < bytes.len() && matches!(bytes[start], b'"' | b'\'' | b'`') {
        let quote = bytes[start];
        // Double quotes may span lines; single quotes and backticks end on their line.
        let limit = if quote == b'"' { bytes.len() } else { line_end };
        let mut i = start + 1;
        while i < limit {
            if bytes[i] == b'\\' && quote == b'"' {
                i += 2;
                continue;
            }
            if bytes[i] == quote {
                let value = text.get(start + 1..i).unwrap_or("").to_string();
                let next_line = find_byte(bytes, i, b'\n').map_or(bytes.len(), |n| n + 1);
                return (value, start..i + 1, next_line);
            }
            i += 1;
        }
        // Unterminated quote: take the rest of the line as it is.
    }
    let raw = text.get(start..line_end).unwrap_or("");
    let raw = match raw.find(" #").or_else(|| raw.find("\t#")) {
        Some(at) => &raw[..at],
        None if raw.starts_with('#') => "",
        None => raw,
    };
    let value = raw.trim_end();
    let end = start + value.len();
    (value.to_string(), start..end, line_end + 1)
}

fn skip_blanks(bytes: &[u8], mut i: usize, end: usize) -> usize {
    while i < end && matches!(bytes[i], b' ' | b'\t' | b'\r') {
        i += 1;
    }
    i
}

/// True for an env template file name (`.env.example`, `.env.sample`, `.env.template`, ...).
pub fn is_env_template(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    // `example.env`, `sample.env`: the same template under a visible name.
    if let Some(stem) = name.strip_suffix(".env") {
        if matches!(stem, "example" | "sample" | "template") {
            return true;
        }
    }
    let template_word = |part: &str| {
        matches!(
            part,
            "example" | "sample" | "template" | "dist" | "defaults" | "tmpl" | "tpl"
        )
    };
    if name
        .strip_prefix(".env")
        .is_some_and(|rest| rest.split('.').any(template_word))
    {
        return true;
    }
    // `bigquery.env.example`, `worker.env.sample`: one service's template among several.
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() >= 3
        && !parts[0].is_empty()
        && parts
            .iter()
            .position(|p| *p == "env")
            .is_some_and(|at| at >= 1 && parts[at + 1..].iter().any(|p| template_word(p)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commented_entries() {
        let text = "A=1\n# SENTRY_DSN=\n#BUCKET=\"b\"\n# Set WORKERS = 4 on big hosts\n# note: x=y\n# SPAM_HOST = 127.0.0.1\n";
        assert_eq!(
            parse(text).commented,
            vec!["SENTRY_DSN", "BUCKET", "SPAM_HOST"]
        );
    }

    #[test]
    fn parses_forms() {
        let text = "# c\nA=1\nexport B = 'two' # note\nC=\"multi\nline\"\nD=x # y\nbad line\n";
        let env = parse(text);
        let keys: Vec<_> = env
            .entries
            .iter()
            .map(|e| (e.key.as_str(), e.value.as_str()))
            .collect();
        assert_eq!(
            keys,
            vec![("A", "1"), ("B", "two"), ("C", "multi\nline"), ("D", "x")]
        );
        let b = &env.entries[1];
        assert_eq!(&text[b.key_range.clone()], "B");
        assert_eq!(&text[b.value_range.clone()], "'two'");
    }
}
