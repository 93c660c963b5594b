//! Use cases of meetings and places: scheduling, local times, the fair-slot finder.

use bpf_domain::meeting::{
    AgendaItem, LocalTime, MeetingInput, MeetingKind, MeetingStatus, PlaceInput, check_meeting_input,
    local_times, parse_local_start,
};
use bpf_domain::parse_date;
use bpf_domain::slots::{Slot, SlotQuery, find_slots, rotation};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Project, Result};

/// Reads a column mapping (`name=COL,join=COL,leave=COL[,email=COL][,guest=COL]`, COL a header or
/// a 1-based number) against the first row of a report.
pub fn attendance_columns(bytes: &[u8], spec: &str) -> Result<bpf_import::Columns> {
    let refuse = |e: String| {
        bpf_domain::InvalidInput::Refused(format!("the column mapping does not fit the report: {e}"))
    };
    let header = bpf_import::first_row(bytes).map_err(|e| refuse(e.to_string()))?;
    Ok(bpf_import::parse_mapping(spec, &header).map_err(refuse)?)
}

/// The largest attendance report read (a Zoom report of a 1,000-person meeting is far smaller).
pub const MAX_REPORT_BYTES: usize = 20 * 1024 * 1024;

/// How many data rows of a report the mapping step shows.
const PREVIEW_ROWS: usize = 5;

/// Which column of a report holds what (0-based): proposed by [`report_preview`], chosen by a
/// person in the mapping step. Name, join and leave are required; e-mail and guest optional.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ColumnChoice {
    pub name: Option<u32>,
    pub email: Option<u32>,
    pub join: Option<u32>,
    pub leave: Option<u32>,
    pub guest: Option<u32>,
}

/// The start of a report whose columns a person maps: what the mapping step shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReportPreview {
    /// The file's name (without its folder).
    pub file_name: String,
    /// The first non-empty row.
    pub header: Vec<String>,
    /// The first data rows (at most five).
    pub rows: Vec<Vec<String>>,
    /// Data rows in the file.
    pub row_count: u32,
    /// Columns proposed from the header and the values.
    pub suggested: ColumnChoice,
}

fn refuse_report(e: impl std::fmt::Display) -> crate::AppError {
    bpf_domain::InvalidInput::Refused(format!("the attendance report was not imported: {e}")).into()
}

fn check_report_size(bytes: &[u8]) -> Result<()> {
    if bytes.len() > MAX_REPORT_BYTES {
        return Err(bpf_domain::InvalidInput::Refused(format!(
            "the report is {} MB: an attendance report is at most 20 MB",
            bytes.len() / (1024 * 1024)
        ))
        .into());
    }
    Ok(())
}

/// Whether a report has a participants table the app finds by itself (Zoom's report); a report
/// without one needs its columns mapped.
pub fn report_needs_mapping(bytes: &[u8]) -> bool {
    !bpf_import::has_participant_header(bytes)
}

/// The header, first rows and row count of a report, with columns proposed for each field.
/// A file that is empty or lists no row is refused.
pub fn report_preview(bytes: &[u8], file_name: &str) -> Result<ReportPreview> {
    check_report_size(bytes)?;
    let p = bpf_import::preview(bytes, PREVIEW_ROWS).map_err(refuse_report)?;
    let s = bpf_import::suggest_columns(&p.header, &p.rows);
    let n = |c: Option<usize>| c.map(|i| i as u32);
    Ok(ReportPreview {
        file_name: file_name.to_string(),
        suggested: ColumnChoice {
            name: n(s.name),
            email: n(s.email),
            join: n(s.join),
            leave: n(s.leave),
            guest: n(s.guest),
        },
        header: p.header,
        rows: p.rows,
        row_count: p.row_count as u32,
    })
}

