//! BPF Desk's desktop shell: window, native dialogs and IPC commands over `bpf-app`.
//!
//! Launch arguments: a project file path opens it; `--demo` writes a fresh copy of the demo
//! BPF into the app's data folder and opens it. `BPF_DESK_SAVE_DIR` (scripted runs and the
//! end-to-end tests) skips the save dialogs and saves into that folder; `BPF_DESK_OPEN_FILE` skips
//! the report-import dialog and takes that file. Announcement drafts opened in the mail program
//! are written to `outbox/` in the app's data folder.

mod commands;
mod comments;
mod contributions;
mod dialogs;
mod dissemination;
mod error;
mod handoff;
mod instance;
mod mail;
mod menu;
mod people;
mod report;
mod scorecard;
mod settings;
mod state;

use std::path::{Path, PathBuf};

use bpf_app::{Project, RecentFiles};
use tauri::{Emitter, Manager, Runtime};

use crate::state::Desk;

const DEMO_FILE: &str = "demo-bpf-cybersecurity-2020.bpfdesk";

/// Today on this computer's calendar: what the use cases judge deadlines against.
pub(crate) fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Writes a fresh demo project (replacing an earlier one) and opens it.
pub(crate) fn write_demo(data_dir: &Path) -> bpf_app::Result<Project> {
    std::fs::create_dir_all(data_dir)
        .map_err(|e| bpf_app::AppError::File { path: data_dir.to_path_buf(), message: e.to_string() })?;
    Project::create_demo(&data_dir.join(DEMO_FILE), true)
}

/// What the command line asked for.
#[derive(Debug, Default)]
struct Launch {
    demo: bool,
    file: Option<PathBuf>,
}

fn parse_launch(args: impl Iterator<Item = String>) -> Launch {
    let mut launch = Launch::default();
    for a in args.skip(1) {
        match a.as_str() {
            "--demo" => launch.demo = true,
            s if !s.starts_with('-') => launch.file = Some(PathBuf::from(s)),
            _ => {}
        }
    }
    launch
}

/// The plugins and IPC commands of the app, shared by [`run`] and the IPC tests.
fn with_commands<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_dialog::init())
        // Files are opened from Rust only: no script for the page's links (it may not call the plugin).
        .plugin(tauri_plugin_opener::Builder::new().open_js_links_on_click(false).build())
        .invoke_handler(tauri::generate_handler![
            commands::app_start,
            commands::list_recent,
            commands::forget_recent,
            commands::new_project,
            commands::next_year,
            commands::open_project_dialog,
            commands::list_backups,
            commands::restore_backup,
            commands::open_recent,
            commands::open_demo,
            commands::close_project,
            commands::save_copy,
            commands::export_ics,
            commands::get_plan,
            commands::set_profile,
            commands::set_meeting,
            commands::add_team_member,
            commands::update_team_member,
            commands::delete_team_member,
            commands::add_workstream,
            commands::update_workstream,
            commands::delete_workstream,
            commands::add_milestone,
            commands::update_milestone,
            commands::set_milestone_status,
            commands::delete_milestone,
            commands::set_theme,
            handoff::open_link,
            commands::undo_list,
            commands::undo,
            commands::add_place,
            commands::update_place,
            commands::delete_place,
            commands::add_meeting,
            commands::update_meeting,
            commands::set_meeting_status,
            commands::delete_meeting,
            commands::local_times,
            commands::find_slots,
            commands::rotation,
            commands::export_meeting_ics,
            commands::export_meeting_announcement,
            commands::open_announcement_in_mail,
            commands::import_attendance,
            commands::import_attendance_mapped,
            commands::cancel_attendance_import,
            commands::attendance,
            commands::export_meeting_summary,
            commands::set_meeting_summary,
            commands::meeting_summary_skeleton,
            commands::render_markdown,
            mail::mail_overview,
            mail::import_mail,
            mail::cancel_mail_import,
            mail::import_snapshot,
            mail::delete_snapshot,
            mail::set_list_thresholds,
            mail::export_mail_stats,
            report::report_outline,
            report::report_section,
            report::save_report_section,
            report::add_report_section,
            report::delete_report_section,
            report::order_report_sections,
            report::preview_report_section,
            report::add_report_image,
            report::delete_report_image,
            report::publish_report,
            report::export_report,
            people::people_view,
            people::add_person,
            people::add_people,
            people::update_person,
            people::delete_person,
            people::merge_people,
            people::undo_merge,
            people::person_suggestions,
            people::import_people,
            people::people_balance,
            people::set_balance_thresholds,
            people::countries,
            contributions::calls,
            contributions::add_call,
            contributions::update_call,
            contributions::delete_call,
            contributions::contributions,
            contributions::add_contribution,
            contributions::update_contribution,
            contributions::delete_contribution,
            contributions::attach_contribution_file,
            contributions::save_contribution_file,
            contributions::export_contribution,
            comments::comments,
            comments::add_comment,
            comments::update_comment,
            comments::resolve_comment,
            comments::delete_comment,
            comments::import_comments_csv,
            comments::import_comments_mail,
            comments::export_comments_csv,
            comments::export_comments_document,
            dissemination::institutions,
            dissemination::add_institution,
            dissemination::update_institution,
            dissemination::delete_institution,
            dissemination::letter,
            dissemination::set_letter,
            dissemination::write_letters,
            dissemination::sendings,
            dissemination::record_sending,
            dissemination::delete_sending,
            dissemination::press_release,
            dissemination::export_press_release,
            dissemination::invitations,
            dissemination::add_invitation,
            dissemination::update_invitation,
            dissemination::delete_invitation,
            scorecard::scorecard,
            scorecard::export_scorecard,
            scorecard::proposal,
            scorecard::save_proposal,
            scorecard::export_proposal,
            scorecard::scorecards,
            scorecard::home,
            scorecard::compare_years,
        ])
}

