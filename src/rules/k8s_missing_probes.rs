//! k8s-missing-probes: a long-running container without a liveness or readiness probe.

use crate::diagnostic::Findings;
use crate::lang::k8s::{self, LONG_RUNNING};
use crate::lang::yaml::YamlNode;
use crate::rules::Rule;
use crate::source::SourceFile;

pub struct K8sMissingProbes;

impl Rule for K8sMissingProbes {
    fn needles(&self) -> &'static [&'static [&'static str]] {
        &[&["containers"]]
    }

    fn check_k8s(&self, _file: &SourceFile, docs: &[YamlNode], out: &mut Findings) {
        let resources: Vec<&YamlNode> = docs.iter().flat_map(k8s::resources).collect();
        let service_selectors: Vec<Vec<(&str, &str)>> = resources
            .iter()
            .filter(|r| r.get("kind").and_then(YamlNode::as_str) == Some("Service"))
            .filter_map(|r| r.get("spec")?.get("selector"))
            .map(string_pairs)
            .filter(|selector| !selector.is_empty())
            .collect();
        for resource in resources.iter().copied() {
            let Some(workload) = k8s::workload(resource) else {
                continue;
            };
            // Jobs and CronJobs run to completion and take no traffic: no probes needed.
            if !LONG_RUNNING.contains(&workload.kind.as_str()) {
                continue;
            }
            // A pod that opens no port, that no Service selects (one of the file, or the
            // governing Service a StatefulSet names) and whose containers have no probe at
            // all takes no traffic: a load generator, a queue worker, a log shipper.
            // Readiness means nothing for it, and whether a hang is worth an exec liveness
            // probe is the operator's call.
            let labels = pod_labels(resource, &workload.kind);
            let selected = service_selectors
                .iter()
                .any(|selector| selector.iter().all(|pair| labels.contains(pair)))
                || resource
                    .get("spec")
                    .and_then(|s| s.get("serviceName"))
                    .is_some_and(|name| name.as_str().is_some_and(|n| !n.is_empty()));
            let containers = k8s::containers(workload.pod_spec);
            let opens_port = containers.iter().any(|c| {
                c.get("ports")
                    .and_then(YamlNode::as_seq)
                    .is_some_and(|ports| !ports.is_empty())
            });
            let probed = containers
                .iter()
                .any(|c| c.get("livenessProbe").is_some() || c.get("readinessProbe").is_some());
            if !selected && !opens_port && !probed {
                continue;
            }
            for container in k8s::containers(workload.pod_spec) {
                if runs_load_tool(container) {
                    continue;
                }
                let liveness = container.get("livenessProbe").is_some();
                let readiness = container.get("readinessProbe").is_some();
                let missing = match (liveness, readiness) {
                    (true, true) => continue,
                    (false, false) => "no livenessProbe and no readinessProbe",
                    (true, false) => "no readinessProbe",
                    (false, true) => "no livenessProbe",
                };
                let name = container
                    .get("name")
                    .and_then(YamlNode::as_str)
                    .unwrap_or("?");
                // From the container's first key (its `- ` line) to its name.
                let start = container.range.start;
                let range = container
                    .entry("name")
                    .map(|(_, v)| v.range.end)
                    .filter(|end| *end > start)
                    .map_or(start..container.range.end, |end| start..end);
                let owner = workload.name.as_deref().map_or_else(
                    || workload.kind.clone(),
                    |n| format!("{} `{n}`", workload.kind),
                );
                let consequence = match (liveness, readiness) {
                    (false, false) => {
                        "Kubernetes sends it traffic before it is ready and never restarts it when it hangs"
                    }
                    (true, false) => {
                        "Kubernetes sends it traffic before it is ready (and while it is overloaded)"
                    }
                    _ => "Kubernetes never restarts it when it hangs",
                };
                let mut help = String::from(
                    "add probes on a health endpoint (`app.get('/health', ...)` that checks the database), e.g. ",
                );
                if !liveness {
                    help.push_str("`livenessProbe: { httpGet: { path: /health, port: 3000 }, initialDelaySeconds: 30, periodSeconds: 10 }`");
                }
                if !liveness && !readiness {
                    help.push_str(" and ");
                }
                if !readiness {
                    help.push_str("`readinessProbe: { httpGet: { path: /health, port: 3000 }, initialDelaySeconds: 5, periodSeconds: 5 }`");
                }
                out.report(
                    range,
                    format!("container `{name}` of {owner} has {missing}: {consequence}"),
                )
                .help(help);
            }
        }
    }
}

/// Load-testing tools. A container running one sends load to the app for the length of a
/// test and serves no users: its port is the tool's own UI (Locust's), for whoever runs the
/// test, and a hung load generator is nothing to restart.
const LOAD_TOOLS: &[&str] = &["locust", "k6", "artillery", "vegeta", "jmeter", "gatling"];

/// True when the container's command, or else its image, is a load-testing tool
/// (`command: [locust, --autostart]`, `image: grafana/k6:0.50.0`).
fn runs_load_tool(container: &YamlNode) -> bool {
    let program = container
        .get("command")
        .and_then(|command| match command.as_seq() {
            Some(words) => words.first().and_then(YamlNode::as_str),
            None => command
                .as_str()
                .and_then(|line| line.split_whitespace().next()),
        });
    let named = |word: &str| {
        let base = word.rsplit('/').next().unwrap_or(word).to_ascii_lowercase();
        LOAD_TOOLS.contains(&base.as_str())
    };
    match program {
        Some(program) => named(program),
        None => container
            .get("image")
            .and_then(YamlNode::as_str)
            .is_some_and(|image| {
                let image = image.split('@').next().unwrap_or(image);
                let repository = image.rsplit('/').next().unwrap_or(image);
                named(repository.split(':').next().unwrap_or(repository))
            }),
    }
}

/// The labels of a workload's pods: a Pod's own, or those of its pod template.
fn pod_labels<'d>(resource: &'d YamlNode, kind: &str) -> Vec<(&'d str, &'d str)> {
    let metadata = if kind == "Pod" {
        resource.get("metadata")
    } else {
        resource
            .get("spec")
            .and_then(|s| s.get("template"))
            .and_then(|t| t.get("metadata"))
    };
    metadata
        .and_then(|m| m.get("labels"))
        .map(string_pairs)
        .unwrap_or_default()
}

/// The `key: value` pairs of a mapping whose values are strings (labels, selectors).
fn string_pairs(map: &YamlNode) -> Vec<(&str, &str)> {
    map.entries()
        .into_iter()
        .filter_map(|(k, v)| Some((k.as_str()?, v.as_str()?)))
        .collect()
}
