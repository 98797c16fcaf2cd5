//! The model as a graph of nodes and edges, drawn as a Mermaid `flowchart` or in Graphviz
//! DOT. Every edge that carries marks is drawn in red with the rule ids on its label.

use super::model::{KubePortView, Mark, Model, ServiceView};

/// What a node stands for (drawn with its own shape).
#[derive(Clone, Copy, PartialEq, Eq)]
enum NodeKind {
    Service,
    CaddySite,
    Listener,
    Host,
    Nothing,
    Workload,
    Container,
    KubeService,
}

struct Node {
    id: String,
    lines: Vec<String>,
    kind: NodeKind,
}

struct Cluster {
    id: String,
    title: String,
    nodes: Vec<Node>,
}

struct Edge {
    from: String,
    to: String,
    label: String,
    rules: Vec<String>,
    dashed: bool,
}

struct Graph {
    loose: Vec<Node>,
    clusters: Vec<Cluster>,
    edges: Vec<Edge>,
}

/// The one-line legend of every format.
pub const LEGEND: &str = "✘ <rule>: an edge that topology rule reports (`backlint check` shows each finding in full); dashed: Caddy runs in that service";

fn rules_of(marks: &[Mark]) -> Vec<String> {
    let mut rules: Vec<String> = marks.iter().map(|m| m.rule.clone()).collect();
    rules.dedup();
    rules
}

fn service_lines(s: &ServiceView) -> Vec<String> {
    let mut lines = vec![format!("service {}", s.name)];
    if let Some(image) = &s.image {
        lines.push(format!("image {image}"));
    }
    if let Some(build) = &s.build {
        lines.push(format!("build {}", build.context));
    }
    match &s.networks {
        Some(networks) if !networks.is_empty() => {
            lines.push(format!("networks: {}", networks.join(", ")))
        }
        Some(_) => lines.push("no network".into()),
        None => lines.push("network_mode: host".into()),
    }
    if !s.expose.is_empty() {
        lines.push(format!("expose {}", s.expose.join(", ")));
    }
    lines.push(if s.healthcheck {
        "healthcheck".into()
    } else {
        "no healthcheck".into()
    });
    lines
}

