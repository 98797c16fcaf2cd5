//! The model `backlint topology` draws: compose projects, their networks and services, Caddy
//! sites with their upstreams resolved, Kubernetes workloads and Services. Read from the
//! project's topology (`facts::topology`) and manifests (`facts::k8s`); the findings of the
//! topology rules of the same run are attached afterwards as marks on what they report.
//! Its field names are the JSON format's, documented in the README.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use crate::diagnostic::Severity;
use crate::facts::topology::{Place, Topology, is_loopback, is_service_like_host};
use crate::facts::{Project, ProjectContext, ProjectFile};
use crate::lang::FileKind;

/// A place in a file: its path as shown, and its 1-based line.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct At {
    pub path: String,
    pub line: Option<usize>,
}

/// A finding of a topology rule, on the edge or item it reports.
#[derive(Serialize, Debug, Clone)]
pub struct Mark {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub path: String,
    pub line: usize,
}

/// Where an item was read, kept to attach findings (not part of the JSON).
#[derive(Debug, Clone, Default)]
pub struct Slot {
    file: Arc<str>,
    range: Range<usize>,
}

#[derive(Serialize, Debug, Default)]
pub struct Model {
    /// Version of this JSON model; fields are only added within a version.
    pub version: u32,
    pub compose_projects: Vec<ComposeProjectView>,
    pub caddy_sites: Vec<CaddySiteView>,
    pub kubernetes: KubernetesView,
    /// Findings of topology rules that no item of the model carries (expected empty).
    pub unattached: Vec<Mark>,
}

#[derive(Serialize, Debug)]
pub struct ComposeProjectView {
    pub name: String,
    pub dir: String,
    /// Its compose files, in merge order.
    pub files: Vec<String>,
    pub networks: Vec<NetworkView>,
    pub services: Vec<ServiceView>,
}

#[derive(Serialize, Debug)]
pub struct NetworkView {
    pub key: String,
    /// The name Docker gives it.
    pub name: String,
    pub external: bool,
}

#[derive(Serialize, Debug)]
pub struct ServiceView {
    /// Node id in the graph formats.
    pub id: String,
    pub name: String,
    pub declared_at: At,
    pub image: Option<String>,
    pub build: Option<BuildView>,
    pub network_mode: Option<String>,
    /// The real network names it is attached to; null with `network_mode: host`.
    pub networks: Option<Vec<String>>,
    pub ports: Vec<PortView>,
    pub expose: Vec<String>,
    pub listens: Vec<ListenView>,
    pub healthcheck: bool,
    pub depends_on: Vec<DependsOnView>,
    /// Environment variables a topology rule reports (e.g. a database at localhost).
    pub environment: Vec<EnvLinkView>,
    #[serde(skip)]
    declared_slot: Slot,
}

#[derive(Serialize, Debug)]
pub struct BuildView {
    pub context: String,
    pub dockerfile: String,
}

#[derive(Serialize, Debug)]
pub struct PortView {
    pub host_ip: Option<String>,
    pub published: Option<String>,
    pub target: String,
    pub protocol: String,
    pub at: At,
    pub marks: Vec<Mark>,
    #[serde(skip)]
    slot: Slot,
}

#[derive(Serialize, Debug)]
pub struct ListenView {
    pub host: Option<String>,
    pub port: Option<u16>,
    /// The host is the server's default, not written.
    pub host_is_default: bool,
    /// What says so: its command, its Dockerfile CMD, app code, settings.
    pub source: String,
    pub at: At,
    pub marks: Vec<Mark>,
    #[serde(skip)]
    slot: Slot,
}

#[derive(Serialize, Debug)]
pub struct DependsOnView {
    pub service: String,
    pub condition: Option<String>,
    /// Node id of the service depended on, when it is in the project.
    pub target: Option<String>,
    pub at: At,
    pub marks: Vec<Mark>,
    #[serde(skip)]
    slot: Slot,
}

#[derive(Serialize, Debug)]
pub struct EnvLinkView {
    pub key: String,
    pub value: Option<String>,
    /// Node id of the service the finding names (where the dependency runs).
    pub target: Option<String>,
    pub at: At,
    pub marks: Vec<Mark>,
    #[serde(skip)]
    slot: Slot,
}

#[derive(Serialize, Debug)]
pub struct ServiceRef {
    pub id: String,
    pub project: String,
    pub service: String,
}

