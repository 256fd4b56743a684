#!/usr/bin/env bash
# Mutation fuzzing of `disclosure extract` (and, for text mutants, `disclosure ingest`).
#
#   scripts/fuzz.sh [--count N] [--seed S] [--out DIR] [--binary PATH] [--timeout SECONDS]
#                   [--memory MB] [--first K] [--only MUTATION] [--ingest] [--make]
#   scripts/fuzz.sh --replay DIR [--binary PATH] …   # run DIR/keep's mutants again (after a fix)
#   scripts/fuzz.sh --make --first K --count 1 --out DIR   # only write mutant K to DIR/made/
#
# 1. Mutants are made from the corpus (corpus/public, corpus/real, corpus/templates PDFs and the
#    seed text), deterministically from the seed and the mutant's number (K, K+1, …):
#    byte flips, truncation, damaged xref (offsets, entries, startxref), damaged streams (data,
#    /Length, /Filter), deep nesting of arrays and dictionaries, decompression bombs and a page
#    naming one content stream thousands of times (appended as an incremental update, so the
#    cross-reference data stays valid), huge and odd numbers, spliced chunks; for the text:
#    shuffled, deleted and repeated lines, form feeds, very long lines.
# 2. Each mutant runs through the binary (release build by default) with a time limit
#    (`timeout`) and an address-space limit (`ulimit -v`), one at a time (one core): PDFs through
#    `extract --format summary`, or with `--ingest` through `ingest` like the text mutants
#    (ingest reads on worker threads, whose smaller stacks overflow where the main thread's
#    does not). `--only flip` makes only that mutation.
# 3. Each run is classified: `ok` (exit 0), `clean-error` (exit 1 with `disclosure: error:`),
#    `hang` (killed by the time limit), `crash` (ended by a signal; under the memory limit a
#    failed allocation also ends here), `unclean` (any other exit), and flagged `blowup` when
#    its peak memory passes a quarter of the limit.
# 4. DIR/results.tsv gets one line per mutant (appended, so chunks with different --first add
#    up); crash, hang, unclean and blowup mutants are kept in DIR/keep/ to reproduce. A summary
#    by class and by mutation closes the run. `--replay DIR` runs the kept mutants again and
#    writes DIR/replay.tsv. `--make` writes the mutants to DIR/made/ without running them.
set -euo pipefail
cd "$(dirname "$0")/.."

count=100
seed=1
out=.build/fuzz
binary=.build/release/disclosure
limit=10
memory=2048
first=0
replay=
only=
ingest=
make=
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --binary) binary=$2; shift 2 ;;
    --timeout) limit=$2; shift 2 ;;
    --memory) memory=$2; shift 2 ;;
    --first) first=$2; shift 2 ;;
    --replay) replay=$2; out=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --ingest) ingest=1; shift ;;
    --make) make=1; shift ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) echo "fuzz.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [ ! -x "$binary" ] && [ -z "$make" ]; then
  swift build -c release --static-swift-stdlib --product disclosure
fi
mkdir -p "$out/keep"

exec python3 - "$count" "$seed" "$out" "$binary" "$limit" "$memory" "$first" "$replay" "$only" "$ingest" "$make" <<'PY'
import os, random, re, shlex, signal, subprocess, sys, tempfile, time, zlib, glob

count, seed, out, binary, limit, memory, first, replay, only, ingest, make = sys.argv[1:]
count, seed, limit, memory, first = int(count), int(seed), float(limit), int(memory), int(first)
binary = os.path.abspath(binary)

sources = sorted(glob.glob("corpus/public/*.pdf") + glob.glob("corpus/real/*.pdf") + glob.glob("corpus/templates/*.pdf"))
texts = ["corpus/seed-urumqi-hrss-2023.txt"]
cache = {}
def read(path):
    if path not in cache:
        with open(path, "rb") as f: cache[path] = f.read()
    return cache[path]

# Bomb payloads are made once per run (compressing a gigabyte takes a few seconds).
bombs = {}
def bomb(kind):
    if kind not in bombs:
        c = zlib.compressobj(9)
        unit = b"\0" * (1 << 20) if kind == "zeros" else b"0 0 m 1 1 l S\n" * 74898
        parts = [c.compress(unit) for _ in range(1100)]
        parts.append(c.flush())
        bombs[kind] = b"".join(parts)
    return bombs[kind]

