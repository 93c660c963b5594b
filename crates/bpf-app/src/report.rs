//! The output report: its sections, images, live preview, publications and exports.

use std::path::Path;

use bpf_domain::report::{
    Publication, ReportSection, ReportVersion, SectionKind, SectionRole, check_order, check_publication,
    long_date, section_numbers,
};
use bpf_domain::{InvalidInput, MilestoneKind};
use bpf_report::assemble::{PartKind, SourcePart};
use bpf_report::facts;
use bpf_report::model::{Document, Image, ImageFormat, Meta, plain_text};
use bpf_report::pdf::Typesetter;
use bpf_store::{StoredImage, Tx};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{AppError, Result};
use crate::mail::StatsQuery;
use crate::{Project, write_atomically};

/// Pictures larger than this are refused (a report is mailed and downloaded).
pub const MAX_IMAGE_BYTES: usize = 15 * 1024 * 1024;

/// A section as the outline shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SectionSummary {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: SectionKind,
    pub role: SectionRole,
    pub title: String,
    pub included: bool,
    /// "A", "Annex 1", or none (front matter, left out).
    pub number: Option<String>,
    pub anchor: String,
    pub guidance: String,
    pub deletable: bool,
    /// Blocks made from the project data follow the writers' text.
    pub generated: bool,
    pub words: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ImageInfo {
    pub name: String,
    pub format: String,
    pub bytes: u32,
}

/// Everything the report view lists.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ReportOutline {
    pub sections: Vec<SectionSummary>,
    pub images: Vec<ImageInfo>,
    pub publications: Vec<Publication>,
    /// The end of the public-comment period in the work plan, if any.
    pub suggested_deadline: Option<NaiveDate>,
    /// The draft's publication day in the work plan, if any.
    pub suggested_draft_date: Option<NaiveDate>,
}

/// A target a cross-reference may point to.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct AnchorChoice {
    pub anchor: String,
    /// "Chapter B — Methodology and BPF activities", "section B.2 — …".
    pub label: String,
}

/// The preview of one section: HTML from the same document the exports lay out, or the
/// mistake that keeps the document from being made (with section and line).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SectionPreview {
    pub html: String,
    pub error: Option<String>,
    pub anchors: Vec<AnchorChoice>,
}

/// A section's new content.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct SectionEdit {
    pub title: String,
    pub included: bool,
    pub body: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReportFormat {
    Pdf,
    Docx,
}

impl ReportFormat {
    pub fn parse(s: &str) -> Option<ReportFormat> {
        match s {
            "pdf" => Some(ReportFormat::Pdf),
            "docx" => Some(ReportFormat::Docx),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Pdf => "pdf",
            ReportFormat::Docx => "docx",
        }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ExportedReport {
    pub path: String,
    pub format: ReportFormat,
    pub version: ReportVersion,
    #[ts(type = "number")]
    pub bytes: u64,
    /// The publication it was made from; none when it was laid out from the current text.
    pub published_on: Option<NaiveDate>,
}

fn image_format_key(f: ImageFormat) -> &'static str {
    match f {
        ImageFormat::Png => "png",
        ImageFormat::Jpeg => "jpeg",
        ImageFormat::Svg => "svg",
    }
}

fn from_stored(images: Vec<StoredImage>) -> Vec<Image> {
    images
        .into_iter()
        .filter_map(|i| {
            let format = match i.format.as_str() {
                "png" => ImageFormat::Png,
                "jpeg" => ImageFormat::Jpeg,
                "svg" => ImageFormat::Svg,
                _ => return None,
            };
            Some(Image { name: i.name, format, bytes: i.bytes })
        })
        .collect()
}

fn to_stored(images: &[Image]) -> Vec<StoredImage> {
    images
        .iter()
        .map(|i| StoredImage {
            name: i.name.clone(),
            format: image_format_key(i.format).into(),
            bytes: i.bytes.clone(),
        })
        .collect()
}

/// The template's sections, written the first time the report is opened; a report begun
/// before the template gained a generated annex gets it, after its other sections.
fn ensure_sections(tx: &Tx<'_>) -> Result<Vec<ReportSection>> {
    let sections = tx.report_sections()?;
    for kind in missing_sections(&sections) {
        tx.add_report_section(kind, kind.default_title(), true)?;
    }
    Ok(tx.report_sections()?)
}

/// The template's sections a report lacks: all of them for a new report, else the generated
/// annexes added to the template since it was begun.
fn missing_sections(sections: &[ReportSection]) -> Vec<SectionKind> {
    SectionKind::TEMPLATE
        .into_iter()
        .filter(|k| {
            (sections.is_empty() || k.role() == SectionRole::Generated)
                && !sections.iter().any(|s| s.kind == *k)
        })
        .collect()
}

fn word_count(text: &str) -> u32 {
    text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count() as u32
}

fn refused(message: impl Into<String>) -> AppError {
    AppError::Invalid(InvalidInput::Refused(message.into()))
}

/// What the document is made of, read in one transaction.
struct ReportInputs {
    year: bpf_domain::BpfYear,
    sections: Vec<ReportSection>,
    images: Vec<Image>,
    participants: Vec<String>,
    calls: Vec<bpf_domain::contributions::Call>,
    contributions: Vec<bpf_domain::contributions::Contribution>,
}

impl Project {
    /// The sections; the template's are written only the first time (reading the report
    /// otherwise writes nothing to the project file).
    fn sections(&mut self) -> Result<()> {
        if !missing_sections(&self.store.read(|tx| tx.report_sections())?).is_empty() {
            self.store.write(|tx| ensure_sections(tx).map(|_| ()))?;
        }
        Ok(())
    }