/// Checks a person's column choice against a report's header: the required fields chosen, every
/// column in the file, none chosen twice.
pub fn columns_from_choice(bytes: &[u8], choice: &ColumnChoice) -> Result<bpf_import::Columns> {
    let refuse = |e: String| -> crate::AppError { bpf_domain::InvalidInput::Refused(e).into() };
    let need = |c: Option<u32>, what: &str| {
        c.map(|i| i as usize).ok_or_else(|| refuse(format!("choose the column that holds the {what}")))
    };
    let columns = bpf_import::Columns {
        name: need(choice.name, "name")?,
        join: need(choice.join, "join time")?,
        leave: need(choice.leave, "leave time")?,
        email: choice.email.map(|i| i as usize),
        guest: choice.guest.map(|i| i as usize),
    };
    let header = bpf_import::first_row(bytes).map_err(refuse_report)?;
    columns.check(&header).map_err(refuse)?;
    Ok(columns)
}

/// What an attendance import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AttendanceSummary {
    /// Participant rows in the report.
    pub rows: u32,
    /// People, after merging repeated joins.
    pub attendees: u32,
    pub guests: u32,
    /// Attendees linked to a coordinating-team member by e-mail.
    pub team_members: u32,
    /// Person-minutes in the meeting.
    pub minutes: u32,
}

/// A meeting as a person types it: the start as a wall-clock time in the organiser's zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MeetingForm {
    pub title: String,
    pub kind: MeetingKind,
    /// `YYYY-MM-DDTHH:MM`, local to `zone`.
    pub local_start: String,
    pub zone: String,
    pub minutes: u32,
    pub join_url: String,
    pub agenda: Vec<AgendaItem>,
    /// `YYYY-MM-DD`, or empty.
    pub announced_on: String,
    pub status: MeetingStatus,
    pub materials: Vec<String>,
    pub summary: String,
}

impl MeetingForm {
    /// Parses and checks the form: the instant in UTC, the zone under its canonical name.
    pub fn parse(&self) -> Result<MeetingInput> {
        let zone = bpf_domain::parse_zone(&self.zone)?.name().to_string();
        let announced = self.announced_on.trim();
        let input = MeetingInput {
            title: self.title.trim().to_string(),
            kind: self.kind,
            start: parse_local_start(&self.local_start, &zone)?,
            zone,
            minutes: self.minutes,
            join_url: self.join_url.trim().to_string(),
            agenda: self.agenda.clone(),
            announced_on: if announced.is_empty() { None } else { Some(parse_date(announced)?) },
            status: self.status,
            materials: self.materials.clone(),
            summary: self.summary.clone(),
        };
        check_meeting_input(&input)?;
        Ok(input)
    }
}

impl Project {
    pub fn places(&mut self) -> Result<Vec<bpf_domain::meeting::Place>> {
        Ok(self.store.read(|tx| tx.places())?)
    }

    pub fn meetings(&mut self) -> Result<Vec<bpf_domain::meeting::Meeting>> {
        Ok(self.store.read(|tx| tx.meetings())?)
    }

    pub fn meeting(&mut self, id: i64) -> Result<bpf_domain::meeting::Meeting> {
        Ok(self.store.read(|tx| tx.meeting(id))?)
    }

    pub fn add_place(&mut self, p: &PlaceInput) -> Result<i64> {
        let p = p.checked()?;
        self.store.write(|tx| Ok(tx.insert_place(&p)?))
    }

    pub fn update_place(&mut self, id: i64, p: &PlaceInput) -> Result<()> {
        let p = p.checked()?;
        self.store.write(|tx| Ok(tx.update_place(id, &p)?))
    }

    pub fn delete_place(&mut self, id: i64) -> Result<()> {
        self.store.write(|tx| Ok(tx.delete_place(id)?))
    }

    pub fn add_meeting(&mut self, form: &MeetingForm) -> Result<i64> {
        let input = form.parse()?;
        self.store.write(|tx| Ok(tx.insert_meeting(&input)?))
    }

    /// Replaces a meeting's content; its SEQUENCE goes up by one.
    pub fn update_meeting(&mut self, id: i64, form: &MeetingForm) -> Result<()> {
        let input = form.parse()?;
        self.store.write(|tx| Ok(tx.update_meeting(id, &input)?))
    }