/// A second start of the app hands its arguments to the running one: a project file named there
/// is opened (or, if it is the open one, just shown), and the window comes to the front.
fn second_start(app: &tauri::AppHandle, argv: Vec<String>, cwd: String) {
    let launch = parse_launch(argv.into_iter());
    if let Some(file) = launch.file {
        let path = if file.is_absolute() { file } else { Path::new(&cwd).join(file) };
        let Some(desk) = app.try_state::<Desk>() else { return };
        match desk.open(&path) {
            Ok(info) => {
                let _ = app.emit("project-opened", info);
            }
            Err(e) => {
                let _ = app.emit("open-failed", e.message);
            }
        }
    }
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.unminimize();
        let _ = w.show();
        let _ = w.set_focus();
    }
}

pub fn run() {
    let context = tauri::generate_context!();
    if instance::hand_over(&context.config().identifier) {
        return;
    }
    let launch = parse_launch(std::env::args());
    // The single-instance plugin comes first, before anything else starts.
    let builder = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(second_start))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .on_window_event(|window, event| {
            // The plugin saves the window's size and place when it closes; saving them as they
            // change too (a small file) keeps them even when the app does not close cleanly.
            if matches!(event, tauri::WindowEvent::Resized(_) | tauri::WindowEvent::Moved(_)) {
                use tauri_plugin_window_state::AppHandleExt;
                let _ = window.app_handle().save_window_state(tauri_plugin_window_state::StateFlags::all());
            }
        })
        .on_menu_event(|app, event| menu::on_event(app, event.id().as_ref()));
    with_commands(builder)
        .setup(move |app| {
            let config = app.path().app_config_dir()?;
            let data = app.path().app_data_dir()?;
            let save_dir = std::env::var_os("BPF_DESK_SAVE_DIR").map(PathBuf::from);
            let open_file = std::env::var_os("BPF_DESK_OPEN_FILE").map(PathBuf::from);
            let desk =
                Desk::new(RecentFiles::at(&config.join("recent.json")), data.clone(), save_dir, open_file);
            let opened =
                if launch.demo { Some(write_demo(&data)) } else { launch.file.as_deref().map(Project::open) };
            let failed = match opened {
                Some(Ok(project)) => desk.install(project).err().map(|e| e.message),
                Some(Err(e)) => Some(e.to_string()),
                None => None,
            };
            if let Some(message) = failed {
                eprintln!("bpf-desk: {message}");
                if let Ok(mut slot) = desk.launch_error.lock() {
                    *slot = Some(message);
                }
            }
            let theme = desk.settings.theme();
            let handle = app.handle().clone();
            let _ =
                desk.on_recent_change.set(state::RecentHook(Box::new(move || menu::refresh_recent(&handle))));
            app.manage(desk);
            app.set_menu(menu::build(app.handle(), theme)?)?;
            menu::show_theme(app.handle(), theme);
            app.manage(mail::MailDesk::from_env());
            app.manage(report::ReportDesk::from_env());
            app.manage(people::PeopleDesk::from_env());
            app.manage(contributions::ContributionDesk::from_env());
            app.manage(comments::CommentsDesk::from_env());
            app.manage(scorecard::ScorecardDesk::from_env());
            Ok(())
        })
        .run(context)
        .unwrap_or_else(|e| {
            eprintln!("bpf-desk: the app could not start: {e}");
            std::process::exit(1);
        });
}

#[cfg(test)]
mod crash_tests;
#[cfg(test)]
mod ipc_tests;
#[cfg(test)]
mod security_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn launch_arguments() {
        let l = parse_launch(["app", "--demo"].iter().map(|s| s.to_string()));
        assert!(l.demo && l.file.is_none());
        let l = parse_launch(["app", "/x/y.bpfdesk"].iter().map(|s| s.to_string()));
        assert_eq!(l.file.as_deref(), Some(Path::new("/x/y.bpfdesk")));
    }
}
