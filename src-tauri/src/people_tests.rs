//! The register, balance, calls and contributions commands through Tauri's real IPC on the mock
//! runtime: a CSV imported through the dialog seam, a person added and a refusal, a merge and its
//! undo, the balance and its thresholds, a contribution with its file kept and saved back.

use serde_json::{Value, json};
use tauri::Manager;
use tauri::test::MockRuntime;

use super::PeopleDesk;
use crate::comments::CommentsDesk;
use crate::contributions::ContributionDesk;
use crate::ipc_tests::{invoke, mock_app};
use crate::mail::MailDesk;

const PEOPLE: &str = "\u{feff}Name;E-mail;Organisation;Country;Stakeholder group\r\n\
    Ana Souza;ana@nic.br;NIC.br;Brazil;Technical community\r\n\
    Kwame Mensah;kwame@mincom.gov.gh;Ministry of Communications;Ghana;Government\r\n\
    Ana Souza;ana.souza@example.org;;;\r\n\
    Nemo;nemo@example.org;;Atlantis;\r\n";

struct Harness {
    dir: tempfile::TempDir,
    window: tauri::WebviewWindow<MockRuntime>,
    _app: tauri::App<MockRuntime>,
}

impl Harness {
    fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        invoke(&self.window, cmd, args)
    }
}

fn harness() -> Harness {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("people.csv"), PEOPLE).unwrap();
    std::fs::write(dir.path().join("case study.pdf"), b"%PDF-1.4 case study").unwrap();
    std::fs::write(
        dir.path().join("comments.csv"),
        "Date,Name,Section,Comment\n2020-09-30,Ana,B,Cite the 2019 survey.\n2020-10-01,Li,Annex 9,Clear.\n",
    )
    .unwrap();
    let (app, window) = mock_app(dir.path(), MailDesk::new(None, None));
    app.manage(PeopleDesk { open_people: Some(dir.path().join("people.csv")) });
    app.manage(ContributionDesk { open_file: Some(dir.path().join("case study.pdf")) });
    app.manage(CommentsDesk { open_file: Some(dir.path().join("comments.csv")) });
    let h = Harness { dir, window, _app: app };
    h.call("open_demo", json!({})).expect("open_demo");
    h
}

#[test]
fn people_are_imported_added_merged_and_balanced() {
    let h = harness();
    let r = h.call("import_people", json!({})).expect("import");
    assert_eq!((r["rows"].as_u64(), r["added"].as_u64()), (Some(4), Some(4)));
    assert_eq!(r["warnings"][0], "line 5: \"Atlantis\" is not a country BPF Desk knows; left out");

    let added = h
        .call(
            "add_person",
            json!({"input": {"name": "Lena Vogel", "organisation": "", "country": "DE", "group": "academia",
                "role": null, "emails": ["Lena@Example.de"], "notes": ""}}),
        )
        .expect("add_person");
    assert_eq!(
        (added["region"].as_str(), added["emails"][0].as_str()),
        (Some("western_european_other"), Some("lena@example.de"))
    );
    let err = h
        .call(
            "add_person",
            json!({"input": {"name": "L. Vogel", "organisation": "", "country": "", "group": null, "role": null,
                "emails": ["lena@example.de"], "notes": ""}}),
        )
        .unwrap_err();
    assert_eq!(err["code"], "INVALID_INPUT");
    assert_eq!(
        err["message"],
        "lena@example.de already belongs to Lena Vogel in the register: edit that entry, or merge the two"
    );

    let view = h.call("people_view", json!({})).expect("people_view");
    let pair = &view["duplicates"][0];
    assert_eq!(pair["name"], "Ana Souza");
    let merged =
        h.call("merge_people", json!({"keep": pair["keep"], "other": pair["other"]})).expect("merge");
    assert_eq!(merged["emails"], json!(["ana@nic.br", "ana.souza@example.org"]));
    let view = h.call("people_view", json!({})).expect("people_view");
    assert_eq!(view["people"].as_array().unwrap().len(), 4);
    h.call("undo_merge", json!({"mergeId": view["merges"][0]["id"]})).expect("undo");
    assert_eq!(h.call("people_view", json!({})).unwrap()["people"].as_array().unwrap().len(), 5);

    let b = h.call("people_balance", json!({})).expect("balance");
    assert_eq!(b["tables"][0]["total"], 5);
    let err = h
        .call("set_balance_thresholds", json!({"thresholds": {"min_group_percent": 30, "min_region_percent": 10, "max_unknown_percent": 200}}))
        .unwrap_err();
    assert!(err["message"].as_str().unwrap().contains("200%"), "{err}");
    let b = h
        .call("set_balance_thresholds", json!({"thresholds": {"min_group_percent": 30, "min_region_percent": 10, "max_unknown_percent": 50}}))
        .expect("thresholds");
    assert_eq!(b["thresholds"]["min_group_percent"], 30);
    let countries = h.call("countries", json!({})).expect("countries");
    assert!(countries.as_array().unwrap().len() >= 193);
}

