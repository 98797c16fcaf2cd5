//! Committed JSON configuration (`config/production.json`, `appsettings.json`): which JSON
//! files are configuration, and their string values with the key each sits under.
//!
//! The reader is a scanner, not a tree: it keeps one stack entry per open object or array
//! (no recursion, whatever the nesting) and yields each string value with the nearest key
//! and its byte span. `//` and `/* */` comments (JSONC, as `appsettings.json` allows) are
//! skipped; text that is not JSON is passed over, never an error.

use std::ops::Range;
use std::path::Path;

/// Folders whose JSON files are an application's configuration (node-config's `config/`).
/// (A `settings/` folder is left out: it as often holds the strings of a settings page.)
const CONFIG_DIRS: &[&str] = &["config", "configs", "configuration"];

/// JSON files in a configuration folder that configure a tool, not the application, or
/// describe data: they hold no secrets of the application.
fn is_tool_json(name: &str) -> bool {
    name.starts_with("tsconfig")
        || name.starts_with("jsconfig")
        || name.ends_with(".config.json")
        || name.ends_with(".schema.json")
        || name.ends_with("-lock.json")
        || name.ends_with(".lock.json")
        || matches!(
            name,
            "package.json"
                | "composer.json"
                | "manifest.json"
                | "nest-cli.json"
                | "angular.json"
                | "nodemon.json"
                | "babel.json"
                | "eslint.json"
                | "jest.json"
                | "cspell.json"
                | "renovate.json"
                | "lerna.json"
                | "nx.json"
                | "project.json"
                | "turbo.json"
                | "vercel.json"
                | "firebase.json"
        )
}

/// True for a JSON file whose name or folder says it configures the application:
/// `config.json`, `config.<env>.json`, `secrets.json`, `appsettings.json` and
/// `appsettings.<env>.json` anywhere, and any JSON file directly in a `config/`, `configs/`
/// or `configuration/` folder (node-config's `default.json`,
/// `production.json`), except tool configurations (`tsconfig.json`, `*.config.json`).
pub fn is_config_json(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let lower = name.to_ascii_lowercase();
    let Some(stem) = lower.strip_suffix(".json") else {
        return false;
    };
    if stem.is_empty() || lower.starts_with('.') || is_tool_json(&lower) {
        return false;
    }
    if stem == "config"
        || stem == "secrets"
        || stem.starts_with("config.")
        || stem == "appsettings"
        || stem.starts_with("appsettings.")
    {
        return true;
    }
    path.parent()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .is_some_and(|dir| CONFIG_DIRS.contains(&dir.to_ascii_lowercase().as_str()))
}

/// Words of a configuration file's environment name (`config/test.json`,
/// `appsettings.Development.json`, `config.dev.json`) that say its values serve tests or a
/// developer's own machine: throwaway databases and containers.
const LOCAL_ENVIRONMENTS: &[&str] = &[
    "test",
    "tests",
    "testing",
    "ci",
    "e2e",
    "integration",
    "dev",
    "development",
    "local",
];

/// True for a configuration file for tests or local development, told by its name:
/// `config/test.json`, `config/development.json`, `appsettings.Development.json`,
/// `config.local.json`, `local-development.json`.
pub fn is_local_environment(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let lower = name.to_ascii_lowercase();
    let stem = lower.strip_suffix(".json").unwrap_or(&lower);
    stem.split(['.', '-', '_'])
        .any(|word| LOCAL_ENVIRONMENTS.contains(&word))
}

/// A string value of a JSON file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonString {
    /// The key of the member the value is (`"password": "…"`), or of the array it is in;
    /// `None` at the top level.
    pub key: Option<String>,
    /// The value with escapes resolved.
    pub value: String,
    /// The value between its quotes.
    pub range: Range<usize>,
}

/// What an open container is waiting for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    /// An object, expecting a key next.
    ObjectKey,
    /// An object, after a key and `:`: the next value is the member's.
    ObjectValue,
    Array,
}

