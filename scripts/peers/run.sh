#!/usr/bin/env bash
# Speed and F1 of dechrome and its peers on the same HTML pages, in one run.
#
#   scripts/peers/run.sh [SET ...]         # sets under ../shared/data; default: l3s-gn1
#
# Installs trafilatura, resiliparse and readability-lxml into a virtualenv
# ($PEERS_VENV, default ~/.cache/dechrome/peers-venv), builds the Rust runner (dechrome's
# library from this tree + dom_smoothie from crates.io), runs every tool single-threaded
# pinned to one core, $PEERS_ROUNDS times (default 3, the tools in rotating order; each tool's
# median round counts), scores the outputs with shared/tools/score.py, prints one table per set
# and appends it, with the date and the machine, to scripts/peers/RESULTS.md
# (RESULTS=/dev/null to skip). Outputs are kept under $PEERS_OUT (default target/peers).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
shared="${SHARED:-$root/../shared}"
data="${DATA:-$shared/data}"
score="${SCORE:-$shared/tools/score.py}"
venv="${PEERS_VENV:-$HOME/.cache/dechrome/peers-venv}"
target="${CARGO_TARGET_DIR:-$root/target}"
out="${PEERS_OUT:-$target/peers}"
results="${RESULTS:-$here/RESULTS.md}"
sets=("$@")
[ ${#sets[@]} -gt 0 ] || sets=(l3s-gn1)

for s in "${sets[@]}"; do
  [ -d "$data/$s/html" ] || { echo "run.sh: no data set $data/$s/html" >&2; exit 2; }
done
[ -f "$score" ] || { echo "run.sh: scorer $score not found" >&2; exit 2; }

if [ ! -x "$venv/bin/python" ]; then
  echo "== creating $venv" >&2
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import trafilatura, resiliparse, readability' 2>/dev/null; then
  echo "== installing peers from PyPI" >&2
  "$venv/bin/python" -m pip install --quiet --upgrade pip
  "$venv/bin/python" -m pip install --quiet trafilatura resiliparse readability-lxml
fi

echo "== building the runner (dechrome + dom_smoothie)" >&2
runner_dir="$here/runner"
# Start from the main lock file so shared dependencies resolve (and build) the same.
[ -f "$runner_dir/Cargo.lock" ] || cp "$root/Cargo.lock" "$runner_dir/Cargo.lock"
CARGO_TARGET_DIR="$target" cargo build --quiet --release --manifest-path "$runner_dir/Cargo.toml"
runner="$target/release/peers-runner"
dom_smoothie_version="$(cargo pkgid --quiet --manifest-path "$runner_dir/Cargo.toml" dom_smoothie 2>/dev/null | sed 's/.*[@#]//')"
dechrome_version="$(cargo pkgid --quiet --manifest-path "$root/Cargo.toml" | sed 's/.*[@#]//') ($(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?'))"

# One core: the last one, so per-core figures do not depend on the scheduler.
cpu="$(($(nproc) - 1))"
pin=""
command -v taskset >/dev/null && pin="$cpu"

DOM_SMOOTHIE_VERSION="$dom_smoothie_version" "$venv/bin/python" "$here/run.py" \
  --data "$data" --out "$out" --runner "$runner" --score "$score" --results "$results" \
  --taskset "$pin" --dechrome-version "$dechrome_version" "${sets[@]}"
