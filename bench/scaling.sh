#!/usr/bin/env bash
# How the run time of `backlint check` grows with the size of a repository.
#
# Builds a monorepo of N numbered service directories, each a copy of testdata's config and
# code fixtures (compose files, Caddyfiles, Dockerfiles, .env files, manifests, JavaScript,
# TypeScript and Python), doubling N from about 500 files to about 8,000, and runs
# `backlint check --threads 1 --stats` on each size. It prints the wall time, the time per
# file, and the phases `--stats` reports. The time per file should stay flat.
#
# Usage: bench/scaling.sh [BIN] [MAX_FILES]
#   BIN        the binary to measure (default: target/release/backlint)
#   MAX_FILES  stop after the first size at or above this many files (default: 8000)
# Set KEEP=1 to keep the generated trees (printed at the end).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$repo/target/release/backlint}
max_files=${2:-8000}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
[ -x "$bin" ] || { echo "no binary at $bin (cargo build --release)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/backlint-scaling.XXXXXX")
if [ "${KEEP:-0}" != 1 ]; then trap 'rm -rf "$work"' EXIT; fi

# One service's worth of files: every fixture directory except the deliberately broken inputs.
template=$work/template
mkdir -p "$template"
for dir in "$repo"/testdata/*/; do
  name=$(basename "$dir")
  [ "$name" = bad-input ] && continue
  cp -R "$dir" "$template/$name"
done
per_copy=$(find "$template" -type f | wc -l)

printf '%8s %8s %10s %12s   %s\n' copies files seconds "ms per file" "phases (--stats)"
copies=1
while :; do
  tree=$work/monorepo-$copies
  mkdir -p "$tree/services"
  for i in $(seq -w 1 "$copies"); do
    cp -R "$template" "$tree/services/svc-$i"
  done
  files=$((copies * per_copy))
  start=$(date +%s.%N)
  (cd "$tree" && "$bin" check --threads 1 --stats --format json . >/dev/null 2>"$work/stats-$copies.txt") || true
  end=$(date +%s.%N)
  seconds=$(echo "$end - $start" | bc -l)
  per_file=$(echo "1000 * $seconds / $files" | bc -l)
  phases=$(grep -E '^    (discovery|lint \(all files\)|project phase|output|total) ' "$work/stats-$copies.txt" \
    | sed -E 's/^ +//; s/ {2,}/ /g' | paste -sd ';' - | sed 's/;/; /g' || true)
  printf '%8d %8d %10.2f %12.3f   %s\n' "$copies" "$files" "$seconds" "$per_file" "$phases"
  [ "$files" -ge "$max_files" ] && break
  rm -rf "$tree"
  copies=$((copies * 2))
done
[ "${KEEP:-0}" = 1 ] && echo "trees kept in $work"
exit 0
