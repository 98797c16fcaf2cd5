//! compose-depends-on-unhealthy: a service waits only for its database to start, not to be ready.

use crate::diagnostic::Findings;
use crate::project::ProjectContext;
use crate::rules::Rule;
use crate::topology::{Topology, backing_kind, image_name};

pub struct ComposeDependsOnUnhealthy;

impl Rule for ComposeDependsOnUnhealthy {
    fn check_project(&self, cx: &ProjectContext, out: &mut Findings) {
        let project = cx.project;
        let topology = Topology::build(project);
        for service in &topology.services {
            // The last declaration of each dependency wins.
            let mut deps = Vec::new();
            for part in &service.parts {
                for dep in &part.service.depends_on {
                    deps.retain(|(_, d): &(_, &crate::lang::compose::Dependency)| d.service != dep.service);
                    deps.push((*part, dep));
                }
            }
            for (part, dep) in deps {
                let Some(target) = topology.services_of(service.project).find(|s| s.name == dep.service) else {
                    continue;
                };
                let kind = target
                    .image()
                    .map(|i| image_name(&i))
                    .and_then(|i| backing_kind(&i))
                    .or_else(|| backing_kind(&target.name));
                let healthy = dep.condition.as_deref() == Some("service_healthy");
                let declared = target.declared_at();
                if healthy && !target.has_healthcheck() {
                    out.report_in(
                        Some(part.file.display.clone()),
                        dep.range.clone(),
                        format!(
                            "`{}` waits for `{}` to be healthy, but `{}` has no healthcheck: `docker compose up` fails with \"dependency failed to start\"",
                            service.name, target.name, target.name
                        ),
                    )
                    .label_in(declared.file, declared.range, format!("`{}` defines no healthcheck", target.name))
                    .help(format!("add a healthcheck to `{}` (e.g. `test: [\"CMD-SHELL\", \"pg_isready -U postgres\"]`)", target.name));
                } else if !healthy && kind.is_some() {
                    let kind = kind.unwrap_or("database");
                    out.report_in(
                        Some(part.file.display.clone()),
                        dep.range.clone(),
                        format!(
                            "`{}` starts as soon as the `{}` container starts, before {kind} accepts connections: the first queries fail with ECONNREFUSED",
                            service.name, target.name
                        ),
                    )
                    .help(format!(
                        "wait for readiness: `depends_on: {{ {}: {{ condition: service_healthy }} }}` with a healthcheck on `{}`",
                        target.name, target.name
                    ));
                }
            }
        }
    }
}
