//! probe-path-unserved: a Kubernetes `httpGet` probe or a compose healthcheck that requests
//! a path no route of the probed app serves, or a port the app does not listen on. The app
//! is the code of the compose service's build context, or, for a Kubernetes container, the
//! build context of the compose service that names the same image, else the package whose
//! `package.json` name is the image's name, else the directory named as the image that holds
//! a Dockerfile.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::diagnostic::Findings;
use crate::facts::collect::Fact;
use crate::facts::route_paths::{parametric_route_serves, path_words};
use crate::facts::topology::image_name;
use crate::facts::{ProjectContext, ProjectFile};
use crate::lang::FileKind;
use crate::rules::Rule;

pub struct ProbePathUnserved;

/// Hosts a healthcheck inside the container reaches the app at.
const LOCAL_HOSTS: &[&str] = &["localhost", "127.0.0.1", "0.0.0.0", "[::1]"];

/// What the app's code says about the paths it serves.
struct AppRoutes {
    routes: u32,
    answers_any_path: bool,
    words: BTreeSet<String>,
    /// Literal routes with a parameter after their first segment (`/api/:id`).
    parametric: BTreeSet<String>,
    /// Literal ports the app's servers listen on (none when any port is read from the
    /// environment or not known).
    ports: Option<BTreeSet<u16>>,
}

impl AppRoutes {
    fn of<'p>(files: impl Iterator<Item = &'p ProjectFile>) -> AppRoutes {
        let mut app = AppRoutes {
            routes: 0,
            answers_any_path: false,
            words: BTreeSet::new(),
            parametric: BTreeSet::new(),
            ports: Some(BTreeSet::new()),
        };
        for file in files {
            if let Some(facts) = &file.facts.route_paths {
                app.routes += facts.routes;
                app.answers_any_path |= facts.answers_any_path;
                app.words.extend(facts.words.iter().cloned());
                app.parametric.extend(facts.parametric.iter().cloned());
            }
            for listen in &file.facts.listens {
                match (listen.port, &listen.port_env) {
                    (Some(port), None) => {
                        if let Some(ports) = &mut app.ports {
                            ports.insert(port);
                        }
                    }
                    _ => app.ports = None,
                }
            }
        }
        if app.ports.as_ref().is_some_and(BTreeSet::is_empty) {
            app.ports = None;
        }
        app
    }

    /// Why a probe of `path` on `port` finds nothing, when the app's routes can be read
    /// whole and none serves it.
    fn unserved(&self, path: &str, port: Option<u16>) -> Option<String> {
        if self.routes == 0 || self.answers_any_path {
            return None;
        }
        if let (Some(port), Some(ports)) = (port, &self.ports) {
            if !ports.contains(&port) {
                let listed = ports
                    .iter()
                    .map(u16::to_string)
                    .collect::<Vec<_>>()
                    .join(", ");
                return Some(format!(
                    "port {port}, but the app listens on {listed}: the connection is refused"
                ));
            }
        }
        let path = path.split(['?', '#']).next().unwrap_or(path);
        let last = path_words(path).last()?;
        if self.words.contains(&last)
            || self
                .parametric
                .iter()
                .any(|route| parametric_route_serves(route, path))
        {
            return None;
        }
        Some(format!(
            "`{path}`, but none of the app's {} routes serves it: the probe gets 404",
            self.routes
        ))
    }
}

impl Rule for ProbePathUnserved {
    fn facts(&self) -> &'static [Fact] {
        &[Fact::RoutePaths, Fact::Listens]
    }

    fn check_project(&self, cx: &ProjectContext, out: &mut Findings) {
        self.check_compose(cx, out);
        self.check_k8s(cx, out);
    }
}

impl ProbePathUnserved {
    fn check_compose(&self, cx: &ProjectContext, out: &mut Findings) {
        let topology = cx.topology();
        for service in &topology.services {
            let Some(part) = service
                .parts
                .iter()
                .rev()
                .find(|p| !p.service.healthcheck_test.is_empty())
            else {
                continue;
            };
            let Some((word, path, port)) = part
                .service
                .healthcheck_test
                .iter()
                .find_map(|w| local_url(&w.value).map(|(path, port)| (w, path, port)))
            else {
                continue;
            };
            let files = topology.build_context_files(service);
            if files.is_empty() {
                continue;
            }
            let app = AppRoutes::of(files.iter().map(|(f, _)| *f));
            let Some(why) = app.unserved(&path, Some(port)) else {
                continue;
            };
            out.report_in(
                Some(part.file.display.clone()),
                word.range.clone(),
                format!(
                    "the healthcheck of `{}` requests {why}, and compose marks the container unhealthy",
                    service.name
                ),
            )
            .help(HELP);
        }
    }

