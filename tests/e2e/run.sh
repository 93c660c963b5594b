#!/usr/bin/env bash
# Runs the real-window journeys: Xvfb, tauri-driver, then node's test runner with WebdriverIO.
# Expects the app built with the front end embedded (scripts/test.sh does that). Arguments name the
# journeys to run (all of them without).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
app="$root/target/debug/bpf-desk-app"
[ -x "$app" ] || { echo "e2e: $app is missing: run scripts/test.sh" >&2; exit 1; }
driver="$root/target/tools/bin/tauri-driver"
[ -x "$driver" ] || driver="$(command -v tauri-driver)"

work="$(mktemp -d /tmp/bpf-desk-e2e.XXXXXX)"
display=":${BPF_E2E_DISPLAY:-99}"
port="${BPF_E2E_PORT:-4444}"
pids=()
source "$(dirname "${BASH_SOURCE[0]}")/cleanup.sh"
trap 'stop_and_remove "$work" "${pids[@]}"' EXIT

# -noreset: a program connecting while the X server resets (after its last client, an xdotool
# call, left) is turned away with "Failed to initialize GTK".
Xvfb "$display" -screen 0 1440x900x24 -nolisten tcp -noreset >"$work/xvfb.log" 2>&1 &
pids+=($!)
export DISPLAY="$display"
# Xvfb has no GPU, so WebKit's Skia would paint through Mesa's software GL, and its painting
# threads crashed there now and then (SkiaGPUWorker and compositor segfaults in swrast_dri.so,
# "session deleted because of page crash"). Painting on the CPU is what a machine without a GPU
# should do anyway; compositing stays on (without it screenshots hang).
export WEBKIT_SKIA_ENABLE_CPU_RENDERING=1
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done

# A session bus of this run's own, as a desktop has: the app's single-instance plugin finds the
# running app on it (issue9.test.mjs hands a file to the open window by starting the app again).
# No accessibility bus is looked for on it.
if command -v dbus-daemon >/dev/null 2>&1; then
  { read -r bus_address; read -r bus_pid; } < <(dbus-daemon --session --fork --nopidfile --print-address=1 --print-pid=1)
  pids+=("$bus_pid")
  export DBUS_SESSION_BUS_ADDRESS="$bus_address" NO_AT_BRIDGE=1
fi

# The app under test keeps its settings, recent files and projects in this run's own folders.
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache"
# No desktop environment: xdg-open runs in its generic mode and finds the stand-in mail program the
# tests register in these folders (never the machine's own programs or a web browser).
unset XDG_CURRENT_DESKTOP DESKTOP_SESSION GNOME_DESKTOP_SESSION_ID KDE_FULL_SESSION BROWSER
export BPF_DESK_SAVE_DIR="$work/projects"
# The file the app's "import a report" dialog takes in this run (the tests write it first).
export BPF_DESK_OPEN_FILE="$work/attendance.csv"
# What the mailing-list dialogs take in this run: the archives (the tests link the corpus there)
# and a member list (the tests write it).
export BPF_DESK_OPEN_ARCHIVES="$work/archives" BPF_DESK_OPEN_MEMBERS="$work/members.txt"
# The people file the register's "Import CSV…" dialog takes: a spreadsheet saved by Excel (BOM,
# semicolons, CRLF) with accents, an unknown country and a second address for one person.
export BPF_DESK_OPEN_PEOPLE="$root/tests/e2e/fixtures/people.csv"
# The public comments the "Import CSV…" dialog takes: a review form's export (US dates, a section
# by letter, by title, an unknown one and none, a row without a comment, one row twice).
export BPF_DESK_OPEN_COMMENTS="$root/tests/e2e/fixtures/comments.csv"
# The file the "Attach file…" dialog of a contribution takes: a one-page PDF.
export BPF_DESK_OPEN_CONTRIBUTION="$root/tests/e2e/fixtures/contribution-cert-sn.pdf"
# The project files the scorecard's comparisons take instead of asking (separated by ':'): the
# side by side takes them all, the year over year the first. issue8.test.mjs writes them with the
# command line (next year's file of the demo BPF, another BPF, and a file that is not a project).
export BPF_DESK_OPEN_PROJECTS="$work/compare/best-practice-forum-on-cybersecurity-2021.bpfdesk:$work/compare/bpf-gender-and-access-2020.bpfdesk:$work/compare/not-a-project.bpfdesk"
# The command line over the same project files (the tests check the window against it).
export BPF_DESK_CLI="$root/target/debug/bpf-desk"
mkdir -p "$BPF_DESK_SAVE_DIR"
export BPF_DESK_APP="$app" BPF_E2E_PORT="$port" BPF_E2E_SCREENSHOTS="$root/target/e2e-screenshots"
mkdir -p "$BPF_E2E_SCREENSHOTS"

# tauri-driver, and the WebKitWebDriver it starts, for the journeys; restarted after a lost window.
start_driver() {
  "$driver" --port "$port" --native-port "$((port + 1))" >>"$work/tauri-driver.log" 2>&1 &
  driver_pid=$!
  pids+=("$driver_pid")
  for _ in $(seq 100); do (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
}
stop_driver() {
  pkill -KILL -P "$driver_pid" 2>/dev/null || true
  kill -KILL "$driver_pid" 2>/dev/null || true
  pkill -KILL -f "^$app( |$)" 2>/dev/null || true
  wait "$driver_pid" 2>/dev/null || true
  sleep 1
}
start_driver

cd tests/e2e
# Every journey file, in name order, one node process each; with arguments, only those journeys run
# (e.g. `tests/e2e/run.sh people.test.mjs`).
journeys=("$@")
[ "${#journeys[@]}" -gt 0 ] || journeys=(*.test.mjs)
# WebKitWebDriver says "session deleted because of page crash or hang" when it loses the page. Under
# Xvfb that happened now and then (once a compositor segfault in Mesa's software GL, once with no
# trace), and the WebKitWebDriver of that session then hangs. A journey file that lost
# its page (the waits that followed fail too) runs once more, whole, on a fresh driver, and the run
# says so; it must then pass. Any other failure fails the run.
lost='session deleted because of page crash or hang'
failed=() retried=()
for j in "${journeys[@]}"; do
  echo "=== $j"
  if node --test "$j" 2>&1 | tee "$work/journey.out"; then continue; fi
  if grep -q "$lost" "$work/journey.out"; then
    echo "e2e: $j lost its window ($lost); restarting the driver and running it once more"
    retried+=("$j")
    stop_driver
    start_driver
    node --test "$j" && continue
  fi
  failed+=("$j")
done
[ "${#retried[@]}" -eq 0 ] || echo "e2e: run again after WebKit lost the page: ${retried[*]}"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "e2e: failed: ${failed[*]}"
  echo "--- tauri-driver log"; tail -n 50 "$work/tauri-driver.log" || true
  exit 1
fi
echo "e2e: all ${#journeys[@]} journey files passed"
