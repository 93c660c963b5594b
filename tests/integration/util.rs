//! Running the CLI and looking at what it left on disk.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[derive(Debug)]
pub struct TestDir {
    dir: tempfile::TempDir,
}

/// What one run of the CLI gave.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Self {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_bpf-desk")
}

impl TestDir {
    pub fn new(name: &str) -> Self {
        let dir = tempfile::Builder::new().prefix(&format!("bpf-{name}-")).tempdir().expect("temp dir");
        TestDir { dir }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `bpf-desk ARGS`.
    pub fn run(&self, args: &[&str]) -> Run {
        Command::new(bin()).args(args).current_dir(self.root()).output().expect("run bpf-desk").into()
    }

    /// Runs and expects success.
    pub fn ok(&self, args: &[&str]) -> Run {
        let r = self.run(args);
        assert_eq!(r.code, 0, "bpf-desk {args:?} failed: {}", r.stderr);
        r
    }

    /// Runs and expects success with JSON on standard output.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.ok(args).stdout).expect("JSON")
    }

    /// Runs and expects a one-line failure; returns that line.
    pub fn fails(&self, args: &[&str]) -> String {
        let r = self.run(args);
        assert_ne!(r.code, 0, "bpf-desk {args:?} should have failed, printed: {}", r.stdout);
        let lines: Vec<&str> = r.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "one line of error expected, got: {}", r.stderr);
        lines[0].to_string()
    }

    /// `bpf-desk new` with the 2026 meeting of the end-to-end journey.
    pub fn new_2026(&self, file: &str) {
        self.ok(&[
            "new",
            file,
            "--title",
            "BPF Cybersecurity",
            "--year",
            "2026",
            "--meeting-start",
            "2026-11-09",
            "--meeting-end",
            "2026-11-13",
            "--meeting-zone",
            "Europe/Berlin",
        ]);
    }

    pub fn plan(&self, file: &str, today: &str) -> serde_json::Value {
        let r = self.ok(&["plan", file, "--json", "--today", today]);
        serde_json::from_str(&r.stdout).expect("plan --json prints JSON")
    }
}

pub fn codes(plan: &serde_json::Value) -> Vec<String> {
    plan["warnings"].as_array().unwrap().iter().map(|w| w["code"].as_str().unwrap().to_string()).collect()
}

pub fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_default()
}

/// Every file in the folder, with its bytes: to prove that a refused command changed nothing.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), bytes(&p)))
        .collect();
    out.sort();
    out
}

/// Runs an SQL statement on a file with the sqlite3 program, to tamper with it like an
/// outside tool would.
pub fn sqlite3(path: &Path, sql: &str) {
    let st =
        Command::new("sqlite3").arg(path).arg(sql).status().expect("sqlite3 is installed (apt: sqlite3)");
    assert!(st.success(), "sqlite3 {sql}");
}

pub fn sqlite3_out(path: &Path, sql: &str) -> String {
    let o = Command::new("sqlite3").arg(path).arg(sql).output().expect("sqlite3 is installed (apt: sqlite3)");
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

/// The schema version this build writes: one per embedded migration file.
pub fn schema_version() -> usize {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../bpf-store/migrations");
    std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "sql"))
        .count()
}
