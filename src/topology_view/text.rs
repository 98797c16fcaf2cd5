//! The model as an indented tree for a terminal, coloured as `check` colours its output.

use std::io;

use codespan_reporting::term::termcolor::{Color, ColorSpec, WriteColor};

use super::graph::LEGEND;
use super::model::{At, KubePortView, Mark, Model, ServiceView};

fn at_text(at: &At) -> String {
    match at.line {
        Some(line) => format!("{}:{line}", at.path),
        None => at.path.clone(),
    }
}

struct Tree<'w> {
    out: &'w mut dyn WriteColor,
}

impl Tree<'_> {
    fn styled(&mut self, text: &str, spec: &ColorSpec) -> io::Result<()> {
        self.out.set_color(spec)?;
        write!(self.out, "{text}")?;
        self.out.reset()
    }

    fn bold(&mut self, text: &str) -> io::Result<()> {
        self.styled(text, ColorSpec::new().set_bold(true))
    }

    fn dim(&mut self, text: &str) -> io::Result<()> {
        self.styled(text, ColorSpec::new().set_dimmed(true))
    }

    fn plain(&mut self, text: &str) -> io::Result<()> {
        write!(self.out, "{text}")
    }

    /// The rule ids of the marks, in red, then the end of the line.
    fn marks_and_end(&mut self, marks: &[Mark]) -> io::Result<()> {
        let mut seen: Vec<&str> = Vec::new();
        for mark in marks {
            if seen.contains(&mark.rule.as_str()) {
                continue;
            }
            seen.push(&mark.rule);
            self.plain("  ")?;
            self.styled(
                &format!("✘ {}", mark.rule),
                ColorSpec::new().set_fg(Some(Color::Red)).set_bold(true),
            )?;
        }
        writeln!(self.out)
    }

    fn service(&mut self, s: &ServiceView, services: &[(String, String)]) -> io::Result<()> {
        self.plain("  service ")?;
        self.bold(&s.name)?;
        if let Some(image) = &s.image {
            self.plain(&format!("  image {image}"))?;
        }
        if let Some(build) = &s.build {
            self.plain(&format!("  build {} ({})", build.context, build.dockerfile))?;
        }
        self.plain("  ")?;
        self.dim(&at_text(&s.declared_at))?;
        writeln!(self.out)?;
        match &s.networks {
            Some(n) if !n.is_empty() => self.plain(&format!("    networks: {}\n", n.join(", "))),
            Some(_) => self.plain("    networks: none\n"),
            None => self.plain("    network_mode: host\n"),
        }?;
        for port in &s.ports {
            let ip = port
                .host_ip
                .as_deref()
                .map(|ip| format!("{ip}:"))
                .unwrap_or_default();
            let published = port.published.as_deref().unwrap_or("(random)");
            self.plain(&format!(
                "    publishes {ip}{published} → {}/{}  ",
                port.target, port.protocol
            ))?;
            self.dim(&at_text(&port.at))?;
            self.marks_and_end(&port.marks)?;
        }
        if !s.expose.is_empty() {
            self.plain(&format!("    exposes {}\n", s.expose.join(", ")))?;
        }
        for listen in &s.listens {
            let host = listen.host.as_deref().unwrap_or("?");
            let port = listen.port.map_or("?".to_string(), |p| p.to_string());
            let default = if listen.host_is_default {
                " (default host)"
            } else {
                ""
            };
            self.plain(&format!(
                "    listens on {host}:{port}{default}, from {}  ",
                listen.source
            ))?;
            self.dim(&at_text(&listen.at))?;
            self.marks_and_end(&listen.marks)?;
        }
        self.plain(if s.healthcheck {
            "    healthcheck: yes\n"
        } else {
            "    healthcheck: none\n"
        })?;
        for dep in &s.depends_on {
            let condition = dep
                .condition
                .as_deref()
                .map(|c| format!(" ({c})"))
                .unwrap_or_default();
            let missing = if dep.target.is_none() {
                " (no such service)"
            } else {
                ""
            };
            self.plain(&format!(
                "    depends_on {}{condition}{missing}  ",
                dep.service
            ))?;
            self.dim(&at_text(&dep.at))?;
            self.marks_and_end(&dep.marks)?;
        }
        for env in &s.environment {
            let leads_to = env
                .target
                .as_ref()
                .and_then(|id| services.iter().find(|(i, _)| i == id))
                .map(|(_, name)| format!(" (meant: {name})"))
                .unwrap_or_default();
            self.plain(&format!(
                "    env {}={}{leads_to}  ",
                env.key,
                env.value.as_deref().unwrap_or("")
            ))?;
            self.dim(&at_text(&env.at))?;
            self.marks_and_end(&env.marks)?;
        }
        Ok(())
    }
}

