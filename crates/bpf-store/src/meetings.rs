//! Reads and writes of places and meetings, inside one transaction.

use bpf_domain::meeting::{
    AgendaItem, Attendee, Meeting, MeetingInput, MeetingKind, MeetingStatus, Place, PlaceInput,
};
use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{OptionalExtension, Row, params};

use crate::records::{bad, conv, date, found, iso};
use crate::{Result, StoreError, Tx};

fn utc_text(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn place(r: &Row<'_>) -> rusqlite::Result<Place> {
    Ok(Place { id: r.get(0)?, name: r.get(1)?, zone: r.get(2)?, participants: r.get(3)? })
}

const MEETING_COLUMNS: &str = "id, title, kind, start_utc, zone, minutes, join_url, announced_on, status, summary, \
     sequence, (SELECT count(*) FROM attendee a WHERE a.meeting_id = meeting.id)";

fn meeting(r: &Row<'_>) -> rusqlite::Result<Meeting> {
    let kind: String = r.get(2)?;
    let start: String = r.get(3)?;
    let status: String = r.get(8)?;
    Ok(Meeting {
        id: r.get(0)?,
        title: r.get(1)?,
        kind: MeetingKind::parse(&kind).ok_or_else(|| bad("meeting kind", &kind))?,
        start: DateTime::parse_from_rfc3339(&start).map_err(|_| bad("instant", &start))?.with_timezone(&Utc),
        zone: r.get(4)?,
        minutes: r.get(5)?,
        join_url: r.get(6)?,
        agenda: Vec::new(),
        announced_on: r.get::<_, Option<String>>(7)?.map(date).transpose()?,
        status: MeetingStatus::parse(&status).ok_or_else(|| bad("meeting status", &status))?,
        materials: Vec::new(),
        summary: r.get(9)?,
        sequence: r.get(10)?,
        attendees: r.get(11)?,
    })
}

impl Tx<'_> {
    pub fn places(&self) -> Result<Vec<Place>> {
        let mut st = self.conn.prepare("SELECT id, name, zone, participants FROM place ORDER BY id")?;
        let rows = st.query_map([], place)?.collect::<rusqlite::Result<Vec<_>>>();
        rows.map_err(conv)
    }

    pub fn insert_place(&self, p: &PlaceInput) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO place (name, zone, participants) VALUES (?1, ?2, ?3)",
            params![p.name.trim(), p.zone, p.participants],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn update_place(&self, id: i64, p: &PlaceInput) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE place SET name = ?2, zone = ?3, participants = ?4 WHERE id = ?1",
            params![id, p.name.trim(), p.zone, p.participants],
        )?;
        found(n, "place", id)
    }

    pub fn delete_place(&self, id: i64) -> Result<()> {
        let n = self.conn.execute("DELETE FROM place WHERE id = ?1", [id])?;
        found(n, "place", id)
    }

    /// The meetings in start order, with their agendas and materials.
    pub fn meetings(&self) -> Result<Vec<Meeting>> {
        let mut st =
            self.conn.prepare(&format!("SELECT {MEETING_COLUMNS} FROM meeting ORDER BY start_utc, id"))?;
        let mut out = st.query_map([], meeting)?.collect::<rusqlite::Result<Vec<_>>>().map_err(conv)?;
        for m in &mut out {
            self.fill_meeting(m)?;
        }
        Ok(out)
    }

    pub fn meeting(&self, id: i64) -> Result<Meeting> {
        let mut m = self
            .conn
            .query_row(&format!("SELECT {MEETING_COLUMNS} FROM meeting WHERE id = ?1"), [id], meeting)
            .optional()
            .map_err(conv)?
            .ok_or(StoreError::Missing { what: "meeting", id })?;
        self.fill_meeting(&mut m)?;
        Ok(m)
    }

    fn fill_meeting(&self, m: &mut Meeting) -> Result<()> {
        let mut st = self.conn.prepare_cached(
            "SELECT title, presenter, minutes FROM agenda_item WHERE meeting_id = ?1 ORDER BY position",
        )?;
        m.agenda = st
            .query_map([m.id], |r| {
                Ok(AgendaItem { title: r.get(0)?, presenter: r.get(1)?, minutes: r.get(2)? })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(conv)?;
        let mut st = self
            .conn
            .prepare_cached("SELECT url FROM meeting_material WHERE meeting_id = ?1 ORDER BY position")?;
        m.materials =
            st.query_map([m.id], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>().map_err(conv)?;
        Ok(())
    }

    fn write_parts(&self, id: i64, m: &MeetingInput) -> Result<()> {
        self.conn.execute("DELETE FROM agenda_item WHERE meeting_id = ?1", [id])?;
        self.conn.execute("DELETE FROM meeting_material WHERE meeting_id = ?1", [id])?;
        for (i, a) in m.agenda.iter().enumerate() {
            self.conn.execute(
                "INSERT INTO agenda_item (meeting_id, position, title, presenter, minutes) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, i as i64, a.title.trim(), a.presenter.trim(), a.minutes],
            )?;
        }
        for (i, url) in m.materials.iter().filter(|u| !u.trim().is_empty()).enumerate() {
            self.conn.execute(
                "INSERT INTO meeting_material (meeting_id, position, url) VALUES (?1, ?2, ?3)",
                params![id, i as i64, url.trim()],
            )?;
        }
        Ok(())
    }

    /// Runs an INSERT or UPDATE of a meeting whose parameters are ?1 = id, then the columns in order.
    fn write_meeting(&self, sql: &str, id: Option<i64>, m: &MeetingInput) -> Result<usize> {
        Ok(self.conn.execute(
            sql,
            params![
                id,
                m.title.trim(),
                m.kind.as_str(),
                utc_text(m.start),
                m.zone,
                m.minutes,
                m.join_url.trim(),
                m.announced_on.map(iso),
                m.status.as_str(),
                m.summary,
            ],
        )?)
    }

    pub fn insert_meeting(&self, m: &MeetingInput) -> Result<i64> {
        // A NULL id makes SQLite choose the next one.
        self.write_meeting(
            "INSERT INTO meeting (id, title, kind, start_utc, zone, minutes, join_url, announced_on, status, summary)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            None,
            m,
        )?;
        let id = self.conn.last_insert_rowid();
        self.write_parts(id, m)?;
        Ok(id)
    }

    /// Replaces a meeting's content and raises its SEQUENCE.
    pub fn update_meeting(&self, id: i64, m: &MeetingInput) -> Result<()> {
        let n = self.write_meeting(
            "UPDATE meeting SET title = ?2, kind = ?3, start_utc = ?4, zone = ?5, minutes = ?6, join_url = ?7,
                 announced_on = ?8, status = ?9, summary = ?10, sequence = sequence + 1
             WHERE id = ?1",
            Some(id),
            m,
        )?;
        found(n, "meeting", id)?;
        self.write_parts(id, m)
    }

    /// Replaces the summary of a meeting. The invitation does not carry it: SEQUENCE stays.
    pub fn set_meeting_summary(&self, id: i64, summary: &str) -> Result<()> {
        let n = self.conn.execute("UPDATE meeting SET summary = ?2 WHERE id = ?1", params![id, summary])?;
        found(n, "meeting", id)
    }

    /// Replaces the attendance of a meeting.
    pub fn set_attendance(&self, meeting_id: i64, attendees: &[Attendee]) -> Result<()> {
        self.meeting(meeting_id)?;
        self.conn.execute("DELETE FROM attendee WHERE meeting_id = ?1", [meeting_id])?;
        let mut st = self.conn.prepare_cached(
            "INSERT INTO attendee (meeting_id, position, name, email, guest, joins, minutes, first_join_utc,
                 last_leave_utc, team_member_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?;
        for (i, a) in attendees.iter().enumerate() {
            st.execute(params![
                meeting_id,
                i as i64,
                a.name,
                a.email,
                a.guest,
                a.joins,
                a.minutes,
                utc_text(a.first_join),
                utc_text(a.last_leave),
                a.team_member_id,
            ])?;
        }
        Ok(())
    }

    pub fn attendance(&self, meeting_id: i64) -> Result<Vec<Attendee>> {
        let mut st = self.conn.prepare(
            "SELECT name, email, guest, joins, minutes, first_join_utc, last_leave_utc, team_member_id
             FROM attendee WHERE meeting_id = ?1 ORDER BY position",
        )?;
        let instant = |s: String| {
            DateTime::parse_from_rfc3339(&s).map(|d| d.with_timezone(&Utc)).map_err(|_| bad("instant", &s))
        };
        let rows = st
            .query_map([meeting_id], |r| {
                Ok(Attendee {
                    name: r.get(0)?,
                    email: r.get(1)?,
                    guest: r.get(2)?,
                    joins: r.get(3)?,
                    minutes: r.get(4)?,
                    first_join: instant(r.get(5)?)?,
                    last_leave: instant(r.get(6)?)?,
                    team_member_id: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>();
        rows.map_err(conv)
    }

    pub fn delete_meeting(&self, id: i64) -> Result<()> {
        let n = self.conn.execute("DELETE FROM meeting WHERE id = ?1", [id])?;
        found(n, "meeting", id)
    }
}
