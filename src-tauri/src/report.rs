//! The report commands: the outline, a section's text and its live preview, the report's images,
//! publications and the PDF / DOCX exports.
//!
//! The preview, publishing and the exports are `async` so that they run off the main thread; an
//! export (the PDF takes a second or two) runs on a worker thread over its own connection to the
//! project file, so the desk's lock stays free and the window keeps answering meanwhile. Scripted
//! runs skip the dialogs: `BPF_DESK_SAVE_DIR` (all save dialogs) takes the exports,
//! `BPF_DESK_OPEN_IMAGE` is the picture the image dialog picks.

use std::path::{Path, PathBuf};

use bpf_app::{
    ExportedReport, MAX_IMAGE_BYTES, Project, ReportFormat, ReportOutline, SectionEdit, SectionPreview,
};
use bpf_domain::report::{Publication, ReportSection, ReportVersion, SectionKind};
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;

use crate::dialogs::{file_stem, open_image, save_path};
use crate::error::{IpcError, IpcResult};
use crate::state::Desk;
use crate::today;

type Cmd<'a> = State<'a, Desk>;

/// What the shell keeps for the report, beside the [`Desk`].
#[derive(Debug, Default)]
pub struct ReportDesk {
    /// Scripted runs and tests: the picture the image dialog takes instead of asking.
    pub open_image: Option<PathBuf>,
}

impl ReportDesk {
    /// The scripted-run seam from `BPF_DESK_OPEN_IMAGE`.
    pub fn from_env() -> Self {
        ReportDesk { open_image: std::env::var_os("BPF_DESK_OPEN_IMAGE").map(PathBuf::from) }
    }
}

fn date(text: &str) -> IpcResult<chrono::NaiveDate> {
    Ok(bpf_domain::parse_date(text.trim()).map_err(bpf_app::AppError::from)?)
}

/// Runs `f` on a worker thread (the work is long, or the main thread must stay free).
async fn off_main<T: Send + 'static>(f: impl FnOnce() -> IpcResult<T> + Send + 'static) -> IpcResult<T> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| IpcError::other(format!("internal error: the task stopped: {e}")))?
}

#[tauri::command]
pub async fn report_outline(desk: Cmd<'_>) -> IpcResult<ReportOutline> {
    desk.with(|p| p.report_outline())
}

#[tauri::command]
pub fn report_section(desk: Cmd<'_>, id: i64) -> IpcResult<ReportSection> {
    desk.with(|p| p.report_section(id))
}

/// Stores a section's title, inclusion and text (a text with a mistake is kept: the preview names it).
#[tauri::command]
pub fn save_report_section(desk: Cmd<'_>, id: i64, edit: SectionEdit) -> IpcResult<()> {
    desk.with(|p| p.save_report_section(id, &edit))
}

/// Adds a chapter (before the annexes) or an annex (at the end) of the writers' own; its id.
#[tauri::command]
pub fn add_report_section(desk: Cmd<'_>, kind: SectionKind, title: String) -> IpcResult<i64> {
    desk.with(|p| p.add_report_section(kind, &title))
}

#[tauri::command]
pub fn delete_report_section(desk: Cmd<'_>, id: i64) -> IpcResult<()> {
    desk.with(|p| p.delete_report_section(id))
}

/// Puts the sections in the order of `ids` (every section once; annexes stay after the chapters).
#[tauri::command]
pub fn order_report_sections(desk: Cmd<'_>, ids: Vec<i64>) -> IpcResult<()> {
    desk.with(|p| p.order_report_sections(&ids))
}

/// The section laid out with an unsaved `body`, as the exports would show it today.
#[tauri::command]
pub async fn preview_report_section(desk: Cmd<'_>, id: i64, body: String) -> IpcResult<SectionPreview> {
    desk.with(|p| p.preview_report_section(id, &body, today()))
}

/// A picture added to the report.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct AddedImage {
    /// The name sections show it by: `![Caption](name)`.
    pub name: String,
    /// An image of that name was there and is replaced.
    pub replaced: bool,
}

