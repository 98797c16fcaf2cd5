//! The YAML span tree, and the Kubernetes readers on top of it.

#![no_main]

use backlint::lang::k8s;
use backlint::lang::yaml::{self, YamlNode, YamlValue};
use backlint::source::LineIndex;
use backlint_fuzz::{check_span, text};
use libfuzzer_sys::fuzz_target;

/// Every node's span, walked with an explicit stack (documents may be deep).
fn check_tree(text: &str, docs: &[YamlNode]) {
    let mut todo: Vec<&YamlNode> = docs.iter().collect();
    while let Some(node) = todo.pop() {
        check_span(text, &node.range, "YAML node");
        match &node.value {
            YamlValue::Scalar(..) => {
                let _ = node.is_null();
            }
            YamlValue::Seq(items) => todo.extend(items),
            YamlValue::Map(entries) => {
                let _ = node.entries();
                let _ = node.get("<<");
                for (k, v) in entries {
                    todo.push(k);
                    todo.push(v);
                }
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    let lines = LineIndex::new(&text);
    match yaml::parse(&text, &lines) {
        Ok(docs) => {
            check_tree(&text, &docs);
            for resource in docs.iter().flat_map(k8s::resources) {
                if let Some(workload) = k8s::workload(resource) {
                    let _ = k8s::containers(workload.pod_spec);
                }
            }
            let _ = backlint::facts::k8s::env_facts(&docs);
        }
        Err(err) => assert!(
            err.offset <= text.len(),
            "error offset {} past the {}-byte input",
            err.offset,
            text.len()
        ),
    }
});