    fn report_inputs(&mut self) -> Result<ReportInputs> {
        self.sections()?;
        self.store.read(|tx| -> Result<ReportInputs> {
            let sections = tx.report_sections()?;
            let year = tx.year()?;
            let mut participants = std::collections::BTreeMap::new();
            for m in &year.meetings {
                for a in tx.attendance(m.id)? {
                    let name = a.name.trim().to_owned();
                    if !name.is_empty() {
                        participants.entry(name.to_lowercase()).or_insert(name);
                    }
                }
            }
            let images = from_stored(tx.report_images()?);
            Ok(ReportInputs {
                year,
                sections,
                images,
                participants: participants.into_values().collect(),
                calls: tx.calls()?,
                contributions: tx.contributions()?,
            })
        })
    }

    fn suggested_dates(year: &bpf_domain::BpfYear) -> (Option<NaiveDate>, Option<NaiveDate>) {
        let of = |kind| year.milestones.iter().find(|m| m.kind == kind);
        (
            of(MilestoneKind::PublicComment).map(|m| m.last_day()),
            of(MilestoneKind::DraftPublished).map(|m| m.date),
        )
    }

    /// The report's document from the current text and data, as `version` dated `on`.
    /// `replace` puts an unsaved body in place of a section's stored one (the live preview).
    fn working_document(
        &mut self,
        version: ReportVersion,
        on: NaiveDate,
        deadline: Option<NaiveDate>,
        replace: Option<(i64, &str)>,
    ) -> Result<Document> {
        let inputs = self.report_inputs()?;
        let stats = self
            .mail_stats(&StatsQuery { from: None, to: None, by: bpf_domain::mail::Granularity::Month })
            .ok();
        let snapshots = self.snapshots()?;
        let year = &inputs.year;
        let title = year.profile.title.trim().to_owned();
        let meta = Meta {
            title: title.clone(),
            forum: format!("Internet Governance Forum {}", year.profile.year),
            version_label: version.label().into(),
            date: long_date(on),
            date_iso: on.format("%Y-%m-%d").to_string(),
            comment_note: match (version, deadline) {
                (ReportVersion::Draft, Some(d)) => Some(if year.profile.contact_email.trim().is_empty() {
                    format!("Comments are welcome until {}.", long_date(d))
                } else {
                    format!(
                        "Comments are welcome until {}: write to {}.",
                        long_date(d),
                        year.profile.contact_email.trim()
                    )
                }),
                _ => None,
            },
            author: format!("IGF {title}"),
            lang: "en".into(),
            contents_title: "Contents".into(),
            ..Default::default()
        };
        let mut images = inputs.images;
        let mut parts = Vec::new();
        let mut absent = Vec::new();
        for section in &inputs.sections {
            let markdown = match replace {
                Some((id, body)) if id == section.id => body.to_owned(),
                _ => section.body.clone(),
            };
            if !(ReportSection { body: markdown.clone(), ..section.clone() }).in_report() {
                absent.push((section.anchor(), section.title.clone()));
                continue;
            }
            let kind = match (section.kind.role(), section.kind.is_annex()) {
                (SectionRole::Front, _) => PartKind::Front,
                (_, true) => PartKind::Annex,
                _ => PartKind::Chapter,
            };
            let generated = match section.kind {
                SectionKind::Acknowledgements => {
                    let mut contributors: Vec<String> = Vec::new();
                    for c in inputs.contributions.iter().filter(|c| c.publish) {
                        let name = facts::credited_name(c);
                        if !contributors.contains(&name) {
                            contributors.push(name);
                        }
                    }
                    facts::acknowledgements(&year.team, &contributors, &inputs.participants)
                }
                SectionKind::Methodology => {
                    let (blocks, chart) =
                        facts::activities(&year.meetings, stats.as_ref(), snapshots.last(), &year.milestones);
                    images.extend(chart);
                    blocks
                }
                SectionKind::AnnexMeetings => facts::annex_meetings(&year.meetings),
                SectionKind::AnnexWorkPlan => facts::annex_work_plan(&year.workstreams, &year.milestones),
                SectionKind::AnnexContributions => {
                    facts::annex_contributions(&inputs.calls, &inputs.contributions)
                }
                _ => Vec::new(),
            };
            parts.push(SourcePart {
                kind,
                title: section.title.clone(),
                anchor: section.anchor(),
                markdown,
                generated,
            });
        }
        Ok(bpf_report::assemble_with_absent(meta, parts, images, &absent)?)
    }

