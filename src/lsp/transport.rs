//! Reading LSP messages off a byte stream: header lines up to a blank line, one of them
//! `Content-Length: N`, then N bytes of JSON.
//!
//! Whatever a client sends, reading gives a frame: a request or notification, a malformed
//! frame that the server answers with a JSON-RPC error and then reads on, or the end of the
//! input. Memory stays bounded: a header line is kept up to [`MAX_HEADER_LINE`] bytes and a
//! body up to [`MAX_MESSAGE_SIZE`], and a body grows only as its bytes arrive.

use std::io::{self, BufRead, ErrorKind};

use serde_json::{Value, json};

/// The largest message body read; a longer one is answered with an error and skipped unread.
pub const MAX_MESSAGE_SIZE: usize = 64 * 1024 * 1024;

/// The longest header line kept, terminator included; a longer one is malformed.
pub const MAX_HEADER_LINE: usize = 8 * 1024;

/// How much a body's buffer grows by at least, until it holds the announced length.
const BODY_CHUNK: usize = 64 * 1024;

/// The header field resynchronisation looks for, compared without regard to case. Its first
/// byte occurs nowhere else in it, so a failed match restarts at the byte that broke it.
const CONTENT_LENGTH: &[u8] = b"content-length:";

const PARSE_ERROR: i64 = -32700;
const INVALID_REQUEST: i64 = -32600;

/// What one read gives.
#[derive(Debug, PartialEq)]
pub enum Frame {
    /// A JSON-RPC request or notification: an object with `"jsonrpc": "2.0"`, a string
    /// method, a number or string id if any, and object or array params if any.
    Message(Value),
    /// A frame that is not a message; the server answers it with [`Malformed::response`].
    Malformed(Malformed),
    /// The input ended (or could no longer be read).
    Eof,
}

/// How a frame was malformed.
#[derive(Debug, PartialEq)]
pub enum Malformed {
    /// The header ended without a `Content-Length`.
    NoLength,
    /// A `Content-Length` that is not a byte count, or two that disagree.
    BadLength,
    /// A header line that is not `Name: value` in UTF-8.
    BadHeaderLine,
    /// A header line longer than [`MAX_HEADER_LINE`].
    LongHeaderLine,
    /// A `Content-Length` over the message limit; the body is skipped before the next frame.
    TooLarge { length: u64, limit: usize },
    /// The input ended inside the body.
    Truncated { length: usize, received: usize },
    /// The body is not JSON.
    Json(String),
    /// JSON that is not a request or notification; `id` is its id where it had a usable one.
    Request { id: Value, reason: &'static str },
}

impl Malformed {
    /// The JSON-RPC error code: a parse error when no JSON value could be read, an invalid
    /// request when the value (or its size) is unacceptable.
    pub fn code(&self) -> i64 {
        match self {
            Malformed::NoLength
            | Malformed::BadLength
            | Malformed::BadHeaderLine
            | Malformed::LongHeaderLine
            | Malformed::Truncated { .. }
            | Malformed::Json(_) => PARSE_ERROR,
            Malformed::TooLarge { .. } | Malformed::Request { .. } => INVALID_REQUEST,
        }
    }

    /// The error response: id null unless the message had an id of its own.
    pub fn response(&self) -> Value {
        let id = match self {
            Malformed::Request { id, .. } => id.clone(),
            _ => Value::Null,
        };
        let kind = if self.code() == PARSE_ERROR {
            "Parse error"
        } else {
            "Invalid Request"
        };
        let detail = match self {
            Malformed::NoLength => "no Content-Length header".to_string(),
            Malformed::BadLength => "Content-Length is not a byte count".to_string(),
            Malformed::BadHeaderLine => "header line is not `Name: value`".to_string(),
            Malformed::LongHeaderLine => {
                format!("header line over the {MAX_HEADER_LINE} byte limit")
            }
            Malformed::TooLarge { length, limit } => format!(
                "message of {length} bytes is over the {limit} byte limit; its body is skipped"
            ),
            Malformed::Truncated { length, received } => {
                format!("input ended after {received} of {length} body bytes")
            }
            Malformed::Json(error) => error.clone(),
            Malformed::Request { reason, .. } => (*reason).to_string(),
        };
        json!({
            "jsonrpc": "2.0",
            "id": id,
            "error": {"code": self.code(), "message": format!("{kind}: {detail}")},
        })
    }
}

/// Reads frames off `reader`.
pub struct Transport<R> {
    reader: R,
    limit: usize,
    /// Bytes of an over-limit body still to skip.
    skip: u64,
    /// Set when a frame's end is unknown: the next frame starts at the next
    /// `Content-Length:` in the input, wherever it is (a body is followed by the next
    /// header on the same line).
    resync: bool,
}

enum Header {
    Length(u64),
    Malformed(Malformed),
    Eof,
}

enum Line {
    Complete,
    TooLong,
    Eof,
}

impl<R: BufRead> Transport<R> {
    pub fn new(reader: R) -> Self {
        Self::with_limit(reader, MAX_MESSAGE_SIZE)
    }

