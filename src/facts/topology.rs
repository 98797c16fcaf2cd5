//! The deployment topology of a project, built once per run from the facts of its compose
//! files, Caddyfiles, Dockerfiles, `.env` files and app code: which compose projects exist,
//! their merged services, the networks each service is on, and where each service listens.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::facts::{Project, ProjectFile};
use crate::lang::FileKind;
use crate::lang::compose::{self, CommandSpec, ComposeFile, EnvVar, PortEntry, Service, Spanned};
use crate::lang::dockerfile::Dockerfile;
use crate::lang::dotenv::EnvEntry;
use crate::util::Groups;

/// A place in a file of the project.
#[derive(Debug, Clone)]
pub struct Place {
    pub file: Arc<str>,
    pub range: Range<usize>,
}

/// One contribution of a compose file to a service.
#[derive(Debug, Clone, Copy)]
pub struct Part<'p> {
    pub file: &'p ProjectFile,
    pub service: &'p Service,
}

impl Part<'_> {
    pub fn place(&self, range: Range<usize>) -> Place {
        Place {
            file: self.file.display.clone(),
            range,
        }
    }

    /// The directory of the compose file this part comes from.
    pub fn dir(&self) -> PathBuf {
        self.file
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()
    }
}

/// A service merged over the compose files of its project.
#[derive(Debug)]
pub struct MergedService<'p> {
    pub name: String,
    /// In merge order.
    pub parts: Vec<Part<'p>>,
    /// Index of its compose project.
    pub project: usize,
    /// Its index in `Topology::services`.
    pub index: usize,
}

impl<'p> MergedService<'p> {
    /// The first definition (where the service is declared).
    pub fn declared_at(&self) -> Place {
        let first = self.parts[0];
        first.place(first.service.name_range.clone())
    }

    fn last<T>(&self, f: impl Fn(&'p Service) -> Option<T>) -> Option<(Part<'p>, T)> {
        self.parts
            .iter()
            .rev()
            .find_map(|p| f(p.service).map(|v| (*p, v)))
    }

    pub fn image(&self) -> Option<String> {
        self.last(|s| s.image.as_ref().map(|i| i.value.clone()))
            .map(|(_, v)| v)
    }

    /// The container's memory limit as written, with the file that sets it.
    pub fn memory_limit(&self) -> Option<(Part<'p>, &'p Spanned)> {
        self.last(|s| s.memory_limit.as_ref())
    }

    pub fn network_mode(&self) -> Option<String> {
        self.last(|s| s.network_mode.as_ref().map(|n| n.value.clone()))
            .map(|(_, v)| v)
    }

    pub fn command(&self) -> Option<(Part<'p>, &'p CommandSpec)> {
        self.last(|s| s.command.as_ref())
    }

    pub fn entrypoint(&self) -> Option<(Part<'p>, &'p CommandSpec)> {
        self.last(|s| s.entrypoint.as_ref())
    }

    pub fn ports(&self) -> Vec<(Part<'p>, &'p PortEntry)> {
        self.parts
            .iter()
            .flat_map(|p| p.service.ports.iter().map(move |e| (*p, e)))
            .collect()
    }

    /// Environment, later files overriding earlier ones key by key.
    pub fn environment(&self) -> Vec<(Part<'p>, &'p EnvVar)> {
        let mut map: BTreeMap<&str, (Part<'p>, &'p EnvVar)> = BTreeMap::new();
        for p in &self.parts {
            for v in &p.service.environment {
                map.insert(v.key.as_str(), (*p, v));
            }
        }
        let mut list: Vec<_> = map.into_values().collect();
        list.sort_by_key(|(p, v)| (p.file.path.clone(), v.key_range.start));
        list
    }

    pub fn has_healthcheck(&self) -> bool {
        self.parts.iter().any(|p| p.service.healthcheck.is_some())
    }

    /// Names other containers can use for this service: its name, container_name,
    /// hostname and network aliases.
    pub fn dns_names(&self) -> BTreeSet<String> {
        let mut names = BTreeSet::new();
        names.insert(self.name.clone());
        for p in &self.parts {
            let s = p.service;
            names.extend(s.container_name.iter().map(|c| c.value.clone()));
            names.extend(s.hostname.iter().map(|h| h.value.clone()));
            for n in &s.networks {
                names.extend(n.aliases.iter().cloned());
            }
        }
        names
    }

    pub fn profiles(&self) -> Vec<String> {
        self.last(|s| (!s.profiles.is_empty()).then_some(&s.profiles))
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// The build context directory and Dockerfile path, resolved against the compose file.
    pub fn build_paths(&self) -> Option<(PathBuf, PathBuf)> {
        let (part, build) = self.last(|s| s.build.as_ref())?;
        let context = normalize(&part.dir().join(&build.context));
        let dockerfile =
            normalize(&context.join(build.dockerfile.as_deref().unwrap_or("Dockerfile")));
        Some((context, dockerfile))
    }

    /// True when the image or the build says this service runs Caddy.
    pub fn is_caddy(&self, topology: &Topology<'_>) -> bool {
        if self
            .image()
            .is_some_and(|i| image_name(&i).ends_with("caddy"))
        {
            return true;
        }
        // The image the build starts from, through the stages the built one is based on.
        topology
            .built_stage(self)
            .and_then(|(_, d, i)| d.lineage(i).last().map(|s| s.base.clone()))
            .is_some_and(|base| image_name(&base).ends_with("caddy"))
    }
}

/// The repository path part of an image reference: `library/postgres:16` → `library/postgres`.
pub fn image_name(image: &str) -> String {
    let without_digest = image.split('@').next().unwrap_or(image);
    let last_slash = without_digest.rfind('/').map_or(0, |i| i + 1);
    let tag_at = without_digest[last_slash..]
        .find(':')
        .map(|i| i + last_slash);
    without_digest[..tag_at.unwrap_or(without_digest.len())].to_ascii_lowercase()
}

/// What kind of backing service an image or a service name suggests.
pub fn backing_kind(text: &str) -> Option<&'static str> {
    let t = text.to_ascii_lowercase();
    const KINDS: &[(&str, &[&str])] = &[
        (
            "postgres",
            &["postgres", "postgis", "timescale", "pgvector"],
        ),
        ("mysql", &["mysql", "mariadb", "percona"]),
        ("mongodb", &["mongo"]),
        ("redis", &["redis", "valkey", "keydb", "dragonfly"]),
        ("rabbitmq", &["rabbitmq", "amqp"]),
        ("memcached", &["memcached"]),
        ("elasticsearch", &["elasticsearch", "opensearch"]),
        ("kafka", &["kafka", "redpanda"]),
        ("nats", &["nats"]),
        ("minio", &["minio"]),
        ("cassandra", &["cassandra", "scylla"]),
    ];
    KINDS
        .iter()
        .find(|(_, words)| words.iter().any(|w| t.contains(w)))
        .map(|(k, _)| *k)
}

/// A compose project: the compose files of one directory, merged in order.
#[derive(Debug)]
pub struct ComposeProject<'p> {
    pub dir: PathBuf,
    pub name: String,
    pub files: Vec<&'p ProjectFile>,
    /// Variables of the `.env` file beside the compose files.
    pub env: BTreeMap<String, String>,
    /// Network key → (real name, external).
    pub networks: BTreeMap<String, (String, bool)>,
}

impl ComposeProject<'_> {
    /// Compose interpolation with this project's `.env`.
    pub fn interpolate(&self, value: &str) -> Option<String> {
        compose::interpolate(value, &|name| self.env.get(name).cloned())
    }

    /// The real name of a network key as the service uses it.
    pub fn network_name(&self, key: &str) -> String {
        match self.networks.get(key) {
            Some((name, _)) => name.clone(),
            None => format!("{}_{key}", self.name),
        }
    }
}

/// Where a service listens, as far as the files tell.
#[derive(Debug, Clone)]
pub struct Listen {
    pub port: Option<u16>,
    /// The bound host (`0.0.0.0`, `127.0.0.1`), if known.
    pub host: Option<String>,
    /// True when the host is the server's default rather than written.
    pub host_is_default: bool,
    pub place: Place,
    /// What says so ("its command", "its Dockerfile CMD", "app.listen in server.js").
    pub source: String,
    /// Read from the container's start command (compose `command`/`entrypoint`, the
    /// Dockerfile's ENTRYPOINT/CMD) rather than from code.
    pub from_command: bool,
    /// The edit of `place.file` that binds all interfaces, when the files say where.
    pub host_edit: Option<(Range<usize>, String)>,
}

pub struct Topology<'p> {
    pub project: &'p Project,
    pub compose: Vec<ComposeProject<'p>>,
    pub services: Vec<MergedService<'p>>,
    /// Lookups built once, so that each question the rules ask costs about the same
    /// whatever the size of the repository.
    index: Index<'p>,
}

