//! The project's file list, kept beside the result cache: what the walk found (the inputs
//! and package manifests, with the files git tracks although an ignore line matches them),
//! and what that answer depends on, watched by one `stat` each:
//!
//! - every directory walked, and every one passed over as a virtual environment: adding,
//!   removing or renaming an entry changes its directory's modification time (editing a
//!   file does not, and a file's content is the result cache's business);
//! - every ignore file found in them (`.gitignore`, `.ignore`), whose lines can change
//!   without their directory changing;
//! - above each walk root, the ignore files and `.git` of every ancestor, present or not;
//! - for each git repository: its index (what `git ls-files` answers from), its
//!   `info/exclude` and configuration, and the user's git configuration and ignore file;
//!   and the directories (with their ignore files) leading to each tracked file an ignore
//!   line matches.
//!
//! The list also keeps which backlint configuration files each directory walked held (an
//! entry of its directory, watched as above; a link is not kept, its answer may change
//! without its directory changing), so that a run with the list looks none of them up.
//!
//! When every watched path stands as recorded, and each was last changed well before the
//! walk that recorded it (as for a file's content, a change within the same tick of a coarse
//! clock would not show), the list is used as it is; otherwise the project is walked again.
//! A repository whose `.git` is a file (a worktree, a submodule) keeps its index elsewhere:
//! its walk is not kept.

use std::collections::BTreeSet;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use super::cache::{self, KINDS, MemoryCache, Reader, put_str, put_u32};
use crate::config::{self, KnownConfigFiles};
use crate::discover::{Discovery, Input};

/// The first text of a file list's payload; the number changes when the layout does.
const LISTING_TAG: &str = "backlint-files-2";

/// The ignore files the walk reads in each directory.
const IGNORE_FILES: [&str; 2] = [".gitignore", ".ignore"];

/// How a watched path stood: its modification and change times, size and inode; `None`
/// when it did not exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Stamp {
    modified: u128,
    changed: u128,
    size: u64,
    inode: u64,
}

fn stamp_of(path: &Path) -> Option<Stamp> {
    let metadata = std::fs::metadata(path).ok()?;
    let modified = cache::modified_nanos(&metadata).unwrap_or(0);
    #[cfg(unix)]
    let (changed, inode) = {
        use std::os::unix::fs::MetadataExt;
        let seconds = u128::try_from(metadata.ctime()).unwrap_or(0);
        let nanos = u128::try_from(metadata.ctime_nsec()).unwrap_or(0);
        (seconds * 1_000_000_000 + nanos, metadata.ino())
    };
    #[cfg(not(unix))]
    let (changed, inode) = (modified, 0);
    Some(Stamp {
        modified,
        changed,
        size: metadata.len(),
        inode,
    })
}

/// Where the file list of a run is kept: a file in the cache directory, or memory.
pub(super) enum ListingStore {
    File(PathBuf),
    Memory(MemoryCache),
}

/// What `ListingStore::load` found.
pub(super) struct Loaded {
    pub(super) discovery: Discovery,
    /// Paths whose `stat` confirmed the list.
    pub(super) watched: usize,
    /// The configuration files of the directories walked.
    pub(super) config_files: KnownConfigFiles,
}

impl ListingStore {
    /// The file list of a walk over these roots, kept in the cache directory `dir`.
    pub(super) fn in_dir(dir: &Path, roots: &[PathBuf]) -> ListingStore {
        let mut hasher = std::hash::DefaultHasher::new();
        roots.hash(&mut hasher);
        crate::root::working_directory().hash(&mut hasher);
        ListingStore::File(dir.join(format!("files-{:016x}", hasher.finish())))
    }

    fn read(&self) -> Vec<u8> {
        match self {
            ListingStore::File(file) => std::fs::read(file).unwrap_or_default(),
            ListingStore::Memory(memory) => match memory.listing.lock() {
                Ok(bytes) => bytes.clone(),
                Err(_) => Vec::new(),
            },
        }
    }

