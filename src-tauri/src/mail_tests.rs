//! The mailing-list commands through Tauri's real IPC on the mock runtime: the archive dialogs
//! skipped through the scripted-run seam, progress events, cancel, bad input, snapshots,
//! thresholds and the CSV export.
//!
//! The corpus figures (5,374 messages in `pipermail-twisted-web`, 5,371 distinct) are the ones
//! `crates/bpf-mail/tests/corpus.rs` establishes independently; here they show that the command
//! imports all of it and nothing twice.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};
use tauri::test::MockRuntime;
use tauri::{Listener, WebviewWindow};

use super::{MailDesk, PROGRESS_EVENT};
use crate::ipc_tests::{invoke, mock_app};

fn corpus(rel: &str) -> PathBuf {
    let root = std::env::var_os("BPF_MAIL_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/mail-corpus"));
    let p = root.join(rel);
    assert!(p.exists(), "the mail corpus is missing: {} (set BPF_MAIL_CORPUS)", p.display());
    p
}

struct Harness {
    dir: tempfile::TempDir,
    window: WebviewWindow<MockRuntime>,
    app: tauri::App<MockRuntime>,
}

/// The app with the archive dialogs taking `archives` (else the folder `archives/` of the
/// harness's own) and the member-list dialog `members.txt` in the harness's folder.
fn harness(archives: Option<Vec<PathBuf>>) -> Harness {
    let dir = tempfile::tempdir().expect("temp dir");
    let own = dir.path().join("archives");
    std::fs::create_dir_all(&own).expect("archives dir");
    let archives = archives.unwrap_or_else(|| vec![own]);
    let (app, window) =
        mock_app(dir.path(), MailDesk::new(Some(archives), Some(dir.path().join("members.txt"))));
    Harness { dir, window, app }
}

impl Harness {
    fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        invoke(&self.window, cmd, args)
    }

    /// Collects the progress events of the imports to come.
    fn progress(&self) -> Arc<Mutex<Vec<Value>>> {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let into = seen.clone();
        self.app.listen_any(PROGRESS_EVENT, move |e| {
            let p: Value = serde_json::from_str(e.payload()).expect("progress JSON");
            into.lock().expect("lock").push(p);
        });
        seen
    }

    fn overview(&self, from: &str, to: &str, by: &str) -> Value {
        self.call("mail_overview", json!({"query": {"from": from, "to": to, "by": by}}))
            .expect("mail_overview")
    }

    fn project_path(&self) -> PathBuf {
        PathBuf::from(
            self.call("app_start", json!({})).expect("app_start")["project"]["path"].as_str().expect("path"),
        )
    }
}

/// The file name of a problem's file (a folder's files are named with their path).
fn file_name(v: &Value) -> String {
    let path = Path::new(v.as_str().expect("file"));
    path.file_name().expect("name").to_string_lossy().into_owned()
}

fn u(v: &Value) -> u64 {
    v.as_u64().unwrap_or_else(|| panic!("not a count: {v}"))
}

#[test]
fn without_a_project_the_mail_commands_say_so() {
    let h = harness(Some(vec![corpus("pipermail-twisted-web")]));
    for (cmd, args) in [
        ("mail_overview", json!({"query": {"from": null, "to": null, "by": "month"}})),
        ("import_mail", json!({"kind": "folder"})),
        ("set_list_thresholds", json!({"thresholds": {"min_subscribers": 50, "min_messages_per_month": 4}})),
    ] {
        let err = h.call(cmd, args).expect_err(cmd);
        assert_eq!(err["code"], "NO_PROJECT", "{cmd}: {err}");
    }
    assert_eq!(h.call("cancel_mail_import", json!({})).expect("cancel"), false);
}

