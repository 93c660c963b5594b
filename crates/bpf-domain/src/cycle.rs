//! The yearly cycle of a BPF, laid out from the annual meeting.

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::model::{
    Anchor, AnnualMeeting, Derivation, DerivedEnd, Milestone, MilestoneInput, MilestoneKind, MilestoneStatus,
};

/// Days between the draft output's publication for public comment and the first day of the
/// annual meeting: "approximately six weeks", the same rule for all intersessional groups.
pub const DRAFT_LEAD_DAYS: i32 = 42;
/// The final output follows the meeting by default four weeks.
pub const FINAL_OUTPUT_DAYS: i32 = 28;
pub const DISSEMINATION_DAYS: i32 = 35;
pub const NEXT_YEAR_TOPICS_DAYS: i32 = 49;

/// Adds (or subtracts) whole days; saturates at the calendar's ends instead of panicking.
pub fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs())).unwrap_or(NaiveDate::MAX)
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs())).unwrap_or(NaiveDate::MIN)
    }
}

fn sub_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_sub_months(Months::new(months)).unwrap_or(NaiveDate::MIN)
}

fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months)).unwrap_or(NaiveDate::MAX)
}

/// The date the draft output must be published for public comment.
pub fn draft_deadline(meeting: &AnnualMeeting) -> NaiveDate {
    add_days(meeting.start, -i64::from(DRAFT_LEAD_DAYS))
}

fn anchor_date(meeting: &AnnualMeeting, anchor: Anchor) -> NaiveDate {
    match anchor {
        Anchor::MeetingStart => meeting.start,
        Anchor::MeetingEnd => meeting.end,
    }
}

/// The dates a derivation gives for a given annual meeting.
pub fn derive_dates(meeting: &AnnualMeeting, d: &Derivation) -> (NaiveDate, Option<NaiveDate>) {
    let date = add_days(anchor_date(meeting, d.anchor), i64::from(d.offset_days));
    let end = d.end.map(|e| add_days(anchor_date(meeting, e.anchor), i64::from(e.offset_days)).max(date));
    (date, end)
}

/// Recomputes the dates of every derived milestone after the meeting moved; returns the ones
/// whose dates changed, with their new content.
pub fn rederive(meeting: &AnnualMeeting, milestones: &[Milestone]) -> Vec<(i64, MilestoneInput)> {
    milestones
        .iter()
        .filter_map(|m| {
            let d = m.derived?;
            let (date, end_date) = derive_dates(meeting, &d);
            (date != m.date || end_date != m.end_date)
                .then(|| (m.id, MilestoneInput { date, end_date, ..m.input() }))
        })
        .collect()
}

/// July and August: activity slows down, plan key calls and deadlines outside them.
pub fn is_summer(date: NaiveDate) -> bool {
    matches!(date.month(), 7 | 8)
}

/// Whether any day of the period falls in July or August.
pub fn touches_summer(start: NaiveDate, end: NaiveDate) -> bool {
    if is_summer(start) || is_summer(end) {
        return true;
    }
    // A period that starts before July and ends after August of the same or a later year.
    let mut y = start.year();
    while y <= end.year() {
        if let Some(july) = NaiveDate::from_ymd_opt(y, 7, 1)
            && start <= july
            && july <= end
        {
            return true;
        }
        y += 1;
    }
    false
}

/// Moves a date out of July and August to the nearer of 30 June and 1 September, if that keeps
/// it inside `[lo, hi]`; otherwise keeps it (the warning will tell).
fn out_of_summer(date: NaiveDate, lo: NaiveDate, hi: NaiveDate) -> NaiveDate {
    if !is_summer(date) {
        return date;
    }
    let y = date.year();
    let (Some(june30), Some(sept1)) = (NaiveDate::from_ymd_opt(y, 6, 30), NaiveDate::from_ymd_opt(y, 9, 1))
    else {
        return date;
    };
    let mut options = [june30, sept1];
    options.sort_by_key(|d| (*d - date).num_days().abs());
    options.into_iter().find(|d| *d >= lo && *d <= hi).unwrap_or(date)
}

