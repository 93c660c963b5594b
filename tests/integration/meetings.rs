//! Meetings and places through the CLI: scheduling in a local zone, local times, the slot
//! finder, invitations read back by an independent parser, and refused input.

use crate::util::{TestDir, codes};

pub(crate) fn setup(dir: &TestDir) {
    dir.new_2026("a.bpfdesk");
    for (name, zone, n) in [
        ("Geneva", "Europe/Geneva", "12"),
        ("New York", "America/New_York", "6"),
        ("Nairobi", "Africa/Nairobi", "5"),
        ("Apia", "Pacific/Apia", "2"),
        ("Honolulu", "Pacific/Honolulu", "1"),
    ] {
        dir.ok(&["place", "add", "a.bpfdesk", "--name", name, "--zone", zone, "--participants", n]);
    }
}

/// `meeting add a.bpfdesk --title T --start S --zone Z` and any further arguments.
pub(crate) fn add<'a>(title: &'a str, start: &'a str, zone: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["meeting", "add", "a.bpfdesk", "--title", title, "--start", start, "--zone", zone];
    args.extend_from_slice(extra);
    args
}

fn json(dir: &TestDir, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&dir.ok(args).stdout).expect("JSON")
}

bpftest!(a_meeting_is_stored_in_utc_with_the_organisers_zone, |dir| {
    setup(dir);
    let r = dir.ok(&add("Open virtual meeting 1", "2026-03-04T14:00", "Europe/Geneva", &["--minutes", "90"]));
    assert_eq!(r.stdout.trim(), "added meeting 1: 2026-03-04 13:00 UTC (Europe/Zurich)");
    let list = json(dir, &["meeting", "list", "a.bpfdesk", "--json"]);
    assert_eq!(list[0]["start"], "2026-03-04T13:00:00Z");
    assert_eq!(list[0]["zone"], "Europe/Zurich");
    assert_eq!(list[0]["minutes"], 90);
    assert_eq!(list[0]["sequence"], 0);

    let times = json(dir, &["meeting", "times", "a.bpfdesk", "1", "--json"]);
    let at = |place: &str| times.as_array().unwrap().iter().find(|t| t["place"] == place).unwrap().clone();
    assert_eq!(at("Geneva")["start"], "2026-03-04T14:00");
    assert_eq!(at("Geneva")["abbreviation"], "CET");
    assert_eq!(at("New York")["start"], "2026-03-04T08:00");
    assert_eq!(at("New York")["part"], "early");
    // Across the date line: already Thursday in Apia (UTC+13), at 2 in the morning.
    assert_eq!(at("Apia")["start"], "2026-03-05T02:00");
    assert_eq!(at("Apia")["day_shift"], 1);
    assert_eq!(at("Apia")["part"], "night");
    assert_eq!(at("Honolulu")["utc_offset"], "UTC−10:00");
    assert_eq!(at("Honolulu")["start"], "2026-03-04T03:00");
});

