//! caddy-upstream-unknown-host: a Caddy upstream that no compose service answers to.

use crate::diagnostic::{Applicability, Findings, Fix};
use crate::facts::ProjectContext;
use crate::facts::collect::Fact;
use crate::facts::topology::{is_loopback, is_service_like_host};
use crate::rules::Rule;
use crate::util::closest;

pub struct CaddyUpstreamUnknownHost;

impl Rule for CaddyUpstreamUnknownHost {
    /// The topology knows where each service listens from app code.
    fn facts(&self) -> &'static [Fact] {
        &[Fact::Listens]
    }

    fn check_project(&self, cx: &ProjectContext, out: &mut Findings) {
        let topology = cx.topology();
        if topology.services.is_empty() {
            return;
        }
        for site in topology.caddy_sites() {
            let Some(owner) = site.owner.map(|o| &topology.services[o]) else {
                continue;
            };
            if owner.network_mode().as_deref() == Some("host") {
                continue;
            }
            for upstream in &site.upstreams {
                let host = upstream.host.as_str();
                if is_loopback(host) {
                    // In an all-in-one image, Caddy and the app share the container.
                    if topology.caddy_beside_app(owner) {
                        continue;
                    }
                    out.report_in(
                        Some(upstream.place.file.clone()),
                        upstream.place.range.clone(),
                        format!(
                            "`{}` inside the `{}` container is the Caddy container itself: nothing listens there and every request gets 502",
                            upstream.written, owner.name
                        ),
                    )
                    .label_in(owner.declared_at().file, owner.declared_at().range, "Caddy runs in this compose service")
                    .help("proxy to the app's compose service name and container port, e.g. `reverse_proxy web:8000`");
                    continue;
                }
                if !is_service_like_host(host) || !topology.upstream_targets(owner, host).is_empty()
                {
                    continue;
                }
                // Caddy resolves names among the services it is meant to reach: its compose
                // project's, those of projects joined to it by a network, and those below
                // its directory. A service of an unrelated stack is no answer.
                let reachable = topology.fronted_services(owner);
                let project_names: Vec<String> = topology
                    .services_of(owner.project)
                    .filter(|s| s.name != owner.name)
                    .map(|s| s.name.clone())
                    .collect();
                let all_names: Vec<String> = reachable
                    .iter()
                    .filter(|s| s.name != owner.name)
                    .map(|s| s.name.clone())
                    .collect();
                // The one other service that listens on the upstream's port is the likeliest
                // meaning (a renamed service keeps its port); then the closest name.
                let listening: Vec<&str> = reachable
                    .iter()
                    .filter(|s| s.name != owner.name)
                    .filter(|s| {
                        topology
                            .listens(s)
                            .iter()
                            .any(|l| l.port == Some(upstream.port))
                    })
                    .map(|s| s.name.as_str())
                    .collect();
                let suggestion = (listening.len() == 1)
                    .then(|| listening[0].to_string())
                    .or_else(|| {
                        closest(host, project_names.iter().map(String::as_str)).map(str::to_string)
                    })
                    .or_else(|| {
                        closest(host, all_names.iter().map(String::as_str)).map(str::to_string)
                    })
                    .or_else(|| (all_names.len() == 1).then(|| all_names[0].clone()));
                let help = match &suggestion {
                    Some(name) => format!(
                        "did you mean `{name}`? Caddy resolves upstream hosts by compose service name (or container_name, hostname, network alias)"
                    ),
                    None => format!(
                        "use one of the compose service names: {}",
                        all_names
                            .iter()
                            .map(|n| format!("`{n}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                let mut report = out
                    .report_in(
                        Some(upstream.place.file.clone()),
                        upstream.place.range.clone(),
                        format!(
                            "no compose service is called `{host}`: Caddy cannot resolve it (`dial tcp: lookup {host}: no such host`) and answers 502"
                        ),
                    )
                    .label_in(
                        owner.declared_at().file,
                        owner.declared_at().range,
                        "Caddy runs in this compose service",
                    );
                // The service the upstream most likely meant, where it is declared: after a
                // rename in another compose file, that is the change that broke the
                // upstream (and a run naming that file reports this finding).
                if let Some(meant) = suggestion.as_deref().and_then(|name| {
                    topology
                        .services_of(owner.project)
                        .chain(reachable.iter().copied())
                        .find(|s| s.name == name)
                }) {
                    report = report.label_in(
                        meant.declared_at().file,
                        meant.declared_at().range,
                        format!("`{}` is declared here", meant.name),
                    );
                }
                // A service of that name in another stack of the repository, which does not
                // run beside this Caddy: said in the help (a label there would report this
                // finding on runs that name only that stack's files).
                let help = match topology.services_named(host).first() {
                    Some(elsewhere) => format!(
                        "{help}; `{host}` is a service of another compose project (`{}`, {}), which shares no network with this Caddy: if both run on one host, join them with an external network",
                        topology.compose[elsewhere.project].name,
                        elsewhere.declared_at().file
                    ),
                    None => help,
                };
                // Unsafe: the name is a guess (the one service listening on the port, or
                // the closest name), and only when no other service listens on that port.
                if let (Some(name), Some(range), true) =
                    (&suggestion, upstream.host_range(), listening.len() <= 1)
                {
                    report = report.fix(Fix::replace_in(
                        Applicability::Unsafe,
                        format!("proxy to `{name}`"),
                        upstream.place.file.clone(),
                        range,
                        name.clone(),
                    ));
                }
                report.help(help);
            }
        }
    }
}
