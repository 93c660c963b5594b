//! Automatic backups of a project file: one a day, the last few days kept, in a folder of the
//! user's own (not beside the file, which may be on a shared or read-only medium), and a restore
//! that first keeps the file it replaces.
//!
//! A backup is a consistent copy made by SQLite (`VACUUM INTO`), so it can be taken while the
//! project is open. Backups are named by day: `2026-11-24.bpfdesk`; the copy kept before a
//! restore is `2026-11-24-before-restore-083015.bpfdesk`.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::error::{AppError, Result};
use crate::{EXTENSION, Project};

/// Daily backups kept per project.
pub const KEEP_DAYS: usize = 7;
/// Copies kept from before a restore.
const KEEP_BEFORE_RESTORE: usize = 3;
const BEFORE_RESTORE: &str = "-before-restore-";

/// A backup of the open project, as the restore dialog lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Backup {
    pub path: String,
    /// The day it was taken.
    pub day: NaiveDate,
    /// Set for the copy kept when a restore replaced the file.
    pub before_restore: bool,
    pub bytes: u64,
}

/// The folder of one project's backups under `root`: its file name and a short hash of its full
/// path, so two projects of the same name keep apart.
pub fn backup_folder(root: &Path, project: &Path) -> PathBuf {
    let full = std::fs::canonicalize(project).unwrap_or_else(|_| project.to_path_buf());
    let hash = Sha256::digest(full.to_string_lossy().as_bytes());
    let hex: String = hash.iter().take(4).map(|b| format!("{b:02x}")).collect();
    let stem = project.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    root.join(format!("{stem}-{hex}"))
}

/// The backups in `folder`, newest first; an absent folder has none.
pub fn backups(folder: &Path) -> Result<Vec<Backup>> {
    let entries = match std::fs::read_dir(folder) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(AppError::file(folder, &e)),
    };
    let mut found: Vec<((NaiveDate, std::time::SystemTime, String), Backup)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let stem = name.strip_suffix(&format!(".{EXTENSION}"))?;
            let day = NaiveDate::parse_from_str(stem.get(..10)?, "%Y-%m-%d").ok()?;
            let rest = &stem[10..];
            let before_restore = rest.starts_with(BEFORE_RESTORE);
            if !rest.is_empty() && !before_restore {
                return None;
            }
            let meta = e.metadata().ok()?;
            let taken = meta.modified().ok()?;
            let path = e.path().display().to_string();
            Some(((day, taken, name), Backup { path, day, before_restore, bytes: meta.len() }))
        })
        .collect();
    // Newest first: by day, then by when it was written (a copy kept before a restore is newer
    // than that day's backup).
    found.sort_by(|a, b| b.0.cmp(&a.0));
    Ok(found.into_iter().map(|(_, b)| b).collect())
}

/// Keeps the newest [`KEEP_DAYS`] daily backups and the newest few from before a restore.
fn rotate(folder: &Path) -> Result<()> {
    let all = backups(folder)?;
    let (before, daily): (Vec<&Backup>, Vec<&Backup>) = all.iter().partition(|b| b.before_restore);
    for old in daily.iter().skip(KEEP_DAYS).chain(before.iter().skip(KEEP_BEFORE_RESTORE)) {
        std::fs::remove_file(&old.path).map_err(|e| AppError::file(Path::new(&old.path), &e))?;
    }
    Ok(())
}

/// A backup cut short (the app quit while taking it) leaves its temporary file behind: those
/// older than this are removed at the next backup (by the store, which names them). Younger ones
/// may still be being written.
const STALE_TEMP: std::time::Duration = std::time::Duration::from_secs(10 * 60);

fn create_folder(folder: &Path) -> Result<()> {
    std::fs::create_dir_all(folder).map_err(|e| AppError::file(folder, &e))
}

impl Project {
    /// Today's backup into `folder`, unless there is one already; older ones beyond the last
    /// [`KEEP_DAYS`] days are removed. The backup made, or `None` when today's existed.
    pub fn back_up_daily(&self, folder: &Path, today: NaiveDate) -> Result<Option<Backup>> {
        let dest = folder.join(format!("{today}.{EXTENSION}"));
        if dest.exists() {
            return Ok(None);
        }
        create_folder(folder)?;
        bpf_store::remove_stale_temps(folder, STALE_TEMP, std::time::SystemTime::now());
        self.save_copy(&dest)?;
        let bytes = std::fs::metadata(&dest).map_err(|e| AppError::file(&dest, &e))?.len();
        rotate(folder)?;
        Ok(Some(Backup { path: dest.display().to_string(), day: today, before_restore: false, bytes }))
    }
}

