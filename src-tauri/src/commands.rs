//! The IPC commands: each a few lines over a use case of `bpf-app`.

use std::path::Path;

use bpf_app::{
    AnnualMeetingInput, AttendanceSummary, ColumnChoice, MeetingForm, MovedMilestone, NewBpf, Project,
    ProjectInfo, RecentFile, ReportPreview,
};
use bpf_domain::meeting::{Attendee, LocalTime, MeetingStatus, PlaceInput};
use bpf_domain::slots::{Slot, SlotQuery};
use bpf_domain::{MilestoneInput, MilestoneStatus, PlanView, Profile, TeamMemberInput, WorkstreamInput};
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;

use crate::dialogs::{file_stem, open_path, save_path, slug};
use crate::error::{IpcError, IpcResult};
use crate::state::{Desk, HeldReport};
use crate::today;

type Cmd<'a> = State<'a, Desk>;

/// What the window needs when it starts.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct StartInfo {
    recent: Vec<RecentFile>,
    /// Set when the app was launched on a file or with `--demo`.
    project: Option<ProjectInfo>,
    /// The machine's date, `YYYY-MM-DD`.
    today: String,
    /// Why the file the app was launched on did not open (in use elsewhere, damaged, …); given
    /// once.
    launch_error: Option<String>,
    /// The colour theme chosen (View › Theme), or the system's.
    theme: crate::menu::ThemeChoice,
}

#[tauri::command]
pub fn app_start(desk: Cmd<'_>) -> StartInfo {
    let launch_error = desk.launch_error.lock().ok().and_then(|mut e| e.take());
    StartInfo {
        recent: desk.recent.list(),
        project: desk.current_info(),
        today: today().to_string(),
        launch_error,
        theme: desk.settings.theme(),
    }
}

#[tauri::command]
pub fn list_recent(desk: Cmd<'_>) -> Vec<RecentFile> {
    desk.recent.list()
}

#[tauri::command]
pub fn forget_recent(desk: Cmd<'_>, path: String) -> IpcResult<Vec<RecentFile>> {
    desk.recent.forget(&path)?;
    Ok(desk.recent.list())
}

#[tauri::command]
pub async fn new_project<R: Runtime>(
    app: AppHandle<R>,
    desk: Cmd<'_>,
    new: NewBpf,
) -> IpcResult<Option<ProjectInfo>> {
    // Check the input before asking for a place to save it.
    new.meeting.parse()?;
    let name = format!("{}.{}", file_stem(&new.title, new.year), bpf_app::EXTENSION);
    let Some(path) =
        save_path(&app, &desk, "Create a BPF Desk project", &name, ("BPF Desk project", bpf_app::EXTENSION))
    else {
        return Ok(None);
    };
    // The native dialog already asked before replacing a file; a scripted run never replaces.
    let project = Project::create(&with_extension(&path), &new, desk.save_dir.is_none())?;
    desk.install(project).map(Some)
}

/// Creates next year's BPF from the open one (saved where the user says) and opens it.
#[tauri::command]
pub async fn next_year<R: Runtime>(
    app: AppHandle<R>,
    desk: Cmd<'_>,
    meeting: bpf_app::AnnualMeetingInput,
) -> IpcResult<Option<ProjectInfo>> {
    meeting.parse()?;
    let info = desk.current_info().ok_or_else(IpcError::no_project)?;
    let name = format!("{}.{}", file_stem(&info.title, info.year + 1), bpf_app::EXTENSION);
    let Some(path) =
        save_path(&app, &desk, "Create next year's BPF", &name, ("BPF Desk project", bpf_app::EXTENSION))
    else {
        return Ok(None);
    };
    let replace = desk.save_dir.is_none();
    let next = desk.with(|p| p.create_next_year(&with_extension(&path), &meeting, replace))?;
    desk.install(next).map(Some)
}

