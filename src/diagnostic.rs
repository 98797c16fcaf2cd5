//! Diagnostics and the sink rules report into.

use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use schemars::JsonSchema;

use crate::source::Position;

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// A secondary place related to a finding. `file` is `None` for the finding's own file.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Label {
    pub file: Option<Arc<str>>,
    pub range: Range<usize>,
    pub message: String,
}

/// A rule's id, as `RULES` holds it (an alias, so that serde reads it through
/// `static_rule_id` rather than borrowing it from the text read).
pub type RuleId = &'static str;

/// One finding, as a rule reports it: byte ranges into one file.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Diagnostic {
    #[serde(with = "static_rule_id")]
    pub rule: RuleId,
    /// The file, for findings of project rules; `None` for the file being linted.
    pub file: Option<Arc<str>>,
    pub severity: Severity,
    pub range: Range<usize>,
    pub message: String,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    pub fix: Option<Fix>,
}

/// How far a fix may be trusted, as Ruff and Biome name it.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Shown as a suggestion; never applied.
    DisplayOnly,
    /// Changes behaviour or needs review: applied with `--unsafe-fixes` only.
    Unsafe,
    /// Does what the author meant: applied by `--fix`.
    Safe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::DisplayOnly => "display-only",
            Applicability::Unsafe => "unsafe",
            Applicability::Safe => "safe",
        }
    }
}

/// One replacement of a byte range. `file` is `None` for the finding's own file.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Edit {
    pub file: Option<Arc<str>>,
    pub range: Range<usize>,
    pub content: String,
}

/// A fix a rule offers for its finding: edits in one or several files.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Fix {
    pub applicability: Applicability,
    /// What the fix does, in one line (`replace `api` with `backend``).
    pub message: String,
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A fix of several edits in one file: the finding's own (`None`) or a given one
    /// (project rules).
    pub fn edits_in(
        applicability: Applicability,
        message: impl Into<String>,
        file: Option<Arc<str>>,
        edits: impl IntoIterator<Item = (Range<usize>, String)>,
    ) -> Fix {
        Fix {
            applicability,
            message: message.into(),
            edits: edits
                .into_iter()
                .map(|(range, content)| Edit {
                    file: file.clone(),
                    range,
                    content,
                })
                .collect(),
        }
    }

    /// A fix of one edit in the finding's own file.
    pub fn replace(
        applicability: Applicability,
        message: impl Into<String>,
        range: Range<usize>,
        content: impl Into<String>,
    ) -> Fix {
        Fix::edits_in(applicability, message, None, [(range, content.into())])
    }

    /// A fix of one edit in a given file (project rules).
    pub fn replace_in(
        applicability: Applicability,
        message: impl Into<String>,
        file: Arc<str>,
        range: Range<usize>,
        content: impl Into<String>,
    ) -> Fix {
        Fix::edits_in(
            applicability,
            message,
            Some(file),
            [(range, content.into())],
        )
    }
}

impl Diagnostic {
    pub fn label(mut self, range: Range<usize>, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            file: None,
            range,
            message: message.into(),
        });
        self
    }

    /// A label in another file (cross-file rules), by the path shown to the user.
    pub fn label_in(
        mut self,
        file: Arc<str>,
        range: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        self.labels.push(Label {
            file: Some(file),
            range,
            message: message.into(),
        });
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
}

/// Where a rule writes its findings for one file.
pub struct Findings {
    rule: &'static str,
    severity: Severity,
    pub(crate) items: Vec<Diagnostic>,
}

impl Findings {
    pub(crate) fn new() -> Findings {
        Findings {
            rule: "",
            severity: Severity::Error,
            items: Vec::new(),
        }
    }

    /// Sets the rule that the next reports belong to and its configured severity.
    pub(crate) fn start_rule(&mut self, rule: &'static str, severity: Severity) {
        self.rule = rule;
        self.severity = severity;
    }

