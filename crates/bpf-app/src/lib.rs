//! Use cases of BPF Desk: the one API of the desktop shell and the `bpf-desk` CLI.
//!
//! Each public method of [`Project`] is one use case: it validates the input with the domain's
//! rules, then runs all its reads and writes in one transaction of the store, so a failed use
//! case leaves the project file as it was. "Today" and "now" are always passed in.

mod backups;
mod comments;
mod contributions;
mod dissemination;
mod documents;
mod error;
mod fsio;
mod mail;
mod markdown;
mod meetings;
mod next_year;
mod people;
mod proposal;
mod recent;
mod report;
mod scorecard;
mod undo;

use std::path::Path;

use bpf_domain::validate::{
    check_meeting, check_meeting_in_year, check_milestone, check_profile, check_team_member,
    check_workstream, check_year,
};
use bpf_domain::{
    AnnualMeeting, MeetingFormat, MilestoneInput, MilestoneStatus, PlanView, Profile, TeamMemberInput,
    WorkstreamInput, cycle, demo, parse_date,
};
use bpf_store::Store;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use backups::{Backup, KEEP_DAYS, backup_folder, backups, restore_backup};
pub use bpf_import::Columns as AttendanceColumns;
pub use comments::{CommentsImport, CommentsView, MAX_COMMENTS_FILE_BYTES, SectionChoice, section_label};
pub use contributions::MAX_CONTRIBUTION_FILE_BYTES;
pub use dissemination::{LetterView, LettersWritten};
pub use error::{AppError, Result};
pub use fsio::write_atomically;
pub use mail::{
    ImportProgress, MailImportReport, MailOverview, ReadProblem, SnapshotReport, StatsQuery, stats_csv,
};
pub use markdown::render_markdown;
pub use meetings::{
    AttendanceSummary, ColumnChoice, MAX_REPORT_BYTES, MeetingForm, ReportPreview, attendance_columns,
    columns_from_choice, report_needs_mapping, report_preview,
};
pub use people::{
    DuplicatePair, MAX_PEOPLE_FILE_BYTES, PeopleImport, PeopleView, PersonSuggestion, countries,
};
pub use proposal::{IndicatorField, ProposalView};
pub use recent::{RecentFile, RecentFiles};
pub use report::{
    AnchorChoice, ExportedReport, ImageInfo, MAX_IMAGE_BYTES, ReportFormat, ReportOutline, SectionEdit,
    SectionPreview, SectionSummary, render,
};
pub use scorecard::{FileScorecard, YearFigures, scorecards};
pub use undo::{Removed, UndoItem};

/// The file extension of project files.
pub const EXTENSION: &str = "bpfdesk";

/// The annual meeting as typed by a person: dates as `YYYY-MM-DD` text, checked here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AnnualMeetingInput {
    pub start: String,
    pub end: String,
    pub place: String,
    pub format: MeetingFormat,
    pub zone: String,
}

impl AnnualMeetingInput {
    /// Parses and checks the meeting.
    pub fn parse(&self) -> Result<AnnualMeeting> {
        let m = AnnualMeeting {
            start: parse_date(&self.start)?,
            end: parse_date(&self.end)?,
            place: self.place.trim().to_string(),
            format: self.format,
            // Stored under its canonical IANA name ("Europe/Geneva" is kept as "Europe/Zurich").
            zone: bpf_domain::parse_zone(&self.zone)?.name().to_string(),
        };
        check_meeting(&m)?;
        Ok(m)
    }
}

/// What "New BPF" asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewBpf {
    pub title: String,
    pub year: i32,
    pub meeting: AnnualMeetingInput,
}

/// Where an open project lives and what it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProjectInfo {
    pub path: String,
    pub title: String,
    pub year: i32,
}

/// A milestone whose dates moved because the annual meeting moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MovedMilestone {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// An open project file.
#[derive(Debug)]
pub struct Project {
    store: Store,
}

