//! Use cases of the public comments on the draft: import (a review platform's CSV, or the list's
//! messages during the comment period), each linked to a section, resolved with a disposition and
//! a response, and the comment-resolution table written as CSV.

use std::path::{Path, PathBuf};

use bpf_domain::InvalidInput;
use bpf_domain::comments::{
    Comment, CommentInput, CommentSource, Disposition, Resolution, check_comment, check_resolution,
    find_section,
};
use bpf_domain::report::{ReportSection, ReportVersion, section_numbers};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Project, Result};

/// The largest comments file read.
pub const MAX_COMMENTS_FILE_BYTES: usize = 20 * 1024 * 1024;

/// A report section a comment can be linked to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SectionChoice {
    #[ts(type = "number")]
    pub id: i64,
    /// "B", "Annex 1", or none for the front matter and sections left out.
    pub number: Option<String>,
    pub title: String,
}

/// The comments view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CommentsView {
    pub comments: Vec<Comment>,
    pub sections: Vec<SectionChoice>,
    pub unresolved: u32,
    /// The comment period of the latest draft publication: its day and the deadline.
    pub period: Option<(NaiveDate, NaiveDate)>,
}

/// What an import of comments did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CommentsImport {
    pub read: u32,
    pub added: u32,
    /// Already in the project (the same author, day and text).
    pub duplicates: u32,
    /// Added without a section: the file or the subject named none the report has.
    pub without_section: u32,
    pub warnings: Vec<String>,
}

fn section_list(sections: &[ReportSection]) -> Vec<(Option<String>, &ReportSection)> {
    section_numbers(sections).into_iter().zip(sections.iter()).collect()
}

/// The section named in a message's subject: a title it contains, or a token such as "B.2",
/// "Chapter C" or "Annex 1".
fn section_in_subject(subject: &str, list: &[(Option<String>, &ReportSection)]) -> Option<i64> {
    let lower = subject.to_lowercase();
    if let Some((_, s)) = list.iter().find(|(_, s)| lower.contains(&s.title.to_lowercase())) {
        return Some(s.id);
    }
    let words: Vec<&str> = subject.split(|c: char| c.is_whitespace() || c == ',' || c == ':').collect();
    for (i, w) in words.iter().enumerate() {
        if w.eq_ignore_ascii_case("annex")
            && let Some(n) = words.get(i + 1)
            && let Some(id) = find_section(&format!("Annex {n}"), list)
        {
            return Some(id);
        }
        let looks_numbered = w.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && w.chars().skip(1).all(|c| c.is_ascii_digit() || c == '.')
            && w.len() <= 8;
        if looks_numbered && let Some(id) = find_section(w, list) {
            return Some(id);
        }
    }
    None
}

impl Project {
    fn draft_period(&mut self) -> Result<Option<(NaiveDate, NaiveDate)>> {
        let pubs = self.store.read(|tx| tx.publications())?;
        Ok(pubs
            .iter()
            .rev()
            .find(|p| p.version == ReportVersion::Draft)
            .and_then(|p| p.comment_deadline.map(|d| (p.published_on, d))))
    }

    pub fn comments(&mut self) -> Result<CommentsView> {
        let period = self.draft_period()?;
        self.store.read(|tx| {
            let sections = tx.report_sections()?;
            let comments = tx.comments()?;
            Ok(CommentsView {
                unresolved: comments.iter().filter(|c| !c.resolved).count() as u32,
                comments,
                sections: section_list(&sections)
                    .into_iter()
                    .map(|(number, s)| SectionChoice { id: s.id, number, title: s.title.clone() })
                    .collect(),
                period,
            })
        })
    }

    fn check_section(tx: &bpf_store::Tx<'_>, section: Option<i64>) -> Result<()> {
        if let Some(id) = section
            && !tx.report_sections()?.iter().any(|s| s.id == id)
        {
            return Err(bpf_store::StoreError::Missing { what: "report section", id }.into());
        }
        Ok(())
    }

