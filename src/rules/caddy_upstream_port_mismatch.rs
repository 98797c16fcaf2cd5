//! caddy-upstream-port-mismatch: a Caddy upstream port the target service does not listen on.

use crate::diagnostic::{Applicability, Findings, Fix};
use crate::facts::ProjectContext;
use crate::facts::collect::Fact;
use crate::rules::Rule;

pub struct CaddyUpstreamPortMismatch;

impl Rule for CaddyUpstreamPortMismatch {
    /// The topology knows where each service listens from app code.
    fn facts(&self) -> &'static [Fact] {
        &[Fact::Listens]
    }

    fn check_project(&self, cx: &ProjectContext, out: &mut Findings) {
        let topology = cx.topology();
        for site in topology.caddy_sites() {
            let Some(owner) = site.owner.map(|o| &topology.services[o]) else {
                continue;
            };
            let owner_networks = topology.networks_of(owner);
            for upstream in &site.upstreams {
                let mut targets = topology.upstream_targets(owner, &upstream.host);
                // Prefer the services Caddy can reach.
                if let Some(own) = &owner_networks {
                    let reachable: Vec<_> = targets
                        .iter()
                        .copied()
                        .filter(|t| {
                            topology
                                .networks_of(t)
                                .is_none_or(|n| n.intersection(own).next().is_some())
                        })
                        .collect();
                    if !reachable.is_empty() {
                        targets = reachable;
                    }
                }
                let Some(target) = targets.first() else {
                    continue;
                };
                // What the start command binds wins over what compose documents.
                let bound = topology.command_bound_ports(target);
                let known = if bound.is_empty() {
                    topology.known_ports(target)
                } else {
                    bound
                };
                if known.is_empty() || known.iter().any(|(p, _, _)| *p == upstream.port) {
                    continue;
                }
                let mut ports: Vec<u16> = known.iter().map(|(p, _, _)| *p).collect();
                ports.sort_unstable();
                ports.dedup();
                let (first_port, first_place, first_source) = &known[0];
                let listed = ports
                    .iter()
                    .map(|p| p.to_string())
                    .collect::<Vec<_>>()
                    .join(", ");
                let mut report = out.report_in(
                    Some(upstream.place.file.clone()),
                    upstream.place.range.clone(),
                    format!(
                        "`{}` listens on port {listed}, not {}: Caddy's connection is refused and it answers 502",
                        target.name, upstream.port
                    ),
                )
                .label_in(first_place.file.clone(), first_place.range.clone(), format!("port {first_port} from {first_source}"))
                .help(format!("proxy to the container port: `{}:{}`", upstream.host, first_port));
                // Safe when every source agrees on one port: that is where the service
                // listens, and Caddy cannot reach it on any other.
                if let ([port], Some((range, text))) =
                    (ports.as_slice(), upstream.port_edit(*first_port))
                {
                    report = report.fix(Fix::replace_in(
                        Applicability::Safe,
                        format!("proxy to port {port}"),
                        upstream.place.file.clone(),
                        range,
                        text,
                    ));
                }
                drop(report);
            }
        }
    }
}