impl Project {
    /// Creates a project file for a new BPF year with the standard cycle laid out from its
    /// annual meeting. Nothing is written when the input is refused.
    pub fn create(path: &Path, new: &NewBpf, replace: bool) -> Result<Project> {
        let profile = Profile { title: new.title.trim().to_string(), year: new.year, ..Default::default() };
        check_profile(&profile)?;
        let meeting = new.meeting.parse()?;
        check_meeting_in_year(new.year, &meeting)?;
        let cycle = cycle::standard_cycle(&meeting);
        let store = Store::create(path, replace, |tx| -> Result<()> {
            tx.set_profile(&profile)?;
            tx.set_annual_meeting(&meeting)?;
            for m in &cycle {
                tx.insert_milestone(m)?;
            }
            Ok(())
        })?;
        Ok(Project { store })
    }

    /// Writes the demo BPF (IGF 2020 BPF Cybersecurity) to a new project file.
    pub fn create_demo(path: &Path, replace: bool) -> Result<Project> {
        let d = demo::demo();
        let store = Store::create(path, replace, |tx| -> Result<()> {
            tx.set_profile(&d.profile)?;
            tx.set_annual_meeting(&d.meeting)?;
            for t in &d.team {
                tx.insert_team_member(t)?;
            }
            let ws: Vec<i64> =
                d.workstreams.iter().map(|w| tx.insert_workstream(w)).collect::<Result<_, _>>()?;
            for m in &d.milestones {
                let input = MilestoneInput {
                    workstream_id: m.workstream.and_then(|i| ws.get(i).copied()),
                    ..m.input.clone()
                };
                tx.insert_milestone(&input)?;
            }
            for kind in bpf_domain::report::SectionKind::TEMPLATE {
                let body = d.report.iter().find(|(k, _)| *k == kind).map_or("", |(_, text)| text);
                let id = tx.add_report_section(kind, kind.default_title(), true)?;
                tx.update_report_section(id, kind.default_title(), true, body)?;
            }
            Ok(())
        })?;
        Ok(Project { store })
    }

    /// Opens a project for work; it stays locked against other openings while this lives.
    pub fn open(path: &Path) -> Result<Project> {
        Project::usable(Store::open(path)?)
    }

    /// A second handle on a project this process has open (an import or export run off the
    /// window's thread): no lock of its own.
    pub fn open_beside(path: &Path) -> Result<Project> {
        Project::usable(Store::open_beside(path)?)
    }

    /// Opens a project only to read it (another year, another BPF), even while it is open
    /// elsewhere; it is never changed.
    pub fn open_read_only(path: &Path) -> Result<Project> {
        Project::usable(Store::open_read_only(path)?)
    }

    fn usable(mut store: Store) -> Result<Project> {
        // Every project gets its profile when it is created; without one it is not usable.
        store.read(|tx| tx.profile().map(|_| ()))?;
        Ok(Project { store })
    }

    pub fn path(&self) -> &Path {
        self.store.path()
    }

    pub fn info(&mut self) -> Result<ProjectInfo> {
        let p = self.store.read(|tx| tx.profile())?;
        Ok(ProjectInfo { path: self.path().display().to_string(), title: p.title, year: p.year })
    }

    /// The year as seen on `today`: milestones with statuses, the draft deadline, warnings.
    pub fn plan(&mut self, today: NaiveDate) -> Result<PlanView> {
        let year = self.store.read(|tx| tx.year())?;
        Ok(bpf_domain::plan_view(year, today))
    }

    pub fn set_profile(&mut self, profile: &Profile) -> Result<()> {
        check_profile(profile)?;
        self.store.write(|tx| -> Result<()> {
            if let Some(m) = tx.annual_meeting()? {
                check_meeting_in_year(profile.year, &m)?;
            }
            tx.set_profile(profile)?;
            Ok(())
        })
    }

