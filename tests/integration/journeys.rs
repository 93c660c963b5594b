//! The facilitator's journeys, through the CLI, on real files.

use crate::util::{codes, sqlite3_out};

bpftest!(new_bpf_has_the_standard_cycle_and_the_six_week_deadline, |dir| {
    dir.new_2026("cyber.bpfdesk");
    let plan = dir.plan("cyber.bpfdesk", "2026-01-15");
    assert_eq!(plan["draft_deadline"], "2026-09-28");
    let kinds: Vec<&str> =
        plan["milestones"].as_array().unwrap().iter().map(|m| m["kind"].as_str().unwrap()).collect();
    for k in [
        "kick_off",
        "workstream_activation",
        "open_meeting",
        "call_for_contributions",
        "draft_published",
        "public_comment",
        "annual_meeting_session",
        "final_output",
        "dissemination",
        "next_year_topics",
    ] {
        assert!(kinds.contains(&k), "{k} missing from {kinds:?}");
    }
    assert_eq!(kinds.iter().filter(|k| **k == "open_meeting").count(), 3);
    let draft =
        plan["milestones"].as_array().unwrap().iter().find(|m| m["kind"] == "draft_published").unwrap();
    assert_eq!(draft["date"], "2026-09-28");
    assert_eq!(draft["derived"]["offset_days"], -42);
    let final_output =
        plan["milestones"].as_array().unwrap().iter().find(|m| m["kind"] == "final_output").unwrap();
    assert_eq!(final_output["date"], "2026-12-11", "four weeks after the meeting's last day");
    // A new BPF has no team yet: the facilitator rule is flagged, and so are owners.
    let c = codes(&plan);
    assert!(c.contains(&"FACILITATOR_RULE".to_string()), "{c:?}");
    assert!(c.contains(&"MILESTONE_WITHOUT_OWNER".to_string()), "{c:?}");
    assert!(!c.contains(&"SUMMER_DATE".to_string()), "the standard cycle avoids July and August: {c:?}");
});

bpftest!(a_milestone_on_10_august_raises_the_summer_warning_and_survives_reopening, |dir| {
    dir.new_2026("cyber.bpfdesk");
    dir.ok(&[
        "add-milestone",
        "cyber.bpfdesk",
        "--title",
        "Research paper",
        "--date",
        "2026-08-10",
        "--owner",
        "Ana",
    ]);
    let plan = dir.plan("cyber.bpfdesk", "2026-01-15");
    let w = plan["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["code"] == "SUMMER_DATE")
        .expect("summer warning");
    assert!(w["message"].as_str().unwrap().contains("\"Research paper\" (10 August 2026)"), "{w}");
    assert_eq!(w["items"][0]["type"], "milestone");
});

bpftest!(moving_the_meeting_moves_every_derived_date, |dir| {
    dir.new_2026("cyber.bpfdesk");
    let r = dir.ok(&[
        "set-meeting",
        "cyber.bpfdesk",
        "--meeting-start",
        "2026-12-15",
        "--meeting-end",
        "2026-12-19",
        "--meeting-zone",
        "Asia/Riyadh",
        "--meeting-place",
        "Riyadh",
    ]);
    assert!(r.stdout.contains("6 derived milestone(s) moved"), "{}", r.stdout);
    let plan = dir.plan("cyber.bpfdesk", "2026-01-15");
    assert_eq!(plan["draft_deadline"], "2026-11-03");
    let ms = plan["milestones"].as_array().unwrap();
    let find = |k: &str| ms.iter().find(|m| m["kind"] == k).unwrap();
    assert_eq!(find("draft_published")["date"], "2026-11-03");
    assert_eq!(find("public_comment")["end_date"], "2026-12-14");
    assert_eq!(find("final_output")["date"], "2027-01-16");
    // Fixed dates stay where they were.
    assert_eq!(find("kick_off")["date"], "2026-02-28");
    assert_eq!(plan["year"]["meeting"]["zone"], "Asia/Riyadh");
});

bpftest!(the_demo_is_the_2020_cybersecurity_bpf, |dir| {
    dir.ok(&["demo", "demo.bpfdesk"]);
    let plan = dir.plan("demo.bpfdesk", "2026-11-23");
    assert_eq!(plan["draft_deadline"], "2020-09-21");
    let year = &plan["year"];
    assert_eq!(year["profile"]["title"], "Best Practice Forum on Cybersecurity");
    assert_eq!(year["meeting"]["start"], "2020-11-02");
    assert_eq!(year["meeting"]["end"], "2020-11-17");
    assert_eq!(year["meeting"]["format"], "online");
    let team: Vec<(&str, &str)> = year["team"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["name"].as_str().unwrap(), t["role"].as_str().unwrap()))
        .collect();
    assert!(team.contains(&("Ben Wallis", "mag_facilitator")));
    assert!(team.contains(&("Markus Kummer", "co_facilitator")));
    assert!(team.contains(&("Wim Degezelle", "secretariat_consultant")));
    let ws: Vec<&str> =
        year["workstreams"].as_array().unwrap().iter().map(|w| w["lead"].as_str().unwrap()).collect();
    assert_eq!(ws, ["John Hering", "Mallory Knodel", "Sheetal Kumar"]);
    assert_eq!(plan["facilitators"]["ok"], true);
    let months: std::collections::BTreeSet<String> = plan["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["date"].as_str().unwrap()[..7].to_string())
        .collect();
    for m in ["2020-05", "2020-07", "2020-09", "2020-11", "2020-12"] {
        assert!(months.contains(m), "{m} missing in {months:?}");
    }
    // The 2020 plan really had its call and paper in July: the app says so.
    assert!(codes(&plan).contains(&"SUMMER_DATE".to_string()));
});

bpftest!(the_project_file_is_sqlite_with_our_application_id_in_wal_mode, |dir| {
    dir.new_2026("cyber.bpfdesk");
    let file = dir.path("cyber.bpfdesk");
    assert_eq!(sqlite3_out(&file, "PRAGMA application_id;"), "1112557124");
    assert_eq!(sqlite3_out(&file, "PRAGMA journal_mode;"), "wal");
    assert_eq!(sqlite3_out(&file, "PRAGMA user_version;"), crate::util::schema_version().to_string());
    assert_eq!(sqlite3_out(&file, "PRAGMA integrity_check;"), "ok");
    assert_eq!(sqlite3_out(&file, "SELECT title FROM profile;"), "BPF Cybersecurity");
    // No temporary file is left beside it.
    let names: Vec<String> = std::fs::read_dir(dir.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["cyber.bpfdesk"]);
});

bpftest!(save_copy_writes_an_independent_project, |dir| {
    dir.ok(&["demo", "demo.bpfdesk"]);
    dir.ok(&["save-copy", "demo.bpfdesk", "--out", "copy.bpfdesk"]);
    dir.ok(&[
        "add-milestone",
        "copy.bpfdesk",
        "--title",
        "Only in the copy",
        "--date",
        "2020-10-01",
        "--owner",
        "X",
    ]);
    let original = dir.plan("demo.bpfdesk", "2026-01-01");
    let copy = dir.plan("copy.bpfdesk", "2026-01-01");
    assert_eq!(
        copy["milestones"].as_array().unwrap().len(),
        original["milestones"].as_array().unwrap().len() + 1
    );
});
