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
