//! The computed view of a BPF year for a given day: derived deadline, statuses, warnings.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::cycle::{draft_deadline, is_summer, touches_summer};
use crate::model::{BpfYear, EffectiveStatus, Milestone, MilestoneKind, MilestoneStatus, TeamMember};

/// Stable warning codes: scripts and the UI rely on them; add new ones, never rename.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[ts(export)]
pub enum WarningCode {
    /// A deadline or meeting falls in July or August.
    SummerDate,
    /// Today is past the six-week deadline and the draft is not published.
    DraftDeadlinePassed,
    /// No annual meeting (so no deadline), or no draft-publication milestone.
    DraftDeadlineMissing,
    /// The draft-publication milestone is planned after the six-week deadline.
    DraftAfterDeadline,
    /// Work that feeds the annual meeting is planned on or after its first day.
    AfterAnnualMeeting,
    /// Kick-off to draft deadline is shorter than six months.
    ShortActivePeriod,
    /// Fewer than three open virtual meetings are planned.
    FewOpenMeetings,
    /// Fewer than two facilitators, or none of them a MAG member.
    FacilitatorRule,
    /// A milestone has no owner.
    MilestoneWithoutOwner,
    /// A milestone's date is past and it is not done.
    MilestoneLate,
}

/// What a warning is about, so the UI can point at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", content = "id", rename_all = "snake_case")]
#[ts(export)]
pub enum ItemRef {
    Milestone(#[ts(type = "number")] i64),
    Meeting(#[ts(type = "number")] i64),
    TeamMember(#[ts(type = "number")] i64),
    AnnualMeeting,
    Team,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Warning {
    pub code: WarningCode,
    pub message: String,
    pub items: Vec<ItemRef>,
}

/// The "at least two facilitators, at least one of them a MAG member" rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FacilitatorCheck {
    pub facilitators: u32,
    pub mag_members_among_them: u32,
    pub ok: bool,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MilestoneView {
    #[serde(flatten)]
    #[ts(flatten)]
    pub milestone: Milestone,
    pub effective_status: EffectiveStatus,
}

/// A BPF year as seen on a given day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlanView {
    pub today: NaiveDate,
    pub draft_deadline: Option<NaiveDate>,
    /// Kick-off to draft deadline, in days.
    #[ts(type = "number | null")]
    pub active_period_days: Option<i64>,
    pub year: BpfYear,
    pub milestones: Vec<MilestoneView>,
    pub facilitators: FacilitatorCheck,
    pub warnings: Vec<Warning>,
}

pub fn effective_status(m: &Milestone, today: NaiveDate) -> EffectiveStatus {
    match m.status {
        MilestoneStatus::Done => EffectiveStatus::Done,
        MilestoneStatus::Planned if m.last_day() < today => EffectiveStatus::Late,
        MilestoneStatus::Planned => EffectiveStatus::Planned,
    }
}

pub fn facilitator_check(team: &[TeamMember]) -> FacilitatorCheck {
    let facilitators: Vec<&TeamMember> = team.iter().filter(|t| t.role.is_facilitator()).collect();
    let n = facilitators.len() as u32;
    let mag = facilitators.iter().filter(|t| t.mag_member).count() as u32;
    let ok = n >= 2 && mag >= 1;
    let message = match (n, mag) {
        (0, _) => {
            "No facilitator yet: a BPF needs at least two facilitators, at least one of them a MAG member."
                .to_string()
        }
        (1, _) => format!(
            "Only one facilitator: a BPF needs at least two, at least one of them a MAG member{}.",
            if mag == 0 { " (none is yet)" } else { "" }
        ),
        (_, 0) => format!("{n} facilitators, but none is a MAG member: at least one must be."),
        _ => format!(
            "{n} facilitators, {mag} of them MAG member{}: the rule is met.",
            if mag == 1 { "" } else { "s" }
        ),
    };
    FacilitatorCheck { facilitators: n, mag_members_among_them: mag, ok, message }
}

fn fmt_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// Builds the plan view: sorted milestones with derived status, the deadline and every warning.
pub fn plan_view(year: BpfYear, today: NaiveDate) -> PlanView {
    let deadline = year.meeting.as_ref().map(draft_deadline);
    let mut milestones: Vec<MilestoneView> = year
        .milestones
        .iter()
        .map(|m| MilestoneView { milestone: m.clone(), effective_status: effective_status(m, today) })
        .collect();
    milestones.sort_by_key(|m| (m.milestone.date, m.milestone.last_day(), m.milestone.id));
    let kick_off = year.milestones.iter().filter(|m| m.kind == MilestoneKind::KickOff).map(|m| m.date).min();
    let active_period_days = match (kick_off, deadline) {
        (Some(k), Some(d)) => Some((d - k).num_days()),
        _ => None,
    };
    let facilitators = facilitator_check(&year.team);
    let warnings = warnings(&year, &milestones, deadline, kick_off, &facilitators, today);
    PlanView { today, draft_deadline: deadline, active_period_days, year, milestones, facilitators, warnings }
}

fn warnings(
    year: &BpfYear,
    milestones: &[MilestoneView],
    deadline: Option<NaiveDate>,
    kick_off: Option<NaiveDate>,
    facilitators: &FacilitatorCheck,
    today: NaiveDate,
) -> Vec<Warning> {
    let mut out = Vec::new();
    let ms = || milestones.iter().map(|v| &v.milestone);
    let ids = |f: &dyn Fn(&Milestone) -> bool| -> Vec<ItemRef> {
        ms().filter(|m| f(m)).map(|m| ItemRef::Milestone(m.id)).collect()
    };
    // Names the concerned milestones; past five, the rest are counted (the items list has all).
    let titles = |f: &dyn Fn(&Milestone) -> bool| -> String {
        let all: Vec<String> =
            ms().filter(|m| f(m)).map(|m| format!("\"{}\" ({})", m.title, fmt_date(m.date))).collect();
        match all.len() {
            0..=5 => all.join(", "),
            n => format!("{} and {} more", all[..4].join(", "), n - 4),
        }
    };

    // Summer: July and August.
    let summer =
        |m: &Milestone| touches_summer(m.date, m.last_day()) && m.kind != MilestoneKind::PublicComment;
    let n = ms().filter(|m| summer(m)).count();
    if n > 0 {
        out.push(Warning {
            code: WarningCode::SummerDate,
            message: format!(
                "{n} milestone{} in July or August, when activity slows down: {}. Plan key calls and deadlines outside the summer.",
                if n == 1 { " falls" } else { "s fall" },
                titles(&summer)
            ),
            items: ids(&summer),
        });
    }
    let summer_meetings: Vec<&crate::meeting::Meeting> = year
        .meetings
        .iter()
        .filter(|m| m.status != crate::meeting::MeetingStatus::Cancelled && is_summer(m.local_date()))
        .collect();
    if !summer_meetings.is_empty() {
        let n = summer_meetings.len();
        out.push(Warning {
            code: WarningCode::SummerDate,
            message: format!(
                "{n} meeting{} in July or August, when many participants are away: {}.",
                if n == 1 { " is" } else { "s are" },
                summer_meetings
                    .iter()
                    .map(|m| format!("\"{}\" ({})", m.title, fmt_date(m.local_date())))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            items: summer_meetings.iter().map(|m| ItemRef::Meeting(m.id)).collect(),
        });
    }
    if let Some(meeting) = &year.meeting
        && (is_summer(meeting.start) || is_summer(meeting.end))
    {
        out.push(Warning {
                code: WarningCode::SummerDate,
                message: format!(
                    "The annual meeting ({} to {}) is in July or August: the draft deadline and the calls before it fall in a slow period.",
                    fmt_date(meeting.start),
                    fmt_date(meeting.end)
                ),
                items: vec![ItemRef::AnnualMeeting],
            });
    }

    // The draft deadline.
    let draft = |m: &Milestone| m.kind == MilestoneKind::DraftPublished;
    let draft_done = ms().any(|m| draft(m) && m.status == MilestoneStatus::Done);
    match deadline {
        None => out.push(Warning {
            code: WarningCode::DraftDeadlineMissing,
            message: "No annual meeting is set, so the six-week draft deadline cannot be computed: enter the meeting's dates.".into(),
            items: vec![ItemRef::AnnualMeeting],
        }),
        Some(deadline) => {
            if !ms().any(&draft) {
                out.push(Warning {
                    code: WarningCode::DraftDeadlineMissing,
                    message: format!(
                        "No milestone publishes the draft output for public comment: it is due by {} (six weeks before the annual meeting).",
                        fmt_date(deadline)
                    ),
                    items: vec![ItemRef::AnnualMeeting],
                });
            }
            let late_draft = |m: &Milestone| draft(m) && m.date > deadline;
            if ms().any(&late_draft) {
                out.push(Warning {
                    code: WarningCode::DraftAfterDeadline,
                    message: format!(
                        "The draft output is planned after the six-week deadline of {}: {}.",
                        fmt_date(deadline),
                        titles(&late_draft)
                    ),
                    items: ids(&late_draft),
                });
            }
            if today > deadline && !draft_done {
                out.push(Warning {
                    code: WarningCode::DraftDeadlinePassed,
                    message: format!(
                        "The six-week deadline for the draft output passed on {} and the draft is not marked published.",
                        fmt_date(deadline)
                    ),
                    items: ids(&draft),
                });
            }
        }
    }

    // Work that must precede the meeting.
    if let Some(meeting) = &year.meeting {
        let after = |m: &Milestone| m.kind.precedes_meeting() && m.last_day() >= meeting.start;
        if ms().any(&after) {
            out.push(Warning {
                code: WarningCode::AfterAnnualMeeting,
                message: format!(
                    "Work that must precede the annual meeting ({}) is planned on or after it: {}.",
                    fmt_date(meeting.start),
                    titles(&after)
                ),
                items: ids(&after),
            });
        }
    }

    // The active period.
    if let (Some(k), Some(d)) = (kick_off, deadline) {
        let six_months = d.checked_sub_months(Months::new(6)).unwrap_or(NaiveDate::MIN);
        if k > six_months {
            let days = (d - k).num_days();
            let kick = |m: &Milestone| m.kind == MilestoneKind::KickOff;
            out.push(Warning {
                code: WarningCode::ShortActivePeriod,
                message: format!(
                    "The active period from kick-off ({}) to the draft deadline ({}) is {} days, under six months: start earlier if you can (kick-off by {}).",
                    fmt_date(k),
                    fmt_date(d),
                    days.max(0),
                    fmt_date(six_months)
                ),
                items: ids(&kick),
            });
        }
    }

    // Open virtual meetings: the scheduled ones, or the placeholders of the work plan if more.
    let open = |m: &Milestone| m.kind == MilestoneKind::OpenMeeting;
    let scheduled = year
        .meetings
        .iter()
        .filter(|m| {
            m.kind == crate::meeting::MeetingKind::OpenVirtualMeeting
                && m.status != crate::meeting::MeetingStatus::Cancelled
        })
        .count();
    let n_open = ms().filter(|m| open(m)).count().max(scheduled);
    if n_open < 3 {
        out.push(Warning {
            code: WarningCode::FewOpenMeetings,
            message: format!(
                "{} open virtual meeting{} planned: a BPF holds at least three.",
                if n_open == 0 { "No".to_string() } else { n_open.to_string() },
                if n_open == 1 { " is" } else { "s are" }
            ),
            items: ids(&open),
        });
    }

    if !facilitators.ok {
        out.push(Warning {
            code: WarningCode::FacilitatorRule,
            message: facilitators.message.clone(),
            items: vec![ItemRef::Team],
        });
    }

    let no_owner = |m: &Milestone| m.owner.trim().is_empty();
    let n = ms().filter(|m| no_owner(m)).count();
    if n > 0 {
        out.push(Warning {
            code: WarningCode::MilestoneWithoutOwner,
            message: format!(
                "{n} milestone{} without owner: {}.",
                if n == 1 { "" } else { "s" },
                titles(&no_owner)
            ),
            items: ids(&no_owner),
        });
    }

    let late = |m: &Milestone| effective_status(m, today) == EffectiveStatus::Late;
    let n = ms().filter(|m| late(m)).count();
    if n > 0 {
        out.push(Warning {
            code: WarningCode::MilestoneLate,
            message: format!(
                "{n} milestone{} past {} date and not done: {}.",
                if n == 1 { "" } else { "s" },
                if n == 1 { "its" } else { "their" },
                titles(&late)
            ),
            items: ids(&late),
        });
    }
    out
}
