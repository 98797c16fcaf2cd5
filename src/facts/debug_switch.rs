//! Debug switches written in Python code: `app.run(debug=True)` (Flask's debugger),
//! `uvicorn.run(..., reload=True)`, `FastAPI(debug=True)`, a Django settings module's
//! `DEBUG = True`, and the settings module an entry file names by default
//! (`os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")`).
//! debug-mode-in-deploy reports them when the production deployment runs the file.

use std::ops::Range;

use serde::{Deserialize, Serialize};
use tree_sitter::Node;

use crate::lang::py;
use crate::lang::tree::{FieldExt, KindExt, text};

/// What a switch does, for messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SwitchKind {
    /// Flask's (or Flask-SocketIO's) development server with the Werkzeug debugger.
    FlaskDebugServer,
    /// uvicorn's code reloader.
    Reloader,
    /// `FastAPI(debug=True)` / `Starlette(debug=True)`: tracebacks in error responses.
    AsgiDebug,
}

/// A debug switch in a call, with the call as written (shortened) for messages.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CodeSwitch {
    pub kind: SwitchKind,
    pub call: String,
    pub range: Range<usize>,
}

/// The debug switches of one Python file.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct DebugSwitchFacts {
    /// Servers started with a debugger or reloader (`app.run(debug=True)`,
    /// `uvicorn.run("main:app", reload=True)`): they run when the file is run as a script.
    pub script_switches: Vec<CodeSwitch>,
    /// Apps built in debug mode (`FastAPI(debug=True)`): on when the module is loaded.
    pub app_switches: Vec<CodeSwitch>,
    /// `DEBUG = True` as the last word of the module on `DEBUG`: an unconditional
    /// assignment at module level, after which no assignment, conditional or not, and no
    /// `from … import *` changes it.
    pub settings_debug: Option<Range<usize>>,
    /// The Django settings module the file names by default
    /// (`os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")`).
    pub settings_module_default: Option<String>,
}

/// A cheap test of a file's bytes: it may hold a switch or name a settings module.
pub fn may_hold(bytes: &[u8]) -> bool {
    let has = |word: &[u8]| bytes.windows(word.len()).any(|w| w == word);
    has(b"debug") || has(b"DEBUG") || has(b"reload") || has(b"DJANGO_SETTINGS_MODULE")
}

/// The Python node kinds the collector looks at.
pub const VISITED: &[&str] = &["call", "assignment", "import_from_statement"];

/// Gathers `DebugSwitchFacts` from the walk of one Python file.
pub struct DebugSwitchCollector<'a> {
    src: &'a str,
    imports_flask: bool,
    facts: DebugSwitchFacts,
}

