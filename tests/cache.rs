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

    // A module whose facts only a loop elsewhere asks for (parsed on demand, then kept by
    // the cache): its helper no longer runs a query, so the loop calling it is no N+1.
    let helper_caller = "\"path\":\"testdata/n-plus-one-query/helpers/routes/orders.js\"";
    let before = same_with_and_without_cache(dir, "before on-demand module").0;
    edit(
        &data.join("n-plus-one-query/helpers/models/order.js"),
        "const { rows } = await db.query('SELECT * FROM orders WHERE id = $1', [id]);",
        "const rows = [id];",
    );
    let (after, _) = same_with_and_without_cache(dir, "on-demand module");
    assert!(
        before.matches(helper_caller).count() > after.matches(helper_caller).count(),
        "the helper's edit changed nothing"
    );

    // The file of a loop calling into other modules, its lines moved (its summaries link
    // as before: what the project phase parses on demand stays), then a loop added.
    let routes = data.join("n-plus-one-query/helpers/routes/orders.js");
    let text = std::fs::read_to_string(&routes).unwrap();
    std::fs::write(&routes, format!("// moved\n{text}")).unwrap();
    same_with_and_without_cache(dir, "loop file moved");
    let text = std::fs::read_to_string(&routes).unwrap();
    std::fs::write(
        &routes,
        format!(
            "{text}\nasync function paidAgain(req, res) {{\n  for (const row of req.body.rows) {{\n    await Invoice.markPaid(row.id);\n  }}\n  res.sendStatus(204);\n}}\nmodule.exports.paidAgain = paidAgain;\n"
        ),
    )
    .unwrap();
    let (added, _) = same_with_and_without_cache(dir, "loop added");
    assert!(
        added.matches(helper_caller).count() > after.matches(helper_caller).count(),
        "the added loop is not reported"
    );

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
    // The first line is text (format, build, length, checksum), the rest is binary.
    let bytes = std::fs::read(&file).unwrap();
    let newline = bytes.iter().position(|b| *b == b'\n').unwrap();
    let (first, rest) = bytes.split_at(newline);
    let first = std::str::from_utf8(first).unwrap();
    let mut words: Vec<&str> = first.split(' ').collect();
    words[1] = "0.0.0-other";
    let mut other = words.join(" ").into_bytes();
    other.extend_from_slice(rest);
    std::fs::write(&file, other).unwrap();
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

/// The file the summary model's links are kept in.
fn links_file(dir: &Path) -> Option<std::path::PathBuf> {
    files_below(&dir.join(".backlint_cache"))
        .into_iter()
        .find(|f| {
            f.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("links-"))
        })
}