    /// Sets the annual meeting and moves every milestone derived from it, in one transaction.
    pub fn set_meeting(&mut self, input: &AnnualMeetingInput) -> Result<Vec<MovedMilestone>> {
        let meeting = input.parse()?;
        self.store.write(|tx| {
            check_year(tx.profile()?.year)?;
            check_meeting_in_year(tx.profile()?.year, &meeting)?;
            tx.set_annual_meeting(&meeting)?;
            let milestones = tx.milestones()?;
            let mut moved = Vec::new();
            for (id, new) in cycle::rederive(&meeting, &milestones) {
                let old = milestones.iter().find(|m| m.id == id).map(|m| m.date).unwrap_or(new.date);
                tx.update_milestone(id, &new)?;
                moved.push(MovedMilestone { id, title: new.title.clone(), from: old, to: new.date });
            }
            Ok(moved)
        })
    }

    pub fn add_team_member(&mut self, t: &TeamMemberInput) -> Result<i64> {
        check_team_member(t)?;
        self.store.write(|tx| Ok(tx.insert_team_member(t)?))
    }

    pub fn update_team_member(&mut self, id: i64, t: &TeamMemberInput) -> Result<()> {
        check_team_member(t)?;
        self.store.write(|tx| Ok(tx.update_team_member(id, t)?))
    }

    pub fn delete_team_member(&mut self, id: i64) -> Result<()> {
        self.store.write(|tx| Ok(tx.delete_team_member(id)?))
    }

    pub fn add_workstream(&mut self, w: &WorkstreamInput) -> Result<i64> {
        check_workstream(w)?;
        self.store.write(|tx| Ok(tx.insert_workstream(w)?))
    }

    pub fn update_workstream(&mut self, id: i64, w: &WorkstreamInput) -> Result<()> {
        check_workstream(w)?;
        self.store.write(|tx| Ok(tx.update_workstream(id, w)?))
    }

    /// Deletes a workstream; its milestones stay, without a workstream.
    pub fn delete_workstream(&mut self, id: i64) -> Result<()> {
        self.store.write(|tx| Ok(tx.delete_workstream(id)?))
    }

    /// Adds a milestone. A derived one takes its dates from the annual meeting.
    pub fn add_milestone(&mut self, m: &MilestoneInput) -> Result<i64> {
        check_milestone(m)?;
        self.store.write(|tx| {
            let m = with_derived_dates(tx.annual_meeting()?.as_ref(), m);
            Ok(tx.insert_milestone(&m)?)
        })
    }

    /// Replaces a milestone's content. To fix a derived milestone's date by hand, send it
    /// with `derived: None`; to tie it to the meeting again, send a derivation.
    pub fn update_milestone(&mut self, id: i64, m: &MilestoneInput) -> Result<()> {
        check_milestone(m)?;
        self.store.write(|tx| {
            let m = with_derived_dates(tx.annual_meeting()?.as_ref(), m);
            Ok(tx.update_milestone(id, &m)?)
        })
    }

    pub fn set_milestone_status(&mut self, id: i64, status: MilestoneStatus) -> Result<()> {
        self.store.write(|tx| {
            let m = tx.milestone(id)?;
            Ok(tx.update_milestone(id, &MilestoneInput { status, ..m.input() })?)
        })
    }

    /// The work plan as an iCalendar file (written atomically). `now` stamps the events.
    pub fn export_ics(&mut self, dest: &Path, now: DateTime<Utc>) -> Result<usize> {
        let (uid, year) = self.store.read(|tx| -> Result<_> { Ok((tx.project_uid()?, tx.year()?)) })?;
        let text = bpf_calendar::work_plan_ics(&uid, &year, now);
        write_atomically(dest, text.as_bytes())?;
        Ok(year.milestones.len() + usize::from(year.meeting.is_some()))
    }

    /// Writes a consistent copy of the project file to `dest`; this project stays open.
    pub fn save_copy(&self, dest: &Path) -> Result<()> {
        Ok(self.store.save_copy(dest)?)
    }
}

fn with_derived_dates(meeting: Option<&AnnualMeeting>, m: &MilestoneInput) -> MilestoneInput {
    match (meeting, &m.derived) {
        (Some(meeting), Some(d)) => {
            let (date, end_date) = cycle::derive_dates(meeting, d);
            MilestoneInput { date, end_date, ..m.clone() }
        }
        _ => m.clone(),
    }
}