fn derived(anchor: Anchor, offset_days: i32, end: Option<(Anchor, i32)>) -> Option<Derivation> {
    Some(Derivation {
        anchor,
        offset_days,
        end: end.map(|(anchor, offset_days)| DerivedEnd { anchor, offset_days }),
    })
}

fn item(
    title: &str,
    kind: MilestoneKind,
    derivation: Option<Derivation>,
    fixed: NaiveDate,
    meeting: &AnnualMeeting,
) -> MilestoneInput {
    let (date, end_date) = match &derivation {
        Some(d) => derive_dates(meeting, d),
        None => (fixed, None),
    };
    MilestoneInput {
        title: title.to_string(),
        kind,
        date,
        end_date,
        owner: String::new(),
        workstream_id: None,
        status: MilestoneStatus::Planned,
        derived: derivation,
        notes: String::new(),
    }
}

/// The standard cycle a new BPF starts with, every item editable afterwards.
///
/// Dates tied to the meeting are derived (they move with it). The early ones are proposals:
/// kick-off seven months before the draft deadline but not before 1 February of the meeting's
/// year (the MAG approves topics early in the year), then the workstreams a month later, three
/// open virtual meetings spread over the active period, and a call for contributions of four
/// weeks; none of them in July or August where the calendar allows it.
pub fn standard_cycle(meeting: &AnnualMeeting) -> Vec<MilestoneInput> {
    let deadline = draft_deadline(meeting);
    let year_start = NaiveDate::from_ymd_opt(meeting.start.year(), 2, 1).unwrap_or(meeting.start);
    let kick_off = sub_months(deadline, 7).max(year_start).min(deadline);
    let lo = kick_off;
    let hi = add_days(deadline, -1).max(kick_off);
    let activation = out_of_summer(add_months(kick_off, 1).min(hi), lo, hi);
    let call = out_of_summer(add_days(kick_off, 42).min(hi), lo, hi);
    let span = (deadline - kick_off).num_days().max(3);

    let mut out = vec![
        item("Kick-off of the BPF", MilestoneKind::KickOff, None, kick_off, meeting),
        item("Activation of the workstreams", MilestoneKind::WorkstreamActivation, None, activation, meeting),
    ];
    // Open virtual meetings at 1/6, 1/2 and 5/6 of the active period, moved out of summer.
    for (n, sixths) in [(1, 1), (2, 3), (3, 5)] {
        let date = out_of_summer(add_days(kick_off, span * sixths / 6), lo, hi);
        out.push(item(&format!("Open virtual meeting {n}"), MilestoneKind::OpenMeeting, None, date, meeting));
    }
    let mut call_item =
        item("Call for contributions", MilestoneKind::CallForContributions, None, call, meeting);
    call_item.end_date = Some(add_days(call, 28).min(hi).max(call));
    out.push(call_item);
    out.extend([
        item(
            "Draft output published for public comment",
            MilestoneKind::DraftPublished,
            derived(Anchor::MeetingStart, -DRAFT_LEAD_DAYS, None),
            deadline,
            meeting,
        ),
        item(
            "Public comment period",
            MilestoneKind::PublicComment,
            derived(Anchor::MeetingStart, -DRAFT_LEAD_DAYS, Some((Anchor::MeetingStart, -1))),
            deadline,
            meeting,
        ),
        item(
            "BPF session at the annual meeting",
            MilestoneKind::AnnualMeetingSession,
            derived(Anchor::MeetingStart, 0, Some((Anchor::MeetingEnd, 0))),
            meeting.start,
            meeting,
        ),
        item(
            "Final output published",
            MilestoneKind::FinalOutput,
            derived(Anchor::MeetingEnd, FINAL_OUTPUT_DAYS, None),
            meeting.end,
            meeting,
        ),
        item(
            "Dissemination to target institutions",
            MilestoneKind::Dissemination,
            derived(Anchor::MeetingEnd, DISSEMINATION_DAYS, None),
            meeting.end,
            meeting,
        ),
        item(
            "Discussion of next year's topics",
            MilestoneKind::NextYearTopics,
            derived(Anchor::MeetingEnd, NEXT_YEAR_TOPICS_DAYS, None),
            meeting.end,
            meeting,
        ),
    ]);
    out
}

