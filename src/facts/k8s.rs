//! The environment Kubernetes manifests give their containers.

use serde::{Deserialize, Serialize};
use std::ops::Range;

use crate::lang::k8s::{containers, resources, workload};
use crate::lang::yaml::YamlNode;

/// Environment variables a Kubernetes manifest gives its containers.
#[derive(Serialize, Deserialize, Debug, Clone, Default)]
pub struct K8sEnv {
    /// `env: - name: X`, and the keys of ConfigMaps and Secrets defined in the file.
    pub names: Vec<String>,
    /// ConfigMaps and Secrets the file defines.
    pub provides: Vec<String>,
    /// ConfigMaps and Secrets loaded whole with `envFrom`.
    pub env_from: Vec<String>,
    /// Workloads (pods and their controllers) the file defines.
    pub workloads: usize,
}

/// The environment the manifests of one file declare.
pub fn env_facts(docs: &[YamlNode]) -> K8sEnv {
    let mut facts = K8sEnv::default();
    for resource in docs.iter().flat_map(resources) {
        let kind = resource.get("kind").and_then(YamlNode::as_str);
        if matches!(kind, Some("ConfigMap" | "Secret")) {
            if let Some(name) = resource
                .get("metadata")
                .and_then(|m| m.get("name"))
                .and_then(YamlNode::as_str)
            {
                facts.provides.push(name.to_string());
            }
            for section in ["data", "stringData"] {
                for (k, _) in resource
                    .get(section)
                    .map(YamlNode::entries)
                    .unwrap_or_default()
                {
                    if let Some(key) = k.as_str() {
                        facts.names.push(key.to_string());
                    }
                }
            }
            continue;
        }
        let Some(workload) = workload(resource) else {
            continue;
        };
        facts.workloads += 1;
        let mut all = containers(workload.pod_spec);
        if let Some(init) = workload
            .pod_spec
            .get("initContainers")
            .and_then(YamlNode::as_seq)
        {
            all.extend(init.iter());
        }
        for container in all {
            for var in container
                .get("env")
                .and_then(YamlNode::as_seq)
                .unwrap_or(&[])
            {
                if let Some(name) = var.get("name").and_then(YamlNode::as_str) {
                    facts.names.push(name.to_string());
                }
            }
            for source in container
                .get("envFrom")
                .and_then(YamlNode::as_seq)
                .unwrap_or(&[])
            {
                for reference in ["configMapRef", "secretRef"] {
                    let name = source
                        .get(reference)
                        .and_then(|r| r.get("name"))
                        .and_then(YamlNode::as_str);
                    if let Some(name) = name {
                        facts.env_from.push(name.to_string());
                    }
                }
            }
        }
    }
    facts
}

/// The workloads and Services of one manifest file, as far as a picture of the deployment
/// needs them (`backlint topology`): names, labels, containers, ports and probes.
#[derive(Serialize, Deserialize, Debug, Clone, Default)]
pub struct K8sObjects {
    pub workloads: Vec<K8sWorkload>,
    pub services: Vec<K8sService>,
}

/// A resource that runs pods.
#[derive(Serialize, Deserialize, Debug, Clone)]
pub struct K8sWorkload {
    pub kind: String,
    pub name: Option<String>,
    /// The labels of its pods (what a Service's selector matches).
    pub pod_labels: Vec<(String, String)>,
    pub containers: Vec<K8sContainer>,
    /// The resource in its file.
    pub range: Range<usize>,
}

/// A container of a workload's pods.
#[derive(Serialize, Deserialize, Debug, Clone)]
pub struct K8sContainer {
    pub name: Option<String>,
    pub image: Option<String>,
    /// `containerPort`s with their names.
    pub ports: Vec<(Option<String>, u16)>,
    /// The liveness probe, described (`httpGet /health port 3000`).
    pub liveness: Option<String>,
    pub readiness: Option<String>,
    /// The HTTP probes (liveness, readiness, startup) with the path each requests.
    #[serde(default)]
    pub http_probes: Vec<HttpProbe>,
    /// The container's mapping in its file.
    pub range: Range<usize>,
}

/// An `httpGet` probe of a container: `livenessProbe: {httpGet: {path: /health, port: 3000}}`.
#[derive(Serialize, Deserialize, Debug, Clone)]
pub struct HttpProbe {
    /// `livenessProbe`, `readinessProbe` or `startupProbe`.
    pub kind: String,
    /// The path as written (`/` when absent, as the kubelet requests).
    pub path: String,
    /// The path's value in the file, or the `httpGet` key when no path is written.
    pub path_range: Range<usize>,
    /// The port as written: a number or a port name.
    pub port: Option<String>,
}

