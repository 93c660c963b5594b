#!/usr/bin/env bash
# Installs everything BPF Desk needs to build, run and test on Debian 12, inside the clone
# where it can (npm packages, tauri-driver under target/tools). Safe to run again.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

apt_packages=(build-essential pkg-config file libssl-dev libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev
  libayatana-appindicator3-dev libsoup-3.0-dev libxdo-dev xvfb webkit2gtk-driver sqlite3 xauth
  xdg-utils shared-mime-info poppler-utils qpdf unzip libreoffice-writer-nogui xdotool imagemagick debootstrap dbus)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Front end and end-to-end test client: exact versions from package.json (npm ci chokes on
# lockfile entries for other platforms' optional packages that the registry mirror lacks).
for dir in ui tests/e2e; do
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "setup: npm install in $dir"
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
  fi
done
(cd ui && npx --no-install tauri --version >/dev/null) || { echo "setup: the Tauri CLI does not answer (npx tauri --version)" >&2; exit 1; }

# The WebDriver bridge for the real-window tests, built into the clone.
if [ ! -x target/tools/bin/tauri-driver ]; then
  echo "setup: building tauri-driver 2.1.0 into target/tools (about 2 minutes)"
  cargo install tauri-driver --locked --version 2.1.0 --root target/tools --quiet
fi
