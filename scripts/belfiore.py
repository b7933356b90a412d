#!/usr/bin/env python3
"""Writes data/belfiore/{comuni,stati}.tsv from the ISTAT lists carried by the
PyPI package python-codicefiscale (MIT licence), unpacked in the folder given:

    pip download python-codicefiscale==0.12.1 --no-deps -d /tmp/cf
    cd /tmp/cf && unzip -o *.whl
    python3 scripts/belfiore.py /tmp/cf/codicefiscale/data

Not run by the build: the TSV files are committed, and data/belfiore/FONTE.md
says where they come from. Columns: code, name, other name (bilingual or
English), province (EE for states), valid from, valid until (ISO dates,
empty when open)."""
import json
import sys
from pathlib import Path

src = Path(sys.argv[1])
out = Path(__file__).resolve().parent.parent / "data" / "belfiore"
out.mkdir(parents=True, exist_ok=True)


def day(s):
    return s[:10] if s else ""


def clean(s):
    return (s or "").replace("\t", " ").replace("\n", " ").strip()


def write(name, rows, alt_key):
    rows = sorted(rows, key=lambda r: (r["code"], r["date_created"]))
    with open(out / name, "w", encoding="utf-8", newline="\n") as f:
        f.write("codice\tnome\taltro_nome\tprovincia\tdal\tal\n")
        for r in rows:
            alt = clean(r.get(alt_key))
            nome = clean(r["name"])
            f.write("\t".join([r["code"], nome, "" if alt == nome else alt, r["province"],
                               day(r["date_created"]), day(r["date_deleted"])]) + "\n")


write("comuni.tsv", json.load(open(src / "municipalities.json")), "name_alt")
stati = json.load(open(src / "deleted-countries.json")) + json.load(open(src / "countries.json"))
write("stati.tsv", stati, "name_alt_en")
