#!/usr/bin/env python3
"""Score a backlint binary against judged real-world findings.

Runs `BIN check . --format json` inside each checkout listed in the repos
files, matches findings to verdict rows by (repo, path, line, rule) and prints
a per-rule table. Exits 1 when a judged true positive is no longer reported.

  python3 tests/realworld/score.py --bin target/release/backlint --src CHECKOUTS \
      [--repos tests/realworld/repos.tsv] [--verdicts tests/realworld/verdicts.tsv] \
      [--unjudged] [--rule RULE] [--preview] [--select RULES]

CHECKOUTS holds one directory per repository, named owner+name, with the tree of the
commit the repos file gives (`git clone`, then `git checkout COMMIT`; the .git directory
may be left out). Nothing is fetched.

repos files:    owner/name<TAB>commit
verdicts files: repo commit path line rule verdict reason  (tab-separated)
"""
import argparse
import collections
import concurrent.futures
import json
import os
import subprocess
import sys


def read_tsv(paths, min_cols):
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                cols = line.rstrip("\n").split("\t")
                if len(cols) >= min_cols and not line.startswith("#"):
                    yield cols


def run_backlint(binary, checkout, extra=()):
    proc = subprocess.run([binary, "check", ".", "--no-cache", "--format", "json", *extra], cwd=checkout,
                          capture_output=True, text=True)
    try:
        diags = json.loads(proc.stdout)["diagnostics"]
    except (ValueError, KeyError):
        sys.exit(f"backlint failed in {checkout} (exit {proc.returncode}): {proc.stderr[:500]}")
    keys = set()
    for d in diags:
        path = d["path"][2:] if d["path"].startswith("./") else d["path"]
        keys.add((path, int(d["start"]["line"]), d["rule"]))
    return keys


def rules_run(binary, preview, select):
    """The ids of the rules a run with these options runs, or None when unknown."""
    try:
        out = subprocess.run([binary, "rules", "--format", "json"], capture_output=True, text=True).stdout
        listed = json.loads(out)
    except (OSError, ValueError):
        return None
    if select:
        return set(select.split(","))
    wanted = {"on", "preview"} if preview else {"on"}
    return {r["id"] for r in listed if r.get("default") in wanted}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True, help="backlint binary")
    ap.add_argument("--src", required=True, help="directory holding owner+name checkouts")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--repos", nargs="+", default=[os.path.join(here, "repos.tsv")],
                    help="repos tsv files")
    ap.add_argument("--verdicts", nargs="+", default=[os.path.join(here, "verdicts.tsv")],
                    help="verdicts tsv files")
    ap.add_argument("--rule", help="only this rule's findings and verdicts")
    ap.add_argument("--jobs", type=int, default=2, help="repositories checked at once")
    ap.add_argument("--unjudged", action="store_true", help="list findings not yet judged")
    ap.add_argument("--preview", action="store_true", help="also run the rules in preview")
    ap.add_argument("--select", help="run only these rules (comma-separated), e.g. a rule off by default")
    args = ap.parse_args()
    args.bin = os.path.abspath(args.bin)

    repos = {}
    for cols in read_tsv(args.repos, 2):
        repos[cols[0]] = cols[1]

    verdicts = {}  # (repo, path, line, rule) -> (verdict, reason)
    for cols in read_tsv(args.verdicts, 7):
        repo, _commit, path, line, rule, verdict, reason = cols[:7]
        if repo in repos:
            verdicts[(repo, path, int(line), rule)] = (verdict, reason)

    findings = set()  # (repo, path, line, rule)
    checkouts = {}
    for repo in repos:
        checkout = os.path.join(args.src, repo.replace("/", "+"))
        if not os.path.isdir(checkout):
            sys.exit(f"missing checkout {checkout}")
        checkouts[repo] = checkout
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        extra = (["--preview"] if args.preview else []) + (["--select", args.select] if args.select else [])
        results = pool.map(lambda r: (r, run_backlint(args.bin, checkouts[r], extra)), list(repos))
        for repo, keys in results:
            findings |= {(repo,) + k for k in keys}
    if args.rule:
        findings = {k for k in findings if k[3] == args.rule}
        verdicts = {k: v for k, v in verdicts.items() if k[3] == args.rule}

    stats = collections.defaultdict(collections.Counter)
    for key in findings:
        s = stats[key[3]]
        s["findings"] += 1
        if key in verdicts:
            s["judged"] += 1
            s[verdicts[key][0]] += 1
        else:
            s["unjudged"] += 1
    # A judged TP counts as lost only for a rule this run ran: rules in preview run with
    # --preview, rules off by default only when selected.
    ran = rules_run(args.bin, args.preview, args.select)
    lost = sorted(k for k, (v, _) in verdicts.items()
                  if v == "TP" and k not in findings and (ran is None or k[3] in ran))
    gone_fp = sum(1 for k, (v, _) in verdicts.items() if v == "FP" and k not in findings)

    header = f"{'rule':34} {'findings':>8} {'judged':>6} {'TP':>4} {'FP':>4} {'unjudged':>8}  precision"
    print(header)
    print("-" * len(header))
    total = collections.Counter()
    for rule in sorted(stats):
        s = stats[rule]
        total.update(s)
        if s["judged"] >= 10:
            prec = f"{s['TP'] / s['judged']:.2f}"
        else:
            prec = "n/a (<10 judged)"
        print(f"{rule:34} {s['findings']:8} {s['judged']:6} {s['TP']:4} {s['FP']:4} {s['unjudged']:8}  {prec}")
    print("-" * len(header))
    tprec = f"{total['TP'] / total['judged']:.2f}" if total["judged"] else "n/a"
    print(f"{'TOTAL':34} {total['findings']:8} {total['judged']:6} {total['TP']:4} {total['FP']:4} "
          f"{total['unjudged']:8}  {tprec}")
    print(f"\njudged FPs no longer reported: {gone_fp}")

    if args.unjudged:
        print("\nunjudged findings:")
        for repo, path, line, rule in sorted(k for k in findings if k not in verdicts):
            print(f"  {repo}  {path}:{line}  {rule}")

    if lost:
        print(f"\nLOST TRUE POSITIVES ({len(lost)}):")
        for repo, path, line, rule in lost:
            print(f"  {repo}  {path}:{line}  {rule}  -- {verdicts[(repo, path, line, rule)][1]}")
        return 1
    print("\nno judged true positive lost")
    return 0


if __name__ == "__main__":
    sys.exit(main())
