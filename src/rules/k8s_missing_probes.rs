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
        for resource in docs.iter().flat_map(k8s::resources) {
            let Some(workload) = k8s::workload(resource) else {
                continue;
            };
            // Jobs and CronJobs run to completion and take no traffic: no probes needed.
            if !LONG_RUNNING.contains(&workload.kind.as_str()) {
                continue;
            }
            for container in k8s::containers(workload.pod_spec) {
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
