//! hardcoded-secret: passwords, tokens and signing secrets written as literals in code and
//! committed configuration.

use crate::lang::tree::{FieldExt, KindExt, ancestors};
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use tree_sitter::Node;

use crate::diagnostic::Findings;
use crate::lang::compose::ComposeFile;
use crate::lang::dotenv::EnvFile;
use crate::lang::dotenv::is_env_template;
use crate::lang::json_config::{JsonString, is_local_environment};
use crate::lang::tree::{descendants, text, unwrap_expression};
use crate::lang::yaml::YamlNode;
use crate::lang::{js, py};
use crate::roles::{FileRole, RolePatterns};
use crate::rules::shared::secrets::{
    classifies_fields, is_absence_sentinel, is_code_shaped, is_key_word_label, is_label,
    is_name_value, is_placeholder_for, mask, may_contain_secret, names_key, names_key_loosely,
    names_something_else, secret_kind, takes_words_of_key, tokens, url_passwords,
};
use crate::rules::{Prescan, Rule, TreeContext};
use crate::source::SourceFile;

pub struct HardcodedSecret;

const HELP_JS: &str = "read it from the environment (`process.env.DB_PASSWORD`) or a secret manager; keep the real value in an uncommitted `.env` and a placeholder in `.env.example`, and rotate the exposed secret";
const HELP_PY: &str = "read it from the environment (`os.environ[\"DB_PASSWORD\"]`, pydantic-settings) or a secret manager; keep the real value in an uncommitted `.env` and a placeholder in `.env.example`, and rotate the exposed secret";
const HELP_COMPOSE: &str = "reference a variable instead: `POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}` with the value in an uncommitted `.env` (or Docker secrets with `POSTGRES_PASSWORD_FILE`), and rotate the exposed secret";
const HELP_ENV: &str = "keep real values out of committed files: commit `.env.example` with a placeholder and add this file to `.gitignore`; rotate the exposed secret";
const URL_HELP_JS: &str = "read the whole URL from the environment (`process.env.DATABASE_URL`) or a secret manager, or build it from a password read there; rotate the exposed password";
const URL_HELP_PY: &str = "read the whole URL from the environment (`os.environ[\"DATABASE_URL\"]`, pydantic-settings) or a secret manager, or build it from a password read there; rotate the exposed password";
const URL_HELP_COMPOSE: &str = "reference a variable instead: `DATABASE_URL: ${DATABASE_URL}`, or `postgresql://app:${POSTGRES_PASSWORD}@db:5432/app` with the value in an uncommitted `.env` (or Docker secrets); rotate the exposed password";
const URL_HELP_ENV: &str = "keep real values out of committed files: commit `.env.example` with `postgresql://user:<password>@host/db` and add this file to `.gitignore`; rotate the exposed password";
const HELP_JSON: &str = "keep the value out of the committed file: read it from the environment (node-config's `custom-environment-variables.json`, ASP.NET's `ConnectionStrings__Default` variable) or a secret manager, and rotate the exposed secret";
const URL_HELP_JSON: &str = "keep the connection string out of the committed file: read it from the environment (`DATABASE_URL`, node-config's `custom-environment-variables.json`, ASP.NET's `ConnectionStrings__Default`) or a secret manager; rotate the exposed password";
const HELP_TOKEN: &str = "revoke the credential now (it is in the history), then load it from the environment or a secret manager";

/// Files whose values are placeholders by design: `.env.example`, `config.example.js`.
fn is_example_file(path: &Path) -> bool {
    if is_env_template(path) {
        return true;
    }
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if [".example", ".sample", ".template"]
        .iter()
        .any(|m| name.contains(m))
    {
        return true;
    }
    // `.env.default`, `.env.dev.default`: the defaults to copy into `.env`, which compose
    // reads; `.env.test-example`, `settings_example.py`: an example under a longer name.
    let parts: Vec<&str> = name.split('.').collect();
    if (name.starts_with(".env") && parts.iter().skip(2).any(|p| *p == "default"))
        || parts.iter().any(|part| {
            [
                "-example",
                "_example",
                "-sample",
                "_sample",
                "-template",
                "_template",
            ]
            .iter()
            .any(|suffix| part.ends_with(suffix))
        })
    {
        return true;
    }

    // `generate-example-config.ts`, `sample_settings.py`: a file that writes or shows an
    // example configuration says so in its name.
    let stem = name.split('.').next().unwrap_or("");
    let words: Vec<&str> = stem.split(['-', '_']).collect();
    words
        .iter()
        .any(|word| matches!(*word, "example" | "examples" | "sample" | "samples"))
        && words
            .iter()
            .any(|word| matches!(*word, "config" | "configuration" | "settings" | "env"))
}

/// A file in a folder of templates users pick and fill in
/// (`templates/mariadb/compose.yaml`), or of examples they copy from
/// (`docker-examples/mariadb/docker-compose.yml`, `compose_samples/`), judged on the path
/// under the checked folder: a folder whose name ends in the word `example(s)` or
/// `sample(s)` shows how to wire the services, with values to replace.
fn is_in_template_folder(relative: &Path) -> bool {
    folder_names(relative).any(|dir| {
        matches!(dir.as_str(), "templates" | "template")
            || name_words(&dir).last().is_some_and(|w| {
                matches!(w.as_str(), "example" | "examples" | "sample" | "samples")
            })
    })
}

/// The lower-cased names of the folders a path is in, from the project down.
fn folder_names(path: &Path) -> impl Iterator<Item = String> + '_ {
    path.parent()
        .into_iter()
        .flat_map(|p| p.components())
        .filter_map(|c| match c {
            Component::Normal(name) => name.to_str().map(str::to_ascii_lowercase),
            _ => None,
        })
}

/// Words of a file's or folder's name that say it serves tests, CI or local development
/// (`settings/dev.py`, `server-dev.ts`, `config/ci.env`, `.env.development`,
/// `.github/ci.env`).
const LOCAL_WORDS: &[&str] = &[
    "test",
    "tests",
    "testing",
    "ci",
    "e2e",
    "dev",
    "development",
];

/// Further words of that kind for configuration files, which name their environment more
/// loosely (`docker-compose-deps.yml` starts the dependencies of a local run,
/// `.devcontainer/`, `config/local.env`); in code they also name ordinary modules
/// (`local-strategy.ts`, `integrations/`).
const LOCAL_CONFIG_WORDS: &[&str] = &["local", "integration", "deps", "devcontainer", "github"];

/// True when the file's name or one of its folders says it is for tests, CI or local
/// development: its values guard throwaway databases and development servers, not a
/// deployment. Decided by the path alone: a settings module named `dev.py` or
/// `local_dev.py`, an entry point named `server-dev.ts`, an env file named `dev.env` or
/// `.env.development`, a compose file under `test-migrations/` or `dev/`.
fn is_local_environment_file(path: &Path, configuration: bool) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    // A code file's folders are the `test-files` configuration's to judge.
    let folders = path
        .parent()
        .filter(|_| configuration)
        .into_iter()
        .flat_map(|p| p.components())
        .filter_map(|c| match c {
            Component::Normal(folder) => folder.to_str(),
            _ => None,
        });
    std::iter::once(name).chain(folders).any(|part| {
        name_words(part).iter().any(|word| {
            LOCAL_WORDS.contains(&word.as_str())
                || (configuration && LOCAL_CONFIG_WORDS.contains(&word.as_str()))
        })
    })
}

