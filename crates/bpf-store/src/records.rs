//! Typed reads and writes of a BPF year's records, inside one transaction.

use bpf_domain::{
    Anchor, AnnualMeeting, BpfYear, Derivation, DerivedEnd, MeetingFormat, Milestone, MilestoneInput,
    MilestoneKind, MilestoneStatus, Profile, Role, TeamMember, TeamMemberInput, Workstream, WorkstreamInput,
};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::{Result, StoreError};

/// The records of a project, seen through one open transaction.
#[derive(Debug)]
pub struct Tx<'a> {
    pub(crate) conn: &'a Connection,
}

pub(crate) fn bad(what: &str, value: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        format!("unknown {what} \"{value}\"").into(),
    )
}

pub(crate) fn date(s: String) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| bad("date", &s))
}

pub(crate) fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn anchor(s: Option<String>) -> rusqlite::Result<Option<Anchor>> {
    s.map(|s| Anchor::parse(&s).ok_or_else(|| bad("anchor", &s))).transpose()
}

const MILESTONE_COLUMNS: &str = "id, title, kind, date, end_date, owner, workstream_id, status, \
     derived_anchor, derived_offset, derived_end_anchor, derived_end_offset, notes";

fn milestone(r: &Row<'_>) -> rusqlite::Result<Milestone> {
    let kind: String = r.get(2)?;
    let status: String = r.get(7)?;
    let derived = match (anchor(r.get(8)?)?, r.get::<_, Option<i32>>(9)?) {
        (Some(anchor_), Some(offset_days)) => Some(Derivation {
            anchor: anchor_,
            offset_days,
            end: match (anchor(r.get(10)?)?, r.get::<_, Option<i32>>(11)?) {
                (Some(anchor), Some(offset_days)) => Some(DerivedEnd { anchor, offset_days }),
                _ => None,
            },
        }),
        _ => None,
    };
    Ok(Milestone {
        id: r.get(0)?,
        title: r.get(1)?,
        kind: MilestoneKind::parse(&kind).ok_or_else(|| bad("milestone kind", &kind))?,
        date: date(r.get(3)?)?,
        end_date: r.get::<_, Option<String>>(4)?.map(date).transpose()?,
        owner: r.get(5)?,
        workstream_id: r.get(6)?,
        status: MilestoneStatus::parse(&status).ok_or_else(|| bad("status", &status))?,
        derived,
        notes: r.get(12)?,
    })
}

fn team_member(r: &Row<'_>) -> rusqlite::Result<TeamMember> {
    let role: String = r.get(4)?;
    Ok(TeamMember {
        id: r.get(0)?,
        name: r.get(1)?,
        organisation: r.get(2)?,
        email: r.get(3)?,
        role: Role::parse(&role).ok_or_else(|| bad("role", &role))?,
        mag_member: r.get(5)?,
    })
}

pub(crate) fn conv(e: rusqlite::Error) -> StoreError {
    match e {
        rusqlite::Error::FromSqlConversionFailure(_, _, inner) => StoreError::BadValue(inner.to_string()),
        other => StoreError::Sqlite(other),
    }
}

impl<'a> Tx<'a> {
    pub(crate) fn new(conn: &'a Connection) -> Self {
        Tx { conn }
    }

    /// Everything about the year.
    pub fn year(&self) -> Result<BpfYear> {
        Ok(BpfYear {
            profile: self.profile()?,
            meeting: self.annual_meeting()?,
            team: self.team()?,
            workstreams: self.workstreams()?,
            milestones: self.milestones()?,
            places: self.places()?,
            meetings: self.meetings()?,
        })
    }

    /// A random id given to the project when it was created; stable for its whole life.
    pub fn project_uid(&self) -> Result<String> {
        Ok(self.conn.query_row("SELECT uid FROM project WHERE id = 1", [], |r| r.get(0))?)
    }

