#!/usr/bin/env python3
"""Writes pipelines/lexicons/places.json: the names of China's county-level and higher
administrative divisions (省, 市, 州, 盟, 县, 区, 旗 …), which open department names
(阜康市交通运输局, 洛阳市偃师区教育局). OCR reads a rare character of a place name as a
common one (浈江区 as 波江区, 偃师区 as 优师区); the pipeline takes a place read one character
away from exactly one known place as that place (see README, Scanned pages).

Source: the adcodes table of the `cpca` package (MIT licence, PyPI; names of the divisions as
published by the Ministry of Civil Affairs, 2020). Run:

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip download --no-deps cpca==0.5.5 -d /tmp/cpca
    python3 scripts/make-places.py /tmp/cpca/cpca-0.5.5-py3-none-any.whl
"""
import csv, io, json, sys, zipfile

wheel = sys.argv[1]
with zipfile.ZipFile(wheel) as archive:
    rows = list(csv.DictReader(io.StringIO(archive.read("cpca/resources/adcodes.csv").decode("utf-8"))))
# Every division by its six-digit code (its first two digits name the province, four the city,
# which is what ties a district to the city named before it).
places = {row["adcode"][:6]: row["name"].strip() for row in rows if row["name"].strip()}
out = {
    "version": 1,
    "description": "Names of China's administrative divisions down to county level (省, 市, 州, 盟, 县, 区, 旗), "
    "from the adcodes table of the cpca package (MIT; the Ministry of Civil Affairs' names, 2020), written by "
    "scripts/make-places.py, by code (the first two digits name the province, four the city). Read only for pages "
    "read by OCR: a place in the department's name read one character away from exactly one place under the "
    "province or city printed with it (its ending aside) is taken as that place.",
    "places": dict(sorted(places.items())),
}
with open("pipelines/lexicons/places.json", "w", encoding="utf-8") as f:
    json.dump(out, f, ensure_ascii=False, indent=1)
    f.write("\n")
print(len(places), "places")