bpftest!(scheduled_open_meetings_count_for_the_warning_and_summer_meetings_are_flagged, |dir| {
    setup(dir);
    dir.ok(&add("Summer call", "2026-07-15T15:00", "UTC", &[]));
    let plan = dir.plan("a.bpfdesk", "2026-01-15");
    let w = plan["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["code"] == "SUMMER_DATE" && w["items"][0]["type"] == "meeting")
        .expect("a summer warning about the meeting");
    assert!(w["message"].as_str().unwrap().contains("\"Summer call\" (15 July 2026)"), "{w}");
    assert_eq!(plan["year"]["meetings"].as_array().unwrap().len(), 1);
    assert_eq!(plan["year"]["places"].as_array().unwrap().len(), 5);
    assert!(!codes(&plan).contains(&"FEW_OPEN_MEETINGS".to_string()));
});

bpftest!(the_slot_finder_ranks_by_burden_and_names_who_pays, |dir| {
    setup(dir);
    let slots = json(
        dir,
        &[
            "meeting",
            "slots",
            "a.bpfdesk",
            "--from",
            "2026-03-02",
            "--to",
            "2026-03-06",
            "--minutes",
            "90",
            "--json",
        ],
    );
    let slots = slots.as_array().unwrap();
    assert_eq!(slots.len(), 5);
    let burdens: Vec<f64> = slots.iter().map(|s| s["burden"].as_f64().unwrap()).collect();
    assert!(burdens.windows(2).all(|w| w[0] <= w[1]), "{burdens:?}");
    // Geneva, New York, Nairobi, Apia and Honolulu cannot all be inside 07:00-22:00: someone pays.
    assert!(burdens[0] > 0.0);
    let payers = slots[0]["payers"].as_array().unwrap();
    assert!(!payers.is_empty());
    assert!(payers[0]["local_start"].as_str().unwrap().starts_with("2026-03-0"));
    // A series of three rotates the cost.
    let series = json(
        dir,
        &[
            "meeting",
            "slots",
            "a.bpfdesk",
            "--from",
            "2026-03-02",
            "--to",
            "2026-06-26",
            "--minutes",
            "90",
            "--series",
            "3",
            "--skip-weekends",
            "--json",
        ],
    );
    assert_eq!(series.as_array().unwrap().len(), 3);
});

bpftest!(invitations_carry_the_zone_and_a_raised_sequence_when_cancelled, |dir| {
    setup(dir);
    dir.ok(&add("OVM 1", "2026-03-04T14:00", "Europe/Zurich", &[]));
    dir.ok(&["meeting", "ics", "a.bpfdesk", "1", "--out", "m1.ics"]);
    dir.ok(&["meeting", "status", "a.bpfdesk", "1", "cancelled"]);
    dir.ok(&["meeting", "ics", "a.bpfdesk", "1", "--out", "m1-cancelled.ics"]);
    let read = |name: &str| {
        let text = std::fs::read_to_string(dir.path(name)).unwrap();
        ical::IcalParser::new(text.as_bytes()).next().expect("calendar").expect("valid")
    };
    let value = |props: &[ical::property::Property], name: &str| {
        props.iter().find(|p| p.name == name).and_then(|p| p.value.clone()).unwrap_or_default()
    };
    let first = read("m1.ics");
    let second = read("m1-cancelled.ics");
    assert_eq!(value(&first.timezones[0].properties, "TZID"), "Europe/Zurich");
    let e1 = &first.events[0];
    let e2 = &second.events[0];
    assert_eq!(value(&e1.properties, "DTSTART"), "20260304T140000");
    assert_eq!(value(&e1.properties, "UID"), value(&e2.properties, "UID"));
    assert_eq!(value(&e1.properties, "SEQUENCE"), "0");
    assert_eq!(value(&e2.properties, "SEQUENCE"), "1");
    assert_eq!(value(&e2.properties, "STATUS"), "CANCELLED");
});

bpftest!(bad_meeting_input_is_refused, |dir| {
    setup(dir);
    let msg = dir.fails(&add("X", "2026-03-29T02:30", "Europe/Zurich", &[]));
    assert!(msg.contains("2026-03-29T02:30 does not exist in Europe/Zurich"), "{msg}");
    let msg = dir.fails(&add("X", "2026-10-25T02:30", "Europe/Zurich", &[]));
    assert!(msg.contains("happens twice"), "{msg}");
    let msg = dir.fails(&add("X", "2026-03-04T14:00", "Moon/Base", &[]));
    assert!(msg.contains("unknown time zone \"Moon/Base\""), "{msg}");
    let msg = dir.fails(&add(" ", "2026-03-04T14:00", "UTC", &[]));
    assert_eq!(msg, "bpf-desk: the title of the meeting is empty");
    let msg = dir.fails(&add("X", "2026-03-04T14:00", "UTC", &["--minutes", "0"]));
    assert!(msg.contains("give between 1 and 720 minutes"), "{msg}");
    let msg = dir.fails(&["meeting", "slots", "a.bpfdesk", "--from", "2026-03-10", "--to", "2026-03-01"]);
    assert!(msg.contains("ends (2026-03-01) before it starts (2026-03-10)"), "{msg}");
    let msg = dir.fails(&[
        "place",
        "add",
        "a.bpfdesk",
        "--name",
        "Atlantis",
        "--zone",
        "Atlantic/Atlantis",
        "--participants",
        "3",
    ]);
    assert!(msg.contains("unknown time zone"), "{msg}");
    let msg = dir.fails(&["meeting", "ics", "a.bpfdesk", "42", "--out", "x.ics"]);
    assert_eq!(msg, "bpf-desk: there is no meeting with id 42 in this project");
    assert!(!dir.path("x.ics").exists());
    assert_eq!(json(dir, &["meeting", "list", "a.bpfdesk", "--json"]), serde_json::json!([]));
});

bpftest!(the_announcement_is_a_draft_a_mail_parser_reads, |dir| {
    setup(dir);
    dir.ok(&add("OVM 1", "2026-03-04T14:00", "Europe/Zurich", &[]));
    dir.ok(&["meeting", "announce", "a.bpfdesk", "1", "--out", "ovm1.eml"]);
    let bytes = std::fs::read(dir.path("ovm1.eml")).unwrap();
    let msg = mail_parser::MessageParser::default().parse(&bytes).expect("an RFC 5322 message");
    assert_eq!(msg.subject(), Some("[BPF Cybersecurity] OVM 1 — Wed 4 Mar 2026, 13:00 UTC"));
    let body = msg.body_text(0).unwrap();
    assert!(body.contains("When: Wednesday 4 March 2026, 13:00–14:30 UTC (90 minutes)"), "{body}");
    assert!(body.contains("  Geneva: Wed 4 Mar, 14:00–15:30 CET (UTC+01:00)"), "{body}");
    assert!(body.contains("  Apia: Thu 5 Mar, 02:00–03:30 +13 (UTC+13:00)"), "{body}");
    assert_eq!(msg.attachment_count(), 1);
    let ics = String::from_utf8(msg.attachment(0).unwrap().contents().to_vec()).unwrap();
    let cal = ical::IcalParser::new(ics.as_bytes()).next().expect("calendar").expect("valid");
    assert_eq!(cal.events.len(), 1);
});

pub(crate) const ZOOM_REPORT: &str = "\u{feff}Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\r\n\
    812 3456 7890,OVM 1,03/04/2026 01:55:02 PM,03/04/2026 03:31:40 PM,bpf@example.org,97,4\r\n\
    \r\n\
    Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\r\n\
    Ben Wallis,ben@example.org,03/04/2026 01:55:02 PM,03/04/2026 03:31:40 PM,97,No\r\n\
    Ana Ruiz,ana@example.org,03/04/2026 02:00:10 PM,03/04/2026 02:40:10 PM,40,Yes\r\n\
    Ana Ruiz,ana@example.org,03/04/2026 02:35:10 PM,03/04/2026 03:30:10 PM,55,Yes\r\n\
    Guest 7,,03/04/2026 02:01:00 PM,03/04/2026 02:31:00 PM,30,Yes\r\n";

bpftest!(attendance_is_imported_whole_or_not_at_all, |dir| {
    setup(dir);
    dir.ok(&add("OVM 1", "2026-03-04T14:00", "Europe/Zurich", &[]));
    std::fs::write(dir.path("zoom.csv"), ZOOM_REPORT).unwrap();
    let r = dir.ok(&["meeting", "attendance", "a.bpfdesk", "1", "zoom.csv"]);
    assert_eq!(
        r.stdout.trim(),
        "3 attendees from 4 rows (2 guests, 0 from the coordinating team), 217 person-minutes"
    );
    let list = json(dir, &["meeting", "list", "a.bpfdesk", "--json"]);
    assert_eq!(list[0]["attendees"], 3);
    // A broken report is refused with its line, and the earlier import stays.
    std::fs::write(dir.path("broken.csv"), "Name,Join Time,Leave Time\nBen,03/04/2026 01:55:02 PM,later\n")
        .unwrap();
    let msg = dir.fails(&["meeting", "attendance", "a.bpfdesk", "1", "broken.csv"]);
    assert!(msg.contains("the attendance report was not imported: line 2: \"later\" is not a time"), "{msg}");
    std::fs::write(dir.path("empty.csv"), "").unwrap();
    let msg = dir.fails(&["meeting", "attendance", "a.bpfdesk", "1", "empty.csv"]);
    assert!(msg.ends_with("the attendance report was not imported: the file is empty"), "{msg}");
    assert_eq!(json(dir, &["meeting", "list", "a.bpfdesk", "--json"])[0]["attendees"], 3);
});

bpftest!(the_summary_is_written_as_markdown_with_the_attendance, |dir| {
    setup(dir);
    dir.ok(&add("OVM 1", "2026-03-04T14:00", "Europe/Zurich", &[]));
    std::fs::write(dir.path("zoom.csv"), ZOOM_REPORT).unwrap();
    dir.ok(&["meeting", "attendance", "a.bpfdesk", "1", "zoom.csv"]);
    dir.ok(&["meeting", "status", "a.bpfdesk", "1", "held"]);
    dir.ok(&["meeting", "summary", "a.bpfdesk", "1", "--out", "ovm1.md"]);
    let md = std::fs::read_to_string(dir.path("ovm1.md")).unwrap();
    assert!(md.starts_with("# BPF Cybersecurity: OVM 1\n"), "{md}");
    assert!(
        md.contains("- **When:** Wednesday 4 March 2026, 13:00–14:30 UTC (14:00 CET in Europe/Zurich)"),
        "{md}"
    );
    assert!(md.contains("- **Attendance:** 3 participants"), "{md}");
    assert!(md.contains("# Summary\n\n## Discussion"), "{md}");
    assert_eq!(json(dir, &["meeting", "list", "a.bpfdesk", "--json"])[0]["status"], "held");
});

bpftest!(a_generic_csv_is_imported_with_a_column_mapping, |dir| {
    setup(dir);
    dir.ok(&add("OVM 1", "2026-03-04T14:00", "Europe/Zurich", &[]));
    std::fs::write(
        dir.path("sheet.csv"),
        "Participant;Mail;In;Out\n".replace(';', ",")
            + "Maria Silva,maria@example.org,2026-03-04 14:00,2026-03-04 15:00\n"
            + "Maria Silva,maria@example.org,2026-03-04 15:10,2026-03-04 15:30\n",
    )
    .unwrap();
    let r = dir.ok(&[
        "meeting",
        "attendance",
        "a.bpfdesk",
        "1",
        "sheet.csv",
        "--map",
        "name=Participant,email=2,join=In,leave=Out",
    ]);
    assert_eq!(
        r.stdout.trim(),
        "1 attendee from 2 rows (0 guests, 0 from the coordinating team), 80 person-minutes"
    );
    let msg = dir.fails(&[
        "meeting",
        "attendance",
        "a.bpfdesk",
        "1",
        "sheet.csv",
        "--map",
        "name=Who,join=In,leave=Out",
    ]);
    assert!(msg.contains("the column mapping does not fit the report: no column \"Who\""), "{msg}");
});