impl<'a> DebugSwitchCollector<'a> {
    pub fn new(src: &'a str) -> DebugSwitchCollector<'a> {
        let imports_flask = src.lines().any(|line| {
            let line = line.trim_start();
            (line.starts_with("from flask") || line.starts_with("import flask"))
                && !line.starts_with("from flask_sqlalchemy")
        });
        DebugSwitchCollector {
            src,
            imports_flask,
            facts: DebugSwitchFacts::default(),
        }
    }

    pub fn visit(&mut self, node: Node<'a>) {
        match node.kind_name() {
            "call" => self.visit_call(node),
            "assignment" => self.visit_assignment(node),
            "import_from_statement" => {
                // `from .base import *` may set DEBUG again: what it is after is unknown.
                let star = {
                    let mut cursor = node.walk();
                    node.named_children(&mut cursor)
                        .any(|c| c.kind_name() == "wildcard_import")
                };
                if star && py::enclosing_function(node).is_none() {
                    self.facts.settings_debug = None;
                }
            }
            _ => {}
        }
    }

    fn visit_call(&mut self, call: Node<'a>) {
        let src = self.src;
        let Some(name) = py::callee_name(call, src) else {
            return;
        };
        let is_true = |keyword: &str| {
            py::keyword_argument(call, keyword, src).is_some_and(|v| text(v, src) == "True")
        };
        let callee = call.field("function").map(|f| text(f, src)).unwrap_or("");
        let switch = match name {
            "run" if self.imports_flask && callee != "uvicorn.run" && is_true("debug") => {
                Some(SwitchKind::FlaskDebugServer)
            }
            "run" if callee == "uvicorn.run" && is_true("reload") => Some(SwitchKind::Reloader),
            "FastAPI" | "Starlette" if is_true("debug") => Some(SwitchKind::AsgiDebug),
            "setdefault" => {
                let args = py::positional_arguments(call);
                if args.len() == 2
                    && py::string_value(args[0], src).as_deref() == Some("DJANGO_SETTINGS_MODULE")
                {
                    if let Some(module) = py::string_value(args[1], src) {
                        self.facts.settings_module_default = Some(module);
                    }
                }
                None
            }
            _ => None,
        };
        let Some(kind) = switch else {
            return;
        };
        let written: String = text(call, src)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let call_text = if written.chars().count() > 60 {
            let keyword = if kind == SwitchKind::Reloader {
                "reload"
            } else {
                "debug"
            };
            format!("{callee}(…, {keyword}=True)")
        } else {
            written
        };
        let found = CodeSwitch {
            kind,
            call: call_text,
            range: call.byte_range(),
        };
        match kind {
            SwitchKind::AsgiDebug => self.facts.app_switches.push(found),
            _ => self.facts.script_switches.push(found),
        }
    }

    fn visit_assignment(&mut self, assignment: Node<'a>) {
        let src = self.src;
        let Some(left) = assignment.field("left") else {
            return;
        };
        if left.kind_name() != "identifier" || text(left, src) != "DEBUG" {
            return;
        }
        let Some(statement) = assignment.parent() else {
            return;
        };
        // Only module-level code decides the setting; a function's DEBUG is its own.
        if py::enclosing_function(assignment).is_some()
            || crate::lang::tree::ancestors(assignment).any(|a| a.kind_name() == "class_definition")
        {
            return;
        }
        let unconditional = statement.kind_name() == "expression_statement"
            && statement
                .parent()
                .is_some_and(|p| p.kind_name() == "module");
        let value = assignment.field("right").map(|v| text(v, src));
        self.facts.settings_debug =
            (unconditional && value == Some("True")).then(|| assignment.byte_range());
    }

    pub fn finish(self) -> Option<DebugSwitchFacts> {
        let facts = self.facts;
        (!facts.script_switches.is_empty()
            || !facts.app_switches.is_empty()
            || facts.settings_debug.is_some()
            || facts.settings_module_default.is_some())
        .then_some(facts)
    }
}

/// The Python code a container's start command runs, as far as its words tell.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct PythonEntries {
    /// Files run as scripts (`python manage.py runserver`, `python3 -u app.py`), as written.
    pub scripts: Vec<String>,
    /// Modules run as `__main__` (`python -m app`), as dotted names.
    pub main_modules: Vec<String>,
    /// Modules a server loads an app from (`gunicorn mysite.wsgi:application`,
    /// `uvicorn app.main:app`, `fastapi run app/main.py`), as dotted names.
    pub app_modules: Vec<String>,
}

/// Reads the Python entries of a start command's words (a shell string is split too).
pub fn python_entries(words: &[String]) -> PythonEntries {
    let words: Vec<&str> = words
        .iter()
        .flat_map(|w| w.split(|c: char| c.is_whitespace() || c == ';'))
        .map(|w| w.trim_matches(|c| c == '"' || c == '\'' || c == '(' || c == ')'))
        .filter(|w| !w.is_empty())
        .collect();
    let program = |w: &str| w.rsplit('/').next().unwrap_or(w).to_string();
    let mut entries = PythonEntries::default();
    let mut i = 0;
    while i < words.len() {
        let name = program(words[i]);
        let is_python = name == "python"
            || name
                .strip_prefix("python")
                .is_some_and(|v| v.chars().all(|c| c.is_ascii_digit() || c == '.'));
        if is_python {
            // Options before the script: `-u`, `-O`, `-X dev`; `-m module` ends them.
            let mut j = i + 1;
            while let Some(w) = words.get(j) {
                if *w == "-m" {
                    if let Some(module) = words.get(j + 1) {
                        entries.main_modules.push(module.to_string());
                    }
                    break;
                }
                if matches!(*w, "-X" | "-W" | "-c") {
                    if *w == "-c" {
                        break;
                    }
                    j += 2;
                    continue;
                }
                if w.starts_with('-') {
                    j += 1;
                    continue;
                }
                if w.ends_with(".py") {
                    entries.scripts.push(w.to_string());
                }
                break;
            }
        }
        let server = matches!(
            name.as_str(),
            "gunicorn" | "uvicorn" | "hypercorn" | "daphne" | "granian" | "uwsgi"
        );
        if server {
            let mut j = i + 1;
            while let Some(w) = words.get(j) {
                if matches!(*w, "&&" | "||" | "|" | "&") {
                    break;
                }
                let value = w
                    .strip_prefix("--module=")
                    .or_else(|| w.strip_prefix("--wsgi="))
                    .unwrap_or(w);
                if let Some(module) = app_spec_module(value) {
                    entries.app_modules.push(module);
                }
                j += 1;
            }
        }
        if name == "fastapi" && matches!(words.get(i + 1), Some(&"run") | Some(&"dev")) {
            if let Some(path) = words.get(i + 2).filter(|w| w.ends_with(".py")) {
                let module = path
                    .trim_start_matches("./")
                    .trim_end_matches(".py")
                    .replace('/', ".");
                entries.app_modules.push(module);
            }
        }
        i += 1;
    }
    entries
}

