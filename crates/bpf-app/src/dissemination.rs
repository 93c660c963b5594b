//! Use cases of dissemination and outreach: institutions, the cover letter, letters per
//! institution (PDF, DOCX and an `.eml` draft with the final report attached), the log of what
//! was sent, the press-release draft, and the organisations invited during the year.

use std::path::{Path, PathBuf};

use bpf_domain::InvalidInput;
use bpf_domain::dissemination::{
    Channel, DEFAULT_LETTER, Institution, InstitutionInput, Invitation, InvitationInput, LETTER_FIELDS,
    Sending, check_institution, check_invitation, fill_template, press_release, topic_of,
};
use bpf_domain::report::{ReportVersion, long_date};
use bpf_report::pdf::Typesetter;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::documents::{BriefHead, BriefPart};
use crate::report::{ReportFormat, render};
use crate::{Project, Result, write_atomically};

/// The cover letter as the editor shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LetterView {
    /// Markdown with `{{fields}}`.
    pub template: String,
    /// The built-in letter is in use (never edited, or reset).
    pub built_in: bool,
    pub signatory: String,
    /// The fields a letter may use, with what they stand for.
    pub fields: Vec<(String, String)>,
}

/// What writing the letters did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LettersWritten {
    pub folder: String,
    /// File names written, in institution order.
    pub files: Vec<String>,
    pub letters: u32,
    pub drafts: u32,
    pub warnings: Vec<String>,
}

/// A file-name-safe form of a name: lowercase letters, digits and single dashes.
fn slug(name: &str) -> String {
    let s = bpf_report::markdown::slug(name);
    if s.is_empty() { "institution".into() } else { s.chars().take(60).collect() }
}

