//! `bpf-desk comments …`: public comments on the draft, their dispositions and the
//! comment-resolution table.

use std::path::PathBuf;

use bpf_app::{CommentsImport, Project, ReportFormat, section_label};
use bpf_domain::comments::{CommentInput, Disposition, Resolution};
use clap::Subcommand;

use crate::{Failure, err, json, show, today};

#[derive(Debug, Subcommand)]
pub enum CommentsCommand {
    /// Import comments from a review platform's or a form's CSV export
    Import {
        file: PathBuf,
        csv: PathBuf,
        #[arg(long)]
        json: bool,
        #[arg(long)]
        today: Option<String>,
    },
    /// Import the list's messages sent during the draft's comment period
    ImportMail {
        file: PathBuf,
        #[arg(required = true)]
        archives: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
        #[arg(long)]
        today: Option<String>,
    },
    List {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Record a comment received another way
    Add {
        file: PathBuf,
        #[arg(long)]
        text: String,
        #[arg(long, default_value = "")]
        author: String,
        /// The section: its number ("B", "Annex 1") or title
        #[arg(long)]
        section: Option<String>,
        #[arg(long)]
        today: Option<String>,
    },
    /// Give a comment its disposition and response
    Resolve {
        file: PathBuf,
        id: i64,
        /// accepted, partly, not_accepted, out_of_scope
        #[arg(long)]
        disposition: String,
        #[arg(long, default_value = "")]
        response: String,
    },
    /// Write the comment-resolution table: .csv, .docx or .pdf (by the name's extension)
    Table {
        file: PathBuf,
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        today: Option<String>,
    },
}

fn print_import(r: &CommentsImport, as_json: bool) -> Result<(), Failure> {
    if as_json {
        return json(r);
    }
    for w in &r.warnings {
        eprintln!("{w}");
    }
    println!(
        "{} comments read: {} added ({} about the report as a whole), {} already recorded",
        r.read, r.added, r.without_section, r.duplicates
    );
    Ok(())
}

pub fn comments(cmd: CommentsCommand) -> Result<(), Failure> {
    match cmd {
        CommentsCommand::Import { file, csv, json: as_json, today: day } => {
            let bytes = std::fs::read(&csv).map_err(|e| format!("{}: {e}", csv.display()))?;
            let mut project = Project::open(&file).map_err(err)?;
            let r = project
                .import_comments_csv(&bytes, today(day.as_deref())?)
                .map_err(|e| format!("{}: {e}", csv.display()))?;
            print_import(&r, as_json)?;
        }
        CommentsCommand::ImportMail { file, archives, json: as_json, today: day } => {
            let mut project = Project::open(&file).map_err(err)?;
            let r = project.import_comments_mail(&archives, today(day.as_deref())?).map_err(err)?;
            print_import(&r, as_json)?;
        }
        CommentsCommand::List { file, json: as_json } => {
            let view = Project::open(&file).map_err(err)?.comments().map_err(err)?;
            show(&view, as_json, |_| {
                for c in &view.comments {
                    println!(
                        "{:>4}  {}  {:<24} {:<40} {}",
                        c.id,
                        c.received_on,
                        c.author,
                        section_label(&view.sections, c.section_id),
                        c.disposition.map_or("open", |d| d.label())
                    );
                }
                println!("{} of {} unresolved", view.unresolved, view.comments.len());
            })?;
        }
        CommentsCommand::Add { file, text, author, section, today: day } => {
            let mut project = Project::open(&file).map_err(err)?;
            let section_id = match section {
                None => None,
                Some(s) => {
                    let view = project.comments().map_err(err)?;
                    let id = view
                        .sections
                        .iter()
                        .find(|c| {
                            c.number.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(s.trim()))
                                || c.title.eq_ignore_ascii_case(s.trim())
                        })
                        .map(|c| c.id);
                    Some(id.ok_or_else(|| format!("the report has no section \"{s}\""))?)
                }
            };
            let input = CommentInput { author, text, section_id, ..Default::default() };
            let c = project.add_comment(&input, today(day.as_deref())?).map_err(err)?;
            println!("added comment {}", c.id);
        }
        CommentsCommand::Resolve { file, id, disposition, response } => {
            let d = Disposition::from_text(&disposition).ok_or_else(|| {
                format!(
                    "\"{disposition}\" is not a disposition: accepted, partly, not_accepted or out_of_scope"
                )
            })?;
            Project::open(&file)
                .map_err(err)?
                .resolve_comment(id, &Resolution { disposition: Some(d), response })
                .map_err(err)?;
            println!("comment {id}: {}", d.label().to_lowercase());
        }
        CommentsCommand::Table { file, out, today: day } => {
            let mut project = Project::open(&file).map_err(err)?;
            let ext = crate::extension(&out);
            match ReportFormat::parse(&ext) {
                Some(format) => {
                    project.export_comments_document(format, &out, today(day.as_deref())?).map_err(err)?
                }
                None if ext == "csv" => project.export_comments_csv(&out).map_err(err)?,
                None => return Err(format!("{}: write the table as .csv, .docx or .pdf", out.display())),
            }
            eprintln!("wrote {}", out.display());
        }
    }
    Ok(())
}
