//! A file's function summaries as the project keeps them: decoded on first use. A run that
//! takes most files from the result cache reads the summaries of only the files a question
//! reaches (a one-file run asks about the named file and the modules its calls lead to),
//! so the others stay in their encoded form.
//!
//! Each also carries its link hash: a hash of what the summaries link by, that is all of
//! them but positions (ranges, lines, labels and the findings a held connection would
//! give). Two texts of a file whose summaries have the same link hash link the same way
//! across the project (`summary_model`), whatever moved inside them.

use std::fmt;
use std::sync::OnceLock;

use serde::de::{self, SeqAccess, Visitor};
use serde::ser::SerializeTuple;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::facts::summaries::FileSummaries;
use crate::util::content_hash;

pub struct LazySummaries {
    link_hash: u64,
    /// The summaries encoded (postcard), as a cache entry held them; empty when they were
    /// gathered by this run.
    encoded: Box<[u8]>,
    /// The summaries; `None` inside when the encoded form does not decode (then the file
    /// counts as summarising nothing).
    decoded: OnceLock<Option<FileSummaries>>,
}

impl LazySummaries {
    /// Summaries gathered by this run.
    pub fn new(summaries: FileSummaries) -> LazySummaries {
        LazySummaries {
            link_hash: link_hash(&summaries),
            encoded: Box::default(),
            decoded: OnceLock::from(Some(summaries)),
        }
    }

    /// The summaries, decoded now if they were not.
    pub fn get(&self) -> Option<&FileSummaries> {
        self.decoded
            .get_or_init(|| postcard::from_bytes(&self.encoded).ok())
            .as_ref()
    }

    /// The hash of what the summaries link by (everything but positions).
    pub fn link_hash(&self) -> u64 {
        self.link_hash
    }
}

/// The hash of the summaries with every position cleared: what they link by.
fn link_hash(summaries: &FileSummaries) -> u64 {
    let mut summaries = summaries.clone();
    for function in &mut summaries.functions {
        if let Some(query) = &mut function.query {
            query.range = 0..0;
            query.line = 0;
        }
        if let Some(pooled) = &mut function.pooled {
            pooled.range = 0..0;
            pooled.line = 0;
        }
        for sink in &mut function.sends {
            sink.range = 0..0;
            sink.line = 0;
        }
    }
    for call in &mut summaries.loop_calls {
        call.range = 0..0;
        call.head = 0..0;
        call.label.clear();
    }
    for call in &mut summaries.error_calls {
        call.range = 0..0;
    }
    for call in &mut summaries.held_calls {
        call.leaks.clear();
    }
    match postcard::to_stdvec(&summaries) {
        Ok(bytes) => content_hash(&bytes),
        // Unencodable summaries link like no others.
        Err(_) => u64::MAX,
    }
}

impl Clone for LazySummaries {
    fn clone(&self) -> LazySummaries {
        LazySummaries {
            link_hash: self.link_hash,
            encoded: self.encoded.clone(),
            decoded: self.decoded.clone(),
        }
    }
}

impl fmt::Debug for LazySummaries {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LazySummaries")
            .field("link_hash", &self.link_hash)
            .field("summaries", &self.get())
            .finish()
    }
}

/// Bytes written as one string of bytes (not a sequence of numbers).
struct Bytes<'a>(&'a [u8]);

impl Serialize for Bytes<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(self.0)
    }
}

/// Written as the link hash and the encoded summaries: a cache entry read back keeps them
/// encoded until they are asked for.
impl Serialize for LazySummaries {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let fresh;
        let encoded: &[u8] = if self.encoded.is_empty() {
            fresh = match self.decoded.get() {
                Some(Some(summaries)) => {
                    postcard::to_stdvec(summaries).map_err(serde::ser::Error::custom)?
                }
                _ => Vec::new(),
            };
            &fresh
        } else {
            &self.encoded
        };
        let mut tuple = serializer.serialize_tuple(2)?;
        tuple.serialize_element(&self.link_hash)?;
        tuple.serialize_element(&Bytes(encoded))?;
        tuple.end()
    }
}