def trailer_info(data):
    root = re.findall(rb"/Root\s+(\d+)\s+(\d+)\s+R", data)
    size = [int(x) for x in re.findall(rb"/Size\s+(\d+)", data)]
    start = re.findall(rb"startxref\s+(\d+)", data[-4096:])
    if not root or not start: return None
    return root[-1], max(size) if size else 0, int(start[-1])

def append_update(data, objects):
    """An incremental update: `objects` (number → body bytes) with a classic xref section."""
    info = trailer_info(data)
    if info is None: return None
    (rn, rg), size, prev = info
    out = bytearray(data)
    if not out.endswith(b"\n"): out += b"\n"
    offsets = {}
    for number, body in sorted(objects.items()):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n"
    for number, offset in sorted(offsets.items()):
        out += b"%d 1\n%010d 00000 n \n" % (number, offset)
    size = max(size, max(objects) + 1)
    out += b"trailer\n<< /Size %d /Root %s %s R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (size, rn, rg, prev, xref)
    return bytes(out)

def stream_spans(data):
    spans = []
    for m in re.finditer(rb"stream\r?\n", data):
        if data[max(0, m.start() - 3):m.start()] == b"end": continue
        end = data.find(b"endstream", m.end())
        if end > m.end(): spans.append((m.end(), end))
        if len(spans) > 2000: break
    return spans

def page_objects(data):
    return [(m.group(1), m.start()) for m in re.finditer(rb"(\d+)\s+0\s+obj\s*<<[^>]{0,400}?/Type\s*/Page\b", data)]

def content_refs(data):
    return [int(x) for x in re.findall(rb"/Contents\s+(\d+)\s+0\s+R", data)]

def flip(r, data):
    b = bytearray(data)
    for _ in range(r.choice([1, 1, 2, 4, 8, 16, 64])):
        i = r.randrange(len(b))
        b[i] = r.randrange(256) if r.random() < 0.5 else b[i] ^ (1 << r.randrange(8))
    return bytes(b)

def truncate(r, data):
    return data[: r.randrange(1, len(data))]

def xref(r, data):
    b = bytearray(data)
    choice = r.randrange(5)
    positions = [m.start() for m in re.finditer(rb"xref", data)]
    if choice == 0:  # startxref points elsewhere
        m = list(re.finditer(rb"startxref\s+(\d+)", data))
        if m:
            m = m[-1]
            value = str(r.choice([0, 1, len(data), len(data) * 10, int(m.group(1)) + r.randrange(-50, 50), 2**63 - 1])).encode()
            return bytes(b[: m.start(1)] + value + b[m.end(1):])
    if choice == 1 and positions:  # bytes of an xref section damaged
        p = r.choice(positions)
        for _ in range(r.randrange(1, 20)):
            i = min(len(b) - 1, p + r.randrange(0, 2000))
            b[i] = r.choice(b"0123456789 nf\r\nxref<>/[]R")
        return bytes(b)
    if choice == 2:  # an xref entry's offset changed
        m = list(re.finditer(rb"(\d{10}) (\d{5}) ([nf])", data))
        if m:
            m = r.choice(m)
            value = b"%010d" % r.choice([0, r.randrange(len(data)), len(data) + 5, 9999999999])
            return bytes(b[: m.start(1)] + value + b[m.end(1):])
    if choice == 3:  # /Prev loops or points outside
        info = trailer_info(data)
        if info:
            value = r.choice([info[2], 0, len(data) * 2])
            return data.replace(b"trailer", b"trailer\n<< /Prev %d >>\n" % value, 1) if r.random() < 0.3 else append_prev(data, value)
    # an object header renumbered
    m = list(re.finditer(rb"\n(\d+) (\d+) obj", data))
    if m:
        m = r.choice(m)
        return bytes(b[: m.start(1)] + str(r.randrange(1, 100000)).encode() + b[m.end(1):])
    return flip(r, data)

def append_prev(data, value):
    info = trailer_info(data)
    if info is None: return data
    (rn, rg), size, prev = info
    xref_at = len(data)
    return data + b"\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size %d /Root %s %s R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (size, rn, rg, value, xref_at + 1)

