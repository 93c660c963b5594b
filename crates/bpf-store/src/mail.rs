//! Reads and writes of the mailing list's evidence: archived messages, imports, member-list
//! snapshots and thresholds, inside one transaction.

use std::collections::BTreeSet;

use bpf_domain::mail::{ListMessage, ListThresholds};
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::{OptionalExtension, params};

use crate::records::{conv, date, iso};
use crate::{Result, Tx};

/// A message to store, as the archive reader gives it.
#[derive(Debug, Clone, Copy)]
pub struct NewMessage<'a> {
    pub key: &'a str,
    pub message_id: &'a str,
    pub sent_at: Option<DateTime<Utc>>,
    /// `header`, `envelope` or `none`.
    pub date_source: &'a str,
    pub from_address: &'a str,
    pub from_name: &'a str,
    pub subject: &'a str,
    pub in_reply_to: &'a str,
    /// Normalised ids, space-separated.
    pub references: &'a str,
    pub body_bytes: u64,
    pub source_file: &'a str,
    pub source_line: u64,
}

/// The figures of a finished import.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ImportFigures {
    pub files: u64,
    pub messages_read: u64,
    pub added: u64,
    pub duplicates: u64,
    pub undated: u64,
    pub problems: u64,
    pub seconds: f64,
}

/// A past import, as listed.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportRecord {
    pub id: i64,
    pub imported_at: String,
    pub figures: ImportFigures,
}

/// A stored snapshot of the member list with its addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSnapshot {
    pub id: i64,
    pub taken_on: NaiveDate,
    pub source: String,
    pub addresses: BTreeSet<String>,
}

