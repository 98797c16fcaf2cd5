//! The environment Kubernetes manifests give their containers.

use crate::lang::k8s::{containers, resources, workload};
use crate::lang::yaml::YamlNode;

/// Environment variables a Kubernetes manifest gives its containers.
#[derive(Debug, Clone, Default)]
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
