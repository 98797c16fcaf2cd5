//! The project root, and what a run may open.
//!
//! Every file backlint opens lies under the root of the project it checks: walked files,
//! files named on the command line, and the files other files pull in (a Caddyfile's
//! `import`, a compose file's `include` and `env_file`). Paths are resolved first, symbolic
//! links included, so neither an absolute path nor `..` nor a link leads out of the project.
//! Only regular files are opened, and never more of one than the size limit.

use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use ignore::Match;
use ignore::gitignore::{Gitignore, GitignoreBuilder};

/// The configuration file names, in the order they are looked for in a directory.
pub const CONFIG_NAMES: [&str; 2] = ["backlint.yaml", ".backlint.yaml"];

/// Files larger than this are not read (5 MiB).
pub const MAX_FILE_SIZE: u64 = 5 * 1024 * 1024;

/// Lexical normalisation: removes `.` and resolves `..` without touching the disk.
pub fn normalize(path: &Path) -> PathBuf {
    if is_normal(path) {
        return path.to_path_buf();
    }
    by_components(path)
}

/// `normalize` component by component, for any path.
fn by_components(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            // `..` climbs over a name; at the start it is kept (`../../x` stays), and above
            // the file system's root there is nothing.
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(".."),
            },
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Whether a path is spelled as `normalize` would spell it: no `.` or `..` component, no
/// doubled or trailing separator (most paths a walk gives; told from its bytes alone).
fn is_normal(path: &Path) -> bool {
    let bytes = path.as_os_str().as_encoded_bytes();
    if bytes.is_empty() || std::path::MAIN_SEPARATOR != '/' {
        return bytes.is_empty();
    }
    let body = bytes.strip_prefix(b"/").unwrap_or(bytes);
    !body.is_empty()
        && body
            .split(|b| *b == b'/')
            .all(|part| !matches!(part, b"" | b"." | b".."))
}

/// `Path::starts_with` for normalised paths, told from their bytes (no component parsing):
/// `path` is `base` or inside it.
pub fn is_within(path: &Path, base: &Path) -> bool {
    if std::path::MAIN_SEPARATOR != '/' {
        return path.starts_with(base);
    }
    let (path, base) = (
        path.as_os_str().as_encoded_bytes(),
        base.as_os_str().as_encoded_bytes(),
    );
    match path.strip_prefix(base) {
        Some(rest) => rest.is_empty() || rest[0] == b'/' || base.ends_with(b"/"),
        None => false,
    }
}

/// The working directory, read once per process (backlint never changes it).
pub fn working_directory() -> Option<&'static Path> {
    static CWD: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    CWD.get_or_init(|| std::env::current_dir().ok()).as_deref()
}

/// `path` made absolute against the working directory and resolved lexically (`.` and `..`
/// removed without touching the disk); `None` for a relative path when the working directory
/// cannot be read.
pub fn absolute(path: &Path) -> Option<PathBuf> {
    if path.is_absolute() {
        return Some(normalize(path));
    }
    Some(absolute_from(path, working_directory()?))
}

/// A relative `path` made absolute against `cwd` (absolute), as `absolute` does.
fn absolute_from(path: &Path, cwd: &Path) -> PathBuf {
    // `./x` as `x`: most relative paths a walk gives then join into a normal path, which
    // is spelled at once when the working directory is normal.
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut rest = path.as_os_str().as_bytes();
        while let Some(after) = rest.strip_prefix(b"./") {
            rest = after;
        }
        let rest = Path::new(std::ffi::OsStr::from_bytes(rest));
        let bytes = rest.as_os_str().as_bytes();
        if !bytes.is_empty() && !bytes.starts_with(b"/") && is_normal(rest) && is_normal(cwd) {
            let mut joined =
                std::ffi::OsString::with_capacity(cwd.as_os_str().len() + 1 + bytes.len());
            joined.push(cwd.as_os_str());
            joined.push("/");
            joined.push(rest.as_os_str());
            return PathBuf::from(joined);
        }
    }
    absolute_by_components(path, cwd)
}

/// `absolute_from` component by component, for any path.
fn absolute_by_components(path: &Path, cwd: &Path) -> PathBuf {
    let mut path = path;
    while let Ok(rest) = path.strip_prefix(".") {
        if rest.as_os_str().is_empty() {
            break;
        }
        path = rest;
    }
    normalize(&cwd.join(path))
}

