//! `bpf-desk mail …`: the mailing list's archives, member lists and figures.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use bpf_app::{MailImportReport, Project, StatsQuery};
use bpf_domain::mail::{Granularity, ListThresholds, Verdict};
use bpf_domain::parse_date;
use chrono::Utc;
use clap::Subcommand;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::{Failure, err, json, today};

#[derive(Debug, Subcommand)]
pub enum MailCommand {
    /// Import list archives: pipermail months (.txt, .txt.gz), mbox/mboxrd files, or folders of them
    Import {
        file: PathBuf,
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print the import report as JSON
        #[arg(long)]
        json: bool,
        /// Dates after a year past this day are not believed (default: today)
        #[arg(long)]
        today: Option<String>,
    },
    /// Activity per month or week: messages, posters, new posters, threads, replies
    Stats {
        file: PathBuf,
        #[arg(long)]
        json: bool,
        /// First day (default: the BPF's kick-off)
        #[arg(long)]
        from: Option<String>,
        /// Last day (default: the end of the annual meeting)
        #[arg(long)]
        to: Option<String>,
        #[arg(long, default_value = "month", value_parser = ["month", "week"])]
        by: String,
        /// Write the figures as CSV to this file
        #[arg(long)]
        csv: Option<PathBuf>,
    },
    /// Add a dated snapshot of the member list (Mailman 3 members CSV or Mailman 2 list_members output)
    Subscribers {
        file: PathBuf,
        snapshot: PathBuf,
        /// The day the list was taken
        #[arg(long)]
        date: String,
        #[arg(long)]
        json: bool,
    },
    /// The "active mailing list" verdict with its evidence
    Verdict {
        file: PathBuf,
        #[arg(long)]
        json: bool,
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
    },
    /// Set the thresholds of an active list
    Thresholds {
        file: PathBuf,
        #[arg(long)]
        subscribers: u32,
        #[arg(long = "messages-per-month")]
        messages_per_month: u32,
    },
}

fn query(from: Option<String>, to: Option<String>, by: Granularity) -> Result<StatsQuery, Failure> {
    let date = |s: Option<String>| s.as_deref().map(parse_date).transpose().map_err(err);
    Ok(StatsQuery { from: date(from)?, to: date(to)?, by })
}

fn print_report(r: &MailImportReport) {
    println!(
        "{} file(s) read: {} messages, {} added, {} duplicate(s) skipped, {} without date{}",
        r.files,
        r.messages_read,
        r.added,
        r.duplicates,
        r.undated,
        if r.dated_from_envelope > 0 {
            format!(" ({} dated from the archive's envelope)", r.dated_from_envelope)
        } else {
            String::new()
        }
    );
    for at in &r.undated_at {
        println!("  no usable date: {at}");
    }
    for p in &r.problems {
        if p.line > 0 {
            println!("  unreadable: {}:{}: {}", p.file, p.line, p.reason);
        } else {
            println!("  unreadable: {}: {}", p.file, p.reason);
        }
    }
    let mb = r.bytes as f64 / 1e6;
    println!(
        "{:.1} MB in {:.2} s ({:.1} MB/s, {:.0} messages/s); {} messages in the project",
        mb,
        r.seconds,
        mb / r.seconds.max(1e-9),
        r.messages_read as f64 / r.seconds.max(1e-9),
        r.total_messages
    );
}

pub fn mail(cmd: MailCommand) -> Result<(), Failure> {
    match cmd {
        MailCommand::Import { file, paths, json: as_json, today: day } => {
            let day = today(day.as_deref())?;
            let mut project = Project::open(&file).map_err(err)?;
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            let cancel = AtomicBool::new(false);
            let report = project.import_mail(&paths, day, Utc::now(), &cancel, |p| {
                bar.set_length(p.bytes_total);
                bar.set_position(p.bytes_done);
                bar.set_message(format!("{} messages, file {}/{}", p.messages, p.files_done, p.files_total));
            });
            bar.finish_and_clear();
            let report = report.map_err(err)?;
            if as_json { json(&report)? } else { print_report(&report) }
        }
        MailCommand::Stats { file, json: as_json, from, to, by, csv } => {
            let by = Granularity::parse(&by).unwrap_or(Granularity::Month);
            let q = query(from, to, by)?;
            let mut project = Project::open(&file).map_err(err)?;
            let stats = project.mail_stats(&q).map_err(err)?;
            if let Some(path) = csv {
                project.export_mail_stats(&q, &path).map_err(err)?;
                eprintln!("wrote {}", path.display());
            }
            if as_json {
                json(&stats)?;
            } else {
                println!("period    messages posters new threads replies team");
                for p in &stats.periods {
                    println!(
                        "{:<9} {:>8} {:>7} {:>3} {:>7} {:>7} {:>4}",
                        p.period, p.messages, p.posters, p.new_posters, p.threads, p.replies, p.team_messages
                    );
                }
                println!(
                    "{} to {}: {} messages from {} posters ({} new), {} threads, {} replies, {:.0}% from the team",
                    stats.from,
                    stats.to,
                    stats.messages,
                    stats.posters,
                    stats.new_posters,
                    stats.threads,
                    stats.replies,
                    stats.team_share * 100.0
                );
            }
        }
        MailCommand::Subscribers { file, snapshot, date, json: as_json } => {
            let taken = parse_date(&date).map_err(err)?;
            let bytes = std::fs::read(&snapshot).map_err(|e| format!("{}: {e}", snapshot.display()))?;
            let source = snapshot.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let now = Utc::now();
            let r = Project::open(&file)
                .map_err(err)?
                .import_snapshot(&bytes, &source, taken, now.date_naive(), now)
                .map_err(err)?;
            if as_json {
                json(&r)?;
            } else {
                let s = &r.snapshot;
                print!("{} subscribers on {}", s.subscribers, s.taken_on);
                if let (Some(j), Some(l)) = (s.joined, s.left) {
                    print!(" ({j} joined, {l} left since the snapshot before)");
                }
                println!("{}", if r.replaced { "; replaced the snapshot of that day" } else { "" });
                for line in &r.skipped {
                    println!("  skipped {line}");
                }
            }
        }
        MailCommand::Verdict { file, json: as_json, from, to } => {
            let q = query(from, to, Granularity::Month)?;
            let v = Project::open(&file).map_err(err)?.list_verdict(&q).map_err(err)?;
            if as_json {
                json(&v)?;
            } else {
                let word = |v: Verdict| match v {
                    Verdict::Met => "met",
                    Verdict::NotMet => "not met",
                    Verdict::NoEvidence => "no evidence",
                };
                println!(
                    "active mailing list: {} (subscribers {}, traffic {})",
                    word(v.overall),
                    word(v.subscribers_verdict),
                    word(v.traffic_verdict)
                );
                println!("{}", v.sentence);
            }
        }
        MailCommand::Thresholds { file, subscribers, messages_per_month } => {
            let t =
                ListThresholds { min_subscribers: subscribers, min_messages_per_month: messages_per_month };
            Project::open(&file).map_err(err)?.set_list_thresholds(t).map_err(err)?;
            println!("thresholds set: {subscribers} subscribers, {messages_per_month} messages a month");
        }
    }
    Ok(())
}
