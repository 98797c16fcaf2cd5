//! The compose file model: services and the values rules ask about, each with its span.
//! Values are kept as written; `${VAR:-default}` interpolation is applied by the project
//! index, which knows the `.env` file beside the compose file.

use serde::{Deserialize, Serialize};
use std::ops::Range;

use super::yaml::{YamlNode, YamlValue};

/// A scalar value and its span.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct Spanned {
    pub value: String,
    pub range: Range<usize>,
}

impl Spanned {
    fn of(node: &YamlNode) -> Option<Spanned> {
        Some(Spanned {
            value: scalar(node)?,
            range: node.range.clone(),
        })
    }
}

/// One `environment` entry of a service, in list (`- KEY=value`) or map (`KEY: value`) form.
#[derive(Serialize, Deserialize, Debug, Clone)]
pub struct EnvVar {
    pub key: String,
    /// The key's span: in list form the `KEY` part of the item, in map form the key node.
    pub key_range: Range<usize>,
    /// `None` for a bare `- KEY` / `KEY:` that passes the host's value through.
    pub value: Option<String>,
    /// The value's span (in list form, the part after `=`).
    pub value_range: Range<usize>,
}

/// A `ports` entry: short (`"127.0.0.1:8080:80/tcp"`) or long syntax.
#[derive(Serialize, Deserialize, Debug, Clone)]
pub struct PortEntry {
    pub host_ip: Option<String>,
    /// Host side as written (`"8080"`, `"8000-8010"`, `"${PORT}"`), if published.
    pub published: Option<String>,
    /// Container side as written.
    pub target: String,
    pub protocol: String,
    pub range: Range<usize>,
}

#[derive(Serialize, Deserialize, Debug, Clone)]
pub struct NetworkRef {
    pub name: String,
    pub aliases: Vec<String>,
    pub range: Range<usize>,
}

#[derive(Serialize, Deserialize, Debug, Clone)]
pub struct Dependency {
    pub service: String,
    pub condition: Option<String>,
    /// The span of the `condition` value, when one is written.
    pub condition_range: Option<Range<usize>>,
    pub range: Range<usize>,
}

/// Where a service's `depends_on` is written: the key, the value, and whether the value is
/// the short form (a list of names) rather than the long form (a map with conditions).
#[derive(Serialize, Deserialize, Debug, Clone)]
pub struct DependsOnSpan {
    /// The `depends_on` key.
    pub key: Range<usize>,
    /// From the end of the key to the end of the value (past a flow list's `]`): what a
    /// rewrite of the value replaces, colon included.
    pub rewrite: Range<usize>,
    /// The column of the key, when only spaces stand before it on its line.
    pub indent: Option<usize>,
    /// True for the short form (a list of names), false for the long form (a map).
    pub short_form: bool,
    /// True when a comment stands inside the value (a rewrite would drop it).
    pub has_comment: bool,
}

/// Where a new key can be added to a block-style service body: the end of the body's last
/// line, and the column of its keys.
#[derive(Serialize, Deserialize, Debug, Clone)]
pub struct KeyInsertion {
    pub offset: usize,
    pub indent: usize,
}

/// The column of `offset` when only spaces stand before it on its line.
fn space_indent(text: &str, offset: usize) -> Option<usize> {
    let before = text.get(..offset)?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let lead = &before[line_start..];
    lead.bytes().all(|b| b == b' ').then_some(lead.len())
}

/// The span a rewrite of `depends_on` replaces, and where its key stands.
fn depends_on_span(key: &YamlNode, value: &YamlNode, text: &str) -> DependsOnSpan {
    let mut end = value.range.end;
    // A flow list's span ends with its last item: take its closing bracket too.
    if text
        .get(value.range.start..)
        .is_some_and(|t| t.starts_with('['))
    {
        let rest = text.get(end..).unwrap_or("");
        if let Some(close) = rest.find(']') {
            if rest[..close]
                .bytes()
                .all(|b| b.is_ascii_whitespace() || b == b',')
            {
                end += close + 1;
            }
        }
    }
    let end = end.max(key.range.end);
    DependsOnSpan {
        key: key.range.clone(),
        rewrite: key.range.end..end,
        indent: space_indent(text, key.range.start),
        short_form: matches!(value.value, YamlValue::Seq(_)),
        has_comment: text.get(key.range.end..end).is_none_or(|t| t.contains('#')),
    }
}