    /// The kept file list, when every path it watches stands as recorded.
    pub(super) fn load(&self) -> Option<Loaded> {
        let payload = cache::unseal(self.read())?;
        let mut reader = Reader {
            bytes: &payload,
            at: 0,
        };
        if reader.str()? != LISTING_TAG {
            return None;
        }
        let walked_at = reader.u128()?;
        let watched = reader.u32()?;
        let mut recorded_stamps: Vec<(&Path, Option<Stamp>)> = Vec::with_capacity(watched);
        for _ in 0..watched {
            let path = Path::new(reader.str()?);
            let recorded = match reader.u8()? {
                0 => None,
                _ => Some(Stamp {
                    modified: reader.u128()?,
                    changed: reader.u128()?,
                    size: reader.u64()?,
                    inode: reader.u64()?,
                }),
            };
            // A change within the same tick of a coarse clock as the recorded one would
            // leave the time as it was: a time that close to the walk is not trusted.
            if recorded.is_some_and(|s| s.modified.saturating_add(cache::RACY_NANOS) >= walked_at) {
                return None;
            }
            recorded_stamps.push((path, recorded));
        }
        if !all_stand(&recorded_stamps) {
            return None;
        }
        let mut discovery = Discovery::default();
        for _ in 0..reader.u32()? {
            let path = PathBuf::from(reader.str()?);
            let kind = *KINDS.get(usize::from(reader.u8()?))?;
            discovery.inputs.push(Input {
                path,
                kind,
                explicit: false,
                fragment: false,
            });
        }
        for _ in 0..reader.u32()? {
            discovery.manifests.push(PathBuf::from(reader.str()?));
        }
        let mut config_files = KnownConfigFiles::default();
        for _ in 0..reader.u32()? {
            let dir = reader.str()?;
            config_files.insert(dir.into(), reader.u8()?);
        }
        (reader.at == payload.len()).then_some(Loaded {
            discovery,
            watched,
            config_files,
        })
    }

    /// Keeps what a walk over `roots` found, started at `walked_at`: nothing when the walk
    /// met errors or a repository keeps its index elsewhere. Errors are ignored: the list
    /// is an optimisation only. Returns the configuration files it recorded, for this run's
    /// lookup to use as the next run's does (none when it kept nothing).
    pub(super) fn save(
        &self,
        roots: &[PathBuf],
        discovery: &Discovery,
        walked_at: u128,
    ) -> KnownConfigFiles {
        if !discovery.errors.is_empty() {
            return KnownConfigFiles::default();
        }
        let Some(watched) = watched_paths(roots, discovery) else {
            return KnownConfigFiles::default();
        };
        let mut payload = Vec::with_capacity(64 * (watched.len() + discovery.inputs.len()));
        put_str(&mut payload, LISTING_TAG);
        payload.extend_from_slice(&walked_at.to_le_bytes());
        let spelled: Vec<(&str, Option<Stamp>)> = watched
            .iter()
            .filter_map(|path| Some((path.to_str()?, stamp_of(path))))
            .collect();
        if spelled.len() != watched.len() {
            return KnownConfigFiles::default();
        }
        put_u32(&mut payload, spelled.len());
        for (path, stamp) in spelled {
            put_str(&mut payload, path);
            match stamp {
                None => payload.push(0),
                Some(stamp) => {
                    payload.push(1);
                    payload.extend_from_slice(&stamp.modified.to_le_bytes());
                    payload.extend_from_slice(&stamp.changed.to_le_bytes());
                    payload.extend_from_slice(&stamp.size.to_le_bytes());
                    payload.extend_from_slice(&stamp.inode.to_le_bytes());
                }
            }
        }
        put_u32(&mut payload, discovery.inputs.len());
        for input in &discovery.inputs {
            let (Some(path), Some(kind)) = (
                input.path.to_str(),
                KINDS.iter().position(|k| *k == input.kind),
            ) else {
                return KnownConfigFiles::default();
            };
            put_str(&mut payload, path);
            payload.push(u8::try_from(kind).unwrap_or(0));
        }
        put_u32(&mut payload, discovery.manifests.len());
        for manifest in &discovery.manifests {
            let Some(path) = manifest.to_str() else {
                return KnownConfigFiles::default();
            };
            put_str(&mut payload, path);
        }
        // Absolute, as the configuration lookup asks (the list is kept per working
        // directory and roots).
        let config_files: Vec<(PathBuf, u8)> = discovery
            .walked_dirs
            .iter()
            .filter_map(|dir| {
                let present = config::config_files_present(dir)?;
                Some((crate::root::absolute(dir)?, present))
            })
            .collect();
        put_u32(&mut payload, config_files.len());
        for (dir, present) in &config_files {
            let Some(dir) = dir.to_str() else {
                return KnownConfigFiles::default();
            };
            put_str(&mut payload, dir);
            payload.push(*present);
        }
        let bytes = cache::seal(&payload);
        match self {
            ListingStore::File(file) => {
                if let Some(dir) = file.parent() {
                    let _ = cache::write_in_cache_dir(dir, file, &bytes);
                }
            }
            ListingStore::Memory(memory) => {
                if let Ok(mut kept) = memory.listing.lock() {
                    *kept = bytes;
                }
            }
        }
        let mut known = KnownConfigFiles::default();
        for (dir, present) in config_files {
            known.insert(dir.into_os_string(), present);
        }
        known
    }
}

