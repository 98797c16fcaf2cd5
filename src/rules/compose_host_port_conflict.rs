//! compose-host-port-conflict: two services of one compose project publish the same host port.

use crate::diagnostic::Findings;
use crate::facts::ProjectContext;
use crate::facts::collect::Fact;
use crate::facts::topology::{Place, port_list};
use crate::rules::Rule;

pub struct ComposeHostPortConflict;

struct Published {
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
        && a.service != b.service
}

impl Rule for ComposeHostPortConflict {
    /// The topology knows where each service listens from app code.
    fn facts(&self) -> &'static [Fact] {
        &[Fact::Listens]
    }

    fn check_project(&self, cx: &ProjectContext, out: &mut Findings) {
        let topology = cx.topology();
        for (index, compose) in topology.compose.iter().enumerate() {
            let mut seen: Vec<Published> = Vec::new();
            // Merge order: file by file, each in source order.
            let mut entries = Vec::new();
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
                            rank,
                            port.range.start,
                            Published {
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
