#!/usr/bin/env bash
# All the tests: the core's (cargo), the UI's (vitest, type check), and the
# end-to-end ones that drive the real window under Xvfb through WebDriver.
# On a fresh Debian machine it first installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prepara.sh
apt_se_manca "${PACCHETTI_FINESTRA[@]}" poppler-utils xvfb xauth webkit2gtk-driver

echo "== UI: tipi e test (vitest)" >&2
costruisci_ui
(cd ui && npm run --silent check && npm test --silent)

echo "== Core e finestra: cargo test" >&2
cargo test --workspace

echo "== End-to-end: la finestra vera sotto Xvfb" >&2
bash e2e/run.sh
