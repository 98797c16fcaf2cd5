//! Generated documentation: one page per rule in `docs/rules/<id>.md` (the same text
//! `backlint explain` prints), their index in `docs/rules/README.md`, and the table in
//! `README.md`.

use crate::rules::{self, RuleMeta};

/// Where the rule pages (`docs/rules/<id>.md`) are published. JSON output (`url`), SARIF
/// (`helpUri`), the editor's links and the human output point there. A build for another
/// host sets `BACKLINT_RULE_DOCS_BASE_URL` (ending in `/`) at build time.
pub const RULE_DOCS_BASE_URL: &str = match option_env!("BACKLINT_RULE_DOCS_BASE_URL") {
    Some(url) => url,
    None => "https://github.com/backlint/backlint/blob/main/docs/rules/",
};

/// The page of one rule's documentation.
pub fn rule_url(id: &str) -> String {
    format!("{RULE_DOCS_BASE_URL}{id}.md")
}

/// The page of a finding's rule; `None` for the diagnostics backlint gives about a file
/// itself (unreadable, too large), which no rule page documents.
pub fn finding_url(rule: &str) -> Option<String> {
    rules::RULES
        .iter()
        .any(|r| r.id == rule)
        .then(|| rule_url(rule))
}

/// A rule's page: what `backlint explain RULE` prints and `docs/rules/<id>.md` holds.
pub fn rule_page(m: &RuleMeta) -> String {
    let langs: Vec<&str> = m.languages.iter().map(|l| l.as_str()).collect();
    let skips = if m.skips.is_empty() {
        "nothing".to_string()
    } else {
        m.skips
            .iter()
            .map(|r| r.name())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let default = match m.default {
        rules::DefaultState::On => "on",
        rules::DefaultState::Off => "off",
        rules::DefaultState::Preview => "preview (on with `--preview`)",
    };
    let mut s = format!(
        "# {}\n\n{}\n\n- Severity: {} (default {default})\n- Languages: {}\n- Test files: {}\n- Skips: {skips}\n\n{}\n",
        m.id,
        m.summary,
        m.severity.as_str(),
        langs.join(", "),
        m.test_files.as_str(),
        m.explanation.trim_end()
    );
    if !m.fix.is_empty() {
        s.push_str("\n## Fixes\n\n");
        for fix in &m.fix {
            s.push_str(&format!(
                "- {} ({}): {}\n",
                fix.description.trim_end(),
                fix.applicability.as_str(),
                fix.why.trim_end()
            ));
        }
    }
    for (title, examples) in [("Bad", &m.examples.bad), ("Good", &m.examples.good)] {
        s.push_str(&format!("\n## {title} examples\n"));
        for ex in examples {
            if let (Some(lang), Some(code)) = (ex.lang, &ex.code) {
                s.push_str(&format!(
                    "\n```{}\n{}```\n",
                    lang.as_str(),
                    ensure_newline(code)
                ));
            }
            if let Some(files) = &ex.files {
                for (name, code) in files {
                    s.push_str(&format!("\n`{name}`:\n```\n{}```\n", ensure_newline(code)));
                }
            }
        }
    }
    if !m.references.is_empty() {
        s.push_str("\n## References\n\n");
        for r in &m.references {
            s.push_str(&format!("- [{}]({})\n", r.title, r.url));
        }
    }
    s
}

fn ensure_newline(code: &str) -> String {
    if code.ends_with('\n') {
        code.to_string()
    } else {
        format!("{code}\n")
    }
}

/// Markers around the generated rule table in README.md.
pub const TABLE_START: &str = "<!-- rules:start -->";
pub const TABLE_END: &str = "<!-- rules:end -->";

/// A markdown table of every rule. `link_prefix` is prepended to `<id>.md` links.
pub fn rules_table(meta: &[RuleMeta], link_prefix: &str) -> String {
    let mut s = String::from(
        "| Rule | Severity | Default | Languages | Fix | Summary |\n| --- | --- | --- | --- | --- | --- |\n",
    );
    for m in meta {
        let langs: Vec<&str> = m.languages.iter().map(|l| l.as_str()).collect();
        let fixes: Vec<&str> = m.fix.iter().map(|f| f.applicability.as_str()).collect();
        s.push_str(&format!(
            "| [`{id}`]({link_prefix}{id}.md) | {} | {} | {} | {} | {} |\n",
            m.severity.as_str(),
            m.default.as_str(),
            langs.join(", "),
            fixes.join(", "),
            m.summary,
            id = m.id,
        ));
    }
    s
}

/// The whole of `docs/rules/README.md`.
pub fn rules_index(meta: &[RuleMeta]) -> String {
    format!(
        "# backlint rules\n\nOne page per rule, generated from `rules/*.yaml` by `BACKLINT_UPDATE_DOCS=1 cargo test --test docs`; do not edit by hand.\n`backlint explain <rule>` prints the same page in a terminal.\n\n{}",
        rules_table(meta, "")
    )
}

/// README.md with the text between the markers replaced by the current table.
pub fn readme_with_table(readme: &str, meta: &[RuleMeta]) -> Option<String> {
    let start = readme.find(TABLE_START)? + TABLE_START.len();
    let end = readme.find(TABLE_END)?;
    if end < start {
        return None;
    }
    Some(format!(
        "{}\n{}{}",
        &readme[..start],
        rules_table(meta, "docs/rules/"),
        &readme[end..]
    ))
}
