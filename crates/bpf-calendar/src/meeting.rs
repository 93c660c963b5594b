//! One meeting as an RFC 5545 invitation: the start and end in the organiser's zone (`TZID`) with
//! a matching `VTIMEZONE`, a stable `UID`, the meeting's `SEQUENCE`, and `STATUS:CANCELLED` when
//! it is cancelled.

use bpf_domain::meeting::{Meeting, MeetingStatus};
use chrono::{DateTime, Duration, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};
use icalendar::{Calendar, CalendarDateTime, Component, Event, EventLike, EventStatus};

/// The `PRODID` of meeting invitations.
pub const MEETING_PRODID: &str = "-//BPF Desk//Meeting//EN";

fn offset_seconds(tz: &Tz, t: DateTime<Utc>) -> i32 {
    tz.offset_from_utc_datetime(&t.naive_utc()).fix().local_minus_utc()
}

fn ics_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    format!("{sign}{:02}{:02}", s / 3600, (s % 3600) / 60)
}

/// The instants in `[from, to)` at which the zone's offset changes, found day by day and then
/// to the minute.
fn transitions(tz: &Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let mut out = Vec::new();
    let mut day = from;
    while day < to {
        let next = day + Duration::days(1);
        if offset_seconds(tz, day) != offset_seconds(tz, next) {
            // Binary search for the first minute with the new offset.
            let (mut lo, mut hi) = (0i64, 24 * 60);
            let before = offset_seconds(tz, day);
            while lo + 1 < hi {
                let mid = (lo + hi) / 2;
                if offset_seconds(tz, day + Duration::minutes(mid)) == before { lo = mid } else { hi = mid }
            }
            out.push(day + Duration::minutes(hi));
        }
        day = next;
    }
    out
}

/// A `VTIMEZONE` for `tz` that covers the year around `at`: one observance per offset change
/// in that window, or a single one for a zone without changes.
pub fn vtimezone(tz: &Tz, at: DateTime<Utc>) -> String {
    let from = at - Duration::days(400);
    let to = at + Duration::days(400);
    let mut lines = vec!["BEGIN:VTIMEZONE".to_string(), format!("TZID:{}", tz.name())];
    let changes = transitions(tz, from, to);
    if changes.is_empty() {
        let off = tz.offset_from_utc_datetime(&at.naive_utc());
        let o = ics_offset(off.fix().local_minus_utc());
        lines.extend([
            "BEGIN:STANDARD".into(),
            "DTSTART:19700101T000000".into(),
            format!("TZOFFSETFROM:{o}"),
            format!("TZOFFSETTO:{o}"),
            format!("TZNAME:{}", off.abbreviation().unwrap_or(tz.name())),
            "END:STANDARD".into(),
        ]);
    }
    for t in changes {
        let before = offset_seconds(tz, t - Duration::minutes(1));
        let after = tz.offset_from_utc_datetime(&t.naive_utc());
        let kind = if after.dst_offset().num_seconds() != 0 { "DAYLIGHT" } else { "STANDARD" };
        // DTSTART of an observance is the local time just before the change, in the old offset.
        let local_start = (t + Duration::seconds(i64::from(before))).naive_utc();
        lines.extend([
            format!("BEGIN:{kind}"),
            format!("DTSTART:{}", local_start.format("%Y%m%dT%H%M%S")),
            format!("TZOFFSETFROM:{}", ics_offset(before)),
            format!("TZOFFSETTO:{}", ics_offset(after.fix().local_minus_utc())),
            format!("TZNAME:{}", after.abbreviation().unwrap_or(tz.name())),
            format!("END:{kind}"),
        ]);
    }
    lines.push("END:VTIMEZONE".into());
    lines.join("\r\n") + "\r\n"
}

fn description(m: &Meeting) -> String {
    let mut lines = vec![format!("{} UTC, {} minutes", m.start.format("%A %-d %B %Y, %H:%M"), m.minutes)];
    if !m.join_url.is_empty() {
        lines.push(format!("Join: {}", m.join_url));
    }
    if !m.agenda.is_empty() {
        lines.push(String::new());
        lines.push("Agenda".into());
        for (i, a) in m.agenda.iter().enumerate() {
            let who = if a.presenter.is_empty() { String::new() } else { format!(" — {}", a.presenter) };
            lines.push(format!("{}. {}{who} ({} min)", i + 1, a.title, a.minutes));
        }
    }
    lines.join("\n")
}

