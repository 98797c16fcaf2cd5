//! File kinds, tree-sitter grammars and the small parsers of configuration formats.

pub mod caddyfile;
pub mod compose;
pub mod context;
pub mod dockerfile;
pub mod dotenv;
pub mod js;
pub mod js_scan;
pub mod json_config;
pub mod k8s;
pub mod layout;
pub mod limits;
pub mod pruning;
pub mod py;
pub mod py_lines;
pub mod tree;
pub mod yaml;

/// How a quoted string literal that starts at a quote ends, as the text scanners read it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StringEnd {
    /// Closed; the index just past its closing quote.
    Closed(usize),
    /// A line break came first (a single-line string cannot hold one).
    LineBreak,
    /// The text ended first.
    Eof,
}

impl StringEnd {
    /// The index past the closing quote, if the string is closed.
    pub fn closed(self) -> Option<usize> {
        match self {
            StringEnd::Closed(end) => Some(end),
            StringEnd::LineBreak | StringEnd::Eof => None,
        }
    }
}

use std::cell::RefCell;
use std::path::Path;

use serde::{Deserialize, Serialize};
use tree_sitter::{Language, Parser, Tree};

/// The languages of the rule catalog.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Js,
    Ts,
    Py,
    Env,
    Compose,
    Caddy,
    Docker,
    K8s,
    Json,
}

impl Lang {
    pub const ALL: [Lang; 9] = [
        Lang::Js,
        Lang::Ts,
        Lang::Py,
        Lang::Env,
        Lang::Compose,
        Lang::Caddy,
        Lang::Docker,
        Lang::K8s,
        Lang::Json,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Js => "js",
            Lang::Ts => "ts",
            Lang::Py => "py",
            Lang::Env => "env",
            Lang::Compose => "compose",
            Lang::Caddy => "caddy",
            Lang::Docker => "docker",
            Lang::K8s => "k8s",
            Lang::Json => "json",
        }
    }

    /// A file name that makes `FileKind::detect` choose this language (used for examples).
    pub fn example_file_name(self) -> &'static str {
        match self {
            Lang::Js => "example.js",
            Lang::Ts => "example.ts",
            Lang::Py => "example.py",
            Lang::Env => ".env",
            Lang::Compose => "docker-compose.yml",
            Lang::Caddy => "Caddyfile",
            Lang::Docker => "Dockerfile",
            Lang::K8s => "deployment.k8s.yaml",
            Lang::Json => "config.json",
        }
    }
}

/// What a file is, decided from its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum FileKind {
    Js,
    Ts,
    Tsx,
    Py,
    Env,
    Compose,
    Caddy,
    Docker,
    K8s,
    /// Application configuration in JSON (`config/production.json`, `appsettings.json`).
    Json,
    /// `package.json`: read for project facts (dependency versions), not linted.
    PackageJson,
}

impl FileKind {
    /// The catalog language of the kind; `None` for files read only for project facts.
    pub fn lang(self) -> Option<Lang> {
        match self {
            FileKind::Js => Some(Lang::Js),
            FileKind::Ts | FileKind::Tsx => Some(Lang::Ts),
            FileKind::Py => Some(Lang::Py),
            FileKind::Env => Some(Lang::Env),
            FileKind::Compose => Some(Lang::Compose),
            FileKind::Caddy => Some(Lang::Caddy),
            FileKind::Docker => Some(Lang::Docker),
            FileKind::K8s => Some(Lang::K8s),
            FileKind::Json => Some(Lang::Json),
            FileKind::PackageJson => None,
        }
    }

    /// The grammar that parses this kind, if it is a tree-sitter language.
    pub fn grammar(self) -> Option<Grammar> {
        match self {
            FileKind::Js => Some(Grammar::Js),
            FileKind::Ts => Some(Grammar::Ts),
            FileKind::Tsx => Some(Grammar::Tsx),
            FileKind::Py => Some(Grammar::Py),
            _ => None,
        }
    }

    /// The kind of a file from its name alone, or `None` when backlint does not read it.
    pub fn detect(path: &Path) -> Option<FileKind> {
        let name = path.file_name()?.to_str()?;
        let lower = name.to_ascii_lowercase();
        if let Some((_, ext)) = lower.rsplit_once('.') {
            match ext {
                "js" | "mjs" | "cjs" | "jsx" => return Some(FileKind::Js),
                "ts" | "mts" | "cts" => {
                    if lower.ends_with(".d.ts")
                        || lower.ends_with(".d.mts")
                        || lower.ends_with(".d.cts")
                    {
                        return None;
                    }
                    return Some(FileKind::Ts);
                }
                "tsx" => return Some(FileKind::Tsx),
                "py" => return Some(FileKind::Py),
                _ => {}
            }
        }
        if name == "package.json" {
            return Some(FileKind::PackageJson);
        }
        if json_config::is_config_json(path) {
            return Some(FileKind::Json);
        }
        if name.starts_with("Caddyfile")
            || lower.ends_with(".caddyfile")
            || lower.ends_with(".caddy")
        {
            return Some(FileKind::Caddy);
        }
        if name.starts_with("Dockerfile") || lower.ends_with(".dockerfile") {
            return Some(FileKind::Docker);
        }
        if lower == ".env" || lower.starts_with(".env.") || dotenv::is_env_template(path) {
            return Some(FileKind::Env);
        }
        let is_yaml = lower.ends_with(".yml") || lower.ends_with(".yaml");
        if is_yaml && (lower.starts_with("docker-compose") || lower.starts_with("compose")) {
            return Some(FileKind::Compose);
        }
        None
    }

