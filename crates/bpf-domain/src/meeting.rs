//! Virtual meetings of a worldwide group: the meeting record, the places participants join from,
//! and local times (with the part of the day each place is in).
//!
//! Instants are stored in UTC with the organiser's IANA zone; a time is never shown without its
//! zone, so every local time here carries its zone's abbreviation and UTC offset.

use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone, Timelike, Utc,
};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::validate::{InvalidInput, parse_zone};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MeetingKind {
    OpenVirtualMeeting,
    CoordinatingTeamCall,
    Webinar,
    AnnualMeetingSession,
}

impl MeetingKind {
    pub const ALL: [MeetingKind; 4] = [
        MeetingKind::OpenVirtualMeeting,
        MeetingKind::CoordinatingTeamCall,
        MeetingKind::Webinar,
        MeetingKind::AnnualMeetingSession,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MeetingKind::OpenVirtualMeeting => "open_virtual_meeting",
            MeetingKind::CoordinatingTeamCall => "coordinating_team_call",
            MeetingKind::Webinar => "webinar",
            MeetingKind::AnnualMeetingSession => "annual_meeting_session",
        }
    }

    pub fn parse(s: &str) -> Option<MeetingKind> {
        MeetingKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            MeetingKind::OpenVirtualMeeting => "Open virtual meeting",
            MeetingKind::CoordinatingTeamCall => "Coordinating-team call",
            MeetingKind::Webinar => "Webinar",
            MeetingKind::AnnualMeetingSession => "Session at the annual meeting",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MeetingStatus {
    Planned,
    Held,
    Cancelled,
}

impl MeetingStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            MeetingStatus::Planned => "planned",
            MeetingStatus::Held => "held",
            MeetingStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<MeetingStatus> {
        [MeetingStatus::Planned, MeetingStatus::Held, MeetingStatus::Cancelled]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AgendaItem {
    pub title: String,
    pub presenter: String,
    pub minutes: u32,
}

/// A place participants join from: a city or region with its IANA zone and head count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Place {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub zone: String,
    pub participants: u32,
}

/// A place before it is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlaceInput {
    pub name: String,
    pub zone: String,
    pub participants: u32,
}

impl PlaceInput {
    /// Checks the place and gives it its canonical zone name.
    pub fn checked(&self) -> Result<PlaceInput, InvalidInput> {
        if self.name.trim().is_empty() {
            return Err(InvalidInput::Empty { what: "name of the place" });
        }
        if self.participants > 100_000 {
            return Err(InvalidInput::Date(format!(
                "{} participants in one place is not plausible",
                self.participants
            )));
        }
        Ok(PlaceInput {
            name: self.name.trim().to_string(),
            zone: parse_zone(&self.zone)?.name().to_string(),
            participants: self.participants,
        })
    }
}

/// The part of the local day a time falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DayPart {
    /// 09:00 to 18:00.
    Working,
    /// 07:00 to 09:00.
    Early,
    /// 18:00 to 22:00.
    Late,
    /// Before 07:00 or from 22:00.
    Night,
}

/// First minute of the day that is not night (07:00).
pub const DAY_START_MIN: u32 = 7 * 60;
/// First minute of the night (22:00).
pub const NIGHT_START_MIN: u32 = 22 * 60;
const WORK_START_MIN: u32 = 9 * 60;
const WORK_END_MIN: u32 = 18 * 60;

pub fn day_part(minute_of_day: u32) -> DayPart {
    match minute_of_day {
        m if !(DAY_START_MIN..NIGHT_START_MIN).contains(&m) => DayPart::Night,
        m if m < WORK_START_MIN => DayPart::Early,
        m if m < WORK_END_MIN => DayPart::Working,
        _ => DayPart::Late,
    }
}

/// The worst part of the day any minute of `[start, start + minutes)` falls in.
pub fn worst_day_part(start_minute_of_day: u32, minutes: u32) -> DayPart {
    (0..minutes.max(1)).map(|m| day_part((start_minute_of_day + m) % 1440)).max().unwrap_or(DayPart::Working)
}

