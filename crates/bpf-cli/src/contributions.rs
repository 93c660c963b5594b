//! `bpf-desk call …` and `bpf-desk contribution …`: calls for contributions and what they brought.

use std::path::PathBuf;

use bpf_app::{Project, ReportFormat};
use bpf_domain::contributions::{CallInput, ContributionInput};
use bpf_domain::parse_date;
use clap::Subcommand;

use crate::{Failure, err, show, today};

#[derive(Debug, Subcommand)]
pub enum CallCommand {
    /// Launch a call for contributions
    Add {
        file: PathBuf,
        #[arg(long)]
        title: String,
        #[arg(long)]
        opens: String,
        #[arg(long)]
        closes: String,
        /// Where it is announced ("mailing list, IGF website")
        #[arg(long, default_value = "")]
        channels: String,
        /// The call's text (Markdown file)
        #[arg(long)]
        text: Option<PathBuf>,
    },
    List {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ContributionCommand {
    /// Record a contribution received
    Add {
        file: PathBuf,
        #[arg(long)]
        title: String,
        /// The contributor as credited
        #[arg(long)]
        contributor: String,
        /// The call it answers (id from `call list`)
        #[arg(long)]
        call: Option<i64>,
        /// The contributor's entry in the register (id from `people list`)
        #[arg(long)]
        person: Option<i64>,
        #[arg(long, default_value = "")]
        organisation: String,
        #[command(flatten)]
        origin: crate::people::Origin,
        /// The day it was received (default: today)
        #[arg(long)]
        received: Option<String>,
        /// The contributor allows publishing it with their name
        #[arg(long)]
        publish: bool,
        /// The file received, kept with the project
        #[arg(long)]
        attach: Option<PathBuf>,
        /// The contribution's text (Markdown file), for the standalone document
        #[arg(long)]
        text: Option<PathBuf>,
        #[arg(long)]
        today: Option<String>,
    },
    List {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// A contribution published on its own, with its credit line
    Export {
        file: PathBuf,
        id: i64,
        #[arg(long, value_parser = ["pdf", "docx"])]
        format: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// Write the file kept with a contribution
    File {
        file: PathBuf,
        id: i64,
        #[arg(long)]
        out: PathBuf,
    },
}

fn read_text(path: Option<PathBuf>) -> Result<String, Failure> {
    path.map(|p| std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display())))
        .transpose()
        .map(Option::unwrap_or_default)
}

pub fn call(cmd: CallCommand) -> Result<(), Failure> {
    match cmd {
        CallCommand::Add { file, title, opens, closes, channels, text } => {
            let input = CallInput {
                title,
                text: read_text(text)?,
                opens_on: parse_date(&opens).map_err(err)?,
                closes_on: parse_date(&closes).map_err(err)?,
                channels,
            };
            let id = Project::open(&file).map_err(err)?.add_call(&input).map_err(err)?;
            println!("added call {id}");
        }
        CallCommand::List { file, json: as_json } => {
            let calls = Project::open(&file).map_err(err)?.calls().map_err(err)?;
            show(&calls, as_json, |_| {
                for c in &calls {
                    println!(
                        "{:>4}  {} to {}  {:<40} {} received",
                        c.id, c.opens_on, c.closes_on, c.title, c.received
                    );
                }
            })?;
        }
    }
    Ok(())
}

pub fn contribution(cmd: ContributionCommand) -> Result<(), Failure> {
    match cmd {
        ContributionCommand::Add {
            file,
            title,
            contributor,
            call,
            person,
            organisation,
            origin,
            received,
            publish,
            attach,
            text,
            today: day,
        } => {
            let input = ContributionInput {
                call_id: call,
                title,
                contributor,
                person_id: person,
                organisation,
                group: origin.group()?,
                country: origin.country,
                received_on: received.as_deref().map(parse_date).transpose().map_err(err)?,
                publish,
                text: read_text(text)?,
                notes: String::new(),
            };
            let attachment = attach
                .map(|p| {
                    std::fs::read(&p)
                        .map(|bytes| (p.display().to_string(), bytes))
                        .map_err(|e| format!("{}: {e}", p.display()))
                })
                .transpose()?;
            let mut project = Project::open(&file).map_err(err)?;
            let mut c = project.add_contribution(&input, today(day.as_deref())?).map_err(err)?;
            if let Some((name, bytes)) = attachment {
                // Kept in a second step: a refused file leaves the contribution recorded, and says so.
                c = project
                    .attach_contribution_file(c.id, &name, &bytes)
                    .map_err(|e| format!("contribution {} recorded, but its file was not kept: {e}", c.id))?;
            }
            println!(
                "added contribution {}: {}{}",
                c.id,
                c.title,
                if c.file_name.is_empty() { String::new() } else { format!(" ({})", c.file_name) }
            );
        }
        ContributionCommand::List { file, json: as_json } => {
            let list = Project::open(&file).map_err(err)?.contributions().map_err(err)?;
            show(&list, as_json, |_| {
                for c in &list {
                    println!(
                        "{:>4}  {}  {:<40} {:<30} {}",
                        c.id,
                        c.received_on,
                        c.title,
                        c.contributor,
                        if c.publish { "may be published" } else { "not to be published" }
                    );
                }
            })?;
        }
        ContributionCommand::Export { file, id, format, out } => {
            let format = ReportFormat::parse(&format).unwrap_or(ReportFormat::Pdf);
            Project::open(&file).map_err(err)?.export_contribution(id, format, &out).map_err(err)?;
            eprintln!("wrote {}", out.display());
        }
        ContributionCommand::File { file, id, out } => {
            Project::open(&file).map_err(err)?.save_contribution_file(id, &out).map_err(err)?;
            eprintln!("wrote {}", out.display());
        }
    }
    Ok(())
}
