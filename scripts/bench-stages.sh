#!/usr/bin/env bash
# What each stage costs on the public corpus, in release mode: the time of running the pipeline
# up to a stage minus the time up to the stage before (best of ROUNDS runs, one process per
# file, all in the same run). Usage: scripts/bench-stages.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
scratch=${SCRATCH_PATH:-.build}
swift build -c release --static-swift-stdlib --product disclosure --scratch-path "$scratch" >/dev/null
bin="$scratch/release/disclosure"
files=(corpus/public/*.pdf)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

best() {
  local best_ns= t0 t1 ns
  for _ in $(seq "$rounds"); do
    t0=$(date +%s%N)
    for f in "${files[@]}"; do "$@" "$f" >/dev/null 2>&1; done
    t1=$(date +%s%N)
    ns=$((t1 - t0))
    if [ -z "$best_ns" ] || [ "$ns" -lt "$best_ns" ]; then best_ns=$ns; fi
  done
  echo "$best_ns"
}
startup() { "$bin" --help; }
extract() { "$bin" extract --format summary "$1"; }
normalize() { "$bin" dump --stop-after normalize "$1"; }
segment() { "$bin" dump --stop-after segment "$1"; }
rows() { "$bin" dump --stop-after rows "$1"; }
ingest() { "$bin" ingest "$1" --out "$out"; }

s=$(best startup); e=$(best extract); n=$(best normalize); g=$(best segment); r=$(best rows); i=$(best ingest)
python3 - "$s" "$e" "$n" "$g" "$r" "$i" <<'PY'
import sys
s, e, n, g, r, i = (int(x) / 1e9 for x in sys.argv[1:])
ex = e - s
print(f"process start-up  {s:6.3f} s (subtracted from extract)")
print(f"extract           {ex:6.3f} s")
print(f"normalize         {max(n - e, 0):6.3f} s  ({max(n - e, 0) / ex:.2f}x extract)")
print(f"segment           {max(g - n, 0):6.3f} s  ({max(g - n, 0) / ex:.2f}x extract; includes printing the tree)")
print(f"rows              {max(r - g, 0):6.3f} s  ({max(r - g, 0) / ex:.2f}x extract)")
print(f"ingest (all)      {i - s:6.3f} s  ({(i - s) / ex:.2f}x extract)")
PY
