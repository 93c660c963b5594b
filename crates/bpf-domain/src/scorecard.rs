//! The scorecard of a BPF year: the metrics the MAG looks at for a completed BPF, each met, not
//! met or not yet due on a given day, with the evidence from the project's data.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::cycle::draft_deadline;
use crate::mail::{ListVerdict, Verdict};
use crate::meeting::{Meeting, MeetingKind, MeetingStatus};
use crate::report::{Publication, ReportVersion, long_date};
use crate::{BpfYear, MilestoneKind, MilestoneStatus};

/// The open virtual meetings a completed BPF holds at least.
pub const MIN_OPEN_MEETINGS: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MetricStatus {
    Met,
    NotMet,
    NotYetDue,
}

impl MetricStatus {
    pub fn label(self) -> &'static str {
        match self {
            MetricStatus::Met => "Met",
            MetricStatus::NotMet => "Not met",
            MetricStatus::NotYetDue => "Not yet due",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MetricKey {
    OpenMeetings,
    ActiveList,
    ProcessDocumented,
    DraftForComment,
    AnnualMeetingSession,
    FinalOutput,
    Multistakeholder,
}

/// One line of the scorecard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Metric {
    pub key: MetricKey,
    pub title: String,
    pub status: MetricStatus,
    /// What the status rests on, in a sentence or two.
    pub evidence: String,
    /// A link to the evidence, when there is one (the BPF's page).
    pub link: Option<String>,
}

/// The scorecard on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Scorecard {
    pub title: String,
    pub year: i32,
    pub today: NaiveDate,
    pub metrics: Vec<Metric>,
    pub met: u32,
    pub not_met: u32,
    pub not_yet_due: u32,
}

/// What the scorecard reads beside the year's records.
#[derive(Debug, Clone)]
pub struct ScorecardInputs<'a> {
    pub year: &'a BpfYear,
    pub publications: &'a [Publication],
    /// The "active list" verdict over the year, if the list was imported.
    pub list: Option<&'a ListVerdict>,
    /// Stakeholder groups and regions missing among the meetings' attendees, from the balance
    /// (`None` when no attendance is recorded), and its one-line summary.
    pub balance: Option<(Vec<String>, String)>,
    pub today: NaiveDate,
}

fn dates(meetings: &[&Meeting]) -> String {
    meetings.iter().map(|m| long_date(m.start.date_naive())).collect::<Vec<_>>().join(", ")
}

