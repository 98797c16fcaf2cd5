//! "Which variables does the app set itself?" — asked by env-var-undeclared and
//! env-var-unchecked.

use std::collections::BTreeSet;
use std::path::Path;

use crate::facts::Project;

/// Names the project's own code assigns (`process.env.SECRET = generated`,
/// `os.environ["DATABASE_URL"] = url`, `os.environ.setdefault("X", "d")`) outside its tests:
/// the app gives them a value before it uses them. A test that sets a variable for itself
/// says nothing of a deployment.
pub fn assigned_by_the_app(project: &Project) -> BTreeSet<&str> {
    project
        .files
        .iter()
        .filter(|file| !in_tests(&file.path))
        .filter_map(|file| file.facts.env_use.as_ref())
        .flat_map(|env| env.assigned.iter().map(String::as_str))
        .collect()
}

fn in_tests(path: &Path) -> bool {
    crate::roles::named_as_test(path)
        || path.components().any(|c| {
            matches!(
                c.as_os_str().to_str().unwrap_or(""),
                "test" | "tests" | "__tests__" | "spec" | "e2e" | "testing" | "fixtures"
            )
        })
}
