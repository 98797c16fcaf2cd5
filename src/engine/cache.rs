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
//! files (packages, topology, linking, project rules, imports) is never cached: the
//! project phase recomputes it every run. The cache holds no file content: findings hold
//! what the output shows, and the text they need is read from the file again.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::facts::FileFacts;
use crate::lang::FileKind;
use crate::roles::Roles;
use crate::rules::TestStatus;
use crate::suppress::Suppression;

/// The first word of a cache file; the number changes when the layout does.
const MAGIC: &str = "backlint-cache-2";

/// The name of the cache directory at a project's root.
pub const DEFAULT_DIR: &str = ".backlint_cache";

/// Where a file's modification time is trusted to stand for its content: only when it is
/// older than the run that hashed the content by more than this (a file written twice in
/// one tick of a coarse clock keeps its time).
const RACY_NANOS: u128 = 2_000_000_000;

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
}

impl Entry {
    /// Whether the file on disk still has the content hashed, by its size and modification
    /// time alone.
    pub(super) fn unchanged_on_disk(&self, path: &Path) -> bool {
        let Ok(metadata) = std::fs::metadata(path) else {
            return false;
        };
        let Some(recorded) = self.modified else {
            return false;
        };
        metadata.is_file()
            && metadata.len() == self.size
            && modified_nanos(&metadata) == Some(recorded)
            && recorded.saturating_add(RACY_NANOS) < self.checked_at
    }
}

/// Entries by the file they are of: its path, its kind and whether it was read as a Caddy
/// fragment.
type Slot = (PathBuf, FileKind, bool);

/// Where a cache is kept between runs: a file, or memory (an editor server keeps its
/// project there between lints).
enum Store {
    File(PathBuf),
    Memory(MemoryCache),
}

/// A result cache kept in memory, shared by the runs given it (`CacheLocation::Memory`):
/// it holds what a cache file holds.
#[derive(Clone, Debug, Default)]
pub struct MemoryCache(std::sync::Arc<Mutex<Vec<u8>>>);

/// The cache of one run: the entries read at its start, taken out as files use them.
pub(super) struct Cache {
    store: Store,
    /// The directory of the cache file (empty in memory).
    dir: PathBuf,
    loaded: Mutex<BTreeMap<Slot, (Entry, Option<FileFacts>)>>,
    /// Entries read at the start.
    pub(super) loaded_count: usize,
    pub(super) started: u128,
}

/// One record of the cache file, as written (borrowing) and as read (owning).
#[derive(Serialize)]
struct RecordOut<'a> {
    entry: &'a Entry,
    facts: Option<&'a FileFacts>,
}

#[derive(Deserialize)]
struct RecordIn {
    entry: Entry,
    facts: Option<FileFacts>,
}

impl Cache {
    /// The cache kept in `dir` for a run over these walk roots (absolute), read when it
    /// holds a cache this build wrote; any other content is discarded.
    pub(super) fn open(dir: &Path, roots: &[PathBuf]) -> Cache {
        let mut hasher = std::hash::DefaultHasher::new();
        roots.hash(&mut hasher);
        let file = dir.join(format!("results-{:016x}", hasher.finish()));
        let bytes = std::fs::read(&file).unwrap_or_default();
        Cache::from_bytes(&bytes, Store::File(file), dir)
    }

    /// The cache kept in memory by `memory`.
    pub(super) fn in_memory(memory: &MemoryCache) -> Cache {
        let bytes = match memory.0.lock() {
            Ok(bytes) => bytes.clone(),
            Err(_) => Vec::new(),
        };
        Cache::from_bytes(&bytes, Store::Memory(memory.clone()), Path::new(""))
    }

    fn from_bytes(bytes: &[u8], store: Store, dir: &Path) -> Cache {
        let loaded: BTreeMap<Slot, (Entry, Option<FileFacts>)> = read_records(bytes)
            .into_iter()
            .map(|r| {
                (
                    (
                        r.entry.key.path.clone(),
                        r.entry.key.kind,
                        r.entry.key.fragment,
                    ),
                    (r.entry, r.facts),
                )
            })
            .collect();
        Cache {
            store,
            dir: dir.to_path_buf(),
            loaded_count: loaded.len(),
            loaded: Mutex::new(loaded),
            started: now_nanos(),
        }
    }

    /// The directory the cache is kept in.
    pub(super) fn dir(&self) -> &Path {
        &self.dir
    }

    /// The entries no file of the run took (files gone, or linted from another text).
    pub(super) fn leftovers(&self) -> Vec<(Entry, Option<FileFacts>)> {
        match self.loaded.lock() {
            Ok(mut loaded) => std::mem::take(&mut *loaded).into_values().collect(),
            Err(_) => Vec::new(),
        }
    }

    /// Takes the entry of a file out, when there is one.
    pub(super) fn take(
        &self,
        path: &Path,
        kind: FileKind,
        fragment: bool,
    ) -> Option<(Entry, Option<FileFacts>)> {
        let mut loaded = self.loaded.lock().ok()?;
        loaded.remove(&(path.to_path_buf(), kind, fragment))
    }

    /// Writes the entries of this run (atomically: a temporary file renamed over the old
    /// one, so that a run reading at the same time reads one whole cache or the other).
    /// Errors are returned for a note; the cache is an optimisation only.
    pub(super) fn write(&self, records: &[(&Entry, Option<&FileFacts>)]) -> std::io::Result<()> {
        let out: Vec<RecordOut> = records
            .iter()
            .map(|(entry, facts)| RecordOut {
                entry,
                facts: *facts,
            })
            .collect();
        let payload = serde_json::to_vec(&out).map_err(std::io::Error::other)?;
        let mut bytes = header(&payload).into_bytes();
        bytes.extend_from_slice(&payload);
        let file = match &self.store {
            Store::Memory(memory) => {
                if let Ok(mut kept) = memory.0.lock() {
                    *kept = bytes;
                }
                return Ok(());
            }
            Store::File(file) => file,
        };
        std::fs::create_dir_all(&self.dir)?;
        let ignore = self.dir.join(".gitignore");
        if !ignore.exists() {
            write_atomically(&ignore, b"# Written by backlint: its result cache.\n*\n")?;
        }
        write_atomically(file, &bytes)
    }
}

/// The hash a file's content is known by.
pub(super) fn content_hash(bytes: &[u8]) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

pub(super) fn modified_nanos(metadata: &std::fs::Metadata) -> Option<u128> {
    let time = metadata.modified().ok()?;
    Some(time.duration_since(UNIX_EPOCH).ok()?.as_nanos())
}

fn now_nanos() -> u128 {
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

/// The records of a cache file's bytes; none when it is empty, of another format or build,
/// truncated, or does not match its checksum.
fn read_records(bytes: &[u8]) -> Vec<RecordIn> {
    let Some(newline) = bytes.iter().position(|b| *b == b'\n') else {
        return Vec::new();
    };
    let (first, payload) = bytes.split_at(newline + 1);
    let Ok(first) = std::str::from_utf8(first) else {
        return Vec::new();
    };
    if first != header(payload) {
        return Vec::new();
    }
    serde_json::from_slice(payload).unwrap_or_default()
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
        if let Some(last) = altered.iter().rposition(|b| *b == b'7') {
            altered[last] = b'8';
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
