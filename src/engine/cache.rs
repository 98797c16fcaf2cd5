//! The result cache: per file, what the per-file phase gave (its findings before
//! suppressions, its suppressions, its standing and its project facts), kept between runs
//! in one file under the cache directory, so that a run reads, parses and walks only the
//! files whose content changed and runs the project phase on the facts of the others.
//!
//! A file's entry is used only when everything its per-file result depends on is the same:
//! backlint's build, the file's path (as given, as shown and relative to its root), the
//! way it is read (kind, Caddy fragment), its configuration and the run's rules
//! (`Engine::cache_keys`), and its content (a hash; the file's size and modification time
//! stand for it when they are older than the run that hashed it). What depends on other
//! files (packages, topology, project rules, imports) is recomputed by the project phase
//! every run, but for the summary model's links (`links-*`), kept under a key made of every
//! file's path and link hash (`summary_model::Links`): adopted only for a project that links
//! as the one they were computed for. The cache holds no file content: findings hold
//! what the output shows, and the text they need is read from the file again.

use std::hash::{Hash, Hasher};
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::facts::FileFacts;
use crate::facts::summary_model::Links;
use crate::lang::FileKind;
use crate::roles::Roles;
use crate::rules::TestStatus;
use crate::suppress::Suppression;
use crate::util::FastMap;

/// The first word of a cache file; the number changes when the layout does.
const MAGIC: &str = "backlint-cache-4";

/// The name of the cache directory at a project's root.
pub const DEFAULT_DIR: &str = ".backlint_cache";

/// Where a file's modification time is trusted to stand for its content: only when it is
/// older than the run that hashed the content by more than this (a file written twice in
/// one tick of a coarse clock keeps its time).
pub(super) const RACY_NANOS: u128 = 2_000_000_000;

/// What a file's per-file result depends on, besides its content.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct EntryKey {
    /// As the walk spelled it.
    pub(super) path: PathBuf,
    pub(super) display: String,
    /// Relative to the root it was found under (test paths and roles match it).
    pub(super) relative: PathBuf,
    pub(super) kind: FileKind,
    pub(super) fragment: bool,
    /// The configuration and the run's rules (`Engine::cache_keys`).
    pub(super) config: u64,
}

/// How a file's lint ended, for what the run counts and notes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(super) enum CachedOutcome {
    Linted { bytes: u64 },
    NotApplicable,
    Binary(usize),
}

/// One file's per-file result.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(super) struct Entry {
    pub(super) key: EntryKey,
    /// `content_hash` of the bytes linted.
    pub(super) content: u64,
    pub(super) size: u64,
    /// Modification time in nanoseconds since the epoch, when the file system gives one.
    pub(super) modified: Option<u128>,
    /// When the run that hashed the content started.
    pub(super) checked_at: u128,
    /// The per-file rules ran (the file was reported on); a file read only as context
    /// gives facts and suppressions, no findings.
    pub(super) findings_complete: bool,
    pub(super) outcome: CachedOutcome,
    /// Counted in `Stats::test_code`.
    pub(super) test_code: bool,
    /// The file's standing when it has suppressions (its configuration is looked up again).
    pub(super) standing: Option<(TestStatus, Roles, bool)>,
    pub(super) suppressions: Vec<Suppression>,
    /// The per-file findings before suppressions, as byte ranges in the file.
    pub(super) diagnostics: Vec<Diagnostic>,
    /// The result keeps the file's text (it has findings or suppressions).
    pub(super) keeps_text: bool,
    /// The file gave facts to the project (kept beside the entry).
    pub(super) has_facts: bool,
    /// The collectors (`CODE_COLLECTORS` slots) that want the file when it is parsed, for a
    /// file nothing else parsed (`Demand::WhenParsed`): the project phase may parse it.
    pub(super) held_for: Vec<usize>,
    /// The entry is the one read at the start of the run, unchanged (not written again
    /// unless something else changed); never stored.
    #[serde(skip)]
    pub(super) as_read: bool,
    /// Linted afresh to another result whose function summaries link as the entry read's
    /// did (`on_demand::same_links`): what the project phase parses on demand is the same.
    /// Never stored.
    #[serde(skip)]
    pub(super) links_as_read: bool,
    /// Where its details are in the cache file read (an entry written again as read copies
    /// them instead of encoding them again). Never stored.
    #[serde(skip)]
    pub(super) details_at: Option<Range<usize>>,
}

