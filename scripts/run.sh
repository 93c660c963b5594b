#!/usr/bin/env bash
# Sets everything up, builds BPF Desk and opens it on the demo BPF (IGF 2020 BPF Cybersecurity).
# Extra arguments go to the app (e.g. a .bpfdesk file instead of --demo).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
(cd ui && npm run build --silent)
cargo build -p bpf-desk-app --features tauri/custom-protocol
args=("$@")
[ "${#args[@]}" -gt 0 ] || args=(--demo)
exec target/debug/bpf-desk-app "${args[@]}"
