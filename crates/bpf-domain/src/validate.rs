//! Checks of user input, each failing with a sentence that says what is wrong and how to fix it.

use chrono::{Datelike, NaiveDate};
use chrono_tz::Tz;

use crate::model::{AnnualMeeting, MilestoneInput, Profile, TeamMemberInput, WorkstreamInput};

/// Input the domain refuses. The message is meant for the user as it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidInput {
    /// A date or time that cannot be used, with the sentence that says why.
    #[error("{0}")]
    Date(String),
    /// Input refused for a reason stated in full (a file that is not what was expected, a
    /// choice that does not fit).
    #[error("{0}")]
    Refused(String),
    /// The final output asked for while public comments on the draft are open (the page offers
    /// to publish anyway).
    #[error(
        "{open} public comment{} on the draft {} not resolved yet: give each a disposition (and a response where it is partly or not accepted), or publish anyway with the override",
        if *open == 1 { "" } else { "s" },
        if *open == 1 { "is" } else { "are" }
    )]
    UnresolvedComments { open: usize },
    #[error(
        "unknown time zone \"{0}\": use an IANA zone name such as Europe/Berlin, America/New_York or UTC"
    )]
    Zone(String),
    #[error("the annual meeting ends ({end}) before it starts ({start})")]
    MeetingEndsBeforeStart { start: NaiveDate, end: NaiveDate },
    #[error(
        "the annual meeting lasts {days} days ({start} to {end}); an IGF annual meeting lasts at most 21 days"
    )]
    MeetingTooLong { start: NaiveDate, end: NaiveDate, days: i64 },
    #[error("the title is empty: give the BPF a title")]
    EmptyTitle,
    #[error("the year {0} is out of range: a BPF year lies between 2006 and 2100")]
    Year(i32),
    #[error("the annual meeting ({start}) is not in the BPF year {year} or early in the next one")]
    MeetingOutsideYear { year: i32, start: NaiveDate },
    #[error("the {what} is empty")]
    Empty { what: &'static str },
    #[error("\"{title}\" ends ({end}) before it starts ({start})")]
    PeriodEndsBeforeStart { title: String, start: NaiveDate, end: NaiveDate },
    #[error("\"{0}\" is not an e-mail address")]
    Email(String),
    #[error("\"{0}\" is not a web address: it should start with https:// or http://")]
    Url(String),
    #[error("{what} is too long ({len} characters, at most {max})")]
    TooLong { what: &'static str, len: usize, max: usize },
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub fn month_name(month: u32) -> &'static str {
    MONTHS[(month as usize).saturating_sub(1) % 12]
}

/// Parses an ISO calendar date (`YYYY-MM-DD`), explaining what is wrong with a bad one.
pub fn parse_date(text: &str) -> Result<NaiveDate, InvalidInput> {
    let t = text.trim();
    let bad = |why: String| InvalidInput::Date(format!("\"{t}\" is not a date: {why}"));
    let parts: Vec<&str> = t.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return Err(bad("write it as YYYY-MM-DD, e.g. 2026-11-09".into()));
    };
    let shape_ok = y.len() == 4
        && m.len() == 2
        && d.len() == 2
        && [y, m, d].iter().all(|p| p.chars().all(|c| c.is_ascii_digit()));
    if !shape_ok {
        return Err(bad("write it as YYYY-MM-DD, e.g. 2026-11-09".into()));
    }
    let (y, m, d): (i32, u32, u32) = (
        y.parse().map_err(|_| bad("the year is not a number".into()))?,
        m.parse().map_err(|_| bad("the month is not a number".into()))?,
        d.parse().map_err(|_| bad("the day is not a number".into()))?,
    );
    if !(1..=12).contains(&m) {
        return Err(bad(format!("there is no month {m}")));
    }
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
        let days = days_in_month(y, m);
        bad(format!("{} {y} has {days} days", month_name(m)))
    })
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    let first = NaiveDate::from_ymd_opt(year, month, 1);
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    match (first, next) {
        (Some(a), Some(b)) => (b - a).num_days() as u32,
        _ => 31,
    }
}

