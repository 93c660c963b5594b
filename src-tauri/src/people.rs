//! The register-of-people commands: the register, edits, CSV import, suggestions, merges and
//! the balance. Scripted runs skip the import dialog: `BPF_DESK_OPEN_PEOPLE` is the file it takes.

use std::path::PathBuf;

use bpf_app::{MAX_PEOPLE_FILE_BYTES, PeopleImport, PeopleView, PersonSuggestion};
use bpf_domain::balance::{Balance, BalanceThresholds};
use bpf_domain::people::{Person, PersonInput};
use bpf_domain::regions::Country;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::error::{IpcError, IpcResult};
use crate::state::Desk;

type Cmd<'a> = State<'a, Desk>;

/// What the shell keeps for the register, beside the [`Desk`].
#[derive(Debug, Default)]
pub struct PeopleDesk {
    /// Scripted runs and tests: the file the import dialog takes instead of asking.
    pub open_people: Option<PathBuf>,
}

impl PeopleDesk {
    pub fn from_env() -> Self {
        PeopleDesk { open_people: std::env::var_os("BPF_DESK_OPEN_PEOPLE").map(PathBuf::from) }
    }
}

#[tauri::command]
pub fn people_view(desk: Cmd<'_>) -> IpcResult<PeopleView> {
    desk.with(|p| p.people())
}

#[tauri::command]
pub fn add_person(desk: Cmd<'_>, input: PersonInput) -> IpcResult<Person> {
    desk.with(|p| p.add_person(&input))
}

#[tauri::command]
pub fn add_people(desk: Cmd<'_>, inputs: Vec<PersonInput>) -> IpcResult<u32> {
    desk.with(|p| p.add_people(&inputs))
}

#[tauri::command]
pub fn update_person(desk: Cmd<'_>, id: i64, input: PersonInput) -> IpcResult<Person> {
    desk.with(|p| p.update_person(id, &input))
}

#[tauri::command]
pub fn delete_person(desk: Cmd<'_>, id: i64) -> IpcResult<bpf_app::Removed> {
    desk.with(|p| p.delete_person(id, chrono::Utc::now()))
}

#[tauri::command]
pub fn merge_people(desk: Cmd<'_>, keep: i64, other: i64) -> IpcResult<Person> {
    desk.with(|p| p.merge_people(keep, other, chrono::Utc::now()))
}

#[tauri::command]
pub fn undo_merge(desk: Cmd<'_>, merge_id: i64) -> IpcResult<()> {
    desk.with(|p| p.undo_merge(merge_id, chrono::Utc::now()))
}

#[tauri::command]
pub fn person_suggestions(desk: Cmd<'_>) -> IpcResult<Vec<PersonSuggestion>> {
    desk.with(|p| p.person_suggestions())
}

/// Asks for a people file (CSV) and imports it; `None` when the user cancels.
#[tauri::command]
pub fn import_people<R: Runtime>(
    app: AppHandle<R>,
    desk: Cmd<'_>,
    people: State<'_, PeopleDesk>,
) -> IpcResult<Option<PeopleImport>> {
    let path = match &people.open_people {
        Some(p) => Some(p.clone()),
        None => app
            .dialog()
            .file()
            .set_title("Import people from a spreadsheet (CSV)")
            .add_filter("CSV file", &["csv", "txt"])
            .blocking_pick_file()
            .and_then(|p| p.into_path().ok()),
    };
    let Some(path) = path else { return Ok(None) };
    let size =
        std::fs::metadata(&path).map_err(|e| IpcError::other(format!("{}: {e}", path.display())))?.len();
    if size > MAX_PEOPLE_FILE_BYTES as u64 {
        return Err(IpcError::other(format!(
            "{}: the file is {} MB; a people file is at most {} MB",
            path.display(),
            size / (1024 * 1024),
            MAX_PEOPLE_FILE_BYTES / (1024 * 1024)
        )));
    }
    let bytes = std::fs::read(&path).map_err(|e| IpcError::other(format!("{}: {e}", path.display())))?;
    desk.with(|p| p.import_people(&bytes)).map(Some)
}

#[tauri::command]
pub fn people_balance(desk: Cmd<'_>) -> IpcResult<Balance> {
    desk.with(|p| p.balance())
}

#[tauri::command]
pub fn set_balance_thresholds(desk: Cmd<'_>, thresholds: BalanceThresholds) -> IpcResult<Balance> {
    desk.with(|p| p.set_balance_thresholds(&thresholds))
}

#[tauri::command]
pub fn countries() -> Vec<Country> {
    bpf_app::countries()
}

#[cfg(test)]
#[path = "people_tests.rs"]
mod tests;