impl Entry {
    /// Whether the file on disk still has the content hashed, by its size and modification
    /// time alone.
    pub(super) fn unchanged_on_disk(&self, metadata: Option<&std::fs::Metadata>) -> bool {
        let Some(metadata) = metadata else {
            return false;
        };
        let Some(recorded) = self.modified else {
            return false;
        };
        metadata.is_file()
            && metadata.len() == self.size
            && modified_nanos(metadata) == Some(recorded)
            && recorded.saturating_add(RACY_NANOS) < self.checked_at
    }
}

/// Entries by the file they are of: its path as the walk spelled it, its kind and whether
/// it was read as a Caddy fragment.
type Slot = (String, FileKind, bool);

/// Where a cache is kept between runs: a file, or memory (an editor server keeps its
/// project there between lints).
enum Store {
    File(PathBuf),
    Memory(MemoryCache),
}

/// An entry with the facts its file gave, as a cache kept in memory holds it.
type KeptEntry = (Entry, Option<Arc<FileFacts>>);

/// A result cache kept in memory, shared by the runs given it (`CacheLocation::Memory`):
/// it holds what a cache file holds, as entries and facts ready to use (an editor server's
/// re-lint decodes nothing).
#[derive(Clone, Debug, Default)]
pub struct MemoryCache {
    results: Arc<Mutex<Vec<KeptEntry>>>,
    /// The project's file list (`listing`), as its file holds it.
    pub(super) listing: Arc<Mutex<Vec<u8>>>,
    /// The summary model's links, as the links file holds them.
    links: Arc<Mutex<Option<Links>>>,
}

impl MemoryCache {
    /// Whether the cache keeps an entry for the file at `path`, as a run spells it.
    pub fn holds(&self, path: &Path) -> bool {
        self.results
            .lock()
            .is_ok_and(|kept| kept.iter().any(|(entry, _)| entry.key.path == path))
    }
}

/// The cache of one run: the entries read at its start, taken out as files use them.
pub(super) struct Cache {
    store: Store,
    /// The directory of the cache file (empty in memory).
    dir: PathBuf,
    /// The file the summary model's links are kept in (`Links`), beside the results.
    links_file: PathBuf,
    /// The cache as read: the details of an entry (findings, suppressions, facts) are read
    /// from it only when the entry is taken.
    payload: Vec<u8>,
    /// Per file: its entry, and its details (`Details`). Hashed: a run takes every entry
    /// out by its path, which a tree would compare a dozen times.
    loaded: Mutex<FastMap<Slot, (Entry, Details)>>,
    /// Entries read at the start.
    pub(super) loaded_count: usize,
    pub(super) started: u128,
}

/// Where an entry's details are.
#[derive(Clone)]
enum Details {
    /// In the payload, to be read when the entry is taken.
    InPayload(Range<usize>),
    /// In the entry already, with these facts (a cache kept in memory).
    InEntry(Option<Arc<FileFacts>>),
}

/// What an entry holds besides its scalars, as written (borrowing) and as read (owning):
/// empty for most files, which have neither findings, suppressions nor facts.
#[derive(Serialize)]
struct DetailOut<'a> {
    standing: &'a Option<(TestStatus, Roles, bool)>,
    suppressions: &'a [Suppression],
    diagnostics: &'a [Diagnostic],
    facts: Option<&'a FileFacts>,
}