/// City names people write as if they were zones but that the IANA database files under another
/// city of the same zone (Geneva keeps Zurich's time, New Delhi Kolkata's).
const ZONE_ALIASES: &[(&str, &str)] = &[
    ("Europe/Geneva", "Europe/Zurich"),
    ("Europe/Bern", "Europe/Zurich"),
    ("Europe/The_Hague", "Europe/Amsterdam"),
    ("Europe/Edinburgh", "Europe/London"),
    ("America/Washington", "America/New_York"),
    ("America/San_Francisco", "America/Los_Angeles"),
    ("America/Ottawa", "America/Toronto"),
    ("America/Brasilia", "America/Sao_Paulo"),
    ("Asia/New_Delhi", "Asia/Kolkata"),
    ("Asia/Delhi", "Asia/Kolkata"),
    ("Asia/Mumbai", "Asia/Kolkata"),
    ("Asia/Beijing", "Asia/Shanghai"),
    ("Australia/Canberra", "Australia/Sydney"),
];

/// Parses an IANA time zone name (or one of the common city aliases above).
pub fn parse_zone(name: &str) -> Result<Tz, InvalidInput> {
    let name = name.trim();
    let canonical = ZONE_ALIASES
        .iter()
        .find(|(alias, _)| alias.eq_ignore_ascii_case(name))
        .map_or(name, |(_, zone)| zone);
    canonical.parse::<Tz>().map_err(|_| InvalidInput::Zone(name.to_string()))
}

fn check_len(what: &'static str, s: &str, max: usize) -> Result<(), InvalidInput> {
    let len = s.chars().count();
    if len > max {
        return Err(InvalidInput::TooLong { what, len, max });
    }
    Ok(())
}

fn check_email(s: &str) -> Result<(), InvalidInput> {
    if s.trim().is_empty() { Ok(()) } else { crate::people::normalise_email(s).map(|_| ()) }
}

fn check_url(s: &str) -> Result<(), InvalidInput> {
    let s = s.trim();
    if s.is_empty() || ((s.starts_with("https://") || s.starts_with("http://")) && s.len() > 10) {
        Ok(())
    } else {
        Err(InvalidInput::Url(s.to_string()))
    }
}

pub fn check_year(year: i32) -> Result<(), InvalidInput> {
    if (2006..=2100).contains(&year) { Ok(()) } else { Err(InvalidInput::Year(year)) }
}

pub fn check_profile(p: &Profile) -> Result<(), InvalidInput> {
    if p.title.trim().is_empty() {
        return Err(InvalidInput::EmptyTitle);
    }
    check_len("the title", &p.title, 300)?;
    check_year(p.year)?;
    check_len("the topic and focus", &p.topic, 20_000)?;
    check_len("the goal", &p.goal, 20_000)?;
    check_url(&p.website_url)?;
    // A Mailman list is given by its posting address or its listinfo page.
    if p.mailing_list.contains("://") {
        check_url(&p.mailing_list)?;
    } else {
        check_email(&p.mailing_list)?;
    }
    check_email(&p.contact_email)
}

pub fn check_meeting(m: &AnnualMeeting) -> Result<(), InvalidInput> {
    parse_zone(&m.zone)?;
    if m.end < m.start {
        return Err(InvalidInput::MeetingEndsBeforeStart { start: m.start, end: m.end });
    }
    let days = (m.end - m.start).num_days() + 1;
    if days > 21 {
        return Err(InvalidInput::MeetingTooLong { start: m.start, end: m.end, days });
    }
    check_len("the place", &m.place, 300)
}

