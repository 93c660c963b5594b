//! `bpf-desk people …`: the register of people and the multistakeholder balance.

use std::path::PathBuf;

use bpf_app::Project;
use bpf_domain::balance::{Balance, BalanceThresholds};
use bpf_domain::people::{PersonInput, PersonRole, StakeholderGroup};
use chrono::Utc;
use clap::Subcommand;

use crate::{Failure, err, json, show};

#[derive(Debug, Subcommand)]
pub enum PeopleCommand {
    /// Import people from a CSV file (Name or First/Last name, E-mail, Organisation, Country,
    /// Stakeholder group, Role, Notes; comma, semicolon or tab; UTF-8 or Windows-1252)
    Import {
        file: PathBuf,
        csv: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// The register
    List {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Add a person
    Add {
        file: PathBuf,
        name: String,
        /// An address; repeat for several
        #[arg(long)]
        email: Vec<String>,
        #[arg(long, default_value = "")]
        organisation: String,
        #[command(flatten)]
        origin: Origin,
        /// participant, contributor, expert, speaker, coordinating_team, secretariat
        #[arg(long)]
        role: Option<String>,
    },
    /// People seen in meetings or on the list who are not in the register
    Suggestions {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Merge OTHER into KEEP (one entry with the addresses of both)
    Merge { file: PathBuf, keep: i64, other: i64 },
    /// Undo a merge (its id is listed by `people list`)
    Unmerge { file: PathBuf, merge: i64 },
    /// Delete a person with their addresses (undo it with `bpf-desk undo`)
    Delete { file: PathBuf, id: i64 },
    /// Stakeholder group × region of the register, the meeting attendance and the list posters
    Balance {
        file: PathBuf,
        #[arg(long)]
        json: bool,
        /// Set the thresholds first: minimum share of a group, of a region, largest share unknown (percent)
        #[arg(long, num_args = 3, value_names = ["GROUP", "REGION", "UNKNOWN"])]
        thresholds: Option<Vec<u32>>,
    },
}

/// Where someone or something comes from: country and stakeholder group, as typed.
#[derive(Debug, Clone, clap::Args)]
pub struct Origin {
    /// Country name or ISO code
    #[arg(long, default_value = "")]
    pub country: String,
    /// government, private_sector, civil_society, technical_community, academia, intergovernmental
    #[arg(long)]
    pub group: Option<String>,
}

impl Origin {
    pub fn group(&self) -> Result<Option<StakeholderGroup>, Failure> {
        self.group
            .as_deref()
            .map(|g| {
                StakeholderGroup::from_text(g).ok_or_else(|| {
                    format!("\"{g}\" is not a stakeholder group: government, private_sector, civil_society, technical_community, academia or intergovernmental")
                })
            })
            .transpose()
    }
}

fn parse_role(text: Option<String>) -> Result<Option<PersonRole>, Failure> {
    text.map(|r| {
        PersonRole::from_text(&r).ok_or_else(|| {
            format!("\"{r}\" is not a role: participant, contributor, expert, speaker, coordinating_team or secretariat")
        })
    })
    .transpose()
}

fn print_balance(b: &Balance) {
    for t in &b.tables {
        println!("{} ({} people)", t.label, t.total);
        let mut head = format!("{:<32}", "");
        for r in &b.regions {
            head.push_str(&format!("{:>14}", r.short()));
        }
        println!("{head}{:>14}{:>8}", "not known", "total");
        let labels = b.groups.iter().map(|g| g.label()).chain(["not known"]);
        for (label, (row, total)) in labels.zip(t.cells.iter().zip(&t.by_group)) {
            let cells: String = row.iter().map(|c| format!("{c:>14}")).collect();
            println!("{label:<32}{cells}{total:>8}");
        }
        let totals: String = t.by_region.iter().map(|c| format!("{c:>14}")).collect();
        println!("{:<32}{totals}{:>8}", "total", t.total);
        for f in &t.flags {
            println!("  ! {}", f.text);
        }
        println!();
    }
}

pub fn people(cmd: PeopleCommand) -> Result<(), Failure> {
    match cmd {
        PeopleCommand::Import { file, csv, json: as_json } => {
            let bytes = std::fs::read(&csv).map_err(|e| format!("{}: {e}", csv.display()))?;
            let mut project = Project::open(&file).map_err(err)?;
            let r = project.import_people(&bytes).map_err(|e| format!("{}: {e}", csv.display()))?;
            show(&r, as_json, |_| {
                for w in &r.warnings {
                    eprintln!("{}: {w}", csv.display());
                }
                println!(
                    "{} rows: {} people added, {} updated, {} already in the register",
                    r.rows, r.added, r.updated, r.unchanged
                );
            })?;
        }
        PeopleCommand::List { file, json: as_json } => {
            let view = Project::open(&file).map_err(err)?.people().map_err(err)?;
            show(&view, as_json, |_| {
                for p in &view.people {
                    println!(
                        "{:>5}  {:<28} {:<28} {:<16} {:<20} {}",
                        p.id,
                        p.name,
                        p.organisation,
                        p.country_name,
                        p.group.map_or("", |g| g.label()),
                        p.emails.join(", ")
                    );
                }
                for m in view.merges.iter().filter(|m| m.undone_utc.is_none()) {
                    println!("merge {}: {} into {} ({})", m.id, m.merged_name, m.kept_name, m.merged_utc);
                }
            })?;
        }
        PeopleCommand::Add { file, name, email, organisation, origin, role } => {
            let input = PersonInput {
                name,
                organisation,
                group: origin.group()?,
                country: origin.country,
                role: parse_role(role)?,
                emails: email,
                notes: String::new(),
            };
            let p = Project::open(&file).map_err(err)?.add_person(&input).map_err(err)?;
            println!("added {} ({})", p.name, p.id);
        }
        PeopleCommand::Suggestions { file, json: as_json } => {
            let list = Project::open(&file).map_err(err)?.person_suggestions().map_err(err)?;
            show(&list, as_json, |_| {
                for s in &list {
                    println!(
                        "{:<30} {:<34} {:>3} meetings {:>4} messages",
                        s.name, s.email, s.meetings, s.messages
                    );
                }
            })?;
        }
        PeopleCommand::Merge { file, keep, other } => {
            let p = Project::open(&file).map_err(err)?.merge_people(keep, other, Utc::now()).map_err(err)?;
            println!("merged: {} ({})", p.name, p.emails.join(", "));
        }
        PeopleCommand::Delete { file, id } => {
            let r = Project::open(&file).map_err(err)?.delete_person(id, Utc::now()).map_err(err)?;
            println!("deleted {} (undo: bpf-desk undo {} {})", r.label, file.display(), r.undo_id);
        }
        PeopleCommand::Unmerge { file, merge } => {
            Project::open(&file).map_err(err)?.undo_merge(merge, Utc::now()).map_err(err)?;
            println!("merge {merge} undone");
        }
        PeopleCommand::Balance { file, json: as_json, thresholds } => {
            let mut project = Project::open(&file).map_err(err)?;
            let b = match thresholds.as_deref() {
                Some([g, r, u]) => project
                    .set_balance_thresholds(&BalanceThresholds {
                        min_group_percent: *g,
                        min_region_percent: *r,
                        max_unknown_percent: *u,
                    })
                    .map_err(err)?,
                _ => project.balance().map_err(err)?,
            };
            if as_json { json(&b)? } else { print_balance(&b) }
        }
    }
    Ok(())
}