#[derive(Serialize, Debug)]
pub struct CaddySiteView {
    pub id: String,
    pub file: String,
    /// The compose service that runs this Caddy configuration, when the files tell.
    pub runs_in: Option<ServiceRef>,
    pub upstreams: Vec<UpstreamView>,
}

#[derive(Serialize, Debug)]
pub struct UpstreamView {
    /// Node id for an upstream that reaches no service.
    pub id: String,
    pub written: String,
    pub host: String,
    pub port: u16,
    pub at: At,
    /// How the host resolves: `service` (see `reaches`), `no-service` (no service Caddy is
    /// meant to reach answers to the name), `caddy-container` (loopback: Caddy's own
    /// container), `beside-caddy` (loopback, in a container that runs the app beside Caddy),
    /// `address` (an IP address or a domain outside compose), `unknown` (no compose service
    /// is known to run this Caddy configuration).
    pub resolved: &'static str,
    /// The services the upstream names.
    pub reaches: Vec<ReachView>,
    pub marks: Vec<Mark>,
    #[serde(skip)]
    slot: Slot,
}

#[derive(Serialize, Debug)]
pub struct ReachView {
    pub id: String,
    pub project: String,
    /// The directory of its compose project (projects of one name may sit in several).
    pub project_dir: String,
    pub service: String,
    /// The ports the service listens on, as far as the files tell.
    pub listens_on: Vec<u16>,
    /// The networks Caddy and the service share (empty: none).
    pub shared_networks: Vec<String>,
}

#[derive(Serialize, Debug, Default)]
pub struct KubernetesView {
    pub workloads: Vec<WorkloadView>,
    pub services: Vec<KubeServiceView>,
}

#[derive(Serialize, Debug)]
pub struct WorkloadView {
    pub id: String,
    pub kind: String,
    pub name: Option<String>,
    pub at: At,
    pub pod_labels: BTreeMap<String, String>,
    pub containers: Vec<ContainerView>,
}

#[derive(Serialize, Debug)]
pub struct ContainerView {
    pub id: String,
    pub name: Option<String>,
    pub image: Option<String>,
    pub ports: Vec<u16>,
    pub liveness_probe: Option<String>,
    pub readiness_probe: Option<String>,
    pub at: At,
    pub marks: Vec<Mark>,
    #[serde(skip)]
    slot: Slot,
}

#[derive(Serialize, Debug)]
pub struct KubeServiceView {
    pub id: String,
    pub name: Option<String>,
    pub at: At,
    pub selector: BTreeMap<String, String>,
    pub ports: Vec<KubePortView>,
    /// Node ids of the workloads whose pods the selector matches.
    pub selects: Vec<String>,
}

#[derive(Serialize, Debug)]
pub struct KubePortView {
    pub port: Option<u16>,
    pub target_port: Option<String>,
}

impl KubePortView {
    /// The port as both views write it: `80→8000`, or `80` without a target port.
    pub fn label(&self) -> String {
        let port = self.port.map_or("?".to_string(), |p| p.to_string());
        match &self.target_port {
            Some(target) => format!("{port}→{target}"),
            None => port,
        }
    }
}

/// The rules whose findings are about the deployment's edges, marked in the picture.
pub const TOPOLOGY_RULES: &[&str] = &[
    "app-listens-on-loopback",
    "caddy-upstream-network-mismatch",
    "caddy-upstream-port-mismatch",
    "caddy-upstream-unknown-host",
    "compose-depends-on-unhealthy",
    "compose-host-port-conflict",
    "compose-localhost-dependency",
    "k8s-missing-probes",
];

/// Reads places as `At`s through the project's files.
struct Places<'p> {
    by_display: BTreeMap<&'p str, &'p ProjectFile>,
}

