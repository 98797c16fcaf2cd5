//! The compose file model: services and the values rules ask about, each with its span.

use std::ops::Range;

use super::yaml::{YamlNode, YamlValue};

/// One `environment` entry of a service, in list (`- KEY=value`) or map (`KEY: value`) form.
#[derive(Debug, Clone)]
pub struct EnvVar {
    pub key: String,
    /// The key's span: in list form the `KEY` part of the item, in map form the key node.
    pub key_range: Range<usize>,
    /// `None` for a bare `- KEY` / `KEY:` that passes the host's value through.
    pub value: Option<String>,
    /// The value's span (in list form, the part after `=`).
    pub value_range: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Service {
    pub name: String,
    pub name_range: Range<usize>,
    pub environment: Vec<EnvVar>,
}

#[derive(Debug, Clone, Default)]
pub struct ComposeFile {
    pub services: Vec<Service>,
}

/// Builds the model from the first YAML document of a compose file.
pub fn model(doc: &YamlNode, text: &str) -> ComposeFile {
    let mut services = Vec::new();
    let Some(service_map) = doc.get("services") else {
        return ComposeFile { services };
    };
    for (name, body) in service_map.entries() {
        let Some(name_str) = name.as_str() else {
            continue;
        };
        services.push(Service {
            name: name_str.to_string(),
            name_range: name.range.clone(),
            environment: body
                .get("environment")
                .map_or_else(Vec::new, |e| environment(e, text)),
        });
    }
    ComposeFile { services }
}

fn environment(node: &YamlNode, text: &str) -> Vec<EnvVar> {
    let mut out = Vec::new();
    match &node.value {
        YamlValue::Seq(items) => {
            for item in items {
                let Some(s) = item.as_str() else { continue };
                // The item's text span may include quotes; find the content inside it.
                let raw = text.get(item.range.clone()).unwrap_or("");
                let content_start =
                    item.range.start + raw.find(s.get(..1).unwrap_or("")).unwrap_or(0);
                match s.split_once('=') {
                    Some((k, v)) => {
                        let key_range = content_start..content_start + k.len();
                        let value_start = key_range.end + 1;
                        out.push(EnvVar {
                            key: k.trim().to_string(),
                            key_range,
                            value: Some(v.to_string()),
                            value_range: value_start
                                ..(value_start + v.len()).min(item.range.end.max(value_start)),
                        });
                    }
                    None => out.push(EnvVar {
                        key: s.trim().to_string(),
                        key_range: content_start..content_start + s.len(),
                        value: None,
                        value_range: item.range.clone(),
                    }),
                }
            }
        }
        YamlValue::Map(_) => {
            for (k, v) in node.entries() {
                let Some(key) = k.as_str() else { continue };
                out.push(EnvVar {
                    key: key.to_string(),
                    key_range: k.range.clone(),
                    value: if v.is_null() {
                        None
                    } else {
                        v.as_str().map(str::to_string)
                    },
                    value_range: v.range.clone(),
                });
            }
        }
        YamlValue::Scalar(..) => {}
    }
    out
}
