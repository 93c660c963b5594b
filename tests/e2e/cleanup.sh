# Sourced by the scripts that start the app under Xvfb (run.sh, instances.sh).
#
# stop_and_remove DIR [PID...]: stops the processes the script started and removes its scratch
# folder. WebKit's helper processes outlive the app that started them by a moment and may still
# write into the folder (their cache) while it is being removed ("Directory not empty"), so removal
# is tried again for up to 5 s. It never fails: cleanup must not decide a script's result.
stop_and_remove() {
  local dir="$1"
  shift
  local p
  for p in "$@"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  for _ in $(seq 50); do
    rm -rf "$dir" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "cleanup: $dir is still in use and was left behind" >&2
  return 0
}
