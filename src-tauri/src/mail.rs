//! The mailing-list commands: archives imported on a worker thread with progress events and a
//! cancel flag, the figures and verdict of a period, member-list snapshots, thresholds and the CSV
//! export.
//!
//! An archive import runs on its own connection to the project file, not on the project the
//! [`Desk`] holds: a long import never holds the desk's lock, so the window (and the Cancel
//! button) keeps answering, and readers see the messages once the import's one transaction
//! commits. Scripted runs skip the dialogs: `BPF_DESK_OPEN_ARCHIVES` (paths separated like
//! `PATH`) is what the archive dialogs pick, `BPF_DESK_OPEN_MEMBERS` the member-list file.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use bpf_app::{MailImportReport, MailOverview, Project, SnapshotReport, StatsQuery};
use bpf_domain::InvalidInput;
use bpf_domain::mail::{Granularity, ListThresholds};
use serde::Deserialize;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};
use tauri_plugin_dialog::DialogExt;
use ts_rs::TS;

use crate::dialogs::save_path;
use crate::error::{IpcError, IpcResult};
use crate::state::Desk;
use crate::today;

/// The event that carries an [`ImportProgress`] while archives are imported.
pub const PROGRESS_EVENT: &str = "mail-import-progress";
/// Progress events are sent at most this often (the last one always).
const PROGRESS_EVERY: Duration = Duration::from_millis(50);
/// A member list larger than this is not one (the use case says so too; this spares reading it).
const MAX_MEMBER_LIST: u64 = 50 * 1024 * 1024;

/// What the shell keeps for the mailing list, beside the [`Desk`] and outside its lock.
#[derive(Debug, Default)]
pub struct MailDesk {
    /// Set by `cancel_mail_import`; read by the running import between messages.
    cancel: AtomicBool,
    /// An import is running (one at a time).
    running: AtomicBool,
    /// Scripted runs and tests: what the archive dialogs take instead of asking.
    pub open_archives: Option<Vec<PathBuf>>,
    /// Scripted runs and tests: the member list the snapshot dialog takes instead of asking.
    pub open_members: Option<PathBuf>,
}

impl MailDesk {
    pub fn new(open_archives: Option<Vec<PathBuf>>, open_members: Option<PathBuf>) -> Self {
        MailDesk { open_archives, open_members, ..MailDesk::default() }
    }

    /// The scripted-run seams from `BPF_DESK_OPEN_ARCHIVES` and `BPF_DESK_OPEN_MEMBERS`.
    pub fn from_env() -> Self {
        let archives = std::env::var_os("BPF_DESK_OPEN_ARCHIVES")
            .map(|v| std::env::split_paths(&v).filter(|p| !p.as_os_str().is_empty()).collect::<Vec<_>>())
            .filter(|v| !v.is_empty());
        MailDesk::new(archives, std::env::var_os("BPF_DESK_OPEN_MEMBERS").map(PathBuf::from))
    }
}

/// Clears the running flag however the import ends.
struct Running<'a>(&'a AtomicBool);

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::SeqCst);
    }
}

/// How the archives are chosen: a folder (everything in it that is an archive) or files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ArchivePick {
    Folder,
    Files,
}

fn pick_archives<R: Runtime>(app: &AppHandle<R>, mail: &MailDesk, kind: ArchivePick) -> Option<Vec<PathBuf>> {
    if let Some(paths) = &mail.open_archives {
        return Some(paths.clone());
    }
    let dialog = app.dialog().file();
    let picked = match kind {
        ArchivePick::Folder => dialog
            .set_title("Import a folder of mailing-list archives")
            .blocking_pick_folder()
            .map(|p| vec![p]),
        ArchivePick::Files => dialog
            .set_title("Import mailing-list archives")
            .add_filter("Mail archives (pipermail, mbox)", &["txt", "gz", "mbox", "mboxrd"])
            .blocking_pick_files(),
    }?;
    let paths: Vec<PathBuf> = picked.into_iter().filter_map(|p| p.into_path().ok()).collect();
    (!paths.is_empty()).then_some(paths)
}

fn pick_members<R: Runtime>(app: &AppHandle<R>, mail: &MailDesk) -> Option<PathBuf> {
    if let Some(path) = &mail.open_members {
        return Some(path.clone());
    }
    app.dialog()
        .file()
        .set_title("Add a member-list snapshot")
        .add_filter("Member list (Mailman 3 CSV, Mailman 2 list_members)", &["csv", "txt"])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}

/// Figures, verdict, snapshots and thresholds of a period (no dates: the BPF's active period).
#[tauri::command]
pub async fn mail_overview(desk: State<'_, Desk>, query: StatsQuery) -> IpcResult<MailOverview> {
    desk.with(|p| p.mail_overview(&query))
}