/// The string values of a JSON (or JSONC) text, in order, with the key each sits under.
pub fn strings(text: &str) -> Vec<JsonString> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    // Per open container: its state and the key it sits under.
    let mut stack: Vec<(Open, Option<String>)> = Vec::new();
    let mut key: Option<String> = None;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = memchr::memmem::find(&bytes[i + 2..], b"*/").map_or(bytes.len(), |n| i + n + 4);
                continue;
            }
            b'{' | b'[' => {
                let owner = match stack.last() {
                    Some((Open::ObjectValue, _)) => key.take(),
                    Some((Open::Array, owner)) => owner.clone(),
                    _ => None,
                };
                let open = if bytes[i] == b'{' {
                    Open::ObjectKey
                } else {
                    Open::Array
                };
                stack.push((open, owner));
            }
            b'}' | b']' => {
                stack.pop();
                key = None;
            }
            b',' => {
                if let Some(top) = stack.last_mut() {
                    if top.0 == Open::ObjectValue {
                        top.0 = Open::ObjectKey;
                    }
                }
                key = None;
            }
            b':' => {
                if let Some(top) = stack.last_mut() {
                    if top.0 == Open::ObjectKey {
                        top.0 = Open::ObjectValue;
                    }
                }
            }
            b'"' => {
                let Some((value, end)) = read_string(text, i) else {
                    break;
                };
                let range = i + 1..end - 1;
                match stack.last() {
                    Some((Open::ObjectKey, _)) => key = Some(value),
                    Some((Open::ObjectValue, _)) => out.push(JsonString {
                        key: key.take(),
                        value,
                        range,
                    }),
                    Some((Open::Array, owner)) => out.push(JsonString {
                        key: owner.clone(),
                        value,
                        range,
                    }),
                    None => out.push(JsonString {
                        key: None,
                        value,
                        range,
                    }),
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// The string starting at the quote at `start`, escapes resolved, and the index past its
/// closing quote; `None` when the text ends first.
fn read_string(text: &str, start: usize) -> Option<(String, usize)> {
    let bytes = text.as_bytes();
    let mut value = String::new();
    let mut i = start + 1;
    let mut run = i;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                value.push_str(text.get(run..i)?);
                return Some((value, i + 1));
            }
            b'\\' => {
                value.push_str(text.get(run..i)?);
                let escaped = *bytes.get(i + 1)?;
                let mut next = i + 2;
                match escaped {
                    b'n' => value.push('\n'),
                    b't' => value.push('\t'),
                    b'r' => value.push('\r'),
                    b'b' => value.push('\u{8}'),
                    b'f' => value.push('\u{c}'),
                    b'u' => {
                        let code = text
                            .get(i + 2..i + 6)
                            .and_then(|h| u32::from_str_radix(h, 16).ok());
                        value.push(code.and_then(char::from_u32).unwrap_or('\u{fffd}'));
                        next = (i + 6).min(bytes.len());
                    }
                    other => value.push(char::from(other)),
                }
                i = next;
                run = i;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<(Option<String>, String)> {
        strings(text)
            .into_iter()
            .map(|s| (s.key, s.value))
            .collect()
    }

    #[test]
    fn values_carry_their_keys() {
        let text = r#"{
  // comment "x": "y"
  "db": { "user": "app", "password": "s3\"cret", "port": 5432 },
  /* "k": "v" */
  "hosts": ["a", "b"],
  "jwtSecret": "abc"
}"#;
        assert_eq!(
            pairs(text),
            vec![
                (Some("user".into()), "app".into()),
                (Some("password".into()), "s3\"cret".into()),
                (Some("hosts".into()), "a".into()),
                (Some("hosts".into()), "b".into()),
                (Some("jwtSecret".into()), "abc".into()),
            ]
        );
        let found = strings(text);
        assert_eq!(&text[found[1].range.clone()], r#"s3\"cret"#);
    }

    #[test]
    fn deep_nesting_needs_no_recursion() {
        let depth = 100_000;
        let text = format!(
            "{}{{\"password\": \"x\"}}{}",
            "{\"a\":".repeat(depth),
            "}".repeat(depth)
        );
        assert_eq!(strings(&text).len(), 1);
        assert!(strings("{\"a\": \"unclosed").is_empty());
    }

    #[test]
    fn configuration_files_by_name_and_folder() {
        for yes in [
            "config.json",
            "src/config.production.json",
            "config/default.json",
            "config/production.json",
            "server/config/settings.json",
            "appsettings.json",
            "Api/appsettings.Production.json",
            "secrets.json",
        ] {
            assert!(is_config_json(Path::new(yes)), "{yes}");
        }
        for no in [
            "tsconfig.json",
            "config/tsconfig.build.json",
            "config/jest.config.json",
            "jsconfig.json",
            "package.json",
            "data/users.json",
            "app.config.json",
            "public/language/en/admin/settings/email.json",
            "config/.eslintrc.json",
        ] {
            assert!(!is_config_json(Path::new(no)), "{no}");
        }
        assert!(is_local_environment(Path::new("config/test.json")));
        assert!(is_local_environment(Path::new(
            "appsettings.Development.json"
        )));
        assert!(!is_local_environment(Path::new("config/production.json")));
        assert!(!is_local_environment(Path::new("config/default.json")));
    }
}