/// The lower-cased words of a file or folder name, split at `.`, `-`, `_` and at a capital
/// after a lower-case letter: `prepareTestDb.ts` → `prepare`, `test`, `db`, `ts`.
fn name_words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        let boundary = matches!(c, '.' | '-' | '_') || (c.is_ascii_uppercase() && previous_lower);
        if boundary && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        previous_lower = c.is_ascii_lowercase();
        if !matches!(c, '.' | '-' | '_') {
            current.push(c.to_ascii_lowercase());
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// True for a file no server runs, by backlint's default file roles: code that runs in the
/// browser (whatever it holds is sent to every visitor, so a key there is public by design:
/// an Algolia search key, a Firebase web key, a Stripe publishable key), and, for
/// configuration files, tooling (`scripts/docker-compose.yml`: a helper stack beside the
/// scripts). A script's code is still checked: a generator may write its literal into every
/// installation. Well-known token formats are reported in all of them.
fn runs_outside_the_server(path: &Path, bytes: &[u8], python: Option<bool>) -> bool {
    let relative: PathBuf = path
        .components()
        .filter(|c| matches!(c, Component::Normal(_)))
        .collect();
    let roles = RolePatterns::defaults().roles_of(&relative, bytes, python);
    roles.has(FileRole::BrowserCode) || (python.is_none() && roles.has(FileRole::Tooling))
}

/// The configuration of a test runner: `cypress.config.ts`, `playwright.config.js`,
/// `jest.config.js`, `vitest.config.mts`, and its other set-up files (`vitest.shared.ts`,
/// `jest.setup.js`). Its credentials log into a seeded test instance.
fn is_test_runner_config(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    // `vitest.config.ts`, and the runner's other set-up files: `vitest.shared.ts`,
    // `jest.setup.js`, `vitest.workspace.ts`.
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() >= 3
        && matches!(
            parts[0],
            "cypress" | "playwright" | "jest" | "vitest" | "karma" | "wdio"
        )
}

/// Images of mail catchers: SMTP servers that keep every message for a developer to read.
const MAIL_CATCHERS: &[&str] = &[
    "mailhog",
    "mailpit",
    "maildev",
    "mailcatcher",
    "smtp4dev",
    "inbucket",
    "mailcrab",
    "greenmail",
];

/// True for a compose file that runs a project's test suites: most of the services it builds
/// from the project are named for tests (`test_unit`, `test_acceptance`, `e2e-tests`, beside
/// a helper that makes certificates); the other services are the databases those tests use,
/// with throwaway passwords. Only asked of a compose file in a folder of the project: the one at its root
/// is what users start.
fn runs_test_suites(model: &ComposeFile) -> bool {
    let (mut suites, mut others) = (0usize, 0usize);
    for service in model.services.iter().filter(|s| s.build.is_some()) {
        if name_words(&service.name)
            .iter()
            .any(|w| matches!(w.as_str(), "test" | "tests" | "testing" | "e2e"))
        {
            suites += 1;
        } else {
            others += 1;
        }
    }
    suites > others
}

/// True for a compose file that starts a development stack: one of its services is a mail
/// catcher (the stack's mail goes to a developer's inbox, not to users), builds the
/// application into an image tagged, a context, a Dockerfile or a Dockerfile stage named for
/// local development (`image: app:local`, `image: mealie:dev`, `build: ./docker/local-postgres`,
/// `dockerfile: docker/dev.Dockerfile`, `target: app-dev`), or starts a development server
/// (`flask run --debug`, `manage.py runserver`, `uvicorn --reload`, `nodemon`, `npm run dev`).
/// A deployed stack sends real mail and runs published images with their production server.
/// The Dockerfile, the stage and the server count only for a compose file in a folder of the project (`docker/docker-compose.yml`): the one
/// at its root is what users start with `docker compose up`, whatever it builds.
fn is_development_stack(model: &ComposeFile, at_root: bool) -> bool {
    model.services.iter().any(|service| {
        let image = service
            .image
            .as_ref()
            .map(|i| i.value.to_ascii_lowercase())
            .unwrap_or_default();
        let repository = image.rsplit('/').next().unwrap_or("");
        let (name, tag) = repository.split_once(':').unwrap_or((repository, ""));
        let catcher = MAIL_CATCHERS.iter().any(|m| name.contains(m));
        let local_build = service.build.as_ref().is_some_and(|build| {
            let named_local = |name: &str| {
                name.to_ascii_lowercase()
                    .split(['/', '.', '-', '_'])
                    .any(|word| matches!(word, "local" | "dev" | "development"))
            };
            matches!(tag, "local" | "dev" | "develop" | "development")
                || named_local(&build.context)
                // `dockerfile: docker/dev.Dockerfile`: the image of a developer's checkout.
                || (!at_root && build.dockerfile.as_deref().is_some_and(named_local))
                || (!at_root
                    && build.target.as_ref().is_some_and(|target| {
                        target
                            .to_ascii_lowercase()
                            .split(['/', '.', '-', '_'])
                            .any(|word| matches!(word, "local" | "dev" | "develop" | "development"))
                    }))
        });
        let dev_server = !at_root
            && service
                .command
                .as_ref()
                .is_some_and(|command| starts_development_server(&command.split_words()));
        catcher || local_build || dev_server
    })
}

/// True when a start command runs a development server: a Node watcher or bundler server
/// (`nodemon`, `next dev`, `npm run dev`), Django's `runserver`, `flask run` in debug mode, or
/// a Python server reloading on code changes (`uvicorn main:app --reload`).
fn starts_development_server(words: &[String]) -> bool {
    if crate::rules::shared::node_start::dev_server(words).is_some() {
        return true;
    }
    let has = |w: &str| words.iter().any(|word| word == w);
    let flask_run = words
        .windows(2)
        .any(|pair| pair[0].ends_with("flask") && pair[1] == "run");
    has("runserver")
        || (flask_run && (has("--debug") || has("--reload")))
        || (has("--reload")
            && words
                .iter()
                .any(|w| w.ends_with("uvicorn") || w.ends_with("gunicorn")))
}

/// True when an env file configures a development stack: its mail goes to a mail catcher
/// (`EMAIL_URL=smtp://mailpit:1025`, `SMTP_HOST=mailhog`), so the services reading it send
/// no mail to users. The values beside it are the stack's local defaults.
fn env_sends_mail_to_catcher(env: &EnvFile) -> bool {
    env.entries.iter().any(|entry| {
        let key = entry.key.to_ascii_lowercase();
        let value = entry.value.to_ascii_lowercase();
        (key.contains("mail") || key.contains("smtp"))
            && MAIL_CATCHERS.iter().any(|catcher| {
                value
                    .split([':', '/', '@', '.'])
                    .any(|part| part == *catcher)
            })
    })
}

/// Words of a name that say its code or value shows an example for the reader
/// (`exampleWarehouseConfig`, `SAMPLE_SETTINGS`, an OpenAPI `example`): a configuration
/// written for the documentation, which no deployment connects with.
const EXAMPLE_WORDS: &[&str] = &["example", "examples", "sample", "samples"];

/// Words of a binding's name that say its values are refused: the known weak defaults an app
/// rejects when an operator sets one (`WEAK_DEFAULTS`, `INSECURE_SECRETS`,
/// `BANNED_PASSWORDS`), so none of them is ever used as a secret.
const REFUSED_WORDS: &[&str] = &[
    "weak",
    "insecure",
    "unsafe",
    "banned",
    "forbidden",
    "blocked",
    "blacklist",
    "blacklisted",
    "blocklist",
    "denylist",
    "disallowed",
    "rejected",
    "compromised",
    "leaked",
];

/// True when the node is inside something whose name says no deployment uses it: a function
/// named for tests, stand-ins or examples (`create_test_database_urls`, `setupTestDb`,
/// `getMockCredentials`, `exampleConfig()`), a binding named for a stand-in (`const
/// fakeUser = {...}`), a class named for tests or local development (`class
/// DevelopmentConfig`, `class TestingConfig`: Flask's per-environment settings), a binding or
/// entry named for an example (`const exampleWarehouseConfig = {...}`, `example={...}` of an
/// OpenAPI schema, `Field(example="...")`), or a binding holding values the app refuses
/// (`const WEAK_DEFAULTS = {...}`). The node itself counts when it is such a binding.
fn in_scope_named_for_no_deployment(node: Node, src: &str) -> bool {
    let chain: Vec<Node> = std::iter::once(node).chain(ancestors(node)).collect();
    let has = |name: Option<Node>, vocabulary: &[&[&str]]| {
        name.is_some_and(|n| {
            name_words(text(n, src).trim_matches(['"', '\'', '`']))
                .iter()
                .any(|w| vocabulary.iter().any(|v| v.contains(&w.as_str())))
        })
    };
    const TEST_WORDS: &[&str] = &["test", "tests", "testing"];
    // `getMockCredentials()`, `const fakeUser = {...}`: stand-ins for a test or a preview.
    const STAND_IN_WORDS: &[&str] = &["mock", "mocked", "fake", "dummy", "stub"];
    chain.iter().enumerate().any(|(i, a)| match a.kind_name() {
        "function_definition"
        | "function_declaration"
        | "method_definition"
        | "generator_function_declaration" => has(
            a.field("name"),
            &[TEST_WORDS, STAND_IN_WORDS, EXAMPLE_WORDS],
        ),
        "arrow_function" | "function_expression" | "function" => has(
            chain
                .get(i + 1)
                .filter(|p| p.kind_name() == "variable_declarator")
                .and_then(|p| p.field("name")),
            &[TEST_WORDS, STAND_IN_WORDS, EXAMPLE_WORDS],
        ),
        "class_definition" | "class_declaration" | "class" => {
            has(a.field("name"), &[LOCAL_WORDS, EXAMPLE_WORDS])
        }
        "variable_declarator" => has(
            a.field("name"),
            &[EXAMPLE_WORDS, STAND_IN_WORDS, REFUSED_WORDS],
        ),
        "assignment" => has(
            a.field("left").filter(|l| l.kind_name() == "identifier"),
            &[EXAMPLE_WORDS, STAND_IN_WORDS, REFUSED_WORDS],
        ),
        "pair" => has(
            a.field("key").filter(|k| {
                matches!(
                    k.kind_name(),
                    "property_identifier" | "string" | "identifier"
                )
            }),
            &[EXAMPLE_WORDS],
        ),
        "keyword_argument" => has(a.field("name"), &[EXAMPLE_WORDS]),
        _ => false,
    })
}

/// A value naming a host or directory entry reserved for examples: `smtp.example.com`,
/// `dc=example,dc=com`.
fn names_example_host(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    [
        "example.com",
        "example.org",
        "example.net",
        "dc=example",
        ".example",
    ]
    .iter()
    .any(|m| lower.contains(m))
}

/// True when a credential belongs to a placeholder service: another setting of its group
/// names an example host (`EMAIL_HOST=smtp.host.example.com` beside `EMAIL_HOST_PASSWORD`,
/// `rootDN: 'cn=app,dc=example,dc=com'` beside `rootPassword`). The value is there to show
/// the shape; nothing authenticates with it until the operator fills in a real server.
fn beside_example_host<'a>(entries: impl Iterator<Item = (&'a str, &'a str)>) -> bool {
    entries
        .take(MAX_SIBLINGS)
        .any(|(_, value)| names_example_host(value))
}

/// The first word of a setting's name: `EMAIL` of `EMAIL_HOST_PASSWORD`.
fn group_of(key: &str) -> &str {
    key.split(['_', '-', '.']).next().unwrap_or(key)
}

/// True for code no deployment runs: browser code (`runs_outside_the_server`), modules named
/// for tests, CI or local development (`is_local_environment_file`) and test-runner
/// configuration (`is_test_runner_config`).
/// Only the well-known token scan looks at them.
fn serves_no_deployment(cx: &TreeContext, python: bool) -> bool {
    cx.text_fact("serves no deployment", |src| {
        runs_outside_the_server(&cx.file.relative, src.as_bytes(), Some(python))
            || is_local_environment_file(&cx.file.relative, false)
            || is_test_runner_config(&cx.file.relative)
            || drives_load_test(&cx.file.relative, src, python)
            || configures_documentation_build(&cx.file.relative)
    })
}

/// Words of a file's or folder's name that say its code measures the app under load
/// (`benchmarks/runner.py`, `app-benchmark/`, `loadtest/`, `locustfile.py`).
const LOAD_TEST_WORDS: &[&str] = &[
    "benchmark",
    "benchmarks",
    "loadtest",
    "loadtests",
    "locustfile",
    "locust",
    "stresstest",
];

/// True for a load-test or benchmark script: it imports a load-testing framework (Locust in
/// Python, k6 or Artillery in JavaScript), or its name or a folder's says it is one. The
/// users and passwords it holds are the synthetic accounts it signs up or logs in as against
/// a test instance, not credentials of a deployment.
fn drives_load_test(relative: &Path, src: &str, python: bool) -> bool {
    let framework = if python {
        src.lines().any(|line| {
            let line = line.trim_start();
            line.starts_with("from locust ")
                || line.starts_with("from locust.")
                || line.starts_with("import locust")
        })
    } else {
        ["'k6", "\"k6", "'artillery", "\"artillery"]
            .iter()
            .any(|module| {
                src.contains(&format!("from {module}"))
                    || src.contains(&format!("require({module}"))
            })
    };
    framework
        || relative.components().any(|c| match c {
            Component::Normal(part) => part.to_str().is_some_and(|part| {
                name_words(part)
                    .iter()
                    .any(|word| LOAD_TEST_WORDS.contains(&word.as_str()))
            }),
            _ => false,
        })
}

/// True for the configuration module of a documentation build, by its file name
/// (`rtd_config.py`, `readthedocs_settings.py`, `docs_config.py`): the builder that renders
/// the pages has no database or broker, so the URLs and passwords there reach nothing.
fn configures_documentation_build(relative: &Path) -> bool {
    let name = relative.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let words = name_words(name);
    words
        .iter()
        .any(|w| matches!(w.as_str(), "rtd" | "readthedocs" | "docs" | "sphinx"))
        && words
            .iter()
            .any(|w| matches!(w.as_str(), "config" | "conf" | "settings" | "configuration"))
}

