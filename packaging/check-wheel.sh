#!/usr/bin/env bash
# Builds backlint's Python wheel, installs it into a fresh virtual environment, and checks
# the installed binary: its version, a check of the demo, and the pre-commit end-to-end test
# with a `repo: local` / `language: system` hook on that install. Installs maturin when
# missing. Prints the install time.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v maturin >/dev/null 2>&1; then
  python3 -m pip install -q "maturin>=1.5,<2"
fi
rm -rf target/wheels target/wheel-venv
maturin build --release --locked --out target/wheels
wheel=$(ls target/wheels/backlint-*.whl)
python3 -m venv target/wheel-venv
start=$(date +%s%N)
target/wheel-venv/bin/pip install -q --no-index "$wheel"
end=$(date +%s%N)
echo "wheel installed into a fresh venv in $(( (end - start) / 1000000 )) ms: $(basename "$wheel")"

installed=target/wheel-venv/bin/backlint
version=$("$installed" --version)
expected="backlint $(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)"
if [ "$version" != "$expected" ]; then
  echo "the installed binary says '$version', expected '$expected'" >&2
  exit 1
fi
set +e
"$installed" check testdata/demo --quiet --color never >/dev/null
status=$?
set -e
if [ "$status" -ne 1 ]; then
  echo "check of the demo from the installed wheel exited $status, expected 1" >&2
  exit 1
fi
BACKLINT_SYSTEM_INSTALL="$PWD/target/wheel-venv/bin" BACKLINT_REQUIRE_TOOLS=1 \
  cargo test --test integrations pre_commit_with_a_system_install