fn utc_text(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

impl Tx<'_> {
    /// Starts an import record (its figures are filled in by [`Tx::finish_mail_import`]).
    pub fn begin_mail_import(&self, now: DateTime<Utc>) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO mail_import (imported_utc, files, messages_read, added, duplicates, undated, problems, seconds) \
             VALUES (?1, 0, 0, 0, 0, 0, 0, 0)",
            [utc_text(now)],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn finish_mail_import(&self, id: i64, f: &ImportFigures) -> Result<()> {
        self.conn.execute(
            "UPDATE mail_import SET files = ?2, messages_read = ?3, added = ?4, duplicates = ?5, undated = ?6, \
             problems = ?7, seconds = ?8 WHERE id = ?1",
            params![
                id,
                f.files as i64,
                f.messages_read as i64,
                f.added as i64,
                f.duplicates as i64,
                f.undated as i64,
                f.problems as i64,
                f.seconds
            ],
        )?;
        Ok(())
    }

    /// Stores a message unless one with its key is there: `true` when it was added.
    pub fn insert_mail_message(&self, import_id: i64, m: &NewMessage<'_>) -> Result<bool> {
        let mut st = self.conn.prepare_cached(
            "INSERT INTO mail_message (key, message_id, sent_utc, date_source, from_address, from_name, subject, \
             in_reply_to, refs, body_bytes, import_id, source_file, source_line) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) ON CONFLICT (key) DO NOTHING",
        )?;
        let n = st.execute(params![
            m.key,
            m.message_id,
            m.sent_at.map(|t| t.timestamp()),
            m.date_source,
            m.from_address,
            m.from_name,
            m.subject,
            m.in_reply_to,
            m.references,
            m.body_bytes as i64,
            import_id,
            m.source_file,
            m.source_line as i64
        ])?;
        Ok(n == 1)
    }

    /// Every archived message, oldest first (undated ones last).
    pub fn list_messages(&self) -> Result<Vec<ListMessage>> {
        let mut st = self.conn.prepare(
            "SELECT sent_utc, from_address, from_name, subject, message_id, in_reply_to, refs FROM mail_message \
             ORDER BY sent_utc IS NULL, sent_utc, id",
        )?;
        let rows = st
            .query_map([], |r| {
                let refs: String = r.get(6)?;
                Ok(ListMessage {
                    sent_at: r.get::<_, Option<i64>>(0)?.and_then(|s| DateTime::from_timestamp(s, 0)),
                    from_address: r.get(1)?,
                    from_name: r.get(2)?,
                    subject: r.get(3)?,
                    message_id: r.get(4)?,
                    in_reply_to: r.get(5)?,
                    references: refs.split_whitespace().map(str::to_string).collect(),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>();
        rows.map_err(conv)
    }

    pub fn mail_message_count(&self) -> Result<u64> {
        let n: i64 = self.conn.query_row("SELECT count(*) FROM mail_message", [], |r| r.get(0))?;
        Ok(n as u64)
    }

    /// When the newest dated message was sent, if any.
    pub fn latest_message_at(&self) -> Result<Option<DateTime<Utc>>> {
        let secs: Option<i64> =
            self.conn.query_row("SELECT max(sent_utc) FROM mail_message", [], |r| r.get(0))?;
        Ok(secs.and_then(|s| DateTime::from_timestamp(s, 0)))
    }

    /// Where the undated messages are: `file:line`, at most `limit` of them.
    pub fn undated_messages(&self, limit: usize) -> Result<Vec<String>> {
        let mut st = self.conn.prepare(
            "SELECT source_file, source_line FROM mail_message WHERE sent_utc IS NULL ORDER BY id LIMIT ?1",
        )?;
        let rows = st
            .query_map([limit as i64], |r| Ok(format!("{}:{}", r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>();
        rows.map_err(conv)
    }

    pub fn mail_imports(&self) -> Result<Vec<ImportRecord>> {
        let mut st = self.conn.prepare(
            "SELECT id, imported_utc, files, messages_read, added, duplicates, undated, problems, seconds \
             FROM mail_import ORDER BY id",
        )?;
        let rows = st
            .query_map([], |r| {
                Ok(ImportRecord {
                    id: r.get(0)?,
                    imported_at: r.get(1)?,
                    figures: ImportFigures {
                        files: r.get::<_, i64>(2)? as u64,
                        messages_read: r.get::<_, i64>(3)? as u64,
                        added: r.get::<_, i64>(4)? as u64,
                        duplicates: r.get::<_, i64>(5)? as u64,
                        undated: r.get::<_, i64>(6)? as u64,
                        problems: r.get::<_, i64>(7)? as u64,
                        seconds: r.get(8)?,
                    },
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>();
        rows.map_err(conv)
    }

    /// Stores a snapshot of the member list, replacing one of the same date. Returns its id and
    /// whether an earlier snapshot of that date was replaced.
    pub fn put_snapshot(
        &self,
        taken_on: NaiveDate,
        source: &str,
        members: &[(String, String)],
        now: DateTime<Utc>,
    ) -> Result<(i64, bool)> {
        let replaced =
            self.conn.execute("DELETE FROM mail_snapshot WHERE taken_on = ?1", [iso(taken_on)])? > 0;
        self.conn.execute(
            "INSERT INTO mail_snapshot (taken_on, source, imported_utc) VALUES (?1, ?2, ?3)",
            params![iso(taken_on), source, utc_text(now)],
        )?;
        let id = self.conn.last_insert_rowid();
        let mut st = self.conn.prepare_cached(
            "INSERT INTO mail_member (snapshot_id, address, name) VALUES (?1, ?2, ?3) \
             ON CONFLICT (snapshot_id, address) DO NOTHING",
        )?;
        for (address, name) in members {
            st.execute(params![id, address, name])?;
        }
        Ok((id, replaced))
    }

    /// Every snapshot with its addresses, oldest first.
    pub fn snapshots(&self) -> Result<Vec<StoredSnapshot>> {
        let mut st = self.conn.prepare("SELECT id, taken_on, source FROM mail_snapshot ORDER BY taken_on")?;
        let heads = st
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, date(r.get(1)?)?, r.get::<_, String>(2)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(conv)?;
        let mut members = self.conn.prepare("SELECT address FROM mail_member WHERE snapshot_id = ?1")?;
        let mut out = Vec::with_capacity(heads.len());
        for (id, taken_on, source) in heads {
            let addresses = members
                .query_map([id], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<BTreeSet<_>>>()
                .map_err(conv)?;
            out.push(StoredSnapshot { id, taken_on, source, addresses });
        }
        Ok(out)
    }

    pub fn delete_snapshot(&self, id: i64) -> Result<()> {
        let n = self.conn.execute("DELETE FROM mail_snapshot WHERE id = ?1", [id])?;
        crate::records::found(n, "snapshot", id)
    }

    pub fn list_thresholds(&self) -> Result<ListThresholds> {
        let t = self
            .conn
            .query_row(
                "SELECT min_subscribers, min_messages_per_month FROM mail_settings WHERE id = 1",
                [],
                |r| Ok(ListThresholds { min_subscribers: r.get(0)?, min_messages_per_month: r.get(1)? }),
            )
            .optional()?;
        Ok(t.unwrap_or_default())
    }

    pub fn set_list_thresholds(&self, t: ListThresholds) -> Result<()> {
        self.conn.execute(
            "INSERT INTO mail_settings (id, min_subscribers, min_messages_per_month) VALUES (1, ?1, ?2) \
             ON CONFLICT (id) DO UPDATE SET min_subscribers = ?1, min_messages_per_month = ?2",
            params![t.min_subscribers, t.min_messages_per_month],
        )?;
        Ok(())
    }
}