/// A meeting's time as seen in one place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LocalTime {
    pub place: String,
    pub zone: String,
    pub participants: u32,
    /// Local start and end, `YYYY-MM-DDTHH:MM` in `zone`.
    pub start: String,
    pub end: String,
    /// The zone's abbreviation at that instant, e.g. "CEST", "NZDT", "+13".
    pub abbreviation: String,
    /// The UTC offset, e.g. "UTC+13:00".
    pub utc_offset: String,
    /// The local start date minus the UTC start date: −1, 0 or +1.
    pub day_shift: i32,
    /// The worst part of the day the meeting covers there.
    pub part: DayPart,
}

/// Formats an offset in seconds as "UTC+05:45" / "UTC−10:00" / "UTC".
pub fn format_offset(seconds: i32) -> String {
    if seconds == 0 {
        return "UTC".into();
    }
    let sign = if seconds < 0 { '−' } else { '+' };
    let s = seconds.unsigned_abs();
    format!("UTC{sign}{:02}:{:02}", s / 3600, (s % 3600) / 60)
}

/// The local time of `start` for `minutes` in `zone`.
pub fn local_time(
    start: DateTime<Utc>,
    minutes: u32,
    place: &str,
    zone: &str,
    participants: u32,
) -> Result<LocalTime, InvalidInput> {
    let tz = parse_zone(zone)?;
    let local = start.with_timezone(&tz);
    let end = (start + Duration::minutes(i64::from(minutes))).with_timezone(&tz);
    let minute_of_day = local.hour() * 60 + local.minute();
    Ok(LocalTime {
        place: place.to_string(),
        zone: tz.name().to_string(),
        participants,
        start: local.format("%Y-%m-%dT%H:%M").to_string(),
        end: end.format("%Y-%m-%dT%H:%M").to_string(),
        abbreviation: local.format("%Z").to_string(),
        utc_offset: format_offset(local.offset().fix().local_minus_utc()),
        day_shift: (local.date_naive() - start.date_naive()).num_days() as i32,
        part: worst_day_part(minute_of_day, minutes),
    })
}

/// The local times of a meeting in every place, in the order of the places.
pub fn local_times(
    start: DateTime<Utc>,
    minutes: u32,
    places: &[Place],
) -> Result<Vec<LocalTime>, InvalidInput> {
    places.iter().map(|p| local_time(start, minutes, &p.name, &p.zone, p.participants)).collect()
}

/// Parses a local wall-clock time `YYYY-MM-DDTHH:MM` in `zone` into an instant, refusing the
/// times that do not exist (skipped by a change to summer time) and asking which one is meant
/// when a time exists twice (repeated by the change back).
pub fn parse_local_start(text: &str, zone: &str) -> Result<DateTime<Utc>, InvalidInput> {
    let tz: Tz = parse_zone(zone)?;
    let t = text.trim();
    let naive = NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M"))
        .map_err(|_| {
            // Explain a bad date part with the date rules, else the expected shape.
            let date_part = t.split(['T', ' ']).next().unwrap_or(t);
            match crate::validate::parse_date(date_part) {
                Err(e) => e,
                Ok(_) => InvalidInput::Date(format!(
                    "\"{t}\" is not a local time: write it as YYYY-MM-DDTHH:MM, e.g. 2026-03-04T14:00"
                )),
            }
        })?;
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(dt) => Ok(dt.with_timezone(&Utc)),
        LocalResult::None => Err(InvalidInput::Date(format!(
            "{t} does not exist in {zone}: the clocks skip that hour when summer time starts; choose another time"
        ))),
        LocalResult::Ambiguous(a, b) => Err(InvalidInput::Date(format!(
            "{t} happens twice in {zone} when summer time ends ({} and {}); give the time in UTC or choose another time",
            a.format("%H:%M %Z"),
            b.format("%H:%M %Z")
        ))),
    }
}

/// One person's attendance of a meeting, repeated joins merged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Attendee {
    pub name: String,
    /// Lower-cased, or empty when the report has none.
    pub email: String,
    pub guest: bool,
    /// How many times the person joined.
    pub joins: u32,
    /// Minutes in the meeting, overlapping joins counted once.
    pub minutes: u32,
    pub first_join: DateTime<Utc>,
    pub last_leave: DateTime<Utc>,
    /// The coordinating-team member with the same e-mail address, if any.
    #[ts(type = "number | null")]
    pub team_member_id: Option<i64>,
}

