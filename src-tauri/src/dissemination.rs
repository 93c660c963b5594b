//! Dissemination and outreach commands: institutions, the cover letter, letters written into a
//! folder chosen in a native dialog, the sending log, the press-release draft, invitations.
//! Scripted runs: `BPF_DESK_SAVE_DIR` stands for the folder and save dialogs.

use bpf_app::{LetterView, LettersWritten, ReportFormat};
use bpf_domain::dissemination::{
    Channel, Institution, InstitutionInput, Invitation, InvitationInput, Sending,
};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::dialogs::{file_stem, save_path};
use crate::error::{IpcError, IpcResult};
use crate::state::Desk;
use crate::today;

type Cmd<'a> = State<'a, Desk>;

#[tauri::command]
pub fn institutions(desk: Cmd<'_>) -> IpcResult<Vec<Institution>> {
    desk.with(|p| p.institutions())
}

#[tauri::command]
pub fn add_institution(desk: Cmd<'_>, input: InstitutionInput) -> IpcResult<i64> {
    desk.with(|p| p.add_institution(&input))
}

#[tauri::command]
pub fn update_institution(desk: Cmd<'_>, id: i64, input: InstitutionInput) -> IpcResult<()> {
    desk.with(|p| p.update_institution(id, &input))
}

#[tauri::command]
pub fn delete_institution(desk: Cmd<'_>, id: i64) -> IpcResult<()> {
    desk.with(|p| p.delete_institution(id))
}

#[tauri::command]
pub fn letter(desk: Cmd<'_>) -> IpcResult<LetterView> {
    desk.with(|p| p.letter())
}

/// Saves the cover letter; `template: null` goes back to the built-in one.
#[tauri::command]
pub fn set_letter(desk: Cmd<'_>, template: Option<String>, signatory: String) -> IpcResult<LetterView> {
    desk.with(|p| p.set_letter(template.as_deref(), &signatory))
}

/// Asks for a folder and writes the letters into it (on a worker thread: a PDF per
/// institution); `None` when cancelled.
#[tauri::command]
pub async fn write_letters<R: Runtime>(
    app: AppHandle<R>,
    desk: Cmd<'_>,
) -> IpcResult<Option<LettersWritten>> {
    let folder = match &desk.save_dir {
        Some(dir) => Some(dir.join("letters")),
        None => app
            .dialog()
            .file()
            .set_title("Choose the folder for the letters")
            .blocking_pick_folder()
            .and_then(|p| p.into_path().ok()),
    };
    let Some(folder) = folder else { return Ok(None) };
    desk.with(|p| p.write_letters(&folder, today(), chrono::Utc::now())).map(Some)
}

#[tauri::command]
pub fn sendings(desk: Cmd<'_>) -> IpcResult<Vec<Sending>> {
    desk.with(|p| p.sendings())
}

#[tauri::command]
pub fn record_sending(
    desk: Cmd<'_>,
    institution_id: i64,
    sent_on: String,
    channel: Channel,
    note: String,
) -> IpcResult<i64> {
    let on = bpf_domain::parse_date(&sent_on).map_err(bpf_app::AppError::from)?;
    desk.with(|p| p.record_sending(institution_id, on, channel, &note, today()))
}

#[tauri::command]
pub fn delete_sending(desk: Cmd<'_>, id: i64) -> IpcResult<()> {
    desk.with(|p| p.delete_sending(id))
}

#[tauri::command]
pub fn press_release(desk: Cmd<'_>) -> IpcResult<String> {
    desk.with(|p| p.press_release())
}

/// Saves the press-release draft as DOCX to edit; the path, or `None` when cancelled.
#[tauri::command]
pub fn export_press_release<R: Runtime>(app: AppHandle<R>, desk: Cmd<'_>) -> IpcResult<Option<String>> {
    let info = desk.current_info().ok_or_else(IpcError::no_project)?;
    let name = format!("{}-press-release.docx", file_stem(&info.title, info.year));
    let Some(path) = save_path(&app, &desk, "Save the press-release draft", &name, ("Word document", "docx"))
    else {
        return Ok(None);
    };
    desk.with(|p| p.export_press_release(ReportFormat::Docx, &path, today()))?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command]
pub fn invitations(desk: Cmd<'_>) -> IpcResult<Vec<Invitation>> {
    desk.with(|p| p.invitations())
}

#[tauri::command]
pub fn add_invitation(desk: Cmd<'_>, input: InvitationInput) -> IpcResult<i64> {
    desk.with(|p| p.add_invitation(&input, today()))
}

#[tauri::command]
pub fn update_invitation(desk: Cmd<'_>, id: i64, input: InvitationInput) -> IpcResult<()> {
    desk.with(|p| p.update_invitation(id, &input, today()))
}

#[tauri::command]
pub fn delete_invitation(desk: Cmd<'_>, id: i64) -> IpcResult<()> {
    desk.with(|p| p.delete_invitation(id))
}
