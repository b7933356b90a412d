#!/usr/bin/env bash
# The .deb as a coordinator gets it: installed with dpkg (as root), the
# installed window started under Xvfb until its first screen, the installed
# `sportello` command run, then the package removed and checked gone.
# Expects scripts/pacchetto.sh to have made target/release/bundle/deb/*.deb.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" -ne 0 ]; then
  echo "== Pacchetto installato: saltato (serve root per dpkg -i)" >&2
  exit 0
fi
deb=$(ls target/release/bundle/deb/*.deb)
nome=$(dpkg-deb -f "$deb" Package)
echo "== Pacchetto installato: $deb ($(du -k "$deb" | cut -f1) KiB)" >&2
dpkg -r "$nome" >/dev/null 2>&1 || true

t0=$(date +%s%N)
dpkg -i "$deb" >/dev/null
t1=$(date +%s%N)
echo "installato in $(( (t1 - t0) / 1000000 )) ms: $(dpkg -L "$nome" | grep -E '^/usr/(bin|share/applications)/' | tr '\n' ' ')" >&2

export SPORTELLO_APP=/usr/bin/sportello-desktop SPORTELLO_CLI=/usr/bin/sportello
export TAURI_DRIVER="$PWD/target/tools/bin/tauri-driver"
export E2E_OUT="${E2E_OUT:-$PWD/target/e2e}"
mkdir -p "$E2E_OUT"
timeout 300 xvfb-run -a -s "-screen 0 1280x800x24" \
  node --test --test-concurrency=1 --test-timeout=120000 e2e/installato/

dpkg -r "$nome" >/dev/null
for f in /usr/bin/sportello-desktop /usr/bin/sportello /usr/share/applications/Sportello.desktop; do
  if [ -e "$f" ]; then echo "Dopo la rimozione resta $f" >&2; exit 1; fi
done
echo "rimosso: nessun file del pacchetto resta" >&2