/// Where a key can be added to a block-style service body.
fn key_insertion(body: &YamlNode, text: &str) -> Option<KeyInsertion> {
    if !matches!(body.value, YamlValue::Map(_)) {
        return None;
    }
    let indent = space_indent(text, body.range.start)?;
    let rest = text.get(body.range.end..)?;
    let offset = body.range.end + rest.find('\n').unwrap_or(rest.len());
    Some(KeyInsertion { offset, indent })
}

/// A command or entrypoint: string form is split by the shell later; list form kept.
#[derive(Serialize, Deserialize, Debug, Clone)]
pub struct CommandSpec {
    /// The words (list form) or the whole string (shell form, one element).
    pub words: Vec<String>,
    pub shell_form: bool,
    pub range: Range<usize>,
    /// The value as written in the file (`range`'s text).
    #[serde(default)]
    pub raw: String,
}

impl CommandSpec {
    /// Whitespace-split words, whichever form it was written in.
    pub fn split_words(&self) -> Vec<String> {
        if self.shell_form {
            self.words
                .iter()
                .flat_map(|w| w.split_whitespace().map(str::to_string))
                .collect()
        } else {
            self.words.clone()
        }
    }
}

#[derive(Serialize, Deserialize, Debug, Clone)]
pub struct Build {
    pub context: String,
    pub dockerfile: Option<String>,
    /// The Dockerfile stage to build (`target:`).
    pub target: Option<String>,
    pub range: Range<usize>,
}

/// A volume mount: `./Caddyfile:/etc/caddy/Caddyfile:ro` or the long syntax.
#[derive(Serialize, Deserialize, Debug, Clone)]
pub struct Mount {
    pub source: String,
    pub target: String,
    pub range: Range<usize>,
}

/// `extends: base` or `extends: { service: base, file: common.yml }`.
#[derive(Serialize, Deserialize, Debug, Clone)]
pub struct Extends {
    pub service: String,
    /// Relative to the extending compose file; `None` for a service of the same file.
    pub file: Option<String>,
}

#[derive(Serialize, Deserialize, Debug, Clone, Default)]
pub struct Service {
    pub name: String,
    pub name_range: Range<usize>,
    pub image: Option<Spanned>,
    pub build: Option<Build>,
    pub container_name: Option<Spanned>,
    pub hostname: Option<Spanned>,
    pub network_mode: Option<Spanned>,
    pub networks: Vec<NetworkRef>,
    /// True when `networks:` is written for the service (even if empty).
    pub networks_declared: bool,
    pub ports: Vec<PortEntry>,
    pub expose: Vec<Spanned>,
    pub command: Option<CommandSpec>,
    pub entrypoint: Option<CommandSpec>,
    pub environment: Vec<EnvVar>,
    pub env_file: Vec<Spanned>,
    pub depends_on: Vec<Dependency>,
    pub depends_on_span: Option<DependsOnSpan>,
    /// Where a new key can be added to the service's body (block style only).
    pub key_insertion: Option<KeyInsertion>,
    /// The `healthcheck` key's span, when one is defined and not disabled.
    pub healthcheck: Option<Range<usize>>,
    /// The healthcheck's `test` as written: the words of its list form, or its string.
    #[serde(default)]
    pub healthcheck_test: Vec<Spanned>,
    pub profiles: Vec<String>,
    pub volumes: Vec<Mount>,
    /// `extends:` — the service this one is based on, and the file it is defined in.
    pub extends: Option<Extends>,
    /// The container's memory limit as written: `deploy.resources.limits.memory`, else
    /// `mem_limit` (`512m`, `1g`).
    pub memory_limit: Option<Spanned>,
}

#[derive(Serialize, Deserialize, Debug, Clone)]
pub struct NetworkDef {
    pub key: String,
    pub name: Option<String>,
    pub external: bool,
    pub range: Range<usize>,
}