/// The derivation the standard cycle gives a kind, to re-attach a milestone to the meeting.
pub fn standard_derivation(kind: MilestoneKind) -> Option<Derivation> {
    match kind {
        MilestoneKind::DraftPublished => derived(Anchor::MeetingStart, -DRAFT_LEAD_DAYS, None),
        MilestoneKind::PublicComment => {
            derived(Anchor::MeetingStart, -DRAFT_LEAD_DAYS, Some((Anchor::MeetingStart, -1)))
        }
        MilestoneKind::AnnualMeetingSession => {
            derived(Anchor::MeetingStart, 0, Some((Anchor::MeetingEnd, 0)))
        }
        MilestoneKind::FinalOutput => derived(Anchor::MeetingEnd, FINAL_OUTPUT_DAYS, None),
        MilestoneKind::Dissemination => derived(Anchor::MeetingEnd, DISSEMINATION_DAYS, None),
        MilestoneKind::NextYearTopics => derived(Anchor::MeetingEnd, NEXT_YEAR_TOPICS_DAYS, None),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MeetingFormat;

    fn d(s: &str) -> NaiveDate {
        crate::parse_date(s).unwrap()
    }

    fn meeting(start: &str, end: &str, zone: &str) -> AnnualMeeting {
        AnnualMeeting {
            start: d(start),
            end: d(end),
            place: "Somewhere".into(),
            format: MeetingFormat::InPerson,
            zone: zone.into(),
        }
    }

    #[test]
    fn six_week_rule_on_known_meetings() {
        assert_eq!(draft_deadline(&meeting("2026-11-09", "2026-11-13", "Europe/Berlin")), d("2026-09-28"));
        assert_eq!(draft_deadline(&meeting("2020-11-02", "2020-11-17", "Europe/Zurich")), d("2020-09-21"));
        // Riyadh 2024, Lillestrøm 2025, Kyoto 2023.
        assert_eq!(draft_deadline(&meeting("2024-12-15", "2024-12-19", "Asia/Riyadh")), d("2024-11-03"));
        assert_eq!(draft_deadline(&meeting("2025-06-23", "2025-06-27", "Europe/Oslo")), d("2025-05-12"));
        assert_eq!(draft_deadline(&meeting("2023-10-08", "2023-10-12", "Asia/Tokyo")), d("2023-08-27"));
    }

    #[test]
    fn six_week_rule_across_a_year_end() {
        assert_eq!(draft_deadline(&meeting("2027-01-10", "2027-01-14", "UTC")), d("2026-11-29"));
        assert_eq!(draft_deadline(&meeting("2028-02-10", "2028-02-12", "UTC")), d("2027-12-30"));
        // Leap day inside the six weeks.
        assert_eq!(draft_deadline(&meeting("2028-04-10", "2028-04-12", "UTC")), d("2028-02-28"));
    }

    #[test]
    fn six_week_rule_is_counted_in_calendar_days_across_dst() {
        // Europe leaves summer time on 25 October 2026 and the US on 1 November 2026: the
        // deadline is a calendar date in the meeting's zone, 42 days, never 42 × 24 hours.
        for zone in ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Pacific/Apia"] {
            let m = meeting("2026-11-09", "2026-11-13", zone);
            assert_eq!(draft_deadline(&m), d("2026-09-28"), "{zone}");
        }
        // Spring forward inside the window (Europe, 29 March 2026).
        assert_eq!(draft_deadline(&meeting("2026-04-20", "2026-04-22", "Europe/Paris")), d("2026-03-09"));
    }

    #[test]
    fn moving_the_meeting_moves_only_derived_dates() {
        let m1 = meeting("2026-11-09", "2026-11-13", "UTC");
        let milestones: Vec<Milestone> = standard_cycle(&m1)
            .into_iter()
            .enumerate()
            .map(|(i, input)| Milestone {
                id: i as i64 + 1,
                title: input.title,
                kind: input.kind,
                date: input.date,
                end_date: input.end_date,
                owner: input.owner,
                workstream_id: input.workstream_id,
                status: input.status,
                derived: input.derived,
                notes: input.notes,
            })
            .collect();
        let m2 = meeting("2026-12-07", "2026-12-10", "UTC");
        let changed = rederive(&m2, &milestones);
        let kinds: Vec<MilestoneKind> =
            changed.iter().map(|(id, _)| milestones.iter().find(|m| m.id == *id).unwrap().kind).collect();
        assert_eq!(
            kinds,
            vec![
                MilestoneKind::DraftPublished,
                MilestoneKind::PublicComment,
                MilestoneKind::AnnualMeetingSession,
                MilestoneKind::FinalOutput,
                MilestoneKind::Dissemination,
                MilestoneKind::NextYearTopics
            ]
        );
        let draft = &changed[0].1;
        assert_eq!(draft.date, d("2026-10-26"));
        let comment = &changed[1].1;
        assert_eq!((comment.date, comment.end_date), (d("2026-10-26"), Some(d("2026-12-06"))));
        assert_eq!(changed[3].1.date, d("2027-01-07"));
        // Moving back gives the first dates again.
        assert!(rederive(&m1, &milestones).is_empty());
    }

    #[test]
    fn standard_cycle_for_november_2026() {
        let m = meeting("2026-11-09", "2026-11-13", "Europe/Berlin");
        let c = standard_cycle(&m);
        let by = |k| c.iter().find(|x| x.kind == k).unwrap();
        assert_eq!(by(MilestoneKind::KickOff).date, d("2026-02-28"));
        assert_eq!(by(MilestoneKind::DraftPublished).date, d("2026-09-28"));
        assert!(by(MilestoneKind::DraftPublished).derived.is_some());
        assert_eq!(by(MilestoneKind::PublicComment).end_date, Some(d("2026-11-08")));
        assert_eq!(by(MilestoneKind::AnnualMeetingSession).end_date, Some(d("2026-11-13")));
        assert_eq!(by(MilestoneKind::FinalOutput).date, d("2026-12-11"));
        assert_eq!(c.iter().filter(|x| x.kind == MilestoneKind::OpenMeeting).count(), 3);
        for x in &c {
            assert!(
                !touches_summer(x.date, x.end_date.unwrap_or(x.date)),
                "{} in summer: {}",
                x.title,
                x.date
            );
        }
        // Every date is inside the cycle's order.
        let dates: Vec<NaiveDate> = c
            .iter()
            .filter(|x| x.kind != MilestoneKind::OpenMeeting && x.kind != MilestoneKind::CallForContributions)
            .map(|x| x.date)
            .collect();
        assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    }

    #[test]
    fn standard_cycle_for_a_june_meeting_is_short_but_sane() {
        let m = meeting("2025-06-23", "2025-06-27", "Europe/Oslo");
        let c = standard_cycle(&m);
        let kick = c.iter().find(|x| x.kind == MilestoneKind::KickOff).unwrap();
        assert_eq!(kick.date, d("2025-02-01"));
        let draft = c.iter().find(|x| x.kind == MilestoneKind::DraftPublished).unwrap();
        for x in c.iter().filter(|x| x.kind.precedes_meeting()) {
            assert!(x.date >= kick.date && x.date <= draft.date, "{} on {}", x.title, x.date);
        }
    }

    #[test]
    fn summer_detection() {
        assert!(is_summer(d("2026-08-10")));
        assert!(!is_summer(d("2026-06-30")));
        assert!(touches_summer(d("2026-06-01"), d("2026-09-30")));
        assert!(!touches_summer(d("2026-09-01"), d("2027-06-30")));
        assert!(touches_summer(d("2026-09-01"), d("2027-07-01")));
    }
}
