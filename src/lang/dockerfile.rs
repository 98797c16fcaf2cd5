//! Dockerfile instructions with spans: stages, EXPOSE, CMD/ENTRYPOINT (shell and JSON form),
//! RUN, ENV/ARG, COPY, with line continuations, comments and heredocs.

use serde::{Deserialize, Serialize};
use std::ops::Range;

use crate::util::find_byte;

#[derive(Serialize, Deserialize, Debug, Clone)]
pub struct Instruction {
    /// Upper-cased keyword (`RUN`, `FROM`, ...).
    pub keyword: String,
    /// The arguments with continuations joined (backslash-newline removed) and comment
    /// lines inside continuations dropped.
    pub args: String,
    /// From the keyword to the end of the last continued line.
    pub range: Range<usize>,
    /// Span of the arguments in the source.
    pub args_range: Range<usize>,
    /// Where `args` starts in the source when the source holds it as is (one line, no
    /// continuation): edits of the arguments are offsets from there.
    #[serde(default)]
    pub args_written_at: Option<usize>,
}

impl Instruction {
    /// JSON (exec) form arguments, if the instruction is written as a JSON array.
    pub fn exec_form(&self) -> Option<Vec<String>> {
        let trimmed = self.args.trim();
        if !trimmed.starts_with('[') {
            return None;
        }
        serde_json::from_str::<Vec<String>>(trimmed).ok()
    }

    /// A `COPY`/`ADD`: the `--from` stage or image, the sources and the destination.
    /// `None` for other instructions and for a copy without a source.
    pub fn copy_args(&self) -> Option<CopyArgs> {
        if self.keyword != "COPY" && self.keyword != "ADD" {
            return None;
        }
        let mut from = None;
        let mut paths = Vec::new();
        for word in self.words() {
            match word.strip_prefix("--") {
                Some(flag) => {
                    if let Some(stage) = flag.strip_prefix("from=") {
                        from = Some(stage.to_string());
                    }
                }
                None => paths.push(word),
            }
        }
        let dest = paths.pop()?;
        if paths.is_empty() {
            return None;
        }
        Some(CopyArgs {
            from,
            sources: paths,
            dest,
        })
    }

    /// The command words: exec form as given, shell form split on whitespace.
    pub fn words(&self) -> Vec<String> {
        self.exec_form()
            .unwrap_or_else(|| self.args.split_whitespace().map(str::to_string).collect())
    }
}

/// The parts of a `COPY`/`ADD` instruction.
#[derive(Debug, Clone)]
pub struct CopyArgs {
    /// `--from=<stage or image>`.
    pub from: Option<String>,
    pub sources: Vec<String>,
    pub dest: String,
}

#[derive(Serialize, Deserialize, Debug, Clone)]
pub struct Stage {
    /// The base image (`node:20-alpine`) or the name of an earlier stage.
    pub base: String,
    pub name: Option<String>,
    /// The FROM instruction's span.
    pub range: Range<usize>,
    pub instructions: Vec<Instruction>,
}

#[derive(Serialize, Deserialize, Debug, Clone, Default)]
pub struct Dockerfile {
    pub stages: Vec<Stage>,
    /// `ARG`s before the first FROM.
    pub global_args: Vec<Instruction>,
}

impl Dockerfile {
    pub fn final_stage(&self) -> Option<&Stage> {
        self.stages.last()
    }

    /// The stage a build targets (`build.target` in compose), or the final stage.
    pub fn target_index(&self, target: Option<&str>) -> Option<usize> {
        match target {
            Some(name) => self
                .stages
                .iter()
                .position(|s| s.name.as_deref() == Some(name)),
            None => self.stages.len().checked_sub(1),
        }
    }

    /// A stage and the earlier stages it is built `FROM`, nearest first.
    pub fn lineage(&self, index: usize) -> Vec<&Stage> {
        let mut out = Vec::new();
        let mut current = Some(index);
        while let Some(i) = current {
            let Some(stage) = self.stages.get(i) else {
                break;
            };
            if out.len() > self.stages.len() {
                break;
            }
            out.push(stage);
            current = self.stages[..i]
                .iter()
                .rposition(|s| s.name.as_deref() == Some(stage.base.as_str()));
        }
        out
    }