#[tauri::command]
pub async fn open_project_dialog<R: Runtime>(
    app: AppHandle<R>,
    desk: Cmd<'_>,
) -> IpcResult<Option<ProjectInfo>> {
    match open_path(&app) {
        Some(path) => desk.open(&path).map(Some),
        None => Ok(None),
    }
}

#[tauri::command]
pub fn open_recent(desk: Cmd<'_>, path: String) -> IpcResult<ProjectInfo> {
    // The page names a file only from the recent list; any other path is refused.
    if !desk.recent.list().iter().any(|f| f.path == path) {
        return Err(IpcError::other(format!(
            "{path}: not one of the recent projects; open it with File › Open"
        )));
    }
    desk.open(Path::new(&path))
}

#[tauri::command]
pub fn open_demo(desk: Cmd<'_>) -> IpcResult<ProjectInfo> {
    let project = crate::write_demo(&desk.data_dir).map_err(IpcError::from)?;
    desk.install(project)
}

#[tauri::command]
pub fn close_project(desk: Cmd<'_>) -> Vec<RecentFile> {
    desk.close();
    desk.recent.list()
}

/// Sets the colour theme (saved with the app's settings): the window and the menu's marks follow.
#[tauri::command]
pub fn set_theme<R: Runtime>(
    app: AppHandle<R>,
    desk: Cmd<'_>,
    theme: crate::menu::ThemeChoice,
) -> IpcResult<()> {
    desk.settings.set_theme(theme)?;
    crate::menu::show_theme(&app, theme);
    Ok(())
}

/// The open project's daily backups, newest first.
#[tauri::command]
pub fn list_backups(desk: Cmd<'_>) -> IpcResult<Vec<bpf_app::Backup>> {
    desk.backups()
}

/// Replaces the open project with one of its backups (the current file is kept as a backup
/// first) and opens it again.
#[tauri::command]
pub fn restore_backup(desk: Cmd<'_>, path: String) -> IpcResult<ProjectInfo> {
    desk.restore(&path)
}

#[tauri::command]
pub async fn save_copy<R: Runtime>(app: AppHandle<R>, desk: Cmd<'_>) -> IpcResult<Option<String>> {
    let info = desk.current_info().ok_or_else(IpcError::no_project)?;
    let name = format!("{} copy.{}", file_stem(&info.title, info.year), bpf_app::EXTENSION);
    let Some(path) =
        save_path(&app, &desk, "Save a copy of the project", &name, ("BPF Desk project", bpf_app::EXTENSION))
    else {
        return Ok(None);
    };
    let path = with_extension(&path);
    desk.with(|p| p.save_copy(&path))?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command]
pub async fn export_ics<R: Runtime>(app: AppHandle<R>, desk: Cmd<'_>) -> IpcResult<Option<String>> {
    let info = desk.current_info().ok_or_else(IpcError::no_project)?;
    let name = format!("{}-work-plan.ics", file_stem(&info.title, info.year));
    let Some(path) =
        save_path(&app, &desk, "Export the work plan as a calendar", &name, ("iCalendar", "ics"))
    else {
        return Ok(None);
    };
    desk.with(|p| p.export_ics(&path, chrono::Utc::now()))?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command]
pub fn get_plan(desk: Cmd<'_>) -> IpcResult<PlanView> {
    desk.with(|p| p.plan(today()))
}

#[tauri::command]
pub fn set_profile(desk: Cmd<'_>, profile: Profile) -> IpcResult<()> {
    desk.with(|p| p.set_profile(&profile))
}

#[tauri::command]
pub fn set_meeting(desk: Cmd<'_>, meeting: AnnualMeetingInput) -> IpcResult<Vec<MovedMilestone>> {
    desk.with(|p| p.set_meeting(&meeting))
}

#[tauri::command]
pub fn add_team_member(desk: Cmd<'_>, member: TeamMemberInput) -> IpcResult<i64> {
    desk.with(|p| p.add_team_member(&member))
}