    pub fn profile(&self) -> Result<Profile> {
        self.conn
            .query_row(
                "SELECT title, year, topic, goal, website_url, mailing_list, contact_email FROM profile WHERE id = 1",
                [],
                |r| {
                    Ok(Profile {
                        title: r.get(0)?,
                        year: r.get(1)?,
                        topic: r.get(2)?,
                        goal: r.get(3)?,
                        website_url: r.get(4)?,
                        mailing_list: r.get(5)?,
                        contact_email: r.get(6)?,
                    })
                },
            )
            .optional()
            .map_err(conv)?
            .ok_or(StoreError::Missing { what: "profile", id: 1 })
    }

    pub fn set_profile(&self, p: &Profile) -> Result<()> {
        self.conn.execute(
            "INSERT INTO profile (id, title, year, topic, goal, website_url, mailing_list, contact_email)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (id) DO UPDATE SET title = ?1, year = ?2, topic = ?3, goal = ?4,
                 website_url = ?5, mailing_list = ?6, contact_email = ?7",
            params![p.title, p.year, p.topic, p.goal, p.website_url, p.mailing_list, p.contact_email],
        )?;
        Ok(())
    }

    pub fn annual_meeting(&self) -> Result<Option<AnnualMeeting>> {
        self.conn
            .query_row(
                "SELECT start_date, end_date, place, format, zone FROM annual_meeting WHERE id = 1",
                [],
                |r| {
                    let format: String = r.get(3)?;
                    Ok(AnnualMeeting {
                        start: date(r.get(0)?)?,
                        end: date(r.get(1)?)?,
                        place: r.get(2)?,
                        format: MeetingFormat::parse(&format)
                            .ok_or_else(|| bad("meeting format", &format))?,
                        zone: r.get(4)?,
                    })
                },
            )
            .optional()
            .map_err(conv)
    }

