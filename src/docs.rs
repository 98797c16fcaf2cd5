//! Generated documentation: the rule index in `rules/README.md` and the table in `README.md`.

use crate::rules::RuleMeta;

/// Where each rule's documentation (`rules/<id>.yaml`) is published: the editor's links and
/// `backlint rules --format json` point there.
pub const RULE_DOCS_BASE_URL: &str = "https://github.com/backlint/backlint/blob/main/rules/";

/// The page of one rule's documentation.
pub fn rule_url(id: &str) -> String {
    format!("{RULE_DOCS_BASE_URL}{id}.yaml")
}

/// Markers around the generated rule table in README.md.
pub const TABLE_START: &str = "<!-- rules:start -->";
pub const TABLE_END: &str = "<!-- rules:end -->";

/// A markdown table of every rule. `link_prefix` is prepended to `<id>.yaml` links.
pub fn rules_table(meta: &[RuleMeta], link_prefix: &str) -> String {
    let mut s = String::from(
        "| Rule | Severity | Default | Languages | Fix | Summary |\n| --- | --- | --- | --- | --- | --- |\n",
    );
    for m in meta {
        let langs: Vec<&str> = m.languages.iter().map(|l| l.as_str()).collect();
        let fixes: Vec<&str> = m.fix.iter().map(|f| f.applicability.as_str()).collect();
        s.push_str(&format!(
            "| [`{id}`]({link_prefix}{id}.yaml) | {} | {} | {} | {} | {} |\n",
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

/// The whole of `rules/README.md`.
pub fn rules_index(meta: &[RuleMeta]) -> String {
    format!(
        "# backlint rules\n\nGenerated from `rules/*.yaml` by `BACKLINT_UPDATE_DOCS=1 cargo test --test docs`; do not edit by hand.\n`backlint explain <rule>` shows a rule's full documentation and examples.\n\n{}",
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
        rules_table(meta, "rules/"),
        &readme[end..]
    ))
}
