//! YAML documents with the byte span of every node, for compose files and Kubernetes
//! manifests. Built from parser events with an explicit stack: no recursion on depth.

use std::collections::HashMap;
use std::ops::Range;

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

use crate::source::LineIndex;

/// Documents deeper than this are rejected with an error instead of being built.
pub const MAX_DEPTH: usize = 256;
/// Bound on nodes created, aliases included (a defence against alias bombs).
const MAX_NODES: usize = 2_000_000;
/// Bound on the bytes of scalar text created, aliases included: an alias of a long string
/// copies the string, so a bomb of few nodes over long scalars is bounded here.
const MAX_SCALAR_BYTES: usize = 64 * 1024 * 1024;

#[derive(Clone, Debug)]
pub enum YamlValue {
    /// A scalar and whether it was written plain (unquoted: may be a number, bool or null).
    Scalar(String, bool),
    Seq(Vec<YamlNode>),
    Map(Vec<(YamlNode, YamlNode)>),
}

#[derive(Clone, Debug)]
pub struct YamlNode {
    pub value: YamlValue,
    pub range: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct YamlError {
    pub offset: usize,
    pub message: String,
}

impl YamlNode {
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            YamlValue::Scalar(s, _) => Some(s),
            _ => None,
        }
    }

    /// A scalar that is null (`~`, `null`, empty plain).
    pub fn is_null(&self) -> bool {
        matches!(&self.value, YamlValue::Scalar(s, true) if s.is_empty() || s == "~" || s == "null" || s == "Null" || s == "NULL")
    }

    pub fn as_seq(&self) -> Option<&[YamlNode]> {
        match &self.value {
            YamlValue::Seq(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&[(YamlNode, YamlNode)]> {
        match &self.value {
            YamlValue::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// Looks a key up in a mapping, following `<<` merge keys.
    pub fn get(&self, key: &str) -> Option<&YamlNode> {
        self.entry(key).map(|(_, v)| v)
    }

    /// The key node and value node of a mapping entry, following `<<` merge keys.
    pub fn entry(&self, key: &str) -> Option<(&YamlNode, &YamlNode)> {
        let entries = self.as_map()?;
        if let Some((k, v)) = entries.iter().find(|(k, _)| k.as_str() == Some(key)) {
            return Some((k, v));
        }
        for (k, v) in entries {
            if k.as_str() != Some("<<") {
                continue;
            }
            let merged = match &v.value {
                YamlValue::Map(_) => v.entry_direct(key),
                YamlValue::Seq(items) => items.iter().find_map(|m| m.entry_direct(key)),
                YamlValue::Scalar(..) => None,
            };
            if merged.is_some() {
                return merged;
            }
        }
        None
    }

    fn entry_direct(&self, key: &str) -> Option<(&YamlNode, &YamlNode)> {
        self.as_map()?
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(k, v)| (k, v))
    }

    /// The entries of a mapping with merge keys expanded (own keys win), in source order.
    pub fn entries(&self) -> Vec<(&YamlNode, &YamlNode)> {
        let Some(entries) = self.as_map() else {
            return Vec::new();
        };
        let mut out: Vec<(&YamlNode, &YamlNode)> = Vec::new();
        for (k, v) in entries {
            if k.as_str() == Some("<<") {
                let sources: Vec<&YamlNode> = match &v.value {
                    YamlValue::Map(_) => vec![v],
                    YamlValue::Seq(items) => items.iter().collect(),
                    YamlValue::Scalar(..) => Vec::new(),
                };
                for source in sources {
                    for (mk, mv) in source.as_map().unwrap_or(&[]) {
                        let key = mk.as_str();
                        let own = entries.iter().any(|(ok, _)| ok.as_str() == key);
                        let already = out.iter().any(|(ok, _)| ok.as_str() == key);
                        if !own && !already {
                            out.push((mk, mv));
                        }
                    }
                }
            } else {
                out.push((k, v));
            }
        }
        out
    }
}

enum Frame {
    Seq(Vec<YamlNode>, usize, usize),
    /// Entries so far, a pending key, start offset, anchor id.
    Map(Vec<(YamlNode, YamlNode)>, Option<YamlNode>, usize, usize),
}

/// Bound on the flow-collection closers `parse` moves up to the line before (see
/// `join_flow_closer`).
const MAX_FLOW_CLOSER_REPAIRS: usize = 64;

/// Parses every document of a YAML stream.
///
/// A flow sequence or mapping whose closing `]` or `}` stands alone on a line at the
/// indentation of its key (`test: [` … `    ]` under `test:`) breaks YAML's indentation rule,
/// but Docker Compose's parser and PyYAML accept it, and compose files in the wild are
/// written so. Such a closer is read as if it ended the line before: the newline before it
/// becomes a space, which keeps every byte offset of the file.
pub fn parse(text: &str, lines: &LineIndex) -> Result<Vec<YamlNode>, YamlError> {
    let first = match parse_once(text, lines) {
        Ok(docs) => return Ok(docs),
        Err(error) => error,
    };
    let mut error = first.clone();
    let mut repaired: Option<String> = None;
    for _ in 0..MAX_FLOW_CLOSER_REPAIRS {
        let current = repaired.as_deref().unwrap_or(text);
        let Some(joined) = join_flow_closer(current, error.offset) else {
            return Err(first);
        };
        match parse_once(&joined, &LineIndex::new(&joined)) {
            Ok(docs) => return Ok(docs),
            Err(next) => {
                error = next;
                repaired = Some(joined);
            }
        }
    }
    Err(first)
}

/// The text with the line break before a lone flow closer replaced by spaces, when the
/// error at `offset` is on (or just after) a line that holds nothing but `]` or `}` (and an
/// optional `,`), and the line before it is content with no comment that would swallow the
/// closer. `None` for any other error.
fn join_flow_closer(text: &str, offset: usize) -> Option<String> {
    let bytes = text.as_bytes();
    let offset = offset.min(bytes.len());
    let line_of = |at: usize| {
        let start = bytes[..at]
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1);
        let end = bytes[at..]
            .iter()
            .position(|b| *b == b'\n')
            .map_or(bytes.len(), |i| at + i);
        (start, end)
    };
    let is_closer_line = |(start, end): (usize, usize)| {
        let line = text[start..end].trim();
        matches!(line, "]" | "}" | "]," | "},")
    };
    let (mut start, mut end) = line_of(offset);
    if !is_closer_line((start, end)) {
        // The parser may mark the end of the line before the closer.
        if end >= bytes.len() {
            return None;
        }
        (start, end) = line_of(end + 1);
        if !is_closer_line((start, end)) {
            return None;
        }
    }
    let newline = start.checked_sub(1)?;
    let (previous_start, _) = line_of(newline);
    let previous = text[previous_start..newline].trim_end_matches('\r');
    if previous.trim().is_empty() || previous.contains('#') {
        return None;
    }
    let mut joined = text.as_bytes().to_vec();
    joined[newline] = b' ';
    if newline > 0 && joined[newline - 1] == b'\r' {
        joined[newline - 1] = b' ';
    }
    String::from_utf8(joined).ok()
}

fn parse_once(text: &str, lines: &LineIndex) -> Result<Vec<YamlNode>, YamlError> {
    let ascii = text.is_ascii();
    let to_byte = |line: usize, col: usize, index: usize| -> usize {
        if ascii {
            index.min(text.len())
        } else {
            lines.offset_of_char_column(text, line, col)
        }
    };
    let span_range = |span: &Span| -> Range<usize> {
        let start = to_byte(span.start.line(), span.start.col(), span.start.index());
        let end = to_byte(span.end.line(), span.end.col(), span.end.index());
        start..end.max(start)
    };

    let mut parser = Parser::new_from_str(text);
    let mut docs = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, YamlNode> = HashMap::new();
    let mut created = 0usize;
    let mut scalar_bytes = 0usize;

    while let Some(result) = parser.next_event() {
        let (event, span) = result.map_err(|e| YamlError {
            offset: to_byte(e.marker().line(), e.marker().col(), e.marker().index()),
            message: e.info().to_string(),
        })?;
        let range = span_range(&span);
        let finished: Option<(YamlNode, usize)> = match event {
            Event::StreamEnd => break,
            Event::SequenceStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(too_deep(range.start));
                }
                stack.push(Frame::Seq(Vec::new(), range.start, anchor));
                None
            }
            Event::MappingStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(too_deep(range.start));
                }
                stack.push(Frame::Map(Vec::new(), None, range.start, anchor));
                None
            }
            Event::SequenceEnd => match stack.pop() {
                Some(Frame::Seq(items, start, anchor)) => {
                    let end = items.last().map_or(range.end, |n| n.range.end.max(start));
                    Some((
                        YamlNode {
                            value: YamlValue::Seq(items),
                            range: start..end,
                        },
                        anchor,
                    ))
                }
                _ => return Err(unexpected(range.start)),
            },
            Event::MappingEnd => match stack.pop() {
                Some(Frame::Map(entries, _, start, anchor)) => {
                    let end = entries
                        .last()
                        .map_or(range.end, |(_, v)| v.range.end.max(start));
                    Some((
                        YamlNode {
                            value: YamlValue::Map(entries),
                            range: start..end,
                        },
                        anchor,
                    ))
                }
                _ => return Err(unexpected(range.start)),
            },
            Event::Scalar(value, style, anchor, _) => {
                scalar_bytes += value.len();
                Some((
                    YamlNode {
                        value: YamlValue::Scalar(value.into_owned(), style == ScalarStyle::Plain),
                        range,
                    },
                    anchor,
                ))
            }
            Event::Alias(id) => match anchors.get(&id) {
                Some(node) => {
                    // Counted before the copy is made: a copy over the budget is never built.
                    let (nodes, bytes) = count_nodes(node);
                    created += nodes;
                    scalar_bytes += bytes;
                    if created > MAX_NODES || scalar_bytes > MAX_SCALAR_BYTES {
                        return Err(too_large(range.start));
                    }
                    Some((node.clone(), 0))
                }
                None => Some((
                    YamlNode {
                        value: YamlValue::Scalar(String::new(), true),
                        range,
                    },
                    0,
                )),
            },
            _ => None,
        };
        let Some((node, anchor)) = finished else {
            continue;
        };
        created += 1;
        if created > MAX_NODES || scalar_bytes > MAX_SCALAR_BYTES {
            return Err(too_large(node.range.start));
        }
        if anchor != 0 {
            anchors.insert(anchor, node.clone());
        }
        match stack.last_mut() {
            None => docs.push(node),
            Some(Frame::Seq(items, ..)) => items.push(node),
            Some(Frame::Map(entries, pending, ..)) => match pending.take() {
                None => *pending = Some(node),
                Some(key) => entries.push((key, node)),
            },
        }
    }
    Ok(docs)
}