    /// Adds a comment typed in by the coordinators (one sent by post or said in a meeting).
    pub fn add_comment(&mut self, input: &CommentInput, today: NaiveDate) -> Result<Comment> {
        let c = check_comment(input, today)?;
        self.store.write(|tx| {
            Self::check_section(tx, c.section_id)?;
            let id = tx
                .insert_comment(CommentSource::Manual, &c, &Resolution::default())?
                .ok_or_else(|| InvalidInput::Refused("this comment is already recorded".into()))?;
            Ok(tx
                .comments()?
                .into_iter()
                .find(|x| x.id == id)
                .ok_or(bpf_store::StoreError::Missing { what: "comment", id })?)
        })
    }

    pub fn update_comment(&mut self, id: i64, input: &CommentInput, today: NaiveDate) -> Result<()> {
        let c = check_comment(input, today)?;
        self.store.write(|tx| {
            Self::check_section(tx, c.section_id)?;
            Ok(tx.update_comment(id, &c)?)
        })
    }

    pub fn resolve_comment(&mut self, id: i64, resolution: &Resolution) -> Result<()> {
        let r = check_resolution(resolution)?;
        Ok(self.store.write(|tx| tx.resolve_comment(id, &r))?)
    }

    pub fn delete_comment(&mut self, id: i64) -> Result<()> {
        Ok(self.store.write(|tx| tx.delete_comment(id))?)
    }

    /// Imports comments from a review platform's or a form's CSV export; comments already in
    /// the project are skipped. All rows are written in one transaction, or none.
    pub fn import_comments_csv(&mut self, bytes: &[u8], today: NaiveDate) -> Result<CommentsImport> {
        if bytes.len() > MAX_COMMENTS_FILE_BYTES {
            return Err(InvalidInput::Refused(format!(
                "the file is {} MB: a comments file is at most {} MB",
                bytes.len() / (1024 * 1024),
                MAX_COMMENTS_FILE_BYTES / (1024 * 1024)
            ))
            .into());
        }
        let file = bpf_import::comments::read_comments(bytes)
            .map_err(|e| InvalidInput::Refused(format!("the comments file cannot be imported: {e}")))?;
        self.store.write(|tx| {
            let sections = tx.report_sections()?;
            let list = section_list(&sections);
            let mut report = CommentsImport {
                read: file.rows.len() as u32,
                added: 0,
                duplicates: 0,
                without_section: 0,
                warnings: file.warnings.clone(),
            };
            for row in &file.rows {
                let line = row.line;
                let section_id = find_section(&row.section, &list);
                if section_id.is_none() && !row.section.trim().is_empty() {
                    report.warnings.push(format!(
                        "line {line}: the report has no section \"{}\"; the comment is about the report as a whole",
                        row.section
                    ));
                }
                let date = row.date.filter(|d| *d <= today);
                if row.date.is_some() && date.is_none() {
                    report.warnings.push(format!("line {line}: the date is after today; the comment is dated today"));
                }
                let input = CommentInput {
                    author: row.author.clone(),
                    organisation: row.organisation.clone(),
                    email: if bpf_domain::people::normalise_email(&row.email).is_ok() { row.email.clone() } else { String::new() },
                    received_on: date,
                    section_id,
                    text: row.text.clone(),
                };
                let c = match check_comment(&input, today) {
                    Ok(c) => c,
                    Err(e) => {
                        report.warnings.push(format!("line {line}: skipped, {e}"));
                        continue;
                    }
                };
                let disposition = Disposition::from_text(&row.disposition);
                if disposition.is_none() && !row.disposition.trim().is_empty() {
                    report.warnings.push(format!(
                        "line {line}: \"{}\" is not a disposition (accepted, partly, not accepted, out of scope); left open",
                        row.disposition
                    ));
                }
                let resolution = check_resolution(&Resolution { disposition, response: row.response.clone() })
                    .unwrap_or_else(|_| Resolution { disposition: None, response: row.response.trim().to_string() });
                match tx.insert_comment(CommentSource::Csv, &c, &resolution)? {
                    Some(_) => {
                        report.added += 1;
                        if section_id.is_none() {
                            report.without_section += 1;
                        }
                    }
                    None => report.duplicates += 1,
                }
            }
            Ok(report)
        })
    }