/// The metrics, in the order of the seeds' list.
pub fn scorecard(i: &ScorecardInputs<'_>) -> Scorecard {
    let y = i.year;
    let today = i.today;
    let meeting = y.meeting.as_ref();
    let meeting_over = meeting.is_some_and(|m| today > m.end);
    let due = |passed: bool| if passed { MetricStatus::NotMet } else { MetricStatus::NotYetDue };
    // What was published after the day judged on does not count on it.
    let publications: Vec<&Publication> = i.publications.iter().filter(|p| p.published_on <= today).collect();
    let mut metrics = Vec::new();

    // 1. At least three open virtual meetings.
    let held: Vec<&Meeting> = y
        .meetings
        .iter()
        .filter(|m| m.kind == MeetingKind::OpenVirtualMeeting && m.status == MeetingStatus::Held)
        .collect();
    let planned = y
        .meetings
        .iter()
        .filter(|m| m.kind == MeetingKind::OpenVirtualMeeting && m.status == MeetingStatus::Planned)
        .count();
    let attendance: u32 = held.iter().map(|m| m.attendees).sum();
    metrics.push(Metric {
        key: MetricKey::OpenMeetings,
        title: format!("At least {MIN_OPEN_MEETINGS} open virtual meetings"),
        status: if held.len() >= MIN_OPEN_MEETINGS { MetricStatus::Met } else { due(meeting_over) },
        evidence: if held.is_empty() {
            // A milestone ticked off is a claim; the metric needs the meetings themselves.
            let ticked = y
                .milestones
                .iter()
                .filter(|m| m.kind == MilestoneKind::OpenMeeting && m.status == MilestoneStatus::Done)
                .count();
            match ticked {
                0 => format!("No open virtual meeting held yet; {planned} scheduled."),
                n => format!(
                    "No open virtual meeting recorded as held; {planned} scheduled. The work plan marks {n} \
                     open-meeting {} done: record {} under Meetings.",
                    if n == 1 { "milestone" } else { "milestones" },
                    if n == 1 { "it" } else { "them" }
                ),
            }
        } else {
            format!(
                "{} held ({}){}{}.",
                held.len(),
                dates(&held),
                if attendance > 0 { format!(", {attendance} attendances recorded") } else { String::new() },
                if planned > 0 { format!("; {planned} more scheduled") } else { String::new() }
            )
        },
        link: None,
    });

    // 2. An active mailing list.
    let (status, evidence) = match i.list {
        None => (due(meeting_over), "No list archive imported yet.".to_string()),
        Some(v) => (
            match v.overall {
                Verdict::Met => MetricStatus::Met,
                Verdict::NotMet if today > v.to => MetricStatus::NotMet,
                _ => due(today > v.to),
            },
            v.sentence.clone(),
        ),
    };
    metrics.push(Metric {
        key: MetricKey::ActiveList,
        title: "An active mailing list".into(),
        status,
        evidence,
        link: None,
    });

    // 3. The process documented on the IGF website.
    let site = y.profile.website_url.trim();
    metrics.push(Metric {
        key: MetricKey::ProcessDocumented,
        title: "The process documented on the IGF website".into(),
        status: if site.is_empty() { due(meeting_over) } else { MetricStatus::Met },
        evidence: if site.is_empty() {
            "No page of the BPF recorded in its profile.".into()
        } else {
            format!("The BPF's page: {site}.")
        },
        link: (!site.is_empty()).then(|| site.to_string()),
    });

    // 4. A draft published ahead of the annual meeting, with a way to comment.
    let deadline = meeting.map(draft_deadline);
    let draft = publications.iter().find(|p| p.version == ReportVersion::Draft);
    let (status, evidence) = match (draft, deadline) {
        (Some(p), Some(d)) if p.published_on <= d && p.comment_deadline.is_some() => (
            MetricStatus::Met,
            format!(
                "Published on {}, by the six-week deadline of {}; comments until {}.",
                long_date(p.published_on),
                long_date(d),
                p.comment_deadline.map(long_date).unwrap_or_default()
            ),
        ),
        (Some(p), Some(d)) => (
            MetricStatus::NotMet,
            format!(
                "Published on {}, {} days after the six-week deadline of {}.",
                long_date(p.published_on),
                (p.published_on - d).num_days(),
                long_date(d)
            ),
        ),
        (Some(p), None) => (MetricStatus::Met, format!("Published on {}.", long_date(p.published_on))),
        (None, Some(d)) => (
            due(today > d),
            if today > d {
                format!("Not published; the six-week deadline was {}.", long_date(d))
            } else {
                format!("Due by {} ({} days left).", long_date(d), (d - today).num_days())
            },
        ),
        (None, None) => (MetricStatus::NotYetDue, "Not published; no annual meeting set.".into()),
    };
    metrics.push(Metric {
        key: MetricKey::DraftForComment,
        title: "A draft output published for public comment ahead of the annual meeting".into(),
        status,
        evidence,
        link: None,
    });

    // 5. A session at the annual meeting.
    let sessions: Vec<&Meeting> = y
        .meetings
        .iter()
        .filter(|m| m.kind == MeetingKind::AnnualMeetingSession && m.status != MeetingStatus::Cancelled)
        .collect();
    let held_session = sessions.iter().find(|m| m.status == MeetingStatus::Held);
    let session_milestone = y.milestones.iter().find(|m| m.kind == MilestoneKind::AnnualMeetingSession);
    let (status, evidence) = match (held_session, sessions.first()) {
        (Some(s), _) => {
            (MetricStatus::Met, format!("“{}” held on {}.", s.title, long_date(s.start.date_naive())))
        }
        (None, Some(s)) => (
            due(today > s.start.date_naive()),
            format!("“{}” scheduled for {}.", s.title, long_date(s.start.date_naive())),
        ),
        (None, None) => (
            due(meeting_over),
            match session_milestone {
                Some(m) => format!("No session recorded yet; the work plan has it on {}.", long_date(m.date)),
                None => "No session at the annual meeting recorded.".into(),
            },
        ),
    };
    metrics.push(Metric {
        key: MetricKey::AnnualMeetingSession,
        title: "A session at the IGF annual meeting".into(),
        status,
        evidence,
        link: None,
    });

    // 6. A final output report published.
    let final_pub = publications.iter().rev().find(|p| p.version == ReportVersion::Final);
    let final_due = y.milestones.iter().find(|m| m.kind == MilestoneKind::FinalOutput).map(|m| m.last_day());
    metrics.push(Metric {
        key: MetricKey::FinalOutput,
        title: "A final output report published".into(),
        status: match (final_pub, final_due) {
            (Some(_), _) => MetricStatus::Met,
            (None, Some(d)) => due(today > d),
            (None, None) => due(meeting_over),
        },
        evidence: match (final_pub, final_due) {
            (Some(p), _) => format!("Published on {}.", long_date(p.published_on)),
            (None, Some(d)) => format!("Not published yet; the work plan has it by {}.", long_date(d)),
            (None, None) => "Not published yet.".into(),
        },
        link: None,
    });

    // 7. A multistakeholder group.
    let (status, evidence) = match &i.balance {
        None => (due(meeting_over), "No meeting attendance recorded yet.".to_string()),
        Some((missing, summary)) if missing.is_empty() => (MetricStatus::Met, summary.clone()),
        Some((missing, summary)) => {
            (due(meeting_over), format!("{summary} Missing among the attendees: {}.", missing.join(", ")))
        }
    };
    metrics.push(Metric {
        key: MetricKey::Multistakeholder,
        title: "A multistakeholder group across regions".into(),
        status,
        evidence,
        link: None,
    });

    let count = |s| metrics.iter().filter(|m| m.status == s).count() as u32;
    Scorecard {
        title: y.profile.title.clone(),
        year: y.profile.year,
        today,
        met: count(MetricStatus::Met),
        not_met: count(MetricStatus::NotMet),
        not_yet_due: count(MetricStatus::NotYetDue),
        metrics,
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::tests::{d, meeting, standard_year};

    fn held(id: i64, kind: MeetingKind, day: &str, status: MeetingStatus) -> Meeting {
        let day = d(day);
        Meeting {
            id,
            title: format!("Meeting {id}"),
            kind,
            start: Utc.from_utc_datetime(&day.and_hms_opt(13, 0, 0).unwrap()),
            zone: "UTC".into(),
            minutes: 90,
            join_url: String::new(),
            agenda: vec![],
            announced_on: None,
            status,
            materials: vec![],
            summary: String::new(),
            sequence: 0,
            attendees: 20,
        }
    }

    fn publication(version: ReportVersion, on: &str, deadline: Option<&str>) -> Publication {
        Publication {
            id: 1,
            version,
            published_on: d(on),
            comment_deadline: deadline.map(d),
            recorded_at: Utc::now(),
        }
    }

    fn status(card: &Scorecard, key: MetricKey) -> (MetricStatus, &str) {
        let m = card.metrics.iter().find(|m| m.key == key).unwrap();
        (m.status, m.evidence.as_str())
    }

    /// Annual meeting 9–13 November 2026: the six-week draft deadline is 28 September.
    fn year() -> BpfYear {
        standard_year(meeting("2026-11-09", "2026-11-13"))
    }

    fn card(y: &BpfYear, pubs: &[Publication], today: &str) -> Scorecard {
        scorecard(&ScorecardInputs {
            year: y,
            publications: pubs,
            list: None,
            balance: None,
            today: d(today),
        })
    }

    #[test]
    fn open_meeting_milestones_ticked_off_are_not_meetings_held() {
        let mut y = year();
        let before = card(&y, &[], "2026-11-14");
        assert_eq!(
            status(&before, MetricKey::OpenMeetings).1,
            "No open virtual meeting held yet; 0 scheduled."
        );
        let ovm: Vec<usize> =
            (0..y.milestones.len()).filter(|&i| y.milestones[i].kind == MilestoneKind::OpenMeeting).collect();
        assert!(!ovm.is_empty(), "the standard year plans open meetings");
        y.milestones[ovm[0]].status = MilestoneStatus::Done;
        let after = card(&y, &[], "2026-11-14");
        let (s, e) = status(&after, MetricKey::OpenMeetings);
        assert_eq!(s, MetricStatus::NotMet);
        assert_eq!(
            e,
            "No open virtual meeting recorded as held; 0 scheduled. The work plan marks 1 open-meeting \
             milestone done: record it under Meetings."
        );
    }

    #[test]
    fn open_meetings_are_met_at_three_and_not_met_once_the_year_is_over() {
        let mut y = year();
        y.meetings = vec![
            held(1, MeetingKind::OpenVirtualMeeting, "2026-03-04", MeetingStatus::Held),
            held(2, MeetingKind::OpenVirtualMeeting, "2026-05-06", MeetingStatus::Held),
            held(3, MeetingKind::CoordinatingTeamCall, "2026-05-07", MeetingStatus::Held),
            held(4, MeetingKind::OpenVirtualMeeting, "2026-07-01", MeetingStatus::Planned),
        ];
        let c = card(&y, &[], "2026-06-01");
        let (s, e) = status(&c, MetricKey::OpenMeetings);
        assert_eq!(s, MetricStatus::NotYetDue);
        assert_eq!(e, "2 held (4 March 2026, 6 May 2026), 40 attendances recorded; 1 more scheduled.");
        assert_eq!(status(&card(&y, &[], "2026-11-14"), MetricKey::OpenMeetings).0, MetricStatus::NotMet);
        y.meetings[3].status = MeetingStatus::Held;
        assert_eq!(status(&card(&y, &[], "2026-07-02"), MetricKey::OpenMeetings).0, MetricStatus::Met);
    }

    #[test]
    fn the_draft_is_met_only_by_the_six_week_deadline_with_a_comment_period() {
        let y = year();
        let c = card(&y, &[], "2026-09-01");
        let (s, e) = status(&c, MetricKey::DraftForComment);
        assert_eq!((s, e), (MetricStatus::NotYetDue, "Due by 28 September 2026 (27 days left)."));
        let c = card(&y, &[], "2026-09-29");
        let (s, e) = status(&c, MetricKey::DraftForComment);
        assert_eq!(
            (s, e),
            (MetricStatus::NotMet, "Not published; the six-week deadline was 28 September 2026.")
        );
        let on_time = [publication(ReportVersion::Draft, "2026-09-25", Some("2026-10-23"))];
        let c = card(&y, &on_time, "2026-09-29");
        let (s, e) = status(&c, MetricKey::DraftForComment);
        assert_eq!(s, MetricStatus::Met);
        assert_eq!(
            e,
            "Published on 25 September 2026, by the six-week deadline of 28 September 2026; comments until 23 October 2026."
        );
        let late = [publication(ReportVersion::Draft, "2026-10-05", Some("2026-10-30"))];
        let c = card(&y, &late, "2026-10-06");
        let (s, e) = status(&c, MetricKey::DraftForComment);
        assert_eq!(
            (s, e),
            (
                MetricStatus::NotMet,
                "Published on 5 October 2026, 7 days after the six-week deadline of 28 September 2026."
            )
        );
    }

    #[test]
    fn session_final_output_site_list_and_balance() {
        let mut y = year();
        let c = card(&y, &[], "2026-06-01");
        assert_eq!(status(&c, MetricKey::AnnualMeetingSession).0, MetricStatus::NotYetDue);
        assert_eq!(status(&c, MetricKey::FinalOutput).0, MetricStatus::NotYetDue);
        assert_eq!(
            status(&c, MetricKey::ProcessDocumented),
            (MetricStatus::NotYetDue, "No page of the BPF recorded in its profile.")
        );
        assert_eq!(
            status(&c, MetricKey::ActiveList),
            (MetricStatus::NotYetDue, "No list archive imported yet.")
        );
        assert_eq!(status(&c, MetricKey::Multistakeholder).0, MetricStatus::NotYetDue);
        assert_eq!(c.not_yet_due, 7);

        let late = card(&y, &[], "2027-03-01");
        assert_eq!(late.not_met, 7, "{late:?}");

        y.profile.website_url = "https://www.intgovforum.org/en/content/bpf-cybersecurity".into();
        y.meetings = vec![held(9, MeetingKind::AnnualMeetingSession, "2026-11-11", MeetingStatus::Held)];
        let pubs = [publication(ReportVersion::Final, "2026-12-10", None)];
        let c = scorecard(&ScorecardInputs {
            year: &y,
            publications: &pubs,
            list: None,
            balance: Some((
                vec!["Private sector".into()],
                "41 attendees from 5 stakeholder groups and 4 regions.".into(),
            )),
            today: d("2026-12-11"),
        });
        assert_eq!(
            status(&c, MetricKey::AnnualMeetingSession),
            (MetricStatus::Met, "“Meeting 9” held on 11 November 2026.")
        );
        assert_eq!(status(&c, MetricKey::FinalOutput), (MetricStatus::Met, "Published on 10 December 2026."));
        let site = c.metrics.iter().find(|m| m.key == MetricKey::ProcessDocumented).unwrap();
        assert_eq!(
            (site.status, site.link.as_deref()),
            (MetricStatus::Met, Some("https://www.intgovforum.org/en/content/bpf-cybersecurity"))
        );
        assert_eq!(
            status(&c, MetricKey::Multistakeholder),
            (
                MetricStatus::NotMet,
                "41 attendees from 5 stakeholder groups and 4 regions. Missing among the attendees: Private sector."
            )
        );
    }
}