/// True when the other string entries of the map or table holding a value show it is no
/// credential: they classify fields (`password: 'secret'` beside `port: 'public'`), or one
/// of them names an example host (`rootDN: 'cn=app,dc=example,dc=com'` beside
/// `rootPassword`), so the credential belongs to a placeholder service.
fn is_no_credential_among(value: &str, rows: &[(String, String)]) -> bool {
    classifies_fields(value, rows)
        || beside_example_host(rows.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

/// Reports every well-known token of a file.
fn scan_tokens(src: &str, out: &mut Findings) {
    scan_tokens_except(src, out, |_| false);
}

/// Reports every well-known token of a file but those at an offset `skip` accepts.
fn scan_tokens_except(src: &str, out: &mut Findings, skip: impl Fn(usize) -> bool) {
    for token in tokens(src) {
        if skip(token.range.start) {
            continue;
        }
        let n = token.range.len();
        out.report(
            token.range.clone(),
            format!(
                "{} committed in the source (`{}…`, {n} characters)",
                token.kind, token.prefix
            ),
        )
        .help(HELP_TOKEN);
    }
}

/// A literal value given to a secret-named setting: reported unless it is a placeholder, a
/// well-known token (reported by the token scan) or a URL with a password (reported by the
/// URL scan).
fn report_named(out: &mut Findings, name: &str, value: &str, range: Range<usize>, help: &str) {
    let Some(kind) = secret_kind(name) else {
        return;
    };
    if is_no_literal_secret(name, value) {
        return;
    }
    out.report(
        range,
        format!("hard-coded {kind} in `{name}` ({})", mask(value)),
    )
    .help(help);
}

/// True when `report_named` reports this value under this name.
fn reported_as_named(name: &str, value: &str) -> bool {
    secret_kind(name).is_some() && !is_no_literal_secret(name, value)
}

/// A value under a secret-like name that `report_named` leaves alone: a placeholder, a name
/// or a sentinel (`api_key = 'no_api_key'`), code, a well-known token or a URL with a
/// password (both reported by their own scans); or a key that is no setting's name at all
/// but a route or a phrase (`'PATCH /users/:id/password': 'User.Data.Updated'`).
fn is_no_literal_secret(name: &str, value: &str) -> bool {
    name.contains(|c: char| c.is_whitespace() || c == '/')
        // `secret: 'unknown'` on a synthetic anonymous user: a word for no value.
        || matches!(
            value.trim().to_ascii_lowercase().as_str(),
            "unknown" | "none" | "null" | "undefined" | "nil" | "empty"
        )
        || is_foreign_script_word(value)
        || is_bare_vendor_prefix(value)
        || names_pattern(name)
        || is_regex_shaped(value)
        || has_control_characters(value)
        || is_placeholder_for(name, value)
        || is_name_value(name, value)
        || is_absence_sentinel(name, value)
        || is_code_shaped(value)
        || is_key_prefix(name, value)
        || is_marker_token(name, value)
        || !tokens(value).is_empty()
        || !url_passwords(value).is_empty()
}

/// A word or phrase written in a script other than Latin (`"パスワード"`, `"Пароль"`): the
/// label of a translation table, not a credential (generated secrets are ASCII).
fn is_foreign_script_word(value: &str) -> bool {
    let v = value.trim();
    v.chars().any(char::is_alphabetic)
        && v.chars()
            .all(|c| !c.is_ascii_alphanumeric() && (c.is_alphabetic() || !c.is_ascii()))
}

/// A vendor's key prefix alone (`"sk-proj-"`, `"pk_"`), with nothing after the separator:
/// the start a default configuration shows for the user to complete, not a key.
fn is_bare_vendor_prefix(value: &str) -> bool {
    let v = value.trim();
    v.len() <= 10
        && v.ends_with(['-', '_'])
        && v.chars()
            .all(|c| c.is_ascii_lowercase() || matches!(c, '-' | '_'))
}

/// A prefix made of its key's own words (`"organization_secret": "secret-"`, `SESSION_TOKEN
/// = "token:"`): the start of identifiers or keys of that kind, ending in a separator.
fn is_key_prefix(name: &str, value: &str) -> bool {
    let v = value.trim();
    let Some(stem) = v.strip_suffix(['-', '_', ':', '/', '.']) else {
        return false;
    };
    let key_words = name_words(name);
    !stem.is_empty()
        && stem
            .chars()
            .all(|c| c.is_ascii_alphabetic() || matches!(c, '-' | '_'))
        && name_words(stem).iter().all(|word| key_words.contains(word))
}

/// A marker under a `..._TOKEN` name: a bracketed word (`END_TOKEN = "[TURN_END]"`,
/// `EOS_TOKEN = "<|endoftext|>"`, `PAD_TOKEN = "<pad>"`), the special token a stream or a
/// language model's vocabulary uses, not a credential.
fn is_marker_token(name: &str, value: &str) -> bool {
    let v = value.trim();
    let inner = v
        .strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .or_else(|| v.strip_prefix('<').and_then(|r| r.strip_suffix('>')));
    // `DELETED_TOKEN = "*DELETED*"`, `allToken = "#ALL"`: an upper-case word set apart by
    // marks, standing in for a value.
    let marked_word = v
        .strip_prefix('*')
        .and_then(|r| r.strip_suffix('*'))
        .or_else(|| v.strip_prefix('#'))
        .is_some_and(|word| {
            word.len() >= 2
                && word
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c == '_' || c == '-')
        });
    secret_kind(name) == Some("token")
        && (marked_word
            || inner.is_some_and(|inner| {
                let inner = inner.trim_matches('|').trim_start_matches('/');
                !inner.is_empty()
                    && inner
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '|' | '.'))
            }))
}

/// A setting whose name says it holds a pattern (`REGEX_HTTP_USER_PASS`, `password_pattern`):
/// its value matches credentials, it is none.
fn names_pattern(name: &str) -> bool {
    name_words(name)
        .iter()
        .any(|w| matches!(w.as_str(), "regex" | "regexp" | "pattern"))
}

/// A regular expression by its escapes (`r'[^\W\d]\w*'`, `r":\/\/[a-z]+:[\S]+@"`): a class
/// escape beside a bracket or a repetition. A credential holds no `\w`.
fn is_regex_shaped(value: &str) -> bool {
    ["\\w", "\\d", "\\s", "\\S", "\\W", "\\D", "\\b"]
        .iter()
        .any(|e| value.contains(e))
        && value.contains(['[', '(', '*', '+'])
}

/// A value holding control characters (`"\x91/sf\x91"`): a marker a parser inserts into
/// text, not something typed as a credential.
fn has_control_characters(value: &str) -> bool {
    // As written in the source, escaped: `\x91`, `\x00`.
    let escaped_control = value.match_indices("\\x").any(|(at, _)| {
        value
            .get(at + 2..at + 4)
            .and_then(|hex| u8::from_str_radix(hex, 16).ok())
            .is_some_and(|code| code < 0x20 || (0x7f..=0x9f).contains(&code))
    });
    escaped_control || value.chars().any(char::is_control)
}

/// A file of a translation folder named for a language (`lang/de.js`, `langs/pt-BR.ts`,
/// `languages/ja.py`): every label of the app, the word for "password" among them.
fn is_language_table(relative: &Path) -> bool {
    let stem = relative.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let (language, region) = stem
        .split_once(['-', '_'])
        .map_or((stem, None), |(l, r)| (l, Some(r)));
    let language_code = language.len() == 2 && language.chars().all(|c| c.is_ascii_lowercase());
    let region_code = region
        .is_none_or(|r| (2..=4).contains(&r.len()) && r.chars().all(|c| c.is_ascii_alphabetic()));
    language_code
        && region_code
        && relative
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .is_some_and(|dir| {
                matches!(
                    dir.to_ascii_lowercase().as_str(),
                    "lang" | "langs" | "language" | "languages"
                )
            })
}

/// True when an earlier statement of a block around the node throws in production
/// (`if (prod) throw new Error("Missing MONGODB_URI")`, `if IS_PRODUCTION: raise ...`): the
/// literal after it is a development default that no production process reaches.
fn after_production_throw(node: Node, src: &str) -> bool {
    let mut inner = node;
    for ancestor in ancestors(node) {
        if matches!(
            ancestor.kind_name(),
            "statement_block" | "program" | "block" | "module"
        ) {
            let mut cursor = ancestor.walk();
            let statements: Vec<Node> = ancestor.named_children(&mut cursor).collect();
            let throws_in_production = statements.into_iter().any(|statement| {
                statement.end_byte() <= inner.start_byte()
                    && statement.kind_name() == "if_statement"
                    && statement
                        .field("condition")
                        .is_some_and(|c| names_production(text(c, src)))
                    && statement.field("consequence").is_some_and(|c| {
                        descendants(c)
                            .any(|n| matches!(n.kind_name(), "throw_statement" | "raise_statement"))
                    })
            });
            if throws_in_production {
                return true;
            }
        }
        inner = ancestor;
    }
    false
}

/// `prod`, `isProduction`, `NODE_ENV === 'production'`, `IS_PRODUCTION`, not `!prod`.
fn names_production(condition: &str) -> bool {
    let condition = condition.trim().trim_start_matches('(').trim_start();
    if condition.starts_with('!') || condition.starts_with("not ") {
        return false;
    }
    let lower = condition.to_ascii_lowercase();
    lower.contains("prod") && !lower.contains("!=")
}

/// True when the line of the node carries another scanner's reviewed-suppression marker
/// (`# nosec B105`, `// gitleaks:allow`, `# pragma: allowlist secret`, `// NOSONAR`): the
/// maintainers have looked at this literal and kept it on purpose.
fn marked_reviewed(node: Node, src: &str) -> bool {
    let start = src[..node.start_byte()].rfind('\n').map_or(0, |i| i + 1);
    let end = src[node.end_byte()..]
        .find('\n')
        .map_or(src.len(), |i| node.end_byte() + i);
    let line = &src[start..end];
    [
        "nosec",
        "gitleaks:allow",
        "pragma: allowlist secret",
        "NOSONAR",
    ]
    .iter()
    .any(|marker| line.contains(marker))
}

/// `process.env.JWT_SECRET = "placeholder"` in a `knexfile`: only the knex command-line tool
/// reads that file, to run migrations; the server never loads what it sets.
fn sets_environment_for_knex_cli(node: Node, cx: &TreeContext, src: &str) -> bool {
    node.kind_name() == "assignment_expression"
        && cx
            .file
            .path
            .file_stem()
            .and_then(|s| s.to_str())
            .is_some_and(|stem| stem.eq_ignore_ascii_case("knexfile"))
        && node
            .field("left")
            .is_some_and(|l| text(l, src).starts_with("process.env."))
}

/// A value that is no literal secret at all: empty, or a reference (`${JWT_SECRET}`,
/// `$SECRET`, `{{ secret }}`).
fn is_reference_or_empty(value: &str) -> bool {
    let v = value.trim();
    v.is_empty() || v.starts_with('$') || v.contains("${") || v.contains("{{")
}

