//! Use cases of the mailing list: importing archives and member lists, activity statistics, the
//! "active list" verdict.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use bpf_domain::mail::{
    Granularity, ListMessage, ListStats, ListThresholds, ListVerdict, Snapshot, TeamPoster, list_stats,
    list_verdict, subscriber_changes,
};
use bpf_domain::{InvalidInput, MilestoneKind};
use bpf_mail::archive::{self, DateSource, HeaderReader, Item, Reading};
use bpf_store::{ImportFigures, NewMessage};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{AppError, Project, Result};

/// A part of the input that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReadProblem {
    pub file: String,
    /// 1-based line in the (decompressed) file; 0 for the file as a whole.
    #[ts(type = "number")]
    pub line: u64,
    pub reason: String,
}

/// What an archive import did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MailImportReport {
    pub files: u32,
    #[ts(type = "number")]
    pub messages_read: u64,
    /// New messages stored.
    #[ts(type = "number")]
    pub added: u64,
    /// Messages already stored, or read twice in this import.
    #[ts(type = "number")]
    pub duplicates: u64,
    /// Added messages without a usable date (kept, in no period).
    #[ts(type = "number")]
    pub undated: u64,
    /// Added messages dated from the archive's envelope line (their Date header was unusable).
    #[ts(type = "number")]
    pub dated_from_envelope: u64,
    /// Where the first undated messages are (`file:line`).
    pub undated_at: Vec<String>,
    pub problems: Vec<ReadProblem>,
    /// Bytes read from disk (compressed size for gzip files).
    #[ts(type = "number")]
    pub bytes: u64,
    pub seconds: f64,
    /// Messages in the project after the import.
    #[ts(type = "number")]
    pub total_messages: u64,
}

/// How far an import has come.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportProgress {
    #[ts(type = "number")]
    pub bytes_done: u64,
    #[ts(type = "number")]
    pub bytes_total: u64,
    #[ts(type = "number")]
    pub messages: u64,
    pub files_done: u32,
    pub files_total: u32,
}

/// Which period and granularity the statistics are asked for; `None` dates mean the BPF's active
/// period (kick-off to the end of the annual meeting).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StatsQuery {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub by: Granularity,
}

/// A member-list snapshot read in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SnapshotReport {
    pub snapshot: Snapshot,
    /// An earlier snapshot of the same date was replaced.
    pub replaced: bool,
    /// Lines that were not members: `line N: reason`.
    pub skipped: Vec<String>,
}

/// Everything the mailing-list view shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MailOverview {
    pub stats: ListStats,
    pub verdict: ListVerdict,
    pub snapshots: Vec<Snapshot>,
    pub thresholds: ListThresholds,
    /// The BPF's active period, the default of the statistics.
    pub active_from: NaiveDate,
    pub active_to: NaiveDate,
    pub imports: u32,
}

/// How many top threads and top posters the statistics list.
const TOP: usize = 10;
/// Progress is reported at most this often.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);
/// How many undated messages the report locates.
const UNDATED_LISTED: usize = 20;
/// A member list larger than this is not one.
const MAX_MEMBER_LIST: usize = 50 * 1024 * 1024;

