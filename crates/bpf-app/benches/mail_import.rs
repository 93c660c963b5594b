//! Benchmark of the mailing-list import: a whole archive folder into a fresh project file,
//! database writes and commit included, against `zcat` of the same files (and, when
//! `BPF_BENCH_PERCEVAL` names a Python with GrimoireLab Perceval installed, against Perceval's
//! MBox backend on the same files), all measured in this one run.
//!
//! Run with `bash scripts/bench-mail.sh` (installs Perceval into `target/bench-venv`), or
//! `cargo bench -p bpf-app --bench mail_import [-- FOLDER [RUNS]]`.
//! Targets (issue 5): import within 1.5× the time of `zcat` alone; ≥ 40× faster than Perceval.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use bpf_app::Project;
use chrono::{NaiveDate, Utc};

fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn files_of(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .expect("the archive folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

fn zcat(files: &[PathBuf]) -> Duration {
    let t = Instant::now();
    let status =
        Command::new("zcat").arg("-f").args(files).stdout(Stdio::null()).status().expect("zcat runs");
    assert!(status.success());
    t.elapsed()
}

fn uncompressed_bytes(files: &[PathBuf]) -> u64 {
    let out = Command::new("sh")
        .arg("-c")
        .arg("zcat -f \"$@\" | wc -c")
        .arg("sh")
        .args(files)
        .output()
        .expect("zcat | wc runs");
    String::from_utf8_lossy(&out.stdout).trim().parse().unwrap_or(0)
}

fn import(folder: &Path, dir: &Path, run: usize) -> (Duration, u64) {
    let file = dir.join(format!("bench-{run}.bpfdesk"));
    Project::create_demo(&file, true).expect("a demo project");
    let mut project = Project::open(&file).expect("it opens");
    let cancel = AtomicBool::new(false);
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
    let t = Instant::now();
    let report = project
        .import_mail(&[folder.to_path_buf()], today, Utc::now(), &cancel, |_| {})
        .expect("the import succeeds");
    let elapsed = t.elapsed();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    (elapsed, report.messages_read)
}

/// Perceval's MBox backend over the folder, in a child Python; its time as it measures it.
fn perceval(python: &str, folder: &Path) -> Option<(Duration, u64)> {
    let script = r#"
import sys, time, logging
logging.disable(logging.CRITICAL)
from perceval.backends.core.mbox import MBox
t = time.perf_counter()
n = sum(1 for _ in MBox('bench', sys.argv[1]).fetch())
print(time.perf_counter() - t, n)
"#;
    let out = Command::new(python).arg("-c").arg(script).arg(folder).output().ok()?;
    if !out.status.success() {
        eprintln!("perceval failed: {}", String::from_utf8_lossy(&out.stderr));
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut parts = text.split_whitespace();
    let secs: f64 = parts.next()?.parse().ok()?;
    let n: u64 = parts.next()?.parse().ok()?;
    Some((Duration::from_secs_f64(secs), n))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let folder = args.first().map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/mail-corpus/pipermail-twisted-web")
    });
    let runs: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(7);
    let files = files_of(&folder);
    let compressed: u64 = files.iter().filter_map(|f| std::fs::metadata(f).ok()).map(|m| m.len()).sum();
    let raw = uncompressed_bytes(&files);
    let dir = tempfile::tempdir().expect("a temporary folder");

    // Warm the page cache for everyone, then interleave the measurements.
    zcat(&files);
    let mut messages = 0;
    let mut ours = Duration::MAX;
    let mut theirs = Duration::MAX;
    for run in 0..runs {
        theirs = theirs.min(zcat(&files));
        let (t, n) = import(&folder, dir.path(), run);
        ours = ours.min(t);
        messages = n;
    }
    let rss = peak_rss_mb();
    let mb = raw as f64 / 1e6;
    println!("mail import benchmark: {} ({} files)", folder.display(), files.len());
    println!(
        "  input: {:.1} MB compressed, {:.1} MB uncompressed, {messages} messages; best of {runs} runs",
        compressed as f64 / 1e6,
        mb
    );
    println!(
        "  bpf-desk import: {:.1} ms = {:.0} MB/s, {:.0} messages/s (into a fresh project file, commit included)",
        ours.as_secs_f64() * 1e3,
        mb / ours.as_secs_f64(),
        messages as f64 / ours.as_secs_f64()
    );
    println!("  zcat alone:      {:.1} ms", theirs.as_secs_f64() * 1e3);
    println!("  ratio import / zcat = {:.2} (target ≤ 1.5)", ours.as_secs_f64() / theirs.as_secs_f64());
    println!("  peak RSS of this process: {rss:.1} MB");
    match std::env::var("BPF_BENCH_PERCEVAL") {
        Ok(python) => match perceval(&python, &folder) {
            Some((t, n)) => {
                println!("  Perceval MBox:   {:.0} ms for {n} messages", t.as_secs_f64() * 1e3);
                println!(
                    "  ratio Perceval / import = {:.0}× (target ≥ 40×)",
                    t.as_secs_f64() / ours.as_secs_f64()
                );
            }
            None => println!("  Perceval: not measured (see the error above)"),
        },
        Err(_) => println!("  Perceval: not measured (set BPF_BENCH_PERCEVAL, or run scripts/bench-mail.sh)"),
    }
}