/// `session({ secret: 'keyboard cat' })`: the pair is the `secret` option of a session
/// middleware, which signs the session cookie with it whatever it looks like.
fn js_is_session_secret(pair: Node, name: &str, src: &str) -> bool {
    if name != "secret" {
        return false;
    }
    let Some(call) = pair
        .parent()
        .filter(|o| o.kind_name() == "object")
        .and_then(|o| o.parent())
        .filter(|a| a.kind_name() == "arguments")
        .and_then(|a| a.parent())
        .filter(|c| c.kind_name() == "call_expression")
    else {
        return false;
    };
    js::callee(call)
        .and_then(|c| js::dotted_path(c, src))
        .is_some_and(|path| {
            let last = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
            last.ends_with("session")
        })
}

/// What a URL literal is given to, for the message.
enum UrlOwner {
    /// A key, variable, attribute or keyword argument: `DATABASE_URL`, `connectionString`.
    Name(String),
    /// A call's argument: `create_engine`, `new Pool`.
    Call(String),
    Unknown,
}

/// Reports each literal password in the URLs of `text`, which starts at byte `offset` of the
/// file: at the password itself, not the whole URL.
fn report_urls(
    out: &mut Findings,
    text: &str,
    offset: usize,
    passwords: Vec<Range<usize>>,
    owner: &UrlOwner,
    help: &str,
) {
    for password in passwords {
        let Some(value) = text.get(password.clone()) else {
            continue;
        };
        let what = match owner {
            UrlOwner::Name(name) => format!("the URL in `{name}` embeds a hard-coded password"),
            UrlOwner::Call(callee) => {
                format!("the URL passed to `{callee}` embeds a hard-coded password")
            }
            UrlOwner::Unknown => "this URL embeds a hard-coded password".to_string(),
        };
        out.report(
            offset + password.start..offset + password.end,
            format!("{what} ({})", mask(value)),
        )
        .help(help);
    }
}

/// True when the URL whose password is at `password` in `text` reaches this machine
/// (`mongodb://off:…@127.0.0.1`, `postgres://u:…@localhost/db`).
fn on_loopback_host(text: &str, password: &Range<usize>) -> bool {
    let Some(rest) = text.get(password.end..) else {
        return false;
    };
    let Some(host) = rest.strip_prefix('@') else {
        return false;
    };
    let host = host
        .split(['/', '?', '#', '\'', '"'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let name = if host.starts_with('[') {
        host.split(']')
            .next()
            .unwrap_or("")
            .trim_start_matches('[')
            .to_string()
    } else {
        host.split(':').next().unwrap_or("").to_string()
    };
    name == "localhost" || name == "::1" || name.starts_with("127.")
}

/// True for code an operator runs by hand (backlint's default `tooling` role: scripts,
/// one-off management commands): a URL there that reaches the operator's own machine
/// (`localhost`, `127.0.0.1`) opens a database the operator started locally, such as a dump
/// to import.
fn is_operator_tooling(cx: &TreeContext, python: bool) -> bool {
    cx.text_fact("is operator tooling", |src| {
        let relative: PathBuf = cx
            .file
            .relative
            .components()
            .filter(|c| matches!(c, Component::Normal(_)))
            .collect();
        RolePatterns::defaults()
            .roles_of(&relative, src.as_bytes(), Some(python))
            .has(FileRole::Tooling)
    })
}

/// The content of a string literal, between its delimiters, with each hole (`${...}` of a
/// template, `{...}` of an f-string) blanked to `{__}` of the same length (line breaks kept),
/// so that a URL is read around the holes and a password with a hole is not a literal. `None`
/// for text with no URL that could carry a password, and for prose (words with spaces: a
/// message or a docstring that shows a URL).
fn string_content(
    content: Range<usize>,
    holes: &[Range<usize>],
    src: &str,
) -> Option<(usize, String)> {
    let raw = src.get(content.clone())?;
    if !raw.contains("://") || !raw.contains('@') {
        return None;
    }
    let mut bytes = raw.as_bytes().to_vec();
    for hole in holes {
        let (Some(start), Some(end)) = (
            hole.start.checked_sub(content.start),
            hole.end.checked_sub(content.start),
        ) else {
            continue;
        };
        for i in start..end.min(bytes.len()) {
            if bytes[i] != b'\n' {
                bytes[i] = if i == start {
                    b'{'
                } else if i + 1 == end {
                    b'}'
                } else {
                    b'_'
                };
            }
        }
    }
    let masked = String::from_utf8(bytes).ok()?;
    if masked.trim().contains(char::is_whitespace) {
        return None;
    }
    Some((content.start, masked))
}

/// The name of a JS object key or assignment target: `password`, `'api-key'`, `this.secret`.
fn js_name(node: Node, src: &str) -> Option<String> {
    let node = unwrap_expression(node);
    match node.kind_name() {
        "property_identifier" | "identifier" | "shorthand_property_identifier" => {
            Some(text(node, src).to_string())
        }
        "string" => js::string_value(node, src),
        "member_expression" => node.field("property").map(|p| text(p, src).to_string()),
        "subscript_expression" => node.field("index").and_then(|i| js::string_value(i, src)),
        _ => None,
    }
}

/// A literal string, never a template with substitutions.
fn js_literal(node: Node, src: &str) -> Option<(String, Range<usize>)> {
    let node = unwrap_expression(node);
    js::string_value(node, src).map(|v| (v, node.byte_range()))
}

/// The literal a signing key is, or falls back to when the environment lacks the variable:
/// `'k3y'`, `process.env.TOKEN_KEY || 'local-signing-key'`, `process.env.K ?? 'dev'`.
fn js_key_literal(node: Node, src: &str) -> Option<(String, Range<usize>)> {
    let node = unwrap_expression(node);
    if node.kind_name() == "binary_expression" {
        let op = node.field("operator").map_or("", |o| text(o, src));
        let left = node.field("left")?;
        if matches!(op, "||" | "??") && text(left, src).contains("process.env") {
            return js_literal(node.field("right")?, src);
        }
        return None;
    }
    js_literal(node, src)
}

/// The literal default of `name` in a destructuring of the environment:
/// `const { JWT_SECRET = 'dev' } = process.env`.
fn js_destructuring_default(site: Node, name: &str, src: &str) -> Option<(String, Range<usize>)> {
    crate::lang::tree::descendants(site)
        .filter(|n| n.kind_name() == "object_assignment_pattern")
        .find(|n| n.field("left").is_some_and(|l| text(l, src) == name))
        .and_then(|n| js_literal(n.field("right")?, src))
}

/// A setting that signs or authenticates: Django's and Flask's `SECRET_KEY`, `JWT_SECRET`,
/// `SESSION_SECRET`, `SIGNING_KEY`. Its fallback is the key in any deployment that forgets
/// the variable.
fn is_signing_setting(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_ascii_alphanumeric()).collect();
    let last = words.last().copied().unwrap_or("");
    let has = |w: &str| words.contains(&w);
    // A third-party credential's fallback (`AWS_SECRET_ACCESS_KEY`, `CLIENT_SECRET`) is a
    // dummy that authenticates nowhere; the app's own signing key signs with whatever it is.
    let third_party = ["access", "client", "api", "aws"].iter().any(|w| has(w));
    (!third_party && last == "key" && words.len() >= 2 && words[words.len() - 2] == "secret")
        || ((has("session") || has("cookie")) && last == "secret")
        || (has("signing") && last == "key")
        || (has("jwt") && matches!(last, "secret" | "key"))
}

/// Python: `"k3y"`, `os.getenv("APP_KEY", "dev-key")`, `os.environ.get("K", "dev")`,
/// `os.getenv("K") or "dev"`.
fn py_key_literal(node: Node, src: &str) -> Option<(String, Range<usize>)> {
    let node = py::unwrap(node);
    match node.kind_name() {
        "call" => {
            let callee = node.field("function").map(|f| text(f, src))?;
            if !py_env_read(callee) {
                return None;
            }
            let default = py::keyword_argument(node, "default", src)
                .or_else(|| py::positional_arguments(node).get(1).copied())?;
            py_literal(default, src)
        }
        "boolean_operator" => {
            let op = node.field("operator").map_or("", |o| text(o, src));
            let left = node.field("left")?;
            if op == "or"
                && (text(left, src).contains("getenv") || text(left, src).contains("environ"))
            {
                return py_literal(node.field("right")?, src);
            }
            None
        }
        _ => py_literal(node, src),
    }
}

/// The name an assignment binds: `SECRET_KEY`, `self.password`, `cfg["db_pass"]`.
fn py_target_name(left: Node, src: &str) -> Option<String> {
    match left.kind_name() {
        "identifier" => Some(text(left, src).to_string()),
        "attribute" => left.field("attribute").map(|a| text(a, src).to_string()),
        "subscript" => left
            .field("subscript")
            .and_then(|s| py::string_value(s, src)),
        _ => None,
    }
}

fn py_literal(node: Node, src: &str) -> Option<(String, Range<usize>)> {
    let node = py::unwrap(node);
    py::string_value(node, src).map(|v| (v, node.byte_range()))
}

/// A URL with a literal password in a JavaScript/TypeScript string or template literal.
fn js_url(node: Node, src: &str, tooling: bool, out: &mut Findings) {
    let (start, end) = (node.start_byte(), node.end_byte());
    if end < start + 2 {
        return;
    }
    let mut holes = Vec::new();
    if node.kind_name() == "template_string" {
        let mut cursor = node.walk();
        for child in node.named_children(&mut cursor) {
            if child.kind_name() == "template_substitution" {
                holes.push(child.byte_range());
            }
        }
    }
    let Some((offset, content)) = string_content(start + 1..end - 1, &holes, src) else {
        return;
    };
    let mut passwords = url_passwords(&content);
    if tooling {
        passwords.retain(|p| !on_loopback_host(&content, p));
    }
    if passwords.is_empty() {
        return;
    }
    let Some(owner) = js_url_owner(node, src) else {
        return;
    };
    if constant_only_env_fallback(node, src) {
        return;
    }
    if after_production_throw(node, src)
        || marked_reviewed(node, src)
        || in_scope_named_for_no_deployment(node, src)
    {
        return;
    }
    report_urls(out, &content, offset, passwords, &owner, URL_HELP_JS);
}

/// What a JS string is given to, through parentheses, casts, conditionals and `+`; `None`
/// for the fallback of an environment read (`process.env.DATABASE_URL || '...'`), which
/// the rule leaves to the environment rules as it does for every secret.
fn js_url_owner(node: Node, src: &str) -> Option<UrlOwner> {
    let mut inner = node;
    for a in ancestors(node).take(8) {
        let name = |field: &'static str| {
            a.field(field)
                .and_then(|n| js_name(n, src))
                .map_or(UrlOwner::Unknown, UrlOwner::Name)
        };
        match a.kind_name() {
            "parenthesized_expression"
            | "as_expression"
            | "satisfies_expression"
            | "non_null_expression"
            | "type_assertion"
            | "ternary_expression"
            | "arguments" => {}
            "binary_expression" => {
                let fallback =
                    matches!(a.field("operator").map(|o| text(o, src)), Some("||" | "??"));
                let from_env = a.field("left").is_some_and(|l| {
                    let t = text(l, src);
                    t.contains("process.env") || t.contains("import.meta.env")
                });
                let on_right = a.field("right").is_some_and(|r| r.id() == inner.id());
                if fallback && from_env && on_right {
                    return None;
                }
            }
            "pair" => return Some(name("key")),
            "variable_declarator" => return Some(name("name")),
            "assignment_expression" | "augmented_assignment_expression" => {
                return Some(name("left"));
            }
            "public_field_definition" => return Some(name("name")),
            "field_definition" => return Some(name("property")),
            "call_expression" => {
                return Some(
                    js::callee(a)
                        .and_then(|c| js::dotted_path(c, src))
                        .map_or(UrlOwner::Unknown, UrlOwner::Call),
                );
            }
            "new_expression" => {
                return Some(
                    a.field("constructor")
                        .and_then(|c| js::dotted_path(c, src))
                        .map_or(UrlOwner::Unknown, |c| UrlOwner::Call(format!("new {c}"))),
                );
            }
            _ => return Some(UrlOwner::Unknown),
        }
        inner = a;
    }
    Some(UrlOwner::Unknown)
}

