#!/usr/bin/env bash
# CI: the peer benchmark script runs end to end on the smallest data set (cleaneval-dev,
# 58 pages): installs the PyPI peers, builds the Rust runner, runs every tool, scores them.
# Its figures are not checked (shared machines are too noisy for that); that it produces a
# full table is. Skipped when ../shared/data is not beside the clone.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
data="${DATA:-../shared/data}"
if [ ! -d "$data/cleaneval-dev/html" ]; then
  echo "peers.sh: $data/cleaneval-dev not found; skipped"
  exit 0
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
RESULTS=/dev/null PEERS_OUT="$out" scripts/peers/run.sh cleaneval-dev | tee "$out/table.md"
for tool in dechrome trafilatura resiliparse readability-lxml dom_smoothie; do
  grep -q "^| $tool |" "$out/table.md" || { echo "peers.sh: no row for $tool" >&2; exit 1; }
done
echo "peers: 5 passed, 0 failed"
