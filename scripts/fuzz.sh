#!/usr/bin/env bash
# Fuzzes every reader of outside input (the targets in fuzz/fuzz_targets/) for a while.
#
#   bash scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# Default: 60 seconds for each target, one target after the other. Needs cargo-fuzz
# (`cargo install cargo-fuzz`); works with the stable toolchain (no sanitizer: the project's own
# code has no unsafe code). FUZZ_SANITIZER=address runs with AddressSanitizer on the nightly
# toolchain instead. Seeds: fuzz/seeds/<target>/, the real archives in ../shared/mail-corpus
# (or $BPF_MAIL_CORPUS) for the archive targets, and project files made by `bpf-desk` for the
# project-file target. What the fuzzer learns is kept in fuzz/corpus/ (git-ignored); a crash,
# a hang (over 10 s on one input) or memory over 2 GB is saved in fuzz/artifacts/<target>/ and
# makes the script exit non-zero, listing the files. Reproduce one with
#   cargo fuzz run -O -a -s none <target> fuzz/artifacts/<target>/<file>
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FUZZ="$ROOT/fuzz"
ALL=(mail_archive mbox members people_csv comments_csv attendance_csv report_markdown project_file)

SECONDS_PER_TARGET=60
if [[ $# -gt 0 && $1 =~ ^[0-9]+$ ]]; then
    SECONDS_PER_TARGET=$1
    shift
fi
TARGETS=("$@")
[[ ${#TARGETS[@]} -eq 0 ]] && TARGETS=("${ALL[@]}")
for t in "${TARGETS[@]}"; do
    if [[ ! -f "$FUZZ/fuzz_targets/$t.rs" ]]; then
        echo "fuzz.sh: no fuzz target \"$t\" (targets: ${ALL[*]})" >&2
        exit 2
    fi
done

SANITIZER="${FUZZ_SANITIZER:-none}"
if [[ $SANITIZER == none ]]; then
    CARGO=(cargo)
else
    CARGO=(cargo +nightly) # sanitizers need -Z flags
fi
if ! "${CARGO[@]}" fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: cargo-fuzz is missing: cargo install cargo-fuzz" >&2
    exit 2
fi
# The same flags for build and run, or `cargo fuzz run` builds again.
FLAGS=(-O --debug-assertions --sanitizer "$SANITIZER" --codegen-units 16)

# Limits per input: bytes (what a seed longer than this is cut to), seconds, memory.
max_len() {
    case $1 in
        mail_archive) echo 65536 ;;
        mbox) echo 65536 ;;
        report_markdown) echo 8192 ;;
        project_file) echo "$PROJECT_MAX_LEN" ;;
        *) echo 16384 ;;
    esac
}
PROJECT_MAX_LEN=262144

cd "$FUZZ" || exit 2
# The dependencies at the versions the workspace uses.
[[ -f Cargo.lock ]] || cp "$ROOT/Cargo.lock" Cargo.lock

echo "== building the fuzz targets (${CARGO[*]} fuzz build ${FLAGS[*]})"
for t in "${TARGETS[@]}"; do
    if ! "${CARGO[@]}" fuzz build "${FLAGS[@]}" "$t"; then
        echo "fuzz.sh: the fuzz target $t does not build" >&2
        exit 2
    fi
done

CORPUS_DIR="${BPF_MAIL_CORPUS:-$ROOT/../shared/mail-corpus}"
LOGS="$FUZZ/target/fuzz-logs"
mkdir -p "$LOGS"

# Real project files as seeds for the opener: the demo BPF and a new, empty one (not committed:
# they are large; made afresh by the current code).
project_seeds() {
    local dir="$FUZZ/corpus/project_file"
    mkdir -p "$dir"
    local tmp
    tmp="$(mktemp -d)"
    if (cd "$ROOT" && cargo run -q -p bpf-cli -- demo "$tmp/demo.bpfdesk" >/dev/null &&
        cargo run -q -p bpf-cli -- new "$tmp/new.bpfdesk" --title "BPF Fuzzing" --year 2026 \
            --meeting-start 2026-11-09 --meeting-end 2026-11-13 --meeting-zone Europe/Berlin >/dev/null); then
        cp "$tmp/demo.bpfdesk" "$dir/seed-demo.bpfdesk"
        cp "$tmp/new.bpfdesk" "$dir/seed-new.bpfdesk"
        local size
        size=$(stat -c %s "$dir/seed-demo.bpfdesk")
        ((size > PROJECT_MAX_LEN)) && PROJECT_MAX_LEN=$size
    else
        echo "fuzz.sh: bpf-desk could not make the seed project files; fuzzing from the small seeds only" >&2
    fi
    rm -rf "$tmp"
}

FAILED=()
SUMMARY=()
for t in "${TARGETS[@]}"; do
    [[ $t == project_file ]] && project_seeds
    dirs=("$FUZZ/corpus/$t" "$FUZZ/seeds/$t")
    if [[ ($t == mail_archive || $t == mbox) && -d $CORPUS_DIR ]]; then
        dirs+=("$CORPUS_DIR")
    fi
    mkdir -p "$FUZZ/corpus/$t" "$FUZZ/artifacts/$t"
    before="$(ls "$FUZZ/artifacts/$t")"
    # The targets write their temporary files here; removed afterwards.
    scratch="$(mktemp -d "${TMPDIR:-/tmp}/bpf-fuzz.XXXXXX")"
    log="$LOGS/$t.log"
    echo "== $t: ${SECONDS_PER_TARGET}s, inputs up to $(max_len "$t") bytes (log: $log)"
    TMPDIR="$scratch" "${CARGO[@]}" fuzz run "${FLAGS[@]}" "$t" "${dirs[@]}" -- \
        -max_total_time="$SECONDS_PER_TARGET" -max_len="$(max_len "$t")" -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1
    status=$?
    rm -rf "$scratch"
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    corpus=$(find "$FUZZ/corpus/$t" -type f | wc -l)
    new=()
    while IFS= read -r f; do
        [[ -n $f ]] && ! grep -qxF "$f" <<<"$before" && new+=("$FUZZ/artifacts/$t/$f")
    done < <(ls "$FUZZ/artifacts/$t" | grep -E '^(crash|timeout|oom|leak)-')
    line="$t: ${runs:-?} runs, ${speed:-?}/s, corpus $corpus"
    if [[ $status -ne 0 || ${#new[@]} -gt 0 ]]; then
        FAILED+=("$t")
        line="$line, FAILED (exit $status)"
        grep -E '^(==[0-9]+== ERROR|thread .* panicked|.*panicked at|SUMMARY|ALARM|==.*out-of-memory)' "$log" | head -5
        for f in "${new[@]}"; do line="$line"$'\n'"    $f"; done
    fi
    echo "$line"
    SUMMARY+=("$line")
done

echo
echo "== summary (${SECONDS_PER_TARGET}s per target)"
printf '%s\n' "${SUMMARY[@]}"
if [[ ${#FAILED[@]} -gt 0 ]]; then
    echo "fuzz.sh: ${#FAILED[@]} target(s) found a crash, hang or memory blow-up: ${FAILED[*]}" >&2
    echo "fuzz.sh: reproduce with: cargo fuzz run ${FLAGS[*]} TARGET ARTIFACT" >&2
    exit 1
fi
