//! `bpf-desk`: the command line of BPF Desk, over the same use cases as the app.

mod backups;
mod comments;
mod contributions;
mod dissemination;
mod mail;
mod people;
mod report;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use bpf_app::{AnnualMeetingInput, MeetingForm, NewBpf, Project};
use bpf_domain::meeting::{MeetingKind, MeetingStatus, PlaceInput};
use bpf_domain::slots::SlotQuery;
use bpf_domain::{
    EffectiveStatus, MeetingFormat, MilestoneInput, MilestoneKind, MilestoneStatus, PlanView, parse_date,
};
use chrono::{NaiveDate, Utc};
use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(name = "bpf-desk", version, about = "Plan and run a Best Practice Forum year (BPF Desk)")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    InPerson,
    Online,
    Hybrid,
}

impl From<Format> for MeetingFormat {
    fn from(f: Format) -> Self {
        match f {
            Format::InPerson => MeetingFormat::InPerson,
            Format::Online => MeetingFormat::Online,
            Format::Hybrid => MeetingFormat::Hybrid,
        }
    }
}

#[derive(Debug, clap::Args)]
struct MeetingArgs {
    /// First day of the annual meeting (YYYY-MM-DD)
    #[arg(long = "meeting-start", value_name = "YYYY-MM-DD")]
    start: String,
    /// Last day of the annual meeting (YYYY-MM-DD)
    #[arg(long = "meeting-end", value_name = "YYYY-MM-DD")]
    end: String,
    /// IANA time zone of the meeting, e.g. Europe/Berlin
    #[arg(long = "meeting-zone", value_name = "ZONE")]
    zone: String,
    /// Where the meeting takes place
    #[arg(long = "meeting-place", default_value = "")]
    place: String,
    #[arg(long = "meeting-format", value_enum, default_value = "in-person")]
    format: Format,
}