    /// The sections (the template's are created the first time), images and publications.
    pub fn report_outline(&mut self) -> Result<ReportOutline> {
        self.sections()?;
        let (sections, images, publications, year) = self.store.read(|tx| -> Result<_> {
            Ok((tx.report_sections()?, tx.report_images()?, tx.publications()?, tx.year()?))
        })?;
        let numbers = section_numbers(&sections);
        let (suggested_deadline, suggested_draft_date) = Self::suggested_dates(&year);
        Ok(ReportOutline {
            sections: sections
                .iter()
                .zip(numbers)
                .map(|(s, number)| SectionSummary {
                    id: s.id,
                    kind: s.kind,
                    role: s.kind.role(),
                    title: s.title.clone(),
                    included: s.included,
                    number,
                    anchor: s.anchor(),
                    guidance: s.kind.guidance().into(),
                    deletable: s.kind.deletable(),
                    generated: s.kind.has_generated_part(),
                    words: word_count(&s.body),
                })
                .collect(),
            images: images
                .iter()
                .map(|i| ImageInfo {
                    name: i.name.clone(),
                    format: i.format.clone(),
                    bytes: i.bytes.len() as u32,
                })
                .collect(),
            publications,
            suggested_deadline,
            suggested_draft_date,
        })
    }

    pub fn report_section(&mut self, id: i64) -> Result<ReportSection> {
        Ok(self.store.read(|tx| tx.report_section(id))?)
    }

    /// Saves a section's title, inclusion and text. The text is kept even when it has a mistake
    /// (the preview names it); only an empty title is refused.
    pub fn save_report_section(&mut self, id: i64, edit: &SectionEdit) -> Result<()> {
        let title = edit.title.trim();
        if title.is_empty() {
            return Err(refused("a section needs a title"));
        }
        if title.chars().count() > 200 {
            return Err(refused("a section title is limited to 200 characters"));
        }
        self.store.write(|tx| -> Result<()> {
            tx.report_section(id)?;
            Ok(tx.update_report_section(id, title, edit.included, &edit.body)?)
        })
    }

    /// Adds a chapter (before the annexes) or an annex (at the end) of the writers' own.
    pub fn add_report_section(&mut self, kind: SectionKind, title: &str) -> Result<i64> {
        if !kind.deletable() {
            return Err(refused(
                "only a chapter or an annex of your own can be added; the template's sections are already there",
            ));
        }
        let title = if title.trim().is_empty() { kind.default_title() } else { title.trim() };
        self.store.write(|tx| -> Result<i64> {
            let sections = ensure_sections(tx)?;
            let id = tx.add_report_section(kind, title, true)?;
            // A chapter goes before the first annex.
            if kind == SectionKind::Chapter {
                let mut ids: Vec<i64> =
                    sections.iter().filter(|s| !s.kind.is_annex()).map(|s| s.id).collect();
                ids.push(id);
                ids.extend(sections.iter().filter(|s| s.kind.is_annex()).map(|s| s.id));
                tx.order_report_sections(&ids)?;
            }
            Ok(id)
        })
    }

