//! The scorecard through the CLI on the demo BPF (2020 Cybersecurity): every line justified by
//! the data put in — meetings held with attendance, a session, the draft and the final output —
//! judged on passed-in days, and the one-page PDF and DOCX read back.

use crate::meetings::ZOOM_REPORT;
use crate::report::{docx_to_pdf, pdf_sentences};

fn lines(card: &serde_json::Value) -> Vec<(String, String)> {
    card["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["key"].as_str().unwrap().to_string(), m["status"].as_str().unwrap().to_string()))
        .collect()
}

bpftest!(the_demo_scorecard_follows_its_data, |dir| {
    dir.ok(&["demo", "demo.bpfdesk"]);
    let card = dir.json(&["scorecard", "demo.bpfdesk", "--json", "--today", "2020-09-01"]);
    assert_eq!(
        (card["met"].as_u64(), card["not_yet_due"].as_u64()),
        (Some(1), Some(6)),
        "only the web page is there"
    );
    assert_eq!(card["metrics"][3]["evidence"], "Due by 21 September 2020 (20 days left).");

    // Three open meetings held (one with attendance), a session held, the draft on time, the final output.
    for (i, day) in ["2020-05-06T14:00", "2020-07-08T14:00", "2020-09-09T14:00"].iter().enumerate() {
        dir.ok(&[
            "meeting",
            "add",
            "demo.bpfdesk",
            "--title",
            &format!("Open meeting {}", i + 1),
            "--start",
            day,
            "--zone",
            "UTC",
        ]);
        dir.ok(&["meeting", "status", "demo.bpfdesk", &(i + 1).to_string(), "held"]);
    }
    std::fs::write(dir.path("zoom.csv"), ZOOM_REPORT.replace("03/04/2026", "09/09/2020")).unwrap();
    dir.ok(&["meeting", "attendance", "demo.bpfdesk", "3", "zoom.csv"]);
    dir.ok(&[
        "meeting",
        "add",
        "demo.bpfdesk",
        "--title",
        "BPF Cybersecurity session",
        "--start",
        "2020-11-17T13:00",
        "--zone",
        "UTC",
        "--kind",
        "annual_meeting_session",
    ]);
    dir.ok(&[
        "report",
        "publish",
        "demo.bpfdesk",
        "--version",
        "draft",
        "--on",
        "2020-09-18",
        "--deadline",
        "2020-10-16",
    ]);

    let card = dir.json(&["scorecard", "demo.bpfdesk", "--json", "--today", "2020-10-01"]);
    assert_eq!(
        lines(&card),
        [
            ("open_meetings".into(), "met".into()),
            ("active_list".into(), "not_yet_due".into()),
            ("process_documented".into(), "met".into()),
            ("draft_for_comment".into(), "met".into()),
            ("annual_meeting_session".into(), "not_yet_due".into()),
            ("final_output".into(), "not_yet_due".into()),
            ("multistakeholder".into(), "not_yet_due".into()),
        ]
    );
    assert_eq!(
        card["metrics"][0]["evidence"],
        "3 held (6 May 2020, 8 July 2020, 9 September 2020), 3 attendances recorded."
    );
    assert_eq!(card["metrics"][4]["evidence"], "“BPF Cybersecurity session” scheduled for 17 November 2020.");
    assert_eq!(
        card["metrics"][6]["evidence"],
        "3 attendees from 0 of 6 stakeholder groups and 0 of 5 regions (3 without a group or country in the register). Missing among the attendees: every stakeholder group and region (no attendee has a group or country in the register)."
    );

    // After the year: what was not done is not met; the session held and the final output are met.
    dir.ok(&["meeting", "status", "demo.bpfdesk", "4", "held"]);
    dir.ok(&["report", "publish", "demo.bpfdesk", "--version", "final", "--on", "2020-12-10"]);
    let card = dir.json(&["scorecard", "demo.bpfdesk", "--json", "--today", "2021-01-15"]);
    let statuses: Vec<String> = lines(&card).into_iter().map(|(_, s)| s).collect();
    assert_eq!(statuses, ["met", "not_met", "met", "met", "met", "met", "not_met"]);
    assert_eq!(card["metrics"][5]["evidence"], "Published on 10 December 2020.");

    // The home screen: the countdown, and the latest activity first.
    let home = dir.json(&["home", "demo.bpfdesk", "--json", "--today", "2020-12-12"]);
    assert_eq!(home["draft_published"], true);
    let activity: Vec<&str> =
        home["activity"].as_array().unwrap().iter().map(|a| a["text"].as_str().unwrap()).collect();
    assert_eq!(activity[0], "Final output published");
    assert!(activity.contains(&"“BPF Cybersecurity session” held"), "{activity:?}");
    assert!(activity.contains(&"“Open meeting 3” held, 3 attendees"), "{activity:?}");
    let early = dir.ok(&["home", "demo.bpfdesk", "--today", "2020-09-01"]).stdout;
    assert!(
        early.contains("Draft due in 20 days (21 September 2020)."),
        "a draft published later does not count yet: {early}"
    );

    dir.ok(&["scorecard", "demo.bpfdesk", "--today", "2021-01-15", "--out", "card.pdf"]);
    dir.ok(&["scorecard", "demo.bpfdesk", "--today", "2021-01-15", "--out", "card.docx"]);
    let from_docx = docx_to_pdf(dir, &dir.path("card.docx"));
    for pdf in [dir.path("card.pdf"), from_docx] {
        let text = pdf_sentences(&pdf);
        assert!(text.contains("Scorecard IGF 2020 Best Practice Forum on Cybersecurity"), "{text}");
        assert!(text.contains("On 15 January 2021: 5 of 7 metrics met, 2 not met, 0 not yet due."), "{text}");
        assert!(text.contains("No list archive imported yet."), "{text}");
    }
    let pages = std::process::Command::new("pdfinfo").arg(dir.path("card.pdf")).output().unwrap();
    assert!(String::from_utf8_lossy(&pages.stdout).contains("Pages:           1"), "one page");
});

bpftest!(next_year_keeps_the_people_and_lays_out_a_new_plan, |dir| {
    dir.ok(&["demo", "demo.bpfdesk"]);
    std::fs::write(dir.path("people.csv"), "Name,Email,Country,Group\nAna Souza,ana@nic.br,Brazil,Technical\nKwame,kwame@example.gh,Ghana,Government\n").unwrap();
    dir.ok(&["people", "import", "demo.bpfdesk", "people.csv"]);
    dir.ok(&["institution", "add", "demo.bpfdesk", "OECD", "--email", "dsti@oecd.org"]);
    dir.ok(&["people", "balance", "demo.bpfdesk", "--thresholds", "12", "8", "30"]);
    dir.ok(&[
        "meeting",
        "add",
        "demo.bpfdesk",
        "--title",
        "OVM 1",
        "--start",
        "2020-05-06T14:00",
        "--zone",
        "UTC",
    ]);
    let before = crate::util::bytes(&dir.path("demo.bpfdesk"));
    let meeting =
        ["--meeting-start", "2021-12-06", "--meeting-end", "2021-12-10", "--meeting-zone", "Africa/Algiers"];
    let r = dir.ok(&[&["next-year", "demo.bpfdesk", "--out", "next.bpfdesk"][..], &meeting].concat());
    assert!(r.stdout.contains("for Best Practice Forum on Cybersecurity 2021"), "{}", r.stdout);
    assert!(r.stdout.contains("draft due 2021-10-25"), "six weeks before 6 December: {}", r.stdout);
    assert_eq!(crate::util::bytes(&dir.path("demo.bpfdesk")), before, "this year's file is only read");

    let people = dir.json(&["people", "list", "next.bpfdesk", "--json"]);
    assert_eq!(people["people"].as_array().unwrap().len(), 2);
    assert_eq!(people["people"][0]["emails"], serde_json::json!(["ana@nic.br"]));
    let institutions = dir.json(&["institution", "list", "next.bpfdesk", "--json"]);
    assert_eq!(institutions[0]["organisation"], "OECD");
    assert_eq!(institutions[0]["sent_on"], serde_json::Value::Null, "the log is this year's");
    let b = dir.json(&["people", "balance", "next.bpfdesk", "--json"]);
    assert_eq!(
        b["thresholds"],
        serde_json::json!({"min_group_percent": 12, "min_region_percent": 8, "max_unknown_percent": 30})
    );
    let plan = dir.json(&["plan", "next.bpfdesk", "--json", "--today", "2021-01-10"]);
    assert_eq!(plan["year"]["profile"]["year"], 2021);
    assert_eq!(plan["year"]["team"].as_array().unwrap().len(), 7, "the demo's team");
    assert_eq!(plan["year"]["meetings"], serde_json::json!([]), "meetings are this year's history");
    assert!(
        plan["milestones"].as_array().unwrap().iter().all(|m| m["date"].as_str().unwrap() >= "2021-01-01")
    );

    let msg = dir.fails(&[&["next-year", "demo.bpfdesk", "--out", "next.bpfdesk"][..], &meeting].concat());
    assert!(msg.ends_with("next.bpfdesk: a file of that name already exists"), "{msg}");
    let wrong = ["--meeting-start", "2020-12-06", "--meeting-end", "2020-12-10", "--meeting-zone", "UTC"];
    let msg = dir.fails(&[&["next-year", "demo.bpfdesk", "--out", "other.bpfdesk"][..], &wrong].concat());
    assert!(msg.contains("is not in the BPF year 2021"), "{msg}");
    assert!(!dir.path("other.bpfdesk").exists());
});

bpftest!(the_proposal_names_each_broken_rule_then_exports_with_evidence, |dir| {
    dir.ok(&["demo", "demo.bpfdesk"]);
    let view = dir.json(&["proposal", "demo.bpfdesk", "--json"]);
    let fields: Vec<&str> =
        view["problems"].as_array().unwrap().iter().map(|p| p["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["relevance", "outreach", "outreach"], "the demo's team and profile pass");
    assert_eq!(view["indicators"].as_array().unwrap().len(), 7);
    let msg = dir.fails(&["proposal", "demo.bpfdesk", "--format", "pdf", "--out", "p.pdf"]);
    assert_eq!(
        msg,
        "bpf-desk: the proposal breaks 3 of the template's rules: Explain why the topic is relevant now."
    );
    assert!(!dir.path("p.pdf").exists());

    std::fs::write(dir.path("rel.md"), "Cyber norms are being negotiated in the UN OEWG this year.\n")
        .unwrap();
    std::fs::write(dir.path("out.md"), "We will write to national CERTs and to industry alliances.\n")
        .unwrap();
    std::fs::write(dir.path("syn.md"), "A joint session with the DC on Internet Standards.\n").unwrap();
    let r = dir.ok(&[
        "proposal-edit",
        "demo.bpfdesk",
        "--relevance",
        "rel.md",
        "--outreach",
        "out.md",
        "--indicator",
        "synergies=syn.md",
        "--returning",
        "true",
    ]);
    assert_eq!(r.stdout.trim(), "saved; 1 rule(s) still broken");
    dir.ok(&[
        "outreach",
        "add",
        "demo.bpfdesk",
        "FIRST",
        "--invited-on",
        "2020-04-02",
        "--answer",
        "interested",
        "--today",
        "2020-05-01",
    ]);
    dir.ok(&["proposal", "demo.bpfdesk", "--format", "pdf", "--out", "p.pdf", "--today", "2020-12-20"]);
    dir.ok(&["proposal", "demo.bpfdesk", "--format", "docx", "--out", "p.docx", "--today", "2020-12-20"]);
    let from_docx = docx_to_pdf(dir, &dir.path("p.docx"));
    for pdf in [dir.path("p.pdf"), from_docx] {
        let text = pdf_sentences(&pdf);
        for part in [
            "Best Practice Forum on Cybersecurity Proposal for a Best Practice Forum, IGF 2021",
            "Facilitators • Ben Wallis (MAG), MAG facilitator, MAG member • Markus Kummer, Co-facilitator",
            "Relevance Cyber norms are being negotiated in the UN OEWG this year.",
            "Organisations that signalled interest: • FIRST",
            "A joint session with the DC on Internet Standards.",
            "Evidence from 2020",
            "No open virtual meeting recorded as held; 0 scheduled. The work plan marks 3",
        ] {
            assert!(text.contains(part), "{part:?} in {text}");
        }
    }
});

bpftest!(years_compared_and_bpfs_side_by_side, |dir| {
    dir.ok(&["demo", "demo.bpfdesk"]);
    dir.ok(&[
        "meeting",
        "add",
        "demo.bpfdesk",
        "--title",
        "OVM 1",
        "--start",
        "2020-05-06T14:00",
        "--zone",
        "UTC",
    ]);
    dir.ok(&["meeting", "status", "demo.bpfdesk", "1", "held"]);
    std::fs::write(dir.path("zoom.csv"), ZOOM_REPORT.replace("03/04/2026", "05/06/2020")).unwrap();
    dir.ok(&["meeting", "attendance", "demo.bpfdesk", "1", "zoom.csv"]);
    let meeting = ["--meeting-start", "2021-12-06", "--meeting-end", "2021-12-10", "--meeting-zone", "UTC"];
    dir.ok(&[&["next-year", "demo.bpfdesk", "--out", "next.bpfdesk"][..], &meeting].concat());
    let years = dir.json(&["compare", "demo.bpfdesk", "next.bpfdesk", "--json"]);
    assert_eq!((years[0]["year"].as_i64(), years[1]["year"].as_i64()), (Some(2020), Some(2021)));
    assert_eq!(
        (years[0]["open_meetings_held"].as_u64(), years[0]["attendances"].as_u64()),
        (Some(1), Some(3))
    );
    assert_eq!(years[0]["attendees"], 3);
    assert_eq!((years[1]["open_meetings_held"].as_u64(), years[1]["attendees"].as_u64()), (Some(0), Some(0)));
    let text = dir.ok(&["compare", "demo.bpfdesk", "next.bpfdesk"]).stdout;
    assert!(text.contains("open meetings held                   1         0"), "{text}");

    std::fs::write(dir.path("broken.bpfdesk"), "not a project").unwrap();
    let rows = dir.json(&[
        "scorecards",
        "demo.bpfdesk",
        "next.bpfdesk",
        "broken.bpfdesk",
        "--json",
        "--today",
        "2021-01-10",
    ]);
    assert_eq!(rows[0]["scorecard"]["year"], 2020);
    assert_eq!(rows[1]["scorecard"]["year"], 2021);
    assert_eq!(rows[1]["scorecard"]["not_yet_due"], 6, "a new year: only the web page is there");
    assert!(rows[2]["error"].as_str().unwrap().contains("not a BPF Desk project file"), "{}", rows[2]);
});
