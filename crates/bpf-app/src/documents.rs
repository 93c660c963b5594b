//! Short documents in the report's house style (the brief layout): a contribution published on
//! its own with its credit line, and the comment-resolution table.

use std::path::Path;

use bpf_domain::InvalidInput;
use bpf_domain::comments::Disposition;
use bpf_domain::contributions::credit_line;
use bpf_domain::report::long_date;
use bpf_report::assemble::{PartKind, SourcePart};
use bpf_report::model::{Align, Block, Document, Layout, Meta};
use bpf_report::pdf::Typesetter;
use chrono::NaiveDate;

use crate::report::{ReportFormat, render};
use crate::{Project, Result, section_label, write_atomically};

/// What a brief says about itself; the rest of its [`Meta`] comes from the project.
pub(crate) struct BriefHead {
    pub title: String,
    pub label: String,
    pub date: NaiveDate,
    pub note: Option<String>,
    pub addressee: Vec<String>,
}

/// A part of a brief: a title (empty for none), Markdown, and blocks made from data.
pub(crate) struct BriefPart {
    pub title: String,
    pub markdown: String,
    pub generated: Vec<Block>,
}

impl Project {
    /// A brief of the BPF in the house style.
    pub(crate) fn brief(&mut self, head: BriefHead, parts: Vec<BriefPart>) -> Result<Document> {
        let profile = self.store.read(|tx| tx.profile())?;
        let title = profile.title.trim().to_string();
        let meta = Meta {
            title: head.title,
            forum: format!("Internet Governance Forum {} · {title}", profile.year),
            version_label: head.label,
            date: long_date(head.date),
            date_iso: head.date.format("%Y-%m-%d").to_string(),
            comment_note: head.note,
            author: format!("IGF {title}"),
            lang: "en".into(),
            contents_title: "Contents".into(),
            layout: Layout::Brief,
            addressee: head.addressee,
        };
        let sources = parts
            .into_iter()
            .enumerate()
            .map(|(i, p)| SourcePart {
                kind: PartKind::Front,
                anchor: if p.title.is_empty() {
                    format!("part-{}", i + 1)
                } else {
                    bpf_report::markdown::slug(&p.title)
                },
                title: p.title,
                markdown: p.markdown,
                generated: p.generated,
            })
            .collect();
        Ok(bpf_report::assemble(meta, sources, Vec::new())?)
    }

    /// A contribution as a standalone document with its credit line; only one whose
    /// contributor gave permission, and that has its text in the project.
    pub fn export_contribution(&mut self, id: i64, format: ReportFormat, dest: &Path) -> Result<()> {
        let (c, profile) =
            self.store.read(|tx| -> Result<_> { Ok((tx.contribution(id)?, tx.profile()?)) })?;
        if !c.publish {
            return Err(InvalidInput::Refused(format!(
                "“{}” may not be published: its contributor did not give permission",
                c.title
            ))
            .into());
        }
        if c.text.trim().is_empty() {
            return Err(InvalidInput::Refused(format!(
                "“{}” has no text in the project: paste the contribution's text first",
                c.title
            ))
            .into());
        }
        let head = BriefHead {
            title: c.title.clone(),
            label: "Contribution".into(),
            date: c.received_on,
            note: Some(credit_line(&c, profile.title.trim(), profile.year)),
            addressee: Vec::new(),
        };
        let doc = self.brief(
            head,
            vec![BriefPart { title: String::new(), markdown: c.text.clone(), generated: Vec::new() }],
        )?;
        write_atomically(dest, &render(&doc, format, &Typesetter::new())?)
    }

    /// The comment-resolution table as a document: a summary, then every comment with its
    /// section, disposition and response.
    pub fn export_comments_document(
        &mut self,
        format: ReportFormat,
        dest: &Path,
        today: NaiveDate,
    ) -> Result<()> {
        let view = self.comments()?;
        let mut summary = format!(
            "{} public comment{} received",
            view.comments.len(),
            if view.comments.len() == 1 { " was" } else { "s were" }
        );
        if let Some((from, to)) = view.period {
            summary.push_str(&format!(
                " on the draft published on {}, open for comment until {}",
                long_date(from),
                long_date(to)
            ));
        }
        summary.push('.');
        let counts: Vec<String> = Disposition::ALL
            .iter()
            .map(|d| (d, view.comments.iter().filter(|c| c.disposition == Some(*d)).count()))
            .filter(|(_, n)| *n > 0)
            .map(|(d, n)| format!("{} {n}", d.label().to_lowercase()))
            .collect();
        if !counts.is_empty() {
            summary.push_str(&format!(" Dispositions: {}.", counts.join(", ")));
        }
        if view.unresolved > 0 {
            summary.push_str(&format!(" {} still open.", view.unresolved));
        }
        let rows = view
            .comments
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let who = if c.organisation.is_empty() {
                    c.author.clone()
                } else {
                    format!("{} ({})", c.author, c.organisation)
                };
                vec![
                    (i + 1).to_string(),
                    section_label(&view.sections, c.section_id),
                    format!(
                        "{} — {who}, {}",
                        c.text.split_whitespace().collect::<Vec<_>>().join(" "),
                        long_date(c.received_on)
                    ),
                    c.disposition.map_or("Open".to_string(), |d| d.label().to_string()),
                    c.response.clone(),
                ]
            })
            .collect();
        let table = bpf_report::facts::table(
            "Public comments and how they were taken into account",
            &["No.", "Section", "Comment", "Disposition", "Response"],
            &[Align::Right, Align::Left, Align::Left, Align::Left, Align::Left],
            rows,
        );
        let head = BriefHead {
            title: "Comment-resolution table".into(),
            label: "Public comments on the draft output".into(),
            date: today,
            note: None,
            addressee: Vec::new(),
        };
        let parts = vec![BriefPart {
            title: String::new(),
            markdown: String::new(),
            generated: vec![Block::Paragraph { content: vec![bpf_report::Inline::text(summary)] }, table],
        }];
        let doc = self.brief(head, parts)?;
        write_atomically(dest, &render(&doc, format, &Typesetter::new())?)
    }
}