fn build(model: &Model) -> Graph {
    let mut graph = Graph {
        loose: Vec::new(),
        clusters: Vec::new(),
        edges: Vec::new(),
    };
    let mut host_needed = false;
    for (p, project) in model.compose_projects.iter().enumerate() {
        let mut cluster = Cluster {
            id: format!("project{p}"),
            title: format!(
                "compose project {} ({})",
                project.name,
                project.files.join(" + ")
            ),
            nodes: Vec::new(),
        };
        for s in &project.services {
            cluster.nodes.push(Node {
                id: s.id.clone(),
                lines: service_lines(s),
                kind: NodeKind::Service,
            });
            for port in &s.ports {
                host_needed = true;
                let published = port.published.as_deref().unwrap_or("random");
                let ip = port
                    .host_ip
                    .as_deref()
                    .map(|ip| format!("{ip}:"))
                    .unwrap_or_default();
                graph.edges.push(Edge {
                    from: "host".into(),
                    to: s.id.clone(),
                    label: format!("publishes {ip}{published}→{}", port.target),
                    rules: rules_of(&port.marks),
                    dashed: false,
                });
            }
            for (j, listen) in s.listens.iter().enumerate() {
                let id = format!("{}_listen{j}", s.id);
                let address = format!(
                    "{}:{}",
                    listen.host.as_deref().unwrap_or("?"),
                    listen.port.map_or("?".to_string(), |p| p.to_string())
                );
                cluster.nodes.push(Node {
                    id: id.clone(),
                    lines: vec![address],
                    kind: NodeKind::Listener,
                });
                graph.edges.push(Edge {
                    from: s.id.clone(),
                    to: id,
                    label: format!("listens ({})", listen.source),
                    rules: rules_of(&listen.marks),
                    dashed: false,
                });
            }
            for (j, dep) in s.depends_on.iter().enumerate() {
                let to = match &dep.target {
                    Some(t) => t.clone(),
                    None => {
                        let id = format!("{}_dep{j}", s.id);
                        cluster.nodes.push(Node {
                            id: id.clone(),
                            lines: vec![format!("{} (no such service)", dep.service)],
                            kind: NodeKind::Nothing,
                        });
                        id
                    }
                };
                let condition = dep
                    .condition
                    .as_deref()
                    .map(|c| format!(" ({c})"))
                    .unwrap_or_default();
                graph.edges.push(Edge {
                    from: s.id.clone(),
                    to,
                    label: format!("depends_on{condition}"),
                    rules: rules_of(&dep.marks),
                    dashed: false,
                });
            }
            for (j, env) in s.environment.iter().enumerate() {
                let value = env.value.as_deref().unwrap_or("");
                let to = match &env.target {
                    Some(t) => t.clone(),
                    None => {
                        let id = format!("{}_env{j}", s.id);
                        cluster.nodes.push(Node {
                            id: id.clone(),
                            lines: vec![value.to_string()],
                            kind: NodeKind::Nothing,
                        });
                        id
                    }
                };
                graph.edges.push(Edge {
                    from: s.id.clone(),
                    to,
                    label: format!("{}={value}", env.key),
                    rules: rules_of(&env.marks),
                    dashed: false,
                });
            }
        }
        graph.clusters.push(cluster);
    }
    if host_needed {
        graph.loose.insert(
            0,
            Node {
                id: "host".into(),
                lines: vec!["host ports".into()],
                kind: NodeKind::Host,
            },
        );
    }
    for site in &model.caddy_sites {
        graph.loose.push(Node {
            id: site.id.clone(),
            lines: vec![format!("Caddy {}", site.file)],
            kind: NodeKind::CaddySite,
        });
        if let Some(owner) = &site.runs_in {
            graph.edges.push(Edge {
                from: owner.id.clone(),
                to: site.id.clone(),
                label: "runs".into(),
                rules: Vec::new(),
                dashed: true,
            });
        }
        for upstream in &site.upstreams {
            let rules = rules_of(&upstream.marks);
            if upstream.reaches.is_empty() {
                graph.loose.push(Node {
                    id: upstream.id.clone(),
                    lines: vec![format!(
                        "{}:{} ({})",
                        upstream.host,
                        upstream.port,
                        match upstream.resolved {
                            "caddy-container" => "Caddy's own container",
                            "beside-caddy" => "the app beside Caddy",
                            "address" => "outside compose",
                            "unknown" => "not resolved",
                            _ => "no service answers",
                        }
                    )],
                    kind: NodeKind::Nothing,
                });
                graph.edges.push(Edge {
                    from: site.id.clone(),
                    to: upstream.id.clone(),
                    label: format!("reverse_proxy {}", upstream.written),
                    rules,
                    dashed: false,
                });
                continue;
            }
            for reach in &upstream.reaches {
                let over = if reach.shared_networks.is_empty() {
                    "no shared network".to_string()
                } else {
                    format!("over {}", reach.shared_networks.join(", "))
                };
                graph.edges.push(Edge {
                    from: site.id.clone(),
                    to: reach.id.clone(),
                    label: format!("reverse_proxy {} · {over}", upstream.written),
                    rules: rules.clone(),
                    dashed: false,
                });
            }
        }
    }
    let kube = &model.kubernetes;
    if !kube.workloads.is_empty() || !kube.services.is_empty() {
        let mut cluster = Cluster {
            id: "kubernetes".into(),
            title: "kubernetes".into(),
            nodes: Vec::new(),
        };
        for w in &kube.workloads {
            cluster.nodes.push(Node {
                id: w.id.clone(),
                lines: vec![format!("{} {}", w.kind, w.name.as_deref().unwrap_or("?"))],
                kind: NodeKind::Workload,
            });
            for c in &w.containers {
                let mut lines = vec![format!("container {}", c.name.as_deref().unwrap_or("?"))];
                if let Some(image) = &c.image {
                    lines.push(format!("image {image}"));
                }
                if !c.ports.is_empty() {
                    let ports: Vec<String> = c.ports.iter().map(u16::to_string).collect();
                    lines.push(format!("ports {}", ports.join(", ")));
                }
                lines.push(format!(
                    "liveness: {}",
                    c.liveness_probe.as_deref().unwrap_or("none")
                ));
                lines.push(format!(
                    "readiness: {}",
                    c.readiness_probe.as_deref().unwrap_or("none")
                ));
                cluster.nodes.push(Node {
                    id: c.id.clone(),
                    lines,
                    kind: NodeKind::Container,
                });
                graph.edges.push(Edge {
                    from: w.id.clone(),
                    to: c.id.clone(),
                    label: "runs".into(),
                    rules: rules_of(&c.marks),
                    dashed: false,
                });
            }
        }
        for s in &kube.services {
            cluster.nodes.push(Node {
                id: s.id.clone(),
                lines: vec![format!("Service {}", s.name.as_deref().unwrap_or("?"))],
                kind: NodeKind::KubeService,
            });
            let ports: Vec<String> = s.ports.iter().map(KubePortView::label).collect();
            for target in &s.selects {
                graph.edges.push(Edge {
                    from: s.id.clone(),
                    to: target.clone(),
                    label: format!("selects {}", ports.join(", "))
                        .trim_end()
                        .to_string(),
                    rules: Vec::new(),
                    dashed: false,
                });
            }
        }
        graph.clusters.push(cluster);
    }
    graph
}

