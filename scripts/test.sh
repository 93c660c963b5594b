#!/usr/bin/env bash
# Sets everything up and runs every check and test: formatting, lints, svelte-check, fresh
# TypeScript bindings, unit and integration tests, and the real-window journey under Xvfb.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
step() { current="$*"; printf '\n=== %s (at %ss)\n' "$*" "$SECONDS"; }
current="start"
# A failing step stops the run; say which one, as the last line of the log.
trap 'echo "=== FAILED: $current (exit $?, at ${SECONDS}s)" >&2' ERR

step "setup"
bash scripts/setup.sh

# One feature set for clippy, tests and the app build, so tauri compiles once: the front end
# embedded (custom-protocol) and the mock runtime of the IPC tests (test).
features=(--features tauri/custom-protocol,tauri/test)

step "cargo fmt --check"
cargo fmt --all --check

step "front end: svelte-check and build"
(cd ui && npm run check && npm run build)

step "cargo clippy"
cargo clippy --workspace --all-targets "${features[@]}" -- -D warnings

step "cargo test (and regenerate the TypeScript bindings)"
rm -rf ui/src/lib/bindings
cargo test --workspace "${features[@]}"

step "the committed TypeScript bindings are fresh"
if ! git diff --quiet HEAD -- ui/src/lib/bindings || [ -n "$(git ls-files --others --exclude-standard ui/src/lib/bindings)" ]; then
  git status --short ui/src/lib/bindings
  echo "The TypeScript bindings generated from Rust differ from the committed ones: commit ui/src/lib/bindings." >&2
  exit 1
fi
echo "bindings are fresh"

step "build the app for the real-window tests"
cargo build -p bpf-desk-app "${features[@]}"

step "end-to-end: the real app window under Xvfb through WebDriver"
bash tests/e2e/run.sh

step "one running app, one window per project file (tests/e2e/instances.sh)"
bash tests/e2e/instances.sh

step "the Debian package: built by the Tauri bundler (scripts/package.sh)"
bash scripts/package.sh

step "the Debian package installed on a clean Debian 12 and started on the demo"
bash tests/package/install.sh
echo; echo "all checks and tests passed in ${SECONDS}s"
