#!/usr/bin/env python3
"""Diff the seed text layer's section tree against the replica's truth.

Runs `disclosure ingest corpus/seed-urumqi-hrss-2023.txt` and compares each section (heading,
level, paragraphs; whitespace removed) with corpus/public/urumqi-hrss-2023.truth.json, pairing
sections in document order by heading. Prints each mismatching paragraph and a summary.

usage: scripts/seed_sections_diff.py [BINARY [TEXT TRUTH]]
  BINARY defaults to .build/debug/disclosure; TEXT and TRUTH to the seed and the replica's
  truth (any text layer and truth file pair works, e.g. `pdftotext X.pdf` against X.truth.json).
"""
import difflib
import json
import re
import subprocess
import sys

binary = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/disclosure"
text = sys.argv[2] if len(sys.argv) > 2 else "corpus/seed-urumqi-hrss-2023.txt"
truth_file = sys.argv[3] if len(sys.argv) > 3 else "corpus/public/urumqi-hrss-2023.truth.json"
out = subprocess.run([binary, "ingest", text], capture_output=True, text=True, check=True)
got = json.loads(out.stdout)["sections"]
truth = json.load(open(truth_file))["sections"]


def n(s):
    return re.sub(r"\s+", "", s or "")


def flat(nodes):
    for node in nodes:
        yield node
        yield from flat(node.get("children", []))


g = [(n(s["heading"]), s["level"], [n(p) for p in s["paragraphs"]]) for s in flat(got)]
t = [(n(s["heading"]), s["level"], [n(p) for p in s["paragraphs"]]) for s in flat(truth)]

total = sum(len(x[2]) for x in t)
right = 0
problems = 0
sm = difflib.SequenceMatcher(a=[x[0] for x in t], b=[x[0] for x in g], autojunk=False)
for op, a0, a1, b0, b1 in sm.get_opcodes():
    if op != "equal":
        for x in t[a0:a1]:
            print(f"MISSING heading (L{x[1]}): {x[0]}  [{len(x[2])} paragraphs lost]")
            problems += 1
        for x in g[b0:b1]:
            print(f"EXTRA heading (L{x[1]}): {x[0]}  [{len(x[2])} paragraphs]")
            problems += 1
        continue
    for ti, gi in zip(range(a0, a1), range(b0, b1)):
        th, tl, tp = t[ti]
        gh, gl, gp = g[gi]
        if tl != gl:
            print(f"LEVEL {th}: truth {tl}, got {gl}")
            problems += 1
        ps = difflib.SequenceMatcher(a=tp, b=gp, autojunk=False)
        for pop, p0, p1, q0, q1 in ps.get_opcodes():
            if pop == "equal":
                right += p1 - p0
                continue
            print(f"-- under {th[:40]}")
            for p in tp[p0:p1]:
                print(f"   truth: {p}")
            for p in gp[q0:q1]:
                print(f"   got:   {p}")
            problems += 1
print(f"\nparagraphs right {right}/{total}; headings truth {len(t)} got {len(g)}; {problems} mismatches")
