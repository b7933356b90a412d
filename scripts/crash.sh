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
# Python helpers (scripts/crash/aiuto.py): codici fiscali and class lists,
# database snapshots, queries.
AIUTO=$PWD/scripts/crash/aiuto.py
py() { python3 "$AIUTO" "$@"; }
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
source scripts/crash/preparazione.sh

# The operations (scripts/crash/operazioni.sh): setup_OP, outputs_OP.
source scripts/crash/operazioni.sh

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
