//! The scorecard, several BPFs side by side, the year-over-year comparison, and the proposal.
//! Project files to compare are picked in a native dialog; `BPF_DESK_SAVE_DIR` stands for the
//! save dialog in scripted runs.

use bpf_app::{FileScorecard, ReportFormat, YearFigures};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::dialogs::save_document;
use crate::error::IpcResult;
use crate::state::Desk;

type Cmd<'a> = State<'a, Desk>;

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
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
) -> IpcResult<Option<Vec<FileScorecard>>> {
    let own = desk.with(|p| Ok(p.path().to_path_buf()))?;
    let Some(others) = app
        .dialog()
        .file()
        .set_title("Open the other BPFs to compare")
        .add_filter("BPF Desk project", &[bpf_app::EXTENSION])
        .blocking_pick_files()
    else {
        return Ok(None);
    };
    let mut paths = vec![own];
    paths.extend(others.into_iter().filter_map(|p| p.into_path().ok()));
    Ok(Some(bpf_app::scorecards(&paths, today())))
}

/// The open year's figures beside another year's, picked in a dialog; `None` when cancelled.
#[tauri::command]
pub async fn compare_years<R: Runtime>(
    app: AppHandle<R>,
    desk: Cmd<'_>,
) -> IpcResult<Option<Vec<YearFigures>>> {
    let Some(other) = app
        .dialog()
        .file()
        .set_title("Open another year of this BPF")
        .add_filter("BPF Desk project", &[bpf_app::EXTENSION])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
    else {
        return Ok(None);
    };
    let mine = desk.with(|p| p.year_figures())?;
    let theirs = bpf_app::Project::open(&other).and_then(|mut p| p.year_figures())?;
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
