//! The work plan as an RFC 5545 calendar: the annual meeting and every milestone as all-day
//! events (`DATE` values), with UIDs that stay the same across exports so that calendar
//! programs update events instead of duplicating them.

mod meeting;

pub use meeting::{MEETING_PRODID, meeting_ics, vtimezone};

use bpf_domain::{BpfYear, Milestone, MilestoneKind};
use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike};

/// The `PRODID` of every calendar BPF Desk writes.
pub const PRODID: &str = "-//BPF Desk//Work plan//EN";

fn kind_label(kind: MilestoneKind) -> &'static str {
    match kind {
        MilestoneKind::KickOff => "Kick-off",
        MilestoneKind::WorkstreamActivation => "Workstream activation",
        MilestoneKind::OpenMeeting => "Open virtual meeting",
        MilestoneKind::CallForContributions => "Call for contributions",
        MilestoneKind::DraftPublished => "Draft output for public comment",
        MilestoneKind::PublicComment => "Public comment period",
        MilestoneKind::AnnualMeetingSession => "Session at the annual meeting",
        MilestoneKind::FinalOutput => "Final output",
        MilestoneKind::Dissemination => "Dissemination",
        MilestoneKind::NextYearTopics => "Next year's topics",
        MilestoneKind::Custom => "Milestone",
    }
}

fn description(year: &BpfYear, m: &Milestone) -> String {
    let mut lines = vec![format!("{} — {}", year.profile.title, kind_label(m.kind))];
    if !m.owner.is_empty() {
        lines.push(format!("Owner: {}", m.owner));
    }
    if let Some(ws) = m.workstream_id.and_then(|id| year.workstreams.iter().find(|w| w.id == id)) {
        lines.push(format!("Workstream: {}", ws.name));
    }
    if m.derived.is_some() {
        lines.push("Date derived from the annual meeting; it moves when the meeting moves.".into());
    }
    if m.kind == MilestoneKind::DraftPublished {
        lines.push("Six-week rule: the draft output is published for public comment 42 days before the annual meeting.".into());
    }
    if !m.notes.trim().is_empty() {
        lines.push(m.notes.trim().to_string());
    }
    lines.join("\n")
}

/// Writes the calendar. `project_uid` makes the UIDs unique to this project; `stamp` is the
/// `DTSTAMP` (the export time, passed in).
pub fn work_plan_ics(project_uid: &str, year: &BpfYear, stamp: DateTime<Utc>) -> String {
    let mut cal = Calendar::empty();
    cal.append_property(("VERSION", "2.0"));
    cal.append_property(("PRODID", PRODID));
    cal.append_property(("CALSCALE", "GREGORIAN"));
    cal.append_property(("METHOD", "PUBLISH"));
    // Not `Calendar::name`: it also writes an RFC 7986 NAME without escaping its text.
    cal.append_property(("X-WR-CALNAME", format!("{} {}", year.profile.title, year.profile.year).as_str()));
    cal.description(&format!("Work plan of the IGF {} {}", year.profile.year, year.profile.title));

    if let Some(meeting) = &year.meeting {
        let mut e = Event::new();
        e.uid(&format!("annual-meeting.{project_uid}@bpf-desk"))
            .timestamp(stamp)
            .summary(&format!("IGF {} annual meeting", year.profile.year))
            .starts(meeting.start)
            .ends(bpf_domain::cycle::add_days(meeting.end, 1))
            .location(&meeting.place)
            .description(&format!("Time zone of the meeting: {}", meeting.zone));
        if !year.profile.website_url.is_empty() {
            e.url(&year.profile.website_url);
        }
        cal.push(e.done());
    }
    for m in &year.milestones {
        let mut e = Event::new();
        e.uid(&format!("milestone-{}.{project_uid}@bpf-desk", m.id))
            .timestamp(stamp)
            .summary(&m.title)
            .starts(m.date)
            .ends(bpf_domain::cycle::add_days(m.last_day(), 1))
            .description(&description(year, m))
            .add_property("CATEGORIES", kind_label(m.kind))
            .add_property("TRANSP", "TRANSPARENT");
        cal.push(e.done());
    }
    cal.done().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use bpf_domain::demo::demo;
    use bpf_domain::{Milestone, Profile};
    use chrono::TimeZone;

    fn demo_year() -> BpfYear {
        let d = demo();
        BpfYear {
            profile: Profile { title: "BPF; with, commas\nand a line".into(), ..d.profile },
            meeting: Some(d.meeting),
            team: vec![],
            workstreams: vec![],
            milestones: d
                .milestones
                .into_iter()
                .enumerate()
                .map(|(i, m)| {
                    let x = m.input;
                    Milestone {
                        id: i as i64 + 1,
                        title: x.title,
                        kind: x.kind,
                        date: x.date,
                        end_date: x.end_date,
                        owner: x.owner,
                        workstream_id: None,
                        status: x.status,
                        derived: x.derived,
                        notes: x.notes,
                    }
                })
                .collect(),
            places: vec![],
            meetings: vec![],
        }
    }

    #[test]
    fn an_independent_parser_reads_all_day_events_back() {
        let year = demo_year();
        let stamp = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
        let text = work_plan_ics("0123456789abcdef0123456789abcdef", &year, stamp);
        assert!(text.contains("\r\n"), "lines end in CRLF");
        let mut parser = ical::IcalParser::new(text.as_bytes());
        let cal = parser.next().expect("one calendar").expect("parses");
        assert!(parser.next().is_none());
        let prop = |props: &[ical::property::Property], name: &str| {
            props.iter().find(|p| p.name == name).and_then(|p| p.value.clone())
        };
        assert_eq!(prop(&cal.properties, "PRODID").as_deref(), Some(PRODID));
        // Text with separators and a line break stays one escaped property value.
        assert_eq!(
            prop(&cal.properties, "X-WR-CALNAME").as_deref(),
            Some("BPF\\; with\\, commas\\nand a line 2020")
        );
        assert_eq!(cal.events.len(), year.milestones.len() + 1);
        let draft = cal
            .events
            .iter()
            .find(|e| {
                prop(&e.properties, "SUMMARY").as_deref() == Some("Publication draft BPF output report")
            })
            .expect("draft event");
        let dtstart = draft.properties.iter().find(|p| p.name == "DTSTART").unwrap();
        assert_eq!(dtstart.value.as_deref(), Some("20200921"));
        let params = dtstart.params.clone().unwrap_or_default();
        assert!(params.iter().any(|(k, v)| k == "VALUE" && v == &vec!["DATE".to_string()]), "{params:?}");
        assert_eq!(prop(&draft.properties, "DTEND").as_deref(), Some("20200922"));
        let meeting = cal
            .events
            .iter()
            .find(|e| prop(&e.properties, "UID").unwrap().starts_with("annual-meeting."))
            .unwrap();
        assert_eq!(prop(&meeting.properties, "DTSTART").as_deref(), Some("20201102"));
        assert_eq!(prop(&meeting.properties, "DTEND").as_deref(), Some("20201118"));
        // Every UID is distinct and stable across exports.
        let uids: std::collections::BTreeSet<String> =
            cal.events.iter().map(|e| prop(&e.properties, "UID").unwrap()).collect();
        assert_eq!(uids.len(), cal.events.len());
        let again = work_plan_ics("0123456789abcdef0123456789abcdef", &year, stamp);
        assert_eq!(text, again);
    }
}
