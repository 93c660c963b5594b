//! The calendar export, read back by an independent parser (the `ical` crate).

bpftest!(export_ics_is_read_back_with_all_day_dates_and_stable_uids, |dir| {
    dir.ok(&["demo", "demo.bpfdesk"]);
    dir.ok(&["export-ics", "demo.bpfdesk", "--out", "plan.ics"]);
    dir.ok(&["export-ics", "demo.bpfdesk", "--out", "again.ics"]);
    let read = |name: &str| {
        let text = std::fs::read_to_string(dir.path(name)).unwrap();
        let mut cals = ical::IcalParser::new(text.as_bytes());
        let cal = cals.next().expect("a calendar").expect("valid iCalendar");
        assert!(cals.next().is_none());
        cal
    };
    let value = |props: &[ical::property::Property], name: &str| {
        props.iter().find(|p| p.name == name).and_then(|p| p.value.clone()).unwrap_or_default()
    };
    let cal = read("plan.ics");
    assert_eq!(value(&cal.properties, "VERSION"), "2.0");
    // 14 milestones and the annual meeting.
    assert_eq!(cal.events.len(), 15);
    for e in &cal.events {
        let start = e.properties.iter().find(|p| p.name == "DTSTART").expect("DTSTART");
        let params = start.params.clone().unwrap_or_default();
        assert!(
            params.iter().any(|(k, v)| k == "VALUE" && v.contains(&"DATE".to_string())),
            "all-day: {start:?}"
        );
        assert_eq!(start.value.as_deref().unwrap().len(), 8, "a DATE, not a DATE-TIME");
        assert!(!value(&e.properties, "DTSTAMP").is_empty());
    }
    let meeting =
        cal.events.iter().find(|e| value(&e.properties, "SUMMARY") == "IGF 2020 annual meeting").unwrap();
    assert_eq!(value(&meeting.properties, "DTSTART"), "20201102");
    assert_eq!(value(&meeting.properties, "DTEND"), "20201118", "DTEND is exclusive");
    let uids = |cal: &ical::parser::ical::component::IcalCalendar| {
        let mut v: Vec<String> = cal.events.iter().map(|e| value(&e.properties, "UID")).collect();
        v.sort();
        v
    };
    let first = uids(&cal);
    let mut dedup = first.clone();
    dedup.dedup();
    assert_eq!(dedup.len(), first.len(), "UIDs are unique");
    assert_eq!(first, uids(&read("again.ics")), "UIDs are stable across exports");
    // Another project gets other UIDs.
    dir.ok(&["demo", "other.bpfdesk"]);
    dir.ok(&["export-ics", "other.bpfdesk", "--out", "other.ics"]);
    assert!(uids(&read("other.ics")).iter().all(|u| !first.contains(u)));
});