    /// `ENV` values of a stage, inherited ones included.
    pub fn env(&self, index: usize) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for stage in self.lineage(index).into_iter().rev() {
            for i in stage.instructions.iter().filter(|i| i.keyword == "ENV") {
                for (k, v) in env_pairs(&i.args) {
                    out.retain(|(ok, _)| *ok != k);
                    out.push((k, v));
                }
            }
        }
        out
    }

    /// The last instruction of a keyword in a stage or the stages it builds on.
    pub fn last_in(&self, index: usize, keyword: &str) -> Option<&Instruction> {
        self.lineage(index)
            .into_iter()
            .find_map(|s| s.instructions.iter().rev().find(|i| i.keyword == keyword))
    }

    /// Ports of `EXPOSE` in the final stage, with the instruction span.
    pub fn exposed_ports(&self) -> Vec<(u16, Range<usize>)> {
        self.target_index(None)
            .map_or_else(Vec::new, |i| self.exposed_ports_in(i))
    }

    /// Ports of `EXPOSE` in a stage and the stages it builds on.
    pub fn exposed_ports_in(&self, index: usize) -> Vec<(u16, Range<usize>)> {
        let mut out = Vec::new();
        for i in self
            .lineage(index)
            .into_iter()
            .flat_map(|s| s.instructions.iter())
        {
            if i.keyword == "EXPOSE" {
                for word in i.args.split_whitespace() {
                    let port = word.split('/').next().unwrap_or("");
                    if let Ok(p) = port.parse::<u16>() {
                        out.push((p, i.range.clone()));
                    }
                }
            }
        }
        out
    }

    /// The last instruction of a keyword in the final stage (CMD, ENTRYPOINT).
    pub fn last(&self, keyword: &str) -> Option<&Instruction> {
        self.final_stage()?
            .instructions
            .iter()
            .rev()
            .find(|i| i.keyword == keyword)
    }
}

/// Parses a Dockerfile. Unknown instructions are kept; nothing is an error.
pub fn parse(text: &str) -> Dockerfile {
    let mut file = Dockerfile::default();
    let bytes = text.as_bytes();
    let mut pos = 0;
    let mut escape = b'\\';
    let mut first_line = true;
    while pos < bytes.len() {
        let line_end = find_byte(bytes, pos, b'\n').unwrap_or(bytes.len());
        let line = &text[pos..line_end];
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            // Parser directive `# escape=`` ` on the first lines.
            if first_line {
                if let Some(rest) = trimmed.strip_prefix('#') {
                    let rest = rest.trim();
                    if let Some(value) = rest.strip_prefix("escape=") {
                        if value.trim() == "`" {
                            escape = b'`';
                        }
                    }
                }
            }
            pos = line_end + 1;
            continue;
        }
        first_line = false;
        let start = pos + (line.len() - trimmed.len());
        let keyword_len = trimmed
            .find(|c: char| c.is_whitespace())
            .unwrap_or(trimmed.len());
        let keyword = trimmed[..keyword_len].to_ascii_uppercase();
        let args_start = start + keyword_len;
        // Gather continued lines.
        let mut args = String::new();
        let mut cursor = args_start;
        let mut end;
        loop {
            let segment_end = find_byte(bytes, cursor, b'\n').unwrap_or(bytes.len());
            let segment = &text[cursor..segment_end];
            let content = segment.trim_end_matches('\r');
            let continued = content.trim_end().as_bytes().last() == Some(&escape);
            if continued {
                let without = content.trim_end();
                args.push_str(&without[..without.len() - 1]);
                args.push(' ');
            } else {
                args.push_str(content);
            }
            end = segment_end;
            if !continued || segment_end >= bytes.len() {
                break;
            }
            cursor = segment_end + 1;
            // Comment lines inside a continuation are skipped.
            while cursor < bytes.len() {
                let next_end = find_byte(bytes, cursor, b'\n').unwrap_or(bytes.len());
                let next = text[cursor..next_end].trim_start();
                if next.starts_with('#') {
                    cursor = next_end + 1;
                } else {
                    break;
                }
            }
            if cursor >= bytes.len() {
                break;
            }
        }
        // Heredocs (`RUN <<EOF ... EOF`): the body belongs to the instruction.
        if let Some(marker) = heredoc_marker(&args) {
            let mut body_pos = end + 1;
            while body_pos < bytes.len() {
                let body_end = find_byte(bytes, body_pos, b'\n').unwrap_or(bytes.len());
                let body_line = &text[body_pos..body_end];
                end = body_end;
                if body_line.trim() == marker {
                    break;
                }
                args.push('\n');
                args.push_str(body_line);
                body_pos = body_end + 1;
            }
        }
        let args = args.trim().to_string();
        let args_written_at = text.get(args_start..).and_then(|rest| {
            let at = args_start + (rest.len() - rest.trim_start().len());
            (text.get(at..at + args.len()) == Some(args.as_str())).then_some(at)
        });
        let instruction = Instruction {
            keyword: keyword.clone(),
            args_written_at,
            args,
            range: start..end.min(text.len()),
            args_range: args_start.min(end)..end.min(text.len()),
        };
        if keyword == "FROM" {
            let words: Vec<&str> = instruction
                .args
                .split_whitespace()
                .filter(|w| !w.starts_with("--"))
                .collect();
            let base = words.first().map(|w| w.to_string()).unwrap_or_default();
            let name = match words.as_slice() {
                [_, as_kw, name, ..] if as_kw.eq_ignore_ascii_case("as") => Some(name.to_string()),
                _ => None,
            };
            file.stages.push(Stage {
                base,
                name,
                range: instruction.range.clone(),
                instructions: Vec::new(),
            });
        } else if let Some(stage) = file.stages.last_mut() {
            stage.instructions.push(instruction);
        } else {
            file.global_args.push(instruction);
        }
        pos = end + 1;
    }
    file
}