impl<'p> Places<'p> {
    fn new(project: &'p Project) -> Places<'p> {
        let mut by_display = BTreeMap::new();
        for f in &project.files {
            by_display.entry(&*f.display).or_insert(f);
        }
        Places { by_display }
    }

    fn at(&self, file: &str, offset: usize) -> At {
        At {
            path: file.to_string(),
            line: self.by_display.get(file).and_then(|f| f.line_of(offset)),
        }
    }

    fn of(&self, place: &Place) -> (At, Slot) {
        (
            self.at(&place.file, place.range.start),
            Slot {
                file: place.file.clone(),
                range: place.range.clone(),
            },
        )
    }
}

fn shown(path: &std::path::Path) -> String {
    crate::engine::display_path(path)
}

/// Builds the model (without marks) from a linked project.
pub fn build(project: &Project) -> Model {
    let cx = ProjectContext::new(project);
    let topology = cx.topology();
    let places = Places::new(project);
    let mut model = Model {
        version: 1,
        ..Model::default()
    };
    let service_id = |index: usize| format!("svc{index}");
    for (p, compose) in topology.compose.iter().enumerate() {
        let services = topology
            .services_of(p)
            .map(|s| service_view(topology, &places, s.index))
            .collect();
        let mut networks: Vec<NetworkView> = compose
            .networks
            .iter()
            .map(|(key, (name, external))| NetworkView {
                key: key.clone(),
                name: name.clone(),
                external: *external,
            })
            .collect();
        // The default network Compose creates when a service is on it.
        let default = compose.network_name("default");
        let on_default = topology.services_of(p).any(|s| {
            topology
                .networks_of(s)
                .is_some_and(|set| set.contains(&default))
        });
        if on_default && !compose.networks.contains_key("default") {
            networks.insert(
                0,
                NetworkView {
                    key: "default".into(),
                    name: default,
                    external: false,
                },
            );
        }
        model.compose_projects.push(ComposeProjectView {
            name: compose.name.clone(),
            dir: shown(&compose.dir),
            files: compose
                .files
                .iter()
                .map(|f| f.display.to_string())
                .collect(),
            networks,
            services,
        });
    }
    for (i, site) in topology.caddy_sites().iter().enumerate() {
        let owner = site.owner.map(|o| &topology.services[o]);
        let owner_networks = owner.and_then(|o| topology.networks_of(o));
        let upstreams = site
            .upstreams
            .iter()
            .enumerate()
            .map(|(j, upstream)| {
                let reaches = match owner {
                    Some(owner) => topology
                        .upstream_targets(owner, &upstream.host)
                        .into_iter()
                        .map(|target| {
                            let mut listens_on: Vec<u16> = topology
                                .listens(target)
                                .iter()
                                .filter_map(|l| l.port)
                                .collect();
                            listens_on.sort_unstable();
                            listens_on.dedup();
                            let shared_networks =
                                match (&owner_networks, topology.networks_of(target)) {
                                    (Some(a), Some(b)) => a.intersection(&b).cloned().collect(),
                                    _ => Vec::new(),
                                };
                            ReachView {
                                id: service_id(target.index),
                                project: topology.compose[target.project].name.clone(),
                                project_dir: shown(&topology.compose[target.project].dir),
                                service: target.name.clone(),
                                listens_on,
                                shared_networks,
                            }
                        })
                        .collect(),
                    None => Vec::new(),
                };
                let resolved = match owner {
                    None => "unknown",
                    Some(_) if !reaches.is_empty() => "service",
                    Some(owner) if is_loopback(&upstream.host) => {
                        if topology.caddy_beside_app(owner) {
                            "beside-caddy"
                        } else {
                            "caddy-container"
                        }
                    }
                    Some(_) if !is_service_like_host(&upstream.host) => "address",
                    Some(_) => "no-service",
                };
                let (at, slot) = places.of(&upstream.place);
                UpstreamView {
                    resolved,
                    id: format!("caddy{i}_up{j}"),
                    written: upstream.written.clone(),
                    host: upstream.host.clone(),
                    port: upstream.port,
                    at,
                    reaches,
                    marks: Vec::new(),
                    slot,
                }
            })
            .collect();
        model.caddy_sites.push(CaddySiteView {
            id: format!("caddy{i}"),
            file: site.file.display.to_string(),
            runs_in: owner.map(|o| ServiceRef {
                id: service_id(o.index),
                project: topology.compose[o.project].name.clone(),
                service: o.name.clone(),
            }),
            upstreams,
        });
    }
    kubernetes(project, &places, &mut model.kubernetes);
    model
}

fn service_view(topology: &Topology<'_>, places: &Places<'_>, index: usize) -> ServiceView {
    let service = &topology.services[index];
    let declared = service.declared_at();
    let ports = service
        .ports()
        .into_iter()
        .map(|(part, entry)| {
            let (at, slot) = places.of(&part.place(entry.range.clone()));
            PortView {
                host_ip: entry.host_ip.clone(),
                published: entry.published.clone(),
                target: entry.target.clone(),
                protocol: entry.protocol.clone(),
                at,
                marks: Vec::new(),
                slot,
            }
        })
        .collect();
    let mut expose: Vec<String> = Vec::new();
    for part in &service.parts {
        for e in &part.service.expose {
            if !expose.contains(&e.value) {
                expose.push(e.value.clone());
            }
        }
    }
    let listens = topology
        .listens(service)
        .iter()
        .map(|l| {
            let (at, slot) = places.of(&l.place);
            ListenView {
                host: l.host.clone(),
                port: l.port,
                host_is_default: l.host_is_default,
                source: l.source.clone(),
                at,
                marks: Vec::new(),
                slot,
            }
        })
        .collect();
    let mut depends_on = Vec::new();
    for part in &service.parts {
        for dep in &part.service.depends_on {
            let (at, slot) = places.of(&part.place(dep.range.clone()));
            depends_on.push(DependsOnView {
                service: dep.service.clone(),
                condition: dep.condition.clone(),
                target: topology
                    .services_of(service.project)
                    .find(|s| s.name == dep.service)
                    .map(|s| format!("svc{}", s.index)),
                at,
                marks: Vec::new(),
                slot,
            });
        }
    }
    // Every variable is a candidate; only those a finding marks are kept (`attach`).
    let mut environment: Vec<EnvLinkView> = service
        .environment()
        .into_iter()
        .map(|(part, var)| {
            let range = if var.value_range.is_empty() {
                var.key_range.clone()
            } else {
                var.value_range.clone()
            };
            let (at, slot) = places.of(&part.place(range));
            EnvLinkView {
                key: var.key.clone(),
                value: var.value.clone(),
                target: None,
                at,
                marks: Vec::new(),
                slot,
            }
        })
        .collect();
    for (file, entry) in topology.env_file_entries(service) {
        let range = if entry.value_range.is_empty() {
            entry.key_range.clone()
        } else {
            entry.value_range.clone()
        };
        let (at, slot) = places.of(&Place {
            file: file.display.clone(),
            range,
        });
        environment.push(EnvLinkView {
            key: entry.key.clone(),
            value: Some(entry.value.clone()),
            target: None,
            at,
            marks: Vec::new(),
            slot,
        });
    }
    let build = service
        .build_paths()
        .map(|(context, dockerfile)| BuildView {
            context: shown(&context),
            dockerfile: shown(&dockerfile),
        });
    ServiceView {
        id: format!("svc{index}"),
        name: service.name.clone(),
        declared_at: places.at(&declared.file, declared.range.start),
        image: service.image(),
        build,
        network_mode: service.network_mode(),
        networks: topology
            .networks_of(service)
            .map(|set| set.into_iter().collect()),
        ports,
        expose,
        listens,
        healthcheck: service.has_healthcheck(),
        depends_on,
        environment,
        declared_slot: Slot {
            file: declared.file.clone(),
            range: declared.range.clone(),
        },
    }
}

fn kubernetes(project: &Project, places: &Places<'_>, view: &mut KubernetesView) {
    // The directory of each workload's manifest: a Service selects pods of its own
    // directory's manifests (the manifests of one application sit together).
    let mut workload_dirs: Vec<Option<PathBuf>> = Vec::new();
    for file in project.of_kind(FileKind::K8s) {
        let Some(objects) = &file.facts.k8s_objects else {
            continue;
        };
        for workload in &objects.workloads {
            let w = view.workloads.len();
            let containers = workload
                .containers
                .iter()
                .enumerate()
                .map(|(c, container)| {
                    let (at, slot) = places.of(&Place {
                        file: file.display.clone(),
                        range: container.range.clone(),
                    });
                    ContainerView {
                        id: format!("k8sw{w}_c{c}"),
                        name: container.name.clone(),
                        image: container.image.clone(),
                        ports: container.ports.iter().map(|(_, p)| *p).collect(),
                        liveness_probe: container.liveness.clone(),
                        readiness_probe: container.readiness.clone(),
                        at,
                        marks: Vec::new(),
                        slot,
                    }
                })
                .collect();
            workload_dirs.push(file.path.parent().map(Path::to_path_buf));
            view.workloads.push(WorkloadView {
                id: format!("k8sw{w}"),
                kind: workload.kind.clone(),
                name: workload.name.clone(),
                at: places.at(&file.display, workload.range.start),
                pod_labels: workload.pod_labels.iter().cloned().collect(),
                containers,
            });
        }
    }
    // A Service selects the pods whose labels include its whole selector, among the
    // workloads of its directory.
    let mut services = Vec::new();
    for file in project.of_kind(FileKind::K8s) {
        let Some(objects) = &file.facts.k8s_objects else {
            continue;
        };
        for service in &objects.services {
            let selects = if service.selector.is_empty() {
                Vec::new()
            } else {
                let dir = file.path.parent().map(Path::to_path_buf);
                view.workloads
                    .iter()
                    .zip(&workload_dirs)
                    .filter(|(_, d)| **d == dir)
                    .map(|(w, _)| w)
                    .filter(|w| {
                        service
                            .selector
                            .iter()
                            .all(|(k, v)| w.pod_labels.get(k) == Some(v))
                    })
                    .map(|w| w.id.clone())
                    .collect()
            };
            services.push(KubeServiceView {
                id: format!("k8ss{}", services.len()),
                name: service.name.clone(),
                at: places.at(&file.display, service.range.start),
                selector: service.selector.iter().cloned().collect(),
                ports: service
                    .ports
                    .iter()
                    .map(|(port, target)| KubePortView {
                        port: *port,
                        target_port: target.clone(),
                    })
                    .collect(),
                selects,
            });
        }
    }
    view.services = services;
}

/// A finding of the run, as the model needs it.
pub struct Reported<'f> {
    pub rule: &'f str,
    pub severity: Severity,
    pub message: &'f str,
    pub path: &'f str,
    pub range: Range<usize>,
    pub line: usize,
    /// (path, byte range) of its labels.
    pub labels: Vec<(&'f str, Range<usize>)>,
}

fn overlaps(slot: &Slot, path: &str, range: &Range<usize>) -> bool {
    *slot.file == *path
        && (slot.range.start < range.end.max(range.start + 1))
        && (range.start < slot.range.end.max(slot.range.start + 1))
}

/// Each item that can carry a mark: where it was read, its marks, and (for an environment
/// variable) the node id of the service it leads to.
type SlotRef<'m> = (&'m Slot, &'m mut Vec<Mark>, Option<&'m mut Option<String>>);

