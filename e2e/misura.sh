#!/usr/bin/env bash
# The window's figures on a big database: bash e2e/misura.sh DB [release]
# (make DB with: SPORTELLO_BENCH_DB=/tmp/regione.db cargo bench --bench region_year).
set -euo pipefail
cd "$(dirname "$0")/.."
profilo="${2:-release}"
flag=(); [ "$profilo" = release ] && flag=(--release)
cargo build "${flag[@]}" -p sportello-desktop --quiet
cargo build "${flag[@]}" --bin sportello --quiet
export SPORTELLO_APP="$PWD/target/$profilo/sportello-desktop" SPORTELLO_CLI="$PWD/target/$profilo/sportello"
export TAURI_DRIVER="$PWD/target/tools/bin/tauri-driver"
xvfb-run -a -s "-screen 0 1280x800x24" node e2e/misura.js "$1"