/// `ENV A=1 B="two"` and the legacy `ENV A 1`.
pub fn env_pairs(args: &str) -> Vec<(String, String)> {
    let args = args.trim();
    let first = args.split_whitespace().next().unwrap_or("");
    if !first.contains('=') {
        let mut parts = args.splitn(2, char::is_whitespace);
        let key = parts.next().unwrap_or("").to_string();
        let value = parts
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches('"')
            .to_string();
        return if key.is_empty() {
            Vec::new()
        } else {
            vec![(key, value)]
        };
    }
    let mut out = Vec::new();
    let mut rest = args;
    while !rest.is_empty() {
        let Some(eq) = rest.find('=') else { break };
        let key = rest[..eq].trim().to_string();
        let after = &rest[eq + 1..];
        let (value, next) = if let Some(quoted) = after.strip_prefix('"') {
            let end = quoted.find('"').unwrap_or(quoted.len());
            (
                quoted[..end].to_string(),
                quoted.get(end + 1..).unwrap_or(""),
            )
        } else {
            let end = after.find(char::is_whitespace).unwrap_or(after.len());
            (after[..end].to_string(), &after[end..])
        };
        if !key.is_empty() {
            out.push((key, value));
        }
        rest = next.trim_start();
    }
    out
}

fn heredoc_marker(args: &str) -> Option<String> {
    let at = args.find("<<")?;
    let rest = args[at + 2..].trim_start_matches('-');
    let marker: String = rest
        .trim_matches(|c| c == '"' || c == '\'')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    (!marker.is_empty()).then_some(marker)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_and_continuations() {
        let text = "# syntax=docker/dockerfile:1\nFROM node:20 AS build\nWORKDIR /app\nRUN npm ci \\\n  # comment\n  && npm run build\nFROM node:20-slim\nCOPY --from=build /app/dist ./dist\nEXPOSE 3000/tcp 9229\nCMD [\"node\", \"dist/server.js\"]\n";
        let df = parse(text);
        assert_eq!(df.stages.len(), 2);
        assert_eq!(df.stages[0].name.as_deref(), Some("build"));
        let run = &df.stages[0].instructions[1];
        assert_eq!(run.keyword, "RUN");
        assert!(run.args.contains("npm ci") && run.args.contains("npm run build"));
        assert_eq!(&text[run.range.clone()][..6], "RUN np");
        let ports: Vec<u16> = df.exposed_ports().iter().map(|p| p.0).collect();
        assert_eq!(ports, vec![3000, 9229]);
        assert_eq!(
            df.last("CMD").unwrap().exec_form().unwrap(),
            vec!["node", "dist/server.js"]
        );
    }

    #[test]
    fn heredoc_body_is_part_of_run() {
        let df = parse("FROM alpine\nRUN <<EOF\napk add curl\nEOF\nCMD sh\n");
        let stage = &df.stages[0];
        assert_eq!(stage.instructions.len(), 2);
        assert!(stage.instructions[0].args.contains("apk add curl"));
    }
}
