//! Reads and writes of the register of people, merges and the balance thresholds.

use std::collections::HashMap;

use bpf_domain::balance::BalanceThresholds;
use bpf_domain::people::{CheckedPerson, Person, PersonMerge, PersonRole, StakeholderGroup, sort_key};
use bpf_domain::regions;
use rusqlite::{OptionalExtension, params};

use crate::records::{bad, conv, found};
use crate::{Result, Tx};

/// Someone who attended a meeting, as the balance and the suggestions need them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendanceRow {
    pub name: String,
    /// Lower case, or empty.
    pub email: String,
    /// `YYYY-MM` of the meeting, in UTC.
    pub month: String,
    pub meeting_id: i64,
}

/// A sender of list messages in one month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PosterRow {
    /// Lower case.
    pub address: String,
    pub name: String,
    /// `YYYY-MM` in UTC, `None` for undated messages.
    pub month: Option<String>,
    pub messages: u32,
}

/// One row of `person`, before its addresses are attached.
struct Row {
    id: i64,
    name: String,
    organisation: String,
    country: String,
    group: Option<StakeholderGroup>,
    role: PersonRole,
    notes: String,
    merged_into: Option<i64>,
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    let group: String = r.get(4)?;
    let role: String = r.get(5)?;
    Ok(Row {
        id: r.get(0)?,
        name: r.get(1)?,
        organisation: r.get(2)?,
        country: r.get(3)?,
        group: if group.is_empty() {
            None
        } else {
            Some(StakeholderGroup::parse(&group).ok_or_else(|| bad("stakeholder group", &group))?)
        },
        role: PersonRole::parse(&role).ok_or_else(|| bad("role", &role))?,
        notes: r.get(6)?,
        merged_into: r.get(7)?,
    })
}

const COLUMNS: &str = "id, name, organisation, country, stakeholder_group, role, notes, merged_into";

fn group_text(g: Option<StakeholderGroup>) -> &'static str {
    g.map_or("", StakeholderGroup::as_str)
}

