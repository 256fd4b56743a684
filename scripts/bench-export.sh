#!/usr/bin/env bash
# Benchmark of `disclosure export`: wall time (best of ROUNDS) and peak memory (GNU time's
# maximum resident set size) for the documents `ingest` makes of the corpus PDFs (corpus/public
# and corpus/real) and for COUNT documents (copies of them, each given its own source sha256 so
# that they are distinct documents), to SQLite and CSV together, SQLite only, CSV only, and
# again into the same database (nothing changed); against `disclosure ingest` of the same PDFs
# (--jobs 1 and --jobs $(nproc)), per document: the same documents on both sides. The seed text
# document is left out: placing its amounts by arithmetic takes seconds, which would make any
# export look cheap.
# Usage: scripts/bench-export.sh [ROUNDS] [COUNT]   (defaults 3 and 1000; SCRATCH_PATH=DIR to
# build elsewhere than .build)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
count=${2:-1000}
scratch=${SCRATCH_PATH:-.build}
swift build -c release --static-swift-stdlib --product disclosure --scratch-path "$scratch" >/dev/null
bin=$scratch/release/disclosure
jobs=$(nproc)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The documents of the corpus PDFs, as ingest writes them (the export's input).
corpus=(corpus/public/*.pdf corpus/real/*.pdf)
"$bin" ingest "${corpus[@]}" --out "$work/ingested" --jobs "$jobs" >/dev/null 2>&1

# COUNT copies of them with distinct source digests.
mkdir -p "$work/many"
python3 - "$work/many" "$count" "$work/ingested" <<'PY'
import glob, hashlib, json, sys
folder, count, source = sys.argv[1], int(sys.argv[2]), sys.argv[3]
goldens = sorted(glob.glob(source + "/*.json"))
texts = [open(path, encoding="utf-8").read() for path in goldens]
digests = [json.loads(text)["source"]["sha256"] for text in texts]
for i in range(count):
    k = i % len(texts)
    new = hashlib.sha256(f"copy {i}".encode()).hexdigest()
    with open(f"{folder}/doc-{i:05d}.json", "w", encoding="utf-8") as out:
        out.write(texts[k].replace(digests[k], new, 1))
PY

measure() { # prints "best_ns peak_kb cpu_ms" for "$@" over $rounds rounds, removing $work/out first
  local best= t0 t1 ns peak=0 kb cpu best_cpu=
  for _ in $(seq "$rounds"); do
    rm -rf "$work/out"
    mkdir -p "$work/out"
    t0=$(date +%s%N)
    /usr/bin/time -v -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; return 1; }
    t1=$(date +%s%N)
    kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time")
    cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%d", s * 1000}' "$work/time")
    ns=$((t1 - t0))
    if [ -z "$best" ] || [ "$ns" -lt "$best" ]; then best=$ns; fi
    if [ -z "$best_cpu" ] || [ "$cpu" -lt "$best_cpu" ]; then best_cpu=$cpu; fi
    if [ "$kb" -gt "$peak" ]; then peak=$kb; fi
  done
  echo "$best $peak $best_cpu"
}

again() { # exports "$1" into a database, then measures exporting it again into that database
  local src=$1
  rm -rf "$work/again" && mkdir -p "$work/again"
  "$bin" export "$src" --sqlite "$work/again/c.db" 2>/dev/null
  local best= t0 t1 ns kb peak=0 cpu best_cpu=
  for _ in $(seq "$rounds"); do
    t0=$(date +%s%N)
    /usr/bin/time -v -o "$work/time" "$bin" export "$src" --sqlite "$work/again/c.db" >/dev/null 2>&1
    t1=$(date +%s%N)
    kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time")
    cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%d", s * 1000}' "$work/time")
    ns=$((t1 - t0))
    if [ -z "$best" ] || [ "$ns" -lt "$best" ]; then best=$ns; fi
    if [ -z "$best_cpu" ] || [ "$cpu" -lt "$best_cpu" ]; then best_cpu=$cpu; fi
    if [ "$kb" -gt "$peak" ]; then peak=$kb; fi
  done
  echo "$best $peak $best_cpu"
}

results=()
results+=("$(measure "$bin" ingest "${corpus[@]}" --out "$work/out" --jobs 1)")
results+=("$(measure "$bin" ingest "${corpus[@]}" --out "$work/out" --jobs "$jobs")")
for src in "$work/ingested" "$work/many"; do
  results+=("$(measure "$bin" export "$src" --sqlite "$work/out/c.db" --csv "$work/out/csv")")
  db_kb=$(du -sk "$work/out/c.db" | cut -f1)
  csv_kb=$(du -sk "$work/out/csv" | cut -f1)
  results+=("$(measure "$bin" export "$src" --sqlite "$work/out/c.db")")
  results+=("$(measure "$bin" export "$src" --csv "$work/out/csv")")
  results+=("$(again "$src")")
done

goldens=("$work"/ingested/*.json)
python3 - "$rounds" "$jobs" "${#corpus[@]}" "$count" "$db_kb" "$csv_kb" "${#goldens[@]}" ${results[@]} <<'PY'
import sys
rounds, jobs, n, count, db_kb, csv_kb, g = map(int, sys.argv[1:8])
v = list(map(int, sys.argv[8:]))
runs = [(v[i], v[i + 1], v[i + 2]) for i in range(0, len(v), 3)]
i1, i1m, i1c = runs[0]
print(f"best of {rounds} rounds, {jobs} cores; peak = maximum resident set size; cpu = user + system time;")
print("% = export cpu per document over ingest --jobs 1 cpu per document (steadier than wall time on a busy machine)")
def line(name, docs, ns, kb, cpu, ratio=""):
    print(f"{name:44} {docs:5} docs {ns / 1e9:8.3f} s wall {cpu / docs:6.1f} ms cpu/doc  peak {kb / 1024:5.1f} MB{ratio}")
line("ingest --jobs 1 (PDFs)", n, *runs[0])
line(f"ingest --jobs {jobs} (PDFs)", n, *runs[1])
names = ["export --sqlite --csv", "export --sqlite", "export --csv", "export --sqlite again (unchanged)"]
for label, docs, group in (("corpus", g, runs[2:6]), (f"{count} copies", count, runs[6:10])):
    for name, (ns, kb, cpu) in zip(names, group):
        ratio = (cpu / docs) / (i1c / n)
        line(f"{name} ({label})", docs, ns, kb, cpu, f"  {ratio * 100:5.1f}% of ingest")
print(f"{count} copies: database {db_kb / 1024:.0f} MB, CSV {csv_kb / 1024:.0f} MB")
PY