/// A meeting of the BPF.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Meeting {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub kind: MeetingKind,
    /// The start, in UTC.
    pub start: DateTime<Utc>,
    /// The organiser's IANA zone: the zone the meeting was planned in.
    pub zone: String,
    pub minutes: u32,
    pub join_url: String,
    pub agenda: Vec<AgendaItem>,
    pub announced_on: Option<NaiveDate>,
    pub status: MeetingStatus,
    pub materials: Vec<String>,
    /// Markdown, drafted after the meeting.
    pub summary: String,
    /// Raised on every change, for calendar invitations (RFC 5545 SEQUENCE).
    pub sequence: u32,
    /// How many attendees the imported attendance lists (0 when none was imported).
    pub attendees: u32,
}

/// A meeting before it is stored, or the new content of one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MeetingInput {
    pub title: String,
    pub kind: MeetingKind,
    pub start: DateTime<Utc>,
    pub zone: String,
    pub minutes: u32,
    pub join_url: String,
    pub agenda: Vec<AgendaItem>,
    pub announced_on: Option<NaiveDate>,
    pub status: MeetingStatus,
    pub materials: Vec<String>,
    pub summary: String,
}

impl Meeting {
    /// The meeting's content, to store it again with a change.
    pub fn input(&self) -> MeetingInput {
        MeetingInput {
            title: self.title.clone(),
            kind: self.kind,
            start: self.start,
            zone: self.zone.clone(),
            minutes: self.minutes,
            join_url: self.join_url.clone(),
            agenda: self.agenda.clone(),
            announced_on: self.announced_on,
            status: self.status,
            materials: self.materials.clone(),
            summary: self.summary.clone(),
        }
    }

    pub fn end(&self) -> DateTime<Utc> {
        self.start + Duration::minutes(i64::from(self.minutes))
    }

    /// The meeting's date in the organiser's zone.
    pub fn local_date(&self) -> NaiveDate {
        match parse_zone(&self.zone) {
            Ok(tz) => self.start.with_timezone(&tz).date_naive(),
            Err(_) => self.start.date_naive(),
        }
    }
}

/// A skeleton for the summary of a meeting: one section per agenda item, to fill in after it.
pub fn summary_skeleton(m: &Meeting) -> String {
    if m.agenda.is_empty() {
        return "## Discussion\n\n\n## Next steps\n\n".to_string();
    }
    let mut out = String::new();
    for (i, a) in m.agenda.iter().enumerate() {
        out.push_str(&format!("## {}. {}\n\n", i + 1, a.title.trim()));
        if !a.presenter.trim().is_empty() {
            out.push_str(&format!("*Presented by {}.*\n\n", a.presenter.trim()));
        }
        out.push('\n');
    }
    out.push_str("## Next steps\n\n");
    out
}

/// The summary of a meeting as a Markdown document: heading, facts (time in UTC and in the
/// organiser's zone, attendance, link), agenda, then the summary text (or its skeleton).
pub fn summary_document(bpf_title: &str, m: &Meeting) -> String {
    let mut out = format!("# {bpf_title}: {}\n\n", m.title.trim());
    out.push_str(&format!(
        "- **When:** {}–{} UTC",
        m.start.format("%A %-d %B %Y, %H:%M"),
        m.end().format("%H:%M")
    ));
    if let Ok(local) = local_time(m.start, m.minutes, "", &m.zone, 0) {
        out.push_str(&format!(" ({} {} in {})", &local.start[11..], local.abbreviation, local.zone));
    }
    out.push('\n');
    out.push_str(&format!("- **Kind:** {}, {} minutes\n", m.kind.label(), m.minutes));
    if m.attendees > 0 {
        out.push_str(&format!("- **Attendance:** {} participants\n", m.attendees));
    }
    if !m.join_url.is_empty() {
        out.push_str(&format!("- **Link:** <{}>\n", m.join_url));
    }
    if !m.agenda.is_empty() {
        out.push_str("\n## Agenda\n\n");
        for (i, a) in m.agenda.iter().enumerate() {
            let who = if a.presenter.is_empty() { String::new() } else { format!(", {}", a.presenter) };
            out.push_str(&format!("{}. {} ({} min{who})\n", i + 1, a.title.trim(), a.minutes));
        }
    }
    if !m.materials.is_empty() {
        out.push_str("\n## Materials\n\n");
        for u in &m.materials {
            out.push_str(&format!("- <{u}>\n"));
        }
    }
    out.push_str("\n# Summary\n\n");
    let text = m.summary.trim();
    if text.is_empty() {
        out.push_str(&summary_skeleton(m));
    } else {
        out.push_str(text);
        out.push('\n');
    }
    out
}