    /// Imports the messages sent to the list during the comment period of the latest draft as
    /// comments (the coordinating team's own messages left out); the section comes from the
    /// subject when it names one.
    pub fn import_comments_mail(&mut self, paths: &[PathBuf], today: NaiveDate) -> Result<CommentsImport> {
        let Some((from, to)) = self.draft_period()? else {
            return Err(InvalidInput::Refused(
                "no draft has been published for public comment: publish the draft with its comment deadline first".into(),
            )
            .into());
        };
        let (texts, problems) = bpf_mail::archive::texts::read_texts(paths, from, to, today);
        let mut warnings: Vec<String> = problems
            .iter()
            .map(|p| {
                if p.line > 0 {
                    format!("{}: line {}: {}", p.file, p.line, p.reason)
                } else {
                    format!("{}: {}", p.file, p.reason)
                }
            })
            .collect();
        self.store.write(|tx| {
            let team: Vec<String> =
                tx.team()?.iter().map(|t| t.email.trim().to_lowercase()).filter(|e| !e.is_empty()).collect();
            let sections = tx.report_sections()?;
            let list = section_list(&sections);
            let mut report = CommentsImport {
                read: texts.len() as u32,
                added: 0,
                duplicates: 0,
                without_section: 0,
                warnings: Vec::new(),
            };
            for t in &texts {
                if team.contains(&t.from_address) {
                    continue;
                }
                let section_id = section_in_subject(&t.subject, &list);
                let text = if t.subject.trim().is_empty() {
                    t.body.clone()
                } else {
                    format!("{}\n\n{}", t.subject.trim(), t.body)
                };
                let input = CommentInput {
                    author: if t.from_name.trim().is_empty() {
                        t.from_address.clone()
                    } else {
                        t.from_name.clone()
                    },
                    organisation: String::new(),
                    email: t.from_address.clone(),
                    received_on: Some(t.sent_at.date_naive()),
                    section_id,
                    text,
                };
                let c = match check_comment(&input, today) {
                    Ok(c) => c,
                    Err(e) => {
                        warnings.push(format!(
                            "the message \"{}\" of {}: skipped, {e}",
                            t.subject,
                            t.sent_at.date_naive()
                        ));
                        continue;
                    }
                };
                match tx.insert_comment(CommentSource::Mail, &c, &Resolution::default())? {
                    Some(_) => {
                        report.added += 1;
                        if section_id.is_none() {
                            report.without_section += 1;
                        }
                    }
                    None => report.duplicates += 1,
                }
            }
            report.warnings = warnings;
            Ok(report)
        })
    }

    /// The comment-resolution table as CSV (UTF-8 with BOM, so spreadsheets read the accents).
    pub fn export_comments_csv(&mut self, dest: &Path) -> Result<()> {
        let view = self.comments()?;
        let mut w = csv::Writer::from_writer(Vec::new());
        let io = |e: csv::Error| InvalidInput::Refused(format!("the table cannot be written: {e}"));
        w.write_record([
            "No.",
            "Received",
            "Author",
            "Organisation",
            "E-mail",
            "Section",
            "Comment",
            "Disposition",
            "Response",
        ])
        .map_err(io)?;
        for (i, c) in view.comments.iter().enumerate() {
            w.write_record([
                (i + 1).to_string(),
                c.received_on.to_string(),
                c.author.clone(),
                c.organisation.clone(),
                c.email.clone(),
                section_label(&view.sections, c.section_id),
                c.text.clone(),
                c.disposition.map_or("Open".to_string(), |d| d.label().to_string()),
                c.response.clone(),
            ])
            .map_err(io)?;
        }
        let mut bytes = "\u{feff}".as_bytes().to_vec();
        bytes.extend(
            w.into_inner().map_err(|e| InvalidInput::Refused(format!("the table cannot be written: {e}")))?,
        );
        crate::write_atomically(dest, &bytes)
    }
}

/// "B. Methodology and BPF activities", or "The report as a whole".
pub fn section_label(sections: &[SectionChoice], id: Option<i64>) -> String {
    match id.and_then(|id| sections.iter().find(|s| s.id == id)) {
        Some(SectionChoice { number: Some(n), title, .. }) => format!("{n}. {title}"),
        Some(s) => s.title.clone(),
        None => "The report as a whole".to_string(),
    }
}