    fn with_limit(reader: R, limit: usize) -> Self {
        Transport {
            reader,
            limit,
            skip: 0,
            resync: false,
        }
    }

    /// The next frame. After [`Frame::Eof`] every read gives [`Frame::Eof`].
    pub fn read_frame(&mut self) -> Frame {
        // A read error other than an interruption leaves nothing more to read.
        self.try_read_frame().unwrap_or(Frame::Eof)
    }

    fn try_read_frame(&mut self) -> io::Result<Frame> {
        if self.skip > 0 {
            let left = skip(&mut self.reader, self.skip)?;
            self.skip = left;
            if left > 0 {
                return Ok(Frame::Eof);
            }
        }
        let length = match self.read_header()? {
            Header::Length(length) => length,
            Header::Malformed(problem) => {
                self.resync = true;
                return Ok(Frame::Malformed(problem));
            }
            Header::Eof => return Ok(Frame::Eof),
        };
        let Some(length) = usize::try_from(length).ok().filter(|&l| l <= self.limit) else {
            self.skip = length;
            return Ok(Frame::Malformed(Malformed::TooLarge {
                length,
                limit: self.limit,
            }));
        };
        let body = read_body(&mut self.reader, length)?;
        if body.len() < length {
            return Ok(Frame::Malformed(Malformed::Truncated {
                length,
                received: body.len(),
            }));
        }
        let value = match serde_json::from_slice::<Value>(&body) {
            Ok(value) => value,
            Err(error) => {
                // A wrong length also gives a body that is not JSON: find the next header.
                self.resync = true;
                return Ok(Frame::Malformed(Malformed::Json(error.to_string())));
            }
        };
        Ok(match check_request(value) {
            Ok(message) => Frame::Message(message),
            Err(problem) => Frame::Malformed(problem),
        })
    }

    /// Reads header lines up to the blank line that ends them, or up to the first line that
    /// makes the header malformed. Blank lines before the first field are skipped.
    fn read_header(&mut self) -> io::Result<Header> {
        let mut line = Vec::new();
        if self.resync {
            if !skip_to_content_length(&mut self.reader)? {
                return Ok(Header::Eof);
            }
            self.resync = false;
            line.extend_from_slice(b"Content-Length:");
        }
        let mut length = None;
        let mut fields = false;
        loop {
            match read_line(&mut self.reader, &mut line, MAX_HEADER_LINE)? {
                Line::Complete => {}
                Line::TooLong => return Ok(Header::Malformed(Malformed::LongHeaderLine)),
                Line::Eof => return Ok(Header::Eof),
            }
            let Ok(text) = std::str::from_utf8(&line) else {
                return Ok(Header::Malformed(Malformed::BadHeaderLine));
            };
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                if fields {
                    break;
                }
                line.clear();
                continue;
            }
            fields = true;
            let Some((name, value)) = text.split_once(':') else {
                return Ok(Header::Malformed(Malformed::BadHeaderLine));
            };
            if name.eq_ignore_ascii_case("Content-Length") {
                let value = value.trim();
                let parsed = Some(value)
                    .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
                    .and_then(|v| v.parse::<u64>().ok());
                match (parsed, length) {
                    (Some(n), None) => length = Some(n),
                    (Some(n), Some(m)) if n == m => {}
                    _ => return Ok(Header::Malformed(Malformed::BadLength)),
                }
            }
            line.clear();
        }
        Ok(match length {
            Some(length) => Header::Length(length),
            None => Header::Malformed(Malformed::NoLength),
        })
    }
}

