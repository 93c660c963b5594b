//! Undo for destructive actions: deleting a milestone, a meeting (with its attendance, agenda and
//! materials) or a person (with their addresses and the entries merged into them) keeps what was
//! removed, so that it can be put back exactly, the newest first or any of the last 50.

use bpf_domain::report::long_date;
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::{Project, Result};

/// What a deletion removed, and how to undo it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Removed {
    #[ts(type = "number")]
    pub undo_id: i64,
    /// What was removed, for "Undo …": `milestone “Kick-off”`.
    pub label: String,
}

/// A deletion that can still be undone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct UndoItem {
    #[ts(type = "number")]
    pub id: i64,
    pub label: String,
    #[ts(type = "string")]
    pub removed_at: DateTime<Utc>,
}

impl Project {
    /// Deletes a milestone; undone with [`Project::undo`].
    pub fn delete_milestone(&mut self, id: i64, now: DateTime<Utc>) -> Result<Removed> {
        self.store.write(|tx| -> Result<Removed> {
            let label = format!("milestone “{}”", tx.milestone(id)?.title);
            let undo_id =
                tx.undoable(&label, now, |tx| Ok::<_, crate::AppError>(tx.delete_milestone(id)?))?;
            Ok(Removed { undo_id, label })
        })
    }

    /// Deletes a meeting with its attendance, agenda and materials; undone with [`Project::undo`].
    pub fn delete_meeting(&mut self, id: i64, now: DateTime<Utc>) -> Result<Removed> {
        self.store.write(|tx| -> Result<Removed> {
            let m = tx.meeting(id)?;
            let label = format!("meeting “{}” of {}", m.title, long_date(m.start.date_naive()));
            let undo_id = tx.undoable(&label, now, |tx| Ok::<_, crate::AppError>(tx.delete_meeting(id)?))?;
            Ok(Removed { undo_id, label })
        })
    }

    /// Deletes a person with their addresses and the entries merged into them; undone with
    /// [`Project::undo`].
    pub fn delete_person(&mut self, id: i64, now: DateTime<Utc>) -> Result<Removed> {
        self.store.write(|tx| -> Result<Removed> {
            let label = format!("“{}” from the register", tx.person(id)?.name);
            let undo_id = tx.undoable(&label, now, |tx| Ok::<_, crate::AppError>(tx.delete_person(id)?))?;
            Ok(Removed { undo_id, label })
        })
    }

    /// The deletions that can be undone, newest first.
    pub fn undo_list(&mut self) -> Result<Vec<UndoItem>> {
        let entries = self.store.read(|tx| tx.undo_entries())?;
        Ok(entries
            .into_iter()
            .map(|e| UndoItem { id: e.id, label: e.label, removed_at: e.removed_at })
            .collect())
    }

    /// Puts back what deletion `id` removed; its label. Refused, changing nothing, when the
    /// project has changed since in a way that clashes (an address now used by someone else).
    pub fn undo(&mut self, id: i64) -> Result<String> {
        Ok(self.store.write(|tx| tx.undo(id))?)
    }
}
