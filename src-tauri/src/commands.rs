//! The IPC commands: each a few lines over a use case of `bpf-app`.

use std::path::Path;

use bpf_app::{
    AnnualMeetingInput, AttendanceSummary, MeetingForm, MovedMilestone, NewBpf, Project, ProjectInfo,
    RecentFile,
};
use bpf_domain::meeting::{Attendee, LocalTime, MeetingStatus, PlaceInput};
use bpf_domain::slots::{Slot, SlotQuery};
use bpf_domain::{MilestoneInput, MilestoneStatus, PlanView, Profile, TeamMemberInput, WorkstreamInput};
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;

use crate::dialogs::{file_stem, open_path, save_path, slug};
use crate::error::{IpcError, IpcResult};
use crate::state::Desk;

type Cmd<'a> = State<'a, Desk>;

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// What the window needs when it starts.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct StartInfo {
    recent: Vec<RecentFile>,
    /// Set when the app was launched on a file or with `--demo`.
    project: Option<ProjectInfo>,
    /// The machine's date, `YYYY-MM-DD`.
    today: String,
}

#[tauri::command]
pub fn app_start(desk: Cmd<'_>) -> StartInfo {
    StartInfo { recent: desk.recent.list(), project: desk.current_info(), today: today().to_string() }
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

#[tauri::command]
pub async fn open_project_dialog<R: Runtime>(
    app: AppHandle<R>,
    desk: Cmd<'_>,
) -> IpcResult<Option<ProjectInfo>> {
    match open_path(&app) {
        Some(path) => desk.install(Project::open(&path)?).map(Some),
        None => Ok(None),
    }
}

#[tauri::command]
pub fn open_recent(desk: Cmd<'_>, path: String) -> IpcResult<ProjectInfo> {
    desk.install(Project::open(Path::new(&path))?)
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
pub fn delete_milestone(desk: Cmd<'_>, id: i64) -> IpcResult<()> {
    desk.with(|p| p.delete_milestone(id))
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
pub fn delete_meeting(desk: Cmd<'_>, id: i64) -> IpcResult<()> {
    desk.with(|p| p.delete_meeting(id))
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

#[tauri::command]
pub async fn import_attendance<R: Runtime>(
    app: AppHandle<R>,
    desk: Cmd<'_>,
    id: i64,
) -> IpcResult<Option<AttendanceSummary>> {
    let Some(path) = crate::dialogs::open_csv(&app, &desk) else { return Ok(None) };
    let bytes = std::fs::read(&path).map_err(|e| IpcError::other(format!("{}: {e}", path.display())))?;
    desk.with(|p| p.import_attendance(id, &bytes, None)).map(Some)
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
