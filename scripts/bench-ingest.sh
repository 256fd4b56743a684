#!/usr/bin/env bash
# End-to-end benchmark: `disclosure ingest` (extract → normalize → segment → rows → emit, output
# files written) on every PDF under corpus/public, with --jobs 1 and --jobs $(nproc), against
# `pdftotext -tsv` on the same files, sequentially and with xargs -P $(nproc), in the same run.
# Prints wall time and pages/s (best of ROUNDS, the rounds interleaved), peak memory and the ratios.
# Usage: scripts/bench-ingest.sh [ROUNDS] [FOLDER]   (default 5 rounds over corpus/public;
# corpus/real for the real disclosures; SCRATCH_PATH=DIR to build elsewhere than .build)
#
# Peak memory is the largest single process's maximum resident set size (GNU time's
# "Maximum resident set size", or Python's resource.getrusage(RUSAGE_CHILDREN) when
# /usr/bin/time is absent), not the sum of concurrent processes: for `ingest` that is the
# whole run, for pdftotext the largest of its per-file processes.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
scratch=${SCRATCH_PATH:-.build}
swift build -c release --static-swift-stdlib --product disclosure --scratch-path "$scratch" >/dev/null
bin=$scratch/release/disclosure
jobs=$(nproc)
files=("${2:-corpus/public}"/*.pdf)
pages=0
for f in "${files[@]}"; do pages=$((pages + $(pdfinfo "$f" | awk '/^Pages:/ {print $2}'))); done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

peak_kb() { # runs "$@" once; prints the peak RSS in KiB of its largest process
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; return 1; }
    awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time"
  else
    python3 - "$@" <<'PY'
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
PY
  fi
}

once() { # prints "ns peak_kb" for one run of "$@"
  local t0 t1 kb
  rm -rf "$work/out"
  t0=$(date +%s%N)
  kb=$(peak_kb "$@")
  t1=$(date +%s%N)
  echo "$((t1 - t0)) $kb"
}

pdftotext_sequential() { for f in "$@"; do pdftotext -tsv "$f" /dev/null; done; }
pdftotext_parallel() { printf '%s\0' "$@" | xargs -0 -P "$jobs" -I{} pdftotext -tsv {} /dev/null; }
export -f pdftotext_sequential pdftotext_parallel
export jobs

# The rounds interleave the four commands (pdftotext, ingest, pdftotext, ingest, …) rather than
# running one command's rounds back to back: this VM's speed drifts by 10-20 % over a minute, and
# a drift must reach both sides of a ratio alike. Each command keeps its best round.
ps= pm=0 pp= ppm=0 i1= i1m=0 iN= iNm=0
best() { # best TIME PEAK NS KB: the smaller time, the larger peak
  local t=$1 p=$2 ns=$3 kb=$4
  if [ -z "$t" ] || [ "$ns" -lt "$t" ]; then t=$ns; fi
  if [ "$kb" -gt "$p" ]; then p=$kb; fi
  echo "$t $p"
}
for _ in $(seq "$rounds"); do
  read -r ns kb < <(once bash -c 'pdftotext_sequential "$@"' _ "${files[@]}"); read -r ps pm < <(best "$ps" "$pm" "$ns" "$kb")
  read -r ns kb < <(once "$bin" ingest "${files[@]}" --out "$work/out" --jobs 1); read -r i1 i1m < <(best "$i1" "$i1m" "$ns" "$kb")
  read -r ns kb < <(once bash -c 'pdftotext_parallel "$@"' _ "${files[@]}"); read -r pp ppm < <(best "$pp" "$ppm" "$ns" "$kb")
  read -r ns kb < <(once "$bin" ingest "${files[@]}" --out "$work/out" --jobs "$jobs"); read -r iN iNm < <(best "$iN" "$iNm" "$ns" "$kb")
done

python3 - "$pages" "${#files[@]}" "$rounds" "$jobs" "$ps" "$pm" "$pp" "$ppm" "$i1" "$i1m" "$iN" "$iNm" <<'PY'
import sys
pages, n, rounds, jobs = map(int, sys.argv[1:5])
ps, pm, pp, ppm, i1, i1m, iN, iNm = map(int, sys.argv[5:13])
s = lambda ns: ns / 1e9
mb = lambda kb: kb / 1024
print(f"{n} files, {pages} pages, best of {rounds} rounds, {jobs} cores; peak = largest process's max RSS")
rows = [
    ("pdftotext -tsv sequential", ps, pm, None),
    (f"pdftotext -tsv xargs -P {jobs}", pp, ppm, None),
    ("ingest --jobs 1", i1, i1m, ps),
    (f"ingest --jobs {jobs}", iN, iNm, pp),
]
for name, ns, kb, ref in rows:
    ratio = f"  {s(ns) / s(ref):5.2f}x pdftotext" if ref else ""
    print(f"{name:28} {s(ns):7.3f} s  {pages / s(ns):7.1f} pages/s  peak {mb(kb):6.1f} MB{ratio}")
print(f"parallel speed-up: ingest {i1 / iN:.2f}x, pdftotext {ps / pp:.2f}x")
PY

# Scanned pages, apart: OCR is another kind of work (about a second or two a page, where text
# pages take milliseconds), so it is reported in pages/s of its own, from one run over
# corpus/scans (or SCANS=FOLDER), never mixed into the ratios above.
scans=("${SCANS:-corpus/scans}"/*.pdf)
if [ -e "${scans[0]}" ]; then
  rm -rf "$work/scans"
  t0=$(date +%s%N)
  "$bin" ingest "${scans[@]}" --out "$work/scans" --jobs "$jobs" --quiet 2>/dev/null || true
  t1=$(date +%s%N)
  python3 - "$work/scans" "$((t1 - t0))" "$jobs" <<'PY'
import glob, json, sys
folder, ns, jobs = sys.argv[1], int(sys.argv[2]), sys.argv[3]
ocr = sum(len(json.load(open(p))["source"].get("ocr_pages", [])) for p in glob.glob(folder + "/*.json"))
print(f"OCR: {ocr} scanned pages (of the files in corpus/scans) in {ns / 1e9:.2f} s with --jobs {jobs}: "
      f"{ocr / (ns / 1e9):.2f} scanned pages/s (the files' text pages included in the time)")
PY
fi
