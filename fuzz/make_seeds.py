#!/usr/bin/env python3
"""Writes the static seed inputs under fuzz/seeds/ (codice_fiscale, csv, foglio).
The seeds that need the library (scambio, scambio_carico, comando, the
school template for foglio) come from `cargo +nightly run --release --example semi`.
Run from anywhere: python3 fuzz/make_seeds.py"""
import io
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = os.path.join(HERE, "seeds")

ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]


def val(c, odd):
    i = int(c) if c.isdigit() else ord(c) - ord("A")
    return ODD[i] if odd else i


def check(first15):
    s = sum(val(c, i % 2 == 0) for i, c in enumerate(first15))
    return chr(ord("A") + s % 26)


def cf(first15):
    return first15 + check(first15)


def write(target, name, data):
    d = os.path.join(SEEDS, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def codici():
    ok = cf("RSSMRA85T10A562")
    write("codice_fiscale", "valido", ok)
    write("codice_fiscale", "minuscolo_spazi", " rss mra 85t10 a562" + ok[-1].lower() + " ")
    write("codice_fiscale", "femmina", cf("VRDNNA12D55A859"))
    write("codice_fiscale", "omocodico", cf("RSSMRA85T10A5RN"))
    write("codice_fiscale", "estero", cf("BNCLRA90A41Z404"))
    write("codice_fiscale", "controllo_errato", "RSSMRA85T10A562A")
    write("codice_fiscale", "numerico", "12345678901")
    write("codice_fiscale", "mese_errato", cf("RSSMRA85X10A562"))
    write("codice_fiscale", "giorno_errato", cf("RSSMRA85T32A562"))
    write("codice_fiscale", "separatori", "RSS-MRA.85T/10A562" + ok[-1])
    write("codice_fiscale", "unicode", "RSSMRÀ85T10A562S\u00a0ß")


def csv_seeds():
    header = "Cognome;Nome;Codice fiscale;Data di nascita;Sesso;Classe;Sezione\n"
    righe = "Verdi;Anna;VRDNNA12D55A859X;15/04/2012;F;3;A\nGialli;Bruna;;2012-04-15;F;3;B\n"
    write("csv", "punto_e_virgola", header + righe)
    write("csv", "virgola", header.replace(";", ",") + righe.replace(";", ","))
    write("csv", "tab", header.replace(";", "\t") + righe.replace(";", "\t"))
    write("csv", "titolo_sopra", "Elenco partecipanti classe 3A\n\n" + header + righe)
    write("csv", "virgolette", 'Cognome,Nome,Note\n"D\'Angelo","Maria ""Mia""","riga 1\nriga 2"\n')
    write("csv", "latin1", (header + "Nicolò;Bàrbara;;01/02/2012;F;3;A\n").encode("cp1252"))
    write("csv", "bom_utf8", b"\xef\xbb\xbf" + (header + righe).encode())
    write("csv", "utf16le_bom", b"\xff\xfe" + (header + righe).encode("utf-16-le"))
    write("csv", "utf16le_senza_bom", (header + righe).encode("utf-16-le"))
    write("csv", "utf16be_bom", b"\xfe\xff" + (header + righe).encode("utf-16-be"))
    write("csv", "crlf", (header + righe).replace("\n", "\r\n"))
    stat = os.path.join(HERE, "..", "tests", "fixtures", "SCUANAGRAFESTAT20252620250901.csv")
    if os.path.exists(stat):
        with open(stat, "rb") as f:
            data = f.read(3000)
        write("csv", "anagrafe_scuole", data[: data.rfind(b"\n") + 1])


CT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
{sheets}<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WB = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets>{sheets}</sheets>
</workbook>"""
WB_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
{rels}<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""
SHEET = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<sheetData>{rows}</sheetData>
</worksheet>"""
SST = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{n}" uniqueCount="{n}">{si}</sst>"""


def xlsx(fogli, testi, compress=zipfile.ZIP_DEFLATED):
    """fogli: [(name, rows_xml)]"""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compress) as zf:

        class Z:
            @staticmethod
            def writestr(name, data):
                # A fixed date, so the seeds are the same bytes every time.
                zf.writestr(zipfile.ZipInfo(name, (2026, 1, 20, 0, 0, 0)), data, compress_type=compress)

        z = Z()
        over = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\n'
            for i in range(len(fogli))
        )
        z.writestr("[Content_Types].xml", CT.format(sheets=over))
        z.writestr("_rels/.rels", RELS)
        z.writestr(
            "xl/workbook.xml",
            WB.format(
                sheets="".join(
                    f'<sheet name="{n}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, (n, _) in enumerate(fogli)
                )
            ),
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            WB_RELS.format(
                rels="".join(
                    f'<Relationship Id="rId{i + 1}" '
                    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                    f'Target="worksheets/sheet{i + 1}.xml"/>\n'
                    for i in range(len(fogli))
                )
            ),
        )
        for i, (_, rows) in enumerate(fogli):
            z.writestr(f"xl/worksheets/sheet{i + 1}.xml", SHEET.format(rows=rows))
        z.writestr(
            "xl/sharedStrings.xml",
            SST.format(n=len(testi), si="".join(f"<si><t>{t}</t></si>" for t in testi)),
        )
    return buf.getvalue()


def fogli():
    testi = ["Cognome", "Nome", "Codice fiscale", "Data di nascita", "Verdi", "Anna", "VRDNNA12D55A859X"]
    rows = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
        '<c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>'
        '<row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2" t="s"><v>5</v></c>'
        '<c r="C2" t="s"><v>6</v></c><c r="D2"><v>41014</v></c></row>'
        '<row r="3"><c r="A3" t="inlineStr"><is><t>Gialli</t></is></c><c r="B3" t="str"><v>Bruna</v></c>'
        '<c r="E3" t="b"><v>1</v></c><c r="F3"><v>3.5</v></c><c r="G3" t="e"><v>#N/A</v></c></row>'
    )
    write("foglio", "minimo.xlsx", xlsx([("Partecipanti", rows)], testi))
    write(
        "foglio",
        "istruzioni_prima.xlsx",
        xlsx([("Istruzioni", '<row r="1"><c r="A1" t="inlineStr"><is><t>Compila</t></is></c></row>'),
              ("Elenco", rows)], testi),
    )
    write("foglio", "non_compresso.xlsx", xlsx([("Foglio1", rows)], testi, zipfile.ZIP_STORED))
    write("foglio", "vuoto.xlsx", xlsx([("Foglio1", "")], []))


if __name__ == "__main__":
    codici()
    csv_seeds()
    fogli()
