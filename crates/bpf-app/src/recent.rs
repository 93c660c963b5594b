//! The list of recently opened project files, kept in a small JSON file whose place the
//! shell chooses (its configuration folder).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::fsio::write_atomically;

const KEEP: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RecentFile {
    pub path: String,
    pub title: String,
    pub year: i32,
    /// When it was last opened (RFC 3339, UTC).
    pub opened_at: String,
    /// False when the file is no longer where it was.
    #[serde(default)]
    pub exists: bool,
}

/// The recent-files list stored at one path.
#[derive(Debug, Clone)]
pub struct RecentFiles {
    store: PathBuf,
}

impl RecentFiles {
    pub fn at(store: &Path) -> Self {
        RecentFiles { store: store.to_path_buf() }
    }

    /// The folder the list is kept in (the app's settings live beside it).
    pub fn folder(&self) -> &Path {
        self.store.parent().unwrap_or(Path::new("."))
    }

    /// The list, newest first. A missing or unreadable list is an empty one: it is only a
    /// convenience, and must never keep the app from starting.
    pub fn list(&self) -> Vec<RecentFile> {
        let mut files: Vec<RecentFile> = std::fs::read(&self.store)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        for f in &mut files {
            f.exists = Path::new(&f.path).is_file();
        }
        files
    }

    /// Puts a file at the top of the list.
    pub fn touch(
        &self,
        path: &Path,
        title: &str,
        year: i32,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<()> {
        let path_s = path.display().to_string();
        let mut files = self.list();
        files.retain(|f| f.path != path_s);
        files.insert(
            0,
            RecentFile {
                path: path_s,
                title: title.to_string(),
                year,
                opened_at: now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                exists: true,
            },
        );
        files.truncate(KEEP);
        self.save(&files)
    }

    pub fn forget(&self, path: &str) -> Result<()> {
        let mut files = self.list();
        files.retain(|f| f.path != path);
        self.save(&files)
    }

    fn save(&self, files: &[RecentFile]) -> Result<()> {
        if let Some(dir) = self.store.parent() {
            std::fs::create_dir_all(dir).map_err(|e| crate::AppError::file(dir, &e))?;
        }
        let json = serde_json::to_vec_pretty(files).unwrap_or_default();
        write_atomically(&self.store, &json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn newest_first_without_duplicates_and_at_most_ten() {
        let dir = tempfile::tempdir().unwrap();
        let recent = RecentFiles::at(&dir.path().join("config/recent.json"));
        assert!(recent.list().is_empty(), "a missing list is an empty one");
        let t = |s: i64| chrono::Utc.timestamp_opt(1_800_000_000 + s, 0).unwrap();
        for i in 0..12 {
            let p = dir.path().join(format!("p{i}.bpfdesk"));
            std::fs::write(&p, b"x").unwrap();
            recent.touch(&p, &format!("BPF {i}"), 2026, t(i)).unwrap();
        }
        let p3 = dir.path().join("p3.bpfdesk");
        recent.touch(&p3, "BPF 3", 2026, t(100)).unwrap();
        let list = recent.list();
        assert_eq!(list.len(), 10);
        assert_eq!(list[0].title, "BPF 3");
        assert_eq!(list[1].title, "BPF 11");
        assert_eq!(list.iter().filter(|f| f.title == "BPF 3").count(), 1);
        assert!(list.iter().all(|f| f.exists));
        std::fs::remove_file(&p3).unwrap();
        assert!(!recent.list()[0].exists, "a moved file is marked, not dropped");
        recent.forget(&p3.display().to_string()).unwrap();
        assert_eq!(recent.list().len(), 9);
    }

    #[test]
    fn a_damaged_list_is_an_empty_one_and_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("recent.json");
        std::fs::write(&store, b"{ not json").unwrap();
        let recent = RecentFiles::at(&store);
        assert!(recent.list().is_empty());
        let p = dir.path().join("a.bpfdesk");
        std::fs::write(&p, b"x").unwrap();
        recent.touch(&p, "A", 2026, chrono::Utc::now()).unwrap();
        assert_eq!(recent.list().len(), 1);
    }
}
