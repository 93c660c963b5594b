//! Reads and writes of the output report: sections, images and published versions.

use bpf_domain::report::{Publication, ReportSection, ReportVersion, SectionKind};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};

use crate::records::{bad, conv, date, found, iso};
use crate::{Result, Tx};

/// A picture of the report as stored: its name, format (`png`, `jpeg`, `svg`) and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredImage {
    pub name: String,
    pub format: String,
    pub bytes: Vec<u8>,
}

fn section_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ReportSection> {
    let kind: String = r.get(1)?;
    Ok(ReportSection {
        id: r.get(0)?,
        kind: SectionKind::from_key(&kind).ok_or_else(|| bad("report section kind", &kind))?,
        title: r.get(2)?,
        included: r.get(3)?,
        body: r.get(4)?,
    })
}

fn publication_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Publication> {
    let version: String = r.get(1)?;
    let recorded: String = r.get(4)?;
    Ok(Publication {
        id: r.get(0)?,
        version: ReportVersion::parse(&version).ok_or_else(|| bad("report version", &version))?,
        published_on: date(r.get(2)?)?,
        comment_deadline: r.get::<_, Option<String>>(3)?.map(date).transpose()?,
        recorded_at: DateTime::parse_from_rfc3339(&recorded)
            .map_err(|_| bad("publication time", &recorded))?
            .with_timezone(&Utc),
    })
}

impl Tx<'_> {
    /// The sections in their order.
    pub fn report_sections(&self) -> Result<Vec<ReportSection>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, kind, title, included, body FROM report_section ORDER BY position, id",
        )?;
        st.query_map([], section_row)?.collect::<rusqlite::Result<Vec<_>>>().map_err(conv)
    }

    pub fn report_section(&self, id: i64) -> Result<ReportSection> {
        self.conn
            .query_row(
                "SELECT id, kind, title, included, body FROM report_section WHERE id = ?1",
                [id],
                section_row,
            )
            .optional()?
            .ok_or(crate::StoreError::Missing { what: "report section", id })
    }

    /// Adds a section at the end of the order; returns its id.
    pub fn add_report_section(&self, kind: SectionKind, title: &str, included: bool) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO report_section (position, kind, title, included) \
             VALUES ((SELECT coalesce(max(position), 0) + 1 FROM report_section), ?1, ?2, ?3)",
            params![kind.key(), title, included],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn update_report_section(&self, id: i64, title: &str, included: bool, body: &str) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE report_section SET title = ?2, included = ?3, body = ?4 WHERE id = ?1",
            params![id, title, included, body],
        )?;
        found(n, "report section", id)
    }

    pub fn delete_report_section(&self, id: i64) -> Result<()> {
        let n = self.conn.execute("DELETE FROM report_section WHERE id = ?1", [id])?;
        found(n, "report section", id)
    }

    /// Puts the sections in the order of `ids` (which must name each section once).
    pub fn order_report_sections(&self, ids: &[i64]) -> Result<()> {
        let mut st = self.conn.prepare_cached("UPDATE report_section SET position = ?2 WHERE id = ?1")?;
        for (position, id) in ids.iter().enumerate() {
            found(st.execute(params![id, position as i64 + 1])?, "report section", *id)?;
        }
        Ok(())
    }

    pub fn report_images(&self) -> Result<Vec<StoredImage>> {
        let mut st =
            self.conn.prepare_cached("SELECT name, format, bytes FROM report_image ORDER BY name")?;
        st.query_map([], |r| Ok(StoredImage { name: r.get(0)?, format: r.get(1)?, bytes: r.get(2)? }))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(conv)
    }

    /// Stores an image under a name, replacing one of that name; true when one was replaced.
    pub fn put_report_image(&self, image: &StoredImage) -> Result<bool> {
        let replaced = self.conn.execute("DELETE FROM report_image WHERE name = ?1", [&image.name])? > 0;
        self.conn.execute(
            "INSERT INTO report_image (name, format, bytes) VALUES (?1, ?2, ?3)",
            params![image.name, image.format, image.bytes],
        )?;
        Ok(replaced)
    }

    pub fn delete_report_image(&self, name: &str) -> Result<bool> {
        Ok(self.conn.execute("DELETE FROM report_image WHERE name = ?1", [name])? > 0)
    }

    /// Freezes a published version: the document as JSON and the images it shows.
    pub fn add_publication(
        &self,
        version: ReportVersion,
        published_on: NaiveDate,
        comment_deadline: Option<NaiveDate>,
        recorded_at: DateTime<Utc>,
        document_json: &str,
        images: &[StoredImage],
    ) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO report_publication (version, published_on, comment_deadline, recorded_at, document) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                version.key(),
                iso(published_on),
                comment_deadline.map(iso),
                recorded_at.to_rfc3339(),
                document_json
            ],
        )?;
        let id = self.conn.last_insert_rowid();
        let mut st = self.conn.prepare_cached(
            "INSERT INTO report_publication_image (publication_id, name, format, bytes) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for image in images {
            st.execute(params![id, image.name, image.format, image.bytes])?;
        }
        Ok(id)
    }

    /// Every publication, oldest first.
    pub fn publications(&self) -> Result<Vec<Publication>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, version, published_on, comment_deadline, recorded_at FROM report_publication ORDER BY id",
        )?;
        st.query_map([], publication_row)?.collect::<rusqlite::Result<Vec<_>>>().map_err(conv)
    }

    /// A publication's frozen document (JSON) and images.
    pub fn publication_content(&self, id: i64) -> Result<(String, Vec<StoredImage>)> {
        let json: String = self
            .conn
            .query_row("SELECT document FROM report_publication WHERE id = ?1", [id], |r| r.get(0))
            .optional()?
            .ok_or(crate::StoreError::Missing { what: "publication", id })?;
        let mut st = self.conn.prepare_cached(
            "SELECT name, format, bytes FROM report_publication_image WHERE publication_id = ?1 ORDER BY name",
        )?;
        let images = st
            .query_map([id], |r| Ok(StoredImage { name: r.get(0)?, format: r.get(1)?, bytes: r.get(2)? }))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(conv)?;
        Ok((json, images))
    }
}