    pub fn set_meeting_status(&mut self, id: i64, status: MeetingStatus) -> Result<()> {
        self.store.write(|tx| {
            let m = tx.meeting(id)?;
            Ok(tx.update_meeting(id, &MeetingInput { status, ..m.input() })?)
        })
    }

    /// Saves the summary (Markdown) drafted after the meeting.
    pub fn set_meeting_summary(&mut self, id: i64, summary: &str) -> Result<()> {
        let len = summary.chars().count();
        if len > 200_000 {
            return Err(bpf_domain::InvalidInput::TooLong { what: "the summary", len, max: 200_000 }.into());
        }
        self.store.write(|tx| Ok(tx.set_meeting_summary(id, summary)?))
    }

    /// A skeleton for the summary: one section per agenda item.
    pub fn summary_skeleton(&mut self, id: i64) -> Result<String> {
        let m = self.store.read(|tx| tx.meeting(id))?;
        Ok(bpf_domain::meeting::summary_skeleton(&m))
    }

    /// The meeting's invitation (RFC 5545, with its zone), written atomically to `dest`.
    pub fn export_meeting_ics(
        &mut self,
        id: i64,
        dest: &std::path::Path,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<()> {
        let (uid, title, m) = self
            .store
            .read(|tx| -> Result<_> { Ok((tx.project_uid()?, tx.profile()?.title, tx.meeting(id)?)) })?;
        crate::write_atomically(dest, bpf_calendar::meeting_ics(&uid, &title, &m, now).as_bytes())
    }

    /// The meeting's announcement for the mailing list as an `.eml` draft with the invitation
    /// attached, written atomically to `dest`.
    pub fn export_meeting_announcement(
        &mut self,
        id: i64,
        dest: &std::path::Path,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<()> {
        let (uid, profile, m, places) = self.store.read(|tx| -> Result<_> {
            Ok((tx.project_uid()?, tx.profile()?, tx.meeting(id)?, tx.places()?))
        })?;
        let ics = bpf_calendar::meeting_ics(&uid, &profile.title, &m, now);
        // A listinfo URL is no posting address: only an e-mail address goes in To.
        let list = if profile.mailing_list.contains('@') && !profile.mailing_list.contains("://") {
            profile.mailing_list.as_str()
        } else {
            ""
        };
        let a = bpf_mail::Announcement {
            bpf_title: &profile.title,
            list_address: list,
            from_address: &profile.contact_email,
            meeting: &m,
            places: &places,
            ics: &ics,
        };
        let bytes = bpf_mail::announcement_eml(&a, now).map_err(|e| crate::AppError::file(dest, &e))?;
        crate::write_atomically(dest, &bytes)
    }

    /// Imports an attendance report (Zoom's participants CSV, or a CSV with `columns` mapped)
    /// for a meeting, replacing any earlier import; times without offset are read in the
    /// meeting's zone. Attendees whose e-mail matches a team member are linked to them. The
    /// whole file is refused if any row is malformed.
    pub fn import_attendance(
        &mut self,
        meeting_id: i64,
        bytes: &[u8],
        columns: Option<bpf_import::Columns>,
    ) -> Result<AttendanceSummary> {
        check_report_size(bytes)?;
        self.store.write(|tx| {
            let meeting = tx.meeting(meeting_id)?;
            let zone = bpf_domain::parse_zone(&meeting.zone)?;
            let read = bpf_import::read_attendance(bytes, columns, &zone).map_err(refuse_report)?;
            let team = tx.team()?;
            let mut attendees = read.attendees;
            for a in &mut attendees {
                a.team_member_id = team
                    .iter()
                    .find(|t| !a.email.is_empty() && t.email.eq_ignore_ascii_case(&a.email))
                    .map(|t| t.id);
            }
            tx.set_attendance(meeting_id, &attendees)?;
            Ok(AttendanceSummary {
                rows: read.rows as u32,
                attendees: attendees.len() as u32,
                guests: attendees.iter().filter(|a| a.guest).count() as u32,
                team_members: attendees.iter().filter(|a| a.team_member_id.is_some()).count() as u32,
                minutes: attendees.iter().map(|a| a.minutes).sum(),
            })
        })
    }

    pub fn attendance(&mut self, meeting_id: i64) -> Result<Vec<bpf_domain::meeting::Attendee>> {
        Ok(self.store.read(|tx| tx.attendance(meeting_id))?)
    }

    /// The meeting's summary as a Markdown document (facts, agenda, summary or its skeleton),
    /// written atomically to `dest`.
    pub fn export_meeting_summary(&mut self, id: i64, dest: &std::path::Path) -> Result<()> {
        let (title, m) = self.store.read(|tx| -> Result<_> { Ok((tx.profile()?.title, tx.meeting(id)?)) })?;
        crate::write_atomically(dest, bpf_domain::meeting::summary_document(&title, &m).as_bytes())
    }

    /// The meeting's time in every place of the BPF.
    pub fn local_times(&mut self, meeting_id: i64) -> Result<Vec<LocalTime>> {
        let (m, places) =
            self.store.read(|tx| -> Result<_> { Ok((tx.meeting(meeting_id)?, tx.places()?)) })?;
        Ok(local_times(m.start, m.minutes, &places)?)
    }

    /// The best `limit` start times for the places of the BPF.
    pub fn find_slots(&mut self, q: &SlotQuery, limit: usize) -> Result<Vec<Slot>> {
        let places = self.store.read(|tx| tx.places())?;
        Ok(find_slots(&places, q, limit)?)
    }

    /// Start times for a series of meetings with the burden rotating between places.
    pub fn rotation(&mut self, q: &SlotQuery, count: usize) -> Result<Vec<Slot>> {
        let places = self.store.read(|tx| tx.places())?;
        Ok(rotation(&places, q, count)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GENERIC: &str = "Participant,Mail,Arrived,Departed\n\
        Ana Ruiz,ana@example.org,2026-03-04 14:00,2026-03-04 15:00\n";

    #[test]
    fn a_generic_report_is_previewed_with_proposed_columns() {
        assert!(report_needs_mapping(GENERIC.as_bytes()));
        let p = report_preview(GENERIC.as_bytes(), "list.csv").unwrap();
        assert_eq!((p.file_name.as_str(), p.row_count, p.rows.len()), ("list.csv", 1, 1));
        let want = ColumnChoice { name: Some(0), email: Some(1), join: Some(2), leave: Some(3), guest: None };
        assert_eq!(p.suggested, want);
        let c = columns_from_choice(GENERIC.as_bytes(), &want).unwrap();
        assert_eq!((c.name, c.email, c.join, c.leave, c.guest), (0, Some(1), 2, 3, None));
        let e = report_preview(b"", "x.csv").unwrap_err().to_string();
        assert_eq!(e, "the attendance report was not imported: the file is empty");
    }

    #[test]
    fn a_column_choice_is_checked_against_the_report() {
        let bytes = GENERIC.as_bytes();
        let choice = ColumnChoice { name: Some(0), email: None, join: Some(2), leave: None, guest: None };
        let e = columns_from_choice(bytes, &choice).unwrap_err();
        assert_eq!(e.code(), Some("INVALID_INPUT"));
        assert_eq!(e.to_string(), "choose the column that holds the leave time");
        let twice = ColumnChoice { leave: Some(2), ..choice };
        assert_eq!(
            columns_from_choice(bytes, &twice).unwrap_err().to_string(),
            "column \"Arrived\" is chosen for both the join time and the leave time"
        );
        let outside = ColumnChoice { leave: Some(3), guest: Some(9), ..choice };
        assert_eq!(
            columns_from_choice(bytes, &outside).unwrap_err().to_string(),
            "column 10 for the guest does not exist: the file has 4 columns"
        );
    }
}
