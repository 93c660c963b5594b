//! The scorecard, several BPFs side by side, the year-over-year comparison, and the proposal.
//! Project files to compare are picked in a native dialog. Scripted runs skip the dialogs:
//! `BPF_DESK_OPEN_PROJECTS` (paths separated like `PATH`) is what the open dialog picks, and
//! `BPF_DESK_SAVE_DIR` stands for the save dialog.

use std::path::PathBuf;

use bpf_app::{FileScorecard, ReportFormat, YearFigures};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::dialogs::save_document;
use crate::error::IpcResult;
use crate::state::Desk;
use crate::today;

type Cmd<'a> = State<'a, Desk>;

/// What the shell keeps for comparing projects, beside the [`Desk`].
#[derive(Debug, Default)]
pub struct ScorecardDesk {
    /// Scripted runs and tests: the project files the open dialog takes instead of asking.
    pub open_projects: Option<Vec<PathBuf>>,
}

impl ScorecardDesk {
    pub fn from_env() -> Self {
        let open_projects = std::env::var_os("BPF_DESK_OPEN_PROJECTS")
            .map(|v| std::env::split_paths(&v).filter(|p| !p.as_os_str().is_empty()).collect::<Vec<_>>())
            .filter(|v| !v.is_empty());
        ScorecardDesk { open_projects }
    }
}

/// Other project files, from the seam or a native dialog (several or one); `None` when cancelled.
fn pick_projects<R: Runtime>(
    app: &AppHandle<R>,
    seam: &ScorecardDesk,
    title: &str,
    several: bool,
) -> Option<Vec<PathBuf>> {
    if let Some(paths) = &seam.open_projects {
        return Some(paths.clone());
    }
    let dialog = app.dialog().file().set_title(title).add_filter("BPF Desk project", &[bpf_app::EXTENSION]);
    let picked = if several { dialog.blocking_pick_files()? } else { vec![dialog.blocking_pick_file()?] };
    let paths: Vec<PathBuf> = picked.into_iter().filter_map(|p| p.into_path().ok()).collect();
    (!paths.is_empty()).then_some(paths)
}

/// The home screen as of today.
#[tauri::command]
pub fn home(desk: Cmd<'_>) -> IpcResult<bpf_domain::home::Home> {
    desk.with(|p| p.home(today()))
}

/// Asks for other project files and gives the scorecards of the open one and of them, side by
/// side; `None` when cancelled.
#[tauri::command]
pub async fn scorecards<R: Runtime>(
    app: AppHandle<R>,
    desk: Cmd<'_>,
    seam: State<'_, ScorecardDesk>,
) -> IpcResult<Option<Vec<FileScorecard>>> {
    let own = desk.with(|p| Ok(p.path().to_path_buf()))?;
    let Some(others) = pick_projects(&app, &seam, "Open the other BPFs to compare", true) else {
        return Ok(None);
    };
    let mut paths = vec![own.clone()];
    paths.extend(others.into_iter().filter(|p| *p != own));
    Ok(Some(bpf_app::scorecards(&paths, today())))
}

/// The open year's figures beside another year's, picked in a dialog; `None` when cancelled.
#[tauri::command]
pub async fn compare_years<R: Runtime>(
    app: AppHandle<R>,
    desk: Cmd<'_>,
    seam: State<'_, ScorecardDesk>,
) -> IpcResult<Option<Vec<YearFigures>>> {
    let Some(other) =
        pick_projects(&app, &seam, "Open another year of this BPF", false).and_then(|p| p.into_iter().next())
    else {
        return Ok(None);
    };
    let mine = desk.with(|p| p.year_figures())?;
    let theirs = bpf_app::Project::open_read_only(&other).and_then(|mut p| p.year_figures())?;
    let mut years = vec![mine, theirs];
    years.sort_by_key(|y| y.year);
    Ok(Some(years))
}

/// The scorecard as of today.
#[tauri::command]
pub fn scorecard(desk: Cmd<'_>) -> IpcResult<bpf_domain::scorecard::Scorecard> {
    desk.with(|p| p.scorecard(today()))
}

/// Saves the one-page scorecard (PDF or DOCX) through the save dialog; the path, or `None`.
#[tauri::command]
pub async fn export_scorecard<R: Runtime>(
    app: AppHandle<R>,
    desk: Cmd<'_>,
    format: ReportFormat,
) -> IpcResult<Option<String>> {
    save_document(&app, &desk, "Save the scorecard", "scorecard", format, |p, path| {
        p.export_scorecard(format, path, today())
    })
}

#[tauri::command]
pub fn proposal(desk: Cmd<'_>) -> IpcResult<bpf_app::ProposalView> {
    desk.with(|p| p.proposal())
}

#[tauri::command]
pub fn save_proposal(
    desk: Cmd<'_>,
    text: bpf_domain::proposal::ProposalText,
) -> IpcResult<bpf_app::ProposalView> {
    desk.with(|p| p.save_proposal(&text))
}

/// Saves the proposal (PDF or DOCX) through the save dialog; the path, or `None`.
#[tauri::command]
pub async fn export_proposal<R: Runtime>(
    app: AppHandle<R>,
    desk: Cmd<'_>,
    format: ReportFormat,
) -> IpcResult<Option<String>> {
    save_document(&app, &desk, "Save the proposal", "proposal", format, |p, path| {
        p.export_proposal(format, path, today())
    })
}