/// A URL with a literal password in a Python string or f-string.
fn py_url(node: Node, src: &str, tooling: bool, out: &mut Findings) {
    let mut content = node.start_byte()..node.end_byte();
    let mut holes = Vec::new();
    let mut cursor = node.walk();
    for child in node.named_children(&mut cursor) {
        match child.kind_name() {
            "string_start" => content.start = child.end_byte(),
            "string_end" => content.end = child.start_byte(),
            "interpolation" => holes.push(child.byte_range()),
            _ => {}
        }
    }
    if content.start > content.end {
        return;
    }
    let Some((offset, text)) = string_content(content, &holes, src) else {
        return;
    };
    let mut passwords = url_passwords(&text);
    if tooling {
        passwords.retain(|p| !on_loopback_host(&text, p));
    }
    if passwords.is_empty() {
        return;
    }
    let Some(owner) = py_url_owner(node, src) else {
        return;
    };
    if constant_only_env_fallback(node, src) {
        return;
    }
    if after_production_throw(node, src)
        || marked_reviewed(node, src)
        || in_scope_named_for_no_deployment(node, src)
    {
        return;
    }
    report_urls(out, &text, offset, passwords, &owner, URL_HELP_PY);
}

/// True when the URL is in the value of a module-level constant that the module
/// only uses as the default of environment reads (`LOCAL_DB = "postgres://…@localhost/app"`
/// then `env.db_url("DATABASE_URL", default=LOCAL_DB)`, `process.env.DATABASE_URL ||
/// LOCAL_DB`): the fallback of a read, left to the environment rules as the same literal
/// written in the read is.
fn constant_only_env_fallback(node: Node, src: &str) -> bool {
    let Some(binding) = ancestors(node)
        .take(8)
        .find(|a| matches!(a.kind_name(), "assignment" | "variable_declarator"))
    else {
        return false;
    };
    let Some(name) = binding
        .field(if binding.kind_name() == "assignment" {
            "left"
        } else {
            "name"
        })
        .filter(|n| n.kind_name() == "identifier")
        .map(|n| text(n, src))
    else {
        return false;
    };
    let top_level = binding
        .parent()
        .and_then(|p| {
            if matches!(
                p.kind_name(),
                "lexical_declaration" | "variable_declaration"
            ) {
                p.parent().map(|q| {
                    if q.kind_name() == "export_statement" {
                        q.parent()
                    } else {
                        Some(q)
                    }
                })?
            } else {
                p.parent()
            }
        })
        .is_some_and(|p| matches!(p.kind_name(), "module" | "program"));
    if !top_level {
        return false;
    }
    let root = crate::lang::tree::root_of(binding);
    let mut uses = 0usize;
    for use_site in crate::lang::tree::descendants_mentioning(root, src, name) {
        if use_site.kind_name() != "identifier" || text(use_site, src) != name {
            continue;
        }
        if use_site.start_byte() >= binding.start_byte()
            && use_site.end_byte() <= binding.end_byte()
        {
            continue;
        }
        if !is_env_read_default(use_site, src) {
            return false;
        }
        uses += 1;
    }
    uses > 0
}

/// True when `value` is the default of an environment read: a later argument or the
/// `default=` of `os.environ.get`, `os.getenv`, django-environ's `env.db_url`, decouple's
/// `config`; the right side of `or` after such a read; the right side of `||`/`??` after
/// `process.env.X`.
fn is_env_read_default(value: Node, src: &str) -> bool {
    let Some(parent) = value.parent() else {
        return false;
    };
    let (holder, keyword) = match parent.kind_name() {
        "keyword_argument" => (
            parent.parent(),
            parent.field("name").map(|n| text(n, src).to_string()),
        ),
        _ => (Some(parent), None),
    };
    let Some(holder) = holder else {
        return false;
    };
    match holder.kind_name() {
        "argument_list" => {
            let first = holder.named_child(0).is_some_and(|f| f.id() == value.id());
            let callee = holder
                .parent()
                .and_then(|call| call.field("function"))
                .map_or("", |f| text(f, src));
            py_env_read(callee)
                && match keyword {
                    Some(k) => k == "default",
                    None => !first,
                }
        }
        "boolean_operator" => {
            holder.field("right").is_some_and(|r| r.id() == value.id())
                && holder.field("left").is_some_and(|l| {
                    let t = text(l, src);
                    t.contains("environ") || t.contains("getenv")
                })
        }
        "binary_expression" => {
            matches!(
                holder.field("operator").map(|o| text(o, src)),
                Some("||" | "??")
            ) && holder.field("right").is_some_and(|r| r.id() == value.id())
                && holder.field("left").is_some_and(|l| {
                    let t = text(l, src);
                    t.contains("process.env") || t.contains("import.meta.env")
                })
        }
        _ => false,
    }
}

/// True for a call that reads the environment with a default: `os.environ.get(k, url)`,
/// `os.getenv`, `os.environ.setdefault`, django-environ's `env(k, default=url)` and
/// `env.db_url`, python-decouple's `config(k, default=url)`, `dj_database_url.config(default=url)`.
fn py_env_read(callee: &str) -> bool {
    callee.contains("environ")
        || callee.contains("getenv")
        || callee == "env"
        || callee.starts_with("env.")
        || callee.rsplit('.').next() == Some("config")
}

/// What a Python string is given to, through parentheses, conditionals, `+` and implicit
/// concatenation; `None` for a bare string (a docstring) and for the default of an
/// environment read.
fn py_url_owner(node: Node, src: &str) -> Option<UrlOwner> {
    let mut keyword: Option<String> = None;
    let named = |name: Option<String>| name.map_or(UrlOwner::Unknown, UrlOwner::Name);
    for a in ancestors(node).take(8) {
        match a.kind_name() {
            "parenthesized_expression"
            | "binary_operator"
            | "concatenated_string"
            | "conditional_expression"
            | "argument_list" => {}
            "expression_statement" => return None,
            "keyword_argument" => {
                keyword = a.field("name").map(|n| text(n, src).to_string());
            }
            "call" => {
                let callee = a.field("function").map_or("", |f| text(f, src));
                if py_env_read(callee) {
                    return None;
                }
                return Some(match keyword {
                    Some(k) => UrlOwner::Name(k),
                    None => UrlOwner::Call(callee.to_string()),
                });
            }
            "pair" => return Some(named(a.field("key").and_then(|k| py::string_value(k, src)))),
            "assignment" => {
                return Some(named(
                    a.field("left").and_then(|left| py_target_name(left, src)),
                ));
            }
            "default_parameter" | "typed_default_parameter" => {
                return Some(named(a.field("name").map(|n| text(n, src).to_string())));
            }
            _ => return Some(named(keyword)),
        }
    }
    Some(named(keyword))
}

/// At most this many sibling entries are weighed: the evidence is in the first ones, and a
/// generated map of thousands of names must not cost the square of its size.
const MAX_SIBLINGS: usize = 256;

/// The evidence that a map whose entry's value is its own key's name (`password: 'password'`)
/// is a map of field names or labels rather than a set of credentials: among its other
/// entries with string values, names of their own keys (`id: 'id'`, `resetToken:
/// 'reset_token'`) and labels (`email: 'Email address'`) outnumber the rest, and there is at
/// least one. A connection config's other values are a host, a user, a database name
/// (`host: 'localhost'`, `user: 'root'`), so `password: 'password'` there is reported.
fn names_outnumber(entries: impl Iterator<Item = (String, String)>) -> bool {
    let (mut names, mut others) = (0usize, 0usize);
    for (key, value) in entries.take(MAX_SIBLINGS) {
        if names_key_loosely(&key, &value) || is_label(&value) {
            names += 1;
        } else {
            others += 1;
        }
    }
    names > others
}

/// `names_outnumber` over the other `key: 'string'` entries of the object literal holding
/// `pair`.
fn js_in_name_map(pair: Node, src: &str) -> bool {
    names_outnumber(js_sibling_entries(pair, src).into_iter())
}

/// `names_outnumber` over the other module-level `const NAME = 'string'` bindings of the
/// program holding the module-level `declarator` (`export const PASSWORD = 'password'` beside
/// `export const ENDPOINT = 'endpoint'`: a module of constants naming configuration fields).
fn js_in_module_name_map(declarator: Node, src: &str) -> bool {
    let Some(declaration) = declarator.parent().filter(|p| {
        matches!(
            p.kind_name(),
            "lexical_declaration" | "variable_declaration"
        )
    }) else {
        return false;
    };
    let statement = match declaration.parent() {
        Some(p) if p.kind_name() == "export_statement" => p,
        _ => declaration,
    };
    let Some(program) = statement.parent().filter(|p| p.kind_name() == "program") else {
        return false;
    };
    let mut cursor = program.walk();
    let statements: Vec<Node> = program.named_children(&mut cursor).collect();
    let mut entries = Vec::new();
    for statement in statements {
        let declaration = if statement.kind_name() == "export_statement" {
            statement.field("declaration")
        } else {
            Some(statement)
        };
        let Some(declaration) = declaration.filter(|d| {
            matches!(
                d.kind_name(),
                "lexical_declaration" | "variable_declaration"
            )
        }) else {
            continue;
        };
        let mut inner = declaration.walk();
        let declarators: Vec<Node> = declaration.named_children(&mut inner).collect();
        for other in declarators {
            if entries.len() >= MAX_SIBLINGS {
                break;
            }
            if other.kind_name() != "variable_declarator" || other.id() == declarator.id() {
                continue;
            }
            let Some(name) = other
                .field("name")
                .filter(|n| n.kind_name() == "identifier")
            else {
                continue;
            };
            if let Some((value, _)) = other.field("value").and_then(|v| js_literal(v, src)) {
                entries.push((text(name, src).to_string(), value));
            }
        }
    }
    names_outnumber(entries.into_iter())
}

