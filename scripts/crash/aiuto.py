# Helpers of scripts/crash.sh: codici fiscali and class lists, database
# snapshots, reading JSON answers. Run as `python3 aiuto.py COMMAND ARGS…`.
import csv, datetime, json, random, sys

# Codice fiscale: surname and name letters, year, month letter, day (+40 for F),
# Belfiore code, check character (odd/even position tables).
MESI = "ABCDEHLMPRST"
_DISPARI = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]
DISPARI = {**{c: _DISPARI[i] for i, c in enumerate("0123456789")},
           **{c: _DISPARI[i] for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}}

def pari(c):
    return int(c) if c.isdigit() else ord(c) - 65

def controllo(s15):
    t = sum(DISPARI[c] if i % 2 == 0 else pari(c) for i, c in enumerate(s15))
    return chr(65 + t % 26)

def lettere(s):
    s = "".join(ch for ch in s.upper() if "A" <= ch <= "Z")
    return [c for c in s if c not in "AEIOU"], [c for c in s if c in "AEIOU"]

def tre(cons, voc):
    return ("".join(cons + voc) + "XXX")[:3]

def codice_fiscale(cognome, nome, sesso, nascita, belfiore):
    cc, cv = lettere(cognome)
    nc, nv = lettere(nome)
    if len(nc) >= 4:
        nc = [nc[0], nc[2], nc[3]]
    giorno = nascita.day + (40 if sesso == "F" else 0)
    s = f"{tre(cc, cv)}{tre(nc, nv)}{nascita.year % 100:02d}{MESI[nascita.month - 1]}{giorno:02d}{belfiore}"
    return s + controllo(s)

assert codice_fiscale("Rossi", "Mario", "M", datetime.date(1985, 12, 10), "A562") == "RSSMRA85T10A562S"

# Names not used by the demo; places with their current Belfiore codes.
COGNOMI = ["Esposito", "Romano", "Ricciardi", "Marchetti", "Villa", "Parisi", "Ferri", "Grasso", "Benedetti",
           "Sorrentino", "Farina", "Monti", "Cattani", "Silvestri", "Palumbo", "Orlando", "Valentini", "Testa",
           "Piras", "Bernardi", "Morelli", "Neri", "Sartori", "Guerra", "Pagano", "Basile", "Messina", "Donati",
           "Amato", "Fiore", "Rota", "Bassi", "Carbone", "Zanetti", "Ferraro", "Riva", "Pace", "Negri", "Tosi"]
NOMI = {"M": ["Marco", "Luca", "Paolo", "Giovanni", "Stefano", "Simone", "Fabio", "Enrico", "Diego", "Filippo",
              "Christian", "Elia", "Jacopo", "Manuel", "Michele", "Alberto", "Emanuele", "Vittorio", "Federico"],
        "F": ["Sara", "Elisa", "Marta", "Valentina", "Francesca", "Laura", "Silvia", "Federica", "Camilla",
              "Arianna", "Bianca", "Rebecca", "Nicole", "Gaia", "Asia", "Miriam", "Eleonora", "Caterina", "Viola"]}
COMUNI = [("L219", "Torino"), ("F205", "Milano"), ("H501", "Roma"), ("D969", "Genova"), ("F839", "Napoli")]

def classi(prefisso, liste, righe, anno, seed):
    """`liste` CSV class lists of `righe` rows each, all codici fiscali distinct."""
    rnd, visti = random.Random(seed), set()
    for k in range(liste):
        with open(f"{prefisso}{k}.csv", "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, delimiter=";")
            w.writerow(["Codice fiscale", "Cognome", "Nome", "Sesso", "Data di nascita",
                        "Comune di nascita", "Telefono", "Classe", "Sezione"])
            n = 0
            while n < righe:
                sesso = rnd.choice("MF")
                cognome, nome = rnd.choice(COGNOMI), rnd.choice(NOMI[sesso])
                nascita = datetime.date(anno, 1, 1) + datetime.timedelta(days=rnd.randrange(365))
                belfiore, comune = rnd.choice(COMUNI)
                cf = codice_fiscale(cognome, nome, sesso, nascita, belfiore)
                if cf in visti:
                    continue
                visti.add(cf)
                n += 1
                w.writerow([cf, cognome, nome, sesso, nascita.strftime("%d/%m/%Y"), comune,
                            "011 %07d" % rnd.randrange(10**7), "3", "A"])

def snap():
    """From `call verifica_database` on stdin: integrity_check <TAB> broken references <TAB> table=count …"""
    out = sys.stdin.read()
    try:
        v = json.loads(out)["value"]
        counts = " ".join(f"{t}={n}" for t, n in v["righe"].items())
        print(f"{v['integrita']}\t{v['riferimenti_rotti']}\t{counts}")
    except Exception:
        print("cannot read: " + " ".join(out.split())[:200] + "\t-1\t")

def campo(path, *chiavi):
    """A value inside a JSON answer: `campo f value 0 id`."""
    v = json.load(open(path))
    for k in chiavi:
        v = v[int(k)] if isinstance(v, list) else v[k]
    print(v if not isinstance(v, list) else len(v))

def servizio(get_json, titolo, numero):
    """A create_servizio input copied from a get_servizio answer."""
    s = json.load(open(get_json))["value"]["servizio"]
    keep = ["anno_scolastico", "cms_ids", "codice_azione", "dati_peculiari", "durata_prevista_minuti",
            "ente_attuatore_id", "ente_ids", "intervento_id", "numero_famiglie", "referente_id", "sede_id",
            "target_ids", "modalita"]
    o = {k: s[k] for k in keep}
    o.update(titolo=titolo, numero_destinatari=int(numero))
    print(json.dumps(o))

def piano(path):
    """The counts of an import's plan (nuovi errori avvisi) and what was written."""
    e = json.load(open(path))
    p = e["piano"]
    print(p["nuovi"], p["esistenti"], p["errori"], p["avvisi"], e.get("creati", 0), e.get("iscritti", 0))

def diff(a, b):
    """The tables whose counts differ between two count lists."""
    da = dict(x.split("=") for x in a.split())
    db = dict(x.split("=") for x in b.split())
    print(" ".join(f"{t}:{da.get(t, '-')}->{db.get(t, '-')}" for t in sorted(set(da) | set(db))
                   if da.get(t) != db.get(t)))

def pdf_ok(path):
    b = open(path, "rb").read()
    sys.exit(0 if b.startswith(b"%PDF-") and b.rstrip().endswith(b"%%EOF") else 1)

if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"classi": lambda: classi(args[0], int(args[1]), int(args[2]), int(args[3]), int(args[4])),
     "snap": snap, "campo": lambda: campo(*args),
     "servizio": lambda: servizio(*args), "piano": lambda: piano(args[0]),
     "diff": lambda: diff(args[0], args[1]), "pdf_ok": lambda: pdf_ok(args[0])}[cmd]()