/// A letter's body as the text of an e-mail: its paragraphs and list items, plain.
fn letter_text(doc: &bpf_report::Document) -> String {
    use bpf_report::Block;
    use bpf_report::model::plain_text;
    let mut out: Vec<String> = Vec::new();
    for part in doc.front.iter().chain(&doc.chapters) {
        for block in &part.blocks {
            match block {
                Block::Paragraph { content } => out.push(plain_text(content)),
                Block::List { items, .. } => {
                    for item in items {
                        for b in item {
                            if let Block::Paragraph { content } = b {
                                out.push(format!("- {}", plain_text(content)));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out.join("\n\n") + "\n"
}

impl Project {
    pub fn institutions(&mut self) -> Result<Vec<Institution>> {
        Ok(self.store.read(|tx| tx.institutions())?)
    }

    pub fn add_institution(&mut self, input: &InstitutionInput) -> Result<i64> {
        let i = check_institution(input)?;
        Ok(self.store.write(|tx| tx.insert_institution(&i))?)
    }

    pub fn update_institution(&mut self, id: i64, input: &InstitutionInput) -> Result<()> {
        let i = check_institution(input)?;
        Ok(self.store.write(|tx| tx.update_institution(id, &i))?)
    }

    pub fn delete_institution(&mut self, id: i64) -> Result<()> {
        Ok(self.store.write(|tx| tx.delete_institution(id))?)
    }

    pub fn sendings(&mut self) -> Result<Vec<Sending>> {
        Ok(self.store.read(|tx| tx.sendings())?)
    }

    /// Logs that the output was sent to an institution on a day.
    pub fn record_sending(
        &mut self,
        institution_id: i64,
        on: NaiveDate,
        channel: Channel,
        note: &str,
        today: NaiveDate,
    ) -> Result<i64> {
        if on > today {
            return Err(InvalidInput::Date(format!(
                "{on} is after today ({today}): log a sending once it is done"
            ))
            .into());
        }
        Ok(self.store.write(|tx| tx.insert_sending(institution_id, on, channel, note.trim()))?)
    }

    pub fn delete_sending(&mut self, id: i64) -> Result<()> {
        Ok(self.store.write(|tx| tx.delete_sending(id))?)
    }

    pub fn letter(&mut self) -> Result<LetterView> {
        let (letter, signatory) = self.store.read(|tx| tx.letter())?;
        Ok(LetterView {
            built_in: letter.is_none(),
            template: letter.unwrap_or_else(|| DEFAULT_LETTER.to_string()),
            signatory,
            fields: LETTER_FIELDS.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        })
    }

    /// Saves the cover letter (`None`: back to the built-in one) after checking that it uses
    /// only known fields and reads as Markdown.
    pub fn set_letter(&mut self, template: Option<&str>, signatory: &str) -> Result<LetterView> {
        if let Some(t) = template {
            if t.trim().is_empty() {
                return Err(InvalidInput::Empty { what: "letter" }.into());
            }
            let sample: Vec<(&str, String)> =
                LETTER_FIELDS.iter().map(|(k, _)| (*k, k.to_string())).collect();
            let filled = fill_template(t, &sample)?;
            bpf_report::markdown::parse(&filled, &|_| false)
                .map_err(|e| InvalidInput::Refused(format!("the letter, line {}: {}", e.line, e.message)))?;
        }
        self.store.write(|tx| tx.set_letter(template, signatory.trim()))?;
        self.letter()
    }

    /// The letter to one institution as a document.
    fn letter_document(&mut self, i: &Institution, today: NaiveDate) -> Result<bpf_report::Document> {
        let view = self.letter()?;
        let profile = self.store.read(|tx| tx.profile())?;
        let bpf = profile.title.trim().to_string();
        let signatory = if view.signatory.is_empty() {
            format!("The coordinating team of the IGF {bpf}")
        } else {
            view.signatory.clone()
        };
        let values = [
            ("contact", if i.contact.is_empty() { "Sir or Madam".to_string() } else { i.contact.clone() }),
            ("organisation", i.organisation.clone()),
            ("why", i.why.clone()),
            ("topic", topic_of(&bpf)),
            ("bpf", bpf.clone()),
            ("report_title", bpf.clone()),
            ("year", profile.year.to_string()),
            ("date", long_date(today)),
            ("signatory", signatory.replace('\n', "  \n")),
        ];
        let body = fill_template(&view.template, &values)?;
        let mut addressee: Vec<String> = Vec::new();
        if !i.contact.is_empty() {
            addressee.push(i.contact.clone());
        }
        addressee.push(i.organisation.clone());
        addressee.extend(i.address.lines().map(String::from));
        let head = BriefHead {
            title: format!("The final output of the IGF {} {bpf}", profile.year),
            label: String::new(),
            date: today,
            note: None,
            addressee,
        };
        self.brief(head, vec![BriefPart { title: String::new(), markdown: body, generated: Vec::new() }])
    }

    /// Writes, into `folder`, a letter per institution as PDF and DOCX, and an `.eml` draft with
    /// the final report attached for each institution with an address (when the final output
    /// is published).
    pub fn write_letters(
        &mut self,
        folder: &Path,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<LettersWritten> {
        let institutions = self.institutions()?;
        if institutions.is_empty() {
            return Err(InvalidInput::Refused(
                "there is no institution to write to: add the target institutions first".into(),
            )
            .into());
        }
        std::fs::create_dir_all(folder).map_err(|e| crate::AppError::file(folder, &e))?;
        let final_published =
            self.store.read(|tx| tx.publications())?.iter().any(|p| p.version == ReportVersion::Final);
        let profile = self.store.read(|tx| tx.profile())?;
        let stem = format!("{}-{}", slug(profile.title.trim()), profile.year);
        let typesetter = Typesetter::new();
        let report = if final_published {
            let (doc, _) = self.report_document(ReportVersion::Final, today)?;
            Some(render(&doc, ReportFormat::Pdf, &typesetter)?)
        } else {
            None
        };
        let mut out = LettersWritten {
            folder: folder.display().to_string(),
            files: Vec::new(),
            letters: 0,
            drafts: 0,
            warnings: Vec::new(),
        };
        if report.is_none() {
            out.warnings.push("no e-mail drafts: the final output is not published yet (publish it, then write the letters again)".into());
        }
        let mut used: Vec<String> = Vec::new();
        for i in &institutions {
            let mut name = slug(&i.organisation);
            if used.contains(&name) {
                name = format!("{name}-{}", i.id);
            }
            used.push(name.clone());
            let doc = self.letter_document(i, today)?;
            for (format, ext) in [(ReportFormat::Pdf, "pdf"), (ReportFormat::Docx, "docx")] {
                let file = format!("{name}-letter.{ext}");
                write_atomically(&folder.join(&file), &render(&doc, format, &typesetter)?)?;
                out.files.push(file);
            }
            out.letters += 1;
            let Some(report) = &report else { continue };
            if i.email.is_empty() {
                out.warnings.push(format!("{}: no e-mail address, so no e-mail draft", i.organisation));
                continue;
            }
            let text = letter_text(&doc);
            let draft = bpf_mail::Draft {
                from: (format!("IGF {}", profile.title.trim()), profile.contact_email.trim()),
                to: (i.contact.clone(), &i.email),
                subject: format!("The final output of the IGF {} {}", profile.year, profile.title.trim()),
                text,
                attachments: vec![("application/pdf", format!("{stem}-final-output.pdf"), report.clone())],
            };
            let eml = bpf_mail::draft_eml(draft, now).map_err(|e| crate::AppError::file(folder, &e))?;
            let file = format!("{name}-letter.eml");
            write_atomically(&folder.join(&file), &eml)?;
            out.files.push(file);
            out.drafts += 1;
        }
        Ok(out)
    }

    /// The press-release draft (Markdown), naming the institutions the output was sent to.
    pub fn press_release(&mut self) -> Result<String> {
        let (profile, sendings, pubs) =
            self.store.read(|tx| -> Result<_> { Ok((tx.profile()?, tx.sendings()?, tx.publications()?)) })?;
        let mut sent_to: Vec<String> = Vec::new();
        for s in &sendings {
            if !sent_to.contains(&s.organisation) {
                sent_to.push(s.organisation.clone());
            }
        }
        let published = pubs.iter().rev().find(|p| p.version == ReportVersion::Final).map(|p| p.published_on);
        Ok(press_release(profile.title.trim(), profile.year, published, &sent_to, &profile.contact_email))
    }

    /// The press-release draft as a document to edit.
    pub fn export_press_release(
        &mut self,
        format: ReportFormat,
        dest: &Path,
        today: NaiveDate,
    ) -> Result<PathBuf> {
        let text = self.press_release()?;
        let head = BriefHead {
            title: "Press release".into(),
            label: "Draft".into(),
            date: today,
            note: None,
            addressee: Vec::new(),
        };
        let doc = self
            .brief(head, vec![BriefPart { title: String::new(), markdown: text, generated: Vec::new() }])?;
        write_atomically(dest, &render(&doc, format, &Typesetter::new())?)?;
        Ok(dest.to_path_buf())
    }

    pub fn invitations(&mut self) -> Result<Vec<Invitation>> {
        Ok(self.store.read(|tx| tx.invitations())?)
    }

    pub fn add_invitation(&mut self, input: &InvitationInput, today: NaiveDate) -> Result<i64> {
        let i = check_invitation(input, today)?;
        Ok(self.store.write(|tx| tx.insert_invitation(&i))?)
    }

    pub fn update_invitation(&mut self, id: i64, input: &InvitationInput, today: NaiveDate) -> Result<()> {
        let i = check_invitation(input, today)?;
        Ok(self.store.write(|tx| tx.update_invitation(id, &i))?)
    }

    pub fn delete_invitation(&mut self, id: i64) -> Result<()> {
        Ok(self.store.write(|tx| tx.delete_invitation(id))?)
    }
}