    /// Reports a finding of the current rule at its configured severity. Further details are
    /// added with the returned builder; the finding is stored when the builder is dropped.
    pub fn report(&mut self, range: Range<usize>, message: impl Into<String>) -> Report<'_> {
        self.report_in(None, range, message)
    }

    /// Reports a finding in a given file (project rules, which see many files).
    pub fn report_in(
        &mut self,
        file: Option<Arc<str>>,
        range: Range<usize>,
        message: impl Into<String>,
    ) -> Report<'_> {
        let diagnostic = Diagnostic {
            file,
            rule: self.rule,
            severity: self.severity,
            range,
            message: message.into(),
            labels: Vec::new(),
            help: None,
            fix: None,
        };
        Report {
            sink: self,
            diagnostic: Some(diagnostic),
        }
    }
}

/// A finding under construction; stored in its `Findings` when dropped.
pub struct Report<'a> {
    sink: &'a mut Findings,
    diagnostic: Option<Diagnostic>,
}

impl Report<'_> {
    fn map(mut self, f: impl FnOnce(Diagnostic) -> Diagnostic) -> Self {
        self.diagnostic = self.diagnostic.take().map(f);
        self
    }

    pub fn label(self, range: Range<usize>, message: impl Into<String>) -> Self {
        let message = message.into();
        self.map(|d| d.label(range, message))
    }

    pub fn label_in(self, file: Arc<str>, range: Range<usize>, message: impl Into<String>) -> Self {
        let message = message.into();
        self.map(|d| d.label_in(file, range, message))
    }

    pub fn help(self, help: impl Into<String>) -> Self {
        let help = help.into();
        self.map(|d| d.help(help))
    }

    /// Attaches the fix the rule offers (declared in the rule's yaml under `fix:`).
    pub fn fix(self, fix: Fix) -> Self {
        self.map(|mut d| {
            d.fix = Some(fix);
            d
        })
    }

    /// Lowers the severity below the configured one (a rule that reports a milder variant).
    /// A user who configured the rule lower than the default keeps the lower severity.
    pub fn downgrade_to(self, severity: Severity) -> Self {
        self.map(|d| {
            let severity = d.severity.min(severity);
            d.severity(severity)
        })
    }
}

impl Drop for Report<'_> {
    fn drop(&mut self) {
        if let Some(d) = self.diagnostic.take() {
            self.sink.items.push(d);
        }
    }
}

/// A finding with resolved positions, ready for output.
#[derive(Clone, Debug)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub path: Arc<str>,
    pub range: Range<usize>,
    pub start: Position,
    pub end: Position,
    pub message: String,
    pub help: Option<String>,
    pub labels: Vec<FindingLabel>,
    /// The fix, with its edits resolved to paths and positions.
    pub fix: Option<FindingFix>,
    /// Stable identity for baselines and CI: rule, path and the text of the flagged line
    /// (not its number), with an occurrence counter for repeats.
    pub fingerprint: String,
}

#[derive(Clone, Debug)]
pub struct FindingLabel {
    pub path: Arc<str>,
    pub range: Range<usize>,
    pub start: Position,
    pub end: Position,
    pub message: String,
}

/// A fix ready for output and for applying: every edit names its file.
#[derive(Clone, Debug)]
pub struct FindingFix {
    pub applicability: Applicability,
    pub message: String,
    pub edits: Vec<FindingEdit>,
}

#[derive(Clone, Debug)]
pub struct FindingEdit {
    pub path: Arc<str>,
    pub range: Range<usize>,
    pub start: Position,
    pub end: Position,
    pub content: String,
}

/// A rule id kept as text (the result cache) and read back as the id backlint knows: an id
/// it does not know makes the whole record unreadable, so a record written by another
/// version is never half-trusted.
mod static_rule_id {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(id: &&'static str, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(id)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<&'static str, D::Error> {
        let text = String::deserialize(deserializer)?;
        crate::rules::RULES
            .iter()
            .map(|entry| entry.id)
            .chain(crate::engine::ENGINE_FINDINGS)
            .find(|id| *id == text)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown rule `{text}`")))
    }
}