#[tauri::command]
pub fn update_team_member(desk: Cmd<'_>, id: i64, member: TeamMemberInput) -> IpcResult<()> {
    desk.with(|p| p.update_team_member(id, &member))
}

#[tauri::command]
pub fn delete_team_member(desk: Cmd<'_>, id: i64) -> IpcResult<()> {
    desk.with(|p| p.delete_team_member(id))
}

#[tauri::command]
pub fn add_workstream(desk: Cmd<'_>, workstream: WorkstreamInput) -> IpcResult<i64> {
    desk.with(|p| p.add_workstream(&workstream))
}

#[tauri::command]
pub fn update_workstream(desk: Cmd<'_>, id: i64, workstream: WorkstreamInput) -> IpcResult<()> {
    desk.with(|p| p.update_workstream(id, &workstream))
}

#[tauri::command]
pub fn delete_workstream(desk: Cmd<'_>, id: i64) -> IpcResult<()> {
    desk.with(|p| p.delete_workstream(id))
}

#[tauri::command]
pub fn add_milestone(desk: Cmd<'_>, milestone: MilestoneInput) -> IpcResult<i64> {
    desk.with(|p| p.add_milestone(&milestone))
}

#[tauri::command]
pub fn update_milestone(desk: Cmd<'_>, id: i64, milestone: MilestoneInput) -> IpcResult<()> {
    desk.with(|p| p.update_milestone(id, &milestone))
}

#[tauri::command]
pub fn set_milestone_status(desk: Cmd<'_>, id: i64, status: MilestoneStatus) -> IpcResult<()> {
    desk.with(|p| p.set_milestone_status(id, status))
}

#[tauri::command]
pub fn delete_milestone(desk: Cmd<'_>, id: i64) -> IpcResult<bpf_app::Removed> {
    desk.with(|p| p.delete_milestone(id, chrono::Utc::now()))
}

/// The deletions that can be undone, newest first.
#[tauri::command]
pub fn undo_list(desk: Cmd<'_>) -> IpcResult<Vec<bpf_app::UndoItem>> {
    desk.with(|p| p.undo_list())
}

/// Puts back what a deletion removed; its label.
#[tauri::command]
pub fn undo(desk: Cmd<'_>, id: i64) -> IpcResult<String> {
    desk.with(|p| p.undo(id))
}

#[tauri::command]
pub fn add_place(desk: Cmd<'_>, place: PlaceInput) -> IpcResult<i64> {
    desk.with(|p| p.add_place(&place))
}

#[tauri::command]
pub fn update_place(desk: Cmd<'_>, id: i64, place: PlaceInput) -> IpcResult<()> {
    desk.with(|p| p.update_place(id, &place))
}

#[tauri::command]
pub fn delete_place(desk: Cmd<'_>, id: i64) -> IpcResult<()> {
    desk.with(|p| p.delete_place(id))
}

#[tauri::command]
pub fn add_meeting(desk: Cmd<'_>, meeting: MeetingForm) -> IpcResult<i64> {
    desk.with(|p| p.add_meeting(&meeting))
}

#[tauri::command]
pub fn update_meeting(desk: Cmd<'_>, id: i64, meeting: MeetingForm) -> IpcResult<()> {
    desk.with(|p| p.update_meeting(id, &meeting))
}

#[tauri::command]
pub fn set_meeting_status(desk: Cmd<'_>, id: i64, status: MeetingStatus) -> IpcResult<()> {
    desk.with(|p| p.set_meeting_status(id, status))
}

#[tauri::command]
pub fn delete_meeting(desk: Cmd<'_>, id: i64) -> IpcResult<bpf_app::Removed> {
    desk.with(|p| p.delete_meeting(id, chrono::Utc::now()))
}

#[tauri::command]
pub fn local_times(desk: Cmd<'_>, id: i64) -> IpcResult<Vec<LocalTime>> {
    desk.with(|p| p.local_times(id))
}