/// The reader's buffered bytes, retrying an interrupted read; empty at end of input.
fn fill(reader: &mut impl BufRead) -> io::Result<&[u8]> {
    loop {
        match reader.fill_buf() {
            Err(error) if error.kind() == ErrorKind::Interrupted => {}
            // Reborrowed through a second call: the first borrow ends with this arm.
            Ok(_) => return reader.fill_buf(),
            Err(error) => return Err(error),
        }
    }
}

/// Reads through the next newline, appending to `line` while it stays within `max` bytes.
/// A longer line is read to its end and dropped. A line cut off by the end of the input
/// gives [`Line::Eof`].
fn read_line(reader: &mut impl BufRead, line: &mut Vec<u8>, max: usize) -> io::Result<Line> {
    let mut too_long = false;
    loop {
        let available = fill(reader)?;
        if available.is_empty() {
            return Ok(Line::Eof);
        }
        let end = memchr::memchr(b'\n', available);
        let used = end.map_or(available.len(), |i| i + 1);
        if !too_long {
            if line.len() + used > max {
                too_long = true;
                line.clear();
            } else {
                line.extend_from_slice(&available[..used]);
            }
        }
        reader.consume(used);
        if end.is_some() {
            return Ok(if too_long {
                Line::TooLong
            } else {
                Line::Complete
            });
        }
    }
}

/// Reads up to `length` bytes, fewer if the input ends first. The buffer grows with the
/// bytes received, never past `length`.
fn read_body(reader: &mut impl BufRead, length: usize) -> io::Result<Vec<u8>> {
    let mut body = Vec::new();
    while body.len() < length {
        let available = fill(reader)?;
        if available.is_empty() {
            break;
        }
        let remaining = length - body.len();
        let used = available.len().min(remaining);
        if body.capacity() - body.len() < used {
            body.reserve_exact(body.len().max(BODY_CHUNK).max(used).min(remaining));
        }
        body.extend_from_slice(&available[..used]);
        reader.consume(used);
    }
    Ok(body)
}

/// Discards up to `count` bytes, a buffer at a time; returns how many the input ended short.
fn skip(reader: &mut impl BufRead, mut count: u64) -> io::Result<u64> {
    while count > 0 {
        let available = fill(reader)?.len();
        if available == 0 {
            break;
        }
        let used = usize::try_from(count).map_or(available, |c| c.min(available));
        reader.consume(used);
        count -= used as u64;
    }
    Ok(count)
}

/// Discards input up to and including the next `Content-Length:`; false if the input ends
/// first.
fn skip_to_content_length(reader: &mut impl BufRead) -> io::Result<bool> {
    let mut matched = 0;
    loop {
        let available = fill(reader)?;
        if available.is_empty() {
            return Ok(false);
        }
        let mut used = 0;
        for &byte in available {
            used += 1;
            if byte.eq_ignore_ascii_case(&CONTENT_LENGTH[matched]) {
                matched += 1;
                if matched == CONTENT_LENGTH.len() {
                    reader.consume(used);
                    return Ok(true);
                }
            } else {
                matched = usize::from(byte.eq_ignore_ascii_case(&CONTENT_LENGTH[0]));
            }
        }
        reader.consume(used);
    }
}