fn slots_mut(model: &mut Model) -> Vec<SlotRef<'_>> {
    let mut out: Vec<SlotRef<'_>> = Vec::new();
    for project in &mut model.compose_projects {
        for service in &mut project.services {
            for p in &mut service.ports {
                out.push((&p.slot, &mut p.marks, None));
            }
            for l in &mut service.listens {
                out.push((&l.slot, &mut l.marks, None));
            }
            for d in &mut service.depends_on {
                out.push((&d.slot, &mut d.marks, None));
            }
            for e in &mut service.environment {
                out.push((&e.slot, &mut e.marks, Some(&mut e.target)));
            }
        }
    }
    for site in &mut model.caddy_sites {
        for u in &mut site.upstreams {
            out.push((&u.slot, &mut u.marks, None));
        }
    }
    for workload in &mut model.kubernetes.workloads {
        for c in &mut workload.containers {
            out.push((&c.slot, &mut c.marks, None));
        }
    }
    out
}

/// Attaches each topology-rule finding to the item it reports (the smallest one whose
/// place overlaps the finding's), and keeps only the environment variables that carry one.
pub fn attach(model: &mut Model, findings: &[Reported<'_>]) {
    // Where each compose service is declared, to tell which service a finding's label names.
    let declared: Vec<(Slot, String)> = model
        .compose_projects
        .iter()
        .flat_map(|p| p.services.iter())
        .map(|s| (s.declared_slot.clone(), s.id.clone()))
        .collect();
    for finding in findings.iter().filter(|f| TOPOLOGY_RULES.contains(&f.rule)) {
        let mark = Mark {
            rule: finding.rule.to_string(),
            severity: finding.severity,
            message: finding.message.to_string(),
            path: finding.path.to_string(),
            line: finding.line,
        };
        let target = slots_mut(model)
            .into_iter()
            .filter(|(slot, _, _)| overlaps(slot, finding.path, &finding.range))
            .min_by_key(|(slot, _, _)| slot.range.len());
        match target {
            Some((_, marks, link)) => {
                marks.push(mark);
                if let Some(link) = link {
                    *link = finding.labels.iter().find_map(|(path, range)| {
                        declared
                            .iter()
                            .find(|(slot, _)| overlaps(slot, path, range))
                            .map(|(_, id)| id.clone())
                    });
                }
            }
            None => model.unattached.push(mark),
        }
    }
    for project in &mut model.compose_projects {
        for service in &mut project.services {
            service.environment.retain(|e| !e.marks.is_empty());
        }
    }
}