#[derive(Deserialize)]
struct DetailIn {
    standing: Option<(TestStatus, Roles, bool)>,
    suppressions: Vec<Suppression>,
    diagnostics: Vec<Diagnostic>,
    facts: Option<FileFacts>,
}

impl Cache {
    /// The cache kept in `dir` for a run over these walk roots (absolute), read when it
    /// holds a cache this build wrote; any other content is discarded.
    pub(super) fn open(dir: &Path, roots: &[PathBuf]) -> Cache {
        let mut hasher = std::hash::DefaultHasher::new();
        roots.hash(&mut hasher);
        let roots_hash = hasher.finish();
        let file = dir.join(format!("results-{roots_hash:016x}"));
        let bytes = std::fs::read(&file).unwrap_or_default();
        let mut cache = Cache::from_bytes(bytes, Store::File(file), dir);
        cache.links_file = dir.join(format!("links-{roots_hash:016x}"));
        cache
    }

    /// The cache kept in memory by `memory`.
    pub(super) fn in_memory(memory: &MemoryCache) -> Cache {
        let loaded: FastMap<Slot, (Entry, Details)> = match memory.results.lock() {
            Ok(kept) => kept
                .iter()
                .filter_map(|(entry, facts)| {
                    let slot = (
                        entry.key.path.to_str()?.to_string(),
                        entry.key.kind,
                        entry.key.fragment,
                    );
                    let mut entry = entry.clone();
                    entry.as_read = true;
                    Some((slot, (entry, Details::InEntry(facts.clone()))))
                })
                .collect(),
            Err(_) => FastMap::default(),
        };
        Cache {
            store: Store::Memory(memory.clone()),
            dir: PathBuf::new(),
            links_file: PathBuf::new(),
            payload: Vec::new(),
            loaded_count: loaded.len(),
            loaded: Mutex::new(loaded),
            started: now_nanos(),
        }
    }

    fn from_bytes(bytes: Vec<u8>, store: Store, dir: &Path) -> Cache {
        let (payload, records) = read_index(bytes);
        let loaded: FastMap<Slot, (Entry, Details)> = records
            .into_iter()
            .map(|(slot_path, entry, detail)| {
                (
                    (slot_path, entry.key.kind, entry.key.fragment),
                    (entry, Details::InPayload(detail)),
                )
            })
            .collect();
        Cache {
            store,
            dir: dir.to_path_buf(),
            links_file: PathBuf::new(),
            payload,
            loaded_count: loaded.len(),
            loaded: Mutex::new(loaded),
            started: now_nanos(),
        }
    }

    /// The summary model's links an earlier run kept; none when there are none, or they
    /// were written by another build or do not read back whole.
    pub(super) fn links(&self) -> Option<Links> {
        match &self.store {
            Store::Memory(memory) => memory.links.lock().ok()?.clone(),
            Store::File(_) => {
                let payload = unseal(std::fs::read(&self.links_file).ok()?)?;
                postcard::from_bytes(&payload).ok()
            }
        }
    }

    /// Keeps the summary model's links for the next run (atomically, as the results are).
    pub(super) fn write_links(&self, links: &Links) -> std::io::Result<()> {
        match &self.store {
            Store::Memory(memory) => {
                if let Ok(mut kept) = memory.links.lock() {
                    *kept = Some(links.clone());
                }
                Ok(())
            }
            Store::File(_) => {
                let payload = postcard::to_stdvec(links).map_err(std::io::Error::other)?;
                write_in_cache_dir(&self.dir, &self.links_file, &seal(&payload))
            }
        }
    }

    /// The directory the cache is kept in.
    pub(super) fn dir(&self) -> &Path {
        &self.dir
    }

    /// The entries no file of the run took (files gone, or linted from another text).
    pub(super) fn leftovers(&self) -> Vec<KeptEntry> {
        let taken = match self.loaded.lock() {
            Ok(mut loaded) => std::mem::take(&mut *loaded),
            Err(_) => return Vec::new(),
        };
        // In the order of their files, whatever the hashing.
        let mut taken: Vec<(Slot, (Entry, Details))> = taken.into_iter().collect();
        taken.sort_unstable_by(|(a, _), (b, _)| a.cmp(b));
        taken
            .into_iter()
            .filter_map(|(_, (entry, detail))| self.with_details(entry, detail))
            .collect()
    }

