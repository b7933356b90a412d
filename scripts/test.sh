#!/usr/bin/env bash
# All the tests: the core's (cargo), the UI's (vitest, type check), the
# end-to-end ones that drive the real window under Xvfb through WebDriver (on
# the release build that also makes the .deb and .rpm), and, as root, the .deb
# installed, started and removed. On a fresh Debian machine it first installs
# what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prepara.sh
apt_se_manca "${PACCHETTI_FINESTRA[@]}" poppler-utils xvfb xauth webkit2gtk-driver imagemagick

fase "UI: tipi e test (vitest)"
costruisci_ui
(cd ui && npm run --silent check && npm test --silent)

fase "Core: cargo test"
# The desktop shell has no tests of its own (clippy checks it, the end-to-end
# tests run its release build): building its debug test binary cost minutes.
cargo test --workspace --exclude sportello-desktop

bash scripts/pacchetto.sh

fase "End-to-end: la finestra vera sotto Xvfb"
bash e2e/run.sh

bash e2e/installato.sh