    pub fn set_annual_meeting(&self, m: &AnnualMeeting) -> Result<()> {
        self.conn.execute(
            "INSERT INTO annual_meeting (id, start_date, end_date, place, format, zone)
             VALUES (1, ?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (id) DO UPDATE SET start_date = ?1, end_date = ?2, place = ?3, format = ?4, zone = ?5",
            params![iso(m.start), iso(m.end), m.place, m.format.as_str(), m.zone],
        )?;
        Ok(())
    }

    pub fn team(&self) -> Result<Vec<TeamMember>> {
        let mut st = self
            .conn
            .prepare("SELECT id, name, organisation, email, role, mag_member FROM team_member ORDER BY id")?;
        let rows = st.query_map([], team_member)?.collect::<rusqlite::Result<Vec<_>>>();
        rows.map_err(conv)
    }

    pub fn insert_team_member(&self, t: &TeamMemberInput) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO team_member (name, organisation, email, role, mag_member) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![t.name.trim(), t.organisation.trim(), t.email.trim(), t.role.as_str(), t.mag_member],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn update_team_member(&self, id: i64, t: &TeamMemberInput) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE team_member SET name = ?2, organisation = ?3, email = ?4, role = ?5, mag_member = ?6 WHERE id = ?1",
            params![id, t.name.trim(), t.organisation.trim(), t.email.trim(), t.role.as_str(), t.mag_member],
        )?;
        found(n, "team member", id)
    }

    pub fn delete_team_member(&self, id: i64) -> Result<()> {
        let n = self.conn.execute("DELETE FROM team_member WHERE id = ?1", [id])?;
        found(n, "team member", id)
    }

    pub fn workstreams(&self) -> Result<Vec<Workstream>> {
        let mut st = self.conn.prepare("SELECT id, name, lead, objective FROM workstream ORDER BY id")?;
        let rows = st
            .query_map([], |r| {
                Ok(Workstream { id: r.get(0)?, name: r.get(1)?, lead: r.get(2)?, objective: r.get(3)? })
            })?
            .collect::<rusqlite::Result<Vec<_>>>();
        rows.map_err(conv)
    }

    pub fn insert_workstream(&self, w: &WorkstreamInput) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO workstream (name, lead, objective) VALUES (?1, ?2, ?3)",
            params![w.name.trim(), w.lead.trim(), w.objective.trim()],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn update_workstream(&self, id: i64, w: &WorkstreamInput) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE workstream SET name = ?2, lead = ?3, objective = ?4 WHERE id = ?1",
            params![id, w.name.trim(), w.lead.trim(), w.objective.trim()],
        )?;
        found(n, "workstream", id)
    }

    pub fn delete_workstream(&self, id: i64) -> Result<()> {
        let n = self.conn.execute("DELETE FROM workstream WHERE id = ?1", [id])?;
        found(n, "workstream", id)
    }

    pub fn milestones(&self) -> Result<Vec<Milestone>> {
        let mut st =
            self.conn.prepare(&format!("SELECT {MILESTONE_COLUMNS} FROM milestone ORDER BY date, id"))?;
        let rows = st.query_map([], milestone)?.collect::<rusqlite::Result<Vec<_>>>();
        rows.map_err(conv)
    }

    pub fn milestone(&self, id: i64) -> Result<Milestone> {
        self.conn
            .query_row(&format!("SELECT {MILESTONE_COLUMNS} FROM milestone WHERE id = ?1"), [id], milestone)
            .optional()
            .map_err(conv)?
            .ok_or(StoreError::Missing { what: "milestone", id })
    }

    fn check_workstream(&self, id: Option<i64>) -> Result<()> {
        if let Some(id) = id {
            let n: i64 =
                self.conn.query_row("SELECT count(*) FROM workstream WHERE id = ?1", [id], |r| r.get(0))?;
            if n == 0 {
                return Err(StoreError::Missing { what: "workstream", id });
            }
        }
        Ok(())
    }

    /// Runs an INSERT or UPDATE of a milestone whose parameters are ?1 = id, then the columns in order.
    fn write_milestone(&self, sql: &str, id: Option<i64>, m: &MilestoneInput) -> Result<usize> {
        self.check_workstream(m.workstream_id)?;
        let d = m.derived;
        let end = d.and_then(|d| d.end);
        Ok(self.conn.execute(
            sql,
            params![
                id,
                m.title.trim(),
                m.kind.as_str(),
                iso(m.date),
                m.end_date.map(iso),
                m.owner.trim(),
                m.workstream_id,
                m.status.as_str(),
                d.map(|d| d.anchor.as_str()),
                d.map(|d| d.offset_days),
                end.map(|e| e.anchor.as_str()),
                end.map(|e| e.offset_days),
                m.notes,
            ],
        )?)
    }

    pub fn insert_milestone(&self, m: &MilestoneInput) -> Result<i64> {
        // A NULL id makes SQLite choose the next one.
        let sql = format!(
            "INSERT INTO milestone ({MILESTONE_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
        );
        self.write_milestone(&sql, None, m)?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn update_milestone(&self, id: i64, m: &MilestoneInput) -> Result<()> {
        let n = self.write_milestone(
            "UPDATE milestone SET title = ?2, kind = ?3, date = ?4, end_date = ?5, owner = ?6, workstream_id = ?7,
                 status = ?8, derived_anchor = ?9, derived_offset = ?10, derived_end_anchor = ?11,
                 derived_end_offset = ?12, notes = ?13
             WHERE id = ?1",
            Some(id),
            m,
        )?;
        found(n, "milestone", id)
    }

    pub fn delete_milestone(&self, id: i64) -> Result<()> {
        let n = self.conn.execute("DELETE FROM milestone WHERE id = ?1", [id])?;
        found(n, "milestone", id)
    }
}

pub(crate) fn found(changed: usize, what: &'static str, id: i64) -> Result<()> {
    if changed == 0 { Err(StoreError::Missing { what, id }) } else { Ok(()) }
}