/// Replaces the project file at `path` with the backup at `backup`, after checking that the
/// backup is a project this version opens and keeping the current file in `folder` (as a
/// "before restore" copy). Refused while the project is open anywhere: close it first.
pub fn restore_backup(path: &Path, backup: &Path, folder: &Path, now: DateTime<Utc>) -> Result<()> {
    // Holding the project proves nobody else has it open, and gives the copy to keep.
    let current = Project::open(path)?;
    Project::open_read_only(backup)?;
    create_folder(folder)?;
    let kept =
        folder.join(format!("{}{BEFORE_RESTORE}{}.{EXTENSION}", now.date_naive(), now.format("%H%M%S")));
    current.save_copy(&kept)?;
    let tmp = tempfile::Builder::new()
        .prefix(".bpf-desk-restore-")
        .suffix(".tmp")
        .tempfile_in(path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")))
        .map_err(|e| AppError::file(path, &e))?;
    std::fs::copy(backup, tmp.path()).map_err(|e| AppError::file(path, &e))?;
    tmp.as_file().sync_all().map_err(|e| AppError::file(path, &e))?;
    drop(current);
    tmp.persist(path).map_err(|e| AppError::file(path, &e.error))?;
    rotate(folder)?;
    // The check that it opens: a restore that cannot be opened is no restore.
    Project::open(path).map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn one_backup_a_day_the_last_seven_kept_and_a_restore_keeps_what_it_replaces() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| AppError::file(Path::new("tmp"), &e))?;
        let file = dir.path().join("bpf.bpfdesk");
        let root = dir.path().join("backups");
        let mut p = Project::create_demo(&file, false)?;
        let folder = backup_folder(&root, &file);
        assert!(folder.starts_with(&root));
        assert!(p.back_up_daily(&folder, day("2026-11-01"))?.is_some());
        assert!(p.back_up_daily(&folder, day("2026-11-01"))?.is_none(), "once a day");
        // A backup cut short an hour ago left its temporary file; one being written now is kept.
        let stale = folder.join(".2026-10-31.bpfdesk.4242-17.tmp");
        let fresh = folder.join(".2026-11-02.bpfdesk.4243-18.tmp");
        for f in [&stale, &fresh] {
            std::fs::write(f, b"partial").map_err(|e| AppError::file(f, &e))?;
        }
        let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(&stale)
            .and_then(|f| f.set_modified(hour_ago))
            .map_err(|e| AppError::file(&stale, &e))?;
        let count = |p: &mut Project| p.plan(day("2026-11-10")).map(|v| v.milestones.len());
        let planned = count(&mut p)?;
        for d in 2..=9 {
            if d == 4 {
                // Work done on the 3rd, after that day's backup.
                p.add_milestone(&crate::MilestoneInput {
                    title: "Extra call".into(),
                    kind: bpf_domain::MilestoneKind::Custom,
                    date: day("2020-06-01"),
                    end_date: None,
                    owner: String::new(),
                    workstream_id: None,
                    status: crate::MilestoneStatus::Planned,
                    derived: None,
                    notes: String::new(),
                })?;
            }
            p.back_up_daily(&folder, day(&format!("2026-11-{d:02}")))?;
        }
        assert_eq!(count(&mut p)?, planned + 1);
        assert!(!stale.exists(), "the stale temporary file is removed");
        assert!(fresh.exists(), "a temporary file being written is left alone");
        let list = backups(&folder)?;
        let days: Vec<String> = list.iter().map(|b| b.day.to_string()).collect();
        assert_eq!(
            days,
            [
                "2026-11-09",
                "2026-11-08",
                "2026-11-07",
                "2026-11-06",
                "2026-11-05",
                "2026-11-04",
                "2026-11-03"
            ]
        );
        drop(p);

        // Restoring the oldest kept: the current file is kept first, then replaced.
        let before = std::fs::read(&file).map_err(|e| AppError::file(&file, &e))?;
        let now = DateTime::parse_from_rfc3339("2026-11-10T08:30:15Z")
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default();
        restore_backup(&file, Path::new(&list[6].path), &folder, now)?;
        let kept = backups(&folder)?.into_iter().find(|b| b.before_restore).expect("kept before restore");
        assert!(kept.path.ends_with("2026-11-10-before-restore-083015.bpfdesk"), "{}", kept.path);
        assert_ne!(std::fs::read(&file).map_err(|e| AppError::file(&file, &e))?, before);
        assert_eq!(
            count(&mut Project::open(&file)?)?,
            planned,
            "the 3rd's backup has the plan without the extra call"
        );

        // A backup that is not a project is refused, and the file stays as it was.
        let junk = dir.path().join("junk.bpfdesk");
        std::fs::write(&junk, b"not a database").map_err(|e| AppError::file(&junk, &e))?;
        let now_bytes = std::fs::read(&file).map_err(|e| AppError::file(&file, &e))?;
        let e = restore_backup(&file, &junk, &folder, now).unwrap_err().to_string();
        assert!(e.contains("junk.bpfdesk: not a BPF Desk project file"), "{e}");
        assert_eq!(std::fs::read(&file).map_err(|e| AppError::file(&file, &e))?, now_bytes);

        // Refused while the project is open.
        let open = Project::open(&file)?;
        let e = restore_backup(&file, Path::new(&list[0].path), &folder, now).unwrap_err().to_string();
        assert!(e.contains("is open in another BPF Desk window"), "{e}");
        drop(open);
        Ok(())
    }
}
