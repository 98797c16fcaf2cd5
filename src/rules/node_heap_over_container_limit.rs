//! node-heap-over-container-limit: `--max-old-space-size` above what the container's memory
//! limit leaves for the V8 heap, so the kernel kills Node before V8 collects.

use crate::diagnostic::Findings;
use crate::facts::ProjectContext;
use crate::facts::topology::{MergedService, Place, Topology};
use crate::lang::k8s;
use crate::lang::yaml::YamlNode;
use crate::rules::Rule;
use crate::rules::shared::node_start;
use crate::source::SourceFile;

pub struct NodeHeapOverContainerLimit;

const MIB: u64 = 1024 * 1024;

/// The heap may take at most this share of the container's memory: Node's own memory
/// (code, stacks, buffers outside the heap) needs the rest.
const HEAP_SHARE_PERCENT: u64 = 85;

const HELP: &str = "keep `--max-old-space-size` at about 75 % of the container's memory limit (e.g. 768 for a 1 GiB limit), or raise the limit; Node 20+ without the flag sizes its heap from the container's limit by itself";

/// The heap size in MiB that `--max-old-space-size=N` (or `--max_old_space_size N`) sets in
/// a command line or `NODE_OPTIONS`; the last one written wins, as in Node.
pub fn max_old_space_mib(text: &str) -> Option<u64> {
    let mut found = None;
    for flag in ["--max-old-space-size", "--max_old_space_size"] {
        for (at, _) in text.match_indices(flag) {
            let rest = text[at + flag.len()..].trim_start_matches(['=', ' ']);
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            if let Ok(value) = digits.parse::<u64>() {
                if found.is_none_or(|(start, _)| at > start) {
                    found = Some((at, value));
                }
            }
        }
    }
    found.map(|(_, value)| value)
}

/// A compose memory size (`512m`, `1g`, `1.5gb`, `268435456`) in bytes.
fn compose_bytes(text: &str) -> Option<u64> {
    let text = text.trim().to_ascii_lowercase();
    let number_end = text
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(number_end);
    let number: f64 = number.parse().ok()?;
    let factor = match unit.trim().trim_end_matches('b') {
        "" => 1.0,
        "k" => 1024.0,
        "m" => 1024.0 * 1024.0,
        "g" => 1024.0 * 1024.0 * 1024.0,
        _ => return None,
    };
    bytes_of(number * factor)
}

/// A Kubernetes quantity (`512Mi`, `1Gi`, `1G`, `500M`, `1073741824`) in bytes.
fn k8s_bytes(text: &str) -> Option<u64> {
    let text = text.trim();
    let number_end = text
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(number_end);
    let number: f64 = number.parse().ok()?;
    let factor = match unit {
        "" => 1.0,
        "Ki" => 1024.0,
        "Mi" => 1024.0 * 1024.0,
        "Gi" => 1024.0 * 1024.0 * 1024.0,
        "Ti" => 1024.0 * 1024.0 * 1024.0 * 1024.0,
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        _ => return None,
    };
    bytes_of(number * factor)
}

fn bytes_of(value: f64) -> Option<u64> {
    (value.is_finite() && (1.0..1e18).contains(&value)).then_some(value as u64)
}

/// True when a heap of `heap_mib` MiB does not fit the share of `limit` bytes left to it.
fn over_limit(heap_mib: u64, limit: u64) -> bool {
    heap_mib.saturating_mul(MIB).saturating_mul(100) > limit.saturating_mul(HEAP_SHARE_PERCENT)
}

fn shown_mib(bytes: u64) -> String {
    let mib = bytes as f64 / MIB as f64;
    if (mib - mib.round()).abs() < 0.05 {
        format!("{} MiB", mib.round() as u64)
    } else {
        format!("{mib:.0} MiB")
    }
}

/// Where a compose service's Node heap size is set: its command or entrypoint, the package
/// script that command (or the image's CMD) runs, its `NODE_OPTIONS` (compose
/// `environment`, `env_file`, the image's `ENV`), or the image's CMD/ENTRYPOINT when compose
/// does not replace them.
/// With the package script that sets the size when the start command runs one: the finding
/// is on the start command, the script is labelled.
fn compose_heap(
    topology: &Topology<'_>,
    service: &MergedService<'_>,
) -> Option<(u64, Place, Option<Place>)> {
    if let Some(found) = command_heap(topology, service) {
        return Some((found.0, found.1, None));
    }
    if let Some((mib, start, script)) = script_heap(topology, service) {
        return Some((mib, start, Some(script)));
    }
    other_heap(topology, service).map(|(mib, place)| (mib, place, None))
}