/// A top-level `include:` entry: `- ./api/compose.yaml` or `- path: [a.yaml, b.yaml]`.
#[derive(Serialize, Deserialize, Debug, Clone)]
pub struct Include {
    /// The compose files it includes, relative to the including file.
    pub paths: Vec<Spanned>,
    pub range: Range<usize>,
}

#[derive(Serialize, Deserialize, Debug, Clone, Default)]
pub struct ComposeFile {
    /// Top-level `name:`.
    pub name: Option<String>,
    pub services: Vec<Service>,
    pub networks: Vec<NetworkDef>,
    /// Top-level `include:`: other compose files whose services join this project.
    pub includes: Vec<Include>,
}

/// A scalar's text (numbers and booleans as written).
fn scalar(node: &YamlNode) -> Option<String> {
    match &node.value {
        YamlValue::Scalar(s, _) => Some(s.clone()),
        _ => None,
    }
}

fn strings(node: &YamlNode) -> Vec<Spanned> {
    match &node.value {
        YamlValue::Seq(items) => items.iter().filter_map(Spanned::of).collect(),
        YamlValue::Scalar(..) => Spanned::of(node).into_iter().collect(),
        YamlValue::Map(_) => Vec::new(),
    }
}

/// Builds the model from the first YAML document of a compose file.
pub fn model(doc: &YamlNode, text: &str) -> ComposeFile {
    let mut file = ComposeFile {
        name: doc.get("name").and_then(scalar),
        ..ComposeFile::default()
    };
    if let Some(networks) = doc.get("networks") {
        for (k, v) in networks.entries() {
            let Some(key) = scalar(k) else { continue };
            let external = v.get("external").is_some_and(|e| match &e.value {
                YamlValue::Scalar(s, _) => s == "true",
                // Old syntax: `external: { name: x }`.
                YamlValue::Map(_) => true,
                YamlValue::Seq(_) => false,
            });
            let name = v.get("name").and_then(scalar).or_else(|| {
                v.get("external")
                    .and_then(|e| e.get("name"))
                    .and_then(scalar)
            });
            file.networks.push(NetworkDef {
                key,
                name,
                external,
                range: k.range.clone(),
            });
        }
    }
    if let Some(includes) = doc.get("include").and_then(|i| i.as_seq()) {
        for item in includes {
            let paths = match item.get("path") {
                Some(path) => strings(path),
                None => Spanned::of(item).into_iter().collect(),
            };
            if !paths.is_empty() {
                file.includes.push(Include {
                    paths,
                    range: item.range.clone(),
                });
            }
        }
    }
    let Some(service_map) = doc.get("services") else {
        return file;
    };
    for (name, body) in service_map.entries() {
        let Some(name_str) = scalar(name) else {
            continue;
        };
        file.services
            .push(service(name_str, name.range.clone(), body, text));
    }
    file
}