    fn check_k8s(&self, cx: &ProjectContext, out: &mut Findings) {
        let project = cx.project;
        for file in project.of_kind(FileKind::K8s) {
            let Some(objects) = &file.facts.k8s_objects else {
                continue;
            };
            for container in objects.workloads.iter().flat_map(|w| &w.containers) {
                if container.http_probes.is_empty() {
                    continue;
                }
                let Some(image) = &container.image else {
                    continue;
                };
                let Some(dir) = app_dir_of_image(cx, image) else {
                    continue;
                };
                let app = AppRoutes::of(
                    project
                        .files
                        .iter()
                        .filter(|f| crate::root::normalize(&f.path).starts_with(&dir)),
                );
                for probe in &container.http_probes {
                    let port = probe.port.as_deref().and_then(|p| p.parse().ok());
                    let Some(why) = app.unserved(&probe.path, port) else {
                        continue;
                    };
                    let effect = if probe.kind == "readinessProbe" {
                        "the pod never becomes ready and receives no traffic"
                    } else {
                        "the kubelet restarts the container again and again"
                    };
                    out.report_in(
                        Some(file.display.clone()),
                        probe.path_range.clone(),
                        format!("the {} requests {why}; {effect}", probe.kind),
                    )
                    .help(HELP);
                }
            }
        }
    }
}

const HELP: &str = "point the probe at a route the app serves (or add one: `app.get('/health', (req, res) => res.json({ status: 'ok' }))`, `@app.get(\"/health\")`), on the port the app listens on";

/// The directory of the app an image is built from: the build context of a compose service
/// naming the same image, else the directory of the one `package.json` named as the image,
/// else the one directory named as the image that holds a Dockerfile.
fn app_dir_of_image(cx: &ProjectContext, image: &str) -> Option<PathBuf> {
    let wanted = image_name(image);
    let topology = cx.topology();
    let mut contexts: Vec<PathBuf> = topology
        .services
        .iter()
        .filter(|s| s.image().is_some_and(|i| image_name(&i) == wanted))
        .filter_map(|s| s.build_paths().map(|(context, _)| context))
        .collect();
    contexts.sort();
    contexts.dedup();
    if let [context] = contexts.as_slice() {
        return Some(context.clone());
    }
    if !contexts.is_empty() {
        return None;
    }
    let short = wanted.rsplit('/').next().unwrap_or(&wanted);
    let named: Vec<PathBuf> = cx
        .project
        .of_kind(FileKind::PackageJson)
        .filter(|f| {
            f.facts
                .package
                .as_ref()
                .and_then(|p| p.name.as_deref())
                .is_some_and(|n| {
                    n.rsplit('/')
                        .next()
                        .unwrap_or(n)
                        .eq_ignore_ascii_case(short)
                })
        })
        .filter_map(|f| f.path.parent().map(crate::root::normalize))
        .collect();
    match named.as_slice() {
        [dir] => return Some(dir.clone()),
        [] => {}
        _ => return None,
    }
    // A Dockerfile in a directory named as the image (`services/orders/Dockerfile` for
    // `registry.example.com/shop/orders`): the image is built from that directory.
    let mut built: Vec<PathBuf> = cx
        .project
        .of_kind(FileKind::Docker)
        .filter_map(|f| f.path.parent().map(crate::root::normalize))
        .filter(|dir| {
            dir.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.eq_ignore_ascii_case(short))
        })
        .collect();
    built.sort();
    built.dedup();
    match built.as_slice() {
        [dir] => Some(dir.clone()),
        _ => None,
    }
}

/// The path and port of a URL on the container's own host: `http://localhost:3000/health`
/// → (`/health`, 3000). `None` for another host or a URL whose port is a variable.
fn local_url(word: &str) -> Option<(String, u16)> {
    let at = word.find("http://").or_else(|| word.find("https://"))?;
    let url = &word[at..];
    let secure = url.starts_with("https://");
    let rest = url.split_once("://")?.1;
    let end = rest
        .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '`' | ';' | '|' | '&'))
        .unwrap_or(rest.len());
    let rest = &rest[..end];
    let (authority, path) = match rest.find('/') {
        Some(slash) => (&rest[..slash], &rest[slash..]),
        None => (rest, "/"),
    };
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) if !host.ends_with(':') => (host, port.parse().ok()?),
        _ => (authority, if secure { 443 } else { 80 }),
    };
    LOCAL_HOSTS
        .contains(&host)
        .then(|| (path.to_string(), port))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_urls_give_path_and_port() {
        assert_eq!(
            local_url("curl -fsS http://localhost:3000/healthz || exit 1"),
            Some(("/healthz".to_string(), 3000))
        );
        assert_eq!(
            local_url("http://127.0.0.1/ready?full=1"),
            Some(("/ready?full=1".to_string(), 80))
        );
        assert_eq!(local_url("http://api.example.com/health"), None);
        assert_eq!(local_url("http://localhost:${PORT}/health"), None);
    }
}