impl Tx<'_> {
    /// The register: every entry not merged into another, by name, each with the addresses of
    /// the entries merged into it.
    pub fn people(&self) -> Result<Vec<Person>> {
        let mut st =
            self.conn.prepare(&format!("SELECT {COLUMNS} FROM person ORDER BY name COLLATE NOCASE, id"))?;
        let mut rows = st.query_map([], row)?.collect::<rusqlite::Result<Vec<_>>>().map_err(conv)?;
        rows.sort_by_cached_key(|r| (sort_key(&r.name), r.id));
        let mut emails: HashMap<i64, Vec<String>> = HashMap::new();
        let mut st =
            self.conn.prepare("SELECT person_id, address FROM person_email ORDER BY person_id, position")?;
        for r in st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
            let (id, a) = r?;
            emails.entry(id).or_default().push(a);
        }
        let parent: HashMap<i64, i64> =
            rows.iter().filter_map(|r| r.merged_into.map(|m| (r.id, m))).collect();
        let root = |mut id: i64| {
            // Merges form a forest; the depth is bounded by the number of entries.
            for _ in 0..=parent.len() {
                match parent.get(&id) {
                    Some(p) => id = *p,
                    None => break,
                }
            }
            id
        };
        let mut merged: HashMap<i64, Vec<i64>> = HashMap::new();
        for r in rows.iter().filter(|r| r.merged_into.is_some()) {
            merged.entry(root(r.id)).or_default().push(r.id);
        }
        Ok(rows
            .iter()
            .filter(|r| r.merged_into.is_none())
            .map(|r| {
                let merged = merged.remove(&r.id).unwrap_or_default();
                let mut all = emails.get(&r.id).cloned().unwrap_or_default();
                for m in &merged {
                    all.extend(emails.get(m).cloned().unwrap_or_default());
                }
                let country = regions::find_country(&r.country);
                Person {
                    id: r.id,
                    name: r.name.clone(),
                    organisation: r.organisation.clone(),
                    country: r.country.clone(),
                    country_name: country.map(|c| c.name.clone()).unwrap_or_default(),
                    region: country.and_then(|c| c.region),
                    group: r.group,
                    role: r.role,
                    emails: all,
                    notes: r.notes.clone(),
                    merged,
                }
            })
            .collect())
    }

    /// One entry of the register as shown (an entry merged into another is shown as that one).
    pub fn person(&self, id: i64) -> Result<Person> {
        let root = self.person_root(id)?;
        self.people()?
            .into_iter()
            .find(|p| p.id == root)
            .ok_or(crate::StoreError::Missing { what: "person", id })
    }

    /// The entry shown for `id`: itself, or the one it was merged into.
    pub fn person_root(&self, id: i64) -> Result<i64> {
        let mut current = id;
        loop {
            let next: Option<Option<i64>> = self
                .conn
                .query_row("SELECT merged_into FROM person WHERE id = ?1", [current], |r| r.get(0))
                .optional()?;
            match next {
                None => return Err(crate::StoreError::Missing { what: "person", id }),
                Some(None) => return Ok(current),
                Some(Some(p)) => current = p,
            }
        }
    }

    /// The entry (as shown) that holds an address.
    pub fn person_by_email(&self, address: &str) -> Result<Option<i64>> {
        let id: Option<i64> = self
            .conn
            .query_row(
                "SELECT person_id FROM person_email WHERE address = ?1",
                [address.to_lowercase()],
                |r| r.get(0),
            )
            .optional()?;
        id.map(|id| self.person_root(id)).transpose()
    }

    pub fn insert_person(&self, p: &CheckedPerson) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO person (name, organisation, country, stakeholder_group, role, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![p.name, p.organisation, p.country, group_text(p.group), p.role.as_str(), p.notes],
        )?;
        let id = self.conn.last_insert_rowid();
        for (i, a) in p.emails.iter().enumerate() {
            self.conn.execute(
                "INSERT INTO person_email (address, person_id, position) VALUES (?1, ?2, ?3)",
                params![a, id, i as i64],
            )?;
        }
        Ok(id)
    }

    /// Replaces an entry's fields and its addresses (those of merged entries included): an
    /// address that stays keeps the entry it belongs to, so that a merge can still be undone.
    pub fn update_person(&self, id: i64, p: &CheckedPerson) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE person SET name = ?2, organisation = ?3, country = ?4, stakeholder_group = ?5, role = ?6, notes = ?7 \
             WHERE id = ?1 AND merged_into IS NULL",
            params![id, p.name, p.organisation, p.country, group_text(p.group), p.role.as_str(), p.notes],
        )?;
        found(changed, "person", id)?;
        let shown = self.shown_emails(id)?;
        for gone in shown.iter().filter(|a| !p.emails.contains(a)) {
            self.conn.execute("DELETE FROM person_email WHERE address = ?1", [gone])?;
        }
        let next: i64 = self.conn.query_row(
            "SELECT coalesce(max(position), -1) + 1 FROM person_email WHERE person_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        for (i, new) in p.emails.iter().filter(|a| !shown.contains(a)).enumerate() {
            self.conn.execute(
                "INSERT INTO person_email (address, person_id, position) VALUES (?1, ?2, ?3)",
                params![new, id, next + i as i64],
            )?;
        }
        Ok(())
    }

    /// The addresses an entry shows: its own and those of the entries merged into it.
    fn shown_emails(&self, id: i64) -> Result<Vec<String>> {
        let mut st = self.conn.prepare(
            "WITH RECURSIVE tree(id) AS (SELECT ?1 UNION SELECT p.id FROM person p JOIN tree ON p.merged_into = tree.id) \
             SELECT e.address FROM person_email e JOIN tree ON e.person_id = tree.id ORDER BY e.person_id = ?1 DESC, e.position",
        )?;
        let rows = st.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>();
        rows.map_err(conv)
    }

    /// Deletes an entry and the entries merged into it.
    pub fn delete_person(&self, id: i64) -> Result<()> {
        let shown = self.person(id)?;
        if shown.id != id {
            return Err(crate::StoreError::Missing { what: "person", id });
        }
        self.conn.execute("DELETE FROM person_merge WHERE kept_id = ?1 OR merged_id = ?1", [id])?;
        // Children before parents: the merged entries reference the kept one.
        let mut st = self.conn.prepare("SELECT id FROM person WHERE merged_into = ?1")?;
        let children: Vec<i64> = st.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        for child in children {
            self.conn.execute("UPDATE person SET merged_into = NULL WHERE id = ?1", [child])?;
            self.delete_person(child)?;
        }
        let changed = self.conn.execute("DELETE FROM person WHERE id = ?1", [id])?;
        found(changed, "person", id)
    }

    /// Records that `merged_id` was merged into `kept_id` (both shown entries); the caller has
    /// already written the kept entry's new fields.
    pub fn record_merge(&self, kept_id: i64, merged_id: i64, filled: &[&str], now_utc: &str) -> Result<i64> {
        self.conn.execute("UPDATE person SET merged_into = ?2 WHERE id = ?1", params![merged_id, kept_id])?;
        self.conn.execute(
            "INSERT INTO person_merge (kept_id, merged_id, filled, merged_utc) VALUES (?1, ?2, ?3, ?4)",
            params![kept_id, merged_id, filled.join(","), now_utc],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Merges, newest first.
    pub fn merges(&self) -> Result<Vec<PersonMerge>> {
        let mut st = self.conn.prepare(
            "SELECT m.id, m.kept_id, k.name, m.merged_id, d.name, m.filled, m.merged_utc, m.undone_utc \
             FROM person_merge m JOIN person k ON k.id = m.kept_id JOIN person d ON d.id = m.merged_id \
             ORDER BY m.id DESC",
        )?;
        let rows = st
            .query_map([], |r| {
                let filled: String = r.get(5)?;
                Ok(PersonMerge {
                    id: r.get(0)?,
                    kept_id: r.get(1)?,
                    kept_name: r.get(2)?,
                    merged_id: r.get(3)?,
                    merged_name: r.get(4)?,
                    filled: filled.split(',').filter(|f| !f.is_empty()).map(String::from).collect(),
                    merged_utc: r.get(6)?,
                    undone_utc: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>();
        rows.map_err(conv)
    }

    /// Undoes a merge: the merged entry is shown again, and each field of the kept entry that
    /// the merge filled is emptied again unless it was changed since.
    pub fn undo_merge(&self, merge_id: i64, now_utc: &str) -> Result<()> {
        let m = self
            .merges()?
            .into_iter()
            .find(|m| m.id == merge_id && m.undone_utc.is_none())
            .ok_or(crate::StoreError::Missing { what: "merge to undo", id: merge_id })?;
        for field in &m.filled {
            let column = match field.as_str() {
                "organisation" => "organisation",
                "country" => "country",
                "stakeholder_group" => "stakeholder_group",
                "notes" => "notes",
                other => return Err(conv(bad("merged field", other))),
            };
            self.conn.execute(
                &format!(
                    "UPDATE person SET {column} = '' WHERE id = ?1 AND {column} = (SELECT {column} FROM person WHERE id = ?2)"
                ),
                params![m.kept_id, m.merged_id],
            )?;
        }
        self.conn.execute("UPDATE person SET merged_into = NULL WHERE id = ?1", [m.merged_id])?;
        self.conn
            .execute("UPDATE person_merge SET undone_utc = ?2 WHERE id = ?1", params![merge_id, now_utc])?;
        Ok(())
    }

    pub fn balance_thresholds(&self) -> Result<BalanceThresholds> {
        Ok(self.conn.query_row(
            "SELECT min_group_percent, min_region_percent, max_unknown_percent FROM balance_settings WHERE id = 1",
            [],
            |r| {
                Ok(BalanceThresholds {
                    min_group_percent: r.get(0)?,
                    min_region_percent: r.get(1)?,
                    max_unknown_percent: r.get(2)?,
                })
            },
        )?)
    }

    pub fn set_balance_thresholds(&self, t: &BalanceThresholds) -> Result<()> {
        self.conn.execute(
            "UPDATE balance_settings SET min_group_percent = ?1, min_region_percent = ?2, max_unknown_percent = ?3 WHERE id = 1",
            params![t.min_group_percent, t.min_region_percent, t.max_unknown_percent],
        )?;
        Ok(())
    }

    /// Everyone who attended a meeting, with the month of the meeting.
    pub fn attendance_rows(&self) -> Result<Vec<AttendanceRow>> {
        let mut st = self.conn.prepare(
            "SELECT a.name, a.email, substr(m.start_utc, 1, 7), m.id FROM attendee a JOIN meeting m ON m.id = a.meeting_id \
             ORDER BY m.start_utc, a.position",
        )?;
        let rows = st
            .query_map([], |r| {
                Ok(AttendanceRow {
                    name: r.get(0)?,
                    email: r.get(1)?,
                    month: r.get(2)?,
                    meeting_id: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>();
        rows.map_err(conv)
    }

    /// Senders of list messages per month, with a name they used.
    pub fn poster_rows(&self) -> Result<Vec<PosterRow>> {
        let mut st = self.conn.prepare(
            "SELECT lower(from_address), max(from_name), strftime('%Y-%m', sent_utc, 'unixepoch') AS month, count(*) \
             FROM mail_message WHERE from_address <> '' GROUP BY 1, month ORDER BY month, 1",
        )?;
        let rows = st
            .query_map([], |r| {
                Ok(PosterRow { address: r.get(0)?, name: r.get(1)?, month: r.get(2)?, messages: r.get(3)? })
            })?
            .collect::<rusqlite::Result<Vec<_>>>();
        rows.map_err(conv)
    }
}