/// The `httpGet` probes of a container.
fn http_probes(container: &YamlNode) -> Vec<HttpProbe> {
    ["livenessProbe", "readinessProbe", "startupProbe"]
        .iter()
        .filter_map(|kind| {
            let (key, http) = container.get(kind)?.entry("httpGet")?;
            let path = http.get("path");
            Some(HttpProbe {
                kind: (*kind).to_string(),
                path: scalar(path).unwrap_or_else(|| "/".into()),
                path_range: path.map_or_else(|| key.range.clone(), |p| p.range.clone()),
                port: scalar(http.get("port")),
            })
        })
        .collect()
}

/// A Kubernetes Service.
#[derive(Serialize, Deserialize, Debug, Clone)]
pub struct K8sService {
    pub name: Option<String>,
    pub selector: Vec<(String, String)>,
    /// (port, targetPort as written: a number or a port name).
    pub ports: Vec<(Option<u16>, Option<String>)>,
    pub range: Range<usize>,
}

fn string_map(node: Option<&YamlNode>) -> Vec<(String, String)> {
    node.map(YamlNode::entries)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(k, v)| Some((k.as_str()?.to_string(), v.as_str()?.to_string())))
        .collect()
}

fn scalar(node: Option<&YamlNode>) -> Option<String> {
    node.and_then(YamlNode::as_str).map(str::to_string)
}

/// A probe in a few words: `httpGet /health port 3000`, `tcpSocket port 5432`, `exec`.
fn describe_probe(probe: &YamlNode) -> String {
    if let Some(http) = probe.get("httpGet") {
        let path = scalar(http.get("path")).unwrap_or_else(|| "/".into());
        let port = scalar(http.get("port")).unwrap_or_default();
        return format!("httpGet {path} port {port}").trim_end().to_string();
    }
    if let Some(tcp) = probe.get("tcpSocket") {
        let port = scalar(tcp.get("port")).unwrap_or_default();
        return format!("tcpSocket port {port}").trim_end().to_string();
    }
    if let Some(grpc) = probe.get("grpc") {
        let port = scalar(grpc.get("port")).unwrap_or_default();
        return format!("grpc port {port}").trim_end().to_string();
    }
    if probe.get("exec").is_some() {
        return "exec".into();
    }
    "probe".into()
}

/// The workloads and Services the manifests of one file define.
pub fn objects(docs: &[YamlNode]) -> K8sObjects {
    let mut objects = K8sObjects::default();
    for resource in docs.iter().flat_map(resources) {
        let kind = resource.get("kind").and_then(YamlNode::as_str);
        let name = scalar(resource.get("metadata").and_then(|m| m.get("name")));
        if kind == Some("Service") {
            let spec = resource.get("spec");
            objects.services.push(K8sService {
                name,
                selector: string_map(spec.and_then(|s| s.get("selector"))),
                ports: spec
                    .and_then(|s| s.get("ports"))
                    .and_then(YamlNode::as_seq)
                    .unwrap_or(&[])
                    .iter()
                    .map(|p| {
                        (
                            scalar(p.get("port")).and_then(|v| v.parse().ok()),
                            scalar(p.get("targetPort")),
                        )
                    })
                    .collect(),
                range: resource.range.clone(),
            });
            continue;
        }
        let Some(workload) = workload(resource) else {
            continue;
        };
        // The pod template's metadata sits beside the pod spec (`template.metadata`); a
        // bare Pod's is its own.
        let template = match workload.kind.as_str() {
            "Pod" => Some(resource),
            "CronJob" => resource
                .get("spec")
                .and_then(|s| s.get("jobTemplate"))
                .and_then(|j| j.get("spec"))
                .and_then(|s| s.get("template")),
            _ => resource.get("spec").and_then(|s| s.get("template")),
        };
        let pod_labels = string_map(
            template
                .and_then(|t| t.get("metadata"))
                .and_then(|m| m.get("labels")),
        );
        let containers = containers(workload.pod_spec)
            .into_iter()
            .map(|c| K8sContainer {
                name: scalar(c.get("name")),
                image: scalar(c.get("image")),
                ports: c
                    .get("ports")
                    .and_then(YamlNode::as_seq)
                    .unwrap_or(&[])
                    .iter()
                    .filter_map(|p| {
                        let port = scalar(p.get("containerPort"))?.parse().ok()?;
                        Some((scalar(p.get("name")), port))
                    })
                    .collect(),
                liveness: c.get("livenessProbe").map(describe_probe),
                readiness: c.get("readinessProbe").map(describe_probe),
                http_probes: http_probes(c),
                range: c.range.clone(),
            })
            .collect();
        objects.workloads.push(K8sWorkload {
            kind: workload.kind.clone(),
            name: workload.name.clone(),
            pod_labels,
            containers,
            range: resource.range.clone(),
        });
    }
    objects
}