/// The lookups of a topology: by path, by directory, by name.
#[derive(Default)]
struct Index<'p> {
    /// (kind, normalised path) → the first project file of that kind at that path.
    files: HashMap<(FileKind, PathBuf), &'p ProjectFile>,
    /// Normalised directory → the `.env`-kind files in it, in path order.
    env_files_by_dir: HashMap<PathBuf, Vec<&'p ProjectFile>>,
    /// Normalised path → code files with server `listen` facts there, by project order.
    listen_files: BTreeMap<PathBuf, Vec<usize>>,
    /// Normalised path of a Caddy config file → the first (in path order) that imports it.
    caddy_importer: HashMap<PathBuf, &'p ProjectFile>,
    /// Compose project → its services, in order.
    services_by_project: Vec<Vec<usize>>,
    /// Directory of a compose project (as written) → the projects there.
    projects_by_dir: HashMap<PathBuf, Vec<usize>>,
    /// Normalised source of a bind mount → (service, the target names Caddy).
    mounts: HashMap<PathBuf, Vec<(usize, bool)>>,
    /// Normalised build context → the services built from it.
    contexts: HashMap<PathBuf, Vec<usize>>,
    /// A name a service answers to on its networks → the services, in order.
    dns_names: HashMap<String, Vec<usize>>,
    /// Compose project → its host: projects that share a network run on one host.
    host_of_project: Vec<usize>,
    /// Host → its compose projects, in order.
    projects_by_host: HashMap<usize, Vec<usize>>,
    /// Normalised directory of a compose project → the projects there.
    projects_by_normalized_dir: BTreeMap<PathBuf, Vec<usize>>,
    /// Where each service listens, worked out on first use.
    listens: Vec<OnceLock<Vec<Listen>>>,
    /// The Caddy configuration files with their owners and upstreams, on first use.
    caddy_sites: OnceLock<Vec<CaddySite<'p>>>,
    /// Service → the first Caddy file (with an owner) whose upstream names it, on first use.
    proxied_by: OnceLock<HashMap<usize, &'p ProjectFile>>,
}

/// A Caddy configuration file, the compose service that runs it, and its upstreams.
pub struct CaddySite<'p> {
    pub file: &'p ProjectFile,
    /// Index of the service in `Topology::services`.
    pub owner: Option<usize>,
    pub upstreams: Vec<Upstream>,
}