    pub fn name(self) -> &'static str {
        match self {
            FileKind::Js => "JavaScript",
            FileKind::Ts => "TypeScript",
            FileKind::Tsx => "TSX",
            FileKind::Py => "Python",
            FileKind::Env => "dotenv",
            FileKind::Compose => "compose",
            FileKind::Caddy => "Caddyfile",
            FileKind::Docker => "Dockerfile",
            FileKind::K8s => "Kubernetes",
            FileKind::Json => "JSON config",
            FileKind::PackageJson => "package.json",
        }
    }
}

/// The tree-sitter grammars backlint parses with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Grammar {
    Js,
    Ts,
    Tsx,
    Py,
}

/// Per node kind id of `language`: whether the kind's name is one of `names` (named and
/// anonymous kinds alike, as comparing `Node::kind` would), so a walk can select nodes by id
/// instead of comparing names on every node.
pub fn kind_ids_named(language: &Language, names: &[&str]) -> Vec<bool> {
    (0..language.node_kind_count())
        .map(|id| {
            u16::try_from(id)
                .ok()
                .and_then(|id| language.node_kind_for_id(id))
                .is_some_and(|name| names.contains(&name))
        })
        .collect()
}

impl Grammar {
    pub const ALL: [Grammar; 4] = [Grammar::Js, Grammar::Ts, Grammar::Tsx, Grammar::Py];

    pub fn language(self) -> Language {
        match self {
            Grammar::Js => tree_sitter_javascript::LANGUAGE.into(),
            Grammar::Ts => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Grammar::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
            Grammar::Py => tree_sitter_python::LANGUAGE.into(),
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

thread_local! {
    static PARSERS: RefCell<[Option<Parser>; 4]> = const { RefCell::new([None, None, None, None]) };
}

/// How many bytes from a file's start decide whether it is binary (as Git reads).
pub const BINARY_SNIFF_LEN: usize = 8_000;

/// A file is binary when more than one in ten of its first bytes is NUL: images, archives,
/// UTF-16 text. Every kind backlint reads is text by its name, so a stray NUL in a source
/// file or a configuration file (which Node, Python and Docker read past) does not make it
/// binary. The percentage of NUL bytes when binary.
pub fn binary_share(bytes: &[u8]) -> Option<usize> {
    let head = bytes.get(..BINARY_SNIFF_LEN).unwrap_or(bytes);
    if head.is_empty() {
        return None;
    }
    let nul = memchr::memchr_iter(0, head).count();
    (nul * 10 > head.len()).then(|| nul * 100 / head.len())
}

/// The text with a leading UTF-8 byte order mark replaced by three spaces, for the formats
/// read line by line (`.env`, Dockerfile, Caddyfile): offsets stay those of the file.
pub fn blank_byte_order_mark(text: &str) -> std::borrow::Cow<'_, str> {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => std::borrow::Cow::Owned(format!("   {rest}")),
        None => std::borrow::Cow::Borrowed(text),
    }
}

/// Why a file has no syntax tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// The file is over a limit the grammar cannot take safely; it was not parsed.
    OverLimit(limits::OverLimit),
    /// tree-sitter gave no tree.
    Failed,
}

/// Parses with this thread's parser for the grammar, creating it on first use. Input the
/// grammar cannot take safely (see `limits`) is refused before the parser sees it.
pub fn parse(grammar: Grammar, text: &str) -> Result<Tree, ParseError> {
    if grammar == Grammar::Py {
        if let Some(over) = limits::python_indentation(text.as_bytes()) {
            return Err(ParseError::OverLimit(over));
        }
    }
    PARSERS.with(|cell| {
        let mut parsers = cell.borrow_mut();
        let slot = &mut parsers[grammar.index()];
        if slot.is_none() {
            let mut parser = Parser::new();
            parser
                .set_language(&grammar.language())
                .map_err(|_| ParseError::Failed)?;
            *slot = Some(parser);
        }
        let parser = slot.as_mut().ok_or(ParseError::Failed)?;
        let tree = parser.parse(text, None);
        if tree.is_none() {
            // A failed parse leaves the parser in a state to reset before reuse.
            parser.reset();
        }
        tree.ok_or(ParseError::Failed)
    })
}

/// A Flow pragma in the file's leading comment.
pub fn is_flow(text: &str) -> bool {
    let head = &text[..crate::source::clamp_to_char_boundary(text, 1024)];
    head.contains("@flow")
}
