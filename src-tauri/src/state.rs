//! What the shell holds while it runs: the open project and where its own files live.

use std::path::PathBuf;
use std::sync::Mutex;

use bpf_app::{Project, RecentFiles};

use crate::error::{IpcError, IpcResult};

/// An attendance report picked in the import dialog whose columns wait to be mapped: its bytes as
/// read, so that the page never names a path.
#[derive(Debug)]
pub struct HeldReport {
    pub meeting_id: i64,
    pub bytes: Vec<u8>,
}

#[derive(Debug)]
pub struct Desk {
    project: Mutex<Option<Project>>,
    /// The report of the mapping step, if one is open.
    held_report: Mutex<Option<HeldReport>>,
    pub recent: RecentFiles,
    /// The app's own settings (the theme), beside the recent files.
    pub settings: crate::settings::Settings,
    /// Where the demo project is written.
    pub data_dir: PathBuf,
    /// When set (scripted runs and tests), save dialogs are skipped and files go here.
    pub save_dir: Option<PathBuf>,
    /// When set (scripted runs and tests), the report-import dialog is skipped for this file.
    pub open_file: Option<PathBuf>,
    /// Why the file the app was launched on could not be opened, until the window has shown it.
    pub launch_error: Mutex<Option<String>>,
    /// Told when the recent files change (the menu's Open Recent follows them).
    pub on_recent_change: std::sync::OnceLock<RecentHook>,
    /// Today's backup of the project just opened, taken off the window's thread (a large project
    /// takes a second or more); waited for before the backups are listed or one is restored.
    backup_job: Mutex<Option<std::thread::JoinHandle<()>>>,
}

/// A callback run when the recent files change.
pub struct RecentHook(pub Box<dyn Fn() + Send + Sync>);

impl std::fmt::Debug for RecentHook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecentHook")
    }
}

impl Desk {
    pub fn new(
        recent: RecentFiles,
        data_dir: PathBuf,
        save_dir: Option<PathBuf>,
        open_file: Option<PathBuf>,
    ) -> Self {
        Desk {
            project: Mutex::new(None),
            held_report: Mutex::new(None),
            settings: crate::settings::Settings::at(&recent.folder().join("settings.json")),
            recent,
            data_dir,
            save_dir,
            open_file,
            launch_error: Mutex::new(None),
            on_recent_change: std::sync::OnceLock::new(),
            backup_job: Mutex::new(None),
        }
    }

    /// Runs `f` on the open project.
    pub fn with<T>(&self, f: impl FnOnce(&mut Project) -> bpf_app::Result<T>) -> IpcResult<T> {
        let mut guard =
            self.project.lock().map_err(|_| IpcError::other("internal error: state lock poisoned"))?;
        let project = guard.as_mut().ok_or_else(IpcError::no_project)?;
        Ok(f(project)?)
    }

    /// Makes `project` the open one and records it in the recent files.
    pub fn install(&self, mut project: Project) -> IpcResult<bpf_app::ProjectInfo> {
        let info = project.info()?;
        self.start_daily_backup(project.path());
        // The recent list is a convenience: failing to update it must not fail the opening.
        let _ = self.recent.touch(project.path(), &info.title, info.year, chrono::Utc::now());
        if let Some(hook) = self.on_recent_change.get() {
            (hook.0)();
        }
        let mut guard =
            self.project.lock().map_err(|_| IpcError::other("internal error: state lock poisoned"))?;
        *guard = Some(project);
        drop(guard);
        self.drop_report();
        Ok(info)
    }

    /// Opens the project at `path`; the one already open there is kept as it is (its file is
    /// locked, and opening it twice would only be refused).
    pub fn open(&self, path: &std::path::Path) -> IpcResult<bpf_app::ProjectInfo> {
        let same = |open: &std::path::Path| match (std::fs::canonicalize(open), std::fs::canonicalize(path)) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        let current = {
            let mut guard =
                self.project.lock().map_err(|_| IpcError::other("internal error: state lock poisoned"))?;
            match guard.as_mut() {
                Some(p) if same(p.path()) => Some(p.info()?),
                _ => None,
            }
        };
        match current {
            Some(info) => Ok(info),
            None => self.install(Project::open(path)?),
        }
    }

