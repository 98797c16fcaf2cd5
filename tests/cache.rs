//! The result cache is an optimisation only: over a copy of the whole `testdata/` (one
//! project), output with the cache, cold and warm, is byte-identical to output without it,
//! across edits between runs (a changed file, a deleted file, a renamed compose service, a
//! changed configuration, a module another file's finding goes through, a package's
//! Express version), and a damaged cache or two runs at once change nothing either.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use common::*;

/// The copy of `testdata/` as one repository.
fn project() -> TempDir {
    let dir = TempDir::new("cache");
    copy_tree(&root().join("testdata"), &dir.path().join("testdata"));
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    dir
}

/// stdout of `check` with these arguments, and how many files came from the cache.
fn check(dir: &Path, format: &str, extra: &[&str]) -> (String, usize) {
    let mut args = vec!["check", "--format", format, "--stats", "--color", "never"];
    args.extend_from_slice(extra);
    args.push(".");
    let out = run_in(dir, &args);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "exit {:?}: {}",
        out.status.code(),
        stderr(&out)
    );
    let from_cache = stderr(&out)
        .lines()
        .find_map(|l| {
            let rest = l.trim().strip_prefix("cache:")?;
            rest.split_whitespace().next()?.parse().ok()
        })
        .unwrap_or(0);
    (stdout(&out), from_cache)
}

/// The run with the cache gives exactly what the run without it gives, in json output (and
/// in human output for a step so named); returns the json and how many files the cached run took from the cache.
fn same_with_and_without_cache(dir: &Path, step: &str) -> (String, usize) {
    let (fresh, none) = check(dir, "json", &["--no-cache"]);
    assert_eq!(none, 0, "{step}: --no-cache read the cache");
    let (cached, hits) = check(dir, "json", &[]);
    assert!(
        fresh == cached,
        "{step}: json differs with the cache\n--- without\n{fresh}\n--- with\n{cached}"
    );
    if !step.ends_with("(and human)") {
        return (cached, hits);
    }
    // Without the summary line, which tells the run's time.
    let (fresh_human, _) = check(dir, "human", &["--no-cache", "--quiet"]);
    let (cached_human, _) = check(dir, "human", &["--quiet"]);
    assert!(
        fresh_human == cached_human,
        "{step}: human output differs with the cache\n--- without\n{fresh_human}\n--- with\n{cached_human}"
    );
    (cached, hits)
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn output_is_the_same_with_and_without_the_cache_across_edits() {
    let repo = project();
    let dir = repo.path();
    let data = dir.join("testdata");
    let (cold, _) = same_with_and_without_cache(dir, "cold");
    assert!(dir.join(".backlint_cache/.gitignore").is_file());
    let (warm, hits) = same_with_and_without_cache(dir, "warm (and human)");
    assert_eq!(cold, warm);
    assert!(hits > 500, "only {hits} files from the cache");

    // A changed file: its findings move down a line.
    let users = data.join("express-async-error/controllers_project/src/controllers/users.js");
    let text = std::fs::read_to_string(&users).unwrap();
    std::fs::write(&users, format!("// moved\n{text}")).unwrap();
    let (changed, _) = same_with_and_without_cache(dir, "changed file");
    assert_ne!(changed, warm, "the edit changed nothing");

    // A module another file's finding goes through: its handlers are no longer async.
    edit(
        &data.join("express-async-error/controllers_project/src/controllers/orders.ts"),
        "async",
        "",
    );
    same_with_and_without_cache(dir, "helper module");

    // The Express version of a package: Express 4 does not catch async errors.
    let before = same_with_and_without_cache(dir, "before version").0;
    edit(
        &data.join("express-async-error/express5_project/package.json"),
        "^5.1.0",
        "^4.18.0",
    );
    let (version, _) = same_with_and_without_cache(dir, "express version");
    assert_ne!(before, version, "the Express version changed nothing");

    // A deleted file.
    std::fs::remove_file(data.join("demo/.env")).unwrap();
    same_with_and_without_cache(dir, "deleted file");

    // A renamed compose service.
    edit(
        &data.join("demo/docker-compose.yml"),
        "\n  svc:\n",
        "\n  stock:\n",
    );
    same_with_and_without_cache(dir, "renamed service");

    // A changed configuration, and a new one.
    edit(
        &data.join("projects/nested_config/backlint.yaml"),
        "tls-verify-disabled: warning",
        "tls-verify-disabled: off",
    );
    same_with_and_without_cache(dir, "changed config");
    std::fs::write(
        data.join("demo/backlint.yaml"),
        "rules:\n  hardcoded-secret: off\n",
    )
    .unwrap();
    same_with_and_without_cache(dir, "new config (and human)");
}

/// The cache file of the copy (there is one per set of roots walked).
fn cache_file(dir: &Path) -> std::path::PathBuf {
    files_below(&dir.join(".backlint_cache"))
        .into_iter()
        .find(|f| {
            f.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("results-"))
        })
        .expect("a cache file")
}

#[test]
fn a_damaged_cache_is_discarded_and_two_runs_at_once_agree() {
    let repo = project();
    let dir = repo.path();
    let (expected, _) = check(dir, "json", &["--no-cache"]);
    check(dir, "json", &[]);
    let file = cache_file(dir);
    let whole = std::fs::read(&file).unwrap();

    // Truncated.
    std::fs::write(&file, &whole[..whole.len() / 2]).unwrap();
    let (got, hits) = check(dir, "json", &[]);
    assert_eq!(hits, 0, "a truncated cache was read");
    assert!(got == expected, "output differs after a truncated cache");

    // Written by another version.
    let text = String::from_utf8(std::fs::read(&file).unwrap()).unwrap();
    let (first, rest) = text.split_once('\n').unwrap();
    let mut words: Vec<&str> = first.split(' ').collect();
    words[1] = "0.0.0-other";
    std::fs::write(&file, format!("{}\n{rest}", words.join(" "))).unwrap();
    let (got, hits) = check(dir, "json", &[]);
    assert_eq!(hits, 0, "a cache of another version was read");
    assert!(
        got == expected,
        "output differs after another version's cache"
    );

    // Two runs at once, each reading and writing the cache.
    let outputs: Vec<String> = std::thread::scope(|scope| {
        let runs: Vec<_> = (0..2)
            .map(|_| scope.spawn(|| check(dir, "json", &[]).0))
            .collect();
        runs.into_iter().map(|r| r.join().unwrap()).collect()
    });
    for got in outputs {
        assert!(got == expected, "a concurrent run differs");
    }
    let (got, hits) = check(dir, "json", &[]);
    assert!(got == expected);
    assert!(hits > 500, "the cache left by two runs at once is not read");
    // No temporary file is left behind.
    let leftovers: Vec<_> = files_below(&dir.join(".backlint_cache"))
        .into_iter()
        .filter(|f| f.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn the_cache_directory_is_where_asked() {
    let repo = project();
    let dir = repo.path();
    let elsewhere = TempDir::new("cache-dir");
    check(
        dir,
        "json",
        &["--cache-dir", &elsewhere.path().to_string_lossy()],
    );
    assert!(!dir.join(".backlint_cache").exists());
    assert!(elsewhere.path().join(".gitignore").is_file());
    let out = backlint()
        .current_dir(dir)
        .env("BACKLINT_CACHE_DIR", elsewhere.path().join("env"))
        .args(["check", "--format", "json", "."])
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)));
    assert!(elsewhere.path().join("env/.gitignore").is_file());
    assert!(!dir.join(".backlint_cache").exists());
    check(dir, "json", &["--no-cache"]);
    assert!(!dir.join(".backlint_cache").exists());
}
