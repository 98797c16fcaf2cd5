//! app-listens-on-loopback: a containerised app bound to 127.0.0.1 while other containers or
//! published ports must reach it.

use crate::diagnostic::{Applicability, Findings, Fix};
use crate::facts::ProjectContext;
use crate::facts::collect::Fact;
use crate::facts::topology::{MergedService, Topology, is_loopback};
use crate::rules::Rule;

pub struct AppListensOnLoopback;

/// True when a published port of the service may lead to `port` inside the container: the
/// port is not known, or a published mapping targets it, a range or a value the files do not
/// tell. A server on another port (a helper process the app calls over loopback) is not
/// reached through the published ports.
fn published_to(service: &MergedService, port: Option<u16>) -> bool {
    service.ports().iter().any(|(_, p)| {
        p.published.is_some()
            && port.is_none_or(|port| {
                p.target
                    .trim()
                    .split('/')
                    .next()
                    .and_then(|t| t.parse::<u16>().ok())
                    .is_none_or(|target| target == port)
            })
    })
}

/// Why the service must accept connections from outside its container.
fn reached_by(topology: &Topology, service: &MergedService, port: Option<u16>) -> Option<String> {
    if published_to(service, port) {
        return Some("its port is published".into());
    }
    if let Some(file) = topology.proxied_by(service) {
        return Some(format!("Caddy proxies to it from {}", file.display));
    }
    let names = service.dns_names();
    for other in topology.services_of(service.project) {
        if other.name == service.name {
            continue;
        }
        let mentions = other.environment().iter().any(|(_, v)| {
            v.value.as_deref().is_some_and(|value| {
                names.iter().any(|n| {
                    value.contains(&format!("//{n}:"))
                        || value.contains(&format!("//{n}/"))
                        || value.ends_with(&format!("//{n}"))
                })
            })
        });
        if mentions {
            return Some(format!("`{}` connects to it", other.name));
        }
    }
    None
}

impl Rule for AppListensOnLoopback {
    /// The topology knows where each service listens from app code.
    fn facts(&self) -> &'static [Fact] {
        &[Fact::Listens]
    }

    fn check_project(&self, cx: &ProjectContext, out: &mut Findings) {
        let topology = cx.topology();
        for service in &topology.services {
            if service.network_mode().as_deref() == Some("host") {
                continue;
            }
            for listen in topology.listens(service) {
                let Some(host) = listen.host.as_deref() else {
                    continue;
                };
                if !is_loopback(host) {
                    continue;
                }
                // A server in a file the image does not copy and no mount brings in (a
                // developer script beside the service's sources) does not run in it.
                if !listen.from_command
                    && cx
                        .project
                        .files
                        .iter()
                        .find(|f| f.display == listen.place.file)
                        .is_some_and(|f| !topology.container_may_hold(service, &f.path))
                {
                    continue;
                }
                let Some(why) = reached_by(topology, service, listen.port) else {
                    continue;
                };
                let bound = if listen.host_is_default {
                    format!("binds {host} by default")
                } else {
                    format!("binds {host}")
                };
                let mut report = out.report_in(
                    Some(listen.place.file.clone()),
                    listen.place.range.clone(),
                    format!(
                        "`{}` {bound} ({}), so only its own container can connect; {why}, and those connections are refused",
                        service.name, listen.source
                    ),
                )
                .label_in(service.declared_at().file, service.declared_at().range, "the compose service")
                .help("bind all interfaces inside the container: `0.0.0.0:PORT` (`runserver 0.0.0.0:8000`, `gunicorn -b 0.0.0.0:8000`, `uvicorn --host 0.0.0.0`, `app.listen(port, '0.0.0.0')`)");
                // Unsafe: every host that can reach the container's port can now connect.
                if let Some((range, content)) = &listen.host_edit {
                    report = report.fix(Fix::replace_in(
                        Applicability::Unsafe,
                        "bind 0.0.0.0 (all interfaces of the container)",
                        listen.place.file.clone(),
                        range.clone(),
                        content.clone(),
                    ));
                }
                drop(report);
            }
        }
    }
}