fn edge_text(edge: &Edge) -> String {
    let mut text = edge.label.clone();
    for rule in &edge.rules {
        text.push_str(&format!(" ✘ {rule}"));
    }
    text
}

/// Text inside a quoted Mermaid label: quotes and angle brackets as entities.
fn mermaid_escape(text: &str) -> String {
    text.replace('"', "#quot;")
        .replace('<', "#lt;")
        .replace('>', "#gt;")
}

fn mermaid_node(node: &Node, indent: &str) -> String {
    let label = node
        .lines
        .iter()
        .map(|l| mermaid_escape(l))
        .collect::<Vec<_>>()
        .join("<br/>");
    let (open, close) = match node.kind {
        NodeKind::Service | NodeKind::Workload => ("[", "]"),
        NodeKind::CaddySite | NodeKind::KubeService => ("[/", "/]"),
        NodeKind::Listener => ("([", "])"),
        NodeKind::Host => ("[(", ")]"),
        NodeKind::Nothing => ("{{", "}}"),
        NodeKind::Container => ("[[", "]]"),
    };
    format!("{indent}{}{open}\"{label}\"{close}\n", node.id)
}

/// A Mermaid `flowchart`, as GitHub and GitLab render it in Markdown.
pub fn mermaid(model: &Model) -> String {
    let graph = build(model);
    let mut out = String::from("flowchart LR\n");
    for node in &graph.loose {
        out.push_str(&mermaid_node(node, "  "));
    }
    for cluster in &graph.clusters {
        out.push_str(&format!(
            "  subgraph {}[\"{}\"]\n",
            cluster.id,
            mermaid_escape(&cluster.title)
        ));
        for node in &cluster.nodes {
            out.push_str(&mermaid_node(node, "    "));
        }
        out.push_str("  end\n");
    }
    let mut marked = Vec::new();
    for (i, edge) in graph.edges.iter().enumerate() {
        let arrow = if edge.dashed { "-.->" } else { "-->" };
        out.push_str(&format!(
            "  {} {arrow}|\"{}\"| {}\n",
            edge.from,
            mermaid_escape(&edge_text(edge)),
            edge.to
        ));
        if !edge.rules.is_empty() {
            marked.push(i.to_string());
        }
    }
    if !marked.is_empty() {
        out.push_str(&format!(
            "  linkStyle {} stroke:#d00,stroke-width:2px,color:#d00\n",
            marked.join(",")
        ));
    }
    out.push_str(&format!("  legend[\"{}\"]\n", mermaid_escape(LEGEND)));
    out
}

/// Text inside a quoted DOT string.
fn dot_escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

fn dot_node(node: &Node, indent: &str) -> String {
    let label = node
        .lines
        .iter()
        .map(|l| dot_escape(l))
        .collect::<Vec<_>>()
        .join("\\n");
    let shape = match node.kind {
        NodeKind::Service | NodeKind::Workload => "box",
        NodeKind::CaddySite | NodeKind::KubeService => "parallelogram",
        NodeKind::Listener => "ellipse",
        NodeKind::Host => "cylinder",
        NodeKind::Nothing => "octagon",
        NodeKind::Container => "box3d",
    };
    format!(
        "{indent}\"{}\" [label=\"{label}\", shape={shape}];\n",
        node.id
    )
}

/// A Graphviz `digraph`.
pub fn dot(model: &Model) -> String {
    let graph = build(model);
    let mut out = String::from(
        "digraph topology {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=10];\n  edge [fontname=\"Helvetica\", fontsize=9];\n",
    );
    for node in &graph.loose {
        out.push_str(&dot_node(node, "  "));
    }
    for cluster in &graph.clusters {
        out.push_str(&format!(
            "  subgraph \"cluster_{}\" {{\n    label=\"{}\";\n",
            cluster.id,
            dot_escape(&cluster.title)
        ));
        for node in &cluster.nodes {
            out.push_str(&dot_node(node, "    "));
        }
        out.push_str("  }\n");
    }
    for edge in &graph.edges {
        let mut attributes = vec![format!("label=\"{}\"", dot_escape(&edge_text(edge)))];
        if edge.dashed {
            attributes.push("style=dashed".into());
        }
        if !edge.rules.is_empty() {
            attributes.push("color=\"#dd0000\", fontcolor=\"#dd0000\", penwidth=2".into());
        }
        out.push_str(&format!(
            "  \"{}\" -> \"{}\" [{}];\n",
            edge.from,
            edge.to,
            attributes.join(", ")
        ));
    }
    out.push_str(&format!(
        "  legend [label=\"{}\", shape=plaintext];\n}}\n",
        dot_escape(LEGEND)
    ));
    out
}
