//! Native file dialogs, opened from Rust so that the page never chooses a path itself.

use std::path::PathBuf;

use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

use crate::state::Desk;

/// Asks where to save a file; `None` when the user cancels.
pub fn save_path<R: Runtime>(
    app: &AppHandle<R>,
    desk: &Desk,
    title: &str,
    suggested: &str,
    filter: (&str, &str),
) -> Option<PathBuf> {
    if let Some(dir) = &desk.save_dir {
        return Some(dir.join(suggested));
    }
    app.dialog()
        .file()
        .set_title(title)
        .set_file_name(suggested)
        .add_filter(filter.0, &[filter.1])
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
}

/// Asks which project file to open; `None` when the user cancels.
pub fn open_path<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    app.dialog()
        .file()
        .set_title("Open a BPF Desk project")
        .add_filter("BPF Desk project", &[bpf_app::EXTENSION])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}

/// Asks for an attendance report (CSV); `None` when the user cancels. In scripted runs
/// (`Desk::open_file` set) the dialog is skipped and that file is taken.
pub fn open_csv<R: Runtime>(app: &AppHandle<R>, desk: &Desk) -> Option<PathBuf> {
    if let Some(path) = &desk.open_file {
        return Some(path.clone());
    }
    app.dialog()
        .file()
        .set_title("Import an attendance report")
        .add_filter("CSV report", &["csv", "txt"])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}

/// A file-name-safe form of a title: lowercase letters, digits and single dashes.
pub fn slug(title: &str) -> String {
    let mut s: String =
        title.chars().map(|c| if c.is_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    while s.contains("--") {
        s = s.replace("--", "-");
    }
    let s = s.trim_matches('-');
    if s.is_empty() { "bpf".into() } else { s.chars().take(60).collect() }
}

/// A file name made from a BPF's title and year.
pub fn file_stem(title: &str, year: i32) -> String {
    format!("{}-{year}", slug(title))
}

/// Asks for a picture for the report (PNG, JPEG, SVG); `None` when the user cancels. In scripted
/// runs (`scripted` set, from `BPF_DESK_OPEN_IMAGE`) the dialog is skipped and that file is taken.
pub fn open_image<R: Runtime>(app: &AppHandle<R>, scripted: Option<&std::path::Path>) -> Option<PathBuf> {
    if let Some(path) = scripted {
        return Some(path.to_path_buf());
    }
    app.dialog()
        .file()
        .set_title("Add an image to the report")
        .add_filter("Image (PNG, JPEG, SVG)", &["png", "jpg", "jpeg", "svg"])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}

/// Asks where to save a document of the BPF (`<title>-<year>-<what>.pdf|docx`) and has `write`
/// write it there; the path, or `None` when the user cancels.
pub fn save_document<R: Runtime>(
    app: &AppHandle<R>,
    desk: &Desk,
    title: &str,
    what: &str,
    format: bpf_app::ReportFormat,
    write: impl FnOnce(&mut bpf_app::Project, &std::path::Path) -> bpf_app::Result<()>,
) -> crate::error::IpcResult<Option<String>> {
    let info = desk.current_info().ok_or_else(crate::error::IpcError::no_project)?;
    let ext = format.extension();
    let name = format!("{}-{what}.{ext}", file_stem(&info.title, info.year));
    let filter = if ext == "pdf" { "PDF document" } else { "Word document" };
    let Some(path) = save_path(app, desk, title, &name, (filter, ext)) else {
        return Ok(None);
    };
    desk.with(|p| write(p, &path))?;
    Ok(Some(path.display().to_string()))
}