/// The meeting must belong to the BPF's year (a December meeting may spill into January).
pub fn check_meeting_in_year(year: i32, m: &AnnualMeeting) -> Result<(), InvalidInput> {
    if m.start.year() == year || (m.start.year() == year + 1 && m.start.month() == 1) {
        Ok(())
    } else {
        Err(InvalidInput::MeetingOutsideYear { year, start: m.start })
    }
}

pub fn check_team_member(t: &TeamMemberInput) -> Result<(), InvalidInput> {
    if t.name.trim().is_empty() {
        return Err(InvalidInput::Empty { what: "name of the team member" });
    }
    check_len("the name", &t.name, 200)?;
    check_len("the organisation", &t.organisation, 300)?;
    check_email(&t.email)
}

pub fn check_workstream(w: &WorkstreamInput) -> Result<(), InvalidInput> {
    if w.name.trim().is_empty() {
        return Err(InvalidInput::Empty { what: "name of the workstream" });
    }
    check_len("the workstream name", &w.name, 300)?;
    check_len("the objective", &w.objective, 5_000)
}

pub fn check_milestone(m: &MilestoneInput) -> Result<(), InvalidInput> {
    if m.title.trim().is_empty() {
        return Err(InvalidInput::Empty { what: "title of the milestone" });
    }
    check_len("the milestone title", &m.title, 300)?;
    check_len("the notes", &m.notes, 20_000)?;
    if let Some(end) = m.end_date
        && end < m.date
    {
        return Err(InvalidInput::PeriodEndsBeforeStart { title: m.title.clone(), start: m.date, end });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impossible_dates_say_why() {
        let e = parse_date("2026-02-30").unwrap_err().to_string();
        assert_eq!(e, "\"2026-02-30\" is not a date: February 2026 has 28 days");
        let e = parse_date("2028-02-30").unwrap_err().to_string();
        assert!(e.contains("February 2028 has 29 days"), "{e}");
        assert!(parse_date("2026-13-01").unwrap_err().to_string().contains("no month 13"));
        assert!(parse_date("9/11/2026").unwrap_err().to_string().contains("YYYY-MM-DD"));
        assert!(parse_date("").is_err());
        assert_eq!(parse_date(" 2026-11-09 ").unwrap(), NaiveDate::from_ymd_opt(2026, 11, 9).unwrap());
    }

    #[test]
    fn zones_are_iana_names() {
        assert!(parse_zone("Europe/Oslo").is_ok());
        assert!(parse_zone("UTC").is_ok());
        // Geneva is not a zone of its own: it keeps Zurich's time.
        assert_eq!(parse_zone("Europe/Geneva").unwrap().name(), "Europe/Zurich");
        let e = parse_zone("Mars/Olympus").unwrap_err().to_string();
        assert!(e.starts_with("unknown time zone \"Mars/Olympus\""), "{e}");
    }

    #[test]
    fn meeting_must_end_after_it_starts() {
        let d = |s| parse_date(s).unwrap();
        let mut m = AnnualMeeting {
            start: d("2026-11-13"),
            end: d("2026-11-09"),
            place: "x".into(),
            format: crate::MeetingFormat::InPerson,
            zone: "UTC".into(),
        };
        assert_eq!(
            check_meeting(&m).unwrap_err().to_string(),
            "the annual meeting ends (2026-11-09) before it starts (2026-11-13)"
        );
        m.end = d("2026-11-13");
        assert!(check_meeting(&m).is_ok());
    }

    #[test]
    fn profile_needs_a_title_and_plausible_addresses() {
        let mut p = Profile { title: "  ".into(), year: 2026, ..Default::default() };
        assert_eq!(check_profile(&p), Err(InvalidInput::EmptyTitle));
        p.title = "BPF Cybersecurity".into();
        assert!(check_profile(&p).is_ok());
        p.contact_email = "bpf at example.org".into();
        assert!(check_profile(&p).is_err());
        p.contact_email = "bpf@example.org".into();
        p.website_url = "www.example.org".into();
        assert!(check_profile(&p).unwrap_err().to_string().contains("https://"));
    }
}
