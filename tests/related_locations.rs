//! Findings that follow code through a helper of another module carry a related location at
//! each hop they name: the message's `(file:line)` is a SARIF `relatedLocations` entry in
//! that file on that line, so the finding explains itself in an editor or a code-scanning
//! view. Run through the real binary on the cross-module fixtures of the rules that read
//! function summaries.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;

/// `(path:line)` places a message names, e.g. "`getConn` (lib/db.js:12) returns ...".
fn named_places(message: &str) -> Vec<(String, u64)> {
    let mut places = Vec::new();
    for part in message.split('(').skip(1) {
        let Some(inside) = part.split(')').next() else {
            continue;
        };
        let Some((path, line)) = inside.rsplit_once(':') else {
            continue;
        };
        if let Ok(line) = line.parse::<u64>() {
            if path.contains('.') && !path.contains(' ') {
                places.push((path.to_string(), line));
            }
        }
    }
    places
}

/// Every finding of `rule` under `dir` whose message names a place in another file has a
/// related location there; returns how many such findings there were.
fn hops_are_related_locations(dir: &str, rule: &str) -> usize {
    let out = run_in(
        &root().join(dir),
        &[
            "check",
            ".",
            "--no-cache",
            "--preview",
            "--select",
            rule,
            "--format",
            "sarif",
        ],
    );
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = value["runs"][0]["results"].as_array().unwrap();
    let mut across = 0;
    for result in results {
        let message = result["message"]["text"].as_str().unwrap();
        let places = named_places(message);
        if places.is_empty() {
            continue;
        }
        across += 1;
        let related = result["relatedLocations"]
            .as_array()
            .unwrap_or_else(|| panic!("no related locations for: {message}"));
        for (path, line) in places {
            let found = related.iter().any(|r| {
                let location = &r["physicalLocation"];
                let uri = location["artifactLocation"]["uri"].as_str().unwrap_or("");
                uri.ends_with(&path) && location["region"]["startLine"].as_u64() == Some(line)
            });
            assert!(
                found,
                "{rule}: `{message}` names {path}:{line} but has no related location there: {related:?}"
            );
        }
    }
    across
}

#[test]
fn pool_connection_leak_labels_the_wrapper_of_another_module() {
    assert!(
        hops_are_related_locations(
            "testdata/pool-connection-leak/modules",
            "pool-connection-leak"
        ) > 0
    );
}

#[test]
fn error_details_leak_labels_the_helper_of_another_module() {
    assert!(
        hops_are_related_locations("testdata/error-details-leak/modules", "error-details-leak") > 0
    );
}

#[test]
fn n_plus_one_query_labels_the_query_of_another_module() {
    let out = run_in(
        &root().join("testdata/n-plus-one-query/helpers"),
        &[
            "check",
            ".",
            "--no-cache",
            "--preview",
            "--select",
            "n-plus-one-query",
            "--format",
            "sarif",
        ],
    );
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = value["runs"][0]["results"].as_array().unwrap();
    // A query run by a helper of another module: a related location in that module.
    let across = results.iter().filter(|r| {
        let own = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str();
        r["relatedLocations"].as_array().is_some_and(|related| {
            related.iter().any(|l| {
                l["message"]["text"]
                    .as_str()
                    .is_some_and(|m| m.contains("runs a query"))
                    && l["physicalLocation"]["artifactLocation"]["uri"].as_str() != own
            })
        })
    });
    assert!(across.count() > 0);
}