/// The module of a server's app argument: `mysite.wsgi:application` → `mysite.wsgi`,
/// `app.main:create_app()` → `app.main`; a bare `mysite.wsgi` or `mysite.asgi` (gunicorn's
/// default `application`) too.
fn app_spec_module(word: &str) -> Option<String> {
    let is_dotted = |s: &str| {
        !s.is_empty()
            && s.split('.').all(|part| {
                part.chars()
                    .next()
                    .is_some_and(|c| c.is_alphabetic() || c == '_')
                    && part.chars().all(|c| c.is_alphanumeric() || c == '_')
            })
    };
    match word.split_once(':') {
        Some((module, attr)) => {
            let attr = attr.trim_end_matches("()");
            (is_dotted(module) && is_dotted(attr) && !attr.contains('.'))
                .then(|| module.to_string())
        }
        None => ((word.ends_with(".wsgi") || word.ends_with(".asgi")) && is_dotted(word))
            .then(|| word.to_string()),
    }
}

/// True when the file at `relative` (a path below the build context) is the module named
/// `dotted` (`mysite.settings` → `…/mysite/settings.py` or `…/mysite/settings/__init__.py`).
pub fn is_module_file(relative: &std::path::Path, dotted: &str) -> bool {
    let base = dotted.replace('.', "/");
    relative.ends_with(format!("{base}.py")) || relative.ends_with(format!("{base}/__init__.py"))
}

/// True when the file at `relative` is the script a start command names (`app.py`,
/// `./src/app.py`, `/app/manage.py` with the project copied to `/app`).
pub fn is_script_file(relative: &std::path::Path, script: &str) -> bool {
    let script = script.trim_start_matches("./").trim_start_matches('/');
    !script.is_empty()
        && (relative.ends_with(script) || std::path::Path::new(script).ends_with(relative))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(command: &str) -> PythonEntries {
        python_entries(&[command.to_string()])
    }

    #[test]
    fn start_commands_name_their_python_entries() {
        assert_eq!(entries("python app.py").scripts, vec!["app.py"]);
        assert_eq!(
            entries("python3 -u ./src/app.py").scripts,
            vec!["./src/app.py"]
        );
        assert_eq!(entries("python -m app").main_modules, vec!["app"]);
        assert_eq!(
            entries("sh -c 'python manage.py migrate && gunicorn mysite.wsgi:application -b 0.0.0.0:8000'")
                .app_modules,
            vec!["mysite.wsgi"]
        );
        assert_eq!(
            entries("uvicorn app.main:app --host 0.0.0.0").app_modules,
            vec!["app.main"]
        );
        assert_eq!(
            entries("gunicorn mysite.wsgi").app_modules,
            vec!["mysite.wsgi"]
        );
        assert_eq!(
            entries("fastapi run app/main.py").app_modules,
            vec!["app.main"]
        );
        // A configuration file is not run as a script, nor a bind an app.
        let gunicorn = entries("gunicorn -c gunicorn.conf.py -b 0.0.0.0:8000 app:app");
        assert!(gunicorn.scripts.is_empty());
        assert_eq!(gunicorn.app_modules, vec!["app"]);
    }

    #[test]
    fn modules_and_scripts_map_to_files() {
        use std::path::Path;
        assert!(is_module_file(
            Path::new("src/mysite/settings.py"),
            "mysite.settings"
        ));
        assert!(is_module_file(
            Path::new("mysite/settings/__init__.py"),
            "mysite.settings"
        ));
        assert!(!is_module_file(
            Path::new("mysite/settings_dev.py"),
            "mysite.settings"
        ));
        assert!(is_script_file(Path::new("manage.py"), "/app/manage.py"));
        assert!(is_script_file(Path::new("backend/app.py"), "app.py"));
        assert!(!is_script_file(Path::new("myapp.py"), "app.py"));
    }
}