fn file_name(path: &std::path::Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

impl Project {
    /// Imports mailing-list archives (files or folders, any mix of pipermail and mbox) as one
    /// transaction: cancelled (`cancel` set) or failed means nothing was added. Messages already
    /// stored (same normalised Message-ID, or same From/Date/Subject without one) are skipped.
    pub fn import_mail(
        &mut self,
        paths: &[PathBuf],
        today: NaiveDate,
        now: DateTime<Utc>,
        cancel: &AtomicBool,
        mut progress: impl FnMut(&ImportProgress),
    ) -> Result<MailImportReport> {
        let started = Instant::now();
        if paths.is_empty() {
            return Err(InvalidInput::Refused("choose at least one archive file or folder".into()).into());
        }
        let (files, mut problems) = archive::collect(paths);
        if files.is_empty() {
            let why = problems.first().map(|p| format!("{}: {}", p.file, p.reason));
            return Err(InvalidInput::Refused(match why {
                Some(w) => format!("nothing to import: {w}"),
                None => {
                    "nothing to import: no archive files (.txt, .txt.gz, .mbox, …) in what was chosen".into()
                }
            })
            .into());
        }
        let reader = HeaderReader::new(today);
        let bytes_read = AtomicU64::new(0);
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(files.len()).max(1);
        let how = Reading { reader: &reader, workers, cancel, bytes_read: &bytes_read };
        let bytes_total: u64 = files.iter().map(|f| f.size).sum();
        let names: Vec<String> = files.iter().map(|f| file_name(&f.path)).collect();
        let mut p = ImportProgress {
            bytes_done: 0,
            bytes_total,
            messages: 0,
            files_done: 0,
            files_total: files.len() as u32,
        };
        progress(&p);
        let mut report = MailImportReport {
            files: files.len() as u32,
            messages_read: 0,
            added: 0,
            duplicates: 0,
            undated: 0,
            dated_from_envelope: 0,
            undated_at: Vec::new(),
            problems: Vec::new(),
            bytes: 0,
            seconds: 0.0,
            total_messages: 0,
        };
        let mut last = Instant::now();
        self.store.write(|tx| -> Result<()> {
            let import_id = tx.begin_mail_import(now)?;
            archive::read_all(&files, &how, |i, item| -> Result<()> {
                if cancel.load(Ordering::Relaxed) {
                    return Err(AppError::Cancelled);
                }
                match item {
                    Item::Message(m) => {
                        report.messages_read += 1;
                        let added = tx.insert_mail_message(
                            import_id,
                            &NewMessage {
                                key: &m.key,
                                message_id: m.message_id(),
                                sent_at: m.sent_at,
                                date_source: m.date_source.as_str(),
                                from_address: &m.from_address,
                                from_name: &m.from_name,
                                subject: &m.subject,
                                in_reply_to: &m.in_reply_to,
                                references: &m.references,
                                body_bytes: m.body_bytes,
                                source_file: &names[i],
                                source_line: m.line,
                            },
                        )?;
                        if added {
                            report.added += 1;
                            match m.date_source {
                                DateSource::None => {
                                    report.undated += 1;
                                    if report.undated_at.len() < UNDATED_LISTED {
                                        report.undated_at.push(format!("{}:{}", names[i], m.line));
                                    }
                                }
                                DateSource::Envelope => report.dated_from_envelope += 1,
                                DateSource::Header => {}
                            }
                        } else {
                            report.duplicates += 1;
                        }
                        p.messages = report.messages_read;
                        if report.messages_read.is_multiple_of(256) && last.elapsed() >= PROGRESS_EVERY {
                            last = Instant::now();
                            p.bytes_done = bytes_read.load(Ordering::Relaxed);
                            progress(&p);
                        }
                    }
                    Item::Done(file) => {
                        problems.extend(file.problems);
                        p.files_done += 1;
                        p.bytes_done = bytes_read.load(Ordering::Relaxed);
                        progress(&p);
                    }
                }
                Ok(())
            })?;
            if cancel.load(Ordering::Relaxed) {
                return Err(AppError::Cancelled);
            }
            report.bytes = bytes_read.load(Ordering::Relaxed);
            report.problems = problems
                .drain(..)
                .map(|p| ReadProblem { file: p.file, line: p.line, reason: p.reason })
                .collect();
            report.seconds = started.elapsed().as_secs_f64();
            report.total_messages = tx.mail_message_count()?;
            tx.finish_mail_import(
                import_id,
                &ImportFigures {
                    files: u64::from(report.files),
                    messages_read: report.messages_read,
                    added: report.added,
                    duplicates: report.duplicates,
                    undated: report.undated,
                    problems: report.problems.len() as u64,
                    seconds: report.seconds,
                },
            )?;
            Ok(())
        })?;
        report.seconds = started.elapsed().as_secs_f64();
        Ok(report)
    }

    /// The BPF's active period: from the kick-off (else 1 January) to the last day of the annual
    /// meeting (else 31 December) of the BPF's year.
    pub fn active_period(&mut self) -> Result<(NaiveDate, NaiveDate)> {
        let year = self.store.read(|tx| tx.year())?;
        let y = year.profile.year;
        let jan1 = NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or_default();
        let dec31 = NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or_default();
        let from = year.milestones.iter().filter(|m| m.kind == MilestoneKind::KickOff).map(|m| m.date).min();
        let to = year.meeting.as_ref().map(|m| m.end);
        let from = from.unwrap_or(jan1);
        let to = to.filter(|t| *t >= from).unwrap_or(dec31.max(from));
        Ok((from, to))
    }

    /// The period of `q`, the active period where it gives no dates.
    fn resolve(&mut self, q: &StatsQuery) -> Result<(NaiveDate, NaiveDate)> {
        let active = self.active_period()?;
        period_of(q, active)
    }

    /// The archived messages and the coordinating team, as the statistics see them.
    fn list_evidence(&mut self) -> Result<(Vec<ListMessage>, Vec<TeamPoster>)> {
        let (messages, team) =
            self.store.read(|tx| -> Result<_> { Ok((tx.list_messages()?, tx.team()?)) })?;
        let team = team.into_iter().map(|t| TeamPoster { name: t.name, email: t.email }).collect();
        Ok((messages, team))
    }

    /// Activity of the list over a period, by month or week.
    pub fn mail_stats(&mut self, q: &StatsQuery) -> Result<ListStats> {
        let (from, to) = self.resolve(q)?;
        let (messages, team) = self.list_evidence()?;
        Ok(list_stats(&messages, &team, from, to, q.by, TOP))
    }

    /// The snapshots of the member list, oldest first, with joined and left between them.
    pub fn snapshots(&mut self) -> Result<Vec<Snapshot>> {
        let stored = self.store.read(|tx| tx.snapshots())?;
        let sets: Vec<_> = stored.iter().map(|s| s.addresses.clone()).collect();
        let changes = subscriber_changes(&sets);
        Ok(stored
            .into_iter()
            .zip(changes)
            .map(|(s, (joined, left))| Snapshot {
                id: s.id,
                taken_on: s.taken_on,
                source: s.source,
                subscribers: s.addresses.len() as u32,
                joined,
                left,
            })
            .collect())
    }

    /// Reads a member list taken on `taken_on` (Mailman 3's members CSV or Mailman 2's
    /// `list_members` output) and stores it, replacing a snapshot of the same date.
    pub fn import_snapshot(
        &mut self,
        bytes: &[u8],
        source: &str,
        taken_on: NaiveDate,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<SnapshotReport> {
        if taken_on > today {
            return Err(InvalidInput::Date(format!(
                "the member list cannot have been taken on {taken_on}, after today ({today})"
            ))
            .into());
        }
        if bytes.len() > MAX_MEMBER_LIST {
            return Err(InvalidInput::Refused(format!(
                "{source} is {} MB: a member list is at most 50 MB",
                bytes.len() / (1024 * 1024)
            ))
            .into());
        }
        let list = bpf_mail::members::read_members(bytes)
            .map_err(|e| InvalidInput::Refused(format!("{source} was not read as a member list: {e}")))?;
        let (id, replaced) = self.store.write(|tx| tx.put_snapshot(taken_on, source, &list.members, now))?;
        let snapshot = self
            .snapshots()?
            .into_iter()
            .find(|s| s.id == id)
            .ok_or(AppError::Store(bpf_store::StoreError::Missing { what: "snapshot", id }))?;
        let skipped =
            list.skipped.into_iter().map(|(line, reason)| format!("line {line}: {reason}")).collect();
        Ok(SnapshotReport { snapshot, replaced, skipped })
    }

    pub fn delete_snapshot(&mut self, id: i64) -> Result<()> {
        self.store.write(|tx| tx.delete_snapshot(id))?;
        Ok(())
    }

    pub fn set_list_thresholds(&mut self, t: ListThresholds) -> Result<()> {
        if t.min_subscribers > 1_000_000 || t.min_messages_per_month > 100_000 {
            return Err(InvalidInput::Refused("the thresholds are implausibly high".into()).into());
        }
        self.store.write(|tx| tx.set_list_thresholds(t))?;
        Ok(())
    }

    /// The "active list" verdict over the period of `q` (by month whatever `q.by` says).
    pub fn list_verdict(&mut self, q: &StatsQuery) -> Result<ListVerdict> {
        let (from, to) = self.resolve(q)?;
        let (messages, team) = self.list_evidence()?;
        let monthly = list_stats(&messages, &team, from, to, Granularity::Month, TOP);
        let snapshots = self.snapshots()?;
        let thresholds = self.store.read(|tx| tx.list_thresholds())?;
        Ok(list_verdict(&monthly, &snapshots, thresholds))
    }

    /// Statistics, verdict, snapshots and thresholds in one answer, for the mailing-list view:
    /// the messages are read once, and the monthly figures of the verdict are the statistics
    /// themselves when they are by month.
    pub fn mail_overview(&mut self, q: &StatsQuery) -> Result<MailOverview> {
        let (active_from, active_to) = self.active_period()?;
        let (from, to) = period_of(q, (active_from, active_to))?;
        let (messages, team) = self.list_evidence()?;
        let stats = list_stats(&messages, &team, from, to, q.by, TOP);
        let monthly = (q.by != Granularity::Month)
            .then(|| list_stats(&messages, &team, from, to, Granularity::Month, TOP));
        let snapshots = self.snapshots()?;
        let (thresholds, imports) = self
            .store
            .read(|tx| -> Result<_> { Ok((tx.list_thresholds()?, tx.mail_imports()?.len() as u32)) })?;
        let verdict = list_verdict(monthly.as_ref().unwrap_or(&stats), &snapshots, thresholds);
        Ok(MailOverview { stats, verdict, snapshots, thresholds, active_from, active_to, imports })
    }

    /// The figures of `q` as CSV, one row per period, written atomically to `dest`.
    pub fn export_mail_stats(&mut self, q: &StatsQuery, dest: &std::path::Path) -> Result<()> {
        let stats = self.mail_stats(q)?;
        crate::write_atomically(dest, stats_csv(&stats).as_bytes())
    }
}

/// The period of `q` (`active` where it gives no dates), checked.
fn period_of(q: &StatsQuery, active: (NaiveDate, NaiveDate)) -> Result<(NaiveDate, NaiveDate)> {
    let (from, to) = (q.from.unwrap_or(active.0), q.to.unwrap_or(active.1));
    if to < from {
        return Err(InvalidInput::Date(format!("the period ends ({to}) before it starts ({from})")).into());
    }
    if (to - from).num_days() > 366 * 60 {
        return Err(InvalidInput::Refused("the period is longer than 60 years".into()).into());
    }
    Ok((from, to))
}

/// The figures of `stats` as CSV: a header, one row per period, then a total row.
pub fn stats_csv(stats: &ListStats) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "period",
        "start",
        "messages",
        "posters",
        "new_posters",
        "threads",
        "replies",
        "team_messages",
    ]);
    for p in &stats.periods {
        let _ = w.write_record([
            p.period.clone(),
            p.start.to_string(),
            p.messages.to_string(),
            p.posters.to_string(),
            p.new_posters.to_string(),
            p.threads.to_string(),
            p.replies.to_string(),
            p.team_messages.to_string(),
        ]);
    }
    let _ = w.write_record([
        format!("total {}–{}", stats.from, stats.to),
        stats.from.to_string(),
        stats.messages.to_string(),
        stats.posters.to_string(),
        stats.new_posters.to_string(),
        stats.threads.to_string(),
        stats.replies.to_string(),
        stats.team_messages.to_string(),
    ]);
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