struct OwnedBytes(Vec<u8>);

impl<'de> Deserialize<'de> for OwnedBytes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<OwnedBytes, D::Error> {
        struct BytesVisitor;
        impl<'de> Visitor<'de> for BytesVisitor {
            type Value = OwnedBytes;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("bytes")
            }
            fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<OwnedBytes, E> {
                Ok(OwnedBytes(v.to_vec()))
            }
            fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<OwnedBytes, E> {
                Ok(OwnedBytes(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<OwnedBytes, A::Error> {
                let mut bytes = Vec::new();
                while let Some(b) = seq.next_element::<u8>()? {
                    bytes.push(b);
                }
                Ok(OwnedBytes(bytes))
            }
        }
        deserializer.deserialize_bytes(BytesVisitor)
    }
}

impl<'de> Deserialize<'de> for LazySummaries {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<LazySummaries, D::Error> {
        struct LazyVisitor;
        impl<'de> Visitor<'de> for LazyVisitor {
            type Value = LazySummaries;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a link hash and encoded summaries")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<LazySummaries, A::Error> {
                let link_hash: u64 = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(0, &self))?;
                let encoded: OwnedBytes = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(1, &self))?;
                Ok(LazySummaries {
                    link_hash,
                    encoded: encoded.0.into_boxed_slice(),
                    decoded: OnceLock::new(),
                })
            }
        }
        deserializer.deserialize_tuple(2, LazyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::summaries::{CallSite, FunctionSummary, LoopCall, QuerySite};

    fn summaries(query_at: usize, callee: &str) -> FileSummaries {
        FileSummaries {
            functions: vec![
                FunctionSummary::default(),
                FunctionSummary {
                    name: "find_order".into(),
                    params: vec!["id".into()],
                    query: Some(QuerySite {
                        callee: "db.query".into(),
                        range: query_at..query_at + 8,
                        line: query_at / 10,
                    }),
                    calls: vec![CallSite {
                        callee: callee.into(),
                        passes_values: true,
                    }],
                    ..FunctionSummary::default()
                },
            ],
            loop_calls: vec![LoopCall {
                function: 1,
                callee: callee.into(),
                range: query_at..query_at + 3,
                head: 0..query_at,
                label: format!("loop at {query_at}"),
            }],
            ..FileSummaries::default()
        }
    }

    #[test]
    fn positions_do_not_change_the_link_hash_and_calls_do() {
        let before = LazySummaries::new(summaries(10, "load"));
        let moved = LazySummaries::new(summaries(250, "load"));
        let other = LazySummaries::new(summaries(10, "store"));
        assert_eq!(before.link_hash(), moved.link_hash());
        assert_ne!(before.link_hash(), other.link_hash());
    }

    #[test]
    fn encoded_summaries_read_back_as_written() {
        let lazy = LazySummaries::new(summaries(42, "load"));
        let bytes = postcard::to_stdvec(&lazy).expect("encodes");
        let back: LazySummaries = postcard::from_bytes(&bytes).expect("decodes");
        assert_eq!(back.link_hash(), lazy.link_hash());
        let read = back.get().expect("summaries decode");
        assert_eq!(read.loop_calls[0].label, "loop at 42");
        assert_eq!(read.functions[1].name, "find_order");
        // Written again as read: the same bytes.
        assert_eq!(postcard::to_stdvec(&back).expect("encodes"), bytes);
    }

    #[test]
    fn summaries_that_do_not_decode_summarise_nothing() {
        let lazy = LazySummaries {
            link_hash: 1,
            encoded: vec![0xff, 0xff, 0xff].into_boxed_slice(),
            decoded: OnceLock::new(),
        };
        assert!(lazy.get().is_none());
    }
}