/// A one-file run adopts the links an earlier run kept only for the same project: where a
/// helper's lines move it shows today's positions, where a helper stops running a query
/// its caller's finding goes, and a damaged links file is linked again.
#[test]
fn links_kept_between_runs_are_adopted_only_for_the_same_project() {
    let repo = project();
    let dir = repo.path();
    let data = dir.join("testdata");
    let loops = "testdata/n-plus-one-query/helpers/routes/orders.js";
    let helper = data.join("n-plus-one-query/helpers/models/order.js");
    let named_same = |step: &str| -> String {
        let (fresh, _, _) = check_named(dir, &["--no-cache"], &[loops]);
        let (cached, _, hits) = check_named(dir, &[], &[loops]);
        assert!(hits > 500, "{step}: only {hits} files from the cache");
        assert!(
            fresh == cached,
            "{step}: a named run differs with the cache\n--- without\n{fresh}\n--- with\n{cached}"
        );
        cached
    };
    check(dir, "json", &[]);
    let links = links_file(dir).expect("the full run keeps its links");
    let before = named_same("as kept");
    assert!(
        before.contains("models/order.js:4"),
        "the finding through the helper is not labelled at its query: {before}"
    );

    // The helper's lines move: the links stand, the label follows the query.
    let text = std::fs::read_to_string(&helper).unwrap();
    std::fs::write(&helper, format!("// moved\n// again\n{text}")).unwrap();
    let moved = named_same("helper moved");
    assert!(moved.contains("models/order.js:6"), "{moved}");

    // The helper no longer runs a query: its callers' findings go.
    edit(
        &helper,
        "const { rows } = await db.query('SELECT * FROM orders WHERE id = $1', [id]);",
        "const rows = [id];",
    );
    let gone = named_same("helper without a query");
    assert!(!gone.contains("models/order.js:6"), "{gone}");

    // A damaged links file is discarded.
    let whole = std::fs::read(&links).unwrap();
    std::fs::write(&links, &whole[..whole.len() / 2]).unwrap();
    named_same("truncated links");
    std::fs::write(&links, b"backlint-cache-4 0.0.0-other 3 0\nabc").unwrap();
    named_same("links of another build");
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

/// stdout of `check` of the named files, the cache's line of `--stats`, and how many files
/// came from the cache.
fn check_named(dir: &Path, extra: &[&str], named: &[&str]) -> (String, String, usize) {
    let mut args = vec!["check", "--format", "json", "--stats", "--color", "never"];
    args.extend_from_slice(extra);
    args.extend_from_slice(named);
    let out = run_in(dir, &args);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "exit {:?}: {}",
        out.status.code(),
        stderr(&out)
    );
    let line = stderr(&out)
        .lines()
        .find(|l| l.trim().starts_with("cache:"))
        .unwrap_or_default()
        .to_string();
    let hits = line
        .trim()
        .strip_prefix("cache:")
        .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
        .unwrap_or(0);
    (stdout(&out), line, hits)
}

fn set_modified(path: &Path, time: std::time::SystemTime) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(time)
        .unwrap();
}

#[test]
fn a_named_file_is_linted_afresh_and_leaves_the_cache_as_it_was() {
    let repo = project();
    let dir = repo.path();
    // Older than the window in which a file's time does not stand for its content.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    check(dir, "json", &[]);
    let file = cache_file(dir);
    let written = std::fs::read(&file).unwrap();
    let written_at = std::fs::metadata(&file).unwrap().modified().unwrap();

    let named = ["testdata/demo/docker-compose.yml"];
    let (fresh, _, none) = check_named(dir, &["--no-cache"], &named);
    assert_eq!(none, 0);
    let (cached, line, hits) = check_named(dir, &[], &named);
    assert!(fresh == cached, "--- without\n{fresh}\n--- with\n{cached}");
    assert!(hits > 500, "only {hits} files from the cache");
    assert!(line.contains("unchanged"), "{line}");
    assert_eq!(std::fs::read(&file).unwrap(), written);
    assert_eq!(
        std::fs::metadata(&file).unwrap().modified().unwrap(),
        written_at,
        "a run that changed nothing wrote the cache"
    );
    // A full run over the same files reads the same cache and leaves it too.
    let (_, line, _) = check_named(dir, &[], &["."]);
    assert!(line.contains("unchanged"), "{line}");

    // A file touched without a change: hashed again, its result still from the cache, its
    // new time recorded.
    let compose = dir.join("testdata/demo/docker-compose.yml");
    set_modified(
        &compose,
        std::time::SystemTime::now() - std::time::Duration::from_secs(10),
    );
    let (fresh, _, _) = check_named(dir, &["--no-cache"], &["."]);
    let (cached, line, hits) = check_named(dir, &[], &["."]);
    assert!(fresh == cached, "touched file: output differs");
    assert!(line.contains("written"), "{line}");
    let (_, line, again) = check_named(dir, &[], &["."]);
    assert_eq!(hits, again, "the touched file did not come from the cache");
    assert!(line.contains("unchanged"), "{line}");
}

