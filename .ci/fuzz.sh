#!/usr/bin/env bash
# CI: build every fuzz target and run each for 60 seconds from seed corpora made from testdata/.
# Stable Rust, no sanitizer (-s none). Installs cargo-fuzz when it is missing.
# The random seed is fixed (FUZZ_SEED, default 1) so a CI run is repeatable: CI is the gate,
# long campaigns with random seeds are where new findings come from (fuzz/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
secs="${FUZZ_SECONDS:-60}"
seed="${FUZZ_SEED:-1}"
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "== cargo install cargo-fuzz --locked"
  cargo install cargo-fuzz --locked --quiet
fi
fuzz/seed-corpora.sh
echo "== cargo fuzz build -s none"
cargo fuzz build -s none
passed=0
failed=0
for t in clean_text clean_html rule_set clean_with_rules; do
  extra=()
  [ "$t" = clean_html ] && extra=(-dict=fuzz/html.dict)
  echo "== cargo fuzz run -s none $t (${secs} s)"
  if cargo fuzz run -s none "$t" "fuzz/corpus/$t" -- -max_total_time="$secs" -seed="$seed" \
      -print_final_stats=1 "${extra[@]}" > "target/fuzz-$t.log" 2>&1; then
    grep -E '^stat::number_of_executed_units' "target/fuzz-$t.log" || true
    passed=$((passed + 1))
  else
    echo "fuzz target $t failed; its log:" >&2
    tail -n 60 "target/fuzz-$t.log" >&2
    failed=$((failed + 1))
  fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
