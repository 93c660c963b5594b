//! Crash safety of the app's own command stack: a child process runs the app's commands through
//! Tauri's real IPC (mock runtime, real configuration and capabilities, real project file) and is
//! killed with SIGKILL in the middle of a mail import, a burst of section edits or a PDF export,
//! a hundred times. Each time the project file passes SQLite's `integrity_check`, opens again,
//! and holds all or none of the interrupted work: every message or none, one whole version of
//! the edited section, a whole PDF or no file.
//!
//! The child is this test binary itself, run on the one test `crash_child` with
//! `BPF_CRASH_CHILD` naming the job.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use serde_json::json;

use crate::ipc_tests::{invoke, mock_app};
use crate::mail::MailDesk;

const JOBS: [&str; 3] = ["import", "edit", "export"];
const EDITS: usize = 400;

fn corpus() -> PathBuf {
    std::env::var_os("BPF_MAIL_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/mail-corpus"))
        .join("pipermail-twisted-web")
}

fn sqlite(file: &Path, sql: &str) -> String {
    let out = Command::new("sqlite3").arg(file).arg(sql).output().expect("sqlite3");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// The child: opens the project in `BPF_CRASH_DIR/a.bpfdesk` and does the job until done (or
/// killed). Does nothing when run as an ordinary test.
#[test]
fn crash_child() {
    let (Some(job), Some(dir)) = (std::env::var_os("BPF_CRASH_CHILD"), std::env::var_os("BPF_CRASH_DIR"))
    else {
        return;
    };
    let dir = PathBuf::from(dir);
    let (app, window) = mock_app(&dir, MailDesk::new(Some(vec![corpus()]), None));
    let path = dir.join("a.bpfdesk");
    tauri::Manager::state::<crate::state::Desk>(&app).open(&path).expect("open");
    match job.to_str() {
        Some("import") => {
            invoke(&window, "import_mail", json!({"kind": "folder"})).expect("import");
        }
        Some("edit") => {
            let outline = invoke(&window, "report_outline", json!({})).expect("outline");
            let id = outline["sections"]
                .as_array()
                .expect("sections")
                .iter()
                .find(|s| s["kind"] == "issues")
                .expect("issues")["id"]
                .clone();
            for n in 0..EDITS {
                let edit = json!({"title": "Issues", "included": true, "body": format!("Edit {n}: {}", "text ".repeat(200))});
                invoke(&window, "save_report_section", json!({"id": id, "edit": edit})).expect("save");
            }
        }
        _ => {
            invoke(&window, "export_report", json!({"version": "draft", "format": "pdf"})).expect("export");
        }
    }
    println!("crash child: {} done", job.to_string_lossy());
}

/// How much of `job` the folder holds: `Some(true)` all, `Some(false)` none, `None` a part. For
/// the edit burst each save is its own unit: the section must hold one whole version, the
/// original or one of the saves (`Some(false)` unless it is the last).
fn held(dir: &Path, job: &str, base_body: &str) -> Option<bool> {
    let file = dir.join("a.bpfdesk");
    match job {
        "import" => match sqlite(&file, "SELECT count(*) FROM mail_message").as_str() {
            "0" => Some(false),
            "5371" => Some(true),
            _ => None,
        },
        "edit" => {
            let body = sqlite(&file, "SELECT body FROM report_section WHERE kind = 'issues'");
            if body == base_body {
                return Some(false);
            }
            let whole = body.split_once(": ").is_some_and(|(head, rest)| {
                head.strip_prefix("Edit ").and_then(|n| n.parse::<usize>().ok()).is_some_and(|n| n < EDITS)
                    && rest == "text ".repeat(200).trim_end()
            });
            whole.then_some(body.starts_with(&format!("Edit {}:", EDITS - 1)))
        }
        _ => {
            let pdfs: Vec<PathBuf> = std::fs::read_dir(dir.join("projects"))
                .map(|d| {
                    d.filter_map(|e| e.ok())
                        .map(|e| e.path())
                        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
                        .collect()
                })
                .unwrap_or_default();
            match pdfs.as_slice() {
                [] => Some(false),
                [one] => {
                    let b = std::fs::read(one).unwrap_or_default();
                    let tail = String::from_utf8_lossy(&b[b.len().saturating_sub(16)..]).into_owned();
                    (b.starts_with(b"%PDF-") && tail.contains("%%EOF")).then_some(true)
                }
                _ => None,
            }
        }
    }
}

#[test]
fn the_app_killed_a_hundred_times_mid_work_leaves_all_or_none() {
    assert!(corpus().is_dir(), "the mail corpus is missing: {}", corpus().display());
    let root = tempfile::tempdir().expect("temp dir");
    let base = root.path().join("base.bpfdesk");
    bpf_app::Project::create_demo(&base, false).expect("demo");
    let base_body = sqlite(&base, "SELECT body FROM report_section WHERE kind = 'issues'");
    let me = std::env::current_exe().expect("test binary");
    let run = |dir: &Path, job: &str| {
        let _ = std::fs::remove_dir_all(dir);
        std::fs::create_dir_all(dir.join("projects")).expect("dir");
        std::fs::copy(&base, dir.join("a.bpfdesk")).expect("copy");
        Command::new(&me)
            .args(["--exact", "crash_tests::crash_child", "--nocapture", "--test-threads", "1"])
            .env("BPF_CRASH_CHILD", job)
            .env("BPF_CRASH_DIR", dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("child")
    };
    // Each job once uncut: how long it takes, and that all of it is kept.
    let mut took = Vec::new();
    for job in JOBS {
        let dir = root.path().join(format!("uncut-{job}"));
        let t = Instant::now();
        let out = run(&dir, job).wait_with_output().expect("child");
        took.push(t.elapsed());
        let said = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(said.contains(&format!("crash child: {job} done")), "{job} uncut: {said}");
        assert_eq!(held(&dir, job, &base_body), Some(true), "{job} uncut keeps all of it");
    }
    let mut cut = 0;
    let mut tally = std::collections::BTreeMap::new();
    for i in 0..100u32 {
        let k = i as usize % 3;
        let (job, full) = (JOBS[k], took[k]);
        let dir = root.path().join(format!("run-{i}"));
        let at = full.mul_f64(f64::from(i * 37 % 100) / 90.0);
        let mut child = run(&dir, job);
        std::thread::sleep(at);
        let running = child.try_wait().expect("wait").is_none();
        child.kill().expect("SIGKILL");
        child.wait().expect("reaped");
        cut += usize::from(running);
        let file = dir.join("a.bpfdesk");
        assert_eq!(sqlite(&file, "PRAGMA integrity_check"), "ok", "run {i}: {job} killed after {at:?}");
        let h = held(&dir, job, &base_body);
        assert!(h.is_some(), "run {i}: {job} killed after {at:?} left part of its work");
        bpf_app::Project::open(&file)
            .unwrap_or_else(|e| panic!("run {i}: {job}: the file does not open again: {e}"));
        *tally.entry((job, h == Some(true))).or_insert(0) += 1;
        let _ = std::fs::remove_dir_all(&dir);
    }
    eprintln!("app crash safety: 100 runs, {cut} killed while running; (job, all done) → runs: {tally:?}");
    assert!(cut >= 40, "only {cut} of 100 runs were killed while running");
    for job in JOBS {
        assert!(tally.contains_key(&(job, false)), "{job} was never cut before it finished");
    }
}