    /// Where the backups of the project at `path` are kept: under the app's data folder.
    pub fn backup_folder(&self, path: &std::path::Path) -> PathBuf {
        bpf_app::backup_folder(&self.data_dir.join("backups"), path)
    }

    /// Today's backup, once a day, on its own thread and through its own connection (the
    /// project is in WAL mode, so the window goes on reading and writing meanwhile). Failing to
    /// take one must not fail the opening (a full backup disk, say); it is said on standard error
    /// and tried again at the next opening.
    fn start_daily_backup(&self, path: &std::path::Path) {
        self.wait_for_backup();
        let folder = self.backup_folder(path);
        let path = path.to_path_buf();
        let job = std::thread::spawn(move || {
            let taken = Project::open_beside(&path).and_then(|p| p.back_up_daily(&folder, crate::today()));
            if let Err(e) = taken {
                eprintln!("bpf-desk: no backup taken today: {e}");
            }
        });
        if let Ok(mut guard) = self.backup_job.lock() {
            *guard = Some(job);
        }
    }

    /// Waits for today's backup if it is still being taken.
    fn wait_for_backup(&self) {
        let job = self.backup_job.lock().ok().and_then(|mut guard| guard.take());
        if let Some(job) = job {
            let _ = job.join();
        }
    }

    /// The open project's backups, newest first.
    pub fn backups(&self) -> IpcResult<Vec<bpf_app::Backup>> {
        self.wait_for_backup();
        let path = self.with(|p| Ok(p.path().to_path_buf()))?;
        Ok(bpf_app::backups(&self.backup_folder(&path))?)
    }

    /// Replaces the open project with its backup at `backup` (one of [`Desk::backups`]; any
    /// other path is refused) and opens the restored file. On failure the project is reopened as
    /// it was.
    pub fn restore(&self, backup: &str) -> IpcResult<bpf_app::ProjectInfo> {
        if !self.backups()?.iter().any(|b| b.path == backup) {
            return Err(IpcError::other(format!("{backup}: not one of this project's backups")));
        }
        let path = self.with(|p| Ok(p.path().to_path_buf()))?;
        self.close();
        let restored = bpf_app::restore_backup(
            &path,
            std::path::Path::new(backup),
            &self.backup_folder(&path),
            chrono::Utc::now(),
        );
        let reopened = self.install(Project::open(&path)?)?;
        restored?;
        Ok(reopened)
    }

    pub fn close(&self) {
        if let Ok(mut guard) = self.project.lock() {
            *guard = None;
        }
        self.drop_report();
    }

    /// Keeps a report for the mapping step, replacing one held before.
    pub fn hold_report(&self, report: HeldReport) {
        if let Ok(mut guard) = self.held_report.lock() {
            *guard = Some(report);
        }
    }

    /// Takes the report held for meeting `meeting_id`; give it back with [`Desk::hold_report`]
    /// if the import fails, so that a person can change the mapping and try again.
    pub fn take_report(&self, meeting_id: i64) -> IpcResult<HeldReport> {
        let mut guard =
            self.held_report.lock().map_err(|_| IpcError::other("internal error: state lock poisoned"))?;
        match guard.take() {
            Some(r) if r.meeting_id == meeting_id => Ok(r),
            Some(r) => {
                *guard = Some(r);
                Err(IpcError::other("the report was picked for another meeting: import it again"))
            }
            None => Err(IpcError::other("no report waits for its columns: import the file again")),
        }
    }

    /// Forgets the report of the mapping step (cancelled, or another project opened).
    pub fn drop_report(&self) {
        if let Ok(mut guard) = self.held_report.lock() {
            *guard = None;
        }
    }

    pub fn current_info(&self) -> Option<bpf_app::ProjectInfo> {
        let mut guard = self.project.lock().ok()?;
        guard.as_mut()?.info().ok()
    }
}