/// The invitation for one meeting. `bpf_title` names the forum; `stamp` is the `DTSTAMP`.
pub fn meeting_ics(project_uid: &str, bpf_title: &str, m: &Meeting, stamp: DateTime<Utc>) -> String {
    let tz: Tz = bpf_domain::parse_zone(&m.zone).unwrap_or(chrono_tz::UTC);
    let local = |t: DateTime<Utc>| CalendarDateTime::WithTimezone {
        date_time: t.with_timezone(&tz).naive_local(),
        tzid: tz.name().to_string(),
    };
    let mut cal = Calendar::empty();
    cal.append_property(("VERSION", "2.0"));
    cal.append_property(("PRODID", MEETING_PRODID));
    cal.append_property(("CALSCALE", "GREGORIAN"));
    cal.append_property(("METHOD", "PUBLISH"));
    let mut e = Event::new();
    e.uid(&format!("meeting-{}.{project_uid}@bpf-desk", m.id))
        .sequence(m.sequence)
        .timestamp(stamp)
        .summary(&format!("{} — {}", bpf_title, m.title))
        .starts(local(m.start))
        .ends(local(m.end()))
        .description(&description(m))
        .status(if m.status == MeetingStatus::Cancelled {
            EventStatus::Cancelled
        } else {
            EventStatus::Confirmed
        });
    if !m.join_url.is_empty() {
        e.url(&m.join_url).location(&m.join_url);
    }
    cal.push(e.done());
    let text = cal.done().to_string();
    // icalendar has no VTIMEZONE component: put ours before the event.
    match text.find("BEGIN:VEVENT") {
        Some(i) => format!("{}{}{}", &text[..i], vtimezone(&tz, m.start), &text[i..]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bpf_domain::meeting::{AgendaItem, MeetingKind};

    fn meeting(zone: &str, start: &str, status: MeetingStatus, sequence: u32) -> Meeting {
        Meeting {
            id: 7,
            title: "Open virtual meeting 1".into(),
            kind: MeetingKind::OpenVirtualMeeting,
            start: DateTime::parse_from_rfc3339(start).unwrap().with_timezone(&Utc),
            zone: zone.into(),
            minutes: 90,
            join_url: "https://meet.example.org/bpf-cyber".into(),
            agenda: vec![
                AgendaItem {
                    title: "Welcome; agenda, and goals".into(),
                    presenter: "Ben Wallis".into(),
                    minutes: 10,
                },
                AgendaItem { title: "Workstream updates".into(), presenter: String::new(), minutes: 60 },
            ],
            announced_on: None,
            status,
            materials: vec![],
            summary: String::new(),
            sequence,
            attendees: 0,
        }
    }

    fn parse(text: &str) -> ical::parser::ical::component::IcalCalendar {
        let mut p = ical::IcalParser::new(text.as_bytes());
        let cal = p.next().expect("a calendar").expect("valid");
        assert!(p.next().is_none());
        cal
    }

    fn prop<'a>(props: &'a [ical::property::Property], name: &str) -> &'a ical::property::Property {
        props.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("{name} missing"))
    }

    #[test]
    fn an_invitation_in_a_zone_with_summer_time() {
        let stamp = Utc.with_ymd_and_hms(2026, 2, 1, 9, 0, 0).unwrap();
        let m = meeting("Europe/Zurich", "2026-03-04T13:00:00Z", MeetingStatus::Planned, 0);
        let text = meeting_ics("abc", "BPF Cybersecurity", &m, stamp);
        let cal = parse(&text);
        assert_eq!(cal.timezones.len(), 1);
        let tz = &cal.timezones[0];
        assert_eq!(prop(&tz.properties, "TZID").value.as_deref(), Some("Europe/Zurich"));
        // The window holds the March and October changes of 2025 and 2026 and March 2027.
        use ical::parser::ical::component::IcalTimeZoneTransitionType as T;
        let kinds: Vec<String> = tz.transitions.iter().map(|t| format!("{:?}", t.transition)).collect();
        assert!(tz.transitions.iter().any(|t| matches!(t.transition, T::DAYLIGHT)), "{kinds:?}");
        assert!(tz.transitions.iter().any(|t| matches!(t.transition, T::STANDARD)), "{kinds:?}");
        let spring_2026 = tz
            .transitions
            .iter()
            .find(|t| prop(&t.properties, "DTSTART").value.as_deref() == Some("20260329T020000"))
            .expect("the 29 March 2026 change at 02:00 local");
        assert_eq!(prop(&spring_2026.properties, "TZOFFSETFROM").value.as_deref(), Some("+0100"));
        assert_eq!(prop(&spring_2026.properties, "TZOFFSETTO").value.as_deref(), Some("+0200"));
        assert_eq!(prop(&spring_2026.properties, "TZNAME").value.as_deref(), Some("CEST"));

        let e = &cal.events[0];
        let start = prop(&e.properties, "DTSTART");
        assert_eq!(start.value.as_deref(), Some("20260304T140000"));
        let params = start.params.clone().unwrap_or_default();
        assert!(
            params.iter().any(|(k, v)| k == "TZID" && v == &vec!["Europe/Zurich".to_string()]),
            "{params:?}"
        );
        assert_eq!(prop(&e.properties, "DTEND").value.as_deref(), Some("20260304T153000"));
        assert_eq!(prop(&e.properties, "UID").value.as_deref(), Some("meeting-7.abc@bpf-desk"));
        assert_eq!(prop(&e.properties, "SEQUENCE").value.as_deref(), Some("0"));
        assert_eq!(prop(&e.properties, "STATUS").value.as_deref(), Some("CONFIRMED"));
        let desc = prop(&e.properties, "DESCRIPTION").value.clone().unwrap_or_default();
        // The reader keeps the text escaped (\\, for a comma).
        assert!(desc.contains(r"Wednesday 4 March 2026\, 13:00 UTC"), "{desc}");
        assert!(desc.contains("Join: https://meet.example.org/bpf-cyber"), "{desc}");
        // The `ical` reader drops a space that ends a folded line, so check the agenda in the text
        // unfolded by the RFC 5545 rule itself (remove every CRLF followed by one space).
        let unfolded = text.replace("\r\n ", "");
        assert!(
            unfolded.contains(r"\n1. Welcome\; agenda\, and goals — Ben Wallis (10 min)\n2."),
            "{unfolded}"
        );
    }

    #[test]
    fn a_cancelled_changed_meeting_and_a_zone_without_summer_time() {
        let stamp = Utc.with_ymd_and_hms(2026, 2, 1, 9, 0, 0).unwrap();
        let m = meeting("Asia/Kolkata", "2026-03-04T13:00:00Z", MeetingStatus::Cancelled, 3);
        let cal = parse(&meeting_ics("abc", "BPF", &m, stamp));
        let tz = &cal.timezones[0];
        assert_eq!(tz.transitions.len(), 1);
        assert_eq!(prop(&tz.transitions[0].properties, "TZOFFSETTO").value.as_deref(), Some("+0530"));
        let e = &cal.events[0];
        assert_eq!(prop(&e.properties, "STATUS").value.as_deref(), Some("CANCELLED"));
        assert_eq!(prop(&e.properties, "SEQUENCE").value.as_deref(), Some("3"));
        assert_eq!(prop(&e.properties, "DTSTART").value.as_deref(), Some("20260304T183000"));
    }

    #[test]
    fn southern_hemisphere_changes_are_found() {
        let tz: Tz = "Australia/Sydney".parse().unwrap();
        let at = Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap();
        let text = vtimezone(&tz, at);
        // Sydney leaves summer time on 5 April 2026 at 03:00 local (AEDT) and starts it on 4 October at 02:00.
        assert!(
            text.contains(
                "BEGIN:STANDARD\r\nDTSTART:20260405T030000\r\nTZOFFSETFROM:+1100\r\nTZOFFSETTO:+1000"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "BEGIN:DAYLIGHT\r\nDTSTART:20261004T020000\r\nTZOFFSETFROM:+1000\r\nTZOFFSETTO:+1100"
            ),
            "{text}"
        );
    }
}
