#!/usr/bin/env bash
# Crash harness: runs the long operations of the `sportello` binary, kills them
# with `kill -9` at a random moment, and proves that nothing is corrupted or
# half-done afterwards.
#
#   bash scripts/crash.sh [trials_per_operation]      (default 50: 5 × 50 = 250 trials)
#
#   SPORTELLO_BIN  the binary (default target/release/sportello; build it with
#                  `cargo build --release -p sportello --bin sportello`)
#   CRASH_SEED     seed of the random delays (default: the process id), printed
#                  so that a run can be repeated with the same delays
#   CRASH_KEEP     where the files of a failed trial are kept (default /tmp)
#   CRASH_SELFTEST 1: first damage complete runs on purpose (enrolments taken
#                  away, a truncated PDF or export, a missing export file,
#                  overwritten or zeroed database pages) and require each to be
#                  reported as half-done or corrupted: proof the checks can fail
#
# Needs bash, python3 (class lists, JSON) and, if present, `pdfinfo`
# (poppler-utils); without it a PDF is checked by its %PDF- header and %%EOF
# trailer. The databases are encrypted, as on a desk: every read goes through
# the binary, logged in as the first coordinatore that `init` makes
# (SPORTELLO_UTENTE/SPORTELLO_PASSWORD below), and a database is copied with its
# key file (NOME.db.chiavi).
#
# Operations (each trial starts from a fresh copy of a database prepared once):
#   import   `importa-destinatari` (apply) of a generated class list of 3,000
#            valid rows (codici fiscali computed below) into an empty servizio
#   demo     `demo` on a database just made by `init`
#   merge    `unisci` (apply) at the office of a desk's complete export
#   export   `esporta --completo` at a desk that already exported once
#   registri `registri --intervento` of 12 registers, alternately into a folder
#            (one file each) and into one .pdf; alternately with and without a
#            previous version of the output already in place
#
# A trial: copy the inputs, record the "before" state (`call verifica_database`:
# PRAGMA integrity_check, PRAGMA foreign_key_check, COUNT(*) of every table), start the operation in the
# background, sleep a random delay between 0 and the operation's normal
# duration (measured first: median of 3 complete runs), `kill -9` it. If it
# had already finished the trial is "completed", otherwise "killed". Then:
#
#   corrupted  integrity_check is not "ok", foreign_key_check finds dangling
#              references, or the binary itself cannot open the database
#              (`sportello check` fails).
#   half-done  the database is neither in its "before" state nor in the state
#              of a complete run (counts of every table compared, all or
#              nothing), or an output file under its final name is neither
#              absent (when there was none), nor byte-identical to the previous
#              version, nor the complete new one; or, per operation:
#              - export: the database records the export (scambio_esportazione
#                +1) but the file under the final name is not the new one, or
#                the new file is not accepted by the office's
#                `unisci --anteprima` with the same plan as a complete export;
#              - registri: a register is compared byte by byte with the one of a
#                complete run (the PDFs are deterministic) and must pass
#                pdfinfo; any other visible file in the output folder counts.
#                In folder mode each register is its own file: a killed batch
#                may leave some registers done and others absent (or at their
#                previous version); that is per-file all-or-nothing, as the
#                program promises, and is shown as "k/12 new".
#              - any operation: after a kill that left the "before" state, the
#                same operation is run again to the end and must reach the
#                complete state (nothing left behind that blocks or skews it).
#   Hidden temporary files (.sportello-*.parziale) left by a kill are counted
#   ("tmp=N") but are not failures: they never have the final name.
#
# The summary also says what each clean kill left behind: nothing (the before
# state, outputs absent or previous), all (the complete state), or part: only
# where the parts are whole by design, i.e. some complete registers of a folder,
# or an export file written whose export the desk had not yet recorded (the
# next export sends the same changes again; the office skips what it has).
#
# Exit status: 0 when every trial is clean, 1 when a trial is corrupted,
# half-done or ended with an unexpected error, 2 when preparation fails.
set -u -o pipefail

TRIALS=${1:-50}
case "$TRIALS" in '' | *[!0-9]*) echo "usage: bash scripts/crash.sh [trials_per_operation]" >&2; exit 2 ;; esac
cd "$(dirname "$0")/.."
BIN=${SPORTELLO_BIN:-target/release/sportello}
if [ ! -x "$BIN" ]; then
  echo "No executable $BIN: cargo build --release -p sportello --bin sportello (or set SPORTELLO_BIN)." >&2
  exit 2
