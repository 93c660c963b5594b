//! Public comments on the draft: the list with the sections they can be linked to, imports (a
//! CSV picked in a dialog, or list archives picked in a dialog), resolutions, and the
//! comment-resolution table saved through a save dialog. Scripted runs: `BPF_DESK_OPEN_COMMENTS`
//! is the file (CSV) or archive (mbox) the import dialogs take.

use std::path::PathBuf;

use bpf_app::{CommentsImport, CommentsView, MAX_COMMENTS_FILE_BYTES};
use bpf_domain::comments::{Comment, CommentInput, Resolution};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::dialogs::{file_stem, save_document, save_path};
use crate::error::{IpcError, IpcResult};
use crate::state::Desk;
use crate::today;

type Cmd<'a> = State<'a, Desk>;

/// What the shell keeps for comments, beside the [`Desk`].
#[derive(Debug, Default)]
pub struct CommentsDesk {
    pub open_file: Option<PathBuf>,
}

impl CommentsDesk {
    pub fn from_env() -> Self {
        CommentsDesk { open_file: std::env::var_os("BPF_DESK_OPEN_COMMENTS").map(PathBuf::from) }
    }
}

fn pick<R: Runtime>(
    app: &AppHandle<R>,
    seam: &CommentsDesk,
    title: &str,
    filter: (&str, &[&str]),
) -> Option<PathBuf> {
    if let Some(p) = &seam.open_file {
        return Some(p.clone());
    }
    app.dialog()
        .file()
        .set_title(title)
        .add_filter(filter.0, filter.1)
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}

#[tauri::command]
pub fn comments(desk: Cmd<'_>) -> IpcResult<CommentsView> {
    desk.with(|p| p.comments())
}

#[tauri::command]
pub fn add_comment(desk: Cmd<'_>, input: CommentInput) -> IpcResult<Comment> {
    desk.with(|p| p.add_comment(&input, today()))
}

#[tauri::command]
pub fn update_comment(desk: Cmd<'_>, id: i64, input: CommentInput) -> IpcResult<()> {
    desk.with(|p| p.update_comment(id, &input, today()))
}

#[tauri::command]
pub fn resolve_comment(desk: Cmd<'_>, id: i64, resolution: Resolution) -> IpcResult<()> {
    desk.with(|p| p.resolve_comment(id, &resolution))
}

#[tauri::command]
pub fn delete_comment(desk: Cmd<'_>, id: i64) -> IpcResult<()> {
    desk.with(|p| p.delete_comment(id))
}

/// Asks for a review platform's CSV and imports its comments; `None` when cancelled.
#[tauri::command]
pub fn import_comments_csv<R: Runtime>(
    app: AppHandle<R>,
    desk: Cmd<'_>,
    seam: State<'_, CommentsDesk>,
) -> IpcResult<Option<CommentsImport>> {
    let Some(path) = pick(&app, &seam, "Import public comments (CSV)", ("CSV file", &["csv", "txt"])) else {
        return Ok(None);
    };
    let fail = |e: std::io::Error| IpcError::other(format!("{}: {e}", path.display()));
    if std::fs::metadata(&path).map_err(fail)?.len() > MAX_COMMENTS_FILE_BYTES as u64 {
        return Err(IpcError::other(format!(
            "{}: a comments file is at most {} MB",
            path.display(),
            MAX_COMMENTS_FILE_BYTES / (1024 * 1024)
        )));
    }
    let bytes = std::fs::read(&path).map_err(fail)?;
    desk.with(|p| p.import_comments_csv(&bytes, today())).map(Some)
}

/// Asks for list archives and imports the messages of the comment period; `None` when cancelled.
#[tauri::command]
pub async fn import_comments_mail<R: Runtime>(
    app: AppHandle<R>,
    desk: Cmd<'_>,
    seam: State<'_, CommentsDesk>,
) -> IpcResult<Option<CommentsImport>> {
    let filter = ("Mailing-list archive", &["txt", "gz", "mbox", "mboxrd", "mbx", "eml"][..]);
    let Some(path) = pick(&app, &seam, "Import the comment period's messages from list archives", filter)
    else {
        return Ok(None);
    };
    desk.with(|p| p.import_comments_mail(&[path], today())).map(Some)
}

/// Saves the comment-resolution table as CSV; the path, or `None` when cancelled.
#[tauri::command]
pub fn export_comments_csv<R: Runtime>(app: AppHandle<R>, desk: Cmd<'_>) -> IpcResult<Option<String>> {
    let info = desk.current_info().ok_or_else(IpcError::no_project)?;
    let name = format!("{}-comment-resolution.csv", file_stem(&info.title, info.year));
    let Some(path) = save_path(&app, &desk, "Save the comment-resolution table", &name, ("CSV", "csv"))
    else {
        return Ok(None);
    };
    desk.with(|p| p.export_comments_csv(&path))?;
    Ok(Some(path.display().to_string()))
}

/// Saves the comment-resolution table as a document (PDF or DOCX) through the save dialog.
#[tauri::command]
pub async fn export_comments_document<R: Runtime>(
    app: AppHandle<R>,
    desk: Cmd<'_>,
    format: bpf_app::ReportFormat,
) -> IpcResult<Option<String>> {
    let title = "Save the comment-resolution table";
    save_document(&app, &desk, title, "comment-resolution", format, |p, path| {
        p.export_comments_document(format, path, today())
    })
}
