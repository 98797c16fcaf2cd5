#!/usr/bin/env bash
# A short fuzzing pass, as CI runs it: seeds the corpora from testdata/, builds every target
# and runs each for FUZZ_SECONDS seconds (20 by default). Exits non-zero when a target
# crashes (a panic, a failed span check, an input slower than 10 s); the input that did it is
# left in fuzz/artifacts/TARGET/.
#
# cargo-fuzz wants a nightly compiler; RUSTC_BOOTSTRAP=1 lets the stable one build the
# targets. No sanitizer (backlint's own code is safe Rust); debug assertions, and with them
# overflow checks, are on.
#
# Usage: fuzz/run-short.sh [TARGET...]   (every target when none is named)
set -euo pipefail
cd "$(dirname "$0")"
seconds=${FUZZ_SECONDS:-20}
export RUSTC_BOOTSTRAP=1
flags=(--sanitizer none --debug-assertions)

if [ "$#" -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(cargo fuzz list)
fi

./seed.sh
started=$SECONDS
cargo fuzz build "${flags[@]}"
echo "fuzz: targets built in $((SECONDS - started)) s"

mkdir -p target
failed=()
for target in "${targets[@]}"; do
  log=target/run-short-$target.log
  if cargo fuzz run "${flags[@]}" "$target" -- \
    -max_total_time="$seconds" -timeout=10 -print_final_stats=1 >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    echo "fuzz $target: ${runs:-?} runs, ${rate:-?} exec/s"
  else
    echo "fuzz $target: FAILED (whole log in fuzz/$log)"
    # The panic or libFuzzer's error with the start of its backtrace, then the input.
    grep -m1 -A24 -E "panicked at|ERROR: libFuzzer" "$log" || tail -n 40 "$log"
    input=$(sed -n 's/.*Test unit written to //p' "$log" | head -n 1)
    if [ -n "$input" ] && [ -f "$input" ]; then
      echo "fuzz $target: the input, $(wc -c <"$input") bytes, in $input:"
      head -c 2048 "$input" | od -An -c
    fi
    failed+=("$target")
  fi
done

if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz: crashes in ${failed[*]}; inputs in fuzz/artifacts/" >&2
  exit 1
fi
echo "fuzz: ${#targets[@]} targets ran ${seconds} s each with no crash"