/// `names_outnumber` over the other string entries of the dict literal holding a `pair`, or
/// the other `NAME = "string"` attributes of the class body or module holding an
/// `assignment` (an `Enum` of names, a class or module of constants naming the fields of a
/// configuration: `PASSWORD = "password"` beside `ENDPOINT = "endpoint"`). Keyword arguments
/// carry no such evidence.
fn py_in_name_map(node: Node, src: &str) -> bool {
    match node.kind_name() {
        "pair" => names_outnumber(py_sibling_entries(node, src).into_iter()),
        "assignment" => {
            let Some(statement) = node
                .parent()
                .filter(|p| p.kind_name() == "expression_statement")
            else {
                return false;
            };
            let Some(block) = statement.parent() else {
                return false;
            };
            let class_body = block.kind_name() == "block"
                && block
                    .parent()
                    .is_some_and(|c| c.kind_name() == "class_definition");
            if !class_body && block.kind_name() != "module" {
                return false;
            }
            let mut cursor = block.walk();
            let siblings: Vec<Node> = block
                .named_children(&mut cursor)
                .filter(|c| c.kind_name() == "expression_statement" && c.id() != statement.id())
                .filter_map(|c| c.named_child(0))
                .filter(|c| c.kind_name() == "assignment")
                .take(MAX_SIBLINGS)
                .collect();
            names_outnumber(siblings.into_iter().filter_map(|a| {
                let left = a.field("left").filter(|l| l.kind_name() == "identifier")?;
                let (value, _) = py_literal(a.field("right")?, src)?;
                Some((text(left, src).to_string(), value))
            }))
        }
        _ => false,
    }
}

/// The evidence that an entry is one row of a lookup table rather than a credential: at
/// least two other entries of the same map, under keys that name no secret, hold the very
/// same string (`{"text": "input", "password": "input", "email": "input"}` maps form field
/// types to CSS classes). A connection config with `user: 'admin', password: 'admin'` has
/// one such sibling and stays reported.
fn shares_value_with_rows(value: &str, entries: impl Iterator<Item = (String, String)>) -> bool {
    entries
        .take(MAX_SIBLINGS)
        .filter(|(key, other)| other == value && secret_kind(key).is_none())
        .count()
        >= 2
}

/// The `key: 'string'` entries of the map literal (of kind `map_kind`) holding `pair`, other
/// than `pair`; `entry` reads one sibling `pair` as a key and a string.
fn sibling_entries(
    pair: Node,
    map_kind: &str,
    entry: impl Fn(Node) -> Option<(String, String)>,
) -> Vec<(String, String)> {
    let Some(map) = pair.parent().filter(|p| p.kind_name() == map_kind) else {
        return Vec::new();
    };
    let mut cursor = map.walk();
    let siblings: Vec<Node> = map
        .named_children(&mut cursor)
        .filter(|c| c.kind_name() == "pair" && c.id() != pair.id())
        .take(MAX_SIBLINGS)
        .collect();
    siblings.into_iter().filter_map(entry).collect()
}

/// `sibling_entries` of a JavaScript object literal.
fn js_sibling_entries(pair: Node, src: &str) -> Vec<(String, String)> {
    sibling_entries(pair, "object", |p| {
        let key = js_name(p.field("key")?, src)?;
        let (value, _) = js_literal(p.field("value")?, src)?;
        Some((key, value))
    })
}

/// `sibling_entries` of a Python dict literal.
fn py_sibling_entries(pair: Node, src: &str) -> Vec<(String, String)> {
    sibling_entries(pair, "dictionary", |p| {
        let key = py::string_value(p.field("key")?, src)?;
        let (value, _) = py_literal(p.field("value")?, src)?;
        Some((key, value))
    })
}

/// The other `table["key"] = "string"` / `table.key = "string"` statements of the block
/// holding the assignment `node` to the same `table` (a JavaScript `assignment_expression`
/// or a Python `assignment`).
fn assigned_rows(node: Node, src: &str) -> Vec<(String, String)> {
    let Some(statement) = node
        .parent()
        .filter(|p| p.kind_name() == "expression_statement")
    else {
        return Vec::new();
    };
    let Some(block) = statement.parent() else {
        return Vec::new();
    };
    let Some(table) = assignment_table(node, src) else {
        return Vec::new();
    };
    let mut cursor = block.walk();
    let statements: Vec<Node> = block
        .named_children(&mut cursor)
        .filter(|c| c.kind_name() == "expression_statement" && c.id() != statement.id())
        .take(MAX_SIBLINGS)
        .collect();
    statements
        .into_iter()
        .filter_map(|c| c.named_child(0))
        .filter(|a| assignment_table(*a, src) == Some(table))
        .filter_map(|a| {
            let left = a.field("left")?;
            let right = a.field("right")?;
            if a.kind_name() == "assignment" {
                Some((py_target_name(left, src)?, py_literal(right, src)?.0))
            } else {
                Some((js_name(left, src)?, js_literal(right, src)?.0))
            }
        })
        .collect()
}

/// The object an assignment writes a key of: `table` in `table["key"] = v` or `table.key = v`.
fn assignment_table<'s>(assignment: Node, src: &'s str) -> Option<&'s str> {
    if !matches!(
        assignment.kind_name(),
        "assignment" | "assignment_expression"
    ) {
        return None;
    }
    let left = assignment.field("left")?;
    let object = match left.kind_name() {
        "subscript" => left.field("value"),
        "subscript_expression" | "member_expression" => left.field("object"),
        "attribute" => left.field("object"),
        _ => None,
    }?;
    Some(text(object, src))
}

/// True for a value that is its name's own last word, in lower case, given to a member of an
/// enumeration or to a class constant offered as a choice (`SECRET = "secret"` in an `Enum`
/// of resource kinds, `AUTH_PASSWORD = "password"` in `[(AUTH_PASSWORD, "Password")]`): the
/// constant names a kind or a choice, and the code compares with it. A credential is never the word of its own name. Only for
/// plain assignments: a typed field (`password: str = "password"` in a settings class) is a
/// default the app logs in with.
fn py_class_constant_names_itself(node: Node, name: &str, value: &str, src: &str) -> bool {
    if node.kind_name() != "assignment" || node.field("type").is_some() {
        return false;
    }
    let Some(class) = node
        .parent()
        .filter(|p| p.kind_name() == "expression_statement")
        .and_then(|p| p.parent())
        .filter(|b| b.kind_name() == "block")
        .and_then(|b| b.parent())
        .filter(|c| c.kind_name() == "class_definition")
    else {
        return false;
    };
    let v = value.trim();
    (py_is_enum_class(class, src) || py_used_as_choice(class, name, src))
        && !v.is_empty()
        && v.chars().all(|c| c.is_ascii_lowercase())
        && name_words(name).last().is_some_and(|last| *last == v)
}

/// True for a class whose bases make it an enumeration: `Enum`, `StrEnum`, `IntEnum`, Django's
/// `TextChoices`/`IntegerChoices`.
fn py_is_enum_class(class: Node, src: &str) -> bool {
    class.field("superclasses").is_some_and(|bases| {
        let bases = text(bases, src);
        bases.contains("Enum") || bases.contains("Choices")
    })
}

/// True when the class body offers the constant as a choice: the first element of a
/// `(value, label)` pair (`AUTH_METHOD_CHOICES = [(AUTH_PASSWORD, "Password")]`).
fn py_used_as_choice(class: Node, name: &str, src: &str) -> bool {
    let Some(body) = class.field("body") else {
        return false;
    };
    crate::lang::tree::descendants_mentioning(body, src, name).any(|n| {
        n.kind_name() == "tuple"
            && n.named_child(0)
                .is_some_and(|first| first.kind_name() == "identifier" && text(first, src) == name)
    })
}

/// True when every use of the module-level name bound at `binding` (there is at least one) looks
/// something up by it: a subscript (`session[_session_key]`), a membership test (`_session_key
/// in session`) or the first argument of `get`, `pop`, `setdefault`, `getItem`, `removeItem`.
/// The value is the key under which something is kept, not a credential.
fn only_used_as_lookup_key(binding: Node, name: &str, root: Node, src: &str) -> bool {
    let mut uses = 0usize;
    for node in crate::lang::tree::descendants_mentioning(root, src, name) {
        if node.kind_name() != "identifier" || text(node, src) != name {
            continue;
        }
        if node.start_byte() >= binding.start_byte() && node.end_byte() <= binding.end_byte() {
            continue;
        }
        let Some(parent) = node.parent() else {
            return false;
        };
        let is_index = match parent.kind_name() {
            "subscript" => parent
                .field("subscript")
                .is_some_and(|s| s.id() == node.id()),
            "subscript_expression" => parent.field("index").is_some_and(|s| s.id() == node.id()),
            "comparison_operator" => {
                parent
                    .named_child(0)
                    .is_some_and(|first| first.id() == node.id())
                    && text(parent, src).contains(" in ")
            }
            "binary_expression" => {
                parent.field("left").is_some_and(|l| l.id() == node.id())
                    && parent
                        .field("operator")
                        .is_some_and(|o| text(o, src) == "in")
            }
            "argument_list" | "arguments" => {
                let first = parent.named_child(0).is_some_and(|f| f.id() == node.id());
                let method = parent
                    .parent()
                    .and_then(|call| call.field("function"))
                    .map(|f| text(f, src).rsplit('.').next().unwrap_or("").to_string())
                    .unwrap_or_default();
                first
                    && matches!(
                        method.as_str(),
                        "get" | "pop" | "setdefault" | "getItem" | "removeItem" | "has" | "delete"
                    )
            }
            _ => false,
        };
        if !is_index {
            return false;
        }
        uses += 1;
    }
    uses > 0
}

/// True when the module-level binding `node` (a Python `assignment` or a JavaScript
/// `variable_declarator` whose name is `name`) is only used as a lookup key.
fn module_name_used_as_lookup_key(node: Node, name: &str, cx: &TreeContext) -> bool {
    let statement = match node.kind_name() {
        "assignment" => node
            .field("left")
            .filter(|l| l.kind_name() == "identifier")
            .and_then(|_| node.parent())
            .filter(|p| p.kind_name() == "expression_statement"),
        "variable_declarator" => node
            .field("name")
            .filter(|n| n.kind_name() == "identifier")
            .and_then(|_| node.parent())
            .filter(|p| {
                matches!(
                    p.kind_name(),
                    "lexical_declaration" | "variable_declaration"
                )
            }),
        _ => None,
    };
    let top_level = statement
        .and_then(|s| s.parent())
        .is_some_and(|p| matches!(p.kind_name(), "module" | "program"));
    top_level && only_used_as_lookup_key(node, name, cx.root, cx.src)
}

