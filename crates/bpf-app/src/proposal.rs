//! The proposal composer: the template's fields with their guidance, the hard rules checked, and
//! the proposal written as PDF or DOCX in the house style; a returning BPF's scorecard and balance
//! are attached as evidence.

use std::path::Path;

use bpf_domain::balance::BalanceSet;
use bpf_domain::proposal::{Indicator, ProposalProblem, ProposalText, check_proposal, interested};
use bpf_domain::{Role, TeamMember};
use bpf_report::model::{Align, Block};
use bpf_report::pdf::Typesetter;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::documents::{BriefHead, BriefPart};
use crate::report::{ReportFormat, render};
use crate::{Project, Result, write_atomically};

/// An indicator's field as the composer shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IndicatorField {
    pub key: Indicator,
    pub label: String,
    pub guidance: String,
    pub text: String,
}

/// The composer's view: the profile's title, topic and goal, the facilitators, the organisations
/// that signalled interest, the texts, and what still breaks the template's rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProposalView {
    pub title: String,
    pub topic: String,
    pub goal: String,
    pub facilitators: Vec<TeamMember>,
    pub interested: Vec<String>,
    pub text: ProposalText,
    pub indicators: Vec<IndicatorField>,
    pub problems: Vec<ProposalProblem>,
}

fn who(t: &TeamMember) -> String {
    let mut s = t.name.clone();
    if !t.organisation.is_empty() {
        s.push_str(&format!(" ({})", t.organisation));
    }
    s.push_str(&format!(", {}", t.role.label()));
    if t.mag_member {
        s.push_str(", MAG member");
    }
    s
}

impl Project {
    pub fn proposal(&mut self) -> Result<ProposalView> {
        self.store.read(|tx| {
            let (profile, team, invitations, text) =
                (tx.profile()?, tx.team()?, tx.invitations()?, tx.proposal()?);
            let problems = check_proposal(&profile, &team, &invitations, &text);
            let mut facilitators: Vec<TeamMember> =
                team.into_iter().filter(|t| t.role.is_facilitator()).collect();
            facilitators.sort_by_key(|t| (t.role != Role::MagFacilitator, t.name.clone()));
            Ok(ProposalView {
                indicators: text
                    .indicators
                    .iter()
                    .map(|(k, t)| IndicatorField {
                        key: *k,
                        label: k.label().into(),
                        guidance: k.guidance().into(),
                        text: t.clone(),
                    })
                    .collect(),
                title: profile.title,
                topic: profile.topic,
                goal: profile.goal,
                facilitators,
                interested: interested(&invitations),
                text,
                problems,
            })
        })
    }

    /// Saves the proposal's texts (trimmed); returns the view with the rules checked again.
    pub fn save_proposal(&mut self, text: &ProposalText) -> Result<ProposalView> {
        let limit = |what: &'static str, s: &str| -> Result<String> {
            let len = s.chars().count();
            if len > 20_000 {
                return Err(bpf_domain::InvalidInput::TooLong { what, len, max: 20_000 }.into());
            }
            Ok(s.trim().to_string())
        };
        let mut clean = ProposalText {
            relevance: limit("the relevance", &text.relevance)?,
            outreach_plan: limit("the outreach plan", &text.outreach_plan)?,
            indicators: Vec::new(),
            returning: text.returning,
        };
        for i in Indicator::ALL {
            let t = text.indicators.iter().find(|(k, _)| *k == i).map_or("", |(_, t)| t.as_str());
            clean.indicators.push((i, limit("an indicator", t)?));
        }
        self.store.write(|tx| tx.set_proposal(&clean))?;
        self.proposal()
    }

    /// The proposal as a document; refused while a hard rule is broken (the first one named).
    pub fn export_proposal(&mut self, format: ReportFormat, dest: &Path, today: NaiveDate) -> Result<()> {
        let view = self.proposal()?;
        if let Some(p) = view.problems.first() {
            return Err(bpf_domain::InvalidInput::Refused(format!(
                "the proposal breaks {} of the template's rules: {}",
                view.problems.len(),
                p.message
            ))
            .into());
        }
        let year = self.store.read(|tx| tx.profile())?.year;
        let para = |title: &str, text: &str| BriefPart {
            title: title.into(),
            markdown: text.into(),
            generated: Vec::new(),
        };
        let list = |items: Vec<String>| Block::List {
            ordered: false,
            start: 1,
            items: items
                .into_iter()
                .map(|i| vec![Block::Paragraph { content: vec![bpf_report::Inline::text(i)] }])
                .collect(),
        };
        let mut parts = vec![
            BriefPart {
                title: "Facilitators".into(),
                markdown: String::new(),
                generated: vec![list(view.facilitators.iter().map(who).collect())],
            },
            para("Topic and focus", &view.topic),
            para("Goal", &view.goal),
            para("Relevance", &view.text.relevance),
            BriefPart {
                title: "Outreach plan".into(),
                markdown: view.text.outreach_plan.clone(),
                generated: vec![
                    Block::Paragraph {
                        content: vec![bpf_report::Inline::text("Organisations that signalled interest:")],
                    },
                    list(view.interested.clone()),
                ],
            },
        ];
        let written: Vec<&IndicatorField> =
            view.indicators.iter().filter(|i| !i.text.trim().is_empty()).collect();
        if !written.is_empty() {
            let mut md = String::new();
            for i in written {
                md.push_str(&format!("## {}\n\n{}\n\n", i.label, i.text.trim()));
            }
            parts.push(para("Qualitative indicators", &md));
        }
        if view.text.returning {
            let card = self.scorecard(today)?;
            let rows = card
                .metrics
                .iter()
                .map(|m| vec![m.title.clone(), m.status.label().to_string(), m.evidence.clone()])
                .collect();
            let balance = self.balance()?;
            let mut generated = vec![bpf_report::facts::table(
                &format!("The BPF's scorecard on {}", bpf_domain::report::long_date(today)),
                &["Metric", "Status", "Evidence"],
                &[Align::Left, Align::Left, Align::Left],
                rows,
            )];
            for t in balance.tables.iter().filter(|t| {
                t.total > 0
                    && matches!(
                        t.set,
                        BalanceSet::Attendance | BalanceSet::Posters | BalanceSet::Contributions
                    )
            }) {
                let mut header: Vec<&str> = vec!["Stakeholder group"];
                header.extend(balance.regions.iter().map(|r| r.short()));
                header.extend(["Not known", "Total"]);
                let labels = balance.groups.iter().map(|g| g.label()).chain(["Not known"]);
                let rows = labels
                    .zip(t.cells.iter().zip(&t.by_group))
                    .map(|(label, (row, total))| {
                        std::iter::once(label.to_string())
                            .chain(row.iter().map(u32::to_string))
                            .chain([total.to_string()])
                            .collect()
                    })
                    .collect();
                let mut align = vec![Align::Left];
                align.extend(std::iter::repeat_n(Align::Right, header.len() - 1));
                generated.push(bpf_report::facts::table(
                    &format!("{} by stakeholder group and region", t.label),
                    &header,
                    &align,
                    rows,
                ));
            }
            parts.push(BriefPart {
                title: format!("Evidence from {year}"),
                markdown: String::new(),
                generated,
            });
        }
        let head = BriefHead {
            title: view.title.clone(),
            label: format!(
                "Proposal for a Best Practice Forum, IGF {}",
                year + i32::from(view.text.returning)
            ),
            date: today,
            note: None,
            addressee: Vec::new(),
        };
        let doc = self.brief(head, parts)?;
        write_atomically(dest, &render(&doc, format, &Typesetter::new())?)
    }
}
