# Sourced by scripts/crash.sh: the inputs of every trial, prepared once in
# $P (a database after init, after the demo, with 3,000 more pupils and 9
# more servizi; the office and a desk that exported), never modified after.
# shellcheck shell=bash

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
