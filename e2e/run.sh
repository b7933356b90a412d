#!/usr/bin/env bash
# End-to-end tests on the real application: the release window and command
# line (the ones the packages hold: scripts/pacchetto.sh builds them first, and
# this only checks they are up to date), Xvfb and tauri-driver (WebDriver for
# WebKitGTK), and the tests in e2e/tests with Node's test runner and WebdriverIO.
# Expects ui/dist built (scripts/test.sh does it first).
set -euo pipefail
cd "$(dirname "$0")/.."

# tauri-driver from crates.io, kept under target/ so it survives between runs.
TOOLS="$PWD/target/tools"
if [ ! -x "$TOOLS/bin/tauri-driver" ]; then
  cargo install tauri-driver --locked --root "$TOOLS" --quiet
fi
cargo build --release -p sportello-desktop --bin sportello-desktop --quiet
cargo build --release --bin sportello --quiet
# The signed scan of registro-firmato.test.js, made with the tests' scanner
# (debug: `cargo test` has built what it needs).
cargo build --example firma_registro --quiet

if [ ! -d e2e/node_modules ] || [ e2e/package-lock.json -nt e2e/node_modules/.package-lock.json ]; then
  (cd e2e && npm ci --no-audit --no-fund --loglevel=error)
fi

export SPORTELLO_APP="$PWD/target/release/sportello-desktop"
export SPORTELLO_CLI="$PWD/target/release/sportello"
export SPORTELLO_FIRMA="$PWD/target/debug/examples/firma_registro"
export TAURI_DRIVER="$TOOLS/bin/tauri-driver"
export E2E_OUT="${E2E_OUT:-$PWD/target/e2e}"
mkdir -p "$E2E_OUT"
# One X display for the whole run; WebKit needs no GPU. A hung WebDriver call
# fails its test after 5 minutes, and the whole run after 15, instead of CI's.
timeout 900 xvfb-run -a -s "-screen 0 1280x800x24" \
  node --test --test-concurrency=1 --test-timeout=300000 e2e/tests/
