//! `backlint topology`: the deployment as backlint understands it (compose projects, their
//! networks and services, Caddy sites and their upstreams, Kubernetes workloads), with what
//! the topology rules report marked on the edges. The rules run as `check` runs them; this
//! module only draws the project's topology and places their findings.

pub mod graph;
pub mod model;
pub mod text;

use std::path::PathBuf;

use crate::config::ConfigError;
use crate::engine::{Engine, RunOutput};
pub use model::{Model, Reported, TOPOLOGY_RULES};

/// Lints the paths with `engine` and returns the model with the findings of the topology
/// rules attached, and the run's output (for its notes); an error when a configuration file
/// cannot be loaded.
pub fn run(
    engine: &mut Engine,
    paths: &[PathBuf],
    threads: usize,
) -> Result<(Model, RunOutput), ConfigError> {
    engine.set_keep_line_starts(true);
    let mut model = None;
    let output = engine.run_viewing(paths, threads, |project| {
        model = Some(model::build(project));
    })?;
    let mut model = model.unwrap_or_default();
    let reported: Vec<Reported<'_>> = output
        .findings
        .iter()
        .map(|f| Reported {
            rule: f.rule,
            severity: f.severity,
            message: &f.message,
            path: &f.path,
            range: f.range.clone(),
            line: f.start.line,
            labels: f
                .labels
                .iter()
                .map(|l| (&*l.path, l.range.clone()))
                .collect(),
        })
        .collect();
    model::attach(&mut model, &reported);
    Ok((model, output))
}