fn service(name: String, name_range: Range<usize>, body: &YamlNode, text: &str) -> Service {
    let mut s = Service {
        name,
        name_range,
        image: body.get("image").and_then(Spanned::of),
        container_name: body.get("container_name").and_then(Spanned::of),
        hostname: body.get("hostname").and_then(Spanned::of),
        network_mode: body.get("network_mode").and_then(Spanned::of),
        expose: body.get("expose").map(strings).unwrap_or_default(),
        env_file: body
            .get("env_file")
            .map(|n| match &n.value {
                // Long syntax: `- path: ./x.env`.
                YamlValue::Seq(items) => items
                    .iter()
                    .filter_map(|i| Spanned::of(i).or_else(|| i.get("path").and_then(Spanned::of)))
                    .collect(),
                _ => strings(n),
            })
            .unwrap_or_default(),
        profiles: body
            .get("profiles")
            .map(|p| strings(p).into_iter().map(|s| s.value).collect())
            .unwrap_or_default(),
        memory_limit: body
            .get("deploy")
            .and_then(|d| d.get("resources"))
            .and_then(|r| r.get("limits"))
            .and_then(|l| l.get("memory"))
            .and_then(Spanned::of)
            .or_else(|| body.get("mem_limit").and_then(Spanned::of)),
        ..Service::default()
    };
    s.key_insertion = key_insertion(body, text);
    if let Some(build) = body.get("build") {
        s.build = match &build.value {
            YamlValue::Scalar(ctx, _) => Some(Build {
                context: ctx.clone(),
                dockerfile: None,
                target: None,
                range: build.range.clone(),
            }),
            YamlValue::Map(_) => Some(Build {
                context: build
                    .get("context")
                    .and_then(scalar)
                    .unwrap_or_else(|| ".".into()),
                dockerfile: build.get("dockerfile").and_then(scalar),
                target: build.get("target").and_then(scalar),
                range: build.range.clone(),
            }),
            YamlValue::Seq(_) => None,
        };
    }
    if let Some(networks) = body.get("networks") {
        s.networks_declared = true;
        match &networks.value {
            YamlValue::Seq(items) => {
                for item in items {
                    if let Some(n) = scalar(item) {
                        s.networks.push(NetworkRef {
                            name: n,
                            aliases: Vec::new(),
                            range: item.range.clone(),
                        });
                    }
                }
            }
            YamlValue::Map(_) => {
                for (k, v) in networks.entries() {
                    let Some(n) = scalar(k) else { continue };
                    let aliases = v
                        .get("aliases")
                        .map(|a| strings(a).into_iter().map(|s| s.value).collect())
                        .unwrap_or_default();
                    s.networks.push(NetworkRef {
                        name: n,
                        aliases,
                        range: k.range.clone(),
                    });
                }
            }
            YamlValue::Scalar(..) => {}
        }
    }
    if let Some(ports) = body.get("ports").and_then(|p| p.as_seq()) {
        for item in ports {
            if let Some(spec) = scalar(item) {
                if let Some(entry) = parse_port_spec(&spec, item.range.clone()) {
                    s.ports.push(entry);
                }
            } else if item.as_map().is_some() {
                let Some(target) = item.get("target").and_then(scalar) else {
                    continue;
                };
                s.ports.push(PortEntry {
                    host_ip: item.get("host_ip").and_then(scalar),
                    published: item.get("published").and_then(scalar),
                    target,
                    protocol: item
                        .get("protocol")
                        .and_then(scalar)
                        .unwrap_or_else(|| "tcp".into()),
                    range: item.range.clone(),
                });
            }
        }
    }
    s.command = body.get("command").and_then(|c| command(c, text));
    s.entrypoint = body.get("entrypoint").and_then(|c| command(c, text));
    s.environment = body
        .get("environment")
        .map_or_else(Vec::new, |e| environment(e, text));
    s.extends = body.get("extends").and_then(|e| match &e.value {
        YamlValue::Scalar(..) => scalar(e).map(|service| Extends {
            service,
            file: None,
        }),
        YamlValue::Map(_) => e.get("service").and_then(scalar).map(|service| Extends {
            service,
            file: e.get("file").and_then(scalar),
        }),
        YamlValue::Seq(_) => None,
    });
    if let Some((key, deps)) = body.entry("depends_on") {
        s.depends_on_span = Some(depends_on_span(key, deps, text));
        match &deps.value {
            YamlValue::Seq(items) => {
                for item in items {
                    if let Some(n) = scalar(item) {
                        s.depends_on.push(Dependency {
                            service: n,
                            condition: None,
                            condition_range: None,
                            range: item.range.clone(),
                        });
                    }
                }
            }
            YamlValue::Map(_) => {
                for (k, v) in deps.entries() {
                    let Some(n) = scalar(k) else { continue };
                    s.depends_on.push(Dependency {
                        service: n,
                        condition: v.get("condition").and_then(scalar),
                        condition_range: v.get("condition").map(|c| c.range.clone()),
                        range: k.range.clone(),
                    });
                }
            }
            YamlValue::Scalar(..) => {}
        }
    }
    if let Some((key, hc)) = body.entry("healthcheck") {
        let disabled = hc
            .get("disable")
            .and_then(scalar)
            .is_some_and(|d| d == "true")
            || hc
                .get("test")
                .is_some_and(|t| strings(t).first().is_some_and(|w| w.value == "NONE"));
        if !disabled {
            s.healthcheck = Some(key.range.clone());
            s.healthcheck_test = hc.get("test").map(strings).unwrap_or_default();
        }
    }
    if let Some(volumes) = body.get("volumes").and_then(|v| v.as_seq()) {
        for item in volumes {
            if let Some(spec) = scalar(item) {
                let mut parts = spec.splitn(3, ':');
                let source = parts.next().unwrap_or("").to_string();
                if let Some(target) = parts.next() {
                    s.volumes.push(Mount {
                        source,
                        target: target.to_string(),
                        range: item.range.clone(),
                    });
                }
            } else if item.as_map().is_some() {
                let (Some(source), Some(target)) = (
                    item.get("source").and_then(scalar),
                    item.get("target").and_then(scalar),
                ) else {
                    continue;
                };
                s.volumes.push(Mount {
                    source,
                    target,
                    range: item.range.clone(),
                });
            }
        }
    }
    s
}

