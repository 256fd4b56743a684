#!/usr/bin/env bash
# Checks `disclosure export` with the tools its readers use: exports the goldens in output/,
# validates the CSV package with Frictionless (types, required fields, primary and foreign keys)
# and asks Datasette, serving the database with its metadata.json, for each canned query,
# comparing the rows with what the goldens say. Python tools live in a venv (.build/export-venv,
# or $EXPORT_VENV), installed from PyPI on first use.
#
#   scripts/validate-export.sh            # uses .build/debug/disclosure (built when missing)
#   DISCLOSURE_BIN=.build/release/disclosure scripts/validate-export.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${DISCLOSURE_BIN:-.build/debug/disclosure}
VENV=${EXPORT_VENV:-.build/export-venv}
[ -x "$BIN" ] || swift build --product disclosure
if [ ! -x "$VENV/bin/frictionless" ] || [ ! -x "$VENV/bin/datasette" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check 'frictionless>=5,<6' 'datasette>=0.65,<1'
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$BIN" export output --sqlite "$WORK/corpus.db" --csv "$WORK/csv"

echo "== frictionless validate csv/datapackage.json"
"$VENV/bin/frictionless" validate "$WORK/csv/datapackage.json"

echo "== datasette corpus.db -m metadata.json: canned queries"
get() { "$VENV/bin/datasette" "$WORK/corpus.db" -m "$WORK/metadata.json" --get "$1"; }
get '/corpus/three_public.json?_shape=array' > "$WORK/three_public.json"
get '/corpus/largest_projects.json?_shape=array' > "$WORK/largest_projects.json"
get '/corpus/failing_checks.json?_shape=array' > "$WORK/failing_checks.json"
# q=财政拨款收入, percent-encoded
get '/corpus/search_paragraphs.json?_shape=array&q=%E8%B4%A2%E6%94%BF%E6%8B%A8%E6%AC%BE%E6%94%B6%E5%85%A5' > "$WORK/search.json"
get '/corpus/paragraphs.json?_shape=array&_size=max&_search=%E8%B4%A2%E6%94%BF%E6%8B%A8%E6%AC%BE%E6%94%B6%E5%85%A5' > "$WORK/table_search.json"

"$VENV/bin/python" - "$WORK" <<'PY'
import decimal, glob, json, sys

work = sys.argv[1]
load = lambda name: json.load(open(f"{work}/{name}", encoding="utf-8"))
goldens = [json.load(open(path, encoding="utf-8"), parse_float=decimal.Decimal) for path in sorted(glob.glob("output/*.json"))]
failures = []

def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        failures.append(message)

def sections(nodes):
    for node in nodes:
        yield node
        yield from sections(node["children"])

three = load("three_public.json")
check(any(r["department"] == "浈江区市场监督管理局" and r["year"] == 2024 and r["item"] == "公务接待费"
          and r["amount_yuan"] == "36400" for r in three),
      "three_public: 浈江区市场监督管理局 2024 公务接待费 3.64 万元 = 36400 元")
expected = sum(1 for g in goldens for t in g["tables"] if t["kind"] == "three_public_expense"
               for row in t["rows"] for v in row["values"] if v is not None)
check(0 < len(three) <= expected, f"three_public: {len(three)} rows, at most the {expected} amounts of the 三公 tables")

projects = load("largest_projects.json")
amounts = [decimal.Decimal(r["amount_yuan"]) for r in projects]
check(len(projects) > 0 and amounts == sorted(amounts, reverse=True), f"largest_projects: {len(projects)} rows, largest first")

fails = [(g["source"]["file"], f["rule"]) for g in goldens for f in g["checks"] if f["status"] == "fail"]
rows = load("failing_checks.json")
check(sorted((r["file"], r["rule"]) for r in rows) == sorted(fails),
      f"failing_checks: the {len(fails)} failing findings of the goldens")

phrase = "财政拨款收入"
paragraphs = sum(1 for g in goldens for s in sections(g["sections"]) for p in s["paragraphs"] if phrase in p)
check(len(load("search.json")) == paragraphs, f"search_paragraphs q={phrase}: {paragraphs} paragraphs")
check(len(load("table_search.json")) == paragraphs, f"paragraphs table search (FTS detected): {paragraphs} paragraphs")
sys.exit(1 if failures else 0)
PY
echo "validate-export: ok"