    pub fn delete_report_section(&mut self, id: i64) -> Result<()> {
        self.store.write(|tx| -> Result<()> {
            let section = tx.report_section(id)?;
            if !section.kind.deletable() {
                return Err(refused(format!(
                    "“{}” is one of the template’s sections: leave it out of the report instead of deleting it",
                    section.title
                )));
            }
            Ok(tx.delete_report_section(id)?)
        })
    }

    /// Puts the sections in the order of `ids`, which must name every section once.
    pub fn order_report_sections(&mut self, ids: &[i64]) -> Result<()> {
        self.store.write(|tx| -> Result<()> {
            let sections = ensure_sections(tx)?;
            let mut given = ids.to_vec();
            given.sort_unstable();
            let mut known: Vec<i64> = sections.iter().map(|s| s.id).collect();
            known.sort_unstable();
            if given != known {
                return Err(refused("the new order must name every section of the report exactly once"));
            }
            let kinds: Vec<SectionKind> =
                ids.iter().filter_map(|id| sections.iter().find(|s| s.id == *id)).map(|s| s.kind).collect();
            check_order(&kinds)?;
            Ok(tx.order_report_sections(ids)?)
        })
    }

    /// The preview of a section with an unsaved text, laid out within the whole document so
    /// numbers and cross-references are the export's.
    pub fn preview_report_section(
        &mut self,
        id: i64,
        body: &str,
        today: NaiveDate,
    ) -> Result<SectionPreview> {
        let section = self.report_section(id)?;
        // The preview shows one section, never the cover: no comment deadline is needed.
        match self.working_document(ReportVersion::Draft, today, None, Some((id, body))) {
            Ok(doc) => {
                let anchors = anchor_choices(&doc);
                let part = doc
                    .front
                    .iter()
                    .chain(&doc.chapters)
                    .chain(&doc.annexes)
                    .find(|p| p.anchor == section.anchor());
                let html = match part {
                    Some(part) => bpf_report::html::part_html(part, &doc.images),
                    None if !section.included => "<p class=\"left-out\">This section is left out of the report.</p>".into(),
                    None => "<p class=\"left-out\">This section has no text yet, so it is left out of the report until it has some.</p>".into(),
                };
                Ok(SectionPreview { html, error: None, anchors })
            }
            Err(AppError::Report(e)) => {
                Ok(SectionPreview { html: String::new(), error: Some(e.to_string()), anchors: Vec::new() })
            }
            Err(e) => Err(e),
        }
    }

    /// Adds a picture the sections can show as `![caption](name)`; replaces one of that name.
    /// Returns whether one was replaced.
    pub fn add_report_image(&mut self, name: &str, bytes: &[u8]) -> Result<bool> {
        let name = name.trim();
        if name.is_empty() || name.contains(['/', '\\', '(', ')', ' ']) {
            return Err(refused(format!(
                "“{name}” cannot name an image: use a file name without spaces, slashes or brackets, such as map-2026.png"
            )));
        }
        if bytes.is_empty() {
            return Err(refused(format!("{name}: the file is empty")));
        }
        if bytes.len() > MAX_IMAGE_BYTES {
            return Err(refused(format!(
                "{name}: the image is {:.1} MB; images are limited to 15 MB",
                bytes.len() as f64 / 1e6
            )));
        }
        let format = ImageFormat::sniff(bytes)
            .ok_or_else(|| refused(format!("{name}: not a PNG, JPEG or SVG image")))?;
        bpf_report::picture::size(&Image { name: name.into(), format, bytes: bytes.to_vec() })?;
        let stored =
            StoredImage { name: name.into(), format: image_format_key(format).into(), bytes: bytes.to_vec() };
        self.store.write(|tx| Ok(tx.put_report_image(&stored)?))
    }

    pub fn delete_report_image(&mut self, name: &str) -> Result<()> {
        self.store.write(|tx| -> Result<()> {
            if tx.delete_report_image(name)? {
                Ok(())
            } else {
                Err(refused(format!("there is no image “{name}” in the report")))
            }
        })
    }

