//! Kubernetes manifests: workloads, their pod templates and containers, and the environment
//! they declare. Reads the span tree of `yaml.rs`; every document of a file is a resource.

use super::yaml::YamlNode;

/// A resource that runs pods, with the pod spec of its template.
pub struct Workload<'d> {
    pub kind: String,
    pub name: Option<String>,
    pub pod_spec: &'d YamlNode,
}

/// Kinds whose pods run until stopped (services, daemons): they need probes.
pub const LONG_RUNNING: &[&str] = &[
    "Pod",
    "Deployment",
    "StatefulSet",
    "DaemonSet",
    "ReplicaSet",
    "ReplicationController",
];

/// The resources of a document: the document itself, or the items of a `kind: List`.
pub fn resources(doc: &YamlNode) -> Vec<&YamlNode> {
    if doc.get("kind").and_then(YamlNode::as_str) == Some("List") {
        return doc
            .get("items")
            .and_then(YamlNode::as_seq)
            .map(|items| items.iter().collect())
            .unwrap_or_default();
    }
    vec![doc]
}

/// The workload a resource describes, if it runs pods.
pub fn workload(resource: &YamlNode) -> Option<Workload<'_>> {
    let kind = resource.get("kind")?.as_str()?.to_string();
    let spec = resource.get("spec")?;
    let pod_spec = match kind.as_str() {
        "Pod" => spec,
        "CronJob" => spec
            .get("jobTemplate")?
            .get("spec")?
            .get("template")?
            .get("spec")?,
        k if LONG_RUNNING.contains(&k) || k == "Job" => spec.get("template")?.get("spec")?,
        _ => return None,
    };
    let name = resource
        .get("metadata")
        .and_then(|m| m.get("name"))
        .and_then(YamlNode::as_str)
        .map(str::to_string);
    Some(Workload {
        kind,
        name,
        pod_spec,
    })
}

/// The app containers of a pod spec (`containers`, not `initContainers`).
pub fn containers(pod_spec: &YamlNode) -> Vec<&YamlNode> {
    pod_spec
        .get("containers")
        .and_then(YamlNode::as_seq)
        .map(|c| c.iter().filter(|n| n.as_map().is_some()).collect())
        .unwrap_or_default()
}

/// A YAML file is read as a Kubernetes manifest when it has top-level `apiVersion` and `kind`.
pub fn looks_like_manifest(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    let mut api = false;
    let mut kind = false;
    for line in text.trim_start_matches('\u{feff}').lines() {
        api |= line.starts_with("apiVersion:");
        kind |= line.starts_with("kind:");
    }
    api && kind
}
