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
