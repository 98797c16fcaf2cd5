//! compose-host-port-conflict: two services publish the same host port, in one compose
//! project or in two projects that run on one host.

use crate::diagnostic::Findings;
use crate::facts::ProjectContext;
use crate::facts::collect::Fact;
use crate::facts::topology::{Place, Topology, port_list};
use crate::rules::Rule;
use crate::util::Groups;

pub struct ComposeHostPortConflict;

struct Published {
    /// The compose project, and its directory: projects of one directory are alternative
    /// deployments (a base and a variant started alone), never run side by side.
    project: usize,
    dir: std::path::PathBuf,
    /// The project's name (`name:` or its directory's): Docker names a service's container
    /// after it, so a service of one name in two projects of one name is one container.
    project_name: String,
    service: String,
    profiles: Vec<String>,
    ip: Option<String>,
    port: u16,
    protocol: String,
    place: Place,
}

fn overlaps(a: &Published, b: &Published) -> bool {
    let all = |ip: &Option<String>| {
        ip.as_deref()
            .is_none_or(|i| i.is_empty() || i == "0.0.0.0" || i == "::")
    };
    let same_ip = all(&a.ip) || all(&b.ip) || a.ip == b.ip;
    let profiles_meet = a.profiles.is_empty()
        || b.profiles.is_empty()
        || a.profiles.iter().any(|p| b.profiles.contains(p));
    a.port == b.port
        && a.protocol == b.protocol
        && same_ip
        && profiles_meet
        && (a.service != b.service || (a.project != b.project && a.project_name != b.project_name))
        && (a.project == b.project || a.dir != b.dir)
}

/// Groups of compose projects started on one host: those sharing a network, and a Caddy's
/// project with the projects whose services it proxies to (seed 002's layout: the proxy's
/// stack at the root and the backend's in `backend/`). Each project maps to its group's
/// lowest project.
fn host_groups(topology: &Topology<'_>) -> Vec<usize> {
    let mut groups = Groups::new(topology.compose.len());
    for project in 0..topology.compose.len() {
        groups.join(project, topology.host_of(project));
    }
    for site in topology.caddy_sites() {
        let Some(owner) = site.owner.map(|o| &topology.services[o]) else {
            continue;
        };
        for upstream in &site.upstreams {
            for target in topology.upstream_targets(owner, &upstream.host) {
                groups.join(owner.project, target.project);
            }
        }
    }
    groups.lowest_members()
}

impl Rule for ComposeHostPortConflict {
    /// The topology knows where each service listens from app code.
    fn facts(&self) -> &'static [Fact] {
        &[Fact::Listens]
    }

    fn check_project(&self, cx: &ProjectContext, out: &mut Findings) {
        let topology = cx.topology();
        let groups = host_groups(topology);
        let mut hosts: Vec<usize> = groups.clone();
        hosts.sort_unstable();
        hosts.dedup();
        for host in hosts {
            let mut seen: Vec<Published> = Vec::new();
            // Merge order: project by project, file by file, each in source order.
            let mut entries = Vec::new();
            for (index, compose) in topology.compose.iter().enumerate() {
                if groups[index] != host {
                    continue;
                }
                for service in topology.services_of(index) {
                    for (part, port) in service.ports() {
                        let Some(published) = &port.published else {
                            continue;
                        };
                        let published = compose
                            .interpolate(published)
                            .unwrap_or_else(|| published.clone());
                        let rank = compose
                            .files
                            .iter()
                            .position(|f| f.path == part.file.path)
                            .unwrap_or(0);
                        for p in port_list(&published) {
                            entries.push((
                                (index, rank),
                                port.range.start,
                                Published {
                                    project: index,
                                    dir: compose.dir.clone(),
                                    project_name: compose.name.clone(),
                                    service: service.name.clone(),
                                    profiles: service.profiles(),
                                    ip: port
                                        .host_ip
                                        .as_deref()
                                        .and_then(|ip| compose.interpolate(ip)),
                                    port: p,
                                    protocol: port.protocol.clone(),
                                    place: part.place(port.range.clone()),
                                },
                            ));
                        }
                    }
                }
            }
            entries.sort_by_key(|(rank, start, _)| (*rank, *start));
            for (_, _, entry) in entries {
                if let Some(earlier) = seen.iter().find(|e| overlaps(e, &entry)) {
                    out.report_in(
                        Some(entry.place.file.clone()),
                        entry.place.range.clone(),
                        format!(
                            "host port {} is already published by `{}`: `{}` cannot bind it and fails to start (EADDRINUSE / port is already allocated)",
                            entry.port, earlier.service, entry.service
                        ),
                    )
                    .label_in(earlier.place.file.clone(), earlier.place.range.clone(), format!("`{}` publishes {} here", earlier.service, entry.port))
                    .help("publish a different host port (`\"8001:8000\"`), or do not publish it at all when only other containers need it");
                }
                seen.push(entry);
            }
        }
    }
}