#[test]
fn a_file_changed_within_its_recorded_time_is_linted_again() {
    let repo = project();
    let dir = repo.path();
    let client = dir.join("testdata/racy/client.py");
    std::fs::create_dir_all(client.parent().unwrap()).unwrap();
    std::fs::write(
        &client,
        "import requests\n\n\ndef fetch(url):\n    return requests.get(url, verify=False)\n",
    )
    .unwrap();
    let recorded = std::fs::metadata(&client).unwrap().modified().unwrap();
    let (before, _) = same_with_and_without_cache(dir, "before");
    // The same size and, as on a file system whose clock ticks once a second, the same
    // time: only the content tells.
    edit(&client, "verify=False", "verify=True ");
    set_modified(&client, recorded);
    let (after, _) = same_with_and_without_cache(dir, "changed in the same tick");
    assert_ne!(before, after, "the change was not seen");
}

#[test]
fn the_configuration_names_a_cache_directory_inside_the_project_only() {
    let repo = project();
    let dir = repo.path();
    std::fs::write(dir.join("backlint.yaml"), "cache-dir: .cache/backlint\n").unwrap();
    let (expected, _) = check(dir, "json", &["--no-cache"]);
    let (cold, _) = check(dir, "json", &[]);
    assert!(dir.join(".cache/backlint/.gitignore").is_file());
    assert!(!dir.join(".backlint_cache").exists());
    let (warm, hits) = check(dir, "json", &[]);
    assert!(cold == expected && warm == expected, "output differs");
    assert!(hits > 500, "only {hits} files from the cache");
    // `--cache-dir` and the environment variable come first.
    let elsewhere = TempDir::new("cache-dir-flag");
    check(
        dir,
        "json",
        &["--cache-dir", &elsewhere.path().to_string_lossy()],
    );
    assert!(elsewhere.path().join(".gitignore").is_file());

    // Outside the project root, however spelled: a configuration error, nothing written.
    let outside = TempDir::new("cache-dir-outside");
    for named in [
        "../elsewhere".to_string(),
        outside.path().to_string_lossy().into_owned(),
        "sub/../..".to_string(),
        ".".to_string(),
    ] {
        std::fs::write(dir.join("backlint.yaml"), format!("cache-dir: '{named}'\n")).unwrap();
        let out = run_in(dir, &["check", "--format", "json", "."]);
        assert_eq!(out.status.code(), Some(2), "{named}: {}", stderr(&out));
        let message = stderr(&out);
        assert!(
            message.contains("backlint.yaml") && message.contains("cache-dir"),
            "{named}: {message}"
        );
        assert!(message.contains("outside the project root"), "{message}");
    }
    assert!(!dir.parent().unwrap().join("elsewhere").exists());
    assert!(files_below(outside.path()).is_empty());

    // A link inside the root that leads out of it.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(outside.path(), dir.join("linked")).unwrap();
        std::fs::write(dir.join("backlint.yaml"), "cache-dir: linked/cache\n").unwrap();
        let out = run_in(dir, &["check", "--format", "json", "."]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(files_below(outside.path()).is_empty());
    }
}

/// Sets the modification time of `dir` and of everything below it an hour back, so that a
/// file list kept from the next walk trusts them.
fn settle(dir: &Path) {
    let past = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        // Opened to read: times are set by the owner whatever the mode (git's objects are
        // read-only).
        std::fs::File::open(&current)
            .unwrap()
            .set_modified(past)
            .unwrap();
        if current.is_dir() {
            for entry in std::fs::read_dir(&current).unwrap() {
                stack.push(entry.unwrap().path());
            }
        }
    }
}

/// json of a run with the cache, after asserting that it is what a run without it gives,
/// and the `file list:` line of its `--stats`.
fn same_listing(dir: &Path, step: &str) -> (String, String) {
    let (fresh, _) = check(dir, "json", &["--no-cache"]);
    let out = run_in(
        dir,
        &[
            "check", "--format", "json", "--stats", "--color", "never", ".",
        ],
    );
    let cached = stdout(&out);
    assert!(
        fresh == cached,
        "{step}: json differs with the kept file list\n--- without\n{fresh}\n--- with\n{cached}"
    );
    let line = stderr(&out)
        .lines()
        .find(|l| l.trim().starts_with("file list:"))
        .unwrap_or_default()
        .to_string();
    (cached, line)
}

