#!/usr/bin/env bash
# Speed-up of `-j 2` over `-j 1`, measured as paired runs: N rounds, each running both (the
# order alternating), and the median of the per-round ratios of wall-clock time. Pairing
# cancels most of a shared machine's drift between runs; the median drops its spikes.
#
#   scripts/scaling.sh [text|html|jsonl] [ROUNDS]      # default: text 11
#   ONE_CORE=1 scripts/scaling.sh jsonl 11               # -j1 pinned to one core
#
# With ONE_CORE=1 the -j1 run is pinned to one core (taskset -c 0): the ratio is then two
# cores against one. Unpinned, -j1 of the JSONL mode keeps ~1.08 cores busy (a reader thread
# finds line ends and writes results while the one worker cleans), which caps the
# unpinned ratio near 2 / 1.08 = 1.85.
#
# The corpus is the evaluation renders under $DATA (default ../shared/data): for `text`,
# the first 40 text-w3m and text-inscriptis renders of each set, copied 10 times (4,000
# files, 31 MB gzipped); for `html`, the first 40 HTML pages of each set, 3 times; for
# `jsonl`, the text corpus as one JSONL stream of {"id","text"} records, 4 times (60 MB;
# JSONL_COPIES=16 for 240 MB, where the start-up and the last batch weigh less).
# It is built once under $SCALING_DIR (default target/scaling). The binary is
# target/release/dechrome (built if missing). Output goes to /dev/null.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${DATA:-$root/../shared/data}"
dir="${SCALING_DIR:-$root/target/scaling}"
bin="$root/target/release/dechrome"
mode="${1:-text}"
rounds="${2:-11}"
case "$mode" in text|html|jsonl) ;; *) echo "scaling.sh: mode must be text, html or jsonl" >&2; exit 2;; esac
[ -d "$data" ] || { echo "scaling.sh: no data under $data" >&2; exit 2; }
[ -x "$bin" ] || (cd "$root" && cargo build --release)

corpus() { # $1: text|html, $2: copies
  local out="$dir/$1-x$2" k=$1 n=$2
  [ -d "$out" ] && { echo "$out"; return; }
  mkdir -p "$out.tmp"
  for set in "$data"/*/; do
    for r in $([ "$k" = text ] && echo text-w3m text-inscriptis || echo html); do
      [ -d "$set$r" ] || continue
      ls "$set$r" | sort | head -40 | while read -r f; do
        for i in $(seq 1 "$n"); do
          mkdir -p "$out.tmp/$i"
          cp "$set$r/$f" "$out.tmp/$i/$(basename "$set")-$r-$f"
        done
      done
    done
  done
  mv "$out.tmp" "$out"
  echo "$out"
}

case "$mode" in
  text) input=$(corpus text 10); args=(--input text "$input") ;;
  html) input=$(corpus html 3); args=(--input html "$input") ;;
  jsonl)
    copies="${JSONL_COPIES:-4}"
    input="$dir/text.jsonl"
    [ "$copies" = 4 ] || input="$dir/text-x$copies.jsonl"
    if [ ! -f "$input" ]; then
      src=$(corpus text 1)
      python3 - "$src/1" "$input" "$copies" <<'EOF'
import gzip, json, os, sys
src, out, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = []
for f in sorted(os.listdir(src)):
    text = gzip.open(os.path.join(src, f)).read().decode("utf-8", "replace")
    lines.append(json.dumps({"id": f, "text": text}, ensure_ascii=False) + "\n")
with open(out + ".tmp", "w") as o:
    for _ in range(copies):
        o.writelines(lines)
os.rename(out + ".tmp", out)
EOF
    fi
    args=(--jsonl "$input") ;;
esac

ms() { local s; s=$(date +%s%N); "$@" >/dev/null; echo $(( ($(date +%s%N) - s) / 1000000 )); }
one=()
[ "${ONE_CORE:-}" = 1 ] && one=(taskset -c 0)
ratios=()
for r in $(seq 1 "$rounds"); do
  if (( r % 2 )); then a=$(ms "${one[@]}" "$bin" clean -j1 "${args[@]}"); b=$(ms "$bin" clean -j2 "${args[@]}")
  else b=$(ms "$bin" clean -j2 "${args[@]}"); a=$(ms "${one[@]}" "$bin" clean -j1 "${args[@]}"); fi
  x=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", a / b }')
  ratios+=("$x")
  echo "round $r: -j1 ${a} ms, -j2 ${b} ms: ${x}x"
done
printf '%s\n' "${ratios[@]}" | sort -n | awk -v m="$mode" '{ a[NR] = $1 } END {
  printf "%s: median %sx of %d rounds (min %sx, max %sx)\n", m, a[int((NR + 1) / 2)], NR, a[1], a[NR] }'
if [ ${#one[@]} -gt 0 ]; then echo "(-j1 pinned to one core)"; fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