#[test]
fn a_folder_of_real_archives_imports_with_progress_and_once_only() {
    let h = harness(Some(vec![corpus("pipermail-twisted-web")]));
    h.call("open_demo", json!({})).expect("open_demo");
    let empty =
        h.call("mail_overview", json!({"query": {"from": null, "to": null, "by": "month"}})).expect("empty");
    assert_eq!(empty["stats"]["archive_messages"], 0);
    assert_eq!(empty["imports"], 0);
    assert_eq!(empty["verdict"]["overall"], "no_evidence");
    // The demo BPF's active period: kick-off to the last day of the annual meeting.
    assert_eq!(
        (empty["active_from"].as_str(), empty["active_to"].as_str()),
        (Some("2020-04-16"), Some("2020-11-17"))
    );
    assert_eq!(empty["thresholds"], json!({"min_subscribers": 100, "min_messages_per_month": 8}));

    let progress = h.progress();
    let r = h.call("import_mail", json!({"kind": "folder"})).expect("import_mail");
    assert_eq!((u(&r["files"]), u(&r["messages_read"])), (163, 5374));
    assert_eq!((u(&r["added"]), u(&r["duplicates"]), u(&r["undated"])), (5371, 3, 0));
    assert_eq!(u(&r["total_messages"]), 5371);
    assert!(u(&r["bytes"]) > 2_900_000 && r["seconds"].as_f64().expect("seconds") > 0.0, "{r}");
    assert_eq!(r["problems"], json!([]));

    let seen = progress.lock().expect("lock").clone();
    assert!(!seen.is_empty(), "no progress event");
    let last = seen.last().expect("last");
    assert_eq!((u(&last["files_done"]), u(&last["files_total"])), (163, 163), "{last}");
    assert_eq!(u(&last["bytes_done"]), u(&last["bytes_total"]));
    let done: Vec<u64> = seen.iter().map(|p| u(&p["files_done"])).collect();
    assert!(done.windows(2).all(|w| w[0] <= w[1]), "files done went backwards: {done:?}");

    // 2005 by month: the figures the use case gives on its own, whole through the IPC edge.
    let o = h.overview("2005-01-01", "2005-12-31", "month");
    let stats = &o["stats"];
    assert_eq!(stats["periods"].as_array().expect("periods").len(), 12);
    assert_eq!((u(&stats["messages"]), u(&stats["posters"])), (1259, 208));
    assert_eq!(stats["periods"][0]["period"], "2005-01");
    assert_eq!(u(&stats["periods"][0]["messages"]), 134);
    assert_eq!(u(&o["imports"]), 1);
    assert_eq!(o["verdict"]["traffic_verdict"], "met");
    assert_eq!(o["verdict"]["subscribers_verdict"], "no_evidence");
    assert_eq!(u(&o["verdict"]["months_met"]), 12);
    let direct = {
        let mut p = bpf_app::Project::open_beside(&h.project_path()).expect("open");
        let q = bpf_app::StatsQuery {
            from: chrono::NaiveDate::from_ymd_opt(2005, 1, 1),
            to: chrono::NaiveDate::from_ymd_opt(2005, 12, 31),
            by: bpf_domain::mail::Granularity::Month,
        };
        serde_json::to_value(p.mail_overview(&q).expect("overview")).expect("JSON")
    };
    // Floats cross the IPC edge as JSON text, read back to within a rounding step.
    let (mut o, mut direct) = (o, direct);
    let a = o["verdict"]["average_per_month"].take().as_f64().expect("average");
    let b = direct["verdict"]["average_per_month"].take().as_f64().expect("average");
    assert!((a - b).abs() < 1e-9 && (a - 1259.0 / 12.0).abs() < 1e-9, "{a} {b}");
    assert_eq!(o, direct);
    let weeks = h.overview("2005-01-01", "2005-12-31", "week");
    assert_eq!(weeks["stats"]["periods"][0]["period"], "2004-W53");
    assert_eq!(u(&weeks["stats"]["messages"]), 1259);

    // The same folder again adds nothing.
    let again = h.call("import_mail", json!({"kind": "files"})).expect("again");
    assert_eq!((u(&again["added"]), u(&again["duplicates"]), u(&again["total_messages"])), (0, 5374, 5371));
    assert_eq!(u(&h.overview("2005-01-01", "2005-12-31", "month")["imports"]), 2);

    let bad = h
        .call("mail_overview", json!({"query": {"from": "2005-12-31", "to": "2005-01-01", "by": "month"}}))
        .expect_err("backwards");
    assert_eq!(bad["code"], "INVALID_INPUT");
    assert_eq!(bad["message"], "the period ends (2005-01-01) before it starts (2005-12-31)");
}

