#!/usr/bin/env bash
# Benchmark of `disclosure export`: wall time (best of ROUNDS) and peak memory (GNU time's
# maximum resident set size) for the goldens in output/ and for COUNT documents (copies of the
# goldens, each given its own source sha256 so that they are distinct documents), to SQLite and
# CSV together, SQLite only, CSV only, and again into the same database (nothing changed);
# against `disclosure ingest` of the corpus PDFs (--jobs 1 and --jobs $(nproc)), per document.
# The seed text document is left out of the ingest reference: placing its amounts by
# arithmetic takes seconds, which would make any export look cheap.
# Usage: scripts/bench-export.sh [ROUNDS] [COUNT]   (defaults 3 and 1000; SCRATCH_PATH=DIR to
# build elsewhere than .build)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
count=${2:-1000}
scratch=${SCRATCH_PATH:-.build}
swift build -c release --product disclosure --scratch-path "$scratch" >/dev/null
bin=$scratch/release/disclosure
jobs=$(nproc)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# COUNT copies of the goldens with distinct source digests.
mkdir -p "$work/many"
python3 - "$work/many" "$count" <<'PY'
import glob, hashlib, json, sys
folder, count = sys.argv[1], int(sys.argv[2])
goldens = sorted(glob.glob("output/*.json"))
texts = [open(path, encoding="utf-8").read() for path in goldens]
digests = [json.loads(text)["source"]["sha256"] for text in texts]
for i in range(count):
    k = i % len(texts)
    new = hashlib.sha256(f"copy {i}".encode()).hexdigest()
    with open(f"{folder}/doc-{i:05d}.json", "w", encoding="utf-8") as out:
        out.write(texts[k].replace(digests[k], new, 1))
PY

measure() { # prints "best_ns peak_kb" for "$@" over $rounds rounds, removing $work/out first
  local best= t0 t1 ns peak=0 kb
  for _ in $(seq "$rounds"); do
    rm -rf "$work/out"
    mkdir -p "$work/out"
    t0=$(date +%s%N)
    /usr/bin/time -v -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; return 1; }
    t1=$(date +%s%N)
    kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time")
    ns=$((t1 - t0))
    if [ -z "$best" ] || [ "$ns" -lt "$best" ]; then best=$ns; fi
    if [ "$kb" -gt "$peak" ]; then peak=$kb; fi
  done
  echo "$best $peak"
}

again() { # exports "$1" into a database, then measures exporting it again into that database
  local src=$1
  rm -rf "$work/again" && mkdir -p "$work/again"
  "$bin" export "$src" --sqlite "$work/again/c.db" 2>/dev/null
  local best= t0 t1 ns kb peak=0
  for _ in $(seq "$rounds"); do
    t0=$(date +%s%N)
    /usr/bin/time -v -o "$work/time" "$bin" export "$src" --sqlite "$work/again/c.db" >/dev/null 2>&1
    t1=$(date +%s%N)
    kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time")
    ns=$((t1 - t0))
    if [ -z "$best" ] || [ "$ns" -lt "$best" ]; then best=$ns; fi
    if [ "$kb" -gt "$peak" ]; then peak=$kb; fi
  done
  echo "$best $peak"
}

corpus=(corpus/public/*.pdf)
results=()
results+=("$(measure "$bin" ingest "${corpus[@]}" --out "$work/out" --jobs 1)")
results+=("$(measure "$bin" ingest "${corpus[@]}" --out "$work/out" --jobs "$jobs")")
for src in output "$work/many"; do
  results+=("$(measure "$bin" export "$src" --sqlite "$work/out/c.db" --csv "$work/out/csv")")
  results+=("$(measure "$bin" export "$src" --sqlite "$work/out/c.db")")
  results+=("$(measure "$bin" export "$src" --csv "$work/out/csv")")
  results+=("$(again "$src")")
done
size=$(du -sk "$work/out" | cut -f1)

goldens=(output/*.json)
python3 - "$rounds" "$jobs" "${#corpus[@]}" "$count" "$size" "${#goldens[@]}" ${results[@]} <<'PY'
import sys
rounds, jobs, n, count, size, g = map(int, sys.argv[1:7])
v = list(map(int, sys.argv[7:]))
pairs = [(v[i], v[i + 1]) for i in range(0, len(v), 2)]
(i1, i1m), (iN, iNm) = pairs[:2]
per_doc_ingest = i1 / n
print(f"best of {rounds} rounds, {jobs} cores; peak = maximum resident set size; % = export ms/doc over ingest --jobs 1 ms/doc")
print(f"{'ingest --jobs 1 (PDFs)':44} {n:6} docs {i1 / 1e9:8.3f} s {i1 / n / 1e6:7.1f} ms/doc  peak {i1m / 1024:6.1f} MB")
print(f"{f'ingest --jobs {jobs} (PDFs)':44} {n:6} docs {iN / 1e9:8.3f} s {iN / n / 1e6:7.1f} ms/doc  peak {iNm / 1024:6.1f} MB")
names = ["export --sqlite --csv", "export --sqlite", "export --csv", "export --sqlite again (unchanged)"]
for label, docs, group in (("goldens", g, pairs[2:6]), (f"{count} copies", count, pairs[6:10])):
    for name, (ns, kb) in zip(names, group):
        ratio = (ns / docs) / per_doc_ingest
        print(f"{name + ' (' + label + ')':44} {docs:6} docs {ns / 1e9:8.3f} s {ns / docs / 1e6:7.1f} ms/doc  "
              f"peak {kb / 1024:6.1f} MB  {ratio * 100:5.1f}% of ingest")
print(f"database and CSV of the {count} copies: {size / 1024:.0f} MB")
PY
