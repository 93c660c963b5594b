//! Reads and writes of institutions, sendings, the cover letter and invitations.

use bpf_domain::contributions::country_parts;
use bpf_domain::dissemination::{
    Answer, Channel, Institution, InstitutionInput, Invitation, InvitationInput, Sending,
};
use bpf_domain::people::StakeholderGroup;
use bpf_domain::proposal::{Indicator, ProposalText};
use rusqlite::types::Value;
use rusqlite::{Row, params, params_from_iter};

use crate::records::{bad, conv, date, found, iso};
use crate::{Result, Tx};

fn group(text: String) -> rusqlite::Result<Option<StakeholderGroup>> {
    if text.is_empty() {
        Ok(None)
    } else {
        StakeholderGroup::parse(&text).map(Some).ok_or_else(|| bad("stakeholder group", &text))
    }
}

fn group_text(g: Option<StakeholderGroup>) -> &'static str {
    g.map_or("", StakeholderGroup::as_str)
}

fn institution(r: &Row<'_>) -> rusqlite::Result<Institution> {
    let country: String = r.get(7)?;
    let (_, region) = country_parts(&country);
    Ok(Institution {
        id: r.get(0)?,
        organisation: r.get(1)?,
        contact: r.get(2)?,
        email: r.get(3)?,
        address: r.get(4)?,
        why: r.get(5)?,
        group: group(r.get(6)?)?,
        country,
        region,
        sent_on: r.get::<_, Option<String>>(8)?.map(date).transpose()?,
    })
}

fn invitation(r: &Row<'_>) -> rusqlite::Result<Invitation> {
    let country: String = r.get(4)?;
    let (_, region) = country_parts(&country);
    let answer: String = r.get(7)?;
    Ok(Invitation {
        id: r.get(0)?,
        organisation: r.get(1)?,
        contact: r.get(2)?,
        group: group(r.get(3)?)?,
        country,
        region,
        invited_by: r.get(5)?,
        invited_on: date(r.get(6)?)?,
        answer: Answer::parse(&answer).ok_or_else(|| bad("answer", &answer))?,
        notes: r.get(8)?,
    })
}

const INSTITUTION_FIELDS: &str = "organisation, contact, email, address, why, stakeholder_group, country";

fn institution_values(i: &InstitutionInput) -> Vec<Value> {
    [&i.organisation, &i.contact, &i.email, &i.address, &i.why, group_text(i.group), &i.country]
        .into_iter()
        .map(|v| Value::from(v.to_string()))
        .collect()
}

const INVITATION_FIELDS: &str =
    "organisation, contact, stakeholder_group, country, invited_by, invited_on, answer, notes";

fn invitation_values(i: &InvitationInput) -> Vec<Value> {
    [
        i.organisation.as_str(),
        &i.contact,
        group_text(i.group),
        &i.country,
        &i.invited_by,
        &iso(i.invited_on),
        i.answer.as_str(),
        &i.notes,
    ]
    .into_iter()
    .map(|v| Value::from(v.to_string()))
    .collect()
}