#[test]
fn a_cancelled_import_adds_nothing_and_a_second_one_waits_its_turn() {
    let h = harness(Some(vec![corpus("pipermail-twisted-web")]));
    h.call("open_demo", json!({})).expect("open_demo");
    // On the first progress event (the import has begun its transaction), another import is
    // refused and Cancel is pressed, both through the IPC.
    let window = h.window.clone();
    let events = Arc::new(AtomicUsize::new(0));
    let second: Arc<Mutex<Option<Result<Value, Value>>>> = Arc::default();
    let cancelled = Arc::new(AtomicBool::new(false));
    let (e, s, c) = (events.clone(), second.clone(), cancelled.clone());
    h.app.listen_any(PROGRESS_EVENT, move |_| {
        if e.fetch_add(1, Ordering::SeqCst) == 0 {
            *s.lock().expect("lock") = Some(invoke(&window, "import_mail", json!({"kind": "files"})));
            let answer = invoke(&window, "cancel_mail_import", json!({})).expect("cancel");
            c.store(answer == json!(true), Ordering::SeqCst);
        }
    });
    let err = h.call("import_mail", json!({"kind": "folder"})).expect_err("cancelled");
    assert_eq!(err, json!({"code": "CANCELLED", "message": "cancelled: nothing was changed"}));
    assert!(cancelled.load(Ordering::SeqCst), "cancel did not see the running import");
    let second = second.lock().expect("lock").take().expect("second import tried");
    let refused = second.expect_err("a second import at the same time");
    assert!(refused["message"].as_str().expect("message").contains("already running"), "{refused}");
    // Fewer events than files: it stopped early.
    assert!(events.load(Ordering::SeqCst) < 163, "{}", events.load(Ordering::SeqCst));

    let o = h.overview("2003-01-01", "2021-12-31", "month");
    assert_eq!(u(&o["stats"]["archive_messages"]), 0);
    assert_eq!(u(&o["imports"]), 0, "a cancelled import leaves no trace");
    // Nothing is running now: cancel says so, and the next import runs whole.
    assert_eq!(h.call("cancel_mail_import", json!({})).expect("cancel"), false);
    events.store(1, Ordering::SeqCst);
    let r = h.call("import_mail", json!({"kind": "folder"})).expect("import after cancel");
    assert_eq!(u(&r["added"]), 5371);
}

#[test]
fn unreadable_input_is_reported_and_nothing_is_half_done() {
    let h = harness(None);
    let dir = h.dir.path().join("archives");
    h.call("open_demo", json!({})).expect("open_demo");

    // A folder with no archive in it: refused, nothing recorded.
    std::fs::write(dir.join("notes.pdf"), b"%PDF-1.4").expect("pdf");
    let err = h.call("import_mail", json!({"kind": "folder"})).expect_err("no archive");
    assert_eq!(err["code"], "INVALID_INPUT");
    assert!(err["message"].as_str().expect("message").starts_with("nothing to import"), "{err}");
    std::fs::remove_file(dir.join("notes.pdf")).expect("rm");

    // An empty file and a text that is no archive: read, reported with file and line, nothing added.
    std::fs::write(dir.join("2020-March.txt"), b"").expect("empty");
    std::fs::write(dir.join("minutes.txt"), b"Minutes of the call\nNo mail here.\n").expect("text");
    let r = h.call("import_mail", json!({"kind": "folder"})).expect("import");
    assert_eq!((u(&r["files"]), u(&r["messages_read"]), u(&r["added"])), (2, 0, 0));
    let problems: Vec<(String, u64)> = r["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| (file_name(&p["file"]), u(&p["line"])))
        .collect();
    assert_eq!(problems, [("2020-March.txt".to_string(), 0), ("minutes.txt".to_string(), 0)], "{r}");
    assert_eq!(r["problems"][0]["reason"], "the file is empty", "{r}");
    assert_eq!(r["problems"][1]["reason"], "no messages found: not an mbox or pipermail archive", "{r}");

    // A real month beside a damaged gzip file: the month is imported whole, the damage reported.
    std::fs::remove_file(dir.join("2020-March.txt")).expect("rm");
    std::fs::remove_file(dir.join("minutes.txt")).expect("rm");
    std::os::unix::fs::symlink(
        corpus("pipermail-twisted-web/2005-March.txt.gz"),
        dir.join("2005-March.txt.gz"),
    )
    .expect("link");
    let mut damaged = std::fs::read(corpus("pipermail-twisted-web/2005-April.txt.gz")).expect("read");
    damaged.truncate(damaged.len() / 2);
    std::fs::write(dir.join("2005-April.txt.gz"), damaged).expect("damaged");
    let r = h.call("import_mail", json!({"kind": "folder"})).expect("import");
    assert_eq!(u(&r["files"]), 2);
    let files: Vec<String> =
        r["problems"].as_array().expect("problems").iter().map(|p| file_name(&p["file"])).collect();
    assert!(files.contains(&"2005-April.txt.gz".to_string()), "{r}");
    assert!(!files.contains(&"2005-March.txt.gz".to_string()), "{r}");
    let march = h.overview("2005-03-01", "2005-03-31", "month");
    assert_eq!(u(&march["stats"]["messages"]), 93, "2005-03 whole");
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).expect("write");
}

