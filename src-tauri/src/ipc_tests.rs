//! The commands through Tauri's real IPC (de)serialisation, on a mock runtime: argument names,
//! JSON shapes and the `{code, message}` errors the UI relies on.

use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder};
use tauri::webview::InvokeRequest;
use tauri::{Manager, WebviewWindow};

use super::*;

struct Harness {
    dir: tempfile::TempDir,
    window: WebviewWindow<MockRuntime>,
    _app: tauri::App<MockRuntime>,
}

/// The app on the mock runtime with the real configuration, commands and capabilities (a
/// command the window may not call fails here too), its files under `dir`: save dialogs go to
/// `projects/`, the attendance dialog takes `report.csv`, the mail dialogs as `mail` says.
pub(crate) fn mock_app(
    dir: &std::path::Path,
    mail: crate::mail::MailDesk,
) -> (tauri::App<MockRuntime>, WebviewWindow<MockRuntime>) {
    let app = with_commands(mock_builder()).build(tauri::generate_context!()).expect("mock app");
    let projects = dir.join("projects");
    std::fs::create_dir_all(&projects).expect("projects dir");
    app.manage(Desk::new(
        RecentFiles::at(&dir.join("recent.json")),
        dir.join("data"),
        Some(projects),
        Some(dir.join("report.csv")),
    ));
    app.manage(mail);
    let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("window");
    (app, window)
}

/// Invokes `cmd` with `args` as the page would; the answer or the `{code, message}` error.
pub(crate) fn invoke(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    get_ipc_response(
        window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().expect("url"),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().expect("JSON"))
}

fn harness() -> Harness {
    let dir = tempfile::tempdir().expect("temp dir");
    let (app, window) = mock_app(dir.path(), crate::mail::MailDesk::new(None, None));
    Harness { dir, window, _app: app }
}

impl Harness {
    fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        invoke(&self.window, cmd, args)
    }
}

#[test]
fn without_a_project_commands_say_so() {
    let h = harness();
    let start = h.call("app_start", json!({})).expect("app_start");
    assert_eq!(start["project"], Value::Null);
    assert_eq!(start["recent"], json!([]));
    let err = h.call("get_plan", json!({})).expect_err("no project");
    assert_eq!(err, json!({"code": "NO_PROJECT", "message": "no project is open"}));
}

#[test]
fn create_edit_and_reopen_through_ipc() {
    let h = harness();
    let new = json!({"new": {"title": "BPF on Cybersecurity", "year": 2026, "meeting": {
        "start": "2026-12-01", "end": "2026-12-04", "place": "Berlin", "format": "in_person", "zone": "Europe/Berlin"}}});
    let info = h.call("new_project", new).expect("new_project");
    assert_eq!(info["title"], "BPF on Cybersecurity");
    let path = info["path"].as_str().expect("path").to_string();
    assert!(path.ends_with("bpf-on-cybersecurity-2026.bpfdesk"), "{path}");

    let moved = h
        .call(
            "set_meeting",
            json!({"meeting": {"start": "2026-11-09", "end": "2026-11-13", "place": "Berlin",
            "format": "hybrid", "zone": "Europe/Berlin"}}),
        )
        .expect("set_meeting");
    assert_eq!(moved.as_array().expect("moved").len(), 6);

    let bad = h
        .call(
            "set_meeting",
            json!({"meeting": {"start": "2026-11-09", "end": "2026-11-05", "place": "",
            "format": "hybrid", "zone": "Europe/Berlin"}}),
        )
        .expect_err("end before start");
    assert_eq!(bad["code"], "INVALID_INPUT");
    assert_eq!(bad["message"], "the annual meeting ends (2026-11-05) before it starts (2026-11-09)");

    let milestone = json!({"milestone": {"title": "Research paper", "kind": "custom", "date": "2026-08-10",
        "end_date": null, "owner": "Ana", "workstream_id": null, "status": "planned", "derived": null, "notes": ""}});
    let id = h.call("add_milestone", milestone).expect("add_milestone");
    assert!(id.as_i64().is_some());

    let plan = h.call("get_plan", json!({})).expect("get_plan");
    assert_eq!(plan["draft_deadline"], "2026-09-28");
    let codes: Vec<&str> =
        plan["warnings"].as_array().expect("warnings").iter().filter_map(|w| w["code"].as_str()).collect();
    assert!(codes.contains(&"SUMMER_DATE"), "{codes:?}");

    // Close, then reopen from the recent list: everything is still there.
    let recent = h.call("close_project", json!({})).expect("close");
    assert_eq!(recent[0]["path"], path.as_str());
    assert_eq!(recent[0]["exists"], true);
    h.call("open_recent", json!({"path": path})).expect("open_recent");
    let plan = h.call("get_plan", json!({})).expect("get_plan");
    assert!(
        plan["milestones"].as_array().expect("milestones").iter().any(|m| m["title"] == "Research paper")
    );
    assert_eq!(plan["year"]["meeting"]["start"], "2026-11-09");

    // The scripted save folder never replaces a file.
    let again = json!({"new": {"title": "BPF on Cybersecurity", "year": 2026, "meeting": {
        "start": "2026-11-09", "end": "2026-11-13", "place": "", "format": "online", "zone": "UTC"}}});
    let err = h.call("new_project", again).expect_err("exists");
    assert_eq!(err["code"], "ALREADY_EXISTS");
}

