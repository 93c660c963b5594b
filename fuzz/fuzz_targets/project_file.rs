//! Any bytes as a project file: `Project::open` accepts a BPF Desk project or refuses the file
//! with a message, never panics or hangs; an opened file answers its first reads (the title and
//! the plan shown on the start screen). Findings here are for the store's and the app's owners.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn path() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("bpf-fuzz-project-file-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        dir.join("fuzz.bpfdesk")
    })
}

fuzz_target!(|data: &[u8]| {
    let path = path();
    // No journal left over from the input before.
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut side = path.clone().into_os_string();
        side.push(suffix);
        let _ = std::fs::remove_file(side);
    }
    std::fs::write(path, data).expect("the input written");
    match bpf_app::Project::open(path) {
        Ok(mut project) => {
            let _ = project.info();
            let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
            let _ = project.plan(today);
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
});