/// The root of the project a path belongs to: the nearest directory at or above it holding
/// `.git`; else the outermost holding a backlint configuration; else the directory given (a
/// file's own directory). Spelled as the input is: relative when the path is relative, so
/// that the paths shown keep the user's form.
pub fn project_root(path: &Path) -> PathBuf {
    let start = if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    let start = if start.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        start
    };
    // `..` is resolved lexically first: `../src` seen from `src` is one directory, not two
    // levels to climb.
    let Some(absolute) = absolute(&start) else {
        return start;
    };
    let mut configured = None;
    let mut git = None;
    for (ups, dir) in absolute.ancestors().enumerate() {
        if dir.join(".git").exists() {
            git = Some((ups, dir));
            break;
        }
        if CONFIG_NAMES.iter().any(|name| dir.join(name).is_file()) {
            configured = Some((ups, dir));
        }
    }
    let Some((ups, dir)) = git.or(configured) else {
        return start;
    };
    if path.is_absolute() {
        return dir.to_path_buf();
    }
    // Express the root relative to `start`, lexically: `svc` one level up is `.`, `.` is
    // `..`, `../a` is `..`.
    let mut relative = start.clone();
    for _ in 0..ups {
        relative = match relative.components().next_back() {
            Some(std::path::Component::Normal(_)) => {
                let parent = relative.parent().map(Path::to_path_buf).unwrap_or_default();
                if parent.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    parent
                }
            }
            Some(std::path::Component::CurDir) => PathBuf::from(".."),
            _ => relative.join(".."),
        };
    }
    relative
}

/// A file's path relative to the root of its project, with `/` between names, whatever the
/// working directory and however the path is spelled; `None` when the file cannot be
/// resolved. Baselines and fingerprints use it, so that they hold from any directory.
pub fn project_relative(path: &Path) -> Option<String> {
    let resolved = std::fs::canonicalize(path).ok()?;
    let root = std::fs::canonicalize(project_root(&resolved)).ok()?;
    let relative = resolved.strip_prefix(&root).ok()?;
    let names: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Some(names.join("/"))
}

/// Why a file is not opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// It resolves to a place outside every project root of the run.
    OutsideProject { resolved: PathBuf },
    /// It is not a regular file (a directory, a FIFO, a device, a socket).
    NotRegular,
    /// It does not exist or cannot be resolved.
    Missing(String),
}

/// The project roots of a run, resolved, and the ignore files that decide which referenced
/// files are read.
pub struct Boundary {
    roots: Vec<PathBuf>,
    /// Ignore matchers by directory, built on first use.
    ignores: Mutex<BTreeMap<PathBuf, Option<Gitignore>>>,
}

impl Boundary {
    /// The boundary around the projects of the given walk roots.
    pub fn new(walk_roots: &[PathBuf]) -> Boundary {
        let mut roots: Vec<PathBuf> = walk_roots
            .iter()
            .filter_map(|r| std::fs::canonicalize(project_root(r)).ok())
            .collect();
        roots.sort();
        roots.dedup();
        Boundary {
            roots,
            ignores: Mutex::new(BTreeMap::new()),
        }
    }

    /// The resolved root that holds `resolved`, if any.
    fn root_of(&self, resolved: &Path) -> Option<&Path> {
        self.roots
            .iter()
            .filter(|r| resolved.starts_with(r))
            .max_by_key(|r| r.components().count())
            .map(PathBuf::as_path)
    }

    /// Resolves `path` and checks that it is a regular file inside a project root.
    pub fn admit(&self, path: &Path) -> Result<PathBuf, Refusal> {
        let resolved =
            std::fs::canonicalize(path).map_err(|err| Refusal::Missing(err.to_string()))?;
        if self.root_of(&resolved).is_none() {
            return Err(Refusal::OutsideProject { resolved });
        }
        let metadata =
            std::fs::metadata(&resolved).map_err(|err| Refusal::Missing(err.to_string()))?;
        if !metadata.is_file() {
            return Err(Refusal::NotRegular);
        }
        Ok(resolved)
    }

    /// True when the ignore files of the project (`.gitignore`, `.ignore`,
    /// `.git/info/exclude`) leave `resolved` out and git does not track it: such a file is
    /// not read when another file names it, as it is not when walking.
    pub fn is_ignored(&self, resolved: &Path) -> bool {
        let Some(root) = self.root_of(resolved) else {
            return false;
        };
        let mut ignored = false;
        // From the file's own directory up to the root: the nearest decision wins.
        'dirs: for dir in resolved.ancestors().skip(1) {
            for matcher in self.matchers(dir, root) {
                match matcher.matched_path_or_any_parents(resolved, false) {
                    Match::Ignore(_) => {
                        ignored = true;
                        break 'dirs;
                    }
                    Match::Whitelist(_) => break 'dirs,
                    Match::None => {}
                }
            }
            if dir == root {
                break;
            }
        }
        ignored && !is_tracked(root, resolved)
    }

    /// The ignore matchers of one directory, most specific first.
    fn matchers(&self, dir: &Path, root: &Path) -> Vec<Gitignore> {
        let mut out = Vec::new();
        let Ok(mut cache) = self.ignores.lock() else {
            return out;
        };
        let mut files: Vec<PathBuf> = vec![dir.join(".ignore"), dir.join(".gitignore")];
        if dir == root {
            files.push(dir.join(".git").join("info").join("exclude"));
        }
        for file in files {
            let matcher = cache.entry(file.clone()).or_insert_with(|| {
                if !file.is_file() {
                    return None;
                }
                let mut builder = GitignoreBuilder::new(dir);
                builder.add(&file);
                builder.build().ok()
            });
            if let Some(m) = matcher {
                out.push(m.clone());
            }
        }
        out
    }
}