    /// How many entries read at the start no file has taken yet.
    pub(super) fn untaken(&self) -> usize {
        self.loaded.lock().map_or(usize::MAX, |loaded| loaded.len())
    }

    /// Takes the entry of a file out, when there is one.
    pub(super) fn take(&self, path: &Path, kind: FileKind, fragment: bool) -> Option<KeptEntry> {
        let spelled = path.to_str()?;
        let (entry, detail) = {
            let mut loaded = self.loaded.lock().ok()?;
            loaded.remove(&(spelled.to_string(), kind, fragment))?
        };
        self.with_details(entry, detail)
    }

    /// A copy of a file's entry, left in the cache (a text linted in place of the file
    /// compares with it).
    pub(super) fn peek(&self, path: &Path, kind: FileKind, fragment: bool) -> Option<KeptEntry> {
        let spelled = path.to_str()?;
        let (entry, detail) = self
            .loaded
            .lock()
            .ok()?
            .get(&(spelled.to_string(), kind, fragment))?
            .clone();
        self.with_details(entry, detail)
    }

    /// An entry with its details read from the payload; none when they cannot be read.
    fn with_details(&self, mut entry: Entry, detail: Details) -> Option<KeptEntry> {
        let detail = match detail {
            Details::InPayload(range) => range,
            Details::InEntry(facts) => return Some((entry, facts)),
        };
        if detail.is_empty() {
            return Some((entry, None));
        }
        let detail: DetailIn = postcard::from_bytes(self.payload.get(detail)?).ok()?;
        entry.standing = detail.standing;
        entry.suppressions = detail.suppressions;
        entry.diagnostics = detail.diagnostics;
        Some((entry, detail.facts.map(Arc::new)))
    }

    /// Writes the entries of this run (atomically: a temporary file renamed over the old
    /// one, so that a run reading at the same time reads one whole cache or the other).
    /// Errors are returned for a note; the cache is an optimisation only.
    pub(super) fn write(
        &self,
        records: &[(&Entry, Option<&Arc<FileFacts>>)],
    ) -> std::io::Result<()> {
        if let Store::Memory(memory) = &self.store {
            let kept: Vec<KeptEntry> = records
                .iter()
                .filter(|(entry, _)| entry.key.path.to_str().is_some())
                .map(|(entry, facts)| ((*entry).clone(), facts.cloned()))
                .collect();
            if let Ok(mut held) = memory.results.lock() {
                *held = kept;
            }
            return Ok(());
        }
        let mut payload = Vec::with_capacity(records.len() * 128);
        let written: Vec<&(&Entry, Option<&Arc<FileFacts>>)> = records
            .iter()
            .filter(|(entry, _)| {
                entry.key.path.to_str().is_some() && entry.key.relative.to_str().is_some()
            })
            .collect();
        put_u32(&mut payload, written.len());
        for (entry, facts) in written {
            // An entry as read has the details it was read with.
            let read = entry
                .details_at
                .clone()
                .filter(|_| entry.as_read)
                .and_then(|at| self.payload.get(at));
            encode_record(&mut payload, entry, facts.map(|f| &**f), read)?;
        }
        let bytes = seal(&payload);
        let file = match &self.store {
            Store::Memory(_) => return Ok(()),
            Store::File(file) => file,
        };
        write_in_cache_dir(&self.dir, file, &bytes)
    }
}

/// Writes `bytes` to `file` in the cache directory `dir`, made with its `.gitignore` when
/// it is not there yet.
pub(super) fn write_in_cache_dir(dir: &Path, file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        write_atomically(&ignore, b"# Written by backlint: its result cache.\n*\n")?;
    }
    write_atomically(file, bytes)
}

