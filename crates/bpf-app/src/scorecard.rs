//! The scorecard use cases: the metrics of a completed BPF from the project's data, and the
//! one-page PDF / DOCX of it.

use std::path::Path;

use bpf_domain::balance::{Balance, BalanceSet};
use bpf_domain::mail::Granularity;
use bpf_domain::report::long_date;
use bpf_domain::scorecard::{Scorecard, ScorecardInputs, scorecard};
use bpf_report::model::{Align, Block};
use bpf_report::pdf::Typesetter;
use chrono::NaiveDate;

use crate::documents::{BriefHead, BriefPart};
use crate::report::{ReportFormat, render};
use crate::{Project, Result, StatsQuery, write_atomically};

/// The attendance's missing groups and regions and its summary, when attendance is recorded.
fn attendance_summary(b: &Balance) -> Option<(Vec<String>, String)> {
    let t = b.tables.iter().find(|t| t.set == BalanceSet::Attendance)?;
    if t.total == 0 {
        return None;
    }
    let groups = b.groups.len();
    let regions = b.regions.len();
    let known_groups: u32 = t.by_group[..groups].iter().sum();
    let known_regions: u32 = t.by_region[..regions].iter().sum();
    // The evidence shows every group and region nobody is known to come from, even when the
    // register does not know the other attendees.
    let missing: Vec<String> = if known_groups == 0 && known_regions == 0 {
        vec!["every stakeholder group and region (no attendee has a group or country in the register)".into()]
    } else {
        let groups =
            b.groups.iter().zip(&t.by_group).filter(|(_, n)| **n == 0).map(|(g, _)| g.label().to_string());
        let regions =
            b.regions.iter().zip(&t.by_region).filter(|(_, n)| **n == 0).map(|(r, _)| r.label().to_string());
        groups.chain(regions).collect()
    };
    let present_groups = t.by_group[..groups].iter().filter(|n| **n > 0).count();
    let present_regions = t.by_region[..regions].iter().filter(|n| **n > 0).count();
    let unknown = t.total - known_groups.min(known_regions);
    let mut summary = format!(
        "{} attendees from {present_groups} of {groups} stakeholder groups and {present_regions} of {regions} regions",
        t.total
    );
    if unknown > 0 {
        summary.push_str(&format!(" ({unknown} without a group or country in the register)"));
    }
    summary.push('.');
    Some((missing, summary))
}

impl Project {
    /// The scorecard as of `today`.
    pub fn scorecard(&mut self, today: NaiveDate) -> Result<Scorecard> {
        let (year, publications, evidence) = self.store.read(|tx| -> Result<_> {
            let evidence = tx.mail_message_count()? > 0 || !tx.snapshots()?.is_empty();
            Ok((tx.year()?, tx.publications()?, evidence))
        })?;
        let list = if !evidence {
            None
        } else {
            Some(self.list_verdict(&StatsQuery { from: None, to: None, by: Granularity::Month })?)
        };
        let balance = attendance_summary(&self.balance()?);
        Ok(scorecard(&ScorecardInputs {
            year: &year,
            publications: &publications,
            list: list.as_ref(),
            balance,
            today,
        }))
    }

    /// The scorecard on one page, in the report's house style.
    pub fn export_scorecard(&mut self, format: ReportFormat, dest: &Path, today: NaiveDate) -> Result<()> {
        let card = self.scorecard(today)?;
        let rows = card
            .metrics
            .iter()
            .map(|m| {
                let evidence = match &m.link {
                    Some(link) if !m.evidence.contains(link.as_str()) => format!("{} {link}", m.evidence),
                    _ => m.evidence.clone(),
                };
                vec![m.title.clone(), m.status.label().to_string(), evidence]
            })
            .collect();
        let table = bpf_report::facts::table(
            "The metrics of a completed BPF",
            &["Metric", "Status", "Evidence"],
            &[Align::Left, Align::Left, Align::Left],
            rows,
        );
        let summary = format!(
            "On {}: {} of {} metrics met, {} not met, {} not yet due.",
            long_date(today),
            card.met,
            card.metrics.len(),
            card.not_met,
            card.not_yet_due
        );
        let head = BriefHead {
            title: "Scorecard".into(),
            label: format!("IGF {} {}", card.year, card.title.trim()),
            date: today,
            note: Some(summary),
            addressee: Vec::new(),
        };
        let doc = self.brief(
            head,
            vec![BriefPart {
                title: String::new(),
                markdown: String::new(),
                generated: vec![table as Block],
            }],
        )?;
        write_atomically(dest, &render(&doc, format, &Typesetter::new())?)
    }
}

/// A year's figures, for the year-over-year comparison.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct YearFigures {
    pub path: String,
    pub title: String,
    pub year: i32,
    pub open_meetings_held: u32,
    /// Attendees summed over the meetings.
    pub attendances: u32,
    /// People who attended at least one meeting.
    pub attendees: u32,
    pub messages: u32,
    pub posters: u32,
    pub contributions: u32,
    pub people: u32,
    /// Stakeholder groups and regions among the attendees (of 6 and 5).
    pub attendee_groups: u32,
    pub attendee_regions: u32,
}