fi
BIN=$(realpath "$BIN")
command -v python3 >/dev/null || { echo "python3 is needed." >&2; exit 2; }
HAVE_PDFINFO=0
command -v pdfinfo >/dev/null && HAVE_PDFINFO=1
SEED=${CRASH_SEED:-$$}
RANDOM=$SEED
KEEP=${CRASH_KEEP:-/tmp}
OGGI=2026-03-01
OPS=(import demo merge export registri)
export SPORTELLO_UTENTE=coordinatore SPORTELLO_PASSWORD="password del crash test"

W=$(mktemp -d "${TMPDIR:-/tmp}/sportello-crash.XXXXXX")
trap 'rm -rf "$W"' EXIT
P=$W/prep # prepared once, never modified
mkdir -p "$P"
T0=$(date +%s)

die() {
  echo "PREPARATION FAILED: $*" >&2
  exit 2
}
sp() { "$BIN" --oggi "$OGGI" "$@"; }

# ---------------------------------------------------------------------------
# Python helpers: codici fiscali and class lists, database snapshots, queries.
cat >"$W/aiuto.py" <<'PY'
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
PY
py() { python3 "$W/aiuto.py" "$@"; }
snap() { "$BIN" --oggi "$OGGI" --db "$1" call verifica_database '{}' 2>&1 | py snap; }
pdf_valid() {
  if [ "$HAVE_PDFINFO" = 1 ]; then pdfinfo "$1" >/dev/null 2>&1; else py pdf_ok "$1"; fi
}
# Copies a database that no process has open (no -wal left behind), with its key file.
copy_db() { cp "$1" "$2" && cp "$1.chiavi" "$2.chiavi" && rm -f "$2-wal" "$2-shm"; }
# Milliseconds since the epoch.
now_ms() { echo $(($(date +%s%N) / 1000000)); }
sleep_ms() { sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"; }

# ---------------------------------------------------------------------------
# Preparation.
echo "== preparing in $W (binary $BIN, seed $SEED)"

# demo input: a database just made by init.
sp --db "$P/init.db" init >/dev/null || die "init"

# import input: init + demo + an empty group servizio under the first intervento.
copy_db "$P/init.db" "$P/base.db"
sp --db "$P/base.db" demo >/dev/null || die "demo"
# The demo's first intervento and one of its servizi, as the model of new ones.
sp --db "$P/base.db" call list_interventi '{}' >"$W/int.json" || die "list_interventi"
INTERVENTO=$(py campo "$W/int.json" value 0 id) || die "no intervento in the demo"
sp --db "$P/base.db" call list_servizi "{\"intervento_id\":\"$INTERVENTO\"}" >"$W/srv0.json" || die "list_servizi"
S0=$(py campo "$W/srv0.json" value 0 id) || die "no servizio under $INTERVENTO"
sp --db "$P/base.db" call get_servizio "{\"id\":\"$S0\"}" >"$W/get.json" || die "get_servizio"
nuovo_servizio() { # db titolo numero_destinatari -> id
  py servizio "$W/get.json" "$2" "$3" >"$W/srv.json" &&
    sp --db "$1" call create_servizio - <"$W/srv.json" >"$W/srv.out" &&
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["value"]["id"])' "$W/srv.out"
}
SERVIZIO=$(nuovo_servizio "$P/base.db" "Crash test: classe da 3000" 3000) || die "create_servizio"

# The class lists: 3,000 rows born in 2012 for the import; 9 lists of 150 born
# in 2011 for the registers. Codici fiscali computed, never taken from the demo.
py classi "$P/classe" 1 3000 2012 1 || die "class list"
py classi "$P/piccola" 9 150 2011 2 || die "small class lists"
CSV=$P/classe0.csv
sp --db "$P/base.db" importa-destinatari --servizio "$SERVIZIO" --anteprima --json "$CSV" >"$W/prev.json" 2>/dev/null ||
  die "preview of the class list"