impl Tx<'_> {
    pub fn institutions(&self) -> Result<Vec<Institution>> {
        let mut st = self.conn.prepare(
            "SELECT i.id, i.organisation, i.contact, i.email, i.address, i.why, i.stakeholder_group, i.country, \
             (SELECT max(s.sent_on) FROM sending s WHERE s.institution_id = i.id) \
             FROM institution i ORDER BY i.organisation COLLATE NOCASE, i.id",
        )?;
        let rows = st.query_map([], institution)?.collect::<rusqlite::Result<Vec<_>>>();
        rows.map_err(conv)
    }

    pub fn insert_institution(&self, i: &InstitutionInput) -> Result<i64> {
        self.conn.execute(
            &format!("INSERT INTO institution ({INSTITUTION_FIELDS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
            params_from_iter(institution_values(i)),
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn update_institution(&self, id: i64, i: &InstitutionInput) -> Result<()> {
        let n = self.conn.execute(
            &format!(
                "UPDATE institution SET ({INSTITUTION_FIELDS}) = (?1, ?2, ?3, ?4, ?5, ?6, ?7) WHERE id = ?8"
            ),
            params_from_iter(institution_values(i).into_iter().chain([Value::from(id)])),
        )?;
        found(n, "institution", id)
    }

    pub fn delete_institution(&self, id: i64) -> Result<()> {
        let n = self.conn.execute("DELETE FROM institution WHERE id = ?1", [id])?;
        found(n, "institution", id)
    }

    pub fn sendings(&self) -> Result<Vec<Sending>> {
        let mut st = self
            .conn
            .prepare("SELECT id, institution_id, organisation, sent_on, channel, note FROM sending ORDER BY sent_on, id")?;
        let rows = st
            .query_map([], |r| {
                let channel: String = r.get(4)?;
                Ok(Sending {
                    id: r.get(0)?,
                    institution_id: r.get(1)?,
                    organisation: r.get(2)?,
                    sent_on: date(r.get(3)?)?,
                    channel: Channel::parse(&channel).ok_or_else(|| bad("channel", &channel))?,
                    note: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>();
        rows.map_err(conv)
    }

    pub fn insert_sending(
        &self,
        institution_id: i64,
        on: chrono::NaiveDate,
        channel: Channel,
        note: &str,
    ) -> Result<i64> {
        let organisation: String = self
            .conn
            .query_row("SELECT organisation FROM institution WHERE id = ?1", [institution_id], |r| r.get(0))
            .map_err(|_| crate::StoreError::Missing { what: "institution", id: institution_id })?;
        self.conn.execute(
            "INSERT INTO sending (institution_id, organisation, sent_on, channel, note) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![institution_id, organisation, iso(on), channel.as_str(), note],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn delete_sending(&self, id: i64) -> Result<()> {
        let n = self.conn.execute("DELETE FROM sending WHERE id = ?1", [id])?;
        found(n, "sending", id)
    }

    /// The cover letter as edited (`None`: the built-in one) and its signatory.
    pub fn letter(&self) -> Result<(Option<String>, String)> {
        Ok(self.conn.query_row(
            "SELECT letter, signatory FROM dissemination_settings WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }

    pub fn set_letter(&self, letter: Option<&str>, signatory: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE dissemination_settings SET letter = ?1, signatory = ?2 WHERE id = 1",
            params![letter, signatory],
        )?;
        Ok(())
    }

    pub fn invitations(&self) -> Result<Vec<Invitation>> {
        let mut st = self.conn.prepare(
            "SELECT id, organisation, contact, stakeholder_group, country, invited_by, invited_on, answer, notes \
             FROM invitation ORDER BY invited_on, id",
        )?;
        let rows = st.query_map([], invitation)?.collect::<rusqlite::Result<Vec<_>>>();
        rows.map_err(conv)
    }

    pub fn insert_invitation(&self, i: &InvitationInput) -> Result<i64> {
        self.conn.execute(
            &format!("INSERT INTO invitation ({INVITATION_FIELDS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
            params_from_iter(invitation_values(i)),
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn update_invitation(&self, id: i64, i: &InvitationInput) -> Result<()> {
        let n = self.conn.execute(
            &format!(
                "UPDATE invitation SET ({INVITATION_FIELDS}) = (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) WHERE id = ?9"
            ),
            params_from_iter(invitation_values(i).into_iter().chain([Value::from(id)])),
        )?;
        found(n, "invitation", id)
    }

    pub fn delete_invitation(&self, id: i64) -> Result<()> {
        let n = self.conn.execute("DELETE FROM invitation WHERE id = ?1", [id])?;
        found(n, "invitation", id)
    }
}

impl Tx<'_> {
    /// The proposal's texts; indicators in [`Indicator::ALL`] order, unknown keys left out.
    pub fn proposal(&self) -> Result<ProposalText> {
        let (relevance, outreach_plan, indicators, returning): (String, String, String, bool) =
            self.conn.query_row(
                "SELECT relevance, outreach_plan, indicators, returning_bpf FROM proposal WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )?;
        // `{"key": "text", …}`, read with SQLite's own JSON functions.
        let mut st = self.conn.prepare("SELECT key, value FROM json_each(?1)")?;
        let pairs = st
            .query_map([&indicators], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let indicators = Indicator::ALL
            .iter()
            .map(|i| {
                (*i, pairs.iter().find(|(k, _)| k == i.as_str()).map(|(_, v)| v.clone()).unwrap_or_default())
            })
            .collect();
        Ok(ProposalText { relevance, outreach_plan, indicators, returning })
    }

    pub fn set_proposal(&self, p: &ProposalText) -> Result<()> {
        let mut json = String::from("{}");
        for (i, text) in &p.indicators {
            json = self.conn.query_row(
                "SELECT json_set(?1, '$.' || ?2, ?3)",
                params![json, i.as_str(), text],
                |r| r.get(0),
            )?;
        }
        self.conn.execute(
            "UPDATE proposal SET relevance = ?1, outreach_plan = ?2, indicators = ?3, returning_bpf = ?4 WHERE id = 1",
            params![p.relevance, p.outreach_plan, json, p.returning],
        )?;
        Ok(())
    }
}
