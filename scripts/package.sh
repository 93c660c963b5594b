#!/usr/bin/env bash
# Builds the Debian package of BPF Desk with the Tauri bundler (a release build with the front end
# embedded): target/release/bundle/deb/BPF Desk_<version>_amd64.deb, with the program, its icons,
# a desktop entry and the .bpfdesk file type. Install it with `sudo apt-get install ./<file>.deb`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
ui/node_modules/.bin/tauri build --bundles deb
ls -1 "$root"/target/release/bundle/deb/*.deb