/// A project's scorecard, or why it could not be read, for the side-by-side table.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct FileScorecard {
    pub path: String,
    pub scorecard: Option<Scorecard>,
    pub error: Option<String>,
}

impl Project {
    /// The year's figures.
    pub fn year_figures(&mut self) -> Result<YearFigures> {
        let (year, contributions) =
            self.store.read(|tx| -> Result<_> { Ok((tx.year()?, tx.contributions()?.len())) })?;
        let stats = self.mail_stats(&StatsQuery { from: None, to: None, by: Granularity::Month })?;
        let balance = self.balance()?;
        let table = |set| balance.tables.iter().find(|t| t.set == set);
        let attendance = table(BalanceSet::Attendance);
        let present = |counts: &[u32], n: usize| counts[..n].iter().filter(|c| **c > 0).count() as u32;
        let held = year.meetings.iter().filter(|m| {
            m.kind == bpf_domain::meeting::MeetingKind::OpenVirtualMeeting
                && m.status == bpf_domain::meeting::MeetingStatus::Held
        });
        Ok(YearFigures {
            path: self.path().display().to_string(),
            title: year.profile.title.clone(),
            year: year.profile.year,
            open_meetings_held: held.clone().count() as u32,
            attendances: held.map(|m| m.attendees).sum(),
            attendees: attendance.map_or(0, |t| t.total),
            messages: stats.messages,
            posters: stats.posters,
            contributions: contributions as u32,
            people: table(BalanceSet::Register).map_or(0, |t| t.total),
            attendee_groups: attendance.map_or(0, |t| present(&t.by_group, balance.groups.len())),
            attendee_regions: attendance.map_or(0, |t| present(&t.by_region, balance.regions.len())),
        })
    }
}

/// The scorecards of several project files (the year's BPFs, as the MAG reviews them), each
/// opened on its own; a file that cannot be read says why in its row.
pub fn scorecards(paths: &[std::path::PathBuf], today: NaiveDate) -> Vec<FileScorecard> {
    paths
        .iter()
        .map(|p| match Project::open_read_only(p).and_then(|mut project| project.scorecard(today)) {
            Ok(card) => FileScorecard { path: p.display().to_string(), scorecard: Some(card), error: None },
            Err(e) => {
                FileScorecard { path: p.display().to_string(), scorecard: None, error: Some(e.to_string()) }
            }
        })
        .collect()
}

impl Project {
    /// The home screen as of `today`.
    pub fn home(&mut self, today: NaiveDate) -> Result<bpf_domain::home::Home> {
        use bpf_domain::home::{Activity, home};
        use bpf_domain::meeting::MeetingStatus;
        use bpf_domain::report::ReportVersion;
        let plan = self.plan(today)?;
        let card = self.scorecard(today)?;
        let (publications, contributions, comments, sendings) = self.store.read(|tx| -> Result<_> {
            Ok((tx.publications()?, tx.contributions()?, tx.comments()?, tx.sendings()?))
        })?;
        let mut activity: Vec<Activity> = Vec::new();
        for m in plan.year.meetings.iter().filter(|m| m.status == MeetingStatus::Held) {
            let attendees =
                if m.attendees > 0 { format!(", {} attendees", m.attendees) } else { String::new() };
            activity
                .push(Activity {
                    on: m.start.date_naive(), text: format!("“{}” held{attendees}", m.title)
                });
        }
        for p in &publications {
            let what = match p.version {
                ReportVersion::Draft => "Draft published for public comment",
                ReportVersion::Final => "Final output published",
            };
            activity.push(Activity { on: p.published_on, text: what.into() });
        }
        for c in &contributions {
            activity.push(Activity {
                on: c.received_on,
                text: format!("Contribution “{}” from {}", c.title, c.contributor),
            });
        }
        let mut by_day: std::collections::BTreeMap<NaiveDate, u32> = std::collections::BTreeMap::new();
        for c in &comments {
            *by_day.entry(c.received_on).or_default() += 1;
        }
        for (on, n) in by_day {
            activity.push(Activity {
                on,
                text: if n == 1 {
                    "1 public comment received".into()
                } else {
                    format!("{n} public comments received")
                },
            });
        }
        for s in &sendings {
            activity.push(Activity { on: s.sent_on, text: format!("Output sent to {}", s.organisation) });
        }
        if let Some(last) = self.store.read(|tx| tx.latest_message_at())? {
            activity
                .push(Activity { on: last.date_naive(), text: "Latest message on the mailing list".into() });
        }
        let draft_published =
            publications.iter().any(|p| p.version == ReportVersion::Draft && p.published_on <= today);
        Ok(home(plan, card, draft_published, activity))
    }
}