pub fn check_meeting_input(m: &MeetingInput) -> Result<(), InvalidInput> {
    if m.title.trim().is_empty() {
        return Err(InvalidInput::Empty { what: "title of the meeting" });
    }
    parse_zone(&m.zone)?;
    if m.minutes == 0 || m.minutes > 12 * 60 {
        return Err(InvalidInput::Date(format!(
            "a meeting of {} minutes is not plausible: give between 1 and 720 minutes",
            m.minutes
        )));
    }
    let agenda: u32 = m.agenda.iter().map(|a| a.minutes).sum();
    if agenda > m.minutes {
        return Err(InvalidInput::Date(format!(
            "the agenda takes {agenda} minutes but the meeting lasts {} minutes",
            m.minutes
        )));
    }
    if m.agenda.iter().any(|a| a.title.trim().is_empty()) {
        return Err(InvalidInput::Empty { what: "title of an agenda item" });
    }
    Ok(())
}

/// Whether a date is on a Saturday or Sunday.
pub fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn day_parts() {
        assert_eq!(day_part(6 * 60 + 59), DayPart::Night);
        assert_eq!(day_part(7 * 60), DayPart::Early);
        assert_eq!(day_part(9 * 60), DayPart::Working);
        assert_eq!(day_part(18 * 60), DayPart::Late);
        assert_eq!(day_part(21 * 60 + 59), DayPart::Late);
        assert_eq!(day_part(22 * 60), DayPart::Night);
        // 21:00 for 90 minutes reaches into the night.
        assert_eq!(worst_day_part(21 * 60, 90), DayPart::Night);
        assert_eq!(worst_day_part(21 * 60, 60), DayPart::Late);
    }

    #[test]
    fn local_times_across_the_date_line_and_at_extreme_offsets() {
        // 4 March 2026, 20:00 UTC.
        let start = utc("2026-03-04T20:00:00Z");
        let apia = local_time(start, 60, "Apia", "Pacific/Apia", 3).unwrap();
        assert_eq!(apia.start, "2026-03-05T09:00");
        assert_eq!(apia.utc_offset, "UTC+13:00");
        assert_eq!(apia.day_shift, 1);
        assert_eq!(apia.part, DayPart::Working);
        let kiritimati = local_time(start, 60, "Kiritimati", "Pacific/Kiritimati", 1).unwrap();
        assert_eq!(kiritimati.start, "2026-03-05T10:00");
        assert_eq!(kiritimati.utc_offset, "UTC+14:00");
        let honolulu = local_time(start, 60, "Honolulu", "Pacific/Honolulu", 2).unwrap();
        assert_eq!(honolulu.start, "2026-03-04T10:00");
        assert_eq!(honolulu.utc_offset, "UTC−10:00");
        assert_eq!(honolulu.abbreviation, "HST");
        assert_eq!(honolulu.day_shift, 0);
        let kathmandu = local_time(start, 60, "Kathmandu", "Asia/Kathmandu", 1).unwrap();
        assert_eq!(kathmandu.start, "2026-03-05T01:45");
        assert_eq!(kathmandu.part, DayPart::Night);
    }

    #[test]
    fn dst_in_both_hemispheres() {
        // Europe changes on 29 March 2026, the US on 8 March, Sydney leaves summer time on 5 April.
        let before = utc("2026-03-02T13:00:00Z");
        let after = utc("2026-04-06T13:00:00Z");
        let geneva = |t| local_time(t, 60, "Geneva", "Europe/Zurich", 1).unwrap();
        assert_eq!(
            (geneva(before).start, geneva(before).abbreviation),
            ("2026-03-02T14:00".into(), "CET".into())
        );
        assert_eq!(
            (geneva(after).start, geneva(after).abbreviation),
            ("2026-04-06T15:00".into(), "CEST".into())
        );
        let sydney = |t| local_time(t, 60, "Sydney", "Australia/Sydney", 1).unwrap();
        assert_eq!(sydney(before).start, "2026-03-03T00:00");
        assert_eq!(sydney(before).utc_offset, "UTC+11:00");
        assert_eq!(sydney(after).start, "2026-04-06T23:00");
        assert_eq!(sydney(after).utc_offset, "UTC+10:00");
        let santiago = |t| local_time(t, 60, "Santiago", "America/Santiago", 1).unwrap();
        assert_eq!(santiago(before).utc_offset, "UTC−03:00");
        assert_eq!(santiago(after).utc_offset, "UTC−04:00");
    }

    #[test]
    fn local_start_parsing_refuses_skipped_and_repeated_times() {
        assert_eq!(
            parse_local_start("2026-03-04T14:00", "Europe/Zurich").unwrap(),
            utc("2026-03-04T13:00:00Z")
        );
        let e = parse_local_start("2026-03-29T02:30", "Europe/Zurich").unwrap_err().to_string();
        assert!(e.contains("does not exist in Europe/Zurich"), "{e}");
        let e = parse_local_start("2026-10-25T02:30", "Europe/Zurich").unwrap_err().to_string();
        assert!(e.contains("happens twice"), "{e}");
        let e = parse_local_start("2026-02-30T10:00", "UTC").unwrap_err().to_string();
        assert!(e.contains("February 2026 has 28 days"), "{e}");
        let e = parse_local_start("2026-03-04 25:00", "UTC").unwrap_err().to_string();
        assert!(e.contains("YYYY-MM-DDTHH:MM"), "{e}");
        assert!(parse_local_start("2026-03-04T10:00", "Mars/Base").is_err());
    }

    #[test]
    fn the_summary_has_the_facts_and_a_skeleton_from_the_agenda() {
        let m = Meeting {
            id: 1,
            title: "Open virtual meeting 2".into(),
            kind: MeetingKind::OpenVirtualMeeting,
            start: utc("2026-06-10T13:00:00Z"),
            zone: "Europe/Zurich".into(),
            minutes: 90,
            join_url: "https://meet.example.org/x".into(),
            agenda: vec![
                AgendaItem { title: "Welcome".into(), presenter: "Ben Wallis".into(), minutes: 10 },
                AgendaItem { title: "Case studies".into(), presenter: String::new(), minutes: 60 },
            ],
            announced_on: None,
            status: MeetingStatus::Held,
            materials: vec![],
            summary: String::new(),
            sequence: 2,
            attendees: 23,
        };
        let doc = summary_document("BPF Cybersecurity", &m);
        assert!(doc.starts_with("# BPF Cybersecurity: Open virtual meeting 2\n"), "{doc}");
        assert!(
            doc.contains("- **When:** Wednesday 10 June 2026, 13:00–14:30 UTC (15:00 CEST in Europe/Zurich)"),
            "{doc}"
        );
        assert!(doc.contains("- **Attendance:** 23 participants"));
        assert!(doc.contains("1. Welcome (10 min, Ben Wallis)\n2. Case studies (60 min)"));
        assert!(doc.contains("## 1. Welcome\n\n*Presented by Ben Wallis.*"));
        assert!(doc.contains("## 2. Case studies\n"));
        let written = Meeting { summary: "We agreed on the outline.".into(), ..m };
        let doc = summary_document("BPF", &written);
        assert!(doc.ends_with("# Summary\n\nWe agreed on the outline.\n"), "{doc}");
    }

    #[test]
    fn offsets_format_with_a_real_minus_sign() {
        assert_eq!(format_offset(0), "UTC");
        assert_eq!(format_offset(5 * 3600 + 45 * 60), "UTC+05:45");
        assert_eq!(format_offset(-(9 * 3600 + 30 * 60)), "UTC−09:30");
    }
}
