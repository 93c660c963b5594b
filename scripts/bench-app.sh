#!/usr/bin/env bash
# Benchmark of the desktop app itself (issue 9), every figure measured in this one run, on the
# release build (scripts/package.sh makes it) under Xvfb:
#   1. cold start to an interactive window: from starting the program on a project file to the
#      window title naming the BPF, which the page sets once it has loaded the project over IPC
#      (RUNS runs, the first after dropping the page cache when allowed; median and spread);
#   2. memory of the running app, the program and its WebKit processes together (proportional
#      set size from /proc/PID/smaps_rollup, so shared libraries are counted once), 5 s after the
#      window is up: with the demo BPF, and with a project holding 50,000 list messages (a
#      generated mbox imported with the CLI);
#   3. the first opening of a day against a later one, on a project of 600,000 messages: the first
#      takes the day's backup (on its own thread since session 6, so the window should not wait
#      for it); each is the median of RUNS openings, every first one with an empty data folder.
# Usage: bash scripts/bench-app.sh [RUNS]   (default 5)
#   BPF_BENCH_APP=path/to/bpf-desk-app measures another build of the app (an older one, say).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
app="${BPF_BENCH_APP:-target/release/bpf-desk-app}"
cli=target/release/bpf-desk
[ -x "$app" ] || { echo "bench-app: $app is missing: run scripts/package.sh first" >&2; exit 1; }
cargo build --quiet --release -p bpf-cli

# Absolute: the XDG_*_HOME variables below are ignored when relative, and the app would use ~/.local.
work="$PWD/target/bench-app"
rm -rf "$work" && mkdir -p "$work"
display=":${BPF_BENCH_DISPLAY:-91}"
# -noreset: a program connecting while the X server resets (after its last client, an xdotool
# call, left) is turned away with "Failed to initialize GTK".
Xvfb "$display" -screen 0 1440x900x24 -nolisten tcp -noreset >"$work/xvfb.log" 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
export DISPLAY="$display" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache"

"$cli" demo "$work/demo.bpfdesk" >/dev/null
# N messages in 500 threads, 10 minutes apart, each with its own Message-ID and a short body.
make_mbox() {
  python3 - "$1" "$2" <<'PY'
import sys, email.utils, datetime
start = datetime.datetime(2020, 1, 1, 9, 0, tzinfo=datetime.timezone.utc)
with open(sys.argv[1], "w") as f:
    for i in range(int(sys.argv[2])):
        t = start + datetime.timedelta(minutes=10 * i)
        thread = i % 500
        f.write(f"From person{i % 900}@example.org {t.strftime('%a %b %d %H:%M:%S %Y')}\n")
        f.write(f"From: Person {i % 900} <person{i % 900}@example.org>\n")
        f.write(f"Date: {email.utils.format_datetime(t)}\n")
        f.write(f"Subject: {'Re: ' if i >= 500 else ''}Topic {thread}\n")
        f.write(f"Message-ID: <m{i}@bench.example>\n")
        if i >= 500:
            f.write(f"In-Reply-To: <m{i - 500}@bench.example>\n")
        f.write("\nA message on the list about the topic of this thread.\n\n")
PY
}
make_mbox "$work/list.mbox" 50000
cp "$work/demo.bpfdesk" "$work/big.bpfdesk"
"$cli" mail import "$work/big.bpfdesk" "$work/list.mbox" --today 2021-06-01 | tail -n 1
# A large project for the first opening of a day: 600,000 messages, about 100 MiB.
make_mbox "$work/huge.mbox" 600000
cp "$work/demo.bpfdesk" "$work/huge.bpfdesk"
"$cli" mail import "$work/huge.bpfdesk" "$work/huge.mbox" --today 2032-01-01 | tail -n 1
rm -f "$work/huge.mbox"

# The PIDs of the app and its children (WebKit's web and network processes).
family() { echo "$1"; { pgrep -P "$1" || true; } | while read -r c; do family "$c"; done; }
pss_kib() {
  local total=0 p v
  for p in $(family "$1"); do
    v=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)
    total=$((total + ${v:-0}))
  done
  echo "$total"
}

# Starts the app on FILE; sets $ms to the milliseconds to the titled window and leaves $pid running.
start_app() {
  local file="$1" t0 t1
  t0=$(date +%s%N)
  "$app" "$file" >"$work/app.log" 2>&1 &
  pid=$!
  for _ in $(seq 600); do
    # --all: both conditions (xdotool's default is either, and any window of the process would do).
    if xdotool search --all --pid "$pid" --name 'Cybersecurity' >/dev/null 2>&1; then
      t1=$(date +%s%N)
      ms=$(((t1 - t0) / 1000000))
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { cat "$work/app.log" >&2; echo "bench-app: the app stopped" >&2; exit 1; }
    sleep 0.02
  done
  echo "bench-app: no titled window within 12 s (does the page set the window title?)" >&2
  exit 1
}
stop_app() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; sleep 0.5; }

# The middle one of the figures given (of an even count, the upper of the two in the middle).
median() { printf '%s\n' "$@" | sort -n | sed -n "$(($# / 2 + 1))p"; }

times=()
for r in $(seq "$runs"); do
  [ "$r" = 1 ] && { sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true; }
  start_app "$work/demo.bpfdesk"
  times+=("$ms")
  stop_app
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "cold start to interactive window (demo BPF, $runs runs): median $(median "${times[@]}") ms, min ${sorted[0]} ms, max ${sorted[$((runs - 1))]} ms (first, after dropping caches: ${times[0]} ms)"

for f in demo big; do
  start_app "$work/$f.bpfdesk"
  sleep 5
  kib=$(pss_kib "$pid")
  n=$(family "$pid" | wc -l)
  stop_app
  what=$([ "$f" = demo ] && echo "the demo BPF" || echo "50,000 list messages")
  echo "memory with $what: $((kib / 1024)) MiB PSS over $n processes (window up in $ms ms; file $(($(stat -c %s "$work/$f.bpfdesk") / 1024 / 1024)) MiB)"
done

first=() later=()
for r in $(seq "$runs"); do
  export XDG_DATA_HOME="$work/data-day-$r"
  start_app "$work/huge.bpfdesk"
  first+=("$ms")
  # The backup may still be being taken beside the window: wait for it before stopping the app.
  for _ in $(seq 300); do
    [ -n "$(ls "$XDG_DATA_HOME"/*/backups/*/*.bpfdesk 2>/dev/null)" ] && break
    sleep 0.1
  done
  stop_app
  [ -n "$(ls "$XDG_DATA_HOME"/*/backups/*/*.bpfdesk 2>/dev/null)" ] || { echo "bench-app: the first opening took no backup" >&2; exit 1; }
  start_app "$work/huge.bpfdesk"
  later+=("$ms")
  stop_app
done
echo "opening a project of $(($(stat -c %s "$work/huge.bpfdesk") / 1024 / 1024)) MiB ($runs runs each): first of the day, its backup taken, median $(median "${first[@]}") ms; a later opening median $(median "${later[@]}") ms"
