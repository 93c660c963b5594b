//! Reads and writes of calls for contributions, contributions and their files.

use bpf_domain::contributions::{Call, CallInput, CheckedContribution, Contribution, country_parts};
use bpf_domain::people::StakeholderGroup;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, params, params_from_iter};

use crate::records::{bad, conv, date, found, iso};
use crate::{Result, Tx};

fn call(r: &Row<'_>) -> rusqlite::Result<Call> {
    Ok(Call {
        id: r.get(0)?,
        title: r.get(1)?,
        text: r.get(2)?,
        opens_on: date(r.get(3)?)?,
        closes_on: date(r.get(4)?)?,
        channels: r.get(5)?,
        received: r.get(6)?,
    })
}

const CONTRIBUTION_COLUMNS: &str = "c.id, c.call_id, c.title, c.contributor, c.person_id, c.organisation, c.country, \
     c.stakeholder_group, c.received_on, c.publish, c.text, c.notes, coalesce(f.name, ''), coalesce(length(f.bytes), 0)";

fn contribution(r: &Row<'_>) -> rusqlite::Result<Contribution> {
    let group: String = r.get(7)?;
    let country: String = r.get(6)?;
    let (country_name, region) = country_parts(&country);
    Ok(Contribution {
        id: r.get(0)?,
        call_id: r.get(1)?,
        title: r.get(2)?,
        contributor: r.get(3)?,
        person_id: r.get(4)?,
        organisation: r.get(5)?,
        country,
        country_name,
        region,
        group: if group.is_empty() {
            None
        } else {
            Some(StakeholderGroup::parse(&group).ok_or_else(|| bad("stakeholder group", &group))?)
        },
        received_on: date(r.get(8)?)?,
        publish: r.get(9)?,
        text: r.get(10)?,
        notes: r.get(11)?,
        file_name: r.get(12)?,
        file_bytes: r.get::<_, i64>(13)?.unsigned_abs(),
    })
}

/// The stored fields of a contribution, in the order of [`contribution_values`].
const CONTRIBUTION_FIELDS: &str = "call_id, title, contributor, person_id, organisation, country, stakeholder_group, \
     received_on, publish, text, notes";

fn contribution_values(c: &CheckedContribution) -> Vec<Value> {
    vec![
        c.call_id.into(),
        c.title.clone().into(),
        c.contributor.clone().into(),
        c.person_id.into(),
        c.organisation.clone().into(),
        c.country.clone().into(),
        c.group.map_or("", StakeholderGroup::as_str).to_string().into(),
        iso(c.received_on).into(),
        c.publish.into(),
        c.text.clone().into(),
        c.notes.clone().into(),
    ]
}

impl Tx<'_> {
    pub fn calls(&self) -> Result<Vec<Call>> {
        let mut st = self.conn.prepare(
            "SELECT id, title, text, opens_on, closes_on, channels, \
             (SELECT count(*) FROM contribution c WHERE c.call_id = call.id) FROM call ORDER BY opens_on, id",
        )?;
        let rows = st.query_map([], call)?.collect::<rusqlite::Result<Vec<_>>>();
        rows.map_err(conv)
    }

    pub fn insert_call(&self, c: &CallInput) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO call (title, text, opens_on, closes_on, channels) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![c.title, c.text, iso(c.opens_on), iso(c.closes_on), c.channels],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn update_call(&self, id: i64, c: &CallInput) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE call SET title = ?2, text = ?3, opens_on = ?4, closes_on = ?5, channels = ?6 WHERE id = ?1",
            params![id, c.title, c.text, iso(c.opens_on), iso(c.closes_on), c.channels],
        )?;
        found(n, "call for contributions", id)
    }

    pub fn delete_call(&self, id: i64) -> Result<()> {
        let n = self.conn.execute("DELETE FROM call WHERE id = ?1", [id])?;
        found(n, "call for contributions", id)
    }

    pub fn contributions(&self) -> Result<Vec<Contribution>> {
        let mut st = self.conn.prepare(&format!(
            "SELECT {CONTRIBUTION_COLUMNS} FROM contribution c LEFT JOIN contribution_file f ON f.contribution_id = c.id \
             ORDER BY c.received_on, c.id"
        ))?;
        let rows = st.query_map([], contribution)?.collect::<rusqlite::Result<Vec<_>>>();
        rows.map_err(conv)
    }

    pub fn contribution(&self, id: i64) -> Result<Contribution> {
        self.contributions()?
            .into_iter()
            .find(|c| c.id == id)
            .ok_or(crate::StoreError::Missing { what: "contribution", id })
    }

    pub fn insert_contribution(&self, c: &CheckedContribution) -> Result<i64> {
        self.conn.execute(
            &format!("INSERT INTO contribution ({CONTRIBUTION_FIELDS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"),
            params_from_iter(contribution_values(c)),
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn update_contribution(&self, id: i64, c: &CheckedContribution) -> Result<()> {
        let n = self.conn.execute(
            &format!(
                "UPDATE contribution SET ({CONTRIBUTION_FIELDS}) = (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) WHERE id = ?12"
            ),
            params_from_iter(contribution_values(c).into_iter().chain([Value::from(id)])),
        )?;
        found(n, "contribution", id)
    }

    pub fn delete_contribution(&self, id: i64) -> Result<()> {
        let n = self.conn.execute("DELETE FROM contribution WHERE id = ?1", [id])?;
        found(n, "contribution", id)
    }

    /// Keeps the file received with a contribution, replacing an earlier one.
    pub fn set_contribution_file(&self, id: i64, name: &str, bytes: &[u8]) -> Result<()> {
        self.contribution(id)?;
        self.conn.execute(
            "INSERT INTO contribution_file (contribution_id, name, bytes) VALUES (?1, ?2, ?3) \
             ON CONFLICT (contribution_id) DO UPDATE SET name = excluded.name, bytes = excluded.bytes",
            params![id, name, bytes],
        )?;
        Ok(())
    }

    /// The file of a contribution: its name and bytes.
    pub fn contribution_file(&self, id: i64) -> Result<Option<(String, Vec<u8>)>> {
        Ok(self
            .conn
            .query_row("SELECT name, bytes FROM contribution_file WHERE contribution_id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?)
    }
}
