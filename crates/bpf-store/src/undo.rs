//! Deletions that can be undone, exactly. While a deletion runs, temporary triggers on every table
//! record each row it removes or changes, the rows its foreign keys cascade to included (a
//! meeting's attendees and agenda, a person's addresses and merges), cell by cell with each value's
//! own type. Undoing replays the record backwards. Nothing is stored as SQL: table and column
//! names are checked against the schema before anything is put back, so a crafted file's undo
//! record can only ever restore rows.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::types::Value;

use crate::{Result, StoreError, Tx};

/// Undo entries kept; older ones are forgotten.
pub const KEEP_UNDO: i64 = 50;

/// A deletion that can be undone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndoEntry {
    pub id: i64,
    pub label: String,
    pub removed_at: DateTime<Utc>,
}

const OWN_TABLES: [&str; 2] = ["undo_entry", "undo_cell"];

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

impl Tx<'_> {
    /// The project's tables and their columns (not the undo record's own).
    fn tables(&self) -> Result<BTreeMap<String, Vec<String>>> {
        let mut st = self.conn.prepare(
            "SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )?;
        let names: Vec<String> = st.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        let mut tables = BTreeMap::new();
        for name in names.into_iter().filter(|n| !OWN_TABLES.contains(&n.as_str())) {
            let mut info = self.conn.prepare("SELECT name FROM pragma_table_info(?1)")?;
            let cols: Vec<String> =
                info.query_map([&name], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            tables.insert(name, cols);
        }
        Ok(tables)
    }

    /// Runs `delete`, recording what it removes or changes, and keeps the record under `label`;
    /// the entry's id. If `delete` fails nothing is kept (the caller's transaction rolls back).
    pub fn undoable<E: From<StoreError>>(
        &self,
        label: &str,
        now: DateTime<Utc>,
        delete: impl FnOnce(&Tx<'_>) -> std::result::Result<(), E>,
    ) -> std::result::Result<i64, E> {
        let tables = self.tables()?;
        self.record(&tables, true)?;
        let done = delete(self);
        let stop = self.record(&tables, false);
        done?;
        stop?;
        let keep = || -> Result<i64> {
            self.conn.execute(
                "INSERT INTO undo_entry (label, removed_utc) VALUES (?1, ?2)",
                rusqlite::params![label, now.to_rfc3339()],
            )?;
            let id = self.conn.last_insert_rowid();
            self.conn.execute(
                "INSERT INTO undo_cell (entry_id, seq, tbl, op, rid, col, val)
                 SELECT ?1, r.seq, r.tbl, r.op, r.rid, c.col, c.val
                 FROM temp.undo_row r JOIN temp.undo_value c ON c.seq = r.seq",
                [id],
            )?;
            self.conn.execute("DELETE FROM undo_entry WHERE id <= ?1", [id - KEEP_UNDO])?;
            self.conn.execute_batch("DROP TABLE temp.undo_row; DROP TABLE temp.undo_value;")?;
            Ok(id)
        };
        Ok(keep()?)
    }

    /// Starts (`on`) or stops recording changes with temporary triggers on every table.
    fn record(&self, tables: &BTreeMap<String, Vec<String>>, on: bool) -> Result<()> {
        let mut sql = String::new();
        if on {
            sql.push_str(
                "CREATE TEMP TABLE IF NOT EXISTS undo_row (seq INTEGER PRIMARY KEY, tbl TEXT, op TEXT, rid INTEGER);
                 CREATE TEMP TABLE IF NOT EXISTS undo_value (seq INTEGER, col TEXT, val);
                 DELETE FROM temp.undo_row; DELETE FROM temp.undo_value;",
            );
        }
        for (i, (table, cols)) in tables.iter().enumerate() {
            for (op, when, row) in [
                ("delete", "BEFORE DELETE", "OLD"),
                ("update", "BEFORE UPDATE", "OLD"),
                ("insert", "AFTER INSERT", "NEW"),
            ] {
                let trigger = format!("undo_{op}_{i}");
                if !on {
                    sql.push_str(&format!("DROP TRIGGER IF EXISTS temp.{trigger};"));
                    continue;
                }
                let values = if op == "insert" {
                    String::new()
                } else {
                    let cells: Vec<String> = cols
                        .iter()
                        .map(|c| {
                            format!(
                                "SELECT (SELECT max(seq) FROM temp.undo_row), '{}', {row}.{}",
                                c.replace('\'', "''"),
                                quoted(c)
                            )
                        })
                        .collect();
                    format!("INSERT INTO temp.undo_value (seq, col, val) {};", cells.join(" UNION ALL "))
                };
                sql.push_str(&format!(
                    "CREATE TEMP TRIGGER {trigger} {when} ON {} BEGIN
                       INSERT INTO temp.undo_row (tbl, op, rid) VALUES ('{}', '{op}', {row}.rowid);
                       {values}
                     END;",
                    quoted(table),
                    table.replace('\'', "''"),
                ));
            }
        }
        Ok(self.conn.execute_batch(&sql)?)
    }

    /// The deletions that can be undone, newest first.
    pub fn undo_entries(&self) -> Result<Vec<UndoEntry>> {
        let mut st = self.conn.prepare("SELECT id, label, removed_utc FROM undo_entry ORDER BY id DESC")?;
        let rows = st.query_map([], |r| {
            let at: String = r.get(2)?;
            let removed_at =
                DateTime::parse_from_rfc3339(&at).map(|t| t.with_timezone(&Utc)).map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, e.into())
                })?;
            Ok(UndoEntry { id: r.get(0)?, label: r.get(1)?, removed_at })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Puts back what the deletion `id` removed; its label. Refused when the rows it would put
    /// back clash with what the project holds now (the caller's transaction then rolls back).
    pub fn undo(&self, id: i64) -> Result<String> {
        let label: String = self
            .conn
            .query_row("SELECT label FROM undo_entry WHERE id = ?1", [id], |r| r.get(0))
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => StoreError::Missing { what: "deletion to undo", id },
                e => e.into(),
            })?;
        let tables = self.tables()?;
        let mut st = self.conn.prepare(
            "SELECT seq, tbl, op, rid, col, val FROM undo_cell WHERE entry_id = ?1 ORDER BY seq DESC, rowid",
        )?;
        type Cell = (i64, String, String, i64, String, Value);
        let cells: Vec<Cell> = st
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?
            .collect::<rusqlite::Result<_>>()?;
        // Parents come back after their children here; the keys are checked at commit instead.
        self.conn.pragma_update(None, "defer_foreign_keys", true)?;
        let clash = |e: rusqlite::Error| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::ConstraintViolation) => StoreError::UndoClash(label.clone()),
            _ => e.into(),
        };
        let mut i = 0;
        while i < cells.len() {
            let (seq, table, op, rid) = (cells[i].0, cells[i].1.clone(), cells[i].2.clone(), cells[i].3);
            let mut row: Vec<(String, Value)> = Vec::new();
            while i < cells.len() && cells[i].0 == seq {
                row.push((cells[i].4.clone(), cells[i].5.clone()));
                i += 1;
            }
            let known = tables.get(&table).ok_or_else(|| {
                StoreError::BadValue(format!(
                    "the undo record names a table that is not in the project: {table}"
                ))
            })?;
            if let Some((col, _)) = row.iter().find(|(c, _)| !known.contains(c)) {
                return Err(StoreError::BadValue(format!(
                    "the undo record names an unknown column: {table}.{col}"
                )));
            }
            let t = quoted(&table);
            let values: Vec<&Value> = row.iter().map(|(_, v)| v).collect();
            match op.as_str() {
                "delete" => {
                    let cols: Vec<String> = row.iter().map(|(c, _)| quoted(c)).collect();
                    let marks = vec!["?"; cols.len()].join(", ");
                    let sql = format!("INSERT INTO main.{t} ({}) VALUES ({marks})", cols.join(", "));
                    self.conn.execute(&sql, rusqlite::params_from_iter(values)).map_err(clash)?;
                }
                "update" => {
                    let sets: Vec<String> = row.iter().map(|(c, _)| format!("{} = ?", quoted(c))).collect();
                    let sql = format!("UPDATE main.{t} SET {} WHERE rowid = ?", sets.join(", "));
                    let rid = Value::Integer(rid);
                    let params = values.into_iter().chain(std::iter::once(&rid));
                    self.conn.execute(&sql, rusqlite::params_from_iter(params)).map_err(clash)?;
                }
                _ => {
                    self.conn
                        .execute(&format!("DELETE FROM main.{t} WHERE rowid = ?1"), [rid])
                        .map_err(clash)?;
                }
            }
        }
        self.conn.execute("DELETE FROM undo_entry WHERE id = ?1", [id])?;
        Ok(label)
    }
}