read -r nuovi esistenti errori avvisi _ _ < <(py piano "$W/prev.json")
[ "$nuovi $esistenti $errori $avvisi" = "3000 0 0 0" ] ||
  die "the preview of $CSV is not 3000 new rows without errors or warnings ($nuovi $esistenti $errori $avvisi)"
copy_db "$P/base.db" "$W/verify.db"
sp --db "$W/verify.db" importa-destinatari --servizio "$SERVIZIO" --json "$CSV" >"$W/imp.json" 2>/dev/null ||
  die "import of the class list"
read -r _ _ _ _ creati iscritti < <(py piano "$W/imp.json")
[ "$creati $iscritti" = "3000 3000" ] || die "the import wrote $creati destinatari, $iscritti enrolments, not 3000"
echo "   class list of 3000 rows: preview 3000 new, 0 errors, 0 warnings; applied: 3000 created, 3000 enrolled"

# registri input: base + the 3000 + 9 more servizi of 150 under the same intervento.
copy_db "$P/base.db" "$P/full.db"
sp --db "$P/full.db" importa-destinatari --servizio "$SERVIZIO" "$CSV" >/dev/null 2>&1 || die "import into full.db"
for k in $(seq 0 8); do
  s=$(nuovo_servizio "$P/full.db" "Crash test: registro $k" 150) || die "create_servizio $k"
  sp --db "$P/full.db" importa-destinatari --servizio "$s" "$P/piccola$k.csv" >/dev/null 2>&1 || die "import piccola$k"
done
sp --db "$P/full.db" call list_servizi "{\"intervento_id\":\"$INTERVENTO\"}" >"$W/srv1.json" || die "list_servizi"
NREG=$(py campo "$W/srv1.json" value)
# The previous versions of the registers: the other variant.
sp --db "$P/full.db" registri --intervento "$INTERVENTO" --variante dopo --out "$P/prev-reg.pdf" >/dev/null 2>&1 ||
  die "registri dopo .pdf"
sp --db "$P/full.db" registri --intervento "$INTERVENTO" --variante dopo --out "$P/prev-reg" >/dev/null 2>&1 ||
  die "registri dopo folder"

# Office and desk: the office's keys; the desk (full.db) encrypts to them and
# exports once (its signing key is made then), then once more completely.
sp --db "$P/office.db" init >/dev/null || die "office init"
KEY=$(sp --db "$P/office.db" chiavi-ufficio | grep -o 'age1[0-9a-z]*' | head -1)
[ -n "$KEY" ] || die "chiavi-ufficio"
copy_db "$P/full.db" "$P/desk.db"
sp --db "$P/desk.db" imposta-ufficio "$KEY" >/dev/null || die "imposta-ufficio"
sp --db "$P/desk.db" esporta --out "$P/prev.sportello" >/dev/null || die "first export"
copy_db "$P/desk.db" "$W/d2.db"
sp --db "$W/d2.db" esporta --completo --out "$P/desk.sportello" >/dev/null || die "export for the merge"

# The office's plan for a complete export of this desk: what a valid file shows.
plan_of() { # file -> the plan line of the office's preview, or nothing
  copy_db "$P/office.db" "$W/oprev.db"
  sp --db "$W/oprev.db" unisci --anteprima "$1" 2>/dev/null | grep 'da aggiungere'
}
PLAN=$(plan_of "$P/desk.sportello") || die "office preview of the desk's export"
echo "   office preview of a complete export: $PLAN"

# ---------------------------------------------------------------------------
# The operations. setup_OP DIR TRIAL: copies the inputs into DIR, places any
# previous output, and sets CMD (the command) and DB (the database it writes).
# outputs_OP DIR STATE: checks the output files; prints a note; fails on a
# half-done output. STATE is "before" or "complete" (the database's state).
declare -a CMD
DB=
PREV=0
MODE=

setup_import() {
  DB=$1/db
  copy_db "$P/base.db" "$DB"
  CMD=("$BIN" --oggi "$OGGI" --db "$DB" importa-destinatari --servizio "$SERVIZIO" "$CSV")
}
outputs_import() { :; }

setup_demo() {
  DB=$1/db
  copy_db "$P/init.db" "$DB"
  CMD=("$BIN" --oggi "$OGGI" --db "$DB" demo)
}
outputs_demo() { :; }