/// Asks for archives (a folder, or files), imports them in one transaction on a worker thread and
/// sends [`PROGRESS_EVENT`]s meanwhile. `None` when the dialog is cancelled; the error code
/// `CANCELLED` when `cancel_mail_import` stopped it (then nothing was added).
#[tauri::command]
pub async fn import_mail<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Desk>,
    mail: State<'_, MailDesk>,
    kind: ArchivePick,
) -> IpcResult<Option<MailImportReport>> {
    let path = desk.with(|p| Ok(p.path().to_path_buf()))?;
    if mail.running.swap(true, Ordering::SeqCst) {
        return Err(IpcError::other("an import of archives is already running: wait for it or cancel it"));
    }
    let running = Running(&mail.running);
    let Some(paths) = pick_archives(&app, &mail, kind) else { return Ok(None) };
    mail.cancel.store(false, Ordering::SeqCst);
    let worker = app.clone();
    let report = tauri::async_runtime::spawn_blocking(move || run_import(&worker, &path, &paths))
        .await
        .map_err(|e| IpcError::other(format!("internal error: the import stopped: {e}")))?;
    drop(running);
    report.map(Some)
}

fn run_import<R: Runtime>(
    app: &AppHandle<R>,
    project: &Path,
    paths: &[PathBuf],
) -> IpcResult<MailImportReport> {
    let mail = app.state::<MailDesk>();
    // The import's own connection: the desk's project stays free for the window meanwhile.
    let mut project = Project::open_beside(project)?;
    let mut last: Option<Instant> = None;
    let report = project.import_mail(paths, today(), chrono::Utc::now(), &mail.cancel, |p| {
        let last_one = p.files_total > 0 && p.files_done == p.files_total;
        if last_one || last.is_none_or(|t| t.elapsed() >= PROGRESS_EVERY) {
            last = Some(Instant::now());
            // A window that is gone cannot show progress; the import goes on regardless.
            let _ = app.emit(PROGRESS_EVENT, p);
        }
    })?;
    Ok(report)
}

/// Stops the running import; it adds nothing. `false` when no import was running.
#[tauri::command]
pub fn cancel_mail_import(mail: State<'_, MailDesk>) -> bool {
    let running = mail.running.load(Ordering::SeqCst);
    if running {
        mail.cancel.store(true, Ordering::SeqCst);
    }
    running
}

/// Checks the date, then asks for a member list (Mailman 3's members CSV or Mailman 2's
/// `list_members` output) taken on that day and stores it. `None` when the dialog is cancelled.
#[tauri::command]
pub async fn import_snapshot<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Desk>,
    mail: State<'_, MailDesk>,
    taken_on: String,
) -> IpcResult<Option<SnapshotReport>> {
    let taken_on = bpf_domain::parse_date(&taken_on).map_err(bpf_app::AppError::from)?;
    let day = today();
    if taken_on > day {
        let why = format!("the member list cannot have been taken on {taken_on}, after today ({day})");
        return Err(bpf_app::AppError::from(InvalidInput::Date(why)).into());
    }
    let Some(path) = pick_members(&app, &mail) else { return Ok(None) };
    let fail = |e: std::io::Error| IpcError::other(format!("{}: {e}", path.display()));
    let len = std::fs::metadata(&path).map_err(fail)?.len();
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if len > MAX_MEMBER_LIST {
        return Err(IpcError::other(format!(
            "{name} is {} MB: a member list is at most 50 MB",
            len / (1024 * 1024)
        )));
    }
    let bytes = std::fs::read(&path).map_err(fail)?;
    desk.with(|p| p.import_snapshot(&bytes, &name, taken_on, day, chrono::Utc::now())).map(Some)
}

#[tauri::command]
pub fn delete_snapshot(desk: State<'_, Desk>, id: i64) -> IpcResult<()> {
    desk.with(|p| p.delete_snapshot(id))
}

#[tauri::command]
pub fn set_list_thresholds(desk: State<'_, Desk>, thresholds: ListThresholds) -> IpcResult<()> {
    desk.with(|p| p.set_list_thresholds(thresholds))
}

/// Asks where to save the figures of the period as CSV (one row per week or month and a total
/// row); the path written, or `None` when the user cancels.
#[tauri::command]
pub async fn export_mail_stats<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Desk>,
    query: StatsQuery,
) -> IpcResult<Option<String>> {
    let (from, to) = desk.with(|p| {
        let (a, b) = p.active_period()?;
        Ok((query.from.unwrap_or(a), query.to.unwrap_or(b)))
    })?;
    let by = match query.by {
        Granularity::Month => "month",
        Granularity::Week => "week",
    };
    let name = format!("mailing-list-{from}-to-{to}-by-{by}.csv");
    let Some(path) = save_path(&app, &desk, "Export the mailing-list figures", &name, ("CSV", "csv")) else {
        return Ok(None);
    };
    let path = if path.extension().is_none() { path.with_extension("csv") } else { path };
    desk.with(|p| p.export_mail_stats(&query, &path))?;
    Ok(Some(path.display().to_string()))
}

#[cfg(test)]
#[path = "mail_tests.rs"]
mod tests;