#[test]
fn opening_a_foreign_file_gives_its_code() {
    let h = harness();
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("notes.bpfdesk");
    std::fs::write(&file, "not a database").expect("write");
    // A path that is not in the recent list is refused as such.
    let err = h.call("open_recent", json!({"path": file.display().to_string()})).expect_err("refused");
    assert!(
        err["message"]
            .as_str()
            .expect("message")
            .ends_with("not one of the recent projects; open it with File › Open"),
        "{err}"
    );
    // A recent project replaced meanwhile by another kind of file is refused with its code.
    bpf_app::RecentFiles::at(&h.dir.path().join("recent.json"))
        .touch(&file, "Notes", 2026, chrono::Utc::now())
        .expect("recent");
    let err = h.call("open_recent", json!({"path": file.display().to_string()})).expect_err("refused");
    assert_eq!(err["code"], "NOT_BPF_FILE");
    assert!(err["message"].as_str().expect("message").contains("not an SQLite database"));
    let demo = h.call("open_demo", json!({})).expect("open_demo");
    assert_eq!(demo["title"], "Best Practice Forum on Cybersecurity");
    assert_eq!(h.call("get_plan", json!({})).expect("plan")["draft_deadline"], "2020-09-21");
}

#[test]
fn meetings_places_slots_and_attendance_through_ipc() {
    let h = harness();
    h.call("open_demo", json!({})).expect("open_demo");
    for (name, zone, n) in [("Geneva", "Europe/Geneva", 10), ("Apia", "Pacific/Apia", 2)] {
        h.call("add_place", json!({"place": {"name": name, "zone": zone, "participants": n}}))
            .expect("add_place");
    }
    let form = json!({"meeting": {"title": "OVM 1", "kind": "open_virtual_meeting", "local_start": "2020-10-07T14:00",
        "zone": "Europe/Zurich", "minutes": 90, "join_url": "", "agenda": [], "announced_on": "", "status": "planned",
        "materials": [], "summary": ""}});
    let id = h.call("add_meeting", form).expect("add_meeting");
    let times = h.call("local_times", json!({"id": id})).expect("local_times");
    assert_eq!(times[1]["place"], "Apia");
    assert_eq!(times[1]["start"], "2020-10-08T02:00");
    assert_eq!(times[1]["part"], "night");
    let query = json!({"from": "2020-10-12", "to": "2020-10-16", "minutes": 60, "step_minutes": 30,
        "skip_weekends": true, "avoid_summer": false});
    let slots = h.call("find_slots", json!({"query": query, "limit": 3})).expect("find_slots");
    assert_eq!(slots.as_array().expect("slots").len(), 3);
    // The report the scripted import dialog takes.
    std::fs::write(
        h.dir.path().join("report.csv"),
        "Name,User Email,Join Time,Leave Time,Duration (Minutes),Guest\n\
         Ben Wallis,ben@example.org,10/07/2020 02:00:00 PM,10/07/2020 03:30:00 PM,90,No\n",
    )
    .expect("write report");
    let answer = h.call("import_attendance", json!({"id": id})).expect("import_attendance");
    assert_eq!(answer["kind"], "imported", "{answer}");
    assert_eq!(answer["summary"]["attendees"], 1);
    assert_eq!(answer["summary"]["minutes"], 90);
    let people = h.call("attendance", json!({"id": id})).expect("attendance");
    assert_eq!(people[0]["name"], "Ben Wallis");
    let bad = h
        .call(
            "add_meeting",
            json!({"meeting": {"title": "X", "kind": "webinar", "local_start": "2020-10-25T02:30",
            "zone": "Europe/Zurich", "minutes": 60, "join_url": "", "agenda": [], "announced_on": "",
            "status": "planned", "materials": [], "summary": ""}}),
        )
        .expect_err("a repeated local time");
    assert_eq!(bad["code"], "INVALID_INPUT");
}

