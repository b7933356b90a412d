# Sourced by scripts/avvia.sh and scripts/test.sh: installs what a fresh Debian
# machine lacks for the desktop window and its tests, and nothing it already has.

# Debian packages, installed only when missing (as root, or through sudo).
apt_se_manca() {
  local need=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
  done
  [ ${#need[@]} -eq 0 ] && return 0
  echo "Installo i pacchetti mancanti: ${need[*]}" >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
}

# The WebKitGTK stack the Tauri window builds and runs on.
PACCHETTI_FINESTRA=(libwebkit2gtk-4.1-dev libsoup-3.0-dev librsvg2-dev libayatana-appindicator3-dev build-essential pkg-config)

# The UI's npm packages (from package-lock.json), then its build into ui/dist.
costruisci_ui() {
  if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
    (cd ui && npm ci --no-audit --no-fund --loglevel=error)
  fi
  (cd ui && npm run --silent build)
}

# A phase of a long script, with the seconds since the script began (CI's log
# then shows where the time goes).
fase() {
  echo "== $* (${SECONDS} s)" >&2
}