fn command(node: &YamlNode, text: &str) -> Option<CommandSpec> {
    let raw = text.get(node.range.clone()).unwrap_or_default().to_string();
    match &node.value {
        YamlValue::Scalar(value, _) => Some(CommandSpec {
            words: vec![value.clone()],
            shell_form: true,
            range: node.range.clone(),
            raw,
        }),
        YamlValue::Seq(items) => Some(CommandSpec {
            words: items.iter().filter_map(scalar).collect(),
            shell_form: false,
            range: node.range.clone(),
            raw,
        }),
        YamlValue::Map(_) => None,
    }
}

/// Parses a short-syntax port: `[host_ip:][published:]target[/protocol]`.
pub fn parse_port_spec(spec: &str, range: Range<usize>) -> Option<PortEntry> {
    let (body, protocol) = match spec.rsplit_once('/') {
        Some((b, p)) => (b, p.to_string()),
        None => (spec, "tcp".to_string()),
    };
    // IPv6 host addresses are bracketed: `[::1]:80:80`.
    let (host_ip, rest) = if let Some(stripped) = body.strip_prefix('[') {
        let close = stripped.find(']')?;
        (
            Some(stripped[..close].to_string()),
            stripped[close + 1..].trim_start_matches(':'),
        )
    } else {
        (None, body)
    };
    let parts = split_outside_braces(rest);
    let (host_ip, published, target) = match parts.as_slice() {
        [target] => (host_ip, None, target.clone()),
        [published, target] => (host_ip, Some(published.clone()), target.clone()),
        [ip, published, target] => (Some(ip.clone()), Some(published.clone()), target.clone()),
        _ => return None,
    };
    Some(PortEntry {
        host_ip,
        published: published.filter(|p| !p.is_empty()),
        target,
        protocol,
        range,
    })
}

/// Splits on `:` outside `${...}`.
fn split_outside_braces(s: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    let mut prev = '\0';
    for c in s.chars() {
        match c {
            '{' if prev == '$' => depth += 1,
            '}' if depth > 0 => depth -= 1,
            ':' if depth == 0 => {
                parts.push(std::mem::take(&mut current));
                prev = c;
                continue;
            }
            _ => {}
        }
        current.push(c);
        prev = c;
    }
    parts.push(current);
    parts
}

