#!/usr/bin/env bash
# The installable packages: the window and the `sportello` command line built
# once in release, then bundled by tauri-cli (npm's @tauri-apps/cli, a prebuilt
# binary: nothing to compile) into target/release/bundle/deb/*.deb and
# target/release/bundle/rpm/*.rpm. The end-to-end tests run on these same
# release binaries. Installs what a fresh Debian machine lacks first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prepara.sh
apt_se_manca "${PACCHETTI_FINESTRA[@]}"
costruisci_ui

fase "Pacchetti: compilazione in release"
cargo build --release --quiet -p sportello-desktop --bin sportello-desktop
cargo build --release --quiet --bin sportello
fase "Pacchetti: .deb e .rpm"
# tauri-cli reads the configuration from src-tauri/ (a link to ../tauri.conf.json).
rm -rf target/release/bundle
(cd src-tauri && ../ui/node_modules/.bin/tauri bundle --bundles deb,rpm)
ls -l target/release/bundle/deb/*.deb target/release/bundle/rpm/*.rpm >&2