/// Whether a file linted afresh gave what its entry held: then the entry read stands, and
/// the cache need not be written for it.
pub(super) fn same_result(
    read: &Entry,
    read_facts: Option<&FileFacts>,
    fresh: &Entry,
    fresh_facts: Option<&FileFacts>,
) -> bool {
    read.key == fresh.key
        && read.content == fresh.content
        && read.size == fresh.size
        && read.modified == fresh.modified
        && read.findings_complete == fresh.findings_complete
        && read.outcome == fresh.outcome
        && read.test_code == fresh.test_code
        && read.keeps_text == fresh.keeps_text
        && read.has_facts == fresh.has_facts
        && read.held_for == fresh.held_for
        && matches!(
            (encode_detail(read, read_facts), encode_detail(fresh, fresh_facts)),
            (Ok(a), Ok(b)) if a == b
        )
}

/// The details of an entry as written: empty when there are none.
fn encode_detail(entry: &Entry, facts: Option<&FileFacts>) -> postcard::Result<Vec<u8>> {
    if entry.standing.is_none()
        && entry.suppressions.is_empty()
        && entry.diagnostics.is_empty()
        && facts.is_none()
    {
        return Ok(Vec::new());
    }
    postcard::to_stdvec(&DetailOut {
        standing: &entry.standing,
        suppressions: &entry.suppressions,
        diagnostics: &entry.diagnostics,
        facts,
    })
}

/// The kinds of file in the order of their number in a cache file.
pub(super) const KINDS: [FileKind; 11] = [
    FileKind::Js,
    FileKind::Ts,
    FileKind::Tsx,
    FileKind::Py,
    FileKind::Env,
    FileKind::Compose,
    FileKind::Caddy,
    FileKind::Docker,
    FileKind::K8s,
    FileKind::Json,
    FileKind::PackageJson,
];

/// Flags of an entry, one bit each.
const FINDINGS_COMPLETE: u8 = 1;
const TEST_CODE: u8 = 2;
const KEEPS_TEXT: u8 = 4;
const HAS_FACTS: u8 = 8;

/// One entry as the cache file holds it: its scalars in a fixed binary layout (little
/// endian; texts as a 32-bit length and UTF-8 bytes), then its details in serde's compact
/// binary form (postcard: no field names, integers as varints), so that
/// reading the cache costs little for the many files that have none.
fn encode_record(
    out: &mut Vec<u8>,
    entry: &Entry,
    facts: Option<&FileFacts>,
    details_read: Option<&[u8]>,
) -> std::io::Result<()> {
    let key = &entry.key;
    put_str(out, &key.path.to_string_lossy());
    put_str(out, &key.display);
    put_str(out, &key.relative.to_string_lossy());
    let kind = KINDS.iter().position(|k| *k == key.kind).unwrap_or(0);
    out.push(u8::try_from(kind).unwrap_or(0));
    out.push(u8::from(key.fragment));
    out.extend_from_slice(&key.config.to_le_bytes());
    out.extend_from_slice(&entry.content.to_le_bytes());
    out.extend_from_slice(&entry.size.to_le_bytes());
    out.push(u8::from(entry.modified.is_some()));
    out.extend_from_slice(&entry.modified.unwrap_or(0).to_le_bytes());
    out.extend_from_slice(&entry.checked_at.to_le_bytes());
    let flags = [
        (entry.findings_complete, FINDINGS_COMPLETE),
        (entry.test_code, TEST_CODE),
        (entry.keeps_text, KEEPS_TEXT),
        (entry.has_facts, HAS_FACTS),
    ]
    .iter()
    .filter(|(on, _)| *on)
    .fold(0u8, |acc, (_, bit)| acc | bit);
    out.push(flags);
    let (tag, value) = match entry.outcome {
        CachedOutcome::Linted { bytes } => (0u8, bytes),
        CachedOutcome::NotApplicable => (1, 0),
        CachedOutcome::Binary(share) => (2, share as u64),
    };
    out.push(tag);
    out.extend_from_slice(&value.to_le_bytes());
    out.push(u8::try_from(entry.held_for.len()).unwrap_or(0));
    for slot in entry.held_for.iter().take(usize::from(u8::MAX)) {
        out.push(u8::try_from(*slot).unwrap_or(u8::MAX));
    }
    let detail = match details_read {
        Some(bytes) => bytes.to_vec(),
        None => encode_detail(entry, facts).map_err(std::io::Error::other)?,
    };
    put_u32(out, detail.len());
    out.extend_from_slice(&detail);
    Ok(())
}

