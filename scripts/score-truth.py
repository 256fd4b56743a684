#!/usr/bin/env python3
"""Scores `disclosure ingest` output against truth files (corpus/TRUTH-FORMAT.md).

usage: scripts/score-truth.py OUT_DIR TRUTH_DIR [--goal NAME=PERCENT ...]

For each TRUTH_DIR/STEM.truth.json, OUT_DIR/STEM.json (missing or unreadable: nothing
recovered) is compared on what a data user relies on:
  meta      department, year, kind and publication date equal the truth's;
  tables    each truth table has a table of its number whose title ends as the truth's does;
  headers   that table's joined column names equal the truth's;
  rows      the truth's body rows (a row without text not counted) found in order among the
            table's rows, cell for cell (amounts compared without thousands separators); rows
            the output has beyond the truth's count against it;
  headings  each truth heading, with its level, printed as a heading of the output;
  paragraphs each truth paragraph among the output's (each used once).
Strings are compared after the truth format's norm(), spaces dropped. One line per document,
then the totals. Each --goal (rows=97) is checked on the totals: the script exits 1 when a
figure is under its goal.
"""
import difflib, json, os, re, sys, unicodedata

CJK = (r"\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
       r"\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u2018\u2019\u201c\u201d\u2014\u2026\u00b7")
SPACE_BEFORE = re.compile(r"\s+(?=[%s])" % CJK)
SPACE_AFTER = re.compile(r"(?<=[%s])\s+" % CJK)
SPACES = re.compile(r"\s+")
AMOUNT = re.compile(r"^-?[\d,]+(\.\d+)?$")


def norm(text):
    """The truth format's normalisation (TRUTH-FORMAT.md)."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFC", str(text)).replace("\u3000", " ")
    text = SPACE_AFTER.sub("", SPACE_BEFORE.sub("", SPACES.sub(" ", text)))
    return text.strip()


def key(text):
    return norm(text).replace(" ", "")


def cell(text):
    k = key(text)
    return k.replace(",", "") if AMOUNT.match(k) else k


def in_order(truth, out):
    """How many items of `truth` are found, in order, in `out`."""
    matcher = difflib.SequenceMatcher(None, truth, out, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks())


def sections(nodes):
    for node in nodes or []:
        yield node
        yield from sections(node.get("children"))


def score(out, truth):
    figures = {}
    document = out.get("document") or {}
    fields = ["department", "year", "kind", "publication_date"]
    figures["meta"] = (sum(norm(truth["document"].get(f)) == norm(document.get(f)) for f in fields), len(fields))
    tables = {t.get("number"): t for t in out.get("tables") or []}
    found = headers = rows = total = 0
    for expected in truth["tables"]:
        table = tables.get(expected["number"])
        if table is not None and not norm(table.get("title")).endswith(norm(expected["title"])[-6:]):
            table = None
        wanted = [r for r in (tuple(cell(c) for c in row["cells"]) for row in expected["rows"]) if any(r)]
        total += len(wanted)
        if table is None:
            continue
        found += 1
        headers += [key(h) for h in table.get("header") or []] == [key(h) for h in expected["header"]]
        got = [r for r in (tuple(cell(c) for c in row.get("cells") or []) for row in table.get("rows") or []) if any(r)]
        rows += max(0, in_order(wanted, got) - max(0, len(got) - len(wanted)))
    figures["tables"] = (found, len(truth["tables"]))
    figures["headers"] = (headers, len(truth["tables"]))
    figures["rows"] = (rows, total)
    expected_sections = list(sections(truth["sections"]))
    printed = {(s.get("level"), key(s.get("heading"))) for s in sections(out.get("sections"))}
    figures["headings"] = (sum((s["level"], key(s["heading"])) in printed for s in expected_sections), len(expected_sections))
    paragraphs = {}
    for s in sections(out.get("sections")):
        for p in s.get("paragraphs") or []:
            paragraphs[key(p)] = paragraphs.get(key(p), 0) + 1
    hit = wanted = 0
    for s in expected_sections:
        for p in s.get("paragraphs") or []:
            wanted += 1
            if paragraphs.get(key(p), 0) > 0:
                hit += 1
                paragraphs[key(p)] -= 1
    figures["paragraphs"] = (hit, wanted)
    return figures


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--goal")]
    goals = {}
    argv = sys.argv[1:]
    for i, a in enumerate(argv):
        if a == "--goal" and i + 1 < len(argv):
            name, percent = argv[i + 1].split("=")
            goals[name] = float(percent)
            args.remove(argv[i + 1])
    if len(args) != 2:
        sys.exit(__doc__)
    out_dir, truth_dir = args
    totals = {}
    for name in sorted(os.listdir(truth_dir)):
        if not name.endswith(".truth.json"):
            continue
        stem = name[: -len(".truth.json")]
        with open(os.path.join(truth_dir, name), encoding="utf-8") as f:
            truth = json.load(f)
        try:
            with open(os.path.join(out_dir, stem + ".json"), encoding="utf-8") as f:
                out = json.load(f)
        except (OSError, ValueError):
            out = {}
        figures = score(out, truth)
        for k, (a, b) in figures.items():
            totals.setdefault(k, [0, 0])
            totals[k][0] += a
            totals[k][1] += b
        print(stem, " ".join(f"{k}={a}/{b}" for k, (a, b) in figures.items()))
    percent = {k: 100.0 * a / b if b else 100.0 for k, (a, b) in totals.items()}
    print("total", " ".join(f"{k}={a}/{b} ({percent[k]:.1f} %)" for k, (a, b) in totals.items()))
    failed = [f"{k} {percent[k]:.1f} % < {goal:g} %" for k, goal in goals.items() if percent.get(k, 0.0) < goal]
    for line in failed:
        print("under the goal:", line, file=sys.stderr)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
