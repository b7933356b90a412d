#!/usr/bin/env bash
# Starts the Sportello window on the default database (the user's data folder;
# `--db PATH` for another). On a fresh Debian machine it first installs what is
# missing (WebKitGTK, the UI's npm packages) and builds.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prepara.sh
apt_se_manca "${PACCHETTI_FINESTRA[@]}"
costruisci_ui
cargo run --release -p sportello-desktop -- "$@"