fn too_large(offset: usize) -> YamlError {
    YamlError {
        offset,
        message: format!(
            "document too large: aliases expand past {MAX_NODES} nodes or {} MiB of text",
            MAX_SCALAR_BYTES / (1024 * 1024)
        ),
    }
}

/// Number of nodes in a subtree and the bytes of its scalars, counted with an explicit
/// stack.
fn count_nodes(node: &YamlNode) -> (usize, usize) {
    let mut count = 0;
    let mut bytes = 0;
    let mut todo = vec![node];
    while let Some(n) = todo.pop() {
        count += 1;
        match &n.value {
            YamlValue::Scalar(text, _) => bytes += text.len(),
            YamlValue::Seq(items) => todo.extend(items.iter()),
            YamlValue::Map(entries) => {
                for (k, v) in entries {
                    todo.push(k);
                    todo.push(v);
                }
            }
        }
    }
    (count, bytes)
}

fn too_deep(offset: usize) -> YamlError {
    YamlError {
        offset,
        message: format!("nesting deeper than {MAX_DEPTH} levels"),
    }
}

fn unexpected(offset: usize) -> YamlError {
    YamlError {
        offset,
        message: "unbalanced collection end".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Vec<YamlNode> {
        parse(text, &LineIndex::new(text)).unwrap()
    }

    #[test]
    fn spans_point_at_values() {
        let text = "services:\n  web:\n    environment:\n      - A=1\n      B: \"2\"\n";
        let err = parse(text, &LineIndex::new(text));
        assert!(err.is_err(), "mixed list/map is invalid YAML");
        let text = "services:\n  web:\n    image: \"node:20\"\n";
        let docs = load(text);
        let image = docs[0]
            .get("services")
            .unwrap()
            .get("web")
            .unwrap()
            .get("image")
            .unwrap();
        assert_eq!(image.as_str(), Some("node:20"));
        assert_eq!(&text[image.range.clone()], "\"node:20\"");
    }

    #[test]
    fn merge_keys() {
        let text = "x: &base\n  a: 1\n  b: 2\ny:\n  <<: *base\n  b: 3\n";
        let docs = load(text);
        let y = docs[0].get("y").unwrap();
        assert_eq!(y.get("a").and_then(|n| n.as_str()), Some("1"));
        assert_eq!(y.get("b").and_then(|n| n.as_str()), Some("3"));
        assert_eq!(y.entries().len(), 2);
    }

    #[test]
    fn flow_closer_at_the_key_indentation_is_accepted() {
        let text = "services:\n  db:\n    healthcheck:\n      test: [\n          \"CMD-SHELL\",\n          \"pg_isready\",\n      ]\n      interval: 5s\n";
        let docs = load(text);
        let test = docs[0]
            .get("services")
            .and_then(|s| s.get("db"))
            .and_then(|d| d.get("healthcheck"))
            .and_then(|h| h.get("test"))
            .and_then(|t| t.as_seq())
            .map(|items| items.iter().filter_map(|i| i.as_str()).collect::<Vec<_>>());
        assert_eq!(test, Some(vec!["CMD-SHELL", "pg_isready"]));
        let interval = docs[0]
            .get("services")
            .and_then(|s| s.get("db"))
            .and_then(|d| d.get("healthcheck"))
            .and_then(|h| h.get("interval"));
        let range = interval.map(|i| i.range.clone());
        assert_eq!(range.map(|r| &text[r]), Some("5s"));
    }

    #[test]
    fn flow_closer_after_a_comment_line_is_still_an_error() {
        let text = "x:\n  test: [\n      \"a\", # note\n  ]\n";
        assert!(parse(text, &LineIndex::new(text)).is_err());
        let unclosed = "x:\n  test: [\n      \"a\",\n  y: 1\n";
        assert!(parse(unclosed, &LineIndex::new(unclosed)).is_err());
    }

    #[test]
    fn deep_nesting_is_an_error() {
        let text = "[".repeat(50_000);
        assert!(parse(&text, &LineIndex::new(&text)).is_err());
    }
}
