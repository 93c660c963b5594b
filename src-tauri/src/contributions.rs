//! Calls for contributions and contributions received: the records, and the file kept with a
//! contribution (picked in a native dialog, written back through a save dialog). Scripted runs:
//! `BPF_DESK_OPEN_CONTRIBUTION` is the file the attach dialog takes; `BPF_DESK_SAVE_DIR` the
//! folder saves go to.

use std::path::PathBuf;

use bpf_app::MAX_CONTRIBUTION_FILE_BYTES;
use bpf_domain::contributions::{Call, CallInput, Contribution, ContributionInput};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::dialogs::save_path;
use crate::error::{IpcError, IpcResult};
use crate::state::Desk;
use crate::today;

type Cmd<'a> = State<'a, Desk>;

/// What the shell keeps for contributions, beside the [`Desk`].
#[derive(Debug, Default)]
pub struct ContributionDesk {
    /// Scripted runs and tests: the file the attach dialog takes instead of asking.
    pub open_file: Option<PathBuf>,
}

impl ContributionDesk {
    pub fn from_env() -> Self {
        ContributionDesk { open_file: std::env::var_os("BPF_DESK_OPEN_CONTRIBUTION").map(PathBuf::from) }
    }
}

#[tauri::command]
pub fn calls(desk: Cmd<'_>) -> IpcResult<Vec<Call>> {
    desk.with(|p| p.calls())
}

#[tauri::command]
pub fn add_call(desk: Cmd<'_>, input: CallInput) -> IpcResult<i64> {
    desk.with(|p| p.add_call(&input))
}

#[tauri::command]
pub fn update_call(desk: Cmd<'_>, id: i64, input: CallInput) -> IpcResult<()> {
    desk.with(|p| p.update_call(id, &input))
}

#[tauri::command]
pub fn delete_call(desk: Cmd<'_>, id: i64) -> IpcResult<()> {
    desk.with(|p| p.delete_call(id))
}

#[tauri::command]
pub fn contributions(desk: Cmd<'_>) -> IpcResult<Vec<Contribution>> {
    desk.with(|p| p.contributions())
}

#[tauri::command]
pub fn add_contribution(desk: Cmd<'_>, input: ContributionInput) -> IpcResult<Contribution> {
    desk.with(|p| p.add_contribution(&input, today()))
}

#[tauri::command]
pub fn update_contribution(desk: Cmd<'_>, id: i64, input: ContributionInput) -> IpcResult<Contribution> {
    desk.with(|p| p.update_contribution(id, &input, today()))
}

#[tauri::command]
pub fn delete_contribution(desk: Cmd<'_>, id: i64) -> IpcResult<()> {
    desk.with(|p| p.delete_contribution(id))
}

/// Asks for the file received with a contribution and keeps it in the project; `None` when the
/// user cancels.
#[tauri::command]
pub fn attach_contribution_file<R: Runtime>(
    app: AppHandle<R>,
    desk: Cmd<'_>,
    seam: State<'_, ContributionDesk>,
    id: i64,
) -> IpcResult<Option<Contribution>> {
    let path = match &seam.open_file {
        Some(p) => Some(p.clone()),
        None => app
            .dialog()
            .file()
            .set_title("Keep the file received with this contribution")
            .blocking_pick_file()
            .and_then(|p| p.into_path().ok()),
    };
    let Some(path) = path else { return Ok(None) };
    let fail = |e: std::io::Error| IpcError::other(format!("{}: {e}", path.display()));
    let size = std::fs::metadata(&path).map_err(fail)?.len();
    if size > MAX_CONTRIBUTION_FILE_BYTES as u64 {
        return Err(IpcError::other(format!(
            "{}: the file is {} MB; a contribution's file is at most {} MB",
            path.display(),
            size / (1024 * 1024),
            MAX_CONTRIBUTION_FILE_BYTES / (1024 * 1024)
        )));
    }
    let bytes = std::fs::read(&path).map_err(fail)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    desk.with(|p| p.attach_contribution_file(id, &name, &bytes)).map(Some)
}

/// Saves the file kept with a contribution where the user says; the path, or `None` when cancelled.
#[tauri::command]
pub fn save_contribution_file<R: Runtime>(
    app: AppHandle<R>,
    desk: Cmd<'_>,
    id: i64,
) -> IpcResult<Option<String>> {
    let c = desk.with(|p| p.contributions())?.into_iter().find(|c| c.id == id);
    let Some(c) = c.filter(|c| !c.file_name.is_empty()) else {
        return Err(IpcError::other("this contribution has no file kept with it"));
    };
    let ext = c.file_name.rsplit_once('.').map_or("*", |(_, e)| e).to_string();
    let Some(path) = save_path(&app, &desk, "Save the contribution's file", &c.file_name, ("File", &ext))
    else {
        return Ok(None);
    };
    desk.with(|p| p.save_contribution_file(id, &path))?;
    Ok(Some(path.display().to_string()))
}

/// Saves a contribution as a standalone document with its credit line (PDF or DOCX) through the
/// save dialog; the path, or `None` when cancelled.
#[tauri::command]
pub async fn export_contribution<R: Runtime>(
    app: AppHandle<R>,
    desk: Cmd<'_>,
    id: i64,
    format: bpf_app::ReportFormat,
) -> IpcResult<Option<String>> {
    let c = desk.with(|p| p.contributions())?.into_iter().find(|c| c.id == id);
    let Some(c) = c else {
        return Err(IpcError::other(format!("there is no contribution with id {id} in this project")));
    };
    let ext = format.extension();
    let name = format!("{}.{ext}", crate::dialogs::slug(&c.title));
    let Some(path) = save_path(&app, &desk, "Save the contribution as a document", &name, (ext, ext)) else {
        return Ok(None);
    };
    desk.with(|p| p.export_contribution(id, format, &path))?;
    Ok(Some(path.display().to_string()))
}