setup_merge() {
  DB=$1/db
  copy_db "$P/office.db" "$DB"
  CMD=("$BIN" --oggi "$OGGI" --db "$DB" unisci "$P/desk.sportello")
}
outputs_merge() { :; }

setup_export() {
  DB=$1/db
  copy_db "$P/desk.db" "$DB"
  mkdir -p "$1/out"
  PREV=$(($2 % 2))
  [ "$PREV" = 1 ] && cp "$P/prev.sportello" "$1/out/export.sportello"
  CMD=("$BIN" --oggi "$OGGI" --db "$DB" esporta --completo --out "$1/out/export.sportello")
}
outputs_export() {
  local f=$1/out/export.sportello what
  if [ ! -e "$f" ]; then
    what=absent
    [ "$PREV" = 1 ] && { echo "previous export file vanished"; return 1; }
  elif [ "$PREV" = 1 ] && cmp -s "$f" "$P/prev.sportello"; then
    what=previous
  else
    local plan
    plan=$(plan_of "$f") || true
    [ "$plan" = "$PLAN" ] || { echo "export.sportello not accepted by the office preview (got: ${plan:-error})"; return 1; }
    what=new
  fi
  if [ "$2" = complete ] && [ "$what" != new ]; then
    echo "export recorded in the database but the file is $what"
    return 1
  fi
  extra_files "$1/out" export.sportello || return 1
  echo "file=$what$(tmp_note "$1/out")"
}

