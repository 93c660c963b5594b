//! Rules over whole years: warnings, statuses, the facilitator rule, the demo.

use chrono::NaiveDate;

use crate::plan::{ItemRef, WarningCode, facilitator_check, plan_view};
use crate::*;

pub(crate) fn d(s: &str) -> NaiveDate {
    parse_date(s).unwrap()
}

pub(crate) fn meeting(start: &str, end: &str) -> AnnualMeeting {
    AnnualMeeting {
        start: d(start),
        end: d(end),
        place: "Geneva".into(),
        format: MeetingFormat::Hybrid,
        zone: "Europe/Zurich".into(),
    }
}

fn member(id: i64, role: Role, mag: bool) -> TeamMember {
    TeamMember {
        id,
        name: format!("Person {id}"),
        organisation: String::new(),
        email: String::new(),
        role,
        mag_member: mag,
    }
}

fn good_team() -> Vec<TeamMember> {
    vec![member(1, Role::MagFacilitator, true), member(2, Role::CoFacilitator, false)]
}

/// A year built from the standard cycle with every milestone owned.
pub(crate) fn standard_year(m: AnnualMeeting) -> BpfYear {
    let milestones = standard_cycle(&m)
        .into_iter()
        .enumerate()
        .map(|(i, x)| Milestone {
            id: i as i64 + 1,
            title: x.title,
            kind: x.kind,
            date: x.date,
            end_date: x.end_date,
            owner: "Someone".into(),
            workstream_id: None,
            status: x.status,
            derived: x.derived,
            notes: x.notes,
        })
        .collect();
    BpfYear {
        profile: Profile { title: "BPF".into(), year: 2026, ..Default::default() },
        meeting: Some(m),
        team: good_team(),
        workstreams: vec![],
        milestones,
        places: vec![],
        meetings: vec![],
    }
}

fn codes(v: &PlanView) -> Vec<WarningCode> {
    v.warnings.iter().map(|w| w.code).collect()
}

#[test]
fn the_standard_cycle_raises_no_warning_early_in_the_year() {
    let y = standard_year(meeting("2026-11-09", "2026-11-13"));
    let v = plan_view(y, d("2026-01-15"));
    assert_eq!(v.draft_deadline, Some(d("2026-09-28")));
    assert!(v.warnings.is_empty(), "{:#?}", v.warnings);
    assert_eq!(v.active_period_days, Some(212));
}

#[test]
fn a_milestone_on_10_august_is_flagged_as_summer() {
    let mut y = standard_year(meeting("2026-11-09", "2026-11-13"));
    y.milestones.push(Milestone {
        id: 99,
        title: "Research paper".into(),
        kind: MilestoneKind::Custom,
        date: d("2026-08-10"),
        end_date: None,
        owner: "Ana".into(),
        workstream_id: None,
        status: MilestoneStatus::Planned,
        derived: None,
        notes: String::new(),
    });
    let v = plan_view(y, d("2026-01-15"));
    assert_eq!(codes(&v), vec![WarningCode::SummerDate]);
    let w = &v.warnings[0];
    assert_eq!(w.items, vec![ItemRef::Milestone(99)]);
    assert!(w.message.contains("\"Research paper\" (10 August 2026)"), "{}", w.message);
}

#[test]
fn a_period_spanning_the_summer_is_flagged_but_the_comment_period_is_not() {
    let mut y = standard_year(meeting("2026-10-05", "2026-10-08"));
    // The comment period runs from 24 August: that is the rule's own consequence, not a planning choice.
    let call = y.milestones.iter_mut().find(|m| m.kind == MilestoneKind::CallForContributions).unwrap();
    call.date = d("2026-06-15");
    call.end_date = Some(d("2026-09-15"));
    let call_id = call.id;
    let v = plan_view(y, d("2026-01-15"));
    let summer: Vec<_> = v.warnings.iter().filter(|w| w.code == WarningCode::SummerDate).collect();
    assert_eq!(summer.len(), 1);
    assert!(summer[0].items.contains(&ItemRef::Milestone(call_id)));
    assert!(summer[0].items.iter().all(|i| match i {
        ItemRef::Milestone(id) =>
            v.year.milestones.iter().find(|m| m.id == *id).unwrap().kind != MilestoneKind::PublicComment,
        _ => true,
    }));
}

#[test]
fn draft_deadline_passed_missing_and_late() {
    let y = standard_year(meeting("2026-11-09", "2026-11-13"));
    // The day after the deadline, draft not done.
    let v = plan_view(y.clone(), d("2026-09-29"));
    assert!(codes(&v).contains(&WarningCode::DraftDeadlinePassed));
    // On the deadline itself: not yet passed.
    let v = plan_view(y.clone(), d("2026-09-28"));
    assert!(!codes(&v).contains(&WarningCode::DraftDeadlinePassed));
    // Done: no warning.
    let mut done = y.clone();
    done.milestones
        .iter_mut()
        .filter(|m| m.kind == MilestoneKind::DraftPublished)
        .for_each(|m| m.status = MilestoneStatus::Done);
    assert!(!codes(&plan_view(done, d("2026-10-01"))).contains(&WarningCode::DraftDeadlinePassed));
    // No draft milestone.
    let mut none = y.clone();
    none.milestones.retain(|m| m.kind != MilestoneKind::DraftPublished);
    assert!(codes(&plan_view(none, d("2026-01-01"))).contains(&WarningCode::DraftDeadlineMissing));
    // No meeting.
    let mut no_meeting = y.clone();
    no_meeting.meeting = None;
    let v = plan_view(no_meeting, d("2026-01-01"));
    assert_eq!(v.draft_deadline, None);
    assert!(codes(&v).contains(&WarningCode::DraftDeadlineMissing));
    // Draft planned after the deadline.
    let mut late = y;
    let draft = late.milestones.iter_mut().find(|m| m.kind == MilestoneKind::DraftPublished).unwrap();
    draft.derived = None;
    draft.date = d("2026-10-15");
    assert!(codes(&plan_view(late, d("2026-01-01"))).contains(&WarningCode::DraftAfterDeadline));
}

