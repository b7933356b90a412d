# Sourced by scripts/crash.sh: what each operation of a trial runs and what
# its output files must be (the variables are the harness's).
# shellcheck shell=bash

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