pub(super) fn put_u32(out: &mut Vec<u8>, value: usize) {
    out.extend_from_slice(&u32::try_from(value).unwrap_or(u32::MAX).to_le_bytes());
}

pub(super) fn put_str(out: &mut Vec<u8>, text: &str) {
    put_u32(out, text.len());
    out.extend_from_slice(text.as_bytes());
}

/// One record of a cache file's index: the path it is kept under, the entry without its
/// details, and where its details are in the payload.
type IndexRecord = (String, Entry, Range<usize>);

/// Reads a cache file's payload from its start; every read is bounded by the payload.
pub(super) struct Reader<'a> {
    pub(super) bytes: &'a [u8],
    pub(super) at: usize,
}

impl<'a> Reader<'a> {
    pub(super) fn take(&mut self, len: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(len)?;
        let taken = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(taken)
    }

    pub(super) fn u8(&mut self) -> Option<u8> {
        self.take(1).and_then(|b| b.first().copied())
    }

    pub(super) fn u32(&mut self) -> Option<usize> {
        let bytes: [u8; 4] = self.take(4)?.try_into().ok()?;
        usize::try_from(u32::from_le_bytes(bytes)).ok()
    }

    pub(super) fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    pub(super) fn u128(&mut self) -> Option<u128> {
        Some(u128::from_le_bytes(self.take(16)?.try_into().ok()?))
    }

    pub(super) fn str(&mut self) -> Option<&'a str> {
        let len = self.u32()?;
        std::str::from_utf8(self.take(len)?).ok()
    }

    /// One record: the path it is kept under, the entry without details, where its
    /// details are.
    fn record(&mut self) -> Option<IndexRecord> {
        let path = self.str()?.to_string();
        let display = self.str()?.to_string();
        let relative = PathBuf::from(self.str()?);
        let kind = *KINDS.get(usize::from(self.u8()?))?;
        let fragment = self.u8()? != 0;
        let config = self.u64()?;
        let content = self.u64()?;
        let size = self.u64()?;
        let has_modified = self.u8()? != 0;
        let modified = self.u128()?;
        let checked_at = self.u128()?;
        let flags = self.u8()?;
        let tag = self.u8()?;
        let value = self.u64()?;
        let outcome = match tag {
            0 => CachedOutcome::Linted { bytes: value },
            1 => CachedOutcome::NotApplicable,
            2 => CachedOutcome::Binary(usize::try_from(value).ok()?),
            _ => return None,
        };
        let held_count = self.u8()?;
        let held_for = self
            .take(usize::from(held_count))?
            .iter()
            .map(|slot| usize::from(*slot))
            .collect();
        let detail_len = self.u32()?;
        let detail_start = self.at;
        self.take(detail_len)?;
        let entry = Entry {
            key: EntryKey {
                path: PathBuf::from(&path),
                display,
                relative,
                kind,
                fragment,
                config,
            },
            content,
            size,
            modified: has_modified.then_some(modified),
            checked_at,
            findings_complete: flags & FINDINGS_COMPLETE != 0,
            outcome,
            test_code: flags & TEST_CODE != 0,
            standing: None,
            suppressions: Vec::new(),
            diagnostics: Vec::new(),
            keeps_text: flags & KEEPS_TEXT != 0,
            has_facts: flags & HAS_FACTS != 0,
            held_for,
            as_read: true,
            links_as_read: false,
            details_at: Some(detail_start..detail_start + detail_len),
        };
        Some((path, entry, detail_start..detail_start + detail_len))
    }
}