#[tauri::command]
pub fn find_slots(desk: Cmd<'_>, query: SlotQuery, limit: usize) -> IpcResult<Vec<Slot>> {
    desk.with(|p| p.find_slots(&query, limit.min(48)))
}

#[tauri::command]
pub fn rotation(desk: Cmd<'_>, query: SlotQuery, count: usize) -> IpcResult<Vec<Slot>> {
    desk.with(|p| p.rotation(&query, count))
}

#[tauri::command]
pub async fn export_meeting_ics<R: Runtime>(
    app: AppHandle<R>,
    desk: Cmd<'_>,
    id: i64,
) -> IpcResult<Option<String>> {
    let file =
        MeetingFile { title: "Save the meeting invitation", suffix: ".ics", filter: ("iCalendar", "ics") };
    save_meeting_file(&app, &desk, id, file, |p, path| p.export_meeting_ics(id, path, chrono::Utc::now()))
}

#[tauri::command]
pub async fn export_meeting_announcement<R: Runtime>(
    app: AppHandle<R>,
    desk: Cmd<'_>,
    id: i64,
) -> IpcResult<Option<String>> {
    let file =
        MeetingFile { title: "Save the announcement e-mail", suffix: ".eml", filter: ("E-mail", "eml") };
    save_meeting_file(&app, &desk, id, file, |p, path| {
        p.export_meeting_announcement(id, path, chrono::Utc::now())
    })
}

/// Writes the meeting's announcement as a draft into the app's outbox folder and hands it to the
/// system's mail program; the draft's path. When no program takes it, the error says where the
/// draft was saved.
#[tauri::command]
pub async fn open_announcement_in_mail<R: Runtime>(
    app: AppHandle<R>,
    desk: Cmd<'_>,
    id: i64,
) -> IpcResult<String> {
    let meeting = desk.with(|p| p.meeting(id))?;
    let outbox = desk.data_dir.join("outbox");
    std::fs::create_dir_all(&outbox).map_err(|e| {
        IpcError::other(format!("{}: the outbox folder cannot be made: {e}", outbox.display()))
    })?;
    let path = outbox.join(format!("{}.eml", slug(&meeting.title)));
    desk.with(|p| p.export_meeting_announcement(id, &path, chrono::Utc::now()))?;
    crate::handoff::open_in_mail_program(&app, &path)?;
    Ok(path.display().to_string())
}

/// What picking an attendance report led to.
#[derive(Debug, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum AttendanceImport {
    /// The report was read as it is (Zoom's participants report) and imported.
    Imported { summary: AttendanceSummary },
    /// The report's columns need mapping: the shell keeps the file until
    /// `import_attendance_mapped` or `cancel_attendance_import`.
    NeedsMapping { preview: ReportPreview },
}

/// Asks for a report (CSV) and imports it when its participants table is found; otherwise keeps
/// it and answers with a preview for the mapping step. `None` when the user cancels.
#[tauri::command]
pub async fn import_attendance<R: Runtime>(
    app: AppHandle<R>,
    desk: Cmd<'_>,
    id: i64,
) -> IpcResult<Option<AttendanceImport>> {
    // A report picked earlier for mapping is let go: this pick replaces it.
    desk.drop_report();
    let Some(path) = crate::dialogs::open_csv(&app, &desk) else { return Ok(None) };
    let bytes = read_report(&path)?;
    if !bpf_app::report_needs_mapping(&bytes) {
        let summary = desk.with(|p| p.import_attendance(id, &bytes, None))?;
        return Ok(Some(AttendanceImport::Imported { summary }));
    }
    // Check the meeting before keeping anything.
    desk.with(|p| p.meeting(id))?;
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let preview = bpf_app::report_preview(&bytes, &file_name)?;
    desk.hold_report(HeldReport { meeting_id: id, bytes });
    Ok(Some(AttendanceImport::NeedsMapping { preview }))
}

