#!/usr/bin/env bash
# Benchmark of the mailing-list import (issue 5), every figure measured in this one run:
#   1. the whole pipermail-twisted-web folder imported into a fresh project file (commit
#      included), against `zcat` of the same files and GrimoireLab Perceval's MBox backend
#      (installed here into target/bench-venv from PyPI);
#   2. with --big: peak memory of `bpf-desk mail import` on a 2 GB mbox made from the real
#      usrp-users month (each copy with its own Message-IDs), in target/bench-big.mboxrd.
# Usage: bash scripts/bench-mail.sh [--big] [FOLDER [RUNS]]
set -euo pipefail
cd "$(dirname "$0")/.."

big=0
if [ "${1:-}" = "--big" ]; then big=1; shift; fi

venv=target/bench-venv
if ! "$venv/bin/python" -c 'import perceval' 2>/dev/null; then
  echo "installing Perceval into $venv (PyPI)…" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet perceval
fi
echo "Perceval $("$venv/bin/pip" show perceval 2>/dev/null | sed -n 's/^Version: //p'), $(zcat --version | head -1)"

BPF_BENCH_PERCEVAL="$PWD/$venv/bin/python" cargo bench --quiet -p bpf-app --bench mail_import -- "$@"

if [ "$big" = 1 ]; then
  corpus=../shared/mail-corpus/usrp-users-2019-07.mboxrd
  big_file=target/bench-big.mboxrd
  if [ ! -f "$big_file" ] || [ "$(stat -c %s "$big_file")" -lt 2000000000 ]; then
    echo "writing a 2 GB mbox to $big_file…" >&2
    : > "$big_file"
    k=0
    while [ "$(stat -c %s "$big_file")" -lt 2000000000 ]; do
      sed "s/^Message-ID: </Message-ID: <copy$k./I" "$corpus" >> "$big_file"
      k=$((k + 1))
    done
  fi
  cargo build --quiet --release -p bpf-cli
  project=target/bench-big.bpfdesk
  target/release/bpf-desk demo "$project" --force > /dev/null
  python3 - "$big_file" "$project" <<'PY'
import resource, subprocess, sys, time, os
big, project = sys.argv[1], sys.argv[2]
t = time.perf_counter()
subprocess.run(["target/release/bpf-desk", "mail", "import", project, big], check=True)
secs = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
size = os.path.getsize(big) / 1e6
print(f"2 GB mbox: {size:.0f} MB in {secs:.1f} s ({size / secs:.0f} MB/s); peak RSS {rss:.0f} MB (target < 300 MB)")
PY
fi