pub(super) use crate::util::content_hash;

pub(super) fn modified_nanos(metadata: &std::fs::Metadata) -> Option<u128> {
    let time = metadata.modified().ok()?;
    Some(time.duration_since(UNIX_EPOCH).ok()?.as_nanos())
}

pub(super) fn now_nanos() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

/// The build of backlint that runs: its version and its executable's size and time, so
/// that a cache written by any other build (a newer version, a rebuilt binary) is not read.
fn build_id() -> String {
    let exe = std::env::current_exe()
        .ok()
        .and_then(|path| std::fs::metadata(path).ok())
        .map(|m| (m.len(), modified_nanos(&m).unwrap_or(0)))
        .unwrap_or((0, 0));
    format!("{}+{:x}.{:x}", env!("CARGO_PKG_VERSION"), exe.0, exe.1)
}

/// The first line of a cache file: the format, the build, the payload's length and its
/// checksum.
fn header(payload: &[u8]) -> String {
    format!(
        "{MAGIC} {} {} {:016x}\n",
        build_id(),
        payload.len(),
        content_hash(payload)
    )
}

/// A payload as a cache file holds it: after its header line.
pub(super) fn seal(payload: &[u8]) -> Vec<u8> {
    let mut bytes = header(payload).into_bytes();
    bytes.extend_from_slice(payload);
    bytes
}

/// The payload of a cache file's bytes; none when they are empty, of another format or
/// build, truncated, or do not match their checksum.
pub(super) fn unseal(mut bytes: Vec<u8>) -> Option<Vec<u8>> {
    let newline = bytes.iter().position(|b| *b == b'\n')?;
    let payload = bytes.split_off(newline + 1);
    let first = std::str::from_utf8(&bytes).ok()?;
    (first == header(&payload)).then_some(payload)
}