#[test]
fn work_after_the_meeting_is_flagged() {
    let mut y = standard_year(meeting("2026-11-09", "2026-11-13"));
    let call = y.milestones.iter_mut().find(|m| m.kind == MilestoneKind::CallForContributions).unwrap();
    call.date = d("2026-11-01");
    call.end_date = Some(d("2026-11-20"));
    let id = call.id;
    let v = plan_view(y, d("2026-01-01"));
    let w = v.warnings.iter().find(|w| w.code == WarningCode::AfterAnnualMeeting).expect("warning");
    assert_eq!(w.items, vec![ItemRef::Milestone(id)]);
}

#[test]
fn active_period_under_six_months() {
    let mut y = standard_year(meeting("2026-11-09", "2026-11-13"));
    let kick = y.milestones.iter_mut().find(|m| m.kind == MilestoneKind::KickOff).unwrap();
    // Exactly six months before the 28 September deadline: fine.
    kick.date = d("2026-03-28");
    assert!(!codes(&plan_view(y.clone(), d("2026-01-01"))).contains(&WarningCode::ShortActivePeriod));
    let kick = y.milestones.iter_mut().find(|m| m.kind == MilestoneKind::KickOff).unwrap();
    kick.date = d("2026-03-29");
    let v = plan_view(y, d("2026-01-01"));
    let w = v.warnings.iter().find(|w| w.code == WarningCode::ShortActivePeriod).expect("warning");
    assert!(w.message.contains("183 days"), "{}", w.message);
}

#[test]
fn fewer_than_three_open_meetings() {
    let mut y = standard_year(meeting("2026-11-09", "2026-11-13"));
    let first_open = y.milestones.iter().position(|m| m.kind == MilestoneKind::OpenMeeting).unwrap();
    y.milestones.remove(first_open);
    let v = plan_view(y, d("2026-01-01"));
    let w = v.warnings.iter().find(|w| w.code == WarningCode::FewOpenMeetings).expect("warning");
    assert_eq!(w.message, "2 open virtual meetings are planned: a BPF holds at least three.");
}

#[test]
fn facilitator_rule() {
    assert!(!facilitator_check(&[]).ok);
    assert!(!facilitator_check(&[member(1, Role::MagFacilitator, true)]).ok);
    let two_without_mag = [member(1, Role::CoFacilitator, false), member(2, Role::CoFacilitator, false)];
    let c = facilitator_check(&two_without_mag);
    assert!(!c.ok);
    assert!(c.message.contains("none is a MAG member"));
    // A lead expert who is a MAG member does not count: only facilitators do.
    let c = facilitator_check(&[
        member(1, Role::CoFacilitator, false),
        member(2, Role::CoFacilitator, false),
        member(3, Role::LeadExpert, true),
    ]);
    assert!(!c.ok);
    assert!(facilitator_check(&good_team()).ok);
    let mut y = standard_year(meeting("2026-11-09", "2026-11-13"));
    y.team = two_without_mag.to_vec();
    let v = plan_view(y, d("2026-01-01"));
    let w = v.warnings.iter().find(|w| w.code == WarningCode::FacilitatorRule).expect("warning");
    assert_eq!(w.items, vec![ItemRef::Team]);
}

#[test]
fn owners_and_late_milestones() {
    let mut y = standard_year(meeting("2026-11-09", "2026-11-13"));
    y.milestones[0].owner = " ".into();
    let v = plan_view(y, d("2026-05-01"));
    assert!(codes(&v).contains(&WarningCode::MilestoneWithoutOwner));
    let late: Vec<_> = v.milestones.iter().filter(|m| m.effective_status == EffectiveStatus::Late).collect();
    // Kick-off (28 Feb), workstream activation (28 Mar) and open meeting 1 (4 Apr) are past on 1 May.
    let titles: Vec<&str> = late.iter().map(|m| m.milestone.title.as_str()).collect();
    assert_eq!(titles, ["Kick-off of the BPF", "Activation of the workstreams", "Open virtual meeting 1"]);
    assert!(codes(&v).contains(&WarningCode::MilestoneLate));
}

#[test]
fn the_demo_is_the_2020_cybersecurity_bpf() {
    let demo = demo::demo();
    assert_eq!(draft_deadline(&demo.meeting), d("2020-09-21"));
    assert_eq!(demo.workstreams.len(), 3);
    assert_eq!(demo.team.len(), 7);
    assert!(demo.milestones.iter().all(|m| validate::check_milestone(&m.input).is_ok()));
    validate::check_profile(&demo.profile).unwrap();
    validate::check_meeting(&demo.meeting).unwrap();
    let first = demo.milestones.iter().map(|m| m.input.date).min().unwrap();
    assert_eq!(first, d("2020-04-16"));
}
