//! compose-localhost-dependency: a service told to reach its database or cache at localhost.

use std::ops::Range;
use std::sync::Arc;

use crate::diagnostic::{Applicability, Findings, Fix};
use crate::facts::ProjectContext;
use crate::facts::collect::Fact;
use crate::facts::topology::{MergedService, Topology, backing_kind, image_name, is_loopback};
use crate::rules::Rule;

pub struct ComposeLocalhostDependency;

/// The loopback host a value points at, and the backing service kind its scheme or key says.
fn loopback_target(key: &str, value: &str) -> Option<(String, Option<&'static str>)> {
    let key_upper = key.to_ascii_uppercase();
    if let Some((scheme, rest)) = value.split_once("://") {
        let authority = rest.split('/').next().unwrap_or("");
        let host_port = authority.rsplit('@').next().unwrap_or("");
        // A URL may list several hosts (`mongodb://a,b`): any loopback one counts.
        for hp in host_port.split(',') {
            let host = if let Some(v6) = hp.strip_prefix('[') {
                v6.split(']').next().unwrap_or("")
            } else {
                hp.split(':').next().unwrap_or("")
            };
            if is_loopback(host) || host == "0.0.0.0" {
                let kind = backing_kind(scheme)
                    .or_else(|| backing_kind(&key_upper))
                    .or_else(|| db_word(&key_upper));
                return Some((host.to_string(), kind));
            }
        }
        return None;
    }
    let host_key = [
        "HOST", "HOSTNAME", "ADDR", "ADDRESS", "SERVER", "SERVERS", "BROKER", "BROKERS",
        "ENDPOINT", "NODES",
    ]
    .iter()
    .any(|s| key_upper.ends_with(s));
    if !host_key {
        return None;
    }
    let host = value.split(':').next().unwrap_or("").trim();
    if !is_loopback(host) {
        return None;
    }
    Some((
        host.to_string(),
        backing_kind(&key_upper).or_else(|| db_word(&key_upper)),
    ))
}

/// Generic database words in a key (`DB_HOST`, `DATABASE_URL`): any database service.
fn db_word(key: &str) -> Option<&'static str> {
    (key.starts_with("DB")
        || key.contains("_DB")
        || key.contains("DATABASE")
        || key.contains("SQL"))
    .then_some("database")
}

fn matches_kind(service: &MergedService, kind: &str) -> bool {
    let own = service
        .image()
        .map(|i| image_name(&i))
        .and_then(|i| backing_kind(&i))
        .or_else(|| backing_kind(&service.name));
    match own {
        Some(k) => {
            k == kind
                || (kind == "database"
                    && matches!(k, "postgres" | "mysql" | "mongodb" | "cassandra"))
        }
        None => false,
    }
}

/// One environment setting: its key, its value after interpolation, and the value as written.
struct Setting<'a> {
    key: &'a str,
    value: &'a str,
    raw: &'a str,
}

fn check(
    out: &mut Findings,
    topology: &Topology,
    service: &MergedService,
    file: Arc<str>,
    range: Range<usize>,
    setting: Setting,
) {
    let Setting { key, value, raw } = setting;
    let Some((host, kind)) = loopback_target(key, value) else {
        return;
    };
    let Some(kind) = kind else { return };
    let providers: Vec<&MergedService> = topology
        .services_of(service.project)
        .filter(|s| s.name != service.name && matches_kind(s, kind))
        .collect();
    let Some(dependency) = providers.first() else {
        return;
    };
    let declared = dependency.declared_at();
    let edit = host_edit(&range, raw, &host, &dependency.name);
    let mut report = out.report_in(
        Some(file.clone()),
        range,
        format!(
            "`{key}` points `{}` at {host}, but {} runs in the `{}` container: inside `{}`, {host} is `{}` itself and the connection is refused (ECONNREFUSED {host})",
            service.name, kind, dependency.name, service.name, service.name
        ),
    )
    .label_in(declared.file, declared.range, format!("`{}` runs here", dependency.name))
    .help(format!("use the service name as the host: `{}`", value.replacen(&host, &dependency.name, 1)));
    // Safe when one service provides that kind: it is the one meant. With several (a
    // primary and a replica, two databases), the first is only a suggestion.
    if let Some(edit) = edit {
        let applicability = if providers.len() == 1 {
            Applicability::Safe
        } else {
            Applicability::DisplayOnly
        };
        report = report.fix(Fix::replace_in(
            applicability,
            format!("use the service name `{}` as the host", dependency.name),
            file,
            edit,
            dependency.name.clone(),
        ));
    }
    drop(report);
}

/// Where `host` stands in the file: the value as written (`raw`) holds it once, and its
/// span is the value itself or the value in quotes, so offsets in one are offsets in the
/// other (no escape, no folded line, no `${VAR}` that the host came from).
fn host_edit(
    value_range: &Range<usize>,
    raw: &str,
    host: &str,
    name: &str,
) -> Option<Range<usize>> {
    if host.is_empty() || name.is_empty() || raw.matches(host).count() != 1 {
        return None;
    }
    let quote = match value_range.len().checked_sub(raw.len())? {
        0 => 0,
        2 => 1,
        _ => return None,
    };
    let start = value_range.start + quote + raw.find(host)?;
    Some(start..start + host.len())
}

impl Rule for ComposeLocalhostDependency {
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
            let compose_project = &topology.compose[service.project];
            for (part, var) in service.environment() {
                let Some(raw) = var.value.as_deref() else {
                    continue;
                };
                let value = compose_project
                    .interpolate(raw)
                    .unwrap_or_else(|| raw.to_string());
                let range = if var.value_range.is_empty() {
                    var.key_range.clone()
                } else {
                    var.value_range.clone()
                };
                check(
                    out,
                    topology,
                    service,
                    part.file.display.clone(),
                    range,
                    Setting {
                        key: &var.key,
                        value: &value,
                        raw,
                    },
                );
            }
            // Only the env_file values the container gets: not those `environment` overrides.
            for (env_file, entry) in topology.env_file_entries(service) {
                let range = if entry.value_range.is_empty() {
                    entry.key_range.clone()
                } else {
                    entry.value_range.clone()
                };
                check(
                    out,
                    topology,
                    service,
                    env_file.display.clone(),
                    range,
                    Setting {
                        key: &entry.key,
                        value: &entry.value,
                        raw: &entry.value,
                    },
                );
            }
        }
    }
}
