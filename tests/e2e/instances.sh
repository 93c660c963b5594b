#!/usr/bin/env bash
# One running app, and one window per project file: in a desktop session (its own D-Bus session
# bus, as a desktop has), a second start of the app on the project already open only brings its
# window forward and ends; a start on another project hands that file to the running app, which
# opens it (its window title follows); without a session bus, a second app on the same file is
# told the file is in use. Uses the app built for the real-window tests (target/debug).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
app="$root/target/debug/bpf-desk-app"
cli="$root/target/debug/bpf-desk"
[ -x "$app" ] && [ -x "$cli" ] || { echo "instances: build the app and the CLI first (scripts/test.sh)" >&2; exit 1; }
work="$(mktemp -d /tmp/bpf-desk-instances.XXXXXX)"
display=":${BPF_INSTANCES_DISPLAY:-94}"
pids=()
source "$root/tests/e2e/cleanup.sh"
trap 'stop_and_remove "$work" "${pids[@]}"' EXIT
fail() { echo "instances: $*" >&2; for l in "$work"/*.log; do echo "--- $l"; tail -n 20 "$l"; done; exit 1; }

# -noreset: a program connecting while the X server resets (after its last client, an xdotool
# call, left) is turned away with "Failed to initialize GTK".
Xvfb "$display" -screen 0 1440x900x24 -nolisten tcp -noreset >"$work/xvfb.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
# Skia paints on the CPU: Xvfb has no GPU (see run.sh).
export WEBKIT_SKIA_ENABLE_CPU_RENDERING=1
export DISPLAY="$display" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache"
"$cli" demo "$work/a.bpfdesk" >/dev/null
"$cli" new "$work/b.bpfdesk" --title "BPF Gender and Access" --year 2026 --meeting-start 2026-11-09 \
  --meeting-end 2026-11-13 --meeting-zone Europe/Oslo >/dev/null

# Waits for a window of process $1 whose title contains $2; prints the title. --all: xdotool's
# search matches any one of its conditions by default, which would take any window of the process.
wait_title() {
  for _ in $(seq 300); do
    t="$(xdotool search --all --pid "$1" --name "$2" getwindowname 2>/dev/null | head -n1 || true)"
    [ -n "$t" ] && { echo "$t"; return 0; }
    kill -0 "$1" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

echo "instances: in a session with a D-Bus bus"
dbus-run-session -- bash -c '
  set -euo pipefail
  "$0" "$1" >"$3/first.log" 2>&1 &
  first=$!
  trap "kill $first 2>/dev/null || true" EXIT
  '"$(declare -f wait_title)"'
  wait_title "$first" Cybersecurity >/dev/null || { echo "no window for the first app"; exit 1; }
  # The same file again: handed over, the second start ends at once.
  timeout 20 "$0" "$1" >"$3/second.log" 2>&1 || { echo "the second start on the same file failed"; exit 1; }
  kill -0 "$first" || { echo "the first app stopped"; exit 1; }
  [ "$(pgrep -c -f "^$0 ")" -ge 1 ] && [ "$(pgrep -c -f "^$0 $1$")" = 1 ] || { echo "more than one app running on the file"; exit 1; }
  wait_title "$first" Cybersecurity >/dev/null || { echo "the first app lost its project"; exit 1; }
  # Another file: the running app opens it.
  timeout 20 "$0" "$2" >"$3/third.log" 2>&1 || { echo "the start on another file failed"; exit 1; }
  wait_title "$first" "Gender and Access" >/dev/null || { echo "the running app did not open the file handed over"; exit 1; }
  echo "one app: the same file focused, another file handed over and opened"
' "$app" "$work/a.bpfdesk" "$work/b.bpfdesk" "$work" "$work" || fail "single instance"

echo "instances: without a session bus"
env -u DBUS_SESSION_BUS_ADDRESS "$app" "$work/a.bpfdesk" >"$work/first-nobus.log" 2>&1 &
first=$!
pids+=("$first")
wait_title "$first" Cybersecurity >/dev/null || fail "no window for the first app"
env -u DBUS_SESSION_BUS_ADDRESS "$app" "$work/a.bpfdesk" >"$work/second-nobus.log" 2>&1 &
second=$!
pids+=("$second")
for _ in $(seq 100); do grep -q "is open in another BPF Desk window or program" "$work/second-nobus.log" && break; sleep 0.1; done
grep -q "is open in another BPF Desk window or program" "$work/second-nobus.log" || fail "the second app was not told the file is in use"
echo "instances: a second app on the same file is told it is in use"