#[test]
fn a_contribution_keeps_its_file_and_saves_it_back() {
    let h = harness();
    let call = h
        .call(
            "add_call",
            json!({"input": {"title": "Call for case studies", "text": "", "opens_on": "2020-07-01",
                "closes_on": "2020-08-15", "channels": "mailing list"}}),
        )
        .expect("add_call");
    let c = h
        .call(
            "add_contribution",
            json!({"input": {"call_id": call, "title": "Norms in practice", "contributor": "Ana Souza",
                "person_id": null, "organisation": "NIC.br", "country": "Brazil", "group": "technical_community",
                "received_on": "2020-08-10", "publish": true, "text": "Brazil's CGI.br assessed the norms.", "notes": ""}}),
        )
        .expect("add_contribution");
    let id = c["id"].as_i64().unwrap();
    let c = h.call("attach_contribution_file", json!({"id": id})).expect("attach");
    assert_eq!(c["file_name"], "case study.pdf");
    let saved = h.call("save_contribution_file", json!({"id": id})).expect("save");
    let path = std::path::PathBuf::from(saved.as_str().unwrap());
    assert_eq!(path, h.dir.path().join("projects").join("case study.pdf"));
    assert_eq!(std::fs::read(path).unwrap(), b"%PDF-1.4 case study");
    let pdf = h.call("export_contribution", json!({"id": id, "format": "pdf"})).expect("standalone");
    let pdf = std::fs::read(pdf.as_str().unwrap()).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let calls = h.call("calls", json!({})).expect("calls");
    assert_eq!(calls[0]["received"], 1);
    let err = h
        .call(
            "add_contribution",
            json!({"input": {"call_id": 99, "title": "X", "contributor": "Y", "person_id": null, "organisation": "",
                "country": "", "group": null, "received_on": null, "publish": false, "text": "", "notes": ""}}),
        )
        .unwrap_err();
    assert_eq!(err["message"], "there is no call for contributions with id 99 in this project");
}

#[test]
fn comments_are_imported_resolved_and_tabled_and_letters_written() {
    let h = harness();
    let r = h.call("import_comments_csv", json!({})).expect("import");
    assert_eq!((r["added"].as_u64(), r["without_section"].as_u64()), (Some(2), Some(1)));
    let view = h.call("comments", json!({})).expect("comments");
    assert_eq!(view["unresolved"], 2);
    let id = &view["comments"][0]["id"];
    let err = h
        .call(
            "resolve_comment",
            json!({"id": id, "resolution": {"disposition": "not_accepted", "response": ""}}),
        )
        .unwrap_err();
    assert_eq!(err["code"], "INVALID_INPUT");
    h.call("resolve_comment", json!({"id": id, "resolution": {"disposition": "accepted", "response": ""}}))
        .expect("resolve");
    assert_eq!(h.call("comments", json!({})).unwrap()["unresolved"], 1);
    let err = h
        .call(
            "publish_report",
            json!({"version": "final", "publishedOn": "2020-11-20", "commentDeadline": null}),
        )
        .unwrap_err();
    assert_eq!(err["code"], "UNRESOLVED_COMMENTS", "the page offers the override on this code");
    assert!(
        err["message"].as_str().unwrap().starts_with("1 public comment on the draft is not resolved yet"),
        "{err}"
    );
    h.call(
        "publish_report",
        json!({"version": "final", "publishedOn": "2020-11-20", "commentDeadline": null, "overrideUnresolved": true}),
    )
    .expect("publish with the override");
    let saved = h.call("export_comments_csv", json!({})).expect("table");
    let csv = std::fs::read_to_string(saved.as_str().unwrap()).unwrap();
    let docx = h.call("export_comments_document", json!({"format": "docx"})).expect("table as DOCX");
    assert!(std::fs::read(docx.as_str().unwrap()).unwrap().starts_with(b"PK"));
    assert!(csv.contains("Cite the 2019 survey.") && csv.contains("Accepted"), "{csv}");

    h.call(
        "add_institution",
        json!({"input": {"organisation": "OECD", "contact": "Ms Plonk", "email": "dsti@oecd.org",
        "address": "Paris", "why": "", "group": null, "country": "France"}}),
    )
    .expect("institution");
    let letters = h.call("write_letters", json!({})).expect("letters");
    assert_eq!((letters["letters"].as_u64(), letters["drafts"].as_u64()), (Some(1), Some(1)));
    let folder = std::path::PathBuf::from(letters["folder"].as_str().unwrap());
    assert!(folder.join("oecd-letter.eml").exists() && folder.join("oecd-letter.pdf").exists());
    let card = h.call("export_scorecard", json!({"format": "pdf"})).expect("scorecard");
    assert!(card.as_str().unwrap().ends_with("-scorecard.pdf"));
    assert!(std::fs::read(card.as_str().unwrap()).unwrap().starts_with(b"%PDF-"));
    let err = h.call("export_proposal", json!({"format": "docx"})).unwrap_err();
    assert!(err["message"].as_str().unwrap().starts_with("the proposal breaks"), "{err}");
    let home = h.call("home", json!({})).expect("home");
    assert_eq!(home["draft_published"], false);
    let press = h.call("press_release", json!({})).expect("press release");
    assert!(press.as_str().unwrap().contains("is being sent to the institutions"));
}