/// A picture's file name as the report names it: spaces and brackets become dashes
/// (`my map (2020).png` → `my-map-2020.png`).
fn image_name(path: &Path) -> String {
    let raw = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut name = String::with_capacity(raw.len());
    for c in raw.trim().chars() {
        let c = if c.is_whitespace() || matches!(c, '(' | ')' | '[' | ']' | '/' | '\\') { '-' } else { c };
        if c == '.' && name.ends_with('-') {
            name.pop();
        }
        if !(c == '-' && (name.is_empty() || name.ends_with('-'))) {
            name.push(c);
        }
    }
    name
}

/// Asks for a picture (PNG, JPEG, SVG) and adds it under its file name, replacing one of that
/// name. `None` when the dialog is cancelled.
#[tauri::command]
pub async fn add_report_image<R: Runtime>(
    app: AppHandle<R>,
    desk: Cmd<'_>,
    report: State<'_, ReportDesk>,
) -> IpcResult<Option<AddedImage>> {
    desk.with(|_| Ok(()))?;
    let Some(path) = open_image(&app, report.open_image.as_deref()) else { return Ok(None) };
    let fail = |e: std::io::Error| IpcError::other(format!("{}: {e}", path.display()));
    let len = std::fs::metadata(&path).map_err(fail)?.len();
    let name = image_name(&path);
    if len > MAX_IMAGE_BYTES as u64 {
        return Err(IpcError::other(format!(
            "{name}: the image is {:.1} MB; images are limited to 15 MB",
            len as f64 / 1e6
        )));
    }
    let bytes = std::fs::read(&path).map_err(fail)?;
    let replaced = desk.with(|p| p.add_report_image(&name, &bytes))?;
    Ok(Some(AddedImage { name, replaced }))
}

#[tauri::command]
pub fn delete_report_image(desk: Cmd<'_>, name: String) -> IpcResult<()> {
    desk.with(|p| p.delete_report_image(&name))
}

/// Publishes a version dated `published_on` (`YYYY-MM-DD`); a draft needs the day comments close.
#[tauri::command]
pub async fn publish_report(
    desk: Cmd<'_>,
    version: ReportVersion,
    published_on: String,
    comment_deadline: Option<String>,
    override_unresolved: Option<bool>,
) -> IpcResult<Publication> {
    let published_on = date(&published_on)?;
    let deadline = match comment_deadline.as_deref().map(str::trim) {
        Some(d) if !d.is_empty() => Some(date(d)?),
        _ => None,
    };
    desk.with(|p| {
        p.publish_report(
            version,
            published_on,
            deadline,
            override_unresolved.unwrap_or(false),
            chrono::Utc::now(),
        )
    })
}

/// Asks where to save the report (`<title>-<year>-draft.pdf` …) and writes it on a worker thread
/// over its own connection: the version's latest publication, or else the current text. `None`
/// when the user cancels.
#[tauri::command]
pub async fn export_report<R: Runtime>(
    app: AppHandle<R>,
    desk: Cmd<'_>,
    version: ReportVersion,
    format: ReportFormat,
) -> IpcResult<Option<ExportedReport>> {
    let info = desk.current_info().ok_or_else(IpcError::no_project)?;
    let ext = format.extension();
    let name = format!("{}-{}.{ext}", file_stem(&info.title, info.year), version.key());
    let (title, filter) = match format {
        ReportFormat::Pdf => ("Export the report as PDF", ("PDF document", ext)),
        ReportFormat::Docx => ("Export the report as a Word document", ("Word document", ext)),
    };
    let Some(dest) = save_path(&app, &desk, title, &name, filter) else { return Ok(None) };
    let dest = if dest.extension().is_none() { dest.with_extension(ext) } else { dest };
    let project = PathBuf::from(&info.path);
    let day = today();
    off_main(move || Ok(Project::open_beside(&project)?.export_report(version, format, &dest, day)?))
        .await
        .map(Some)
}

#[cfg(test)]
#[path = "report_tests.rs"]
mod tests;