impl MeetingArgs {
    fn input(&self) -> AnnualMeetingInput {
        AnnualMeetingInput {
            start: self.start.clone(),
            end: self.end.clone(),
            place: self.place.clone(),
            format: self.format.into(),
            zone: self.zone.clone(),
        }
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create a project file for a new BPF year with the standard cycle
    New {
        file: PathBuf,
        #[arg(long)]
        title: String,
        #[arg(long)]
        year: i32,
        #[command(flatten)]
        meeting: MeetingArgs,
        /// Replace the file if it exists
        #[arg(long)]
        force: bool,
    },
    /// Create next year's BPF from this one: team, workstreams, people, institutions, list address
    /// and thresholds kept; the work plan laid out anew from the new annual meeting
    NextYear {
        file: PathBuf,
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        meeting: MeetingArgs,
        /// Replace OUT if it exists
        #[arg(long)]
        force: bool,
    },
    /// Write the demo BPF (IGF 2020 BPF Cybersecurity) to a new project file
    Demo {
        file: PathBuf,
        #[arg(long)]
        force: bool,
    },
    /// Show the plan: draft deadline, milestones and warnings
    Plan {
        file: PathBuf,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
        /// The day to judge the plan on (default: today, UTC)
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
    },
    /// Move the annual meeting; derived milestones move with it
    SetMeeting {
        file: PathBuf,
        #[command(flatten)]
        meeting: MeetingArgs,
    },
    /// Add a milestone
    AddMilestone {
        file: PathBuf,
        #[arg(long)]
        title: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        end: Option<String>,
        #[arg(long, default_value = "")]
        owner: String,
        /// custom, kick_off, open_meeting, call_for_contributions, …
        #[arg(long, default_value = "custom")]
        kind: String,
    },
    /// Delete a milestone (undo it with `undo`)
    DeleteMilestone { file: PathBuf, id: i64 },
    /// Deletions that can be undone (newest first), or undo one: the newest with --last, or by id
    Undo {
        file: PathBuf,
        id: Option<i64>,
        #[arg(long, conflicts_with = "id")]
        last: bool,
        #[arg(long)]
        json: bool,
    },
    /// Export the milestones and the annual meeting as an iCalendar (.ics) file
    ExportIcs {
        file: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
    /// Daily backups of the project file: take one, list them, restore one
    #[command(subcommand)]
    Backup(backups::BackupCommand),
    /// Write a consistent copy of the project file
    SaveCopy {
        file: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
    /// Virtual meetings: schedule, list, local times, fair slots
    #[command(subcommand)]
    Meeting(MeetingCommand),
    /// The mailing list: import archives and member lists, activity figures, the verdict
    #[command(subcommand)]
    Mail(mail::MailCommand),
    /// The output report: sections, images, publication, PDF and DOCX export
    #[command(subcommand)]
    Report(report::ReportCommand),
    /// The register of people: import, list, suggestions, merge, and the multistakeholder balance
    #[command(subcommand)]
    People(people::PeopleCommand),
    /// Calls for contributions
    #[command(subcommand)]
    Call(contributions::CallCommand),
    /// Public comments on the draft: import, resolve, the comment-resolution table
    #[command(subcommand)]
    Comments(comments::CommentsCommand),
    /// Institutions the output should reach, and the cover letter
    #[command(subcommand)]
    Institution(dissemination::InstitutionCommand),
    /// Write a letter per institution (PDF, DOCX) and e-mail drafts with the final report attached
    Letters {
        file: PathBuf,
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        today: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Log that the output was sent to an institution
    Sent {
        file: PathBuf,
        institution: i64,
        #[arg(long)]
        on: String,
        /// email, post, meeting, other
        #[arg(long, default_value = "email")]
        channel: String,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long)]
        today: Option<String>,
    },
    /// The press-release draft naming the institutions the output was sent to (.md, .docx, .pdf)
    PressRelease {
        file: PathBuf,
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        today: Option<String>,
    },
    /// Key organisations invited to take part, by whom, when, and their answer
    #[command(subcommand)]
    Outreach(dissemination::OutreachCommand),
    /// Where the BPF stands today: next deadlines, the draft countdown, warnings, scorecard, latest activity
    Home {
        file: PathBuf,
        #[arg(long)]
        json: bool,
        #[arg(long)]
        today: Option<String>,
    },
    /// Several BPFs side by side: their scorecards in one table
    Scorecards {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
        #[arg(long)]
        today: Option<String>,
    },
    /// Year over year: meetings, attendance, posters, messages, contributions, balance
    Compare {
        #[arg(required = true, num_args = 2..)]
        files: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// The proposal: its rules checked (--json for the whole view), or written with --out as .pdf or .docx
    Proposal {
        file: PathBuf,
        #[arg(long, value_parser = ["pdf", "docx"])]
        format: Option<String>,
        #[arg(long, requires = "format")]
        out: Option<PathBuf>,
        #[arg(long)]
        json: bool,
        #[arg(long)]
        today: Option<String>,
    },
    /// Write the proposal's texts: relevance and outreach plan (Markdown files), the indicators
    /// (KEY=FILE), whether the BPF returns from last year
    ProposalEdit {
        file: PathBuf,
        #[arg(long)]
        relevance: Option<PathBuf>,
        #[arg(long)]
        outreach: Option<PathBuf>,
        /// clear_objectives, key_organisations, relevance, footprint, common_ground, ripple_effect or synergies, =FILE
        #[arg(long)]
        indicator: Vec<String>,
        #[arg(long)]
        returning: Option<bool>,
    },
    /// The scorecard of a completed BPF: each metric met, not met or not yet due, with evidence
    Scorecard {
        file: PathBuf,
        #[arg(long)]
        json: bool,
        /// The day to judge on (default: today)
        #[arg(long)]
        today: Option<String>,
        /// Also write it on one page: .pdf or .docx
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Contributions received, with their files and permission to publish
    #[command(subcommand)]
    Contribution(contributions::ContributionCommand),
    /// Places participants join from (for local times and the slot finder)
    #[command(subcommand)]
    Place(PlaceCommand),
}

#[derive(Debug, Subcommand)]
enum MeetingCommand {
    /// Schedule a meeting at a local time in the organiser's zone
    Add {
        file: PathBuf,
        #[arg(long)]
        title: String,
        /// Local start in the organiser's zone, YYYY-MM-DDTHH:MM
        #[arg(long, value_name = "YYYY-MM-DDTHH:MM")]
        start: String,
        /// The organiser's IANA zone
        #[arg(long)]
        zone: String,
        #[arg(long, default_value_t = 90)]
        minutes: u32,
        /// open_virtual_meeting, coordinating_team_call, webinar, annual_meeting_session
        #[arg(long, default_value = "open_virtual_meeting")]
        kind: String,
        #[arg(long, default_value = "")]
        link: String,
    },
    /// List the meetings
    List {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Write a meeting's calendar invitation (.ics)
    Ics {
        file: PathBuf,
        id: i64,
        #[arg(long)]
        out: PathBuf,
    },
    /// Write a meeting's announcement for the mailing list (.eml draft with the invitation)
    Announce {
        file: PathBuf,
        id: i64,
        #[arg(long)]
        out: PathBuf,
    },
    /// Import the attendance of a meeting from Zoom's participants report (CSV)
    Attendance {
        file: PathBuf,
        id: i64,
        report: PathBuf,
        /// For a CSV that is not Zoom's: name=COL,join=COL,leave=COL[,email=COL][,guest=COL]
        /// with COL a header or a 1-based column number
        #[arg(long, value_name = "MAPPING")]
        map: Option<String>,
    },
    /// Write a meeting's summary as Markdown (facts, agenda, and the summary or its skeleton)
    Summary {
        file: PathBuf,
        id: i64,
        #[arg(long)]
        out: PathBuf,
    },
    /// Mark a meeting planned, held or cancelled
    Status {
        file: PathBuf,
        id: i64,
        /// planned, held or cancelled
        status: String,
    },
    /// Delete a meeting with its attendance, agenda and materials (undo it with `undo`)
    Delete { file: PathBuf, id: i64 },
    /// A meeting's local time in every place
    Times {
        file: PathBuf,
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Rank start times by the burden on participants outside 07:00-22:00 local
    Slots {
        file: PathBuf,
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: String,
        #[arg(long, default_value_t = 90)]
        minutes: u32,
        #[arg(long, default_value_t = 30)]
        step: u32,
        /// Skip starts on a Saturday or Sunday in any participant's zone
        #[arg(long)]
        skip_weekends: bool,
        /// Skip starts in July and August
        #[arg(long)]
        avoid_summer: bool,
        /// How many slots to show
        #[arg(long, default_value_t = 5)]
        top: usize,
        /// Instead: a rotation for a series of this many meetings
        #[arg(long)]
        series: Option<usize>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum PlaceCommand {
    /// Add a place with its IANA zone and participant count
    Add {
        file: PathBuf,
        #[arg(long)]
        name: String,
        #[arg(long)]
        zone: String,
        #[arg(long)]
        participants: u32,
    },
    /// List the places
    List {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

type Failure = String;

fn today(arg: Option<&str>) -> Result<NaiveDate, Failure> {
    match arg {
        Some(s) => parse_date(s).map_err(|e| e.to_string()),
        None => Ok(Utc::now().date_naive()),
    }
}

fn err(e: impl std::fmt::Display) -> Failure {
    e.to_string()
}

fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::NextYear { file, out, meeting, force } => {
            let mut next = Project::open(&file)
                .map_err(err)?
                .create_next_year(&out, &meeting.input(), force)
                .map_err(err)?;
            let info = next.info().map_err(err)?;
            let plan = next.plan(Utc::now().date_naive()).map_err(err)?;
            println!(
                "created {} for {} {} with {} milestones; draft due {}",
                out.display(),
                info.title,
                info.year,
                plan.milestones.len(),
                plan.draft_deadline.map_or("-".to_string(), |d| d.to_string())
            );
        }
        Command::New { file, title, year, meeting, force } => {
            let mut p = Project::create(&file, &NewBpf { title, year, meeting: meeting.input() }, force)
                .map_err(err)?;
            let plan = p.plan(Utc::now().date_naive()).map_err(err)?;
            println!(
                "created {} with {} milestones; draft due {}",
                file.display(),
                plan.milestones.len(),
                plan.draft_deadline.map(|d| d.to_string()).unwrap_or_default()
            );
        }
        Command::Demo { file, force } => {
            Project::create_demo(&file, force).map_err(err)?;
            println!("created {} (demo: IGF 2020 BPF Cybersecurity)", file.display());
        }
        Command::Plan { file, json, today: day } => {
            let day = today(day.as_deref())?;
            let plan = Project::open(&file).map_err(err)?.plan(day).map_err(err)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&plan).map_err(err)?);
            } else {
                print_plan(&plan);
            }
        }
        Command::SetMeeting { file, meeting } => {
            let moved = Project::open(&file).map_err(err)?.set_meeting(&meeting.input()).map_err(err)?;
            for m in &moved {
                println!("moved \"{}\": {} -> {}", m.title, m.from, m.to);
            }
            println!("annual meeting set; {} derived milestone(s) moved", moved.len());
        }
        Command::DeleteMilestone { file, id } => {
            let r = Project::open(&file).map_err(err)?.delete_milestone(id, Utc::now()).map_err(err)?;
            println!("deleted {} (undo: bpf-desk undo {} {})", r.label, file.display(), r.undo_id);
        }
        Command::Undo { file, id, last, json: as_json } => undo(file, id, last, as_json)?,
        Command::AddMilestone { file, title, date, end, owner, kind } => {
            let kind = MilestoneKind::parse(&kind).ok_or_else(|| {
                let all: Vec<&str> = MilestoneKind::ALL.iter().map(|k| k.as_str()).collect();
                format!("unknown milestone kind \"{kind}\": use one of {}", all.join(", "))
            })?;
            let input = MilestoneInput {
                title,
                kind,
                date: parse_date(&date).map_err(err)?,
                end_date: end.as_deref().map(parse_date).transpose().map_err(err)?,
                owner,
                workstream_id: None,
                status: MilestoneStatus::Planned,
                derived: None,
                notes: String::new(),
            };
            let id = Project::open(&file).map_err(err)?.add_milestone(&input).map_err(err)?;
            println!("added milestone {id}");
        }
        Command::ExportIcs { file, out } => {
            let n = Project::open(&file).map_err(err)?.export_ics(&out, Utc::now()).map_err(err)?;
            println!("wrote {} ({n} events)", out.display());
        }
        Command::SaveCopy { file, out } => {
            Project::open(&file).map_err(err)?.save_copy(&out).map_err(err)?;
            println!("wrote {}", out.display());
        }
        Command::Backup(c) => backups::backup(c)?,
        Command::Meeting(m) => meeting(m)?,
        Command::Mail(m) => mail::mail(m)?,
        Command::Report(r) => report::report(r)?,
        Command::People(c) => people::people(c)?,
        Command::Call(c) => contributions::call(c)?,
        Command::Comments(c) => comments::comments(c)?,
        Command::Institution(c) => dissemination::institution(c)?,
        Command::Letters { file, out, today, json } => dissemination::letters(file, out, today, json)?,
        Command::Sent { file, institution, on, channel, note, today } => {
            dissemination::sent(file, institution, on, channel, note, today)?
        }
        Command::PressRelease { file, out, today } => dissemination::press(file, out, today)?,
        Command::Outreach(c) => dissemination::outreach(c)?,
        Command::Scorecard { file, json: as_json, today: day, out } => scorecard(file, as_json, day, out)?,
        Command::Home { file, json: as_json, today: day } => {
            let h = Project::open_read_only(&file).map_err(err)?.home(today(day.as_deref())?).map_err(err)?;
            show(&h, as_json, |_| {
                println!("{} {} — {}", h.title, h.year, bpf_domain::home::countdown(&h));
                for d in &h.deadlines {
                    let when = if d.late {
                        format!("{} days late", -d.days_left)
                    } else {
                        format!("in {} days", d.days_left)
                    };
                    println!("  {}  {:<50} {when}", d.date, d.title);
                }
                for w in &h.warnings {
                    println!("  ! {}", w.message);
                }
                println!(
                    "  scorecard: {} met, {} not met, {} not yet due",
                    h.scorecard.met, h.scorecard.not_met, h.scorecard.not_yet_due
                );
                for a in &h.activity {
                    println!("  {}  {}", a.on, a.text);
                }
            })?;
        }
        Command::Scorecards { files, json: as_json, today: day } => {
            let rows = bpf_app::scorecards(&files, today(day.as_deref())?);
            show(&rows, as_json, |_| {
                for r in &rows {
                    match (&r.scorecard, &r.error) {
                        (Some(c), _) => {
                            let marks: String = c
                                .metrics
                                .iter()
                                .map(|m| match m.status {
                                    bpf_domain::scorecard::MetricStatus::Met => '+',
                                    bpf_domain::scorecard::MetricStatus::NotMet => '-',
                                    bpf_domain::scorecard::MetricStatus::NotYetDue => '.',
                                })
                                .collect();
                            println!("{marks}  {} met  {} {} ({})", c.met, c.title, c.year, r.path);
                        }
                        (None, e) => println!("?  {}: {}", r.path, e.as_deref().unwrap_or("")),
                    }
                }
            })?;
        }
        Command::Compare { files, json: as_json } => {
            let years = files
                .iter()
                .map(|f| {
                    Project::open_read_only(f).and_then(|mut p| p.year_figures()).map_err(|e| e.to_string())
                })
                .collect::<Result<Vec<_>, _>>()?;
            show(&years, as_json, |_| {
                let row = |label: &str, f: &dyn Fn(&bpf_app::YearFigures) -> u32| {
                    let cells: String = years.iter().map(|y| format!("{:>10}", f(y))).collect();
                    println!("{label:<28}{cells}");
                };
                let head: String = years.iter().map(|y| format!("{:>10}", y.year)).collect();
                println!("{:<28}{head}", "");
                row("open meetings held", &|y| y.open_meetings_held);
                row("attendances", &|y| y.attendances);
                row("attendees", &|y| y.attendees);
                row("list messages", &|y| y.messages);
                row("list posters", &|y| y.posters);
                row("contributions", &|y| y.contributions);
                row("people in the register", &|y| y.people);
                row("attendee groups (of 6)", &|y| y.attendee_groups);
                row("attendee regions (of 5)", &|y| y.attendee_regions);
            })?;
        }
        Command::Proposal { file, format, out, json: as_json, today: day } => {
            let mut project = Project::open(&file).map_err(err)?;
            if let (Some(format), Some(out)) = (format, out) {
                let format = bpf_app::ReportFormat::parse(&format).unwrap_or(bpf_app::ReportFormat::Pdf);
                project.export_proposal(format, &out, today(day.as_deref())?).map_err(err)?;
                eprintln!("wrote {}", out.display());
            }
            let view = project.proposal().map_err(err)?;
            show(&view, as_json, |_| {
                if view.problems.is_empty() {
                    println!("the proposal follows the template's rules");
                }
                for p in &view.problems {
                    println!("{}: {}", p.field, p.message);
                }
            })?;
        }
        Command::ProposalEdit { file, relevance, outreach, indicator, returning } => {
            let read = |p: &PathBuf| std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()));
            let mut project = Project::open(&file).map_err(err)?;
            let mut text = project.proposal().map_err(err)?.text;
            if let Some(p) = &relevance {
                text.relevance = read(p)?;
            }
            if let Some(p) = &outreach {
                text.outreach_plan = read(p)?;
            }
            for spec in &indicator {
                let (key, path) =
                    spec.split_once('=').ok_or_else(|| format!("\"{spec}\": write KEY=FILE"))?;
                let key = bpf_domain::proposal::Indicator::parse(key.trim())
                    .ok_or_else(|| format!("\"{key}\" is not an indicator"))?;
                let t = read(&PathBuf::from(path))?;
                if let Some(slot) = text.indicators.iter_mut().find(|(k, _)| *k == key) {
                    slot.1 = t;
                }
            }
            if let Some(r) = returning {
                text.returning = r;
            }
            let view = project.save_proposal(&text).map_err(err)?;
            println!("saved; {} rule(s) still broken", view.problems.len());
        }
        Command::Contribution(c) => contributions::contribution(c)?,
        Command::Place(p) => place(p)?,
    }
    Ok(())
}

/// "1 row", "2 rows".
fn count(n: u32, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

fn json(value: &impl serde::Serialize) -> Result<(), Failure> {
    println!("{}", serde_json::to_string_pretty(value).map_err(err)?);
    Ok(())
}

fn undo(file: PathBuf, id: Option<i64>, last: bool, as_json: bool) -> Result<(), Failure> {
    let mut project = Project::open(&file).map_err(err)?;
    let list = project.undo_list().map_err(err)?;
    let chosen = match (id, last) {
        (Some(id), _) => Some(id),
        (None, true) => Some(list.first().ok_or("nothing to undo")?.id),
        (None, false) => None,
    };
    match chosen {
        Some(id) => {
            let label = project.undo(id).map_err(err)?;
            println!("put back {label}");
            Ok(())
        }
        None => show(&list, as_json, |list| {
            if list.is_empty() {
                println!("nothing to undo");
            }
            for u in list {
                println!("{:>4}  {}  {}", u.id, u.removed_at.format("%Y-%m-%d %H:%M UTC"), u.label);
            }
        }),
    }
}

fn scorecard(file: PathBuf, as_json: bool, day: Option<String>, out: Option<PathBuf>) -> Result<(), Failure> {
    let day = today(day.as_deref())?;
    let mut project = Project::open_read_only(&file).map_err(err)?;
    let card = project.scorecard(day).map_err(err)?;
    if let Some(out) = out {
        let format = bpf_app::ReportFormat::parse(&extension(&out))
            .ok_or_else(|| format!("{}: write the scorecard as .pdf or .docx", out.display()))?;
        project.export_scorecard(format, &out, day).map_err(err)?;
        eprintln!("wrote {}", out.display());
    }
    show(&card, as_json, |_| {
        for m in &card.metrics {
            println!("{:<12} {}\n             {}", m.status.label(), m.title, m.evidence);
        }
        println!("{} met, {} not met, {} not yet due on {day}", card.met, card.not_met, card.not_yet_due);
    })
}

/// The extension of a file to write, lower case ("" when none): it chooses the format.
fn extension(out: &Path) -> String {
    out.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default()
}

/// Prints `value` as JSON, or as the lines `text` writes.
fn show<T: serde::Serialize>(value: &T, as_json: bool, text: impl FnOnce(&T)) -> Result<(), Failure> {
    if as_json {
        json(value)
    } else {
        text(value);
        Ok(())
    }
}

fn meeting(cmd: MeetingCommand) -> Result<(), Failure> {
    match cmd {
        MeetingCommand::Add { file, title, start, zone, minutes, kind, link } => {
            let kind = MeetingKind::parse(&kind).ok_or_else(|| {
                let all: Vec<&str> = MeetingKind::ALL.iter().map(|k| k.as_str()).collect();
                format!("unknown meeting kind \"{kind}\": use one of {}", all.join(", "))
            })?;
            let form = MeetingForm {
                title,
                kind,
                local_start: start,
                zone,
                minutes,
                join_url: link,
                agenda: Vec::new(),
                announced_on: String::new(),
                status: MeetingStatus::Planned,
                materials: Vec::new(),
                summary: String::new(),
            };
            let mut p = Project::open(&file).map_err(err)?;
            let id = p.add_meeting(&form).map_err(err)?;
            let m = p.meeting(id).map_err(err)?;
            println!("added meeting {id}: {} UTC ({})", m.start.format("%Y-%m-%d %H:%M"), m.zone);
        }
        MeetingCommand::List { file, json: as_json } => {
            let meetings = Project::open(&file).map_err(err)?.meetings().map_err(err)?;
            if as_json {
                return json(&meetings);
            }
            for m in &meetings {
                println!(
                    "{:>3}  {} UTC  {:>3} min  {:<9}  {}",
                    m.id,
                    m.start.format("%Y-%m-%d %H:%M"),
                    m.minutes,
                    m.status.as_str(),
                    m.title
                );
            }
        }
        MeetingCommand::Ics { file, id, out } => {
            Project::open(&file).map_err(err)?.export_meeting_ics(id, &out, Utc::now()).map_err(err)?;
            println!("wrote {}", out.display());
        }
        MeetingCommand::Announce { file, id, out } => {
            Project::open(&file)
                .map_err(err)?
                .export_meeting_announcement(id, &out, Utc::now())
                .map_err(err)?;
            println!("wrote {}", out.display());
        }
        MeetingCommand::Attendance { file, id, report, map } => {
            let bytes = std::fs::read(&report).map_err(|e| format!("{}: {e}", report.display()))?;
            let columns =
                map.map(|spec| bpf_app::attendance_columns(&bytes, &spec)).transpose().map_err(err)?;
            let s = Project::open(&file).map_err(err)?.import_attendance(id, &bytes, columns).map_err(err)?;
            println!(
                "{} from {} ({}, {} from the coordinating team), {} person-minutes",
                count(s.attendees, "attendee"),
                count(s.rows, "row"),
                count(s.guests, "guest"),
                s.team_members,
                s.minutes
            );
        }
        MeetingCommand::Summary { file, id, out } => {
            Project::open(&file).map_err(err)?.export_meeting_summary(id, &out).map_err(err)?;
            println!("wrote {}", out.display());
        }
        MeetingCommand::Delete { file, id } => {
            let r = Project::open(&file).map_err(err)?.delete_meeting(id, Utc::now()).map_err(err)?;
            println!("deleted {} (undo: bpf-desk undo {} {})", r.label, file.display(), r.undo_id);
        }
        MeetingCommand::Status { file, id, status } => {
            let s = MeetingStatus::parse(&status)
                .ok_or_else(|| format!("unknown status \"{status}\": use planned, held or cancelled"))?;
            Project::open(&file).map_err(err)?.set_meeting_status(id, s).map_err(err)?;
            println!("meeting {id} is {status}");
        }
        MeetingCommand::Times { file, id, json: as_json } => {
            let times = Project::open(&file).map_err(err)?.local_times(id).map_err(err)?;
            if as_json {
                return json(&times);
            }
            for t in &times {
                println!(
                    "{:<24} {} to {} {} ({})  {:?}",
                    t.place,
                    t.start.replace('T', " "),
                    &t.end[11..],
                    t.abbreviation,
                    t.utc_offset,
                    t.part
                );
            }
        }
        MeetingCommand::Slots {
            file,
            from,
            to,
            minutes,
            step,
            skip_weekends,
            avoid_summer,
            top,
            series,
            json: as_json,
        } => {
            let q = SlotQuery {
                from: parse_date(&from).map_err(err)?,
                to: parse_date(&to).map_err(err)?,
                minutes,
                step_minutes: step,
                skip_weekends,
                avoid_summer,
            };
            let mut p = Project::open(&file).map_err(err)?;
            let slots = match series {
                Some(n) => p.rotation(&q, n).map_err(err)?,
                None => p.find_slots(&q, top).map_err(err)?,
            };
            if as_json {
                return json(&slots);
            }
            for s in &slots {
                let who: Vec<String> = s
                    .payers
                    .iter()
                    .map(|c| {
                        format!("{} {} {} ({:.2})", c.place, &c.local_start[11..], c.abbreviation, c.burden)
                    })
                    .collect();
                println!(
                    "{} UTC  burden {:>6.2}  {}",
                    s.start.format("%a %Y-%m-%d %H:%M"),
                    s.burden,
                    if who.is_empty() { "everyone within 07:00-22:00".to_string() } else { who.join("; ") }
                );
            }
        }
    }
    Ok(())
}

fn place(cmd: PlaceCommand) -> Result<(), Failure> {
    match cmd {
        PlaceCommand::Add { file, name, zone, participants } => {
            let id = Project::open(&file)
                .map_err(err)?
                .add_place(&PlaceInput { name, zone, participants })
                .map_err(err)?;
            println!("added place {id}");
        }
        PlaceCommand::List { file, json: as_json } => {
            let places = Project::open(&file).map_err(err)?.places().map_err(err)?;
            if as_json {
                return json(&places);
            }
            for p in &places {
                println!("{:>3}  {:<24} {:<28} {}", p.id, p.name, p.zone, p.participants);
            }
        }
    }
    Ok(())
}

fn print_plan(plan: &PlanView) {
    let p = &plan.year.profile;
    println!("{} ({})", p.title, p.year);
    if let Some(m) = &plan.year.meeting {
        println!("annual meeting: {} to {}, {} ({})", m.start, m.end, m.place, m.zone);
    }
    match plan.draft_deadline {
        Some(d) => {
            println!("draft output for public comment due: {d} (six weeks before the meeting)")
        }
        None => println!("draft output due: unknown (no annual meeting)"),
    }
    println!();
    for v in &plan.milestones {
        let m = &v.milestone;
        let status = match v.effective_status {
            EffectiveStatus::Planned => "planned",
            EffectiveStatus::Done => "done",
            EffectiveStatus::Late => "LATE",
        };
        let end = m.end_date.map(|e| format!(" to {e}")).unwrap_or_default();
        let derived = if m.derived.is_some() { " [derived]" } else { "" };
        println!("{}{end:<14} {status:<8} {}{derived}  {}", m.date, m.title, m.owner);
    }
    if !plan.warnings.is_empty() {
        println!();
        for w in &plan.warnings {
            let code = serde_json::to_value(w.code)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            println!("warning {code}: {}", w.message);
        }
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("bpf-desk: {message}");
            ExitCode::FAILURE
        }
    }
}
