#!/usr/bin/env bash
# The cost of isolation, in instructions: COUNT copies of corpus/public/*.pdf through
# `disclosure ingest --out` in worker processes and --in-process, one job each, under
# `valgrind --tool=callgrind --trace-children=yes`, which counts every instruction of the batch
# process and of its workers. Instruction counts do not depend on the machine's load (wall
# and CPU times on this shared 2-core machine vary by ±20 % from run to run, more than the
# effect measured).
#
# Usage: scripts/bench-isolation.sh [COUNT]   (default 22: every public PDF twice)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-22}
swift build -c release --static-swift-stdlib --product disclosure >/dev/null
bin=$PWD/.build/release/disclosure
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pdfs=(corpus/public/*.pdf)
mkdir -p "$work/in"
for ((i = 0; i < count; i++)); do
  source=${pdfs[i % ${#pdfs[@]}]}
  cp "$source" "$work/in/$(printf %05d "$i")-$(basename "$source")"
done

instructions() {  # instructions LABEL ARGS...: the sum over every process callgrind traced
  local label=$1
  shift
  rm -rf "$work/out" "$work/cg"
  mkdir -p "$work/cg"
  valgrind --tool=callgrind --trace-children=yes --callgrind-out-file="$work/cg/%p.out" "$@" >/dev/null 2>"$work/cg/log"
  local total processes
  total=$(grep -h "^summary:" "$work"/cg/*.out | awk '{s += $2} END {printf "%.0f\n", s}')
  processes=$(ls "$work"/cg/*.out | wc -l)
  echo "$label $total $processes"
}

read -r _ workers wp < <(instructions workers "$bin" ingest "$work/in" --out "$work/out" --jobs 1 --quiet)
cp -r "$work/out" "$work/out-workers"
read -r _ inprocess ip < <(instructions in-process "$bin" ingest "$work/in" --out "$work/out" --jobs 1 --in-process --quiet)
same=identical
for f in "$work"/out-workers/*.json; do cmp -s "$f" "$work/out/$(basename "$f")" || same=different; done
python3 - "$count" "$workers" "$wp" "$inprocess" "$ip" "$same" <<'PY'
import sys
count, workers, wp, inprocess, ip, same = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
print(f"{count} copies of corpus/public/*.pdf, --jobs 1, instructions of every process (callgrind)")
print(f"workers      {workers / 1e9:8.3f} billion  ({wp} processes)  {workers / count / 1e6:8.1f} M per document")
print(f"in-process   {inprocess / 1e9:8.3f} billion  ({ip} processes)  {inprocess / count / 1e6:8.1f} M per document")
print(f"isolation costs {100 * (workers / inprocess - 1):+.2f} %; outputs {same}")
PY
