#!/usr/bin/env bash
# Seeds the fuzz corpora from testdata/: each target's corpus directory, fuzz/corpus/TARGET,
# gets the testdata files of the kind it reads. Safe to run again: the same seeds keep their
# names, and the inputs the fuzzer has added are left alone.
#
# For the `check` target each seed is the file's content behind one byte that chooses the
# file name it is linted as: the index into NAMES in fuzz_targets/check.rs.
set -euo pipefail
cd "$(dirname "$0")"
testdata=../testdata
corpus=corpus

# The `check` selector byte for a testdata file, from its name; nothing for other files.
check_selector() {
  local name=$1
  case "$name" in
    *.test.js | *.spec.js | *.test.ts | *.spec.ts) echo 10 ;;
    *.js | *.mjs | *.cjs | *.jsx) echo 0 ;;
    *.ts | *.mts | *.cts) echo 1 ;;
    *.tsx) echo 2 ;;
    test_*.py | *_test.py) echo 11 ;;
    *.py) echo 3 ;;
    .env.example | .env.sample | .env.template) echo 9 ;;
    .env | .env.* | *.env) echo 4 ;;
    docker-compose*.yml | docker-compose*.yaml | compose*.yml | compose*.yaml) echo 5 ;;
    Caddyfile* | *.caddy | *.caddyfile) echo 6 ;;
    Dockerfile* | *.dockerfile) echo 7 ;;
    *.yml | *.yaml) echo 8 ;;
  esac
}

# The parser targets that read a testdata file, from its name.
parser_targets() {
  local name=$1
  case "$name" in
    .env | .env.* | *.env) echo dotenv ;;
    docker-compose*.yml | docker-compose*.yaml | compose*.yml | compose*.yaml) echo yaml compose ;;
    *.yml | *.yaml) echo yaml ;;
    Caddyfile* | *.caddy | *.caddyfile) echo caddyfile ;;
    Dockerfile* | *.dockerfile) echo dockerfile ;;
  esac
}

for target in caddyfile yaml compose dotenv dockerfile check; do
  mkdir -p "$corpus/$target"
done

count=0
while IFS= read -r -d '' file; do
  name=$(basename "$file")
  # The seed's name: its path under testdata/, flattened.
  seed="seed-$(printf '%s' "${file#"$testdata"/}" | tr '/' '_')"
  for target in $(parser_targets "$name"); do
    cp "$file" "$corpus/$target/$seed"
    count=$((count + 1))
  done
  selector=$(check_selector "$name")
  if [ -n "$selector" ]; then
    {
      printf "\\$(printf '%03o' "$selector")"
      cat "$file"
    } >"$corpus/check/$seed"
    count=$((count + 1))
  fi
done < <(find "$testdata" -type f -print0)
echo "seeded $count corpus files from $testdata"
