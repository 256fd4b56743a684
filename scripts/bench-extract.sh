#!/usr/bin/env bash
# Benchmark of the extract stage: glyphs and rules for every PDF under corpus/public, in release
# mode, against `pdftotext -tsv` on the same files in the same run. Prints pages/s and ratios.
# Usage: scripts/bench-extract.sh [ROUNDS]   (each figure is the best of ROUNDS runs, default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
swift build -c release --static-swift-stdlib --product disclosure >/dev/null
bin=.build/release/disclosure
files=(corpus/public/*.pdf)
pages=0
for f in "${files[@]}"; do pages=$((pages + $(pdfinfo "$f" | awk '/^Pages:/ {print $2}'))); done

best() { # best wall time in seconds of running "$@" once per file, over $rounds rounds
  local best_ns= t0 t1 ns
  for _ in $(seq "$rounds"); do
    t0=$(date +%s%N)
    for f in "${files[@]}"; do "$@" "$f" >/dev/null; done
    t1=$(date +%s%N)
    ns=$((t1 - t0))
    if [ -z "$best_ns" ] || [ "$ns" -lt "$best_ns" ]; then best_ns=$ns; fi
  done
  echo "$best_ns"
}
pdftotext_tsv() { pdftotext -tsv "$1" -; }
ours() { "$bin" extract --format summary "$1"; }
ours_glyphs() { "$bin" extract --format summary --no-rules "$1"; }

p=$(best pdftotext_tsv)
o=$(best ours)
g=$(best ours_glyphs)
python3 - "$pages" "$p" "$o" "$g" "${#files[@]}" <<'PY'
import sys
pages, p, o, g, n = int(sys.argv[1]), *(int(x) / 1e9 for x in sys.argv[2:5]), int(sys.argv[5])
print(f"{n} files, {pages} pages, best of rounds, 1 process per file")
print(f"pdftotext -tsv        {p:7.3f} s  {pages / p:7.1f} pages/s")
print(f"extract glyphs only   {g:7.3f} s  {pages / g:7.1f} pages/s  ratio {g / p:.2f}x")
print(f"extract glyphs+rules  {o:7.3f} s  {pages / o:7.1f} pages/s  ratio {o / p:.2f}x")
PY