    /// Publishes a version: the document as it is now is frozen, so it can be exported again
    /// exactly as published after the text changes. The final output is refused while public
    /// comments are unresolved, unless `override_unresolved` (the number left open is recorded).
    pub fn publish_report(
        &mut self,
        version: ReportVersion,
        published_on: NaiveDate,
        comment_deadline: Option<NaiveDate>,
        override_unresolved: bool,
        now: DateTime<Utc>,
    ) -> Result<Publication> {
        check_publication(version, published_on, comment_deadline)?;
        let comments = self.store.read(|tx| tx.comments())?;
        let unresolved = comments.iter().filter(|c| !c.resolved).count() as u32;
        if version == ReportVersion::Final {
            bpf_domain::comments::check_final_publication(&comments, override_unresolved)?;
        }
        let doc = self.working_document(version, published_on, comment_deadline, None)?;
        let json = serde_json::to_string(&doc).map_err(|e| refused(e.to_string()))?;
        let images = to_stored(&doc.images);
        self.store.write(|tx| -> Result<Publication> {
            let id = tx.add_publication(version, published_on, comment_deadline, now, &json, &images)?;
            if version == ReportVersion::Final && unresolved > 0 {
                tx.set_publication_unresolved(id, unresolved)?;
            }
            tx.publications()?
                .into_iter()
                .find(|p| p.id == id)
                .ok_or(AppError::Store(bpf_store::StoreError::Missing { what: "publication", id }))
        })
    }

    /// The document of `version`: its latest publication, or else the current text laid out as
    /// that version dated `today`. Returns the publication day when it came from one.
    pub fn report_document(
        &mut self,
        version: ReportVersion,
        today: NaiveDate,
    ) -> Result<(Document, Option<NaiveDate>)> {
        let publications = self.store.read(|tx| tx.publications())?;
        if let Some(p) = publications.iter().rev().find(|p| p.version == version) {
            let (json, images) = self.store.read(|tx| tx.publication_content(p.id))?;
            let mut doc: Document = serde_json::from_str(&json).map_err(|e| {
                AppError::Store(bpf_store::StoreError::BadValue(format!("published report {}: {e}", p.id)))
            })?;
            doc.images = from_stored(images);
            return Ok((doc, Some(p.published_on)));
        }
        let year = self.store.read(|tx| tx.year())?;
        let (deadline, _) = Self::suggested_dates(&year);
        let deadline =
            deadline.filter(|d| *d > today).or_else(|| today.checked_add_days(chrono::Days::new(28)));
        Ok((self.working_document(version, today, deadline, None)?, None))
    }

    /// Writes the report as PDF or DOCX to `dest` (atomically). Reads the project, writes nothing
    /// to it.
    pub fn export_report(
        &mut self,
        version: ReportVersion,
        format: ReportFormat,
        dest: &Path,
        today: NaiveDate,
    ) -> Result<ExportedReport> {
        let (doc, published_on) = self.report_document(version, today)?;
        let bytes = render(&doc, format, &Typesetter::new())?;
        write_atomically(dest, &bytes)?;
        Ok(ExportedReport {
            path: dest.display().to_string(),
            format,
            version,
            bytes: bytes.len() as u64,
            published_on,
        })
    }
}

/// A document as PDF or DOCX bytes.
pub fn render(doc: &Document, format: ReportFormat, typesetter: &Typesetter) -> Result<Vec<u8>> {
    Ok(match format {
        ReportFormat::Pdf => typesetter.pdf(doc)?,
        ReportFormat::Docx => bpf_report::docx::docx(doc)?,
    })
}

fn anchor_choices(doc: &Document) -> Vec<AnchorChoice> {
    let mut out = Vec::new();
    for part in doc.front.iter().chain(&doc.chapters).chain(&doc.annexes) {
        let label = match &part.number {
            Some(n) if n.starts_with("Annex") => format!("{n} — {}", part.title),
            Some(n) => format!("Chapter {n} — {}", part.title),
            None => part.title.clone(),
        };
        out.push(AnchorChoice { anchor: part.anchor.clone(), label });
        for block in &part.blocks {
            if let bpf_report::Block::Heading { number, anchor, text, level } = block
                && *level <= 3
            {
                let title = plain_text(text);
                let label = number.as_ref().map_or(title.clone(), |n| format!("section {n} — {title}"));
                out.push(AnchorChoice { anchor: anchor.clone(), label });
            }
        }
    }
    out
}