/// Imports the report held by the mapping step with the columns a person chose. On failure the
/// report stays held, so that the mapping can be changed and tried again.
#[tauri::command]
pub fn import_attendance_mapped(
    desk: Cmd<'_>,
    id: i64,
    columns: ColumnChoice,
) -> IpcResult<AttendanceSummary> {
    let report = desk.take_report(id)?;
    let result = bpf_app::columns_from_choice(&report.bytes, &columns)
        .map_err(IpcError::from)
        .and_then(|c| desk.with(|p| p.import_attendance(id, &report.bytes, Some(c))));
    if result.is_err() {
        desk.hold_report(report);
    }
    result
}

/// Lets go of the report of the mapping step.
#[tauri::command]
pub fn cancel_attendance_import(desk: Cmd<'_>) {
    desk.drop_report();
}

/// Reads a picked report whole, refusing one larger than an attendance report can be.
fn read_report(path: &Path) -> IpcResult<Vec<u8>> {
    let fail = |e: std::io::Error| IpcError::other(format!("{}: {e}", path.display()));
    let len = std::fs::metadata(path).map_err(fail)?.len();
    if len > bpf_app::MAX_REPORT_BYTES as u64 {
        return Err(IpcError::other(format!(
            "{}: the report is {} MB: an attendance report is at most 20 MB",
            path.display(),
            len / (1024 * 1024)
        )));
    }
    std::fs::read(path).map_err(fail)
}

#[tauri::command]
pub async fn export_meeting_summary<R: Runtime>(
    app: AppHandle<R>,
    desk: Cmd<'_>,
    id: i64,
) -> IpcResult<Option<String>> {
    let file =
        MeetingFile { title: "Save the meeting summary", suffix: "-summary.md", filter: ("Markdown", "md") };
    save_meeting_file(&app, &desk, id, file, |p, path| p.export_meeting_summary(id, path))
}

#[tauri::command]
pub fn set_meeting_summary(desk: Cmd<'_>, id: i64, summary: String) -> IpcResult<()> {
    desk.with(|p| p.set_meeting_summary(id, &summary))
}

#[tauri::command]
pub fn meeting_summary_skeleton(desk: Cmd<'_>, id: i64) -> IpcResult<String> {
    desk.with(|p| p.summary_skeleton(id))
}

/// Markdown to inert HTML for the preview (no script, no remote load, no navigation).
#[tauri::command]
pub fn render_markdown(text: String) -> String {
    bpf_app::render_markdown(&text)
}

#[tauri::command]
pub fn attendance(desk: Cmd<'_>, id: i64) -> IpcResult<Vec<Attendee>> {
    desk.with(|p| p.attendance(id))
}

/// A file made from one meeting: the dialog's title, the name's ending, the type filter.
struct MeetingFile {
    title: &'static str,
    suffix: &'static str,
    filter: (&'static str, &'static str),
}

/// Asks where to save a file made from meeting `id` (named after it), then writes it with
/// `write`; `None` when the user cancels.
fn save_meeting_file<R: Runtime>(
    app: &AppHandle<R>,
    desk: &Desk,
    id: i64,
    file: MeetingFile,
    write: impl FnOnce(&mut Project, &Path) -> bpf_app::Result<()>,
) -> IpcResult<Option<String>> {
    let meeting = desk.with(|p| p.meeting(id))?;
    let name = format!("{}{}", slug(&meeting.title), file.suffix);
    let Some(path) = save_path(app, desk, file.title, &name, file.filter) else {
        return Ok(None);
    };
    desk.with(|p| write(p, &path))?;
    Ok(Some(path.display().to_string()))
}

/// Adds the project extension when the user typed a name without it.
fn with_extension(path: &Path) -> std::path::PathBuf {
    match path.extension() {
        Some(_) => path.to_path_buf(),
        None => path.with_extension(bpf_app::EXTENSION),
    }
}