impl<'p> Topology<'p> {
    pub fn build(project: &'p Project) -> Topology<'p> {
        let compose_files: Vec<&'p ProjectFile> = project
            .of_kind(FileKind::Compose)
            .filter(|f| f.facts.compose.is_some())
            .collect();
        let included = included_files(&compose_files);
        // Includer → the files it includes, in path order.
        let mut includes_of: BTreeMap<&PathBuf, Vec<(&PathBuf, &'p ProjectFile)>> = BTreeMap::new();
        for (path, (by, file)) in &included {
            includes_of.entry(by).or_default().push((path, *file));
        }
        let mut by_dir: BTreeMap<PathBuf, Vec<&'p ProjectFile>> = BTreeMap::new();
        for f in &compose_files {
            if !included.contains_key(&normalize(&f.path)) {
                let dir = f.path.parent().map(Path::to_path_buf).unwrap_or_default();
                by_dir.entry(dir).or_default().push(f);
            }
        }
        let mut dot_env_files: HashMap<&Path, Vec<&'p ProjectFile>> = HashMap::new();
        for f in project.of_kind(FileKind::Env) {
            if let Some(dir) = f.path.parent() {
                if f.path.file_name().is_some_and(|n| n == ".env") {
                    dot_env_files.entry(dir).or_default().push(f);
                }
            }
        }
        let dot_env = |dir: &Path| -> BTreeMap<String, String> {
            dot_env_files
                .get(dir)
                .into_iter()
                .flatten()
                .flat_map(|f| f.facts.env.iter().flat_map(|e| e.entries.iter()))
                .map(|e| (e.key.clone(), e.value.clone()))
                .collect()
        };
        // The files of a directory that Compose merges (the base, its override, and variants
        // that only add to them) form one project; each variant that defines its services
        // completely is a deployment of its own, started alone with `-f`.
        let mut groups: Vec<(PathBuf, Vec<&'p ProjectFile>)> = Vec::new();
        for (dir, files) in by_dir {
            let (own, merged): (Vec<&'p ProjectFile>, Vec<&'p ProjectFile>) =
                files.into_iter().partition(|f| is_own_deployment(f));
            if !merged.is_empty() {
                groups.push((dir.clone(), merged));
            }
            groups.extend(own.into_iter().map(|f| (dir.clone(), vec![f])));
        }
        let mut compose_projects = Vec::new();
        let mut services: Vec<MergedService<'p>> = Vec::new();
        for (dir, mut files) in groups {
            files.sort_by_key(|f| merge_rank(&f.path));
            let mut env = dot_env(&dir);
            // The project's name comes from its own files, not from those it includes.
            let explicit_name = files
                .iter()
                .rev()
                .find_map(|f| f.facts.compose.as_ref().and_then(|m| m.name.clone()));
            // Files included from these (and from those, ...) join the project: their
            // services share its default network. Each reads the `.env` beside it.
            let mut at = 0;
            while at < files.len() {
                let includer = normalize(&files[at].path);
                for (path, file) in includes_of.get(&includer).into_iter().flatten() {
                    if !files.iter().any(|f| normalize(&f.path) == **path) {
                        files.push(file);
                        let included_dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
                        for (k, v) in dot_env(&included_dir) {
                            env.entry(k).or_insert(v);
                        }
                    }
                }
                at += 1;
            }
            let models: Vec<&ComposeFile> = files
                .iter()
                .filter_map(|f| f.facts.compose.as_ref())
                .collect();
            let name = explicit_name
                .map(|n| compose::interpolate(&n, &|k| env.get(k).cloned()).unwrap_or(n))
                .unwrap_or_else(|| {
                    let absolute = std::path::absolute(&dir)
                        .map(|a| normalize(&a))
                        .unwrap_or_else(|_| dir.clone());
                    normalize_project_name(
                        absolute.file_name().and_then(|n| n.to_str()).unwrap_or(""),
                    )
                });
            let mut networks = BTreeMap::new();
            for m in &models {
                for n in &m.networks {
                    let real = match (&n.name, n.external) {
                        (Some(name), _) => name.clone(),
                        (None, true) => n.key.clone(),
                        (None, false) => format!("{name}_{}", n.key),
                    };
                    networks.insert(n.key.clone(), (real, n.external));
                }
            }
            let index = compose_projects.len();
            let mut merged: Vec<MergedService<'p>> = Vec::new();
            for f in &files {
                let Some(model) = f.facts.compose.as_ref() else {
                    continue;
                };
                for s in &model.services {
                    let part = Part {
                        file: f,
                        service: s,
                    };
                    match merged.iter_mut().find(|m| m.name == s.name) {
                        Some(m) => m.parts.push(part),
                        None => merged.push(MergedService {
                            name: s.name.clone(),
                            parts: vec![part],
                            project: index,
                            index: services.len() + merged.len(),
                        }),
                    }
                }
            }
            services.extend(merged);
            compose_projects.push(ComposeProject {
                dir,
                name,
                files,
                env,
                networks,
            });
        }
        let mut topology = Topology {
            project,
            compose: compose_projects,
            services,
            index: Index::default(),
        };
        topology.index = topology.build_index();
        // Networks resolve `network_mode: service:` through the index built above.
        topology.index.host_of_project = topology.hosts();
        for (project, host) in topology.index.host_of_project.iter().enumerate() {
            topology
                .index
                .projects_by_host
                .entry(*host)
                .or_default()
                .push(project);
        }
        topology
    }

    fn build_index(&self) -> Index<'p> {
        let mut index = Index::default();
        for (i, f) in self.project.files.iter().enumerate() {
            let path = normalize(&f.path);
            if f.kind == FileKind::Env {
                let dir = f.path.parent().map(normalize).unwrap_or_default();
                index.env_files_by_dir.entry(dir).or_default().push(f);
            }
            if !f.facts.listens.is_empty() {
                index.listen_files.entry(path.clone()).or_default().push(i);
            }
            if f.kind == FileKind::Caddy {
                for imported in &f.facts.caddy_imports {
                    index.caddy_importer.entry(imported.clone()).or_insert(f);
                }
            }
            index.files.entry((f.kind, path)).or_insert(f);
        }
        index.services_by_project = vec![Vec::new(); self.compose.len()];
        for s in &self.services {
            index.services_by_project[s.project].push(s.index);
            for name in s.dns_names() {
                index.dns_names.entry(name).or_default().push(s.index);
            }
            for p in &s.parts {
                for m in &p.service.volumes {
                    if m.source.starts_with('.') || m.source.starts_with('/') {
                        let source = normalize(&p.dir().join(&m.source));
                        index
                            .mounts
                            .entry(source)
                            .or_default()
                            .push((s.index, m.target.contains("caddy")));
                    }
                }
            }
            if let Some((context, _)) = s.build_paths() {
                index.contexts.entry(context).or_default().push(s.index);
            }
        }
        for (i, c) in self.compose.iter().enumerate() {
            index
                .projects_by_dir
                .entry(c.dir.clone())
                .or_default()
                .push(i);
        }
        index.listens = self.services.iter().map(|_| OnceLock::new()).collect();
        for (i, c) in self.compose.iter().enumerate() {
            index
                .projects_by_normalized_dir
                .entry(normalize(&c.dir))
                .or_default()
                .push(i);
        }
        index
    }

    /// Compose projects that share a network, by its real name (an `external: true` network
    /// naming another project's network, one external network both declare), run on one host: each project's host is the
    /// lowest-numbered project it is joined to, directly or through others.
    fn hosts(&self) -> Vec<usize> {
        let mut host = Groups::new(self.compose.len());
        // A network named after its project (`app_default`) belongs to the project started
        // from that directory. Two directories whose projects share a name
        // (`deploy/nginx/recommended` and `deploy/apache/recommended`, an embedded copy of
        // the compose files with the same `name:`) are alternatives or copies of one stack,
        // so their own networks do not join them. A project that joins such a network from
        // outside (`external: true`) joins each project it may belong to.
        let mut first_on: BTreeMap<String, usize> = BTreeMap::new();
        let mut owners_of_scoped: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for s in &self.services {
            let project = &self.compose[s.project];
            let scoped_prefix = format!("{}_", project.name);
            for network in self.networks_of(s).into_iter().flatten() {
                let key = if network.starts_with(&scoped_prefix) {
                    owners_of_scoped
                        .entry(network.clone())
                        .or_default()
                        .push(s.project);
                    format!("{}\0{network}", normalize(&project.dir).display())
                } else {
                    network
                };
                let other = *first_on.entry(key).or_insert(s.project);
                host.join(other, s.project);
            }
        }
        for (key, joiner) in &first_on {
            for owner in owners_of_scoped.get(key).into_iter().flatten() {
                host.join(*joiner, *owner);
            }
        }
        host.lowest_members()
    }

    pub fn services_of(&self, project: usize) -> impl Iterator<Item = &MergedService<'p>> {
        self.index
            .services_by_project
            .get(project)
            .into_iter()
            .flatten()
            .map(|i| &self.services[*i])
    }

    /// Every Caddy configuration file in path order, with the service that runs it (see
    /// `caddy_owner`) and its upstreams. Worked out once.
    pub fn caddy_sites(&self) -> &[CaddySite<'p>] {
        self.index.caddy_sites.get_or_init(|| {
            self.project
                .of_kind(FileKind::Caddy)
                .map(|file| {
                    let owner = self.caddy_owner(file);
                    CaddySite {
                        file,
                        owner: owner.map(|o| o.index),
                        upstreams: self.upstreams(file, owner),
                    }
                })
                .collect()
        })
    }

    /// The first Caddy file (in path order, run by a compose service) with an upstream that
    /// names `service` (see `upstream_targets`).
    pub fn proxied_by(&self, service: &MergedService<'_>) -> Option<&'p ProjectFile> {
        let map = self.index.proxied_by.get_or_init(|| {
            let mut map = HashMap::new();
            for site in self.caddy_sites() {
                let Some(owner) = site.owner.map(|o| &self.services[o]) else {
                    continue;
                };
                for upstream in &site.upstreams {
                    for target in self.upstream_targets(owner, &upstream.host) {
                        map.entry(target.index).or_insert(site.file);
                    }
                }
            }
            map
        });
        map.get(&service.index).copied()
    }

    /// True when two compose projects run on one host (they share a network).
    pub fn same_host(&self, a: usize, b: usize) -> bool {
        self.index.host_of_project.get(a) == self.index.host_of_project.get(b)
    }

    /// The host compose project `project` runs on: the lowest-numbered project it shares a
    /// network with, directly or through others (itself when it shares none).
    pub fn host_of(&self, project: usize) -> usize {
        self.index
            .host_of_project
            .get(project)
            .copied()
            .unwrap_or(project)
    }

    /// The compose projects whose services a Caddy running in project `caddy` is meant to
    /// reach, joined to it or not, in order: those on its host (sharing a network with it),
    /// and those in its directory or below (seed 002's layout: the proxy's stack at the root,
    /// the backend's stack in `backend/`, started on one host).
    pub fn fronted_projects(&self, caddy: usize) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .index
            .host_of_project
            .get(caddy)
            .and_then(|host| self.index.projects_by_host.get(host))
            .cloned()
            .unwrap_or_default();
        if let Some(front) = self.compose.get(caddy) {
            let dir = normalize(&front.dir);
            out.extend(
                self.index
                    .projects_by_normalized_dir
                    .range(dir.clone()..)
                    .take_while(|(d, _)| d.starts_with(&dir))
                    .flat_map(|(_, projects)| projects.iter().copied()),
            );
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The services an upstream host of a Caddy running in `owner` names: those on its
    /// host (its compose project and the projects joined to it by a network) that answer to
    /// the name; when none does, those of the projects below its directory that it is not
    /// joined to (Caddy cannot reach them: a network is missing). Empty when no service
    /// Caddy is meant to reach answers to the name: a service of an unrelated stack of the
    /// same repository does not count.
    pub fn upstream_targets(
        &self,
        owner: &MergedService<'_>,
        host: &str,
    ) -> Vec<&MergedService<'p>> {
        let named = self.services_named(host);
        let on_host: Vec<&MergedService<'p>> = named
            .iter()
            .copied()
            .filter(|s| self.same_host(owner.project, s.project))
            .collect();
        if !on_host.is_empty() {
            return on_host;
        }
        let fronted = self.fronted_projects(owner.project);
        named
            .into_iter()
            .filter(|s| fronted.contains(&s.project))
            .collect()
    }

    /// The services a Caddy running in `owner` is meant to reach (see `fronted_projects`),
    /// in order.
    pub fn fronted_services(&self, owner: &MergedService<'_>) -> Vec<&MergedService<'p>> {
        self.fronted_projects(owner.project)
            .into_iter()
            .flat_map(|p| self.services_of(p))
            .collect()
    }

    /// The real network names a service is attached to. `None` for `network_mode: host`.
    pub fn networks_of(&self, service: &MergedService<'_>) -> Option<BTreeSet<String>> {
        let project = &self.compose[service.project];
        if let Some(mode) = service.network_mode() {
            if mode == "host" {
                return None;
            }
            if let Some(other) = mode.strip_prefix("service:") {
                let target = self
                    .services_of(service.project)
                    .find(|s| s.name == other)?;
                return self.networks_of(target);
            }
            return Some(BTreeSet::new());
        }
        let declared = service.parts.iter().any(|p| p.service.networks_declared);
        let mut set = BTreeSet::new();
        if declared {
            for p in &service.parts {
                for n in &p.service.networks {
                    set.insert(project.network_name(&n.name));
                }
            }
        } else {
            set.insert(project.network_name("default"));
        }
        Some(set)
    }

    /// The services a service is based on through `extends:`, nearest first, as far as
    /// they are found in the project's compose files (a cycle ends the chain).
    pub fn extended_services(&self, service: &MergedService<'p>) -> Vec<&'p Service> {
        let mut out: Vec<&'p Service> = Vec::new();
        let mut pending: Vec<(PathBuf, &'p compose::Extends)> = service
            .parts
            .iter()
            .rev()
            .filter_map(|p| Some((normalize(&p.file.path), p.service.extends.as_ref()?)))
            .collect();
        let mut seen: BTreeSet<(PathBuf, String)> = BTreeSet::new();
        while let Some((from, extends)) = pending.pop() {
            let file = match &extends.file {
                Some(f) => normalize(&from.parent().unwrap_or(Path::new("")).join(f)),
                None => from,
            };
            if !seen.insert((file.clone(), extends.service.clone())) {
                continue;
            }
            let base = self
                .file_at(FileKind::Compose, &file)
                .and_then(|f| f.facts.compose.as_ref())
                .and_then(|m| m.services.iter().find(|s| s.name == extends.service));
            if let Some(base) = base {
                out.push(base);
                if let Some(next) = &base.extends {
                    pending.push((file, next));
                }
            }
        }
        out
    }

    /// Every service, in any compose project, that answers to `name` on a network.
    pub fn services_named(&self, name: &str) -> Vec<&MergedService<'p>> {
        self.index
            .dns_names
            .get(name)
            .into_iter()
            .flatten()
            .map(|i| &self.services[*i])
            .collect()
    }

    /// The first project file of a kind at a normalised path.
    fn file_at(&self, kind: FileKind, path: &Path) -> Option<&'p ProjectFile> {
        self.index.files.get(&(kind, path.to_path_buf())).copied()
    }

    pub fn dockerfile(&self, path: &Path) -> Option<&'p Dockerfile> {
        self.file_at(FileKind::Docker, path)
            .and_then(|f| f.facts.docker.as_ref())
    }

    /// The Dockerfile a service builds from, its project file and the index of the stage built.
    pub fn built_stage(
        &self,
        service: &MergedService<'_>,
    ) -> Option<(&'p ProjectFile, &'p Dockerfile, usize)> {
        let (file, dockerfile) = self.dockerfile_of(service)?;
        let target = service
            .parts
            .iter()
            .rev()
            .find_map(|p| p.service.build.as_ref())
            .and_then(|b| b.target.as_deref());
        let index = dockerfile.target_index(target)?;
        Some((file, dockerfile, index))
    }

    /// The Dockerfile a service builds from, with its project file.
    pub fn dockerfile_of(
        &self,
        service: &MergedService<'_>,
    ) -> Option<(&'p ProjectFile, &'p Dockerfile)> {
        let (_, path) = service.build_paths()?;
        let file = self.file_at(FileKind::Docker, &path)?;
        Some((file, file.facts.docker.as_ref()?))
    }

    /// The `.env` entries a service receives through `env_file`, with their files.
    pub fn env_files_of(&self, service: &MergedService<'_>) -> Vec<&'p ProjectFile> {
        let mut out = Vec::new();
        for p in &service.parts {
            for e in &p.service.env_file {
                let path = normalize(&p.dir().join(&e.value));
                if let Some(f) = self.file_at(FileKind::Env, &path) {
                    out.push(f);
                }
            }
        }
        out
    }

    /// The variables a service's `env_file`s put in its container: a later file or line
    /// overrides an earlier one, and a key the service's `environment` sets (even without a
    /// value) overrides them all, as Compose does. In file and line order.
    pub fn env_file_entries(
        &self,
        service: &MergedService<'_>,
    ) -> Vec<(&'p ProjectFile, &'p EnvEntry)> {
        let mut by_key: BTreeMap<&'p str, (usize, &'p ProjectFile, &'p EnvEntry)> = BTreeMap::new();
        for (order, file) in self.env_files_of(service).into_iter().enumerate() {
            for entry in file.facts.env.iter().flat_map(|e| e.entries.iter()) {
                by_key.insert(entry.key.as_str(), (order, file, entry));
            }
        }
        for (_, var) in service.environment() {
            by_key.remove(var.key.as_str());
        }
        let mut list: Vec<_> = by_key.into_values().collect();
        list.sort_by_key(|(order, _, entry)| (*order, entry.key_range.start));
        list.into_iter().map(|(_, f, e)| (f, e)).collect()
    }

    /// Where a service listens: its command or entrypoint, its Dockerfile's CMD/ENTRYPOINT,
    /// and the app code in its build context. Worked out once per service.
    pub fn listens(&self, service: &MergedService<'_>) -> &[Listen] {
        match self.index.listens.get(service.index) {
            Some(cell) => cell.get_or_init(|| self.find_listens(service)),
            None => &[],
        }
    }

    fn find_listens(&self, service: &MergedService<'_>) -> Vec<Listen> {
        let project = &self.compose[service.project];
        let built = self.built_stage(service);
        // The image's ENV first, then the service's env_file, then its environment.
        let mut env: BTreeMap<String, String> = built
            .map(|(_, df, i)| df.env(i).into_iter().collect())
            .unwrap_or_default();
        env.extend(
            self.env_file_entries(service)
                .into_iter()
                .map(|(_, e)| (e.key.clone(), e.value.clone())),
        );
        env.extend(
            service.environment().into_iter().filter_map(|(_, v)| {
                Some((v.key.clone(), project.interpolate(v.value.as_deref()?)?))
            }),
        );
        // A variable passed from the host (`- PORT`, `PORT: ${PORT}`) is set, to a value the
        // files do not tell.
        for (_, v) in service.environment() {
            env.entry(v.key.clone()).or_default();
        }
        let gunicorn_config = self.may_configure_gunicorn(service);
        let mut out = Vec::new();
        let mut from_command = false;
        // The words the container is started with, as far as the files tell.
        let mut start: Vec<String> = Vec::new();
        for (part, spec) in [service.entrypoint(), service.command()]
            .into_iter()
            .flatten()
        {
            let words: Vec<String> = spec
                .split_words()
                .into_iter()
                .map(|w| project.interpolate(&w).unwrap_or(w))
                .collect();
            start.extend(words.iter().cloned());
            if let Some(l) = server_listen(&words, &env, gunicorn_config) {
                from_command = true;
                out.push(Listen {
                    port: l.0,
                    host: l.1,
                    host_is_default: l.2,
                    place: part.place(spec.range.clone()),
                    source: "its compose command".into(),
                    from_command: true,
                    host_edit: command_bind_edit(&spec.raw, spec.range.start, l.2, l.0),
                });
            }
        }
        if !from_command {
            if let Some((file, df, stage)) = built {
                let from_image = start.is_empty();
                for keyword in ["ENTRYPOINT", "CMD"] {
                    if let Some(i) = df.last_in(stage, keyword) {
                        if from_image {
                            start.extend(i.words());
                        }
                        if let Some(l) = server_listen(&i.words(), &env, gunicorn_config) {
                            from_command = true;
                            // A CMD under an ENTRYPOINT script is the script's arguments
                            // (`ENTRYPOINT ["docker-entrypoint.sh"]`, `CMD ["gunicorn"]`): the
                            // script decides how the server starts, so a bind the CMD does not
                            // write is not known.
                            let script_decides = keyword == "CMD"
                                && l.2
                                && df
                                    .last_in(stage, "ENTRYPOINT")
                                    .is_some_and(|e| e.words().iter().any(|w| w.ends_with(".sh")));
                            if script_decides {
                                continue;
                            }
                            out.push(Listen {
                                port: l.0,
                                host: l.1,
                                host_is_default: l.2,
                                place: Place {
                                    file: file.display.clone(),
                                    range: i.range.clone(),
                                },
                                source: format!("its Dockerfile {keyword}"),
                                from_command: true,
                                // A CMD under an ENTRYPOINT is that program's arguments
                                // (often a script's): no edit is sure to reach the server.
                                host_edit: i
                                    .args_written_at
                                    .filter(|_| {
                                        keyword == "ENTRYPOINT"
                                            || df.last_in(stage, "ENTRYPOINT").is_none()
                                    })
                                    .and_then(|at| command_bind_edit(&i.args, at, l.2, l.0)),
                            });
                        }
                    }
                }
            }
        }
        if !from_command {
            if let Some((context, _)) = service.build_paths() {
                // The code files below the build context, in project order.
                let mut below: Vec<usize> = self
                    .index
                    .listen_files
                    .range(context.clone()..)
                    .take_while(|(path, _)| path.starts_with(&context))
                    .flat_map(|(_, files)| files.iter().copied())
                    .collect();
                below.sort_unstable();
                for f in below.into_iter().map(|i| &self.project.files[i]) {
                    let path = normalize(&f.path);
                    let Ok(relative) = path.strip_prefix(&context) else {
                        continue;
                    };
                    // A Python server call (`app.run`, `uvicorn.run`) runs only in the script
                    // Python is started with: when the container's start is known, it counts
                    // only if that start runs its file.
                    if f.kind == FileKind::Py
                        && !start.is_empty()
                        && !runs_python_file(&start, relative)
                    {
                        continue;
                    }
                    for fact in &f.facts.listens {
                        let port = fact.port.or_else(|| {
                            fact.port_env
                                .as_ref()
                                .and_then(|e| env.get(e))
                                .and_then(|v| v.parse().ok())
                                .or(fact.port_fallback)
                        });
                        // The container's environment decides a host read from it.
                        let from_env = fact
                            .host_env
                            .as_ref()
                            .and_then(|e| env.get(e))
                            .filter(|v| !v.is_empty());
                        out.push(Listen {
                            port,
                            host: from_env.or(fact.host.as_ref()).cloned(),
                            host_is_default: fact.host_is_default && from_env.is_none(),
                            place: Place {
                                file: f.display.clone(),
                                range: fact.range.clone(),
                            },
                            source: match (&fact.host_env, from_env) {
                                (Some(var), Some(_)) => format!(
                                    "`{}` in {}, with `{var}` from the container's environment",
                                    fact.call, f.display
                                ),
                                _ => format!("`{}` in {}", fact.call, f.display),
                            },
                            from_command: false,
                            host_edit: fact.host_edit.clone().filter(|_| from_env.is_none()),
                        });
                    }
                }
            }
        }
        out
    }

    /// The words a service's container starts with, as far as the files tell, with where
    /// the last of them is written: the compose `entrypoint` and `command` when it sets
    /// either, else the built image's `ENTRYPOINT` and `CMD`. `None` when neither is known.
    pub fn start_command(&self, service: &MergedService<'_>) -> Option<(Vec<String>, Place)> {
        let project = &self.compose[service.project];
        let mut words = Vec::new();
        let mut place = None;
        for (part, spec) in [service.entrypoint(), service.command()]
            .into_iter()
            .flatten()
        {
            words.extend(
                spec.split_words()
                    .into_iter()
                    .map(|w| project.interpolate(&w).unwrap_or(w)),
            );
            place = Some(part.place(spec.range.clone()));
        }
        if place.is_none() {
            let (file, df, stage) = self.built_stage(service)?;
            for keyword in ["ENTRYPOINT", "CMD"] {
                if let Some(i) = df.last_in(stage, keyword) {
                    words.extend(i.words());
                    place = Some(Place {
                        file: file.display.clone(),
                        range: i.range.clone(),
                    });
                }
            }
        }
        place.map(|p| (words, p))
    }

    /// The project files below a service's build context, in project order, with their
    /// paths relative to it. Empty for a service that builds nothing here.
    pub fn build_context_files(
        &self,
        service: &MergedService<'_>,
    ) -> Vec<(&'p ProjectFile, PathBuf)> {
        let Some((context, _)) = service.build_paths() else {
            return Vec::new();
        };
        self.project
            .files
            .iter()
            .filter_map(|f| {
                let relative = normalize(&f.path)
                    .strip_prefix(&context)
                    .ok()?
                    .to_path_buf();
                Some((f, relative))
            })
            .collect()
    }

    /// True unless the service is built here and its build context holds no
    /// `gunicorn.conf.py`, the file gunicorn reads from its working directory (an image
    /// built elsewhere may carry one, or set `GUNICORN_CMD_ARGS`).
    fn may_configure_gunicorn(&self, service: &MergedService<'_>) -> bool {
        let Some((context, _)) = service.build_paths() else {
            return true;
        };
        if self.built_stage(service).is_none() {
            return true;
        }
        self.project.files.iter().any(|f| {
            f.path.file_name().is_some_and(|n| n == "gunicorn.conf.py")
                && normalize(&f.path).starts_with(&context)
        })
    }

    /// Ports the container's start command binds, when it names its bind (a host and a
    /// port, written or the server's default): what the process binds, which decides over
    /// what compose or the Dockerfile documents (`expose`, `EXPOSE`, `ports`).
    pub fn command_bound_ports(&self, service: &MergedService<'_>) -> Vec<(u16, Place, String)> {
        self.listens(service)
            .iter()
            .filter(|l| l.from_command && l.host.is_some())
            .filter_map(|l| Some((l.port?, l.place.clone(), l.source.clone())))
            .collect()
    }

    /// Ports the service is known to listen on or declare, with where each is said.
    pub fn known_ports(&self, service: &MergedService<'_>) -> Vec<(u16, Place, String)> {
        let project = &self.compose[service.project];
        let mut out = Vec::new();
        for p in &service.parts {
            for e in &p.service.expose {
                let value = project
                    .interpolate(&e.value)
                    .unwrap_or_else(|| e.value.clone());
                for port in port_list(value.split('/').next().unwrap_or("")) {
                    out.push((port, p.place(e.range.clone()), "`expose`".to_string()));
                }
            }
        }
        for (p, e) in service.ports() {
            let target = project
                .interpolate(&e.target)
                .unwrap_or_else(|| e.target.clone());
            for port in port_list(&target) {
                out.push((
                    port,
                    p.place(e.range.clone()),
                    "the container side of `ports`".to_string(),
                ));
            }
        }
        if let Some((file, df, stage)) = self.built_stage(service) {
            for (port, range) in df.exposed_ports_in(stage) {
                out.push((
                    port,
                    Place {
                        file: file.display.clone(),
                        range,
                    },
                    "its Dockerfile EXPOSE".to_string(),
                ));
            }
        }
        for l in self.listens(service) {
            if let Some(port) = l.port {
                out.push((port, l.place.clone(), l.source.clone()));
            }
        }
        out
    }
}

/// Compose files named in another's `include:`: normalised path → (the first file that
/// includes it, the file). A file that includes itself, directly or in a cycle, keeps its
/// own project.
fn included_files<'p>(files: &[&'p ProjectFile]) -> BTreeMap<PathBuf, (PathBuf, &'p ProjectFile)> {
    let by_path: BTreeMap<PathBuf, &'p ProjectFile> =
        files.iter().map(|f| (normalize(&f.path), *f)).collect();
    let mut included: BTreeMap<PathBuf, (PathBuf, &'p ProjectFile)> = BTreeMap::new();
    for f in files {
        let Some(model) = f.facts.compose.as_ref() else {
            continue;
        };
        let own = normalize(&f.path);
        let dir = f.path.parent().map(Path::to_path_buf).unwrap_or_default();
        for include in model.includes.iter().flat_map(|i| i.paths.iter()) {
            let path = normalize(&dir.join(&include.value));
            if path == own {
                continue;
            }
            if let Some(target) = by_path.get(&path) {
                included.entry(path).or_insert((own.clone(), *target));
            }
        }
    }
    // A cycle has no root to join: its files stay projects of their own.
    let in_cycle: Vec<PathBuf> = included
        .keys()
        .filter(|start| {
            let mut seen = BTreeSet::new();
            let mut current = (*start).clone();
            while let Some((by, _)) = included.get(&current) {
                if !seen.insert(current.clone()) {
                    return true;
                }
                current = by.clone();
            }
            false
        })
        .cloned()
        .collect();
    for path in in_cycle {
        included.remove(&path);
    }
    included
}

/// Compose files of a directory in the order `docker compose` merges them: the base file,
/// then the override, then other overlays by name.
/// True for a compose file Compose does not merge by itself (`docker-compose.prod.yml`,
/// `compose.integration.yaml`; not the base `compose.yaml`/`docker-compose.yml` nor an
/// `*.override.*`) that defines each of its services completely — an `image`, a `build` or an
/// `extends` for every one — and refers to no service outside itself (`depends_on`,
/// `network_mode: service:`). Such a file is started alone with `-f`, a deployment of its own.
/// A variant that only adds to services (a `restart:`, an `environment:`, a published port)
/// is an overlay on the base and is merged with it.
fn is_own_deployment(file: &ProjectFile) -> bool {
    if merge_rank(&file.path).0 < 2 {
        return false;
    }
    let Some(model) = file.facts.compose.as_ref() else {
        return false;
    };
    let defined = |name: &str| model.services.iter().any(|s| s.name == name);
    !model.services.is_empty()
        && model.services.iter().all(|s| {
            (s.image.is_some() || s.build.is_some() || s.extends.is_some())
                && s.depends_on.iter().all(|d| defined(&d.service))
                && s.network_mode
                    .as_ref()
                    .and_then(|m| m.value.strip_prefix("service:"))
                    .is_none_or(defined)
                && s.extends
                    .as_ref()
                    .is_none_or(|e| e.file.is_some() || defined(&e.service))
        })
}

fn merge_rank(path: &Path) -> (u8, String) {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_string();
    let rank = match name.as_str() {
        "compose.yaml" | "compose.yml" | "docker-compose.yml" | "docker-compose.yaml" => 0,
        n if n.contains(".override.") => 1,
        _ => 2,
    };
    (rank, name)
}

/// True for a file whose name marks it as the production deployment:
/// `docker-compose.prod.yml`, `compose.production.yaml`, `Dockerfile.prod`,
/// `prod.Dockerfile`, `.env.production`. Beside such a file, the plain `docker-compose.yml`
/// is the development stack.
pub fn names_production(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    name.split(['.', '-', '_'])
        .any(|word| word == "prod" || word == "production")
}

impl<'p> Topology<'p> {
    /// The parts of a service written in a compose file named for production (see
    /// `names_production`): what the deployment itself sets. Empty for a service of a
    /// stack with no production file, which is not known to be a deployment.
    pub fn production_parts(&self, service: &MergedService<'p>) -> Vec<Part<'p>> {
        service
            .parts
            .iter()
            .filter(|p| names_production(&p.file.path))
            .copied()
            .collect()
    }
}

/// Docker's normalisation of a directory name into a project name.
pub fn normalize_project_name(dir: &str) -> String {
    let lowered: String = dir
        .to_ascii_lowercase()
        .chars()
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_' || *c == '-')
        .collect();
    lowered.trim_start_matches(['_', '-']).to_string()
}

pub use crate::root::normalize;

/// `8000`, `8000-8002` → the ports (ranges capped at 1024 entries).
pub fn port_list(text: &str) -> Vec<u16> {
    let text = text.trim();
    if let Some((a, b)) = text.split_once('-') {
        if let (Ok(a), Ok(b)) = (a.trim().parse::<u16>(), b.trim().parse::<u16>()) {
            if a <= b && b - a < 1024 {
                return (a..=b).collect();
            }
        }
        return Vec::new();
    }
    text.parse::<u16>().ok().into_iter().collect()
}

/// Splits `host:port` / `[v6]:port` / `port`.
fn split_bind(bind: &str) -> (Option<String>, Option<u16>) {
    let bind = bind
        .trim_start_matches("tcp://")
        .trim_start_matches("http://");
    if let Some(rest) = bind.strip_prefix('[') {
        let close = rest.find(']').unwrap_or(rest.len());
        let host = rest[..close].to_string();
        let port = rest.get(close + 2..).and_then(|p| p.parse().ok());
        return (Some(host), port);
    }
    match bind.rsplit_once(':') {
        Some((h, p)) => (
            Some(h.to_string()).filter(|h| !h.is_empty()),
            p.parse().ok(),
        ),
        None => match bind.parse::<u16>() {
            Ok(p) => (None, Some(p)),
            Err(_) => (Some(bind.to_string()), None),
        },
    }
}

fn option_value(words: &[String], names: &[&str]) -> Option<String> {
    for (i, w) in words.iter().enumerate() {
        for n in names {
            if w == n {
                return words.get(i + 1).cloned();
            }
            if let Some(v) = w.strip_prefix(&format!("{n}=")) {
                return Some(v.to_string());
            }
        }
    }
    None
}

/// Where a known server command listens: (port, host, host is the server's default).
/// `None` when the command is not a server backlint knows. `gunicorn_config`: a
/// `gunicorn.conf.py` or options the files do not show may set gunicorn's bind.
pub fn server_listen(
    words: &[String],
    env: &BTreeMap<String, String>,
    gunicorn_config: bool,
) -> Option<(Option<u16>, Option<String>, bool)> {
    // Commands run through a shell: `sh -c "..."` → split the script too.
    let mut flat: Vec<String> = Vec::new();
    for w in words {
        flat.extend(
            w.split_whitespace()
                .map(|s| s.trim_matches(|c| c == '"' || c == '\'').to_string()),
        );
    }
    let words = flat;
    let has = |w: &str| {
        words
            .iter()
            .any(|x| x == w || x.ends_with(&format!("/{w}")))
    };
    if has("runserver") {
        let at = words.iter().position(|w| w == "runserver")?;
        let addr = words
            .get(at + 1)
            .filter(|w| !w.starts_with('-') && !w.starts_with("&&") && *w != "&&" && *w != ";");
        return Some(match addr {
            Some(a) => {
                let (host, port) = split_bind(a);
                let host_given = host.is_some();
                // A port the files do not resolve (`0.0.0.0:$PORT`) is unknown, not 8000.
                let unresolved = a.contains('$');
                (
                    port.or((!unresolved).then_some(8000)),
                    host.or(Some("127.0.0.1".into())),
                    !host_given,
                )
            }
            None => (Some(8000), Some("127.0.0.1".into()), true),
        });
    }
    if has("gunicorn") {
        if option_value(&words, &["-c", "--config"]).is_some() {
            return Some((None, None, true));
        }
        // GUNICORN_CMD_ARGS holds command-line options read before the command line's own.
        let env_args: Vec<String> = env
            .get("GUNICORN_CMD_ARGS")
            .map(|a| a.split_whitespace().map(str::to_string).collect())
            .unwrap_or_default();
        let bind = option_value(&words, &["-b", "--bind"])
            .or_else(|| option_value(&env_args, &["-b", "--bind"]));
        return Some(match bind {
            Some(bind) => {
                let (host, port) = split_bind(&bind);
                (port, host, false)
            }
            // With PORT in its environment gunicorn binds 0.0.0.0:$PORT.
            None => match env.get("PORT") {
                Some(port) => (port.parse().ok(), Some("0.0.0.0".into()), true),
                // Otherwise 127.0.0.1:8000, unless a gunicorn.conf.py or arguments the files
                // do not show may say otherwise: then the host is not asserted.
                None if gunicorn_config || env.contains_key("GUNICORN_CMD_ARGS") => {
                    (Some(8000), None, true)
                }
                None => (Some(8000), Some("127.0.0.1".into()), true),
            },
        });
    }
    for server in ["uvicorn", "hypercorn", "daphne", "flask"] {
        if !has(server) {
            continue;
        }
        if server == "flask" && !words.iter().any(|w| w == "run") {
            continue;
        }
        if server == "hypercorn" || server == "daphne" {
            if let Some(bind) = option_value(&words, &["-b", "--bind"]) {
                let (host, port) = split_bind(&bind);
                return Some((
                    port.or_else(|| {
                        option_value(&words, &["-p", "--port"]).and_then(|p| p.parse().ok())
                    }),
                    host,
                    false,
                ));
            }
        }
        let default_port = if server == "flask" { 5000 } else { 8000 };
        let port_var = if server == "flask" {
            "FLASK_RUN_PORT"
        } else {
            "UVICORN_PORT"
        };
        // A port given in a form the files do not resolve (`--port $PORT`, a variable passed
        // from the host) is unknown rather than the default.
        let port = match option_value(&words, &["--port", "-p"]) {
            Some(p) => p.parse().ok(),
            None => match env.get(port_var) {
                Some(p) => p.parse().ok(),
                None => Some(default_port),
            },
        };
        let host = option_value(&words, &["--host", "-h"]);
        let host_is_default = host.is_none();
        let host = host.or_else(|| {
            // `flask run` reads FLASK_RUN_HOST; uvicorn reads UVICORN_HOST.
            let var = if server == "flask" {
                "FLASK_RUN_HOST"
            } else {
                "UVICORN_HOST"
            };
            env.get(var).filter(|v| !v.is_empty()).cloned()
        });
        let host_is_default = host_is_default && host.is_none();
        return Some((port, host.or(Some("127.0.0.1".into())), host_is_default));
    }
    None
}

/// True when a start command runs the Python file at `relative` (a path in the build
/// context): `python app.py`, `python /srv/app/serve.py`, `python -m pkg.main`.
fn runs_python_file(start: &[String], relative: &Path) -> bool {
    let words: Vec<&str> = start
        .iter()
        .flat_map(|w| w.split_whitespace())
        .map(|w| w.trim_matches(|c| c == '"' || c == '\''))
        .collect();
    words.iter().enumerate().any(|(i, w)| {
        if let Some(script) = w.strip_suffix(".py").map(|_| *w) {
            let script = Path::new(script.trim_start_matches("./").trim_start_matches('/'));
            return !script.as_os_str().is_empty()
                && (Path::new(w).ends_with(relative) || relative.ends_with(script));
        }
        if *w == "-m" {
            if let Some(module) = words.get(i + 1) {
                let base = module.replace('.', "/");
                return relative.ends_with(format!("{base}.py"))
                    || relative.ends_with(format!("{base}/__main__.py"));
            }
        }
        false
    })
}

/// The edit of a start command that binds all interfaces instead of loopback, from the
/// command as written (`raw`, which starts at `base` in its file): the loopback host
/// replaced by `0.0.0.0` when the command writes it (`--host 127.0.0.1`,
/// `-b localhost:8000`), or, when the server binds loopback by default, its address added
/// after the server's word (`runserver 0.0.0.0:8000`, `uvicorn --host 0.0.0.0`,
/// `gunicorn -b 0.0.0.0:8000`, `flask run --host 0.0.0.0`). A string (shell form, YAML
/// string) or a one-line list (exec form, YAML flow list); `None` for anything else (a
/// block list, a value with escapes, a host written more than once).
pub fn command_bind_edit(
    raw: &str,
    base: usize,
    host_is_default: bool,
    port: Option<u16>,
) -> Option<(Range<usize>, String)> {
    let listed = raw.starts_with('[');
    if raw.contains('\\') || raw.contains('\n') && listed {
        return None;
    }
    // The words with their spans in `raw`, and the quote a list item is written with.
    let mut words: Vec<(Range<usize>, Option<char>)> = Vec::new();
    let (body_start, body_end) = match raw.chars().next() {
        // A YAML flow list's span may end at its last item, before the `]`.
        Some('[') => (1, raw.rfind(']').unwrap_or(raw.len())),
        Some(q @ ('"' | '\'')) if raw.len() > 1 && raw.ends_with(q) => (1, raw.len() - 1),
        Some('-') | None => return None,
        _ => (0, raw.len()),
    };
    let body = &raw[..body_end];
    let mut at = body_start;
    while at < body_end {
        let c = body[at..].chars().next()?;
        if c.is_whitespace() || listed && c == ',' {
            at += c.len_utf8();
            continue;
        }
        if listed && (c == '"' || c == '\'') {
            let close = at + 1 + body[at + 1..].find(c)?;
            words.push((at + 1..close, Some(c)));
            at = close + 1;
            continue;
        }
        let end = body[at..]
            .find(|ch: char| ch.is_whitespace() || listed && ch == ',')
            .map_or(body_end, |i| at + i);
        words.push((at..end, None));
        at = end;
    }
    if !host_is_default {
        let hosts: Vec<usize> = ["127.0.0.1", "localhost"]
            .iter()
            .flat_map(|h| raw.match_indices(h).map(|(i, _)| i))
            .collect();
        let [host_at] = hosts.as_slice() else {
            return None;
        };
        let host_len = if raw[*host_at..].starts_with("localhost") {
            "localhost".len()
        } else {
            "127.0.0.1".len()
        };
        // The host stands alone in its word, after `=` or before `:PORT`.
        let (word, _) = words
            .iter()
            .find(|(w, _)| w.start <= *host_at && host_at + host_len <= w.end)?;
        let before = &raw[word.start..*host_at];
        let after = &raw[host_at + host_len..word.end];
        let word_text = &raw[word.clone()];
        let inside_script = word_text.contains(' ');
        let starts_ok = before.is_empty()
            || before.ends_with('=')
            || before.ends_with("//")
            || inside_script && before.ends_with(' ');
        let ends_ok =
            after.is_empty() || after.starts_with(':') || inside_script && after.starts_with(' ');
        if !starts_ok || !ends_ok {
            return None;
        }
        let start = base + host_at;
        return Some((start..start + host_len, "0.0.0.0".to_string()));
    }
    let text_of = |w: &Range<usize>| &raw[w.clone()];
    let is = |w: &Range<usize>, name: &str| {
        let t = text_of(w);
        t == name || t.ends_with(&format!("/{name}"))
    };
    let port = port.unwrap_or(8000);
    let (after_word, added): (usize, Vec<String>) =
        if let Some(at) = words.iter().position(|(w, _)| is(w, "runserver")) {
            // `runserver 8000`: the host goes before the port.
            if let Some((next, _)) = words.get(at + 1) {
                if text_of(next).bytes().all(|b| b.is_ascii_digit()) && !text_of(next).is_empty() {
                    let start = base + next.start;
                    return Some((start..start, "0.0.0.0:".to_string()));
                }
            }
            (at, vec![format!("0.0.0.0:{port}")])
        } else if let Some(at) = words.iter().position(|(w, _)| is(w, "uvicorn")) {
            (at, vec!["--host".to_string(), "0.0.0.0".to_string()])
        } else if let Some(at) = words.iter().position(|(w, _)| is(w, "gunicorn")) {
            (at, vec!["-b".to_string(), format!("0.0.0.0:{port}")])
        } else if let Some(at) = words
            .iter()
            .position(|(w, _)| is(w, "flask"))
            .and_then(|f| {
                words[f..]
                    .iter()
                    .position(|(w, _)| text_of(w) == "run")
                    .map(|r| f + r)
            })
        {
            (at, vec!["--host".to_string(), "0.0.0.0".to_string()])
        } else {
            return None;
        };
    let (word, quote) = &words[after_word];
    let content = match quote {
        Some(q) => added
            .iter()
            .map(|a| format!(", {q}{a}{q}"))
            .collect::<String>(),
        None => added.iter().map(|a| format!(" {a}")).collect::<String>(),
    };
    let end = base + word.end + usize::from(quote.is_some());
    Some((end..end, content))
}

/// Facts-level helper for the rules: true for loopback host names.
pub fn is_loopback(host: &str) -> bool {
    matches!(host, "127.0.0.1" | "localhost" | "::1" | "ip6-localhost") || host.starts_with("127.")
}

/// A `reverse_proxy` upstream of a Caddyfile, resolved as far as the files allow.
#[derive(Debug, Clone)]
pub struct Upstream {
    pub host: String,
    pub port: u16,
    /// The token as written.
    pub written: String,
    pub place: Place,
}

impl Upstream {
    /// The byte ranges of the host and of the port (empty, just after the host, when the
    /// port is not written) in the Caddyfile, when the token is written plainly as it is
    /// read: not quoted, no placeholder, so that an edit of those bytes changes just them.
    fn spans(&self) -> Option<(Range<usize>, Range<usize>)> {
        let range = &self.place.range;
        if range.len() != self.written.len() || self.written.contains('{') {
            return None;
        }
        let host_start = self.written.find("://").map_or(0, |i| i + 3);
        let rest = self.written.get(host_start..)?;
        let host_len = rest.find([':', '/']).unwrap_or(rest.len());
        if rest.get(..host_len)? != self.host {
            return None;
        }
        let after_host = &rest[host_len..];
        let port_len = match after_host.strip_prefix(':') {
            Some(port) => {
                let digits = port.find('/').unwrap_or(port.len());
                if port.get(..digits)?.parse::<u16>().ok()? != self.port {
                    return None;
                }
                digits + 1
            }
            None => 0,
        };
        let host = range.start + host_start..range.start + host_start + host_len;
        Some((host.clone(), host.end..host.end + port_len))
    }

    /// The range of the host as written, to replace it with another name.
    pub fn host_range(&self) -> Option<Range<usize>> {
        self.spans().map(|(host, _)| host)
    }

    /// The edit that makes the upstream's port `port`: the range of `:port` as written (empty
    /// when the port is implied by the scheme) and its replacement.
    pub fn port_edit(&self, port: u16) -> Option<(Range<usize>, String)> {
        self.spans()
            .map(|(_, written)| (written, format!(":{port}")))
    }
}

impl<'p> Topology<'p> {
    /// The compose service that runs this Caddyfile: the one that mounts it, the one whose
    /// image copies it in (`COPY Caddyfile /etc/caddy/Caddyfile`), or the only Caddy service
    /// of the nearest compose project beside or above it that mounts or copies no Caddyfile
    /// of its own. `None` when that cannot be told: a Caddyfile that merely sits in a build
    /// context is not that image's configuration.
    /// A file that Caddyfiles import is judged as part of the Caddyfile that imports it,
    /// directly or through others.
    pub fn caddy_owner(&self, caddyfile: &ProjectFile) -> Option<&MergedService<'p>> {
        let path = self.caddy_root(caddyfile);
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        // The first service that mounts the file, or its directory into a Caddy directory.
        let of_file = self.index.mounts.get(&path).into_iter().flatten();
        let of_dir = self.index.mounts.get(&dir).into_iter().flatten();
        let mounting = of_file
            .map(|(s, _)| *s)
            .chain(of_dir.filter(|(_, caddy)| *caddy).map(|(s, _)| *s))
            .min();
        if let Some(s) = mounting {
            return Some(&self.services[s]);
        }
        // The first service whose image copies it, among those built from a directory
        // above it.
        let mut built_above: Vec<usize> = path
            .ancestors()
            .filter_map(|d| self.index.contexts.get(d))
            .flatten()
            .copied()
            .collect();
        built_above.sort_unstable();
        if let Some(s) = built_above
            .into_iter()
            .map(|i| &self.services[i])
            .find(|s| self.image_copies(s, &path))
        {
            return Some(s);
        }
        let mut current = Some(dir.as_path());
        while let Some(d) = current {
            let candidates: Vec<&MergedService<'p>> = self
                .index
                .projects_by_dir
                .get(d)
                .into_iter()
                .flatten()
                .flat_map(|i| self.services_of(*i))
                .filter(|s| s.is_caddy(self) && !self.has_own_caddy_config(s))
                .collect();
            match candidates.len() {
                0 => {}
                1 => return Some(candidates[0]),
                _ => return None,
            }
            current = d.parent();
        }
        None
    }

    /// True when the image a service builds copies `path`, a file of its build context:
    /// `COPY Caddyfile /etc/caddy/Caddyfile`, a directory holding it copied into a Caddy
    /// directory (`COPY caddy/ /etc/caddy/`), or `COPY --from=<stage>` of the file from a
    /// stage that copied the build context (`/app/deploy/Caddyfile` for `deploy/Caddyfile`).
    pub fn image_copies(&self, service: &MergedService<'_>, path: &Path) -> bool {
        let Some((context, _)) = service.build_paths() else {
            return false;
        };
        let Ok(relative) = path.strip_prefix(&context) else {
            return false;
        };
        let Some((_, dockerfile, index)) = self.built_stage(service) else {
            return false;
        };
        dockerfile
            .lineage(index)
            .into_iter()
            .flat_map(|stage| stage.instructions.iter())
            .filter_map(|i| i.copy_args())
            .any(|copy| {
                copy.sources.iter().any(|source| match &copy.from {
                    None => {
                        let source = normalize(&context.join(source.trim_start_matches('/')));
                        source == path
                            || (path.starts_with(&source)
                                && copy.dest.to_ascii_lowercase().contains("caddy"))
                    }
                    Some(_) => {
                        !relative.as_os_str().is_empty() && Path::new(source).ends_with(relative)
                    }
                })
            })
    }

    /// False when the files say a service's container cannot hold `path`, a file below its
    /// build context: no stage of its Dockerfile copies it (each `COPY`/`ADD` from the context
    /// names other files or directories: `COPY docker/collector/config.yaml /etc/…`) and no
    /// bind mount of the service brings it in. True when the service builds nothing here,
    /// its Dockerfile is not in the project, or a copy writes a pattern or a variable.
    pub fn container_may_hold(&self, service: &MergedService<'_>, path: &Path) -> bool {
        let Some((context, _)) = service.build_paths() else {
            return true;
        };
        let Some((_, dockerfile)) = self.dockerfile_of(service) else {
            return true;
        };
        let path = normalize(path);
        let mounted = service.parts.iter().any(|p| {
            p.service.volumes.iter().any(|m| {
                (m.source.starts_with('.') || m.source.starts_with('/'))
                    && path.starts_with(normalize(&p.dir().join(&m.source)))
            })
        });
        if mounted {
            return true;
        }
        dockerfile
            .stages
            .iter()
            .flat_map(|stage| stage.instructions.iter())
            .filter_map(|i| i.copy_args())
            .filter(|copy| copy.from.is_none())
            .any(|copy| {
                copy.sources.iter().any(|source| {
                    source.contains(['*', '?', '[', '$'])
                        || path
                            .starts_with(normalize(&context.join(source.trim_start_matches('/'))))
                })
            })
    }

    /// True when a service is given a Caddy configuration of its own: a Caddyfile or a
    /// `/etc/caddy` directory mounted from the project, or copied into its image.
    pub fn has_own_caddy_config(&self, service: &MergedService<'_>) -> bool {
        let is_config = |target: &str| {
            let t = target.to_ascii_lowercase();
            t.starts_with("/etc/caddy") || t.contains("caddyfile")
        };
        let mounted = service.parts.iter().any(|p| {
            p.service.volumes.iter().any(|m| {
                (m.source.starts_with('.') || m.source.starts_with('/')) && is_config(&m.target)
            })
        });
        mounted
            || self.built_stage(service).is_some_and(|(_, d, i)| {
                d.lineage(i)
                    .into_iter()
                    .flat_map(|stage| stage.instructions.iter())
                    .filter_map(|i| i.copy_args())
                    .any(|c| is_config(&c.dest) || c.sources.iter().any(|s| is_config(s)))
            })
    }

    /// True when the service that runs a Caddyfile also runs the app: its image is not a
    /// Caddy image and its command does not start Caddy alone (an all-in-one image whose
    /// CMD starts Caddy next to the app server). `localhost` upstreams are then the app.
    pub fn caddy_beside_app(&self, owner: &MergedService<'_>) -> bool {
        if owner.is_caddy(self) {
            return false;
        }
        if self.built_stage(owner).is_none()
            && owner
                .image()
                .is_none_or(|i| image_name(&i).contains("caddy"))
        {
            return false;
        }
        let first_word = |words: Vec<String>| words.first().cloned().unwrap_or_default();
        let command = match owner.entrypoint().or_else(|| owner.command()) {
            Some((_, spec)) => first_word(spec.split_words()),
            None => self
                .built_stage(owner)
                .and_then(|(_, d, i)| d.last_in(i, "ENTRYPOINT").or_else(|| d.last_in(i, "CMD")))
                .map(|i| first_word(i.words()))
                .unwrap_or_default(),
        };
        !(command == "caddy" || command.ends_with("/caddy"))
    }

    /// The Caddyfile Caddy is started with that reads this one: following `import`s back to
    /// a file that no other imports (the first importer in path order at each step). The
    /// file's own normalised path when nothing imports it.
    pub fn caddy_root(&self, caddyfile: &ProjectFile) -> PathBuf {
        let mut current = normalize(&caddyfile.path);
        let mut seen = BTreeSet::new();
        while seen.insert(current.clone()) {
            match self.index.caddy_importer.get(&current) {
                Some(f) => {
                    let next = normalize(&f.path);
                    if seen.contains(&next) {
                        break;
                    }
                    current = next;
                }
                None => break,
            }
        }
        current
    }

    /// The upstreams of every `reverse_proxy` in a Caddyfile. Placeholders are resolved from
    /// the `.env` beside the Caddyfile (or beside the Caddyfile that imports it) and the
    /// Caddy service's environment; upstreams that stay dynamic are left out.
    pub fn upstreams(
        &self,
        file: &ProjectFile,
        owner: Option<&MergedService<'_>>,
    ) -> Vec<Upstream> {
        let Some(caddy) = &file.facts.caddy else {
            return Vec::new();
        };
        let dir = file.path.parent().map(normalize).unwrap_or_default();
        let root = self.caddy_root(file);
        let root_dir = root.parent().map(Path::to_path_buf).unwrap_or_default();
        let env_files = |d: &PathBuf| self.index.env_files_by_dir.get(d).into_iter().flatten();
        let mut beside: Vec<&'p ProjectFile> = env_files(&dir).copied().collect();
        if root_dir != dir {
            beside.extend(env_files(&root_dir).copied());
            beside.sort_by(|a, b| a.path.cmp(&b.path));
        }
        let mut vars: BTreeMap<String, String> = beside
            .into_iter()
            .flat_map(|f| f.facts.env.iter().flat_map(|e| e.entries.iter()))
            .map(|e| (e.key.clone(), e.value.clone()))
            .collect();
        if let Some(owner) = owner {
            let project = &self.compose[owner.project];
            for (_, v) in owner.environment() {
                if let Some(value) = v.value.as_deref().and_then(|x| project.interpolate(x)) {
                    vars.insert(v.key.clone(), value);
                }
            }
        }
        let mut out = Vec::new();
        for (_, directive) in caddy.directives() {
            let tokens: Vec<&crate::lang::caddyfile::Token> = match directive.name.text.as_str() {
                "reverse_proxy" => {
                    let mut args: Vec<_> = directive.args.iter().collect();
                    if args.first().is_some_and(|a| {
                        !a.quoted
                            && (a.text == "*" || a.text.starts_with('/') || a.text.starts_with('@'))
                    }) {
                        args.remove(0);
                    }
                    args
                }
                "to" => directive.args.iter().collect(),
                _ => continue,
            };
            // `to` only counts inside a reverse_proxy block.
            if directive.name.text == "to" && !is_inside_reverse_proxy(caddy, directive) {
                continue;
            }
            for token in tokens {
                if let Some((host, port)) = parse_upstream(&token.text, &vars) {
                    out.push(Upstream {
                        host,
                        port,
                        written: token.text.clone(),
                        place: Place {
                            file: file.display.clone(),
                            range: token.range.clone(),
                        },
                    });
                }
            }
        }
        out
    }
}

fn is_inside_reverse_proxy(
    caddy: &crate::lang::caddyfile::Caddyfile,
    target: &crate::lang::caddyfile::Directive,
) -> bool {
    caddy.directives().iter().any(|(_, d)| {
        d.name.text == "reverse_proxy"
            && d.block
                .as_ref()
                .is_some_and(|b| b.iter().any(|inner| inner.name.range == target.name.range))
    })
}

/// Replaces `{$VAR}` / `{$VAR:default}`; `None` when a variable has no value.
fn expand_env_placeholders(text: &str, vars: &BTreeMap<String, String>) -> Option<String> {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("{$") {
        out.push_str(&rest[..at]);
        let inner = &rest[at + 2..];
        let close = inner.find('}')?;
        let expr = &inner[..close];
        let (name, default) = match expr.split_once(':') {
            Some((n, d)) => (n, Some(d)),
            None => (expr, None),
        };
        match vars.get(name).filter(|v| !v.is_empty()) {
            Some(v) => out.push_str(v),
            None => out.push_str(default?),
        }
        rest = &inner[close + 1..];
    }
    out.push_str(rest);
    Some(out)
}

/// `web:8000`, `http://web`, `https://api:8443`, `{$API:web:8000}` → host and port.
pub fn parse_upstream(token: &str, vars: &BTreeMap<String, String>) -> Option<(String, u16)> {
    let text = expand_env_placeholders(token, vars)?;
    if text.contains('{') || text.starts_with("unix/") || text.contains("srv+") {
        return None;
    }
    let (scheme, rest) = match text.split_once("://") {
        Some((s, r)) => (s.to_ascii_lowercase(), r),
        None => (String::new(), text.as_str()),
    };
    let rest = rest.split('/').next().unwrap_or("");
    let default_port = if scheme == "https" { 443 } else { 80 };
    if rest.starts_with('[') {
        return None;
    }
    let (host, port) = match rest.rsplit_once(':') {
        Some((h, p)) => (h, p.parse::<u16>().ok()?),
        None => (rest, default_port),
    };
    if host.is_empty() {
        return None;
    }
    Some((host.to_string(), port))
}

/// True for a host that names a container: one label, not an address.
pub fn is_service_like_host(host: &str) -> bool {
    !host.contains('.')
        && !host.contains(':')
        && host.parse::<u16>().is_err()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}
