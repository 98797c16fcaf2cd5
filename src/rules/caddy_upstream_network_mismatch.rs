//! caddy-upstream-network-mismatch: Caddy and its upstream service share no network.

use crate::diagnostic::Findings;
use crate::facts::ProjectContext;
use crate::facts::collect::Fact;
use crate::rules::Rule;

pub struct CaddyUpstreamNetworkMismatch;

impl Rule for CaddyUpstreamNetworkMismatch {
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
            let Some(owner_networks) = topology.networks_of(owner) else {
                continue;
            };
            for upstream in &site.upstreams {
                let targets = topology.upstream_targets(owner, &upstream.host);
                if targets.is_empty()
                    || targets
                        .iter()
                        .any(|t| t.name == owner.name && t.project == owner.project)
                {
                    continue;
                }
                let reachable = targets.iter().any(|t| match topology.networks_of(t) {
                    Some(nets) => nets.intersection(&owner_networks).next().is_some(),
                    None => true,
                });
                if reachable {
                    continue;
                }
                let target = targets[0];
                let target_networks = topology.networks_of(target).unwrap_or_default();
                let list = |set: &std::collections::BTreeSet<String>| {
                    set.iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                out.report_in(
                    Some(upstream.place.file.clone()),
                    upstream.place.range.clone(),
                    format!(
                        "`{}` is on {} but Caddy (`{}`) is on {}: they share no network, so the upstream cannot be reached and Caddy answers 502",
                        target.name,
                        list(&target_networks),
                        owner.name,
                        list(&owner_networks)
                    ),
                )
                .label_in(target.declared_at().file, target.declared_at().range, format!("`{}` is defined here", target.name))
                .label_in(owner.declared_at().file, owner.declared_at().range, "Caddy runs here")
                .help(format!(
                    "attach both services to one network: declare `{}` as an external network in Caddy's compose file (`networks: {{ {}: {{ external: true }} }}`) and add it to the `{}` service",
                    target_networks.iter().next().cloned().unwrap_or_else(|| "the app's network".into()),
                    target_networks.iter().next().cloned().unwrap_or_else(|| "shared".into()),
                    owner.name
                ));
            }
        }
    }
}