/// The heap size compose's own `entrypoint` or `command` sets.
fn command_heap(topology: &Topology<'_>, service: &MergedService<'_>) -> Option<(u64, Place)> {
    let project = &topology.compose[service.project];
    for (part, spec) in [service.entrypoint(), service.command()]
        .into_iter()
        .flatten()
    {
        let words = spec.words.join(" ");
        let words = project.interpolate(&words).unwrap_or(words);
        if let Some(mib) = max_old_space_mib(&words) {
            return Some((mib, part.place(spec.range.clone())));
        }
    }
    None
}

/// The heap size `NODE_OPTIONS` or the image's CMD/ENTRYPOINT sets (when compose sets no
/// command).
fn other_heap(topology: &Topology<'_>, service: &MergedService<'_>) -> Option<(u64, Place)> {
    let project = &topology.compose[service.project];
    let has_command = service.entrypoint().is_some() || service.command().is_some();
    for (part, var) in service.environment().into_iter().rev() {
        if var.key == "NODE_OPTIONS" {
            let value = var.value.as_deref().and_then(|v| project.interpolate(v))?;
            return max_old_space_mib(&value).map(|mib| (mib, part.place(var.value_range.clone())));
        }
    }
    if let Some((file, entry)) = topology
        .env_file_entries(service)
        .into_iter()
        .rev()
        .find(|(_, e)| e.key == "NODE_OPTIONS")
    {
        return max_old_space_mib(&entry.value).map(|mib| {
            (
                mib,
                Place {
                    file: file.display.clone(),
                    range: entry.value_range.clone(),
                },
            )
        });
    }
    let (file, dockerfile, stage) = topology.built_stage(service)?;
    let place = |range: std::ops::Range<usize>| Place {
        file: file.display.clone(),
        range,
    };
    let env_instruction = dockerfile
        .lineage(stage)
        .into_iter()
        .flat_map(|s| s.instructions.iter().rev())
        .find(|i| i.keyword == "ENV" && i.args.contains("NODE_OPTIONS"));
    let env_heap = dockerfile
        .env(stage)
        .into_iter()
        .find(|(k, _)| k == "NODE_OPTIONS")
        .and_then(|(_, v)| max_old_space_mib(&v));
    if !has_command {
        for keyword in ["ENTRYPOINT", "CMD"] {
            if let Some(i) = dockerfile.last_in(stage, keyword) {
                if let Some(mib) = max_old_space_mib(&i.words().join(" ")) {
                    return Some((mib, place(i.range.clone())));
                }
            }
        }
    }
    Some((env_heap?, place(env_instruction?.range.clone())))
}

/// The heap size a package script sets when the container starts through it (`npm start`,
/// `yarn start`, `npm run serve`, from compose's command or the image's CMD): the script of
/// the `package.json` at the root of the service's build context, following a script that
/// runs another (`"start": "npm run serve"`). A flag on the script's command line wins over
/// `NODE_OPTIONS`, as in Node.
fn script_heap(
    topology: &Topology<'_>,
    service: &MergedService<'_>,
) -> Option<(u64, Place, Place)> {
    let (words, start) = topology.start_command(service)?;
    let mut name = node_start::script_run_by(&words)?.to_string();
    let (file, _) = topology
        .build_context_files(service)
        .into_iter()
        .find(|(_, relative)| relative == std::path::Path::new("package.json"))?;
    let package = file.facts.package.as_ref()?;
    for _ in 0..MAX_SCRIPT_HOPS {
        let script = package.script(&name)?;
        if let Some(mib) = max_old_space_mib(&script.command) {
            return (!script.range.is_empty()).then(|| {
                (
                    mib,
                    start,
                    Place {
                        file: file.display.clone(),
                        range: script.range.clone(),
                    },
                )
            });
        }
        let words: Vec<&str> = script.command.split_whitespace().collect();
        name = node_start::script_run_by(&words)?.to_string();
    }
    None
}

/// How many scripts running one another `script_heap` follows.
const MAX_SCRIPT_HOPS: usize = 4;