/// Whether every path stands as recorded. The `stat`s of a large project are shared among
/// a few threads: waiting on the file system is most of a warm run's discovery.
fn all_stand(recorded: &[(&Path, Option<Stamp>)]) -> bool {
    let stands = |part: &[(&Path, Option<Stamp>)]| {
        part.iter()
            .all(|(path, recorded)| stamp_of(path) == *recorded)
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    if threads < 2 || recorded.len() < 512 {
        return stands(recorded);
    }
    let chunk = recorded.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let others: Vec<_> = recorded
            .chunks(chunk)
            .skip(1)
            .map(|part| scope.spawn(move || stands(part)))
            .collect();
        let first = recorded.chunks(chunk).next().is_none_or(stands);
        // Every thread is joined, whatever the first part found (a thread left to the
        // scope would carry a panic out of it).
        let rest: Vec<bool> = others
            .into_iter()
            .map(|other| other.join().unwrap_or(false))
            .collect();
        first && rest.iter().all(|stands| *stands)
    })
}

/// Every path whose `stat` tells whether a walk over `roots` would find what `discovery`
/// holds (see the module's comment); `None` when that cannot be told so.
fn watched_paths(roots: &[PathBuf], discovery: &Discovery) -> Option<BTreeSet<PathBuf>> {
    let mut watched: BTreeSet<PathBuf> = BTreeSet::new();
    let mut repositories: BTreeSet<PathBuf> = BTreeSet::new();
    let mut watch_dir = |dir: &Path, watched: &mut BTreeSet<PathBuf>| -> Option<()> {
        watched.insert(dir.to_path_buf());
        for name in IGNORE_FILES {
            let file = dir.join(name);
            if file.exists() {
                watched.insert(file);
            }
        }
        let git = dir.join(".git");
        if git.is_dir() {
            repositories.insert(git);
        } else if git.exists() {
            return None;
        }
        Some(())
    };
    for dir in &discovery.walked_dirs {
        watch_dir(dir, &mut watched)?;
    }
    // The directories leading to each tracked file an ignore line matches: an ignore file
    // there decides whether git still names it.
    for file in &discovery.tracked_ignored {
        let root = roots.iter().find(|root| file.starts_with(root))?;
        for dir in file.ancestors().skip(1) {
            if !dir.starts_with(root) {
                break;
            }
            if !watched.contains(dir) {
                watch_dir(dir, &mut watched)?;
            }
        }
    }
    // Above each root: the ignore files the walk reads there, and which of them is a
    // repository, present or not (an ancestor's own entries do not matter).
    for root in roots {
        let absolute = crate::root::absolute(root)?;
        for dir in absolute.ancestors().skip(1) {
            for name in IGNORE_FILES {
                watched.insert(dir.join(name));
            }
            let git = dir.join(".git");
            if git.is_dir() {
                repositories.insert(git.clone());
            } else if git.exists() {
                return None;
            }
            watched.insert(git);
        }
    }
    for git in &repositories {
        for name in ["index", "config", "info/exclude", "info"] {
            watched.insert(git.join(name));
        }
    }
    if !repositories.is_empty() {
        // The user's own ignore lines (`core.excludesFile` and its default), which
        // `git ls-files --exclude-standard` honours.
        let home = std::env::var_os("HOME").map(PathBuf::from);
        let config_home = std::env::var_os("XDG_CONFIG_HOME")
            .map(PathBuf::from)
            .or_else(|| home.as_ref().map(|h| h.join(".config")));
        if let Some(home) = &home {
            watched.insert(home.join(".gitconfig"));
        }
        if let Some(config_home) = config_home {
            watched.insert(config_home.join("git/config"));
            watched.insert(config_home.join("git/ignore"));
        }
    }
    Some(watched)
}
