#!/usr/bin/env bash
# The Debian package on a clean Debian 12: a minimal system made with debootstrap inside the clone
# (target/deb-test), the package installed there with `apt-get install ./file.deb` (its dependencies
# from Debian's archive), then the installed program started under Xvfb on the demo BPF. Checks the
# package's files (program, desktop entry with the .bpfdesk type, icons, MIME type), that the window
# shows the demo (its title names the BPF), and saves a screenshot to
# target/e2e-screenshots/deb-installed-demo.png. Needs root (debootstrap, chroot).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
deb="$(ls -1t target/release/bundle/deb/*.deb 2>/dev/null | head -n1 || true)"
[ -n "$deb" ] || { echo "package test: no .deb: run scripts/package.sh first" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "package test: needs root (debootstrap and chroot)" >&2; exit 1; }

work="$root/target/deb-test"
sysroot="$work/root"
mirror="${BPF_DEB_MIRROR:-http://deb.debian.org/debian}"
shots="$root/target/e2e-screenshots"
mkdir -p "$shots"
mounted=()
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[$i]}" 2>/dev/null || true; done
}
trap cleanup EXIT

for m in $(findmnt -rno TARGET | grep "^$sysroot" | sort -r || true); do umount -l "$m" || true; done
rm -rf "$work"
mkdir -p "$work"
echo "package test: a clean Debian 12 (debootstrap minbase) in $sysroot"
debootstrap --variant=minbase bookworm "$sysroot" "$mirror" >"$work/debootstrap.log" 2>&1 ||
  { tail -n 20 "$work/debootstrap.log"; exit 1; }
for m in proc sys dev dev/pts tmp/.X11-unix; do
  mkdir -p "$sysroot/$m"
done
mount -t proc proc "$sysroot/proc" && mounted+=("$sysroot/proc")
mount --rbind /sys "$sysroot/sys" && mounted+=("$sysroot/sys")
mount --rbind /dev "$sysroot/dev" && mounted+=("$sysroot/dev")
mkdir -p /tmp/.X11-unix
mount --bind /tmp/.X11-unix "$sysroot/tmp/.X11-unix" && mounted+=("$sysroot/tmp/.X11-unix")
cp /etc/resolv.conf "$sysroot/etc/resolv.conf"
cp "$deb" "$sysroot/tmp/bpf-desk.deb"

echo "package test: apt-get install ./bpf-desk.deb"
chroot "$sysroot" apt-get update -qq
chroot "$sysroot" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq /tmp/bpf-desk.deb >"$work/apt.log" 2>&1 ||
  { tail -n 30 "$work/apt.log"; exit 1; }

fail() { echo "package test: $*" >&2; exit 1; }
files="$(chroot "$sysroot" dpkg -L bpf-desk)"
echo "$files" | grep -qx /usr/bin/bpf-desk-app || fail "no /usr/bin/bpf-desk-app in the package"
desktop="$(echo "$files" | grep '^/usr/share/applications/.*\.desktop$' | head -n1)"
[ -n "$desktop" ] || fail "no desktop entry"
grep -q '^Exec=bpf-desk-app %f$' "$sysroot$desktop" || fail "the desktop entry does not hand a file to bpf-desk-app: $(cat "$sysroot$desktop")"
grep -q '^MimeType=.*application/x-bpfdesk' "$sysroot$desktop" || fail "the desktop entry does not claim .bpfdesk files"
echo "$files" | grep -q '^/usr/share/icons/hicolor/128x128/apps/' || fail "no 128x128 icon"
echo "$files" | grep -qx /usr/share/mime/packages/bpf-desk.xml || fail "no MIME type for .bpfdesk files"
# The system's MIME database (rebuilt by shared-mime-info's trigger) knows the type by its name.
[ -f "$sysroot/usr/share/mime/application/x-bpfdesk.xml" ] || fail "the MIME database does not know application/x-bpfdesk"
grep -q 'bpfdesk' "$sysroot/usr/share/mime/globs2" || fail "the MIME database has no glob for .bpfdesk"
echo "package test: installed $(chroot "$sysroot" dpkg-query -W -f='${Package} ${Version} ${Installed-Size} KiB' bpf-desk), desktop entry $desktop"

# Xvfb picks a free display itself and names it on fd 3 once it accepts connections (-displayfd),
# so neither a display taken by something else nor a slow start can make the program start before
# its X server. -noreset: by default an X server resets when its last client leaves, and a program
# connecting during that reset is turned away ("Failed to initialize GTK"); the xdotool calls below
# come and go while the program starts (seen in CI, and here 8 times in 60 such starts without the
# option, none with it).
rm -f "$work/display"
Xvfb -displayfd 3 -noreset -nolisten tcp -screen 0 1440x900x24 3>"$work/display" >"$work/xvfb.log" 2>&1 &
pids+=($!)
for _ in $(seq 600); do [ -s "$work/display" ] && break; sleep 0.1; done
[ -s "$work/display" ] || { cat "$work/xvfb.log"; fail "Xvfb did not start within 60 s"; }
n="$(tr -dc 0-9 <"$work/display")"
display=":$n"
DISPLAY="$display" xdotool getdisplaygeometry >/dev/null || { cat "$work/xvfb.log"; fail "Xvfb on $display does not answer"; }
[ -S "$sysroot/tmp/.X11-unix/X$n" ] || fail "the X socket $display is not visible in the chroot (bind mount of /tmp/.X11-unix)"

mkdir -p "$sysroot/tmp/runtime-root" && chmod 700 "$sysroot/tmp/runtime-root"
echo "package test: starting the installed program on the demo BPF (display $display)"
# Skia paints on the CPU: Xvfb has no GPU (see tests/e2e/run.sh).
chroot "$sysroot" env -i DISPLAY="$display" HOME=/root PATH=/usr/bin:/bin LANG=C.UTF-8 \
  XDG_RUNTIME_DIR=/tmp/runtime-root WEBKIT_SKIA_ENABLE_CPU_RENDERING=1 /usr/bin/bpf-desk-app --demo >"$work/app.log" 2>&1 &
app_pid=$!
pids+=($app_pid)
title=""
for _ in $(seq 300); do
  title="$(DISPLAY="$display" xdotool search --name 'Cybersecurity' getwindowname 2>/dev/null | head -n1 || true)"
  [ -n "$title" ] && break
  kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log" "$work/xvfb.log"; fail "the installed program stopped"; }
  sleep 0.2
done
[ -n "$title" ] || { cat "$work/app.log"; fail "no window showing the demo BPF within 60 s"; }
sleep 3 # the page paints its first screen
DISPLAY="$display" import -window root "$shots/deb-installed-demo.png"
kill -0 "$app_pid" 2>/dev/null || fail "the installed program stopped after showing its window"
echo "package test: window \"$title\"; screenshot $shots/deb-installed-demo.png"
