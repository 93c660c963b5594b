//! Reads and writes of public comments on the draft.

use bpf_domain::comments::{Comment, CommentInput, CommentSource, Disposition, Resolution, is_resolved};
use rusqlite::{Row, params};

use crate::records::{bad, conv, date, found, iso};
use crate::{Result, Tx};

fn comment(r: &Row<'_>) -> rusqlite::Result<Comment> {
    let source: String = r.get(1)?;
    let disposition: Option<String> = r.get(8)?;
    let disposition =
        disposition.map(|d| Disposition::parse(&d).ok_or_else(|| bad("disposition", &d))).transpose()?;
    let response: String = r.get(9)?;
    Ok(Comment {
        id: r.get(0)?,
        source: CommentSource::parse(&source).ok_or_else(|| bad("comment source", &source))?,
        author: r.get(2)?,
        organisation: r.get(3)?,
        email: r.get(4)?,
        received_on: date(r.get(5)?)?,
        section_id: r.get(6)?,
        text: r.get(7)?,
        resolved: is_resolved(disposition, &response),
        disposition,
        response,
    })
}

impl Tx<'_> {
    /// Comments by date received.
    pub fn comments(&self) -> Result<Vec<Comment>> {
        let mut st = self.conn.prepare(
            "SELECT id, source, author, organisation, email, received_on, section_id, text, disposition, response \
             FROM public_comment ORDER BY received_on, id",
        )?;
        let rows = st.query_map([], comment)?.collect::<rusqlite::Result<Vec<_>>>();
        rows.map_err(conv)
    }

    /// Adds a checked comment; `None` when the same comment is already there.
    pub fn insert_comment(
        &self,
        source: CommentSource,
        c: &CommentInput,
        resolution: &Resolution,
    ) -> Result<Option<i64>> {
        let received = c.received_on.map(iso).unwrap_or_default();
        let n = self.conn.execute(
            "INSERT OR IGNORE INTO public_comment (source, author, organisation, email, received_on, section_id, text, \
             disposition, response) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                source.as_str(),
                c.author,
                c.organisation,
                c.email,
                received,
                c.section_id,
                c.text,
                resolution.disposition.map(Disposition::as_str),
                resolution.response
            ],
        )?;
        Ok((n == 1).then(|| self.conn.last_insert_rowid()))
    }

    pub fn update_comment(&self, id: i64, c: &CommentInput) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE public_comment SET author = ?2, organisation = ?3, email = ?4, received_on = ?5, section_id = ?6, \
             text = ?7 WHERE id = ?1",
            params![id, c.author, c.organisation, c.email, c.received_on.map(iso).unwrap_or_default(), c.section_id, c.text],
        )?;
        found(n, "comment", id)
    }

    pub fn resolve_comment(&self, id: i64, r: &Resolution) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE public_comment SET disposition = ?2, response = ?3 WHERE id = ?1",
            params![id, r.disposition.map(Disposition::as_str), r.response],
        )?;
        found(n, "comment", id)
    }

    pub fn delete_comment(&self, id: i64) -> Result<()> {
        let n = self.conn.execute("DELETE FROM public_comment WHERE id = ?1", [id])?;
        found(n, "comment", id)
    }

    /// Records how many comments were unresolved when a version was published anyway.
    pub fn set_publication_unresolved(&self, publication_id: i64, unresolved: u32) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE report_publication SET unresolved_comments = ?2 WHERE id = ?1",
            params![publication_id, unresolved],
        )?;
        found(n, "publication", publication_id)
    }
}
