//! A whole `backlint check` in process: the first byte picks the kind of file, the rest is
//! its content, linted from memory (the engine's overlay, as for `--stdin-filename` and the
//! editor) with every rule on, then rendered in every output format.

#![no_main]

use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use backlint::config::Config;
use backlint::engine::{Engine, RunOutput, display_path};
use backlint::output;
use backlint::rules::{self, RULES};
use codespan_reporting::term::termcolor::NoColor;
use libfuzzer_sys::fuzz_target;

/// The file names the first byte chooses from (modulo their number): one or more per kind of
/// file. `seed.sh` writes these indices in front of the testdata files; keep the two in step.
const NAMES: &[&str] = &[
    "app.js",
    "server.ts",
    "view.tsx",
    "app.py",
    ".env",
    "docker-compose.yml",
    "Caddyfile",
    "Dockerfile",
    "deploy.yaml",
    ".env.example",
    "app.test.js",
    "test_app.py",
];

struct State {
    engine: Engine,
    /// An empty project directory: nothing on disk but the `.git` that marks its root, so
    /// the overlaid file is the whole project.
    root: PathBuf,
}

fn state() -> &'static Mutex<State> {
    static STATE: OnceLock<Mutex<State>> = OnceLock::new();
    STATE.get_or_init(|| {
        let root = std::env::temp_dir().join("backlint-fuzz-project");
        if let Err(err) = std::fs::create_dir_all(root.join(".git")) {
            panic!("cannot create {}: {err}", root.display());
        }
        let headers = match rules::headers() {
            Ok(h) => h,
            Err(err) => panic!("rule metadata: {err}"),
        };
        let all: Vec<String> = RULES.iter().map(|r| r.id.to_string()).collect();
        let engine = Engine::new(headers, Some(&all), &[], Config::default());
        assert_eq!(engine.enabled_rule_ids().len(), RULES.len());
        Mutex::new(State { engine, root })
    })
}

fn render_all(result: &RunOutput) {
    let meta = match rules::metadata() {
        Ok(m) => m,
        Err(err) => panic!("rule metadata: {err}"),
    };
    // SARIF's table of rules is the same for every input and costs more to render than the
    // rest: only the rules with findings go into it.
    let meta: Vec<_> = meta
        .iter()
        .filter(|m| result.findings.iter().any(|f| f.rule == m.id))
        .cloned()
        .collect();
    let mut rendered = output::json::render(result);
    rendered.push_str(&output::sarif::render(result, &meta));
    rendered.push_str(&output::ci::github(result));
    rendered.push_str(&output::ci::gitlab(result));
    rendered.push_str(&output::ci::junit(result));
    let mut human = NoColor::new(Vec::new());
    if let Err(err) = output::human::render(
        &mut human,
        result,
        &output::human::FixView::none(),
        std::time::Duration::ZERO,
        true,
    ) {
        panic!("human output: {err}");
    }
    std::hint::black_box((rendered, human.into_inner()));
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, content)) = data.split_first() else {
        return;
    };
    let name = NAMES[usize::from(selector) % NAMES.len()];
    let mut state = match state().lock() {
        Ok(s) => s,
        Err(poisoned) => poisoned.into_inner(),
    };
    let path = state.root.join(name);
    state.engine.set_overlay(&path, content.to_vec());
    // Every configuration is the fixed default one: a run cannot fail to load it.
    let Ok(result) = state.engine.run(std::slice::from_ref(&path), 1) else {
        return;
    };
    let display = display_path(&path);
    // The engine catches a rule's panic: an `internal-error` finding for a file's rules, a
    // note for a project rule's.
    for note in &result.notes {
        assert!(!note.contains("internal error"), "{note}");
    }
    for f in &result.findings {
        assert!(f.rule != "internal-error", "{}", f.message);
    }
    assert!(
        result.findings.iter().all(|f| *f.path == display),
        "findings outside the linted file: {:?}",
        result.findings.iter().map(|f| &f.path).collect::<Vec<_>>()
    );
    render_all(&result);
});