/// True for a value in code that calls itself the default of its key's kind: words ending in
/// `default` and the key's last word (`API_KEY_SECRET = 'acme_default_secret'`, `password:
/// 'default-password'`). It is the stand-in a product documents for its users to replace,
/// which code shows or compares with; a generated secret says nothing of itself. In env and
/// compose files, which a deployment loads as they are, it is still reported.
fn names_itself_default(name: &str, value: &str) -> bool {
    let parts = name_words(value.trim());
    let Some(kind) = name_words(name).pop() else {
        return false;
    };
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()))
        && parts[parts.len() - 2] == "default"
        && parts[parts.len() - 1] == kind
}

/// True when a password-named entry holds its own name (`password: 'password'`) beside a
/// user-name entry holding its own (`username: 'username'`): the fields of a login filled
/// with their names, the shape of a request shown to the reader rather than an account.
fn login_filled_with_names(name: &str, value: &str, rows: &[(String, String)]) -> bool {
    secret_kind(name) == Some("password")
        && names_key(name, value)
        && rows.iter().take(MAX_SIBLINGS).any(|(key, other)| {
            matches!(
                name_words(key).concat().as_str(),
                "username" | "login" | "loginname"
            ) && names_key(key, other)
        })
}

/// The other entries beside `node` as (key, source text of the value): the pairs of the
/// JavaScript object or Python dict holding a `pair`, the keyword arguments of the call
/// holding a `keyword_argument`.
fn sibling_value_texts(node: Node, src: &str) -> Vec<(String, String)> {
    let Some(parent) = node.parent() else {
        return Vec::new();
    };
    let entry_kind = match (node.kind_name(), parent.kind_name()) {
        ("pair", "object" | "dictionary") => "pair",
        ("keyword_argument", "argument_list") => "keyword_argument",
        _ => return Vec::new(),
    };
    let mut cursor = parent.walk();
    let siblings: Vec<Node> = parent
        .named_children(&mut cursor)
        .filter(|c| c.kind_name() == entry_kind && c.id() != node.id())
        .take(MAX_SIBLINGS)
        .collect();
    siblings
        .into_iter()
        .filter_map(|c| {
            let (key, value) = if entry_kind == "pair" {
                let key = c.field("key")?;
                let key = js_name(key, src).or_else(|| py::string_value(key, src))?;
                (key, c.field("value")?)
            } else {
                (text(c.field("name")?, src).to_string(), c.field("value")?)
            };
            Some((key, text(value, src).to_string()))
        })
        .collect()
}

/// True when an API key's value is one lower-case word that the address given beside it
/// names (`new OpenAI({ baseURL: config.ollama.apiUrl, apiKey: 'ollama' })`,
/// `OpenAI(base_url=OLLAMA_URL, api_key="ollama")`): the stand-in a client library requires
/// for a local server that checks no key. An issued key is random characters, never the
/// name of the server it opens.
fn names_server_beside(name: &str, value: &str, siblings: &[(String, String)]) -> bool {
    let v = value.trim();
    secret_kind(name) == Some("API key")
        && v.len() >= 4
        && v.chars().all(|c| c.is_ascii_lowercase() || c == '-')
        && siblings.iter().any(|(key, other)| {
            name_words(key).iter().any(|w| {
                matches!(
                    w.as_str(),
                    "url" | "uri" | "host" | "endpoint" | "base" | "server" | "address"
                )
            }) && other.to_ascii_lowercase().contains(v)
        })
}

/// True when a comment at the end of the literal's line calls it a placeholder or a dummy
/// (`"client_secret": "bot-context",  # Placeholder for bot context`): the maintainers say
/// nothing authenticates with it.
fn commented_as_placeholder(node: Node, src: &str) -> bool {
    let end = src[node.end_byte()..]
        .find('\n')
        .map_or(src.len(), |i| node.end_byte() + i);
    let rest = &src[node.end_byte()..end];
    let comment = rest
        .find("//")
        .or_else(|| rest.find('#'))
        .map(|at| rest[at..].to_ascii_lowercase());
    comment.is_some_and(|c| {
        ["placeholder", "dummy", "not a real", "not real"]
            .iter()
            .any(|m| c.contains(m))
    })
}

/// True when the byte at `at` lies in the value of a JSX `placeholder` attribute: the hint a
/// form field shows until the user types (the shape of a private key, an example token).
fn in_jsx_placeholder(root: Node, at: usize, src: &str) -> bool {
    let Some(node) = root.descendant_for_byte_range(at, at) else {
        return false;
    };
    std::iter::once(node)
        .chain(ancestors(node))
        .take(12)
        .any(|a| {
            a.kind_name() == "jsx_attribute"
                && a.named_child(0).is_some_and(|n| {
                    n.kind_name() == "property_identifier" && text(n, src) == "placeholder"
                })
        })
}

/// Methods that write rows or documents into a table or collection.
const ROW_WRITERS: &[&str] = &[
    "insert",
    "insertMany",
    "insertOne",
    "insert_many",
    "insert_one",
    "bulkCreate",
    "bulk_create",
    "createMany",
    "bulkInsert",
    "bulk_insert",
];

/// True when the map holding `pair` is a row written into the application's own table or
/// collection: the argument of `insertMany`, `insert_one`, `bulkCreate` … or an element of
/// the list given to one (`db.users.insertMany([{ name: 'stan', password: '…' }])`). Its
/// password is the data of a sample account, not a credential the code logs in with; a
/// database login (`db.createUser({ user, pwd })`) is still reported.
fn is_inserted_row(pair: Node, src: &str) -> bool {
    let Some(map) = pair.parent() else {
        return false;
    };
    let mut node = map;
    if node
        .parent()
        .is_some_and(|p| matches!(p.kind_name(), "array" | "list"))
    {
        let Some(list) = node.parent() else {
            return false;
        };
        node = list;
    }
    let Some(call) = node
        .parent()
        .filter(|a| matches!(a.kind_name(), "arguments" | "argument_list"))
        .and_then(|a| a.parent())
        .filter(|c| matches!(c.kind_name(), "call_expression" | "call"))
    else {
        return false;
    };
    let callee = call.field("function").map_or("", |f| text(f, src));
    let method = callee.rsplit('.').next().unwrap_or("");
    ROW_WRITERS.contains(&method)
}

impl Rule for HardcodedSecret {
    fn may_match(&self, file: &Prescan) -> bool {
        !is_example_file(file.path) && may_contain_secret(file.bytes, file.kind.grammar().is_some())
    }

    fn needles(&self) -> &'static [&'static [&'static str]] {
        &[&[
            "pass",
            "pwd",
            "secret",
            "token",
            "key",
            "jwt",
            "AKIA",
            "ASIA",
            "ghp_",
            "gho_",
            "ghu_",
            "ghs_",
            "ghr_",
            "github_pat_",
            "xox",
            "sk_live_",
            "rk_live_",
            "AIza",
            "PRIVATE KEY",
            "://",
        ]]
    }

