//! `bpf-desk report …`: the output report's sections, images, publications and exports.

use std::path::PathBuf;

use bpf_app::{Project, ReportFormat, SectionEdit};
use bpf_domain::parse_date;
use bpf_domain::report::{ReportVersion, SectionKind};
use chrono::Utc;
use clap::Subcommand;

use crate::{Failure, err, json, today};

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// The sections in their order, with their numbers, and the publications
    Sections {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Replace a section's text with a Markdown file (and optionally its title or inclusion)
    Write {
        file: PathBuf,
        /// The section: its anchor (as `sections` shows, e.g. methodology) or its id
        section: String,
        /// The Markdown text (- for standard input)
        markdown: PathBuf,
        #[arg(long)]
        title: Option<String>,
        /// Leave the section out of the report
        #[arg(long, conflicts_with = "include")]
        exclude: bool,
        /// Put the section back into the report
        #[arg(long)]
        include: bool,
    },
    /// Add a chapter or an annex of your own
    Add {
        file: PathBuf,
        #[arg(value_parser = ["chapter", "annex"])]
        kind: String,
        title: String,
    },
    /// Add a picture (PNG, JPEG or SVG) that sections show as ![caption](NAME)
    Image {
        file: PathBuf,
        picture: PathBuf,
        /// The name sections use (default: the file's name)
        #[arg(long)]
        name: Option<String>,
    },
    /// Publish a version: the report as it is now is frozen and exported from then on
    Publish {
        file: PathBuf,
        #[arg(long, value_parser = ["draft", "final"])]
        version: String,
        /// The publication day (default: today)
        #[arg(long)]
        on: Option<String>,
        /// The last day of the public comment period (a draft needs one)
        #[arg(long)]
        deadline: Option<String>,
        /// Publish the final output although public comments are still unresolved
        #[arg(long)]
        override_unresolved: bool,
    },
    /// Write the report as PDF or DOCX
    Export {
        file: PathBuf,
        #[arg(long, value_parser = ["pdf", "docx"])]
        format: String,
        #[arg(long, value_parser = ["draft", "final"], default_value = "draft")]
        version: String,
        #[arg(long)]
        out: PathBuf,
        /// The date a version not yet published carries (default: today)
        #[arg(long)]
        today: Option<String>,
    },
}

fn version(s: &str) -> ReportVersion {
    ReportVersion::parse(s).unwrap_or(ReportVersion::Draft)
}

fn find_section(project: &mut Project, which: &str) -> Result<i64, Failure> {
    let outline = project.report_outline().map_err(err)?;
    outline.sections.iter().find(|s| s.anchor == which || s.id.to_string() == which).map(|s| s.id).ok_or_else(
        || {
            let known: Vec<&str> = outline.sections.iter().map(|s| s.anchor.as_str()).collect();
            format!("no section “{which}”: use one of {}", known.join(", "))
        },
    )
}

pub fn report(cmd: ReportCommand) -> Result<(), Failure> {
    match cmd {
        ReportCommand::Sections { file, json: as_json } => {
            let mut project = Project::open(&file).map_err(err)?;
            let outline = project.report_outline().map_err(err)?;
            if as_json {
                return json(&outline);
            }
            for s in &outline.sections {
                let number = s
                    .number
                    .clone()
                    .unwrap_or_else(|| if s.included { "–".into() } else { "(left out)".into() });
                println!("{number:>10}  {:<60} #{}  {} words", s.title, s.anchor, s.words);
            }
            for p in &outline.publications {
                let deadline =
                    p.comment_deadline.map(|d| format!(", comments until {d}")).unwrap_or_default();
                println!("published: {} on {}{deadline}", p.version.label(), p.published_on);
            }
        }
        ReportCommand::Write { file, section, markdown, title, exclude, include } => {
            let body = if markdown.as_os_str() == "-" {
                std::io::read_to_string(std::io::stdin()).map_err(err)?
            } else {
                let bytes = std::fs::read(&markdown).map_err(|e| format!("{}: {e}", markdown.display()))?;
                String::from_utf8(bytes)
                    .map_err(|_| format!("{}: not UTF-8 text; save it as UTF-8", markdown.display()))?
            };
            let mut project = Project::open(&file).map_err(err)?;
            let id = find_section(&mut project, &section)?;
            let current = project.report_section(id).map_err(err)?;
            let edit = SectionEdit {
                title: title.unwrap_or(current.title),
                included: if exclude { false } else { include || current.included },
                body,
            };
            project.save_report_section(id, &edit).map_err(err)?;
            let preview = project.preview_report_section(id, &edit.body, today(None)?).map_err(err)?;
            match preview.error {
                Some(problem) => {
                    eprintln!("saved, but the report cannot be made until this is fixed: {problem}")
                }
                None => println!("saved “{}”", edit.title),
            }
        }
        ReportCommand::Add { file, kind, title } => {
            let kind = if kind == "annex" { SectionKind::Annex } else { SectionKind::Chapter };
            let mut project = Project::open(&file).map_err(err)?;
            let id = project.add_report_section(kind, &title).map_err(err)?;
            println!("added “{title}” (id {id})");
        }
        ReportCommand::Image { file, picture, name } => {
            let bytes = std::fs::read(&picture).map_err(|e| format!("{}: {e}", picture.display()))?;
            let name = name.unwrap_or_else(|| {
                picture.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
            });
            let mut project = Project::open(&file).map_err(err)?;
            let replaced = project.add_report_image(&name, &bytes).map_err(err)?;
            println!(
                "{} image “{name}”: use it as ![caption]({name})",
                if replaced { "replaced" } else { "added" }
            );
        }
        ReportCommand::Publish { file, version: v, on, deadline, override_unresolved } => {
            let on = match on {
                Some(d) => parse_date(&d).map_err(err)?,
                None => today(None)?,
            };
            let deadline = deadline.as_deref().map(parse_date).transpose().map_err(err)?;
            let mut project = Project::open(&file).map_err(err)?;
            let p = project
                .publish_report(version(&v), on, deadline, override_unresolved, Utc::now())
                .map_err(err)?;
            println!("published the {} of {}", p.version.label().to_lowercase(), p.published_on);
        }
        ReportCommand::Export { file, format, version: v, out, today: day } => {
            let day = today(day.as_deref())?;
            let format = ReportFormat::parse(&format).unwrap_or(ReportFormat::Pdf);
            let mut project = Project::open(&file).map_err(err)?;
            let done = project.export_report(version(&v), format, &out, day).map_err(err)?;
            let source = match done.published_on {
                Some(d) => format!("as published on {d}"),
                None => "from the current text (not published yet)".into(),
            };
            println!(
                "wrote {} ({} bytes), {} {source}",
                done.path,
                done.bytes,
                done.version.label().to_lowercase()
            );
        }
    }
    Ok(())
}
