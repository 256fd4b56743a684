#!/usr/bin/env bash
# Bulk-ingest benchmark: COUNT copies of corpus/public/*.pdf through `disclosure ingest --out`,
# in worker processes (the default) and --in-process, with 1 and $(nproc) jobs: wall and CPU time,
# pages/s, the 1 → N jobs speed-up, and the peak RSS of the largest process (GNU time's maximum
# resident set size covers the waited-for workers). Then `--resume` of the finished batch (hashes
# every input, runs nothing), and the hashing of HASHCOUNT copies alone (a shard that selects
# no input).
#
# Usage: scripts/bench-batch.sh [COUNT] [HASHCOUNT]   (default 1000 and 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000}
hashcount=${2:-10000}
jobs=$(nproc)
swift build -c release --static-swift-stdlib --product disclosure >/dev/null
bin=$PWD/.build/release/disclosure
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

copies() {  # copies FOLDER N
  mkdir -p "$1"
  local pdfs=(corpus/public/*.pdf) i
  for ((i = 0; i < $2; i++)); do
    local source=${pdfs[i % ${#pdfs[@]}]}
    cp "$source" "$1/$(printf %05d "$i")-$(basename "$source")"
  done
}
copies "$work/in" "$count"

measure() {  # measure LABEL OUT ARGS...
  local label=$1 out=$2
  shift 2
  rm -rf "$out"
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$bin" ingest "$work/in" --out "$out" --quiet "$@" 2>"$work/err" || true
  read -r wall user sys rss <"$work/time"
  python3 - "$label" "$out/manifest.jsonl" "$wall" "$user" "$sys" "$rss" <<'PY'
import json, sys
label, manifest, wall, user, sys_, rss = sys.argv[1:]
lines = [json.loads(l) for l in open(manifest)]
pages = sum(l["pages"] or 0 for l in lines)
ok = sum(l["status"] == "ok" for l in lines)
wall, cpu = float(wall), float(user) + float(sys_)
print(f"{label:28} {len(lines):5} docs ({ok} ok) {pages:6} pages  {wall:8.1f} s wall  {pages / wall:6.1f} pages/s"
      f"  {cpu / len(lines) * 1000:6.1f} ms cpu/doc  peak {int(rss) / 1024:6.1f} MB")
PY
}

echo "$count copies of corpus/public/*.pdf, $jobs cores"
measure "workers --jobs 1" "$work/w1" --jobs 1
measure "in-process --jobs 1" "$work/p1" --jobs 1 --in-process
measure "workers --jobs $jobs" "$work/w2" --jobs "$jobs"
measure "in-process --jobs $jobs" "$work/p2" --jobs "$jobs" --in-process
cmp -s <(cd "$work/w1" && cat $(ls *.json)) <(cd "$work/p2" && cat $(ls *.json)) && echo "outputs identical across modes and jobs" || echo "OUTPUTS DIFFER"

/usr/bin/time -f "%e" -o "$work/time" "$bin" ingest "$work/in" --out "$work/w2" --resume --quiet 2>/dev/null || true
echo "--resume of the finished batch ($count inputs): $(cat "$work/time") s"
rm -rf "$work/in" "$work/w1" "$work/w2" "$work/p1" "$work/p2"
copies "$work/in" "$hashcount"
/usr/bin/time -f "%e %U %S" -o "$work/time" "$bin" ingest "$work/in" --out "$work/h" --shard 1/1000000000 --quiet 2>/dev/null || true
read -r wall user sys <"$work/time"
echo "hashing $hashcount inputs (no document selected): $wall s wall, $(python3 -c "print(f'{$user + $sys:.1f}')") s cpu"