def stream(r, data):
    spans = stream_spans(data)
    if not spans: return flip(r, data)
    s, e = r.choice(spans)
    b = bytearray(data)
    choice = r.randrange(4)
    if choice == 0 and e > s:  # data flipped
        for _ in range(r.randrange(1, 32)):
            i = r.randrange(s, e)
            b[i] = r.randrange(256)
        return bytes(b)
    if choice == 1 and e > s:  # data cut short (offsets after it move)
        cut = r.randrange(s, e)
        return bytes(b[:cut] + b[e:])
    head = data.rfind(b"obj", 0, s)
    if head < 0: return flip(r, data)
    dictionary = data[head:s]
    if choice == 2:  # /Length wrong
        m = re.search(rb"/Length\s+(\d+)(\s+\d+\s+R)?", dictionary)
        if m:
            value = str(r.choice([0, 1, e - s + 1, (e - s) * 100, 2**31, 2**63 - 1, -5])).encode()
            return bytes(b[: head + m.start()] + b"/Length " + value + b[head + m.end():])
    m = re.search(rb"/Filter\s*/(\w+)", dictionary)  # filter changed
    if m:
        name = r.choice([b"LZWDecode", b"ASCIIHexDecode", b"DCTDecode", b"Nonsense", b"FlateDecode /DecodeParms << /Predictor 15 /Columns 99999 >>"])
        return bytes(b[: head + m.start(1)] + name + b[head + m.end(1):])
    return flip(r, data)