#[test]
fn a_generic_report_goes_through_the_mapping_step() {
    let h = harness();
    h.call("open_demo", json!({})).expect("open_demo");
    let form = json!({"meeting": {"title": "OVM 2", "kind": "open_virtual_meeting", "local_start": "2020-10-07T14:00",
        "zone": "Europe/Zurich", "minutes": 90, "join_url": "", "agenda": [], "announced_on": "", "status": "held",
        "materials": [], "summary": ""}});
    let id = h.call("add_meeting", form).expect("add_meeting");
    let report = h.dir.path().join("report.csv");
    std::fs::write(
        &report,
        "Participant,Mail,Arrived,Departed\n\
         Ana Ruiz,ana@example.org,2020-10-07 14:00,2020-10-07 15:30\n\
         Ben Wallis,,2020-10-07 14:10,2020-10-07 15:00\n",
    )
    .expect("write report");

    // Not Zoom's table: a preview comes back, nothing is imported yet, and no path crosses IPC.
    let answer = h.call("import_attendance", json!({"id": id})).expect("import_attendance");
    assert_eq!(answer["kind"], "needs_mapping", "{answer}");
    let preview = &answer["preview"];
    assert_eq!(preview["file_name"], "report.csv");
    assert_eq!(preview["header"], json!(["Participant", "Mail", "Arrived", "Departed"]));
    assert_eq!(preview["rows"][1], json!(["Ben Wallis", "", "2020-10-07 14:10", "2020-10-07 15:00"]));
    assert_eq!(preview["row_count"], 2);
    assert_eq!(preview["suggested"], json!({"name": 0, "email": 1, "join": 2, "leave": 3, "guest": null}));
    assert!(
        !answer.to_string().contains(&h.dir.path().display().to_string()),
        "a path crossed IPC: {answer}"
    );
    assert_eq!(h.call("attendance", json!({"id": id})).expect("attendance"), json!([]));

    // A bad choice is refused with its reason; the report stays held for another try.
    let choose = |name: Value, join: Value, leave: Value| json!({"id": id, "columns": {"name": name, "email": 1, "join": join, "leave": leave, "guest": null}});
    let err = h.call("import_attendance_mapped", choose(json!(0), json!(2), json!(2))).expect_err("twice");
    assert_eq!(err["code"], "INVALID_INPUT");
    assert_eq!(err["message"], "column \"Arrived\" is chosen for both the join time and the leave time");
    let err =
        h.call("import_attendance_mapped", choose(Value::Null, json!(2), json!(3))).expect_err("no name");
    assert_eq!(err["message"], "choose the column that holds the name");
    // Swapped columns read a name as a time: the line and the reason.
    let err = h.call("import_attendance_mapped", choose(json!(2), json!(0), json!(3))).expect_err("swapped");
    assert_eq!(
        err["message"].as_str().expect("message").split(" (expected").next(),
        Some("the attendance report was not imported: line 2: \"Ana Ruiz\" is not a time")
    );
    let other = json!({"id": id.as_i64().expect("id") + 1, "columns": {"name": 0, "email": 1, "join": 2, "leave": 3, "guest": null}});
    let err = h.call("import_attendance_mapped", other).expect_err("another meeting");
    assert_eq!(err["message"], "the report was picked for another meeting: import it again");
    assert_eq!(h.call("attendance", json!({"id": id})).expect("attendance"), json!([]));

    let summary = h
        .call("import_attendance_mapped", choose(json!(0), json!(2), json!(3)))
        .expect("import_attendance_mapped");
    assert_eq!((summary["rows"].as_u64(), summary["attendees"].as_u64()), (Some(2), Some(2)));
    assert_eq!(summary["minutes"], 90 + 50);
    let people = h.call("attendance", json!({"id": id})).expect("attendance");
    assert_eq!(
        (people[0]["name"].as_str(), people[0]["email"].as_str()),
        (Some("Ana Ruiz"), Some("ana@example.org"))
    );
    assert_eq!(people[1]["name"], "Ben Wallis");
    // Imported: the held report is gone.
    let err = h.call("import_attendance_mapped", choose(json!(0), json!(2), json!(3))).expect_err("gone");
    assert_eq!(err["message"], "no report waits for its columns: import the file again");

    // A malformed row is refused whole with its line; the earlier attendance stays as it was.
    std::fs::write(
        &report,
        "Participant,Mail,Arrived,Departed\n\
         Ana Ruiz,ana@example.org,2020-10-07 14:00,2020-10-07 15:30\n\
         Ben Wallis,,2020-10-07 14:10,soon\n",
    )
    .expect("write report");
    assert_eq!(h.call("import_attendance", json!({"id": id})).expect("import")["kind"], "needs_mapping");
    let err =
        h.call("import_attendance_mapped", choose(json!(0), json!(2), json!(3))).expect_err("malformed");
    assert!(
        err["message"]
            .as_str()
            .expect("message")
            .starts_with("the attendance report was not imported: line 3: \"soon\" is not a time"),
        "{err}"
    );
    assert_eq!(h.call("attendance", json!({"id": id})).expect("attendance"), people);
    // Cancel lets the report go.
    h.call("cancel_attendance_import", json!({})).expect("cancel");
    let err =
        h.call("import_attendance_mapped", choose(json!(0), json!(2), json!(3))).expect_err("cancelled");
    assert_eq!(err["message"], "no report waits for its columns: import the file again");

    // An empty file is refused before any mapping.
    std::fs::write(&report, "").expect("write report");
    let err = h.call("import_attendance", json!({"id": id})).expect_err("empty");
    assert_eq!(err["message"], "the attendance report was not imported: the file is empty");
}

#[test]
fn the_page_may_not_call_the_opener() {
    // The opener plugin is used from Rust only: the window's capabilities grant it nothing.
    let h = harness();
    let err = h.call("plugin:opener|open_path", json!({"path": "/etc/hostname"})).expect_err("refused");
    assert!(err.to_string().contains("not allowed"), "{err}");
    let err = h.call("plugin:opener|open_url", json!({"url": "https://example.org"})).expect_err("refused");
    assert!(err.to_string().contains("not allowed"), "{err}");
}
