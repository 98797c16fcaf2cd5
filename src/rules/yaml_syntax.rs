//! yaml-syntax: a compose file or manifest that is not valid YAML.

use std::ops::Range;

use crate::diagnostic::Findings;
use crate::lang::FileKind;
use crate::rules::Rule;
use crate::source::SourceFile;

pub struct YamlSyntax;

/// True for a Jinja or cookiecutter template of a YAML file: a `{{...}}` in its path
/// (`{{cookiecutter.project_slug}}/docker-compose.yml`), a `{% ... %}` statement, or a
/// `{{ name }}` placeholder in its text. Like a Helm template, it is YAML only once rendered.
/// Go templates inside values (`tag: "{{.Name}}"`, Docker's logging tags) start with a dot
/// and do not count.
fn is_jinja_template(file: &SourceFile) -> bool {
    if file.path.to_string_lossy().contains("{{") || file.text.contains("{%") {
        return true;
    }
    file.text.match_indices("{{").any(|(at, _)| {
        let rest = file.text[at + 2..].trim_start_matches([' ', '-']);
        rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
    })
}

impl Rule for YamlSyntax {
    fn check_syntax_error(
        &self,
        file: &SourceFile,
        kind: FileKind,
        range: Range<usize>,
        message: &str,
        out: &mut Findings,
    ) {
        if !matches!(kind, FileKind::Compose | FileKind::K8s) || is_jinja_template(file) {
            return;
        }
        out.report(range, format!("invalid YAML: {message}"))
            .help("fix the YAML: until it parses, Docker Compose and kubectl reject the file and backlint cannot check what it describes");
    }
}