#[test]
fn several_bpfs_side_by_side_year_over_year_and_next_year() {
    let h = harness();
    let other = h.dir.path().join("other year.bpfdesk");
    bpf_app::Project::create_demo(&other, true).expect("other demo");
    let missing = h.dir.path().join("gone.bpfdesk");
    h._app.manage(crate::scorecard::ScorecardDesk { open_projects: Some(vec![other.clone(), missing]) });

    let cards = h.call("scorecards", json!({})).expect("scorecards");
    let cards = cards.as_array().expect("a list");
    assert_eq!(cards.len(), 3, "{cards:?}");
    assert!(cards[0]["path"].as_str().unwrap().ends_with("demo-bpf-cybersecurity-2020.bpfdesk"));
    assert_eq!(cards[1]["scorecard"]["metrics"].as_array().map(Vec::len), Some(7));
    assert!(cards[2]["scorecard"].is_null() && cards[2]["error"].is_string(), "{}", cards[2]);

    let years = h.call("compare_years", json!({})).expect("compare");
    assert_eq!(years.as_array().map(Vec::len), Some(2));
    assert_eq!(years[1]["path"].as_str(), other.to_str());

    let meeting = json!({"start": "2021-12-06", "end": "2021-12-10", "place": "Katowice, Poland",
        "format": "hybrid", "zone": "Europe/Warsaw"});
    let bad = h.call(
        "next_year",
        json!({"meeting": {"start": "2021-12-10", "end": "2021-12-06",
        "place": "", "format": "hybrid", "zone": "Europe/Warsaw"}}),
    );
    assert!(bad.is_err(), "an end before the start is refused");
    let next = h.call("next_year", json!({ "meeting": meeting })).expect("next year");
    assert_eq!(next["year"], 2021);
    let plan = h.call("get_plan", json!({})).expect("the new year's plan");
    assert_eq!(plan["year"]["meeting"]["start"], "2021-12-06");
}

#[test]
fn the_open_project_is_backed_up_daily_and_a_backup_restored() {
    let h = harness();
    let list = h.call("list_backups", json!({})).expect("backups");
    let list = list.as_array().expect("a list").clone();
    assert_eq!(list.len(), 1, "opening took today's backup: {list:?}");
    let backup = list[0]["path"].as_str().expect("path").to_string();
    assert!(backup.contains("/data/backups/demo-bpf-cybersecurity-2020-"), "{backup}");
    let count = || h.call("get_plan", json!({})).expect("plan")["milestones"].as_array().map(Vec::len);
    let before = count();
    let milestone = json!({"milestone": {"title": "Extra call", "kind": "custom", "date": "2020-06-10",
        "end_date": null, "owner": "", "workstream_id": null, "status": "planned", "derived": null, "notes": ""}});
    h.call("add_milestone", milestone).expect("add_milestone");
    assert_ne!(count(), before);

    // Only the project's own backups may be restored: a path the page makes up is refused.
    let err = h.call("restore_backup", json!({"path": "/etc/passwd"})).unwrap_err();
    assert!(err["message"].as_str().unwrap().contains("not one of this project's backups"), "{err}");
    let info = h.call("restore_backup", json!({ "path": backup })).expect("restore");
    assert_eq!(info["year"], 2020);
    assert_eq!(count(), before, "the milestone added after the backup is gone");
    let list = h.call("list_backups", json!({})).expect("backups");
    assert!(list.as_array().unwrap().iter().any(|b| b["before_restore"] == true), "{list}");
}

#[test]
fn only_the_bpfs_own_addresses_open_and_the_theme_is_kept() {
    let h = harness();
    for url in ["https://evil.example/", "file:///etc/passwd", "javascript:alert(1)", ""] {
        let err = h.call("open_link", json!({ "url": url })).unwrap_err();
        assert!(
            err["message"].as_str().unwrap().ends_with("not one of this BPF's web addresses"),
            "{url}: {err}"
        );
    }
    assert_eq!(h.call("app_start", json!({})).expect("start")["theme"], "system");
    h.call("set_theme", json!({"theme": "dark"})).expect("set_theme");
    assert_eq!(h.call("app_start", json!({})).expect("start")["theme"], "dark");
    assert!(h.call("set_theme", json!({"theme": "purple"})).is_err(), "an unknown theme is refused");
    let saved = std::fs::read_to_string(h.dir.path().join("settings.json")).expect("settings.json");
    assert!(saved.contains("\"dark\""), "{saved}");
}