def deep(r, data):
    depth = r.choice([65, 100, 1000, 10000, 100000])
    kind = r.randrange(3)
    nest = (b"[" * depth) if kind == 0 else (b"<< /A " * depth) if kind == 1 else (b"[<< /A " * (depth // 2))
    places = [m.end() for m in re.finditer(rb"<<", data)] or [len(data) // 2]
    if r.random() < 0.3:  # in the trailer
        t = data.rfind(b"trailer")
        if t >= 0: places = [data.find(b"<<", t) + 2]
    p = r.choice(places)
    return data[:p] + b" /Deep " + nest + b" " + data[p:]

def bombed(r, data):
    refs = content_refs(data)
    payload = bomb(r.choice(["zeros", "paths"]))
    if refs:
        number = r.choice(refs)
        body = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(payload) + payload + b"\nendstream"
        updated = append_update(data, {number: body})
        if updated: return updated
    spans = stream_spans(data)
    if not spans: return flip(r, data)
    s, e = r.choice(spans)
    return data[:s] + payload + data[e:]

def repeated(r, data):
    pages = page_objects(data)
    refs = content_refs(data)
    if not pages or not refs: return deep(r, data)
    number, at = r.choice(pages)
    end = data.find(b"endobj", at)
    header = re.match(rb"\d+\s+0\s+obj\s*", data[at:])
    body = data[at + header.end():end].rstrip()
    times = r.choice([2000, 20000, 100000])
    ref = b"%d 0 R " % r.choice(refs)
    body2, n = re.subn(rb"/Contents\s*(\[[^\]]*\]|\d+\s+\d+\s+R)", b"/Contents [" + ref * times + b"]", body, count=1)
    if n == 0: return deep(r, data)
    return append_update(data, {int(number): body2}) or data

def numbers(r, data):
    matches = [m for m in re.finditer(rb"(?<![\w.])-?\d+(\.\d+)?(?![\w.])", data[: min(len(data), 2_000_000)])]
    if not matches: return flip(r, data)
    b = data
    for _ in range(r.randrange(1, 8)):
        m = r.choice(matches)
        value = r.choice([b"99999999999999999999999999", b"-99999999999999999999", b"2147483648", b"-2147483649",
                          b"9223372036854775807", b"9223372036854775808", b"1e308", b"0.0000000000000000001",
                          b"340282366920938463463374607431768211456", b"-0", b"4294967296", b"1" + b"0" * 400])
        if len(value) == m.end() - m.start() or r.random() < 0.5:
            b = b[: m.start()] + value + b[m.end():]
            break
    return b

def splice(r, data):
    other = read(r.choice(sources))
    n = r.randrange(1, 4096)
    s = r.randrange(max(1, len(other) - n))
    p = r.randrange(len(data))
    return data[:p] + other[s:s + n] + data[p + (n if r.random() < 0.5 else 0):]

def text(r, data):
    lines = data.split(b"\n")
    choice = r.randrange(7)
    if choice == 0:
        r.shuffle(lines)
    elif choice == 1:
        lines = [l for l in lines if r.random() > 0.2]
    elif choice == 2:
        i = r.randrange(len(lines)); j = min(len(lines), i + r.randrange(1, 300))
        lines[i:i] = lines[i:j] * r.randrange(2, 20)
    elif choice == 3:
        lines = [l + (b"\f" if r.random() < 0.3 else b"") for l in lines]
    elif choice == 4:
        i = r.randrange(len(lines)); lines[i] = lines[i] * r.randrange(100, 20000)
    elif choice == 5:
        return b"\f" * r.choice([1000, 100000, 1000000])
    else:
        b = bytearray(data)
        for _ in range(r.randrange(1, 64)):
            i = r.randrange(len(b)); b[i] = r.choice(b"0123456789. \n\f-,")
        return bytes(b)
    return b"\n".join(lines)

pdf_mutations = [("flip", flip), ("truncate", truncate), ("xref", xref), ("stream", stream), ("deep", deep),
                 ("bomb", bombed), ("repeat", repeated), ("number", numbers), ("splice", splice)]
# Bombs are slow to make and run: a lower share.
weights = [20, 8, 14, 16, 8, 2, 3, 12, 10]

def limited(arguments):
    script = 'ulimit -v %d; exec timeout -k 2 %s "$@"' % (memory * 1024, limit)
    return ["bash", "-c", script, "fuzz"] + arguments

def run(path, text):
    """Runs one input under the limits: (class, exit status, seconds, peak KiB, stderr)."""
    arguments = [binary, "ingest", path] if text or ingest else [binary, "extract", path, "--format", "summary"]
    started = time.monotonic()
    process = subprocess.Popen(limited(arguments), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    rc = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - started
    peak = usage.ru_maxrss  # KiB
    if rc in (124, 137): kind = "hang"
    elif rc < 0 or rc > 128: kind = "crash"
    elif rc == 0: kind = "ok"
    # extract says `disclosure: error: …`; ingest lists its failed documents.
    elif rc == 1 and (b"disclosure: error:" in err or re.search(rb"documents? failed:", err)): kind = "clean-error"
    else: kind = "unclean"
    if peak > memory * 1024 // 4: kind += "+blowup"
    return kind, rc, seconds, peak, err

if replay:
    tally = {}
    lines = open(os.path.join(out, "replay.tsv"), "w")
    for name in sorted(os.listdir(os.path.join(out, "keep"))):
        if name.endswith(".stderr"): continue
        kind, rc, seconds, peak, err = run(os.path.join(out, "keep", name), name.endswith(".txt"))
        before = name.split("-0")[0]
        tally[(before, kind)] = tally.get((before, kind), 0) + 1
        lines.write("%s\t%s\t%d\t%.2f\t%d\n" % (name, kind, rc, seconds, peak))
        lines.flush()
    print("replay of %s/keep with %s" % (out, binary))
    for (before, kind), n in sorted(tally.items()):
        print("%-16s -> %-16s %5d" % (before, kind, n))
    sys.exit(0)

results = open(os.path.join(out, "results.tsv"), "a")
work = tempfile.mkdtemp(prefix="fuzz-")
tally = {}
for n in range(first, first + count):
    r = random.Random(seed * 1_000_003 + n)
    if (r.random() < 0.08 and not only) or only == "text":
        source = texts[0]; name = "text"
        mutant = text(r, read(source)); suffix = ".txt"
    else:
        source = r.choice(sources)
        name, mutate = r.choices(pdf_mutations, weights)[0]
        if only: name, mutate = [m for m in pdf_mutations if m[0] == only][0]
        mutant = mutate(r, read(source)); suffix = ".pdf"
    if make:
        os.makedirs(os.path.join(out, "made"), exist_ok=True)
        with open(os.path.join(out, "made", "%06d-%s%s" % (n, name, suffix)), "wb") as f: f.write(mutant)
        continue
    path = os.path.join(work, "m%06d%s" % (n, suffix))
    with open(path, "wb") as f: f.write(mutant)
    kind, rc, seconds, peak, err = run(path, suffix == ".txt")
    tally[(kind, name)] = tally.get((kind, name), 0) + 1
    if kind not in ("ok", "clean-error"):
        keep = os.path.join(out, "keep", "%s-%06d-%s%s" % (kind.replace("+", "-"), n, name, suffix))
        os.replace(path, keep)
        with open(keep + ".stderr", "wb") as f: f.write(err[-4000:])
    else:
        os.remove(path)
    results.write("%d\t%s\t%s\t%s\t%d\t%.2f\t%d\n" % (n, os.path.basename(source), name, kind, rc, seconds, peak))
    results.flush()
os.rmdir(work)
if make: sys.exit(0)

print("mutants %d..%d (seed %d), time limit %gs, memory limit %d MB" % (first, first + count - 1, seed, limit, memory))
kinds = sorted({k for k, _ in tally})
for kind in kinds:
    byname = {m: c for (k, m), c in tally.items() if k == kind}
    print("%-22s %6d   %s" % (kind, sum(byname.values()), " ".join("%s=%d" % x for x in sorted(byname.items()))))
PY
