//! `bpf-desk institution …`, `bpf-desk letters`, `bpf-desk sent`, `bpf-desk press-release`,
//! `bpf-desk outreach …`: who receives the output, the letters, what was sent, and outreach.

use std::path::PathBuf;

use crate::people::Origin;
use bpf_app::{Project, ReportFormat};
use bpf_domain::dissemination::{Answer, Channel, InstitutionInput, InvitationInput};
use bpf_domain::parse_date;
use chrono::Utc;
use clap::Subcommand;

use crate::{Failure, err, json, show, today};

#[derive(Debug, Subcommand)]
pub enum InstitutionCommand {
    /// Add an institution the output should reach
    Add {
        file: PathBuf,
        organisation: String,
        #[arg(long, default_value = "")]
        contact: String,
        #[arg(long, default_value = "")]
        email: String,
        /// Postal address; "\n" or "|" between lines
        #[arg(long, default_value = "")]
        address: String,
        /// Why the output matters to it
        #[arg(long, default_value = "")]
        why: String,
        #[command(flatten)]
        origin: Origin,
    },
    List {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Set the cover letter (a Markdown file with {{fields}}) and who signs it
    Letter {
        file: PathBuf,
        #[arg(long)]
        template: Option<PathBuf>,
        /// Go back to the built-in letter
        #[arg(long, conflicts_with = "template")]
        built_in: bool,
        #[arg(long)]
        signatory: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum OutreachCommand {
    /// Record a key organisation invited to take part
    Add {
        file: PathBuf,
        organisation: String,
        #[arg(long)]
        invited_on: String,
        #[arg(long, default_value = "")]
        invited_by: String,
        #[arg(long, default_value = "")]
        contact: String,
        #[command(flatten)]
        origin: Origin,
        /// pending, committed, interested, declined, no_answer
        #[arg(long, default_value = "pending")]
        answer: String,
        #[arg(long)]
        today: Option<String>,
    },
    List {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

pub fn institution(cmd: InstitutionCommand) -> Result<(), Failure> {
    match cmd {
        InstitutionCommand::Add { file, organisation, contact, email, address, why, origin } => {
            let input = InstitutionInput {
                organisation,
                contact,
                email,
                address: address.replace('|', "\n").replace("\\n", "\n"),
                why,
                group: origin.group()?,
                country: origin.country,
            };
            let id = Project::open(&file).map_err(err)?.add_institution(&input).map_err(err)?;
            println!("added institution {id}");
        }
        InstitutionCommand::List { file, json: as_json } => {
            let list = Project::open(&file).map_err(err)?.institutions().map_err(err)?;
            show(&list, as_json, |_| {
                for i in &list {
                    let sent = i.sent_on.map_or("not sent".to_string(), |d| format!("sent {d}"));
                    println!("{:>4}  {:<40} {:<28} {:<30} {sent}", i.id, i.organisation, i.contact, i.email);
                }
            })?;
        }
        InstitutionCommand::Letter { file, template, built_in, signatory } => {
            let mut project = Project::open(&file).map_err(err)?;
            let current = project.letter().map_err(err)?;
            let text = match template {
                Some(p) => Some(std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?),
                None if built_in => None,
                None => (!current.built_in).then(|| current.template.clone()),
            };
            let signatory = signatory.unwrap_or(current.signatory);
            let view = project.set_letter(text.as_deref(), &signatory).map_err(err)?;
            println!(
                "{} letter, signed by {}",
                if view.built_in { "built-in" } else { "own" },
                if view.signatory.is_empty() { "the coordinating team" } else { &view.signatory }
            );
        }
    }
    Ok(())
}

/// `bpf-desk letters FILE --out DIR`.
pub fn letters(file: PathBuf, out: PathBuf, day: Option<String>, as_json: bool) -> Result<(), Failure> {
    let mut project = Project::open(&file).map_err(err)?;
    let r = project.write_letters(&out, today(day.as_deref())?, Utc::now()).map_err(err)?;
    if as_json {
        return json(&r);
    }
    for w in &r.warnings {
        eprintln!("{w}");
    }
    println!("{} letters (PDF and DOCX) and {} e-mail drafts written to {}", r.letters, r.drafts, r.folder);
    Ok(())
}

/// `bpf-desk sent FILE INSTITUTION --on D --channel C`.
pub fn sent(
    file: PathBuf,
    institution: i64,
    on: String,
    channel: String,
    note: String,
    day: Option<String>,
) -> Result<(), Failure> {
    let channel = Channel::parse(&channel)
        .ok_or_else(|| format!("\"{channel}\" is not a channel: email, post, meeting or other"))?;
    let on = parse_date(&on).map_err(err)?;
    Project::open(&file)
        .map_err(err)?
        .record_sending(institution, on, channel, &note, today(day.as_deref())?)
        .map_err(err)?;
    println!("logged: sent on {on}");
    Ok(())
}

/// `bpf-desk press-release FILE --out P` (.md, .docx or .pdf).
pub fn press(file: PathBuf, out: PathBuf, day: Option<String>) -> Result<(), Failure> {
    let mut project = Project::open(&file).map_err(err)?;
    let ext = crate::extension(&out);
    match ReportFormat::parse(&ext) {
        Some(format) => {
            project.export_press_release(format, &out, today(day.as_deref())?).map_err(err)?;
        }
        None if ext == "md" || ext == "txt" => {
            let text = project.press_release().map_err(err)?;
            bpf_app::write_atomically(&out, text.as_bytes()).map_err(err)?;
        }
        None => return Err(format!("{}: write the press release as .md, .docx or .pdf", out.display())),
    }
    eprintln!("wrote {}", out.display());
    Ok(())
}

pub fn outreach(cmd: OutreachCommand) -> Result<(), Failure> {
    match cmd {
        OutreachCommand::Add {
            file,
            organisation,
            invited_on,
            invited_by,
            contact,
            origin,
            answer,
            today: day,
        } => {
            let input = InvitationInput {
                organisation,
                contact,
                group: origin.group()?,
                country: origin.country,
                invited_by,
                invited_on: parse_date(&invited_on).map_err(err)?,
                answer: Answer::parse(&answer).ok_or_else(|| {
                    format!(
                        "\"{answer}\" is not an answer: pending, committed, interested, declined or no_answer"
                    )
                })?,
                notes: String::new(),
            };
            let id = Project::open(&file)
                .map_err(err)?
                .add_invitation(&input, today(day.as_deref())?)
                .map_err(err)?;
            println!("added invitation {id}");
        }
        OutreachCommand::List { file, json: as_json } => {
            let list = Project::open(&file).map_err(err)?.invitations().map_err(err)?;
            show(&list, as_json, |_| {
                for i in &list {
                    println!(
                        "{:>4}  {}  {:<40} {:<20} {}",
                        i.id,
                        i.invited_on,
                        i.organisation,
                        i.invited_by,
                        i.answer.label()
                    );
                }
            })?;
        }
    }
    Ok(())
}