fn environment(node: &YamlNode, text: &str) -> Vec<EnvVar> {
    let mut out = Vec::new();
    match &node.value {
        YamlValue::Seq(items) => {
            for item in items {
                let Some(s) = item.as_str() else { continue };
                // The item's span may include quotes; the content starts after them.
                let raw = text.get(item.range.clone()).unwrap_or("");
                let quote = usize::from(raw.starts_with('"') || raw.starts_with('\''));
                let content_start = item.range.start + quote;
                let content = raw.get(quote..).unwrap_or("");
                // Lengths in the value are lengths in the source only where the source spells
                // it as it reads: an escape (`"\x41"`) or a folded line break does not. Where
                // it does not, a span stops at what can be matched: `KEY=` or the whole item.
                let verbatim = content.starts_with(s);
                match s.split_once('=') {
                    Some((k, v)) if content.strip_prefix(k).is_some_and(|r| r.starts_with('=')) => {
                        let key_range = content_start..content_start + k.len();
                        let value_start = key_range.end + 1;
                        let value_end = if verbatim {
                            value_start + v.len()
                        } else {
                            item.range.end - quote
                        };
                        out.push(EnvVar {
                            key: k.trim().to_string(),
                            key_range,
                            value: Some(v.to_string()),
                            value_range: value_start..value_end.max(value_start),
                        });
                    }
                    Some((k, v)) => out.push(EnvVar {
                        key: k.trim().to_string(),
                        key_range: item.range.clone(),
                        value: Some(v.to_string()),
                        value_range: item.range.clone(),
                    }),
                    None => out.push(EnvVar {
                        key: s.trim().to_string(),
                        key_range: if verbatim {
                            content_start..content_start + s.len()
                        } else {
                            item.range.clone()
                        },
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
                    value: if v.is_null() { None } else { scalar(v) },
                    value_range: v.range.clone(),
                });
            }
        }
        YamlValue::Scalar(..) => {}
    }
    out
}

/// Applies compose interpolation: `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
/// `${VAR:?err}`, `$VAR`, `$$`. Returns `None` when a variable has no value and no default.
pub fn interpolate(value: &str, lookup: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let mut out = String::new();
    let mut rest = value;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if let Some(stripped) = after.strip_prefix('$') {
            out.push('$');
            rest = stripped;
        } else if let Some(inner) = after.strip_prefix('{') {
            let close = inner.find('}')?;
            let expr = &inner[..close];
            let (name, default) = if let Some((n, d)) = expr.split_once(":-") {
                (n, Some(d))
            } else if let Some((n, d)) = expr.split_once('-') {
                (n, Some(d))
            } else if let Some((n, _)) = expr.split_once(":?").or_else(|| expr.split_once('?')) {
                (n, None)
            } else {
                (expr, None)
            };
            match lookup(name).filter(|v| !v.is_empty() || default.is_none()) {
                Some(v) => out.push_str(&v),
                None => out.push_str(default?),
            }
            rest = &inner[close + 1..];
        } else {
            let len = after
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
                .count();
            if len == 0 {
                out.push('$');
                rest = after;
                continue;
            }
            out.push_str(&lookup(&after[..len])?);
            rest = &after[len..];
        }
    }
    out.push_str(rest);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::yaml;
    use crate::source::LineIndex;

    #[test]
    fn ports_short_and_long() {
        let p = parse_port_spec("127.0.0.1:8080:80/udp", 0..0).unwrap();
        assert_eq!(
            (
                p.host_ip.as_deref(),
                p.published.as_deref(),
                p.target.as_str(),
                p.protocol.as_str()
            ),
            (Some("127.0.0.1"), Some("8080"), "80", "udp")
        );
        let p = parse_port_spec("${PORT:-3000}:3000", 0..0).unwrap();
        assert_eq!(p.published.as_deref(), Some("${PORT:-3000}"));
        let p = parse_port_spec("3000", 0..0).unwrap();
        assert!(p.published.is_none());
        let p = parse_port_spec("[::1]:80:80", 0..0).unwrap();
        assert_eq!(p.host_ip.as_deref(), Some("::1"));
    }

    #[test]
    fn interpolation() {
        let env = |k: &str| (k == "A").then(|| "x".to_string());
        assert_eq!(
            interpolate("${A}-${B:-d}-$$", &env).as_deref(),
            Some("x-d-$")
        );
        assert_eq!(interpolate("${B}", &env), None);
        assert_eq!(interpolate("$A/y", &env).as_deref(), Some("x/y"));
    }

    #[test]
    fn model_reads_services() {
        let text = "name: shop\nservices:\n  web:\n    build:\n      context: ./backend\n    command: gunicorn -b 0.0.0.0:8000 app:app\n    networks:\n      backend:\n        aliases: [api]\n    depends_on:\n      db:\n        condition: service_healthy\n    volumes:\n      - ./Caddyfile:/etc/caddy/Caddyfile:ro\n  db:\n    image: postgres:16\n    healthcheck:\n      test: [\"CMD\", \"pg_isready\"]\nnetworks:\n  backend:\n    external: true\n    name: shared\n";
        let docs = yaml::parse(text, &LineIndex::new(text)).unwrap();
        let m = model(&docs[0], text);
        assert_eq!(m.name.as_deref(), Some("shop"));
        let web = &m.services[0];
        assert_eq!(web.build.as_ref().unwrap().context, "./backend");
        assert_eq!(web.networks[0].aliases, vec!["api"]);
        assert_eq!(
            web.depends_on[0].condition.as_deref(),
            Some("service_healthy")
        );
        assert_eq!(web.volumes[0].target, "/etc/caddy/Caddyfile");
        assert!(m.services[1].healthcheck.is_some());
        assert!(m.networks[0].external);
        assert_eq!(m.networks[0].name.as_deref(), Some("shared"));
    }

    /// Environment items whose value is not spelled as it reads (a folded line, an escape):
    /// every span is still a slice of the file, on character boundaries.
    #[test]
    fn environment_spans_of_folded_and_escaped_items() {
        let text = "services:\n  web:\n    environment:\n      - x\n        \u{20ac}\u{20ac}\u{20ac}\n      - DB=localhost\n        \u{20ac}\u{20ac}\u{20ac}\n      - \"A=\\x41\u{20ac}\"\n      - \"\\x41\u{20ac}=1\"\n      - K=v\n";
        let docs = yaml::parse(text, &LineIndex::new(text)).unwrap();
        let m = model(&docs[0], text);
        let env = &m.services[0].environment;
        let spans: Vec<(&str, &str)> = env
            .iter()
            .map(|e| {
                (
                    text.get(e.key_range.clone()).unwrap(),
                    text.get(e.value_range.clone()).unwrap(),
                )
            })
            .collect();
        let folded = "x\n        \u{20ac}\u{20ac}\u{20ac}";
        assert_eq!(env[0].key, "x \u{20ac}\u{20ac}\u{20ac}");
        assert_eq!(spans[0], (folded, folded));
        assert_eq!(
            env[1].value.as_deref(),
            Some("localhost \u{20ac}\u{20ac}\u{20ac}")
        );
        assert_eq!(
            spans[1],
            ("DB", "localhost\n        \u{20ac}\u{20ac}\u{20ac}")
        );
        assert_eq!(env[2].value.as_deref(), Some("A\u{20ac}"));
        assert_eq!(spans[2], ("A", "\\x41\u{20ac}"));
        assert_eq!(env[3].key, "A\u{20ac}");
        let escaped = "\"\\x41\u{20ac}=1\"";
        assert_eq!(spans[3], (escaped, escaped));
        assert_eq!(spans[4], ("K", "v"));
        // As the fuzzer found it: a vertical tab folded with a replacement character.
        let text = String::from_utf8_lossy(b"services:\n :\n  environment:\n  - \x0b\n   \xefT");
        let docs = yaml::parse(&text, &LineIndex::new(&text)).unwrap();
        for e in &model(&docs[0], &text).services[0].environment {
            assert!(text.get(e.key_range.clone()).is_some(), "{e:?}");
            assert!(text.get(e.value_range.clone()).is_some(), "{e:?}");
        }
    }

    #[test]
    fn model_reads_includes() {
        let text = "include:\n  - api/compose.yaml\n  - path: ../shared/compose.yaml\n    project_directory: ..\n  - path:\n      - a.yaml\n      - b.yaml\nservices:\n  web:\n    image: nginx\n";
        let docs = yaml::parse(text, &LineIndex::new(text)).unwrap();
        let m = model(&docs[0], text);
        let paths: Vec<Vec<&str>> = m
            .includes
            .iter()
            .map(|i| i.paths.iter().map(|p| p.value.as_str()).collect())
            .collect();
        assert_eq!(
            paths,
            vec![
                vec!["api/compose.yaml"],
                vec!["../shared/compose.yaml"],
                vec!["a.yaml", "b.yaml"]
            ]
        );
    }
}