/// Whether git tracks the file (false without git or outside a repository).
fn is_tracked(root: &Path, file: &Path) -> bool {
    if !root.join(".git").exists() {
        return false;
    }
    std::process::Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["ls-files", "--error-unmatch", "--"])
        .arg(file)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The outcome of reading a file.
#[derive(Debug)]
pub enum Read {
    Bytes(Vec<u8>),
    /// Not a regular file: a FIFO, a device, a socket, a directory.
    NotRegular,
    /// Larger than `MAX_FILE_SIZE` (the size seen, or the limit plus one when the file
    /// grew while read or says it is empty, as files under `/proc` do).
    TooLarge(u64),
    Unreadable(std::io::Error),
}

/// Reads a regular file, never more than `MAX_FILE_SIZE` bytes of it. Asks what the path is
/// before opening it: opening a FIFO would wait for a writer.
pub fn read_bounded(path: &Path) -> Read {
    let metadata = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(err) => return Read::Unreadable(err),
    };
    if !metadata.is_file() {
        return Read::NotRegular;
    }
    if metadata.len() > MAX_FILE_SIZE {
        return Read::TooLarge(metadata.len());
    }
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(err) => return Read::Unreadable(err),
    };
    // usize::try_from cannot fail for a size under the limit on any platform backlint runs.
    let capacity = usize::try_from(metadata.len()).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    match file.take(MAX_FILE_SIZE + 1).read_to_end(&mut bytes) {
        Ok(_) if bytes.len() as u64 > MAX_FILE_SIZE => Read::TooLarge(MAX_FILE_SIZE + 1),
        Ok(_) => Read::Bytes(bytes),
        Err(err) => Read::Unreadable(err),
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn absolute_from_spells_as_by_components() {
        let spellings = [
            "a",
            "a/b.py",
            "./a/b.py",
            "././a",
            ".//a",
            "./",
            ".",
            "..",
            "../a",
            "a/../b",
            "a/./b",
            "a//b",
            "a/b/",
            "./a/b/",
            "a/..",
            ".hidden/x",
            "..x/y",
            "x..y/z",
        ];
        for cwd in ["/w/p", "/", "/w/p/", "/w/./p", "/w"] {
            for path in spellings {
                assert_eq!(
                    absolute_from(Path::new(path), Path::new(cwd)),
                    absolute_by_components(Path::new(path), Path::new(cwd)),
                    "{path} in {cwd}"
                );
                assert_eq!(
                    absolute_from(Path::new(path), Path::new(cwd))
                        .as_os_str()
                        .as_encoded_bytes(),
                    absolute_by_components(Path::new(path), Path::new(cwd))
                        .as_os_str()
                        .as_encoded_bytes(),
                    "{path} in {cwd}, as bytes"
                );
            }
        }
    }
    use super::*;

    #[test]
    fn is_within_agrees_with_starts_with() {
        let paths = [
            "/", "/a", "/a/b", "/ab", "/a/bc", "/a/b/c", "a", "a/b", "ab",
        ];
        for path in paths {
            for base in paths {
                let (path, base) = (Path::new(path), Path::new(base));
                assert_eq!(
                    is_within(path, base),
                    path.starts_with(base),
                    "{path:?} {base:?}"
                );
            }
        }
    }

    #[test]
    fn normalize_spells_every_path_as_its_components_do() {
        let parts = [
            "", "/", ".", "..", "a", "b.py", ".env", "..x", "x..", "//", "./",
        ];
        let mut paths = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> = paths
                .iter()
                .flat_map(|p| parts.iter().map(move |q| format!("{p}{q}")))
                .collect();
            paths.extend(longer);
        }
        for text in paths {
            let path = Path::new(&text);
            assert_eq!(normalize(path), by_components(path), "{text:?}");
        }
    }

    #[test]
    fn reads_stop_at_the_limit() {
        let dir = std::env::temp_dir().join(format!("backlint-root-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let small = dir.join("small.txt");
        let _ = std::fs::write(&small, b"abc");
        assert!(matches!(read_bounded(&small), Read::Bytes(b) if b == b"abc"));
        assert!(matches!(read_bounded(&dir), Read::NotRegular));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