impl Rule for NodeHeapOverContainerLimit {
    fn check_project(&self, cx: &ProjectContext, out: &mut Findings) {
        let topology = cx.topology();
        for service in &topology.services {
            let Some((limit_part, limit)) = service.memory_limit() else {
                continue;
            };
            let project = &topology.compose[service.project];
            let Some(limit_bytes) = project
                .interpolate(&limit.value)
                .and_then(|v| compose_bytes(&v))
            else {
                continue;
            };
            let Some((heap_mib, place, script)) = compose_heap(topology, service) else {
                continue;
            };
            if !over_limit(heap_mib, limit_bytes) {
                continue;
            }
            let limit_place = limit_part.place(limit.range.clone());
            let through = if script.is_some() {
                " through its package script"
            } else {
                ""
            };
            let finding = out
                .report_in(
                    Some(place.file.clone()),
                    place.range.clone(),
                    format!(
                        "`{}` lets the V8 heap grow to {heap_mib} MiB{through} in a container limited to {}: the kernel kills Node (OOMKilled, exit 137) before V8 collects garbage",
                        service.name,
                        shown_mib(limit_bytes)
                    ),
                )
                .label_in(limit_place.file, limit_place.range, "the container's memory limit");
            let finding = match script {
                Some(script) => finding.label_in(
                    script.file,
                    script.range,
                    format!("this script sets `--max-old-space-size={heap_mib}`"),
                ),
                None => finding,
            };
            finding.help(HELP);
        }
    }

    fn check_k8s(&self, _file: &SourceFile, docs: &[YamlNode], out: &mut Findings) {
        for resource in docs.iter().flat_map(k8s::resources) {
            let Some(workload) = k8s::workload(resource) else {
                continue;
            };
            for container in k8s::containers(workload.pod_spec) {
                let Some(limit) = container
                    .get("resources")
                    .and_then(|r| r.get("limits"))
                    .and_then(|l| l.get("memory"))
                else {
                    continue;
                };
                let Some(limit_bytes) = limit.as_str().and_then(k8s_bytes) else {
                    continue;
                };
                let Some((heap_mib, range)) = k8s_heap(container) else {
                    continue;
                };
                if !over_limit(heap_mib, limit_bytes) {
                    continue;
                }
                let name = container
                    .get("name")
                    .and_then(YamlNode::as_str)
                    .unwrap_or("?");
                out.report(
                    range,
                    format!(
                        "container `{name}` lets the V8 heap grow to {heap_mib} MiB under a memory limit of {}: the kernel kills Node (OOMKilled) before V8 collects garbage",
                        shown_mib(limit_bytes)
                    ),
                )
                .label(limit.range.clone(), "the container's memory limit")
                .help(HELP);
            }
        }
    }
}

/// The heap size a container's `command`/`args` or `NODE_OPTIONS` env sets, with its span.
fn k8s_heap(container: &YamlNode) -> Option<(u64, std::ops::Range<usize>)> {
    for key in ["args", "command"] {
        let Some(list) = container.get(key).and_then(YamlNode::as_seq) else {
            continue;
        };
        for item in list {
            if let Some(mib) = item.as_str().and_then(max_old_space_mib) {
                return Some((mib, item.range.clone()));
            }
        }
    }
    let env = container.get("env").and_then(YamlNode::as_seq)?;
    env.iter()
        .filter(|e| e.get("name").and_then(YamlNode::as_str) == Some("NODE_OPTIONS"))
        .find_map(|e| {
            let value = e.get("value")?;
            Some((max_old_space_mib(value.as_str()?)?, value.range.clone()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(
            max_old_space_mib("--max-old-space-size=4096 --inspect"),
            Some(4096)
        );
        assert_eq!(
            max_old_space_mib("node --max_old_space_size 512 a.js"),
            Some(512)
        );
        assert_eq!(max_old_space_mib("node server.js"), None);
        assert_eq!(compose_bytes("512m"), Some(512 * MIB));
        assert_eq!(compose_bytes("1.5GB"), Some(1536 * MIB));
        assert_eq!(k8s_bytes("1Gi"), Some(1024 * MIB));
        assert_eq!(k8s_bytes("1G"), Some(1_000_000_000));
        assert!(over_limit(4096, 2048 * MIB));
        assert!(!over_limit(768, 1024 * MIB));
        assert!(over_limit(896, 1024 * MIB));
    }
}
