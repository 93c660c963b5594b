//! The home screen: where the BPF stands today — the next deadlines with the days left, the
//! six-week draft countdown, open warnings, the scorecard's summary and the latest activity.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::plan::{PlanView, Warning};
use crate::report::long_date;
use crate::scorecard::Scorecard;
use crate::{EffectiveStatus, MilestoneKind};

/// How many upcoming deadlines the home screen lists.
pub const UPCOMING: usize = 5;

/// A milestone ahead (or late), with the days left (negative when late).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Deadline {
    #[ts(type = "number")]
    pub milestone_id: i64,
    pub title: String,
    pub kind: MilestoneKind,
    pub date: NaiveDate,
    #[ts(type = "number")]
    pub days_left: i64,
    pub late: bool,
}

/// Something that happened, newest first on the home screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Activity {
    pub on: NaiveDate,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Home {
    pub title: String,
    pub year: i32,
    pub today: NaiveDate,
    pub draft_deadline: Option<NaiveDate>,
    /// Days until the draft deadline (negative once passed).
    #[ts(type = "number | null")]
    pub draft_days_left: Option<i64>,
    pub draft_published: bool,
    pub deadlines: Vec<Deadline>,
    pub warnings: Vec<Warning>,
    pub scorecard: Scorecard,
    pub activity: Vec<Activity>,
}

/// The home screen from the plan as seen today, the scorecard, and dated events.
pub fn home(
    plan: PlanView,
    scorecard: Scorecard,
    draft_published: bool,
    mut activity: Vec<Activity>,
) -> Home {
    let today = plan.today;
    let mut deadlines: Vec<Deadline> = plan
        .milestones
        .iter()
        .filter(|m| m.effective_status != EffectiveStatus::Done)
        .map(|m| Deadline {
            milestone_id: m.milestone.id,
            title: m.milestone.title.clone(),
            kind: m.milestone.kind,
            date: m.milestone.date,
            days_left: (m.milestone.date - today).num_days(),
            late: m.effective_status == EffectiveStatus::Late,
        })
        .collect();
    // Late ones first (oldest first), then the next ones by date.
    deadlines.sort_by_key(|d| (!d.late, d.date));
    deadlines.truncate(UPCOMING);
    activity.sort_by_key(|a| std::cmp::Reverse(a.on));
    activity.retain(|a| a.on <= today);
    activity.truncate(8);
    Home {
        title: plan.year.profile.title.clone(),
        year: plan.year.profile.year,
        today,
        draft_days_left: plan.draft_deadline.map(|d| (d - today).num_days()),
        draft_deadline: plan.draft_deadline,
        draft_published,
        deadlines,
        warnings: plan.warnings,
        scorecard,
        activity,
    }
}

/// "Draft due in 20 days (21 September 2020)", for the countdown.
pub fn countdown(h: &Home) -> String {
    match (h.draft_deadline, h.draft_days_left, h.draft_published) {
        (_, _, true) => "The draft is published for public comment.".into(),
        (Some(d), Some(n), false) if n > 1 => format!("Draft due in {n} days ({}).", long_date(d)),
        (Some(d), Some(1), false) => format!("Draft due tomorrow ({}).", long_date(d)),
        (Some(d), Some(0), false) => format!("Draft due today ({}).", long_date(d)),
        (Some(d), Some(n), false) => format!("The draft is {} days late (due {}).", -n, long_date(d)),
        _ => "No annual meeting set: no draft deadline yet.".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scorecard::{ScorecardInputs, scorecard};
    use crate::tests::{d, meeting, standard_year};

    #[test]
    fn deadlines_countdown_and_activity() {
        let y = standard_year(meeting("2026-11-09", "2026-11-13"));
        let today = d("2026-09-08");
        let card =
            scorecard(&ScorecardInputs { year: &y, publications: &[], list: None, balance: None, today });
        let plan = crate::plan_view(y, today);
        let activity = vec![
            Activity { on: d("2026-09-01"), text: "Meeting held".into() },
            Activity { on: d("2026-09-07"), text: "Comment received".into() },
            Activity { on: d("2026-10-01"), text: "In the future".into() },
        ];
        let h = home(plan, card, false, activity);
        assert_eq!(h.draft_days_left, Some(20));
        assert_eq!(countdown(&h), "Draft due in 20 days (28 September 2026).");
        assert!(h.deadlines.len() <= UPCOMING && !h.deadlines.is_empty());
        assert!(h.deadlines.windows(2).all(|w| (!w[0].late, w[0].date) <= (!w[1].late, w[1].date)));
        let late: Vec<&Deadline> = h.deadlines.iter().filter(|x| x.late).collect();
        assert!(late.iter().all(|x| x.days_left < 0), "late ones have negative days left");
        assert_eq!(
            h.activity.iter().map(|a| a.text.as_str()).collect::<Vec<_>>(),
            ["Comment received", "Meeting held"]
        );
        let published = Home { draft_published: true, ..h };
        assert_eq!(countdown(&published), "The draft is published for public comment.");
    }
}