#[test]
fn snapshots_thresholds_and_the_csv_export() {
    let h = harness(Some(vec![corpus("pipermail-twisted-web")]));
    h.call("open_demo", json!({})).expect("open_demo");
    h.call("import_mail", json!({"kind": "folder"})).expect("import");
    let members = h.dir.path().join("members.txt");

    // Mailman 2's list_members: one address a line.
    write(&members, "ana@example.org\nBen <ben@example.org>\ncarla@example.net\n\n");
    let s = h.call("import_snapshot", json!({"takenOn": "2005-06-01"})).expect("snapshot");
    assert_eq!(s["snapshot"]["subscribers"], 3);
    assert_eq!(s["snapshot"]["source"], "members.txt");
    assert_eq!(s["replaced"], false);
    // Mailman 3's members CSV, later: one left, two joined.
    write(
        &members,
        "email,display_name\nana@example.org,Ana\nben@example.org,Ben\ndan@example.org,Dan\neve@example.org,Eve\n",
    );
    let s = h.call("import_snapshot", json!({"takenOn": "2005-12-01"})).expect("snapshot 2");
    assert_eq!((s["snapshot"]["joined"].clone(), s["snapshot"]["left"].clone()), (json!(2), json!(1)));

    for (day, why) in [("2005-13-01", "is not a date"), ("2999-01-01", "after today")] {
        let err = h.call("import_snapshot", json!({"takenOn": day})).expect_err(day);
        assert_eq!(err["code"], "INVALID_INPUT", "{err}");
        assert!(err["message"].as_str().expect("message").contains(why), "{err}");
    }
    write(&members, "");
    let err = h.call("import_snapshot", json!({"takenOn": "2005-12-02"})).expect_err("empty list");
    assert!(err["message"].as_str().expect("message").contains("members.txt"), "{err}");

    let o = h.overview("2005-01-01", "2005-12-31", "month");
    let snaps = o["snapshots"].as_array().expect("snapshots");
    assert_eq!(snaps.len(), 2, "the refused lists were not stored");
    assert_eq!(o["verdict"]["subscribers"], 4);
    assert_eq!(o["verdict"]["subscribers_verdict"], "not_met");
    assert_eq!(o["verdict"]["overall"], "not_met");

    h.call(
        "set_list_thresholds",
        json!({"thresholds": {"min_subscribers": 4, "min_messages_per_month": 100}}),
    )
    .expect("thresholds");
    let o = h.overview("2005-01-01", "2005-12-31", "month");
    assert_eq!(o["thresholds"], json!({"min_subscribers": 4, "min_messages_per_month": 100}));
    assert_eq!(o["verdict"]["overall"], "met");
    assert_eq!(u(&o["verdict"]["months_met"]), 4, "months of 100 messages or more in 2005");
    assert_eq!(
        o["verdict"]["sentence"],
        "4 subscribers on 1 December 2005; 105 messages a month on average from January to December 2005 from 208 distinct posters."
    );
    let err = h
        .call(
            "set_list_thresholds",
            json!({"thresholds": {"min_subscribers": 5_000_000, "min_messages_per_month": 1}}),
        )
        .expect_err("implausible");
    assert_eq!(err["code"], "INVALID_INPUT");

    let first = snaps[0]["id"].clone();
    h.call("delete_snapshot", json!({"id": first})).expect("delete");
    let o = h.overview("2005-01-01", "2005-12-31", "month");
    assert_eq!(o["snapshots"].as_array().expect("snapshots").len(), 1);

    let path = h
        .call(
            "export_mail_stats",
            json!({"query": {"from": "2005-01-01", "to": "2005-12-31", "by": "month"}}),
        )
        .expect("export");
    let path = PathBuf::from(path.as_str().expect("path"));
    assert_eq!(
        path.file_name().and_then(|n| n.to_str()),
        Some("mailing-list-2005-01-01-to-2005-12-31-by-month.csv")
    );
    let csv = std::fs::read_to_string(&path).expect("csv");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "period,start,messages,posters,new_posters,threads,replies,team_messages");
    assert_eq!(lines.len(), 14, "header, 12 months, total");
    assert!(lines[1].starts_with("2005-01,2005-01-01,134,"), "{}", lines[1]);
    assert!(lines[13].contains(",1259,208,"), "{}", lines[13]);
}
