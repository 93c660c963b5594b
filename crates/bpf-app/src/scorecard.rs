//! The scorecard use cases: the metrics of a completed BPF from the project's data, and the
//! one-page PDF / DOCX of it.

use std::path::Path;

use bpf_domain::balance::{Balance, BalanceSet};
use bpf_domain::mail::Granularity;
use bpf_domain::report::long_date;
use bpf_domain::scorecard::{Scorecard, ScorecardInputs, scorecard};
use bpf_report::model::{Align, Block};
use bpf_report::pdf::Typesetter;
use chrono::NaiveDate;

use crate::documents::{BriefHead, BriefPart};
use crate::report::{ReportFormat, render};
use crate::{Project, Result, StatsQuery, write_atomically};

/// The attendance's missing groups and regions and its summary, when attendance is recorded.
fn attendance_summary(b: &Balance) -> Option<(Vec<String>, String)> {
    let t = b.tables.iter().find(|t| t.set == BalanceSet::Attendance)?;
    if t.total == 0 {
        return None;
    }
    let groups = b.groups.len();
    let regions = b.regions.len();
    let known_groups: u32 = t.by_group[..groups].iter().sum();
    let known_regions: u32 = t.by_region[..regions].iter().sum();
    // The evidence shows every group and region nobody is known to come from, even when the
    // register does not know the other attendees.
    let missing: Vec<String> = if known_groups == 0 && known_regions == 0 {
        vec!["every stakeholder group and region (no attendee has a group or country in the register)".into()]
    } else {
        let groups =
            b.groups.iter().zip(&t.by_group).filter(|(_, n)| **n == 0).map(|(g, _)| g.label().to_string());
        let regions =
            b.regions.iter().zip(&t.by_region).filter(|(_, n)| **n == 0).map(|(r, _)| r.label().to_string());
        groups.chain(regions).collect()
    };
    let present_groups = t.by_group[..groups].iter().filter(|n| **n > 0).count();
    let present_regions = t.by_region[..regions].iter().filter(|n| **n > 0).count();
    let unknown = t.total - known_groups.min(known_regions);
    let mut summary = format!(
        "{} attendees from {present_groups} of {groups} stakeholder groups and {present_regions} of {regions} regions",
        t.total
    );
    if unknown > 0 {
        summary.push_str(&format!(" ({unknown} without a group or country in the register)"));
    }
    summary.push('.');
    Some((missing, summary))
}

impl Project {
    /// The scorecard as of `today`.
    pub fn scorecard(&mut self, today: NaiveDate) -> Result<Scorecard> {
        let (year, publications, messages) = self
            .store
            .read(|tx| -> Result<_> { Ok((tx.year()?, tx.publications()?, tx.list_messages()?.len())) })?;
        let list = if messages == 0 && self.snapshots()?.is_empty() {
            None
        } else {
            Some(self.list_verdict(&StatsQuery { from: None, to: None, by: Granularity::Month })?)
        };
        let balance = attendance_summary(&self.balance()?);
        Ok(scorecard(&ScorecardInputs {
            year: &year,
            publications: &publications,
            list: list.as_ref(),
            balance,
            today,
        }))
    }

    /// The scorecard on one page, in the report's house style.
    pub fn export_scorecard(&mut self, format: ReportFormat, dest: &Path, today: NaiveDate) -> Result<()> {
        let card = self.scorecard(today)?;
        let rows = card
            .metrics
            .iter()
            .map(|m| {
                let evidence = match &m.link {
                    Some(link) if !m.evidence.contains(link.as_str()) => format!("{} {link}", m.evidence),
                    _ => m.evidence.clone(),
                };
                vec![m.title.clone(), m.status.label().to_string(), evidence]
            })
            .collect();
        let table = bpf_report::facts::table(
            "The metrics of a completed BPF",
            &["Metric", "Status", "Evidence"],
            &[Align::Left, Align::Left, Align::Left],
            rows,
        );
        let summary = format!(
            "On {}: {} of {} metrics met, {} not met, {} not yet due.",
            long_date(today),
            card.met,
            card.metrics.len(),
            card.not_met,
            card.not_yet_due
        );
        let head = BriefHead {
            title: "Scorecard".into(),
            label: format!("IGF {} {}", card.year, card.title.trim()),
            date: today,
            note: Some(summary),
            addressee: Vec::new(),
        };
        let doc = self.brief(
            head,
            vec![BriefPart {
                title: String::new(),
                markdown: String::new(),
                generated: vec![table as Block],
            }],
        )?;
        write_atomically(dest, &render(&doc, format, &Typesetter::new())?)
    }
}
