//! Formats other CI systems read: GitHub Actions annotations, GitLab Code Quality, JUnit XML.

use serde_json::json;

use crate::diagnostic::Severity;
use crate::engine::RunOutput;
use crate::output::escape;

/// Escapes for workflow command data (`%`, CR, LF) and properties (also `:` and `,`), so
/// that a file name or message cannot end the command or start another one. Control
/// characters are shown (see `escape`): the log viewer would act on an escape sequence.
fn escape_data(s: &str) -> String {
    escape::text(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Control characters in a file name are shown as well: such an annotation then names no
/// file of the repository and appears without a place in the diff, but the log is safe.
fn escape_property(s: &str) -> String {
    escape::name(s)
        .replace('%', "%25")
        .replace(':', "%3A")
        .replace(',', "%2C")
}

/// `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=RULE::message`
pub fn github(output: &RunOutput) -> String {
    let mut out = String::new();
    for f in &output.findings {
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = f.message.clone();
        if let Some(help) = &f.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        out.push_str(&format!(
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            escape_property(&f.path),
            f.start.line,
            f.start.column,
            f.end.line,
            f.end.column,
            escape_property(f.rule),
            escape_data(&message)
        ));
    }
    out
}

/// GitLab Code Quality report (a JSON array).
pub fn gitlab(output: &RunOutput) -> String {
    let issues: Vec<_> = output
        .findings
        .iter()
        .map(|f| {
            json!({
                "description": format!("{}: {}", f.rule, f.message),
                "check_name": f.rule,
                "fingerprint": format!("{:016x}", crate::engine::fnv64(&[&f.fingerprint, &f.path])),
                "severity": match f.severity {
                    Severity::Error => "critical",
                    Severity::Warning => "major",
                    Severity::Info => "info",
                },
                "location": {"path": &*f.path, "lines": {"begin": f.start.line, "end": f.end.line}},
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&issues).unwrap_or_default();
    text.push('\n');
    text
}

/// Text for XML 1.0, inside an attribute value (`attribute`) or an element. Control
/// characters are shown as in the other formats (see `escape`); U+FFFE and U+FFFF, which
/// XML does not allow either, become U+FFFD. Tab, line feed and carriage return are
/// written as character references in attribute values, where parsers would turn the raw
/// characters into spaces; in element text only the carriage return is, which parsers would
/// turn into a line feed.
fn xml(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in escape::text(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn xml_attribute(s: &str) -> String {
    xml(s, true)
}

fn xml_text(s: &str) -> String {
    xml(s, false)
}

/// A file name, every control character shown (tab and line feed too, as elsewhere).
fn xml_name(s: &str) -> String {
    xml(&escape::name(s), true)
}

/// JUnit XML: one test case per checked file, a failure per finding.
pub fn junit(output: &RunOutput) -> String {
    let mut by_file: std::collections::BTreeMap<&str, Vec<&crate::engine::Finding>> =
        std::collections::BTreeMap::new();
    for path in &output.checked {
        by_file.entry(path).or_default();
    }
    for f in &output.findings {
        by_file.entry(&f.path).or_default().push(f);
    }
    let failures: usize = by_file.values().filter(|v| !v.is_empty()).count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"backlint\" tests=\"{}\" failures=\"{failures}\">\n<testsuite name=\"backlint\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">\n",
        by_file.len(),
        by_file.len()
    ));
    for (path, findings) in by_file {
        out.push_str(&format!(
            "  <testcase name=\"{}\" classname=\"backlint\"",
            xml_name(path)
        ));
        if findings.is_empty() {
            out.push_str("/>\n");
            continue;
        }
        out.push_str(">\n");
        for f in findings {
            out.push_str(&format!(
                "    <failure type=\"{}\" message=\"{}\">{}:{}:{}: {} [{}]{}</failure>\n",
                xml_attribute(f.rule),
                xml_attribute(&f.message),
                xml_text(&escape::name(path)),
                f.start.line,
                f.start.column,
                xml_text(&f.message),
                f.severity.as_str(),
                f.help
                    .as_ref()
                    .map_or(String::new(), |h| format!("\nhelp: {}", xml_text(h)))
            ));
        }
        out.push_str("  </testcase>\n");
    }
    out.push_str("</testsuite>\n</testsuites>\n");
    out
}