/// Settles the tree and walks it once, so that the next run keeps its file list.
fn keep_listing(dir: &Path) -> String {
    settle(dir);
    same_listing(dir, "settled");
    let (kept, line) = same_listing(dir, "kept");
    assert!(line.contains("kept"), "the file list was not kept: {line}");
    kept
}

/// Makes a change, sees that a run with the cache walks again and gives what a run without
/// it gives, and not what it gave `before`; then keeps the file list again.
fn listing_step(dir: &Path, before: &mut String, name: &str, change: &dyn Fn()) {
    change();
    let (after, line) = same_listing(dir, name);
    assert!(
        line.contains("walked"),
        "{name}: the change was not seen: {line}"
    );
    assert_ne!(*before, after, "{name}: changed nothing");
    *before = keep_listing(dir);
}

fn git(dir: &Path, args: &[&str]) {
    let status = std::process::Command::new("git")
        .current_dir(dir)
        .args(args)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

#[test]
fn a_kept_file_list_sees_every_change_to_what_the_walk_finds() {
    if !tool_available("git", "--version") {
        return;
    }
    let repo = TempDir::new("listing");
    let dir = repo.path();
    let insecure =
        "import requests\n\n\ndef fetch(url):\n    return requests.get(url, verify=False)\n";
    repo.write("app/api/client.py", insecure);
    repo.write("app/api/v1/orders.py", insecure);
    repo.write("app/.env", "SESSION_SECRET=f3a9c2e1b7d4\n");
    repo.write(".gitignore", "*.log\n");
    git(dir, &["init", "-q"]);
    git(dir, &["add", "-A"]);
    // Not tracked: an ignore line hides them.
    repo.write("app/legacy/old.py", insecure);
    repo.write("app/notes/draft.py", insecure);
    same_listing(dir, "cold");
    let mut before = keep_listing(dir);

    // A file added to, and one removed from, a directory whose parent stays as it was.
    listing_step(dir, &mut before, "file added below", &|| {
        repo.write("app/api/v1/refunds.py", insecure);
    });
    listing_step(dir, &mut before, "file removed below", &|| {
        std::fs::remove_file(dir.join("app/api/v1/orders.py")).unwrap();
    });
    listing_step(dir, &mut before, "new directory", &|| {
        repo.write("app/jobs/sync.py", insecure);
    });
    listing_step(dir, &mut before, "renamed directory", &|| {
        std::fs::rename(dir.join("app/api"), dir.join("app/service")).unwrap();
    });
    // Ignore lines changed in place: the directory holding them stays as it was.
    listing_step(dir, &mut before, "changed .gitignore", &|| {
        edit(&dir.join(".gitignore"), "*.log\n", "*.log\napp/legacy/\n");
    });
    listing_step(dir, &mut before, "newly excluded", &|| {
        let exclude = dir.join(".git/info/exclude");
        let text = std::fs::read_to_string(&exclude).unwrap_or_default();
        std::fs::write(&exclude, format!("{text}app/notes/\n")).unwrap();
    });
    // A tracked file an ignore line matches is read until git no longer tracks it.
    edit(&dir.join(".gitignore"), "*.log\n", "*.log\n.env\n");
    let (ignored_but_tracked, _) = same_listing(dir, "tracked .env ignored");
    assert_eq!(before, ignored_but_tracked, "a tracked .env was not read");
    before = keep_listing(dir);
    listing_step(dir, &mut before, "no longer tracked", &|| {
        git(dir, &["rm", "-q", "--cached", "app/.env"]);
    });
}