setup_registri() {
  DB=$1/db
  copy_db "$P/full.db" "$DB"
  mkdir -p "$1/out"
  PREV=$((($2 / 2) % 2))
  if [ $(($2 % 2)) = 0 ]; then
    MODE=cartella
    [ "$PREV" = 1 ] && cp -r "$P/prev-reg" "$1/out/registri"
    CMD=("$BIN" --oggi "$OGGI" --db "$DB" registri --intervento "$INTERVENTO" --out "$1/out/registri")
  else
    MODE=pdf
    [ "$PREV" = 1 ] && cp "$P/prev-reg.pdf" "$1/out/registri.pdf"
    CMD=("$BIN" --oggi "$OGGI" --db "$DB" registri --intervento "$INTERVENTO" --out "$1/out/registri.pdf")
  fi
}
# Compares one output file with its previous and its complete version.
one_file() { # file previous complete -> prints absent|previous|new, fails otherwise
  if [ ! -e "$1" ]; then
    [ "$PREV" = 1 ] && { echo "previous $(basename "$1") vanished"; return 1; }
    echo absent
  elif [ "$PREV" = 1 ] && cmp -s "$1" "$2"; then
    echo previous
  elif cmp -s "$1" "$3" && pdf_valid "$1"; then
    echo new
  else
    echo "$(basename "$1") is neither the previous nor the complete version ($(stat -c %s "$1") bytes; pdf check: $(pdf_valid "$1" && echo ok || echo FAILS))"
    return 1
  fi
}
outputs_registri() {
  local out=$1/out r
  if [ "$MODE" = pdf ]; then
    r=$(one_file "$out/registri.pdf" "$P/prev-reg.pdf" "$REF/registri.pdf") || { echo "$r"; return 1; }
    extra_files "$out" registri.pdf || return 1
    echo "pdf prev=$PREV file=$r$(tmp_note "$out")"
  else
    local n=0 f
    if [ -d "$out/registri" ]; then
      for f in "$REF"/registri/*; do
        r=$(one_file "$out/registri/$(basename "$f")" "$P/prev-reg/$(basename "$f")" "$f") || { echo "$r"; return 1; }
        [ "$r" = new ] && n=$((n + 1))
      done
      extra_files "$out/registri" "$(cd "$REF/registri" && ls)" || return 1
    elif [ "$PREV" = 1 ]; then
      echo "previous registers folder vanished"
      return 1
    fi
    extra_files "$out" registri || return 1
    echo "folder prev=$PREV $n/$NREG new$(tmp_note "$out/registri")"
  fi
}
# Visible files in DIR other than the expected names (a list, one per line).
extra_files() {
  local x
  x=$(cd "$1" && ls | grep -vxF -- "$2")
  [ -z "$x" ] || { echo "unexpected files in $1: $x"; return 1; }
}
tmp_note() {
  local n
  n=$(find "$1" -maxdepth 1 -name '.sportello-*.parziale' 2>/dev/null | wc -l)
  [ "$n" -gt 0 ] && echo " tmp=$n"
}

# Runs CMD in the background; sleeps DELAY ms; kill -9. Sets RC.
run_killed() {
  "${CMD[@]}" >"$2/stdout" 2>"$2/stderr" &
  local pid=$!
  sleep_ms "$1"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null # (no "Killed" job message)
  RC=$?
}

declare -A DUR COMPLETE BEFORE_REF NT NK NC NE NX NH LN LA LP
REF=$W/ref
mkdir -p "$REF"
# Complete runs of every operation, set up as trials 0, 1 and 2 (for registri:
# folder, one .pdf, folder over a previous version): the median duration, the
# counts of a complete run (the same each time), the reference registers; then
# the output checks of the trials must pass on these complete runs.
for op in "${OPS[@]}"; do
  times=()
  for k in 0 1 2; do
    d=$W/ref-$op-$k
    mkdir -p "$d"
    setup_$op "$d" $k
    b=$(snap "$DB")
    t=$(now_ms)
    "${CMD[@]}" >"$d/stdout" 2>"$d/stderr" || die "$op: the complete run failed: $(cat "$d/stderr")"
    times+=($(($(now_ms) - t)))
    a=$(snap "$DB")
    [ "${a%%$'\t'*}" = ok ] || die "$op: integrity after a complete run: $a"
    c=${a##*$'\t'}
    [ -z "${COMPLETE[$op]:-}" ] && COMPLETE[$op]=$c && BEFORE_REF[$op]=${b##*$'\t'}
    [ "${COMPLETE[$op]}" = "$c" ] || die "$op: two complete runs give different counts: $(py diff "${COMPLETE[$op]}" "$c")"
    if [ "$op" = registri ] && [ $k = 0 ]; then
      cp -r "$d/out/registri" "$REF/registri"
      [ "$(ls "$REF/registri" | wc -l)" = "$NREG" ] || die "the complete folder does not hold $NREG registers"
    elif [ "$op" = registri ] && [ $k = 1 ]; then
      cp "$d/out/registri.pdf" "$REF/registri.pdf"
      cmp -s "$REF/registri.pdf" "$P/prev-reg.pdf" && die "the previous version of the PDF equals the new one"
    fi
    o=$(outputs_$op "$d" complete) || die "$op: the output check fails on a complete run: $o"
    case "$o" in *previous* | *absent* | *tmp=*) die "$op: a complete run left: $o" ;; esac
    [ "$op" = registri ] && [ "$MODE" = cartella ] && [ "${o#* $NREG/$NREG new}" = "$o" ] &&
      die "registri: a complete run left: $o"
  done
  DUR[$op]=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
  echo "   $op: normal duration ${DUR[$op]} ms; a complete run changes: $(py diff "${BEFORE_REF[$op]}" "${COMPLETE[$op]}")"
done
echo "   preparation done in $(($(date +%s) - T0)) s"

# ---------------------------------------------------------------------------
# The trials.
FAILED_DIR=
keep() { # dir op trial reason
  [ -z "$FAILED_DIR" ] && FAILED_DIR=$(mktemp -d "$KEEP/sportello-crash-failed.XXXXXX") && cp -r "$P" "$FAILED_DIR/prep"
  cp -r "$1" "$FAILED_DIR/$2-$3"
  echo "$2 #$3: $4" >>"$FAILED_DIR/README"
}

# The verdict on a trial's leftovers: sets verdict (clean, CORRUPTED,
# HALF-DONE), state (of the database: before, complete) and note. Uses op, d,
# DB, CMD, outcome and the before snapshot (bcounts, bfk).
judge() {
  verdict=clean note=
  after=$(snap "$DB")
  integ=${after%%$'\t'*}
  fk=$(cut -f2 <<<"$after")
  acounts=${after##*$'\t'}
  if [ "$integ" != ok ] || [ "$fk" != "$bfk" ]; then
    verdict=CORRUPTED note="integrity_check: $integ; foreign_key_check: $fk rows (before $bfk)"
  elif ! "$BIN" --oggi "$OGGI" --db "$DB" check >"$d/check.out" 2>&1; then
    verdict=CORRUPTED note="sportello check fails: $(tail -1 "$d/check.out")"
  fi
  if [ "$verdict" = clean ]; then
    # (registri writes nothing to the database: its complete state is its before state)
    if [ "$acounts" = "${COMPLETE[$op]}" ]; then
      state=complete
    elif [ "$acounts" = "$bcounts" ]; then
      state=before
    else
      state=partial
      verdict=HALF-DONE note="counts neither before nor complete: $(py diff "$bcounts" "$acounts")"
    fi
    [ "$outcome" = completed ] && [ "$state" != complete ] && [ "$verdict" = clean ] &&
      verdict=HALF-DONE note="completed but the database is not in the complete state"
  fi
  if [ "$verdict" = clean ]; then
    if ! note=$(outputs_$op "$d" "$state"); then verdict=HALF-DONE; fi
    local shown=$state
    [ "${COMPLETE[$op]}" = "${BEFORE_REF[$op]}" ] && shown=unchanged
    note="db=$shown${note:+ $note}"
  fi
  # A kill that left nothing done: the operation must still run to the end.
  if [ "$verdict" = clean ] && [ "$state" = before ] && [ "$outcome" != completed ]; then
    if ! "${CMD[@]}" >"$d/rerun.out" 2>&1; then
      verdict=HALF-DONE note="$note; the rerun fails: $(tail -1 "$d/rerun.out")"
    else
      r=$(snap "$DB")
      if [ "${r%%$'\t'*}" != ok ] || [ "${r##*$'\t'}" != "${COMPLETE[$op]}" ]; then
        verdict=HALF-DONE note="$note; the rerun does not reach the complete state: $(py diff "${COMPLETE[$op]}" "${r##*$'\t'}")"
      elif ! o=$(outputs_$op "$d" complete); then
        verdict=HALF-DONE note="$note; after the rerun: $o"
      else
        note="$note; rerun ok"
      fi
    fi
  fi
}

# CRASH_SELFTEST=1: before the trials, damage the result of complete runs in
# the ways the trials look for, and require the verdict to notice each.
selftest() { # op tamper expected
  op=$1
  d=$W/selftest
  rm -rf "$d"
  mkdir -p "$d"
  setup_$op "$d" 1
  local before
  before=$(snap "$DB")
  bcounts=${before##*$'\t'} bfk=$(cut -f2 <<<"$before")
  "${CMD[@]}" >/dev/null 2>&1 || die "selftest $op: the run fails"
  eval "$2"
  outcome=killed
  judge
  [ "$verdict" = "$3" ] || die "selftest: «$2» after $op gives $verdict ($note), not $3"
  echo "   selftest $op, $2: $verdict ($note)"
}
# An import that stopped short: seven of its enrolments taken away again.
tronca_import() {
  sp --db "$DB" call get_servizio "{\"id\":\"$SERVIZIO\"}" >"$W/st.json"
  for k in 0 1 2 3 4 5 6; do
    dest=$(py campo "$W/st.json" value iscritti "$k" destinatario id)
    sp --db "$DB" call remove_destinatario "{\"servizio_id\":\"$SERVIZIO\",\"destinatario_id\":\"$dest\"}" >/dev/null
  done
}
if [ "${CRASH_SELFTEST:-0}" = 1 ]; then
  selftest import 'tronca_import' HALF-DONE
  selftest registri 'truncate -s $(($(stat -c %s "$d/out/registri.pdf") / 2)) "$d/out/registri.pdf"' HALF-DONE
  selftest registri 'echo x >"$d/out/registri.pdf"' HALF-DONE
  selftest export 'rm "$d/out/export.sportello"' HALF-DONE
  selftest export 'truncate -s -100 "$d/out/export.sportello"' HALF-DONE
  selftest demo 'dd if=/dev/urandom of="$DB" bs=4096 seek=3 count=2 conv=notrunc status=none' CORRUPTED
  selftest merge 'dd if=/dev/zero of="$DB" bs=4096 seek=1 count=2 conv=notrunc status=none' CORRUPTED
fi

echo "== $TRIALS trials per operation"
for op in "${OPS[@]}"; do
  NT[$op]=0 NK[$op]=0 NC[$op]=0 NE[$op]=0 NX[$op]=0 NH[$op]=0 LN[$op]=0 LA[$op]=0 LP[$op]=0
  for i in $(seq 1 "$TRIALS"); do
    d=$W/trial
    rm -rf "$d"
    mkdir -p "$d"
    setup_$op "$d" "$i"
    before=$(snap "$DB")
    [ "${before%%$'\t'*}" = ok ] || die "$op #$i: the fresh copy is not ok: $before"
    bcounts=${before##*$'\t'}
    bfk=$(cut -f2 <<<"$before")
    delay=$(((RANDOM * 32768 + RANDOM) % (${DUR[$op]} + 1)))
    run_killed "$delay" "$d"
    NT[$op]=$((NT[$op] + 1))
    case $RC in
      137) outcome=killed NK[$op]=$((NK[$op] + 1)) ;;
      0) outcome=completed NC[$op]=$((NC[$op] + 1)) ;;
      *) outcome="error(rc=$RC)" NE[$op]=$((NE[$op] + 1)) ;;
    esac
    judge
    case $verdict in
      CORRUPTED) NX[$op]=$((NX[$op] + 1)) ;;
      HALF-DONE) NH[$op]=$((NH[$op] + 1)) ;;
    esac
    # What a clean kill left: nothing, all of it, or part (only where parts are
    # whole files: registers of a folder; an export file not yet recorded).
    if [ "$verdict" = clean ] && [ "$outcome" = killed ]; then
      case "$op:$state:$note" in
        registri:*"file=new"* | registri:*" $NREG/$NREG new"* | export:complete:*) left=all ;;
        registri:*" 0/$NREG new"* | registri:*pdf* | export:before:*"file=absent"* | export:before:*"file=previous"*) left=nothing ;;
        registri:* | export:*) left=part ;;
        *:complete:*) left=all ;;
        *) left=nothing ;;
      esac
      case $left in
        nothing) LN[$op]=$((LN[$op] + 1)) ;;
        all) LA[$op]=$((LA[$op] + 1)) ;;
        part) LP[$op]=$((LP[$op] + 1)) ;;
      esac
    fi
    case "$verdict$outcome" in
      clean*error*) verdict=ERROR note="$note; stderr: $(tail -c 300 "$d/stderr" | tr '\n' ' ')" ;;
    esac
    [ "$verdict" = clean ] || keep "$d" "$op" "$i" "delay ${delay} ms, $outcome: $verdict $note"
    printf '%-8s #%-3d delay %4d/%-4d ms  %-10s %-9s %s\n' "$op" "$i" "$delay" "${DUR[$op]}" "$outcome" "$verdict" "$note"
  done
done

# ---------------------------------------------------------------------------
echo
FMT='%-10s %7s %7s %10s %7s | %8s %8s %8s | %10s %10s\n'
printf "$FMT" "" "" "" "" "" "killed, " "left:" "" "" ""
printf "$FMT" operation trials killed completed errors nothing all part corrupted half-done
bad=0
tt=0 tk=0 tc=0 te=0 tx=0 th=0 tn=0 ta=0 tp=0
for op in "${OPS[@]}"; do
  printf "$FMT" "$op" "${NT[$op]}" "${NK[$op]}" "${NC[$op]}" "${NE[$op]}" "${LN[$op]}" "${LA[$op]}" "${LP[$op]}" "${NX[$op]}" "${NH[$op]}"
  tt=$((tt + NT[$op])) tk=$((tk + NK[$op])) tc=$((tc + NC[$op])) te=$((te + NE[$op])) tx=$((tx + NX[$op])) th=$((th + NH[$op]))
  tn=$((tn + LN[$op])) ta=$((ta + LA[$op])) tp=$((tp + LP[$op]))
done
printf "$FMT" total "$tt" "$tk" "$tc" "$te" "$tn" "$ta" "$tp" "$tx" "$th"
echo "(left: what a clean kill left behind. part = some whole registers of a folder, or an export"
echo " file written but not yet recorded by the desk, which the next export sends again.)"
echo "seed $SEED, wall time $(($(date +%s) - T0)) s"
if [ $((te + tx + th)) -gt 0 ]; then
  echo "FAILED trials kept in $FAILED_DIR (README lists them; prep/ holds the prepared inputs)."
  bad=1
fi
exit $bad