    fn js_node_kinds(&self) -> &'static [&'static str] {
        &[
            "program",
            "pair",
            "variable_declarator",
            "assignment_expression",
            "call_expression",
            "string",
            "template_string",
        ]
    }

    fn check_js(&self, node: Node, cx: &TreeContext, out: &mut Findings) {
        let src = cx.src;
        if cx.text_fact("is an example file", |_| {
            is_example_file(&cx.file.path)
                || is_in_template_folder(&cx.file.relative)
                || is_language_table(&cx.file.relative)
        }) {
            return;
        }
        if node.kind_name() != "program" && serves_no_deployment(cx, false) {
            return;
        }
        let (name, value) = match node.kind_name() {
            "program" => {
                scan_tokens_except(src, out, |at| in_jsx_placeholder(cx.root, at, src));
                return;
            }
            "pair" => (node.field("key"), node.field("value")),
            "variable_declarator" => (node.field("name"), node.field("value")),
            "assignment_expression" => (node.field("left"), node.field("right")),
            "call_expression" => {
                self.js_signing_call(node, cx, out);
                return;
            }
            "string" | "template_string" => {
                js_url(node, src, is_operator_tooling(cx, false), out);
                return;
            }
            _ => return,
        };
        let (Some(name_node), Some(value)) = (name, value) else {
            return;
        };
        // `session({ secret: process.env.SESSION_SECRET || 'dev' })`: the fallback signs cookies.
        if node.kind_name() == "pair" && js_literal(value, src).is_none() {
            if let (Some(name), Some((fallback, range))) =
                (js_name(name_node, src), js_key_literal(value, src))
            {
                if js_is_session_secret(node, &name, src) && !is_reference_or_empty(&fallback) {
                    out.report(range, format!("hard-coded session secret ({})", mask(&fallback)))
                        .help("anyone who reads the code can forge session cookies when the variable is missing: require it at startup instead of falling back, and rotate the value");
                }
            }
            return;
        }
        let (Some(name), Some((value, range))) = (js_name(name_node, src), js_literal(value, src))
        else {
            return;
        };
        if secret_kind(&name).is_some()
            && (names_key_loosely(&name, &value) || takes_words_of_key(&name, &value))
            && match node.kind_name() {
                "pair" => js_in_name_map(node, src),
                "variable_declarator" => js_in_module_name_map(node, src),
                _ => false,
            }
        {
            return;
        }
        // `fake_wallet_secret: 'Secret'`: the caption of a form field.
        if node.kind_name() == "pair" && is_key_word_label(&name, &value) {
            return;
        }
        let rows = match node.kind_name() {
            "pair" => js_sibling_entries(node, src),
            "assignment_expression" => assigned_rows(node, src),
            _ => Vec::new(),
        };
        if names_something_else(&name, &value)
            || is_no_credential_among(&value, &rows)
            || login_filled_with_names(&name, &value, &rows)
            || names_server_beside(&name, &value, &sibling_value_texts(node, src))
        {
            return;
        }
        if shares_value_with_rows(&value, rows.into_iter()) {
            return;
        }
        if after_production_throw(node, src)
            || marked_reviewed(node, src)
            || commented_as_placeholder(node, src)
            || (node.kind_name() == "pair" && is_inserted_row(node, src))
            || sets_environment_for_knex_cli(node, cx, src)
            || in_scope_named_for_no_deployment(node, src)
        {
            return;
        }
        if node.kind_name() == "variable_declarator"
            && reported_as_named(&name, &value)
            && module_name_used_as_lookup_key(node, &name, cx)
        {
            return;
        }
        if node.kind_name() == "pair"
            && js_is_session_secret(node, &name, src)
            && !is_reference_or_empty(&value)
            && !reported_as_named(&name, &value)
        {
            out.report(range, format!("hard-coded session secret ({})", mask(&value)))
                .help("anyone who reads the code can forge session cookies: load the secret from the environment (`process.env.SESSION_SECRET`, checked at startup) and rotate it");
            return;
        }
        if names_itself_default(&name, &value) {
            return;
        }
        report_named(out, &name, &value, range, HELP_JS);
    }

    fn py_node_kinds(&self) -> &'static [&'static str] {
        &[
            "module",
            "keyword_argument",
            "assignment",
            "pair",
            "call",
            "string",
        ]
    }

    fn check_py(&self, node: Node, cx: &TreeContext, out: &mut Findings) {
        let src = cx.src;
        if cx.text_fact("is an example file", |_| {
            is_example_file(&cx.file.path)
                || is_in_template_folder(&cx.file.relative)
                || is_language_table(&cx.file.relative)
        }) {
            return;
        }
        if node.kind_name() != "module" && serves_no_deployment(cx, true) {
            return;
        }
        let (name, value) = match node.kind_name() {
            "module" => {
                scan_tokens(src, out);
                return;
            }
            "keyword_argument" => {
                let Some(name) = node.field("name") else {
                    return;
                };
                (Some(text(name, src).to_string()), node.field("value"))
            }
            "assignment" => {
                let Some(left) = node.field("left") else {
                    return;
                };
                let name = py_target_name(left, src);
                (name, node.field("right"))
            }
            "pair" => (
                node.field("key").and_then(|k| py::string_value(k, src)),
                node.field("value"),
            ),
            "call" => {
                self.py_signing_call(node, cx, out);
                return;
            }
            "string" => {
                py_url(node, src, is_operator_tooling(cx, true), out);
                return;
            }
            _ => return,
        };
        let (Some(name), Some(value)) = (name, value) else {
            return;
        };
        let Some((value, range)) = py_literal(value, src) else {
            // `SECRET_KEY = os.getenv("SECRET_KEY", "dev-key")`: a signing setting's fallback
            // signs sessions and tokens wherever the variable is missing.
            if node.kind_name() == "assignment"
                && is_signing_setting(&name)
                && !in_scope_named_for_no_deployment(node, src)
            {
                if let Some((fallback, range)) = py_key_literal(value, src) {
                    if !is_reference_or_empty(&fallback) && tokens(&fallback).is_empty() {
                        out.report(
                            range,
                            format!("hard-coded fallback for the signing setting `{name}` ({})", mask(&fallback)),
                        )
                        .help("anyone who reads the code can forge what it signs when the variable is missing: require it at startup (`os.environ[\"SECRET_KEY\"]`) instead of falling back, and rotate the value");
                    }
                }
            }
            return;
        };
        if secret_kind(&name).is_some()
            && (names_key_loosely(&name, &value) || takes_words_of_key(&name, &value))
            && py_in_name_map(node, src)
        {
            return;
        }
        // `{"fake_wallet_secret": "Secret"}`: the caption of a form field.
        if node.kind_name() == "pair" && is_key_word_label(&name, &value) {
            return;
        }
        let rows = match node.kind_name() {
            "pair" => py_sibling_entries(node, src),
            "assignment" => assigned_rows(node, src),
            _ => Vec::new(),
        };
        if names_something_else(&name, &value)
            || is_no_credential_among(&value, &rows)
            || login_filled_with_names(&name, &value, &rows)
            || names_server_beside(&name, &value, &sibling_value_texts(node, src))
        {
            return;
        }
        if shares_value_with_rows(&value, rows.into_iter()) {
            return;
        }
        if after_production_throw(node, src)
            || marked_reviewed(node, src)
            || commented_as_placeholder(node, src)
            || (node.kind_name() == "pair" && is_inserted_row(node, src))
            || in_scope_named_for_no_deployment(node, src)
            || py_class_constant_names_itself(node, &name, &value, src)
        {
            return;
        }
        if node.kind_name() == "assignment"
            && reported_as_named(&name, &value)
            && module_name_used_as_lookup_key(node, &name, cx)
        {
            return;
        }
        if names_itself_default(&name, &value) {
            return;
        }
        report_named(out, &name, &value, range, HELP_PY);
    }

    fn check_env(&self, file: &SourceFile, env: &EnvFile, out: &mut Findings) {
        if is_example_file(&file.path) || is_in_template_folder(&file.relative) {
            return;
        }
        scan_tokens(&file.text, out);
        if is_local_environment_file(&file.relative, true)
            || runs_outside_the_server(&file.relative, file.text.as_bytes(), None)
            || env_sends_mail_to_catcher(env)
        {
            return;
        }
        for entry in &env.entries {
            let group = group_of(&entry.key);
            let placeholder_service = beside_example_host(
                env.entries
                    .iter()
                    .filter(|other| other.key != entry.key && group_of(&other.key) == group)
                    .map(|other| (other.key.as_str(), other.value.as_str())),
            );
            if placeholder_service {
                continue;
            }
            report_named(
                out,
                &entry.key,
                &entry.value,
                entry.value_range.clone(),
                HELP_ENV,
            );
            if let Some(raw) = file.text.get(entry.value_range.clone()) {
                let owner = UrlOwner::Name(entry.key.clone());
                report_urls(
                    out,
                    raw,
                    entry.value_range.start,
                    url_passwords(raw),
                    &owner,
                    URL_HELP_ENV,
                );
            }
        }
    }

    fn check_compose(
        &self,
        file: &SourceFile,
        _doc: &YamlNode,
        model: &ComposeFile,
        out: &mut Findings,
    ) {
        if is_example_file(&file.path) || is_in_template_folder(&file.relative) {
            return;
        }
        scan_tokens(&file.text, out);
        if is_local_environment_file(&file.relative, true)
            || is_development_stack(
                model,
                file.relative
                    .parent()
                    .is_none_or(|p| p.as_os_str().is_empty()),
            )
            || (runs_test_suites(model)
                && file
                    .relative
                    .parent()
                    .is_some_and(|p| !p.as_os_str().is_empty()))
            || runs_outside_the_server(&file.relative, file.text.as_bytes(), None)
        {
            return;
        }
        for service in &model.services {
            for var in &service.environment {
                let Some(value) = &var.value else { continue };
                let group = group_of(&var.key);
                let placeholder_service = beside_example_host(
                    service
                        .environment
                        .iter()
                        .filter(|other| other.key != var.key && group_of(&other.key) == group)
                        .filter_map(|other| Some((other.key.as_str(), other.value.as_deref()?))),
                );
                if placeholder_service {
                    continue;
                }
                report_named(out, &var.key, value, var.value_range.clone(), HELP_COMPOSE);
                if let Some(raw) = file.text.get(var.value_range.clone()) {
                    let owner = UrlOwner::Name(var.key.clone());
                    report_urls(
                        out,
                        raw,
                        var.value_range.start,
                        url_passwords(raw),
                        &owner,
                        URL_HELP_COMPOSE,
                    );
                }
            }
        }
    }

    fn check_json_config(&self, file: &SourceFile, strings: &[JsonString], out: &mut Findings) {
        self.json_config(file, strings, out);
    }
}

impl HardcodedSecret {
    /// Committed JSON configuration: secret-named string values and passwords in URLs, at
    /// the value. Example files and the configuration of tests and local development
    /// (`config/test.json`, `appsettings.Development.json`) are left alone.
    fn json_config(&self, file: &SourceFile, strings: &[JsonString], out: &mut Findings) {
        if is_example_file(&file.path)
            || is_in_template_folder(&file.relative)
            || is_local_environment(&file.path)
            || runs_outside_the_server(&file.relative, file.text.as_bytes(), None)
        {
            return;
        }
        scan_tokens(&file.text, out);
        for string in strings {
            if let Some(key) = &string.key {
                if !is_reference_or_empty(&string.value) {
                    report_named(out, key, &string.value, string.range.clone(), HELP_JSON);
                }
            }
            if let Some(raw) = file.text.get(string.range.clone()) {
                let owner = string.key.clone().map_or(UrlOwner::Unknown, UrlOwner::Name);
                report_urls(
                    out,
                    raw,
                    string.range.start,
                    url_passwords(raw),
                    &owner,
                    URL_HELP_JSON,
                );
            }
        }
    }

    /// `jwt.sign(payload, 'secret')`, `jwt.verify(token, SECRET)` with a literal key.
    fn js_signing_call(&self, call: Node, cx: &TreeContext, out: &mut Findings) {
        let src = cx.src;
        let Some(callee) = js::callee(call).and_then(|c| js::dotted_path(c, src)) else {
            return;
        };
        let last = callee.rsplit('.').next().unwrap_or("");
        if !matches!(last, "sign" | "verify")
            || !(callee.to_ascii_lowercase().contains("jwt") || src.contains("jsonwebtoken"))
        {
            return;
        }
        let Some(key) = js::call_arguments(call).get(1).copied() else {
            return;
        };
        let key = unwrap_expression(key);
        let literal = if key.kind_name() == "identifier" {
            let name = text(key, src);
            let scope = js::enclosing_function(call).unwrap_or(cx.root);
            let mut bindings = js::bindings_of(scope, name, src, call.start_byte());
            if bindings.is_empty() {
                bindings = js::bindings_of(cx.root, name, src, call.start_byte());
            }
            match bindings.last() {
                // `const { JWT_SECRET = 'dev' } = process.env`: the default signs tokens
                // wherever the variable is missing.
                Some(b)
                    if b.kind == js::BindingKind::Destructure
                        && js::is_env_object(b.value, src) =>
                {
                    js_destructuring_default(b.site, name, src)
                }
                Some(b) if b.kind == js::BindingKind::Const => {
                    // A plain literal under a secret-like name is reported where it is declared.
                    let plain = js_literal(b.value, src).is_some();
                    js_key_literal(b.value, src)
                        .filter(|(value, _)| !(plain && reported_as_named(name, value)))
                }
                _ => None,
            }
        } else {
            js_key_literal(key, src)
        };
        let Some((value, range)) = literal else {
            return;
        };
        // Tokens are signed with whatever is written here, a placeholder too.
        if is_reference_or_empty(&value) || !tokens(&value).is_empty() {
            return;
        }
        out.report(range, format!("hard-coded signing secret of `{callee}` ({})", mask(&value)))
            .label(call.byte_range(), "tokens are signed with it here")
            .help("anyone who reads the code can forge tokens: load the secret from the environment (`process.env.JWT_SECRET`, checked at startup) and rotate it");
    }

    /// `jwt.encode(payload, "secret", algorithm="HS256")`, `key="..."`.
    fn py_signing_call(&self, call: Node, cx: &TreeContext, out: &mut Findings) {
        let src = cx.src;
        let Some(callee) = call.field("function").map(|f| text(f, src)) else {
            return;
        };
        let last = callee.rsplit('.').next().unwrap_or("");
        if !matches!(last, "encode" | "decode") || !callee.to_ascii_lowercase().contains("jwt") {
            return;
        }
        let key = py::keyword_argument(call, "key", src)
            .or_else(|| py::positional_arguments(call).get(1).copied());
        let Some((value, range)) = key.and_then(|k| py_key_literal(k, src)) else {
            return;
        };
        if is_reference_or_empty(&value) || !tokens(&value).is_empty() {
            return;
        }
        out.report(range, format!("hard-coded signing key of `{callee}` ({})", mask(&value)))
            .label(call.byte_range(), "tokens are signed with it here")
            .help("anyone who reads the code can forge tokens: load the key from the environment (`os.environ[\"JWT_SECRET\"]`, read at startup) and rotate it");
    }
}