/// The payload of a cache file's bytes and its records (with the ranges of their details
/// in the payload); none when it is empty, of another format or build, truncated, or does
/// not match its checksum.
fn read_index(bytes: Vec<u8>) -> (Vec<u8>, Vec<IndexRecord>) {
    let Some(payload) = unseal(bytes) else {
        return (Vec::new(), Vec::new());
    };
    let mut reader = Reader {
        bytes: &payload,
        at: 0,
    };
    let records = reader.u32().and_then(|count| {
        // Each record takes more than 64 bytes: a count beyond that is no cache's.
        (count <= payload.len() / 64 + 1)
            .then(|| {
                (0..count)
                    .map(|_| reader.record())
                    .collect::<Option<Vec<_>>>()
            })
            .flatten()
    });
    match records {
        Some(records) if reader.at == payload.len() => (payload, records),
        _ => (Vec::new(), Vec::new()),
    }
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = path.with_file_name(format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        now_nanos()
    ));
    let result = std::fs::File::create(&temporary)
        .and_then(|mut file| file.write_all(bytes))
        .and_then(|()| std::fs::rename(&temporary, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_hash_tells_close_contents_apart() {
        // Contents up to 40 bytes long, of 64 patterns of two byte values each (so that
        // many differ in one byte, or by a byte added at the end): all distinct hashes.
        let mut seen = std::collections::HashMap::new();
        for len in 0..=40usize {
            for pattern in 0..64u64 {
                let bytes: Vec<u8> = (0..len)
                    .map(|i| {
                        if pattern >> (i % 6) & 1 == 1 {
                            b'a'
                        } else {
                            b'\n'
                        }
                    })
                    .collect();
                if let Some(other) = seen.insert(content_hash(&bytes), bytes.clone()) {
                    assert_eq!(other, bytes, "two contents share a hash");
                }
            }
        }
        assert_ne!(content_hash(b""), content_hash(b"\0"));
        assert_ne!(content_hash(&[0u8; 16]), content_hash(&[0u8; 17]));
        assert_eq!(content_hash(b"same"), content_hash(b"same"));
    }

    fn temporary_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "backlint-cache-{name}-{}-{}",
            std::process::id(),
            now_nanos()
        ));
        let _ = std::fs::create_dir_all(&dir);
        dir
    }

    fn cache_file(cache: &Cache) -> &Path {
        match &cache.store {
            Store::File(file) => file,
            Store::Memory(_) => Path::new(""),
        }
    }

    fn entry(path: &str) -> Entry {
        Entry {
            key: EntryKey {
                path: PathBuf::from(path),
                display: path.to_string(),
                relative: PathBuf::from(path),
                kind: FileKind::Py,
                fragment: false,
                config: 7,
            },
            content: 1,
            size: 2,
            modified: Some(3),
            checked_at: 4,
            findings_complete: true,
            outcome: CachedOutcome::Linted { bytes: 2 },
            test_code: false,
            standing: None,
            suppressions: Vec::new(),
            diagnostics: Vec::new(),
            keeps_text: false,
            has_facts: false,
            held_for: Vec::new(),
            as_read: false,
            links_as_read: false,
            details_at: None,
        }
    }

    #[test]
    fn a_written_cache_reads_back() {
        let dir = temporary_dir("roundtrip");
        let cache = Cache::open(&dir, std::slice::from_ref(&dir));
        assert_eq!(cache.loaded_count, 0);
        let one = entry("a.py");
        assert!(cache.write(&[(&one, None)]).is_ok());
        let again = Cache::open(&dir, std::slice::from_ref(&dir));
        assert_eq!(again.loaded_count, 1);
        assert!(again.take(Path::new("a.py"), FileKind::Py, false).is_some());
        assert!(dir.join(DEFAULT_DIR).parent().is_some());
        assert_eq!(
            std::fs::read_to_string(dir.join(".gitignore"))
                .ok()
                .as_deref(),
            Some("# Written by backlint: its result cache.\n*\n")
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_truncated_or_altered_cache_is_discarded() {
        let dir = temporary_dir("truncated");
        let cache = Cache::open(&dir, std::slice::from_ref(&dir));
        let one = entry("a.py");
        assert!(cache.write(&[(&one, None)]).is_ok());
        let written = std::fs::read(cache_file(&cache)).unwrap_or_default();
        assert!(!written.is_empty());
        std::fs::write(cache_file(&cache), &written[..written.len() - 5]).ok();
        assert_eq!(
            Cache::open(&dir, std::slice::from_ref(&dir)).loaded_count,
            0
        );
        // Same length, one byte changed: the checksum tells.
        let mut altered = written.clone();
        if let Some(byte) = altered.iter_mut().rev().nth(20) {
            *byte ^= 1;
        }
        std::fs::write(cache_file(&cache), &altered).ok();
        assert_eq!(
            Cache::open(&dir, std::slice::from_ref(&dir)).loaded_count,
            0
        );
        std::fs::write(cache_file(&cache), &written).ok();
        assert_eq!(
            Cache::open(&dir, std::slice::from_ref(&dir)).loaded_count,
            1
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_cache_of_another_build_is_discarded() {
        let dir = temporary_dir("build");
        let cache = Cache::open(&dir, std::slice::from_ref(&dir));
        let one = entry("a.py");
        assert!(cache.write(&[(&one, None)]).is_ok());
        let written = String::from_utf8(std::fs::read(cache_file(&cache)).unwrap_or_default())
            .unwrap_or_default();
        let other = written.replacen(env!("CARGO_PKG_VERSION"), "0.0.0-other", 1);
        assert_ne!(other, written);
        std::fs::write(cache_file(&cache), other).ok();
        assert_eq!(
            Cache::open(&dir, std::slice::from_ref(&dir)).loaded_count,
            0
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