/// Writes the tree.
pub fn write(model: &Model, out: &mut dyn WriteColor) -> io::Result<()> {
    let mut tree = Tree { out };
    let nothing = model.compose_projects.is_empty()
        && model.caddy_sites.is_empty()
        && model.kubernetes.workloads.is_empty()
        && model.kubernetes.services.is_empty();
    if nothing {
        tree.plain("no compose project, Caddy configuration or Kubernetes manifest found\n")?;
        return Ok(());
    }
    for project in &model.compose_projects {
        tree.plain("compose project ")?;
        tree.bold(&project.name)?;
        tree.plain("  ")?;
        tree.dim(&project.files.join(" + "))?;
        writeln!(tree.out)?;
        for network in &project.networks {
            let external = if network.external { ", external" } else { "" };
            tree.plain(&format!(
                "  network {} ({}{external})\n",
                network.key, network.name
            ))?;
        }
        let names: Vec<(String, String)> = project
            .services
            .iter()
            .map(|s| (s.id.clone(), s.name.clone()))
            .collect();
        for service in &project.services {
            tree.service(service, &names)?;
        }
    }
    for site in &model.caddy_sites {
        tree.plain("caddy ")?;
        tree.bold(&site.file)?;
        match &site.runs_in {
            Some(owner) => tree.plain(&format!(
                "  runs in {} (compose project {})\n",
                owner.service, owner.project
            ))?,
            None => tree.plain("  run by no compose service the files show\n")?,
        }
        for upstream in &site.upstreams {
            tree.plain(&format!("  reverse_proxy {} → ", upstream.written))?;
            match upstream.resolved {
                "no-service" => tree.plain("no service answers to it")?,
                "caddy-container" => tree.plain("Caddy's own container")?,
                "beside-caddy" => tree.plain("the app beside Caddy in its container")?,
                "address" => tree.plain("outside compose")?,
                "unknown" => tree.plain("not resolved (no compose service runs this file)")?,
                _ => {}
            }
            for (i, reach) in upstream.reaches.iter().enumerate() {
                if i > 0 {
                    tree.plain("; ")?;
                }
                tree.bold(&reach.service)?;
                tree.plain(&format!(" ({} in {})", reach.project, reach.project_dir))?;
                if !reach.listens_on.is_empty() {
                    let ports: Vec<String> = reach.listens_on.iter().map(u16::to_string).collect();
                    tree.plain(&format!(", listens on {}", ports.join(", ")))?;
                }
                if reach.shared_networks.is_empty() {
                    tree.plain(", no shared network")?;
                } else {
                    tree.plain(&format!(", over {}", reach.shared_networks.join(", ")))?;
                }
            }
            tree.plain("  ")?;
            tree.dim(&at_text(&upstream.at))?;
            tree.marks_and_end(&upstream.marks)?;
        }
    }
    let kube = &model.kubernetes;
    if !kube.workloads.is_empty() || !kube.services.is_empty() {
        tree.plain("kubernetes\n")?;
        for w in &kube.workloads {
            tree.plain(&format!("  {} ", w.kind))?;
            tree.bold(w.name.as_deref().unwrap_or("?"))?;
            tree.plain("  ")?;
            tree.dim(&at_text(&w.at))?;
            writeln!(tree.out)?;
            for c in &w.containers {
                tree.plain(&format!(
                    "    container {}",
                    c.name.as_deref().unwrap_or("?")
                ))?;
                if let Some(image) = &c.image {
                    tree.plain(&format!("  image {image}"))?;
                }
                if !c.ports.is_empty() {
                    let ports: Vec<String> = c.ports.iter().map(u16::to_string).collect();
                    tree.plain(&format!("  ports {}", ports.join(", ")))?;
                }
                tree.plain(&format!(
                    "  liveness: {}  readiness: {}  ",
                    c.liveness_probe.as_deref().unwrap_or("none"),
                    c.readiness_probe.as_deref().unwrap_or("none")
                ))?;
                tree.dim(&at_text(&c.at))?;
                tree.marks_and_end(&c.marks)?;
            }
        }
        for s in &kube.services {
            tree.plain("  Service ")?;
            tree.bold(s.name.as_deref().unwrap_or("?"))?;
            let ports: Vec<String> = s.ports.iter().map(KubePortView::label).collect();
            if !ports.is_empty() {
                tree.plain(&format!("  ports {}", ports.join(", ")))?;
            }
            let selected: Vec<String> = s
                .selects
                .iter()
                .filter_map(|id| kube.workloads.iter().find(|w| &w.id == id))
                .map(|w| format!("{} {}", w.kind, w.name.as_deref().unwrap_or("?")))
                .collect();
            if selected.is_empty() {
                tree.plain("  selects no workload here")?;
            } else {
                tree.plain(&format!("  selects {}", selected.join(", ")))?;
            }
            tree.plain("  ")?;
            tree.dim(&at_text(&s.at))?;
            writeln!(tree.out)?;
        }
    }
    for mark in &model.unattached {
        tree.styled(
            &format!("✘ {}", mark.rule),
            ColorSpec::new().set_fg(Some(Color::Red)).set_bold(true),
        )?;
        tree.plain(&format!(
            "  {}:{}  {}\n",
            mark.path, mark.line, mark.message
        ))?;
    }
    tree.dim(&format!("legend: {LEGEND}"))?;
    writeln!(tree.out)
}