/// Accepts a JSON-RPC 2.0 request or notification.
fn check_request(value: Value) -> Result<Value, Malformed> {
    let invalid = |id: &Value, reason| Malformed::Request {
        id: id.clone(),
        reason,
    };
    let Value::Object(fields) = &value else {
        return Err(invalid(
            &Value::Null,
            "expected a request or notification object",
        ));
    };
    let id = match fields.get("id") {
        None => &Value::Null,
        Some(id @ (Value::Number(_) | Value::String(_))) => id,
        Some(_) => return Err(invalid(&Value::Null, "id must be a number or a string")),
    };
    if fields.get("jsonrpc").and_then(Value::as_str) != Some("2.0") {
        return Err(invalid(id, "jsonrpc must be \"2.0\""));
    }
    match fields.get("method") {
        Some(Value::String(_)) => {}
        Some(_) => return Err(invalid(id, "method must be a string")),
        None => return Err(invalid(id, "no method")),
    }
    match fields.get("params") {
        None | Some(Value::Object(_) | Value::Array(_)) => {}
        Some(_) => return Err(invalid(id, "params must be an object or an array")),
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use std::io::{BufReader, Cursor};

    use super::*;

    const VALID: &str = r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#;

    fn frame(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    fn valid() -> Value {
        serde_json::from_str(VALID).unwrap()
    }

    /// All frames of `input` up to the end, read through a small buffer so that lines and
    /// patterns straddle buffer boundaries.
    fn frames(input: Vec<u8>, limit: usize) -> Vec<Frame> {
        let reader = BufReader::with_capacity(7, Cursor::new(input));
        let mut transport = Transport::with_limit(reader, limit);
        let mut out = Vec::new();
        loop {
            let frame = transport.read_frame();
            if frame == Frame::Eof {
                assert_eq!(transport.read_frame(), Frame::Eof);
                return out;
            }
            out.push(frame);
            assert!(out.len() < 100, "no end: {out:?}");
        }
    }

    /// `bad` then a valid message: the bad part gives `expected`, the message is read.
    fn then_valid(bad: &[u8], expected: Malformed) {
        let mut input = bad.to_vec();
        input.extend(frame(VALID));
        assert_eq!(
            frames(input, MAX_MESSAGE_SIZE),
            [Frame::Malformed(expected), Frame::Message(valid())],
            "{}",
            String::from_utf8_lossy(bad)
        );
    }

    #[test]
    fn valid_messages() {
        let mut input = frame(VALID);
        input.extend(b"\r\n");
        input.extend(b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n");
        input.extend(frame(r#"{"jsonrpc":"2.0","method":"initialized"}"#));
        input.extend(format!("content-length:{}\n\n{VALID}", VALID.len()).as_bytes());
        assert_eq!(
            frames(input, MAX_MESSAGE_SIZE),
            [
                Frame::Message(valid()),
                Frame::Message(json!({"jsonrpc": "2.0", "method": "initialized"})),
                Frame::Message(valid()),
            ]
        );
    }

    #[test]
    fn malformed_headers() {
        then_valid(b"Content-Length: abc\r\n\r\n{}", Malformed::BadLength);
        then_valid(b"Content-Length: -5\r\n\r\n{}", Malformed::BadLength);
        then_valid(b"Content-Length:\r\n\r\n", Malformed::BadLength);
        then_valid(
            b"Content-Length: 99999999999999999999999\r\n\r\n{}",
            Malformed::BadLength,
        );
        then_valid(
            b"Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
            Malformed::BadLength,
        );
        then_valid(
            b"Content-Type: application/json\r\n\r\n{\"a\": 1}",
            Malformed::NoLength,
        );
        // The message's own header follows the bad line: the message is still read.
        then_valid(b"garbage\r\n", Malformed::BadHeaderLine);
        then_valid(b"\xff\xfe: 1\r\n\r\n", Malformed::BadHeaderLine);
    }

    #[test]
    fn long_header_line_is_dropped_as_read() {
        let mut line = vec![b'x'; 3 * MAX_HEADER_LINE];
        line.extend(b"\r\n");
        then_valid(&line, Malformed::LongHeaderLine);
        // Exactly at the limit is still a line.
        let mut line = b"X-Pad: ".to_vec();
        line.resize(MAX_HEADER_LINE - 2, b'x');
        line.extend(b"\r\n");
        line.extend(frame(VALID));
        assert_eq!(frames(line, MAX_MESSAGE_SIZE), [Frame::Message(valid())]);
        // Without a newline the line runs to the end of the input.
        assert_eq!(
            frames(vec![b'x'; 3 * MAX_HEADER_LINE], MAX_MESSAGE_SIZE),
            []
        );
    }

    #[test]
    fn huge_length_is_answered_and_skipped() {
        let limit = 100;
        let body = format!(
            r#"{{"jsonrpc":"2.0","method":"x","params":"{}"}}"#,
            "a".repeat(200)
        );
        let mut input = frame(&body);
        input.extend(frame(VALID));
        assert_eq!(
            frames(input, limit),
            [
                Frame::Malformed(Malformed::TooLarge {
                    length: body.len() as u64,
                    limit
                }),
                Frame::Message(valid()),
            ]
        );
        // The real limit, with no body behind it: answered, then the end.
        let input = b"Content-Length: 100000000000000\r\n\r\n{}".to_vec();
        assert_eq!(
            frames(input, MAX_MESSAGE_SIZE),
            [Frame::Malformed(Malformed::TooLarge {
                length: 100_000_000_000_000,
                limit: MAX_MESSAGE_SIZE
            })]
        );
        let reply = Malformed::TooLarge {
            length: 100_000_000_000_000,
            limit: MAX_MESSAGE_SIZE,
        }
        .response();
        assert_eq!(reply["error"]["code"], INVALID_REQUEST);
        assert!(
            reply["error"]["message"]
                .as_str()
                .unwrap()
                .contains("67108864 byte limit")
        );
    }

    #[test]
    fn short_body() {
        // The input ends inside the body.
        let input = b"Content-Length: 50\r\n\r\n{\"jsonrpc\":\"2.0\"".to_vec();
        assert_eq!(
            frames(input, MAX_MESSAGE_SIZE),
            [Frame::Malformed(Malformed::Truncated {
                length: 50,
                received: 16
            })]
        );
        // A length too long takes in the start of the next frame: that one is lost, the one
        // after it is read.
        let mut input = b"Content-Length: 30\r\n\r\n{}".to_vec();
        input.extend(frame(VALID));
        input.extend(frame(VALID));
        let read = frames(input, MAX_MESSAGE_SIZE);
        assert!(
            matches!(read[0], Frame::Malformed(Malformed::Json(_))),
            "{read:?}"
        );
        assert_eq!(read[1..], [Frame::Message(valid())]);
    }

    #[test]
    fn invalid_json() {
        for body in ["{bad}", "{\"a\": ", "\u{0}", "[1, 2"] {
            let read = frames([frame(body), frame(VALID)].concat(), MAX_MESSAGE_SIZE);
            assert!(
                matches!(read[0], Frame::Malformed(Malformed::Json(_))),
                "{read:?}"
            );
            assert_eq!(read[1..], [Frame::Message(valid())]);
        }
        let reply = Malformed::Json("expected value".into()).response();
        assert_eq!(
            reply,
            json!({"jsonrpc": "2.0", "id": null, "error": {"code": -32700, "message": "Parse error: expected value"}})
        );
    }

    #[test]
    fn json_that_is_not_a_request() {
        let cases = [
            ("[]", Value::Null),
            ("5", Value::Null),
            (r#""initialize""#, Value::Null),
            (r#"{"jsonrpc":"2.0","id":{},"method":"x"}"#, Value::Null),
            (r#"{"jsonrpc":"2.0","id":null,"method":"x"}"#, Value::Null),
            (r#"{"jsonrpc":"2.0","method":5}"#, Value::Null),
            (r#"{"jsonrpc":"2.0","id":3}"#, json!(3)),
            (r#"{"id":"a","method":"x"}"#, json!("a")),
            (r#"{"jsonrpc":"1.0","id":4,"method":"x"}"#, json!(4)),
            (
                r#"{"jsonrpc":"2.0","id":5,"method":"x","params":"p"}"#,
                json!(5),
            ),
            (
                r#"{"jsonrpc":"2.0","method":"x","params":null}"#,
                Value::Null,
            ),
        ];
        for (body, id) in cases {
            let read = frames([frame(body), frame(VALID)].concat(), MAX_MESSAGE_SIZE);
            let Frame::Malformed(problem @ Malformed::Request { .. }) = &read[0] else {
                panic!("{body}: {read:?}");
            };
            let reply = problem.response();
            assert_eq!(reply["id"], id, "{body}");
            assert_eq!(reply["error"]["code"], INVALID_REQUEST, "{body}");
            assert_eq!(read[1..], [Frame::Message(valid())], "{body}");
        }
    }

    #[test]
    fn end_of_input() {
        assert_eq!(frames(Vec::new(), MAX_MESSAGE_SIZE), []);
        assert_eq!(
            frames(b"Content-Length: 5\r\n".to_vec(), MAX_MESSAGE_SIZE),
            []
        );
        assert_eq!(frames(b"\r\n\r\n".to_vec(), MAX_MESSAGE_SIZE), []);
        // After a malformed header, nothing more to resynchronise on.
        assert_eq!(
            frames(b"Content-Length: x\r\n\r\n{}".to_vec(), MAX_MESSAGE_SIZE),
            [Frame::Malformed(Malformed::BadLength)]
        );
    }
}
